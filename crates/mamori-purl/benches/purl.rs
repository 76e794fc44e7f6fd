//! Throughput of package URL parsing plus canonical formatting.

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mamori_purl::Purl;

/// A mix shaped like SBOM component purls: plain, scoped, distro-qualified,
/// encoded and subpath forms.
const INPUTS: &[&str] = &[
    "pkg:npm/%40angular/animation@12.3.1",
    "pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1?classifier=sources&type=jar",
    "pkg:pypi/Django_Package@1.11.1.dev1",
    "pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie",
    "pkg:golang/github.com/gorilla/context@v1.1.1#api",
    "pkg:cargo/rand@0.7.2",
    "pkg:rpm/fedora/curl@7.50.3-1.fc25?Arch=i386&Distro=fedora-25",
    "pkg:generic/openssl@1.1.10g?download_url=https://openssl.org/source/openssl-1.1.0g.tar.gz&checksum=sha256:de4d501267da",
];

fn parse_and_canonicalize(c: &mut Criterion) {
    let mut g = c.benchmark_group("purl");
    g.throughput(Throughput::Elements(INPUTS.len() as u64));
    let mut buf = String::with_capacity(256);
    g.bench_function("parse+canonical", |b| {
        b.iter(|| {
            for s in INPUTS {
                let p = Purl::parse(black_box(s)).unwrap();
                buf.clear();
                write!(buf, "{p}").unwrap();
                black_box(&buf);
            }
        })
    });
    g.bench_function("parse", |b| {
        b.iter(|| {
            for s in INPUTS {
                black_box(Purl::parse(black_box(s)).unwrap());
            }
        })
    });
    g.finish();
}

criterion_group!(benches, parse_and_canonicalize);
criterion_main!(benches);
