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
            text.contains("spdxVersion") || text.contains("SPDXVersion") || bytes.starts_with(&[0xFF, 0xFE])
        })
        .map(|p| p.strip_prefix(data).unwrap().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}

/// How a real file is expected to fare: `None` valid; `Some(text)` the start
/// of the first error (or of the refusal).
const NOT_VALID: &[(&str, &str)] = &[];

fn verdict(r: &Result<Checked, mamori_sbom::SbomError>) -> String {
    match r {
        Err(e) => format!("refused: {e}"),
        Ok(c) if c.is_valid() => "valid".into(),
        Ok(c) => format!(
            "invalid: {}",
            c.errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join(" | ")
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
        let (n, m) = r.as_ref().map_or((0, 0), |c| (c.sbom.components.len(), c.sbom.relationships.len()));
        println!("| {f} | {n} | {m} | {} |", v.chars().take(300).collect::<String>());
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
