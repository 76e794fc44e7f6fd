//! The installed base: sites, the distributors that serve hospitals, devices with their history, file imports, and impact at a glance.
//!
//! A device is one organization's serial number; it moves between releases of a
//! product as patches are applied, and every move is kept in `device_history`,
//! because "patched" means exactly this: the device ran a release a vulnerability
//! affects and now runs one it does not. Hospitals write their own devices only;
//! a distributor or leasing company sees (and imports for) the hospitals it serves.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use mamori_hospital::{Exposure, Parsed, Reason, Rejected};
use mamori_model::OrgKind;
use serde_json::json;
use sqlx::{Any, Row, Transaction};
use time::{Date, OffsetDateTime};

use crate::audit::{Event, Subject};
use crate::identity::{OrgRow, Visibility};
use crate::notices::DeviceResponse;
use crate::vulns::{fetch_in, in_list};
use crate::{Store, StoreError, fmt_date, fmt_time, is_unique_violation, parse_date};

/// A site (campus, building) of an organization.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteRow {
    /// Id.
    pub id: i64,
    /// Organization.
    pub org_id: i64,
    /// Name, unique within the organization.
    pub name: String,
    /// Address.
    pub address: Option<String>,
}

/// What a hospital declares about a device, besides its identity and release.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeviceDetails {
    /// Site name (created for the organization when new).
    pub site: Option<String>,
    /// Where in the site.
    pub location: Option<String>,
    /// Network exposure.
    pub exposure: Option<Exposure>,
    /// Remote-maintenance arrangement.
    pub remote_maintenance: Option<String>,
    /// Installation date.
    pub installed_on: Option<Date>,
    /// Notes.
    pub notes: Option<String>,
}

/// An installed device with its organization, site, product and release.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InstalledDevice {
    /// Id.
    pub id: i64,
    /// Organization id.
    pub org_id: i64,
    /// Organization name.
    pub org_name: String,
    /// Site id.
    pub site_id: Option<i64>,
    /// Site name.
    pub site: Option<String>,
    /// Product id.
    pub product_id: i64,
    /// Product name.
    pub product: String,
    /// Release id.
    pub release_id: i64,
    /// Release version.
    pub release: String,
    /// Serial number.
    pub serial: String,
    /// Where in the site.
    pub location: Option<String>,
    /// Network exposure.
    pub exposure: Option<Exposure>,
    /// Remote maintenance.
    pub remote_maintenance: Option<String>,
    /// Installation date.
    pub installed_on: Option<Date>,
    /// Decommissioning date; `None` while in service.
    pub decommissioned_on: Option<Date>,
    /// Notes.
    pub notes: Option<String>,
}

/// One entry of a device's history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeviceEvent {
    /// `install`, `patch`, `release_change` (by an import), `decommission`.
    pub kind: String,
    /// Release before (version).
    pub from_release: Option<String>,
    /// Release after (version).
    pub to_release: Option<String>,
    /// The date it took effect, when given.
    pub on_date: Option<Date>,
    /// Who.
    pub actor: String,
    /// When recorded (RFC 3339).
    pub at: String,
    /// Note.
    pub note: Option<String>,
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InstalledImport {
    /// Devices added.
    pub created: usize,
    /// Devices changed.
    pub updated: usize,
    /// Devices already as the file says.
    pub unchanged: usize,
    /// Sites added.
    pub sites_created: usize,
    /// Rows the file or the store refused, by row number.
    pub rejected: Vec<Rejected>,
    /// Header cells that name no known column.
    pub ignored_columns: Vec<String>,
}

/// What an impact query asks about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImpactQuery {
    /// A vulnerability by any of its ids (CVE, GHSA, JVNDB …).
    Vulnerability(String),
    /// An advisory by id: the releases it covers.
    Advisory(i64),
    /// A component by purl (with its version), as written.
    Purl(String),
    /// A component by name and version, as SBOMs name it.
    Component {
        /// Name.
        name: String,
        /// Version.
        version: String,
    },
}

/// Whether an installed device is affected or has been patched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum DeviceImpact {
    /// Runs an affected release.
    Affected,
    /// Ran an affected release and moved to one that is not.
    Patched,
}

impl DeviceImpact {
    /// `affected` or `patched`.
    pub const fn as_str(self) -> &'static str {
        match self {
            DeviceImpact::Affected => "affected",
            DeviceImpact::Patched => "patched",
        }
    }
}

/// A release in an impact answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImpactRelease {
    /// Id.
    pub id: i64,
    /// Product name.
    pub product: String,
    /// Version.
    pub version: String,
    /// End of support.
    pub end_of_support: Option<Date>,
    /// Past its end of support on the query's date.
    pub legacy: bool,
    /// Whether the query finds it affected (else it is a release patched devices moved to).
    pub affected: bool,
}

/// A device in an impact answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImpactDevice {
    /// Device id.
    pub id: i64,
    /// Serial number.
    pub serial: String,
    /// The release it runs now.
    pub release_id: i64,
    /// Location in the site.
    pub location: Option<String>,
    /// Network exposure.
    pub exposure: Option<Exposure>,
    /// Affected or patched.
    pub status: DeviceImpact,
    /// It runs a release past its end of support.
    pub legacy: bool,
    /// What the hospital last reported for the device in answer to a notice of an advisory
    /// the query concerns (the device may still run the affected release: a mitigation, or a
    /// patch not yet recorded as a release change).
    pub reported: Option<DeviceResponse>,
}

/// A site's devices in an impact answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImpactSite {
    /// Site id (`None`: devices with no site recorded).
    pub id: Option<i64>,
    /// Site name.
    pub name: Option<String>,
    /// Devices, affected first, by serial.
    pub devices: Vec<ImpactDevice>,
}

/// A hospital's share of an impact answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImpactHospital {
    /// Organization id.
    pub org_id: i64,
    /// Name.
    pub name: String,
    /// Devices still affected.
    pub affected: usize,
    /// Devices patched.
    pub patched: usize,
    /// Affected devices on post-EOS releases.
    pub legacy: usize,
    /// Affected devices for which the hospital reported a patch or a mitigation.
    pub reported: usize,
    /// Sites by name (no site last).
    pub sites: Vec<ImpactSite>,
}

