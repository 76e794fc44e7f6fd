//! Range tests: hand-written edge cases as data, plus the node-semver,
//! pypa/packaging and univers range fixtures read from /work/shared/data.

use std::path::PathBuf;

use mamori_version::Scheme;
use mamori_version::range::{
    AnyRange, ComposerConstraint, Contains, CsafProductVersion, GemRequirement, MavenRange,
    NpmRange, NuGetRange, NvdBounds, OsvAffected, OsvEvent, OsvRange, OsvRangeKind,
    Pep440Specifiers, VersRange, VersionSet, satisfies,
};
use mamori_version::schemes::pep440::Pep440Version;
use serde_json::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Want {
    Yes,
    No,
    Unknown,
}
use Want::{No, Unknown, Yes};

fn scheme(name: &str) -> Scheme {
    Scheme::from_name(name).unwrap_or_else(|| panic!("unknown scheme {name}"))
}

/// `"ECOSYSTEM introduced=0 fixed=1.2 | GIT introduced=abc ; versions=1.0,1.1"`.
fn osv(scheme: Scheme, spec: &str) -> OsvAffected {
    let (ranges, versions) = spec.split_once(';').unwrap_or((spec, ""));
    let versions = versions
        .trim()
        .strip_prefix("versions=")
        .map(|v| v.split(',').map(str::to_owned).collect())
        .unwrap_or_default();
    let ranges = ranges
        .split('|')
        .map(|r| {
            let mut words = r.split_whitespace();
            let kind = OsvRangeKind::from_osv(words.next().unwrap()).unwrap();
            let events = words
                .map(|w| {
                    let (k, v) = w.split_once('=').unwrap();
                    let v = v.to_owned();
                    match k {
                        "introduced" => OsvEvent::Introduced(v),
                        "fixed" => OsvEvent::Fixed(v),
                        "last_affected" => OsvEvent::LastAffected(v),
                        "limit" => OsvEvent::Limit(v),
                        _ => panic!("bad event {k}"),
                    }
                })
                .collect();
            OsvRange::new(kind, scheme, events)
        })
        .collect();
    OsvAffected { ranges, versions }
}

/// `"v=* si=1.0 se=… ei=… ee=…"`.
fn nvd(scheme: Scheme, spec: &str) -> NvdBounds {
    let get = |key: &str| {
        spec.split_whitespace()
            .find_map(|w| w.strip_prefix(key).and_then(|r| r.strip_prefix('=')))
    };
    NvdBounds::new(scheme, get("v"), get("si"), get("se"), get("ei"), get("ee"))
}

/// The one place the hand-written cases call the API.
fn check(syntax: &str, scheme_name: &str, range: &str, version: &str) -> Result<Want, String> {
    let s = scheme(scheme_name);
    let contains = |c: Contains| match c {
        Contains::Yes => Yes,
        Contains::No => No,
        Contains::Unknown { .. } => Unknown,
    };
    let parsed = s.parse(version);
    let v = || parsed.clone().map_err(|e| e.to_string());
    let e = |e: mamori_version::range::RangeError| e.to_string();
    Ok(match syntax {
        "osv" => match parsed {
            Ok(v) => contains(osv(s, range).contains(&v)),
            Err(_) => Unknown,
        },
        "nvd" => match parsed {
            Ok(v) => contains(nvd(s, range).contains(&v)),
            Err(_) => Unknown,
        },
        "vers" => contains(VersRange::parse(range).map_err(e)?.contains_str(version)),
        "npm" => contains(NpmRange::parse(range).map_err(e)?.contains(&v()?)),
        "pep440" => contains(
            Pep440Specifiers::parse(range)
                .map_err(e)?
                .contains_str(version),
        ),
        "maven" => contains(MavenRange::parse(range).map_err(e)?.contains(&v()?)),
        "nuget" => contains(NuGetRange::parse(range).map_err(e)?.contains(&v()?)),
        "gem" => contains(GemRequirement::parse(range).map_err(e)?.contains(&v()?)),
        "composer" => contains(ComposerConstraint::parse(range).map_err(e)?.contains(&v()?)),
        "csaf" => contains(
            CsafProductVersion::parse(s, range)
                .map_err(e)?
                .contains(&v()?),
        ),
        "satisfies" => match satisfies(s, version, range) {
            Ok(true) => Yes,
            Ok(false) => No,
            Err(_) => Unknown,
        },
        other => return Err(format!("no syntax {other}")),
    })
}

