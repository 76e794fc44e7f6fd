//! Every CPE found in the shared NVD API samples and JVN responses parses,
//! binds back to the same name in both forms, and matches itself.

use std::path::{Path, PathBuf};

use mamori_purl::cpe::{Cpe, CpeRelation, compare};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if matches!(p.extension().and_then(|x| x.to_str()), Some("json" | "xml")) {
            out.push(p);
        }
    }
}

/// CPE strings quoted in JSON or XML attribute values, each with whether
/// its file is a deliberately invalid fixture.
fn harvest(text: &str, json: bool, invalid: bool, out: &mut Vec<(String, bool)>) {
    let mut rest = text;
    while let Some(i) = rest.find("\"cpe:") {
        let tail = &rest[i + 1..];
        let end = tail.find('"').unwrap_or(tail.len());
        let raw = &tail[..end];
        // JSON doubles the backslashes that CPE uses for quoting.
        let cpe = if json {
            raw.replace("\\\\", "\\")
        } else {
            raw.to_owned()
        };
        out.push((cpe, invalid));
        rest = &tail[end..];
    }
}

fn check(cpe: &str) -> Result<(), String> {
    let c = Cpe::parse(cpe).map_err(|e| e.to_string())?;
    let fs = Cpe::parse(&c.to_fs()).map_err(|e| format!("{}: {e}", c.to_fs()))?;
    let uri = Cpe::parse(&c.to_uri()).map_err(|e| format!("{}: {e}", c.to_uri()))?;
    if fs != c || uri != c {
        return Err(format!(
            "round trip differs: {} / {}",
            c.to_fs(),
            c.to_uri()
        ));
    }
    let wild = c
        .attrs()
        .iter()
        .any(|a| a.value().is_some_and(|v| v.has_wildcards()));
    let want = if wild {
        CpeRelation::Undefined
    } else {
        CpeRelation::Equal
    };
    if compare(&c, &c) != want {
        return Err(format!("compare with itself gave {:?}", compare(&c, &c)));
    }
    Ok(())
}

#[test]
fn nvd_and_jvn_cpes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if !root.is_dir() {
        eprintln!("notice: {} is absent, skipping", root.display());
        return;
    }
    let mut files = Vec::new();
    collect(&root.join("nvd-cve-api-2.0-samples"), &mut files);
    collect(&root.join("jvn"), &mut files);
    let mut cpes = Vec::new();
    for f in &files {
        if let Ok(text) = std::fs::read_to_string(f) {
            let json = f.extension().is_some_and(|x| x == "json");
            let invalid = f.to_string_lossy().contains("invalid");
            harvest(&text, json, invalid, &mut cpes);
        }
    }
    cpes.sort();
    cpes.dedup();
    let mut rejected = 0;
    let failures: Vec<String> = cpes
        .iter()
        .filter_map(|(c, invalid)| match (check(c), invalid) {
            (Ok(()), false) => None,
            (Err(_), true) => {
                rejected += 1;
                None
            }
            (Ok(()), true) => Some(format!("{c}: accepted, but its fixture is invalid")),
            (Err(e), false) => Some(format!("{c}: {e}")),
        })
        .collect();
    eprintln!(
        "{} distinct CPEs, {rejected} invalid fixtures rejected, {} failed",
        cpes.len(),
        failures.len()
    );
    assert!(cpes.len() > 300, "found only {} CPEs", cpes.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
