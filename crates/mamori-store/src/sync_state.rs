//! Feed sync bookkeeping: each feed's downloader watermarks (opaque JSON text) and a log of
//! sync runs, so `db sync` resumes where the last imported unit ended and status pages can
//! show when each feed last synced and how.

use crate::vulns::Counts;
use crate::{Store, StoreError};
use serde_json::{Map, Value};
use sqlx::Row;
use sqlx::any::AnyRow;
use std::collections::BTreeMap;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;

/// How one sync of one feed ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SyncOutcome {
    /// Everything downloaded was imported.
    Ok,
    /// The sync finished, but some files or records were refused.
    Problems,
    /// The sync stopped early (network, server or database failure); what was imported
    /// before the failure stays, and the feed's watermark covers only that.
    Failed,
}

impl SyncOutcome {
    /// The stored word: `ok`, `problems` or `failed`.
    pub fn as_str(self) -> &'static str {
        match self {
            SyncOutcome::Ok => "ok",
            SyncOutcome::Problems => "problems",
            SyncOutcome::Failed => "failed",
        }
    }

    /// The outcome a stored word names.
    pub fn parse(s: &str) -> Option<SyncOutcome> {
        match s {
            "ok" => Some(SyncOutcome::Ok),
            "problems" => Some(SyncOutcome::Problems),
            "failed" => Some(SyncOutcome::Failed),
            _ => None,
        }
    }
}

/// One finished sync of one feed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyncRun {
    /// The feed (`nvd`, `osv`, `kev`, `epss`, `jvn`, `csaf`).
    pub source: String,
    /// When it started.
    pub started: OffsetDateTime,
    /// When it ended.
    pub finished: OffsetDateTime,
    /// How it ended.
    pub outcome: SyncOutcome,
    /// Files downloaded and handed to the importer.
    pub files: u64,
    /// Conditional requests the server answered "not modified".
    pub not_modified: u64,
    /// Files not imported: unreadable ones, and documents whose hash or signature failed.
    pub refused: u64,
    /// Record counts by source key (`osv:PyPI`, `nvd`, …), as `db import` reports them.
    pub counts: BTreeMap<String, Counts>,
    /// Why it failed, for [`SyncOutcome::Failed`] (one line, no credentials).
    pub error: Option<String>,
}

/// A recorded sync run and its id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredSyncRun {
    /// Row id; later runs have larger ids.
    pub id: i64,
    /// The run.
    pub run: SyncRun,
}

