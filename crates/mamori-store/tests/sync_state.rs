//! Feed sync bookkeeping on SQLite and PostgreSQL: watermarks per feed replace each other,
//! non-JSON state is refused, and the run log reads back newest first, per feed and latest.

use crate::common;

use mamori_store::{Counts, Store, StoreError, SyncOutcome, SyncRun};
use std::collections::BTreeMap;
use time::OffsetDateTime;
use time::macros::datetime;

const T0: OffsetDateTime = datetime!(2026-03-01 09:30:00.123456 +09:00);

fn at(minutes: i64) -> OffsetDateTime {
    T0 + time::Duration::minutes(minutes)
}

fn run(source: &str, minute: i64, outcome: SyncOutcome, files: u64) -> SyncRun {
    let mut counts = BTreeMap::new();
    if files > 0 {
        counts.insert(
            if source == "osv" { "osv:PyPI" } else { source }.to_owned(),
            Counts {
                added: files,
                updated: 1,
                unchanged: 2,
                rejected: u64::from(outcome == SyncOutcome::Problems),
            },
        );
    }
    SyncRun {
        source: source.into(),
        started: at(minute),
        finished: at(minute) + time::Duration::seconds(42),
        outcome,
        files,
        not_modified: u64::from(files == 0),
        refused: u64::from(outcome == SyncOutcome::Problems),
        counts,
        error: (outcome == SyncOutcome::Failed)
            .then(|| "http://127.0.0.1/x answered http 500".to_owned()),
    }
}

/// (feed, state saved in order) → the last one is what reads back.
const STATES: &[(&str, &[&str])] = &[
    (
        "nvd",
        &[r#"{"nvd":{"last_mod_end":"2026-01-01T00:00:00Z"}}"#],
    ),
    (
        "osv",
        &[
            r#"{"osv":{"PyPI":{"etag":"\"a\""}}}"#,
            r#"{"osv":{"PyPI":{"etag":"\"b\""},"npm":{"last_modified":"Sun, 01 Mar 2026 00:00:00 GMT"}}}"#,
        ],
    ),
    ("jvn", &[r#"{"jvn":{"ja":"2026-02-28"}}"#, "{}"]),
];

async fn check_states(s: &Store, name: &str) {
    assert_eq!(s.sync_state("nvd").await.unwrap(), None, "{name}");
    for (i, (source, saves)) in STATES.iter().enumerate() {
        for (j, state) in saves.iter().enumerate() {
            s.save_sync_state(source, state, at((i * 10 + j) as i64))
                .await
                .unwrap();
        }
    }
    for (i, (source, saves)) in STATES.iter().enumerate() {
        let last = saves.last().copied().map(str::to_owned);
        assert_eq!(s.sync_state(source).await.unwrap(), last, "{name} {source}");
        let times = s.sync_state_times().await.unwrap();
        assert_eq!(
            times.get(*source).copied(),
            Some(at((i * 10 + saves.len() - 1) as i64)),
            "{name} {source}"
        );
    }
    assert_eq!(s.sync_state("kev").await.unwrap(), None, "{name}");
    assert_eq!(s.sync_state_times().await.unwrap().len(), STATES.len());
    // A refused save leaves the previous state alone.
    let err = s.save_sync_state("nvd", "{not json", at(99)).await;
    assert!(
        matches!(err, Err(StoreError::Invalid(_))),
        "{name}: {err:?}"
    );
    assert_eq!(
        s.sync_state("nvd").await.unwrap().as_deref(),
        Some(STATES[0].1[0]),
        "{name}"
    );
}

async fn check_runs(s: &Store, name: &str) {
    assert!(s.sync_runs(None, 10).await.unwrap().is_empty(), "{name}");
    assert!(s.latest_sync_runs().await.unwrap().is_empty(), "{name}");
    let runs = [
        run("nvd", 0, SyncOutcome::Ok, 3),
        run("osv", 1, SyncOutcome::Problems, 5),
        run("kev", 2, SyncOutcome::Failed, 0),
        run("nvd", 3, SyncOutcome::Ok, 0),
        run("kev", 4, SyncOutcome::Ok, 1),
    ];
    let mut ids = Vec::new();
    for r in &runs {
        ids.push(s.record_sync_run(r).await.unwrap());
    }
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "{name}: ids {ids:?}");

    let all = s.sync_runs(None, 10).await.unwrap();
    let got: Vec<(i64, &SyncRun)> = all.iter().map(|r| (r.id, &r.run)).collect();
    let want: Vec<(i64, &SyncRun)> = ids.iter().copied().zip(runs.iter()).rev().collect();
    assert_eq!(got, want, "{name}: all runs, newest first");

    let limited = s.sync_runs(None, 2).await.unwrap();
    assert_eq!(
        limited.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![ids[4], ids[3]],
        "{name}"
    );

    // (feed, expected run indexes newest first)
    let per_feed: &[(&str, &[usize])] = &[
        ("nvd", &[3, 0]),
        ("kev", &[4, 2]),
        ("osv", &[1]),
        ("epss", &[]),
    ];
    for (source, expected) in per_feed {
        let got: Vec<i64> = s
            .sync_runs(Some(source), 10)
            .await
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect();
        let want: Vec<i64> = expected.iter().map(|&i| ids[i]).collect();
        assert_eq!(got, want, "{name} {source}");
    }

    let latest = s.latest_sync_runs().await.unwrap();
    let got: Vec<(&str, i64)> = latest
        .iter()
        .map(|r| (r.run.source.as_str(), r.id))
        .collect();
    assert_eq!(
        got,
        vec![("kev", ids[4]), ("nvd", ids[3]), ("osv", ids[1])],
        "{name}"
    );
}

#[tokio::test]
async fn states_replace_per_feed() {
    for t in common::stores().await {
        check_states(&t.store, t.name).await;
    }
}

#[tokio::test]
async fn runs_read_back_newest_first() {
    for t in common::stores().await {
        check_runs(&t.store, t.name).await;
    }
}

#[test]
fn outcome_words_round_trip() {
    for o in [SyncOutcome::Ok, SyncOutcome::Problems, SyncOutcome::Failed] {
        assert_eq!(SyncOutcome::parse(o.as_str()), Some(o));
    }
    assert_eq!(SyncOutcome::parse("running"), None);
}
