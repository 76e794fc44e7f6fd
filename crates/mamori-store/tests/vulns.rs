//! Vulnerability import: change detection, replacement, withdrawn records, refused records and files, aliases, on SQLite and PostgreSQL alike.

use crate::common;

use mamori_model::{
    AffectedPackage, AffectedProduct, AffectedRange, CpeConfiguration, CpeMatch, CpeNode, Credit,
    CsafProduct, CvssScore, CvssVersion, CweId, EpssScore, InformationalKind, JvnProduct, KevEntry,
    KevStatus, LocalizedText, MetricKind, Operator, ProductStatus, ProductVersion, Provenance,
    RangeEvent, RangeKind, Reference, Remediation, SourceKind, SsvcDecision, VersionStatus, VulnId,
    Vulnerability, Weakness,
};
use mamori_store::{Counts, FeedFile, FeedFileError, FeedRecord, ImportReport, Store};
use sha2::{Digest, Sha256};
use sqlx::Row;
use time::OffsetDateTime;
use time::macros::{date, datetime};

const T0: OffsetDateTime = datetime!(2026-11-25 12:00 UTC);
const T1: OffsetDateTime = datetime!(2026-11-26 12:00 UTC);

/// A record as a reader would give it; `content` stands for the record's bytes.
fn vuln(
    source: SourceKind,
    id: &str,
    modified: OffsetDateTime,
    packages: &[(&str, &str)],
    content: &str,
) -> Vulnerability {
    let prov = Provenance {
        source,
        file_name: format!("{id}.json"),
        sha256: Sha256::digest(content.as_bytes()).into(),
        imported: None,
    };
    let mut v = Vulnerability::new(VulnId::new(id).unwrap(), prov);
    v.modified = Some(modified);
    for (eco, name) in packages {
        v.affected_packages.push(AffectedPackage {
            ecosystem: (*eco).into(),
            name: (*name).into(),
            ranges: vec![AffectedRange {
                kind: RangeKind::Ecosystem,
                repo: None,
                events: vec![
                    RangeEvent::Introduced("0".into()),
                    RangeEvent::Fixed("2.0".into()),
                ],
            }],
            ..AffectedPackage::default()
        });
    }
    v
}

fn file(source: SourceKind, name: &str, records: Vec<Vulnerability>) -> FeedFile {
    FeedFile {
        sha256: None,
        file_name: name.into(),
        source,
        records: records
            .into_iter()
            .map(|v| FeedRecord::Vulnerability(Box::new(v)))
            .collect(),
        rejected: Vec::new(),
        document: None,
    }
}

fn counts(added: u64, updated: u64, unchanged: u64, rejected: u64) -> Counts {
    Counts {
        added,
        updated,
        unchanged,
        rejected,
    }
}

/// Row ids and import times of every stored record: what "nothing rewritten" compares.
async fn snapshot(s: &Store) -> Vec<(i64, String, String)> {
    sqlx::query("SELECT id, record_id, imported_at FROM vulnerabilities ORDER BY id")
        .fetch_all(s.pool())
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect()
}

async fn ids_for_package(s: &Store, eco: &str, name: &str) -> Vec<String> {
    s.vulnerabilities_for_package(eco, name)
        .await
        .unwrap()
        .iter()
        .map(|v| v.id.to_string())
        .collect()
}

