//! Debian and RPM speed: comparing pre-parsed versions and parsing, the hot paths of distro matching.
//!
//! The versions are written here in the shapes of real Debian/Ubuntu and
//! RHEL/SUSE package versions (epochs, `~` backports, `+deb12u1` security
//! updates, `.el9_3` dist tags, module streams). Each compare iteration
//! compares every pair of 16 versions, so throughput is in comparisons.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mamori_version::schemes::debian::DebianVersion;
use mamori_version::schemes::rpm::RpmVersion;

const DEBIAN: [&str; 16] = [
    "2.36-9+deb12u4",
    "2.36-9+deb12u3",
    "1:9.18.24-1",
    "1:9.18.19-1~deb12u1",
    "3.0.11-1~deb12u2",
    "3.0.13-1~deb12u1",
    "7.88.1-10+deb12u5",
    "7.88.1-10ubuntu0.22.04.1",
    "2:8.2.3995-1ubuntu2.15",
    "1.2.13.dfsg-1",
    "5.10.0-28",
    "6.1.0-18-amd64",
    "252.22-1~deb12u1",
    "1:2.39.2-1.1",
    "0.9.8o-4squeeze14",
    "2.4.57-2",
];

const RPM: [&str; 16] = [
    "2.34-83.el9_3.7",
    "2.34-83.el9_3.12",
    "1:3.0.7-25.el9_3",
    "1:3.0.7-24.el9",
    "7.76.1-26.el9_3.3",
    "5.14.0-362.24.1.el9_3",
    "5.14.0-362.18.1.el9_3",
    "252-18.el9_3.1",
    "2:8.2.2637-20.el9_1",
    "1.2.11-40.el9",
    "1.0~rc1-1.fc39",
    "1.0-1.fc39",
    "1.0^20230101git1-1.fc39",
    "4.16.1.3-25.el9",
    "3.9.18-1.el9_3.1",
    "8.0.35-1.module+el9.3.0+19887+0ae2e1b8",
];

fn compare(c: &mut Criterion) {
    let deb: Vec<DebianVersion> = DEBIAN
        .iter()
        .map(|s| DebianVersion::parse(s).unwrap())
        .collect();
    let rpm: Vec<RpmVersion> = RPM.iter().map(|s| RpmVersion::parse(s).unwrap()).collect();

    let mut g = c.benchmark_group("distros");
    g.throughput(Throughput::Elements(256));
    g.bench_function("debian_cmp_256", |b| {
        b.iter(|| {
            let mut less = 0u32;
            for x in &deb {
                for y in &deb {
                    less += u32::from(black_box(x) < black_box(y));
                }
            }
            less
        })
    });
    g.bench_function("rpm_cmp_256", |b| {
        b.iter(|| {
            let mut less = 0u32;
            for x in &rpm {
                for y in &rpm {
                    less += u32::from(black_box(x) < black_box(y));
                }
            }
            less
        })
    });
    g.throughput(Throughput::Elements(16));
    g.bench_function("debian_parse_16", |b| {
        b.iter(|| {
            for s in DEBIAN {
                black_box(DebianVersion::parse(black_box(s)).unwrap());
            }
        })
    });
    g.bench_function("rpm_parse_16", |b| {
        b.iter(|| {
            for s in RPM {
                black_box(RpmVersion::parse(black_box(s)).unwrap());
            }
        })
    });
    g.finish();
}

criterion_group!(benches, compare);
criterion_main!(benches);
