//! Sign-in, sign-out and "who am I" over the API (the console's forms use the same store calls).

use std::time::Instant;

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::{Principal, Via, session_cookie};
use crate::problem::{ApiError, Problem};
use mamori_store::SignInRefused;

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(sign_in, sign_out))
        .routes(routes!(me))
}

/// Sign-in form.
#[derive(Deserialize, ToSchema)]
pub struct SignIn {
    /// E-mail address.
    pub email: String,
    /// Password.
    pub password: String,
}

/// The signed-in user.
#[derive(Serialize, ToSchema)]
pub struct Me {
    /// Id.
    pub id: i64,
    /// E-mail.
    pub email: String,
    /// Name.
    pub display_name: String,
    /// Role.
    pub role: String,
    /// Organization id.
    pub org_id: i64,
    /// Organization name.
    pub org_name: String,
    /// `maker`, `hospital` or `distributor`.
    pub org_kind: String,
    /// `ja` or `en`.
    pub lang: String,
    /// The permissions the role holds.
    pub permissions: Vec<String>,
    /// The CSRF token to send as `X-CSRF-Token` with cookie-authenticated changes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub csrf_token: Option<String>,
}

impl Me {
    pub(crate) fn of(user: &mamori_store::UserRow, csrf: Option<String>) -> Me {
        Me {
            id: user.id,
            email: user.email.clone(),
            display_name: user.display_name.clone(),
            role: user.role.as_str().to_owned(),
            org_id: user.org_id,
            org_name: user.org_name.clone(),
            org_kind: user.org_kind.as_str().to_owned(),
            lang: user.lang.clone(),
            permissions: mamori_model::Permission::ALL
                .into_iter()
                .filter(|p| user.role.can(*p))
                .map(|p| p.as_str().to_owned())
                .collect(),
            csrf_token: csrf,
        }
    }
}

/// Signs in and sets the session cookie. Wrong address, wrong password, a locked and a
/// disabled account all answer the same 401, so nobody learns which addresses exist.
#[utoipa::path(post, path = "/api/v1/session", tag = "session", request_body = SignIn,
    responses((status = 200, body = Me), (status = 401, body = Problem), (status = 429, body = Problem)))]
pub(crate) async fn sign_in(
    State(state): State<AppState>,
    connect: Option<Extension<axum::extract::ConnectInfo<std::net::SocketAddr>>>,
    Json(form): Json<SignIn>,
) -> Result<Response, ApiError> {
    let ip = connect.map(|Extension(c)| c.0.ip());
    let user = sign_in_user(&state, ip, &form.email, &form.password).await?;
    let ttl = time::Duration::hours(state.config.session_hours);
    let new = state
        .store
        .create_session(user.id, ttl, super::now())
        .await?;
    let cookie = session_cookie(
        Some(&new.token),
        ttl.whole_seconds(),
        state.config.behind_tls(),
    );
    let body = Json(Me::of(
        &new.session.user,
        Some(new.session.csrf_token.clone()),
    ));
    Ok(([(header::SET_COOKIE, cookie)], body).into_response())
}

/// The shared sign-in step of the API and the console: rate limit, then the store's check.
pub async fn sign_in_user(
    state: &AppState,
    ip: Option<std::net::IpAddr>,
    email: &str,
    password: &str,
) -> Result<mamori_store::UserRow, ApiError> {
    let from = ip
        .map(|i| i.to_string())
        .unwrap_or_else(|| "unknown".into());
    if let Some(ip) = ip {
        state
            .limiter
            .attempt(ip, Instant::now())
            .map_err(ApiError::TooManyRequests)?;
    }
    match state
        .store
        .sign_in(email, password, &from, super::now())
        .await?
    {
        Ok(user) => Ok(user),
        Err(SignInRefused::BadCredentials | SignInRefused::Locked(_) | SignInRefused::Disabled) => {
            Err(ApiError::Unauthenticated)
        }
    }
}

/// Ends the session and clears the cookie.
#[utoipa::path(delete, path = "/api/v1/session", tag = "session",
    responses((status = 204), (status = 401, body = Problem)),
    security(("session" = [])))]
pub(crate) async fn sign_out(
    State(state): State<AppState>,
    principal: Principal,
) -> Result<Response, ApiError> {
    if let Via::Session { token, .. } = &principal.via {
        state.store.end_session(token, super::now()).await?;
    }
    let cookie = session_cookie(None, 0, state.config.behind_tls());
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]).into_response())
}

/// The signed-in user, their role's permissions and (for a session) the CSRF token.
#[utoipa::path(get, path = "/api/v1/me", tag = "session",
    responses((status = 200, body = Me), (status = 401, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn me(principal: Principal) -> Json<Me> {
    let csrf = match &principal.via {
        Via::Session { csrf, .. } => Some(csrf.clone()),
        Via::Token { .. } => None,
    };
    Json(Me::of(&principal.user, csrf))
}
