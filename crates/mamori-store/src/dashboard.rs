//! The maker's dashboard counted by the database: open findings by severity and by product,
//! KEV findings, overdue findings and the daily trend, each one aggregate query, so the page
//! costs the same for a thousand findings as for a million.

use std::collections::BTreeMap;

use serde_json::Value;
use sqlx::Row;
use time::{Date, Duration};

use crate::vulns::in_list;
use crate::{Store, StoreError};

/// What the dashboard shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DashboardCounts {
    /// Open findings per severity level (`critical` … `none`, `unknown`).
    pub by_severity: BTreeMap<String, u64>,
    /// The products with the most open findings: `(product id, name, open findings)`, most first.
    pub by_product: Vec<(i64, String, u64)>,
    /// Open findings on a KEV-listed vulnerability.
    pub kev_open: u64,
    /// Open findings past their due date, the most overdue first (at most `overdue_limit`).
    pub overdue: Vec<OverdueFinding>,
    /// Open findings past their due date, all of them.
    pub overdue_total: u64,
    /// Findings matching on each day (first seen by then, not resolved by then), oldest first.
    pub trend: Vec<(Date, u64)>,
}

/// An open finding past its due date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OverdueFinding {
    /// Finding id.
    pub id: i64,
    /// Vulnerability id.
    pub vulnerability: String,
    /// Product name.
    pub product: String,
    /// Release version.
    pub release: String,
    /// The due date.
    pub due: Date,
}

fn day(text: &str) -> Option<Date> {
    let f = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(text.get(..10)?, &f).ok()
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

impl Store {
    /// The dashboard's figures on `today`: "open" leaves out findings that no longer match and
    /// those whose analysis is one of `closed_states`; the trend covers `days` days up to today.
    pub async fn dashboard_counts(
        &self,
        today: Date,
        days: i64,
        top_products: usize,
        overdue_limit: usize,
        closed_states: &[&str],
    ) -> Result<DashboardCounts, StoreError> {
        let open = format!(
            "f.status = 'open' AND f.state NOT IN ({})",
            in_list(1, closed_states.len())
        );
        let bind_closed = |sql: String| {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for s in closed_states {
                q = q.bind(*s);
            }
            q
        };
        let n = closed_states.len();
        let mut out = DashboardCounts::default();

        // Safe: every statement below is built from constants and placeholder numbers.
        for r in bind_closed(format!(
            "SELECT f.severity, COUNT(*), SUM(CASE WHEN f.kev <> 0 THEN 1 ELSE 0 END) \
             FROM findings f WHERE {open} GROUP BY f.severity"
        ))
        .fetch_all(&self.pool)
        .await?
        {
            out.by_severity
                .insert(r.try_get(0)?, count(r.try_get::<i64, _>(1)?));
            out.kev_open += count(r.try_get::<Option<i64>, _>(2)?.unwrap_or(0));
        }

        let top = i64::try_from(top_products).unwrap_or(i64::MAX);
        for r in bind_closed(format!(
            "SELECT p.id, p.name, COUNT(*) FROM findings f JOIN releases r ON r.id = f.release_id \
             JOIN products p ON p.id = r.product_id WHERE {open} \
             GROUP BY p.id, p.name ORDER BY COUNT(*) DESC, p.name LIMIT ${}",
            n + 1
        ))
        .bind(top)
        .fetch_all(&self.pool)
        .await?
        {
            out.by_product
                .push((r.try_get(0)?, r.try_get(1)?, count(r.try_get::<i64, _>(2)?)));
        }

        let today_text = today.to_string();
        out.overdue_total = count(
            bind_closed(format!(
                "SELECT COUNT(*) FROM findings f WHERE {open} AND f.due IS NOT NULL AND f.due < ${}",
                n + 1
            ))
            .bind(today_text.clone())
            .fetch_one(&self.pool)
            .await?
            .try_get(0)?,
        );
        let limit = i64::try_from(overdue_limit).unwrap_or(i64::MAX);
        for r in bind_closed(format!(
            "SELECT f.id, p.name, r.version, f.due, f.detail FROM findings f \
             JOIN releases r ON r.id = f.release_id JOIN products p ON p.id = r.product_id \
             WHERE {open} AND f.due IS NOT NULL AND f.due < ${} ORDER BY f.due, f.id LIMIT ${}",
            n + 1,
            n + 2
        ))
        .bind(today_text)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?
        {
            let due: String = r.try_get(3)?;
            let Some(due) = day(&due) else { continue };
            let detail: String = r.try_get(4)?;
            let vulnerability = serde_json::from_str::<Value>(&detail)
                .ok()
                .and_then(|d| d["vulnerability_id"].as_str().map(str::to_owned))
                .unwrap_or_default();
            out.overdue.push(OverdueFinding {
                id: r.try_get(0)?,
                vulnerability,
                product: r.try_get(1)?,
                release: r.try_get(2)?,
                due,
            });
        }

        // The trend: those matching on the first day, then each day's arrivals and departures.
        let first = today - Duration::days(days.max(1) - 1);
        let first_text = first.to_string();
        let before: i64 = sqlx::query(
            "SELECT COUNT(*) FROM findings WHERE SUBSTR(first_seen, 1, 10) <= $1 \
             AND (resolved_at IS NULL OR SUBSTR(resolved_at, 1, 10) > $1)",
        )
        .bind(first_text.clone())
        .fetch_one(&self.pool)
        .await?
        .try_get(0)?;
        let mut delta: BTreeMap<Date, i64> = BTreeMap::new();
        for (column, sign) in [("first_seen", 1), ("resolved_at", -1)] {
            let sql = format!(
                "SELECT SUBSTR({column}, 1, 10), COUNT(*) FROM findings \
                 WHERE {column} IS NOT NULL AND SUBSTR({column}, 1, 10) > $1 \
                 GROUP BY SUBSTR({column}, 1, 10)"
            );
            for r in sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(first_text.clone())
                .fetch_all(&self.pool)
                .await?
            {
                let d: String = r.try_get(0)?;
                if let Some(d) = day(&d) {
                    *delta.entry(d).or_default() += sign * r.try_get::<i64, _>(1)?;
                }
            }
        }
        let mut n = before;
        for i in 0..days.max(1) {
            let d = first + Duration::days(i);
            if i > 0 {
                n += delta.get(&d).copied().unwrap_or(0);
            }
            out.trend.push((d, count(n)));
        }
        Ok(out)
    }
}
