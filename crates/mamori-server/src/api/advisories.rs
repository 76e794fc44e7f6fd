//! Advisories: drafts, publication as validated CSAF 2.0 revisions, and the published documents as CSAF, OpenVEX and CycloneDX VEX.
//!
//! Analysts write (`author_advisory`), regulatory publishes (`publish_advisory`) and shares
//! TLP:AMBER advisories with named hospitals and distributors. Hospitals list and download what the
//! store shares with them: published TLP:CLEAR and TLP:GREEN advisories covering a release they
//! run, and those shared with their organization by name. Downloads are the stored bytes of the latest revision, never a
//! document written afresh, so what was published is what is read.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use mamori_csaf::provider::Tlp;
use mamori_csaf::vex::{Publisher, PublisherCategory};
use mamori_model::Permission;
use mamori_store::{AdvisoryEdit, AdvisoryStatus, NewAdvisory, Publication, ShareRow, VexFormat};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::Principal;
use crate::problem::{ApiError, Problem};

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_advisories, create_advisory))
        .routes(routes!(get_advisory, update_advisory))
        .routes(routes!(publish_advisory))
        .routes(routes!(list_shares, share_advisory))
        .routes(routes!(unshare_advisory))
        .routes(routes!(download_csaf))
        .routes(routes!(download_openvex))
        .routes(routes!(download_cyclonedx))
}

/// A draft to create.
#[derive(Deserialize, ToSchema)]
pub struct AdvisoryInput {
    /// English title.
    pub title_en: String,
    /// Japanese title.
    pub title_ja: String,
    /// English summary.
    #[serde(default)]
    pub summary_en: String,
    /// Japanese summary.
    #[serde(default)]
    pub summary_ja: String,
    /// The CSAF document's language: `en` (default) or `ja`.
    #[serde(default = "default_lang")]
    pub lang: String,
    /// `CLEAR`, `GREEN`, `AMBER`, `AMBER+STRICT` or `RED`.
    pub tlp: String,
    /// Release ids covered.
    pub releases: Vec<i64>,
    /// Vulnerability ids (CVE, GHSA, …).
    pub vulnerabilities: Vec<String>,
}

fn default_lang() -> String {
    "en".into()
}

/// Changes to a draft; absent fields stay.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AdvisoryPatch {
    /// English title.
    pub title_en: Option<String>,
    /// Japanese title.
    pub title_ja: Option<String>,
    /// English summary.
    pub summary_en: Option<String>,
    /// Japanese summary.
    pub summary_ja: Option<String>,
    /// Document language.
    pub lang: Option<String>,
    /// TLP label.
    pub tlp: Option<String>,
    /// Release ids (replace the list).
    pub releases: Option<Vec<i64>>,
    /// Vulnerability ids (replace the list).
    pub vulnerabilities: Option<Vec<String>>,
}

/// A publication.
#[derive(Deserialize, ToSchema)]
pub struct PublishInput {
    /// `interim` or `final`.
    pub status: String,
    /// What this revision changes (CSAF `revision_history[].summary`).
    pub summary: String,
    /// Send the hospitals' notices again (a revision they must read); by default each
    /// hospital is noticed once per advisory.
    #[serde(default)]
    pub notify_again: bool,
}

/// Which release's VEX.
#[derive(Deserialize, IntoParams)]
pub struct VexParams {
    /// Release id; needed when the advisory covers several.
    pub release: Option<i64>,
}

fn tlp(s: &str, pointer: &str) -> Result<Tlp, ApiError> {
    Tlp::parse(s).ok_or_else(|| {
        ApiError::invalid(
            format!("unknown TLP label {s:?}: use CLEAR, GREEN, AMBER, AMBER+STRICT or RED"),
            pointer,
        )
    })
}

/// The publisher every document names: the maker, namespaced by the server's public URL.
pub(crate) fn publisher(state: &AppState) -> Publisher {
    Publisher {
        name: state.config.maker_name.clone(),
        namespace: state.config.public_url.trim_end_matches('/').to_owned(),
        category: PublisherCategory::Vendor,
    }
}

