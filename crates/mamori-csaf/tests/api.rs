//! Small documents written for this crate: which test fails where, and the not-JSON error.

use mamori_csaf::{CsafError, Report};
use serde_json::{Value, json};

/// A minimal valid CSAF base document.
fn base() -> Value {
    json!({
        "document": {
            "category": "csaf_base",
            "csaf_version": "2.0",
            "lang": "en",
            "publisher": {"category": "vendor", "name": "Example", "namespace": "https://example.com"},
            "title": "Minimal",
            "tracking": {
                "current_release_date": "2024-01-01T00:00:00Z",
                "id": "EX-1",
                "initial_release_date": "2024-01-01T00:00:00Z",
                "revision_history": [{"date": "2024-01-01T00:00:00Z", "number": "1", "summary": "Initial."}],
                "status": "final",
                "version": "1"
            }
        }
    })
}

/// Applies `patch` (pointer -> value, `null` removes) to the base document.
fn doc(patch: &[(&str, Value)]) -> Value {
    let mut d = base();
    for (ptr, v) in patch {
        let (parent, key) = ptr.rsplit_once('/').unwrap();
        let target = d.pointer_mut(parent).unwrap().as_object_mut().unwrap();
        if v.is_null() {
            target.remove(key);
        } else {
            target.insert(key.replace("~1", "/"), v.clone());
        }
    }
    d
}

fn ids(list: &[mamori_csaf::Failure]) -> Vec<(String, String)> {
    list.iter()
        .map(|f| (f.test.to_string(), f.pointer.clone()))
        .collect()
}

/// Validates the patched document; `errors` and `warnings` are the exact (test, pointer) lists.
fn check(name: &str, patch: &[(&str, Value)], errors: &[(&str, &str)], warnings: &[(&str, &str)]) {
    let bytes = serde_json::to_vec(&doc(patch)).unwrap();
    let report: Report = mamori_csaf::validate(&bytes).unwrap();
    let want = |l: &[(&str, &str)]| -> Vec<(String, String)> {
        l.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    assert_eq!(ids(&report.errors), want(errors), "{name}: errors");
    // Warnings every small document has (no tlp label, no canonical url) are left out.
    let got: Vec<(String, String)> = ids(&report.warnings)
        .into_iter()
        .filter(|(t, _)| t != "6.2.10" && t != "6.2.11")
        .collect();
    assert_eq!(got, want(warnings), "{name}: warnings");
    assert_eq!(report.is_valid(), errors.is_empty(), "{name}: is_valid");
}

#[test]
fn failures_name_test_and_pointer() {
    let fpn = |id: &str| json!({"name": "P", "product_id": id, "product_identification_helper": {"cpe": "cpe:/a:example:p"}});
    check("minimal document", &[], &[], &[]);
    check(
        "missing title",
        &[("/document/title", Value::Null)],
        &[("schema", "/document")],
        &[],
    );
    check(
        "bad date",
        &[(
            "/document/tracking/current_release_date",
            json!("2024-13-01"),
        )],
        &[("schema", "/document/tracking/current_release_date")],
        &[],
    );
    check(
        "unknown property, pointer escaped",
        &[("/document/a~1b", json!(1))],
        &[],
        &[("6.2.13", "/document/a~1b"), ("6.2.20", "/document/a~1b")],
    );
    check(
        "undefined product",
        &[
            ("/product_tree", json!({"full_product_names": [fpn("A")]})),
            (
                "/vulnerabilities",
                json!([{"product_status": {"known_affected": ["A", "B"]}}]),
            ),
        ],
        &[(
            "6.1.1",
            "/vulnerabilities/0/product_status/known_affected/1",
        )],
        &[
            (
                "6.2.2",
                "/vulnerabilities/0/product_status/known_affected/0",
            ),
            (
                "6.2.2",
                "/vulnerabilities/0/product_status/known_affected/1",
            ),
            (
                "6.2.3",
                "/vulnerabilities/0/product_status/known_affected/0",
            ),
            (
                "6.2.3",
                "/vulnerabilities/0/product_status/known_affected/1",
            ),
        ],
    );
    check(
        "circular relationship",
        &[(
            "/product_tree",
            json!({
                "full_product_names": [fpn("A")],
                "relationships": [
                    {"category": "installed_on", "full_product_name": fpn("B"), "product_reference": "A", "relates_to_product_reference": "C"},
                    {"category": "installed_on", "full_product_name": fpn("C"), "product_reference": "A", "relates_to_product_reference": "B"}
                ]
            }),
        )],
        &[(
            "6.1.3",
            "/product_tree/relationships/0/full_product_name/product_id",
        )],
        &[],
    );
    check(
        "semver history out of order",
        &[
            ("/document/tracking/version", json!("1.0.0")),
            (
                "/document/tracking/revision_history",
                json!([
                    {"date": "2024-01-02T00:00:00Z", "number": "1.0.0", "summary": "b"},
                    {"date": "2024-01-01T00:00:00+00:00", "number": "1.1.0", "summary": "a"}
                ]),
            ),
        ],
        &[("6.1.14", "/document/tracking/revision_history/0")],
        &[("6.2.6", "/document/tracking/current_release_date")],
    );
}

#[test]
fn not_json_reports_line_and_column() {
    for (input, line, column) in [
        (&b"{\n  \"document\": }"[..], 2, 15),
        (&b""[..], 1, 0),
        (&b"\xff"[..], 1, 1),
    ] {
        match mamori_csaf::validate(input) {
            Err(CsafError::Json {
                line: l, column: c, ..
            }) => assert_eq!((l, c), (line, column), "{input:?}"),
            other => panic!("{input:?}: expected a json error, got {other:?}"),
        }
    }
    // JSON that is not an object is a schema failure, not an error of the reader.
    let r = mamori_csaf::validate(b"[1]").unwrap();
    assert_eq!(r.errors[0].test.as_str(), "schema");
    assert_eq!(r.errors[0].pointer, "");
}

#[test]
fn registry_lists_every_test_once() {
    let all: Vec<&str> = mamori_csaf::tests().map(|t| t.id.as_str()).collect();
    let mandatory = all.iter().filter(|i| i.starts_with("6.1.")).count();
    assert_eq!(
        mandatory, 43,
        "6.1.1-6.1.33 with 6.1.27.1-6.1.27.11 in place of 6.1.27"
    );
    assert_eq!(all.iter().filter(|i| i.starts_with("6.2.")).count(), 20);
    let mut dedup = all.clone();
    dedup.sort();
    dedup.dedup();
    assert_eq!(dedup.len(), all.len());
    assert_eq!(
        mamori_csaf::TestId::from_name("6.1.27.9").unwrap().as_str(),
        "6.1.27.9"
    );
    assert!(mamori_csaf::TestId::from_name("6.9.9").is_none());
}
