//! CRAN (R package) versions, ordered as R's `package_version` orders them.
//!
//! A version is at least two non-negative integers separated by `.` or `-`
//! (`1.0-3`, `0.9.12.1`); the separator carries no meaning. Versions compare
//! number by number, and a version that is a prefix of another is older
//! (`0.1.0 < 0.1.0.0`), so trailing zeros count. Leading zeros do not
//! (`0.01 = 0.1`). Surrounding whitespace is ignored, as R ignores it.

use std::fmt;

use super::num::Num;
use crate::{ParseError, Scheme};

/// An R package version.
#[derive(Clone, Debug)]
pub struct CranVersion {
    text: Box<str>,
    parts: Vec<Num>,
}

impl CranVersion {
    /// Parses `1.2-3`, `0.9.12.1`.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let err = |reason: &'static str| ParseError::new(Scheme::Cran, s, reason);
        let trimmed = s.trim();
        if trimmed.is_empty() {
            return Err(err("version string is empty"));
        }
        let parts = trimmed
            .split(['.', '-'])
            .map(|p| Num::parse(p).ok_or_else(|| err("expected numbers separated by '.' or '-'")))
            .collect::<Result<Vec<_>, _>>()?;
        if parts.len() < 2 {
            return Err(err("a package version has at least two numbers"));
        }
        Ok(CranVersion {
            text: s.into(),
            parts,
        })
    }

    /// The version as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl PartialEq for CranVersion {
    fn eq(&self, other: &Self) -> bool {
        self.parts == other.parts
    }
}

impl Eq for CranVersion {}

impl std::hash::Hash for CranVersion {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.parts.hash(state);
    }
}

impl Ord for CranVersion {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        // Lexicographic, a prefix first: R's order exactly.
        self.parts.cmp(&other.parts)
    }
}

impl PartialOrd for CranVersion {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for CranVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_r_refuses() {
        for input in ["", "1", "1.", "1..2", "1.a", "v1.2", "1.2_3", "-1.2"] {
            assert!(CranVersion::parse(input).is_err(), "{input:?}");
        }
        assert!(CranVersion::parse(" 1.2-3 ").is_ok());
    }
}
