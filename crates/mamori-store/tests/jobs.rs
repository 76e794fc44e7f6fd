//! The job queue on SQLite and PostgreSQL: claim order, no job claimed twice by concurrent
//! workers, leases that run out, backoff and dead jobs, stale workers refused, dedupe keys,
//! and schedules that enqueue once when two processes race.

use crate::common;

use mamori_store::{
    JobFilter, JobRow, JobStatus, NewJob, NewSchedule, Store, StoreError, job_backoff,
};
use serde_json::json;
use std::collections::BTreeMap;
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

const T0: OffsetDateTime = datetime!(2026-11-01 09:00 UTC);
const HOUR: Duration = Duration::hours(1);

fn secs(n: i64) -> OffsetDateTime {
    T0 + Duration::seconds(n)
}

async fn add(s: &Store, kind: &str, run_at: OffsetDateTime) -> JobRow {
    s.enqueue(NewJob::new(kind, json!({"n": 1}), run_at))
        .await
        .unwrap()
}

async fn claim(s: &Store, worker: &str, at: OffsetDateTime) -> Option<JobRow> {
    s.claim(worker, &["test"], at, Duration::seconds(60))
        .await
        .unwrap()
}

fn counts(c: Vec<(JobStatus, i64)>) -> BTreeMap<&'static str, i64> {
    c.into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| (s.as_str(), n))
        .collect()
}

