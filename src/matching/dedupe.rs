//! Duplicates within one list: groups of rows joined by match-level pairs (connected
//! components, no one-to-one constraint).

/// Connected components of the edges over `n` nodes, only those with two or more members;
/// members ascending, groups ordered by their first member.
pub(crate) fn components(
    n: usize,
    edges: impl IntoIterator<Item = (usize, usize)>,
) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for (a, b) in edges {
        if a >= n || b >= n {
            continue;
        }
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra != rb {
            // The smaller index as root keeps roots independent of edge order.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            parent[hi] = lo;
        }
    }
    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); n];
    for x in 0..n {
        let r = find(&mut parent, x);
        groups[r].push(x);
    }
    groups.retain(|g| g.len() > 1);
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_are_transitive_and_ordered() {
        let g = components(6, [(4, 1), (1, 3), (5, 0), (9, 1)]);
        assert_eq!(g, vec![vec![0, 5], vec![1, 3, 4]]);
    }
}
