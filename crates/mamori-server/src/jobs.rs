//! The job runner: the loop each server process runs beside its HTTP listener, taking
//! jobs from the store's queue (shared with the other processes on the same database),
//! running the handler of their kind, and recording how they ended.
//!
//! A claimed job is leased; the runner renews the lease while the handler runs, so a job
//! whose process died is taken over by another once the lease runs out, and a runner
//! that lost its lease drops the job instead of finishing it twice. On shutdown the
//! runner claims nothing more and lets the running job finish.

use mamori_feeds::SourceKind;
use mamori_store::{
    FeedFile, ImportReport, JobRow, JobStatus, Store, StoreError, SyncOutcome, SyncRun,
};
use mamori_sync::{ApiKey, FeedSink, FeedSource, SinkError, SyncConfig, SyncState, Syncer};
use serde_json::Value;
use std::collections::BTreeMap;
use std::future::Future;
use std::path::Path;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use time::OffsetDateTime;
use tokio::sync::watch;

/// How often the runner refreshes the planner's statistics (see [`Store::optimize`]).
const OPTIMIZE_EVERY: std::time::Duration = std::time::Duration::from_secs(3600);
/// The kind of job that re-matches stored releases (see [`Reevaluate`]).
pub const REEVALUATE: &str = "reevaluate";
/// The kind of job that downloads feeds into the store (see [`FeedSync`]).
pub const FEED_SYNC: &str = "feed_sync";

/// A future a handler returns; boxed so handlers of different kinds share one list.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Runs the jobs of one kind.
pub trait JobHandler: Send + Sync {
    /// The kind of job it runs.
    fn kind(&self) -> &'static str;

    /// Runs one job. An `Err` (one line, no credentials) is recorded as the job's last
    /// error and the job is retried after its backoff. The runner may drop the future
    /// when its lease is lost, so work should be committed in steps that stand alone.
    fn run<'a>(&'a self, store: &'a Store, job: &'a JobRow) -> BoxFuture<'a, Result<(), String>>;
}

/// What the runner did, for `/metrics`: counters since it started.
#[derive(Debug, Default)]
pub struct RunnerStats {
    claimed: AtomicU64,
    done: AtomicU64,
    failed: AtomicU64,
    dead: AtomicU64,
    lost: AtomicU64,
}

impl RunnerStats {
    /// Jobs claimed.
    pub fn claimed(&self) -> u64 {
        self.claimed.load(Ordering::Relaxed)
    }

    /// Jobs finished successfully.
    pub fn done(&self) -> u64 {
        self.done.load(Ordering::Relaxed)
    }

    /// Failed runs that will be retried.
    pub fn failed(&self) -> u64 {
        self.failed.load(Ordering::Relaxed)
    }

    /// Failed runs that used the job's last attempt.
    pub fn dead(&self) -> u64 {
        self.dead.load(Ordering::Relaxed)
    }

    /// Jobs dropped because the lease was lost to another worker.
    pub fn lost(&self) -> u64 {
        self.lost.load(Ordering::Relaxed)
    }

    fn add(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }
}

/// How one run of a job ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunOutcome {
    /// The handler succeeded and the job is done.
    Done,
    /// The handler failed; the job will be retried.
    Retry,
    /// The handler failed on the last attempt; the job is dead.
    Dead,
    /// The lease was lost (another worker has the job); nothing was recorded.
    Lost,
}

/// Where "now" comes from (tests move it forward to skip backoffs).
pub type Clock = Arc<dyn Fn() -> OffsetDateTime + Send + Sync>;

/// Takes jobs from the queue and runs them, one at a time.
pub struct Runner {
    store: Store,
    worker: String,
    handlers: BTreeMap<&'static str, Arc<dyn JobHandler>>,
    poll: std::time::Duration,
    lease: time::Duration,
    clock: Clock,
    stats: Arc<RunnerStats>,
}

impl std::fmt::Debug for Runner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runner")
            .field("worker", &self.worker)
            .field("kinds", &self.handlers.keys().collect::<Vec<_>>())
            .field("poll", &self.poll)
            .field("lease", &self.lease)
            .finish_non_exhaustive()
    }
}

/// A worker id unique to this runner: the process id and a random part, so that
/// runners of one process, and processes of one host after a restart, differ.
pub fn worker_id() -> String {
    let random = uuid::Uuid::new_v4().simple().to_string();
    format!("pid{}-{}", std::process::id(), &random[..8])
}

