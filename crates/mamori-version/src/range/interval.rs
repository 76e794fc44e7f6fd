//! The one normalized form every range syntax converts into: a sorted union of
//! disjoint intervals over [`Version`], each end inclusive, exclusive or open.

use std::cmp::Ordering;
use std::fmt;

use super::Contains;
use crate::{Scheme, Version};

/// One end of an interval: a version and whether the version itself is inside.
#[derive(Clone, Debug)]
pub struct Bound {
    version: Version,
    inclusive: bool,
}

impl Bound {
    /// A bound that includes `version`.
    pub fn inclusive(version: Version) -> Self {
        Bound {
            version,
            inclusive: true,
        }
    }

    /// A bound that excludes `version`.
    pub fn exclusive(version: Version) -> Self {
        Bound {
            version,
            inclusive: false,
        }
    }

    /// The version at this end.
    pub fn version(&self) -> &Version {
        &self.version
    }

    /// Whether the version at this end is inside the interval.
    pub fn is_inclusive(&self) -> bool {
        self.inclusive
    }
}

/// A contiguous run of versions; `None` ends are unbounded.
#[derive(Clone, Debug)]
pub struct Interval {
    lower: Option<Bound>,
    upper: Option<Bound>,
}

/// Orders two versions that are known to share a scheme. Every version in one
/// [`VersionSet`] was parsed by the set's scheme, so `cmp_same` cannot fail;
/// `Equal` is only a fallback that keeps the code panic-free.
fn ord(a: &Version, b: &Version) -> Ordering {
    a.cmp_same(b).unwrap_or(Ordering::Equal)
}

/// Orders lower ends: unbounded first; at the same version an inclusive end
/// starts earlier than an exclusive one.
fn cmp_lower(a: &Option<Bound>, b: &Option<Bound>) -> Ordering {
    match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(x), Some(y)) => ord(&x.version, &y.version).then(match (x.inclusive, y.inclusive) {
            (true, false) => Ordering::Less,
            (false, true) => Ordering::Greater,
            _ => Ordering::Equal,
        }),
    }
}

/// Orders upper ends: unbounded last; at the same version an exclusive end
/// stops earlier than an inclusive one.
fn cmp_upper(a: &Option<Bound>, b: &Option<Bound>) -> Ordering {
    match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(x), Some(y)) => ord(&x.version, &y.version).then(match (x.inclusive, y.inclusive) {
            (true, false) => Ordering::Greater,
            (false, true) => Ordering::Less,
            _ => Ordering::Equal,
        }),
    }
}

impl Interval {
    /// An interval between two optional ends.
    pub fn new(lower: Option<Bound>, upper: Option<Bound>) -> Self {
        Interval { lower, upper }
    }

    /// Every version.
    pub fn all() -> Self {
        Interval::new(None, None)
    }

    /// Exactly one version.
    pub fn point(version: Version) -> Self {
        Interval::new(
            Some(Bound::inclusive(version.clone())),
            Some(Bound::inclusive(version)),
        )
    }

    /// `>= version` (or `> version` when `inclusive` is false).
    pub fn at_least(version: Version, inclusive: bool) -> Self {
        Interval::new(Some(Bound { version, inclusive }), None)
    }

    /// `<= version` (or `< version` when `inclusive` is false).
    pub fn at_most(version: Version, inclusive: bool) -> Self {
        Interval::new(None, Some(Bound { version, inclusive }))
    }

    /// The lower end, `None` when unbounded.
    pub fn lower(&self) -> Option<&Bound> {
        self.lower.as_ref()
    }

    /// The upper end, `None` when unbounded.
    pub fn upper(&self) -> Option<&Bound> {
        self.upper.as_ref()
    }

    fn is_empty(&self) -> bool {
        match (&self.lower, &self.upper) {
            (Some(l), Some(u)) => match ord(&l.version, &u.version) {
                Ordering::Greater => true,
                Ordering::Equal => !(l.inclusive && u.inclusive),
                Ordering::Less => false,
            },
            _ => false,
        }
    }

    fn is_point(&self) -> bool {
        match (&self.lower, &self.upper) {
            (Some(l), Some(u)) => {
                l.inclusive && u.inclusive && ord(&l.version, &u.version) == Ordering::Equal
            }
            _ => false,
        }
    }

