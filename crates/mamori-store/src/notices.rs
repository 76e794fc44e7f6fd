//! Notices to hospitals: one per organization and subject (a published advisory, a release's coming end of support), its devices, acknowledgement, per-device responses, reminders and the e-mail outbox.
//!
//! A notice is queued with one outbox message per hospital user of the organization, written in
//! the user's language by a [`NoticeText`] the caller supplies (the store keeps no prose). The
//! delivery job claims messages, sends them and reports back; the first delivered message of a
//! notice marks it sent. The hospital acknowledges the notice and answers per device (patch
//! applied, mitigation in place). Queueing for thousands of hospitals is a handful of multi-row
//! INSERTs in one transaction, audit events included.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::json;
use sqlx::Row;
use sqlx::any::AnyRow;
use time::macros::format_description;
use time::{Date, Duration, OffsetDateTime};

use crate::audit::{Event, Subject};
use crate::identity::Visibility;
use crate::{Store, StoreError, placeholders};

// Rows per multi-row INSERT: SQLite's bind cost grows with a statement's parameter count.
const CHUNK: usize = 100;

/// Delivery attempts before a message is given up (`failed`).
pub const OUTBOX_MAX_ATTEMPTS: i64 = 8;

// Fixed width so that text order is time order on both databases.
const TIME: &[time::format_description::FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z");

fn ts(t: OffsetDateTime) -> String {
    t.to_offset(time::UtcOffset::UTC)
        .format(TIME)
        .unwrap_or_default()
}

/// The wait before retrying a message whose `attempts`-th delivery failed: a minute, doubling, at most six hours.
pub fn outbox_backoff(attempts: i64) -> Duration {
    let doublings = attempts.saturating_sub(1).clamp(0, 9);
    Duration::seconds((60_i64 << doublings).min(6 * 3600))
}

/// What a notice is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    /// A published advisory covering a release the organization runs.
    Advisory,
    /// A release the organization runs reaches its end of support.
    EndOfSupport,
}

impl NoticeKind {
    /// `advisory` or `eos`.
    pub const fn as_str(self) -> &'static str {
        match self {
            NoticeKind::Advisory => "advisory",
            NoticeKind::EndOfSupport => "eos",
        }
    }

    fn parse(s: &str) -> Option<NoticeKind> {
        match s {
            "advisory" => Some(NoticeKind::Advisory),
            "eos" => Some(NoticeKind::EndOfSupport),
            _ => None,
        }
    }
}

/// Where a notice is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeState {
    /// Waiting for its first e-mail to go out (already in the hospital's portal).
    Queued,
    /// At least one e-mail was delivered.
    Sent,
    /// A hospital user acknowledged it.
    Acknowledged,
}

impl NoticeState {
    /// `queued`, `sent` or `acknowledged`.
    pub const fn as_str(self) -> &'static str {
        match self {
            NoticeState::Queued => "queued",
            NoticeState::Sent => "sent",
            NoticeState::Acknowledged => "acknowledged",
        }
    }

    fn parse(s: &str) -> Option<NoticeState> {
        match s {
            "queued" => Some(NoticeState::Queued),
            "sent" => Some(NoticeState::Sent),
            "acknowledged" => Some(NoticeState::Acknowledged),
            _ => None,
        }
    }
}

/// What a hospital did about one device.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeviceResponse {
    /// The fix is installed.
    PatchApplied,
    /// A compensating control is in place (isolation, disabled service, …).
    MitigationInPlace,
}

impl DeviceResponse {
    /// `patch_applied` or `mitigation_in_place`.
    pub const fn as_str(self) -> &'static str {
        match self {
            DeviceResponse::PatchApplied => "patch_applied",
            DeviceResponse::MitigationInPlace => "mitigation_in_place",
        }
    }

    /// Reads a stored or wire name.
    pub fn parse(s: &str) -> Option<DeviceResponse> {
        match s {
            "patch_applied" => Some(DeviceResponse::PatchApplied),
            "mitigation_in_place" => Some(DeviceResponse::MitigationInPlace),
            _ => None,
        }
    }
}

/// A device a notice concerns, with what the hospital answered for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoticeDevice {
    /// Installed device id.
    pub device_id: i64,
    /// Serial number.
    pub serial: String,
    /// Product name.
    pub product: String,
    /// Release version.
    pub version: String,
    /// Site.
    pub site: Option<String>,
    /// Location within the site.
    pub location: Option<String>,
    /// The hospital's answer.
    pub response: Option<DeviceResponse>,
    /// Its note.
    pub note: Option<String>,
    /// Who answered.
    pub responded_by: Option<String>,
    /// When (RFC 3339).
    pub responded_at: Option<String>,
}

/// A stored notice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoticeRow {
    /// Id.
    pub id: i64,
    /// Organization.
    pub org_id: i64,
    /// Organization name.
    pub org_name: String,
    /// Advisory or end of support.
    pub kind: NoticeKind,
    /// The advisory (advisory notices).
    pub advisory_id: Option<i64>,
    /// Its tracking id.
    pub tracking_id: Option<String>,
    /// The release reaching its end of support (end-of-support notices).
    pub release_id: Option<i64>,
    /// English title: the advisory's, or "product version".
    pub title_en: String,
    /// Japanese title.
    pub title_ja: String,
    /// End-of-support date (end-of-support notices).
    pub end_of_support: Option<Date>,
    /// State.
    pub state: NoticeState,
    /// How many times it was sent afresh (1 at first).
    pub round: i64,
    /// When queued (RFC 3339).
    pub queued_at: String,
    /// When first delivered.
    pub sent_at: Option<String>,
    /// Who acknowledged.
    pub acknowledged_by: Option<String>,
    /// When.
    pub acknowledged_at: Option<String>,
    /// Reminders sent.
    pub reminders: i64,
    /// The last reminder.
    pub last_reminded_at: Option<String>,
    /// Devices it concerns (empty in lists; filled by [`Store::notice_for`]).
    pub devices: Vec<NoticeDevice>,
}

