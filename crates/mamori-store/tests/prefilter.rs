//! The scan's prefiltered candidate index gives the findings of the full one: the NVD API samples imported, scanned by components made from their own criteria and bounds.

use crate::common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use mamori_match::{ComponentIdentity, CpePrefilter, Environment, MatchPolicy, Scanner, VulnIndex};
use mamori_model::SourceKind;
use mamori_purl::cpe::{AttrValue, Attribute, Cpe};
use mamori_store::Store;
use sqlx::Row;
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

/// Scans `components` with the full and the prefiltered candidate index, in
/// an environment that knows nothing and in the components' own; returns how
/// many records the prefilter left out.
async fn check(s: &Store, name: &str, components: &[ComponentIdentity]) -> usize {
    let mut left_out = 0;
    for env in [
        Environment::unknown(),
        Environment::from_identities(components),
    ] {
        left_out += check_in(s, name, components, &env).await;
    }
    left_out
}

async fn check_in(
    s: &Store,
    name: &str,
    components: &[ComponentIdentity],
    env: &Environment,
) -> usize {
    let keys = keys(components);
    let full = s.candidate_index(keys.clone()).await.unwrap();
    let prefilter = CpePrefilter::new(components).in_environment(env.clone());
    let cut = s
        .prefiltered_candidate_index(keys, &prefilter)
        .await
        .unwrap();
    assert_eq!(cut.prefiltered(), cut.len() < full.len(), "{name}");
    let policy = MatchPolicy::default();
    let expected = Scanner::new(&full, policy).scan(components, env);
    let got = Scanner::new(&cut, policy).scan(components, env);
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
        import_samples(s, &dir, &files).await;
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

/// Two made-up NVD records of one application: one vulnerable wherever it
/// runs, one only when it runs on Windows.
const RUNNING_ON: &str = r#"{"resultsPerPage":2,"startIndex":0,"totalResults":2,"format":"NVD_CVE","version":"2.0","timestamp":"2026-11-26T09:00:00.000","vulnerabilities":[
{"cve":{"id":"CVE-2026-90001","published":"2026-11-01T10:00:00.000","lastModified":"2026-11-02T10:00:00.000","vulnStatus":"Analyzed","descriptions":[{"lang":"en","value":"A made-up flaw of the viewer on every platform."}],"configurations":[{"nodes":[{"operator":"OR","negate":false,"cpeMatch":[{"vulnerable":true,"criteria":"cpe:2.3:a:acme:viewer:*:*:*:*:*:*:*:*","versionEndExcluding":"3.0","matchCriteriaId":"90000000-0000-4000-8000-000000000001"}]}]}]}},
{"cve":{"id":"CVE-2026-90002","published":"2026-11-01T10:00:00.000","lastModified":"2026-11-02T10:00:00.000","vulnStatus":"Analyzed","descriptions":[{"lang":"en","value":"A made-up flaw of the viewer running on Windows."}],"configurations":[{"operator":"AND","nodes":[{"operator":"OR","negate":false,"cpeMatch":[{"vulnerable":true,"criteria":"cpe:2.3:a:acme:viewer:*:*:*:*:*:*:*:*","versionEndExcluding":"3.0","matchCriteriaId":"90000000-0000-4000-8000-000000000002"}]},{"operator":"OR","negate":false,"cpeMatch":[{"vulnerable":false,"criteria":"cpe:2.3:o:microsoft:windows:-:*:*:*:*:*:*:*","matchCriteriaId":"90000000-0000-4000-8000-000000000003"}]}]}]}}
]}"#;

async fn import_running_on(s: &Store) {
    s.import_feed_file(
        "running-on.json",
        RUNNING_ON.as_bytes(),
        Some(SourceKind::Nvd),
        T0,
    )
    .await
    .unwrap();
}

/// Imports the NVD samples; some sample files are not NVD API documents, and
/// are refused whole.
async fn import_samples(s: &Store, dir: &Path, files: &[PathBuf]) {
    for f in files {
        let file = f.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
        let _ = s
            .import_feed_file(&file, &std::fs::read(f).unwrap(), Some(SourceKind::Nvd), T0)
            .await;
    }
}

