//! Integration tests: matching (linking two lists and finding duplicates in one).

use powrec::matching::{Level, Linkage, MatchConfig, PairStatus, dedupe, link};
use powrec::normalize::{NormOptions, Person, normalize_records};
use powrec::record::{Field, Record};

const SURNAMES: &[&str] = &[
    "Мельник",
    "Шевченко",
    "Бойко",
    "Коваленко",
    "Бондаренко",
    "Ткаченко",
    "Ковальчук",
    "Кравченко",
    "Олійник",
    "Шевчук",
    "Коваль",
    "Поліщук",
    "Бондар",
    "Ткачук",
    "Марченко",
    "Мороз",
    "Лисенко",
    "Руденко",
    "Савченко",
    "Петренко",
    "Клименко",
    "Павленко",
    "Кравчук",
    "Кузьменко",
    "Левченко",
    "Гончаренко",
    "Сидоренко",
    "Карпенко",
    "Савчук",
    "Харченко",
];
const NAMES: &[(&str, &str)] = &[
    ("Олександр", "Олександрович"),
    ("Андрій", "Андрійович"),
    ("Сергій", "Сергійович"),
    ("Володимир", "Володимирович"),
    ("Дмитро", "Дмитрович"),
    ("Олексій", "Олексійович"),
    ("Микола", "Миколайович"),
    ("Іван", "Іванович"),
    ("Юрій", "Юрійович"),
    ("Віктор", "Вікторович"),
    ("Василь", "Васильович"),
    ("Михайло", "Михайлович"),
    ("Максим", "Максимович"),
    ("Олег", "Олегович"),
    ("Ігор", "Ігорович"),
    ("Роман", "Романович"),
    ("Петро", "Петрович"),
    ("Богдан", "Богданович"),
    ("Денис", "Денисович"),
    ("Тарас", "Тарасович"),
];

/// Raw values of one person: surname, given name, patronymic, dob, service number.
#[derive(Clone, Debug)]
struct Raw {
    s: String,
    g: String,
    p: String,
    d: String,
    n: String,
}

fn raw(s: &str, g: &str, p: &str, d: &str) -> Raw {
    Raw {
        s: s.into(),
        g: g.into(),
        p: p.into(),
        d: d.into(),
        n: String::new(),
    }
}

fn record(row: u64, r: &Raw) -> Record {
    let mut rec = Record {
        row,
        line: row + 1,
        ..Record::default()
    };
    rec.set(Field::Surname, &r.s);
    rec.set(Field::GivenName, &r.g);
    rec.set(Field::Patronymic, &r.p);
    rec.set(Field::Dob, &r.d);
    rec.set(Field::ServiceNumber, &r.n);
    rec
}

/// Persons from raw values; rows are 1-based positions.
fn persons(list: &[Raw]) -> Vec<Person> {
    let recs: Vec<Record> = list
        .iter()
        .enumerate()
        .map(|(i, r)| record(i as u64 + 1, r))
        .collect();
    normalize_records(&recs, &NormOptions::default()).persons
}

struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// `n` distinct-ish people drawn from the name tables with a seeded generator.
fn people(n: usize, seed: u64) -> Vec<Raw> {
    let mut g = Lcg(seed);
    (0..n)
        .map(|_| {
            let (given, _) = NAMES[g.next(NAMES.len())];
            let (_, patr) = NAMES[g.next(NAMES.len())];
            let d = format!(
                "{:02}.{:02}.{}",
                1 + g.next(28),
                1 + g.next(12),
                1965 + g.next(40)
            );
            raw(SURNAMES[g.next(SURNAMES.len())], given, patr, &d)
        })
        .collect()
}

/// (row on A, row on B, status) of every pair, sorted.
fn decisions(l: &Linkage, a: &[Person], b: &[Person]) -> Vec<(u64, u64, PairStatus)> {
    let mut v: Vec<_> = l
        .pairs
        .iter()
        .map(|p| (a[p.a].row, b[p.b].row, p.status))
        .collect();
    v.sort_by_key(|x| (x.0, x.1));
    v
}

