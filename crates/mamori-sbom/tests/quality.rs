//! Grades of real and hand-made SBOMs against the CISA 2024 baseline and NTIA minimum elements.

use mamori_sbom::quality::{self, Level};
use std::path::{Path, PathBuf};

fn here() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/quality")
}

/// Grades `file` and compares each listed attribute and the unmet NTIA elements.
fn check(file: &Path, expected: &str, ntia_unmet: &str) {
    let bytes = std::fs::read(file).unwrap();
    let checked = mamori_sbom::read(&bytes).unwrap();
    assert!(
        checked.is_valid(),
        "{}: {:?}",
        file.display(),
        checked.errors
    );
    let q = quality::grade(&checked.sbom);
    let mut wrong = Vec::new();
    for pair in expected.split_whitespace() {
        let (attr, level) = pair.split_once('=').unwrap();
        let got = q.get(attr).unwrap_or_else(|| panic!("no attribute {attr}"));
        if got.level.as_str() != level {
            wrong.push(format!(
                "{attr}: expected {level}, got {} ({})",
                got.level.as_str(),
                got.reason
            ));
        }
    }
    let unmet: Vec<&str> = q.ntia.iter().filter(|(_, m)| !m).map(|(k, _)| *k).collect();
    let want: Vec<&str> = ntia_unmet.split_whitespace().collect();
    if unmet != want {
        wrong.push(format!("NTIA unmet: expected {want:?}, got {unmet:?}"));
    }
    assert!(
        wrong.is_empty(),
        "{}:\n{}",
        file.display(),
        wrong.join("\n")
    );
}

#[test]
fn grades_match_the_expected_table() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    let table = std::fs::read_to_string(here().join("expected.tsv")).unwrap();
    for line in table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let f: Vec<&str> = line.split('\t').collect();
        let path = match f[0].strip_prefix("shared:") {
            Some(p) if !shared.is_dir() => {
                eprintln!("notice: ../shared/data is absent; skipping {p}");
                continue;
            }
            Some(p) => shared.join(p),
            None => here().join(f[0]),
        };
        check(&path, f[1], f.get(2).copied().unwrap_or(""));
    }
}

#[test]
fn a_declared_unknown_is_better_than_silence_but_not_a_value() {
    let grade = |name: &str| {
        let c = mamori_sbom::read(&std::fs::read(here().join(name)).unwrap()).unwrap();
        quality::grade(&c.sbom)
    };
    let (unknown, absent) = (grade("declared-unknown.spdx"), grade("absent.spdx"));
    for attr in ["supplier", "copyright", "relationship_completeness"] {
        let (u, a) = (unknown.get(attr).unwrap(), absent.get(attr).unwrap());
        assert!(
            u.level > a.level,
            "{attr}: declared unknown {:?} should beat absent {:?}",
            u.level,
            a.level
        );
    }
    let s = unknown.get("supplier").unwrap();
    assert_eq!(
        (s.level, s.with_value, s.declared_unknown, s.absent),
        (Level::Minimum, Some(1), Some(1), Some(0))
    );
}

#[test]
fn fda_support_fields_are_counted_per_component() {
    let c =
        mamori_sbom::read(&std::fs::read(here().join("declared-unknown.spdx")).unwrap()).unwrap();
    let q = quality::grade(&c.sbom);
    assert_eq!(q.fda.missing_level_of_support, 2);
    assert_eq!(q.fda.missing_end_of_support, 2);
    assert_eq!(q.fda.examples, ["SPDXRef-openssl", "SPDXRef-zlib"]);
    let per = quality::grade_components(&c.sbom);
    let levels: Vec<_> = per
        .iter()
        .map(|p| (p.bom_ref.as_str(), p.level, p.declared_unknown.clone()))
        .collect();
    assert_eq!(
        levels,
        [
            (
                "SPDXRef-openssl",
                Level::Minimum,
                vec!["supplier", "copyright"]
            ),
            ("SPDXRef-zlib", Level::Recommended, vec![]),
        ]
    );
}
