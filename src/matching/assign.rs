//! One-to-one decisions: greedy assignment by score with deterministic tie-breaks, the
//! downgrade of contested matches to review, competing candidates and near misses.

use std::cmp::Ordering;

use rayon::prelude::*;

use super::PairStatus;

/// A scored candidate pair, as assignment sees it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Scored {
    pub a: u32,
    pub b: u32,
    pub score: f64,
}

/// Competing candidates below this probability are not listed as alternatives (they still
/// count as near misses).
pub(crate) const MIN_ALTERNATIVE: f64 = 0.01;

/// The decision order: score descending (NaN-safe), then the persons' rows on A and on B,
/// then the indices, so equal scores resolve the same way whatever the input order.
pub(crate) fn order(x: &Scored, y: &Scored, rows_a: &[u64], rows_b: &[u64]) -> Ordering {
    let row = |rows: &[u64], i: u32| rows.get(i as usize).copied().unwrap_or(u64::MAX);
    y.score
        .total_cmp(&x.score)
        .then_with(|| row(rows_a, x.a).cmp(&row(rows_a, y.a)))
        .then_with(|| row(rows_b, x.b).cmp(&row(rows_b, y.b)))
        .then_with(|| x.a.cmp(&y.a))
        .then_with(|| x.b.cmp(&y.b))
}

/// The outcome of assignment, by candidate index.
pub(crate) struct Assignment {
    /// Accepted candidates with their status.
    pub accepted: Vec<(usize, PairStatus)>,
    /// Per accepted candidate (same order), its competitors, best first.
    pub alternatives: Vec<Vec<usize>>,
    /// Per row of A not accepted, its best candidate.
    pub near_a: Vec<Option<usize>>,
    /// Per row of B not accepted, its best candidate.
    pub near_b: Vec<Option<usize>>,
}

/// What assignment needs to know of the persons of each side, one entry per person.
pub(crate) struct Persons<'a> {
    /// Rows on A, for tie-breaks.
    pub rows_a: &'a [u64],
    /// Rows on B, for tie-breaks.
    pub rows_b: &'a [u64],
    /// Per person of A, the id of its within-list duplicate group (see [`group_ids`]).
    pub group_a: &'a [usize],
    /// Per person of B, the id of its within-list duplicate group.
    pub group_b: &'a [usize],
}

/// Per person, an id shared by exactly the members of its duplicate group: the group's
/// lowest member, or the person itself when it is in no group. Members out of range are
/// ignored.
pub(crate) fn group_ids(n: usize, groups: &[Vec<usize>]) -> Vec<usize> {
    let mut id: Vec<usize> = (0..n).collect();
    for g in groups {
        if let Some(&first) = g.iter().filter(|&&x| x < n).min() {
            for &x in g {
                if let Some(slot) = id.get_mut(x) {
                    *slot = first;
                }
            }
        }
    }
    id
}

