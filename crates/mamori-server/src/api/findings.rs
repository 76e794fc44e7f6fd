//! Findings (the queue and one finding), their analysis, triage rules, and "which releases does ID affect".
//!
//! These are the maker's internal judgement: hospital users are refused them
//! (their share is advisories and VEX, published on purpose).

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use mamori_model::Permission;
use mamori_store::{FindingFilter, FindingRow, NewRule, Triage};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::Principal;
use crate::problem::{ApiError, Problem};

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_findings))
        .routes(routes!(get_finding))
        .routes(routes!(set_analysis))
        .routes(routes!(list_rules, add_rule))
        .routes(routes!(affected))
}

/// Filters and paging of the findings queue.
#[derive(Deserialize, IntoParams, Default)]
pub struct FindingsQuery {
    /// Product id or name.
    pub product: Option<String>,
    /// Release version (with `product`).
    pub release: Option<String>,
    /// `critical`, `high`, `medium`, `low`, `none`, `unknown`.
    pub severity: Option<String>,
    /// Analysis state.
    pub state: Option<String>,
    /// Only vulnerabilities in the KEV catalog.
    #[serde(default)]
    pub kev: bool,
    /// Due on or before this date.
    pub due_by: Option<String>,
    /// Text in the vulnerability id or the component.
    pub q: Option<String>,
    /// Resolved findings too.
    #[serde(default)]
    pub include_resolved: bool,
    /// The `next` of the previous page.
    pub cursor: Option<String>,
    /// Page size (1–500, default 50).
    pub limit: Option<usize>,
}

/// A page of findings.
#[derive(Serialize, ToSchema)]
pub struct FindingsPage {
    /// Findings, most severe first. Each is the finding object `mamori scan` prints, with
    /// its stored analysis, priority and how it was found (matcher, searched-by, range, source).
    #[schema(value_type = Vec<Object>)]
    pub findings: Vec<FindingRow>,
    /// Cursor of the next page; absent on the last.
    pub next: Option<String>,
}

/// An analysis to set.
#[derive(Deserialize, ToSchema)]
pub struct AnalysisInput {
    /// `in_triage`, `exploitable`, `resolved`, `resolved_with_pedigree`, `false_positive`, `not_affected`.
    pub state: String,
    /// Required for (and only for) `not_affected`.
    pub justification: Option<String>,
    /// `can_not_fix`, `will_not_fix`, `update`, `rollback`, `workaround_available`.
    pub response: Option<String>,
    /// The reasoning, in words (English, or the only language written).
    pub detail: Option<String>,
    /// The reasoning in Japanese.
    pub detail_ja: Option<String>,
}

/// A triage rule to add.
#[derive(Deserialize, ToSchema)]
pub struct RuleInput {
    /// Limit to this product (id or name); every product when absent.
    pub product: Option<String>,
    /// Component: a purl (its version is ignored) or a name.
    pub component: String,
    /// Vulnerability id (any id of its alias group).
    pub vulnerability: String,
    /// The analysis the rule applies.
    pub analysis: AnalysisInput,
    /// Why (required).
    pub reason: String,
    /// When it stops applying (RFC 3339).
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub expires: Option<time::OffsetDateTime>,
}

/// A stored triage rule.
#[derive(Serialize, ToSchema)]
pub struct Rule {
    /// Id.
    pub id: i64,
    /// Product, or none for every product.
    pub product: Option<String>,
    /// Component key.
    pub component: String,
    /// Vulnerability id.
    pub vulnerability: String,
    /// State.
    pub state: String,
    /// Justification.
    pub justification: Option<String>,
    /// Response.
    pub response: Option<String>,
    /// Detail (English, or the only language written).
    pub detail: Option<String>,
    /// Detail in Japanese.
    pub detail_ja: Option<String>,
    /// Why.
    pub reason: String,
    /// Who.
    pub created_by: String,
    /// When.
    pub created_at: String,
    /// Expiry.
    pub expires_at: Option<String>,
}

/// Rules.
#[derive(Serialize, ToSchema)]
pub struct Rules {
    /// Every rule.
    pub rules: Vec<Rule>,
}

/// The releases a vulnerability affects.
#[derive(Serialize, ToSchema)]
pub struct Affected {
    /// The id asked for.
    pub id: String,
    /// Every id of its alias group(s).
    pub aliases: Vec<String>,
    /// Every release with an open finding, as `product@version` (all of them, on every page).
    pub releases: Vec<String>,
    /// This page of its open findings, in id order.
    #[schema(value_type = Vec<Object>)]
    pub findings: Vec<FindingRow>,
    /// Cursor of the next page of findings; absent on the last.
    pub next: Option<String>,
}

/// Paging of an affected answer's findings.
#[derive(Deserialize, IntoParams, Default)]
pub struct AffectedQuery {
    /// The `next` of the previous page.
    pub cursor: Option<String>,
    /// Findings per page (1–500, default 50).
    pub limit: Option<usize>,
}

fn triage(a: &AnalysisInput, prefix: &str) -> Result<Triage, ApiError> {
    Triage::checked(
        &a.state,
        a.justification.as_deref(),
        a.response.as_deref(),
        a.detail.as_deref(),
    )
    .map(|t| t.with_detail_ja(a.detail_ja.as_deref()))
    .map_err(|e| ApiError::invalid(e.message.clone(), format!("{prefix}/{}", e.field)))
}

