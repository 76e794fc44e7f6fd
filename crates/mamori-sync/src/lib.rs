//! Feed downloaders: fetch NVD, OSV, CISA KEV, EPSS, MyJVN and CSAF data over HTTP and
//! hand each complete, verified file to a caller-supplied [`FeedSink`].
//!
//! This crate does network IO and nothing else: it reads feed formats only as far as
//! paging and verification need (NVD `startIndex`/`totalResults`, MyJVN `status:Status`
//! and ids, CSAF provider metadata and listings), and leaves parsing to `mamori-feeds`.
//!
//! # Driving a sync
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use mamori_sync::{CollectSink, FeedSource, SyncConfig, SyncState, Syncer};
//! let config = SyncConfig::from_toml_str("[nvd]\nwindow_days = 30\n")?;
//! let syncer = Syncer::new(config)?;
//! let mut state: SyncState = SyncState::default(); // or serde_json::from_slice(saved)
//! let mut sink = CollectSink::default();           // the importer in real use
//! let report = syncer.sync(FeedSource::Kev, &mut state, &mut sink).await?;
//! // persist `state` (serde) now
//! # let _ = report; Ok(()) }
//! ```
//!
//! # What the sink sees, and when the state moves
//! The state advances per *unit*, and only after the sink accepted every file of it:
//! - **NVD**: one unit per `lastModified` window (at most `window_days`, ≤ 120). All
//!   pages of a window are downloaded (spooled to temporary files above 4 MiB) before
//!   the first is handed over, so a failed page leaves the sink without any page of that
//!   window and the watermark at the window's start. A later failure keeps the windows
//!   already handed over (their data is in the store). The first sync takes everything,
//!   unwindowed, as one unit. A resumed sync starts again at the first unfinished window;
//!   the position inside a window (`startIndex`) is not kept, by design.
//! - **OSV**: one unit per ecosystem archive. The whole zip is read (CRC and size limits)
//!   before the first entry is handed over; then each `.json` entry is one file.
//! - **KEV / EPSS**: one file each, checked to be well-formed JSON / complete gzip.
//! - **MyJVN**: one unit per language: every overview page and every detail batch is
//!   fetched before the detail responses (VULDEF XML) are handed over.
//! - **CSAF**: each document is its own unit (complete by nature); a document whose hash
//!   or signature fails is refused (listed in [`SyncReport::refused`]) and never handed
//!   over. The provider's watermark moves only when its whole listing was processed.
//!
//! So on `Err` the state reflects exactly the units handed over; saving it, or keeping
//! the old one, are both consistent with an importer that upserts.
#![forbid(unsafe_code)]

mod config;
mod csaf;
mod error;
mod files;
mod http;
mod jvn;
mod limiter;
mod nvd;
mod osv;
mod sink;
mod spool;
mod state;

use std::sync::Arc;
use std::time::Duration;

use reqwest::Url;
use time::OffsetDateTime;

pub use config::{
    ApiKey, CsafConfig, CsafProviderConfig, EpssConfig, JvnConfig, KevConfig, NvdConfig, OsvConfig,
    SyncConfig,
};
pub use error::SyncError;
pub use limiter::RateLimiter;
pub use sink::{CollectSink, FeedSink, FeedSource, SinkError};
pub use state::{SyncState, Validators};

/// The wall clock a sync reads "now" from (NVD window ends, MyJVN dates).
pub type Clock = Arc<dyn Fn() -> OffsetDateTime + Send + Sync>;

/// What one source's sync did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SyncReport {
    /// Files handed to the sink.
    pub files: usize,
    /// Conditional requests answered "304 not modified" (nothing to do).
    pub not_modified: usize,
    /// Documents refused (CSAF hash or signature failures, unusable listing rows).
    pub refused: Vec<Refusal>,
}

/// A document that was not handed over, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// Where it was.
    pub url: String,
    /// Why it was refused.
    pub reason: String,
}

/// Parsed endpoint URLs.
#[derive(Debug)]
struct Urls {
    nvd: Url,
    osv: Url,
    kev: Url,
    epss: Url,
    jvn: Url,
}

/// Runs syncs with one configuration, one HTTP client and one NVD rate limiter.
pub struct Syncer {
    config: SyncConfig,
    urls: Urls,
    http: http::Http,
    nvd_limiter: RateLimiter,
    csaf_providers: Vec<csaf::Provider>,
    clock: Clock,
}

impl std::fmt::Debug for Syncer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Syncer")
            .field("config", &self.config)
            .field("urls", &self.urls)
            .finish_non_exhaustive()
    }
}

