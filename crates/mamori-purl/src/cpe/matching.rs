//! CPE name matching (NISTIR 7696): attribute comparison and the name-level
//! relation. Values are lower-cased when parsed, so nothing here allocates.

use super::{AttrValue, Cpe};

/// How a source attribute value relates to a target one (NISTIR 7696
/// Table 6-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AttrRelation {
    /// The source denotes more values than the target.
    Superset,
    /// The source denotes fewer values than the target.
    Subset,
    /// Both denote the same values.
    Equal,
    /// They share no value.
    Disjoint,
    /// The target has wild cards, which the specification leaves undefined.
    Undefined,
}

/// How a source CPE name relates to a target one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CpeRelation {
    /// Every attribute is a superset or equal, at least one a superset.
    Superset,
    /// Every attribute is a subset or equal, at least one a subset.
    Subset,
    /// Every attribute is equal.
    Equal,
    /// Some attribute is disjoint.
    Disjoint,
    /// Some attributes are supersets and others subsets: the names overlap
    /// without one containing the other.
    Overlap,
    /// No attribute is disjoint but some comparison is undefined (the target
    /// has wild cards).
    Undefined,
}

/// Compares one source attribute value with a target one.
pub fn compare_attr(source: &AttrValue, target: &AttrValue) -> AttrRelation {
    match (source, target) {
        (_, AttrValue::Value(t)) if t.has_wildcards() => AttrRelation::Undefined,
        (AttrValue::Any, AttrValue::Any) | (AttrValue::Na, AttrValue::Na) => AttrRelation::Equal,
        (AttrValue::Any, _) => AttrRelation::Superset,
        (_, AttrValue::Any) => AttrRelation::Subset,
        (AttrValue::Na, _) | (_, AttrValue::Na) => AttrRelation::Disjoint,
        (AttrValue::Value(s), AttrValue::Value(t)) => {
            if s.as_wfn() == t.as_wfn() {
                AttrRelation::Equal
            } else if s.has_wildcards() {
                compare_strings(s.as_wfn().as_bytes(), t.as_wfn().as_bytes())
            } else {
                AttrRelation::Disjoint
            }
        }
    }
}

/// Compares two names attribute by attribute.
pub fn compare(source: &Cpe, target: &Cpe) -> CpeRelation {
    let (mut superset, mut subset, mut undefined) = (false, false, false);
    for (s, t) in source.attrs.iter().zip(target.attrs.iter()) {
        match compare_attr(s, t) {
            AttrRelation::Disjoint => return CpeRelation::Disjoint,
            AttrRelation::Superset => superset = true,
            AttrRelation::Subset => subset = true,
            AttrRelation::Undefined => undefined = true,
            AttrRelation::Equal => {}
        }
    }
    match (undefined, superset, subset) {
        (true, _, _) => CpeRelation::Undefined,
        (false, true, true) => CpeRelation::Overlap,
        (false, true, false) => CpeRelation::Superset,
        (false, false, true) => CpeRelation::Subset,
        (false, false, false) => CpeRelation::Equal,
    }
}

/// Whether the character at `idx` is preceded by an even number of
/// backslashes, i.e. is not itself quoted.
fn is_even_wildcards(s: &[u8], idx: usize) -> bool {
    let mut count = 0;
    let mut i = idx;
    while i > 0 && s[i - 1] == b'\\' {
        count += 1;
        i -= 1;
    }
    count % 2 == 0
}

/// How many quoting backslashes `s[start..end]` holds.
fn count_escapes(s: &[u8], start: usize, end: usize) -> usize {
    let mut result = 0;
    let mut active = false;
    // An empty source core can match at the very end, so `start` may be
    // past the last byte.
    for &c in s.get(start..end.min(s.len())).unwrap_or(&[]) {
        active = !active && c == b'\\';
        if active {
            result += 1;
        }
    }
    result
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if from > haystack.len() {
        return None;
    }
    if needle.is_empty() {
        return Some(from);
    }
    haystack[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// A source value with wild cards against a plain target (NISTIR 7696
/// `compareStrings`).
fn compare_strings(source: &[u8], target: &[u8]) -> AttrRelation {
    let mut start = 0;
    let mut end = source.len();
    // -1 stands for "any number" (an asterisk); otherwise the count of `?`.
    let mut begins: isize = 0;
    let mut ends: isize = 0;
    if source.first() == Some(&b'*') {
        start = 1;
        begins = -1;
    } else {
        while start < source.len() && source[start] == b'?' {
            start += 1;
            begins += 1;
        }
    }
    if end > start && source[end - 1] == b'*' && is_even_wildcards(source, end - 1) {
        end -= 1;
        ends = -1;
    } else {
        while end > start && source[end - 1] == b'?' && is_even_wildcards(source, end - 1) {
            end -= 1;
            ends += 1;
        }
    }
    let core = &source[start..end];
    let mut from = 0;
    let len = target.len() as isize;
    let mut leftover = len;
    while leftover > 0 {
        let Some(index) = find(target, core, from) else {
            break;
        };
        from = index + 1;
        let escapes = count_escapes(target, 0, index) as isize;
        if index > 0 && begins != -1 && begins < index as isize - escapes {
            break;
        }
        let escapes = count_escapes(target, index + 1, target.len()) as isize;
        leftover = len - index as isize - escapes - core.len() as isize;
        if leftover > 0 && ends != -1 && leftover > ends {
            continue;
        }
        return AttrRelation::Superset;
    }
    AttrRelation::Disjoint
}
