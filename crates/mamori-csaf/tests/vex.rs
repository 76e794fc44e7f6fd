//! The VEX writers against fixture folders: each `tests/fixtures/vex/CASE/input.json` is written by
//! every writer and compared with the committed `WRITER.json` (or `WRITER.error.txt` when the
//! writer refuses the input) and `losses.txt`. Every CSAF output must pass this crate's validator
//! (re-read from its bytes), every OpenVEX output the structural check. `MAMORI_BLESS=1` rewrites
//! the expected files instead of comparing.

use crate::common;

use std::path::Path;

use mamori_csaf::vex::{self, VexDocument, WriteError};
use serde_json::{Value, json};

fn bless() -> bool {
    std::env::var_os("MAMORI_BLESS").is_some()
}

/// Compares `got` with the file, or writes it when blessing; returns a mismatch description.
fn compare(path: &Path, got: &str) -> Option<String> {
    if bless() {
        std::fs::write(path, got).unwrap();
        return None;
    }
    let want = std::fs::read_to_string(path).unwrap_or_default();
    (want != got).then(|| format!("{} differs:\n{got}", path.display()))
}

/// Writes one case with every writer and checks each output.
fn check(case: &Path) -> Vec<String> {
    let doc = common::load(&case.join("input.json"));
    let mut problems = Vec::new();
    let mut losses = String::new();
    for (name, writer) in common::WRITERS {
        let ok = case.join(format!("{name}.json"));
        let err = case.join(format!("{name}.error.txt"));
        match writer(&doc) {
            Ok(w) => {
                if err.exists() && !bless() {
                    problems.push(format!("{}: expected an error", err.display()));
                }
                if bless() {
                    let _ = std::fs::remove_file(&err);
                }
                let bytes = w.to_vec();
                if name.starts_with("csaf") {
                    let report = mamori_csaf::validate(&bytes).unwrap();
                    for f in &report.errors {
                        problems.push(format!("{name}: {f}"));
                    }
                }
                if *name == "openvex" {
                    problems.extend(vex::check_openvex(&w.document));
                }
                let text = String::from_utf8(bytes).unwrap() + "\n";
                problems.extend(compare(&ok, &text));
                for (id, l) in &w.losses {
                    losses.push_str(&format!("{name} {id} {}: {}\n", l.field, l.reason));
                }
            }
            Err(e) => {
                if bless() {
                    let _ = std::fs::remove_file(&ok);
                }
                problems.extend(compare(&err, &format!("{e}\n")));
            }
        }
    }
    problems.extend(compare(&case.join("losses.txt"), &losses));
    problems
}

