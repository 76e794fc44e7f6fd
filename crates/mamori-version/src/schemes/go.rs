//! Go module versions: SemVer with a `v`, `+incompatible` and pseudo-versions.
//!
//! Pseudo-versions (`v0.0.0-20191109021931-daa7c04131f5`,
//! `v1.2.4-pre.0.20191109021931-daa7c04131f5`) are ordinary SemVer
//! pre-releases whose identifiers were chosen so that SemVer precedence puts
//! them where Go wants them, so no special case is needed; `+incompatible` is
//! build metadata and is ignored, as the `go` command does. The `v` is
//! optional because OSV data writes Go versions without it (`1.2.3`). As in
//! `golang.org/x/mod/semver`, `v1` and `v1.2` stand for `v1.0.0` and `v1.2.0`,
//! numbers may be of any size but have no leading zeros.

use std::fmt;

use super::semver::{Dialect, SemverVersion};
use crate::ParseError;

/// A Go module version.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GoVersion(SemverVersion);

impl GoVersion {
    /// Parses `v1.2.3`, `1.2.3`, `v1.2.3+incompatible`, pseudo-versions.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        SemverVersion::parse_dialect(s, Dialect::Go).map(GoVersion)
    }

    /// The version as written.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The SemVer view of this version.
    pub fn semver(&self) -> &SemverVersion {
        &self.0
    }
}

impl fmt::Display for GoVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
