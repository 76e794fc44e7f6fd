//! `mamori-bench impact`: 10,000 hospitals and 500,000 installed devices in a SQLite store over a portfolio with findings, then the impact query for a CVE, timed.
//!
//! The installed base is bulk-inserted with multi-row INSERTs (the store's import
//! goes row by row through its checks, which is not what is measured here). The
//! portfolio: 50 products of 4 releases, each release with 500 findings of
//! generated CVEs; the CVE asked about (an alias of an OSV record, so the alias
//! group is followed) is open on 5 releases, and one device in ten that ran one
//! of them has been patched to a fixed release.

use std::time::Instant;

use anyhow::Context;
use mamori_model::{
    Attr, Component, DocumentFormat, Lifecycle, OrgKind, ProductName, ReleaseVersion, Sbom,
    SourceKind,
};
use mamori_store::{ImpactQuery, Incoming, Store, Visibility};
use serde_json::json;
use time::OffsetDateTime;
use time::macros::datetime;

use crate::Rng;

const NOW: OffsetDateTime = datetime!(2026-11-20 09:00 UTC);
const TARGET: &str = "CVE-2026-90001";

struct Args {
    db: String,
    hospitals: usize,
    devices: usize,
    runs: usize,
}

fn args(a: &[String]) -> anyhow::Result<Args> {
    let mut out = Args {
        db: String::new(),
        hospitals: 10_000,
        devices: 500_000,
        runs: 20,
    };
    let mut i = 0;
    while i < a.len() {
        let v = a.get(i + 1).context("a flag needs a value")?;
        match a[i].as_str() {
            "--db" => out.db = v.clone(),
            "--hospitals" => out.hospitals = v.parse()?,
            "--devices" => out.devices = v.parse()?,
            "--runs" => out.runs = v.parse()?,
            other => anyhow::bail!("unknown flag {other}"),
        }
        i += 2;
    }
    Ok(out)
}

