//! Binding and unbinding between WFNs and their two string forms (NISTIR
//! 7695 §6.1 for 2.2 URIs, §6.2 for 2.3 formatted strings).

use std::fmt;

use super::{AttrValue, Attribute, CpeError, CpeValue};

fn value_error(make: fn(Attribute, String) -> CpeError, attr: Attribute, raw: &str) -> CpeError {
    make(attr, raw.chars().take(128).collect())
}

fn bad_char(attr: Attribute, value: String) -> CpeError {
    CpeError::InvalidCharacter { attr, value }
}
fn bad_star(attr: Attribute, value: String) -> CpeError {
    CpeError::EmbeddedAsterisk { attr, value }
}
fn bad_question(attr: Attribute, value: String) -> CpeError {
    CpeError::EmbeddedQuestionMark { attr, value }
}
fn bad_backslash(attr: Attribute, value: String) -> CpeError {
    CpeError::TrailingBackslash { attr, value }
}
fn bad_percent(attr: Attribute, value: String) -> CpeError {
    CpeError::InvalidPercentEncoding { attr, value }
}

/// Pushes `c` (lower-cased) in quoted WFN form: letters, digits and `_`
/// bare, everything else behind a backslash.
fn push_quoted(out: &mut String, c: u8) {
    let c = c.to_ascii_lowercase();
    if !(c.is_ascii_alphanumeric() || c == b'_') {
        out.push('\\');
    }
    out.push(char::from(c));
}

/// Reads one formatted-string attribute value (also the WFN quoted form).
pub(super) fn unbind_wfn(raw: &str, attr: Attribute) -> Result<AttrValue, CpeError> {
    match raw {
        "*" => return Ok(AttrValue::Any),
        "-" => return Ok(AttrValue::Na),
        "" => return Err(CpeError::EmptyAttribute { attr }),
        _ => {}
    }
    let b = raw.as_bytes();
    let n = b.len();
    let mut out = String::with_capacity(n + 4);
    let mut wild = false;
    let mut embedded = false;
    let mut i = 0;
    while i < n {
        let c = b[i];
        if !c.is_ascii_graphic() {
            return Err(value_error(bad_char, attr, raw));
        }
        match c {
            b'\\' => {
                let next = *b
                    .get(i + 1)
                    .ok_or_else(|| value_error(bad_backslash, attr, raw))?;
                if !next.is_ascii_graphic() {
                    return Err(value_error(bad_char, attr, raw));
                }
                push_quoted(&mut out, next);
                embedded = true;
                i += 2;
                continue;
            }
            b'*' => {
                if i != 0 && i != n - 1 {
                    return Err(value_error(bad_star, attr, raw));
                }
                out.push('*');
                wild = true;
                embedded = true;
            }
            b'?' => {
                let leading_run = !embedded && i > 0 && b[i - 1] == b'?';
                let trailing_run = embedded && b.get(i + 1) == Some(&b'?');
                if !(i == 0 || i == n - 1 || leading_run || trailing_run) {
                    return Err(value_error(bad_question, attr, raw));
                }
                out.push('?');
                wild = true;
                embedded = false;
            }
            _ => {
                push_quoted(&mut out, c);
                embedded = true;
            }
        }
        i += 1;
    }
    // A `?` run must reach an end of the value: `a?b?` is caught above, but
    // a trailing run that stops short (`a??b`) is caught here.
    check_question_runs(&out).map_err(|()| value_error(bad_question, attr, raw))?;
    Ok(AttrValue::Value(CpeValue::new_unchecked(out, wild)))
}

/// Unquoted `?` may only form a run that touches the start or the end.
fn check_question_runs(wfn: &str) -> Result<(), ()> {
    let b = wfn.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        if b[i] == b'\\' {
            i += 2;
            continue;
        }
        if b[i] == b'?' {
            let start = i;
            while i < n && b[i] == b'?' {
                i += 1;
            }
            let at_start = start == 0 || (start == 1 && b[0] == b'*');
            let at_end = i == n || (i == n - 1 && b[n - 1] == b'*');
            if !(at_start || at_end) {
                return Err(());
            }
            continue;
        }
        i += 1;
    }
    Ok(())
}

