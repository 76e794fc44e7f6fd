//! NVD `cpeMatch` version bounds: `versionStartIncluding` / `…Excluding`,
//! `versionEndIncluding` / `…Excluding` and the CPE's own version field.

use std::cmp::Ordering;

use super::Contains;
use crate::{Scheme, Version};

/// A parsed bound, or the reason it did not parse (kept so that `contains`
/// can answer [`Contains::Unknown`] instead of ignoring the bound).
///
/// The version is boxed: a [`Version`] is sized for its largest scheme (about
/// 200 bytes), most criteria give one or two of the three bounds, and an
/// NVD-sized scan holds hundreds of thousands of prepared criteria, whose
/// memory's first touch was a fifth of its time (issue 5).
#[derive(Clone, Debug)]
enum End {
    Ok(Box<Version>),
    Bad(String),
}

/// The version constraint of one NVD `cpeMatch` entry.
#[derive(Clone, Debug)]
pub struct NvdBounds {
    scheme: Scheme,
    exact: Option<End>,
    not_applicable: bool,
    start: Option<(End, bool)>,
    end: Option<(End, bool)>,
}

fn end(scheme: Scheme, s: &str) -> End {
    match scheme.parse(s.trim()) {
        Ok(v) => End::Ok(Box::new(v)),
        Err(e) => End::Bad(format!("NVD bound does not parse: {e}")),
    }
}

impl NvdBounds {
    /// Bounds read by `scheme`. `cpe_version` is the version field of the CPE
    /// (`*` or absent: any; `-`: not applicable). Start and end each take the
    /// including or the excluding form; if both are given, the excluding one
    /// wins (it is the narrower).
    pub fn new(
        scheme: Scheme,
        cpe_version: Option<&str>,
        start_including: Option<&str>,
        start_excluding: Option<&str>,
        end_including: Option<&str>,
        end_excluding: Option<&str>,
    ) -> NvdBounds {
        let mut not_applicable = false;
        let exact = match cpe_version.map(str::trim) {
            None | Some("*") | Some("") => None,
            Some("-") => {
                not_applicable = true;
                None
            }
            Some(v) => Some(end(scheme, v)),
        };
        let start = match (start_excluding, start_including) {
            (Some(x), _) => Some((end(scheme, x), false)),
            (None, Some(i)) => Some((end(scheme, i), true)),
            (None, None) => None,
        };
        let end_bound = match (end_excluding, end_including) {
            (Some(x), _) => Some((end(scheme, x), false)),
            (None, Some(i)) => Some((end(scheme, i), true)),
            (None, None) => None,
        };
        NvdBounds {
            scheme,
            exact,
            not_applicable,
            start,
            end: end_bound,
        }
    }

    /// The scheme the bounds are read by.
    pub fn scheme(&self) -> Scheme {
        self.scheme
    }

    /// Whether `v` matches.
    pub fn contains(&self, v: &Version) -> Contains {
        if v.scheme() != self.scheme {
            return match self.scheme.parse(v.as_str()) {
                Ok(own) => self.contains(&own),
                Err(e) => Contains::unknown(e.to_string()),
            };
        }
        if self.not_applicable {
            return Contains::unknown("the CPE version is \"-\" (not applicable)");
        }
        let mut result = true;
        if let Some(e) = &self.exact {
            match e {
                End::Bad(r) => return Contains::unknown(r.clone()),
                End::Ok(x) => match v.cmp_same(x) {
                    Some(o) => result &= o == Ordering::Equal,
                    None => return Contains::unknown("versions cannot be ordered"),
                },
            }
        }
        for (bound, inclusive, is_start) in [
            self.start.as_ref().map(|(e, i)| (e, *i, true)),
            self.end.as_ref().map(|(e, i)| (e, *i, false)),
        ]
        .into_iter()
        .flatten()
        {
            let x = match bound {
                End::Bad(r) => return Contains::unknown(r.clone()),
                End::Ok(x) => x,
            };
            let Some(o) = v.cmp_same(x) else {
                return Contains::unknown("versions cannot be ordered");
            };
            let ok = match (is_start, o) {
                (_, Ordering::Equal) => inclusive,
                (true, o) => o == Ordering::Greater,
                (false, o) => o == Ordering::Less,
            };
            result &= ok;
        }
        Contains::from_bool(result)
    }
}
