//! Fellegi–Sunter scoring: m/u per level (defaults, u from random pairs, m by EM over the
//! candidate pairs), term-frequency adjustment for names, the prior, and the explanation of
//! every score.

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;

use super::block::{CandPair, RULES};
use super::compare::{Comparator, ExtraMethod, Level, MAX_EXTRA, Prepared};
use super::{FieldComparison, MatchConfig};
use crate::normalize::{NameId, NameKey, Person};

/// The most comparators a model runs (the length of an agreement pattern): the default ones
/// and the extra columns. Slots past a model's own comparators stay 0 and are never read.
pub(crate) const N: usize = Comparator::DEFAULT.len() + MAX_EXTRA;
/// The most levels any comparator has.
const MAX_LEVELS: usize = 8;

/// One pair's level index per comparator, in the model's [`Comparator::list`] order.
pub(crate) type Pattern = [u8; N];

/// Probabilities are kept inside [FLOOR, 1] so no level gets an infinite weight (at most
/// about ±20 bits).
const FLOOR: f64 = 1e-6;
/// Pseudo-pairs of prior knowledge mixed into the sampled u (small lists keep the defaults).
const U_PRIOR_PAIRS: f64 = 1000.0;
/// Pseudo-matches of prior knowledge mixed into the EM m.
const M_PRIOR_MATCHES: f64 = 50.0;
/// Pseudo-records mixed into term frequencies, weighted by the level's u.
const TF_PRIOR_RECORDS: f64 = 1000.0;

/// Default (m, u) per level, aligned with [`Comparator::levels`] without "missing". Sound
/// values for Ukrainian and Russian name lists; EM and sampling refine them.
fn defaults(c: Comparator) -> &'static [(f64, f64)] {
    match c {
        Comparator::Surname => &[
            (0.86, 0.003),
            (0.06, 0.0005),
            (0.04, 0.002),
            (0.02, 0.01),
            (0.02, 0.9845),
        ],
        Comparator::GivenName | Comparator::Patronymic => &[
            (0.80, 0.03),
            (0.05, 0.003),
            (0.10, 0.01),
            (0.02, 0.005),
            (0.02, 0.04),
            (0.01, 0.912),
        ],
        Comparator::Dob => &[
            (0.88, 0.0001),
            (0.01, 0.00001),
            (0.05, 0.002),
            (0.01, 0.0003),
            (0.04, 0.025),
            (0.01, 0.97259),
        ],
        Comparator::Sex => &[(0.98, 0.6), (0.02, 0.4)],
        Comparator::ServiceNumber | Comparator::DocumentNumber => {
            &[(0.90, 0.00001), (0.05, 0.0001), (0.05, 0.99989)]
        }
        // Extra columns could hold anything (a unit, a place, a postcode): modest defaults,
        // which sampling and EM replace as soon as the lists say more.
        Comparator::Extra { method, .. } => match method {
            ExtraMethod::Exact => &[(0.90, 0.05), (0.10, 0.95)],
            ExtraMethod::Fuzzy => &[
                (0.75, 0.03),
                (0.08, 0.005),
                (0.07, 0.01),
                (0.05, 0.03),
                (0.05, 0.925),
            ],
            ExtraMethod::Date => &[
                (0.85, 0.001),
                (0.01, 0.0001),
                (0.05, 0.005),
                (0.01, 0.001),
                (0.04, 0.05),
                (0.04, 0.9429),
            ],
            ExtraMethod::Number => &[(0.90, 0.001), (0.05, 0.005), (0.05, 0.994)],
        },
    }
}

/// The parameters of one level.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LevelParams {
    /// The level.
    pub level: Level,
    /// P(level | match).
    pub m: f64,
    /// P(level | non-match).
    pub u: f64,
    /// The match weight in bits, log2(m/u), made non-increasing down the levels so that
    /// more agreement never lowers a score; 0 for "missing".
    pub weight: f64,
}

/// The parameters of one comparison.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ComparisonModel {
    /// The field.
    pub field: Comparator,
    /// Its levels, strongest first.
    pub levels: Vec<LevelParams>,
}