fn check_part(v: &AttrValue) -> Result<(), CpeError> {
    match v {
        AttrValue::Any => Ok(()),
        AttrValue::Value(x) if matches!(x.as_wfn(), "a" | "o" | "h") => Ok(()),
        AttrValue::Na => Err(CpeError::InvalidPart { value: "-".into() }),
        AttrValue::Value(x) => Err(CpeError::InvalidPart {
            value: x.as_wfn().to_owned(),
        }),
    }
}

/// Reads the eleven attributes after `cpe:2.3:`.
pub(super) fn unbind_fs(rest: &str) -> Result<[AttrValue; 11], CpeError> {
    let mut attrs: [AttrValue; 11] = Default::default();
    let b = rest.as_bytes();
    let mut count = 0;
    let mut start = 0;
    let mut i = 0;
    loop {
        let at_end = i >= b.len();
        if at_end || b[i] == b':' {
            if count >= 11 {
                // Count the rest for the message, then give up.
                let extra = rest[start..].split(':').count();
                return Err(CpeError::ComponentCount {
                    expected: 11,
                    found: 11 + extra,
                });
            }
            // Splits happen only at ASCII `:` or the end, so `start..i` is on
            // char boundaries. JVN writes vendor identifiers as
            // `cpe:2.3::vendor`, so an empty part reads as ANY.
            let raw = &rest[start..i];
            attrs[count] = if count == 0 && raw.is_empty() {
                AttrValue::Any
            } else {
                unbind_wfn(raw, Attribute::ALL[count])?
            };
            count += 1;
            if at_end {
                break;
            }
            start = i + 1;
            i += 1;
        } else if b[i] == b'\\' {
            // A lone trailing backslash must not step past the end.
            i = (i + 2).min(b.len());
        } else {
            i += 1;
        }
    }
    // JVN also truncates names after the vendor or product; the attributes
    // left out read as ANY, as they do in a 2.2 URI. A name needs at least a
    // vendor.
    if count < 2 {
        return Err(CpeError::ComponentCount {
            expected: 11,
            found: count,
        });
    }
    check_part(&attrs[0])?;
    Ok(attrs)
}

