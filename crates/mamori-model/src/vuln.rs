//! Vulnerabilities and the enrichment joined onto them, independent of the feed they came from.
//!
//! One [`Vulnerability`] is one record of one feed (an OSV advisory, an NVD CVE
//! item, a CVE 5 record, a JVN entry, a CSAF vulnerability). Records about the
//! same issue from different feeds stay separate values; grouping them is the
//! job of `mamori-feeds::alias` and the store. Enrichment that is not a
//! vulnerability of its own ([`KevEntry`], [`EpssScore`]) is modelled apart and
//! joined by CVE id.
//!
//! Everything is plain data. Version ranges are kept as the feed wrote them
//! (strings), because only the matcher knows which version scheme applies, and
//! the model must not depend on `mamori-version`.

use std::fmt;

use time::{Date, OffsetDateTime};

use crate::ModelError;

/// The feed a record was read from.
///
/// Lives in the model (not in `mamori-feeds`) because [`Provenance`] names it;
/// `mamori-feeds` re-exports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SourceKind {
    /// OSV JSON or YAML (GHSA, PyPA, Go, RustSec, osv.dev exports).
    Osv,
    /// NVD CVE API 2.0.
    Nvd,
    /// CVE JSON 5 records (cvelistV5, CISA vulnrichment).
    Cve5,
    /// CISA Known Exploited Vulnerabilities catalog.
    Kev,
    /// FIRST EPSS daily scores.
    Epss,
    /// JVN iPedia (MyJVN API, VULDEF / JVNRSS).
    Jvn,
    /// CSAF 2.0 advisories.
    Csaf,
}

impl SourceKind {
    /// Every kind, in a stable order.
    pub const ALL: [SourceKind; 7] = [
        SourceKind::Osv,
        SourceKind::Nvd,
        SourceKind::Cve5,
        SourceKind::Kev,
        SourceKind::Epss,
        SourceKind::Jvn,
        SourceKind::Csaf,
    ];

    /// Lower-case name used on the command line and in the store.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Osv => "osv",
            SourceKind::Nvd => "nvd",
            SourceKind::Cve5 => "cve5",
            SourceKind::Kev => "kev",
            SourceKind::Epss => "epss",
            SourceKind::Jvn => "jvn",
            SourceKind::Csaf => "csaf",
        }
    }

    /// Parses [`SourceKind::as_str`] output.
    pub fn parse(s: &str) -> Option<Self> {
        SourceKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for SourceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A vulnerability identifier: `CVE-2021-44228`, `GHSA-jfh8-c2jp-5v3q`, `JVNDB-2021-005577`, `PYSEC-2021-335`…
///
/// Non-empty after trimming, at most 256 bytes. Case is kept as given; CVE and
/// GHSA prefixes are compared case-insensitively by [`VulnId::kind`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VulnId(String);

/// Which naming authority an id belongs to, by its prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum VulnIdKind {
    /// `CVE-YYYY-NNNN…`
    Cve,
    /// `GHSA-xxxx-xxxx-xxxx`
    Ghsa,
    /// `JVNDB-YYYY-NNNNNN`
    Jvndb,
    /// Anything else (OSV database ids like `PYSEC-`, `GO-`, `RUSTSEC-`, vendor ids).
    Other,
}

impl VulnId {
    /// Longest id accepted.
    pub const MAX_LEN: usize = 256;

    /// Checks and wraps an id; surrounding whitespace is trimmed.
    pub fn new(s: &str) -> Result<Self, ModelError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(ModelError::Empty {
                what: "vulnerability id",
            });
        }
        if s.len() > Self::MAX_LEN {
            return Err(ModelError::TooLong {
                what: "vulnerability id",
                max: Self::MAX_LEN,
            });
        }
        Ok(VulnId(s.to_owned()))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The naming authority, from the prefix.
    pub fn kind(&self) -> VulnIdKind {
        let prefix = |p: &str| {
            self.0
                .get(..p.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(p))
        };
        if prefix("CVE-") {
            VulnIdKind::Cve
        } else if prefix("GHSA-") {
            VulnIdKind::Ghsa
        } else if prefix("JVNDB-") {
            VulnIdKind::Jvndb
        } else {
            VulnIdKind::Other
        }
    }

    /// Whether this is a CVE id.
    pub fn is_cve(&self) -> bool {
        self.kind() == VulnIdKind::Cve
    }
}

