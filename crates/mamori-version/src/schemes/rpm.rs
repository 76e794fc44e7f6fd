//! RPM package versions (Red Hat, Rocky, Alma, SUSE, Mageia…), ordered by `rpmvercmp`.
//!
//! A version is `[epoch:]version[-release]`. Each part is compared by
//! rpmvercmp: anything but ASCII letters, digits, `~` and `^` separates
//! segments and is otherwise ignored; digit runs compare as numbers of any
//! length and beat letter runs; `~` sorts before everything, even the end
//! (`1.0~rc1 < 1.0`); `^` sorts after the end but before anything else
//! (`1.0 < 1.0^git1 < 1.0.1`).
//!
//! The epoch is the text before the first `:` when that text is all digits
//! (`:1` has epoch 0); otherwise the colon belongs to the version, as in
//! module streams written `4.m+el9:1`. The release starts at the first `-`.
//! A missing part sorts before a present one, even a present one made only of
//! separators (`1 < 1-`), so that the order is total; rpm itself skips the
//! release when either side lacks one, which would make `1-1 = 1 = 1-2`.
//! These are the rules OSV's own comparator applies to Red Hat data.
//!
//! The parsed value keeps the text once and byte offsets; comparing walks
//! both texts in step without allocating.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

use crate::{ParseError, Scheme};

/// A byte range in the version text.
type Span = (u32, u32);

/// An RPM `[epoch:]version[-release]`.
#[derive(Clone, Debug)]
pub struct RpmVersion {
    text: Box<str>,
    /// The epoch digits without leading zeros (empty for epoch 0).
    epoch: Span,
    version: Span,
    /// The release without its `-`; `None` when there is no `-`.
    release: Option<Span>,
}

impl RpmVersion {
    /// Parses an EVR string. Any non-empty text without whitespace or control
    /// characters is a version to rpm; only those are refused.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let err = |reason: &'static str| ParseError::new(Scheme::Rpm, s, reason);
        if s.is_empty() {
            return Err(err("version string is empty"));
        }
        if s.len() > u32::MAX as usize {
            return Err(err("version string is too long"));
        }
        if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(err(
                "version string contains whitespace or control characters",
            ));
        }
        let (epoch, rest) = match s.find(':') {
            Some(colon) if s[..colon].bytes().all(|b| b.is_ascii_digit()) => {
                let zeros = s[..colon].bytes().take_while(|&b| b == b'0').count();
                ((zeros, colon), colon + 1)
            }
            _ => ((0, 0), 0),
        };
        let (version, release) = match s[rest..].find('-') {
            Some(hyphen) => ((rest, rest + hyphen), Some((rest + hyphen + 1, s.len()))),
            None => ((rest, s.len()), None),
        };
        let span = |(a, b): (usize, usize)| (a as u32, b as u32);
        Ok(RpmVersion {
            text: s.into(),
            epoch: span(epoch),
            version: span(version),
            release: release.map(span),
        })
    }

    /// The version as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    fn part(&self, (a, b): Span) -> &[u8] {
        &self.text.as_bytes()[a as usize..b as usize]
    }

    /// The epoch's digits, without leading zeros; `""` for epoch 0.
    fn epoch_digits(&self) -> &[u8] {
        self.part(self.epoch)
    }

    /// The version part (between the epoch and the first `-`).
    pub fn version(&self) -> &str {
        &self.text[self.version.0 as usize..self.version.1 as usize]
    }

    /// The release part (after the first `-`), if there is one.
    pub fn release(&self) -> Option<&str> {
        self.release
            .map(|(a, b)| &self.text[a as usize..b as usize])
    }
}

/// One rpmvercmp segment.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tok<'a> {
    End,
    Tilde,
    Caret,
    /// Digits without leading zeros.
    Num(&'a [u8]),
    Alpha(&'a [u8]),
}

/// Reads the next segment of `s` from `*i`, skipping separators.
#[inline]
fn next_tok<'a>(s: &'a [u8], i: &mut usize) -> Tok<'a> {
    while *i < s.len() && !(s[*i].is_ascii_alphanumeric() || s[*i] == b'~' || s[*i] == b'^') {
        *i += 1;
    }
    let Some(&c) = s.get(*i) else {
        return Tok::End;
    };
    match c {
        b'~' => {
            *i += 1;
            Tok::Tilde
        }
        b'^' => {
            *i += 1;
            Tok::Caret
        }
        b'0'..=b'9' => {
            while s.get(*i) == Some(&b'0') {
                *i += 1;
            }
            let start = *i;
            while s.get(*i).is_some_and(u8::is_ascii_digit) {
                *i += 1;
            }
            Tok::Num(&s[start..*i])
        }
        _ => {
            let start = *i;
            while s.get(*i).is_some_and(u8::is_ascii_alphabetic) {
                *i += 1;
            }
            Tok::Alpha(&s[start..*i])
        }
    }
}

