//! NVD CVE API 2.0 reader tests: every sample reads, counts match, hand-checked fields, bad items skipped.

use crate::common;

/// (case name, input, expected per record: the id or the error location).
type Case<'a> = (&'a str, String, Vec<Result<&'a str, &'a str>>);

use mamori_feeds::{FeedError, Location, nvd};
use mamori_model::{MetricKind, Operator, Vulnerability};

fn check(v: &Vulnerability, rows: &[(&str, &str)]) {
    for (field, want) in rows {
        let got = match *field {
            "status" => v.status.clone().unwrap_or_default(),
            "published" => v
                .published
                .map(|t| t.unix_timestamp().to_string())
                .unwrap_or_default(),
            "modified" => v
                .modified
                .map(|t| t.unix_timestamp().to_string())
                .unwrap_or_default(),
            "withdrawn" => v.withdrawn.is_some().to_string(),
            "descriptions" => v
                .descriptions
                .iter()
                .map(|d| d.lang.clone())
                .collect::<Vec<_>>()
                .join(" "),
            "cvss" => v
                .cvss
                .iter()
                .map(|c| {
                    let kind = match c.kind {
                        MetricKind::Primary => "P",
                        MetricKind::Secondary => "S",
                        MetricKind::Unspecified => "?",
                    };
                    format!("{} {:?} {} {kind}", c.vector, c.base_score, c.source)
                })
                .collect::<Vec<_>>()
                .join(" | "),
            "cwes" => v
                .cwes
                .iter()
                .map(|w| format!("{}@{}", w.cwe, w.source))
                .collect::<Vec<_>>()
                .join(" "),
            "kev" => v
                .kev
                .as_ref()
                .map(|k| {
                    format!(
                        "{:?} {:?} {}",
                        k.date_added,
                        k.due_date,
                        k.required_action.is_some()
                    )
                })
                .unwrap_or_default(),
            "configs" => v
                .cpe_configurations
                .iter()
                .map(|c| {
                    let nodes: Vec<String> = c
                        .nodes
                        .iter()
                        .map(|n| {
                            let op = if n.operator == Operator::And {
                                "AND"
                            } else {
                                "OR"
                            };
                            format!(
                                "{op}{}:{}",
                                if n.negate { "!" } else { "" },
                                n.matches.len()
                            )
                        })
                        .collect();
                    format!("{:?}[{}]", c.operator, nodes.join(","))
                })
                .collect::<Vec<_>>()
                .join(" "),
            "match_1_0_1" => {
                let m = &v.cpe_configurations[1].nodes[0].matches[1];
                format!(
                    "{} {} {:?} {:?} {:?} {:?} {:?}",
                    m.criteria,
                    m.vulnerable,
                    m.version_start_including,
                    m.version_start_excluding,
                    m.version_end_including,
                    m.version_end_excluding,
                    m.match_criteria_id
                )
            }
            "platform_0_1_0" => {
                let m = &v.cpe_configurations[0].nodes[1].matches[0];
                format!("{} {}", m.criteria, m.vulnerable)
            }
            "ref0" => format!(
                "{} [{}]",
                v.references[0].url,
                v.references[0].tags.join(",")
            ),
            other => panic!("unknown field {other}"),
        };
        assert_eq!(got, *want, "{} {field}", v.id);
    }
}

