//! The scan: every component through every matcher, evidence grouped into findings; and `explain`, the same decisions shown one record at a time.

use std::collections::BTreeMap;

use mamori_model::Sbom;

use crate::finding::{
    ComponentReport, ComponentStatus, Confidence, Evidence, Explanation, Finding, FindingKind,
    NoMatch, Outcome, ScanResult, Verdict,
};
use crate::identity::{ComponentIdentity, Environment, Probe, identify};
use crate::index::VulnIndex;
use crate::matchers::{Matcher, default_matchers};
use crate::policy::MatchPolicy;

/// Runs matchers over components against an index.
pub struct Scanner<'a> {
    index: &'a VulnIndex,
    matchers: Vec<Box<dyn Matcher>>,
    /// Per matcher: whether any record of the index carries data it reads;
    /// a matcher with nothing to find is not run (its keys are not built).
    active: Vec<bool>,
    policy: MatchPolicy,
}

impl<'a> Scanner<'a> {
    /// A scanner with [`default_matchers`].
    pub fn new(index: &'a VulnIndex, policy: MatchPolicy) -> Scanner<'a> {
        Scanner::with_matchers(index, policy, default_matchers())
    }

    /// A scanner with the given matchers.
    pub fn with_matchers(
        index: &'a VulnIndex,
        policy: MatchPolicy,
        matchers: Vec<Box<dyn Matcher>>,
    ) -> Scanner<'a> {
        let active = matchers
            .iter()
            .map(|m| {
                (index.prefiltered() && m.reads_prefiltered())
                    || index.records().iter().any(|r| m.relevant(r))
            })
            .collect();
        Scanner {
            index,
            matchers,
            active,
            policy,
        }
    }

