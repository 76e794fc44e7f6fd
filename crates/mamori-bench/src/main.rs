//! The bench binary: generates large inputs and times the `mamori` binary on them, with peak memory.
//!
//! `mamori-bench gen-sbom N OUT [VARIANT]` writes one generated SBOM;
//! `mamori-bench sbom [MAMORI] [SIZES]` runs the SBOM suite (check, import, diff)
//! against a built `mamori` binary (default `target/release/mamori`) under
//! `/usr/bin/time`, which reports the child's peak resident memory.

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
        _ => bail!(
            "usage: mamori-bench gen-sbom N OUT [VARIANT] | mamori-bench sbom [MAMORI] [SIZES]"
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
