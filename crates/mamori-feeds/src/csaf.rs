//! CSAF 2.0 advisory reader (security advisories and VEX documents from any publisher).
//!
//! A CSAF document is one advisory with a shared product tree and a list of
//! vulnerabilities. The tree is flattened once into [`CsafTreeProduct`]s
//! (branch path, CPE/purl helpers, relationships such as "X installed on Y");
//! then each `vulnerabilities[]` element becomes one [`CsafVulnerability`]
//! whose [`Vulnerability::csaf_products`] name every product it gives a status
//! for, with the remediations that apply to it. A bad vulnerability is
//! reported with its JSON pointer and skipped; a document whose header or
//! product tree cannot be read is refused as a whole.
//!
//! Product-tree helpers live in [`csaf_tree`](self) (`csaf_tree.rs`).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use mamori_model::{
    CsafProduct, CvssScore, CvssVersion, CweId, LocalizedText, MetricKind, ProductStatus,
    Provenance, Reference, Remediation, VulnId, Vulnerability, Weakness,
};
use serde::Deserialize;
use serde_json::value::RawValue;
use time::OffsetDateTime;

pub use crate::csaf_tree::{CsafRelationship, CsafTreeProduct};
use crate::csaf_tree::{ProductTreeDto, Tree};
use crate::util::{from_json_record, parse_datetime, path_to_pointer, record_error, sha256};
use crate::{FeedError, Location, Records, SourceKind};

/// One CSAF document: its header, its flattened product tree and its vulnerabilities.
#[derive(Clone, Debug, PartialEq)]
pub struct CsafAdvisory {
    /// `document.tracking.id` (`ICSMA-24-200-01`, `RHSA-2020:1358`).
    pub tracking_id: String,
    /// `document.title`.
    pub title: String,
    /// `document.category` (`csaf_security_advisory`, `csaf_vex`, `csaf_base`…).
    pub category: String,
    /// `document.csaf_version`.
    pub csaf_version: String,
    /// `document.lang`, if given.
    pub lang: Option<String>,
    /// `document.publisher.name`.
    pub publisher: String,
    /// `document.publisher.namespace`, if given.
    pub publisher_namespace: Option<String>,
    /// `document.distribution.tlp.label` (`WHITE`, `CLEAR`, `GREEN`…), if given.
    pub tlp: Option<String>,
    /// `document.tracking.status` (`final`, `interim`, `draft`), if given.
    pub status: Option<String>,
    /// `document.tracking.version`, if given.
    pub revision: Option<String>,
    /// `document.tracking.initial_release_date`.
    pub initial_release: Option<OffsetDateTime>,
    /// `document.tracking.current_release_date`.
    pub current_release: Option<OffsetDateTime>,
    /// `document.aggregate_severity.text`, if given.
    pub aggregate_severity: Option<String>,
    /// `document.notes`, in order.
    pub notes: Vec<CsafNote>,
    /// `document.references` (tags hold the `category`, `self` or `external`).
    pub references: Vec<Reference>,
    /// Every `full_product_name` of the product tree (branch leaves, `full_product_names`, relationships), in document order.
    pub products: Vec<CsafTreeProduct>,
    /// `product_groups`: (group id, product ids).
    pub product_groups: Vec<(String, Vec<String>)>,
    /// One result per `vulnerabilities[]` element, in order.
    pub vulnerabilities: Records<CsafVulnerability>,
}

/// A CSAF note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsafNote {
    /// `category` (`summary`, `description`, `details`, `general`, `legal_disclaimer`…).
    pub category: String,
    /// `title`, if given.
    pub title: Option<String>,
    /// `text`.
    pub text: String,
}

/// One vulnerability of a CSAF document, with what the model keeps per product plus what it does not.
#[derive(Clone, Debug, PartialEq)]
pub struct CsafVulnerability {
    /// The record: id is the CVE (else the first `ids[]` text, else `TRACKING-ID#n`); products with their status and remediations.
    pub vulnerability: Vulnerability,
    /// `remediations`, with group ids expanded into product ids.
    pub remediations: Vec<CsafRemediation>,
    /// `threats` (impact statements, exploit status…), with product ids expanded.
    pub threats: Vec<CsafThreat>,
    /// `flags` (VEX justifications such as `component_not_present`), with product ids expanded.
    pub flags: Vec<CsafThreat>,
    /// `scores` (CSAF 2.0) and `metrics` (2.1): which products each set of vectors is for.
    pub scores: Vec<CsafScore>,
}

