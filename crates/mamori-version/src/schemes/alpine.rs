//! Alpine (apk) package versions, ordered as apk-tools 3 orders them.
//!
//! An apk version is `number{.number}…{letter}{_suffix{number}}…{~hash}{-r#}`.
//! apk reads it as a stream of tokens and compares the streams in step:
//!
//! - the first number and suffix, revision numbers compare as numbers; later
//!   dotted numbers too, unless either has a leading zero, in which case they
//!   compare as strings (`1.01 < 1.1`, `1.010 < 1.02`);
//! - suffixes order `_alpha < _beta < _pre < _rc < (none) < _cvs < _svn <
//!   _git < _hg < _p`; a `~hash` compares as a string;
//! - where the streams first differ in kind, a pre-release suffix is older
//!   than anything, otherwise the version that has the kind earlier in the
//!   grammar is newer (`1.2.1 > 1.2a > 1.2_p1 > 1.2-r1 > 1.2`).
//!
//! Text that breaks the grammar ends its stream with an "invalid" token that
//! sorts below the end of a valid stream, which is how `apk version -t`
//! still orders such strings; two streams that turn invalid at the same point
//! after equal tokens are equal. [`AlpineVersion::is_valid`] says whether apk
//! would accept the version for a package.
//!
//! One rule comes from apk-tools 2 rather than 3: digits right after the
//! letter continue the version (`6.0.2p1 < 6.0.2p2`, then more numbers or a
//! letter may follow), because Alpine's own package history (OpenSSH's
//! `5.7.1p1-r0`…) is ordered that way and apk-tools 3's tokenizer would make
//! all those versions equal.
//!
//! Numbers of any length compare by value (apk-tools reads them into 64 bits).

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

use smallvec::SmallVec;

use crate::{ParseError, Scheme};

/// Token kinds; the order is apk's and matters (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Kind {
    InitialDigit,
    Digit,
    Letter,
    Suffix,
    SuffixNo,
    CommitHash,
    Revision,
    End,
    Invalid,
}

/// Suffix weights: pre-releases below `NONE`, the others above.
const SUFFIXES: [(&str, u8); 9] = [
    ("alpha", 1),
    ("beta", 2),
    ("pre", 3),
    ("rc", 4),
    ("cvs", 6),
    ("svn", 7),
    ("git", 8),
    ("hg", 9),
    ("p", 10),
];
const SUFFIX_NONE: u8 = 5;

#[derive(Clone, Copy, Debug)]
struct Tok {
    kind: Kind,
    /// The suffix weight for `Kind::Suffix`, else 0.
    suffix: u8,
    /// Byte range of the token's value in the text.
    start: u32,
    end: u32,
}

/// An apk version.
#[derive(Clone, Debug)]
pub struct AlpineVersion {
    text: Box<str>,
    /// The tokens, the last one `End` or `Invalid`.
    toks: SmallVec<[Tok; 8]>,
}

impl AlpineVersion {
    /// Parses any non-empty text without whitespace or control characters;
    /// text outside apk's grammar still gets apk's order (see the module
    /// docs), use [`AlpineVersion::is_valid`] to refuse it.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let err = |reason: &'static str| ParseError::new(Scheme::Alpine, s, reason);
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
        Ok(AlpineVersion {
            text: s.into(),
            toks: tokenize(s.as_bytes()),
        })
    }

    /// The version as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether apk accepts this as a package version (the whole text follows
    /// the grammar).
    pub fn is_valid(&self) -> bool {
        self.toks.last().is_some_and(|t| t.kind == Kind::End)
    }

    fn value(&self, t: &Tok) -> &[u8] {
        &self.text.as_bytes()[t.start as usize..t.end as usize]
    }
}

fn digits_end(s: &[u8], mut i: usize) -> usize {
    while s.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    i
}

