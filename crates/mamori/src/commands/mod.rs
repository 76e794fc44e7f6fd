//! One module per command group; `run` dispatches and owns the async runtime.

mod audit;
mod cases;
mod csaf;
mod db;
mod findings;
mod identity;
pub mod impact;
pub mod installed;
mod portfolio;
mod sbom;
mod scan;
mod serve;
mod sync;
pub mod vex;

pub use sync::SyncArgs;

use crate::Outcome;
use crate::cli::{Cli, Command};
use crate::i18n::Lang;
use anyhow::Context;
use std::io::{BufRead, Write};

/// What every command may need.
pub struct Ctx {
    pub db: String,
    pub lang: Lang,
    pub user: String,
}

impl Ctx {
    /// Opens the store named by `--db`, acting for `--user` (named in the audit record).
    pub async fn store(&self) -> anyhow::Result<mamori_store::Store> {
        let store = mamori_store::Store::open(&self.db)
            .await
            .with_context(|| format!("opening {}", mamori_store::redact(&self.db)))?;
        Ok(store.with_actor(&self.user))
    }

    /// The store for `mamori serve`: as [`Ctx::store`], tuned for a long-running server.
    pub async fn server_store(&self) -> anyhow::Result<mamori_store::Store> {
        let store = mamori_store::Store::open_for_server(&self.db)
            .await
            .with_context(|| format!("opening {}", mamori_store::redact(&self.db)))?;
        Ok(store.with_actor(&self.user))
    }
}

/// Runs a command to its outcome.
pub fn run(cli: Cli, lang: Lang) -> anyhow::Result<Outcome> {
    let user = cli
        .global
        .user
        .clone()
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("LOGNAME").ok())
        .unwrap_or_else(|| "unknown".into());
    let ctx = Ctx {
        db: cli.global.db.clone(),
        lang,
        user,
    };
    match cli.command {
        Command::Sbom(cmd) => sbom::run(&ctx, cmd),
        Command::Product(cmd) => runtime()?.block_on(portfolio::product(&ctx, cmd)),
        Command::Release(cmd) => runtime()?.block_on(portfolio::release(&ctx, cmd)),
        Command::Purl(cmd) => identity::purl(cmd),
        Command::Version(cmd) => identity::version(cmd),
        Command::Cvss(args) => identity::cvss(args),
        Command::Db(cmd) => db::run(&ctx, cmd),
        Command::Scan(args) => runtime()?.block_on(scan::run(&ctx, args)),
        Command::Where(args) => runtime()?.block_on(findings::where_(&ctx, args)),
        Command::Affected(args) => runtime()?.block_on(findings::affected(&ctx, args)),
        Command::Finding(cmd) => runtime()?.block_on(findings::finding(&ctx, cmd)),
        Command::Rule(cmd) => runtime()?.block_on(findings::rule(&ctx, cmd)),
        Command::Csaf(cmd) => csaf::run(&ctx, cmd),
        Command::Case(cmd) => runtime()?.block_on(cases::run(&ctx, cmd)),
        Command::Audit(cmd) => runtime()?.block_on(audit::run(&ctx, cmd)),
        Command::Serve(args) => runtime()?.block_on(serve::run(&ctx, args)),
        Command::Impact(args) => runtime()?.block_on(impact::run(&ctx, args)),
        Command::Installed(cmd) => runtime()?.block_on(installed::run(&ctx, cmd)),
        Command::Vex(cmd) => runtime()?.block_on(vex::run(&ctx, cmd)),
    }
}

/// A runtime for the commands that touch the store or the network.
pub fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")
}

/// Runs `f` on each line of stdin, writing one output line per input line;
/// a failing line prints `error: …` and the run goes on (cli.md's `--batch`).
/// Exit 1 when any line failed.
pub fn batch(mut f: impl FnMut(&str) -> Result<String, String>) -> anyhow::Result<Outcome> {
    let stdin = std::io::stdin().lock();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failed = false;
    for line in stdin.lines() {
        let line = line.context("reading stdin")?;
        let line = line.strip_suffix('\r').unwrap_or(&line);
        match f(line) {
            Ok(s) => writeln!(out, "{s}")?,
            Err(e) => {
                failed = true;
                writeln!(out, "error: {e}")?
            }
        }
    }
    out.flush()?;
    Ok(if failed {
        Outcome::Problems
    } else {
        Outcome::Ok
    })
}

/// Runs `f` on one argument: its output to stdout, or its error to stderr with exit 2.
pub fn single(
    arg: Option<String>,
    what: &str,
    f: impl FnOnce(&str) -> Result<String, String>,
) -> anyhow::Result<Outcome> {
    let arg = arg.with_context(|| format!("missing {what} (or use --batch)"))?;
    match f(&arg) {
        Ok(s) => {
            writeln!(std::io::stdout().lock(), "{s}")?;
            Ok(Outcome::Ok)
        }
        Err(e) => anyhow::bail!("{e}"),
    }
}
