//! The findings queue and the "which releases are affected" answer, read a page at a time,
//! return exactly what reading everything at once returns, for every filter — on SQLite and
//! PostgreSQL.

use crate::common;
use crate::world;

use std::collections::BTreeSet;

use mamori_model::{Lifecycle, ProductName, ReleaseVersion, SourceKind};
use mamori_store::{FindingFilter, FindingRow, Store, Triage};
use time::OffsetDateTime;
use time::macros::datetime;

const T0: OffsetDateTime = datetime!(2026-11-01 09:00 UTC);

/// Packages, each with one advisory of its severity (`None`: the record carries none).
const PACKAGES: [(&str, Option<&str>); 6] = [
    ("alpha", Some("CRITICAL")),
    ("beta", Some("HIGH")),
    ("gamma", Some("HIGH")),
    ("delta", Some("MODERATE")),
    ("epsilon", Some("LOW")),
    ("zeta", None),
];

/// Three products of three releases each, holding different subsets of the packages;
/// then some findings triaged, some in KEV and one resolved.
async fn world(s: &Store) {
    for (n, (package, severity)) in PACKAGES.iter().enumerate() {
        s.import_feed_file(
            &format!("{package}.json"),
            &world::osv(
                &format!("GHSA-queu-{n:04}-0000"),
                &[&format!("CVE-2026-{:05}", 20000 + n)],
                package,
                *severity,
            ),
            Some(SourceKind::Osv),
            T0,
        )
        .await
        .unwrap();
    }
    for (k, product) in ["Pump", "Gateway", "Monitor"].iter().enumerate() {
        let p = s
            .add_product(&ProductName::new(product).unwrap(), None, T0)
            .await
            .unwrap();
        for v in 0..3 {
            let r = s
                .add_release(
                    &p,
                    &ReleaseVersion::new(&format!("1.{v}")).unwrap(),
                    &Lifecycle::default(),
                    T0,
                )
                .await
                .unwrap();
            // Each release drops a different package, so releases differ.
            let crates: Vec<&str> = PACKAGES
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != (k + v) % PACKAGES.len())
                .map(|(_, (name, _))| *name)
                .collect();
            world::import(s, &r, &world::sbom(&crates), T0).await;
        }
    }
    let all = every(s).await;
    for (i, f) in all.iter().enumerate() {
        let triage = match i % 5 {
            0 => Some(Triage::checked("exploitable", None, None, None).unwrap()),
            1 => Some(
                Triage::checked("not_affected", Some("code_not_reachable"), None, None).unwrap(),
            ),
            _ => None,
        };
        if let Some(t) = triage {
            s.set_finding_state(f.id, &t, "analyst", T0).await.unwrap();
        }
        if i % 3 == 0 {
            sqlx::query("UPDATE findings SET kev = 1 WHERE id = $1")
                .bind(f.id)
                .execute(s.pool())
                .await
                .unwrap();
        }
        if i == 4 {
            // As the monitor resolves a finding: its row and its ids' copy of the open
            // flag, which "affected" reads.
            for sql in [
                "UPDATE findings SET status = 'resolved' WHERE id = $1",
                "UPDATE finding_ids SET open = 0 WHERE finding_id = $1",
            ] {
                sqlx::query(sql).bind(f.id).execute(s.pool()).await.unwrap();
            }
        }
    }
}

async fn every(s: &Store) -> Vec<FindingRow> {
    s.findings(&FindingFilter {
        include_resolved: true,
        ..Default::default()
    })
    .await
    .unwrap()
}

fn rank(f: &FindingRow) -> usize {
    let sev = f.detail["severity"]["level"].as_str().unwrap_or("unknown");
    ["critical", "high", "medium", "low", "none", "unknown"]
        .iter()
        .position(|s| *s == sev)
        .unwrap_or(5)
}

