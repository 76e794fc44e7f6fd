//! Maven version ranges (`[1.0,2.0)`, `(,1.0]`, `[1.2]`, unions
//! `[1,2),[3,4)`) and NuGet version ranges (the same brackets, one interval,
//! and a bare version meaning `>=`).

use super::interval::{Bound, Interval, VersionSet};
use super::{Contains, RangeError, parse_bound, syntax_err};
use crate::{Scheme, Version};

/// Reads bracketed intervals, as many as `multi` allows.
fn parse_brackets(
    syntax: &'static str,
    scheme: Scheme,
    input: &str,
    multi: bool,
) -> Result<VersionSet, RangeError> {
    let mut rest = input.trim();
    let mut intervals = Vec::new();
    while !rest.is_empty() {
        let open_inclusive = match rest.as_bytes()[0] {
            b'[' => true,
            b'(' => false,
            _ => return Err(syntax_err(syntax, input, "expected \"[\" or \"(\"")),
        };
        let Some(close) = rest.find([']', ')']) else {
            return Err(syntax_err(syntax, input, "unclosed interval"));
        };
        let close_inclusive = rest.as_bytes()[close] == b']';
        let body = &rest[1..close];
        rest = rest[close + 1..].trim_start();
        let parts: Vec<&str> = body.split(',').map(str::trim).collect();
        match parts.as_slice() {
            [one] => {
                if !(open_inclusive && close_inclusive) || one.is_empty() {
                    return Err(syntax_err(
                        syntax,
                        input,
                        "a single version must be written [v]",
                    ));
                }
                intervals.push(Interval::point(parse_bound(syntax, input, scheme, one)?));
            }
            [lo, hi] => {
                if lo.is_empty() && open_inclusive || hi.is_empty() && close_inclusive {
                    return Err(syntax_err(
                        syntax,
                        input,
                        "an open end must use \"(\" or \")\"",
                    ));
                }
                let lower = if lo.is_empty() {
                    None
                } else {
                    let v = parse_bound(syntax, input, scheme, lo)?;
                    Some(if open_inclusive {
                        Bound::inclusive(v)
                    } else {
                        Bound::exclusive(v)
                    })
                };
                let upper = if hi.is_empty() {
                    None
                } else {
                    let v = parse_bound(syntax, input, scheme, hi)?;
                    Some(if close_inclusive {
                        Bound::inclusive(v)
                    } else {
                        Bound::exclusive(v)
                    })
                };
                intervals.push(Interval::new(lower, upper));
            }
            _ => {
                return Err(syntax_err(
                    syntax,
                    input,
                    "an interval has at most two versions",
                ));
            }
        }
        if let Some(r) = rest.strip_prefix(',') {
            if !multi {
                return Err(syntax_err(syntax, input, "only one interval is allowed"));
            }
            rest = r.trim_start();
            if rest.is_empty() {
                return Err(syntax_err(syntax, input, "trailing comma"));
            }
        } else if !rest.is_empty() {
            return Err(syntax_err(
                syntax,
                input,
                "intervals must be separated by commas",
            ));
        }
    }
    if intervals.is_empty() {
        return Err(syntax_err(syntax, input, "empty range"));
    }
    Ok(VersionSet::from_intervals(scheme, intervals))
}

/// A Maven version range (a union of bracketed intervals). A bare version,
/// which Maven treats as a soft preference, is read as that exact version,
/// which is what advisories mean by it.
#[derive(Clone, Debug)]
pub struct MavenRange {
    set: VersionSet,
}

impl MavenRange {
    /// Parses a Maven range.
    pub fn parse(input: &str) -> Result<MavenRange, RangeError> {
        let t = input.trim();
        let set = if t.starts_with(['[', '(']) {
            parse_brackets("maven", Scheme::Maven, input, true)?
        } else if t.is_empty() {
            return Err(syntax_err("maven", input, "empty range"));
        } else {
            let v = parse_bound("maven", input, Scheme::Maven, t)?;
            VersionSet::from_intervals(Scheme::Maven, vec![Interval::point(v)])
        };
        Ok(MavenRange { set })
    }

    /// The normalized interval form.
    pub fn set(&self) -> &VersionSet {
        &self.set
    }

    /// Whether `v` is inside.
    pub fn contains(&self, v: &Version) -> Contains {
        self.set.contains(v)
    }
}

/// A NuGet version range: one bracketed interval, or a bare version meaning
/// "this version or later".
#[derive(Clone, Debug)]
pub struct NuGetRange {
    set: VersionSet,
}

impl NuGetRange {
    /// Parses a NuGet range.
    pub fn parse(input: &str) -> Result<NuGetRange, RangeError> {
        let t = input.trim();
        let set = if t.starts_with(['[', '(']) {
            parse_brackets("NuGet", Scheme::NuGet, input, false)?
        } else if t.is_empty() {
            return Err(syntax_err("NuGet", input, "empty range"));
        } else {
            let v = parse_bound("NuGet", input, Scheme::NuGet, t)?;
            VersionSet::from_intervals(Scheme::NuGet, vec![Interval::at_least(v, true)])
        };
        Ok(NuGetRange { set })
    }

    /// The normalized interval form.
    pub fn set(&self) -> &VersionSet {
        &self.set
    }

    /// Whether `v` is inside.
    pub fn contains(&self, v: &Version) -> Contains {
        self.set.contains(v)
    }
}
