//! A finding's analysis beyond its state: assignee, comments, patient-safety assessment, rubric answers; a release's environmental CVSS profile.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use mamori_judge::analysis::SafetyRisk;
use mamori_model::Permission;
use serde::Deserialize;
use serde_json::Value;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::Principal;
use crate::problem::{ApiError, Problem};

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(set_assignee))
        .routes(routes!(add_comment))
        .routes(routes!(set_safety))
        .routes(routes!(answer_rubric))
        .routes(routes!(set_environment))
}

/// Who works on a finding.
#[derive(Deserialize, ToSchema)]
pub struct AssigneeInput {
    /// A person (e-mail or name); null to clear.
    pub assignee: Option<String>,
}

/// A comment.
#[derive(Deserialize, ToSchema)]
pub struct CommentInput {
    /// The text (Japanese or English).
    pub body: String,
}

/// A patient-safety assessment.
#[derive(Deserialize, ToSchema)]
pub struct SafetyInput {
    /// `controlled` or `uncontrolled` (FDA postmarket guidance's terms).
    pub risk: String,
    /// The hazard and the harm it could lead to.
    pub hazard: String,
    /// Compensating controls.
    #[serde(default)]
    pub controls: Vec<String>,
}

/// Answers to the MITRE medical-device rubric.
#[derive(Deserialize, ToSchema)]
pub struct RubricInput {
    /// Question id → answer id (see the rubric's questions).
    pub answers: BTreeMap<String, String>,
}

/// A release's environmental CVSS profile.
#[derive(Deserialize, ToSchema)]
pub struct EnvironmentInput {
    /// Metric pairs as in a vector: `CR:H/IR:H/AR:H/MAV:A`; empty to clear.
    pub metrics: String,
}

async fn assessment(state: &AppState, id: i64) -> Result<Json<Value>, ApiError> {
    Ok(Json(state.store.assessment(id).await?))
}

/// Sets who works on a finding.
#[utoipa::path(put, path = "/api/v1/findings/{id}/assignee", tag = "findings", request_body = AssigneeInput,
    params(("id" = i64, Path, description = "Finding id")),
    responses((status = 200, description = "The assessment", body = Object), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn set_assignee(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
    Json(input): Json<AssigneeInput>,
) -> Result<Json<Value>, ApiError> {
    principal.require(Permission::Triage)?;
    state
        .store
        .set_assignee(
            id,
            input.assignee.as_deref(),
            principal.actor(),
            super::now(),
        )
        .await?;
    assessment(&state, id).await
}

/// Adds a comment to a finding's discussion.
#[utoipa::path(post, path = "/api/v1/findings/{id}/comments", tag = "findings", request_body = CommentInput,
    params(("id" = i64, Path, description = "Finding id")),
    responses((status = 201, description = "The assessment", body = Object), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn add_comment(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
    Json(input): Json<CommentInput>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    principal.require(Permission::Triage)?;
    state
        .store
        .add_comment(id, &input.body, principal.actor(), super::now())
        .await
        .map_err(|e| match e {
            mamori_store::StoreError::Invalid(m) => ApiError::invalid(m, "/body"),
            other => other.into(),
        })?;
    Ok((StatusCode::CREATED, assessment(&state, id).await?))
}

/// Records the patient-safety assessment (severity is not safety: it is judged apart from CVSS).
#[utoipa::path(put, path = "/api/v1/findings/{id}/safety", tag = "findings", request_body = SafetyInput,
    params(("id" = i64, Path, description = "Finding id")),
    responses((status = 200, description = "The assessment", body = Object), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn set_safety(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
    Json(input): Json<SafetyInput>,
) -> Result<Json<Value>, ApiError> {
    principal.require(Permission::Triage)?;
    let risk = SafetyRisk::parse(&input.risk).ok_or_else(|| {
        ApiError::invalid(
            format!(
                "unknown risk {:?}: use controlled or uncontrolled",
                input.risk
            ),
            "/risk",
        )
    })?;
    state
        .store
        .set_safety(
            id,
            risk,
            &input.hazard,
            &input.controls,
            principal.actor(),
            super::now(),
        )
        .await
        .map_err(|e| match e {
            mamori_store::StoreError::Invalid(m) => ApiError::invalid(m, "/hazard"),
            other => other.into(),
        })?;
    assessment(&state, id).await
}

/// Records rubric answers (each with who gave it); once complete, the derived vector is kept.
#[utoipa::path(put, path = "/api/v1/findings/{id}/rubric", tag = "findings", request_body = RubricInput,
    params(("id" = i64, Path, description = "Finding id")),
    responses((status = 200, description = "The assessment", body = Object), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn answer_rubric(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
    Json(input): Json<RubricInput>,
) -> Result<Json<Value>, ApiError> {
    principal.require(Permission::Triage)?;
    let answers: Vec<(String, String)> = input.answers.into_iter().collect();
    state
        .store
        .answer_rubric(id, &answers, principal.actor(), super::now())
        .await
        .map_err(|e| match e {
            mamori_store::StoreError::Invalid(m) => ApiError::invalid(m, "/answers"),
            other => other.into(),
        })?;
    assessment(&state, id).await
}

/// Sets a release's environmental profile, which re-scores every finding's vector of it.
#[utoipa::path(put, path = "/api/v1/releases/{id}/environment", tag = "portfolio", request_body = EnvironmentInput,
    params(("id" = i64, Path, description = "Release id")),
    responses((status = 204), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn set_environment(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
    Json(input): Json<EnvironmentInput>,
) -> Result<StatusCode, ApiError> {
    principal.require(Permission::Triage)?;
    state
        .store
        .release_by_id(id, principal.visibility())
        .await?;
    state
        .store
        .set_release_environment(id, &input.metrics, principal.actor(), super::now())
        .await
        .map_err(|e| match e {
            mamori_store::StoreError::Invalid(m) => ApiError::invalid(m, "/metrics"),
            other => other.into(),
        })?;
    Ok(StatusCode::NO_CONTENT)
}
