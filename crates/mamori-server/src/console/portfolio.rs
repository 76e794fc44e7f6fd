//! Products, releases with their lifecycle, SBOM upload (multipart), quality grades, diff and approval.

use std::collections::HashMap;

use axum::Form;
use axum::extract::{Multipart, Path, State};
use axum::response::Response;
use mamori_console::{
    DiffEntry, DiffView, Lifecycle as LifecycleView, ProductItem, ProductView, ProductsView,
    QualityItem, QualityView, ReleaseItem, ReleaseView, SbomItem, render_product, render_products,
    render_release,
};
use mamori_model::{Lifecycle, Milestone, Permission, ProductName, ReleaseVersion};
use mamori_store::{FindingFilter, ReleaseRow, StoredSbom};
use serde::Deserialize;
use sqlx::Row;

use super::findings::is_open;
use super::{Page, correctable, fmt_time, non_empty, see_other_with, status_of, today};
use crate::AppState;
use crate::api::portfolio::store_sbom;
use crate::problem::ApiError;

/// Diff lines shown on a release page (the counts cover them all).
const DIFF_LINES: usize = 200;

fn lifecycle_view(l: &Lifecycle) -> LifecycleView {
    LifecycleView {
        ga: l.get(Milestone::GeneralAvailability),
        end_of_sale: l.get(Milestone::EndOfSale),
        end_of_support: l.get(Milestone::EndOfSupport),
        end_of_life: l.get(Milestone::EndOfLife),
    }
}

fn past_eos(l: &Lifecycle) -> bool {
    l.get(Milestone::EndOfSupport).is_some_and(|d| d < today())
}

/// Open findings per (product, release version), counted by the database.
async fn open_counts(
    state: &AppState,
    product_id: Option<i64>,
) -> Result<HashMap<(String, String), u64>, ApiError> {
    Ok(state
        .store
        .open_finding_counts(product_id, &super::findings::CLOSED_STATES)
        .await?
        .into_iter()
        .map(|(p, r, n)| ((p, r), u64::try_from(n).unwrap_or(0)))
        .collect())
}

/// GET `/products`.
pub(crate) async fn products(State(state): State<AppState>, page: Page) -> Response {
    page.render(products_html(&state, &page).await)
}

async fn products_html(state: &AppState, page: &Page) -> Result<String, ApiError> {
    page.require(Permission::ReadInternal)?;
    let vis = page.principal.visibility();
    let counts = open_counts(state, None).await?;
    let mut items = Vec::new();
    for p in state.store.products_for(vis).await? {
        let releases = state.store.releases_for(&p, vis).await?;
        items.push(ProductItem {
            id: p.id,
            open_findings: counts
                .iter()
                .filter(|((prod, _), _)| *prod == p.name)
                .map(|(_, n)| n)
                .sum(),
            name: p.name,
            vendor: p.vendor,
            releases: releases.len() as u64,
        });
    }
    let view = ProductsView {
        products: items,
        can_create: page.principal.user.role.can(Permission::EditPortfolio),
    };
    Ok(render_products(&page.ctx, &view))
}

#[derive(Deserialize)]
pub(crate) struct ProductForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    vendor: String,
}

/// POST `/products`: a new product, then its page.
pub(crate) async fn add_product(
    State(state): State<AppState>,
    mut page: Page,
    Form(form): Form<ProductForm>,
) -> Response {
    if let Err(e) = page.check_csrf(&form.csrf) {
        return page.error(e);
    }
    let added = async {
        page.require(Permission::EditPortfolio)?;
        let name = ProductName::new(form.name.trim())
            .map_err(|e| ApiError::invalid(e.to_string(), "name"))?;
        Ok::<_, ApiError>(
            state
                .store
                .with_actor(page.principal.actor())
                .add_product(&name, non_empty(&form.vendor), crate::api::now())
                .await?,
        )
    }
    .await;
    match added {
        Ok(p) => see_other_with(
            &format!("/products/{}", p.id),
            "notice.saved",
            state.config.behind_tls(),
        ),
        Err(e) if correctable(&e) => {
            page.with_problem(&e);
            let html = products_html(&state, &page).await;
            page.render_status(status_of(&e), html)
        }
        Err(e) => page.error(e),
    }
}

/// GET `/products/{id}`.
pub(crate) async fn product(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
) -> Response {
    page.render(product_html(&state, &page, id).await)
}

