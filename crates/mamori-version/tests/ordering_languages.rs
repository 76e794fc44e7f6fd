//! Orders the language ecosystems' versions against published test data.
//!
//! The data is read from /work/shared/data at test time (never copied): the
//! osv-scalibr `A op B` files, node-semver's JSON fixtures and the pypa
//! `packaging` cases. Each helper collects every failure and prints them all
//! before asserting that there are none, so one run shows the whole picture.

use std::cmp::Ordering;
use std::path::{Path, PathBuf};

use mamori_version::Scheme;

fn data_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/version-ordering");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("notice: {} is absent, skipping", dir.display());
        None
    }
}

fn read(rel: &str) -> Option<String> {
    let path = data_dir()?.join(rel);
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) => panic!("cannot read {}: {e}", path.display()),
    }
}

fn op_name(o: Ordering) -> &'static str {
    match o {
        Ordering::Less => "<",
        Ordering::Equal => "=",
        Ordering::Greater => ">",
    }
}

/// Checks that `scheme` orders `a` and `b` as `expected`, both ways round,
/// and that equality and hashing agree; returns a description of a failure.
fn compare_pair(scheme: Scheme, a: &str, b: &str, expected: Ordering) -> Option<String> {
    let pa = match scheme.parse(a) {
        Ok(v) => v,
        Err(e) => return Some(format!("{a:?}: {e}")),
    };
    let pb = match scheme.parse(b) {
        Ok(v) => v,
        Err(e) => return Some(format!("{b:?}: {e}")),
    };
    let got = pa.cmp_same(&pb);
    let back = pb.cmp_same(&pa);
    if got != Some(expected) || back != Some(expected.reverse()) {
        return Some(format!(
            "{a} {} {b}: got {:?}, reversed {:?}",
            op_name(expected),
            got.map(op_name),
            back.map(op_name)
        ));
    }
    None
}

/// Runs every `A op B` line of an osv-scalibr ordering file (`<`, `=`, `>`;
/// blank lines and `#` or `//` comments skipped) through `scheme`.
fn check(scheme: Scheme, file: &str) {
    let Some(text) = read(&format!("osv-scalibr-semantic/semantic/testdata/{file}")) else {
        return;
    };
    let mut failures = Vec::new();
    let mut cases = 0;
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with("//") {
            continue;
        }
        let parts: Vec<&str> = line.split(' ').collect();
        let [a, op, b] = parts[..] else {
            panic!("{file}:{}: cannot read {line:?}", n + 1);
        };
        let expected = match op {
            "<" => Ordering::Less,
            "=" => Ordering::Equal,
            ">" => Ordering::Greater,
            _ => panic!("{file}:{}: unknown operator in {line:?}", n + 1),
        };
        cases += 1;
        if let Some(f) = compare_pair(scheme, a, b, expected) {
            failures.push(format!("{file}:{}: {f}", n + 1));
        }
    }
    for f in &failures {
        eprintln!("{f}");
    }
    eprintln!("{file}: {cases} comparisons, {} failures", failures.len());
    assert!(cases > 0, "{file} has no comparisons");
    assert!(
        failures.is_empty(),
        "{} of {cases} comparisons in {file} failed",
        failures.len()
    );
}

#[test]
fn semver() {
    check(Scheme::Semver, "semver-versions.txt");
}

#[test]
fn nuget() {
    check(Scheme::NuGet, "nuget-versions.txt");
}

#[test]
fn pub_dev() {
    check(Scheme::Pub, "pub-versions.txt");
}

/// Loads a node-semver fixture file as a list of JSON arrays.
fn npm_fixture(name: &str) -> Option<Vec<Vec<serde_json::Value>>> {
    let text = read(&format!("node-semver/fixtures-json/{name}"))?;
    Some(serde_json::from_str(&text).expect("fixture is a JSON array of arrays"))
}

/// The node-semver fixtures: `comparisons.json` (first > second),
/// `equality.json`, `valid-versions.json` (major, minor, patch) and the
/// string cases of `invalid-versions.json`, all under npm's loose rules.
fn check_npm(name: &str) {
    let Some(cases) = npm_fixture(name) else {
        return;
    };
    let mut failures = Vec::new();
    for case in &cases {
        let a = case.first().and_then(|v| v.as_str());
        let b = case.get(1).and_then(|v| v.as_str());
        let failure = match (name, a, b) {
            ("comparisons.json", Some(a), Some(b)) => {
                compare_pair(Scheme::Npm, a, b, Ordering::Greater)
            }
            ("equality.json", Some(a), Some(b)) => compare_pair(Scheme::Npm, a, b, Ordering::Equal),
            ("valid-versions.json", Some(a), _) => match Scheme::Npm.parse(a) {
                Err(e) => Some(e.to_string()),
                Ok(mamori_version::Version::Npm(v)) => {
                    let want: Vec<u64> = case[1..4].iter().filter_map(|n| n.as_u64()).collect();
                    let got = v.major_minor_patch().map(|(x, y, z)| vec![x, y, z]);
                    (got.as_ref() != Some(&want))
                        .then(|| format!("{a}: got {got:?}, want {want:?}"))
                }
                Ok(other) => Some(format!("{a}: parsed as {:?}", other.scheme())),
            },
            ("invalid-versions.json", Some(a), _) => Scheme::Npm
                .parse(a)
                .ok()
                .map(|v| format!("{a:?} was accepted as {v}")),
            // Non-string inputs (JS objects) have no counterpart in Rust.
            ("invalid-versions.json", None, _) => None,
            _ => Some(format!("unreadable case {case:?}")),
        };
        failures.extend(failure);
    }
    for f in &failures {
        eprintln!("{name}: {f}");
    }
    eprintln!("{name}: {} cases, {} failures", cases.len(), failures.len());
    assert!(!cases.is_empty());
    assert!(
        failures.is_empty(),
        "{} of {} cases in {name} failed",
        failures.len(),
        cases.len()
    );
}