#[tokio::test]
async fn claims_in_run_at_order_and_only_due_jobs_of_the_kinds_asked() {
    for t in common::stores().await {
        let s = &t.store;
        let c = add(s, "test", secs(20)).await;
        let a = add(s, "test", secs(0)).await;
        let b = add(s, "test", secs(10)).await;
        let later = add(s, "test", secs(100)).await;
        let other = add(s, "other", secs(0)).await;
        let mut order = Vec::new();
        while let Some(j) = claim(s, "w", secs(50)).await {
            assert_eq!(
                (j.status, j.attempts),
                (JobStatus::Running, 1),
                "{}",
                t.name
            );
            assert_eq!(j.locked_by.as_deref(), Some("w"), "{}", t.name);
            assert_eq!(j.locked_until, Some(secs(110)), "{}", t.name);
            order.push(j.id);
        }
        assert_eq!(order, [a.id, b.id, c.id], "{}", t.name);
        assert_eq!(
            claim(s, "w", secs(100)).await.map(|j| j.id),
            Some(later.id),
            "{}",
            t.name
        );
        assert!(
            s.claim("w", &[], secs(100), HOUR).await.unwrap().is_none(),
            "{}: no kinds, no job",
            t.name
        );
        let got = s.claim("w", &["x", "other"], secs(0), HOUR).await.unwrap();
        assert_eq!(got.map(|j| j.id), Some(other.id), "{}", t.name);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_claimers_do_every_job_exactly_once() {
    const JOBS: i64 = 200;
    for t in common::stores().await {
        let s = &t.store;
        let mut ids = Vec::new();
        for i in 0..JOBS {
            let j = s
                .enqueue(NewJob::new("test", json!({"i": i}), T0))
                .await
                .unwrap();
            ids.push(j.id);
        }
        let mut tasks = Vec::new();
        for w in 0..8 {
            let s = s.clone();
            tasks.push(tokio::spawn(async move {
                let worker = format!("w{w}");
                let mut done = Vec::new();
                while let Some(j) = s.claim(&worker, &["test"], T0, HOUR).await.unwrap() {
                    assert!(s.complete(j.id, &worker, T0).await.unwrap());
                    done.push(j.id);
                }
                done
            }));
        }
        let mut done = Vec::new();
        for task in tasks {
            done.extend(task.await.unwrap());
        }
        done.sort_unstable();
        assert_eq!(done, ids, "{}: every job claimed once", t.name);
        let c = counts(s.job_counts().await.unwrap());
        assert_eq!(c, BTreeMap::from([("done", JOBS)]), "{}", t.name);
        let jobs = s
            .jobs(&JobFilter {
                limit: 1000,
                ..JobFilter::default()
            })
            .await
            .unwrap();
        assert!(
            jobs.iter()
                .all(|j| j.attempts == 1 && j.finished_at == Some(T0)),
            "{}",
            t.name
        );
    }
}

#[tokio::test]
async fn a_dead_workers_job_is_claimed_again_after_its_lease_and_the_stale_worker_is_refused() {
    for t in common::stores().await {
        let s = &t.store;
        let job = add(s, "test", T0).await;
        let a = claim(s, "a", T0).await.unwrap();
        assert_eq!(a.id, job.id);
        assert!(
            claim(s, "b", secs(59)).await.is_none(),
            "{}: lease held",
            t.name
        );
        // A heartbeat moves the lease on.
        assert!(
            s.heartbeat(job.id, "a", secs(50), Duration::seconds(60))
                .await
                .unwrap()
        );
        assert!(
            claim(s, "b", secs(100)).await.is_none(),
            "{}: lease extended",
            t.name
        );
        let b = claim(s, "b", secs(110)).await.unwrap();
        assert_eq!((b.id, b.attempts), (job.id, 2), "{}", t.name);
        assert_eq!(b.locked_by.as_deref(), Some("b"), "{}", t.name);
        // The first worker comes back late: every write of it is refused.
        assert!(
            !s.heartbeat(job.id, "a", secs(111), HOUR).await.unwrap(),
            "{}",
            t.name
        );
        assert!(
            !s.complete(job.id, "a", secs(111)).await.unwrap(),
            "{}",
            t.name
        );
        assert!(
            s.fail(job.id, "a", "late", secs(111))
                .await
                .unwrap()
                .is_none(),
            "{}",
            t.name
        );
        assert_eq!(
            s.job(job.id).await.unwrap().status,
            JobStatus::Running,
            "{}",
            t.name
        );
        assert!(
            s.complete(job.id, "b", secs(112)).await.unwrap(),
            "{}",
            t.name
        );
        let done = s.job(job.id).await.unwrap();
        assert_eq!(done.status, JobStatus::Done, "{}", t.name);
        assert_eq!(done.finished_at, Some(secs(112)), "{}", t.name);
        assert!(
            !s.complete(job.id, "b", secs(113)).await.unwrap(),
            "{}",
            t.name
        );
    }
}

#[tokio::test]
async fn a_job_whose_worker_dies_on_its_last_attempt_is_reaped_dead() {
    for t in common::stores().await {
        let s = &t.store;
        let job = s
            .enqueue(NewJob::new("test", json!({}), T0).max_attempts(1))
            .await
            .unwrap();
        claim(s, "a", T0).await.unwrap();
        assert!(claim(s, "b", secs(3600)).await.is_none(), "{}", t.name);
        assert_eq!(
            s.reap_expired_jobs(secs(30)).await.unwrap(),
            0,
            "{}",
            t.name
        );
        assert_eq!(
            s.reap_expired_jobs(secs(60)).await.unwrap(),
            1,
            "{}",
            t.name
        );
        let dead = s.job(job.id).await.unwrap();
        assert_eq!(dead.status, JobStatus::Dead, "{}", t.name);
        assert!(
            dead.last_error.unwrap().contains("lease expired"),
            "{}",
            t.name
        );
    }
}

#[test]
fn backoff_doubles_from_30_seconds_up_to_an_hour() {
    let table: [(u32, i64); 9] = [
        (0, 30),
        (1, 30),
        (2, 60),
        (3, 120),
        (4, 240),
        (7, 1920),
        (8, 3600),
        (9, 3600),
        (u32::MAX, 3600),
    ];
    for (attempts, seconds) in table {
        assert_eq!(
            job_backoff(attempts),
            Duration::seconds(seconds),
            "{attempts}"
        );
    }
}

#[tokio::test]
async fn failed_runs_are_retried_after_their_backoff_then_the_job_is_dead_until_retried() {
    for t in common::stores().await {
        let s = &t.store;
        let job = s
            .enqueue(NewJob::new("test", json!({}), T0).max_attempts(3))
            .await
            .unwrap();
        // (claimed at, expected status after the failure, expected next run)
        let steps = [
            (0, JobStatus::Failed, Some(30)),
            (30, JobStatus::Failed, Some(90)),
            (90, JobStatus::Dead, None),
        ];
        for (n, (at, status, next)) in steps.into_iter().enumerate() {
            if at > 0 {
                assert!(
                    claim(s, "w", secs(at - 1)).await.is_none(),
                    "{}: too early",
                    t.name
                );
            }
            let j = claim(s, "w", secs(at)).await.expect("due");
            assert_eq!(j.attempts, n as u32 + 1, "{}", t.name);
            let after = s
                .fail(j.id, "w", &format!("boom {n}"), secs(at))
                .await
                .unwrap()
                .unwrap();
            assert_eq!(after.status, status, "{}: step {n}", t.name);
            assert_eq!(after.last_error, Some(format!("boom {n}")), "{}", t.name);
            if let Some(next) = next {
                assert_eq!(after.run_at, secs(next), "{}: step {n}", t.name);
                assert_eq!(after.finished_at, None, "{}", t.name);
            } else {
                assert_eq!(after.finished_at, Some(secs(at)), "{}", t.name);
            }
        }
        assert!(claim(s, "w", secs(100_000)).await.is_none(), "{}", t.name);
        assert_eq!(
            counts(s.job_counts().await.unwrap()),
            BTreeMap::from([("dead", 1)]),
            "{}",
            t.name
        );
        // An administrator re-queues it: all attempts again, from now.
        let again = s.retry_job(job.id, secs(200)).await.unwrap();
        assert_eq!(
            (
                again.status,
                again.attempts,
                again.run_at,
                again.finished_at
            ),
            (JobStatus::Queued, 0, secs(200), None),
            "{}",
            t.name
        );
        let j = claim(s, "w", secs(200)).await.unwrap();
        assert!(matches!(
            s.retry_job(j.id, secs(200)).await,
            Err(StoreError::Invalid(_))
        ));
        assert!(s.complete(j.id, "w", secs(201)).await.unwrap());
        assert!(matches!(
            s.job(j.id + 1000).await,
            Err(StoreError::NotFound { .. })
        ));
    }
}

#[tokio::test]
async fn a_dedupe_key_holds_one_unfinished_job() {
    for t in common::stores().await {
        let s = &t.store;
        let job = |p: i64| NewJob::new("test", json!({"p": p}), T0).dedupe("feed:nvd");
        let first = s.enqueue(job(1)).await.unwrap();
        let again = s.enqueue(job(2)).await.unwrap();
        assert_eq!(again, first, "{}: the existing job comes back", t.name);
        let running = claim(s, "w", T0).await.unwrap();
        assert_eq!(running.id, first.id);
        assert_eq!(
            s.enqueue(job(3)).await.unwrap().id,
            first.id,
            "{}: running counts",
            t.name
        );
        s.fail(first.id, "w", "x", T0).await.unwrap().unwrap();
        assert_eq!(
            s.enqueue(job(4)).await.unwrap().id,
            first.id,
            "{}: waiting for a retry counts",
            t.name
        );
        let j = claim(s, "w", secs(30)).await.unwrap();
        assert!(s.complete(j.id, "w", secs(31)).await.unwrap());
        let next = s.enqueue(job(5)).await.unwrap();
        assert_ne!(
            next.id, first.id,
            "{}: a finished job frees its key",
            t.name
        );
        assert_eq!(next.payload, json!({"p": 5}), "{}", t.name);
        // Without a key nothing is merged.
        let a = add(s, "test", T0).await;
        let b = add(s, "test", T0).await;
        assert_ne!(a.id, b.id, "{}", t.name);

        // A dead job is not re-queued beside an unfinished job of the same key.
        let lone = s
            .enqueue(
                NewJob::new("lone", json!({}), T0)
                    .dedupe("one")
                    .max_attempts(1),
            )
            .await
            .unwrap();
        let j = s.claim("w", &["lone"], T0, HOUR).await.unwrap().unwrap();
        assert_eq!(j.id, lone.id);
        s.fail(j.id, "w", "x", T0).await.unwrap().unwrap();
        s.enqueue(NewJob::new("lone", json!({}), T0).dedupe("one"))
            .await
            .unwrap();
        assert!(
            matches!(
                s.retry_job(lone.id, T0).await,
                Err(StoreError::Conflict { .. })
            ),
            "{}",
            t.name
        );
        for bad in [
            NewJob::new(" ", json!({}), T0),
            NewJob::new("test", json!({}), T0).max_attempts(0),
            NewJob::new("test", json!({}), T0).dedupe(""),
        ] {
            assert!(
                matches!(s.enqueue(bad).await, Err(StoreError::Invalid(_))),
                "{}",
                t.name
            );
        }
    }
}

#[tokio::test]
async fn the_admin_list_filters_and_pages_newest_first() {
    for t in common::stores().await {
        let s = &t.store;
        let mut ids = Vec::new();
        for i in 0..5 {
            ids.push(
                add(s, if i % 2 == 0 { "test" } else { "other" }, T0)
                    .await
                    .id,
            );
        }
        let j = claim(s, "w", T0).await.unwrap();
        s.complete(j.id, "w", T0).await.unwrap();
        let list = |status: Option<JobStatus>, kind: Option<&str>, limit, before_id| {
            let filter = JobFilter {
                status,
                kind: kind.map(str::to_owned),
                limit,
                before_id,
            };
            async move {
                s.jobs(&filter)
                    .await
                    .unwrap()
                    .into_iter()
                    .map(|j| j.id)
                    .collect::<Vec<_>>()
            }
        };
        let newest_first: Vec<i64> = ids.iter().rev().copied().collect();
        assert_eq!(list(None, None, 0, None).await, newest_first, "{}", t.name);
        assert_eq!(
            list(None, None, 2, None).await,
            newest_first[..2],
            "{}",
            t.name
        );
        assert_eq!(
            list(None, None, 2, Some(ids[3])).await,
            [ids[2], ids[1]],
            "{}",
            t.name
        );
        assert_eq!(
            list(None, Some("other"), 0, None).await,
            [ids[3], ids[1]],
            "{}",
            t.name
        );
        assert_eq!(
            list(Some(JobStatus::Done), None, 0, None).await,
            [ids[0]],
            "{}",
            t.name
        );
        assert_eq!(
            list(Some(JobStatus::Queued), Some("test"), 0, None).await,
            [ids[4], ids[2]],
            "{}",
            t.name
        );
        assert_eq!(
            counts(s.job_counts().await.unwrap()),
            BTreeMap::from([("done", 1), ("queued", 4)]),
            "{}",
            t.name
        );
    }
}

/// Two handles on one database, as two server processes have.
struct Pair {
    name: &'static str,
    a: Store,
    b: Store,
    _dir: Option<tempfile::TempDir>,
}

async fn pairs() -> Vec<Pair> {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("shared.db").display());
    let mut out = vec![Pair {
        name: "sqlite",
        a: Store::open(&url).await.unwrap(),
        b: Store::open(&url).await.unwrap(),
        _dir: Some(dir),
    }];
    if let Ok(admin) = std::env::var("MAMORI_TEST_POSTGRES_URL") {
        let db = format!("mamori_jobs_{}", std::process::id());
        sqlx::any::install_default_drivers();
        let pool = sqlx::AnyPool::connect(&admin).await.unwrap();
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {db}")))
            .execute(&pool)
            .await
            .unwrap();
        pool.close().await;
        let (base, _) = admin.rsplit_once('/').unwrap();
        let url = format!("{base}/{db}");
        out.push(Pair {
            name: "postgres",
            a: Store::open(&url).await.unwrap(),
            b: Store::open(&url).await.unwrap(),
            _dir: None,
        });
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_schedule_enqueues_each_run_once_when_two_processes_race() {
    const ROUNDS: i64 = 25;
    for p in pairs().await {
        let schedule = NewSchedule {
            name: "nightly".into(),
            kind: "test".into(),
            payload: json!({"feeds": ["kev"]}),
            every_seconds: 60,
            first_run_at: T0,
            enabled: true,
            max_attempts: 2,
        };
        p.a.add_schedule(&schedule).await.unwrap();
        // Adding it again (a second process starting) keeps one schedule and its next run.
        p.b.add_schedule(&NewSchedule {
            first_run_at: secs(999),
            ..schedule.clone()
        })
        .await
        .unwrap();
        assert_eq!(p.a.schedules().await.unwrap().len(), 1, "{}", p.name);
        for round in 0..ROUNDS {
            let now = secs(round * 60 + 5);
            let (x, y) = tokio::join!(
                p.a.enqueue_due_schedules(now),
                p.b.enqueue_due_schedules(now)
            );
            assert_eq!(x.unwrap() + y.unwrap(), 1, "{}: round {round}", p.name);
            let j = claim(&p.a, "w", now).await.unwrap();
            assert_eq!(j.payload, json!({"feeds": ["kev"]}), "{}", p.name);
            assert_eq!(j.max_attempts, 2, "{}", p.name);
            assert_eq!(j.dedupe_key.as_deref(), Some("schedule:nightly"));
            p.a.complete(j.id, "w", now).await.unwrap();
        }
        let s = &p.a.schedules().await.unwrap()[0];
        assert_eq!(s.next_run_at, secs(ROUNDS * 60), "{}", p.name);
        assert_eq!(
            counts(p.b.job_counts().await.unwrap()),
            BTreeMap::from([("done", ROUNDS)]),
            "{}",
            p.name
        );
        // Not due yet: nothing.
        assert_eq!(
            p.a.enqueue_due_schedules(secs(ROUNDS * 60 - 1))
                .await
                .unwrap(),
            0
        );
        // Runs missed while no server ran are not made up; an unfinished run is not doubled.
        let late = secs(ROUNDS * 60 + 1000);
        assert_eq!(
            p.a.enqueue_due_schedules(late).await.unwrap(),
            1,
            "{}",
            p.name
        );
        let s = &p.a.schedules().await.unwrap()[0];
        assert_eq!(s.next_run_at, secs(ROUNDS * 60 + 1020), "{}", p.name);
        assert_eq!(
            p.b.enqueue_due_schedules(secs(ROUNDS * 60 + 1020))
                .await
                .unwrap(),
            0,
            "{}: the previous run is still queued",
            p.name
        );
        // A disabled schedule enqueues nothing.
        p.a.add_schedule(&NewSchedule {
            enabled: false,
            ..schedule.clone()
        })
        .await
        .unwrap();
        assert_eq!(
            p.a.enqueue_due_schedules(secs(100_000)).await.unwrap(),
            0,
            "{}",
            p.name
        );
        for bad in [
            NewSchedule {
                every_seconds: 0,
                ..schedule.clone()
            },
            NewSchedule {
                kind: String::new(),
                ..schedule.clone()
            },
        ] {
            assert!(matches!(
                p.a.add_schedule(&bad).await,
                Err(StoreError::Invalid(_))
            ));
        }
    }
}
