//! OSV advisories (JSON, and the YAML flavour PyPA publishes) into [`Vulnerability`] values.
//!
//! Follows the OSV schema 1.x: `id`, `aliases`, `related` (kept apart from
//! aliases: related ids are different vulnerabilities), `summary`/`details`,
//! the three dates, `severity` (CVSS vectors, scored by the database the record
//! comes from), `affected[]` with package, ranges, versions and the free-form
//! `ecosystem_specific`/`database_specific` objects (kept as JSON text),
//! `references`, `credits`, and two `database_specific` conventions that matter
//! downstream: GHSA's `cwe_ids`/`severity` and RustSec's `informational` kind.
//!
//! A file may hold one record or a JSON array of records. Unknown fields are
//! ignored, as the schema allows extension.

use serde::Deserialize;
use serde_json::Value;

use mamori_model::{
    AffectedPackage, AffectedRange, Credit, CvssScore, CvssVersion, CweId, InformationalKind,
    LocalizedText, MetricKind, Provenance, RangeEvent, RangeKind, Reference, SourceKind, VulnId,
    Vulnerability, Weakness,
};

use crate::util::{Str, from_json_record, parse_datetime, record_error, sha256, split_json};
use crate::{FeedError, Location, Records};

/// Reads an OSV file, JSON or YAML (decided by the first non-blank byte).
pub fn read(file_name: &str, bytes: &[u8]) -> Records<Vulnerability> {
    let first = bytes
        .strip_prefix(b"\xef\xbb\xbf")
        .unwrap_or(bytes)
        .iter()
        .find(|b| !b.is_ascii_whitespace());
    match first {
        Some(b'{' | b'[') => read_json(file_name, bytes),
        _ => read_yaml(file_name, bytes),
    }
}

/// Reads an OSV JSON file: one record, or an array of records.
pub fn read_json(file_name: &str, bytes: &[u8]) -> Records<Vulnerability> {
    let split = split_json(file_name, bytes, None);
    let mut out = Vec::with_capacity(split.items.len() + 1);
    if split.whole {
        out.push(json_record(file_name, "", bytes));
    } else {
        for (pointer, raw) in &split.items {
            out.push(json_record(file_name, pointer, raw.get().as_bytes()));
        }
    }
    out.extend(split.error.map(Err));
    out
}

fn json_record(file: &str, pointer: &str, raw: &[u8]) -> Result<Vulnerability, FeedError> {
    // `raw` is valid UTF-8: it came out of serde_json or is a whole file serde_json accepted.
    let text = std::str::from_utf8(raw).map_err(|e| FeedError::Malformed {
        file: file.to_owned(),
        format: "JSON",
        location: Location::Pointer(pointer.to_owned()),
        message: e.to_string(),
    })?;
    let dto: OsvDto<'_> = from_json_record(text, pointer)
        .map_err(|e| record_error(file, SourceKind::Osv, None, e))?;
    convert(file, pointer, raw, dto)
}

/// Reads an OSV YAML file (one document, one record), as PyPA's advisory database writes them.
pub fn read_yaml(file_name: &str, bytes: &[u8]) -> Records<Vulnerability> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            return vec![Err(FeedError::Malformed {
                file: file_name.to_owned(),
                format: "YAML",
                location: Location::LineColumn { line: 1, column: 1 },
                message: format!("not UTF-8: {e}"),
            })];
        }
    };
    let dto: OsvDto<'_> = match serde_saphyr::from_str(text) {
        Ok(d) => d,
        Err(e) => {
            let location =
                e.location()
                    .map_or(Location::Pointer(String::new()), |l| Location::LineColumn {
                        line: usize::try_from(l.line()).unwrap_or(usize::MAX),
                        column: usize::try_from(l.column()).unwrap_or(usize::MAX),
                    });
            return vec![Err(FeedError::Record {
                file: file_name.to_owned(),
                feed: SourceKind::Osv,
                location,
                id: None,
                message: first_line(&e.to_string()),
            })];
        }
    };
    vec![convert(file_name, "", bytes, dto)]
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or_default().trim().to_owned()
}

#[derive(Deserialize)]
struct OsvDto<'a> {
    #[serde(borrow)]
    id: Str<'a>,
    #[serde(default, borrow)]
    aliases: Option<Vec<Str<'a>>>,
    #[serde(default, borrow)]
    related: Option<Vec<Str<'a>>>,
    #[serde(default, borrow)]
    summary: Option<Str<'a>>,
    #[serde(default, borrow)]
    details: Option<Str<'a>>,
    #[serde(default, borrow)]
    published: Option<Str<'a>>,
    #[serde(default, borrow)]
    modified: Option<Str<'a>>,
    #[serde(default, borrow)]
    withdrawn: Option<Str<'a>>,
    #[serde(default, borrow)]
    severity: Option<Vec<SeverityDto<'a>>>,
    #[serde(default, borrow)]
    affected: Option<Vec<AffectedDto<'a>>>,
    #[serde(default, borrow)]
    references: Option<Vec<ReferenceDto<'a>>>,
    #[serde(default, borrow)]
    credits: Option<Vec<CreditDto<'a>>>,
    #[serde(default)]
    database_specific: Option<Value>,
}