/// One EM run: over the pairs of one blocking rule, learning m for the fields that rule
/// does not fix.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EmSession {
    /// The blocking rule whose pairs were used.
    pub rule: &'static str,
    /// Its pairs.
    pub pairs: u64,
    /// Iterations run.
    pub iterations: usize,
    /// Estimated share of matches among those pairs.
    pub lambda: f64,
}

/// The fitted model: every level's m, u and weight, the prior, and how they were obtained.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Model {
    /// Per comparison, in pattern order.
    pub comparisons: Vec<ComparisonModel>,
    /// Prior probability that two records, one from each side, are the same person.
    pub lambda: f64,
    /// log2(λ / (1 − λ)): the starting point of every score.
    pub prior_weight: f64,
    /// Expected number of matches behind λ.
    pub expected_matches: f64,
    /// Random pairs compared to estimate u (0 when defaults were used).
    pub u_sample_pairs: u64,
    /// EM runs (empty when defaults were used).
    pub em: Vec<EmSession>,
    /// Whether name weights are adjusted by the frequency of the agreeing value.
    pub tf_adjustment: bool,
}

/// SplitMix64: a seeded stream, so the sample of random pairs is the same on every run.
fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// One list with its persons' prepared values.
#[derive(Clone, Copy)]
pub(crate) struct Side<'a> {
    pub persons: &'a [Person],
    pub prepared: &'a [Prepared],
}

/// Compares person `i` of `a` with person `j` of `b` on every comparator of `comps`.
pub(crate) fn pattern(
    comps: &[Comparator],
    a: Side<'_>,
    i: usize,
    b: Side<'_>,
    j: usize,
) -> Pattern {
    let mut p = [0u8; N];
    let (pa, pb) = (&a.persons[i], &b.persons[j]);
    let (fa, fb) = (&a.prepared[i], &b.prepared[j]);
    for (slot, c) in p.iter_mut().zip(comps) {
        *slot = c.compare_prepared(fa, fb, pa, pb);
    }
    p
}

type Counts = [[u64; MAX_LEVELS]; N];

fn add_counts(mut x: Counts, y: Counts) -> Counts {
    for (rx, ry) in x.iter_mut().zip(y) {
        for (cx, cy) in rx.iter_mut().zip(ry) {
            *cx += cy;
        }
    }
    x
}

/// Level counts over random pairs: every pair when there are few, else a seeded sample.
/// Integer counts summed in any order give the same result, so threads cannot change it.
fn random_pair_counts(
    comps: &[Comparator],
    a: Side<'_>,
    b: Side<'_>,
    same: bool,
    sample: usize,
) -> (Counts, u64) {
    let (na, nb) = (a.persons.len() as u64, b.persons.len() as u64);
    let total = if same {
        na * na.saturating_sub(1) / 2
    } else {
        na * nb
    };
    // A random pair that the default model already calls a match is left out: in small
    // lists the true matches are a sizeable share of all pairs and would inflate u.
    let default_weights: Vec<Vec<f64>> = comps
        .iter()
        .map(|c| defaults(*c).iter().map(|(m, u)| (m / u).log2()).collect())
        .collect();
    let cutoff = (na.max(nb).max(2) as f64).log2();
    let tally = |mut acc: Counts, (i, j): (u64, u64)| {
        let p = pattern(comps, a, i as usize, b, j as usize);
        let w: f64 = p
            .iter()
            .zip(&default_weights)
            .map(|(l, w)| w.get(*l as usize).copied().unwrap_or(0.0))
            .sum();
        if w <= cutoff {
            for (f, l) in p.iter().enumerate().take(comps.len()) {
                acc[f][*l as usize] += 1;
            }
        }
        acc
    };
    if total == 0 {
        return ([[0; MAX_LEVELS]; N], 0);
    }
    if total <= sample as u64 {
        let counts = (0..na)
            .into_par_iter()
            .map(|i| {
                let lo = if same { i + 1 } else { 0 };
                (lo..nb).map(|j| (i, j)).fold([[0; MAX_LEVELS]; N], tally)
            })
            .reduce(|| [[0; MAX_LEVELS]; N], add_counts);
        return (counts, total);
    }
    let counts = (0..sample as u64)
        .into_par_iter()
        .fold(
            || [[0; MAX_LEVELS]; N],
            |acc, k| {
                let h = splitmix(k ^ 0x5eed);
                let i = (h >> 32) % na;
                let mut j = splitmix(h) % nb;
                if same && i == j {
                    j = (j + 1) % nb;
                }
                tally(acc, (i, j))
            },
        )
        .reduce(|| [[0; MAX_LEVELS]; N], add_counts);
    (counts, sample as u64)
}

