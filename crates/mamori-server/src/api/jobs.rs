//! Background jobs as administrators see them: the queue, counts, retrying a dead job, and asking for a re-match or a feed sync.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use mamori_model::Permission;
use mamori_store::{JobFilter, JobRow, JobStatus, NewJob};
use serde::Deserialize;
use serde_json::{Value, json};
use time::format_description::well_known::Rfc3339;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::Principal;
use crate::problem::{ApiError, Problem};

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_jobs, enqueue_job))
        .routes(routes!(retry_job))
}

/// Filters of the queue.
#[derive(Deserialize, IntoParams)]
pub struct JobsQuery {
    /// `queued`, `running`, `done`, `failed`, `dead`.
    pub status: Option<String>,
    /// Job kind (`reevaluate`, `feed_sync`).
    pub kind: Option<String>,
    /// Jobs with a smaller id than this (the `next` of the previous page).
    pub before: Option<i64>,
    /// Page size (1–500, default 100).
    pub limit: Option<u32>,
}

/// Work to ask for.
#[derive(Deserialize, ToSchema)]
pub struct JobInput {
    /// `reevaluate` (payload `{"release_id": N}` or `{"all": true}`) or `feed_sync`
    /// (payload `{"config": "path/to/sync.toml"}`).
    pub kind: String,
    /// The job's input.
    #[schema(value_type = Object)]
    pub payload: Value,
}

fn fmt(t: time::OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_default()
}

pub(crate) fn job_json(j: &JobRow) -> Value {
    json!({
        "id": j.id,
        "kind": j.kind,
        "payload": j.payload,
        "status": j.status.as_str(),
        "attempts": j.attempts,
        "max_attempts": j.max_attempts,
        "run_at": fmt(j.run_at),
        "locked_by": j.locked_by,
        "locked_until": j.locked_until.map(fmt),
        "last_error": j.last_error,
        "created_at": fmt(j.created_at),
        "finished_at": j.finished_at.map(fmt),
    })
}

/// The queue, newest first, with counts per status.
#[utoipa::path(get, path = "/api/v1/jobs", tag = "admin", params(JobsQuery),
    responses((status = 200, description = "`{counts, jobs, next}`", body = Object), (status = 403, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn list_jobs(
    State(state): State<AppState>,
    principal: Principal,
    Query(q): Query<JobsQuery>,
) -> Result<Json<Value>, ApiError> {
    principal.require(Permission::ManageJobs)?;
    let status = match q.status.as_deref() {
        Some(s) => Some(JobStatus::parse(s).ok_or_else(|| {
            ApiError::invalid(
                format!("unknown job status {s:?}: use queued, running, done, failed, dead"),
                "status",
            )
        })?),
        None => None,
    };
    let limit = q.limit.unwrap_or(100).clamp(1, 500);
    let jobs = state
        .store
        .jobs(&JobFilter {
            status,
            kind: q.kind,
            limit,
            before_id: q.before,
        })
        .await?;
    let counts: serde_json::Map<String, Value> = state
        .store
        .job_counts()
        .await?
        .into_iter()
        .map(|(s, n)| (s.as_str().to_owned(), json!(n)))
        .collect();
    let next = (jobs.len() as u32 == limit)
        .then(|| jobs.last().map(|j| j.id))
        .flatten();
    Ok(Json(json!({
        "counts": counts,
        "jobs": jobs.iter().map(job_json).collect::<Vec<_>>(),
        "next": next,
    })))
}

/// Queues a re-match or a feed sync; the same request twice while the first waits is one job.
#[utoipa::path(post, path = "/api/v1/jobs", tag = "admin", request_body = JobInput,
    responses((status = 202, body = Object), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn enqueue_job(
    State(state): State<AppState>,
    principal: Principal,
    Json(input): Json<JobInput>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    match input.kind.as_str() {
        "reevaluate" => {
            principal.require(Permission::Triage)?;
            let ok = input.payload["all"] == true || input.payload["release_id"].is_i64();
            if !ok {
                return Err(ApiError::invalid(
                    "reevaluate needs {\"release_id\": N} or {\"all\": true}",
                    "/payload",
                ));
            }
        }
        "feed_sync" => {
            principal.require(Permission::ManageFeeds)?;
            if !input.payload["config"].is_string() {
                return Err(ApiError::invalid(
                    "feed_sync needs {\"config\": \"path/to/sync.toml\"}",
                    "/payload/config",
                ));
            }
        }
        other => {
            return Err(ApiError::invalid(
                format!("unknown job kind {other:?}: use reevaluate or feed_sync"),
                "/kind",
            ));
        }
    }
    let key = format!(
        "{}:{}",
        input.kind,
        mamori_store::canonical_json(&input.payload)
    );
    let job = state
        .store
        .enqueue(NewJob::new(&input.kind, input.payload, super::now()).dedupe(&key))
        .await?;
    Ok((StatusCode::ACCEPTED, Json(job_json(&job))))
}

/// Puts a failed or dead job back in the queue.
#[utoipa::path(post, path = "/api/v1/jobs/{id}/retry", tag = "admin",
    params(("id" = i64, Path, description = "Job id")),
    responses((status = 200, body = Object), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn retry_job(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    principal.require(Permission::ManageJobs)?;
    let job = state.store.retry_job(id, super::now()).await?;
    Ok(Json(job_json(&job)))
}
