//! NVD: windows, paging, API key, failure atomicity.

use mamori_sync::{ApiKey, CollectSink, FeedSource, SyncError, SyncState, Syncer};
use serde_json::json;
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

use crate::support::{Reply, Req, Server, bounded, config};

const T0: OffsetDateTime = datetime!(2025-01-01 00:00:00 UTC);

/// A page of `total` fake CVEs starting at `start`, `per_page` long.
fn page(start: u64, per_page: u64, total: u64) -> Vec<u8> {
    let n = per_page.min(total.saturating_sub(start));
    let vulns: Vec<_> = (start..start + n)
        .map(|i| json!({"cve": {"id": format!("CVE-2025-{:04}", i + 1)}}))
        .collect();
    serde_json::to_vec(&json!({
        "resultsPerPage": n, "startIndex": start, "totalResults": total,
        "format": "NVD_CVE", "version": "2.0", "timestamp": "2025-01-11T00:00:00.000",
        "vulnerabilities": vulns
    }))
    .unwrap()
}

/// Serves `total` results per window in pages of 2, insisting on the query NVD needs;
/// `fail` decides per request whether to answer with something else instead.
async fn nvd_server(total: u64, fail: fn(&Req) -> Option<Reply>) -> Server {
    Server::start(move |req, _| {
        if let Some(reply) = fail(req) {
            return reply;
        }
        let start: u64 = req.q("startIndex").parse().unwrap_or(u64::MAX);
        let well_formed = req.path == "/nvd/cves/2.0"
            && req.q("resultsPerPage") == "2"
            && req.header("apikey") == "secret-key"
            && req.q("lastModStartDate").ends_with(".000+00:00")
            && req.q("lastModEndDate").ends_with(".000+00:00");
        if !well_formed || start == u64::MAX {
            return Reply::status(400);
        }
        Reply::ok(page(start, 2, total))
    })
    .await
}

fn syncer(server: &Server, now: OffsetDateTime) -> Syncer {
    let mut c = config(server);
    c.nvd.results_per_page = 2;
    c.nvd.api_key = Some(ApiKey::new("secret-key"));
    Syncer::new(c).unwrap().with_clock(move || now)
}

fn state_at(t: OffsetDateTime) -> SyncState {
    serde_json::from_value(json!({"nvd": {"last_mod_end": t.format(&time::format_description::well_known::Rfc3339).unwrap()}})).unwrap()
}

