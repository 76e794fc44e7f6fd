//! Continuous monitoring, end to end in the store: findings follow SBOM imports and feed changes (only the touched keys), keep their triage, and rules pre-triage later releases until they expire — on SQLite and PostgreSQL alike.

use crate::common;

use mamori_model::{
    Attr, Component, DocumentFormat, Lifecycle, ProductName, ReleaseVersion, Sbom, SourceKind,
};
use mamori_store::{FindingFilter, Incoming, NewRule, ReleaseRow, Store, Triage, WhereQuery};
use serde_json::json;
use sqlx::Row;
use time::OffsetDateTime;
use time::macros::datetime;

const T0: OffsetDateTime = datetime!(2026-11-01 09:00 UTC);

fn day(n: i64) -> OffsetDateTime {
    T0 + time::Duration::days(n)
}

/// An OSV record for one crates.io package, affected from 0 up to `fixed`.
fn osv(id: &str, aliases: &[&str], modified: &str, package: &str, fixed: &str) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "schema_version": "1.6.0",
        "id": id,
        "modified": modified,
        "aliases": aliases,
        "summary": format!("flaw in {package}"),
        "affected": [{
            "package": {"ecosystem": "crates.io", "name": package},
            "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": fixed}]}],
        }],
        "database_specific": {"severity": "HIGH"},
    }))
    .unwrap()
}

fn firmware(version: &str, crates: &[(&str, &str)]) -> Sbom {
    let mut s = Sbom::new(DocumentFormat::CycloneDxJson, "1.6");
    s.metadata.primary = Some("fw".into());
    s.components.push(Component {
        bom_ref: "fw".into(),
        name: "pump firmware".into(),
        version: Attr::Value(version.into()),
        ..Component::default()
    });
    for (name, v) in crates {
        let purl = format!("pkg:cargo/{name}@{v}");
        s.components.push(Component {
            bom_ref: purl.clone(),
            name: (*name).into(),
            version: Attr::Value((*v).into()),
            purl: Some(purl),
            ..Component::default()
        });
    }
    s
}

async fn import(s: &Store, release: &ReleaseRow, sbom: &Sbom, now: OffsetDateTime) {
    let bytes = mamori_sbom::write(sbom, DocumentFormat::CycloneDxJson);
    s.import_sbom(
        release,
        Incoming {
            bytes: &bytes,
            filename: Some("fw.cdx.json"),
            sbom,
            supplier: None,
        },
        "bob",
        now,
    )
    .await
    .unwrap();
}

/// A product and its releases, in order.
async fn releases<const N: usize>(
    s: &Store,
    product: &str,
    versions: [&str; N],
) -> [ReleaseRow; N] {
    let p = s
        .add_product(&ProductName::new(product).unwrap(), None, T0)
        .await
        .unwrap();
    let mut out = Vec::new();
    for v in versions {
        let r = s
            .add_release(
                &p,
                &ReleaseVersion::new(v).unwrap(),
                &Lifecycle::default(),
                T0,
            )
            .await
            .unwrap();
        out.push(r);
    }
    out.try_into().unwrap_or_else(|_| unreachable!())
}

async fn feed(
    s: &Store,
    name: &str,
    bytes: &[u8],
    now: OffsetDateTime,
) -> mamori_store::MonitorReport {
    let report = s
        .import_feed_file(name, bytes, Some(SourceKind::Osv), now)
        .await
        .unwrap();
    s.reevaluate_changed(&report.changed, now, "feed.import")
        .await
        .unwrap()
}

