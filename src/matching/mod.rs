//! Linking two lists (or one with itself): blocking, per-field comparison levels,
//! Fellegi–Sunter scoring with explanations, and one-to-one assignment. Knows nothing of
//! reports.
//!
//! The stages, as in Splink: [`block`] proposes candidate pairs through several rules (each
//! pair keeps the names of the rules that found it); [`compare`] puts every pair at one
//! ordered level per field; [`score`] turns levels into match weights (log2 m/u, with u
//! sampled from random pairs, m learned by EM over the candidates, names adjusted by how
//! common the agreeing value is) and a probability; `assign` makes the decisions one-to-one.
//! [`link`], [`link_with`] and [`dedupe`] are the entry points.
//!
//! ```
//! use powrec::matching::{link, MatchConfig, PairStatus};
//! use powrec::normalize::{normalize_records, NormOptions};
//! use powrec::record::{Field, Record};
//!
//! let rec = |row, s: &str, g: &str, p: &str, d: &str| {
//!     let mut r = Record { row, ..Record::default() };
//!     r.set(Field::Surname, s);
//!     r.set(Field::GivenName, g);
//!     r.set(Field::Patronymic, p);
//!     r.set(Field::Dob, d);
//!     r
//! };
//! let a = normalize_records(&[rec(1, "Шевченко", "Тарас", "Григорович", "09.03.1994")], &NormOptions::default());
//! let b = normalize_records(&[rec(1, "ШЕВЧЕНКО", "Тарас", "Григорович", "1994-03-09")], &NormOptions::default());
//! let linkage = link(&a.persons, &b.persons, &MatchConfig::default());
//! assert_eq!(linkage.pairs.len(), 1);
//! assert_eq!(linkage.pairs[0].status, PairStatus::Match);
//! ```

mod assign;
pub mod block;
pub mod compare;
mod dedupe;
pub mod score;

use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;

pub use block::{BlockingStats, CappedBlock, RuleStats};
pub use compare::{Comparator, ExtraMethod, Level, MAX_EXTRA};
pub use score::{ComparisonModel, EmSession, LevelParams, Model};

use crate::normalize::{DateValue, Person};
use assign::Scored;
use block::CandPair;
use compare::Prepared;
use score::{Pattern, Scorer, Side};

/// Settings of the matching engine.
#[derive(Clone, Debug, PartialEq)]
pub struct MatchConfig {
    /// A pair at or above this probability is a match (unless contested).
    pub threshold: f64,
    /// A pair at or above this probability, below `threshold`, goes to review.
    pub review_threshold: f64,
    /// A block that would produce more pairs than this is skipped and reported; its persons
    /// remain reachable through the other rules.
    pub max_block_pairs: u64,
    /// Estimate u and m from the lists; off, the built-in defaults are used as they are.
    pub estimate: bool,
    /// Maximum EM iterations per blocking rule.
    pub em_iterations: usize,
    /// Random pairs compared to estimate u (all pairs when there are fewer).
    pub u_sample_pairs: usize,
    /// Lists smaller than this are treated as drawn from a population this large when
    /// setting the prior, so that in a ten-row list a shared full name alone cannot look
    /// certain.
    pub min_population: f64,
    /// Adjust surname and given-name agreement by how common the agreeing value is.
    pub tf_adjustment: bool,
    /// Competing candidates kept per pair.
    pub max_alternatives: usize,
    /// Extra columns to compare, one per slot of [`Person::extra`] (at most
    /// [`compare::MAX_EXTRA`]; more are ignored).
    pub extra: Vec<ExtraMethod>,
}

impl Default for MatchConfig {
    fn default() -> Self {
        MatchConfig {
            threshold: 0.8,
            review_threshold: 0.2,
            max_block_pairs: 10_000,
            estimate: true,
            em_iterations: 25,
            u_sample_pairs: 50_000,
            min_population: 1000.0,
            tf_adjustment: true,
            max_alternatives: 3,
            extra: Vec::new(),
        }
    }
}

impl MatchConfig {
    /// Thresholds inside [0, 1] with review ≤ match; NaN falls back to the defaults.
    fn sanitized(&self) -> MatchConfig {
        let d = MatchConfig::default();
        let fix = |x: f64, def: f64| if x.is_nan() { def } else { x.clamp(0.0, 1.0) };
        let threshold = fix(self.threshold, d.threshold);
        let review_threshold = fix(self.review_threshold, d.review_threshold).min(threshold);
        let min_population = if self.min_population.is_nan() {
            d.min_population
        } else {
            self.min_population.max(1.0)
        };
        MatchConfig {
            threshold,
            review_threshold,
            min_population,
            ..self.clone()
        }
    }
}

