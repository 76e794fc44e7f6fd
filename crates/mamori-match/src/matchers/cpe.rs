//! CPE matching against NVD configurations (AND/OR nodes, negation, running-on platforms) and JVN's CPE 2.2 names.
//!
//! Only CPEs the SBOM declares are used; none are generated from names,
//! which is where CPE matchers produce most of their false positives.
//!
//! Version values as NVD means them: `*` (ANY) in the criteria means every
//! version, narrowed by `versionStart*`/`versionEnd*`; a plain value means
//! that version; `-` (NA) means the product has no version notion (NVD uses
//! it for hardware and for products listed without versions), so it matches
//! on identity alone, at medium confidence with the condition stated.
//! Versions compare by the lenient generic order, since NVD versions are
//! upstream versions of no particular ecosystem.
//!
//! A configuration is evaluated with three values (yes / no / unknown): the
//! component answers its own vulnerable criteria; platform criteria
//! (`vulnerable: false`) are answered by the [`Environment`]. A configuration
//! that holds only if an unknown platform is present is reported as a match
//! with [`Condition::PlatformUnknown`]; one that needs a platform the SBOM
//! shows is absent does not match.

use std::collections::HashMap;

use mamori_model::{CpeConfiguration, CpeMatch, Operator};
use mamori_purl::cpe::{AttrRelation, Attribute, CpeValue, compare_attr};
use mamori_purl::{AttrValue, Cpe};
use mamori_version::Scheme;
use mamori_version::range::{Contains, CsafProductVersion};

use super::{Matcher, evidence};
use crate::finding::{Condition, Confidence, NoMatch, Outcome, Verdict};
use crate::identity::{ComponentIdentity, Environment, Probe};
use crate::index::{
    IndexedRecord, PreparedConfig, PreparedCpeMatch, SearchKey, bare_criteria, cpe_key, cpe_key_ref,
};
use crate::policy::MatchPolicy;

/// Matches by CPE.
#[derive(Clone, Copy, Debug, Default)]
pub struct CpeMatcher;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tri {
    Yes,
    No,
    Unknown,
}

impl Tri {
    fn not(self) -> Tri {
        match self {
            Tri::Yes => Tri::No,
            Tri::No => Tri::Yes,
            Tri::Unknown => Tri::Unknown,
        }
    }

    fn combine(op: Operator, items: impl Iterator<Item = Tri>) -> Tri {
        let (mut yes, mut no, mut unknown) = (false, false, false);
        let mut any = false;
        for t in items {
            any = true;
            match t {
                Tri::Yes => yes = true,
                Tri::No => no = true,
                Tri::Unknown => unknown = true,
            }
        }
        if !any {
            return Tri::No;
        }
        match op {
            Operator::Or if yes => Tri::Yes,
            Operator::Or if unknown => Tri::Unknown,
            Operator::Or => Tri::No,
            Operator::And if no => Tri::No,
            Operator::And if unknown => Tri::Unknown,
            Operator::And => Tri::Yes,
        }
    }
}

/// How one CPE name compares to one criteria, version aside.
fn identity_disjoint(criteria: &Cpe, target: &Cpe) -> Option<Attribute> {
    Attribute::ALL
        .into_iter()
        .filter(|a| *a != Attribute::Version)
        .find(|a| compare_attr(criteria.get(*a), target.get(*a)) == AttrRelation::Disjoint)
}

/// The answer of one criteria for one CPE (and a version known from elsewhere).
struct Hit {
    tri: Tri,
    disjoint: Option<Attribute>,
    reason: Option<String>,
    na_version: bool,
}