/// A remediation and the products it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsafRemediation {
    /// Category, details, URL, date.
    pub remediation: Remediation,
    /// `product_ids` plus the members of `group_ids`, without repeats.
    pub product_ids: Vec<String>,
}

/// A threat or a flag: a labelled statement about some products.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsafThreat {
    /// Threat `category` (`impact`, `exploit_status`, `target_set`) or flag `label`.
    pub category: String,
    /// Threat `details` (empty for flags).
    pub details: String,
    /// `date`, if given.
    pub date: Option<OffsetDateTime>,
    /// `product_ids` plus the members of `group_ids`, without repeats.
    pub product_ids: Vec<String>,
}

/// One `scores[]` entry.
#[derive(Clone, Debug, PartialEq)]
pub struct CsafScore {
    /// `products`.
    pub products: Vec<String>,
    /// Its `cvss_v2` and `cvss_v3` vectors.
    pub cvss: Vec<CvssScore>,
}

/// Reads one CSAF 2.0 document.
///
/// Errs as a whole when the bytes are not JSON ([`FeedError::Malformed`]), are
/// JSON without `document.csaf_version` ([`FeedError::WrongKind`]), or the
/// header or product tree does not fit the schema ([`FeedError::Record`] with
/// the pointer); otherwise each vulnerability succeeds or fails on its own.
pub fn read(file_name: &str, bytes: &[u8]) -> Result<CsafAdvisory, FeedError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| FeedError::Malformed {
        file: file_name.to_owned(),
        format: "JSON",
        location: line_column(bytes, e.valid_up_to()),
        message: "not UTF-8".to_owned(),
    })?;
    let mut de = serde_json::Deserializer::from_str(text);
    let malformed = |e: serde_json::Error| FeedError::Malformed {
        file: file_name.to_owned(),
        format: "JSON",
        location: Location::LineColumn {
            line: e.line(),
            column: e.column(),
        },
        message: e.to_string(),
    };
    let doc: DocDto<'_> = match serde_path_to_error::deserialize(&mut de) {
        Ok(d) => {
            de.end().map_err(malformed)?;
            d
        }
        Err(e) if e.inner().is_data() => {
            let pointer = path_to_pointer(e.path());
            let message = e.inner().to_string();
            // No `document` or no `csaf_version` in it: some other JSON, not a broken CSAF document.
            let not_csaf = pointer.is_empty()
                || pointer.starts_with("/document/csaf_version")
                || (pointer == "/document" && message.contains("`csaf_version`"));
            return Err(if not_csaf {
                FeedError::WrongKind {
                    file: file_name.to_owned(),
                    expected: SourceKind::Csaf,
                    message: e.into_inner().to_string(),
                }
            } else {
                record_error(
                    file_name,
                    SourceKind::Csaf,
                    None,
                    (Location::Pointer(pointer), e.into_inner().to_string()),
                )
            });
        }
        Err(e) => return Err(malformed(e.into_inner())),
    };
    let d = doc.document;
    let tracking_id = d.tracking.id.0.trim().to_owned();
    if tracking_id.is_empty() {
        return Err(record_error(
            file_name,
            SourceKind::Csaf,
            None,
            (
                Location::Pointer("/document/tracking/id".into()),
                "empty tracking id".to_owned(),
            ),
        ));
    }
    let tree = Tree::build(doc.product_tree.unwrap_or_default())
        .map_err(|e| record_error(file_name, SourceKind::Csaf, Some(&tracking_id), e))?;
    let ctx = Ctx {
        file: file_name,
        tracking_id: &tracking_id,
        lang: d.lang.as_ref().map_or("en", |l| l.0.as_ref()),
        publisher: d.publisher.name.as_ref().map_or("", |n| n.0.as_ref()),
        doc_title: d.title.as_ref().map_or("", |t| t.0.as_ref()),
        initial: d
            .tracking
            .initial_release_date
            .as_deref()
            .and_then(parse_datetime),
        current: d
            .tracking
            .current_release_date
            .as_deref()
            .and_then(parse_datetime),
        status: d.tracking.status.as_ref().map(|s| s.0.clone().into_owned()),
        severity: d
            .aggregate_severity
            .as_ref()
            .and_then(|a| a.text.as_ref())
            .map(|t| t.0.clone().into_owned()),
        self_refs: d
            .references
            .iter()
            .filter(|r| r.category.as_deref() == Some("self"))
            .map(reference)
            .collect(),
        tree: &tree,
        sha256: sha256(bytes),
    };
    let vulnerabilities = doc
        .vulnerabilities
        .iter()
        .enumerate()
        .map(|(i, raw)| read_vulnerability(&ctx, i, raw.get()))
        .collect();
    Ok(CsafAdvisory {
        title: ctx.doc_title.to_owned(),
        category: d.category.map(|c| c.0.into_owned()).unwrap_or_default(),
        csaf_version: d.csaf_version.0.into_owned(),
        lang: d.lang.as_ref().map(|l| l.0.clone().into_owned()),
        publisher: ctx.publisher.to_owned(),
        publisher_namespace: d
            .publisher
            .namespace
            .as_ref()
            .map(|n| n.0.clone().into_owned()),
        tlp: d
            .distribution
            .and_then(|x| x.tlp)
            .and_then(|t| t.label)
            .map(|l| l.0.into_owned()),
        status: ctx.status.clone(),
        revision: d.tracking.version.map(|v| v.0.into_owned()),
        initial_release: ctx.initial,
        current_release: ctx.current,
        aggregate_severity: ctx.severity.clone(),
        notes: d.notes.iter().map(note).collect(),
        references: d.references.iter().map(reference).collect(),
        product_groups: tree.groups.clone(),
        products: tree.products,
        vulnerabilities,
        tracking_id,
    })
}

