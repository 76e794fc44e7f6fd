//! Package-URL matching against OSV `affected[]` entries, every OSV ecosystem, distributions by release.
//!
//! The purl gives the OSV ecosystem and name (`mamori_purl::osv_package`,
//! which reads the `distro` qualifier into `Debian:12`, `Alpine:v3.19`…).
//! Names compare as the ecosystem compares them; versions by the
//! ecosystem's own order (`mamori-version`). A component without a release
//! matches every release of its distribution, with the advisory's release
//! stated as a condition; an advisory without a release matches every
//! release.

use mamori_version::Scheme;
use mamori_version::range::Contains;

use super::{Matcher, evidence};
use crate::finding::{Condition, Confidence, NoMatch, Outcome, Verdict};
use crate::identity::{ComponentIdentity, Environment};
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

    fn check(&self, c: &ComponentIdentity, _env: &Environment, r: &IndexedRecord) -> Verdict {
        let Some(key) = &c.package else {
            return Verdict::NotMatched(NoMatch::NoKey { missing: "purl" });
        };
        let v = r.vulnerability();
        let same_name: Vec<_> = r
            .packages
            .iter()
            .filter(|p| p.key.name == key.name)
            .collect();
        let same_eco: Vec<_> = same_name
            .iter()
            .filter(|p| p.key.base.eq_ignore_ascii_case(&key.base))
            .collect();
        if same_eco.is_empty() {
            if same_name.is_empty() {
                return Verdict::NotMatched(NoMatch::OtherPackage);
            }
            return Verdict::NotMatched(NoMatch::WrongEcosystem {
                component: key.ecosystem.clone(),
                record: same_name.iter().map(|p| p.key.ecosystem.clone()).collect(),
            });
        }
        let mut other_releases = Vec::new();
        let mut outside = Vec::new();
        let mut unknown: Option<Verdict> = None;
        let scheme = Scheme::from_name(&key.base).unwrap_or(Scheme::Generic);
        let version = c.version_for_ecosystem();
        let parsed = version.as_deref().map(|s| scheme.parse(s));
        let searched_by = c.purl_key();
        for p in same_eco {
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
            let range = format!(
                "{} {}: {}",
                p.key.ecosystem,
                p.key.name,
                p.ranges_text.join(" ; ")
            );
            let confidence = if conditions.is_empty() {
                Confidence::High
            } else {
                Confidence::Medium
            };
            let cannot = |reason: String, conditions: Vec<Condition>| {
                evidence(
                    "purl",
                    searched_by.clone(),
                    v,
                    range.clone(),
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
                    unknown.get_or_insert_with(|| cannot(e.to_string(), conditions));
                    continue;
                }
                Some(Ok(ver)) => ver,
            };
            match p.affected.contains(ver) {
                Contains::Yes => {
                    return evidence(
                        "purl",
                        searched_by,
                        v,
                        range,
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
                version: version.unwrap_or_default(),
                ranges: outside,
            });
        }
        Verdict::NotMatched(NoMatch::OtherRelease {
            component: key.ecosystem.clone(),
            record: other_releases,
        })
    }
}
