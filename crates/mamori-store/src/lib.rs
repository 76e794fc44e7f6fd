//! Mamori's store: products, releases and SBOMs in SQLite (the embedded default) or PostgreSQL.
//!
//! One code base serves both databases through sqlx's `Any` driver: every query
//! is written with `$N` placeholders in the SQL both understand, dates are ISO
//! 8601 text, and the two migration folders create the same tables. IO lives
//! here; the rules (what a valid SBOM is, how suppliers merge) come from the
//! pure crates.

#![forbid(unsafe_code)]

/// How a product key picks its product, after `FROM products`: by name first, else by id
/// when the key is a number that is no product's name. Binds `$1` and `$3` to the key and
/// `$2` to the key as an integer (or NULL). A literal, so the statements that embed it stay
/// `&'static str`; [`Store::product`] and a product's findings page share it.
macro_rules! product_by_key {
    () => {
        "WHERE name = $1 OR id = $2 ORDER BY CASE WHEN name = $3 THEN 0 ELSE 1 END LIMIT 1"
    };
}

mod advisories;
mod assessments;
mod audit;
mod cases;
mod checkpoint;
mod dashboard;
mod detail;
mod findings;
mod float;
mod identity;
mod installed_base;
mod jobs;
mod monitor;
mod notices;
mod portal;
mod portfolio;
mod prewarm;
mod reports;
mod sboms;
mod signing_keys;
mod sync_state;
mod vex;
mod vulns;

pub use advisories::{
    AdvisoryEdit, AdvisoryRow, AdvisoryStatus, NewAdvisory, Publication, PublishedDocument,
    RevisionRow, ShareRow, TRACKING_PREFIX, VexFormat,
};
pub use assessments::{CommentRow, MAX_COMMENT_CHARS};
pub use audit::{
    AuditReport, Break, Event, GENESIS, SbomApproval, StoredEvent, Subject, SubjectState, action,
    canonical_json, evidence_setting, fold_state,
};
pub use cases::{CaseRow, Decision, NewCase};
pub use dashboard::{DashboardCounts, OverdueFinding};
pub use detail::Detail;
pub use findings::{
    AffectedPage, FindingFilter, FindingRow, FindingsPage, NewRule, RuleRow, Triage, TriageError,
    WhereQuery, WhereRow,
};
pub use identity::{
    ApiTokenRow, DeviceRow, LOCKOUT_AFTER, LOCKOUT_FOR, MIN_PASSWORD_CHARS, NewSession, NewUser,
    OrgRow, SessionRow, SignInRefused, TOKEN_SCOPES, UserRow, Visibility,
};
pub use installed_base::{
    DeviceDetails, DeviceEvent, DeviceImpact, Impact, ImpactDevice, ImpactHospital, ImpactQuery,
    ImpactRelease, ImpactSite, InstalledDevice, InstalledImport, SiteRow, rejected_json,
};
pub use jobs::{JobFilter, JobRow, JobStatus, NewJob, NewSchedule, ScheduleRow, job_backoff};
pub use monitor::{
    ComponentView, Enrichment, MonitorReport, component_storage_keys, finding_object,
    rule_component_key,
};
pub use notices::{
    DeviceResponse, Letter, NoticeDevice, NoticeFacts, NoticeKind, NoticeRow, NoticeState,
    NoticeStatus, NoticeText, OUTBOX_MAX_ATTEMPTS, OutboxMessage, OutboxRow, QueueReport,
    outbox_backoff,
};
pub use portal::{
    AckPolicy, DisclosureRevision, InquiryAttachment, InquiryFile, InquiryKind, InquiryMessage,
    InquiryRow, InquiryStatus, MAX_INQUIRY_ATTACHMENTS, MAX_MESSAGE_CHARS, MAX_SUBJECT_CHARS,
    NewInquiry,
};
pub use portfolio::{ProductRow, ReleaseRow};
pub use reports::{
    AttachmentMeta, CONTACT_CHANNELS, CONTACT_PARTIES, Contact, Coordination, MAX_ATTACHMENTS,
    NewAttachment, NewReport, REPORT_PREFIX, ReportMessage, ReportRow, ReportSource, ReportStatus,
};
pub use sboms::{ImportOutcome, Incoming, SbomRow, StoredSbom};
pub use signing_keys::SigningKeyRow;
pub use sync_state::{StoredSyncRun, SyncOutcome, SyncRun};
pub use vex::{
    SuggestionFilter, SuggestionStatus, UnmatchedClaim, VexDocumentRow, VexImport,
    VexSuggestionRow, claim_label,
};
pub use vulns::{
    AliasGroup, ChangedKeys, Counts, FeedFile, FeedFileError, FeedRecord, ImportReport, VulnStats,
    cpe_key, file_digest, package_key,
};

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Errors from the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database URL is neither `sqlite://` nor `postgres://`.
    #[error("unsupported database url {0:?}: use sqlite://PATH or postgres://…")]
    UnsupportedUrl(String),
    /// Could not reach or open the database.
    #[error("cannot open database {url}: {source}")]
    Open {
        /// The URL without its password.
        url: String,
        /// Why.
        source: sqlx::Error,
    },
    /// Migrations failed.
    #[error("cannot migrate database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// Any other database error.
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    /// Writing an export failed.
    #[error("cannot write the export")]
    Write(#[source] std::io::Error),
    /// A unique name is taken.
    #[error("{what} {name:?} already exists")]
    Conflict {
        /// What kind of thing.
        what: &'static str,
        /// Its name.
        name: String,
    },
    /// Something named does not exist.
    #[error("{what} {name:?} not found")]
    NotFound {
        /// What kind of thing.
        what: &'static str,
        /// Its name.
        name: String,
    },
    /// The request contradicts the state (approving twice, an empty release).
    #[error("{0}")]
    Invalid(String),
    /// A stored document no longer reads (should never happen: we stored it).
    #[error("stored document {id} does not read back: {reason}")]
    Corrupt {
        /// Document id.
        id: i64,
        /// Why.
        reason: String,
    },
}

