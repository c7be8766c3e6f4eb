//! Benchmark of matching: link() on two generated lists of N persons (default 100,000),
//! timed per stage, with the accuracy against the generator's truth.
//!
//! `cargo bench --bench matching -- [N] [runs]`. A single timed run per size is printed
//! rather than a criterion sample: at 100k × 100k one run takes about a second and the
//! machine is shared.

use std::time::Instant;

use powrec::matching::{MatchConfig, PairStatus, link};
use powrec::normalize::{NormOptions, normalize_records};
use powrec::record::{Field, Record};

const ROOTS: &[&str] = &[
    "Шевч",
    "Коваль",
    "Бонд",
    "Ткач",
    "Кравч",
    "Олійн",
    "Мельн",
    "Бойк",
    "Марч",
    "Мороз",
    "Лис",
    "Руд",
    "Савч",
    "Петр",
    "Клим",
    "Павл",
    "Кузьм",
    "Левч",
    "Гонч",
    "Сидор",
    "Карп",
    "Харч",
    "Прих",
    "Гаврил",
    "Пономар",
    "Литвин",
    "Юрч",
    "Іван",
    "Вакул",
    "Тимош",
    "Мартин",
    "Кушн",
    "Мазур",
    "Білик",
    "Панч",
    "Зінч",
    "Головк",
    "Гумен",
    "Вовк",
    "Яков",
    "Остап",
    "Роман",
    "Гордій",
    "Тарас",
    "Дорош",
    "Семен",
    "Власюк",
    "Стец",
    "Кириленк",
    "Демч",
    "Гриц",
    "Ярош",
    "Мірош",
    "Назар",
    "Степан",
    "Онищ",
    "Жук",
    "Костюк",
    "Лук",
    "Максим",
    "Фед",
    "Давид",
    "Гуць",
    "Пилип",
    "Мисник",
    "Осад",
    "Рибак",
    "Довгал",
    "Чорн",
    "Білоус",
    "Швець",
    "Гнат",
    "Тищ",
    "Гер",
    "Ілл",
    "Андрущ",
    "Бабич",
    "Васил",
    "Захарч",
];
const MIDDLES: &[&str] = &["", "ов", "ан", "ич", "ар", "ен", "ус", "ал"];
const SUFFIXES: &[&str] = &[
    "енко",
    "ук",
    "юк",
    "ак",
    "ич",
    "ий",
    "ар",
    "ишин",
    "ан",
    "ець",
    "ко",
    "иш",
    "ало",
    "ута",
    "ейко",
    "овський",
    "ник",
    "ин",
    "ов",
    "евич",
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
    ("Віталій", "Віталійович"),
    ("Павло", "Павлович"),
    ("Артем", "Артемович"),
    ("Євген", "Євгенович"),
    ("Валерій", "Валерійович"),
    ("Анатолій", "Анатолійович"),
    ("Ярослав", "Ярославович"),
    ("Руслан", "Русланович"),
    ("Вадим", "Вадимович"),
    ("Валентин", "Валентинович"),
    ("Владислав", "Владиславович"),
    ("Станіслав", "Станіславович"),
    ("Костянтин", "Костянтинович"),
    ("Григорій", "Григорович"),
    ("Федір", "Федорович"),
    ("Степан", "Степанович"),
    ("Назар", "Назарович"),
    ("Кирило", "Кирилович"),
    ("Ілля", "Ілліч"),
    ("Антон", "Антонович"),
];

struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Skewed towards small indices, like surname and name frequencies.
    fn skewed(&mut self, n: usize) -> usize {
        let x = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        ((x * x * n as f64) as usize).min(n - 1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

#[derive(Clone)]
struct Raw {
    s: String,
    g: String,
    p: String,
    d: String,
    n: String,
}

fn person(g: &mut Lcg) -> Raw {
    let s = format!(
        "{}{}{}",
        ROOTS[g.below(ROOTS.len())],
        MIDDLES[g.below(MIDDLES.len())],
        SUFFIXES[g.skewed(SUFFIXES.len())]
    );
    let d = format!(
        "{:02}.{:02}.{}",
        1 + g.below(28),
        1 + g.below(12),
        1960 + g.below(46)
    );
    let n = if g.chance(30) {
        format!("{:07}", g.below(10_000_000))
    } else {
        String::new()
    };
    Raw {
        s,
        g: NAMES[g.skewed(NAMES.len())].0.into(),
        p: NAMES[g.skewed(NAMES.len())].1.into(),
        d,
        n,
    }
}

/// One plausible clerk's error.
fn noisy(mut r: Raw, g: &mut Lcg) -> Raw {
    match g.below(6) {
        0 => {
            let mut c: Vec<char> = r.s.chars().collect();
            let i = 1 + g.below(c.len().saturating_sub(1).max(1));
            if i < c.len() {
                c.remove(i);
            }
            r.s = c.into_iter().collect();
        }
        1 => r.g = r.g.chars().take(1).collect(),
        2 => r.d = String::new(),
        3 => {
            let mut c: Vec<char> = r.d.chars().collect();
            if c.len() == 10 {
                c.swap(8, 9);
            }
            r.d = c.into_iter().collect();
        }
        4 => r.p = String::new(),
        _ => r.s = r.s.to_uppercase(),
    }
    r
}

fn records(list: &[Raw]) -> Vec<Record> {
    list.iter()
        .enumerate()
        .map(|(i, x)| {
            let mut r = Record {
                row: i as u64 + 1,
                line: i as u64 + 2,
                ..Record::default()
            };
            r.set(Field::Surname, &x.s);
            r.set(Field::GivenName, &x.g);
            r.set(Field::Patronymic, &x.p);
            r.set(Field::Dob, &x.d);
            r.set(Field::ServiceNumber, &x.n);
            r
        })
        .collect()
}

/// Surnames: 80 roots and 8 middles drawn uniformly times 20 suffixes drawn skewed (12,800
/// surnames, the commonest 0.03%, sum of squared frequencies about 1.2e-4, near the
/// Ukrainian population's); given names and patronymics skewed over 40 (the commonest 16%).
///
/// A: n people. B: 90% of them (15% with one error) in shuffled order, plus 10% others.
/// Returns the lists and, per B index, the A index of the same person.
fn lists(n: usize, seed: u64) -> (Vec<Raw>, Vec<Raw>, Vec<Option<usize>>) {
    let mut g = Lcg(seed);
    let a: Vec<Raw> = (0..n).map(|_| person(&mut g)).collect();
    let mut b: Vec<(Raw, Option<usize>)> = Vec::with_capacity(n);
    for (i, r) in a.iter().enumerate() {
        if g.chance(90) {
            let r = if g.chance(15) {
                noisy(r.clone(), &mut g)
            } else {
                r.clone()
            };
            b.push((r, Some(i)));
        }
    }
    while b.len() < n {
        b.push((person(&mut g), None));
    }
    for i in (1..b.len()).rev() {
        let j = g.below(i + 1);
        b.swap(i, j);
    }
    let (b, truth) = b.into_iter().unzip();
    (a, b, truth)
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let n: usize = args.first().and_then(|x| x.parse().ok()).unwrap_or(100_000);
    let runs: usize = args.get(1).and_then(|x| x.parse().ok()).unwrap_or(1);
    let (ra, rb, truth) = lists(n, 42);
    let opts = NormOptions::default();
    let a = normalize_records(&records(&ra), &opts).persons;
    let b = normalize_records(&records(&rb), &opts).persons;
    let cfg = MatchConfig::default();
    for run in 0..runs {
        let t = Instant::now();
        let l = link(&a, &b, &cfg);
        let total = t.elapsed();
        let tm = &l.timings;
        println!(
            "matching/link {n}x{n} run {run}: {:.3} s (block {:.3}, compare {:.3}, estimate {:.3}, score {:.3}, assign {:.3}); {} candidate pairs",
            total.as_secs_f64(),
            tm.block.as_secs_f64(),
            tm.compare.as_secs_f64(),
            tm.estimate.as_secs_f64(),
            tm.score.as_secs_f64(),
            tm.assign.as_secs_f64(),
            l.blocking.candidate_pairs
        );
        if run + 1 < runs {
            continue;
        }
        for r in &l.blocking.rules {
            println!(
                "  rule {:<20} pairs {:>9} unique {:>8} capped blocks {}",
                r.rule, r.pairs, r.unique_pairs, r.capped_blocks
            );
        }
        let true_pairs = truth.iter().filter(|t| t.is_some()).count();
        let (mut tp_match, mut fp_match, mut tp_review, mut fp_review) = (0, 0, 0, 0);
        for p in &l.pairs {
            let right = truth[p.b] == Some(p.a);
            match (p.status, right) {
                (PairStatus::Match, true) => tp_match += 1,
                (PairStatus::Match, false) => fp_match += 1,
                (PairStatus::Review, true) => tp_review += 1,
                (PairStatus::Review, false) => fp_review += 1,
            }
        }
        let mut paired_b = vec![None; b.len()];
        for p in &l.pairs {
            paired_b[p.b] = Some(p.a);
        }
        let blocked = truth
            .iter()
            .enumerate()
            .filter(|(bi, t)| {
                t.is_some_and(|ai| {
                    paired_b[*bi] == Some(ai)
                        || l.near_miss_a[ai].is_some_and(|c| c.b == *bi)
                        || l.near_miss_b[*bi].is_some_and(|c| c.a == ai)
                })
            })
            .count();
        println!(
            "  true pairs {true_pairs}; match: {tp_match} right, {fp_match} wrong; review: {tp_review} right, {fp_review} wrong; true pairs seen by blocking (lower bound) {blocked}"
        );
        println!(
            "  prior weight {:.2} bits, expected matches {:.0}, u sample {}",
            l.model.prior_weight, l.model.expected_matches, l.model.u_sample_pairs
        );
    }
}
