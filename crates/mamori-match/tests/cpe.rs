//! CPE matching on real NVD API 2.0 records: AND configurations with running-on platforms, NA versions, version bounds, the language-package policy.

use std::path::{Path, PathBuf};

use mamori_match::{
    ComponentIdentity, Environment, FindingKind, MatchPolicy, Outcome, Scanner, Verdict, VulnIndex,
};
use mamori_model::Vulnerability;
use mamori_purl::Cpe;

fn data() -> Option<PathBuf> {
    let p =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/nvd-cve-api-2.0-samples");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("notice: {} is absent; skipping", p.display());
        None
    }
}

fn load(dir: &Path, files: &[&str]) -> Vec<Vulnerability> {
    let mut out = Vec::new();
    for f in files {
        let path = dir.join(f);
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for r in mamori_feeds::nvd::read(&name, &std::fs::read(&path).unwrap()) {
            out.push(r.unwrap());
        }
    }
    out
}

const GRYPE: &str = "grype/grype/db/v6/build/transformers/nvd/testdata/";
const DT: &str = "dependency-track/vuln-data-source/nvd/src/test/resources/";

/// The platform a case runs on.
#[derive(Clone, Copy)]
enum Platform {
    Unknown,
    Windows,
    Debian10,
    /// The SBOM declares an OS, and it is not Windows.
    DebianOnly12,
    /// Windows among 600 application CPEs of other products (a large SBOM's
    /// platforms are looked up by vendor and product, not walked).
    Crowded,
    /// As `Crowded`, with a Microsoft OS of any product listed before Windows:
    /// a platform without a plain product is still consulted, in SBOM order.
    CrowdedUnkeyed,
}

fn decoys(e: Environment, from: usize, to: usize) -> Environment {
    (from..to).fold(e, |e, i| {
        let c = format!("cpe:2.3:a:vendor{i}:product{i}:1.{i}:*:*:*:*:*:*:*");
        e.with_platform(Cpe::parse(&c).unwrap(), format!("app{i}"))
    })
}

fn env(p: Platform) -> Environment {
    let os = |s: &str| Cpe::parse(s).unwrap();
    match p {
        Platform::Unknown => Environment::unknown(),
        Platform::Windows => {
            let mut e = Environment::unknown()
                .with_platform(os("cpe:2.3:o:microsoft:windows:-:*:*:*:*:*:*:*"), "os");
            e.os_known = true;
            e
        }
        Platform::Debian10 => {
            let mut e = Environment::unknown()
                .with_platform(os("cpe:2.3:o:debian:debian_linux:10.0:*:*:*:*:*:*:*"), "os");
            e.os_known = true;
            e
        }
        Platform::Crowded => {
            let e = decoys(Environment::unknown(), 0, 300)
                .with_platform(os("cpe:2.3:o:microsoft:windows:-:*:*:*:*:*:*:*"), "os");
            let mut e = decoys(e, 300, 600);
            e.os_known = true;
            e
        }
        Platform::CrowdedUnkeyed => {
            let mut e = decoys(Environment::unknown(), 0, 600)
                .with_platform(os("cpe:2.3:o:microsoft:*:-:*:*:*:*:*:*:*"), "any-os")
                .with_platform(os("cpe:2.3:o:microsoft:windows:-:*:*:*:*:*:*:*"), "os");
            e.os_known = true;
            e
        }
        Platform::DebianOnly12 => {
            let mut e = Environment::unknown()
                .with_platform(os("cpe:2.3:o:debian:debian_linux:12.0:*:*:*:*:*:*:*"), "os");
            e.os_known = true;
            e
        }
    }
}

