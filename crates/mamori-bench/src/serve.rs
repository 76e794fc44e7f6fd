//! Server benchmarks: a generated portfolio in a fresh database, an open-loop HTTP load on `mamori serve`, and SBOM upload latency.
//!
//! `gen-portfolio` fills a fresh SQLite or PostgreSQL database quickly but
//! with rows the store's own code wrote or would write: real OSV records,
//! the KEV catalog and generated KEV/EPSS entries go through the store's
//! import; the first release of each product gets its SBOM through
//! `Store::import_sbom`, which stores and matches it (so components, keys
//! and finding objects are the store's own); the other releases of the
//! product are copies of it made in SQL with new ids. Only the triage state,
//! the "no longer matching" status and, for findings whose records carry no
//! CVSS (most Go and RustSec records), the severity are set by the generator
//! to realistic proportions.
//!
//! `load` is an open-loop load generator: request `i` is due at
//! `start + i / rate` whatever happened before, and its latency counts from
//! that due time, so a slow server cannot hide the queue it causes
//! (no coordinated omission).
//!
//! `upload` times `POST /api/v1/releases/{id}/sbom` of a generated SBOM to
//! fresh releases (the answer comes after the SBOM is stored and matched)
//! and the `GET /api/v1/findings` that shows its findings.

use anyhow::{Context, bail, ensure};
use mamori_bench::Rng;
use mamori_bench::scan::{Package, above, highest, json_files, packages, purl};
use mamori_model::{
    Attr, Component, DocumentFormat, Email, Lifecycle, OrgKind, ProductName, ReleaseVersion, Role,
    Sbom, SourceKind,
};
use mamori_store::{FeedFile, FindingFilter, Incoming, NewUser, Store};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use sqlx::Row;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use time::OffsetDateTime;
use time::macros::datetime;

const T0: OffsetDateTime = datetime!(2026-10-01 09:00 UTC);

/// The shared OSV folders (JSON) the portfolio's packages and records come from.
const DEFAULT_ADVISORIES: &[&str] = &[
    "advisories/golang-vulndb",
    "advisories/rustsec-osv",
    "advisories/ghsa-sample-via-index",
];

fn shared(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(rel)
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?)
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

// ---------------------------------------------------------------------------
// The SBOM of one product: packages the advisories name (some at affected
// versions, the rest above every fix) and in-house packages no advisory names.

/// Components of one generated SBOM: `n` in all, `affected` of them at a
/// version the advisories call affected, about a third of the rest packages
/// the advisories name at versions above every fix, the others in-house
/// libraries no advisory names. Deterministic in `seed`.
fn product_sbom(pkgs: &[Package], seed: u64, n: usize, affected: usize, label: &str) -> Sbom {
    let mut rng = Rng::new(0x5e12_7e00 ^ seed.wrapping_mul(0x9E37_79B9));
    let mut order: Vec<usize> = (0..pkgs.len()).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i as u64 + 1) as usize);
    }
    let mut s = Sbom::new(DocumentFormat::CycloneDxJson, "1.6");
    let fw = format!("{label}-firmware");
    s.metadata.primary = Some(fw.clone());
    s.components.push(Component {
        bom_ref: fw.clone(),
        name: fw,
        version: Attr::Value("1.0".into()),
        ..Component::default()
    });
    let mut seen: HashSet<String> = HashSet::new();
    let mut push = |s: &mut Sbom, ty: &str, name: &str, version: String| {
        let p = purl(ty, name, &version);
        if seen.insert(p.clone()) {
            let (group, short) = match ty {
                "maven" => name.split_once(':').unwrap_or(("", name)),
                _ => ("", name),
            };
            s.components.push(Component {
                bom_ref: p.clone(),
                name: short.to_owned(),
                group: (!group.is_empty()).then(|| group.to_owned()),
                version: Attr::Value(version),
                purl: Some(p),
                ..Component::default()
            });
        }
    };
    let mut rest = Vec::new();
    let mut hit = 0;
    for &i in &order {
        let p = &pkgs[i];
        if hit < affected && !p.affected.is_empty() {
            let a: Vec<&String> = p.affected.iter().collect();
            let v = a[rng.below(a.len() as u64) as usize].clone();
            push(&mut s, p.purl_type, &p.name, v);
            hit += 1;
        } else {
            rest.push(i);
        }
    }
    let unaffected_target = (n.saturating_sub(s.components.len())) / 3;
    let mut taken = 0;
    for i in rest {
        if taken >= unaffected_target || s.components.len() >= n {
            break;
        }
        let p = &pkgs[i];
        if p.open_ended {
            continue;
        }
        if let Some(v) = highest(p.fixed.iter().chain(&p.affected)).and_then(|v| above(v, 1)) {
            push(&mut s, p.purl_type, &p.name, v);
            taken += 1;
        }
    }
    const IN_HOUSE: [&str; 6] = ["npm", "pypi", "cargo", "maven", "golang", "deb"];
    let mut k = 0u64;
    while s.components.len() < n {
        let ty = IN_HOUSE[rng.below(IN_HOUSE.len() as u64) as usize];
        let idn = rng.below(40_000);
        let name = match ty {
            "maven" => format!("jp.example.medical:device-lib-{idn}"),
            "golang" => format!("example.jp/medical/device-lib-{idn}"),
            _ => format!("example-medical-lib-{idn}"),
        };
        let v = format!("{}.{}.{}", rng.below(6), rng.below(30), rng.below(20));
        push(&mut s, ty, &name, v);
        k += 1;
        if k > 50 * n as u64 {
            break;
        }
    }
    s
}

// ---------------------------------------------------------------------------
// gen-portfolio

struct GenArgs {
    db: String,
    releases: usize,
    components: usize,
    findings: usize,
    per_product: usize,
    advisories: Vec<PathBuf>,
    kev: Option<PathBuf>,
}

