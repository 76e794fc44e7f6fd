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
