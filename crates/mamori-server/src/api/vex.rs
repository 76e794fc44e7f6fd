//! Suppliers' VEX: upload a CycloneDX, OpenVEX or CSAF document (its claims become suggested
//! analyses on the matching findings), list the documents and suggestions, accept or reject one.
//!
//! Like findings, this is the maker's internal judgement: hospital users are refused it, and only
//! roles that may triage may upload or decide.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use mamori_model::Permission;
use mamori_store::{SuggestionFilter, SuggestionStatus, VexImport};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::Principal;
use crate::problem::{ApiError, PlacedError, Problem};

/// The largest VEX document accepted.
pub const MAX_VEX_BYTES: usize = 32 * 1024 * 1024;

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(upload_vex, list_documents))
        .routes(routes!(list_suggestions))
        .routes(routes!(accept))
        .routes(routes!(reject))
}

/// Upload options.
#[derive(Deserialize, IntoParams)]
pub struct VexUploadParams {
    /// Who supplied the document (required; named in the audit record of accepted suggestions).
    pub supplier: Option<String>,
    /// The file name it came from (for the record).
    pub filename: Option<String>,
}

/// Filters of the suggestion list.
#[derive(Deserialize, IntoParams, Default)]
pub struct SuggestionsQuery {
    /// Release id.
    pub release: Option<i64>,
    /// Finding id.
    pub finding: Option<i64>,
    /// Imported document id.
    pub document: Option<i64>,
    /// `pending` (the default), `accepted`, `rejected`, `superseded` or `all`.
    pub status: Option<String>,
}

/// Suggestions.
#[derive(Serialize, ToSchema)]
pub struct Suggestions {
    /// Oldest first.
    #[schema(value_type = Vec<Object>)]
    pub suggestions: Vec<Value>,
}

/// Imported documents.
#[derive(Serialize, ToSchema)]
pub struct VexDocuments {
    /// Newest first.
    #[schema(value_type = Vec<Object>)]
    pub documents: Vec<Value>,
}

/// Accepting a suggestion.
#[derive(Deserialize, ToSchema, Default)]
pub struct AcceptInput {
    /// A justification, where the supplier says not affected without one.
    pub justification: Option<String>,
}

/// Rejecting a suggestion.
#[derive(Deserialize, ToSchema)]
pub struct RejectInput {
    /// Why (required).
    pub reason: String,
}

/// The import step shared by the API and the console's form.
pub async fn import(
    state: &AppState,
    principal: &Principal,
    bytes: &[u8],
    supplier: &str,
    filename: Option<&str>,
) -> Result<VexImport, ApiError> {
    if bytes.len() > MAX_VEX_BYTES {
        return Err(ApiError::TooLarge(MAX_VEX_BYTES));
    }
    if supplier.trim().is_empty() {
        return Err(ApiError::invalid("the supplier is required", "supplier"));
    }
    let name = filename.unwrap_or("upload").to_owned();
    let owned = bytes.to_vec();
    // Reading a large document is CPU work: keep it off the async threads.
    let doc = tokio::task::spawn_blocking(move || mamori_csaf::vex_in::read_vex(&owned))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .map_err(|e| ApiError::Document {
            detail: format!("{name}: {e}"),
            errors: e
                .pointer()
                .map(|p| {
                    vec![PlacedError {
                        pointer: p.to_owned(),
                        detail: e.to_string(),
                    }]
                })
                .unwrap_or_default(),
        })?;
    Ok(state
        .store
        .import_vex(
            bytes,
            &doc,
            supplier,
            filename,
            principal.actor(),
            super::now(),
        )
        .await?)
}

