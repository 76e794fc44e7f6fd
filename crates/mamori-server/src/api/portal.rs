//! The hospital portal's API: inquiries with threads and attachments, and disclosure documents (MDS2, MDS/SDS) per release with revisions and xlsx export.
//!
//! Hospitals open inquiries for their own organization, reply, download attachments and close
//! them; the PSIRT (`manage_cases`) replies, acknowledges and closes any. Attachments come as
//! multipart form data or as base64 in JSON, each at most `max_upload_bytes`. Disclosure
//! answers are written by engineers or analysts (`edit_portfolio` or `author_advisory`),
//! checked against the form, kept as revisions, and approved by regulatory staff
//! (`publish_advisory`); a hospital reads and exports the latest approved revision of a release
//! it runs (or one shared with it), nothing else.

use axum::Json;
use axum::extract::{FromRequest, Multipart, Path, Query, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use mamori_disclosure::{Answers, Form, Header, ValidationError, validate};
use mamori_model::Permission;
use mamori_store::{DisclosureRevision, InquiryFile, InquiryKind, NewInquiry, Visibility};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::Principal;
use crate::problem::{ApiError, Problem};

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_inquiries, create_inquiry))
        .routes(routes!(get_inquiry))
        .routes(routes!(reply_inquiry))
        .routes(routes!(download_attachment))
        .routes(routes!(acknowledge_inquiry))
        .routes(routes!(close_inquiry))
        .routes(routes!(list_forms))
        .routes(routes!(get_form))
        .routes(routes!(list_disclosures))
        .routes(routes!(get_disclosure, put_disclosure))
        .routes(routes!(list_revisions))
        .routes(routes!(approve_revision))
        .routes(routes!(share_disclosure))
}

/// A file sent inside JSON.
#[derive(Deserialize, ToSchema)]
pub struct AttachmentInput {
    /// File name.
    pub name: String,
    /// Media type (default `application/octet-stream`).
    #[serde(default)]
    pub media_type: Option<String>,
    /// The content, base64 (standard alphabet, padded).
    pub content_base64: String,
}

/// An inquiry to open.
#[derive(Deserialize, ToSchema)]
pub struct InquiryInput {
    /// Subject line.
    pub subject: String,
    /// `affects-cve`, `document-request` or `other`.
    pub kind: String,
    /// The first message.
    pub body: String,
    /// Related release id.
    #[serde(default)]
    pub release: Option<i64>,
    /// Related vulnerability id.
    #[serde(default)]
    pub vulnerability: Option<String>,
    /// For the maker's staff opening one on a hospital's behalf: its organization id.
    #[serde(default)]
    pub organization: Option<i64>,
    /// Files.
    #[serde(default)]
    pub attachments: Vec<AttachmentInput>,
}

/// A reply (as JSON; the same fields as multipart form data, files as `file` parts).
#[derive(Deserialize, ToSchema)]
pub struct ReplyInput {
    /// Text.
    pub body: String,
    /// Files.
    #[serde(default)]
    pub attachments: Vec<AttachmentInput>,
}

/// Answers to save as the next revision.
#[derive(Deserialize, ToSchema)]
pub struct DisclosureInput {
    /// `{"MPII-1": {"answer": "yes", "note": "…"}, …}`.
    pub answers: Value,
    /// What the revision changes.
    #[serde(default)]
    pub comment: String,
}

/// An organization to share a document with.
#[derive(Deserialize, ToSchema)]
pub struct ShareInput {
    /// Organization id.
    pub organization: i64,
}

/// Export format.
#[derive(Deserialize, IntoParams)]
pub struct ExportParams {
    /// `json` (default), `xlsx` or `pdf`.
    pub format: Option<String>,
    /// Language of the answers in the workbook: `ja` or `en` (default: the user's).
    pub lang: Option<String>,
}

