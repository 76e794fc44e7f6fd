//! npm (node-semver) ranges: `^`, `~`, x-ranges, hyphen ranges, `||`,
//! comparator sets, and node-semver's pre-release rule.

use std::cmp::Ordering;
use std::fmt;

use super::generic::Op;
use super::interval::VersionSet;
use super::{Contains, RangeError, parse_bound, syntax_err};
use crate::{Scheme, Version};

const SYNTAX: &str = "npm";
/// node-semver refuses numbers above JavaScript's largest safe integer.
const MAX_SAFE: u64 = 9_007_199_254_740_991;

/// A partial version as written in a range: `None` parts are `x`, `*` or absent.
#[derive(Clone, Debug, Default)]
struct Partial {
    major: Option<u64>,
    minor: Option<u64>,
    patch: Option<u64>,
    pre: Option<String>,
}

fn ident_ok(id: &str, numeric_no_leading_zero: bool) -> bool {
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return false;
    }
    if numeric_no_leading_zero
        && id.bytes().all(|b| b.is_ascii_digit())
        && id.len() > 1
        && id.starts_with('0')
    {
        return false;
    }
    true
}

fn number(part: &str) -> Result<Option<u64>, String> {
    if matches!(part, "x" | "X" | "*") {
        return Ok(None);
    }
    if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("{part:?} is not a number or x"));
    }
    if part.len() > 1 && part.starts_with('0') {
        return Err(format!("{part:?} has a leading zero"));
    }
    match part.parse::<u64>() {
        Ok(n) if n <= MAX_SAFE => Ok(Some(n)),
        _ => Err(format!("{part:?} is too large")),
    }
}

fn parse_partial(s: &str) -> Result<Partial, String> {
    let s = s.trim_start_matches(|c: char| c == 'v' || c == '=' || c.is_whitespace());
    if s.is_empty() {
        return Ok(Partial::default());
    }
    let (rest, build) = match s.split_once('+') {
        Some((r, b)) => (r, Some(b)),
        None => (s, None),
    };
    if let Some(b) = build
        && !b.split('.').all(|id| ident_ok(id, false))
    {
        return Err("bad build metadata".to_owned());
    }
    let (core, pre) = match rest.split_once('-') {
        Some((c, p)) => (c, Some(p)),
        None => (rest, None),
    };
    let parts: Vec<&str> = core.split('.').collect();
    if parts.len() > 3 {
        return Err("more than three numbers".to_owned());
    }
    let mut nums = [None; 3];
    let mut seen_x = false;
    for (i, p) in parts.iter().enumerate() {
        let n = number(p)?;
        if n.is_none() {
            seen_x = true;
        } else if seen_x {
            return Err("a number after an x".to_owned());
        }
        nums[i] = n;
    }
    if let Some(p) = pre {
        if parts.len() != 3 {
            return Err("a pre-release needs three numbers".to_owned());
        }
        if !p.split('.').all(|id| ident_ok(id, true)) {
            return Err("bad pre-release".to_owned());
        }
    }
    Ok(Partial {
        major: nums[0],
        minor: if parts.len() > 1 { nums[1] } else { None },
        patch: if parts.len() > 2 { nums[2] } else { None },
        pre: pre.map(str::to_owned),
    })
}

/// One primitive comparator after desugaring.
// A range holds a handful of these; boxing the big variant would cost an
// allocation each for no gain.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug)]
enum Comp {
    /// Matches every version (node-semver's empty comparator).
    Any,
    Cmp {
        op: Op,
        tuple: [u64; 3],
        pre: Option<String>,
        version: Version,
    },
}

impl Comp {
    fn text(&self) -> String {
        match self {
            Comp::Any => String::new(),
            Comp::Cmp { op, tuple, pre, .. } => {
                let op = match op {
                    Op::Eq | Op::Ne => "",
                    Op::Lt => "<",
                    Op::Le => "<=",
                    Op::Gt => ">",
                    Op::Ge => ">=",
                };
                let pre = pre.as_ref().map(|p| format!("-{p}")).unwrap_or_default();
                format!("{op}{}.{}.{}{pre}", tuple[0], tuple[1], tuple[2])
            }
        }
    }

    fn is_null(&self) -> bool {
        matches!(self, Comp::Cmp { op: Op::Lt, tuple: [0, 0, 0], pre: Some(p), .. } if p == "0")
    }
}