impl fmt::Display for VulnId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A text with its language tag (`en`, `ja`, `es`…), so Japanese JVN text can sit beside English.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalizedText {
    /// BCP 47 language tag as the feed gives it; `en` when the feed has no tag but is English-only.
    pub lang: String,
    /// The text.
    pub text: String,
}

impl LocalizedText {
    /// Builds a text.
    pub fn new(lang: impl Into<String>, text: impl Into<String>) -> Self {
        LocalizedText {
            lang: lang.into(),
            text: text.into(),
        }
    }
}

/// The CVSS version of a vector.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CvssVersion {
    /// CVSS 2.0 (vectors have no prefix).
    V2,
    /// CVSS 3.0.
    V3_0,
    /// CVSS 3.1.
    V3_1,
    /// CVSS 4.0.
    V4_0,
}

impl CvssVersion {
    /// Infers the version from a vector's prefix (`CVSS:3.1/…`); a vector without prefix is 2.0.
    pub fn of_vector(vector: &str) -> Option<Self> {
        match vector.split('/').next() {
            Some("CVSS:3.0") => Some(CvssVersion::V3_0),
            Some("CVSS:3.1") => Some(CvssVersion::V3_1),
            Some("CVSS:4.0") => Some(CvssVersion::V4_0),
            Some(first) if first.starts_with("AV:") => Some(CvssVersion::V2),
            _ => None,
        }
    }

    /// `"2.0"`, `"3.0"`, `"3.1"` or `"4.0"`.
    pub fn as_str(self) -> &'static str {
        match self {
            CvssVersion::V2 => "2.0",
            CvssVersion::V3_0 => "3.0",
            CvssVersion::V3_1 => "3.1",
            CvssVersion::V4_0 => "4.0",
        }
    }
}

/// Whether a score is the source's primary assessment (NVD's `type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum MetricKind {
    /// The record's own authority scored it (NVD `Primary`).
    Primary,
    /// Another party's score carried along (NVD `Secondary`).
    Secondary,
    /// The feed does not say.
    #[default]
    Unspecified,
}

/// One CVSS vector as a feed gives it, with who scored it.
///
/// The vector is kept as a string: `mamori-cvss` parses and scores it.
#[derive(Clone, Debug, PartialEq)]
pub struct CvssScore {
    /// The version.
    pub version: CvssVersion,
    /// The vector string exactly as given.
    pub vector: String,
    /// The base score the feed states, if any (not recomputed here).
    pub base_score: Option<f64>,
    /// Who scored it: `nvd@nist.gov`, a CNA's e-mail or short name, `CISA-ADP`, `GHSA`, `JVN`, the OSV database…
    pub source: String,
    /// Primary or secondary.
    pub kind: MetricKind,
}

/// A CWE id (`CWE-79` is `CweId(79)`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CweId(u32);

impl CweId {
    /// Wraps a CWE number.
    pub fn new(n: u32) -> Self {
        CweId(n)
    }

    /// Parses `CWE-79` (case-insensitive prefix); `NVD-CWE-Other` and `NVD-CWE-noinfo` are not CWEs and give `None`.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        let head = s.get(..4)?;
        if !head.eq_ignore_ascii_case("CWE-") {
            return None;
        }
        let digits = s.get(4..)?;
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.parse().ok().map(CweId)
    }

    /// The number.
    pub fn number(self) -> u32 {
        self.0
    }
}

impl fmt::Display for CweId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CWE-{}", self.0)
    }
}

/// A weakness classification with who assigned it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Weakness {
    /// The CWE.
    pub cwe: CweId,
    /// Who assigned it (`nvd@nist.gov`, a CNA, `CISA-ADP`, `GHSA`…); empty when the feed does not say.
    pub source: String,
}

/// A link with the kinds the feed tags it with (OSV `type` such as `ADVISORY`/`FIX`, NVD tags such as `Patch`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// The URL as given.
    pub url: String,
    /// Tags or the single OSV type; may be empty.
    pub tags: Vec<String>,
}

/// Someone credited for finding or fixing the issue (OSV `credits`, CVE 5 `credits`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credit {
    /// Name as given.
    pub name: String,
    /// Role (`FINDER`, `REPORTER`, `finder`…) as given, if any.
    pub kind: Option<String>,
}