impl Syncer {
    /// Checks the configuration (URLs, NVD and MyJVN limits), reads the configured
    /// OpenPGP keys and builds the HTTP client.
    pub fn new(config: SyncConfig) -> Result<Self, SyncError> {
        let url = |what: &str, s: &str| {
            Url::parse(s).map_err(|e| SyncError::Config(format!("{what} url {s:?}: {e}")))
        };
        let urls = Urls {
            nvd: url("nvd", &config.nvd.url)?,
            osv: url("osv", &config.osv.base_url)?,
            kev: url("kev", &config.kev.url)?,
            epss: url("epss", &config.epss.url)?,
            jvn: url("jvn", &config.jvn.url)?,
        };
        let within = |what: &str, v: u32, max: u32| {
            if (1..=max).contains(&v) {
                Ok(())
            } else {
                Err(SyncError::Config(format!(
                    "{what} must be 1 to {max}, not {v}"
                )))
            }
        };
        within("nvd.results_per_page", config.nvd.results_per_page, 2000)?;
        within("nvd.window_days", config.nvd.window_days, 120)?;
        within("jvn.page_size", config.jvn.page_size, 50)?;
        within("jvn.detail_batch", config.jvn.detail_batch, 10)?;
        let mut csaf_providers = Vec::new();
        for p in &config.csaf.providers {
            let metadata_url = match (&p.metadata_url, &p.domain) {
                (Some(u), _) => url("csaf provider", u)?,
                (None, Some(d)) => url(
                    "csaf provider",
                    &format!("https://{d}/.well-known/csaf/provider-metadata.json"),
                )?,
                (None, None) => {
                    return Err(SyncError::Config(
                        "a csaf provider needs metadata_url or domain".into(),
                    ));
                }
            };
            let key = p.openpgp_key.as_deref().map(csaf::load_key).transpose()?;
            csaf_providers.push(csaf::Provider { metadata_url, key });
        }
        let per_window = config
            .nvd
            .requests_per_window
            .unwrap_or(if config.nvd.api_key.is_some() { 50 } else { 5 });
        let nvd_limiter =
            RateLimiter::new(per_window, Duration::from_secs(config.nvd.rate_window_secs));
        Ok(Syncer {
            http: http::Http::new(&config)?,
            urls,
            nvd_limiter,
            csaf_providers,
            clock: Arc::new(OffsetDateTime::now_utc),
            config,
        })
    }

    /// Replaces the wall clock (tests pin "now" with it).
    pub fn with_clock(
        mut self,
        clock: impl Fn() -> OffsetDateTime + Send + Sync + 'static,
    ) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// The configuration in use.
    pub fn config(&self) -> &SyncConfig {
        &self.config
    }

    /// The sources whose `enabled` flag is set, in [`FeedSource::ALL`] order.
    pub fn enabled_sources(&self) -> Vec<FeedSource> {
        let c = &self.config;
        FeedSource::ALL
            .into_iter()
            .filter(|s| match s {
                FeedSource::Nvd => c.nvd.enabled,
                FeedSource::Osv => c.osv.enabled,
                FeedSource::Kev => c.kev.enabled,
                FeedSource::Epss => c.epss.enabled,
                FeedSource::Jvn => c.jvn.enabled,
                FeedSource::Csaf => c.csaf.enabled,
            })
            .collect()
    }

    /// Syncs one source (enabled or not), handing its files to `sink` and advancing
    /// `state` per completed unit (see the crate docs).
    pub async fn sync<S: FeedSink>(
        &self,
        source: FeedSource,
        state: &mut SyncState,
        sink: &mut S,
    ) -> Result<SyncReport, SyncError> {
        let mut report = SyncReport::default();
        match source {
            FeedSource::Nvd => nvd::sync(self, &mut state.nvd, sink, &mut report).await?,
            FeedSource::Osv => osv::sync(self, state, sink, &mut report).await?,
            FeedSource::Kev => files::sync(self, source, &mut state.kev, sink, &mut report).await?,
            FeedSource::Epss => {
                files::sync(self, source, &mut state.epss, sink, &mut report).await?
            }
            FeedSource::Jvn => jvn::sync(self, state, sink, &mut report).await?,
            FeedSource::Csaf => csaf::sync(self, state, sink, &mut report).await?,
        }
        Ok(report)
    }

    /// Syncs every enabled source in turn; one source's failure does not stop the others.
    pub async fn sync_all<S: FeedSink>(
        &self,
        state: &mut SyncState,
        sink: &mut S,
    ) -> Vec<(FeedSource, Result<SyncReport, SyncError>)> {
        let mut out = Vec::new();
        for source in self.enabled_sources() {
            let result = self.sync(source, state, sink).await;
            out.push((source, result));
        }
        out
    }
}

/// Verifies a detached OpenPGP signature (armored or binary) over `data` with a public
/// key file's contents (armored or binary): the check CSAF documents get.
pub fn verify_detached_signature(
    public_key: &[u8],
    data: &[u8],
    signature: &[u8],
) -> Result<(), String> {
    use pgp::composed::{Deserializable, SignedPublicKey};
    let key = match SignedPublicKey::from_armor_single(std::io::Cursor::new(public_key)) {
        Ok((k, _)) => k,
        Err(_) => SignedPublicKey::from_bytes(std::io::Cursor::new(public_key))
            .map_err(|e| format!("unreadable public key: {e}"))?,
    };
    csaf::verify_signature(&key, data, signature)
}