/// Lists the advisories the user may see, newest first (a hospital: published TLP:CLEAR and
/// TLP:GREEN ones about releases it runs).
#[utoipa::path(get, path = "/api/v1/advisories", tag = "advisories",
    responses((status = 200, description = "`{advisories: [...]}`", body = Object)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn list_advisories(
    State(state): State<AppState>,
    principal: Principal,
) -> Result<Json<Value>, ApiError> {
    let rows = state.store.advisories_for(principal.visibility()).await?;
    let list: Vec<Value> = rows.iter().map(|a| a.to_json()).collect();
    Ok(Json(json!({"advisories": list})))
}

/// Creates a draft with the next tracking id.
#[utoipa::path(post, path = "/api/v1/advisories", tag = "advisories", request_body = AdvisoryInput,
    responses((status = 201, body = Object), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn create_advisory(
    State(state): State<AppState>,
    principal: Principal,
    Json(input): Json<AdvisoryInput>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    principal.require(Permission::AuthorAdvisory)?;
    let a = state
        .store
        .create_advisory(
            &NewAdvisory {
                title_en: input.title_en,
                title_ja: input.title_ja,
                summary_en: input.summary_en,
                summary_ja: input.summary_ja,
                lang: input.lang,
                tlp: tlp(&input.tlp, "/tlp")?,
                releases: input.releases,
                vulnerabilities: input.vulnerabilities,
            },
            principal.actor(),
            super::now(),
        )
        .await?;
    Ok((StatusCode::CREATED, Json(a.to_json())))
}

/// One advisory with its revisions.
#[utoipa::path(get, path = "/api/v1/advisories/{id}", tag = "advisories",
    params(("id" = i64, Path, description = "Advisory id")),
    responses((status = 200, body = Object), (status = 404, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn get_advisory(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    let a = state.store.advisory_for(id, principal.visibility()).await?;
    Ok(Json(a.to_json()))
}

/// Changes a draft.
#[utoipa::path(patch, path = "/api/v1/advisories/{id}", tag = "advisories", request_body = AdvisoryPatch,
    params(("id" = i64, Path, description = "Advisory id")),
    responses((status = 200, body = Object), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn update_advisory(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
    Json(patch): Json<AdvisoryPatch>,
) -> Result<Json<Value>, ApiError> {
    principal.require(Permission::AuthorAdvisory)?;
    let a = state
        .store
        .update_advisory(
            id,
            &AdvisoryEdit {
                title_en: patch.title_en,
                title_ja: patch.title_ja,
                summary_en: patch.summary_en,
                summary_ja: patch.summary_ja,
                lang: patch.lang,
                tlp: patch.tlp.as_deref().map(|t| tlp(t, "/tlp")).transpose()?,
                releases: patch.releases,
                vulnerabilities: patch.vulnerabilities,
            },
            principal.actor(),
            super::now(),
        )
        .await?;
    Ok(Json(a.to_json()))
}

/// An organization to share an advisory with.
#[derive(Deserialize, ToSchema)]
pub struct ShareInput {
    /// The organization's id or name (a hospital or distributor).
    pub organization: String,
}

fn shares_json(rows: &[ShareRow]) -> Json<Value> {
    Json(json!({
        "shares": rows.iter().map(|r| json!({
            "organization_id": r.org_id,
            "organization": r.organization,
            "shared_by": r.shared_by,
            "shared_at": r.shared_at,
        })).collect::<Vec<_>>()
    }))
}

/// The organizations an advisory is shared with by name (what TLP:AMBER needs to reach anyone).
#[utoipa::path(get, path = "/api/v1/advisories/{id}/shares", tag = "advisories",
    params(("id" = i64, Path, description = "Advisory id")),
    responses((status = 200, body = Object), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn list_shares(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    principal.require(Permission::ReadInternal)?;
    state.store.advisory(id).await?;
    Ok(shares_json(&state.store.advisory_shares(id).await?))
}

/// Shares an advisory with a hospital or distributor by name: its users then read it, whatever
/// its TLP label short of RED (which goes to named people only and is refused).
#[utoipa::path(post, path = "/api/v1/advisories/{id}/shares", tag = "advisories", request_body = ShareInput,
    params(("id" = i64, Path, description = "Advisory id")),
    responses((status = 200, body = Object), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn share_advisory(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
    Json(input): Json<ShareInput>,
) -> Result<Json<Value>, ApiError> {
    principal.require(Permission::PublishAdvisory)?;
    let rows = state
        .store
        .share_advisory(id, &input.organization, principal.actor(), super::now())
        .await?;
    Ok(shares_json(&rows))
}

/// Stops sharing an advisory with an organization.
#[utoipa::path(delete, path = "/api/v1/advisories/{id}/shares/{organization}", tag = "advisories",
    params(("id" = i64, Path, description = "Advisory id"), ("organization" = String, Path, description = "Organization id or name")),
    responses((status = 200, body = Object), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn unshare_advisory(
    State(state): State<AppState>,
    principal: Principal,
    Path((id, organization)): Path<(i64, String)>,
) -> Result<Json<Value>, ApiError> {
    principal.require(Permission::PublishAdvisory)?;
    let rows = state
        .store
        .unshare_advisory(id, &organization, principal.actor(), super::now())
        .await?;
    Ok(shares_json(&rows))
}

/// Publishes the next revision as interim or final: the CSAF document is built from the findings'
/// analyses and validated; one that fails is not published and the problem lists each failure
/// with its test and JSON pointer. Publishing an unchanged document adds no revision
/// (`"added": false`).
#[utoipa::path(post, path = "/api/v1/advisories/{id}/publish", tag = "advisories", request_body = PublishInput,
    params(("id" = i64, Path, description = "Advisory id")),
    responses((status = 200, body = Object), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn publish_advisory(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
    Json(input): Json<PublishInput>,
) -> Result<Json<Value>, ApiError> {
    principal.require(Permission::PublishAdvisory)?;
    let status = match AdvisoryStatus::parse(&input.status) {
        Some(s @ (AdvisoryStatus::Interim | AdvisoryStatus::Final)) => s,
        _ => {
            return Err(ApiError::invalid(
                format!("status {:?}: use interim or final", input.status),
                "/status",
            ));
        }
    };
    if input.summary.trim().is_empty() {
        return Err(ApiError::invalid(
            "a revision needs a summary of what it changes",
            "/summary",
        ));
    }
    let publication = Publication {
        status,
        summary: input.summary,
        publisher: publisher(&state),
        base_url: Some(crate::wellknown::base_url(&state)),
    };
    // The provider folder signs what is published: the first publication creates the key.
    crate::wellknown::ensure_key(&state, principal.actor()).await?;
    let (a, added) = state
        .store
        .publish_advisory(id, &publication, principal.actor(), super::now())
        .await?;
    let mut v = a.to_json();
    v["added"] = json!(added);
    // The hospitals running a covered release get a notice (once, unless asked again).
    if matches!(a.tlp, Tlp::Clear | Tlp::Green) {
        let texts = crate::notify::Texts::new(&state.config);
        let now = super::now();
        match state
            .store
            .queue_advisory_notices(id, input.notify_again, &texts, principal.actor(), now)
            .await
        {
            Ok(r) => {
                if r.messages > 0 {
                    crate::notify::request_delivery(&state.store, now).await?;
                }
                v["notices"] = json!({"queued": r.notices, "renewed": r.renewed, "devices": r.devices, "messages": r.messages});
            }
            Err(e) => {
                tracing::error!(advisory = id, error = %e, "published, but the notices were not queued");
                v["notices"] = json!({"error": e.to_string()});
            }
        }
    }
    Ok(Json(v))
}

fn document(bytes: Vec<u8>, file: &str, etag: Option<&str>, headers: &HeaderMap) -> Response {
    let tag = etag.map(|t| format!("\"{t}\""));
    if let Some(t) = &tag
        && headers
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.split(',').any(|x| x.trim() == t))
    {
        return StatusCode::NOT_MODIFIED.into_response();
    }
    let mut resp = (
        [
            (header::CONTENT_TYPE, "application/json".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}\""),
            ),
        ],
        bytes,
    )
        .into_response();
    if let Some(v) = tag.and_then(|t| HeaderValue::from_str(&t).ok()) {
        resp.headers_mut().insert(header::ETAG, v);
    }
    resp
}

/// The latest published revision's CSAF document, byte for byte as published (its SHA-256 is
/// the ETag).
#[utoipa::path(get, path = "/api/v1/advisories/{id}/csaf", tag = "advisories",
    params(("id" = i64, Path, description = "Advisory id")),
    responses((status = 200, description = "CSAF 2.0 JSON", content_type = "application/json"), (status = 404, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn download_csaf(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let d = state
        .store
        .advisory_document(id, principal.visibility())
        .await?;
    Ok(document(d.csaf, &d.file_name, Some(&d.sha256), &headers))
}

async fn vex(
    state: &AppState,
    principal: &Principal,
    id: i64,
    release: Option<i64>,
    format: VexFormat,
    headers: &HeaderMap,
) -> Result<Response, ApiError> {
    let a = state.store.advisory_for(id, principal.visibility()).await?;
    // A hospital names only releases it runs: the store checks the advisory's full list.
    if let Some(r) = release
        && !a.releases.contains(&r)
    {
        return Err(ApiError::NotFound(format!(
            "release {r} is not covered by advisory {id}"
        )));
    }
    let release = release.or(match a.releases[..] {
        [only] => Some(only),
        _ => None,
    });
    let (rid, bytes) = state
        .store
        .advisory_vex(id, principal.visibility(), release, format)
        .await?;
    let ext = match format {
        VexFormat::OpenVex => "openvex.json",
        VexFormat::CycloneDx => "cdx.json",
    };
    let file = format!("{}-{rid}.{ext}", a.tracking_id.to_lowercase());
    let tag = mamori_csaf::provider::sha256_hex(&bytes);
    Ok(document(bytes, &file, Some(&tag), headers))
}

/// The latest revision as OpenVEX 0.2.0, for one covered release.
#[utoipa::path(get, path = "/api/v1/advisories/{id}/openvex", tag = "advisories",
    params(("id" = i64, Path, description = "Advisory id"), VexParams),
    responses((status = 200, description = "OpenVEX JSON", content_type = "application/json"), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn download_openvex(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
    Query(q): Query<VexParams>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    vex(
        &state,
        &principal,
        id,
        q.release,
        VexFormat::OpenVex,
        &headers,
    )
    .await
}

/// The latest revision as CycloneDX 1.6 VEX, for one covered release.
#[utoipa::path(get, path = "/api/v1/advisories/{id}/cyclonedx", tag = "advisories",
    params(("id" = i64, Path, description = "Advisory id"), VexParams),
    responses((status = 200, description = "CycloneDX JSON", content_type = "application/json"), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn download_cyclonedx(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
    Query(q): Query<VexParams>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    vex(
        &state,
        &principal,
        id,
        q.release,
        VexFormat::CycloneDx,
        &headers,
    )
    .await
}
