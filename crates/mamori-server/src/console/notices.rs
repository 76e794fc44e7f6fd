//! Notices in the console: a hospital acknowledges its notices and answers per device; the maker reads every notice and each advisory's acknowledgement status.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use mamori_console::{
    NoticeDeviceItem, NoticeItem, NoticeStatusItem, NoticeStatusView, NoticesView,
    render_notice_status, render_notices,
};
use mamori_model::{Permission, Role};
use mamori_store::{DeviceResponse, NoticeRow, Visibility};

use super::form_field as field;
use super::{Page, answer_form, fmt_time};
use crate::AppState;
use crate::problem::ApiError;

fn who_when(by: &Option<String>, at: &Option<String>) -> Option<String> {
    at.as_ref()
        .map(|at| format!("{} · {}", by.as_deref().unwrap_or("—"), fmt_time(at)))
}

fn item(n: &NoticeRow, lang: &str) -> NoticeItem {
    NoticeItem {
        id: n.id,
        kind: n.kind.as_str().to_owned(),
        org: n.org_name.clone(),
        title: n.title(lang).to_owned(),
        advisory: n.advisory_id.zip(n.tracking_id.clone()),
        end_of_support: n.end_of_support,
        state: n.state.as_str().to_owned(),
        queued: fmt_time(&n.queued_at),
        acknowledged: who_when(&n.acknowledged_by, &n.acknowledged_at),
        devices: n
            .devices
            .iter()
            .map(|d| NoticeDeviceItem {
                id: d.device_id,
                serial: d.serial.clone(),
                product: format!("{} {}", d.product, d.version),
                place: [d.site.as_deref(), d.location.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" / "),
                response: d.response.map(|r| r.as_str().to_owned()),
                note: d.note.clone(),
            })
            .collect(),
    }
}

async fn notices_html(state: &AppState, page: &Page) -> Result<String, ApiError> {
    let vis = page.principal.visibility();
    let hospital = !matches!(vis, Visibility::All);
    if !hospital {
        page.require(Permission::ReadInternal)?;
    }
    let lang = page.ctx.lang.tag();
    let mut rows = Vec::new();
    for n in state.store.notices_for(vis, None).await? {
        // A hospital answers per device, so its page carries each notice's devices.
        let n = if hospital {
            state.store.notice_for(n.id, vis).await?
        } else {
            n
        };
        rows.push(item(&n, lang));
    }
    let view = NoticesView {
        can_answer: hospital && page.principal.user.role == Role::Hospital,
        rows,
    };
    Ok(render_notices(&page.ctx, &view))
}

/// GET `/notices`.
pub(crate) async fn notices(State(state): State<AppState>, page: Page) -> Response {
    let html = notices_html(&state, &page).await;
    page.render(html)
}

/// GET `/advisories/{id}/notices`: the maker's view of who acknowledged and answered.
pub(crate) async fn advisory_status(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
) -> Response {
    let html = async {
        page.require(Permission::ReadInternal)?;
        if !page.is_maker() {
            return Err(ApiError::NotFound(format!("advisory {id} not found")));
        }
        let a = state.store.advisory(id).await?;
        let rows = state.store.advisory_notice_status(id).await?;
        let view = NoticeStatusView {
            tracking_id: a.tracking_id.clone(),
            title: if page.ctx.lang.tag() == "ja" && !a.title_ja.is_empty() {
                a.title_ja.clone()
            } else {
                a.title_en.clone()
            },
            rows: rows
                .iter()
                .map(|r| NoticeStatusItem {
                    org: r.org_name.clone(),
                    state: r.state.as_str().to_owned(),
                    acknowledged: who_when(&r.acknowledged_by, &r.acknowledged_at),
                    reminders: r.reminders,
                    devices: (r.devices, r.patched, r.mitigated, r.unanswered),
                })
                .collect(),
        };
        Ok(render_notice_status(&page.ctx, &view))
    }
    .await;
    page.render(html)
}

async fn answer(
    state: &AppState,
    page: Page,
    fields: &[(String, String)],
    notice: i64,
    act: impl AsyncFnOnce(&AppState, i64, &str) -> Result<(), ApiError>,
) -> Response {
    if let Err(e) = page.check_csrf(field(fields, "csrf")) {
        return page.error(e);
    }
    let done = async {
        let org = crate::api::notices::answering_org(&page.principal, notice)?;
        act(state, org, page.principal.actor()).await?;
        Ok(format!("/notices#notice-{notice}"))
    }
    .await;
    answer_form(state, page, done, notices_html).await
}

/// POST `/notices/{id}/acknowledge`.
pub(crate) async fn acknowledge(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    answer(&state, page, &fields, id, async |state, org, actor| {
        state
            .store
            .acknowledge_notice(id, org, actor, crate::api::now())
            .await?;
        Ok(())
    })
    .await
}

/// POST `/notices/{id}/devices/{device}`.
pub(crate) async fn respond(
    State(state): State<AppState>,
    page: Page,
    Path((id, device)): Path<(i64, i64)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let response = field(&fields, "response").to_owned();
    let note = Some(field(&fields, "note").trim().to_owned()).filter(|n| !n.is_empty());
    answer(&state, page, &fields, id, async |state, org, actor| {
        let r = DeviceResponse::parse(&response).ok_or_else(|| {
            ApiError::invalid(
                format!("response {response:?}: use patch_applied or mitigation_in_place"),
                "response",
            )
        })?;
        state
            .store
            .respond_device(
                id,
                org,
                device,
                r,
                note.as_deref(),
                actor,
                crate::api::now(),
            )
            .await?;
        Ok(())
    })
    .await
}