impl Runner {
    /// The lease a claimed job gets unless [`Runner::with_lease`] says otherwise.
    pub const DEFAULT_LEASE: std::time::Duration = std::time::Duration::from_secs(300);

    /// A runner for the kinds of `handlers` (the last handler of a kind wins), looking
    /// for work every `poll_interval` when the queue is empty.
    pub fn new(
        store: Store,
        worker_id: impl Into<String>,
        handlers: Vec<Arc<dyn JobHandler>>,
        poll_interval: std::time::Duration,
    ) -> Runner {
        Runner {
            store,
            worker: worker_id.into(),
            handlers: handlers.into_iter().map(|h| (h.kind(), h)).collect(),
            poll: poll_interval,
            lease: time::Duration::seconds(300),
            clock: Arc::new(OffsetDateTime::now_utc),
            stats: Arc::default(),
        }
    }

    /// The same runner with another lease (renewed every third of it while a job runs).
    pub fn with_lease(mut self, lease: std::time::Duration) -> Runner {
        self.lease = time::Duration::try_from(lease).unwrap_or(time::Duration::seconds(300));
        self
    }

    /// The same runner reading "now" from `clock`.
    pub fn with_clock(
        mut self,
        clock: impl Fn() -> OffsetDateTime + Send + Sync + 'static,
    ) -> Runner {
        self.clock = Arc::new(clock);
        self
    }

    /// Its counters, to read while it runs.
    pub fn stats(&self) -> Arc<RunnerStats> {
        Arc::clone(&self.stats)
    }

    /// Its worker id.
    pub fn worker(&self) -> &str {
        &self.worker
    }

    /// Runs until `shutdown` turns `true` (or its sender is dropped): enqueues due
    /// schedules, reaps jobs whose worker died on their last attempt, claims and runs
    /// jobs, and waits `poll_interval` when there is none. A job running when shutdown
    /// comes is finished and recorded before this returns.
    pub async fn run(self, mut shutdown: watch::Receiver<bool>) {
        tracing::info!(worker = %self.worker, kinds = ?self.handlers.keys().collect::<Vec<_>>(), "job runner started");
        let mut last_upkeep: Option<tokio::time::Instant> = None;
        let mut last_optimize = tokio::time::Instant::now();
        loop {
            if *shutdown.borrow() {
                break;
            }
            if last_upkeep.is_none_or(|t| t.elapsed() >= self.poll) {
                self.upkeep().await;
                last_upkeep = Some(tokio::time::Instant::now());
            }
            if last_optimize.elapsed() >= OPTIMIZE_EVERY {
                if let Err(e) = self.store.optimize().await {
                    tracing::warn!(worker = %self.worker, error = %e, "cannot refresh the planner statistics");
                }
                last_optimize = tokio::time::Instant::now();
            }
            match self.run_once().await {
                Ok(Some(_)) => continue,
                Ok(None) => {}
                Err(e) => tracing::warn!(worker = %self.worker, error = %e, "cannot claim a job"),
            }
            tokio::select! {
                () = tokio::time::sleep(self.poll) => {}
                changed = shutdown.changed() => if changed.is_err() { break },
            }
        }
        tracing::info!(worker = %self.worker, "job runner stopped");
    }