/// One line per finding (`id outcome confidence (conditions)`), or the explanation of every candidate when there is none.
fn check(
    index: &VulnIndex,
    c: &ComponentIdentity,
    platform: Platform,
    policy: MatchPolicy,
) -> String {
    let scanner = Scanner::new(index, policy);
    let e = env(platform);
    let result = scanner.scan(std::slice::from_ref(c), &e);
    if result.findings.is_empty() {
        let cands = scanner.explain_candidates(c);
        let lines: Vec<String> = scanner
            .explain(c, &e, &cands)
            .into_iter()
            .filter_map(|x| match x.verdict {
                Verdict::NotMatched(why) => Some(format!("no {}: {why}", x.record_id)),
                Verdict::Matched(_) => None,
            })
            .collect();
        return lines.join("\n");
    }
    result
        .findings
        .iter()
        .map(|f| {
            assert_eq!(f.kind, FindingKind::Vulnerability);
            let outcome = match &f.outcome {
                Outcome::Affected => "affected",
                Outcome::CouldNotEvaluate { .. } => "could-not-evaluate",
            };
            let conditions: Vec<String> = f
                .evidence
                .iter()
                .flat_map(|e| e.conditions.iter().map(ToString::to_string))
                .collect();
            format!(
                "{} {outcome} {} ({})",
                f.group,
                f.confidence.as_str(),
                conditions.join("; ")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn cpe(s: &str) -> ComponentIdentity {
    ComponentIdentity::from_cpe(s).unwrap()
}

fn purl_with_cpe(purl: &str, c: &str) -> ComponentIdentity {
    let mut id = ComponentIdentity::from_purl(purl).unwrap();
    id.cpe = Some(Cpe::parse(c).unwrap());
    id
}

#[test]
fn nvd_configurations() {
    let Some(dir) = data() else { return };
    let files = [
        format!("{GRYPE}platform-cpe.json"),
        format!("{GRYPE}cve-2022-0543.json"),
        format!("{GRYPE}CVE-2023-45283-platform-cpe-first.json"),
        format!("{DT}CVE-2017-5638-cvssv3-rating.json"),
    ];
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    let index = VulnIndex::new(load(&dir, &files));
    let default = MatchPolicy::default();
    let lang = MatchPolicy {
        cpe_for_language_packages: true,
        ..MatchPolicy::default()
    };
    let python = "cpe:2.3:a:python:python:3.9.5:*:*:*:*:*:*:*";
    let cases: Vec<(ComponentIdentity, Platform, MatchPolicy, &str)> = vec![
        // AND(python vulnerable, windows platform).
        (
            cpe(python),
            Platform::Windows,
            default,
            "CVE-2022-26488 affected high (platform cpe:2.3:o:microsoft:windows:-:*:*:*:*:*:*:* provided by os)",
        ),
        (
            cpe(python),
            Platform::Unknown,
            default,
            "CVE-2022-26488 affected medium (only when running on one of cpe:2.3:o:microsoft:windows:-:*:*:*:*:*:*:* (the SBOM does not say))",
        ),
        (
            cpe(python),
            Platform::Crowded,
            default,
            "CVE-2022-26488 affected high (platform cpe:2.3:o:microsoft:windows:-:*:*:*:*:*:*:* provided by os)",
        ),
        (
            cpe(python),
            Platform::CrowdedUnkeyed,
            default,
            "CVE-2022-26488 affected high (platform cpe:2.3:o:microsoft:windows:-:*:*:*:*:*:*:* provided by any-os)",
        ),
        (
            cpe(python),
            Platform::DebianOnly12,
            default,
            "no CVE-2022-26488: needs platform cpe:2.3:o:microsoft:windows:-:*:*:*:*:*:*:* which the SBOM shows is absent",
        ),
        // 3.9.11 is above the 3.9 branch's versionEndIncluding 3.9.10.
        (
            cpe("cpe:2.3:a:python:python:3.9.11:*:*:*:*:*:*:*"),
            Platform::Windows,
            default,
            "no CVE-2022-26488: version 3.9.11 outside cpe:2.3:a:python:python:*:*:*:*:*:*:*:* vers:generic/<=3.7.12 and cpe:2.3:a:python:python:*:*:*:*:*:*:*:* vers:generic/>=3.8.0|<=3.8.12 and cpe:2.3:a:python:python:*:*:*:*:*:*:*:* vers:generic/>=3.9.0|<=3.9.10 and cpe:2.3:a:python:python:*:*:*:*:*:*:*:* vers:generic/>=3.10.0|<=3.10.2 and cpe:2.3:a:python:python:3.11.0:alpha1:*:*:*:*:*:* (version 3.11.0) and …",
        ),
        // Platform listed first in the configuration; versionEndExcluding.
        (
            cpe("cpe:2.3:a:golang:go:1.21.3:*:*:*:*:*:*:*"),
            Platform::Windows,
            default,
            "CVE-2023-45283 affected high (platform cpe:2.3:o:microsoft:windows:-:*:*:*:*:*:*:* provided by os)",
        ),
        (
            cpe("cpe:2.3:a:golang:go:1.21.4:*:*:*:*:*:*:*"),
            Platform::Windows,
            default,
            "no CVE-2023-45283: version 1.21.4 outside cpe:2.3:a:golang:go:*:*:*:*:*:*:*:* vers:generic/<1.20.11 and cpe:2.3:a:golang:go:*:*:*:*:*:*:*:* vers:generic/>=1.21.0-0|<1.21.4",
        ),
        // Version NA (`redis:-`): identity only, on a Debian 10 platform.
        (
            cpe("cpe:2.3:a:redis:redis:6.0.0:*:*:*:*:*:*:*"),
            Platform::Debian10,
            default,
            "CVE-2022-0543 affected medium (platform cpe:2.3:o:debian:debian_linux:10.0:*:*:*:*:*:*:* provided by os; the source lists the product without versions)",
        ),
        (
            cpe("cpe:2.3:a:redis:redis:6.0.0:*:*:*:*:*:*:*"),
            Platform::DebianOnly12,
            default,
            "no CVE-2022-0543: needs platform cpe:2.3:o:canonical:ubuntu_linux:20.04:*:*:*:lts:*:*:* or cpe:2.3:o:canonical:ubuntu_linux:21.10:*:*:*:-:*:*:* or cpe:2.3:o:debian:debian_linux:9.0:*:*:*:*:*:*:* or cpe:2.3:o:debian:debian_linux:10.0:*:*:*:*:*:*:* or cpe:2.3:o:debian:debian_linux:11.0:*:*:*:*:*:*:* which the SBOM shows is absent",
        ),
        // A target_sw the criteria rules out.
        (
            cpe("cpe:2.3:a:netapp:active_iq_unified_manager:9.10:*:*:*:*:linux:*:*"),
            Platform::Unknown,
            default,
            "no CVE-2022-26488: CPE disjoint on target_sw with cpe:2.3:a:netapp:active_iq_unified_manager:-:*:*:*:*:windows:*:*",
        ),
        // A Maven package is not flagged by CPE alone; it is when the policy asks.
        (
            purl_with_cpe(
                "pkg:maven/org.apache.struts/struts2-core@2.3.5",
                "cpe:2.3:a:apache:struts:2.3.5:*:*:*:*:*:*:*",
            ),
            Platform::Unknown,
            default,
            "no CVE-2017-5638: policy: CPE matching is not applied to Maven packages (a purl source covers them)",
        ),
        (
            purl_with_cpe(
                "pkg:maven/org.apache.struts/struts2-core@2.3.5",
                "cpe:2.3:a:apache:struts:2.3.5:*:*:*:*:*:*:*",
            ),
            Platform::Unknown,
            lang,
            "CVE-2017-5638 affected high ()",
        ),
        // The same CPE on a non-language component (a vendored copy) is matched.
        (
            cpe("cpe:2.3:a:apache:struts:2.3.6:*:*:*:*:*:*:*"),
            Platform::Unknown,
            default,
            "CVE-2017-5638 affected high ()",
        ),
        (
            cpe("cpe:2.3:a:apache:struts:2.3.7:*:*:*:*:*:*:*"),
            Platform::Unknown,
            default,
            "no CVE-2017-5638: version 2.3.7 outside cpe:2.3:a:apache:struts:2.3.5:*:*:*:*:*:*:* (version 2.3.5) and cpe:2.3:a:apache:struts:2.3.6:*:*:*:*:*:*:* (version 2.3.6) and cpe:2.3:a:apache:struts:2.5:*:*:*:*:*:*:* (version 2.5) and cpe:2.3:a:apache:struts:2.5.1:*:*:*:*:*:*:* (version 2.5.1)",
        ),
    ];
    let mut failures = Vec::new();
    for (c, platform, policy, want) in &cases {
        let got = check(&index, c, *platform, *policy);
        // A long explanation is checked by its start, written with a trailing `…`.
        let ok = match want.strip_suffix('…') {
            Some(prefix) => got.starts_with(prefix),
            None => got == *want,
        };
        if !ok {
            failures.push(format!("{}\n  want: {want}\n  got:  {got}", c.bom_ref));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