#[test]
fn npm_comparisons() {
    check_npm("comparisons.json");
}

#[test]
fn npm_equality() {
    check_npm("equality.json");
}

#[test]
fn npm_valid_versions() {
    check_npm("valid-versions.json");
}

#[test]
fn npm_invalid_versions() {
    check_npm("invalid-versions.json");
}

#[test]
fn pypi() {
    check(Scheme::PyPI, "pypi-versions.txt");
}

#[test]
fn pypi_generated() {
    check(Scheme::PyPI, "pypi-versions-generated.txt");
}

#[test]
fn maven() {
    check(Scheme::Maven, "maven-versions.txt");
}

#[test]
fn maven_generated() {
    check(Scheme::Maven, "maven-versions-generated.txt");
}

/// The pypa `packaging` version tests: `VERSIONS` is in strictly ascending
/// order (every pair is checked, as `test_comparison_true` does), the
/// `test_invalid_versions` strings are not PEP 440, and the
/// `test_normalized_versions` / `test_version_str_repr` pairs normalize as
/// listed.
fn check_pypa(test: &str) {
    use mamori_version::schemes::pep440::Pep440Version;
    let Some(text) = read("pypa-packaging/test_version.extracted.json") else {
        return;
    };
    let doc: serde_json::Value = serde_json::from_str(&text).expect("pypa JSON");
    let strings = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .expect("array")
            .iter()
            .filter_map(|s| s.as_str().map(str::to_owned))
            .collect()
    };
    let cases = doc["parametrize"]
        .as_array()
        .expect("parametrize list")
        .iter()
        .find(|p| p["test"] == format!("TestVersion.{test}"))
        .map(|p| p["cases"].clone());
    let mut failures = Vec::new();
    let mut count = 0;
    match test {
        "test_comparison_true" => {
            let versions = strings(&doc["module_literals"]["VERSIONS"]);
            let parsed: Vec<_> = versions
                .iter()
                .map(|v| Pep440Version::parse_strict(v))
                .collect();
            for (i, a) in parsed.iter().enumerate() {
                for (j, b) in parsed.iter().enumerate() {
                    count += 1;
                    let (Ok(a), Ok(b)) = (a, b) else {
                        failures.push(format!("{} or {} does not parse", versions[i], versions[j]));
                        continue;
                    };
                    if a.cmp(b) != i.cmp(&j) || (a == b) != (i == j) {
                        failures.push(format!("{a} vs {b}: got {:?}", a.cmp(b)));
                    }
                }
            }
        }
        "test_invalid_versions" => {
            for s in strings(&cases.expect("cases")) {
                count += 1;
                if let Ok(v) = Pep440Version::parse_strict(&s) {
                    failures.push(format!("{s:?} accepted as {}", v.normalized()));
                }
            }
        }
        _ => {
            for pair in cases.expect("cases").as_array().expect("pairs") {
                count += 1;
                let (Some(input), Some(want)) = (pair[0].as_str(), pair[1].as_str()) else {
                    failures.push(format!("unreadable case {pair}"));
                    continue;
                };
                match Pep440Version::parse_strict(input) {
                    Ok(v) if v.normalized() == want => {}
                    Ok(v) => failures.push(format!(
                        "{input:?}: got {:?}, want {want:?}",
                        v.normalized()
                    )),
                    Err(e) => failures.push(e.to_string()),
                }
            }
        }
    }
    for f in &failures {
        eprintln!("{test}: {f}");
    }
    eprintln!("{test}: {count} cases, {} failures", failures.len());
    assert!(count > 0);
    assert!(
        failures.is_empty(),
        "{} of {count} cases of {test} failed",
        failures.len()
    );
}

#[test]
fn pypa_ordering() {
    check_pypa("test_comparison_true");
}

#[test]
fn pypa_invalid() {
    check_pypa("test_invalid_versions");
}

#[test]
fn pypa_normalized() {
    check_pypa("test_normalized_versions");
}

#[test]
fn pypa_str() {
    check_pypa("test_version_str_repr");
}
