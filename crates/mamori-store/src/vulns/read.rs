//! One feed file read into records: the reader chosen by `--source` or by content, bad records set aside.

use mamori_feeds::{FeedError, SourceKind};
use mamori_model::{EpssScore, KevEntry, Vulnerability};

/// One record of a feed file, of whatever kind the feed carries.
#[derive(Clone, Debug, PartialEq)]
pub enum FeedRecord {
    /// A vulnerability record (OSV, NVD, CVE 5, JVN, CSAF).
    Vulnerability(Box<Vulnerability>),
    /// A KEV catalog entry.
    Kev(KevEntry),
    /// An EPSS score.
    Epss(EpssScore),
}

/// A feed file read and ready to store: its records, and the records the reader refused.
#[derive(Clone, Debug)]
pub struct FeedFile {
    /// The file name as given (shown in messages and kept as provenance).
    pub file_name: String,
    /// The feed.
    pub source: SourceKind,
    /// Good records in file order.
    pub records: Vec<FeedRecord>,
    /// Records the reader refused, each with the file and its place; they are skipped.
    pub rejected: Vec<FeedError>,
    /// The document the records belong to, when a feed's record ids are only
    /// unique within it (a CSAF tracking id: two vendors' advisories may both
    /// describe CVE-2019-12255).
    pub document: Option<String>,
    /// SHA-256 of the file's bytes (hex) when it was read from bytes. A file stored whole (no
    /// record refused) is remembered by name and hash, so importing it again can skip reading it.
    pub sha256: Option<String>,
}

/// The SHA-256 of a feed file's bytes, hex, as [`FeedFile::sha256`] and
/// [`crate::Store::imported_files`] hold it.
pub fn file_digest(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

/// Why a whole file cannot be imported; nothing of it is stored.
#[derive(Debug, thiserror::Error)]
pub enum FeedFileError {
    /// Neither `--source` nor the content says which feed the file is.
    #[error("{file}: not a vulnerability feed file (OSV, NVD, CVE 5, KEV, EPSS, JVN or CSAF)")]
    Unrecognized {
        /// The file.
        file: String,
    },
    /// The file is malformed or of another kind than `--source` says.
    #[error("{0}")]
    Bad(FeedError),
    /// The database refused the file's records.
    #[error("{file}: {source}")]
    Store {
        /// The file.
        file: String,
        /// Why.
        source: crate::StoreError,
    },
}

impl FeedFile {
    /// Reads `bytes` with the reader for `source`, or for the feed the content
    /// shows when `source` is `None`.
    ///
    /// A file that breaks off or is of the wrong kind is an error as a whole,
    /// so an import never keeps half a damaged file; a record that does not fit
    /// its feed's schema is set aside in [`FeedFile::rejected`].
    pub fn read(
        file_name: &str,
        bytes: &[u8],
        source: Option<SourceKind>,
    ) -> Result<FeedFile, FeedFileError> {
        let source = match source.or_else(|| mamori_feeds::detect(file_name, bytes)) {
            Some(s) => s,
            None => {
                return Err(FeedFileError::Unrecognized {
                    file: file_name.to_owned(),
                });
            }
        };
        let mut document = None;
        let results: Vec<Result<FeedRecord, FeedError>> = match source {
            SourceKind::Osv => boxed(mamori_feeds::osv::read(file_name, bytes)),
            SourceKind::Nvd => boxed(mamori_feeds::nvd::read(file_name, bytes)),
            SourceKind::Cve5 => boxed(mamori_feeds::cve5::read(file_name, bytes)),
            SourceKind::Kev => mamori_feeds::kev::read(file_name, bytes)
                .entries
                .into_iter()
                .map(|r| r.map(FeedRecord::Kev))
                .collect(),
            SourceKind::Epss => mamori_feeds::epss::read(file_name, bytes)
                .scores
                .into_iter()
                .map(|r| r.map(FeedRecord::Epss))
                .collect(),
            SourceKind::Jvn => mamori_feeds::jvn::read(file_name, bytes)
                .map_err(FeedFileError::Bad)?
                .entries
                .into_iter()
                .map(|r| r.map(|e| FeedRecord::Vulnerability(Box::new(e.vulnerability))))
                .collect(),
            SourceKind::Csaf => {
                let doc = mamori_feeds::csaf::read(file_name, bytes).map_err(FeedFileError::Bad)?;
                document = Some(doc.tracking_id);
                doc.vulnerabilities
                    .into_iter()
                    .map(|r| r.map(|v| FeedRecord::Vulnerability(Box::new(v.vulnerability))))
                    .collect()
            }
        };
        let mut records = Vec::with_capacity(results.len());
        let mut rejected = Vec::new();
        for r in results {
            match r {
                Ok(rec) => records.push(rec),
                Err(e @ FeedError::Record { .. }) => rejected.push(e),
                Err(e) => return Err(FeedFileError::Bad(e)),
            }
        }
        Ok(FeedFile {
            file_name: file_name.to_owned(),
            source,
            records,
            rejected,
            document,
            sha256: Some(file_digest(bytes)),
        })
    }
}

fn boxed(v: Vec<Result<Vulnerability, FeedError>>) -> Vec<Result<FeedRecord, FeedError>> {
    v.into_iter()
        .map(|r| r.map(|v| FeedRecord::Vulnerability(Box::new(v))))
        .collect()
}
