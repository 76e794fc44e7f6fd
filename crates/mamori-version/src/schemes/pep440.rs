//! PyPI versions (PEP 440): epochs, releases, pre/post/dev releases, local labels.
//!
//! Parsing accepts everything PEP 440's normalization rules accept: any ASCII
//! case, a leading `v`, surrounding whitespace, `alpha`/`beta`/`c`/`pre`/
//! `preview` for `a`/`b`/`rc`/`rc`/`rc`, `rev`/`r` for `post`, `-`, `_` or `.`
//! as separators or none, omitted numbers (`1.0a` is `1.0a0`), the implicit
//! post-release `1.0-1`, and `-`/`_` in local labels. [`Pep440Version::normalized`]
//! gives the canonical spelling.
//!
//! The order is PEP 440's: epoch, then the release numbers (trailing zeros do
//! not count, so `1.0 == 1.0.0`), then a dev release of a final release before
//! all its pre-releases, pre-releases (`a < b < rc`) before the final release,
//! post-releases after it, dev releases before what they lead to, and a local
//! label after the same public version, local segments compared numbers above
//! words. Equality and hashing use the same key, so `1.0 == 1.0.0` and
//! `1.0a == 1.0.alpha0`.
//!
//! Strings that are not PEP 440 (`0.9-doduo`, `2013-01-21T20:33:09+0100`)
//! were accepted by older `packaging`/setuptools as "legacy" versions, and
//! old PyPI releases and OSV data still carry them. [`Pep440Version::parse`]
//! accepts them the way `packaging` before 22.0 did: they sort before every
//! PEP 440 version, by setuptools' old key (text split into digit runs
//! zero-padded to eight places, letter runs, and other characters; `pre`,
//! `preview` and `rc` read as `c`, `dev` as `@`, `-` as `final-`).
//! [`Pep440Version::parse_strict`] rejects them, as pip does today.

use std::cmp::Ordering;
use std::fmt::{self, Write as _};
use std::hash::{Hash, Hasher};

use smallvec::SmallVec;

use super::num::Num;
use crate::{ParseError, Scheme};

/// The kind of a pre-release, in PEP 440 order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PreKind {
    /// `a`, `alpha`.
    Alpha,
    /// `b`, `beta`.
    Beta,
    /// `rc`, `c`, `pre`, `preview`.
    Rc,
}

impl PreKind {
    fn as_str(self) -> &'static str {
        match self {
            PreKind::Alpha => "a",
            PreKind::Beta => "b",
            PreKind::Rc => "rc",
        }
    }
}

/// Where a version sits relative to its release, before post and dev.
/// Variant order is the PEP 440 order.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum PreKey {
    /// `1.0.dev1`: a dev release of the final release sorts before `1.0a0`.
    DevOfFinal,
    Pre(PreKind, Num),
    /// No pre-release.
    Final,
}

/// A dev number, or none; none sorts after every dev release.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum DevKey {
    Dev(Num),
    None,
}

/// One local-label segment; words sort before numbers.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum LocalSeg {
    Word(Box<str>),
    Number(Num),
}

/// Fields in comparison order; the derived `Ord` is PEP 440's.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Key {
    epoch: Num,
    /// Trailing zeros trimmed.
    release: SmallVec<[Num; 4]>,
    pre: PreKey,
    post: Option<Num>,
    dev: DevKey,
    local: Option<Box<[LocalSeg]>>,
}

/// The order key: legacy versions first (the variant order), then PEP 440.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Repr {
    Legacy(Box<[Box<str>]>),
    Pep440(Key),
}

/// A PEP 440 version, or a legacy (pre-PEP 440) one.
#[derive(Clone, Debug)]
pub struct Pep440Version {
    text: Box<str>,
    /// Number of release numbers as written (with trailing zeros), for
    /// [`Pep440Version::normalized`].
    written_len: usize,
    repr: Repr,
}

/// A cursor over the ASCII-lowercased input.
struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn eat_sep(&mut self) -> bool {
        if matches!(self.peek(), Some(b'-' | b'_' | b'.')) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    /// Consumes the first of `words` (longest first) that follows.
    fn eat_word(&mut self, words: &[&str]) -> Option<usize> {
        let rest = &self.b[self.i..];
        let found = words.iter().position(|w| rest.starts_with(w.as_bytes()))?;
        self.i += words[found].len();
        Some(found)
    }

    fn digits(&mut self) -> Option<Num> {
        let start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
        let s = std::str::from_utf8(&self.b[start..self.i]).ok()?;
        Num::parse(s)
    }

    /// An optional separator followed by an optional number; a separator
    /// with no number after it is left for the next part, as PEP 440's
    /// grammar backtracks.
    fn sep_number(&mut self) -> Option<Num> {
        let save = self.i;
        self.eat_sep();
        let n = self.digits();
        if n.is_none() {
            self.i = save;
        }
        n
    }
}

