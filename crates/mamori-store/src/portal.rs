//! The hospital portal's data: inquiries with their threads and attachments, and disclosure documents (MDS2, MDS/SDS) as revisions per release and form.
//!
//! An inquiry belongs to the organization whose user opened it; a hospital's readers see only
//! their own organization's inquiries, the maker's staff see all of them. Each inquiry gets an
//! acknowledgement target from an [`AckPolicy`] when it is opened; the PSIRT acknowledges it
//! (explicitly, or by its first reply), and the queue lists unacknowledged inquiries by target,
//! overdue ones first.
//!
//! A disclosure document is the answers (JSON text, checked against the form by the caller with
//! `mamori-disclosure`) for one release and one form id. Every save is a new revision; a hospital
//! sees the latest *approved* revision, and only for a release one of its devices in service runs
//! or one the maker shared with it. Every change is an audit event in the same transaction.

use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use sqlx::Row;
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

use crate::audit::{Event, Subject};
use crate::identity::Visibility;
use crate::{Store, StoreError, fmt_time};

/// Longest subject accepted.
pub const MAX_SUBJECT_CHARS: usize = 200;
/// Longest message accepted.
pub const MAX_MESSAGE_CHARS: usize = 20_000;
/// Most attachments on one message.
pub const MAX_INQUIRY_ATTACHMENTS: usize = 10;

/// What an inquiry asks about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InquiryKind {
    /// Whether a vulnerability affects the hospital's devices.
    AffectsCve,
    /// A request for a document (MDS2, MDS/SDS, SBOM, …).
    DocumentRequest,
    /// Anything else.
    Other,
}

impl InquiryKind {
    /// `affects-cve`, `document-request`, `other`.
    pub const fn as_str(self) -> &'static str {
        match self {
            InquiryKind::AffectsCve => "affects-cve",
            InquiryKind::DocumentRequest => "document-request",
            InquiryKind::Other => "other",
        }
    }

    /// Reads a stored or wire name.
    pub fn parse(s: &str) -> Option<InquiryKind> {
        match s {
            "affects-cve" => Some(InquiryKind::AffectsCve),
            "document-request" => Some(InquiryKind::DocumentRequest),
            "other" => Some(InquiryKind::Other),
            _ => None,
        }
    }
}

/// Where an inquiry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InquiryStatus {
    /// Waiting for the PSIRT.
    Open,
    /// The PSIRT replied last.
    Answered,
    /// Closed by either side; no more replies.
    Closed,
}

impl InquiryStatus {
    /// `open`, `answered`, `closed`.
    pub const fn as_str(self) -> &'static str {
        match self {
            InquiryStatus::Open => "open",
            InquiryStatus::Answered => "answered",
            InquiryStatus::Closed => "closed",
        }
    }

    /// Reads a stored name.
    pub fn parse(s: &str) -> Option<InquiryStatus> {
        match s {
            "open" => Some(InquiryStatus::Open),
            "answered" => Some(InquiryStatus::Answered),
            "closed" => Some(InquiryStatus::Closed),
            _ => None,
        }
    }
}

/// How soon the PSIRT must acknowledge an inquiry, by kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AckPolicy {
    /// For "does this vulnerability affect us?".
    pub affects_cve: Duration,
    /// For document requests.
    pub document_request: Duration,
    /// For the rest.
    pub other: Duration,
}

impl Default for AckPolicy {
    /// One day for a vulnerability question, three for a document request, two otherwise.
    fn default() -> AckPolicy {
        AckPolicy {
            affects_cve: Duration::hours(24),
            document_request: Duration::hours(72),
            other: Duration::hours(48),
        }
    }
}

impl AckPolicy {
    /// The time allowed for `kind`.
    pub fn allowed(&self, kind: InquiryKind) -> Duration {
        match kind {
            InquiryKind::AffectsCve => self.affects_cve,
            InquiryKind::DocumentRequest => self.document_request,
            InquiryKind::Other => self.other,
        }
    }
}

/// A file to attach.
#[derive(Clone, Debug)]
pub struct InquiryFile {
    /// File name as the sender gave it (folders are dropped).
    pub name: String,
    /// Media type.
    pub media_type: String,
    /// Content.
    pub content: Vec<u8>,
}

