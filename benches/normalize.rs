//! Criterion benches of normalisation.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn fold(c: &mut Criterion) {
    c.bench_function("fold", |b| {
        b.iter(|| powrec::normalize::text::fold(black_box("Олійник Олександр")))
    });
}

criterion_group!(benches, fold);
criterion_main!(benches);
