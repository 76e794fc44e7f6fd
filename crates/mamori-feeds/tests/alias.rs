//! Alias grouping tests: constructed cases (including the google/osv.dev#888 shape) and the real advisory databases.

use crate::common;

use mamori_feeds::alias;
use mamori_feeds::osv;
use mamori_model::VulnId;

/// Records as `"ID: ALIAS ALIAS"`; groups as `"ANCHOR=idx,idx"`.
fn check(records: &[&str], want: &[&str]) {
    let parsed: Vec<(VulnId, Vec<VulnId>)> = records
        .iter()
        .map(|r| {
            let (id, aliases) = r.split_once(':').unwrap_or((r, ""));
            (
                VulnId::new(id).unwrap(),
                aliases
                    .split_whitespace()
                    .map(|a| VulnId::new(a).unwrap())
                    .collect(),
            )
        })
        .collect();
    let groups = alias::group(parsed.iter().map(|(id, a)| (id, a.as_slice())));
    let got: Vec<String> = groups
        .iter()
        .map(|g| {
            let idx: Vec<String> = g.records.iter().map(ToString::to_string).collect();
            format!("{}={}", g.anchor, idx.join(","))
        })
        .collect();
    assert_eq!(got, want, "{records:?}");
}

#[test]
fn constructed_cases() {
    // CVE ↔ GHSA ↔ PYSEC ↔ JVNDB on one CVE: one group.
    check(
        &[
            "GHSA-aaaa: CVE-2020-1",
            "PYSEC-1: CVE-2020-1 GHSA-aaaa",
            "JVNDB-2020-1: CVE-2020-1",
            "CVE-2020-1",
        ],
        &["CVE-2020-1=0,1,2,3"],
    );
    // google/osv.dev#888: one advisory lists several CVEs; each CVE keeps its own group.
    check(
        &[
            "GHSA-big: CVE-2021-1 CVE-2021-2 CVE-2021-3",
            "GHSA-one: CVE-2021-1",
            "GHSA-two: CVE-2021-2",
        ],
        &["CVE-2021-1=0,1", "CVE-2021-2=0,2", "CVE-2021-3=0"],
    );
    // A chain of multi-CVE advisories does not merge everything.
    check(
        &[
            "A-1: CVE-1 CVE-2",
            "A-2: CVE-2 CVE-3",
            "A-3: CVE-3 CVE-4",
            "A-4: CVE-4",
        ],
        &["CVE-1=0", "CVE-2=0,1", "CVE-3=1,2", "CVE-4=2,3"],
    );
    // A CVE-less GHSA named by a CVE-anchored record joins that group (one hop), not further.
    check(
        &["GHSA-x", "PYSEC-9: CVE-2022-5 GHSA-x", "GO-1: GHSA-x"],
        &["CVE-2022-5=0,1,2"],
    );
    // Without any CVE: anchored on the GHSA id, else the record's own id.
    check(
        &[
            "PYSEC-2: GHSA-y",
            "GHSA-y",
            "RUSTSEC-2020-1",
            "GO-7: PYSEC-8",
        ],
        &["GHSA-y=0,1", "GO-7=3", "RUSTSEC-2020-1=2"],
    );
    // Ids compare case-insensitively.
    check(&["GHSA-z: cve-2023-9", "CVE-2023-9"], &["cve-2023-9=0,1"]);
}

#[test]
fn related_is_not_alias() {
    let Some(dir) = common::data_dir("advisories/rustsec-osv") else {
        return;
    };
    // A record's `related` ids are ignored: grouping uses only id and aliases.
    let mut recs = Vec::new();
    for f in common::files(&dir, &[".json"]) {
        recs.extend(
            osv::read("f", &std::fs::read(f).unwrap())
                .into_iter()
                .flatten(),
        );
    }
    let with_related = recs.iter().filter(|v| !v.related.is_empty()).count();
    assert!(with_related > 0);
    let groups = alias::group_vulnerabilities(&recs);
    for g in &groups {
        for &i in &g.records {
            for r in &recs[i].related {
                if !recs[i].aliases.contains(r) && r.kind() != mamori_model::VulnIdKind::Cve {
                    assert!(
                        !g.ids.contains(r)
                            || g.records
                                .iter()
                                .any(|&j| recs[j].id == *r || recs[j].aliases.contains(r)),
                        "{} pulled in related {r}",
                        g.anchor
                    );
                }
            }
        }
    }
}

#[test]
fn real_databases() {
    let mut recs = Vec::new();
    for sub in [
        "advisories/ghsa-sample-via-index",
        "advisories/pypa-advisory-database",
        "advisories/golang-vulndb",
        "advisories/rustsec-osv",
    ] {
        let Some(dir) = common::data_dir(sub) else {
            return;
        };
        for f in common::files(&dir, &[".json", ".yaml"]) {
            let name = common::rel(&dir, &f);
            recs.extend(
                osv::read(&name, &std::fs::read(&f).unwrap())
                    .into_iter()
                    .flatten(),
            );
        }
    }
    assert_eq!(recs.len(), 11 + 2661 + 4291 + 1206);
    let groups = alias::group_vulnerabilities(&recs);
    let biggest = groups.iter().max_by_key(|g| g.records.len()).unwrap();
    let in_a_group: std::collections::HashSet<usize> = groups
        .iter()
        .flat_map(|g| g.records.iter().copied())
        .collect();
    eprintln!(
        "{} records, {} groups, biggest {} with {} records: {:?}",
        recs.len(),
        groups.len(),
        biggest.anchor,
        biggest.records.len(),
        biggest
            .records
            .iter()
            .map(|&i| recs[i].id.as_str())
            .collect::<Vec<_>>()
    );
    // Every record is in at least one group.
    assert_eq!(in_a_group.len(), recs.len());
    // PYSEC-2021-335 (aliases CVE-2021-32807 and GHSA-qcx9-j53g-ccgf) is in the CVE's group.
    let g = groups
        .iter()
        .find(|g| g.anchor.as_str() == "CVE-2021-32807")
        .unwrap();
    assert!(
        g.records
            .iter()
            .any(|&i| recs[i].id.as_str() == "PYSEC-2021-335")
    );
    assert!(g.ids.iter().any(|x| x.as_str() == "GHSA-qcx9-j53g-ccgf"));
    // No giant groups: the biggest is a handful of records about one CVE.
    assert!(
        biggest.records.len() <= 8,
        "biggest group {} has {}",
        biggest.anchor,
        biggest.records.len()
    );
}
