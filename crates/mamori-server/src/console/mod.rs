//! The web console's HTTP side: routes, who is asking, and turning store rows into `mamori-console` views.
//!
//! Pages are rendered by `mamori-console` (pure functions of a [`PageCtx`] and a view); this
//! module decides who may see what, reads the store and answers HTML. A request without a
//! session is sent to `/signin?next=…` rather than given a JSON 401; a refusal or a missing
//! thing is the console's error page with the right status. Every POST form carries the
//! session's CSRF token as the field `csrf` (the sign-in form, before there is a session, a
//! double-submit token from a cookie set with the form). After a change the browser is sent on
//! with `303 See Other`, and a one-time notice rides along in a short-lived cookie.

mod admin;
mod assets;
mod dashboard;
mod disclosure;
mod findings;
mod hospital;
mod impact;
mod inquiries;
mod notices;
mod portfolio;
mod regulatory;
pub(crate) mod reports;
mod session;
mod vex;

use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use mamori_console::{ErrorView, Lang, Level, Message, Notice, PageCtx, Role, User};
use mamori_model::Permission;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::AppState;
use crate::auth::{Principal, cookie};
use crate::problem::ApiError;

/// The cookie remembering a language chosen with the switch (it wins over the stored preference).
pub(crate) const LANG_COOKIE: &str = "mamori_lang";
/// The cookie carrying a one-time notice to the page after a redirect.
pub(crate) const NOTICE_COOKIE: &str = "mamori_notice";

/// The notices a redirect may carry: the cookie holds the key, and only these are honoured,
/// so a forged cookie cannot put words on a page.
const NOTICES: [&str; 7] = [
    "notice.saved",
    "notice.vex_imported",
    "notice.signed_out",
    "notice.uploaded",
    "notice.token_revoked",
    "notice.job_retried",
    "notice.csrf",
];

/// The console's routes; the server merges them into its router.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(dashboard::dashboard))
        .route("/signin", get(session::signin_page).post(session::signin))
        .route("/signout", post(session::signout))
        .route("/lang", post(session::set_lang))
        .route("/static/{file}", get(assets::asset))
        .route(
            "/products",
            get(portfolio::products).post(portfolio::add_product),
        )
        .route("/products/{id}", get(portfolio::product))
        .route("/products/{id}/releases", post(portfolio::add_release))
        .route("/releases/{id}", get(portfolio::release))
        .route("/releases/{id}/sboms", post(portfolio::upload))
        .route(
            "/releases/{id}/disclosures/{form}",
            get(disclosure::disclosure).post(disclosure::save),
        )
        .route(
            "/releases/{id}/disclosures/{form}/revisions/{number}/approve",
            post(disclosure::approve),
        )
        .route("/sboms/{id}/approve", post(portfolio::approve))
        .route("/findings", get(findings::findings))
        .route("/findings/{id}", get(findings::finding))
        .route("/findings/{id}/triage", post(findings::triage))
        .route("/vex", get(vex::vex_page).post(vex::upload))
        .route("/vex/suggestions/{id}/accept", post(vex::accept))
        .route("/vex/suggestions/{id}/reject", post(vex::reject))
        .route("/cases", get(regulatory::cases))
        .route("/cases/{id}", get(regulatory::case))
        .route("/reports", get(reports::reports))
        .route("/notices", get(notices::notices))
        .route("/inquiries", get(inquiries::inquiries).post(inquiries::ask))
        .route("/inquiries/{id}", get(inquiries::inquiry))
        .route("/inquiries/{id}/messages", post(inquiries::reply))
        .route("/inquiries/{id}/acknowledge", post(inquiries::acknowledge))
        .route("/notices/{id}/acknowledge", post(notices::acknowledge))
        .route("/notices/{id}/devices/{device}", post(notices::respond))
        .route("/advisories/{id}/notices", get(notices::advisory_status))
        .route("/reports/{id}", get(reports::report))
        .route("/reports/{id}/status", post(reports::set_status))
        .route("/reports/{id}/messages", post(reports::add_message))
        .route("/reports/{id}/case", post(reports::open_case))
        .route(
            "/report/status/{token}",
            get(reports::report_status).post(reports::reporter_reply),
        )
        .route("/.well-known/security.txt", get(reports::security_txt))
        .route("/advisories", get(hospital::advisories))
        .route("/advisories/{id}/shares", post(hospital::share))
        .route(
            "/advisories/{id}/shares/{org}/delete",
            post(hospital::unshare),
        )
        .route("/devices", get(hospital::devices))
        .route("/documents", get(hospital::documents))
        .route("/impact", get(impact::impact))
        .route("/impact.csv", get(impact::impact_csv))
        .route("/feeds", get(admin::feeds))
        .route("/feeds/{source}/sync", post(admin::sync_feed))
        .route("/tokens", get(admin::tokens).post(admin::create_token))
        .route("/tokens/{id}/revoke", post(admin::revoke_token))
        .route("/admin/users", get(admin::users).post(admin::add_user))
        .route("/admin/users/{id}/enable", post(admin::enable_user))
        .route("/admin/users/{id}/disable", post(admin::disable_user))
        .route(
            "/admin/organizations",
            get(admin::orgs).post(admin::add_org),
        )
        .route("/admin/jobs", get(admin::jobs))
        .route("/admin/jobs/{id}/retry", post(admin::retry_job))
}

