//! The `mamori` binary: parses the command line and hands off to the library crates.
//!
//! Exit codes are a contract (docs in `cli.md`): 0 done and nothing wrong, 1 done
//! and the check found problems, 2 could not do it. Errors go to stderr, one line
//! each, naming the file and the place.

mod cli;
mod commands;
mod i18n;
mod output;

use clap::Parser;
use std::process::ExitCode;

// mimalloc rather than the system allocator: reading and checking a large SBOM is
// mostly small allocations made and freed (tree nodes, strings), and with glibc's
// malloc a 50,000-component `sbom diff` spent about a third of its time allocating.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// How a command ended, beyond success.
#[derive(Debug)]
pub enum Outcome {
    /// Exit 0.
    Ok,
    /// Exit 1: the check found problems (already reported).
    Problems,
}

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    let lang = i18n::Lang::detect(args.global.lang.as_deref());
    init_logging();
    match commands::run(args, lang) {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Problems) => ExitCode::from(1),
        // A closed pipe (`mamori … | head`) is the reader's choice, not an error.
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            // `{:#}` prints the whole context chain on one line.
            eprintln!("{}: {e:#}", lang.pick("error", "エラー"));
            ExitCode::from(2)
        }
    }
}

/// Logs go to stderr, filtered by `MAMORI_LOG` (`warn` by default; the server logs its
/// requests and its store's start-up at `info`), as text or, with
/// `MAMORI_LOG_FORMAT=json`, one JSON object per line for a log collector.
fn init_logging() {
    use tracing_subscriber::EnvFilter;
    let serving = std::env::args().any(|a| a == "serve");
    let default = if serving {
        "warn,mamori_server=info,mamori_store=info,tower_http=info"
    } else {
        "warn"
    };
    let filter = EnvFilter::try_from_env("MAMORI_LOG").unwrap_or_else(|_| EnvFilter::new(default));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = if std::env::var("MAMORI_LOG_FORMAT").is_ok_and(|f| f == "json") {
        builder.json().flatten_event(true).try_init()
    } else {
        builder.try_init()
    };
}