/// The decision on a pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PairStatus {
    /// The same person.
    Match,
    /// Possibly the same person: a person must decide.
    Review,
}

/// How one field contributed to a pair's score: one bar of a waterfall chart.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldComparison {
    /// The field.
    pub field: Comparator,
    /// The level the pair reached.
    pub level: Level,
    /// The level's weight in bits (0 for missing).
    pub weight: f64,
    /// The term-frequency adjustment in bits (negative for a common name).
    pub tf_adjustment: f64,
}

/// Another candidate pair, with its probability.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Candidate {
    /// Index into A.
    pub a: usize,
    /// Index into B.
    pub b: usize,
    /// Match probability.
    pub score: f64,
}

/// A pair decided as a match or for review.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Pair {
    /// Index into A (for a dedupe, the lower index).
    pub a: usize,
    /// Index into B (for a dedupe, the higher index).
    pub b: usize,
    /// Match probability in [0, 1].
    pub score: f64,
    /// The total match weight in bits: `prior_weight` plus every field's weight and
    /// adjustment.
    pub match_weight: f64,
    /// Match or review.
    pub status: PairStatus,
    /// The blocking rules that proposed the pair.
    pub rules: Vec<&'static str>,
    /// The prior's weight in bits.
    pub prior_weight: f64,
    /// Per field, why.
    pub explanation: Vec<FieldComparison>,
    /// Competing candidates sharing a or b with a probability of at least 0.01, best first.
    pub alternatives: Vec<Candidate>,
}

/// Time spent per stage (not serialised: output must not depend on the machine).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Timings {
    /// Blocking.
    pub block: Duration,
    /// Comparing candidate pairs.
    pub compare: Duration,
    /// Sampling u and EM.
    pub estimate: Duration,
    /// Scoring candidate pairs.
    pub score: Duration,
    /// One-to-one assignment and building the output.
    pub assign: Duration,
}

/// The result of linking A with B.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Linkage {
    /// Matches and review pairs, one-to-one, ordered by a.
    pub pairs: Vec<Pair>,
    /// Per row of A not in a pair, its best candidate on B, if blocking found any.
    pub near_miss_a: Vec<Option<Candidate>>,
    /// Per row of B not in a pair, its best candidate on A.
    pub near_miss_b: Vec<Option<Candidate>>,
    /// What blocking did.
    pub blocking: BlockingStats,
    /// The fitted model.
    pub model: Model,
    /// Time per stage.
    #[serde(skip)]
    pub timings: Timings,
}

/// The result of looking for duplicates within one list.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Dedupe {
    /// Groups of indices joined by match-level pairs, each ascending, ordered by first.
    pub groups: Vec<Vec<usize>>,
    /// Every pair at review level or above (a < b), ordered by (a, b).
    pub pairs: Vec<Pair>,
    /// What blocking did.
    pub blocking: BlockingStats,
    /// The fitted model.
    pub model: Model,
    /// Time per stage.
    #[serde(skip)]
    pub timings: Timings,
}

/// The scored candidates of one run.
struct Scoring {
    cands: Vec<CandPair>,
    /// Indices of the candidates at review level or above, ascending, and their patterns.
    kept: Vec<u32>,
    kept_patterns: Vec<Pattern>,
    scored: Vec<Scored>,
    scorer: Scorer,
    blocking: BlockingStats,
    timings: Timings,
}