/// The kind of an OSV range.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RangeKind {
    /// `SEMVER`: SemVer 2.0 ordering.
    Semver,
    /// `ECOSYSTEM`: the ecosystem's own ordering.
    Ecosystem,
    /// `GIT`: commit hashes in a repository.
    Git,
    /// Any other type, kept as written.
    Other(String),
}

impl RangeKind {
    /// Reads the OSV `type` value.
    pub fn parse(s: &str) -> Self {
        match s {
            "SEMVER" => RangeKind::Semver,
            "ECOSYSTEM" => RangeKind::Ecosystem,
            "GIT" => RangeKind::Git,
            other => RangeKind::Other(other.to_owned()),
        }
    }

    /// The OSV `type` value.
    pub fn as_str(&self) -> &str {
        match self {
            RangeKind::Semver => "SEMVER",
            RangeKind::Ecosystem => "ECOSYSTEM",
            RangeKind::Git => "GIT",
            RangeKind::Other(s) => s,
        }
    }
}

/// One OSV range event; versions are strings in the range's scheme.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RangeEvent {
    /// Affected from this version on (`"0"` means from the beginning).
    Introduced(String),
    /// Not affected from this version on.
    Fixed(String),
    /// The last affected version (inclusive).
    LastAffected(String),
    /// Upper limit of the range (exclusive), mostly for GIT ranges.
    Limit(String),
}

/// An OSV `ranges[]` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AffectedRange {
    /// The ordering to apply.
    pub kind: RangeKind,
    /// The repository for GIT ranges.
    pub repo: Option<String>,
    /// Events in the order given.
    pub events: Vec<RangeEvent>,
}

/// An OSV `affected[]` entry: a package in an ecosystem and the versions it is affected in.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct AffectedPackage {
    /// OSV ecosystem name, possibly with a release suffix (`PyPI`, `Debian:12`, `crates.io`).
    pub ecosystem: String,
    /// Package name in the ecosystem.
    pub name: String,
    /// Package URL, when the advisory gives one.
    pub purl: Option<String>,
    /// Ranges.
    pub ranges: Vec<AffectedRange>,
    /// Explicitly enumerated affected versions.
    pub versions: Vec<String>,
    /// Severity label from `database_specific`/`ecosystem_specific` (`MODERATE`, `HIGH`…), if any.
    pub severity: Option<String>,
    /// CVSS vectors given for this package only (OSV `affected[].severity`).
    pub cvss: Vec<CvssScore>,
    /// `ecosystem_specific` as compact JSON text (Go symbols, RustSec affected functions…), if present.
    pub ecosystem_specific: Option<String>,
    /// `database_specific` as compact JSON text, if present.
    pub database_specific: Option<String>,
}

/// How the nodes or matches of a CPE configuration combine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Operator {
    /// All must match.
    And,
    /// Any must match (NVD's default).
    #[default]
    Or,
}

/// One NVD `cpeMatch`: a CPE 2.3 pattern with optional version bounds.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct CpeMatch {
    /// CPE 2.3 formatted string (`cpe:2.3:a:vendor:product:*:…`).
    pub criteria: String,
    /// Whether a match means "vulnerable" (false: a platform the vulnerable part must run on).
    pub vulnerable: bool,
    /// `versionStartIncluding`.
    pub version_start_including: Option<String>,
    /// `versionStartExcluding`.
    pub version_start_excluding: Option<String>,
    /// `versionEndIncluding`.
    pub version_end_including: Option<String>,
    /// `versionEndExcluding`.
    pub version_end_excluding: Option<String>,
    /// NVD's match criteria UUID, if given.
    pub match_criteria_id: Option<String>,
}

/// A node of an NVD configuration: matches combined by an operator, possibly negated.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct CpeNode {
    /// How the matches combine.
    pub operator: Operator,
    /// Whether the node's result is negated.
    pub negate: bool,
    /// The matches.
    pub matches: Vec<CpeMatch>,
}

/// An NVD configuration: nodes combined by an operator (`AND` for "application on platform").
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct CpeConfiguration {
    /// How the nodes combine; `None` when the feed leaves it out (one node).
    pub operator: Option<Operator>,
    /// Whether the configuration's result is negated.
    pub negate: bool,
    /// The nodes.
    pub nodes: Vec<CpeNode>,
}

