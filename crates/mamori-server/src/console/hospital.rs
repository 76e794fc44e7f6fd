//! What a hospital's (or distributor's) users see: their installed devices, the documents
//! shared with them (the SBOMs of the releases they run) and published advisories.
//!
//! Everything is read through the organization's visibility, so the store answers only what
//! concerns it; these pages never read findings.

use std::collections::{BTreeSet, HashMap};

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use mamori_console::{
    AdvisoriesView, AdvisoryItem, AdvisoryVex, DeviceItem, DevicesView, DisclosureLink,
    DocumentItem, DocumentsView, render_advisories, render_devices, render_documents,
};
use mamori_model::{Milestone, OrgKind, Permission};
use mamori_store::{AdvisoryRow, StoreError, Visibility};

use super::form_field as field;
use super::{Page, answer_form, fmt_time, today};
use crate::AppState;
use crate::problem::ApiError;

/// GET `/advisories`: the maker's staff see every advisory (drafts too); a hospital sees the
/// published ones covering releases its devices run, with the VEX of exactly those releases.
pub(crate) async fn advisories(State(state): State<AppState>, page: Page) -> Response {
    page.render(advisories_html(&state, &page).await)
}

async fn advisories_html(state: &AppState, page: &Page) -> Result<String, ApiError> {
    let vis = page.principal.visibility();
    let psirt = matches!(vis, Visibility::All);
    let lang = page.ctx.lang.tag();
    let mut names: HashMap<i64, Option<String>> = HashMap::new();
    let mut rows = Vec::new();
    for a in state.store.advisories_for(vis).await? {
        let mut vex = Vec::new();
        for rid in &a.releases {
            if !names.contains_key(rid) {
                // A release the reader may not see is left out, not an error.
                let name = match state.store.release_by_id(*rid, vis).await {
                    Ok(r) => Some(format!("{} {}", r.product, r.version)),
                    Err(StoreError::NotFound { .. }) => None,
                    Err(e) => return Err(e.into()),
                };
                names.insert(*rid, name);
            }
            if let Some(Some(name)) = names.get(rid) {
                vex.push(AdvisoryVex {
                    release_id: *rid,
                    release: name.clone(),
                });
            }
        }
        let latest = a.revisions.last();
        let severity = match latest {
            Some(_) => aggregate_severity(state, &a, vis).await?,
            None => None,
        };
        rows.push(AdvisoryItem {
            id: a.id,
            tracking_id: a.tracking_id.clone(),
            title: if lang == "ja" && !a.title_ja.is_empty() {
                a.title_ja.clone()
            } else if a.title_en.is_empty() {
                a.title().to_owned()
            } else {
                a.title_en.clone()
            },
            status: a.status.as_str().to_owned(),
            severity,
            version: latest.map_or_else(|| "0".to_owned(), |r| r.number.to_string()),
            published: a.revisions.first().map(|r| r.date.date()),
            updated: latest.map(|r| r.date.date()),
            tlp: a.tlp.as_str().to_owned(),
            published_revision: latest.is_some(),
            vex,
            shared_with: if psirt {
                state
                    .store
                    .advisory_shares(a.id)
                    .await?
                    .into_iter()
                    .map(|s| (s.org_id, s.organization))
                    .collect()
            } else {
                Vec::new()
            },
        });
    }
    rows.sort_by(|a, b| b.updated.cmp(&a.updated).then(b.id.cmp(&a.id)));
    let can_share = psirt && page.principal.user.role.can(Permission::PublishAdvisory);
    let organizations = if can_share {
        state
            .store
            .organizations()
            .await?
            .into_iter()
            .filter(|o| o.kind != OrgKind::Maker)
            .map(|o| (o.id, o.name))
            .collect()
    } else {
        Vec::new()
    };
    Ok(render_advisories(
        &page.ctx,
        &AdvisoriesView {
            rows,
            psirt,
            can_share,
            organizations,
        },
    ))
}

/// POST `/advisories/{id}/shares` (`organization`): shares the advisory with that organization.
pub(crate) async fn share(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let org = field(&fields, "organization").to_owned();
    change_share(&state, page, &fields, async |state, actor| {
        state
            .store
            .share_advisory(id, &org, actor, crate::api::now())
            .await?;
        Ok(())
    })
    .await
}

