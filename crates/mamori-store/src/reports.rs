//! Vulnerability reports from outside and inside the maker: intake with a tracking id and a secret status link, the thread with the reporter, and the case each report becomes.
//!
//! Anyone may file a report without an account. The reporter gets a tracking id
//! (`VR-2026-0001`, sequential per year, safe to quote in email) and a status link whose
//! secret is stored only as its SHA-256, so the database alone cannot open a reporter's
//! page. The PSIRT answers on the same thread; notes it marks internal never reach the
//! reporter. Opening a case from a report starts the regulatory clocks on the day the
//! report arrived (that is when the maker became aware) and carries the report's source
//! into the case's coordination facts (embargo, JVN and VU numbers, the agreed publication
//! date), beside the contact history with every party.

use password_hash::rand_core::{OsRng, RngCore};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use sqlx::Row;
use time::{Date, OffsetDateTime};

use crate::audit::{Event, Subject, action};
use crate::{Store, StoreError, fmt_time};

/// The prefix of every report's tracking id.
pub const REPORT_PREFIX: &str = "VR";
/// Most attachments on one report.
pub const MAX_ATTACHMENTS: usize = 5;
/// Longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
/// Longest description or message, in characters.
pub const MAX_TEXT_CHARS: usize = 20_000;

macro_rules! vocabulary {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = $s:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$vm])* $v),* }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$v),*];

            /// The stored and wire name.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$v => $s),* }
            }

            /// The value for a stored or wire name.
            pub fn parse(s: &str) -> Option<$name> {
                match s { $($s => Some($name::$v),)* _ => None }
            }
        }
    };
}

vocabulary! {
    /// Who a report (and the case it becomes) came from.
    ReportSource {
        /// An independent security researcher.
        Researcher = "researcher",
        /// A hospital or other user of the device.
        Hospital = "hospital",
        /// A supplier of a component.
        Supplier = "supplier",
        /// JPCERT/CC, coordinating under the 情報セキュリティ早期警戒パートナーシップ.
        Jpcert = "jpcert",
        /// The maker's own testing.
        Internal = "internal",
    }
}

vocabulary! {
    /// Where a report is, as its reporter sees it.
    ReportStatus {
        /// Arrived, not yet looked at.
        Received = "received",
        /// The PSIRT is analysing it.
        Triaging = "triaging",
        /// Confirmed as a vulnerability.
        Confirmed = "confirmed",
        /// Could not be reproduced.
        NotReproducible = "not_reproducible",
        /// Not a vulnerability of the maker's products.
        OutOfScope = "out_of_scope",
        /// A fix exists.
        Fixed = "fixed",
        /// An advisory is published.
        Published = "published",
        /// Nothing more will happen.
        Closed = "closed",
    }
}

impl ReportStatus {
    /// Japanese and English labels for the reporter's page.
    pub fn label(self, lang: &str) -> &'static str {
        let ja = lang == "ja";
        match self {
            ReportStatus::Received => pick(ja, "受付済み", "received"),
            ReportStatus::Triaging => pick(ja, "調査中", "under analysis"),
            ReportStatus::Confirmed => pick(ja, "脆弱性と確認", "confirmed"),
            ReportStatus::NotReproducible => pick(ja, "再現できず", "could not be reproduced"),
            ReportStatus::OutOfScope => pick(ja, "対象外", "out of scope"),
            ReportStatus::Fixed => pick(ja, "修正済み", "fixed"),
            ReportStatus::Published => pick(ja, "公表済み", "published"),
            ReportStatus::Closed => pick(ja, "完了", "closed"),
        }
    }
}

impl ReportSource {
    /// Japanese and English labels.
    pub fn label(self, lang: &str) -> &'static str {
        let ja = lang == "ja";
        match self {
            ReportSource::Researcher => pick(ja, "セキュリティ研究者", "security researcher"),
            ReportSource::Hospital => pick(ja, "医療機関", "hospital"),
            ReportSource::Supplier => pick(ja, "サプライヤー", "supplier"),
            ReportSource::Jpcert => pick(ja, "JPCERT/CC", "JPCERT/CC"),
            ReportSource::Internal => pick(ja, "社内試験", "internal testing"),
        }
    }
}