/// Which database is behind the pool.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// SQLite file.
    Sqlite,
    /// PostgreSQL server.
    Postgres,
}

/// The store: a pool of connections to one database.
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    // Who the audit record names for changes whose methods take no actor (adding products).
    actor: String,
    touches: std::sync::Arc<identity::Touches>,
    // A server's SQLite store checkpoints its log in the background (see `checkpoint`).
    _checkpointer: Option<std::sync::Arc<checkpoint::Checkpointer>>,
}

/// The default database URL: a SQLite file in the current folder.
pub const DEFAULT_URL: &str = "sqlite://mamori.db";

impl Store {
    /// Opens (creating a SQLite file if needed) and migrates the database at `url`, with
    /// SQLite's small default page cache: right for a command that runs once and exits.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        Store::open_tuned(url, false).await
    }

    /// [`Store::open`] for a long-running server: SQLite connections keep a large page cache
    /// and map the file, which large reads need (see `open_tuned`); PostgreSQL is unchanged.
    pub async fn open_for_server(url: &str) -> Result<Store, StoreError> {
        Store::open_tuned(url, true).await
    }

    async fn open_tuned(url: &str, server: bool) -> Result<Store, StoreError> {
        install_default_drivers();
        // The SQLite file itself (the URL's path without its options), which a server reads
        // ahead into the cache (`prewarm`); none for PostgreSQL or an in-memory database.
        let mut sqlite_file: Option<std::path::PathBuf> = None;
        let (backend, connect_url) = if let Some(path) = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
        {
            let file = path.split('?').next().unwrap_or_default();
            if !file.is_empty() && !file.contains(":memory:") {
                sqlite_file = Some(file.into());
            }
            let sep = if path.contains('?') { '&' } else { '?' };
            let url = if path.contains("mode=") {
                format!("sqlite://{path}")
            } else {
                format!("sqlite://{path}{sep}mode=rwc")
            };
            (Backend::Sqlite, url)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            (Backend::Postgres, url.to_owned())
        } else {
            return Err(StoreError::UnsupportedUrl(redact(url)));
        };
        let mut options = AnyPoolOptions::new();
        if backend == Backend::Sqlite {
            // One writer at a time is SQLite's nature; a small pool avoids lock churn. In a
            // server the default page cache (2 MB) makes every large read (a portfolio
            // re-evaluation, an impact query over half a million devices) fetch the same pages
            // again through system calls; 64 MB of cache per connection and a memory map read
            // them in place (measured: the impact bench's median 102 → 80 ms). The map is
            // 64 GB, which the build allows (see `.cargo/config.toml`; SQLite's own limit is
            // 2 GB): it is address space, not memory, and at a million findings the file is
            // 4 GB, where a smaller map left the pages past it to system calls. A one-shot
            // command does not gain from it and would only grow its peak memory (`mamori scan`
            // of 5,000 components: 315 → 361 MiB), so it keeps the default.
            let pragmas: &'static str = if server {
                "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000; PRAGMA cache_size = -65536; PRAGMA mmap_size = 68719476736;"
            } else {
                "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;"
            };
            // sqlx pings an idle connection before lending it, to find one whose far end has
            // gone; an in-process SQLite connection has no far end, and each ping was a round
            // trip to its worker thread before every statement (a findings page runs four).
            options = options
                .max_connections(4)
                .test_before_acquire(false)
                .after_connect(move |conn, _| {
                    Box::pin(async move {
                        conn.execute(pragmas).await?;
                        if server {
                            conn.execute(checkpoint::SERVER_PRAGMAS).await?;
                        }
                        Ok(())
                    })
                });
        } else {
            // Over TCP a connection can die while it waits in the pool (a server restart, a
            // proxy's idle timeout), so one that has waited a while is pinged before it is
            // lent. One that came back moments ago was pinged on its way back; pinging it
            // again cost a round trip before every statement (an affected request runs six).
            //
            // Each prepared statement is planned once per connection, not once per run.
            // The store's statements are written so that one plan serves every value (the
            // page statements fix their walk with CROSS JOIN and a materialized group),
            // while PostgreSQL's default kept the findings statements on a plan made for
            // each run's values: 0.4–0.9 ms of planning per statement, about 1.3 ms of a
            // findings page (issue 8; p50 6.6 → 5.8 ms and p99 27 → 20 ms under its load).
            options = options
                .max_connections(16)
                .test_before_acquire(false)
                .after_connect(|conn, _| {
                    Box::pin(async move {
                        conn.execute("SET plan_cache_mode = force_generic_plan")
                            .await?;
                        Ok(())
                    })
                })
                .before_acquire(|conn, meta| {
                    Box::pin(async move {
                        if meta.idle_for >= PING_AFTER_IDLE {
                            sqlx::Connection::ping(conn).await?;
                        }
                        Ok(true)
                    })
                });
        }
        let pool = options
            .connect(&connect_url)
            .await
            .map_err(|source| StoreError::Open {
                url: redact(url),
                source,
            })?;
        let checkpointer = if backend == Backend::Sqlite && server {
            if let Some(file) = sqlite_file {
                prewarm::start(file);
            }
            let task = checkpoint::Checkpointer::start(&connect_url)
                .await
                .map_err(|source| StoreError::Open {
                    url: redact(url),
                    source,
                })?;
            Some(std::sync::Arc::new(task))
        } else {
            None
        };
        let store = Store {
            pool,
            backend,
            actor: "unknown".into(),
            touches: Default::default(),
            _checkpointer: checkpointer,
        };
        store.migrate().await?;
        store.backfill_match_index().await?;
        store.optimize().await?;
        Ok(store)
    }

    /// Refreshes the query planner's statistics where they are missing or stale.
    ///
    /// SQLite keeps no statistics unless asked, and without them its planner guesses
    /// index selectivity: at a million findings it picked an index that walked a whole
    /// severity for a filtered page (80 ms instead of 1). `PRAGMA optimize` analyzes only
    /// the tables whose size changed a lot since their last analysis, with a row limit, so
    /// it is cheap when nothing changed; the server calls it hourly, as SQLite advises for
    /// long-lived connections. PostgreSQL's autovacuum keeps its own statistics.
    pub async fn optimize(&self) -> Result<(), StoreError> {
        if self.backend == Backend::Sqlite {
            // 0x10002: analyze every table that needs it, not only those this
            // connection has queried (it has queried none yet at start-up).
            sqlx::query("PRAGMA optimize = 0x10002")
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        match self.backend {
            Backend::Sqlite => {
                sqlx::migrate!("./migrations/sqlite")
                    .run(&self.pool)
                    .await?
            }
            Backend::Postgres => {
                sqlx::migrate!("./migrations/postgres")
                    .run(&self.pool)
                    .await?
            }
        }
        Ok(())
    }

    /// The database behind this store.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// This store acting for `who`: the actor the audit record names for changes whose
    /// methods take none (`add_product`, `add_release`). The default is `unknown`.
    pub fn with_actor(&self, who: &str) -> Store {
        Store {
            actor: who.to_owned(),
            ..self.clone()
        }
    }

    /// The actor set by [`Store::with_actor`].
    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// The connection pool, for crates that add their own tables.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Closes the pool, waiting for connections to finish.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Hides the password in a database URL for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.find(':') {
                Some(c) => format!("{}{}:***{}", &url[..s + 3], &creds[..c], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

pub(crate) fn fmt_time(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_default()
}

pub(crate) fn parse_date(s: Option<String>) -> Option<time::Date> {
    let f = time::macros::format_description!("[year]-[month]-[day]");
    s.and_then(|s| time::Date::parse(&s, &f).ok())
}

pub(crate) fn fmt_date(d: Option<time::Date>) -> Option<String> {
    d.map(|d| d.to_string())
}

/// How long a PostgreSQL connection may wait in the pool before it is pinged when lent.
const PING_AFTER_IDLE: std::time::Duration = std::time::Duration::from_secs(5);

/// `sql` as the connection's backend should run it. On SQLite, a statement whose
/// placeholders are `$1`, `$2`, … each once and in that order (as every multi-row
/// INSERT and `IN (…)` list here is) gets anonymous `?` instead: sqlx finds the value of
/// a `$N` by asking SQLite the name of each parameter, which SQLite looks up by walking
/// its list of names, so a statement of 1,000 values took half a million steps to bind
/// (a tenth of an SBOM upload's time). Any other statement, and every PostgreSQL one,
/// is returned as it is.
pub(crate) fn positional(conn: &sqlx::AnyConnection, sql: String) -> String {
    if conn.backend_name() == <sqlx::Sqlite as sqlx::Database>::NAME {
        anonymous_placeholders(&sql).unwrap_or(sql)
    } else {
        sql
    }
}

/// `sql` with `$1`, `$2`, … replaced by `?`, if they appear in that order, each once,
/// outside quoted text, and no `?` is there already.
fn anonymous_placeholders(sql: &str) -> Option<String> {
    let b = sql.as_bytes();
    let mut out = String::with_capacity(sql.len());
    let (mut expected, mut i, mut copied) = (1usize, 0usize, 0usize);
    let mut quoted = false;
    while i < b.len() {
        match b[i] {
            b'\'' => quoted = !quoted,
            b'?' if !quoted => return None,
            b'$' if !quoted => {
                let digits = b[i + 1..].iter().take_while(|d| d.is_ascii_digit()).count();
                let n: usize = sql.get(i + 1..i + 1 + digits)?.parse().ok()?;
                if n != expected {
                    return None;
                }
                expected += 1;
                out.push_str(&sql[copied..i]);
                out.push('?');
                i += 1 + digits;
                copied = i;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out.push_str(&sql[copied..]);
    Some(out)
}

/// `($1,$2,…),($n,…)` for a multi-row INSERT of `rows` rows of `cols` values;
/// the placeholder style both SQLite and PostgreSQL accept through `Any`.
pub(crate) fn placeholders(rows: usize, cols: usize) -> String {
    let mut s = String::with_capacity(rows * cols * 5);
    for r in 0..rows {
        if r > 0 {
            s.push(',');
        }
        s.push('(');
        for c in 0..cols {
            if c > 0 {
                s.push(',');
            }
            s.push('$');
            s.push_str(&(r * cols + c + 1).to_string());
        }
        s.push(')');
    }
    s
}

/// Whether an error is a unique-key violation on either backend.
pub(crate) fn is_unique_violation(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(d) => {
            d.is_unique_violation()
                || d.message().contains("UNIQUE constraint failed")
                || d.code().is_some_and(|c| c == "23505" || c == "2067")
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn anonymous_placeholders_only_for_numbered_in_order() {
        use super::anonymous_placeholders as a;
        let cases: [(&str, Option<&str>); 7] = [
            (
                "INSERT INTO t VALUES ($1,$2),($3,$4)",
                Some("INSERT INTO t VALUES (?,?),(?,?)"),
            ),
            (
                "SELECT x FROM t WHERE s = 'a$1' AND id IN ($1,$2)",
                Some("SELECT x FROM t WHERE s = 'a$1' AND id IN (?,?)"),
            ),
            ("SELECT x FROM t WHERE a = $2 AND b = $1", None),
            ("SELECT x FROM t WHERE a = $1 OR b = $1", None),
            ("SELECT x FROM t WHERE a = $1 AND b IN (?,?)", None),
            ("SELECT x FROM t WHERE a = $x", None),
            ("SELECT 1", Some("SELECT 1")),
        ];
        for (sql, want) in cases {
            assert_eq!(a(sql).as_deref(), want, "{sql}");
        }
    }

    use super::redact;

    #[test]
    fn redacts_passwords() {
        assert_eq!(
            redact("postgres://u:secret@h:5432/db"),
            "postgres://u:***@h:5432/db"
        );
        assert_eq!(redact("sqlite://x.db"), "sqlite://x.db");
    }
}
