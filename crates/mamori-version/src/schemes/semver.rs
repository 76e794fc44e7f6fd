//! SemVer 2.0.0 precedence, with the syntax dialects of the ecosystems that use it.
//!
//! One parser serves several schemes because they share the order and differ
//! only in what text they accept:
//! - [`Dialect::Strict`] (crates.io, Hex): exactly `MAJOR.MINOR.PATCH`, no
//!   leading zeros, numbers fit in 64 bits.
//! - [`Dialect::Npm`]: node-semver's loose mode — surrounding spaces, any mix
//!   of `v`, `=` and spaces before the number (`= v 1.2.3`), leading zeros,
//!   an optional `-` before the pre-release (`1.2.3beta`), numbers at most
//!   2^53 − 1 and inputs at most 256 characters, as npm enforces.
//! - [`Dialect::Lenient`] (the generic `semver` scheme, as OSV `SEMVER` ranges
//!   are written in practice): an optional `v`, one or more release numbers of
//!   any size (`1` is `1.0.0`; `1.2.3.4` is kept and orders after `1.2.3`).
//! - Go, NuGet and Pub wrap this type with their own dialects; see their modules.
//!
//! Build metadata (`+…`) is kept but does not count for ordering, as SemVer
//! says. To keep `Eq` agreeing with `Ord`, it does not count for equality
//! either: `1.2.3+a == 1.2.3+b`, although their [`Display`](std::fmt::Display)
//! differs. Release numbers are compared as if padded with zeros, so in the
//! dialects that allow fewer or more than three, `1.2 == 1.2.0 == 1.2.0.0`.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

use smallvec::SmallVec;

use super::num::Num;
use crate::{ParseError, Scheme};

/// The largest number node-semver accepts (`Number.MAX_SAFE_INTEGER`).
const NPM_MAX_SAFE: u64 = (1 << 53) - 1;
/// The longest string node-semver accepts.
const NPM_MAX_LEN: usize = 256;

/// Which text a [`SemverVersion`] parser accepts; the order is the same for all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// SemVer 2.0.0 to the letter (crates.io, Hex).
    Strict,
    /// node-semver's loose mode.
    Npm,
    /// OSV `SEMVER` as written in the wild: optional `v`, any number of parts.
    Lenient,
    /// Go modules: optional `v`, `vMAJOR` and `vMAJOR.MINOR` shorthands
    /// without pre-release or build, numbers of any size, no leading zeros.
    Go,
    /// NuGet: one to four numbers, leading zeros, case-insensitive pre-release.
    NuGet,
}

struct Rules {
    scheme: Scheme,
    min_parts: usize,
    max_parts: usize,
    leading_zeros: bool,
    max_value: Option<u64>,
    optional_hyphen: bool,
    lowercase_pre: bool,
}

impl Dialect {
    fn rules(self) -> Rules {
        match self {
            Dialect::Strict => Rules {
                scheme: Scheme::Cargo,
                min_parts: 3,
                max_parts: 3,
                leading_zeros: false,
                max_value: Some(u64::MAX),
                optional_hyphen: false,
                lowercase_pre: false,
            },
            Dialect::Npm => Rules {
                scheme: Scheme::Npm,
                min_parts: 3,
                max_parts: 3,
                leading_zeros: true,
                max_value: Some(NPM_MAX_SAFE),
                optional_hyphen: true,
                lowercase_pre: false,
            },
            Dialect::Lenient => Rules {
                scheme: Scheme::Semver,
                min_parts: 1,
                max_parts: usize::MAX,
                leading_zeros: true,
                max_value: None,
                optional_hyphen: false,
                lowercase_pre: false,
            },
            Dialect::Go => Rules {
                scheme: Scheme::Go,
                min_parts: 1,
                max_parts: 3,
                leading_zeros: false,
                max_value: None,
                optional_hyphen: false,
                lowercase_pre: false,
            },
            Dialect::NuGet => Rules {
                scheme: Scheme::NuGet,
                min_parts: 1,
                max_parts: 4,
                leading_zeros: true,
                max_value: None,
                optional_hyphen: false,
                lowercase_pre: true,
            },
        }
    }
}

/// One dot-separated pre-release or build identifier. Numbers sort before
/// words, numbers numerically, words by ASCII — the derived order.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Ident {
    Number(Num),
    Word(Box<str>),
}

/// A SemVer version: its text as written, and the key it orders by.
#[derive(Clone, Debug)]
pub struct SemverVersion {
    text: Box<str>,
    /// At least three numbers; trailing zeros past the third trimmed, so the
    /// derived lexicographic order equals comparison with zero padding.
    release: SmallVec<[Num; 3]>,
    /// Empty for a release.
    pre: Box<[Ident]>,
    build: Box<[Ident]>,
}

