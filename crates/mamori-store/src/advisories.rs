//! Advisories: drafts the PSIRT writes about vulnerabilities in some releases, published as CSAF 2.0 revisions kept verbatim.
//!
//! An advisory gets its tracking id when it is created (`MAMORI-2026-0001`, sequential per year)
//! and stays a draft, editable, until it is first published. Publishing builds the CSAF security
//! advisory (with VEX product status) from the open findings of the covered releases for the
//! advisory's vulnerabilities and their analyses, through the `mamori-csaf` writers, checks it with
//! the CSAF validator, and stores the bytes with their SHA-256 and SHA-512, beside the OpenVEX and
//! CycloneDX VEX of each release written from the same statements. A publication that would change
//! nothing adds no revision. What people outside the maker read is only ever a stored revision, so
//! a draft, or an edit not yet published, reaches nobody.
//!
//! Hospitals and distributors see advisories that are published (interim or final) and either
//! labelled TLP:CLEAR or TLP:GREEN and cover a release of one of their devices in service (or were
//! shared with them by name), or labelled TLP:AMBER or AMBER+STRICT and shared with their
//! organization by name ([`Store::share_advisory`]). TLP:RED goes to named people, never to an
//! organization's accounts, so it is never shared here.

use std::collections::{BTreeMap, HashMap};

use mamori_csaf::provider::{Tlp, file_name, sha256_hex, sha512_hex};
use mamori_csaf::vex::{
    self, CvssEntry, Product, Publisher, ReleaseStatus, Revision, VexComponent, VexDocument,
    VexStatement,
};
use mamori_judge::analysis::{Analysis, Detail, Justification, Lang, Response, State};
use mamori_model::OrgKind;
use serde_json::{Value, json};
use sqlx::Row;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::audit::{Event, Subject, action};
use crate::identity::Visibility;
use crate::{FindingRow, Store, StoreError, fmt_time, is_unique_violation};

/// The prefix of every tracking id.
pub const TRACKING_PREFIX: &str = "MAMORI";

/// Where an advisory is in its life (CSAF `tracking.status` once published).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AdvisoryStatus {
    /// Being written; never shown outside the maker.
    Draft,
    /// Published, expected to change.
    Interim,
    /// Published, final.
    Final,
}

impl AdvisoryStatus {
    /// `draft`, `interim` or `final`.
    pub const fn as_str(self) -> &'static str {
        match self {
            AdvisoryStatus::Draft => "draft",
            AdvisoryStatus::Interim => "interim",
            AdvisoryStatus::Final => "final",
        }
    }

    /// Reads a stored or wire name.
    pub fn parse(s: &str) -> Option<AdvisoryStatus> {
        match s {
            "draft" => Some(AdvisoryStatus::Draft),
            "interim" => Some(AdvisoryStatus::Interim),
            "final" => Some(AdvisoryStatus::Final),
            _ => None,
        }
    }
}

/// An advisory to create.
#[derive(Clone, Debug)]
pub struct NewAdvisory {
    /// English title.
    pub title_en: String,
    /// Japanese title.
    pub title_ja: String,
    /// English summary (may be empty).
    pub summary_en: String,
    /// Japanese summary (may be empty).
    pub summary_ja: String,
    /// The CSAF document's language, `en` or `ja`: its title and summary are written.
    pub lang: String,
    /// TLP label.
    pub tlp: Tlp,
    /// Release ids it covers (at least one).
    pub releases: Vec<i64>,
    /// Vulnerability ids it speaks of (CVE, GHSA, …; at least one).
    pub vulnerabilities: Vec<String>,
}

/// Changes to a draft; what is `None` stays.
#[derive(Clone, Debug, Default)]
pub struct AdvisoryEdit {
    /// English title.
    pub title_en: Option<String>,
    /// Japanese title.
    pub title_ja: Option<String>,
    /// English summary.
    pub summary_en: Option<String>,
    /// Japanese summary.
    pub summary_ja: Option<String>,
    /// Document language.
    pub lang: Option<String>,
    /// TLP label.
    pub tlp: Option<Tlp>,
    /// Covered releases (replace the list).
    pub releases: Option<Vec<i64>>,
    /// Vulnerability ids (replace the list).
    pub vulnerabilities: Option<Vec<String>>,
}

/// How to publish.
#[derive(Clone, Debug)]
pub struct Publication {
    /// Interim or final (draft is refused).
    pub status: AdvisoryStatus,
    /// What this revision changes.
    pub summary: String,
    /// Who publishes: the maker's name and namespace URL.
    pub publisher: Publisher,
    /// The provider folder's URL (`https://…/.well-known/csaf`), for the document's `self` reference.
    pub base_url: Option<String>,
}

/// An organization an advisory is shared with by name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShareRow {
    /// The organization's id.
    pub org_id: i64,
    /// Its name.
    pub organization: String,
    /// Who shared it.
    pub shared_by: String,
    /// When (RFC 3339).
    pub shared_at: String,
}

/// A published revision (the document itself is read with [`Store::advisory_document`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RevisionRow {
    /// 1, 2, … (CSAF `revision_history[].number` and, for the latest, `tracking.version`).
    pub number: i64,
    /// When it was published.
    pub date: OffsetDateTime,
    /// What it changed.
    pub summary: String,
    /// Interim or final.
    pub status: AdvisoryStatus,
    /// The CSAF file name.
    pub file_name: String,
    /// Hex SHA-256 of the CSAF bytes.
    pub sha256: String,
    /// Hex SHA-512 of the CSAF bytes.
    pub sha512: String,
    /// Who published it (empty for readers outside the maker).
    pub published_by: String,
}

