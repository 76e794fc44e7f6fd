//! What matching produces: findings with their evidence, per-component reports and explanations.

use std::fmt;

use mamori_model::{InformationalKind, SourceKind, VulnId};
use time::OffsetDateTime;

/// How sure a match is. Ordered: `Low < Medium < High`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Confidence {
    /// The source gives no version information, or a condition could not be checked.
    Low,
    /// Identity and version matched, but a condition is open (platform, release).
    Medium,
    /// Identity and version matched exactly, every condition checked.
    High,
}

impl Confidence {
    /// `"high"`, `"medium"` or `"low"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Medium => "medium",
            Confidence::Low => "low",
        }
    }
}

/// A condition attached to a match: something the match depends on that a
/// person should see, rather than a silent drop or a silent assumption.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Condition {
    /// The NVD configuration needs a platform (running-on CPE) that the SBOM
    /// neither shows nor rules out; the match holds only on these platforms.
    PlatformUnknown {
        /// The platform CPE criteria, any one of which is needed.
        required: Vec<String>,
    },
    /// A platform the configuration needs is present in the SBOM.
    PlatformPresent {
        /// The criteria that matched.
        criteria: String,
        /// The SBOM component (bom-ref or label) that provides it.
        provided_by: String,
    },
    /// The component names no distribution release; the advisory is for this one.
    ReleaseUnknown {
        /// The advisory's ecosystem with release (`Debian:12`).
        advisory_ecosystem: String,
    },
    /// The source lists the product without any version (JVN often does):
    /// every version is taken as affected.
    NoVersionInformation,
    /// The source's version text could not be read as a range; shown as written.
    UnreadableVersionText {
        /// The text.
        text: String,
    },
    /// A CSAF product whose status is `under_investigation`.
    UnderInvestigation,
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Condition::PlatformUnknown { required } => write!(
                f,
                "only when running on one of {} (the SBOM does not say)",
                required.join(", ")
            ),
            Condition::PlatformPresent {
                criteria,
                provided_by,
            } => write!(f, "platform {criteria} provided by {provided_by}"),
            Condition::ReleaseUnknown { advisory_ecosystem } => write!(
                f,
                "the component names no release; advisory is for {advisory_ecosystem}"
            ),
            Condition::NoVersionInformation => {
                f.write_str("the source lists the product without versions")
            }
            Condition::UnreadableVersionText { text } => {
                write!(f, "version text {text:?} could not be read as a range")
            }
            Condition::UnderInvestigation => f.write_str("the vendor is still investigating"),
        }
    }
}

/// The answer one record gave for one component.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The component is affected.
    Affected,
    /// The identity matched but the version question has no answer: the
    /// component's version or the record's range does not parse.
    CouldNotEvaluate {
        /// Why, for a person.
        reason: String,
    },
}

/// Why a component matched one record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    /// The matcher's name (`purl`, `cpe`, `csaf-product`).
    pub matcher: &'static str,
    /// What was searched: the purl without version, `cpe:vendor:product`, or `vendor/product`.
    pub searched_by: String,
    /// The record that matched.
    pub record_id: VulnId,
    /// Its feed.
    pub source: SourceKind,
    /// The file it was read from.
    pub source_file: String,
    /// The record's own modification date.
    pub modified: Option<OffsetDateTime>,
    /// What matched: the ecosystem/product and the range (as `vers:` where it
    /// can be written so, else as the source wrote it).
    pub matched_range: String,
    /// Versions that fix it, as the record gives them.
    pub fixed_versions: Vec<String>,
    /// Affected, or could not be evaluated.
    pub outcome: Outcome,
    /// How sure.
    pub confidence: Confidence,
    /// Conditions the match depends on.
    pub conditions: Vec<Condition>,
}

/// Whether a finding is a vulnerability or an advisory of another kind.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum FindingKind {
    /// A vulnerability.
    Vulnerability,
    /// An informational advisory (RustSec unmaintained, unsound, notice): not a vulnerability.
    Informational(InformationalKind),
}

/// One component × one vulnerability group (aliases merged), with all evidence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Position of the component in the scanned list.
    pub component: usize,
    /// The component's bom-ref.
    pub bom_ref: String,
    /// The group's representative id (a CVE when the group has one).
    pub group: VulnId,
    /// Every id of the group, representative first.
    pub ids: Vec<VulnId>,
    /// Vulnerability or informational.
    pub kind: FindingKind,
    /// Affected if any evidence says so; else could not evaluate.
    pub outcome: Outcome,
    /// The best confidence among the affected evidence.
    pub confidence: Confidence,
    /// One entry per matching record (and matcher).
    pub evidence: Vec<Evidence>,
}

/// What happened to one component.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ComponentStatus {
    /// Searched by every matcher that applies.
    Evaluated,
    /// First-party code, skipped by policy.
    FirstPartySkipped {
        /// Why the component is taken as first-party.
        reason: String,
    },
    /// Nothing to search by: no purl an ecosystem covers, no CPE, no supplier and name.
    NoIdentity,
    /// Searched, but the version cannot be compared: no version, or one that
    /// does not parse by the ecosystem's rules. Matching records are findings
    /// with [`Outcome::CouldNotEvaluate`].
    CouldNotEvaluate {
        /// Why.
        reason: String,
    },
}

