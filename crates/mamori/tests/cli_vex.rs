//! `mamori vex` from the command line: a supplier's OpenVEX imported as suggestions on the
//! matching findings, listed, accepted (the finding takes the analysis) and rejected with a reason;
//! a malformed document is refused naming the JSON pointer.

use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/monitor")
        .join(name)
}

fn mamori(db: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mamori"))
        .args(["--db", db, "--lang", "en", "--user", "alice"])
        .args(args)
        .output()
        .unwrap()
}

/// Runs and expects `code`; returns stdout as JSON when it is JSON, and stderr.
fn check(db: &str, args: &[&str], code: i32) -> (Value, String) {
    let out = mamori(db, args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(
        out.status.code(),
        Some(code),
        "{args:?}\nstdout: {}\nstderr: {stderr}",
        String::from_utf8_lossy(&out.stdout),
    );
    (
        serde_json::from_slice(&out.stdout).unwrap_or(Value::Null),
        stderr,
    )
}

#[test]
fn vex_import_suggest_accept_reject() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("m.db").display());
    let db = db.as_str();
    check(db, &["product", "add", "Ward Gateway"], 0);
    for r in ["1.0", "1.1"] {
        let file = fixture(&format!("fw-{r}.cdx.json"));
        let args = [
            "sbom",
            "import",
            file.to_str().unwrap(),
            "--product",
            "Ward Gateway",
            "--release",
            r,
        ];
        check(db, &args, 0);
    }
    let feed = fixture("GHSA-mmmm-0001-aaaa.json");
    assert!(
        mamori(db, &["db", "import", feed.to_str().unwrap()])
            .status
            .success()
    );

    let vex = dir.path().join("hl7lite.openvex.json");
    std::fs::write(
        &vex,
        serde_json::to_vec(&json!({
            "@context": "https://openvex.dev/ns/v0.2.0",
            "@id": "https://hl7lite.example.org/vex/1", "author": "HL7 Lite Project",
            "timestamp": "2026-03-01T00:00:00Z", "version": 1,
            "statements": [
                {"vulnerability": {"name": "CVE-2026-10001"}, "products": [{"@id": "pkg:pypi/hl7lite@2.3.0"}, {"@id": "pkg:pypi/hl7lite@2.4.0"}],
                 "status": "not_affected", "justification": "vulnerable_code_not_present"},
                {"vulnerability": {"name": "CVE-2026-99999"}, "products": [{"@id": "pkg:pypi/hl7lite@2.3.0"}],
                 "status": "fixed"}
            ]
        }))
        .unwrap(),
    )
    .unwrap();
    let vex_s = vex.to_str().unwrap();
    let (out, _) = check(
        db,
        &[
            "vex",
            "import",
            vex_s,
            "--supplier",
            "HL7 Lite Project",
            "--json",
        ],
        0,
    );
    assert_eq!(
        (&out["matched"], &out["unmatched"], &out["suggested"]),
        (&json!(2), &json!(1), &json!(2))
    );
    assert_eq!(
        out["unmatched_claims"][0]["pointer"],
        "/statements/1/products/0"
    );
    // Text output: the counts and the unmatched claim.
    let text = mamori(
        db,
        &["vex", "import", vex_s, "--supplier", "HL7 Lite Project"],
    );
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("already imported"), "{text}");

    let (list, _) = check(db, &["vex", "suggestions", "--json"], 0);
    let list = list["suggestions"].as_array().unwrap().clone();
    assert_eq!(list.len(), 2);
    let release_10 = list.iter().find(|s| s["release"] == "1.0").unwrap();
    let (only, _) = check(
        db,
        &[
            "vex",
            "suggestions",
            "--release",
            &release_10["release_id"].to_string(),
            "--json",
        ],
        0,
    );
    assert_eq!(only["suggestions"].as_array().unwrap().len(), 1);

    let id = release_10["id"].to_string();
    let (f, _) = check(db, &["vex", "accept", &id, "--json"], 0);
    assert_eq!(
        (&f["state"], &f["justification"], &f["state_by"]),
        (
            &json!("not_affected"),
            &json!("code_not_present"),
            &json!("alice")
        )
    );
    // Accepted once only.
    let (_, err) = check(db, &["vex", "accept", &id], 2);
    assert!(err.contains("not pending"), "{err}");

    let other = list.iter().find(|s| s["release"] == "1.1").unwrap()["id"].to_string();
    check(db, &["vex", "reject", &other], 2);
    let (r, _) = check(
        db,
        &[
            "vex",
            "reject",
            &other,
            "--reason",
            "our fork keeps the parser",
            "--json",
        ],
        0,
    );
    assert_eq!(
        (&r["status"], &r["reason"]),
        (&json!("rejected"), &json!("our fork keeps the parser"))
    );
    let (left, _) = check(db, &["vex", "suggestions", "--json"], 0);
    assert_eq!(left["suggestions"], json!([]));
    let (all, _) = check(db, &["vex", "suggestions", "--status", "all", "--json"], 0);
    assert_eq!(all["suggestions"].as_array().unwrap().len(), 2);

    // A malformed document: refused, the pointer named.
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        br#"{"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": {"name": "X"}, "status": "sort_of"}]}"#,
    )
    .unwrap();
    let (_, err) = check(
        db,
        &["vex", "import", bad.to_str().unwrap(), "--supplier", "S"],
        2,
    );
    assert!(err.contains("/statements/0/status"), "{err}");
}