fn check_match(m: &PreparedCpeMatch, target: &Cpe, version: Option<&str>) -> Hit {
    let hit = |tri, disjoint, reason| Hit {
        tri,
        disjoint,
        reason,
        na_version: false,
    };
    let Ok(criteria) = &m.cpe else {
        return hit(Tri::No, None, None);
    };
    if let Some(a) = identity_disjoint(criteria, target) {
        return hit(Tri::No, Some(a), None);
    }
    let has_bounds = m.has_bounds;
    if *criteria.version() == AttrValue::Na {
        return Hit {
            tri: Tri::Yes,
            disjoint: None,
            reason: None,
            na_version: true,
        };
    }
    // The target's own version attribute first, then the component version.
    let version: Option<String> = match target.version() {
        AttrValue::Value(v) if !v.has_wildcards() => Some(v.unquoted()),
        AttrValue::Na => {
            let ok = *criteria.version() == AttrValue::Any && !has_bounds;
            return hit(
                if ok { Tri::Yes } else { Tri::No },
                (!ok).then_some(Attribute::Version),
                None,
            );
        }
        _ => version.map(str::to_owned),
    };
    let Some(version) = version else {
        if *criteria.version() == AttrValue::Any && !has_bounds {
            return hit(Tri::Yes, None, None);
        }
        return hit(
            Tri::Unknown,
            None,
            Some("the component has no version".to_owned()),
        );
    };
    if m.wild_version {
        let rel = match CpeValue::literal(&version) {
            Some(v) => compare_attr(criteria.version(), &AttrValue::Value(v)),
            None => AttrRelation::Disjoint,
        };
        let ok = matches!(rel, AttrRelation::Superset | AttrRelation::Equal);
        return hit(
            if ok { Tri::Yes } else { Tri::No },
            (!ok).then_some(Attribute::Version),
            None,
        );
    }
    let parsed = match Scheme::Generic.parse(&version) {
        Ok(v) => v,
        Err(e) => return hit(Tri::Unknown, None, Some(e.to_string())),
    };
    match m.bounds.contains(&parsed) {
        Contains::Yes => hit(Tri::Yes, None, None),
        Contains::No => hit(Tri::No, Some(Attribute::Version), None),
        Contains::Unknown { reason } => hit(Tri::Unknown, None, Some(reason)),
    }
}

/// The platforms a criteria can be anything but disjoint from, in the
/// environment's order: for a plain vendor and product, those naming the same
/// ones and those whose vendor or product is not plain; else all. An SBOM of
/// a thousand CPE components made every criteria of every candidate record
/// compare against every one of them.
fn platforms_for<'e>(
    criteria: &Cpe,
    env: &'e Environment,
) -> Box<dyn Iterator<Item = &'e (Cpe, String)> + 'e> {
    let Some((vendor, product)) = cpe_key_ref(criteria) else {
        return Box::new(env.platforms.iter());
    };
    let keyed = env.keyed(vendor, product);
    if env.unkeyed.is_empty() {
        return Box::new(keyed.iter().filter_map(|&i| env.platforms.get(i)));
    }
    let mut at: Vec<usize> = keyed.iter().chain(&env.unkeyed).copied().collect();
    at.sort_unstable();
    Box::new(at.into_iter().filter_map(|i| env.platforms.get(i)))
}

/// What the environment says about a platform criteria.
fn platform(m: &PreparedCpeMatch, env: &Environment) -> (Tri, Option<String>) {
    let Ok(criteria) = &m.cpe else {
        return (Tri::Unknown, None);
    };
    let mut unknown = false;
    for (cpe, by) in platforms_for(criteria, env) {
        let h = check_match(m, cpe, None);
        match h.tri {
            Tri::Yes => return (Tri::Yes, Some(by.clone())),
            Tri::Unknown => unknown = true,
            Tri::No => {}
        }
    }
    if unknown {
        return (Tri::Unknown, None);
    }
    (unprovided(criteria, env), None)
}

/// What the environment says about a platform criteria none of its platforms
/// answers: "no" where the SBOM says what it runs on, else unknown.
fn unprovided(criteria: &Cpe, env: &Environment) -> Tri {
    let known = match criteria.part().value().map(|v| v.as_wfn()) {
        Some("o") => env.os_known,
        Some("h") => env.hardware_known,
        _ => false,
    };
    if known { Tri::No } else { Tri::Unknown }
}

