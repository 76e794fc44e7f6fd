//! CycloneDX JSON: the specification's conformance files, real BOMs, bad input and round trips.

use mamori_model::{DocumentFormat, Sbom};
use mamori_sbom::{Checked, SbomError, cyclonedx, read};
use std::path::{Path, PathBuf};

fn data_dir() -> Option<PathBuf> {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if d.is_dir() {
        Some(d)
    } else {
        eprintln!("notice: {} is absent; test skipped", d.display());
        None
    }
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cyclonedx-json")
}

/// Every error as `pointer: message`, or the one reason the document was refused.
fn outcome(r: &Result<Checked, SbomError>) -> Vec<String> {
    match r {
        Ok(c) => c.errors.iter().map(ToString::to_string).collect(),
        Err(e) => vec![format!("refused: {e}")],
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|e| e == "json") {
            out.push(p);
        }
    }
    out.sort();
    out
}

fn name(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

const VERSIONS: [&str; 6] = ["1.2", "1.3", "1.4", "1.5", "1.6", "1.7"];

/// The conformance files of one version.
fn conformance(d: &Path, v: &str) -> Vec<PathBuf> {
    walk(&d.join("cyclonedx/spec/tools/src/test/resources").join(v))
}

/// Why each `invalid-*` conformance file is invalid: a fragment of the expected
/// `pointer: message`, by file name without the version (`invalid-scope`). A more
/// specific entry for one version's file (full stem) comes first.
const INVALID: &[(&str, &str)] = &[
    (
        "invalid-bomformat",
        "refused: not an SBOM: \"bomFormat\" is \"AnotherFormat\"",
    ),
    (
        "invalid-citations-1.7",
        "/citations/1: must have exactly one of \"pointers\", \"expressions\"",
    ),
    (
        "invalid-component-external-version-and-range",
        "/components/0: must not have both \"version\" and \"versionRange\"",
    ),
    (
        "invalid-component-ref-1.6",
        "/components/1/bom-ref: must not be empty",
    ),
    (
        "invalid-component-ref-1.7",
        "/components/1/bom-ref: must not be empty",
    ),
    (
        "invalid-component-versionRange-non-external-explicit",
        "/components/0/versionRange: only an external component (\"isExternal\": true) may have",
    ),
    (
        "invalid-component-versionRange-non-external-implicit",
        "/components/0/versionRange: only an external component (\"isExternal\": true) may have",
    ),
    (
        "invalid-component-ref",
        "/components/1: duplicate bom-ref \"123\"",
    ),
    (
        "invalid-component-swid",
        "/components/0/swid: missing required property \"tagId\"",
    ),
    (
        "invalid-component-type",
        "/components/0/type: \"foo\" is not a CycloneDX",
    ),
    (
        "invalid-dependency",
        "/dependencies/0: missing required property \"ref\"",
    ),
    (
        "invalid-empty-component",
        "/components/0: missing required property \"name\"",
    ),
    (
        "invalid-hash-alg",
        "/components/0/hashes/0/alg: \"FOO\" is not a CycloneDX",
    ),
    (
        "invalid-hash-md5",
        "/components/0/hashes/0/content: \"foo\" is not a hex digest",
    ),
    (
        "invalid-hash-sha1",
        "/components/0/hashes/1/content: \"foo\" is not a hex digest",
    ),
    (
        "invalid-hash-sha256",
        "/components/0/hashes/2/content: \"foo\" is not a hex digest",
    ),
    (
        "invalid-hash-sha512",
        "/components/0/hashes/3/content: \"foo\" is not a hex digest",
    ),
    (
        "invalid-issue-type",
        "/pedigree/patches/0/resolves/0/type: \"foo\" is not",
    ),
    (
        "invalid-license-choice-1.5",
        "/components/0/licenses/0/expression: unknown property",
    ),
    (
        "invalid-license-choice-1.6",
        "/components/0/licenses/0/expression: unknown property",
    ),
    (
        "invalid-license-choice-1.7",
        // 1.7 lets licenses and expressions mix in the list, never in one item.
        "/components/0/licenses/0/expression: unknown property",
    ),
    (
        "invalid-license-choice",
        "/components/0/licenses/0: must have exactly one of \"license\", \"expression\"",
    ),
    (
        "invalid-license-declared-concluded-mix",
        "/components/0/licenses/3/expression: unknown property",
    ),
    (
        "invalid-license-encoding",
        "/license/text/encoding: \"base85\" is not",
    ),
    (
        "invalid-license-id",
        "/components/0/licenses/0/license/id: \"Apache-2\" is not an SPDX license id",
    ),
    (
        "invalid-license-missing-id-and-name",
        "/components/0/licenses/0/license: must have one of \"id\", \"name\"",
    ),
    (
        "invalid-metadata-distribution-1.7",
        "/metadata/distribution: unknown property \"distribution\" in metadata",
    ),
    (
        "invalid-metadata-license",
        "/metadata/licenses/0/license/id: \"Apache-2\" is not an SPDX license id",
    ),
    (
        "invalid-metadata-timestamp",
        "/metadata/timestamp: \"2020-04-13\" is not an RFC 3339 date-time",
    ),
    (
        "invalid-missing-component-type",
        "/components/0: missing required property \"type\"",
    ),
    (
        "invalid-patch-type",
        "/pedigree/patches/0/type: \"foo\" is not",
    ),
    (
        "invalid-properties",
        "/metadata/properties/1/unexpected-property: unknown property",
    ),
    (
        "invalid-scope",
        "/components/0/scope: \"foo\" is not a CycloneDX",
    ),
    (
        "invalid-serialnumber",
        "/serialNumber: \"urn:uuid:3e671687-395b-41f5-a30f\" is not a urn:uuid:",
    ),
    (
        "invalid-service-data",
        "/services/0/data/0/flow: \"bar\" is not",
    ),
];

fn expected_reason(stem: &str) -> Option<&'static str> {
    INVALID
        .iter()
        .find(|(k, _)| *k == stem)
        .or_else(|| {
            let base = stem.rsplit_once('-').map_or(stem, |(b, _)| b);
            INVALID.iter().find(|(k, _)| *k == base)
        })
        .map(|(_, v)| *v)
}