/// The public report form, with a body limit of its own: five attachments of the configured size.
pub fn report_intake(config: &crate::ServerConfig) -> Router<AppState> {
    let limit = config.reports.attachment_bytes * mamori_store::MAX_ATTACHMENTS + 1024 * 1024;
    Router::new()
        .route(
            "/report",
            get(reports::report_form).post(reports::submit_report),
        )
        .layer(axum::extract::DefaultBodyLimit::max(limit))
}

/// A signed-in request to a console page: who it is and the page context built for them.
pub(crate) struct Page {
    /// Who is asking.
    pub principal: Principal,
    /// Language, user, CSRF token and the one-time notice.
    pub ctx: PageCtx,
    /// The request id, for the error page.
    request_id: Option<String>,
    /// Whether a notice cookie was read (and must be cleared).
    notice_read: bool,
}

impl FromRequestParts<AppState> for Page {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let request_id = request_id(&parts.headers);
        match Principal::from_request_parts(parts, state).await {
            Ok(principal) => {
                let u = &principal.user;
                let lang = Lang::negotiate(
                    accept_language(&parts.headers),
                    Some(cookie(&parts.headers, LANG_COOKIE).unwrap_or(&u.lang)),
                );
                let notice = read_notice(&parts.headers);
                let ctx = PageCtx {
                    lang,
                    user: Some(User {
                        name: u.display_name.clone(),
                        email: u.email.clone(),
                        // Both crates name the same six roles; an unknown one gets the least.
                        role: Role::parse(u.role.as_str()).unwrap_or(Role::Hospital),
                        org: u.org_name.clone(),
                    }),
                    csrf: principal.csrf().to_owned(),
                    notice: notice.map(|key| Notice {
                        level: Level::Success,
                        message: Message::Key(key),
                    }),
                };
                Ok(Page {
                    principal,
                    ctx,
                    request_id,
                    notice_read: cookie(&parts.headers, NOTICE_COOKIE).is_some(),
                })
            }
            Err(ApiError::Unauthenticated) => {
                // A page asked for comes back after signing in; a form post cannot be replayed.
                let target = match parts.method {
                    Method::GET | Method::HEAD => parts
                        .uri
                        .path_and_query()
                        .map_or("/", |p| p.as_str())
                        .to_owned(),
                    _ => "/".to_owned(),
                };
                let location = if target == "/" {
                    "/signin".to_owned()
                } else {
                    format!("/signin?next={}", encode_query(&target))
                };
                Err(see_other(&location))
            }
            Err(e) => {
                let ctx = PageCtx {
                    lang: Lang::negotiate(
                        accept_language(&parts.headers),
                        cookie(&parts.headers, LANG_COOKIE),
                    ),
                    ..Default::default()
                };
                Err(error_page(&ctx, &e, request_id))
            }
        }
    }
}

