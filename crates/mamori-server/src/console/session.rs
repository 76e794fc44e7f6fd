//! Signing in and out of the console, and the language switch.
//!
//! Before there is a session there is no session CSRF token, so the sign-in form carries a
//! double-submit token: a random value set as a `SameSite=Strict` cookie when the form is
//! shown and echoed in the form; a cross-site page can make the browser post but can neither
//! read nor set that cookie.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use mamori_console::{Lang, Level, Message, Notice, PageCtx, SignInView, render_signin};
use serde::Deserialize;

use super::{LANG_COOKIE, Page, accept_language, html, local_path, read_notice, see_other};
use crate::AppState;
use crate::api::session::sign_in_user;
use crate::auth::{Principal, Via, constant_eq, cookie, session_cookie};
use crate::problem::ApiError;

/// The double-submit cookie of the sign-in form.
pub(crate) const PRESESSION_COOKIE: &str = "mamori_presession";

#[derive(Deserialize)]
pub(crate) struct NextQuery {
    next: Option<String>,
}

#[derive(Deserialize)]
pub(crate) struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    next: String,
}

#[derive(Deserialize)]
pub(crate) struct CsrfForm {
    #[serde(default)]
    pub csrf: String,
}

#[derive(Deserialize)]
pub(crate) struct LangForm {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    csrf: String,
}

pub(crate) fn anonymous_ctx(headers: &HeaderMap, csrf: String) -> PageCtx {
    PageCtx {
        lang: Lang::negotiate(accept_language(headers), cookie(headers, LANG_COOKIE)),
        csrf,
        ..Default::default()
    }
}