/// Mixes observed level counts with default probabilities worth `prior` observations.
fn blend(counts: &[f64], defaults: &[f64], prior: f64) -> Vec<f64> {
    let n: f64 = counts.iter().sum();
    counts
        .iter()
        .zip(defaults)
        .map(|(c, d)| ((c + prior * d) / (n + prior)).clamp(FLOOR, 1.0))
        .collect()
}

/// Non-missing levels' default m and u of one comparator.
fn default_m(c: Comparator) -> Vec<f64> {
    defaults(c).iter().map(|x| x.0).collect()
}
fn default_u(c: Comparator) -> Vec<f64> {
    defaults(c).iter().map(|x| x.1).collect()
}

/// Result of one EM session: expected-match level counts per comparator (None where the
/// rule fixes the field), the share of matches, iterations.
struct SessionFit {
    counts: Vec<Option<Vec<f64>>>,
    lambda: f64,
    iterations: usize,
}

fn sigmoid2(w: f64) -> f64 {
    1.0 / (1.0 + (-w).exp2())
}

/// EM with u fixed (the random-pair estimate) over one rule's pattern histogram.
fn em_session(
    comps: &[Comparator],
    hist: &[(Pattern, u64)],
    active: &[bool; N],
    u: &[Vec<f64>],
    iterations: usize,
) -> SessionFit {
    let mut m: Vec<Vec<f64>> = comps.iter().map(|c| default_m(*c)).collect();
    let mut lambda = 0.5;
    let mut fit = SessionFit {
        counts: vec![None; N],
        lambda,
        iterations: 0,
    };
    for it in 0..iterations.max(1) {
        let mut counts: Vec<Vec<f64>> = m.iter().map(|r| vec![0.0; r.len()]).collect();
        let (mut matched, mut total) = (0.0, 0.0);
        let prior = (lambda / (1.0 - lambda)).log2();
        for (pat, c) in hist {
            let c = *c as f64;
            let mut w = prior;
            for f in 0..N {
                let l = pat[f] as usize;
                if active[f] && l < m[f].len() {
                    w += (m[f][l] / u[f][l]).log2();
                }
            }
            let g = sigmoid2(w);
            matched += c * g;
            total += c;
            for f in 0..N {
                let l = pat[f] as usize;
                if active[f] && l < counts[f].len() {
                    counts[f][l] += c * g;
                }
            }
        }
        let new_lambda = if total > 0.0 {
            (matched / total).clamp(FLOOR, 1.0 - FLOOR)
        } else {
            lambda
        };
        let mut delta = (new_lambda - lambda).abs();
        for f in 0..N {
            if !active[f] {
                continue;
            }
            let new = blend(&counts[f], &default_m(comps[f]), 1.0);
            for (old, new) in m[f].iter_mut().zip(new) {
                delta = delta.max((*old - new).abs());
                *old = new;
            }
        }
        lambda = new_lambda;
        fit = SessionFit {
            counts: (0..N)
                .map(|f| active[f].then(|| counts[f].clone()))
                .collect(),
            lambda,
            iterations: it + 1,
        };
        if delta < 1e-6 {
            break;
        }
    }
    fit
}

/// Everything needed to score pairs: the model and the term frequencies.
pub(crate) struct Scorer {
    pub model: Model,
    /// Weight per comparator and level index (missing = 0).
    weights: Vec<Vec<f64>>,
    /// Term ids per person of A and B, per [`TF_FIELDS`]; u32::MAX for none.
    terms_a: Terms,
    terms_b: Terms,
    /// Occurrences of each term over both lists, per term field.
    term_counts: [Vec<u32>; TF_N],
    /// Per term field, (m, u) of "the same name", summed over its agreeing levels.
    agree: [(f64, f64); TF_N],
    records: f64,
}

/// The name fields whose agreement is weighed by how common the agreeing value is.
const TF_N: usize = 3;