/// Runs the benchmark: `mamori-bench impact [--db sqlite://PATH] [--hospitals N] [--devices N] [--runs N]`.
pub fn run(a: &[String]) -> anyhow::Result<()> {
    let mut a = args(a)?;
    let dir = tempfile_dir()?;
    if a.db.is_empty() {
        a.db = format!("sqlite://{}/impact.db", dir.display());
    }
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(bench(a))?;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

fn tempfile_dir() -> anyhow::Result<std::path::PathBuf> {
    let d = std::env::temp_dir().join(format!("mamori-bench-impact-{}", std::process::id()));
    std::fs::create_dir_all(&d)?;
    Ok(d)
}

/// Binds a batch of rows of text-or-integer values into one multi-row INSERT.
#[derive(Clone)]
enum V {
    I(i64),
    T(String),
    N,
}

async fn bulk(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    head: &str,
    cols: usize,
    rows: &[Vec<V>],
) -> anyhow::Result<()> {
    let per = (30_000 / cols).max(1);
    for chunk in rows.chunks(per) {
        let mut sql = String::from(head);
        sql.push_str(" VALUES ");
        let mut n = 0;
        for (r, _) in chunk.iter().enumerate() {
            if r > 0 {
                sql.push(',');
            }
            sql.push('(');
            for c in 0..cols {
                if c > 0 {
                    sql.push(',');
                }
                n += 1;
                sql.push_str(&format!("${n}"));
            }
            sql.push(')');
        }
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for row in chunk {
            for v in row {
                q = match v {
                    V::I(i) => q.bind(*i),
                    V::T(s) => q.bind(s.clone()),
                    V::N => q.bind(None::<String>),
                };
            }
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

async fn bench(a: Args) -> anyhow::Result<()> {
    let t = Instant::now();
    let store = Store::open(&a.db).await?.with_actor("bench");
    let now = NOW;
    // Portfolio: 50 products × 4 releases, each with a tiny SBOM (findings need one).
    let mut releases = Vec::new();
    for p in 0..50 {
        let product = store
            .add_product(&ProductName::new(&format!("Device {p:02}"))?, None, now)
            .await?;
        for v in 0..4 {
            let eos = (v == 0).then_some(time::macros::date!(2025 - 03 - 31));
            let lc = Lifecycle::new(None, None, eos, None)?;
            let r = store
                .add_release(&product, &ReleaseVersion::new(&format!("{v}.0"))?, &lc, now)
                .await?;
            let mut sbom = Sbom::new(DocumentFormat::CycloneDxJson, "1.6");
            sbom.components.push(Component {
                bom_ref: "fw".into(),
                name: format!("device {p} firmware"),
                version: Attr::Value(format!("{v}.0")),
                ..Component::default()
            });
            let bytes = mamori_sbom::write(&sbom, DocumentFormat::CycloneDxJson);
            store
                .import_sbom(
                    &r,
                    Incoming {
                        bytes: &bytes,
                        filename: Some("fw.cdx.json"),
                        sbom: &sbom,
                        supplier: None,
                    },
                    "bench",
                    now,
                )
                .await?;
            releases.push(r);
        }
    }
    // The OSV record whose alias is asked about.
    let osv = serde_json::to_vec(&json!({
        "schema_version": "1.6.0", "id": "GHSA-benc-h000-0001", "modified": "2026-11-01T00:00:00Z",
        "aliases": [TARGET], "summary": "flaw in benchlib",
        "affected": [{"package": {"ecosystem": "crates.io", "name": "benchlib"},
            "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "2.0.0"}]}]}],
    }))?;
    store
        .import_feed_file("GHSA-benc-h000-0001.json", &osv, Some(SourceKind::Osv), now)
        .await?;
    let pool = store.pool().clone();
    let sbom_of: Vec<(i64, i64)> = {
        use sqlx::Row;
        sqlx::query("SELECT release_id, id FROM sboms")
            .fetch_all(&pool)
            .await?
            .iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
            .collect::<Result<_, sqlx::Error>>()?
    };
    // Findings: 500 per release; the target is open on releases 1.0 of products 0–4.
    let mut rng = Rng::new(0x1a9ac7);
    let affected_releases: Vec<i64> = (0..5).map(|p| releases[p * 4 + 1].id).collect();
    let mut findings = Vec::new();
    let mut ids = Vec::new();
    let mut fid = 0i64;
    let stamp = "2026-11-01T00:00:00Z".to_owned();
    for (release, sbom) in &sbom_of {
        for k in 0..500 {
            fid += 1;
            let target = k == 0 && affected_releases.contains(release);
            let group = if target {
                "GHSA-benc-h000-0001".to_owned()
            } else {
                format!("CVE-2025-{:05}", rng.below(60_000))
            };
            let state = if rng.below(10) < 3 {
                "not_affected"
            } else {
                "in_triage"
            };
            findings.push(vec![
                V::I(fid),
                V::I(*release),
                V::I(*sbom),
                V::T(format!("pkg:cargo/lib{k}@1.0.{k}")),
                V::T(format!("lib{k}")),
                V::T(group.clone()),
                V::T("package".into()),
                V::T("high".into()),
                V::I(0),
                V::T("open".into()),
                V::T(format!("fp{fid}")),
                V::T("{}".into()),
                V::T(if target {
                    "exploitable".into()
                } else {
                    state.into()
                }),
                V::T(stamp.clone()),
                V::T(stamp.clone()),
            ]);
            ids.push(vec![V::I(fid), V::T(group.clone())]);
            if target {
                ids.push(vec![V::I(fid), V::T(TARGET.into())]);
            }
        }
    }
    let mut tx = pool.begin().await?;
    bulk(&mut tx, "INSERT INTO findings (id, release_id, sbom_id, bom_ref, component, vuln_group, kind, severity, kev, status, fingerprint, detail, state, first_seen, updated_at)", 15, &findings).await?;
    bulk(
        &mut tx,
        "INSERT INTO finding_ids (finding_id, id_key)",
        2,
        &ids,
    )
    .await?;
    tx.commit().await?;
    let n_findings = findings.len();
    drop(findings);
    drop(ids);
    println!(
        "portfolio: {} releases, {n_findings} findings ({:.1} s)",
        releases.len(),
        t.elapsed().as_secs_f64()
    );

    // Hospitals, two sites each, and the devices.
    let t = Instant::now();
    let mut tx = pool.begin().await?;
    let first_org: i64 = 1_000;
    let orgs: Vec<Vec<V>> = (0..a.hospitals)
        .map(|h| {
            vec![
                V::I(first_org + h as i64),
                V::T(format!("Hospital {h:05}")),
                V::T(OrgKind::Hospital.as_str().into()),
                V::T(if h % 3 == 0 { "en" } else { "ja" }.into()),
                V::T(stamp.clone()),
            ]
        })
        .collect();
    bulk(
        &mut tx,
        "INSERT INTO organizations (id, name, kind, lang, created_at)",
        5,
        &orgs,
    )
    .await?;
    let sites: Vec<Vec<V>> = (0..a.hospitals * 2)
        .map(|s| {
            vec![
                V::I(s as i64 + 1),
                V::I(first_org + (s / 2) as i64),
                V::T(if s % 2 == 0 { "Main" } else { "Annex" }.into()),
                V::T(stamp.clone()),
            ]
        })
        .collect();
    bulk(
        &mut tx,
        "INSERT INTO sites (id, org_id, name, created_at)",
        4,
        &sites,
    )
    .await?;
    let exposures = [
        "isolated",
        "clinical-lan",
        "hospital-lan",
        "internet-facing",
    ];
    let mut devices = Vec::with_capacity(a.devices);
    let mut history = Vec::new();
    for d in 0..a.devices {
        let h = rng.below(a.hospitals as u64) as usize;
        let site = (h * 2 + rng.below(2) as usize) as i64 + 1;
        let product = rng.below(50) as usize;
        let mut release = releases[product * 4 + rng.below(4) as usize].id;
        let id = d as i64 + 1;
        if affected_releases.contains(&release) && rng.below(10) == 0 {
            // Patched: moved from the affected 1.0 to 2.0 of the same product.
            let to = releases[product * 4 + 2].id;
            history.push(vec![
                V::I(id),
                V::T("patch".into()),
                V::I(release),
                V::I(to),
                V::T("hospital".into()),
                V::T(stamp.clone()),
            ]);
            release = to;
        }
        devices.push(vec![
            V::I(id),
            V::I(first_org + h as i64),
            V::I(release),
            V::T(format!("SN-{d:07}")),
            V::I(site),
            V::T(format!("Ward {}", d % 40)),
            V::T(exposures[d % 4].into()),
            if d % 50 == 0 {
                V::T("2026-01-31".into())
            } else {
                V::N
            },
            V::T(stamp.clone()),
        ]);
    }
    bulk(&mut tx, "INSERT INTO installed_devices (id, org_id, release_id, serial, site_id, location, network_exposure, decommissioned_on, created_at)", 9, &devices).await?;
    bulk(
        &mut tx,
        "INSERT INTO device_history (device_id, kind, from_release_id, to_release_id, actor, at)",
        6,
        &history,
    )
    .await?;
    tx.commit().await?;
    sqlx::query("ANALYZE").execute(&pool).await?;
    println!(
        "installed base: {} hospitals, {} sites, {} devices, {} patches ({:.1} s)",
        a.hospitals,
        a.hospitals * 2,
        devices.len(),
        history.len(),
        t.elapsed().as_secs_f64()
    );
    drop(devices);

    // The query, timed.
    let q = ImpactQuery::Vulnerability(TARGET.into());
    let first = store.impact(&q, Visibility::All, NOW).await?;
    let mut times = Vec::with_capacity(a.runs);
    for _ in 0..a.runs {
        let t = Instant::now();
        let i = store.impact(&q, Visibility::All, NOW).await?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        anyhow::ensure!(i == first, "the answer changed between runs");
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!(
        "impact {TARGET}: {} hospitals, {} sites, {} affected, {} patched, {} legacy; {} runs: min {:.1} ms, median {median:.1} ms, max {:.1} ms (target <= 100 ms)",
        first.hospitals.len(),
        first.sites,
        first.affected,
        first.patched,
        first.legacy,
        a.runs,
        times[0],
        times[times.len() - 1],
    );
    let one = store
        .impact(&q, Visibility::Organization(first.hospitals[0].org_id), NOW)
        .await?;
    let t = Instant::now();
    for _ in 0..a.runs {
        store
            .impact(&q, Visibility::Organization(first.hospitals[0].org_id), NOW)
            .await?;
    }
    println!(
        "impact {TARGET} seen by one hospital ({} devices): mean {:.1} ms",
        one.affected + one.patched,
        t.elapsed().as_secs_f64() * 1000.0 / a.runs as f64
    );
    store.close().await;
    Ok(())
}
