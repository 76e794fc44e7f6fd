//! Where downloaded files go: the caller's importer, behind a small trait.

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;

use serde::{Deserialize, Serialize};

/// The error a sink may return; the sync wraps it in `SyncError::Sink`.
pub type SinkError = Box<dyn StdError + Send + Sync>;

/// Which downloader a file comes from (the importer picks its reader from this and,
/// where it must, the file's name: NVD pages, OSV JSON entries, the KEV catalog, the
/// gzip EPSS CSV, MyJVN VULDEF XML, CSAF JSON documents).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FeedSource {
    /// NVD CVE API 2.0 pages.
    Nvd,
    /// OSV archive entries.
    Osv,
    /// CISA KEV catalog.
    Kev,
    /// EPSS scores.
    Epss,
    /// MyJVN `getVulnDetailInfo` responses.
    Jvn,
    /// CSAF advisories.
    Csaf,
}

impl FeedSource {
    /// Every source, in the order `sync_all` runs them.
    pub const ALL: [FeedSource; 6] = [
        FeedSource::Nvd,
        FeedSource::Osv,
        FeedSource::Kev,
        FeedSource::Epss,
        FeedSource::Jvn,
        FeedSource::Csaf,
    ];

    /// Lower-case name (`nvd`, `osv`, …), the same words as the store's source kinds.
    pub fn as_str(self) -> &'static str {
        match self {
            FeedSource::Nvd => "nvd",
            FeedSource::Osv => "osv",
            FeedSource::Kev => "kev",
            FeedSource::Epss => "epss",
            FeedSource::Jvn => "jvn",
            FeedSource::Csaf => "csaf",
        }
    }
}

impl fmt::Display for FeedSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Receives each complete, verified file. The intended implementation imports one file
/// per database transaction; an `Err` stops the sync, which then leaves the state of the
/// current unit unchanged.
pub trait FeedSink {
    /// Takes one file. `name` is unique within a sync and safe as a label (no
    /// directories are implied by it).
    fn accept(
        &mut self,
        source: FeedSource,
        name: &str,
        bytes: Vec<u8>,
    ) -> impl Future<Output = Result<(), SinkError>> + Send;
}

/// A sink that keeps every file in memory, in arrival order (for tests and tools).
#[derive(Debug, Default, Clone)]
pub struct CollectSink {
    /// The files received: source, name, bytes.
    pub files: Vec<(FeedSource, String, Vec<u8>)>,
}

impl FeedSink for CollectSink {
    async fn accept(
        &mut self,
        source: FeedSource,
        name: &str,
        bytes: Vec<u8>,
    ) -> Result<(), SinkError> {
        self.files.push((source, name.to_owned(), bytes));
        Ok(())
    }
}