/// Greedy one-to-one assignment over candidates sorted by (a, b). A pair is accepted when
/// neither person is taken yet, in [`order`]. An accepted match is downgraded to review
/// when a competitor at match level shares one of its persons and the competitor's other
/// person did not get anything at least as good: two plausible partners is a case for a
/// person to decide. A competitor whose other person is a duplicate (same group) of the
/// accepted partner is no contest: it is the same person listed twice, and the extra row
/// stays unpaired to be reported as a duplicate.
///
/// A candidate for which `vetoed` holds is never a match whatever its score, only review
/// (two known dates of birth that disagree outright), and is no contest to another.
pub(crate) fn assign(
    scored: &[Scored],
    vetoed: &(dyn Fn(usize) -> bool + Sync),
    persons: &Persons,
    threshold: f64,
    review_threshold: f64,
    max_alternatives: usize,
) -> Assignment {
    let Persons {
        rows_a,
        rows_b,
        group_a,
        group_b,
    } = *persons;
    let (na, nb) = (rows_a.len(), rows_b.len());
    let same_group = |g: &[usize], x: u32, y: u32| matches!((g.get(x as usize), g.get(y as usize)), (Some(p), Some(q)) if p == q);
    let mut idx: Vec<usize> = (0..scored.len())
        .filter(|&i| scored[i].score >= review_threshold)
        .collect();
    idx.sort_by(|&x, &y| order(&scored[x], &scored[y], rows_a, rows_b));
    let mut taken_a: Vec<Option<usize>> = vec![None; na];
    let mut taken_b: Vec<Option<usize>> = vec![None; nb];
    let mut accepted = Vec::new();
    for i in idx {
        let s = scored[i];
        let (a, b) = (s.a as usize, s.b as usize);
        if taken_a[a].is_none() && taken_b[b].is_none() {
            taken_a[a] = Some(i);
            taken_b[b] = Some(i);
            accepted.push(i);
        }
    }
    // Competitors worth showing; the long tail of hopeless candidates stays out of the
    // groups, which at a million rows would otherwise cost gigabytes.
    let relevant: Vec<usize> = (0..scored.len())
        .into_par_iter()
        .filter(|&i| scored[i].score >= MIN_ALTERNATIVE)
        .collect();
    let by_a = group(&relevant, na, |i| scored[i].a as usize);
    let by_b = group(&relevant, nb, |i| scored[i].b as usize);
    let sorted = |mut v: Vec<usize>| {
        v.sort_by(|&x, &y| order(&scored[x], &scored[y], rows_a, rows_b));
        v
    };
    let holds = |taken: &Option<usize>, score: f64| {
        taken.is_some_and(|t| scored[t].score.total_cmp(&score) != Ordering::Less)
    };
    accepted.sort_unstable();
    let decided: Vec<((usize, PairStatus), Vec<usize>)> = accepted
        .par_iter()
        .map(|&i| {
            let s = scored[i];
            let competitors: Vec<usize> = by_a[s.a as usize]
                .iter()
                .chain(&by_b[s.b as usize])
                .copied()
                .filter(|&j| j != i)
                .collect();
            let contested = s.score >= threshold
                && competitors.iter().any(|&j| {
                    let c = scored[j];
                    c.score >= threshold
                        && !vetoed(j)
                        && if c.a == s.a {
                            !same_group(group_b, c.b, s.b)
                                && !holds(&taken_b[c.b as usize], c.score)
                        } else {
                            !same_group(group_a, c.a, s.a)
                                && !holds(&taken_a[c.a as usize], c.score)
                        }
                });
            let status = if s.score >= threshold && !contested && !vetoed(i) {
                PairStatus::Match
            } else {
                PairStatus::Review
            };
            let mut comp = sorted(competitors);
            comp.truncate(max_alternatives);
            ((i, status), comp)
        })
        .collect();
    let (out, alternatives) = decided.into_iter().unzip();
    // Near misses over every candidate, however weak: one pass, best per row.
    let mut best_a: Vec<Option<usize>> = vec![None; na];
    let mut best_b: Vec<Option<usize>> = vec![None; nb];
    for (i, c) in scored.iter().enumerate() {
        for (best, k) in [(&mut best_a, c.a as usize), (&mut best_b, c.b as usize)] {
            if let Some(slot) = best.get_mut(k) {
                let better =
                    slot.is_none_or(|j| order(c, &scored[j], rows_a, rows_b) == Ordering::Less);
                if better {
                    *slot = Some(i);
                }
            }
        }
    }
    let near_a = best_a
        .into_iter()
        .zip(&taken_a)
        .map(|(b, t)| if t.is_some() { None } else { b })
        .collect();
    let near_b = best_b
        .into_iter()
        .zip(&taken_b)
        .map(|(b, t)| if t.is_some() { None } else { b })
        .collect();
    Assignment {
        accepted: out,
        alternatives,
        near_a,
        near_b,
    }
}

/// Candidate indices grouped by one endpoint, in one flat array (a counting sort), since a
/// vector per person costs an allocation each.
struct Groups {
    start: Vec<usize>,
    items: Vec<usize>,
}

