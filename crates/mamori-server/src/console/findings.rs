//! The findings queue, one finding with its evidence and record, and the triage form.
//!
//! The triage form saves through the same store calls as the API: the analysis (state,
//! justification, response, detail), the MITRE rubric answers (the store derives the vector
//! once they are complete), the patient-safety assessment, and optionally a rule carrying
//! the decision to later releases. Everything is checked before anything is stored.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use mamori_console::{
    Bilingual, ComponentInfo, Evidence, FindingFilter as ViewFilter, FindingItem, FindingView,
    FindingsView, HistoryItem, KevInfo, RubricQuestion, SafetyForm, ScoreItem, TriageForm,
    render_finding, render_findings,
};
use mamori_judge::analysis::SafetyRisk;
use mamori_judge::analysis::{Justification, Response as VexResponse};
use mamori_judge::rubric::Rubric;
use mamori_model::Permission;
use mamori_store::{FindingFilter, FindingRow, NewRule, StoredEvent, Subject, Triage, Visibility};
use serde::Deserialize;
use serde_json::Value;

use super::{Page, correctable, fmt_time, non_empty, parse_day, see_other_with, status_of, today};
use crate::AppState;
use crate::problem::ApiError;

/// Analysis states that close a finding for the queue's counts.
pub(crate) const CLOSED_STATES: [&str; 4] = [
    "not_affected",
    "false_positive",
    "resolved",
    "resolved_with_pedigree",
];
/// Findings per page of the queue.
const PAGE: usize = 50;

/// Whether a finding still needs work: it matches and no analysis has closed it.
pub(crate) fn is_open(f: &FindingRow) -> bool {
    f.status == "open" && !CLOSED_STATES.contains(&f.state.as_str())
}

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_owned)
}

/// The severity level the finding object carries (`unknown` when it has none).
pub(crate) fn severity(f: &FindingRow) -> String {
    f.detail
        .get("severity")
        .and_then(|s| s.get("level").or(Some(s)))
        .and_then(Value::as_str)
        .unwrap_or("unknown")
        .to_owned()
}

pub(crate) fn vulnerability(f: &FindingRow) -> String {
    text(&f.detail, "vulnerability_id").unwrap_or_default()
}

pub(crate) fn is_kev(f: &FindingRow) -> bool {
    f.detail
        .get("kev")
        .and_then(Value::as_bool)
        .unwrap_or(false)
}

fn component_label(f: &FindingRow) -> String {
    let c = f.detail.get("component").unwrap_or(&Value::Null);
    match (text(c, "name"), text(c, "version")) {
        (Some(n), Some(v)) => format!("{n} {v}"),
        (Some(n), None) => n,
        _ => String::new(),
    }
}

fn score(f: &FindingRow) -> Option<String> {
    f.detail
        .get("severity")
        .and_then(|s| s.get("score"))
        .and_then(Value::as_f64)
        .map(|s| format!("{s:.1}"))
}

fn epss(f: &FindingRow) -> Option<String> {
    f.detail
        .get("epss")
        .and_then(Value::as_f64)
        .map(|e| format!("{e:.2}"))
}

/// One row of the queue.
pub(crate) fn item(f: &FindingRow) -> FindingItem {
    let due = f.due.as_deref().and_then(parse_day);
    FindingItem {
        id: f.id,
        vulnerability: vulnerability(f),
        severity: severity(f),
        score: score(f),
        kev: is_kev(f),
        epss: epss(f),
        product: f.product.clone(),
        release: f.release.clone(),
        component: component_label(f),
        state: f.state.clone(),
        priority: f.priority.clone(),
        due,
        overdue: is_open(f) && due.is_some_and(|d| d < today()),
    }
}

#[derive(Deserialize, Default)]
pub(crate) struct QueueQuery {
    #[serde(default)]
    product: String,
    #[serde(default)]
    release: String,
    #[serde(default)]
    severity: String,
    #[serde(default)]
    state: String,
    #[serde(default)]
    kev: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    cursor: String,
}

/// GET `/findings`: the queue, filtered, a page at a time.
pub(crate) async fn findings(
    State(state): State<AppState>,
    page: Page,
    Query(q): Query<QueueQuery>,
) -> Response {
    page.render(queue(&state, &page, q).await)
}