    async fn upkeep(&self) {
        let now = (self.clock)();
        match self.store.enqueue_due_schedules(now).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(worker = %self.worker, jobs = n, "scheduled jobs enqueued"),
            Err(e) => {
                tracing::warn!(worker = %self.worker, error = %e, "cannot enqueue scheduled jobs")
            }
        }
        match self.store.reap_expired_jobs(now).await {
            Ok(0) => {}
            Ok(n) => {
                tracing::warn!(worker = %self.worker, jobs = n, "jobs dead: their worker stopped on the last attempt")
            }
            Err(e) => tracing::warn!(worker = %self.worker, error = %e, "cannot reap expired jobs"),
        }
    }

    /// Claims one due job and runs it to its end; `None` when no job of this runner's
    /// kinds is due.
    pub async fn run_once(&self) -> Result<Option<(i64, RunOutcome)>, StoreError> {
        let kinds: Vec<&str> = self.handlers.keys().copied().collect();
        let Some(job) = self
            .store
            .claim(&self.worker, &kinds, (self.clock)(), self.lease)
            .await?
        else {
            return Ok(None);
        };
        RunnerStats::add(&self.stats.claimed);
        let id = job.id;
        let outcome = self.run_job(job).await?;
        let counter = match outcome {
            RunOutcome::Done => &self.stats.done,
            RunOutcome::Retry => &self.stats.failed,
            RunOutcome::Dead => &self.stats.dead,
            RunOutcome::Lost => &self.stats.lost,
        };
        RunnerStats::add(counter);
        Ok(Some((id, outcome)))
    }

    async fn run_job(&self, job: JobRow) -> Result<RunOutcome, StoreError> {
        let Some(handler) = self.handlers.get(job.kind.as_str()).cloned() else {
            // Claims ask only for our kinds; this is a store that disagrees.
            return self.failed(&job, "no handler for this kind of job").await;
        };
        tracing::info!(worker = %self.worker, job = job.id, kind = %job.kind, attempt = job.attempts, "job started");
        let store = self.store.clone();
        let owned = job.clone();
        // Its own task: a panicking handler fails its job instead of the runner.
        let mut task = tokio::spawn(async move { handler.run(&store, &owned).await });
        let every = (self.lease / 3_i32).max(time::Duration::seconds(1));
        let every =
            std::time::Duration::try_from(every).unwrap_or(std::time::Duration::from_secs(1));
        let result = loop {
            tokio::select! {
                r = &mut task => break r,
                () = tokio::time::sleep(every) => {
                    match self.store.heartbeat(job.id, &self.worker, (self.clock)(), self.lease).await {
                        Ok(true) => {}
                        Ok(false) => {
                            task.abort();
                            tracing::warn!(worker = %self.worker, job = job.id, "job dropped: its lease went to another worker");
                            return Ok(RunOutcome::Lost);
                        }
                        // The lease may still hold; the next beat tries again.
                        Err(e) => tracing::warn!(worker = %self.worker, job = job.id, error = %e, "cannot renew the job's lease"),
                    }
                }
            }
        };
        match result {
            Ok(Ok(())) => {
                if self
                    .store
                    .complete(job.id, &self.worker, (self.clock)())
                    .await?
                {
                    tracing::info!(worker = %self.worker, job = job.id, kind = %job.kind, "job done");
                    Ok(RunOutcome::Done)
                } else {
                    tracing::warn!(worker = %self.worker, job = job.id, "job finished after its lease went to another worker");
                    Ok(RunOutcome::Lost)
                }
            }
            Ok(Err(e)) => self.failed(&job, &e).await,
            Err(e) => {
                let why = if e.is_panic() {
                    let p = e.into_panic();
                    let msg = p
                        .downcast_ref::<&str>()
                        .map(|s| (*s).to_owned())
                        .or_else(|| p.downcast_ref::<String>().cloned())
                        .unwrap_or_default();
                    format!("the handler panicked: {msg}")
                } else {
                    "the handler was cancelled".to_owned()
                };
                self.failed(&job, &why).await
            }
        }
    }

    async fn failed(&self, job: &JobRow, error: &str) -> Result<RunOutcome, StoreError> {
        match self
            .store
            .fail(job.id, &self.worker, error, (self.clock)())
            .await?
        {
            None => Ok(RunOutcome::Lost),
            Some(j) if j.status == JobStatus::Dead => {
                tracing::error!(worker = %self.worker, job = job.id, kind = %job.kind, attempts = j.attempts, error, "job dead");
                Ok(RunOutcome::Dead)
            }
            Some(j) => {
                tracing::warn!(worker = %self.worker, job = job.id, kind = %job.kind, attempt = j.attempts, retry_at = %j.run_at, error, "job failed");
                Ok(RunOutcome::Retry)
            }
        }
    }
}

/// The handlers the server ships: [`Reevaluate`] and [`FeedSync`].
pub fn default_handlers() -> Vec<Arc<dyn JobHandler>> {
    vec![Arc::new(Reevaluate), Arc::new(FeedSync)]
}

/// Every handler a server with these settings runs: [`default_handlers`] and the notice jobs
/// (delivery, end-of-support scan, reminders; see [`crate::notify::handlers`]).
pub fn handlers(config: &crate::ServerConfig) -> Vec<Arc<dyn JobHandler>> {
    let mut all = default_handlers();
    all.extend(crate::notify::handlers(config));
    all
}

