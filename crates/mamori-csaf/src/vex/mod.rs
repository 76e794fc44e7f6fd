//! VEX writers: one input model of a release's vulnerability statements, written as CSAF 2.0 (three
//! profiles), OpenVEX 0.2.0 and CycloneDX 1.6 VEX/VDR — pure, values in, JSON out.
//!
//! A statement's status, justification, responses and detail are a [`mamori_judge::analysis::Analysis`],
//! so the format mappings (and the list of what each format loses) are the judge's; the writers add
//! the document around them: product tree, identifiers, scores, dates. Every writer checks its
//! output before returning it — CSAF with [`crate::validate_value`], OpenVEX with
//! [`check_openvex`] — and returns [`WriteError::Invalid`] instead of a document nobody should
//! publish.

mod csaf;
mod cyclonedx;
mod openvex;
mod reissue;

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

pub use csaf::{csaf_informational_advisory, csaf_security_advisory, csaf_vex};
pub use cyclonedx::{cyclonedx_vdr, cyclonedx_vex};
pub use mamori_judge::analysis::{Analysis, Lang, Loss, RemediationCategory};
pub use openvex::{check_openvex, openvex};
pub use reissue::{Reissued, reissue};
use serde_json::Value;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// The kind of organisation that publishes the document (CSAF `publisher.category`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PublisherCategory {
    /// `vendor`: the maker of the product.
    Vendor,
    /// `coordinator`.
    Coordinator,
    /// `discoverer`.
    Discoverer,
    /// `user`.
    User,
    /// `other`.
    Other,
}

impl PublisherCategory {
    /// The CSAF name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Vendor => "vendor",
            Self::Coordinator => "coordinator",
            Self::Discoverer => "discoverer",
            Self::User => "user",
            Self::Other => "other",
        }
    }
}

/// Who publishes the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Publisher {
    /// The organisation's name.
    pub name: String,
    /// Its namespace, an `https://` URL that makes tracking ids globally unique.
    pub namespace: String,
    /// What kind of publisher it is.
    pub category: PublisherCategory,
}

/// The tracking status of a published document (drafts are not written).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReleaseStatus {
    /// `interim`: expected to change soon.
    Interim,
    /// `final`.
    Final,
}

/// An earlier published revision of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// When it was published.
    pub date: OffsetDateTime,
    /// What changed.
    pub summary: String,
}

/// A link to more information about the document (CSAF external reference).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The URL.
    pub url: String,
    /// What it points to.
    pub summary: String,
}

/// The product release the document is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Product {
    /// Product name.
    pub name: String,
    /// Vendor (manufacturer) name.
    pub vendor: String,
    /// Release version.
    pub version: String,
    /// Package URL of the release, if it has one.
    pub purl: Option<String>,
    /// CPE 2.2 or 2.3 name of the release, if it has one.
    pub cpe: Option<String>,
}

/// A further product a document covers beside [`VexDocument::product`]: vendors' and CISA's
/// advisories name several products and version lines in one product tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeProduct {
    /// The CSAF product id it is written under, unique within the document; statements name it
    /// in [`VexStatement::components`].
    pub id: String,
    /// The full product name.
    pub full_name: String,
    /// Vendor branch name.
    pub vendor: Option<String>,
    /// Product-name branch name.
    pub name: Option<String>,
    /// Product-version branch name. With vendor and name it places the product in the branch
    /// tree; without all three the product is listed by its full name alone.
    pub version: Option<String>,
    /// Package URL.
    pub purl: Option<String>,
    /// CPE 2.2 or 2.3 name.
    pub cpe: Option<String>,
}

/// A remediation as the publisher wrote it (CSAF `remediations[]`), for a statement's subjects.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StatementRemediation {
    /// `category`.
    pub category: RemediationCategory,
    /// `details`: what to do.
    pub details: String,
    /// `url`, if any.
    pub url: Option<String>,
    /// `date`, if any (e.g. when the fix became available).
    pub date: Option<OffsetDateTime>,
    /// Further subjects it is for that have no status for this vulnerability (vendors name
    /// sibling products in a remediation): bom-refs or ids of [`VexDocument::products`].
    pub also_for: Vec<String>,
}

/// A component of the release (from its SBOM).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VexComponent {
    /// The SBOM's bom-ref: unique within the document, the component's stable key.
    pub bom_ref: String,
    /// Component name.
    pub name: String,
    /// Component version.
    pub version: String,
    /// Package URL.
    pub purl: Option<String>,
    /// CPE 2.2 or 2.3 name.
    pub cpe: Option<String>,
}