/// A stored advisory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AdvisoryRow {
    /// Id.
    pub id: i64,
    /// Tracking id, e.g. `MAMORI-2026-0001`.
    pub tracking_id: String,
    /// English title.
    pub title_en: String,
    /// Japanese title.
    pub title_ja: String,
    /// English summary.
    pub summary_en: String,
    /// Japanese summary.
    pub summary_ja: String,
    /// Document language.
    pub lang: String,
    /// TLP label.
    pub tlp: Tlp,
    /// Draft, or the latest revision's status.
    pub status: AdvisoryStatus,
    /// Covered release ids (for readers outside the maker, only their own).
    pub releases: Vec<i64>,
    /// Vulnerability ids.
    pub vulnerabilities: Vec<String>,
    /// Who created it (empty for readers outside the maker).
    pub created_by: String,
    /// When.
    pub created_at: String,
    /// Last change.
    pub updated_at: String,
    /// Published revisions, oldest first.
    pub revisions: Vec<RevisionRow>,
}

impl AdvisoryRow {
    /// The title in the document's language.
    pub fn title(&self) -> &str {
        if self.lang == "ja" {
            &self.title_ja
        } else {
            &self.title_en
        }
    }

    /// The API's view.
    pub fn to_json(&self) -> Value {
        let revisions: Vec<Value> = self
            .revisions
            .iter()
            .map(|r| {
                json!({
                    "number": r.number,
                    "date": fmt_time(r.date),
                    "summary": r.summary,
                    "status": r.status.as_str(),
                    "file_name": r.file_name,
                    "sha256": r.sha256,
                    "sha512": r.sha512,
                    "published_by": r.published_by,
                })
            })
            .collect();
        json!({
            "id": self.id,
            "tracking_id": self.tracking_id,
            "title": {"en": self.title_en, "ja": self.title_ja},
            "summary": {"en": self.summary_en, "ja": self.summary_ja},
            "lang": self.lang,
            "tlp": self.tlp.as_str(),
            "status": self.status.as_str(),
            "releases": self.releases,
            "vulnerabilities": self.vulnerabilities,
            "created_by": self.created_by,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "initial_release_date": self.revisions.first().map(|r| fmt_time(r.date)),
            "current_release_date": self.revisions.last().map(|r| fmt_time(r.date)),
            "version": self.revisions.last().map(|r| r.number),
            "revisions": revisions,
        })
    }
}

/// The latest published revision of an advisory, as a provider serves it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublishedDocument {
    /// Advisory id.
    pub advisory_id: i64,
    /// Tracking id.
    pub tracking_id: String,
    /// The document's title.
    pub title: String,
    /// TLP label.
    pub tlp: Tlp,
    /// Interim or final.
    pub status: AdvisoryStatus,
    /// Revision number.
    pub number: i64,
    /// First publication.
    pub initial_release: OffsetDateTime,
    /// This revision's publication.
    pub current_release: OffsetDateTime,
    /// File name (requirement 2 of CSAF 2.0 section 7.1).
    pub file_name: String,
    /// The CSAF JSON exactly as published.
    pub csaf: Vec<u8>,
    /// Hex SHA-256.
    pub sha256: String,
    /// Hex SHA-512.
    pub sha512: String,
}

/// The other VEX formats stored with each revision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VexFormat {
    /// OpenVEX 0.2.0.
    OpenVex,
    /// CycloneDX 1.6 VEX.
    CycloneDx,
}

impl VexFormat {
    /// `openvex` or `cyclonedx`.
    pub const fn as_str(self) -> &'static str {
        match self {
            VexFormat::OpenVex => "openvex",
            VexFormat::CycloneDx => "cyclonedx",
        }
    }
}

const ADVISORY_COLUMNS: &str = "id, tracking_id, title_en, title_ja, summary_en, summary_ja, lang, tlp, status, \
     created_by, created_at, updated_at";

// Hospitals and distributors: published, and either CLEAR or GREEN covering a release they run,
// or CLEAR, GREEN or AMBER shared with them by name.
const SHARED_WITH_ORG: &str = "status IN ('interim', 'final') AND (\
     (tlp IN ('CLEAR', 'GREEN') AND id IN (\
     SELECT ar.advisory_id FROM advisory_releases ar JOIN installed_devices d ON d.release_id = ar.release_id \
     WHERE d.org_id = $1 AND d.decommissioned_on IS NULL)) \
     OR (tlp IN ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT') AND id IN (\
     SELECT s.advisory_id FROM advisory_shares s WHERE s.org_id = $1)))";

fn parse_time(s: &str) -> Result<OffsetDateTime, StoreError> {
    OffsetDateTime::parse(s, &Rfc3339).map_err(|e| StoreError::Corrupt {
        id: 0,
        reason: format!("advisory date {s:?}: {e}"),
    })
}

fn check_text(title_en: &str, title_ja: &str, lang: &str) -> Result<(), StoreError> {
    if title_en.trim().is_empty() || title_ja.trim().is_empty() {
        return Err(StoreError::Invalid(
            "an advisory needs a title in english and in japanese".into(),
        ));
    }
    if !matches!(lang, "en" | "ja") {
        return Err(StoreError::Invalid(format!(
            "document language {lang:?}: use en or ja"
        )));
    }
    Ok(())
}

fn clean_vulns(ids: &[String]) -> Result<Vec<String>, StoreError> {
    let mut out: Vec<String> = Vec::new();
    for id in ids {
        let id = id.trim();
        if id.is_empty() || id.len() > 200 || id.chars().any(char::is_whitespace) {
            return Err(StoreError::Invalid(format!(
                "{id:?} is not a vulnerability id"
            )));
        }
        if !out.iter().any(|o| o.eq_ignore_ascii_case(id)) {
            out.push(id.to_owned());
        }
    }
    if out.is_empty() {
        return Err(StoreError::Invalid(
            "an advisory speaks of at least one vulnerability".into(),
        ));
    }
    Ok(out)
}

impl Store {
    async fn check_releases(&self, ids: &[i64]) -> Result<Vec<i64>, StoreError> {
        let mut out: Vec<i64> = ids.to_vec();
        out.sort_unstable();
        out.dedup();
        if out.is_empty() {
            return Err(StoreError::Invalid(
                "an advisory covers at least one release".into(),
            ));
        }
        for id in &out {
            self.release_by_id(*id, Visibility::All).await?;
        }
        Ok(out)
    }

