//! Table-driven parsing and printing of `NAME:VALUE/NAME:VALUE` metric lists, shared by all versions.
//!
//! Each version describes its metrics as a static table; a parsed vector is an array of small codes,
//! one per table row, so parsing allocates nothing and scoring is array indexing.

use std::fmt;

use crate::{CvssError, CvssVersion, error::quote};

/// One metric of a version's vector string.
pub(crate) struct MetricDef {
    /// The abbreviation used in vector strings.
    pub name: &'static str,
    /// Allowed values; for optional metrics `values[0]` is "not defined" (`X`, or `ND` in 2.0) and code 0.
    pub values: &'static [&'static str],
    /// Base metrics must be present and cannot be "not defined".
    pub required: bool,
    /// `key(name)`, so lookups compare one integer instead of calling `memcmp`.
    name_key: u64,
    /// `key` of each value, in the order of `values`; unused slots are 0, which no string keys to.
    value_keys: [u64; MAX_VALUES],
}

/// Most values any metric has (4.0's U: X, Clear, Green, Amber, Red).
const MAX_VALUES: usize = 6;
/// Longest name or value, so that it fits a `key` with its length.
const MAX_LEN: usize = 7;

/// Packs a short string and its length into one integer; only meaningful for `len <= MAX_LEN`.
const fn key(b: &[u8]) -> u64 {
    let mut k = b.len() as u64;
    let mut i = 0;
    while i < b.len() && i < MAX_LEN {
        k |= (b[i] as u64) << (8 * (i + 1));
        i += 1;
    }
    k
}

impl MetricDef {
    const fn new(name: &'static str, values: &'static [&'static str], required: bool) -> Self {
        assert!(values.len() <= MAX_VALUES && name.len() <= MAX_LEN);
        let mut value_keys = [0; MAX_VALUES];
        let mut i = 0;
        while i < values.len() {
            assert!(values[i].len() <= MAX_LEN);
            value_keys[i] = key(values[i].as_bytes());
            i += 1;
        }
        Self {
            name,
            values,
            required,
            name_key: key(name.as_bytes()),
            value_keys,
        }
    }
    pub(crate) const fn base(name: &'static str, values: &'static [&'static str]) -> Self {
        Self::new(name, values, true)
    }
    pub(crate) const fn opt(name: &'static str, values: &'static [&'static str]) -> Self {
        Self::new(name, values, false)
    }
}

/// Whether the specification fixes the order of metrics in a vector string.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Order {
    /// 2.0 (as NVD writes it) and 4.0: metrics in table order.
    Strict,
    /// 3.x: "programs reading CVSS v3 vector strings must accept metrics in any order".
    Any,
}

/// Finds a metric's row; the search starts at the next expected row, the common case.
fn find(defs: &[MetricDef], name: &[u8], from: usize) -> Option<usize> {
    if name.len() > MAX_LEN {
        return None;
    }
    let k = key(name);
    let from = from.min(defs.len());
    let (head, tail) = defs.split_at(from);
    if let Some(i) = tail.iter().position(|d| d.name_key == k) {
        return Some(from + i);
    }
    head.iter().position(|d| d.name_key == k)
}

/// Parses the metrics part of a vector (after any prefix) into one code per row of `defs`.
pub(crate) fn parse<const N: usize>(
    version: CvssVersion,
    defs: &'static [MetricDef; N],
    order: Order,
    body: &str,
) -> Result<[u8; N], CvssError> {
    debug_assert!(N <= 64);
    let mut codes = [0u8; N];
    let mut seen: u64 = 0;
    let mut next = 0usize;
    // Split by hand on bytes: `/` and `:` are ASCII, so every cut is on a char boundary.
    for component in body.as_bytes().split(|&b| b == b'/') {
        let Some(colon) = component.iter().position(|&b| b == b':') else {
            return Err(CvssError::Malformed {
                version,
                component: lossy(component),
            });
        };
        let (name, value) = (&component[..colon], &component[colon + 1..]);
        let Some(i) = find(defs, name, next) else {
            return Err(CvssError::UnknownMetric {
                version,
                metric: lossy(name),
            });
        };
        let def = &defs[i];
        if seen & (1 << i) != 0 {
            return Err(CvssError::Duplicate {
                version,
                metric: def.name,
            });
        }
        if order == Order::Strict && i < next {
            return Err(CvssError::OutOfOrder {
                version,
                metric: def.name,
                after: defs[next - 1].name,
            });
        }
        codes[i] = value_code(version, def, value)?;
        seen |= 1 << i;
        next = i + 1;
    }
    if let Some(missing) = defs
        .iter()
        .enumerate()
        .find(|(i, d)| d.required && seen & (1 << i) == 0)
    {
        return Err(CvssError::Missing {
            version,
            metric: missing.1.name,
        });
    }
    Ok(codes)
}

/// The code of `value` for metric `def`; base metrics cannot be "not defined".
pub(crate) fn value_code(
    version: CvssVersion,
    def: &'static MetricDef,
    value: &[u8],
) -> Result<u8, CvssError> {
    let k = key(value);
    let found = if value.is_empty() || value.len() > MAX_LEN {
        None
    } else {
        def.value_keys[..def.values.len()]
            .iter()
            .position(|&v| v == k)
    };
    match found {
        Some(code) => Ok(code as u8),
        None => Err(CvssError::InvalidValue {
            version,
            metric: def.name,
            value: lossy(value),
            allowed: def.values,
        }),
    }
}

/// Input quoted in an error; the pieces come from valid UTF-8 cut at ASCII bytes, so nothing is lost.
fn lossy(b: &[u8]) -> String {
    quote(&String::from_utf8_lossy(b))
}

/// Sets one metric by name, as the parser would; used by the `with_metric` setters.
pub(crate) fn set<const N: usize>(
    version: CvssVersion,
    defs: &'static [MetricDef; N],
    codes: &mut [u8; N],
    name: &str,
    value: &str,
) -> Result<(), CvssError> {
    let Some(i) = find(defs, name.as_bytes(), 0) else {
        return Err(CvssError::UnknownMetric {
            version,
            metric: quote(name),
        });
    };
    codes[i] = value_code(version, &defs[i], value.as_bytes())?;
    Ok(())
}

/// The value of a metric by name; `None` for unknown names and for optional metrics left undefined.
pub(crate) fn get<const N: usize>(
    defs: &'static [MetricDef; N],
    codes: &[u8; N],
    name: &str,
) -> Option<&'static str> {
    let i = find(defs, name.as_bytes(), 0)?;
    let def = &defs[i];
    let code = codes[i];
    if !def.required && code == 0 {
        return None;
    }
    def.values.get(usize::from(code)).copied()
}

/// Writes the normalized metric list: table order, undefined optional metrics left out.
pub(crate) fn write<const N: usize>(
    f: &mut fmt::Formatter<'_>,
    defs: &'static [MetricDef; N],
    codes: &[u8; N],
    mut first: bool,
) -> fmt::Result {
    for (def, &code) in defs.iter().zip(codes) {
        if !def.required && code == 0 {
            continue;
        }
        if !first {
            f.write_str("/")?;
        }
        first = false;
        f.write_str(def.name)?;
        f.write_str(":")?;
        f.write_str(def.values.get(usize::from(code)).copied().unwrap_or("?"))?;
    }
    Ok(())
}

/// True when any optional metric in `range` of rows is defined.
pub(crate) fn any_defined(codes: &[u8], range: std::ops::Range<usize>) -> bool {
    codes.get(range).is_some_and(|c| c.iter().any(|&c| c != 0))
}