fn inc(n: u64) -> Result<u64, String> {
    n.checked_add(1)
        .filter(|n| *n <= MAX_SAFE)
        .ok_or_else(|| "version number overflows".to_owned())
}

/// Builds comparators from `(op, [M, m, p], pre)` triples.
struct Builder<'a> {
    input: &'a str,
    out: Vec<Comp>,
}

impl Builder<'_> {
    fn push(&mut self, op: Op, t: [u64; 3], pre: Option<&str>) -> Result<(), RangeError> {
        let pre = pre.map(str::to_owned);
        let text = match &pre {
            Some(p) => format!("{}.{}.{}-{p}", t[0], t[1], t[2]),
            None => format!("{}.{}.{}", t[0], t[1], t[2]),
        };
        let version = parse_bound(SYNTAX, self.input, Scheme::Npm, &text)?;
        // node-semver drops a lone `>=0.0.0`: it is the same as "any".
        if op == Op::Ge && t == [0, 0, 0] && pre.is_none() {
            self.out.push(Comp::Any);
        } else {
            self.out.push(Comp::Cmp {
                op,
                tuple: t,
                pre,
                version,
            });
        }
        Ok(())
    }
}

fn desugar(b: &mut Builder<'_>, token: &str) -> Result<(), RangeError> {
    let err = |r: String| syntax_err(SYNTAX, b.input, r);
    let (kind, rest) = if let Some(r) = token.strip_prefix("~>") {
        ("~", r)
    } else if let Some(r) = token.strip_prefix('~') {
        ("~", r)
    } else if let Some(r) = token.strip_prefix('^') {
        ("^", r)
    } else if let Some(r) = token.strip_prefix(">=") {
        (">=", r)
    } else if let Some(r) = token.strip_prefix("<=") {
        ("<=", r)
    } else if let Some(r) = token.strip_prefix('>') {
        (">", r)
    } else if let Some(r) = token.strip_prefix('<') {
        ("<", r)
    } else if let Some(r) = token.strip_prefix('=') {
        ("", r)
    } else {
        ("", token)
    };
    let p = parse_partial(rest).map_err(err)?;
    let input = b.input;
    let err = |r: String| syntax_err(SYNTAX, input, r);
    match kind {
        "~" => match (p.major, p.minor, p.patch) {
            (None, _, _) => b.out.push(Comp::Any),
            (Some(ma), None, _) => {
                b.push(Op::Ge, [ma, 0, 0], None)?;
                b.push(Op::Lt, [inc(ma).map_err(err)?, 0, 0], Some("0"))?;
            }
            (Some(ma), Some(mi), None) => {
                b.push(Op::Ge, [ma, mi, 0], None)?;
                b.push(Op::Lt, [ma, inc(mi).map_err(err)?, 0], Some("0"))?;
            }
            (Some(ma), Some(mi), Some(pa)) => {
                b.push(Op::Ge, [ma, mi, pa], p.pre.as_deref())?;
                b.push(Op::Lt, [ma, inc(mi).map_err(err)?, 0], Some("0"))?;
            }
        },
        "^" => match (p.major, p.minor, p.patch) {
            (None, _, _) => b.out.push(Comp::Any),
            (Some(ma), None, _) => {
                b.push(Op::Ge, [ma, 0, 0], None)?;
                b.push(Op::Lt, [inc(ma).map_err(err)?, 0, 0], Some("0"))?;
            }
            (Some(ma), Some(mi), None) => {
                b.push(Op::Ge, [ma, mi, 0], None)?;
                if ma == 0 {
                    b.push(Op::Lt, [ma, inc(mi).map_err(err)?, 0], Some("0"))?;
                } else {
                    b.push(Op::Lt, [inc(ma).map_err(err)?, 0, 0], Some("0"))?;
                }
            }
            (Some(ma), Some(mi), Some(pa)) => {
                b.push(Op::Ge, [ma, mi, pa], p.pre.as_deref())?;
                if ma == 0 && mi == 0 {
                    b.push(Op::Lt, [ma, mi, inc(pa).map_err(err)?], Some("0"))?;
                } else if ma == 0 {
                    b.push(Op::Lt, [ma, inc(mi).map_err(err)?, 0], Some("0"))?;
                } else {
                    b.push(Op::Lt, [inc(ma).map_err(err)?, 0, 0], Some("0"))?;
                }
            }
        },
        gtlt => {
            let any_x = p.major.is_none() || p.minor.is_none() || p.patch.is_none();
            match (p.major, p.minor, p.patch) {
                (None, _, _) => {
                    if gtlt == ">" || gtlt == "<" {
                        b.push(Op::Lt, [0, 0, 0], Some("0"))?;
                    } else {
                        b.out.push(Comp::Any);
                    }
                }
                (Some(ma), mi, _) if any_x && !gtlt.is_empty() => {
                    let (mut ma, mut mi2, pa2) = (ma, mi.unwrap_or(0), 0u64);
                    let op = match gtlt {
                        ">" => {
                            if mi.is_none() {
                                ma = inc(ma).map_err(err)?;
                                mi2 = 0;
                            } else {
                                mi2 = inc(mi2).map_err(err)?;
                            }
                            Op::Ge
                        }
                        "<=" => {
                            if mi.is_none() {
                                ma = inc(ma).map_err(err)?;
                            } else {
                                mi2 = inc(mi2).map_err(err)?;
                            }
                            Op::Lt
                        }
                        ">=" => Op::Ge,
                        _ => Op::Lt,
                    };
                    let pre = if op == Op::Lt { Some("0") } else { None };
                    b.push(op, [ma, mi2, pa2], pre)?;
                }
                (Some(ma), None, _) => {
                    b.push(Op::Ge, [ma, 0, 0], None)?;
                    b.push(Op::Lt, [inc(ma).map_err(err)?, 0, 0], Some("0"))?;
                }
                (Some(ma), Some(mi), None) => {
                    b.push(Op::Ge, [ma, mi, 0], None)?;
                    b.push(Op::Lt, [ma, inc(mi).map_err(err)?, 0], Some("0"))?;
                }
                (Some(ma), Some(mi), Some(pa)) => {
                    let op = match gtlt {
                        ">=" => Op::Ge,
                        "<=" => Op::Le,
                        ">" => Op::Gt,
                        "<" => Op::Lt,
                        _ => Op::Eq,
                    };
                    b.push(op, [ma, mi, pa], p.pre.as_deref())?;
                }
            }
        }
    }
    Ok(())
}

