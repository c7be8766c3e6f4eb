//! Blocking: the rules that propose candidate pairs (each pair remembers which rules
//! proposed it), the cap on enormous blocks, and the per-rule counts for the report.

use chrono::Datelike;
use rayon::prelude::*;
use serde::Serialize;

use super::compare::Comparator;
use crate::normalize::{DateValue, Person};

/// A blocking rule: persons whose keys are equal become candidate pairs.
#[derive(Clone, Copy)]
pub(crate) struct Rule {
    /// The match key reported with every pair the rule produced.
    pub name: &'static str,
    /// The fields the key is built from; EM does not learn their m from this rule's pairs,
    /// since the rule made them agree.
    pub fields: &'static [Comparator],
    key: fn(&Person) -> Option<Key>,
    /// A second key: a person joins the blocks of both, so a pair needs to share only one.
    alt: Option<fn(&Person) -> Option<Key>>,
    /// Keeps only the pairs of a block where at least one side satisfies this (a fallback
    /// rule for what the others miss); pairs of two others are never formed, nor counted
    /// against the cap.
    either: Option<fn(&Person) -> bool>,
}

/// A blocking key: a 64-bit FNV hash of its parts. A collision only adds a candidate pair,
/// which is then scored like any other.
type Key = u64;

/// The rules, in reporting order. Together they survive a typo in any single field: every
/// field is left out of at least one rule that a typical record can satisfy (a typo in the
/// year: `full_name`, or `surname_given` when a patronymic is missing).
pub(crate) const RULES: &[Rule] = &[
    Rule {
        name: "service_number",
        fields: &[Comparator::ServiceNumber],
        key: |p| p.service_number.as_deref().map(|s| Fnv::new(1).str(s).0),
        alt: None,
        either: None,
    },
    Rule {
        name: "document_number",
        fields: &[Comparator::DocumentNumber],
        key: |p| p.document_number.as_deref().map(|s| Fnv::new(2).str(s).0),
        alt: None,
        either: None,
    },
    // Same surname and year alone grows with the square of the list (a million rows gave
    // 12 million pairs even with its largest blocks capped, a fifteenth of them true), yet
    // it is only needed for a date with a wrong day or month (mostly swapped) and a name
    // that the other rules cannot use. Adding the given name or, as a second key, the
    // patronymic keeps those pairs: a wrong date with a typo in one of the two, or a year
    // alone against a full date.
    Rule {
        name: "surname_year_name",
        // Either name agrees by construction, so EM learns neither from these pairs.
        fields: &[
            Comparator::Surname,
            Comparator::GivenName,
            Comparator::Patronymic,
            Comparator::Dob,
        ],
        key: |p| Some(given(p, Fnv::new(3).str(surname(p)?).int(year(p)? as u64))?.0),
        alt: Some(|p| Some(father(p, Fnv::new(11).str(surname(p)?).int(year(p)? as u64))?.0)),
        either: None,
    },
    Rule {
        name: "given_dob",
        fields: &[Comparator::GivenName, Comparator::Dob],
        key: |p| Some(given(p, Fnv::new(4))?.int(full_date(p)?).0),
        alt: None,
        either: None,
    },
    Rule {
        name: "full_name",
        fields: &[
            Comparator::Surname,
            Comparator::GivenName,
            Comparator::Patronymic,
        ],
        key: |p| Some(father(p, given(p, Fnv::new(8).str(surname(p)?))?)?.0),
        alt: None,
        either: None,
    },
    // Same surname and given name alone is a large block of mostly different people, so it
    // only serves pairs that the rules above cannot see: one side without a full date of
    // birth or without a patronymic (Latin lists rarely have one).
    Rule {
        name: "surname_given",
        fields: &[Comparator::Surname, Comparator::GivenName],
        key: |p| Some(given(p, Fnv::new(5).str(surname(p)?))?.0),
        alt: None,
        either: Some(|p| full_date(p).is_none() || father(p, Fnv::new(0)).is_none()),
    },
    Rule {
        name: "patronymic_dob",
        fields: &[Comparator::Patronymic, Comparator::Dob],
        key: |p| Some(father(p, Fnv::new(6))?.int(full_date(p)?).0),
        alt: None,
        either: None,
    },
    // A typo in the surname is survived by `given_dob` and `patronymic_dob`, so this rule
    // is needed only when neither applies: one side without a patronymic or given name (and
    // a typo in the other). Among everyone born on one day it would pair most people whose
    // surnames share an initial; kept to those pairs it is a sixth (1,000,000 rows) to a
    // twelfth (100,000) the size.
    Rule {
        name: "dob_surname_initial",
        fields: &[Comparator::Dob],
        key: |p| {
            let c = surname(p)?.chars().next()?;
            Some(Fnv::new(7).int(full_date(p)?).int(c as u64).0)
        },
        alt: None,
        either: Some(|p| given(p, Fnv::new(0)).is_none() || father(p, Fnv::new(0)).is_none()),
    },
    // Without a date of birth a pair rests on the names alone, so a typo in one of them
    // would leave it unseen: these two rules each leave one name out (the surname keeps its
    // first two letters), for pairs where one side has no full date.
    Rule {
        name: "surname_patronymic",
        fields: &[Comparator::Surname, Comparator::Patronymic],
        key: |p| Some(father(p, Fnv::new(9).str(surname(p)?))?.0),
        alt: None,
        either: Some(|p| full_date(p).is_none()),
    },
    Rule {
        name: "given_patronymic",
        fields: &[Comparator::GivenName, Comparator::Patronymic],
        key: |p| {
            let s: String = surname(p)?.chars().take(2).collect();
            Some(father(p, given(p, Fnv::new(10).str(&s))?)?.0)
        },
        alt: None,
        either: Some(|p| full_date(p).is_none()),
    },
];