impl NoticeRow {
    /// The title in `lang` (`ja` or anything else for English).
    pub fn title(&self, lang: &str) -> &str {
        if lang == "ja" {
            &self.title_ja
        } else {
            &self.title_en
        }
    }

    /// The API's view.
    pub fn to_json(&self) -> serde_json::Value {
        let devices: Vec<serde_json::Value> = self
            .devices
            .iter()
            .map(|d| {
                json!({
                    "device_id": d.device_id, "serial": d.serial, "product": d.product,
                    "version": d.version, "site": d.site, "location": d.location,
                    "response": d.response.map(DeviceResponse::as_str), "note": d.note,
                    "responded_by": d.responded_by, "responded_at": d.responded_at,
                })
            })
            .collect();
        json!({
            "id": self.id,
            "org_id": self.org_id,
            "organization": self.org_name,
            "kind": self.kind.as_str(),
            "advisory_id": self.advisory_id,
            "tracking_id": self.tracking_id,
            "release_id": self.release_id,
            "title": {"en": self.title_en, "ja": self.title_ja},
            "end_of_support": self.end_of_support.map(|d| d.to_string()),
            "state": self.state.as_str(),
            "round": self.round,
            "queued_at": self.queued_at,
            "sent_at": self.sent_at,
            "acknowledged_by": self.acknowledged_by,
            "acknowledged_at": self.acknowledged_at,
            "reminders": self.reminders,
            "last_reminded_at": self.last_reminded_at,
            "devices": devices,
        })
    }
}

/// What an e-mail about a notice is written from.
#[derive(Clone, Debug)]
pub struct NoticeFacts {
    /// Notice id (for the portal link).
    pub notice_id: i64,
    /// Advisory or end of support.
    pub kind: NoticeKind,
    /// A reminder rather than the first message.
    pub reminder: bool,
    /// The organization.
    pub org_name: String,
    /// The advisory's tracking id.
    pub tracking_id: Option<String>,
    /// English title.
    pub title_en: String,
    /// Japanese title.
    pub title_ja: String,
    /// English summary.
    pub summary_en: String,
    /// Japanese summary.
    pub summary_ja: String,
    /// Vulnerability ids.
    pub vulnerabilities: Vec<String>,
    /// End-of-support date.
    pub end_of_support: Option<Date>,
    /// The end of support is already past when the message is written (the devices run
    /// unsupported software now), so the text says "has ended", not "ends".
    pub ended: bool,
    /// The devices.
    pub devices: Vec<NoticeDevice>,
}

/// A written message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letter {
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
}

/// Writes the message about a notice in a language (`ja` or `en`).
pub trait NoticeText: Send + Sync {
    /// The subject and body for one recipient language.
    fn write(&self, facts: &NoticeFacts, lang: &str) -> Letter;
}

/// What a queueing call did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueueReport {
    /// Notices created.
    pub notices: usize,
    /// Notices sent afresh (asked for) or reminded.
    pub renewed: usize,
    /// Devices added to notices.
    pub devices: usize,
    /// E-mails queued.
    pub messages: usize,
}

/// An outbox message claimed for delivery.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutboxMessage {
    /// Id.
    pub id: i64,
    /// Notice.
    pub notice_id: i64,
    /// `notice` or `reminder`.
    pub purpose: String,
    /// Address.
    pub recipient: String,
    /// `ja` or `en`.
    pub lang: String,
    /// Subject line.
    pub subject: String,
    /// Body.
    pub body: String,
    /// Delivery attempts before this one.
    pub attempts: i64,
}

/// A message's delivery state, as the maker sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutboxRow {
    /// Id.
    pub id: i64,
    /// Notice.
    pub notice_id: i64,
    /// `notice` or `reminder`.
    pub purpose: String,
    /// Address.
    pub recipient: String,
    /// Language.
    pub lang: String,
    /// Subject line.
    pub subject: String,
    /// `pending`, `sending`, `sent` or `failed`.
    pub status: String,
    /// Attempts made.
    pub attempts: i64,
    /// Next attempt (RFC 3339).
    pub next_attempt_at: String,
    /// The last failure.
    pub last_error: Option<String>,
}

/// One organization's answer to an advisory, for the maker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoticeStatus {
    /// Notice id.
    pub notice_id: i64,
    /// Organization.
    pub org_id: i64,
    /// Its name.
    pub org_name: String,
    /// State.
    pub state: NoticeState,
    /// When first delivered.
    pub sent_at: Option<String>,
    /// Who acknowledged.
    pub acknowledged_by: Option<String>,
    /// When.
    pub acknowledged_at: Option<String>,
    /// Reminders sent.
    pub reminders: i64,
    /// Devices listed.
    pub devices: i64,
    /// Devices patched.
    pub patched: i64,
    /// Devices mitigated.
    pub mitigated: i64,
    /// Devices without an answer.
    pub unanswered: i64,
}

impl NoticeStatus {
    /// The API's view.
    pub fn to_json(&self) -> serde_json::Value {
        json!({
            "notice_id": self.notice_id, "org_id": self.org_id, "organization": self.org_name,
            "state": self.state.as_str(), "sent_at": self.sent_at,
            "acknowledged_by": self.acknowledged_by, "acknowledged_at": self.acknowledged_at,
            "reminders": self.reminders, "devices": self.devices, "patched": self.patched,
            "mitigated": self.mitigated, "unanswered": self.unanswered,
        })
    }
}

