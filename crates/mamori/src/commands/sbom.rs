//! `mamori sbom check|convert|import|approve|diff`.

use super::{Ctx, runtime};
use crate::Outcome;
use crate::cli::SbomCmd;
use crate::i18n::Lang;
use crate::output;
use anyhow::{Context, bail};
use mamori_model::{Component, DocumentFormat, Sbom};
use mamori_sbom::diff::{Change, Diff};
use mamori_sbom::quality::{self, Quality};
use mamori_sbom::{Checked, Diagnostic};
use serde_json::{Map, Value, json};
use std::path::Path;

pub fn run(ctx: &Ctx, cmd: SbomCmd) -> anyhow::Result<Outcome> {
    match cmd {
        SbomCmd::Check { file, json } => check(ctx.lang, &file, json),
        SbomCmd::Convert { file, to, output } => convert(&file, &to, output.as_deref()),
        SbomCmd::Import {
            file,
            product,
            release,
            supplier,
            json,
        } => runtime()?.block_on(import(
            ctx,
            &file,
            &product,
            &release,
            supplier.as_deref(),
            json,
        )),
        SbomCmd::Approve {
            product,
            release,
            json,
        } => runtime()?.block_on(approve(ctx, &product, &release, json)),
        SbomCmd::Diff { a, b, json } => runtime()?.block_on(diff(ctx, &a, &b, json)),
    }
}

/// Reads a file no larger than the readers accept, without loading a larger one.
fn read_file(path: &Path) -> anyhow::Result<Vec<u8>> {
    let meta =
        std::fs::metadata(path).with_context(|| format!("{}: cannot read", path.display()))?;
    if meta.len() > mamori_sbom::MAX_DOCUMENT_BYTES as u64 {
        bail!(
            "{}: the file is {} bytes, more than the {} accepted",
            path.display(),
            meta.len(),
            mamori_sbom::MAX_DOCUMENT_BYTES
        );
    }
    std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))
}