#[tokio::test]
async fn importing_the_same_file_twice_changes_nothing_the_second_time() {
    for t in common::stores().await {
        let s = &t.store;
        let records = || {
            vec![
                vuln(
                    SourceKind::Osv,
                    "PYSEC-2024-1",
                    T0,
                    &[("PyPI", "Django")],
                    "a",
                ),
                vuln(
                    SourceKind::Osv,
                    "PYSEC-2024-2",
                    T0,
                    &[("PyPI", "requests")],
                    "b",
                ),
                vuln(SourceKind::Osv, "GO-2024-3", T0, &[("Go", "stdlib")], "c"),
            ]
        };
        let first = s
            .import_feed(file(SourceKind::Osv, "f.json", records()), T0)
            .await
            .unwrap();
        assert_eq!(first.counts["osv:PyPI"], counts(2, 0, 0, 0), "{}", t.name);
        assert_eq!(first.counts["osv:Go"], counts(1, 0, 0, 0), "{}", t.name);
        assert!(
            first
                .changed
                .packages
                .contains(&("PyPI".into(), "django".into())),
            "{}",
            t.name
        );
        let before = snapshot(s).await;

        let second = s
            .import_feed(file(SourceKind::Osv, "f.json", records()), T1)
            .await
            .unwrap();
        assert_eq!(second.counts["osv:PyPI"], counts(0, 0, 2, 0), "{}", t.name);
        assert_eq!(second.counts["osv:Go"], counts(0, 0, 1, 0), "{}", t.name);
        assert!(
            second.changed.is_empty(),
            "{}: {:?}",
            t.name,
            second.changed
        );
        assert_eq!(snapshot(s).await, before, "{}: rows were rewritten", t.name);
        assert_eq!(
            ids_for_package(s, "PyPI", "DJANGO").await,
            ["PYSEC-2024-1"],
            "{}",
            t.name
        );
    }
}

#[tokio::test]
async fn a_newer_record_replaces_the_stored_one_and_an_older_one_does_not() {
    for t in common::stores().await {
        let s = &t.store;
        let v1 = vuln(
            SourceKind::Osv,
            "GHSA-aaaa-bbbb-cccc",
            T0,
            &[("npm", "left-pad")],
            "v1",
        );
        s.import_feed(file(SourceKind::Osv, "v1.json", vec![v1]), T0)
            .await
            .unwrap();

        // (record, expected counts, packages that must find it, packages that must not, changed packages)
        type Case = (
            Vulnerability,
            Counts,
            &'static [(&'static str, &'static str)],
            &'static [(&'static str, &'static str)],
            &'static [(&'static str, &'static str)],
        );
        let cases: Vec<Case> = vec![
            (
                vuln(
                    SourceKind::Osv,
                    "GHSA-aaaa-bbbb-cccc",
                    T1,
                    &[("npm", "right-pad")],
                    "v2",
                ),
                counts(0, 1, 0, 0),
                &[("npm", "right-pad")],
                &[("npm", "left-pad")],
                &[("npm", "left-pad"), ("npm", "right-pad")],
            ),
            (
                vuln(
                    SourceKind::Osv,
                    "GHSA-aaaa-bbbb-cccc",
                    T0,
                    &[("npm", "old-pad")],
                    "v0",
                ),
                counts(0, 0, 1, 0),
                &[("npm", "right-pad")],
                &[("npm", "old-pad"), ("npm", "left-pad")],
                &[],
            ),
        ];
        for (record, want, found, not_found, changed) in cases {
            let r = s
                .import_feed(file(SourceKind::Osv, "x.json", vec![record]), T1)
                .await
                .unwrap();
            assert_eq!(r.counts["osv:npm"], want, "{}", t.name);
            let got: Vec<(String, String)> = r.changed.packages.into_iter().collect();
            let want_changed: Vec<(String, String)> = changed
                .iter()
                .map(|(e, n)| ((*e).into(), (*n).into()))
                .collect();
            assert_eq!(got, want_changed, "{}", t.name);
            for (e, n) in found {
                assert_eq!(
                    ids_for_package(s, e, n).await,
                    ["GHSA-aaaa-bbbb-cccc"],
                    "{}: {n}",
                    t.name
                );
            }
            for (e, n) in not_found {
                assert!(ids_for_package(s, e, n).await.is_empty(), "{}: {n}", t.name);
            }
        }
        assert_eq!(
            s.vuln_stats().await.unwrap().vulnerabilities,
            1,
            "{}",
            t.name
        );
    }
}