#[rustfmt::skip]
const CASES: &[(&str, &str, &str, &str, Want)] = &[
    // OSV: fixed is exclusive, last_affected inclusive.
    ("osv", "PyPI", "ECOSYSTEM introduced=1.0 fixed=1.5", "1.5", No),
    ("osv", "PyPI", "ECOSYSTEM introduced=1.0 fixed=1.5", "1.4.9", Yes),
    ("osv", "PyPI", "ECOSYSTEM introduced=1.0 fixed=1.5", "1.0", Yes),
    ("osv", "PyPI", "ECOSYSTEM introduced=1.0 fixed=1.5", "0.9", No),
    ("osv", "PyPI", "ECOSYSTEM introduced=1.0 last_affected=1.5", "1.5", Yes),
    ("osv", "PyPI", "ECOSYSTEM introduced=1.0 last_affected=1.5", "1.5.1", No),
    ("osv", "PyPI", "ECOSYSTEM introduced=1.0 last_affected=1.5", "1.5.post1", No),
    // introduced "0" with no fix, and a Go pseudo-version.
    ("osv", "Go", "SEMVER introduced=0", "v0.0.0-20200101000000-abcdef123456", Yes),
    ("osv", "Go", "SEMVER introduced=0 fixed=0.0.0-20210101000000-abcdef123456", "v0.0.0-20200101000000-abcdef123456", Yes),
    ("osv", "Go", "SEMVER introduced=0 fixed=0.0.0-20190101000000-abcdef123456", "v0.0.0-20200101000000-abcdef123456", No),
    // events out of order, several intervals, several ranges
    ("osv", "npm", "SEMVER fixed=1.2.0 introduced=1.0.0", "1.1.0", Yes),
    ("osv", "npm", "SEMVER introduced=1.0.0 fixed=1.2.0 introduced=2.0.0 fixed=2.3.0", "1.5.0", No),
    ("osv", "npm", "SEMVER introduced=1.0.0 fixed=1.2.0 introduced=2.0.0 fixed=2.3.0", "2.2.9", Yes),
    ("osv", "npm", "SEMVER introduced=1.0.0 fixed=1.2.0 introduced=2.0.0 fixed=2.3.0", "2.3.0", No),
    ("osv", "npm", "SEMVER introduced=1.0.0 fixed=1.2.0 | SEMVER introduced=2.0.0", "3.0.0", Yes),
    ("osv", "npm", "SEMVER introduced=1.0.0 fixed=1.0.0", "1.0.0", No),
    ("osv", "npm", "SEMVER introduced=0 fixed=1.0.0", "1.0.0-rc.1", Yes),
    // limit
    ("osv", "npm", "SEMVER introduced=0 limit=2.0.0", "1.9.9", Yes),
    ("osv", "npm", "SEMVER introduced=0 limit=2.0.0", "2.0.0", No),
    ("osv", "npm", "SEMVER introduced=0 limit=*", "9.0.0", Yes),
    // GIT ranges: unknown unless the versions list names the version
    ("osv", "npm", "GIT introduced=abc123 fixed=def456 ; versions=1.0.3", "1.0.3", Yes),
    ("osv", "npm", "GIT introduced=abc123 fixed=def456 ; versions=1.0.3", "1.0.4", Unknown),
    ("osv", "npm", "SEMVER introduced=2.0.0 ; versions=1.0.3", "1.0.3", Yes),
    ("osv", "npm", "SEMVER introduced=2.0.0 ; versions=1.0.3", "1.0.4", No),
    // unparsable bound or version: never a silent "no"
    ("osv", "semver", "SEMVER introduced=0 fixed=1.2.x.y", "1.0.0", Unknown),
    ("osv", "semver", "SEMVER introduced=0 fixed=1.2.0", "banana", Unknown),
    ("osv", "npm", "SEMVER introduced=0 fixed=1.2.0", "not a version", Unknown),
    // Debian epochs: 1:1.0 sorts after 2.0
    ("osv", "Debian", "ECOSYSTEM introduced=0 fixed=2.0", "1:1.0", No),
    ("osv", "Debian", "ECOSYSTEM introduced=0 fixed=1:1.1", "1:1.0", Yes),
    ("vers", "deb", "vers:deb/<2.0", "1:1.0", No),
    ("vers", "deb", "vers:deb/>=1:0.9|<1:1.1", "1:1.0", Yes),
    // Maven qualifiers
    ("maven", "Maven", "[1.0,2.0)", "2.0-SNAPSHOT", Yes),
    ("maven", "Maven", "[1.0,2.0)", "2.0", No),
    ("maven", "Maven", "(,5.0.0]", "5.0.0.RELEASE", Yes),
    ("maven", "Maven", "[5.0.0.Final,5.2.0)", "5.0.0", Yes),
    ("maven", "Maven", "[5.0.0.Final,5.2.0)", "5.0.0-SNAPSHOT", No),
    ("maven", "Maven", "[1,2),[3,4)", "2.5", No),
    ("maven", "Maven", "[1,2),[3,4)", "3.5", Yes),
    ("maven", "Maven", "[1.2]", "1.2", Yes),
    ("maven", "Maven", "[1.2]", "1.2.1", No),
    ("maven", "Maven", "(,1.0]", "1.0", Yes),
    ("osv", "Maven", "ECOSYSTEM introduced=0 fixed=5.3.18", "5.3.17.RELEASE", Yes),
    // npm pre-releases inside and outside ranges
    ("npm", "npm", "^1.2.3", "1.3.0-beta", No),
    ("npm", "npm", ">=1.2.3-beta <2", "1.2.3-beta.2", Yes),
    ("npm", "npm", ">=1.2.3-beta <2", "1.2.4-beta", No),
    ("npm", "npm", "^1.2.3-beta", "1.2.3", Yes),
    ("npm", "npm", "1.x || >=2.5.0 || 5.0.0 - 7.2.3", "7.2.3", Yes),
    ("npm", "npm", "~1.2", "1.3.0", No),
    ("vers", "npm", "vers:npm/>=1.0.0|<2.0.0", "1.5.0-beta", Yes),
    // vers
    ("vers", "npm", "vers:npm/*", "0.0.1", Yes),
    ("vers", "npm", "vers:npm/>=1.0.0|!=1.5.0|<2.0.0", "1.5.0", No),
    ("vers", "npm", "vers:npm/>=1.0.0|!=1.5.0|<2.0.0", "1.5.1", Yes),
    ("vers", "npm", "vers:npm/!=1.5.0", "3.0.0", Yes),
    ("vers", "pypi", "vers:pypi/<=1.3.0|3.0.0", "3.0", Yes),
    ("vers", "pypi", "vers:pypi/<1.0|>=2.0", "1.5", No),
    ("vers", "npm", "vers:npm/<1.0.0|>=2.0.0", "not-a-version", Unknown),
    // PEP 440
    ("pep440", "PyPI", "~=1.4.2", "1.4.9", Yes),
    ("pep440", "PyPI", "~=1.4.2", "1.5", No),
    ("pep440", "PyPI", "==1.2.*", "1.3", No),
    ("pep440", "PyPI", "<2.0", "2.0a1", No),
    ("pep440", "PyPI", ">=1.0,<2.0", "1.5rc1", Yes),
    // RubyGems
    ("gem", "RubyGems", "~> 2.0.8", "2.0.9", Yes),
    ("gem", "RubyGems", "~> 2.0.8", "2.1", No),
    ("gem", "RubyGems", "~> 2.0", "2.9", Yes),
    ("gem", "RubyGems", "~> 2.0", "3.0.a", No),
    ("gem", "RubyGems", ">= 1.0, != 1.5", "1.5", No),
    // Composer
    ("composer", "Packagist", "^1.2.3", "1.9.0", Yes),
    ("composer", "Packagist", "^1.2.3", "2.0.0", No),
    ("composer", "Packagist", "^0.3", "0.4.0", No),
    ("composer", "Packagist", "~1.2", "1.9", Yes),
    ("composer", "Packagist", "~1.2", "2.0", No),
    ("composer", "Packagist", "1.0 - 2.0", "2.0.5", Yes),
    ("composer", "Packagist", "1.0.*", "1.0.9", Yes),
    ("composer", "Packagist", ">=1.0 <1.1 || >=1.2", "1.1.5", No),
    ("composer", "Packagist", ">=1.0,<1.1|>=1.2", "1.3", Yes),
    ("composer", "Packagist", "^1.0@dev", "1.5.0", Yes),
    // NuGet
    ("nuget", "NuGet", "1.0", "5.0", Yes),
    ("nuget", "NuGet", "1.0", "0.9", No),
    ("nuget", "NuGet", "[1.0,2.0)", "2.0", No),
    ("nuget", "NuGet", "(,1.0]", "1.0", Yes),
    ("nuget", "NuGet", "[1.2]", "1.2.0", Yes),
    // NVD cpeMatch bounds
    ("nvd", "semver", "v=* si=1.0.0 ee=2.0.0", "2.0.0", No),
    ("nvd", "semver", "v=* si=1.0.0 ee=2.0.0", "1.0.0", Yes),
    ("nvd", "semver", "v=* se=1.0.0 ei=2.0.0", "1.0.0", No),
    ("nvd", "semver", "v=* se=1.0.0 ei=2.0.0", "2.0.0", Yes),
    ("nvd", "semver", "v=1.4.0", "1.4.0", Yes),
    ("nvd", "semver", "v=1.4.0", "1.4.1", No),
    ("nvd", "semver", "v=*", "1.4.1", Yes),
    ("nvd", "semver", "v=- ", "1.4.1", Unknown),
    ("nvd", "semver", "ee=2.0.0-bad-x!", "1.0.0", Unknown),
    // CSAF legacy product versions
    ("csaf", "generic", "<=06.08.00.00", "06.07.00.00", Yes),
    ("csaf", "generic", "<=06.08.00.00", "06.09.00.00", No),
    ("csaf", "generic", "< 4.2", "4.1", Yes),
    ("csaf", "generic", ">= 1.0 < 2.0", "1.5", Yes),
    ("csaf", "generic", ">= 1.0 < 2.0", "2.0", No),
    ("csaf", "generic", "all versions", "9.9", Yes),
    ("csaf", "generic", "prior to 3.1", "3.0", Yes),
    ("csaf", "generic", "Prior to 3.1", "3.1", No),
    ("csaf", "generic", "before 2.0", "2.0", No),
    ("csaf", "generic", "3.1 and earlier", "3.1", Yes),
    ("csaf", "generic", "vers:generic/>=1|<2", "1.5", Yes),
    ("csaf", "generic", "vers:all/*", "B.06.18", Yes),
    ("csaf", "generic", ">= 4.01 | <= 4.34", "4.20", Yes),
    ("csaf", "generic", ">= 4.01 | <= 4.34", "4.35", No),
    ("csaf", "generic", "All versions prior to 1.7.2", "1.7.1", Yes),
    ("csaf", "generic", "versions prior to Version 8.2.2", "8.2.2", No),
    ("csaf", "generic", "Versions 3.2 and prior", "3.2", Yes),
    ("csaf", "generic", "Version 2.0.14.0 and prior versions", "2.0.15.0", No),
    ("csaf", "generic", "R8.0.3 or prior", "R8.0.2", Yes),
    ("csaf", "generic", "2.0 and later", "2.1", Yes),
    // satisfies: vers or native syntax; unreadable version is an error
    ("satisfies", "npm", "^1.2.3", "1.4.0", Yes),
    ("satisfies", "npm", "vers:npm/<1.0.0", "1.4.0", No),
    ("satisfies", "PyPI", ">=1.0,!=1.5", "1.5", No),
    ("satisfies", "PyPI", "===foobar", "foobar", Yes),
    ("satisfies", "npm", "^1.2.3", "not.a.version", Unknown),
    ("satisfies", "Debian", ">= 1:1.0, << 2", "1:1.5", Unknown),
    ("satisfies", "Debian", ">= 1:1.0, < 1:2", "1:1.5", Yes),
];

