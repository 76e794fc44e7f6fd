//! Legacy CSAF product-version strings, as real advisories write them:
//! `<=06.08.00.00`, `< 4.2`, `>= 1.0 < 2.0`, `>= 4.01 | <= 4.34`,
//! `all versions`, `All versions prior to Version 8.2.2`, `before 2.0`,
//! `3.1 and prior`, `vers:all/*`, or a `vers:` string.

use super::generic::{Op, op_set, split_op};
use super::interval::VersionSet;
use super::vers::VersRange;
use super::{Contains, RangeError, parse_bound, syntax_err};
use crate::{Scheme, Version};

const SYNTAX: &str = "CSAF product version";

/// A CSAF product version or version range, read by a given scheme.
#[derive(Clone, Debug)]
pub struct CsafProductVersion {
    set: VersionSet,
}

impl CsafProductVersion {
    /// Parses `input`, reading versions by `scheme` (a `vers:` string names
    /// its own scheme). Words are matched case-insensitively.
    pub fn parse(scheme: Scheme, input: &str) -> Result<CsafProductVersion, RangeError> {
        let t = input.trim();
        let lower = t.to_ascii_lowercase();
        let all = || {
            Ok(CsafProductVersion {
                set: VersionSet::all(scheme),
            })
        };
        // `vers:all/*` is how CSAF 2.0 writes "every version" (CISA uses it).
        if lower.replace(char::is_whitespace, "") == "vers:all/*" {
            return all();
        }
        if lower.starts_with("vers:") {
            return Ok(CsafProductVersion {
                set: VersRange::parse(t)?.set().clone(),
            });
        }
        // `>= 4.01 | <= 4.34`: vers constraints without the `vers:` prefix.
        if t.contains('|') {
            return Ok(CsafProductVersion {
                set: VersRange::from_constraints(scheme, t)?.set().clone(),
            });
        }
        // Phrases: drop filler words, then look for the operator words.
        let words: Vec<&str> = t
            .split_whitespace()
            .filter(|w| {
                !matches!(
                    w.to_ascii_lowercase().trim_end_matches(':'),
                    "all" | "software" | "versions" | "version" | "releases" | "release"
                )
            })
            .collect();
        let lw: Vec<String> = words.iter().map(|w| w.to_ascii_lowercase()).collect();
        let l: Vec<&str> = lw.iter().map(String::as_str).collect();
        if words.is_empty() || matches!(l.as_slice(), ["*"] | ["any"]) {
            return all();
        }
        let phrase: Option<(Op, &str)> = match (l.as_slice(), words.as_slice()) {
            (["prior", "to", _] | ["earlier", "than", _] | ["older", "than", _], [.., v]) => {
                Some((Op::Lt, v))
            }
            (["before", _] | ["below", _], [_, v]) => Some((Op::Lt, v)),
            (["up", "to", "and", "including", _], [.., v]) => Some((Op::Le, v)),
            (["up", "to", _] | ["through", _] | ["until", _], [.., v]) => Some((Op::Le, v)),
            (["from", _] | ["since", _], [_, v]) => Some((Op::Ge, v)),
            (["after", _] | ["later", "than", _] | ["newer", "than", _], [.., v]) => {
                Some((Op::Gt, v))
            }
            (
                [
                    _,
                    "and" | "or",
                    "prior" | "earlier" | "older" | "below" | "lower",
                ],
                [v, ..],
            ) => Some((Op::Le, v)),
            ([_, "and" | "or", "later" | "newer" | "above" | "higher"], [v, ..]) => {
                Some((Op::Ge, v))
            }
            _ => None,
        };
        if let Some((op, v)) = phrase {
            let v = v.trim_end_matches([',', ';', '.']);
            let v = v
                .strip_prefix(['v', 'V'])
                .filter(|r| r.starts_with(|c: char| c.is_ascii_digit()))
                .unwrap_or(v);
            let v = parse_bound(SYNTAX, input, scheme, v)?;
            return Ok(CsafProductVersion {
                set: op_set(scheme, op, v),
            });
        }
        let tokens = super::generic::comparator_tokens(t);
        if tokens.is_empty() {
            return Err(syntax_err(SYNTAX, input, "empty version"));
        }
        let mut set = VersionSet::all(scheme);
        let several = tokens.len() > 1;
        for tok in tokens {
            let (op, v) = split_op(&tok);
            if v.is_empty() {
                return Err(syntax_err(SYNTAX, input, "operator without a version"));
            }
            // `< august 28`, `<= 3.0 D15`: a bare word among comparators is
            // prose, not a second exact version; refuse rather than guess.
            if several && op.is_none() {
                return Err(syntax_err(SYNTAX, input, "words that are not comparators"));
            }
            let v = parse_bound(SYNTAX, input, scheme, v)?;
            set = set.intersect(&op_set(scheme, op.unwrap_or(Op::Eq), v));
        }
        Ok(CsafProductVersion { set })
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