/// Per term field: its comparator's index in the pattern, how many of its first levels mean
/// "the same name" (exact, transliterated and, for given names and patronymics, the
/// dictionary's equivalent forms), and the index of its "close" level.
const TF_FIELDS: [(usize, usize, usize); TF_N] = [(0, 2, 2), (1, 3, 3), (2, 3, 3)];

#[derive(PartialEq, Eq, Hash)]
enum Term<'a> {
    Id(u16),
    Text(&'a str),
}

fn surname_term(p: &Person) -> Option<Term<'_>> {
    p.surname
        .as_ref()
        .filter(|k| !k.skeleton().is_empty())
        .map(|k| Term::Text(k.skeleton()))
}

/// A name known to the dictionary counts as one term in all its forms.
fn name_term<'p>(id: Option<NameId>, key: &'p Option<NameKey>) -> Option<Term<'p>> {
    match (id, key) {
        (Some(id), _) => Some(Term::Id(id.0)),
        (None, Some(k)) if !k.skeleton().is_empty() => Some(Term::Text(k.skeleton())),
        _ => None,
    }
}

/// Per person, its term ids per [`TF_FIELDS`], u32::MAX for none.
type Terms = Vec<[u32; TF_N]>;

/// Term ids for every person of both lists, and the count of each term.
fn term_table<'p>(
    a: &'p [Person],
    b: &'p [Person],
    same: bool,
) -> (Terms, Terms, [Vec<u32>; TF_N]) {
    let mut ids: [HashMap<Term<'p>, u32>; TF_N] = Default::default();
    let mut counts: [Vec<u32>; TF_N] = Default::default();
    let mut assign = |list: &'p [Person], count: bool| -> Terms {
        list.iter()
            .map(|p| {
                let mut out = [u32::MAX; TF_N];
                let terms = [
                    surname_term(p),
                    name_term(p.given_id, &p.given),
                    name_term(p.father_id, &p.patronymic),
                ];
                for (k, term) in terms.into_iter().enumerate() {
                    let Some(t) = term else { continue };
                    let next = counts[k].len() as u32;
                    let id = *ids[k].entry(t).or_insert(next);
                    if id == next {
                        counts[k].push(0);
                    }
                    if count {
                        counts[k][id as usize] += 1;
                    }
                    out[k] = id;
                }
                out
            })
            .collect()
    };
    let ta = assign(a, true);
    let tb = assign(b, !same);
    (ta, tb, counts)
}