/// Walks the queue `limit` findings at a time and checks it against reading it whole.
async fn check(s: &Store, name: &str, filter: &FindingFilter, limit: usize) {
    let whole: BTreeSet<i64> = s
        .findings(filter)
        .await
        .unwrap()
        .iter()
        .map(|f| f.id)
        .collect();
    let mut walked: Vec<(usize, i64)> = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..200 {
        let page = s
            .findings_page(filter, cursor.as_deref(), limit)
            .await
            .unwrap();
        assert!(page.rows.len() <= limit, "{name}: {filter:?}");
        walked.extend(page.rows.iter().map(|f| (rank(f), f.id)));
        match page.next {
            Some(n) => cursor = Some(n),
            None => break,
        }
    }
    let mut sorted = walked.clone();
    sorted.sort();
    assert_eq!(
        walked, sorted,
        "{name}: {filter:?}: most severe first, then by id"
    );
    let ids: BTreeSet<i64> = walked.iter().map(|(_, id)| *id).collect();
    assert_eq!(
        ids.len(),
        walked.len(),
        "{name}: {filter:?}: no finding twice"
    );
    assert_eq!(ids, whole, "{name}: {filter:?}");
}

#[tokio::test]
async fn issue_8_every_filtered_page_walk_equals_the_whole_filtered_queue() {
    for t in common::stores().await {
        let (s, name) = (&t.store, t.name);
        world(s).await;
        assert_eq!(every(s).await.len(), 45, "{name}: 9 releases × 5 packages");
        let mut filters = Vec::new();
        for product in [None, Some("Pump"), Some("Monitor")] {
            for release in [None, Some("1.1")] {
                for state in [None, Some("exploitable"), Some("in_triage")] {
                    for severity in [None, Some("high"), Some("unknown")] {
                        for kev in [false, true] {
                            for include_resolved in [false, true] {
                                filters.push(FindingFilter {
                                    product: product.map(str::to_owned),
                                    release: release.map(str::to_owned),
                                    state: state.map(str::to_owned),
                                    severity: severity.map(str::to_owned),
                                    kev,
                                    include_resolved,
                                    ..Default::default()
                                });
                            }
                        }
                    }
                }
            }
        }
        let mut nonempty = 0;
        for f in &filters {
            if !s.findings(f).await.unwrap().is_empty() {
                nonempty += 1;
            }
            // 7: a page that spans severities reads past what it needs, rounded up (issue 8).
            for limit in [1, 4, 7, 50] {
                check(s, name, f, limit).await;
            }
        }
        assert!(
            nonempty > filters.len() / 3,
            "{name}: {nonempty} of {}",
            filters.len()
        );
        let text = FindingFilter {
            text: Some("ALPHA".into()),
            product: Some("Gateway".into()),
            ..Default::default()
        };
        assert_eq!(
            s.findings(&text).await.unwrap().len(),
            3,
            "{name}: alpha in each Gateway release"
        );
        check(s, name, &text, 1).await;

        // A product named by its id pages as by its name; an unknown one is an error, not
        // an empty page.
        let pump = s.product("Pump").await.unwrap();
        let page_ids = async |product: String| -> Vec<i64> {
            let f = FindingFilter {
                product: Some(product),
                ..Default::default()
            };
            let page = s.findings_page(&f, None, 500).await.unwrap();
            page.rows.iter().map(|r| r.id).collect()
        };
        let by_name = page_ids("Pump".into()).await;
        assert!(!by_name.is_empty(), "{name}");
        assert_eq!(page_ids(pump.id.to_string()).await, by_name, "{name}");
        let unknown = FindingFilter {
            product: Some("No Such Pump".into()),
            ..Default::default()
        };
        assert!(
            matches!(
                s.findings_page(&unknown, None, 10).await,
                Err(mamori_store::StoreError::NotFound {
                    what: "product",
                    ..
                })
            ),
            "{name}"
        );
    }
}

