//! Vulnerability records of every feed: import with change detection, the keys the matcher looks them up by, and counts.
//!
//! One file is one transaction. Within it, the stored hashes of the file's
//! record ids are loaded in bulk first, so an unchanged record costs a map
//! lookup and no write; a new record is inserted; a record whose `modified` is
//! newer (or equal with different bytes: the feed republished it) replaces the
//! stored one with all its index rows; an older one is left alone. Withdrawn
//! records are stored with their flag, and lookups for matching skip them.
//!
//! Besides the whole normalized record (JSON text), each record is indexed by
//! what matching needs: aliases both ways, OSV packages by (ecosystem,
//! normalized name), NVD cpeMatch rows and JVN / CSAF / CVE 5 products by the
//! CPE's (vendor, product). Each import returns the keys it touched, so the
//! matcher re-evaluates only the releases those keys can affect.

mod dto;
mod read;

pub use read::{FeedFile, FeedFileError, FeedRecord, file_digest};

use crate::{Store, StoreError, fmt_time, placeholders};
use mamori_feeds::SourceKind;
use mamori_model::{EpssScore, KevEntry, Operator, VulnId, Vulnerability};
use sha2::{Digest, Sha256};
use sqlx::{Any, Row, Transaction};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// What an import did to the records of one source.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// Records stored for the first time.
    pub added: u64,
    /// Records that replaced an older stored version.
    pub updated: u64,
    /// Records already stored as they are (or older than the stored version).
    pub unchanged: u64,
    /// Records the reader refused (skipped).
    pub rejected: u64,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.added += o.added;
        self.updated += o.updated;
        self.unchanged += o.unchanged;
        self.rejected += o.rejected;
    }
}

/// The lookup keys whose records changed, for re-evaluating only what they touch.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChangedKeys {
    /// OSV packages as `(ecosystem, name)` in the form [`package_key`] gives, before and after the change.
    pub packages: BTreeSet<(String, String)>,
    /// CPE `(vendor, product)` pairs in the form [`cpe_key`] gives, before and after the change.
    pub cpes: BTreeSet<(String, String)>,
    /// Ids of changed records, and CVE ids whose KEV entry or EPSS score changed.
    pub vulnerabilities: BTreeSet<String>,
    /// The matcher's storage keys ([`mamori_match::SearchKey::storage_key`]) of
    /// changed records, before and after the change: what monitoring re-evaluates.
    pub keys: BTreeSet<String>,
}

impl ChangedKeys {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.packages.is_empty()
            && self.cpes.is_empty()
            && self.vulnerabilities.is_empty()
            && self.keys.is_empty()
    }
}

/// What importing one or more feed files did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Counts by source key (`osv:PyPI`, `osv:Go`, `nvd`, `cve5`, `kev`, `epss`, `jvn`, `csaf`), as `db stats` keys them.
    pub counts: BTreeMap<String, Counts>,
    /// The refused records, each naming its file and place.
    pub rejected: Vec<String>,
    /// The keys whose records changed.
    pub changed: ChangedKeys,
}

impl ImportReport {
    /// Adds another report (of another file) to this one.
    pub fn merge(&mut self, other: ImportReport) {
        for (k, c) in other.counts {
            self.counts.entry(k).or_default().add(c);
        }
        self.rejected.extend(other.rejected);
        self.changed.packages.extend(other.changed.packages);
        self.changed.cpes.extend(other.changed.cpes);
        self.changed
            .vulnerabilities
            .extend(other.changed.vulnerabilities);
        self.changed.keys.extend(other.changed.keys);
    }

    /// The counts of all sources together.
    pub fn total(&self) -> Counts {
        let mut t = Counts::default();
        for c in self.counts.values() {
            t.add(*c);
        }
        t
    }

    fn count(&mut self, key: &str) -> &mut Counts {
        self.counts.entry(key.to_owned()).or_default()
    }
}

/// Records that name one vulnerability, grouped as [`mamori_feeds::alias`] groups them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AliasGroup {
    /// The id the group is anchored on (a CVE id when there is one).
    pub anchor: String,
    /// The anchor and the non-CVE names of the member records, sorted.
    pub ids: Vec<String>,
    /// The member records as (source, record id), in storage order.
    pub records: Vec<(String, String)>,
}

/// Counts of stored vulnerability data, for `db stats`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VulnStats {
    /// Vulnerability records of every source (withdrawn ones included).
    pub vulnerabilities: i64,
    /// Of which withdrawn or rejected.
    pub withdrawn: i64,
    /// Records by source key, with `kev` and `epss` counting their entries.
    pub by_source: BTreeMap<String, i64>,
    /// Record-to-alias links.
    pub aliases: i64,
}

/// The key under which an OSV package is stored and looked up: the ecosystem
/// without its release suffix (`Debian:12` → `Debian`) and the name folded as
/// [`mamori_match::normalize_name`] folds it, so the store and the matcher agree.
pub fn package_key(ecosystem: &str, name: &str) -> (String, String) {
    let k = mamori_match::PackageKey::new(ecosystem, name);
    (k.base, k.name)
}

/// The key under which a CPE (2.3 formatted string or 2.2 URI) is stored and
/// looked up: its vendor and product in the quoted WFN form, lower-case, as
/// the matcher's CPE search keys have them; `*` when either is ANY, NA or has
/// wild cards (such rows answer every CPE search). `None` when it does not parse.
pub fn cpe_key(cpe: &str) -> Option<(String, String)> {
    let c = mamori_purl::cpe::Cpe::parse(cpe.trim()).ok()?;
    let plain = |a: &mamori_purl::cpe::AttrValue| {
        a.value()
            .filter(|v| !v.has_wildcards())
            .map(|v| v.as_wfn().to_owned())
    };
    match (plain(c.vendor()), plain(c.product())) {
        (Some(v), Some(p)) => Some((v, p)),
        _ => Some(("*".to_owned(), "*".to_owned())),
    }
}