// The subject's text the notices share (advisory or release).
struct SubjectText {
    tracking_id: Option<String>,
    title_en: String,
    title_ja: String,
    summary_en: String,
    summary_ja: String,
    vulnerabilities: Vec<String>,
    end_of_support: Option<Date>,
}

// A device found affected, before it joins a notice.
struct Affected {
    org_id: i64,
    org_name: String,
    device: NoticeDevice,
}

struct Recipient {
    user_id: i64,
    org_id: i64,
    email: String,
    lang: String,
}

const NOTICE_COLUMNS: &str = "n.id, n.org_id, o.name, n.kind, n.advisory_id, a.tracking_id, n.release_id, \
     COALESCE(a.title_en, p.name || ' ' || r.version), COALESCE(a.title_ja, p.name || ' ' || r.version), r.end_of_support, \
     n.state, n.round, n.queued_at, n.sent_at, n.acknowledged_by, n.acknowledged_at, n.reminders, n.last_reminded_at";

const NOTICE_FROM: &str = "notices n JOIN organizations o ON o.id = n.org_id \
     LEFT JOIN advisories a ON a.id = n.advisory_id \
     LEFT JOIN releases r ON r.id = n.release_id LEFT JOIN products p ON p.id = r.product_id";

const DEVICE_SELECT: &str = "SELECT d.id, d.org_id, o.name, d.serial, p.name, r.version, d.site, d.location \
     FROM installed_devices d JOIN organizations o ON o.id = d.org_id \
     JOIN releases r ON r.id = d.release_id JOIN products p ON p.id = r.product_id";

fn notice_from_row(r: &AnyRow) -> Result<NoticeRow, StoreError> {
    let id: i64 = r.try_get(0)?;
    let kind: String = r.try_get(3)?;
    let state: String = r.try_get(10)?;
    let eos: Option<String> = r.try_get(9)?;
    let kind = NoticeKind::parse(&kind).ok_or_else(|| StoreError::Corrupt {
        id,
        reason: format!("notice kind {kind:?}"),
    })?;
    Ok(NoticeRow {
        id,
        org_id: r.try_get(1)?,
        org_name: r.try_get(2)?,
        kind,
        advisory_id: r.try_get(4)?,
        tracking_id: r.try_get(5)?,
        release_id: r.try_get(6)?,
        title_en: r.try_get(7)?,
        title_ja: r.try_get(8)?,
        end_of_support: if kind == NoticeKind::EndOfSupport {
            crate::parse_date(eos)
        } else {
            None
        },
        state: NoticeState::parse(&state).ok_or_else(|| StoreError::Corrupt {
            id,
            reason: format!("notice state {state:?}"),
        })?,
        round: r.try_get(11)?,
        queued_at: r.try_get(12)?,
        sent_at: r.try_get(13)?,
        acknowledged_by: r.try_get(14)?,
        acknowledged_at: r.try_get(15)?,
        reminders: r.try_get(16)?,
        last_reminded_at: r.try_get(17)?,
        devices: Vec::new(),
    })
}

fn affected_from_row(r: &AnyRow) -> Result<Affected, StoreError> {
    Ok(Affected {
        org_id: r.try_get(1)?,
        org_name: r.try_get(2)?,
        device: NoticeDevice {
            device_id: r.try_get(0)?,
            serial: r.try_get(3)?,
            product: r.try_get(4)?,
            version: r.try_get(5)?,
            site: r.try_get(6)?,
            location: r.try_get(7)?,
            response: None,
            note: None,
            responded_by: None,
            responded_at: None,
        },
    })
}

fn not_found(id: i64) -> StoreError {
    StoreError::NotFound {
        what: "notice",
        name: id.to_string(),
    }
}

impl Store {
    /// Queues a notice for each organization running a release the published advisory covers
    /// (devices in service only), with one e-mail per hospital user in the user's language.
    /// Idempotent: an organization already noticed gets no second e-mail, only the devices that
    /// were not listed yet, unless `again` is set (a revision worth telling): then every existing
    /// notice of the advisory is sent afresh and waits for a new acknowledgement.
    /// Draft advisories and TLP:AMBER or RED ones are refused: hospitals may not read them.
    pub async fn queue_advisory_notices(
        &self,
        advisory_id: i64,
        again: bool,
        text: &dyn NoticeText,
        actor: &str,
        now: OffsetDateTime,
    ) -> Result<QueueReport, StoreError> {
        let a = self.advisory(advisory_id).await?;
        if a.status == crate::AdvisoryStatus::Draft {
            return Err(StoreError::Invalid(format!(
                "{} is a draft: publish it before noticing hospitals",
                a.tracking_id
            )));
        }
        if !matches!(a.tlp.as_str(), "CLEAR" | "GREEN") {
            return Err(StoreError::Invalid(format!(
                "{} is TLP:{}: it is not shared with hospitals",
                a.tracking_id,
                a.tlp.as_str()
            )));
        }
        let sql = format!(
            "{DEVICE_SELECT} JOIN advisory_releases ar ON ar.release_id = d.release_id \
             WHERE ar.advisory_id = $1 AND d.decommissioned_on IS NULL AND o.kind <> 'maker' ORDER BY d.org_id, d.id"
        );
        let affected: Vec<Affected> = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(advisory_id)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(affected_from_row)
            .collect::<Result<_, _>>()?;
        let subject = SubjectText {
            tracking_id: Some(a.tracking_id.clone()),
            title_en: a.title_en.clone(),
            title_ja: a.title_ja.clone(),
            summary_en: a.summary_en.clone(),
            summary_ja: a.summary_ja.clone(),
            vulnerabilities: a.vulnerabilities.clone(),
            end_of_support: None,
        };
        self.queue_notices(
            NoticeKind::Advisory,
            &format!("advisory:{advisory_id}"),
            Some(advisory_id),
            None,
            &subject,
            affected,
            again,
            text,
            actor,
            now,
        )
        .await
    }

