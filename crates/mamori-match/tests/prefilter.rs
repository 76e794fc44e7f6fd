//! The CPE prefilter is conservative: over the NVD API samples and components made from their own criteria and bounds, leaving out the records it rejects changes no finding and no component report.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use mamori_match::{
    ComponentIdentity, CpePrefilter, CriteriaCache, Environment, MatchPolicy, PreparedRecords,
    Scanner, VulnIndex,
};
use mamori_model::{CpeConfiguration, CpeMatch, CpeNode, Operator, Vulnerability};
use mamori_purl::cpe::{Attribute, CpeValue};
use mamori_purl::{AttrValue, Cpe};

fn data() -> Option<PathBuf> {
    let p =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/nvd-cve-api-2.0-samples");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("notice: {} is absent; skipping", p.display());
        None
    }
}

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            json_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "json") {
            out.push(p);
        }
    }
}

/// Every record the NVD reader accepts from the samples.
fn records(dir: &Path) -> Vec<Vulnerability> {
    let mut files = Vec::new();
    json_files(dir, &mut files);
    let mut out = Vec::new();
    for f in files {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        out.extend(
            mamori_feeds::nvd::read(&name, &std::fs::read(&f).unwrap())
                .into_iter()
                .filter_map(Result::ok),
        );
    }
    out
}

/// Versions around a bound: the bound, just above and below it, and texts the
/// generic order reads differently or not at all.
fn around(v: &str) -> Vec<String> {
    let mut out = vec![
        v.to_owned(),
        format!("{v}.1"),
        format!("{v}-rc1"),
        format!("{v}a"),
    ];
    // The last number one lower and one higher.
    if let Some((head, last)) = v.rsplit_once('.')
        && let Ok(n) = last.parse::<u64>()
    {
        out.push(format!("{head}.{}", n + 1));
        if n > 0 {
            out.push(format!("{head}.{}", n - 1));
        }
    }
    out
}

/// Components made from every criteria of the records: the criteria's CPE
/// with its version as ANY, NA, or each version near a bound (in the CPE or
/// as the component's version), without a version, with unreadable ones.
fn components(records: &[Vulnerability]) -> Vec<ComponentIdentity> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    let mut push = |cpe: Cpe, version: Option<String>| {
        let key = (cpe.to_fs(), version.clone());
        if !seen.insert(key) {
            return;
        }
        let mut id = ComponentIdentity::from_cpe(&cpe.to_fs()).unwrap();
        id.bom_ref = format!("c{}", seen.len());
        id.version = version;
        out.push(id);
    };
    for r in records {
        for cfg in &r.cpe_configurations {
            for n in &cfg.nodes {
                for m in &n.matches {
                    let Ok(criteria) = Cpe::parse(m.criteria.trim()) else {
                        continue;
                    };
                    let mut versions: Vec<String> =
                        ["0", "1", "99999", "not a version", "1.0~beta", "*", "-", ""]
                            .iter()
                            .map(|s| s.to_string())
                            .collect();
                    for b in [
                        &m.version_start_including,
                        &m.version_start_excluding,
                        &m.version_end_including,
                        &m.version_end_excluding,
                    ]
                    .into_iter()
                    .flatten()
                    {
                        versions.extend(around(b));
                    }
                    if let Some(v) = criteria.version().value() {
                        versions.extend(around(&v.unquoted()));
                    }
                    let any = criteria.clone().with(Attribute::Version, AttrValue::Any);
                    push(any.clone(), None);
                    push(
                        criteria.clone().with(Attribute::Version, AttrValue::Na),
                        None,
                    );
                    for v in versions {
                        push(any.clone(), Some(v.clone()));
                        if let Some(value) = CpeValue::literal(&v).map(AttrValue::Value) {
                            push(criteria.clone().with(Attribute::Version, value), None);
                        }
                    }
                }
            }
        }
    }
    out
}

/// The records the prefilter keeps for these components, and how many it left
/// out. One criteria cache serves every record, as a store shares one across
/// a chunk of records.
fn prefiltered(records: &[Vulnerability], prefilter: &CpePrefilter) -> (VulnIndex, usize) {
    let mut cache = CriteriaCache::default();
    let kept: Vec<Vulnerability> = records
        .iter()
        .filter(|r| {
            !r.affected_packages.is_empty()
                || !r.jvn_products.is_empty()
                || !r.csaf_products.is_empty()
                || r.cpe_configurations
                    .iter()
                    .any(|c| prefilter.config_may_hold(&mut cache, c))
        })
        .cloned()
        .collect();
    let left_out = records.len() - kept.len();
    let mut index = VulnIndex::new(kept);
    index.set_prefiltered(left_out > 0);
    (index, left_out)
}