async fn queue(state: &AppState, page: &Page, q: QueueQuery) -> Result<String, ApiError> {
    page.require(Permission::ReadInternal)?;
    let view_filter = ViewFilter {
        product: q.product.trim().to_owned(),
        release: q.release.trim().to_owned(),
        severity: q.severity.trim().to_owned(),
        state: q.state.trim().to_owned(),
        kev: q.kev == "1" || q.kev == "on" || q.kev == "true",
        q: q.q.trim().to_owned(),
    };
    let opt = |s: &str| non_empty(s).map(str::to_owned);
    let filter = FindingFilter {
        product: opt(&view_filter.product),
        release: opt(&view_filter.release),
        state: opt(&view_filter.state),
        severity: opt(&view_filter.severity),
        kev: view_filter.kev,
        text: opt(&view_filter.q),
        ..Default::default()
    };
    let products = state.store.products_for(Visibility::All).await?;
    let page_rows = match state
        .store
        .findings_page(&filter, non_empty(&q.cursor), PAGE)
        .await
    {
        Ok(p) => p,
        // A product filter naming nothing stored is an empty queue, not an error page.
        Err(mamori_store::StoreError::NotFound { .. }) => mamori_store::FindingsPage {
            rows: Vec::new(),
            next: None,
        },
        Err(mamori_store::StoreError::Invalid(m)) => return Err(ApiError::invalid(m, "cursor")),
        Err(e) => return Err(e.into()),
    };
    let view = FindingsView {
        filter: view_filter,
        products: products.into_iter().map(|p| p.name).collect(),
        rows: page_rows.rows.iter().map(item).collect(),
        next_cursor: page_rows.next,
    };
    Ok(render_findings(&page.ctx, &view))
}

/// GET `/findings/{id}`: one finding with its evidence, its record and the triage form.
pub(crate) async fn finding(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
) -> Response {
    page.render(finding_html(&state, &page, id).await)
}

/// The finding page's HTML (also shown again by the supplier VEX forms on a correctable error).
pub(crate) async fn finding_page_html(
    state: &AppState,
    page: &Page,
    id: i64,
) -> Result<String, ApiError> {
    finding_html(state, page, id).await
}

async fn finding_html(state: &AppState, page: &Page, id: i64) -> Result<String, ApiError> {
    page.require(Permission::ReadInternal)?;
    let view = finding_view(state, page, id).await?;
    Ok(render_finding(&page.ctx, &view))
}

async fn finding_view(state: &AppState, page: &Page, id: i64) -> Result<FindingView, ApiError> {
    let f = state.store.finding(id).await?;
    let d = &f.detail;
    let product = state.store.product_for(&f.product, Visibility::All).await?;
    let release = state.store.release(&product, &f.release).await?;
    let subject = Subject::new("finding", &id.to_string())?;
    let events = state.store.events_for(&subject, crate::api::now()).await?;
    let vuln = vulnerability(&f);
    let aliases: Vec<String> = d
        .get("aliases")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    let summary = state
        .store
        .vulnerabilities(&[vuln.as_str()])
        .await?
        .into_iter()
        .find_map(|v| {
            let pick = |texts: &[mamori_model::LocalizedText]| {
                texts
                    .iter()
                    .find(|t| t.lang.starts_with(page.ctx.lang.tag()))
                    .or(texts.first())
                    .map(|t| t.text.clone())
            };
            pick(&v.titles).or_else(|| pick(&v.descriptions))
        });
    let kev = if is_kev(&f) {
        let mut info = None;
        for cve in std::iter::once(&vuln)
            .chain(aliases.iter())
            .filter(|i| i.starts_with("CVE-"))
        {
            if let Some(k) = state.store.kev_entry(cve).await?
                && let Some(added) = k.status.date_added
            {
                info = Some(KevInfo {
                    date_added: added,
                    due: k.status.due_date,
                    ransomware: k.status.ransomware_use == Some(true),
                });
                break;
            }
        }
        info
    } else {
        None
    };
    let sev = d.get("severity").unwrap_or(&Value::Null);
    let scores = match (text(sev, "vector"), score(&f)) {
        (Some(vector), Some(s)) => vec![ScoreItem {
            source: text(sev, "source").unwrap_or_default(),
            vector,
            score: s,
        }],
        _ => Vec::new(),
    };
    let c = d.get("component").unwrap_or(&Value::Null);
    let first = d
        .get("evidence")
        .and_then(Value::as_array)
        .and_then(|e| e.first());
    let evidence = Evidence {
        matched_by: text(d, "matched_by").unwrap_or_default(),
        matched_range: text(d, "matched_range").filter(|r| !r.is_empty()),
        fixed_versions: d
            .get("fixed_versions")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default(),
        source: first.map(|e| {
            format!(
                "{} {}",
                text(e, "source").unwrap_or_default().to_uppercase(),
                text(e, "record").unwrap_or_default()
            )
            .trim()
            .to_owned()
        }),
    };
    let triage = if page.principal.user.role.can(Permission::Triage) {
        Some(triage_form(&state.store.assessment(id).await?))
    } else {
        None
    };
    Ok(FindingView {
        id: f.id,
        vulnerability: vuln,
        aliases,
        summary,
        severity: severity(&f),
        scores,
        kev,
        epss: epss(&f),
        product_id: product.id,
        product: f.product.clone(),
        release_id: release.id,
        release: f.release.clone(),
        component: ComponentInfo {
            name: text(c, "name").unwrap_or_default(),
            version: text(c, "version"),
            purl: text(c, "purl"),
            cpe: text(c, "cpe"),
        },
        evidence,
        status: f.status.clone(),
        state: f.state.clone(),
        justification: f.justification.clone(),
        response: f.response.clone(),
        detail: f.analysis.clone(),
        detail_ja: f.analysis_ja.clone(),
        state_by: f.state_by.clone(),
        priority: f.priority.clone(),
        due: f.due.as_deref().and_then(parse_day),
        first_seen: fmt_time(&f.first_seen),
        history: events.iter().map(history_item).collect(),
        triage,
        vex: super::vex::pending_for(state, id).await?,
    })
}