impl std::ops::Index<usize> for Groups {
    type Output = [usize];
    fn index(&self, k: usize) -> &[usize] {
        match (self.start.get(k), self.start.get(k + 1)) {
            (Some(&s), Some(&e)) => &self.items[s..e],
            _ => &[],
        }
    }
}

fn group(members: &[usize], n: usize, key: impl Fn(usize) -> usize) -> Groups {
    let mut start = vec![0usize; n + 1];
    for &i in members {
        let k = key(i);
        if k < n {
            start[k + 1] += 1;
        }
    }
    for k in 0..n {
        start[k + 1] += start[k];
    }
    let mut fill = start.clone();
    let mut items = vec![0usize; start[n]];
    for &i in members {
        let k = key(i);
        if k < n {
            items[fill[k]] = i;
            fill[k] += 1;
        }
    }
    Groups { start, items }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(a: u32, b: u32, score: f64) -> Scored {
        Scored { a, b, score }
    }

    /// Assignment with no duplicate groups.
    fn plain(c: &[Scored], rows_a: &[u64], rows_b: &[u64]) -> Assignment {
        let ga: Vec<usize> = (0..rows_a.len()).collect();
        let gb: Vec<usize> = (0..rows_b.len()).collect();
        let p = Persons {
            rows_a,
            rows_b,
            group_a: &ga,
            group_b: &gb,
        };
        assign(c, &|_| false, &p, 0.9, 0.5, 3)
    }

    #[test]
    fn greedy_is_one_to_one_and_prefers_the_higher_score() {
        let c = [s(0, 0, 0.95), s(0, 1, 0.99), s(1, 1, 0.97), s(1, 0, 0.2)];
        let r = plain(&c, &[1, 2], &[1, 2]);
        let acc: Vec<usize> = r.accepted.iter().map(|x| x.0).collect();
        assert_eq!(acc, vec![1]);
        // Row 1 of A competed for B row 1 with 0.97 and lost: its near miss is that pair.
        assert_eq!(r.near_a[1], Some(2));
        assert_eq!(r.near_b[0], Some(0));
    }

    #[test]
    fn contested_match_goes_to_review() {
        // A0 fits B0 and B1 equally; B1 gets nothing else.
        let c = [s(0, 0, 0.99), s(0, 1, 0.99)];
        let r = plain(&c, &[1], &[1, 2]);
        assert_eq!(r.accepted, vec![(0, PairStatus::Review)]);
        assert_eq!(r.alternatives[0], vec![1]);
    }

    #[test]
    fn nan_scores_do_not_panic() {
        let c = [s(0, 0, f64::NAN), s(0, 1, 0.95)];
        let r = plain(&c, &[1], &[1, 2]);
        assert_eq!(r.accepted, vec![(1, PairStatus::Match)]);
    }

    #[test]
    fn a_duplicate_is_no_contest() {
        // A0 fits B0 and B1 equally, and B0 and B1 are one person listed twice: the pair
        // with the lower row is a match, the other row stays unpaired with A0 as near miss.
        let c = [s(0, 0, 0.99), s(0, 1, 0.99)];
        let gb = group_ids(2, &[vec![0, 1]]);
        assert_eq!(gb, vec![0, 0]);
        let p = Persons {
            rows_a: &[1],
            rows_b: &[7, 3],
            group_a: &[0],
            group_b: &gb,
        };
        let r = assign(&c, &|_| false, &p, 0.9, 0.5, 3);
        assert_eq!(r.accepted, vec![(1, PairStatus::Match)]);
        assert_eq!(r.near_b, vec![Some(0), None]);
        // The same from the other side.
        let c = [s(0, 0, 0.99), s(1, 0, 0.99)];
        let p = Persons {
            rows_a: &[7, 3],
            rows_b: &[1],
            group_a: &gb,
            group_b: &[0],
        };
        let r = assign(&c, &|_| false, &p, 0.9, 0.5, 3);
        assert_eq!(r.accepted, vec![(1, PairStatus::Match)]);
    }

    #[test]
    fn group_ids_ignore_out_of_range_members() {
        assert_eq!(group_ids(4, &[vec![3, 1, 9]]), vec![0, 1, 2, 1]);
    }
}
