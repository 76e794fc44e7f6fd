//! The bench binary: generates large inputs and times the `mamori` binary on them, with peak memory.
//!
//! `mamori-bench gen-sbom N OUT [VARIANT]` writes one generated SBOM;
//! `mamori-bench sbom [MAMORI] [SIZES]` runs the SBOM suite (check, import, diff)
//! against a built `mamori` binary (default `target/release/mamori`) under
//! `/usr/bin/time`, which reports the child's peak resident memory.
//! `gen-portfolio`, `load` and `upload` benchmark `mamori serve` (see `serve.rs`).

mod notices;
mod serve;

use anyhow::{Context, bail};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("gen-sbom") => {
            let n: usize = args.get(1).context("N")?.parse()?;
            let out = args.get(2).context("OUT")?;
            let variant: u64 = args.get(3).map_or(Ok(0), |v| v.parse())?;
            std::fs::write(out, mamori_bench::cyclonedx(n, variant))?;
        }
        Some("sbom") => {
            let mamori = PathBuf::from(args.get(1).map_or("target/release/mamori", String::as_str));
            let sizes: Vec<usize> = args
                .get(2)
                .map_or("50000,300000", String::as_str)
                .split(',')
                .map(str::parse)
                .collect::<Result<_, _>>()?;
            sbom_suite(&mamori, &sizes)?;
        }
        Some("gen-scan-sbom") => mamori_bench::scan::gen_cmd(&args[1..])?,
        Some("monitor") => mamori_bench::monitor::run(&args[1..])?,
        Some("cpe") => mamori_bench::cpe::run(&args[1..])?,
        Some("gen-portfolio") => serve::gen_portfolio(&args[1..])?,
        Some("load") => serve::load(&args[1..])?,
        Some("upload") => serve::upload(&args[1..])?,
        Some("notices") => notices::run(&args[1..])?,
        Some("impact") => mamori_bench::impact::run(&args[1..])?,
        Some("gen-nvd") => {
            let n: usize = args.get(1).context("N")?.parse()?;
            let out = PathBuf::from(args.get(2).context("OUT")?);
            gen_nvd(n, &out)?;
        }
        Some("db") => {
            let mamori = PathBuf::from(args.get(1).map_or("target/release/mamori", String::as_str));
            let n: usize = args.get(2).map_or(Ok(360_000), |v| v.parse())?;
            db_suite(&mamori, n)?;
        }
        _ => bail!(
            "usage: mamori-bench gen-sbom N OUT [VARIANT] | mamori-bench sbom [MAMORI] [SIZES] | mamori-bench gen-nvd N DIR | mamori-bench db [MAMORI] [NVD_RECORDS] | mamori-bench gen-scan-sbom N OUT --advisories DIR... | mamori-bench monitor --advisories DIR... [--releases R] [--components C] | mamori-bench cpe [MAMORI] [--records N] | mamori-bench gen-portfolio --db URL [--releases R] [--components C] [--findings F] | mamori-bench load --url URL --token T [--rate R] [--duration 300s] [--mix findings=60,affected=25,products=15] [--json] | mamori-bench upload --url URL --token T (--release ID | --product P) [--components 3000] [--count N]"
        ),
    }
    Ok(())
}

struct Run {
    seconds: f64,
    peak_mib: f64,
}