#[tokio::test]
async fn withdrawn_records_are_stored_with_their_flag_and_not_matched() {
    for t in common::stores().await {
        let s = &t.store;
        let mut w = vuln(
            SourceKind::Osv,
            "RUSTSEC-2024-0001",
            T0,
            &[("crates.io", "time")],
            "w",
        );
        w.withdrawn = Some(T1);
        let live = vuln(
            SourceKind::Osv,
            "RUSTSEC-2024-0002",
            T0,
            &[("crates.io", "time")],
            "l",
        );
        s.import_feed(file(SourceKind::Osv, "r.json", vec![w, live]), T0)
            .await
            .unwrap();
        let stats = s.vuln_stats().await.unwrap();
        assert_eq!(
            (stats.vulnerabilities, stats.withdrawn),
            (2, 1),
            "{}",
            t.name
        );
        assert_eq!(
            ids_for_package(s, "crates.io", "Time").await,
            ["RUSTSEC-2024-0002"],
            "{}",
            t.name
        );
        let stored = s.vulnerabilities(&["rustsec-2024-0001"]).await.unwrap();
        assert_eq!(stored.len(), 1, "{}", t.name);
        assert_eq!(stored[0].withdrawn, Some(T1), "{}", t.name);
    }
}

/// Reads `bytes` as a feed file and imports it: the report, or why the file was refused.
async fn check_file(s: &Store, name: &str, bytes: &[u8]) -> Result<ImportReport, FeedFileError> {
    s.import_feed_file(name, bytes, None, T0).await
}

#[tokio::test]
async fn a_bad_record_is_skipped_with_its_place_and_the_rest_goes_in() {
    let osv = br#"[
      {"schema_version":"1.6.0","id":"PYSEC-1","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"PyPI","name":"a"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1"}]}]}]},
      {"schema_version":"1.6.0","id":"PYSEC-2","modified":"not a date","affected":[{"package":{"ecosystem":"PyPI","name":"b"}}]},
      {"schema_version":"1.6.0","id":"PYSEC-3","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"PyPI","name":"c"}}]}
    ]"#;
    for t in common::stores().await {
        let s = &t.store;
        let r = check_file(s, "batch.json", osv).await.unwrap();
        assert_eq!(r.counts["osv:PyPI"], counts(2, 0, 0, 0), "{}", t.name);
        assert_eq!(r.counts["osv"], counts(0, 0, 0, 1), "{}", t.name);
        assert_eq!(r.rejected.len(), 1, "{}", t.name);
        assert!(
            r.rejected[0].starts_with("batch.json:/1"),
            "{}: {}",
            t.name,
            r.rejected[0]
        );
        assert_eq!(
            s.vuln_stats().await.unwrap().vulnerabilities,
            2,
            "{}",
            t.name
        );
    }
}

#[tokio::test]
async fn a_failing_file_leaves_nothing_of_itself() {
    let truncated = br#"[{"schema_version":"1.6.0","id":"PYSEC-1","modified":"2024-01-01T00:00:00Z","affected":[]},{"id":"PYSEC-2","modif"#;
    for t in common::stores().await {
        let s = &t.store;
        let err = check_file(s, "cut.json", truncated).await.unwrap_err();
        assert!(matches!(err, FeedFileError::Bad(_)), "{}: {err}", t.name);
        assert!(
            err.to_string().starts_with("cut.json:"),
            "{}: {err}",
            t.name
        );
        let err = check_file(s, "notes.txt", b"hello").await.unwrap_err();
        assert!(
            matches!(err, FeedFileError::Unrecognized { .. }),
            "{}: {err}",
            t.name
        );

        // The database refuses the third record's package row: the first two records,
        // already inserted in the same transaction, must go too.
        let trigger = match s.backend() {
            mamori_store::Backend::Sqlite => vec![
                "CREATE TRIGGER refuse BEFORE INSERT ON vuln_packages WHEN NEW.name = 'poison' BEGIN SELECT RAISE(ABORT, 'refused'); END",
            ],
            mamori_store::Backend::Postgres => vec![
                "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN IF NEW.name = 'poison' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END; $$ LANGUAGE plpgsql",
                "CREATE TRIGGER refuse BEFORE INSERT ON vuln_packages FOR EACH ROW EXECUTE FUNCTION refuse()",
            ],
        };
        for sql in trigger {
            sqlx::query(sql).execute(s.pool()).await.unwrap();
        }
        let f = file(
            SourceKind::Osv,
            "poisoned.json",
            vec![
                vuln(SourceKind::Osv, "GO-1", T0, &[("Go", "a")], "1"),
                vuln(SourceKind::Osv, "GO-2", T0, &[("Go", "b")], "2"),
                vuln(SourceKind::Osv, "GO-3", T0, &[("Go", "poison")], "3"),
            ],
        );
        assert!(s.import_feed(f, T0).await.is_err(), "{}", t.name);
        let stats = s.vuln_stats().await.unwrap();
        assert_eq!((stats.vulnerabilities, stats.aliases), (0, 0), "{}", t.name);
        for table in [
            "vuln_packages",
            "vuln_cpes",
            "vuln_products",
            "kev_entries",
            "epss_scores",
        ] {
            let n: i64 = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
                .fetch_one(s.pool())
                .await
                .unwrap()
                .get(0);
            assert_eq!(n, 0, "{}: {table}", t.name);
        }
    }
}

