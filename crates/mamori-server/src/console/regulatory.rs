//! Regulatory cases and their clocks (deadlines per jurisdiction and obligation, counted by
//! `mamori-judge`'s rule table from the case's facts).

use axum::extract::{Path, State};
use axum::response::Response;
use mamori_console::{
    CaseFinding, CaseItem, CaseView, CasesView, ClockItem, ClockStatus, DecisionItem, render_case,
    render_cases,
};
use mamori_judge::clocks::RegulatoryRules;
use mamori_model::Permission;
use mamori_store::CaseRow;

use super::findings::vulnerability;
use super::{Page, fmt_time, parse_day, today};
use crate::AppState;
use crate::problem::ApiError;

fn clocks(case: &CaseRow, rules: &RegulatoryRules) -> Result<Vec<ClockItem>, ApiError> {
    let v = case.to_json(rules)?;
    let today = today();
    Ok(v["obligations"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|o| {
            let s = |k: &str| o[k].as_str().unwrap_or("").to_owned();
            let status = match (o["status"].as_str(), o["due"].as_str().and_then(parse_day)) {
                (Some("due"), Some(due)) if due < today => ClockStatus::Overdue {
                    due,
                    days: (today - due).whole_days(),
                },
                (Some("due"), Some(due)) => ClockStatus::Due {
                    due,
                    days_left: (due - today).whole_days(),
                },
                (Some(st), _) if st.starts_with("awaiting") => ClockStatus::AwaitingAnchor,
                _ => ClockStatus::NotRequired,
            };
            ClockItem {
                jurisdiction: s("jurisdiction"),
                obligation: s("obligation"),
                report: o["report"].as_str().map(str::to_owned),
                status,
                basis: s("basis"),
                verified: o["rule_verified"].as_bool().unwrap_or(false),
            }
        })
        .collect())
}

/// The nearest deadline still open (no decision yet) of a case.
fn next_deadline(case: &CaseRow, rules: &RegulatoryRules) -> Option<time::Date> {
    let v = case.to_json(rules).ok()?;
    v["obligations"]
        .as_array()?
        .iter()
        .filter(|o| o["decision"].is_null())
        .filter_map(|o| o["due"].as_str().and_then(parse_day))
        .min()
}

/// GET `/cases`.
pub(crate) async fn cases(State(state): State<AppState>, page: Page) -> Response {
    page.render(cases_html(&state, &page).await)
}

async fn cases_html(state: &AppState, page: &Page) -> Result<String, ApiError> {
    page.require(Permission::ReadInternal)?;
    let rules = RegulatoryRules::default_rules();
    let today = today();
    let mut rows: Vec<CaseItem> = state
        .store
        .cases()
        .await?
        .iter()
        .map(|c| {
            let next = if c.status == "open" {
                next_deadline(c, &rules)
            } else {
                None
            };
            CaseItem {
                id: c.id,
                title: c.title.clone(),
                status: c.status.clone(),
                awareness: c.awareness,
                next_deadline: next,
                days_left: next.map(|d| (d - today).whole_days()),
                findings: c.findings.len() as u64,
            }
        })
        .collect();
    // Most urgent first: open cases by their nearest deadline, then the rest, newest first.
    rows.sort_by_key(|c| (c.next_deadline.is_none(), c.next_deadline, -c.id));
    Ok(render_cases(&page.ctx, &CasesView { rows }))
}

/// GET `/cases/{id}`.
pub(crate) async fn case(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
) -> Response {
    page.render(case_html(&state, &page, id).await)
}

async fn case_html(state: &AppState, page: &Page, id: i64) -> Result<String, ApiError> {
    page.require(Permission::ReadInternal)?;
    let c = state.store.case(id).await?;
    let rules = RegulatoryRules::default_rules();
    let mut findings = Vec::new();
    for fid in &c.findings {
        let f = state.store.finding(*fid).await?;
        findings.push(CaseFinding {
            id: f.id,
            vulnerability: vulnerability(&f),
            release: format!("{} {}", f.product, f.release),
            state: f.state.clone(),
        });
    }
    let view = CaseView {
        id: c.id,
        title: c.title.clone(),
        status: c.status.clone(),
        awareness: c.awareness,
        harm: c.harm.clone(),
        harm_occurred: c.harm_occurred,
        safety: c.safety.clone(),
        created_by: c.created_by.clone(),
        created_at: fmt_time(&c.created_at),
        findings,
        clocks: clocks(&c, &rules)?,
        decisions: c
            .decisions
            .iter()
            .map(|d| DecisionItem {
                jurisdiction: d.jurisdiction.clone(),
                obligation: d.obligation.clone(),
                report_required: d.report_required,
                reason: d.reason.clone(),
                decided_by: d.decided_by.clone(),
                decided_at: fmt_time(&d.decided_at),
            })
            .collect(),
    };
    Ok(render_case(&page.ctx, &view))
}
