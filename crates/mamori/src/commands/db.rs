//! `mamori db import|stats`: vulnerability feed files into the store, and what the store holds.
//!
//! Import reads files, folders (recursively) and zip archives. One thread reads
//! and parses the next file while the database stores the previous one, so a
//! large import costs about the slower of the two, not their sum. Each file is
//! one transaction: a bad file is reported and skipped, the rest goes in.

use super::{Ctx, runtime};
use crate::Outcome;
use crate::cli::DbCmd;
use crate::i18n::Lang;
use crate::output;
use anyhow::{Context, bail};
use mamori_feeds::FeedError;
use mamori_model::SourceKind;
use mamori_store::{FeedFile, FeedFileError, ImportReport, file_digest};
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

/// Largest single file (or zip entry) read: well above an NVD page or a daily EPSS file.
const MAX_FILE_BYTES: u64 = 1 << 30;

pub fn run(ctx: &Ctx, cmd: DbCmd) -> anyhow::Result<Outcome> {
    match cmd {
        DbCmd::Import {
            paths,
            source,
            json,
        } => {
            let source = match source.as_str() {
                "auto" => None,
                s => Some(SourceKind::parse(s).with_context(|| format!("unknown source {s:?}"))?),
            };
            runtime()?.block_on(import(ctx, &paths, source, json))
        }
        DbCmd::Sync(args) => runtime()?.block_on(super::sync::run(ctx, args)),
        DbCmd::Stats { json } => runtime()?.block_on(stats(ctx, json)),
    }
}

/// One file to import: on disk, or an entry of a zip archive.
enum Input {
    File {
        path: PathBuf,
        /// Named on the command line (not found in a folder): undetectable is an error, not a skip.
        named: bool,
    },
    ZipEntry {
        archive: PathBuf,
        index: usize,
        name: String,
    },
}

impl Input {
    fn display(&self) -> String {
        match self {
            Input::File { path, .. } => path.display().to_string(),
            Input::ZipEntry { archive, name, .. } => format!("{}!/{name}", archive.display()),
        }
    }
}

/// What the reading thread hands to the writer.
enum Parsed {
    File(FeedFile),
    /// A file stored whole before under the same name with the same bytes: not read again.
    Unchanged(String),
    /// A file in a folder or archive that is no feed file (a README, a schema).
    Skipped,
    /// A file that cannot be imported: the message names it.
    Failed(String),
}

fn is_zip(path: &Path) -> bool {
    let by_name = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
    by_name || {
        let mut magic = [0u8; 4];
        std::fs::File::open(path)
            .and_then(|mut f| f.read_exact(&mut magic))
            .is_ok()
            && magic == *b"PK\x03\x04"
    }
}

/// Lists the inputs in a stable order; unreadable paths become failures up front.
fn expand(paths: &[PathBuf], failures: &mut Vec<String>) -> Vec<Input> {
    let mut out = Vec::new();
    for p in paths {
        match std::fs::metadata(p) {
            Err(e) => failures.push(format!("{}: cannot read: {e}", p.display())),
            Ok(m) if m.is_dir() => walk(p, &mut out, failures),
            Ok(_) => push_file(p.clone(), true, &mut out, failures),
        }
    }
    out
}

fn push_file(path: PathBuf, named: bool, out: &mut Vec<Input>, failures: &mut Vec<String>) {
    if !is_zip(&path) {
        out.push(Input::File { path, named });
        return;
    }
    let listed = std::fs::File::open(&path)
        .map_err(|e| e.to_string())
        .and_then(|f| zip::ZipArchive::new(f).map_err(|e| e.to_string()))
        .map(|a| {
            a.file_names()
                .enumerate()
                .filter_map(|(i, n)| n.ok().map(|n| (i, n.into_owned())))
                .collect::<Vec<_>>()
        });
    match listed {
        Err(e) => failures.push(format!("{}: not a readable zip file: {e}", path.display())),
        Ok(mut names) => {
            names.sort_by(|a, b| a.1.cmp(&b.1));
            for (index, name) in names {
                if !name.ends_with('/') {
                    out.push(Input::ZipEntry {
                        archive: path.clone(),
                        index,
                        name,
                    });
                }
            }
        }
    }
}

fn walk(dir: &Path, out: &mut Vec<Input>, failures: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            failures.push(format!("{}: cannot read folder: {e}", dir.display()));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        // Hidden folders and files (.git, .DS_Store) are never feed data.
        if p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'))
        {
            continue;
        }
        match std::fs::metadata(&p) {
            Ok(m) if m.is_dir() => walk(&p, out, failures),
            Ok(_) => push_file(p, false, out, failures),
            Err(e) => failures.push(format!("{}: cannot read: {e}", p.display())),
        }
    }
}

/// Extensions a feed file may have, for folders read with an explicit `--source`.
fn feed_extension(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".json", ".yaml", ".yml", ".xml", ".csv", ".gz", ".rdf"]
        .iter()
        .any(|e| lower.ends_with(e))
}