/// An inquiry to open.
#[derive(Clone, Debug)]
pub struct NewInquiry {
    /// The asking organization.
    pub org_id: i64,
    /// Subject line.
    pub subject: String,
    /// What it asks about.
    pub kind: InquiryKind,
    /// The release it is about, if any (must be visible to the organization).
    pub release_id: Option<i64>,
    /// The vulnerability it is about, if any (`CVE-2026-1234`).
    pub vuln_id: Option<String>,
    /// The first message.
    pub body: String,
    /// Files with the first message.
    pub attachments: Vec<InquiryFile>,
}

/// A stored attachment's description (its content is read with [`Store::inquiry_attachment`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InquiryAttachment {
    /// Id.
    pub id: i64,
    /// File name.
    pub name: String,
    /// Media type.
    pub media_type: String,
    /// Size in bytes.
    pub size: i64,
    /// Hex SHA-256 of the content.
    pub sha256: String,
}

/// One message of a thread.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InquiryMessage {
    /// Id.
    pub id: i64,
    /// Written by the PSIRT (false: by the hospital).
    pub from_psirt: bool,
    /// Who wrote it (for a hospital reader, the PSIRT's messages name no one).
    pub author: String,
    /// Text.
    pub body: String,
    /// When (RFC 3339).
    pub created_at: String,
    /// Its files.
    pub attachments: Vec<InquiryAttachment>,
}

/// A stored inquiry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InquiryRow {
    /// Id.
    pub id: i64,
    /// Asking organization.
    pub org_id: i64,
    /// Its name.
    pub org_name: String,
    /// The asking user's e-mail.
    pub asked_by: String,
    /// Subject line.
    pub subject: String,
    /// Kind.
    pub kind: InquiryKind,
    /// Related release.
    pub release_id: Option<i64>,
    /// Related vulnerability.
    pub vuln_id: Option<String>,
    /// Status.
    pub status: InquiryStatus,
    /// When it must be acknowledged by.
    pub ack_due_at: OffsetDateTime,
    /// When the PSIRT acknowledged it.
    pub acknowledged_at: Option<OffsetDateTime>,
    /// Opened (RFC 3339).
    pub created_at: String,
    /// Last change (RFC 3339).
    pub updated_at: String,
}

impl InquiryRow {
    /// Whether it is still unacknowledged past its target at `now` (closed ones never are).
    pub fn overdue(&self, now: OffsetDateTime) -> bool {
        self.status != InquiryStatus::Closed
            && self.acknowledged_at.is_none()
            && now > self.ack_due_at
    }

    /// The API's view.
    pub fn to_json(&self, now: OffsetDateTime) -> Value {
        json!({
            "id": self.id,
            "organization": {"id": self.org_id, "name": self.org_name},
            "asked_by": self.asked_by,
            "subject": self.subject,
            "kind": self.kind.as_str(),
            "release": self.release_id,
            "vulnerability": self.vuln_id,
            "status": self.status.as_str(),
            "ack_due_at": fmt_time(self.ack_due_at),
            "acknowledged_at": self.acknowledged_at.map(fmt_time),
            "overdue": self.overdue(now),
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        })
    }
}

impl InquiryMessage {
    /// The API's view.
    pub fn to_json(&self) -> Value {
        let files: Vec<Value> = self
            .attachments
            .iter()
            .map(|a| {
                json!({"id": a.id, "name": a.name, "media_type": a.media_type, "size": a.size, "sha256": a.sha256})
            })
            .collect();
        json!({
            "id": self.id,
            "from": if self.from_psirt { "psirt" } else { "hospital" },
            "author": self.author,
            "body": self.body,
            "created_at": self.created_at,
            "attachments": files,
        })
    }
}

/// One revision of a disclosure document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DisclosureRevision {
    /// Release.
    pub release_id: i64,
    /// Form id (`mds2`, `mds-sds`).
    pub form_id: String,
    /// 1, 2, … per release and form.
    pub number: i64,
    /// The answers as JSON text.
    pub answers: String,
    /// What this revision changes.
    pub comment: String,
    /// Who saved it (empty for readers outside the maker).
    pub created_by: String,
    /// When (RFC 3339).
    pub created_at: String,
    /// Who approved it (empty for readers outside the maker).
    pub approved_by: Option<String>,
    /// When it was approved (RFC 3339).
    pub approved_at: Option<String>,
}

