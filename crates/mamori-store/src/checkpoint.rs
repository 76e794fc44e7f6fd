//! Write-ahead-log checkpoints for a server's SQLite store, taken off the request path.
//!
//! By default the connection whose commit grows the log past 1,000 pages copies the whole
//! log back into the database file before its statement returns. An SBOM upload dirties
//! thousands of pages of a large portfolio's indexes, so the upload itself paid for that
//! copy and its fsync, and so did whichever small write came next. With this and the
//! indexes migration 0029 drops, an upload's commits at two million components went from
//! about 1.1 of its 2.1 s to under 0.1 s (issue 8). A server's connections turn that off and one task of the store, on a
//! connection of its own, checkpoints every [`EVERY`]; a passive checkpoint waits for no
//! reader or writer, and copies nothing when nothing was committed.

use std::time::Duration;

use sqlx::{AnyConnection, Connection};

/// How often the server's write-ahead log is copied back into the database file.
pub(crate) const EVERY: Duration = Duration::from_secs(1);

/// The pragmas a server's SQLite connections add: no checkpoint at commit, and a log cut
/// back to 64 MiB when it restarts, so one large import does not leave a large file.
pub(crate) const SERVER_PRAGMAS: &str =
    "PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = 67108864;";

/// The running checkpoint task; it stops when the last handle to the store is dropped.
#[derive(Debug)]
pub(crate) struct Checkpointer {
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Checkpointer {
    /// Opens its own connection to the database at `url` (not one of the pool's, so the
    /// task neither keeps the pool open nor takes a request's connection) and starts.
    ///
    /// First it copies back, and cuts to nothing, any log an earlier process left (one
    /// that exited or stopped before its last checkpoint): the server starts that much
    /// later, instead of its first upload competing with a copy of hundreds of megabytes
    /// (a 176 MB log left by three uploads took 1.1 s, and that upload 3.0 s; issue 8).
    pub(crate) async fn start(url: &str) -> Result<Checkpointer, sqlx::Error> {
        let mut conn = AnyConnection::connect(url).await?;
        if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&mut conn)
            .await
        {
            // The periodic checkpoints below still copy it back, only later.
            tracing::warn!(error = %e, "cannot fold the write-ahead log left by an earlier process");
        }
        let task = tokio::spawn(async move {
            let mut tick = tokio::time::interval(EVERY);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            let mut failing = false;
            loop {
                tick.tick().await;
                match sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                    .execute(&mut conn)
                    .await
                {
                    Ok(_) => failing = false,
                    // Say so once, not every second, until it works again.
                    Err(e) if !failing => {
                        failing = true;
                        tracing::warn!(error = %e, "cannot checkpoint the SQLite write-ahead log");
                    }
                    Err(_) => {}
                }
            }
        });
        Ok(Checkpointer { task })
    }
}
