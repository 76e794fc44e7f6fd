//! Which feed a file belongs to, decided by its content (the name only breaks ties).

use std::fmt;

use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::SourceKind;

/// Decides which reader a file needs.
///
/// The content decides first: top-level JSON keys (OSV `id`/`affected`/`schema_version`,
/// NVD `vulnerabilities` + `"format": "NVD_CVE"` or a `cve` item, CVE 5
/// `"dataType": "CVE_RECORD"`, KEV `catalogVersion`, CSAF `document.csaf_version`),
/// OSV YAML (`id:` and `affected:` lines), EPSS CSV (`#model_version` or `cve,epss`
/// header, or gzip magic), JVN XML (RSS 1.0 or VULDEF namespace). Only when the
/// content says nothing usable is the file name consulted.
pub fn detect(file_name: &str, bytes: &[u8]) -> Option<SourceKind> {
    by_content(bytes).or_else(|| by_name(file_name))
}

fn by_content(bytes: &[u8]) -> Option<SourceKind> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        return Some(SourceKind::Epss);
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    let body = &bytes[start..];
    match body.first()? {
        b'{' | b'[' => json_kind(body),
        b'<' => xml_kind(body),
        _ => text_kind(body),
    }
}

fn by_name(file_name: &str) -> Option<SourceKind> {
    let name = file_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(file_name)
        .to_ascii_lowercase();
    if name.contains("known_exploited_vulnerabilities") {
        Some(SourceKind::Kev)
    } else if name.contains("epss") && (name.ends_with(".csv") || name.ends_with(".csv.gz")) {
        Some(SourceKind::Epss)
    } else {
        None
    }
}

fn xml_kind(body: &[u8]) -> Option<SourceKind> {
    let head = &body[..body.len().min(8192)];
    let has = |needle: &[u8]| memchr::memmem::find(head, needle).is_some();
    if has(b"http://purl.org/rss/1.0/") || has(b"jvn.jp/vuldef") || has(b"jvn.jp/rss") {
        Some(SourceKind::Jvn)
    } else {
        None
    }
}

fn text_kind(body: &[u8]) -> Option<SourceKind> {
    if body.starts_with(b"#model_version") || body.starts_with(b"cve,epss") {
        return Some(SourceKind::Epss);
    }
    // OSV YAML: top-level `id:` and `affected:` keys (lines starting in column 0).
    let mut id = false;
    let mut affected = false;
    let mut schema = false;
    for line in body.split(|&b| b == b'\n') {
        id |= line.starts_with(b"id:");
        affected |= line.starts_with(b"affected:");
        schema |= line.starts_with(b"schema_version:");
    }
    (id && (affected || schema)).then_some(SourceKind::Osv)
}

/// What the top level of a JSON document shows.
#[derive(Default)]
struct Keys {
    id: bool,
    affected: bool,
    schema_version: bool,
    modified: bool,
    vulnerabilities: bool,
    nvd_format: bool,
    cve_item: bool,
    cve_record: bool,
    catalog_version: bool,
    csaf: bool,
}

fn json_kind(body: &[u8]) -> Option<SourceKind> {
    let mut keys = Keys::default();
    let mut de = serde_json::Deserializer::from_slice(body);
    // An early stop is reported as an error; what was seen before it still counts.
    let _ = de.deserialize_any(TopKeys {
        keys: &mut keys,
        depth: 0,
    });
    let k = keys;
    if k.csaf {
        Some(SourceKind::Csaf)
    } else if k.cve_record {
        Some(SourceKind::Cve5)
    } else if k.catalog_version {
        Some(SourceKind::Kev)
    } else if k.nvd_format || k.cve_item {
        Some(SourceKind::Nvd)
    } else if k.id && (k.affected || k.schema_version || k.modified) {
        Some(SourceKind::Osv)
    } else {
        None
    }
}

struct TopKeys<'k> {
    keys: &'k mut Keys,
    depth: u8,
}

const STOP: &str = "detect: decided";

