//! Packagist (Composer) versions, ordered as Composer compares them.
//!
//! Composer orders versions with PHP's `version_compare` after dropping a
//! leading `v`. The text splits into parts at `.`, `-`, `_`, `+` and between
//! digits and other characters (`1.0rc1` is `1.0.rc.1`). Numeric parts
//! compare as numbers of any size. Other parts are ranked by how they start:
//! unknown words < `dev` < `alpha`/`a` < `beta`/`b` < `RC`/`rc` < `#` < a
//! number < `pl`/`p` (so `patch1` is a post-release, and `1.0-dev < 1.0a1 <
//! 1.0 < 1.0pl1`). A version that runs out of parts is padded with `#`, which
//! is why `1.0 < 1.0.0` (a number beats the padding) while `1.0-beta < 1.0`.
//! Branch names like `dev-main` start with `dev` and so sort below releases.
//! Words PHP does not know, `stable` among them, sort below `dev`
//! (`5.1.0-stable < 5.1.0-beta2`), as PHP's own comparison does.
//!
//! One departure: PHP lets a literal `#` part equal any number, so
//! `1.2.3.# = 1.2.3.1` and `1.2.3.# = 1.2.3` although `1.2.3 < 1.2.3.1`; that
//! is not an order, and here `#` sits just below every number instead.

use std::cmp::Ordering;
use std::fmt;

use super::num::Num;
use crate::{ParseError, Scheme};

/// The rank of the padding (and of `#`).
const HASH: i8 = 4;
/// The rank of `pl`/`p`, above numbers.
const PATCH: i8 = 5;

/// One part of a version.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Part {
    Num(Num),
    /// A word, by its rank: -1 unknown, 0 dev, 1 alpha, 2 beta, 3 RC, 4 `#`, 5 patch.
    Word(i8),
}

const PAD: Part = Part::Word(HASH);

fn word_rank(w: &str) -> i8 {
    if w.starts_with("dev") {
        0
    } else if w.starts_with('a') {
        1
    } else if w.starts_with('b') {
        2
    } else if w.starts_with("RC") || w.starts_with("rc") {
        3
    } else if w.starts_with('#') {
        HASH
    } else if w.starts_with('p') {
        PATCH
    } else {
        -1
    }
}

fn cmp_part(a: &Part, b: &Part) -> Ordering {
    match (a, b) {
        (Part::Num(x), Part::Num(y)) => x.cmp(y),
        (Part::Word(x), Part::Word(y)) => x.cmp(y),
        (Part::Num(_), Part::Word(w)) => {
            if *w >= PATCH {
                Ordering::Less
            } else {
                Ordering::Greater
            }
        }
        (Part::Word(_), Part::Num(_)) => cmp_part(b, a).reverse(),
    }
}

/// A Composer package version.
#[derive(Clone, Debug)]
pub struct PackagistVersion {
    text: Box<str>,
    /// The parts, without trailing padding-equivalent words.
    parts: Vec<Part>,
}

impl PackagistVersion {
    /// Parses `1.2.3`, `v2.0.0-RC1`, `1.0.x-dev`, `dev-main`.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let err = |reason: &'static str| ParseError::new(Scheme::Packagist, s, reason);
        if s.is_empty() {
            return Err(err("version string is empty"));
        }
        if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(err(
                "version string contains whitespace or control characters",
            ));
        }
        let body = s
            .strip_prefix('v')
            .or_else(|| s.strip_prefix('V'))
            .unwrap_or(s);
        let mut parts = Vec::new();
        let is_sep = |c: char| matches!(c, '.' | '-' | '_' | '+');
        let mut rest = body;
        while let Some(c) = rest.chars().next() {
            if is_sep(c) {
                rest = &rest[c.len_utf8()..];
                continue;
            }
            let digit = c.is_ascii_digit();
            let end = rest
                .find(|c: char| is_sep(c) || c.is_ascii_digit() != digit)
                .unwrap_or(rest.len());
            let word = &rest[..end];
            parts.push(match Num::parse(word) {
                Some(n) if digit => Part::Num(n),
                _ => Part::Word(word_rank(word)),
            });
            rest = &rest[end..];
        }
        if parts.is_empty() {
            return Err(err("version has no numbers or words"));
        }
        while parts.last() == Some(&PAD) {
            parts.pop();
        }
        Ok(PackagistVersion {
            text: s.into(),
            parts,
        })
    }

    /// The version as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl Ord for PackagistVersion {
    fn cmp(&self, other: &Self) -> Ordering {
        let n = self.parts.len().max(other.parts.len());
        for i in 0..n {
            let a = self.parts.get(i).unwrap_or(&PAD);
            let b = other.parts.get(i).unwrap_or(&PAD);
            let r = cmp_part(a, b);
            if r != Ordering::Equal {
                return r;
            }
        }
        Ordering::Equal
    }
}

impl PartialOrd for PackagistVersion {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for PackagistVersion {
    fn eq(&self, other: &Self) -> bool {
        // Trailing padding is stripped, so equal means identical parts.
        self.parts == other.parts
    }
}

impl Eq for PackagistVersion {}

impl std::hash::Hash for PackagistVersion {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.parts.hash(state);
    }
}

impl fmt::Display for PackagistVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_separators_and_digit_boundaries() {
        let v = PackagistVersion::parse("v1.0rc1-dev").unwrap();
        assert_eq!(
            v.parts,
            vec![
                Part::Num(Num::Small(1)),
                Part::Num(Num::Small(0)),
                Part::Word(3),
                Part::Num(Num::Small(1)),
                Part::Word(0),
            ]
        );
        for input in ["", "v", "1 0", "..."] {
            assert!(PackagistVersion::parse(input).is_err(), "{input:?}");
        }
    }
}
