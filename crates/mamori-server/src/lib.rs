//! Mamori's HTTP server: the API, the web console and the hospital portal.
//!
//! This first cut serves health checks and a landing page that says where
//! things are; the API and console grow on the same router.

#![forbid(unsafe_code)]

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use mamori_store::Store;
use serde_json::json;
use std::future::Future;

/// Errors that stop the server.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The listener failed.
    #[error("server stopped: {0}")]
    Io(#[from] std::io::Error),
}

#[derive(Clone)]
struct AppState {
    store: Store,
}

/// The application's routes.
pub fn router(store: Store) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(AppState { store })
}

/// Serves until `shutdown` completes, then finishes running requests.
pub async fn serve(
    listener: tokio::net::TcpListener,
    store: Store,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServerError> {
    axum::serve(listener, router(store))
        .with_graceful_shutdown(shutdown)
        .await?;
    Ok(())
}

/// Liveness: the process answers.
async fn healthz() -> impl IntoResponse {
    Json(json!({"status": "ok", "version": env!("CARGO_PKG_VERSION")}))
}

/// Readiness: the database answers.
async fn readyz(State(state): State<AppState>) -> Response {
    match sqlx::query("SELECT 1").execute(state.store.pool()).await {
        Ok(_) => Json(json!({"status": "ready"})).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "readiness check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({"status": "database unavailable"})),
            )
                .into_response()
        }
    }
}

fn prefers_japanese(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .is_some_and(|first| first.trim().to_ascii_lowercase().starts_with("ja"))
}

async fn index(headers: HeaderMap) -> Response {
    let ja = prefers_japanese(&headers);
    let (lang, title, body) = if ja {
        (
            "ja",
            "Mamori — 医療機器 PSIRT",
            "Mamori は動作しています。現在はコマンドライン (<code>mamori --help</code>) で製品・リリース・SBOM を管理できます。Web コンソールと API (<code>/api/v1</code>) は順次公開されます。ヘルスチェック: <a href=\"/healthz\">/healthz</a>",
        )
    } else {
        (
            "en",
            "Mamori — medical-device PSIRT",
            "Mamori is running. Products, releases and SBOMs are managed from the command line for now (<code>mamori --help</code>); the web console and the API (<code>/api/v1</code>) arrive next. Health check: <a href=\"/healthz\">/healthz</a>",
        )
    };
    let page = format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{title}</title></head>\
         <body><main><h1>{title}</h1><p>{body}</p></main></body></html>"
    );
    let mut resp = Html(page).into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    resp
}
