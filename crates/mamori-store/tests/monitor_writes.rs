//! Continuous monitoring's batched writes: many new, changed, resolved and reopened findings of one release, each id, event and triage decision on the right finding.

use crate::common;

use std::collections::BTreeMap;

use mamori_model::{
    Attr, Component, DocumentFormat, Lifecycle, ProductName, ReleaseVersion, Sbom, SourceKind,
};
use mamori_store::{FindingFilter, ImportReport, Incoming, MonitorReport, Store, Triage};
use serde_json::json;
use time::OffsetDateTime;
use time::macros::datetime;

const T0: OffsetDateTime = datetime!(2026-11-01 09:00 UTC);

/// More crates than one multi-row INSERT (45 findings) or UPDATE (90) holds.
const CRATES: usize = 120;

fn day(n: i64) -> OffsetDateTime {
    T0 + time::Duration::days(n)
}

fn id(i: usize) -> String {
    format!("RUSTSEC-2026-{i:04}")
}

fn name(i: usize) -> String {
    format!("c{i:03}")
}

fn osv(i: usize, modified: &str, fixed: &str) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "schema_version": "1.6.0",
        "id": id(i),
        "modified": modified,
        "affected": [{
            "package": {"ecosystem": "crates.io", "name": name(i)},
            "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": fixed}]}],
        }],
    }))
    .unwrap()
}

fn firmware() -> Sbom {
    let mut s = Sbom::new(DocumentFormat::CycloneDxJson, "1.6");
    s.metadata.primary = Some("fw".into());
    s.components.push(Component {
        bom_ref: "fw".into(),
        name: "firmware".into(),
        version: Attr::Value("1".into()),
        ..Component::default()
    });
    for i in 0..CRATES {
        let purl = format!("pkg:cargo/{}@1.0.0", name(i));
        s.components.push(Component {
            bom_ref: purl.clone(),
            name: name(i),
            version: Attr::Value("1.0.0".into()),
            purl: Some(purl),
            ..Component::default()
        });
    }
    s
}

/// Feeds the records `range` with a later `modified` and a new fixed version.
async fn feed(s: &Store, range: std::ops::Range<usize>, fixed: &str, n: i64) -> ImportReport {
    let mut all = ImportReport::default();
    for i in range {
        let bytes = osv(i, &format!("2026-11-{:02}T00:00:00Z", 1 + n), fixed);
        let r = s
            .import_feed_file(
                &format!("{}.json", id(i)),
                &bytes,
                Some(SourceKind::Osv),
                day(n),
            )
            .await
            .unwrap();
        all.merge(r);
    }
    all
}

/// Per crate: (vulnerability, status, fixed versions, state, id) of its
/// finding; an open one must be what `affected` gives for its vulnerability.
async fn state(s: &Store) -> BTreeMap<String, (String, String, String, String, i64)> {
    let filter = FindingFilter {
        include_resolved: true,
        ..Default::default()
    };
    let mut out = BTreeMap::new();
    for f in s.findings(&filter).await.unwrap() {
        let bom_ref = f.detail["component"]["bom_ref"]
            .as_str()
            .unwrap()
            .to_owned();
        let vuln = f.detail["vulnerability_id"].as_str().unwrap().to_owned();
        // `affected` lists open findings, found through their ids rows.
        let (_, rows) = s.affected(&vuln).await.unwrap();
        let by_id: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let want = if f.status == "open" {
            vec![f.id]
        } else {
            Vec::new()
        };
        assert_eq!(by_id, want, "{vuln}: the finding its ids row names");
        let previous = out.insert(
            bom_ref,
            (
                vuln,
                f.status.clone(),
                f.detail["fixed_versions"].to_string(),
                f.state.clone(),
                f.id,
            ),
        );
        assert!(previous.is_none(), "{previous:?} twice");
    }
    out
}

