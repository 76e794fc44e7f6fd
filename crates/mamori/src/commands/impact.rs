//! `mamori impact`: which hospitals, sites and devices a vulnerability, an advisory or a component version touches, and which are patched.

use std::io::Write;

use clap::Args;
use mamori_store::{DeviceImpact, DeviceResponse, ImpactQuery, Visibility};

use super::Ctx;
use crate::Outcome;
use crate::output;

/// What to ask about: a vulnerability id, or `--advisory`, or `--component`.
#[derive(Debug, Args)]
pub struct ImpactArgs {
    /// CVE-…, GHSA-…, JVNDB-… or a vendor id (aliases followed).
    #[arg(required_unless_present_any = ["advisory", "component"], conflicts_with_all = ["advisory", "component"])]
    pub id: Option<String>,
    /// An advisory's id: the releases it covers.
    #[arg(long, conflicts_with = "component")]
    pub advisory: Option<i64>,
    /// A component version: a purl with its version, or NAME@VERSION.
    #[arg(long)]
    pub component: Option<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

fn query(args: &ImpactArgs) -> anyhow::Result<ImpactQuery> {
    if let Some(id) = &args.id {
        return Ok(ImpactQuery::Vulnerability(id.clone()));
    }
    if let Some(a) = args.advisory {
        return Ok(ImpactQuery::Advisory(a));
    }
    let c = args.component.as_deref().map(str::trim).unwrap_or_default();
    if c.starts_with("pkg:") {
        return Ok(ImpactQuery::Purl(c.to_owned()));
    }
    match c.rsplit_once('@') {
        Some((name, version)) if !name.is_empty() && !version.is_empty() => {
            Ok(ImpactQuery::Component {
                name: name.to_owned(),
                version: version.to_owned(),
            })
        }
        _ => anyhow::bail!("--component {c:?}: give a purl with a version, or NAME@VERSION"),
    }
}

/// Runs `mamori impact`.
pub async fn run(ctx: &Ctx, args: ImpactArgs) -> anyhow::Result<Outcome> {
    let q = query(&args)?;
    let store = ctx.store().await?;
    let impact = store
        .impact(&q, Visibility::All, time::OffsetDateTime::now_utc())
        .await?;
    if args.json {
        output::json(&impact.to_json())?;
        return Ok(Outcome::Ok);
    }
    let l = ctx.lang;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{}: {} {}, {} {}, {} {}, {} {}, {} {}",
        match &q {
            ImpactQuery::Vulnerability(id) if impact.ids.len() > 1 =>
                format!("{id} ({})", impact.ids.join(", ")),
            ImpactQuery::Vulnerability(id) => id.clone(),
            ImpactQuery::Advisory(a) => format!("{} {a}", l.pick("advisory", "アドバイザリ")),
            ImpactQuery::Purl(p) => p.clone(),
            ImpactQuery::Component { name, version } => format!("{name}@{version}"),
        },
        impact.hospitals.len(),
        l.pick("hospitals", "医療機関"),
        impact.sites,
        l.pick("sites", "施設"),
        impact.affected,
        l.pick("affected", "影響あり"),
        impact.patched,
        l.pick("patched", "適用済"),
        impact.legacy,
        l.pick("legacy (past end of support)", "サポート終了後"),
    )?;
    if impact.hospitals.is_empty() {
        return Ok(Outcome::Ok);
    }
    let release = |id: i64| {
        impact
            .releases
            .iter()
            .find(|r| r.id == id)
            .map_or_else(String::new, |r| format!("{}@{}", r.product, r.version))
    };
    let header = [
        l.pick("HOSPITAL", "医療機関"),
        l.pick("SITE", "施設"),
        l.pick("SERIAL", "シリアル番号"),
        l.pick("RELEASE", "リリース"),
        l.pick("STATUS", "状態"),
        l.pick("NETWORK", "ネットワーク"),
    ];
    let mut rows: Vec<[String; 6]> = vec![header.map(str::to_owned)];
    for h in &impact.hospitals {
        for s in &h.sites {
            for d in &s.devices {
                let mut status = match d.status {
                    DeviceImpact::Affected => l.pick("affected", "影響あり"),
                    DeviceImpact::Patched => l.pick("patched", "適用済"),
                }
                .to_owned();
                if d.legacy {
                    status.push_str(l.pick(" (legacy)", "（サポート終了）"));
                }
                match d.reported {
                    Some(DeviceResponse::PatchApplied) => {
                        status.push_str(l.pick(", reported patched", "・適用済の報告あり"));
                    }
                    Some(DeviceResponse::MitigationInPlace) => {
                        status.push_str(l.pick(", reported mitigated", "・緩和策の報告あり"));
                    }
                    None => {}
                }
                rows.push([
                    h.name.clone(),
                    s.name.clone().unwrap_or_else(|| "-".into()),
                    d.serial.clone(),
                    release(d.release_id),
                    status,
                    d.exposure.map_or("-", |e| e.as_str()).to_owned(),
                ]);
            }
        }
    }
    table(&mut out, &rows)?;
    Ok(Outcome::Ok)
}

/// Writes rows as columns padded to their widest cell (by characters; wide Japanese
/// characters count as two).
pub fn table(out: &mut impl Write, rows: &[[String; 6]]) -> std::io::Result<()> {
    let width = |s: &str| -> usize {
        s.chars()
            .map(|c| if (c as u32) >= 0x1100 { 2 } else { 1 })
            .sum()
    };
    let mut widths = [0usize; 6];
    for r in rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(width(c));
        }
    }
    for r in rows {
        let mut line = String::new();
        for (i, c) in r.iter().enumerate() {
            line.push_str(c);
            if i + 1 < r.len() {
                line.push_str(&" ".repeat(widths[i] - width(c) + 2));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}
