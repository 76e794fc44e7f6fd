//! Matching SBOM components against vulnerability records — pure: values in, findings with evidence out.
//!
//! The design follows grype's: one [`Matcher`] per kind of identity, registered
//! in a plain list ([`default_matchers`]): [`PurlMatcher`] (OSV packages of
//! every ecosystem, distributions by release), [`CpeMatcher`] (NVD
//! configurations and JVN CPE 2.2 names), [`CsafProductMatcher`] (vendor
//! CSAF product trees). A matcher says what to search by ([`SearchKey`]
//! values) and decides one record at a time; the [`VulnIndex`] answers the
//! searches from records prepared once (ranges and CPEs parsed, aliases
//! grouped), so a scan costs a few hash lookups per component.
//!
//! The [`Scanner`] turns the matchers' verdicts into one [`Finding`] per
//! component and vulnerability group, carrying every piece of [`Evidence`];
//! [`Scanner::explain`] shows the same decisions one record at a time, with
//! the reason a record did not match ([`NoMatch`]). Nothing is dropped
//! silently: a version that cannot be compared gives
//! [`Outcome::CouldNotEvaluate`], a platform the SBOM does not show is a
//! [`Condition`] on the match, a policy skip is a stated reason.
//!
//! What this crate deliberately does not do: read files, generate CPEs from
//! names, or know any store. Continuous monitoring builds on
//! [`IndexedRecord::search_keys`] (what a changed record touches) and
//! [`Scanner::search_keys`] (what a component is searched by).

#![forbid(unsafe_code)]

mod finding;
mod identity;
mod index;
mod matchers;
mod policy;
mod scan;

pub use finding::{
    ComponentReport, ComponentStatus, Condition, Confidence, Evidence, Explanation, Finding,
    FindingKind, NoMatch, Outcome, ScanResult, Verdict,
};
pub use identity::{
    ComponentIdentity, Environment, PackageKey, Probe, identify, is_language_ecosystem,
    normalize_name, normalize_product, normalize_vendor,
};
pub use index::{
    IndexedRecord, PreparedRecords, SearchKey, VulnIndex, WILDCARD_CPE_KEY, storage_keys,
};
pub use matchers::{
    CpeMatcher, CpePrefilter, CriteriaCache, CsafProductMatcher, Matcher, PurlMatcher,
    default_matchers,
};
pub use policy::MatchPolicy;
pub use scan::Scanner;
