//! Real PyPI and Go advisories (PyPA and Go vulndb OSV data) against an SBOM fixture with real old versions, and versions just outside.

use std::path::Path;

use mamori_match::{MatchPolicy, Outcome, Scanner, VulnIndex};
use mamori_model::Vulnerability;

fn load(dir: &Path, out: &mut Vec<Vulnerability>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            load(&p, out);
            continue;
        }
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".json") || name.ends_with(".yaml") {
            for r in mamori_feeds::osv::read(&name, &std::fs::read(&p).unwrap()) {
                out.push(r.unwrap());
            }
        }
    }
}

#[test]
fn pypi_and_go_real_advisories() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/advisories");
    if !data.is_dir() {
        eprintln!("notice: {} is absent; skipping", data.display());
        return;
    }
    let mut vulns = Vec::new();
    load(
        &data.join("pypa-advisory-database/vulns/jinja2"),
        &mut vulns,
    );
    load(
        &data.join("pypa-advisory-database/vulns/urllib3"),
        &mut vulns,
    );
    load(&data.join("golang-vulndb/data/osv"), &mut vulns);
    let index = VulnIndex::new(vulns);
    let bytes = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pypi-go.cdx.json"),
    )
    .unwrap();
    let sbom = mamori_sbom::read(&bytes).unwrap().sbom;
    let result = Scanner::new(&index, MatchPolicy::default()).scan_sbom(&sbom);
    // (bom-ref, records that must match, records that must not)
    let cases: &[(&str, &[&str], &[&str])] = &[
        ("pkg:pypi/jinja2@2.11.2", &["PYSEC-2021-66"], &[]),
        ("pkg:pypi/jinja2@2.11.3", &[], &["PYSEC-2021-66"]),
        ("pkg:pypi/urllib3@1.26.3", &["PYSEC-2021-59"], &[]),
        ("pkg:pypi/urllib3@1.26.4", &[], &["PYSEC-2021-59"]),
        (
            "pkg:golang/golang.org/x/text@v0.3.2",
            &["GO-2020-0015", "GO-2021-0113", "GO-2022-1059"],
            &[],
        ),
        (
            "pkg:golang/golang.org/x/text@v0.3.3",
            &["GO-2021-0113", "GO-2022-1059"],
            &["GO-2020-0015"],
        ),
        (
            "pkg:golang/golang.org/x/text@v0.3.8",
            &[],
            &["GO-2020-0015", "GO-2021-0113", "GO-2022-1059"],
        ),
        // A pseudo-version before any tag: inside every `introduced: 0` range.
        (
            "pkg:golang/golang.org/x/text@v0.0.0-20170915032832-14c0d48ead0c",
            &["GO-2020-0015", "GO-2021-0113", "GO-2022-1059"],
            &[],
        ),
    ];
    let mut failures = Vec::new();
    for (bom_ref, must, must_not) in cases {
        let matched: Vec<String> = result
            .findings
            .iter()
            .filter(|f| f.bom_ref == *bom_ref && f.outcome == Outcome::Affected)
            .flat_map(|f| f.evidence.iter().map(|e| e.record_id.to_string()))
            .collect();
        for id in *must {
            if !matched.iter().any(|m| m == id) {
                failures.push(format!("{bom_ref}: {id} should match (got {matched:?})"));
            }
        }
        for id in *must_not {
            if matched.iter().any(|m| m == id) {
                failures.push(format!("{bom_ref}: {id} should not match"));
            }
        }
    }
    // The aliases (CVE, GHSA) name the Go findings.
    let go = result.findings.iter().find(|f| {
        f.bom_ref == "pkg:golang/golang.org/x/text@v0.3.2" && f.group.as_str() == "CVE-2020-14040"
    });
    if go.is_none() {
        failures.push("GO-2020-0015 is not grouped under CVE-2020-14040".to_owned());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