#[tokio::test]
async fn issue_8_affected_pages_hold_every_release_and_every_finding_once() {
    for t in common::stores().await {
        let (s, name) = (&t.store, t.name);
        world(s).await;
        for id in ["CVE-2026-20001", "ghsa-queu-0000-0000", "CVE-2026-29999"] {
            let (ids, whole) = s.affected(id).await.unwrap();
            let releases: BTreeSet<(String, String)> = whole
                .iter()
                .map(|f| (f.product.clone(), f.release.clone()))
                .collect();
            for limit in [1, 2, 500] {
                let mut after = 0;
                let mut walked: Vec<i64> = Vec::new();
                loop {
                    let page = s.affected_page(id, after, limit).await.unwrap();
                    assert_eq!(page.ids, ids, "{name}: {id}");
                    assert_eq!(
                        page.releases.iter().cloned().collect::<BTreeSet<_>>(),
                        releases,
                        "{name}: {id}: every page names every release"
                    );
                    assert!(page.rows.len() <= limit, "{name}: {id}");
                    walked.extend(page.rows.iter().map(|f| f.id));
                    match page.next {
                        Some(n) => after = n.parse().unwrap(),
                        None => break,
                    }
                }
                let mut sorted = walked.clone();
                sorted.sort();
                sorted.dedup();
                assert_eq!(walked, sorted, "{name}: {id}: in id order, each once");
                let whole_ids: BTreeSet<i64> = whole.iter().map(|f| f.id).collect();
                assert_eq!(
                    walked.into_iter().collect::<BTreeSet<_>>(),
                    whole_ids,
                    "{name}: {id}"
                );
            }
            if id == "CVE-2026-29999" {
                assert!(whole.is_empty() && releases.is_empty(), "{name}");
            } else {
                assert!(releases.len() >= 7, "{name}: {id}: {releases:?}");
            }
        }
    }
}

/// "Affected" reads each finding's release and open flag from its ids rows (migration
/// 0028), not from the finding; the monitor must keep that copy in step when a new SBOM
/// resolves a finding and when a later one brings it back.
#[tokio::test]
async fn issue_8_affected_follows_findings_the_monitor_resolves_and_reopens() {
    for t in common::stores().await {
        let (s, name) = (&t.store, t.name);
        world(s).await;
        // Which releases each answer names, and its findings' ids.
        let answer = async |id: &str| {
            let page = s.affected_page(id, 0, 500).await.unwrap();
            let (_, whole) = s.affected(id).await.unwrap();
            let ids: Vec<i64> = page.rows.iter().map(|f| f.id).collect();
            let mut whole: Vec<i64> = whole.iter().map(|f| f.id).collect();
            whole.sort_unstable();
            assert_eq!(ids, whole, "{name}: {id}: page and whole agree");
            assert!(page.rows.iter().all(|f| f.status == "open"), "{name}: {id}");
            (page.releases, ids)
        };
        let pump_11 = ("Pump".to_owned(), "1.1".to_owned());
        let (before, alpha_ids) = answer("CVE-2026-20000").await;
        assert!(before.contains(&pump_11), "{name}: {before:?}");
        let (beta_before, _) = answer("CVE-2026-20001").await;

        // Pump 1.1 holds every package but beta; its next SBOM drops alpha too.
        let pump = s.product("Pump").await.unwrap();
        let release = s.release(&pump, "1.1").await.unwrap();
        let later = T0 + time::Duration::hours(1);
        world::import(
            s,
            &release,
            &world::sbom(&["gamma", "delta", "epsilon", "zeta"]),
            later,
        )
        .await;
        let without: Vec<_> = before.iter().filter(|r| **r != pump_11).cloned().collect();
        assert_eq!(
            answer("CVE-2026-20000").await.0,
            without,
            "{name}: resolved"
        );
        assert_eq!(
            answer("GHSA-QUEU-0000-0000").await.0,
            without,
            "{name}: by its other id too"
        );
        assert_eq!(answer("CVE-2026-20001").await.0, beta_before, "{name}");

        let again = later + time::Duration::hours(1);
        let all = ["alpha", "gamma", "delta", "epsilon", "zeta"];
        world::import(s, &release, &world::sbom(&all), again).await;
        let (after, ids) = answer("CVE-2026-20000").await;
        assert_eq!(after, before, "{name}: reopened");
        assert_eq!(
            ids, alpha_ids,
            "{name}: the same findings, reopened, not new ones"
        );
    }
}

