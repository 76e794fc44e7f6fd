//! Hackage (Haskell) package versions, ordered as Cabal's `Version` orders them.
//!
//! A version is one or more non-negative integers separated by `.`
//! (`0.1.0.0`). Cabal refuses leading zeros (`1.01`) and parts of more than
//! nine digits, and so does this parser. Versions compare number by number,
//! a prefix first, so trailing zeros count (`1.0 < 1.0.0`), which is the
//! PVP's order.

use std::fmt;

use smallvec::SmallVec;

use crate::{ParseError, Scheme};

/// A Haskell package version.
#[derive(Clone, Debug)]
pub struct HackageVersion {
    text: Box<str>,
    parts: SmallVec<[u32; 4]>,
}

impl HackageVersion {
    /// Parses `1`, `0.1.0.0`.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let err = |reason: &'static str| ParseError::new(Scheme::Hackage, s, reason);
        if s.is_empty() {
            return Err(err("version string is empty"));
        }
        let mut parts = SmallVec::new();
        for part in s.split('.') {
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err("expected numbers separated by '.'"));
            }
            if part.len() > 1 && part.starts_with('0') {
                return Err(err("version number part with a leading zero"));
            }
            if part.len() > 9 {
                return Err(err("version number part longer than nine digits"));
            }
            // At most nine digits: always fits.
            parts.push(part.parse().map_err(|_| err("invalid number"))?);
        }
        Ok(HackageVersion {
            text: s.into(),
            parts,
        })
    }

    /// The version as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The numbers of the version.
    pub fn parts(&self) -> &[u32] {
        &self.parts
    }
}

impl PartialEq for HackageVersion {
    fn eq(&self, other: &Self) -> bool {
        self.parts == other.parts
    }
}

impl Eq for HackageVersion {}

impl std::hash::Hash for HackageVersion {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.parts.hash(state);
    }
}

impl Ord for HackageVersion {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.parts.cmp(&other.parts)
    }
}

impl PartialOrd for HackageVersion {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for HackageVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_cabal_refuses() {
        for input in [
            "",
            ".",
            "1.",
            ".1",
            "1..2",
            "01",
            "1.02",
            "1234567890",
            "1.0-tag",
            "v1",
        ] {
            assert!(HackageVersion::parse(input).is_err(), "{input:?}");
        }
        assert_eq!(
            HackageVersion::parse("0.10.0").unwrap().parts(),
            &[0, 10, 0]
        );
    }
}