/// A string field that borrows from the input when it has no escapes.
#[derive(Deserialize, Clone, Debug, Default)]
struct S<'a>(#[serde(borrow)] Cow<'a, str>);

impl std::ops::Deref for S<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

#[derive(Deserialize)]
struct DocDto<'a> {
    #[serde(borrow)]
    document: DocumentDto<'a>,
    #[serde(default)]
    product_tree: Option<ProductTreeDto>,
    #[serde(default, borrow)]
    vulnerabilities: Vec<&'a RawValue>,
}

#[derive(Deserialize)]
struct DocumentDto<'a> {
    #[serde(borrow)]
    csaf_version: S<'a>,
    #[serde(default, borrow)]
    category: Option<S<'a>>,
    #[serde(default, borrow)]
    title: Option<S<'a>>,
    #[serde(default, borrow)]
    lang: Option<S<'a>>,
    #[serde(default, borrow)]
    publisher: PublisherDto<'a>,
    #[serde(borrow)]
    tracking: TrackingDto<'a>,
    #[serde(default, borrow)]
    distribution: Option<DistributionDto<'a>>,
    #[serde(default, borrow)]
    aggregate_severity: Option<SeverityDto<'a>>,
    #[serde(default, borrow)]
    notes: Vec<NoteDto<'a>>,
    #[serde(default, borrow)]
    references: Vec<RefDto<'a>>,
}

#[derive(Deserialize, Default)]
struct PublisherDto<'a> {
    #[serde(default, borrow)]
    name: Option<S<'a>>,
    #[serde(default, borrow)]
    namespace: Option<S<'a>>,
}

#[derive(Deserialize)]
struct TrackingDto<'a> {
    #[serde(borrow)]
    id: S<'a>,
    #[serde(default, borrow)]
    initial_release_date: Option<S<'a>>,
    #[serde(default, borrow)]
    current_release_date: Option<S<'a>>,
    #[serde(default, borrow)]
    version: Option<S<'a>>,
    #[serde(default, borrow)]
    status: Option<S<'a>>,
}

#[derive(Deserialize)]
struct DistributionDto<'a> {
    #[serde(default, borrow)]
    tlp: Option<TlpDto<'a>>,
}

#[derive(Deserialize)]
struct TlpDto<'a> {
    #[serde(default, borrow)]
    label: Option<S<'a>>,
}

#[derive(Deserialize)]
struct SeverityDto<'a> {
    #[serde(default, borrow)]
    text: Option<S<'a>>,
}