/// `reevaluate`: matches stored releases again. Payload `{"release_id": N}` for one
/// release, `{"all": true}` for every release with an SBOM.
#[derive(Clone, Copy, Debug, Default)]
pub struct Reevaluate;

impl JobHandler for Reevaluate {
    fn kind(&self) -> &'static str {
        REEVALUATE
    }

    fn run<'a>(&'a self, store: &'a Store, job: &'a JobRow) -> BoxFuture<'a, Result<(), String>> {
        Box::pin(async move {
            let now = OffsetDateTime::now_utc();
            let p = &job.payload;
            let report = if p.get("all").and_then(Value::as_bool) == Some(true) {
                store.reevaluate_all(now, "job").await
            } else if let Some(id) = p.get("release_id").and_then(Value::as_i64) {
                store.reevaluate_release(id, now, "job").await
            } else {
                return Err(format!(
                    "reevaluate payload {p} names no release: give {{\"release_id\": N}} or {{\"all\": true}}"
                ));
            };
            let report = report.map_err(|e| e.to_string())?;
            tracing::info!(job = job.id, report = ?report, "releases re-evaluated");
            Ok(())
        })
    }
}

/// `feed_sync`: downloads feeds into the store and re-matches what changed, as
/// `mamori db sync` does. Payload `{"config": "path/to/sync.toml", "feeds": ["kev", …]}`
/// (`feeds` optional: the ones the configuration enables). The job fails, to be retried,
/// when a feed failed; the feeds' watermarks keep what was stored, so a retry resumes.
#[derive(Clone, Copy, Debug, Default)]
pub struct FeedSync;

impl JobHandler for FeedSync {
    fn kind(&self) -> &'static str {
        FEED_SYNC
    }

    fn run<'a>(&'a self, store: &'a Store, job: &'a JobRow) -> BoxFuture<'a, Result<(), String>> {
        Box::pin(feed_sync(store, &job.payload))
    }
}

/// Reads the sync configuration: relative OpenPGP key paths are taken from its folder,
/// and `NVD_API_KEY` (never logged) supplies the NVD key.
fn load_config(path: &Path) -> Result<SyncConfig, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the sync configuration {}: {e}", path.display()))?;
    let mut config =
        SyncConfig::from_toml_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let base = path.parent().unwrap_or(Path::new(""));
    for p in &mut config.csaf.providers {
        if let Some(key) = &mut p.openpgp_key
            && key.is_relative()
        {
            *key = base.join(&*key);
        }
    }
    if let Some(key) = std::env::var("NVD_API_KEY")
        .ok()
        .filter(|k| !k.trim().is_empty())
    {
        config.nvd.api_key = Some(ApiKey::new(key.trim()));
    }
    Ok(config)
}

fn feeds(syncer: &Syncer, payload: &Value) -> Result<Vec<FeedSource>, String> {
    match payload.get("feeds") {
        None | Some(Value::Null) => Ok(syncer.enabled_sources()),
        Some(Value::Array(names)) => {
            let mut out = Vec::new();
            for n in names {
                let source = n
                    .as_str()
                    .and_then(|n| FeedSource::ALL.into_iter().find(|s| s.as_str() == n))
                    .ok_or_else(|| format!("unknown feed {n} in the feed_sync payload"))?;
                if !out.contains(&source) {
                    out.push(source);
                }
            }
            Ok(out)
        }
        Some(other) => Err(format!(
            "feed_sync \"feeds\" must be a list of names, not {other}"
        )),
    }
}

