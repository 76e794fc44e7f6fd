//! Throughput of comparing pre-parsed versions and of parsing, for SemVer, PEP 440 and Maven.
//!
//! Matching a package against an advisory compares its version with every
//! range bound, so comparison must be cheap; parsing happens once per
//! version string. Inputs are realistic shapes generated here (releases,
//! pre-releases, build metadata, qualifiers), 64 per scheme, compared all
//! against all.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mamori_version::schemes::maven::MavenVersion;
use mamori_version::schemes::pep440::Pep440Version;
use mamori_version::schemes::semver::SemverVersion;

const N: usize = 64;

fn semver_inputs() -> Vec<String> {
    let pre = [
        "",
        "-alpha",
        "-alpha.1",
        "-beta.2",
        "-rc.1",
        "-0.3.7",
        "-x.7.z.92",
    ];
    (0..N)
        .map(|i| {
            let build = if i % 5 == 0 { "+build.5" } else { "" };
            format!(
                "{}.{}.{}{}{}",
                i % 3,
                i % 11,
                i % 23,
                pre[i % pre.len()],
                build
            )
        })
        .collect()
}

fn pep440_inputs() -> Vec<String> {
    let suffix = [
        "",
        "a1",
        "b2",
        "rc1",
        ".post1",
        ".dev3",
        "rc2.post1.dev4",
        "+ubuntu.1",
    ];
    (0..N)
        .map(|i| {
            format!(
                "{}.{}.{}{}",
                i % 3,
                i % 11,
                i % 23,
                suffix[i % suffix.len()]
            )
        })
        .collect()
}

fn maven_inputs() -> Vec<String> {
    let suffix = [
        "",
        "-SNAPSHOT",
        ".Final",
        "-beta-2",
        "-rc1",
        ".RELEASE",
        "-sp1",
        "-1",
    ];
    (0..N)
        .map(|i| {
            format!(
                "{}.{}.{}{}",
                i % 3,
                i % 11,
                i % 23,
                suffix[i % suffix.len()]
            )
        })
        .collect()
}

fn bench_scheme<T: Ord>(c: &mut Criterion, name: &str, inputs: &[String], parse: fn(&str) -> T) {
    let parsed: Vec<T> = inputs.iter().map(|s| parse(s)).collect();
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Elements((N * N) as u64));
    group.bench_function("compare", |b| {
        b.iter(|| {
            let mut less = 0usize;
            for x in &parsed {
                for y in &parsed {
                    less += usize::from(black_box(x).cmp(black_box(y)).is_lt());
                }
            }
            less
        })
    });
    group.throughput(Throughput::Elements(N as u64));
    group.bench_function("parse", |b| {
        b.iter(|| {
            for s in inputs {
                black_box(parse(black_box(s)));
            }
        })
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    bench_scheme(c, "semver", &semver_inputs(), |s| {
        SemverVersion::parse(s).expect("valid semver")
    });
    bench_scheme(c, "pep440", &pep440_inputs(), |s| {
        Pep440Version::parse_strict(s).expect("valid PEP 440")
    });
    bench_scheme(c, "maven", &maven_inputs(), |s| {
        MavenVersion::parse(s).expect("valid Maven")
    });
}

criterion_group!(compare, benches);
criterion_main!(compare);
