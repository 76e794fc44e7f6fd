//! The job queue kept in the database: background work (feed sync, re-matching) that
//! survives restarts and that several server processes share.
//!
//! A worker claims a job for a lease; only the worker holding the lease may finish it,
//! and a job whose worker died becomes claimable again once the lease runs out. On
//! PostgreSQL a claim locks its row with `FOR UPDATE SKIP LOCKED`, so concurrent
//! claimers never wait on, nor take, the same job; SQLite has one writer at a time, so
//! its claim is one `UPDATE … RETURNING` statement. Failed runs are retried with an
//! exponential backoff until the job's attempts are spent, then it is `dead` until an
//! administrator re-queues it. Schedules enqueue recurring jobs; moving a schedule's
//! next run forward is a conditional UPDATE, so one process only enqueues each run.

use serde_json::Value;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Duration, OffsetDateTime};

use crate::vulns::in_list;
use crate::{Backend, Store, StoreError};

/// Where a job is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum JobStatus {
    /// Waiting for its `run_at`.
    Queued,
    /// Claimed by a worker whose lease has not been given back.
    Running,
    /// Finished successfully.
    Done,
    /// Its last run failed; it waits for its retry at `run_at`.
    Failed,
    /// Every attempt failed; only an administrator re-queues it.
    Dead,
}

impl JobStatus {
    /// Every status, in the order of a job's life.
    pub const ALL: [JobStatus; 5] = [
        JobStatus::Queued,
        JobStatus::Running,
        JobStatus::Done,
        JobStatus::Failed,
        JobStatus::Dead,
    ];

    /// The stored word: `queued`, `running`, `done`, `failed` or `dead`.
    pub fn as_str(self) -> &'static str {
        match self {
            JobStatus::Queued => "queued",
            JobStatus::Running => "running",
            JobStatus::Done => "done",
            JobStatus::Failed => "failed",
            JobStatus::Dead => "dead",
        }
    }

    /// The status a stored word names.
    pub fn parse(s: &str) -> Option<JobStatus> {
        JobStatus::ALL.into_iter().find(|j| j.as_str() == s)
    }
}

impl std::fmt::Display for JobStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A job to enqueue.
#[derive(Clone, Debug, PartialEq)]
pub struct NewJob {
    /// What handles it (`reevaluate`, `feed_sync`, …).
    pub kind: String,
    /// The handler's input.
    pub payload: Value,
    /// Not before this time.
    pub run_at: OffsetDateTime,
    /// Runs allowed before the job is `dead` (at least 1).
    pub max_attempts: u32,
    /// While a job with this key is unfinished, enqueueing another returns that one.
    pub dedupe_key: Option<String>,
}

impl NewJob {
    /// The default number of runs a job gets.
    pub const DEFAULT_MAX_ATTEMPTS: u32 = 5;

    /// A job of `kind` to run at `run_at`, with the default attempts and no dedupe key.
    pub fn new(kind: &str, payload: Value, run_at: OffsetDateTime) -> NewJob {
        NewJob {
            kind: kind.to_owned(),
            payload,
            run_at,
            max_attempts: NewJob::DEFAULT_MAX_ATTEMPTS,
            dedupe_key: None,
        }
    }

    /// The same job with a dedupe key.
    pub fn dedupe(mut self, key: &str) -> NewJob {
        self.dedupe_key = Some(key.to_owned());
        self
    }

    /// The same job with `n` attempts.
    pub fn max_attempts(mut self, n: u32) -> NewJob {
        self.max_attempts = n;
        self
    }
}

/// A stored job.
#[derive(Clone, Debug, PartialEq)]
pub struct JobRow {
    /// Id; later jobs have larger ids.
    pub id: i64,
    /// What handles it.
    pub kind: String,
    /// The handler's input.
    pub payload: Value,
    /// Where it is in its life.
    pub status: JobStatus,
    /// Runs started so far (a claim counts, so a worker that dies mid-run used one).
    pub attempts: u32,
    /// Runs allowed.
    pub max_attempts: u32,
    /// When it may run (next).
    pub run_at: OffsetDateTime,
    /// The worker holding (or that last held) the lease.
    pub locked_by: Option<String>,
    /// When the lease runs out.
    pub locked_until: Option<OffsetDateTime>,
    /// Why the last failed run failed.
    pub last_error: Option<String>,
    /// Its dedupe key.
    pub dedupe_key: Option<String>,
    /// When it was enqueued.
    pub created_at: OffsetDateTime,
    /// When it ended `done` or `dead`.
    pub finished_at: Option<OffsetDateTime>,
}

