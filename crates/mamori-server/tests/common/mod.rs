//! Test support for the server: a database on each backend (a SQLite file, and a new database on the throwaway PostgreSQL server `scripts/test` starts), and a real server on a free port.

#![allow(dead_code)]

use std::sync::atomic::{AtomicU32, Ordering};

use mamori_store::Store;

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A fresh database's URL on every backend this machine offers, with what keeps it alive.
/// PostgreSQL is required when `CI` is set, so a broken server cannot pass silently.
pub async fn database_urls(what: &str) -> Vec<(&'static str, String, Option<tempfile::TempDir>)> {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("test.db").display());
    let mut out = vec![("sqlite", url, Some(dir))];
    match std::env::var("MAMORI_TEST_POSTGRES_URL") {
        Ok(admin) => {
            let db = format!(
                "mamori_server_{}_{}",
                std::process::id(),
                COUNTER.fetch_add(1, Ordering::SeqCst)
            );
            sqlx::any::install_default_drivers();
            let pool = sqlx::AnyPool::connect(&admin).await.unwrap();
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {db}")))
                .execute(&pool)
                .await
                .unwrap();
            pool.close().await;
            let (base, _) = admin.rsplit_once('/').unwrap();
            out.push(("postgres", format!("{base}/{db}"), None));
        }
        Err(_) if std::env::var_os("CI").is_some() => {
            panic!(
                "CI must run the {what} tests on PostgreSQL too: MAMORI_TEST_POSTGRES_URL is unset"
            )
        }
        Err(_) => {
            eprintln!("notice: MAMORI_TEST_POSTGRES_URL is unset; {what} tests ran on SQLite only")
        }
    }
    out
}

/// A fresh, migrated store on every backend.
pub async fn stores(what: &str) -> Vec<(Store, &'static str, Option<tempfile::TempDir>)> {
    let mut out = Vec::new();
    for (name, url, dir) in database_urls(what).await {
        out.push((Store::open(&url).await.unwrap(), name, dir));
    }
    out
}

/// Serves `store` on a free local port with the settings `config` gives for the base URL;
/// returns the base URL and the sender that stops the server.
pub async fn start(
    store: Store,
    config: impl FnOnce(&str) -> mamori_server::ServerConfig,
) -> (String, tokio::sync::oneshot::Sender<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let config = config(&base);
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let state = mamori_server::AppState::new(store, config);
    tokio::spawn(async move {
        mamori_server::serve(listener, state, async {
            let _ = rx.await;
        })
        .await
        .unwrap();
    });
    (base, tx)
}

/// The monitor fixtures shared with the CLI's tests.
pub fn monitor_fixtures() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../mamori/tests/fixtures/monitor")
}

/// Ward Gateway 1.0 with its SBOM imported: it ships hl7lite, which the loaded OSV record
/// (GHSA-mmmm-0001-aaaa, alias CVE-2026-10001) makes vulnerable, so it has one finding.
pub async fn ward_gateway(
    s: &Store,
    now: time::OffsetDateTime,
) -> (mamori_store::ProductRow, mamori_store::ReleaseRow) {
    use mamori_model::{Lifecycle, ProductName, ReleaseVersion};
    let osv = std::fs::read(monitor_fixtures().join("GHSA-mmmm-0001-aaaa.json")).unwrap();
    s.import_feed(
        mamori_store::FeedFile::read("GHSA-mmmm-0001-aaaa.json", &osv, None).unwrap(),
        now,
    )
    .await
    .unwrap();
    let p = s
        .add_product(&ProductName::new("Ward Gateway").unwrap(), None, now)
        .await
        .unwrap();
    let r = s
        .add_release(
            &p,
            &ReleaseVersion::new("1.0").unwrap(),
            &Lifecycle::default(),
            now,
        )
        .await
        .unwrap();
    let bytes = std::fs::read(monitor_fixtures().join("fw-1.0.cdx.json")).unwrap();
    let checked = mamori_sbom::read(&bytes).unwrap();
    s.import_sbom(
        &r,
        mamori_store::Incoming {
            bytes: &bytes,
            filename: Some("fw-1.0.cdx.json"),
            sbom: &checked.sbom,
            supplier: None,
        },
        "setup",
        now,
    )
    .await
    .unwrap();
    (p, r)
}

/// A published advisory "HL7 overflow" about CVE-2026-10001 on `release`.
pub async fn published_advisory(
    s: &Store,
    release: i64,
    status: mamori_store::AdvisoryStatus,
    now: time::OffsetDateTime,
) -> mamori_store::AdvisoryRow {
    let advisory = s
        .create_advisory(
            &mamori_store::NewAdvisory {
                title_en: "HL7 overflow".into(),
                title_ja: "HL7 オーバーフロー".into(),
                summary_en: String::new(),
                summary_ja: String::new(),
                lang: "en".into(),
                tlp: mamori_csaf::provider::Tlp::Clear,
                releases: vec![release],
                vulnerabilities: vec!["CVE-2026-10001".into()],
            },
            "setup",
            now,
        )
        .await
        .unwrap();
    s.publish_advisory(
        advisory.id,
        &mamori_store::Publication {
            status,
            summary: "First.".into(),
            publisher: mamori_csaf::vex::Publisher {
                name: "Maker".into(),
                namespace: "https://maker.example".into(),
                category: mamori_csaf::vex::PublisherCategory::Vendor,
            },
            base_url: None,
        },
        "setup",
        now,
    )
    .await
    .unwrap();
    advisory
}

/// The text of a PDF as poppler's `pdftotext` reads it, whitespace removed (it moves spaces and
/// breaks lines where the layout does); `None` with a notice where poppler is absent (never in
/// CI, which installs it).
#[allow(dead_code)]
pub fn pdf_text(bytes: &[u8]) -> Option<String> {
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doc.pdf");
    std::fs::write(&file, bytes).unwrap();
    match std::process::Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
    {
        Ok(out) => {
            assert!(out.status.success(), "pdftotext failed");
            Some(
                String::from_utf8_lossy(&out.stdout)
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect(),
            )
        }
        Err(_) if std::env::var_os("CI").is_some() => {
            panic!("CI must read the PDFs with pdftotext (poppler-utils)")
        }
        Err(_) => {
            eprintln!("notice: pdftotext is not installed; the PDF was not read back");
            None
        }
    }
}
