//! The matchers, one per kind of identity, behind one trait and registered in a plain list.

mod cpe;
mod csaf;
mod purl;

pub use cpe::{CpeMatcher, CpePrefilter, CriteriaCache};
pub use csaf::CsafProductMatcher;
pub use purl::PurlMatcher;

use mamori_model::Vulnerability;

use crate::finding::{Condition, Confidence, Evidence, NoMatch, Outcome, Verdict};
use crate::identity::{ComponentIdentity, Environment, Probe};
use crate::index::{IndexedRecord, SearchKey};
use crate::policy::MatchPolicy;

/// One way of recognising that a record is about a component.
///
/// `search_keys` says what to look up in the index (or why this matcher does
/// not apply to the component: no CPE, policy…); `check` decides one record.
/// Both are pure; the scan and `explain` are the only callers.
pub trait Matcher: Send + Sync {
    /// Short name, shown in evidence (`purl`, `cpe`, `csaf-product`).
    fn name(&self) -> &'static str;

    /// What to search the index by, or why this matcher does not apply.
    fn search_keys(
        &self,
        c: &ComponentIdentity,
        policy: &MatchPolicy,
    ) -> Result<Vec<SearchKey>, NoMatch>;

    /// Whether the record carries data this matcher reads (so `explain` does
    /// not report, say, the CPE matcher's view of an OSV-only record).
    fn relevant(&self, r: &IndexedRecord) -> bool;

    /// Whether this matcher reads the records a [`CpePrefilter`] may leave out
    /// of an index (records with NVD configurations only): such an index
    /// still runs it, as it would have with those records in
    /// ([`VulnIndex::prefiltered`](crate::VulnIndex::prefiltered)).
    fn reads_prefiltered(&self) -> bool {
        false
    }

    /// Decides one record for one component. Withdrawn records never get here.
    fn check(&self, c: &Probe<'_>, env: &Environment, r: &IndexedRecord) -> Verdict;
}

/// The matchers Mamori uses, in the order they run.
pub fn default_matchers() -> Vec<Box<dyn Matcher>> {
    vec![
        Box::new(PurlMatcher),
        Box::new(CpeMatcher),
        Box::new(CsafProductMatcher),
    ]
}

/// Builds evidence with the record's provenance filled in.
#[allow(clippy::too_many_arguments)]
pub(crate) fn evidence(
    matcher: &'static str,
    searched_by: String,
    v: &Vulnerability,
    matched_range: String,
    fixed_versions: Vec<String>,
    outcome: Outcome,
    confidence: Confidence,
    conditions: Vec<Condition>,
) -> Verdict {
    Verdict::Matched(Evidence {
        matcher,
        searched_by,
        record_id: v.id.clone(),
        source: v.provenance.source,
        source_file: v.provenance.file_name.clone(),
        modified: v.modified,
        matched_range,
        fixed_versions,
        outcome,
        confidence,
        conditions,
    })
}