fn score_all(a: &[Person], b: &[Person], same: bool, cfg: &MatchConfig) -> Scoring {
    let mut timings = Timings::default();
    let t = Instant::now();
    let (cands, blocking) = block::block(a, b, same, cfg.max_block_pairs);
    timings.block = t.elapsed();
    let t = Instant::now();
    let prep = |l: &[Person]| -> Vec<Prepared> { l.par_iter().map(Prepared::new).collect() };
    let prep_a = prep(a);
    let prep_b = if same { Vec::new() } else { prep(b) };
    let sa = Side {
        persons: a,
        prepared: &prep_a,
    };
    let sb = if same {
        sa
    } else {
        Side {
            persons: b,
            prepared: &prep_b,
        }
    };
    let comps = Comparator::list(&cfg.extra);
    let patterns: Vec<Pattern> = cands
        .par_iter()
        .map(|c| score::pattern(&comps, sa, c.a as usize, sb, c.b as usize))
        .collect();
    timings.compare = t.elapsed();
    let t = Instant::now();
    let scorer = Scorer::fit(&comps, sa, sb, same, &cands, &patterns, cfg);
    // The prepared values are done with; at a million rows a side they are 400 MB that the
    // scoring below need not share memory with.
    drop(prep_a);
    drop(prep_b);
    timings.estimate = t.elapsed();
    let t = Instant::now();
    let scored: Vec<Scored> = cands
        .par_iter()
        .zip(patterns.par_iter())
        .map(|(c, p)| Scored {
            a: c.a,
            b: c.b,
            score: score::probability(scorer.weight(c.a as usize, c.b as usize, p)),
        })
        .collect();
    // Only pairs at review level or above are ever explained or vetoed; the patterns of the
    // rest (nearly all candidates) are let go before assignment.
    let kept: Vec<u32> = (0..scored.len() as u32)
        .filter(|&i| scored[i as usize].score >= cfg.review_threshold)
        .collect();
    let kept_patterns = kept.iter().map(|&i| patterns[i as usize]).collect();
    drop(patterns);
    timings.score = t.elapsed();
    Scoring {
        cands,
        kept,
        kept_patterns,
        scored,
        scorer,
        blocking,
        timings,
    }
}

impl Scoring {
    /// The pattern of candidate `i`, kept when it scored at review level or above.
    fn pattern(&self, i: usize) -> Option<&Pattern> {
        let k = self.kept.binary_search(&(i as u32)).ok()?;
        self.kept_patterns.get(k)
    }

    /// Pairs are made only of candidates at review level or above, whose pattern is kept.
    fn pair(&self, i: usize, status: PairStatus, alternatives: Vec<Candidate>) -> Pair {
        let c = self.cands[i];
        let (a, b) = (c.a as usize, c.b as usize);
        let pattern = self.pattern(i).copied().unwrap_or_default();
        Pair {
            a,
            b,
            score: self.scored[i].score,
            match_weight: self.scorer.weight(a, b, &pattern),
            status,
            rules: block::rule_names(c.rules),
            prior_weight: self.scorer.model.prior_weight,
            explanation: self.scorer.explain(a, b, &pattern),
            alternatives,
        }
    }

    /// Whether candidate `i` may not be a match whatever its score: both dates of birth are
    /// known and disagree outright (not a swap, a digit, a year). Rare names weigh so much
    /// that two different people sharing one (namesakes, or a list's own repeated name)
    /// could otherwise outscore the date; a person should look at such a pair.
    fn vetoed(&self, i: usize) -> bool {
        self.pattern(i)
            .is_some_and(|p| p[DOB_SLOT] == DOB_DIFFERENT)
    }

    fn candidate(&self, i: usize) -> Candidate {
        let s = self.scored[i];
        Candidate {
            a: s.a as usize,
            b: s.b as usize,
            score: s.score,
        }
    }
}

/// Where the date of birth sits in a pattern, and its "different" level.
pub(crate) const DOB_SLOT: usize = 3;
pub(crate) const DOB_DIFFERENT: u8 = 5;

/// An order-independent fingerprint of a list, to pick one orientation for a pair of lists
/// so that link(A, B) is exactly the mirror of link(B, A).
fn fingerprint(list: &[Person]) -> (usize, u64) {
    let h = list
        .par_iter()
        .map(|p| {
            let mut s = String::new();
            for k in [&p.surname, &p.given, &p.patronymic].into_iter().flatten() {
                s.push_str(k.key());
                s.push('\u{1f}');
            }
            match &p.dob {
                DateValue::Full { date } => s.push_str(&date.to_string()),
                DateValue::Year { year } => s.push_str(&year.to_string()),
                _ => {}
            }
            for n in [&p.service_number, &p.document_number]
                .into_iter()
                .flatten()
            {
                s.push('\u{1f}');
                s.push_str(n);
            }
            s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3)
            })
        })
        .reduce(|| 0, u64::wrapping_add);
    (list.len(), h)
}

/// The within-list duplicate groups of both lists, as [`dedupe`] returns them in
/// [`Dedupe::groups`] (indices into each list).
#[derive(Clone, Copy, Debug, Default)]
pub struct Duplicates<'a> {
    /// Groups within A.
    pub a: &'a [Vec<usize>],
    /// Groups within B.
    pub b: &'a [Vec<usize>],
}