fn surname(p: &Person) -> Option<&str> {
    p.surname
        .as_ref()
        .map(|k| k.skeleton())
        .filter(|s| !s.is_empty())
}

fn given(p: &Person, h: Fnv) -> Option<Fnv> {
    match (p.given_id, &p.given) {
        (Some(id), _) => Some(h.int(1).int(id.0 as u64)),
        (None, Some(k)) if !k.skeleton().is_empty() => Some(h.int(2).str(k.skeleton())),
        _ => None,
    }
}

fn father(p: &Person, h: Fnv) -> Option<Fnv> {
    match (p.father_id, &p.patronymic) {
        (Some(id), _) => Some(h.int(1).int(id.0 as u64)),
        (None, Some(k)) if !k.skeleton().is_empty() => Some(h.int(2).str(k.skeleton())),
        _ => None,
    }
}

fn full_date(p: &Person) -> Option<u64> {
    match &p.dob {
        DateValue::Full { date } => Some(date.num_days_from_ce() as i64 as u64),
        _ => None,
    }
}

fn year(p: &Person) -> Option<i32> {
    match &p.dob {
        DateValue::Full { date } => Some(date.year()),
        DateValue::Year { year } => Some(*year),
        _ => None,
    }
}

/// FNV-1a: deterministic across runs and platforms, unlike the std hasher's random keys.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    fn new(rule: u8) -> Self {
        Fnv(0xcbf2_9ce4_8422_2325).byte(rule)
    }
    fn byte(self, b: u8) -> Self {
        Fnv((self.0 ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3))
    }
    fn str(self, s: &str) -> Self {
        // The terminator keeps ("ab","c") and ("a","bc") apart.
        s.bytes().fold(self, Fnv::byte).byte(0xff)
    }
    fn int(self, v: u64) -> Self {
        v.to_le_bytes().into_iter().fold(self, Fnv::byte)
    }
}

/// How many candidate pairs one blocking rule produced.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct RuleStats {
    /// The rule's match key.
    pub rule: &'static str,
    /// Pairs the rule produced, including those other rules also produced.
    pub pairs: u64,
    /// Pairs no other rule produced.
    pub unique_pairs: u64,
    /// Blocks skipped because they exceeded the cap.
    pub capped_blocks: u64,
    /// Pairs those skipped blocks would have produced.
    pub capped_pairs: u64,
    /// The largest block kept, in pairs.
    pub largest_block: u64,
}

