//! The audit record: append-only events chained by SHA-256, their verification and export, and
//! the state of a subject reconstructed at a past time.
//!
//! # The chain
//!
//! Events are numbered `seq` = 1, 2, 3, … without gaps. Each stores `prev_hash`, the `hash` of
//! the event before it (for event 1, [`GENESIS`]: 64 ASCII zeros), and its own `hash`.
//!
//! # The hash, exactly
//!
//! `hash` is the lower-case hexadecimal SHA-256 of a byte string made of ten fields, in this
//! order, each written as its length in bytes (an unsigned 64-bit big-endian integer, 8 bytes)
//! followed by its UTF-8 bytes:
//!
//! 1. the tag `mamori-audit-v1`
//! 2. `seq` in ASCII decimal (no sign, no leading zeros)
//! 3. `time`, exactly as stored
//! 4. `actor`
//! 5. `action`
//! 6. `subject_kind`
//! 7. `subject_id`
//! 8. `why` (empty when no reason was given)
//! 9. `evidence`, the stored JSON text byte for byte
//! 10. `prev_hash` (64 lower-case hexadecimal characters)
//!
//! The length prefixes make the encoding unambiguous: no two different events share a byte
//! string, whatever characters the fields hold. An auditor can recompute every hash from
//! `mamori audit export` alone, which writes each field as stored.
//!
//! # Stored forms
//!
//! - `time`: UTC, fixed width `YYYY-MM-DDTHH:MM:SS.ffffffZ` (RFC 3339 with microseconds), so the
//!   text order is the time order on both databases.
//! - `evidence`: canonical JSON text — no whitespace, object keys sorted by their UTF-8 bytes,
//!   strings escaped as serde_json escapes them. The hash covers the text as stored, so a
//!   verifier never has to re-canonicalize.
//! - An evidence object's `"set"` member, when present, is an object of the subject's fields the
//!   event set (e.g. `{"set": {"state": "approved"}}`); [`fold_state`] replays them.
//!
//! # Appending
//!
//! Appends are serialized so two writers cannot fork the chain: on SQLite the appending
//! transaction takes the database's write lock before it reads the chain head; on PostgreSQL it
//! takes a transaction-scoped advisory lock. `seq` is the primary key as well, so even a caller
//! whose transaction read a stale head (e.g. under PostgreSQL's repeatable read) fails rather
//! than forks. Triggers refuse UPDATE, DELETE (and on PostgreSQL TRUNCATE) of the table.
//!
//! # What verification cannot see
//!
//! Removing the newest events leaves a shorter chain that is still intact. `audit verify`
//! prints the count and the head hash so they can be recorded outside the database (a ticket,
//! a signed report) and compared later.

use crate::{Backend, Store, StoreError, placeholders};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use sqlx::{Any, Row, Transaction};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::io::Write;
use time::OffsetDateTime;

/// The `prev_hash` of the first event.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

const TAG: &[u8] = b"mamori-audit-v1";

// Rows read per page while verifying or exporting: memory stays flat at any chain length.
const PAGE: i64 = 5000;

// Rows per multi-row INSERT. Binding costs grow with the square of a statement's parameter
// count on SQLite (each bind looks its name up in a list), so statements stay small.
const INSERT_CHUNK: usize = 100;

// PostgreSQL advisory lock key of the chain head ("mamori" and 1).
const PG_LOCK_KEY: i64 = 0x6d61_6d6f_7269_0001;

const SELECT_PAGE: &str = "SELECT seq, time, actor, action, subject_kind, subject_id, why, evidence, prev_hash, hash \
     FROM audit_events WHERE seq > $1 ORDER BY seq LIMIT $2";

// One page as a single JSON array of arrays (SQLite); an empty page gives `[]` or NULL. The
// casts keep a value tampered into another type (SQLite allows it) a hash mismatch, not an error.
const SELECT_PACKED_PAGE: &str = "SELECT json_group_array(json_array(seq, CAST(time AS TEXT), CAST(actor AS TEXT), CAST(action AS TEXT), CAST(subject_kind AS TEXT), CAST(subject_id AS TEXT), CAST(why AS TEXT), CAST(evidence AS TEXT), CAST(prev_hash AS TEXT), CAST(hash AS TEXT))) \
     FROM (SELECT * FROM audit_events WHERE seq > $1 ORDER BY seq LIMIT $2)";

