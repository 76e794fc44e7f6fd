//! Vulnerability reports in the console: the public form and the reporter's status page (no account), the PSIRT's queue, and `/.well-known/security.txt`.
//!
//! The public pages have no session, so their forms carry the same double-submit token as
//! the sign-in form. Filing and replying are rate-limited per client address. The status
//! page's address holds the report's secret: the page is never cached, sends no referrer,
//! and the request log shows the path without it.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Multipart, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use mamori_console::{
    Message, PageCtx, ReportFileItem, ReportFormValues, ReportFormView, ReportListItem,
    ReportStatusView, ReportThreadItem, ReportView, ReportsView, render_report, render_report_form,
    render_report_status, render_reports,
};
use mamori_model::{Email, Permission};
use mamori_store::{
    AttachmentMeta, MAX_ATTACHMENTS, NewAttachment, NewReport, ReportMessage, ReportRow,
    ReportSource, ReportStatus, StoreError,
};
use serde::Deserialize;
use time::OffsetDateTime;

use super::form_field as field;
use super::session::{anonymous_ctx, presession, presession_cookie, presession_token};
use super::{Page, answer_form, fmt_time, html, see_other};
use crate::AppState;
use crate::auth::constant_eq;
use crate::problem::ApiError;

/// The path prefix of status pages; the request log cuts what follows it.
pub(crate) const STATUS_PREFIX: &str = "/report/status/";

/// An anonymous page with the double-submit token its forms (and the language switch) carry.
fn anonymous(
    state: &AppState,
    headers: &HeaderMap,
    status: StatusCode,
    render: impl FnOnce(&PageCtx) -> String,
) -> Response {
    let token = presession_token(headers);
    let ctx = anonymous_ctx(headers, token.clone());
    let mut resp = html(status, render(&ctx));
    let h = resp.headers_mut();
    h.append(
        header::SET_COOKIE,
        presession_cookie(Some(&token), state.config.behind_tls()),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    resp
}

fn form_view(state: &AppState, values: ReportFormValues, error: Option<Message>) -> ReportFormView {
    ReportFormView {
        error,
        values,
        max_attachments: MAX_ATTACHMENTS,
        max_attachment_mib: (state.config.reports.attachment_bytes as u64).div_ceil(1024 * 1024),
        maker: state.config.maker_name.clone(),
    }
}

/// GET `/report`: the form.
pub(crate) async fn report_form(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let values = ReportFormValues {
        source: "researcher".into(),
        ..Default::default()
    };
    let view = form_view(&state, values, None);
    anonymous(&state, &headers, StatusCode::OK, |ctx| {
        render_report_form(ctx, &view)
    })
}

/// Why a filing was refused, and with what status.
struct Refusal {
    status: StatusCode,
    message: Message,
}

impl Refusal {
    fn invalid(ctx_lang_free: String) -> Refusal {
        Refusal {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            message: Message::Text(ctx_lang_free),
        }
    }
}

/// The multipart form read with limits: text fields and up to [`MAX_ATTACHMENTS`] files.
async fn read_form(
    mut multipart: Multipart,
    attachment_bytes: usize,
) -> Result<(ReportFormValues, String, Vec<NewAttachment>), Refusal> {
    let too_large = || Refusal {
        status: StatusCode::PAYLOAD_TOO_LARGE,
        message: Message::Key("report.error.too_large"),
    };
    let mut v = ReportFormValues::default();
    let mut csrf = String::new();
    let mut files = Vec::new();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                return Err(if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    too_large()
                } else {
                    Refusal::invalid(format!("the form could not be read: {}", e.body_text()))
                });
            }
        };
        let name = field.name().unwrap_or_default().to_owned();
        if name == "files" {
            let file_name = field.file_name().unwrap_or_default().to_owned();
            let media = field.content_type().unwrap_or_default().to_owned();
            let mut field = field;
            let mut content = Vec::new();
            loop {
                match field.chunk().await {
                    Ok(Some(c)) => {
                        if content.len() + c.len() > attachment_bytes {
                            return Err(too_large());
                        }
                        content.extend_from_slice(&c);
                    }
                    Ok(None) => break,
                    Err(_) => return Err(too_large()),
                }
            }
            // A browser sends an empty part when no file was chosen.
            if file_name.is_empty() && content.is_empty() {
                continue;
            }
            if files.len() == MAX_ATTACHMENTS {
                return Err(too_large());
            }
            files.push(NewAttachment {
                name: file_name,
                media_type: media,
                content,
            });
            continue;
        }
        let text = field
            .text()
            .await
            .map_err(|_| Refusal::invalid(format!("field {name} is not text")))?;
        if text.len() > 64 * 1024 {
            return Err(Refusal::invalid(format!("field {name} is too long")));
        }
        match name.as_str() {
            "csrf" => csrf = text,
            "name" => v.name = text,
            "email" => v.email = text,
            "org" => v.org = text,
            "source" => v.source = text,
            "product" => v.product = text,
            "version" => v.version = text,
            "title" => v.title = text,
            "description" => v.description = text,
            "credit" => v.credit = text,
            _ => {}
        }
    }
    Ok((v, csrf, files))
}

