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
