//! PEP 440 version specifiers (`~=`, `==`, `==X.*`, `!=`, `<=`, `>=`, `<`,
//! `>`, `===`) with the exclusive-comparison and pre-release rules of
//! pypa/packaging.

use std::cmp::Ordering;
use std::fmt;

use super::interval::{Interval, VersionSet};
use super::{Contains, RangeError, syntax_err};
use crate::{Scheme, Version};

const SYNTAX: &str = "PEP 440";

/// The parts of a PEP 440 version, numbers kept as digit strings without
/// leading zeros (so huge numbers never overflow). Only used to build the
/// derived versions the rules need; ordering is left to the PyPI scheme.
#[derive(Clone, Debug, Default)]
struct Parts {
    epoch: String,
    release: Vec<String>,
    pre: Option<(&'static str, String)>,
    post: Option<String>,
    dev: Option<String>,
    local: Option<String>,
}

fn digits(b: &[u8], i: &mut usize) -> Option<String> {
    let start = *i;
    while *i < b.len() && b[*i].is_ascii_digit() {
        *i += 1;
    }
    if *i == start {
        return None;
    }
    let s = std::str::from_utf8(&b[start..*i]).ok()?;
    let t = s.trim_start_matches('0');
    Some(if t.is_empty() {
        "0".to_owned()
    } else {
        t.to_owned()
    })
}

fn sep(b: &[u8], i: &mut usize) -> bool {
    if *i < b.len() && matches!(b[*i], b'-' | b'_' | b'.') {
        *i += 1;
        true
    } else {
        false
    }
}

fn word(b: &[u8], i: &mut usize, words: &[(&str, &'static str)]) -> Option<&'static str> {
    for (w, canon) in words {
        if b[*i..].starts_with(w.as_bytes()) {
            *i += w.len();
            return Some(canon);
        }
    }
    None
}

impl Parts {
    /// Reads a PEP 440 version; `wildcard` allows a trailing `.*`, which is
    /// reported in the second value.
    fn parse(s: &str, wildcard: bool) -> Option<(Parts, bool)> {
        let s = s.trim();
        if !s.is_ascii() {
            return None;
        }
        let lower = s.to_ascii_lowercase();
        let b = lower.as_bytes();
        let mut i = 0;
        if b.first() == Some(&b'v') {
            i = 1;
        }
        let mut p = Parts::default();
        let first = digits(b, &mut i)?;
        if b.get(i) == Some(&b'!') {
            i += 1;
            p.epoch = first;
            p.release.push(digits(b, &mut i)?);
        } else {
            p.epoch = "0".to_owned();
            p.release.push(first);
        }
        while b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i += 1;
            p.release.push(digits(b, &mut i)?);
        }
        if wildcard && b[i..] == *b".*" {
            return Some((p, true));
        }
        // pre-release
        let save = i;
        sep(b, &mut i);
        const PRE: [(&str, &str); 7] = [
            ("alpha", "a"),
            ("beta", "b"),
            ("preview", "rc"),
            ("pre", "rc"),
            ("rc", "rc"),
            ("a", "a"),
            ("b", "b"),
        ];
        match word(b, &mut i, &PRE).or_else(|| word(b, &mut i, &[("c", "rc")])) {
            Some(l) => {
                let s2 = i;
                sep(b, &mut i);
                let n = digits(b, &mut i).or_else(|| {
                    i = s2;
                    Some("0".to_owned())
                })?;
                p.pre = Some((l, n));
            }
            None => i = save,
        }
        // post-release
        let save = i;
        if b.get(i) == Some(&b'-') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i += 1;
            p.post = digits(b, &mut i);
        } else {
            sep(b, &mut i);
            match word(
                b,
                &mut i,
                &[("post", "post"), ("rev", "post"), ("r", "post")],
            ) {
                Some(_) => {
                    let s2 = i;
                    sep(b, &mut i);
                    let n = digits(b, &mut i).unwrap_or_else(|| {
                        i = s2;
                        "0".to_owned()
                    });
                    p.post = Some(n);
                }
                None => i = save,
            }
        }
        // dev-release
        let save = i;
        sep(b, &mut i);
        match word(b, &mut i, &[("dev", "dev")]) {
            Some(_) => {
                let s2 = i;
                sep(b, &mut i);
                let n = digits(b, &mut i).unwrap_or_else(|| {
                    i = s2;
                    "0".to_owned()
                });
                p.dev = Some(n);
            }
            None => i = save,
        }
        if b.get(i) == Some(&b'+') {
            let local = &lower[i + 1..];
            let ok = !local.is_empty()
                && local
                    .split(['-', '_', '.'])
                    .all(|seg| !seg.is_empty() && seg.bytes().all(|c| c.is_ascii_alphanumeric()));
            if !ok {
                return None;
            }
            p.local = Some(local.replace(['-', '_'], "."));
            i = b.len();
        }
        if i != b.len() {
            return None;
        }
        Some((p, false))
    }

    fn is_prerelease(&self) -> bool {
        self.pre.is_some() || self.dev.is_some()
    }

    fn render(&self, pre: bool, post: bool, dev: bool) -> String {
        let mut s = format!("{}!{}", self.epoch, self.release.join("."));
        if pre && let Some((l, n)) = &self.pre {
            s.push_str(l);
            s.push_str(n);
        }
        if post && let Some(n) = &self.post {
            s.push_str(".post");
            s.push_str(n);
        }
        if dev && let Some(n) = &self.dev {
            s.push_str(".dev");
            s.push_str(n);
        }
        s
    }
}

/// Numeric comparison of digit strings without leading zeros.
fn num_eq(a: &str, b: &str) -> bool {
    a == b
}

/// Adds one to a digit string.
fn increment(n: &str) -> String {
    let mut d: Vec<u8> = n.bytes().collect();
    let mut i = d.len();
    loop {
        if i == 0 {
            d.insert(0, b'1');
            break;
        }
        i -= 1;
        if d[i] == b'9' {
            d[i] = b'0';
        } else {
            d[i] += 1;
            break;
        }
    }
    String::from_utf8(d).unwrap_or_else(|_| "0".to_owned())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SpecOp {
    Compatible,
    Equal,
    NotEqual,
    LessEqual,
    GreaterEqual,
    Less,
    Greater,
    Arbitrary,
}

#[derive(Clone, Debug)]
struct Spec {
    op: SpecOp,
    text: String,
    parts: Parts,
    wildcard: bool,
    version: Option<Version>,
}

/// A PEP 440 specifier set (`>=1.0,!=1.5.*,<2`).
#[derive(Clone, Debug)]
pub struct Pep440Specifiers {
    specs: Vec<Spec>,
}

fn pypi(s: &str) -> Option<Version> {
    Scheme::PyPI.parse(s).ok()
}

impl Pep440Specifiers {
    /// Parses a comma-separated specifier set; the empty string matches every
    /// version.
    pub fn parse(input: &str) -> Result<Pep440Specifiers, RangeError> {
        let mut specs = Vec::new();
        for item in input.split(',') {
            let item = item.trim();
            if item.is_empty() {
                if input.trim().is_empty() {
                    continue;
                }
                return Err(syntax_err(SYNTAX, input, "empty specifier"));
            }
            specs.push(Self::parse_one(input, item)?);
        }
        Ok(Pep440Specifiers { specs })
    }

    fn parse_one(input: &str, item: &str) -> Result<Spec, RangeError> {
        let ops = [
            ("===", SpecOp::Arbitrary),
            ("~=", SpecOp::Compatible),
            ("==", SpecOp::Equal),
            ("!=", SpecOp::NotEqual),
            ("<=", SpecOp::LessEqual),
            (">=", SpecOp::GreaterEqual),
            ("<", SpecOp::Less),
            (">", SpecOp::Greater),
        ];
        let Some((op, rest)) = ops
            .iter()
            .find_map(|(p, op)| item.strip_prefix(p).map(|r| (*op, r.trim())))
        else {
            return Err(syntax_err(SYNTAX, input, "missing operator"));
        };
        if rest.is_empty() || rest.contains(char::is_whitespace) {
            return Err(syntax_err(SYNTAX, input, "missing or malformed version"));
        }
        if op == SpecOp::Arbitrary {
            return Ok(Spec {
                op,
                text: rest.to_owned(),
                parts: Parts::default(),
                wildcard: false,
                version: pypi(rest),
            });
        }
        let allow_wild = matches!(op, SpecOp::Equal | SpecOp::NotEqual);
        let (parts, wildcard) = Parts::parse(rest, allow_wild)
            .ok_or_else(|| syntax_err(SYNTAX, input, format!("invalid version {rest:?}")))?;
        let bad = match op {
            SpecOp::Compatible => parts.local.is_some() || parts.release.len() < 2,
            SpecOp::Equal | SpecOp::NotEqual => false,
            _ => parts.local.is_some(),
        };
        if bad {
            return Err(syntax_err(
                SYNTAX,
                input,
                format!("{rest:?} is not allowed with this operator"),
            ));
        }
        let version = if wildcard {
            None
        } else {
            Some(
                Scheme::PyPI
                    .parse(rest)
                    .map_err(|source| RangeError::Version {
                        syntax: SYNTAX,
                        input: super::truncate(input),
                        source,
                    })?,
            )
        };
        Ok(Spec {
            op,
            text: rest.to_owned(),
            parts,
            wildcard,
            version,
        })
    }

    /// Whether `v` satisfies every specifier (pypa/packaging `contains` with
    /// the default pre-release policy: a pre-release is accepted when it
    /// matches).
    pub fn contains(&self, v: &Version) -> Contains {
        self.contains_with(v.as_str(), None)
    }

    /// Like [`Pep440Specifiers::contains`] for a string, which `===` may
    /// match even when it is not a PEP 440 version.
    pub fn contains_str(&self, v: &str) -> Contains {
        self.contains_with(v, None)
    }

    /// `contains` with an explicit pre-release policy: `Some(false)` rejects
    /// every pre-release, `Some(true)` and `None` accept matching ones.
    pub fn contains_with(&self, v: &str, prereleases: Option<bool>) -> Contains {
        let parsed = Parts::parse(v, false).map(|(p, _)| p);
        let version = pypi(v);
        let mut unknown = None;
        for spec in &self.specs {
            if spec.op == SpecOp::Arbitrary {
                if !spec.text.eq_ignore_ascii_case(v.trim()) {
                    return Contains::No;
                }
                continue;
            }
            let (Some(parts), Some(version)) = (&parsed, &version) else {
                unknown = Some(format!("{v:?} is not a PEP 440 version"));
                continue;
            };
            match spec.matches(parts, version) {
                Some(true) => {}
                Some(false) => return Contains::No,
                None => unknown = Some(format!("{v:?} cannot be compared")),
            }
        }
        if let Some(r) = unknown {
            return Contains::unknown(r);
        }
        if prereleases == Some(false) && parsed.as_ref().is_some_and(Parts::is_prerelease) {
            return Contains::No;
        }
        Contains::Yes
    }

    /// The plain interval reading (without the exclusive-ordering guards).
    /// `===` on a non-version cannot be represented and is left out.
    pub fn to_set(&self) -> VersionSet {
        let mut set = VersionSet::all(Scheme::PyPI);
        for s in &self.specs {
            if let Some(part) = s.to_set() {
                set = set.intersect(&part);
            }
        }
        set
    }
}

fn cmp(a: &Version, b: &Version) -> Option<Ordering> {
    a.cmp_same(b)
}

impl Spec {
    fn prefix_bounds(&self) -> Option<(Version, Version)> {
        let rel = &self.parts.release;
        let last = rel.last()?;
        let epoch = if self.parts.epoch == "0" {
            String::new()
        } else {
            format!("{}!", self.parts.epoch)
        };
        let lo = format!("{epoch}{}.dev0", rel.join("."));
        let mut hi_rel = rel[..rel.len() - 1].to_vec();
        hi_rel.push(increment(last));
        let hi = format!("{epoch}{}.dev0", hi_rel.join("."));
        Some((pypi(&lo)?, pypi(&hi)?))
    }

    fn to_set(&self) -> Option<VersionSet> {
        let s = Scheme::PyPI;
        let one = |i: Interval| VersionSet::from_intervals(s, vec![i]);
        Some(match self.op {
            SpecOp::Equal | SpecOp::NotEqual if self.wildcard => {
                let (lo, hi) = self.prefix_bounds()?;
                let inside = one(Interval::new(
                    Interval::at_least(lo.clone(), true).lower().cloned(),
                    Interval::at_most(hi.clone(), false).upper().cloned(),
                ));
                if self.op == SpecOp::Equal {
                    inside
                } else {
                    VersionSet::from_intervals(
                        s,
                        vec![Interval::at_most(lo, false), Interval::at_least(hi, true)],
                    )
                }
            }
            SpecOp::Equal | SpecOp::Arbitrary => one(Interval::point(self.version.clone()?)),
            SpecOp::NotEqual => VersionSet::all(s).without(self.version.as_ref()?),
            SpecOp::LessEqual => one(Interval::at_most(self.version.clone()?, true)),
            SpecOp::Less => one(Interval::at_most(self.version.clone()?, false)),
            SpecOp::GreaterEqual => one(Interval::at_least(self.version.clone()?, true)),
            SpecOp::Greater => one(Interval::at_least(self.version.clone()?, false)),
            SpecOp::Compatible => {
                let mut prefix = self.clone();
                prefix.parts.release.pop();
                let (_, hi) = prefix.prefix_bounds()?;
                one(Interval::new(
                    Interval::at_least(self.version.clone()?, true)
                        .lower()
                        .cloned(),
                    Interval::at_most(hi, false).upper().cloned(),
                ))
            }
        })
    }

    /// `==X.*`: same epoch, and the candidate's release, zero-padded to the
    /// prefix's length, starts with the prefix.
    fn prefix_match(prefix: &Parts, c: &Parts) -> bool {
        if !num_eq(&prefix.epoch, &c.epoch) {
            return false;
        }
        prefix
            .release
            .iter()
            .enumerate()
            .all(|(i, p)| num_eq(p, c.release.get(i).map(String::as_str).unwrap_or("0")))
    }

    fn matches(&self, c: &Parts, cv: &Version) -> Option<bool> {
        // Ordered comparisons and `==` without a local label look at the
        // candidate's public version (local label dropped).
        let public_owned;
        let public = if c.local.is_some() {
            public_owned = pypi(&c.render(true, true, true))?;
            &public_owned
        } else {
            cv
        };
        Some(match self.op {
            SpecOp::Arbitrary => true,
            SpecOp::Equal | SpecOp::NotEqual => {
                let eq = if self.wildcard {
                    Self::prefix_match(&self.parts, c)
                } else if self.parts.local.is_some() {
                    cmp(cv, self.version.as_ref()?)? == Ordering::Equal
                } else {
                    cmp(public, self.version.as_ref()?)? == Ordering::Equal
                };
                eq == (self.op == SpecOp::Equal)
            }
            SpecOp::GreaterEqual => cmp(public, self.version.as_ref()?)? != Ordering::Less,
            SpecOp::LessEqual => cmp(public, self.version.as_ref()?)? != Ordering::Greater,
            SpecOp::Less => {
                let spec = self.version.as_ref()?;
                if cmp(public, spec)? != Ordering::Less {
                    return Some(false);
                }
                // `<V` does not admit pre-releases of V itself unless V is one.
                if !self.parts.is_prerelease() && c.is_prerelease() {
                    let stripped = if c.pre.is_some() {
                        c.render(false, false, false)
                    } else {
                        c.render(false, true, false)
                    };
                    if cmp(&pypi(&stripped)?, spec)? == Ordering::Equal {
                        return Some(false);
                    }
                }
                true
            }
            SpecOp::Greater => {
                let spec = self.version.as_ref()?;
                if cmp(public, spec)? != Ordering::Greater {
                    return Some(false);
                }
                // `>V` does not admit post-releases of V itself unless V is one.
                if self.parts.post.is_none() && c.post.is_some() {
                    let stripped = c.render(true, false, false);
                    if cmp(&pypi(&stripped)?, spec)? == Ordering::Equal {
                        return Some(false);
                    }
                }
                true
            }
            SpecOp::Compatible => {
                if cmp(public, self.version.as_ref()?)? == Ordering::Less {
                    return Some(false);
                }
                let mut prefix = self.parts.clone();
                prefix.release.pop();
                Self::prefix_match(&prefix, c)
            }
        })
    }
}

impl fmt::Display for Pep440Specifiers {
    /// The specifiers as written, joined by commas.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .specs
            .iter()
            .map(|s| {
                let op = match s.op {
                    SpecOp::Compatible => "~=",
                    SpecOp::Equal => "==",
                    SpecOp::NotEqual => "!=",
                    SpecOp::LessEqual => "<=",
                    SpecOp::GreaterEqual => ">=",
                    SpecOp::Less => "<",
                    SpecOp::Greater => ">",
                    SpecOp::Arbitrary => "===",
                };
                format!("{op}{}", s.text)
            })
            .collect();
        f.write_str(&parts.join(","))
    }
}
