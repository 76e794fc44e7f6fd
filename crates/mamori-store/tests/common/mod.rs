//! Test support: a fresh store on each backend — a SQLite file, and a new database on the
//! throwaway PostgreSQL server that `scripts/test` starts (`MAMORI_TEST_POSTGRES_URL`).

use mamori_store::Store;
use std::sync::atomic::{AtomicU32, Ordering};

/// A store and what keeps it alive.
pub struct TestStore {
    pub store: Store,
    pub name: &'static str,
    _dir: Option<tempfile::TempDir>,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// Fresh, migrated stores on every backend this machine offers. PostgreSQL is
/// required when `CI` is set, so a broken server cannot pass silently.
pub async fn stores() -> Vec<TestStore> {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("test.db").display());
    let mut out = vec![TestStore {
        store: Store::open(&url).await.unwrap(),
        name: "sqlite",
        _dir: Some(dir),
    }];
    match std::env::var("MAMORI_TEST_POSTGRES_URL") {
        Ok(admin) => {
            let db = format!(
                "mamori_test_{}_{}",
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
            let url = format!("{base}/{db}");
            out.push(TestStore {
                store: Store::open(&url).await.unwrap(),
                name: "postgres",
                _dir: None,
            });
        }
        Err(_) if std::env::var_os("CI").is_some() => panic!(
            "CI must run the store tests on PostgreSQL too: MAMORI_TEST_POSTGRES_URL is unset"
        ),
        Err(_) => eprintln!(
            "notice: MAMORI_TEST_POSTGRES_URL is unset (use scripts/test); store tests ran on SQLite only"
        ),
    }
    out
}