/// CVE 5 version status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum VersionStatus {
    /// `affected`.
    Affected,
    /// `unaffected`.
    Unaffected,
    /// `unknown`.
    Unknown,
}

impl VersionStatus {
    /// Reads the CVE 5 value (case-insensitive).
    pub fn parse(s: &str) -> Option<Self> {
        if s.eq_ignore_ascii_case("affected") {
            Some(VersionStatus::Affected)
        } else if s.eq_ignore_ascii_case("unaffected") {
            Some(VersionStatus::Unaffected)
        } else if s.eq_ignore_ascii_case("unknown") {
            Some(VersionStatus::Unknown)
        } else {
            None
        }
    }
}

/// A CVE 5 `versions[]` entry: a single version or a range starting at `version`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProductVersion {
    /// The version (the range start when a bound is given).
    pub version: String,
    /// Status of this version or range.
    pub status: VersionStatus,
    /// Exclusive upper bound (`lessThan`).
    pub less_than: Option<String>,
    /// Inclusive upper bound (`lessThanOrEqual`).
    pub less_than_or_equal: Option<String>,
    /// Version scheme (`semver`, `custom`, `git`, `maven`…) as given.
    pub version_type: Option<String>,
    /// `changes[]` inside a range: (version at which the status changes, new status).
    pub changes: Vec<(String, VersionStatus)>,
}

/// A CVE 5 `affected[]` entry (from the CNA or an ADP).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct AffectedProduct {
    /// Who published this entry: the CNA's short name or the ADP's (`CISA-ADP`).
    pub source: String,
    /// Vendor, if given.
    pub vendor: Option<String>,
    /// Product, if given.
    pub product: Option<String>,
    /// Package name (with `collection_url`), if given.
    pub package_name: Option<String>,
    /// Package collection URL (`https://pypi.org`…), if given.
    pub collection_url: Option<String>,
    /// Source repository, if given.
    pub repo: Option<String>,
    /// CPE names given for the product (2.2 or 2.3, as written).
    pub cpes: Vec<String>,
    /// Platforms, as written.
    pub platforms: Vec<String>,
    /// Status of versions not listed.
    pub default_status: Option<VersionStatus>,
    /// Versions and ranges.
    pub versions: Vec<ProductVersion>,
}

/// A JVN affected item: a CPE 2.2 name with the version text JVN gives.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct JvnProduct {
    /// Vendor name as JVN writes it (may be Japanese).
    pub vendor: String,
    /// Product name as JVN writes it.
    pub product: String,
    /// CPE 2.2 URI (`cpe:/a:vendor:product`), if given.
    pub cpe: Option<String>,
    /// Version texts (`VersionNumber`), free-form, possibly with comparison words.
    pub versions: Vec<String>,
}

/// CSAF product status of one product for one vulnerability.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProductStatus {
    /// `known_affected`.
    KnownAffected,
    /// `first_affected`.
    FirstAffected,
    /// `last_affected`.
    LastAffected,
    /// `fixed`.
    Fixed,
    /// `first_fixed`.
    FirstFixed,
    /// `known_not_affected`.
    KnownNotAffected,
    /// `under_investigation`.
    UnderInvestigation,
    /// `recommended`.
    Recommended,
}

/// A CSAF remediation for a product.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Remediation {
    /// `category` (`vendor_fix`, `mitigation`, `workaround`, `no_fix_planned`, `none_available`).
    pub category: String,
    /// `details`.
    pub details: String,
    /// `url`, if any.
    pub url: Option<String>,
    /// `date`, if any.
    pub date: Option<OffsetDateTime>,
}

/// A product from a CSAF product tree with its status for one vulnerability.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsafProduct {
    /// `product_id`.
    pub product_id: String,
    /// The full product name.
    pub name: String,
    /// Vendor branch name, if the tree has one.
    pub vendor: Option<String>,
    /// Product-name branch name, if the tree has one.
    pub product: Option<String>,
    /// `product_version` branch name, if the tree has one.
    pub version: Option<String>,
    /// `product_version_range` branch name (often a `vers:` range), if the tree has one.
    pub version_range: Option<String>,
    /// `product_identification_helper.cpe`, if given.
    pub cpe: Option<String>,
    /// `product_identification_helper.purl` (and `purls`), if given.
    pub purls: Vec<String>,
    /// Status for this vulnerability.
    pub status: ProductStatus,
    /// Remediations naming this product.
    pub remediations: Vec<Remediation>,
}

