//! JVN reader tests: every MyJVN XML response in the shared data, hand-checked fields, languages, paging, bad input.

use crate::common;

use std::path::Path;

use mamori_feeds::jvn::{self, JvnDocument, JvnKind};
use mamori_feeds::{FeedError, Location};
use mamori_model::CvssVersion;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/jvn")
            .join(name),
    )
    .unwrap()
}

/// Entries of a response counted without the reader: RSS `<item ` or VULDEF `<Vulinfo>` start tags.
fn count_entries(text: &str) -> usize {
    text.matches("<item ").count()
        + text.matches("<item>").count()
        + text.matches("<Vulinfo>").count()
}

#[test]
fn every_myjvn_xml_response_reads() {
    let Some(dir) = common::data_dir("jvn/myjvn-np/examples") else {
        return;
    };
    let files = common::files(&dir, &[".xml"]);
    let (mut read, mut other, mut entries, mut warnings) = (0, 0, 0, 0);
    let mut rejects = Vec::new();
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let name = common::rel(&dir, f);
        let text = String::from_utf8(bytes.clone()).unwrap();
        let vuln_file = text.contains("<VULDEF-Document") || text.contains("<rdf:RDF");
        match jvn::read(&name, &bytes) {
            Ok(doc) => {
                assert!(vuln_file, "{name} read as JVN");
                for w in &doc.warnings {
                    eprintln!("warning: {w}");
                }
                warnings += doc.warnings.len();
                read += 1;
                rejects.extend(
                    doc.entries
                        .iter()
                        .filter_map(|e| e.as_ref().err())
                        .map(ToString::to_string),
                );
                assert_eq!(doc.entries.len(), count_entries(&text), "{name}");
                entries += doc.entries.len();
                for e in doc.entries.iter().flatten() {
                    let v = &e.vulnerability;
                    assert!(v.id.as_str().starts_with("JVNDB-"), "{name}: {}", v.id);
                    assert!(
                        !v.titles.is_empty() && v.titles.iter().all(|t| t.lang == "ja"),
                        "{name}: {}",
                        v.id
                    );
                    assert!(
                        v.published.is_some() && v.modified.is_some(),
                        "{name}: {}",
                        v.id
                    );
                }
            }
            Err(FeedError::WrongKind { .. }) => {
                assert!(!vuln_file, "{name} refused");
                other += 1;
            }
            Err(e) => panic!("{name}: {e}"),
        }
    }
    for r in &rejects {
        eprintln!("reject: {r}");
    }
    eprintln!(
        "jvn: {read} vulnerability responses with {entries} entries, {other} other MyJVN responses refused as not JVN vulnerability data"
    );
    assert!(rejects.is_empty());
    assert_eq!((read, other), (7, 9));
    assert_eq!(entries, 2 + 4 + 4 + 7);
    // dataFeed_jvndb_rss_hnd.xml writes `retCd= 0`; its items still read and its status is read leniently.
    assert_eq!(warnings, 1);
    let feed = jvn::read(
        "rss",
        &std::fs::read(dir.join("hnd/dataFeed_jvndb_rss_hnd.xml")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        feed.warnings[0].location(),
        Some(&Location::LineColumn {
            line: 116,
            column: 10
        })
    );
    let st = feed.status.unwrap();
    assert_eq!(
        (st.ret_cd, st.total_res, st.first_res, st.method.as_deref()),
        (Some(0), Some(26432), None, Some("getVulnOverviewList"))
    );
}

/// (file, entry index, id, aliases, CWEs, CVSS (version, vector, score), severity, first product (vendor, product, cpe, versions), title start, published, modified)
type Row = (
    &'static str,
    usize,
    &'static str,
    &'static [&'static str],
    &'static [u32],
    &'static [(CvssVersion, &'static str, f64)],
    Option<&'static str>,
    (
        &'static str,
        &'static str,
        Option<&'static str>,
        &'static [&'static str],
    ),
    &'static str,
    &'static str,
    &'static str,
);