/// One event of a packed page; text borrowed from the page where it needs no unescaping.
#[derive(serde::Deserialize)]
struct PackedRow<'a>(
    i64,
    #[serde(borrow)] Cow<'a, str>,
    #[serde(borrow)] Cow<'a, str>,
    #[serde(borrow)] Cow<'a, str>,
    #[serde(borrow)] Cow<'a, str>,
    #[serde(borrow)] Cow<'a, str>,
    #[serde(borrow)] Cow<'a, str>,
    #[serde(borrow)] Cow<'a, str>,
    #[serde(borrow)] Cow<'a, str>,
    #[serde(borrow)] Cow<'a, str>,
);

const COLUMNS: &str =
    "seq, time, actor, action, subject_kind, subject_id, why, evidence, prev_hash, hash";

/// Action names used by the store and the commands; others follow the same `noun.verb` form.
pub mod action {
    /// An SBOM document was imported and made a new SBOM version.
    pub const SBOM_IMPORT: &str = "sbom.import";
    /// An SBOM version was approved.
    pub const SBOM_APPROVE: &str = "sbom.approve";
    /// A product was added.
    pub const PRODUCT_ADD: &str = "product.add";
    /// A release was added.
    pub const RELEASE_ADD: &str = "release.add";
    /// A finding's analysis state changed.
    pub const FINDING_STATE: &str = "finding.state";
    /// A triage rule was added.
    pub const RULE_ADD: &str = "rule.add";
    /// A regulatory case was opened.
    pub const CASE_OPEN: &str = "case.open";
    /// A regulatory case was decided.
    pub const CASE_DECIDE: &str = "case.decide";
    /// An advisory was published.
    pub const ADVISORY_PUBLISH: &str = "advisory.publish";
    /// Someone signed in.
    pub const AUTH_SIGN_IN: &str = "auth.sign_in";
    /// A supplier's VEX document was imported.
    pub const VEX_IMPORT: &str = "vex.import";
    /// A suggestion from a supplier's VEX was rejected.
    pub const VEX_REJECT: &str = "vex.reject";
}

/// What an event is about: a kind (`sbom`, `finding`, …) and that thing's id.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Subject {
    kind: String,
    id: String,
}

impl Subject {
    /// A subject; the kind is a lower-case word (`[a-z][a-z0-9_]*`), the id is not empty.
    pub fn new(kind: &str, id: &str) -> Result<Subject, StoreError> {
        if !is_word(kind) {
            return Err(StoreError::Invalid(format!(
                "audit subject kind {kind:?} is not a lower-case word"
            )));
        }
        if id.trim().is_empty() {
            return Err(StoreError::Invalid(format!(
                "audit subject {kind} has an empty id"
            )));
        }
        Ok(Subject {
            kind: kind.to_owned(),
            id: id.to_owned(),
        })
    }

    /// The SBOM version with this id.
    pub fn sbom(id: i64) -> Subject {
        Subject::numbered("sbom", id)
    }

    /// The product with this id.
    pub fn product(id: i64) -> Subject {
        Subject::numbered("product", id)
    }

    /// The release with this id.
    pub fn release(id: i64) -> Subject {
        Subject::numbered("release", id)
    }

    fn numbered(kind: &str, id: i64) -> Subject {
        Subject {
            kind: kind.to_owned(),
            id: id.to_string(),
        }
    }

    /// The kind.
    pub fn kind(&self) -> &str {
        &self.kind
    }

    /// The id.
    pub fn id(&self) -> &str {
        &self.id
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.kind, self.id)
    }
}

/// An event to append: who did what to which subject, when, why, with what evidence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    time: String,
    actor: String,
    action: String,
    subject: Subject,
    why: String,
    evidence: String,
}

impl Event {
    /// An event with no reason and empty evidence (`{}`). The actor must not be empty, the
    /// action is `noun.verb` in lower case (`sbom.approve`), and the time lies in years 1–9999.
    pub fn new(
        time: OffsetDateTime,
        actor: &str,
        action: &str,
        subject: Subject,
    ) -> Result<Event, StoreError> {
        if actor.trim().is_empty() {
            return Err(StoreError::Invalid("audit event has no actor".into()));
        }
        if !action.split('.').all(is_word) || !action.contains('.') {
            return Err(StoreError::Invalid(format!(
                "audit action {action:?} is not of the form noun.verb"
            )));
        }
        Ok(Event {
            time: format_time(time)?,
            actor: actor.to_owned(),
            action: action.to_owned(),
            subject,
            why: String::new(),
            evidence: "{}".to_owned(),
        })
    }