    /// Queues end-of-support notices for releases whose end of support falls within `lead` from
    /// now, or has already passed (a hospital whose devices run a release that went out of
    /// support before it was told — e.g. devices imported later — is told once that support has
    /// ended): once per release and organization; the devices stay listed after the date.
    pub async fn queue_eos_notices(
        &self,
        lead: Duration,
        text: &dyn NoticeText,
        actor: &str,
        now: OffsetDateTime,
    ) -> Result<QueueReport, StoreError> {
        let until = (now + lead).date();
        let releases = sqlx::query(
            "SELECT r.id, p.name, r.version, r.end_of_support FROM releases r JOIN products p ON p.id = r.product_id \
             WHERE r.end_of_support IS NOT NULL AND r.end_of_support <= $1 ORDER BY r.id",
        )
        .bind(until.to_string())
        .fetch_all(&self.pool)
        .await?;
        let mut report = QueueReport::default();
        for r in &releases {
            let release_id: i64 = r.try_get(0)?;
            let product: String = r.try_get(1)?;
            let version: String = r.try_get(2)?;
            let eos = crate::parse_date(r.try_get(3)?);
            let sql = format!(
                "{DEVICE_SELECT} WHERE d.release_id = $1 AND d.decommissioned_on IS NULL AND o.kind <> 'maker' ORDER BY d.org_id, d.id"
            );
            let affected: Vec<Affected> = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(release_id)
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(affected_from_row)
                .collect::<Result<_, _>>()?;
            let title = format!("{product} {version}");
            let subject = SubjectText {
                tracking_id: None,
                title_en: title.clone(),
                title_ja: title,
                summary_en: String::new(),
                summary_ja: String::new(),
                vulnerabilities: Vec::new(),
                end_of_support: eos,
            };
            let r = self
                .queue_notices(
                    NoticeKind::EndOfSupport,
                    &format!("eos:{release_id}"),
                    None,
                    Some(release_id),
                    &subject,
                    affected,
                    false,
                    text,
                    actor,
                    now,
                )
                .await?;
            report.notices += r.notices;
            report.renewed += r.renewed;
            report.devices += r.devices;
            report.messages += r.messages;
        }
        Ok(report)
    }

