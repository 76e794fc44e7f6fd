//! `mamori audit verify|export`: prove the audit record's hash chain intact, or write it out.

use super::Ctx;
use crate::Outcome;
use crate::cli::AuditCmd;
use crate::output;
use anyhow::Context;
use serde_json::json;
use std::io::Write;

pub async fn run(ctx: &Ctx, cmd: AuditCmd) -> anyhow::Result<Outcome> {
    let store = ctx.store().await?;
    match cmd {
        AuditCmd::Verify { json } => {
            let report = store.verify_audit().await?;
            if json {
                output::json(&json!({
                    "intact": report.is_intact(),
                    "events": report.events,
                    "head": report.head,
                    "broken": report.broken.as_ref().map(|b| json!({
                        "seq": b.seq(),
                        "problem": b.kind(),
                        "message": b.to_string(),
                    })),
                }))?;
            } else {
                match &report.broken {
                    None => println!(
                        "{}",
                        ctx.lang.pick(
                            &format!("intact: {} events, head {}", report.events, report.head),
                            &format!(
                                "改ざんなし: イベント {} 件、先頭ハッシュ {}",
                                report.events, report.head
                            ),
                        )
                    ),
                    Some(b) => println!(
                        "{}",
                        ctx.lang.pick(
                            &format!(
                                "broken at event {}: {b} ({} events before it are intact)",
                                b.seq(),
                                report.events
                            ),
                            &format!(
                                "イベント {} で連鎖が壊れています: {b}(それ以前の {} 件は健全)",
                                b.seq(),
                                report.events
                            ),
                        )
                    ),
                }
            }
            Ok(if report.is_intact() {
                Outcome::Ok
            } else {
                Outcome::Problems
            })
        }
        AuditCmd::Export { output } => {
            match output {
                Some(path) => {
                    let file = std::fs::File::create(&path)
                        .with_context(|| format!("{}: cannot create", path.display()))?;
                    let mut w = std::io::BufWriter::new(file);
                    store
                        .export_audit(&mut w)
                        .await
                        .with_context(|| path.display().to_string())?;
                    w.flush()
                        .with_context(|| format!("{}: cannot write", path.display()))?;
                }
                None => {
                    let mut w = std::io::BufWriter::new(std::io::stdout().lock());
                    store.export_audit(&mut w).await?;
                }
            }
            Ok(Outcome::Ok)
        }
    }
}