    /// With the reason given for it.
    pub fn why(mut self, why: &str) -> Event {
        self.why = why.to_owned();
        self
    }

    /// With this evidence, stored as canonical JSON.
    pub fn evidence(mut self, evidence: &Value) -> Event {
        self.evidence = canonical_json(evidence);
        self
    }

    /// The time as it will be stored.
    pub fn time(&self) -> &str {
        &self.time
    }

    /// Who.
    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// What.
    pub fn action(&self) -> &str {
        &self.action
    }

    /// About what.
    pub fn subject(&self) -> &Subject {
        &self.subject
    }

    /// The evidence as canonical JSON text.
    pub fn evidence_text(&self) -> &str {
        &self.evidence
    }
}

/// An event as stored, field for field (read back as is: it may have been tampered with).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredEvent {
    /// Position in the chain, from 1.
    pub seq: i64,
    /// When (UTC, fixed-width RFC 3339).
    pub time: String,
    /// Who.
    pub actor: String,
    /// What (`sbom.approve`, …).
    pub action: String,
    /// The subject's kind.
    pub subject_kind: String,
    /// The subject's id.
    pub subject_id: String,
    /// The reason given, or empty.
    pub why: String,
    /// Canonical JSON text.
    pub evidence: String,
    /// The previous event's hash, or [`GENESIS`].
    pub prev_hash: String,
    /// This event's hash.
    pub hash: String,
}

impl StoredEvent {
    /// The hash this event's fields give (see the module documentation).
    pub fn computed_hash(&self) -> String {
        hex::encode(self.digest(&mut Vec::new()))
    }

    fn digest(&self, buf: &mut Vec<u8>) -> [u8; 32] {
        let seq = self.seq.to_string();
        chain_hash(
            buf,
            [
                seq.as_str(),
                &self.time,
                &self.actor,
                &self.action,
                &self.subject_kind,
                &self.subject_id,
                &self.why,
                &self.evidence,
                &self.prev_hash,
            ],
        )
    }

    /// The evidence parsed, or `None` if the stored text is not JSON.
    pub fn evidence_json(&self) -> Option<Value> {
        serde_json::from_str(&self.evidence).ok()
    }

    /// The JSON Lines form `audit export` writes: every field as stored (evidence as its text,
    /// so the hash can be recomputed from the line).
    pub fn to_json(&self) -> Value {
        serde_json::json!({
            "seq": self.seq,
            "time": self.time,
            "actor": self.actor,
            "action": self.action,
            "subject": {"kind": self.subject_kind, "id": self.subject_id},
            "why": self.why,
            "evidence": self.evidence,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        })
    }
}

/// The first broken link found by [`Store::verify_audit`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Break {
    /// Event `seq` is absent: the next stored event is `found`.
    Missing {
        /// The number expected.
        seq: i64,
        /// The number found instead.
        found: i64,
    },
    /// Event `seq` does not name the previous event's hash.
    PrevHashMismatch {
        /// The event.
        seq: i64,
        /// Its `prev_hash`.
        stored: String,
        /// The previous event's hash (or the genesis value).
        expected: String,
    },
    /// Event `seq`'s fields do not give its stored hash: its content was changed.
    HashMismatch {
        /// The event.
        seq: i64,
        /// Its stored hash.
        stored: String,
        /// What its fields hash to.
        computed: String,
    },
}

impl Break {
    /// The event at which the chain breaks.
    pub fn seq(&self) -> i64 {
        match self {
            Break::Missing { seq, .. }
            | Break::PrevHashMismatch { seq, .. }
            | Break::HashMismatch { seq, .. } => *seq,
        }
    }

    /// A short name of the problem: `missing`, `prev_hash_mismatch` or `hash_mismatch`.
    pub fn kind(&self) -> &'static str {
        match self {
            Break::Missing { .. } => "missing",
            Break::PrevHashMismatch { .. } => "prev_hash_mismatch",
            Break::HashMismatch { .. } => "hash_mismatch",
        }
    }
}

