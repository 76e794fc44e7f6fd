//! `mamori where`, `affected`, `finding list|set` and `rule add|list`: the stored findings of every release.

use super::Ctx;
use crate::Outcome;
use crate::cli::{AffectedArgs, FindingCmd, RuleCmd, WhereArgs};
use crate::i18n::Lang;
use crate::output;
use anyhow::{Context, bail};
use mamori_judge::analysis::State;
use mamori_store::{FindingFilter, FindingRow, NewRule, Triage, WhereQuery};
use serde_json::{Value, json};
use std::io::Write;
use time::OffsetDateTime;

pub async fn where_(ctx: &Ctx, args: WhereArgs) -> anyhow::Result<Outcome> {
    let query = if args.component.starts_with("cpe:") {
        if args.range.is_some() {
            bail!("--range applies to a package URL, not to a CPE");
        }
        WhereQuery::Cpe(
            mamori_purl::Cpe::parse(args.component.trim())
                .with_context(|| format!("{:?} is not a CPE name", args.component))?,
        )
    } else {
        let purl = mamori_purl::Purl::parse(args.component.trim())
            .with_context(|| format!("{:?} is not a package URL", args.component))?;
        if let Some(r) = &args.range {
            mamori_version::range::AnyRange::parse(mamori_version::Scheme::Generic, r)
                .ok()
                .filter(|_| r.starts_with("vers:"))
                .with_context(|| format!("--range {r:?} is not a vers: range"))?;
        }
        WhereQuery::Purl {
            purl,
            range: args.range.clone(),
        }
    };
    let store = ctx.store().await?;
    let rows = store.where_component(&query).await?;
    if args.json {
        let releases: Vec<Value> = rows
            .iter()
            .map(|r| {
                json!({
                    "product": r.product,
                    "release": r.release,
                    "sbom_version": r.sbom_version,
                    "component": {"bom_ref": r.bom_ref, "name": r.name, "version": r.version, "purl": r.purl, "cpe": r.cpe},
                })
            })
            .collect();
        output::json(&json!({"query": args.component, "range": args.range, "releases": releases}))?;
    } else {
        let mut out = std::io::stdout().lock();
        if rows.is_empty() {
            writeln!(
                out,
                "{}",
                ctx.lang
                    .pick("no stored release contains it", "含むリリースはありません")
            )?;
        }
        for r in &rows {
            writeln!(
                out,
                "{}@{}\t{} {}\t{}",
                r.product,
                r.release,
                r.name,
                r.version.as_deref().unwrap_or("-"),
                r.purl.as_deref().or(r.cpe.as_deref()).unwrap_or("")
            )?;
        }
    }
    Ok(Outcome::Ok)
}

pub async fn affected(ctx: &Ctx, args: AffectedArgs) -> anyhow::Result<Outcome> {
    let store = ctx.store().await?;
    let (ids, rows) = store.affected(&args.id).await?;
    if args.json {
        let releases: Vec<Value> = rows
            .iter()
            .map(|f| {
                json!({
                    "product": f.product,
                    "release": f.release,
                    "component": f.detail["component"],
                    "state": f.state,
                    "finding": f.id,
                    "vulnerability_id": f.detail["vulnerability_id"],
                    "outcome": f.detail["outcome"],
                    "severity": f.detail["severity"],
                    "fixed_versions": f.detail["fixed_versions"],
                })
            })
            .collect();
        output::json(&json!({
            "vulnerability": args.id.trim(),
            "ids": ids,
            "releases": releases,
        }))?;
    } else {
        let mut out = std::io::stdout().lock();
        if rows.is_empty() {
            writeln!(
                out,
                "{} ({})",
                ctx.lang.pick(
                    "no stored release is affected",
                    "影響を受けるリリースはありません"
                ),
                ids.join(", ")
            )?;
        }
        for f in &rows {
            writeln!(
                out,
                "{}@{}\t{} {}\t{}\t#{}",
                f.product,
                f.release,
                f.detail["component"]["name"].as_str().unwrap_or(""),
                f.detail["component"]["version"].as_str().unwrap_or("-"),
                f.state,
                f.id
            )?;
        }
    }
    Ok(Outcome::Ok)
}

pub async fn finding(ctx: &Ctx, cmd: FindingCmd) -> anyhow::Result<Outcome> {
    let store = ctx.store().await?;
    match cmd {
        FindingCmd::List {
            product,
            release,
            state,
            severity,
            kev,
            due,
            all,
            json,
        } => {
            if release.is_some() && product.is_none() {
                bail!("--release needs --product");
            }
            if let Some(s) = &state {
                parse_state(s)?;
            }
            let filter = FindingFilter {
                product,
                release,
                state: state
                    .map(|s| parse_state(&s).map(|s| s.as_str().to_owned()))
                    .transpose()?,
                severity,
                kev,
                due_by: due,
                include_resolved: all,
                text: None,
            };
            let rows = store.findings(&filter).await?;
            if json {
                let list: Vec<Value> = rows.iter().map(FindingRow::to_json).collect();
                output::json(&json!({"findings": list}))?;
            } else {
                table(ctx.lang, &rows)?;
            }
            Ok(Outcome::Ok)
        }
        FindingCmd::Set {
            id,
            state,
            justification,
            response,
            detail,
            detail_ja,
            json,
        } => {
            let triage = triage(&state, justification, response, detail, detail_ja)?;
            let row = store
                .set_finding_state(id, &triage, &ctx.user, OffsetDateTime::now_utc())
                .await?;
            if json {
                output::json(&row.to_json())?;
            } else {
                writeln!(
                    std::io::stdout().lock(),
                    "{} #{}: {} ({}@{}, {})",
                    ctx.lang.pick("finding", "検出"),
                    row.id,
                    row.state,
                    row.product,
                    row.release,
                    row.detail["vulnerability_id"].as_str().unwrap_or("")
                )?;
            }
            Ok(Outcome::Ok)
        }
    }
}

