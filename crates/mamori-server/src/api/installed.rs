//! The installed base and impact at a glance: import a hospital's device list (CSV or xlsx) with a report of rejected rows, list and change devices, record patches and decommissioning, and ask which hospitals, sites and devices a vulnerability, advisory or component version touches.
//!
//! Hospital users read and write their own organization's devices (a distributor's,
//! the hospitals it serves); the maker's staff read every device with `read_internal`
//! and change them with `manage_users`. Impact answers carry the maker's triage, so
//! they are for the maker's staff only.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use mamori_hospital::{Exposure, Format};
use mamori_model::{Permission, Role};
use mamori_store::{DeviceDetails, ImpactQuery, Visibility};
use serde::Deserialize;
use serde_json::{Value, json};
use time::Date;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::{Principal, Via};
use crate::problem::{ApiError, Problem};

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(import))
        .routes(routes!(list_devices, add_device))
        .routes(routes!(get_device, update_device))
        .routes(routes!(patch_device))
        .routes(routes!(decommission_device))
        .routes(routes!(list_sites, add_site))
        .routes(routes!(impact_vulnerability))
        .routes(routes!(impact_advisory))
        .routes(routes!(impact_component))
}

/// The maker's staff read with `read_internal`; hospital and distributor users read their share.
fn reader(p: &Principal) -> Result<Visibility, ApiError> {
    match p.visibility() {
        Visibility::All => {
            p.require(Permission::ReadInternal)?;
            Ok(Visibility::All)
        }
        v => Ok(v),
    }
}

/// The maker's staff write with `manage_users`; hospital users write their own share
/// (a token needs the `write` scope).
fn writer(p: &Principal) -> Result<Visibility, ApiError> {
    match p.visibility() {
        Visibility::All => {
            p.require(Permission::ManageUsers)?;
            Ok(Visibility::All)
        }
        v => {
            if p.user.role != Role::Hospital {
                return Err(ApiError::Forbidden(Permission::ManageUsers));
            }
            if let Via::Token { scopes } = &p.via
                && !scopes.iter().any(|s| s == "write")
            {
                return Err(ApiError::ReadOnlyToken);
            }
            Ok(v)
        }
    }
}

/// How the uploaded file is named (its extension picks the format; else the bytes do).
#[derive(Deserialize, IntoParams)]
pub struct ImportParams {
    /// File name, e.g. `devices.xlsx`.
    pub filename: Option<String>,
}

/// A CSV file's text, for scripts.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CsvText {
    csv: String,
}

/// Imports an installed-base file (CSV in UTF-8 or Shift_JIS, or xlsx; headers in English
/// or Japanese) in one transaction. The body is the file's bytes or, sent as
/// `application/json`, `{"csv": "…"}` for scripts that build the CSV text. Rows that do not read, or that name an unknown
/// organization, product or release, are reported by row number, column and reason; the
/// others are added or updated (by organization and serial number).
#[utoipa::path(post, path = "/api/v1/installed/import", tag = "installed", params(ImportParams),
    request_body(content = String, description = "The CSV or xlsx file, as bytes", content_type = "application/octet-stream"),
    responses((status = 200, description = "`{created, updated, unchanged, sites_created, rejected: [{row, column, value, reason}], ignored_columns}`", body = Object),
        (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn import(
    State(state): State<AppState>,
    principal: Principal,
    Query(params): Query<ImportParams>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let vis = writer(&principal)?;
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    let body = if is_json {
        let text: CsvText = serde_json::from_slice(&body).map_err(|e| {
            ApiError::invalid(format!("not a {{\"csv\": \"…\"}} object: {e}"), "/csv")
        })?;
        Bytes::from(text.csv.into_bytes())
    } else {
        body
    };
    let format = params
        .filename
        .as_deref()
        .and_then(Format::from_file_name)
        .unwrap_or_else(|| Format::sniff(&body));
    let owned = body.to_vec();
    let parsed = tokio::task::spawn_blocking(move || mamori_hospital::parse(&owned, format))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .map_err(|e| ApiError::Document {
            detail: format!("{}: {e}", params.filename.as_deref().unwrap_or("upload")),
            errors: Vec::new(),
        })?;
    let report = state
        .store
        .import_installed_base(&parsed, vis, principal.actor(), super::now())
        .await?;
    Ok(Json(report.to_json()))
}

/// Which devices.
#[derive(Deserialize, IntoParams)]
pub struct DeviceParams {
    /// Decommissioned devices too.
    #[serde(default)]
    pub all: bool,
}

/// The devices the user may see, by organization, site and serial number.
#[utoipa::path(get, path = "/api/v1/installed/devices", tag = "installed", params(DeviceParams),
    responses((status = 200, description = "`{devices: [...]}`", body = Object), (status = 403, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn list_devices(
    State(state): State<AppState>,
    principal: Principal,
    Query(q): Query<DeviceParams>,
) -> Result<Json<Value>, ApiError> {
    let vis = reader(&principal)?;
    let devices = state.store.devices_for(vis, q.all).await?;
    Ok(Json(
        json!({"devices": devices.iter().map(|d| d.to_json()).collect::<Vec<_>>()}),
    ))
}

/// What is declared about a device.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DetailsInput {
    /// Site name (added to the organization when new).
    #[serde(default)]
    pub site: Option<String>,
    /// Where in the site.
    #[serde(default)]
    pub location: Option<String>,
    /// `isolated`, `clinical-lan`, `hospital-lan` or `internet-facing`.
    #[serde(default)]
    pub network_exposure: Option<String>,
    /// Remote-maintenance arrangement.
    #[serde(default)]
    pub remote_maintenance: Option<String>,
    /// Installation date (YYYY-MM-DD).
    #[serde(default)]
    pub installed_on: Option<String>,
    /// Notes.
    #[serde(default)]
    pub notes: Option<String>,
}

fn date(s: Option<&str>, field: &str) -> Result<Option<Date>, ApiError> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => mamori_hospital::parse_date(s).map(Some).ok_or_else(|| {
            ApiError::invalid(
                format!("{s:?} is not a date: use YYYY-MM-DD"),
                format!("/{field}"),
            )
        }),
    }
}

impl DetailsInput {
    fn details(&self) -> Result<DeviceDetails, ApiError> {
        let exposure = match self.network_exposure.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(s) => Some(Exposure::parse(s).ok_or_else(|| {
                ApiError::invalid(
                    format!(
                        "network exposure {s:?}: use {}",
                        Exposure::ALL.map(Exposure::as_str).join(", ")
                    ),
                    "/network_exposure",
                )
            })?),
        };
        Ok(DeviceDetails {
            site: self.site.clone(),
            location: self.location.clone(),
            exposure,
            remote_maintenance: self.remote_maintenance.clone(),
            installed_on: date(self.installed_on.as_deref(), "installed_on")?,
            notes: self.notes.clone(),
        })
    }
}

