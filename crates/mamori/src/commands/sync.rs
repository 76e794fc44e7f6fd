//! `mamori db sync`: download the configured feeds and import each file as it arrives.
//!
//! Every downloaded file is read with the same readers `db import` uses and stored in
//! its own transaction. A feed's watermarks (NVD window end, OSV/KEV/EPSS validators,
//! MyJVN dates, CSAF listing times) move only past units whose files are all stored,
//! and they are saved when the feed's sync ends, fails or is interrupted (Ctrl-C), so
//! the next run resumes after the last stored unit. Each feed's run is logged in the
//! store for status pages.

use super::Ctx;
use crate::Outcome;
use crate::i18n::Lang;
use crate::output;
use anyhow::{Context, bail};
use mamori_feeds::SourceKind;
use mamori_store::{FeedFile, ImportReport, Store, SyncOutcome, SyncRun};
use mamori_sync::{ApiKey, FeedSink, FeedSource, SinkError, SyncConfig, SyncState, Syncer};
use serde_json::{Map, Value, json};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use time::OffsetDateTime;

const SOURCES: [&str; 6] = ["nvd", "osv", "kev", "epss", "jvn", "csaf"];

/// Shown when the configuration file is missing: every key has a default, so a small
/// file is enough to start.
const EXAMPLE: &str = r#"# mamori-sync.toml: every key is optional; an empty file syncs the public feeds.
[nvd]
window_days = 120          # NVD_API_KEY from the environment raises the rate limit
[osv]
ecosystems = ["PyPI", "npm", "Maven", "Go", "crates.io"]
[jvn]
languages = ["ja", "en"]
[csaf]
enabled = true
providers = [{ domain = "example.com", openpgp_key = "keys/example.asc" }]"#;

/// `mamori db sync` options.
#[derive(Debug, clap::Args)]
pub struct SyncArgs {
    /// Feeds to sync (repeatable): nvd, osv, kev, epss, jvn, csaf (default: those the configuration enables).
    #[arg(long = "source", value_delimiter = ',', value_parser = SOURCES)]
    pub sources: Vec<String>,
    /// The sync configuration (TOML).
    #[arg(long, env = "MAMORI_SYNC_CONFIG", default_value = "mamori-sync.toml")]
    pub config: PathBuf,
    /// Print per-source record counts as JSON (the keys of `db import --json`).
    #[arg(long)]
    pub json: bool,
}

/// Downloads the chosen feeds into the store; exit 0 when all went in, 1 when some
/// files or records were refused or some feed failed, 2 when nothing could be synced.
pub async fn run(ctx: &Ctx, args: SyncArgs) -> anyhow::Result<Outcome> {
    let config = load_config(&args.config)?;
    let syncer = Syncer::new(config).with_context(|| format!("{}", args.config.display()))?;
    let sources = chosen(&syncer, &args.sources)?;
    let store = ctx.store().await?;
    let now = OffsetDateTime::now_utc();
    let bar = spinner();
    let mut sink = StoreSink {
        store: &store,
        lang: ctx.lang,
        now,
        bar: bar.clone(),
        tally: Tally::default(),
    };
    let mut report = ImportReport::default();
    let mut feeds = Vec::new();
    let mut interrupted = false;
    for source in sources {
        let feed = sync_one(ctx, &syncer, &store, source, &mut sink).await?;
        interrupted = feed.interrupted;
        report.merge(std::mem::take(&mut sink.tally.report));
        feeds.push(feed);
        if interrupted {
            break;
        }
    }
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    // Whatever committed is matched against the stored releases, even after an interruption.
    let monitor = store
        .reevaluate_changed(&report.changed, now, "feed.sync")
        .await?;
    if !args.json {
        super::db::print_monitor(ctx.lang, &monitor);
    }
    for r in &report.rejected {
        eprintln!("{}: {r}", ctx.lang.pick("rejected", "不採用"));
    }
    if interrupted {
        bail!(
            "{}",
            ctx.lang.pick(
                "interrupted; the next sync resumes after the last stored unit",
                "中断しました。次回の同期は最後に保存した単位の後から再開します"
            )
        );
    }
    let failed = feeds
        .iter()
        .filter(|f| f.outcome == SyncOutcome::Failed)
        .count();
    let files: u64 = feeds.iter().map(|f| f.files).sum();
    if failed == feeds.len() && files == 0 {
        bail!(
            "{}",
            ctx.lang
                .pick("no feed could be synced", "同期できたフィードはありません")
        );
    }
    if args.json {
        let counts: Map<String, Value> = report
            .counts
            .iter()
            .map(|(k, c)| (k.clone(), json!(c)))
            .collect();
        output::json(&Value::Object(counts))?;
    } else {
        print_report(ctx.lang, &feeds, &report)?;
    }
    Ok(if feeds.iter().all(|f| f.outcome == SyncOutcome::Ok) {
        Outcome::Ok
    } else {
        Outcome::Problems
    })
}