impl DisclosureRevision {
    /// The API's view, the answers as JSON.
    pub fn to_json(&self) -> Value {
        json!({
            "release": self.release_id,
            "form": self.form_id,
            "number": self.number,
            "answers": serde_json::from_str::<Value>(&self.answers).unwrap_or(Value::Null),
            "comment": self.comment,
            "created_by": self.created_by,
            "created_at": self.created_at,
            "approved_by": self.approved_by,
            "approved_at": self.approved_at,
            "approved": self.approved_at.is_some(),
        })
    }

    fn for_org(mut self) -> DisclosureRevision {
        self.created_by.clear();
        self.approved_by = self.approved_by.map(|_| String::new());
        self
    }
}

const INQUIRY_COLUMNS: &str = "i.id, i.org_id, o.name, i.asked_by, i.subject, i.kind, i.release_id, i.vuln_id, i.status, i.ack_due_at, i.acknowledged_at, i.created_at, i.updated_at";

const REVISION_COLUMNS: &str = "release_id, form_id, number, answers, comment, created_by, created_at, approved_by, approved_at";

// A hospital may read a release's documents when one of its devices in service runs the release
// or the maker shared that form of it with the organization. Binds the organization as $1.
const DOCUMENT_VISIBLE: &str = "(EXISTS (SELECT 1 FROM installed_devices d WHERE d.org_id = $1 AND d.release_id = r.release_id AND d.decommissioned_on IS NULL) \
     OR EXISTS (SELECT 1 FROM disclosure_shares s WHERE s.org_id = $1 AND s.release_id = r.release_id AND s.form_id = r.form_id))";