/// A device to add.
#[derive(Deserialize, ToSchema)]
pub struct NewDeviceInput {
    /// Organization (a hospital user's own by default).
    #[serde(default)]
    pub org_id: Option<i64>,
    /// Release it runs.
    pub release_id: i64,
    /// Serial number.
    pub serial: String,
    /// What else is declared.
    #[serde(flatten)]
    pub details: DetailsInput,
}

/// Adds a device.
#[utoipa::path(post, path = "/api/v1/installed/devices", tag = "installed", request_body = NewDeviceInput,
    responses((status = 201, body = Object), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn add_device(
    State(state): State<AppState>,
    principal: Principal,
    Json(input): Json<NewDeviceInput>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let vis = writer(&principal)?;
    let org = match (input.org_id, vis) {
        (Some(o), _) => o,
        (None, Visibility::Organization(o)) => o,
        (None, Visibility::All) => {
            return Err(ApiError::invalid("org_id is required", "/org_id"));
        }
    };
    let d = state
        .store
        .add_device(
            org,
            input.release_id,
            &input.serial,
            &input.details.details()?,
            vis,
            principal.actor(),
            super::now(),
        )
        .await?;
    Ok((StatusCode::CREATED, Json(d.to_json())))
}

/// One device with its history (releases it ran, patches, decommissioning).
#[utoipa::path(get, path = "/api/v1/installed/devices/{id}", tag = "installed",
    params(("id" = i64, Path, description = "Device id")),
    responses((status = 200, body = Object), (status = 404, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn get_device(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    let vis = reader(&principal)?;
    let d = state.store.device_for(id, vis).await?;
    let history = state.store.device_history(id, vis).await?;
    let mut v = d.to_json();
    v["history"] = history.iter().map(|e| e.to_json()).collect();
    Ok(Json(v))
}

/// Replaces what is declared about a device (site, location, exposure, remote maintenance, dates, notes).
#[utoipa::path(put, path = "/api/v1/installed/devices/{id}", tag = "installed", request_body = DetailsInput,
    params(("id" = i64, Path, description = "Device id")),
    responses((status = 200, body = Object), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn update_device(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
    Json(input): Json<DetailsInput>,
) -> Result<Json<Value>, ApiError> {
    let vis = writer(&principal)?;
    let d = state
        .store
        .update_device(id, &input.details()?, vis, principal.actor(), super::now())
        .await?;
    Ok(Json(d.to_json()))
}

/// A patch applied.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PatchInput {
    /// The release the device runs now (of the same product).
    pub release_id: i64,
    /// When it was applied (YYYY-MM-DD).
    #[serde(default)]
    pub on: Option<String>,
}

/// Records that a patch moved the device to another release of its product.
#[utoipa::path(post, path = "/api/v1/installed/devices/{id}/patch", tag = "installed", request_body = PatchInput,
    params(("id" = i64, Path, description = "Device id")),
    responses((status = 200, body = Object), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn patch_device(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
    Json(input): Json<PatchInput>,
) -> Result<Json<Value>, ApiError> {
    let vis = writer(&principal)?;
    let on = date(input.on.as_deref(), "on")?;
    let d = state
        .store
        .apply_patch(
            id,
            input.release_id,
            on,
            vis,
            principal.actor(),
            super::now(),
        )
        .await?;
    Ok(Json(d.to_json()))
}

/// A decommissioning.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecommissionInput {
    /// When (YYYY-MM-DD); today when absent.
    #[serde(default)]
    pub on: Option<String>,
}

/// Takes a device out of service; it stays listed (`?all=true`) with its history.
#[utoipa::path(post, path = "/api/v1/installed/devices/{id}/decommission", tag = "installed", request_body = DecommissionInput,
    params(("id" = i64, Path, description = "Device id")),
    responses((status = 200, body = Object), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn decommission_device(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
    Json(input): Json<DecommissionInput>,
) -> Result<Json<Value>, ApiError> {
    let vis = writer(&principal)?;
    let now = super::now();
    let on = date(input.on.as_deref(), "on")?.unwrap_or(now.date());
    let d = state
        .store
        .decommission_device(id, on, vis, principal.actor(), now)
        .await?;
    Ok(Json(d.to_json()))
}

/// The sites the user may see.
#[utoipa::path(get, path = "/api/v1/installed/sites", tag = "installed",
    responses((status = 200, description = "`{sites: [{id, org_id, name, address}]}`", body = Object), (status = 403, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn list_sites(
    State(state): State<AppState>,
    principal: Principal,
) -> Result<Json<Value>, ApiError> {
    let vis = reader(&principal)?;
    let sites = state.store.sites(vis).await?;
    Ok(Json(json!({"sites": sites.iter().map(|s| json!({
        "id": s.id, "org_id": s.org_id, "name": s.name, "address": s.address,
    })).collect::<Vec<_>>()})))
}

/// A site to add.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteInput {
    /// Organization (a hospital user's own by default).
    #[serde(default)]
    pub org_id: Option<i64>,
    /// Name.
    pub name: String,
    /// Address.
    #[serde(default)]
    pub address: Option<String>,
}

/// Adds a site to an organization.
#[utoipa::path(post, path = "/api/v1/installed/sites", tag = "installed", request_body = SiteInput,
    responses((status = 201, body = Object), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn add_site(
    State(state): State<AppState>,
    principal: Principal,
    Json(input): Json<SiteInput>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let vis = writer(&principal)?;
    let org = match (input.org_id, vis) {
        (Some(o), _) => o,
        (None, Visibility::Organization(o)) => o,
        (None, Visibility::All) => return Err(ApiError::invalid("org_id is required", "/org_id")),
    };
    if !state.store.may_see_org(vis, org).await? {
        return Err(ApiError::NotFound(format!(
            "organization \"{org}\" not found"
        )));
    }
    let s = state
        .store
        .add_site(
            org,
            &input.name,
            input.address.as_deref(),
            principal.actor(),
            super::now(),
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({"id": s.id, "org_id": s.org_id, "name": s.name, "address": s.address})),
    ))
}

async fn impact(
    state: &AppState,
    principal: &Principal,
    q: ImpactQuery,
) -> Result<Json<Value>, ApiError> {
    principal.require(Permission::ReadInternal)?;
    let answer = state
        .store
        .impact(&q, Visibility::All, super::now())
        .await?;
    Ok(Json(answer.to_json()))
}

/// Which hospitals, sites and devices a vulnerability (any id of its alias group: CVE,
/// GHSA, JVNDB …) touches: devices on releases with an open finding not ruled out or
/// fixed are affected; devices that moved off such a release are patched; post-EOS
/// releases are legacy.
#[utoipa::path(get, path = "/api/v1/impact/vulnerabilities/{id}", tag = "installed",
    params(("id" = String, Path, description = "Vulnerability id")),
    responses((status = 200, description = "`{ids, totals, releases, hospitals: [{sites: [{devices}]}]}`", body = Object), (status = 403, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn impact_vulnerability(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    impact(&state, &principal, ImpactQuery::Vulnerability(id)).await
}

/// Which hospitals, sites and devices run the releases an advisory covers, and which moved off them.
#[utoipa::path(get, path = "/api/v1/impact/advisories/{id}", tag = "installed",
    params(("id" = i64, Path, description = "Advisory id")),
    responses((status = 200, body = Object), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn impact_advisory(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    impact(&state, &principal, ImpactQuery::Advisory(id)).await
}

/// A component version: a purl, or a name and version.
#[derive(Deserialize, IntoParams)]
pub struct ComponentParams {
    /// A purl with its version.
    pub purl: Option<String>,
    /// A component name (with `version`).
    pub name: Option<String>,
    /// Its version.
    pub version: Option<String>,
}

/// Which hospitals, sites and devices run releases whose current SBOM holds a component version.
#[utoipa::path(get, path = "/api/v1/impact/components", tag = "installed", params(ComponentParams),
    responses((status = 200, body = Object), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn impact_component(
    State(state): State<AppState>,
    principal: Principal,
    Query(q): Query<ComponentParams>,
) -> Result<Json<Value>, ApiError> {
    let query = match (q.purl, q.name, q.version) {
        (Some(p), _, _) => ImpactQuery::Purl(p),
        (None, Some(name), Some(version)) => ImpactQuery::Component { name, version },
        _ => return Err(ApiError::invalid("give purl, or name and version", "purl")),
    };
    impact(&state, &principal, query).await
}
