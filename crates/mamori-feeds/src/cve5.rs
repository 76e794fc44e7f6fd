//! CVE JSON 5 records (5.0 and 5.1, as cvelistV5 and CISA vulnrichment publish them) into [`Vulnerability`] values.
//!
//! Kept: `cveMetadata` (state, dates; `REJECTED` makes the record withdrawn as of
//! `dateRejected`, else `dateUpdated`), the CNA container (title, descriptions,
//! affected products with their versions and ranges, metrics, problem types,
//! references, credits) and every ADP container. ADP content is attributed to
//! the ADP by its `providerMetadata.shortName` (`CISA-ADP` for vulnrichment): its
//! CVSS vectors, CWE ids, affected products with CPEs, SSVC decisions and KEV
//! marks. CVSS from the CNA is tagged [`MetricKind::Primary`], from an ADP
//! [`MetricKind::Secondary`], after NVD's use of the words.
//!
//! A file may hold one record or a JSON array of records.

use serde::Deserialize;
use serde_json::Value;

use mamori_model::{
    AffectedProduct, Credit, CvssScore, CvssVersion, CweId, KevStatus, LocalizedText, MetricKind,
    ProductVersion, Provenance, Reference, SourceKind, SsvcDecision, VersionStatus, VulnId,
    Vulnerability, Weakness,
};

use crate::util::{
    Str, from_json_record, parse_date, parse_datetime, record_error, sha256, split_json,
};
use crate::{FeedError, Location, Records};

/// Reads a CVE 5 record file (one record, or an array of records).
pub fn read(file_name: &str, bytes: &[u8]) -> Records<Vulnerability> {
    let split = split_json(file_name, bytes, None);
    let mut out = Vec::with_capacity(split.items.len() + 1);
    if split.whole {
        out.push(record(file_name, "", bytes));
    } else {
        for (pointer, raw) in &split.items {
            out.push(record(file_name, pointer, raw.get().as_bytes()));
        }
    }
    out.extend(split.error.map(Err));
    out
}