/// Reads and checks an SBOM file; an unreadable one is an error naming the file.
pub fn load(path: &Path) -> anyhow::Result<Checked> {
    let bytes = read_file(path)?;
    mamori_sbom::read(&bytes).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

fn report_errors(path: &Path, errors: &[Diagnostic]) {
    for e in errors {
        eprintln!("{}: {e}", path.display());
    }
}

fn quality_json(q: &Quality) -> Value {
    let baseline: Map<String, Value> = q
        .baseline
        .iter()
        .map(|(k, g)| ((*k).to_owned(), json!(g.level.as_str())))
        .collect();
    let reasons: Map<String, Value> = q
        .baseline
        .iter()
        .map(|(k, g)| {
            (
                (*k).to_owned(),
                serde_json::to_value(g).unwrap_or(Value::Null),
            )
        })
        .collect();
    let ntia: Map<String, Value> = q
        .ntia
        .iter()
        .map(|(k, m)| ((*k).to_owned(), json!(m)))
        .collect();
    json!({
        "baseline": baseline,
        "ntia": ntia,
        "overall": q.overall.as_str(),
        "ntia_met": q.ntia_met(),
        "fda": q.fda,
        "baseline_detail": reasons,
    })
}

fn check(lang: Lang, path: &Path, as_json: bool) -> anyhow::Result<Outcome> {
    let checked = load(path)?;
    let q = quality::grade(&checked.sbom);
    let valid = checked.is_valid();
    if as_json {
        output::json(&json!({
            "format": checked.sbom.format.family(),
            "encoding": checked.sbom.format.cli_name(),
            "spec_version": checked.sbom.spec_version,
            "valid": valid,
            "errors": checked.errors,
            "warnings": checked.warnings,
            "components": checked.sbom.components.len(),
            "quality": quality_json(&q),
        }))?;
    } else {
        report_errors(path, &checked.errors);
        print_check(lang, path, &checked, &q)?;
    }
    Ok(if valid {
        Outcome::Ok
    } else {
        Outcome::Problems
    })
}

fn print_check(lang: Lang, path: &Path, c: &Checked, q: &Quality) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let l = |en, ja| lang.pick(en, ja);
    let verdict = if c.is_valid() {
        l("valid", "妥当")
    } else {
        l("INVALID", "不正")
    };
    writeln!(
        out,
        "{}: {} {} — {verdict}, {} {}",
        path.display(),
        c.sbom.format.family(),
        c.sbom.spec_version,
        c.sbom.components.len(),
        l("components", "コンポーネント")
    )?;
    if !c.errors.is_empty() {
        writeln!(out, "{} ({}):", l("errors", "エラー"), c.errors.len())?;
        for e in c.errors.iter().take(50) {
            writeln!(out, "  {e}")?;
        }
    }
    if !c.warnings.is_empty() {
        writeln!(out, "{} ({}):", l("warnings", "警告"), c.warnings.len())?;
        for w in c.warnings.iter().take(20) {
            writeln!(out, "  {w}")?;
        }
        if c.warnings.len() > 20 {
            writeln!(
                out,
                "  … {} {}",
                c.warnings.len() - 20,
                l("more (use --json for all)", "件 (すべては --json で)")
            )?;
        }
    }
    writeln!(
        out,
        "{}",
        l(
            "CISA 2024 baseline attributes:",
            "CISA 2024 ベースライン属性:"
        )
    )?;
    for (attr, g) in &q.baseline {
        writeln!(out, "  {attr:<27} {:<13} {}", g.level.as_str(), g.reason)?;
    }
    writeln!(out, "{} {}", l("overall:", "総合:"), q.overall.as_str())?;
    let ntia: Vec<_> = q.ntia.iter().filter(|(_, m)| !m).map(|(k, _)| *k).collect();
    if ntia.is_empty() {
        writeln!(
            out,
            "{}",
            l(
                "NTIA minimum elements: all met",
                "NTIA 最小要素: すべて充足"
            )
        )?;
    } else {
        writeln!(
            out,
            "{} {}",
            l("NTIA minimum elements not met:", "NTIA 最小要素の未充足:"),
            ntia.join(", ")
        )?;
    }
    if q.fda.missing_level_of_support + q.fda.missing_end_of_support > 0 {
        writeln!(
            out,
            "{}: {} {}, {} {}",
            l("FDA support fields missing", "FDA サポート情報の欠落"),
            q.fda.missing_level_of_support,
            l("without level of support", "件がサポートレベルなし"),
            q.fda.missing_end_of_support,
            l("without end-of-support date", "件がサポート終了日なし"),
        )?;
    }
    out.flush()
}

fn convert(path: &Path, to: &str, out: Option<&Path>) -> anyhow::Result<Outcome> {
    let format =
        DocumentFormat::from_cli_name(to).with_context(|| format!("unknown format {to:?}"))?;
    let checked = load(path)?;
    if !checked.is_valid() {
        report_errors(path, &checked.errors);
        return Ok(Outcome::Problems);
    }
    let bytes = mamori_sbom::write(&checked.sbom, format);
    match out {
        Some(o) => {
            std::fs::write(o, &bytes).with_context(|| format!("{}: cannot write", o.display()))?
        }
        None => {
            use std::io::Write;
            std::io::stdout().lock().write_all(&bytes)?;
        }
    }
    Ok(Outcome::Ok)
}