    #[allow(clippy::too_many_arguments)]
    async fn queue_notices(
        &self,
        kind: NoticeKind,
        subject_key: &str,
        advisory_id: Option<i64>,
        release_id: Option<i64>,
        subject: &SubjectText,
        affected: Vec<Affected>,
        again: bool,
        text: &dyn NoticeText,
        actor: &str,
        now: OffsetDateTime,
    ) -> Result<QueueReport, StoreError> {
        let mut report = QueueReport::default();
        let mut by_org: BTreeMap<i64, (String, Vec<NoticeDevice>)> = BTreeMap::new();
        for a in affected {
            by_org
                .entry(a.org_id)
                .or_insert_with(|| (a.org_name, Vec::new()))
                .1
                .push(a.device);
        }
        let existing: HashMap<i64, (i64, i64)> =
            sqlx::query("SELECT org_id, id, round FROM notices WHERE subject = $1")
                .bind(subject_key)
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(|r| Ok((r.try_get(0)?, (r.try_get(1)?, r.try_get(2)?))))
                .collect::<Result<_, StoreError>>()?;
        let listed: BTreeSet<(i64, i64)> = sqlx::query(
            "SELECT nd.notice_id, nd.device_id FROM notice_devices nd JOIN notices n ON n.id = nd.notice_id WHERE n.subject = $1",
        )
        .bind(subject_key)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
        .collect::<Result<_, StoreError>>()?;
        let recipients = self.recipients(by_org.keys().copied()).await?;
        let stamp = ts(now);

        let mut tx = self.pool.begin().await?;
        // New notices, many rows per statement.
        let fresh: Vec<i64> = by_org
            .keys()
            .copied()
            .filter(|o| !existing.contains_key(o))
            .collect();
        let mut ids: HashMap<i64, i64> = existing.iter().map(|(o, (id, _))| (*o, *id)).collect();
        for chunk in fresh.chunks(CHUNK) {
            let sql = format!(
                "INSERT INTO notices (org_id, kind, advisory_id, release_id, subject, state, round, queued_at, reminders, created_by) \
                 VALUES {} ON CONFLICT (org_id, subject) DO NOTHING RETURNING id, org_id",
                placeholders(chunk.len(), 10)
            );
            let sql = crate::positional(&tx, sql);
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for org in chunk {
                q = q
                    .bind(*org)
                    .bind(kind.as_str())
                    .bind(advisory_id)
                    .bind(release_id)
                    .bind(subject_key)
                    .bind(NoticeState::Queued.as_str())
                    .bind(1_i64)
                    .bind(stamp.clone())
                    .bind(0_i64)
                    .bind(actor);
            }
            for r in q.fetch_all(&mut *tx).await? {
                ids.insert(r.try_get(1)?, r.try_get(0)?);
            }
        }
        let created: BTreeSet<i64> = fresh
            .iter()
            .copied()
            .filter(|o| ids.contains_key(o))
            .collect();
        report.notices = created.len();

        // Devices: new notices list all theirs; old ones gain those not listed yet.
        let mut pairs: Vec<(i64, i64)> = Vec::new();
        let mut added: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
        for (org, (_, devices)) in &by_org {
            if let Some(id) = ids.get(org) {
                for d in devices {
                    if !listed.contains(&(*id, d.device_id)) {
                        pairs.push((*id, d.device_id));
                        added.entry(*id).or_default().push(d.device_id);
                    }
                }
            }
        }
        for chunk in pairs.chunks(CHUNK * 2) {
            let sql = format!(
                "INSERT INTO notice_devices (notice_id, device_id) VALUES {} ON CONFLICT (notice_id, device_id) DO NOTHING",
                placeholders(chunk.len(), 2)
            );
            let sql = crate::positional(&tx, sql);
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for (n, d) in chunk {
                q = q.bind(*n).bind(*d);
            }
            report.devices += q.execute(&mut *tx).await?.rows_affected() as usize;
        }

        // Who gets an e-mail: new notices, and every notice when asked to send again.
        let mut renewed: Vec<i64> = if again {
            existing
                .keys()
                .copied()
                .filter(|o| by_org.contains_key(o))
                .collect()
        } else {
            Vec::new()
        };
        renewed.sort_unstable();
        for chunk in renewed.chunks(CHUNK) {
            let list = chunk
                .iter()
                .map(|o| ids[o].to_string())
                .collect::<Vec<_>>()
                .join(",");
            let sql = format!(
                "UPDATE notices SET state = 'queued', round = round + 1, queued_at = $1, sent_at = NULL, \
                 acknowledged_by = NULL, acknowledged_at = NULL, reminders = 0, last_reminded_at = NULL WHERE id IN ({list})"
            );
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(stamp.clone())
                .execute(&mut *tx)
                .await?;
        }
        report.renewed = renewed.len();
        let mailed: Vec<i64> = created.iter().chain(renewed.iter()).copied().collect();
        let mut messages: Vec<(i64, &Recipient, Letter)> = Vec::new();
        let mut events: Vec<Event> = Vec::new();
        for org in &mailed {
            let (org_name, devices) = &by_org[org];
            let id = ids[org];
            let facts = NoticeFacts {
                notice_id: id,
                kind,
                reminder: false,
                org_name: org_name.clone(),
                tracking_id: subject.tracking_id.clone(),
                title_en: subject.title_en.clone(),
                title_ja: subject.title_ja.clone(),
                summary_en: subject.summary_en.clone(),
                summary_ja: subject.summary_ja.clone(),
                vulnerabilities: subject.vulnerabilities.clone(),
                end_of_support: subject.end_of_support,
                ended: subject.end_of_support.is_some_and(|d| d < now.date()),
                devices: devices.clone(),
            };
            let mut letters: HashMap<&str, Letter> = HashMap::new();
            let to: Vec<&Recipient> = recipients
                .get(org)
                .map(|v| v.iter().collect())
                .unwrap_or_default();
            for rcpt in &to {
                let letter = letters
                    .entry(rcpt.lang.as_str())
                    .or_insert_with(|| text.write(&facts, &rcpt.lang))
                    .clone();
                messages.push((id, rcpt, letter));
            }
            let action = if created.contains(org) {
                "notice.queue"
            } else {
                "notice.requeue"
            };
            let device_ids: Vec<i64> = devices.iter().map(|d| d.device_id).collect();
            events.push(
                Event::new(now, actor, action, Subject::new("notice", &id.to_string())?)?.evidence(
                    &json!({
                        "set": {"state": "queued", "org_id": org, "subject": subject_key},
                        "devices": device_ids,
                        "recipients": to.iter().map(|r| r.email.as_str()).collect::<Vec<_>>(),
                    }),
                ),
            );
        }
        for chunk in messages.chunks(CHUNK) {
            let sql = format!(
                "INSERT INTO notice_outbox (notice_id, user_id, purpose, recipient, lang, subject, body, status, attempts, next_attempt_at, created_at) VALUES {}",
                placeholders(chunk.len(), 11)
            );
            let sql = crate::positional(&tx, sql);
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for (notice, rcpt, letter) in chunk {
                q = q
                    .bind(*notice)
                    .bind(rcpt.user_id)
                    .bind("notice")
                    .bind(rcpt.email.clone())
                    .bind(rcpt.lang.clone())
                    .bind(letter.subject.clone())
                    .bind(letter.body.clone())
                    .bind("pending")
                    .bind(0_i64)
                    .bind(stamp.clone())
                    .bind(stamp.clone());
            }
            q.execute(&mut *tx).await?;
        }
        report.messages = messages.len();
        // Devices added to notices nobody is mailed about again are audited too.
        let mailed_ids: BTreeSet<i64> = mailed.iter().map(|o| ids[o]).collect();
        for (id, devices) in added.iter().filter(|(id, _)| !mailed_ids.contains(id)) {
            events.push(
                Event::new(
                    now,
                    actor,
                    "notice.devices",
                    Subject::new("notice", &id.to_string())?,
                )?
                .evidence(&json!({"added": devices})),
            );
        }
        self.append_events_tx(&mut tx, &events).await?;
        tx.commit().await?;
        Ok(report)
    }

    async fn recipients(
        &self,
        orgs: impl Iterator<Item = i64>,
    ) -> Result<HashMap<i64, Vec<Recipient>>, StoreError> {
        let orgs: Vec<i64> = orgs.collect();
        let mut out: HashMap<i64, Vec<Recipient>> = HashMap::new();
        // Ids are numbers we read from the database: a literal list is safe and one statement.
        for chunk in orgs.chunks(1000) {
            let list = chunk
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(",");
            let sql = format!(
                "SELECT id, org_id, email, lang FROM users WHERE disabled = 0 AND role = 'hospital' AND org_id IN ({list}) ORDER BY id"
            );
            for r in sqlx::query(sqlx::AssertSqlSafe(sql))
                .fetch_all(&self.pool)
                .await?
            {
                let rcpt = Recipient {
                    user_id: r.try_get(0)?,
                    org_id: r.try_get(1)?,
                    email: r.try_get(2)?,
                    lang: r.try_get(3)?,
                };
                out.entry(rcpt.org_id).or_default().push(rcpt);
            }
        }
        Ok(out)
    }