fn record(file: &str, pointer: &str, raw: &[u8]) -> Result<Vulnerability, FeedError> {
    let text = std::str::from_utf8(raw).map_err(|e| FeedError::Malformed {
        file: file.to_owned(),
        format: "JSON",
        location: Location::Pointer(pointer.to_owned()),
        message: e.to_string(),
    })?;
    let dto: RecordDto<'_> = from_json_record(text, pointer)
        .map_err(|e| record_error(file, SourceKind::Cve5, None, e))?;
    if dto.data_type.as_str() != "CVE_RECORD" {
        return Err(FeedError::WrongKind {
            file: file.to_owned(),
            expected: SourceKind::Cve5,
            message: format!("dataType is {:?}", dto.data_type.as_str()),
        });
    }
    let id = dto.cve_metadata.cve_id.owned();
    build(file, pointer, raw, dto).map_err(|e| record_error(file, SourceKind::Cve5, Some(&id), e))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RecordDto<'a> {
    #[serde(borrow)]
    data_type: Str<'a>,
    #[serde(borrow)]
    cve_metadata: MetadataDto<'a>,
    #[serde(borrow)]
    containers: ContainersDto<'a>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MetadataDto<'a> {
    #[serde(borrow)]
    cve_id: Str<'a>,
    #[serde(borrow)]
    state: Str<'a>,
    #[serde(default, borrow)]
    date_published: Option<Str<'a>>,
    #[serde(default, borrow)]
    date_updated: Option<Str<'a>>,
    #[serde(default, borrow)]
    date_rejected: Option<Str<'a>>,
}

#[derive(Deserialize)]
struct ContainersDto<'a> {
    #[serde(borrow)]
    cna: ContainerDto<'a>,
    #[serde(default, borrow)]
    adp: Vec<ContainerDto<'a>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ContainerDto<'a> {
    #[serde(default, borrow)]
    provider_metadata: Option<ProviderDto<'a>>,
    #[serde(default, borrow)]
    title: Option<Str<'a>>,
    #[serde(default, borrow)]
    descriptions: Vec<LangDto<'a>>,
    #[serde(default, borrow)]
    affected: Vec<AffectedDto<'a>>,
    #[serde(default, borrow)]
    metrics: Vec<MetricDto<'a>>,
    #[serde(default, borrow)]
    problem_types: Vec<ProblemTypeDto<'a>>,
    #[serde(default, borrow)]
    references: Vec<RefDto<'a>>,
    #[serde(default, borrow)]
    credits: Vec<CreditDto<'a>>,
    #[serde(default, borrow)]
    rejected_reasons: Vec<LangDto<'a>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ProviderDto<'a> {
    #[serde(default, borrow)]
    short_name: Option<Str<'a>>,
    #[serde(default, borrow)]
    org_id: Option<Str<'a>>,
}

#[derive(Deserialize)]
struct LangDto<'a> {
    #[serde(borrow)]
    lang: Str<'a>,
    #[serde(borrow)]
    value: Str<'a>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AffectedDto<'a> {
    #[serde(default, borrow)]
    vendor: Option<Str<'a>>,
    #[serde(default, borrow)]
    product: Option<Str<'a>>,
    #[serde(default, borrow)]
    package_name: Option<Str<'a>>,
    #[serde(rename = "collectionURL", default, borrow)]
    collection_url: Option<Str<'a>>,
    #[serde(default, borrow)]
    repo: Option<Str<'a>>,
    #[serde(default, borrow)]
    cpes: Vec<Str<'a>>,
    #[serde(default, borrow)]
    platforms: Vec<Str<'a>>,
    #[serde(default, borrow)]
    default_status: Option<Str<'a>>,
    #[serde(default, borrow)]
    versions: Vec<VersionDto<'a>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct VersionDto<'a> {
    #[serde(borrow)]
    version: Str<'a>,
    #[serde(borrow)]
    status: Str<'a>,
    #[serde(default, borrow)]
    less_than: Option<Str<'a>>,
    #[serde(default, borrow)]
    less_than_or_equal: Option<Str<'a>>,
    #[serde(default, borrow)]
    version_type: Option<Str<'a>>,
    #[serde(default, borrow)]
    changes: Vec<ChangeDto<'a>>,
}

#[derive(Deserialize)]
struct ChangeDto<'a> {
    #[serde(borrow)]
    at: Str<'a>,
    #[serde(borrow)]
    status: Str<'a>,
}

#[derive(Deserialize)]
struct MetricDto<'a> {
    #[serde(rename = "cvssV2_0", default, borrow)]
    v2: Option<CvssDto<'a>>,
    #[serde(rename = "cvssV3_0", default, borrow)]
    v30: Option<CvssDto<'a>>,
    #[serde(rename = "cvssV3_1", default, borrow)]
    v31: Option<CvssDto<'a>>,
    #[serde(rename = "cvssV4_0", default, borrow)]
    v40: Option<CvssDto<'a>>,
    #[serde(default)]
    other: Option<OtherDto>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CvssDto<'a> {
    #[serde(default, borrow)]
    vector_string: Option<Str<'a>>,
    #[serde(default)]
    base_score: Option<f64>,
}

#[derive(Deserialize)]
struct OtherDto {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    content: Value,
}

#[derive(Deserialize)]
struct ProblemTypeDto<'a> {
    #[serde(default, borrow)]
    descriptions: Vec<ProblemDto<'a>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ProblemDto<'a> {
    #[serde(default, borrow)]
    cwe_id: Option<Str<'a>>,
    #[serde(default, borrow)]
    description: Option<Str<'a>>,
}

#[derive(Deserialize)]
struct RefDto<'a> {
    #[serde(borrow)]
    url: Str<'a>,
    #[serde(default, borrow)]
    tags: Vec<Str<'a>>,
}

#[derive(Deserialize)]
struct CreditDto<'a> {
    #[serde(borrow)]
    value: Str<'a>,
    #[serde(rename = "type", default, borrow)]
    kind: Option<Str<'a>>,
}

type Bad = (Location, String);

fn bad(at: String, message: impl Into<String>) -> Bad {
    (Location::Pointer(at), message.into())
}