impl fmt::Display for Break {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Break::Missing { seq, found } => write!(
                f,
                "event {seq} is missing: the next stored event is {found}"
            ),
            Break::PrevHashMismatch {
                seq,
                stored,
                expected,
            } => {
                let before = if *seq == 1 {
                    "the genesis value".to_owned()
                } else {
                    format!("event {}'s hash", seq - 1)
                };
                write!(
                    f,
                    "event {seq} does not chain to the one before: its prev_hash is {stored}, {before} is {expected}"
                )
            }
            Break::HashMismatch {
                seq,
                stored,
                computed,
            } => write!(
                f,
                "event {seq} was altered: its stored hash is {stored}, its content hashes to {computed}"
            ),
        }
    }
}

/// What [`Store::verify_audit`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditReport {
    /// Events checked and found sound (before the break, if any).
    pub events: u64,
    /// The hash of the last sound event ([`GENESIS`] for an empty record).
    pub head: String,
    /// The first broken link, if any.
    pub broken: Option<Break>,
}

impl AuditReport {
    /// Whether the whole chain is intact.
    pub fn is_intact(&self) -> bool {
        self.broken.is_none()
    }
}

/// A subject's state replayed from its events: the last value each field was set to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SubjectState {
    /// Field → the last value an event's `evidence.set` gave it.
    pub fields: BTreeMap<String, Value>,
    /// Events replayed.
    pub events: usize,
    /// The last of them, if any.
    pub last: Option<StoredEvent>,
}

/// An SBOM version's approval as it stood at some time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SbomApproval {
    /// It did not exist yet (no event about it).
    Absent,
    /// Imported, not approved.
    Draft,
    /// Approved by someone at some time.
    Approved {
        /// Who.
        by: String,
        /// When (as stored).
        at: String,
    },
}

/// Replays events (in `seq` order) into the last value of each field their `evidence.set`
/// objects set. Events without a `set` object count but change no field. Callers with their own
/// subjects (findings, cases) store `{"set": {...}}` in the evidence and reuse this.
pub fn fold_state(events: &[StoredEvent]) -> SubjectState {
    let mut state = SubjectState::default();
    for e in events {
        if let Some(Value::Object(mut ev)) = e.evidence_json()
            && let Some(Value::Object(set)) = ev.remove("set")
        {
            state.fields.extend(set);
        }
        state.events += 1;
    }
    state.last = events.last().cloned();
    state
}

impl Store {
    /// Appends an event in its own transaction.
    pub async fn append_event(&self, event: &Event) -> Result<StoredEvent, StoreError> {
        let mut tx = self.pool.begin().await?;
        let stored = self.append_event_tx(&mut tx, event).await?;
        tx.commit().await?;
        Ok(stored)
    }

    /// Appends an event inside the caller's transaction, so the change it records and the
    /// event commit (or roll back) together. On SQLite, make the transaction's first statement
    /// a write (or call this first): a transaction that has only read may find the database
    /// changed under it and fail with "database is locked".
    pub async fn append_event_tx(
        &self,
        tx: &mut Transaction<'_, Any>,
        event: &Event,
    ) -> Result<StoredEvent, StoreError> {
        let mut v = self
            .append_events_tx(tx, std::slice::from_ref(event))
            .await?;
        v.pop()
            .ok_or_else(|| StoreError::Invalid("no event appended".into()))
    }

    /// Appends events in order in their own transaction (bulk loads).
    pub async fn append_events(&self, events: &[Event]) -> Result<Vec<StoredEvent>, StoreError> {
        let mut tx = self.pool.begin().await?;
        let stored = self.append_events_tx(&mut tx, events).await?;
        tx.commit().await?;
        Ok(stored)
    }

