//! Plain comparator lists (`>=1.0, <2.0 || =3.0`) for schemes that have no
//! range syntax of their own (Debian, RPM, Alpine, Go, …), and the shared
//! tokenizer the other syntaxes build on.

use super::interval::{Interval, VersionSet};
use super::{Contains, RangeError, parse_bound, syntax_err};
use crate::{Scheme, Version};

const SYNTAX: &str = "comparator";

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

/// Splits a leading operator off `s`, after trimming.
pub(crate) fn split_op(s: &str) -> (Option<Op>, &str) {
    let s = s.trim();
    for (p, op) in [
        (">=", Op::Ge),
        ("=>", Op::Ge),
        ("<=", Op::Le),
        ("=<", Op::Le),
        ("!=", Op::Ne),
        ("==", Op::Eq),
        (">", Op::Gt),
        ("<", Op::Lt),
        ("=", Op::Eq),
    ] {
        if let Some(rest) = s.strip_prefix(p) {
            return (Some(op), rest.trim_start());
        }
    }
    (None, s)
}

/// The set of versions one comparator admits.
pub(crate) fn op_set(scheme: Scheme, op: Op, v: Version) -> VersionSet {
    let intervals = match op {
        Op::Eq => vec![Interval::point(v)],
        Op::Ne => return VersionSet::all(scheme).without(&v),
        Op::Lt => vec![Interval::at_most(v, false)],
        Op::Le => vec![Interval::at_most(v, true)],
        Op::Gt => vec![Interval::at_least(v, false)],
        Op::Ge => vec![Interval::at_least(v, true)],
    };
    VersionSet::from_intervals(scheme, intervals)
}

/// Splits an AND-group into comparator tokens on commas and whitespace,
/// re-attaching an operator written apart from its version (`>= 1.0`).
pub(crate) fn comparator_tokens(group: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut pending: Option<String> = None;
    for raw in group.split(|c: char| c == ',' || c.is_whitespace()) {
        if raw.is_empty() {
            continue;
        }
        let is_bare_op = raw
            .chars()
            .all(|c| matches!(c, '<' | '>' | '=' | '!' | '~' | '^'));
        if let Some(mut p) = pending.take() {
            p.push_str(raw);
            if is_bare_op {
                pending = Some(p);
            } else {
                out.push(p);
            }
        } else if is_bare_op {
            pending = Some(raw.to_owned());
        } else {
            out.push(raw.to_owned());
        }
    }
    if let Some(p) = pending {
        out.push(p);
    }
    out
}

/// A union (`||`) of AND-groups of comparators over one scheme.
#[derive(Clone, Debug)]
pub struct ComparatorRange {
    set: VersionSet,
}

impl ComparatorRange {
    /// Parses `>=1.0 <2.0 || =3.0` style text (groups split on `||`,
    /// comparators on commas or spaces; a bare version means `=`; `*` is
    /// every version).
    pub fn parse(scheme: Scheme, input: &str) -> Result<ComparatorRange, RangeError> {
        let mut set = VersionSet::empty(scheme);
        let mut groups = 0;
        for group in input.split("||") {
            let tokens = comparator_tokens(group);
            // Advisories often leave a stray `||` at the end; skip empty groups.
            if tokens.is_empty() {
                continue;
            }
            groups += 1;
            let mut g = VersionSet::all(scheme);
            for t in tokens {
                if t == "*" {
                    continue;
                }
                let (op, v) = split_op(&t);
                if v.is_empty() {
                    return Err(syntax_err(SYNTAX, input, "operator without a version"));
                }
                let v = parse_bound(SYNTAX, input, scheme, v)?;
                g = g.intersect(&op_set(scheme, op.unwrap_or(Op::Eq), v));
            }
            set = set.union(&g);
        }
        if groups == 0 {
            return Err(syntax_err(SYNTAX, input, "no comparators"));
        }
        Ok(ComparatorRange { set })
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
