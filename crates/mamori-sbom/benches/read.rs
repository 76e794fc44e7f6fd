//! Read-and-check and diff throughput on generated 50,000-component SBOMs (CycloneDX JSON and XML, SPDX JSON).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mamori_model::DocumentFormat;

const COMPONENTS: usize = 50_000;

/// The generated CycloneDX JSON written again in `format`, through our own writer.
fn in_format(cdx: &[u8], format: DocumentFormat) -> Vec<u8> {
    if format == DocumentFormat::CycloneDxJson {
        return cdx.to_vec();
    }
    let checked = mamori_sbom::read(cdx).expect("the generated SBOM reads");
    mamori_sbom::write(&checked.sbom, format)
}

fn read(c: &mut Criterion) {
    let cdx = mamori_bench::cyclonedx(COMPONENTS, 0);
    let mut g = c.benchmark_group("read_and_check_50k");
    g.sample_size(10);
    for (name, format) in [
        ("cyclonedx_json", DocumentFormat::CycloneDxJson),
        ("cyclonedx_xml", DocumentFormat::CycloneDxXml),
        ("spdx_json", DocumentFormat::SpdxJson),
        ("spdx_tag_value", DocumentFormat::SpdxTagValue),
    ] {
        let bytes = in_format(&cdx, format);
        let checked = mamori_sbom::read(&bytes).expect("the converted SBOM reads");
        assert!(checked.is_valid(), "{name}: {:?}", checked.errors.first());
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| mamori_sbom::read(black_box(&bytes)).map(|c| c.sbom.components.len()))
        });
    }
    g.finish();
}

fn diff(c: &mut Criterion) {
    let a = mamori_bench::cyclonedx(COMPONENTS, 0);
    let b = mamori_bench::cyclonedx(COMPONENTS, 1);
    let (ra, rb) = (
        mamori_sbom::read(&a).expect("reads"),
        mamori_sbom::read(&b).expect("reads"),
    );
    let mut g = c.benchmark_group("diff_50k");
    g.sample_size(10);
    // What `mamori sbom diff A B` does: read both, then compare.
    g.bench_function("read_both_and_diff", |bench| {
        bench.iter(|| {
            let old = mamori_sbom::read(black_box(&a)).expect("reads");
            let new = mamori_sbom::read(black_box(&b)).expect("reads");
            mamori_sbom::diff::diff(&old.sbom, &new.sbom, |_, x, y| Some(x.cmp(y)))
                .entries
                .len()
        })
    });
    // The same with the two files read at once, as a two-core machine allows.
    g.bench_function("read_both_in_parallel_and_diff", |bench| {
        bench.iter(|| {
            let (old, new) = std::thread::scope(|s| {
                let old = s.spawn(|| mamori_sbom::read(black_box(&a)).expect("reads"));
                let new = mamori_sbom::read(black_box(&b)).expect("reads");
                (old.join().expect("no panic"), new)
            });
            mamori_sbom::diff::diff(&old.sbom, &new.sbom, |_, x, y| Some(x.cmp(y)))
                .entries
                .len()
        })
    });
    g.bench_function("diff_only", |bench| {
        bench.iter(|| {
            mamori_sbom::diff::diff(black_box(&ra.sbom), black_box(&rb.sbom), |_, x, y| {
                Some(x.cmp(y))
            })
            .entries
            .len()
        })
    });
    g.finish();
}

criterion_group!(benches, read, diff);
criterion_main!(benches);
