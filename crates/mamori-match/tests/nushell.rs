//! The nushell 0.44.0 SBOMs (cdxgen and trivy, CycloneDX and SPDX) against RustSec's OSV export must give exactly cargo-audit's findings.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use mamori_match::{ComponentStatus, FindingKind, MatchPolicy, Outcome, Scanner, VulnIndex};
use mamori_model::Vulnerability;

fn data() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("notice: {} is absent; skipping", p.display());
        None
    }
}

fn load_rustsec(data: &Path) -> Vec<Vulnerability> {
    let dir = data.join("advisories/rustsec-osv/crates");
    let mut out = Vec::new();
    let mut rejects = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let path = e.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for r in mamori_feeds::osv::read(&name, &std::fs::read(&path).unwrap()) {
            match r {
                Ok(v) => out.push(v),
                Err(e) => rejects.push(e.to_string()),
            }
        }
    }
    assert!(rejects.is_empty(), "rejected records: {rejects:#?}");
    out
}

/// (advisory id, package@version) pairs, and informational ones, from cargo-audit's JSON.
/// (advisory id, package@version) pairs.
type Pairs = BTreeSet<(String, String)>;

fn cargo_audit(data: &Path) -> (Pairs, Pairs) {
    let j: serde_json::Value = serde_json::from_slice(
        &std::fs::read(data.join("sboms-real/nushell-0.44.0.cargo-audit.json")).unwrap(),
    )
    .unwrap();
    let pair = |v: &serde_json::Value| {
        (
            v["advisory"]["id"].as_str().unwrap().to_owned(),
            format!(
                "{}@{}",
                v["package"]["name"].as_str().unwrap(),
                v["package"]["version"].as_str().unwrap()
            ),
        )
    };
    let vulns = j["vulnerabilities"]["list"]
        .as_array()
        .unwrap()
        .iter()
        .map(pair)
        .collect();
    let mut warnings = BTreeSet::new();
    for (_, list) in j["warnings"].as_object().unwrap() {
        for w in list.as_array().unwrap() {
            if !w["advisory"].is_null() {
                warnings.insert(pair(w));
            }
        }
    }
    assert_eq!(
        j["vulnerabilities"]["count"].as_u64(),
        Some(35),
        "cargo-audit's count"
    );
    (vulns, warnings)
}

/// The 36 workspace crates of nushell 0.44.0 (no `source` in Cargo.lock).
const WORKSPACE: [&str; 36] = [
    "pkg:cargo/nu@0.44.0",
    "pkg:cargo/nu-ansi-term@0.44.0",
    "pkg:cargo/nu-cli@0.44.0",
    "pkg:cargo/nu-command@0.44.0",
    "pkg:cargo/nu-completion@0.44.0",
    "pkg:cargo/nu-data@0.44.0",
    "pkg:cargo/nu-engine@0.44.0",
    "pkg:cargo/nu-errors@0.44.0",
    "pkg:cargo/nu-json@0.44.0",
    "pkg:cargo/nu-parser@0.44.0",
    "pkg:cargo/nu-path@0.44.0",
    "pkg:cargo/nu-plugin@0.44.0",
    "pkg:cargo/nu-pretty-hex@0.44.0",
    "pkg:cargo/nu-protocol@0.44.0",
    "pkg:cargo/nu-serde@0.44.0",
    "pkg:cargo/nu-source@0.44.0",
    "pkg:cargo/nu-stream@0.44.0",
    "pkg:cargo/nu-table@0.44.0",
    "pkg:cargo/nu-test-support@0.44.0",
    "pkg:cargo/nu-value-ext@0.44.0",
    "pkg:cargo/nu_plugin_binaryview@0.44.0",
    "pkg:cargo/nu_plugin_chart@0.44.0",
    "pkg:cargo/nu_plugin_from_bson@0.44.0",
    "pkg:cargo/nu_plugin_from_mp4@0.44.0",
    "pkg:cargo/nu_plugin_from_sqlite@0.44.0",
    "pkg:cargo/nu_plugin_inc@0.44.0",
    "pkg:cargo/nu_plugin_match@0.44.0",
    "pkg:cargo/nu_plugin_query_json@0.44.0",
    "pkg:cargo/nu_plugin_s3@0.44.0",
    "pkg:cargo/nu_plugin_selector@0.44.0",
    "pkg:cargo/nu_plugin_start@0.44.0",
    "pkg:cargo/nu_plugin_textview@0.44.0",
    "pkg:cargo/nu_plugin_to_bson@0.44.0",
    "pkg:cargo/nu_plugin_to_sqlite@0.44.0",
    "pkg:cargo/nu_plugin_tree@0.44.0",
    "pkg:cargo/nu_plugin_xpath@0.44.0",
];

