//! Supplier VEX in the console: the page that imports a document and lists the imported ones, and
//! the accept and reject forms shown with each pending suggestion on a finding's page. Each saves
//! through the same calls as the API (`crate::api::vex::import`, the store's accept and reject).

use axum::Form;
use axum::extract::{Multipart, Path, State};
use axum::response::Response;
use mamori_console::{VexDocumentItem, VexPageView, VexSuggestionItem, render_vex};
use mamori_model::Permission;
use mamori_store::{SuggestionFilter, SuggestionStatus, VexSuggestionRow};

use super::{Page, correctable, fmt_time, non_empty, see_other_with, status_of};
use crate::AppState;
use crate::problem::ApiError;

/// A suggestion as the finding page shows it.
pub(crate) fn item(s: &VexSuggestionRow) -> VexSuggestionItem {
    VexSuggestionItem {
        id: s.id,
        supplier: s.supplier.clone(),
        document: s.document.clone(),
        format: s.format.clone(),
        claim_product: s.claim_product.clone(),
        state: s.state.clone(),
        justification: s.justification.clone(),
        response: s.response.clone(),
        detail: s.detail.clone(),
        pointer: s.pointer.clone(),
    }
}

/// The pending suggestions of one finding.
pub(crate) async fn pending_for(
    state: &AppState,
    finding: i64,
) -> Result<Vec<VexSuggestionItem>, ApiError> {
    let rows = state
        .store
        .vex_suggestions(&SuggestionFilter {
            finding: Some(finding),
            status: Some(SuggestionStatus::Pending),
            ..SuggestionFilter::default()
        })
        .await?;
    Ok(rows.iter().map(item).collect())
}

async fn vex_html(state: &AppState, page: &Page, supplier: &str) -> Result<String, ApiError> {
    page.require(Permission::ReadInternal)?;
    let docs = state.store.vex_documents().await?;
    let pending = state
        .store
        .vex_suggestions(&SuggestionFilter {
            status: Some(SuggestionStatus::Pending),
            ..SuggestionFilter::default()
        })
        .await?;
    let view = VexPageView {
        can_upload: page.principal.user.role.can(Permission::Triage),
        supplier: supplier.to_owned(),
        documents: docs
            .iter()
            .map(|d| VexDocumentItem {
                id: d.id,
                supplier: d.supplier.clone(),
                format: d.format.clone(),
                document: match (&d.doc_id, &d.doc_version) {
                    (Some(i), Some(v)) => format!("{i} ({v})"),
                    (Some(i), None) => i.clone(),
                    _ => String::new(),
                },
                filename: d.filename.clone(),
                claims: d.claims,
                matched: d.matched,
                pending: pending.iter().filter(|s| s.document_id == d.id).count(),
                imported_by: d.imported_by.clone(),
                imported_at: fmt_time(&d.imported_at),
            })
            .collect(),
    };
    Ok(render_vex(&page.ctx, &view))
}

/// GET `/vex`: the upload form and the imported documents.
pub(crate) async fn vex_page(State(state): State<AppState>, page: Page) -> Response {
    page.render(vex_html(&state, &page, "").await)
}

#[derive(Default)]
struct UploadForm {
    csrf: String,
    supplier: String,
    file: Option<(Option<String>, Vec<u8>)>,
}

async fn read_upload(mut mp: Multipart) -> Result<UploadForm, ApiError> {
    let bad = |e: axum::extract::multipart::MultipartError| {
        if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::invalid("the file is larger than the server accepts", "file")
        } else {
            ApiError::invalid(format!("the upload could not be read: {e}"), "file")
        }
    };
    let mut form = UploadForm::default();
    while let Some(field) = mp.next_field().await.map_err(bad)? {
        match field.name().unwrap_or("") {
            "file" => {
                let name = field.file_name().map(str::to_owned);
                form.file = Some((name, field.bytes().await.map_err(bad)?.to_vec()));
            }
            "csrf" => form.csrf = field.text().await.map_err(bad)?,
            "supplier" => form.supplier = field.text().await.map_err(bad)?,
            _ => {}
        }
    }
    Ok(form)
}

/// POST `/vex` (multipart: `file`, `supplier`, `csrf`): imports the document.
pub(crate) async fn upload(
    State(state): State<AppState>,
    mut page: Page,
    mp: Multipart,
) -> Response {
    let form = read_upload(mp).await;
    if let Err(e) = page.check_csrf(form.as_ref().map_or("", |f| f.csrf.as_str())) {
        return page.error(e);
    }
    let supplier = form
        .as_ref()
        .map(|f| f.supplier.clone())
        .unwrap_or_default();
    let done = async {
        let form = form?;
        page.require(Permission::Triage)?;
        let (filename, bytes) = form
            .file
            .filter(|(_, b)| !b.is_empty())
            .ok_or_else(|| ApiError::invalid("choose a VEX file to import", "file"))?;
        crate::api::vex::import(
            &state,
            &page.principal,
            &bytes,
            &form.supplier,
            filename.as_deref(),
        )
        .await
    }
    .await;
    match done {
        Ok(_) => see_other_with("/vex", "notice.vex_imported", state.config.behind_tls()),
        Err(e) if correctable(&e) => {
            let e = match e {
                ApiError::Document { detail, .. } => ApiError::Invalid {
                    detail,
                    pointer: None,
                },
                other => other,
            };
            page.with_problem(&e);
            let html = vex_html(&state, &page, &supplier).await;
            page.render_status(status_of(&e), html)
        }
        Err(e) => page.error(e),
    }
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

/// POST `/vex/suggestions/{id}/accept` (`justification` where the supplier gave none).
pub(crate) async fn accept(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    decide(state, page, id, fields, true).await
}

/// POST `/vex/suggestions/{id}/reject` (`reason` required).
pub(crate) async fn reject(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    decide(state, page, id, fields, false).await
}

async fn decide(
    state: AppState,
    mut page: Page,
    id: i64,
    fields: Vec<(String, String)>,
    accept: bool,
) -> Response {
    if let Err(e) = page.check_csrf(field(&fields, "csrf")) {
        return page.error(e);
    }
    let mut finding = None;
    let done = async {
        page.require(Permission::Triage)?;
        let s = state.store.vex_suggestion(id).await?;
        finding = Some(s.finding_id);
        let now = crate::api::now();
        let who = page.principal.actor();
        let conflict = |e: mamori_store::StoreError| match e {
            mamori_store::StoreError::Invalid(m) => ApiError::invalid(m, "suggestion"),
            other => other.into(),
        };
        if accept {
            state
                .store
                .accept_vex_suggestion(id, non_empty(field(&fields, "justification")), who, now)
                .await
                .map_err(conflict)?;
        } else {
            let reason = non_empty(field(&fields, "reason"))
                .ok_or_else(|| ApiError::invalid("rejecting needs a reason", "reason"))?;
            state
                .store
                .reject_vex_suggestion(id, reason, who, now)
                .await
                .map_err(conflict)?;
        }
        Ok::<_, ApiError>(s.finding_id)
    }
    .await;
    match (done, finding) {
        (Ok(f), _) => see_other_with(
            &format!("/findings/{f}"),
            "notice.saved",
            state.config.behind_tls(),
        ),
        (Err(e), Some(f)) if correctable(&e) => {
            page.with_problem(&e);
            let html = super::findings::finding_page_html(&state, &page, f).await;
            page.render_status(status_of(&e), html)
        }
        (Err(e), _) => page.error(e),
    }
}
