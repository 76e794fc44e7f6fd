//! What a hospital's (or distributor's) users see: their installed devices, the documents
//! shared with them (the SBOMs of the releases they run) and published advisories.
//!
//! Everything is read through the organization's visibility, so the store answers only what
//! concerns it; these pages never read findings.

use std::collections::BTreeSet;

use axum::extract::State;
use axum::response::Response;
use mamori_console::{
    AdvisoriesView, DeviceItem, DevicesView, DocumentItem, DocumentsView, render_advisories,
    render_devices, render_documents,
};
use mamori_model::Milestone;

use super::{Page, today};
use crate::AppState;
use crate::problem::ApiError;

/// GET `/advisories`: published advisories (none exist yet: authoring arrives with the
/// advisory issue, and the list stays empty until then for every role).
pub(crate) async fn advisories(page: Page) -> Response {
    page.render(Ok(render_advisories(&page.ctx, &AdvisoriesView::default())))
}

/// GET `/devices`: the devices of the user's own organization in service.
pub(crate) async fn devices(State(state): State<AppState>, page: Page) -> Response {
    page.render(devices_html(&state, &page).await)
}

async fn devices_html(state: &AppState, page: &Page) -> Result<String, ApiError> {
    let vis = page.principal.visibility();
    let mut rows = Vec::new();
    for d in state
        .store
        .installed_devices(page.principal.user.org_id)
        .await?
    {
        let r = state.store.release_by_id(d.release_id, vis).await?;
        let eos = r.lifecycle.get(Milestone::EndOfSupport);
        rows.push(DeviceItem {
            serial: d.serial,
            product: r.product,
            release: r.version,
            site: d.site,
            location: d.location,
            end_of_support: eos,
            past_eos: eos.is_some_and(|e| e < today()),
        });
    }
    Ok(render_devices(&page.ctx, &DevicesView { rows }))
}

/// GET `/documents`: the SBOM downloads of the releases the organization runs.
pub(crate) async fn documents(State(state): State<AppState>, page: Page) -> Response {
    page.render(documents_html(&state, &page).await)
}

async fn documents_html(state: &AppState, page: &Page) -> Result<String, ApiError> {
    let vis = page.principal.visibility();
    let releases: BTreeSet<i64> = state
        .store
        .installed_devices(page.principal.user.org_id)
        .await?
        .into_iter()
        .map(|d| d.release_id)
        .collect();
    let mut rows = Vec::new();
    for id in releases {
        let r = state.store.release_by_id(id, vis).await?;
        let has_sbom = state.store.latest_sbom_row(&r).await?.is_some();
        rows.push(DocumentItem {
            release_id: r.id,
            product: r.product,
            release: r.version,
            has_sbom,
        });
    }
    rows.sort_by(|a, b| (&a.product, &a.release).cmp(&(&b.product, &b.release)));
    Ok(render_documents(&page.ctx, &DocumentsView { rows }))
}