#[test]
fn hand_written_cases() {
    let mut failures = Vec::new();
    for (syntax, scheme, range, version, want) in CASES {
        match check(syntax, scheme, range, version) {
            Ok(got) if got == *want => {}
            other => failures.push(format!(
                "{syntax} {scheme} {range:?} ∋ {version:?}: want {want:?}, got {other:?}"
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

/// Native form → normalized `vers:` string.
fn check_vers(syntax: &str, scheme_name: &str, native: &str) -> Result<String, String> {
    let s = scheme(scheme_name);
    let set: VersionSet = match syntax {
        "vers" => VersRange::parse(native).map(|r| r.set().clone()),
        "npm" => NpmRange::parse(native).map(|r| r.to_set()),
        "pep440" => Pep440Specifiers::parse(native).map(|r| r.to_set()),
        "maven" => MavenRange::parse(native).map(|r| r.set().clone()),
        "nuget" => NuGetRange::parse(native).map(|r| r.set().clone()),
        "gem" => GemRequirement::parse(native).map(|r| r.set().clone()),
        "composer" => ComposerConstraint::parse(native).map(|r| r.set().clone()),
        "csaf" => CsafProductVersion::parse(s, native).map(|r| r.set().clone()),
        "any" => AnyRange::parse(s, native).map(|r| r.to_set()),
        other => return Err(format!("no syntax {other}")),
    }
    .map_err(|e| e.to_string())?;
    set.to_vers().ok_or_else(|| "empty set".to_owned())
}

#[rustfmt::skip]
const VERS_CASES: &[(&str, &str, &str, &str)] = &[
    ("npm", "npm", "^1.2.3", "vers:npm/>=1.2.3|<2.0.0-0"),
    ("npm", "npm", "1.2.x || >=3.0.0", "vers:npm/>=1.2.0|<1.3.0-0|>=3.0.0"),
    ("npm", "npm", "*", "vers:npm/*"),
    ("gem", "RubyGems", "~>2.0.8", "vers:gem/>=2.0.8|<2.1"),
    ("maven", "Maven", "[1,2),[3,4)", "vers:maven/>=1|<2|>=3|<4"),
    ("maven", "Maven", "[1,3),[2,4]", "vers:maven/>=1|<=4"),
    ("maven", "Maven", "[1.2]", "vers:maven/1.2"),
    ("nuget", "NuGet", "[1.0.0, 2.0.0)", "vers:nuget/>=1.0.0|<2.0.0"),
    ("nuget", "NuGet", "1.0", "vers:nuget/>=1.0"),
    ("composer", "Packagist", "^1.2.3", "vers:composer/>=1.2.3|<2.0.0"),
    ("composer", "Packagist", "~1.2", "vers:composer/>=1.2.0|<2.0.0"),
    ("pep440", "PyPI", "~=1.4.2", "vers:pypi/>=1.4.2|<1.5.dev0"),
    ("pep440", "PyPI", ">=1.0,!=1.5,<2", "vers:pypi/>=1.0|!=1.5|<2"),
    ("vers", "npm", "vers:npm/ <2.0.0 | >=1.0.0 ", "vers:npm/>=1.0.0|<2.0.0"),
    ("vers", "npm", "vers:npm/!=1.5.0|>=1.0.0|<2.0.0", "vers:npm/>=1.0.0|!=1.5.0|<2.0.0"),
    ("vers", "pypi", "vers:pypi/0.0.2|0.0.1|0.0.2", "vers:pypi/0.0.1|0.0.2"),
    ("vers", "pypi", "vers:pypi/!=1.0", "vers:pypi/!=1.0"),
    ("vers", "pypi", "vers:pypi/<1.0|1.5|>=2.0", "vers:pypi/<1.0|1.5|>=2.0"),
    ("csaf", "generic", "prior to 3.1", "vers:generic/<3.1"),
    ("any", "Debian", ">= 1:1.0, < 1:2", "vers:deb/>=1:1.0|<1:2"),
];

#[test]
fn native_ranges_print_as_vers() {
    let mut failures = Vec::new();
    for (syntax, scheme, native, want) in VERS_CASES {
        match check_vers(syntax, scheme, native) {
            Ok(got) if got == *want => {}
            other => failures.push(format!("{syntax} {native:?}: want {want:?}, got {other:?}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} failed:\n{}",
        failures.len(),
        VERS_CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn invalid_ranges_are_errors() {
    #[rustfmt::skip]
    let cases: &[(&str, &str, &str)] = &[
        ("vers", "npm", "npm/>=1.0.0"),
        ("vers", "npm", "vers:npm/"),
        ("vers", "npm", "vers:npm/*|>=1.0.0"),
        ("vers", "npm", "vers:nosuchscheme/1.0"),
        ("vers", "npm", "vers:npm/>=1.0.0||<2.0.0"),
        ("maven", "Maven", "[1.0,2.0"),
        ("maven", "Maven", "(1.0)"),
        ("maven", "Maven", "[1,2,3]"),
        ("nuget", "NuGet", "[1.0,2.0),[3.0,4.0)"),
        ("pep440", "PyPI", "=>2.0"),
        ("npm", "npm", "1.x.5"),
        ("gem", "RubyGems", "~> "),
        ("composer", "Packagist", ">="),
        ("csaf", "generic", "< august 28"),
        ("csaf", "generic", "A10 < A11"),
    ];
    let mut failures = Vec::new();
    for (syntax, scheme, range) in cases {
        if let Ok(v) = check_vers(syntax, scheme, range) {
            failures.push(format!("{syntax} {range:?} parsed as {v}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---------------------------------------------------------------- fixtures

fn data_dir(rel: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("notice: {} is absent; skipping", p.display());
        None
    }
}

fn load(rel: &str) -> Option<Value> {
    let p = data_dir(rel)?;
    Some(serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap())
}

/// node-semver options we do not implement (loose mode, includePrerelease).
fn node_opts_unsupported(opts: Option<&Value>) -> bool {
    match opts {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Object(m)) => m.iter().any(|(k, v)| {
            (k == "loose" || k == "includePrerelease")
                && !matches!(v, Value::Bool(false) | Value::Null)
        }),
        Some(_) => true,
    }
}

/// node-semver `satisfies(version, range)`; `None` when the range is invalid.
fn check_npm(range: &str, version: &str) -> Option<Want> {
    let r = NpmRange::parse(range).ok()?;
    Some(match Scheme::Npm.parse(version) {
        Ok(v) => match r.contains(&v) {
            Contains::Yes => Yes,
            Contains::No => No,
            Contains::Unknown { .. } => Unknown,
        },
        Err(_) => Unknown,
    })
}

#[test]
fn node_semver_range_include_and_exclude() {
    let base = "version-ordering/node-semver/fixtures-json";
    let (Some(inc), Some(exc)) = (
        load(&format!("{base}/range-include.json")),
        load(&format!("{base}/range-exclude.json")),
    ) else {
        return;
    };
    let mut ran = 0;
    let mut failures = Vec::new();
    for (cases, want) in [(inc, Yes), (exc, No)] {
        for c in cases.as_array().unwrap() {
            let a = c.as_array().unwrap();
            if node_opts_unsupported(a.get(2)) {
                continue;
            }
            // One exclude case passes `false` as the "version".
            let (Some(range), Some(version)) = (a[0].as_str(), a[1].as_str()) else {
                continue;
            };
            ran += 1;
            let got = check_npm(range, version);
            let ok = match want {
                Yes => got == Some(Yes),
                // Excluded: a "no", an invalid range, or an invalid version
                // (which we report as unknown rather than "no").
                _ => match got {
                    Some(Yes) => false,
                    Some(Unknown) => Scheme::Npm.parse(version).is_err(),
                    _ => true,
                },
            };
            if !ok {
                failures.push(format!(
                    "{range:?} ∋ {version:?}: want {want:?}, got {got:?}"
                ));
            }
        }
    }
    eprintln!("node-semver include/exclude: {ran} cases run");
    assert!(ran > 150, "too few cases ran: {ran}");
    assert!(
        failures.is_empty(),
        "{} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn node_semver_range_parse() {
    let Some(cases) = load("version-ordering/node-semver/fixtures-json/range-parse.json") else {
        return;
    };
    let mut ran = 0;
    let mut failures = Vec::new();
    for c in cases.as_array().unwrap() {
        let a = c.as_array().unwrap();
        if node_opts_unsupported(a.get(2)) {
            continue;
        }
        ran += 1;
        let range = a[0].as_str().unwrap();
        let got = NpmRange::parse(range).ok().map(|r| r.to_string());
        let want = a[1].as_str().map(str::to_owned);
        if got != want {
            failures.push(format!("{range:?}: want {want:?}, got {got:?}"));
        }
    }
    eprintln!("node-semver range-parse: {ran} cases run");
    assert!(ran > 80, "too few cases ran: {ran}");
    assert!(
        failures.is_empty(),
        "{} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// packaging's `contains`; `prereleases` is the explicit policy if any.
fn check_pep440(spec: &str, version: &str, prereleases: Option<bool>) -> Result<Want, String> {
    let s = Pep440Specifiers::parse(spec).map_err(|e| e.to_string())?;
    Ok(match s.contains_with(version, prereleases) {
        Contains::Yes => Yes,
        Contains::No => No,
        Contains::Unknown { .. } => Unknown,
    })
}

fn pypa_cases<'a>(data: &'a Value, test: &str) -> Option<&'a Value> {
    data["parametrize"]
        .as_array()?
        .iter()
        .find(|p| p["test"] == test)
}

/// Pulls `("a", "b")` pairs out of a Python literal list in `source`.
fn python_pairs(source: &str) -> Vec<(String, String)> {
    source
        .lines()
        .filter_map(|l| {
            let l = l.trim().strip_prefix("(\"")?.strip_suffix("\"),")?;
            let (a, b) = l.split_once("\", \"")?;
            Some((a.to_owned(), b.to_owned()))
        })
        .collect()
}

#[test]
fn pypa_packaging_specifiers() {
    let Some(data) = load("version-ordering/pypa-packaging/test_specifiers.extracted.json") else {
        return;
    };
    let mut ran = 0;
    let mut failures = Vec::new();
    let mut expect = |spec: &str, version: &str, pre: Option<bool>, want: Want| {
        ran += 1;
        let mut got = check_pep440(spec, version, pre);
        // packaging says False where a specifier cannot compare a non-PEP 440
        // string; we say we cannot know.
        if want == No && got == Ok(Unknown) && Pep440Version::parse_strict(version).is_err() {
            got = Ok(No);
        }
        if got != Ok(want) {
            failures.push(format!(
                "{spec:?} ∋ {version:?} (prereleases {pre:?}): want {want:?}, got {got:?}"
            ));
        }
    };
    // test_specifiers: a Python list comprehension; the True block comes first.
    let src = pypa_cases(&data, "TestSpecifier.test_specifiers").unwrap()["non_literal_source"]
        .as_str()
        .unwrap();
    let (true_src, false_src) = src.split_once("(v, s, False)").unwrap();
    let (t, f) = (python_pairs(true_src), python_pairs(false_src));
    assert!(
        t.len() > 80 && f.len() > 80,
        "extraction found {} / {}",
        t.len(),
        f.len()
    );
    for (v, s) in &t {
        expect(s, v, None, Yes);
    }
    for (v, s) in &f {
        expect(s, v, None, No);
    }
    for row in pypa_cases(&data, "TestSpecifier.test_invalid_version").unwrap()["cases"]
        .as_array()
        .unwrap()
    {
        let (spec, version) = (row[0].as_str().unwrap(), row[1].as_str().unwrap());
        // packaging says False; we say we cannot know, except for `===`.
        let want = match row[2].as_bool().unwrap() {
            true => Yes,
            false if spec.starts_with("===") => No,
            false => Unknown,
        };
        expect(spec, version, None, want);
    }
    for (test, spec_at, version_at) in [
        ("TestSpecifier.test_arbitrary_equality", 1, 0),
        (
            "TestSpecifierSet.test_contains_arbitrary_equality_contains",
            1,
            0,
        ),
        ("TestSpecifierSet.test_comparison_ignores_local", 1, 0),
        (
            "TestSpecifierSet.test_contains_post_release_boundary_intersection",
            0,
            1,
        ),
    ] {
        for row in pypa_cases(&data, test).unwrap()["cases"]
            .as_array()
            .unwrap()
        {
            let want = if row[2].as_bool().unwrap() { Yes } else { No };
            expect(
                row[spec_at].as_str().unwrap(),
                row[version_at].as_str().unwrap(),
                None,
                want,
            );
        }
    }
    for row in pypa_cases(&data, "TestSpecifier.test_specifiers_prereleases").unwrap()["cases"]
        .as_array()
        .unwrap()
    {
        let pre = row[3].as_bool().or(row[2].as_bool());
        let want = if row[4].as_bool().unwrap() { Yes } else { No };
        expect(
            row[0].as_str().unwrap(),
            row[1].as_str().unwrap(),
            pre,
            want,
        );
    }
    for row in
        pypa_cases(&data, "TestSpecifierSet.test_contains_exclusionary_bridges").unwrap()["cases"]
            .as_array()
            .unwrap()
    {
        let want = if row[3].as_bool().unwrap() { Yes } else { No };
        expect(
            row[0].as_str().unwrap(),
            row[2].as_str().unwrap(),
            row[1].as_bool(),
            want,
        );
    }
    // Syntax: the valid list parses, the invalid list does not.
    for s in data["module_literals"]["SPECIFIERS"].as_array().unwrap() {
        ran += 1;
        if let Err(e) = Pep440Specifiers::parse(s.as_str().unwrap()) {
            failures.push(format!("valid specifier rejected: {e}"));
        }
    }
    for s in pypa_cases(&data, "TestSpecifier.test_specifiers_invalid").unwrap()["cases"]
        .as_array()
        .unwrap()
    {
        ran += 1;
        let s = s.as_str().unwrap();
        if Pep440Specifiers::parse(s).is_ok() {
            failures.push(format!("invalid specifier accepted: {s:?}"));
        }
    }
    eprintln!("pypa specifiers: {ran} cases run");
    assert!(
        failures.is_empty(),
        "{} of {ran} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Release versions around every bound of `set`, to compare two readings of
/// an npm range where they can differ only on pre-releases.
fn npm_probes(set: &VersionSet, out: &mut Vec<String>) {
    for i in set.intervals() {
        for b in [i.lower(), i.upper()].into_iter().flatten() {
            let core = b.version().as_str().split(['-', '+']).next().unwrap_or("");
            let n: Vec<u64> = core.split('.').filter_map(|x| x.parse().ok()).collect();
            if n.len() != 3 {
                continue;
            }
            let (a, m, p) = (n[0], n[1], n[2]);
            out.push(format!("{a}.{m}.{p}"));
            out.push(format!("{a}.{m}.{}", p + 1));
            out.push(format!("{a}.{}.0", m + 1));
            out.push(format!("{}.0.0", a + 1));
            if p > 0 {
                out.push(format!("{a}.{m}.{}", p - 1));
            }
            if m > 0 {
                out.push(format!("{a}.{}.99", m - 1));
            }
            if a > 0 {
                out.push(format!("{}.99.99", a - 1));
            }
        }
    }
}

/// Where univers's expected output is wrong (checked against node-semver's
/// rules and the vers containment algorithm); each entry must still differ.
const UNIVERS_DIVERGENCES: &[(&str, &str)] = &[
    (
        "<= 1.0",
        "node-semver: <=1.0 is <1.1.0-0, so 1.0.5 is inside",
    ),
    ("<=1.0", "same"),
    ("<=3.3", "same"),
    ("<=2.1 >=1.1", "same"),
    (
        ">= 2.2.x",
        "node-semver: >=2.2.x is >=2.2.0 with no upper bound",
    ),
    (">= 1.x", "same"),
    (
        "2.1 || 2.6",
        "node-semver: 2.1 is the x-range >=2.1.0 <2.2.0-0, not 2.1.0",
    ),
    (
        "1.1.2 1.2.2",
        "node-semver: space is AND, so nothing matches",
    ),
    (
        "^2.0.18 || ^3.0.16 || ^3.1.6 || ^4.0.8 || ^5.0.0-beta.5",
        "univers drops the upper bound of ^5.0.0-beta.5",
    ),
    (
        ">= 0.2.0 <= 0.9.6 || ~0.8.0-pre",
        "univers mangles the tilde pre-release",
    ),
    (
        "<2.0.18 || <3.0.16 || <3.1.6 || <4.0.8 || <5.0.0-beta.5",
        "univers writes consecutive `<`; the vers algorithm reads only the first",
    ),
    ("<2.0.1 || <1.1.7", "same"),
    ("<=1.0.2||<2.3.10", "same"),
    (
        "<2.8.30||>=2.8.4,<18.10.8||>=19.0.0,<19.04.5||>=19.04.6,<19.10.2",
        "univers's vers drops `<2.8.30` from minus infinity",
    ),
    (
        "<1.3||>=1.3.0,<=1.3.12||>=1.4.0,<=1.4.5||>=1.5.0,<=1.5.0||>=1.6.0,<=1.6.2",
        "univers's unmerged `<=1.5.0|>=1.5.0` reads as a gap under the vers algorithm",
    ),
];

/// univers native-range → vers fixtures. Non-npm ranges are compared as
/// sets; npm ranges by probing release versions (univers writes `<2.0.0`
/// where node-semver means `<2.0.0-0`, which differ only on pre-releases).
/// A bound the scheme itself rejects (`<v19.03.11` is no Go version) is
/// returned as `Ok(false)`: an error, not a wrong answer.
fn check_univers_native(
    scheme_name: &str,
    native: &str,
    expected_vers: &str,
) -> Result<bool, String> {
    let s = scheme(scheme_name);
    // Composer normalizes `1.0-stable` to `1.0`; so does our parser, so
    // compare against univers's output normalized the same way.
    let expected_vers = if scheme_name == "composer" {
        expected_vers.replace("-stable", "")
    } else {
        expected_vers.to_owned()
    };
    let theirs = VersRange::parse(&expected_vers).map_err(|e| format!("theirs: {e}"))?;
    if scheme_name == "npm" {
        let ours = NpmRange::parse(native).map_err(|e| format!("ours: {e}"))?;
        let mut probes = Vec::new();
        npm_probes(&ours.to_set(), &mut probes);
        npm_probes(theirs.set(), &mut probes);
        for p in probes {
            let v = Scheme::Npm.parse(&p).unwrap();
            let (a, b) = (ours.contains(&v), theirs.contains(&v));
            if a != b {
                return Err(format!("{p}: ours {a:?}, theirs {b:?} ({expected_vers})"));
            }
        }
        return Ok(true);
    }
    let ours = match scheme_name {
        "nuget" => NuGetRange::parse(native).map(|r| r.set().clone()),
        "composer" => ComposerConstraint::parse(native).map(|r| r.set().clone()),
        "gem" if native.contains("~>") => GemRequirement::parse(native).map(|r| r.set().clone()),
        // GitLab advisories write `||` between groups and spaces or commas
        // inside them, whatever the ecosystem.
        _ => mamori_version::range::ComparatorRange::parse(s, native).map(|r| r.set().clone()),
    };
    let ours = match ours {
        Ok(o) => o,
        Err(mamori_version::range::RangeError::Version { .. }) => return Ok(false),
        Err(e) => return Err(format!("ours: {e}")),
    };
    if ours.same_as(theirs.set()) {
        Ok(true)
    } else {
        Err(format!("ours {ours} ≠ theirs {expected_vers}"))
    }
}

#[test]
fn univers_ranges() {
    let base = "version-ordering/univers/tests/data/schema/range";
    if data_dir(base).is_none() {
        return;
    }
    let files = [
        "npm_range_from_native.json",
        "pypi_range_from_native.json",
        "gem_range_from_native.json",
        "nuget_range_from_native.json",
        "gitlab/npm_gitlab_range_from_native.json",
        "gitlab/pypi_gitlab_range_from_native.json",
        "gitlab/gem_gitlab_range_from_native.json",
        "gitlab/golang_gitlab_range_from_native.json",
        "gitlab/composer_gitlab_range_from_native.json",
        "pypi_range_containment.json",
        "pypi_range_roundtrip.json",
    ];
    let mut ran = 0;
    let (mut unparsable, mut divergent) = (0, 0);
    let mut failures = Vec::new();
    for f in files {
        let cases = load(&format!("{base}/{f}")).unwrap();
        for c in cases.as_array().unwrap() {
            let input = &c["input"];
            ran += 1;
            let res = match c["test_type"].as_str().unwrap() {
                "from_native" => {
                    let native = input["native_range"].as_str().unwrap();
                    let res = check_univers_native(
                        input["scheme"].as_str().unwrap(),
                        native,
                        c["expected_output"].as_str().unwrap(),
                    );
                    let known = UNIVERS_DIVERGENCES.iter().any(|(r, _)| *r == native);
                    match (res, known) {
                        (Ok(false), _) => {
                            unparsable += 1;
                            Ok(())
                        }
                        (Ok(true), true) => Err("listed as a divergence but agrees".to_owned()),
                        (Err(_), true) => {
                            divergent += 1;
                            Ok(())
                        }
                        (r, false) => r.map(|_| ()),
                    }
                }
                "containment" => {
                    let want = if c["expected_output"].as_bool().unwrap() {
                        Yes
                    } else {
                        No
                    };
                    match check(
                        "vers",
                        "generic",
                        input["vers"].as_str().unwrap(),
                        input["version"].as_str().unwrap(),
                    ) {
                        Ok(got) if got == want => Ok(()),
                        other => Err(format!("want {want:?}, got {other:?}")),
                    }
                }
                "roundtrip" => {
                    let a = VersRange::parse(input["vers"].as_str().unwrap())
                        .map_err(|e| e.to_string());
                    let b = VersRange::parse(c["expected_output"].as_str().unwrap())
                        .map_err(|e| e.to_string());
                    match (a, b) {
                        (Ok(a), Ok(b)) if a.set().same_as(b.set()) => Ok(()),
                        other => Err(format!("{other:?}")),
                    }
                }
                t => Err(format!("unexpected test type {t}")),
            };
            if let Err(e) = res {
                failures.push(format!("{f}: {input}: {e}"));
            }
        }
    }
    eprintln!(
        "univers range fixtures: {ran} cases run, {unparsable} with bounds the scheme rejects, {divergent} known univers divergences"
    );
    // Unparsable bounds are all non-SemVer Go tags; keep them rare.
    assert!(unparsable < 40, "{unparsable} ranges had unparsable bounds");
    assert!(ran > 4000, "too few cases ran: {ran}");
    assert!(
        failures.is_empty(),
        "{} of {ran} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn osv_fixed_versions_in_order_given() {
    #[rustfmt::skip]
    let cases: &[(&str, &[&str])] = &[
        ("SEMVER introduced=0 fixed=1.2.0", &["1.2.0"]),
        ("SEMVER introduced=2.0.0 fixed=2.3.0 introduced=0 fixed=1.2.0", &["2.3.0", "1.2.0"]),
        ("SEMVER introduced=0 last_affected=1.2.0", &[]),
        ("SEMVER introduced=0 fixed=1.0.0 | SEMVER introduced=3.0.0 fixed=3.0.1", &["1.0.0", "3.0.1"]),
    ];
    for (spec, want) in cases {
        assert_eq!(osv(Scheme::Npm, spec).fixed_versions(), *want, "{spec}");
    }
}

#[test]
fn every_scheme_has_a_vers_name_that_maps_back() {
    use mamori_version::range::{scheme_from_vers_name, vers_scheme_name};
    for s in Scheme::ALL {
        assert_eq!(scheme_from_vers_name(vers_scheme_name(s)), Some(s), "{s:?}");
    }
    #[rustfmt::skip]
    let names = [("deb", Scheme::Debian), ("apk", Scheme::Alpine), ("gem", Scheme::RubyGems),
        ("golang", Scheme::Go), ("composer", Scheme::Packagist), ("cargo", Scheme::Cargo),
        ("pypi", Scheme::PyPI), ("hackage", Scheme::Hackage), ("cran", Scheme::Cran)];
    for (name, s) in names {
        assert_eq!(scheme_from_vers_name(name), Some(s), "{name}");
    }
}

fn collect_version_ranges(branches: &Value, out: &mut Vec<String>) {
    for b in branches.as_array().into_iter().flatten() {
        if b["category"] == "product_version_range"
            && let Some(name) = b["name"].as_str()
        {
            out.push(name.to_owned());
        }
        collect_version_ranges(&b["branches"], out);
    }
}

/// Every `product_version_range` in CISA's medical CSAF advisories that is
/// written as comparators or `vers:` must parse; free text (dates, notes in
/// parentheses) may be refused, which callers turn into "unknown".
#[test]
fn cisa_medical_csaf_version_ranges() {
    let Some(dir) = data_dir("csaf/cisagov-icsma") else {
        return;
    };
    let mut names = Vec::new();
    let mut stack = vec![dir];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "json") {
                let doc: Value = serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap();
                collect_version_ranges(&doc["product_tree"]["branches"], &mut names);
            }
        }
    }
    let simple = |n: &str| {
        n.split('|').all(|c| {
            let c = c.trim().trim_start_matches(['<', '>', '=']).trim();
            !c.is_empty()
                && !c.contains(' ')
                && c.chars()
                    .next()
                    .is_some_and(|ch| ch.is_ascii_alphanumeric())
        }) && n.trim_start().starts_with(['<', '>'])
    };
    let (mut parsed, mut must) = (0, 0);
    let mut failures = Vec::new();
    for n in &names {
        let ok = CsafProductVersion::parse(Scheme::Generic, n).is_ok();
        parsed += usize::from(ok);
        if n == "vers:all/*" || simple(n) {
            must += 1;
            if !ok {
                failures.push(n.clone());
            }
        }
    }
    eprintln!(
        "CISA medical CSAF: {} version ranges, {parsed} parsed, {must} had to",
        names.len()
    );
    assert!(must > 80, "too few ranges found: {must}");
    assert!(failures.is_empty(), "refused: {failures:?}");
}
