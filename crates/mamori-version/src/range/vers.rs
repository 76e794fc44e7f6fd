//! `vers:` version range specifiers (package-url project): parse, normalize,
//! test, print.

use std::cmp::Ordering;
use std::fmt;

use super::interval::{Interval, VersionSet};
use super::{Contains, RangeError, parse_bound, syntax_err};
use crate::{Scheme, Version};

const SYNTAX: &str = "vers";

/// The [`Scheme`] for a `vers` scheme name (`npm`, `pypi`, `maven`, `deb`,
/// `rpm`, `apk`, `gem`, `golang`, `nuget`, `composer`, `cargo`, `pub`, `hex`,
/// `cran`, `hackage`, `semver`, `generic`, and the spellings
/// [`Scheme::from_name`] knows).
pub fn scheme_from_vers_name(name: &str) -> Option<Scheme> {
    let lower = name.to_ascii_lowercase();
    match lower.as_str() {
        "npm" => Some(Scheme::Npm),
        "pypi" => Some(Scheme::PyPI),
        "maven" => Some(Scheme::Maven),
        "deb" | "debian" | "ubuntu" => Some(Scheme::Debian),
        "rpm" => Some(Scheme::Rpm),
        "apk" | "alpine" => Some(Scheme::Alpine),
        "gem" | "rubygems" => Some(Scheme::RubyGems),
        "golang" | "go" => Some(Scheme::Go),
        "nuget" => Some(Scheme::NuGet),
        "composer" | "packagist" => Some(Scheme::Packagist),
        "cargo" | "crates.io" => Some(Scheme::Cargo),
        "pub" => Some(Scheme::Pub),
        "hex" => Some(Scheme::Hex),
        "cran" => Some(Scheme::Cran),
        "hackage" => Some(Scheme::Hackage),
        "semver" => Some(Scheme::Semver),
        "generic" => Some(Scheme::Generic),
        _ => Scheme::from_name(&lower),
    }
}

/// The `vers` scheme name of a [`Scheme`] (`Go` → `golang`, `Packagist` →
/// `composer`, `RubyGems` → `gem`, …).
pub fn vers_scheme_name(scheme: Scheme) -> &'static str {
    match scheme {
        Scheme::Semver => "semver",
        Scheme::Npm => "npm",
        Scheme::Cargo => "cargo",
        Scheme::Go => "golang",
        Scheme::PyPI => "pypi",
        Scheme::Maven => "maven",
        Scheme::NuGet => "nuget",
        Scheme::RubyGems => "gem",
        Scheme::Packagist => "composer",
        Scheme::Pub => "pub",
        Scheme::Hex => "hex",
        Scheme::Debian => "deb",
        Scheme::Rpm => "rpm",
        Scheme::Alpine => "apk",
        Scheme::Cran => "cran",
        Scheme::Hackage => "hackage",
        Scheme::Generic => "generic",
    }
}

/// A parsed `vers:` range, held in normalized form.
#[derive(Clone, Debug)]
pub struct VersRange {
    set: VersionSet,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

impl VersRange {
    /// Parses `vers:<scheme>/<constraint>|<constraint>…`. Whitespace is
    /// ignored; constraints may come in any order and are normalized.
    pub fn parse(input: &str) -> Result<VersRange, RangeError> {
        let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        let rest = match compact.get(..5) {
            Some(p) if p.eq_ignore_ascii_case("vers:") => &compact[5..],
            _ => return Err(syntax_err(SYNTAX, input, "must start with \"vers:\"")),
        };
        let Some((scheme_name, constraints)) = rest.split_once('/') else {
            return Err(syntax_err(SYNTAX, input, "missing \"/\" after the scheme"));
        };
        if scheme_name.is_empty() {
            return Err(syntax_err(SYNTAX, input, "empty scheme"));
        }
        let scheme = scheme_from_vers_name(scheme_name)
            .ok_or_else(|| RangeError::UnknownScheme(super::truncate(scheme_name)))?;
        VersRange::parse_constraints(scheme, constraints, input)
    }

    /// Parses the constraints part (after `vers:<scheme>/`) for `scheme`.
    pub fn from_constraints(scheme: Scheme, constraints: &str) -> Result<VersRange, RangeError> {
        let compact: String = constraints.chars().filter(|c| !c.is_whitespace()).collect();
        VersRange::parse_constraints(scheme, &compact, constraints)
    }

