//! CVE JSON 5 reader tests: every vulnrichment and bulk-sample record reads, hand-checked CNA and ADP fields.

use crate::common;

use mamori_feeds::{FeedError, Location, cve5};
use mamori_model::{MetricKind, VersionStatus, Vulnerability};

fn field_of(v: &Vulnerability, field: &str) -> String {
    let list = |xs: Vec<String>| xs.join(" | ");
    match field {
        "state" => v.status.clone().unwrap_or_default(),
        "published" => v
            .published
            .map(|t| t.unix_timestamp().to_string())
            .unwrap_or_default(),
        "withdrawn" => v
            .withdrawn
            .map(|t| t.unix_timestamp().to_string())
            .unwrap_or_default(),
        "description0" => v
            .descriptions
            .first()
            .map(|d| format!("{}:{}", d.lang, d.text.len()))
            .unwrap_or_default(),
        "cvss" => list(
            v.cvss
                .iter()
                .map(|c| {
                    let kind = if c.kind == MetricKind::Primary {
                        "P"
                    } else {
                        "S"
                    };
                    format!("{} {:?} {} {kind}", c.vector, c.base_score, c.source)
                })
                .collect(),
        ),
        "cwes" => list(
            v.cwes
                .iter()
                .map(|w| format!("{}@{}", w.cwe, w.source))
                .collect(),
        ),
        "products" => list(
            v.affected_products
                .iter()
                .map(|p| {
                    format!(
                        "{}:{}/{} v{} cpes{}",
                        p.source,
                        p.vendor.as_deref().unwrap_or(""),
                        p.product.as_deref().unwrap_or(""),
                        p.versions.len(),
                        p.cpes.len()
                    )
                })
                .collect(),
        ),
        "version0" => {
            let p = &v.affected_products[0];
            let x = &p.versions[0];
            format!(
                "{:?} {} {:?} lt={:?} le={:?} type={:?}",
                p.default_status,
                x.version,
                x.status,
                x.less_than,
                x.less_than_or_equal,
                x.version_type
            )
        }
        "ssvc" => list(
            v.ssvc
                .iter()
                .map(|s| {
                    let o: Vec<String> =
                        s.options.iter().map(|(k, v)| format!("{k}={v}")).collect();
                    format!(
                        "{} {} {}",
                        s.source,
                        s.version.as_deref().unwrap_or(""),
                        o.join(",")
                    )
                })
                .collect(),
        ),
        "kev" => v
            .kev
            .as_ref()
            .map(|k| format!("{:?}", k.date_added))
            .unwrap_or_default(),
        "references" => v.references.len().to_string(),
        other => panic!("unknown field {other}"),
    }
}

fn check(recs: &[Vulnerability], id: &str, rows: &[(&str, &str)]) {
    let v = recs
        .iter()
        .find(|v| v.id.as_str() == id)
        .unwrap_or_else(|| panic!("{id} not read"));
    for (field, want) in rows {
        assert_eq!(field_of(v, field), *want, "{id} {field}");
    }
}

fn read_dir(sub: &str) -> Option<(usize, Vec<Vulnerability>)> {
    let dir = common::data_dir(sub)?;
    let files = common::files(&dir, &[".json"]);
    let mut recs = Vec::new();
    let mut rejected = Vec::new();
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        for r in cve5::read(&common::rel(&dir, f), &bytes) {
            match r {
                Ok(v) => recs.push(v),
                Err(e) => rejected.push(e),
            }
        }
    }
    for e in &rejected {
        eprintln!("rejected: {e}");
    }
    assert_eq!(rejected.len(), 0, "{sub}");
    Some((files.len(), recs))
}