fn assert_one_to_one(l: &Linkage) {
    let mut a: Vec<usize> = l.pairs.iter().map(|p| p.a).collect();
    let mut b: Vec<usize> = l.pairs.iter().map(|p| p.b).collect();
    let (na, nb) = (a.len(), b.len());
    a.sort_unstable();
    a.dedup();
    b.sort_unstable();
    b.dedup();
    assert_eq!((a.len(), b.len()), (na, nb), "a person is in two pairs");
}

fn status_of(l: &Linkage, a: usize, b: usize) -> Option<PairStatus> {
    l.pairs
        .iter()
        .find(|p| p.a == a && p.b == b)
        .map(|p| p.status)
}

#[test]
fn identical_lists_match_every_row_to_itself() {
    let a = persons(&people(60, 7));
    let l = link(&a, &a, &MatchConfig::default());
    assert_eq!(l.pairs.len(), a.len());
    for p in &l.pairs {
        assert_eq!(p.a, p.b);
        assert_eq!(p.status, PairStatus::Match, "{p:?}");
        assert!(p.score >= 0.9 && p.score <= 1.0);
    }
    assert!(l.near_miss_a.iter().all(Option::is_none));
}

#[test]
fn case_and_date_format_do_not_matter() {
    let a = persons(&[raw("Шевченко", "Тарас", "Григорович", "09.03.1994")]);
    let b = persons(&[raw("ШЕВЧЕНКО", "тарас", "ГРИГОРОВИЧ", "1994-03-09")]);
    let l = link(&a, &b, &MatchConfig::default());
    assert_eq!(status_of(&l, 0, 0), Some(PairStatus::Match));
}

#[test]
fn namesakes_with_different_birth_dates_are_not_matched() {
    let mut a = people(40, 1);
    let mut b = people(40, 2);
    a.push(raw("Петренко", "Іван", "Петрович", "01.01.1980"));
    b.push(raw("Петренко", "Іван", "Петрович", "15.06.1992"));
    let (pa, pb) = (persons(&a), persons(&b));
    let l = link(&pa, &pb, &MatchConfig::default());
    assert_ne!(status_of(&l, 40, 40), Some(PairStatus::Match));
}

#[test]
fn brothers_stay_apart() {
    let mut a = people(40, 3);
    let mut b = people(40, 4);
    a.push(raw("Коваленко", "Андрій", "Іванович", "12.04.1990"));
    b.push(raw("Коваленко", "Олег", "Іванович", "03.11.1994"));
    let (pa, pb) = (persons(&a), persons(&b));
    let l = link(&pa, &pb, &MatchConfig::default());
    assert_eq!(status_of(&l, 40, 40), None);
    // Both brothers present on each side: each pairs with himself only.
    let mut a2 = a.clone();
    let mut b2 = b.clone();
    a2.push(raw("Коваленко", "Олег", "Іванович", "03.11.1994"));
    b2.push(raw("Коваленко", "Андрій", "Іванович", "12.04.1990"));
    let (pa, pb) = (persons(&a2), persons(&b2));
    let l = link(&pa, &pb, &MatchConfig::default());
    assert_eq!(status_of(&l, 40, 41), Some(PairStatus::Match));
    assert_eq!(status_of(&l, 41, 40), Some(PairStatus::Match));
    assert_eq!(status_of(&l, 40, 40), None);
}

#[test]
fn one_typo_in_any_field_still_pairs() {
    let base = raw("Бондаренко", "Михайло", "Петрович", "17.08.1987");
    let mut variants = Vec::new();
    for (field, value) in [
        (0, "Бондаренков"),
        (1, "Михаило"),
        (2, "Петровчи"),
        (3, "17.08.1978"),
        (3, "08.17.1987"),
        (3, "18.08.1987"),
    ] {
        let mut v = base.clone();
        match field {
            0 => v.s = value.into(),
            1 => v.g = value.into(),
            2 => v.p = value.into(),
            _ => v.d = value.into(),
        }
        variants.push(v);
    }
    for v in variants {
        let mut a = people(30, 5);
        let mut b = people(30, 6);
        a.push(base.clone());
        b.push(v.clone());
        let (pa, pb) = (persons(&a), persons(&b));
        let l = link(&pa, &pb, &MatchConfig::default());
        let got = status_of(&l, 30, 30);
        assert!(
            got.is_some(),
            "variant {v:?} lost: near miss {:?}",
            l.near_miss_a[30]
        );
    }
}

