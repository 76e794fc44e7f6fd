//! Dart pub versions: SemVer, except that build metadata counts.
//!
//! pub (`pub_semver`) orders two versions that differ only in build metadata
//! by that metadata, compared like pre-release identifiers, and puts a version
//! with build metadata after the same version without it
//! (`1.0.0-pre < 1.0.0-pre+build < 1.0.0 < 1.0.0+build`). The text accepted is
//! the lenient SemVer dialect (optional `v`, numbers of any size), as OSV
//! tooling reads pub versions.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

use super::semver::{Dialect, SemverVersion};
use crate::{ParseError, Scheme};

/// A Dart pub package version.
#[derive(Clone, Debug)]
pub struct PubVersion(SemverVersion);

impl PubVersion {
    /// Parses `1.2.3`, `1.2.3-dev.1+build.4`.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        SemverVersion::parse_dialect(s, Dialect::Lenient)
            .map(PubVersion)
            .map_err(|e| e.with_scheme(Scheme::Pub))
    }

    /// The version as written.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

impl Ord for PubVersion {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.cmp(&other.0).then_with(|| {
            let (a, b) = (self.0.build(), other.0.build());
            // Without build metadata sorts first, the reverse of pre-releases.
            match (a.is_empty(), b.is_empty()) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Less,
                (false, true) => Ordering::Greater,
                (false, false) => a.cmp(b),
            }
        })
    }
}

impl PartialOrd for PubVersion {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for PubVersion {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for PubVersion {}

impl Hash for PubVersion {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.hash(state);
        self.0.build().hash(state);
    }
}

impl fmt::Display for PubVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
