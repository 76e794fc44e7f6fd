//! Request policy through the single-file feeds (KEV, EPSS): retries, Retry-After,
//! timeouts, size cap, conditional requests, well-formedness checks.

use std::io::Write;
use std::time::Duration;

use mamori_sync::{CollectSink, FeedSource, SyncConfig, SyncError, SyncState, Syncer};

use crate::support::{Reply, Req, Server, bounded, config};

const KEV: &[u8] = br#"{"title":"CISA Catalog of Known Exploited Vulnerabilities","catalogVersion":"2025.01.01","count":1,"vulnerabilities":[{"cveID":"CVE-2021-44228"}]}"#;

struct Case {
    label: &'static str,
    source: FeedSource,
    tune: fn(&mut SyncConfig),
    reply: fn(&Req, usize) -> Reply,
    /// Ok(files handed over) or the error expected.
    expect: Result<usize, fn(&SyncError) -> bool>,
    requests: usize,
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn epss_gz() -> Vec<u8> {
    gz(b"#model_version:v2025.03.14,score_date:2025-06-01T00:00:00+0000\ncve,epss,percentile\nCVE-2021-44228,0.97,0.99\n")
}

#[tokio::test]
async fn request_policy() {
    let cases = [
        Case {
            label: "429 then success, Retry-After honored over a long back-off",
            source: FeedSource::Kev,
            tune: |c| {
                c.backoff_base_ms = 60_000;
                c.max_retry_wait_secs = 120;
            },
            reply: |_, n| {
                if n == 0 {
                    Reply::status(429).header("retry-after", "1")
                } else {
                    Reply::ok(KEV)
                }
            },
            expect: Ok(1),
            requests: 2,
        },
        Case {
            label: "503 twice with max_retries 1 fails",
            source: FeedSource::Kev,
            tune: |_| {},
            reply: |_, _| Reply::status(503),
            expect: Err(|e| matches!(e, SyncError::Status { status: 503, .. })),
            requests: 2,
        },
        Case {
            label: "Retry-After beyond the maximum fails at once",
            source: FeedSource::Kev,
            tune: |_| {},
            reply: |_, _| Reply::status(429).header("retry-after", "3600"),
            expect: Err(|e| matches!(e, SyncError::RetryAfterTooLong { seconds: 3600, .. })),
            requests: 1,
        },
        Case {
            label: "404 is not retried",
            source: FeedSource::Kev,
            tune: |_| {},
            reply: |_, _| Reply::status(404),
            expect: Err(|e| matches!(e, SyncError::Status { status: 404, .. })),
            requests: 1,
        },
        Case {
            label: "slow server hits the timeout, each try",
            source: FeedSource::Kev,
            tune: |c| c.request_timeout_ms = 300,
            reply: |_, _| Reply::ok(KEV).delayed(Duration::from_secs(10)),
            expect: Err(
                |e| matches!(e, SyncError::Transport { source, .. } if source.is_timeout()),
            ),
            requests: 2,
        },
        Case {
            label: "body over the size cap",
            source: FeedSource::Kev,
            tune: |c| c.max_response_bytes = 100,
            reply: |_, _| Reply::ok(KEV),
            expect: Err(|e| matches!(e, SyncError::TooLarge { limit: 100, .. })),
            requests: 1,
        },
        Case {
            label: "kev that is not json",
            source: FeedSource::Kev,
            tune: |_| {},
            reply: |_, _| Reply::ok(&b"<html>maintenance</html>"[..]),
            expect: Err(|e| matches!(e, SyncError::Json { .. })),
            requests: 1,
        },
        Case {
            label: "epss gzip",
            source: FeedSource::Epss,
            tune: |_| {},
            reply: |_, _| Reply::ok(epss_gz()),
            expect: Ok(1),
            requests: 1,
        },
        Case {
            label: "truncated epss gzip",
            source: FeedSource::Epss,
            tune: |_| {},
            reply: |_, _| {
                let g = epss_gz();
                Reply::ok(&g[..g.len() - 6])
            },
            expect: Err(|e| matches!(e, SyncError::Gzip { .. })),
            requests: 1,
        },
    ];
    for case in cases {
        bounded(check(case)).await;
    }
}

async fn check(case: Case) {
    let server = Server::start(case.reply).await;
    let mut c = config(&server);
    (case.tune)(&mut c);
    let syncer = Syncer::new(c).unwrap();
    let mut state = SyncState::default();
    let mut sink = CollectSink::default();
    let result = syncer.sync(case.source, &mut state, &mut sink).await;
    match (&result, &case.expect) {
        (Ok(report), Ok(files)) => {
            assert_eq!(report.files, *files, "{}", case.label);
            assert_eq!(sink.files.len(), *files, "{}", case.label);
        }
        (Err(e), Err(is)) => {
            assert!(is(e), "{}: unexpected error {e}", case.label);
            assert!(sink.files.is_empty(), "{}", case.label);
            assert_eq!(state, SyncState::default(), "{}", case.label);
        }
        _ => panic!("{}: got {result:?}", case.label),
    }
    assert_eq!(server.requests().len(), case.requests, "{}", case.label);
}

/// ETag and Last-Modified are stored, sent back, and a 304 means nothing to do.
#[tokio::test]
async fn conditional_requests() {
    bounded(async {
        let server = Server::start(|req, _| {
            if req.header("if-none-match") == "\"kev-1\"" {
                assert_eq!(
                    req.header("if-modified-since"),
                    "Wed, 01 Jan 2025 00:00:00 GMT"
                );
                return Reply::status(304);
            }
            Reply::ok(KEV)
                .header("etag", "\"kev-1\"")
                .header("last-modified", "Wed, 01 Jan 2025 00:00:00 GMT")
        })
        .await;
        let syncer = Syncer::new(config(&server)).unwrap();
        let mut state = SyncState::default();
        let mut sink = CollectSink::default();
        let first = syncer
            .sync(FeedSource::Kev, &mut state, &mut sink)
            .await
            .unwrap();
        assert_eq!((first.files, first.not_modified), (1, 0));
        assert_eq!(sink.files[0].1, "known_exploited_vulnerabilities.json");
        assert_eq!(sink.files[0].2, KEV);
        assert_eq!(state.kev().etag(), Some("\"kev-1\""));
        let saved = state.clone();
        let second = syncer
            .sync(FeedSource::Kev, &mut state, &mut sink)
            .await
            .unwrap();
        assert_eq!((second.files, second.not_modified), (0, 1));
        assert_eq!(sink.files.len(), 1);
        assert_eq!(state, saved);
        let agents: Vec<String> = server
            .requests()
            .iter()
            .map(|r| r.header("user-agent").to_owned())
            .collect();
        assert!(
            agents.iter().all(|a| a.starts_with("mamori/")),
            "{agents:?}"
        );
    })
    .await;
}

/// A rolling window: N starts, then each further start waits for the oldest to age out
/// (tokio's paused clock makes the schedule exact).
#[tokio::test(start_paused = true)]
async fn rate_limiter_schedule() {
    let cases: &[(u32, u64, usize, &[u64])] = &[
        (5, 30, 12, &[0, 0, 0, 0, 0, 30, 30, 30, 30, 30, 60, 60]),
        (2, 10, 5, &[0, 0, 10, 10, 20]),
        (1, 6, 3, &[0, 6, 12]),
    ];
    for &(n, per, calls, expected) in cases {
        let limiter = mamori_sync::RateLimiter::new(n, Duration::from_secs(per));
        let t0 = tokio::time::Instant::now();
        let mut at = Vec::new();
        for _ in 0..calls {
            limiter.acquire().await;
            at.push(t0.elapsed().as_secs());
        }
        assert_eq!(at, expected, "{n} per {per} s");
    }
}
