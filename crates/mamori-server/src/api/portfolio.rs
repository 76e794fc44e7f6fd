//! Products, releases with their lifecycle, and SBOM upload, approval and download.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use mamori_model::{DocumentFormat, Lifecycle, Milestone, Permission, ProductName, ReleaseVersion};
use mamori_store::{FindingFilter, Incoming, ProductRow, ReleaseRow, SbomRow};
use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::Principal;
use crate::problem::{ApiError, PlacedError, Problem};

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_products, add_product))
        .routes(routes!(get_product))
        .routes(routes!(list_releases, add_release))
        .routes(routes!(get_release))
        .routes(routes!(upload_sbom, download_sbom))
        .routes(routes!(approve_sbom))
}

/// A product.
#[derive(Serialize, ToSchema)]
pub struct Product {
    /// Id.
    pub id: i64,
    /// Unique name.
    pub name: String,
    /// Vendor.
    pub vendor: Option<String>,
}

impl From<ProductRow> for Product {
    fn from(p: ProductRow) -> Product {
        Product {
            id: p.id,
            name: p.name,
            vendor: p.vendor,
        }
    }
}

/// Products.
#[derive(Serialize, ToSchema)]
pub struct Products {
    /// Visible products, by name.
    pub products: Vec<Product>,
}

/// A new product.
#[derive(Deserialize, ToSchema)]
pub struct NewProduct {
    /// Unique name.
    pub name: String,
    /// Vendor.
    pub vendor: Option<String>,
}

/// A release's lifecycle milestones (ISO 8601 dates).
#[derive(Serialize, Deserialize, ToSchema, Default)]
pub struct LifecycleDates {
    /// General availability.
    #[serde(default, with = "super::date::option")]
    #[schema(value_type = Option<String>, format = Date)]
    pub ga: Option<Date>,
    /// End of sale.
    #[serde(default, with = "super::date::option")]
    #[schema(value_type = Option<String>, format = Date)]
    pub end_of_sale: Option<Date>,
    /// End of support: devices past it are legacy.
    #[serde(default, with = "super::date::option")]
    #[schema(value_type = Option<String>, format = Date)]
    pub end_of_support: Option<Date>,
    /// End of life.
    #[serde(default, with = "super::date::option")]
    #[schema(value_type = Option<String>, format = Date)]
    pub end_of_life: Option<Date>,
}

/// A release.
#[derive(Serialize, ToSchema)]
pub struct Release {
    /// Id.
    pub id: i64,
    /// Product id.
    pub product_id: i64,
    /// Product name.
    pub product: String,
    /// Version label.
    pub version: String,
    /// Milestones.
    pub lifecycle: LifecycleDates,
    /// Whether today is past its end of support.
    pub past_end_of_support: bool,
}

impl From<ReleaseRow> for Release {
    fn from(r: ReleaseRow) -> Release {
        let l = &r.lifecycle;
        let eos = l.get(Milestone::EndOfSupport);
        Release {
            id: r.id,
            product_id: r.product_id,
            product: r.product,
            version: r.version,
            past_end_of_support: eos.is_some_and(|d| d < super::now().date()),
            lifecycle: LifecycleDates {
                ga: l.get(Milestone::GeneralAvailability),
                end_of_sale: l.get(Milestone::EndOfSale),
                end_of_support: eos,
                end_of_life: l.get(Milestone::EndOfLife),
            },
        }
    }
}

/// Releases.
#[derive(Serialize, ToSchema)]
pub struct Releases {
    /// Visible releases, in the order they were added.
    pub releases: Vec<Release>,
}

/// A new release.
#[derive(Deserialize, ToSchema)]
pub struct NewRelease {
    /// Version label.
    pub version: String,
    /// Milestones.
    #[serde(default)]
    pub lifecycle: LifecycleDates,
}

/// An SBOM version of a release.
#[derive(Serialize, ToSchema)]
pub struct Sbom {
    /// Id.
    pub id: i64,
    /// Release id.
    pub release_id: i64,
    /// Version within the release (1, 2, …).
    pub version: i64,
    /// Components.
    pub components: i64,
    /// When made.
    pub created_at: String,
    /// Who made it.
    pub created_by: String,
    /// When approved.
    pub approved_at: Option<String>,
    /// Who approved it.
    pub approved_by: Option<String>,
}

impl From<SbomRow> for Sbom {
    fn from(s: SbomRow) -> Sbom {
        Sbom {
            id: s.id,
            release_id: s.release_id,
            version: s.version,
            components: s.component_count,
            created_at: s.created_at,
            created_by: s.created_by,
            approved_at: s.approved_at,
            approved_by: s.approved_by,
        }
    }
}

/// What an upload did.
#[derive(Serialize, ToSchema)]
pub struct Uploaded {
    /// The release's new SBOM version.
    pub sbom: Sbom,
    /// SHA-256 of the bytes received.
    pub sha256: String,
    /// Doubtful but usable content, with places.
    pub warnings: Vec<PlacedError>,
    /// Open findings of the release after matching.
    pub findings: usize,
    /// Of which in the KEV catalog.
    pub kev: usize,
}

