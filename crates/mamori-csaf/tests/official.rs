//! The OASIS CSAF 2.0 validator test data: every document listed as failing a test must fail
//! exactly that test (as an error, warning or info by its group), every valid example must give no
//! error at all and no failure of the test it illustrates.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use mamori_csaf::{Failure, Report, TestId};
use serde_json::Value;

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/csaf/oasis-csaf/csaf_2.0/test/validator/data")
}

/// Tests the official data lists that this crate does not implement, and why.
const NOT_IMPLEMENTED: &[(&str, &str)] = &[
    ("6.3.6", "resolving urls needs the network"),
    ("6.3.7", "resolving urls needs the network"),
    ("6.3.8", "spell checking needs a dictionary"),
];

/// Documents whose expected outcome contradicts the specification, and why. Empty: none found.
const KNOWN_EXCEPTIONS: &[(&str, &str)] = &[];

#[derive(Default)]
struct Row {
    fail_ok: usize,
    fail_total: usize,
    valid_ok: usize,
    valid_total: usize,
}

fn group_list<'r>(report: &'r Report, group: &str) -> &'r [Failure] {
    match group {
        "mandatory" => &report.errors,
        "optional" => &report.warnings,
        _ => &report.infos,
    }
}

/// One document against its expectation; `Err` says what went wrong. `Ok` carries the other
/// tests a must-fail document also fails with an error (reported, not a mismatch).
fn check(
    dir: &Path,
    name: &str,
    id: TestId,
    group: &str,
    must_fail: bool,
) -> Result<Vec<TestId>, String> {
    let bytes = std::fs::read(dir.join(name)).map_err(|e| format!("{name}: {e}"))?;
    let report = mamori_csaf::validate(&bytes).map_err(|e| format!("{name}: {e}"))?;
    let hits = group_list(&report, group)
        .iter()
        .filter(|f| f.test == id)
        .count();
    if must_fail {
        if hits == 0 {
            let got: Vec<String> = report.all().map(ToString::to_string).collect();
            return Err(format!("{name}: expected a {id} failure, got {got:?}"));
        }
    } else {
        if let Some(e) = report.errors.first() {
            return Err(format!("{name}: valid example has error {e}"));
        }
        if hits > 0 {
            return Err(format!("{name}: valid example fails {id}"));
        }
    }
    let mut others: Vec<TestId> = report
        .errors
        .iter()
        .map(|f| f.test)
        .filter(|t| *t != id)
        .collect();
    others.dedup();
    Ok(others)
}

#[test]
fn official_test_data() {
    let dir = data_dir();
    if !dir.exists() {
        eprintln!("notice: {} is absent, skipping", dir.display());
        return;
    }
    let cases: Value =
        serde_json::from_slice(&std::fs::read(dir.join("testcases.json")).unwrap()).unwrap();
    let mut rows: BTreeMap<(u8, String), Row> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut skipped = Vec::new();
    let mut also = Vec::new();
    let mut total = Row::default();
    for t in cases["tests"].as_array().unwrap() {
        let name = t["id"].as_str().unwrap();
        let group = t["group"].as_str().unwrap();
        let Some(id) = TestId::from_name(name) else {
            assert!(
                NOT_IMPLEMENTED.iter().any(|(n, _)| *n == name),
                "test {name} is neither implemented nor listed as not implemented"
            );
            skipped.push(name.to_string());
            continue;
        };
        let order = match group {
            "mandatory" => 1,
            "optional" => 2,
            _ => 3,
        };
        let row = rows.entry((order, name.to_string())).or_default();
        for (list, must_fail) in [("failures", true), ("valid", false)] {
            for c in t[list].as_array().map_or(&[][..], Vec::as_slice) {
                let file = c["name"].as_str().unwrap();
                let result = check(&dir, file, id, group, must_fail);
                let excused = KNOWN_EXCEPTIONS.iter().any(|(f, _)| *f == file);
                let ok = result.is_ok() || excused;
                match result {
                    Ok(others) if !others.is_empty() => {
                        let o: Vec<&str> = others.iter().map(|t| t.as_str()).collect();
                        also.push(format!("{file} ({name}) also fails {}", o.join(", ")));
                    }
                    Ok(_) => {}
                    Err(e) if !excused => problems.push(e),
                    Err(_) => {}
                }
                if must_fail {
                    row.fail_total += 1;
                    row.fail_ok += usize::from(ok);
                } else {
                    row.valid_total += 1;
                    row.valid_ok += usize::from(ok);
                }
            }
        }
    }
    println!("{:<10} {:>12} {:>12}", "test", "must-fail", "valid");
    for ((_, name), r) in &rows {
        println!(
            "{name:<10} {:>12} {:>12}",
            format!("{}/{}", r.fail_ok, r.fail_total),
            format!("{}/{}", r.valid_ok, r.valid_total)
        );
        total.fail_ok += r.fail_ok;
        total.fail_total += r.fail_total;
        total.valid_ok += r.valid_ok;
        total.valid_total += r.valid_total;
    }
    println!(
        "{:<10} {:>12} {:>12}",
        "total",
        format!("{}/{}", total.fail_ok, total.fail_total),
        format!("{}/{}", total.valid_ok, total.valid_total)
    );
    println!("not implemented: {}", skipped.join(", "));
    println!(
        "must-fail documents with errors from other tests too: {}",
        also.len()
    );
    for a in &also {
        println!("  {a}");
    }
    for p in &problems {
        println!("MISMATCH {p}");
    }
    assert!(problems.is_empty(), "{} mismatches", problems.len());
}
