//! Products and releases.

use crate::audit::{Event, Subject, action};
use crate::identity::Visibility;
use crate::{Store, StoreError, fmt_date, fmt_time, is_unique_violation, parse_date};
use mamori_model::{Lifecycle, ProductName, ReleaseVersion};
use serde_json::json;
use sqlx::Row;
use time::OffsetDateTime;

/// A stored product.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProductRow {
    /// Id.
    pub id: i64,
    /// Unique name.
    pub name: String,
    /// Vendor.
    pub vendor: Option<String>,
}

/// A stored release.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReleaseRow {
    /// Id.
    pub id: i64,
    /// Product id.
    pub product_id: i64,
    /// Product name.
    pub product: String,
    /// Version label.
    pub version: String,
    /// Lifecycle dates.
    pub lifecycle: Lifecycle,
}

impl Store {
    /// Adds a product; its name must be new. The audit record names [`Store::actor`].
    pub async fn add_product(
        &self,
        name: &ProductName,
        vendor: Option<&str>,
        now: OffsetDateTime,
    ) -> Result<ProductRow, StoreError> {
        let mut tx = self.pool.begin().await?;
        let r = sqlx::query(
            "INSERT INTO products (name, vendor, created_at) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(name.as_str())
        .bind(vendor)
        .bind(fmt_time(now))
        .fetch_one(&mut *tx)
        .await;
        match r {
            Ok(row) => {
                let p = ProductRow {
                    id: row.try_get(0)?,
                    name: name.as_str().to_owned(),
                    vendor: vendor.map(str::to_owned),
                };
                let event = Event::new(
                    now,
                    &self.actor,
                    action::PRODUCT_ADD,
                    Subject::product(p.id),
                )?
                .evidence(&json!({"set": {"name": p.name, "vendor": p.vendor}}));
                self.append_event_tx(&mut tx, &event).await?;
                tx.commit().await?;
                Ok(p)
            }
            Err(e) if is_unique_violation(&e) => Err(StoreError::Conflict {
                what: "product",
                name: name.as_str().to_owned(),
            }),
            Err(e) => Err(e.into()),
        }
    }

    /// Finds a product by name, or by id when `key` is a number that is no product's name.
    pub async fn product(&self, key: &str) -> Result<ProductRow, StoreError> {
        // One statement for both readings of the key (a name first, then an id).
        let key = key.trim();
        let row = sqlx::query(concat!(
            "SELECT id, name, vendor FROM products ",
            product_by_key!()
        ))
        .bind(key)
        .bind(key.parse::<i64>().ok())
        .bind(key)
        .fetch_optional(&self.pool)
        .await?;
        let row = row.ok_or_else(|| StoreError::NotFound {
            what: "product",
            name: key.to_owned(),
        })?;
        Ok(ProductRow {
            id: row.try_get(0)?,
            name: row.try_get(1)?,
            vendor: row.try_get(2)?,
        })
    }

    /// Lists products by name.
    pub async fn products(&self) -> Result<Vec<ProductRow>, StoreError> {
        let rows = sqlx::query("SELECT id, name, vendor FROM products ORDER BY name")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(ProductRow {
                    id: r.try_get(0)?,
                    name: r.try_get(1)?,
                    vendor: r.try_get(2)?,
                })
            })
            .collect()
    }

    /// Products visible at `vis`: all of them for the maker; for a hospital or
    /// distributor, those with a release among its devices in service.
    pub async fn products_for(&self, vis: Visibility) -> Result<Vec<ProductRow>, StoreError> {
        let Visibility::Organization(org) = vis else {
            return self.products().await;
        };
        let rows = sqlx::query(
            "SELECT id, name, vendor FROM products WHERE id IN (\
               SELECT r.product_id FROM releases r JOIN installed_devices d ON d.release_id = r.id \
               WHERE d.org_id = $1 AND d.decommissioned_on IS NULL) ORDER BY name",
        )
        .bind(org)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ProductRow {
                    id: r.try_get(0)?,
                    name: r.try_get(1)?,
                    vendor: r.try_get(2)?,
                })
            })
            .collect()
    }

    /// A product by name or id if visible at `vis`; `NotFound` otherwise, so a hospital
    /// cannot learn that another's product exists.
    pub async fn product_for(&self, key: &str, vis: Visibility) -> Result<ProductRow, StoreError> {
        let p = self.product(key).await?;
        match vis {
            Visibility::All => Ok(p),
            Visibility::Organization(_) => {
                if self.products_for(vis).await?.iter().any(|v| v.id == p.id) {
                    Ok(p)
                } else {
                    Err(StoreError::NotFound {
                        what: "product",
                        name: key.to_owned(),
                    })
                }
            }
        }
    }

    /// A product's releases visible at `vis` (a hospital sees those it runs).
    pub async fn releases_for(
        &self,
        product: &ProductRow,
        vis: Visibility,
    ) -> Result<Vec<ReleaseRow>, StoreError> {
        let Visibility::Organization(org) = vis else {
            return self.releases(product).await;
        };
        let rows = sqlx::query(
            "SELECT id, version, ga, end_of_sale, end_of_support, end_of_life FROM releases WHERE product_id = $1 AND id IN (\
               SELECT release_id FROM installed_devices WHERE org_id = $2 AND decommissioned_on IS NULL) ORDER BY id",
        )
        .bind(product.id)
        .bind(org)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| release_from_row(r, product)).collect()
    }

    /// A release by id if visible at `vis`.
    pub async fn release_by_id(&self, id: i64, vis: Visibility) -> Result<ReleaseRow, StoreError> {
        let row = sqlx::query("SELECT product_id FROM releases WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::NotFound {
                what: "release",
                name: id.to_string(),
            })?;
        let product_id: i64 = row.try_get(0)?;
        let row = sqlx::query("SELECT id, name, vendor FROM products WHERE id = $1")
            .bind(product_id)
            .fetch_one(&self.pool)
            .await?;
        let product = ProductRow {
            id: row.try_get(0)?,
            name: row.try_get(1)?,
            vendor: row.try_get(2)?,
        };
        self.releases_for(&product, vis)
            .await?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or_else(|| StoreError::NotFound {
                what: "release",
                name: id.to_string(),
            })
    }

    /// Adds a release to a product; the version must be new for that product. The audit
    /// record names [`Store::actor`].
    pub async fn add_release(
        &self,
        product: &ProductRow,
        version: &ReleaseVersion,
        lifecycle: &Lifecycle,
        now: OffsetDateTime,
    ) -> Result<ReleaseRow, StoreError> {
        use mamori_model::Milestone::*;
        let mut tx = self.pool.begin().await?;
        let r = sqlx::query(
            "INSERT INTO releases (product_id, version, ga, end_of_sale, end_of_support, end_of_life, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(product.id)
        .bind(version.as_str())
        .bind(fmt_date(lifecycle.get(GeneralAvailability)))
        .bind(fmt_date(lifecycle.get(EndOfSale)))
        .bind(fmt_date(lifecycle.get(EndOfSupport)))
        .bind(fmt_date(lifecycle.get(EndOfLife)))
        .bind(fmt_time(now))
        .fetch_one(&mut *tx)
        .await;
        match r {
            Ok(row) => {
                let r = ReleaseRow {
                    id: row.try_get(0)?,
                    product_id: product.id,
                    product: product.name.clone(),
                    version: version.as_str().to_owned(),
                    lifecycle: *lifecycle,
                };
                let event = Event::new(
                    now,
                    &self.actor,
                    action::RELEASE_ADD,
                    Subject::release(r.id),
                )?
                .evidence(&json!({"set": {
                    "product_id": r.product_id,
                    "product": r.product,
                    "version": r.version,
                    "ga": fmt_date(lifecycle.get(GeneralAvailability)),
                    "end_of_sale": fmt_date(lifecycle.get(EndOfSale)),
                    "end_of_support": fmt_date(lifecycle.get(EndOfSupport)),
                    "end_of_life": fmt_date(lifecycle.get(EndOfLife)),
                }}));
                self.append_event_tx(&mut tx, &event).await?;
                tx.commit().await?;
                Ok(r)
            }
            Err(e) if is_unique_violation(&e) => Err(StoreError::Conflict {
                what: "release",
                name: format!("{}@{}", product.name, version),
            }),
            Err(e) => Err(e.into()),
        }
    }

    /// Finds a release of a product.
    pub async fn release(
        &self,
        product: &ProductRow,
        version: &str,
    ) -> Result<ReleaseRow, StoreError> {
        let row = sqlx::query(
            "SELECT id, version, ga, end_of_sale, end_of_support, end_of_life FROM releases WHERE product_id = $1 AND version = $2",
        )
        .bind(product.id)
        .bind(version.trim())
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| StoreError::NotFound { what: "release", name: format!("{}@{}", product.name, version) })?;
        release_from_row(&row, product)
    }

    /// Lists a product's releases in the order they were added.
    pub async fn releases(&self, product: &ProductRow) -> Result<Vec<ReleaseRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, version, ga, end_of_sale, end_of_support, end_of_life FROM releases WHERE product_id = $1 ORDER BY id",
        )
        .bind(product.id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| release_from_row(r, product)).collect()
    }
}

fn release_from_row(
    row: &sqlx::any::AnyRow,
    product: &ProductRow,
) -> Result<ReleaseRow, StoreError> {
    let lifecycle = Lifecycle::new(
        parse_date(row.try_get(2)?),
        parse_date(row.try_get(3)?),
        parse_date(row.try_get(4)?),
        parse_date(row.try_get(5)?),
    )
    .map_err(|e| StoreError::Invalid(e.to_string()))?;
    Ok(ReleaseRow {
        id: row.try_get(0)?,
        product_id: product.id,
        product: product.name.clone(),
        version: row.try_get(1)?,
        lifecycle,
    })
}