/// The findings queue, filtered, most severe first, a page at a time.
#[utoipa::path(get, path = "/api/v1/findings", tag = "findings", params(FindingsQuery),
    responses((status = 200, body = FindingsPage), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn list_findings(
    State(state): State<AppState>,
    principal: Principal,
    headers: HeaderMap,
    Query(q): Query<FindingsQuery>,
) -> Result<Response, ApiError> {
    principal.require(Permission::ReadInternal)?;
    let filter = FindingFilter {
        product: q.product,
        release: q.release,
        state: q.state,
        severity: q.severity,
        kev: q.kev,
        due_by: q.due_by,
        include_resolved: q.include_resolved,
        text: q.q,
    };
    let page = state
        .store
        .findings_page(&filter, q.cursor.as_deref(), q.limit.unwrap_or(50))
        .await
        .map_err(|e| match e {
            mamori_store::StoreError::Invalid(m) => ApiError::invalid(m, "cursor"),
            other => other.into(),
        })?;
    Ok(super::json_etag(
        &headers,
        &FindingsPage {
            findings: page.rows,
            next: page.next,
        },
    ))
}

/// One finding with its analysis history.
#[utoipa::path(get, path = "/api/v1/findings/{id}", tag = "findings",
    params(("id" = i64, Path, description = "Finding id")),
    responses((status = 200, description = "The finding object with its `assessment` (assignee, comments, safety, rubric, environmental re-scoring) and its analysis `history` from the audit record", body = Object), (status = 404, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn get_finding(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    principal.require(Permission::ReadInternal)?;
    let f = state.store.finding(id).await?;
    let subject = mamori_store::Subject::new("finding", &id.to_string())?;
    let events = state.store.events_for(&subject, super::now()).await?;
    let mut v = f.into_json();
    v["history"] = Value::Array(events.iter().map(|e| e.to_json()).collect());
    v["assessment"] = state.store.assessment(id).await?;
    Ok(Json(v))
}

/// Sets a finding's analysis (VEX state, justification, response, detail).
#[utoipa::path(put, path = "/api/v1/findings/{id}/analysis", tag = "findings", request_body = AnalysisInput,
    params(("id" = i64, Path, description = "Finding id")),
    responses((status = 200, description = "The finding object", body = Object), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn set_analysis(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
    Json(input): Json<AnalysisInput>,
) -> Result<Json<Value>, ApiError> {
    principal.require(Permission::Triage)?;
    let t = triage(&input, "")?;
    let f = state
        .store
        .set_finding_state(id, &t, principal.actor(), super::now())
        .await?;
    Ok(Json(f.into_json()))
}

/// Every triage rule.
#[utoipa::path(get, path = "/api/v1/rules", tag = "findings",
    responses((status = 200, body = Rules), (status = 403, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn list_rules(
    State(state): State<AppState>,
    principal: Principal,
) -> Result<Json<Rules>, ApiError> {
    principal.require(Permission::ReadInternal)?;
    let rules = state.store.rules().await?;
    Ok(Json(Rules {
        rules: rules
            .into_iter()
            .map(|r| Rule {
                id: r.id,
                product: r.product,
                component: r.component,
                vulnerability: r.vulnerability,
                state: r.state,
                justification: r.justification,
                response: r.response,
                detail: r.detail,
                detail_ja: r.detail_ja,
                reason: r.reason,
                created_by: r.created_by,
                created_at: r.created_at,
                expires_at: r.expires_at,
            })
            .collect(),
    }))
}

/// Adds a triage rule; it applies at once to open findings still in triage, and to
/// every later match.
#[utoipa::path(post, path = "/api/v1/rules", tag = "findings", request_body = RuleInput,
    responses((status = 201, description = "Rule id and findings it applied to", body = Object), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn add_rule(
    State(state): State<AppState>,
    principal: Principal,
    Json(input): Json<RuleInput>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    principal.require(Permission::ManageRules)?;
    if input.reason.trim().is_empty() {
        return Err(ApiError::invalid("a rule needs a reason", "/reason"));
    }
    let rule = NewRule {
        product: input.product,
        component: input.component,
        vulnerability: input.vulnerability,
        triage: triage(&input.analysis, "/analysis")?,
        reason: input.reason,
        expires: input.expires,
    };
    let (rule, applied) = state
        .store
        .add_rule(&rule, principal.actor(), super::now())
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(serde_json::json!({"id": rule.id, "applied": applied})),
    ))
}

/// Which releases a vulnerability affects (any id of its alias group: CVE, GHSA, JVNDB…):
/// every release, and its findings a page at a time.
#[utoipa::path(get, path = "/api/v1/affected/{id}", tag = "findings",
    params(("id" = String, Path, description = "Vulnerability id"), AffectedQuery),
    responses((status = 200, body = Affected), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn affected(
    State(state): State<AppState>,
    principal: Principal,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<AffectedQuery>,
) -> Result<Response, ApiError> {
    principal.require(Permission::ReadInternal)?;
    let after = match q.cursor.as_deref() {
        None => 0,
        Some(c) => c.parse::<i64>().map_err(|_| {
            ApiError::invalid(
                format!("cursor {c:?} is not one this server gave"),
                "cursor",
            )
        })?,
    };
    let page = state
        .store
        .affected_page(&id, after, q.limit.unwrap_or(50))
        .await?;
    Ok(super::json_etag(
        &headers,
        &Affected {
            id,
            aliases: page.ids,
            releases: page
                .releases
                .iter()
                .map(|(p, v)| format!("{p}@{v}"))
                .collect(),
            findings: page.rows,
            next: page.next,
        },
    ))
}
