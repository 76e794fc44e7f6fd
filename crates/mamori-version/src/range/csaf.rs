//! Legacy CSAF product-version strings, as real advisories write them:
//! `<=06.08.00.00`, `< 4.2`, `>= 1.0 < 2.0`, `all versions`, `prior to 3.1`,
//! `before 2.0`, `3.1 and earlier`, or a `vers:` string.

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
        if lower.starts_with("vers:") {
            return Ok(CsafProductVersion {
                set: VersRange::parse(t)?.set().clone(),
            });
        }
        if matches!(
            lower.as_str(),
            "all versions" | "all" | "*" | "any" | "all releases"
        ) {
            return Ok(CsafProductVersion {
                set: VersionSet::all(scheme),
            });
        }
        let prefixed: [(&str, Op); 10] = [
            ("prior to ", Op::Lt),
            ("before ", Op::Lt),
            ("earlier than ", Op::Lt),
            ("versions prior to ", Op::Lt),
            ("up to and including ", Op::Le),
            ("up to ", Op::Le),
            ("through ", Op::Le),
            ("from ", Op::Ge),
            ("after ", Op::Gt),
            ("later than ", Op::Gt),
        ];
        let suffixed: [(&str, Op); 7] = [
            (" and earlier", Op::Le),
            (" and prior", Op::Le),
            (" or earlier", Op::Le),
            (" and later", Op::Ge),
            (" and above", Op::Ge),
            (" or later", Op::Ge),
            (" and newer", Op::Ge),
        ];
        let mut phrase: Option<(Op, &str)> = None;
        for (p, op) in prefixed {
            if lower.starts_with(p) {
                phrase = Some((op, t[p.len()..].trim()));
                break;
            }
        }
        for (p, op) in suffixed {
            if phrase.is_none() && lower.ends_with(p) {
                phrase = Some((op, t[..t.len() - p.len()].trim()));
            }
        }
        let mut set = VersionSet::all(scheme);
        if let Some((op, v)) = phrase {
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
        for tok in tokens {
            let (op, v) = split_op(&tok);
            if v.is_empty() {
                return Err(syntax_err(SYNTAX, input, "operator without a version"));
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