/// The result of evaluating one configuration for one component.
struct ConfigResult {
    value: Tri,
    /// Vulnerable criteria the component itself answered yes or unknown.
    hits: Vec<usize>,
    version_reasons: Vec<String>,
    platforms_unknown: Vec<String>,
    platforms_absent: Vec<String>,
    platforms_present: Vec<(String, String)>,
    outside: Vec<String>,
    disjoint: Option<(Attribute, String)>,
    na_version: bool,
    ranges: Vec<String>,
    fixed: Vec<String>,
}

fn evaluate(
    cfg: &PreparedConfig,
    target: &Cpe,
    version: Option<&str>,
    env: &Environment,
) -> ConfigResult {
    let mut r = ConfigResult {
        value: Tri::No,
        hits: Vec::new(),
        version_reasons: Vec::new(),
        platforms_unknown: Vec::new(),
        platforms_absent: Vec::new(),
        platforms_present: Vec::new(),
        outside: Vec::new(),
        disjoint: None,
        na_version: false,
        ranges: Vec::new(),
        fixed: Vec::new(),
    };
    let mut idx = 0;
    let node_values: Vec<Tri> = cfg
        .nodes
        .iter()
        .map(|n| {
            let values: Vec<Tri> = n
                .matches
                .iter()
                .map(|m| {
                    idx += 1;
                    if m.vulnerable {
                        let h = check_match(m, target, version);
                        match h.tri {
                            Tri::Yes | Tri::Unknown => {
                                r.hits.push(idx);
                                r.ranges.push(m.range_text.clone());
                                r.fixed.extend(m.fixed.clone());
                                r.na_version |= h.na_version;
                                if let Some(reason) = h.reason {
                                    r.version_reasons.push(reason);
                                }
                                h.tri
                            }
                            Tri::No => {
                                if h.disjoint == Some(Attribute::Version) {
                                    r.outside.push(m.range_text.clone());
                                } else if let Some(a) = h.disjoint {
                                    // The later the differing attribute, the closer
                                    // the criteria: report the closest one.
                                    if r.disjoint
                                        .as_ref()
                                        .is_none_or(|(b, _)| (a as usize) > (*b as usize))
                                    {
                                        r.disjoint = Some((a, m.raw.clone()));
                                    }
                                }
                                // Another component of the product may be the
                                // vulnerable one an AND configuration needs.
                                platform(m, env).0.min_yes()
                            }
                        }
                    } else {
                        let (t, by) = platform(m, env);
                        match t {
                            Tri::Yes => r
                                .platforms_present
                                .push((m.raw.clone(), by.unwrap_or_default())),
                            Tri::No => r.platforms_absent.push(m.raw.clone()),
                            Tri::Unknown => r.platforms_unknown.push(m.raw.clone()),
                        }
                        t
                    }
                })
                .collect();
            let v = Tri::combine(n.operator, values.into_iter());
            if n.negate { v.not() } else { v }
        })
        .collect();
    let v = Tri::combine(cfg.operator, node_values.into_iter());
    r.value = if cfg.negate { v.not() } else { v };
    r
}

impl Tri {
    /// An environment answer for a vulnerable criteria of another component:
    /// unknown platforms do not make another product vulnerable.
    fn min_yes(self) -> Tri {
        match self {
            Tri::Yes => Tri::Yes,
            _ => Tri::No,
        }
    }
}