    /// Appends events in order inside the caller's transaction.
    pub async fn append_events_tx(
        &self,
        tx: &mut Transaction<'_, Any>,
        events: &[Event],
    ) -> Result<Vec<StoredEvent>, StoreError> {
        if events.is_empty() {
            return Ok(Vec::new());
        }
        self.lock_chain(tx).await?;
        let head = sqlx::query("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1")
            .fetch_optional(&mut **tx)
            .await?;
        let (mut seq, mut prev) = match head {
            Some(r) => (r.try_get::<i64, _>(0)?, r.try_get::<String, _>(1)?),
            None => (0, GENESIS.to_owned()),
        };
        let mut buf = Vec::new();
        let mut out = Vec::with_capacity(events.len());
        for e in events {
            seq += 1;
            let mut s = StoredEvent {
                seq,
                time: e.time.clone(),
                actor: e.actor.clone(),
                action: e.action.clone(),
                subject_kind: e.subject.kind.clone(),
                subject_id: e.subject.id.clone(),
                why: e.why.clone(),
                evidence: e.evidence.clone(),
                prev_hash: prev,
                hash: String::new(),
            };
            s.hash = hex::encode(s.digest(&mut buf));
            prev = s.hash.clone();
            out.push(s);
        }
        for chunk in out.chunks(INSERT_CHUNK) {
            let sql = format!(
                "INSERT INTO audit_events ({COLUMNS}) VALUES {}",
                placeholders(chunk.len(), 10)
            );
            let sql = crate::positional(tx, sql);
            // Safe: the SQL is built only from constants and placeholder numbers; values are bound.
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for s in chunk {
                q = q
                    .bind(s.seq)
                    .bind(s.time.clone())
                    .bind(s.actor.clone())
                    .bind(s.action.clone())
                    .bind(s.subject_kind.clone())
                    .bind(s.subject_id.clone())
                    .bind(s.why.clone())
                    .bind(s.evidence.clone())
                    .bind(s.prev_hash.clone())
                    .bind(s.hash.clone());
            }
            q.execute(&mut **tx).await?;
        }
        Ok(out)
    }

    /// Serializes appenders: whoever holds this until commit owns the chain head.
    async fn lock_chain(&self, tx: &mut Transaction<'_, Any>) -> Result<(), StoreError> {
        match self.backend {
            // Any write statement takes SQLite's single write lock for the rest of the
            // transaction, even one that matches no row; the busy timeout makes others wait.
            Backend::Sqlite => {
                sqlx::query("UPDATE audit_events SET seq = seq WHERE seq < 0")
                    .execute(&mut **tx)
                    .await?;
            }
            Backend::Postgres => {
                sqlx::query("SELECT 1 FROM pg_advisory_xact_lock($1)")
                    .bind(PG_LOCK_KEY)
                    .execute(&mut **tx)
                    .await?;
            }
        }
        Ok(())
    }

    /// Up to `limit` events after `after_seq`, in order.
    pub async fn audit_page(
        &self,
        after_seq: i64,
        limit: i64,
    ) -> Result<Vec<StoredEvent>, StoreError> {
        let rows = sqlx::query(SELECT_PAGE)
            .bind(after_seq)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(stored_event).collect()
    }

