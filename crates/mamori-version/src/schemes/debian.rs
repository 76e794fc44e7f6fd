//! Debian and Ubuntu package versions, ordered as `dpkg --compare-versions` does.
//!
//! A version is `[epoch:]upstream[-revision]`. The epoch is a plain number;
//! upstream and revision are compared by dpkg's `verrevcmp`: alternate runs
//! of non-digits and digits, the non-digit runs character by character with
//! `~` before the end of the run, the end before letters and letters before
//! everything else, the digit runs as numbers of any length.
//!
//! Validation is dpkg's, including the checks that dpkg only reports as
//! warnings (upstream must start with a digit, no characters outside
//! `[A-Za-z0-9.+~:-]`): every Debian version in real data passes them, and a
//! string that fails them is more likely a mislabelled version of another
//! ecosystem than a Debian one. Surrounding whitespace is ignored, as dpkg
//! ignores it.
//!
//! The parsed value keeps the text once and three offsets, so comparing two
//! parsed versions walks their bytes without allocating.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

use crate::{ParseError, Scheme};

/// A Debian package version (`1:2.30-1ubuntu3~22.04`).
#[derive(Clone, Debug)]
pub struct DebianVersion {
    text: Box<str>,
    epoch: u32,
    /// Byte range of the upstream version in `text`.
    upstream: (u32, u32),
    /// Byte range of the revision in `text` (empty when absent).
    revision: (u32, u32),
}

/// dpkg refuses epochs above `INT_MAX`.
const MAX_EPOCH: u64 = i32::MAX as u64;

impl DebianVersion {
    /// Parses a version by dpkg's rules.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let err = |reason: &'static str| ParseError::new(Scheme::Debian, s, reason);
        if s.len() > u32::MAX as usize {
            return Err(err("version string is too long"));
        }
        let start = s.len() - s.trim_start().len();
        let trimmed = s.trim();
        let end = start + trimmed.len();
        if trimmed.is_empty() {
            return Err(err("version string is empty"));
        }
        if trimmed.chars().any(char::is_whitespace) {
            return Err(err("version string has embedded spaces"));
        }
        let (epoch, rest_start) = match trimmed.find(':') {
            Some(colon) => {
                let digits = &trimmed[..colon];
                if digits.is_empty() {
                    return Err(err("epoch in version is empty"));
                }
                if !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(err("epoch in version is not number"));
                }
                let mut epoch: u64 = 0;
                for b in digits.bytes() {
                    epoch = epoch * 10 + u64::from(b - b'0');
                    if epoch > MAX_EPOCH {
                        return Err(err("epoch in version is too big"));
                    }
                }
                if colon + 1 == trimmed.len() {
                    return Err(err("nothing after colon in version number"));
                }
                (epoch as u32, start + colon + 1)
            }
            None => (0, start),
        };
        let rest = &s[rest_start..end];
        let (up_end, revision) = match rest.rfind('-') {
            Some(hyphen) => {
                if hyphen + 1 == rest.len() {
                    return Err(err("revision number is empty"));
                }
                (rest_start + hyphen, (rest_start + hyphen + 1, end))
            }
            None => (end, (end, end)),
        };
        let upstream = &s[rest_start..up_end];
        match upstream.bytes().next() {
            None => return Err(err("version number is empty")),
            Some(b) if !b.is_ascii_digit() => {
                return Err(err("version number does not start with digit"));
            }
            Some(_) => {}
        }
        if !upstream
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b".-+~:".contains(&b))
        {
            return Err(err("invalid character in version number"));
        }
        if !s[revision.0..revision.1]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b".+~".contains(&b))
        {
            return Err(err("invalid character in revision number"));
        }
        // Offsets fit in u32: the length was checked above.
        Ok(DebianVersion {
            text: s.into(),
            epoch,
            upstream: (rest_start as u32, up_end as u32),
            revision: (revision.0 as u32, revision.1 as u32),
        })
    }

    /// The version as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The epoch (0 when absent).
    pub fn epoch(&self) -> u32 {
        self.epoch
    }

    /// The upstream version.
    pub fn upstream(&self) -> &str {
        &self.text[self.upstream.0 as usize..self.upstream.1 as usize]
    }

    /// The Debian revision, `""` when absent (dpkg orders that like `"0"`).
    pub fn revision(&self) -> &str {
        &self.text[self.revision.0 as usize..self.revision.1 as usize]
    }
}