async fn import(
    ctx: &Ctx,
    path: &Path,
    product: &str,
    release: &str,
    supplier: Option<&str>,
    as_json: bool,
) -> anyhow::Result<Outcome> {
    // Check before touching the store: an invalid SBOM leaves nothing behind.
    let bytes = read_file(path)?;
    let checked =
        mamori_sbom::read(&bytes).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    if !checked.is_valid() {
        report_errors(path, &checked.errors);
        eprintln!(
            "{}: {}",
            path.display(),
            ctx.lang.pick(
                "not imported: the SBOM is invalid",
                "取り込みません: SBOM が不正です"
            )
        );
        return Ok(Outcome::Problems);
    }
    let store = ctx.store().await?;
    let product = store.product(product).await?;
    let rel = match store.release(&product, release).await {
        Ok(r) => r,
        Err(mamori_store::StoreError::NotFound { .. }) => {
            let version = mamori_model::ReleaseVersion::new(release)?;
            store
                .add_release(
                    &product,
                    &version,
                    &mamori_model::Lifecycle::default(),
                    now(),
                )
                .await?
        }
        Err(e) => return Err(e.into()),
    };
    let filename = path.file_name().and_then(|f| f.to_str());
    let incoming = mamori_store::Incoming {
        bytes: &bytes,
        filename,
        sbom: &checked.sbom,
        supplier,
    };
    let outcome = store.import_sbom(&rel, incoming, &ctx.user, now()).await?;
    let open = store
        .findings(&mamori_store::FindingFilter {
            product: Some(rel.product.clone()),
            release: Some(rel.version.clone()),
            ..Default::default()
        })
        .await?;
    let findings = open.len();
    let kev = open.iter().filter(|f| f.detail["kev"] == true).count();
    if as_json {
        output::json(&json!({
            "id": outcome.sbom.id,
            "product": rel.product,
            "release": rel.version,
            "sbom_version": outcome.sbom.version,
            "document_id": outcome.document_id,
            "sha256": outcome.sha256,
            "components": outcome.sbom.component_count,
            "supplier": supplier,
            "warnings": checked.warnings.len(),
            "findings": findings,
            "kev": kev,
            "matching": {
                "new": outcome.monitor.new,
                "resolved": outcome.monitor.resolved,
                "pre_triaged": outcome.monitor.pre_triaged,
            },
        }))?;
    } else {
        println!(
            "{} {}@{} {} {} ({} {}, sha256 {})",
            ctx.lang.pick("stored SBOM", "SBOM を保存しました"),
            rel.product,
            rel.version,
            ctx.lang.pick("version", "版"),
            outcome.sbom.version,
            outcome.sbom.component_count,
            ctx.lang.pick("components", "コンポーネント"),
            &outcome.sha256[..16],
        );
        println!(
            "{}: {findings} ({} {kev}, {} {})",
            ctx.lang.pick("open findings", "未解決の検出"),
            ctx.lang.pick("KEV", "KEV 掲載"),
            ctx.lang.pick("pre-triaged by rules", "ルールで判定済み"),
            outcome.monitor.pre_triaged,
        );
    }
    Ok(Outcome::Ok)
}

async fn approve(
    ctx: &Ctx,
    product: &str,
    release: &str,
    as_json: bool,
) -> anyhow::Result<Outcome> {
    let store = ctx.store().await?;
    let product = store.product(product).await?;
    let rel = store.release(&product, release).await?;
    let row = store.approve_sbom(&rel, &ctx.user, now()).await?;
    if as_json {
        output::json(&json!({
            "id": row.id, "product": rel.product, "release": rel.version, "sbom_version": row.version,
            "approved_by": row.approved_by, "approved_at": row.approved_at,
        }))?;
    } else {
        println!(
            "{} {}@{} {} {} ({} {})",
            ctx.lang.pick("approved SBOM of", "SBOM を承認しました:"),
            rel.product,
            rel.version,
            ctx.lang.pick("version", "版"),
            row.version,
            row.approved_by.as_deref().unwrap_or_default(),
            row.approved_at.as_deref().unwrap_or_default()
        );
    }
    Ok(Outcome::Ok)
}

/// `PRODUCT@VERSION` names a stored release unless a file of that name exists.
async fn resolve(ctx: &Ctx, spec: &str) -> anyhow::Result<Sbom> {
    let path = Path::new(spec);
    if path.exists() {
        return load_for_diff(path);
    }
    let Some((product, version)) = spec.rsplit_once('@') else {
        bail!("{spec}: no such file, and not PRODUCT@VERSION");
    };
    let store = ctx.store().await?;
    let product = store.product(product).await?;
    let rel = store.release(&product, version).await?;
    let stored = store
        .latest_sbom(&rel)
        .await?
        .with_context(|| format!("{spec}: the release has no SBOM"))?;
    Ok(stored.sbom)
}