/// Compares two digit strings without leading zeros as numbers.
#[inline]
fn cmp_digits(a: &[u8], b: &[u8]) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// rpmvercmp on two version parts.
pub(crate) fn rpmvercmp(a: &[u8], b: &[u8]) -> Ordering {
    // Identical text is common (same upstream version, other release) and
    // a memcmp is cheaper than the walk.
    if a == b {
        return Ordering::Equal;
    }
    let (mut i, mut j) = (0, 0);
    loop {
        let (ta, tb) = (next_tok(a, &mut i), next_tok(b, &mut j));
        let step = match (ta, tb) {
            (Tok::Tilde, Tok::Tilde) | (Tok::Caret, Tok::Caret) => Ordering::Equal,
            (Tok::Tilde, _) => Ordering::Less,
            (_, Tok::Tilde) => Ordering::Greater,
            (Tok::Caret, Tok::End) => Ordering::Greater,
            (Tok::Caret, _) => Ordering::Less,
            (Tok::End, Tok::Caret) => Ordering::Less,
            (_, Tok::Caret) => Ordering::Greater,
            (Tok::End, Tok::End) => return Ordering::Equal,
            (Tok::End, _) => Ordering::Less,
            (_, Tok::End) => Ordering::Greater,
            (Tok::Num(x), Tok::Num(y)) => cmp_digits(x, y),
            (Tok::Alpha(x), Tok::Alpha(y)) => x.cmp(y),
            (Tok::Num(_), Tok::Alpha(_)) => Ordering::Greater,
            (Tok::Alpha(_), Tok::Num(_)) => Ordering::Less,
        };
        if step != Ordering::Equal {
            return step;
        }
    }
}

/// Hashes what [`rpmvercmp`] looks at: the segments, not the separators.
fn hash_part<H: Hasher>(s: &[u8], state: &mut H) {
    let mut i = 0;
    loop {
        match next_tok(s, &mut i) {
            Tok::End => {
                state.write_u8(0);
                return;
            }
            Tok::Tilde => state.write_u8(1),
            Tok::Caret => state.write_u8(2),
            Tok::Num(d) => {
                state.write_u8(3);
                state.write_usize(d.len());
                state.write(d);
            }
            Tok::Alpha(a) => {
                state.write_u8(4);
                state.write_usize(a.len());
                state.write(a);
            }
        }
    }
}

/// Compares optional parts: absent (or empty) before present.
#[inline]
fn cmp_part(a: Option<&[u8]>, b: Option<&[u8]>) -> Ordering {
    match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(x), Some(y)) => rpmvercmp(x, y),
    }
}

impl RpmVersion {
    /// The version part for comparison; an empty version counts as absent.
    fn version_part(&self) -> Option<&[u8]> {
        Some(self.part(self.version)).filter(|v| !v.is_empty())
    }

    fn release_part(&self) -> Option<&[u8]> {
        self.release.map(|r| self.part(r))
    }
}

impl Ord for RpmVersion {
    fn cmp(&self, other: &Self) -> Ordering {
        cmp_digits(self.epoch_digits(), other.epoch_digits())
            .then_with(|| cmp_part(self.version_part(), other.version_part()))
            .then_with(|| cmp_part(self.release_part(), other.release_part()))
    }
}

impl PartialOrd for RpmVersion {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for RpmVersion {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for RpmVersion {}

impl Hash for RpmVersion {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let epoch = self.epoch_digits();
        state.write_usize(epoch.len());
        state.write(epoch);
        for part in [self.version_part(), self.release_part()] {
            match part {
                None => state.write_u8(0),
                Some(p) => {
                    state.write_u8(1);
                    hash_part(p, state);
                }
            }
        }
    }
}

impl fmt::Display for RpmVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_epoch_version_release() {
        for (input, epoch, version, release) in [
            ("1:2.0-3.el9", "1", "2.0", Some("3.el9")),
            ("0002:1", "2", "1", None),
            (":1", "", "1", None),
            ("a:1", "", "a:1", None),
            ("1-2-3", "", "1", Some("2-3")),
            ("1-", "", "1", Some("")),
        ] {
            let v = RpmVersion::parse(input).unwrap();
            assert_eq!(v.epoch_digits(), epoch.as_bytes(), "{input}");
            assert_eq!(v.version(), version, "{input}");
            assert_eq!(v.release(), release, "{input}");
        }
    }

    #[test]
    fn refuses_empty_and_whitespace() {
        for input in ["", " 1", "1 ", "1\t2", "1\n"] {
            assert!(RpmVersion::parse(input).is_err(), "{input:?}");
        }
    }
}