/// Every event after `after` points at the finding its detail names; their kinds, counted.
async fn events(s: &Store, after: i64) -> (BTreeMap<String, usize>, i64) {
    let filter = FindingFilter {
        include_resolved: true,
        ..Default::default()
    };
    let by_id: BTreeMap<i64, String> = s
        .findings(&filter)
        .await
        .unwrap()
        .into_iter()
        .map(|f| {
            (
                f.id,
                f.detail["vulnerability_id"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let mut kinds = BTreeMap::new();
    let mut last = after;
    for (event, finding, kind, _, detail) in s.finding_events(after, 10_000).await.unwrap() {
        assert_eq!(
            detail["vulnerability_id"].as_str(),
            by_id.get(&finding).map(String::as_str),
            "event {event} ({kind})"
        );
        *kinds.entry(kind).or_insert(0) += 1;
        last = event;
    }
    (kinds, last)
}

fn check(
    what: &str,
    backend: &str,
    got: &BTreeMap<String, (String, String, String, String, i64)>,
    want: impl Fn(usize) -> (&'static str, &'static str, &'static str),
) {
    assert_eq!(got.len(), CRATES, "{backend}: {what}");
    for i in 0..CRATES {
        let (status, fixed, triage) = want(i);
        let bom_ref = format!("pkg:cargo/{}@1.0.0", name(i));
        let (vuln, s, f, t, _) = &got[&bom_ref];
        assert_eq!(
            (vuln.as_str(), s.as_str(), f.as_str(), t.as_str()),
            (id(i).as_str(), status, fixed, triage),
            "{backend}: {what}: {bom_ref}"
        );
    }
}

fn counts(pairs: &[(&str, usize)]) -> BTreeMap<String, usize> {
    pairs.iter().map(|(k, n)| ((*k).to_owned(), *n)).collect()
}

#[tokio::test]
async fn issue_5_batched_finding_writes_keep_ids_events_and_triage() {
    for t in common::stores().await {
        let s = &t.store;
        let backend = t.name;
        let product = s
            .add_product(&ProductName::new("Pump").unwrap(), None, T0)
            .await
            .unwrap();
        let release = s
            .add_release(
                &product,
                &ReleaseVersion::new("1.0").unwrap(),
                &Lifecycle::default(),
                T0,
            )
            .await
            .unwrap();
        feed(s, 0..CRATES, "2.0.0", 0).await;
        let sbom = firmware();
        let bytes = mamori_sbom::write(&sbom, DocumentFormat::CycloneDxJson);
        let incoming = Incoming {
            bytes: &bytes,
            filename: Some("fw.cdx.json"),
            sbom: &sbom,
            supplier: None,
        };
        s.import_sbom(&release, incoming, "bob", day(1))
            .await
            .unwrap();
        let first = state(s).await;
        check("imported", backend, &first, |_| {
            ("open", r#"["2.0.0"]"#, "in_triage")
        });
        let (kinds, last) = events(s, 0).await;
        assert_eq!(kinds, counts(&[("new", CRATES)]), "{backend}: imported");

        // A decision on one finding must survive what follows.
        let decided = first[&format!("pkg:cargo/{}@1.0.0", name(7))].4;
        let triage = Triage {
            state: "not_affected".into(),
            justification: Some("code_not_reachable".into()),
            response: None,
            detail: Some("never given input".into()),
            detail_ja: Some("入力を受け取りません".into()),
        };
        s.set_finding_state(decided, &triage, "alice", day(2))
            .await
            .unwrap();

        // 100 fixes move up (changed), 20 move below 1.0.0 (resolved).
        let mut changed = feed(s, 0..100, "3.0.0", 3).await;
        changed.merge(feed(s, 100..CRATES, "0.9.0", 3).await);
        let r = s
            .reevaluate_changed(&changed.changed, day(3), "feed.import")
            .await
            .unwrap();
        let want = MonitorReport {
            releases: 1,
            components: CRATES,
            changed: 100,
            resolved: 20,
            ..MonitorReport::default()
        };
        assert_eq!(r, want, "{backend}: changed and resolved");
        let second = state(s).await;
        check("changed and resolved", backend, &second, |i| match i {
            7 => ("open", r#"["3.0.0"]"#, "not_affected"),
            0..100 => ("open", r#"["3.0.0"]"#, "in_triage"),
            _ => ("resolved", r#"["2.0.0"]"#, "in_triage"),
        });
        for (bom_ref, row) in &second {
            assert_eq!(row.4, first[bom_ref].4, "{backend}: {bom_ref} keeps its id");
        }
        let (kinds, last) = events(s, last).await;
        assert_eq!(
            kinds,
            counts(&[("changed", 100), ("resolved", 20)]),
            "{backend}: changed and resolved"
        );

        // The 20 match again (reopened), under their old ids.
        let changed = feed(s, 100..CRATES, "2.0.0", 4).await;
        let r = s
            .reevaluate_changed(&changed.changed, day(4), "feed.import")
            .await
            .unwrap();
        assert_eq!(r.reopened, 20, "{backend}: reopened");
        let third = state(s).await;
        check("reopened", backend, &third, |i| match i {
            7 => ("open", r#"["3.0.0"]"#, "not_affected"),
            0..100 => ("open", r#"["3.0.0"]"#, "in_triage"),
            _ => ("open", r#"["2.0.0"]"#, "in_triage"),
        });
        for (bom_ref, row) in &third {
            assert_eq!(row.4, first[bom_ref].4, "{backend}: {bom_ref} keeps its id");
        }
        let (kinds, _) = events(s, last).await;
        assert_eq!(kinds, counts(&[("reopened", 20)]), "{backend}: reopened");

        // Nothing changed: a full re-evaluation writes nothing.
        let r = s.reevaluate_all(day(5), "test").await.unwrap();
        assert_eq!((r.new, r.changed, r.resolved, r.reopened), (0, 0, 0, 0));
    }
}