#[derive(Deserialize)]
struct NoteDto<'a> {
    #[serde(default, borrow)]
    category: Option<S<'a>>,
    #[serde(default, borrow)]
    title: Option<S<'a>>,
    #[serde(default, borrow)]
    text: Option<S<'a>>,
}

#[derive(Deserialize)]
struct RefDto<'a> {
    #[serde(borrow)]
    url: S<'a>,
    #[serde(default, borrow)]
    category: Option<S<'a>>,
}

#[derive(Deserialize)]
struct VulnDto<'a> {
    #[serde(default, borrow)]
    cve: Option<S<'a>>,
    #[serde(default, borrow)]
    ids: Vec<IdDto<'a>>,
    #[serde(default, borrow)]
    title: Option<S<'a>>,
    #[serde(default, borrow)]
    notes: Vec<NoteDto<'a>>,
    #[serde(default, borrow)]
    cwe: Option<CweDto<'a>>,
    /// CSAF 2.1 (and JVN's MyJVN 4.0 CSAF) list several.
    #[serde(default, borrow)]
    cwes: Vec<CweDto<'a>>,
    #[serde(default, borrow)]
    metrics: Vec<MetricDto<'a>>,
    #[serde(default, borrow)]
    scores: Vec<ScoreDto<'a>>,
    #[serde(default, borrow)]
    references: Vec<RefDto<'a>>,
    #[serde(default, borrow)]
    remediations: Vec<RemediationDto<'a>>,
    #[serde(default, borrow)]
    threats: Vec<ThreatDto<'a>>,
    #[serde(default, borrow)]
    flags: Vec<FlagDto<'a>>,
    #[serde(default, borrow)]
    product_status: Option<StatusDto<'a>>,
}

#[derive(Deserialize)]
struct IdDto<'a> {
    #[serde(borrow)]
    text: S<'a>,
}

#[derive(Deserialize)]
struct CweDto<'a> {
    #[serde(borrow)]
    id: S<'a>,
}

#[derive(Deserialize)]
struct ScoreDto<'a> {
    #[serde(default, borrow)]
    products: Vec<S<'a>>,
    #[serde(default, borrow)]
    cvss_v2: Option<CvssDto<'a>>,
    #[serde(default, borrow)]
    cvss_v3: Option<CvssDto<'a>>,
    #[serde(default, borrow)]
    cvss_v4: Option<CvssDto<'a>>,
}

/// CSAF 2.1 `metrics[]`: the 2.0 `scores[]` entry with its vectors moved under `content`.
#[derive(Deserialize)]
struct MetricDto<'a> {
    #[serde(default, borrow)]
    products: Vec<S<'a>>,
    #[serde(borrow)]
    content: ScoreDto<'a>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CvssDto<'a> {
    #[serde(borrow)]
    vector_string: S<'a>,
    #[serde(default)]
    base_score: Option<f64>,
    #[serde(default, borrow)]
    version: Option<S<'a>>,
}

#[derive(Deserialize)]
struct RemediationDto<'a> {
    #[serde(borrow)]
    category: S<'a>,
    #[serde(default, borrow)]
    details: Option<S<'a>>,
    #[serde(default, borrow)]
    url: Option<S<'a>>,
    #[serde(default, borrow)]
    date: Option<S<'a>>,
    #[serde(default, borrow)]
    product_ids: Vec<S<'a>>,
    #[serde(default, borrow)]
    group_ids: Vec<S<'a>>,
}

#[derive(Deserialize)]
struct ThreatDto<'a> {
    #[serde(borrow)]
    category: S<'a>,
    #[serde(default, borrow)]
    details: Option<S<'a>>,
    #[serde(default, borrow)]
    date: Option<S<'a>>,
    #[serde(default, borrow)]
    product_ids: Vec<S<'a>>,
    #[serde(default, borrow)]
    group_ids: Vec<S<'a>>,
}

#[derive(Deserialize)]
struct FlagDto<'a> {
    #[serde(borrow)]
    label: S<'a>,
    #[serde(default, borrow)]
    date: Option<S<'a>>,
    #[serde(default, borrow)]
    product_ids: Vec<S<'a>>,
    #[serde(default, borrow)]
    group_ids: Vec<S<'a>>,
}

