//! `mamori installed import FILE`: loads a hospital's or distributor's installed-base file (CSV or xlsx) and reports the rows it rejected.

use std::io::Write;

use anyhow::Context;
use clap::Subcommand;
use mamori_hospital::Format;
use mamori_store::Visibility;

use super::Ctx;
use crate::Outcome;
use crate::output;

/// The installed base.
#[derive(Debug, Subcommand)]
pub enum InstalledCmd {
    /// Import devices from CSV (UTF-8 or Shift_JIS) or xlsx, headers in English or Japanese;
    /// exit 1 when rows were rejected (each named by row, column and reason).
    Import {
        /// The file (.csv or .xlsx).
        file: std::path::PathBuf,
        /// The hospital whose own file this is (rows may then leave the hospital column empty).
        #[arg(long)]
        org: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Runs `mamori installed …`.
pub async fn run(ctx: &Ctx, cmd: InstalledCmd) -> anyhow::Result<Outcome> {
    let InstalledCmd::Import { file, org, json } = cmd;
    let bytes = std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
    let format =
        Format::from_file_name(&file.to_string_lossy()).unwrap_or_else(|| Format::sniff(&bytes));
    let parsed =
        mamori_hospital::parse(&bytes, format).with_context(|| format!("{}", file.display()))?;
    let store = ctx.store().await?;
    let vis = match org {
        Some(o) => Visibility::Organization(store.organization(&o).await?.id),
        None => Visibility::All,
    };
    let report = store
        .import_installed_base(&parsed, vis, &ctx.user, time::OffsetDateTime::now_utc())
        .await?;
    if json {
        output::json(&report.to_json())?;
    } else {
        let l = ctx.lang;
        let mut out = std::io::stdout().lock();
        writeln!(
            out,
            "{}: {} {}, {} {}, {} {}, {} {}, {} {}",
            file.display(),
            report.created,
            l.pick("added", "追加"),
            report.updated,
            l.pick("updated", "更新"),
            report.unchanged,
            l.pick("unchanged", "変更なし"),
            report.sites_created,
            l.pick("new sites", "施設追加"),
            report.rejected.len(),
            l.pick("rejected", "却下"),
        )?;
        for c in &report.ignored_columns {
            writeln!(out, "{}: {c}", l.pick("ignored column", "無視した列"))?;
        }
        for r in &report.rejected {
            writeln!(out, "{}: {r}", l.pick("rejected", "却下"))?;
        }
    }
    Ok(if report.rejected.is_empty() {
        Outcome::Ok
    } else {
        Outcome::Problems
    })
}