/// Runs `mamori ARGS` under /usr/bin/time, returning wall time and peak RSS.
fn timed(mamori: &Path, args: &[&str], dir: &Path) -> anyhow::Result<Run> {
    let rss_file = dir.join("rss.txt");
    let start = Instant::now();
    let out = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(&rss_file)
        .arg(mamori)
        .args(args)
        .current_dir(dir)
        .output()
        .context("running /usr/bin/time (Debian package `time`)")?;
    let seconds = start.elapsed().as_secs_f64();
    if !out.status.success() {
        bail!(
            "mamori {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let kib: f64 = std::fs::read_to_string(&rss_file)?
        .trim()
        .lines()
        .last()
        .unwrap_or("0")
        .parse()?;
    Ok(Run {
        seconds,
        peak_mib: kib / 1024.0,
    })
}

fn sbom_suite(mamori: &Path, sizes: &[usize]) -> anyhow::Result<()> {
    let mamori = std::fs::canonicalize(mamori).with_context(|| {
        format!(
            "{}: build it with cargo build --release -p mamori",
            mamori.display()
        )
    })?;
    let dir = std::env::temp_dir().join(format!("mamori-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    println!("| case | components | file MiB | seconds | peak MiB |");
    println!("|---|---:|---:|---:|---:|");
    for &n in sizes {
        let a = dir.join(format!("gen-{n}-a.cdx.json"));
        let b = dir.join(format!("gen-{n}-b.cdx.json"));
        std::fs::write(&a, mamori_bench::cyclonedx(n, 0))?;
        std::fs::write(&b, mamori_bench::cyclonedx(n, 1))?;
        let mib = std::fs::metadata(&a)?.len() as f64 / (1024.0 * 1024.0);
        let a_s = a.to_str().context("path")?;
        let b_s = b.to_str().context("path")?;
        let r = timed(&mamori, &["sbom", "check", a_s, "--json"], &dir)?;
        println!(
            "| sbom check (parse + validate + grade) | {n} | {mib:.1} | {:.2} | {:.0} |",
            r.seconds, r.peak_mib
        );
        let r = timed(&mamori, &["sbom", "diff", a_s, b_s, "--json"], &dir)?;
        println!(
            "| sbom diff (two files) | {n} | {mib:.1} | {:.2} | {:.0} |",
            r.seconds, r.peak_mib
        );
        let db = format!("sqlite://{}", dir.join(format!("import-{n}.db")).display());
        timed(&mamori, &["--db", &db, "product", "add", "Bench"], &dir)?;
        let r = timed(
            &mamori,
            &[
                "--db",
                &db,
                "sbom",
                "import",
                a_s,
                "--product",
                "Bench",
                "--release",
                "1",
            ],
            &dir,
        )?;
        println!(
            "| sbom import into SQLite | {n} | {mib:.1} | {:.2} | {:.0} |",
            r.seconds, r.peak_mib
        );
    }
    std::fs::remove_dir_all(&dir).ok();
    Ok(())
}

/// Writes `n` generated NVD records as API pages of 2,000 into `dir`.
fn gen_nvd(n: usize, dir: &Path) -> anyhow::Result<()> {
    const PER_PAGE: usize = 2000;
    std::fs::create_dir_all(dir)?;
    for p in 0..n.div_ceil(PER_PAGE) {
        std::fs::write(
            dir.join(format!("nvd-page-{p:04}.json")),
            mamori_bench::nvd::page(p, PER_PAGE, n),
        )?;
    }
    Ok(())
}

/// The shared advisory data `db import` is timed on (see `../shared/data/README.md`).
const SHARED_FEEDS: &[&str] = &[
    "advisories/pypa-advisory-database",
    "advisories/golang-vulndb",
    "advisories/rustsec-osv",
    "advisories/ghsa-sample-via-index",
    "kev/known_exploited_vulnerabilities.json",
    "cve-records/vulnrichment",
    "cve-records/cvelist-bulk-download-samples",
    "nvd-cve-api-2.0-samples",
    "csaf/cisagov-icsma",
    "jvn/myjvn-np/examples/hnd",
];

/// `db import` of all shared advisory data and of a generated NVD-sized load, each then re-imported unchanged.
fn db_suite(mamori: &Path, nvd_records: usize) -> anyhow::Result<()> {
    let mamori = std::fs::canonicalize(mamori).with_context(|| {
        format!(
            "{}: build it with cargo build --release -p mamori",
            mamori.display()
        )
    })?;
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    let dir = std::env::temp_dir().join(format!("mamori-bench-db-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    println!("| case | records | input MiB | seconds | peak MiB |");
    println!("|---|---:|---:|---:|---:|");
    let count = |out: &str| -> u64 {
        serde_json::from_str::<serde_json::Value>(out)
            .ok()
            .and_then(|v| {
                v.as_object().map(|o| {
                    o.values()
                        .map(|c| {
                            ["added", "updated", "unchanged"]
                                .iter()
                                .map(|k| c[k].as_u64().unwrap_or(0))
                                .sum::<u64>()
                        })
                        .sum()
                })
            })
            .unwrap_or(0)
    };
    if shared.is_dir() {
        let paths: Vec<String> = SHARED_FEEDS
            .iter()
            .map(|p| shared.join(p).to_string_lossy().into_owned())
            .collect();
        let mib = paths.iter().map(|p| du(Path::new(p))).sum::<u64>() as f64 / 1048576.0;
        let db = format!("sqlite://{}", dir.join("shared.db").display());
        for case in [
            "db import: all shared advisory data",
            "db import again (unchanged)",
        ] {
            let mut args = vec!["--db", db.as_str(), "db", "import", "--json"];
            args.extend(paths.iter().map(String::as_str));
            let (r, out) = timed_out(&mamori, &args, &dir)?;
            println!(
                "| {case} | {} | {mib:.0} | {:.2} | {:.0} |",
                count(&out),
                r.seconds,
                r.peak_mib
            );
        }
    } else {
        println!("notice: ../shared/data is absent; skipping the shared-data import");
    }
    let nvd_dir = dir.join("nvd");
    gen_nvd(nvd_records, &nvd_dir)?;
    let mib = du(&nvd_dir) as f64 / 1048576.0;
    let db = format!("sqlite://{}", dir.join("nvd.db").display());
    let nvd = nvd_dir.to_string_lossy().into_owned();
    for case in [
        "db import: generated NVD 2.0 pages of 2,000",
        "db import again (unchanged)",
    ] {
        let (r, out) = timed_out(
            &mamori,
            &["--db", &db, "db", "import", "--json", &nvd],
            &dir,
        )?;
        println!(
            "| {case} | {} | {mib:.0} | {:.2} | {:.0} |",
            count(&out),
            r.seconds,
            r.peak_mib
        );
    }
    let db_mib = std::fs::metadata(dir.join("nvd.db"))?.len() as f64 / 1048576.0;
    println!("\nNVD database file: {db_mib:.0} MiB");
    std::fs::remove_dir_all(&dir).ok();
    Ok(())
}

/// Bytes of the files under `p`.
fn du(p: &Path) -> u64 {
    match std::fs::metadata(p) {
        Ok(m) if m.is_dir() => std::fs::read_dir(p)
            .map(|rd| rd.filter_map(Result::ok).map(|e| du(&e.path())).sum())
            .unwrap_or(0),
        Ok(m) => m.len(),
        Err(_) => 0,
    }
}

/// Like [`timed`], also returning stdout.
fn timed_out(mamori: &Path, args: &[&str], dir: &Path) -> anyhow::Result<(Run, String)> {
    let rss_file = dir.join("rss.txt");
    let start = Instant::now();
    let out = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(&rss_file)
        .arg(mamori)
        .args(args)
        .current_dir(dir)
        .output()
        .context("running /usr/bin/time (Debian package `time`)")?;
    let seconds = start.elapsed().as_secs_f64();
    // Exit 1 is a finished import that refused some records (the shared NVD
    // samples hold one record without an id, on purpose); 2 is a failure.
    if !matches!(out.status.code(), Some(0 | 1)) {
        bail!(
            "mamori {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let kib: f64 = std::fs::read_to_string(&rss_file)?
        .trim()
        .lines()
        .last()
        .unwrap_or("0")
        .parse()?;
    Ok((
        Run {
            seconds,
            peak_mib: kib / 1024.0,
        },
        String::from_utf8_lossy(&out.stdout).into_owned(),
    ))
}
