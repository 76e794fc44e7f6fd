//! Composer (Packagist) version constraints: `^`, `~`, wildcards, hyphen
//! ranges, `,`/space AND, `||`/`|` OR, stability flags.

use super::generic::{Op, op_set, split_op};
use super::interval::{Interval, VersionSet};
use super::{Contains, RangeError, parse_bound, syntax_err};
use crate::{Scheme, Version};

const SYNTAX: &str = "Composer";
const S: Scheme = Scheme::Packagist;

/// Drops a stability flag (`@dev`, `@stable`), a `-stable` suffix (Composer
/// normalizes `1.0-stable` to `1.0`) and a leading `v`.
fn clean(t: &str) -> &str {
    let t = t.split('@').next().unwrap_or(t);
    let t = match t.len().checked_sub(7) {
        Some(cut)
            if t.is_char_boundary(cut) && t[cut..].eq_ignore_ascii_case("-stable") && cut > 0 =>
        {
            &t[..cut]
        }
        _ => t,
    };
    t.strip_prefix(['v', 'V'])
        .filter(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        .unwrap_or(t)
}

/// Pads the numeric release of a bound to three numbers (`1.1` →
/// `1.1.0`, `2.0-beta` → `2.0.0-beta`). Composer normalizes both sides of a
/// comparison this way, while the Packagist order (PHP `version_compare`)
/// puts `1.1` below `1.1.0`; padding the bound makes `<1.1` exclude the
/// `1.1.0` that Composer excludes.
fn pad(t: &str) -> String {
    let end = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let release = t[..end].trim_end_matches('.');
    let dots = release.matches('.').count();
    if release.is_empty() || dots >= 2 || release.split('.').any(str::is_empty) {
        return t.to_owned();
    }
    let mut out = release.to_owned();
    for _ in dots..2 {
        out.push_str(".0");
    }
    out.push_str(&t[release.len()..]);
    out
}

/// Parses a bound after padding it.
fn bound(input: &str, v: &str) -> Result<Version, RangeError> {
    parse_bound(SYNTAX, input, S, &pad(v))
}

/// The numeric parts of `t` and whether it ended in a wildcard.
fn numeric_parts(t: &str) -> Option<(Vec<u64>, bool)> {
    let mut nums = Vec::new();
    for p in t.split('.') {
        if matches!(p, "*" | "x" | "X") {
            return Some((nums, true));
        }
        nums.push(p.parse().ok()?);
    }
    Some((nums, false))
}

fn join(nums: &[u64]) -> String {
    nums.iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

fn between(input: &str, lo: &str, hi: Option<&str>) -> Result<VersionSet, RangeError> {
    let lo = bound(input, lo)?;
    let mut i = vec![Interval::at_least(lo, true)];
    if let Some(hi) = hi {
        let hi = bound(input, hi)?;
        let upper = Interval::at_most(hi, false).upper().cloned();
        i = vec![Interval::new(i[0].lower().cloned(), upper)];
    }
    Ok(VersionSet::from_intervals(S, i))
}

/// Bumps `nums` at `idx` and drops what follows (`[1,2,3]`, 1 → `1.3`).
fn bumped(nums: &[u64], idx: usize) -> Option<String> {
    let mut v: Vec<u64> = nums.get(..=idx)?.to_vec();
    let last = v.last_mut()?;
    *last = last.checked_add(1)?;
    Some(join(&v))
}

fn one(input: &str, token: &str) -> Result<VersionSet, RangeError> {
    let overflow = || syntax_err(SYNTAX, input, "version number overflows");
    if let Some(rest) = token.strip_prefix('~') {
        let rest = clean(rest.trim());
        let (nums, _) = numeric_parts(rest)
            .ok_or_else(|| syntax_err(SYNTAX, input, "\"~\" needs a numeric version"))?;
        let idx = if nums.len() > 1 { nums.len() - 2 } else { 0 };
        return between(input, rest, Some(&bumped(&nums, idx).ok_or_else(overflow)?));
    }
    if let Some(rest) = token.strip_prefix('^') {
        let rest = clean(rest.trim());
        let (nums, _) = numeric_parts(rest)
            .ok_or_else(|| syntax_err(SYNTAX, input, "\"^\" needs a numeric version"))?;
        let idx = nums
            .iter()
            .position(|n| *n != 0)
            .unwrap_or(nums.len().saturating_sub(1));
        return between(input, rest, Some(&bumped(&nums, idx).ok_or_else(overflow)?));
    }
    let (op, rest) = if let Some(r) = token.strip_prefix("<>") {
        (Some(Op::Ne), r)
    } else {
        split_op(token)
    };
    let rest = clean(rest.trim());
    if rest.is_empty() {
        return Err(syntax_err(SYNTAX, input, "operator without a version"));
    }
    if let Some((nums, true)) = numeric_parts(rest) {
        if nums.is_empty() {
            return Ok(VersionSet::all(S));
        }
        let lo = join(&nums);
        let hi = bumped(&nums, nums.len() - 1).ok_or_else(overflow)?;
        let inside = between(input, &lo, Some(&hi))?;
        return Ok(match op {
            None | Some(Op::Eq) => inside,
            Some(Op::Ne) => VersionSet::from_intervals(
                S,
                vec![
                    Interval::at_most(bound(input, &lo)?, false),
                    Interval::at_least(bound(input, &hi)?, true),
                ],
            ),
            Some(_) => {
                return Err(syntax_err(
                    SYNTAX,
                    input,
                    "a wildcard cannot follow a comparison",
                ));
            }
        });
    }
    let v = bound(input, rest)?;
    Ok(op_set(S, op.unwrap_or(Op::Eq), v))
}

/// A Composer constraint.
#[derive(Clone, Debug)]
pub struct ComposerConstraint {
    set: VersionSet,
}

impl ComposerConstraint {
    /// Parses a Composer constraint. Stability flags are dropped (they choose
    /// which releases a resolver considers, not which versions match).
    pub fn parse(input: &str) -> Result<ComposerConstraint, RangeError> {
        let mut set = VersionSet::empty(S);
        let normalized = input.replace("||", "|");
        for group in normalized.split('|') {
            let mut tokens: Vec<String> = Vec::new();
            let mut pending = String::new();
            for w in group
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|w| !w.is_empty())
            {
                if w.chars()
                    .all(|c| matches!(c, '<' | '>' | '=' | '!' | '~' | '^'))
                {
                    pending.push_str(w);
                } else {
                    tokens.push(format!("{pending}{w}"));
                    pending.clear();
                }
            }
            if !pending.is_empty() {
                return Err(syntax_err(SYNTAX, input, "operator without a version"));
            }
            if tokens.is_empty() {
                return Err(syntax_err(SYNTAX, input, "empty constraint"));
            }
            let mut g = VersionSet::all(S);
            let mut i = 0;
            while i < tokens.len() {
                if tokens.get(i + 1).is_some_and(|t| t == "-") {
                    let Some(hi) = tokens.get(i + 2) else {
                        return Err(syntax_err(SYNTAX, input, "hyphen range without an end"));
                    };
                    let lo = clean(&tokens[i]);
                    let hi = clean(hi);
                    let (nums, wild) = numeric_parts(hi).unwrap_or_default();
                    let upper = if wild || (nums.len() < 3 && !nums.is_empty()) {
                        let hi_b = bumped(&nums, nums.len().saturating_sub(1))
                            .ok_or_else(|| syntax_err(SYNTAX, input, "version number overflows"))?;
                        Interval::at_most(bound(input, &hi_b)?, false)
                    } else {
                        Interval::at_most(bound(input, hi)?, true)
                    };
                    let lower = Interval::at_least(bound(input, lo)?, true);
                    g = g.intersect(&VersionSet::from_intervals(
                        S,
                        vec![Interval::new(
                            lower.lower().cloned(),
                            upper.upper().cloned(),
                        )],
                    ));
                    i += 3;
                    continue;
                }
                g = g.intersect(&one(input, &tokens[i])?);
                i += 1;
            }
            set = set.union(&g);
        }
        Ok(ComposerConstraint { set })
    }

    /// The normalized interval form.
    pub fn set(&self) -> &VersionSet {
        &self.set
    }

    /// Whether `v` is inside. A short candidate (`2.0`) is padded like the
    /// bounds, so it compares as Composer compares it (`2.0` = `2.0.0`).
    pub fn contains(&self, v: &Version) -> Contains {
        let padded = pad(v.as_str().trim());
        if padded != v.as_str()
            && let Ok(p) = S.parse(&padded)
        {
            return self.set.contains(&p);
        }
        self.set.contains(v)
    }
}