impl Matcher for CpeMatcher {
    fn name(&self) -> &'static str {
        "cpe"
    }

    fn search_keys(
        &self,
        c: &ComponentIdentity,
        policy: &MatchPolicy,
    ) -> Result<Vec<SearchKey>, NoMatch> {
        let cpe = c.cpe.as_ref().ok_or(NoMatch::NoKey { missing: "CPE" })?;
        if let Some(k) = &c.package
            && k.is_language()
            && !policy.cpe_for_language_packages
        {
            return Err(NoMatch::PolicySkippedCpeForLanguagePackage {
                ecosystem: k.base.clone(),
            });
        }
        let (vendor, product) = cpe_key(cpe).ok_or(NoMatch::NoKey {
            missing: "CPE vendor and product",
        })?;
        Ok(vec![SearchKey::Cpe { vendor, product }])
    }

    fn relevant(&self, r: &IndexedRecord) -> bool {
        !r.configs.is_empty() || r.jvn.iter().any(|j| j.cpe.is_some())
    }

    fn reads_prefiltered(&self) -> bool {
        true
    }

    fn check(&self, probe: &Probe<'_>, env: &Environment, r: &IndexedRecord) -> Verdict {
        let c = probe.identity;
        let Some(target) = &c.cpe else {
            return Verdict::NotMatched(NoMatch::NoKey { missing: "CPE" });
        };
        let v = r.vulnerability();
        let searched_by = match cpe_key(target) {
            Some((vendor, product)) => format!("cpe:{vendor}:{product}"),
            None => target.to_string(),
        };
        let version = c.version.as_deref();
        let shown_version = match target.version() {
            AttrValue::Value(v) => v.unquoted(),
            _ => version.unwrap_or("(none)").to_owned(),
        };
        let mut unknown: Option<Verdict> = None;
        let mut conditional: Option<Verdict> = None;
        let mut outside = Vec::new();
        let mut absent = Vec::new();
        let mut not_satisfied = false;
        let mut disjoint = None;
        for cfg in &r.configs {
            let res = evaluate(cfg, target, version, env);
            outside.extend(res.outside.iter().cloned());
            if let Some((a, _)) = &res.disjoint
                && disjoint
                    .as_ref()
                    .is_none_or(|(b, _): &(Attribute, String)| (*a as usize) > (*b as usize))
            {
                disjoint = res.disjoint.clone();
            }
            if res.hits.is_empty() {
                continue;
            }
            let range = res.ranges.join(" ; ");
            let mut conditions: Vec<Condition> = res
                .platforms_present
                .iter()
                .map(|(criteria, by)| Condition::PlatformPresent {
                    criteria: criteria.clone(),
                    provided_by: by.clone(),
                })
                .collect();
            if res.na_version {
                conditions.push(Condition::NoVersionInformation);
            }
            match res.value {
                Tri::Yes => {
                    let confidence = if res.na_version {
                        Confidence::Medium
                    } else {
                        Confidence::High
                    };
                    return evidence(
                        "cpe",
                        searched_by,
                        v,
                        range,
                        res.fixed,
                        Outcome::Affected,
                        confidence,
                        conditions,
                    );
                }
                Tri::Unknown if !res.version_reasons.is_empty() => {
                    unknown.get_or_insert_with(|| {
                        evidence(
                            "cpe",
                            searched_by.clone(),
                            v,
                            range,
                            res.fixed.clone(),
                            Outcome::CouldNotEvaluate {
                                reason: res.version_reasons.join("; "),
                            },
                            Confidence::Medium,
                            conditions.clone(),
                        )
                    });
                }
                Tri::Unknown => {
                    conditions.push(Condition::PlatformUnknown {
                        required: res.platforms_unknown.clone(),
                    });
                    conditional.get_or_insert_with(|| {
                        evidence(
                            "cpe",
                            searched_by.clone(),
                            v,
                            range,
                            res.fixed.clone(),
                            Outcome::Affected,
                            Confidence::Medium,
                            conditions,
                        )
                    });
                }
                Tri::No => {
                    if res.platforms_absent.is_empty() {
                        not_satisfied = true;
                    } else {
                        absent.extend(res.platforms_absent);
                    }
                }
            }
        }
        if let Some(m) = conditional.or(unknown) {
            return m;
        }
        if let Some(m) = self.check_jvn(c, target, &searched_by, r) {
            return m;
        }
        if !absent.is_empty() {
            return Verdict::NotMatched(NoMatch::PlatformAbsent { required: absent });
        }
        if not_satisfied {
            return Verdict::NotMatched(NoMatch::ConfigurationNotSatisfied);
        }
        if !outside.is_empty() {
            return Verdict::NotMatched(NoMatch::VersionOutside {
                version: shown_version,
                ranges: outside,
            });
        }
        match disjoint {
            Some((a, criteria)) => Verdict::NotMatched(NoMatch::CpeDisjoint {
                attribute: a.as_str().to_owned(),
                criteria,
            }),
            None => Verdict::NotMatched(NoMatch::OtherPackage),
        }
    }
}

