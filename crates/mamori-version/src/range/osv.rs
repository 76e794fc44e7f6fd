//! OSV `affected[].ranges` and `versions`, evaluated by the OSV schema's
//! algorithm: sorted events, `introduced: "0"`, `fixed` exclusive,
//! `last_affected` inclusive, `limit`, several ranges per package.

use std::cmp::Ordering;

use super::Contains;
use super::interval::{Bound, Interval, VersionSet};
use crate::{Scheme, Version};

/// The `type` of an OSV range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OsvRangeKind {
    /// `SEMVER`: versions are SemVer 2.0.
    Semver,
    /// `ECOSYSTEM`: versions follow the package ecosystem's scheme.
    Ecosystem,
    /// `GIT`: events are commit hashes; containment needs repository history.
    Git,
}

impl OsvRangeKind {
    /// Reads an OSV `type` value (`"SEMVER"`, `"ECOSYSTEM"`, `"GIT"`).
    pub fn from_osv(s: &str) -> Option<OsvRangeKind> {
        match s {
            "SEMVER" => Some(OsvRangeKind::Semver),
            "ECOSYSTEM" => Some(OsvRangeKind::Ecosystem),
            "GIT" => Some(OsvRangeKind::Git),
            _ => None,
        }
    }
}

/// One OSV range event, with the version text as the advisory wrote it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum OsvEvent {
    /// `introduced`: affected from this version on (`"0"`: from the start).
    Introduced(String),
    /// `fixed`: not affected from this version on.
    Fixed(String),
    /// `last_affected`: affected up to and including this version.
    LastAffected(String),
    /// `limit`: nothing at or above this version is affected (`"*"`: no limit).
    Limit(String),
}

impl OsvEvent {
    fn text(&self) -> &str {
        match self {
            OsvEvent::Introduced(s)
            | OsvEvent::Fixed(s)
            | OsvEvent::LastAffected(s)
            | OsvEvent::Limit(s) => s,
        }
    }

    /// Sorting rank among events at the same version: `introduced` first, so
    /// `introduced: X, fixed: X` is empty; `last_affected` after `fixed`, so
    /// the events that apply to a version always form a prefix.
    fn rank(&self) -> u8 {
        match self {
            OsvEvent::Introduced(_) => 0,
            OsvEvent::Fixed(_) => 1,
            OsvEvent::LastAffected(_) => 2,
            OsvEvent::Limit(_) => 3,
        }
    }
}

/// One OSV range (`type` + `events`), ready to answer "is V affected?".
///
/// Built by the feeds code from an advisory; the event versions are parsed
/// once here by `scheme` (the ecosystem's scheme; for `SEMVER` ranges pass the
/// ecosystem's scheme when it reads SemVer, e.g. `Go`, `npm`, `crates.io`).
/// A bound that does not parse makes every answer [`Contains::Unknown`].
#[derive(Clone, Debug)]
pub struct OsvRange {
    kind: OsvRangeKind,
    scheme: Scheme,
    events: Vec<OsvEvent>,
    set: Result<VersionSet, String>,
}

impl OsvRange {
    /// A range of `kind` whose versions are read by `scheme`.
    pub fn new(kind: OsvRangeKind, scheme: Scheme, events: Vec<OsvEvent>) -> OsvRange {
        let set = if kind == OsvRangeKind::Git {
            Err("GIT ranges list commits; deciding needs the repository history".to_owned())
        } else {
            build_set(scheme, &events)
        };
        OsvRange {
            kind,
            scheme,
            events,
            set,
        }
    }

    /// The range type.
    pub fn kind(&self) -> OsvRangeKind {
        self.kind
    }

    /// The scheme the events are read by.
    pub fn scheme(&self) -> Scheme {
        self.scheme
    }

    /// The events as given.
    pub fn events(&self) -> &[OsvEvent] {
        &self.events
    }

    /// The `fixed` versions, in the order given.
    pub fn fixed_versions(&self) -> Vec<&str> {
        self.events
            .iter()
            .filter_map(|e| match e {
                OsvEvent::Fixed(s) => Some(s.as_str()),
                _ => None,
            })
            .collect()
    }

    /// The range as intervals, or why it cannot be (GIT, unparsable bound).
    pub fn to_set(&self) -> Result<&VersionSet, &str> {
        self.set.as_ref().map_err(String::as_str)
    }