/// Scans `components` against every record and against what the prefilter
/// keeps, in an environment that knows nothing and in the components' own;
/// the results must be the same. Returns how many records were left out.
fn check(records: &[Vulnerability], full: &VulnIndex, components: &[ComponentIdentity]) -> usize {
    let mut left_out = 0;
    for env in [
        Environment::unknown(),
        Environment::from_identities(components),
    ] {
        left_out += check_in(records, full, components, &env);
    }
    left_out
}

fn check_in(
    records: &[Vulnerability],
    full: &VulnIndex,
    components: &[ComponentIdentity],
    env: &Environment,
) -> usize {
    let policy = MatchPolicy::default();
    let expected = Scanner::new(full, policy).scan(components, env);
    let prefilter = CpePrefilter::new(components).in_environment(env.clone());
    let (index, left_out) = prefiltered(records, &prefilter);
    let got = Scanner::new(&index, policy).scan(components, env);
    assert_eq!(
        format!("{:?}", got.findings),
        format!("{:?}", expected.findings),
        "findings differ for {:?}",
        components
            .iter()
            .map(|c| (c.cpe.as_ref().map(Cpe::to_fs), c.version.clone()))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        format!("{:?}", got.components),
        format!("{:?}", expected.components)
    );
    left_out
}

#[test]
fn prefilter_changes_no_finding() {
    let Some(dir) = data() else { return };
    let records = records(&dir);
    assert!(records.len() > 20, "only {} records read", records.len());
    let components = components(&records);
    let full = VulnIndex::new(records.clone());
    // One component at a time: the prefilter sees only that component.
    let mut left_out = 0;
    let mut found = 0;
    for c in &components {
        left_out += check(&records, &full, std::slice::from_ref(c));
        found += Scanner::new(&full, MatchPolicy::default())
            .scan(std::slice::from_ref(c), &Environment::unknown())
            .findings
            .len();
    }
    // All of them at once, as one SBOM.
    check(&records, &full, &components);
    // The cases exercise both answers: matches kept, records left out.
    assert!(found > 100, "only {found} findings");
    assert!(
        left_out > components.len(),
        "only {left_out} records left out"
    );
}

#[test]
fn prefilter_keeps_what_it_cannot_decide() {
    let Some(dir) = data() else { return };
    let records = records(&dir);
    // Platform criteria never make a record a candidate by themselves; a
    // criteria that does not parse is never answered "yes" by the matcher.
    let none = CpePrefilter::new(&[]);
    for r in &records {
        for m in r
            .cpe_configurations
            .iter()
            .flat_map(|c| &c.nodes)
            .flat_map(|n| &n.matches)
        {
            let wild = Cpe::parse(m.criteria.trim()).is_ok_and(|c| {
                [c.vendor(), c.product()]
                    .iter()
                    .any(|a| a.value().is_none_or(|v| v.has_wildcards()))
            });
            assert_eq!(none.may_match(m), m.vulnerable && wild, "{}", m.criteria);
        }
    }
}

#[test]
fn cached_criteria_answer_as_may_match() {
    let Some(dir) = data() else { return };
    let records = records(&dir);
    let components = components(&records);
    // One prefilter for the whole SBOM and one per component; one cache shared
    // by every criteria, as a store shares it across a product's rows.
    let mut prefilters = vec![CpePrefilter::new(&components)];
    prefilters.extend(
        components
            .iter()
            .map(|c| CpePrefilter::new(std::slice::from_ref(c))),
    );
    let matches: Vec<_> = records
        .iter()
        .flat_map(|r| &r.cpe_configurations)
        .flat_map(|c| &c.nodes)
        .flat_map(|n| &n.matches)
        .filter(|m| m.vulnerable)
        .collect();
    let mut yes = 0;
    for p in &prefilters {
        let mut cache = CriteriaCache::default();
        for m in &matches {
            let bounds = [
                m.version_start_including.as_deref(),
                m.version_start_excluding.as_deref(),
                m.version_end_including.as_deref(),
                m.version_end_excluding.as_deref(),
            ];
            let cached = p.may_match_criteria(&mut cache, &m.criteria, &bounds);
            assert_eq!(cached, p.may_match(m), "{} {bounds:?}", m.criteria);
            yes += usize::from(cached);
        }
    }
    assert!(yes > 100, "only {yes} criteria kept");
}

#[test]
fn parallel_scan_of_chunked_preparation_equals_the_plain_scan() {
    let Some(dir) = data() else { return };
    let records = records(&dir);
    let components = components(&records);
    let policy = MatchPolicy::default();
    let env = Environment::unknown();
    let full = VulnIndex::new(records.clone());
    let expected = Scanner::new(&full, policy).scan(&components, &env);
    assert!(expected.findings.len() > 100);
    // Chunks prepared apart and joined out of order, then put back in order,
    // as a store reads alias rounds.
    let third = records.len() / 3;
    let mut prepared = PreparedRecords::new(records[2 * third..].to_vec());
    prepared.append(PreparedRecords::new(records[..third].to_vec()));
    prepared.append(PreparedRecords::new(records[third..2 * third].to_vec()));
    let order: Vec<usize> = (2 * third..records.len()).chain(0..2 * third).collect();
    let index = VulnIndex::from_prepared(prepared.sorted_by_key(&order));
    for threads in [1, 2, 3, 64] {
        let got = Scanner::new(&index, policy).scan_parallel(&components, &env, threads);
        assert_eq!(
            format!("{:?}", got.findings),
            format!("{:?}", expected.findings),
            "{threads} threads"
        );
        assert_eq!(
            format!("{:?}", got.components),
            format!("{:?}", expected.components),
            "{threads} threads"
        );
    }
}