    /// Notices visible at `vis` (a hospital: its own), newest first; `advisory` narrows to one advisory.
    pub async fn notices_for(
        &self,
        vis: Visibility,
        advisory: Option<i64>,
    ) -> Result<Vec<NoticeRow>, StoreError> {
        let (org, filter) = match vis {
            Visibility::All => (-1, "$1 = $1"),
            Visibility::Organization(o) => (o, "n.org_id = $1"),
        };
        let adv = advisory.unwrap_or(-1);
        let sql = format!(
            "SELECT {NOTICE_COLUMNS} FROM {NOTICE_FROM} WHERE {filter} AND ($2 = -1 OR n.advisory_id = $2) ORDER BY n.id DESC"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(org)
            .bind(adv)
            .fetch_all(&self.pool)
            .await?;
        let mut out: Vec<NoticeRow> = rows.iter().map(notice_from_row).collect::<Result<_, _>>()?;
        if let Visibility::Organization(_) = vis {
            for n in &mut out {
                n.devices = self.notice_devices(n.id).await?;
            }
        }
        Ok(out)
    }

    /// One notice with its devices, if visible at `vis`; `NotFound` otherwise.
    pub async fn notice_for(&self, id: i64, vis: Visibility) -> Result<NoticeRow, StoreError> {
        let sql = format!("SELECT {NOTICE_COLUMNS} FROM {NOTICE_FROM} WHERE n.id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| not_found(id))?;
        let mut n = notice_from_row(&row)?;
        if let Visibility::Organization(org) = vis
            && org != n.org_id
        {
            return Err(not_found(id));
        }
        n.devices = self.notice_devices(id).await?;
        Ok(n)
    }

    async fn notice_devices(&self, id: i64) -> Result<Vec<NoticeDevice>, StoreError> {
        sqlx::query(
            "SELECT d.id, d.serial, p.name, r.version, d.site, d.location, nd.response, nd.note, nd.responded_by, nd.responded_at \
             FROM notice_devices nd JOIN installed_devices d ON d.id = nd.device_id \
             JOIN releases r ON r.id = d.release_id JOIN products p ON p.id = r.product_id \
             WHERE nd.notice_id = $1 ORDER BY d.serial, d.id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            let response: Option<String> = r.try_get(6)?;
            Ok(NoticeDevice {
                device_id: r.try_get(0)?,
                serial: r.try_get(1)?,
                product: r.try_get(2)?,
                version: r.try_get(3)?,
                site: r.try_get(4)?,
                location: r.try_get(5)?,
                response: response.as_deref().and_then(DeviceResponse::parse),
                note: r.try_get(7)?,
                responded_by: r.try_get(8)?,
                responded_at: r.try_get(9)?,
            })
        })
        .collect()
    }

    /// A hospital user of `org_id` acknowledges the notice (again is harmless: the first stays).
    pub async fn acknowledge_notice(
        &self,
        id: i64,
        org_id: i64,
        actor: &str,
        now: OffsetDateTime,
    ) -> Result<NoticeRow, StoreError> {
        let vis = Visibility::Organization(org_id);
        let before = self.notice_for(id, vis).await?;
        if before.state == NoticeState::Acknowledged {
            return Ok(before);
        }
        let mut tx = self.pool.begin().await?;
        let changed = sqlx::query(
            "UPDATE notices SET state = 'acknowledged', acknowledged_by = $1, acknowledged_at = $2 \
             WHERE id = $3 AND org_id = $4 AND state <> 'acknowledged'",
        )
        .bind(actor)
        .bind(ts(now))
        .bind(id)
        .bind(org_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed > 0 {
            let event = Event::new(
                now,
                actor,
                "notice.acknowledge",
                Subject::new("notice", &id.to_string())?,
            )?
            .evidence(
                &json!({"set": {"state": "acknowledged"}, "was": {"state": before.state.as_str()}}),
            );
            self.append_event_tx(&mut tx, &event).await?;
        }
        tx.commit().await?;
        self.notice_for(id, vis).await
    }

    /// A hospital user of `org_id` answers for one device of the notice.
    #[allow(clippy::too_many_arguments)]
    pub async fn respond_device(
        &self,
        id: i64,
        org_id: i64,
        device_id: i64,
        response: DeviceResponse,
        note: Option<&str>,
        actor: &str,
        now: OffsetDateTime,
    ) -> Result<NoticeRow, StoreError> {
        let vis = Visibility::Organization(org_id);
        let before = self.notice_for(id, vis).await?;
        let Some(device) = before.devices.iter().find(|d| d.device_id == device_id) else {
            return Err(StoreError::NotFound {
                what: "device of notice",
                name: device_id.to_string(),
            });
        };
        let note = note.map(str::trim).filter(|n| !n.is_empty());
        if note.is_some_and(|n| n.chars().count() > 2000) {
            return Err(StoreError::Invalid(
                "a note is at most 2000 characters".into(),
            ));
        }
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "UPDATE notice_devices SET response = $1, note = $2, responded_by = $3, responded_at = $4 \
             WHERE notice_id = $5 AND device_id = $6",
        )
        .bind(response.as_str())
        .bind(note)
        .bind(actor)
        .bind(ts(now))
        .bind(id)
        .bind(device_id)
        .execute(&mut *tx)
        .await?;
        let event = Event::new(
            now,
            actor,
            "notice.respond",
            Subject::new("notice", &id.to_string())?,
        )?
        .evidence(&json!({
            "device_id": device_id,
            "serial": device.serial,
            "set": {"response": response.as_str(), "note": note},
            "was": {"response": device.response.map(DeviceResponse::as_str)},
        }));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        self.notice_for(id, vis).await
    }

    /// Notices not acknowledged whose last message (first notice or reminder) is at least
    /// `interval` old; `advisory` narrows to one advisory. Oldest first.
    pub async fn due_reminders(
        &self,
        interval: Duration,
        advisory: Option<i64>,
        now: OffsetDateTime,
    ) -> Result<Vec<i64>, StoreError> {
        let cutoff = ts(now - interval);
        sqlx::query(
            "SELECT id FROM notices WHERE state <> 'acknowledged' \
             AND COALESCE(last_reminded_at, queued_at) <= $1 AND ($2 = -1 OR advisory_id = $2) ORDER BY id",
        )
        .bind(cutoff)
        .bind(advisory.unwrap_or(-1))
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| Ok(r.try_get(0)?))
        .collect()
    }