/// The report for one component.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComponentReport {
    /// Position in the scanned list.
    pub component: usize,
    /// bom-ref.
    pub bom_ref: String,
    /// What happened.
    pub status: ComponentStatus,
    /// Why first-party, when it is (also when matched by policy).
    pub first_party: Option<String>,
    /// Which matchers searched, by what key.
    pub searched: Vec<(&'static str, String)>,
    /// Matchers that did not apply, and why.
    pub skipped: Vec<(&'static str, NoMatch)>,
}

/// The result of a scan.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScanResult {
    /// Findings, by component then group id.
    pub findings: Vec<Finding>,
    /// One report per component, in input order.
    pub components: Vec<ComponentReport>,
}

impl ScanResult {
    /// Findings of kind [`FindingKind::Vulnerability`] that are affected.
    pub fn vulnerabilities(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.kind == FindingKind::Vulnerability && f.outcome == Outcome::Affected)
    }
}

/// Why a record did not match a component.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoMatch {
    /// The record is withdrawn or rejected.
    Withdrawn {
        /// When.
        at: OffsetDateTime,
    },
    /// Same package name, other ecosystem.
    WrongEcosystem {
        /// The component's ecosystem.
        component: String,
        /// The record's ecosystems.
        record: Vec<String>,
    },
    /// Same ecosystem, other distribution release.
    OtherRelease {
        /// The component's ecosystem with release.
        component: String,
        /// The record's.
        record: Vec<String>,
    },
    /// The record names other packages or products.
    OtherPackage,
    /// The version lies outside every affected range.
    VersionOutside {
        /// The component's version.
        version: String,
        /// The ranges, `vers:` or as written.
        ranges: Vec<String>,
    },
    /// Every CPE criteria of the record differs from the component's CPE on an attribute.
    CpeDisjoint {
        /// The first differing attribute (`target_sw`, `version`…).
        attribute: String,
        /// The criteria.
        criteria: String,
    },
    /// The configuration needs a platform the SBOM shows is absent.
    PlatformAbsent {
        /// The platform criteria.
        required: Vec<String>,
    },
    /// The configuration's logic (AND, negation) is not satisfied.
    ConfigurationNotSatisfied,
    /// CPE matching is not applied to language packages that a purl source covers (policy).
    PolicySkippedCpeForLanguagePackage {
        /// The component's ecosystem.
        ecosystem: String,
    },
    /// First-party component, not matched (policy).
    FirstPartySkipped {
        /// Why it is first-party.
        reason: String,
    },
    /// The advisory marks the product fixed or not affected.
    NotAffectedStatus {
        /// The CSAF status.
        status: String,
    },
    /// The matcher has nothing to search by for this component.
    NoKey {
        /// What is missing.
        missing: &'static str,
    },
    /// The supplier differs.
    OtherVendor {
        /// The component's vendor names.
        component: Vec<String>,
        /// The record's vendor.
        record: String,
    },
}

impl fmt::Display for NoMatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoMatch::Withdrawn { at } => write!(f, "withdrawn on {}", at.date()),
            NoMatch::WrongEcosystem { component, record } => write!(
                f,
                "wrong ecosystem: component is {component}, record is for {}",
                record.join(", ")
            ),
            NoMatch::OtherRelease { component, record } => write!(
                f,
                "other release: component is {component}, record is for {}",
                record.join(", ")
            ),
            NoMatch::OtherPackage => f.write_str("the record is about other packages"),
            NoMatch::VersionOutside { version, ranges } => {
                write!(f, "version {version} outside {}", ranges.join(" and "))
            }
            NoMatch::CpeDisjoint {
                attribute,
                criteria,
            } => write!(f, "CPE disjoint on {attribute} with {criteria}"),
            NoMatch::PlatformAbsent { required } => write!(
                f,
                "needs platform {} which the SBOM shows is absent",
                required.join(" or ")
            ),
            NoMatch::ConfigurationNotSatisfied => {
                f.write_str("the configuration's conditions are not met")
            }
            NoMatch::PolicySkippedCpeForLanguagePackage { ecosystem } => write!(
                f,
                "policy: CPE matching is not applied to {ecosystem} packages (a purl source covers them)"
            ),
            NoMatch::FirstPartySkipped { reason } => {
                write!(f, "policy: first-party component not matched ({reason})")
            }
            NoMatch::NotAffectedStatus { status } => write!(f, "the advisory says {status}"),
            NoMatch::NoKey { missing } => write!(f, "the component has no {missing}"),
            NoMatch::OtherVendor { component, record } => write!(
                f,
                "other vendor: component is from {}, record is about {record}",
                if component.is_empty() {
                    "an unnamed supplier".to_owned()
                } else {
                    component.join(" / ")
                }
            ),
        }
    }
}

/// One matcher's answer for one record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// It matched (or matched in identity with an unevaluable version: see [`Evidence::outcome`]).
    Matched(Evidence),
    /// It did not match.
    NotMatched(NoMatch),
}

/// Why one candidate record did or did not match one component (backs `scan --explain`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// The record.
    pub record_id: VulnId,
    /// The matcher that looked.
    pub matcher: &'static str,
    /// Its answer.
    pub verdict: Verdict,
}