/// The id key: ids are compared without regard to case (`cve-2021-1` is `CVE-2021-1`).
pub(crate) fn id_key(id: &str) -> String {
    id.trim().to_ascii_uppercase()
}

/// The `db stats` / report key of a record's source.
fn source_key(v: &Vulnerability) -> String {
    match v.provenance.source {
        SourceKind::Osv => match v.affected_packages.first() {
            Some(p) => format!("osv:{}", package_key(&p.ecosystem, "").0),
            None => "osv".to_owned(),
        },
        other => other.as_str().to_owned(),
    }
}

fn ts(t: Option<OffsetDateTime>) -> Option<String> {
    t.and_then(|t| t.format(&Rfc3339).ok())
}

fn parse_ts(s: Option<&str>) -> Option<OffsetDateTime> {
    s.and_then(|s| OffsetDateTime::parse(s, &Rfc3339).ok())
}

// Bound values per statement. sqlx's SQLite driver looks each `$N` up among
// all of the statement's parameters, so binding costs grow with the square of
// a statement's size: about a thousand values per statement measured fastest
// (13,000 made a 4,000-record NVD import ten times slower).
const PARAMS: usize = 1000;
// Ids per `IN (…)` list.
pub(crate) const IN_CHUNK: usize = 500;

/// Rows per multi-row INSERT of `cols` columns.
fn rows_per_insert(cols: usize) -> usize {
    (PARAMS / cols.max(1)).max(1)
}

/// `$from,$from+1,…` for an `IN (…)` list of `n` values.
pub(crate) fn in_list(from: usize, n: usize) -> String {
    let mut s = String::with_capacity(n * 5);
    for i in 0..n {
        if i > 0 {
            s.push(',');
        }
        s.push('$');
        s.push_str(&(from + i).to_string());
    }
    s
}

/// Runs `sql`, whose `{}` stands for an `IN (…)` list starting at `$1`, once per chunk of
/// `keys`, and returns every row: the one way large id lists reach the database, so no query
/// exceeds a backend's parameter limit.
pub(crate) async fn fetch_in<'e, T, E>(
    executor: E,
    sql: &str,
    keys: &[T],
) -> Result<Vec<sqlx::any::AnyRow>, sqlx::Error>
where
    T: for<'q> sqlx::Encode<'q, sqlx::Any> + sqlx::Type<sqlx::Any> + Clone + Send + 'static,
    E: sqlx::Executor<'e, Database = sqlx::Any> + Copy,
{
    let mut rows = Vec::new();
    for chunk in keys.chunks(IN_CHUNK) {
        let sql = sql.replacen("{}", &in_list(1, chunk.len()), 1);
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for k in chunk {
            q = q.bind(k.clone());
        }
        rows.extend(q.fetch_all(executor).await?);
    }
    Ok(rows)
}

fn flag(b: bool) -> i64 {
    i64::from(b)
}

/// A record stored before this import.
struct Existing {
    id: i64,
    sha256: String,
    modified: Option<OffsetDateTime>,
}

/// Index rows of one record, ready to insert.
#[derive(Default)]
struct IndexRows {
    aliases: Vec<(String, String, String)>,
    packages: Vec<PackageRow>,
    cpes: Vec<CpeRow>,
    products: Vec<ProductRow>,
}

struct PackageRow {
    ecosystem: String,
    ecosystem_full: String,
    name: String,
    name_as_given: String,
    purl: Option<String>,
    ranges: String,
}

struct CpeRow {
    vendor: String,
    product: String,
    config: i64,
    node: i64,
    index: i64,
    criteria: String,
    vulnerable: bool,
    start_incl: Option<String>,
    start_excl: Option<String>,
    end_incl: Option<String>,
    end_excl: Option<String>,
    match_id: Option<String>,
    /// Neither the configuration nor the node is an AND or negated (see
    /// migration 0030).
    standalone: bool,
}

struct ProductRow {
    kind: &'static str,
    vendor: Option<String>,
    product: Option<String>,
    cpe: Option<String>,
    cpe_key: Option<(String, String)>,
    purl: Option<String>,
    detail: String,
}

fn lower(s: &Option<String>) -> Option<String> {
    s.as_ref().map(|s| s.trim().to_lowercase())
}