/// [`CpePrefilter::config_may_hold`] with a cache of its own.
fn holds(p: &CpePrefilter, config: &CpeConfiguration) -> bool {
    p.config_may_hold(&mut CriteriaCache::default(), config)
}

/// One cpeMatch: the criteria and whether it is vulnerable, with an end bound.
fn criteria(cpe: &str, vulnerable: bool, end_excluding: Option<&str>) -> CpeMatch {
    CpeMatch {
        criteria: cpe.to_owned(),
        vulnerable,
        version_end_excluding: end_excluding.map(str::to_owned),
        ..CpeMatch::default()
    }
}

/// "The application running on the operating system": an AND of two OR nodes.
fn running_on(app: CpeMatch, platform: CpeMatch) -> CpeConfiguration {
    let node = |m| CpeNode {
        operator: Operator::Or,
        negate: false,
        matches: vec![m],
    };
    CpeConfiguration {
        operator: Some(Operator::And),
        negate: false,
        nodes: vec![node(app), node(platform)],
    }
}

#[test]
fn issue_5_a_configuration_that_needs_an_absent_platform_keeps_nothing() {
    let app = ComponentIdentity::from_cpe("cpe:2.3:a:acme:viewer:2.1:*:*:*:*:*:*:*").unwrap();
    let linux =
        ComponentIdentity::from_cpe("cpe:2.3:o:linux:linux_kernel:5.10:*:*:*:*:*:*:*").unwrap();
    let vulnerable = criteria("cpe:2.3:a:acme:viewer:*:*:*:*:*:*:*:*", true, Some("3.0"));
    let on_windows = running_on(
        vulnerable.clone(),
        criteria("cpe:2.3:o:microsoft:windows:-:*:*:*:*:*:*:*", false, None),
    );
    let on_linux = running_on(
        vulnerable.clone(),
        criteria("cpe:2.3:o:linux:linux_kernel:*:*:*:*:*:*:*:*", false, None),
    );
    let sbom = [app.clone(), linux.clone()];
    let known = CpePrefilter::new(&sbom).in_environment(Environment::from_identities(&sbom));
    // The SBOM names its operating system, and it is not Windows.
    assert!(!holds(&known, &on_windows));
    assert!(holds(&known, &on_linux));
    // Without an environment the platform is unknown: a conditional finding.
    let unknown = CpePrefilter::new(&sbom);
    assert!(holds(&unknown, &on_windows));
    // An SBOM without an operating system does not say it is absent.
    let app_only = std::slice::from_ref(&app);
    let no_os = CpePrefilter::new(app_only).in_environment(Environment::from_identities(app_only));
    assert!(holds(&no_os, &on_windows));
    // A version the bound leaves out answers nothing, whatever the platform.
    let fixed = running_on(
        criteria("cpe:2.3:a:acme:viewer:*:*:*:*:*:*:*:*", true, Some("2.0")),
        criteria("cpe:2.3:o:linux:linux_kernel:*:*:*:*:*:*:*:*", false, None),
    );
    assert!(!holds(&known, &fixed));
    // A negated platform node may hold: "not on Windows" is Linux here.
    let mut not_windows = on_windows.clone();
    not_windows.nodes[1].negate = true;
    assert!(holds(&known, &not_windows));
    // An OR of the same nodes holds on the application alone.
    let mut either = on_windows.clone();
    either.operator = Some(Operator::Or);
    assert!(holds(&known, &either));
    // A vulnerable criteria of another product is answered by the platforms:
    // present, it may make this one's configuration hold; absent, it cannot.
    let with_lib = |lib: &str| {
        running_on(
            vulnerable.clone(),
            criteria(&format!("cpe:2.3:a:{lib}:*:*:*:*:*:*:*:*"), true, None),
        )
    };
    let lib = ComponentIdentity::from_cpe("cpe:2.3:a:zlib:zlib:1.2:*:*:*:*:*:*:*").unwrap();
    let with = [app.clone(), linux.clone(), lib];
    let p = CpePrefilter::new(&with).in_environment(Environment::from_identities(&with));
    assert!(holds(&p, &with_lib("zlib:zlib")));
    assert!(!holds(&p, &with_lib("openssl:openssl")));
    assert!(!holds(&unknown, &with_lib("openssl:openssl")));
}
