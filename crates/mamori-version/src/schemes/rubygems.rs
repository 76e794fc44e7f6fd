//! RubyGems versions, ordered as `Gem::Version#<=>` orders them.
//!
//! A version is digits, then `.`-separated alphanumeric parts, optionally a
//! `-` and more parts (which RubyGems reads as `.pre.`, so `1.0-beta` is
//! `1.0.pre.beta`). It splits into segments, runs of digits (numbers of any
//! size) and runs of letters; any letter makes a pre-release. Comparison
//! uses the canonical segments: trailing zeros are dropped from the numeric
//! prefix and from the rest (`1.0.a == 1.a`, `1.0 == 1`), then the segments
//! compare pairwise with a missing one counting as 0, a letter run below any
//! number and letter runs compared byte by byte (`1.0.a10 > 1.0.a9`,
//! `1.0.b1 > 1.0.a.2`). Blank text is version `0`, as in RubyGems.
//!
//! The parser accepts RubyGems' version pattern plus one relaxation: letters
//! right after the first number (`1beta`), which RubyGems' pattern refuses
//! but which appear in advisory data and segment the same way (`1.beta`).

use std::cmp::Ordering;
use std::fmt;

use super::num::Num;
use crate::{ParseError, Scheme};

/// One segment of a gem version.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Seg {
    Num(Num),
    Str(Box<str>),
}

impl Seg {
    fn is_zero(&self) -> bool {
        matches!(self, Seg::Num(n) if n.is_zero())
    }
}

/// A RubyGems version.
#[derive(Clone, Debug)]
pub struct RubyGemsVersion {
    text: Box<str>,
    /// The canonical segments (never ending in a zero).
    segs: Vec<Seg>,
    prerelease: bool,
}

/// Ruby's `\s`.
fn is_ruby_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c')
}

/// RubyGems' version pattern `[0-9]+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?`,
/// with the first part relaxed to `[0-9][0-9a-zA-Z]*`.
fn well_formed(v: &str) -> bool {
    let (head, tail) = match v.split_once('-') {
        Some((h, t)) => (h, Some(t)),
        None => (v, None),
    };
    let mut parts = head.split('.');
    let first_ok = parts.next().is_some_and(|p| {
        p.bytes().next().is_some_and(|b| b.is_ascii_digit())
            && p.bytes().all(|b| b.is_ascii_alphanumeric())
    });
    let rest_ok = parts.all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric()));
    let tail_ok = tail.is_none_or(|t| {
        t.split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
    });
    first_ok && rest_ok && tail_ok
}

impl RubyGemsVersion {
    /// Parses `1.2.3`, `1.0.0.rc1`, `2.0.0-beta.2`; blank text is `0`.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let trimmed = s.trim_matches(is_ruby_space);
        let body = if trimmed.is_empty() { "0" } else { trimmed };
        if !well_formed(body) {
            return Err(ParseError::new(
                Scheme::RubyGems,
                s,
                "malformed version number string",
            ));
        }
        let mut segs = Vec::new();
        let mut prerelease = false;
        let bytes = body.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let start = i;
            if bytes[i].is_ascii_digit() {
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                if let Some(n) = Num::parse(&body[start..i]) {
                    segs.push(Seg::Num(n));
                }
            } else if bytes[i].is_ascii_alphabetic() {
                while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                    i += 1;
                }
                segs.push(Seg::Str(body[start..i].into()));
                prerelease = true;
            } else {
                // `.` and `-`: a `-` adds a `pre` segment.
                if bytes[i] == b'-' {
                    segs.push(Seg::Str("pre".into()));
                    prerelease = true;
                }
                i += 1;
            }
        }
        Ok(RubyGemsVersion {
            text: s.into(),
            segs: canonical(segs),
            prerelease,
        })
    }

    /// The version as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether any segment has a letter (or the version has a `-`).
    pub fn is_prerelease(&self) -> bool {
        self.prerelease
    }
}

/// Drops trailing zeros from the numeric prefix and from the rest.
fn canonical(mut segs: Vec<Seg>) -> Vec<Seg> {
    let split = segs
        .iter()
        .position(|s| matches!(s, Seg::Str(_)))
        .unwrap_or(segs.len());
    let mut rest = segs.split_off(split);
    while segs.last().is_some_and(Seg::is_zero) {
        segs.pop();
    }
    while rest.last().is_some_and(Seg::is_zero) {
        rest.pop();
    }
    segs.extend(rest);
    segs
}

const ZERO: Seg = Seg::Num(Num::Small(0));

fn cmp_seg(a: &Seg, b: &Seg) -> Ordering {
    match (a, b) {
        (Seg::Num(x), Seg::Num(y)) => x.cmp(y),
        (Seg::Str(x), Seg::Str(y)) => x.as_bytes().cmp(y.as_bytes()),
        (Seg::Str(_), Seg::Num(_)) => Ordering::Less,
        (Seg::Num(_), Seg::Str(_)) => Ordering::Greater,
    }
}

impl Ord for RubyGemsVersion {
    fn cmp(&self, other: &Self) -> Ordering {
        let n = self.segs.len().max(other.segs.len());
        for i in 0..n {
            let a = self.segs.get(i).unwrap_or(&ZERO);
            let b = other.segs.get(i).unwrap_or(&ZERO);
            let r = cmp_seg(a, b);
            if r != Ordering::Equal {
                return r;
            }
        }
        Ordering::Equal
    }
}

impl PartialOrd for RubyGemsVersion {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for RubyGemsVersion {
    fn eq(&self, other: &Self) -> bool {
        // Canonical segments never end in zero, so padding with zeros makes
        // two of them compare equal only when they are identical.
        self.segs == other.segs
    }
}

impl Eq for RubyGemsVersion {}

impl std::hash::Hash for RubyGemsVersion {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.segs.hash(state);
    }
}

impl fmt::Display for RubyGemsVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_and_refuses_like_rubygems() {
        for (input, ok) in [
            ("1.2.3", true),
            (" 1.0 ", true),
            ("", true),
            ("1.0.0-beta.2", true),
            ("1.0-x-y", true),
            ("1.0.a", true),
            ("a", false),
            ("1beta", true),
            ("1..0", false),
            ("1.0-", false),
            ("1.0.", false),
            ("1 0", false),
            ("1.0_1", false),
        ] {
            assert_eq!(RubyGemsVersion::parse(input).is_ok(), ok, "{input:?}");
        }
        assert!(RubyGemsVersion::parse("1.0-x").unwrap().is_prerelease());
        assert!(!RubyGemsVersion::parse("1.0").unwrap().is_prerelease());
    }
}