/// Links list A with list B: every person of A is paired with at most one of B and the
/// reverse. Indices in the result are positions in the slices. Looks for duplicates within
/// each list first (see [`link_with`]); a caller that needs those groups too should run
/// [`dedupe`] itself and call [`link_with`].
pub fn link(a: &[Person], b: &[Person], cfg: &MatchConfig) -> Linkage {
    let (da, db) = rayon::join(|| dedupe(a, cfg), || dedupe(b, cfg));
    link_with(
        a,
        b,
        Duplicates {
            a: &da.groups,
            b: &db.groups,
        },
        cfg,
    )
}

/// Links list A with list B knowing the duplicate groups within each: a row of one list
/// whose match-level candidates on the other are all one person listed several times is
/// paired (as a match) with the best of them, ties to the lowest row, and the other rows of
/// the group stay unpaired. Candidates that are different people still send the pair to
/// review.
pub fn link_with(a: &[Person], b: &[Person], dups: Duplicates, cfg: &MatchConfig) -> Linkage {
    let cfg = cfg.sanitized();
    if fingerprint(b) < fingerprint(a) {
        transpose(link_oriented(b, a, dups.b, dups.a, &cfg))
    } else {
        link_oriented(a, b, dups.a, dups.b, &cfg)
    }
}

fn link_oriented(
    a: &[Person],
    b: &[Person],
    groups_a: &[Vec<usize>],
    groups_b: &[Vec<usize>],
    cfg: &MatchConfig,
) -> Linkage {
    let s = score_all(a, b, false, cfg);
    let t = Instant::now();
    let rows_a: Vec<u64> = a.iter().map(|p| p.row).collect();
    let rows_b: Vec<u64> = b.iter().map(|p| p.row).collect();
    let group_a = assign::group_ids(a.len(), groups_a);
    let group_b = assign::group_ids(b.len(), groups_b);
    let r = assign::assign(
        &s.scored,
        &|i| s.vetoed(i),
        &assign::Persons {
            rows_a: &rows_a,
            rows_b: &rows_b,
            group_a: &group_a,
            group_b: &group_b,
        },
        cfg.threshold,
        cfg.review_threshold,
        cfg.max_alternatives,
    );
    let pairs = r
        .accepted
        .par_iter()
        .zip(r.alternatives.par_iter())
        .map(|(&(i, status), alts)| {
            s.pair(i, status, alts.iter().map(|&j| s.candidate(j)).collect())
        })
        .collect();
    let near = |v: Vec<Option<usize>>| v.into_iter().map(|o| o.map(|i| s.candidate(i))).collect();
    let mut timings = s.timings.clone();
    timings.assign = t.elapsed();
    Linkage {
        pairs,
        near_miss_a: near(r.near_a),
        near_miss_b: near(r.near_b),
        blocking: s.blocking,
        model: s.scorer.model,
        timings,
    }
}

/// The same linkage seen from the other side.
fn transpose(mut l: Linkage) -> Linkage {
    let flip = |c: &mut Candidate| std::mem::swap(&mut c.a, &mut c.b);
    for p in &mut l.pairs {
        std::mem::swap(&mut p.a, &mut p.b);
        p.alternatives.iter_mut().for_each(flip);
    }
    l.pairs.sort_by_key(|p| (p.a, p.b));
    std::mem::swap(&mut l.near_miss_a, &mut l.near_miss_b);
    for c in l.near_miss_a.iter_mut().chain(&mut l.near_miss_b).flatten() {
        flip(c);
    }
    for c in &mut l.blocking.capped {
        std::mem::swap(&mut c.size_a, &mut c.size_b);
        std::mem::swap(&mut c.example_a, &mut c.example_b);
    }
    l
}

/// Finds duplicates within one list with the same engine (the list linked with itself,
/// each unordered pair once, no person with itself).
pub fn dedupe(list: &[Person], cfg: &MatchConfig) -> Dedupe {
    let cfg = cfg.sanitized();
    let s = score_all(list, list, true, &cfg);
    let t = Instant::now();
    let mut pairs = Vec::new();
    for (i, sc) in s.scored.iter().enumerate() {
        if sc.score >= cfg.review_threshold {
            let status = if sc.score >= cfg.threshold && !s.vetoed(i) {
                PairStatus::Match
            } else {
                PairStatus::Review
            };
            pairs.push(s.pair(i, status, Vec::new()));
        }
    }
    let groups = dedupe::components(
        list.len(),
        pairs
            .iter()
            .filter(|p| p.status == PairStatus::Match)
            .map(|p| (p.a, p.b)),
    );
    let mut timings = s.timings.clone();
    timings.assign = t.elapsed();
    Dedupe {
        groups,
        pairs,
        blocking: s.blocking,
        model: s.scorer.model,
        timings,
    }
}