#[derive(Deserialize, Default)]
struct StatusDto<'a> {
    #[serde(default, borrow)]
    first_affected: Vec<S<'a>>,
    #[serde(default, borrow)]
    first_fixed: Vec<S<'a>>,
    #[serde(default, borrow)]
    fixed: Vec<S<'a>>,
    #[serde(default, borrow)]
    known_affected: Vec<S<'a>>,
    #[serde(default, borrow)]
    known_not_affected: Vec<S<'a>>,
    #[serde(default, borrow)]
    last_affected: Vec<S<'a>>,
    #[serde(default, borrow)]
    recommended: Vec<S<'a>>,
    #[serde(default, borrow)]
    under_investigation: Vec<S<'a>>,
}

/// What every vulnerability of a document shares.
struct Ctx<'c> {
    file: &'c str,
    tracking_id: &'c str,
    lang: &'c str,
    publisher: &'c str,
    doc_title: &'c str,
    initial: Option<OffsetDateTime>,
    current: Option<OffsetDateTime>,
    status: Option<String>,
    severity: Option<String>,
    self_refs: Vec<Reference>,
    tree: &'c Tree,
    sha256: [u8; 32],
}

fn note(n: &NoteDto<'_>) -> CsafNote {
    CsafNote {
        category: n.category.as_deref().unwrap_or_default().to_owned(),
        title: n.title.as_deref().map(str::to_owned),
        text: n.text.as_deref().unwrap_or_default().to_owned(),
    }
}

fn reference(r: &RefDto<'_>) -> Reference {
    Reference {
        url: r.url.trim().to_owned(),
        tags: r
            .category
            .iter()
            .map(|c| c.0.clone().into_owned())
            .collect(),
    }
}

