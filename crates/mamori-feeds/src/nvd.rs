//! NVD CVE API 2.0 responses into [`Vulnerability`] values.
//!
//! Accepts a response page (`{"format": "NVD_CVE", "vulnerabilities": [{"cve": …}, …]}`),
//! a bare array of items, or a single item (`{"cve": …}`). Each item is read
//! on its own: a bad one is reported with its pointer (`/vulnerabilities/7/cve/metrics/…`)
//! and skipped. Kept: descriptions by language, CVSS 2.0/3.0/3.1/4.0 metrics with
//! source and Primary/Secondary type, weaknesses, CPE configurations (nodes,
//! operators, negation, the four version bounds), references with tags,
//! `vulnStatus` (`Rejected` makes the record withdrawn as of `lastModified`) and
//! the CISA KEV fields NVD carries.

use serde::Deserialize;

use mamori_model::{
    CpeConfiguration, CpeMatch, CpeNode, CvssScore, CvssVersion, CweId, KevStatus, LocalizedText,
    MetricKind, Operator, Provenance, Reference, SourceKind, VulnId, Vulnerability, Weakness,
};

use crate::util::{
    Str, from_json_record, parse_date, parse_datetime, record_error, sha256, split_json,
};
use crate::{FeedError, Location, Records};

/// Reads an NVD CVE API 2.0 page, item array or single item.
pub fn read(file_name: &str, bytes: &[u8]) -> Records<Vulnerability> {
    let split = split_json(file_name, bytes, Some("vulnerabilities"));
    let mut out = Vec::with_capacity(split.items.len() + 1);
    if split.whole {
        out.push(item(file_name, "", bytes));
    } else {
        for (pointer, raw) in &split.items {
            out.push(item(file_name, pointer, raw.get().as_bytes()));
        }
    }
    out.extend(split.error.map(Err));
    out
}

fn item(file: &str, pointer: &str, raw: &[u8]) -> Result<Vulnerability, FeedError> {
    let text = std::str::from_utf8(raw).map_err(|e| FeedError::Malformed {
        file: file.to_owned(),
        format: "JSON",
        location: Location::Pointer(pointer.to_owned()),
        message: e.to_string(),
    })?;
    let dto: ItemDto<'_> = from_json_record(text, pointer)
        .map_err(|e| record_error(file, SourceKind::Nvd, None, e))?;
    let id = dto.cve.id.owned();
    build(file, pointer, raw, dto.cve)
        .map_err(|e| record_error(file, SourceKind::Nvd, Some(&id), e))
}

#[derive(Deserialize)]
struct ItemDto<'a> {
    #[serde(borrow)]
    cve: CveDto<'a>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CveDto<'a> {
    #[serde(borrow)]
    id: Str<'a>,
    #[serde(default, borrow)]
    published: Option<Str<'a>>,
    #[serde(default, borrow)]
    last_modified: Option<Str<'a>>,
    #[serde(default, borrow)]
    vuln_status: Option<Str<'a>>,
    #[serde(default, borrow)]
    descriptions: Vec<LangDto<'a>>,
    #[serde(default, borrow)]
    metrics: Option<MetricsDto<'a>>,
    #[serde(default, borrow)]
    weaknesses: Vec<WeaknessDto<'a>>,
    #[serde(default, borrow)]
    configurations: Vec<ConfigDto<'a>>,
    #[serde(default, borrow)]
    references: Vec<RefDto<'a>>,
    #[serde(default, borrow)]
    cisa_exploit_add: Option<Str<'a>>,
    #[serde(default, borrow)]
    cisa_action_due: Option<Str<'a>>,
    #[serde(default, borrow)]
    cisa_required_action: Option<Str<'a>>,
    #[serde(default, borrow)]
    cisa_vulnerability_name: Option<Str<'a>>,
}

#[derive(Deserialize)]
struct LangDto<'a> {
    #[serde(borrow)]
    lang: Str<'a>,
    #[serde(borrow)]
    value: Str<'a>,
}

