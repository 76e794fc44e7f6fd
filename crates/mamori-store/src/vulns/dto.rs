//! The stored JSON form of a vulnerability record, KEV entry and package ranges.
//!
//! Private serde mirrors of the model: the model stays free of serde, and the
//! stored shape can only change here (with a migration if it must). Field names
//! are short but readable; empty lists and absent values are left out so a
//! record costs little more than the feed's own JSON.

use mamori_model::{
    AffectedPackage, AffectedProduct, AffectedRange, CpeConfiguration, CpeMatch, CpeNode, Credit,
    CsafProduct, CvssScore, CvssVersion, CweId, EpssScore, InformationalKind, JvnProduct, KevEntry,
    KevStatus, LocalizedText, MetricKind, Operator, ProductStatus, ProductVersion, Provenance,
    RangeEvent, RangeKind, Reference, Remediation, SourceKind, SsvcDecision, VersionStatus, VulnId,
    Vulnerability, Weakness,
};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Why a stored record does not read back.
pub(crate) type Bad = String;

fn ts(t: Option<OffsetDateTime>) -> Option<String> {
    t.and_then(|t| t.format(&Rfc3339).ok())
}

fn parse_ts(s: Option<&str>) -> Result<Option<OffsetDateTime>, Bad> {
    s.map(|s| OffsetDateTime::parse(s, &Rfc3339).map_err(|e| format!("timestamp {s:?}: {e}")))
        .transpose()
}

fn day(d: Option<time::Date>) -> Option<String> {
    d.map(|d| d.to_string())
}

fn parse_day(s: Option<&str>) -> Result<Option<time::Date>, Bad> {
    let f = time::macros::format_description!("[year]-[month]-[day]");
    s.map(|s| time::Date::parse(s, &f).map_err(|e| format!("date {s:?}: {e}")))
        .transpose()
}

fn id(s: &str) -> Result<VulnId, Bad> {
    VulnId::new(s).map_err(|e| format!("id {s:?}: {e}"))
}

fn ids(v: &[String]) -> Result<Vec<VulnId>, Bad> {
    v.iter().map(|s| id(s)).collect()
}

fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(Serialize, Deserialize)]
pub(crate) struct Text {
    lang: String,
    text: String,
}

fn texts(v: &[LocalizedText]) -> Vec<Text> {
    v.iter()
        .map(|t| Text {
            lang: t.lang.clone(),
            text: t.text.clone(),
        })
        .collect()
}

fn from_texts(v: Vec<Text>) -> Vec<LocalizedText> {
    v.into_iter()
        .map(|t| LocalizedText::new(t.lang, t.text))
        .collect()
}

#[derive(Serialize, Deserialize)]
pub(crate) struct Cvss {
    version: String,
    vector: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    score: Option<f64>,
    source: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    kind: String,
}

fn cvss(v: &[CvssScore]) -> Vec<Cvss> {
    v.iter()
        .map(|c| Cvss {
            version: c.version.as_str().to_owned(),
            vector: c.vector.clone(),
            score: c.base_score,
            source: c.source.clone(),
            kind: match c.kind {
                MetricKind::Primary => "primary".into(),
                MetricKind::Secondary => "secondary".into(),
                MetricKind::Unspecified => String::new(),
            },
        })
        .collect()
}

fn from_cvss(v: Vec<Cvss>) -> Result<Vec<CvssScore>, Bad> {
    v.into_iter()
        .map(|c| {
            let version = match c.version.as_str() {
                "2.0" => CvssVersion::V2,
                "3.0" => CvssVersion::V3_0,
                "3.1" => CvssVersion::V3_1,
                "4.0" => CvssVersion::V4_0,
                other => return Err(format!("cvss version {other:?}")),
            };
            Ok(CvssScore {
                version,
                vector: c.vector,
                base_score: c.score,
                source: c.source,
                kind: match c.kind.as_str() {
                    "primary" => MetricKind::Primary,
                    "secondary" => MetricKind::Secondary,
                    _ => MetricKind::Unspecified,
                },
            })
        })
        .collect()
}