/// Many pages at once, more than the pool has connections: each page holds one connection
/// for its statements, and nothing may wait for a second one while holding it (64 requests
/// in flight once waited forever on SQLite's four).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_8_pages_in_flight_beyond_the_pool_all_finish() {
    let pump = || FindingFilter {
        product: Some("Pump".into()),
        ..Default::default()
    };
    let ids = |rows: &[FindingRow]| rows.iter().map(|f| f.id).collect::<Vec<i64>>();
    for t in common::stores().await {
        let name = t.name;
        world(&t.store).await;
        let page = ids(&t.store.findings_page(&pump(), None, 4).await.unwrap().rows);
        let affected = ids(&t
            .store
            .affected_page("CVE-2026-20001", 0, 2)
            .await
            .unwrap()
            .rows);
        assert!(page.len() == 4 && affected.len() == 2, "{name}");
        let mut set = tokio::task::JoinSet::new();
        for k in 0..64 {
            let s = t.store.clone();
            set.spawn(async move {
                if k % 2 == 0 {
                    (
                        k,
                        ids(&s.findings_page(&pump(), None, 4).await.unwrap().rows),
                    )
                } else {
                    let p = s.affected_page("CVE-2026-20001", 0, 2).await.unwrap();
                    (k, ids(&p.rows))
                }
            });
        }
        let done = tokio::time::timeout(std::time::Duration::from_secs(120), async {
            let mut done = 0;
            while let Some(r) = set.join_next().await {
                let (k, got) = r.unwrap();
                let want = if k % 2 == 0 { &page } else { &affected };
                assert_eq!(&got, want, "{name}: request {k}");
                done += 1;
            }
            done
        })
        .await
        .unwrap_or_else(|_| panic!("{name}: pages still waiting for a connection after 120 s"));
        assert_eq!(done, 64, "{name}");
    }
}

/// A PostgreSQL connection that came back to the pool moments ago is lent without a ping
/// (each ping was a round trip before every statement), but one that has waited long
/// enough to have been ended meanwhile (a restart, a proxy's idle timeout) is pinged first,
/// found dead and replaced: the request after it still succeeds.
#[tokio::test]
async fn issue_8_a_connection_ended_while_idle_is_replaced_not_lent() {
    for t in common::stores().await {
        if t.name != "postgres" {
            continue;
        }
        let s = &t.store;
        world(s).await;
        let before = s.findings_count().await.unwrap();
        let db: String = sqlx::query_scalar("SELECT CAST(current_database() AS TEXT)")
            .fetch_one(s.pool())
            .await
            .unwrap();
        let admin = sqlx::AnyPool::connect(&std::env::var("MAMORI_TEST_POSTGRES_URL").unwrap())
            .await
            .unwrap();
        let ended: Vec<bool> = sqlx::query_scalar(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1",
        )
        .bind(&db)
        .fetch_all(&admin)
        .await
        .unwrap();
        admin.close().await;
        assert!(
            !ended.is_empty() && ended.iter().all(|e| *e),
            "the pool held no connection to end: {ended:?}"
        );
        // Past the idle time after which a connection is pinged before it is lent.
        tokio::time::sleep(std::time::Duration::from_secs(6)).await;
        for _ in 0..4 {
            assert_eq!(s.findings_count().await.unwrap(), before);
        }
    }
}

/// The API writes a page's findings from their stored text instead of parsing each into a
/// tree and writing it again; what it writes is byte for byte what the parsed object gives,
/// for open, triaged, KEV and resolved findings alike.
#[tokio::test]
async fn issue_8_a_finding_written_from_its_stored_text_equals_its_parsed_object() {
    for t in common::stores().await {
        let s = &t.store;
        world(s).await;
        // Text that JSON must escape, in both languages.
        let first = every(s).await[0].id;
        let mut triage = Triage::checked(
            "exploitable",
            None,
            None,
            Some("a \"quoted\" path\\ and\na line"),
        )
        .unwrap();
        triage.detail_ja = Some("到達可能。\t「引用」".into());
        s.set_finding_state(first, &triage, "analyst", T0)
            .await
            .unwrap();
        let rows = every(s).await;
        assert!(rows.len() > 10, "{}", t.name);
        assert!(
            rows.iter().any(|r| r.analysis_ja.is_some())
                && rows.iter().any(|r| r.justification.is_some())
                && rows.iter().any(|r| r.status != "open"),
            "{}: the world has triaged and resolved findings",
            t.name
        );
        for r in &rows {
            // As the API writes a page's findings.
            let text = serde_json::to_string(r).unwrap();
            assert_eq!(
                text,
                r.to_json().to_string(),
                "{}: finding {}",
                t.name,
                r.id
            );
            assert_eq!(text, r.clone().into_json().to_string());
        }
    }
}
