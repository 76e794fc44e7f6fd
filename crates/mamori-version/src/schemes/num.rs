//! Arbitrary-size non-negative decimal numbers, as version components are.
//!
//! Most ecosystems put no bound on a version number (`1.20230101120000` is a
//! real Maven version, osv-scalibr compares with big integers), so a number
//! that does not fit in a `u64` must still order correctly instead of failing
//! or wrapping. The common case stays a plain `u64` for speed.

use std::cmp::Ordering;

/// A non-negative integer of any size; leading zeros are not significant.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Num {
    /// Fits in 64 bits.
    Small(u64),
    /// Larger than `u64::MAX`: the digits without leading zeros.
    Big(Box<str>),
}

impl Num {
    /// Reads a non-empty run of ASCII digits; `None` if `digits` is empty or
    /// holds anything else.
    pub(crate) fn parse(digits: &str) -> Option<Num> {
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let mut value: u64 = 0;
        for b in digits.bytes() {
            match value
                .checked_mul(10)
                .and_then(|v| v.checked_add(u64::from(b - b'0')))
            {
                Some(v) => value = v,
                None => {
                    let trimmed = digits.trim_start_matches('0');
                    return Some(Num::Big(trimmed.into()));
                }
            }
        }
        Some(Num::Small(value))
    }

    /// Whether the number is zero.
    pub(crate) fn is_zero(&self) -> bool {
        matches!(self, Num::Small(0))
    }
}

impl Ord for Num {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Num::Small(a), Num::Small(b)) => a.cmp(b),
            (Num::Small(_), Num::Big(_)) => Ordering::Less,
            (Num::Big(_), Num::Small(_)) => Ordering::Greater,
            // Same-length digit strings without leading zeros order like numbers.
            (Num::Big(a), Num::Big(b)) => a.len().cmp(&b.len()).then_with(|| a.cmp(b)),
        }
    }
}

impl PartialOrd for Num {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