async fn feed_sync(store: &Store, payload: &Value) -> Result<(), String> {
    let path = payload
        .get("config")
        .and_then(Value::as_str)
        .ok_or("feed_sync payload needs \"config\": the path of the sync configuration")?;
    let syncer = Syncer::new(load_config(Path::new(path))?).map_err(|e| format!("{path}: {e}"))?;
    let sources = feeds(&syncer, payload)?;
    let now = OffsetDateTime::now_utc();
    let mut sink = StoreSink {
        store,
        now,
        tally: Tally::default(),
    };
    let mut changes = ImportReport::default();
    let mut problems = Vec::new();
    for source in sources {
        if let Err(e) = sync_one(store, &syncer, source, &mut sink).await {
            problems.push(format!("{source}: {e}"));
        }
        changes.merge(std::mem::take(&mut sink.tally.report));
    }
    // What was stored is matched, even when a feed failed after storing some files.
    let monitor = store
        .reevaluate_changed(&changes.changed, now, "feed.sync")
        .await
        .map_err(|e| format!("re-evaluating after the sync: {e}"))?;
    tracing::info!(report = ?monitor, "releases re-evaluated after the feed sync");
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

/// Syncs one feed: its saved watermarks in, the new ones saved (also after a failure),
/// and the run logged for the feed status page.
async fn sync_one(
    store: &Store,
    syncer: &Syncer,
    source: FeedSource,
    sink: &mut StoreSink<'_>,
) -> Result<(), String> {
    let name = source.as_str();
    let started = OffsetDateTime::now_utc();
    let mut state = match store.sync_state(name).await.map_err(|e| e.to_string())? {
        None => SyncState::default(),
        Some(text) => serde_json::from_str(&text).unwrap_or_else(|e| {
            tracing::warn!(feed = name, error = %e, "the saved sync state does not read; starting afresh");
            SyncState::default()
        }),
    };
    let before = state.clone();
    sink.tally = Tally::default();
    let result = syncer.sync(source, &mut state, sink).await;
    let mut error = None;
    if state != before {
        let saved = match serde_json::to_string(&state) {
            Ok(text) => store
                .save_sync_state(name, &text, OffsetDateTime::now_utc())
                .await
                .map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        if let Err(e) = saved {
            error = Some(format!("saving the sync state: {e}"));
        }
    }
    let report = match result {
        Ok(r) => Some(r),
        Err(e) => {
            error.get_or_insert_with(|| e.to_string());
            None
        }
    };
    let mut refused = sink.tally.files_bad;
    if let Some(r) = &report {
        for f in &r.refused {
            tracing::warn!(feed = name, url = %f.url, reason = %f.reason, "document refused");
        }
        refused += r.refused.len() as u64;
    }
    let outcome = if error.is_some() {
        SyncOutcome::Failed
    } else if refused > 0 || sink.tally.report.total().rejected > 0 {
        SyncOutcome::Problems
    } else {
        SyncOutcome::Ok
    };
    let run = SyncRun {
        source: name.to_owned(),
        started,
        finished: OffsetDateTime::now_utc(),
        outcome,
        files: sink.tally.files_ok,
        not_modified: report.as_ref().map_or(0, |r| r.not_modified as u64),
        refused,
        counts: sink.tally.report.counts.clone(),
        error: error.clone(),
    };
    if let Err(e) = store.record_sync_run(&run).await {
        tracing::warn!(feed = name, error = %e, "the sync run was not logged");
    }
    tracing::info!(
        feed = name,
        outcome = outcome.as_str(),
        files = run.files,
        refused,
        "feed synced"
    );
    error.map_or(Ok(()), Err)
}

/// Counts of one feed's sync.
#[derive(Default)]
struct Tally {
    files_ok: u64,
    files_bad: u64,
    report: ImportReport,
}

/// Imports each downloaded file into the store, one transaction per file.
struct StoreSink<'a> {
    store: &'a Store,
    now: OffsetDateTime,
    tally: Tally,
}

fn source_kind(source: FeedSource) -> SourceKind {
    match source {
        FeedSource::Nvd => SourceKind::Nvd,
        FeedSource::Osv => SourceKind::Osv,
        FeedSource::Kev => SourceKind::Kev,
        FeedSource::Epss => SourceKind::Epss,
        FeedSource::Jvn => SourceKind::Jvn,
        FeedSource::Csaf => SourceKind::Csaf,
    }
}

impl FeedSink for StoreSink<'_> {
    /// A file that does not read is logged and skipped; a database failure stops the
    /// sync, so the feed's watermarks stay before the file.
    async fn accept(
        &mut self,
        source: FeedSource,
        name: &str,
        bytes: Vec<u8>,
    ) -> Result<(), SinkError> {
        let file_name = name.to_owned();
        // Parsing a large feed file is CPU work; keep it off the async workers.
        let read = tokio::task::spawn_blocking(move || {
            FeedFile::read(&file_name, &bytes, Some(source_kind(source)))
        })
        .await?;
        match read {
            Err(e) => {
                self.tally.files_bad += 1;
                tracing::warn!(feed = %source, file = name, error = %e, "feed file refused");
            }
            Ok(file) => {
                let r = self.store.import_feed(file, self.now).await?;
                self.tally.files_ok += 1;
                self.tally.report.merge(r);
            }
        }
        Ok(())
    }
}
