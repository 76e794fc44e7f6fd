//! Percent-encoding and decoding of package URL components.
//!
//! The canonical form leaves only ASCII letters, digits, `.`, `-`, `_`, `~`
//! and `:` bare; every other byte is written as `%XX` with upper-case hex.
//! `+` is never a space here: it decodes to itself and encodes as `%2B`.

use std::fmt;

use crate::purl::{Component, PurlError};

/// Whether `b` may appear unencoded in a canonical component.
#[inline]
fn is_bare(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'~' | b':')
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Writes `s` percent-encoded to `w`.
pub(crate) fn encode_into<W: fmt::Write + ?Sized>(w: &mut W, s: &str) -> fmt::Result {
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if is_bare(b) {
            continue;
        }
        // `i` is at a byte that is not bare; the run before it is ASCII, so
        // slicing at `start..i` is on char boundaries.
        if start < i {
            w.write_str(&s[start..i])?;
        }
        let esc = [b'%', HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xF)]];
        // The three bytes are ASCII, so this cannot fail.
        w.write_str(std::str::from_utf8(&esc).unwrap_or("%25"))?;
        start = i + 1;
    }
    if start == 0 {
        w.write_str(s)
    } else if start < bytes.len() {
        // `start` follows a byte we escaped; if that byte was inside a
        // multi-byte char the rest begins mid-char, so walk to a boundary
        // safely via `get`.
        write_tail(w, s, start)
    } else {
        Ok(())
    }
}

fn write_tail<W: fmt::Write + ?Sized>(w: &mut W, s: &str, start: usize) -> fmt::Result {
    match s.get(start..) {
        Some(rest) => w.write_str(rest),
        None => Ok(()),
    }
}

fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Decodes `%XX` escapes; malformed escapes and non-UTF-8 results are errors.
pub(crate) fn decode(s: &str, component: Component) -> Result<String, PurlError> {
    if !s.as_bytes().contains(&b'%') {
        return Ok(s.to_owned());
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let hi = bytes.get(i + 1).copied().and_then(hex_val);
            let lo = bytes.get(i + 2).copied().and_then(hex_val);
            match (hi, lo) {
                (Some(hi), Some(lo)) => {
                    out.push(hi << 4 | lo);
                    i += 3;
                }
                _ => {
                    return Err(PurlError::InvalidPercentEncoding {
                        component,
                        value: s.to_owned(),
                    });
                }
            }
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| PurlError::InvalidUtf8 {
        component,
        value: s.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(s: &str) -> String {
        let mut out = String::new();
        encode_into(&mut out, s).unwrap();
        out
    }

    #[test]
    fn encodes_reserved_and_non_ascii() {
        let cases = [
            ("abc", "abc"),
            ("a b", "a%20b"),
            ("1:2.3-4_5~6", "1:2.3-4_5~6"),
            ("@scope", "%40scope"),
            ("a/b", "a%2Fb"),
            ("a+b", "a%2Bb"),
            ("日本", "%E6%97%A5%E6%9C%AC"),
            ("x日", "x%E6%97%A5"),
            ("日x", "%E6%97%A5x"),
        ];
        for (input, want) in cases {
            assert_eq!(enc(input), want, "encode {input:?}");
            assert_eq!(decode(want, Component::Name).unwrap(), input);
        }
    }

    #[test]
    fn rejects_bad_escapes() {
        for bad in ["%", "%4", "%zz", "a%G0", "%FF"] {
            assert!(decode(bad, Component::Name).is_err(), "{bad:?}");
        }
    }
}