async fn product_html(state: &AppState, page: &Page, id: i64) -> Result<String, ApiError> {
    page.require(Permission::ReadInternal)?;
    let vis = page.principal.visibility();
    let p = state.store.product_for(&id.to_string(), vis).await?;
    let counts = open_counts(state, Some(p.id)).await?;
    let mut releases = Vec::new();
    for r in state.store.releases_for(&p, vis).await? {
        let sboms = state
            .store
            .latest_sbom_row(&r)
            .await?
            .map_or(0, |s| u64::try_from(s.version).unwrap_or(0));
        releases.push(ReleaseItem {
            id: r.id,
            lifecycle: lifecycle_view(&r.lifecycle),
            past_eos: past_eos(&r.lifecycle),
            sboms,
            open_findings: counts
                .get(&(p.name.clone(), r.version.clone()))
                .copied()
                .unwrap_or(0),
            version: r.version,
        });
    }
    // Newest first: the release just added is the one people look for.
    releases.reverse();
    let view = ProductView {
        id: p.id,
        name: p.name,
        vendor: p.vendor,
        releases,
        can_edit: page.principal.user.role.can(Permission::EditPortfolio),
    };
    Ok(render_product(&page.ctx, &view))
}

#[derive(Deserialize)]
pub(crate) struct ReleaseForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    ga: String,
    #[serde(default)]
    end_of_sale: String,
    #[serde(default)]
    end_of_support: String,
    #[serde(default)]
    end_of_life: String,
}

fn form_date(value: &str, field: &str) -> Result<Option<time::Date>, ApiError> {
    let Some(v) = non_empty(value) else {
        return Ok(None);
    };
    time::Date::parse(v, time::macros::format_description!("[year]-[month]-[day]"))
        .map(Some)
        .map_err(|_| ApiError::invalid(format!("{v:?} is not a date (YYYY-MM-DD)"), field))
}

/// POST `/products/{id}/releases`: a new release with its milestones, then its page.
pub(crate) async fn add_release(
    State(state): State<AppState>,
    mut page: Page,
    Path(id): Path<i64>,
    Form(form): Form<ReleaseForm>,
) -> Response {
    if let Err(e) = page.check_csrf(&form.csrf) {
        return page.error(e);
    }
    let added = async {
        page.require(Permission::EditPortfolio)?;
        let p = state
            .store
            .product_for(&id.to_string(), page.principal.visibility())
            .await?;
        let version = ReleaseVersion::new(form.version.trim())
            .map_err(|e| ApiError::invalid(e.to_string(), "version"))?;
        let lifecycle = Lifecycle::new(
            form_date(&form.ga, "ga")?,
            form_date(&form.end_of_sale, "end_of_sale")?,
            form_date(&form.end_of_support, "end_of_support")?,
            form_date(&form.end_of_life, "end_of_life")?,
        )
        .map_err(|e| ApiError::invalid(e.to_string(), "lifecycle"))?;
        Ok::<_, ApiError>(
            state
                .store
                .with_actor(page.principal.actor())
                .add_release(&p, &version, &lifecycle, crate::api::now())
                .await?,
        )
    }
    .await;
    match added {
        Ok(r) => see_other_with(
            &format!("/releases/{}", r.id),
            "notice.saved",
            state.config.behind_tls(),
        ),
        Err(e) if correctable(&e) => {
            page.with_problem(&e);
            let html = product_html(&state, &page, id).await;
            page.render_status(status_of(&e), html)
        }
        Err(e) => page.error(e),
    }
}

/// GET `/releases/{id}`.
pub(crate) async fn release(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
) -> Response {
    page.render(release_html(&state, &page, id).await)
}

