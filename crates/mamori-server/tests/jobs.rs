//! The job runner on SQLite and PostgreSQL: two runners (two processes' store handles on
//! one database) share the work with every job done once, failing handlers are retried
//! until dead, shutdown lets the running job finish, a runner that lost its lease drops
//! the job, and the shipped `reevaluate` handler re-matches a real release.

use crate::common;

use mamori_model::{Lifecycle, ProductName, ReleaseVersion};
use mamori_server::jobs::{
    BoxFuture, JobHandler, REEVALUATE, Reevaluate, RunOutcome, Runner, default_handlers,
};
use mamori_store::{FindingFilter, Incoming, JobRow, JobStatus, NewJob, Store};
use serde_json::json;
use std::sync::atomic::{AtomicI64, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use time::OffsetDateTime;
use time::macros::datetime;
use tokio::sync::watch;

const T0: OffsetDateTime = datetime!(2026-11-01 09:00 UTC);
const POLL: Duration = Duration::from_millis(20);
// Only a guard against a hanging test; no result depends on it.
const GUARD: Duration = Duration::from_secs(120);

/// Two handles on one database, as two server processes have.
struct Pair {
    name: &'static str,
    a: Store,
    b: Store,
    _dir: Option<tempfile::TempDir>,
}

/// Two store handles ("two processes") on one fresh database of each backend.
async fn pairs(tag: &str) -> Vec<Pair> {
    let mut out = Vec::new();
    for (name, url, dir) in common::database_urls(&format!("runner {tag}")).await {
        out.push(Pair {
            name,
            a: Store::open(&url).await.unwrap(),
            b: Store::open(&url).await.unwrap(),
            _dir: dir,
        });
    }
    out
}

/// Records each job it runs; stops the runners once it has run `target` jobs.
struct Record {
    seen: Mutex<Vec<i64>>,
    target: usize,
    stop: watch::Sender<bool>,
}

impl JobHandler for Record {
    fn kind(&self) -> &'static str {
        "test"
    }

    fn run<'a>(&'a self, _: &'a Store, job: &'a JobRow) -> BoxFuture<'a, Result<(), String>> {
        Box::pin(async move {
            tokio::task::yield_now().await;
            let n = {
                let mut seen = self.seen.lock().unwrap();
                seen.push(job.id);
                seen.len()
            };
            if n == self.target {
                self.stop.send_replace(true);
            }
            Ok(())
        })
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_runners_on_one_database_do_every_job_once() {
    const JOBS: usize = 100;
    for p in pairs("share").await {
        let mut ids = Vec::new();
        for i in 0..JOBS {
            ids.push(
                p.a.enqueue(NewJob::new("test", json!({"i": i}), T0))
                    .await
                    .unwrap()
                    .id,
            );
        }
        let (stop, stopped) = watch::channel(false);
        let record = Arc::new(Record {
            seen: Mutex::default(),
            target: JOBS,
            stop,
        });
        let one = Runner::new(p.a.clone(), "one", vec![record.clone()], POLL);
        let two = Runner::new(p.b.clone(), "two", vec![record.clone()], POLL);
        let (s1, s2) = (one.stats(), two.stats());
        let both = async { tokio::join!(one.run(stopped.clone()), two.run(stopped.clone())) };
        tokio::time::timeout(GUARD, both)
            .await
            .expect("runners stop");
        let mut seen = record.seen.lock().unwrap().clone();
        seen.sort_unstable();
        assert_eq!(seen, ids, "{}: every job ran once", p.name);
        let counts = p.b.job_counts().await.unwrap();
        assert!(
            counts.contains(&(JobStatus::Done, JOBS as i64)),
            "{}: {counts:?}",
            p.name
        );
        assert_eq!(s1.claimed() + s2.claimed(), JOBS as u64, "{}", p.name);
        assert_eq!(s1.done() + s2.done(), JOBS as u64, "{}", p.name);
        assert_eq!(
            s1.failed() + s2.failed() + s1.lost() + s2.lost(),
            0,
            "{}",
            p.name
        );
    }
}

/// Fails every run; the `stop_after`-th run stops the runner. Panics instead when `panic`.
struct Fails {
    calls: AtomicU32,
    stop_after: u32,
    panic: bool,
    stop: watch::Sender<bool>,
}

