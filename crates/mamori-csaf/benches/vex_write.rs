//! Benchmark: writing the CSAF VEX of a release with 3,000 components and 500 statements,
//! validation included (the budget is 200 ms).

use criterion::{Criterion, criterion_group, criterion_main};
use mamori_csaf::vex::{
    Analysis, CvssEntry, Product, Publisher, PublisherCategory, ReleaseStatus, VexComponent,
    VexDocument, VexStatement, csaf_vex,
};
use mamori_judge::analysis::{Justification, Response, State};
use time::macros::datetime;

fn release(components: usize, statements: usize) -> VexDocument {
    let components: Vec<VexComponent> = (0..components)
        .map(|i| VexComponent {
            bom_ref: format!("pkg:npm/lib-{i}@1.{}.{}", i % 10, i % 7),
            name: format!("lib-{i}"),
            version: format!("1.{}.{}", i % 10, i % 7),
            purl: Some(format!("pkg:npm/lib-{i}@1.{}.{}", i % 10, i % 7)),
            cpe: None,
        })
        .collect();
    let statements = (0..statements)
        .map(|i| {
            let analysis = match i % 4 {
                0 => Analysis {
                    justification: Some(Justification::CodeNotReachable),
                    ..Analysis::new(State::NotAffected)
                },
                1 => Analysis {
                    responses: vec![Response::Update],
                    ..Analysis::new(State::Exploitable)
                },
                2 => Analysis::new(State::Resolved),
                _ => Analysis::new(State::UnderInvestigation),
            };
            VexStatement {
                remediations: Vec::new(),
                vuln_id: format!("CVE-2024-{:05}", 10000 + i),
                aliases: vec![format!("GHSA-xxxx-yyyy-{i:04}")],
                title: Some(format!("Issue {i}")),
                description: Some(format!("A flaw in lib-{} lets an attacker do harm.", i * 6)),
                cwe: None,
                cvss: vec![CvssEntry {
                    vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H".to_string(),
                    source: Some("NVD".to_string()),
                }],
                components: vec![components[(i * 6) % components.len()].bom_ref.clone()],
                analysis,
                fixed_versions: vec!["2.0.0".to_string()],
                first_issued: None,
                last_updated: None,
            }
        })
        .collect();
    VexDocument {
        products: Vec::new(),
        publisher: Publisher {
            name: "Example Medical".into(),
            namespace: "https://example.com".into(),
            category: PublisherCategory::Vendor,
        },
        tracking_id: "EXM-VEX-2024-0001".into(),
        title: "VEX for Example Pump 4.2.0".into(),
        lang: mamori_csaf::vex::Lang::En,
        now: datetime!(2024-06-01 00:00 UTC),
        status: ReleaseStatus::Final,
        history: Vec::new(),
        revision_summary: "Initial release.".into(),
        summary: None,
        references: Vec::new(),
        product: Product {
            name: "Example Pump".into(),
            vendor: "Example Medical".into(),
            version: "4.2.0".into(),
            purl: None,
            cpe: None,
        },
        components,
        statements,
    }
}

fn bench(c: &mut Criterion) {
    let doc = release(3000, 500);
    c.bench_function("csaf_vex 3000 components, 500 statements", |b| {
        b.iter(|| csaf_vex(std::hint::black_box(&doc)).unwrap().to_vec().len())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
