//! The CPE benchmark: an SBOM of CPE-only components scanned against an NVD-sized set of generated configurations.
//!
//! The records are [`crate::nvd::page`]'s (shaped like the NVD 2.0 samples),
//! with one change: their vulnerable `cpeMatch` rows name a product drawn from
//! a long-tailed universe of `--products` vendor:product pairs (weight
//! ∝ 1/(rank+10)), as real NVD configurations name tens of thousands of
//! products with a few (kernels, browsers, operating systems) named by
//! thousands of records each; `nvd.rs` alone names 24 products, which would
//! make every CPE component a candidate for a tenth of all records. Platform
//! rows (the `o:` side of AND nodes) keep their names.
//!
//! The SBOM holds `--components` CPE-only components: one operating system
//! (`linux:linux_kernel`, so AND nodes can be evaluated), the `--popular`
//! most-named products, and the rest drawn uniformly from products the
//! records name, each at a random version in the generator's version space.
//!
//! `mamori-bench cpe [MAMORI] [--records N] [--products P] [--components C]
//! [--popular K] [--dir DIR]`: generates (once per DIR), imports with
//! `mamori db import`, then times `mamori scan --format json`, best of three.

use crate::Rng;
use anyhow::{Context, bail};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

struct Args {
    mamori: PathBuf,
    records: usize,
    products: usize,
    components: usize,
    popular: usize,
    dir: PathBuf,
}

fn parse(args: &[String]) -> anyhow::Result<Args> {
    let mut a = Args {
        mamori: PathBuf::from("target/release/mamori"),
        records: 250_000,
        products: 60_000,
        components: 1000,
        popular: 10,
        dir: std::env::temp_dir().join("mamori-bench-cpe"),
    };
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut val = || it.next().with_context(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--records" => a.records = val()?.parse()?,
            "--products" => a.products = val()?.parse()?,
            "--components" => a.components = val()?.parse()?,
            "--popular" => a.popular = val()?.parse()?,
            "--dir" => a.dir = PathBuf::from(val()?),
            f if f.starts_with("--") => bail!(
                "{f}: usage: mamori-bench cpe [MAMORI] [--records N] [--products P] [--components C] [--popular K] [--dir DIR]"
            ),
            m => a.mamori = PathBuf::from(m),
        }
    }
    Ok(a)
}

/// Cumulative weights of the product universe, for drawing by popularity.
fn cumulative(products: usize) -> Vec<f64> {
    let mut acc = 0.0;
    (0..products)
        .map(|r| {
            acc += 1.0 / (r as f64 + 10.0);
            acc
        })
        .collect()
}

fn draw(cum: &[f64], rng: &mut Rng) -> usize {
    let total = cum.last().copied().unwrap_or(0.0);
    let x = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * total;
    cum.partition_point(|&c| c < x)
        .min(cum.len().saturating_sub(1))
}

fn vendor_product(r: usize) -> (String, String) {
    (format!("vendor{:05}", r / 3), format!("product{r:05}"))
}

/// Rewrites the vulnerable rows of every configuration of one page to a drawn
/// product; counts, per product, the records naming it.
fn remap_page(doc: &mut Value, cum: &[f64], rng: &mut Rng, named: &mut [u32]) {
    let Some(items) = doc["vulnerabilities"].as_array_mut() else {
        return;
    };
    for item in items {
        let mut mine: BTreeSet<usize> = BTreeSet::new();
        for config in item["cve"]["configurations"]
            .as_array_mut()
            .into_iter()
            .flatten()
        {
            let r = draw(cum, rng);
            let (vendor, product) = vendor_product(r);
            for node in config["nodes"].as_array_mut().into_iter().flatten() {
                for m in node["cpeMatch"].as_array_mut().into_iter().flatten() {
                    if m["vulnerable"] != json!(true) {
                        continue;
                    }
                    let Some(c) = m["criteria"].as_str() else {
                        continue;
                    };
                    let mut parts: Vec<&str> = c.split(':').collect();
                    if parts.len() == 13 {
                        parts[3] = &vendor;
                        parts[4] = &product;
                        m["criteria"] = json!(parts.join(":"));
                        mine.insert(r);
                    }
                }
            }
        }
        for r in mine {
            named[r] += 1;
        }
    }
}

/// The SBOM of CPE-only components (see the module documentation), and how
/// many records name its components' products (an upper bound on the candidates).
fn sbom(a: &Args, named: &[u32]) -> (Vec<u8>, u64) {
    let mut rng = Rng::new(0xC9E0_0001);
    let mut chosen: BTreeSet<usize> = BTreeSet::new();
    let mut by_rank: Vec<usize> = (0..named.len()).collect();
    by_rank.sort_by_key(|&r| std::cmp::Reverse(named[r]));
    chosen.extend(by_rank.iter().take(a.popular).copied());
    let with_records: Vec<usize> = (0..named.len()).filter(|&r| named[r] > 0).collect();
    let want = a.components.saturating_sub(1).min(with_records.len());
    while chosen.len() < want {
        chosen.insert(with_records[rng.below(with_records.len() as u64) as usize]);
    }
    let mut components = vec![json!({
        "type": "operating-system", "bom-ref": "os", "name": "linux_kernel", "version": "5.10.0",
        "cpe": "cpe:2.3:o:linux:linux_kernel:5.10.0:*:*:*:*:*:*:*",
    })];
    let mut candidates = 0u64;
    for &r in &chosen {
        let (vendor, product) = vendor_product(r);
        let v = format!("{}.{}.{}", rng.below(20), rng.below(30), rng.below(50));
        candidates += u64::from(named[r]);
        components.push(json!({
            "type": "application", "bom-ref": format!("c{r}"), "name": product, "version": v,
            "cpe": format!("cpe:2.3:a:{vendor}:{product}:{v}:*:*:*:*:*:*:*"),
        }));
    }
    let bom = json!({
        "bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
        "metadata": {"component": {"type": "firmware", "bom-ref": "fw", "name": "bench firmware", "version": "1"}},
        "components": components,
    });
    (serde_json::to_vec(&bom).unwrap_or_default(), candidates)
}

