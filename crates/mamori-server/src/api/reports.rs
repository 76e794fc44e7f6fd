//! Vulnerability reports for the PSIRT: the intake queue, answers to reporters, the case a report becomes and its coordination with JPCERT/CC.
//!
//! Reports arrive through the public form (`/report`, no account); these routes are the
//! maker's side. Reading needs the internal-read permission, acting the case permission.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use mamori_model::Permission;
use mamori_store::{Contact, Coordination, ReportSource, ReportStatus};
use serde::Deserialize;
use serde_json::{Value, json};
use time::Date;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::Principal;
use crate::problem::{ApiError, Problem};

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_reports))
        .routes(routes!(get_report))
        .routes(routes!(set_status))
        .routes(routes!(add_message))
        .routes(routes!(get_attachment))
        .routes(routes!(open_case))
        .routes(routes!(set_coordination))
        .routes(routes!(add_contact))
        .routes(routes!(link_findings))
}

/// Filter of the report list.
#[derive(Deserialize, IntoParams)]
pub struct ReportQuery {
    /// Only reports in this status (`received`, `triaging`, `confirmed`, …).
    pub status: Option<String>,
}

fn status(s: &str, pointer: &str) -> Result<ReportStatus, ApiError> {
    ReportStatus::parse(s).ok_or_else(|| {
        ApiError::invalid(
            format!(
                "unknown report status {s:?}: use {}",
                ReportStatus::ALL
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            pointer,
        )
    })
}

/// Reports, newest first.
#[utoipa::path(get, path = "/api/v1/reports", tag = "reports", params(ReportQuery),
    responses((status = 200, description = "`{reports: [...]}` (without threads)", body = Object), (status = 403, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn list_reports(
    State(state): State<AppState>,
    principal: Principal,
    Query(q): Query<ReportQuery>,
) -> Result<Json<Value>, ApiError> {
    principal.require(Permission::ReadInternal)?;
    let filter = q
        .status
        .as_deref()
        .map(|s| status(s, "/status"))
        .transpose()?;
    let rows = state.store.reports(filter).await?;
    Ok(Json(
        json!({"reports": rows.iter().map(|r| r.to_json()).collect::<Vec<_>>()}),
    ))
}

/// One report with its attachments and whole thread (internal notes included).
#[utoipa::path(get, path = "/api/v1/reports/{id}", tag = "reports",
    params(("id" = i64, Path, description = "Report id")),
    responses((status = 200, body = Object), (status = 404, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn get_report(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    principal.require(Permission::ReadInternal)?;
    Ok(Json(state.store.report(id).await?.to_json()))
}

/// A new status.
#[derive(Deserialize, ToSchema)]
pub struct StatusInput {
    /// `received`, `triaging`, `confirmed`, `not_reproducible`, `out_of_scope`, `fixed`, `published`, `closed`.
    pub status: String,
}

/// Moves a report on; the reporter sees the new status on their page.
#[utoipa::path(post, path = "/api/v1/reports/{id}/status", tag = "reports", request_body = StatusInput,
    params(("id" = i64, Path, description = "Report id")),
    responses((status = 200, body = Object), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn set_status(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
    Json(input): Json<StatusInput>,
) -> Result<Json<Value>, ApiError> {
    principal.require(Permission::ManageCases)?;
    let s = status(&input.status, "/status")?;
    let r = state
        .store
        .set_report_status(id, s, principal.actor(), super::now())
        .await?;
    Ok(Json(r.to_json()))
}

/// A message on a report's thread.
#[derive(Deserialize, ToSchema)]
pub struct MessageInput {
    /// Text.
    pub body: String,
    /// Shown to the reporter (default); `false` keeps it an internal note.
    #[serde(default = "yes")]
    pub visible: bool,
}

fn yes() -> bool {
    true
}

/// Answers the reporter, or adds an internal note.
#[utoipa::path(post, path = "/api/v1/reports/{id}/messages", tag = "reports", request_body = MessageInput,
    params(("id" = i64, Path, description = "Report id")),
    responses((status = 201, body = Object), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn add_message(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
    Json(input): Json<MessageInput>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    principal.require(Permission::ManageCases)?;
    let r = state
        .store
        .add_report_message(
            id,
            &input.body,
            input.visible,
            principal.actor(),
            super::now(),
        )
        .await?;
    Ok((StatusCode::CREATED, Json(r.to_json())))
}

/// Downloads an attachment. It is sent as a download, never rendered: it came from outside.
#[utoipa::path(get, path = "/api/v1/reports/{id}/attachments/{attachment}", tag = "reports",
    params(("id" = i64, Path, description = "Report id"), ("attachment" = i64, Path, description = "Attachment id")),
    responses((status = 200, description = "The file", content_type = "application/octet-stream"), (status = 404, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn get_attachment(
    State(state): State<AppState>,
    principal: Principal,
    Path((id, attachment)): Path<(i64, i64)>,
) -> Result<Response, ApiError> {
    principal.require(Permission::ReadInternal)?;
    let (meta, bytes) = state.store.report_attachment(id, attachment).await?;
    let mut resp = bytes.into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/octet-stream"),
    );
    let ascii: String = meta
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{ascii}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    if let Ok(v) = HeaderValue::from_str(&meta.sha256) {
        h.insert("x-content-sha256", v);
    }
    Ok(resp)
}

/// Opens the case a report becomes (its clocks start on the day the report arrived).
#[utoipa::path(post, path = "/api/v1/reports/{id}/case", tag = "reports",
    params(("id" = i64, Path, description = "Report id")),
    responses((status = 201, body = Object), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn open_case(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    principal.require(Permission::ManageCases)?;
    let c = state
        .store
        .open_case_from_report(id, principal.actor(), super::now())
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(c.to_json(&mamori_judge::clocks::RegulatoryRules::default_rules())?),
    ))
}

/// A case's coordination facts (all replace the stored ones).
#[derive(Deserialize, ToSchema)]
pub struct CoordinationInput {
    /// `researcher`, `hospital`, `supplier`, `jpcert`, `internal`.
    pub source: Option<String>,
    /// Nothing is published before this day.
    #[serde(default, with = "super::date::option")]
    #[schema(value_type = Option<String>, format = Date)]
    pub embargo_until: Option<Date>,
    /// JVN id (`JVNVU#…`).
    pub jvn_id: Option<String>,
    /// JPCERT/CC VU number.
    pub vu_number: Option<String>,
    /// Publication date agreed with the coordinator.
    #[serde(default, with = "super::date::option")]
    #[schema(value_type = Option<String>, format = Date)]
    pub agreed_publication: Option<Date>,
}

fn case_json(c: &mamori_store::CaseRow) -> Result<Json<Value>, ApiError> {
    Ok(Json(c.to_json(
        &mamori_judge::clocks::RegulatoryRules::default_rules(),
    )?))
}

/// Sets a case's source, embargo, JVN / VU numbers and agreed publication date.
#[utoipa::path(put, path = "/api/v1/cases/{id}/coordination", tag = "reports", request_body = CoordinationInput,
    params(("id" = i64, Path, description = "Case id")),
    responses((status = 200, body = Object), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn set_coordination(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
    Json(input): Json<CoordinationInput>,
) -> Result<Json<Value>, ApiError> {
    principal.require(Permission::ManageCases)?;
    let source = input
        .source
        .as_deref()
        .map(|s| {
            ReportSource::parse(s).ok_or_else(|| {
                ApiError::invalid(
                    format!(
                        "unknown source {s:?}: use researcher, hospital, supplier, jpcert, internal"
                    ),
                    "/source",
                )
            })
        })
        .transpose()?;
    let c = state
        .store
        .set_case_coordination(
            id,
            &Coordination {
                source,
                embargo_until: input.embargo_until,
                jvn_id: input.jvn_id,
                vu_number: input.vu_number,
                agreed_publication: input.agreed_publication,
            },
            principal.actor(),
            super::now(),
        )
        .await?;
    case_json(&c)
}

/// One exchange for a case's contact history.
#[derive(Deserialize, ToSchema)]
pub struct ContactInput {
    /// `reporter`, `jpcert`, `supplier`, `hospital`, `regulator`, `other`.
    pub party: String,
    /// `email`, `phone`, `meeting`, `web`, `letter`.
    pub channel: String,
    /// `in` or `out`.
    pub direction: String,
    /// What was said or agreed.
    pub summary: String,
    /// When it happened (RFC 3339); default now.
    #[serde(default)]
    pub at: String,
}

/// Appends to a case's contact history.
#[utoipa::path(post, path = "/api/v1/cases/{id}/contacts", tag = "reports", request_body = ContactInput,
    params(("id" = i64, Path, description = "Case id")),
    responses((status = 201, body = Object), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn add_contact(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
    Json(input): Json<ContactInput>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    principal.require(Permission::ManageCases)?;
    if !input.at.trim().is_empty()
        && time::OffsetDateTime::parse(
            input.at.trim(),
            &time::format_description::well_known::Rfc3339,
        )
        .is_err()
    {
        return Err(ApiError::invalid(
            format!("{:?} is not an RFC 3339 time", input.at),
            "/at",
        ));
    }
    let c = state
        .store
        .add_case_contact(
            id,
            &Contact {
                id: 0,
                party: input.party,
                channel: input.channel,
                direction: input.direction,
                summary: input.summary,
                at: input.at,
                recorded_by: String::new(),
            },
            principal.actor(),
            super::now(),
        )
        .await?;
    let Json(v) = case_json(&c)?;
    Ok((StatusCode::CREATED, Json(v)))
}

/// Findings to add to a case.
#[derive(Deserialize, ToSchema)]
pub struct FindingsInput {
    /// Finding ids.
    pub findings: Vec<i64>,
}

/// Adds findings to a case (a report's case gets them once the component is matched).
#[utoipa::path(post, path = "/api/v1/cases/{id}/findings", tag = "reports", request_body = FindingsInput,
    params(("id" = i64, Path, description = "Case id")),
    responses((status = 200, body = Object), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn link_findings(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
    Json(input): Json<FindingsInput>,
) -> Result<Json<Value>, ApiError> {
    principal.require(Permission::ManageCases)?;
    let c = state
        .store
        .link_case_findings(id, &input.findings, principal.actor(), super::now())
        .await?;
    case_json(&c)
}