impl Store {
    /// Opens an inquiry for `new.org_id` with its first message; its acknowledgement target is
    /// `now` plus what `policy` allows for its kind.
    pub async fn create_inquiry(
        &self,
        new: &NewInquiry,
        policy: &AckPolicy,
        actor: &str,
        now: OffsetDateTime,
    ) -> Result<InquiryRow, StoreError> {
        let subject = new.subject.trim();
        if subject.is_empty() || subject.chars().count() > MAX_SUBJECT_CHARS {
            return Err(StoreError::Invalid(format!(
                "an inquiry needs a subject of 1 to {MAX_SUBJECT_CHARS} characters"
            )));
        }
        check_body(&new.body)?;
        check_attachments(&new.attachments)?;
        if let Some(r) = new.release_id {
            // The asking organization must be able to see the release it asks about.
            self.release_by_id(r, Visibility::Organization(new.org_id))
                .await?;
        }
        let vuln = new
            .vuln_id
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty());
        if let Some(v) = vuln
            && (v.len() > 64 || v.chars().any(char::is_whitespace))
        {
            return Err(StoreError::Invalid(format!(
                "{v:?} is not a vulnerability id"
            )));
        }
        let due = now + policy.allowed(new.kind);
        let at = fmt_time(now);
        let mut tx = self.pool.begin().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO inquiries (org_id, asked_by, subject, kind, release_id, vuln_id, status, ack_due_at, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
        )
        .bind(new.org_id)
        .bind(actor)
        .bind(subject)
        .bind(new.kind.as_str())
        .bind(new.release_id)
        .bind(vuln)
        .bind(InquiryStatus::Open.as_str())
        .bind(fmt_time(due))
        .bind(at.clone())
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        let files =
            insert_message(&mut tx, id, false, actor, &new.body, &new.attachments, &at).await?;
        let event = Event::new(now, actor, "inquiry.create", inquiry_subject(id)?)?.evidence(
            &json!({"set": {"org": new.org_id, "subject": subject, "kind": new.kind.as_str(),
                "release": new.release_id, "vulnerability": vuln, "status": "open",
                "ack_due_at": fmt_time(due)}, "attachments": files}),
        );
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        self.inquiry(id, Visibility::All).await
    }

    /// Inquiries visible at `vis`. For the maker, the queue: open and unacknowledged first by
    /// target (overdue ones therefore first), then the rest newest first. For an organization,
    /// its own, newest first.
    pub async fn inquiries(&self, vis: Visibility) -> Result<Vec<InquiryRow>, StoreError> {
        let rows = match vis {
            Visibility::All => {
                let sql = format!(
                    "SELECT {INQUIRY_COLUMNS} FROM inquiries i JOIN organizations o ON o.id = i.org_id ORDER BY i.id DESC"
                );
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .fetch_all(&self.pool)
                    .await?
            }
            Visibility::Organization(org) => {
                let sql = format!(
                    "SELECT {INQUIRY_COLUMNS} FROM inquiries i JOIN organizations o ON o.id = i.org_id WHERE i.org_id = $1 ORDER BY i.id DESC"
                );
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(org)
                    .fetch_all(&self.pool)
                    .await?
            }
        };
        let mut out: Vec<InquiryRow> = rows
            .iter()
            .map(inquiry_from_row)
            .collect::<Result<_, _>>()?;
        if vis == Visibility::All {
            // Waiting for an acknowledgement first, soonest target first; a stable sort keeps the
            // rest newest first.
            out.sort_by_key(|i| {
                let waiting = i.status != InquiryStatus::Closed && i.acknowledged_at.is_none();
                (!waiting, if waiting { Some(i.ack_due_at) } else { None })
            });
        }
        Ok(out)
    }

    /// One inquiry if visible at `vis`; `NotFound` otherwise, so nobody learns it exists.
    pub async fn inquiry(&self, id: i64, vis: Visibility) -> Result<InquiryRow, StoreError> {
        let sql = format!(
            "SELECT {INQUIRY_COLUMNS} FROM inquiries i JOIN organizations o ON o.id = i.org_id WHERE i.id = $1"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        let found = row.as_ref().map(inquiry_from_row).transpose()?;
        match (found, vis) {
            (Some(i), Visibility::All) => Ok(i),
            (Some(i), Visibility::Organization(org)) if i.org_id == org => Ok(i),
            _ => Err(StoreError::NotFound {
                what: "inquiry",
                name: id.to_string(),
            }),
        }
    }

    /// An inquiry's thread, oldest first (for an organization's reader, PSIRT authors are not named).
    pub async fn inquiry_messages(
        &self,
        id: i64,
        vis: Visibility,
    ) -> Result<Vec<InquiryMessage>, StoreError> {
        self.inquiry(id, vis).await?;
        let files = sqlx::query(
            "SELECT message_id, id, name, media_type, size, sha256 FROM inquiry_attachments WHERE inquiry_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        let mut files: Vec<(i64, InquiryAttachment)> = files
            .iter()
            .map(|r| {
                Ok((
                    r.try_get(0)?,
                    InquiryAttachment {
                        id: r.try_get(1)?,
                        name: r.try_get(2)?,
                        media_type: r.try_get(3)?,
                        size: r.try_get(4)?,
                        sha256: r.try_get(5)?,
                    },
                ))
            })
            .collect::<Result<_, StoreError>>()?;
        let rows = sqlx::query(
            "SELECT id, from_psirt, author, body, created_at FROM inquiry_messages WHERE inquiry_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let mid: i64 = r.try_get(0)?;
            let from_psirt = r.try_get::<i64, _>(1)? == 1;
            let mut author: String = r.try_get(2)?;
            if from_psirt && vis != Visibility::All {
                author = String::new();
            }
            let (mine, rest): (Vec<_>, Vec<_>) = files.into_iter().partition(|(m, _)| *m == mid);
            files = rest;
            out.push(InquiryMessage {
                id: mid,
                from_psirt,
                author,
                body: r.try_get(3)?,
                created_at: r.try_get(4)?,
                attachments: mine.into_iter().map(|(_, a)| a).collect(),
            });
        }
        Ok(out)
    }

    /// Adds a message to an open or answered inquiry: from the PSIRT when `vis` is the maker's
    /// (which also acknowledges it and marks it answered), from the hospital otherwise (which
    /// marks it open again).
    pub async fn reply_inquiry(
        &self,
        id: i64,
        vis: Visibility,
        body: &str,
        attachments: &[InquiryFile],
        actor: &str,
        now: OffsetDateTime,
    ) -> Result<InquiryMessage, StoreError> {
        check_body(body)?;
        check_attachments(attachments)?;
        let inquiry = self.inquiry(id, vis).await?;
        if inquiry.status == InquiryStatus::Closed {
            return Err(StoreError::Invalid(format!("inquiry {id} is closed")));
        }
        let from_psirt = vis == Visibility::All;
        let status = if from_psirt {
            InquiryStatus::Answered
        } else {
            InquiryStatus::Open
        };
        let at = fmt_time(now);
        let mut tx = self.pool.begin().await?;
        let files = insert_message(&mut tx, id, from_psirt, actor, body, attachments, &at).await?;
        let acknowledges = from_psirt && inquiry.acknowledged_at.is_none();
        sqlx::query(
            "UPDATE inquiries SET status = $1, updated_at = $2, \
             acknowledged_at = CASE WHEN $3 = 1 THEN $2 ELSE acknowledged_at END, \
             acknowledged_by = CASE WHEN $3 = 1 THEN $4 ELSE acknowledged_by END WHERE id = $5",
        )
        .bind(status.as_str())
        .bind(at.clone())
        .bind(i64::from(acknowledges))
        .bind(actor)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let mut set = json!({"status": status.as_str()});
        if acknowledges {
            set["acknowledged_at"] = json!(at);
        }
        let event = Event::new(now, actor, "inquiry.reply", inquiry_subject(id)?)?.evidence(
            &json!({"set": set, "from": if from_psirt { "psirt" } else { "hospital" }, "attachments": files}),
        );
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        self.inquiry_messages(id, vis)
            .await?
            .pop()
            .ok_or_else(|| StoreError::Corrupt {
                id,
                reason: "inquiry message not stored".into(),
            })
    }

    /// The PSIRT acknowledges an inquiry (once; a second call changes nothing and is not an event).
    pub async fn acknowledge_inquiry(
        &self,
        id: i64,
        actor: &str,
        now: OffsetDateTime,
    ) -> Result<InquiryRow, StoreError> {
        let inquiry = self.inquiry(id, Visibility::All).await?;
        if inquiry.acknowledged_at.is_some() {
            return Ok(inquiry);
        }
        let at = fmt_time(now);
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "UPDATE inquiries SET acknowledged_at = $1, acknowledged_by = $2, updated_at = $1 WHERE id = $3 AND acknowledged_at IS NULL",
        )
        .bind(at.clone())
        .bind(actor)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let event = Event::new(now, actor, "inquiry.acknowledge", inquiry_subject(id)?)?
            .evidence(&json!({"set": {"acknowledged_at": at},
                "overdue": inquiry.overdue(now)}));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        self.inquiry(id, Visibility::All).await
    }

    /// Closes an inquiry visible at `vis` (either side may); closing a closed one changes nothing.
    pub async fn close_inquiry(
        &self,
        id: i64,
        vis: Visibility,
        actor: &str,
        now: OffsetDateTime,
    ) -> Result<InquiryRow, StoreError> {
        let inquiry = self.inquiry(id, vis).await?;
        if inquiry.status == InquiryStatus::Closed {
            return Ok(inquiry);
        }
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE inquiries SET status = $1, updated_at = $2 WHERE id = $3")
            .bind(InquiryStatus::Closed.as_str())
            .bind(fmt_time(now))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let event = Event::new(now, actor, "inquiry.close", inquiry_subject(id)?)?
            .evidence(&json!({"set": {"status": "closed"}}));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        self.inquiry(id, vis).await
    }

    /// An attachment's description and content, if its inquiry is visible at `vis`.
    pub async fn inquiry_attachment(
        &self,
        inquiry_id: i64,
        attachment_id: i64,
        vis: Visibility,
    ) -> Result<(InquiryAttachment, Vec<u8>), StoreError> {
        self.inquiry(inquiry_id, vis).await?;
        let r = sqlx::query(
            "SELECT id, name, media_type, size, sha256, content FROM inquiry_attachments WHERE id = $1 AND inquiry_id = $2",
        )
        .bind(attachment_id)
        .bind(inquiry_id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            what: "attachment",
            name: attachment_id.to_string(),
        })?;
        Ok((
            InquiryAttachment {
                id: r.try_get(0)?,
                name: r.try_get(1)?,
                media_type: r.try_get(2)?,
                size: r.try_get(3)?,
                sha256: r.try_get(4)?,
            },
            r.try_get(5)?,
        ))
    }

    /// Saves answers for a release and form as the next revision (not approved). The caller has
    /// checked them against the form.
    pub async fn save_disclosure(
        &self,
        release_id: i64,
        form_id: &str,
        answers: &str,
        comment: &str,
        actor: &str,
        now: OffsetDateTime,
    ) -> Result<DisclosureRevision, StoreError> {
        check_form_id(form_id)?;
        let parsed: Value = serde_json::from_str(answers)
            .map_err(|e| StoreError::Invalid(format!("answers are not JSON: {e}")))?;
        if !parsed.is_object() {
            return Err(StoreError::Invalid("answers must be a JSON object".into()));
        }
        self.release_by_id(release_id, Visibility::All).await?;
        let mut tx = self.pool.begin().await?;
        let next: i64 = sqlx::query(
            "SELECT COALESCE(MAX(number), 0) + 1 FROM disclosure_revisions WHERE release_id = $1 AND form_id = $2",
        )
        .bind(release_id)
        .bind(form_id)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        let r = sqlx::query(
            "INSERT INTO disclosure_revisions (release_id, form_id, number, answers, comment, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(release_id)
        .bind(form_id)
        .bind(next)
        .bind(answers)
        .bind(comment.trim())
        .bind(actor)
        .bind(fmt_time(now))
        .execute(&mut *tx)
        .await;
        if let Err(e) = r {
            if crate::is_unique_violation(&e) {
                return Err(StoreError::Conflict {
                    what: "disclosure revision",
                    name: format!("{release_id}/{form_id}/{next}"),
                });
            }
            return Err(e.into());
        }
        let event = Event::new(
            now,
            actor,
            "disclosure.save",
            disclosure_subject(release_id, form_id)?,
        )?
        .evidence(
            &json!({"set": {"revision": next, "answers_sha256": sha256_hex(answers.as_bytes())},
            "comment": comment.trim()}),
        );
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        self.disclosure_revision(release_id, form_id, next).await
    }

    /// Approves a revision: from then on it is what hospitals see (until a later one is approved).
    pub async fn approve_disclosure(
        &self,
        release_id: i64,
        form_id: &str,
        number: i64,
        actor: &str,
        now: OffsetDateTime,
    ) -> Result<DisclosureRevision, StoreError> {
        let rev = self
            .disclosure_revision(release_id, form_id, number)
            .await?;
        if rev.approved_at.is_some() {
            return Err(StoreError::Invalid(format!(
                "revision {number} is already approved"
            )));
        }
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "UPDATE disclosure_revisions SET approved_by = $1, approved_at = $2 WHERE release_id = $3 AND form_id = $4 AND number = $5",
        )
        .bind(actor)
        .bind(fmt_time(now))
        .bind(release_id)
        .bind(form_id)
        .bind(number)
        .execute(&mut *tx)
        .await?;
        let event = Event::new(
            now,
            actor,
            "disclosure.approve",
            disclosure_subject(release_id, form_id)?,
        )?
        .evidence(&json!({"set": {"approved": number}}));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        self.disclosure_revision(release_id, form_id, number).await
    }

    /// Shares a release's document of a form with an organization that need not run the release.
    pub async fn share_disclosure(
        &self,
        release_id: i64,
        form_id: &str,
        org_id: i64,
        actor: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        check_form_id(form_id)?;
        self.release_by_id(release_id, Visibility::All).await?;
        let mut tx = self.pool.begin().await?;
        let r = sqlx::query(
            "INSERT INTO disclosure_shares (release_id, form_id, org_id, shared_by, shared_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(release_id)
        .bind(form_id)
        .bind(org_id)
        .bind(actor)
        .bind(fmt_time(now))
        .execute(&mut *tx)
        .await;
        match r {
            Ok(_) => {}
            // Already shared: nothing changes.
            Err(e) if crate::is_unique_violation(&e) => return Ok(()),
            Err(e) => return Err(e.into()),
        }
        let event = Event::new(
            now,
            actor,
            "disclosure.share",
            disclosure_subject(release_id, form_id)?,
        )?
        .evidence(&json!({"shared_with": org_id}));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Every revision of a release's document of a form, oldest first (the maker's view).
    pub async fn disclosure_revisions(
        &self,
        release_id: i64,
        form_id: &str,
    ) -> Result<Vec<DisclosureRevision>, StoreError> {
        let sql = format!(
            "SELECT {REVISION_COLUMNS} FROM disclosure_revisions WHERE release_id = $1 AND form_id = $2 ORDER BY number"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(release_id)
            .bind(form_id)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(revision_from_row)
            .collect()
    }

    /// The document as a reader at `vis` gets it: for the maker the latest revision (approved or
    /// not, unless `approved_only`), for an organization the latest approved one of a release it
    /// may read. `NotFound` when there is none to show.
    pub async fn disclosure_for(
        &self,
        release_id: i64,
        form_id: &str,
        vis: Visibility,
        approved_only: bool,
    ) -> Result<DisclosureRevision, StoreError> {
        let not_found = || StoreError::NotFound {
            what: "disclosure document",
            name: format!("{form_id} of release {release_id}"),
        };
        let row = match vis {
            Visibility::All => {
                let filter = if approved_only {
                    " AND approved_at IS NOT NULL"
                } else {
                    ""
                };
                let sql = format!(
                    "SELECT {REVISION_COLUMNS} FROM disclosure_revisions WHERE release_id = $1 AND form_id = $2{filter} ORDER BY number DESC LIMIT 1"
                );
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(release_id)
                    .bind(form_id)
                    .fetch_optional(&self.pool)
                    .await?
            }
            Visibility::Organization(org) => {
                let sql = format!(
                    "SELECT {REVISION_COLUMNS} FROM disclosure_revisions r WHERE r.release_id = $2 AND r.form_id = $3 \
                     AND r.approved_at IS NOT NULL AND {DOCUMENT_VISIBLE} ORDER BY r.number DESC LIMIT 1"
                );
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(org)
                    .bind(release_id)
                    .bind(form_id)
                    .fetch_optional(&self.pool)
                    .await?
            }
        };
        let rev = revision_from_row(&row.ok_or_else(not_found)?)?;
        Ok(match vis {
            Visibility::All => rev,
            Visibility::Organization(_) => rev.for_org(),
        })
    }

    /// The latest approved revision of every document an organization may read (for the maker:
    /// of every document), by release and form.
    pub async fn disclosures_for(
        &self,
        vis: Visibility,
    ) -> Result<Vec<DisclosureRevision>, StoreError> {
        let latest = "r.approved_at IS NOT NULL AND r.number = (SELECT MAX(x.number) FROM disclosure_revisions x \
             WHERE x.release_id = r.release_id AND x.form_id = r.form_id AND x.approved_at IS NOT NULL)";
        let rows = match vis {
            Visibility::All => {
                let sql = format!(
                    "SELECT {REVISION_COLUMNS} FROM disclosure_revisions r WHERE {latest} ORDER BY r.release_id, r.form_id"
                );
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .fetch_all(&self.pool)
                    .await?
            }
            Visibility::Organization(org) => {
                let sql = format!(
                    "SELECT {REVISION_COLUMNS} FROM disclosure_revisions r WHERE {latest} AND {DOCUMENT_VISIBLE} ORDER BY r.release_id, r.form_id"
                );
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(org)
                    .fetch_all(&self.pool)
                    .await?
            }
        };
        rows.iter()
            .map(|r| {
                let rev = revision_from_row(r)?;
                Ok(match vis {
                    Visibility::All => rev,
                    Visibility::Organization(_) => rev.for_org(),
                })
            })
            .collect()
    }

    async fn disclosure_revision(
        &self,
        release_id: i64,
        form_id: &str,
        number: i64,
    ) -> Result<DisclosureRevision, StoreError> {
        let sql = format!(
            "SELECT {REVISION_COLUMNS} FROM disclosure_revisions WHERE release_id = $1 AND form_id = $2 AND number = $3"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(release_id)
            .bind(form_id)
            .bind(number)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::NotFound {
                what: "disclosure revision",
                name: format!("{form_id} of release {release_id} revision {number}"),
            })?;
        revision_from_row(&row)
    }
}

async fn insert_message(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    inquiry_id: i64,
    from_psirt: bool,
    author: &str,
    body: &str,
    attachments: &[InquiryFile],
    at: &str,
) -> Result<Vec<Value>, StoreError> {
    let mid: i64 = sqlx::query(
        "INSERT INTO inquiry_messages (inquiry_id, from_psirt, author, body, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(inquiry_id)
    .bind(i64::from(from_psirt))
    .bind(author)
    .bind(body.trim())
    .bind(at)
    .fetch_one(&mut **tx)
    .await?
    .try_get(0)?;
    let mut files = Vec::with_capacity(attachments.len());
    for a in attachments {
        let name = file_name(&a.name);
        let sha = sha256_hex(&a.content);
        let size = i64::try_from(a.content.len()).unwrap_or(i64::MAX);
        sqlx::query(
            "INSERT INTO inquiry_attachments (inquiry_id, message_id, name, media_type, size, sha256, content) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(inquiry_id)
        .bind(mid)
        .bind(name.clone())
        .bind(media_type(&a.media_type))
        .bind(size)
        .bind(sha.clone())
        .bind(a.content.clone())
        .execute(&mut **tx)
        .await?;
        files.push(json!({"name": name, "size": size, "sha256": sha}));
    }
    Ok(files)
}

fn check_body(body: &str) -> Result<(), StoreError> {
    let n = body.trim().chars().count();
    if n == 0 || n > MAX_MESSAGE_CHARS {
        return Err(StoreError::Invalid(format!(
            "a message needs 1 to {MAX_MESSAGE_CHARS} characters"
        )));
    }
    Ok(())
}

fn check_attachments(files: &[InquiryFile]) -> Result<(), StoreError> {
    if files.len() > MAX_INQUIRY_ATTACHMENTS {
        return Err(StoreError::Invalid(format!(
            "at most {MAX_INQUIRY_ATTACHMENTS} attachments per message"
        )));
    }
    if let Some(f) = files.iter().find(|f| f.content.is_empty()) {
        return Err(StoreError::Invalid(format!(
            "attachment {:?} is empty",
            file_name(&f.name)
        )));
    }
    Ok(())
}

fn check_form_id(form_id: &str) -> Result<(), StoreError> {
    if form_id.is_empty()
        || form_id.len() > 40
        || !form_id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(StoreError::Invalid(format!("{form_id:?} is not a form id")));
    }
    Ok(())
}

/// The last part of a path a browser may send, without control characters or quotes (it ends
/// up in a `Content-Disposition` header).
fn file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = base
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .take(200)
        .collect();
    let clean = clean.trim().to_owned();
    if clean.is_empty() || clean == "." || clean == ".." {
        "attachment".into()
    } else {
        clean
    }
}

fn media_type(t: &str) -> String {
    let t = t.trim();
    // type/subtype of visible ASCII only; anything else is served as opaque bytes.
    let ok = t.len() <= 100
        && t.split_once('/')
            .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty())
        && t.chars().all(|c| c.is_ascii_graphic() || c == ' ')
        && !t.contains(['"', '\\']);
    if ok {
        t.to_owned()
    } else {
        "application/octet-stream".into()
    }
}