/// dpkg's weight of a non-digit character; digits and the end weigh 0.
#[inline]
fn weight(c: Option<&u8>) -> i32 {
    match c {
        None => 0,
        Some(&c) if c.is_ascii_digit() => 0,
        Some(&c) if c.is_ascii_alphabetic() => i32::from(c),
        Some(b'~') => -1,
        Some(&c) => i32::from(c) + 256,
    }
}

#[inline]
fn is_digit_at(s: &[u8], i: usize) -> bool {
    s.get(i).is_some_and(u8::is_ascii_digit)
}

/// dpkg's `verrevcmp`, on bytes, for numbers of any length.
pub(crate) fn verrevcmp(a: &[u8], b: &[u8]) -> Ordering {
    // Identical text is common (same upstream version, other revision) and
    // a memcmp is cheaper than the walk.
    if a == b {
        return Ordering::Equal;
    }
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        while (i < a.len() && !is_digit_at(a, i)) || (j < b.len() && !is_digit_at(b, j)) {
            let (wa, wb) = (weight(a.get(i)), weight(b.get(j)));
            if wa != wb {
                return wa.cmp(&wb);
            }
            // Equal weights here are both non-digits (nothing else weighs
            // the same as a non-digit), so both sides advance.
            i += 1;
            j += 1;
        }
        while a.get(i) == Some(&b'0') {
            i += 1;
        }
        while b.get(j) == Some(&b'0') {
            j += 1;
        }
        let mut first_diff = Ordering::Equal;
        while is_digit_at(a, i) && is_digit_at(b, j) {
            if first_diff == Ordering::Equal {
                first_diff = a[i].cmp(&b[j]);
            }
            i += 1;
            j += 1;
        }
        if is_digit_at(a, i) {
            return Ordering::Greater;
        }
        if is_digit_at(b, j) {
            return Ordering::Less;
        }
        if first_diff != Ordering::Equal {
            return first_diff;
        }
    }
    Ordering::Equal
}

/// Hashes the parts `verrevcmp` looks at: the non-digit runs and the digit
/// runs without leading zeros; an all-zero or empty string hashes like `""`
/// because dpkg orders `"0"` and `""` alike.
pub(crate) fn hash_verrev<H: Hasher>(s: &[u8], state: &mut H) {
    let mut i = 0;
    while i < s.len() {
        let nd_start = i;
        while i < s.len() && !s[i].is_ascii_digit() {
            i += 1;
        }
        let non_digits = &s[nd_start..i];
        while i < s.len() && s[i] == b'0' {
            i += 1;
        }
        let d_start = i;
        while i < s.len() && s[i].is_ascii_digit() {
            i += 1;
        }
        let digits = &s[d_start..i];
        if non_digits.is_empty() && digits.is_empty() {
            continue;
        }
        state.write_usize(non_digits.len());
        state.write(non_digits);
        state.write_usize(digits.len());
        state.write(digits);
    }
    state.write_u8(0xff);
}

impl Ord for DebianVersion {
    fn cmp(&self, other: &Self) -> Ordering {
        self.epoch
            .cmp(&other.epoch)
            .then_with(|| verrevcmp(self.upstream().as_bytes(), other.upstream().as_bytes()))
            .then_with(|| verrevcmp(self.revision().as_bytes(), other.revision().as_bytes()))
    }
}

impl PartialOrd for DebianVersion {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for DebianVersion {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for DebianVersion {}

impl Hash for DebianVersion {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.epoch.hash(state);
        hash_verrev(self.upstream().as_bytes(), state);
        hash_verrev(self.revision().as_bytes(), state);
    }
}

impl fmt::Display for DebianVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_what_dpkg_rejects() {
        for (input, reason) in [
            ("", "version string is empty"),
            ("  ", "version string is empty"),
            ("1 2", "version string has embedded spaces"),
            (":1", "epoch in version is empty"),
            ("a:1", "epoch in version is not number"),
            ("99999999999:1", "epoch in version is too big"),
            ("1:", "nothing after colon in version number"),
            ("1-", "revision number is empty"),
            ("-1", "version number is empty"),
            ("a1", "version number does not start with digit"),
            ("1_2", "invalid character in version number"),
            ("1-a!b", "invalid character in revision number"),
        ] {
            let e = DebianVersion::parse(input).unwrap_err();
            assert_eq!(e.reason(), reason, "{input:?}");
        }
    }

    #[test]
    fn splits_at_first_colon_and_last_hyphen() {
        let v = DebianVersion::parse(" 1:2.0-a-3 ").unwrap();
        assert_eq!((v.epoch(), v.upstream(), v.revision()), (1, "2.0-a", "3"));
        assert_eq!(v.as_str(), " 1:2.0-a-3 ");
    }
}