/// Who runs what an impact query asks about.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Impact {
    /// Every id the vulnerability query looked for (its alias group), upper-cased.
    pub ids: Vec<String>,
    /// The affected releases, then the releases patched devices run.
    pub releases: Vec<ImpactRelease>,
    /// Hospitals by name.
    pub hospitals: Vec<ImpactHospital>,
    /// Sites with at least one device listed.
    pub sites: usize,
    /// Devices affected.
    pub affected: usize,
    /// Devices patched.
    pub patched: usize,
    /// Affected devices on post-EOS releases.
    pub legacy: usize,
    /// Affected devices for which the hospital reported a patch or a mitigation.
    pub reported: usize,
}

// Finding states that still count as affecting: not ruled out, not fixed.
const COUNTING_STATES: &str = "'in_triage', 'under_investigation', 'exploitable'";

const DEVICE_COLUMNS: &str = "d.id, d.org_id, o.name, d.site_id, COALESCE(s.name, d.site), p.id, p.name, \
     d.release_id, r.version, d.serial, d.location, d.network_exposure, d.remote_maintenance, \
     d.installed_on, d.decommissioned_on, d.notes";
const DEVICE_FROM: &str = "installed_devices d JOIN organizations o ON o.id = d.org_id \
     LEFT JOIN sites s ON s.id = d.site_id JOIN releases r ON r.id = d.release_id \
     JOIN products p ON p.id = r.product_id";
// The organizations one may see: its own and, for a distributor, the hospitals it serves.
const VISIBLE_ORGS: &str =
    "(d.org_id = $1 OR d.org_id IN (SELECT hospital_id FROM org_service WHERE provider_id = $1))";

fn device_from_row(r: &sqlx::any::AnyRow) -> Result<InstalledDevice, StoreError> {
    let exposure: Option<String> = r.try_get(11)?;
    Ok(InstalledDevice {
        id: r.try_get(0)?,
        org_id: r.try_get(1)?,
        org_name: r.try_get(2)?,
        site_id: r.try_get(3)?,
        site: r.try_get(4)?,
        product_id: r.try_get(5)?,
        product: r.try_get(6)?,
        release_id: r.try_get(7)?,
        release: r.try_get(8)?,
        serial: r.try_get(9)?,
        location: r.try_get(10)?,
        exposure: exposure.as_deref().and_then(Exposure::parse),
        remote_maintenance: r.try_get(12)?,
        installed_on: parse_date(r.try_get(13)?),
        decommissioned_on: parse_date(r.try_get(14)?),
        notes: r.try_get(15)?,
    })
}

fn not_found(id: i64) -> StoreError {
    StoreError::NotFound {
        what: "installed device",
        name: id.to_string(),
    }
}