fn gen_args(args: &[String]) -> anyhow::Result<GenArgs> {
    let usage = "usage: mamori-bench gen-portfolio --db URL [--releases 1000] [--components 2000000] [--findings 1000000] [--releases-per-product 10] [--advisories DIR]... [--kev FILE]";
    let mut a = GenArgs {
        db: String::new(),
        releases: 1000,
        components: 2_000_000,
        findings: 1_000_000,
        per_product: 10,
        advisories: Vec::new(),
        kev: None,
    };
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut val = || it.next().with_context(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--db" => a.db = val()?.clone(),
            "--releases" => a.releases = val()?.parse()?,
            "--components" => a.components = val()?.parse()?,
            "--findings" => a.findings = val()?.parse()?,
            "--releases-per-product" => a.per_product = val()?.parse()?,
            "--advisories" => a.advisories.push(PathBuf::from(val()?)),
            "--kev" => a.kev = Some(PathBuf::from(val()?)),
            other => bail!("{other}: {usage}"),
        }
    }
    ensure!(!a.db.is_empty(), "{usage}");
    ensure!(a.releases > 0 && a.per_product > 0, "{usage}");
    if a.advisories.is_empty() {
        a.advisories = DEFAULT_ADVISORIES.iter().map(|d| shared(d)).collect();
    }
    if a.kev.is_none() {
        let k = shared("kev/known_exploited_vulnerabilities.json");
        a.kev = k.is_file().then_some(k);
    }
    Ok(a)
}

/// `gen-portfolio`: see the module documentation.
pub fn gen_portfolio(args: &[String]) -> anyhow::Result<()> {
    let a = gen_args(args)?;
    runtime()?.block_on(generate(a))
}

/// Imports the OSV files one transaction per file, as `mamori db import` does.
async fn import_osv(store: &Store, dirs: &[PathBuf]) -> anyhow::Result<usize> {
    let mut n = 0;
    for d in dirs {
        for f in json_files(d) {
            let bytes = std::fs::read(&f)?;
            if let Ok(file) = FeedFile::read(&f.to_string_lossy(), &bytes, Some(SourceKind::Osv)) {
                n += file.records.len();
                store.import_feed(file, T0).await?;
            }
        }
    }
    Ok(n)
}

/// The KEV catalog, then generated KEV entries for 2% of the CVEs the
/// records name (the real catalog lists few open-source library CVEs) and
/// generated EPSS scores for all of them, each through the store's import.
async fn import_kev_epss(store: &Store, kev: Option<&PathBuf>) -> anyhow::Result<(usize, usize)> {
    if let Some(k) = kev {
        let bytes = std::fs::read(k)?;
        let file = FeedFile::read(&k.to_string_lossy(), &bytes, Some(SourceKind::Kev))?;
        store.import_feed(file, T0).await?;
    }
    let rows = sqlx::query(
        "SELECT DISTINCT alias_key FROM vuln_aliases WHERE alias_key LIKE 'CVE-%' \
         UNION SELECT DISTINCT id_key FROM vulnerabilities WHERE id_key LIKE 'CVE-%'",
    )
    .fetch_all(store.pool())
    .await?;
    let mut cves: Vec<String> = rows
        .iter()
        .map(|r| r.try_get::<String, _>(0))
        .collect::<Result<_, _>>()?;
    cves.sort();
    cves.dedup();
    let mut entries = Vec::new();
    let mut csv = String::from(
        "#model_version:v2025.03.14,score_date:2026-10-01T00:00:00+0000\ncve,epss,percentile\n",
    );
    let mut rng = Rng::new(0xe955);
    for c in &cves {
        if rng.below(100) < 2 {
            entries.push(json!({
                "cveID": c,
                "vendorProject": "Open source",
                "product": "library",
                "vulnerabilityName": format!("{c} in an open-source library"),
                "dateAdded": "2026-09-01",
                "shortDescription": "Generated for the Mamori server benchmark.",
                "requiredAction": "Apply updates per vendor instructions.",
                "dueDate": "2026-09-22",
                "knownRansomwareCampaignUse": if rng.below(10) == 0 { "Known" } else { "Unknown" },
                "notes": "",
                "cwes": [],
            }));
        }
        // Most CVEs are unlikely to be exploited: a heavy tail towards 0.
        let u = (rng.below(1_000_000) as f64) / 1_000_000.0;
        let score = u.powi(6).max(0.0001);
        csv.push_str(&format!("{c},{score:.5},{u:.5}\n"));
    }
    let kev_doc = json!({
        "title": "Generated KEV entries (mamori-bench)",
        "catalogVersion": "2026.10.01",
        "dateReleased": "2026-10-01T00:00:00.000Z",
        "count": entries.len(),
        "vulnerabilities": entries,
    });
    let n_kev = entries_len(&kev_doc);
    let bytes = serde_json::to_vec(&kev_doc)?;
    let file = FeedFile::read("bench-kev.json", &bytes, Some(SourceKind::Kev))?;
    store.import_feed(file, T0).await?;
    let file = FeedFile::read("bench-epss.csv", csv.as_bytes(), Some(SourceKind::Epss))?;
    store.import_feed(file, T0).await?;
    Ok((n_kev, cves.len()))
}

fn entries_len(v: &Value) -> usize {
    v["vulnerabilities"].as_array().map_or(0, Vec::len)
}