async fn release_html(state: &AppState, page: &Page, id: i64) -> Result<String, ApiError> {
    page.require(Permission::ReadInternal)?;
    let vis = page.principal.visibility();
    let r = state.store.release_by_id(id, vis).await?;
    let latest = state.store.latest_sbom(&r).await?;
    // The release before this one of the same product, for the diff.
    let product = state
        .store
        .product_for(&r.product_id.to_string(), vis)
        .await?;
    let siblings = state.store.releases_for(&product, vis).await?;
    let previous: Option<ReleaseRow> = siblings.into_iter().rfind(|x| x.id < r.id);
    let previous_sbom = match &previous {
        Some(p) => state.store.latest_sbom(p).await?,
        None => None,
    };
    let open = state
        .store
        .findings(&FindingFilter {
            product: Some(r.product_id.to_string()),
            release: Some(r.version.clone()),
            ..Default::default()
        })
        .await?
        .iter()
        .filter(|f| is_open(f))
        .count() as u64;
    let prev_version = previous.map(|p| p.version);
    // Grading and diffing a large SBOM is CPU work: keep it off the async threads.
    let (sboms, quality, diff) =
        tokio::task::spawn_blocking(move || sbom_parts(latest, previous_sbom.zip(prev_version)))
            .await
            .map_err(|e| ApiError::Internal(e.to_string()))?;
    let role = page.principal.user.role;
    let view = ReleaseView {
        id: r.id,
        product_id: r.product_id,
        product: r.product.clone(),
        version: r.version.clone(),
        lifecycle: lifecycle_view(&r.lifecycle),
        past_eos: past_eos(&r.lifecycle),
        open_findings: open,
        sboms,
        quality,
        diff,
        can_upload: role.can(Permission::UploadSbom),
        can_approve: role.can(Permission::ApproveSbom),
        disclosure_forms: state
            .forms
            .all()
            .map(|f| {
                let title = if page.ctx.lang.tag() == "ja" {
                    f.title_ja()
                } else {
                    f.title_en()
                };
                (f.id().to_owned(), title.to_owned())
            })
            .collect(),
    };
    Ok(render_release(&page.ctx, &view))
}

fn sbom_parts(
    latest: Option<StoredSbom>,
    previous: Option<(StoredSbom, String)>,
) -> (Vec<SbomItem>, Option<QualityView>, Option<DiffView>) {
    let Some(latest) = latest else {
        return (Vec::new(), None, None);
    };
    let row = &latest.row;
    let supplier = latest
        .sbom
        .metadata
        .supplier
        .as_ref()
        .and_then(|p| p.name.clone());
    let item = SbomItem {
        id: row.id,
        version: row.version,
        format: format!(
            "{} {}",
            match latest.sbom.format.family() {
                "cyclonedx" => "CycloneDX",
                _ => "SPDX",
            },
            latest.sbom.spec_version
        ),
        supplier,
        components: u64::try_from(row.component_count).unwrap_or(0),
        uploaded_at: fmt_time(&row.created_at),
        uploaded_by: row.created_by.clone(),
        approved: row.approved_at.is_some(),
    };
    let q = mamori_sbom::quality::grade(&latest.sbom);
    let n = |v: Option<usize>| v.map(|n| n as u64);
    let quality = QualityView {
        sbom_version: row.version,
        overall: q.overall.as_str().to_owned(),
        attributes: q
            .baseline
            .iter()
            .map(|(a, g)| QualityItem {
                attribute: (*a).to_owned(),
                level: g.level.as_str().to_owned(),
                with_value: n(g.with_value),
                declared_unknown: n(g.declared_unknown),
                absent: n(g.absent),
                reason: g.reason.clone(),
            })
            .collect(),
        ntia_met: q.ntia_met(),
        fda_missing_support: q.fda.missing_level_of_support as u64,
        fda_missing_eos: q.fda.missing_end_of_support as u64,
    };
    let diff = previous.map(|(old, version)| {
        // Without each ecosystem's version order here, a changed version is reported as
        // changed rather than guessed to be an upgrade or a downgrade.
        let d = mamori_sbom::diff::diff(&old.sbom, &latest.sbom, |_, _, _| None);
        use mamori_sbom::diff::Change;
        let count = |c: Change| d.count(c) as u64;
        DiffView {
            previous: version,
            added: count(Change::Added),
            removed: count(Change::Removed),
            changed: count(Change::Upgraded) + count(Change::Downgraded) + count(Change::Changed),
            unchanged: d.unchanged as u64,
            entries: d
                .entries
                .iter()
                .take(DIFF_LINES)
                .map(|e| DiffEntry {
                    change: match e.change {
                        Change::Added => "added",
                        Change::Removed => "removed",
                        Change::Upgraded => "upgraded",
                        Change::Downgraded => "downgraded",
                        Change::Changed => "changed",
                    }
                    .to_owned(),
                    name: e.name.clone(),
                    old_version: e.old_version.clone(),
                    new_version: e.new_version.clone(),
                })
                .collect(),
        }
    });
    (vec![item], Some(quality), diff)
}

/// What the upload form sent.
#[derive(Default)]
struct UploadForm {
    csrf: String,
    file: Option<(Option<String>, Vec<u8>)>,
    origin: String,
    supplier: String,
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
                let bytes = field.bytes().await.map_err(bad)?;
                form.file = Some((name, bytes.to_vec()));
            }
            name @ ("csrf" | "origin" | "supplier") => {
                let name = name.to_owned();
                let v = field.text().await.map_err(bad)?;
                match name.as_str() {
                    "csrf" => form.csrf = v,
                    "origin" => form.origin = v,
                    _ => form.supplier = v,
                }
            }
            _ => {}
        }
    }
    Ok(form)
}

