//! Scores every vector of Red Hat's CVSS test data (2.0, 3.0, 3.1, 4.0) and compares with its expected scores.
//!
//! Line formats: `VECTOR - (base, temporal, environmental)` for 2.0 and 3.x (`None` when a 2.0 group is
//! absent; 3.x always lists all three), `VECTOR - (score,)` or `VECTOR - score` for 4.0.

use std::path::PathBuf;

use mamori_cvss::{Cvss, CvssVersion};

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/cvss/redhat-cvss/tests")
}

/// One expected score: `None` where the data says `None`.
type Expected = Vec<Option<f64>>;

fn parse_expected(text: &str) -> Expected {
    text.trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            if s == "None" {
                None
            } else {
                Some(s.parse::<f64>().expect("expected score is a number"))
            }
        })
        .collect()
}

/// The one place that calls the API: returns a description of the mismatch, if any.
fn check(vector: &str, expected: &Expected) -> Option<String> {
    let cvss = match Cvss::parse(vector) {
        Ok(c) => c,
        Err(e) => return Some(format!("{vector}: rejected: {e}")),
    };
    let actual: Expected = match cvss.version() {
        CvssVersion::V4_0 => vec![Some(cvss.score())],
        _ => vec![
            Some(cvss.base_score()),
            cvss.temporal_score(),
            cvss.environmental_score(),
        ],
    };
    let same = actual.len() == expected.len()
        && actual.iter().zip(expected).all(|(a, e)| match (a, e) {
            (Some(a), Some(e)) => (a - e).abs() < 1e-9,
            (None, None) => true,
            _ => false,
        });
    // The normalized vector must parse back to the same value.
    let reparsed = Cvss::parse(&cvss.to_string());
    if reparsed.as_ref() != Ok(&cvss) {
        return Some(format!(
            "{vector}: normalized `{cvss}` reparses as {reparsed:?}"
        ));
    }
    (!same).then(|| format!("{vector}: expected {expected:?}, got {actual:?}"))
}

#[test]
fn every_redhat_vector_scores_as_expected() {
    let dir = data_dir();
    if !dir.is_dir() {
        eprintln!("notice: {} is absent; skipping", dir.display());
        return;
    }
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("vectors_"))
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no vectors_* files in {}", dir.display());

    let mut total = 0usize;
    let mut mismatches = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let mut in_file = 0usize;
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let (vector, expected) = line.split_once(" - ").expect("line is `VECTOR - SCORES`");
            in_file += 1;
            if let Some(m) = check(vector.trim(), &parse_expected(expected)) {
                mismatches.push(format!(
                    "{}: {m}",
                    file.file_name().unwrap().to_string_lossy()
                ));
            }
        }
        eprintln!(
            "{}: {in_file} vectors",
            file.file_name().unwrap().to_string_lossy()
        );
        total += in_file;
    }
    for m in &mismatches {
        eprintln!("{m}");
    }
    eprintln!("{total} vectors checked, {} mismatches", mismatches.len());
    assert!(
        total > 7000,
        "expected the whole data set, read {total} vectors"
    );
    assert!(
        mismatches.is_empty(),
        "{} of {total} vectors mismatched",
        mismatches.len()
    );
}