/// Which jobs to list, newest first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JobFilter {
    /// Only jobs in this status.
    pub status: Option<JobStatus>,
    /// Only jobs of this kind.
    pub kind: Option<String>,
    /// At most this many (0: 100).
    pub limit: u32,
    /// Only jobs with a smaller id (the next page after the last id shown).
    pub before_id: Option<i64>,
}

/// A recurring job to add.
#[derive(Clone, Debug, PartialEq)]
pub struct NewSchedule {
    /// Unique name; adding a schedule under a taken name replaces that schedule.
    pub name: String,
    /// The kind of job it enqueues.
    pub kind: String,
    /// The jobs' payload.
    pub payload: Value,
    /// Seconds between runs (at least 1).
    pub every_seconds: u64,
    /// The first run (kept when the schedule already exists).
    pub first_run_at: OffsetDateTime,
    /// Whether it enqueues jobs.
    pub enabled: bool,
    /// Attempts each enqueued job gets.
    pub max_attempts: u32,
}

/// A stored schedule.
#[derive(Clone, Debug, PartialEq)]
pub struct ScheduleRow {
    /// Id.
    pub id: i64,
    /// Unique name.
    pub name: String,
    /// The kind of job it enqueues.
    pub kind: String,
    /// The jobs' payload.
    pub payload: Value,
    /// Seconds between runs.
    pub every_seconds: u64,
    /// When it is next due.
    pub next_run_at: OffsetDateTime,
    /// Whether it enqueues jobs.
    pub enabled: bool,
    /// Attempts each enqueued job gets.
    pub max_attempts: u32,
}

/// The wait before retrying a job whose `attempts`-th run failed: 30 s, doubling with
/// each failure, at most an hour.
pub fn job_backoff(attempts: u32) -> Duration {
    let doublings = attempts.saturating_sub(1).min(10);
    Duration::seconds((30_i64 << doublings).min(3600))
}

// Kept to this length: an error with a whole response body in it should not bloat the table.
const MAX_ERROR_CHARS: usize = 4000;

const COLUMNS: &str = "id, kind, payload, status, attempts, max_attempts, run_at, locked_by, \
                       locked_until, last_error, dedupe_key, created_at, finished_at";

const SCHEDULE_COLUMNS: &str =
    "id, name, kind, payload, every_seconds, next_run_at, enabled, max_attempts";