fn client_ip(connect: Option<Extension<ConnectInfo<SocketAddr>>>) -> Option<std::net::IpAddr> {
    connect.map(|Extension(c)| c.0.ip())
}

fn rate_limited(state: &AppState, ip: Option<std::net::IpAddr>) -> bool {
    ip.is_some_and(|ip| {
        state
            .report_limiter
            .attempt(ip, std::time::Instant::now())
            .is_err()
    })
}

fn opt(s: &str) -> Option<String> {
    Some(s.trim().to_owned()).filter(|s| !s.is_empty())
}

/// POST `/report`: files the report and sends the reporter on to its status page.
pub(crate) async fn submit_report(
    State(state): State<AppState>,
    connect: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let ip = client_ip(connect);
    let refuse = |values: ReportFormValues, r: Refusal| {
        let view = form_view(&state, values, Some(r.message));
        anonymous(&state, &headers, r.status, |ctx| {
            render_report_form(ctx, &view)
        })
    };
    let (values, csrf, files) =
        match read_form(multipart, state.config.reports.attachment_bytes).await {
            Ok(x) => x,
            Err(r) => return refuse(ReportFormValues::default(), r),
        };
    let held = presession(&headers).unwrap_or("");
    if held.is_empty() || !constant_eq(held.as_bytes(), csrf.as_bytes()) {
        let r = Refusal {
            status: StatusCode::FORBIDDEN,
            message: Message::Key("notice.csrf"),
        };
        return refuse(values, r);
    }
    if rate_limited(&state, ip) {
        let r = Refusal {
            status: StatusCode::TOO_MANY_REQUESTS,
            message: Message::Key("report.error.too_many"),
        };
        return refuse(values, r);
    }
    let lang = anonymous_ctx(&headers, String::new()).lang.tag().to_owned();
    let new = match checked(&values, lang, files) {
        Ok(n) => n,
        Err(msg) => return refuse(values, Refusal::invalid(msg)),
    };
    match state.store.submit_report(&new, crate::api::now()).await {
        Ok((row, token)) => {
            tracing::info!(tracking_id = %row.tracking_id, source = row.source.as_str(), "vulnerability report received");
            see_other(&format!("{STATUS_PREFIX}{token}?filed=1"))
        }
        Err(StoreError::Invalid(msg)) => refuse(values, Refusal::invalid(msg)),
        Err(e) => {
            let ctx = anonymous_ctx(&headers, String::new());
            super::error_page(&ctx, &e.into(), None)
        }
    }
}

/// The form's values as a report, or what is wrong with them.
fn checked(
    v: &ReportFormValues,
    lang: String,
    files: Vec<NewAttachment>,
) -> Result<NewReport, String> {
    let source = ReportSource::parse(v.source.trim())
        .ok_or_else(|| format!("unknown reporter kind {:?}", v.source))?;
    let email = Email::new(v.email.trim()).map_err(|e| e.to_string())?;
    Ok(NewReport {
        source,
        reporter_name: v.name.clone(),
        reporter_email: email,
        reporter_org: opt(&v.org),
        lang,
        product: v.product.clone(),
        version: opt(&v.version),
        title: v.title.clone(),
        description: v.description.clone(),
        credit: opt(&v.credit),
        attachments: files,
    })
}

#[derive(Deserialize)]
pub(crate) struct FiledQuery {
    #[serde(default)]
    filed: Option<String>,
}

fn files(a: &[AttachmentMeta]) -> Vec<ReportFileItem> {
    a.iter()
        .map(|a| ReportFileItem {
            id: a.id,
            name: a.name.clone(),
            size: a.size,
            sha256: a.sha256.clone(),
        })
        .collect()
}

fn thread(m: &[ReportMessage]) -> Vec<ReportThreadItem> {
    m.iter()
        .map(|m| ReportThreadItem {
            author: m.author.clone(),
            from_psirt: m.from_psirt,
            visible: m.visible,
            body: m.body.clone(),
            at: fmt_time(&m.created_at),
        })
        .collect()
}

fn product_line(r: &ReportRow) -> String {
    match &r.version {
        Some(v) => format!("{} {v}", r.product),
        None => r.product.clone(),
    }
}

/// GET `/report/status/{secret}`: the reporter's page.
pub(crate) async fn report_status(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
    Query(q): Query<FiledQuery>,
) -> Response {
    status_page(&state, &headers, &token, q.filed.is_some(), StatusCode::OK).await
}