impl CpeMatcher {
    /// JVN items: a CPE 2.2 name (vendor and product) and free-form version texts.
    fn check_jvn(
        &self,
        c: &ComponentIdentity,
        target: &Cpe,
        searched_by: &str,
        r: &IndexedRecord,
    ) -> Option<Verdict> {
        let v = r.vulnerability();
        let key = cpe_key(target)?;
        let mut result = None;
        for j in &r.jvn {
            if j.cpe.as_ref().and_then(cpe_key).as_ref() != Some(&key) {
                continue;
            }
            let range = format!(
                "{} {}",
                j.raw.cpe.as_deref().unwrap_or_default(),
                j.raw.versions.join(" ; ")
            );
            let made = |outcome, confidence, conditions| {
                evidence(
                    "cpe",
                    searched_by.to_owned(),
                    v,
                    range.clone(),
                    Vec::new(),
                    outcome,
                    confidence,
                    conditions,
                )
            };
            if j.raw.versions.iter().all(|t| t.trim().is_empty()) {
                return Some(made(
                    Outcome::Affected,
                    Confidence::Low,
                    vec![Condition::NoVersionInformation],
                ));
            }
            let Some(version) = c.version.as_deref() else {
                result.get_or_insert(made(
                    Outcome::CouldNotEvaluate {
                        reason: "the component has no version".to_owned(),
                    },
                    Confidence::Medium,
                    Vec::new(),
                ));
                continue;
            };
            let mut unreadable = Vec::new();
            let mut outside = true;
            for text in &j.raw.versions {
                match CsafProductVersion::parse(Scheme::Generic, text) {
                    Ok(set) => match set.contains_str(version) {
                        Contains::Yes => {
                            return Some(made(Outcome::Affected, Confidence::High, Vec::new()));
                        }
                        Contains::No => {}
                        Contains::Unknown { .. } => unreadable.push(text.clone()),
                    },
                    Err(_) => unreadable.push(text.clone()),
                }
            }
            if !unreadable.is_empty() {
                outside = false;
                result = Some(made(
                    Outcome::Affected,
                    Confidence::Low,
                    unreadable
                        .into_iter()
                        .map(|text| Condition::UnreadableVersionText { text })
                        .collect(),
                ));
            }
            if outside && result.is_none() {
                result = Some(Verdict::NotMatched(NoMatch::VersionOutside {
                    version: version.to_owned(),
                    ranges: j.raw.versions.clone(),
                }));
            }
        }
        result
    }
}

trait ContainsStr {
    fn contains_str(&self, v: &str) -> Contains;
}

impl ContainsStr for CsafProductVersion {
    fn contains_str(&self, v: &str) -> Contains {
        self.set().contains_str(v)
    }
}

