//! Inquiries in the console: a hospital asks the PSIRT and follows the thread; the PSIRT works its queue, acknowledges and answers (attachments go through the API).

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use mamori_console::{
    InquiriesView, InquiryItem, InquiryView, ReportThreadItem, render_inquiries, render_inquiry,
};
use mamori_model::{Permission, Role};
use mamori_store::{InquiryKind, InquiryRow, NewInquiry, Visibility};
use time::OffsetDateTime;

use super::form_field as field;
use super::{Page, answer_form, fmt_at, fmt_time};
use crate::AppState;
use crate::problem::ApiError;

fn item(i: &InquiryRow, now: OffsetDateTime) -> InquiryItem {
    InquiryItem {
        id: i.id,
        org: i.org_name.clone(),
        subject: i.subject.clone(),
        kind: i.kind.as_str().to_owned(),
        status: i.status.as_str().to_owned(),
        ack_due: fmt_at(i.ack_due_at),
        acknowledged: i.acknowledged_at.map(fmt_at),
        overdue: i.overdue(now),
    }
}

/// The maker's staff read inquiries with `read_internal`; a hospital its own.
fn reader(page: &Page) -> Result<Visibility, ApiError> {
    let vis = page.principal.visibility();
    if vis == Visibility::All {
        page.require(Permission::ReadInternal)?;
    }
    Ok(vis)
}

async fn list_html(state: &AppState, page: &Page) -> Result<String, ApiError> {
    let vis = reader(page)?;
    let now = crate::api::now();
    let rows = state.store.inquiries(vis).await?;
    let view = InquiriesView {
        can_ask: vis != Visibility::All && page.principal.user.role == Role::Hospital,
        rows: rows.iter().map(|i| item(i, now)).collect(),
    };
    Ok(render_inquiries(&page.ctx, &view))
}

/// GET `/inquiries`.
pub(crate) async fn inquiries(State(state): State<AppState>, page: Page) -> Response {
    let html = list_html(&state, &page).await;
    page.render(html)
}

async fn inquiry_html(state: &AppState, page: &Page, id: i64) -> Result<String, ApiError> {
    let vis = reader(page)?;
    let i = state.store.inquiry(id, vis).await?;
    let messages = state.store.inquiry_messages(id, vis).await?;
    let psirt = vis == Visibility::All;
    let may_act = if psirt {
        page.principal.user.role.can(Permission::ManageCases)
    } else {
        page.principal.user.role == Role::Hospital
    };
    let view = InquiryView {
        item: item(&i, crate::api::now()),
        vulnerability: i.vuln_id.clone(),
        messages: messages
            .iter()
            .map(|m| ReportThreadItem {
                author: m.author.clone(),
                from_psirt: m.from_psirt,
                visible: true,
                body: m.body.clone(),
                at: fmt_time(&m.created_at),
            })
            .collect(),
        can_acknowledge: psirt && may_act && i.acknowledged_at.is_none(),
        can_reply: may_act,
    };
    Ok(render_inquiry(&page.ctx, &view))
}

/// GET `/inquiries/{id}`.
pub(crate) async fn inquiry(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
) -> Response {
    let html = inquiry_html(&state, &page, id).await;
    page.render(html)
}

/// POST `/inquiries`: a hospital user asks.
pub(crate) async fn ask(
    State(state): State<AppState>,
    page: Page,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    if let Err(e) = page.check_csrf(field(&fields, "csrf")) {
        return page.error(e);
    }
    let done = async {
        let Visibility::Organization(org) = page.principal.visibility() else {
            return Err(ApiError::invalid(
                "the PSIRT opens inquiries for a hospital through the API",
                "kind",
            ));
        };
        page.require(Permission::OwnTokens)?;
        let kind = InquiryKind::parse(field(&fields, "kind"))
            .ok_or_else(|| ApiError::invalid("choose what the question is about", "kind"))?;
        let vuln =
            Some(field(&fields, "vulnerability").trim().to_owned()).filter(|v| !v.is_empty());
        let row = state
            .store
            .create_inquiry(
                &NewInquiry {
                    org_id: org,
                    subject: field(&fields, "subject").to_owned(),
                    kind,
                    release_id: None,
                    vuln_id: vuln,
                    body: field(&fields, "body").to_owned(),
                    attachments: Vec::new(),
                },
                &state.config.inquiries.policy(),
                page.principal.actor(),
                crate::api::now(),
            )
            .await?;
        Ok(format!("/inquiries/{}", row.id))
    }
    .await;
    answer_form(&state, page, done, list_html).await
}

async fn on_inquiry(
    state: &AppState,
    page: Page,
    id: i64,
    fields: &[(String, String)],
    act: impl AsyncFnOnce(&AppState, &Page, Visibility) -> Result<(), ApiError>,
) -> Response {
    if let Err(e) = page.check_csrf(field(fields, "csrf")) {
        return page.error(e);
    }
    let done = async {
        let vis = reader(&page)?;
        if vis == Visibility::All {
            page.require(Permission::ManageCases)?;
        } else if page.principal.user.role != Role::Hospital {
            return Err(ApiError::Forbidden(Permission::ManageCases));
        }
        act(state, &page, vis).await?;
        Ok(format!("/inquiries/{id}"))
    }
    .await;
    answer_form(state, page, done, async |state, page| {
        inquiry_html(state, page, id).await
    })
    .await
}

/// POST `/inquiries/{id}/messages`.
pub(crate) async fn reply(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let body = field(&fields, "body").to_owned();
    on_inquiry(&state, page, id, &fields, async |state, page, vis| {
        state
            .store
            .reply_inquiry(
                id,
                vis,
                &body,
                &[],
                page.principal.actor(),
                crate::api::now(),
            )
            .await?;
        Ok(())
    })
    .await
}

/// POST `/inquiries/{id}/acknowledge` (the PSIRT).
pub(crate) async fn acknowledge(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    on_inquiry(&state, page, id, &fields, async |state, page, vis| {
        if vis != Visibility::All {
            return Err(ApiError::NotFound(format!("inquiry {id} not found")));
        }
        state
            .store
            .acknowledge_inquiry(id, page.principal.actor(), crate::api::now())
            .await?;
        Ok(())
    })
    .await
}