    fn parse_constraints(
        scheme: Scheme,
        constraints: &str,
        input: &str,
    ) -> Result<VersRange, RangeError> {
        let constraints = constraints.trim_matches('|');
        if constraints.is_empty() {
            return Err(syntax_err(SYNTAX, input, "no constraints"));
        }
        if constraints == "*" {
            return Ok(VersRange {
                set: VersionSet::all(scheme),
            });
        }
        let mut points = Vec::new();
        let mut holes = Vec::new();
        let mut ranges: Vec<(Op, Version)> = Vec::new();
        for c in constraints.split('|') {
            if c.is_empty() {
                return Err(syntax_err(SYNTAX, input, "empty constraint"));
            }
            if c == "*" {
                return Err(syntax_err(
                    SYNTAX,
                    input,
                    "\"*\" must be the only constraint",
                ));
            }
            let (op, v) = if let Some(v) = c.strip_prefix(">=") {
                (Op::Ge, v)
            } else if let Some(v) = c.strip_prefix("<=") {
                (Op::Le, v)
            } else if let Some(v) = c.strip_prefix("!=") {
                (Op::Ne, v)
            } else if let Some(v) = c.strip_prefix('<') {
                (Op::Lt, v)
            } else if let Some(v) = c.strip_prefix('>') {
                (Op::Gt, v)
            } else if let Some(v) = c.strip_prefix('=') {
                (Op::Eq, v)
            } else {
                (Op::Eq, c)
            };
            if v.is_empty() {
                return Err(syntax_err(SYNTAX, input, "constraint without a version"));
            }
            let decoded = percent_decode(v)
                .ok_or_else(|| syntax_err(SYNTAX, input, "bad percent-encoding"))?;
            let version = parse_bound(SYNTAX, input, scheme, &decoded)?;
            match op {
                Op::Eq => points.push(version),
                Op::Ne => holes.push(version),
                _ => ranges.push((op, version)),
            }
        }
        ranges.sort_by(|a, b| a.1.cmp_same(&b.1).unwrap_or(Ordering::Equal));
        // The vers containment algorithm, read as a set: a leading `<`/`<=`
        // opens from minus infinity, each `>`/`>=` followed by `<`/`<=` is an
        // interval, and a trailing `>`/`>=` runs to plus infinity.
        let mut intervals: Vec<Interval> = points.into_iter().map(Interval::point).collect();
        if ranges.is_empty() && !holes.is_empty() {
            intervals.push(Interval::all());
        }
        if let Some((op, v)) = ranges.first()
            && matches!(op, Op::Lt | Op::Le)
        {
            intervals.push(Interval::at_most(v.clone(), *op == Op::Le));
        }
        for pair in ranges.windows(2) {
            let (a_op, a) = &pair[0];
            let (b_op, b) = &pair[1];
            if matches!(a_op, Op::Gt | Op::Ge) && matches!(b_op, Op::Lt | Op::Le) {
                let lower = Interval::at_least(a.clone(), *a_op == Op::Ge);
                let upper = Interval::at_most(b.clone(), *b_op == Op::Le);
                intervals.push(Interval::new(
                    lower.lower().cloned(),
                    upper.upper().cloned(),
                ));
            }
        }
        if let Some((op, v)) = ranges.last()
            && matches!(op, Op::Gt | Op::Ge)
        {
            intervals.push(Interval::at_least(v.clone(), *op == Op::Ge));
        }
        let mut set = VersionSet::from_intervals(scheme, intervals);
        for h in &holes {
            set = set.without(h);
        }
        Ok(VersRange { set })
    }

    /// Wraps a normalized set (from a native syntax) so it prints as `vers:`.
    pub fn from_set(set: VersionSet) -> VersRange {
        VersRange { set }
    }

    /// The scheme named in the range.
    pub fn scheme(&self) -> Scheme {
        self.set.scheme()
    }

    /// The normalized interval form.
    pub fn set(&self) -> &VersionSet {
        &self.set
    }

    /// Whether `v` is inside.
    pub fn contains(&self, v: &Version) -> Contains {
        self.set.contains(v)
    }

    /// Parses `v` by the range's scheme and tests it.
    pub fn contains_str(&self, v: &str) -> Contains {
        self.set.contains_str(v)
    }
}

impl fmt::Display for VersRange {
    /// The normalized `vers:` string: constraints sorted by version,
    /// overlapping ones merged, single excluded versions written as `!=`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.set, f)
    }
}
