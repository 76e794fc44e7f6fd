//! OSV reader tests: every advisory of four real databases reads, counts match, hand-checked fields.

use crate::common;

/// (case name, input, expected per record: the id or the error location).
type Case<'a> = (&'a str, &'a str, &'a [Result<&'a str, &'a str>]);

use mamori_feeds::{FeedError, Location, osv};
use mamori_model::{InformationalKind, RangeEvent, Vulnerability};

/// Reads every file of one database; returns the records after printing and asserting zero rejects.
fn read_all(sub: &str, exts: &[&str]) -> Option<(usize, Vec<Vulnerability>)> {
    let dir = common::data_dir(sub)?;
    let files = common::files(&dir, exts);
    let mut ok = Vec::new();
    let mut rejected = Vec::new();
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        for r in osv::read(&common::rel(&dir, f), &bytes) {
            match r {
                Ok(v) => ok.push(v),
                Err(e) => rejected.push(e),
            }
        }
    }
    for e in &rejected {
        eprintln!("rejected: {e}");
    }
    assert_eq!(
        rejected.len(),
        0,
        "{sub}: {} rejected records",
        rejected.len()
    );
    Some((files.len(), ok))
}

/// One hand-checked record: (id, field, expected) rows are compared with `field(record)`.
fn check(records: &[Vulnerability], id: &str, rows: &[(&str, String)]) {
    let v = records
        .iter()
        .find(|v| v.id.as_str() == id)
        .unwrap_or_else(|| panic!("{id} not read"));
    for (field, want) in rows {
        let got = field_of(v, field);
        assert_eq!(&got, want, "{id} {field}");
    }
}

fn field_of(v: &Vulnerability, field: &str) -> String {
    let join = |xs: Vec<String>| xs.join(" ");
    match field {
        "aliases" => join(v.aliases.iter().map(|a| a.to_string()).collect()),
        "related" => join(v.related.iter().map(|a| a.to_string()).collect()),
        "title" => v.titles.first().map(|t| t.text.clone()).unwrap_or_default(),
        "published" => v
            .published
            .map(|t| t.unix_timestamp().to_string())
            .unwrap_or_default(),
        "withdrawn" => v
            .withdrawn
            .map(|t| t.unix_timestamp().to_string())
            .unwrap_or_default(),
        "cvss" => join(
            v.cvss
                .iter()
                .map(|c| format!("{}@{}", c.vector, c.source))
                .collect(),
        ),
        "cwes" => join(v.cwes.iter().map(|c| c.cwe.to_string()).collect()),
        "severity" => v.severity.clone().unwrap_or_default(),
        "packages" => join(
            v.affected_packages
                .iter()
                .map(|p| format!("{}/{}", p.ecosystem, p.name))
                .collect(),
        ),
        "purl0" => v.affected_packages[0].purl.clone().unwrap_or_default(),
        "ranges0" => join(
            v.affected_packages[0]
                .ranges
                .iter()
                .map(|r| {
                    let ev: Vec<String> = r
                        .events
                        .iter()
                        .map(|e| match e {
                            RangeEvent::Introduced(s) => format!(">={s}"),
                            RangeEvent::Fixed(s) => format!("<{s}"),
                            RangeEvent::LastAffected(s) => format!("<={s}"),
                            RangeEvent::Limit(s) => format!("limit{s}"),
                        })
                        .collect();
                    format!("{}[{}]", r.kind.as_str(), ev.join(","))
                })
                .collect(),
        ),
        "versions0" => v.affected_packages[0].versions.join(" "),
        "informational" => format!("{:?}", v.informational),
        "references" => v.references.len().to_string(),
        "ref0" => format!("{} {}", v.references[0].tags.join(","), v.references[0].url),
        "credits" => join(v.credits.iter().map(|c| c.name.clone()).collect()),
        "eco_specific0" => v.affected_packages[0]
            .ecosystem_specific
            .clone()
            .unwrap_or_default(),
        other => panic!("unknown field {other}"),
    }
}

fn s(x: &str) -> String {
    x.to_owned()
}