impl SemverVersion {
    /// Parses strict SemVer 2.0.0 (`1.2.3-rc.1+build.5`).
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        Self::parse_dialect(s, Dialect::Strict)
    }

    /// Parses as npm does (node-semver, loose mode).
    pub fn parse_npm(s: &str) -> Result<Self, ParseError> {
        Self::parse_dialect(s, Dialect::Npm)
    }

    /// Parses by the rules of `dialect`.
    pub fn parse_dialect(s: &str, dialect: Dialect) -> Result<Self, ParseError> {
        let rules = dialect.rules();
        let err = |reason: &'static str| ParseError::new(rules.scheme, s, reason);
        let mut body = s;
        match dialect {
            Dialect::Npm => {
                if s.len() > NPM_MAX_LEN {
                    return Err(err("longer than 256 characters"));
                }
                body = body
                    .trim()
                    .trim_start_matches(|c: char| c == 'v' || c == '=' || c.is_whitespace());
            }
            Dialect::Lenient | Dialect::Go => {
                body = body.strip_prefix('v').unwrap_or(body);
            }
            Dialect::Strict | Dialect::NuGet => {}
        }
        let b = body.as_bytes();
        let mut i = 0;

        let mut release: SmallVec<[Num; 3]> = SmallVec::new();
        loop {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let digits = &body[start..i];
            let num = Num::parse(digits).ok_or_else(|| err("expected a number"))?;
            if !rules.leading_zeros && digits.len() > 1 && digits.starts_with('0') {
                return Err(err("number with a leading zero"));
            }
            if let Some(max) = rules.max_value {
                match num {
                    Num::Small(n) if n <= max => {}
                    _ => return Err(err("number too large")),
                }
            }
            release.push(num);
            let more = release.len() < rules.max_parts
                && b.get(i) == Some(&b'.')
                && b.get(i + 1).is_some_and(u8::is_ascii_digit);
            if !more {
                break;
            }
            i += 1;
        }
        if release.len() < rules.min_parts {
            return Err(err("expected MAJOR.MINOR.PATCH"));
        }
        let short = release.len() < 3;

        let mut pre = Vec::new();
        let pre_starts = match b.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(c) if rules.optional_hyphen && (c.is_ascii_alphanumeric()) => true,
            _ => false,
        };
        if pre_starts {
            i = idents(body, i, &mut pre, !rules.leading_zeros, rules.lowercase_pre)
                .ok_or_else(|| err("bad pre-release identifier"))?;
        }
        let mut build = Vec::new();
        if b.get(i) == Some(&b'+') {
            i = idents(body, i + 1, &mut build, false, false)
                .ok_or_else(|| err("bad build identifier"))?;
        }
        if i != b.len() {
            return Err(err("unexpected character"));
        }
        if dialect == Dialect::Go && short && (pre_starts || !build.is_empty()) {
            return Err(err("shorthand version with pre-release or build"));
        }

        while release.len() < 3 {
            release.push(Num::Small(0));
        }
        while release.len() > 3 && release.last().is_some_and(Num::is_zero) {
            release.pop();
        }
        Ok(SemverVersion {
            text: s.into(),
            release,
            pre: pre.into_boxed_slice(),
            build: build.into_boxed_slice(),
        })
    }

    /// The version as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether this is a pre-release (`1.0.0-rc.1`).
    pub fn is_prerelease(&self) -> bool {
        !self.pre.is_empty()
    }

    /// Major, minor and patch numbers when they fit in 64 bits.
    pub fn major_minor_patch(&self) -> Option<(u64, u64, u64)> {
        match *self.release.as_slice() {
            [Num::Small(a), Num::Small(b), Num::Small(c), ..] => Some((a, b, c)),
            _ => None,
        }
    }

    /// The build identifiers, for schemes that order by them (Pub).
    pub(crate) fn build(&self) -> &[Ident] {
        &self.build
    }
}

/// Reads dot-separated identifiers of `[0-9A-Za-z-]` starting at `i`; returns
/// the index after the last one, or `None` on an empty identifier (or, with
/// `strict_numbers`, a numeric identifier with a leading zero).
fn idents(
    s: &str,
    mut i: usize,
    out: &mut Vec<Ident>,
    strict_numbers: bool,
    lowercase: bool,
) -> Option<usize> {
    let b = s.as_bytes();
    loop {
        let start = i;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-') {
            i += 1;
        }
        let id = &s[start..i];
        if id.is_empty() {
            return None;
        }
        if id.bytes().all(|c| c.is_ascii_digit()) {
            if strict_numbers && id.len() > 1 && id.starts_with('0') {
                return None;
            }
            out.push(Ident::Number(Num::parse(id)?));
        } else if lowercase {
            out.push(Ident::Word(id.to_ascii_lowercase().into()));
        } else {
            out.push(Ident::Word(id.into()));
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
        } else {
            return Some(i);
        }
    }
}

impl Ord for SemverVersion {
    fn cmp(&self, other: &Self) -> Ordering {
        self.release.cmp(&other.release).then_with(|| {
            match (self.pre.is_empty(), other.pre.is_empty()) {
                (true, true) => Ordering::Equal,
                // A release follows all of its pre-releases.
                (true, false) => Ordering::Greater,
                (false, true) => Ordering::Less,
                (false, false) => self.pre.cmp(&other.pre),
            }
        })
    }
}

impl PartialOrd for SemverVersion {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for SemverVersion {
    fn eq(&self, other: &Self) -> bool {
        self.release == other.release && self.pre == other.pre
    }
}

impl Eq for SemverVersion {}

impl Hash for SemverVersion {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.release.hash(state);
        self.pre.hash(state);
    }
}

impl fmt::Display for SemverVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}