// Fixed width (microseconds, `Z`) so that text order is time order on both databases.
const TIME: &[time::format_description::FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z");

fn fmt_utc(t: OffsetDateTime) -> Result<String, StoreError> {
    t.to_offset(time::UtcOffset::UTC)
        .format(TIME)
        .map_err(|e| StoreError::Invalid(format!("time {t} cannot be stored: {e}")))
}

fn parse_utc(id: i64, what: &str, s: &str) -> Result<OffsetDateTime, StoreError> {
    OffsetDateTime::parse(s, &Rfc3339).map_err(|e| StoreError::Corrupt {
        id,
        reason: format!("job {what} {s:?}: {e}"),
    })
}

fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn job_from_row(row: &AnyRow) -> Result<JobRow, StoreError> {
    let id: i64 = row.try_get(0)?;
    let corrupt = |reason: String| StoreError::Corrupt { id, reason };
    let payload: String = row.try_get(2)?;
    let status: String = row.try_get(3)?;
    let time = |i: usize, what: &str| -> Result<OffsetDateTime, StoreError> {
        parse_utc(id, what, &row.try_get::<String, _>(i)?)
    };
    let opt_time = |i: usize, what: &str| -> Result<Option<OffsetDateTime>, StoreError> {
        row.try_get::<Option<String>, _>(i)?
            .map(|s| parse_utc(id, what, &s))
            .transpose()
    };
    Ok(JobRow {
        id,
        kind: row.try_get(1)?,
        payload: serde_json::from_str(&payload)
            .map_err(|e| corrupt(format!("job payload: {e}")))?,
        status: JobStatus::parse(&status)
            .ok_or_else(|| corrupt(format!("unknown job status {status:?}")))?,
        attempts: count(row.try_get(4)?),
        max_attempts: count(row.try_get(5)?),
        run_at: time(6, "run_at")?,
        locked_by: row.try_get(7)?,
        locked_until: opt_time(8, "locked_until")?,
        last_error: row.try_get(9)?,
        dedupe_key: row.try_get(10)?,
        created_at: time(11, "created_at")?,
        finished_at: opt_time(12, "finished_at")?,
    })
}

fn schedule_from_row(row: &AnyRow) -> Result<ScheduleRow, StoreError> {
    let id: i64 = row.try_get(0)?;
    let payload: String = row.try_get(3)?;
    Ok(ScheduleRow {
        id,
        name: row.try_get(1)?,
        kind: row.try_get(2)?,
        payload: serde_json::from_str(&payload).map_err(|e| StoreError::Corrupt {
            id,
            reason: format!("schedule payload: {e}"),
        })?,
        every_seconds: u64::try_from(row.try_get::<i64, _>(4)?).unwrap_or(1),
        next_run_at: parse_utc(id, "schedule next_run_at", &row.try_get::<String, _>(5)?)?,
        enabled: row.try_get::<i64, _>(6)? != 0,
        max_attempts: count(row.try_get(7)?),
    })
}

fn check_new(job: &NewJob) -> Result<(), StoreError> {
    if job.kind.trim().is_empty() {
        return Err(StoreError::Invalid("a job needs a kind".into()));
    }
    if job.max_attempts == 0 {
        return Err(StoreError::Invalid(
            "a job needs at least one attempt".into(),
        ));
    }
    if job.dedupe_key.as_deref().is_some_and(|k| k.is_empty()) {
        return Err(StoreError::Invalid("a job's dedupe key is empty".into()));
    }
    Ok(())
}

fn truncate(s: &str) -> &str {
    match s.char_indices().nth(MAX_ERROR_CHARS) {
        Some((at, _)) => &s[..at],
        None => s,
    }
}

/// Enqueues on `conn` (a pooled connection or a transaction), returning the job and
/// whether it is new. Writes before it reads, so on SQLite a transaction it runs in
/// takes the write lock first and cannot fail on a stale snapshot.
async fn enqueue_on(
    conn: &mut AnyConnection,
    job: &NewJob,
    now: OffsetDateTime,
) -> Result<(JobRow, bool), StoreError> {
    check_new(job)?;
    let payload = job.payload.to_string();
    let run_at = fmt_utc(job.run_at)?;
    let created = fmt_utc(now)?;
    // A dedupe key's job may finish between the refused INSERT and the SELECT; then
    // the next INSERT goes in. Three rounds cover any such interleaving in practice.
    for _ in 0..3 {
        let inserted = sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO jobs (kind, payload, status, attempts, max_attempts, run_at, dedupe_key, created_at) \
             VALUES ($1, $2, 'queued', 0, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING {COLUMNS}"
        )))
        .bind(job.kind.as_str())
        .bind(payload.as_str())
        .bind(i64::from(job.max_attempts))
        .bind(run_at.as_str())
        .bind(job.dedupe_key.as_deref())
        .bind(created.as_str())
        .fetch_optional(&mut *conn)
        .await?;
        if let Some(row) = inserted {
            return Ok((job_from_row(&row)?, true));
        }
        let existing = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM jobs WHERE dedupe_key = $1 \
             AND status IN ('queued', 'running', 'failed')"
        )))
        .bind(job.dedupe_key.as_deref())
        .fetch_optional(&mut *conn)
        .await?;
        if let Some(row) = existing {
            return Ok((job_from_row(&row)?, false));
        }
    }
    Err(StoreError::Invalid(format!(
        "job with dedupe key {:?} could not be enqueued: it kept finishing and reappearing",
        job.dedupe_key.as_deref().unwrap_or("")
    )))
}

impl Store {
    /// Adds a job to the queue. When its dedupe key belongs to an unfinished job
    /// (queued, running or waiting for a retry), nothing is added and that job is returned.
    pub async fn enqueue(&self, job: NewJob) -> Result<JobRow, StoreError> {
        let now = OffsetDateTime::now_utc();
        let mut conn = self.pool.acquire().await?;
        Ok(enqueue_on(&mut conn, &job, now).await?.0)
    }