impl Pep440Version {
    /// Parses a PEP 440 version, or else a legacy version (any text with a
    /// letter or digit); see the module documentation.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        match Self::parse_strict(s) {
            Ok(v) => Ok(v),
            Err(e) => {
                if !s.chars().any(char::is_alphanumeric) {
                    return Err(e);
                }
                Ok(Pep440Version {
                    text: s.into(),
                    written_len: 0,
                    repr: Repr::Legacy(legacy_key(s)),
                })
            }
        }
    }

    /// Parses any spelling PEP 440 normalizes (`v1.0-ALPHA.1_post2.dev3+Ubuntu-1`),
    /// and nothing else.
    pub fn parse_strict(s: &str) -> Result<Self, ParseError> {
        let err = |reason: &'static str| ParseError::new(Scheme::PyPI, s, reason);
        let body = s.trim();
        if !body.is_ascii() {
            return Err(err("non-ASCII character"));
        }
        let lower = body.to_ascii_lowercase();
        let mut c = Cursor {
            b: lower.as_bytes(),
            i: 0,
        };
        if c.peek() == Some(b'v') {
            c.i += 1;
        }

        let first = c.digits().ok_or_else(|| err("expected a release number"))?;
        let (epoch, first) = if c.peek() == Some(b'!') {
            c.i += 1;
            let n = c.digits().ok_or_else(|| err("expected a release number"))?;
            (first, n)
        } else {
            (Num::Small(0), first)
        };
        let mut release: SmallVec<[Num; 4]> = SmallVec::new();
        release.push(first);
        while c.peek() == Some(b'.') && c.b.get(c.i + 1).is_some_and(u8::is_ascii_digit) {
            c.i += 1;
            release.push(c.digits().ok_or_else(|| err("expected a number"))?);
        }
        let written_len = release.len();
        while release.last().is_some_and(Num::is_zero) {
            release.pop();
        }

        let save = c.i;
        c.eat_sep();
        let pre = match c.eat_word(&["alpha", "a", "beta", "b", "preview", "pre", "c", "rc"]) {
            Some(w) => {
                let kind = match w {
                    0 | 1 => PreKind::Alpha,
                    2 | 3 => PreKind::Beta,
                    _ => PreKind::Rc,
                };
                Some((kind, c.sep_number().unwrap_or(Num::Small(0))))
            }
            None => {
                c.i = save;
                None
            }
        };

        let save = c.i;
        let post = if c.peek() == Some(b'-') && c.b.get(c.i + 1).is_some_and(u8::is_ascii_digit) {
            c.i += 1;
            c.digits()
        } else {
            c.eat_sep();
            if c.eat_word(&["post", "rev", "r"]).is_some() {
                Some(c.sep_number().unwrap_or(Num::Small(0)))
            } else {
                c.i = save;
                None
            }
        };

        let save = c.i;
        c.eat_sep();
        let dev = if c.eat_word(&["dev"]).is_some() {
            Some(c.sep_number().unwrap_or(Num::Small(0)))
        } else {
            c.i = save;
            None
        };

        let local = if c.peek() == Some(b'+') {
            c.i += 1;
            let mut segs = Vec::new();
            loop {
                let start = c.i;
                while c.peek().is_some_and(|b| b.is_ascii_alphanumeric()) {
                    c.i += 1;
                }
                let seg = &lower[start..c.i];
                if seg.is_empty() {
                    return Err(err("empty local version segment"));
                }
                segs.push(match Num::parse(seg) {
                    Some(n) => LocalSeg::Number(n),
                    None => LocalSeg::Word(seg.into()),
                });
                if !c.eat_sep() {
                    break;
                }
            }
            Some(segs.into_boxed_slice())
        } else {
            None
        };

        if c.i != c.b.len() {
            return Err(err("unexpected character"));
        }

        let pre = match (pre, &post, &dev) {
            (Some((kind, n)), _, _) => PreKey::Pre(kind, n),
            (None, None, Some(_)) => PreKey::DevOfFinal,
            (None, _, _) => PreKey::Final,
        };
        Ok(Pep440Version {
            text: s.into(),
            written_len,
            repr: Repr::Pep440(Key {
                epoch,
                release,
                pre,
                post,
                dev: dev.map_or(DevKey::None, DevKey::Dev),
                local,
            }),
        })
    }

    /// The version as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether this is a legacy (pre-PEP 440) version.
    pub fn is_legacy(&self) -> bool {
        matches!(self.repr, Repr::Legacy(_))
    }

    /// The canonical PEP 440 spelling (`1.0-ALPHA` gives `1.0a0`); a legacy
    /// version has none and gives its text as written.
    pub fn normalized(&self) -> String {
        let k = match &self.repr {
            Repr::Pep440(k) => k,
            Repr::Legacy(_) => return self.text.to_string(),
        };
        let mut out = String::new();
        if !k.epoch.is_zero() {
            let _ = write!(out, "{}!", NumFmt(&k.epoch));
        }
        for i in 0..self.written_len {
            if i > 0 {
                out.push('.');
            }
            match k.release.get(i) {
                Some(n) => {
                    let _ = write!(out, "{}", NumFmt(n));
                }
                None => out.push('0'),
            }
        }
        if let PreKey::Pre(kind, n) = &k.pre {
            let _ = write!(out, "{}{}", kind.as_str(), NumFmt(n));
        }
        if let Some(n) = &k.post {
            let _ = write!(out, ".post{}", NumFmt(n));
        }
        if let DevKey::Dev(n) = &k.dev {
            let _ = write!(out, ".dev{}", NumFmt(n));
        }
        if let Some(local) = &k.local {
            for (i, seg) in local.iter().enumerate() {
                out.push(if i == 0 { '+' } else { '.' });
                match seg {
                    LocalSeg::Word(w) => out.push_str(w),
                    LocalSeg::Number(n) => {
                        let _ = write!(out, "{}", NumFmt(n));
                    }
                }
            }
        }
        out
    }

    /// Whether this is a pre-release or dev release (PEP 440's "pre-release").
    pub fn is_prerelease(&self) -> bool {
        match &self.repr {
            Repr::Pep440(k) => {
                matches!(k.pre, PreKey::Pre(..) | PreKey::DevOfFinal)
                    || matches!(k.dev, DevKey::Dev(_))
            }
            Repr::Legacy(_) => false,
        }
    }

    /// Whether the version has a local label (`+ubuntu1`).
    pub fn has_local(&self) -> bool {
        matches!(&self.repr, Repr::Pep440(k) if k.local.is_some())
    }
}

