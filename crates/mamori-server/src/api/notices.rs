//! Notices: a hospital lists its own, acknowledges them and answers per device; the maker sees each advisory's acknowledgement status and sends reminders now.
//!
//! A notice belongs to one organization: only that organization's hospital users read or
//! answer it (another hospital gets 404, as if it did not exist). The maker's staff read every
//! notice (`read_internal`) and remind (`publish_advisory`), but do not answer for a hospital.

use axum::Json;
use axum::extract::{Path, Query, State};
use mamori_model::{Permission, Role};
use mamori_store::{DeviceResponse, Visibility};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::{Principal, Via};
use crate::problem::{ApiError, Problem};

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_notices))
        .routes(routes!(get_notice))
        .routes(routes!(acknowledge_notice))
        .routes(routes!(respond_device))
        .routes(routes!(advisory_notice_status))
        .routes(routes!(remind_now))
}

/// Which notices.
#[derive(Deserialize, IntoParams)]
pub struct NoticeParams {
    /// Only this advisory's.
    pub advisory: Option<i64>,
}

/// A hospital's answer for one device.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeviceAnswer {
    /// `patch_applied` or `mitigation_in_place`.
    pub response: String,
    /// What was done (at most 2000 characters).
    #[serde(default)]
    pub note: Option<String>,
}

/// The maker's staff read notices with `read_internal`; hospital users read their own.
fn reader(p: &Principal) -> Result<Visibility, ApiError> {
    match p.visibility() {
        Visibility::All => {
            p.require(Permission::ReadInternal)?;
            Ok(Visibility::All)
        }
        v => Ok(v),
    }
}

/// The organization a hospital user answers for; the maker's staff do not answer for hospitals.
pub(crate) fn answering_org(p: &Principal, notice: i64) -> Result<i64, ApiError> {
    let Visibility::Organization(org) = p.visibility() else {
        return Err(ApiError::NotFound(format!(
            "notice {notice}: notices are answered by the hospital they are for"
        )));
    };
    if p.user.role != Role::Hospital {
        return Err(ApiError::NotFound(format!("notice {notice} not found")));
    }
    if let Via::Token { scopes } = &p.via
        && !scopes.iter().any(|s| s == "write")
    {
        return Err(ApiError::ReadOnlyToken);
    }
    Ok(org)
}

/// Lists the notices the user may see, newest first: a hospital its own (with their devices),
/// the maker every notice (`?advisory=` narrows).
#[utoipa::path(get, path = "/api/v1/notices", tag = "notices", params(NoticeParams),
    responses((status = 200, description = "`{notices: [...]}`", body = Object), (status = 403, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn list_notices(
    State(state): State<AppState>,
    principal: Principal,
    Query(q): Query<NoticeParams>,
) -> Result<Json<Value>, ApiError> {
    let vis = reader(&principal)?;
    let rows = state.store.notices_for(vis, q.advisory).await?;
    let list: Vec<Value> = rows.iter().map(|n| n.to_json()).collect();
    Ok(Json(json!({"notices": list})))
}

/// One notice with its devices and the answers given.
#[utoipa::path(get, path = "/api/v1/notices/{notice}", tag = "notices",
    params(("notice" = i64, Path, description = "Notice id")),
    responses((status = 200, body = Object), (status = 404, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn get_notice(
    State(state): State<AppState>,
    principal: Principal,
    Path(notice): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    let vis = reader(&principal)?;
    Ok(Json(state.store.notice_for(notice, vis).await?.to_json()))
}

/// The hospital acknowledges the notice (the first acknowledgement stays).
#[utoipa::path(post, path = "/api/v1/notices/{notice}/acknowledge", tag = "notices",
    params(("notice" = i64, Path, description = "Notice id")),
    responses((status = 200, body = Object), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn acknowledge_notice(
    State(state): State<AppState>,
    principal: Principal,
    Path(notice): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    let org = answering_org(&principal, notice)?;
    let n = state
        .store
        .acknowledge_notice(notice, org, principal.actor(), super::now())
        .await?;
    Ok(Json(n.to_json()))
}

/// The hospital records, for one device of the notice, `patch_applied` or `mitigation_in_place`.
#[utoipa::path(post, path = "/api/v1/notices/{notice}/devices/{device}", tag = "notices", request_body = DeviceAnswer,
    params(("notice" = i64, Path, description = "Notice id"), ("device" = i64, Path, description = "Installed device id")),
    responses((status = 200, body = Object), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn respond_device(
    State(state): State<AppState>,
    principal: Principal,
    Path((notice, device)): Path<(i64, i64)>,
    Json(answer): Json<DeviceAnswer>,
) -> Result<Json<Value>, ApiError> {
    let org = answering_org(&principal, notice)?;
    let response = DeviceResponse::parse(&answer.response).ok_or_else(|| {
        ApiError::invalid(
            format!(
                "response {:?}: use patch_applied or mitigation_in_place",
                answer.response
            ),
            "/response",
        )
    })?;
    let n = state
        .store
        .respond_device(
            notice,
            org,
            device,
            response,
            answer.note.as_deref(),
            principal.actor(),
            super::now(),
        )
        .await?;
    Ok(Json(n.to_json()))
}

/// The maker's view of an advisory's notices: per organization, sent, acknowledged (by whom,
/// when), reminders, and devices patched, mitigated and unanswered.
#[utoipa::path(get, path = "/api/v1/advisories/{id}/notices", tag = "notices",
    params(("id" = i64, Path, description = "Advisory id")),
    responses((status = 200, description = "`{organizations: [...], totals: {...}}`", body = Object), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn advisory_notice_status(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    principal.require(Permission::ReadInternal)?;
    let rows = state.store.advisory_notice_status(id).await?;
    let sum = |f: fn(&mamori_store::NoticeStatus) -> i64| rows.iter().map(f).sum::<i64>();
    let totals = json!({
        "organizations": rows.len(),
        "sent": rows.iter().filter(|r| r.sent_at.is_some()).count(),
        "acknowledged": rows.iter().filter(|r| r.acknowledged_at.is_some()).count(),
        "devices": sum(|r| r.devices),
        "patched": sum(|r| r.patched),
        "mitigated": sum(|r| r.mitigated),
        "unanswered": sum(|r| r.unanswered),
    });
    let list: Vec<Value> = rows.iter().map(|r| r.to_json()).collect();
    Ok(Json(
        json!({"advisory_id": id, "organizations": list, "totals": totals}),
    ))
}

/// Reminds now every organization that has not acknowledged the advisory's notice.
#[utoipa::path(post, path = "/api/v1/advisories/{id}/notices/remind", tag = "notices",
    params(("id" = i64, Path, description = "Advisory id")),
    responses((status = 200, description = "`{reminded, messages}`", body = Object), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn remind_now(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    principal.require(Permission::PublishAdvisory)?;
    state.store.advisory(id).await?;
    let now = super::now();
    let texts = crate::notify::Texts::new(&state.config);
    let r = state
        .store
        .send_reminders(
            time::Duration::ZERO,
            Some(id),
            &texts,
            principal.actor(),
            now,
        )
        .await?;
    if r.messages > 0 {
        crate::notify::request_delivery(&state.store, now).await?;
    }
    Ok(Json(json!({"reminded": r.renewed, "messages": r.messages})))
}