    /// Creates a draft with the next tracking id of `now`'s year, with its audit event.
    pub async fn create_advisory(
        &self,
        new: &NewAdvisory,
        who: &str,
        now: OffsetDateTime,
    ) -> Result<AdvisoryRow, StoreError> {
        check_text(&new.title_en, &new.title_ja, &new.lang)?;
        let vulns = clean_vulns(&new.vulnerabilities)?;
        let releases = self.check_releases(&new.releases).await?;
        let year = i64::from(now.year());
        // Two writers can pick the same number: the unique key refuses the second, which tries again.
        let mut attempt = 0;
        let id = loop {
            attempt += 1;
            match self
                .insert_advisory(new, &vulns, &releases, year, who, now)
                .await
            {
                Err(StoreError::Db(e)) if is_unique_violation(&e) && attempt < 5 => continue,
                other => break other?,
            }
        };
        self.advisory(id).await
    }

    async fn insert_advisory(
        &self,
        new: &NewAdvisory,
        vulns: &[String],
        releases: &[i64],
        year: i64,
        who: &str,
        now: OffsetDateTime,
    ) -> Result<i64, StoreError> {
        let mut tx = self.pool.begin().await?;
        let seq: i64 =
            sqlx::query("SELECT COALESCE(MAX(seq), 0) + 1 FROM advisories WHERE year = $1")
                .bind(year)
                .fetch_one(&mut *tx)
                .await?
                .try_get(0)?;
        let tracking_id = format!("{TRACKING_PREFIX}-{year}-{seq:04}");
        let id: i64 = sqlx::query(
            "INSERT INTO advisories (tracking_id, year, seq, title_en, title_ja, summary_en, summary_ja, lang, tlp, status, \
             created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'draft', $10, $11, $11) RETURNING id",
        )
        .bind(tracking_id.clone())
        .bind(year)
        .bind(seq)
        .bind(new.title_en.trim().to_owned())
        .bind(new.title_ja.trim().to_owned())
        .bind(new.summary_en.trim().to_owned())
        .bind(new.summary_ja.trim().to_owned())
        .bind(new.lang.clone())
        .bind(new.tlp.as_str())
        .bind(who)
        .bind(fmt_time(now))
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        write_lists(&mut tx, id, releases, vulns).await?;
        let event = Event::new(
            now,
            who,
            "advisory.create",
            Subject::new("advisory", &id.to_string())?,
        )?
        .evidence(&json!({
            "set": {
                "tracking_id": tracking_id,
                "status": "draft",
                "title_en": new.title_en.trim(),
                "title_ja": new.title_ja.trim(),
                "lang": new.lang,
                "tlp": new.tlp.as_str(),
            },
            "releases": releases,
            "vulnerabilities": vulns,
        }));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Changes a draft (a published advisory is changed only by publishing again), with its audit event.
    pub async fn update_advisory(
        &self,
        id: i64,
        edit: &AdvisoryEdit,
        who: &str,
        now: OffsetDateTime,
    ) -> Result<AdvisoryRow, StoreError> {
        let before = self.advisory(id).await?;
        if before.status != AdvisoryStatus::Draft {
            return Err(StoreError::Invalid(format!(
                "{} is published: only drafts are edited",
                before.tracking_id
            )));
        }
        let pick =
            |new: &Option<String>, old: &str| new.as_deref().unwrap_or(old).trim().to_owned();
        let title_en = pick(&edit.title_en, &before.title_en);
        let title_ja = pick(&edit.title_ja, &before.title_ja);
        let summary_en = pick(&edit.summary_en, &before.summary_en);
        let summary_ja = pick(&edit.summary_ja, &before.summary_ja);
        let lang = pick(&edit.lang, &before.lang);
        let tlp = edit.tlp.unwrap_or(before.tlp);
        check_text(&title_en, &title_ja, &lang)?;
        let vulns = clean_vulns(
            edit.vulnerabilities
                .as_ref()
                .unwrap_or(&before.vulnerabilities),
        )?;
        let releases = self
            .check_releases(edit.releases.as_ref().unwrap_or(&before.releases))
            .await?;
        let mut tx = self.pool.begin().await?;
        let changed = sqlx::query(
            "UPDATE advisories SET title_en = $1, title_ja = $2, summary_en = $3, summary_ja = $4, lang = $5, tlp = $6, \
             updated_at = $7 WHERE id = $8 AND status = 'draft'",
        )
        .bind(title_en.clone())
        .bind(title_ja.clone())
        .bind(summary_en)
        .bind(summary_ja)
        .bind(lang.clone())
        .bind(tlp.as_str())
        .bind(fmt_time(now))
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(StoreError::Invalid(format!(
                "{} was published meanwhile: only drafts are edited",
                before.tracking_id
            )));
        }
        sqlx::query("DELETE FROM advisory_releases WHERE advisory_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM advisory_vulns WHERE advisory_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        write_lists(&mut tx, id, &releases, &vulns).await?;
        let event = Event::new(
            now,
            who,
            "advisory.update",
            Subject::new("advisory", &id.to_string())?,
        )?
        .evidence(&json!({
            "set": {"title_en": title_en, "title_ja": title_ja, "lang": lang, "tlp": tlp.as_str()},
            "releases": releases,
            "vulnerabilities": vulns,
            "previous": {"tlp": before.tlp.as_str(), "releases": before.releases, "vulnerabilities": before.vulnerabilities},
        }));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        self.advisory(id).await
    }

    /// An advisory as the maker sees it.
    pub async fn advisory(&self, id: i64) -> Result<AdvisoryRow, StoreError> {
        let sql = format!("SELECT {ADVISORY_COLUMNS} FROM advisories WHERE id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::NotFound {
                what: "advisory",
                name: id.to_string(),
            })?;
        self.advisory_from_row(&row).await
    }

    /// An advisory if visible at `vis`; `NotFound` otherwise, so nobody learns it exists.
    pub async fn advisory_for(&self, id: i64, vis: Visibility) -> Result<AdvisoryRow, StoreError> {
        let Visibility::Organization(org) = vis else {
            return self.advisory(id).await;
        };
        let sql = format!(
            "SELECT {ADVISORY_COLUMNS} FROM advisories WHERE {SHARED_WITH_ORG} AND id = $2"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(org)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::NotFound {
                what: "advisory",
                name: id.to_string(),
            })?;
        let a = self.advisory_from_row(&row).await?;
        self.for_org(a, org).await
    }