fn load_for_diff(path: &Path) -> anyhow::Result<Sbom> {
    let c = load(path)?;
    if !c.is_valid() {
        report_errors(path, &c.errors);
    }
    Ok(c.sbom)
}

/// The ecosystem order of two versions of a component, by its package URL.
pub fn version_order(c: &Component, a: &str, b: &str) -> Option<std::cmp::Ordering> {
    let scheme = super::identity::scheme_for_component(c);
    scheme.compare(a, b).ok()
}

async fn diff(ctx: &Ctx, a: &str, b: &str, as_json: bool) -> anyhow::Result<Outcome> {
    let (old, new) = if Path::new(a).exists() && Path::new(b).exists() {
        // Two files are read side by side: reading is most of a large diff's time.
        let (old, new) = std::thread::scope(|s| {
            let old = s.spawn(|| load_for_diff(Path::new(a)));
            let new = load_for_diff(Path::new(b));
            (old.join(), new)
        });
        let old = old.map_err(|_| anyhow::anyhow!("{a}: the reader stopped unexpectedly"))??;
        (old, new?)
    } else {
        (resolve(ctx, a).await?, resolve(ctx, b).await?)
    };
    let d = mamori_sbom::diff::diff(&old, &new, version_order);
    // The process ends right after the diff is printed: handing two large SBOMs'
    // millions of allocations back one by one would only delay the exit.
    std::mem::forget((old, new));
    if as_json {
        output::json(&diff_json(&d))?;
    } else {
        print_diff(ctx.lang, &d);
    }
    Ok(Outcome::Ok)
}

fn diff_json(d: &Diff) -> Value {
    let pick = |c: Change| -> Vec<Value> {
        d.entries
            .iter()
            .filter(|e| e.change == c)
            .map(|e| json!({"key": e.key, "name": e.name, "old_version": e.old_version, "new_version": e.new_version}))
            .collect()
    };
    json!({
        "added": pick(Change::Added),
        "removed": pick(Change::Removed),
        "upgraded": pick(Change::Upgraded),
        "downgraded": pick(Change::Downgraded),
        "changed": pick(Change::Changed),
        "unchanged": d.unchanged,
    })
}

fn print_diff(lang: Lang, d: &Diff) {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for e in &d.entries {
        let (mark, text) = match e.change {
            Change::Added => (
                "+",
                format!("{} {}", e.name, e.new_version.as_deref().unwrap_or("-")),
            ),
            Change::Removed => (
                "-",
                format!("{} {}", e.name, e.old_version.as_deref().unwrap_or("-")),
            ),
            Change::Upgraded => (
                "↑",
                format!(
                    "{} {} → {}",
                    e.name,
                    e.old_version.as_deref().unwrap_or("-"),
                    e.new_version.as_deref().unwrap_or("-")
                ),
            ),
            Change::Downgraded => (
                "↓",
                format!(
                    "{} {} → {}",
                    e.name,
                    e.old_version.as_deref().unwrap_or("-"),
                    e.new_version.as_deref().unwrap_or("-")
                ),
            ),
            Change::Changed => (
                "~",
                format!(
                    "{} {} → {}",
                    e.name,
                    e.old_version.as_deref().unwrap_or("-"),
                    e.new_version.as_deref().unwrap_or("-")
                ),
            ),
        };
        let _ = writeln!(out, "{mark} {text}  ({})", e.key);
    }
    let _ = writeln!(
        out,
        "{}: {} {}, {} {}, {} {}, {} {}, {} {}, {} {}",
        lang.pick("summary", "概要"),
        d.count(Change::Added),
        lang.pick("added", "追加"),
        d.count(Change::Removed),
        lang.pick("removed", "削除"),
        d.count(Change::Upgraded),
        lang.pick("upgraded", "更新"),
        d.count(Change::Downgraded),
        lang.pick("downgraded", "ダウングレード"),
        d.count(Change::Changed),
        lang.pick("changed", "変更"),
        d.unchanged,
        lang.pick("unchanged", "変更なし"),
    );
}

pub fn now() -> time::OffsetDateTime {
    time::OffsetDateTime::now_utc()
}