/// POST `/releases/{id}/sboms` (multipart: `file`, `origin`, `supplier`, `csrf`): reads,
/// checks and stores the SBOM as the release's next version, then matches it.
pub(crate) async fn upload(
    State(state): State<AppState>,
    mut page: Page,
    Path(id): Path<i64>,
    mp: Multipart,
) -> Response {
    let form = read_upload(mp).await;
    if let Err(e) = page.check_csrf(form.as_ref().map_or("", |f| f.csrf.as_str())) {
        return page.error(e);
    }
    let done = async {
        let form = form?;
        page.require(Permission::UploadSbom)?;
        let release = state
            .store
            .release_by_id(id, page.principal.visibility())
            .await?;
        let (filename, bytes) = form
            .file
            .filter(|(_, b)| !b.is_empty())
            .ok_or_else(|| ApiError::invalid("choose an SBOM file to upload", "file"))?;
        let supplier = match form.origin.as_str() {
            "supplier" => Some(
                non_empty(&form.supplier)
                    .ok_or_else(|| {
                        ApiError::invalid("a supplier's SBOM needs the supplier's name", "supplier")
                    })?
                    .to_owned(),
            ),
            "" | "team" => None,
            other => {
                return Err(ApiError::invalid(
                    format!("unknown origin {other:?}: use team or supplier"),
                    "origin",
                ));
            }
        };
        store_sbom(
            &state,
            &page.principal,
            &release,
            &bytes,
            filename.as_deref(),
            supplier.as_deref(),
        )
        .await
    }
    .await;
    match done {
        Ok(_) => see_other_with(
            &format!("/releases/{id}"),
            "notice.uploaded",
            state.config.behind_tls(),
        ),
        Err(e) if correctable(&e) => {
            let e = match e {
                // The page shows one notice: the summary and the first places.
                ApiError::Document { detail, errors } => {
                    let mut text = detail;
                    for p in errors.iter().take(5) {
                        text.push_str(&format!("; {}: {}", p.pointer, p.detail));
                    }
                    ApiError::Invalid {
                        detail: text,
                        pointer: None,
                    }
                }
                other => other,
            };
            page.with_problem(&e);
            let html = release_html(&state, &page, id).await;
            page.render_status(status_of(&e), html)
        }
        Err(e) => page.error(e),
    }
}

#[derive(Deserialize)]
pub(crate) struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

/// POST `/sboms/{id}/approve`: approves the release's latest SBOM version, which must be
/// the one the form showed.
pub(crate) async fn approve(
    State(state): State<AppState>,
    mut page: Page,
    Path(sbom_id): Path<i64>,
    Form(form): Form<CsrfOnly>,
) -> Response {
    if let Err(e) = page.check_csrf(&form.csrf) {
        return page.error(e);
    }
    let mut release_id = None;
    let done = async {
        page.require(Permission::ApproveSbom)?;
        // The store approves by release; the form names the SBOM version it showed.
        let row = sqlx::query("SELECT release_id FROM sboms WHERE id = $1")
            .bind(sbom_id)
            .fetch_optional(state.store.pool())
            .await
            .map_err(|e| ApiError::Internal(e.to_string()))?
            .ok_or_else(|| ApiError::NotFound(format!("sbom {sbom_id} not found")))?;
        let rid: i64 = row
            .try_get(0)
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        let release = state
            .store
            .release_by_id(rid, page.principal.visibility())
            .await?;
        release_id = Some(release.id);
        let latest = state.store.latest_sbom_row(&release).await?;
        if latest.as_ref().map(|l| l.id) != Some(sbom_id) {
            return Err(ApiError::invalid(
                "a newer SBOM version was uploaded since: look at it before approving",
                "sbom",
            ));
        }
        state
            .store
            .approve_sbom(&release, page.principal.actor(), crate::api::now())
            .await?;
        Ok::<_, ApiError>(release.id)
    }
    .await;
    match done {
        Ok(rid) => see_other_with(
            &format!("/releases/{rid}"),
            "notice.saved",
            state.config.behind_tls(),
        ),
        Err(e) if correctable(&e) && release_id.is_some() => {
            page.with_problem(&e);
            let html = release_html(&state, &page, release_id.unwrap_or_default()).await;
            page.render_status(status_of(&e), html)
        }
        Err(e) => page.error(e),
    }
}
