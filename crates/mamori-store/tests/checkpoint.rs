//! A server's SQLite store copies its write-ahead log back in the background, so no
//! request's commit pays for the copy (issue 8); a one-shot command keeps SQLite's default.

use mamori_store::Store;
use std::time::Duration;

async fn autocheckpoint(store: &Store) -> i64 {
    let row: (i64,) = sqlx::query_as("PRAGMA wal_autocheckpoint")
        .fetch_one(store.pool())
        .await
        .unwrap();
    row.0
}

#[tokio::test]
async fn issue_8_a_server_store_checkpoints_in_the_background_not_at_commit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("server.db");
    let url = format!("sqlite://{}", path.display());
    let store = Store::open_for_server(&url).await.unwrap();
    assert_eq!(
        autocheckpoint(&store).await,
        0,
        "a server's commit must not checkpoint"
    );
    let command = Store::open(&format!(
        "sqlite://{}",
        dir.path().join("command.db").display()
    ))
    .await
    .unwrap();
    assert_eq!(
        autocheckpoint(&command).await,
        1000,
        "a command keeps SQLite's default, having no task to checkpoint for it"
    );

    // Two thousand pages in one commit: twice what SQLite's default would have copied
    // back at once. The file holds them only once the background task has run.
    let before = std::fs::metadata(&path).unwrap().len();
    sqlx::query("CREATE TABLE filler (b BLOB)")
        .execute(store.pool())
        .await
        .unwrap();
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) \
         INSERT INTO filler SELECT randomblob(4000) FROM n",
    )
    .execute(store.pool())
    .await
    .unwrap();
    let wal = dir.path().join("server.db-wal");
    assert!(
        std::fs::metadata(&wal).unwrap().len() > 2000 * 4000,
        "the commit went to the log"
    );
    let mut waited = Duration::ZERO;
    loop {
        let now = std::fs::metadata(&path).unwrap().len();
        if now >= before + 2000 * 4000 {
            break;
        }
        assert!(
            waited < Duration::from_secs(60),
            "the database file was never checkpointed: {before} → {now} bytes"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
        waited += Duration::from_millis(100);
    }
}

/// Regression (issue 8): a log an earlier process left behind (it exited before its last
/// checkpoint) is copied back and cut when a server opens the store, before any request:
/// a server's first upload after a restart was paying for a 176 MB copy.
#[tokio::test]
async fn issue_8_a_server_folds_the_log_an_earlier_process_left_before_serving() {
    use sqlx::Connection;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("left.db");
    let url = format!("sqlite://{}", path.display());
    drop(Store::open(&url).await.unwrap());
    // An earlier server: no checkpoint at commit, and gone without closing its
    // connection, so the log stays (a closing last connection would fold it itself).
    let mut earlier = sqlx::AnyConnection::connect(&url).await.unwrap();
    sqlx::query("PRAGMA wal_autocheckpoint = 0")
        .execute(&mut earlier)
        .await
        .unwrap();
    sqlx::query("CREATE TABLE filler (b BLOB)")
        .execute(&mut earlier)
        .await
        .unwrap();
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) \
         INSERT INTO filler SELECT randomblob(4000) FROM n",
    )
    .execute(&mut earlier)
    .await
    .unwrap();
    std::mem::forget(earlier);
    let wal = dir.path().join("left.db-wal");
    let left = std::fs::metadata(&wal).unwrap().len();
    assert!(
        left > 500 * 4000,
        "the earlier process left its log: {left} bytes"
    );
    let before = std::fs::metadata(&path).unwrap().len();

    let store = Store::open_for_server(&url).await.unwrap();
    // No waiting: open has returned, and the log is already back in the file. What the
    // log holds now is what opening wrote after the cut (a page or so), not the 2 MB.
    let now = std::fs::metadata(&wal).map_or(0, |m| m.len());
    assert!(now < 64 * 1024, "the log was cut: {left} → {now} bytes");
    let after = std::fs::metadata(&path).unwrap().len();
    assert!(
        after >= before + 500 * 4000,
        "the file holds the earlier commit: {before} → {after} bytes"
    );
    let rows: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM filler")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(rows.0, 500);
}