/// Severity levels for findings whose records carry no CVSS, in realistic
/// proportions, each with a CVSS 3.1 vector of that level and its score.
fn generated_severity(group: &str) -> Value {
    let h = Sha256::digest(group.as_bytes());
    let x = u16::from_be_bytes([h[0], h[1]]) % 100;
    let (level, score, vector) = match x {
        0..12 => (
            "critical",
            9.8,
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        ),
        12..50 => ("high", 7.5, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"),
        50..88 => (
            "medium",
            5.3,
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N",
        ),
        88..95 => ("low", 3.7, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N"),
        _ => return json!({"level": "unknown", "score": null, "label": null}),
    };
    json!({"level": level, "score": score, "vector": vector, "source": "mamori-bench"})
}

/// The triage state, justification, response, who/when and status of a
/// finding, as SQL expressions of its id `id` (realistic proportions, fixed
/// per id): 55% still in triage, 25% not affected, 5% exploitable, 8%
/// resolved, 7% false positive; 8% of all no longer matching.
fn triage_columns(id: &str) -> [String; 7] {
    let h = format!("((({id}) * 40503) % 1000)");
    let g = format!("((({id}) * 2654435761) % 1000)");
    [
        format!(
            "CASE WHEN {h} < 550 THEN 'in_triage' WHEN {h} < 800 THEN 'not_affected' WHEN {h} < 850 THEN 'exploitable' \
             WHEN {h} < 930 THEN 'resolved' ELSE 'false_positive' END"
        ),
        format!(
            "CASE WHEN {h} >= 550 AND {h} < 700 THEN 'code_not_reachable' WHEN {h} >= 700 AND {h} < 800 THEN 'requires_environment' ELSE NULL END"
        ),
        format!("CASE WHEN {h} >= 800 AND {h} < 930 THEN 'update' ELSE NULL END"),
        format!("CASE WHEN {h} < 550 THEN NULL ELSE 'analyst@bench.example' END"),
        format!("CASE WHEN {h} < 550 THEN NULL ELSE '2026-10-20T10:00:00Z' END"),
        format!("CASE WHEN {g} < 80 THEN 'resolved' ELSE 'open' END"),
        format!("CASE WHEN {g} < 80 THEN '2026-10-15T00:00:00Z' ELSE NULL END"),
    ]
}

/// Gives the template release's findings generated severities where their
/// records carry none, and the triage columns of [`triage_columns`].
async fn shape_template(store: &Store, release_id: i64) -> anyhow::Result<()> {
    let rows = sqlx::query(
        "SELECT id, vuln_group, detail FROM findings WHERE release_id = $1 AND severity = 'unknown'",
    )
    .bind(release_id)
    .fetch_all(store.pool())
    .await?;
    let mut tx = store.pool().begin().await?;
    for r in rows {
        let id: i64 = r.try_get(0)?;
        let group: String = r.try_get(1)?;
        let mut detail: Value = serde_json::from_str(&r.try_get::<String, _>(2)?)?;
        let sev = generated_severity(&group);
        detail["severity"] = sev.clone();
        let fingerprint = hex::encode(Sha256::digest(
            mamori_store::canonical_json(&detail).as_bytes(),
        ));
        // The score goes as text: sqlx's `Any` driver types a NULL `f64` as PostgreSQL's
        // `float4` and a present one as `float8`, and the cached statement keeps the first
        // (the store binds through its own `Float` for this).
        sqlx::query(
            "UPDATE findings SET severity = $1, score = CAST($2 AS DOUBLE PRECISION), detail = $3, fingerprint = $4 WHERE id = $5",
        )
        .bind(sev["level"].as_str().unwrap_or("unknown").to_owned())
        .bind(sev["score"].as_f64().map(|s| s.to_string()))
        .bind(detail.to_string())
        .bind(fingerprint)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    }
    let [state, just, resp, by, at, status, resolved] = triage_columns("id");
    let sql = format!(
        "UPDATE findings SET state = {state}, justification = {just}, response = {resp}, state_by = {by}, \
         state_at = {at}, status = {status}, resolved_at = {resolved} WHERE release_id = $1"
    );
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(release_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

async fn max_id(tx: &mut sqlx::Transaction<'_, sqlx::Any>, table: &str) -> anyhow::Result<i64> {
    let sql = format!("SELECT COALESCE(MAX(id), 0) FROM {table}");
    Ok(sqlx::query(sqlx::AssertSqlSafe(sql))
        .fetch_one(&mut **tx)
        .await?
        .try_get(0)?)
}

/// The template release's rows, copied to `release` with new ids.
struct Template {
    release_id: i64,
    sbom_id: i64,
    min_component: i64,
    min_finding: i64,
}

/// Copies the template's SBOM version, components, match rows, keys,
/// findings and finding ids to `release_id`, ids shifted past the tables'
/// current maximum so every copied reference stays consistent.
async fn clone_release(store: &Store, t: &Template, release_id: i64) -> anyhow::Result<usize> {
    let mut tx = store.pool().begin().await?;
    let sbom_id: i64 = sqlx::query(
        "INSERT INTO sboms (release_id, version, document_id, serial_number, component_count, created_at, created_by) \
         SELECT CAST($1 AS BIGINT), version, document_id, serial_number, component_count, created_at, created_by \
         FROM sboms WHERE id = $2 RETURNING id",
    )
    .bind(release_id)
    .bind(t.sbom_id)
    .fetch_one(&mut *tx)
    .await?
    .try_get(0)?;
    sqlx::query(
        "INSERT INTO release_documents (release_id, document_id, supplier, attached_at, attached_by) \
         SELECT CAST($1 AS BIGINT), document_id, supplier, attached_at, attached_by FROM release_documents WHERE release_id = $2",
    )
    .bind(release_id)
    .bind(t.release_id)
    .execute(&mut *tx)
    .await?;
    let off_c = max_id(&mut tx, "components").await? + 1 - t.min_component;
    sqlx::query(
        "INSERT INTO components (id, sbom_id, idx, bom_ref, name, version, grp, purl, purl_key, cpe, supplier, provenance, first_party) \
         SELECT id + $1, CAST($2 AS BIGINT), idx, bom_ref, name, version, grp, purl, purl_key, cpe, supplier, provenance, first_party \
         FROM components WHERE sbom_id = $3",
    )
    .bind(off_c)
    .bind(sbom_id)
    .bind(t.sbom_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO component_match (component_id, sbom_id, platform, identity) \
         SELECT component_id + $1, CAST($2 AS BIGINT), platform, identity FROM component_match WHERE sbom_id = $3",
    )
    .bind(off_c)
    .bind(sbom_id)
    .bind(t.sbom_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO component_keys (release_id, sbom_id, component_id, key) \
         SELECT CAST($1 AS BIGINT), CAST($2 AS BIGINT), component_id + $3, key FROM component_keys WHERE release_id = $4",
    )
    .bind(release_id)
    .bind(sbom_id)
    .bind(off_c)
    .bind(t.release_id)
    .execute(&mut *tx)
    .await?;
    let off_f = max_id(&mut tx, "findings").await? + 1 - t.min_finding;
    let [state, just, resp, by, at, status, resolved] = triage_columns("id + $1");
    let sql = format!(
        "INSERT INTO findings (id, release_id, sbom_id, bom_ref, component, vuln_group, kind, severity, score, kev, epss, \
         status, fingerprint, detail, state, justification, response, analysis, state_by, state_at, rule_id, priority, due, \
         first_seen, updated_at, resolved_at) \
         SELECT id + $1, CAST($2 AS BIGINT), CAST($3 AS BIGINT), bom_ref, component, vuln_group, kind, severity, score, kev, epss, \
         {status}, fingerprint, detail, {state}, {just}, {resp}, analysis, {by}, {at}, rule_id, priority, due, \
         first_seen, updated_at, {resolved} FROM findings WHERE release_id = $4"
    );
    let copied = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(off_f)
        .bind(release_id)
        .bind(sbom_id)
        .bind(t.release_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    sqlx::query(
        "INSERT INTO finding_ids (finding_id, id_key, release_id, open) \
         SELECT i.finding_id + $1, i.id_key, CAST($2 AS BIGINT), CASE WHEN n.status = 'open' THEN 1 ELSE 0 END \
         FROM finding_ids i JOIN findings f ON f.id = i.finding_id \
         JOIN findings n ON n.id = i.finding_id + $1 WHERE f.release_id = $3",
    )
    .bind(off_f)
    .bind(release_id)
    .bind(t.release_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(copied as usize)
}

/// Findings per value of `col`, most first.
async fn histogram(store: &Store, col: &str) -> anyhow::Result<String> {
    let sql = format!("SELECT {col}, COUNT(*) FROM findings GROUP BY {col} ORDER BY 2 DESC");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .fetch_all(store.pool())
        .await?;
    let mut out = Vec::new();
    for r in rows {
        out.push(format!(
            "{} {}",
            r.try_get::<String, _>(0)?,
            r.try_get::<i64, _>(1)?
        ));
    }
    Ok(out.join(", "))
}

async fn scalar(store: &Store, sql: &'static str) -> anyhow::Result<i64> {
    Ok(sqlx::query(sql).fetch_one(store.pool()).await?.try_get(0)?)
}

async fn generate(a: GenArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let store = Store::open(&a.db).await?.with_actor("bench");
    ensure!(
        store.products().await?.is_empty(),
        "{}: not a fresh database (it has products)",
        mamori_store::redact(&a.db)
    );
    let pkgs = packages(&a.advisories);
    ensure!(!pkgs.is_empty(), "no OSV packages under {:?}", a.advisories);
    let t = Instant::now();
    let n = import_osv(&store, &a.advisories).await?;
    let (n_kev, n_cves) = import_kev_epss(&store, a.kev.as_ref()).await?;
    eprintln!(
        "imported {n} OSV records ({} packages), the KEV catalog, {n_kev} generated KEV entries and EPSS scores of {n_cves} CVEs in {:.0} s",
        pkgs.len(),
        t.elapsed().as_secs_f64()
    );

    // People: the maker with an administrator, an analyst and an auditor; one hospital.
    let maker = store
        .add_organization("Maker", OrgKind::Maker, "ja", "bench", T0)
        .await?;
    let hospital = store
        .add_organization(
            "Bench General Hospital",
            OrgKind::Hospital,
            "ja",
            "bench",
            T0,
        )
        .await?;
    let mut admin_id = 0;
    for (email, role, org) in [
        ("admin@bench.example", Role::Admin, maker.id),
        ("analyst@bench.example", Role::Analyst, maker.id),
        ("auditor@bench.example", Role::Auditor, maker.id),
        ("nurse@hospital.example", Role::Hospital, hospital.id),
    ] {
        let u = store
            .add_user(
                &NewUser {
                    email: Email::new(email)?,
                    display_name: email.to_owned(),
                    password: "bench-password-not-secret".into(),
                    org_id: org,
                    role,
                    lang: "ja".into(),
                },
                "bench",
                T0,
            )
            .await?;
        if role == Role::Admin {
            admin_id = u.id;
        }
    }
    let now = OffsetDateTime::now_utc();
    let (token, _) = store
        .create_api_token(
            admin_id,
            "benchmark",
            &["read", "write"],
            now + time::Duration::days(30),
            "admin@bench.example",
            now,
        )
        .await?;

    let products = a.releases.div_ceil(a.per_product);
    let per_release_components = (a.components / a.releases).max(2);
    let per_release_findings = a.findings / a.releases;
    // Findings per affected component, learnt from the templates matched so far.
    let (mut seen_findings, mut seen_affected) = (0usize, 0usize);
    let mut made_releases = 0usize;
    let mut total_findings = 0usize;
    let t = Instant::now();
    for p in 0..products {
        let name = ProductName::new(&format!("Infusion Pump IP-{p:03}"))?;
        let product = store
            .add_product(&name, Some("Example Medical"), T0)
            .await?;
        let releases_here = a.per_product.min(a.releases - made_releases);
        let mut template: Option<Template> = None;
        for k in 0..releases_here {
            let version = ReleaseVersion::new(&format!("{}.{}.0", 1 + k / 4, k % 4))?;
            let release = store
                .add_release(&product, &version, &Lifecycle::default(), T0)
                .await?;
            made_releases += 1;
            match &template {
                None => {
                    let fpa = if seen_affected == 0 {
                        4.0
                    } else {
                        seen_findings as f64 / seen_affected as f64
                    };
                    // Aim at the findings still missing, spread over the releases still to make.
                    let remaining_releases = (a.releases - made_releases + 1).max(1);
                    let want = (a.findings.saturating_sub(total_findings)) as f64
                        / remaining_releases as f64;
                    let affected = ((want / fpa).round() as usize).min(per_release_components / 2);
                    let sbom = product_sbom(
                        &pkgs,
                        p as u64,
                        per_release_components,
                        affected,
                        &format!("ip-{p:03}"),
                    );
                    let bytes = mamori_sbom::write(&sbom, DocumentFormat::CycloneDxJson);
                    store
                        .import_sbom(
                            &release,
                            Incoming {
                                bytes: &bytes,
                                filename: Some("firmware.cdx.json"),
                                sbom: &sbom,
                                supplier: None,
                            },
                            "engineer@bench.example",
                            T0,
                        )
                        .await?;
                    shape_template(&store, release.id).await?;
                    let row = sqlx::query(
                        "SELECT s.id, (SELECT MIN(id) FROM components WHERE sbom_id = s.id), \
                         (SELECT COALESCE(MIN(id), 0) FROM findings WHERE release_id = s.release_id), \
                         (SELECT COUNT(*) FROM findings WHERE release_id = s.release_id) \
                         FROM sboms s WHERE s.release_id = $1",
                    )
                    .bind(release.id)
                    .fetch_one(store.pool())
                    .await?;
                    let found: i64 = row.try_get(3)?;
                    seen_findings += found as usize;
                    seen_affected += affected.max(1);
                    total_findings += found as usize;
                    template = Some(Template {
                        release_id: release.id,
                        sbom_id: row.try_get(0)?,
                        min_component: row.try_get(1)?,
                        min_finding: row.try_get(2)?,
                    });
                }
                Some(t) => {
                    total_findings += clone_release(&store, t, release.id).await?;
                }
            }
        }
        if store.backend() == mamori_store::Backend::Postgres {
            // Copies were given explicit ids: move the identity sequences past them
            // before the store's own inserts (the next template) draw from them.
            for table in ["components", "findings"] {
                let sql = format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
                );
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .execute(store.pool())
                    .await?;
            }
        }
        if (p + 1) % 10 == 0 || p + 1 == products {
            eprintln!(
                "{made_releases} releases, {total_findings} findings in {:.0} s (aiming at {per_release_findings} findings per release)",
                t.elapsed().as_secs_f64()
            );
        }
    }
    if store.backend() == mamori_store::Backend::Postgres {
        // What autovacuum would do shortly after a bulk load.
        sqlx::query("ANALYZE").execute(store.pool()).await?;
    }
    let build_secs = t.elapsed().as_secs_f64();
    store.close().await;

    // Read back through a fresh Store, as the server will.
    let store = Store::open(&a.db).await?;
    let counts = [
        (
            "products",
            scalar(&store, "SELECT COUNT(*) FROM products").await?,
        ),
        (
            "releases",
            scalar(&store, "SELECT COUNT(*) FROM releases").await?,
        ),
        ("sboms", scalar(&store, "SELECT COUNT(*) FROM sboms").await?),
        (
            "components",
            scalar(&store, "SELECT COUNT(*) FROM components").await?,
        ),
        (
            "component_keys",
            scalar(&store, "SELECT COUNT(*) FROM component_keys").await?,
        ),
        (
            "vulnerabilities",
            scalar(&store, "SELECT COUNT(*) FROM vulnerabilities").await?,
        ),
        (
            "vuln_aliases",
            scalar(&store, "SELECT COUNT(*) FROM vuln_aliases").await?,
        ),
        (
            "findings",
            scalar(&store, "SELECT COUNT(*) FROM findings").await?,
        ),
        (
            "finding_ids",
            scalar(&store, "SELECT COUNT(*) FROM finding_ids").await?,
        ),
        (
            "findings open",
            scalar(
                &store,
                "SELECT COUNT(*) FROM findings WHERE status = 'open'",
            )
            .await?,
        ),
        (
            "findings KEV",
            scalar(&store, "SELECT COUNT(*) FROM findings WHERE kev = 1").await?,
        ),
    ];
    println!("| table | rows |\n|---|---:|");
    for (k, v) in counts {
        println!("| {k} | {v} |");
    }
    println!("\nseverity: {}", histogram(&store, "severity").await?);
    println!("state: {}", histogram(&store, "state").await?);
    let t = Instant::now();
    let page = store
        .findings_page(&FindingFilter::default(), None, 50)
        .await?;
    let first = page.rows.first().context("no findings on the first page")?;
    let cve = first
        .detail
        .get("aliases")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .find(|a| a.starts_with("CVE-"))
        .unwrap_or_else(|| first.detail["vulnerability_id"].as_str().unwrap_or(""))
        .to_owned();
    let (_, affected) = store.affected(&cve).await?;
    let products = store.products().await?;
    println!(
        "\nread back: findings_page {} rows (next {:?}), affected({cve}) {} findings, products {} ({:.2} s)",
        page.rows.len(),
        page.next,
        affected.len(),
        products.len(),
        t.elapsed().as_secs_f64()
    );
    store.close().await;
    println!(
        "built in {build_secs:.0} s ({:.0} s in all)",
        started.elapsed().as_secs_f64()
    );
    println!("token: {token}");
    Ok(())
}

// ---------------------------------------------------------------------------
// load

struct LoadArgs {
    url: String,
    token: String,
    rate: f64,
    duration: Duration,
    mix: Vec<(Endpoint, u32)>,
    connections: usize,
    json: bool,
    seed: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Endpoint {
    Findings,
    Affected,
    Products,
}

impl Endpoint {
    fn name(self) -> &'static str {
        match self {
            Endpoint::Findings => "findings",
            Endpoint::Affected => "affected",
            Endpoint::Products => "products",
        }
    }
}

fn parse_duration(s: &str) -> anyhow::Result<Duration> {
    let (num, unit) = s
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .map_or((s, "s"), |i| (&s[..i], &s[i..]));
    let n: f64 = num.parse().with_context(|| format!("duration {s:?}"))?;
    let secs = match unit {
        "s" => n,
        "m" => n * 60.0,
        "ms" => n / 1000.0,
        _ => bail!("duration {s:?}: use 300s, 5m or 500ms"),
    };
    Ok(Duration::from_secs_f64(secs))
}

fn load_args(args: &[String]) -> anyhow::Result<LoadArgs> {
    let usage = "usage: mamori-bench load --url URL --token T [--rate 200] [--duration 300s] [--mix findings=60,affected=25,products=15] [--connections 64] [--seed N] [--json]";
    let mut a = LoadArgs {
        url: String::new(),
        token: String::new(),
        rate: 200.0,
        duration: Duration::from_secs(300),
        mix: vec![
            (Endpoint::Findings, 60),
            (Endpoint::Affected, 25),
            (Endpoint::Products, 15),
        ],
        connections: 64,
        json: false,
        seed: 1,
    };
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        if flag == "--json" {
            a.json = true;
            continue;
        }
        let mut val = || it.next().with_context(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--url" => a.url = val()?.trim_end_matches('/').to_owned(),
            "--token" => a.token = val()?.clone(),
            "--rate" => a.rate = val()?.parse()?,
            "--duration" => a.duration = parse_duration(val()?)?,
            "--connections" => a.connections = val()?.parse()?,
            "--seed" => a.seed = val()?.parse()?,
            "--mix" => {
                a.mix = val()?
                    .split(',')
                    .map(|kv| {
                        let (k, v) = kv.split_once('=').context("mix: name=weight")?;
                        let e = match k.trim() {
                            "findings" => Endpoint::Findings,
                            "affected" => Endpoint::Affected,
                            "products" => Endpoint::Products,
                            other => bail!("mix: unknown endpoint {other:?}"),
                        };
                        Ok((e, v.trim().parse()?))
                    })
                    .collect::<anyhow::Result<_>>()?;
            }
            other => bail!("{other}: {usage}"),
        }
    }
    ensure!(!a.url.is_empty() && !a.token.is_empty(), "{usage}");
    ensure!(a.rate > 0.0, "--rate must be positive");
    ensure!(a.mix.iter().any(|(_, w)| *w > 0), "--mix has no weight");
    Ok(a)
}

/// What requests are drawn from: the database's real products, vulnerability
/// ids and cursors, fetched through the API before the timed run.
struct Targets {
    products: Vec<i64>,
    ids: Vec<String>,
    cursors: Vec<(String, String)>,
}

async fn get_json(client: &reqwest::Client, a: &LoadArgs, path: &str) -> anyhow::Result<Value> {
    let r = client
        .get(format!("{}{path}", a.url))
        .bearer_auth(&a.token)
        .send()
        .await?;
    let status = r.status();
    let body = r.bytes().await?;
    ensure!(
        status.is_success(),
        "GET {path}: {status}: {}",
        String::from_utf8_lossy(&body[..body.len().min(300)])
    );
    Ok(serde_json::from_slice(&body)?)
}

const SEVERITIES: [(&str, u64); 4] = [("critical", 15), ("high", 35), ("medium", 35), ("low", 15)];
const STATES: [(&str, u64); 4] = [
    ("in_triage", 60),
    ("exploitable", 15),
    ("not_affected", 15),
    ("false_positive", 10),
];

fn weighted<'a>(rng: &mut Rng, table: &[(&'a str, u64)]) -> &'a str {
    let total: u64 = table.iter().map(|(_, w)| w).sum();
    let mut x = rng.below(total);
    for (v, w) in table {
        if x < *w {
            return v;
        }
        x -= w;
    }
    table[0].0
}