/// Known Exploited Vulnerabilities status, from the catalog or carried by NVD/CVE records.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct KevStatus {
    /// `dateAdded` / NVD `cisaExploitAdd`.
    pub date_added: Option<Date>,
    /// `dueDate` / NVD `cisaActionDue`.
    pub due_date: Option<Date>,
    /// `requiredAction` / NVD `cisaRequiredAction`.
    pub required_action: Option<String>,
    /// `vulnerabilityName` / NVD `cisaVulnerabilityName`.
    pub vulnerability_name: Option<String>,
    /// `knownRansomwareCampaignUse`: `Some(true)` for "Known", `Some(false)` for "Unknown", `None` when absent.
    pub ransomware_use: Option<bool>,
}

/// One KEV catalog entry; joined onto vulnerabilities by CVE id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KevEntry {
    /// The CVE.
    pub cve: VulnId,
    /// `vendorProject`.
    pub vendor_project: String,
    /// `product`.
    pub product: String,
    /// `shortDescription`.
    pub short_description: String,
    /// Dates, action, name, ransomware use.
    pub status: KevStatus,
    /// `notes`.
    pub notes: String,
    /// `cwes`.
    pub cwes: Vec<CweId>,
}

/// One EPSS row; joined onto vulnerabilities by CVE id.
#[derive(Clone, Debug, PartialEq)]
pub struct EpssScore {
    /// The CVE.
    pub cve: VulnId,
    /// Probability of exploitation in the next 30 days, 0..=1.
    pub score: f64,
    /// Percentile, 0..=1.
    pub percentile: f64,
    /// The score date from the file header, if present.
    pub date: Option<Date>,
    /// Model version from the file header, if present.
    pub model_version: Option<String>,
}

/// An SSVC decision point set, as CISA ADP publishes it in CVE 5 `metrics[].other`.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct SsvcDecision {
    /// Who published it (`CISA-ADP`).
    pub source: String,
    /// SSVC version.
    pub version: Option<String>,
    /// Role (`CISA Coordinator`).
    pub role: Option<String>,
    /// When it was decided.
    pub timestamp: Option<OffsetDateTime>,
    /// Decision points in order: (`Exploitation`, `active`), (`Automatable`, `no`), (`Technical Impact`, `total`).
    pub options: Vec<(String, String)>,
}

/// The kind of an informational (non-vulnerability) advisory, RustSec's `informational`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum InformationalKind {
    /// The crate is unmaintained.
    Unmaintained,
    /// The crate has unsound APIs.
    Unsound,
    /// A notice.
    Notice,
    /// Any other value, as written.
    Other(String),
}

impl InformationalKind {
    /// Reads RustSec's value.
    pub fn parse(s: &str) -> Self {
        match s {
            "unmaintained" => InformationalKind::Unmaintained,
            "unsound" => InformationalKind::Unsound,
            "notice" => InformationalKind::Notice,
            other => InformationalKind::Other(other.to_owned()),
        }
    }
}

/// Where a record came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Provenance {
    /// The feed.
    pub source: SourceKind,
    /// File name the reader was given (as given, not resolved).
    pub file_name: String,
    /// SHA-256 of the record's own bytes (the whole file for one-record files, the array element otherwise).
    pub sha256: [u8; 32],
    /// When it was imported: set by the importer, never by a reader.
    pub imported: Option<OffsetDateTime>,
}

