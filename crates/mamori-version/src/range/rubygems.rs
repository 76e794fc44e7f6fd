//! RubyGems requirements: `~> 2.0.8`, `>= 1.0`, `!= 1.5`, several joined by
//! commas.

use std::cmp::Ordering;

use super::generic::{Op, op_set, split_op};
use super::interval::{Interval, VersionSet};
use super::{Contains, RangeError, parse_bound, syntax_err};
use crate::{Scheme, Version};

const SYNTAX: &str = "RubyGems";

/// The release part of a gem version: the segments before the first one
/// holding a letter (`1.2.rc1` → `1.2`).
fn release_segments(v: &str) -> Vec<&str> {
    v.trim()
        .split(['.', '-'])
        .take_while(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        .collect()
}

/// `Gem::Version#bump`: drop pre-release segments, drop the last segment
/// (unless it is the only one), and add one to the new last.
fn bump(v: &str) -> Option<String> {
    let mut segs: Vec<String> = release_segments(v).into_iter().map(str::to_owned).collect();
    if segs.len() > 1 {
        segs.pop();
    }
    let last = segs.last_mut()?;
    let n: u128 = last.parse().ok()?;
    *last = n.checked_add(1)?.to_string();
    Some(segs.join("."))
}

/// A RubyGems requirement list; every requirement must hold.
#[derive(Clone, Debug)]
pub struct GemRequirement {
    /// The `~>` requirements as (at least, release below), which need a test
    /// beyond the interval set.
    pessimistic: Vec<(Version, Version)>,
    set: VersionSet,
}

impl GemRequirement {
    /// Parses `"~> 2.0, >= 2.0.8"`-style requirements. An empty string is
    /// `>= 0`, as in RubyGems.
    pub fn parse(input: &str) -> Result<GemRequirement, RangeError> {
        let s = Scheme::RubyGems;
        let mut pessimistic = Vec::new();
        let mut set = VersionSet::all(s);
        for item in input.split(',') {
            let item = item.trim();
            if item.is_empty() {
                if input.trim().is_empty() {
                    continue;
                }
                return Err(syntax_err(SYNTAX, input, "empty requirement"));
            }
            if let Some(rest) = item.strip_prefix("~>") {
                let rest = rest.trim();
                let v = parse_bound(SYNTAX, input, s, rest)?;
                let up_text = bump(rest)
                    .ok_or_else(|| syntax_err(SYNTAX, input, "\"~>\" needs a numeric release"))?;
                let up = parse_bound(SYNTAX, input, s, &up_text)?;
                set = set.intersect(&VersionSet::from_intervals(
                    s,
                    vec![Interval::new(
                        Interval::at_least(v.clone(), true).lower().cloned(),
                        Interval::at_most(up.clone(), false).upper().cloned(),
                    )],
                ));
                pessimistic.push((v, up));
                continue;
            }
            let (op, rest) = split_op(item);
            if rest.is_empty() || rest.contains(char::is_whitespace) {
                return Err(syntax_err(SYNTAX, input, "malformed requirement"));
            }
            let v = parse_bound(SYNTAX, input, s, rest)?;
            let op = op.unwrap_or(Op::Eq);
            set = set.intersect(&op_set(s, op, v));
        }
        Ok(GemRequirement { pessimistic, set })
    }

    /// The normalized interval form (`~> 2.0.8` → `>=2.0.8|<2.1`).
    pub fn set(&self) -> &VersionSet {
        &self.set
    }

    /// Whether `v` meets every requirement. For `~>` the upper bound is
    /// tested on `v`'s release part, as RubyGems does, so `~> 2.0` rejects
    /// `3.0.a`.
    pub fn contains(&self, v: &Version) -> Contains {
        let owned;
        let v = if v.scheme() == Scheme::RubyGems {
            v
        } else {
            match Scheme::RubyGems.parse(v.as_str()) {
                Ok(x) => {
                    owned = x;
                    &owned
                }
                Err(e) => return Contains::unknown(e.to_string()),
            }
        };
        for (lo, up) in &self.pessimistic {
            let release = release_segments(v.as_str()).join(".");
            let Ok(rel) = Scheme::RubyGems.parse(&release) else {
                return Contains::unknown(format!("{:?} has no numeric release", v.as_str()));
            };
            match (v.cmp_same(lo), rel.cmp_same(up)) {
                (Some(a), Some(b)) => {
                    if a == Ordering::Less || b != Ordering::Less {
                        return Contains::No;
                    }
                }
                _ => return Contains::unknown("versions cannot be ordered"),
            }
        }
        // The plain comparators are all in the set; `~>` is in it too, with
        // an upper bound that is at least as wide as the release test above.
        self.set.contains(v)
    }
}