fn index_rows(v: &Vulnerability) -> IndexRows {
    let mut rows = IndexRows::default();
    let own = id_key(v.id.as_str());
    let mut seen = HashSet::new();
    for a in &v.aliases {
        let k = id_key(a.as_str());
        if k != own && seen.insert(k.clone()) {
            rows.aliases.push((own.clone(), a.as_str().to_owned(), k));
        }
    }
    for p in &v.affected_packages {
        let (ecosystem, name) = package_key(&p.ecosystem, &p.name);
        rows.packages.push(PackageRow {
            ecosystem,
            ecosystem_full: p.ecosystem.clone(),
            name,
            name_as_given: p.name.clone(),
            purl: p.purl.clone(),
            ranges: serde_json::to_string(&dto::ranges(p)).unwrap_or_default(),
        });
    }
    for (ci, c) in v.cpe_configurations.iter().enumerate() {
        for (ni, n) in c.nodes.iter().enumerate() {
            for (mi, m) in n.matches.iter().enumerate() {
                // A criteria that does not parse cannot be looked up; the record keeps it.
                let Some((vendor, product)) = cpe_key(&m.criteria) else {
                    continue;
                };
                let idx = |i: usize| i64::try_from(i).unwrap_or(i64::MAX);
                rows.cpes.push(CpeRow {
                    vendor,
                    product,
                    config: idx(ci),
                    node: idx(ni),
                    index: idx(mi),
                    criteria: m.criteria.clone(),
                    vulnerable: m.vulnerable,
                    start_incl: m.version_start_including.clone(),
                    start_excl: m.version_start_excluding.clone(),
                    end_incl: m.version_end_including.clone(),
                    end_excl: m.version_end_excluding.clone(),
                    match_id: m.match_criteria_id.clone(),
                    standalone: c.operator != Some(Operator::And)
                        && !c.negate
                        && n.operator != Operator::And
                        && !n.negate,
                });
            }
        }
    }
    for p in &v.affected_products {
        let detail = serde_json::to_string(&dto::product(p)).unwrap_or_default();
        let cpes: Vec<Option<&String>> = if p.cpes.is_empty() {
            vec![None]
        } else {
            p.cpes.iter().map(Some).collect()
        };
        for cpe in cpes {
            rows.products.push(ProductRow {
                kind: "cve5",
                vendor: p.vendor.clone(),
                product: p.product.clone().or_else(|| p.package_name.clone()),
                cpe: cpe.cloned(),
                cpe_key: cpe.and_then(|c| cpe_key(c)),
                purl: None,
                detail: detail.clone(),
            });
        }
    }
    for p in &v.jvn_products {
        rows.products.push(ProductRow {
            kind: "jvn",
            vendor: Some(p.vendor.clone()),
            product: Some(p.product.clone()),
            cpe: p.cpe.clone(),
            cpe_key: p.cpe.as_deref().and_then(cpe_key),
            purl: None,
            detail: serde_json::to_string(&dto::jvn(p)).unwrap_or_default(),
        });
    }
    for p in &v.csaf_products {
        rows.products.push(ProductRow {
            kind: "csaf",
            vendor: p.vendor.clone(),
            product: p.product.clone().or_else(|| Some(p.name.clone())),
            cpe: p.cpe.clone(),
            cpe_key: p.cpe.as_deref().and_then(cpe_key),
            purl: p.purls.first().cloned(),
            detail: serde_json::to_string(&dto::csaf(p)).unwrap_or_default(),
        });
    }
    rows
}

impl Store {
    /// Reads one feed file (the reader chosen by `source`, or by its content
    /// when `None`) and stores its records in one transaction.
    ///
    /// A file that is malformed, of another kind, or refused by the database
    /// leaves nothing behind; records the reader refuses are counted, reported
    /// with file and place, and skipped.
    pub async fn import_feed_file(
        &self,
        file_name: &str,
        bytes: &[u8],
        source: Option<SourceKind>,
        now: OffsetDateTime,
    ) -> Result<ImportReport, FeedFileError> {
        let file = FeedFile::read(file_name, bytes, source)?;
        self.import_feed(file, now)
            .await
            .map_err(|source| FeedFileError::Store {
                file: file_name.to_owned(),
                source,
            })
    }