impl Scorer {
    /// Fits the model: u from random pairs, m by EM over the candidates' patterns, λ from
    /// the expected match count. With `cfg.estimate` off, the defaults are used as they are.
    pub fn fit(
        comps: &[Comparator],
        sa: Side<'_>,
        sb: Side<'_>,
        same: bool,
        cands: &[CandPair],
        patterns: &[Pattern],
        cfg: &MatchConfig,
    ) -> Scorer {
        let (a, b) = (sa.persons, sb.persons);
        let (na, nb) = (a.len() as f64, b.len() as f64);
        let mut u: Vec<Vec<f64>> = comps.iter().map(|c| default_u(*c)).collect();
        let mut m: Vec<Vec<f64>> = comps.iter().map(|c| default_m(*c)).collect();
        let max_matches = if same { (na / 2.0).floor() } else { na.min(nb) };
        let mut expected = max_matches;
        let mut sessions = Vec::new();
        let mut sampled = 0;
        if cfg.estimate {
            let (counts, n) = random_pair_counts(comps, sa, sb, same, cfg.u_sample_pairs);
            sampled = n;
            for (f, c) in comps.iter().enumerate() {
                let k = default_u(*c).len();
                let obs: Vec<f64> = counts[f][..k].iter().map(|x| *x as f64).collect();
                u[f] = blend(&obs, &default_u(*c), U_PRIOR_PAIRS);
            }
            let hist = rule_histograms(cands, patterns);
            let mut acc: Vec<Vec<f64>> = m.iter().map(|r| vec![0.0; r.len()]).collect();
            let mut best = 0.0f64;
            for (r, h) in hist.iter().enumerate() {
                let pairs: u64 = h.iter().map(|x| x.1).sum();
                if pairs == 0 {
                    continue;
                }
                let mut active = [false; N];
                for (f, c) in comps.iter().enumerate() {
                    active[f] = !RULES[r].fields.contains(c);
                }
                let fit = em_session(comps, h, &active, &u, cfg.em_iterations);
                for (f, c) in fit.counts.iter().enumerate() {
                    if let Some(c) = c {
                        for (x, y) in acc[f].iter_mut().zip(c) {
                            *x += y;
                        }
                    }
                }
                best = best.max(fit.lambda * pairs as f64);
                sessions.push(EmSession {
                    rule: RULES[r].name,
                    pairs,
                    iterations: fit.iterations,
                    lambda: fit.lambda,
                });
            }
            for (f, c) in comps.iter().enumerate() {
                m[f] = blend(&acc[f], &default_m(*c), M_PRIOR_MATCHES);
            }
            if !sessions.is_empty() {
                expected = best;
            }
        }
        let expected = expected.clamp(1.0_f64.min(max_matches.max(0.0)), max_matches.max(1.0));
        let all_pairs = if same { na * (na - 1.0) / 2.0 } else { na * nb };
        let population = na.max(nb).max(cfg.min_population);
        let lambda = if all_pairs > 0.0 {
            (expected / all_pairs).min(1.0 / population)
        } else {
            1.0 / population
        }
        .clamp(FLOOR * FLOOR, 0.5);
        let prior_weight = (lambda / (1.0 - lambda)).log2();
        let mut weights = Vec::with_capacity(N);
        let mut comparisons = Vec::with_capacity(N);
        for (f, c) in comps.iter().enumerate() {
            let mut w: Vec<f64> = m[f]
                .iter()
                .zip(&u[f])
                .map(|(m, u)| (m / u).log2())
                .collect();
            for l in 1..w.len() {
                w[l] = w[l].min(w[l - 1]);
            }
            w.push(0.0);
            let levels = c
                .levels()
                .iter()
                .enumerate()
                .map(|(l, level)| LevelParams {
                    level: *level,
                    m: m[f].get(l).copied().unwrap_or(1.0),
                    u: u[f].get(l).copied().unwrap_or(1.0),
                    weight: w[l],
                })
                .collect();
            comparisons.push(ComparisonModel { field: *c, levels });
            weights.push(w);
        }
        let (terms_a, terms_b, term_counts) = term_table(a, b, same);
        let agree = TF_FIELDS.map(|(f, n, _)| {
            let sum = |v: &[f64]| v.iter().take(n).sum::<f64>();
            (sum(&m[f]), sum(&u[f]))
        });
        Scorer {
            model: Model {
                comparisons,
                lambda,
                prior_weight,
                expected_matches: expected,
                u_sample_pairs: sampled,
                em: sessions,
                tf_adjustment: cfg.tf_adjustment,
            },
            weights,
            terms_a,
            terms_b,
            term_counts,
            agree,
            records: if same { na } else { na + nb },
        }
    }

    /// The term-frequency adjustment (bits) of comparator `f` at level index `l`.
    ///
    /// At a level meaning "the same name" the weight becomes log2(m / f), m being the chance
    /// that a true pair shows the same name in any of its forms and f the frequency of that
    /// name over both lists (the commoner of the two terms). Which form a pair shows (exact,
    /// transliterated, equivalent) depends on the name itself (Мельник is spelt alike in
    /// Ukrainian and Russian, Вишневський is not), for true and random pairs alike, so it
    /// carries no evidence once the name's own frequency is known. A "close" name (a typo)
    /// is never worth more than the name it is close to.
    fn tf_adjustment(&self, ia: usize, ib: usize, f: usize, l: usize) -> f64 {
        if !self.model.tf_adjustment {
            return 0.0;
        }
        let Some(k) = TF_FIELDS.iter().position(|t| t.0 == f) else {
            return 0.0;
        };
        let (_, agreeing, close) = TF_FIELDS[k];
        if l > close {
            return 0.0;
        }
        let count = |t: u32| self.term_counts[k].get(t as usize).copied().unwrap_or(0) as f64;
        let (ta, tb) = (
            self.terms_a.get(ia).map_or(u32::MAX, |t| t[k]),
            self.terms_b.get(ib).map_or(u32::MAX, |t| t[k]),
        );
        if ta == u32::MAX || tb == u32::MAX {
            return 0.0;
        }
        let (m, u) = self.agree[k];
        let c = count(ta).max(count(tb));
        let u_tf =
            ((c + TF_PRIOR_RECORDS * u) / (self.records + TF_PRIOR_RECORDS)).clamp(FLOOR, 1.0);
        let tf_weight = (m / u_tf).log2();
        let base = self.weights[f].get(l).copied().unwrap_or(0.0);
        if l < agreeing {
            tf_weight - base
        } else {
            (tf_weight - base).min(0.0)
        }
    }