fn tokenize(s: &[u8]) -> SmallVec<[Tok; 8]> {
    let mut toks = SmallVec::new();
    let tok = |kind, suffix, start: usize, end: usize| Tok {
        kind,
        suffix,
        start: start as u32,
        end: end as u32,
    };
    let end = digits_end(s, 0);
    if end == 0 {
        toks.push(tok(Kind::Invalid, 0, 0, 0));
        return toks;
    }
    toks.push(tok(Kind::InitialDigit, 0, 0, end));
    let mut i = end;
    let mut kind = Kind::InitialDigit;
    loop {
        let Some(&c) = s.get(i) else {
            toks.push(tok(Kind::End, 0, i, i));
            return toks;
        };
        let next = match c {
            b'a'..=b'z' if kind <= Kind::Digit => {
                i += 1;
                Some(tok(Kind::Letter, 0, i - 1, i))
            }
            b'.' | b'0'..=b'9' if c != b'.' || kind <= Kind::Digit => {
                let start = if c == b'.' { i + 1 } else { i };
                let new_kind = match kind {
                    Kind::InitialDigit | Kind::Digit | Kind::Letter => Some(Kind::Digit),
                    Kind::Suffix => Some(Kind::SuffixNo),
                    _ => None,
                };
                let end = digits_end(s, start);
                match new_kind {
                    Some(k) if end > start => {
                        i = end;
                        Some(tok(k, 0, start, end))
                    }
                    _ => None,
                }
            }
            b'_' if kind <= Kind::SuffixNo => {
                let start = i + 1;
                let mut end = start;
                while s.get(end).is_some_and(u8::is_ascii_lowercase) {
                    end += 1;
                }
                let word = &s[start..end];
                SUFFIXES
                    .iter()
                    .find(|(name, _)| name.as_bytes() == word)
                    .map(|&(_, weight)| {
                        i = end;
                        tok(Kind::Suffix, weight, start, end)
                    })
            }
            b'~' if kind < Kind::CommitHash => {
                let start = i + 1;
                let mut end = start;
                while s.get(end).is_some_and(u8::is_ascii_hexdigit) {
                    end += 1;
                }
                (end > start).then(|| {
                    i = end;
                    tok(Kind::CommitHash, 0, start, end)
                })
            }
            b'-' if kind < Kind::Revision && s.get(i + 1) == Some(&b'r') => {
                let start = i + 2;
                let end = digits_end(s, start);
                (end > start).then(|| {
                    i = end;
                    tok(Kind::Revision, 0, start, end)
                })
            }
            _ => None,
        };
        match next {
            Some(t) => {
                kind = t.kind;
                toks.push(t);
            }
            None => {
                toks.push(tok(Kind::Invalid, 0, i, i));
                return toks;
            }
        }
    }
}

/// Digits without leading zeros.
fn strip_zeros(d: &[u8]) -> &[u8] {
    let zeros = d.iter().take_while(|&&b| b == b'0').count();
    &d[zeros..]
}

fn cmp_number(a: &[u8], b: &[u8]) -> Ordering {
    let (a, b) = (strip_zeros(a), strip_zeros(b));
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

impl AlpineVersion {
    /// apk's comparison of two tokens of the same kind.
    fn cmp_tok(&self, ta: &Tok, other: &Self, tb: &Tok) -> Ordering {
        let (a, b) = (self.value(ta), other.value(tb));
        match ta.kind {
            Kind::Digit if a.first() == Some(&b'0') || b.first() == Some(&b'0') => a.cmp(b),
            Kind::Digit | Kind::InitialDigit | Kind::SuffixNo | Kind::Revision => cmp_number(a, b),
            Kind::Suffix => ta.suffix.cmp(&tb.suffix),
            Kind::Letter | Kind::CommitHash => a.cmp(b),
            Kind::End | Kind::Invalid => Ordering::Equal,
        }
    }
}

impl Ord for AlpineVersion {
    fn cmp(&self, other: &Self) -> Ordering {
        // Both streams end with a terminal token and the loop stops at the
        // first terminal, so the zip never runs out early.
        for (ta, tb) in self.toks.iter().zip(other.toks.iter()) {
            if ta.kind != tb.kind {
                let pre = |t: &Tok| t.kind == Kind::Suffix && t.suffix < SUFFIX_NONE;
                if pre(ta) {
                    return Ordering::Less;
                }
                if pre(tb) {
                    return Ordering::Greater;
                }
                // Later in the grammar (or the end, or invalid) is older.
                return tb.kind.cmp(&ta.kind);
            }
            if ta.kind >= Kind::End {
                return Ordering::Equal;
            }
            let r = self.cmp_tok(ta, other, tb);
            if r != Ordering::Equal {
                return r;
            }
        }
        Ordering::Equal
    }
}

impl PartialOrd for AlpineVersion {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for AlpineVersion {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for AlpineVersion {}

impl Hash for AlpineVersion {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for t in &self.toks {
            t.kind.hash(state);
            let v = self.value(t);
            // Exactly what `cmp_tok` treats as equal hashes alike: numbers
            // by value, dotted numbers as written (equal only when identical),
            // suffixes by weight, the rest by their bytes.
            let v = match t.kind {
                Kind::InitialDigit | Kind::SuffixNo | Kind::Revision => strip_zeros(v),
                Kind::Suffix => std::slice::from_ref(&t.suffix),
                _ => v,
            };
            state.write_usize(v.len());
            state.write(v);
        }
    }
}

impl fmt::Display for AlpineVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validity_follows_the_grammar() {
        for (input, valid) in [
            ("1.2.3", true),
            ("1.2.3a_rc1_p2~abc123-r4", true),
            ("1_git20240101", true),
            ("1.2a1", true),
            ("1.2a.1", false),
            ("1-r", false),
            ("1_blah", false),
            ("1.", false),
            ("a", false),
            ("1-r1-r2", false),
            ("1~", false),
        ] {
            assert_eq!(
                AlpineVersion::parse(input).unwrap().is_valid(),
                valid,
                "{input}"
            );
        }
    }
}
