//! Advisories as people read them: the latest published revision rendered from its CSAF document as a self-contained HTML page or a PDF, in Japanese or English.

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use mamori_csaf::human;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::Principal;
use crate::problem::{ApiError, Problem};

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(advisory_html))
        .routes(routes!(advisory_pdf))
}

/// The reader's language.
#[derive(Deserialize, IntoParams)]
pub struct LangParams {
    /// `ja` or `en` (default: the advisory's own language).
    pub lang: Option<String>,
}

/// `ja` / `en` from a query, or the document's language.
fn lang(q: &LangParams, doc: &serde_json::Value) -> Result<human::Lang, ApiError> {
    let given = q.lang.as_deref().or_else(|| {
        doc.pointer("/document/lang")
            .and_then(|v| v.as_str())
            .map(|l| if l.starts_with("ja") { "ja" } else { "en" })
    });
    match given.unwrap_or("en") {
        "ja" => Ok(human::Lang::Ja),
        "en" => Ok(human::Lang::En),
        other => Err(ApiError::invalid(
            format!("lang {other:?}: use ja or en"),
            "lang",
        )),
    }
}

async fn published(
    state: &AppState,
    principal: &Principal,
    id: i64,
) -> Result<(serde_json::Value, String), ApiError> {
    let d = state
        .store
        .advisory_document(id, principal.visibility())
        .await?;
    let doc = serde_json::from_slice(&d.csaf)
        .map_err(|e| ApiError::Internal(format!("stored csaf of advisory {id}: {e}")))?;
    let stem = d
        .file_name
        .strip_suffix(".json")
        .unwrap_or(&d.file_name)
        .to_owned();
    Ok((doc, stem))
}

fn tag(lang: human::Lang) -> &'static str {
    match lang {
        human::Lang::Ja => "ja",
        human::Lang::En => "en",
    }
}

/// The latest published revision as an HTML page (no scripts, all text escaped).
#[utoipa::path(get, path = "/api/v1/advisories/{id}/html", tag = "advisories",
    params(("id" = i64, Path, description = "Advisory id"), LangParams),
    responses((status = 200, description = "HTML", content_type = "text/html"), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn advisory_html(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
    Query(q): Query<LangParams>,
) -> Result<Response, ApiError> {
    let (doc, stem) = published(&state, &principal, id).await?;
    let lang = lang(&q, &doc)?;
    let html = human::html(&doc, lang);
    Ok((
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{stem}-{}.html\"", tag(lang)),
            ),
            // A downloaded document may carry its own styles, never scripts.
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'; img-src data:".to_owned(),
            ),
        ],
        html,
    )
        .into_response())
}

/// The latest published revision as a PDF.
#[utoipa::path(get, path = "/api/v1/advisories/{id}/pdf", tag = "advisories",
    params(("id" = i64, Path, description = "Advisory id"), LangParams),
    responses((status = 200, description = "PDF", content_type = "application/pdf"), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn advisory_pdf(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
    Query(q): Query<LangParams>,
) -> Result<Response, ApiError> {
    let (doc, stem) = published(&state, &principal, id).await?;
    let lang = lang(&q, &doc)?;
    let font = state.pdf_font.get()?;
    let bytes = tokio::task::spawn_blocking(move || human::pdf(&doc, lang, &font))
        .await
        .map_err(|e| ApiError::Internal(format!("pdf task: {e}")))?
        .map_err(|e| ApiError::Internal(format!("advisory {id} pdf: {e}")))?;
    Ok(pdf_response(bytes, &format!("{stem}-{}.pdf", tag(lang))))
}

/// A PDF download.
pub(crate) fn pdf_response(bytes: Vec<u8>, file: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}