/// Reads an SBOM; CycloneDX 1.7 is not read by `mamori-sbom` yet, so such a
/// document is retried with its version read as 1.6 (the fields matching
/// uses are the same), and said so.
fn read_sbom(file: &str, bytes: &[u8]) -> Option<mamori_model::Sbom> {
    match mamori_sbom::read(bytes) {
        Ok(c) => Some(c.sbom),
        Err(e) => {
            let text = String::from_utf8_lossy(bytes);
            let at = text
                .find("\"specVersion\"")
                .filter(|_| text.contains("\"1.7\""));
            let Some(at) = at else { panic!("{file}: {e}") };
            eprintln!("notice: {file}: {e}; read as 1.6 until the reader accepts 1.7");
            let (head, tail) = text.split_at(at);
            let patched = format!("{head}{}", tail.replacen("\"1.7\"", "\"1.6\"", 1))
                .replace("bom-1.7.schema.json", "bom-1.6.schema.json");
            match mamori_sbom::read(patched.as_bytes()) {
                Ok(c) => Some(c.sbom),
                Err(e) => {
                    eprintln!("notice: {file} not readable as 1.6 either ({e}); skipped");
                    None
                }
            }
        }
    }
}

#[test]
fn nushell_matches_cargo_audit() {
    let Some(data) = data() else { return };
    let vulns = load_rustsec(&data);
    let index = VulnIndex::new(vulns);
    let (expected, expected_info) = cargo_audit(&data);
    assert_eq!(expected.len(), 35);
    let scanner = Scanner::new(&index, MatchPolicy::default());
    let mut checked = 0;
    for file in [
        "nushell-0.44.0.cdxgen.cdx.json",
        "nushell-0.44.0.trivy.cdx.json",
        "nushell-0.44.0.trivy.spdx.json",
    ] {
        let bytes = std::fs::read(data.join("sboms-real").join(file)).unwrap();
        let sbom = match read_sbom(file, &bytes) {
            Some(s) => s,
            None => continue,
        };
        checked += 1;
        let result = scanner.scan_sbom(&sbom);
        let name_of = |i: usize| {
            let c = &sbom.components[i];
            format!("{}@{}", c.name, c.version_str().unwrap_or(""))
        };
        let mut got = BTreeSet::new();
        let mut info = BTreeSet::new();
        for f in &result.findings {
            assert_eq!(f.outcome, Outcome::Affected, "{file}: {f:#?}");
            for e in &f.evidence {
                let pair = (e.record_id.to_string(), name_of(f.component));
                match &f.kind {
                    FindingKind::Vulnerability => got.insert(pair),
                    FindingKind::Informational(_) => info.insert(pair),
                };
            }
        }
        let missing: Vec<_> = expected.difference(&got).collect();
        let extra: Vec<_> = got.difference(&expected).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{file}: missing {missing:#?}\nextra {extra:#?}"
        );
        // Informational findings: cargo-audit's warnings, nothing that is not informational.
        let info_missing: Vec<_> = expected_info.difference(&info).collect();
        let info_extra: Vec<_> = info.difference(&expected_info).collect();
        eprintln!(
            "{file}: {} vulnerabilities, {} informational (cargo-audit warnings {}; not in ours {:?}; extra {:?})",
            got.len(),
            info.len(),
            expected_info.len(),
            info_missing,
            info_extra
        );
        assert!(
            info_missing.is_empty() && info_extra.is_empty(),
            "{file}: informational differs from cargo-audit's warnings"
        );
        let first_party: Vec<&str> = result
            .components
            .iter()
            .filter(|r| matches!(r.status, ComponentStatus::FirstPartySkipped { .. }))
            .map(|r| r.bom_ref.as_str())
            .collect();
        eprintln!("{file}: first-party skipped: {first_party:?}");
        let want: &[&str] = match file {
            // cdxgen: every workspace crate lacks Cargo.lock's registry checksum.
            "nushell-0.44.0.cdxgen.cdx.json" => &WORKSPACE,
            // trivy: only the primary and the lock file's roots are recognisable.
            "nushell-0.44.0.trivy.cdx.json" => &[
                "ce684935-1748-4499-aa5c-7cebf7ff89b3",
                "pkg:cargo/nu@0.44.0",
                "pkg:cargo/nu_plugin_from_mp4@0.44.0",
            ],
            _ => &[
                "SPDXRef-Filesystem-d4a2fd0a4151d5f5",
                "SPDXRef-Package-7730cec294101bd5",
                "SPDXRef-Package-a4919f140b16b85e",
            ],
        };
        let mut sorted = first_party.clone();
        sorted.sort_unstable();
        let mut want = want.to_vec();
        want.sort_unstable();
        assert_eq!(sorted, want, "{file}: first-party components");
        assert!(
            result
                .components
                .iter()
                .all(|r| !matches!(r.status, ComponentStatus::CouldNotEvaluate { .. })),
            "{file}: some component could not be evaluated"
        );
    }
    assert_eq!(checked, 3, "every nushell SBOM was read");
}
