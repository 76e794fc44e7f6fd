//! Package URLs and CPE names: parse, canonicalize, match — pure.
//!
//! Three parts, all values in, values out (no IO):
//!
//! - [`Purl`]: package URLs per the purl specification (ECMA-427) and the
//!   registered type definitions. A `Purl` is always canonical; parsing
//!   normalizes what the specification tells parsers to normalize and rejects
//!   the rest. `Display` writes the canonical string.
//! - [`osv_package`] / [`purl_from_osv`]: the mapping between package URLs and
//!   OSV `(ecosystem, name)` pairs, including distribution releases taken from
//!   the `distro` qualifier.
//! - [`cpe`]: CPE 2.3 formatted strings and CPE 2.2 URIs bound to and from
//!   well-formed names (NISTIR 7695), and name matching (NISTIR 7696).
//!
//! Design choices: the purl parser works on `&str` slices and allocates only
//! for the decoded parts it keeps; CPE values are lower-cased when parsed so
//! that matching compares bytes and never allocates.

#![forbid(unsafe_code)]

pub mod cpe;
mod osv;
mod purl;

pub use cpe::{AttrRelation, AttrValue, Cpe, CpeError, CpeRelation, compare, compare_attr};
pub use osv::{OsvPackage, osv_package, purl_from_osv};
pub use purl::{Component, Purl, PurlBuilder, PurlError};