fn hyphen(b: &mut Builder<'_>, from: &str, to: &str) -> Result<(), RangeError> {
    let input = b.input;
    let err = |r: String| syntax_err(SYNTAX, input, r);
    let f = parse_partial(from).map_err(err)?;
    let t = parse_partial(to).map_err(err)?;
    match (f.major, f.minor, f.patch) {
        (None, _, _) => {}
        (Some(ma), None, _) => b.push(Op::Ge, [ma, 0, 0], None)?,
        (Some(ma), Some(mi), None) => b.push(Op::Ge, [ma, mi, 0], None)?,
        (Some(ma), Some(mi), Some(pa)) => b.push(Op::Ge, [ma, mi, pa], f.pre.as_deref())?,
    }
    match (t.major, t.minor, t.patch) {
        (None, _, _) => {}
        (Some(ma), None, _) => b.push(Op::Lt, [inc(ma).map_err(err)?, 0, 0], Some("0"))?,
        (Some(ma), Some(mi), None) => b.push(Op::Lt, [ma, inc(mi).map_err(err)?, 0], Some("0"))?,
        (Some(ma), Some(mi), Some(pa)) => b.push(Op::Le, [ma, mi, pa], t.pre.as_deref())?,
    }
    if b.out.is_empty() {
        b.out.push(Comp::Any);
    }
    Ok(())
}

/// An npm range: a union (`||`) of comparator sets, desugared the way
/// node-semver does (`^1.2.3` → `>=1.2.3 <2.0.0-0`).
#[derive(Clone, Debug)]
pub struct NpmRange {
    sets: Vec<Vec<Comp>>,
}