    /// Queues a reminder to every hospital user of each notice [`Store::due_reminders`] lists,
    /// and counts it on the notice.
    pub async fn send_reminders(
        &self,
        interval: Duration,
        advisory: Option<i64>,
        text: &dyn NoticeText,
        actor: &str,
        now: OffsetDateTime,
    ) -> Result<QueueReport, StoreError> {
        let due = self.due_reminders(interval, advisory, now).await?;
        let mut notices = Vec::with_capacity(due.len());
        for id in &due {
            notices.push(self.notice_for(*id, Visibility::All).await?);
        }
        let recipients = self.recipients(notices.iter().map(|n| n.org_id)).await?;
        let mut texts: HashMap<i64, crate::AdvisoryRow> = HashMap::new();
        for n in &notices {
            if let Some(a) = n.advisory_id
                && !texts.contains_key(&a)
            {
                texts.insert(a, self.advisory(a).await?);
            }
        }
        let stamp = ts(now);
        let mut report = QueueReport::default();
        let mut tx = self.pool.begin().await?;
        let mut events = Vec::new();
        for n in &notices {
            let a = n.advisory_id.and_then(|a| texts.get(&a));
            let facts = NoticeFacts {
                notice_id: n.id,
                kind: n.kind,
                reminder: true,
                org_name: n.org_name.clone(),
                tracking_id: n.tracking_id.clone(),
                title_en: n.title_en.clone(),
                title_ja: n.title_ja.clone(),
                summary_en: a.map(|a| a.summary_en.clone()).unwrap_or_default(),
                summary_ja: a.map(|a| a.summary_ja.clone()).unwrap_or_default(),
                vulnerabilities: a.map(|a| a.vulnerabilities.clone()).unwrap_or_default(),
                end_of_support: n.end_of_support,
                ended: n.end_of_support.is_some_and(|d| d < now.date()),
                devices: n.devices.clone(),
            };
            let to: Vec<&Recipient> = recipients
                .get(&n.org_id)
                .map(|v| v.iter().collect())
                .unwrap_or_default();
            for rcpt in &to {
                let letter = text.write(&facts, &rcpt.lang);
                sqlx::query(
                    "INSERT INTO notice_outbox (notice_id, user_id, purpose, recipient, lang, subject, body, status, attempts, next_attempt_at, created_at) \
                     VALUES ($1, $2, 'reminder', $3, $4, $5, $6, 'pending', 0, $7, $7)",
                )
                .bind(n.id)
                .bind(rcpt.user_id)
                .bind(rcpt.email.clone())
                .bind(rcpt.lang.clone())
                .bind(letter.subject)
                .bind(letter.body)
                .bind(stamp.clone())
                .execute(&mut *tx)
                .await?;
                report.messages += 1;
            }
            sqlx::query(
                "UPDATE notices SET reminders = reminders + 1, last_reminded_at = $1 WHERE id = $2",
            )
            .bind(stamp.clone())
            .bind(n.id)
            .execute(&mut *tx)
            .await?;
            events.push(
                Event::new(
                    now,
                    actor,
                    "notice.remind",
                    Subject::new("notice", &n.id.to_string())?,
                )?
                .evidence(&json!({
                    "set": {"reminders": n.reminders + 1},
                    "recipients": to.iter().map(|r| r.email.as_str()).collect::<Vec<_>>(),
                })),
            );
            report.renewed += 1;
        }
        self.append_events_tx(&mut tx, &events).await?;
        tx.commit().await?;
        Ok(report)
    }