impl JobHandler for Fails {
    fn kind(&self) -> &'static str {
        if self.panic { "panics" } else { "fails" }
    }

    fn run<'a>(&'a self, _: &'a Store, _: &'a JobRow) -> BoxFuture<'a, Result<(), String>> {
        Box::pin(async move {
            let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
            if n == self.stop_after {
                self.stop.send_replace(true);
            }
            if self.panic {
                panic!("handler bug {n}");
            }
            Err(format!("boom {n}"))
        })
    }
}

/// A clock an hour further on at each reading, so every backoff has passed at the next claim.
fn hourly_clock() -> impl Fn() -> OffsetDateTime + Send + Sync + 'static {
    let tick = AtomicI64::new(0);
    move || T0 + time::Duration::hours(tick.fetch_add(1, Ordering::SeqCst))
}

#[tokio::test]
async fn a_failing_handler_is_retried_until_its_job_is_dead() {
    for p in pairs("fail").await {
        // (kind, attempts, expected last error)
        let cases = [
            ("fails", 3, "boom 3"),
            ("panics", 1, "the handler panicked: handler bug 1"),
        ];
        for (kind, attempts, error) in cases {
            let job =
                p.a.enqueue(NewJob::new(kind, json!({}), T0).max_attempts(attempts))
                    .await
                    .unwrap();
            let (stop, stopped) = watch::channel(false);
            let handler = Arc::new(Fails {
                calls: AtomicU32::new(0),
                stop_after: attempts,
                panic: kind == "panics",
                stop,
            });
            let runner = Runner::new(p.a.clone(), "w", vec![handler.clone()], POLL)
                .with_clock(hourly_clock());
            let stats = runner.stats();
            tokio::time::timeout(GUARD, runner.run(stopped))
                .await
                .expect("runner stops");
            let dead = p.a.job(job.id).await.unwrap();
            assert_eq!(
                (dead.status, dead.attempts, dead.last_error.as_deref()),
                (JobStatus::Dead, attempts, Some(error)),
                "{}: {kind}",
                p.name
            );
            assert_eq!(handler.calls.load(Ordering::SeqCst), attempts, "{}", p.name);
            assert_eq!(
                (stats.claimed(), stats.failed(), stats.dead(), stats.done()),
                (u64::from(attempts), u64::from(attempts - 1), 1, 0),
                "{}: {kind}",
                p.name
            );
        }
    }
}

/// Signals shutdown as soon as it starts, then takes a while and notes that it finished.
struct Slow {
    stop: watch::Sender<bool>,
    finished: AtomicU32,
}

impl JobHandler for Slow {
    fn kind(&self) -> &'static str {
        "slow"
    }

    fn run<'a>(&'a self, _: &'a Store, _: &'a JobRow) -> BoxFuture<'a, Result<(), String>> {
        Box::pin(async move {
            self.stop.send_replace(true);
            tokio::time::sleep(Duration::from_millis(100)).await;
            self.finished.fetch_add(1, Ordering::SeqCst);
            Ok(())
        })
    }
}

#[tokio::test]
async fn shutdown_lets_the_running_job_finish_and_claims_no_more() {
    for p in pairs("shutdown").await {
        let first =
            p.a.enqueue(NewJob::new("slow", json!({}), T0))
                .await
                .unwrap();
        let second =
            p.a.enqueue(NewJob::new("slow", json!({}), T0))
                .await
                .unwrap();
        let (stop, stopped) = watch::channel(false);
        let slow = Arc::new(Slow {
            stop,
            finished: AtomicU32::new(0),
        });
        let runner = Runner::new(p.a.clone(), "w", vec![slow.clone()], POLL);
        let stats = runner.stats();
        tokio::time::timeout(GUARD, runner.run(stopped))
            .await
            .expect("runner stops");
        assert_eq!(slow.finished.load(Ordering::SeqCst), 1, "{}", p.name);
        assert_eq!(
            p.a.job(first.id).await.unwrap().status,
            JobStatus::Done,
            "{}",
            p.name
        );
        assert_eq!(
            p.a.job(second.id).await.unwrap().status,
            JobStatus::Queued,
            "{}",
            p.name
        );
        assert_eq!((stats.claimed(), stats.done()), (1, 1), "{}", p.name);
    }
}