    /// Claims the next due job of one of `kinds` for `worker` until `now + lease`: the
    /// queued or retrying job with the earliest `run_at`, or a running job whose lease
    /// ran out (its worker died) and that has attempts left. `None` when there is none
    /// (or `kinds` is empty). Concurrent claimers never get the same job.
    pub async fn claim(
        &self,
        worker: &str,
        kinds: &[&str],
        now: OffsetDateTime,
        lease: Duration,
    ) -> Result<Option<JobRow>, StoreError> {
        if kinds.is_empty() {
            return Ok(None);
        }
        let now_s = fmt_utc(now)?;
        let until = fmt_utc(now + lease)?;
        let due = format!(
            "kind IN ({}) AND ((status IN ('queued', 'failed') AND run_at <= $1) \
             OR (status = 'running' AND locked_until <= $1 AND attempts < max_attempts))",
            in_list(2, kinds.len())
        );
        let row = match self.backend {
            Backend::Postgres => {
                let mut tx = self.pool.begin().await?;
                let mut q = sqlx::query(sqlx::AssertSqlSafe(format!(
                    "SELECT id FROM jobs WHERE {due} ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED"
                )))
                .bind(now_s.as_str());
                for k in kinds {
                    q = q.bind(*k);
                }
                let Some(picked) = q.fetch_optional(&mut *tx).await? else {
                    tx.commit().await?;
                    return Ok(None);
                };
                let id: i64 = picked.try_get(0)?;
                let row = sqlx::query(sqlx::AssertSqlSafe(format!(
                    "UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_by = $1, \
                     locked_until = $2 WHERE id = $3 RETURNING {COLUMNS}"
                )))
                .bind(worker)
                .bind(until.as_str())
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
                tx.commit().await?;
                row
            }
            Backend::Sqlite => {
                let n = kinds.len();
                let mut q = sqlx::query(sqlx::AssertSqlSafe(format!(
                    "UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_by = ${w}, \
                     locked_until = ${u} WHERE id = \
                     (SELECT id FROM jobs WHERE {due} ORDER BY run_at, id LIMIT 1) RETURNING {COLUMNS}",
                    w = n + 2,
                    u = n + 3,
                )))
                .bind(now_s.as_str());
                for k in kinds {
                    q = q.bind(*k);
                }
                let Some(row) = q
                    .bind(worker)
                    .bind(until.as_str())
                    .fetch_optional(&self.pool)
                    .await?
                else {
                    return Ok(None);
                };
                row
            }
        };
        job_from_row(&row).map(Some)
    }

    /// Extends the lease of a job `worker` holds to `now + lease`. `false` when the
    /// worker no longer holds it (another worker took it over, or it ended): stop working on it.
    pub async fn heartbeat(
        &self,
        id: i64,
        worker: &str,
        now: OffsetDateTime,
        lease: Duration,
    ) -> Result<bool, StoreError> {
        let r = sqlx::query(
            "UPDATE jobs SET locked_until = $1 WHERE id = $2 AND status = 'running' AND locked_by = $3",
        )
        .bind(fmt_utc(now + lease)?)
        .bind(id)
        .bind(worker)
        .execute(&self.pool)
        .await?;
        Ok(r.rows_affected() == 1)
    }

    /// Marks a job `worker` holds as done. `false`, changing nothing, when the worker no
    /// longer holds it: its lease ran out and another worker took the job over.
    pub async fn complete(
        &self,
        id: i64,
        worker: &str,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let r = sqlx::query(
            "UPDATE jobs SET status = 'done', finished_at = $1, locked_until = NULL \
             WHERE id = $2 AND status = 'running' AND locked_by = $3",
        )
        .bind(fmt_utc(now)?)
        .bind(id)
        .bind(worker)
        .execute(&self.pool)
        .await?;
        Ok(r.rows_affected() == 1)
    }