/// A findings query with filters drawn like people's: often a severity,
/// sometimes a state, a product, KEV only.
fn findings_query(rng: &mut Rng, products: &[i64]) -> String {
    let mut q = vec!["limit=50".to_owned()];
    if rng.below(100) < 50 {
        q.push(format!("severity={}", weighted(rng, &SEVERITIES)));
    }
    if rng.below(100) < 30 {
        q.push(format!("state={}", weighted(rng, &STATES)));
    }
    if !products.is_empty() && rng.below(100) < 40 {
        q.push(format!(
            "product={}",
            products[rng.below(products.len() as u64) as usize]
        ));
    }
    if rng.below(100) < 10 {
        q.push("kev=true".into());
    }
    q.join("&")
}

async fn targets(client: &reqwest::Client, a: &LoadArgs) -> anyhow::Result<Targets> {
    let mut rng = Rng::new(a.seed ^ 0x7a29);
    let v = get_json(client, a, "/api/v1/products").await?;
    let products: Vec<i64> = v["products"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["id"].as_i64())
        .collect();
    ensure!(!products.is_empty(), "the server has no products");
    let mut ids: BTreeSet<String> = BTreeSet::new();
    let mut collect = |v: &Value| {
        for f in v["findings"].as_array().into_iter().flatten() {
            let cve = f["aliases"]
                .as_array()
                .into_iter()
                .flatten()
                .chain(std::iter::once(&f["vulnerability_id"]))
                .filter_map(Value::as_str)
                .find(|i| i.starts_with("CVE-"));
            if let Some(c) = cve {
                ids.insert(c.to_owned());
            }
        }
    };
    // Vulnerability ids from across the portfolio, KEV ones among them.
    for _ in 0..20 {
        let p = products[rng.below(products.len() as u64) as usize];
        collect(
            &get_json(
                client,
                a,
                &format!("/api/v1/findings?product={p}&limit=200"),
            )
            .await?,
        );
    }
    collect(&get_json(client, a, "/api/v1/findings?kev=true&limit=200").await?);
    let ids: Vec<String> = ids.into_iter().collect();
    ensure!(!ids.is_empty(), "no CVE ids among the server's findings");
    let mut cursors = Vec::new();
    for _ in 0..60 {
        let q = findings_query(&mut rng, &products);
        let v = get_json(client, a, &format!("/api/v1/findings?{q}")).await?;
        if let Some(next) = v["next"].as_str() {
            cursors.push((q, next.to_owned()));
        }
    }
    Ok(Targets {
        products,
        ids,
        cursors,
    })
}