// Fixed width (microseconds, `Z`) so that text order is time order on both databases.
const TIME: &[time::format_description::FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z");

fn fmt_utc(t: OffsetDateTime) -> Result<String, StoreError> {
    t.to_offset(time::UtcOffset::UTC)
        .format(TIME)
        .map_err(|e| StoreError::Invalid(format!("time {t} cannot be stored: {e}")))
}

fn parse_utc(id: i64, s: &str) -> Result<OffsetDateTime, StoreError> {
    OffsetDateTime::parse(s, &Rfc3339).map_err(|e| StoreError::Corrupt {
        id,
        reason: format!("sync run time {s:?}: {e}"),
    })
}

fn counts_json(counts: &BTreeMap<String, Counts>) -> String {
    let map: Map<String, Value> = counts
        .iter()
        .map(|(k, c)| {
            let v = serde_json::json!({
                "added": c.added, "updated": c.updated,
                "unchanged": c.unchanged, "rejected": c.rejected,
            });
            (k.clone(), v)
        })
        .collect();
    Value::Object(map).to_string()
}

fn counts_from_json(id: i64, text: &str) -> Result<BTreeMap<String, Counts>, StoreError> {
    let corrupt = |reason: String| StoreError::Corrupt { id, reason };
    let value: Value =
        serde_json::from_str(text).map_err(|e| corrupt(format!("sync run counts: {e}")))?;
    let Value::Object(map) = value else {
        return Err(corrupt("sync run counts are not an object".into()));
    };
    let field = |v: &Value, k: &str| v.get(k).and_then(Value::as_u64).unwrap_or(0);
    Ok(map
        .iter()
        .map(|(k, v)| {
            let c = Counts {
                added: field(v, "added"),
                updated: field(v, "updated"),
                unchanged: field(v, "unchanged"),
                rejected: field(v, "rejected"),
            };
            (k.clone(), c)
        })
        .collect())
}

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

const RUN_COLUMNS: &str =
    "id, source, started_at, finished_at, outcome, files, not_modified, refused, counts, error";

fn run_from_row(row: &AnyRow) -> Result<StoredSyncRun, StoreError> {
    let id: i64 = row.try_get(0)?;
    let outcome: String = row.try_get(4)?;
    let count = |i: usize| -> Result<u64, StoreError> {
        Ok(u64::try_from(row.try_get::<i64, _>(i)?).unwrap_or(0))
    };
    Ok(StoredSyncRun {
        id,
        run: SyncRun {
            source: row.try_get(1)?,
            started: parse_utc(id, &row.try_get::<String, _>(2)?)?,
            finished: parse_utc(id, &row.try_get::<String, _>(3)?)?,
            outcome: SyncOutcome::parse(&outcome).ok_or_else(|| StoreError::Corrupt {
                id,
                reason: format!("unknown sync outcome {outcome:?}"),
            })?,
            files: count(5)?,
            not_modified: count(6)?,
            refused: count(7)?,
            counts: counts_from_json(id, &row.try_get::<String, _>(8)?)?,
            error: row.try_get(9)?,
        },
    })
}

impl Store {
    /// The watermarks saved for a feed by [`Store::save_sync_state`], as saved.
    pub async fn sync_state(&self, source: &str) -> Result<Option<String>, StoreError> {
        let row = sqlx::query("SELECT state FROM feed_sync_state WHERE source = $1")
            .bind(source)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.try_get(0)).transpose()?)
    }

    /// When each feed's watermarks were last saved, by feed.
    pub async fn sync_state_times(&self) -> Result<BTreeMap<String, OffsetDateTime>, StoreError> {
        let rows = sqlx::query("SELECT source, updated_at FROM feed_sync_state ORDER BY source")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                let source: String = r.try_get(0)?;
                let at: String = r.try_get(1)?;
                Ok((source, parse_utc(0, &at)?))
            })
            .collect()
    }

    /// Saves (replacing) a feed's watermarks. Call it only once the files they cover are
    /// imported: the next sync starts from them. `state_json` must be JSON.
    pub async fn save_sync_state(
        &self,
        source: &str,
        state_json: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        serde_json::from_str::<serde::de::IgnoredAny>(state_json)
            .map_err(|e| StoreError::Invalid(format!("sync state of {source} is not json: {e}")))?;
        sqlx::query(
            "INSERT INTO feed_sync_state (source, state, updated_at) VALUES ($1, $2, $3) \
             ON CONFLICT (source) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
        )
        .bind(source)
        .bind(state_json)
        .bind(fmt_utc(now)?)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Appends a finished sync run to the log; returns its id.
    pub async fn record_sync_run(&self, run: &SyncRun) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO feed_sync_runs (source, started_at, finished_at, outcome, files, not_modified, refused, counts, error) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(&run.source)
        .bind(fmt_utc(run.started)?)
        .bind(fmt_utc(run.finished)?)
        .bind(run.outcome.as_str())
        .bind(to_i64(run.files))
        .bind(to_i64(run.not_modified))
        .bind(to_i64(run.refused))
        .bind(counts_json(&run.counts))
        .bind(run.error.as_deref())
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get(0)?)
    }

    /// The newest `limit` sync runs, newest first; only those of `source` when given.
    pub async fn sync_runs(
        &self,
        source: Option<&str>,
        limit: u32,
    ) -> Result<Vec<StoredSyncRun>, StoreError> {
        let rows = match source {
            Some(s) => {
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "SELECT {RUN_COLUMNS} FROM feed_sync_runs WHERE source = $1 ORDER BY id DESC LIMIT $2"
                )))
                .bind(s)
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await?
            }
            None => {
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "SELECT {RUN_COLUMNS} FROM feed_sync_runs ORDER BY id DESC LIMIT $1"
                )))
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await?
            }
        };
        rows.iter().map(run_from_row).collect()
    }

    /// The newest run of each feed that has one, by feed name.
    pub async fn latest_sync_runs(&self) -> Result<Vec<StoredSyncRun>, StoreError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {RUN_COLUMNS} FROM feed_sync_runs WHERE id IN \
             (SELECT MAX(id) FROM feed_sync_runs GROUP BY source) ORDER BY source"
        )))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(run_from_row).collect()
    }
}
