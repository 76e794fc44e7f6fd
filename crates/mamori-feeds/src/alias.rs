//! Groups records of different feeds that describe the same vulnerability (CVE ↔ GHSA ↔ JVNDB ↔ vendor ids).
//!
//! # The rule
//!
//! Only each record's own `id` and `aliases` are used; `related` never is (it
//! names *different* vulnerabilities). Grouping is deliberately **not
//! transitive**: an advisory that lists several CVEs (google/osv.dev#888) would
//! otherwise glue unrelated vulnerabilities into one group, and a chain of
//! such advisories into a giant one. Instead a group is *anchored* on one id
//! and records join groups without ever merging them:
//!
//! 1. A record whose id or aliases include CVE ids belongs to the group of
//!    **each** of those CVEs. A record listing CVE-A and CVE-B sits in both
//!    groups; the two groups stay apart.
//! 2. A record without any CVE name joins the CVE groups of the records that
//!    name it directly, one hop only: a CVE-anchored record lists its id, or it
//!    lists the id of a CVE-anchored record as an alias.
//! 3. A record still without a group is anchored on its own names: the
//!    smallest GHSA id among its id and aliases, else its own id. So
//!    `PYSEC-1 (aliases GHSA-x)` and `GHSA-x` share the group `GHSA-x`.
//!
//! Ids compare case-insensitively. A group lists its anchor, the records in it
//! and their non-CVE names; CVEs other than the anchor that a member also lists
//! are not shown as the group's names, since they are other vulnerabilities.

use std::collections::{BTreeMap, HashMap};

use mamori_model::{VulnId, VulnIdKind, Vulnerability};

/// One vulnerability group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// The id the group is anchored on (a CVE id when there is one).
    pub anchor: VulnId,
    /// Indices (into the input) of the records in the group, ascending.
    pub records: Vec<usize>,
    /// The anchor and the non-CVE names of the member records, sorted, without repeats.
    pub ids: Vec<VulnId>,
}

/// Groups records given as (id, aliases) pairs; see the module docs for the rule.
///
/// Groups come out sorted by anchor; a record may be in several groups.
pub fn group<'a, I>(records: I) -> Vec<Group>
where
    I: IntoIterator<Item = (&'a VulnId, &'a [VulnId])>,
{
    let records: Vec<(&VulnId, &[VulnId])> = records.into_iter().collect();
    let key = |id: &VulnId| id.as_str().to_ascii_uppercase();
    let names = |i: usize| std::iter::once(records[i].0).chain(records[i].1.iter());

    // Rule 1.
    let mut anchors: Vec<Vec<&VulnId>> = vec![Vec::new(); records.len()];
    for (i, a) in anchors.iter_mut().enumerate() {
        for n in names(i) {
            if n.kind() == VulnIdKind::Cve && !a.iter().any(|x| key(x) == key(n)) {
                a.push(n);
            }
        }
    }

    // Rule 2: who names whom, among CVE-anchored records (one hop).
    let mut cve_anchors_by_name: HashMap<String, Vec<&VulnId>> = HashMap::new();
    for (i, own) in anchors.iter().enumerate() {
        if own.is_empty() {
            continue;
        }
        for n in names(i).filter(|n| n.kind() != VulnIdKind::Cve) {
            let list = cve_anchors_by_name.entry(key(n)).or_default();
            for a in own {
                if !list.iter().any(|x| key(x) == key(a)) {
                    list.push(a);
                }
            }
        }
    }
    for (i, own) in anchors.iter_mut().enumerate() {
        if !own.is_empty() {
            continue;
        }
        let mut found: Vec<&VulnId> = Vec::new();
        for n in names(i) {
            for a in cve_anchors_by_name.get(&key(n)).into_iter().flatten() {
                if !found.iter().any(|x| key(x) == key(a)) {
                    found.push(a);
                }
            }
        }
        *own = found;
    }

    // Rule 3.
    for (i, own) in anchors.iter_mut().enumerate() {
        if own.is_empty() {
            let ghsa = names(i)
                .filter(|n| n.kind() == VulnIdKind::Ghsa)
                .min_by_key(|n| key(n));
            *own = vec![ghsa.unwrap_or(records[i].0)];
        }
    }

    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    for (i, list) in anchors.iter().enumerate() {
        for a in list {
            let g = groups.entry(key(a)).or_insert_with(|| Group {
                anchor: (*a).clone(),
                records: Vec::new(),
                ids: vec![(*a).clone()],
            });
            g.records.push(i);
            for n in names(i).filter(|n| n.kind() != VulnIdKind::Cve) {
                if !g.ids.iter().any(|x| key(x) == key(n)) {
                    g.ids.push(n.clone());
                }
            }
        }
    }
    groups
        .into_values()
        .map(|mut g| {
            g.ids.sort_by_key(|x| key(x));
            g
        })
        .collect()
}

/// [`group`] over vulnerability records.
pub fn group_vulnerabilities(records: &[Vulnerability]) -> Vec<Group> {
    group(records.iter().map(|v| (&v.id, v.aliases.as_slice())))
}