/// Reads the TOML configuration; relative key paths are taken from its folder, and
/// `NVD_API_KEY` (never printed) supplies the NVD key.
fn load_config(path: &Path) -> anyhow::Result<SyncConfig> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("{EXAMPLE}");
            bail!(
                "sync configuration {} not found: write one (example above; feeds: {}) or name it with --config or MAMORI_SYNC_CONFIG",
                path.display(),
                SOURCES.join(", ")
            );
        }
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    };
    let mut config =
        SyncConfig::from_toml_str(&text).with_context(|| format!("{}", path.display()))?;
    let base = path.parent().unwrap_or(Path::new(""));
    for p in &mut config.csaf.providers {
        if let Some(key) = &mut p.openpgp_key
            && key.is_relative()
        {
            *key = base.join(&*key);
        }
    }
    if let Some(key) = std::env::var("NVD_API_KEY")
        .ok()
        .filter(|k| !k.trim().is_empty())
    {
        config.nvd.api_key = Some(ApiKey::new(key.trim()));
    }
    Ok(config)
}

/// The feeds named with `--source` (in the order given, once each), else the enabled ones.
fn chosen(syncer: &Syncer, names: &[String]) -> anyhow::Result<Vec<FeedSource>> {
    if names.is_empty() {
        let enabled = syncer.enabled_sources();
        if enabled.is_empty() {
            bail!("the sync configuration enables no feed: enable one or name it with --source");
        }
        return Ok(enabled);
    }
    let mut out = Vec::new();
    for name in names {
        let source = FeedSource::ALL
            .into_iter()
            .find(|s| s.as_str() == name)
            .with_context(|| format!("unknown feed {name:?}: use {}", SOURCES.join(", ")))?;
        if !out.contains(&source) {
            out.push(source);
        }
    }
    Ok(out)
}

/// What one feed's sync came to.
struct FeedResult {
    source: FeedSource,
    outcome: SyncOutcome,
    files: u64,
    not_modified: u64,
    refused: u64,
    interrupted: bool,
}

async fn sync_one(
    ctx: &Ctx,
    syncer: &Syncer,
    store: &Store,
    source: FeedSource,
    sink: &mut StoreSink<'_>,
) -> anyhow::Result<FeedResult> {
    let name = source.as_str();
    let lang = ctx.lang;
    let started = OffsetDateTime::now_utc();
    let mut state = match store.sync_state(name).await? {
        None => SyncState::default(),
        Some(text) => serde_json::from_str(&text).unwrap_or_else(|e| {
            sink.say(&format!(
                "{}: {name}: {}: {e}",
                lang.pick("warning", "警告"),
                lang.pick(
                    "the saved sync state does not read; starting afresh",
                    "保存された同期状態を読めないため最初から同期します"
                )
            ));
            SyncState::default()
        }),
    };
    let before = state.clone();
    sink.tally = Tally::default();
    if let Some(b) = &sink.bar {
        b.set_message(name.to_owned());
    }
    // Dropping the sync at Ctrl-C is safe: the file being stored rolls back and the
    // state has not moved past it.
    let result = tokio::select! {
        r = syncer.sync(source, &mut state, sink) => Some(r),
        _ = tokio::signal::ctrl_c() => None,
    };
    let mut error = None;
    if state != before {
        let saved = match serde_json::to_string(&state) {
            Ok(text) => store
                .save_sync_state(name, &text, OffsetDateTime::now_utc())
                .await
                .map_err(anyhow::Error::from),
            Err(e) => Err(e.into()),
        };
        if let Err(e) = saved {
            error = Some(format!("saving the sync state: {e:#}"));
        }
    }
    let (sync_report, interrupted) = match result {
        Some(Ok(r)) => (Some(r), false),
        Some(Err(e)) => {
            error.get_or_insert_with(|| e.to_string());
            (None, false)
        }
        None => {
            error.get_or_insert_with(|| "interrupted".to_owned());
            (None, true)
        }
    };
    let mut refused = sink.tally.files_bad;
    if let Some(r) = &sync_report {
        for f in &r.refused {
            sink.say(&format!(
                "{}: {name}: {}: {}",
                lang.pick("refused", "拒否"),
                f.url,
                f.reason
            ));
        }
        refused += r.refused.len() as u64;
    }
    let outcome = if error.is_some() {
        SyncOutcome::Failed
    } else if refused > 0 || sink.tally.report.total().rejected > 0 {
        SyncOutcome::Problems
    } else {
        SyncOutcome::Ok
    };
    if let Some(e) = &error {
        sink.say(&format!("{}: {name}: {e}", lang.pick("error", "エラー")));
    }
    let not_modified = sync_report.as_ref().map_or(0, |r| r.not_modified as u64);
    let run = SyncRun {
        source: name.to_owned(),
        started,
        finished: OffsetDateTime::now_utc(),
        outcome,
        files: sink.tally.files_ok,
        not_modified,
        refused,
        counts: sink.tally.report.counts.clone(),
        error,
    };
    if let Err(e) = store.record_sync_run(&run).await {
        sink.say(&format!(
            "{}: {name}: {}: {e}",
            lang.pick("warning", "警告"),
            lang.pick("the sync run was not logged", "同期の記録を保存できません")
        ));
    }
    Ok(FeedResult {
        source,
        outcome,
        files: sink.tally.files_ok,
        not_modified,
        refused,
        interrupted,
    })
}