#[test]
fn missing_fields_weigh_nothing() {
    let full = raw("Мороз", "Дмитро", "Олегович", "02.02.1990");
    let mut no_dob = full.clone();
    no_dob.d = String::new();
    let a = persons(std::slice::from_ref(&full));
    let b = persons(&[no_dob]);
    let l = link(&a, &b, &MatchConfig::default());
    let p = l.pairs.first().expect("the pair is found without a dob");
    let dob = p
        .explanation
        .iter()
        .find(|e| e.field.name() == "dob")
        .expect("dob explained");
    assert_eq!(dob.level, Level::Missing);
    assert_eq!(dob.weight, 0.0);
    assert_eq!(dob.tf_adjustment, 0.0);
    // A service number on one side only changes nothing either.
    let mut with_number = full.clone();
    with_number.n = "АВ123456".into();
    let l1 = link(
        &persons(std::slice::from_ref(&full)),
        &persons(std::slice::from_ref(&full)),
        &MatchConfig::default(),
    );
    let l2 = link(
        &persons(&[full]),
        &persons(&[with_number]),
        &MatchConfig::default(),
    );
    assert_eq!(l1.pairs[0].match_weight, l2.pairs[0].match_weight);
}

#[test]
fn explanation_adds_up_to_the_score() {
    let a = persons(&people(30, 11));
    let mut braw = people(30, 11);
    braw[3].d = "01.01.1970".into();
    braw[5].s = format!("{}а", braw[5].s);
    let b = persons(&braw);
    let l = link(&a, &b, &MatchConfig::default());
    assert!(!l.pairs.is_empty());
    for p in &l.pairs {
        let sum: f64 = p.prior_weight
            + p.explanation
                .iter()
                .map(|e| e.weight + e.tf_adjustment)
                .sum::<f64>();
        assert!((sum - p.match_weight).abs() < 1e-9, "{p:?}");
        let prob = 1.0 / (1.0 + (-p.match_weight).exp2());
        assert!((prob - p.score).abs() < 1e-12);
        assert!(!p.rules.is_empty());
        assert_eq!(p.explanation.len(), 7);
    }
}

/// A and B with shared people (some noisy), extra people on each side, and a duplicate.
fn messy_lists() -> (Vec<Raw>, Vec<Raw>) {
    let shared = people(50, 21);
    let mut a: Vec<Raw> = shared[..45].to_vec();
    a.extend(people(10, 22));
    let mut b: Vec<Raw> = shared[5..].to_vec();
    b.extend(people(10, 23));
    b[0].s = format!("{}о", b[0].s);
    b[1].d = String::new();
    b[2].g = b[2].g.chars().take(1).collect();
    b.push(b[7].clone());
    (a, b)
}

#[test]
fn one_to_one_holds_and_a_duplicate_is_no_contest() {
    let (a, b) = messy_lists();
    let (pa, pb) = (persons(&a), persons(&b));
    let l = link(&pa, &pb, &MatchConfig::default());
    assert_one_to_one(&l);
    assert!(l.pairs.len() >= 40, "{}", l.pairs.len());
    // b[7] appears twice on B: its partner on A matches the copy with the lower row, and
    // the other copy, unpaired, has a near miss pointing back at it.
    let p = l
        .pairs
        .iter()
        .find(|p| p.a == 12)
        .expect("shared[12] is paired");
    assert_eq!((p.b, p.status), (7, PairStatus::Match));
    assert!(
        p.alternatives
            .iter()
            .any(|c| c.a == 12 && c.b == b.len() - 1)
    );
    assert_eq!(l.near_miss_b[b.len() - 1].map(|c| c.a), Some(12));
}