fn pick(rng: &mut Rng, mix: &[(Endpoint, u32)]) -> Endpoint {
    let total: u64 = mix.iter().map(|(_, w)| u64::from(*w)).sum();
    let mut x = rng.below(total);
    for (e, w) in mix {
        if x < u64::from(*w) {
            return *e;
        }
        x -= u64::from(*w);
    }
    mix[0].0
}

fn request_path(rng: &mut Rng, e: Endpoint, t: &Targets) -> String {
    match e {
        Endpoint::Products => "/api/v1/products".into(),
        Endpoint::Affected => format!(
            "/api/v1/affected/{}",
            t.ids[rng.below(t.ids.len() as u64) as usize]
        ),
        Endpoint::Findings => {
            // A fifth of the queue views are a next page.
            if !t.cursors.is_empty() && rng.below(100) < 20 {
                let (q, c) = &t.cursors[rng.below(t.cursors.len() as u64) as usize];
                format!("/api/v1/findings?{q}&cursor={c}")
            } else {
                format!("/api/v1/findings?{}", findings_query(rng, &t.products))
            }
        }
    }
}

struct Sample {
    endpoint: Endpoint,
    micros: u64,
    ok: bool,
    bytes: usize,
    error: Option<String>,
}

struct Summary {
    requests: usize,
    errors: usize,
    p50_ms: f64,
    p90_ms: f64,
    p99_ms: f64,
    p999_ms: f64,
    max_ms: f64,
    mean_bytes: f64,
}