/// Counts of one feed's sync.
#[derive(Default)]
struct Tally {
    files_ok: u64,
    files_bad: u64,
    report: ImportReport,
}

/// Imports each file it is handed, one transaction per file.
struct StoreSink<'a> {
    store: &'a Store,
    lang: Lang,
    now: OffsetDateTime,
    bar: Option<indicatif::ProgressBar>,
    tally: Tally,
}

impl StoreSink<'_> {
    /// A line on stderr that does not tear the progress line.
    fn say(&self, line: &str) {
        match &self.bar {
            Some(b) => b.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }
}

fn kind(source: FeedSource) -> SourceKind {
    match source {
        FeedSource::Nvd => SourceKind::Nvd,
        FeedSource::Osv => SourceKind::Osv,
        FeedSource::Kev => SourceKind::Kev,
        FeedSource::Epss => SourceKind::Epss,
        FeedSource::Jvn => SourceKind::Jvn,
        FeedSource::Csaf => SourceKind::Csaf,
    }
}

impl FeedSink for StoreSink<'_> {
    /// A file that does not read is reported and skipped (the sync goes on, as `db
    /// import` does); a database failure stops the sync so the state stays before it.
    async fn accept(
        &mut self,
        source: FeedSource,
        name: &str,
        bytes: Vec<u8>,
    ) -> Result<(), SinkError> {
        if let Some(b) = &self.bar {
            b.set_message(format!("{source}: {name}"));
            b.inc(1);
        }
        let file_name = name.to_owned();
        let read = tokio::task::spawn_blocking(move || {
            FeedFile::read(&file_name, &bytes, Some(kind(source)))
        })
        .await?;
        match read {
            Err(e) => {
                self.tally.files_bad += 1;
                self.say(&format!("{}: {e}", self.lang.pick("error", "エラー")));
            }
            Ok(file) => {
                let r = self.store.import_feed(file, self.now).await?;
                self.tally.files_ok += 1;
                self.tally.report.merge(r);
            }
        }
        Ok(())
    }
}

fn spinner() -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar =
        indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{spinner} {pos} {elapsed_precise} {wide_msg}")
    {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    Some(bar)
}

fn print_report(lang: Lang, feeds: &[FeedResult], report: &ImportReport) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let l = |en, ja| lang.pick(en, ja);
    writeln!(
        out,
        "{:<16} {:>9} {:>12} {:>9}  {}",
        l("feed", "フィード"),
        l("files", "ファイル"),
        l("not modified", "更新なし"),
        l("refused", "拒否"),
        l("outcome", "結果")
    )?;
    for f in feeds {
        let outcome = match f.outcome {
            SyncOutcome::Ok => l("ok", "正常"),
            SyncOutcome::Problems => l("problems", "問題あり"),
            SyncOutcome::Failed => l("failed", "失敗"),
        };
        writeln!(
            out,
            "{:<16} {:>9} {:>12} {:>9}  {outcome}",
            f.source.as_str(),
            f.files,
            f.not_modified,
            f.refused
        )?;
    }
    writeln!(out)?;
    super::db::write_counts(&mut out, lang, report)?;
    out.flush()
}
