//! Shared by the VEX writer tests: reading a fixture's `input.json` into a `VexDocument`, and the
//! table of writers with the file names of their expected outputs.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use mamori_csaf::vex::{self, VexDocument, WriteError, Written};
use mamori_judge::analysis::{Analysis, Detail, Justification, Lang, Response, State};
use serde::Deserialize;
use time::OffsetDateTime;

/// Each writer with the name its expected output is filed under.
pub type Writer = fn(&VexDocument) -> Result<Written, WriteError>;
pub const WRITERS: &[(&str, Writer)] = &[
    ("csaf_vex", vex::csaf_vex),
    ("csaf_security_advisory", vex::csaf_security_advisory),
    (
        "csaf_informational_advisory",
        vex::csaf_informational_advisory,
    ),
    ("openvex", vex::openvex),
    ("cyclonedx_vex", vex::cyclonedx_vex),
    ("cyclonedx_vdr", vex::cyclonedx_vdr),
];

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vex")
}

/// Fixture case folders, sorted.
pub fn cases() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    v.sort();
    v
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct In {
    publisher: InPublisher,
    tracking_id: String,
    title: String,
    lang: String,
    #[serde(with = "time::serde::rfc3339")]
    now: OffsetDateTime,
    status: String,
    #[serde(default)]
    history: Vec<InRevision>,
    revision_summary: String,
    summary: Option<String>,
    #[serde(default)]
    references: Vec<InLink>,
    product: InProduct,
    #[serde(default)]
    components: Vec<InComponent>,
    #[serde(default)]
    statements: Vec<InStatement>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InPublisher {
    name: String,
    namespace: String,
    category: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InRevision {
    #[serde(with = "time::serde::rfc3339")]
    date: OffsetDateTime,
    summary: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InLink {
    url: String,
    summary: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InProduct {
    name: String,
    vendor: String,
    version: String,
    purl: Option<String>,
    cpe: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InComponent {
    bom_ref: String,
    name: String,
    version: String,
    purl: Option<String>,
    cpe: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InStatement {
    vuln_id: String,
    #[serde(default)]
    aliases: Vec<String>,
    title: Option<String>,
    description: Option<String>,
    cwe: Option<(u32, String)>,
    #[serde(default)]
    cvss: Vec<(String, Option<String>)>,
    #[serde(default)]
    components: Vec<String>,
    state: String,
    justification: Option<String>,
    #[serde(default)]
    responses: Vec<String>,
    detail_en: Option<String>,
    detail_ja: Option<String>,
    #[serde(default)]
    fixed_versions: Vec<String>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    first_issued: Option<OffsetDateTime>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    last_updated: Option<OffsetDateTime>,
}

fn lang(s: &str) -> Lang {
    match s {
        "en" => Lang::En,
        "ja" => Lang::Ja,
        _ => panic!("lang {s}"),
    }
}

/// Reads a fixture input.
pub fn load(path: &Path) -> VexDocument {
    let text = std::fs::read_to_string(path).unwrap();
    let i: In = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    VexDocument {
        products: Vec::new(),
        publisher: vex::Publisher {
            name: i.publisher.name,
            namespace: i.publisher.namespace,
            category: match i.publisher.category.as_str() {
                "vendor" => vex::PublisherCategory::Vendor,
                "coordinator" => vex::PublisherCategory::Coordinator,
                "discoverer" => vex::PublisherCategory::Discoverer,
                "user" => vex::PublisherCategory::User,
                _ => vex::PublisherCategory::Other,
            },
        },
        tracking_id: i.tracking_id,
        title: i.title,
        lang: lang(&i.lang),
        now: i.now,
        status: match i.status.as_str() {
            "final" => vex::ReleaseStatus::Final,
            _ => vex::ReleaseStatus::Interim,
        },
        history: i
            .history
            .into_iter()
            .map(|r| vex::Revision {
                date: r.date,
                summary: r.summary,
            })
            .collect(),
        revision_summary: i.revision_summary,
        summary: i.summary,
        references: i
            .references
            .into_iter()
            .map(|l| vex::Link {
                url: l.url,
                summary: l.summary,
            })
            .collect(),
        product: vex::Product {
            name: i.product.name,
            vendor: i.product.vendor,
            version: i.product.version,
            purl: i.product.purl,
            cpe: i.product.cpe,
        },
        components: i
            .components
            .into_iter()
            .map(|c| vex::VexComponent {
                bom_ref: c.bom_ref,
                name: c.name,
                version: c.version,
                purl: c.purl,
                cpe: c.cpe,
            })
            .collect(),
        statements: i
            .statements
            .into_iter()
            .map(|s| vex::VexStatement {
                remediations: Vec::new(),
                vuln_id: s.vuln_id,
                aliases: s.aliases,
                title: s.title,
                description: s.description,
                cwe: s.cwe.map(|(id, name)| vex::Cwe { id, name }),
                cvss: s
                    .cvss
                    .into_iter()
                    .map(|(vector, source)| vex::CvssEntry { vector, source })
                    .collect(),
                components: s.components,
                analysis: Analysis {
                    state: State::parse(&s.state).unwrap(),
                    justification: s.justification.map(|j| Justification::parse(&j).unwrap()),
                    responses: s
                        .responses
                        .iter()
                        .map(|r| Response::parse(r).unwrap())
                        .collect(),
                    detail: Detail {
                        en: s.detail_en,
                        ja: s.detail_ja,
                    },
                    ..Analysis::default()
                },
                fixed_versions: s.fixed_versions,
                first_issued: s.first_issued,
                last_updated: s.last_updated,
            })
            .collect(),
    }
}

/// A generated release whose statements run through every analysis state × justification (and
/// every response on the exploitable ones), each on its own component, so the oracle sees every
/// mapping the judge has.
pub fn generated() -> VexDocument {
    let mut d = load(&fixtures().join("pump-release/input.json"));
    d.components.clear();
    d.statements.clear();
    let mut n = 0;
    for state in State::ALL {
        let justifications: Vec<Option<Justification>> = std::iter::once(None)
            .chain(Justification::ALL.into_iter().map(Some))
            .collect();
        for j in justifications {
            n += 1;
            let bom_ref = format!("gen-{n}");
            d.components.push(vex::VexComponent {
                bom_ref: bom_ref.clone(),
                name: format!("component-{n}"),
                version: format!("1.{n}.0"),
                purl: Some(format!("pkg:cargo/component-{n}@1.{n}.0")),
                cpe: None,
            });
            let responses = if state == State::Exploitable {
                Response::ALL[..n % 6].to_vec()
            } else {
                Vec::new()
            };
            d.statements.push(vex::VexStatement {
                remediations: Vec::new(),
                vuln_id: format!("CVE-2024-{:05}", 20000 + n),
                aliases: vec![format!("GHSA-gen{n:04}-aaaa-bbbb")],
                title: None,
                description: Some(format!("Generated vulnerability {n}.")),
                cwe: None,
                cvss: vec![vex::CvssEntry {
                    vector: "CVSS:3.0/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N".to_string(),
                    source: None,
                }],
                components: vec![bom_ref],
                analysis: Analysis {
                    state,
                    justification: j,
                    responses,
                    detail: Detail {
                        // A not-affected statement needs a justification or a detail.
                        en: (n % 3 == 0 || (state == State::NotAffected && j.is_none()))
                            .then(|| format!("Detail {n}.")),
                        ja: None,
                    },
                    ..Analysis::default()
                },
                fixed_versions: if n % 4 == 0 {
                    vec!["4.3.0".to_string()]
                } else {
                    Vec::new()
                },
                first_issued: None,
                last_updated: None,
            });
        }
    }
    d
}
