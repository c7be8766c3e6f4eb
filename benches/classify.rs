//! Criterion benches of classify: the Istanbul agreement over records built in memory, so
//! reading and normalising are left out of the figure.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use powrec::agreement::Agreement;
use powrec::normalize::{self, NormOptions, Person};
use powrec::record::{Field, Record};

// The allocator the `powrec` binary uses, so the figure is the one a user gets.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const ISTANBUL: &str = include_str!("../fixtures/istanbul-2025.toml");
const HEALTH: [&str; 6] = [
    "тяжке поранення лівої ноги",
    "здоровий",
    "легке поранення",
    "Seriously wounded, amputation",
    "тяжелобольной, туберкулёз",
    "",
];
const CLAIMS: [&str; 4] = ["", "youth", "Seriously wounded or seriously ill", "обмін"];

/// `n` records with a spread of full dates (all ages 15 to 65, every day of the year),
/// year-only births, missing dates and health texts, and their persons.
fn list(n: usize) -> (Vec<Record>, Vec<Person>) {
    let records: Vec<Record> = (0..n)
        .map(|i| {
            let mut r = Record {
                row: i as u64 + 1,
                line: i as u64 + 2,
                ..Record::default()
            };
            match i % 20 {
                0 => r.set(Field::BirthYear, &format!("{}", 1960 + i % 50)),
                1 => {}
                _ => r.set(
                    Field::Dob,
                    &format!(
                        "{:02}.{:02}.{}",
                        1 + i % 28,
                        1 + (i / 28) % 12,
                        1960 + i % 50
                    ),
                ),
            }
            r.set(Field::Health, HEALTH[i % HEALTH.len()]);
            r.set(Field::Category, CLAIMS[i % CLAIMS.len()]);
            r
        })
        .collect();
    let persons = normalize::normalize_records(&records, &NormOptions::default()).persons;
    (records, persons)
}

fn classify(c: &mut Criterion) {
    let agreement = match Agreement::parse("istanbul-2025.toml", ISTANBUL) {
        Ok(a) => a,
        Err(e) => panic!("{e}"),
    };
    let (records, persons) = list(10_000);
    c.bench_function("classify/one record", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % records.len();
            black_box(agreement.classify(&records[i], &persons[i]))
        })
    });

    let (records, persons) = list(1_000_000);
    let mut group = c.benchmark_group("classify");
    group.sample_size(10);
    group.bench_function("1M records (rayon)", |b| {
        // Freeing a million results is the caller's business, not classification's.
        b.iter_with_large_drop(|| black_box(agreement.classify_all(&records, &persons)))
    });
    group.finish();
}

criterion_group!(benches, classify);
criterion_main!(benches);
