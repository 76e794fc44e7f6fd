//! The dashboard's figures counted by the database equal the same figures counted one finding
//! at a time from every stored finding — on SQLite and PostgreSQL.

use crate::common;
use crate::world;

use std::collections::BTreeMap;

use mamori_model::{Lifecycle, ProductName, ReleaseVersion, SourceKind};
use mamori_store::{FindingFilter, FindingRow, Store};
use serde_json::json;
use time::macros::{date, datetime};
use time::{Date, Duration};

const CLOSED: [&str; 4] = [
    "not_affected",
    "false_positive",
    "resolved",
    "resolved_with_pedigree",
];

async fn world(s: &Store) {
    let now = datetime!(2026-11-01 09:00 UTC);
    for (id, package, severity) in [
        ("GHSA-aaaa-0001-0001", "alpha", Some("HIGH")),
        ("GHSA-aaaa-0002-0002", "beta", Some("CRITICAL")),
        ("GHSA-aaaa-0003-0003", "gamma", None),
    ] {
        s.import_feed_file(
            &format!("{id}.json"),
            &world::osv(id, &[], package, severity),
            Some(SourceKind::Osv),
            now,
        )
        .await
        .unwrap();
    }
    for (product, versions, crates) in [
        ("Pump", &["1.0", "1.1"][..], &["alpha", "beta", "gamma"][..]),
        ("Gateway", &["1.0"][..], &["alpha"][..]),
    ] {
        let p = s
            .add_product(&ProductName::new(product).unwrap(), None, now)
            .await
            .unwrap();
        for v in versions {
            let r = s
                .add_release(
                    &p,
                    &ReleaseVersion::new(v).unwrap(),
                    &Lifecycle::default(),
                    now,
                )
                .await
                .unwrap();
            world::import(s, &r, &world::sbom(crates), now).await;
        }
    }
}

/// The figures counted one finding at a time, as the console did before the store counted them.
fn by_hand(
    all: &[FindingRow],
    today: Date,
    days: i64,
) -> (BTreeMap<String, u64>, u64, u64, Vec<u64>) {
    let day = |s: &str| {
        Date::parse(
            &s[..10],
            &time::macros::format_description!("[year]-[month]-[day]"),
        )
        .unwrap()
    };
    let open: Vec<&FindingRow> = all
        .iter()
        .filter(|f| f.status == "open" && !CLOSED.contains(&f.state.as_str()))
        .collect();
    let mut sev = BTreeMap::new();
    for f in &open {
        let level = f.detail["severity"]["level"]
            .as_str()
            .unwrap_or("unknown")
            .to_owned();
        *sev.entry(level).or_default() += 1;
    }
    let kev = open.iter().filter(|f| f.detail["kev"] == true).count() as u64;
    let overdue = open
        .iter()
        .filter(|f| f.due.as_deref().is_some_and(|d| day(d) < today))
        .count() as u64;
    let trend = (0..days)
        .map(|i| {
            let d = today - Duration::days(days - 1 - i);
            all.iter()
                .filter(|f| {
                    day(&f.first_seen) <= d && f.resolved_at.as_deref().is_none_or(|r| day(r) > d)
                })
                .count() as u64
        })
        .collect();
    (sev, kev, overdue, trend)
}