/// OSV-shaped ranges of one affected package: what `vuln_packages.ranges` holds.
#[derive(Serialize, Deserialize)]
pub(crate) struct Ranges {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    ranges: Vec<Range>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    versions: Vec<String>,
}

#[derive(Serialize, Deserialize)]
struct Range {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    repo: Option<String>,
    events: Vec<Event>,
}

/// One event as OSV writes it: an object with one key.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Event {
    Introduced(String),
    Fixed(String),
    LastAffected(String),
    Limit(String),
}

pub(crate) fn ranges(p: &AffectedPackage) -> Ranges {
    Ranges {
        ranges: p
            .ranges
            .iter()
            .map(|r| Range {
                kind: r.kind.as_str().to_owned(),
                repo: r.repo.clone(),
                events: r
                    .events
                    .iter()
                    .map(|e| match e {
                        RangeEvent::Introduced(v) => Event::Introduced(v.clone()),
                        RangeEvent::Fixed(v) => Event::Fixed(v.clone()),
                        RangeEvent::LastAffected(v) => Event::LastAffected(v.clone()),
                        RangeEvent::Limit(v) => Event::Limit(v.clone()),
                    })
                    .collect(),
            })
            .collect(),
        versions: p.versions.clone(),
    }
}

fn from_ranges(r: Ranges) -> (Vec<AffectedRange>, Vec<String>) {
    let ranges = r
        .ranges
        .into_iter()
        .map(|r| AffectedRange {
            kind: RangeKind::parse(&r.kind),
            repo: r.repo,
            events: r
                .events
                .into_iter()
                .map(|e| match e {
                    Event::Introduced(v) => RangeEvent::Introduced(v),
                    Event::Fixed(v) => RangeEvent::Fixed(v),
                    Event::LastAffected(v) => RangeEvent::LastAffected(v),
                    Event::Limit(v) => RangeEvent::Limit(v),
                })
                .collect(),
        })
        .collect();
    (ranges, r.versions)
}