fn check_row(doc: &JvnDocument, row: &Row) {
    let (file, index, id, aliases, cwes, cvss, severity, product, title, published, modified) =
        *row;
    let e = doc.entries[index].as_ref().unwrap();
    let v = &e.vulnerability;
    assert_eq!(v.id.as_str(), id, "{file}");
    assert_eq!(
        v.aliases.iter().map(|a| a.as_str()).collect::<Vec<_>>(),
        aliases,
        "{id}"
    );
    assert_eq!(
        v.cwes.iter().map(|w| w.cwe.number()).collect::<Vec<_>>(),
        cwes,
        "{id}"
    );
    assert!(v.cwes.iter().all(|w| w.source == "JVN"));
    let got: Vec<_> = v
        .cvss
        .iter()
        .map(|c| (c.version, c.vector.as_str(), c.base_score.unwrap()))
        .collect();
    assert_eq!(got, cvss, "{id}");
    assert_eq!(v.severity.as_deref(), severity, "{id}");
    let p = &v.jvn_products[0];
    assert_eq!(
        (p.vendor.as_str(), p.product.as_str(), p.cpe.as_deref()),
        (product.0, product.1, product.2),
        "{id}"
    );
    assert_eq!(p.versions, product.3, "{id}");
    assert!(
        v.titles[0].text.starts_with(title),
        "{id}: {}",
        v.titles[0].text
    );
    assert_eq!(v.titles[0].lang, "ja");
    let rfc = |t: Option<time::OffsetDateTime>| {
        t.map(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .unwrap()
        })
        .unwrap_or_default()
    };
    assert_eq!(rfc(v.published), published, "{id}");
    assert_eq!(rfc(v.modified), modified, "{id}");
}

#[test]
fn hand_checked_entries() {
    let Some(dir) = common::data_dir("jvn/myjvn-np/examples/hnd") else {
        return;
    };
    let rows: [Row; 4] = [
        (
            "getVulnOverviewList_hnd.xml",
            0,
            "JVNDB-2025-002953",
            &["CVE-2025-31084"],
            &[502],
            &[(
                CvssVersion::V3_0,
                "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
                9.8,
            )],
            Some("Critical"),
            (
                "Sunshine Photo Cart",
                "Sunshine Photo Cart",
                Some("cpe:/a:sunshinephotocart:sunshine_photo_cart"),
                &[],
            ),
            "WordPress 用 Sunshine Photo Cart における",
            "2025-04-04T14:45:58+09:00",
            "2025-04-04T14:45:58+09:00",
        ),
        (
            "getVulnOverviewList_hnd.xml",
            1,
            "JVNDB-2025-002884",
            &["CVE-2025-23120"],
            &[502],
            &[],
            None,
            (
                "Rockwell Automation",
                "Industrial Data Center (IDC) with Veeam",
                Some("cpe:/a:rockwellautomation:industrial_data_center_%28idc%29_with_veeam"),
                &[],
            ),
            "複数の Rockwell Automation 製品",
            "2025-04-03T12:27:09+09:00",
            "2025-04-03T12:27:09+09:00",
        ),
        (
            "getVulnDetailInfo_hnd_JVNDB-2021-002774.xml",
            0,
            "JVNDB-2021-002774",
            &["CVE-2021-36745"],
            &[],
            &[],
            None,
            (
                "トレンドマイクロ",
                "Trend Micro ServerProtect",
                Some("cpe:/a:trendmicro:serverprotect"),
                &[
                    "for EMC Celerra 5.8 (Build 1577) 未満",
                    "for NetApp 5.8 (Build 1299) 未満",
                    "for Storage 6.0 (Build 1284) 未満",
                    "for Windows 5.8 (Build 1575) 未満",
                ],
            ),
            "トレンドマイクロ製 ServerProtect",
            "2021-10-01T14:00:11+09:00",
            "2021-10-01T14:00:11+09:00",
        ),
        (
            "getVulnDetailInfo_hnd_JVNDB-2018-009328.xml",
            0,
            "JVNDB-2018-009328",
            &[],
            &[],
            &[
                (CvssVersion::V2, "AV:N/AC:L/Au:N/C:C/I:C/A:C", 10.0),
                (
                    CvssVersion::V3_0,
                    "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
                    9.8,
                ),
            ],
            Some("Critical"),
            (
                "ベリタス",
                "Veritas NetBackup",
                Some("cpe:/a:veritas:netbackup"),
                &["7.7", "8.0", "8.1"],
            ),
            "JP1/VERITAS 製品における複数の脆弱性",
            "2018-11-15T16:17:27+09:00",
            "2018-11-20T12:12:04+09:00",
        ),
    ];
    for row in &rows {
        let doc = jvn::read(row.0, &std::fs::read(dir.join(row.0)).unwrap()).unwrap();
        check_row(&doc, row);
    }

    // Paging and the detail-only texts.
    let list = jvn::read(
        "l",
        &std::fs::read(dir.join("getVulnOverviewList_hnd.xml")).unwrap(),
    )
    .unwrap();
    let st = list.status.as_ref().unwrap();
    assert_eq!(
        (
            list.kind,
            st.total_res,
            st.total_res_ret,
            st.first_res,
            st.next_start(),
            st.is_error()
        ),
        (JvnKind::Overview, Some(6), Some(2), Some(1), Some(3), false)
    );
    assert_eq!(list.tlp.as_deref(), Some("WHITE"));
    let d = jvn::read(
        "d",
        &std::fs::read(dir.join("getVulnDetailInfo_hnd_JVNDB-2018-009328.xml")).unwrap(),
    )
    .unwrap();
    let e = d.entries[0].as_ref().unwrap();
    assert_eq!(d.kind, JvnKind::Detail);
    assert_eq!(
        e.history
            .iter()
            .map(|h| (h.number, h.description.text.as_str()))
            .collect::<Vec<_>>(),
        [
            (Some(1), "[2018年11月15日]\\n  掲載"),
            (
                Some(2),
                "[2018年11月20日]\\n  CVSS による深刻度：内容を更新"
            )
        ]
    );
    assert_eq!(
        e.solution[0].text,
        "ベンダより正式な対策が公開されています。ベンダ情報を参照して適切な対策を実施してください。"
    );
    assert_eq!(
        e.impact[0].text,
        "想定される影響については、ベンダ情報をご確認ください。"
    );
    assert_eq!(e.date_public.map(|t| t.unix_timestamp()), Some(1542121200));
    assert_eq!(e.vulnerability.jvn_products[1].vendor, "日立");
}

