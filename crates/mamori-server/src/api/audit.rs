//! The tamper-evident record: pages of events and a verification of the whole chain.

use axum::Json;
use axum::extract::{Query, State};
use mamori_model::Permission;
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::Principal;
use crate::problem::{ApiError, Problem};

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(audit_page))
        .routes(routes!(verify))
}

/// Paging of the record.
#[derive(Deserialize, IntoParams)]
pub struct AuditQuery {
    /// Events after this sequence number (the `next` of the previous page).
    pub after: Option<i64>,
    /// Page size (1–1000, default 100).
    pub limit: Option<i64>,
}

/// Events in chain order, each with its hash and the previous event's hash.
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", params(AuditQuery),
    responses((status = 200, description = "`{events: [...], next}`", body = Object), (status = 403, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn audit_page(
    State(state): State<AppState>,
    principal: Principal,
    Query(q): Query<AuditQuery>,
) -> Result<Json<Value>, ApiError> {
    principal.require(Permission::ReadAudit)?;
    let limit = q.limit.unwrap_or(100).clamp(1, 1000);
    let events = state.store.audit_page(q.after.unwrap_or(0), limit).await?;
    let next = (events.len() as i64 == limit)
        .then(|| events.last().map(|e| e.seq))
        .flatten();
    Ok(Json(json!({
        "events": events.iter().map(|e| e.to_json()).collect::<Vec<_>>(),
        "next": next,
    })))
}

/// Recomputes every hash of the chain and says whether it is intact, and where not.
#[utoipa::path(get, path = "/api/v1/audit/verify", tag = "audit",
    responses((status = 200, description = "`{intact, events, head, broken}`", body = Object), (status = 403, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn verify(
    State(state): State<AppState>,
    principal: Principal,
) -> Result<Json<Value>, ApiError> {
    principal.require(Permission::ReadAudit)?;
    let r = state.store.verify_audit().await?;
    Ok(Json(json!({
        "intact": r.is_intact(),
        "events": r.events,
        "head": r.head,
        "broken": r.broken.as_ref().map(|b| json!({"seq": b.seq(), "kind": b.kind()})),
    })))
}
