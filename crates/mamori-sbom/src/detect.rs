//! Tells CycloneDX from SPDX, and JSON from XML from tag-value, by looking at the content.

use crate::SbomError;
use mamori_model::DocumentFormat;

/// Detects the format from the first bytes of the document, without parsing it whole.
pub fn detect(bytes: &[u8]) -> Result<DocumentFormat, SbomError> {
    let body = strip_bom(bytes);
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let body = &body[start..];
    // Look only at a bounded head: a decision never needs more, and a 1 GB file
    // must not be scanned twice.
    let head = &body[..body.len().min(64 * 1024)];
    match body.first() {
        None => Err(SbomError::Empty),
        Some(b'{') => {
            if contains(head, b"\"bomFormat\"")
                || contains(head, b"\"specVersion\"") && !contains(head, b"\"spdxVersion\"")
            {
                Ok(DocumentFormat::CycloneDxJson)
            } else if contains(head, b"\"@context\"") && contains(head, b"spdx.org/rdf/3") {
                Err(SbomError::UnsupportedVersion {
                    format: "spdx",
                    version: "3.0".into(),
                    pointer: "/@context".into(),
                })
            } else if contains(head, b"\"spdxVersion\"") || contains(head, b"\"SPDXID\"") {
                Ok(DocumentFormat::SpdxJson)
            } else if contains(body, b"\"bomFormat\"") {
                Ok(DocumentFormat::CycloneDxJson)
            } else if contains(body, b"\"spdxVersion\"") {
                Ok(DocumentFormat::SpdxJson)
            } else {
                Err(SbomError::NotAnSbom {
                    reason: "a JSON document with neither \"bomFormat\" (CycloneDX) nor \"spdxVersion\" (SPDX)".into(),
                })
            }
        }
        Some(b'<') => {
            if contains(head, b"cyclonedx.org/schema/bom") || contains(head, b"<bom") {
                Ok(DocumentFormat::CycloneDxXml)
            } else if contains(head, b"spdx") || contains(head, b"SPDX") {
                Err(SbomError::NotAnSbom {
                    reason: "SPDX RDF/XML is not supported; use SPDX JSON or tag-value".into(),
                })
            } else {
                Err(SbomError::NotAnSbom {
                    reason: "an XML document that is not a CycloneDX BOM".into(),
                })
            }
        }
        Some(b'[') => Err(SbomError::NotAnSbom {
            reason: "a JSON array, not an SBOM object".into(),
        }),
        Some(_) => {
            if head
                .split(|b| *b == b'\n')
                .any(|l| l.starts_with(b"SPDXVersion:"))
            {
                Ok(DocumentFormat::SpdxTagValue)
            } else {
                Err(SbomError::NotAnSbom {
                    reason: "neither JSON, XML nor SPDX tag-value (no \"SPDXVersion:\" line)"
                        .into(),
                })
            }
        }
    }
}

/// Transcodes a UTF-16 document (with its byte-order mark) to UTF-8; `None` when
/// the input is not UTF-16.
pub(crate) fn utf16_to_utf8(b: &[u8]) -> Result<Option<Vec<u8>>, SbomError> {
    let le = match b {
        [0xFF, 0xFE, ..] => true,
        [0xFE, 0xFF, ..] => false,
        _ => return Ok(None),
    };
    let body = &b[2..];
    if !body.len().is_multiple_of(2) {
        return Err(SbomError::Syntax {
            location: format!("byte {}", b.len()),
            message: "UTF-16 text with an odd number of bytes".into(),
        });
    }
    let units = body.chunks_exact(2).map(|p| {
        if le {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    });
    let mut out = String::with_capacity(body.len() / 2);
    for (i, c) in char::decode_utf16(units).enumerate() {
        match c {
            Ok(c) => out.push(c),
            Err(_) => {
                return Err(SbomError::Syntax {
                    location: format!("byte {}", 2 + 2 * i),
                    message: "invalid UTF-16 (an unpaired surrogate)".into(),
                });
            }
        }
    }
    Ok(Some(out.into_bytes()))
}

fn strip_bom(b: &[u8]) -> &[u8] {
    b.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(b)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expect: Result<DocumentFormat, &str>) {
        let got = detect(input.as_bytes()).map_err(|e| e.to_string());
        match expect {
            Ok(f) => assert_eq!(got.unwrap(), f, "{input}"),
            Err(msg) => assert!(got.unwrap_err().contains(msg), "{input}"),
        }
    }

    #[test]
    fn utf16_is_transcoded() {
        let text = "SPDXVersion: SPDX-2.3\n";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(utf16_to_utf8(&le).unwrap().unwrap(), text.as_bytes());
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(utf16_to_utf8(&be).unwrap().unwrap(), text.as_bytes());
        assert!(utf16_to_utf8(b"{}").unwrap().is_none());
        assert!(utf16_to_utf8(&[0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]).is_err());
    }

    #[test]
    fn detects_by_content() {
        check(
            r#"{"bomFormat":"CycloneDX","specVersion":"1.6"}"#,
            Ok(DocumentFormat::CycloneDxJson),
        );
        check(
            "\u{feff}  {\"spdxVersion\":\"SPDX-2.3\"}",
            Ok(DocumentFormat::SpdxJson),
        );
        check(
            r#"<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.5"/>"#,
            Ok(DocumentFormat::CycloneDxXml),
        );
        check(
            "SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\n",
            Ok(DocumentFormat::SpdxTagValue),
        );
        check(r#"{"hello":"world"}"#, Err("neither \"bomFormat\""));
        check("[1,2]", Err("JSON array"));
        check("hello", Err("tag-value"));
        check(
            r#"{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": []}"#,
            Err("unsupported spdx spec version \"3.0\""),
        );
    }
}