    /// Advisories visible at `vis`, newest first: all of them for the maker; for a hospital or
    /// distributor the published CLEAR and GREEN ones covering a release it runs and those shared
    /// with it by name.
    pub async fn advisories_for(&self, vis: Visibility) -> Result<Vec<AdvisoryRow>, StoreError> {
        let rows = match vis {
            Visibility::All => {
                let sql = format!("SELECT {ADVISORY_COLUMNS} FROM advisories ORDER BY id DESC");
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .fetch_all(&self.pool)
                    .await?
            }
            Visibility::Organization(org) => {
                let sql = format!(
                    "SELECT {ADVISORY_COLUMNS} FROM advisories WHERE {SHARED_WITH_ORG} ORDER BY id DESC"
                );
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(org)
                    .fetch_all(&self.pool)
                    .await?
            }
        };
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let a = self.advisory_from_row(r).await?;
            out.push(match vis {
                Visibility::All => a,
                Visibility::Organization(org) => self.for_org(a, org).await?,
            });
        }
        Ok(out)
    }

    /// What an organization's reader sees of an advisory: its own releases, no maker staff names.
    /// Shares an advisory with a hospital or distributor by name, so its users read it (and, for
    /// TLP:AMBER, only they and the maker do). Sharing again changes nothing; TLP:RED is refused.
    /// Returns every organization it is shared with.
    pub async fn share_advisory(
        &self,
        id: i64,
        org: &str,
        who: &str,
        now: OffsetDateTime,
    ) -> Result<Vec<ShareRow>, StoreError> {
        let a = self.advisory(id).await?;
        if a.tlp == Tlp::Red {
            return Err(StoreError::Invalid(format!(
                "{} is TLP:RED: it goes to named people only, not to an organization's accounts",
                a.tracking_id
            )));
        }
        let o = self.organization(org).await?;
        if o.kind == OrgKind::Maker {
            return Err(StoreError::Invalid(format!(
                "{} is the maker: it sees every advisory already",
                o.name
            )));
        }
        let shares = self.advisory_shares(id).await?;
        if shares.iter().any(|s| s.org_id == o.id) {
            return Ok(shares);
        }
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO advisory_shares (advisory_id, org_id, shared_by, shared_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(o.id)
        .bind(who)
        .bind(fmt_time(now))
        .execute(&mut *tx)
        .await?;
        let event = Event::new(
            now,
            who,
            "advisory.share",
            Subject::new("advisory", &id.to_string())?,
        )?
        .evidence(&json!({
            "tracking_id": a.tracking_id,
            "tlp": a.tlp.as_str(),
            "organization": {"id": o.id, "name": o.name},
        }));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        self.advisory_shares(id).await
    }

    /// Stops sharing an advisory with an organization (its users no longer read it, unless it is
    /// CLEAR or GREEN and covers a release they run). Returns the organizations left.
    pub async fn unshare_advisory(
        &self,
        id: i64,
        org: &str,
        who: &str,
        now: OffsetDateTime,
    ) -> Result<Vec<ShareRow>, StoreError> {
        let a = self.advisory(id).await?;
        let o = self.organization(org).await?;
        let mut tx = self.pool.begin().await?;
        let removed =
            sqlx::query("DELETE FROM advisory_shares WHERE advisory_id = $1 AND org_id = $2")
                .bind(id)
                .bind(o.id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        if removed == 0 {
            return Err(StoreError::NotFound {
                what: "share",
                name: format!("{} with {}", a.tracking_id, o.name),
            });
        }
        let event = Event::new(
            now,
            who,
            "advisory.unshare",
            Subject::new("advisory", &id.to_string())?,
        )?
        .evidence(&json!({
            "tracking_id": a.tracking_id,
            "organization": {"id": o.id, "name": o.name},
        }));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        self.advisory_shares(id).await
    }

    /// The organizations an advisory is shared with by name, by name.
    pub async fn advisory_shares(&self, id: i64) -> Result<Vec<ShareRow>, StoreError> {
        sqlx::query(
            "SELECT s.org_id, o.name, s.shared_by, s.shared_at FROM advisory_shares s \
             JOIN organizations o ON o.id = s.org_id WHERE s.advisory_id = $1 ORDER BY o.name",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(ShareRow {
                org_id: r.try_get(0)?,
                organization: r.try_get(1)?,
                shared_by: r.try_get(2)?,
                shared_at: r.try_get(3)?,
            })
        })
        .collect()
    }

    async fn for_org(&self, mut a: AdvisoryRow, org: i64) -> Result<AdvisoryRow, StoreError> {
        let mine: Vec<i64> = sqlx::query(
            "SELECT DISTINCT release_id FROM installed_devices WHERE org_id = $1 AND decommissioned_on IS NULL",
        )
        .bind(org)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| r.try_get(0))
        .collect::<Result<_, _>>()?;
        a.releases.retain(|r| mine.contains(r));
        a.created_by.clear();
        for r in &mut a.revisions {
            r.published_by.clear();
        }
        Ok(a)
    }

    async fn advisory_from_row(&self, r: &sqlx::any::AnyRow) -> Result<AdvisoryRow, StoreError> {
        let id: i64 = r.try_get(0)?;
        let tlp: String = r.try_get(7)?;
        let status: String = r.try_get(8)?;
        let corrupt = |what: &str| StoreError::Corrupt {
            id,
            reason: format!("advisory {what}"),
        };
        let releases = sqlx::query(
            "SELECT release_id FROM advisory_releases WHERE advisory_id = $1 ORDER BY release_id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| r.try_get(0))
        .collect::<Result<Vec<i64>, _>>()?;
        let vulnerabilities = sqlx::query(
            "SELECT vuln_id FROM advisory_vulns WHERE advisory_id = $1 ORDER BY position",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| r.try_get(0))
        .collect::<Result<Vec<String>, _>>()?;
        let mut revisions = Vec::new();
        for rr in sqlx::query(
            "SELECT number, date, summary, status, file_name, sha256, sha512, published_by \
             FROM advisory_revisions WHERE advisory_id = $1 ORDER BY number",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        {
            let date: String = rr.try_get(1)?;
            let st: String = rr.try_get(3)?;
            revisions.push(RevisionRow {
                number: rr.try_get(0)?,
                date: parse_time(&date)?,
                summary: rr.try_get(2)?,
                status: AdvisoryStatus::parse(&st).ok_or_else(|| corrupt("revision status"))?,
                file_name: rr.try_get(4)?,
                sha256: rr.try_get(5)?,
                sha512: rr.try_get(6)?,
                published_by: rr.try_get(7)?,
            });
        }
        Ok(AdvisoryRow {
            id,
            tracking_id: r.try_get(1)?,
            title_en: r.try_get(2)?,
            title_ja: r.try_get(3)?,
            summary_en: r.try_get(4)?,
            summary_ja: r.try_get(5)?,
            lang: r.try_get(6)?,
            tlp: Tlp::parse(&tlp).ok_or_else(|| corrupt("tlp"))?,
            status: AdvisoryStatus::parse(&status).ok_or_else(|| corrupt("status"))?,
            releases,
            vulnerabilities,
            created_by: r.try_get(9)?,
            created_at: r.try_get(10)?,
            updated_at: r.try_get(11)?,
            revisions,
        })
    }

    /// The per-release VEX documents the advisory's next revision is written from: the open
    /// vulnerability findings of each covered release for the advisory's vulnerabilities.
    async fn advisory_inputs(
        &self,
        a: &AdvisoryRow,
        p: &Publication,
        now: OffsetDateTime,
    ) -> Result<Vec<(i64, VexDocument)>, StoreError> {
        let status = match p.status {
            AdvisoryStatus::Interim => ReleaseStatus::Interim,
            AdvisoryStatus::Final => ReleaseStatus::Final,
            AdvisoryStatus::Draft => {
                return Err(StoreError::Invalid(
                    "publish as interim or final; draft is not a publication".into(),
                ));
            }
        };
        let lang = if a.lang == "ja" { Lang::Ja } else { Lang::En };
        let (title, summary) = if lang == Lang::Ja {
            (&a.title_ja, &a.summary_ja)
        } else {
            (&a.title_en, &a.summary_en)
        };
        let history: Vec<Revision> = a
            .revisions
            .iter()
            .map(|r| Revision {
                date: r.date,
                summary: r.summary.clone(),
            })
            .collect();

        // Findings of every advisory vulnerability (through alias groups), once each.
        let mut findings: BTreeMap<i64, FindingRow> = BTreeMap::new();
        for v in &a.vulnerabilities {
            for f in self.affected(v).await?.1 {
                findings.insert(f.id, f);
            }
        }
        let mut records: HashMap<String, RecordFacts> = HashMap::new();
        let mut out = Vec::new();
        for rid in &a.releases {
            let release = self.release_by_id(*rid, Visibility::All).await?;
            let product = self.product(&release.product_id.to_string()).await?;
            let vendor = product
                .vendor
                .clone()
                .unwrap_or_else(|| p.publisher.name.clone());
            let mut components: Vec<VexComponent> = Vec::new();
            let mut statements: Vec<VexStatement> = Vec::new();
            for f in findings.values().filter(|f| {
                f.product == release.product
                    && f.release == release.version
                    && f.detail["kind"] == "vulnerability"
                    && f.detail["outcome"] == "affected"
            }) {
                let c = &f.detail["component"];
                let bom_ref = c["bom_ref"].as_str().unwrap_or_default().to_owned();
                if !components.iter().any(|x| x.bom_ref == bom_ref) {
                    components.push(VexComponent {
                        bom_ref: bom_ref.clone(),
                        name: c["name"].as_str().unwrap_or("unnamed").to_owned(),
                        version: c["version"].as_str().unwrap_or("unknown").to_owned(),
                        purl: c["purl"].as_str().map(str::to_owned),
                        cpe: c["cpe"].as_str().map(str::to_owned),
                    });
                }
                let vuln_id = f.detail["vulnerability_id"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned();
                let aliases: Vec<String> = strings(&f.detail["aliases"]);
                if !records.contains_key(&vuln_id) {
                    let facts = self.record_facts(&vuln_id, &aliases, lang).await?;
                    records.insert(vuln_id.clone(), facts);
                }
                let facts = records.get(&vuln_id).cloned().unwrap_or_default();
                statements.push(VexStatement {
                    remediations: Vec::new(),
                    vuln_id,
                    aliases,
                    title: facts.title,
                    description: facts.description,
                    cwe: None,
                    cvss: facts.cvss,
                    components: vec![bom_ref],
                    analysis: analysis_of(f),
                    fixed_versions: strings(&f.detail["fixed_versions"]),
                    first_issued: OffsetDateTime::parse(&f.first_seen, &Rfc3339).ok(),
                    last_updated: OffsetDateTime::parse(&f.updated_at, &Rfc3339).ok(),
                });
            }
            out.push((
                *rid,
                VexDocument {
                    products: Vec::new(),
                    publisher: p.publisher.clone(),
                    tracking_id: a.tracking_id.clone(),
                    title: title.clone(),
                    lang,
                    now,
                    status,
                    history: history.clone(),
                    revision_summary: p.summary.trim().to_owned(),
                    summary: Some(summary.clone()).filter(|s| !s.is_empty()),
                    references: Vec::new(),
                    product: Product {
                        name: release.product.clone(),
                        vendor,
                        version: release.version.as_str().to_owned(),
                        purl: None,
                        cpe: None,
                    },
                    components,
                    statements,
                },
            ));
        }
        Ok(out)
    }

    async fn record_facts(
        &self,
        id: &str,
        aliases: &[String],
        lang: Lang,
    ) -> Result<RecordFacts, StoreError> {
        let mut ids: Vec<&str> = vec![id];
        ids.extend(aliases.iter().map(String::as_str));
        let records = self.vulnerabilities(&ids).await?;
        let tag = if lang == Lang::Ja { "ja" } else { "en" };
        let mut facts = RecordFacts::default();
        for r in &records {
            let pick = |texts: &[mamori_model::LocalizedText]| {
                texts
                    .iter()
                    .find(|t| t.lang.starts_with(tag))
                    .or(texts.first())
                    .map(|t| t.text.clone())
            };
            if facts.title.is_none() {
                facts.title = pick(&r.titles);
            }
            if facts.description.is_none() {
                facts.description = pick(&r.descriptions);
            }
            for c in &r.cvss {
                if !facts.cvss.iter().any(|x| x.vector == c.vector) {
                    facts.cvss.push(CvssEntry {
                        vector: c.vector.clone(),
                        source: Some(c.source.clone()).filter(|s| !s.is_empty()),
                    });
                }
            }
        }
        Ok(facts)
    }

    /// The CSAF document publishing would store now, without storing it: the same checks, so a
    /// document that fails them is reported here with each failure's test and JSON pointer.
    pub async fn preview_advisory(
        &self,
        id: i64,
        publication: &Publication,
        now: OffsetDateTime,
    ) -> Result<Vec<u8>, StoreError> {
        let a = self.advisory(id).await?;
        let now = now.replace_nanosecond(0).unwrap_or(now);
        let inputs = self.advisory_inputs(&a, publication, now).await?;
        let initial = a.revisions.first().map_or(now, |r| r.date);
        let csaf = write_csaf(&a, &inputs, publication, initial)?;
        Ok(to_bytes(&csaf))
    }

    /// Publishes the advisory's next revision (interim or final): builds and validates the CSAF
    /// document and the OpenVEX and CycloneDX VEX of each release, stores them with the revision
    /// and the audit event. Returns the advisory and whether a revision was added: when neither
    /// the content nor the status changed since the last revision, none is.
    pub async fn publish_advisory(
        &self,
        id: i64,
        publication: &Publication,
        who: &str,
        now: OffsetDateTime,
    ) -> Result<(AdvisoryRow, bool), StoreError> {
        if publication.summary.trim().is_empty() {
            return Err(StoreError::Invalid(
                "a revision needs a summary of what it changes".into(),
            ));
        }
        let a = self.advisory(id).await?;
        if a.status == AdvisoryStatus::Final && publication.status == AdvisoryStatus::Interim {
            return Err(StoreError::Invalid(format!(
                "{} is final: a later revision cannot be interim",
                a.tracking_id
            )));
        }
        let now = now.replace_nanosecond(0).unwrap_or(now);
        if a.revisions.last().is_some_and(|r| r.date > now) {
            return Err(StoreError::Invalid(
                "the last revision is dated after now".into(),
            ));
        }
        let inputs = self.advisory_inputs(&a, publication, now).await?;
        let initial = a.revisions.first().map_or(now, |r| r.date);
        let csaf = write_csaf(&a, &inputs, publication, initial)?;

        if let Some(last) = a.revisions.last()
            && last.status == publication.status
        {
            let previous = self.revision_csaf(id, last.number).await?;
            let previous: Value =
                serde_json::from_slice(&previous).map_err(|e| StoreError::Corrupt {
                    id,
                    reason: format!("stored csaf: {e}"),
                })?;
            if without_tracking(&previous) == without_tracking(&csaf) {
                return Ok((a, false));
            }
        }

        let mut others: Vec<(i64, VexFormat, Vec<u8>)> = Vec::new();
        for (rid, doc) in &inputs {
            if doc.statements.is_empty() {
                continue;
            }
            let ov = vex::openvex(doc).map_err(|e| write_error("openvex", &e))?;
            others.push((*rid, VexFormat::OpenVex, ov.to_vec()));
            let cdx = vex::cyclonedx_vex(doc).map_err(|e| write_error("cyclonedx", &e))?;
            others.push((*rid, VexFormat::CycloneDx, cdx.to_vec()));
        }

        let bytes = to_bytes(&csaf);
        let sha256 = sha256_hex(&bytes);
        let sha512 = sha512_hex(&bytes);
        let number = a.revisions.last().map_or(1, |r| r.number + 1);
        let file = file_name(&a.tracking_id);
        let text = String::from_utf8(bytes).map_err(|e| StoreError::Invalid(e.to_string()))?;
        let mut tx = self.pool.begin().await?;
        let inserted = sqlx::query(
            "INSERT INTO advisory_revisions (advisory_id, number, date, summary, status, file_name, csaf, sha256, sha512, published_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(id)
        .bind(number)
        .bind(fmt_time(now))
        .bind(publication.summary.trim().to_owned())
        .bind(publication.status.as_str())
        .bind(file.clone())
        .bind(text)
        .bind(sha256.clone())
        .bind(sha512.clone())
        .bind(who)
        .execute(&mut *tx)
        .await;
        match inserted {
            Err(e) if is_unique_violation(&e) => {
                return Err(StoreError::Conflict {
                    what: "revision",
                    name: format!("{} {number}", a.tracking_id),
                });
            }
            other => {
                other?;
            }
        }
        for (rid, format, body) in others {
            sqlx::query(
                "INSERT INTO advisory_files (advisory_id, number, release_id, format, body) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(number)
            .bind(rid)
            .bind(format.as_str())
            .bind(String::from_utf8_lossy(&body).into_owned())
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("UPDATE advisories SET status = $1, updated_at = $2 WHERE id = $3")
            .bind(publication.status.as_str())
            .bind(fmt_time(now))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let event = Event::new(
            now,
            who,
            action::ADVISORY_PUBLISH,
            Subject::new("advisory", &id.to_string())?,
        )?
        .why(publication.summary.trim())
        .evidence(&json!({
            "set": {"status": publication.status.as_str(), "version": number},
            "tracking_id": a.tracking_id,
            "file_name": file,
            "sha256": sha256,
            "sha512": sha512,
            "tlp": a.tlp.as_str(),
        }));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        Ok((self.advisory(id).await?, true))
    }

    async fn revision_csaf(&self, id: i64, number: i64) -> Result<Vec<u8>, StoreError> {
        let row = sqlx::query(
            "SELECT csaf FROM advisory_revisions WHERE advisory_id = $1 AND number = $2",
        )
        .bind(id)
        .bind(number)
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            what: "revision",
            name: format!("{id}/{number}"),
        })?;
        let text: String = row.try_get(0)?;
        Ok(text.into_bytes())
    }

    /// The latest published CSAF document of an advisory visible at `vis`.
    pub async fn advisory_document(
        &self,
        id: i64,
        vis: Visibility,
    ) -> Result<PublishedDocument, StoreError> {
        let a = self.advisory_for(id, vis).await?;
        let last = a.revisions.last().ok_or_else(|| StoreError::NotFound {
            what: "published revision of advisory",
            name: a.tracking_id.clone(),
        })?;
        let csaf = self.revision_csaf(id, last.number).await?;
        Ok(PublishedDocument {
            advisory_id: a.id,
            tracking_id: a.tracking_id.clone(),
            title: a.title().to_owned(),
            tlp: a.tlp,
            status: last.status,
            number: last.number,
            initial_release: a.revisions[0].date,
            current_release: last.date,
            file_name: last.file_name.clone(),
            csaf,
            sha256: last.sha256.clone(),
            sha512: last.sha512.clone(),
        })
    }

    /// The OpenVEX or CycloneDX VEX of the latest revision for one covered release (the only one
    /// when `release` is `None` and the advisory covers one), if visible at `vis`.
    pub async fn advisory_vex(
        &self,
        id: i64,
        vis: Visibility,
        release: Option<i64>,
        format: VexFormat,
    ) -> Result<(i64, Vec<u8>), StoreError> {
        let a = self.advisory_for(id, vis).await?;
        let last = a.revisions.last().ok_or_else(|| StoreError::NotFound {
            what: "published revision of advisory",
            name: a.tracking_id.clone(),
        })?;
        let rid = match release {
            Some(r) if a.releases.contains(&r) => r,
            Some(r) => {
                return Err(StoreError::NotFound {
                    what: "release of advisory",
                    name: r.to_string(),
                });
            }
            None => match a.releases[..] {
                [only] => only,
                _ => {
                    return Err(StoreError::Invalid(format!(
                        "{} covers several releases: name one with ?release= ({})",
                        a.tracking_id,
                        a.releases
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join(", ")
                    )));
                }
            },
        };
        let row = sqlx::query(
            "SELECT body FROM advisory_files WHERE advisory_id = $1 AND number = $2 AND release_id = $3 AND format = $4",
        )
        .bind(id)
        .bind(last.number)
        .bind(rid)
        .bind(format.as_str())
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            what: "vex document (the release has no statements)",
            name: format!("{} {}", a.tracking_id, format.as_str()),
        })?;
        let body: String = row.try_get(0)?;
        Ok((rid, body.into_bytes()))
    }

    /// The latest revision dated no later than `now` of every advisory labelled one of `tlps`,
    /// oldest advisory first: what a CSAF provider folder serves at `now`. A draft, or an advisory
    /// whose first revision is dated after `now`, is not there at all; a revision dated after
    /// `now` is not yet, and the one before it is served instead.
    pub async fn published_advisories_at(
        &self,
        tlps: &[Tlp],
        now: OffsetDateTime,
    ) -> Result<Vec<PublishedDocument>, StoreError> {
        let mut out = Vec::new();
        for doc in self.published_advisories(tlps).await? {
            if doc.current_release <= now {
                out.push(doc);
                continue;
            }
            let a = self.advisory(doc.advisory_id).await?;
            let Some(last) = a.revisions.iter().rev().find(|r| r.date <= now) else {
                continue;
            };
            let csaf = self.revision_csaf(a.id, last.number).await?;
            out.push(PublishedDocument {
                status: last.status,
                number: last.number,
                current_release: last.date,
                file_name: last.file_name.clone(),
                csaf,
                sha256: last.sha256.clone(),
                sha512: last.sha512.clone(),
                ..doc
            });
        }
        Ok(out)
    }

    /// The latest revision of every published advisory labelled one of `tlps`, oldest first:
    /// what a CSAF provider folder serves.
    pub async fn published_advisories(
        &self,
        tlps: &[Tlp],
    ) -> Result<Vec<PublishedDocument>, StoreError> {
        let ids: Vec<i64> = sqlx::query(
            "SELECT id, tlp FROM advisories WHERE status IN ('interim', 'final') ORDER BY id",
        )
        .fetch_all(&self.pool)
        .await?
        .iter()
        .filter(|r| {
            r.try_get::<String, _>(1)
                .ok()
                .and_then(|t| Tlp::parse(&t))
                .is_some_and(|t| tlps.contains(&t))
        })
        .map(|r| r.try_get(0))
        .collect::<Result<_, _>>()?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.push(self.advisory_document(id, Visibility::All).await?);
        }
        Ok(out)
    }
}