/// Imports a supplier's VEX (CycloneDX, OpenVEX or CSAF JSON; the format is told from the
/// content). Each claim matching an open finding by vulnerability id or alias and component
/// becomes a pending suggestion; the response counts matched and unmatched claims and lists the
/// unmatched. The same bytes again change nothing (`duplicate`). A malformed document is refused
/// with the JSON pointer of the fault; nothing is stored.
#[utoipa::path(post, path = "/api/v1/vex", tag = "findings",
    params(VexUploadParams),
    request_body(content = String, description = "The VEX document, as bytes", content_type = "application/octet-stream"),
    responses((status = 201, description = "What the import did", body = Object), (status = 200, description = "The same bytes were imported before", body = Object),
        (status = 403, body = Problem), (status = 413, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn upload_vex(
    State(state): State<AppState>,
    principal: Principal,
    Query(params): Query<VexUploadParams>,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    principal.require(Permission::Triage)?;
    let out = import(
        &state,
        &principal,
        &body,
        params.supplier.as_deref().unwrap_or(""),
        params.filename.as_deref(),
    )
    .await?;
    let code = if out.duplicate {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok((code, Json(out.to_json())))
}

/// Every imported supplier VEX document, newest first.
#[utoipa::path(get, path = "/api/v1/vex", tag = "findings",
    responses((status = 200, body = VexDocuments), (status = 403, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn list_documents(
    State(state): State<AppState>,
    principal: Principal,
) -> Result<Json<VexDocuments>, ApiError> {
    principal.require(Permission::ReadInternal)?;
    let docs = state.store.vex_documents().await?;
    Ok(Json(VexDocuments {
        documents: docs.iter().map(|d| d.to_json()).collect(),
    }))
}

/// Suggested analyses from suppliers' VEX, pending ones unless `status` says otherwise.
#[utoipa::path(get, path = "/api/v1/vex/suggestions", tag = "findings", params(SuggestionsQuery),
    responses((status = 200, body = Suggestions), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn list_suggestions(
    State(state): State<AppState>,
    principal: Principal,
    Query(q): Query<SuggestionsQuery>,
) -> Result<Json<Suggestions>, ApiError> {
    principal.require(Permission::ReadInternal)?;
    let status = match q.status.as_deref() {
        None => Some(SuggestionStatus::Pending),
        Some("all") => None,
        Some(s) => Some(SuggestionStatus::parse(s).ok_or_else(|| {
            ApiError::invalid(
                format!("unknown status {s:?}: use pending, accepted, rejected, superseded or all"),
                "status",
            )
        })?),
    };
    let rows = state
        .store
        .vex_suggestions(&SuggestionFilter {
            release: q.release,
            finding: q.finding,
            document: q.document,
            status,
        })
        .await?;
    Ok(Json(Suggestions {
        suggestions: rows.iter().map(|s| s.to_json()).collect(),
    }))
}

fn decided(e: mamori_store::StoreError) -> ApiError {
    match e {
        mamori_store::StoreError::Invalid(m) => ApiError::Conflict(m),
        other => other.into(),
    }
}

/// Accepts a pending suggestion: the finding takes its analysis, and the audit record names the
/// supplier, the document and the claim's pointer. 409 when it is no longer pending or the
/// supplier gave no justification for not affected and none is given here.
#[utoipa::path(post, path = "/api/v1/vex/suggestions/{id}/accept", tag = "findings", request_body = AcceptInput,
    params(("id" = i64, Path, description = "Suggestion id")),
    responses((status = 200, description = "The finding object", body = Object), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn accept(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    principal.require(Permission::Triage)?;
    // The body is optional: most suggestions carry everything the finding needs.
    let input: AcceptInput = if body.iter().all(u8::is_ascii_whitespace) {
        AcceptInput::default()
    } else {
        serde_json::from_slice(&body)
            .map_err(|e| ApiError::invalid(format!("not an accept request: {e}"), ""))?
    };
    let f = state
        .store
        .accept_vex_suggestion(
            id,
            input
                .justification
                .as_deref()
                .filter(|j| !j.trim().is_empty()),
            principal.actor(),
            super::now(),
        )
        .await
        .map_err(decided)?;
    Ok(Json(f.to_json()))
}

/// Rejects a pending suggestion with a reason (recorded in the audit record).
#[utoipa::path(post, path = "/api/v1/vex/suggestions/{id}/reject", tag = "findings", request_body = RejectInput,
    params(("id" = i64, Path, description = "Suggestion id")),
    responses((status = 200, description = "The suggestion", body = Object), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn reject(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
    Json(input): Json<RejectInput>,
) -> Result<Json<Value>, ApiError> {
    principal.require(Permission::Triage)?;
    if input.reason.trim().is_empty() {
        return Err(ApiError::invalid("rejecting needs a reason", "/reason"));
    }
    let s = state
        .store
        .reject_vex_suggestion(id, &input.reason, principal.actor(), super::now())
        .await
        .map_err(decided)?;
    Ok(Json(s.to_json()))
}
