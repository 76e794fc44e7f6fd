//! SPDX 2.2/2.3 JSON and tag-value: every real file in the shared data read and
//! judged, round trips through both writers (checked by spdx-tools), bad input
//! refused with the place named.

use mamori_model::{
    Aggregate, Attr, Component, ComponentKind, Composition, DocumentFormat, FdaSupport, Hash,
    HashAlg, LicenseChoice, Party, RelKind, RelTarget, Relationship, Sbom,
};
use mamori_sbom::{Checked, read, write};
use std::path::{Path, PathBuf};
use std::process::Command;

fn data_dir() -> Option<PathBuf> {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if d.is_dir() {
        Some(d)
    } else {
        eprintln!("notice: {} is absent; skipping", d.display());
        None
    }
}

/// Every SPDX 2.x JSON and tag-value file of the shared data, relative paths.
fn real_files(data: &Path) -> Vec<String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else {
                out.push(p);
            }
        }
    }
    let mut all = Vec::new();
    walk(&data.join("spdx-2.3"), &mut all);
    walk(&data.join("sboms-real"), &mut all);
    let mut out: Vec<String> = all
        .into_iter()
        .filter(|p| {
            let name = p.to_string_lossy();
            (name.ends_with(".json") && !name.contains("spdx3") && !name.ends_with("schema.json"))
                || name.ends_with(".spdx")
        })
        .filter(|p| {
            // sboms-real also holds CycloneDX and cargo-audit JSON.
            let bytes = std::fs::read(p).unwrap_or_default();
            let text = String::from_utf8_lossy(&bytes);
            text.contains("spdxVersion")
                || text.contains("SPDXVersion")
                || bytes.starts_with(&[0xFF, 0xFE])
        })
        .map(|p| p.strip_prefix(data).unwrap().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}

/// How a real file is expected to fare: `None` valid; `Some(text)` the start
/// of the first error (or of the refusal).
const NOT_VALID: &[(&str, &str)] = &[
    // tools-python keeps it as an invalid document: files without checksums,
    // packages without downloadLocation, "GPL-2.0," as a license, "DESCRIBE".
    (
        "spdx-2.3/tools-python/tests/spdx/data/invalid/spdx-trivy-vmware_log-intelligence-fluentd-sha256_086af034f561f343f633be9d9f9e95f65ae6c61b8ddb2c6755ef5bb25b40f53a.json",
        "invalid: /files/0: missing required property \"checksums\"",
    ),
    // spdx-tools agrees on these two: a package with filesAnalyzed false that
    // lists licenseInfoFromFiles, and packages that contain elements.
    (
        "spdx-2.3/spdx-examples/presentations/SBOMS-SPDX-Now-and-Future/ACME-v2.3.spdx.json",
        "invalid: /packages/0/licenseInfoFromFiles/0: \"licenseInfoFromFiles\" must be absent when \"filesAnalyzed\" is false",
    ),
    (
        "spdx-2.3/spdx-examples/software/example9/spdx2.2/appbomination.spdx.json",
        "says its files were not analysed (filesAnalyzed false)",
    ),
    // A writer's expected output with placeholders ("SPDXVersion: spdxVersion").
    (
        "spdx-2.3/tools-python/tests/spdx/writer/tagvalue/expected_results/expected_tag_value.spdx",
        "refused: line 2: unsupported spdx spec version \"spdxVersion\"",
    ),
];

fn verdict(r: &Result<Checked, mamori_sbom::SbomError>) -> String {
    match r {
        Err(e) => format!("refused: {e}"),
        Ok(c) if c.is_valid() => "valid".into(),
        Ok(c) => format!(
            "invalid: {}{}",
            c.errors
                .iter()
                .take(3)
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join(" | "),
            if c.errors.len() > 3 {
                format!(" (and {} more)", c.errors.len() - 3)
            } else {
                String::new()
            }
        ),
    }
}