#[test]
fn shuffling_rows_changes_no_decision() {
    let (a, b) = messy_lists();
    let (pa, pb) = (persons(&a), persons(&b));
    let base = link(&pa, &pb, &MatchConfig::default());
    let mut g = Lcg(99);
    let mut sa = pa.clone();
    let mut sb = pb.clone();
    for i in (1..sa.len()).rev() {
        sa.swap(i, g.next(i + 1));
    }
    for i in (1..sb.len()).rev() {
        sb.swap(i, g.next(i + 1));
    }
    let shuffled = link(&sa, &sb, &MatchConfig::default());
    assert_eq!(decisions(&base, &pa, &pb), decisions(&shuffled, &sa, &sb));
}

#[test]
fn link_mirrors_across_sides() {
    let (a, b) = messy_lists();
    let (pa, pb) = (persons(&a), persons(&b));
    let ab = link(&pa, &pb, &MatchConfig::default());
    let ba = link(&pb, &pa, &MatchConfig::default());
    let mut flipped: Vec<_> = ba
        .pairs
        .iter()
        .map(|p| (p.b, p.a, p.status, p.score.to_bits()))
        .collect();
    flipped.sort();
    let direct: Vec<_> = ab
        .pairs
        .iter()
        .map(|p| (p.a, p.b, p.status, p.score.to_bits()))
        .collect();
    assert_eq!(direct, flipped);
    assert_eq!(
        ab.near_miss_a,
        ba.near_miss_b
            .iter()
            .map(|c| c.map(|c| powrec::matching::Candidate {
                a: c.b,
                b: c.a,
                score: c.score
            }))
            .collect::<Vec<_>>()
    );
}

#[test]
fn thread_count_does_not_change_the_output() {
    let (a, b) = messy_lists();
    let (pa, pb) = (persons(&a), persons(&b));
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool");
        pool.install(|| {
            let cfg = MatchConfig {
                u_sample_pairs: 500,
                ..MatchConfig::default()
            };
            let l = serde_json::to_string(&link(&pa, &pb, &cfg)).expect("json");
            let d = serde_json::to_string(&dedupe(&pb, &cfg)).expect("json");
            (l, d)
        })
    };
    assert_eq!(run(1), run(2));
    assert_eq!(run(1), run(3));
}

#[test]
fn capped_blocks_are_reported_and_their_people_still_found() {
    // Everyone shares surname and given name and has no dob: the surname_given block is
    // huge; the service numbers still pair them.
    let mk = |i: usize| Raw {
        n: format!("SN{i:05}"),
        ..raw("Шевченко", "Олександр", "", "")
    };
    let a: Vec<Raw> = (0..30).map(mk).collect();
    let b: Vec<Raw> = (0..30).rev().map(mk).collect();
    let cfg = MatchConfig {
        max_block_pairs: 100,
        ..MatchConfig::default()
    };
    let (pa, pb) = (persons(&a), persons(&b));
    let l = link(&pa, &pb, &cfg);
    let rule = l
        .blocking
        .rules
        .iter()
        .find(|r| r.rule == "surname_given")
        .expect("rule stats");
    assert_eq!(rule.capped_blocks, 1);
    assert_eq!(rule.capped_pairs, 900);
    assert_eq!(l.blocking.capped[0].size_a, 30);
    assert_eq!(l.pairs.len(), 30);
    for p in &l.pairs {
        assert_eq!(p.a + p.b, 29, "paired by service number");
        assert_eq!(p.rules, vec!["service_number"]);
    }
}

