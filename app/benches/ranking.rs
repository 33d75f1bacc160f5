//! Aggregation with normalisation for 500 entries × 30 jurors × 6 criteria (issue 5: ≤ 50 ms).
//!
//!     cargo bench -p app --bench ranking
use app::ranking::{Sheet, Weights, rank};
use criterion::{Criterion, criterion_group, criterion_main};

fn sheets(entries: i32, jurors: i32, criteria: usize) -> Vec<Sheet> {
    // A fixed pseudo-random sequence (an LCG), so every run scores the same data.
    let mut state: u64 = 0x2022_0819;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) % 6) as f64
    };
    let mut out = Vec::with_capacity((entries * jurors) as usize);
    for juror in 0..jurors {
        for entry in 0..entries {
            out.push(Sheet {
                juror,
                entry,
                scores: (0..criteria).map(|_| next()).collect(),
            });
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let data = sheets(500, 30, 6);
    let weights = Weights {
        weights: vec![1.0, 2.0, 1.0, 1.0, 1.0, 1.0],
        effect: Some(1),
    };
    c.bench_function(
        "rank 500 entries × 30 jurors × 6 criteria, normalised",
        |b| b.iter(|| rank(std::hint::black_box(&data), &weights, true)),
    );
    c.bench_function("rank 500 entries × 30 jurors × 6 criteria, raw", |b| {
        b.iter(|| rank(std::hint::black_box(&data), &weights, false))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
