//! The portfolio re-evaluation benchmark: many releases in one SQLite store, then a full and a feed-driven re-evaluation.
//!
//! `mamori-bench monitor --advisories DIR… [--releases R] [--components C]
//! [--affected-pct P] [--db FILE] [--round N]` builds (or reuses, when `--db`
//! names an existing file) a portfolio of R releases × C components through
//! the store API — products of ten releases each, the releases of a product
//! differing in about 2% of their versions — with every component a package
//! the OSV files name, P% of them at a version the advisories call affected
//! and the rest above every fix (a second version of some packages fills
//! releases up to C when too few packages have a fix). It then times `reevaluate_all`, and after a
//! feed update that changes 1% of the OSV records (a later `modified`, one
//! fixed version moved up N patch releases) the import and
//! `reevaluate_changed`. `--round` makes each rerun on the same database a
//! new change.

use crate::Rng;
use crate::scan::{Package, above, highest, json_files, packages, purl};
use anyhow::{Context, bail};
use mamori_model::{
    Attr, Component, DocumentFormat, Lifecycle, ProductName, ReleaseVersion, Sbom, SourceKind,
};
use mamori_store::{FeedFile, Incoming, MonitorReport, Store};
use serde_json::Value;
use std::path::PathBuf;
use std::time::Instant;
use time::OffsetDateTime;
use time::macros::datetime;

const T0: OffsetDateTime = datetime!(2026-11-01 09:00 UTC);
const RELEASES_PER_PRODUCT: usize = 10;

struct Args {
    advisories: Vec<PathBuf>,
    releases: usize,
    components: usize,
    affected_pct: u64,
    db: Option<PathBuf>,
    round: u64,
}

fn parse(args: &[String]) -> anyhow::Result<Args> {
    let mut a = Args {
        advisories: Vec::new(),
        releases: 1000,
        components: 2000,
        affected_pct: 5,
        db: None,
        round: 1,
    };
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut val = || it.next().with_context(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--advisories" => a.advisories.push(PathBuf::from(val()?)),
            "--releases" => a.releases = val()?.parse()?,
            "--components" => a.components = val()?.parse()?,
            "--affected-pct" => a.affected_pct = val()?.parse()?,
            "--db" => a.db = Some(PathBuf::from(val()?)),
            "--round" => a.round = val()?.parse()?,
            other => bail!(
                "{other}: usage: mamori-bench monitor --advisories DIR... [--releases R] [--components C] [--affected-pct P] [--db FILE] [--round N]"
            ),
        }
    }
    if a.advisories.is_empty() {
        bail!("monitor needs --advisories DIR (OSV JSON)");
    }
    Ok(a)
}

fn report_line(what: &str, secs: f64, r: &MonitorReport) {
    println!(
        "| {what} | {secs:.2} | {} | {} | {} | {} | {} | {} | {} |",
        r.releases, r.components, r.new, r.changed, r.resolved, r.reopened, r.pre_triaged
    );
}