#[test]
fn blocking_counts_pairs_per_rule() {
    let a = persons(&people(50, 31));
    let l = link(&a, &a, &MatchConfig::default());
    let total: u64 = l.blocking.rules.iter().map(|r| r.pairs).sum();
    let unique: u64 = l.blocking.rules.iter().map(|r| r.unique_pairs).sum();
    assert!(total >= l.blocking.candidate_pairs);
    assert!(unique <= l.blocking.candidate_pairs);
    assert!(
        l.blocking
            .rules
            .iter()
            .any(|r| r.rule == "surname_year_name" && r.pairs >= 50)
    );
}

#[test]
fn dedupe_groups_copies_but_not_brothers() {
    let mut list = people(40, 41);
    list.push(list[3].clone());
    let mut typo = list[10].clone();
    typo.d = "".into();
    list.push(typo);
    list.push(raw("Коваленко", "Андрій", "Іванович", "12.04.1990"));
    list.push(raw("Коваленко", "Олег", "Іванович", "03.11.1994"));
    let p = persons(&list);
    let d = dedupe(&p, &MatchConfig::default());
    assert!(d.groups.contains(&vec![3, 40]), "{:?}", d.groups);
    assert!(
        d.groups.iter().any(|g| g.contains(&10) && g.contains(&41)),
        "{:?}",
        d.groups
    );
    assert!(!d.groups.iter().any(|g| g.contains(&42) || g.contains(&43)));
    assert!(d.pairs.iter().all(|p| p.a < p.b));
}

#[test]
fn empty_lists_are_fine() {
    let a = persons(&people(5, 1));
    let l = link(&a, &[], &MatchConfig::default());
    assert!(l.pairs.is_empty());
    assert_eq!(l.near_miss_a.len(), 5);
    let d = dedupe(&[], &MatchConfig::default());
    assert!(d.groups.is_empty());
}

#[test]
fn cross_script_and_cross_language_spellings_match() {
    let a = persons(&[raw("Олійник", "Олександр", "Сергійович", "05.03.1999")]);
    let b = persons(&[raw("Олейник", "Александр", "Сергеевич", "05.03.1999")]);
    let c = persons(&[raw("OLIINYK", "Oleksandr", "", "05.03.1999")]);
    let cfg = MatchConfig::default();
    assert_eq!(
        status_of(&link(&a, &b, &cfg), 0, 0),
        Some(PairStatus::Match)
    );
    assert_eq!(
        status_of(&link(&a, &c, &cfg), 0, 0),
        Some(PairStatus::Match)
    );
    assert_eq!(
        status_of(&link(&b, &c, &cfg), 0, 0),
        Some(PairStatus::Match)
    );
}

#[test]
fn model_weights_are_finite_bounded_and_ordered() {
    let (a, b) = messy_lists();
    let l = link(&persons(&a), &persons(&b), &MatchConfig::default());
    assert!(l.model.prior_weight.is_finite() && l.model.prior_weight < 0.0);
    assert!(!l.model.em.is_empty());
    for c in &l.model.comparisons {
        let w: Vec<f64> = c.levels.iter().map(|x| x.weight).collect();
        assert!(w.iter().all(|x| x.is_finite() && x.abs() <= 25.0), "{c:?}");
        assert_eq!(w[w.len() - 1], 0.0, "missing weighs nothing");
        for pair in w[..w.len() - 1].windows(2) {
            assert!(pair[0] >= pair[1], "levels out of order: {c:?}");
        }
        assert!(w[0] > 0.0 && w[w.len() - 2] < 0.0, "{c:?}");
    }
}

#[test]
fn agreeing_on_a_common_surname_is_weaker_evidence() {
    // Twenty Шевченко on each side, and one Верещак: both exact agreements, but the rare
    // surname must weigh more.
    let mut a = people(20, 51);
    for r in &mut a {
        r.s = "Шевченко".into();
    }
    a.push(raw("Верещак", "Тарас", "Іванович", "01.02.1983"));
    let pa = persons(&a);
    let l = link(&pa, &pa, &MatchConfig::default());
    let surname = |i: usize| {
        let p = l.pairs.iter().find(|p| p.a == i).expect("paired");
        let e = &p.explanation[0];
        assert_eq!(e.field.name(), "surname");
        assert_eq!(e.level, Level::Exact);
        (e.weight, e.tf_adjustment)
    };
    let (common_w, common_tf) = surname(0);
    let (rare_w, rare_tf) = surname(20);
    assert_eq!(common_w, rare_w, "same level, same base weight");
    assert!(common_tf < 0.0, "{common_tf}");
    assert!(rare_tf > common_tf);
}

