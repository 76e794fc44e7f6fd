//! Range edge cases end to end: small OSV advisories (tests/fixtures/ranges.osv.json) against package URLs.

use std::path::Path;

use mamori_match::{
    ComponentIdentity, ComponentStatus, Environment, FindingKind, MatchPolicy, Outcome, Scanner,
    Verdict, VulnIndex,
};

fn index() -> VulnIndex {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ranges.osv.json");
    let recs = mamori_feeds::osv::read("ranges.osv.json", &std::fs::read(path).unwrap())
        .into_iter()
        .map(Result::unwrap)
        .collect();
    VulnIndex::new(recs)
}

/// One line per finding: group, kind, outcome, confidence, record ids, conditions; or the component status.
fn check(index: &VulnIndex, purl: &str) -> String {
    let c = ComponentIdentity::from_purl(purl).unwrap();
    let scanner = Scanner::new(index, MatchPolicy::default());
    let result = scanner.scan(std::slice::from_ref(&c), &Environment::unknown());
    let mut lines = Vec::new();
    if let ComponentStatus::CouldNotEvaluate { .. } = &result.components[0].status {
        lines.push("status: could not evaluate".to_owned());
    }
    for f in &result.findings {
        let kind = match &f.kind {
            FindingKind::Vulnerability => "vuln".to_owned(),
            FindingKind::Informational(k) => format!("info:{k:?}"),
        };
        let outcome = match &f.outcome {
            Outcome::Affected => "affected",
            Outcome::CouldNotEvaluate { .. } => "could-not-evaluate",
        };
        let records: Vec<String> = f.evidence.iter().map(|e| e.record_id.to_string()).collect();
        let conditions: Vec<String> = f
            .evidence
            .iter()
            .flat_map(|e| e.conditions.iter().map(|c| c.to_string()))
            .collect();
        let mut line = format!(
            "{} {kind} {outcome} {} [{}]",
            f.group,
            f.confidence.as_str(),
            records.join(",")
        );
        if !conditions.is_empty() {
            line.push_str(&format!(" ({})", conditions.join("; ")));
        }
        lines.push(line);
    }
    lines.join("\n")
}

