//! Stored findings from the command line: SBOM and feed imports keep them current; `finding`, `rule`, `where` and `affected` read and triage them.

use serde_json::Value;
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

/// Runs and expects `code`; returns stdout as JSON when it is JSON.
fn check(db: &str, args: &[&str], code: i32) -> Value {
    let out = mamori(db, args);
    assert_eq!(
        out.status.code(),
        Some(code),
        "{args:?}\nstdout: {}\nstderr: {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or(Value::Null)
}

fn import(db: &str, release: &str) -> Value {
    let file = fixture(&format!("fw-{release}.cdx.json"));
    check(
        db,
        &[
            "sbom",
            "import",
            file.to_str().unwrap(),
            "--product",
            "Ward Gateway",
            "--release",
            release,
            "--json",
        ],
        0,
    )
}

fn releases(v: &Value) -> Vec<String> {
    v["releases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            format!(
                "{}@{}",
                r["product"].as_str().unwrap(),
                r["release"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn issue_5_and_6_findings_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("m.db").display());
    let db = db.as_str();
    check(db, &["product", "add", "Ward Gateway"], 0);

    // An SBOM stored before the advisory has no findings; the feed import finds it.
    assert_eq!(import(db, "1.0")["findings"], 0);
    let feed = mamori(
        db,
        &[
            "db",
            "import",
            fixture("GHSA-mmmm-0001-aaaa.json").to_str().unwrap(),
        ],
    );
    assert!(feed.status.success());
    assert!(
        String::from_utf8_lossy(&feed.stderr).contains("1 new findings"),
        "{}",
        String::from_utf8_lossy(&feed.stderr)
    );
    let list = check(db, &["finding", "list", "--json"], 0);
    let findings = list["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["vulnerability_id"], "CVE-2026-10001");
    assert_eq!(findings[0]["severity"]["level"], "critical");
    assert_eq!(
        (
            findings[0]["product"].as_str(),
            findings[0]["release"].as_str()
        ),
        (Some("Ward Gateway"), Some("1.0"))
    );
    // A critical CVSS gives the default policy's P3: due 60 calendar days after it was first seen.
    assert_eq!(findings[0]["priority"], "P3");
    let due = findings[0]["due"].as_str().unwrap();
    let seen = &findings[0]["first_seen"].as_str().unwrap()[..10];
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    let days = time::Date::parse(due, &fmt).unwrap() - time::Date::parse(seen, &fmt).unwrap();
    assert_eq!(days.whole_days(), 60);
    assert_eq!(
        check(db, &["finding", "list", "--due", "2000-01-01", "--json"], 0)["findings"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    assert_eq!(
        check(db, &["finding", "list", "--due", due, "--json"], 0)["findings"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let first = findings[0]["id"].as_i64().unwrap().to_string();

    // Importing a release matches it at once.
    assert_eq!(import(db, "1.1")["findings"], 1);

    // Triage: not_affected needs a justification; the decision is recorded.
    check(
        db,
        &["finding", "set", &first, "--state", "not_affected"],
        2,
    );
    check(db, &["finding", "set", &first, "--state", "not_a_state"], 2);
    let set = check(
        db,
        &[
            "finding",
            "set",
            &first,
            "--state",
            "not_affected",
            "--justification",
            "code_not_reachable",
            "--detail",
            "the parser only reads local files",
            "--json",
        ],
        0,
    );
    assert_eq!(set["state"], "not_affected");
    assert_eq!(set["state_by"], "alice");

    // A rule decides the still-open finding of 1.1 and nothing already decided.
    let rule = check(
        db,
        &[
            "rule",
            "add",
            "--component",
            "pkg:pypi/hl7lite",
            "--vuln",
            "GHSA-mmmm-0001-aaaa",
            "--state",
            "not_affected",
            "--justification",
            "code_not_reachable",
            "--reason",
            "same parser configuration in every release",
            "--expires",
            "2099-12-31",
            "--json",
        ],
        0,
    );
    assert_eq!(rule["applied"], 1);
    assert_eq!(
        check(
            db,
            &["finding", "list", "--state", "in_triage", "--json"],
            0
        )["findings"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    assert_eq!(
        check(db, &["rule", "list", "--json"], 0)["rules"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // 1.2 has the fixed version.
    assert_eq!(import(db, "1.2")["findings"], 0);

    let all = check(db, &["where", "pkg:pypi/hl7lite", "--json"], 0);
    assert_eq!(
        releases(&all),
        ["Ward Gateway@1.0", "Ward Gateway@1.1", "Ward Gateway@1.2"]
    );
    let vulnerable = check(
        db,
        &[
            "where",
            "pkg:pypi/hl7lite",
            "--range",
            "vers:pypi/<2.4.1",
            "--json",
        ],
        0,
    );
    assert_eq!(
        releases(&vulnerable),
        ["Ward Gateway@1.0", "Ward Gateway@1.1"]
    );
    check(db, &["where", "pkg:pypi/hl7lite", "--range", "<2.4.1"], 2);

    let affected = check(db, &["affected", "cve-2026-10001", "--json"], 0);
    assert_eq!(
        releases(&affected),
        ["Ward Gateway@1.0", "Ward Gateway@1.1"]
    );
    assert!(
        affected["releases"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["state"] == "not_affected" && r["component"]["name"] == "hl7lite")
    );

    // A regulatory case over the finding: deadlines per jurisdiction from the rule table, decisions recorded.
    let case = check(
        db,
        &[
            "case",
            "open",
            "--title",
            "HL7 overflow",
            "--finding",
            &first,
            "--aware",
            "2026-04-28",
            "--harm",
            "serious",
            "--safety",
            "uncontrolled",
            "--json",
        ],
        0,
    );
    let due = |c: &Value, o: &str| {
        c["obligations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["obligation"] == o)
            .unwrap()["due"]
            .clone()
    };
    assert_eq!(due(&case, "pmda-defect-report"), "2026-05-28");
    assert_eq!(due(&case, "mdr-87-report"), "2026-05-13");
    assert_eq!(due(&case, "fda-806-report"), Value::Null);
    check(
        db,
        &[
            "case",
            "open",
            "--title",
            "nothing",
            "--finding",
            "999",
            "--aware",
            "2026-04-28",
        ],
        2,
    );
    check(
        db,
        &[
            "case",
            "decide",
            "1",
            "--jurisdiction",
            "xx",
            "--report",
            "no",
            "--reason",
            "r",
        ],
        2,
    );
    let decided = check(
        db,
        &[
            "case",
            "decide",
            "1",
            "--jurisdiction",
            "jp",
            "--report",
            "yes",
            "--reason",
            "重篤な健康被害のおそれ",
            "--json",
        ],
        0,
    );
    let jp = decided["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["jurisdiction"] == "jp")
        .unwrap()
        .clone();
    assert_eq!(jp["decision"]["report_required"], true);
    assert_eq!(jp["decision"]["decided_by"], "alice");
    assert_eq!(
        check(db, &["case", "list", "--json"], 0)["cases"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    assert_eq!(check(db, &["db", "stats", "--json"], 0)["findings"], 2);
    check(db, &["audit", "verify"], 0);
}