async fn write_lists(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: i64,
    releases: &[i64],
    vulns: &[String],
) -> Result<(), StoreError> {
    for r in releases {
        sqlx::query("INSERT INTO advisory_releases (advisory_id, release_id) VALUES ($1, $2)")
            .bind(id)
            .bind(*r)
            .execute(&mut **tx)
            .await?;
    }
    for (i, v) in vulns.iter().enumerate() {
        sqlx::query(
            "INSERT INTO advisory_vulns (advisory_id, position, vuln_id) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(i as i64)
        .bind(v.clone())
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// What the stored records say about a vulnerability.
#[derive(Clone, Debug, Default)]
struct RecordFacts {
    title: Option<String>,
    description: Option<String>,
    cvss: Vec<CvssEntry>,
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str().map(str::to_owned))
        .collect()
}

/// A stored finding's analysis in the judge's terms (what the writers map to each format).
fn analysis_of(f: &FindingRow) -> Analysis {
    Analysis {
        state: State::parse(&f.state).unwrap_or(State::InTriage),
        justification: f.justification.as_deref().and_then(Justification::parse),
        responses: f
            .response
            .as_deref()
            .and_then(Response::parse)
            .into_iter()
            .collect(),
        // Each document takes the text in its language and falls back to the other one.
        detail: Detail {
            en: f.analysis.clone(),
            ja: f.analysis_ja.clone(),
        },
        ..Analysis::default()
    }
}

fn write_error(format: &str, e: &vex::WriteError) -> StoreError {
    StoreError::Invalid(format!("the {format} document cannot be written: {e}"))
}

fn to_bytes(v: &Value) -> Vec<u8> {
    // A Value always serializes: string keys, finite numbers.
    let mut out = serde_json::to_vec_pretty(v).unwrap_or_default();
    out.push(b'\n');
    out
}

/// The CSAF security advisory of all covered releases: each release written by the CSAF writer
/// (which validates it), merged into one document, labelled with its TLP, validated again.
fn write_csaf(
    a: &AdvisoryRow,
    inputs: &[(i64, VexDocument)],
    p: &Publication,
    initial: OffsetDateTime,
) -> Result<Value, StoreError> {
    let mut docs = Vec::with_capacity(inputs.len());
    for (rid, doc) in inputs {
        // Component ids must not collide across releases whose SBOMs use the same bom-refs.
        let mut doc = doc.clone();
        if inputs.len() > 1 {
            for c in &mut doc.components {
                c.bom_ref = format!("{rid}/{}", c.bom_ref);
            }
            for s in &mut doc.statements {
                for c in &mut s.components {
                    *c = format!("{rid}/{c}");
                }
            }
        }
        let written = vex::csaf_security_advisory(&doc).map_err(|e| match e {
            vex::WriteError::Invalid { failures, .. } => StoreError::Invalid(format!(
                "the csaf document fails validation: {}",
                failures.join("; ")
            )),
            other => write_error("csaf", &other),
        })?;
        docs.push(written.document);
    }
    let mut csaf = merge(docs);
    let d = &mut csaf["document"];
    d["distribution"] = json!({
        "tlp": {"label": a.tlp.csaf_label(), "url": "https://www.first.org/tlp/"},
        "text": format!("TLP:{}", a.tlp.as_str()),
    });
    if let Some(base) = &p.base_url {
        let url = format!(
            "{}/{}/{}/{}",
            base.trim_end_matches('/'),
            a.tlp.folder(),
            initial.year(),
            file_name(&a.tracking_id)
        );
        let mut refs = d["references"].as_array().cloned().unwrap_or_default();
        refs.insert(
            0,
            json!({"category": "self", "summary": "This document.", "url": url}),
        );
        d["references"] = Value::Array(refs);
    }
    sort_keys(&mut csaf);
    let report = mamori_csaf::validate_value(&csaf);
    if !report.is_valid() {
        return Err(StoreError::Invalid(format!(
            "the csaf document fails validation: {}",
            report
                .errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        )));
    }
    Ok(csaf)
}

/// Merges per-release documents: product trees (vendor and product branches joined), and
/// vulnerabilities with the same CVE (or first id) into one, their product lists joined.
fn merge(docs: Vec<Value>) -> Value {
    let mut it = docs.into_iter();
    let Some(mut out) = it.next() else {
        return Value::Null;
    };
    for d in it {
        let Value::Object(d) = d else { continue };
        if let Some(Value::Object(tree)) = d.get("product_tree").cloned() {
            let into = &mut out["product_tree"];
            for (key, value) in tree {
                let Value::Array(items) = value else { continue };
                let mut list = into[&key].as_array().cloned().unwrap_or_default();
                if key == "branches" {
                    merge_branches(&mut list, items);
                } else {
                    list.extend(items);
                }
                into[&key] = Value::Array(list);
            }
        }
        let mut vulns = out["vulnerabilities"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for v in d
            .get("vulnerabilities")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
        {
            match vulns.iter_mut().find(|x| vuln_key(x) == vuln_key(&v)) {
                Some(x) => merge_vuln(x, v),
                None => vulns.push(v),
            }
        }
        if !vulns.is_empty() {
            out["vulnerabilities"] = Value::Array(vulns);
        }
    }
    out
}

fn vuln_key(v: &Value) -> Value {
    v.get("cve")
        .cloned()
        .unwrap_or_else(|| v["ids"][0]["text"].clone())
}

fn merge_branches(into: &mut Vec<Value>, from: Vec<Value>) {
    for b in from {
        let same = into.iter_mut().find(|x| {
            x["category"] == b["category"]
                && x["name"] == b["name"]
                && x.get("branches").is_some()
                && b.get("branches").is_some()
        });
        match same {
            Some(x) => {
                let mut list = x["branches"].as_array().cloned().unwrap_or_default();
                merge_branches(
                    &mut list,
                    b["branches"].as_array().cloned().unwrap_or_default(),
                );
                x["branches"] = Value::Array(list);
            }
            None => into.push(b),
        }
    }
}

fn merge_vuln(into: &mut Value, from: Value) {
    let Value::Object(from) = from else { return };
    for (key, value) in from {
        match (key.as_str(), value) {
            ("product_status", Value::Object(status)) => {
                for (k, ids) in status {
                    let mut list = into["product_status"][&k]
                        .as_array()
                        .cloned()
                        .unwrap_or_default();
                    list.extend(ids.as_array().cloned().unwrap_or_default());
                    into["product_status"][&k] = Value::Array(list);
                }
            }
            ("flags" | "threats" | "remediations" | "scores", Value::Array(items)) => {
                let mut list = into[&key].as_array().cloned().unwrap_or_default();
                list.extend(items);
                into[&key] = Value::Array(list);
            }
            // Notes, title, ids and weakness describe the vulnerability: the first release's stand.
            _ => {}
        }
    }
}

fn sort_keys(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.sort_keys();
            m.values_mut().for_each(sort_keys);
        }
        Value::Array(a) => a.iter_mut().for_each(sort_keys),
        _ => {}
    }
}

/// The document without `/document/tracking` (dates, version, history, generator): what must
/// differ for a publication to be a new revision.
fn without_tracking(v: &Value) -> Value {
    let mut v = v.clone();
    if let Some(d) = v["document"].as_object_mut() {
        d.remove("tracking");
    }
    v
}