/// One vulnerability record of one feed.
#[derive(Clone, Debug, PartialEq)]
pub struct Vulnerability {
    /// The record's id.
    pub id: VulnId,
    /// Ids of the same vulnerability elsewhere (OSV `aliases`; CVE for JVN/CSAF).
    pub aliases: Vec<VulnId>,
    /// Ids of related but different vulnerabilities (OSV `related`); never used for grouping.
    pub related: Vec<VulnId>,
    /// Titles or summaries, by language.
    pub titles: Vec<LocalizedText>,
    /// Descriptions or details, by language.
    pub descriptions: Vec<LocalizedText>,
    /// First published.
    pub published: Option<OffsetDateTime>,
    /// Last modified.
    pub modified: Option<OffsetDateTime>,
    /// Withdrawn or rejected (NVD `Rejected`, CVE 5 `REJECTED` use the record's last date).
    pub withdrawn: Option<OffsetDateTime>,
    /// The feed's own status word (NVD `vulnStatus`, CVE 5 `state`), if any.
    pub status: Option<String>,
    /// The advisory's own severity label (GHSA `MODERATE`, JVN `High`…), if any.
    pub severity: Option<String>,
    /// CVSS vectors with who scored them.
    pub cvss: Vec<CvssScore>,
    /// Weaknesses.
    pub cwes: Vec<Weakness>,
    /// References.
    pub references: Vec<Reference>,
    /// Credits.
    pub credits: Vec<Credit>,
    /// OSV affected packages.
    pub affected_packages: Vec<AffectedPackage>,
    /// NVD CPE configurations.
    pub cpe_configurations: Vec<CpeConfiguration>,
    /// CVE 5 affected products (CNA and ADP).
    pub affected_products: Vec<AffectedProduct>,
    /// JVN affected items.
    pub jvn_products: Vec<JvnProduct>,
    /// CSAF products with their status.
    pub csaf_products: Vec<CsafProduct>,
    /// KEV status carried by the record itself (NVD `cisa*` fields, CVE 5 ADP `kev`).
    pub kev: Option<KevStatus>,
    /// EPSS, when a record carries it (the store normally joins [`EpssScore`] instead).
    pub epss: Option<EpssScore>,
    /// SSVC decisions (CISA ADP).
    pub ssvc: Vec<SsvcDecision>,
    /// RustSec-style informational kind; `None` for a real vulnerability.
    pub informational: Option<InformationalKind>,
    /// Where it came from.
    pub provenance: Provenance,
}

impl Vulnerability {
    /// An empty record with an id and provenance; readers fill the rest.
    pub fn new(id: VulnId, provenance: Provenance) -> Self {
        Vulnerability {
            id,
            aliases: Vec::new(),
            related: Vec::new(),
            titles: Vec::new(),
            descriptions: Vec::new(),
            published: None,
            modified: None,
            withdrawn: None,
            status: None,
            severity: None,
            cvss: Vec::new(),
            cwes: Vec::new(),
            references: Vec::new(),
            credits: Vec::new(),
            affected_packages: Vec::new(),
            cpe_configurations: Vec::new(),
            affected_products: Vec::new(),
            jvn_products: Vec::new(),
            csaf_products: Vec::new(),
            kev: None,
            epss: None,
            ssvc: Vec::new(),
            informational: None,
            provenance,
        }
    }

    /// Whether the record is withdrawn or rejected.
    pub fn is_withdrawn(&self) -> bool {
        self.withdrawn.is_some()
    }

    /// The record's id and aliases that are CVE ids, in order, without repeats.
    pub fn cve_ids(&self) -> Vec<&VulnId> {
        let mut out: Vec<&VulnId> = Vec::new();
        for id in std::iter::once(&self.id).chain(&self.aliases) {
            if id.is_cve()
                && !out
                    .iter()
                    .any(|o| o.as_str().eq_ignore_ascii_case(id.as_str()))
            {
                out.push(id);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_cwes() {
        let cases: [(&str, Option<VulnIdKind>); 6] = [
            ("CVE-2021-44228", Some(VulnIdKind::Cve)),
            ("cve-2021-44228", Some(VulnIdKind::Cve)),
            ("GHSA-jfh8-c2jp-5v3q", Some(VulnIdKind::Ghsa)),
            ("JVNDB-2021-005577", Some(VulnIdKind::Jvndb)),
            ("PYSEC-2021-335", Some(VulnIdKind::Other)),
            ("  ", None),
        ];
        for (s, want) in cases {
            assert_eq!(VulnId::new(s).ok().map(|i| i.kind()), want, "{s}");
        }
        assert!(VulnId::new(&"x".repeat(300)).is_err());
        assert_eq!(CweId::parse("CWE-79"), Some(CweId::new(79)));
        assert_eq!(CweId::parse("NVD-CWE-Other"), None);
        assert_eq!(CweId::parse("CWE-"), None);
        assert_eq!(CweId::parse("CWé"), None);
        assert_eq!(
            CvssVersion::of_vector("AV:N/AC:L/Au:N/C:P/I:P/A:P"),
            Some(CvssVersion::V2)
        );
        assert_eq!(
            CvssVersion::of_vector("CVSS:4.0/AV:N"),
            Some(CvssVersion::V4_0)
        );
    }
}