/// One conformance file: valid ones read without error, invalid ones give the expected one.
fn check_conformance(path: &Path) -> Result<(), String> {
    let bytes = std::fs::read(path).unwrap();
    let got = outcome(&read(&bytes));
    let n = name(path);
    let stem = n.trim_end_matches(".json");
    if n.starts_with("valid-") {
        if got.is_empty() {
            return Ok(());
        }
        return Err(format!("{n}: expected valid, got {got:?}"));
    }
    let Some(want) = expected_reason(stem) else {
        return Err(format!(
            "{n}: no expected reason in the INVALID table; got {got:?}"
        ));
    };
    if got.iter().any(|g| g.contains(want)) {
        Ok(())
    } else {
        Err(format!("{n}: expected {want:?}, got {got:?}"))
    }
}

#[test]
fn conformance_files_of_every_version() {
    let Some(d) = data_dir() else { return };
    let mut failures = Vec::new();
    let (mut valid, mut invalid) = (0, 0);
    for v in VERSIONS {
        for f in conformance(&d, v) {
            let n = name(&f);
            if n.starts_with("valid-") {
                valid += 1;
            } else if n.starts_with("invalid-") {
                invalid += 1;
            } else {
                continue; // `skip_*` files are excluded by the specification's own runner
            }
            if let Err(e) = check_conformance(&f) {
                failures.push(format!("{v}/{e}"));
            }
        }
    }
    println!("conformance: {valid} valid and {invalid} invalid files checked");
    assert!(valid > 150 && invalid > 100, "{valid} {invalid}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Real BOMs that are genuinely invalid, with why (a fragment of one error).
const REAL_INVALID: &[(&str, &str)] = &[
    // License URLs with " and " between two addresses: not IRIs.
    (
        "OBOM/Example-1-Decoupled/bom.json",
        "is not an IRI reference",
    ),
    (
        "OBOM/Example-1-Standalone/bom.json",
        "is not an IRI reference",
    ),
    // Advisory URLs with a space and a comment glued on: not IRIs.
    (
        "sbom-utility/test/diff/panic/nats1.json",
        "is not an IRI reference",
    ),
    (
        "sbom-utility/test/diff/panic/nats2.json",
        "is not an IRI reference",
    ),
    (
        "sbom-utility/test/normalize/cdx-1-5-vulnerabilities-container-nats-box.bom.json",
        "/serialNumber: \"urn:uuid:xxxx\" is not a urn:uuid: serial number",
    ),
    // Dependencies name packages that are not components of the BOM.
    (
        "sbom-utility/test/vex/cdx-1-4-appthreat-vex.json",
        "is not a bom-ref in this document",
    ),
];

/// Every CycloneDX JSON file of the example and real-world sets.
fn real_boms(d: &Path) -> Vec<PathBuf> {
    [
        "cyclonedx/bom-examples",
        "cyclonedx/real-world",
        "sboms-real",
    ]
    .iter()
    .flat_map(|s| walk(&d.join(s)))
    .filter(|f| {
        std::fs::read(f)
            .is_ok_and(|b| mamori_sbom::detect(&b).ok() == Some(DocumentFormat::CycloneDxJson))
    })
    .collect()
}

fn check_real(path: &Path) -> Result<(), String> {
    let got = outcome(&read(&std::fs::read(path).unwrap()));
    let p = path.to_string_lossy();
    match REAL_INVALID.iter().find(|(k, _)| p.ends_with(k)) {
        Some((_, want)) if got.iter().any(|g| g.contains(want)) => Ok(()),
        Some((_, want)) => Err(format!("{p}: expected {want:?}, got {got:?}")),
        None if got.is_empty() => Ok(()),
        None => Err(format!(
            "{p}: {} errors, first {:?}",
            got.len(),
            &got[..got.len().min(3)]
        )),
    }
}

#[test]
fn real_boms_read() {
    let Some(d) = data_dir() else { return };
    let files = real_boms(&d);
    let failures: Vec<String> = files.iter().filter_map(|f| check_real(f).err()).collect();
    println!("real BOMs: {} CycloneDX JSON files checked", files.len());
    assert!(files.len() > 50);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A bad input and the exact diagnostics expected, one per line.
fn check_bad(name: &str, bytes: &[u8], expected: &str) {
    let got = outcome(&read(bytes)).join("\n");
    assert_eq!(got.trim(), expected.trim(), "{name}");
}

#[test]
fn bad_input_fixtures() {
    let dir = fixtures().join("bad");
    let mut n = 0;
    for f in walk(&dir) {
        if std::env::var_os("MAMORI_BLESS").is_some() {
            // Rewrites the snapshots; review the diff before committing.
            let got = outcome(&read(&std::fs::read(&f).unwrap())).join("\n") + "\n";
            std::fs::write(f.with_extension("expected"), got).unwrap();
        }
        let expected = std::fs::read_to_string(f.with_extension("expected"))
            .unwrap_or_else(|_| panic!("{} has no .expected file", f.display()));
        check_bad(&name(&f), &std::fs::read(&f).unwrap(), &expected);
        n += 1;
    }
    assert_eq!(n, 11);
}

#[test]
fn thirty_megabyte_string_is_named() {
    let big = "x".repeat(30 << 20);
    let doc = format!(
        r#"{{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[{{"type":"library","name":"a","version":"1","description":"{big}"}}]}}"#
    );
    check_bad(
        "30 MB string",
        doc.as_bytes(),
        "/components/0/description: string of 31457280 bytes is longer than the 1048576 bytes accepted",
    );
}

#[test]
fn deep_nesting_is_refused_without_overflow() {
    let doc = format!(
        r#"{{"bomFormat":"CycloneDX","specVersion":"1.6","x":{}{}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    check_bad(
        "deep",
        doc.as_bytes(),
        "refused: 1:176: recursion limit exceeded",
    );
}

/// The model without what a 1.6 rewrite legitimately changes (the spec version) and,
/// for a 1.7 source, with what 1.6 cannot carry mapped as the writer maps it:
/// 1.7-only hash algorithms dropped, 1.7-only external reference types as "other", and a
/// list that mixes licenses and expressions joined into one expression.
fn normalised(mut s: Sbom) -> Sbom {
    use mamori_model::{HashAlg, LicenseChoice};
    if s.spec_version == "1.7" {
        for c in &mut s.components {
            c.hashes.retain(|h| !matches!(h.alg, HashAlg::Other(_)));
            for e in &mut c.external_refs {
                if ["patent", "patent-family", "patent-assertion", "citation"]
                    .contains(&e.kind.as_str())
                {
                    e.kind = "other".into();
                }
            }
            if let mamori_model::Attr::Value(ls) = &mut c.licenses
                && ls.len() > 1
                && ls.iter().any(|l| matches!(l, LicenseChoice::Expression(_)))
            {
                let joined = ls
                    .iter()
                    .map(|l| match l {
                        LicenseChoice::Expression(e) if e.contains(' ') => format!("({e})"),
                        l => l.as_text().to_owned(),
                    })
                    .collect::<Vec<_>>()
                    .join(" AND ");
                *ls = vec![LicenseChoice::Expression(joined)];
            }
        }
    }
    s.spec_version.clear();
    s
}

/// Reads, writes 1.6, reads again: same model, no errors, same bytes when written twice.
fn check_round_trip(path: &Path, out_dir: Option<&Path>) -> Result<(), String> {
    // Only valid documents are expected to come back valid.
    let first = match read(&std::fs::read(path).unwrap()) {
        Ok(c) if c.errors.is_empty() => c,
        _ => return Ok(()),
    };
    let written = cyclonedx::write_json(&first.sbom);
    let again =
        read(&written).map_err(|e| format!("{}: rewritten is refused: {e}", path.display()))?;
    if !again.errors.is_empty() {
        return Err(format!(
            "{}: rewritten has errors {:?}",
            path.display(),
            &again.errors[..again.errors.len().min(3)]
        ));
    }
    if cyclonedx::write_json(&again.sbom) != written {
        return Err(format!("{}: writing is not deterministic", path.display()));
    }
    let (a, b) = (normalised(first.sbom), normalised(again.sbom));
    if a != b {
        let diff = a
            .components
            .iter()
            .zip(&b.components)
            .find(|(x, y)| x != y)
            .map(|(x, y)| format!("{x:?}\n!=\n{y:?}"))
            .or_else(|| {
                (a.components.len() != b.components.len()).then(|| {
                    format!(
                        "{} != {} components",
                        a.components.len(),
                        b.components.len()
                    )
                })
            })
            .or_else(|| {
                a.relationships
                    .iter()
                    .zip(&b.relationships)
                    .position(|(x, y)| x != y)
                    .or((a.relationships.len() != b.relationships.len()).then_some(usize::MAX))
                    .map(|i| {
                        format!(
                            "relationships differ at {i}: {} vs {}",
                            a.relationships.len(),
                            b.relationships.len()
                        )
                    })
            })
            .unwrap_or_else(|| format!("{:?}\n!=\n{:?}", a.metadata, b.metadata));
        return Err(format!("{}: model changed: {diff}", path.display()));
    }
    // The oracle's jsonschema checks uniqueItems pairwise: big BOMs take it minutes.
    if let Some(dir) = out_dir.filter(|_| written.len() <= 256 * 1024) {
        let n = path.to_string_lossy().replace(['/', '\\'], "_");
        std::fs::write(dir.join(n), &written).unwrap();
    }
    Ok(())
}

/// Validates every `.json` in `dir` with cyclonedx-python-lib's strict 1.6 validator.
fn oracle(dir: &Path) -> Option<Result<(), String>> {
    let venv = std::env::var("MAMORI_ORACLE_VENV").unwrap_or("/work/target-oracle-venv".into());
    let python = Path::new(&venv).join("bin/python");
    if !python.exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "oracle venv {venv} missing in CI"
        );
        eprintln!("notice: no oracle venv at {venv}; output not validated by cyclonedx-python-lib");
        return None;
    }
    let script = r#"
import sys, pathlib
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator
v = JsonStrictValidator(SchemaVersion.V1_6)
bad = 0
for p in sorted(pathlib.Path(sys.argv[1]).glob('*.json')):
    e = v.validate_str(p.read_text())
    if e is not None:
        bad += 1
        print(p.name, str(e)[:300])
print('checked', len(list(pathlib.Path(sys.argv[1]).glob('*.json'))), 'bad', bad)
sys.exit(1 if bad else 0)
"#;
    let out = std::process::Command::new(python)
        .arg("-c")
        .arg(script)
        .arg(dir)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    println!("oracle: {}", text.lines().last().unwrap_or(""));
    Some(if out.status.success() {
        Ok(())
    } else {
        Err(text)
    })
}

#[test]
fn round_trip_keeps_the_model_and_validates() {
    let Some(d) = data_dir() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let mut files: Vec<PathBuf> = VERSIONS
        .iter()
        .flat_map(|v| conformance(&d, v))
        .filter(|f| name(f).starts_with("valid-"))
        .collect();
    files.extend(real_boms(&d));
    let failures: Vec<String> = files
        .iter()
        .filter_map(|f| check_round_trip(f, Some(tmp.path())).err())
        .collect();
    println!("round trip: {} files", files.len());
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    if let Some(r) = oracle(tmp.path()) {
        r.unwrap();
    }
}

/// One CycloneDX 1.7 BOM of today's tools: read without an error, with all its components;
/// its 1.6 rewrite is written to `out` for the outside validator.
fn check_real_1_7(path: &Path, components: usize, out: &Path) -> Result<(), String> {
    let c = read(&std::fs::read(path).unwrap()).map_err(|e| format!("{e}"))?;
    let n = name(path);
    if c.sbom.spec_version != "1.7" || !c.errors.is_empty() {
        return Err(format!(
            "{n}: version {}, errors {:?}",
            c.sbom.spec_version,
            &c.errors[..c.errors.len().min(3)]
        ));
    }
    if c.sbom.components.len() != components {
        return Err(format!(
            "{n}: {} components, expected {components}",
            c.sbom.components.len()
        ));
    }
    std::fs::write(out.join(&n), cyclonedx::write_json(&c.sbom)).unwrap();
    Ok(())
}

#[test]
fn cdxgen_and_trivy_1_7_boms_read_valid_and_rewrite_as_valid_1_6() {
    let Some(d) = data_dir() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let real = d.join("sboms-real");
    let failures: Vec<String> = [
        ("nushell-0.44.0.cdxgen.cdx.json", 521),
        ("nushell-0.44.0.trivy.cdx.json", 523),
    ]
    .iter()
    .filter_map(|(f, n)| check_real_1_7(&real.join(f), *n, tmp.path()).err())
    .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    if let Some(r) = oracle(tmp.path()) {
        r.unwrap();
    }
}

/// A 1.7 document using what 1.7 added (TLP, Streebog, mixed license list with expression
/// details, patent references and assertions, an external component with a version range,
/// patents, citations): valid, and what 1.6 cannot hold is dropped or mapped on writing.
#[test]
fn one_point_seven_additions_read_and_map_to_valid_1_6() {
    let path = fixtures().join("v1_7/features.json");
    let c = read(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(outcome(&Ok(c.clone())), Vec::<String>::new());
    let openssl = &c.sbom.components[2];
    let props: Vec<(&str, &str)> = openssl
        .properties
        .iter()
        .map(|p| (p.name.as_str(), p.value.as_str()))
        .collect();
    assert_eq!(
        props,
        [
            ("mamori:version-range", "vers:generic/>=3.0.0|<3.1.0"),
            ("mamori:external", "true")
        ]
    );
    let written = cyclonedx::write_json(&c.sbom);
    let again = read(&written).unwrap();
    assert_eq!(outcome(&Ok(again.clone())), Vec::<String>::new());
    let zlib = &again.sbom.components[1];
    assert_eq!(zlib.hashes.len(), 1, "Streebog has no place in 1.6");
    let kinds: Vec<&str> = zlib.external_refs.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["website", "other"]);
    assert_eq!(
        format!("{:?}", zlib.licenses),
        r#"Value([Expression("Zlib AND (Zlib OR MIT)")])"#
    );
    assert_eq!(again.sbom.components[2].properties, openssl.properties);
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("features.json"), &written).unwrap();
    if let Some(r) = oracle(tmp.path()) {
        r.unwrap();
    }
}

