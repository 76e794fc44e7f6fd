//! Continuous monitoring across several releases at once: the batched reads of a re-evaluation give each release its own current components, platform and findings.

use crate::common;

use mamori_model::{
    Attr, Component, DocumentFormat, Lifecycle, ProductName, ReleaseVersion, Sbom, SourceKind,
};
use mamori_store::{FindingFilter, Incoming, MonitorReport, ReleaseRow, Store};
use serde_json::json;
use time::OffsetDateTime;
use time::macros::datetime;

const T0: OffsetDateTime = datetime!(2026-11-01 09:00 UTC);

fn day(n: i64) -> OffsetDateTime {
    T0 + time::Duration::days(n)
}

fn osv(id: &str, modified: &str, package: &str, fixed: &str) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "schema_version": "1.6.0",
        "id": id,
        "modified": modified,
        "affected": [{
            "package": {"ecosystem": "crates.io", "name": package},
            "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": fixed}]}],
        }],
    }))
    .unwrap()
}

fn firmware(crates: &[(&str, &str)]) -> Sbom {
    let mut s = Sbom::new(DocumentFormat::CycloneDxJson, "1.6");
    s.metadata.primary = Some("fw".into());
    s.components.push(Component {
        bom_ref: "fw".into(),
        name: "firmware".into(),
        version: Attr::Value("1".into()),
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

async fn import(s: &Store, release: &ReleaseRow, crates: &[(&str, &str)], now: OffsetDateTime) {
    let sbom = firmware(crates);
    let bytes = mamori_sbom::write(&sbom, DocumentFormat::CycloneDxJson);
    let incoming = Incoming {
        bytes: &bytes,
        filename: Some("fw.cdx.json"),
        sbom: &sbom,
        supplier: None,
    };
    s.import_sbom(release, incoming, "bob", now).await.unwrap();
}

/// (release, vulnerability, bom-ref, status) of every finding, sorted.
async fn summary(s: &Store) -> Vec<String> {
    let filter = FindingFilter {
        include_resolved: true,
        ..Default::default()
    };
    let mut rows: Vec<String> = s
        .findings(&filter)
        .await
        .unwrap()
        .into_iter()
        .map(|f| {
            format!(
                "{}@{} {} {} {}",
                f.product,
                f.release,
                f.detail["vulnerability_id"].as_str().unwrap_or("?"),
                f.detail["component"]["bom_ref"].as_str().unwrap_or("?"),
                f.status
            )
        })
        .collect();
    rows.sort();
    rows
}

fn report(
    releases: usize,
    components: usize,
    new: usize,
    changed: usize,
    resolved: usize,
) -> MonitorReport {
    MonitorReport {
        releases,
        components,
        new,
        changed,
        resolved,
        ..MonitorReport::default()
    }
}

/// One step of the scenario: what happened, then the report and findings expected.
struct Step {
    what: &'static str,
    report: Option<MonitorReport>,
    findings: &'static [&'static str],
}

fn check(step: &Step, got_report: Option<&MonitorReport>, got: &[String], backend: &str) {
    if let Some(want) = &step.report {
        assert_eq!(got_report, Some(want), "{backend}: {}: report", step.what);
    }
    let want: Vec<String> = step.findings.iter().map(|s| (*s).to_owned()).collect();
    assert_eq!(got, want.as_slice(), "{backend}: {}: findings", step.what);
}

#[tokio::test]
async fn issue_5_batched_reevaluation_keeps_each_release_to_its_current_sbom() {
    let steps = [
        Step {
            what: "three releases imported, A's SBOM replaced by a fixed foo and a bar",
            report: None,
            findings: &[
                "Pump@1.0 RUSTSEC-2026-0001 pkg:cargo/foo@1.0.0 resolved",
                "Pump@1.0 RUSTSEC-2026-0002 pkg:cargo/bar@1.0.0 open",
                "Pump@2.0 RUSTSEC-2026-0001 pkg:cargo/foo@1.0.0 open",
                "Pump@2.0 RUSTSEC-2026-0002 pkg:cargo/bar@1.0.0 open",
            ],
        },
        Step {
            // foo's fix moves above 2.0.0 (A's current foo), bar's below 1.0.0.
            what: "a feed update touching foo and bar in every release",
            report: Some(report(3, 5, 1, 1, 2)),
            findings: &[
                "Pump@1.0 RUSTSEC-2026-0001 pkg:cargo/foo@1.0.0 resolved",
                "Pump@1.0 RUSTSEC-2026-0001 pkg:cargo/foo@2.0.0 open",
                "Pump@1.0 RUSTSEC-2026-0002 pkg:cargo/bar@1.0.0 resolved",
                "Pump@2.0 RUSTSEC-2026-0001 pkg:cargo/foo@1.0.0 open",
                "Pump@2.0 RUSTSEC-2026-0002 pkg:cargo/bar@1.0.0 resolved",
            ],
        },
        Step {
            what: "a full re-evaluation changes nothing",
            report: Some(report(3, 8, 0, 0, 0)),
            findings: &[
                "Pump@1.0 RUSTSEC-2026-0001 pkg:cargo/foo@1.0.0 resolved",
                "Pump@1.0 RUSTSEC-2026-0001 pkg:cargo/foo@2.0.0 open",
                "Pump@1.0 RUSTSEC-2026-0002 pkg:cargo/bar@1.0.0 resolved",
                "Pump@2.0 RUSTSEC-2026-0001 pkg:cargo/foo@1.0.0 open",
                "Pump@2.0 RUSTSEC-2026-0002 pkg:cargo/bar@1.0.0 resolved",
            ],
        },
    ];
    for t in common::stores().await {
        let s = &t.store;
        let backend = t.name;
        let pump = s
            .add_product(&ProductName::new("Pump").unwrap(), None, T0)
            .await
            .unwrap();
        let mut releases = Vec::new();
        for v in ["1.0", "2.0", "3.0"] {
            let r = s
                .add_release(
                    &pump,
                    &ReleaseVersion::new(v).unwrap(),
                    &Lifecycle::default(),
                    T0,
                )
                .await
                .unwrap();
            releases.push(r);
        }
        for (name, bytes) in [
            (
                "foo.json",
                osv("RUSTSEC-2026-0001", "2026-10-01T00:00:00Z", "foo", "1.5.0"),
            ),
            (
                "bar.json",
                osv("RUSTSEC-2026-0002", "2026-10-01T00:00:00Z", "bar", "2.0.0"),
            ),
        ] {
            s.import_feed_file(name, &bytes, Some(SourceKind::Osv), T0)
                .await
                .unwrap();
        }
        import(s, &releases[0], &[("foo", "1.0.0")], day(1)).await;
        import(
            s,
            &releases[1],
            &[("foo", "1.0.0"), ("bar", "1.0.0")],
            day(1),
        )
        .await;
        import(s, &releases[2], &[("bar", "3.0.0")], day(1)).await;
        import(
            s,
            &releases[0],
            &[("foo", "2.0.0"), ("bar", "1.0.0")],
            day(2),
        )
        .await;
        check(&steps[0], None, &summary(s).await, backend);

        let mut changed = mamori_store::ImportReport::default();
        for (name, bytes) in [
            (
                "foo.json",
                osv("RUSTSEC-2026-0001", "2026-11-05T00:00:00Z", "foo", "2.5.0"),
            ),
            (
                "bar.json",
                osv("RUSTSEC-2026-0002", "2026-11-05T00:00:00Z", "bar", "0.5.0"),
            ),
        ] {
            let r = s
                .import_feed_file(name, &bytes, Some(SourceKind::Osv), day(3))
                .await
                .unwrap();
            changed.merge(r);
        }
        let r = s
            .reevaluate_changed(&changed.changed, day(3), "feed.import")
            .await
            .unwrap();
        check(&steps[1], Some(&r), &summary(s).await, backend);

        let r = s.reevaluate_all(day(4), "test").await.unwrap();
        check(&steps[2], Some(&r), &summary(s).await, backend);
    }
}
