//! `mamori vex`: import a supplier's VEX (CycloneDX, OpenVEX, CSAF) as suggested analyses on the
//! matching findings, list them, and accept or reject them.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::Subcommand;
use mamori_store::{SuggestionFilter, SuggestionStatus, VexSuggestionRow};
use serde_json::{Value, json};
use time::OffsetDateTime;

use super::Ctx;
use crate::Outcome;
use crate::output;

/// The largest VEX file read (the server's upload limit is the same).
pub const MAX_VEX_BYTES: u64 = 32 * 1024 * 1024;

/// Supplier VEX.
#[derive(Debug, Subcommand)]
pub enum VexCmd {
    /// Import a supplier's CycloneDX VEX, OpenVEX or CSAF document: each claim that matches an open
    /// finding (by vulnerability id or alias, and component) becomes a suggestion to accept.
    Import {
        /// The document (JSON; the format is told from its content).
        file: PathBuf,
        /// Who supplied it (named in the audit record of every accepted suggestion).
        #[arg(long)]
        supplier: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// List suggestions (pending ones unless --status says otherwise).
    Suggestions {
        /// Only this release (its id).
        #[arg(long)]
        release: Option<i64>,
        /// Only this finding.
        #[arg(long)]
        finding: Option<i64>,
        /// Only this imported document.
        #[arg(long)]
        document: Option<i64>,
        /// pending, accepted, rejected, superseded or all.
        #[arg(long, default_value = "pending", value_parser = ["pending", "accepted", "rejected", "superseded", "all"])]
        status: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Accept a suggestion: its analysis becomes the finding's (audited, with the document as source).
    Accept {
        /// Suggestion id.
        id: i64,
        /// The justification, where the supplier says not affected without one.
        #[arg(long)]
        justification: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Reject a suggestion, saying why.
    Reject {
        /// Suggestion id.
        id: i64,
        /// Why (required: the record must say).
        #[arg(long)]
        reason: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

pub async fn run(ctx: &Ctx, cmd: VexCmd) -> anyhow::Result<Outcome> {
    let store = ctx.store().await?;
    let now = OffsetDateTime::now_utc();
    let mut out = std::io::stdout().lock();
    let l = ctx.lang;
    match cmd {
        VexCmd::Import {
            file,
            supplier,
            json,
        } => {
            let len = std::fs::metadata(&file)
                .with_context(|| format!("reading {}", file.display()))?
                .len();
            if len > MAX_VEX_BYTES {
                anyhow::bail!(
                    "{} is {len} bytes; the limit is {MAX_VEX_BYTES}",
                    file.display()
                );
            }
            let bytes =
                std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
            let doc = mamori_csaf::vex_in::read_vex(&bytes)
                .with_context(|| format!("reading {} as vex", file.display()))?;
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
            let r = store
                .import_vex(&bytes, &doc, &supplier, name.as_deref(), &ctx.user, now)
                .await?;
            if json {
                output::json(&r.to_json())?;
            } else {
                if r.duplicate {
                    writeln!(
                        out,
                        "{} #{}",
                        l.pick(
                            "already imported (same bytes): document",
                            "取り込み済み (同一内容): 文書"
                        ),
                        r.document.id
                    )?;
                }
                writeln!(
                    out,
                    "{} #{} ({}, {}): {} {}, {} {}, {} {}",
                    l.pick("document", "文書"),
                    r.document.id,
                    r.document.format,
                    r.document.supplier,
                    r.matched,
                    l.pick("claims matched", "件の主張が一致"),
                    r.unmatched.len(),
                    l.pick("unmatched", "件が不一致"),
                    r.suggested,
                    l.pick("suggestions made", "件の提案を作成"),
                )?;
                for u in &r.unmatched {
                    writeln!(
                        out,
                        "  {} {} {} ({})",
                        u.pointer, u.vulnerability, u.product, u.reason
                    )?;
                }
            }
            Ok(Outcome::Ok)
        }
        VexCmd::Suggestions {
            release,
            finding,
            document,
            status,
            json,
        } => {
            let filter = SuggestionFilter {
                release,
                finding,
                document,
                status: SuggestionStatus::parse(&status),
            };
            let rows = store.vex_suggestions(&filter).await?;
            if json {
                let list: Vec<Value> = rows.iter().map(VexSuggestionRow::to_json).collect();
                output::json(&json!({"suggestions": list}))?;
            } else if rows.is_empty() {
                writeln!(out, "{}", l.pick("no suggestions", "提案はありません"))?;
            } else {
                for s in &rows {
                    writeln!(
                        out,
                        "#{} {} {}@{} #{} {} -> {}{} [{}] {} {}",
                        s.id,
                        s.vulnerability,
                        s.product,
                        s.release,
                        s.finding_id,
                        s.claim_product,
                        s.state,
                        s.justification
                            .as_deref()
                            .map(|j| format!(" ({j})"))
                            .unwrap_or_default(),
                        s.status.as_str(),
                        s.supplier,
                        s.pointer,
                    )?;
                }
            }
            Ok(Outcome::Ok)
        }
        VexCmd::Accept {
            id,
            justification,
            json,
        } => {
            let row = store
                .accept_vex_suggestion(id, justification.as_deref(), &ctx.user, now)
                .await?;
            if json {
                output::json(&row.to_json())?;
            } else {
                writeln!(
                    out,
                    "{} #{}: {} ({}@{}, {})",
                    l.pick("finding", "検出"),
                    row.id,
                    row.state,
                    row.product,
                    row.release,
                    row.detail["vulnerability_id"].as_str().unwrap_or("")
                )?;
            }
            Ok(Outcome::Ok)
        }
        VexCmd::Reject { id, reason, json } => {
            let row = store
                .reject_vex_suggestion(id, &reason, &ctx.user, now)
                .await?;
            if json {
                output::json(&row.to_json())?;
            } else {
                writeln!(
                    out,
                    "{} #{}: {}",
                    l.pick("suggestion", "提案"),
                    row.id,
                    row.status.as_str()
                )?;
            }
            Ok(Outcome::Ok)
        }
    }
}