    /// Checks the whole chain in order, a page at a time, and names the first broken link.
    pub async fn verify_audit(&self) -> Result<AuditReport, StoreError> {
        let mut v = Verifier::new();
        match self.backend {
            // Handing rows over one by one costs more than hashing them: SQLite packs each
            // page into one JSON array (its own escaping, undone exactly by serde_json), so a
            // million events verify in seconds. A misordered array cannot pass unnoticed: the
            // verifier checks every seq.
            Backend::Sqlite => loop {
                let packed: Option<String> = sqlx::query(SELECT_PACKED_PAGE)
                    .bind(v.last)
                    .bind(PAGE)
                    .fetch_one(&self.pool)
                    .await?
                    .try_get(0)?;
                let Some(packed) = packed else { break };
                let rows: Vec<PackedRow<'_>> = serde_json::from_str(&packed).map_err(|e| {
                    StoreError::Invalid(format!(
                        "the audit events after {} do not read: {e}",
                        v.last
                    ))
                })?;
                if rows.is_empty() {
                    break;
                }
                for r in &rows {
                    let fields = [&*r.1, &*r.2, &*r.3, &*r.4, &*r.5, &*r.6, &*r.7, &*r.8];
                    if let Some(b) = v.check(r.0, fields, &r.9) {
                        return Ok(v.report(Some(b)));
                    }
                }
            },
            Backend::Postgres => loop {
                let page = self.audit_page(v.last, PAGE).await?;
                if page.is_empty() {
                    break;
                }
                for e in &page {
                    let fields = [
                        e.time.as_str(),
                        &e.actor,
                        &e.action,
                        &e.subject_kind,
                        &e.subject_id,
                        &e.why,
                        &e.evidence,
                        &e.prev_hash,
                    ];
                    if let Some(b) = v.check(e.seq, fields, &e.hash) {
                        return Ok(v.report(Some(b)));
                    }
                }
            },
        }
        Ok(v.report(None))
    }

    /// Writes every event in order as JSON Lines ([`StoredEvent::to_json`]); returns the count.
    pub async fn export_audit(&self, mut out: impl Write) -> Result<u64, StoreError> {
        let mut last = 0i64;
        let mut count = 0u64;
        loop {
            let page = self.audit_page(last, PAGE).await?;
            let Some(tail) = page.last() else { break };
            last = tail.seq;
            for e in &page {
                let mut line = e.to_json().to_string();
                line.push('\n');
                out.write_all(line.as_bytes()).map_err(StoreError::Write)?;
                count += 1;
            }
        }
        out.flush().map_err(StoreError::Write)?;
        Ok(count)
    }

    /// The events about `subject` recorded at or before `until`, in chain order.
    pub async fn events_for(
        &self,
        subject: &Subject,
        until: OffsetDateTime,
    ) -> Result<Vec<StoredEvent>, StoreError> {
        let rows = sqlx::query(
            "SELECT seq, time, actor, action, subject_kind, subject_id, why, evidence, prev_hash, hash \
             FROM audit_events WHERE subject_kind = $1 AND subject_id = $2 AND time <= $3 ORDER BY seq",
        )
        .bind(subject.kind())
        .bind(subject.id())
        .bind(format_time(until)?)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(stored_event).collect()
    }

    /// The subject's fields as its events had set them at `until` (see [`fold_state`]).
    pub async fn state_at(
        &self,
        subject: &Subject,
        until: OffsetDateTime,
    ) -> Result<SubjectState, StoreError> {
        Ok(fold_state(&self.events_for(subject, until).await?))
    }

    /// Whether the SBOM version `sbom_id` was absent, a draft or approved at `until`, from the
    /// record alone.
    pub async fn sbom_approval_at(
        &self,
        sbom_id: i64,
        until: OffsetDateTime,
    ) -> Result<SbomApproval, StoreError> {
        let state = self.state_at(&Subject::sbom(sbom_id), until).await?;
        let text = |k: &str| {
            state
                .fields
                .get(k)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        Ok(match state.fields.get("state").and_then(Value::as_str) {
            Some("approved") => SbomApproval::Approved {
                by: text("approved_by"),
                at: text("approved_at"),
            },
            Some(_) => SbomApproval::Draft,
            None if state.events > 0 => SbomApproval::Draft,
            None => SbomApproval::Absent,
        })
    }
}

/// Walks the chain one event at a time, remembering only the last sound link.
struct Verifier {
    last: i64,
    expected: String,
    count: u64,
    buf: Vec<u8>,
    seq_text: String,
}

impl Verifier {
    fn new() -> Verifier {
        Verifier {
            last: 0,
            expected: GENESIS.to_owned(),
            count: 0,
            buf: Vec::new(),
            seq_text: String::new(),
        }
    }

    /// Checks the next stored event: `fields` are time, actor, action, subject kind and id,
    /// why, evidence and prev_hash.
    fn check(&mut self, seq: i64, fields: [&str; 8], hash: &str) -> Option<Break> {
        use std::fmt::Write as _;
        let prev_hash = fields[7];
        if seq != self.last + 1 {
            return Some(Break::Missing {
                seq: self.last + 1,
                found: seq,
            });
        }
        if prev_hash != self.expected {
            return Some(Break::PrevHashMismatch {
                seq,
                stored: prev_hash.to_owned(),
                expected: self.expected.clone(),
            });
        }
        self.seq_text.clear();
        let _ = write!(self.seq_text, "{seq}");
        let [time, actor, action, kind, id, why, evidence, prev] = fields;
        let digest = chain_hash(
            &mut self.buf,
            [
                &self.seq_text,
                time,
                actor,
                action,
                kind,
                id,
                why,
                evidence,
                prev,
            ],
        );
        if !hex_eq(hash, &digest) {
            return Some(Break::HashMismatch {
                seq,
                stored: hash.to_owned(),
                computed: hex::encode(digest),
            });
        }
        self.count += 1;
        self.last = seq;
        self.expected.clear();
        self.expected.push_str(hash);
        None
    }

    fn report(self, broken: Option<Break>) -> AuditReport {
        AuditReport {
            events: self.count,
            head: self.expected,
            broken,
        }
    }
}

fn stored_event(r: &sqlx::any::AnyRow) -> Result<StoredEvent, StoreError> {
    Ok(StoredEvent {
        seq: r.try_get(0)?,
        time: r.try_get(1)?,
        actor: r.try_get(2)?,
        action: r.try_get(3)?,
        subject_kind: r.try_get(4)?,
        subject_id: r.try_get(5)?,
        why: r.try_get(6)?,
        evidence: r.try_get(7)?,
        prev_hash: r.try_get(8)?,
        hash: r.try_get(9)?,
    })
}