    /// Claims up to `limit` messages due for delivery (pending and due, or claimed by a sender
    /// whose lease ran out) for `lease`.
    pub async fn claim_outbox(
        &self,
        limit: i64,
        lease: Duration,
        now: OffsetDateTime,
    ) -> Result<Vec<OutboxMessage>, StoreError> {
        let due = "((status = 'pending' AND next_attempt_at <= $1) OR (status = 'sending' AND claimed_until <= $1))";
        // The outer condition repeats the inner one so that a concurrent claimer on
        // PostgreSQL, re-checking the row it waited for, skips what another took.
        let sql = format!(
            "UPDATE notice_outbox SET status = 'sending', claimed_until = $2 \
             WHERE id IN (SELECT id FROM notice_outbox WHERE {due} ORDER BY id LIMIT $3) AND {due} \
             RETURNING id, notice_id, purpose, recipient, lang, subject, body, attempts"
        );
        let mut out: Vec<OutboxMessage> = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(ts(now))
            .bind(ts(now + lease))
            .bind(limit)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| {
                Ok(OutboxMessage {
                    id: r.try_get(0)?,
                    notice_id: r.try_get(1)?,
                    purpose: r.try_get(2)?,
                    recipient: r.try_get(3)?,
                    lang: r.try_get(4)?,
                    subject: r.try_get(5)?,
                    body: r.try_get(6)?,
                    attempts: r.try_get(7)?,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        out.sort_by_key(|m| m.id);
        Ok(out)
    }

    /// Records messages as delivered; the notices they belong to that were still queued
    /// become sent (audited once each).
    pub async fn outbox_sent(&self, ids: &[i64], now: OffsetDateTime) -> Result<(), StoreError> {
        if ids.is_empty() {
            return Ok(());
        }
        let stamp = ts(now);
        let mut tx = self.pool.begin().await?;
        let mut events = Vec::new();
        for chunk in ids.chunks(500) {
            let list = chunk
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(",");
            let sql = format!(
                "UPDATE notice_outbox SET status = 'sent', sent_at = $1, claimed_until = NULL, attempts = attempts + 1 \
                 WHERE id IN ({list}) AND status = 'sending'"
            );
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(stamp.clone())
                .execute(&mut *tx)
                .await?;
            let sql = format!(
                "UPDATE notices SET state = 'sent', sent_at = $1 WHERE state = 'queued' \
                 AND id IN (SELECT notice_id FROM notice_outbox WHERE id IN ({list})) RETURNING id"
            );
            for r in sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(stamp.clone())
                .fetch_all(&mut *tx)
                .await?
            {
                let id: i64 = r.try_get(0)?;
                events.push(
                    Event::new(
                        now,
                        "mamori",
                        "notice.sent",
                        Subject::new("notice", &id.to_string())?,
                    )?
                    .evidence(&json!({"set": {"state": "sent"}})),
                );
            }
        }
        self.append_events_tx(&mut tx, &events).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records a failed delivery: retried after [`outbox_backoff`], given up after
    /// [`OUTBOX_MAX_ATTEMPTS`]. Returns whether it will be retried.
    pub async fn outbox_failed(
        &self,
        id: i64,
        error: &str,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let row = sqlx::query("SELECT attempts FROM notice_outbox WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::NotFound {
                what: "outbox message",
                name: id.to_string(),
            })?;
        let attempts: i64 = row.try_get::<i64, _>(0)? + 1;
        let retry = attempts < OUTBOX_MAX_ATTEMPTS;
        let error: String = error.chars().take(2000).collect();
        sqlx::query(
            "UPDATE notice_outbox SET status = $1, attempts = $2, next_attempt_at = $3, last_error = $4, claimed_until = NULL \
             WHERE id = $5",
        )
        .bind(if retry { "pending" } else { "failed" })
        .bind(attempts)
        .bind(ts(now + outbox_backoff(attempts)))
        .bind(error)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(retry)
    }

    /// The messages of a notice, or of all notices when `None`, oldest first.
    pub async fn outbox(&self, notice: Option<i64>) -> Result<Vec<OutboxRow>, StoreError> {
        sqlx::query(
            "SELECT id, notice_id, purpose, recipient, lang, subject, status, attempts, next_attempt_at, last_error \
             FROM notice_outbox WHERE ($1 = -1 OR notice_id = $1) ORDER BY id",
        )
        .bind(notice.unwrap_or(-1))
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(OutboxRow {
                id: r.try_get(0)?,
                notice_id: r.try_get(1)?,
                purpose: r.try_get(2)?,
                recipient: r.try_get(3)?,
                lang: r.try_get(4)?,
                subject: r.try_get(5)?,
                status: r.try_get(6)?,
                attempts: r.try_get(7)?,
                next_attempt_at: r.try_get(8)?,
                last_error: r.try_get(9)?,
            })
        })
        .collect()
    }

    /// The maker's view of an advisory's notices: per organization, whether it was sent and
    /// acknowledged and how many devices are patched, mitigated or unanswered.
    pub async fn advisory_notice_status(
        &self,
        advisory_id: i64,
    ) -> Result<Vec<NoticeStatus>, StoreError> {
        self.advisory(advisory_id).await?;
        sqlx::query(
            "SELECT n.id, n.org_id, o.name, n.state, n.sent_at, n.acknowledged_by, n.acknowledged_at, n.reminders, \
             COUNT(nd.device_id), \
             COUNT(CASE WHEN nd.response = 'patch_applied' THEN 1 END), \
             COUNT(CASE WHEN nd.response = 'mitigation_in_place' THEN 1 END), \
             COUNT(CASE WHEN nd.device_id IS NOT NULL AND nd.response IS NULL THEN 1 END) \
             FROM notices n JOIN organizations o ON o.id = n.org_id \
             LEFT JOIN notice_devices nd ON nd.notice_id = n.id \
             WHERE n.advisory_id = $1 \
             GROUP BY n.id, n.org_id, o.name, n.state, n.sent_at, n.acknowledged_by, n.acknowledged_at, n.reminders \
             ORDER BY o.name",
        )
        .bind(advisory_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            let id: i64 = r.try_get(0)?;
            let state: String = r.try_get(3)?;
            Ok(NoticeStatus {
                notice_id: id,
                org_id: r.try_get(1)?,
                org_name: r.try_get(2)?,
                state: NoticeState::parse(&state).ok_or_else(|| StoreError::Corrupt {
                    id,
                    reason: format!("notice state {state:?}"),
                })?,
                sent_at: r.try_get(4)?,
                acknowledged_by: r.try_get(5)?,
                acknowledged_at: r.try_get(6)?,
                reminders: r.try_get(7)?,
                devices: r.try_get(8)?,
                patched: r.try_get(9)?,
                mitigated: r.try_get(10)?,
                unanswered: r.try_get(11)?,
            })
        })
        .collect()
    }
}