#[test]
fn defaults_only_model_still_decides() {
    let (a, b) = messy_lists();
    let cfg = MatchConfig {
        estimate: false,
        ..MatchConfig::default()
    };
    let l = link(&persons(&a), &persons(&b), &cfg);
    assert!(l.model.em.is_empty());
    assert_eq!(l.model.u_sample_pairs, 0);
    assert!(l.pairs.len() >= 40);
    assert_one_to_one(&l);
}

#[test]
fn a_person_listed_twice_on_one_side_still_matches() {
    let a_raw = people(40, 31);
    let mut b_raw = a_raw.clone();
    // Person 3 appears twice on B: the copy is row 41 (index 40).
    b_raw.push(a_raw[3].clone());
    let (pa, pb) = (persons(&a_raw), persons(&b_raw));
    let cfg = MatchConfig::default();
    let d = dedupe(&pb, &cfg);
    assert!(d.groups.contains(&vec![3, 40]), "{:?}", d.groups);
    // Both orientations: B's copy is index 40 of B, on the second side or the first.
    for (l, copy_on_a) in [(link(&pa, &pb, &cfg), false), (link(&pb, &pa, &cfg), true)] {
        assert_one_to_one(&l);
        // The copy with the lower row takes the pair, as a match.
        assert_eq!(status_of(&l, 3, 3), Some(PairStatus::Match));
        assert!(l.pairs.iter().all(|p| p.status == PairStatus::Match));
        // The other copy is unpaired, with its twin's partner as near miss.
        let near = if copy_on_a {
            assert!(l.pairs.iter().all(|p| p.a != 40));
            l.near_miss_a[40].map(|c| c.b)
        } else {
            assert!(l.pairs.iter().all(|p| p.b != 40));
            l.near_miss_b[40].map(|c| c.a)
        };
        assert_eq!(near, Some(3));
    }
}

#[test]
fn two_different_people_equally_likely_go_to_review() {
    let mut a_raw = people(40, 41);
    let mut b_raw = a_raw.clone();
    // A knows no date of birth; B has two people of that full name born on different
    // dates, whom B's own dedupe keeps apart.
    a_raw.push(raw("Мельник", "Іван", "Петрович", ""));
    b_raw.push(raw("Мельник", "Іван", "Петрович", "12.05.1990"));
    b_raw.push(raw("Мельник", "Іван", "Петрович", "03.11.1971"));
    let (pa, pb) = (persons(&a_raw), persons(&b_raw));
    let cfg = MatchConfig::default();
    let d = dedupe(&pb, &cfg);
    assert!(d.groups.iter().all(|g| !g.contains(&40)), "{:?}", d.groups);
    let l = link(&pa, &pb, &cfg);
    assert_one_to_one(&l);
    let p = l
        .pairs
        .iter()
        .find(|p| p.a == 40)
        .expect("a pair for A's row");
    // Both candidates are at match level: it is the contest that makes it review.
    assert!(p.score >= cfg.threshold, "{}", p.score);
    assert!(
        p.alternatives
            .iter()
            .any(|c| c.a == 40 && c.b != p.b && c.score >= cfg.threshold),
        "{:?}",
        p.alternatives
    );
    assert_eq!(p.status, PairStatus::Review);
}