#[derive(Serialize, Deserialize)]
struct Package {
    ecosystem: String,
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    purl: Option<String>,
    #[serde(flatten)]
    ranges: Ranges,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    severity: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    cvss: Vec<Cvss>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ecosystem_specific: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    database_specific: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct Match {
    criteria: String,
    #[serde(default, skip_serializing_if = "is_false")]
    vulnerable: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    start_incl: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    start_excl: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    end_incl: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    end_excl: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct Node {
    #[serde(default, skip_serializing_if = "is_false")]
    and: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    negate: bool,
    matches: Vec<Match>,
}

#[derive(Serialize, Deserialize)]
struct Config {
    /// `None` when the feed left it out; `Some(true)` for AND.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    and: Option<bool>,
    #[serde(default, skip_serializing_if = "is_false")]
    negate: bool,
    nodes: Vec<Node>,
}

fn config(c: &CpeConfiguration) -> Config {
    Config {
        and: c.operator.map(|o| o == Operator::And),
        negate: c.negate,
        nodes: c
            .nodes
            .iter()
            .map(|n| Node {
                and: n.operator == Operator::And,
                negate: n.negate,
                matches: n
                    .matches
                    .iter()
                    .map(|m| Match {
                        criteria: m.criteria.clone(),
                        vulnerable: m.vulnerable,
                        start_incl: m.version_start_including.clone(),
                        start_excl: m.version_start_excluding.clone(),
                        end_incl: m.version_end_including.clone(),
                        end_excl: m.version_end_excluding.clone(),
                        id: m.match_criteria_id.clone(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

fn op(and: bool) -> Operator {
    if and { Operator::And } else { Operator::Or }
}

fn from_config(c: Config) -> CpeConfiguration {
    CpeConfiguration {
        operator: c.and.map(op),
        negate: c.negate,
        nodes: c
            .nodes
            .into_iter()
            .map(|n| CpeNode {
                operator: op(n.and),
                negate: n.negate,
                matches: n
                    .matches
                    .into_iter()
                    .map(|m| CpeMatch {
                        criteria: m.criteria,
                        vulnerable: m.vulnerable,
                        version_start_including: m.start_incl,
                        version_start_excluding: m.start_excl,
                        version_end_including: m.end_incl,
                        version_end_excluding: m.end_excl,
                        match_criteria_id: m.id,
                    })
                    .collect(),
            })
            .collect(),
    }
}

fn status_str(s: VersionStatus) -> &'static str {
    match s {
        VersionStatus::Affected => "affected",
        VersionStatus::Unaffected => "unaffected",
        VersionStatus::Unknown => "unknown",
    }
}

fn parse_status(s: &str) -> Result<VersionStatus, Bad> {
    VersionStatus::parse(s).ok_or_else(|| format!("version status {s:?}"))
}

#[derive(Serialize, Deserialize)]
struct Version {
    version: String,
    status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    less_than: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    less_than_or_equal: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    version_type: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    changes: Vec<(String, String)>,
}

/// A CVE 5 `affected[]` entry; also the `detail` of its `vuln_products` rows.
#[derive(Serialize, Deserialize)]
pub(crate) struct Product {
    source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    vendor: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    product: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    package_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    collection_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    repo: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    cpes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    platforms: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    default_status: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    versions: Vec<Version>,
}

pub(crate) fn product(p: &AffectedProduct) -> Product {
    Product {
        source: p.source.clone(),
        vendor: p.vendor.clone(),
        product: p.product.clone(),
        package_name: p.package_name.clone(),
        collection_url: p.collection_url.clone(),
        repo: p.repo.clone(),
        cpes: p.cpes.clone(),
        platforms: p.platforms.clone(),
        default_status: p.default_status.map(|s| status_str(s).to_owned()),
        versions: p
            .versions
            .iter()
            .map(|v| Version {
                version: v.version.clone(),
                status: status_str(v.status).to_owned(),
                less_than: v.less_than.clone(),
                less_than_or_equal: v.less_than_or_equal.clone(),
                version_type: v.version_type.clone(),
                changes: v
                    .changes
                    .iter()
                    .map(|(at, s)| (at.clone(), status_str(*s).to_owned()))
                    .collect(),
            })
            .collect(),
    }
}

fn from_product(p: Product) -> Result<AffectedProduct, Bad> {
    Ok(AffectedProduct {
        source: p.source,
        vendor: p.vendor,
        product: p.product,
        package_name: p.package_name,
        collection_url: p.collection_url,
        repo: p.repo,
        cpes: p.cpes,
        platforms: p.platforms,
        default_status: p.default_status.as_deref().map(parse_status).transpose()?,
        versions: p
            .versions
            .into_iter()
            .map(|v| {
                Ok(ProductVersion {
                    version: v.version,
                    status: parse_status(&v.status)?,
                    less_than: v.less_than,
                    less_than_or_equal: v.less_than_or_equal,
                    version_type: v.version_type,
                    changes: v
                        .changes
                        .into_iter()
                        .map(|(at, s)| Ok((at, parse_status(&s)?)))
                        .collect::<Result<_, Bad>>()?,
                })
            })
            .collect::<Result<_, Bad>>()?,
    })
}

/// A JVN item; also the `detail` of its `vuln_products` row.
#[derive(Serialize, Deserialize)]
pub(crate) struct Jvn {
    vendor: String,
    product: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cpe: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    versions: Vec<String>,
}

pub(crate) fn jvn(p: &JvnProduct) -> Jvn {
    Jvn {
        vendor: p.vendor.clone(),
        product: p.product.clone(),
        cpe: p.cpe.clone(),
        versions: p.versions.clone(),
    }
}

fn product_status_str(s: ProductStatus) -> &'static str {
    match s {
        ProductStatus::KnownAffected => "known_affected",
        ProductStatus::FirstAffected => "first_affected",
        ProductStatus::LastAffected => "last_affected",
        ProductStatus::Fixed => "fixed",
        ProductStatus::FirstFixed => "first_fixed",
        ProductStatus::KnownNotAffected => "known_not_affected",
        ProductStatus::UnderInvestigation => "under_investigation",
        ProductStatus::Recommended => "recommended",
    }
}

fn parse_product_status(s: &str) -> Result<ProductStatus, Bad> {
    Ok(match s {
        "known_affected" => ProductStatus::KnownAffected,
        "first_affected" => ProductStatus::FirstAffected,
        "last_affected" => ProductStatus::LastAffected,
        "fixed" => ProductStatus::Fixed,
        "first_fixed" => ProductStatus::FirstFixed,
        "known_not_affected" => ProductStatus::KnownNotAffected,
        "under_investigation" => ProductStatus::UnderInvestigation,
        "recommended" => ProductStatus::Recommended,
        other => return Err(format!("product status {other:?}")),
    })
}

#[derive(Serialize, Deserialize)]
struct Fix {
    category: String,
    details: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    date: Option<String>,
}

/// A CSAF product with its status; also the `detail` of its `vuln_products` row.
#[derive(Serialize, Deserialize)]
pub(crate) struct Csaf {
    product_id: String,
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    vendor: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    product: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    version_range: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cpe: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    purls: Vec<String>,
    status: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    remediations: Vec<Fix>,
}

pub(crate) fn csaf(p: &CsafProduct) -> Csaf {
    Csaf {
        product_id: p.product_id.clone(),
        name: p.name.clone(),
        vendor: p.vendor.clone(),
        product: p.product.clone(),
        version: p.version.clone(),
        version_range: p.version_range.clone(),
        cpe: p.cpe.clone(),
        purls: p.purls.clone(),
        status: product_status_str(p.status).to_owned(),
        remediations: p
            .remediations
            .iter()
            .map(|r| Fix {
                category: r.category.clone(),
                details: r.details.clone(),
                url: r.url.clone(),
                date: ts(r.date),
            })
            .collect(),
    }
}

fn from_csaf(p: Csaf) -> Result<CsafProduct, Bad> {
    Ok(CsafProduct {
        product_id: p.product_id,
        name: p.name,
        vendor: p.vendor,
        product: p.product,
        version: p.version,
        version_range: p.version_range,
        cpe: p.cpe,
        purls: p.purls,
        status: parse_product_status(&p.status)?,
        remediations: p
            .remediations
            .into_iter()
            .map(|r| {
                Ok(Remediation {
                    category: r.category,
                    details: r.details,
                    url: r.url,
                    date: parse_ts(r.date.as_deref())?,
                })
            })
            .collect::<Result<_, Bad>>()?,
    })
}

#[derive(Serialize, Deserialize)]
struct Kev {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    added: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    due: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    action: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ransomware: Option<bool>,
}

fn kev(k: &KevStatus) -> Kev {
    Kev {
        added: day(k.date_added),
        due: day(k.due_date),
        action: k.required_action.clone(),
        name: k.vulnerability_name.clone(),
        ransomware: k.ransomware_use,
    }
}

fn from_kev(k: Kev) -> Result<KevStatus, Bad> {
    Ok(KevStatus {
        date_added: parse_day(k.added.as_deref())?,
        due_date: parse_day(k.due.as_deref())?,
        required_action: k.action,
        vulnerability_name: k.name,
        ransomware_use: k.ransomware,
    })
}

#[derive(Serialize, Deserialize)]
struct Epss {
    cve: String,
    score: f64,
    percentile: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    model: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct Ssvc {
    source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    timestamp: Option<String>,
    options: Vec<(String, String)>,
}

/// A whole vulnerability record.
#[derive(Serialize, Deserialize)]
pub(crate) struct Record {
    id: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    related: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    titles: Vec<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    descriptions: Vec<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    modified: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    withdrawn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    severity: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    cvss: Vec<Cvss>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    cwes: Vec<(u32, String)>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    references: Vec<(String, Vec<String>)>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    credits: Vec<(String, Option<String>)>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    packages: Vec<Package>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    configurations: Vec<Config>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    products: Vec<Product>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    jvn: Vec<Jvn>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    csaf: Vec<Csaf>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kev: Option<Kev>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    epss: Option<Epss>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    ssvc: Vec<Ssvc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    informational: Option<String>,
    source: String,
    file: String,
    sha256: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    imported: Option<String>,
}

pub(crate) fn informational_str(k: &InformationalKind) -> &str {
    match k {
        InformationalKind::Unmaintained => "unmaintained",
        InformationalKind::Unsound => "unsound",
        InformationalKind::Notice => "notice",
        InformationalKind::Other(s) => s,
    }
}

fn epss(e: &EpssScore) -> Epss {
    Epss {
        cve: e.cve.as_str().to_owned(),
        score: e.score,
        percentile: e.percentile,
        date: day(e.date),
        model: e.model_version.clone(),
    }
}

fn from_epss(e: Epss) -> Result<EpssScore, Bad> {
    Ok(EpssScore {
        cve: id(&e.cve)?,
        score: e.score,
        percentile: e.percentile,
        date: parse_day(e.date.as_deref())?,
        model_version: e.model,
    })
}

/// The record as stored JSON.
pub(crate) fn to_json(v: &Vulnerability) -> String {
    let r = Record {
        id: v.id.as_str().to_owned(),
        aliases: v.aliases.iter().map(|a| a.as_str().to_owned()).collect(),
        related: v.related.iter().map(|a| a.as_str().to_owned()).collect(),
        titles: texts(&v.titles),
        descriptions: texts(&v.descriptions),
        published: ts(v.published),
        modified: ts(v.modified),
        withdrawn: ts(v.withdrawn),
        status: v.status.clone(),
        severity: v.severity.clone(),
        cvss: cvss(&v.cvss),
        cwes: v
            .cwes
            .iter()
            .map(|w| (w.cwe.number(), w.source.clone()))
            .collect(),
        references: v
            .references
            .iter()
            .map(|r| (r.url.clone(), r.tags.clone()))
            .collect(),
        credits: v
            .credits
            .iter()
            .map(|c| (c.name.clone(), c.kind.clone()))
            .collect(),
        packages: v
            .affected_packages
            .iter()
            .map(|p| Package {
                ecosystem: p.ecosystem.clone(),
                name: p.name.clone(),
                purl: p.purl.clone(),
                ranges: ranges(p),
                severity: p.severity.clone(),
                cvss: cvss(&p.cvss),
                ecosystem_specific: p.ecosystem_specific.clone(),
                database_specific: p.database_specific.clone(),
            })
            .collect(),
        configurations: v.cpe_configurations.iter().map(config).collect(),
        products: v.affected_products.iter().map(product).collect(),
        jvn: v.jvn_products.iter().map(jvn).collect(),
        csaf: v.csaf_products.iter().map(csaf).collect(),
        kev: v.kev.as_ref().map(kev),
        epss: v.epss.as_ref().map(epss),
        ssvc: v
            .ssvc
            .iter()
            .map(|s| Ssvc {
                source: s.source.clone(),
                version: s.version.clone(),
                role: s.role.clone(),
                timestamp: ts(s.timestamp),
                options: s.options.clone(),
            })
            .collect(),
        informational: v
            .informational
            .as_ref()
            .map(|k| informational_str(k).to_owned()),
        source: v.provenance.source.as_str().to_owned(),
        file: v.provenance.file_name.clone(),
        sha256: hex::encode(v.provenance.sha256),
        imported: ts(v.provenance.imported),
    };
    // Serializing plain strings, numbers and lists cannot fail.
    serde_json::to_string(&r).unwrap_or_default()
}

/// Reads a stored record back into the model.
pub(crate) fn from_json(text: &str) -> Result<Vulnerability, Bad> {
    let r: Record = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let mut sha256 = [0u8; 32];
    hex::decode_to_slice(&r.sha256, &mut sha256).map_err(|e| format!("sha256: {e}"))?;
    let source = SourceKind::parse(&r.source).ok_or_else(|| format!("source {:?}", r.source))?;
    let provenance = Provenance {
        source,
        file_name: r.file,
        sha256,
        imported: parse_ts(r.imported.as_deref())?,
    };
    let mut v = Vulnerability::new(id(&r.id)?, provenance);
    v.aliases = ids(&r.aliases)?;
    v.related = ids(&r.related)?;
    v.titles = from_texts(r.titles);
    v.descriptions = from_texts(r.descriptions);
    v.published = parse_ts(r.published.as_deref())?;
    v.modified = parse_ts(r.modified.as_deref())?;
    v.withdrawn = parse_ts(r.withdrawn.as_deref())?;
    v.status = r.status;
    v.severity = r.severity;
    v.cvss = from_cvss(r.cvss)?;
    v.cwes = r
        .cwes
        .into_iter()
        .map(|(n, source)| Weakness {
            cwe: CweId::new(n),
            source,
        })
        .collect();
    v.references = r
        .references
        .into_iter()
        .map(|(url, tags)| Reference { url, tags })
        .collect();
    v.credits = r
        .credits
        .into_iter()
        .map(|(name, kind)| Credit { name, kind })
        .collect();
    v.affected_packages = r
        .packages
        .into_iter()
        .map(|p| {
            let (ranges, versions) = from_ranges(p.ranges);
            Ok(AffectedPackage {
                ecosystem: p.ecosystem,
                name: p.name,
                purl: p.purl,
                ranges,
                versions,
                severity: p.severity,
                cvss: from_cvss(p.cvss)?,
                ecosystem_specific: p.ecosystem_specific,
                database_specific: p.database_specific,
            })
        })
        .collect::<Result<_, Bad>>()?;
    v.cpe_configurations = r.configurations.into_iter().map(from_config).collect();
    v.affected_products = r
        .products
        .into_iter()
        .map(from_product)
        .collect::<Result<_, Bad>>()?;
    v.jvn_products = r
        .jvn
        .into_iter()
        .map(|j| JvnProduct {
            vendor: j.vendor,
            product: j.product,
            cpe: j.cpe,
            versions: j.versions,
        })
        .collect();
    v.csaf_products = r
        .csaf
        .into_iter()
        .map(from_csaf)
        .collect::<Result<_, Bad>>()?;
    v.kev = r.kev.map(from_kev).transpose()?;
    v.epss = r.epss.map(from_epss).transpose()?;
    v.ssvc = r
        .ssvc
        .into_iter()
        .map(|s| {
            Ok(SsvcDecision {
                source: s.source,
                version: s.version,
                role: s.role,
                timestamp: parse_ts(s.timestamp.as_deref())?,
                options: s.options,
            })
        })
        .collect::<Result<_, Bad>>()?;
    v.informational = r.informational.as_deref().map(InformationalKind::parse);
    Ok(v)
}

/// A KEV entry as stored JSON (hashed to tell a changed entry from an unchanged one).
#[derive(Serialize, Deserialize)]
struct KevRecord {
    cve: String,
    vendor_project: String,
    product: String,
    short_description: String,
    #[serde(flatten)]
    status: Kev,
    notes: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    cwes: Vec<u32>,
}

pub(crate) fn kev_to_json(k: &KevEntry) -> String {
    let r = KevRecord {
        cve: k.cve.as_str().to_owned(),
        vendor_project: k.vendor_project.clone(),
        product: k.product.clone(),
        short_description: k.short_description.clone(),
        status: kev(&k.status),
        notes: k.notes.clone(),
        cwes: k.cwes.iter().map(|c| c.number()).collect(),
    };
    serde_json::to_string(&r).unwrap_or_default()
}

pub(crate) fn kev_from_json(text: &str) -> Result<KevEntry, Bad> {
    let r: KevRecord = serde_json::from_str(text).map_err(|e| e.to_string())?;
    Ok(KevEntry {
        cve: id(&r.cve)?,
        vendor_project: r.vendor_project,
        product: r.product,
        short_description: r.short_description,
        status: from_kev(r.status)?,
        notes: r.notes,
        cwes: r.cwes.into_iter().map(CweId::new).collect(),
    })
}