    /// The total match weight of a pair (prior included), in bits.
    pub fn weight(&self, ia: usize, ib: usize, p: &Pattern) -> f64 {
        let mut w = self.model.prior_weight;
        for (f, (weights, l)) in self.weights.iter().zip(p).enumerate() {
            let l = *l as usize;
            w += weights.get(l).copied().unwrap_or(0.0) + self.tf_adjustment(ia, ib, f, l);
        }
        w
    }

    /// The per-field explanation of a pair's weight.
    pub fn explain(&self, ia: usize, ib: usize, p: &Pattern) -> Vec<FieldComparison> {
        self.model
            .comparisons
            .iter()
            .zip(&self.weights)
            .zip(p)
            .enumerate()
            .map(|(f, ((c, weights), l))| {
                let l = *l as usize;
                FieldComparison {
                    field: c.field,
                    level: c.levels.get(l).map_or(Level::Missing, |x| x.level),
                    weight: weights.get(l).copied().unwrap_or(0.0),
                    tf_adjustment: self.tf_adjustment(ia, ib, f, l),
                }
            })
            .collect()
    }
}

/// A match weight in bits as a probability.
pub(crate) fn probability(weight: f64) -> f64 {
    let p = sigmoid2(weight);
    if p.is_nan() { 0.0 } else { p }
}

/// Per rule, the distinct agreement patterns of the pairs it produced, with their counts,
/// sorted so that EM sums in the same order on every run.
fn rule_histograms(cands: &[CandPair], patterns: &[Pattern]) -> Vec<Vec<(Pattern, u64)>> {
    let empty = || vec![HashMap::<Pattern, u64>::new(); RULES.len()];
    let maps = cands
        .par_iter()
        .zip(patterns.par_iter())
        .fold(empty, |mut maps, (c, p)| {
            for (r, map) in maps.iter_mut().enumerate() {
                if c.rules & (1 << r) != 0 {
                    *map.entry(*p).or_insert(0) += 1;
                }
            }
            maps
        })
        .reduce(empty, |mut x, y| {
            for (mx, my) in x.iter_mut().zip(y) {
                for (k, v) in my {
                    *mx.entry(k).or_insert(0) += v;
                }
            }
            x
        });
    maps.into_iter()
        .map(|m| {
            let mut v: Vec<(Pattern, u64)> = m.into_iter().collect();
            v.sort_unstable();
            v
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_align_with_levels_and_sum_to_one() {
        for c in Comparator::DEFAULT {
            let d = defaults(c);
            assert_eq!(d.len() + 1, c.levels().len(), "{c:?}");
            let (m, u): (f64, f64) = d.iter().fold((0.0, 0.0), |s, x| (s.0 + x.0, s.1 + x.1));
            assert!((m - 1.0).abs() < 1e-9, "{c:?} m sums to {m}");
            assert!((u - 1.0).abs() < 1e-9, "{c:?} u sums to {u}");
        }
    }

    #[test]
    fn probability_is_bounded_and_nan_safe() {
        assert_eq!(probability(f64::NAN), 0.0);
        assert!(probability(5000.0) <= 1.0);
        assert!(probability(-5000.0) >= 0.0);
        assert!((probability(0.0) - 0.5).abs() < 1e-12);
    }

    #[test]
    fn blend_keeps_defaults_when_nothing_is_observed() {
        let b = blend(&[0.0, 0.0], &[0.3, 0.7], 10.0);
        assert!((b[0] - 0.3).abs() < 1e-12 && (b[1] - 0.7).abs() < 1e-12);
    }
}