async fn status_page(
    state: &AppState,
    headers: &HeaderMap,
    token: &str,
    just_filed: bool,
    status: StatusCode,
) -> Response {
    match state.store.report_by_token(token).await {
        Ok(r) => {
            let view = ReportStatusView {
                tracking_id: r.tracking_id.clone(),
                status: r.status.as_str().to_owned(),
                received: fmt_time(&r.received_at),
                product: product_line(&r),
                title: r.title.clone(),
                files: files(&r.attachments),
                messages: thread(&r.messages),
                action: format!("{STATUS_PREFIX}{token}"),
                just_filed,
            };
            anonymous(state, headers, status, |ctx| {
                render_report_status(ctx, &view)
            })
        }
        Err(e) => {
            let ctx = anonymous_ctx(headers, String::new());
            super::error_page(&ctx, &e.into(), None)
        }
    }
}

#[derive(Deserialize)]
pub(crate) struct ReplyForm {
    #[serde(default)]
    body: String,
    #[serde(default)]
    csrf: String,
}

/// POST `/report/status/{secret}`: the reporter adds a message.
pub(crate) async fn reporter_reply(
    State(state): State<AppState>,
    connect: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    Path(token): Path<String>,
    Form(form): Form<ReplyForm>,
) -> Response {
    let held = presession(&headers).unwrap_or("");
    if held.is_empty() || !constant_eq(held.as_bytes(), form.csrf.as_bytes()) {
        return status_page(&state, &headers, &token, false, StatusCode::FORBIDDEN).await;
    }
    if rate_limited(&state, client_ip(connect)) {
        return status_page(
            &state,
            &headers,
            &token,
            false,
            StatusCode::TOO_MANY_REQUESTS,
        )
        .await;
    }
    match state
        .store
        .add_reporter_message(&token, &form.body, crate::api::now())
        .await
    {
        Ok(_) => see_other(&format!("{STATUS_PREFIX}{token}")),
        Err(StoreError::Invalid(_)) => {
            status_page(
                &state,
                &headers,
                &token,
                false,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => {
            let ctx = anonymous_ctx(&headers, String::new());
            super::error_page(&ctx, &e.into(), None)
        }
    }
}

/// `/report/status/…` with the secret cut, for the request log.
pub(crate) fn loggable_path(path: &str) -> &str {
    if path.starts_with(STATUS_PREFIX) {
        STATUS_PREFIX
    } else {
        path
    }
}

fn list_item(r: &ReportRow) -> ReportListItem {
    ReportListItem {
        id: r.id,
        tracking_id: r.tracking_id.clone(),
        source: r.source.as_str().to_owned(),
        status: r.status.as_str().to_owned(),
        title: r.title.clone(),
        product: product_line(r),
        received: fmt_time(&r.received_at),
        case: r.case_id,
    }
}

/// GET `/reports`: the PSIRT's queue.
pub(crate) async fn reports(State(state): State<AppState>, page: Page) -> Response {
    let html = async {
        page.require(Permission::ReadInternal)?;
        let rows = state.store.reports(None).await?;
        let view = ReportsView {
            rows: rows.iter().map(list_item).collect(),
        };
        Ok(render_reports(&page.ctx, &view))
    }
    .await;
    page.render(html)
}

async fn report_html(state: &AppState, page: &Page, id: i64) -> Result<String, ApiError> {
    page.require(Permission::ReadInternal)?;
    let r = state.store.report(id).await?;
    let reporter = match &r.reporter_org {
        Some(o) => format!("{} <{}>, {o}", r.reporter_name, r.reporter_email),
        None => format!("{} <{}>", r.reporter_name, r.reporter_email),
    };
    let view = ReportView {
        item: list_item(&r),
        reporter,
        lang: r.lang.clone(),
        description: r.description.clone(),
        credit: r.credit.clone(),
        files: files(&r.attachments),
        messages: thread(&r.messages),
        can_act: page.principal.user.role.can(Permission::ManageCases),
    };
    Ok(render_report(&page.ctx, &view))
}

/// GET `/reports/{id}`.
pub(crate) async fn report(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
) -> Response {
    let html = report_html(&state, &page, id).await;
    page.render(html)
}

/// Runs a PSIRT action from a form on the report page and answers as console forms do.
async fn act(
    state: &AppState,
    page: Page,
    id: i64,
    fields: &[(String, String)],
    action: impl AsyncFnOnce(&AppState, &Page) -> Result<Option<String>, ApiError>,
) -> Response {
    if let Err(e) = page.check_csrf(field(fields, "csrf")) {
        return page.error(e);
    }
    let done = async {
        page.require(Permission::ManageCases)?;
        let next = action(state, &page).await?;
        Ok(next.unwrap_or_else(|| format!("/reports/{id}")))
    }
    .await;
    answer_form(state, page, done, async |state, page| {
        report_html(state, page, id).await
    })
    .await
}

/// POST `/reports/{id}/status`.
pub(crate) async fn set_status(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let wanted = field(&fields, "status").to_owned();
    act(&state, page, id, &fields, async |state, page| {
        let s = ReportStatus::parse(&wanted)
            .ok_or_else(|| ApiError::invalid(format!("unknown status {wanted:?}"), "status"))?;
        state
            .store
            .set_report_status(id, s, page.principal.actor(), now())
            .await?;
        Ok(None)
    })
    .await
}

/// POST `/reports/{id}/messages`.
pub(crate) async fn add_message(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let body = field(&fields, "body").to_owned();
    let internal = field(&fields, "internal") == "1";
    act(&state, page, id, &fields, async |state, page| {
        state
            .store
            .add_report_message(id, &body, !internal, page.principal.actor(), now())
            .await?;
        Ok(None)
    })
    .await
}

/// POST `/reports/{id}/case`: opens the case and goes to it.
pub(crate) async fn open_case(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    act(&state, page, id, &fields, async |state, page| {
        let c = state
            .store
            .open_case_from_report(id, page.principal.actor(), now())
            .await?;
        Ok(Some(format!("/cases/{}", c.id)))
    })
    .await
}

fn now() -> OffsetDateTime {
    crate::api::now()
}

/// GET `/.well-known/security.txt` (RFC 9116), from the `[reports]` settings.
pub(crate) async fn security_txt(State(state): State<AppState>) -> Response {
    let text = security_txt_text(&state.config, now());
    let mut resp = text.into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    resp
}

/// The file's text at `now`.
pub(crate) fn security_txt_text(config: &crate::ServerConfig, now: OffsetDateTime) -> String {
    let base = config.public_url.trim_end_matches('/');
    let form = format!("{base}/report");
    let r = &config.reports;
    let mut out = String::new();
    out.push_str("# Security contact of this medical-device maker's PSIRT (RFC 9116).\n");
    out.push_str("# 医療機器製造販売業者 PSIRT の脆弱性報告窓口です。\n");
    if r.contact.is_empty() {
        out.push_str(&format!("Contact: {form}\n"));
    }
    for c in &r.contact {
        out.push_str(&format!("Contact: {}\n", c.trim()));
    }
    let expires = (now + time::Duration::days(r.expires_days.clamp(1, 365)))
        .replace_nanosecond(0)
        .unwrap_or(now)
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    out.push_str(&format!("Expires: {expires}\n"));
    if let Some(e) = &r.encryption {
        out.push_str(&format!("Encryption: {}\n", e.trim()));
    }
    if let Some(a) = &r.acknowledgments {
        out.push_str(&format!("Acknowledgments: {}\n", a.trim()));
    }
    if !r.languages.trim().is_empty() {
        out.push_str(&format!("Preferred-Languages: {}\n", r.languages.trim()));
    }
    out.push_str(&format!("Canonical: {base}/.well-known/security.txt\n"));
    out.push_str(&format!(
        "Policy: {}\n",
        r.policy.as_deref().map_or(form.as_str(), str::trim)
    ));
    out.push_str(&format!(
        "CSAF: {base}/.well-known/csaf/provider-metadata.json\n"
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn security_txt_has_the_required_fields() {
        let mut c = crate::ServerConfig {
            public_url: "https://psirt.example.jp/".into(),
            ..Default::default()
        };
        let now = time::macros::datetime!(2026-11-26 08:00:00.5 UTC);
        let t = security_txt_text(&c, now);
        let fields: Vec<&str> = t.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(
            fields,
            [
                "Contact: https://psirt.example.jp/report",
                "Expires: 2027-05-25T08:00:00Z",
                "Preferred-Languages: ja, en",
                "Canonical: https://psirt.example.jp/.well-known/security.txt",
                "Policy: https://psirt.example.jp/report",
                "CSAF: https://psirt.example.jp/.well-known/csaf/provider-metadata.json",
            ]
        );
        c.reports.contact = vec!["mailto:psirt@example.jp".into()];
        c.reports.encryption = Some("https://psirt.example.jp/key.asc".into());
        c.reports.expires_days = 5000;
        let t = security_txt_text(&c, now);
        assert!(t.contains("Contact: mailto:psirt@example.jp\n"));
        assert!(!t.contains("Contact: https://"));
        assert!(t.contains("Encryption: https://psirt.example.jp/key.asc\n"));
        // Never more than a year ahead, whatever the setting says.
        assert!(t.contains("Expires: 2027-11-26T08:00:00Z\n"), "{t}");
    }

    #[test]
    fn status_paths_are_logged_without_their_secret() {
        assert_eq!(loggable_path("/report/status/abcdef"), "/report/status/");
        assert_eq!(loggable_path("/reports/3"), "/reports/3");
    }
}