/// SHA-256 of the tag and the fields, each length-prefixed (module documentation).
fn chain_hash(buf: &mut Vec<u8>, fields: [&str; 9]) -> [u8; 32] {
    buf.clear();
    push_field(buf, TAG);
    for f in fields {
        push_field(buf, f.as_bytes());
    }
    Sha256::digest(buf.as_slice()).into()
}

fn push_field(buf: &mut Vec<u8>, bytes: &[u8]) {
    buf.extend_from_slice(&(bytes.len() as u64).to_be_bytes());
    buf.extend_from_slice(bytes);
}

/// Whether `text` is the lower-case hex of `digest`, without allocating.
fn hex_eq(text: &str, digest: &[u8; 32]) -> bool {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let t = text.as_bytes();
    t.len() == 64
        && digest.iter().enumerate().all(|(i, b)| {
            t[2 * i] == HEX[usize::from(b >> 4)] && t[2 * i + 1] == HEX[usize::from(b & 0xf)]
        })
}

fn is_word(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// UTC, fixed width, microseconds: text order is time order.
fn format_time(t: OffsetDateTime) -> Result<String, StoreError> {
    let t = t.to_offset(time::UtcOffset::UTC);
    if !(1..=9999).contains(&t.year()) {
        return Err(StoreError::Invalid(format!(
            "audit time {t} is outside years 1 to 9999"
        )));
    }
    Ok(format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.microsecond()
    ))
}

/// JSON with object keys sorted by their bytes and no whitespace.
pub fn canonical_json(v: &Value) -> String {
    let mut out = String::new();
    write_canonical(v, &mut out);
    out
}

fn write_canonical(v: &Value, out: &mut String) {
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_unstable_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                if let Some(x) = map.get(k) {
                    write_canonical(x, out);
                }
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(x, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// Builds the `{"set": {...}}` evidence object [`fold_state`] reads, with extra members beside it.
pub fn evidence_setting(set: Map<String, Value>, extra: Map<String, Value>) -> Value {
    let mut obj = extra;
    obj.insert("set".into(), Value::Object(set));
    Value::Object(obj)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_json_sorts_keys_and_drops_whitespace() {
        let v: Value =
            serde_json::from_str(r#"{"b": [1, {"y": 2, "x": "é\n"}], "a": null}"#).unwrap();
        assert_eq!(
            canonical_json(&v),
            r#"{"a":null,"b":[1,{"x":"é\n","y":2}]}"#
        );
    }

    #[test]
    fn times_are_fixed_width_utc() {
        let t = time::macros::datetime!(2026-11-25 21:00:00.5 +09:00);
        assert_eq!(format_time(t).unwrap(), "2026-11-25T12:00:00.500000Z");
    }

    #[test]
    fn hash_encoding_is_length_prefixed() {
        // Moving a byte from one field to the next must change the hash.
        let e = |actor: &str, action: &str| StoredEvent {
            seq: 1,
            time: "t".into(),
            actor: actor.into(),
            action: action.into(),
            subject_kind: "k".into(),
            subject_id: "1".into(),
            why: String::new(),
            evidence: "{}".into(),
            prev_hash: GENESIS.into(),
            hash: String::new(),
        };
        assert_ne!(e("ab", "c").computed_hash(), e("a", "bc").computed_hash());
        // The documented encoding, written out by hand.
        let mut msg = Vec::new();
        for f in [
            "mamori-audit-v1",
            "1",
            "t",
            "ab",
            "c",
            "k",
            "1",
            "",
            "{}",
            GENESIS,
        ] {
            msg.extend_from_slice(&(f.len() as u64).to_be_bytes());
            msg.extend_from_slice(f.as_bytes());
        }
        assert_eq!(
            e("ab", "c").computed_hash(),
            hex::encode(Sha256::digest(&msg))
        );
    }

    #[test]
    fn hex_eq_matches_hex_encode() {
        let d: [u8; 32] = Sha256::digest(b"x").into();
        assert!(hex_eq(&hex::encode(d), &d));
        assert!(!hex_eq(&hex::encode(d).to_uppercase(), &d));
        assert!(!hex_eq("", &d));
    }
}