/// A weakness (CWE) with its catalogue name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cwe {
    /// The number, e.g. 787 for CWE-787.
    pub id: u32,
    /// The name exactly as the CWE catalogue spells it (CSAF checks it).
    pub name: String,
}

/// A CVSS vector with who scored it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CvssEntry {
    /// The vector string (2.0, 3.0, 3.1 or 4.0).
    pub vector: String,
    /// Who scored it (e.g. "NVD", the publisher), if known.
    pub source: Option<String>,
}

/// What the publisher says about one vulnerability in some components of the release.
#[derive(Debug, Clone, PartialEq)]
pub struct VexStatement {
    /// The vulnerability's main id: a CVE id or another (GHSA-…, JVNDB-…, a vendor id).
    pub vuln_id: String,
    /// Other ids of the same vulnerability.
    pub aliases: Vec<String>,
    /// A short title.
    pub title: Option<String>,
    /// A description of the vulnerability.
    pub description: Option<String>,
    /// The weakness.
    pub cwe: Option<Cwe>,
    /// CVSS vectors.
    pub cvss: Vec<CvssEntry>,
    /// What the statement is about: bom-refs of components, or ids of [`VexDocument::products`];
    /// empty means the product itself.
    pub components: Vec<String>,
    /// Remediations as the publisher wrote them. When empty, the CSAF writers derive them from
    /// the analysis's responses and the fixed versions.
    pub remediations: Vec<StatementRemediation>,
    /// Status, justification, responses and detail text.
    pub analysis: Analysis,
    /// Versions of the product that fix it.
    pub fixed_versions: Vec<String>,
    /// When the statement was first made.
    pub first_issued: Option<OffsetDateTime>,
    /// When it last changed.
    pub last_updated: Option<OffsetDateTime>,
}

/// Everything a VEX or advisory document is written from.
#[derive(Debug, Clone, PartialEq)]
pub struct VexDocument {
    /// Who publishes it.
    pub publisher: Publisher,
    /// The document's id, unique within the publisher's namespace.
    pub tracking_id: String,
    /// The document's title.
    pub title: String,
    /// The document language; detail text in this language is preferred.
    pub lang: Lang,
    /// The time of writing: the current revision's date.
    pub now: OffsetDateTime,
    /// Interim or final.
    pub status: ReleaseStatus,
    /// Earlier published revisions, oldest first; the current revision (dated `now`) follows them.
    pub history: Vec<Revision>,
    /// What the current revision changes.
    pub revision_summary: String,
    /// A summary of the document (required for the informational advisory).
    pub summary: Option<String>,
    /// External references (the informational advisory needs at least one).
    pub references: Vec<Link>,
    /// The product release.
    pub product: Product,
    /// Further products the document covers (CSAF only; the OpenVEX and CycloneDX writers
    /// refuse a document that has them). The release itself is then written only when a
    /// statement is about it or it has components.
    pub products: Vec<TreeProduct>,
    /// Its components.
    pub components: Vec<VexComponent>,
    /// The statements.
    pub statements: Vec<VexStatement>,
}

/// A written document with what its format could not carry.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    /// The document.
    pub document: Value,
    /// What was lost, per vulnerability id (from the judge's mappings, and score versions a format
    /// cannot hold).
    pub losses: Vec<(String, Loss)>,
}

impl Written {
    /// The document as pretty-printed JSON bytes.
    pub fn to_vec(&self) -> Vec<u8> {
        // Serialising a Value cannot fail: its keys are strings and its numbers finite.
        serde_json::to_vec_pretty(&self.document).unwrap_or_default()
    }
}

/// Why a document was not written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WriteError {
    /// Two components share a bom-ref.
    #[error("bom-ref `{0}` names two components")]
    DuplicateBomRef(String),
    /// A statement names a component that is not in the document.
    #[error("statement on {vuln} names unknown component `{bom_ref}`")]
    UnknownComponent {
        /// The vulnerability.
        vuln: String,
        /// The bom-ref.
        bom_ref: String,
    },
    /// A not-affected statement says neither why (justification) nor how (detail).
    #[error("statement on {vuln} says not affected without a justification or detail")]
    NotAffectedWithoutReason {
        /// The vulnerability.
        vuln: String,
    },
    /// Two statements on the same vulnerability give one component two statuses.
    #[error("{vuln}: `{subject}` has two statements")]
    TwoStatements {
        /// The vulnerability.
        vuln: String,
        /// The component's bom-ref, or the product's name.
        subject: String,
    },
    /// The format cannot carry part of the input.
    #[error("{format} cannot carry {what}")]
    Unsupported {
        /// The format.
        format: &'static str,
        /// What it cannot carry.
        what: &'static str,
    },
    /// The revision history is out of order or later than `now`.
    #[error("revision history: {0}")]
    History(String),
    /// The profile needs something the input does not have.
    #[error("{profile} needs {what}")]
    Missing {
        /// The format or profile.
        profile: &'static str,
        /// What is missing.
        what: &'static str,
    },
    /// The written document failed its format's checks: a writer bug, never published.
    #[error("written {format} document is invalid: {}", .failures.join("; "))]
    Invalid {
        /// The format or profile.
        format: &'static str,
        /// The failures, as "test at pointer: message".
        failures: Vec<String>,
    },
}

