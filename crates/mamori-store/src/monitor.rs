//! Continuous monitoring: the findings of every stored release, kept up to date as SBOMs and feeds change.
//!
//! Each stored component is filed under the matcher's storage keys
//! (`component_keys`, current SBOM versions only) and each record under its
//! own (`vuln_match_keys`). A feed change names the keys its records had
//! before and after ([`ChangedKeys::keys`]); the components under those keys,
//! and only they, are matched again against the records under their keys.
//! The result is reconciled with the stored findings: new ones are added
//! (pre-triaged where a rule applies), changed ones updated, ones that no
//! longer match resolved (never deleted: triage and history stay), and each
//! of these is a `finding_events` row for the notifications to read.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use mamori_judge::priority::{Epss, Policy, PriorityInput};
use mamori_match::{
    ComponentIdentity, CpePrefilter, CriteriaCache, Environment, Finding, FindingKind, MatchPolicy,
    PreparedRecords, Scanner, SearchKey, VulnIndex, WILDCARD_CPE_KEY,
};
use mamori_model::{ComponentKind, Sbom};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use sqlx::{Any, Row, Transaction};
use time::OffsetDateTime;

use crate::vulns::{AnyQuery, IN_CHUNK, fetch_in, in_list, insert_rows, load_records};
use crate::{ChangedKeys, Store, StoreError, fmt_time};

/// Releases re-evaluated together: their components' candidate records are
/// loaded and indexed once, and memory stays bounded for large portfolios.
const RELEASES_PER_BATCH: usize = 64;

/// What a release re-evaluated whole weighs in a batch, in components (a
/// typical release's size); a release re-evaluated in part weighs its
/// components. A batch holds up to [`RELEASES_PER_BATCH`] whole releases'
/// weight. A feed change touches a few components in each of many releases,
/// mostly under the same keys: batched by release count, the same candidate
/// records were read and prepared again for every 64 releases (16 times over
/// a portfolio of 1,000 releases; its 1% re-evaluation went from 3.8–4.1 s to
/// 3.3 s when they were read once; issue 5).
const WHOLE_RELEASE_WEIGHT: usize = 2_000;

/// What matching keeps of a stored component (`component_match.identity`).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct StoredIdentity {
    pub bom_ref: String,
    pub name: String,
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub purl: Option<String>,
    #[serde(default)]
    pub cpe: Option<String>,
    #[serde(default)]
    pub vendors: Vec<String>,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub first_party: Option<String>,
}

impl StoredIdentity {
    fn identity(&self) -> ComponentIdentity {
        let mut id = ComponentIdentity::from_parts(
            &self.bom_ref,
            &self.name,
            self.version.as_deref(),
            self.purl.as_deref(),
            self.cpe.as_deref(),
            self.vendors.clone(),
            self.kind.as_deref().map(ComponentKind::parse),
        );
        id.first_party.clone_from(&self.first_party);
        id
    }

    fn view(&self) -> ComponentView<'_> {
        ComponentView {
            bom_ref: &self.bom_ref,
            name: &self.name,
            version: self.version.as_deref(),
            purl: self.purl.as_deref(),
            cpe: self.cpe.as_deref(),
        }
    }
}

/// A component as a finding object names it.
#[derive(Clone, Copy, Debug)]
pub struct ComponentView<'a> {
    /// bom-ref.
    pub bom_ref: &'a str,
    /// Name.
    pub name: &'a str,
    /// Version as written.
    pub version: Option<&'a str>,
    /// Package URL as written.
    pub purl: Option<&'a str>,
    /// CPE as written.
    pub cpe: Option<&'a str>,
}

/// KEV, EPSS and the worst severity of one finding.
#[derive(Clone, Debug, PartialEq)]
pub struct Enrichment {
    /// Whether any CVE of the group is in the KEV catalog.
    pub kev: bool,
    /// The highest EPSS score of the group's CVEs.
    pub epss: Option<f64>,
    /// The EPSS percentile that goes with [`Enrichment::epss`].
    pub epss_percentile: Option<f64>,
    /// Whether KEV records known ransomware use (when [`Enrichment::kev`]).
    pub kev_ransomware: bool,
    /// `{"level", "score", "vector", "source"}` from the highest CVSS base
    /// score of the matched records, else the feed's own label.
    pub severity: Value,
}

/// What a re-evaluation did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MonitorReport {
    /// Releases looked at.
    pub releases: usize,
    /// Components matched again.
    pub components: usize,
    /// Findings that appeared.
    pub new: usize,
    /// Findings whose match changed (records, ranges, severity, KEV, EPSS).
    pub changed: usize,
    /// Findings that no longer match.
    pub resolved: usize,
    /// Resolved findings that match again.
    pub reopened: usize,
    /// New findings a triage rule decided.
    pub pre_triaged: usize,
}

impl MonitorReport {
    fn add(&mut self, o: &MonitorReport) {
        self.releases += o.releases;
        self.components += o.components;
        self.new += o.new;
        self.changed += o.changed;
        self.resolved += o.resolved;
        self.reopened += o.reopened;
        self.pre_triaged += o.pre_triaged;
    }
}

/// Which components of a release to match again.
#[derive(Clone, Debug)]
enum Scope {
    All,
    Components(BTreeSet<i64>),
}

impl Scope {
    fn weight(&self) -> usize {
        match self {
            Scope::All => WHOLE_RELEASE_WEIGHT,
            Scope::Components(ids) => ids.len().max(1),
        }
    }
}

/// `scope` cut into consecutive batches of at most [`RELEASES_PER_BATCH`]
/// whole releases' weight each (see [`WHOLE_RELEASE_WEIGHT`]); a release
/// heavier than that is a batch of its own.
fn batches(scope: &[(i64, Scope)]) -> Vec<&[(i64, Scope)]> {
    const CAPACITY: usize = RELEASES_PER_BATCH * WHOLE_RELEASE_WEIGHT;
    let mut out = Vec::new();
    let (mut start, mut weight) = (0, 0);
    for (i, (_, s)) in scope.iter().enumerate() {
        let w = s.weight();
        if i > start && weight + w > CAPACITY {
            out.push(&scope[start..i]);
            (start, weight) = (i, 0);
        }
        weight += w;
    }
    if start < scope.len() {
        out.push(&scope[start..]);
    }
    out
}

