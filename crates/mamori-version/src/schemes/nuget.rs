//! NuGet versions: SemVer 2 with up to four numbers and case-insensitive labels.
//!
//! NuGet accepts one to four release numbers, missing ones are zero, and
//! leading zeros are not significant (`1.0.01 == 1.0.1.0`). Pre-release
//! labels compare as in SemVer 2 except that words ignore ASCII case
//! (`1.0.0-BETA == 1.0.0-beta`); metadata after `+` is ignored.

use std::fmt;

use super::semver::{Dialect, SemverVersion};
use crate::ParseError;

/// A NuGet package version.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NuGetVersion(SemverVersion);

impl NuGetVersion {
    /// Parses `1.0`, `1.2.3.4`, `1.0.0-beta.1+meta`.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        SemverVersion::parse_dialect(s, Dialect::NuGet).map(NuGetVersion)
    }

    /// The version as written.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

impl fmt::Display for NuGetVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