fn history_item(e: &StoredEvent) -> HistoryItem {
    let note = if !e.why.is_empty() {
        Some(e.why.clone())
    } else {
        e.evidence_json()
            .and_then(|v| v.get("set").cloned())
            .map(|set| match set {
                Value::Object(m) => m
                    .iter()
                    .filter(|(_, v)| !v.is_null())
                    .map(|(k, v)| match v {
                        Value::String(s) => format!("{k}: {s}"),
                        other => format!("{k}: {other}"),
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
                other => other.to_string(),
            })
            .filter(|s| !s.is_empty())
    };
    HistoryItem {
        at: fmt_time(&e.time),
        who: e.actor.clone(),
        action: e.action.clone(),
        note,
    }
}

fn triage_form(assessment: &Value) -> TriageForm {
    let rubric = Rubric::mitre_2020();
    let answers = assessment["rubric"]["answers"].as_array();
    let chosen = |qid: &str| {
        answers
            .into_iter()
            .flatten()
            .find(|a| a["question"].as_str() == Some(qid))
            .and_then(|a| a["answer"].as_str())
            .map(str::to_owned)
    };
    let safety = &assessment["safety"];
    let bi = |t: &mamori_judge::rubric::Text| Bilingual {
        en: t.en.clone(),
        ja: t.ja.clone(),
    };
    let derived = &assessment["rubric"]["derived"];
    TriageForm {
        justifications: Justification::ALL
            .iter()
            .map(|j| j.as_str().to_owned())
            .collect(),
        responses: VexResponse::ALL
            .iter()
            .map(|r| r.as_str().to_owned())
            .collect(),
        rubric: rubric
            .questions()
            .iter()
            .map(|q| RubricQuestion {
                id: q.id().to_owned(),
                metric: q.metric().to_owned(),
                text: bi(q.text()),
                guidance: q.guidance().map(bi),
                answers: q
                    .answers()
                    .iter()
                    .map(|a| (a.id().to_owned(), bi(a.text())))
                    .collect(),
                chosen: chosen(q.id()),
            })
            .collect(),
        derived: derived["vector"]
            .as_str()
            .map(|v| match derived["score"].as_f64() {
                Some(s) => format!("{v} ({s:.1})"),
                None => v.to_owned(),
            }),
        safety: SafetyForm {
            risk: safety["risk"].as_str().unwrap_or("").to_owned(),
            hazard: safety["hazard"].as_str().unwrap_or("").to_owned(),
            controls: safety["controls"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join("\n"),
        },
    }
}

/// POST `/findings/{id}/triage`: the analysis, the rubric and safety assessment, and
/// optionally a rule carrying the decision to later releases.
pub(crate) async fn triage(
    State(state): State<AppState>,
    mut page: Page,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    };
    if let Err(e) = page.check_csrf(field("csrf")) {
        return page.error(e);
    }
    match save_triage(&state, &page, id, &fields).await {
        Ok(()) => see_other_with(
            &format!("/findings/{id}"),
            "notice.saved",
            state.config.behind_tls(),
        ),
        Err(e) if correctable(&e) => {
            page.with_problem(&e);
            let html = finding_html(&state, &page, id).await;
            page.render_status(status_of(&e), html)
        }
        Err(e) => page.error(e),
    }
}

async fn save_triage(
    state: &AppState,
    page: &Page,
    id: i64,
    fields: &[(String, String)],
) -> Result<(), ApiError> {
    page.require(Permission::Triage)?;
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    };
    let t = Triage::checked(
        field("state"),
        non_empty(field("justification")),
        non_empty(field("response")),
        non_empty(field("detail")),
    )
    .map(|t| t.with_detail_ja(non_empty(field("detail_ja"))))
    .map_err(|e| ApiError::invalid(e.message.clone(), e.field))?;
    let rule = if field("rule") == "1" {
        page.require(Permission::ManageRules)?;
        let reason = non_empty(field("rule_reason"))
            .ok_or_else(|| ApiError::invalid("a rule needs a reason", "rule_reason"))?;
        let expires = match non_empty(field("rule_expires")) {
            None => None,
            Some(s) => Some(
                parse_day(s)
                    .filter(|_| s.len() == 10)
                    .ok_or_else(|| {
                        ApiError::invalid(
                            format!("{s:?} is not a date (YYYY-MM-DD)"),
                            "rule_expires",
                        )
                    })?
                    .midnight()
                    .assume_utc(),
            ),
        };
        Some((reason.to_owned(), expires))
    } else {
        None
    };
    // The answers and the safety assessment are checked before anything is stored.
    let rubric = Rubric::mitre_2020();
    let mut answers = Vec::new();
    for (k, v) in fields {
        let Some(qid) = k.strip_prefix("rubric.") else {
            continue;
        };
        if v.is_empty() {
            continue;
        }
        let q = rubric.question(qid).ok_or_else(|| {
            ApiError::invalid(format!("unknown rubric question {qid:?}"), k.clone())
        })?;
        if !q.answers().iter().any(|a| a.id() == v) {
            return Err(ApiError::invalid(
                format!("unknown answer {v:?} to rubric question {qid:?}"),
                k.clone(),
            ));
        }
        answers.push((qid.to_owned(), v.clone()));
    }
    let safety = match field("safety_risk") {
        "" => None,
        r => {
            let risk = SafetyRisk::parse(r).ok_or_else(|| {
                ApiError::invalid(
                    "safety risk must be controlled, uncontrolled or not assessed",
                    "safety_risk",
                )
            })?;
            let hazard = non_empty(field("safety_hazard")).ok_or_else(|| {
                ApiError::invalid(
                    "a safety assessment names the hazard and the harm it could lead to",
                    "safety_hazard",
                )
            })?;
            let controls: Vec<String> = field("safety_controls")
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect();
            Some((risk, hazard.to_owned(), controls))
        }
    };
    let now = crate::api::now();
    let who = page.principal.actor();
    let f = state.store.set_finding_state(id, &t, who, now).await?;
    // The form shows every answer recorded; only changed ones make a new record entry.
    let before = state.store.assessment(id).await?;
    let recorded = |q: &str| {
        before["rubric"]["answers"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|a| a["question"].as_str() == Some(q))
            .and_then(|a| a["answer"].as_str())
            .map(str::to_owned)
    };
    let changed: Vec<(String, String)> = answers
        .into_iter()
        .filter(|(q, a)| recorded(q).as_deref() != Some(a.as_str()))
        .collect();
    if !changed.is_empty() {
        state.store.answer_rubric(id, &changed, who, now).await?;
    }
    if let Some((risk, hazard, controls)) = safety {
        let s = &before["safety"];
        let same = s["risk"].as_str() == Some(risk.as_str())
            && s["hazard"].as_str() == Some(hazard.as_str())
            && s["controls"].as_array().is_some_and(|c| {
                c.iter()
                    .filter_map(Value::as_str)
                    .eq(controls.iter().map(String::as_str))
            });
        if !same {
            state
                .store
                .set_safety(id, risk, &hazard, &controls, who, now)
                .await?;
        }
    }
    if let Some((reason, expires)) = rule {
        let c = f.detail.get("component").unwrap_or(&Value::Null);
        let component = text(c, "purl")
            .or_else(|| text(c, "name"))
            .ok_or_else(|| ApiError::invalid("the finding's component has no name", "rule"))?;
        let new = NewRule {
            product: Some(f.product.clone()),
            component,
            vulnerability: vulnerability(&f),
            triage: t,
            reason,
            expires,
        };
        state.store.add_rule(&new, who, now).await?;
    }
    Ok(())
}