#[derive(Deserialize)]
struct MetricsDto<'a> {
    #[serde(rename = "cvssMetricV2", default, borrow)]
    v2: Vec<MetricDto<'a>>,
    #[serde(rename = "cvssMetricV30", default, borrow)]
    v30: Vec<MetricDto<'a>>,
    #[serde(rename = "cvssMetricV31", default, borrow)]
    v31: Vec<MetricDto<'a>>,
    #[serde(rename = "cvssMetricV40", default, borrow)]
    v40: Vec<MetricDto<'a>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MetricDto<'a> {
    #[serde(default, borrow)]
    source: Option<Str<'a>>,
    #[serde(rename = "type", default, borrow)]
    kind: Option<Str<'a>>,
    #[serde(borrow)]
    cvss_data: CvssDataDto<'a>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CvssDataDto<'a> {
    #[serde(borrow)]
    vector_string: Str<'a>,
    #[serde(default)]
    base_score: Option<f64>,
}

#[derive(Deserialize)]
struct WeaknessDto<'a> {
    #[serde(default, borrow)]
    source: Option<Str<'a>>,
    #[serde(default, borrow)]
    description: Vec<LangDto<'a>>,
}

#[derive(Deserialize)]
struct ConfigDto<'a> {
    #[serde(default, borrow)]
    operator: Option<Str<'a>>,
    #[serde(default)]
    negate: Option<bool>,
    #[serde(borrow)]
    nodes: Vec<NodeDto<'a>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct NodeDto<'a> {
    #[serde(default, borrow)]
    operator: Option<Str<'a>>,
    #[serde(default)]
    negate: Option<bool>,
    #[serde(default, borrow)]
    cpe_match: Vec<MatchDto<'a>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MatchDto<'a> {
    vulnerable: bool,
    #[serde(borrow)]
    criteria: Str<'a>,
    #[serde(default, borrow)]
    match_criteria_id: Option<Str<'a>>,
    #[serde(default, borrow)]
    version_start_including: Option<Str<'a>>,
    #[serde(default, borrow)]
    version_start_excluding: Option<Str<'a>>,
    #[serde(default, borrow)]
    version_end_including: Option<Str<'a>>,
    #[serde(default, borrow)]
    version_end_excluding: Option<Str<'a>>,
}

#[derive(Deserialize)]
struct RefDto<'a> {
    #[serde(borrow)]
    url: Str<'a>,
    #[serde(default, borrow)]
    tags: Vec<Str<'a>>,
}

type Bad = (Location, String);

fn bad(base: &str, at: &str, message: impl Into<String>) -> Bad {
    (Location::Pointer(format!("{base}/cve{at}")), message.into())
}

fn operator(base: &str, at: &str, s: Option<&Str<'_>>) -> Result<Option<Operator>, Bad> {
    match s.map(Str::as_str) {
        None => Ok(None),
        Some("AND") => Ok(Some(Operator::And)),
        Some("OR") => Ok(Some(Operator::Or)),
        Some(other) => Err(bad(base, at, format!("unknown operator {other:?}"))),
    }
}