#[tokio::test]
async fn aliases_group_records_of_every_feed_both_ways() {
    for t in common::stores().await {
        let s = &t.store;
        let mut ghsa = vuln(
            SourceKind::Osv,
            "GHSA-jfh8-c2jp-5v3q",
            T0,
            &[("Maven", "org.apache.logging.log4j:log4j-core")],
            "g",
        );
        ghsa.aliases = vec![VulnId::new("CVE-2021-44228").unwrap()];
        let nvd = vuln(SourceKind::Nvd, "CVE-2021-44228", T0, &[], "n");
        let mut jvn = vuln(SourceKind::Jvn, "JVNDB-2021-005429", T0, &[], "j");
        jvn.aliases = vec![VulnId::new("cve-2021-44228").unwrap()];
        let other = vuln(SourceKind::Nvd, "CVE-2021-45046", T0, &[], "o");
        s.import_feed(file(SourceKind::Osv, "g.json", vec![ghsa]), T0)
            .await
            .unwrap();
        s.import_feed(file(SourceKind::Nvd, "n.json", vec![nvd, other]), T0)
            .await
            .unwrap();
        s.import_feed(file(SourceKind::Jvn, "j.xml", vec![jvn]), T0)
            .await
            .unwrap();
        // A record naming two CVEs joins both groups and never glues them together.
        let mut both = vuln(SourceKind::Osv, "PYSEC-2021-1", T0, &[("PyPI", "x")], "p");
        both.aliases = vec![
            VulnId::new("CVE-2021-44228").unwrap(),
            VulnId::new("CVE-2021-45046").unwrap(),
        ];
        s.import_feed(file(SourceKind::Osv, "p.json", vec![both]), T0)
            .await
            .unwrap();
        let group = [
            "CVE-2021-44228",
            "GHSA-jfh8-c2jp-5v3q",
            "JVNDB-2021-005429",
            "PYSEC-2021-1",
        ];
        // (query, expected groups as anchor and ids)
        type Groups<'a> = Vec<(&'a str, Vec<&'a str>)>;
        let cases: [(&str, Groups); 4] = [
            ("cve-2021-44228", vec![("CVE-2021-44228", group.to_vec())]),
            (
                "GHSA-JFH8-C2JP-5V3Q",
                vec![("CVE-2021-44228", group.to_vec())],
            ),
            (
                "JVNDB-2021-005429",
                vec![("CVE-2021-44228", group.to_vec())],
            ),
            (
                "CVE-2021-45046",
                vec![("CVE-2021-45046", vec!["CVE-2021-45046", "PYSEC-2021-1"])],
            ),
        ];
        for (query, want) in cases {
            let got: Vec<(String, Vec<String>)> = s
                .alias_groups(query)
                .await
                .unwrap()
                .into_iter()
                .map(|g| (g.anchor, g.ids))
                .collect();
            let want: Vec<(String, Vec<String>)> = want
                .into_iter()
                .map(|(a, ids)| (a.to_owned(), ids.into_iter().map(str::to_owned).collect()))
                .collect();
            assert_eq!(got, want, "{}: {query}", t.name);
        }
        let group = ["CVE-2021-44228", "GHSA-jfh8-c2jp-5v3q", "JVNDB-2021-005429"];
        let loaded = s.vulnerabilities(&group).await.unwrap();
        assert_eq!(loaded.len(), 3, "{}", t.name);
        let by_source = s.vuln_stats().await.unwrap().by_source;
        let want: Vec<(&str, i64)> =
            vec![("jvn", 1), ("nvd", 2), ("osv:Maven", 1), ("osv:PyPI", 1)];
        assert_eq!(
            by_source
                .iter()
                .map(|(k, n)| (k.as_str(), *n))
                .collect::<Vec<_>>(),
            want,
            "{}",
            t.name
        );
    }
}