impl Page {
    /// Fails unless the role holds `p`.
    pub fn require(&self, p: Permission) -> Result<(), ApiError> {
        self.principal.require(p)
    }

    /// Fails unless the form's CSRF field is the session's token.
    pub fn check_csrf(&self, given: &str) -> Result<(), ApiError> {
        self.principal.check_csrf(given)
    }

    /// Whether the user belongs to the maker (sees everything it holds).
    pub fn is_maker(&self) -> bool {
        matches!(self.principal.visibility(), mamori_store::Visibility::All)
    }

    /// A rendered page (200) or the error page.
    pub fn render(&self, page: Result<String, ApiError>) -> Response {
        self.render_status(StatusCode::OK, page)
    }

    /// A rendered page with `status`, or the error page.
    pub fn render_status(&self, status: StatusCode, page: Result<String, ApiError>) -> Response {
        let mut resp = match page {
            Ok(body) => html(status, body),
            Err(e) => error_page(&self.ctx, &e, self.request_id.clone()),
        };
        if self.notice_read {
            resp.headers_mut()
                .append(header::SET_COOKIE, notice_cookie(None));
        }
        resp
    }

    /// The error page for `e`.
    pub fn error(&self, e: ApiError) -> Response {
        self.render(Err(e))
    }

    /// Sets an error notice on the page about to be rendered again after a refused form.
    pub fn with_problem(&mut self, e: &ApiError) {
        self.ctx.notice = Some(Notice {
            level: Level::Error,
            message: Message::Text(e.to_string()),
        });
    }
}

/// The value of the first field named `name` in a form that may repeat fields.
pub(crate) fn form_field<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

/// A time as the console shows it.
pub(crate) fn fmt_at(t: OffsetDateTime) -> String {
    t.format(&Rfc3339)
        .map_or_else(|_| t.to_string(), |s| fmt_time(&s))
}

/// Answers a console form once its change `done` ran: `303` to the page it names with the
/// saved notice; a failure the user can correct shows the form's page again (rendered by
/// `again`) with the problem on top; anything else is the error page.
pub(crate) async fn answer_form(
    state: &AppState,
    mut page: Page,
    done: Result<String, ApiError>,
    again: impl AsyncFnOnce(&AppState, &Page) -> Result<String, ApiError>,
) -> Response {
    match done {
        Ok(next) => see_other_with(&next, "notice.saved", state.config.behind_tls()),
        Err(e) if correctable(&e) => {
            page.with_problem(&e);
            let html = again(state, &page).await;
            page.render_status(status_of(&e), html)
        }
        Err(e) => page.error(e),
    }
}

/// Whether a form's failure is the user's to correct on the same page (shown as a notice and
/// the page again) rather than an error page.
pub(crate) fn correctable(e: &ApiError) -> bool {
    matches!(
        e,
        ApiError::Invalid { .. }
            | ApiError::Document { .. }
            | ApiError::Conflict(_)
            | ApiError::TooLarge(_)
    )
}

/// The status a form's correctable failure is answered with.
pub(crate) fn status_of(e: &ApiError) -> StatusCode {
    StatusCode::from_u16(e.problem().status).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY)
}