/// (product@release, vulnerability, component version, state, status) of every finding.
async fn summary(s: &Store) -> Vec<(String, String, String, String, String)> {
    let mut rows: Vec<_> = s
        .findings(&FindingFilter {
            include_resolved: true,
            ..Default::default()
        })
        .await
        .unwrap()
        .into_iter()
        .map(|f| {
            (
                format!("{}@{}", f.product, f.release),
                f.detail["vulnerability_id"].as_str().unwrap().to_owned(),
                f.detail["component"]["version"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
                f.state,
                f.status,
            )
        })
        .collect();
    rows.sort();
    rows
}

fn row(
    r: &str,
    v: &str,
    ver: &str,
    state: &str,
    status: &str,
) -> (String, String, String, String, String) {
    (r.into(), v.into(), ver.into(), state.into(), status.into())
}

#[tokio::test]
async fn issue_5_and_6_findings_follow_sboms_and_feeds_and_rules_carry_triage_over() {
    for t in common::stores().await {
        let s = &t.store;
        let pump = s
            .add_product(&ProductName::new("Infusion Pump").unwrap(), None, T0)
            .await
            .unwrap();
        let monitor = s
            .add_product(&ProductName::new("Bedside Monitor").unwrap(), None, T0)
            .await
            .unwrap();
        let release = |p, v: &'static str| {
            let p = if p { &pump } else { &monitor };
            async move {
                s.add_release(
                    p,
                    &ReleaseVersion::new(v).unwrap(),
                    &Lifecycle::default(),
                    T0,
                )
                .await
                .unwrap()
            }
        };
        let r10 = release(true, "1.0").await;
        let r11 = release(true, "1.1").await;
        let m20 = release(false, "2.0").await;

        feed(
            s,
            "GHSA-aaaa-bbbb-cccc.json",
            &osv(
                "GHSA-aaaa-bbbb-cccc",
                &["CVE-2026-0001"],
                "2026-10-01T00:00:00Z",
                "foo",
                "1.5.0",
            ),
            T0,
        )
        .await;
        import(
            s,
            &r10,
            &firmware(
                "1.0",
                &[("foo", "1.0.0"), ("bar", "3.0.0"), ("baz", "1.0.0")],
            ),
            day(1),
        )
        .await;
        assert_eq!(
            summary(s).await,
            vec![row(
                "Infusion Pump@1.0",
                "CVE-2026-0001",
                "1.0.0",
                "in_triage",
                "open"
            )],
            "{}",
            t.name
        );

        // A person decides, then makes the decision a rule for ten days.
        let id = s.findings(&FindingFilter::default()).await.unwrap()[0].id;
        let not_reachable = Triage {
            state: "not_affected".into(),
            justification: Some("code_not_reachable".into()),
            response: None,
            detail: Some("the parser is never given network input".into()),
            detail_ja: None,
        };
        s.set_finding_state(id, &not_reachable, "alice", day(2))
            .await
            .unwrap();
        let (rule, applied) = s
            .add_rule(
                &NewRule {
                    product: None,
                    component: "pkg:cargo/foo@1.0.0".into(),
                    vulnerability: "GHSA-aaaa-bbbb-cccc".into(),
                    triage: not_reachable.clone(),
                    reason: "same firmware architecture in every product".into(),
                    expires: Some(day(10)),
                },
                "alice",
                day(2),
            )
            .await
            .unwrap();
        assert_eq!(
            (rule.component.as_str(), applied),
            ("pkg:cargo/foo", 0),
            "{}",
            t.name
        );

        // Release 1.1 arrives pre-triaged; the monitor's release, imported after the expiry, does not.
        import(s, &r11, &firmware("1.1", &[("foo", "1.1.0")]), day(3)).await;
        import(s, &m20, &firmware("2.0", &[("foo", "1.2.0")]), day(11)).await;
        let pre = s
            .findings(&FindingFilter {
                product: Some("Infusion Pump".into()),
                release: Some("1.1".into()),
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(pre[0].rule_id, Some(rule.id), "{}", t.name);
        assert_eq!(
            pre[0].state_by.as_deref(),
            Some(format!("rule {}", rule.id).as_str())
        );
        assert_eq!(
            summary(s).await,
            vec![
                row(
                    "Bedside Monitor@2.0",
                    "CVE-2026-0001",
                    "1.2.0",
                    "in_triage",
                    "open"
                ),
                row(
                    "Infusion Pump@1.0",
                    "CVE-2026-0001",
                    "1.0.0",
                    "not_affected",
                    "open"
                ),
                row(
                    "Infusion Pump@1.1",
                    "CVE-2026-0001",
                    "1.1.0",
                    "not_affected",
                    "open"
                ),
            ],
            "{}",
            t.name
        );

        // A record for baz touches one component of one release, nothing else.
        let r = feed(
            s,
            "RUSTSEC-2026-0002.json",
            &osv(
                "RUSTSEC-2026-0002",
                &[],
                "2026-10-02T00:00:00Z",
                "baz",
                "2.0.0",
            ),
            day(12),
        )
        .await;
        assert_eq!(
            (r.releases, r.components, r.new, r.changed, r.resolved),
            (1, 1, 1, 0, 0),
            "{}",
            t.name
        );

        // The fix moves down to 1.0.5: 1.1 and 1.2 are no longer affected; 1.0 keeps its triage.
        let r = feed(
            s,
            "GHSA-aaaa-bbbb-cccc.json",
            &osv(
                "GHSA-aaaa-bbbb-cccc",
                &["CVE-2026-0001"],
                "2026-10-05T00:00:00Z",
                "foo",
                "1.0.5",
            ),
            day(13),
        )
        .await;
        assert_eq!(
            (r.releases, r.components, r.changed, r.resolved),
            (3, 3, 1, 2),
            "{}",
            t.name
        );
        assert_eq!(
            summary(s).await,
            vec![
                row(
                    "Bedside Monitor@2.0",
                    "CVE-2026-0001",
                    "1.2.0",
                    "in_triage",
                    "resolved"
                ),
                row(
                    "Infusion Pump@1.0",
                    "CVE-2026-0001",
                    "1.0.0",
                    "not_affected",
                    "open"
                ),
                row(
                    "Infusion Pump@1.0",
                    "RUSTSEC-2026-0002",
                    "1.0.0",
                    "in_triage",
                    "open"
                ),
                row(
                    "Infusion Pump@1.1",
                    "CVE-2026-0001",
                    "1.1.0",
                    "not_affected",
                    "resolved"
                ),
            ],
            "{}",
            t.name
        );

        // Re-importing the same record changes nothing.
        let r = feed(
            s,
            "GHSA-aaaa-bbbb-cccc.json",
            &osv(
                "GHSA-aaaa-bbbb-cccc",
                &["CVE-2026-0001"],
                "2026-10-05T00:00:00Z",
                "foo",
                "1.0.5",
            ),
            day(14),
        )
        .await;
        assert_eq!(r, mamori_store::MonitorReport::default(), "{}", t.name);

        // The portfolio questions.
        let where_foo = |range: Option<&str>| WhereQuery::Purl {
            purl: mamori_purl::Purl::parse("pkg:cargo/foo").unwrap(),
            range: range.map(str::to_owned),
        };
        let releases = |rows: Vec<mamori_store::WhereRow>| {
            rows.into_iter()
                .map(|r| format!("{}@{}", r.product, r.release))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            releases(s.where_component(&where_foo(None)).await.unwrap()),
            [
                "Bedside Monitor@2.0",
                "Infusion Pump@1.0",
                "Infusion Pump@1.1"
            ],
            "{}",
            t.name
        );
        assert_eq!(
            releases(
                s.where_component(&where_foo(Some("vers:cargo/>=1.1.0|<1.2.0")))
                    .await
                    .unwrap()
            ),
            ["Infusion Pump@1.1"],
            "{}",
            t.name
        );
        let (ids, affected) = s.affected("ghsa-aaaa-bbbb-cccc").await.unwrap();
        assert!(ids.contains(&"CVE-2026-0001".to_owned()), "{ids:?}");
        assert_eq!(
            affected
                .iter()
                .map(|f| format!("{}@{}", f.product, f.release))
                .collect::<Vec<_>>(),
            ["Infusion Pump@1.0"],
            "{}",
            t.name
        );

        // Every change is an event, in order, for the notifications to read.
        let kinds: Vec<String> = s
            .finding_events(0, 100)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.2)
            .collect();
        assert_eq!(
            kinds,
            [
                "new", "new", "new", "new", "changed", "resolved", "resolved"
            ],
            "{}",
            t.name
        );

        // The triage is in the audit record.
        let states =
            sqlx::query("SELECT COUNT(*) FROM audit_events WHERE action = 'finding.state'")
                .fetch_one(s.pool())
                .await
                .unwrap()
                .try_get::<i64, _>(0)
                .unwrap();
        assert_eq!(states, 1, "{}", t.name);
        assert!(s.verify_audit().await.unwrap().is_intact());
    }
}

#[tokio::test]
async fn issue_6_cases_keep_facts_and_decisions_on_every_backend() {
    for t in common::stores().await {
        let s = &t.store;
        let p = s
            .add_product(&ProductName::new("Infusion Pump").unwrap(), None, T0)
            .await
            .unwrap();
        let r = s
            .add_release(
                &p,
                &ReleaseVersion::new("1.0").unwrap(),
                &Lifecycle::default(),
                T0,
            )
            .await
            .unwrap();
        feed(
            s,
            "GHSA-aaaa-bbbb-cccc.json",
            &osv(
                "GHSA-aaaa-bbbb-cccc",
                &["CVE-2026-0001"],
                "2026-10-01T00:00:00Z",
                "foo",
                "1.5.0",
            ),
            T0,
        )
        .await;
        import(s, &r, &firmware("1.0", &[("foo", "1.0.0")]), day(1)).await;
        let finding = s.findings(&FindingFilter::default()).await.unwrap()[0].id;
        let case = mamori_store::NewCase {
            title: "foo overflow".into(),
            findings: vec![finding, finding],
            awareness: time::macros::date!(2026 - 04 - 28),
            harm: "serious".into(),
            harm_occurred: false,
            expected: false,
            unanticipated: true,
            public_health_threat: false,
            safety: Some("uncontrolled".into()),
            correction_initiated: None,
        };
        let opened = s.open_case(&case, "alice", day(2)).await.unwrap();
        assert_eq!(opened.findings, vec![finding], "{}", t.name);
        assert!(opened.unanticipated && !opened.harm_occurred);
        let bad = mamori_store::NewCase {
            findings: vec![finding + 100],
            ..case.clone()
        };
        assert!(
            s.open_case(&bad, "alice", day(2)).await.is_err(),
            "{}",
            t.name
        );
        assert!(
            s.decide_case(
                opened.id,
                "jp",
                "pmda-defect-report",
                true,
                " ",
                "alice",
                day(3)
            )
            .await
            .is_err()
        );
        s.decide_case(
            opened.id,
            "jp",
            "pmda-defect-report",
            false,
            "first view",
            "alice",
            day(3),
        )
        .await
        .unwrap();
        let c = s
            .decide_case(
                opened.id,
                "jp",
                "pmda-defect-report",
                true,
                "serious harm possible",
                "bob",
                day(4),
            )
            .await
            .unwrap();
        assert_eq!(c.decisions.len(), 2, "{}", t.name);
        assert!(c.decisions[1].report_required && c.decisions[1].decided_by == "bob");
        assert_eq!(s.cases().await.unwrap().len(), 1);
        assert!(s.verify_audit().await.unwrap().is_intact());
    }
}

/// A finding's alias group must not depend on which other releases were matched in the
/// same batch: two records naming the same CVE for different packages, each matched by a
/// different release, give both findings the whole group whether a release is matched
/// alone or with the other, so re-evaluating without a change changes nothing.
#[tokio::test]
async fn issue_5_alias_groups_do_not_depend_on_the_batch() {
    for t in common::stores().await {
        let s = &t.store;
        let [r1, r2] = releases(s, "Gateway", ["1", "2"]).await;
        import(s, &r1, &firmware("1", &[("foo", "1.0.0")]), T0).await;
        import(s, &r2, &firmware("2", &[("bar", "1.0.0")]), T0).await;
        feed(
            s,
            "a.json",
            &osv(
                "RUSTSEC-2026-0001",
                &["CVE-2026-9001"],
                "2026-10-01T00:00:00Z",
                "foo",
                "2.0.0",
            ),
            day(1),
        )
        .await;
        feed(
            s,
            "b.json",
            &osv(
                "GHSA-aaaa-bbbb-cccc",
                &["CVE-2026-9001"],
                "2026-10-01T00:00:00Z",
                "bar",
                "2.0.0",
            ),
            day(1),
        )
        .await;

        let all = s.reevaluate_all(day(2), "test").await.unwrap();
        let alone = s.reevaluate_release(r1.id, day(3), "test").await.unwrap();
        let again = s.reevaluate_all(day(4), "test").await.unwrap();
        assert_eq!(
            (all.changed, alone.changed, again.changed),
            (0, 0, 0),
            "{}: nothing changed, so nothing may be reported changed",
            t.name
        );
        let ids = |f: &mamori_store::FindingRow| {
            let mut v: Vec<String> =
                std::iter::once(f.detail["vulnerability_id"].as_str().unwrap().to_owned())
                    .chain(
                        f.detail["aliases"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .map(|a| a.as_str().unwrap().to_owned()),
                    )
                    .collect();
            v.sort();
            v
        };
        let findings = s.findings(&FindingFilter::default()).await.unwrap();
        assert_eq!(findings.len(), 2, "{}", t.name);
        for f in &findings {
            assert_eq!(
                ids(f),
                ["CVE-2026-9001", "GHSA-aaaa-bbbb-cccc", "RUSTSEC-2026-0001"],
                "{}: {}@{}",
                t.name,
                f.product,
                f.release
            );
        }
    }
}

/// A group reached through a chain of aliases (RUSTSEC → GHSA by alias, GHSA → CVE by
/// alias, CVE ← PYSEC by alias) is read in rounds, each round's records naming the next:
/// a release with only the first package still gets the whole group on its finding.
#[tokio::test]
async fn issue_5_alias_chains_are_closed_over_rounds() {
    for t in common::stores().await {
        let s = &t.store;
        let [r] = releases(s, "Gateway", ["1"]).await;
        import(s, &r, &firmware("1", &[("foo", "1.0.0")]), T0).await;
        for (file, id, alias, package) in [
            ("a.json", "RUSTSEC-2026-0002", "GHSA-dddd-eeee-ffff", "foo"),
            ("b.json", "GHSA-dddd-eeee-ffff", "CVE-2026-9002", "bar"),
            ("c.json", "PYSEC-2026-2", "CVE-2026-9002", "baz"),
        ] {
            let doc = osv(id, &[alias], "2026-10-01T00:00:00Z", package, "2.0.0");
            feed(s, file, &doc, day(1)).await;
        }
        s.reevaluate_all(day(2), "test").await.unwrap();
        let findings = s.findings(&FindingFilter::default()).await.unwrap();
        assert_eq!(findings.len(), 1, "{}", t.name);
        let f = &findings[0];
        let mut ids: Vec<&str> = f.detail["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap())
            .chain([f.detail["vulnerability_id"].as_str().unwrap()])
            .collect();
        ids.sort_unstable();
        assert_eq!(
            ids,
            [
                "CVE-2026-9002",
                "GHSA-dddd-eeee-ffff",
                "PYSEC-2026-2",
                "RUSTSEC-2026-0002"
            ],
            "{}",
            t.name
        );
    }
}
