//! Vulnerability feed readers: bytes of one feed file in, [`mamori_model`] values out.
//!
//! Every reader is pure (`&[u8]` in, values out; no files, network or clock)
//! and record-tolerant: a file with many records yields one
//! `Result<_, FeedError>` per record, so one bad record is reported with the
//! JSON pointer of its place in the file and skipped while the others are read.
//! A file that cannot be read at all (truncated, not JSON) yields the records
//! read before the damage plus one error.
//!
//! [`detect`] decides which reader a file needs by its content (the file name
//! is consulted only when the content does not decide), so an importer can be
//! pointed at a mixed folder.
//!
//! Grouping records of different feeds that describe the same vulnerability
//! is in [`alias`].

#![forbid(unsafe_code)]

pub mod alias;
pub mod cve5;
mod detect;
mod error;
pub mod nvd;
pub mod osv;
mod util;
// The second feeds engineer adds these as they land:
pub mod csaf;
mod csaf_tree;
pub mod epss;
pub mod jvn;
pub mod kev;

pub use detect::detect;
pub use error::{FeedError, Location};
pub use mamori_model::SourceKind;

/// What a reader returns: one entry per record, in file order.
pub type Records<T> = Vec<Result<T, FeedError>>;