#[tokio::test]
async fn issue_8_dashboard_counts_by_the_database_equal_counting_every_finding() {
    for t in common::stores().await {
        let (s, name) = (&t.store, t.name);
        world(s).await;
        let ids: Vec<i64> = {
            let mut v: Vec<i64> = s
                .findings(&FindingFilter::default())
                .await
                .unwrap()
                .iter()
                .map(|f| f.id)
                .collect();
            v.sort();
            v
        };
        assert_eq!(ids.len(), 7, "{name}: 3 + 3 + 1 findings");
        // Spread the findings over time, states, KEV and due dates.
        let set = |sql: &'static str, id: i64| async move {
            sqlx::query(sql).bind(id).execute(s.pool()).await.unwrap();
        };
        set(
            "UPDATE findings SET first_seen = '2026-10-01T08:00:00Z' WHERE id = $1",
            ids[0],
        )
        .await;
        set(
            "UPDATE findings SET first_seen = '2026-11-10T08:00:00Z' WHERE id = $1",
            ids[1],
        )
        .await;
        set(
            "UPDATE findings SET first_seen = '2026-11-20T23:59:00Z' WHERE id = $1",
            ids[2],
        )
        .await;
        set("UPDATE findings SET status = 'resolved', resolved_at = '2026-11-21T10:00:00Z' WHERE id = $1", ids[3]).await;
        set("UPDATE findings SET status = 'resolved', resolved_at = '2026-10-05T10:00:00Z', first_seen = '2026-10-01T08:00:00Z' WHERE id = $1", ids[4]).await;
        set("UPDATE findings SET state = 'not_affected', justification = 'code_not_reachable' WHERE id = $1", ids[5]).await;
        set(
            "UPDATE findings SET kev = 1, due = '2026-11-01' WHERE id = $1",
            ids[0],
        )
        .await;
        set(
            "UPDATE findings SET kev = 1, due = '2026-11-20' WHERE id = $1",
            ids[5],
        )
        .await;
        set(
            "UPDATE findings SET due = '2026-12-31' WHERE id = $1",
            ids[1],
        )
        .await;
        set(
            "UPDATE findings SET due = '2026-11-25' WHERE id = $1",
            ids[6],
        )
        .await;
        // The finding object carries kev too: keep it in step with the column for the hand count.
        for id in [ids[0], ids[5]] {
            let f = s.finding(id).await.unwrap();
            let mut d = f.detail.into_value();
            d["kev"] = json!(true);
            sqlx::query("UPDATE findings SET detail = $1 WHERE id = $2")
                .bind(d.to_string())
                .bind(id)
                .execute(s.pool())
                .await
                .unwrap();
        }

        let today = date!(2026 - 11 - 26);
        let c = s
            .dashboard_counts(today, 30, 10, 50, &CLOSED)
            .await
            .unwrap();
        let all = s
            .findings(&FindingFilter {
                include_resolved: true,
                ..Default::default()
            })
            .await
            .unwrap();
        let (sev, kev, overdue, trend) = by_hand(&all, today, 30);
        assert_eq!(c.by_severity, sev, "{name}");
        assert_eq!(c.kev_open, kev, "{name}");
        assert_eq!(kev, 1, "{name}: the not-affected KEV finding is not open");
        assert_eq!(c.overdue_total, overdue, "{name}");
        assert_eq!(overdue, 2, "{name}");
        assert_eq!(
            c.overdue.iter().map(|o| o.due).collect::<Vec<_>>(),
            [date!(2026 - 11 - 01), date!(2026 - 11 - 25)],
            "{name}: most overdue first"
        );
        assert!(c.overdue[0].vulnerability.starts_with("GHSA-"), "{name}");
        assert_eq!(c.trend.len(), 30);
        assert_eq!(
            c.trend.iter().map(|t| t.1).collect::<Vec<_>>(),
            trend,
            "{name}"
        );
        assert_eq!(c.trend[29].0, today);
        // Products: Pump has its open findings (6 less the resolved and the not-affected ones).
        let open_by_product = |p: &str| {
            all.iter()
                .filter(|f| {
                    f.product == p && f.status == "open" && !CLOSED.contains(&f.state.as_str())
                })
                .count() as u64
        };
        let products: Vec<(String, u64)> =
            c.by_product.iter().map(|p| (p.1.clone(), p.2)).collect();
        let mut want = vec![
            ("Pump".to_owned(), open_by_product("Pump")),
            ("Gateway".to_owned(), open_by_product("Gateway")),
        ];
        want.retain(|w| w.1 > 0);
        want.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        assert_eq!(products, want, "{name}");
        // The top-N limit holds.
        let one = s.dashboard_counts(today, 30, 1, 1, &CLOSED).await.unwrap();
        assert_eq!(one.by_product.len(), 1, "{name}");
        assert_eq!(one.overdue.len(), 1, "{name}");
        assert_eq!(one.overdue_total, 2, "{name}");
    }
}