/// Upload options.
#[derive(Deserialize, IntoParams)]
pub struct UploadParams {
    /// The supplier's name, for a supplier SBOM (merged with the maker's own).
    pub supplier: Option<String>,
    /// The file name it came from (for the record).
    pub filename: Option<String>,
}

/// Download options.
#[derive(Deserialize, IntoParams)]
pub struct DownloadParams {
    /// `cyclonedx` (CycloneDX 1.6 JSON, the default) or `spdx` (SPDX 2.3 JSON).
    pub format: Option<String>,
}

/// Lists the products the user may see (a hospital: those it has devices of).
#[utoipa::path(get, path = "/api/v1/products", tag = "portfolio",
    responses((status = 200, body = Products), (status = 401, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn list_products(
    State(state): State<AppState>,
    principal: Principal,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let products = state.store.products_for(principal.visibility()).await?;
    Ok(super::json_etag(
        &headers,
        &Products {
            products: products.into_iter().map(Product::from).collect(),
        },
    ))
}

/// Adds a product.
#[utoipa::path(post, path = "/api/v1/products", tag = "portfolio", request_body = NewProduct,
    responses((status = 201, body = Product), (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn add_product(
    State(state): State<AppState>,
    principal: Principal,
    Json(new): Json<NewProduct>,
) -> Result<(StatusCode, Json<Product>), ApiError> {
    principal.require(Permission::EditPortfolio)?;
    let name =
        ProductName::new(&new.name).map_err(|e| ApiError::invalid(e.to_string(), "/name"))?;
    let p = state
        .store
        .with_actor(principal.actor())
        .add_product(
            &name,
            new.vendor.as_deref().filter(|v| !v.trim().is_empty()),
            super::now(),
        )
        .await?;
    Ok((StatusCode::CREATED, Json(p.into())))
}

/// One product, by id or name.
#[utoipa::path(get, path = "/api/v1/products/{product}", tag = "portfolio",
    params(("product" = String, Path, description = "Product id or name")),
    responses((status = 200, body = Product), (status = 404, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn get_product(
    State(state): State<AppState>,
    principal: Principal,
    Path(product): Path<String>,
) -> Result<Json<Product>, ApiError> {
    let p = state
        .store
        .product_for(&product, principal.visibility())
        .await?;
    Ok(Json(p.into()))
}

/// A product's releases the user may see.
#[utoipa::path(get, path = "/api/v1/products/{product}/releases", tag = "portfolio",
    params(("product" = String, Path, description = "Product id or name")),
    responses((status = 200, body = Releases), (status = 404, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn list_releases(
    State(state): State<AppState>,
    principal: Principal,
    Path(product): Path<String>,
) -> Result<Json<Releases>, ApiError> {
    let vis = principal.visibility();
    let p = state.store.product_for(&product, vis).await?;
    let releases = state.store.releases_for(&p, vis).await?;
    Ok(Json(Releases {
        releases: releases.into_iter().map(Release::from).collect(),
    }))
}

/// Adds a release with its lifecycle milestones (which must be in order).
#[utoipa::path(post, path = "/api/v1/products/{product}/releases", tag = "portfolio", request_body = NewRelease,
    params(("product" = String, Path, description = "Product id or name")),
    responses((status = 201, body = Release), (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn add_release(
    State(state): State<AppState>,
    principal: Principal,
    Path(product): Path<String>,
    Json(new): Json<NewRelease>,
) -> Result<(StatusCode, Json<Release>), ApiError> {
    principal.require(Permission::EditPortfolio)?;
    let p = state
        .store
        .product_for(&product, principal.visibility())
        .await?;
    let version = ReleaseVersion::new(&new.version)
        .map_err(|e| ApiError::invalid(e.to_string(), "/version"))?;
    let l = &new.lifecycle;
    let lifecycle = Lifecycle::new(l.ga, l.end_of_sale, l.end_of_support, l.end_of_life)
        .map_err(|e| ApiError::invalid(e.to_string(), "/lifecycle"))?;
    let r = state
        .store
        .with_actor(principal.actor())
        .add_release(&p, &version, &lifecycle, super::now())
        .await?;
    Ok((StatusCode::CREATED, Json(r.into())))
}

/// One release by id.
#[utoipa::path(get, path = "/api/v1/releases/{id}", tag = "portfolio",
    params(("id" = i64, Path, description = "Release id")),
    responses((status = 200, body = Release), (status = 404, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn get_release(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
) -> Result<Json<Release>, ApiError> {
    Ok(Json(
        state
            .store
            .release_by_id(id, principal.visibility())
            .await?
            .into(),
    ))
}

/// Reads, checks and stores an SBOM document (CycloneDX 1.2–1.6 JSON/XML, SPDX 2.2/2.3
/// JSON/tag-value; the format is detected) as the release's next SBOM version, then
/// matches it. An invalid document is refused with every problem and its place; nothing
/// is stored.
#[utoipa::path(post, path = "/api/v1/releases/{id}/sbom", tag = "portfolio",
    params(("id" = i64, Path, description = "Release id"), UploadParams),
    request_body(content = String, description = "The SBOM document, as bytes", content_type = "application/octet-stream"),
    responses((status = 201, body = Uploaded), (status = 413, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn upload_sbom(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
    Query(params): Query<UploadParams>,
    body: Bytes,
) -> Result<(StatusCode, Json<Uploaded>), ApiError> {
    principal.require(Permission::UploadSbom)?;
    let release = state
        .store
        .release_by_id(id, principal.visibility())
        .await?;
    let uploaded = store_sbom(
        &state,
        &principal,
        &release,
        &body,
        params.filename.as_deref(),
        params.supplier.as_deref().filter(|s| !s.trim().is_empty()),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(uploaded)))
}

/// The upload step shared by the API and the console's form.
pub async fn store_sbom(
    state: &AppState,
    principal: &Principal,
    release: &ReleaseRow,
    bytes: &[u8],
    filename: Option<&str>,
    supplier: Option<&str>,
) -> Result<Uploaded, ApiError> {
    let name = filename.unwrap_or("upload").to_owned();
    let owned = bytes.to_vec();
    // Parsing a large document is CPU work: keep it off the async threads.
    let checked = tokio::task::spawn_blocking(move || mamori_sbom::read(&owned))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .map_err(|e| ApiError::Document {
            detail: format!("{name}: {e}"),
            errors: Vec::new(),
        })?;
    if !checked.is_valid() {
        return Err(ApiError::Document {
            detail: format!(
                "{name}: not imported: the SBOM has {} error(s)",
                checked.errors.len()
            ),
            errors: checked
                .errors
                .iter()
                .take(200)
                .map(|d| PlacedError {
                    pointer: d.pointer.clone(),
                    detail: d.message.clone(),
                })
                .collect(),
        });
    }
    let outcome = state
        .store
        .import_sbom(
            release,
            Incoming {
                bytes,
                filename,
                sbom: &checked.sbom,
                supplier,
            },
            principal.actor(),
            super::now(),
        )
        .await?;
    let open = state
        .store
        .findings(&FindingFilter {
            product: Some(release.product_id.to_string()),
            release: Some(release.version.clone()),
            ..Default::default()
        })
        .await?;
    Ok(Uploaded {
        sbom: outcome.sbom.into(),
        sha256: outcome.sha256,
        warnings: checked
            .warnings
            .iter()
            .take(200)
            .map(|d| PlacedError {
                pointer: d.pointer.clone(),
                detail: d.message.clone(),
            })
            .collect(),
        kev: open.iter().filter(|f| f.detail["kev"] == true).count(),
        findings: open.len(),
    })
}

/// The release's current SBOM, written as CycloneDX 1.6 or SPDX 2.3 JSON. Hospitals may
/// download the SBOMs of releases they run.
#[utoipa::path(get, path = "/api/v1/releases/{id}/sbom", tag = "portfolio",
    params(("id" = i64, Path, description = "Release id"), DownloadParams),
    responses((status = 200, description = "The document", content_type = "application/json"), (status = 404, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn download_sbom(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
    Query(params): Query<DownloadParams>,
) -> Result<Response, ApiError> {
    let release = state
        .store
        .release_by_id(id, principal.visibility())
        .await?;
    let format = match params.format.as_deref().unwrap_or("cyclonedx") {
        "cyclonedx" => DocumentFormat::CycloneDxJson,
        "spdx" => DocumentFormat::SpdxJson,
        other => {
            return Err(ApiError::invalid(
                format!("unknown format {other:?}: use cyclonedx or spdx"),
                "format",
            ));
        }
    };
    let stored = state
        .store
        .latest_sbom(&release)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("release {} has no SBOM", release.id)))?;
    let bytes = tokio::task::spawn_blocking(move || mamori_sbom::write(&stored.sbom, format))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let ext = if format == DocumentFormat::SpdxJson {
        "spdx.json"
    } else {
        "cdx.json"
    };
    let file = format!(
        "{}-{}.{ext}",
        sanitize(&release.product),
        sanitize(&release.version)
    );
    Ok((
        [
            (header::CONTENT_TYPE, "application/json".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Approves the release's latest SBOM version.
#[utoipa::path(post, path = "/api/v1/releases/{id}/sbom/approve", tag = "portfolio",
    params(("id" = i64, Path, description = "Release id")),
    responses((status = 200, body = Sbom), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn approve_sbom(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
) -> Result<Json<Sbom>, ApiError> {
    principal.require(Permission::ApproveSbom)?;
    let release = state
        .store
        .release_by_id(id, principal.visibility())
        .await?;
    let row = state
        .store
        .approve_sbom(&release, principal.actor(), super::now())
        .await?;
    Ok(Json(row.into()))
}