/// A block skipped for being too large; its persons can still be paired by other rules.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CappedBlock {
    /// The rule.
    pub rule: &'static str,
    /// Persons of the block on side A (for a dedupe, of the list).
    pub size_a: u64,
    /// Persons of the block on side B (for a dedupe, equal to `size_a`).
    pub size_b: u64,
    /// Index (into side A) of one person of the block, to show its key values.
    pub example_a: usize,
    /// Index (into side B) of one person of the block.
    pub example_b: usize,
}

/// What blocking did.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct BlockingStats {
    /// Per rule, in rule order.
    pub rules: Vec<RuleStats>,
    /// Distinct candidate pairs after merging the rules.
    pub candidate_pairs: u64,
    /// The cap, in pairs per block.
    pub max_block_pairs: u64,
    /// The largest skipped blocks (at most 50), largest first.
    pub capped: Vec<CappedBlock>,
}

/// A candidate pair: indices into A and B, and a bit per rule that proposed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CandPair {
    pub a: u32,
    pub b: u32,
    pub rules: u16,
}

/// The names of the rules set in `mask`, in rule order.
pub(crate) fn rule_names(mask: u16) -> Vec<&'static str> {
    RULES
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, r)| r.name)
        .collect()
}

fn keys(list: &[Person], rule: &Rule) -> Vec<(Key, u32)> {
    let mut v: Vec<(Key, u32)> = Vec::with_capacity(list.len());
    for (i, p) in list.iter().enumerate() {
        let k = (rule.key)(p);
        if let Some(k) = k {
            v.push((k, i as u32));
        }
        if let Some(k2) = rule.alt.and_then(|f| f(p)).filter(|k2| Some(*k2) != k) {
            v.push((k2, i as u32));
        }
    }
    v.sort_unstable();
    v
}

/// Runs one rule: the pairs it produces (packed `a << 32 | b`), its stats, and its skipped
/// blocks. With `same`, A and B are one list and only pairs with a < b are kept.
fn run_rule(
    a: &[Person],
    b: &[Person],
    same: bool,
    rule: &Rule,
    cap: u64,
) -> (Vec<u64>, RuleStats, Vec<CappedBlock>) {
    let ka = keys(a, rule);
    let kb = if same { ka.clone() } else { keys(b, rule) };
    let mut out = Vec::new();
    let mut stats = RuleStats {
        rule: rule.name,
        ..RuleStats::default()
    };
    let mut capped = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < ka.len() && j < kb.len() {
        let (x, y) = (ka[i].0, kb[j].0);
        if x < y {
            i += 1;
            continue;
        }
        if y < x {
            j += 1;
            continue;
        }
        let ie = i + ka[i..].iter().take_while(|e| e.0 == x).count();
        let je = j + kb[j..].iter().take_while(|e| e.0 == x).count();
        let (block_a, block_b) = (&ka[i..ie], &kb[j..je]);
        let pairs = block_pairs(a, b, block_a, block_b, same, rule.either);
        if pairs > cap {
            stats.capped_blocks += 1;
            stats.capped_pairs += pairs;
            capped.push(CappedBlock {
                rule: rule.name,
                size_a: block_a.len() as u64,
                size_b: block_b.len() as u64,
                example_a: ka[i].1 as usize,
                example_b: kb[j].1 as usize,
            });
        } else if pairs > 0 {
            stats.largest_block = stats.largest_block.max(pairs);
            let chosen = |list: &[Person], i: u32| rule.either.is_none_or(|f| f(&list[i as usize]));
            for &(_, ia) in block_a {
                // A person that does not satisfy `either` pairs only with those that do.
                let all_b = chosen(a, ia);
                for &(_, ib) in block_b {
                    if (!same || ia < ib) && (all_b || chosen(b, ib)) {
                        out.push((ia as u64) << 32 | ib as u64);
                    }
                }
            }
        }
        i = ie;
        j = je;
    }
    // Sorted for the merge; a pair that shares both keys of a two-key rule came twice.
    out.sort_unstable();
    out.dedup();
    stats.pairs = out.len() as u64;
    (out, stats, capped)
}

