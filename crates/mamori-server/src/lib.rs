//! Mamori's HTTP server: the REST API, the web console and the hospital portal.
//!
//! One router carries everything. `/api/v1/…` answers JSON (errors as RFC 9457
//! problem details) and is described by the OpenAPI 3.1 document at
//! `/api/openapi.json`, generated from the handlers themselves; the console's
//! pages are rendered by `mamori-console`. Every request gets an id
//! (`x-request-id`), a tracing span, a metrics sample and the security headers.

#![forbid(unsafe_code)]

pub mod api;
pub mod auth;
pub mod config;
pub mod console;
pub mod forms;
pub mod jobs;
pub mod metrics;
pub mod notify;
pub mod pdf;
pub mod problem;
pub mod wellknown;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use mamori_model::{Email, OrgKind, Role};
use mamori_store::{NewUser, Store, StoreError};
use serde_json::json;
use time::OffsetDateTime;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

pub use config::ServerConfig;

/// Errors that stop the server.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The listener failed.
    #[error("server stopped: {0}")]
    Io(#[from] std::io::Error),
    /// The database failed at start.
    #[error("{0}")]
    Store(#[from] StoreError),
}

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// The store.
    pub store: Store,
    /// Settings.
    pub config: Arc<ServerConfig>,
    /// Request metrics.
    pub metrics: Arc<metrics::Metrics>,
    /// Sign-in attempts per client address.
    pub limiter: Arc<auth::SignInLimiter>,
    /// Public vulnerability reports and reporter messages per client address.
    pub report_limiter: Arc<auth::SignInLimiter>,
    /// The job runner's counters, when this process runs jobs.
    pub jobs: Option<Arc<jobs::RunnerStats>>,
    /// The disclosure forms (built in, or corrected from `[disclosure] forms_dir`).
    pub forms: Arc<forms::Forms>,
    /// The font PDF documents are set in.
    pub pdf_font: Arc<pdf::PdfFont>,
}

impl AppState {
    /// State for a store and settings.
    pub fn new(store: Store, config: ServerConfig) -> AppState {
        let pdf_font = Arc::new(pdf::PdfFont::new(config.pdf.font.clone()));
        AppState {
            limiter: Arc::new(auth::SignInLimiter::new(config.sign_in_per_minute)),
            report_limiter: Arc::new(auth::SignInLimiter::per_window(
                config.reports.per_hour,
                std::time::Duration::from_secs(3600),
            )),
            store,
            config: Arc::new(config),
            metrics: Arc::new(metrics::Metrics::default()),
            jobs: None,
            forms: Arc::new(forms::Forms::builtin()),
            pdf_font,
        }
    }
}

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The application's routes with every layer.
pub fn router(state: AppState) -> Router {
    let (api, openapi) = api::routes().split_for_parts();
    let openapi = Arc::new(openapi);
    let max_body = state.config.max_upload_bytes;
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics_text))
        .route(
            "/api/openapi.json",
            get(move || {
                let doc = openapi.clone();
                async move { Json(doc.as_ref().clone()) }
            }),
        )
        .merge(api)
        .merge(wellknown::routes())
        .merge(console::routes())
        .merge(console::report_intake(&state.config))
        .fallback(not_found)
        .layer(middleware::from_fn(problem::normalize))
        .layer(middleware::from_fn_with_state(state.clone(), metrics::track))
        .layer(middleware::from_fn_with_state(state.clone(), security_headers))
        .layer(DefaultBodyLimit::max(max_body))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(
            TraceLayer::new_for_http().make_span_with(|req: &Request| {
                let id = req
                    .headers()
                    .get(&REQUEST_ID)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("-");
                tracing::info_span!("request", request_id = %id, method = %req.method(), path = %console::reports::loggable_path(req.uri().path()))
            })
            .on_response(tower_http::trace::DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
        .with_state(state)
}

/// Creates the maker's organization and a first administrator when the database has no
/// users. Returns the administrator's e-mail and one-time password to print, or `None`.
pub async fn bootstrap(
    store: &Store,
    config: &ServerConfig,
    now: OffsetDateTime,
) -> Result<Option<(String, String)>, StoreError> {
    if !store.users(mamori_store::Visibility::All).await?.is_empty() {
        return Ok(None);
    }
    let maker = match store.organization(&config.maker_name).await {
        Ok(o) => o,
        Err(StoreError::NotFound { .. }) => {
            store
                .add_organization(&config.maker_name, OrgKind::Maker, "ja", "mamori", now)
                .await?
        }
        Err(e) => return Err(e),
    };
    let password = one_time_password();
    let email = "admin@mamori.local";
    store
        .add_user(
            &NewUser {
                email: Email::new(email).map_err(|e| StoreError::Invalid(e.to_string()))?,
                display_name: "Administrator".into(),
                password: password.clone(),
                org_id: maker.id,
                role: Role::Admin,
                lang: "ja".into(),
            },
            "mamori",
            now,
        )
        .await?;
    Ok(Some((email.to_owned(), password)))
}

fn one_time_password() -> String {
    // Four groups of five from an alphabet without look-alikes, read off a fresh UUID's randomness.
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let bytes: Vec<u8> = uuid::Uuid::new_v4()
        .as_bytes()
        .iter()
        .chain(uuid::Uuid::new_v4().as_bytes())
        .copied()
        .collect();
    let chars: Vec<char> = bytes
        .iter()
        .take(20)
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect();
    chars
        .chunks(5)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// Serves until `shutdown` completes, then finishes running requests.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServerError> {
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await?;
    Ok(())
}

async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    if state.config.behind_tls() {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    resp
}

async fn not_found() -> problem::ApiError {
    problem::ApiError::NotFound("no such page or API route".into())
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

async fn metrics_text(State(state): State<AppState>) -> Response {
    let extra = format!(
        "# HELP mamori_up Whether the server answers.\n# TYPE mamori_up gauge\nmamori_up 1\n# HELP mamori_database_pool_size Connections open.\n# TYPE mamori_database_pool_size gauge\nmamori_database_pool_size {}\n",
        state.store.pool().size()
    );
    let mut extra = extra;
    if let Some(j) = &state.jobs {
        extra.push_str("# HELP mamori_jobs_total Jobs this process ran, by outcome.\n# TYPE mamori_jobs_total counter\n");
        for (outcome, n) in [
            ("claimed", j.claimed()),
            ("done", j.done()),
            ("failed", j.failed()),
            ("dead", j.dead()),
        ] {
            extra.push_str(&format!("mamori_jobs_total{{outcome=\"{outcome}\"}} {n}\n"));
        }
    }
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.metrics.render(&extra),
    )
        .into_response()
}