pub(crate) fn presession_cookie(token: Option<&str>, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let v = match token {
        Some(t) => format!(
            "{PRESESSION_COOKIE}={t}; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600{secure}"
        ),
        None => {
            format!("{PRESESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}")
        }
    };
    HeaderValue::from_str(&v).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The pre-session token the browser holds, if it looks like one of ours.
pub(crate) fn presession(headers: &HeaderMap) -> Option<&str> {
    cookie(headers, PRESESSION_COOKIE)
        .filter(|t| t.len() == 32 && t.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn new_token() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// The browser's pre-session token, or a new one to set with the page.
pub(crate) fn presession_token(headers: &HeaderMap) -> String {
    presession(headers).map_or_else(new_token, str::to_owned)
}

/// Renders the sign-in form with a pre-session token (the browser's, or a new one).
fn signin_response(
    state: &AppState,
    headers: &HeaderMap,
    status: StatusCode,
    view: &SignInView,
    notice: Option<Notice>,
) -> Response {
    let token = presession_token(headers);
    let mut ctx = anonymous_ctx(headers, token.clone());
    ctx.notice = notice;
    let mut resp = html(status, render_signin(&ctx, view));
    let h = resp.headers_mut();
    h.append(
        header::SET_COOKIE,
        presession_cookie(Some(&token), state.config.behind_tls()),
    );
    if cookie(headers, super::NOTICE_COOKIE).is_some() {
        h.append(
            header::SET_COOKIE,
            HeaderValue::from_static("mamori_notice=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"),
        );
    }
    resp
}

/// GET `/signin`: the form, or on to the console when already signed in.
pub(crate) async fn signin_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<NextQuery>,
) -> Response {
    let next = q.next.filter(|n| local_path(n));
    if let Some(token) = cookie(&headers, crate::auth::SESSION_COOKIE)
        && let Ok(Some(_)) = state.store.session(token, crate::api::now()).await
    {
        return see_other(next.as_deref().unwrap_or("/"));
    }
    let notice = read_notice(&headers).map(|key| Notice {
        level: Level::Success,
        message: Message::Key(key),
    });
    let view = SignInView {
        next,
        ..Default::default()
    };
    signin_response(&state, &headers, StatusCode::OK, &view, notice)
}

/// POST `/signin`: checks the double-submit token, then the password; sets the session cookie.
pub(crate) async fn signin(
    State(state): State<AppState>,
    connect: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    Form(form): Form<SignInForm>,
) -> Response {
    let next = Some(form.next.clone()).filter(|n| local_path(n));
    let mut view = SignInView {
        email: form.email.clone(),
        error: None,
        next: next.clone(),
    };
    let held = presession(&headers).unwrap_or("");
    if held.is_empty() || !constant_eq(held.as_bytes(), form.csrf.as_bytes()) {
        view.error = Some(Message::Key("notice.csrf"));
        return signin_response(&state, &headers, StatusCode::FORBIDDEN, &view, None);
    }
    let ip = connect.map(|Extension(c)| c.0.ip());
    let user = match sign_in_user(&state, ip, form.email.trim(), &form.password).await {
        Ok(u) => u,
        Err(e) => {
            let (status, key) = match e {
                ApiError::Unauthenticated => (StatusCode::UNAUTHORIZED, "signin.error.invalid"),
                ApiError::TooManyRequests(_) => {
                    (StatusCode::TOO_MANY_REQUESTS, "signin.error.locked")
                }
                other => {
                    let ctx = anonymous_ctx(&headers, String::new());
                    return super::error_page(&ctx, &other, None);
                }
            };
            view.error = Some(Message::Key(key));
            return signin_response(&state, &headers, status, &view, None);
        }
    };
    let ttl = time::Duration::hours(state.config.session_hours);
    let new = match state
        .store
        .create_session(user.id, ttl, crate::api::now())
        .await
    {
        Ok(s) => s,
        Err(e) => {
            let ctx = anonymous_ctx(&headers, String::new());
            return super::error_page(&ctx, &e.into(), None);
        }
    };
    let secure = state.config.behind_tls();
    let mut resp = see_other(next.as_deref().unwrap_or("/"));
    let h = resp.headers_mut();
    h.append(
        header::SET_COOKIE,
        session_cookie(Some(&new.token), ttl.whole_seconds(), secure),
    );
    h.append(header::SET_COOKIE, presession_cookie(None, secure));
    resp
}

/// POST `/signout`: ends the session and clears its cookie.
pub(crate) async fn signout(
    State(state): State<AppState>,
    page: Page,
    Form(form): Form<CsrfForm>,
) -> Response {
    if let Err(e) = page.check_csrf(&form.csrf) {
        return page.error(e);
    }
    if let Via::Session { token, .. } = &page.principal.via
        && let Err(e) = state.store.end_session(token, crate::api::now()).await
    {
        return page.error(e.into());
    }
    let secure = state.config.behind_tls();
    let mut resp = super::see_other_with("/signin", "notice.signed_out", secure);
    resp.headers_mut()
        .append(header::SET_COOKIE, session_cookie(None, 0, secure));
    resp
}

/// POST `/lang`: remembers the language chosen with the switch, signed in or not.
pub(crate) async fn set_lang(
    State(state): State<AppState>,
    headers: HeaderMap,
    parts: LangParts,
    Form(form): Form<LangForm>,
) -> Response {
    let ok = match &parts.principal {
        Some(p) => p.check_csrf(&form.csrf).is_ok(),
        None => presession(&headers)
            .is_some_and(|held| constant_eq(held.as_bytes(), form.csrf.as_bytes())),
    };
    if !ok {
        let ctx = anonymous_ctx(&headers, String::new());
        return super::error_page(&ctx, &ApiError::Csrf, None);
    }
    let Some(lang) = Lang::parse(&form.lang) else {
        let ctx = anonymous_ctx(&headers, String::new());
        return super::error_page(
            &ctx,
            &ApiError::invalid("unknown language: use ja or en", "lang"),
            None,
        );
    };
    // The Referrer-Policy keeps browsers from saying where the switch was pressed: start over.
    let mut resp = see_other(if parts.principal.is_some() {
        "/"
    } else {
        "/signin"
    });
    let v = format!(
        "{LANG_COOKIE}={}; Path=/; SameSite=Lax; Max-Age=31536000{}",
        lang.tag(),
        if state.config.behind_tls() {
            "; Secure"
        } else {
            ""
        }
    );
    if let Ok(v) = HeaderValue::from_str(&v) {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
    resp.into_response()
}

/// The signed-in user of a request that anonymous visitors may also make.
pub(crate) struct LangParts {
    principal: Option<Principal>,
}

impl FromRequestParts<AppState> for LangParts {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(LangParts {
            principal: Principal::from_request_parts(parts, state).await.ok(),
        })
    }
}
