//! CISA Known Exploited Vulnerabilities catalog (JSON) reader.
//!
//! The catalog is one object: a header (`catalogVersion`, `dateReleased`,
//! `count`) and a `vulnerabilities` array. Each entry becomes a [`KevEntry`]
//! that the store joins onto vulnerabilities by CVE id. One pass: the header
//! and the raw entries are cut out together, then each entry is read on its
//! own so a bad one is reported with its pointer and skipped.

use std::borrow::Cow;
use std::fmt;

use mamori_model::{CweId, KevEntry, KevStatus, VulnId};
use serde::Deserialize;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use time::OffsetDateTime;

use crate::util::{from_json_record, parse_date, parse_datetime, record_error};
use crate::{FeedError, Location, Records, SourceKind};

/// A KEV catalog file: its header and its entries in file order.
#[derive(Clone, Debug, PartialEq)]
pub struct KevCatalog {
    /// `title`, if present.
    pub title: Option<String>,
    /// `catalogVersion` (`2025.08.25`), if present.
    pub catalog_version: Option<String>,
    /// `dateReleased`, if present and a valid timestamp.
    pub date_released: Option<OffsetDateTime>,
    /// `count` as the catalog states it (not recounted), if present.
    pub count: Option<u64>,
    /// One result per `vulnerabilities[]` element; a file that breaks off ends with a [`FeedError::Malformed`].
    pub entries: Records<KevEntry>,
}

/// Reads a KEV catalog.
///
/// Never fails as a whole: a document that is not JSON or breaks off yields
/// the entries read before the damage followed by one error, and a JSON
/// document without `catalogVersion` and `vulnerabilities` yields one
/// [`FeedError::WrongKind`].
pub fn read(file_name: &str, bytes: &[u8]) -> KevCatalog {
    let mut top = Top::default();
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let res = de
        .deserialize_map(TopVisitor { top: &mut top })
        .and_then(|()| de.end());
    let mut entries: Records<KevEntry> = Vec::with_capacity(top.items.len() + 1);
    for (i, raw) in top.items.iter().enumerate() {
        entries.push(read_entry(file_name, i, raw.get()));
    }
    match res {
        Err(e) => {
            let location = match top.at {
                Some(i) => Location::Pointer(format!("/vulnerabilities/{i}")),
                None => Location::LineColumn {
                    line: e.line(),
                    column: e.column(),
                },
            };
            entries.push(Err(FeedError::Malformed {
                file: file_name.to_owned(),
                format: "JSON",
                location,
                message: e.to_string(),
            }));
        }
        Ok(()) if !top.saw_array && top.catalog_version.is_none() => {
            entries.push(Err(FeedError::WrongKind {
                file: file_name.to_owned(),
                expected: SourceKind::Kev,
                message: "no catalogVersion and no vulnerabilities array".to_owned(),
            }));
        }
        Ok(()) => {}
    }
    KevCatalog {
        title: top.title,
        catalog_version: top.catalog_version,
        date_released: top.date_released.as_deref().and_then(parse_datetime),
        count: top.count,
        entries,
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct EntryDto<'a> {
    #[serde(rename = "cveID", borrow)]
    cve_id: Cow<'a, str>,
    #[serde(borrow)]
    vendor_project: Cow<'a, str>,
    #[serde(borrow)]
    product: Cow<'a, str>,
    #[serde(default, borrow)]
    vulnerability_name: Option<Cow<'a, str>>,
    #[serde(borrow)]
    date_added: Cow<'a, str>,
    #[serde(default, borrow)]
    short_description: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    required_action: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    due_date: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    known_ransomware_campaign_use: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    notes: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    cwes: Vec<Cow<'a, str>>,
}

fn read_entry(file: &str, index: usize, raw: &str) -> Result<KevEntry, FeedError> {
    let base = format!("/vulnerabilities/{index}");
    let dto: EntryDto<'_> =
        from_json_record(raw, &base).map_err(|e| record_error(file, SourceKind::Kev, None, e))?;
    let bad = |field: &str, message: String| {
        record_error(
            file,
            SourceKind::Kev,
            Some(&dto.cve_id),
            (Location::Pointer(format!("{base}/{field}")), message),
        )
    };
    let cve = VulnId::new(&dto.cve_id)
        .ok()
        .filter(VulnId::is_cve)
        .ok_or_else(|| bad("cveID", format!("not a CVE id: {:?}", dto.cve_id)))?;
    let date_added = parse_date(&dto.date_added)
        .ok_or_else(|| bad("dateAdded", format!("not a date: {:?}", dto.date_added)))?;
    let due_date = match dto.due_date.as_deref() {
        None | Some("") => None,
        Some(s) => Some(parse_date(s).ok_or_else(|| bad("dueDate", format!("not a date: {s:?}")))?),
    };
    // An unforeseen word must not hide a known exploited vulnerability: it only loses the flag.
    let ransomware_use = match dto.known_ransomware_campaign_use.as_deref().map(str::trim) {
        Some(s) if s.eq_ignore_ascii_case("known") => Some(true),
        Some(s) if s.eq_ignore_ascii_case("unknown") => Some(false),
        _ => None,
    };
    let mut cwes = Vec::with_capacity(dto.cwes.len());
    for (i, c) in dto.cwes.iter().enumerate() {
        let cwe = CweId::parse(c)
            .ok_or_else(|| bad(&format!("cwes/{i}"), format!("not a CWE id: {c:?}")))?;
        if !cwes.contains(&cwe) {
            cwes.push(cwe);
        }
    }
    let non_empty =
        |s: Option<Cow<'_, str>>| s.map(Cow::into_owned).filter(|s| !s.trim().is_empty());
    Ok(KevEntry {
        cve,
        vendor_project: dto.vendor_project.into_owned(),
        product: dto.product.into_owned(),
        short_description: dto
            .short_description
            .map(Cow::into_owned)
            .unwrap_or_default(),
        status: KevStatus {
            date_added: Some(date_added),
            due_date,
            required_action: non_empty(dto.required_action),
            vulnerability_name: non_empty(dto.vulnerability_name),
            ransomware_use,
        },
        notes: dto.notes.map(Cow::into_owned).unwrap_or_default(),
        cwes,
    })
}

/// The header and the raw entries, collected in one pass.
#[derive(Default)]
struct Top<'a> {
    title: Option<String>,
    catalog_version: Option<String>,
    date_released: Option<String>,
    count: Option<u64>,
    items: Vec<&'a RawValue>,
    saw_array: bool,
    /// Index of the entry being cut out, so a break inside the array points at it.
    at: Option<usize>,
}

