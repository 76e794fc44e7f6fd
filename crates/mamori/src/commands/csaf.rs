//! `mamori csaf validate`: our CSAF 2.0 validator on one file, each failure with its test and JSON pointer.

use super::Ctx;
use crate::Outcome;
use crate::cli::CsafCmd;
use crate::output;
use anyhow::Context;
use serde_json::json;
use std::io::Write;

pub fn run(ctx: &Ctx, cmd: CsafCmd) -> anyhow::Result<Outcome> {
    match cmd {
        CsafCmd::Validate { file, json } => {
            let bytes =
                std::fs::read(&file).with_context(|| format!("{}: cannot read", file.display()))?;
            let report = mamori_csaf::validate(&bytes)
                .with_context(|| format!("{}: not a JSON document", file.display()))?;
            let failure = |f: &mamori_csaf::Failure| json!({"test": f.test.as_str(), "pointer": f.pointer, "message": f.message});
            if json {
                output::json(&json!({
                    "file": file.display().to_string(),
                    "valid": report.is_valid(),
                    "errors": report.errors.iter().map(failure).collect::<Vec<_>>(),
                    "warnings": report.warnings.iter().map(failure).collect::<Vec<_>>(),
                    "infos": report.infos.iter().map(failure).collect::<Vec<_>>(),
                }))?;
            } else {
                let name = file.display();
                for f in &report.errors {
                    eprintln!("{name}: {} {f}", ctx.lang.pick("error", "エラー"));
                }
                for f in &report.warnings {
                    eprintln!("{name}: {} {f}", ctx.lang.pick("warning", "警告"));
                }
                writeln!(
                    std::io::stdout().lock(),
                    "{name}: {} ({} {}, {} {})",
                    if report.is_valid() {
                        ctx.lang.pick("valid", "有効")
                    } else {
                        ctx.lang.pick("invalid", "無効")
                    },
                    report.errors.len(),
                    ctx.lang.pick("errors", "件のエラー"),
                    report.warnings.len(),
                    ctx.lang.pick("warnings", "件の警告"),
                )?;
            }
            Ok(if report.is_valid() {
                Outcome::Ok
            } else {
                Outcome::Problems
            })
        }
    }
}
