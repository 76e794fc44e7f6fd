//! Throughput of CPE name matching (the hot loop of NVD matching) and parsing.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mamori_purl::cpe::{Cpe, compare};

const RULES: &[&str] = &[
    "cpe:2.3:a:openssl:openssl:1.1.1*:*:*:*:*:*:*:*",
    "cpe:2.3:a:apache:log4j:2.*:*:*:*:*:*:*:*",
    "cpe:2.3:o:linux:linux_kernel:*:*:*:*:*:*:*:*",
    "cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*",
    "cpe:2.3:a:jenkins:jenkins:*:*:*:*:lts:*:*:*",
    "cpe:2.3:h:cisco:asa_5505:-:*:*:*:*:*:*:*",
];

const PRODUCTS: &[&str] = &[
    "cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*",
    "cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*",
    "cpe:2.3:o:linux:linux_kernel:5.10.0:*:*:*:*:*:*:*",
    "cpe:2.3:a:microsoft:internet_explorer:8.0.6001:sp2:*:*:*:*:*:*",
    "cpe:2.3:a:jenkins:jenkins:2.319.1:*:*:*:lts:*:*:*",
    "cpe:2.3:h:cisco:asa_5505:-:*:*:*:*:*:*:*",
];

fn bench(c: &mut Criterion) {
    let rules: Vec<Cpe> = RULES.iter().map(|s| Cpe::parse(s).unwrap()).collect();
    let products: Vec<Cpe> = PRODUCTS.iter().map(|s| Cpe::parse(s).unwrap()).collect();
    let mut g = c.benchmark_group("cpe");
    g.throughput(Throughput::Elements((rules.len() * products.len()) as u64));
    g.bench_function("compare", |b| {
        b.iter(|| {
            for r in &rules {
                for p in &products {
                    black_box(compare(black_box(r), black_box(p)));
                }
            }
        })
    });
    g.throughput(Throughput::Elements(RULES.len() as u64));
    g.bench_function("parse_fs", |b| {
        b.iter(|| {
            for s in RULES {
                black_box(Cpe::parse(black_box(s)).unwrap());
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