#[test]
fn a_misspelt_name_is_close_to_the_other_languages_form_of_it() {
    // "Алебсандр" is a typo of the Russian Александр; the Ukrainian side writes Олександр,
    // two letters away. Compared with every form of the known name, it is one typo away.
    let a = vec![raw("Кулик", "Олександр", "Георгійович", "26.04.2000")];
    let b = vec![raw("Кулик", "Алебсандр", "Георгиевич", "26.04.2000")];
    let (pa, pb) = (persons(&a), persons(&b));
    assert!(pa[0].given_id.is_some() && pb[0].given_id.is_none());
    let l = link(&pa, &pb, &MatchConfig::default());
    let pair = l.pairs.first().expect("paired");
    let given = pair
        .explanation
        .iter()
        .find(|f| f.field.name() == "given_name")
        .expect("given name compared");
    assert_eq!(given.level, powrec::matching::Level::Close);
    // A different name that is not a typo of any form stays different.
    let c = vec![raw("Кулик", "Абрахам", "Георгиевич", "26.04.2000")];
    let pc = persons(&c);
    let l = link(&pa, &pc, &MatchConfig::default());
    for p in &l.pairs {
        let g = p
            .explanation
            .iter()
            .find(|f| f.field.name() == "given_name")
            .expect("given name compared");
        assert_eq!(g.level, powrec::matching::Level::Different);
    }
}

#[test]
fn the_form_a_name_takes_carries_no_evidence_of_its_own() {
    // Мельник is spelt alike in Ukrainian and Russian (exact), Вишневський is not
    // (transliterated); each is listed once on each side, so agreeing on either is equally
    // strong evidence once term frequencies are applied. Likewise Олександр = Александр
    // (equivalent) against Тарас = Тарас (exact), each given name once per side.
    let mut a = people(40, 61);
    let mut b = a.clone();
    a.push(raw("Мельник", "Олександр", "Іванович", "01.02.1983"));
    b.push(raw("Мельник", "Александр", "Иванович", "01.02.1983"));
    a.push(raw("Вишневський", "Тарас", "Іванович", "03.04.1984"));
    b.push(raw("Вишневский", "Тарас", "Иванович", "03.04.1984"));
    for r in a.iter_mut().take(40).chain(b.iter_mut().take(40)) {
        r.s = "Шевченко".into();
        r.g = "Петро".into();
    }
    let (pa, pb) = (persons(&a), persons(&b));
    let l = link(&pa, &pb, &MatchConfig::default());
    let field = |i: usize, f: usize| {
        let p = l
            .pairs
            .iter()
            .find(|p| p.a == i && p.b == i)
            .expect("paired");
        let e = &p.explanation[f];
        (e.level, e.weight + e.tf_adjustment)
    };
    let (mel, mel_w) = field(40, 0);
    let (vysh, vysh_w) = field(41, 0);
    assert_eq!((mel, vysh), (Level::Exact, Level::Transliterated));
    assert!((mel_w - vysh_w).abs() < 1e-9, "{mel_w} vs {vysh_w}");
    let (olek, olek_w) = field(40, 1);
    let (taras, taras_w) = field(41, 1);
    assert_eq!((olek, taras), (Level::Equivalent, Level::Exact));
    assert!((olek_w - taras_w).abs() < 1e-9, "{olek_w} vs {taras_w}");
    // The forty Шевченко agree on a common surname: weaker evidence.
    let (_, common_w) = field(0, 0);
    assert!(common_w < mel_w, "{common_w} vs {mel_w}");
}

#[test]
fn a_typo_in_a_common_name_is_worth_no_more_than_the_name() {
    // Half of each list is called Олександр; one Ukrainian row misspells it.
    let mut a = people(60, 71);
    for r in a.iter_mut().step_by(2) {
        r.g = "Олександр".into();
    }
    let b = a.clone();
    a[2].g = "Олекснадр".into();
    let (pa, pb) = (persons(&a), persons(&b));
    let l = link(&pa, &pb, &MatchConfig::default());
    let given = |i: usize| {
        let p = l
            .pairs
            .iter()
            .find(|p| p.a == i && p.b == i)
            .expect("paired");
        let e = &p.explanation[1];
        (e.level, e.weight + e.tf_adjustment)
    };
    let (typo, typo_w) = given(2);
    let (exact, exact_w) = given(4);
    assert_eq!((typo, exact), (Level::Close, Level::Exact));
    assert!(typo_w <= exact_w + 1e-9, "{typo_w} > {exact_w}");
}