    /// Stores the records of one read feed file in one transaction (see [`Store::import_feed_file`]).
    pub async fn import_feed(
        &self,
        file: FeedFile,
        now: OffsetDateTime,
    ) -> Result<ImportReport, StoreError> {
        let mut report = ImportReport::default();
        for e in &file.rejected {
            report.count(file.source.as_str()).rejected += 1;
            report.rejected.push(e.to_string());
        }
        let mut vulns = Vec::new();
        let mut kevs = Vec::new();
        let mut epss = Vec::new();
        for r in file.records {
            match r {
                FeedRecord::Vulnerability(v) => vulns.push(*v),
                FeedRecord::Kev(k) => kevs.push(k),
                FeedRecord::Epss(e) => epss.push(e),
            }
        }
        let mut tx = self.pool.begin().await?;
        let imported = fmt_time(now);
        if !vulns.is_empty() {
            let document = file.document.as_deref().unwrap_or("");
            import_vulns(&mut tx, vulns, &file.file_name, document, now, &mut report).await?;
        }
        if !kevs.is_empty() {
            import_kev(&mut tx, kevs, &file.file_name, &imported, &mut report).await?;
        }
        if !epss.is_empty() {
            import_epss(&mut tx, epss, &file.file_name, &imported, &mut report).await?;
        }
        // Remember a file stored whole; one with refused records is read again next time, so
        // its refusals are reported again.
        match (&file.sha256, file.rejected.is_empty()) {
            (Some(sha), true) => {
                let counts: BTreeMap<&str, u64> = report
                    .counts
                    .iter()
                    .map(|(k, c)| (k.as_str(), c.added + c.updated + c.unchanged))
                    .collect();
                sqlx::query("DELETE FROM feed_files WHERE file_name = $1")
                    .bind(&file.file_name)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(
                    "INSERT INTO feed_files (file_name, sha256, counts, imported_at) VALUES ($1, $2, $3, $4)",
                )
                .bind(&file.file_name)
                .bind(sha)
                .bind(serde_json::to_string(&counts).unwrap_or_else(|_| "{}".to_owned()))
                .bind(imported.clone())
                .execute(&mut *tx)
                .await?;
            }
            _ => {
                sqlx::query("DELETE FROM feed_files WHERE file_name = $1")
                    .bind(&file.file_name)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
        Ok(report)
    }

    /// The feed files stored whole so far: file name → SHA-256 of its bytes (see
    /// [`FeedFile::sha256`]). An importer that finds a file's name and hash here can call
    /// [`Store::unchanged_file`] instead of reading and importing it again.
    pub async fn imported_files(&self) -> Result<HashMap<String, String>, StoreError> {
        sqlx::query("SELECT file_name, sha256 FROM feed_files")
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
            .collect()
    }

    /// The report of importing an unchanged file again: its records, counted as unchanged.
    pub async fn unchanged_file(&self, file_name: &str) -> Result<ImportReport, StoreError> {
        let counts: Option<String> =
            sqlx::query("SELECT counts FROM feed_files WHERE file_name = $1")
                .bind(file_name)
                .fetch_optional(&self.pool)
                .await?
                .map(|r| r.try_get(0))
                .transpose()?;
        let mut report = ImportReport::default();
        let counts: BTreeMap<String, u64> = counts
            .and_then(|c| serde_json::from_str(&c).ok())
            .unwrap_or_default();
        for (k, n) in counts {
            report.count(&k).unchanged += n;
        }
        Ok(report)
    }

    /// Counts of stored vulnerability data.
    pub async fn vuln_stats(&self) -> Result<VulnStats, StoreError> {
        let mut stats = VulnStats::default();
        let rows = sqlx::query(
            "SELECT source_key, COUNT(*), SUM(CASE WHEN withdrawn IS NULL THEN 0 ELSE 1 END) \
             FROM vulnerabilities GROUP BY source_key",
        )
        .fetch_all(&self.pool)
        .await?;
        for r in rows {
            let key: String = r.try_get(0)?;
            let n: i64 = r.try_get(1)?;
            let w: Option<i64> = r.try_get(2)?;
            stats.vulnerabilities += n;
            stats.withdrawn += w.unwrap_or(0);
            stats.by_source.insert(key, n);
        }
        for (key, table) in [("kev", "kev_entries"), ("epss", "epss_scores")] {
            let n: i64 = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
                .fetch_one(&self.pool)
                .await?
                .try_get(0)?;
            if n > 0 {
                stats.by_source.insert(key.to_owned(), n);
            }
        }
        stats.aliases = sqlx::query("SELECT COUNT(*) FROM vuln_aliases")
            .fetch_one(&self.pool)
            .await?
            .try_get(0)?;
        Ok(stats)
    }

    /// Whether a table exists, for counting what later migrations add.
    pub async fn has_table(&self, name: &str) -> Result<bool, StoreError> {
        let sql = match self.backend {
            crate::Backend::Sqlite => {
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $1"
            }
            crate::Backend::Postgres => {
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1"
            }
        };
        let n: i64 = sqlx::query(sql)
            .bind(name)
            .fetch_one(&self.pool)
            .await?
            .try_get(0)?;
        Ok(n > 0)
    }

    /// Findings stored so far; 0 while the matcher's tables do not exist yet.
    pub async fn findings_count(&self) -> Result<i64, StoreError> {
        if !self.has_table("findings").await? {
            return Ok(0);
        }
        Ok(sqlx::query("SELECT COUNT(*) FROM findings")
            .fetch_one(&self.pool)
            .await?
            .try_get(0)?)
    }

    /// The alias groups (by [`mamori_feeds::alias`]'s rule: anchored on CVE
    /// ids, never merged transitively) that `id` (any case) belongs to, built
    /// from the stored records that name it directly or through one record.
    pub async fn alias_groups(&self, id: &str) -> Result<Vec<AliasGroup>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        self.alias_groups_on(&mut conn, id).await
    }

    /// [`Store::alias_groups`] on a connection the caller holds (its statement and the
    /// caller's own on one borrowing from the pool).
    pub(crate) async fn alias_groups_on(
        &self,
        conn: &mut sqlx::AnyConnection,
        id: &str,
    ) -> Result<Vec<AliasGroup>, StoreError> {
        let query = id_key(id);
        // The two hops of direct links (all the rule ever follows) and the records they
        // reach, each with its aliases (a row per alias, or one with none), in one
        // statement: the affected request runs this before its page, and as a statement
        // per hop and one for the records it was three round trips (issue 8). Each hop's
        // keys are looked up as a part per index (id, alias) rather than one `OR`, so
        // that each part can be an index range.
        let sql = "WITH h1 AS (\
             SELECT id_key, alias_key FROM vuln_aliases WHERE id_key = $1 \
             UNION SELECT id_key, alias_key FROM vuln_aliases WHERE alias_key = $1), \
             k AS (SELECT $1 AS k UNION SELECT id_key FROM h1 UNION SELECT alias_key FROM h1), \
             r AS (SELECT vuln_id AS id FROM vuln_aliases WHERE id_key IN (SELECT k FROM k) \
             UNION SELECT vuln_id FROM vuln_aliases WHERE alias_key IN (SELECT k FROM k) \
             UNION SELECT id FROM vulnerabilities WHERE id_key IN (SELECT k FROM k)) \
             SELECT v.id, v.source, v.record_id, a.alias FROM vulnerabilities v \
             LEFT JOIN vuln_aliases a ON a.vuln_id = v.id WHERE v.id IN (SELECT id FROM r) \
             ORDER BY v.id, a.alias";
        let mut records: Vec<(String, VulnId, Vec<VulnId>)> = Vec::new();
        let mut at: HashMap<i64, usize> = HashMap::new();
        let bad = |e: mamori_model::ModelError| StoreError::Corrupt {
            id: 0,
            reason: e.to_string(),
        };
        for r in sqlx::query(sql)
            .bind(query.clone())
            .fetch_all(&mut *conn)
            .await?
        {
            let vid: i64 = r.try_get(0)?;
            let i = match at.get(&vid) {
                Some(&i) => i,
                None => {
                    let record_id: String = r.try_get(2)?;
                    at.insert(vid, records.len());
                    records.push((
                        r.try_get(1)?,
                        VulnId::new(&record_id).map_err(bad)?,
                        Vec::new(),
                    ));
                    records.len() - 1
                }
            };
            if let Some(alias) = r.try_get::<Option<String>, _>(3)? {
                records[i].2.push(VulnId::new(&alias).map_err(bad)?);
            }
        }
        let groups =
            mamori_feeds::alias::group(records.iter().map(|(_, id, a)| (id, a.as_slice())));
        Ok(groups
            .into_iter()
            .filter(|g| {
                id_key(g.anchor.as_str()) == query
                    || g.ids.iter().any(|i| id_key(i.as_str()) == query)
                    || g.records
                        .iter()
                        .any(|&i| id_key(records[i].1.as_str()) == query)
            })
            .map(|g| AliasGroup {
                anchor: g.anchor.to_string(),
                ids: g.ids.iter().map(ToString::to_string).collect(),
                records: g
                    .records
                    .iter()
                    .map(|&i| (records[i].0.clone(), records[i].1.to_string()))
                    .collect(),
            })
            .collect())
    }

    /// The stored records (of every source, withdrawn ones included) whose id is one of `ids` (any case).
    pub async fn vulnerabilities(&self, ids: &[&str]) -> Result<Vec<Vulnerability>, StoreError> {
        let mut out = Vec::new();
        for chunk in ids.chunks(IN_CHUNK) {
            let sql = format!(
                "SELECT id, record FROM vulnerabilities WHERE id_key IN ({}) ORDER BY id",
                in_list(1, chunk.len())
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for id in chunk {
                q = q.bind(id_key(id));
            }
            out.extend(load_records(q.fetch_all(&self.pool).await?)?);
        }
        Ok(out)
    }

    /// Records (not withdrawn) naming the package `(ecosystem, name)`, both folded by [`package_key`].
    pub async fn vulnerabilities_for_package(
        &self,
        ecosystem: &str,
        name: &str,
    ) -> Result<Vec<Vulnerability>, StoreError> {
        let (eco, name) = package_key(ecosystem, name);
        let rows = sqlx::query(
            "SELECT v.id, v.record FROM vulnerabilities v WHERE v.withdrawn IS NULL AND v.id IN \
             (SELECT vuln_id FROM vuln_packages WHERE ecosystem = $1 AND name = $2) ORDER BY v.id",
        )
        .bind(eco)
        .bind(name)
        .fetch_all(&self.pool)
        .await?;
        load_records(rows)
    }

    /// Records (not withdrawn) with an NVD cpeMatch or a JVN / CSAF / CVE 5 product
    /// CPE of this `(vendor, product)`, as [`cpe_key`] gives them.
    pub async fn vulnerabilities_for_cpe(
        &self,
        vendor: &str,
        product: &str,
    ) -> Result<Vec<Vulnerability>, StoreError> {
        let rows = sqlx::query(
            "SELECT v.id, v.record FROM vulnerabilities v WHERE v.withdrawn IS NULL AND v.id IN \
             (SELECT vuln_id FROM vuln_cpes WHERE vendor = $1 AND product = $2 \
              UNION SELECT vuln_id FROM vuln_products WHERE cpe_vendor = $1 AND cpe_product = $2) ORDER BY v.id",
        )
        .bind(vendor)
        .bind(product)
        .fetch_all(&self.pool)
        .await?;
        load_records(rows)
    }

    /// The KEV entry of a CVE, if the catalog lists it.
    pub async fn kev_entry(&self, cve: &str) -> Result<Option<KevEntry>, StoreError> {
        let row = sqlx::query("SELECT record FROM kev_entries WHERE cve_key = $1")
            .bind(id_key(cve))
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| {
            let text: String = r.try_get(0)?;
            dto::kev_from_json(&text).map_err(|reason| StoreError::Corrupt { id: 0, reason })
        })
        .transpose()
    }

    /// The latest EPSS score of a CVE, if one was imported.
    pub async fn epss_score(&self, cve: &str) -> Result<Option<EpssScore>, StoreError> {
        let row = sqlx::query(
            "SELECT cve, score, percentile, score_date, model_version FROM epss_scores WHERE cve_key = $1",
        )
        .bind(id_key(cve))
        .fetch_optional(&self.pool)
        .await?;
        let Some(r) = row else { return Ok(None) };
        let cve: String = r.try_get(0)?;
        Ok(Some(EpssScore {
            cve: mamori_model::VulnId::new(&cve).map_err(|e| StoreError::Corrupt {
                id: 0,
                reason: e.to_string(),
            })?,
            score: r.try_get(1)?,
            percentile: r.try_get(2)?,
            date: crate::parse_date(r.try_get(3)?),
            model_version: r.try_get(4)?,
        }))
    }
}

pub(crate) fn load_records(rows: Vec<sqlx::any::AnyRow>) -> Result<Vec<Vulnerability>, StoreError> {
    rows.into_iter()
        .map(|r| {
            let id: i64 = r.try_get(0)?;
            // Borrowed from the row: a scan reads tens of megabytes of records,
            // and a copy of each was as many page faults.
            let text: &str = r.try_get(1)?;
            dto::from_json(text).map_err(|reason| StoreError::Corrupt { id, reason })
        })
        .collect()
}

/// Whether `new` should replace the stored version.
fn replaces(old: &Existing, new: &Vulnerability, sha: &str) -> bool {
    if old.sha256 == sha {
        return false;
    }
    match (old.modified, new.modified) {
        (Some(o), Some(n)) => n >= o,
        _ => true,
    }
}

async fn import_vulns(
    tx: &mut Transaction<'_, Any>,
    vulns: Vec<Vulnerability>,
    file_name: &str,
    document: &str,
    now: OffsetDateTime,
    report: &mut ImportReport,
) -> Result<(), StoreError> {
    // The same record twice in one file: the later one wins unless it is older.
    let mut slot: HashMap<(SourceKind, String), usize> = HashMap::with_capacity(vulns.len());
    let mut winners: Vec<Option<Vulnerability>> = Vec::with_capacity(vulns.len());
    for v in vulns {
        let key = (v.provenance.source, v.id.as_str().to_owned());
        match slot.get(&key) {
            Some(&i) => {
                let newer = match (&winners[i], v.modified) {
                    (Some(old), Some(n)) => old.modified.is_none_or(|o| n >= o),
                    _ => true,
                };
                report.count(&source_key(&v)).unchanged += 1;
                if newer {
                    winners[i] = Some(v);
                }
            }
            None => {
                slot.insert(key, winners.len());
                winners.push(Some(v));
            }
        }
    }
    let winners: Vec<Vulnerability> = winners.into_iter().flatten().collect();

    // What is stored already, in bulk: one query per few hundred ids.
    let mut existing: HashMap<(SourceKind, String), Existing> = HashMap::new();
    let mut by_source: BTreeMap<SourceKind, Vec<&str>> = BTreeMap::new();
    for v in &winners {
        by_source
            .entry(v.provenance.source)
            .or_default()
            .push(v.id.as_str());
    }
    for (source, ids) in &by_source {
        for chunk in ids.chunks(IN_CHUNK) {
            let sql = format!(
                "SELECT id, record_id, sha256, modified FROM vulnerabilities \
                 WHERE source = $1 AND document = $2 AND record_id IN ({})",
                in_list(3, chunk.len())
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(source.as_str())
                .bind(document);
            for id in chunk {
                q = q.bind(*id);
            }
            for r in q.fetch_all(&mut **tx).await? {
                let record_id: String = r.try_get(1)?;
                let modified: Option<String> = r.try_get(3)?;
                existing.insert(
                    (*source, record_id),
                    Existing {
                        id: r.try_get(0)?,
                        sha256: r.try_get(2)?,
                        modified: parse_ts(modified.as_deref()),
                    },
                );
            }
        }
    }

    let mut to_write: Vec<Vulnerability> = Vec::new();
    let mut replaced: Vec<i64> = Vec::new();
    for mut v in winners {
        let sha = hex::encode(v.provenance.sha256);
        let key = source_key(&v);
        match existing.get(&(v.provenance.source, v.id.as_str().to_owned())) {
            None => report.count(&key).added += 1,
            Some(old) if replaces(old, &v, &sha) => {
                report.count(&key).updated += 1;
                replaced.push(old.id);
            }
            Some(_) => {
                report.count(&key).unchanged += 1;
                continue;
            }
        }
        v.provenance.imported = Some(now);
        to_write.push(v);
    }

    if !replaced.is_empty() {
        forget_old(tx, &replaced, &mut report.changed).await?;
    }
    if to_write.is_empty() {
        return Ok(());
    }

    // Main rows, then the index rows under the ids the database gave.
    let imported = fmt_time(now);
    let mut ids: HashMap<(String, String), i64> = HashMap::with_capacity(to_write.len());
    const COLS: usize = 13;
    for chunk in to_write.chunks(rows_per_insert(COLS)) {
        let sql = format!(
            "INSERT INTO vulnerabilities (source, source_key, document, record_id, id_key, published, modified, withdrawn, \
             informational, sha256, file_name, imported_at, record) VALUES {} RETURNING id, source, record_id",
            placeholders(chunk.len(), COLS)
        );
        let sql = crate::positional(tx, sql);
        // Safe: the SQL is built only from constants and placeholder numbers; values are bound.
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for v in chunk {
            q = q
                .bind(v.provenance.source.as_str())
                .bind(source_key(v))
                .bind(document)
                .bind(v.id.as_str().to_owned())
                .bind(id_key(v.id.as_str()))
                .bind(ts(v.published))
                .bind(ts(v.modified))
                .bind(ts(v.withdrawn))
                .bind(
                    v.informational
                        .as_ref()
                        .map(|k| dto::informational_str(k).to_owned()),
                )
                .bind(hex::encode(v.provenance.sha256))
                .bind(file_name.to_owned())
                .bind(imported.clone())
                .bind(dto::to_json(v));
        }
        for r in q.fetch_all(&mut **tx).await? {
            ids.insert((r.try_get(1)?, r.try_get(2)?), r.try_get(0)?);
        }
    }

    let mut aliases = Vec::new();
    let mut packages = Vec::new();
    let mut cpes = Vec::new();
    let mut products = Vec::new();
    let mut match_keys: Vec<(i64, String)> = Vec::new();
    for v in &to_write {
        let vid = ids
            .get(&(
                v.provenance.source.as_str().to_owned(),
                v.id.as_str().to_owned(),
            ))
            .copied()
            .ok_or_else(|| StoreError::Invalid(format!("record {} was not stored", v.id)))?;
        report
            .changed
            .vulnerabilities
            .insert(v.id.as_str().to_owned());
        let rows = index_rows(v);
        for p in &rows.packages {
            report
                .changed
                .packages
                .insert((p.ecosystem.clone(), p.name.clone()));
        }
        for c in &rows.cpes {
            report
                .changed
                .cpes
                .insert((c.vendor.clone(), c.product.clone()));
        }
        for p in &rows.products {
            if let Some(k) = &p.cpe_key {
                report.changed.cpes.insert(k.clone());
            }
        }
        for k in mamori_match::storage_keys(v) {
            report.changed.keys.insert(k.clone());
            match_keys.push((vid, k));
        }
        aliases.extend(rows.aliases.into_iter().map(|a| (vid, a)));
        packages.extend(rows.packages.into_iter().map(|p| (vid, p)));
        cpes.extend(rows.cpes.into_iter().map(|c| (vid, c)));
        products.extend(rows.products.into_iter().map(|p| (vid, p)));
    }
    insert_rows(
        tx,
        "vuln_match_keys (vuln_id, key)",
        2,
        &match_keys,
        |q, (vid, key)| q.bind(*vid).bind(key.clone()),
    )
    .await?;
    insert_rows(
        tx,
        "vuln_aliases (vuln_id, id_key, alias, alias_key)",
        4,
        &aliases,
        |q, (vid, (own, alias, key))| {
            q.bind(*vid)
                .bind(own.clone())
                .bind(alias.clone())
                .bind(key.clone())
        },
    )
    .await?;
    insert_rows(
        tx,
        "vuln_packages (vuln_id, ecosystem, ecosystem_full, name, name_as_given, purl, ranges)",
        7,
        &packages,
        |q, (vid, p)| {
            q.bind(*vid)
                .bind(p.ecosystem.clone())
                .bind(p.ecosystem_full.clone())
                .bind(p.name.clone())
                .bind(p.name_as_given.clone())
                .bind(p.purl.clone())
                .bind(p.ranges.clone())
        },
    )
    .await?;
    insert_rows(
        tx,
        "vuln_cpes (vuln_id, vendor, product, config_idx, node_idx, match_idx, criteria, vulnerable, \
         start_including, start_excluding, end_including, end_excluding, match_criteria_id, \
         standalone)",
        14,
        &cpes,
        |q, (vid, c)| {
            q.bind(*vid)
                .bind(c.vendor.clone())
                .bind(c.product.clone())
                .bind(c.config)
                .bind(c.node)
                .bind(c.index)
                .bind(c.criteria.clone())
                .bind(flag(c.vulnerable))
                .bind(c.start_incl.clone())
                .bind(c.start_excl.clone())
                .bind(c.end_incl.clone())
                .bind(c.end_excl.clone())
                .bind(c.match_id.clone())
                .bind(flag(c.standalone))
        },
    )
    .await?;
    insert_rows(
        tx,
        "vuln_products (vuln_id, kind, vendor, product, vendor_key, product_key, cpe, cpe_vendor, cpe_product, purl, detail)",
        11,
        &products,
        |q, (vid, p)| {
            let (cv, cp) = p.cpe_key.clone().unzip();
            q.bind(*vid)
                .bind(p.kind)
                .bind(p.vendor.clone())
                .bind(p.product.clone())
                .bind(lower(&p.vendor))
                .bind(lower(&p.product))
                .bind(p.cpe.clone())
                .bind(cv)
                .bind(cp)
                .bind(p.purl.clone())
                .bind(p.detail.clone())
        },
    )
    .await?;
    Ok(())
}

pub(crate) type AnyQuery<'q> = sqlx::query::Query<'q, Any, sqlx::any::AnyArguments>;

/// Inserts `rows` into `table (columns)` in multi-row statements.
pub(crate) async fn insert_rows<T>(
    tx: &mut Transaction<'_, Any>,
    table: &str,
    cols: usize,
    rows: &[T],
    bind: impl for<'q> Fn(AnyQuery<'q>, &T) -> AnyQuery<'q>,
) -> Result<(), StoreError> {
    for chunk in rows.chunks(rows_per_insert(cols)) {
        let sql = format!(
            "INSERT INTO {table} VALUES {}",
            placeholders(chunk.len(), cols)
        );
        let sql = crate::positional(tx, sql);
        // Safe: the SQL is built only from constants and placeholder numbers; values are bound.
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for row in chunk {
            q = bind(q, row);
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

/// Deletes replaced records with their index rows, noting the keys they were found under.
async fn forget_old(
    tx: &mut Transaction<'_, Any>,
    ids: &[i64],
    changed: &mut ChangedKeys,
) -> Result<(), StoreError> {
    for chunk in ids.chunks(IN_CHUNK) {
        let list = in_list(1, chunk.len());
        let lookups = [
            format!("SELECT ecosystem, name FROM vuln_packages WHERE vuln_id IN ({list})"),
            format!("SELECT vendor, product FROM vuln_cpes WHERE vuln_id IN ({list})"),
            format!(
                "SELECT cpe_vendor, cpe_product FROM vuln_products WHERE cpe_vendor IS NOT NULL AND vuln_id IN ({list})"
            ),
        ];
        for (i, sql) in lookups.into_iter().enumerate() {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for id in chunk {
                q = q.bind(*id);
            }
            for r in q.fetch_all(&mut **tx).await? {
                let key = (r.try_get::<String, _>(0)?, r.try_get::<String, _>(1)?);
                if i == 0 {
                    changed.packages.insert(key);
                } else {
                    changed.cpes.insert(key);
                }
            }
        }
        let sql = format!("SELECT key FROM vuln_match_keys WHERE vuln_id IN ({list})");
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for id in chunk {
            q = q.bind(*id);
        }
        for r in q.fetch_all(&mut **tx).await? {
            changed.keys.insert(r.try_get(0)?);
        }
        for table in [
            "vuln_match_keys",
            "vuln_aliases",
            "vuln_packages",
            "vuln_cpes",
            "vuln_products",
        ] {
            let sql = format!("DELETE FROM {table} WHERE vuln_id IN ({list})");
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for id in chunk {
                q = q.bind(*id);
            }
            q.execute(&mut **tx).await?;
        }
        let sql = format!("DELETE FROM vulnerabilities WHERE id IN ({list})");
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for id in chunk {
            q = q.bind(*id);
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

/// Deletes rows of `table` whose `key_col` is in `keys`.
async fn delete_keys(
    tx: &mut Transaction<'_, Any>,
    table: &str,
    key_col: &str,
    keys: &[String],
) -> Result<(), StoreError> {
    for chunk in keys.chunks(IN_CHUNK) {
        let sql = format!(
            "DELETE FROM {table} WHERE {key_col} IN ({})",
            in_list(1, chunk.len())
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for k in chunk {
            q = q.bind(k.clone());
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

async fn import_kev(
    tx: &mut Transaction<'_, Any>,
    entries: Vec<KevEntry>,
    file_name: &str,
    imported: &str,
    report: &mut ImportReport,
) -> Result<(), StoreError> {
    // Last entry per CVE wins; the catalog lists each CVE once.
    let mut latest: BTreeMap<String, (KevEntry, String, String)> = BTreeMap::new();
    for k in entries {
        let json = dto::kev_to_json(&k);
        let sha = hex::encode(Sha256::digest(json.as_bytes()));
        if latest
            .insert(id_key(k.cve.as_str()), (k, json, sha))
            .is_some()
        {
            report.count("kev").unchanged += 1;
        }
    }
    let keys: Vec<String> = latest.keys().cloned().collect();
    let mut stored: HashMap<String, String> = HashMap::new();
    for chunk in keys.chunks(IN_CHUNK) {
        let sql = format!(
            "SELECT cve_key, sha256 FROM kev_entries WHERE cve_key IN ({})",
            in_list(1, chunk.len())
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for k in chunk {
            q = q.bind(k.clone());
        }
        for r in q.fetch_all(&mut **tx).await? {
            stored.insert(r.try_get(0)?, r.try_get(1)?);
        }
    }
    let mut write = Vec::new();
    let mut gone = Vec::new();
    for (key, (k, json, sha)) in latest {
        match stored.get(&key) {
            Some(s) if *s == sha => {
                report.count("kev").unchanged += 1;
                continue;
            }
            Some(_) => {
                report.count("kev").updated += 1;
                gone.push(key.clone());
            }
            None => report.count("kev").added += 1,
        }
        report
            .changed
            .vulnerabilities
            .insert(k.cve.as_str().to_owned());
        write.push((key, k, json, sha));
    }
    delete_keys(tx, "kev_entries", "cve_key", &gone).await?;
    insert_rows(
        tx,
        "kev_entries (cve_key, cve, date_added, due_date, ransomware_use, sha256, file_name, imported_at, record)",
        9,
        &write,
        |q, (key, k, json, sha)| {
            q.bind(key.clone())
                .bind(k.cve.as_str().to_owned())
                .bind(k.status.date_added.map(|d| d.to_string()))
                .bind(k.status.due_date.map(|d| d.to_string()))
                .bind(k.status.ransomware_use.map(flag))
                .bind(sha.clone())
                .bind(file_name.to_owned())
                .bind(imported.to_owned())
                .bind(json.clone())
        },
    )
    .await
}

async fn import_epss(
    tx: &mut Transaction<'_, Any>,
    scores: Vec<EpssScore>,
    file_name: &str,
    imported: &str,
    report: &mut ImportReport,
) -> Result<(), StoreError> {
    let mut latest: BTreeMap<String, EpssScore> = BTreeMap::new();
    for s in scores {
        if latest.insert(id_key(s.cve.as_str()), s).is_some() {
            report.count("epss").unchanged += 1;
        }
    }
    let keys: Vec<String> = latest.keys().cloned().collect();
    let mut stored: HashMap<String, (f64, f64, Option<String>)> = HashMap::new();
    for chunk in keys.chunks(IN_CHUNK) {
        let sql = format!(
            "SELECT cve_key, score, percentile, score_date FROM epss_scores WHERE cve_key IN ({})",
            in_list(1, chunk.len())
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for k in chunk {
            q = q.bind(k.clone());
        }
        for r in q.fetch_all(&mut **tx).await? {
            stored.insert(r.try_get(0)?, (r.try_get(1)?, r.try_get(2)?, r.try_get(3)?));
        }
    }
    let mut write = Vec::new();
    let mut gone = Vec::new();
    for (key, s) in latest {
        let date = s.date.map(|d| d.to_string());
        match stored.get(&key) {
            Some((score, pct, d)) if *score == s.score && *pct == s.percentile && *d == date => {
                report.count("epss").unchanged += 1;
                continue;
            }
            // ISO dates compare as text; an older day's file does not overwrite a newer one.
            Some((_, _, Some(d))) if date.as_ref().is_some_and(|n| n < d) => {
                report.count("epss").unchanged += 1;
                continue;
            }
            Some(_) => {
                report.count("epss").updated += 1;
                gone.push(key.clone());
            }
            None => report.count("epss").added += 1,
        }
        report
            .changed
            .vulnerabilities
            .insert(s.cve.as_str().to_owned());
        write.push((key, s, date));
    }
    delete_keys(tx, "epss_scores", "cve_key", &gone).await?;
    insert_rows(
        tx,
        "epss_scores (cve_key, cve, score, percentile, score_date, model_version, file_name, imported_at)",
        8,
        &write,
        |q, (key, s, date)| {
            q.bind(key.clone())
                .bind(s.cve.as_str().to_owned())
                .bind(s.score)
                .bind(s.percentile)
                .bind(date.clone())
                .bind(s.model_version.clone())
                .bind(file_name.to_owned())
                .bind(imported.to_owned())
        },
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::{cpe_key, package_key};

    #[test]
    fn lookup_keys() {
        let packages = [
            (
                ("PyPI", "Django_REST.framework"),
                ("PyPI", "django-rest-framework"),
            ),
            (("Debian:12", "openssl"), ("Debian", "openssl")),
            (("Go", "github.com/Foo/bar"), ("Go", "github.com/Foo/bar")),
            (("Maven", "org.Apache:Log4j"), ("Maven", "org.Apache:Log4j")),
            (("npm", "@Angular/Core"), ("npm", "@angular/core")),
        ];
        for ((e, n), (we, wn)) in packages {
            assert_eq!(package_key(e, n), (we.to_owned(), wn.to_owned()), "{e} {n}");
        }
        let cpes = [
            (
                "cpe:2.3:a:apache:log4j:2.0:*:*:*:*:*:*:*",
                Some(("apache", "log4j")),
            ),
            ("cpe:/a:Cybozu:Garoon:4.0", Some(("cybozu", "garoon"))),
            (
                "cpe:2.3:o:microsoft:windows_10:-:*:*:*:*:*:*:*",
                Some(("microsoft", "windows_10")),
            ),
            (
                "cpe:2.3:a:node\\.js:node\\.js:*:*:*:*:*:*:*:*",
                Some(("node\\.js", "node\\.js")),
            ),
            ("cpe:2.3:a:*:*:*:*:*:*:*:*:*:*", Some(("*", "*"))),
            ("not a cpe", None),
        ];
        for (c, want) in cpes {
            assert_eq!(
                cpe_key(c),
                want.map(|(v, p)| (v.to_owned(), p.to_owned())),
                "{c}"
            );
        }
    }
}