/// Which NVD cpeMatch criteria can make a record match one of a set of
/// components by CPE: what a store asks before it loads candidate records.
///
/// A record that carries nothing but NVD configurations yields a CPE finding
/// for a component only when one of its vulnerable criteria answers "yes" or
/// "unknown" for that component's CPE and version (a criteria the component
/// does not answer can only stand for another component of an AND
/// configuration, which then has its own finding). Such a criteria names the
/// component's vendor and product, or has wild cards there. The prefilter
/// asks exactly the question [`CpeMatcher`] asks of each criteria, with the
/// same function, so a record all of whose criteria it rejects is one the
/// matcher would not match: an unparseable version, a missing one, a CPE
/// version of `-` all answer "keep".
///
/// A criteria that answers may still sit in a configuration that cannot hold:
/// an application "running on" an operating system the SBOM shows is not
/// there. [`CpePrefilter::config_may_hold`] asks that of a whole configuration,
/// with the matcher's own answers for the platforms of the
/// [`CpePrefilter::in_environment`].
#[derive(Clone, Debug, Default)]
pub struct CpePrefilter {
    /// The components' CPE and version by the CPE's (vendor, product).
    targets: HashMap<(String, String), Vec<Target>>,
    /// What the SBOM says the product runs on; unknown until given.
    env: Environment,
}

/// A component as the prefilter sees it: its CPE and its version.
type Target = (Cpe, Option<String>);

impl CpePrefilter {
    /// The prefilter for these components: every one with a CPE whose vendor
    /// and product are plain values, whatever the policy (a superset of what
    /// the matcher searches by, which only keeps more).
    pub fn new<'a>(components: impl IntoIterator<Item = &'a ComponentIdentity>) -> CpePrefilter {
        let mut targets: HashMap<(String, String), Vec<Target>> = HashMap::new();
        for c in components {
            let Some(cpe) = &c.cpe else { continue };
            let Some(key) = cpe_key(cpe) else { continue };
            let list = targets.entry(key).or_default();
            let target = (cpe.clone(), c.version.clone());
            if !list.contains(&target) {
                list.push(target);
            }
        }
        CpePrefilter {
            targets,
            env: Environment::unknown(),
        }
    }

    /// The prefilter for components of a product running in `env`, the
    /// environment the scan is matched in: platform criteria are then answered
    /// as the matcher answers them, not as unknown.
    pub fn in_environment(mut self, env: Environment) -> CpePrefilter {
        self.env = env;
        self
    }

    /// The (vendor, product) pairs the components are searched by.
    pub fn keys(&self) -> impl Iterator<Item = (&str, &str)> {
        self.targets.keys().map(|(v, p)| (v.as_str(), p.as_str()))
    }

    /// The storage keys (see [`SearchKey::storage_key`]) of [`CpePrefilter::keys`]:
    /// the keys under which a record may be left out when none of its criteria
    /// passes [`CpePrefilter::may_match`].
    pub fn storage_keys(&self) -> impl Iterator<Item = String> + '_ {
        self.targets.keys().map(|(vendor, product)| {
            SearchKey::Cpe {
                vendor: vendor.clone(),
                product: product.clone(),
            }
            .storage_key()
        })
    }

    /// Whether this cpeMatch can answer "yes" or "unknown" for one of the
    /// components: `false` only when the CPE matcher would answer "no" for
    /// every one of them (platform criteria, `vulnerable: false`, answer for
    /// the environment, never for the component).
    pub fn may_match(&self, m: &CpeMatch) -> bool {
        m.vulnerable
            && self.may_match_criteria(
                &mut CriteriaCache::default(),
                &m.criteria,
                &[
                    m.version_start_including.as_deref(),
                    m.version_start_excluding.as_deref(),
                    m.version_end_including.as_deref(),
                    m.version_end_excluding.as_deref(),
                ],
            )
    }

    /// [`CpePrefilter::may_match`] of a vulnerable criteria given as its text
    /// and its bounds (start including, start excluding, end including, end
    /// excluding), as a store keeps them. The CPE is parsed once per text in
    /// `cache`: an NVD product's criteria repeat one CPE with many bounds.
    pub fn may_match_criteria<'t>(
        &self,
        cache: &mut CriteriaCache<'t>,
        criteria: &'t str,
        bounds: &[Option<&str>; 4],
    ) -> bool {
        let (prepared, key) = cache.entry(criteria);
        if prepared.cpe.is_err() {
            return false;
        }
        let Some(key) = key else { return true };
        let Some(targets) = self.targets.get(key) else {
            return false;
        };
        prepared.set_bounds(bounds);
        targets
            .iter()
            .any(|(cpe, version)| check_match(prepared, cpe, version.as_deref()).tri != Tri::No)
    }

    /// Whether `config` can give one of the components a CPE finding: `false`
    /// only when, for every component, none of its vulnerable criteria
    /// answers or the configuration evaluates to "no", the two ways the
    /// matcher gives nothing for it. Each criteria is answered as the matcher
    /// answers it: by [`CpePrefilter::may_match_criteria`] where a component
    /// may answer it, else by the environment's platforms. What cannot be
    /// decided (a negation, an unparseable criteria) keeps the configuration.
    /// Criteria are parsed once per text in `cache`, as for
    /// [`CpePrefilter::may_match_criteria`].
    pub fn config_may_hold<'t>(
        &self,
        cache: &mut CriteriaCache<'t>,
        config: &'t CpeConfiguration,
    ) -> bool {
        let mut answered = false;
        let nodes = config.nodes.iter().map(|n| {
            let matches = n.matches.iter().map(|m| {
                let bounds = [
                    m.version_start_including.as_deref(),
                    m.version_start_excluding.as_deref(),
                    m.version_end_including.as_deref(),
                    m.version_end_excluding.as_deref(),
                ];
                if m.vulnerable && self.may_match_criteria(cache, &m.criteria, &bounds) {
                    answered = true;
                    return true;
                }
                let (prepared, key) = cache.entry(&m.criteria);
                let answer = match (&prepared.cpe, key) {
                    // No platform of the environment can answer it: its bounds
                    // (a version parse each) are not needed.
                    (Ok(cpe), Some((vendor, product)))
                        if self.env.unkeyed.is_empty()
                            && self.env.keyed(vendor, product).is_empty() =>
                    {
                        unprovided(cpe, &self.env)
                    }
                    _ => {
                        prepared.set_bounds(&bounds);
                        platform(prepared, &self.env).0
                    }
                };
                match answer {
                    // Another component of the product may be the vulnerable one.
                    Tri::Yes => true,
                    // An unknown platform only conditions a platform criteria.
                    Tri::Unknown => !m.vulnerable,
                    Tri::No => false,
                }
            });
            // "Not" of a value that may be anything may be anything.
            n.negate || may_combine(n.operator, matches)
        });
        let holds = may_combine(config.operator.unwrap_or(Operator::Or), nodes);
        answered && (config.negate || holds)
    }
}