/// Reads and parses inputs in order on the calling thread, sending each result on; a file whose
/// name and SHA-256 are in `known` (stored whole before) is passed on as unchanged unread.
fn read_all(
    inputs: Vec<Input>,
    source: Option<SourceKind>,
    known: HashMap<String, String>,
    tx: tokio::sync::mpsc::Sender<Parsed>,
) {
    let mut archive: Option<(PathBuf, zip::ZipArchive<std::fs::File>)> = None;
    for input in inputs {
        let name = input.display();
        let named = matches!(input, Input::File { named: true, .. });
        let bytes = match &input {
            Input::File { path, .. } => read_limited(std::fs::File::open(path), &name),
            Input::ZipEntry {
                archive: path,
                index,
                ..
            } => {
                if archive.as_ref().is_none_or(|(p, _)| p != path) {
                    archive = std::fs::File::open(path)
                        .ok()
                        .and_then(|f| zip::ZipArchive::new(f).ok())
                        .map(|a| (path.clone(), a));
                }
                match archive.as_mut().map(|(_, a)| a.by_index(*index)) {
                    Some(Ok(entry)) => read_limited(Ok(entry), &name),
                    Some(Err(e)) => Err(format!("{name}: cannot read: {e}")),
                    None => Err(format!("{name}: cannot open the archive")),
                }
            }
        };
        let parsed = match bytes {
            Err(e) => Parsed::Failed(e),
            Ok(bytes) if known.get(&name).is_some_and(|h| *h == file_digest(&bytes)) => {
                Parsed::Unchanged(name)
            }
            Ok(bytes) => {
                let detected = mamori_feeds::detect(&name, &bytes);
                if !named
                    && (detected.is_none() && source.is_none()
                        || source.is_some() && !feed_extension(&name))
                {
                    Parsed::Skipped
                } else {
                    match FeedFile::read(&name, &bytes, source.or(detected)) {
                        Ok(f) => Parsed::File(f),
                        // In a folder, a file that only looked like a feed (an XML
                        // schema, an Atom feed) is not a bad feed file.
                        Err(FeedFileError::Bad(FeedError::WrongKind { .. })) if !named => {
                            Parsed::Skipped
                        }
                        Err(e) => Parsed::Failed(e.to_string()),
                    }
                }
            }
        };
        if tx.blocking_send(parsed).is_err() {
            return;
        }
    }
}

fn read_limited<R: Read>(file: std::io::Result<R>, name: &str) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    file.and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("{name}: cannot read: {e}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "{name}: larger than the {MAX_FILE_BYTES} bytes accepted"
        ));
    }
    Ok(bytes)
}

fn progress(len: usize) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(len as u64),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed_precise} {wide_msg}")
    {
        bar.set_style(style);
    }
    Some(bar)
}

async fn import(
    ctx: &Ctx,
    paths: &[PathBuf],
    source: Option<SourceKind>,
    as_json: bool,
) -> anyhow::Result<Outcome> {
    let store = ctx.store().await?;
    let mut failures = Vec::new();
    let inputs = expand(paths, &mut failures);
    for f in &failures {
        eprintln!("{}: {f}", ctx.lang.pick("error", "エラー"));
    }
    let bar = progress(inputs.len());
    // Two parsed files in flight bound the memory a large import holds.
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Parsed>(2);
    let known = store.imported_files().await?;
    let reader = std::thread::spawn(move || read_all(inputs, source, known, tx));
    let now = time::OffsetDateTime::now_utc();
    let mut report = ImportReport::default();
    let (mut files_ok, mut skipped, mut files_bad) = (0usize, 0usize, failures.len());
    while let Some(parsed) = rx.recv().await {
        match parsed {
            Parsed::Skipped => skipped += 1,
            Parsed::Unchanged(name) => match store.unchanged_file(&name).await {
                Ok(r) => {
                    files_ok += 1;
                    report.merge(r);
                }
                Err(e) => {
                    files_bad += 1;
                    eprintln!("{}: {name}: {e}", ctx.lang.pick("error", "エラー"));
                }
            },
            Parsed::Failed(msg) => {
                files_bad += 1;
                if let Some(b) = &bar {
                    b.suspend(|| eprintln!("{}: {msg}", ctx.lang.pick("error", "エラー")));
                } else {
                    eprintln!("{}: {msg}", ctx.lang.pick("error", "エラー"));
                }
            }
            Parsed::File(file) => {
                let name = file.file_name.clone();
                if let Some(b) = &bar {
                    b.set_message(name.clone());
                }
                match store.import_feed(file, now).await {
                    Ok(r) => {
                        files_ok += 1;
                        report.merge(r);
                    }
                    Err(e) => {
                        files_bad += 1;
                        eprintln!("{}: {name}: {e}", ctx.lang.pick("error", "エラー"));
                    }
                }
            }
        }
        if let Some(b) = &bar {
            b.inc(1);
        }
    }
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    reader
        .join()
        .map_err(|_| anyhow::anyhow!("the file reader stopped unexpectedly"))?;
    for r in &report.rejected {
        eprintln!("{}: {r}", ctx.lang.pick("rejected", "不採用"));
    }
    let monitor = store
        .reevaluate_changed(&report.changed, now, "feed.import")
        .await?;
    if !as_json {
        print_monitor(ctx.lang, &monitor);
    }
    if files_ok == 0 && files_bad > 0 {
        bail!(
            "{}",
            ctx.lang.pick(
                "no file could be imported",
                "取り込めたファイルはありません"
            )
        );
    }
    if files_ok == 0 && files_bad == 0 {
        bail!(
            "{}",
            ctx.lang.pick(
                "no vulnerability feed files found",
                "脆弱性フィードのファイルが見つかりません"
            )
        );
    }
    if as_json {
        let counts: Map<String, Value> = report
            .counts
            .iter()
            .map(|(k, c)| (k.clone(), json!(c)))
            .collect();
        output::json(&Value::Object(counts))?;
    } else {
        print_report(ctx.lang, &report, files_ok, skipped, files_bad)?;
    }
    Ok(if files_bad > 0 || report.total().rejected > 0 {
        Outcome::Problems
    } else {
        Outcome::Ok
    })
}

