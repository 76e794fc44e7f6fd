//! `audit verify` over a million events in a SQLite file (issue 6 asks for at most 5 s).
//!
//! The chain is built once, in batches of 10,000 events per transaction, and then only the
//! verification is timed. `MAMORI_BENCH_AUDIT_EVENTS` changes the count for quick runs.

use criterion::{Criterion, criterion_group, criterion_main};
use mamori_store::{Event, Store, Subject, action};
use serde_json::json;
use std::time::{Duration, Instant};
use time::macros::datetime;

const BATCH: usize = 10_000;

fn events() -> usize {
    std::env::var("MAMORI_BENCH_AUDIT_EVENTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000)
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("audit.db").display());
    let store = rt.block_on(Store::open(&url)).unwrap();
    let n = events();
    let t0 = datetime!(2026-01-01 0:00 UTC);
    let started = Instant::now();
    rt.block_on(async {
        let mut done = 0;
        while done < n {
            let batch: Vec<Event> = (done..n.min(done + BATCH))
                .map(|i| {
                    // Shaped like a triage event: a finding, a state set, a reason.
                    Event::new(
                        t0 + Duration::from_secs(i as u64),
                        "alice@example.com",
                        action::FINDING_STATE,
                        Subject::new("finding", &format!("{}", i % 50_000)).unwrap(),
                    )
                    .unwrap()
                    .why("component not reachable in this configuration")
                    .evidence(&json!({"set": {"state": "not_affected", "justification": "code_not_reachable"}, "release": i % 40}))
                })
                .collect();
            store.append_events(&batch).await.unwrap();
            done += batch.len();
        }
    });
    eprintln!("appended {n} events in {:.1?}", started.elapsed());

    let mut group = c.benchmark_group("audit");
    group.sample_size(10);
    group.bench_function(format!("verify {n} events"), |b| {
        b.iter(|| {
            let report = rt.block_on(store.verify_audit()).unwrap();
            assert!(report.is_intact());
            assert_eq!(report.events, n as u64);
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