fn clean(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

impl Store {
    /// Adds a site to an organization; its name must be new there.
    pub async fn add_site(
        &self,
        org_id: i64,
        name: &str,
        address: Option<&str>,
        actor: &str,
        now: OffsetDateTime,
    ) -> Result<SiteRow, StoreError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid("site name is empty".into()));
        }
        self.organization(&org_id.to_string()).await?;
        let mut tx = self.pool.begin().await?;
        let r = sqlx::query(
            "INSERT INTO sites (org_id, name, address, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(org_id)
        .bind(name)
        .bind(clean(address))
        .bind(fmt_time(now))
        .fetch_one(&mut *tx)
        .await;
        let id: i64 = match r {
            Ok(row) => row.try_get(0)?,
            Err(e) if is_unique_violation(&e) => {
                return Err(StoreError::Conflict {
                    what: "site",
                    name: name.to_owned(),
                });
            }
            Err(e) => return Err(e.into()),
        };
        let event = Event::new(
            now,
            actor,
            "site.add",
            Subject::new("site", &id.to_string())?,
        )?
        .evidence(&json!({"set": {"org_id": org_id, "name": name, "address": clean(address)}}));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        Ok(SiteRow {
            id,
            org_id,
            name: name.to_owned(),
            address: clean(address),
        })
    }

    /// The sites visible at `vis`, by organization and name.
    pub async fn sites(&self, vis: Visibility) -> Result<Vec<SiteRow>, StoreError> {
        let rows = match vis {
            Visibility::All => {
                sqlx::query("SELECT id, org_id, name, address FROM sites ORDER BY org_id, name")
                    .fetch_all(&self.pool)
                    .await?
            }
            Visibility::Organization(org) => sqlx::query(
                "SELECT id, org_id, name, address FROM sites d WHERE (d.org_id = $1 OR d.org_id IN \
                 (SELECT hospital_id FROM org_service WHERE provider_id = $1)) ORDER BY org_id, name",
            )
            .bind(org)
            .fetch_all(&self.pool)
            .await?,
        };
        rows.iter()
            .map(|r| {
                Ok(SiteRow {
                    id: r.try_get(0)?,
                    org_id: r.try_get(1)?,
                    name: r.try_get(2)?,
                    address: r.try_get(3)?,
                })
            })
            .collect()
    }

    /// Records that a distributor or leasing company serves a hospital: it sees and may
    /// import the hospital's installed base.
    pub async fn add_service(
        &self,
        provider_id: i64,
        hospital_id: i64,
        actor: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let provider = self.organization(&provider_id.to_string()).await?;
        let hospital = self.organization(&hospital_id.to_string()).await?;
        if provider.kind != OrgKind::Distributor || hospital.kind != OrgKind::Hospital {
            return Err(StoreError::Invalid(format!(
                "{:?} must be a distributor and {:?} a hospital",
                provider.name, hospital.name
            )));
        }
        let mut tx = self.pool.begin().await?;
        let r = sqlx::query(
            "INSERT INTO org_service (provider_id, hospital_id, created_at) VALUES ($1, $2, $3)",
        )
        .bind(provider_id)
        .bind(hospital_id)
        .bind(fmt_time(now))
        .execute(&mut *tx)
        .await;
        match r {
            Ok(_) => {}
            Err(e) if is_unique_violation(&e) => return Ok(()),
            Err(e) => return Err(e.into()),
        }
        let event = Event::new(
            now,
            actor,
            "org.serve",
            Subject::new("org", &provider_id.to_string())?,
        )?
        .evidence(&json!({"set": {"hospital_id": hospital_id}}));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The hospitals a distributor serves, by name.
    pub async fn served_hospitals(&self, provider_id: i64) -> Result<Vec<OrgRow>, StoreError> {
        let ids: Vec<i64> = sqlx::query(
            "SELECT hospital_id FROM org_service WHERE provider_id = $1 ORDER BY hospital_id",
        )
        .bind(provider_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| r.try_get(0))
        .collect::<Result<_, _>>()?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.push(self.organization(&id.to_string()).await?);
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// Whether `vis` may see (and, with a hospital role, write) organization `org_id`'s devices.
    pub async fn may_see_org(&self, vis: Visibility, org_id: i64) -> Result<bool, StoreError> {
        match vis {
            Visibility::All => Ok(true),
            Visibility::Organization(own) if own == org_id => Ok(true),
            Visibility::Organization(own) => Ok(sqlx::query(
                "SELECT 1 FROM org_service WHERE provider_id = $1 AND hospital_id = $2",
            )
            .bind(own)
            .bind(org_id)
            .fetch_optional(&self.pool)
            .await?
            .is_some()),
        }
    }

    /// The devices visible at `vis`, by organization, site and serial; decommissioned ones too when asked.
    pub async fn devices_for(
        &self,
        vis: Visibility,
        include_decommissioned: bool,
    ) -> Result<Vec<InstalledDevice>, StoreError> {
        let live = if include_decommissioned {
            ""
        } else {
            " AND d.decommissioned_on IS NULL"
        };
        let order = " ORDER BY o.name, COALESCE(s.name, d.site), d.serial";
        let rows = match vis {
            Visibility::All => {
                let sql =
                    format!("SELECT {DEVICE_COLUMNS} FROM {DEVICE_FROM} WHERE 1 = 1{live}{order}");
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .fetch_all(&self.pool)
                    .await?
            }
            Visibility::Organization(org) => {
                let sql = format!(
                    "SELECT {DEVICE_COLUMNS} FROM {DEVICE_FROM} WHERE {VISIBLE_ORGS}{live}{order}"
                );
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(org)
                    .fetch_all(&self.pool)
                    .await?
            }
        };
        rows.iter().map(device_from_row).collect()
    }

    /// One device, if visible at `vis` (else not found, so ids of others' devices reveal nothing).
    pub async fn device_for(
        &self,
        id: i64,
        vis: Visibility,
    ) -> Result<InstalledDevice, StoreError> {
        let sql = format!("SELECT {DEVICE_COLUMNS} FROM {DEVICE_FROM} WHERE d.id = $1");
        let device = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(device_from_row)
            .transpose()?
            .ok_or_else(|| not_found(id))?;
        if self.may_see_org(vis, device.org_id).await? {
            Ok(device)
        } else {
            Err(not_found(id))
        }
    }

    /// A device's history, oldest first.
    pub async fn device_history(
        &self,
        id: i64,
        vis: Visibility,
    ) -> Result<Vec<DeviceEvent>, StoreError> {
        self.device_for(id, vis).await?;
        sqlx::query(
            "SELECT h.kind, f.version, t.version, h.on_date, h.actor, h.at, h.note FROM device_history h \
             LEFT JOIN releases f ON f.id = h.from_release_id LEFT JOIN releases t ON t.id = h.to_release_id \
             WHERE h.device_id = $1 ORDER BY h.id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(DeviceEvent {
                kind: r.try_get(0)?,
                from_release: r.try_get(1)?,
                to_release: r.try_get(2)?,
                on_date: parse_date(r.try_get(3)?),
                actor: r.try_get(4)?,
                at: r.try_get(5)?,
                note: r.try_get(6)?,
            })
        })
        .collect()
    }

    /// Adds a device to an organization that `vis` may write.
    #[allow(clippy::too_many_arguments)]
    pub async fn add_device(
        &self,
        org_id: i64,
        release_id: i64,
        serial: &str,
        details: &DeviceDetails,
        vis: Visibility,
        actor: &str,
        now: OffsetDateTime,
    ) -> Result<InstalledDevice, StoreError> {
        let serial = mamori_hospital::Serial::parse(serial)
            .ok_or_else(|| StoreError::Invalid("serial number is empty or malformed".into()))?;
        if !self.may_see_org(vis, org_id).await? {
            return Err(StoreError::NotFound {
                what: "organization",
                name: org_id.to_string(),
            });
        }
        self.organization(&org_id.to_string()).await?;
        self.release_by_id(release_id, Visibility::All).await?;
        let mut tx = self.pool.begin().await?;
        let (site_id, _) = site_id_tx(&mut tx, org_id, details.site.as_deref(), now).await?;
        let id = insert_device_tx(
            &mut tx,
            org_id,
            release_id,
            serial.as_str(),
            site_id,
            details,
            None,
            now,
        )
        .await
        .map_err(|e| match e {
            StoreError::Db(ref d) if is_unique_violation(d) => StoreError::Conflict {
                what: "installed device",
                name: serial.to_string(),
            },
            e => e,
        })?;
        history_tx(
            &mut tx,
            id,
            "install",
            None,
            Some(release_id),
            details.installed_on,
            actor,
            now,
            None,
        )
        .await?;
        let event = Event::new(
            now,
            actor,
            "device.add",
            Subject::new("device", &id.to_string())?,
        )?
        .evidence(&json!({"set": details_json(org_id, release_id, serial.as_str(), details)}));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        self.device_for(id, Visibility::All).await
    }

    /// Changes what is declared about a device (not its release: see [`Store::apply_patch`]).
    pub async fn update_device(
        &self,
        id: i64,
        details: &DeviceDetails,
        vis: Visibility,
        actor: &str,
        now: OffsetDateTime,
    ) -> Result<InstalledDevice, StoreError> {
        let before = self.device_for(id, vis).await?;
        let mut tx = self.pool.begin().await?;
        let (site_id, _) = site_id_tx(&mut tx, before.org_id, details.site.as_deref(), now).await?;
        update_details_tx(&mut tx, id, site_id, details, now).await?;
        let event = Event::new(now, actor, "device.update", Subject::new("device", &id.to_string())?)?
            .evidence(&json!({
                "set": details_json(before.org_id, before.release_id, &before.serial, details),
                "was": details_json(before.org_id, before.release_id, &before.serial, &details_of(&before)),
            }));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        self.device_for(id, Visibility::All).await
    }

    /// Records that a patch moved a device to another release of its product. A hospital
    /// user may do it for its own devices (`vis` scopes which); it is audited and kept in
    /// the device's history, which is what marks the device patched in impact answers.
    pub async fn apply_patch(
        &self,
        device_id: i64,
        to_release_id: i64,
        on: Option<Date>,
        vis: Visibility,
        actor: &str,
        now: OffsetDateTime,
    ) -> Result<InstalledDevice, StoreError> {
        let before = self.device_for(device_id, vis).await?;
        if before.decommissioned_on.is_some() {
            return Err(StoreError::Invalid(format!(
                "device {} is decommissioned",
                before.serial
            )));
        }
        let to = self.release_by_id(to_release_id, Visibility::All).await?;
        if to.product_id != before.product_id {
            return Err(StoreError::Invalid(format!(
                "release {} is not a release of {}",
                to.version, before.product
            )));
        }
        if to.id == before.release_id {
            return Err(StoreError::Invalid(format!(
                "device {} already runs {}",
                before.serial, to.version
            )));
        }
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE installed_devices SET release_id = $1, updated_at = $2 WHERE id = $3")
            .bind(to.id)
            .bind(fmt_time(now))
            .bind(device_id)
            .execute(&mut *tx)
            .await?;
        history_tx(
            &mut tx,
            device_id,
            "patch",
            Some(before.release_id),
            Some(to.id),
            on,
            actor,
            now,
            None,
        )
        .await?;
        let event = Event::new(now, actor, "device.patch", Subject::new("device", &device_id.to_string())?)?
            .evidence(&json!({"set": {"release_id": to.id, "release": to.version, "on": fmt_date(on)},
                               "was": {"release_id": before.release_id, "release": before.release}}));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        self.device_for(device_id, Visibility::All).await
    }

    /// Takes a device out of service on `on`; it stays listed with its history.
    pub async fn decommission_device(
        &self,
        device_id: i64,
        on: Date,
        vis: Visibility,
        actor: &str,
        now: OffsetDateTime,
    ) -> Result<InstalledDevice, StoreError> {
        let before = self.device_for(device_id, vis).await?;
        if before.decommissioned_on.is_some() {
            return Err(StoreError::Invalid(format!(
                "device {} is already decommissioned",
                before.serial
            )));
        }
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "UPDATE installed_devices SET decommissioned_on = $1, updated_at = $2 WHERE id = $3",
        )
        .bind(on.to_string())
        .bind(fmt_time(now))
        .bind(device_id)
        .execute(&mut *tx)
        .await?;
        history_tx(
            &mut tx,
            device_id,
            "decommission",
            Some(before.release_id),
            None,
            Some(on),
            actor,
            now,
            None,
        )
        .await?;
        let event = Event::new(
            now,
            actor,
            "device.decommission",
            Subject::new("device", &device_id.to_string())?,
        )?
        .evidence(&json!({"set": {"decommissioned_on": on.to_string()}}));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        self.device_for(device_id, Visibility::All).await
    }

    /// Imports parsed rows in one transaction: upsert by organization and serial number.
    /// Organizations, products and releases are matched by name; a row naming an unknown
    /// one (or a hospital `vis` may not write) is rejected with its row number, never
    /// created. Sites are the hospital's own: new ones are added. A hospital's own file
    /// may leave the hospital column empty; the maker's and a distributor's may not.
    pub async fn import_installed_base(
        &self,
        parsed: &Parsed,
        vis: Visibility,
        actor: &str,
        now: OffsetDateTime,
    ) -> Result<InstalledImport, StoreError> {
        let mut out = InstalledImport {
            rejected: parsed.rejected.clone(),
            ignored_columns: parsed.ignored_columns.clone(),
            ..InstalledImport::default()
        };
        let own: Option<OrgRow> = match vis {
            Visibility::All => None,
            Visibility::Organization(id) => Some(self.organization(&id.to_string()).await?),
        };
        let mut orgs: HashMap<String, Result<i64, String>> = HashMap::new();
        let mut releases: HashMap<(String, String), Result<i64, String>> = HashMap::new();
        let mut tx = self.pool.begin().await?;
        for line in &parsed.rows {
            let refuse = |column, value: &str, why: String| Rejected {
                row: line.row,
                column: Some(column),
                value: value.chars().take(100).collect(),
                reason: Reason::Refused(why),
            };
            use mamori_hospital::Column;
            // Which organization the row belongs to.
            let org_id = match (&line.hospital, &own) {
                (None, Some(o)) if o.kind == OrgKind::Hospital => Ok(o.id),
                (None, _) => Err(refuse(
                    Column::Hospital,
                    "",
                    "the hospital is missing".into(),
                )),
                (Some(name), _) => {
                    if !orgs.contains_key(name) {
                        let found = match org_by_name_tx(&mut tx, name).await? {
                            None => Err(format!("unknown organization {name:?}")),
                            Some((id, kind)) if kind != OrgKind::Hospital => {
                                let _ = id;
                                Err(format!("{name:?} is not a hospital"))
                            }
                            Some((id, _)) => match &own {
                                None => Ok(id),
                                Some(o) if o.id == id => Ok(id),
                                Some(o) => {
                                    let served = sqlx::query(
                                        "SELECT 1 FROM org_service WHERE provider_id = $1 AND hospital_id = $2",
                                    )
                                    .bind(o.id)
                                    .bind(id)
                                    .fetch_optional(&mut *tx)
                                    .await?
                                    .is_some();
                                    if served {
                                        Ok(id)
                                    } else {
                                        Err(format!(
                                            "{name:?} is not an organization you may write"
                                        ))
                                    }
                                }
                            },
                        };
                        orgs.insert(name.clone(), found);
                    }
                    orgs[name]
                        .clone()
                        .map_err(|why| refuse(Column::Hospital, name, why))
                }
            };
            let org_id = match org_id {
                Ok(id) => id,
                Err(r) => {
                    out.rejected.push(r);
                    continue;
                }
            };
            let key = (line.product.clone(), line.release.clone());
            if !releases.contains_key(&key) {
                let found = release_by_name_tx(&mut tx, &line.product, &line.release).await?;
                releases.insert(key.clone(), found);
            }
            let release_id = match &releases[&key] {
                Ok(id) => *id,
                Err(why) => {
                    let column = if why.starts_with("unknown product") {
                        Column::Product
                    } else {
                        Column::Release
                    };
                    let value = if column == Column::Product {
                        &line.product
                    } else {
                        &line.release
                    };
                    out.rejected.push(refuse(column, value, why.clone()));
                    continue;
                }
            };
            let details = DeviceDetails {
                site: line.site.clone(),
                location: line.location.clone(),
                exposure: line.exposure,
                remote_maintenance: line.remote_maintenance.clone(),
                installed_on: line.installed_on,
                notes: line.notes.clone(),
            };
            let (site_id, site_new) =
                site_id_tx(&mut tx, org_id, line.site.as_deref(), now).await?;
            out.sites_created += usize::from(site_new);
            let existing = sqlx::query(
                "SELECT id, release_id, site_id, location, network_exposure, remote_maintenance, installed_on, \
                 decommissioned_on, notes FROM installed_devices WHERE org_id = $1 AND serial = $2",
            )
            .bind(org_id)
            .bind(line.serial.as_str())
            .fetch_optional(&mut *tx)
            .await?;
            match existing {
                None => {
                    let id = insert_device_tx(
                        &mut tx,
                        org_id,
                        release_id,
                        line.serial.as_str(),
                        site_id,
                        &details,
                        line.decommissioned_on,
                        now,
                    )
                    .await?;
                    history_tx(
                        &mut tx,
                        id,
                        "install",
                        None,
                        Some(release_id),
                        line.installed_on,
                        actor,
                        now,
                        Some("import"),
                    )
                    .await?;
                    if let Some(d) = line.decommissioned_on {
                        history_tx(
                            &mut tx,
                            id,
                            "decommission",
                            Some(release_id),
                            None,
                            Some(d),
                            actor,
                            now,
                            Some("import"),
                        )
                        .await?;
                    }
                    out.created += 1;
                }
                Some(row) => {
                    let id: i64 = row.try_get(0)?;
                    let old_release: i64 = row.try_get(1)?;
                    let old_site: Option<i64> = row.try_get(2)?;
                    let old = (
                        old_site,
                        row.try_get::<Option<String>, _>(3)?,
                        row.try_get::<Option<String>, _>(4)?,
                        row.try_get::<Option<String>, _>(5)?,
                        row.try_get::<Option<String>, _>(6)?,
                        row.try_get::<Option<String>, _>(8)?,
                    );
                    let old_decommissioned: Option<String> = row.try_get(7)?;
                    let new = (
                        site_id,
                        clean(details.location.as_deref()),
                        details.exposure.map(|e| e.as_str().to_owned()),
                        clean(details.remote_maintenance.as_deref()),
                        fmt_date(details.installed_on),
                        clean(details.notes.as_deref()),
                    );
                    let mut changed = false;
                    if old != new {
                        update_details_tx(&mut tx, id, site_id, &details, now).await?;
                        changed = true;
                    }
                    if old_release != release_id {
                        sqlx::query("UPDATE installed_devices SET release_id = $1, updated_at = $2 WHERE id = $3")
                            .bind(release_id)
                            .bind(fmt_time(now))
                            .bind(id)
                            .execute(&mut *tx)
                            .await?;
                        history_tx(
                            &mut tx,
                            id,
                            "release_change",
                            Some(old_release),
                            Some(release_id),
                            None,
                            actor,
                            now,
                            Some("import"),
                        )
                        .await?;
                        changed = true;
                    }
                    if old_decommissioned.is_none()
                        && let Some(d) = line.decommissioned_on
                    {
                        sqlx::query("UPDATE installed_devices SET decommissioned_on = $1, updated_at = $2 WHERE id = $3")
                            .bind(d.to_string())
                            .bind(fmt_time(now))
                            .bind(id)
                            .execute(&mut *tx)
                            .await?;
                        history_tx(
                            &mut tx,
                            id,
                            "decommission",
                            Some(release_id),
                            None,
                            Some(d),
                            actor,
                            now,
                            Some("import"),
                        )
                        .await?;
                        changed = true;
                    }
                    if changed {
                        out.updated += 1;
                    } else {
                        out.unchanged += 1;
                    }
                }
            }
        }
        out.rejected.sort_by_key(|r| r.row);
        let subject = match vis {
            Visibility::All => Subject::new("installed_base", "all")?,
            Visibility::Organization(o) => Subject::new("installed_base", &o.to_string())?,
        };
        let event = Event::new(now, actor, "installed.import", subject)?.evidence(&json!({
            "created": out.created, "updated": out.updated, "unchanged": out.unchanged,
            "sites_created": out.sites_created, "rejected": out.rejected.len(),
        }));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        Ok(out)
    }

    /// Which hospitals, sites and devices (in service, visible at `vis`) a vulnerability,
    /// an advisory or a component version touches, each device affected or patched, and
    /// legacy when its release is past end of support on `now`'s date. For a vulnerability
    /// a release counts when it has an open finding of any id of the alias group that is
    /// not ruled out (`not_affected`, `false_positive`) or fixed (`resolved…`).
    pub async fn impact(
        &self,
        query: &ImpactQuery,
        vis: Visibility,
        now: OffsetDateTime,
    ) -> Result<Impact, StoreError> {
        let (ids, affected) = self.impact_releases(query).await?;
        let advisories = match query {
            ImpactQuery::Advisory(id) => vec![*id],
            ImpactQuery::Vulnerability(_) => self.advisories_naming(&ids).await?,
            ImpactQuery::Purl(_) | ImpactQuery::Component { .. } => Vec::new(),
        };
        let mut impact = self
            .impact_of_releases(ids, &affected, vis, now.date())
            .await?;
        self.attach_reports(&mut impact, &advisories).await?;
        Ok(impact)
    }

    /// The advisories that name any of `ids` (upper-cased).
    async fn advisories_naming(&self, ids: &[String]) -> Result<Vec<i64>, StoreError> {
        let rows = fetch_in(
            &self.pool,
            "SELECT DISTINCT advisory_id FROM advisory_vulns WHERE UPPER(vuln_id) IN ({})",
            ids,
        )
        .await?;
        let out: BTreeSet<i64> = rows
            .iter()
            .map(|r| r.try_get::<i64, _>(0))
            .collect::<Result<_, _>>()?;
        Ok(out.into_iter().collect())
    }

    /// Marks the affected devices whose hospital answered a notice of one of `advisories` with
    /// a patch or a mitigation (the latest answer counts).
    async fn attach_reports(
        &self,
        impact: &mut Impact,
        advisories: &[i64],
    ) -> Result<(), StoreError> {
        if advisories.is_empty() || impact.affected == 0 {
            return Ok(());
        }
        let mut latest: HashMap<i64, (String, DeviceResponse)> = HashMap::new();
        let rows = fetch_in(
            &self.pool,
            "SELECT nd.device_id, nd.responded_at, nd.response FROM notices n \
             JOIN notice_devices nd ON nd.notice_id = n.id \
             WHERE n.advisory_id IN ({}) AND nd.response IS NOT NULL",
            advisories,
        )
        .await?;
        for r in rows {
            let device: i64 = r.try_get(0)?;
            let at: Option<String> = r.try_get(1)?;
            let Some(response) = DeviceResponse::parse(&r.try_get::<String, _>(2)?) else {
                continue;
            };
            let at = at.unwrap_or_default();
            match latest.get(&device) {
                Some((seen, _)) if *seen >= at => {}
                _ => {
                    latest.insert(device, (at, response));
                }
            }
        }
        if latest.is_empty() {
            return Ok(());
        }
        impact.reported = 0;
        for h in &mut impact.hospitals {
            h.reported = 0;
            for s in &mut h.sites {
                for d in &mut s.devices {
                    if d.status == DeviceImpact::Affected {
                        d.reported = latest.get(&d.id).map(|(_, r)| *r);
                        h.reported += usize::from(d.reported.is_some());
                    }
                }
            }
            impact.reported += h.reported;
        }
        Ok(())
    }

    async fn impact_releases(
        &self,
        query: &ImpactQuery,
    ) -> Result<(Vec<String>, BTreeSet<i64>), StoreError> {
        let mut set = BTreeSet::new();
        let mut ids_out = Vec::new();
        match query {
            ImpactQuery::Vulnerability(id) => {
                let mut ids: BTreeSet<String> = BTreeSet::new();
                ids.insert(id.trim().to_ascii_uppercase());
                for g in self.alias_groups(id).await? {
                    ids.extend(g.ids.iter().map(|i| i.to_ascii_uppercase()));
                    ids.insert(g.anchor.to_ascii_uppercase());
                }
                ids_out = ids.iter().cloned().collect();
                for chunk in ids_out.chunks(crate::vulns::IN_CHUNK) {
                    let sql = format!(
                        // CROSS JOIN keeps SQLite starting from the id index.
                        "SELECT DISTINCT f.release_id FROM finding_ids i CROSS JOIN findings f \
                         WHERE f.id = i.finding_id AND f.status = 'open' AND f.state IN ({COUNTING_STATES}) \
                         AND i.id_key IN ({})",
                        in_list(1, chunk.len())
                    );
                    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                    for k in chunk {
                        q = q.bind(k.clone());
                    }
                    for r in q.fetch_all(&self.pool).await? {
                        set.insert(r.try_get(0)?);
                    }
                }
            }
            ImpactQuery::Advisory(id) => {
                self.advisory(*id).await?;
                for r in sqlx::query("SELECT release_id FROM advisory_releases WHERE advisory_id = $1")
                    .bind(*id)
                    .fetch_all(&self.pool)
                    .await?
                {
                    set.insert(r.try_get(0)?);
                }
            }
            ImpactQuery::Purl(text) => {
                let purl = mamori_purl::Purl::parse(text.trim())
                    .map_err(|e| StoreError::Invalid(format!("purl {text:?}: {e}")))?;
                if purl.version().is_none() {
                    return Err(StoreError::Invalid(
                        "the purl has no version: impact needs a component version".into(),
                    ));
                }
                let q = crate::findings::WhereQuery::Purl {
                    purl,
                    range: None,
                };
                let rows = self.where_component(&q).await?;
                let mut wanted: BTreeSet<(String, String)> = BTreeSet::new();
                for w in rows {
                    wanted.insert((w.product, w.release));
                }
                for (product, release) in wanted {
                    if let Ok(id) = release_by_name(&self.pool, &product, &release).await? {
                        set.insert(id);
                    }
                }
            }
            ImpactQuery::Component { name, version } => {
                for r in sqlx::query(
                    "SELECT DISTINCT s.release_id FROM components c JOIN sboms s ON s.id = c.sbom_id \
                     WHERE LOWER(c.name) = LOWER($1) AND c.version = $2 \
                     AND s.version = (SELECT MAX(t.version) FROM sboms t WHERE t.release_id = s.release_id)",
                )
                .bind(name.trim())
                .bind(version.trim())
                .fetch_all(&self.pool)
                .await?
                {
                    set.insert(r.try_get(0)?);
                }
            }
        }
        Ok((ids_out, set))
    }

    async fn impact_of_releases(
        &self,
        ids: Vec<String>,
        affected: &BTreeSet<i64>,
        vis: Visibility,
        today: Date,
    ) -> Result<Impact, StoreError> {
        let mut impact = Impact {
            ids,
            ..Impact::default()
        };
        if affected.is_empty() {
            return Ok(impact);
        }
        let list: Vec<i64> = affected.iter().copied().collect();
        let n = list.len();
        let (scope, scope_param) = match vis {
            Visibility::All => (String::new(), None),
            Visibility::Organization(org) => (
                format!(
                    " AND (d.org_id = ${p} OR d.org_id IN (SELECT hospital_id FROM org_service WHERE provider_id = ${p}))",
                    p = n + 1
                ),
                Some(org),
            ),
        };
        // Device id, org, org name, site id, site name, release, serial, location, exposure.
        let cols = "d.id, d.org_id, o.name, d.site_id, COALESCE(s.name, d.site), d.release_id, d.serial, d.location, d.network_exposure";
        let from = "installed_devices d JOIN organizations o ON o.id = d.org_id LEFT JOIN sites s ON s.id = d.site_id";
        let affected_sql = format!(
            "SELECT {cols} FROM {from} WHERE d.release_id IN ({}) AND d.decommissioned_on IS NULL{scope}",
            in_list(1, n)
        );
        let patched_sql = format!(
            "SELECT {cols} FROM {from} WHERE d.id IN (SELECT h.device_id FROM device_history h WHERE h.from_release_id IN ({})) \
             AND d.decommissioned_on IS NULL{scope}",
            in_list(1, n)
        );
        let mut raw: Vec<(sqlx::any::AnyRow, DeviceImpact)> = Vec::new();
        for (sql, status) in [
            (affected_sql, DeviceImpact::Affected),
            (patched_sql, DeviceImpact::Patched),
        ] {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for id in &list {
                q = q.bind(*id);
            }
            if let Some(org) = scope_param {
                q = q.bind(org);
            }
            for r in q.fetch_all(&self.pool).await? {
                raw.push((r, status));
            }
        }
        // Hospitals by id, then sites by id (None last), then devices.
        type SiteKey = (Option<i64>, Option<String>);
        let mut tree: BTreeMap<i64, (String, BTreeMap<SiteKey, Vec<ImpactDevice>>)> =
            BTreeMap::new();
        let mut release_ids: BTreeSet<i64> = affected.clone();
        let mut seen: BTreeSet<i64> = BTreeSet::new();
        for (r, status) in raw {
            let id: i64 = r.try_get(0)?;
            let release_id: i64 = r.try_get(5)?;
            // A patched candidate that moved to another affected release is listed as affected.
            if status == DeviceImpact::Patched && affected.contains(&release_id) {
                continue;
            }
            if !seen.insert(id) {
                continue;
            }
            release_ids.insert(release_id);
            let exposure: Option<String> = r.try_get(8)?;
            let device = ImpactDevice {
                id,
                serial: r.try_get(6)?,
                release_id,
                location: r.try_get(7)?,
                exposure: exposure.as_deref().and_then(Exposure::parse),
                status,
                legacy: false,
                reported: None,
            };
            let org: i64 = r.try_get(1)?;
            let org_name: String = r.try_get(2)?;
            let site: SiteKey = (r.try_get(3)?, r.try_get(4)?);
            tree.entry(org)
                .or_insert_with(|| (org_name, BTreeMap::new()))
                .1
                .entry(site)
                .or_default()
                .push(device);
        }
        // The releases named: affected ones and those patched devices run.
        let rel_list: Vec<i64> = release_ids.iter().copied().collect();
        let mut releases: HashMap<i64, ImpactRelease> = HashMap::new();
        for chunk in rel_list.chunks(crate::vulns::IN_CHUNK) {
            let sql = format!(
                "SELECT r.id, p.name, r.version, r.end_of_support FROM releases r JOIN products p ON p.id = r.product_id \
                 WHERE r.id IN ({})",
                in_list(1, chunk.len())
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for id in chunk {
                q = q.bind(*id);
            }
            for r in q.fetch_all(&self.pool).await? {
                let id: i64 = r.try_get(0)?;
                let eos = parse_date(r.try_get(3)?);
                releases.insert(
                    id,
                    ImpactRelease {
                        id,
                        product: r.try_get(1)?,
                        version: r.try_get(2)?,
                        end_of_support: eos,
                        legacy: eos.is_some_and(|d| d < today),
                        affected: affected.contains(&id),
                    },
                );
            }
        }
        for (org_id, (name, sites)) in tree {
            let mut h = ImpactHospital {
                org_id,
                name,
                affected: 0,
                patched: 0,
                legacy: 0,
                reported: 0,
                sites: Vec::with_capacity(sites.len()),
            };
            for ((id, site_name), mut devices) in sites {
                for d in &mut devices {
                    d.legacy = releases.get(&d.release_id).is_some_and(|r| r.legacy);
                    match d.status {
                        DeviceImpact::Affected => {
                            h.affected += 1;
                            h.legacy += usize::from(d.legacy);
                        }
                        DeviceImpact::Patched => h.patched += 1,
                    }
                }
                devices.sort_by(|a, b| (a.status, &a.serial).cmp(&(b.status, &b.serial)));
                h.sites.push(ImpactSite {
                    id,
                    name: site_name,
                    devices,
                });
            }
            h.sites.sort_by(|a, b| match (&a.name, &b.name) {
                (Some(x), Some(y)) => x.cmp(y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => a.id.cmp(&b.id),
            });
            impact.sites += h.sites.len();
            impact.affected += h.affected;
            impact.patched += h.patched;
            impact.legacy += h.legacy;
            impact.hospitals.push(h);
        }
        impact
            .hospitals
            .sort_by(|a, b| (&a.name, a.org_id).cmp(&(&b.name, b.org_id)));
        let mut rels: Vec<ImpactRelease> = releases.into_values().collect();
        rels.sort_by(|a, b| {
            (!a.affected, &a.product, &a.version, a.id).cmp(&(
                !b.affected,
                &b.product,
                &b.version,
                b.id,
            ))
        });
        impact.releases = rels;
        Ok(impact)
    }
}

fn details_of(d: &InstalledDevice) -> DeviceDetails {
    DeviceDetails {
        site: d.site.clone(),
        location: d.location.clone(),
        exposure: d.exposure,
        remote_maintenance: d.remote_maintenance.clone(),
        installed_on: d.installed_on,
        notes: d.notes.clone(),
    }
}

fn details_json(
    org_id: i64,
    release_id: i64,
    serial: &str,
    d: &DeviceDetails,
) -> serde_json::Value {
    json!({
        "org_id": org_id, "release_id": release_id, "serial": serial,
        "site": clean(d.site.as_deref()), "location": clean(d.location.as_deref()),
        "network_exposure": d.exposure.map(Exposure::as_str),
        "remote_maintenance": clean(d.remote_maintenance.as_deref()),
        "installed_on": fmt_date(d.installed_on), "notes": clean(d.notes.as_deref()),
    })
}

async fn org_by_name_tx(
    tx: &mut Transaction<'_, Any>,
    name: &str,
) -> Result<Option<(i64, OrgKind)>, StoreError> {
    let Some(r) = sqlx::query("SELECT id, kind FROM organizations WHERE name = $1")
        .bind(name.trim())
        .fetch_optional(&mut **tx)
        .await?
    else {
        return Ok(None);
    };
    let kind: String = r.try_get(1)?;
    let kind = OrgKind::parse(&kind).ok_or_else(|| {
        StoreError::Invalid(format!("stored organization kind {kind:?} is unknown"))
    })?;
    Ok(Some((r.try_get(0)?, kind)))
}

const RELEASE_BY_NAME: &str = "SELECT p.id, r.id FROM products p LEFT JOIN releases r ON r.product_id = p.id AND r.version = $2 WHERE p.name = $1";

fn release_lookup(
    rows: &[sqlx::any::AnyRow],
    product: &str,
    release: &str,
) -> Result<Result<i64, String>, StoreError> {
    let Some(r) = rows.first() else {
        return Ok(Err(format!("unknown product {product:?}")));
    };
    let id: Option<i64> = r.try_get(1)?;
    Ok(id.ok_or_else(|| format!("unknown release {release:?} of {product:?}")))
}

async fn release_by_name_tx(
    tx: &mut Transaction<'_, Any>,
    product: &str,
    release: &str,
) -> Result<Result<i64, String>, StoreError> {
    let rows = sqlx::query(RELEASE_BY_NAME)
        .bind(product.trim())
        .bind(release.trim())
        .fetch_all(&mut **tx)
        .await?;
    release_lookup(&rows, product, release)
}

async fn release_by_name(
    pool: &sqlx::AnyPool,
    product: &str,
    release: &str,
) -> Result<Result<i64, String>, StoreError> {
    let rows = sqlx::query(RELEASE_BY_NAME)
        .bind(product.trim())
        .bind(release.trim())
        .fetch_all(pool)
        .await?;
    release_lookup(&rows, product, release)
}

/// The id of an organization's site by name, added when new (and whether it was).
async fn site_id_tx(
    tx: &mut Transaction<'_, Any>,
    org_id: i64,
    name: Option<&str>,
    now: OffsetDateTime,
) -> Result<(Option<i64>, bool), StoreError> {
    let Some(name) = clean(name) else {
        return Ok((None, false));
    };
    if let Some(r) = sqlx::query("SELECT id FROM sites WHERE org_id = $1 AND name = $2")
        .bind(org_id)
        .bind(&name)
        .fetch_optional(&mut **tx)
        .await?
    {
        return Ok((Some(r.try_get(0)?), false));
    }
    let id: i64 = sqlx::query(
        "INSERT INTO sites (org_id, name, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(org_id)
    .bind(&name)
    .bind(fmt_time(now))
    .fetch_one(&mut **tx)
    .await?
    .try_get(0)?;
    Ok((Some(id), true))
}

#[allow(clippy::too_many_arguments)]
async fn insert_device_tx(
    tx: &mut Transaction<'_, Any>,
    org_id: i64,
    release_id: i64,
    serial: &str,
    site_id: Option<i64>,
    d: &DeviceDetails,
    decommissioned_on: Option<Date>,
    now: OffsetDateTime,
) -> Result<i64, StoreError> {
    Ok(sqlx::query(
        "INSERT INTO installed_devices (org_id, release_id, serial, site, site_id, location, network_exposure, \
         remote_maintenance, installed_on, decommissioned_on, notes, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
    )
    .bind(org_id)
    .bind(release_id)
    .bind(serial)
    .bind(clean(d.site.as_deref()))
    .bind(site_id)
    .bind(clean(d.location.as_deref()))
    .bind(d.exposure.map(Exposure::as_str))
    .bind(clean(d.remote_maintenance.as_deref()))
    .bind(fmt_date(d.installed_on))
    .bind(fmt_date(decommissioned_on))
    .bind(clean(d.notes.as_deref()))
    .bind(fmt_time(now))
    .fetch_one(&mut **tx)
    .await?
    .try_get(0)?)
}

async fn update_details_tx(
    tx: &mut Transaction<'_, Any>,
    id: i64,
    site_id: Option<i64>,
    d: &DeviceDetails,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE installed_devices SET site = $1, site_id = $2, location = $3, network_exposure = $4, \
         remote_maintenance = $5, installed_on = $6, notes = $7, updated_at = $8 WHERE id = $9",
    )
    .bind(clean(d.site.as_deref()))
    .bind(site_id)
    .bind(clean(d.location.as_deref()))
    .bind(d.exposure.map(Exposure::as_str))
    .bind(clean(d.remote_maintenance.as_deref()))
    .bind(fmt_date(d.installed_on))
    .bind(clean(d.notes.as_deref()))
    .bind(fmt_time(now))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn history_tx(
    tx: &mut Transaction<'_, Any>,
    device_id: i64,
    kind: &str,
    from: Option<i64>,
    to: Option<i64>,
    on: Option<Date>,
    actor: &str,
    now: OffsetDateTime,
    note: Option<&str>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO device_history (device_id, kind, from_release_id, to_release_id, on_date, actor, at, note) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(device_id)
    .bind(kind)
    .bind(from)
    .bind(to)
    .bind(fmt_date(on))
    .bind(actor)
    .bind(fmt_time(now))
    .bind(note)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

impl InstalledDevice {
    /// The device as the API and `--json` print it.
    pub fn to_json(&self) -> serde_json::Value {
        json!({
            "id": self.id, "org_id": self.org_id, "organization": self.org_name,
            "site_id": self.site_id, "site": self.site,
            "product_id": self.product_id, "product": self.product,
            "release_id": self.release_id, "release": self.release,
            "serial": self.serial, "location": self.location,
            "network_exposure": self.exposure.map(Exposure::as_str),
            "remote_maintenance": self.remote_maintenance,
            "installed_on": fmt_date(self.installed_on),
            "decommissioned_on": fmt_date(self.decommissioned_on),
            "notes": self.notes,
        })
    }
}

impl DeviceEvent {
    /// The event as the API prints it.
    pub fn to_json(&self) -> serde_json::Value {
        json!({
            "kind": self.kind, "from_release": self.from_release, "to_release": self.to_release,
            "on": fmt_date(self.on_date), "actor": self.actor, "at": self.at, "note": self.note,
        })
    }
}

impl Impact {
    /// The answer as the API and `mamori impact --json` print it: totals, releases, then
    /// hospitals → sites → devices.
    pub fn to_json(&self) -> serde_json::Value {
        let releases: HashMap<i64, &ImpactRelease> =
            self.releases.iter().map(|r| (r.id, r)).collect();
        json!({
            "ids": self.ids,
            "totals": {
                "hospitals": self.hospitals.len(), "sites": self.sites,
                "affected": self.affected, "patched": self.patched, "legacy": self.legacy,
                "reported": self.reported,
            },
            "releases": self.releases.iter().map(|r| json!({
                "id": r.id, "product": r.product, "version": r.version,
                "end_of_support": fmt_date(r.end_of_support), "legacy": r.legacy, "affected": r.affected,
            })).collect::<Vec<_>>(),
            "hospitals": self.hospitals.iter().map(|h| json!({
                "id": h.org_id, "name": h.name,
                "affected": h.affected, "patched": h.patched, "legacy": h.legacy,
                "reported": h.reported,
                "sites": h.sites.iter().map(|s| json!({
                    "id": s.id, "name": s.name,
                    "devices": s.devices.iter().map(|d| {
                        let r = releases.get(&d.release_id);
                        json!({
                            "id": d.id, "serial": d.serial,
                            "product": r.map(|r| r.product.as_str()),
                            "release": r.map(|r| r.version.as_str()),
                            "location": d.location,
                            "network_exposure": d.exposure.map(Exposure::as_str),
                            "status": d.status.as_str(), "legacy": d.legacy,
                            "reported": d.reported.map(DeviceResponse::as_str),
                        })
                    }).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })
    }
}

/// A rejected row as the API and `--json` print it.
pub fn rejected_json(r: &Rejected) -> serde_json::Value {
    json!({
        "row": r.row, "column": r.column.map(|c| c.as_str()),
        "value": r.value, "reason": r.reason.to_string(),
    })
}

impl InstalledImport {
    /// The import report as the API and `--json` print it.
    pub fn to_json(&self) -> serde_json::Value {
        json!({
            "created": self.created, "updated": self.updated, "unchanged": self.unchanged,
            "sites_created": self.sites_created,
            "rejected": self.rejected.iter().map(rejected_json).collect::<Vec<_>>(),
            "ignored_columns": self.ignored_columns,
        })
    }
}