#[tokio::test]
async fn kev_entries_and_epss_scores_update_only_when_they_change() {
    let kev = |ransomware: Option<bool>| KevEntry {
        cve: VulnId::new("CVE-2021-44228").unwrap(),
        vendor_project: "Apache".into(),
        product: "Log4j2".into(),
        short_description: "RCE".into(),
        status: KevStatus {
            date_added: Some(date!(2021 - 12 - 10)),
            due_date: Some(date!(2021 - 12 - 24)),
            required_action: Some("Apply updates".into()),
            vulnerability_name: Some("Log4Shell".into()),
            ransomware_use: ransomware,
        },
        notes: String::new(),
        cwes: vec![CweId::new(917)],
    };
    let epss = |score: f64, day: time::Date| EpssScore {
        cve: VulnId::new("CVE-2021-44228").unwrap(),
        score,
        percentile: 0.99,
        date: Some(day),
        model_version: Some("v2025.03.14".into()),
    };
    let records = |records: Vec<FeedRecord>, source| FeedFile {
        sha256: None,
        file_name: "x".into(),
        source,
        records,
        rejected: vec![],
        document: None,
    };
    // (records, source key, expected counts)
    let steps: Vec<(Vec<FeedRecord>, SourceKind, &str, Counts)> = vec![
        (
            vec![FeedRecord::Kev(kev(None))],
            SourceKind::Kev,
            "kev",
            counts(1, 0, 0, 0),
        ),
        (
            vec![FeedRecord::Kev(kev(None))],
            SourceKind::Kev,
            "kev",
            counts(0, 0, 1, 0),
        ),
        (
            vec![FeedRecord::Kev(kev(Some(true)))],
            SourceKind::Kev,
            "kev",
            counts(0, 1, 0, 0),
        ),
        (
            vec![FeedRecord::Epss(epss(0.5, date!(2025 - 08 - 24)))],
            SourceKind::Epss,
            "epss",
            counts(1, 0, 0, 0),
        ),
        (
            vec![FeedRecord::Epss(epss(0.5, date!(2025 - 08 - 24)))],
            SourceKind::Epss,
            "epss",
            counts(0, 0, 1, 0),
        ),
        (
            vec![FeedRecord::Epss(epss(0.9, date!(2025 - 08 - 25)))],
            SourceKind::Epss,
            "epss",
            counts(0, 1, 0, 0),
        ),
        (
            vec![FeedRecord::Epss(epss(0.1, date!(2025 - 08 - 20)))],
            SourceKind::Epss,
            "epss",
            counts(0, 0, 1, 0),
        ),
    ];
    for t in common::stores().await {
        let s = &t.store;
        for (i, (recs, source, key, want)) in steps.clone().into_iter().enumerate() {
            let r = s.import_feed(records(recs, source), T0).await.unwrap();
            assert_eq!(r.counts[key], want, "{}: step {i}", t.name);
        }
        assert_eq!(
            s.kev_entry("cve-2021-44228").await.unwrap(),
            Some(kev(Some(true))),
            "{}",
            t.name
        );
        assert_eq!(
            s.epss_score("CVE-2021-44228").await.unwrap(),
            Some(epss(0.9, date!(2025 - 08 - 25))),
            "{}",
            t.name
        );
        let by_source = s.vuln_stats().await.unwrap().by_source;
        assert_eq!((by_source["kev"], by_source["epss"]), (1, 1), "{}", t.name);
    }
}