#[test]
fn english_and_mixed_languages_and_bad_items() {
    let doc = jvn::read("overview-en.xml", &fixture("overview-en.xml")).unwrap();
    assert_eq!(doc.lang.as_deref(), Some("en"));
    assert_eq!(doc.status.as_ref().and_then(|s| s.next_start()), Some(55));
    let e = doc.entries[0].as_ref().unwrap();
    let v = &e.vulnerability;
    assert_eq!(
        (v.titles[0].lang.as_str(), v.titles[0].text.as_str()),
        ("en", "Infusion pump gateway accepts unsigned firmware")
    );
    assert_eq!(v.aliases[0].as_str(), "CVE-2025-900001");
    assert_eq!(v.cwes[0].cwe.number(), 347);
    // The 2.0 entry has no vector: its severity counts, no score is kept.
    assert_eq!(v.cvss.len(), 1);
    assert_eq!(v.severity.as_deref(), Some("High"));
    assert_eq!(v.published.map(|t| t.unix_timestamp()), Some(1745971200));
    // Empty dcterms:modified falls back to dc:date (no seconds).
    assert_eq!(v.modified.map(|t| t.unix_timestamp()), Some(1746061200));
    assert_eq!(
        v.references
            .iter()
            .map(|r| r.tags.join(","))
            .collect::<Vec<_>>(),
        ["JVNDB", "CVE", "CWE"]
    );
    let loc = |i: usize| {
        doc.entries[i]
            .as_ref()
            .err()
            .and_then(FeedError::location)
            .cloned()
    };
    assert_eq!(
        loc(1),
        Some(Location::LineColumn {
            line: 23,
            column: 3
        })
    );
    assert_eq!(
        loc(2),
        Some(Location::LineColumn {
            line: 29,
            column: 5
        })
    );
    let mixed = &doc.entries[3].as_ref().unwrap().vulnerability;
    assert_eq!(
        (
            mixed.titles[0].lang.as_str(),
            mixed.descriptions[0].lang.as_str()
        ),
        ("en", "ja")
    );

    let bad = jvn::read("detail-bad.xml", &fixture("detail-bad.xml")).unwrap();
    let outcomes: Vec<_> = bad
        .entries
        .iter()
        .map(|r| {
            r.as_ref()
                .map(|e| e.vulnerability.id.as_str().to_owned())
                .map_err(|e| e.location().cloned())
        })
        .collect();
    assert_eq!(
        outcomes,
        [
            Err(Some(Location::LineColumn { line: 4, column: 3 })),
            Ok("JVNDB-2025-900010".to_owned()),
            Err(Some(Location::LineColumn {
                line: 36,
                column: 15
            })),
        ]
    );
    let good = bad.entries[1].as_ref().unwrap();
    assert_eq!(
        (good.impact[0].lang.as_str(), good.solution[0].text.as_str()),
        ("en", "Update to 1.5.")
    );
    assert!(good.vulnerability.cwes.is_empty());

    let err = jvn::read("error-status.xml", &fixture("error-status.xml")).unwrap();
    let st = err.status.unwrap();
    assert!(st.is_error() && err.entries.is_empty());
    assert_eq!(
        (st.err_cd.as_deref(), st.next_start()),
        (Some("1001"), None)
    );

    assert!(matches!(
        jvn::read("dtd.xml", &fixture("dtd.xml")),
        Err(FeedError::Malformed { format: "XML", .. })
    ));
    assert!(matches!(
        jvn::read("truncated.xml", &fixture("truncated.xml")),
        Err(FeedError::Malformed { .. })
    ));
    assert!(matches!(
        jvn::read("x.xml", b"<feed xmlns=\"http://www.w3.org/2005/Atom\"/>"),
        Err(FeedError::WrongKind { .. })
    ));
    assert!(matches!(
        jvn::read("x.xml", b"\xff<a/>"),
        Err(FeedError::Malformed { .. })
    ));
}