    /// Records a failed run of a job `worker` holds: it is retried after [`job_backoff`] of
    /// its attempts, or, its attempts spent, it is `dead`. Returns the job as it now is,
    /// or `None`, changing nothing, when the worker no longer holds it.
    pub async fn fail(
        &self,
        id: i64,
        worker: &str,
        error: &str,
        now: OffsetDateTime,
    ) -> Result<Option<JobRow>, StoreError> {
        let Some(job) = self.find_job(id).await? else {
            return Ok(None);
        };
        if job.status != JobStatus::Running || job.locked_by.as_deref() != Some(worker) {
            return Ok(None);
        }
        let now_s = fmt_utc(now)?;
        let (status, run_at, finished) = if job.attempts >= job.max_attempts {
            (JobStatus::Dead, fmt_utc(job.run_at)?, Some(now_s.clone()))
        } else {
            (
                JobStatus::Failed,
                fmt_utc(now + job_backoff(job.attempts))?,
                None,
            )
        };
        // The attempts read above are part of the condition: had another worker taken
        // the job over in between, its claim raised them and this changes nothing.
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE jobs SET status = $1, run_at = $2, finished_at = $3, last_error = $4, \
             locked_until = NULL WHERE id = $5 AND status = 'running' AND locked_by = $6 \
             AND attempts = $7 RETURNING {COLUMNS}"
        )))
        .bind(status.as_str())
        .bind(run_at)
        .bind(finished)
        .bind(truncate(error))
        .bind(id)
        .bind(worker)
        .bind(i64::from(job.attempts))
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(job_from_row).transpose()
    }

    /// Marks `dead` the running jobs whose lease ran out with no attempts left (their
    /// worker died on the last attempt, so no claim will take them); returns how many.
    pub async fn reap_expired_jobs(&self, now: OffsetDateTime) -> Result<u64, StoreError> {
        let now_s = fmt_utc(now)?;
        let r = sqlx::query(
            "UPDATE jobs SET status = 'dead', finished_at = $1, \
             last_error = 'the worker stopped without finishing the last attempt (lease expired)' \
             WHERE status = 'running' AND locked_until <= $1 AND attempts >= max_attempts",
        )
        .bind(now_s)
        .execute(&self.pool)
        .await?;
        Ok(r.rows_affected())
    }

    async fn find_job(&self, id: i64) -> Result<Option<JobRow>, StoreError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM jobs WHERE id = $1"
        )))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(job_from_row).transpose()
    }

    /// One job.
    pub async fn job(&self, id: i64) -> Result<JobRow, StoreError> {
        self.find_job(id)
            .await?
            .ok_or_else(|| StoreError::NotFound {
                what: "job",
                name: id.to_string(),
            })
    }

    /// Jobs matching `filter`, newest first.
    pub async fn jobs(&self, filter: &JobFilter) -> Result<Vec<JobRow>, StoreError> {
        let mut clauses = Vec::new();
        let mut n = 0;
        let mut next = || {
            n += 1;
            format!("${n}")
        };
        if filter.status.is_some() {
            clauses.push(format!("status = {}", next()));
        }
        if filter.kind.is_some() {
            clauses.push(format!("kind = {}", next()));
        }
        if filter.before_id.is_some() {
            clauses.push(format!("id < {}", next()));
        }
        let limit = next();
        let filter_sql = if clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", clauses.join(" AND "))
        };
        let sql = format!("SELECT {COLUMNS} FROM jobs {filter_sql} ORDER BY id DESC LIMIT {limit}");
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        if let Some(s) = filter.status {
            q = q.bind(s.as_str());
        }
        if let Some(k) = &filter.kind {
            q = q.bind(k.clone());
        }
        if let Some(b) = filter.before_id {
            q = q.bind(b);
        }
        let limit = if filter.limit == 0 { 100 } else { filter.limit };
        q = q.bind(i64::from(limit));
        q.fetch_all(&self.pool)
            .await?
            .iter()
            .map(job_from_row)
            .collect()
    }

    /// Re-queues a dead (or retrying) job to run at `now` with all its attempts again;
    /// for administrators, once the cause of its failures is fixed.
    pub async fn retry_job(&self, id: i64, now: OffsetDateTime) -> Result<JobRow, StoreError> {
        let job = self.job(id).await?;
        if !matches!(job.status, JobStatus::Dead | JobStatus::Failed) {
            return Err(StoreError::Invalid(format!(
                "job {id} is {}: only dead or failed jobs are retried",
                job.status
            )));
        }
        let r = sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE jobs SET status = 'queued', attempts = 0, run_at = $1, finished_at = NULL, \
             locked_by = NULL, locked_until = NULL WHERE id = $2 AND status IN ('dead', 'failed') \
             RETURNING {COLUMNS}"
        )))
        .bind(fmt_utc(now)?)
        .bind(id)
        .fetch_optional(&self.pool)
        .await;
        match r {
            Ok(Some(row)) => job_from_row(&row),
            Ok(None) => Err(StoreError::Invalid(format!(
                "job {id} changed while being retried; look at it again"
            ))),
            Err(e) if crate::is_unique_violation(&e) => Err(StoreError::Conflict {
                what: "unfinished job with dedupe key",
                name: job.dedupe_key.unwrap_or_default(),
            }),
            Err(e) => Err(e.into()),
        }
    }

    /// How many jobs are in each status (every status, zeros included).
    pub async fn job_counts(&self) -> Result<Vec<(JobStatus, i64)>, StoreError> {
        let rows = sqlx::query("SELECT status, COUNT(*) FROM jobs GROUP BY status")
            .fetch_all(&self.pool)
            .await?;
        let mut out: Vec<(JobStatus, i64)> = JobStatus::ALL.iter().map(|s| (*s, 0)).collect();
        for r in rows {
            let status: String = r.try_get(0)?;
            let n: i64 = r.try_get(1)?;
            if let Some(slot) = out.iter_mut().find(|(s, _)| s.as_str() == status) {
                slot.1 = n;
            }
        }
        Ok(out)
    }

    /// Adds a schedule, or replaces the one of the same name (its kind, payload, period,
    /// attempts and whether it is enabled; its next run stays).
    pub async fn add_schedule(&self, s: &NewSchedule) -> Result<ScheduleRow, StoreError> {
        if s.name.trim().is_empty() || s.kind.trim().is_empty() {
            return Err(StoreError::Invalid(
                "a schedule needs a name and a job kind".into(),
            ));
        }
        if s.every_seconds == 0 || s.max_attempts == 0 {
            return Err(StoreError::Invalid(format!(
                "schedule {:?} needs a period and attempts of at least 1",
                s.name
            )));
        }
        let every = i64::try_from(s.every_seconds)
            .map_err(|_| StoreError::Invalid(format!("schedule {:?}: period too long", s.name)))?;
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO job_schedules (name, kind, payload, every_seconds, next_run_at, enabled, max_attempts, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, payload = excluded.payload, \
             every_seconds = excluded.every_seconds, enabled = excluded.enabled, max_attempts = excluded.max_attempts \
             RETURNING {SCHEDULE_COLUMNS}"
        )))
        .bind(s.name.as_str())
        .bind(s.kind.as_str())
        .bind(s.payload.to_string())
        .bind(every)
        .bind(fmt_utc(s.first_run_at)?)
        .bind(i64::from(s.enabled))
        .bind(i64::from(s.max_attempts))
        .bind(fmt_utc(OffsetDateTime::now_utc())?)
        .fetch_one(&self.pool)
        .await?;
        schedule_from_row(&row)
    }

    /// Every schedule, by name.
    pub async fn schedules(&self) -> Result<Vec<ScheduleRow>, StoreError> {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {SCHEDULE_COLUMNS} FROM job_schedules ORDER BY name"
        )))
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(schedule_from_row)
        .collect()
    }

    /// Enqueues a job for each enabled schedule due at `now` and moves its next run past
    /// `now` (runs missed while no server ran are not made up). Each schedule's job has
    /// the dedupe key `schedule:NAME`, so a run still unfinished is not doubled. Any
    /// number of processes may call this at once: each due run is enqueued once.
    /// Returns the number of jobs enqueued.
    pub async fn enqueue_due_schedules(&self, now: OffsetDateTime) -> Result<usize, StoreError> {
        let now_s = fmt_utc(now)?;
        let due = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {SCHEDULE_COLUMNS} FROM job_schedules WHERE enabled = 1 AND next_run_at <= $1 ORDER BY id"
        )))
        .bind(now_s.as_str())
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(schedule_from_row)
        .collect::<Result<Vec<_>, _>>()?;
        let mut enqueued = 0;
        for s in due {
            let every = i64::try_from(s.every_seconds).unwrap_or(i64::MAX).max(1);
            let behind = (now - s.next_run_at).whole_seconds().max(0);
            let next =
                s.next_run_at + Duration::seconds((behind / every + 1).saturating_mul(every));
            let mut tx = self.pool.begin().await?;
            // The schedule's row moves first: whoever moves it enqueues; a process that
            // read the same due row finds next_run_at changed and moves nothing.
            let moved = sqlx::query(
                "UPDATE job_schedules SET next_run_at = $1 WHERE id = $2 AND next_run_at = $3 AND enabled = 1",
            )
            .bind(fmt_utc(next)?)
            .bind(s.id)
            .bind(fmt_utc(s.next_run_at)?)
            .execute(&mut *tx)
            .await?;
            if moved.rows_affected() == 1 {
                let job = NewJob {
                    kind: s.kind.clone(),
                    payload: s.payload.clone(),
                    run_at: now,
                    max_attempts: s.max_attempts,
                    dedupe_key: Some(format!("schedule:{}", s.name)),
                };
                if enqueue_on(&mut tx, &job, now).await?.1 {
                    enqueued += 1;
                }
            }
            tx.commit().await?;
        }
        Ok(enqueued)
    }
}