fn decode_files(
    state: &AppState,
    files: Vec<AttachmentInput>,
) -> Result<Vec<InquiryFile>, ApiError> {
    let limit = state.config.max_upload_bytes;
    files
        .into_iter()
        .enumerate()
        .map(|(n, f)| {
            // Base64 is four characters per three bytes: refuse before decoding a huge string.
            if f.content_base64.len() / 4 * 3 > limit + 3 {
                return Err(ApiError::TooLarge(limit));
            }
            let content = base64::engine::general_purpose::STANDARD
                .decode(f.content_base64.trim())
                .map_err(|e| {
                    ApiError::invalid(
                        format!("attachment {:?} is not base64: {e}", f.name),
                        format!("/attachments/{n}/content_base64"),
                    )
                })?;
            if content.len() > limit {
                return Err(ApiError::TooLarge(limit));
            }
            Ok(InquiryFile {
                name: f.name,
                media_type: f
                    .media_type
                    .unwrap_or_else(|| "application/octet-stream".into()),
                content,
            })
        })
        .collect()
}

/// The inquiries the user may see: a hospital its own, the maker the queue (unacknowledged by
/// target, overdue first).
#[utoipa::path(get, path = "/api/v1/inquiries", tag = "portal",
    responses((status = 200, description = "`{inquiries: [...]}`", body = Object)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn list_inquiries(
    State(state): State<AppState>,
    principal: Principal,
) -> Result<Json<Value>, ApiError> {
    let now = super::now();
    let list: Vec<Value> = state
        .store
        .inquiries(principal.visibility())
        .await?
        .iter()
        .map(|i| i.to_json(now))
        .collect();
    Ok(Json(json!({"inquiries": list})))
}

/// Opens an inquiry for the user's organization (the maker's staff name the organization).
#[utoipa::path(post, path = "/api/v1/inquiries", tag = "portal", request_body = InquiryInput,
    responses((status = 201, body = Object), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn create_inquiry(
    State(state): State<AppState>,
    principal: Principal,
    Json(input): Json<InquiryInput>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let org_id = match principal.visibility() {
        Visibility::Organization(org) => {
            principal.require(Permission::OwnTokens)?;
            org
        }
        Visibility::All => {
            principal.require(Permission::ManageCases)?;
            input.organization.ok_or_else(|| {
                ApiError::invalid("name the organization the inquiry is for", "/organization")
            })?
        }
    };
    let kind = InquiryKind::parse(&input.kind).ok_or_else(|| {
        ApiError::invalid(
            format!(
                "kind {:?}: use affects-cve, document-request or other",
                input.kind
            ),
            "/kind",
        )
    })?;
    let attachments = decode_files(&state, input.attachments)?;
    let row = state
        .store
        .create_inquiry(
            &NewInquiry {
                org_id,
                subject: input.subject,
                kind,
                release_id: input.release,
                vuln_id: input.vulnerability,
                body: input.body,
                attachments,
            },
            &state.config.inquiries.policy(),
            principal.actor(),
            super::now(),
        )
        .await?;
    Ok((StatusCode::CREATED, Json(row.to_json(super::now()))))
}

async fn inquiry_json(state: &AppState, id: i64, vis: Visibility) -> Result<Value, ApiError> {
    let row = state.store.inquiry(id, vis).await?;
    let messages: Vec<Value> = state
        .store
        .inquiry_messages(id, vis)
        .await?
        .iter()
        .map(|m| m.to_json())
        .collect();
    let mut v = row.to_json(super::now());
    v["messages"] = json!(messages);
    Ok(v)
}

/// One inquiry with its thread.
#[utoipa::path(get, path = "/api/v1/inquiries/{inquiry}", tag = "portal",
    params(("inquiry" = i64, Path, description = "Inquiry id")),
    responses((status = 200, body = Object), (status = 404, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn get_inquiry(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    Ok(Json(
        inquiry_json(&state, id, principal.visibility()).await?,
    ))
}

/// Reads a reply from JSON (files as base64) or multipart form data (`body` and `file` parts).
async fn reply_from(
    state: &AppState,
    req: Request,
) -> Result<(String, Vec<InquiryFile>), ApiError> {
    let multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if !multipart {
        let Json(input) = Json::<ReplyInput>::from_request(req, state)
            .await
            .map_err(|e| ApiError::invalid(e.body_text(), ""))?;
        return Ok((input.body, decode_files(state, input.attachments)?));
    }
    let limit = state.config.max_upload_bytes;
    let mut form = Multipart::from_request(req, state)
        .await
        .map_err(|e| ApiError::invalid(e.body_text(), ""))?;
    let mut body = String::new();
    let mut files = Vec::new();
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|e| ApiError::invalid(e.body_text(), ""))?
    {
        let name = field.name().unwrap_or("").to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let media = field.content_type().map(str::to_owned);
        let bytes = field
            .bytes()
            .await
            .map_err(|e| ApiError::invalid(e.body_text(), format!("/{name}")))?;
        match name.as_str() {
            "body" => body = String::from_utf8_lossy(&bytes).into_owned(),
            "file" | "attachment" if !bytes.is_empty() => {
                if bytes.len() > limit {
                    return Err(ApiError::TooLarge(limit));
                }
                files.push(InquiryFile {
                    name: file_name.unwrap_or_else(|| "attachment".into()),
                    media_type: media.unwrap_or_else(|| "application/octet-stream".into()),
                    content: bytes.to_vec(),
                });
            }
            // A file input left empty by the browser sends an empty part: nothing attached.
            _ => {}
        }
    }
    Ok((body, files))
}

/// Adds a message (with files) to an inquiry: from the hospital, or from the PSIRT
/// (`manage_cases`), which acknowledges it and marks it answered.
#[utoipa::path(post, path = "/api/v1/inquiries/{inquiry}/messages", tag = "portal", request_body = ReplyInput,
    params(("inquiry" = i64, Path, description = "Inquiry id")),
    responses((status = 201, body = Object), (status = 403, body = Problem), (status = 404, body = Problem), (status = 413, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn reply_inquiry(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
    req: Request,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let vis = principal.visibility();
    if vis == Visibility::All {
        principal.require(Permission::ManageCases)?;
    }
    // Unknown or foreign inquiries are refused before the upload is read.
    state.store.inquiry(id, vis).await?;
    let (body, files) = reply_from(&state, req).await?;
    let m = state
        .store
        .reply_inquiry(id, vis, &body, &files, principal.actor(), super::now())
        .await?;
    Ok((StatusCode::CREATED, Json(m.to_json())))
}

/// An attachment's bytes.
#[utoipa::path(get, path = "/api/v1/inquiries/{inquiry}/attachments/{attachment}", tag = "portal",
    params(("inquiry" = i64, Path, description = "Inquiry id"), ("attachment" = i64, Path, description = "Attachment id")),
    responses((status = 200, description = "The file", content_type = "application/octet-stream"), (status = 404, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn download_attachment(
    State(state): State<AppState>,
    principal: Principal,
    Path((id, attachment)): Path<(i64, i64)>,
) -> Result<Response, ApiError> {
    let (meta, bytes) = state
        .store
        .inquiry_attachment(id, attachment, principal.visibility())
        .await?;
    Ok((
        [
            (header::CONTENT_TYPE, meta.media_type),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", ascii_name(&meta.name)),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// A file name safe in a quoted header parameter.
fn ascii_name(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The PSIRT acknowledges an inquiry.
#[utoipa::path(post, path = "/api/v1/inquiries/{inquiry}/acknowledge", tag = "portal",
    params(("inquiry" = i64, Path, description = "Inquiry id")),
    responses((status = 200, body = Object), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn acknowledge_inquiry(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    principal.require(Permission::ManageCases)?;
    if principal.visibility() != Visibility::All {
        return Err(ApiError::Forbidden(Permission::ManageCases));
    }
    let row = state
        .store
        .acknowledge_inquiry(id, principal.actor(), super::now())
        .await?;
    Ok(Json(row.to_json(super::now())))
}

/// Closes an inquiry (its hospital, or the PSIRT).
#[utoipa::path(post, path = "/api/v1/inquiries/{inquiry}/close", tag = "portal",
    params(("inquiry" = i64, Path, description = "Inquiry id")),
    responses((status = 200, body = Object), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn close_inquiry(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    let vis = principal.visibility();
    if vis == Visibility::All {
        principal.require(Permission::ManageCases)?;
    }
    let row = state
        .store
        .close_inquiry(id, vis, principal.actor(), super::now())
        .await?;
    Ok(Json(row.to_json(super::now())))
}

fn form_json(f: &Form, with_items: bool) -> Value {
    let mut v = json!({
        "id": f.id(),
        "version": f.version(),
        "title_en": f.title_en(),
        "title_ja": f.title_ja(),
        "confirmed": f.confirmed(),
        "source_note": f.source_note(),
        "items": f.items().count(),
    });
    if with_items {
        let sections: Vec<Value> = f
            .sections()
            .iter()
            .map(|s| {
                let items: Vec<Value> = s
                    .items()
                    .iter()
                    .map(|i| {
                        json!({"id": i.id(), "en": i.text_en(), "ja": i.text_ja(), "required": i.required(),
                            "answers": i.answers().iter().map(|a| a.as_str()).collect::<Vec<_>>()})
                    })
                    .collect();
                json!({"id": s.id(), "title_en": s.title_en(), "title_ja": s.title_ja(), "items": items})
            })
            .collect();
        v["sections"] = json!(sections);
    }
    v
}

pub(crate) fn form(state: &AppState, id: &str) -> Result<Form, ApiError> {
    state.forms.get(id).cloned().ok_or_else(|| {
        ApiError::NotFound(format!(
            "no disclosure form {id:?}: use one of {}",
            state.forms.ids()
        ))
    })
}

/// The disclosure forms (their item lists may be unconfirmed: see `confirmed`).
#[utoipa::path(get, path = "/api/v1/disclosure-forms", tag = "portal",
    responses((status = 200, description = "`{forms: [...]}`", body = Object)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn list_forms(
    State(state): State<AppState>,
    _principal: Principal,
) -> Json<Value> {
    let forms: Vec<Value> = state.forms.all().map(|f| form_json(f, false)).collect();
    Json(json!({"forms": forms}))
}

/// One form with its sections and items.
#[utoipa::path(get, path = "/api/v1/disclosure-forms/{form}", tag = "portal",
    params(("form" = String, Path, description = "`mds2` or `mds-sds`")),
    responses((status = 200, body = Object), (status = 404, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn get_form(
    State(state): State<AppState>,
    _principal: Principal,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    Ok(Json(form_json(&form(&state, &id)?, true)))
}

/// The documents the user may read: the latest approved revision of each (a hospital: of the
/// releases it runs or that were shared with it).
#[utoipa::path(get, path = "/api/v1/disclosures", tag = "portal",
    responses((status = 200, description = "`{disclosures: [...]}`", body = Object)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn list_disclosures(
    State(state): State<AppState>,
    principal: Principal,
) -> Result<Json<Value>, ApiError> {
    let vis = principal.visibility();
    let mut list = Vec::new();
    for d in state.store.disclosures_for(vis).await? {
        let r = state
            .store
            .release_by_id(d.release_id, Visibility::All)
            .await?;
        let mut v = d.to_json();
        v.as_object_mut().map(|o| o.remove("answers"));
        v["product"] = json!(r.product);
        v["version"] = json!(r.version);
        list.push(v);
    }
    Ok(Json(json!({"disclosures": list})))
}

fn validation_problem(errors: &[ValidationError]) -> ApiError {
    let first = errors
        .first()
        .map(|e| e.item().to_owned())
        .unwrap_or_default();
    let all: Vec<String> = errors.iter().map(ToString::to_string).collect();
    ApiError::invalid(
        format!("the answers do not fit the form: {}", all.join("; ")),
        format!("/answers/{first}"),
    )
}

/// The workbook of a revision.
pub(crate) fn export_xlsx(
    state: &AppState,
    form: &Form,
    release: &mamori_store::ReleaseRow,
    rev: &DisclosureRevision,
    ja: bool,
) -> Result<Response, ApiError> {
    let (answers, header) = export_parts(state, release, rev)?;
    let bytes = mamori_disclosure::write_xlsx(form, &header, &answers, ja)
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let file = format!(
        "{}-{}-{}.xlsx",
        form.id(),
        ascii_name(&release.product),
        ascii_name(&release.version)
    );
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// The PDF of a revision, laid out like the form.
async fn export_pdf(
    state: &AppState,
    form: Form,
    release: &mamori_store::ReleaseRow,
    rev: &DisclosureRevision,
    ja: bool,
) -> Result<Response, ApiError> {
    let (answers, header) = export_parts(state, release, rev)?;
    let font = state.pdf_font.get()?;
    let file = format!(
        "{}-{}-{}.pdf",
        form.id(),
        ascii_name(&release.product),
        ascii_name(&release.version)
    );
    let lang = if ja {
        mamori_disclosure::pdf::Lang::Ja
    } else {
        mamori_disclosure::pdf::Lang::En
    };
    let bytes = tokio::task::spawn_blocking(move || {
        mamori_disclosure::pdf::render(&form, &answers, &header, lang, &font)
    })
    .await
    .map_err(|e| ApiError::Internal(format!("pdf task: {e}")))?
    .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(super::readable::pdf_response(bytes, &file))
}

/// A revision's answers and the header block its exports carry.
fn export_parts(
    state: &AppState,
    release: &mamori_store::ReleaseRow,
    rev: &DisclosureRevision,
) -> Result<(Answers, Header), ApiError> {
    let answers = Answers::from_json(&rev.answers)
        .map_err(|e| ApiError::Internal(format!("stored answers: {e}")))?;
    let header = Header {
        maker: state.config.maker_name.clone(),
        product: release.product.clone(),
        model: release.product.clone(),
        release: release.version.clone(),
        date: rev
            .approved_at
            .as_deref()
            .unwrap_or(&rev.created_at)
            .get(..10)
            .unwrap_or("")
            .to_owned(),
        revision: Some(rev.number),
    };
    Ok((answers, header))
}

/// A release's document: for the maker the latest revision, for a hospital the latest approved
/// one; `?format=xlsx` or `?format=pdf` exports it laid out like the form.
#[utoipa::path(get, path = "/api/v1/releases/{id}/disclosures/{form}", tag = "portal",
    params(("id" = i64, Path, description = "Release id"), ("form" = String, Path, description = "`mds2` or `mds-sds`"), ExportParams),
    responses((status = 200, body = Object), (status = 404, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn get_disclosure(
    State(state): State<AppState>,
    principal: Principal,
    Path((release_id, form_id)): Path<(i64, String)>,
    Query(q): Query<ExportParams>,
) -> Result<Response, ApiError> {
    let vis = principal.visibility();
    let f = form(&state, &form_id)?;
    let rev = state
        .store
        .disclosure_for(release_id, f.id(), vis, false)
        .await?;
    let release = state
        .store
        .release_by_id(release_id, Visibility::All)
        .await?;
    match q.format.as_deref().unwrap_or("json") {
        "json" => {
            let mut v = rev.to_json();
            v["product"] = json!(release.product);
            v["version"] = json!(release.version);
            Ok(Json(v).into_response())
        }
        format @ ("xlsx" | "pdf") => {
            let ja = match q.lang.as_deref() {
                Some("ja") => true,
                Some("en") => false,
                Some(other) => {
                    return Err(ApiError::invalid(
                        format!("lang {other:?}: use ja or en"),
                        "lang",
                    ));
                }
                None => principal.user.lang == "ja",
            };
            if format == "xlsx" {
                export_xlsx(&state, &f, &release, &rev, ja)
            } else {
                export_pdf(&state, f, &release, &rev, ja).await
            }
        }
        other => Err(ApiError::invalid(
            format!("unknown format {other:?}: use json, xlsx or pdf"),
            "format",
        )),
    }
}

/// Saves answers as the next revision (checked against the form; a draft may leave required
/// items out, approval may not).
#[utoipa::path(put, path = "/api/v1/releases/{id}/disclosures/{form}", tag = "portal", request_body = DisclosureInput,
    params(("id" = i64, Path, description = "Release id"), ("form" = String, Path, description = "`mds2` or `mds-sds`")),
    responses((status = 200, body = Object), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn put_disclosure(
    State(state): State<AppState>,
    principal: Principal,
    Path((release_id, form_id)): Path<(i64, String)>,
    Json(input): Json<DisclosureInput>,
) -> Result<Json<Value>, ApiError> {
    if principal.require(Permission::EditPortfolio).is_err() {
        principal.require(Permission::AuthorAdvisory)?;
    }
    let f = form(&state, &form_id)?;
    let answers = Answers::from_value(input.answers)
        .map_err(|e| ApiError::invalid(e.to_string(), "/answers"))?;
    let errors = validate(&f, &answers, false);
    if !errors.is_empty() {
        return Err(validation_problem(&errors));
    }
    let rev = state
        .store
        .save_disclosure(
            release_id,
            f.id(),
            &answers.to_json(),
            &input.comment,
            principal.actor(),
            super::now(),
        )
        .await?;
    Ok(Json(rev.to_json()))
}

/// Every revision of a release's document (the maker's staff).
#[utoipa::path(get, path = "/api/v1/releases/{id}/disclosures/{form}/revisions", tag = "portal",
    params(("id" = i64, Path, description = "Release id"), ("form" = String, Path, description = "`mds2` or `mds-sds`")),
    responses((status = 200, description = "`{revisions: [...]}`", body = Object), (status = 403, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn list_revisions(
    State(state): State<AppState>,
    principal: Principal,
    Path((release_id, form_id)): Path<(i64, String)>,
) -> Result<Json<Value>, ApiError> {
    principal.require(Permission::ReadInternal)?;
    let f = form(&state, &form_id)?;
    let revs: Vec<Value> = state
        .store
        .disclosure_revisions(release_id, f.id())
        .await?
        .iter()
        .map(DisclosureRevision::to_json)
        .collect();
    Ok(Json(json!({"revisions": revs})))
}

/// Approves a revision: it must answer every required item; hospitals see it from now on.
#[utoipa::path(post, path = "/api/v1/releases/{id}/disclosures/{form}/revisions/{number}/approve", tag = "portal",
    params(("id" = i64, Path, description = "Release id"), ("form" = String, Path, description = "`mds2` or `mds-sds`"), ("number" = i64, Path, description = "Revision number")),
    responses((status = 200, body = Object), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn approve_revision(
    State(state): State<AppState>,
    principal: Principal,
    Path((release_id, form_id, number)): Path<(i64, String, i64)>,
) -> Result<Json<Value>, ApiError> {
    principal.require(Permission::PublishAdvisory)?;
    let f = form(&state, &form_id)?;
    let rev = approve_complete(&state, &f, release_id, number, principal.actor()).await?;
    Ok(Json(rev.to_json()))
}

/// Approves a revision that answers every required item (the API's and the console's rule).
pub(crate) async fn approve_complete(
    state: &AppState,
    f: &Form,
    release_id: i64,
    number: i64,
    actor: &str,
) -> Result<DisclosureRevision, ApiError> {
    let rev = state
        .store
        .disclosure_revisions(release_id, f.id())
        .await?
        .into_iter()
        .find(|r| r.number == number)
        .ok_or_else(|| ApiError::NotFound(format!("no revision {number}")))?;
    let answers = Answers::from_json(&rev.answers)
        .map_err(|e| ApiError::Internal(format!("stored answers: {e}")))?;
    let errors = validate(f, &answers, true);
    if !errors.is_empty() {
        return Err(match validation_problem(&errors) {
            ApiError::Invalid { detail, pointer } => ApiError::Invalid {
                detail: format!("revision {number} cannot be approved: {detail}"),
                pointer,
            },
            other => other,
        });
    }
    Ok(state
        .store
        .approve_disclosure(release_id, f.id(), number, actor, super::now())
        .await?)
}

/// Shares a release's document with an organization that does not run the release.
#[utoipa::path(post, path = "/api/v1/releases/{id}/disclosures/{form}/shares", tag = "portal", request_body = ShareInput,
    params(("id" = i64, Path, description = "Release id"), ("form" = String, Path, description = "`mds2` or `mds-sds`")),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn share_disclosure(
    State(state): State<AppState>,
    principal: Principal,
    Path((release_id, form_id)): Path<(i64, String)>,
    Json(input): Json<ShareInput>,
) -> Result<StatusCode, ApiError> {
    principal.require(Permission::PublishAdvisory)?;
    let f = form(&state, &form_id)?;
    state
        .store
        .share_disclosure(
            release_id,
            f.id(),
            input.organization,
            principal.actor(),
            super::now(),
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