#[test]
fn real_files_table() {
    let Some(data) = data_dir() else { return };
    let files = real_files(&data);
    assert!(files.len() > 30, "found only {} SPDX files", files.len());
    let mut failures = Vec::new();
    println!("| file | components | relationships | verdict |\n|---|---|---|---|");
    for f in &files {
        let bytes = std::fs::read(data.join(f)).unwrap();
        let r = read(&bytes);
        let v = verdict(&r);
        let (n, m) = r.as_ref().map_or((0, 0), |c| {
            (c.sbom.components.len(), c.sbom.relationships.len())
        });
        println!(
            "| {f} | {n} | {m} | {} |",
            v.chars().take(300).collect::<String>()
        );
        let expected = NOT_VALID.iter().find(|(p, _)| p == f).map(|(_, e)| *e);
        let ok = match expected {
            None => v == "valid",
            Some(e) => v != "valid" && v.contains(e),
        };
        if !ok {
            failures.push(format!("{f}: expected {expected:?}, got {v}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The SPDX readers decode UTF-16 themselves.
#[test]
fn utf16_files_read_directly() {
    let Some(data) = data_dir() else { return };
    let dir = data.join("spdx-2.3/tools-python/tests/spdx/data");
    let json = mamori_sbom::spdx::read_json(
        &std::fs::read(dir.join("SPDXJSONExample-UTF-16.spdx.json")).unwrap(),
    )
    .unwrap();
    let tv = mamori_sbom::spdx::read_tag_value(
        &std::fs::read(dir.join("SPDXTagExample-UTF-16.spdx")).unwrap(),
    )
    .unwrap();
    assert_eq!(json.errors, vec![], "json");
    assert_eq!(tv.errors, vec![], "tag-value");
    assert_eq!(json.sbom.components.len(), tv.sbom.components.len());
}

fn normalized(mut s: Sbom) -> Sbom {
    s.format = DocumentFormat::SpdxJson;
    s.spec_version = "2.3".into();
    s
}

/// The model survives write → read, part by part so a failure shows the difference.
fn check_round_trip(name: &str, a: &Sbom, format: DocumentFormat) -> Vec<u8> {
    let bytes = write(a, format);
    let b =
        read(&bytes).unwrap_or_else(|e| panic!("{name} {format:?}: our output is refused: {e}"));
    assert!(
        b.is_valid(),
        "{name} {format:?}: our output is invalid: {:?}",
        b.errors
    );
    let (a, b) = (normalized(a.clone()), normalized(b.sbom));
    assert_eq!(a.metadata, b.metadata, "{name} {format:?}: metadata");
    assert_eq!(a.components.len(), b.components.len(), "{name} {format:?}");
    for (x, y) in a.components.iter().zip(&b.components) {
        assert_eq!(x, y, "{name} {format:?}: component");
    }
    assert_eq!(
        a.relationships, b.relationships,
        "{name} {format:?}: relationships"
    );
    assert_eq!(a, b, "{name} {format:?}");
    bytes
}

/// Where the reference validator is, if the test may use it.
fn oracle() -> Option<PathBuf> {
    let venv =
        std::env::var("MAMORI_ORACLE_VENV").unwrap_or_else(|_| "/work/target-oracle-venv".into());
    let py = Path::new(&venv).join("bin/python");
    if py.exists() {
        Some(py)
    } else if std::env::var_os("CI").is_some() {
        panic!("the oracle venv {venv} is missing and CI is set");
    } else {
        eprintln!("notice: no oracle venv at {venv}; skipping spdx-tools validation");
        None
    }
}

const ORACLE: &str = r#"
import sys, json
from spdx_tools.spdx.parser.parse_anything import parse_file
from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document
out = {}
for f in sys.argv[1:]:
    try:
        out[f] = [m.validation_message for m in validate_full_spdx_document(parse_file(f))]
    except Exception as e:
        out[f] = ["cannot parse: %s" % e]
print(json.dumps(out))
"#;

/// Runs spdx-tools over files; returns its messages per file that has any.
fn oracle_check(files: &[PathBuf]) -> Vec<String> {
    let Some(py) = oracle() else {
        return Vec::new();
    };
    let out = Command::new(py)
        .arg("-c")
        .arg(ORACLE)
        .args(files)
        .output()
        .expect("run python");
    assert!(
        out.status.success(),
        "oracle failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("oracle output");
    let mut bad = Vec::new();
    for (f, msgs) in v.as_object().unwrap() {
        let msgs = msgs.as_array().unwrap();
        if !msgs.is_empty() {
            bad.push(format!(
                "{f}: {}",
                msgs.iter()
                    .take(5)
                    .map(|m| m.to_string())
                    .collect::<Vec<_>>()
                    .join(" | ")
            ));
        }
    }
    bad
}

fn temp_dir(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn real_files_round_trip_and_validate_with_spdx_tools() {
    let Some(data) = data_dir() else { return };
    let dir = temp_dir("spdx-round-trip");
    let mut outputs = Vec::new();
    let mut count = 0;
    for f in real_files(&data) {
        let Ok(c) = read(&std::fs::read(data.join(&f)).unwrap()) else {
            continue;
        };
        if !c.is_valid() {
            continue;
        }
        count += 1;
        let stem = f.replace('/', "_");
        for (format, ext) in [
            (DocumentFormat::SpdxJson, "json"),
            (DocumentFormat::SpdxTagValue, "spdx"),
        ] {
            let bytes = check_round_trip(&f, &c.sbom, format);
            assert_eq!(
                bytes,
                write(&c.sbom, format),
                "{f}: output is not deterministic"
            );
            let path = dir.join(format!("{stem}.{ext}"));
            std::fs::write(&path, &bytes).unwrap();
            outputs.push(path);
        }
    }
    println!("{count} valid files round-tripped through JSON and tag-value");
    assert!(count >= 30, "only {count} files");
    let bad = oracle_check(&outputs);
    assert!(
        bad.is_empty(),
        "spdx-tools rejects our output:\n{}",
        bad.join("\n")
    );
}

/// A model as the CycloneDX readers make it: refs that are no SPDX ids, a
/// generated ref, nested components, a named license, compositions, FDA fields.
fn cyclonedx_like() -> Sbom {
    let mut s = Sbom::new(DocumentFormat::CycloneDxJson, "1.6");
    s.metadata.serial_number = Some("urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79".into());
    s.metadata.primary = Some("pkg:npm/app@1.0.0".into());
    s.metadata.timestamp = Some(time::macros::datetime!(2024-05-01 10:20:30.123 +02:00));
    s.metadata.tools.push(mamori_model::Tool {
        vendor: Some("acme".into()),
        name: Some("scanner".into()),
        version: Some("2.1".into()),
    });
    let comp = |r: &str, name: &str| Component {
        bom_ref: r.into(),
        name: name.into(),
        version: Attr::Value("1.0.0".into()),
        kind: Some(ComponentKind::Library),
        ..Component::default()
    };
    let mut app = comp("pkg:npm/app@1.0.0", "app");
    app.kind = Some(ComponentKind::Application);
    app.supplier = Attr::Value(Party::organization("Acme (Medical) Inc."));
    app.licenses = Attr::Value(vec![
        LicenseChoice::Id("MIT".into()),
        LicenseChoice::Name("Acme Proprietary".into()),
    ]);
    let mut lib = comp("lib@1", "lib");
    lib.purl = Some("pkg:npm/lib@1.0.0".into());
    lib.cpe = Some("cpe:2.3:a:acme:lib:1.0.0:*:*:*:*:*:*:*".into());
    lib.hashes.push(Hash {
        alg: HashAlg::Sha256,
        value: "a".repeat(64),
    });
    lib.hashes.push(Hash {
        alg: HashAlg::Other("SHA-999".into()),
        value: "00".into(),
    });
    lib.licenses = Attr::Value(vec![LicenseChoice::Expression("Apache-2.0 OR MIT".into())]);
    lib.supplier = Attr::DeclaredUnknown;
    lib.fda = FdaSupport {
        level_of_support: Some("actively maintained".into()),
        end_of_support: Some(time::macros::date!(2030 - 12 - 31)),
        justification: None,
    };
    lib.omnibor_ids
        .push("gitoid:blob:sha1:261eeb9e9f8b2b4b0d119366dda99c6fd7d35c64".into());
    let mut nested = comp("mamori:gen:/components/1/components/0", "inner thing");
    nested.parent = Some("lib@1".into());
    nested.kind = Some(ComponentKind::File);
    nested.licenses = Attr::Value(vec![LicenseChoice::Name("Some License 1.0".into())]);
    let clash = comp("SPDXRef-lib-1", "clash");
    s.components = vec![app, lib, nested, clash];
    s.relationships = vec![
        Relationship {
            from: "pkg:npm/app@1.0.0".into(),
            kind: RelKind::DependsOn,
            to: RelTarget::Ref("lib@1".into()),
        },
        Relationship {
            from: "lib@1".into(),
            kind: RelKind::Contains,
            to: RelTarget::Ref("mamori:gen:/components/1/components/0".into()),
        },
    ];
    s.compositions = vec![
        Composition {
            aggregate: Aggregate::Complete,
            assemblies: vec![],
            dependencies: vec!["lib@1".into()],
        },
        Composition {
            aggregate: Aggregate::Unknown,
            assemblies: vec![],
            dependencies: vec!["SPDXRef-lib-1".into()],
        },
    ];
    s
}

#[test]
fn cyclonedx_models_make_valid_spdx() {
    let s = cyclonedx_like();
    let dir = temp_dir("spdx-from-cyclonedx");
    let mut outputs = Vec::new();
    for (format, ext) in [
        (DocumentFormat::SpdxJson, "json"),
        (DocumentFormat::SpdxTagValue, "spdx"),
    ] {
        let bytes = write(&s, format);
        let c = read(&bytes).unwrap();
        assert!(c.is_valid(), "{format:?}: {:?}", c.errors);
        let ids: Vec<&str> = c
            .sbom
            .components
            .iter()
            .map(|c| c.bom_ref.as_str())
            .collect();
        assert_eq!(
            ids,
            [
                "SPDXRef-pkg-npm-app-1.0.0",
                "SPDXRef-lib-1",
                "SPDXRef-mamori-gen--components-1-components-0",
                "SPDXRef-lib-1-2"
            ],
            "{format:?}"
        );
        let g = &c.sbom;
        assert_eq!(
            g.metadata.primary.as_deref(),
            Some("SPDXRef-pkg-npm-app-1.0.0")
        );
        assert_eq!(g.components[1].fda, s.components[1].fda);
        assert_eq!(g.components[1].supplier, Attr::DeclaredUnknown);
        assert_eq!(
            g.components[0].licenses,
            Attr::Value(vec![LicenseChoice::Expression(
                "MIT AND LicenseRef-Acme-Proprietary".into()
            )])
        );
        let rels: Vec<String> = g
            .relationships
            .iter()
            .map(|r| format!("{} {:?} {:?}", r.from, r.kind, r.to))
            .collect();
        assert_eq!(
            rels,
            [
                "SPDXRef-DOCUMENT Describes Ref(\"SPDXRef-pkg-npm-app-1.0.0\")",
                "SPDXRef-pkg-npm-app-1.0.0 DependsOn Ref(\"SPDXRef-lib-1\")",
                "SPDXRef-lib-1 Contains Ref(\"SPDXRef-mamori-gen--components-1-components-0\")",
                "SPDXRef-lib-1 DependsOn None",
                "SPDXRef-lib-1-2 DependsOn NoAssertion",
            ],
            "{format:?}"
        );
        let path = dir.join(format!("cdx.{ext}"));
        std::fs::write(&path, &bytes).unwrap();
        outputs.push(path);
    }
    let bad = oracle_check(&outputs);
    assert!(
        bad.is_empty(),
        "spdx-tools rejects our output:\n{}",
        bad.join("\n")
    );
}

/// What `read` says about bytes, as the snapshot files hold it.
fn render(r: &Result<Checked, mamori_sbom::SbomError>) -> String {
    match r {
        Err(e) => format!("refused: {e}\n"),
        Ok(c) => {
            let mut s = format!("valid: {}\n", c.is_valid());
            for e in &c.errors {
                s.push_str(&format!("error {e}\n"));
            }
            s
        }
    }
}

/// Reads `fixtures/spdx/bad/NAME` and compares with `NAME.expected`
/// (`MAMORI_BLESS=1` rewrites the snapshots).
fn check_bad(name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spdx/bad");
    let got = render(&read(&std::fs::read(dir.join(name)).unwrap()));
    let expected_path = dir.join(format!("{name}.expected"));
    if std::env::var_os("MAMORI_BLESS").is_some() {
        std::fs::write(&expected_path, &got).unwrap();
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
    assert_eq!(got, expected, "{name}");
    assert!(!got.starts_with("valid: true"), "{name} must not be valid");
}

#[test]
fn bad_input_is_refused_with_its_place() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spdx/bad");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".expected"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 15);
    for n in names {
        check_bad(&n);
    }
}

#[test]
fn good_fixtures_are_valid_and_agree() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spdx");
    let json = read(&std::fs::read(dir.join("good.json")).unwrap()).unwrap();
    let tv = read(&std::fs::read(dir.join("good.spdx")).unwrap()).unwrap();
    assert_eq!(json.errors, vec![]);
    assert_eq!(tv.errors, vec![]);
    assert_eq!(json.sbom.components[1].supplier, Attr::DeclaredUnknown);
    assert_eq!(
        json.relationship_locations,
        ["/relationships/0", "/relationships/1"]
    );
    assert_eq!(tv.relationship_locations, ["line 23", "line 24"]);
    assert_eq!(tv.component_locations, ["line 9", "line 17"]);
    let mut a = normalized(json.sbom);
    let b = normalized(tv.sbom);
    a.components[0].properties = b.components[0].properties.clone();
    assert_eq!(a, b);
}

/// A 30 MB value is refused by name, in both syntaxes.
#[test]
fn huge_field() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spdx");
    let big = "x".repeat(30 << 20);
    let json = std::fs::read_to_string(dir.join("good.json"))
        .unwrap()
        .replace(
            "\"name\": \"lib\"",
            &format!("\"name\": \"lib\", \"description\": \"{big}\""),
        );
    let tv = std::fs::read_to_string(dir.join("good.spdx"))
        .unwrap()
        .replace(
            "PackageName: lib\n",
            &format!("PackageName: lib\nPackageDescription: <text>{big}\n</text>\n"),
        );
    assert_eq!(
        render(&read(json.as_bytes())),
        "valid: false\nerror /packages/1/description: a string of 31457280 bytes, more than the 1048576 bytes accepted\n"
    );
    assert_eq!(
        render(&read(tv.as_bytes())),
        "valid: false\nerror line 18: a value of 31457281 bytes, more than the 1048576 bytes accepted\n"
    );
}