/// The storage keys a component is searched by, under every policy (the
/// policy is applied when matching, so changing it needs no re-keying).
pub fn component_storage_keys(scanner: &Scanner<'_>, c: &ComponentIdentity) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    let mut cpe = false;
    for (_, k) in scanner.search_keys(c) {
        cpe |= matches!(k, SearchKey::Cpe { .. });
        keys.push(k.storage_key());
    }
    if cpe {
        keys.push(WILDCARD_CPE_KEY.to_owned());
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

fn permissive() -> MatchPolicy {
    MatchPolicy {
        cpe_for_language_packages: true,
        match_first_party: true,
    }
}

/// The key a triage rule names a component by: its purl without version,
/// qualifiers or subpath, else its lower-case name.
pub fn rule_component_key(purl: Option<&str>, name: &str) -> String {
    purl.and_then(|p| mamori_purl::Purl::parse(p).ok())
        .and_then(|p| {
            let mut b = mamori_purl::Purl::new(p.ty(), p.name());
            if let Some(ns) = p.namespace() {
                b = b.with_namespace(ns);
            }
            b.build().ok()
        })
        .map_or_else(|| name.trim().to_lowercase(), |p| p.to_string())
}

/// Files the components of a new SBOM version under their keys (replacing the
/// release's older versions' keys) and keeps what matching needs of them.
pub(crate) async fn index_components(
    tx: &mut Transaction<'_, Any>,
    release_id: i64,
    sbom_id: i64,
    sbom: &Sbom,
) -> Result<(), StoreError> {
    let ids = mamori_match::identify(sbom);
    let rows = sqlx::query("SELECT id, idx FROM components WHERE sbom_id = $1")
        .bind(sbom_id)
        .fetch_all(&mut **tx)
        .await?;
    let mut by_idx: HashMap<i64, i64> = HashMap::with_capacity(rows.len());
    for r in rows {
        by_idx.insert(r.try_get(1)?, r.try_get(0)?);
    }
    let empty = VulnIndex::new(Vec::new());
    let scanner = Scanner::new(&empty, permissive());
    let mut matches: Vec<(i64, i64, String)> = Vec::with_capacity(ids.len());
    let mut keys: Vec<(i64, String)> = Vec::new();
    for (i, (c, id)) in sbom.components.iter().zip(&ids).enumerate() {
        let Some(&cid) = i64::try_from(i).ok().and_then(|i| by_idx.get(&i)) else {
            continue;
        };
        let stored = StoredIdentity {
            bom_ref: c.bom_ref.clone(),
            name: c.name.clone(),
            version: c.version_str().map(str::to_owned),
            purl: c.purl.clone(),
            cpe: c.cpe.clone(),
            vendors: id.vendors.clone(),
            kind: c.kind.as_ref().map(|k| k.as_str().to_owned()),
            first_party: id.first_party.clone(),
        };
        let platform = c.cpe.is_some()
            || matches!(
                c.kind,
                Some(ComponentKind::OperatingSystem | ComponentKind::Device)
            );
        matches.push((
            cid,
            i64::from(platform),
            serde_json::to_string(&stored).unwrap_or_default(),
        ));
        for k in component_storage_keys(&scanner, id) {
            keys.push((cid, k));
        }
    }
    sqlx::query("DELETE FROM component_keys WHERE release_id = $1")
        .bind(release_id)
        .execute(&mut **tx)
        .await?;
    insert_rows(
        tx,
        "component_match (component_id, sbom_id, platform, identity)",
        4,
        &matches,
        |q, (cid, platform, identity)| {
            q.bind(*cid)
                .bind(sbom_id)
                .bind(*platform)
                .bind(identity.clone())
        },
    )
    .await?;
    insert_rows(
        tx,
        "component_keys (release_id, sbom_id, component_id, key)",
        4,
        &keys,
        |q, (cid, key)| {
            q.bind(release_id)
                .bind(sbom_id)
                .bind(*cid)
                .bind(key.clone())
        },
    )
    .await?;
    Ok(())
}

/// The finding object `mamori scan --format json` prints for one finding.
pub fn finding_object(c: &ComponentView<'_>, f: &Finding, e: &Enrichment) -> Value {
    let first = f.evidence.first();
    let mut fixed: Vec<&str> = f
        .evidence
        .iter()
        .flat_map(|e| e.fixed_versions.iter().map(String::as_str))
        .collect();
    fixed.sort_unstable();
    fixed.dedup();
    let outcome = match &f.outcome {
        mamori_match::Outcome::Affected => json!("affected"),
        mamori_match::Outcome::CouldNotEvaluate { reason } => json!({"could_not_evaluate": reason}),
    };
    json!({
        "vulnerability_id": f.group.to_string(),
        "aliases": f.ids.iter().skip(1).map(ToString::to_string).collect::<Vec<_>>(),
        "component": {
            "bom_ref": c.bom_ref,
            "name": c.name,
            "version": c.version,
            "purl": c.purl,
            "cpe": c.cpe,
        },
        "kind": kind_str(&f.kind),
        "outcome": outcome,
        "matched_by": first.map(|e| matched_by(e.matcher)),
        "matched_range": first.map(|e| e.matched_range.as_str()),
        "fixed_versions": fixed,
        "severity": e.severity,
        "kev": e.kev,
        "epss": e.epss,
        "state": "in_triage",
        "confidence": f.confidence.as_str(),
        "evidence": f.evidence.iter().map(|e| json!({
            "matcher": e.matcher,
            "searched_by": e.searched_by,
            "record": e.record_id.to_string(),
            "source": format!("{:?}", e.source).to_lowercase(),
            "source_file": e.source_file,
            "modified": e.modified.and_then(|m| m.format(&time::format_description::well_known::Rfc3339).ok()),
            "matched_range": e.matched_range,
            "fixed_versions": e.fixed_versions,
            "conditions": e.conditions.iter().map(ToString::to_string).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

fn kind_str(k: &FindingKind) -> String {
    match k {
        FindingKind::Vulnerability => "vulnerability".to_owned(),
        FindingKind::Informational(k) => {
            format!("informational:{}", format!("{k:?}").to_lowercase())
        }
    }
}

fn matched_by(matcher: &str) -> &str {
    match matcher {
        "csaf-product" => "csaf",
        m => m,
    }
}

/// One vulnerable NVD criteria as `prefilter_keep` reads it: record id,
/// criteria, start including, start excluding, end including, end excluding,
/// and whether it decides its configuration alone (1; see migration 0030).
#[derive(Deserialize)]
struct CriteriaRow<'a>(
    i64,
    #[serde(borrow)] Cow<'a, str>,
    #[serde(borrow)] Option<Cow<'a, str>>,
    #[serde(borrow)] Option<Cow<'a, str>>,
    #[serde(borrow)] Option<Cow<'a, str>>,
    #[serde(borrow)] Option<Cow<'a, str>>,
    Option<i64>,
);

/// A chunk of records read and prepared: their ids, the records, and the ids
/// a [`ConfigFilter`] left out.
type PreparedChunk = (Vec<i64>, PreparedRecords, Vec<i64>);

type Preparing =
    std::collections::VecDeque<tokio::task::JoinHandle<Result<PreparedChunk, StoreError>>>;

/// Waits for the oldest chunk in preparation and appends it.
async fn take_prepared(
    preparing: &mut Preparing,
    ids: &mut Vec<i64>,
    out: &mut PreparedRecords,
    dropped: &mut Vec<i64>,
) -> Result<(), StoreError> {
    if let Some(task) = preparing.pop_front() {
        let (chunk_ids, chunk, chunk_dropped) = task
            .await
            .map_err(|e| StoreError::Invalid(format!("preparing records stopped: {e}")))??;
        ids.extend(chunk_ids);
        out.append(chunk);
        dropped.extend(chunk_dropped);
    }
    Ok(())
}

/// Records the prefilter passed on a criteria whose configuration's other
/// criteria have a say (see migration 0030), and that nothing but the CPE
/// matcher reads: each is read, and left out before it is prepared when none
/// of its configurations may hold ([`CpePrefilter::config_may_hold`]). Deciding on the whole record, not on the criteria rows, since those
/// leave out criteria that do not parse, which an answer may turn on.
#[derive(Clone)]
struct ConfigFilter {
    prefilter: Arc<CpePrefilter>,
    conditional: Arc<HashSet<i64>>,
}

impl ConfigFilter {
    /// The records it keeps, with their ids, and the ids it leaves out.
    fn apply(
        &self,
        ids: Vec<i64>,
        vulns: Vec<mamori_model::Vulnerability>,
    ) -> (Vec<i64>, Vec<mamori_model::Vulnerability>, Vec<i64>) {
        // One cache for the chunk: a product's criteria repeat one CPE with
        // many bounds, across its records.
        let mut cache = CriteriaCache::default();
        let keeps: Vec<bool> = ids
            .iter()
            .zip(&vulns)
            .map(|(id, v)| {
                !self.conditional.contains(id)
                    || v.cpe_configurations
                        .iter()
                        .any(|c| self.prefilter.config_may_hold(&mut cache, c))
            })
            .collect();
        drop(cache);
        let (mut kept_ids, mut kept, mut dropped) = (Vec::new(), Vec::new(), Vec::new());
        for ((id, v), keep) in ids.into_iter().zip(vulns).zip(keeps) {
            if keep {
                kept_ids.push(id);
                kept.push(v);
            } else {
                dropped.push(id);
            }
        }
        (kept_ids, kept, dropped)
    }
}

/// One product's prefilter decisions: the records kept on a standalone
/// criteria, and those passed only on criteria of configurations whose other
/// criteria have a say.
type Decided = (Vec<i64>, Vec<i64>);

/// Waits for one product's prefilter decisions.
async fn join_decided(
    task: tokio::task::JoinHandle<Result<Decided, StoreError>>,
) -> Result<Decided, StoreError> {
    task.await
        .map_err(|e| StoreError::Invalid(format!("reading criteria stopped: {e}")))?
}

/// [`load_records`] with each record's store id.
fn load_records_with_ids(
    rows: Vec<sqlx::any::AnyRow>,
) -> Result<(Vec<i64>, Vec<mamori_model::Vulnerability>), StoreError> {
    let ids = rows
        .iter()
        .map(|r| r.try_get::<i64, _>(0))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((ids, load_records(rows)?))
}

fn normalize_label(s: &str) -> &'static str {
    match s.to_ascii_lowercase().as_str() {
        "critical" => "critical",
        "high" | "important" => "high",
        "moderate" | "medium" => "medium",
        "low" => "low",
        _ => "unknown",
    }
}

impl Store {
    /// The `IN (…)` list of a statement whose only parameters are its `n`
    /// values: `?` for SQLite, whose driver looks each `$N` name up by a
    /// linear search (a 500-value list cost 125,000 steps to bind, a tenth of
    /// a scan), `$1,…,$n` for PostgreSQL.
    pub(crate) fn in_params(&self, n: usize) -> String {
        match self.backend {
            crate::Backend::Sqlite => {
                let mut s = "?,".repeat(n);
                s.pop();
                s
            }
            crate::Backend::Postgres => in_list(1, n),
        }
    }

    /// An index of the records (not withdrawn) filed under any of `keys`
    /// (storage keys, see [`component_storage_keys`]).
    pub async fn candidate_index(
        &self,
        keys: impl IntoIterator<Item = String>,
    ) -> Result<VulnIndex, StoreError> {
        self.candidate_index_with(keys, None).await
    }

    /// [`Store::candidate_index`] for components the prefilter was built from,
    /// leaving out records that cannot match any of them by CPE: those reached
    /// only under the components' plain CPE keys, carrying nothing but NVD
    /// configurations (no OSV package, no JVN, CSAF or CVE 5 product), none of
    /// whose vulnerable criteria under those keys passes
    /// [`CpePrefilter::may_match`], or none of whose configurations with such
    /// a criteria may hold ([`CpePrefilter::config_may_hold`]: a platform the
    /// prefilter's environment shows is absent). The findings are those of the full
    /// candidate set: alias groups are still closed over what is kept, and the
    /// index is marked [`VulnIndex::prefiltered`]. An NVD-sized store gives a
    /// thousand CPE components tens of thousands of candidates of which most
    /// are for other versions; reading and preparing them was most of a scan.
    pub async fn prefiltered_candidate_index(
        &self,
        keys: impl IntoIterator<Item = String>,
        prefilter: &CpePrefilter,
    ) -> Result<VulnIndex, StoreError> {
        self.candidate_index_with(keys, Some(prefilter)).await
    }

    async fn candidate_index_with(
        &self,
        keys: impl IntoIterator<Item = String>,
        prefilter: Option<&CpePrefilter>,
    ) -> Result<VulnIndex, StoreError> {
        let started = std::time::Instant::now();
        let keys: Vec<String> = keys.into_iter().collect();
        let filterable: HashSet<String> = prefilter
            .map(|p| p.storage_keys().collect())
            .unwrap_or_default();
        let mut ids: BTreeSet<i64> = BTreeSet::new();
        // Reached so far only under keys the prefilter may decide.
        let mut maybe: BTreeSet<i64> = BTreeSet::new();
        // One row per key with its records' ids joined: a popular CPE product
        // files thousands of records, and every row is a hand-off between the
        // database's thread and this one.
        let joined = match self.backend {
            crate::Backend::Sqlite => "group_concat(vuln_id)",
            crate::Backend::Postgres => "string_agg(vuln_id::text, ',')",
        };
        for chunk in keys.chunks(IN_CHUNK) {
            let sql = format!(
                "SELECT key, {joined} FROM vuln_match_keys WHERE key IN ({}) GROUP BY key",
                self.in_params(chunk.len())
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for k in chunk {
                q = q.bind(k.clone());
            }
            for r in q.fetch_all(&self.pool).await? {
                let key: String = r.try_get(0)?;
                let list: String = r.try_get(1)?;
                let into = if filterable.contains(&key) {
                    &mut maybe
                } else {
                    &mut ids
                };
                for id in list.split(',') {
                    into.insert(id.trim().parse().map_err(|_| {
                        StoreError::Invalid(format!("vuln_match_keys: {key}: bad id {id:?}"))
                    })?);
                }
            }
        }
        maybe.retain(|id| !ids.contains(id));
        tracing::debug!(
            keys = keys.len(),
            reached = ids.len(),
            maybe = maybe.len(),
            ms = started.elapsed().as_millis() as u64,
            "candidates: keys read"
        );
        let mut left_out = false;
        let mut filter = None;
        if let Some(prefilter) = prefilter
            && !maybe.is_empty()
        {
            let shared = Arc::new(prefilter.clone());
            let reached = maybe.len();
            let (keep, conditional) = self
                .prefilter_keep(&shared, &Arc::new(std::mem::take(&mut maybe)))
                .await?;
            left_out = keep.len() + conditional.len() < reached;
            ids.extend(keep);
            ids.extend(conditional.iter().copied());
            tracing::debug!(
                kept = ids.len(),
                conditional = conditional.len(),
                ms = started.elapsed().as_millis() as u64,
                "candidates: prefilter decided"
            );
            filter = Some(ConfigFilter {
                prefilter: shared,
                conditional: Arc::new(conditional),
            });
        }
        // Alias groups are closed over the records as they are read: the
        // matcher groups the records it is given, so a finding's group (its id
        // and aliases) must not depend on which other components were matched
        // in the same batch. Each round reads the records sharing an id or
        // alias with the last round's; alias chains are short (CVE ↔ GHSA ↔
        // JVNDB ↔ vendor ids), and the bound only guards against a
        // pathological feed.
        let mut tried: HashSet<i64> = HashSet::with_capacity(ids.len());
        let mut seen_names: HashSet<String> = HashSet::with_capacity(ids.len());
        let mut order: Vec<i64> = Vec::with_capacity(ids.len());
        let mut prepared = PreparedRecords::default();
        let mut todo: Vec<i64> = ids.into_iter().collect();
        let mut rounds = 0;
        let mut alias_ms = 0;
        while !todo.is_empty() {
            tried.extend(todo.iter().copied());
            // The filter decides the first round only: a record left out there
            // is read whole if a later round's alias names it, as any record.
            let (read_ids, read, dropped) = self.read_prepared(&todo, filter.take()).await?;
            left_out |= !dropped.is_empty();
            for id in &dropped {
                tried.remove(id);
            }
            let mut names: Vec<String> = Vec::new();
            for v in read.vulnerabilities() {
                for n in std::iter::once(&v.id).chain(&v.aliases) {
                    let k = crate::vulns::id_key(n.as_str());
                    if seen_names.insert(k.clone()) {
                        names.push(k);
                    }
                }
            }
            order.extend(read_ids);
            prepared.append(read);
            rounds += 1;
            if rounds > 6 {
                break;
            }
            let looked_up = std::time::Instant::now();
            todo = self.ids_named(&names, &tried).await?;
            alias_ms += looked_up.elapsed().as_millis() as u64;
        }
        tracing::debug!(
            records = prepared.len(),
            rounds,
            alias_ms,
            ms = started.elapsed().as_millis() as u64,
            "candidates: records read and prepared, alias groups closed"
        );
        // Later rounds read records of lower ids: the index keeps store order,
        // as a single read gives it, so evidence lists do not depend on rounds.
        if rounds > 1 {
            prepared = prepared.sorted_by_key(&order);
        }
        let mut index = VulnIndex::from_prepared(prepared);
        index.set_prefiltered(left_out);
        tracing::debug!(
            ms = started.elapsed().as_millis() as u64,
            "candidates: indexed"
        );
        Ok(index)
    }

    /// The records of `ids` that are not withdrawn, read in chunks, in id
    /// order, with their store ids. Each chunk is parsed and prepared on a
    /// blocking thread while the next is read: the database reads on its own
    /// thread (SQLite's worker, PostgreSQL's server), and parsing and preparing
    /// an NVD record's JSON took longer than reading it.
    async fn read_prepared(
        &self,
        ids: &[i64],
        filter: Option<ConfigFilter>,
    ) -> Result<PreparedChunk, StoreError> {
        // Two chunks in preparation at once: one per core of a small machine,
        // without holding every chunk's rows in memory.
        const IN_FLIGHT: usize = 2;
        let fetch = |chunk: &[i64]| {
            let pool = self.pool.clone();
            let sql = format!(
                "SELECT id, record FROM vulnerabilities WHERE withdrawn IS NULL AND id IN ({}) ORDER BY id",
                self.in_params(chunk.len())
            );
            let chunk = chunk.to_vec();
            tokio::spawn(async move {
                let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                for id in chunk {
                    q = q.bind(id);
                }
                q.fetch_all(&pool).await
            })
        };
        let mut sorted = ids.to_vec();
        sorted.sort_unstable();
        let mut out_ids = Vec::with_capacity(ids.len());
        let mut out = PreparedRecords::default();
        let mut dropped = Vec::new();
        let mut preparing = std::collections::VecDeque::new();
        let mut chunks = sorted.chunks(IN_CHUNK);
        let mut next = chunks.next().map(fetch);
        while let Some(task) = next.take() {
            let rows = task
                .await
                .map_err(|e| StoreError::Invalid(format!("reading records stopped: {e}")))??;
            next = chunks.next().map(fetch);
            if preparing.len() >= IN_FLIGHT {
                take_prepared(&mut preparing, &mut out_ids, &mut out, &mut dropped).await?;
            }
            let filter = filter.clone();
            preparing.push_back(tokio::task::spawn_blocking(move || {
                let (ids, vulns) = load_records_with_ids(rows)?;
                let (ids, vulns, dropped) = match filter {
                    Some(f) => f.apply(ids, vulns),
                    None => (ids, vulns, Vec::new()),
                };
                Ok::<_, StoreError>((ids, PreparedRecords::new(vulns), dropped))
            }));
        }
        while !preparing.is_empty() {
            take_prepared(&mut preparing, &mut out_ids, &mut out, &mut dropped).await?;
        }
        Ok((out_ids, out, dropped))
    }

    /// Ids of records named `names` (their id or an alias, as id keys), but
    /// not in `tried`.
    async fn ids_named(
        &self,
        names: &[String],
        tried: &HashSet<i64>,
    ) -> Result<Vec<i64>, StoreError> {
        let (own, aliased) = tokio::try_join!(
            self.fetch_chunks("SELECT id FROM vulnerabilities WHERE id_key IN ({})", names),
            self.fetch_chunks(
                "SELECT vuln_id FROM vuln_aliases WHERE alias_key IN ({})",
                names
            ),
        )?;
        let mut found: BTreeSet<i64> = BTreeSet::new();
        for r in own.iter().chain(&aliased) {
            let id: i64 = r.try_get(0)?;
            if !tried.contains(&id) {
                found.insert(id);
            }
        }
        Ok(found.into_iter().collect())
    }

    /// Of `maybe` (records reached only under the prefilter's keys), those to
    /// load: a vulnerable criteria under one of the keys passes the prefilter
    /// and its configuration may hold, or the record carries more than NVD
    /// configurations.
    async fn prefilter_keep(
        &self,
        prefilter: &Arc<CpePrefilter>,
        maybe: &Arc<BTreeSet<i64>>,
    ) -> Result<(BTreeSet<i64>, HashSet<i64>), StoreError> {
        // Products decided at once, each on a task of its own: reading one
        // product's criteria and deciding the last one's, in turn, kept one
        // core of two busy.
        const IN_FLIGHT: usize = 4;
        let mut keys: Vec<(&str, &str)> = prefilter.keys().collect();
        keys.sort_unstable();
        // A product's vulnerable criteria come as one JSON array built by the
        // database (one row, not thousands), from the covering index of
        // migrations 0027 and 0030.
        let sql = match self.backend {
            crate::Backend::Sqlite => {
                "SELECT json_group_array(json_array(vuln_id, criteria, start_including, \
                 start_excluding, end_including, end_excluding, standalone)) FROM vuln_cpes \
                 WHERE vendor = $1 AND product = $2 AND vulnerable = 1"
            }
            crate::Backend::Postgres => {
                "SELECT COALESCE(json_agg(json_build_array(vuln_id, criteria, start_including, \
                 start_excluding, end_including, end_excluding, standalone)), '[]')::text \
                 FROM vuln_cpes WHERE vendor = $1 AND product = $2 AND vulnerable = 1"
            }
        };
        // One product's records kept on a standalone criteria, and those passed
        // only on criteria whose configuration's other criteria have a say
        // (read and decided on the whole record, see `ConfigFilter`).
        let decide = |(vendor, product): (&str, &str)| {
            let pool = self.pool.clone();
            let (vendor, product) = (vendor.to_owned(), product.to_owned());
            let (prefilter, maybe) = (prefilter.clone(), maybe.clone());
            tokio::spawn(async move {
                let row = sqlx::query(sql)
                    .bind(vendor)
                    .bind(product)
                    .fetch_one(&pool)
                    .await?;
                let rows: Vec<CriteriaRow<'_>> = serde_json::from_str(row.try_get(0)?)
                    .map_err(|e| StoreError::Invalid(format!("vuln_cpes rows: {e}")))?;
                let mut cache = CriteriaCache::default();
                let (mut keep, mut conditional) = (Vec::new(), Vec::new());
                for r in &rows {
                    if !maybe.contains(&r.0) {
                        continue;
                    }
                    let bounds = [
                        r.2.as_deref(),
                        r.3.as_deref(),
                        r.4.as_deref(),
                        r.5.as_deref(),
                    ];
                    if prefilter.may_match_criteria(&mut cache, &r.1, &bounds) {
                        if r.6 == Some(1) {
                            keep.push(r.0);
                        } else {
                            conditional.push(r.0);
                        }
                    }
                }
                Ok::<Decided, StoreError>((keep, conditional))
            })
        };
        let mut keep: BTreeSet<i64> = BTreeSet::new();
        let mut conditional: HashSet<i64> = HashSet::new();
        let mut deciding = std::collections::VecDeque::new();
        for key in keys {
            if deciding.len() >= IN_FLIGHT
                && let Some(task) = deciding.pop_front()
            {
                let (k, c) = join_decided(task).await?;
                keep.extend(k);
                conditional.extend(c);
            }
            deciding.push_back(decide(key));
        }
        for task in deciding {
            let (k, c) = join_decided(task).await?;
            keep.extend(k);
            conditional.extend(c);
        }
        // Records the CPE matcher is not alone to read (OSV packages, JVN, CSAF
        // and CVE 5 products) are kept whatever their configurations say.
        let rest: Vec<i64> = maybe.difference(&keep).copied().collect();
        let (packages, products) = tokio::try_join!(
            self.fetch_chunks(
                "SELECT DISTINCT vuln_id FROM vuln_packages WHERE vuln_id IN ({})",
                &rest
            ),
            self.fetch_chunks(
                "SELECT DISTINCT vuln_id FROM vuln_products WHERE vuln_id IN ({})",
                &rest
            ),
        )?;
        for r in packages.iter().chain(&products) {
            keep.insert(r.try_get(0)?);
        }
        conditional.retain(|id| !keep.contains(id));
        Ok((keep, conditional))
    }

    /// KEV membership and EPSS scores of CVE ids (upper-cased keys), in bulk.
    async fn kev_epss(
        &self,
        cves: &BTreeSet<String>,
    ) -> Result<(HashMap<String, bool>, HashMap<String, (f64, f64)>), StoreError> {
        let cves: Vec<String> = cves.iter().cloned().collect();
        let (kev_rows, epss_rows) = tokio::try_join!(
            self.fetch_chunks(
                "SELECT cve_key, ransomware_use FROM kev_entries WHERE cve_key IN ({})",
                &cves
            ),
            self.fetch_chunks(
                "SELECT cve_key, score, percentile FROM epss_scores WHERE cve_key IN ({})",
                &cves
            ),
        )?;
        let mut kev = HashMap::new();
        for r in kev_rows {
            kev.insert(
                r.try_get::<String, _>(0)?,
                r.try_get::<Option<i64>, _>(1)? == Some(1),
            );
        }
        let mut epss = HashMap::new();
        for r in epss_rows {
            epss.insert(
                r.try_get::<String, _>(0)?,
                (r.try_get::<f64, _>(1)?, r.try_get::<f64, _>(2)?),
            );
        }
        Ok((kev, epss))
    }

    /// Runs `sql`, whose `{}` stands for an `IN (…)` list, once per chunk of
    /// `keys`, every chunk at once on the pool's connections, and returns the
    /// rows in chunk order. A scan's thousands of candidate ids made dozens of
    /// statements that ran one after another on one core.
    async fn fetch_chunks<T>(
        &self,
        sql: &str,
        keys: &[T],
    ) -> Result<Vec<sqlx::any::AnyRow>, StoreError>
    where
        T: for<'q> sqlx::Encode<'q, sqlx::Any> + sqlx::Type<sqlx::Any> + Clone + Send + 'static,
    {
        let tasks: Vec<_> = keys
            .chunks(IN_CHUNK)
            .map(|chunk| {
                let sql = sql.replacen("{}", &self.in_params(chunk.len()), 1);
                let chunk = chunk.to_vec();
                let pool = self.pool.clone();
                tokio::spawn(async move {
                    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                    for k in chunk {
                        q = q.bind(k);
                    }
                    q.fetch_all(&pool).await
                })
            })
            .collect();
        let mut rows = Vec::new();
        for t in tasks {
            rows.extend(
                t.await
                    .map_err(|e| StoreError::Invalid(format!("reading rows stopped: {e}")))??,
            );
        }
        Ok(rows)
    }

    /// KEV, EPSS and severity for each finding, in order.
    pub async fn enrich(
        &self,
        index: &VulnIndex,
        findings: &[Finding],
    ) -> Result<Vec<Enrichment>, StoreError> {
        let refs: Vec<&Finding> = findings.iter().collect();
        self.enrich_refs(index, &refs).await
    }

    /// [`Store::enrich`] of borrowed findings: a re-evaluation enriches a whole
    /// batch of releases at once and would otherwise copy every finding.
    async fn enrich_refs(
        &self,
        index: &VulnIndex,
        findings: &[&Finding],
    ) -> Result<Vec<Enrichment>, StoreError> {
        let cves: BTreeSet<String> = findings
            .iter()
            .flat_map(|f| f.ids.iter())
            .map(|i| i.as_str().to_ascii_uppercase())
            .filter(|i| i.starts_with("CVE-"))
            .collect();
        let (kev_set, epss_map) = self.kev_epss(&cves).await?;
        let mut severity_of: HashMap<String, Option<(f64, String, String, String)>> =
            HashMap::new();
        let mut out = Vec::with_capacity(findings.len());
        for f in findings {
            let mut kev = false;
            let mut kev_ransomware = false;
            let mut epss: Option<(f64, f64)> = None;
            for id in f.ids.iter().map(|i| i.as_str().to_ascii_uppercase()) {
                if let Some(&ransomware) = kev_set.get(&id) {
                    kev = true;
                    kev_ransomware |= ransomware;
                }
                if let Some(&s) = epss_map.get(&id)
                    && epss.is_none_or(|e| s.0 > e.0)
                {
                    epss = Some(s);
                }
            }
            let mut best: Option<(f64, String, String, String)> = None;
            for e in &f.evidence {
                let rid = e.record_id.to_string();
                let rec_best = severity_of
                    .entry(rid.clone())
                    .or_insert_with(|| {
                        let mut b: Option<(f64, String, String, String)> = None;
                        for rec in index.by_id(&rid) {
                            for c in &rec.vulnerability().cvss {
                                let Ok(parsed) = mamori_cvss::Cvss::parse(c.vector.trim()) else {
                                    continue;
                                };
                                let s = parsed.base_score();
                                if b.as_ref().is_none_or(|x| s > x.0) {
                                    b = Some((
                                        s,
                                        parsed.severity().to_string(),
                                        c.vector.clone(),
                                        c.source.clone(),
                                    ));
                                }
                            }
                        }
                        b
                    })
                    .clone();
                if let Some(rb) = rec_best
                    && best.as_ref().is_none_or(|b| rb.0 > b.0)
                {
                    best = Some(rb);
                }
            }
            let severity = match best {
                Some((score, level, vector, source)) => {
                    json!({"level": level, "score": score, "vector": vector, "source": source})
                }
                None => {
                    let label = f
                        .evidence
                        .iter()
                        .flat_map(|e| index.by_id(&e.record_id.to_string()))
                        .find_map(|r| r.vulnerability().severity.clone());
                    json!({"level": label.as_deref().map(normalize_label).unwrap_or("unknown"), "score": null, "label": label})
                }
            };
            out.push(Enrichment {
                kev,
                epss: epss.map(|e| e.0),
                epss_percentile: epss.map(|e| e.1),
                kev_ransomware,
                severity,
            });
        }
        Ok(out)
    }

    /// Matches every component of the release's current SBOM again.
    pub async fn reevaluate_release(
        &self,
        release_id: i64,
        now: OffsetDateTime,
        cause: &str,
    ) -> Result<MonitorReport, StoreError> {
        let mut scope = BTreeMap::new();
        scope.insert(release_id, Scope::All);
        self.reevaluate(scope, now, cause).await
    }

    /// Matches every component of every release's current SBOM again.
    pub async fn reevaluate_all(
        &self,
        now: OffsetDateTime,
        cause: &str,
    ) -> Result<MonitorReport, StoreError> {
        let scope = sqlx::query("SELECT DISTINCT release_id FROM sboms ORDER BY release_id")
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .map(|r| Ok((r.try_get::<i64, _>(0)?, Scope::All)))
            .collect::<Result<BTreeMap<_, _>, StoreError>>()?;
        self.reevaluate(scope, now, cause).await
    }

    /// Matches again only the stored components a feed change touches: those
    /// under the changed records' keys, and those with open findings naming a
    /// changed id (a KEV or EPSS change, a record that was updated).
    pub async fn reevaluate_changed(
        &self,
        changed: &ChangedKeys,
        now: OffsetDateTime,
        cause: &str,
    ) -> Result<MonitorReport, StoreError> {
        let mut scope: BTreeMap<i64, Scope> = BTreeMap::new();
        let mut add = |release: i64, component: i64| {
            if let Scope::Components(set) = scope
                .entry(release)
                .or_insert_with(|| Scope::Components(BTreeSet::new()))
            {
                set.insert(component);
            }
        };
        let keys: Vec<&String> = changed.keys.iter().collect();
        for chunk in keys.chunks(IN_CHUNK) {
            let sql = format!(
                "SELECT DISTINCT release_id, component_id FROM component_keys WHERE key IN ({})",
                in_list(1, chunk.len())
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for k in chunk {
                q = q.bind((*k).clone());
            }
            for r in q.fetch_all(&self.pool).await? {
                add(r.try_get(0)?, r.try_get(1)?);
            }
        }
        let mut ids: BTreeSet<String> = changed
            .vulnerabilities
            .iter()
            .map(|i| i.trim().to_ascii_uppercase())
            .collect();
        // A changed record can join or leave an alias group: findings under any id of
        // its group are matched again so their group stays whole.
        let direct: Vec<String> = ids.iter().cloned().collect();
        for chunk in direct.chunks(IN_CHUNK) {
            for sql in [
                "SELECT alias_key FROM vuln_aliases WHERE id_key IN",
                "SELECT id_key FROM vuln_aliases WHERE alias_key IN",
            ] {
                let sql = format!("{sql} ({})", in_list(1, chunk.len()));
                let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                for k in chunk {
                    q = q.bind(k.clone());
                }
                for r in q.fetch_all(&self.pool).await? {
                    ids.insert(r.try_get(0)?);
                }
            }
        }
        let ids: Vec<String> = ids.into_iter().collect();
        for chunk in ids.chunks(IN_CHUNK) {
            let sql = format!(
                "SELECT DISTINCT f.release_id, c.id FROM finding_ids i \
                 JOIN findings f ON f.id = i.finding_id \
                 JOIN components c ON c.sbom_id = f.sbom_id AND c.bom_ref = f.bom_ref \
                 WHERE f.status = 'open' AND i.id_key IN ({})",
                in_list(1, chunk.len())
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for k in chunk {
                q = q.bind(k.clone());
            }
            for r in q.fetch_all(&self.pool).await? {
                add(r.try_get(0)?, r.try_get(1)?);
            }
        }
        self.reevaluate(scope, now, cause).await
    }

    async fn reevaluate(
        &self,
        scope: BTreeMap<i64, Scope>,
        now: OffsetDateTime,
        cause: &str,
    ) -> Result<MonitorReport, StoreError> {
        let mut report = MonitorReport::default();
        let scope: Vec<(i64, Scope)> = scope.into_iter().collect();
        for batch in batches(&scope) {
            let r = self.reevaluate_batch(batch, now, cause).await?;
            report.add(&r);
        }
        Ok(report)
    }

    async fn reevaluate_batch(
        &self,
        batch: &[(i64, Scope)],
        now: OffsetDateTime,
        cause: &str,
    ) -> Result<MonitorReport, StoreError> {
        let empty = VulnIndex::new(Vec::new());
        let probe = Scanner::new(&empty, permissive());
        struct Work {
            release_id: i64,
            product_id: i64,
            sbom_id: i64,
            partial: bool,
            components: Vec<StoredIdentity>,
            identities: Vec<ComponentIdentity>,
            env: Environment,
        }
        // Each read below is one statement for the whole batch, not one per
        // release: a feed change touching a few components in each of a thousand
        // releases was spending its time on round trips to the database.
        let release_ids: Vec<i64> = batch.iter().map(|(r, _)| *r).collect();
        let mut current: HashMap<i64, (i64, i64)> = HashMap::with_capacity(batch.len());
        for chunk in release_ids.chunks(IN_CHUNK) {
            let sql = format!(
                "SELECT s.release_id, s.id, r.product_id FROM sboms s JOIN releases r ON r.id = s.release_id \
                 WHERE s.release_id IN ({}) \
                 AND s.version = (SELECT MAX(t.version) FROM sboms t WHERE t.release_id = s.release_id)",
                in_list(1, chunk.len())
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for id in chunk {
                q = q.bind(*id);
            }
            for r in q.fetch_all(&self.pool).await? {
                current.insert(r.try_get(0)?, (r.try_get(1)?, r.try_get(2)?));
            }
        }
        let mut all_sboms: Vec<i64> = Vec::new();
        // component id → release it was asked for (partial scopes).
        let mut wanted: HashMap<i64, i64> = HashMap::new();
        for (release_id, scope) in batch {
            let Some(&(sbom_id, _)) = current.get(release_id) else {
                continue;
            };
            match scope {
                Scope::All => all_sboms.push(sbom_id),
                Scope::Components(ids) => wanted.extend(ids.iter().map(|c| (*c, *release_id))),
            }
        }
        let mut by_sbom: HashMap<i64, Vec<StoredIdentity>> = HashMap::new();
        for r in fetch_in(
            &self.pool,
            "SELECT sbom_id, identity FROM component_match WHERE sbom_id IN ({}) ORDER BY sbom_id, component_id",
            &all_sboms,
        )
        .await?
        {
            let sbom: i64 = r.try_get(0)?;
            by_sbom
                .entry(sbom)
                .or_default()
                .push(parse_identity(&r, 1)?);
        }
        let mut by_release: HashMap<i64, Vec<StoredIdentity>> = HashMap::new();
        let component_ids: Vec<i64> = {
            let mut v: Vec<i64> = wanted.keys().copied().collect();
            v.sort_unstable();
            v
        };
        for r in fetch_in(
            &self.pool,
            "SELECT component_id, sbom_id, identity FROM component_match WHERE component_id IN ({}) ORDER BY component_id",
            &component_ids,
        )
        .await?
        {
            let (cid, sbom): (i64, i64) = (r.try_get(0)?, r.try_get(1)?);
            // Only components of the release's current SBOM, as asked.
            if let Some(release) = wanted.get(&cid)
                && current.get(release).is_some_and(|(s, _)| *s == sbom)
            {
                by_release
                    .entry(*release)
                    .or_default()
                    .push(parse_identity(&r, 2)?);
            }
        }
        let sbom_ids: Vec<i64> = {
            let mut v: Vec<i64> = current.values().map(|(s, _)| *s).collect();
            v.sort_unstable();
            v
        };
        let mut platforms: HashMap<i64, Vec<StoredIdentity>> = HashMap::new();
        for r in fetch_in(
            &self.pool,
            "SELECT sbom_id, identity FROM component_match WHERE platform = 1 AND sbom_id IN ({}) ORDER BY sbom_id, component_id",
            &sbom_ids,
        )
        .await?
        {
            let sbom: i64 = r.try_get(0)?;
            platforms
                .entry(sbom)
                .or_default()
                .push(parse_identity(&r, 1)?);
        }

        let mut work: Vec<Work> = Vec::new();
        let mut keys: BTreeSet<String> = BTreeSet::new();
        for (release_id, scope) in batch {
            let Some(&(sbom_id, product_id)) = current.get(release_id) else {
                continue;
            };
            let components = match scope {
                Scope::All => by_sbom.remove(&sbom_id).unwrap_or_default(),
                Scope::Components(_) => by_release.remove(release_id).unwrap_or_default(),
            };
            let platform = platforms.get(&sbom_id).map_or(&[][..], Vec::as_slice);
            let kinds: Vec<Option<ComponentKind>> = platform
                .iter()
                .map(|p| p.kind.as_deref().map(ComponentKind::parse))
                .collect();
            let env = Environment::from_components(
                platform
                    .iter()
                    .zip(&kinds)
                    .map(|(p, k)| (k.as_ref(), p.cpe.as_deref(), p.bom_ref.as_str())),
            );
            let identities: Vec<ComponentIdentity> =
                components.iter().map(StoredIdentity::identity).collect();
            for c in &identities {
                keys.extend(component_storage_keys(&probe, c));
            }
            work.push(Work {
                release_id: *release_id,
                product_id,
                sbom_id,
                partial: matches!(scope, Scope::Components(_)),
                components,
                identities,
                env,
            });
        }
        let index = self.candidate_index(keys).await?;
        let scanner = Scanner::new(&index, MatchPolicy::default());
        let mut report = MonitorReport::default();
        let rules = self.active_rules(now).await?;
        let policy = Policy::default_policy();
        let results: Vec<Vec<Finding>> = work
            .iter()
            .map(|w| scanner.scan(&w.identities, &w.env).findings)
            .collect();
        // KEV, EPSS and severities of the whole batch in one go.
        let all: Vec<&Finding> = results.iter().flatten().collect();
        let mut enriched = self.enrich_refs(&index, &all).await?.into_iter();
        drop(all);
        let mut tx = self.pool.begin().await?;
        // One buffer for every fingerprint of the batch (see `fingerprint`).
        let mut canonical: Vec<u8> = Vec::new();
        for (w, findings) in work.into_iter().zip(results) {
            let mut fresh: Vec<Fresh> = Vec::with_capacity(findings.len());
            // `enrich` gives one answer per finding, in order.
            for (f, e) in findings.iter().zip(enriched.by_ref()) {
                let c = &w.components[f.component];
                let detail = finding_object(&c.view(), f, &e);
                let fingerprint = fingerprint(&detail, &mut canonical);
                fresh.push(Fresh {
                    bom_ref: f.bom_ref.clone(),
                    component: rule_component_key(c.purl.as_deref(), &c.name),
                    group: f.group.to_string(),
                    ids: f
                        .ids
                        .iter()
                        .map(|i| i.as_str().to_ascii_uppercase())
                        .collect(),
                    kind: kind_str(&f.kind),
                    severity: e.severity["level"].as_str().unwrap_or("unknown").to_owned(),
                    score: e.severity["score"].as_f64(),
                    kev: e.kev,
                    epss: e.epss,
                    fingerprint,
                    detail,
                    priority: (matches!(f.kind, FindingKind::Vulnerability)
                        && matches!(f.outcome, mamori_match::Outcome::Affected))
                    .then(|| PriorityInput {
                        cvss_base: e.severity["score"].as_f64(),
                        cvss_environmental: None,
                        epss: e
                            .epss
                            .zip(e.epss_percentile)
                            .map(|(score, percentile)| Epss { score, percentile }),
                        kev: e.kev.then_some(e.kev_ransomware),
                        safety: None,
                        since: now.date(),
                    }),
                });
            }
            let in_scope: Option<BTreeSet<String>> = w
                .partial
                .then(|| w.components.iter().map(|c| c.bom_ref.clone()).collect());
            let r = self
                .reconcile(
                    &mut tx,
                    w.release_id,
                    w.product_id,
                    w.sbom_id,
                    in_scope.as_ref(),
                    fresh,
                    &rules,
                    &policy,
                    now,
                    cause,
                )
                .await?;
            report.add(&r);
            report.releases += 1;
            report.components += w.components.len();
        }
        // One commit per batch rather than per release.
        tx.commit().await?;
        Ok(report)
    }

    #[allow(clippy::too_many_arguments)]
    async fn reconcile(
        &self,
        tx: &mut Transaction<'_, Any>,
        release_id: i64,
        product_id: i64,
        sbom_id: i64,
        in_scope: Option<&BTreeSet<String>>,
        fresh: Vec<Fresh>,
        rules: &[ActiveRule],
        policy: &Policy,
        now: OffsetDateTime,
        cause: &str,
    ) -> Result<MonitorReport, StoreError> {
        let at = fmt_time(now);
        let mut report = MonitorReport::default();
        // Only the findings of the components in scope: a feed change touching a few
        // components of a large release must not read all of its findings.
        const COLUMNS: &str = "SELECT id, bom_ref, vuln_group, status, fingerprint, sbom_id, first_seen FROM findings WHERE release_id = $1";
        let mut rows = Vec::new();
        match in_scope {
            None => {
                rows = sqlx::query(COLUMNS)
                    .bind(release_id)
                    .fetch_all(&mut **tx)
                    .await?;
            }
            Some(scope) => {
                let refs: Vec<&String> = scope.iter().collect();
                for chunk in refs.chunks(IN_CHUNK) {
                    let sql = format!("{COLUMNS} AND bom_ref IN ({})", in_list(2, chunk.len()));
                    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(release_id);
                    for r in chunk {
                        q = q.bind((*r).clone());
                    }
                    rows.extend(q.fetch_all(&mut **tx).await?);
                }
            }
        }
        let mut existing: Vec<Existing> = Vec::with_capacity(rows.len());
        for r in rows {
            existing.push(Existing {
                id: r.try_get(0)?,
                bom_ref: r.try_get(1)?,
                group: r.try_get(2)?,
                open: r.try_get::<String, _>(3)? == "open",
                fingerprint: r.try_get(4)?,
                sbom_id: r.try_get(5)?,
                first_seen: r.try_get(6)?,
                ids: BTreeSet::new(),
                taken: false,
            });
        }
        let ids_of: Vec<i64> = existing.iter().map(|e| e.id).collect();
        let mut ids_map: HashMap<i64, BTreeSet<String>> = HashMap::new();
        for chunk in ids_of.chunks(IN_CHUNK) {
            let sql = format!(
                "SELECT finding_id, id_key FROM finding_ids WHERE finding_id IN ({})",
                in_list(1, chunk.len())
            );
            let sql = crate::positional(tx, sql);
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for id in chunk {
                q = q.bind(*id);
            }
            for r in q.fetch_all(&mut **tx).await? {
                ids_map
                    .entry(r.try_get(0)?)
                    .or_default()
                    .insert(r.try_get(1)?);
            }
        }
        for e in &mut existing {
            e.ids = ids_map.remove(&e.id).unwrap_or_default();
        }
        let mut by_key: HashMap<(String, String), usize> = HashMap::new();
        for (i, e) in existing.iter().enumerate() {
            by_key.insert((e.bom_ref.clone(), e.group.clone()), i);
        }

        // Writes are gathered and sent as a few multi-row statements: a feed
        // change makes thousands of new and changed findings across the
        // portfolio, and one statement each was a round trip to the database
        // worker each (most of the wall time of a re-evaluation on a loaded
        // machine). Order is kept: new findings get their ids in the order
        // matching produced them, events and ids rows are written in that order.
        let mut events: Vec<(Target, &'static str, String)> = Vec::new();
        let mut new_ids: Vec<(Target, String)> = Vec::new();
        let mut replace_ids: Vec<i64> = Vec::new();
        let mut moved: Vec<i64> = Vec::new();
        let mut updates: Vec<Update<'_>> = Vec::new();
        let mut inserts: Vec<Insert<'_>> = Vec::new();
        for f in &fresh {
            // The same group, else a group sharing an id (a new alias renamed it):
            // triage recorded under the old name carries over.
            let found = by_key
                .get(&(f.bom_ref.clone(), f.group.clone()))
                .copied()
                .filter(|&i| !existing[i].taken)
                .or_else(|| {
                    existing.iter().position(|e| {
                        !e.taken
                            && e.bom_ref == f.bom_ref
                            && f.ids.iter().any(|i| e.ids.contains(i))
                    })
                });
            match found {
                Some(i) => {
                    existing[i].taken = true;
                    let e = &existing[i];
                    let kind = if !e.open {
                        "reopened"
                    } else if e.fingerprint != f.fingerprint || e.group != f.group {
                        "changed"
                    } else {
                        if e.sbom_id != sbom_id {
                            moved.push(e.id);
                        }
                        continue;
                    };
                    // The due date runs from when the finding was first seen, not from this change.
                    let since = time::OffsetDateTime::parse(
                        &e.first_seen,
                        &time::format_description::well_known::Rfc3339,
                    )
                    .map_or(now.date(), |t| t.date());
                    let (class, due) = prioritize(policy, f.priority, since);
                    updates.push(Update {
                        id: e.id,
                        fresh: f,
                        detail: f.detail.to_string(),
                        class,
                        due,
                    });
                    if kind == "reopened" {
                        report.reopened += 1;
                    } else {
                        report.changed += 1;
                    }
                    replace_ids.push(e.id);
                    new_ids.extend(f.ids.iter().map(|k| (Target::Stored(e.id), k.clone())));
                    events.push((Target::Stored(e.id), kind, event_detail(f)));
                }
                None => {
                    let (class, due) = prioritize(policy, f.priority, now.date());
                    let rule = rules.iter().find(|r| {
                        r.product_id.is_none_or(|p| p == product_id)
                            && r.component == f.component
                            && f.ids.contains(&r.vuln_key)
                    });
                    report.new += 1;
                    if rule.is_some() {
                        report.pre_triaged += 1;
                    }
                    let n = inserts.len();
                    inserts.push(Insert {
                        fresh: f,
                        detail: f.detail.to_string(),
                        rule,
                        class,
                        due,
                    });
                    new_ids.extend(f.ids.iter().map(|k| (Target::New(n), k.clone())));
                    events.push((Target::New(n), "new", event_detail(f)));
                }
            }
        }
        let resolved: Vec<&Existing> = existing.iter().filter(|e| !e.taken && e.open).collect();
        for e in &resolved {
            report.resolved += 1;
            events.push((
                Target::Stored(e.id),
                "resolved",
                json!({"vulnerability_id": e.group, "bom_ref": e.bom_ref}).to_string(),
            ));
        }
        let resolved: Vec<i64> = resolved.iter().map(|e| e.id).collect();
        for_ids(
            tx,
            "UPDATE findings SET sbom_id = $1 WHERE id IN ({})",
            |q| q.bind(sbom_id),
            &moved,
        )
        .await?;
        update_findings(tx, sbom_id, &at, &updates).await?;
        let inserted = insert_findings(tx, release_id, sbom_id, &at, &inserts).await?;
        for_ids(
            tx,
            "UPDATE findings SET status = 'resolved', resolved_at = $1, updated_at = $1 WHERE id IN ({})",
            |q| q.bind(at.clone()),
            &resolved,
        )
        .await?;
        // The ids' copy of the open flag, which "affected" reads (migration 0028).
        for_ids(
            tx,
            "UPDATE finding_ids SET open = 0 WHERE finding_id IN ({})",
            |q| q,
            &resolved,
        )
        .await?;
        let id_of = |t: &Target| match *t {
            Target::Stored(id) => id,
            Target::New(n) => inserted[n],
        };
        let new_ids: Vec<(i64, String)> =
            new_ids.into_iter().map(|(t, k)| (id_of(&t), k)).collect();
        let events: Vec<(i64, &'static str, String)> = events
            .into_iter()
            .map(|(t, kind, detail)| (id_of(&t), kind, detail))
            .collect();
        for_ids(
            tx,
            "DELETE FROM finding_ids WHERE finding_id IN ({})",
            |q| q,
            &replace_ids,
        )
        .await?;
        // Every finding written here is open: new, changed or reopened ones get their ids
        // rows afresh, with the release and open flag "affected" reads.
        insert_rows(
            tx,
            "finding_ids (finding_id, id_key, release_id, open)",
            4,
            &new_ids,
            |q, (id, key)| q.bind(*id).bind(key.clone()).bind(release_id).bind(1_i64),
        )
        .await?;
        insert_rows(
            tx,
            "finding_events (finding_id, release_id, kind, time, cause, detail)",
            6,
            &events,
            |q, (id, kind, detail)| {
                q.bind(*id)
                    .bind(release_id)
                    .bind(*kind)
                    .bind(at.clone())
                    .bind(cause.to_owned())
                    .bind(detail.clone())
            },
        )
        .await?;
        Ok(report)
    }

    async fn active_rules(&self, now: OffsetDateTime) -> Result<Vec<ActiveRule>, StoreError> {
        let at = fmt_time(now);
        let rows = sqlx::query(
            "SELECT id, product_id, component, vuln_key, state, justification, response, analysis, analysis_ja \
             FROM triage_rules WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $1) ORDER BY id",
        )
        .bind(at)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(ActiveRule {
                    id: r.try_get(0)?,
                    product_id: r.try_get(1)?,
                    component: r.try_get(2)?,
                    vuln_key: r.try_get(3)?,
                    state: r.try_get(4)?,
                    justification: r.try_get(5)?,
                    response: r.try_get(6)?,
                    analysis: r.try_get(7)?,
                    analysis_ja: r.try_get(8)?,
                })
            })
            .collect()
    }
}

/// A finding row an event or id row points at: stored, or the n-th of this
/// reconciliation's inserts (its id known once they are written).
#[derive(Clone, Copy)]
enum Target {
    Stored(i64),
    New(usize),
}

/// A stored finding that matches differently now (changed or reopened).
struct Update<'a> {
    id: i64,
    fresh: &'a Fresh,
    detail: String,
    class: Option<String>,
    due: Option<String>,
}

/// A finding seen for the first time, with the triage rule that decides it.
struct Insert<'a> {
    fresh: &'a Fresh,
    detail: String,
    rule: Option<&'a ActiveRule>,
    class: Option<String>,
    due: Option<String>,
}

/// `(CAST($n AS t1), CAST($n+1 AS t2), …)` rows for a `VALUES` list: the
/// casts give PostgreSQL each column's type whatever the first row binds
/// (a NULL included); SQLite keeps the values as they are.
fn typed_rows(rows: usize, types: &[&str]) -> String {
    let mut s = String::with_capacity(rows * types.len() * 24);
    let mut n = 1;
    for r in 0..rows {
        if r > 0 {
            s.push(',');
        }
        s.push('(');
        for (i, t) in types.iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            s.push_str("CAST($");
            s.push_str(&n.to_string());
            s.push_str(" AS ");
            s.push_str(t);
            s.push(')');
            n += 1;
        }
        s.push(')');
    }
    s
}

/// Runs `sql` for `ids`, a chunk at a time: its `{}` becomes the chunk's placeholders,
/// numbered after those `lead` binds (`$1`, …, in the order it binds them).
async fn for_ids(
    tx: &mut Transaction<'_, Any>,
    sql: &str,
    lead: impl for<'q> Fn(AnyQuery<'q>) -> AnyQuery<'q>,
    ids: &[i64],
) -> Result<(), StoreError> {
    // The highest `$N` before the list.
    let leading = sql
        .split('$')
        .skip(1)
        .filter_map(|rest| {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            rest[..digits].parse::<usize>().ok()
        })
        .max()
        .unwrap_or(0);
    for chunk in ids.chunks(IN_CHUNK) {
        let sql = sql.replacen("{}", &in_list(leading + 1, chunk.len()), 1);
        let sql = crate::positional(tx, sql);
        // Safe: the SQL is built only from constants and placeholder numbers; values are bound.
        let mut q = lead(sqlx::query(sqlx::AssertSqlSafe(sql)));
        for id in chunk {
            q = q.bind(*id);
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

/// Parameters per multi-row statement (SQLite allows 32,766, PostgreSQL 65,535).
const PARAMS_PER_STATEMENT: usize = 1000;

/// Writes changed and reopened findings, many per statement
/// (`UPDATE … FROM (VALUES …)`, which SQLite and PostgreSQL both read).
async fn update_findings(
    tx: &mut Transaction<'_, Any>,
    sbom_id: i64,
    at: &str,
    updates: &[Update<'_>],
) -> Result<(), StoreError> {
    const TYPES: [&str; 11] = [
        "BIGINT",
        "TEXT",
        "TEXT",
        "TEXT",
        "DOUBLE PRECISION",
        "BIGINT",
        "DOUBLE PRECISION",
        "TEXT",
        "TEXT",
        "TEXT",
        "TEXT",
    ];
    for chunk in updates.chunks(PARAMS_PER_STATEMENT / TYPES.len()) {
        let sql = format!(
            "UPDATE findings SET sbom_id = $1, vuln_group = v.column2, kind = v.column3, severity = v.column4, \
             score = v.column5, kev = v.column6, epss = v.column7, status = 'open', fingerprint = v.column8, \
             detail = v.column9, updated_at = $2, resolved_at = NULL, priority = v.column10, due = v.column11 \
             FROM (VALUES {}) AS v WHERE findings.id = v.column1",
            typed_rows(chunk.len(), &TYPES).replace('$', "$#")
        );
        // Placeholders of the rows come after $1 and $2.
        let sql = crate::positional(tx, renumber(&sql, 2));
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(sbom_id)
            .bind(at.to_owned());
        for u in chunk {
            let f = u.fresh;
            q = q
                .bind(u.id)
                .bind(f.group.clone())
                .bind(f.kind.clone())
                .bind(f.severity.clone())
                .bind(crate::float::float(f.score))
                .bind(i64::from(f.kev))
                .bind(crate::float::float(f.epss))
                .bind(f.fingerprint.clone())
                .bind(u.detail.clone())
                .bind(u.class.clone())
                .bind(u.due.clone());
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

/// `$#n` placeholders (numbered from 1) renumbered to `$(n + offset)`.
fn renumber(sql: &str, offset: usize) -> String {
    let mut out = String::with_capacity(sql.len() + sql.len() / 8);
    let mut rest = sql;
    while let Some(i) = rest.find("$#") {
        out.push_str(&rest[..i]);
        rest = &rest[i + 2..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let n: usize = rest[..digits].parse().unwrap_or(0);
        out.push('$');
        out.push_str(&(n + offset).to_string());
        rest = &rest[digits..];
    }
    out.push_str(rest);
    out
}

/// Inserts new findings, many per statement; their ids, in order.
async fn insert_findings(
    tx: &mut Transaction<'_, Any>,
    release_id: i64,
    sbom_id: i64,
    at: &str,
    inserts: &[Insert<'_>],
) -> Result<Vec<i64>, StoreError> {
    const COLS: usize = 23;
    let mut ids = Vec::with_capacity(inserts.len());
    for chunk in inserts.chunks(PARAMS_PER_STATEMENT / COLS) {
        let mut values = String::with_capacity(chunk.len() * COLS * 6);
        for r in 0..chunk.len() {
            if r > 0 {
                values.push(',');
            }
            let b = r * COLS;
            values.push('(');
            for c in 1..=COLS {
                if c > 1 {
                    values.push(',');
                }
                // status is a constant between $10 (epss) and $11 (fingerprint);
                // first_seen and updated_at are both the 20th value.
                if c == 11 {
                    values.push_str("'open',");
                }
                if c == 21 {
                    values.push('$');
                    values.push_str(&(b + 20).to_string());
                    values.push(',');
                }
                values.push('$');
                values.push_str(&(b + c).to_string());
            }
            values.push(')');
        }
        let sql = format!(
            "INSERT INTO findings (release_id, sbom_id, bom_ref, component, vuln_group, kind, severity, score, \
             kev, epss, status, fingerprint, detail, state, justification, response, analysis, state_by, state_at, \
             rule_id, first_seen, updated_at, priority, due, analysis_ja) VALUES {values} RETURNING id, bom_ref, vuln_group"
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for i in chunk {
            let f = i.fresh;
            let (state, justification, response, analysis, rule_id, state_by) = match i.rule {
                Some(r) => (
                    r.state.clone(),
                    r.justification.clone(),
                    r.response.clone(),
                    r.analysis.clone(),
                    Some(r.id),
                    Some(format!("rule {}", r.id)),
                ),
                None => ("in_triage".to_owned(), None, None, None, None, None),
            };
            let analysis_ja = i.rule.and_then(|r| r.analysis_ja.clone());
            q = q
                .bind(release_id)
                .bind(sbom_id)
                .bind(f.bom_ref.clone())
                .bind(f.component.clone())
                .bind(f.group.clone())
                .bind(f.kind.clone())
                .bind(f.severity.clone())
                .bind(crate::float::float(f.score))
                .bind(i64::from(f.kev))
                .bind(crate::float::float(f.epss))
                .bind(f.fingerprint.clone())
                .bind(i.detail.clone())
                .bind(state)
                .bind(justification)
                .bind(response)
                .bind(analysis)
                .bind(state_by)
                .bind(rule_id.map(|_| at.to_owned()))
                .bind(rule_id)
                .bind(at.to_owned())
                .bind(i.class.clone())
                .bind(i.due.clone())
                .bind(analysis_ja);
        }
        // RETURNING rows need not come in VALUES order: match them by the
        // release's unique (bom-ref, group).
        let mut by_key: HashMap<(String, String), i64> = HashMap::with_capacity(chunk.len());
        for r in q.fetch_all(&mut **tx).await? {
            by_key.insert((r.try_get(1)?, r.try_get(2)?), r.try_get(0)?);
        }
        for i in chunk {
            let key = (i.fresh.bom_ref.clone(), i.fresh.group.clone());
            let id = by_key
                .get(&key)
                .copied()
                .ok_or_else(|| StoreError::Corrupt {
                    id: release_id,
                    reason: format!("finding {} of {} not written", key.1, key.0),
                })?;
            ids.push(id);
        }
    }
    Ok(ids)
}

/// The priority class and due date (ISO 8601) of an affected vulnerability finding.
fn prioritize(
    policy: &Policy,
    input: Option<PriorityInput>,
    since: time::Date,
) -> (Option<String>, Option<String>) {
    let Some(mut input) = input else {
        return (None, None);
    };
    input.since = since;
    match policy.prioritize(&input) {
        Ok(p) => (
            policy.classes().get(usize::from(p.class)).cloned(),
            p.due.map(|d| d.to_string()),
        ),
        Err(_) => (None, None),
    }
}

/// The SHA-256 (hex) of `audit::canonical_json(detail)`, written into a
/// reused buffer: a full re-evaluation fingerprints every finding of the
/// portfolio, most of them unchanged, and the string-per-key canonical form
/// was a tenth of its time. Same bytes as `canonical_json` (see the test
/// `fingerprint_is_the_canonical_json_digest`).
fn fingerprint(detail: &Value, buf: &mut Vec<u8>) -> String {
    buf.clear();
    write_canonical(detail, buf);
    hex::encode(Sha256::digest(buf.as_slice()))
}

fn write_canonical(v: &Value, out: &mut Vec<u8>) {
    match v {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            out.push(b'{');
            for (i, (k, x)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                // Writing into a Vec cannot fail; a string serialises as its JSON text.
                serde_json::to_writer(&mut *out, k.as_str()).ok();
                out.push(b':');
                write_canonical(x, out);
            }
            out.push(b'}');
        }
        Value::Array(items) => {
            out.push(b'[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_canonical(x, out);
            }
            out.push(b']');
        }
        other => {
            serde_json::to_writer(&mut *out, other).ok();
        }
    }
}

fn event_detail(f: &Fresh) -> String {
    json!({
        "vulnerability_id": f.group,
        "bom_ref": f.bom_ref,
        "severity": f.severity,
        "kev": f.kev,
        "outcome": f.detail["outcome"],
    })
    .to_string()
}

fn parse_identity(r: &sqlx::any::AnyRow, col: usize) -> Result<StoredIdentity, StoreError> {
    let text: String = r.try_get(col)?;
    serde_json::from_str(&text).map_err(|e| StoreError::Corrupt {
        id: 0,
        reason: format!("component identity: {e}"),
    })
}

/// A finding as matching produced it now.
struct Fresh {
    bom_ref: String,
    component: String,
    group: String,
    ids: BTreeSet<String>,
    kind: String,
    severity: String,
    score: Option<f64>,
    kev: bool,
    epss: Option<f64>,
    fingerprint: String,
    detail: Value,
    priority: Option<PriorityInput>,
}

/// A stored finding in the re-evaluated scope.
struct Existing {
    id: i64,
    bom_ref: String,
    group: String,
    open: bool,
    fingerprint: String,
    sbom_id: i64,
    first_seen: String,
    ids: BTreeSet<String>,
    taken: bool,
}

/// A triage rule in force.
pub(crate) struct ActiveRule {
    pub id: i64,
    pub product_id: Option<i64>,
    pub component: String,
    pub vuln_key: String,
    pub state: String,
    pub justification: Option<String>,
    pub response: Option<String>,
    pub analysis: Option<String>,
    pub analysis_ja: Option<String>,
}

/// The `store_meta` key marking the match index as built for data stored
/// before migration 0004 added it.
const MATCH_INDEX_DONE: &str = "match_index";

impl Store {
    /// Builds the match index (record and component keys) for data stored
    /// before it existed, once, then matches every release: a database from an
    /// earlier version keeps being monitored without a re-import.
    pub(crate) async fn backfill_match_index(&self) -> Result<(), StoreError> {
        let done = sqlx::query("SELECT value FROM store_meta WHERE key = $1")
            .bind(MATCH_INDEX_DONE)
            .fetch_optional(&self.pool)
            .await?;
        if done.is_some() {
            return Ok(());
        }
        let mut last = 0i64;
        loop {
            let rows = sqlx::query(
                "SELECT id, record FROM vulnerabilities WHERE id > $1 ORDER BY id LIMIT 1000",
            )
            .bind(last)
            .fetch_all(&self.pool)
            .await?;
            let Some(end) = rows.last() else { break };
            last = end.try_get(0)?;
            let ids: Vec<i64> = rows
                .iter()
                .map(|r| r.try_get(0))
                .collect::<Result<_, _>>()?;
            let vulns = load_records(rows)?;
            let mut keys: Vec<(i64, String)> = Vec::new();
            for (id, v) in ids.iter().zip(&vulns) {
                keys.extend(mamori_match::storage_keys(v).into_iter().map(|k| (*id, k)));
            }
            let mut tx = self.pool.begin().await?;
            insert_rows(
                &mut tx,
                "vuln_match_keys (vuln_id, key)",
                2,
                &keys,
                |q, (id, k)| q.bind(*id).bind(k.clone()),
            )
            .await?;
            tx.commit().await?;
        }
        let latest = sqlx::query(
            "SELECT s.release_id, s.id, s.document_id FROM sboms s \
             WHERE s.version = (SELECT MAX(version) FROM sboms t WHERE t.release_id = s.release_id)",
        )
        .fetch_all(&self.pool)
        .await?;
        let any_sbom = !latest.is_empty();
        for r in latest {
            let (release_id, sbom_id, doc_id): (i64, i64, i64) =
                (r.try_get(0)?, r.try_get(1)?, r.try_get(2)?);
            let mut conn = self.pool.acquire().await?;
            let sbom = crate::sboms::load_document(&mut conn, doc_id).await?;
            drop(conn);
            let mut tx = self.pool.begin().await?;
            index_components(&mut tx, release_id, sbom_id, &sbom).await?;
            tx.commit().await?;
        }
        sqlx::query(
            "INSERT INTO store_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
        )
        .bind(MATCH_INDEX_DONE)
        .bind("1")
        .execute(&self.pool)
        .await?;
        if any_sbom {
            self.reevaluate_all(OffsetDateTime::now_utc(), "upgrade")
                .await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fingerprint is the digest of `audit::canonical_json`, byte for byte:
    /// stored fingerprints made before must still compare equal.
    #[test]
    fn fingerprint_is_the_canonical_json_digest() {
        let cases = [
            json!({"b": 1, "a": [true, null, 2.5, {"z": "\u{1f}\"q\"", "y": []}], "é": "ü"}),
            json!({"severity": {"level": "high", "score": 7.5, "vector": null}, "epss": 0.000_12, "kev": false}),
            json!([]),
            json!("line\nbreak"),
            json!({"k\u{7f}": -3, "K": 18_446_744_073_709_551_615u64, "": {}}),
        ];
        let mut buf = Vec::new();
        for v in &cases {
            let want = hex::encode(Sha256::digest(crate::audit::canonical_json(v).as_bytes()));
            assert_eq!(fingerprint(v, &mut buf), want, "{v}");
        }
    }

    /// Regression (issue 5): a feed change's re-evaluation of a few components in each of
    /// a thousand releases is one batch, not one per 64 releases; whole releases still go
    /// 64 at a time, and every release is in exactly one batch, in order.
    #[test]
    fn issue_5_batches_weigh_components_not_releases() {
        let part = |n: i64| Scope::Components((0..n).collect());
        let lens = |scope: &[(i64, Scope)]| -> Vec<usize> {
            let b = batches(scope);
            let flat: Vec<i64> = b.iter().flat_map(|b| b.iter().map(|(r, _)| *r)).collect();
            assert_eq!(flat, scope.iter().map(|(r, _)| *r).collect::<Vec<_>>());
            b.iter().map(|b| b.len()).collect()
        };
        let whole: Vec<(i64, Scope)> = (0..1000).map(|r| (r, Scope::All)).collect();
        assert_eq!(lens(&whole), [vec![64; 15], vec![40]].concat());
        let changed: Vec<(i64, Scope)> = (0..1000).map(|r| (r, part(39))).collect();
        assert_eq!(lens(&changed), [1000]);
        // Parts as big as whole releases weigh as much as whole releases.
        let big: Vec<(i64, Scope)> = (0..130).map(|r| (r, part(2_000))).collect();
        assert_eq!(lens(&big), [64, 64, 2]);
        // A release heavier than a batch is a batch of its own.
        let huge = vec![(1, part(3)), (2, part(200_000)), (3, part(3))];
        assert_eq!(lens(&huge), [1, 1, 1]);
        let mixed: Vec<(i64, Scope)> = (0..100)
            .map(|r| (r, if r % 2 == 0 { Scope::All } else { part(1) }))
            .collect();
        assert_eq!(lens(&mixed), [100]);
        assert!(batches(&[]).is_empty());
    }

    #[test]
    fn renumbered_placeholders() {
        let cases = [
            ("($#1,$#2),($#3)", 2, "($3,$4),($5)"),
            ("CAST($#10 AS TEXT)", 0, "CAST($10 AS TEXT)"),
            ("$1 and $#1", 1, "$1 and $2"),
        ];
        for (sql, offset, want) in cases {
            assert_eq!(renumber(sql, offset), want, "{sql}");
        }
    }
}