impl<'de> Visitor<'de> for TopKeys<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object or array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        // An array of records: its first element speaks for all.
        if self.depth == 0 {
            seq.next_element_seed(KeysSeed {
                keys: self.keys,
                depth: 1,
            })?;
        }
        Err(serde::de::Error::custom(STOP))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "id" => {
                    self.keys.id = true;
                    map.next_value::<IgnoredAny>()?;
                }
                "affected" => {
                    self.keys.affected = true;
                    map.next_value::<IgnoredAny>()?;
                }
                "schema_version" => {
                    self.keys.schema_version = true;
                    map.next_value::<IgnoredAny>()?;
                }
                "modified" => {
                    self.keys.modified = true;
                    map.next_value::<IgnoredAny>()?;
                }
                "catalogVersion" => {
                    self.keys.catalog_version = true;
                    return Err(serde::de::Error::custom(STOP));
                }
                "format" => {
                    let v = map.next_value::<serde_json::Value>()?;
                    self.keys.nvd_format = v.as_str() == Some("NVD_CVE");
                }
                "dataType" => {
                    let v = map.next_value::<serde_json::Value>()?;
                    if v.as_str() == Some("CVE_RECORD") {
                        self.keys.cve_record = true;
                        return Err(serde::de::Error::custom(STOP));
                    }
                }
                "document" => {
                    let v = map.next_value::<serde_json::Value>()?;
                    if v.get("csaf_version").is_some() {
                        self.keys.csaf = true;
                        return Err(serde::de::Error::custom(STOP));
                    }
                }
                "cve" => {
                    let v = map.next_value::<IgnoredAny>();
                    // NVD items hold an object under `cve`; CSAF vulnerabilities hold a string, but never at the top.
                    self.keys.cve_item = v.is_ok();
                    v?;
                }
                "vulnerabilities" => {
                    // The big part of NVD pages and CSAF documents: decide on what came before.
                    self.keys.vulnerabilities = true;
                    return Err(serde::de::Error::custom(STOP));
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

struct KeysSeed<'k> {
    keys: &'k mut Keys,
    depth: u8,
}

impl<'de> serde::de::DeserializeSeed<'de> for KeysSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(TopKeys {
            keys: self.keys,
            depth: self.depth,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_by_content() {
        let cases: &[(&str, &[u8], Option<SourceKind>)] = &[
            ("a.json", br#"{"schema_version":"1.4.0","id":"GHSA-x","affected":[]}"#, Some(SourceKind::Osv)),
            ("a.json", br#"{"id":"GO-1","modified":"2024-01-01T00:00:00Z"}"#, Some(SourceKind::Osv)),
            ("a.yaml", b"id: PYSEC-1\naffected:\n- package: {}\n", Some(SourceKind::Osv)),
            ("p.json", br#"{"resultsPerPage":1,"format":"NVD_CVE","version":"2.0","vulnerabilities":[{"cve":{}}]}"#, Some(SourceKind::Nvd)),
            ("p.json", br#"{"cve":{"id":"CVE-1"}}"#, Some(SourceKind::Nvd)),
            ("p.json", br#"[{"cve":{"id":"CVE-1"}}]"#, Some(SourceKind::Nvd)),
            ("c.json", br#"{"dataType":"CVE_RECORD","dataVersion":"5.1"}"#, Some(SourceKind::Cve5)),
            ("k.json", br#"{"title":"x","catalogVersion":"2025.08.25","vulnerabilities":[]}"#, Some(SourceKind::Kev)),
            ("c.json", br#"{"document":{"csaf_version":"2.0"},"vulnerabilities":[{"cve":"CVE-1"}]}"#, Some(SourceKind::Csaf)),
            ("e.csv", b"#model_version:v2025.03.14,score_date:2025-08-25T00:00:00+0000\ncve,epss,percentile\n", Some(SourceKind::Epss)),
            ("e.csv", b"cve,epss,percentile\nCVE-1,0.1,0.2\n", Some(SourceKind::Epss)),
            ("e.csv.gz", &[0x1f, 0x8b, 8, 0], Some(SourceKind::Epss)),
            ("j.xml", br#"<?xml version="1.0"?><rdf:RDF xmlns="http://purl.org/rss/1.0/">"#, Some(SourceKind::Jvn)),
            ("j.xml", br#"<VULDEF-Document xmlns="http://jvn.jp/vuldef/">"#, Some(SourceKind::Jvn)),
            ("known_exploited_vulnerabilities.json", b"{", Some(SourceKind::Kev)),
            ("x.json", br#"{"hello":1}"#, None),
            ("x.json", b"", None),
            ("x.json", b"\xff\xfe", None),
        ];
        for (name, bytes, want) in cases {
            assert_eq!(
                detect(name, bytes),
                *want,
                "{name}: {}",
                String::from_utf8_lossy(bytes)
            );
        }
    }
}
