//! Range containment speed: `contains` on a pre-parsed OSV range and a
//! pre-parsed `vers:` range, the two hot paths of matching.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use mamori_version::Scheme;
use mamori_version::range::{
    NpmRange, OsvEvent, OsvRange, OsvRangeKind, Pep440Specifiers, VersRange,
};

fn ranges(c: &mut Criterion) {
    // Shaped like a real GHSA npm advisory with three affected branches.
    let osv = OsvRange::new(
        OsvRangeKind::Semver,
        Scheme::Npm,
        vec![
            OsvEvent::Introduced("0".into()),
            OsvEvent::Fixed("1.2.6".into()),
            OsvEvent::Introduced("2.0.0".into()),
            OsvEvent::Fixed("2.4.1".into()),
            OsvEvent::Introduced("3.0.0".into()),
            OsvEvent::Fixed("3.1.2".into()),
        ],
    );
    let versions: Vec<_> = ["0.9.1", "1.2.6", "2.3.9", "3.1.1", "4.0.0-rc.1"]
        .iter()
        .map(|v| Scheme::Npm.parse(v).unwrap())
        .collect();
    c.bench_function("osv_contains_npm_5_versions", |b| {
        b.iter(|| {
            for v in &versions {
                black_box(osv.contains(black_box(v)));
            }
        })
    });

    let vers = VersRange::parse("vers:npm/<1.2.6|>=2.0.0|<2.4.1|>=3.0.0|<3.1.2").unwrap();
    c.bench_function("vers_contains_npm_5_versions", |b| {
        b.iter(|| {
            for v in &versions {
                black_box(vers.contains(black_box(v)));
            }
        })
    });

    let npm = NpmRange::parse("^1.2.3 || ~2.4.0 || >=3.0.0 <3.1.2").unwrap();
    c.bench_function("npm_native_contains_5_versions", |b| {
        b.iter(|| {
            for v in &versions {
                black_box(npm.contains(black_box(v)));
            }
        })
    });

    let pep = Pep440Specifiers::parse(">=1.0,!=1.5.*,<2.0").unwrap();
    let py: Vec<_> = ["0.9", "1.5.2", "1.7", "2.0rc1", "1.8+local"]
        .iter()
        .map(|v| Scheme::PyPI.parse(v).unwrap())
        .collect();
    c.bench_function("pep440_contains_5_versions", |b| {
        b.iter(|| {
            for v in &py {
                black_box(pep.contains(black_box(v)));
            }
        })
    });

    c.bench_function("vers_parse", |b| {
        b.iter(|| VersRange::parse(black_box("vers:npm/<1.2.6|>=2.0.0|<2.4.1|>=3.0.0|<3.1.2")))
    });
}

criterion_group!(benches, ranges);
criterion_main!(benches);