#[derive(Deserialize)]
struct SeverityDto<'a> {
    #[serde(rename = "type", borrow)]
    kind: Str<'a>,
    #[serde(borrow)]
    score: Str<'a>,
}

#[derive(Deserialize)]
struct AffectedDto<'a> {
    #[serde(default, borrow)]
    package: Option<PackageDto<'a>>,
    #[serde(default, borrow)]
    severity: Option<Vec<SeverityDto<'a>>>,
    #[serde(default, borrow)]
    ranges: Option<Vec<RangeDto<'a>>>,
    #[serde(default, borrow)]
    versions: Option<Vec<Str<'a>>>,
    #[serde(default)]
    ecosystem_specific: Option<Value>,
    #[serde(default)]
    database_specific: Option<Value>,
}

#[derive(Deserialize)]
struct PackageDto<'a> {
    #[serde(default, borrow)]
    ecosystem: Option<Str<'a>>,
    #[serde(default, borrow)]
    name: Option<Str<'a>>,
    #[serde(default, borrow)]
    purl: Option<Str<'a>>,
}

#[derive(Deserialize)]
struct RangeDto<'a> {
    #[serde(rename = "type", borrow)]
    kind: Str<'a>,
    #[serde(default, borrow)]
    repo: Option<Str<'a>>,
    #[serde(borrow)]
    events: Vec<EventDto<'a>>,
}

#[derive(Deserialize)]
struct EventDto<'a> {
    #[serde(default, borrow)]
    introduced: Option<Str<'a>>,
    #[serde(default, borrow)]
    fixed: Option<Str<'a>>,
    #[serde(default, borrow)]
    last_affected: Option<Str<'a>>,
    #[serde(default, borrow)]
    limit: Option<Str<'a>>,
}

#[derive(Deserialize)]
struct ReferenceDto<'a> {
    #[serde(rename = "type", default, borrow)]
    kind: Option<Str<'a>>,
    #[serde(borrow)]
    url: Str<'a>,
}

#[derive(Deserialize)]
struct CreditDto<'a> {
    #[serde(borrow)]
    name: Str<'a>,
    #[serde(rename = "type", default, borrow)]
    kind: Option<Str<'a>>,
}

type Bad = (Location, String);

fn bad(base: &str, at: &str, message: impl Into<String>) -> Bad {
    (Location::Pointer(format!("{base}{at}")), message.into())
}

fn ids(base: &str, field: &str, list: Option<Vec<Str<'_>>>) -> Result<Vec<VulnId>, Bad> {
    let mut out = Vec::new();
    for (i, s) in list.unwrap_or_default().iter().enumerate() {
        let id = VulnId::new(s.as_str())
            .map_err(|e| bad(base, &format!("/{field}/{i}"), e.to_string()))?;
        if !out.contains(&id) {
            out.push(id);
        }
    }
    Ok(out)
}

fn date(base: &str, field: &str, s: Option<&Str<'_>>) -> Result<Option<time::OffsetDateTime>, Bad> {
    match s {
        None => Ok(None),
        Some(s) => parse_datetime(s.as_str()).map(Some).ok_or_else(|| {
            bad(
                base,
                &format!("/{field}"),
                format!("not a date: {:?}", s.as_str()),
            )
        }),
    }
}

/// The database an OSV id belongs to, used as "who scored it": `GHSA`, `PYSEC`, `GO`, `RUSTSEC`…
fn database_of(id: &str) -> &str {
    id.split_once('-').map_or(id, |(p, _)| p)
}

fn cvss(
    base: &str,
    at: &str,
    source: &str,
    list: Option<Vec<SeverityDto<'_>>>,
) -> Result<Vec<CvssScore>, Bad> {
    let mut out = Vec::new();
    for (i, s) in list.unwrap_or_default().iter().enumerate() {
        if !matches!(s.kind.as_str(), "CVSS_V2" | "CVSS_V3" | "CVSS_V4") {
            // Other types (`Ubuntu` priorities) are not CVSS; the label is not a vector.
            continue;
        }
        let vector = s.score.as_str().trim();
        let version = CvssVersion::of_vector(vector).ok_or_else(|| {
            bad(
                base,
                &format!("{at}/{i}/score"),
                format!("not a CVSS vector: {vector:?}"),
            )
        })?;
        out.push(CvssScore {
            version,
            vector: vector.to_owned(),
            base_score: None,
            source: source.to_owned(),
            kind: MetricKind::Unspecified,
        });
    }
    Ok(out)
}

fn severity_label(v: Option<&Value>) -> Option<String> {
    v.and_then(|v| v.get("severity"))
        .and_then(Value::as_str)
        .map(str::to_owned)
}