/// 1.7 rules, each broken once in a copy of the features fixture: the pointer and message.
#[test]
fn one_point_seven_rules_are_enforced() {
    let base: serde_json::Value =
        serde_json::from_slice(&std::fs::read(fixtures().join("v1_7/features.json")).unwrap())
            .unwrap();
    let cases: &[(&str, serde_json::Value, &str)] = &[
        (
            "/metadata/distributionConstraints/tlp",
            serde_json::json!("WHITE"),
            "/metadata/distributionConstraints/tlp: \"WHITE\" is not one of \"CLEAR\", \"GREEN\", \"AMBER\", \"AMBER_AND_STRICT\", \"RED\"",
        ),
        (
            "/definitions/patents/0/jurisdiction",
            serde_json::json!("us"),
            "/definitions/patents/0/jurisdiction: \"us\" is not a jurisdiction code (two upper-case letters)",
        ),
        (
            "/definitions/patents/0/filingDate",
            serde_json::json!("2001-02-30"),
            "/definitions/patents/0/filingDate: \"2001-02-30\" is not an RFC 3339 full-date (YYYY-MM-DD)",
        ),
        (
            "/definitions/patents/0/patentNumber",
            serde_json::json!("-US1"),
            "/definitions/patents/0/patentNumber: \"-US1\" is not a patent number",
        ),
        (
            "/components/0/hashes/1/content",
            serde_json::json!("ab"),
            "/components/0/hashes/1/content: \"ab\" is not a hex digest",
        ),
        (
            "/components/1/isExternal",
            serde_json::json!(false),
            "/components/1/versionRange: only an external component (\"isExternal\": true) may have a \"versionRange\"",
        ),
        (
            "/components/0/patentAssertions/0/assertionType",
            serde_json::json!("denial"),
            "/components/0/patentAssertions/0/assertionType: \"denial\" is not one of",
        ),
    ];
    for (pointer, value, want) in cases {
        let mut doc = base.clone();
        *doc.pointer_mut(pointer).unwrap() = value.clone();
        let got = outcome(&read(&serde_json::to_vec(&doc).unwrap()));
        assert!(
            got.iter().any(|g| g.contains(want)),
            "{pointer}: expected {want:?}, got {got:?}"
        );
    }
    // The same document declared 1.6 names what 1.6 does not have.
    let mut doc = base.clone();
    doc["specVersion"] = "1.6".into();
    let got = outcome(&read(&serde_json::to_vec(&doc).unwrap()));
    for want in [
        "/metadata/distributionConstraints: property \"distributionConstraints\" is not allowed in CycloneDX 1.6 (only from 1.7)",
        "/components/1/versionRange: property \"versionRange\" is not allowed in CycloneDX 1.6 (only from 1.7)",
        "/citations: property \"citations\" is not allowed in CycloneDX 1.6 (only from 1.7)",
        "/components/0/hashes/1/alg: hash algorithm \"Streebog-256\" is not allowed in CycloneDX 1.6 (only from 1.7)",
    ] {
        assert!(
            got.iter().any(|g| g == want),
            "1.6: expected {want:?}, got {got:?}"
        );
    }
}