fn sha256_hex(b: &[u8]) -> String {
    hex::encode(Sha256::digest(b))
}

fn inquiry_subject(id: i64) -> Result<Subject, StoreError> {
    Subject::new("inquiry", &id.to_string())
}

fn disclosure_subject(release_id: i64, form_id: &str) -> Result<Subject, StoreError> {
    Subject::new("disclosure", &format!("{release_id}/{form_id}"))
}

fn parse_time(s: &str) -> Result<OffsetDateTime, StoreError> {
    OffsetDateTime::parse(s, &Rfc3339).map_err(|e| StoreError::Corrupt {
        id: 0,
        reason: format!("inquiry time {s:?}: {e}"),
    })
}

fn inquiry_from_row(r: &sqlx::any::AnyRow) -> Result<InquiryRow, StoreError> {
    let id: i64 = r.try_get(0)?;
    let kind: String = r.try_get(5)?;
    let status: String = r.try_get(8)?;
    let corrupt = |what: &str| StoreError::Corrupt {
        id,
        reason: format!("inquiry {what}"),
    };
    let due: String = r.try_get(9)?;
    let acked: Option<String> = r.try_get(10)?;
    Ok(InquiryRow {
        id,
        org_id: r.try_get(1)?,
        org_name: r.try_get(2)?,
        asked_by: r.try_get(3)?,
        subject: r.try_get(4)?,
        kind: InquiryKind::parse(&kind).ok_or_else(|| corrupt("kind"))?,
        release_id: r.try_get(6)?,
        vuln_id: r.try_get(7)?,
        status: InquiryStatus::parse(&status).ok_or_else(|| corrupt("status"))?,
        ack_due_at: parse_time(&due)?,
        acknowledged_at: acked.as_deref().map(parse_time).transpose()?,
        created_at: r.try_get(11)?,
        updated_at: r.try_get(12)?,
    })
}

fn revision_from_row(r: &sqlx::any::AnyRow) -> Result<DisclosureRevision, StoreError> {
    Ok(DisclosureRevision {
        release_id: r.try_get(0)?,
        form_id: r.try_get(1)?,
        number: r.try_get(2)?,
        answers: r.try_get(3)?,
        comment: r.try_get(4)?,
        created_by: r.try_get(5)?,
        created_at: r.try_get(6)?,
        approved_by: r.try_get(7)?,
        approved_at: r.try_get(8)?,
    })
}
