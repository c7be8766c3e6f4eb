//! Property tests (issue 9) on small generated lists: every row accounted for exactly once,
//! a list reconciled with itself, symmetry of A and B, order independence, idempotent
//! normalisation, and the same output on 1 and 2 threads. Case counts stay small: CI has
//! two cores.

use std::collections::BTreeSet;

use powrec::normalize::text::fold;
use powrec::read::{Dataset, ReadOptions, read_bytes};
use powrec::reconcile::Report;
use powrec::reconcile::build::{Input, Options, reconcile};
use proptest::prelude::*;

const SURNAMES: [&str; 8] = [
    "Олійник",
    "Коваленко",
    "Шевченко",
    "Бондар",
    "Ткаченко",
    "Кравчук",
    "Мельник",
    "Лисенко",
];
const GIVEN: [&str; 6] = ["Олександр", "Іван", "Петро", "Тарас", "Андрій", "Микола"];

/// One person: surname, given name, day, month, year.
type Person = (usize, usize, u32, u32, i32);

fn person() -> impl Strategy<Value = Person> {
    (
        0..SURNAMES.len(),
        0..GIVEN.len(),
        1u32..=28,
        1u32..=12,
        1960i32..2005,
    )
}

/// A CSV of people with an id column; `rev_cols` writes the columns in reverse order.
fn csv(people: &[(u64, Person)], rev_cols: bool) -> Vec<u8> {
    let mut cols = ["№", "Прізвище", "Ім'я", "Дата народження"];
    if rev_cols {
        cols.reverse();
    }
    let mut out = cols.join(";") + "\n";
    for (id, (s, g, d, m, y)) in people {
        let mut cells = [
            id.to_string(),
            SURNAMES[*s].to_string(),
            GIVEN[*g].to_string(),
            format!("{d:02}.{m:02}.{y}"),
        ];
        if rev_cols {
            cells.reverse();
        }
        out += &(cells.join(";") + "\n");
    }
    out.into_bytes()
}

fn read(bytes: &[u8]) -> Dataset {
    read_bytes("list.csv", bytes, &ReadOptions::default()).unwrap()
}

fn run(a: Dataset, b: Dataset) -> Report {
    let input = |label: &str, dataset| Input {
        label: label.into(),
        dataset,
    };
    reconcile(input("a", a), input("b", b), &Options::default(), &|_| {})
        .unwrap()
        .0
}

/// Row number → the id column's value, for comparing decisions across row orders.
fn ids(d: &Dataset) -> Vec<String> {
    let col = d.mapping.extras.iter().position(|e| e == "№");
    d.records
        .iter()
        .map(|r| {
            col.and_then(|c| r.extras[c].as_deref())
                .unwrap_or_default()
                .to_string()
        })
        .collect()
}

/// The decisions as (A id, B id) pairs and the ids only on each side.
type Decisions = (
    BTreeSet<(String, String)>,
    BTreeSet<String>,
    BTreeSet<String>,
);

fn decisions(r: &Report, ida: &[String], idb: &[String]) -> Decisions {
    let id = |ids: &[String], row: u64| ids[row as usize - 1].clone();
    (
        r.matches
            .iter()
            .map(|m| (id(ida, m.a), id(idb, m.b)))
            .collect(),
        r.only_a.iter().map(|o| id(ida, o.row)).collect(),
        r.only_b.iter().map(|o| id(idb, o.row)).collect(),
    )
}