/// Runs `mamori ARGS` under /usr/bin/time: (seconds, peak MiB, stdout).
fn timed(mamori: &Path, args: &[&str], dir: &Path) -> anyhow::Result<(f64, f64, String)> {
    let rss = dir.join("rss.txt");
    let start = Instant::now();
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%M", "-o"])
        .arg(&rss)
        .arg(mamori)
        .args(args)
        .output()
        .context("running /usr/bin/time")?;
    let secs = start.elapsed().as_secs_f64();
    if !matches!(out.status.code(), Some(0 | 1)) {
        bail!(
            "mamori {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let kib: f64 = std::fs::read_to_string(&rss)?
        .lines()
        .last()
        .unwrap_or("0")
        .trim()
        .parse()?;
    Ok((
        secs,
        kib / 1024.0,
        String::from_utf8_lossy(&out.stdout).into_owned(),
    ))
}

/// Runs the benchmark (see the module documentation).
pub fn run(args: &[String]) -> anyhow::Result<()> {
    const PER_PAGE: usize = 2000;
    let a = parse(args)?;
    let mamori = std::fs::canonicalize(&a.mamori).with_context(|| {
        format!(
            "{}: build it with cargo build --release -p mamori",
            a.mamori.display()
        )
    })?;
    std::fs::create_dir_all(&a.dir)?;
    let tag = format!("{}-{}", a.records, a.products);
    let db_path = a.dir.join(format!("nvd-{tag}.db"));
    let db = format!("sqlite://{}", db_path.display());
    let cum = cumulative(a.products);
    let mut named = vec![0u32; a.products];
    let fresh = !db_path.exists();
    let pages = a.dir.join("pages");
    let mut import_secs = 0.0;
    let mut import_mib: f64 = 0.0;
    // Pages are written and imported a few at a time, so the JSON never
    // holds much disk; the database is kept for reruns.
    const PAGES_PER_IMPORT: usize = 10;
    let n_pages = a.records.div_ceil(PER_PAGE);
    let mut rng = Rng::new(0xC9E0_0000);
    for chunk_start in (0..n_pages).step_by(PAGES_PER_IMPORT) {
        if fresh {
            std::fs::create_dir_all(&pages)?;
        }
        for p in chunk_start..(chunk_start + PAGES_PER_IMPORT).min(n_pages) {
            let mut doc: Value = serde_json::from_slice(&crate::nvd::page(p, PER_PAGE, a.records))?;
            remap_page(&mut doc, &cum, &mut rng, &mut named);
            if fresh {
                std::fs::write(
                    pages.join(format!("nvd-page-{p:04}.json")),
                    serde_json::to_vec(&doc)?,
                )?;
            }
        }
        if fresh {
            let p = pages.to_string_lossy().into_owned();
            let (s, mib, _) = timed(
                &mamori,
                &["--db", &db, "db", "import", "--json", &p],
                &a.dir,
            )?;
            import_secs += s;
            import_mib = import_mib.max(mib);
            std::fs::remove_dir_all(&pages)?;
        }
    }
    if fresh {
        println!(
            "db import of {} generated NVD records ({} pages of {PER_PAGE}, {PAGES_PER_IMPORT} pages per import): {import_secs:.1} s, peak {import_mib:.0} MiB",
            a.records, n_pages
        );
    }
    let (bytes, candidates) = sbom(&a, &named);
    let sbom_path = a.dir.join(format!("cpe-{}.cdx.json", a.components));
    std::fs::write(&sbom_path, bytes)?;
    let products_named = named.iter().filter(|&&n| n > 0).count();
    let most = named.iter().max().copied().unwrap_or(0);
    let db_mib = std::fs::metadata(&db_path).map_or(0, |m| m.len()) as f64 / 1048576.0;
    println!(
        "{} records naming {products_named} of {} products (most-named: {most} records); database {db_mib:.0} MiB",
        a.records, a.products
    );
    println!(
        "SBOM: {} CPE-only components (1 OS, {} most-named products, the rest uniform over named products); records naming their products: {candidates}",
        a.components, a.popular
    );
    let s = sbom_path.to_string_lossy().into_owned();
    let mut best: Option<(f64, f64, String)> = None;
    for _ in 0..3 {
        let r = timed(
            &mamori,
            &["--db", &db, "scan", &s, "--format", "json"],
            &a.dir,
        )?;
        if best.as_ref().is_none_or(|b| r.0 < b.0) {
            best = Some(r);
        }
    }
    let (secs, mib, out) = best.context("no run")?;
    let summary = serde_json::from_str::<Value>(&out)
        .map(|v| v["summary"].clone())
        .unwrap_or(Value::Null);
    println!("| case | seconds (best of 3) | peak MiB | findings |");
    println!("|---|---:|---:|---|");
    println!(
        "| mamori scan, {} CPE-only components, {} NVD records | {secs:.2} | {mib:.0} | {} vulnerabilities, {} could not evaluate |",
        a.components, a.records, summary["vulnerabilities"], summary["could_not_evaluate"]
    );
    Ok(())
}