fn convert(
    file: &str,
    base: &str,
    raw: &[u8],
    dto: OsvDto<'_>,
) -> Result<Vulnerability, FeedError> {
    let id_text = dto.id.as_str().to_owned();
    build(file, base, raw, dto).map_err(|e| record_error(file, SourceKind::Osv, Some(&id_text), e))
}

fn build(file: &str, base: &str, raw: &[u8], dto: OsvDto<'_>) -> Result<Vulnerability, Bad> {
    let id = VulnId::new(dto.id.as_str()).map_err(|e| bad(base, "/id", e.to_string()))?;
    let source = database_of(id.as_str()).to_owned();
    let mut v = Vulnerability::new(
        id,
        Provenance {
            source: SourceKind::Osv,
            file_name: file.to_owned(),
            sha256: sha256(raw),
            imported: None,
        },
    );
    v.aliases = ids(base, "aliases", dto.aliases)?;
    v.related = ids(base, "related", dto.related)?;
    if let Some(s) = dto.summary.filter(|s| !s.as_str().trim().is_empty()) {
        v.titles.push(LocalizedText::new("en", s.owned()));
    }
    if let Some(s) = dto.details.filter(|s| !s.as_str().trim().is_empty()) {
        v.descriptions.push(LocalizedText::new("en", s.owned()));
    }
    v.published = date(base, "published", dto.published.as_ref())?;
    v.modified = date(base, "modified", dto.modified.as_ref())?;
    v.withdrawn = date(base, "withdrawn", dto.withdrawn.as_ref())?;
    v.cvss = cvss(base, "/severity", &source, dto.severity)?;

    if let Some(ds) = &dto.database_specific {
        v.severity = severity_label(Some(ds));
        if let Some(cwes) = ds.get("cwe_ids").and_then(Value::as_array) {
            for (i, c) in cwes.iter().enumerate() {
                let text = c.as_str().unwrap_or_default();
                let cwe = CweId::parse(text).ok_or_else(|| {
                    bad(
                        base,
                        &format!("/database_specific/cwe_ids/{i}"),
                        format!("not a CWE id: {c}"),
                    )
                })?;
                v.cwes.push(Weakness {
                    cwe,
                    source: source.clone(),
                });
            }
        }
        if let Some(kind) = ds.get("informational").and_then(Value::as_str) {
            v.informational = Some(InformationalKind::parse(kind));
        }
    }

    for (i, a) in dto.affected.unwrap_or_default().into_iter().enumerate() {
        let at = format!("/affected/{i}");
        let mut p = AffectedPackage::default();
        if let Some(pkg) = a.package {
            p.ecosystem = pkg.ecosystem.map(|s| s.owned()).unwrap_or_default();
            p.name = pkg.name.map(|s| s.owned()).unwrap_or_default();
            p.purl = pkg.purl.map(|s| s.owned());
        }
        p.cvss = cvss(base, &format!("{at}/severity"), &source, a.severity)?;
        for (j, r) in a.ranges.unwrap_or_default().into_iter().enumerate() {
            let mut events = Vec::with_capacity(r.events.len());
            for (k, e) in r.events.into_iter().enumerate() {
                let ev = if let Some(s) = e.introduced {
                    RangeEvent::Introduced(s.owned())
                } else if let Some(s) = e.fixed {
                    RangeEvent::Fixed(s.owned())
                } else if let Some(s) = e.last_affected {
                    RangeEvent::LastAffected(s.owned())
                } else if let Some(s) = e.limit {
                    RangeEvent::Limit(s.owned())
                } else {
                    return Err(bad(
                        base,
                        &format!("{at}/ranges/{j}/events/{k}"),
                        "event has none of introduced, fixed, last_affected, limit",
                    ));
                };
                events.push(ev);
            }
            p.ranges.push(AffectedRange {
                kind: RangeKind::parse(r.kind.as_str()),
                repo: r.repo.map(|s| s.owned()),
                events,
            });
        }
        p.versions = a
            .versions
            .unwrap_or_default()
            .iter()
            .map(Str::owned)
            .collect();
        p.severity = severity_label(a.database_specific.as_ref())
            .or_else(|| severity_label(a.ecosystem_specific.as_ref()));
        if let Some(kind) = a
            .database_specific
            .as_ref()
            .and_then(|d| d.get("informational"))
            .and_then(Value::as_str)
            .filter(|_| v.informational.is_none())
        {
            v.informational = Some(InformationalKind::parse(kind));
        }
        p.ecosystem_specific = a.ecosystem_specific.as_ref().map(Value::to_string);
        p.database_specific = a.database_specific.as_ref().map(Value::to_string);
        v.affected_packages.push(p);
    }

    for r in dto.references.unwrap_or_default() {
        v.references.push(Reference {
            url: r.url.owned(),
            tags: r.kind.map(|k| vec![k.owned()]).unwrap_or_default(),
        });
    }
    for c in dto.credits.unwrap_or_default() {
        v.credits.push(Credit {
            name: c.name.owned(),
            kind: c.kind.map(|k| k.owned()),
        });
    }
    Ok(v)
}
