//! The dashboard: open findings by severity and by product, KEV, overdue items, the trend.
//!
//! The findings' figures are counted by the database (`Store::dashboard_counts`); the
//! regulatory clocks of open cases are computed here, as everywhere, from the case facts.

use axum::extract::State;
use axum::response::Response;
use mamori_console::{DashboardView, OverdueItem, OverdueKind, ProductCount, render_dashboard};
use mamori_judge::clocks::RegulatoryRules;
use mamori_model::Permission;

use super::findings::CLOSED_STATES;
use super::{Page, parse_day, see_other, today};
use crate::AppState;
use crate::problem::ApiError;

const SEVERITIES: [&str; 6] = ["critical", "high", "medium", "low", "none", "unknown"];
/// Days the trend chart covers.
const TREND_DAYS: i64 = 30;
/// Products the "by product" chart shows.
const TOP_PRODUCTS: usize = 10;
/// Overdue findings listed (the most overdue first).
const OVERDUE_SHOWN: usize = 50;

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
    let counts = state
        .store
        .dashboard_counts(
            today,
            TREND_DAYS,
            TOP_PRODUCTS,
            OVERDUE_SHOWN,
            &CLOSED_STATES,
        )
        .await?;
    let products: Vec<ProductCount> = counts
        .by_product
        .iter()
        .map(|(id, name, n)| ProductCount {
            product_id: *id,
            product: name.clone(),
            open: *n,
        })
        .collect();
    let mut overdue: Vec<OverdueItem> = counts
        .overdue
        .iter()
        .map(|f| OverdueItem {
            kind: OverdueKind::Finding,
            id: f.id,
            label: format!("{} · {} {}", f.vulnerability, f.product, f.release),
            due: f.due,
            days_overdue: (today - f.due).whole_days(),
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

    let view = DashboardView {
        by_severity: SEVERITIES
            .iter()
            .map(|s| {
                (
                    s.to_string(),
                    counts.by_severity.get(*s).copied().unwrap_or(0),
                )
            })
            .collect(),
        by_product: products,
        kev_open: counts.kev_open,
        overdue,
        trend: counts.trend,
    };
    Ok(render_dashboard(&page.ctx, &view))
}
