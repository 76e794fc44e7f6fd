//! The one error type of the downloaders: every variant names the URL or file it is about.

use std::error::Error as StdError;

/// Why a sync (or loading its configuration) failed.
///
/// A sync that returns one of these has handed no partial unit (NVD window, MyJVN run,
/// single file) to the sink and has not advanced the state for that unit.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SyncError {
    /// The configuration is unusable.
    #[error("bad sync configuration: {0}")]
    Config(String),
    /// The TOML configuration could not be read.
    #[error("bad sync configuration: {0}")]
    Toml(#[from] toml::de::Error),
    /// An OpenPGP key file could not be read or parsed.
    #[error("openpgp key {path}: {detail}")]
    Key {
        /// The configured key path.
        path: String,
        /// What went wrong.
        detail: String,
    },
    /// The HTTP client itself could not be built.
    #[error("http client: {0}")]
    Client(#[source] reqwest::Error),
    /// Connecting, sending or reading failed (timeouts included), after the retries.
    #[error("request to {url} failed: {source}")]
    Transport {
        /// The URL requested (without credentials).
        url: String,
        /// The client's error.
        #[source]
        source: reqwest::Error,
    },
    /// The server answered with a status that is neither success nor retried away.
    #[error("{url} answered http {status}")]
    Status {
        /// The URL requested.
        url: String,
        /// The HTTP status code.
        status: u16,
    },
    /// The server asked us to wait longer than the configured maximum.
    #[error("{url} asked to retry after {seconds} s, more than the configured maximum")]
    RetryAfterTooLong {
        /// The URL requested.
        url: String,
        /// The wait the server asked for.
        seconds: u64,
    },
    /// The response body is larger than the configured maximum.
    #[error("{url} sent more than {limit} bytes")]
    TooLarge {
        /// The URL requested.
        url: String,
        /// The configured maximum.
        limit: u64,
    },
    /// A response that paging depends on is not the JSON it should be.
    #[error("{url}: malformed json: {source}")]
    Json {
        /// The URL requested.
        url: String,
        /// The parser's error.
        #[source]
        source: serde_json::Error,
    },
    /// A MyJVN response is not well-formed XML.
    #[error("{url}: malformed xml: {source}")]
    Xml {
        /// The URL requested.
        url: String,
        /// The parser's error.
        #[source]
        source: roxmltree::Error,
    },
    /// A response is well-formed but its paging fields do not add up.
    #[error("{url}: {detail}")]
    Paging {
        /// The URL requested.
        url: String,
        /// What does not add up.
        detail: String,
    },
    /// MyJVN reported an error in its status node.
    #[error("{url}: myjvn error {code}: {message}")]
    MyJvn {
        /// The URL requested.
        url: String,
        /// MyJVN's `errCd`.
        code: String,
        /// MyJVN's `errMsg`.
        message: String,
    },
    /// An OSV archive is not a readable zip.
    #[error("{name}: bad zip archive: {detail}")]
    Zip {
        /// The archive's name.
        name: String,
        /// What is wrong with it.
        detail: String,
    },
    /// A gzip file does not decompress.
    #[error("{name}: bad gzip data: {source}")]
    Gzip {
        /// The file's name.
        name: String,
        /// The decoder's error.
        #[source]
        source: std::io::Error,
    },
    /// A CSAF provider's metadata, feed or directory listing is unusable.
    #[error("{url}: {detail}")]
    Csaf {
        /// The URL requested.
        url: String,
        /// What is wrong.
        detail: String,
    },
    /// Spooling downloaded pages to a temporary file failed.
    #[error("spooling downloaded pages: {0}")]
    Spool(#[source] std::io::Error),
    /// The sink refused a file.
    #[error("sink refused {name}: {source}")]
    Sink {
        /// The file's name as handed to the sink.
        name: String,
        /// The sink's error.
        #[source]
        source: Box<dyn StdError + Send + Sync>,
    },
}