struct TopVisitor<'t, 'a> {
    top: &'t mut Top<'a>,
}

impl<'de: 'a, 'a> Visitor<'de> for TopVisitor<'_, 'a> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a KEV catalog object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match key.as_ref() {
                "title" => self.top.title = map.next_value::<Option<String>>()?,
                "catalogVersion" => {
                    self.top.catalog_version = map.next_value::<Option<String>>()?
                }
                "dateReleased" => self.top.date_released = map.next_value::<Option<String>>()?,
                "count" => self.top.count = map.next_value::<Option<u64>>()?,
                "vulnerabilities" if !self.top.saw_array => {
                    self.top.saw_array = true;
                    map.next_value_seed(EntriesSeed {
                        top: &mut *self.top,
                    })?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

struct EntriesSeed<'t, 'a> {
    top: &'t mut Top<'a>,
}

impl<'de: 'a, 'a> DeserializeSeed<'de> for EntriesSeed<'_, 'a> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de: 'a, 'a> Visitor<'de> for EntriesSeed<'_, 'a> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of KEV entries")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        loop {
            self.top.at = Some(self.top.items.len());
            match seq.next_element::<&'de RawValue>()? {
                Some(raw) => self.top.items.push(raw),
                None => break,
            }
        }
        self.top.at = None;
        Ok(())
    }
}

impl From<KevCatalog> for Vec<KevEntry> {
    /// The good entries only.
    fn from(c: KevCatalog) -> Self {
        c.entries.into_iter().filter_map(Result::ok).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_errors_point_at_the_entry() {
        let c = read(
            "k",
            br#"{"catalogVersion":"1","count":2,"vulnerabilities":[{"cveID":"CVE-1"},{"#,
        );
        assert_eq!(c.catalog_version.as_deref(), Some("1"));
        assert_eq!(c.entries.len(), 2);
        assert_eq!(
            c.entries[1].as_ref().err().and_then(FeedError::location),
            Some(&Location::Pointer("/vulnerabilities/1".into()))
        );
        let c = read("k", br#"{"hello":1}"#);
        assert!(matches!(c.entries[..], [Err(FeedError::WrongKind { .. })]));
        let c = read("k", b"[1]");
        assert!(matches!(c.entries[..], [Err(FeedError::Malformed { .. })]));
    }
}