/// How many pairs a block gives: all of them, or with `either` only those where at least
/// one side satisfies it. With `same` the block is one list's, and each unordered pair of
/// two different persons counts once.
fn block_pairs(
    a: &[Person],
    b: &[Person],
    block_a: &[(Key, u32)],
    block_b: &[(Key, u32)],
    same: bool,
    either: Option<fn(&Person) -> bool>,
) -> u64 {
    let (na, nb) = (block_a.len() as u64, block_b.len() as u64);
    let all = |n: u64, m: u64| {
        if same {
            n * n.saturating_sub(1) / 2
        } else {
            n * m
        }
    };
    match either {
        None => all(na, nb),
        Some(f) => {
            let others = |list: &[Person], block: &[(Key, u32)]| {
                block.iter().filter(|e| !f(&list[e.1 as usize])).count() as u64
            };
            let (oa, ob) = (others(a, block_a), others(b, block_b));
            all(na, nb) - all(oa, ob)
        }
    }
}

/// Candidate pairs of A × B (or of one list with itself when `same`), sorted by (a, b),
/// each with the rules that produced it.
pub(crate) fn block(
    a: &[Person],
    b: &[Person],
    same: bool,
    cap: u64,
) -> (Vec<CandPair>, BlockingStats) {
    let per_rule: Vec<_> = RULES
        .par_iter()
        .map(|r| run_rule(a, b, same, r, cap))
        .collect();
    let mut rules = Vec::with_capacity(RULES.len());
    let mut capped = Vec::new();
    let mut lists = Vec::with_capacity(RULES.len());
    for (pairs, stats, cb) in per_rule {
        lists.push(pairs);
        rules.push(stats);
        capped.extend(cb);
    }
    let cands = merge(&lists);
    drop(lists);
    for c in &cands {
        if c.rules.count_ones() == 1 {
            rules[c.rules.trailing_zeros() as usize].unique_pairs += 1;
        }
    }
    capped.sort_by(|x, y| {
        (y.size_a * y.size_b)
            .cmp(&(x.size_a * x.size_b))
            .then(x.rule.cmp(y.rule))
            .then(x.example_a.cmp(&y.example_a))
    });
    capped.truncate(50);
    let stats = BlockingStats {
        rules,
        candidate_pairs: cands.len() as u64,
        max_block_pairs: cap,
        capped,
    };
    (cands, stats)
}

/// Merges the rules' sorted pair lists into one sorted list of distinct pairs, each with
/// the bits of the rules that hold it. A merge rather than one big sort: the lists are
/// already sorted, and only the distinct pairs are allocated on top of them. A first pass
/// counts them, so the result is allocated once at its size: grown by doubling, it would
/// hold up to twice the pairs while the rules' lists are still alive.
fn merge(lists: &[Vec<u64>]) -> Vec<CandPair> {
    let mut n = 0;
    merge_with(lists, |_, _| n += 1);
    let mut cands = Vec::with_capacity(n);
    merge_with(lists, |p, rules| {
        cands.push(CandPair {
            a: (p >> 32) as u32,
            b: p as u32,
            rules,
        })
    });
    cands
}

/// Calls `f` with each distinct pair of the sorted lists, in order, and its rule bits.
fn merge_with(lists: &[Vec<u64>], mut f: impl FnMut(u64, u16)) {
    let mut pos = vec![0usize; lists.len()];
    loop {
        let mut min = u64::MAX;
        let mut bits = 0u16;
        for (r, (list, &i)) in lists.iter().zip(&pos).enumerate() {
            match list.get(i) {
                Some(&p) if p < min => {
                    min = p;
                    bits = 1 << r;
                }
                Some(&p) if p == min => bits |= 1 << r,
                _ => {}
            }
        }
        if bits == 0 {
            return;
        }
        for (r, i) in pos.iter_mut().enumerate() {
            if bits & (1 << r) != 0 {
                *i += 1;
            }
        }
        f(min, bits);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_separates_parts() {
        assert_ne!(
            Fnv::new(1).str("ab").str("c").0,
            Fnv::new(1).str("a").str("bc").0
        );
        assert_ne!(Fnv::new(1).str("ab").0, Fnv::new(2).str("ab").0);
    }

    #[test]
    fn rules_fit_the_mask() {
        assert!(RULES.len() <= 16);
        assert_eq!(rule_names(0b101), vec![RULES[0].name, RULES[2].name]);
    }
}