fn numbered(people: Vec<Person>) -> Vec<(u64, Person)> {
    people
        .into_iter()
        .enumerate()
        .map(|(i, p)| (i as u64 + 1, p))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn every_row_once(a in prop::collection::vec(person(), 1..12), b in prop::collection::vec(person(), 1..12)) {
        let (a, b) = (numbered(a), numbered(b));
        let (na, nb) = (a.len(), b.len());
        let r = run(read(&csv(&a, false)), read(&csv(&b, false)));
        let mut seen_a: Vec<u64> = r.matches.iter().map(|m| m.a).collect();
        seen_a.extend(r.only_a.iter().map(|o| o.row));
        seen_a.extend(r.rejected.a.iter().map(|x| x.row));
        seen_a.sort_unstable();
        prop_assert_eq!(seen_a, (1..=na as u64).collect::<Vec<_>>());
        let mut seen_b: Vec<u64> = r.matches.iter().map(|m| m.b).collect();
        seen_b.extend(r.only_b.iter().map(|o| o.row));
        seen_b.extend(r.rejected.b.iter().map(|x| x.row));
        seen_b.sort_unstable();
        prop_assert_eq!(seen_b, (1..=nb as u64).collect::<Vec<_>>());
    }

    #[test]
    fn a_list_matches_itself(a in prop::collection::vec(person(), 1..12)) {
        // Rows with an identical twin are duplicates and may pair either way; the others must
        // pair with themselves.
        let mut dedup = a.clone();
        dedup.sort();
        dedup.dedup();
        prop_assume!(dedup.len() == a.len());
        let a = numbered(a);
        let r = run(read(&csv(&a, false)), read(&csv(&a, false)));
        prop_assert!(r.only_a.is_empty() && r.only_b.is_empty());
        for m in &r.matches {
            prop_assert_eq!(m.a, m.b);
        }
        prop_assert_eq!(r.matches.len(), a.len());
    }

    #[test]
    fn a_b_mirrors_b_a(a in prop::collection::vec(person(), 1..10), b in prop::collection::vec(person(), 1..10)) {
        let (a, b) = (csv(&numbered(a), false), csv(&numbered(b), false));
        let ab = run(read(&a), read(&b));
        let ba = run(read(&b), read(&a));
        let pairs = |r: &Report, flip: bool| -> BTreeSet<(u64, u64, String)> {
            r.matches.iter().map(|m| {
                let (x, y) = if flip { (m.b, m.a) } else { (m.a, m.b) };
                (x, y, format!("{:?}", m.status))
            }).collect()
        };
        prop_assert_eq!(pairs(&ab, false), pairs(&ba, true));
        let only = |v: &[powrec::reconcile::OnlyEntry]| v.iter().map(|o| o.row).collect::<Vec<_>>();
        prop_assert_eq!(only(&ab.only_a), only(&ba.only_b));
        prop_assert_eq!(only(&ab.only_b), only(&ba.only_a));
    }

    #[test]
    fn shuffling_rows_or_columns_changes_no_decision(
        a in prop::collection::vec(person(), 1..10),
        b in prop::collection::vec(person(), 1..10),
        seed in any::<u64>(),
    ) {
        let (a, b) = (numbered(a), numbered(b));
        let (da, db) = (read(&csv(&a, false)), read(&csv(&b, false)));
        let (ia, ib) = (ids(&da), ids(&db));
        let base = decisions(&run(da, db), &ia, &ib);
        // A fixed permutation from the seed (a rotation and a reversal), plus reversed columns.
        let mut sa = a.clone();
        sa.rotate_left(seed as usize % a.len());
        if seed % 2 == 0 { sa.reverse(); }
        let (da, db) = (read(&csv(&sa, true)), read(&csv(&b, true)));
        let (ia, ib) = (ids(&da), ids(&db));
        prop_assert_eq!(base, decisions(&run(da, db), &ia, &ib));
    }

    #[test]
    fn fold_is_idempotent(s in "\\PC{0,24}") {
        let f = fold(&s);
        prop_assert_eq!(fold(&f), f);
    }

    #[test]
    fn fold_is_idempotent_on_names(s in "[А-ЯЁЄІЇҐа-яёєіїґ'’ʼ \\-A-Za-z\u{200b}\u{301}]{0,24}") {
        let f = fold(&s);
        prop_assert_eq!(fold(&f), f);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    #[test]
    fn one_and_two_threads_agree(a in prop::collection::vec(person(), 1..12), b in prop::collection::vec(person(), 1..12)) {
        let (a, b) = (csv(&numbered(a), false), csv(&numbered(b), false));
        let on = |n: usize| {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(n).build().unwrap();
            pool.install(|| serde_json::to_string(&run(read(&a), read(&b))).unwrap())
        };
        prop_assert_eq!(on(1), on(2));
    }
}
