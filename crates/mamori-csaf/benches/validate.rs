//! Benchmark: validating a generated ~5 MB CSAF security advisory (a vendor/product/version branch
//! tree, relationships, product groups, many vulnerabilities with status, scores, remediations).

use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};

/// Builds an advisory shaped like the CISA medical advisories, scaled up.
fn advisory(products: usize, vulns: usize) -> Value {
    let mut versions = Vec::new();
    for i in 0..products {
        versions.push(json!({
            "category": "product_version",
            "name": format!("{}.{}.{}", 1 + i / 100, (i / 10) % 10, i % 10),
            "product": {
                "name": format!("Example Infusion Pump {i}"),
                "product_id": format!("CSAFPID-{i:06}"),
                "product_identification_helper": {
                    "cpe": format!("cpe:2.3:h:example:infusion_pump:{i}:*:*:*:*:*:*:*"),
                    "purl": format!("pkg:generic/example/infusion-pump@{i}")
                }
            }
        }));
    }
    let groups: Vec<Value> = (0..products / 50)
        .map(|g| {
            json!({
                "group_id": format!("CSAFGID-{g:04}"),
                "product_ids": (0..50).map(|k| format!("CSAFPID-{:06}", g * 50 + k)).collect::<Vec<_>>()
            })
        })
        .collect();
    let mut vulnerabilities = Vec::new();
    for v in 0..vulns {
        let affected: Vec<String> = (0..products / 2)
            .filter(|p| (p + v) % 3 == 0)
            .map(|p| format!("CSAFPID-{p:06}"))
            .collect();
        let fixed: Vec<String> = (products / 2..products)
            .filter(|p| (p + v) % 3 == 0)
            .map(|p| format!("CSAFPID-{p:06}"))
            .collect();
        vulnerabilities.push(json!({
            "cve": format!("CVE-2024-{:05}", 10000 + v),
            "cwe": {"id": "CWE-787", "name": "Out-of-bounds Write"},
            "notes": [{"category": "summary", "text": "A buffer overflow lets a remote attacker run code on the pump."}],
            "product_status": {"fixed": fixed, "known_affected": affected},
            "references": [{"category": "external", "summary": "NVD", "url": format!("https://nvd.nist.gov/vuln/detail/CVE-2024-{:05}", 10000 + v)}],
            "remediations": [
                {"category": "vendor_fix", "details": "Update to the latest firmware.", "product_ids": affected, "url": "https://example.com/support"},
                {"category": "mitigation", "details": "Restrict network access.", "group_ids": ["CSAFGID-0000"]}
            ],
            "scores": [{
                "cvss_v3": {"baseScore": 9.8, "baseSeverity": "CRITICAL", "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "version": "3.1"},
                "products": affected
            }],
            "title": format!("Out-of-bounds write {v}")
        }));
    }
    json!({
        "document": {
            "category": "csaf_security_advisory",
            "csaf_version": "2.0",
            "distribution": {"text": "Disclosure is not limited.", "tlp": {"label": "WHITE", "url": "https://www.first.org/tlp/"}},
            "lang": "en-US",
            "notes": [{"category": "summary", "text": "Example Corp infusion pumps have vulnerabilities."}],
            "publisher": {"category": "vendor", "name": "Example Corp", "namespace": "https://example.com"},
            "references": [{"category": "self", "summary": "Canonical URL", "url": "https://example.com/csaf/example-2024-0001.json"}],
            "title": "Example Corp infusion pumps",
            "tracking": {
                "current_release_date": "2024-05-02T10:00:00.000Z",
                "id": "EXAMPLE-2024-0001",
                "initial_release_date": "2024-05-01T10:00:00.000Z",
                "revision_history": [
                    {"date": "2024-05-01T10:00:00.000Z", "number": "1", "summary": "Initial version."},
                    {"date": "2024-05-02T10:00:00.000Z", "number": "2", "summary": "Added products."}
                ],
                "status": "final",
                "version": "2"
            }
        },
        "product_tree": {
            "branches": [{"branches": [{"branches": versions, "category": "product_name", "name": "Infusion Pump"}], "category": "vendor", "name": "Example Corp"}],
            "product_groups": groups
        },
        "vulnerabilities": vulnerabilities
    })
}

fn bench(c: &mut Criterion) {
    let bytes = serde_json::to_vec(&advisory(2_000, 180)).expect("serializes");
    let report = mamori_csaf::validate(&bytes).expect("json");
    eprintln!(
        "document: {:.2} MB, {} errors, {} warnings, {} infos",
        bytes.len() as f64 / 1e6,
        report.errors.len(),
        report.warnings.len(),
        report.infos.len()
    );
    assert!(report.is_valid(), "{:?}", report.errors.first());
    let mut g = c.benchmark_group("validate");
    g.sample_size(10);
    g.bench_function("advisory_5mb", |b| {
        b.iter(|| mamori_csaf::validate(std::hint::black_box(&bytes)).expect("json"))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