    /// Whether `v` is affected by this range.
    pub fn contains(&self, v: &Version) -> Contains {
        match &self.set {
            Ok(set) => set.contains(v),
            Err(reason) => Contains::unknown(reason.clone()),
        }
    }
}

/// Turns sorted events into intervals. Walking the sorted events, the state
/// "affected" after the last event that applies to a version is exactly the
/// OSV algorithm's answer; each `introduced` opens an interval (if none is
/// open) and the next `fixed` (exclusive) or `last_affected` (inclusive)
/// closes it.
fn build_set(scheme: Scheme, events: &[OsvEvent]) -> Result<VersionSet, String> {
    let mut parsed: Vec<(&OsvEvent, Option<Version>)> = Vec::with_capacity(events.len());
    let mut limits: Vec<Version> = Vec::new();
    let mut unlimited = false;
    for e in events {
        let text = e.text();
        match e {
            OsvEvent::Introduced(s) if s == "0" => parsed.push((e, None)),
            OsvEvent::Limit(s) if s == "*" => unlimited = true,
            _ => {
                let v = scheme
                    .parse(text)
                    .map_err(|err| format!("OSV range bound does not parse: {err}"))?;
                if let OsvEvent::Limit(_) = e {
                    limits.push(v);
                } else {
                    parsed.push((e, Some(v)));
                }
            }
        }
    }
    parsed.sort_by(|(ea, va), (eb, vb)| {
        let by_version = match (va, vb) {
            (None, None) => Ordering::Equal,
            (None, Some(_)) => Ordering::Less,
            (Some(_), None) => Ordering::Greater,
            (Some(a), Some(b)) => a.cmp_same(b).unwrap_or(Ordering::Equal),
        };
        by_version.then(ea.rank().cmp(&eb.rank()))
    });
    let mut intervals = Vec::new();
    let mut open: Option<Option<Bound>> = None;
    for (e, v) in parsed {
        match (e, v) {
            (OsvEvent::Introduced(_), v) if open.is_none() => {
                open = Some(v.map(Bound::inclusive));
            }
            (OsvEvent::Fixed(_), Some(v)) => {
                if let Some(lower) = open.take() {
                    intervals.push(Interval::new(lower, Some(Bound::exclusive(v))));
                }
            }
            (OsvEvent::LastAffected(_), Some(v)) => {
                if let Some(lower) = open.take() {
                    intervals.push(Interval::new(lower, Some(Bound::inclusive(v))));
                }
            }
            _ => {}
        }
    }
    if let Some(lower) = open {
        intervals.push(Interval::new(lower, None));
    }
    let mut set = VersionSet::from_intervals(scheme, intervals);
    if !unlimited && !limits.is_empty() {
        // "Before a limit" means below at least one limit, i.e. below the highest.
        let mut highest = limits[0].clone();
        for l in &limits[1..] {
            if l.cmp_same(&highest) == Some(Ordering::Greater) {
                highest = l.clone();
            }
        }
        set = set.intersect(&VersionSet::from_intervals(
            scheme,
            vec![Interval::at_most(highest, false)],
        ));
    }
    Ok(set)
}

/// Everything one OSV `affected[]` entry says about versions: its ranges and
/// its explicit `versions` list.
#[derive(Clone, Debug, Default)]
pub struct OsvAffected {
    /// The `ranges`.
    pub ranges: Vec<OsvRange>,
    /// The explicit `versions` list.
    pub versions: Vec<String>,
}

impl OsvAffected {
    /// Whether `v` is affected: listed in `versions`, or inside any range.
    /// [`Contains::No`] only when every range answers no.
    pub fn contains(&self, v: &Version) -> Contains {
        if self.versions.iter().any(|listed| {
            listed == v.as_str()
                || v.scheme().parse(listed).ok().and_then(|l| l.cmp_same(v))
                    == Some(Ordering::Equal)
        }) {
            return Contains::Yes;
        }
        let mut unknown = None;
        for r in &self.ranges {
            match r.contains(v) {
                Contains::Yes => return Contains::Yes,
                Contains::No => {}
                u @ Contains::Unknown { .. } => {
                    unknown.get_or_insert(u);
                }
            }
        }
        unknown.unwrap_or(Contains::No)
    }

    /// Every `fixed` version of every range.
    pub fn fixed_versions(&self) -> Vec<&str> {
        self.ranges
            .iter()
            .flat_map(|r| r.fixed_versions())
            .collect()
    }
}
