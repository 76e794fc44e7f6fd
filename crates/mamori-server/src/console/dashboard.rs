//! The dashboard: open findings by severity and by product, KEV, overdue items, the trend.
//!
//! The store has no aggregate queries for these yet, so they are counted here from one read
//! of every stored finding (resolved ones too, for the trend) and the cases. That is fine for
//! a portfolio of thousands of findings, not for the million of the benchmark: counting
//! queries in the store (`GROUP BY severity`, `GROUP BY product`, a daily series) should
//! replace it.

use std::collections::{BTreeMap, HashMap};

use axum::extract::State;
use axum::response::Response;
use mamori_console::{DashboardView, OverdueItem, OverdueKind, ProductCount, render_dashboard};
use mamori_judge::clocks::RegulatoryRules;
use mamori_model::Permission;
use mamori_store::{FindingFilter, Visibility};
use time::Duration;

use super::findings::{is_kev, is_open, severity, vulnerability};
use super::{Page, parse_day, see_other, today};
use crate::AppState;
use crate::problem::ApiError;

const SEVERITIES: [&str; 6] = ["critical", "high", "medium", "low", "none", "unknown"];
/// Days the trend chart covers.
const TREND_DAYS: i64 = 30;
/// Products the "by product" chart shows.
const TOP_PRODUCTS: usize = 10;

/// GET `/`: the dashboard; hospital users start at their devices.
pub(crate) async fn dashboard(State(state): State<AppState>, page: Page) -> Response {
    if !page.is_maker() {
        return see_other("/devices");
    }
    page.render(build(&state, &page).await)
}

async fn build(state: &AppState, page: &Page) -> Result<String, ApiError> {
    page.require(Permission::ReadInternal)?;
    let today = today();
    let all = state
        .store
        .findings(&FindingFilter {
            include_resolved: true,
            ..Default::default()
        })
        .await?;
    let open: Vec<_> = all.iter().filter(|f| is_open(f)).collect();

    let mut by_sev: HashMap<String, u64> = HashMap::new();
    let mut by_product: HashMap<&str, u64> = HashMap::new();
    for f in &open {
        *by_sev.entry(severity(f)).or_default() += 1;
        *by_product.entry(f.product.as_str()).or_default() += 1;
    }
    let ids: HashMap<String, i64> = state
        .store
        .products_for(Visibility::All)
        .await?
        .into_iter()
        .map(|p| (p.name, p.id))
        .collect();
    let mut products: Vec<ProductCount> = by_product
        .into_iter()
        .map(|(name, n)| ProductCount {
            product_id: ids.get(name).copied().unwrap_or_default(),
            product: name.to_owned(),
            open: n,
        })
        .collect();
    products.sort_by(|a, b| b.open.cmp(&a.open).then_with(|| a.product.cmp(&b.product)));
    products.truncate(TOP_PRODUCTS);

    let mut overdue: Vec<OverdueItem> = open
        .iter()
        .filter_map(|f| {
            let due = f.due.as_deref().and_then(parse_day)?;
            (due < today).then(|| OverdueItem {
                kind: OverdueKind::Finding,
                id: f.id,
                label: format!("{} · {} {}", vulnerability(f), f.product, f.release),
                due,
                days_overdue: (today - due).whole_days(),
            })
        })
        .collect();
    let rules = RegulatoryRules::default_rules();
    for case in state.store.cases().await? {
        if case.status != "open" {
            continue;
        }
        let Ok(v) = case.to_json(&rules) else {
            continue;
        };
        for o in v["obligations"].as_array().into_iter().flatten() {
            let decided = !o["decision"].is_null();
            let Some(due) = o["due"].as_str().and_then(parse_day) else {
                continue;
            };
            if !decided && due < today {
                let report = o["report"]
                    .as_str()
                    .or(o["obligation"].as_str())
                    .unwrap_or("");
                overdue.push(OverdueItem {
                    kind: OverdueKind::Clock,
                    id: case.id,
                    label: format!("{} · {}", case.title, report),
                    due,
                    days_overdue: (today - due).whole_days(),
                });
            }
        }
    }
    overdue.sort_by_key(|o| std::cmp::Reverse(o.days_overdue));

    // Findings matching on each day: seen by then and not yet resolved.
    let first = today - Duration::days(TREND_DAYS - 1);
    let mut delta: BTreeMap<time::Date, i64> = BTreeMap::new();
    let mut before = 0i64;
    for f in &all {
        let Some(seen) = parse_day(&f.first_seen) else {
            continue;
        };
        let gone = f.resolved_at.as_deref().and_then(parse_day);
        if gone.is_some_and(|g| g <= first) {
            continue;
        }
        if seen <= first {
            before += 1;
        } else {
            *delta.entry(seen).or_default() += 1;
        }
        if let Some(g) = gone {
            *delta.entry(g).or_default() -= 1;
        }
    }
    let mut trend = Vec::new();
    let mut n = before;
    for i in 0..TREND_DAYS {
        let day = first + Duration::days(i);
        if i > 0 {
            n += delta.get(&day).copied().unwrap_or(0);
        }
        trend.push((day, u64::try_from(n.max(0)).unwrap_or(0)));
    }
    let view = DashboardView {
        by_severity: SEVERITIES
            .iter()
            .map(|s| (s.to_string(), by_sev.get(*s).copied().unwrap_or(0)))
            .collect(),
        by_product: products,
        kev_open: open.iter().filter(|f| is_kev(f)).count() as u64,
        overdue,
        trend,
    };
    Ok(render_dashboard(&page.ctx, &view))
}