fn pick(ja: bool, j: &'static str, e: &'static str) -> &'static str {
    if ja { j } else { e }
}

/// A file sent with a report.
#[derive(Clone, Debug)]
pub struct NewAttachment {
    /// File name as sent (path parts are dropped).
    pub name: String,
    /// Media type as sent, or `application/octet-stream`.
    pub media_type: String,
    /// The bytes.
    pub content: Vec<u8>,
}

/// A report as filed.
#[derive(Clone, Debug)]
pub struct NewReport {
    /// Who it comes from.
    pub source: ReportSource,
    /// Reporter's name.
    pub reporter_name: String,
    /// Reporter's email address.
    pub reporter_email: mamori_model::Email,
    /// Reporter's organization.
    pub reporter_org: Option<String>,
    /// `ja` or `en`: the language of the status page and of our answers.
    pub lang: String,
    /// The product concerned, as the reporter names it.
    pub product: String,
    /// Its version, if known.
    pub version: Option<String>,
    /// A short title.
    pub title: String,
    /// What was found, how to reproduce it, the impact.
    pub description: String,
    /// The name to credit in the advisory, if the reporter wants credit.
    pub credit: Option<String>,
    /// Files (proof of concept, logs, captures).
    pub attachments: Vec<NewAttachment>,
}

/// An attachment's description (its bytes come from [`Store::report_attachment`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttachmentMeta {
    /// Id.
    pub id: i64,
    /// File name.
    pub name: String,
    /// Media type.
    pub media_type: String,
    /// Size in bytes.
    pub size: i64,
    /// SHA-256, hex.
    pub sha256: String,
}

/// One message on a report's thread.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportMessage {
    /// Id.
    pub id: i64,
    /// The PSIRT member's email, or `reporter`.
    pub author: String,
    /// Written by the PSIRT (false: by the reporter).
    pub from_psirt: bool,
    /// Shown to the reporter (false: an internal note).
    pub visible: bool,
    /// Text.
    pub body: String,
    /// When.
    pub created_at: String,
}

/// A stored report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportRow {
    /// Id.
    pub id: i64,
    /// Tracking id, e.g. `VR-2026-0001`.
    pub tracking_id: String,
    /// Source.
    pub source: ReportSource,
    /// Reporter's name.
    pub reporter_name: String,
    /// Reporter's email.
    pub reporter_email: String,
    /// Reporter's organization.
    pub reporter_org: Option<String>,
    /// Reporter's language.
    pub lang: String,
    /// Product as named.
    pub product: String,
    /// Version as named.
    pub version: Option<String>,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Credit wanted as.
    pub credit: Option<String>,
    /// Status.
    pub status: ReportStatus,
    /// The case it became.
    pub case_id: Option<i64>,
    /// When it arrived.
    pub received_at: String,
    /// Last change.
    pub updated_at: String,
    /// Attachments.
    pub attachments: Vec<AttachmentMeta>,
    /// The thread, oldest first (for the reporter: only visible messages).
    pub messages: Vec<ReportMessage>,
}

impl ReportRow {
    /// The report as the PSIRT's API shows it.
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "tracking_id": self.tracking_id,
            "source": self.source.as_str(),
            "reporter": {
                "name": self.reporter_name,
                "email": self.reporter_email,
                "organization": self.reporter_org,
                "lang": self.lang,
            },
            "product": self.product,
            "version": self.version,
            "title": self.title,
            "description": self.description,
            "credit": self.credit,
            "status": self.status.as_str(),
            "case": self.case_id,
            "received_at": self.received_at,
            "updated_at": self.updated_at,
            "attachments": self.attachments.iter().map(|a| json!({
                "id": a.id, "name": a.name, "media_type": a.media_type, "size": a.size, "sha256": a.sha256,
            })).collect::<Vec<_>>(),
            "messages": self.messages.iter().map(|m| json!({
                "id": m.id, "author": m.author, "from_psirt": m.from_psirt, "visible": m.visible,
                "body": m.body, "created_at": m.created_at,
            })).collect::<Vec<_>>(),
        })
    }
}