fn print_report(
    lang: Lang,
    report: &ImportReport,
    files: usize,
    skipped: usize,
    bad: usize,
) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let l = |en, ja| lang.pick(en, ja);
    write_counts(&mut out, lang, report)?;
    writeln!(
        out,
        "{files} {}, {skipped} {}, {bad} {}",
        l("files imported", "ファイルを取り込み"),
        l("skipped (not feed files)", "件はフィード以外のため省略"),
        l("refused", "件は拒否")
    )?;
    out.flush()
}

/// The per-source table of records added, updated, unchanged and rejected
/// (`db import` and `db sync` print the same one).
pub(super) fn write_counts(
    out: &mut impl Write,
    lang: Lang,
    report: &ImportReport,
) -> std::io::Result<()> {
    let l = |en, ja| lang.pick(en, ja);
    writeln!(
        out,
        "{:<16} {:>9} {:>9} {:>9} {:>9}",
        l("source", "ソース"),
        l("added", "追加"),
        l("updated", "更新"),
        l("unchanged", "変更なし"),
        l("rejected", "不採用")
    )?;
    for (k, c) in &report.counts {
        writeln!(
            out,
            "{k:<16} {:>9} {:>9} {:>9} {:>9}",
            c.added, c.updated, c.unchanged, c.rejected
        )?;
    }
    let t = report.total();
    writeln!(
        out,
        "{:<16} {:>9} {:>9} {:>9} {:>9}",
        l("total", "合計"),
        t.added,
        t.updated,
        t.unchanged,
        t.rejected
    )?;
    Ok(())
}

async fn stats(ctx: &Ctx, as_json: bool) -> anyhow::Result<Outcome> {
    let store = ctx.store().await?;
    let v = store.vuln_stats().await?;
    let (sboms, components) = store.counts().await?;
    let findings = store.findings_count().await?;
    if as_json {
        output::json(&json!({
            "vulnerabilities": v.vulnerabilities,
            "by_source": v.by_source,
            "aliases": v.aliases,
            "sboms": sboms,
            "components": components,
            "findings": findings,
            "withdrawn": v.withdrawn,
        }))?;
    } else {
        let l = |en, ja| ctx.lang.pick(en, ja);
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        writeln!(
            out,
            "{:<16} {:>9} ({} {})",
            l("vulnerabilities", "脆弱性"),
            v.vulnerabilities,
            v.withdrawn,
            l("withdrawn", "取り下げ")
        )?;
        for (k, n) in &v.by_source {
            writeln!(out, "  {k:<14} {n:>9}")?;
        }
        writeln!(out, "{:<16} {:>9}", l("aliases", "別名"), v.aliases)?;
        writeln!(out, "{:<16} {:>9}", "SBOM", sboms)?;
        writeln!(
            out,
            "{:<16} {:>9}",
            l("components", "コンポーネント"),
            components
        )?;
        writeln!(out, "{:<16} {:>9}", l("findings", "検出"), findings)?;
        out.flush()?;
    }
    Ok(Outcome::Ok)
}

/// What re-evaluating the stored releases did, on stderr (people's output).
pub(super) fn print_monitor(lang: crate::i18n::Lang, m: &mamori_store::MonitorReport) {
    if m.releases == 0 {
        return;
    }
    eprintln!(
        "{}: {} {}, {} {}, {} {}, {} {}",
        lang.pick("stored releases re-evaluated", "保存済みリリースを再評価"),
        m.releases,
        lang.pick("releases", "リリース"),
        m.new,
        lang.pick("new findings", "件の新規検出"),
        m.changed + m.reopened,
        lang.pick("changed", "件の変更"),
        m.resolved,
        lang.pick("resolved", "件の解消"),
    );
}