/// POST `/advisories/{id}/shares/{org}/delete`: stops sharing it with that organization.
pub(crate) async fn unshare(
    State(state): State<AppState>,
    page: Page,
    Path((id, org)): Path<(i64, i64)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    change_share(&state, page, &fields, async |state, actor| {
        state
            .store
            .unshare_advisory(id, &org.to_string(), actor, crate::api::now())
            .await?;
        Ok(())
    })
    .await
}

async fn change_share(
    state: &AppState,
    page: Page,
    fields: &[(String, String)],
    act: impl AsyncFnOnce(&AppState, &str) -> Result<(), ApiError>,
) -> Response {
    if let Err(e) = page.check_csrf(field(fields, "csrf")) {
        return page.error(e);
    }
    let done = async {
        page.require(Permission::PublishAdvisory)?;
        act(state, page.principal.actor()).await?;
        Ok("/advisories".to_owned())
    }
    .await;
    answer_form(state, page, done, advisories_html).await
}

/// The published document's `aggregate_severity`, lower-cased to the console's severity
/// names when it is one of them.
async fn aggregate_severity(
    state: &AppState,
    a: &AdvisoryRow,
    vis: Visibility,
) -> Result<Option<String>, ApiError> {
    let d = state.store.advisory_document(a.id, vis).await?;
    let doc: serde_json::Value = serde_json::from_slice(&d.csaf)
        .map_err(|e| ApiError::Internal(format!("stored csaf of advisory {}: {e}", a.id)))?;
    let text = doc
        .pointer("/document/aggregate_severity/text")
        .and_then(|v| v.as_str())
        .map(str::to_ascii_lowercase);
    Ok(text.filter(|t| matches!(t.as_str(), "critical" | "high" | "medium" | "low" | "none")))
}

/// GET `/devices`: the devices of the user's own organization in service.
pub(crate) async fn devices(State(state): State<AppState>, page: Page) -> Response {
    page.render(devices_html(&state, &page).await)
}

async fn devices_html(state: &AppState, page: &Page) -> Result<String, ApiError> {
    let vis = page.principal.visibility();
    // The published advisories the organization may read, by the releases they cover.
    let mut by_release: HashMap<i64, Vec<String>> = HashMap::new();
    for a in state.store.advisories_for(vis).await? {
        if a.revisions.is_empty() {
            continue;
        }
        let line = if a.vulnerabilities.is_empty() {
            a.tracking_id.clone()
        } else {
            format!("{}: {}", a.tracking_id, a.vulnerabilities.join(", "))
        };
        for r in &a.releases {
            by_release.entry(*r).or_default().push(line.clone());
        }
    }
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
            advisories: by_release.get(&d.release_id).cloned().unwrap_or_default(),
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
    let ja = page.ctx.lang.tag() == "ja";
    let running: BTreeSet<i64> = state
        .store
        .installed_devices(page.principal.user.org_id)
        .await?
        .into_iter()
        .map(|d| d.release_id)
        .collect();
    // Documents are also shared for releases the organization does not run (yet).
    let mut disclosures: HashMap<i64, Vec<DisclosureLink>> = HashMap::new();
    for rev in state.store.disclosures_for(vis).await? {
        let Some(form) = state.forms.get(&rev.form_id) else {
            continue;
        };
        disclosures
            .entry(rev.release_id)
            .or_default()
            .push(DisclosureLink {
                title: if ja { form.title_ja() } else { form.title_en() }.to_owned(),
                form_id: rev.form_id,
                revision: rev.number,
                approved: rev.approved_at.as_deref().map(fmt_time).unwrap_or_default(),
            });
    }
    let ids: BTreeSet<i64> = running.iter().chain(disclosures.keys()).copied().collect();
    let mut rows = Vec::new();
    for id in ids {
        let (r, has_sbom) = if running.contains(&id) {
            let r = state.store.release_by_id(id, vis).await?;
            let has_sbom = state.store.latest_sbom_row(&r).await?.is_some();
            (r, has_sbom)
        } else {
            // Shared documents only: its name is shown, its SBOM is not offered.
            (state.store.release_by_id(id, Visibility::All).await?, false)
        };
        rows.push(DocumentItem {
            release_id: r.id,
            product: r.product,
            release: r.version,
            has_sbom,
            disclosures: disclosures.remove(&id).unwrap_or_default(),
        });
    }
    rows.sort_by(|a, b| (&a.product, &a.release).cmp(&(&b.product, &b.release)));
    Ok(render_documents(&page.ctx, &DocumentsView { rows }))
}