#[test]
fn without_a_birth_date_a_typo_in_one_name_still_pairs() {
    let base = people(50, 81);
    let mut a = base.clone();
    let mut b = base.clone();
    // A knows no dates for these; a surname typo, then a given-name typo.
    a[5].d.clear();
    b[5].s = format!("{}х", b[5].s);
    a[6].d.clear();
    a[6].g = "Тарас".into();
    b[6].g = "Траас".into();
    b[6].s = "Верещак".into();
    a[6].s = "Верещак".into();
    let (pa, pb) = (persons(&a), persons(&b));
    let l = link(&pa, &pb, &MatchConfig::default());
    let rules_of = |i: usize| {
        l.pairs
            .iter()
            .find(|p| p.a == i && p.b == i)
            .map(|p| p.rules.clone())
    };
    let r5 = rules_of(5).expect("the surname typo is still a candidate");
    assert!(r5.contains(&"given_patronymic"), "{r5:?}");
    // Row 6 is proposed (its score is low in a list this small, so it is a near miss).
    let six = l.pairs.iter().find(|p| p.a == 6).map(|p| p.b);
    assert_eq!(six.or(l.near_miss_a[6].map(|c| c.b)), Some(6));
    let stats = |name: &str| {
        let r = l
            .blocking
            .rules
            .iter()
            .find(|r| r.rule == name)
            .expect("rule");
        r.pairs
    };
    assert!(stats("surname_patronymic") >= 1);
    // The fallback rules only pair a row with no full date: no other pair comes from them.
    for p in &l.pairs {
        if p.a != 5 && p.a != 6 {
            assert!(
                !p.rules.contains(&"given_patronymic") && !p.rules.contains(&"surname_patronymic"),
                "{:?}",
                p.rules
            );
        }
    }
}

#[test]
fn a_rare_name_does_not_outweigh_two_different_birth_dates() {
    // A name found once per list weighs more than a date of birth that disagrees outright;
    // such a pair is for a person to look at, never a match or a duplicate on its own.
    let mut a = people(3000, 91);
    let mut b = a.clone();
    a.push(raw("Кітишин", "Семен", "Остапович", "23.11.2001"));
    b.push(raw("Китишин", "Семён", "Остапович", "10.09.1986"));
    let (pa, pb) = (persons(&a), persons(&b));
    // A low match threshold puts the pair above it on its names: only the rule keeps it out.
    let cfg = MatchConfig {
        threshold: 0.3,
        review_threshold: 0.01,
        ..MatchConfig::default()
    };
    let l = link(&pa, &pb, &cfg);
    let p = l
        .pairs
        .iter()
        .find(|p| p.a == 3000 && p.b == 3000)
        .expect("the pair is listed for review");
    assert!(
        p.score >= cfg.threshold,
        "the names reach match level: {}",
        p.score
    );
    assert_eq!(p.status, PairStatus::Review);
    assert_eq!(p.explanation[3].level, Level::Different);
    // The same two within one list are not grouped as one person listed twice.
    let mut list = people(60, 92);
    list.push(raw("Лалмець", "Станіслав", "Володимирович", "10.06.1984"));
    list.push(raw("Лалмець", "Станіслав", "Володимирович", "05.12.1995"));
    let d = dedupe(&persons(&list), &MatchConfig::default());
    assert!(
        !d.groups.iter().any(|g| g.contains(&60) && g.contains(&61)),
        "{:?}",
        d.groups
    );
    // A copy whose date differs by a typo still is one.
    list.push(raw("Лалмець", "Станіслав", "Володимирович", "10.06.1985"));
    let d = dedupe(&persons(&list), &MatchConfig::default());
    assert!(
        d.groups.iter().any(|g| g.contains(&60) && g.contains(&62)),
        "{:?}",
        d.groups
    );
}