impl Summary {
    fn to_json(&self) -> Value {
        json!({
            "requests": self.requests,
            "errors": self.errors,
            "p50_ms": self.p50_ms,
            "p90_ms": self.p90_ms,
            "p99_ms": self.p99_ms,
            "p999_ms": self.p999_ms,
            "max_ms": self.max_ms,
            "mean_bytes": self.mean_bytes,
        })
    }
}

fn summarize(samples: &[&Sample]) -> Summary {
    let mut v: Vec<u64> = samples.iter().map(|s| s.micros).collect();
    v.sort_unstable();
    let q = |p: f64| -> f64 {
        if v.is_empty() {
            return 0.0;
        }
        let i = ((p * v.len() as f64).ceil() as usize).clamp(1, v.len()) - 1;
        v[i] as f64 / 1000.0
    };
    Summary {
        requests: samples.len(),
        errors: samples.iter().filter(|s| !s.ok).count(),
        p50_ms: q(0.50),
        p90_ms: q(0.90),
        p99_ms: q(0.99),
        p999_ms: q(0.999),
        max_ms: v.last().map_or(0.0, |m| *m as f64 / 1000.0),
        mean_bytes: if samples.is_empty() {
            0.0
        } else {
            samples.iter().map(|s| s.bytes).sum::<usize>() as f64 / samples.len() as f64
        },
    }
}