/// RFC 3339 in UTC with whole seconds, as all three formats accept.
pub(crate) fn rfc3339(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC).replace_nanosecond(0);
    // In range for every date a caller can construct: the formatter fails only on years past 9999.
    t.map(|t| t.format(&Rfc3339).unwrap_or_default())
        .unwrap_or_default()
}

/// Checks the parts of the input every format relies on; returns the component index by bom-ref.
pub(crate) fn check_input(doc: &VexDocument) -> Result<HashMap<&str, &VexComponent>, WriteError> {
    let mut by_ref: HashMap<&str, &VexComponent> = HashMap::with_capacity(doc.components.len());
    for c in &doc.components {
        if by_ref.insert(c.bom_ref.as_str(), c).is_some() {
            return Err(WriteError::DuplicateBomRef(c.bom_ref.clone()));
        }
    }
    let mut prev: Option<OffsetDateTime> = None;
    for r in &doc.history {
        if prev.is_some_and(|p| r.date < p) {
            return Err(WriteError::History(
                "revisions are not in date order".to_string(),
            ));
        }
        if r.date > doc.now {
            return Err(WriteError::History(
                "a revision is dated after now".to_string(),
            ));
        }
        prev = Some(r.date);
    }
    let mut seen: HashSet<(&str, &str)> = HashSet::new();
    let mut products: HashSet<&str> = HashSet::with_capacity(doc.products.len());
    for p in &doc.products {
        if by_ref.contains_key(p.id.as_str()) || !products.insert(p.id.as_str()) {
            return Err(WriteError::DuplicateBomRef(p.id.clone()));
        }
    }
    for s in &doc.statements {
        let also = s.remediations.iter().flat_map(|r| &r.also_for);
        for r in s.components.iter().chain(also) {
            if !by_ref.contains_key(r.as_str()) && !products.contains(r.as_str()) {
                return Err(WriteError::UnknownComponent {
                    vuln: s.vuln_id.clone(),
                    bom_ref: r.clone(),
                });
            }
        }
        let subjects: Vec<&str> = if s.components.is_empty() {
            vec![doc.product.name.as_str()]
        } else {
            s.components.iter().map(String::as_str).collect()
        };
        for subject in subjects {
            if !seen.insert((s.vuln_id.as_str(), subject)) {
                return Err(WriteError::TwoStatements {
                    vuln: s.vuln_id.clone(),
                    subject: subject.to_string(),
                });
            }
        }
        // A false positive needs no reason here: the judge writes it as component_not_present.
        if s.analysis.state == mamori_judge::analysis::State::NotAffected
            && s.analysis.justification.is_none()
            && s.analysis.detail.get(doc.lang).is_none()
        {
            return Err(WriteError::NotAffectedWithoutReason {
                vuln: s.vuln_id.clone(),
            });
        }
    }
    Ok(by_ref)
}

/// True for `CVE-YYYY-NNNN…`, the form CSAF's `cve` field takes.
pub(crate) fn is_cve(id: &str) -> bool {
    let b = id.as_bytes();
    b.len() >= 13
        && b.starts_with(b"CVE-")
        && b[4..8].iter().all(u8::is_ascii_digit)
        && b[8] == b'-'
        && b[9..].iter().all(u8::is_ascii_digit)
}

/// The action text for an affected statement that has no response or detail: the fixed versions,
/// else that nothing is available yet (every format wants some action text for affected).
pub(crate) fn fallback_action(fixed_versions: &[String]) -> String {
    if fixed_versions.is_empty() {
        "No remediation is available yet.".to_string()
    } else {
        format!("Update to a fixed version: {}.", fixed_versions.join(", "))
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters, for ids built into IRIs.
pub(crate) fn iri_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// The generator's name and version, written into every document.
pub(crate) const TOOL_NAME: &str = "Mamori";
/// The crate version.
pub(crate) const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");
