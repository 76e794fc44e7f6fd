//! CISA's medical (ICSMA) CSAF advisories: real documents that should validate.

use std::path::Path;

/// Advisories with errors that are theirs, not ours, and why. Checked to still fail, so a fix on
/// either side shows up.
const THEIR_ERRORS: &[(&str, &str)] = &[];

#[test]
fn cisa_medical_advisories_validate() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/csaf/cisagov-icsma");
    if !dir.exists() {
        eprintln!("notice: {} is absent, skipping", dir.display());
        return;
    }
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let (mut valid, mut warnings, mut infos) = (0, 0, 0);
    let mut unexpected = Vec::new();
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let report = mamori_csaf::validate(&std::fs::read(f).unwrap()).unwrap();
        warnings += report.warnings.len();
        infos += report.infos.len();
        let excused = THEIR_ERRORS.iter().any(|(n, _)| *n == name);
        if report.is_valid() {
            valid += 1;
            assert!(!excused, "{name} is listed as failing but now validates");
        } else {
            for e in &report.errors {
                println!("{name}: {e}");
            }
            if !excused {
                unexpected.push(name);
            }
        }
    }
    println!(
        "{valid}/{} cisa advisories valid; {warnings} warnings, {infos} infos in total",
        files.len()
    );
    assert!(
        files.len() >= 40,
        "expected the 48 advisories, found {}",
        files.len()
    );
    assert!(unexpected.is_empty(), "invalid: {unexpected:?}");
}
