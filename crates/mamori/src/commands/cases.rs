//! `mamori case open|decide|list`: regulatory cases with deadlines computed from the configurable rule table.

use super::Ctx;
use crate::Outcome;
use crate::cli::CaseCmd;
use crate::output;
use anyhow::{Context, bail};
use mamori_judge::clocks::RegulatoryRules;
use mamori_store::NewCase;
use serde_json::{Value, json};
use std::io::Write;
use time::{Date, OffsetDateTime};

fn date(s: &str, what: &str) -> anyhow::Result<Date> {
    let f = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(s, &f).with_context(|| format!("{what} {s:?}: use YYYY-MM-DD"))
}

fn print_case(ctx: &Ctx, v: &Value) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{} {}: {} ({} {}, {} {})",
        ctx.lang.pick("case", "案件"),
        v["id"],
        v["title"].as_str().unwrap_or(""),
        ctx.lang.pick("aware", "認知日"),
        v["awareness"].as_str().unwrap_or(""),
        ctx.lang.pick("findings", "検出"),
        v["findings"].as_array().map_or(0, Vec::len),
    )?;
    for o in v["obligations"].as_array().into_iter().flatten() {
        let decided = match &o["decision"] {
            Value::Null => ctx.lang.pick("undecided", "未決定").to_owned(),
            d if d["report_required"] == true => ctx.lang.pick("report", "報告する").to_owned(),
            _ => ctx.lang.pick("no report", "報告しない").to_owned(),
        };
        writeln!(
            out,
            "  {:<3} {:<28} {:<12} {:<20} {}{}",
            o["jurisdiction"].as_str().unwrap_or(""),
            o["obligation"].as_str().unwrap_or(""),
            o["due"]
                .as_str()
                .unwrap_or(o["status"].as_str().unwrap_or("")),
            decided,
            o["report"].as_str().unwrap_or(""),
            if o["rule_verified"] == false {
                ctx.lang.pick(" (rule not verified)", "（規則未確認）")
            } else {
                ""
            },
        )?;
    }
    Ok(())
}

pub async fn run(ctx: &Ctx, cmd: CaseCmd) -> anyhow::Result<Outcome> {
    let store = ctx.store().await?;
    let rules = RegulatoryRules::default_rules();
    let now = OffsetDateTime::now_utc();
    match cmd {
        CaseCmd::Open {
            title,
            findings,
            aware,
            harm,
            occurred,
            expected,
            unanticipated,
            public_health_threat,
            safety,
            correction,
            json,
        } => {
            let case = NewCase {
                title,
                findings,
                awareness: date(&aware, "--aware")?,
                harm,
                harm_occurred: occurred,
                expected,
                unanticipated,
                public_health_threat,
                safety,
                correction_initiated: correction
                    .as_deref()
                    .map(|c| date(c, "--correction"))
                    .transpose()?,
            };
            let row = store.open_case(&case, &ctx.user, now).await?;
            let v = row.to_json(&rules)?;
            if json {
                output::json(&v)?;
            } else {
                print_case(ctx, &v)?;
            }
        }
        CaseCmd::Decide {
            id,
            jurisdiction,
            obligation,
            report,
            reason,
            json,
        } => {
            let known = rules.obligations();
            let of_j: Vec<&str> = known
                .iter()
                .filter(|(j, _)| *j == jurisdiction)
                .map(|(_, o)| *o)
                .collect();
            if of_j.is_empty() {
                bail!(
                    "unknown jurisdiction {jurisdiction:?}: the rule table has {}",
                    known
                        .iter()
                        .map(|(j, _)| *j)
                        .collect::<std::collections::BTreeSet<_>>()
                        .into_iter()
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
            let obligation = match obligation {
                Some(o) if of_j.contains(&o.as_str()) => o,
                Some(o) => bail!(
                    "{jurisdiction} has no obligation {o:?}: use {}",
                    of_j.join(", ")
                ),
                None => of_j[0].to_owned(),
            };
            let row = store
                .decide_case(
                    id,
                    &jurisdiction,
                    &obligation,
                    report == "yes",
                    &reason,
                    &ctx.user,
                    now,
                )
                .await?;
            let v = row.to_json(&rules)?;
            if json {
                output::json(&v)?;
            } else {
                print_case(ctx, &v)?;
            }
        }
        CaseCmd::List { json } => {
            let rows = store.cases().await?;
            let list = rows
                .iter()
                .map(|c| c.to_json(&rules))
                .collect::<Result<Vec<_>, _>>()?;
            if json {
                output::json(&json!({"cases": list}))?;
            } else {
                for v in &list {
                    print_case(ctx, v)?;
                }
            }
        }
    }
    Ok(Outcome::Ok)
}