#[test]
fn fixtures() {
    let cases = common::cases();
    assert!(cases.len() >= 3, "fixture cases missing");
    let mut problems = Vec::new();
    for case in &cases {
        problems.extend(check(case));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every state × justification (the generated release) is written by every writer, and each CSAF
/// output passes the validator and the OpenVEX output the structural check.
#[test]
fn every_analysis_mapping_writes_valid_documents() {
    let doc = common::generated();
    let mut problems = Vec::new();
    for (name, writer) in common::WRITERS {
        match writer(&doc) {
            Ok(w) => {
                if name.starts_with("csaf") {
                    let report = mamori_csaf::validate(&w.to_vec()).unwrap();
                    problems.extend(report.errors.iter().map(|f| format!("{name}: {f}")));
                }
                if *name == "openvex" {
                    problems.extend(vex::check_openvex(&w.document));
                }
            }
            Err(e) => problems.push(format!("{name}: {e}")),
        }
    }
    assert_eq!(doc.statements.len(), 7 * 13);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The base input for the error table: the `pump-release` fixture.
fn pump() -> VexDocument {
    common::load(&common::fixtures().join("pump-release/input.json"))
}

/// Each row changes the pump input and names the writer and the exact error it must give.
#[test]
fn refused_inputs() {
    type Edit = fn(&mut VexDocument);
    let rows: &[(&str, Edit, common::Writer, &str)] = &[
        (
            "duplicate bom-ref",
            |d| d.components[1].bom_ref = d.components[0].bom_ref.clone(),
            vex::csaf_vex,
            "bom-ref `pkg:generic/openssl@3.0.7` names two components",
        ),
        (
            "unknown component",
            |d| d.statements[0].components.push("nope".into()),
            vex::openvex,
            "statement on CVE-2023-0286 names unknown component `nope`",
        ),
        (
            "not affected without reason",
            |d| {
                d.statements[0].analysis.justification = None;
                d.statements[0].analysis.detail = Default::default();
            },
            vex::cyclonedx_vex,
            "statement on CVE-2023-0286 says not affected without a justification or detail",
        ),
        (
            "two statements on one component",
            |d| {
                let mut s = d.statements[0].clone();
                s.analysis = mamori_judge::analysis::Analysis::new(
                    mamori_judge::analysis::State::UnderInvestigation,
                );
                d.statements.push(s);
            },
            vex::csaf_security_advisory,
            "CVE-2023-0286: `pkg:generic/openssl@3.0.7` has two statements",
        ),
        (
            "history out of order",
            |d| {
                let mut r = d.history[0].clone();
                r.date -= time::Duration::days(1);
                d.history.push(r);
            },
            vex::csaf_vex,
            "revision history: revisions are not in date order",
        ),
        (
            "history after now",
            |d| d.history[0].date = d.now + time::Duration::days(1),
            vex::csaf_vex,
            "revision history: a revision is dated after now",
        ),
        (
            "informational without summary",
            |d| d.summary = None,
            vex::csaf_informational_advisory,
            "csaf_informational_advisory needs a summary",
        ),
        (
            "informational without reference",
            |d| d.references.clear(),
            vex::csaf_informational_advisory,
            "csaf_informational_advisory needs an external reference",
        ),
        (
            "openvex without statements",
            |d| d.statements.clear(),
            vex::openvex,
            "openvex needs a statement",
        ),
        (
            "bad purl stopped by the validator",
            |d| d.components[0].purl = Some("pkg:generic".into()),
            vex::csaf_vex,
            "written csaf_vex document is invalid: schema at /product_tree/full_product_names/0/product_identification_helper/purl: ",
        ),
        (
            "wrong cwe name stopped by the validator",
            |d| d.statements[3].cwe.as_mut().unwrap().name = "Out-of-bounds Read".into(),
            vex::csaf_security_advisory,
            "written csaf_security_advisory document is invalid: 6.1.11 at /vulnerabilities/3/cwe/name: ",
        ),
    ];
    let mut wrong = Vec::new();
    for (name, edit, writer, want) in rows {
        let mut d = pump();
        edit(&mut d);
        let got = match writer(&d) {
            Ok(_) => "ok".to_string(),
            Err(e) => e.to_string(),
        };
        // A `want` ending in ": " is a prefix: the validator's own message follows.
        let matches = if want.ends_with(": ") {
            got.starts_with(want)
        } else {
            got == *want
        };
        if !matches {
            wrong.push(format!("{name}: got `{got}`, want `{want}`"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn validator_gate_error_is_typed() {
    let mut d = pump();
    d.components[0].purl = Some("pkg:generic".into());
    match vex::csaf_vex(&d) {
        Err(WriteError::Invalid { format, failures }) => {
            assert_eq!(format, "csaf_vex");
            // The schema's purl pattern and test 6.1.13 both reject it.
            assert_eq!(failures.len(), 2, "{failures:?}");
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
}

/// The OpenVEX structural check on documents that break one rule each.
#[test]
fn openvex_check() {
    let good = || {
        json!({
            "@context": "https://openvex.dev/ns/v0.2.0",
            "@id": "https://example.com/vex/1",
            "author": "Example",
            "timestamp": "2024-01-01T00:00:00Z",
            "version": 1,
            "statements": [{
                "vulnerability": {"name": "CVE-2024-0001"},
                "products": [{"@id": "pkg:npm/a@1", "subcomponents": [{"@id": "pkg:npm/b@2"}]}],
                "status": "not_affected",
                "justification": "component_not_present"
            }]
        })
    };
    let rows: &[(&str, &str, Value, &[&str])] = &[
        ("valid", "", Value::Null, &[]),
        (
            "no author",
            "/author",
            json!(null),
            &[": `author` is missing"],
        ),
        (
            "version 0",
            "/version",
            json!(0),
            &["/version: not an integer of at least 1"],
        ),
        (
            "timestamp",
            "/timestamp",
            json!("yesterday"),
            &["/timestamp: not an rfc 3339 timestamp"],
        ),
        ("id not iri", "/@id", json!("vex 1"), &["/@id: not an iri"]),
        (
            "extra field",
            "/extra",
            json!(1),
            &["/extra: not an openvex property"],
        ),
        (
            "no statements",
            "/statements",
            json!([]),
            &["/statements: no statement"],
        ),
        (
            "bad status",
            "/statements/0/status",
            json!("maybe"),
            &["/statements/0/status: unknown status `maybe`"],
        ),
        (
            "bad justification",
            "/statements/0/justification",
            json!("trust me"),
            &["/statements/0/justification: unknown justification `trust me`"],
        ),
        (
            "both reasons",
            "/statements/0/impact_statement",
            json!("x"),
            &[
                "/statements/0: not_affected needs exactly one of justification and impact_statement",
            ],
        ),
        (
            "affected no action",
            "/statements/0/status",
            json!("affected"),
            &["/statements/0: affected needs an action_statement"],
        ),
        (
            "no vulnerability name",
            "/statements/0/vulnerability/name",
            json!(null),
            &["/statements/0/vulnerability: `name` is missing"],
        ),
        (
            "subcomponent with subcomponents",
            "/statements/0/products/0/subcomponents/0/subcomponents",
            json!([]),
            &["/statements/0/products/0/subcomponents/0/subcomponents: not an openvex property"],
        ),
        (
            "bad identifier",
            "/statements/0/products/0/identifiers",
            json!({"swid": "x"}),
            &["/statements/0/products/0/identifiers/swid: not an openvex property"],
        ),
        (
            "repeated alias",
            "/statements/0/vulnerability/aliases",
            json!(["A", "A"]),
            &["/statements/0/vulnerability/aliases/1: repeats an earlier item"],
        ),
        (
            "bad hash",
            "/statements/0/products/0/hashes",
            json!({"crc32": "00"}),
            &["/statements/0/products/0/hashes/crc32: unknown hash algorithm"],
        ),
    ];
    let mut wrong = Vec::new();
    for (name, ptr, value, want) in rows {
        let mut d = good();
        if !ptr.is_empty() {
            let (parent, key) = ptr.rsplit_once('/').unwrap();
            let obj = d.pointer_mut(parent).unwrap().as_object_mut().unwrap();
            if value.is_null() {
                obj.remove(key);
            } else {
                obj.insert(key.to_string(), value.clone());
            }
        }
        let got = vex::check_openvex(&d);
        if got != *want {
            wrong.push(format!("{name}: got {got:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
