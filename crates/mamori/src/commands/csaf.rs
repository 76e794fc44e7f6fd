//! `mamori csaf validate` (our CSAF 2.0 validator on one file), `mamori csaf publish` (the signed provider folder on disk) and `mamori csaf key` (the signing keys).

use super::Ctx;
use crate::Outcome;
use crate::cli::{CsafCmd, CsafKeyCmd};
use crate::output;
use anyhow::Context;
use mamori_server::ServerConfig;
use serde_json::json;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn run(ctx: &Ctx, cmd: CsafCmd) -> anyhow::Result<Outcome> {
    match cmd {
        CsafCmd::Publish { out, config, json } => {
            super::runtime()?.block_on(publish(ctx, &out, config.as_deref(), json))
        }
        CsafCmd::Key(cmd) => super::runtime()?.block_on(key(ctx, cmd)),
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

/// The server's settings as `mamori serve` reads them: the file, then `MAMORI_*` variables.
fn settings(path: Option<&Path>) -> anyhow::Result<ServerConfig> {
    let config = match path {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("{}: cannot read", path.display()))?;
            ServerConfig::from_toml(&path.display().to_string(), &text)?
        }
        None => ServerConfig::default(),
    };
    Ok(config.with_env(|k| std::env::var(k).ok())?)
}

async fn publish(
    ctx: &Ctx,
    out: &Path,
    config: Option<&Path>,
    json: bool,
) -> anyhow::Result<Outcome> {
    let config = settings(config)?;
    let store = ctx.store().await?;
    let now = time::OffsetDateTime::now_utc();
    let (row, key) = store
        .ensure_signing_key(
            &mamori_server::wellknown::signing_user_id(&config),
            config.signing_passphrase.as_deref(),
            &ctx.user,
            now,
        )
        .await?;
    let layout = mamori_server::wellknown::provider_layout(&store, &config, now, Some(&key))
        .await
        .context("laying out the provider folder")?;
    // What we lay out must pass our own check before anything is written.
    let issues = mamori_csaf::provider::check(&layout);
    if let Some(first) = issues.first() {
        anyhow::bail!(
            "the provider folder breaks requirement {} at {}: {}",
            first.rule,
            first.path,
            first.message
        );
    }
    let removed = write_folder(out, layout.files())?;
    let documents: Vec<&str> = layout
        .paths()
        .filter(|p| p.ends_with(".json") && p.matches('/').count() == 2)
        .collect();
    if json {
        output::json(&json!({
            "out": out.display().to_string(),
            "documents": documents,
            "files": layout.files().len(),
            "removed": removed,
            "fingerprint": row.fingerprint,
        }))?;
    } else {
        writeln!(
            std::io::stdout().lock(),
            "{}: {} {}, {} {} ({} {})",
            out.display(),
            documents.len(),
            ctx.lang.pick("documents", "件の文書"),
            layout.files().len(),
            ctx.lang.pick("files", "ファイル"),
            ctx.lang.pick("signed with", "署名鍵"),
            row.fingerprint
        )?;
    }
    Ok(Outcome::Ok)
}

/// Writes the files below `out`, each through a temporary name so a reader never sees half a
/// file, then removes files of an earlier publication that are no longer in it. Returns those.
fn write_folder(
    out: &Path,
    files: &std::collections::BTreeMap<String, Vec<u8>>,
) -> anyhow::Result<Vec<String>> {
    let earlier = out.join("provider-metadata.json").is_file();
    if out.exists() && !earlier {
        let mut entries =
            std::fs::read_dir(out).with_context(|| format!("{}: cannot read", out.display()))?;
        if entries.next().is_some() {
            anyhow::bail!(
                "{}: not empty and not an earlier publication (no provider-metadata.json)",
                out.display()
            );
        }
    }
    for (rel, bytes) in files {
        let path = out.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("{}: cannot create", dir.display()))?;
        }
        let tmp = path.with_extension("mamori-tmp");
        std::fs::write(&tmp, bytes).with_context(|| format!("{}: cannot write", tmp.display()))?;
        std::fs::rename(&tmp, &path)
            .with_context(|| format!("{}: cannot write", path.display()))?;
    }
    let mut removed = Vec::new();
    if earlier {
        let mut stack: Vec<PathBuf> = vec![out.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir)? {
                let path = entry?.path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let Some(rel) = path
                    .strip_prefix(out)
                    .ok()
                    .and_then(|r| r.to_str())
                    .map(|r| r.replace('\\', "/"))
                else {
                    continue;
                };
                if !files.contains_key(&rel) {
                    std::fs::remove_file(&path)
                        .with_context(|| format!("{}: cannot remove", path.display()))?;
                    removed.push(rel);
                }
            }
        }
        removed.sort();
    }
    Ok(removed)
}

async fn key(ctx: &Ctx, cmd: CsafKeyCmd) -> anyhow::Result<Outcome> {
    let store = ctx.store().await?;
    let now = time::OffsetDateTime::now_utc();
    match cmd {
        CsafKeyCmd::Generate { config, json } => {
            let config = settings(config.as_deref())?;
            let (row, _) = store
                .create_signing_key(
                    &mamori_server::wellknown::signing_user_id(&config),
                    config.signing_passphrase.as_deref(),
                    &ctx.user,
                    now,
                )
                .await?;
            if json {
                output::json(&row.to_json())?;
            } else {
                writeln!(std::io::stdout().lock(), "{}", row.fingerprint)?;
            }
        }
        CsafKeyCmd::List { json } => {
            let rows = store.signing_keys().await?;
            if json {
                output::json(
                    &json!({"keys": rows.iter().map(|r| r.to_json()).collect::<Vec<_>>()}),
                )?;
            } else {
                let mut out = std::io::stdout().lock();
                for r in &rows {
                    let state = match r.retired_at {
                        Some(_) => ctx.lang.pick("retired", "廃止"),
                        None => ctx.lang.pick("usable", "有効"),
                    };
                    writeln!(
                        out,
                        "{}  {}  {}  {}",
                        r.fingerprint,
                        r.created_at
                            .format(&time::format_description::well_known::Rfc3339)
                            .unwrap_or_default(),
                        state,
                        r.user_id
                    )?;
                }
            }
        }
        CsafKeyCmd::Export { fingerprint } => {
            let rows = store.signing_keys().await?;
            let row = match &fingerprint {
                Some(f) => rows
                    .iter()
                    .find(|r| r.fingerprint.eq_ignore_ascii_case(f.trim())),
                None => rows.iter().find(|r| r.retired_at.is_none()),
            }
            .with_context(|| match &fingerprint {
                Some(f) => format!("no signing key {f}"),
                None => "no active signing key: run mamori csaf key generate".into(),
            })?;
            write!(std::io::stdout().lock(), "{}", row.public_key)?;
        }
        CsafKeyCmd::Retire {
            fingerprint,
            reason,
        } => {
            let row = store
                .retire_signing_key(&fingerprint, &reason, &ctx.user, now)
                .await?;
            writeln!(
                std::io::stdout().lock(),
                "{} {}",
                row.fingerprint,
                ctx.lang.pick("retired", "を廃止しました")
            )?;
        }
    }
    Ok(Outcome::Ok)
}
