//! Parse-and-score throughput for 3.1 and 4.0 vectors, on generated vectors shaped like NVD's.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mamori_cvss::Cvss;

/// A small deterministic generator, so every run scores the same vectors.
struct Lcg(u64);

impl Lcg {
    fn pick<'a>(&mut self, values: &[&'a str]) -> &'a str {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        values[((self.0 >> 33) % values.len() as u64) as usize]
    }
}

/// Vectors with all base metrics and, for every fourth one, temporal/threat and environmental metrics too.
fn vectors(
    prefix: &str,
    metrics: &[(&str, &[&str])],
    optional_from: usize,
    n: usize,
) -> Vec<String> {
    let mut rng = Lcg(42);
    (0..n)
        .map(|i| {
            let take = if i % 4 == 0 {
                metrics.len()
            } else {
                optional_from
            };
            let mut v = String::from(prefix);
            for (name, values) in &metrics[..take] {
                v.push('/');
                v.push_str(name);
                v.push(':');
                v.push_str(rng.pick(values));
            }
            v
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    const HLN: &[&str] = &["H", "L", "N"];
    let v31: &[(&str, &[&str])] = &[
        ("AV", &["N", "A", "L", "P"]),
        ("AC", &["L", "H"]),
        ("PR", &["N", "L", "H"]),
        ("UI", &["N", "R"]),
        ("S", &["U", "C"]),
        ("C", HLN),
        ("I", HLN),
        ("A", HLN),
        ("E", &["X", "U", "P", "F", "H"]),
        ("RL", &["X", "O", "T", "W", "U"]),
        ("RC", &["X", "U", "R", "C"]),
        ("CR", &["X", "L", "M", "H"]),
        ("MAV", &["X", "N", "A", "L", "P"]),
        ("MC", &["X", "H", "L", "N"]),
    ];
    let v40: &[(&str, &[&str])] = &[
        ("AV", &["N", "A", "L", "P"]),
        ("AC", &["L", "H"]),
        ("AT", &["N", "P"]),
        ("PR", &["N", "L", "H"]),
        ("UI", &["N", "P", "A"]),
        ("VC", HLN),
        ("VI", HLN),
        ("VA", HLN),
        ("SC", HLN),
        ("SI", HLN),
        ("SA", HLN),
        ("E", &["X", "A", "P", "U"]),
        ("CR", &["X", "H", "M", "L"]),
        ("IR", &["X", "H", "M", "L"]),
        ("AR", &["X", "H", "M", "L"]),
        ("MAV", &["X", "N", "A", "L", "P"]),
        ("MSI", &["X", "S", "H", "L", "N"]),
    ];
    let sets = [
        ("parse_score_3.1", vectors("CVSS:3.1", v31, 8, 10_000)),
        ("parse_score_4.0", vectors("CVSS:4.0", v40, 11, 10_000)),
    ];
    let mut group = c.benchmark_group("cvss");
    for (name, set) in &sets {
        group.throughput(Throughput::Elements(set.len() as u64));
        group.bench_function(*name, |b| {
            b.iter(|| {
                let mut sum = 0.0;
                for v in set {
                    let cvss = Cvss::parse(black_box(v)).expect("generated vector is valid");
                    sum += cvss.score() + cvss.base_score();
                }
                sum
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
