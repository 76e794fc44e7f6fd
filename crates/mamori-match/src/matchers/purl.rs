//! Package-URL matching against OSV `affected[]` entries, every OSV ecosystem, distributions by release.
//!
//! The purl gives the OSV ecosystem and name (`mamori_purl::osv_package`,
//! which reads the `distro` qualifier into `Debian:12`, `Alpine:v3.19`…).
//! Names compare as the ecosystem compares them; versions by the
//! ecosystem's own order (`mamori-version`). A component without a release
//! matches every release of its distribution, with the advisory's release
//! stated as a condition; an advisory without a release matches every
//! release.

use mamori_version::range::Contains;

use super::{Matcher, evidence};
use crate::finding::{Condition, Confidence, NoMatch, Outcome, Verdict};
use crate::identity::{ComponentIdentity, Environment, Probe};
use crate::index::{IndexedRecord, SearchKey};
use crate::policy::MatchPolicy;

/// Matches by package URL.
#[derive(Clone, Copy, Debug, Default)]
pub struct PurlMatcher;

impl Matcher for PurlMatcher {
    fn name(&self) -> &'static str {
        "purl"
    }

    fn search_keys(
        &self,
        c: &ComponentIdentity,
        _policy: &MatchPolicy,
    ) -> Result<Vec<SearchKey>, NoMatch> {
        match (&c.package, &c.purl) {
            (Some(k), _) => Ok(vec![SearchKey::Package(k.clone())]),
            (None, Some(_)) => Err(NoMatch::NoKey {
                missing: "purl of an ecosystem OSV covers",
            }),
            (None, None) => Err(NoMatch::NoKey { missing: "purl" }),
        }
    }

    fn relevant(&self, r: &IndexedRecord) -> bool {
        !r.packages.is_empty()
    }

    fn check(&self, probe: &Probe<'_>, _env: &Environment, r: &IndexedRecord) -> Verdict {
        let c = probe.identity;
        let Some(key) = &c.package else {
            return Verdict::NotMatched(NoMatch::NoKey { missing: "purl" });
        };
        let v = r.vulnerability();
        let same_eco = |p: &&crate::index::PreparedPackage| {
            p.key.name == key.name && p.key.base.eq_ignore_ascii_case(&key.base)
        };
        if !r.packages.iter().any(|p| same_eco(&p)) {
            let other: Vec<String> = r
                .packages
                .iter()
                .filter(|p| p.key.name == key.name)
                .map(|p| p.key.ecosystem.clone())
                .collect();
            if other.is_empty() {
                return Verdict::NotMatched(NoMatch::OtherPackage);
            }
            return Verdict::NotMatched(NoMatch::WrongEcosystem {
                component: key.ecosystem.clone(),
                record: other,
            });
        }
        let mut other_releases = Vec::new();
        let mut outside = Vec::new();
        let mut unknown: Option<Verdict> = None;
        let parsed = &probe.version;
        let searched_by = || probe.purl_key.clone();
        for p in r.packages.iter().filter(same_eco) {
            let mut conditions = Vec::new();
            match (&key.release, &p.key.release) {
                (Some(a), Some(b)) if !a.eq_ignore_ascii_case(b) => {
                    other_releases.push(p.key.ecosystem.clone());
                    continue;
                }
                (None, Some(_)) => conditions.push(Condition::ReleaseUnknown {
                    advisory_ecosystem: p.key.ecosystem.clone(),
                }),
                _ => {}
            }
            let range = || p.shown.clone();
            let confidence = if conditions.is_empty() {
                Confidence::High
            } else {
                Confidence::Medium
            };
            let cannot = |reason: String, conditions: Vec<Condition>| {
                evidence(
                    "purl",
                    searched_by(),
                    v,
                    range(),
                    p.fixed.clone(),
                    Outcome::CouldNotEvaluate { reason },
                    confidence,
                    conditions,
                )
            };
            if let Some(reason) = &p.undecidable {
                unknown.get_or_insert_with(|| cannot(reason.clone(), conditions));
                continue;
            }
            let ver = match &parsed {
                None => {
                    unknown.get_or_insert_with(|| {
                        cannot("the component has no version".to_owned(), conditions)
                    });
                    continue;
                }
                Some(Err(e)) => {
                    unknown.get_or_insert_with(|| cannot(e.clone(), conditions));
                    continue;
                }
                Some(Ok(ver)) => ver,
            };
            match p.contains(ver) {
                Contains::Yes => {
                    return evidence(
                        "purl",
                        searched_by(),
                        v,
                        range(),
                        p.fixed.clone(),
                        Outcome::Affected,
                        confidence,
                        conditions,
                    );
                }
                Contains::No => outside.extend(p.ranges_text.iter().cloned()),
                Contains::Unknown { reason } => {
                    unknown.get_or_insert_with(|| cannot(reason, conditions));
                }
            }
        }
        if let Some(u) = unknown {
            return u;
        }
        if !outside.is_empty() {
            return Verdict::NotMatched(NoMatch::VersionOutside {
                version: c.version_for_ecosystem().unwrap_or_default(),
                ranges: outside,
            });
        }
        Verdict::NotMatched(NoMatch::OtherRelease {
            component: key.ecosystem.clone(),
            record: other_releases,
        })
    }
}