/// (days since the watermark, expected (lastModStartDate, lastModEndDate, startIndex) per request)
#[tokio::test]
async fn windows_and_pages() {
    type Request = (&'static str, &'static str, &'static str);
    let cases: &[(i64, &[Request])] = &[
        (
            10,
            &[
                (
                    "2025-01-01T00:00:00.000+00:00",
                    "2025-01-11T00:00:00.000+00:00",
                    "0",
                ),
                (
                    "2025-01-01T00:00:00.000+00:00",
                    "2025-01-11T00:00:00.000+00:00",
                    "2",
                ),
                (
                    "2025-01-01T00:00:00.000+00:00",
                    "2025-01-11T00:00:00.000+00:00",
                    "4",
                ),
            ],
        ),
        (
            130,
            &[
                (
                    "2025-01-01T00:00:00.000+00:00",
                    "2025-05-01T00:00:00.000+00:00",
                    "0",
                ),
                (
                    "2025-01-01T00:00:00.000+00:00",
                    "2025-05-01T00:00:00.000+00:00",
                    "2",
                ),
                (
                    "2025-01-01T00:00:00.000+00:00",
                    "2025-05-01T00:00:00.000+00:00",
                    "4",
                ),
                (
                    "2025-05-01T00:00:00.000+00:00",
                    "2025-05-11T00:00:00.000+00:00",
                    "0",
                ),
                (
                    "2025-05-01T00:00:00.000+00:00",
                    "2025-05-11T00:00:00.000+00:00",
                    "2",
                ),
                (
                    "2025-05-01T00:00:00.000+00:00",
                    "2025-05-11T00:00:00.000+00:00",
                    "4",
                ),
            ],
        ),
    ];
    for &(days, expected) in cases {
        bounded(check_windows(days, expected)).await;
    }
}

async fn check_windows(days: i64, expected: &[(&str, &str, &str)]) {
    let server = nvd_server(5, |_| None).await;
    let now = T0 + Duration::days(days);
    let mut state = state_at(T0);
    let mut sink = CollectSink::default();
    let report = syncer(&server, now)
        .sync(FeedSource::Nvd, &mut state, &mut sink)
        .await
        .unwrap();
    let seen: Vec<(String, String, String)> = server
        .requests()
        .iter()
        .map(|r| {
            (
                r.q("lastModStartDate").into(),
                r.q("lastModEndDate").into(),
                r.q("startIndex").into(),
            )
        })
        .collect();
    let want: Vec<(String, String, String)> = expected
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(seen, want, "{days} days");
    assert_eq!(report.files, expected.len());
    assert_eq!(sink.files.len(), expected.len());
    assert!(
        sink.files
            .iter()
            .all(|(s, n, _)| *s == FeedSource::Nvd && n.ends_with(".json"))
    );
    // every CVE of each window arrived exactly once
    let ids: usize = sink
        .files
        .iter()
        .map(|(_, _, b)| {
            serde_json::from_slice::<serde_json::Value>(b).unwrap()["vulnerabilities"]
                .as_array()
                .unwrap()
                .len()
        })
        .sum();
    assert_eq!(ids, 5 * expected.len() / 3);
    assert_eq!(state.nvd_last_mod_end(), Some(now));
}

/// What a failing page does to the sink and the state.
#[tokio::test]
async fn failures_leave_window_untouched() {
    type Case = (
        &'static str,
        fn(&Req) -> Option<Reply>,
        fn(&SyncError) -> bool,
    );
    let cases: &[Case] = &[
        (
            "500 on page 2",
            |r| (r.q("startIndex") == "2").then(|| Reply::status(500)),
            |e| matches!(e, SyncError::Status { status: 500, .. }),
        ),
        (
            "malformed json on page 2",
            |r| {
                (r.q("startIndex") == "2").then(|| {
                    Reply::ok(
                        &b"{\"startIndex\": 2, \"totalResults\": 5, \"vulnerabilities\": [{]"[..],
                    )
                })
            },
            |e| matches!(e, SyncError::Json { .. }),
        ),
        (
            "page 2 starts elsewhere",
            |r| (r.q("startIndex") == "2").then(|| Reply::ok(page(0, 2, 5))),
            |e| matches!(e, SyncError::Paging { .. }),
        ),
        (
            "empty page before the end",
            |r| (r.q("startIndex") == "2").then(|| Reply::ok(page(2, 0, 5))),
            |e| matches!(e, SyncError::Paging { .. }),
        ),
    ];
    for &(label, fail, expected) in cases {
        bounded(async {
            let server = nvd_server(5, fail).await;
            let mut state = state_at(T0);
            let before = state.clone();
            let mut sink = CollectSink::default();
            let err = syncer(&server, T0 + Duration::days(10))
                .sync(FeedSource::Nvd, &mut state, &mut sink)
                .await
                .unwrap_err();
            assert!(expected(&err), "{label}: {err}");
            assert!(
                sink.files.is_empty(),
                "{label}: sink saw {} files",
                sink.files.len()
            );
            assert_eq!(state, before, "{label}");
        })
        .await;
    }
}

/// A failure in the second window keeps the first window handed over and recorded.
#[tokio::test]
async fn second_window_failure_keeps_first() {
    bounded(async {
        let server = nvd_server(5, |r| {
            r.q("lastModStartDate")
                .starts_with("2025-05-01")
                .then(|| Reply::status(503))
        })
        .await;
        let mut state = state_at(T0);
        let mut sink = CollectSink::default();
        let err = syncer(&server, T0 + Duration::days(130))
            .sync(FeedSource::Nvd, &mut state, &mut sink)
            .await
            .unwrap_err();
        assert!(
            matches!(err, SyncError::Status { status: 503, .. }),
            "{err}"
        );
        assert_eq!(sink.files.len(), 3);
        assert_eq!(
            state.nvd_last_mod_end(),
            Some(datetime!(2025-05-01 00:00:00 UTC))
        );
    })
    .await;
}

/// The first sync has no window at all and records its start time.
#[tokio::test]
async fn first_sync_is_unwindowed() {
    bounded(async {
        let server = Server::start(|req, _| {
            if req.query.contains_key("lastModStartDate") || req.header("apikey").is_empty() {
                return Reply::status(400);
            }
            Reply::ok(page(req.q("startIndex").parse().unwrap(), 2, 3))
        })
        .await;
        let mut state = SyncState::default();
        let mut sink = CollectSink::default();
        let now = datetime!(2025-03-04 05:06:07.891 UTC);
        syncer(&server, now)
            .sync(FeedSource::Nvd, &mut state, &mut sink)
            .await
            .unwrap();
        assert_eq!(sink.files.len(), 2);
        assert_eq!(
            state.nvd_last_mod_end(),
            Some(datetime!(2025-03-04 05:06:07 UTC))
        );
    })
    .await;
}

/// The sync future can be spawned on a multi-threaded runtime.
#[test]
fn sync_future_is_send() {
    fn assert_send<T: Send>(_: &T) {}
    let syncer = Syncer::new(mamori_sync::SyncConfig::default()).unwrap();
    let mut state = SyncState::default();
    let mut sink = CollectSink::default();
    let fut = syncer.sync(FeedSource::Nvd, &mut state, &mut sink);
    assert_send(&fut);
}