/// A record with every field the model has, to prove the stored JSON keeps all of it.
fn everything() -> Vulnerability {
    let mut v = vuln(
        SourceKind::Csaf,
        "ICSA-24-001-01",
        T0,
        &[("Debian:12", "openssl")],
        "full",
    );
    v.aliases = vec![VulnId::new("CVE-2024-0001").unwrap()];
    v.related = vec![VulnId::new("CVE-2024-0002").unwrap()];
    v.titles = vec![
        LocalizedText::new("en", "Title"),
        LocalizedText::new("ja", "題名"),
    ];
    v.descriptions = vec![LocalizedText::new("ja", "説明")];
    v.published = Some(datetime!(2024-01-01 00:00:00.5 UTC));
    v.withdrawn = None;
    v.status = Some("Analyzed".into());
    v.severity = Some("HIGH".into());
    v.cvss = vec![CvssScore {
        version: CvssVersion::V3_1,
        vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H".into(),
        base_score: Some(9.8),
        source: "nvd@nist.gov".into(),
        kind: MetricKind::Primary,
    }];
    v.cwes = vec![Weakness {
        cwe: CweId::new(79),
        source: "CISA-ADP".into(),
    }];
    v.references = vec![Reference {
        url: "https://example.com/a".into(),
        tags: vec!["Patch".into()],
    }];
    v.credits = vec![Credit {
        name: "Someone".into(),
        kind: Some("finder".into()),
    }];
    v.affected_packages[0].purl = Some("pkg:deb/debian/openssl".into());
    v.affected_packages[0].versions = vec!["1.0".into()];
    v.affected_packages[0].severity = Some("MODERATE".into());
    v.affected_packages[0].ecosystem_specific = Some(r#"{"imports":[]}"#.into());
    v.affected_packages[0].ranges[0]
        .events
        .push(RangeEvent::LastAffected("3".into()));
    v.affected_packages[0].ranges.push(AffectedRange {
        kind: RangeKind::Git,
        repo: Some("https://git.example/x".into()),
        events: vec![
            RangeEvent::Introduced("abc".into()),
            RangeEvent::Limit("def".into()),
        ],
    });
    v.cpe_configurations = vec![CpeConfiguration {
        operator: Some(Operator::And),
        negate: false,
        nodes: vec![
            CpeNode {
                operator: Operator::Or,
                negate: false,
                matches: vec![CpeMatch {
                    criteria: "cpe:2.3:a:example:pump_firmware:*:*:*:*:*:*:*:*".into(),
                    vulnerable: true,
                    version_start_including: Some("1.0".into()),
                    version_end_excluding: Some("2.0".into()),
                    match_criteria_id: Some("ABC-123".into()),
                    ..CpeMatch::default()
                }],
            },
            CpeNode {
                operator: Operator::Or,
                negate: true,
                matches: vec![CpeMatch {
                    criteria: "cpe:2.3:h:example:pump:-:*:*:*:*:*:*:*".into(),
                    ..CpeMatch::default()
                }],
            },
        ],
    }];
    v.affected_products = vec![AffectedProduct {
        source: "CISA-ADP".into(),
        vendor: Some("Example".into()),
        product: Some("Pump".into()),
        cpes: vec!["cpe:2.3:a:example:pump:*:*:*:*:*:*:*:*".into()],
        default_status: Some(VersionStatus::Unaffected),
        versions: vec![ProductVersion {
            version: "1.0".into(),
            status: VersionStatus::Affected,
            less_than: Some("2.0".into()),
            less_than_or_equal: None,
            version_type: Some("custom".into()),
            changes: vec![("1.5".into(), VersionStatus::Unaffected)],
        }],
        ..AffectedProduct::default()
    }];
    v.jvn_products = vec![JvnProduct {
        vendor: "サイボウズ".into(),
        product: "Garoon".into(),
        cpe: Some("cpe:/a:cybozu:garoon".into()),
        versions: vec!["4.0.0 から 4.10.3".into()],
    }];
    v.csaf_products = vec![CsafProduct {
        product_id: "CSAFPID-0001".into(),
        name: "Example Pump 3.1".into(),
        vendor: Some("Example".into()),
        product: Some("Pump".into()),
        version: None,
        version_range: Some("vers:generic/<3.2".into()),
        cpe: None,
        purls: vec!["pkg:generic/example/pump".into()],
        status: ProductStatus::KnownAffected,
        remediations: vec![Remediation {
            category: "vendor_fix".into(),
            details: "Update".into(),
            url: None,
            date: Some(T1),
        }],
    }];
    v.kev = Some(KevStatus {
        date_added: Some(date!(2024 - 01 - 02)),
        ransomware_use: Some(false),
        ..KevStatus::default()
    });
    v.epss = Some(EpssScore {
        cve: VulnId::new("CVE-2024-0001").unwrap(),
        score: 0.25,
        percentile: 0.5,
        date: Some(date!(2024 - 01 - 03)),
        model_version: None,
    });
    v.ssvc = vec![SsvcDecision {
        source: "CISA-ADP".into(),
        version: Some("2.0.3".into()),
        role: Some("CISA Coordinator".into()),
        timestamp: Some(T0),
        options: vec![("Exploitation".into(), "none".into())],
    }];
    v.informational = Some(InformationalKind::Other("advisory".into()));
    v
}

#[tokio::test]
async fn a_stored_record_reads_back_whole_and_is_found_by_its_cpes_and_products() {
    for t in common::stores().await {
        let s = &t.store;
        let v = everything();
        let r = s
            .import_feed(file(SourceKind::Csaf, "icsa.json", vec![v.clone()]), T0)
            .await
            .unwrap();
        let cpes: Vec<(String, String)> = r.changed.cpes.into_iter().collect();
        let want: Vec<(String, String)> = [
            ("cybozu", "garoon"),
            ("example", "pump"),
            ("example", "pump_firmware"),
        ]
        .iter()
        .map(|(a, b)| ((*a).into(), (*b).into()))
        .collect();
        assert_eq!(cpes, want, "{}", t.name);
        let mut expected = v.clone();
        expected.provenance.imported = Some(T0);
        assert_eq!(
            s.vulnerabilities(&["icsa-24-001-01"]).await.unwrap(),
            vec![expected.clone()],
            "{}",
            t.name
        );
        for (vendor, product) in [
            ("example", "pump_firmware"),
            ("cybozu", "garoon"),
            ("example", "pump"),
        ] {
            assert_eq!(
                s.vulnerabilities_for_cpe(vendor, product).await.unwrap(),
                vec![expected.clone()],
                "{}: {product}",
                t.name
            );
        }
        assert!(
            s.vulnerabilities_for_cpe("example", "other")
                .await
                .unwrap()
                .is_empty(),
            "{}",
            t.name
        );
    }
}

/// Issue 4: a file stored whole is remembered by name and SHA-256 (so an importer can skip it
/// unread and report its records unchanged); a file with a refused record is not remembered.
#[tokio::test]
async fn issue_4_files_stored_whole_are_remembered_by_name_and_hash() {
    let good = br#"{"schema_version":"1.6.0","id":"A-1","modified":"2026-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"PyPI","name":"hl7lite"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.0"}]}]}]}"#;
    let partly = br#"[{"schema_version":"1.6.0","id":"A-2","modified":"2026-01-01T00:00:00Z","affected":[]},{"schema_version":"1.6.0","id":"A-3","modified":"yesterday","affected":[]}]"#;
    for t in common::stores().await {
        let (s, name) = (&t.store, t.name);
        let now = datetime!(2026-11-26 09:00 UTC);
        s.import_feed_file("good.json", good, None, now)
            .await
            .unwrap();
        s.import_feed_file("partly.json", partly, None, now)
            .await
            .unwrap();
        let known = s.imported_files().await.unwrap();
        assert_eq!(
            known.get("good.json").map(String::as_str),
            Some(hex::encode(Sha256::digest(good)).as_str()),
            "{name}"
        );
        assert_eq!(
            mamori_store::file_digest(good),
            hex::encode(Sha256::digest(good))
        );
        assert!(
            !known.contains_key("partly.json"),
            "{name}: it had a refused record"
        );
        let again = s.unchanged_file("good.json").await.unwrap();
        assert_eq!(again.counts["osv:PyPI"].unchanged, 1, "{name}");
        assert_eq!(again.counts["osv:PyPI"].added, 0, "{name}");
        // Changed bytes under the same name replace the remembered hash.
        let newer = String::from_utf8_lossy(good).replace("2026-01-01", "2026-02-01");
        s.import_feed_file("good.json", newer.as_bytes(), None, now)
            .await
            .unwrap();
        assert_eq!(
            s.imported_files().await.unwrap()["good.json"],
            mamori_store::file_digest(newer.as_bytes()),
            "{name}"
        );
    }
}