/// Whether [`Tri::combine`] may give other than "no", given for each item
/// whether it may be other than "no". Every item is looked at: each may be the
/// one a component answers.
fn may_combine(op: Operator, items: impl Iterator<Item = bool>) -> bool {
    let (mut any, mut all, mut count) = (false, true, 0);
    for may in items {
        any |= may;
        all &= may;
        count += 1;
    }
    count > 0
        && match op {
            Operator::Or => any,
            Operator::And => all,
        }
}

/// A criteria ready to decide, with its plain (vendor, product).
type ParsedCriteria = (PreparedCpeMatch, Option<(String, String)>);

/// Criteria parsed by [`CpePrefilter::may_match_criteria`], by their text.
#[derive(Default)]
pub struct CriteriaCache<'t> {
    parsed: HashMap<&'t str, ParsedCriteria>,
}

impl<'t> CriteriaCache<'t> {
    /// The criteria, parsed the first time it is asked for.
    fn entry(&mut self, criteria: &'t str) -> &mut ParsedCriteria {
        self.parsed.entry(criteria).or_insert_with(|| {
            let prepared = bare_criteria(criteria, true);
            let key = match &prepared.cpe {
                Ok(cpe) => cpe_key(cpe),
                Err(_) => None,
            };
            (prepared, key)
        })
    }
}
