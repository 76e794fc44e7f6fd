//! Helpers the readers share: dates, hashes, JSON pointers and record splitting.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime, PrimitiveDateTime};

use crate::{FeedError, Location, SourceKind};

/// A string that borrows from the input when it has no escapes.
#[derive(serde::Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(transparent)]
pub(crate) struct Str<'a>(#[serde(borrow)] pub Cow<'a, str>);

impl Str<'_> {
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
    pub(crate) fn owned(&self) -> String {
        self.0.clone().into_owned()
    }
}

/// Parses the timestamps feeds write: RFC 3339, RFC 3339 without offset (NVD, some CVE 5; taken as UTC), or a bare date.
pub(crate) fn parse_datetime(s: &str) -> Option<OffsetDateTime> {
    let s = s.trim();
    if let Ok(t) = OffsetDateTime::parse(s, &Rfc3339) {
        return Some(t);
    }
    let naive = format_description!(
        version = 2,
        "[year]-[month]-[day]T[hour]:[minute]:[second][optional [.[subsecond]]]"
    );
    if let Ok(t) = PrimitiveDateTime::parse(s, naive) {
        return Some(t.assume_utc());
    }
    parse_date(s).map(|d| d.midnight().assume_utc())
}

/// Parses `YYYY-MM-DD`.
pub(crate) fn parse_date(s: &str) -> Option<Date> {
    Date::parse(s.trim(), format_description!("[year]-[month]-[day]")).ok()
}

pub(crate) fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// Escapes one JSON pointer reference token (RFC 6901).
pub(crate) fn pointer_token(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

/// Turns a serde path into a JSON pointer suffix (`/a/0/b`).
pub(crate) fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => {
                out.push('/');
                out.push_str(&index.to_string());
            }
            Segment::Map { key } => {
                out.push('/');
                out.push_str(&pointer_token(key));
            }
            Segment::Enum { variant } => {
                out.push('/');
                out.push_str(&pointer_token(variant));
            }
            Segment::Unknown => {}
        }
    }
    out
}

/// Deserializes one JSON record, giving the pointer (relative to the file) of the first bad value.
pub(crate) fn from_json_record<'a, T: de::Deserialize<'a>>(
    raw: &'a str,
    base: &str,
) -> Result<T, (Location, String)> {
    let mut de = serde_json::Deserializer::from_str(raw);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let pointer = format!("{base}{}", path_to_pointer(e.path()));
        (Location::Pointer(pointer), e.into_inner().to_string())
    })
}

/// The records of a JSON feed file, cut out without parsing them.
pub(crate) struct Split<'a> {
    /// (pointer, raw record) in file order.
    pub items: Vec<(String, &'a RawValue)>,
    /// Whether the top level was an object without the array key: the whole document is the one record.
    pub whole: bool,
    /// Why reading stopped early, if it did.
    pub error: Option<FeedError>,
}

/// Cuts a JSON file into records: a top-level array (each element), an object with `array_key` (each element of it), or any other object (itself).
///
/// Records read before a syntax error are kept, so a truncated page still yields its first records.
pub(crate) fn split_json<'a>(file: &str, bytes: &'a [u8], array_key: Option<&str>) -> Split<'a> {
    let mut items = Vec::new();
    let mut at: Option<String> = None;
    let mut found_key = false;
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let res = de
        .deserialize_any(TopVisitor {
            array_key,
            items: &mut items,
            at: &mut at,
            found_key: &mut found_key,
        })
        .and_then(|is_object| de.end().map(|()| is_object));
    match res {
        Ok(is_object) => Split {
            whole: is_object && !found_key,
            items,
            error: None,
        },
        Err(e) => {
            let location = match at {
                Some(p) => Location::Pointer(p),
                None => Location::LineColumn {
                    line: e.line(),
                    column: e.column(),
                },
            };
            Split {
                items,
                whole: false,
                error: Some(FeedError::Malformed {
                    file: file.to_owned(),
                    format: "JSON",
                    location,
                    message: e.to_string(),
                }),
            }
        }
    }
}

struct TopVisitor<'v, 'a> {
    array_key: Option<&'v str>,
    items: &'v mut Vec<(String, &'a RawValue)>,
    at: &'v mut Option<String>,
    found_key: &'v mut bool,
}

impl<'de: 'a, 'a> Visitor<'de> for TopVisitor<'_, 'a> {
    /// Whether the top level was an object.
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object or array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<bool, A::Error> {
        collect_seq(seq, "", self.items, self.at)?;
        Ok(false)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            if Some(key.as_str()) == self.array_key && !*self.found_key {
                *self.found_key = true;
                map.next_value_seed(SeqSeed {
                    prefix: format!("/{}", pointer_token(&key)),
                    items: &mut *self.items,
                    at: &mut *self.at,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(true)
    }
}

fn collect_seq<'de: 'a, 'a, A: SeqAccess<'de>>(
    mut seq: A,
    prefix: &str,
    items: &mut Vec<(String, &'a RawValue)>,
    at: &mut Option<String>,
) -> Result<(), A::Error> {
    let mut i = 0usize;
    loop {
        let pointer = format!("{prefix}/{i}");
        *at = Some(pointer.clone());
        match seq.next_element::<&'de RawValue>()? {
            Some(raw) => items.push((pointer, raw)),
            None => break,
        }
        i += 1;
    }
    *at = None;
    Ok(())
}

struct SeqSeed<'v, 'a> {
    prefix: String,
    items: &'v mut Vec<(String, &'a RawValue)>,
    at: &'v mut Option<String>,
}

impl<'de: 'a, 'a> DeserializeSeed<'de> for SeqSeed<'_, 'a> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de: 'a, 'a> Visitor<'de> for SeqSeed<'_, 'a> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of records")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        collect_seq(seq, &self.prefix, self.items, self.at)
    }
}

/// A record error for `source`.
pub(crate) fn record_error(
    file: &str,
    feed: SourceKind,
    id: Option<&str>,
    (location, message): (Location, String),
) -> FeedError {
    FeedError::Record {
        file: file.to_owned(),
        feed,
        location,
        id: id.map(str::to_owned),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        let cases = [
            ("2021-09-26T23:32:08.989778Z", Some(1632699128)),
            ("2021-06-16T18:15:08.710", Some(1623867308)),
            ("2024-09-18T18:08:56.835Z", Some(1726682936)),
            ("2021-06-16T18:15:08", Some(1623867308)),
            ("2024-09-18", Some(1726617600)),
            ("2024-13-18", None),
            ("yesterday", None),
        ];
        for (s, want) in cases {
            assert_eq!(parse_datetime(s).map(|t| t.unix_timestamp()), want, "{s}");
        }
    }

    #[test]
    fn split_keeps_records_before_truncation() {
        let s = split_json(
            "f",
            br#"{"format":"x","vulnerabilities":[{"a":1},{"b":2},{"c""#,
            Some("vulnerabilities"),
        );
        assert_eq!(s.items.len(), 2);
        assert_eq!(s.items[1].0, "/vulnerabilities/1");
        assert_eq!(
            s.error.as_ref().and_then(FeedError::location),
            Some(&Location::Pointer("/vulnerabilities/2".into()))
        );
        let s = split_json("f", br#"{"cve":{}}"#, Some("vulnerabilities"));
        assert!(s.whole && s.error.is_none());
        let s = split_json("f", br#"[{}, {}]"#, Some("vulnerabilities"));
        assert_eq!((s.items.len(), s.whole), (2, false));
    }
}
