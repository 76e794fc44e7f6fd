//! A lenient fallback order for ecosystems without a scheme of their own.
//!
//! The text is split into runs of ASCII digits and runs of letters; any other
//! character only separates runs, and a leading `v` before a digit is dropped
//! (`v1.2` is `1.2`). Runs compare pairwise: numbers numerically, words
//! case-insensitively, and a word sorts before a number. Trailing zero numbers
//! do not count (`1.0 == 1.0.0 == 1`). When one version runs out first, it is
//! greater if the other continues with a word (`1.0 > 1.0beta`, a
//! pre-release) and smaller if the other continues with a number
//! (`1.0 < 1.0.1`). In other words: word < end < number, with the shorter
//! version padded by "end". This is a total order and agrees with most
//! ecosystems on everyday versions, but it is a guess, not any ecosystem's rule.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

use super::num::Num;
use crate::{ParseError, Scheme};

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Run {
    Word(Box<str>),
    Number(Num),
}

/// A version ordered by the generic fallback rules described in this module.
#[derive(Clone, Debug)]
pub struct GenericVersion {
    text: Box<str>,
    runs: Vec<Run>,
}

impl GenericVersion {
    /// Parses any text that holds at least one letter or digit.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let err = |reason: &'static str| ParseError::new(Scheme::Generic, s, reason);
        let body = s.trim();
        let body = match body.strip_prefix(['v', 'V']) {
            Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit()) => rest,
            _ => body,
        };
        let mut runs = Vec::new();
        let bytes = body.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let start = i;
            if bytes[i].is_ascii_digit() {
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                let num = Num::parse(&body[start..i]).ok_or_else(|| err("bad number"))?;
                runs.push(Run::Number(num));
            } else if bytes[i].is_ascii_alphabetic() {
                while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                    i += 1;
                }
                runs.push(Run::Word(body[start..i].to_ascii_lowercase().into()));
            } else {
                i += 1;
            }
        }
        while matches!(runs.last(), Some(Run::Number(n)) if n.is_zero()) {
            runs.pop();
        }
        if runs.is_empty() && !body.bytes().any(|b| b.is_ascii_digit()) {
            return Err(err("no letters or digits"));
        }
        Ok(GenericVersion {
            text: s.into(),
            runs,
        })
    }

    /// The version as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// Rank of a position in the run sequence: word < end < number.
fn cmp_runs(a: Option<&Run>, b: Option<&Run>) -> Ordering {
    match (a, b) {
        (Some(Run::Word(x)), Some(Run::Word(y))) => x.cmp(y),
        (Some(Run::Number(x)), Some(Run::Number(y))) => x.cmp(y),
        (Some(Run::Word(_)), _) | (None, Some(Run::Number(_))) => Ordering::Less,
        (Some(Run::Number(_)), _) | (None, Some(Run::Word(_))) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

impl Ord for GenericVersion {
    fn cmp(&self, other: &Self) -> Ordering {
        let n = self.runs.len().max(other.runs.len());
        for i in 0..n {
            let ord = cmp_runs(self.runs.get(i), other.runs.get(i));
            if ord != Ordering::Equal {
                return ord;
            }
        }
        Ordering::Equal
    }
}

impl PartialOrd for GenericVersion {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for GenericVersion {
    fn eq(&self, other: &Self) -> bool {
        self.runs == other.runs
    }
}

impl Eq for GenericVersion {}

impl Hash for GenericVersion {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.runs.hash(state);
    }
}

impl fmt::Display for GenericVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}
