//! OSV archives: entries handed over after a full integrity pass; 304; broken archives.

use std::io::{Cursor, Write};

use mamori_sync::{CollectSink, FeedSource, SyncError, SyncState, Syncer};
use zip::write::SimpleFileOptions;

use crate::support::{Reply, Server, bounded, config};

const ENTRIES: &[(&str, &str)] = &[
    (
        "PYSEC-2021-1.json",
        r#"{"id":"PYSEC-2021-1","modified":"2021-01-01T00:00:00Z"}"#,
    ),
    (
        "GHSA-aaaa-bbbb-cccc.json",
        r#"{"id":"GHSA-aaaa-bbbb-cccc","modified":"2022-01-01T00:00:00Z"}"#,
    ),
    ("README.txt", "not an advisory"),
];

fn archive(method: zip::CompressionMethod) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, body) in ENTRIES {
        w.start_file(
            *name,
            SimpleFileOptions::default().compression_method(method),
        )
        .unwrap();
        w.write_all(body.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// The archive served with an ETag; the second sync sends it back and gets a 304.
#[tokio::test]
async fn archive_entries_then_not_modified() {
    bounded(async {
        let zip = archive(zip::CompressionMethod::Deflated);
        let server = Server::start(move |req, _| {
            assert_eq!(req.path, "/osv/PyPI/all.zip");
            if req.header("if-none-match") == "\"z1\"" {
                return Reply::status(304);
            }
            Reply::ok(zip.clone()).header("etag", "\"z1\"")
        })
        .await;
        let mut c = config(&server);
        c.osv.ecosystems = vec!["PyPI".into()];
        let syncer = Syncer::new(c).unwrap();
        let mut state = SyncState::default();
        let mut sink = CollectSink::default();
        let report = syncer
            .sync(FeedSource::Osv, &mut state, &mut sink)
            .await
            .unwrap();
        assert_eq!(report.files, 2);
        let got: Vec<(&str, &[u8])> = sink
            .files
            .iter()
            .map(|(_, n, b)| (n.as_str(), b.as_slice()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("osv/PyPI/PYSEC-2021-1.json", ENTRIES[0].1.as_bytes()),
                ("osv/PyPI/GHSA-aaaa-bbbb-cccc.json", ENTRIES[1].1.as_bytes()),
            ]
        );
        assert!(sink.files.iter().all(|(s, _, _)| *s == FeedSource::Osv));
        assert_eq!(state.osv("PyPI").and_then(|v| v.etag()), Some("\"z1\""));
        let again = syncer
            .sync(FeedSource::Osv, &mut state, &mut sink)
            .await
            .unwrap();
        assert_eq!((again.files, again.not_modified), (0, 1));
        assert_eq!(sink.files.len(), 2);
    })
    .await;
}

/// Broken archives are refused whole: nothing handed over, no validators stored.
#[tokio::test]
async fn broken_archives() {
    let stored = archive(zip::CompressionMethod::Stored);
    let flip = |mut z: Vec<u8>| {
        // A byte inside the second entry's stored data: only its CRC can tell.
        let at = z.windows(5).position(|w| w == b"GHSA-").unwrap();
        let data_at = at + z[at..].windows(7).position(|w| w == b"{\"id\":\"").unwrap() + 8;
        z[data_at] ^= 0x20;
        z
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "not a zip",
            b"<html>error</html>".to_vec(),
            "bad zip archive",
        ),
        (
            "truncated",
            stored[..stored.len() / 2].to_vec(),
            "bad zip archive",
        ),
        (
            "crc mismatch",
            flip(stored.clone()),
            "GHSA-aaaa-bbbb-cccc.json",
        ),
    ];
    for (label, bytes, message) in cases {
        bounded(async {
            let server = Server::start(move |_, _| Reply::ok(bytes.clone())).await;
            let mut c = config(&server);
            c.osv.ecosystems = vec!["Go".into()];
            let mut state = SyncState::default();
            let mut sink = CollectSink::default();
            let err = Syncer::new(c)
                .unwrap()
                .sync(FeedSource::Osv, &mut state, &mut sink)
                .await
                .unwrap_err();
            assert!(matches!(err, SyncError::Zip { .. }), "{label}: {err}");
            assert!(err.to_string().contains(message), "{label}: {err}");
            assert!(sink.files.is_empty(), "{label}");
            assert_eq!(state, SyncState::default(), "{label}");
        })
        .await;
    }
}

/// An entry larger than the configured limit is refused (zip-bomb guard).
#[tokio::test]
async fn entry_size_limit() {
    bounded(async {
        let zip = archive(zip::CompressionMethod::Deflated);
        let server = Server::start(move |_, _| Reply::ok(zip.clone())).await;
        let mut c = config(&server);
        c.osv.ecosystems = vec!["npm".into()];
        c.osv.max_entry_bytes = 20;
        let mut sink = CollectSink::default();
        let err = Syncer::new(c)
            .unwrap()
            .sync(FeedSource::Osv, &mut SyncState::default(), &mut sink)
            .await
            .unwrap_err();
        assert!(err.to_string().contains("more than 20 bytes"), "{err}");
        assert!(sink.files.is_empty());
    })
    .await;
}
