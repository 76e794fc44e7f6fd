//! The crate's error type: what went wrong and where in the file.

use std::fmt;

use mamori_model::SourceKind;

/// Where in a file a problem is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    /// A JSON pointer (RFC 6901) relative to the file's root; `""` is the whole document.
    Pointer(String),
    /// A line and column (1-based), for text formats and for JSON that does not parse.
    LineColumn {
        /// Line, 1-based.
        line: usize,
        /// Column, 1-based.
        column: usize,
    },
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Pointer(p) if p.is_empty() => f.write_str("/"),
            Location::Pointer(p) => f.write_str(p),
            Location::LineColumn { line, column } => write!(f, "{line}:{column}"),
        }
    }
}

/// A problem reading a feed file or one of its records.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FeedError {
    /// The bytes are not a well-formed document (bad syntax, truncated, wrong encoding).
    #[error("{file}:{location}: malformed {format}: {message}")]
    Malformed {
        /// File name as given to the reader.
        file: String,
        /// `JSON`, `YAML`, `XML` or `CSV`.
        format: &'static str,
        /// Where the reader gave up.
        location: Location,
        /// The parser's message.
        message: String,
    },
    /// A well-formed record that does not fit the feed's schema; the record is skipped.
    #[error("{file}:{location}: bad {feed} record{}: {message}", id.as_deref().filter(|i| !i.is_empty()).map(|i| format!(" {i}")).unwrap_or_default())]
    Record {
        /// File name as given to the reader.
        file: String,
        /// The feed.
        feed: SourceKind,
        /// Where the record, or the bad value inside it, is.
        location: Location,
        /// The record's id, when it could be read.
        id: Option<String>,
        /// What is wrong.
        message: String,
    },
    /// The document is well-formed but is not of the kind this reader reads.
    #[error("{file}: not a {expected} document: {message}")]
    WrongKind {
        /// File name as given to the reader.
        file: String,
        /// What the reader reads.
        expected: SourceKind,
        /// Why it was refused.
        message: String,
    },
}

impl FeedError {
    /// Where the problem is, when it has a place.
    pub fn location(&self) -> Option<&Location> {
        match self {
            FeedError::Malformed { location, .. } | FeedError::Record { location, .. } => {
                Some(location)
            }
            FeedError::WrongKind { .. } => None,
        }
    }
}
