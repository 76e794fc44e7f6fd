//! Re-prioritizing one million synthetic findings under the default policy, as after an EPSS update.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mamori_judge::analysis::SafetyRisk;
use mamori_judge::priority::{Epss, Policy, PriorityInput};
use time::macros::date;

const N: usize = 1_000_000;

/// A small deterministic generator, so every run prioritizes the same findings.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn findings() -> Vec<PriorityInput> {
    let mut r = Lcg(7);
    let start = date!(2025 - 01 - 01);
    (0..N)
        .map(|i| {
            let base = (r.next() * 100.0).round() / 10.0;
            PriorityInput {
                cvss_base: (i % 20 != 0).then_some(base),
                cvss_environmental: (i % 3 == 0).then_some((base * 0.8 * 10.0).round() / 10.0),
                epss: (i % 5 != 0).then(|| Epss {
                    score: r.next(),
                    percentile: r.next(),
                }),
                kev: (i % 50 == 0).then_some(i % 200 == 0),
                safety: match i % 10 {
                    0 => Some(SafetyRisk::Uncontrolled),
                    1..=6 => Some(SafetyRisk::Controlled),
                    _ => None,
                },
                since: start + time::Duration::days((i % 700) as i64),
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let policy = Policy::default_policy();
    let findings = findings();
    let mut g = c.benchmark_group("priority");
    g.sample_size(10);
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("prioritize_1m", |b| {
        b.iter(|| {
            let mut p1 = 0usize;
            for f in &findings {
                let p = policy.prioritize(black_box(f)).unwrap();
                p1 += usize::from(p.class == 0);
            }
            p1
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