/// setuptools' pre-PEP 440 sort key, as `packaging` before 22.0 computed it.
fn legacy_key(s: &str) -> Box<[Box<str>]> {
    let lower = s.to_lowercase();
    let mut parts: Vec<Box<str>> = Vec::new();
    let mut push = |part: String| {
        if part.starts_with('*') {
            // A pre-release tag drops the "-" markers before it, and every
            // tag ends a run of numbers whose trailing zeros do not count.
            if part.as_str() < "*final" {
                while parts.last().is_some_and(|p| &**p == "*final-") {
                    parts.pop();
                }
            }
            while parts.last().is_some_and(|p| &**p == "00000000") {
                parts.pop();
            }
        }
        parts.push(part.into());
    };
    let b = lower.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let start = i;
        let c = b[i];
        if c.is_ascii_digit() {
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            push(format!("{:0>8}", &lower[start..i]));
            continue;
        }
        if c.is_ascii_lowercase() {
            while i < b.len() && b[i].is_ascii_lowercase() {
                i += 1;
            }
        } else if c == b'.' || c == b'-' {
            i += 1;
        } else {
            while i < b.len() && !(b[i].is_ascii_alphanumeric() || b[i] == b'.' || b[i] == b'-') {
                i += 1;
            }
        }
        let part = match &lower[start..i] {
            "." => continue,
            "pre" | "preview" | "rc" => "c",
            "dev" => "@",
            "-" => "final-",
            other => other,
        };
        push(format!("*{part}"));
    }
    push("*final".to_owned());
    parts.into_boxed_slice()
}

struct NumFmt<'a>(&'a Num);

impl fmt::Display for NumFmt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Num::Small(n) => write!(f, "{n}"),
            Num::Big(s) => f.write_str(s),
        }
    }
}

impl Ord for Pep440Version {
    fn cmp(&self, other: &Self) -> Ordering {
        self.repr.cmp(&other.repr)
    }
}

impl PartialOrd for Pep440Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Pep440Version {
    fn eq(&self, other: &Self) -> bool {
        self.repr == other.repr
    }
}

impl Eq for Pep440Version {}

impl Hash for Pep440Version {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.repr.hash(state);
    }
}

impl fmt::Display for Pep440Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}
