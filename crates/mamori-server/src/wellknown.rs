//! The CSAF provider folder `/.well-known/csaf/` (CSAF 2.0 section 7): metadata, per-TLP feeds, indexes and the published documents with their hashes.
//!
//! The folder is laid out by `mamori_csaf::provider` from the latest revision of every published
//! TLP:CLEAR and TLP:GREEN advisory, on each request, so it always shows exactly what is
//! published and nothing else (drafts and AMBER/RED advisories never appear). The metadata and the
//! TLP:CLEAR (`white`) folder are public; the `green` folder needs a signed-in user.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use mamori_csaf::provider::{self, Entry, Layout, ProviderRole, Site, Tlp};

use crate::AppState;
use crate::auth::Principal;
use crate::problem::ApiError;

/// The provider folder's routes (not part of the OpenAPI document: they serve files).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/.well-known/csaf/provider-metadata.json",
            get(provider_metadata),
        )
        .route("/.well-known/csaf/{*path}", get(file))
}

/// The public URL of the provider folder.
pub fn base_url(state: &AppState) -> String {
    format!(
        "{}/.well-known/csaf",
        state.config.public_url.trim_end_matches('/')
    )
}

/// Lays out the folder from what is published now.
pub async fn layout(state: &AppState) -> Result<Layout, ApiError> {
    let docs = state
        .store
        .published_advisories(&[Tlp::Clear, Tlp::Green])
        .await?;
    let entries: Vec<Entry> = docs
        .into_iter()
        .map(|d| Entry {
            tracking_id: d.tracking_id,
            title: d.title,
            tlp: d.tlp,
            initial_release: d.initial_release,
            current_release: d.current_release,
            bytes: d.csaf,
        })
        .collect();
    let last_updated = entries
        .iter()
        .map(|e| e.current_release)
        .max()
        .unwrap_or_else(crate::api::now);
    let site = Site {
        base_url: base_url(state),
        publisher: crate::api::advisories::publisher(state),
        role: ProviderRole::Provider,
        openpgp_keys: Vec::new(),
        last_updated,
    };
    provider::build(&site, &entries).map_err(|e| ApiError::Internal(e.to_string()))
}

async fn provider_metadata(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    serve(&state, "provider-metadata.json", &headers).await
}

async fn file(
    State(state): State<AppState>,
    Path(path): Path<String>,
    signed_in: Result<Principal, ApiError>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    match path.split('/').next() {
        Some("white") => {}
        // TLP:GREEN is for the community: anyone signed in, never the public.
        Some("green") => {
            signed_in?;
        }
        _ => return Err(ApiError::NotFound(format!("no file {path}"))),
    }
    serve(&state, &path, &headers).await
}

async fn serve(state: &AppState, path: &str, headers: &HeaderMap) -> Result<Response, ApiError> {
    let layout = layout(state).await?;
    let bytes = layout
        .get(path)
        .ok_or_else(|| ApiError::NotFound(format!("no file {path}")))?
        .to_vec();
    let content_type = if path.ends_with(".json") {
        "application/json"
    } else if path.ends_with(".csv") {
        "text/csv; charset=utf-8"
    } else {
        "text/plain; charset=utf-8"
    };
    let (tag, fresh) = crate::api::etag(headers, &bytes);
    let mut resp = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, content_type)], bytes).into_response()
    };
    let h = resp.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&tag) {
        h.insert(header::ETAG, v);
    }
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if path.starts_with("green/") {
            "private, no-cache"
        } else {
            "public, no-cache"
        }),
    );
    Ok(resp)
}