/// A release's components: one per package, `affected_pct`% of them at an
/// affected version, the rest above every version the advisories name.
fn release_sbom(
    pkgs: &[Package],
    picks: &[usize],
    components: usize,
    product: usize,
    release: usize,
    affected_pct: u64,
) -> Sbom {
    let mut s = Sbom::new(DocumentFormat::CycloneDxJson, "1.6");
    let fw = format!("product-{product}-firmware");
    s.metadata.primary = Some(fw.clone());
    s.components.push(Component {
        bom_ref: fw.clone(),
        name: fw,
        version: Attr::Value(format!("{release}.0")),
        ..Component::default()
    });
    // A second pass adds second versions of packages, as lockfiles often
    // hold, when too few packages have a version known to be unaffected.
    let mut seen = std::collections::HashSet::new();
    let slots = picks.iter().enumerate().map(|(slot, &i)| (0, slot, i));
    let again = picks.iter().enumerate().map(|(slot, &i)| (1, slot, i));
    for (pass, slot, i) in slots.chain(again) {
        if s.components.len() > components {
            break;
        }
        let p = &pkgs[i];
        // The version is fixed per product and slot; about 2% of slots move
        // to another version from one release to the next.
        let mut rng = Rng::new((product as u64) << 32 | (pass << 31) | slot as u64);
        let drift = Rng::new(((product as u64) << 32 | slot as u64) ^ 0xD1F7)
            .next_u64()
            .is_multiple_of(50);
        let epoch = if drift { release as u64 } else { 0 };
        for _ in 0..epoch {
            rng.next_u64();
        }
        let affected: Vec<&String> = p.affected.iter().collect();
        let version = if rng.below(100) < affected_pct && !affected.is_empty() {
            affected[rng.below(affected.len() as u64) as usize].clone()
        } else if p.open_ended {
            // No version of it is known to be unaffected.
            continue;
        } else {
            match highest(p.fixed.iter().chain(&p.affected))
                .and_then(|v| above(v, 1 + epoch + 100 * pass))
            {
                Some(v) => v,
                None => continue,
            }
        };
        let purl = purl(p.purl_type, &p.name, &version);
        if !seen.insert(purl.clone()) {
            continue;
        }
        s.components.push(Component {
            bom_ref: purl.clone(),
            name: p.name.clone(),
            version: Attr::Value(version),
            purl: Some(purl),
            ..Component::default()
        });
    }
    s
}

/// Imports every OSV file under the folders, one transaction per file as `mamori db import` does.
async fn import_all(store: &Store, dirs: &[PathBuf]) -> anyhow::Result<usize> {
    let mut n = 0;
    for d in dirs {
        for f in json_files(d) {
            let bytes = std::fs::read(&f)?;
            let name = f.to_string_lossy();
            if let Ok(file) = FeedFile::read(&name, &bytes, Some(SourceKind::Osv)) {
                n += file.records.len();
                store.import_feed(file, T0).await?;
            }
        }
    }
    Ok(n)
}

/// One feed file holding 1% of the OSV records, each with a later `modified`
/// and its first fixed version moved up `round` patch releases.
fn changed_feed(dirs: &[PathBuf], round: u64) -> anyhow::Result<(FeedFile, usize, usize)> {
    let files: Vec<PathBuf> = dirs.iter().flat_map(|d| json_files(d)).collect();
    let total = files.len();
    let modified = format!("2026-12-{:02}T00:00:00Z", 1 + round % 28);
    let mut records = Vec::new();
    for f in files.iter().step_by(100) {
        let mut v: Value = serde_json::from_slice(&std::fs::read(f)?)?;
        if !v.is_object() {
            continue;
        }
        v["modified"] = Value::String(modified.clone());
        let fixed = v["affected"]
            .as_array_mut()
            .into_iter()
            .flatten()
            .flat_map(|a| a["ranges"].as_array_mut().into_iter().flatten())
            .flat_map(|r| r["events"].as_array_mut().into_iter().flatten())
            .find_map(|e| e.get_mut("fixed"));
        if let Some(fixed) = fixed
            && let Some(moved) = fixed.as_str().and_then(|s| above(s, round))
        {
            *fixed = Value::String(moved);
        }
        let bytes = serde_json::to_vec(&v)?;
        if let Ok(file) = FeedFile::read(&f.to_string_lossy(), &bytes, Some(SourceKind::Osv)) {
            records.extend(file.records);
        }
    }
    let n = records.len();
    Ok((
        FeedFile {
            file_name: format!("bench-feed-update-{round}.json"),
            source: SourceKind::Osv,
            records,
            rejected: Vec::new(),
            document: None,
            sha256: None,
        },
        n,
        total,
    ))
}

/// Runs the benchmark (see the module documentation).
pub fn run(args: &[String]) -> anyhow::Result<()> {
    let a = parse(args)?;
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(bench(a))
}

