//! `mamori scan` end to end: real SBOMs against real advisory data, compared with a real peer (cargo-audit).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("notice: ../shared/data is absent; skipping the scan tests");
        None
    }
}

fn mamori(db: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_mamori"))
        .args(["--db", db, "--lang", "en"])
        .args(args)
        .output()
        .unwrap()
}

/// (advisory id, crate, version) triples of cargo-audit's findings.
fn cargo_audit(data: &Path) -> BTreeSet<(String, String, String)> {
    let a: serde_json::Value = serde_json::from_slice(
        &std::fs::read(data.join("sboms-real/nushell-0.44.0.cargo-audit.json")).unwrap(),
    )
    .unwrap();
    a["vulnerabilities"]["list"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["advisory"]["id"].as_str().unwrap().to_owned(),
                v["package"]["name"].as_str().unwrap().to_owned(),
                v["package"]["version"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// Scans `sbom` and returns the RustSec (id, crate, version) triples of its vulnerability findings,
/// and the number of informational findings.
fn check(db: &str, sbom: &Path) -> (BTreeSet<(String, String, String)>, usize) {
    let out = mamori(db, &["scan", sbom.to_str().unwrap(), "--format", "json"]);
    assert!(
        out.status.success(),
        "{}: {}",
        sbom.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let d: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut ours = BTreeSet::new();
    for f in d["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "vulnerability")
    {
        let ids =
            std::iter::once(&f["vulnerability_id"]).chain(f["aliases"].as_array().unwrap().iter());
        for id in ids
            .filter_map(|i| i.as_str())
            .filter(|i| i.starts_with("RUSTSEC-"))
        {
            let c = &f["component"];
            ours.insert((
                id.to_owned(),
                c["name"].as_str().unwrap().to_owned(),
                c["version"].as_str().unwrap().to_owned(),
            ));
        }
    }
    (
        ours,
        d["summary"]["informational"].as_u64().unwrap() as usize,
    )
}

#[test]
fn issue_5_nushell_sboms_find_exactly_cargo_audits_vulnerabilities() {
    let Some(data) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("m.db").display());
    let out = mamori(
        &db,
        &[
            "db",
            "import",
            data.join("advisories/rustsec-osv").to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expected = cargo_audit(&data);
    assert_eq!(expected.len(), 35);
    let mut checked = 0;
    for name in [
        "nushell-0.44.0.trivy.spdx.json",
        "nushell-0.44.0.trivy.cdx.json",
        "nushell-0.44.0.cdxgen.cdx.json",
    ] {
        let sbom = data.join("sboms-real").join(name);
        let probe = mamori(&db, &["sbom", "check", sbom.to_str().unwrap()]);
        if probe.status.code() == Some(2) {
            // CycloneDX 1.7 support is arriving; the SPDX flavour always runs.
            eprintln!(
                "notice: {name} is not readable yet: {}",
                String::from_utf8_lossy(&probe.stderr).trim()
            );
            continue;
        }
        let (ours, informational) = check(&db, &sbom);
        assert_eq!(ours, expected, "{name}: findings differ from cargo-audit's");
        assert!(
            informational > 0,
            "{name}: RustSec's unmaintained/unsound advisories are reported as informational"
        );
        checked += 1;
    }
    assert!(checked >= 1);
}

#[test]
fn explain_says_why_a_record_did_or_did_not_match() {
    let Some(data) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("m.db").display());
    assert!(
        mamori(
            &db,
            &[
                "db",
                "import",
                data.join("advisories/rustsec-osv").to_str().unwrap()
            ]
        )
        .status
        .success()
    );
    let sbom = data.join("sboms-real/nushell-0.44.0.trivy.spdx.json");
    // smallvec 1.6.1 is just past RUSTSEC-2021-0003's fix: every candidate must say why it does not match.
    let out = mamori(
        &db,
        &[
            "scan",
            sbom.to_str().unwrap(),
            "--explain",
            "pkg:cargo/smallvec@1.6.1",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("RUSTSEC-"), "{text}");
    assert!(
        text.lines()
            .all(|l| l.contains("MATCHES") || l.contains("no match")),
        "{text}"
    );
}

/// The VEX formats of `scan`: one statement per vulnerability group of the JSON
/// output, every subject a component of the SBOM, the CSAF document valid by
/// `mamori csaf validate` (our validator, checked against the official test data).
#[test]
fn issue_7_scan_writes_vex_that_validates() {
    let Some(data) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("m.db").display());
    let out = mamori(
        &db,
        &[
            "db",
            "import",
            data.join("advisories/rustsec-osv").to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sbom = data.join("sboms-real/nushell-0.44.0.trivy.spdx.json");
    let sbom = sbom.to_str().unwrap();
    let json: serde_json::Value =
        serde_json::from_slice(&mamori(&db, &["scan", sbom, "--format", "json"]).stdout).unwrap();
    let groups: BTreeSet<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "vulnerability" && f["outcome"] == "affected")
        .map(|f| f["vulnerability_id"].as_str().unwrap())
        .collect();
    assert!(!groups.is_empty());

    let write = |format: &str| -> serde_json::Value {
        let file = dir.path().join(format!("{format}.json"));
        let out = mamori(
            &db,
            &[
                "scan",
                sbom,
                "--format",
                format,
                "--publisher",
                "Example Medical",
                "-o",
                file.to_str().unwrap(),
            ],
        );
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let validate = mamori(&db, &["csaf", "validate", file.to_str().unwrap(), "--json"]);
        if format == "csaf-vex" {
            assert!(
                validate.status.success(),
                "{}",
                String::from_utf8_lossy(&validate.stdout)
            );
        }
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap()
    };

    let openvex = write("openvex");
    let names: BTreeSet<&str> = openvex["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["vulnerability"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, groups);
    assert!(
        openvex["statements"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["status"] == "under_investigation")
    );

    let cdx = write("cyclonedx-vex");
    assert_eq!(cdx["specVersion"], "1.6");
    let ids: BTreeSet<&str> = cdx["vulnerabilities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, groups);

    let csaf = write("csaf-vex");
    assert_eq!(csaf["document"]["category"], "csaf_vex");
    assert_eq!(csaf["document"]["publisher"]["name"], "Example Medical");
    let vulns = csaf["vulnerabilities"].as_array().unwrap();
    assert!(!vulns.is_empty() && vulns.len() <= groups.len());
    assert!(
        vulns
            .iter()
            .all(|v| v["product_status"]["under_investigation"].is_array())
    );
}

#[test]
fn issue_7_csaf_validate_names_the_test_and_the_pointer() {
    let Some(data) = shared() else { return };
    let dir = data.join("csaf/oasis-csaf/csaf_2.0/test/validator/data/mandatory");
    let db = "sqlite://unused.db";
    let bad = mamori(
        db,
        &[
            "csaf",
            "validate",
            dir.join("oasis_csaf_tc-csaf_2_0-2021-6-1-01-01.json")
                .to_str()
                .unwrap(),
            "--json",
        ],
    );
    assert_eq!(bad.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&bad.stdout).unwrap();
    assert_eq!(report["valid"], false);
    let first = &report["errors"][0];
    assert_eq!(first["test"], "6.1.1");
    assert!(first["pointer"].as_str().unwrap().starts_with("/"));
    let good = mamori(
        db,
        &[
            "csaf",
            "validate",
            dir.join("oasis_csaf_tc-csaf_2_0-2021-6-1-01-11.json")
                .to_str()
                .unwrap(),
        ],
    );
    assert_eq!(
        good.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&good.stderr)
    );
    let missing = mamori(db, &["csaf", "validate", "no-such-file.json"]);
    assert_eq!(missing.status.code(), Some(2));
}

/// Runs one case of `fixtures/scan-output/cases` (NAME.args, NAME.stdout,
/// NAME.exit) from the fixture folder, so the `source_file` paths the
/// import recorded are the relative ones the expected output holds.
fn check_output(dir: &Path, db: &str, name: &str) {
    let read =
        |ext: &str| std::fs::read_to_string(dir.join(format!("cases/{name}.{ext}"))).unwrap();
    let args: Vec<String> = read("args").split_whitespace().map(str::to_owned).collect();
    let out = Command::new(env!("CARGO_BIN_EXE_mamori"))
        .current_dir(dir)
        .args(["--db", db, "--lang", "en"])
        .args(&args)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        read("stdout"),
        "{name}: stdout (stderr: {})",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        out.status.code().map(|c| c.to_string()),
        Some(read("exit").trim().to_owned()),
        "{name}: exit code"
    );
}

/// The documents `mamori scan` writes, byte for byte: the findings are
/// serialized one at a time as they are made, and must come out exactly as
/// the whole document did when it was built in memory first (the expected
/// files were written by that earlier version).
#[test]
fn issue_5_scan_output_is_unchanged_by_streaming() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scan-output");
    let tmp = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", tmp.path().join("m.db").display());
    let mut advisories: Vec<String> = std::fs::read_dir(dir.join("advisories"))
        .unwrap()
        .map(|e| format!("advisories/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    advisories.sort();
    let import = Command::new(env!("CARGO_BIN_EXE_mamori"))
        .current_dir(&dir)
        .args(["--db", &db, "db", "import"])
        .args(&advisories)
        .output()
        .unwrap();
    assert!(
        import.status.success(),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );
    let mut names: Vec<String> = std::fs::read_dir(dir.join("cases"))
        .unwrap()
        .filter_map(|e| {
            let n = e.unwrap().file_name().to_string_lossy().into_owned();
            n.strip_suffix(".args").map(str::to_owned)
        })
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "fail-on-critical-json",
            "fail-on-high",
            "first-party-matched",
            "json",
            "sarif",
            "table"
        ]
    );
    for name in &names {
        check_output(&dir, &db, name);
    }
}
