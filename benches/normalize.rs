//! Criterion benches of normalisation: the full per-name keys (`NameKey::new`: fold, detect,
//! romanise, skeleton) over a realistic mix of Cyrillic and Latin names, and skeleton
//! similarity over candidate pairs.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use powrec::normalize::NameKey;
use powrec::normalize::skeleton::{similarity, skeleton};
use powrec::normalize::text::fold;
use std::hint::black_box;

/// Surnames and given names as lists write them: Ukrainian and Russian Cyrillic, KMU, ICAO
/// and legacy Latin, some in capitals, some with apostrophes or a stray Latin letter.
const BASE: &[&str] = &[
    "Шевченко",
    "Олійник",
    "Олейник",
    "Oliinyk",
    "Kovalenko",
    "Ковальчук",
    "ГОРДІЄНКО",
    "Гордиенко",
    "Hordiienko",
    "Лук'яненко",
    "Лук’яненко",
    "Лукьяненко",
    "Lukianenko",
    "Ковалёв",
    "Kovalyov",
    "Мельник",
    "MELNYK",
    "Бондаренко",
    "Ткаченко",
    "Tkachenko",
    "Кравець",
    "Kravets",
    "Поліщук",
    "Polishchuk",
    "Лысенко",
    "Lysenko",
    "Мартинюк",
    "Ковальський",
    "Kovalskyi",
    "Савицкий",
    "Олександр",
    "Oleksandr",
    "Александр",
    "Андрій",
    "Andrii",
    "Сергій",
    "Sergey",
    "Юрій",
    "Iurii",
    "Мар'яна",
    "Наталія",
    "Nataliia",
    "Володимирович",
    "Volodymyrovych",
    "Oлександрович",
    "Євгенія",
    "Yevheniia",
    "Петренко-Коваль",
    "Дмитро",
    "Dmitrii",
];

/// `n` names cycling through [`BASE`], so that the work per name is realistic and varied.
fn names(n: usize) -> Vec<String> {
    BASE.iter().cycle().take(n).map(|s| s.to_string()).collect()
}

fn name_keys(c: &mut Criterion) {
    let batch = names(10_000);
    let mut g = c.benchmark_group("normalize");
    g.throughput(Throughput::Elements(batch.len() as u64));
    g.bench_function("NameKey::new x10k", |b| {
        b.iter(|| {
            for n in &batch {
                black_box(NameKey::new(black_box(n)));
            }
        })
    });
    g.bench_function("fold x10k", |b| {
        b.iter(|| {
            for n in &batch {
                black_box(fold(black_box(n)));
            }
        })
    });
    g.bench_function("skeleton x10k", |b| {
        b.iter(|| {
            for n in &batch {
                black_box(skeleton(black_box(n)));
            }
        })
    });
    g.finish();
}

fn similarities(c: &mut Criterion) {
    let keys: Vec<String> = BASE.iter().map(|s| skeleton(s)).collect();
    let pairs: Vec<(&str, &str)> = keys
        .iter()
        .flat_map(|a| keys.iter().map(move |b| (a.as_str(), b.as_str())))
        .collect();
    let mut g = c.benchmark_group("similarity");
    g.throughput(Throughput::Elements(pairs.len() as u64));
    g.bench_function("skeleton pairs", |b| {
        b.iter(|| {
            for &(x, y) in &pairs {
                black_box(similarity(black_box(x), black_box(y)));
            }
        })
    });
    g.bench_function("strsim jaro_winkler (reference)", |b| {
        b.iter(|| {
            for &(x, y) in &pairs {
                black_box(strsim::jaro_winkler(black_box(x), black_box(y)));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, name_keys, similarities);
criterion_main!(benches);