/// A case's coordination facts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Coordination {
    /// Where the case came from.
    pub source: Option<ReportSource>,
    /// Nothing is published before this day.
    pub embargo_until: Option<Date>,
    /// JVN id (`JVN#12345678` or `JVNVU#…`).
    pub jvn_id: Option<String>,
    /// JPCERT/CC's VU number (`JPCERT#…` / `VU#…`).
    pub vu_number: Option<String>,
    /// The publication date agreed with the coordinator.
    pub agreed_publication: Option<Date>,
}

impl Coordination {
    /// As JSON.
    pub fn to_json(&self) -> Value {
        json!({
            "source": self.source.map(ReportSource::as_str),
            "embargo_until": self.embargo_until.map(|d| d.to_string()),
            "jvn_id": self.jvn_id,
            "vu_number": self.vu_number,
            "agreed_publication": self.agreed_publication.map(|d| d.to_string()),
        })
    }
}

/// One exchange in a case's contact history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    /// Id (0 before it is stored).
    pub id: i64,
    /// `reporter`, `jpcert`, `supplier`, `hospital`, `regulator`, `other`.
    pub party: String,
    /// `email`, `phone`, `meeting`, `web`, `letter`.
    pub channel: String,
    /// `in` (they wrote to us) or `out`.
    pub direction: String,
    /// What was said or agreed.
    pub summary: String,
    /// When it happened.
    pub at: String,
    /// Who recorded it.
    pub recorded_by: String,
}

/// Parties a contact may be with.
pub const CONTACT_PARTIES: &[&str] = &[
    "reporter",
    "jpcert",
    "supplier",
    "hospital",
    "regulator",
    "other",
];
/// Channels a contact may use.
pub const CONTACT_CHANNELS: &[&str] = &["email", "phone", "meeting", "web", "letter"];

fn clean(s: &str) -> String {
    s.trim().to_owned()
}

fn limited(what: &str, s: &str, max: usize) -> Result<String, StoreError> {
    let s = clean(s);
    if s.is_empty() {
        return Err(StoreError::Invalid(format!("{what} is empty")));
    }
    if s.chars().count() > max {
        return Err(StoreError::Invalid(format!(
            "{what} is longer than {max} characters"
        )));
    }
    Ok(s)
}

fn optional(s: &Option<String>) -> Option<String> {
    s.as_deref().map(clean).filter(|s| !s.is_empty())
}

/// The last path part of a file name, without control characters, at most 200 characters.
fn file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base.chars().filter(|c| !c.is_control()).take(200).collect();
    if cleaned.trim().is_empty() {
        "attachment".into()
    } else {
        cleaned
    }
}

fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn new_token() -> String {
    let mut bytes = [0u8; 24];
    OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

fn parse_day(s: Option<String>) -> Option<Date> {
    crate::parse_date(s)
}

impl Store {
    /// Files a report: one transaction for the report and its attachments. Returns the
    /// report and the secret of its status link (shown once, stored only hashed).
    pub async fn submit_report(
        &self,
        new: &NewReport,
        now: OffsetDateTime,
    ) -> Result<(ReportRow, String), StoreError> {
        let title = limited("title", &new.title, MAX_TITLE_CHARS)?;
        let description = limited("description", &new.description, MAX_TEXT_CHARS)?;
        let name = limited("reporter name", &new.reporter_name, MAX_TITLE_CHARS)?;
        let product = limited("product", &new.product, MAX_TITLE_CHARS)?;
        if !matches!(new.lang.as_str(), "ja" | "en") {
            return Err(StoreError::Invalid(format!(
                "language {:?} is not ja or en",
                new.lang
            )));
        }
        if new.attachments.len() > MAX_ATTACHMENTS {
            return Err(StoreError::Invalid(format!(
                "at most {MAX_ATTACHMENTS} attachments"
            )));
        }
        let year = i64::from(now.year());
        let mut attempt = 0;
        loop {
            attempt += 1;
            let token = new_token();
            match self
                .insert_report(
                    new,
                    &title,
                    &description,
                    &name,
                    &product,
                    &token,
                    year,
                    now,
                )
                .await
            {
                Ok(id) => return Ok((self.report(id).await?, token)),
                Err(StoreError::Db(e)) if crate::is_unique_violation(&e) && attempt < 5 => {}
                Err(e) => return Err(e),
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    async fn insert_report(
        &self,
        new: &NewReport,
        title: &str,
        description: &str,
        name: &str,
        product: &str,
        token: &str,
        year: i64,
        now: OffsetDateTime,
    ) -> Result<i64, StoreError> {
        let mut tx = self.pool.begin().await?;
        let seq: i64 =
            sqlx::query("SELECT COALESCE(MAX(seq), 0) + 1 FROM vuln_reports WHERE year = $1")
                .bind(year)
                .fetch_one(&mut *tx)
                .await?
                .try_get(0)?;
        let tracking = format!("{REPORT_PREFIX}-{year}-{seq:04}");
        let at = fmt_time(now);
        let id: i64 = sqlx::query(
            "INSERT INTO vuln_reports (tracking_id, year, seq, status_token_hash, source, reporter_name, \
             reporter_email, reporter_org, lang, product, version, title, description, credit, status, \
             received_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'received', $15, $15) RETURNING id",
        )
        .bind(tracking.clone())
        .bind(year)
        .bind(seq)
        .bind(hash_token(token))
        .bind(new.source.as_str())
        .bind(name.to_owned())
        .bind(new.reporter_email.as_str().to_owned())
        .bind(optional(&new.reporter_org))
        .bind(new.lang.clone())
        .bind(product.to_owned())
        .bind(optional(&new.version))
        .bind(title.to_owned())
        .bind(description.to_owned())
        .bind(optional(&new.credit))
        .bind(at.clone())
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        let mut files = Vec::new();
        for a in &new.attachments {
            let sha = hex::encode(Sha256::digest(&a.content));
            let name = file_name(&a.name);
            let media = if a.media_type.trim().is_empty() {
                "application/octet-stream".to_owned()
            } else {
                a.media_type.trim().chars().take(100).collect()
            };
            sqlx::query(
                "INSERT INTO vuln_report_attachments (report_id, name, media_type, size, sha256, content, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(id)
            .bind(name.clone())
            .bind(media)
            .bind(a.content.len() as i64)
            .bind(sha.clone())
            .bind(a.content.clone())
            .bind(at.clone())
            .execute(&mut *tx)
            .await?;
            files.push(json!({"name": name, "size": a.content.len(), "sha256": sha}));
        }
        // The reporter's address stays out of the audit record: it is personal data the
        // report row already holds, and auditors need what arrived, not who to email.
        let event = Event::new(
            now,
            &format!("reporter:{tracking}"),
            "report.receive",
            Subject::new("report", &tracking)?,
        )?
        .evidence(&json!({
            "set": {"status": "received", "source": new.source.as_str(), "title": title, "product": product},
            "attachments": files,
        }));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn report_id_by_token(&self, token: &str) -> Result<i64, StoreError> {
        let not_found = || StoreError::NotFound {
            what: "report",
            name: "status link".into(),
        };
        if token.len() != 48 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(not_found());
        }
        sqlx::query("SELECT id FROM vuln_reports WHERE status_token_hash = $1")
            .bind(hash_token(token))
            .fetch_optional(&self.pool)
            .await?
            .map(|r| r.try_get(0))
            .transpose()?
            .ok_or_else(not_found)
    }

    /// The report behind a status link, as its reporter may see it: internal notes left out.
    pub async fn report_by_token(&self, token: &str) -> Result<ReportRow, StoreError> {
        let id = self.report_id_by_token(token).await?;
        let mut r = self.report(id).await?;
        r.messages.retain(|m| m.visible);
        Ok(r)
    }

    /// One report with its attachments and whole thread.
    pub async fn report(&self, id: i64) -> Result<ReportRow, StoreError> {
        let r = sqlx::query(
            "SELECT id, tracking_id, source, reporter_name, reporter_email, reporter_org, lang, product, version, \
             title, description, credit, status, case_id, received_at, updated_at FROM vuln_reports WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            what: "report",
            name: id.to_string(),
        })?;
        let mut row = report_row(&r)?;
        row.attachments = sqlx::query(
            "SELECT id, name, media_type, size, sha256 FROM vuln_report_attachments WHERE report_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(attachment_meta)
        .collect::<Result<_, StoreError>>()?;
        row.messages = sqlx::query(
            "SELECT id, author, from_psirt, visible, body, created_at FROM vuln_report_messages \
             WHERE report_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|m| {
            Ok(ReportMessage {
                id: m.try_get(0)?,
                author: m.try_get(1)?,
                from_psirt: m.try_get::<i64, _>(2)? == 1,
                visible: m.try_get::<i64, _>(3)? == 1,
                body: m.try_get(4)?,
                created_at: m.try_get(5)?,
            })
        })
        .collect::<Result<_, StoreError>>()?;
        Ok(row)
    }

    /// Reports, newest first, optionally of one status (without attachments and thread).
    pub async fn reports(
        &self,
        status: Option<ReportStatus>,
    ) -> Result<Vec<ReportRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, tracking_id, source, reporter_name, reporter_email, reporter_org, lang, product, version, \
             title, description, credit, status, case_id, received_at, updated_at FROM vuln_reports \
             WHERE ($1 = '' OR status = $1) ORDER BY id DESC",
        )
        .bind(status.map_or("", ReportStatus::as_str))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(report_row).collect()
    }

    /// One attachment's description and bytes.
    pub async fn report_attachment(
        &self,
        report_id: i64,
        attachment_id: i64,
    ) -> Result<(AttachmentMeta, Vec<u8>), StoreError> {
        let a = sqlx::query(
            "SELECT id, name, media_type, size, sha256, content FROM vuln_report_attachments \
             WHERE report_id = $1 AND id = $2",
        )
        .bind(report_id)
        .bind(attachment_id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            what: "attachment",
            name: attachment_id.to_string(),
        })?;
        Ok((attachment_meta(&a)?, a.try_get(5)?))
    }

    /// Changes a report's status, with its audit event.
    pub async fn set_report_status(
        &self,
        id: i64,
        status: ReportStatus,
        who: &str,
        now: OffsetDateTime,
    ) -> Result<ReportRow, StoreError> {
        let before = self.report(id).await?;
        if before.status == status {
            return Ok(before);
        }
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE vuln_reports SET status = $1, updated_at = $2 WHERE id = $3")
            .bind(status.as_str())
            .bind(fmt_time(now))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let event = Event::new(
            now,
            who,
            "report.status",
            Subject::new("report", &before.tracking_id)?,
        )?
        .evidence(&json!({"set": {"status": status.as_str()}, "was": before.status.as_str()}));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        self.report(id).await
    }

    /// Adds a PSIRT message (visible to the reporter, or an internal note), with its audit event.
    pub async fn add_report_message(
        &self,
        id: i64,
        body: &str,
        visible: bool,
        who: &str,
        now: OffsetDateTime,
    ) -> Result<ReportRow, StoreError> {
        let report = self.report(id).await?;
        self.insert_message(&report, who, true, visible, body, who, now)
            .await?;
        self.report(id).await
    }

    /// Adds the reporter's message through the status link.
    pub async fn add_reporter_message(
        &self,
        token: &str,
        body: &str,
        now: OffsetDateTime,
    ) -> Result<ReportRow, StoreError> {
        let id = self.report_id_by_token(token).await?;
        let report = self.report(id).await?;
        let actor = format!("reporter:{}", report.tracking_id);
        self.insert_message(&report, "reporter", false, true, body, &actor, now)
            .await?;
        self.report_by_token(token).await
    }

    #[allow(clippy::too_many_arguments)]
    async fn insert_message(
        &self,
        report: &ReportRow,
        author: &str,
        from_psirt: bool,
        visible: bool,
        body: &str,
        actor: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let body = limited("message", body, MAX_TEXT_CHARS)?;
        let at = fmt_time(now);
        let mut tx = self.pool.begin().await?;
        let msg: i64 = sqlx::query(
            "INSERT INTO vuln_report_messages (report_id, author, from_psirt, visible, body, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(report.id)
        .bind(author.to_owned())
        .bind(i64::from(from_psirt))
        .bind(i64::from(visible))
        .bind(body.clone())
        .bind(at.clone())
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        sqlx::query("UPDATE vuln_reports SET updated_at = $1 WHERE id = $2")
            .bind(at.clone())
            .bind(report.id)
            .execute(&mut *tx)
            .await?;
        // A case opened from the report keeps the exchange in its contact history.
        if let Some(case) = report.case_id.filter(|_| visible) {
            insert_contact(
                &mut tx,
                case,
                &Contact {
                    id: 0,
                    party: "reporter".into(),
                    channel: "web".into(),
                    direction: if from_psirt { "out" } else { "in" }.into(),
                    summary: body.clone(),
                    at: at.clone(),
                    recorded_by: actor.to_owned(),
                },
            )
            .await?;
        }
        let event = Event::new(
            now,
            actor,
            "report.message",
            Subject::new("report", &report.tracking_id)?,
        )?
        .evidence(&json!({"message": msg, "from_psirt": from_psirt, "visible": visible, "sha256": hex::encode(Sha256::digest(body.as_bytes()))}));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Opens the case a report becomes: its awareness date is the day the report arrived,
    /// its source the report's; harm starts as `none` until the PSIRT assesses it.
    pub async fn open_case_from_report(
        &self,
        id: i64,
        who: &str,
        now: OffsetDateTime,
    ) -> Result<crate::CaseRow, StoreError> {
        let report = self.report(id).await?;
        if let Some(case) = report.case_id {
            return Err(StoreError::Invalid(format!(
                "report {} is already case {case}",
                report.tracking_id
            )));
        }
        let awareness = time::OffsetDateTime::parse(
            &report.received_at,
            &time::format_description::well_known::Rfc3339,
        )
        .map(|t| t.date())
        .unwrap_or(now.date());
        let at = fmt_time(now);
        let mut tx = self.pool.begin().await?;
        let case: i64 = sqlx::query(
            "INSERT INTO cases (title, awareness, harm, harm_occurred, expected, unanticipated, public_health_threat, \
             safety, correction_initiated, status, created_by, created_at, source) \
             VALUES ($1, $2, 'none', 0, 0, 0, 0, NULL, NULL, 'open', $3, $4, $5) RETURNING id",
        )
        .bind(format!("{} ({})", report.title, report.tracking_id))
        .bind(awareness.to_string())
        .bind(who.to_owned())
        .bind(at.clone())
        .bind(report.source.as_str())
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        sqlx::query("UPDATE vuln_reports SET case_id = $1, status = CASE WHEN status = 'received' THEN 'triaging' ELSE status END, updated_at = $2 WHERE id = $3")
            .bind(case)
            .bind(at.clone())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let event = Event::new(
            now,
            who,
            action::CASE_OPEN,
            Subject::new("case", &case.to_string())?,
        )?
        .evidence(&json!({
            "set": {"status": "open", "title": format!("{} ({})", report.title, report.tracking_id),
                    "awareness": awareness.to_string(), "harm": "none", "source": report.source.as_str()},
            "report": report.tracking_id,
            "findings": [],
        }));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        self.case(case).await
    }

    /// Sets a case's coordination facts, with its audit event.
    pub async fn set_case_coordination(
        &self,
        case: i64,
        c: &Coordination,
        who: &str,
        now: OffsetDateTime,
    ) -> Result<crate::CaseRow, StoreError> {
        let before = self.case(case).await?;
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "UPDATE cases SET source = $1, embargo_until = $2, jvn_id = $3, vu_number = $4, agreed_publication = $5 \
             WHERE id = $6",
        )
        .bind(c.source.map(|s| s.as_str().to_owned()))
        .bind(c.embargo_until.map(|d| d.to_string()))
        .bind(optional(&c.jvn_id))
        .bind(optional(&c.vu_number))
        .bind(c.agreed_publication.map(|d| d.to_string()))
        .bind(case)
        .execute(&mut *tx)
        .await?;
        let event = Event::new(
            now,
            who,
            "case.coordination",
            Subject::new("case", &case.to_string())?,
        )?
        .evidence(&json!({"set": c.to_json(), "was": before.coordination.to_json()}));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        self.case(case).await
    }

    /// Appends an exchange to a case's contact history, with its audit event.
    pub async fn add_case_contact(
        &self,
        case: i64,
        contact: &Contact,
        who: &str,
        now: OffsetDateTime,
    ) -> Result<crate::CaseRow, StoreError> {
        self.case(case).await?;
        if !CONTACT_PARTIES.contains(&contact.party.as_str()) {
            return Err(StoreError::Invalid(format!(
                "party {:?} is not one of {}",
                contact.party,
                CONTACT_PARTIES.join(", ")
            )));
        }
        if !CONTACT_CHANNELS.contains(&contact.channel.as_str()) {
            return Err(StoreError::Invalid(format!(
                "channel {:?} is not one of {}",
                contact.channel,
                CONTACT_CHANNELS.join(", ")
            )));
        }
        if !matches!(contact.direction.as_str(), "in" | "out") {
            return Err(StoreError::Invalid(format!(
                "direction {:?} is not in or out",
                contact.direction
            )));
        }
        let summary = limited("summary", &contact.summary, MAX_TEXT_CHARS)?;
        let at = if contact.at.trim().is_empty() {
            fmt_time(now)
        } else {
            contact.at.trim().to_owned()
        };
        let mut tx = self.pool.begin().await?;
        let id = insert_contact(
            &mut tx,
            case,
            &Contact {
                summary,
                at,
                recorded_by: who.to_owned(),
                ..contact.clone()
            },
        )
        .await?;
        let event = Event::new(
            now,
            who,
            "case.contact",
            Subject::new("case", &case.to_string())?,
        )?
        .evidence(&json!({"contact": id, "party": contact.party, "channel": contact.channel, "direction": contact.direction}));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        self.case(case).await
    }

    /// Adds findings to a case (a report's case gets them once the PSIRT has matched the
    /// component), with its audit event.
    pub async fn link_case_findings(
        &self,
        case: i64,
        findings: &[i64],
        who: &str,
        now: OffsetDateTime,
    ) -> Result<crate::CaseRow, StoreError> {
        let before = self.case(case).await?;
        for f in findings {
            self.finding(*f).await?;
        }
        let added: Vec<i64> = findings
            .iter()
            .copied()
            .filter(|f| !before.findings.contains(f))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        if added.is_empty() {
            return Ok(before);
        }
        let mut tx = self.pool.begin().await?;
        for f in &added {
            sqlx::query("INSERT INTO case_findings (case_id, finding_id) VALUES ($1, $2)")
                .bind(case)
                .bind(*f)
                .execute(&mut *tx)
                .await?;
        }
        let event = Event::new(
            now,
            who,
            "case.findings",
            Subject::new("case", &case.to_string())?,
        )?
        .evidence(&json!({"added": added}));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        self.case(case).await
    }

    /// The coordination facts and contact history of a case.
    pub(crate) async fn case_coordination(
        &self,
        case: i64,
    ) -> Result<(Coordination, Vec<Contact>), StoreError> {
        let r = sqlx::query(
            "SELECT source, embargo_until, jvn_id, vu_number, agreed_publication FROM cases WHERE id = $1",
        )
        .bind(case)
        .fetch_one(&self.pool)
        .await?;
        let source: Option<String> = r.try_get(0)?;
        let coordination = Coordination {
            source: source.as_deref().and_then(ReportSource::parse),
            embargo_until: parse_day(r.try_get(1)?),
            jvn_id: r.try_get(2)?,
            vu_number: r.try_get(3)?,
            agreed_publication: parse_day(r.try_get(4)?),
        };
        let contacts = sqlx::query(
            "SELECT id, party, channel, direction, summary, at, recorded_by FROM case_contacts \
             WHERE case_id = $1 ORDER BY id",
        )
        .bind(case)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|c| {
            Ok(Contact {
                id: c.try_get(0)?,
                party: c.try_get(1)?,
                channel: c.try_get(2)?,
                direction: c.try_get(3)?,
                summary: c.try_get(4)?,
                at: c.try_get(5)?,
                recorded_by: c.try_get(6)?,
            })
        })
        .collect::<Result<_, StoreError>>()?;
        Ok((coordination, contacts))
    }
}

async fn insert_contact(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    case: i64,
    c: &Contact,
) -> Result<i64, StoreError> {
    Ok(sqlx::query(
        "INSERT INTO case_contacts (case_id, party, channel, direction, summary, at, recorded_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(case)
    .bind(c.party.clone())
    .bind(c.channel.clone())
    .bind(c.direction.clone())
    .bind(c.summary.clone())
    .bind(c.at.clone())
    .bind(c.recorded_by.clone())
    .fetch_one(&mut **tx)
    .await?
    .try_get(0)?)
}

/// An attachment's description from a row starting `id, name, media_type, size, sha256`.
fn attachment_meta(a: &sqlx::any::AnyRow) -> Result<AttachmentMeta, StoreError> {
    Ok(AttachmentMeta {
        id: a.try_get(0)?,
        name: a.try_get(1)?,
        media_type: a.try_get(2)?,
        size: a.try_get(3)?,
        sha256: a.try_get(4)?,
    })
}

fn report_row(r: &sqlx::any::AnyRow) -> Result<ReportRow, StoreError> {
    let id: i64 = r.try_get(0)?;
    let source: String = r.try_get(2)?;
    let status: String = r.try_get(12)?;
    Ok(ReportRow {
        id,
        tracking_id: r.try_get(1)?,
        source: ReportSource::parse(&source).ok_or_else(|| StoreError::Corrupt {
            id,
            reason: format!("report source {source:?} is unknown"),
        })?,
        reporter_name: r.try_get(3)?,
        reporter_email: r.try_get(4)?,
        reporter_org: r.try_get(5)?,
        lang: r.try_get(6)?,
        product: r.try_get(7)?,
        version: r.try_get(8)?,
        title: r.try_get(9)?,
        description: r.try_get(10)?,
        credit: r.try_get(11)?,
        status: ReportStatus::parse(&status).ok_or_else(|| StoreError::Corrupt {
            id,
            reason: format!("report status {status:?} is unknown"),
        })?,
        case_id: r.try_get(13)?,
        received_at: r.try_get(14)?,
        updated_at: r.try_get(15)?,
        attachments: Vec::new(),
        messages: Vec::new(),
    })
}