#[test]
fn range_edge_cases() {
    let index = index();
    let cases: &[(&str, &str)] = &[
        // last_affected is inclusive.
        (
            "pkg:npm/lastpkg@1.2.3",
            "TEST-LAST-1 vuln affected high [TEST-LAST-1]",
        ),
        ("pkg:npm/lastpkg@1.2.4", ""),
        ("pkg:npm/lastpkg@0.9.0", ""),
        (
            "pkg:npm/lastpkg@1.0.0",
            "TEST-LAST-1 vuln affected high [TEST-LAST-1]",
        ),
        // introduced "0" with no fix: every version, Go pseudo-versions included.
        (
            "pkg:golang/example.com/mod@v0.0.0-20191109021931-daa7c04131f5",
            "TEST-GO-1 vuln affected high [TEST-GO-1]",
        ),
        (
            "pkg:golang/example.com/mod@v1.5.0",
            "TEST-GO-1 vuln affected high [TEST-GO-1]",
        ),
        ("pkg:golang/example.com/other@v1.5.0", ""),
        // npm pre-releases order by SemVer: alpha.1 <= beta.2 < 2.0.0.
        (
            "pkg:npm/prepkg@2.0.0-beta.2",
            "TEST-NPM-PRE vuln affected high [TEST-NPM-PRE]",
        ),
        (
            "pkg:npm/prepkg@2.0.0-alpha.1",
            "TEST-NPM-PRE vuln affected high [TEST-NPM-PRE]",
        ),
        ("pkg:npm/prepkg@2.0.0-alpha.0", ""),
        ("pkg:npm/prepkg@2.0.0", ""),
        ("pkg:npm/prepkg@1.9.9", ""),
        // Debian epochs: 2.5-1 is epoch 0, below 1:2.0-1.
        (
            "pkg:deb/debian/libfoo@2.5-1?distro=debian-12",
            "TEST-DEB-EPOCH vuln affected high [TEST-DEB-EPOCH]",
        ),
        (
            "pkg:deb/debian/libfoo@1:1.9-3?distro=bookworm",
            "TEST-DEB-EPOCH vuln affected high [TEST-DEB-EPOCH]",
        ),
        ("pkg:deb/debian/libfoo@1:2.0-1?distro=debian-12", ""),
        // Distribution releases: other release no, no release states the condition.
        ("pkg:deb/debian/libbar@1.0-1?distro=debian-12", ""),
        (
            "pkg:deb/debian/libbar@1.0-1?distro=debian-11",
            "TEST-DEB-REL vuln affected high [TEST-DEB-REL]",
        ),
        (
            "pkg:deb/debian/libbar@1.0-1",
            "TEST-DEB-REL vuln affected medium [TEST-DEB-REL] (the component names no release; advisory is for Debian:11)",
        ),
        // rpm, with the epoch in the purl qualifier.
        (
            "pkg:rpm/rocky/curl@7.76.1-26.el9?distro=rocky-9.3",
            "TEST-RPM-1 vuln affected high [TEST-RPM-1]",
        ),
        ("pkg:rpm/rocky/curl@7.76.1-26.el9_3.2?distro=rocky-9.3", ""),
        ("pkg:rpm/rocky/libfoo@1.5-1?distro=rocky-9&epoch=2", ""),
        (
            "pkg:rpm/rocky/libfoo@1.5-1?distro=rocky-9&epoch=1",
            "TEST-RPM-EPOCH vuln affected high [TEST-RPM-EPOCH]",
        ),
        // apk with the Alpine release.
        (
            "pkg:apk/alpine/busybox@1.36.1-r15?distro=3.19.1",
            "TEST-APK-1 vuln affected high [TEST-APK-1]",
        ),
        ("pkg:apk/alpine/busybox@1.36.1-r16?distro=3.19.1", ""),
        ("pkg:apk/alpine/busybox@1.36.1-r15?distro=3.18.4", ""),
        // Withdrawn records never match.
        ("pkg:npm/wdpkg@1.0.0", ""),
        // Aliases merge: one finding, both records as evidence, named by the CVE.
        (
            "pkg:npm/aliaspkg@0.6.0",
            "CVE-2099-0001 vuln affected high [TEST-ALIAS-1,GHSA-aaaa-bbbb-cccc]",
        ),
        (
            "pkg:npm/aliaspkg@0.1.0",
            "CVE-2099-0001 vuln affected high [TEST-ALIAS-1]",
        ),
        // Informational advisories are findings of their own kind.
        (
            "pkg:cargo/oldcrate@0.1.0",
            "TEST-INFO-1 info:Unmaintained affected high [TEST-INFO-1]",
        ),
        // PyPI names compare by PEP 503; explicit versions lists count.
        (
            "pkg:pypi/foo-bar-baz@0.5",
            "TEST-PYPI-NAME vuln affected high [TEST-PYPI-NAME]",
        ),
        ("pkg:pypi/FOO.bar_baz@1.0", ""),
        (
            "pkg:pypi/listed@1.1",
            "TEST-LIST-1 vuln affected high [TEST-LIST-1]",
        ),
        ("pkg:pypi/listed@1.2", ""),
        // A version the ecosystem cannot read: said, not silenced.
        (
            "pkg:npm/lastpkg@not..a.version",
            "status: could not evaluate\nTEST-LAST-1 vuln could-not-evaluate high [TEST-LAST-1]",
        ),
        (
            "pkg:npm/lastpkg",
            "status: could not evaluate\nTEST-LAST-1 vuln could-not-evaluate high [TEST-LAST-1]",
        ),
    ];
    let mut failures = Vec::new();
    for (purl, want) in cases {
        let got = check(&index, purl);
        if got != *want {
            failures.push(format!("{purl}\n  want: {want:?}\n  got:  {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `explain` says why each candidate did or did not match.
#[test]
fn explain_reasons() {
    let index = index();
    let scanner = Scanner::new(&index, MatchPolicy::default());
    let cases: &[(&str, &str)] = &[
        (
            "pkg:npm/lastpkg@1.2.4",
            "TEST-LAST-1 purl: version 1.2.4 outside vers:npm/>=1.0.0|<=1.2.3",
        ),
        (
            "pkg:npm/wdpkg@1.0.0",
            "TEST-WD-1 purl: withdrawn on 2024-02-01",
        ),
        (
            "pkg:deb/debian/libbar@1.0-1?distro=debian-12",
            "TEST-DEB-REL purl: other release: component is Debian:12, record is for Debian:11",
        ),
        (
            "pkg:cargo/lastpkg@1.2.3",
            "TEST-LAST-1 purl: wrong ecosystem: component is crates.io, record is for npm",
        ),
        ("pkg:npm/lastpkg@1.2.3", "TEST-LAST-1 purl: matched"),
    ];
    let mut failures = Vec::new();
    for (purl, want) in cases {
        let c = ComponentIdentity::from_purl(purl).unwrap();
        let cands = scanner.explain_candidates(&c);
        let got: Vec<String> = scanner
            .explain(&c, &Environment::unknown(), &cands)
            .into_iter()
            .map(|e| {
                let v = match e.verdict {
                    Verdict::Matched(_) => "matched".to_owned(),
                    Verdict::NotMatched(why) => why.to_string(),
                };
                format!("{} {}: {v}", e.record_id, e.matcher)
            })
            .collect();
        let got = got.join("\n");
        if got != *want {
            failures.push(format!("{purl}\n  want: {want:?}\n  got:  {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