/// `load`: see the module documentation.
pub fn load(args: &[String]) -> anyhow::Result<()> {
    let a = load_args(args)?;
    runtime()?.block_on(run_load(a))
}

async fn run_load(a: LoadArgs) -> anyhow::Result<()> {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(a.connections)
        .pool_idle_timeout(Duration::from_secs(600))
        .tcp_nodelay(true)
        .timeout(Duration::from_secs(30))
        .build()?;
    let targets = Arc::new(targets(&client, &a).await?);
    // Open the pool's connections before the clock starts.
    let warm: Vec<_> = (0..a.connections)
        .map(|_| {
            let c = client.clone();
            let url = format!("{}/healthz", a.url);
            tokio::spawn(async move { c.get(url).send().await.map(|r| r.status()) })
        })
        .collect();
    for w in warm {
        let _ = w.await;
    }
    let load_start = loadavg();
    let total = (a.rate * a.duration.as_secs_f64()).round() as usize;
    let interval = Duration::from_secs_f64(1.0 / a.rate);
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Sample>();
    let in_flight = Arc::new(AtomicUsize::new(0));
    let max_in_flight = Arc::new(AtomicUsize::new(0));
    let mut rng = Rng::new(a.seed);
    let start = tokio::time::Instant::now() + Duration::from_millis(100);
    let mut worst_lag = Duration::ZERO;
    for i in 0..total {
        let due = start + interval.mul_f64(i as f64);
        tokio::time::sleep_until(due).await;
        worst_lag = worst_lag.max(tokio::time::Instant::now() - due);
        let e = pick(&mut rng, &a.mix);
        let path = request_path(&mut rng, e, &targets);
        let (client, tx, token) = (client.clone(), tx.clone(), a.token.clone());
        let url = format!("{}{path}", a.url);
        let (in_flight, max_in_flight) = (in_flight.clone(), max_in_flight.clone());
        tokio::spawn(async move {
            let n = in_flight.fetch_add(1, Ordering::Relaxed) + 1;
            max_in_flight.fetch_max(n, Ordering::Relaxed);
            let r = async {
                let resp = client.get(&url).bearer_auth(token).send().await?;
                let status = resp.status();
                let body = resp.bytes().await?;
                anyhow::Ok((status, body))
            }
            .await;
            // Measured from when the request was due, not from when it went out.
            let micros = due.elapsed().as_micros() as u64;
            in_flight.fetch_sub(1, Ordering::Relaxed);
            let sample = match r {
                Ok((status, body)) => Sample {
                    endpoint: e,
                    micros,
                    ok: status.is_success(),
                    bytes: body.len(),
                    error: (!status.is_success()).then(|| {
                        format!(
                            "{status} {url}: {}",
                            String::from_utf8_lossy(&body[..body.len().min(200)])
                        )
                    }),
                },
                Err(err) => Sample {
                    endpoint: e,
                    micros,
                    ok: false,
                    bytes: 0,
                    error: Some(format!("{url}: {err}")),
                },
            };
            let _ = tx.send(sample);
        });
    }
    drop(tx);
    let mut samples = Vec::with_capacity(total);
    while let Some(s) = rx.recv().await {
        samples.push(s);
    }
    let elapsed = start.elapsed().as_secs_f64();
    let load_end = loadavg();
    let all: Vec<&Sample> = samples.iter().collect();
    let mut rows: Vec<(String, Summary)> = Vec::new();
    let endpoints: BTreeSet<Endpoint> = samples.iter().map(|s| s.endpoint).collect();
    for e in endpoints {
        let these: Vec<&Sample> = samples.iter().filter(|s| s.endpoint == e).collect();
        rows.push((e.name().to_owned(), summarize(&these)));
    }
    rows.push(("all".into(), summarize(&all)));
    let achieved = samples.len() as f64 / elapsed;
    let errors: Vec<&String> = samples.iter().filter_map(|s| s.error.as_ref()).collect();
    if a.json {
        let out = json!({
            "tool": "mamori-bench load (open loop, latency from the scheduled send time)",
            "url": a.url,
            "rate": a.rate,
            "duration_s": a.duration.as_secs_f64(),
            "mix": a.mix.iter().map(|(e, w)| (e.name(), *w)).collect::<BTreeMap<_, _>>(),
            "connections": a.connections,
            "achieved_rate": achieved,
            "max_in_flight": max_in_flight.load(Ordering::Relaxed),
            "worst_schedule_lag_ms": worst_lag.as_secs_f64() * 1000.0,
            "loadavg_start": load_start,
            "loadavg_end": load_end,
            "distinct_ids": targets.ids.len(),
            "products": targets.products.len(),
            "endpoints": rows.iter().map(|(k, s)| (k.clone(), s.to_json())).collect::<BTreeMap<_, _>>(),
            "first_errors": errors.iter().take(5).collect::<Vec<_>>(),
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        println!(
            "open-loop load: {} req/s for {:.0} s, mix {}, {} keep-alive connections; {} products, {} vulnerability ids",
            a.rate,
            a.duration.as_secs_f64(),
            a.mix
                .iter()
                .map(|(e, w)| format!("{}={w}", e.name()))
                .collect::<Vec<_>>()
                .join(","),
            a.connections,
            targets.products.len(),
            targets.ids.len()
        );
        println!(
            "\n| endpoint | requests | errors | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | mean KiB |"
        );
        println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (k, s) in &rows {
            println!(
                "| {k} | {} | {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {:.1} |",
                s.requests,
                s.errors,
                s.p50_ms,
                s.p90_ms,
                s.p99_ms,
                s.p999_ms,
                s.max_ms,
                s.mean_bytes / 1024.0
            );
        }
        println!(
            "\nachieved {achieved:.1} req/s; at most {} in flight; worst schedule lag {:.1} ms; load average {load_start} at start, {load_end} at end",
            max_in_flight.load(Ordering::Relaxed),
            worst_lag.as_secs_f64() * 1000.0
        );
        for e in errors.iter().take(5) {
            println!("error: {e}");
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// upload

struct UploadArgs {
    url: String,
    token: String,
    release: Option<i64>,
    product: Option<String>,
    components: usize,
    affected: usize,
    count: usize,
    advisories: Vec<PathBuf>,
    json: bool,
}

fn upload_args(args: &[String]) -> anyhow::Result<UploadArgs> {
    let usage = "usage: mamori-bench upload --url URL --token T (--release ID | --product P) [--components 3000] [--affected 150] [--count 10] [--advisories DIR]... [--json]";
    let mut a = UploadArgs {
        url: String::new(),
        token: String::new(),
        release: None,
        product: None,
        components: 3000,
        affected: 150,
        count: 10,
        advisories: Vec::new(),
        json: false,
    };
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        if flag == "--json" {
            a.json = true;
            continue;
        }
        let mut val = || it.next().with_context(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--url" => a.url = val()?.trim_end_matches('/').to_owned(),
            "--token" => a.token = val()?.clone(),
            "--release" => a.release = Some(val()?.parse()?),
            "--product" => a.product = Some(val()?.clone()),
            "--components" => a.components = val()?.parse()?,
            "--affected" => a.affected = val()?.parse()?,
            "--count" => a.count = val()?.parse()?,
            "--advisories" => a.advisories.push(PathBuf::from(val()?)),
            other => bail!("{other}: {usage}"),
        }
    }
    ensure!(!a.url.is_empty() && !a.token.is_empty(), "{usage}");
    ensure!(
        a.release.is_some() || a.product.is_some(),
        "{usage}: the fresh releases go to --product P, or to the product of --release ID"
    );
    if a.advisories.is_empty() {
        a.advisories = DEFAULT_ADVISORIES.iter().map(|d| shared(d)).collect();
    }
    Ok(a)
}

/// `upload`: see the module documentation.
pub fn upload(args: &[String]) -> anyhow::Result<()> {
    let a = upload_args(args)?;
    runtime()?.block_on(run_upload(a))
}

async fn run_upload(a: UploadArgs) -> anyhow::Result<()> {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(300))
        .build()?;
    let la = LoadArgs {
        url: a.url.clone(),
        token: a.token.clone(),
        rate: 1.0,
        duration: Duration::ZERO,
        mix: Vec::new(),
        connections: 1,
        json: false,
        seed: 0,
    };
    let product: String = match (&a.product, a.release) {
        (Some(p), _) => get_json(&client, &la, &format!("/api/v1/products/{p}")).await?["id"]
            .as_i64()
            .context("product without id")?
            .to_string(),
        (None, Some(r)) => {
            get_json(&client, &la, &format!("/api/v1/releases/{r}")).await?["product_id"]
                .as_i64()
                .context("release without product_id")?
                .to_string()
        }
        (None, None) => unreachable!("checked in upload_args"),
    };
    let pkgs = packages(&a.advisories);
    ensure!(!pkgs.is_empty(), "no OSV packages under {:?}", a.advisories);
    let stamp = OffsetDateTime::now_utc().unix_timestamp();
    let mut rows = Vec::new();
    for i in 0..a.count {
        let sbom = product_sbom(
            &pkgs,
            900_000 + i as u64,
            a.components,
            a.affected,
            "upload",
        );
        let bytes = mamori_sbom::write(&sbom, DocumentFormat::CycloneDxJson);
        let version = format!("9.{stamp}.{i}");
        let r = client
            .post(format!("{}/api/v1/products/{product}/releases", a.url))
            .bearer_auth(&a.token)
            .header("content-type", "application/json")
            .body(json!({"version": version}).to_string())
            .send()
            .await?;
        let status = r.status();
        let rel: Value = serde_json::from_slice(&r.bytes().await?)?;
        ensure!(status.is_success(), "add release: {status}: {rel}");
        let release_id = rel["id"].as_i64().context("release id")?;
        let load_before = loadavg();
        let t = Instant::now();
        let r = client
            .post(format!(
                "{}/api/v1/releases/{release_id}/sbom?filename=bench.cdx.json",
                a.url
            ))
            .bearer_auth(&a.token)
            .header("content-type", "application/octet-stream")
            .body(bytes.clone())
            .send()
            .await?;
        let status = r.status();
        let body = r.bytes().await?;
        let post = t.elapsed().as_secs_f64();
        ensure!(
            status.is_success(),
            "upload: {status}: {}",
            String::from_utf8_lossy(&body[..body.len().min(500)])
        );
        let up: Value = serde_json::from_slice(&body)?;
        let page = get_json(
            &client,
            &la,
            &format!("/api/v1/findings?product={product}&release={version}&limit=50"),
        )
        .await?;
        let total = t.elapsed().as_secs_f64();
        let shown = page["findings"].as_array().map_or(0, Vec::len);
        let findings = up["findings"].as_u64().unwrap_or(0) as usize;
        ensure!(
            shown == findings.min(50),
            "the findings page shows {shown} findings, the upload said {findings}"
        );
        rows.push(json!({
            "release": release_id,
            "components": sbom.components.len(),
            "bytes": bytes.len(),
            "findings": findings,
            "kev": up["kev"],
            "upload_s": post,
            "until_queryable_s": total,
            "loadavg": load_before,
        }));
        if !a.json {
            println!(
                "upload {}: {} components ({:.1} MiB), {findings} findings ({} KEV): POST {post:.2} s, queryable after {total:.2} s (load average {load_before})",
                i + 1,
                sbom.components.len(),
                bytes.len() as f64 / 1048576.0,
                up["kev"]
            );
        }
    }
    let mut times: Vec<f64> = rows
        .iter()
        .filter_map(|r| r["until_queryable_s"].as_f64())
        .collect();
    times.sort_by(f64::total_cmp);
    let median = times.get(times.len() / 2).copied().unwrap_or(0.0);
    let (min, max) = (
        times.first().copied().unwrap_or(0.0),
        times.last().copied().unwrap_or(0.0),
    );
    if a.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&json!({
                "uploads": rows, "min_s": min, "median_s": median, "max_s": max,
            }))?
        );
    } else {
        println!(
            "\nuntil queryable over {} uploads: min {min:.2} s, median {median:.2} s, max {max:.2} s",
            times.len()
        );
    }
    Ok(())
}
