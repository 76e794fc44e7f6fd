//! What to download and how politely: read from TOML by the caller, checked by `Syncer::new`.

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::SyncError;

/// Download settings for every source. Every field has a default, so an empty TOML
/// document is a valid configuration (all public feeds, no API key, no CSAF providers).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SyncConfig {
    /// `User-Agent` sent with every request.
    pub user_agent: String,
    /// Whole-request timeout (connect, headers and body), in milliseconds.
    pub request_timeout_ms: u64,
    /// Connect timeout, in milliseconds.
    pub connect_timeout_ms: u64,
    /// Largest response body accepted, in bytes (bodies are held in memory).
    pub max_response_bytes: u64,
    /// Retries after a 429, a 5xx or a transport error (0 = try once).
    pub max_retries: u32,
    /// First back-off wait in milliseconds; doubles on each retry unless the server
    /// sends `Retry-After`.
    pub backoff_base_ms: u64,
    /// Longest single wait (back-off or `Retry-After`), in seconds; a server asking for
    /// more fails the request instead of stalling the sync.
    pub max_retry_wait_secs: u64,
    /// NVD CVE API 2.0.
    pub nvd: NvdConfig,
    /// OSV per-ecosystem archives.
    pub osv: OsvConfig,
    /// CISA Known Exploited Vulnerabilities catalog (JSON).
    pub kev: KevConfig,
    /// FIRST EPSS daily scores (CSV, gzip).
    pub epss: EpssConfig,
    /// MyJVN API (JVN iPedia).
    pub jvn: JvnConfig,
    /// CSAF providers.
    pub csaf: CsafConfig,
}

impl Default for SyncConfig {
    fn default() -> Self {
        SyncConfig {
            user_agent: concat!("mamori/", env!("CARGO_PKG_VERSION"), " (psirt feed sync)").into(),
            request_timeout_ms: 300_000,
            connect_timeout_ms: 15_000,
            max_response_bytes: 1 << 30,
            max_retries: 4,
            backoff_base_ms: 2_000,
            max_retry_wait_secs: 120,
            nvd: NvdConfig::default(),
            osv: OsvConfig::default(),
            kev: KevConfig::default(),
            epss: EpssConfig::default(),
            jvn: JvnConfig::default(),
            csaf: CsafConfig::default(),
        }
    }
}

impl SyncConfig {
    /// Reads a configuration from TOML text; missing keys take their defaults.
    pub fn from_toml_str(text: &str) -> Result<Self, SyncError> {
        Ok(toml::from_str(text)?)
    }
}

/// An API key: kept out of `Debug` output and logs.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ApiKey(String);

impl ApiKey {
    /// Wraps a key.
    pub fn new(key: impl Into<String>) -> Self {
        ApiKey(key.into())
    }

    /// The key itself, for the request header.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(***)")
    }
}

/// NVD CVE API 2.0 settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NvdConfig {
    /// Whether `sync_all` includes this source.
    pub enabled: bool,
    /// The CVE API endpoint.
    pub url: String,
    /// Sent as the `apiKey` header; raises the published limit from 5 to 50 requests
    /// per 30 seconds.
    pub api_key: Option<ApiKey>,
    /// `resultsPerPage` (NVD allows at most 2000).
    pub results_per_page: u32,
    /// Length of one `lastModStartDate`/`lastModEndDate` window (NVD allows at most 120).
    pub window_days: u32,
    /// Requests allowed per rate window; defaults to NVD's published 5, or 50 with a key.
    pub requests_per_window: Option<u32>,
    /// Length of the rolling rate window in seconds (NVD: 30).
    pub rate_window_secs: u64,
}

impl Default for NvdConfig {
    fn default() -> Self {
        NvdConfig {
            enabled: true,
            url: "https://services.nvd.nist.gov/rest/json/cves/2.0".into(),
            api_key: None,
            results_per_page: 2000,
            window_days: 120,
            requests_per_window: None,
            rate_window_secs: 30,
        }
    }
}

/// OSV settings: one `{base_url}/{ecosystem}/all.zip` per ecosystem.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OsvConfig {
    /// Whether `sync_all` includes this source.
    pub enabled: bool,
    /// Bucket URL the ecosystem folders hang off.
    pub base_url: String,
    /// Ecosystem folder names as OSV spells them (`PyPI`, `crates.io`, `Debian:12`…).
    pub ecosystems: Vec<String>,
    /// Largest decompressed archive entry, in bytes.
    pub max_entry_bytes: u64,
    /// Largest decompressed archive in total, in bytes (a guard against zip bombs).
    pub max_unpacked_bytes: u64,
}

impl Default for OsvConfig {
    fn default() -> Self {
        OsvConfig {
            enabled: true,
            base_url: "https://osv-vulnerabilities.storage.googleapis.com".into(),
            ecosystems: [
                "PyPI",
                "npm",
                "Maven",
                "Go",
                "crates.io",
                "NuGet",
                "RubyGems",
                "Packagist",
            ]
            .map(String::from)
            .to_vec(),
            max_entry_bytes: 64 << 20,
            max_unpacked_bytes: 8 << 30,
        }
    }
}

/// CISA KEV settings (a single JSON file).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct KevConfig {
    /// Whether `sync_all` includes this source.
    pub enabled: bool,
    /// Where the catalog is.
    pub url: String,
}

impl Default for KevConfig {
    fn default() -> Self {
        KevConfig {
            enabled: true,
            url: "https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json"
                .into(),
        }
    }
}

/// EPSS settings (a single gzip-compressed CSV file).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EpssConfig {
    /// Whether `sync_all` includes this source.
    pub enabled: bool,
    /// Where the current scores are.
    pub url: String,
}

impl Default for EpssConfig {
    fn default() -> Self {
        EpssConfig {
            enabled: true,
            url: "https://epss.empiricalsecurity.com/epss_scores-current.csv.gz".into(),
        }
    }
}

/// MyJVN API settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct JvnConfig {
    /// Whether `sync_all` includes this source.
    pub enabled: bool,
    /// The MyJVN endpoint.
    pub url: String,
    /// Languages to fetch (`ja`, `en`); each keeps its own watermark.
    pub languages: Vec<String>,
    /// How far back the first sync reaches (by last-update date), in days.
    pub initial_days: u32,
    /// `maxCountItem` of `getVulnOverviewList` (MyJVN allows at most 50).
    pub page_size: u32,
    /// Ids per `getVulnDetailInfo` request (MyJVN allows at most 10).
    pub detail_batch: u32,
}

impl Default for JvnConfig {
    fn default() -> Self {
        JvnConfig {
            enabled: true,
            url: "https://jvndb.jvn.jp/myjvn".into(),
            languages: vec!["ja".into(), "en".into()],
            initial_days: 365,
            page_size: 50,
            detail_batch: 10,
        }
    }
}

/// CSAF settings.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CsafConfig {
    /// Whether `sync_all` includes this source.
    pub enabled: bool,
    /// The providers to follow.
    pub providers: Vec<CsafProviderConfig>,
}

/// One CSAF provider: either its `provider-metadata.json` URL or its domain (then
/// `https://DOMAIN/.well-known/csaf/provider-metadata.json` is used).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CsafProviderConfig {
    /// Full URL of `provider-metadata.json`.
    pub metadata_url: Option<String>,
    /// The provider's domain.
    pub domain: Option<String>,
    /// OpenPGP public key (armored or binary) that must have signed every document;
    /// without one, documents are checked by hash only.
    pub openpgp_key: Option<PathBuf>,
}