    fn intersect(&self, other: &Interval) -> Interval {
        let lower = if cmp_lower(&self.lower, &other.lower) == Ordering::Greater {
            self.lower.clone()
        } else {
            other.lower.clone()
        };
        let upper = if cmp_upper(&self.upper, &other.upper) == Ordering::Less {
            self.upper.clone()
        } else {
            other.upper.clone()
        };
        Interval { lower, upper }
    }

    /// Whether `v` lies inside; `None` when `v` cannot be ordered against an end.
    fn contains(&self, v: &Version) -> Option<bool> {
        if let Some(l) = &self.lower {
            match v.cmp_same(&l.version)? {
                Ordering::Less => return Some(false),
                Ordering::Equal if !l.inclusive => return Some(false),
                _ => {}
            }
        }
        if let Some(u) = &self.upper {
            match v.cmp_same(&u.version)? {
                Ordering::Greater => return Some(false),
                Ordering::Equal if !u.inclusive => return Some(false),
                _ => {}
            }
        }
        Some(true)
    }
}

/// Percent-encodes the characters that would break a `vers` constraint.
fn encode(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for c in v.chars() {
        if matches!(c, '|' | '%' | '<' | '>' | '=' | '!' | '*' | '/')
            || c.is_whitespace()
            || c.is_control()
        {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A set of versions of one scheme: a sorted union of disjoint, non-touching
/// intervals. Every native range syntax and `vers:` converts into this.
#[derive(Clone, Debug)]
pub struct VersionSet {
    scheme: Scheme,
    intervals: Vec<Interval>,
}

impl VersionSet {
    /// The empty set.
    pub fn empty(scheme: Scheme) -> Self {
        VersionSet {
            scheme,
            intervals: Vec::new(),
        }
    }

    /// Every version of the scheme.
    pub fn all(scheme: Scheme) -> Self {
        VersionSet {
            scheme,
            intervals: vec![Interval::all()],
        }
    }

    /// The union of `intervals`, normalized (sorted, merged, empties dropped).
    /// Callers guarantee every bound was parsed by `scheme`.
    pub(crate) fn from_intervals(scheme: Scheme, intervals: Vec<Interval>) -> Self {
        let mut set = VersionSet { scheme, intervals };
        set.normalize();
        set
    }

    /// The scheme of every bound.
    pub fn scheme(&self) -> Scheme {
        self.scheme
    }

    /// The intervals, sorted and disjoint.
    pub fn intervals(&self) -> &[Interval] {
        &self.intervals
    }

    /// Whether no version is inside.
    pub fn is_empty(&self) -> bool {
        self.intervals.is_empty()
    }

    fn normalize(&mut self) {
        let mut items: Vec<Interval> = std::mem::take(&mut self.intervals)
            .into_iter()
            .filter(|i| !i.is_empty())
            .collect();
        items.sort_by(|a, b| cmp_lower(&a.lower, &b.lower));
        let mut out: Vec<Interval> = Vec::with_capacity(items.len());
        for next in items {
            if let Some(cur) = out.last_mut() {
                let joins = match (&cur.upper, &next.lower) {
                    (None, _) | (_, None) => true,
                    (Some(u), Some(l)) => match ord(&l.version, &u.version) {
                        Ordering::Less => true,
                        Ordering::Equal => l.inclusive || u.inclusive,
                        Ordering::Greater => false,
                    },
                };
                if joins {
                    if cmp_upper(&next.upper, &cur.upper) == Ordering::Greater {
                        cur.upper = next.upper;
                    }
                    continue;
                }
            }
            out.push(next);
        }
        self.intervals = out;
    }

    /// The union of two sets of the same scheme.
    pub fn union(&self, other: &VersionSet) -> VersionSet {
        let mut all = self.intervals.clone();
        all.extend(other.intervals.iter().cloned());
        VersionSet::from_intervals(self.scheme, all)
    }

    /// The intersection of two sets of the same scheme.
    pub fn intersect(&self, other: &VersionSet) -> VersionSet {
        let mut all = Vec::new();
        for a in &self.intervals {
            for b in &other.intervals {
                all.push(a.intersect(b));
            }
        }
        VersionSet::from_intervals(self.scheme, all)
    }

    /// This set without one version.
    pub fn without(&self, v: &Version) -> VersionSet {
        let mut all = Vec::with_capacity(self.intervals.len() + 1);
        for i in &self.intervals {
            if i.contains(v) == Some(true) {
                all.push(Interval::new(
                    i.lower.clone(),
                    Some(Bound::exclusive(v.clone())),
                ));
                all.push(Interval::new(
                    Some(Bound::exclusive(v.clone())),
                    i.upper.clone(),
                ));
            } else {
                all.push(i.clone());
            }
        }
        VersionSet::from_intervals(self.scheme, all)
    }

    /// Whether `v` is inside. A version of another scheme is re-read by this
    /// set's scheme; if that fails the answer is [`Contains::Unknown`].
    pub fn contains(&self, v: &Version) -> Contains {
        if v.scheme() != self.scheme {
            return match self.scheme.parse(v.as_str()) {
                Ok(own) => self.contains(&own),
                Err(e) => Contains::unknown(e.to_string()),
            };
        }
        for i in &self.intervals {
            match i.contains(v) {
                Some(true) => return Contains::Yes,
                Some(false) => {}
                None => return Contains::unknown("version and range bounds cannot be ordered"),
            }
        }
        Contains::No
    }

    /// Parses `v` by this set's scheme and tests it.
    pub fn contains_str(&self, v: &str) -> Contains {
        match self.scheme.parse(v) {
            Ok(v) => self.contains(&v),
            Err(e) => Contains::unknown(e.to_string()),
        }
    }

    /// Whether both sets hold exactly the same versions (same ends, same
    /// inclusiveness). Ends are compared by the scheme's order, so `1.0` and
    /// `1.0.0` are the same end in schemes where they are equal.
    pub fn same_as(&self, other: &VersionSet) -> bool {
        self.scheme == other.scheme
            && self.intervals.len() == other.intervals.len()
            && self.intervals.iter().zip(&other.intervals).all(|(a, b)| {
                cmp_lower(&a.lower, &b.lower) == Ordering::Equal
                    && cmp_upper(&a.upper, &b.upper) == Ordering::Equal
            })
    }

    /// The `vers:` constraints (the part after `vers:<scheme>/`), or `None`
    /// for the empty set, which `vers` cannot express.
    pub(crate) fn vers_constraints(&self) -> Option<String> {
        if self.intervals.is_empty() {
            return None;
        }
        let mut parts: Vec<String> = Vec::new();
        let n = self.intervals.len();
        for (idx, i) in self.intervals.iter().enumerate() {
            if i.is_point() {
                if let Some(l) = &i.lower {
                    parts.push(encode(l.version.as_str()));
                }
                continue;
            }
            // A lower end that only reopens after a single excluded version
            // was already written as `!=v` with the previous interval.
            let reopened = idx > 0 && self.single_gap(idx - 1);
            match &i.lower {
                Some(l) if !reopened => {
                    parts.push(format!(
                        "{}{}",
                        if l.inclusive { ">=" } else { ">" },
                        l.version
                    ));
                }
                _ => {}
            }
            if idx + 1 < n && self.single_gap(idx) {
                if let Some(u) = &i.upper {
                    parts.push(format!("!={}", encode(u.version.as_str())));
                }
                continue;
            }
            if let Some(u) = &i.upper {
                parts.push(format!(
                    "{}{}",
                    if u.inclusive { "<=" } else { "<" },
                    u.version
                ));
            }
        }
        if parts.is_empty() {
            return Some("*".to_owned());
        }
        Some(parts.join("|"))
    }

    /// Whether interval `idx` and the next one are separated by exactly one
    /// excluded version (`< v` then `> v`), which `vers` writes as `!=v`.
    fn single_gap(&self, idx: usize) -> bool {
        let (Some(a), Some(b)) = (self.intervals.get(idx), self.intervals.get(idx + 1)) else {
            return false;
        };
        if a.is_point() || b.is_point() {
            return false;
        }
        match (&a.upper, &b.lower) {
            (Some(u), Some(l)) => {
                !u.inclusive && !l.inclusive && ord(&u.version, &l.version) == Ordering::Equal
            }
            _ => false,
        }
    }

    /// This set as a normalized `vers:` string; `None` for the empty set.
    pub fn to_vers(&self) -> Option<String> {
        let c = self.vers_constraints()?;
        Some(format!(
            "vers:{}/{}",
            super::vers::vers_scheme_name(self.scheme),
            c
        ))
    }
}

impl fmt::Display for VersionSet {
    /// The `vers:` form; the empty set, which `vers` cannot express, prints
    /// with an empty constraint list.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.to_vers() {
            Some(s) => f.write_str(&s),
            None => write!(f, "vers:{}/", super::vers::vers_scheme_name(self.scheme)),
        }
    }
}