/// A complete HTML document; pages are per user, so never cached.
pub(crate) fn html(status: StatusCode, body: String) -> Response {
    let mut resp = (status, body).into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

/// The console's error page for `e`, with the status it stands for.
pub(crate) fn error_page(ctx: &PageCtx, e: &ApiError, request_id: Option<String>) -> Response {
    let status = status_of(e);
    if status.is_server_error() {
        // The request id is on the enclosing span.
        tracing::error!(error = %e, "console page failed");
    }
    let view = ErrorView {
        status: status.as_u16(),
        request_id,
    };
    html(status, mamori_console::render_error(ctx, &view))
}

/// `303 See Other` to a local path.
pub(crate) fn see_other(location: &str) -> Response {
    let mut resp = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(location) {
        resp.headers_mut().insert(header::LOCATION, v);
    }
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

/// `303 See Other` with a one-time notice for the next page (`key` from [`NOTICES`]).
pub(crate) fn see_other_with(location: &str, key: &'static str, secure: bool) -> Response {
    let mut resp = see_other(location);
    resp.headers_mut()
        .append(header::SET_COOKIE, notice_cookie(Some((key, secure))));
    resp
}

fn notice_cookie(set: Option<(&str, bool)>) -> HeaderValue {
    let v = match set {
        Some((key, secure)) => format!(
            "{NOTICE_COOKIE}={key}; Path=/; HttpOnly; SameSite=Lax; Max-Age=60{}",
            if secure { "; Secure" } else { "" }
        ),
        None => format!("{NOTICE_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"),
    };
    HeaderValue::from_str(&v).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The notice a cookie names, if it is one of ours.
pub(crate) fn read_notice(headers: &HeaderMap) -> Option<&'static str> {
    let v = cookie(headers, NOTICE_COOKIE)?;
    NOTICES.into_iter().find(|k| *k == v)
}

pub(crate) fn accept_language(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
}

fn request_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// Percent-encodes everything but RFC 3986's unreserved characters and `/`.
pub(crate) fn encode_query(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Whether `next` is a path on this server (never another origin: `//host`, `/\host`, or a
/// scheme), so signing in cannot be turned into an open redirect.
pub(crate) fn local_path(next: &str) -> bool {
    next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.chars().any(|c| c.is_control() || c == '\\')
}

/// A stored RFC 3339 time as `YYYY-MM-DD HH:MM UTC`; other text as it is.
pub(crate) fn fmt_time(s: &str) -> String {
    match OffsetDateTime::parse(s, &Rfc3339) {
        Ok(t) => {
            let t = t.to_offset(time::UtcOffset::UTC);
            format!("{} {:02}:{:02} UTC", t.date(), t.hour(), t.minute())
        }
        Err(_) => s.to_owned(),
    }
}

/// The date part of a stored date or time.
pub(crate) fn parse_day(s: &str) -> Option<time::Date> {
    let day = s.get(..10)?;
    time::Date::parse(
        day,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()
}

/// Today (UTC): the one place the console reads the clock.
pub(crate) fn today() -> time::Date {
    crate::api::now().date()
}

/// A form's optional text: `None` when empty or blank.
pub(crate) fn non_empty(s: &str) -> Option<&str> {
    let t = s.trim();
    (!t.is_empty()).then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_must_stay_here() {
        for (next, ok) in [
            ("/findings?severity=high", true),
            ("/", true),
            ("//evil.example/", false),
            ("/\\evil.example", false),
            ("https://evil.example/", false),
            ("findings", false),
            ("/a\r\nSet-Cookie: x=1", false),
        ] {
            assert_eq!(local_path(next), ok, "{next}");
        }
    }

    #[test]
    fn query_encoding() {
        assert_eq!(
            encode_query("/findings?q=a b&kev=1"),
            "/findings%3Fq%3Da%20b%26kev%3D1"
        );
        assert_eq!(
            fmt_time("2025-01-02T03:04:05.123456Z"),
            "2025-01-02 03:04 UTC"
        );
        assert_eq!(fmt_time("not a time"), "not a time");
        assert_eq!(
            parse_day("2025-01-02T03:04:05Z"),
            Some(time::macros::date!(2025 - 01 - 02))
        );
    }

    #[test]
    fn only_known_notices() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("mamori_notice=notice.saved"),
        );
        assert_eq!(read_notice(&h), Some("notice.saved"));
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("mamori_notice=<script>"),
        );
        assert_eq!(read_notice(&h), None);
    }
}