/// Writes one value in formatted-string form.
pub(super) fn write_fs_value<W: fmt::Write + ?Sized>(w: &mut W, v: &AttrValue) -> fmt::Result {
    let x = match v {
        AttrValue::Any => return w.write_str("*"),
        AttrValue::Na => return w.write_str("-"),
        AttrValue::Value(x) => x.as_wfn(),
    };
    // A literal lone hyphen stays quoted so that it does not read back as NA.
    if x == "\\-" {
        return w.write_str(x);
    }
    let b = x.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' {
            if let Some(&next) = b.get(i + 1)
                && matches!(next, b'.' | b'-' | b'_')
            {
                w.write_str(&x[start..i])?;
                start = i + 1;
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    w.write_str(&x[start..])
}

fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Reads one URI component (NISTIR 7695 `decode`).
fn decode_uri_value(raw: &str, attr: Attribute) -> Result<AttrValue, CpeError> {
    match raw {
        "" => return Ok(AttrValue::Any),
        "-" => return Ok(AttrValue::Na),
        _ => {}
    }
    let b = raw.as_bytes();
    let n = b.len();
    let mut out = String::with_capacity(n + 4);
    let mut wild = false;
    let mut embedded = false;
    let mut i = 0;
    while i < n {
        let c = b[i];
        if !c.is_ascii_graphic() {
            return Err(value_error(bad_char, attr, raw));
        }
        if c != b'%' {
            push_quoted(&mut out, c);
            embedded = true;
            i += 1;
            continue;
        }
        let hi = b.get(i + 1).copied().and_then(hex_val);
        let lo = b.get(i + 2).copied().and_then(hex_val);
        let (Some(hi), Some(lo)) = (hi, lo) else {
            return Err(value_error(bad_percent, attr, raw));
        };
        let byte = hi << 4 | lo;
        match byte {
            0x01 => {
                let leading_run = !embedded && i >= 3 && raw.get(i - 3..i) == Some("%01");
                let trailing_run = embedded && raw.get(i + 3..i + 6) == Some("%01");
                if !(i == 0 || i + 3 == n || leading_run || trailing_run) {
                    return Err(value_error(bad_question, attr, raw));
                }
                out.push('?');
                wild = true;
                embedded = false;
            }
            0x02 => {
                if !(i == 0 || i + 3 == n) {
                    return Err(value_error(bad_star, attr, raw));
                }
                out.push('*');
                wild = true;
                embedded = true;
            }
            b if b.is_ascii_graphic() => {
                push_quoted(&mut out, b);
                embedded = true;
            }
            _ => return Err(value_error(bad_percent, attr, raw)),
        }
        i += 3;
    }
    // A lone multi-character wild card is the logical value ANY.
    if out == "*" {
        return Ok(AttrValue::Any);
    }
    check_question_runs(&out).map_err(|()| value_error(bad_question, attr, raw))?;
    Ok(AttrValue::Value(CpeValue::new_unchecked(out, wild)))
}

/// Reads the components after `cpe:/`.
pub(super) fn unbind_uri(rest: &str) -> Result<[AttrValue; 11], CpeError> {
    let mut attrs: [AttrValue; 11] = Default::default();
    let found = rest.split(':').count();
    if found > 7 {
        return Err(CpeError::ComponentCount { expected: 7, found });
    }
    for (i, comp) in rest.split(':').enumerate() {
        if i == 5 && comp.starts_with('~') {
            let fields: Vec<&str> = comp.split('~').collect();
            if fields.len() != 6 {
                return Err(CpeError::InvalidPackedEdition {
                    value: comp.chars().take(128).collect(),
                });
            }
            for (k, attr) in [
                Attribute::Edition,
                Attribute::SwEdition,
                Attribute::TargetSw,
                Attribute::TargetHw,
                Attribute::Other,
            ]
            .into_iter()
            .enumerate()
            {
                attrs[attr.index()] = decode_uri_value(fields[k + 1], attr)?;
            }
        } else {
            attrs[i] = decode_uri_value(comp, Attribute::ALL[i])?;
        }
    }
    check_part(&attrs[0])?;
    Ok(attrs)
}

/// One value in URI form (NISTIR 7695 `bind_value_for_uri`).
fn push_uri_value(out: &mut String, v: &AttrValue) {
    let x = match v {
        AttrValue::Any => return,
        AttrValue::Na => {
            out.push('-');
            return;
        }
        AttrValue::Value(x) => x.as_wfn(),
    };
    // A literal lone hyphen is escaped so that it does not read back as NA.
    if x == "\\-" {
        out.push_str("%2d");
        return;
    }
    let b = x.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b'\\' => {
                if let Some(&next) = b.get(i + 1) {
                    if matches!(next, b'-' | b'.') || next.is_ascii_alphanumeric() || next == b'_' {
                        out.push(char::from(next));
                    } else {
                        const HEX: &[u8; 16] = b"0123456789abcdef";
                        out.push('%');
                        out.push(char::from(HEX[usize::from(next >> 4)]));
                        out.push(char::from(HEX[usize::from(next & 0xF)]));
                    }
                }
                i += 2;
                continue;
            }
            b'?' => out.push_str("%01"),
            b'*' => out.push_str("%02"),
            _ => out.push(char::from(c)),
        }
        i += 1;
    }
}

/// The 2.2 URI, with the four extended attributes packed into the edition
/// when any of them is set, and trailing empty components dropped.
pub(super) fn bind_uri(attrs: &[AttrValue; 11]) -> String {
    let mut out = String::from("cpe:/");
    let packed = attrs[7..].iter().any(|a| *a != AttrValue::Any);
    for i in 0..7 {
        if i > 0 {
            out.push(':');
        }
        if i == 5 && packed {
            for a in [&attrs[5], &attrs[7], &attrs[8], &attrs[9], &attrs[10]] {
                out.push('~');
                push_uri_value(&mut out, a);
            }
        } else {
            push_uri_value(&mut out, &attrs[i]);
        }
    }
    while out.ends_with(':') {
        out.pop();
    }
    out
}