async fn bench(a: Args) -> anyhow::Result<()> {
    let keep = a.db.is_some();
    let dir = std::env::temp_dir().join(format!("mamori-bench-monitor-{}", std::process::id()));
    let db = match &a.db {
        Some(p) => p.clone(),
        None => {
            std::fs::create_dir_all(&dir)?;
            dir.join("portfolio.db")
        }
    };
    let existed = db.exists();
    let store = Store::open_for_server(&format!("sqlite://{}", db.display()))
        .await?
        .with_actor("bench");
    let pkgs = packages(&a.advisories);
    if pkgs.is_empty() {
        bail!("no OSV packages under {:?}", a.advisories);
    }
    if existed {
        println!("reusing {}", db.display());
    } else {
        let t = Instant::now();
        let n = import_all(&store, &a.advisories).await?;
        println!(
            "imported {n} OSV records ({} packages) in {:.1} s",
            pkgs.len(),
            t.elapsed().as_secs_f64()
        );
        let t = Instant::now();
        let c = a.components.min(pkgs.len());
        if c < a.components {
            println!(
                "note: the advisories name {} packages; releases hold at most {c} components",
                pkgs.len()
            );
        }
        let mut product = None;
        let mut picks: Vec<usize> = Vec::new();
        for r in 0..a.releases {
            let p = r / RELEASES_PER_PRODUCT;
            if r % RELEASES_PER_PRODUCT == 0 {
                let name = ProductName::new(&format!("Device {p:04}"))?;
                product = Some(store.add_product(&name, None, T0).await?);
                let mut rng = Rng::new(0x5eed_0000 + p as u64);
                let mut all: Vec<usize> = (0..pkgs.len()).collect();
                for i in (1..all.len()).rev() {
                    all.swap(i, rng.below(i as u64 + 1) as usize);
                }
                picks = all;
            }
            let product = product.as_ref().context("product")?;
            let version = ReleaseVersion::new(&format!("{}.0", r % RELEASES_PER_PRODUCT + 1))?;
            let release = store
                .add_release(product, &version, &Lifecycle::default(), T0)
                .await?;
            let sbom = release_sbom(
                &pkgs,
                &picks,
                c,
                p,
                r % RELEASES_PER_PRODUCT,
                a.affected_pct,
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
                    "bench",
                    T0,
                )
                .await?;
            if (r + 1) % 50 == 0 || r + 1 == a.releases {
                eprintln!(
                    "built {} releases in {:.0} s",
                    r + 1,
                    t.elapsed().as_secs_f64()
                );
            }
        }
        println!(
            "built {} releases x {c} components in {:.1} s",
            a.releases,
            t.elapsed().as_secs_f64()
        );
    }
    let (sboms, components) = store.counts().await?;
    let findings = store.findings_count().await?;
    let mib = std::fs::metadata(&db).map_or(0, |m| m.len()) as f64 / 1048576.0;
    println!(
        "portfolio: {sboms} SBOMs, {components} stored components, {findings} findings, database {mib:.0} MiB"
    );
    println!(
        "\n| step | seconds | releases | components | new | changed | resolved | reopened | pre-triaged |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    let now = T0 + time::Duration::days(30 + a.round as i64);
    let t = Instant::now();
    let full = store.reevaluate_all(now, "bench.full").await?;
    report_line(
        "full re-evaluation (reevaluate_all)",
        t.elapsed().as_secs_f64(),
        &full,
    );
    let (feed, changed_records, total_files) = changed_feed(&a.advisories, a.round)?;
    let t = Instant::now();
    let imported = store.import_feed(feed, now).await?;
    let import_secs = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let partial = store
        .reevaluate_changed(&imported.changed, now, "feed.import")
        .await?;
    report_line(
        "after the 1% feed update (reevaluate_changed)",
        t.elapsed().as_secs_f64(),
        &partial,
    );
    let c = imported.total();
    println!(
        "\nfeed update: {changed_records} of {total_files} OSV records changed (round {}): {} updated, {} unchanged, {} added; {} changed keys; its import took {import_secs:.2} s",
        a.round,
        c.updated,
        c.unchanged,
        c.added,
        imported.changed.keys.len()
    );
    store.close().await;
    if !keep {
        std::fs::remove_dir_all(&dir).ok();
    }
    Ok(())
}
