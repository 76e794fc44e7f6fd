//! The CSAF provider folder `/.well-known/csaf/` (CSAF 2.0 section 7): metadata, per-TLP feeds, indexes and the published documents with their hashes and OpenPGP signatures.
//!
//! The folder is laid out by `mamori_csaf::provider` from the latest revision of every published
//! TLP:CLEAR and TLP:GREEN advisory, on each request, so it always shows exactly what is
//! published and nothing else (drafts, revisions dated after now and AMBER/RED advisories never
//! appear). Once the first publication has created the signing key, every document has its `.asc`
//! and the folder is a trusted provider's. The metadata, the public key (`openpgp/`) and the
//! TLP:CLEAR (`white`) folder are public; the `green` folder needs a signed-in user.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use mamori_csaf::openpgp::SigningKey;
use mamori_csaf::provider::{self, Entry, Layout, ProviderRole, Site, Tlp};
use mamori_csaf::vex::{Publisher, PublisherCategory};
use mamori_store::Store;
use time::OffsetDateTime;

use crate::AppState;
use crate::ServerConfig;
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

/// Why the provider folder could not be laid out.
#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    /// Reading the advisories or the signing key failed.
    #[error(transparent)]
    Store(#[from] mamori_store::StoreError),
    /// The layout was refused.
    #[error(transparent)]
    Layout(#[from] provider::ProviderError),
}

impl From<FolderError> for ApiError {
    fn from(e: FolderError) -> ApiError {
        match e {
            FolderError::Store(e) => e.into(),
            FolderError::Layout(e) => ApiError::Internal(e.to_string()),
        }
    }
}

/// The user id of a signing key Mamori generates for `config`'s maker.
pub fn signing_user_id(config: &ServerConfig) -> String {
    format!("{} PSIRT (CSAF signing key)", config.maker_name.trim())
}

/// The provider folder of `config`'s site at `now`: the latest revision dated by `now` of every
/// published TLP:CLEAR and TLP:GREEN advisory, signed with `key` when one is given (a trusted
/// provider), unsigned otherwise. `mamori csaf publish` writes the same folder to disk.
pub async fn provider_layout(
    store: &Store,
    config: &ServerConfig,
    now: OffsetDateTime,
    key: Option<&SigningKey>,
) -> Result<Layout, FolderError> {
    let docs = store
        .published_advisories_at(&[Tlp::Clear, Tlp::Green], now)
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
        .unwrap_or(now);
    let site = Site {
        base_url: format!(
            "{}/.well-known/csaf",
            config.public_url.trim_end_matches('/')
        ),
        publisher: Publisher {
            name: config.maker_name.clone(),
            namespace: config.public_url.trim_end_matches('/').to_owned(),
            category: PublisherCategory::Vendor,
        },
        role: ProviderRole::Provider,
        openpgp_keys: Vec::new(),
        last_updated,
    };
    Ok(match key {
        Some(k) => provider::build_signed(&site, &entries, k)?,
        None => provider::build(&site, &entries)?,
    })
}

/// Lays out the folder from what is published now, signed with the active key if there is one
/// (the first publication creates it).
pub async fn layout(state: &AppState) -> Result<Layout, ApiError> {
    let key = active_key(state).await?;
    Ok(provider_layout(&state.store, &state.config, crate::api::now(), key.as_ref()).await?)
}

// Unlocking a protected key runs its passphrase derivation (tens of milliseconds); the folder is
// laid out on every request, so the unlocked key is kept per stored key (fingerprint).
static KEYS: std::sync::Mutex<Vec<(String, SigningKey)>> = std::sync::Mutex::new(Vec::new());

async fn active_key(state: &AppState) -> Result<Option<SigningKey>, ApiError> {
    let Some(row) = state.store.active_signing_key_row().await? else {
        return Ok(None);
    };
    if let Ok(cache) = KEYS.lock()
        && let Some((_, k)) = cache.iter().find(|(f, _)| *f == row.fingerprint)
    {
        return Ok(Some(k.clone()));
    }
    let Some((row, key)) = state
        .store
        .active_signing_key(state.config.signing_passphrase.as_deref())
        .await?
    else {
        return Ok(None);
    };
    if let Ok(mut cache) = KEYS.lock() {
        cache.retain(|(f, _)| *f != row.fingerprint);
        cache.push((row.fingerprint, key.clone()));
    }
    Ok(Some(key))
}

/// Makes sure a signing key exists before a publication (generated on the first one).
pub async fn ensure_key(state: &AppState, who: &str) -> Result<(), ApiError> {
    state
        .store
        .ensure_signing_key(
            &signing_user_id(&state.config),
            state.config.signing_passphrase.as_deref(),
            who,
            crate::api::now(),
        )
        .await?;
    Ok(())
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
        Some("white" | "openpgp") => {}
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
    } else if path.starts_with("openpgp/") {
        "application/pgp-keys"
    } else if path.ends_with(".asc") {
        "application/pgp-signature"
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
