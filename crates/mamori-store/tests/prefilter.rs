//! The scan's prefiltered candidate index gives the findings of the full one: the NVD API samples imported, scanned by components made from their own criteria and bounds.

use crate::common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use mamori_match::{ComponentIdentity, CpePrefilter, Environment, MatchPolicy, Scanner, VulnIndex};
use mamori_model::SourceKind;
use mamori_purl::cpe::{AttrValue, Attribute, Cpe};
use mamori_store::Store;
use time::OffsetDateTime;
use time::macros::datetime;

const T0: OffsetDateTime = datetime!(2026-11-26 09:00 UTC);

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

/// Versions at, above and below a bound.
fn around(v: &str) -> Vec<String> {
    let mut out = vec![v.to_owned(), format!("{v}.1"), format!("{v}-rc1")];
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

/// Components made from the stored records' criteria: version ANY with the
/// bounds' neighbours as component versions, NA, none, unreadable ones.
fn components(index: &VulnIndex) -> Vec<ComponentIdentity> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for r in index.records() {
        for m in r
            .vulnerability()
            .cpe_configurations
            .iter()
            .flat_map(|c| &c.nodes)
            .flat_map(|n| &n.matches)
        {
            let Ok(criteria) = Cpe::parse(m.criteria.trim()) else {
                continue;
            };
            let mut versions: Vec<Option<String>> = vec![None, Some("not a version".into())];
            for b in [
                &m.version_start_including,
                &m.version_start_excluding,
                &m.version_end_including,
                &m.version_end_excluding,
            ]
            .into_iter()
            .flatten()
            {
                versions.extend(around(b).into_iter().map(Some));
            }
            if let Some(v) = criteria.version().value() {
                versions.extend(around(&v.unquoted()).into_iter().map(Some));
            }
            let mut cpes = vec![(
                criteria.clone().with(Attribute::Version, AttrValue::Any),
                versions,
            )];
            cpes.push((
                criteria.clone().with(Attribute::Version, AttrValue::Na),
                vec![None],
            ));
            for (cpe, versions) in cpes {
                for v in versions {
                    if !seen.insert((cpe.to_fs(), v.clone())) {
                        continue;
                    }
                    let mut id = ComponentIdentity::from_cpe(&cpe.to_fs()).unwrap();
                    id.bom_ref = format!("c{}", seen.len());
                    id.version = v;
                    out.push(id);
                }
            }
        }
    }
    out
}

/// Every storage key the components are searched by (the CLI's set).
fn keys(components: &[ComponentIdentity]) -> Vec<String> {
    let empty = VulnIndex::new(Vec::new());
    let open = MatchPolicy {
        cpe_for_language_packages: true,
        match_first_party: true,
    };
    let probe = Scanner::new(&empty, open);
    let mut keys: BTreeSet<String> = BTreeSet::new();
    for c in components {
        keys.extend(mamori_store::component_storage_keys(&probe, c));
    }
    keys.into_iter().collect()
}

/// Scans `components` with the full and the prefiltered candidate index;
/// returns how many records the prefilter left out.
async fn check(s: &Store, name: &str, components: &[ComponentIdentity]) -> usize {
    let keys = keys(components);
    let full = s.candidate_index(keys.clone()).await.unwrap();
    let prefilter = CpePrefilter::new(components);
    let cut = s
        .prefiltered_candidate_index(keys, &prefilter)
        .await
        .unwrap();
    assert_eq!(cut.prefiltered(), cut.len() < full.len(), "{name}");
    let env = Environment::unknown();
    let policy = MatchPolicy::default();
    let expected = Scanner::new(&full, policy).scan(components, &env);
    let got = Scanner::new(&cut, policy).scan(components, &env);
    assert_eq!(
        format!("{:?}", got.findings),
        format!("{:?}", expected.findings),
        "{name}: findings differ"
    );
    assert_eq!(
        format!("{:?}", got.components),
        format!("{:?}", expected.components),
        "{name}: component reports differ"
    );
    full.len() - cut.len()
}

#[tokio::test]
async fn prefiltered_candidates_give_the_same_findings() {
    let Some(dir) = data() else { return };
    let mut files = Vec::new();
    json_files(&dir, &mut files);
    for t in common::stores().await {
        let (s, name) = (&t.store, t.name);
        for f in &files {
            let file = f.strip_prefix(&dir).unwrap().to_string_lossy().into_owned();
            // Some sample files are not NVD API documents; they are refused whole.
            let _ = s
                .import_feed_file(&file, &std::fs::read(f).unwrap(), Some(SourceKind::Nvd), T0)
                .await;
        }
        // Every stored record, reached under each of its keys.
        let mut keys: BTreeSet<String> = BTreeSet::new();
        for f in &files {
            let file = f.file_name().unwrap().to_string_lossy().into_owned();
            for v in mamori_feeds::nvd::read(&file, &std::fs::read(f).unwrap())
                .into_iter()
                .flatten()
            {
                keys.extend(mamori_match::storage_keys(&v));
            }
        }
        let all = s.candidate_index(keys).await.unwrap();
        assert!(all.len() > 20, "{name}: only {} records", all.len());
        let components = components(&all);
        // Each component alone: the prefilter sees only its versions.
        let mut left_out = 0;
        for c in components.iter().step_by(5) {
            left_out += check(s, name, std::slice::from_ref(c)).await;
        }
        assert!(left_out > 20, "{name}: only {left_out} records left out");
        // All at once, as one SBOM.
        check(s, name, &components).await;
    }
}