#[tokio::test]
async fn issue_5_a_record_that_needs_an_absent_platform_is_not_read() {
    for t in common::stores().await {
        let (s, name) = (&t.store, t.name);
        import_running_on(s).await;
        let sbom = |os: &str| {
            ["cpe:2.3:a:acme:viewer:2.1:*:*:*:*:*:*:*", os]
                .iter()
                .map(|c| ComponentIdentity::from_cpe(c).unwrap())
                .collect::<Vec<_>>()
        };
        let ids = |index: &VulnIndex| {
            index
                .records()
                .iter()
                .map(|r| r.vulnerability().id.to_string())
                .collect::<Vec<_>>()
        };
        let both = ["CVE-2026-90001", "CVE-2026-90002"];
        // On Linux the Windows record cannot match: it is not read.
        let linux = sbom("cpe:2.3:o:linux:linux_kernel:5.10:*:*:*:*:*:*:*");
        let env = Environment::from_identities(&linux);
        let prefilter = CpePrefilter::new(&linux).in_environment(env.clone());
        let cut = s
            .prefiltered_candidate_index(keys(&linux), &prefilter)
            .await
            .unwrap();
        assert_eq!(ids(&cut), ["CVE-2026-90001"], "{name}");
        assert!(cut.prefiltered(), "{name}");
        let found = Scanner::new(&cut, MatchPolicy::default()).scan(&linux, &env);
        assert_eq!(found.findings.len(), 1, "{name}");
        // Where the platform is not known, or is Windows, both are read.
        let unknown = CpePrefilter::new(&linux);
        let cut = s
            .prefiltered_candidate_index(keys(&linux), &unknown)
            .await
            .unwrap();
        assert_eq!(ids(&cut), both, "{name}");
        let windows = sbom("cpe:2.3:o:microsoft:windows:-:*:*:*:*:*:*:*");
        let prefilter =
            CpePrefilter::new(&windows).in_environment(Environment::from_identities(&windows));
        let cut = s
            .prefiltered_candidate_index(keys(&windows), &prefilter)
            .await
            .unwrap();
        assert_eq!(ids(&cut), both, "{name}");
    }
}

/// Each stored criteria's `standalone`, in the rows' order.
async fn standalone(s: &Store) -> Vec<(i64, i64, i64, i64, Option<i64>)> {
    sqlx::query(
        "SELECT vuln_id, config_idx, node_idx, match_idx, standalone FROM vuln_cpes \
         ORDER BY vuln_id, config_idx, node_idx, match_idx",
    )
    .fetch_all(s.pool())
    .await
    .unwrap()
    .iter()
    .map(|r| {
        (
            r.get(0),
            r.get(1),
            r.get(2),
            r.get(3),
            r.get::<Option<i64>, _>(4),
        )
    })
    .collect()
}

#[tokio::test]
async fn issue_5_migration_0030_fills_standalone_as_an_import_writes_it() {
    for t in common::stores().await {
        let (s, name) = (&t.store, t.name);
        import_running_on(s).await;
        // The samples add negated nodes and configurations of many shapes.
        if let Some(dir) = data() {
            let mut files = Vec::new();
            json_files(&dir, &mut files);
            import_samples(s, &dir, &files).await;
        }
        let written = standalone(s).await;
        let alone = written.iter().filter(|r| r.4 == Some(1)).count();
        let not = written.iter().filter(|r| r.4 == Some(0)).count();
        assert_eq!(alone + not, written.len(), "{name}: every row is filled");
        assert!(
            alone > 0 && not > 0,
            "{name}: {alone} standalone, {not} not"
        );
        // The Windows record's criteria both depend on the other node.
        let id: i64 =
            sqlx::query("SELECT id FROM vulnerabilities WHERE record_id = 'CVE-2026-90002'")
                .fetch_one(s.pool())
                .await
                .unwrap()
                .get(0);
        let windows: Vec<_> = written.iter().filter(|r| r.0 == id).collect();
        assert_eq!(windows.len(), 2, "{name}");
        assert!(windows.iter().all(|r| r.4 == Some(0)), "{name}");
        // A store migrated from before 0030 has the rows but not the column's
        // values: the migration's fill must give what an import writes.
        let migration = match name {
            "sqlite" => include_str!("../migrations/sqlite/0030_vuln_cpes_standalone.sql"),
            _ => include_str!("../migrations/postgres/0030_vuln_cpes_standalone.sql"),
        };
        let fill = migration
            .split(';')
            .map(|st| {
                st.lines()
                    .filter(|l| !l.starts_with("--"))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .find(|st| st.trim_start().starts_with("UPDATE"))
            .unwrap();
        sqlx::query("UPDATE vuln_cpes SET standalone = NULL")
            .execute(s.pool())
            .await
            .unwrap();
        sqlx::query(sqlx::AssertSqlSafe(fill))
            .execute(s.pool())
            .await
            .unwrap();
        assert_eq!(standalone(s).await, written, "{name}");
    }
}