/// Lets another worker take its own job over (as after a lease that ran out), then
/// waits for ever: the runner's next heartbeat finds the lease gone and drops it.
struct Stolen {
    stop: watch::Sender<bool>,
}

impl JobHandler for Stolen {
    fn kind(&self) -> &'static str {
        "stolen"
    }

    fn run<'a>(&'a self, store: &'a Store, job: &'a JobRow) -> BoxFuture<'a, Result<(), String>> {
        Box::pin(async move {
            self.stop.send_replace(true);
            let later = job.locked_until.unwrap() + time::Duration::seconds(1);
            let thief = store
                .claim("thief", &["stolen"], later, time::Duration::hours(1))
                .await
                .unwrap();
            assert_eq!(thief.map(|j| j.id), Some(job.id));
            std::future::pending::<()>().await;
            Ok(())
        })
    }
}

#[tokio::test]
async fn a_runner_that_lost_its_lease_drops_the_job() {
    for p in pairs("lost").await {
        let job =
            p.a.enqueue(NewJob::new("stolen", json!({}), T0))
                .await
                .unwrap();
        let (stop, stopped) = watch::channel(false);
        let runner = Runner::new(p.a.clone(), "w", vec![Arc::new(Stolen { stop })], POLL)
            .with_lease(Duration::from_secs(3))
            .with_clock(move || T0);
        let stats = runner.stats();
        tokio::time::timeout(GUARD, runner.run(stopped))
            .await
            .expect("runner stops");
        let j = p.a.job(job.id).await.unwrap();
        assert_eq!(
            (j.status, j.locked_by.as_deref()),
            (JobStatus::Running, Some("thief")),
            "{}",
            p.name
        );
        assert_eq!(
            (stats.lost(), stats.done(), stats.failed()),
            (1, 0, 0),
            "{}",
            p.name
        );
    }
}

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../mamori/tests/fixtures/monitor/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[tokio::test]
async fn the_reevaluate_handler_rematches_a_real_release() {
    for p in pairs("reevaluate").await {
        let s = &p.a;
        let product = s
            .add_product(&ProductName::new("Ward Gateway").unwrap(), None, T0)
            .await
            .unwrap();
        let release = s
            .add_release(
                &product,
                &ReleaseVersion::new("1.0").unwrap(),
                &Lifecycle::default(),
                T0,
            )
            .await
            .unwrap();
        let bytes = fixture("fw-1.0.cdx.json");
        let read = mamori_sbom::read(&bytes).unwrap();
        assert!(read.errors.is_empty(), "{:?}", read.errors);
        s.import_sbom(
            &release,
            Incoming {
                bytes: &bytes,
                filename: Some("fw-1.0.cdx.json"),
                sbom: &read.sbom,
                supplier: None,
            },
            "bob",
            T0,
        )
        .await
        .unwrap();
        // The advisory arrives after the SBOM; importing it alone matches nothing yet.
        let advisory = "GHSA-mmmm-0001-aaaa.json";
        s.import_feed_file(advisory, &fixture(advisory), None, T0)
            .await
            .unwrap();
        let findings = || async {
            s.findings(&FindingFilter::default())
                .await
                .unwrap()
                .iter()
                .map(|f| {
                    (
                        f.release.clone(),
                        f.detail.to_string().contains("GHSA-mmmm-0001-aaaa"),
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(findings().await, [], "{}", p.name);

        let jobs = [
            (json!({"release_id": release.id}), JobStatus::Done),
            (json!({"all": true}), JobStatus::Done),
            (json!({"release": "1.0"}), JobStatus::Dead),
        ];
        let mut ids = Vec::new();
        for (payload, _) in &jobs {
            let job = NewJob::new(REEVALUATE, payload.clone(), T0).max_attempts(1);
            ids.push(s.enqueue(job).await.unwrap().id);
        }
        let runner = Runner::new(s.clone(), "w", default_handlers(), POLL);
        let mut outcomes = Vec::new();
        while let Some((id, outcome)) = runner.run_once().await.unwrap() {
            outcomes.push((id, outcome));
        }
        let expected: Vec<(i64, RunOutcome)> = ids
            .iter()
            .zip([RunOutcome::Done, RunOutcome::Done, RunOutcome::Dead])
            .map(|(id, o)| (*id, o))
            .collect();
        assert_eq!(outcomes, expected, "{}", p.name);
        for (id, (_, status)) in ids.iter().zip(&jobs) {
            assert_eq!(s.job(*id).await.unwrap().status, *status, "{}", p.name);
        }
        let dead = s.job(ids[2]).await.unwrap();
        assert!(
            dead.last_error.unwrap().contains("names no release"),
            "{}",
            p.name
        );
        assert_eq!(findings().await, [("1.0".to_owned(), true)], "{}", p.name);
        assert_eq!(Reevaluate.kind(), REEVALUATE);
    }
}

/// Serves the CLI's KEV fixture at `/kev.json` (with an ETag) and an HTTP 500 at `/broken.json`.
async fn feed_server() -> String {
    use axum::http::StatusCode;
    use axum::routing::get;
    let kev = std::fs::read(format!(
        "{}/../mamori/tests/fixtures/sync/kev.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let app = axum::Router::new()
        .route(
            "/kev.json",
            get(move || async move { ([("etag", "\"kev-1\"")], kev.clone()) }),
        )
        .route(
            "/broken.json",
            get(|| async { (StatusCode::INTERNAL_SERVER_ERROR, "down") }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    base
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_feed_sync_handler_stores_a_feed_and_logs_its_run() {
    let base = feed_server().await;
    let dir = tempfile::tempdir().unwrap();
    let config = |name: &str, path: &str| {
        let file = dir.path().join(name);
        std::fs::write(
            &file,
            format!("max_retries = 0\n[kev]\nurl = \"{base}{path}\"\n"),
        )
        .unwrap();
        file.display().to_string()
    };
    let good = config("good.toml", "/kev.json");
    let broken = config("broken.toml", "/broken.json");
    for p in pairs("feeds").await {
        let s = &p.a;
        // (payload, outcome, what the last error says)
        let cases = [
            (
                json!({"config": good, "feeds": ["kev"]}),
                RunOutcome::Done,
                "",
            ),
            (
                json!({"config": broken, "feeds": ["kev"]}),
                RunOutcome::Dead,
                "kev: ",
            ),
            (
                json!({"feeds": ["kev"]}),
                RunOutcome::Dead,
                "needs \"config\"",
            ),
            (
                json!({"config": good, "feeds": ["kev", "gopher"]}),
                RunOutcome::Dead,
                "unknown feed \"gopher\"",
            ),
            (
                json!({"config": "/nonexistent/sync.toml"}),
                RunOutcome::Dead,
                "cannot read the sync configuration",
            ),
        ];
        let runner = Runner::new(s.clone(), "w", default_handlers(), POLL);
        for (payload, outcome, error) in cases {
            let job =
                NewJob::new(mamori_server::jobs::FEED_SYNC, payload.clone(), T0).max_attempts(1);
            let id = s.enqueue(job).await.unwrap().id;
            assert_eq!(
                runner.run_once().await.unwrap(),
                Some((id, outcome)),
                "{}: {payload}",
                p.name
            );
            let last = s.job(id).await.unwrap().last_error.unwrap_or_default();
            assert!(last.contains(error), "{}: {payload}: {last}", p.name);
            if outcome == RunOutcome::Done {
                assert!(
                    s.kev_entry("CVE-2024-99001").await.unwrap().is_some(),
                    "{}",
                    p.name
                );
                let state = s.sync_state("kev").await.unwrap().unwrap_or_default();
                assert!(
                    state.contains("kev-1"),
                    "{}: the etag is kept: {state}",
                    p.name
                );
            }
        }
        let runs: Vec<(String, u64)> = s
            .sync_runs(Some("kev"), 10)
            .await
            .unwrap()
            .into_iter()
            .map(|r| (r.run.outcome.as_str().to_owned(), r.run.files))
            .collect();
        assert_eq!(
            runs,
            [("failed".to_owned(), 0), ("ok".to_owned(), 1)],
            "{}: newest first",
            p.name
        );
    }
}