impl NpmRange {
    /// Parses a node-semver range (strict mode, pre-releases excluded by
    /// default).
    pub fn parse(input: &str) -> Result<NpmRange, RangeError> {
        let mut sets = Vec::new();
        for group in input.split("||") {
            let words: Vec<&str> = group.split_whitespace().collect();
            let mut b = Builder {
                input,
                out: Vec::new(),
            };
            if words.len() == 3 && words[1] == "-" {
                hyphen(&mut b, words[0], words[2])?;
            } else {
                // An operator written apart from its version (`>= 1.2`, `~ 1`).
                let mut tokens: Vec<String> = Vec::new();
                let mut pending = String::new();
                for w in words {
                    if w.chars().all(|c| matches!(c, '<' | '>' | '=' | '~' | '^')) {
                        pending.push_str(w);
                    } else {
                        tokens.push(format!("{pending}{w}"));
                        pending.clear();
                    }
                }
                if !pending.is_empty() {
                    tokens.push(pending);
                }
                if tokens.is_empty() {
                    b.out.push(Comp::Any);
                }
                for t in tokens {
                    desugar(&mut b, &t)?;
                }
            }
            let mut comps = b.out;
            if let Some(null) = comps.iter().find(|c| c.is_null()) {
                comps = vec![null.clone()];
            }
            let mut seen = std::collections::HashSet::new();
            comps.retain(|c| seen.insert(c.text()));
            if comps.len() > 1 {
                comps.retain(|c| !matches!(c, Comp::Any));
            }
            sets.push(comps);
        }
        if sets.len() > 1 {
            let first = sets[0].clone();
            sets.retain(|s| !s.first().is_some_and(Comp::is_null));
            if sets.is_empty() {
                sets = vec![first];
            } else if let Some(any) = sets
                .iter()
                .find(|s| s.len() == 1 && matches!(s[0], Comp::Any))
            {
                sets = vec![any.clone()];
            }
        }
        Ok(NpmRange { sets })
    }

    /// Whether `v` satisfies the range, with node-semver's pre-release rule:
    /// a pre-release only matches a comparator set in which some comparator
    /// has a pre-release on the same `major.minor.patch`.
    pub fn contains(&self, v: &Version) -> Contains {
        let owned;
        let v = if v.scheme() == Scheme::Npm {
            v
        } else {
            match Scheme::Npm.parse(v.as_str()) {
                Ok(x) => {
                    owned = x;
                    &owned
                }
                Err(e) => return Contains::unknown(e.to_string()),
            }
        };
        let Ok(p) = parse_partial(v.as_str().trim()) else {
            return Contains::unknown(format!("{:?} is not a full npm version", v.as_str()));
        };
        let (Some(ma), Some(mi), Some(pa)) = (p.major, p.minor, p.patch) else {
            return Contains::unknown(format!("{:?} is not a full npm version", v.as_str()));
        };
        let is_pre = p.pre.is_some();
        'sets: for set in &self.sets {
            for c in set {
                if let Comp::Cmp { op, version, .. } = c {
                    let Some(o) = v.cmp_same(version) else {
                        return Contains::unknown("versions cannot be ordered");
                    };
                    let ok = match op {
                        Op::Eq | Op::Ne => o == Ordering::Equal,
                        Op::Lt => o == Ordering::Less,
                        Op::Le => o != Ordering::Greater,
                        Op::Gt => o == Ordering::Greater,
                        Op::Ge => o != Ordering::Less,
                    };
                    if !ok {
                        continue 'sets;
                    }
                }
            }
            if !is_pre {
                return Contains::Yes;
            }
            let allowed = set.iter().any(
                |c| matches!(c, Comp::Cmp { tuple, pre: Some(_), .. } if *tuple == [ma, mi, pa]),
            );
            if allowed {
                return Contains::Yes;
            }
        }
        Contains::No
    }

    /// The plain interval reading (without the pre-release rule).
    pub fn to_set(&self) -> VersionSet {
        let mut out = VersionSet::empty(Scheme::Npm);
        for set in &self.sets {
            let mut g = VersionSet::all(Scheme::Npm);
            for c in set {
                if let Comp::Cmp { op, version, .. } = c {
                    g = g.intersect(&super::generic::op_set(Scheme::Npm, *op, version.clone()));
                }
            }
            out = out.union(&g);
        }
        out
    }
}

impl fmt::Display for NpmRange {
    /// The desugared form node-semver prints (`>=1.2.3 <2.0.0-0||*`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .sets
            .iter()
            .map(|s| {
                let t = s.iter().map(Comp::text).collect::<Vec<_>>().join(" ");
                let t = t.trim().to_owned();
                if t.is_empty() { "*".to_owned() } else { t }
            })
            .collect();
        f.write_str(&parts.join("||"))
    }
}