fn build(file: &str, base: &str, raw: &[u8], c: CveDto<'_>) -> Result<Vulnerability, Bad> {
    let id = VulnId::new(c.id.as_str()).map_err(|e| bad(base, "/id", e.to_string()))?;
    let mut v = Vulnerability::new(
        id,
        Provenance {
            source: SourceKind::Nvd,
            file_name: file.to_owned(),
            sha256: sha256(raw),
            imported: None,
        },
    );
    let date = |field: &str, s: Option<&Str<'_>>| match s {
        None => Ok(None),
        Some(s) => parse_datetime(s.as_str()).map(Some).ok_or_else(|| {
            bad(
                base,
                &format!("/{field}"),
                format!("not a date: {:?}", s.as_str()),
            )
        }),
    };
    v.published = date("published", c.published.as_ref())?;
    v.modified = date("lastModified", c.last_modified.as_ref())?;
    v.status = c.vuln_status.as_ref().map(Str::owned);
    if c.vuln_status
        .as_ref()
        .is_some_and(|s| s.as_str() == "Rejected")
    {
        v.withdrawn = v.modified.or(v.published);
    }
    v.descriptions = c
        .descriptions
        .iter()
        .map(|d| LocalizedText::new(d.lang.owned(), d.value.owned()))
        .collect();

    if let Some(m) = &c.metrics {
        let groups = [
            ("cvssMetricV2", &m.v2),
            ("cvssMetricV30", &m.v30),
            ("cvssMetricV31", &m.v31),
            ("cvssMetricV40", &m.v40),
        ];
        for (name, list) in groups {
            for (i, metric) in list.iter().enumerate() {
                let vector = metric.cvss_data.vector_string.as_str().trim();
                let version = CvssVersion::of_vector(vector).ok_or_else(|| {
                    bad(
                        base,
                        &format!("/metrics/{name}/{i}/cvssData/vectorString"),
                        format!("not a CVSS vector: {vector:?}"),
                    )
                })?;
                v.cvss.push(CvssScore {
                    version,
                    vector: vector.to_owned(),
                    base_score: metric.cvss_data.base_score,
                    source: metric.source.as_ref().map(Str::owned).unwrap_or_default(),
                    kind: match metric.kind.as_ref().map(Str::as_str) {
                        Some("Primary") => MetricKind::Primary,
                        Some("Secondary") => MetricKind::Secondary,
                        _ => MetricKind::Unspecified,
                    },
                });
            }
        }
    }

    for w in &c.weaknesses {
        for d in &w.description {
            // `NVD-CWE-Other` / `NVD-CWE-noinfo` say "no CWE"; they are not weaknesses.
            if let Some(cwe) = CweId::parse(d.value.as_str()) {
                let source = w.source.as_ref().map(Str::owned).unwrap_or_default();
                if !v.cwes.iter().any(|x| x.cwe == cwe && x.source == source) {
                    v.cwes.push(Weakness { cwe, source });
                }
            }
        }
    }

    for (i, conf) in c.configurations.iter().enumerate() {
        let at = format!("/configurations/{i}");
        let mut out = CpeConfiguration {
            operator: operator(base, &format!("{at}/operator"), conf.operator.as_ref())?,
            negate: conf.negate.unwrap_or(false),
            nodes: Vec::with_capacity(conf.nodes.len()),
        };
        for (j, n) in conf.nodes.iter().enumerate() {
            let node_at = format!("{at}/nodes/{j}");
            out.nodes.push(CpeNode {
                operator: operator(base, &format!("{node_at}/operator"), n.operator.as_ref())?
                    .unwrap_or_default(),
                negate: n.negate.unwrap_or(false),
                matches: n
                    .cpe_match
                    .iter()
                    .map(|m| CpeMatch {
                        criteria: m.criteria.owned(),
                        vulnerable: m.vulnerable,
                        version_start_including: m.version_start_including.as_ref().map(Str::owned),
                        version_start_excluding: m.version_start_excluding.as_ref().map(Str::owned),
                        version_end_including: m.version_end_including.as_ref().map(Str::owned),
                        version_end_excluding: m.version_end_excluding.as_ref().map(Str::owned),
                        match_criteria_id: m.match_criteria_id.as_ref().map(Str::owned),
                    })
                    .collect(),
            });
        }
        v.cpe_configurations.push(out);
    }

    v.references = c
        .references
        .iter()
        .map(|r| Reference {
            url: r.url.owned(),
            tags: r.tags.iter().map(Str::owned).collect(),
        })
        .collect();

    if c.cisa_exploit_add.is_some()
        || c.cisa_action_due.is_some()
        || c.cisa_required_action.is_some()
    {
        let day = |field: &str, s: Option<&Str<'_>>| match s {
            None => Ok(None),
            Some(s) => parse_date(s.as_str()).map(Some).ok_or_else(|| {
                bad(
                    base,
                    &format!("/{field}"),
                    format!("not a date: {:?}", s.as_str()),
                )
            }),
        };
        v.kev = Some(KevStatus {
            date_added: day("cisaExploitAdd", c.cisa_exploit_add.as_ref())?,
            due_date: day("cisaActionDue", c.cisa_action_due.as_ref())?,
            required_action: c.cisa_required_action.as_ref().map(Str::owned),
            vulnerability_name: c.cisa_vulnerability_name.as_ref().map(Str::owned),
            ransomware_use: None,
        });
    }
    Ok(v)
}
