//! Disclosure documents in the console: the maker's staff fill in a release's MDS2 or MDS/SDS as a form, save revisions and approve one for hospitals to download.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use mamori_console::{
    DisclosureItemRow, DisclosureRevisionItem, DisclosureSectionItem, DisclosureView,
    render_disclosure,
};
use mamori_disclosure::{Answer, Answers, Form as DisclosureForm, validate};
use mamori_model::Permission;
use mamori_store::Visibility;

use super::form_field as field;
use super::{Page, answer_form, fmt_time};
use crate::AppState;
use crate::api::portal::form;
use crate::problem::ApiError;

/// Who may save revisions: the API's rule (product engineers and advisory authors).
fn can_edit(page: &Page) -> bool {
    page.require(Permission::EditPortfolio).is_ok()
        || page.require(Permission::AuthorAdvisory).is_ok()
}

/// The answers a form post carries (`a:{item}` and `n:{item}` fields), in form order.
fn posted(f: &DisclosureForm, fields: &[(String, String)]) -> Result<Answers, ApiError> {
    let mut answers = Answers::default();
    for item in f.items() {
        let a = field(fields, &format!("a:{}", item.id())).trim();
        let note = field(fields, &format!("n:{}", item.id()));
        if a.is_empty() {
            if !note.trim().is_empty() {
                return Err(ApiError::invalid(
                    format!(
                        "item {}: a note needs an answer (choose see note)",
                        item.id()
                    ),
                    format!("/answers/{}", item.id()),
                ));
            }
            continue;
        }
        let answer = Answer::parse(a).map_err(|e| {
            ApiError::invalid(
                format!("item {}: {e}", item.id()),
                format!("/answers/{}", item.id()),
            )
        })?;
        answers.set(item.id(), answer, note.trim());
    }
    Ok(answers)
}

async fn view_html(
    state: &AppState,
    page: &Page,
    release_id: i64,
    form_id: &str,
    shown: Option<&Answers>,
) -> Result<String, ApiError> {
    page.require(Permission::ReadInternal)?;
    let f = form(state, form_id)?;
    let release = state
        .store
        .release_by_id(release_id, Visibility::All)
        .await?;
    let revisions = state.store.disclosure_revisions(release_id, f.id()).await?;
    let latest = revisions.last();
    let stored = match latest {
        Some(r) => Answers::from_json(&r.answers)
            .map_err(|e| ApiError::Internal(format!("stored answers: {e}")))?,
        None => Answers::default(),
    };
    // After a refused save the page shows what was posted, not what is stored.
    let answers = shown.unwrap_or(&stored);
    let ja = page.ctx.lang.tag() == "ja";
    let sections = f
        .sections()
        .iter()
        .map(|s| DisclosureSectionItem {
            id: s.id().to_owned(),
            title: if ja { s.title_ja() } else { s.title_en() }.to_owned(),
            items: s
                .items()
                .iter()
                .map(|i| {
                    let a = answers.get(i.id());
                    DisclosureItemRow {
                        id: i.id().to_owned(),
                        text: if ja { i.text_ja() } else { i.text_en() }.to_owned(),
                        required: i.required(),
                        choices: i.answers().iter().map(|c| c.as_str().to_owned()).collect(),
                        answer: a.map(|a| a.answer.as_str().to_owned()),
                        note: a.map(|a| a.note.clone()).unwrap_or_default(),
                    }
                })
                .collect(),
        })
        .collect();
    let who = |by: &str, at: &str| format!("{by} · {}", fmt_time(at));
    let view = DisclosureView {
        release_id,
        product: release.product,
        release: release.version,
        form_id: f.id().to_owned(),
        form_title: if ja { f.title_ja() } else { f.title_en() }.to_owned(),
        confirmed: f.confirmed(),
        source_note: f.source_note().to_owned(),
        revision: latest.map(|r| r.number),
        sections,
        revisions: revisions
            .iter()
            .rev()
            .map(|r| DisclosureRevisionItem {
                number: r.number,
                comment: r.comment.clone(),
                created: who(&r.created_by, &r.created_at),
                approved: r
                    .approved_at
                    .as_deref()
                    .map(|at| who(r.approved_by.as_deref().unwrap_or("—"), at)),
            })
            .collect(),
        can_edit: can_edit(page),
        can_approve: page.require(Permission::PublishAdvisory).is_ok(),
    };
    Ok(render_disclosure(&page.ctx, &view))
}

/// GET `/releases/{id}/disclosures/{form}`.
pub(crate) async fn disclosure(
    State(state): State<AppState>,
    page: Page,
    Path((release_id, form_id)): Path<(i64, String)>,
) -> Response {
    let html = view_html(&state, &page, release_id, &form_id, None).await;
    page.render(html)
}

/// POST `/releases/{id}/disclosures/{form}`: the answers as the next revision.
pub(crate) async fn save(
    State(state): State<AppState>,
    page: Page,
    Path((release_id, form_id)): Path<(i64, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let mut kept: Option<Answers> = None;
    let done = async {
        page.check_csrf(field(&fields, "csrf"))?;
        if !can_edit(&page) {
            page.require(Permission::EditPortfolio)?;
        }
        let f = form(&state, &form_id)?;
        let answers = posted(&f, &fields)?;
        kept = Some(answers.clone());
        let errors = validate(&f, &answers, false);
        if let Some(e) = errors.first() {
            let all: Vec<String> = errors.iter().map(ToString::to_string).collect();
            return Err(ApiError::invalid(
                format!("the answers do not fit the form: {}", all.join("; ")),
                format!("/answers/{}", e.item()),
            ));
        }
        state
            .store
            .save_disclosure(
                release_id,
                f.id(),
                &answers.to_json(),
                field(&fields, "comment"),
                page.principal.actor(),
                crate::api::now(),
            )
            .await?;
        Ok(format!("/releases/{release_id}/disclosures/{}", f.id()))
    }
    .await;
    answer_form(&state, page, done, async |state, page| {
        view_html(state, page, release_id, &form_id, kept.as_ref()).await
    })
    .await
}

/// POST `/releases/{id}/disclosures/{form}/revisions/{number}/approve`: only a revision that
/// answers every required item.
pub(crate) async fn approve(
    State(state): State<AppState>,
    page: Page,
    Path((release_id, form_id, number)): Path<(i64, String, i64)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let done = async {
        page.check_csrf(field(&fields, "csrf"))?;
        page.require(Permission::PublishAdvisory)?;
        let f = form(&state, &form_id)?;
        crate::api::portal::approve_complete(
            &state,
            &f,
            release_id,
            number,
            page.principal.actor(),
        )
        .await?;
        Ok(format!("/releases/{release_id}/disclosures/{}", f.id()))
    }
    .await;
    answer_form(&state, page, done, async |state, page| {
        view_html(state, page, release_id, &form_id, None).await
    })
    .await
}