#[test]
fn vulnrichment_all_read() {
    let Some((files, recs)) = read_dir("cve-records/vulnrichment") else {
        return;
    };
    assert_eq!(recs.len(), files);
    assert_eq!(files, 8297);
    let rejected = recs.iter().filter(|v| v.is_withdrawn()).count();
    let with_cisa_ssvc = recs
        .iter()
        .filter(|v| v.ssvc.iter().any(|s| s.source == "CISA-ADP"))
        .count();
    assert_eq!((rejected, with_cisa_ssvc), (19, 8278));
    check(
        &recs,
        "CVE-2019-1069",
        &[
            ("state", "PUBLISHED"),
            ("published", "1560347381"),
            (
                "cvss",
                "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H Some(7.8) CISA-ADP S",
            ),
            ("cwes", "CWE-59@CISA-ADP"),
            (
                "ssvc",
                "CISA-ADP 2.0.3 Exploitation=active,Automatable=no,Technical Impact=total",
            ),
            ("kev", "Some(2024-09-18)"),
            ("references", "3"),
        ],
    );
    check(
        &recs,
        "CVE-2022-1206",
        &[
            (
                "cvss",
                "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H Some(7.2) Wordfence P",
            ),
            ("cwes", "CWE-434@Wordfence"),
            (
                "version0",
                r#"Some(Unaffected) * Affected lt=None le=Some("5.13.2") type=Some("semver")"#,
            ),
            (
                "ssvc",
                "CISA-ADP 2.0.3 Exploitation=none,Automatable=no,Technical Impact=total",
            ),
            ("kev", ""),
        ],
    );
    check(
        &recs,
        "CVE-2019-25161",
        &[
            ("state", "REJECTED"),
            ("withdrawn", "1709027833"),
            ("description0", "en:74"),
        ],
    );
    let v = recs
        .iter()
        .find(|v| v.id.as_str() == "CVE-2019-1069")
        .unwrap();
    let adp_products: Vec<_> = v
        .affected_products
        .iter()
        .filter(|p| p.source == "CISA-ADP")
        .collect();
    assert_eq!(adp_products.len(), 3);
    assert_eq!(adp_products[0].cpes.len(), 4);
    assert_eq!(adp_products[2].versions[0].less_than.as_deref(), Some("*"));
    assert_eq!(adp_products[2].default_status, Some(VersionStatus::Unknown));
}

#[test]
fn bulk_samples_all_read() {
    let Some((files, recs)) = read_dir("cve-records/cvelist-bulk-download-samples") else {
        return;
    };
    assert_eq!((files, recs.len()), (5, 5));
    check(&recs, "CVE-1999-0001", &[("state", "PUBLISHED")]);
}

#[test]
fn bad_records_are_reported_with_pointers() {
    let rec = |id: &str, extra: &str| {
        format!(
            r#"{{"dataType":"CVE_RECORD","dataVersion":"5.1","cveMetadata":{{"cveId":"{id}","state":"PUBLISHED"}},"containers":{{"cna":{{"providerMetadata":{{"orgId":"x","shortName":"acme"}}{extra}}}}}}}"#
        )
    };
    let cases = [
        ("one record", rec("CVE-1", ""), vec![Ok("CVE-1")]),
        (
            "array with a bad version status",
            format!(
                "[{},{},{}]",
                rec("CVE-1", ""),
                rec(
                    "CVE-2",
                    r#","affected":[{"versions":[{"version":"1","status":"maybe"}]}]"#
                ),
                rec("CVE-3", "")
            ),
            vec![
                Ok("CVE-1"),
                Err("/1/containers/cna/affected/0/versions/0/status"),
                Ok("CVE-3"),
            ],
        ),
        (
            "wrong type",
            rec("CVE-4", r#","metrics":[{"cvssV3_1":{"vectorString":7}}]"#),
            vec![Err("/containers/cna/metrics/0/cvssV3_1/vectorString")],
        ),
        (
            "truncated",
            rec("CVE-5", "")[..60].to_owned(),
            vec![Err("1:60")],
        ),
    ];
    for (name, input, want) in cases {
        let got: Vec<Result<String, String>> = cve5::read("r.json", input.as_bytes())
            .into_iter()
            .map(|r| {
                r.map(|v| v.id.to_string())
                    .map_err(|e: FeedError| match e.location() {
                        Some(Location::Pointer(p)) => p.clone(),
                        Some(l) => l.to_string(),
                        None => e.to_string(),
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