    /// The index.
    pub fn index(&self) -> &'a VulnIndex {
        self.index
    }

    /// The policy.
    pub fn policy(&self) -> MatchPolicy {
        self.policy
    }

    /// Every key the matchers search a component by under this policy: with
    /// [`crate::IndexedRecord::search_keys`], what tells continuous monitoring
    /// which components a changed record can touch.
    pub fn search_keys(&self, c: &ComponentIdentity) -> Vec<(&'static str, crate::SearchKey)> {
        let mut out = Vec::new();
        for m in &self.matchers {
            if let Ok(keys) = m.search_keys(c, &self.policy) {
                out.extend(keys.into_iter().map(|k| (m.name(), k)));
            }
        }
        out
    }

    /// Scans an SBOM: first-party components marked by [`identify`], the
    /// platform taken from [`Environment::from_sbom`].
    pub fn scan_sbom(&self, sbom: &Sbom) -> ScanResult {
        let ids = identify(sbom);
        let env = Environment::from_sbom(sbom);
        self.scan(&ids, &env)
    }

    /// Scans components.
    pub fn scan(&self, components: &[ComponentIdentity], env: &Environment) -> ScanResult {
        let mut result = ScanResult {
            findings: Vec::with_capacity(components.len()),
            components: Vec::with_capacity(components.len()),
        };
        for (i, c) in components.iter().enumerate() {
            let (report, findings) = self.scan_component(i, c, env);
            result.components.push(report);
            result.findings.extend(findings);
        }
        result
    }

    /// [`Scanner::scan`] on up to `threads` threads: the same result, in the
    /// same order. Components are handed out one at a time, since their costs
    /// differ by thousands (a kernel CPE meets thousands of records, most
    /// components a handful). For a command that owns the machine; a server
    /// scans on its own pool with [`Scanner::scan`].
    pub fn scan_parallel(
        &self,
        components: &[ComponentIdentity],
        env: &Environment,
        threads: usize,
    ) -> ScanResult {
        let threads = threads.clamp(1, components.len().max(1));
        if threads == 1 {
            return self.scan(components, env);
        }
        let next = std::sync::atomic::AtomicUsize::new(0);
        let mut parts: Vec<(usize, ComponentReport, Vec<Finding>)> = std::thread::scope(|s| {
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    s.spawn(|| {
                        let mut done = Vec::new();
                        loop {
                            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some(c) = components.get(i) else { break };
                            let (report, findings) = self.scan_component(i, c, env);
                            done.push((i, report, findings));
                        }
                        done
                    })
                })
                .collect();
            workers
                .into_iter()
                .flat_map(|w| w.join().expect("a scan thread panicked"))
                .collect()
        });
        parts.sort_unstable_by_key(|p| p.0);
        let mut result = ScanResult {
            findings: Vec::with_capacity(components.len()),
            components: Vec::with_capacity(components.len()),
        };
        for (_, report, findings) in parts {
            result.components.push(report);
            result.findings.extend(findings);
        }
        result
    }

    /// Scans one component (`position` is its place in the caller's list).
    pub fn scan_component(
        &self,
        position: usize,
        c: &ComponentIdentity,
        env: &Environment,
    ) -> (ComponentReport, Vec<Finding>) {
        let mut report = ComponentReport {
            component: position,
            bom_ref: c.bom_ref.clone(),
            status: ComponentStatus::Evaluated,
            first_party: c.first_party.clone(),
            searched: Vec::new(),
            skipped: Vec::new(),
        };
        if let Some(reason) = &c.first_party
            && !self.policy.match_first_party
        {
            report.status = ComponentStatus::FirstPartySkipped {
                reason: reason.clone(),
            };
            return (report, Vec::new());
        }
        let probe = Probe::new(c);
        // group → (evidence, informational kind of each matched record)
        let mut groups: BTreeMap<u32, (Vec<Evidence>, Option<FindingKind>)> = BTreeMap::new();
        let mut any_key = false;
        for (m, _) in self.matchers.iter().zip(&self.active).filter(|(_, a)| **a) {
            let keys = match m.search_keys(c, &self.policy) {
                Ok(k) => k,
                Err(why) => {
                    if !matches!(why, NoMatch::NoKey { .. }) {
                        any_key = true;
                    }
                    report.skipped.push((m.name(), why));
                    continue;
                }
            };
            any_key = true;
            let mut candidates: Vec<usize> = Vec::new();
            for k in &keys {
                report.searched.push((m.name(), k.to_string()));
                candidates.extend(self.index.lookup(k));
            }
            candidates.sort_unstable();
            candidates.dedup();
            for i in candidates {
                let Some(rec) = self.index.record(i) else {
                    continue;
                };
                if rec.vulnerability().is_withdrawn() {
                    continue;
                }
                if let Verdict::Matched(ev) = m.check(&probe, env, rec) {
                    let kind = match &rec.vulnerability().informational {
                        Some(k) => FindingKind::Informational(k.clone()),
                        None => FindingKind::Vulnerability,
                    };
                    let entry = groups
                        .entry(self.index.group_index(i))
                        .or_insert_with(|| (Vec::new(), None));
                    entry.0.push(ev);
                    entry.1 = match entry.1.take() {
                        Some(FindingKind::Vulnerability) => Some(FindingKind::Vulnerability),
                        _ if kind == FindingKind::Vulnerability => Some(kind),
                        prev => prev.or(Some(kind)),
                    };
                }
            }
        }
        if !any_key {
            report.status = ComponentStatus::NoIdentity;
        } else if let Some(reason) = version_problem(c, &probe) {
            report.status = ComponentStatus::CouldNotEvaluate { reason };
        }
        let findings = groups
            .into_iter()
            .map(|(g, (evidence, kind))| {
                let ids = self.index.group_ids(g).to_vec();
                let affected: Vec<&Evidence> = evidence
                    .iter()
                    .filter(|e| e.outcome == Outcome::Affected)
                    .collect();
                let outcome = if affected.is_empty() {
                    let mut reasons: Vec<String> = evidence
                        .iter()
                        .filter_map(|e| match &e.outcome {
                            Outcome::CouldNotEvaluate { reason } => Some(reason.clone()),
                            Outcome::Affected => None,
                        })
                        .collect();
                    reasons.dedup();
                    Outcome::CouldNotEvaluate {
                        reason: reasons.join("; "),
                    }
                } else {
                    Outcome::Affected
                };
                let pool: Vec<&Evidence> = if affected.is_empty() {
                    evidence.iter().collect()
                } else {
                    affected
                };
                let confidence = pool
                    .iter()
                    .map(|e| e.confidence)
                    .max()
                    .unwrap_or(Confidence::Low);
                Finding {
                    component: position,
                    bom_ref: c.bom_ref.clone(),
                    group: ids[0].clone(),
                    ids,
                    kind: kind.unwrap_or(FindingKind::Vulnerability),
                    outcome,
                    confidence,
                    evidence,
                }
            })
            .collect::<Vec<_>>();
        let mut findings = findings;
        findings.sort_by(|a, b| a.group.cmp(&b.group));
        (report, findings)
    }

    /// Records worth explaining for a component: every record filed under any
    /// key any matcher would search by (policy ignored, so the policy's own
    /// effect can be shown), plus records naming the same package in other
    /// ecosystems.
    pub fn explain_candidates(&self, c: &ComponentIdentity) -> Vec<usize> {
        let open = MatchPolicy {
            cpe_for_language_packages: true,
            match_first_party: true,
        };
        let mut out = Vec::new();
        for m in &self.matchers {
            if let Ok(keys) = m.search_keys(c, &open) {
                for k in &keys {
                    out.extend(self.index.lookup(k));
                }
            }
        }
        if let Some(k) = &c.package {
            out.extend(self.index.lookup_name(&k.name));
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Why each candidate record (positions in the index) did or did not
    /// match, one explanation per record and matcher that reads it.
    pub fn explain(
        &self,
        c: &ComponentIdentity,
        env: &Environment,
        candidates: &[usize],
    ) -> Vec<Explanation> {
        let mut out = Vec::new();
        let probe = Probe::new(c);
        for &i in candidates {
            let Some(rec) = self.index.record(i) else {
                continue;
            };
            let v = rec.vulnerability();
            for m in self.matchers.iter().filter(|m| m.relevant(rec)) {
                let verdict = if let Some(reason) = c
                    .first_party
                    .as_ref()
                    .filter(|_| !self.policy.match_first_party)
                {
                    Verdict::NotMatched(NoMatch::FirstPartySkipped {
                        reason: reason.clone(),
                    })
                } else if let Some(at) = v.withdrawn {
                    Verdict::NotMatched(NoMatch::Withdrawn { at })
                } else {
                    match m.search_keys(c, &self.policy) {
                        Err(why) => Verdict::NotMatched(why),
                        Ok(_) => m.check(&probe, env, rec),
                    }
                };
                out.push(Explanation {
                    record_id: v.id.clone(),
                    matcher: m.name(),
                    verdict,
                });
            }
        }
        out
    }
}

/// Why the component's version cannot be compared, if it cannot.
fn version_problem(c: &ComponentIdentity, probe: &Probe<'_>) -> Option<String> {
    match &probe.version {
        None => Some("the component has no version".to_owned()),
        Some(Err(e)) if c.scheme().is_some() => Some(e.clone()),
        Some(_) => None,
    }
}