fn status(at: &str, s: &Str<'_>) -> Result<VersionStatus, Bad> {
    VersionStatus::parse(s.as_str())
        .ok_or_else(|| bad(at.to_owned(), format!("unknown status {:?}", s.as_str())))
}

fn build(file: &str, base: &str, raw: &[u8], dto: RecordDto<'_>) -> Result<Vulnerability, Bad> {
    let meta = &dto.cve_metadata;
    let id = VulnId::new(meta.cve_id.as_str())
        .map_err(|e| bad(format!("{base}/cveMetadata/cveId"), e.to_string()))?;
    let mut v = Vulnerability::new(
        id,
        Provenance {
            source: SourceKind::Cve5,
            file_name: file.to_owned(),
            sha256: sha256(raw),
            imported: None,
        },
    );
    let date = |field: &str, s: Option<&Str<'_>>| match s {
        None => Ok(None),
        Some(s) => parse_datetime(s.as_str()).map(Some).ok_or_else(|| {
            bad(
                format!("{base}/cveMetadata/{field}"),
                format!("not a date: {:?}", s.as_str()),
            )
        }),
    };
    v.published = date("datePublished", meta.date_published.as_ref())?;
    v.modified = date("dateUpdated", meta.date_updated.as_ref())?;
    let rejected = date("dateRejected", meta.date_rejected.as_ref())?;
    v.status = Some(meta.state.owned());
    match meta.state.as_str() {
        "PUBLISHED" => {}
        "REJECTED" => v.withdrawn = rejected.or(v.modified).or(v.published),
        other => {
            return Err(bad(
                format!("{base}/cveMetadata/state"),
                format!("unknown state {other:?}"),
            ));
        }
    }

    let cna = &dto.containers.cna;
    if let Some(t) = cna.title.as_ref().filter(|t| !t.as_str().trim().is_empty()) {
        v.titles.push(LocalizedText::new("en", t.owned()));
    }
    for d in cna.descriptions.iter().chain(&cna.rejected_reasons) {
        v.descriptions
            .push(LocalizedText::new(d.lang.owned(), d.value.owned()));
    }
    for c in &cna.credits {
        v.credits.push(Credit {
            name: c.value.owned(),
            kind: c.kind.as_ref().map(Str::owned),
        });
    }

    let containers = std::iter::once((format!("{base}/containers/cna"), cna, true)).chain(
        dto.containers
            .adp
            .iter()
            .enumerate()
            .map(|(i, a)| (format!("{base}/containers/adp/{i}"), a, false)),
    );
    for (at, c, is_cna) in containers {
        let source = c
            .provider_metadata
            .as_ref()
            .and_then(|p| p.short_name.as_ref().or(p.org_id.as_ref()))
            .map(Str::owned)
            .unwrap_or_default();
        if !is_cna {
            for d in &c.descriptions {
                v.descriptions
                    .push(LocalizedText::new(d.lang.owned(), d.value.owned()));
            }
        }
        container(&mut v, &at, &source, is_cna, c)?;
    }
    Ok(v)
}