#[test]
fn pypa_yaml_all_read() {
    let Some((files, recs)) = read_all("advisories/pypa-advisory-database", &[".yaml"]) else {
        return;
    };
    assert_eq!(recs.len(), files);
    assert_eq!(files, 2661);
    check(
        &recs,
        "PYSEC-2021-335",
        &[
            ("aliases", s("CVE-2021-32807 GHSA-qcx9-j53g-ccgf")),
            ("packages", s("PyPI/accesscontrol")),
            ("purl0", s("pkg:pypi/accesscontrol")),
            (
                "ranges0",
                s(
                    "GIT[>=0,<b42dd4badf803bb9fb71ac34cd9cb0c249262f2c] ECOSYSTEM[>=4.0,<4.3,>=5.0,<5.2]",
                ),
            ),
            ("versions0", s("4.0 4.1 4.2 5.0 5.1")),
            ("published", s("1627683300")),
            ("references", s("3")),
            (
                "ref0",
                s(
                    "WEB https://github.com/zopefoundation/AccessControl/blob/master/CHANGES.rst#51-2021-07-30",
                ),
            ),
        ],
    );
}

#[test]
fn golang_all_read() {
    let Some((files, recs)) = read_all("advisories/golang-vulndb", &[".json"]) else {
        return;
    };
    assert_eq!(recs.len(), files);
    assert_eq!(files, 4291);
}

#[test]
fn rustsec_all_read() {
    let Some((files, recs)) = read_all("advisories/rustsec-osv", &[".json"]) else {
        return;
    };
    assert_eq!(recs.len(), files);
    assert_eq!(files, 1206);
    let count = |k: InformationalKind| {
        recs.iter()
            .filter(|v| v.informational == Some(k.clone()))
            .count()
    };
    assert_eq!(
        (
            count(InformationalKind::Unmaintained),
            count(InformationalKind::Unsound),
            count(InformationalKind::Notice)
        ),
        (267, 203, 6)
    );
}

#[test]
fn ghsa_all_read() {
    let Some((files, recs)) = read_all("advisories/ghsa-sample-via-index", &[".json"]) else {
        return;
    };
    assert_eq!(recs.len(), files);
    assert_eq!(files, 11);
    check(
        &recs,
        "GHSA-29w6-c52g-m8jc",
        &[
            ("aliases", s("")),
            ("title", s("C5 Firefly III CSV Injection.")),
            (
                "cvss",
                s("CVSS:3.1/AV:L/AC:L/PR:H/UI:R/S:U/C:L/I:L/A:L@GHSA"),
            ),
            ("severity", s("MODERATE")),
            ("packages", s("Packagist/grumpydictator/firefly-iii")),
            ("ranges0", s("ECOSYSTEM[>=0,<6.1.7]")),
            ("published", s("1706724346")),
        ],
    );
}

#[test]
fn bad_records_are_reported_with_pointers() {
    let cases: &[Case<'_>] = &[
        (
            "truncated",
            r#"{"id":"GHSA-1","affected":[{"package":"#,
            &[Err("1:38")],
        ),
        (
            "wrong type in second record of an array",
            r#"[{"id":"A-1"},{"id":"A-2","aliases":"CVE-1"},{"id":"A-3"}]"#,
            &[Ok("A-1"), Err("/1/aliases"), Ok("A-3")],
        ),
        (
            "bad date",
            r#"{"id":"A-1","modified":"yesterday"}"#,
            &[Err("/modified")],
        ),
        (
            "empty event",
            r#"{"id":"A-1","affected":[{"ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{}]}]}]}"#,
            &[Err("/affected/0/ranges/0/events/1")],
        ),
        ("yaml bad type", "id: A-1\naffected: 3\n", &[Err("2:11")]),
        ("yaml ok", "id: A-1\naliases: [CVE-2020-1]\n", &[Ok("A-1")]),
    ];
    for (name, input, want) in cases {
        let got: Vec<Result<String, String>> = osv::read("f", input.as_bytes())
            .into_iter()
            .map(|r| {
                r.map(|v| v.id.to_string())
                    .map_err(|e: FeedError| match e.location() {
                        Some(Location::Pointer(p)) if p.is_empty() => "/".to_owned(),
                        Some(l) => l.to_string(),
                        None => String::new(),
                    })
            })
            .collect();
        let want: Vec<Result<String, String>> = want
            .iter()
            .map(|r| r.map(str::to_owned).map_err(str::to_owned))
            .collect();
        assert_eq!(got, want, "{name}");
    }
}