fn read_vulnerability(
    ctx: &Ctx<'_>,
    index: usize,
    raw: &str,
) -> Result<CsafVulnerability, FeedError> {
    let base = format!("/vulnerabilities/{index}");
    let v: VulnDto<'_> = from_json_record(raw, &base)
        .map_err(|e| record_error(ctx.file, SourceKind::Csaf, None, e))?;
    let cve = v.cve.as_deref().map(str::trim).filter(|c| !c.is_empty());
    let id_text = cve
        .map(str::to_owned)
        .or_else(|| {
            v.ids
                .iter()
                .map(|i| i.text.trim())
                .find(|t| !t.is_empty())
                .map(str::to_owned)
        })
        .unwrap_or_else(|| format!("{}#{}", ctx.tracking_id, index + 1));
    let bad = |at: String, message: String| {
        record_error(
            ctx.file,
            SourceKind::Csaf,
            Some(&id_text),
            (Location::Pointer(format!("{base}{at}")), message),
        )
    };
    let id = VulnId::new(&id_text).map_err(|e| bad(String::new(), e.to_string()))?;
    let mut vuln = Vulnerability::new(
        id,
        Provenance {
            source: SourceKind::Csaf,
            file_name: ctx.file.to_owned(),
            sha256: ctx.sha256,
            imported: None,
        },
    );
    let push_alias = |list: &mut Vec<VulnId>, own: &VulnId, s: &str| {
        if let Ok(a) = VulnId::new(s)
            && a != *own
            && !list.contains(&a)
        {
            list.push(a);
        }
    };
    let own = vuln.id.clone();
    if let Some(c) = cve {
        push_alias(&mut vuln.aliases, &own, c);
    }
    for i in &v.ids {
        push_alias(&mut vuln.aliases, &own, &i.text);
    }
    // The vendor's advisory id names this vulnerability too; grouping anchors on CVEs, so an
    // advisory listing several CVEs does not glue them together.
    push_alias(&mut vuln.aliases, &own, ctx.tracking_id);
    let title = v
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .unwrap_or(ctx.doc_title);
    if !title.is_empty() {
        vuln.titles.push(LocalizedText::new(ctx.lang, title));
    }
    for n in &v.notes {
        let describes = matches!(
            n.category.as_deref(),
            Some("description" | "summary" | "details")
        );
        if let (true, Some(text)) = (describes, n.text.as_deref()) {
            vuln.descriptions.push(LocalizedText::new(ctx.lang, text));
        }
    }
    vuln.published = ctx.initial;
    vuln.modified = ctx.current;
    vuln.status = ctx.status.clone();
    vuln.severity = ctx.severity.clone();
    // `CWE-noinfo`/`CWE-Other` (as JVN writes them) name no weakness; they are left out, not refused.
    for c in v.cwe.iter().chain(&v.cwes) {
        if let Some(cwe) = CweId::parse(&c.id)
            && !vuln.cwes.iter().any(|w| w.cwe == cwe)
        {
            vuln.cwes.push(Weakness {
                cwe,
                source: ctx.publisher.to_owned(),
            });
        }
    }
    let score_sets = v
        .scores
        .iter()
        .enumerate()
        .map(|(i, s)| (format!("/scores/{i}"), "", &s.products, s))
        .chain(
            v.metrics
                .iter()
                .enumerate()
                .map(|(i, m)| (format!("/metrics/{i}"), "/content", &m.products, &m.content)),
        );
    let mut scores = Vec::with_capacity(v.scores.len() + v.metrics.len());
    for (at, inner, products, s) in score_sets {
        let mut cvss = Vec::new();
        for (key, c) in [
            ("cvss_v2", &s.cvss_v2),
            ("cvss_v3", &s.cvss_v3),
            ("cvss_v4", &s.cvss_v4),
        ] {
            let Some(c) = c else { continue };
            let vector = c.vector_string.trim();
            let version = CvssVersion::of_vector(vector)
                .or(match c.version.as_deref() {
                    Some("2.0") => Some(CvssVersion::V2),
                    Some("3.0") => Some(CvssVersion::V3_0),
                    Some("3.1") => Some(CvssVersion::V3_1),
                    Some("4.0") => Some(CvssVersion::V4_0),
                    _ => None,
                })
                .ok_or_else(|| {
                    bad(
                        format!("{at}{inner}/{key}/vectorString"),
                        format!("not a CVSS vector: {vector:?}"),
                    )
                })?;
            let score = CvssScore {
                version,
                vector: vector.to_owned(),
                base_score: c.base_score,
                source: ctx.publisher.to_owned(),
                kind: MetricKind::Primary,
            };
            if !vuln.cvss.contains(&score) {
                vuln.cvss.push(score.clone());
            }
            cvss.push(score);
        }
        let products = ctx
            .resolve("products", products, &[])
            .map_err(|(p, m)| bad(format!("{at}/{p}"), m))?;
        scores.push(CsafScore { products, cvss });
    }
    for r in &v.references {
        vuln.references.push(reference(r));
    }
    for r in &ctx.self_refs {
        if !vuln.references.iter().any(|x| x.url == r.url) {
            vuln.references.push(r.clone());
        }
    }
    let mut remediations = Vec::with_capacity(v.remediations.len());
    for (ri, r) in v.remediations.iter().enumerate() {
        let date =
            dated(r.date.as_deref()).map_err(|m| bad(format!("/remediations/{ri}/date"), m))?;
        let product_ids = ctx
            .resolve("product_ids", &r.product_ids, &r.group_ids)
            .map_err(|(at, m)| bad(format!("/remediations/{ri}/{at}"), m))?;
        remediations.push(CsafRemediation {
            remediation: Remediation {
                category: r.category.0.clone().into_owned(),
                details: r.details.as_deref().unwrap_or_default().to_owned(),
                url: r.url.as_deref().map(|u| u.trim().to_owned()),
                date,
            },
            product_ids,
        });
    }
    let mut threats = Vec::with_capacity(v.threats.len());
    for (ti, t) in v.threats.iter().enumerate() {
        threats.push(CsafThreat {
            category: t.category.0.clone().into_owned(),
            details: t.details.as_deref().unwrap_or_default().to_owned(),
            date: dated(t.date.as_deref()).map_err(|m| bad(format!("/threats/{ti}/date"), m))?,
            product_ids: ctx
                .resolve("product_ids", &t.product_ids, &t.group_ids)
                .map_err(|(at, m)| bad(format!("/threats/{ti}/{at}"), m))?,
        });
    }
    let mut flags = Vec::with_capacity(v.flags.len());
    for (fi, f) in v.flags.iter().enumerate() {
        flags.push(CsafThreat {
            category: f.label.0.clone().into_owned(),
            details: String::new(),
            date: dated(f.date.as_deref()).map_err(|m| bad(format!("/flags/{fi}/date"), m))?,
            product_ids: ctx
                .resolve("product_ids", &f.product_ids, &f.group_ids)
                .map_err(|(at, m)| bad(format!("/flags/{fi}/{at}"), m))?,
        });
    }
    let mut by_product: HashMap<&str, Vec<usize>> = HashMap::new();
    for (ri, r) in remediations.iter().enumerate() {
        for pid in &r.product_ids {
            by_product.entry(pid.as_str()).or_default().push(ri);
        }
    }
    let status = v.product_status.unwrap_or_default();
    let lists: [(&str, ProductStatus, &[S<'_>]); 8] = [
        (
            "known_affected",
            ProductStatus::KnownAffected,
            &status.known_affected,
        ),
        (
            "first_affected",
            ProductStatus::FirstAffected,
            &status.first_affected,
        ),
        (
            "last_affected",
            ProductStatus::LastAffected,
            &status.last_affected,
        ),
        ("fixed", ProductStatus::Fixed, &status.fixed),
        (
            "first_fixed",
            ProductStatus::FirstFixed,
            &status.first_fixed,
        ),
        (
            "known_not_affected",
            ProductStatus::KnownNotAffected,
            &status.known_not_affected,
        ),
        (
            "under_investigation",
            ProductStatus::UnderInvestigation,
            &status.under_investigation,
        ),
        (
            "recommended",
            ProductStatus::Recommended,
            &status.recommended,
        ),
    ];
    for (key, st, ids) in lists {
        for (pi, pid) in ids.iter().enumerate() {
            let p = ctx.tree.product(pid).ok_or_else(|| {
                bad(
                    format!("/product_status/{key}/{pi}"),
                    format!("unknown product id {:?}", &**pid),
                )
            })?;
            vuln.csaf_products.push(CsafProduct {
                product_id: p.product_id.clone(),
                name: p.name.clone(),
                vendor: p.vendor.clone(),
                product: p.product.clone(),
                version: p.version.clone(),
                version_range: p.version_range.clone(),
                cpe: p.cpe.clone(),
                purls: p.purls.clone(),
                status: st,
                remediations: by_product
                    .get(p.product_id.as_str())
                    .map(|ris| {
                        ris.iter()
                            .filter_map(|&ri| remediations.get(ri))
                            .map(|r| r.remediation.clone())
                            .collect()
                    })
                    .unwrap_or_default(),
            });
        }
    }
    Ok(CsafVulnerability {
        vulnerability: vuln,
        remediations,
        threats,
        flags,
        scores,
    })
}

impl Ctx<'_> {
    /// Product ids plus group members, checked against the tree; an error gives the bad entry's place.
    fn resolve(
        &self,
        key: &str,
        products: &[S<'_>],
        groups: &[S<'_>],
    ) -> Result<Vec<String>, (String, String)> {
        let mut out: Vec<String> = Vec::with_capacity(products.len());
        // Red Hat VEX lists hundreds of products per remediation: keep the repeat check linear.
        let mut seen: HashSet<&str> = HashSet::with_capacity(products.len());
        for (i, p) in products.iter().enumerate() {
            let p = self.tree.product(p).ok_or_else(|| {
                (
                    format!("{key}/{i}"),
                    format!("unknown product id {:?}", &**p),
                )
            })?;
            if seen.insert(&p.product_id) {
                out.push(p.product_id.clone());
            }
        }
        for (i, g) in groups.iter().enumerate() {
            let members = self.tree.group(g).ok_or_else(|| {
                (
                    format!("group_ids/{i}"),
                    format!("unknown product group id {:?}", &**g),
                )
            })?;
            for m in members {
                if seen.insert(m) {
                    out.push(m.clone());
                }
            }
        }
        Ok(out)
    }
}

fn dated(s: Option<&str>) -> Result<Option<OffsetDateTime>, String> {
    match s {
        None => Ok(None),
        Some(s) => parse_datetime(s)
            .map(Some)
            .ok_or_else(|| format!("not a date: {s:?}")),
    }
}

fn line_column(bytes: &[u8], at: usize) -> Location {
    let head = bytes.get(..at).unwrap_or(bytes);
    let line = head.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = at - head.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1) + 1;
    Location::LineColumn { line, column }
}