fn container(
    v: &mut Vulnerability,
    at: &str,
    source: &str,
    is_cna: bool,
    c: &ContainerDto<'_>,
) -> Result<(), Bad> {
    for (i, a) in c.affected.iter().enumerate() {
        let a_at = format!("{at}/affected/{i}");
        let mut p = AffectedProduct {
            source: source.to_owned(),
            vendor: a.vendor.as_ref().map(Str::owned),
            product: a.product.as_ref().map(Str::owned),
            package_name: a.package_name.as_ref().map(Str::owned),
            collection_url: a.collection_url.as_ref().map(Str::owned),
            repo: a.repo.as_ref().map(Str::owned),
            cpes: a.cpes.iter().map(Str::owned).collect(),
            platforms: a.platforms.iter().map(Str::owned).collect(),
            default_status: None,
            versions: Vec::with_capacity(a.versions.len()),
        };
        if let Some(s) = &a.default_status {
            p.default_status = Some(status(&format!("{a_at}/defaultStatus"), s)?);
        }
        for (j, ver) in a.versions.iter().enumerate() {
            let v_at = format!("{a_at}/versions/{j}");
            let mut changes = Vec::with_capacity(ver.changes.len());
            for (k, ch) in ver.changes.iter().enumerate() {
                changes.push((
                    ch.at.owned(),
                    status(&format!("{v_at}/changes/{k}/status"), &ch.status)?,
                ));
            }
            p.versions.push(ProductVersion {
                version: ver.version.owned(),
                status: status(&format!("{v_at}/status"), &ver.status)?,
                less_than: ver.less_than.as_ref().map(Str::owned),
                less_than_or_equal: ver.less_than_or_equal.as_ref().map(Str::owned),
                version_type: ver.version_type.as_ref().map(Str::owned),
                changes,
            });
        }
        v.affected_products.push(p);
    }

    for (i, m) in c.metrics.iter().enumerate() {
        let m_at = format!("{at}/metrics/{i}");
        let cvss = [
            ("cvssV2_0", &m.v2),
            ("cvssV3_0", &m.v30),
            ("cvssV3_1", &m.v31),
            ("cvssV4_0", &m.v40),
        ];
        for (name, d) in cvss {
            let Some(d) = d else { continue };
            let Some(vector) = d.vector_string.as_ref().map(|s| s.as_str().trim()) else {
                continue;
            };
            let version = CvssVersion::of_vector(vector).ok_or_else(|| {
                bad(
                    format!("{m_at}/{name}/vectorString"),
                    format!("not a CVSS vector: {vector:?}"),
                )
            })?;
            v.cvss.push(CvssScore {
                version,
                vector: vector.to_owned(),
                base_score: d.base_score,
                source: source.to_owned(),
                kind: if is_cna {
                    MetricKind::Primary
                } else {
                    MetricKind::Secondary
                },
            });
        }
        if let Some(o) = &m.other {
            match o.kind.as_str() {
                "ssvc" => v.ssvc.push(ssvc(source, &o.content)),
                "kev" => {
                    let added = o.content.get("dateAdded").and_then(Value::as_str);
                    let kev = v.kev.get_or_insert_with(KevStatus::default);
                    if kev.date_added.is_none() {
                        kev.date_added = added.and_then(parse_date);
                    }
                }
                _ => {}
            }
        }
    }

    for pt in &c.problem_types {
        for d in &pt.descriptions {
            // Some CNAs leave `cweId` out and start the description with the id instead.
            let cwe = d
                .cwe_id
                .as_ref()
                .and_then(|s| CweId::parse(s.as_str()))
                .or_else(|| {
                    d.description
                        .as_ref()
                        .and_then(|s| s.as_str().split([' ', ':']).next())
                        .and_then(CweId::parse)
                });
            if let Some(cwe) =
                cwe.filter(|c| !v.cwes.iter().any(|w| w.cwe == *c && w.source == source))
            {
                v.cwes.push(Weakness {
                    cwe,
                    source: source.to_owned(),
                });
            }
        }
    }

    for r in &c.references {
        if let Some(existing) = v.references.iter_mut().find(|x| x.url == r.url.as_str()) {
            for t in &r.tags {
                if !existing.tags.iter().any(|x| x == t.as_str()) {
                    existing.tags.push(t.owned());
                }
            }
        } else {
            v.references.push(Reference {
                url: r.url.owned(),
                tags: r.tags.iter().map(Str::owned).collect(),
            });
        }
    }
    Ok(())
}

fn ssvc(source: &str, content: &Value) -> SsvcDecision {
    let text = |k: &str| content.get(k).and_then(Value::as_str).map(str::to_owned);
    let mut options = Vec::new();
    for o in content
        .get("options")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(map) = o.as_object() {
            for (k, val) in map {
                if let Some(s) = val.as_str() {
                    options.push((k.clone(), s.to_owned()));
                }
            }
        }
    }
    SsvcDecision {
        source: source.to_owned(),
        version: text("version"),
        role: text("role"),
        timestamp: text("timestamp").as_deref().and_then(parse_datetime),
        options,
    }
}