pub async fn rule(ctx: &Ctx, cmd: RuleCmd) -> anyhow::Result<Outcome> {
    let store = ctx.store().await?;
    match cmd {
        RuleCmd::Add {
            component,
            vulnerability,
            product,
            state,
            justification,
            response,
            detail,
            detail_ja,
            reason,
            expires,
            json,
        } => {
            let triage = triage(&state, justification, response, detail, detail_ja)?;
            let expires = expires.as_deref().map(parse_expiry).transpose()?;
            let (row, applied) = store
                .add_rule(
                    &NewRule {
                        product,
                        component,
                        vulnerability,
                        triage,
                        reason,
                        expires,
                    },
                    &ctx.user,
                    OffsetDateTime::now_utc(),
                )
                .await?;
            if json {
                let mut v = rule_json(&row);
                v["applied"] = json!(applied);
                output::json(&v)?;
            } else {
                writeln!(
                    std::io::stdout().lock(),
                    "{} {}: {} {} → {} ({} {})",
                    ctx.lang.pick("rule", "ルール"),
                    row.id,
                    row.component,
                    row.vulnerability,
                    row.state,
                    applied,
                    ctx.lang
                        .pick("open findings decided", "件の未判定の検出に適用")
                )?;
            }
            Ok(Outcome::Ok)
        }
        RuleCmd::List { json } => {
            let rows = store.rules().await?;
            if json {
                output::json(&json!({"rules": rows.iter().map(rule_json).collect::<Vec<_>>()}))?;
            } else {
                let mut out = std::io::stdout().lock();
                for r in &rows {
                    writeln!(
                        out,
                        "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                        r.id,
                        r.product.as_deref().unwrap_or("*"),
                        r.component,
                        r.vulnerability,
                        r.state,
                        r.expires_at.as_deref().unwrap_or("-"),
                        r.reason
                    )?;
                }
            }
            Ok(Outcome::Ok)
        }
    }
}

fn rule_json(r: &mamori_store::RuleRow) -> Value {
    json!({
        "id": r.id,
        "product": r.product,
        "component": r.component,
        "vulnerability": r.vulnerability,
        "state": r.state,
        "justification": r.justification,
        "response": r.response,
        "detail": r.detail,
        "detail_ja": r.detail_ja,
        "reason": r.reason,
        "created_by": r.created_by,
        "created_at": r.created_at,
        "expires_at": r.expires_at,
    })
}

fn parse_state(s: &str) -> anyhow::Result<State> {
    State::parse(s).with_context(|| {
        format!(
            "unknown state {s:?}: use {}",
            State::ALL.map(State::as_str).join(", ")
        )
    })
}

/// A triage decision checked against the analysis vocabulary (the store's rule).
fn triage(
    state: &str,
    justification: Option<String>,
    response: Option<String>,
    detail: Option<String>,
    detail_ja: Option<String>,
) -> anyhow::Result<Triage> {
    Triage::checked(
        state,
        justification.as_deref(),
        response.as_deref(),
        detail.as_deref(),
    )
    .map(|t| t.with_detail_ja(detail_ja.as_deref()))
    .map_err(|e| anyhow::anyhow!("--{}: {e}", e.field))
}

/// `YYYY-MM-DD` means through the end of that day (UTC); or an RFC 3339 time.
fn parse_expiry(s: &str) -> anyhow::Result<OffsetDateTime> {
    let f = time::macros::format_description!("[year]-[month]-[day]");
    if let Ok(d) = time::Date::parse(s, &f) {
        let next = d.next_day().context("--expires is out of range")?;
        return Ok(next.midnight().assume_utc());
    }
    OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339)
        .with_context(|| format!("--expires {s:?}: use YYYY-MM-DD or an RFC 3339 time"))
}

fn table(lang: Lang, rows: &[FindingRow]) -> anyhow::Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    writeln!(
        out,
        "{:<6} {:<24} {:<22} {:<9} {:<26} {:<14} {}",
        "ID",
        lang.pick("RELEASE", "リリース"),
        lang.pick("VULNERABILITY", "脆弱性"),
        lang.pick("SEVERITY", "深刻度"),
        lang.pick("COMPONENT", "コンポーネント"),
        lang.pick("VERSION", "バージョン"),
        lang.pick("STATE", "状態"),
    )?;
    for f in rows {
        let d = &f.detail;
        writeln!(
            out,
            "{:<6} {:<24} {:<22} {:<9} {:<26} {:<14} {}{}",
            f.id,
            format!("{}@{}", f.product, f.release),
            d["vulnerability_id"].as_str().unwrap_or(""),
            d["severity"]["level"].as_str().unwrap_or("?"),
            d["component"]["name"].as_str().unwrap_or(""),
            d["component"]["version"].as_str().unwrap_or("-"),
            f.state,
            if d["kev"] == true { " KEV" } else { "" },
        )?;
    }
    writeln!(out, "{}: {}", lang.pick("findings", "検出件数"), rows.len())?;
    out.flush()?;
    Ok(())
}