#[test]
fn every_sample_reads() {
    let Some(dir) = common::data_dir("nvd-cve-api-2.0-samples") else {
        return;
    };
    let mut expected_items = 0;
    let mut recs = Vec::new();
    let mut rejected = Vec::new();
    for f in common::files(&dir, &[".json"]) {
        if f.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("cvss-v")
        {
            continue; // CVSS JSON schemas, not responses
        }
        let bytes = std::fs::read(&f).unwrap();
        let doc: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        expected_items += doc.as_array().map_or(1, Vec::len);
        for r in nvd::read(&common::rel(&dir, &f), &bytes) {
            match r {
                Ok(v) => recs.push(v),
                Err(e) => rejected.push(e),
            }
        }
    }
    for e in &rejected {
        eprintln!("rejected: {e}");
    }
    // grype's processor test deliberately has one item with an empty id ("there is no CVE ID in
    // this test!!!"); a record without an id cannot be stored, so it is the one expected reject.
    let rejected: Vec<String> = rejected.iter().map(ToString::to_string).collect();
    assert_eq!(
        rejected,
        [
            "grype/grype/db/processors/testdata/nvd.json:/3/cve/id: bad nvd record: vulnerability id must not be empty"
        ]
    );
    assert_eq!(recs.len() + rejected.len(), expected_items);
    assert_eq!(expected_items, 41);

    let by = |file: &str| {
        recs.iter()
            .find(|v| v.provenance.file_name.ends_with(file))
            .unwrap_or_else(|| panic!("{file} not read"))
    };
    check(
        by("CVE-2017-5638-cvssv4-rating.json"),
        &[
            ("status", "Modified"),
            ("published", "1489201140"),
            ("withdrawn", "false"),
            (
                "cvss",
                "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H Some(10.0) nvd@nist.gov P",
            ),
            ("kev", "Some(2021-11-03) Some(2022-05-03) true"),
            ("cwes", "CWE-20@nvd@nist.gov"),
            (
                "ref0",
                "http://blog.talosintelligence.com/2017/03/apache-0-day-exploited.html [Technical Description,Third Party Advisory]",
            ),
        ],
    );
    check(
        by("v6/build/transformers/nvd/testdata/cve-2021-1566.json"),
        &[
            ("descriptions", "en es"),
            (
                "cvss",
                "AV:N/AC:M/Au:N/C:P/I:P/A:N Some(5.8) nvd@nist.gov P | CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N Some(7.4) psirt@cisco.com S | CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N Some(7.4) nvd@nist.gov P",
            ),
            ("cwes", "CWE-296@psirt@cisco.com CWE-295@nvd@nist.gov"),
            (
                "match_1_0_1",
                r#"cpe:2.3:o:cisco:asyncos:*:*:*:*:*:*:*:* true Some("13.0") None None Some("13.0.0-030") Some("BE1DE406-EA9E-40DD-B18B-C19DF63EC13B")"#,
            ),
        ],
    );
    check(
        by("v6/build/transformers/nvd/testdata/platform-cpe.json"),
        &[
            ("configs", "Some(And)[OR:11,OR:1] Some(And)[OR:2]"),
            (
                "platform_0_1_0",
                "cpe:2.3:o:microsoft:windows:-:*:*:*:*:*:*:* false",
            ),
        ],
    );
}

#[test]
fn bad_items_are_skipped_with_pointers() {
    let item = |id: &str| {
        format!(
            r#"{{"cve":{{"id":"{id}","published":"2020-01-01T00:00:00.000","descriptions":[]}}}}"#
        )
    };
    let page = |items: &[String]| {
        format!(
            r#"{{"resultsPerPage":{n},"startIndex":0,"totalResults":{n},"format":"NVD_CVE","version":"2.0","timestamp":"2024-01-01T00:00:00.000","vulnerabilities":[{}]}}"#,
            items.join(","),
            n = items.len()
        )
    };
    let wrong_type = r#"{"cve":{"id":"CVE-2","metrics":{"cvssMetricV31":[{"source":"x","type":"Primary","cvssData":{"vectorString":"CVSS:3.1/AV:N","baseScore":"high"}}]}}}"#;
    let bad_vector = r#"{"cve":{"id":"CVE-3","metrics":{"cvssMetricV2":[{"cvssData":{"vectorString":"nope"}}]}}}"#;
    let good = page(&[
        item("CVE-1"),
        wrong_type.to_owned(),
        bad_vector.to_owned(),
        item("CVE-4"),
    ]);
    let truncated = {
        let p = page(&[item("CVE-1"), item("CVE-2"), item("CVE-3")]);
        p[..p.len() - 40].to_owned()
    };
    let cases: Vec<Case<'_>> = vec![
        (
            "wrong type and bad vector in a page",
            good,
            vec![
                Ok("CVE-1"),
                Err("/vulnerabilities/1/cve/metrics/cvssMetricV31/0/cvssData/baseScore"),
                Err("/vulnerabilities/2/cve/metrics/cvssMetricV2/0/cvssData/vectorString"),
                Ok("CVE-4"),
            ],
        ),
        (
            "truncated page keeps the complete items",
            truncated,
            vec![Ok("CVE-1"), Ok("CVE-2"), Err("/vulnerabilities/2")],
        ),
        ("not json", "<html>".to_owned(), vec![Err("1:1")]),
        ("single item", item("CVE-9"), vec![Ok("CVE-9")]),
        (
            "rejected",
            r#"{"cve":{"id":"CVE-5","vulnStatus":"Rejected","lastModified":"2020-02-02T00:00:00"}}"#.to_owned(),
            vec![Ok("CVE-5 withdrawn")],
        ),
    ];
    for (name, input, want) in cases {
        let got: Vec<Result<String, String>> = nvd::read("page.json", input.as_bytes())
            .into_iter()
            .map(|r| {
                r.map(|v| {
                    if v.is_withdrawn() {
                        format!("{} withdrawn", v.id)
                    } else {
                        v.id.to_string()
                    }
                })
                .map_err(|e: FeedError| match e.location() {
                    Some(Location::Pointer(p)) => p.clone(),
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
