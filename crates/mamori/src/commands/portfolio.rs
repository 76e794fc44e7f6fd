//! `mamori product` and `mamori release`.

use super::Ctx;
use super::sbom::now;
use crate::Outcome;
use crate::cli::{ProductCmd, ReleaseCmd};
use crate::output;
use anyhow::Context;
use mamori_model::{Lifecycle, Milestone, ProductName, ReleaseVersion};
use serde_json::json;

pub async fn product(ctx: &Ctx, cmd: ProductCmd) -> anyhow::Result<Outcome> {
    let store = ctx.store().await?;
    match cmd {
        ProductCmd::Add { name, vendor, json } => {
            let name = ProductName::new(&name)?;
            let p = store.add_product(&name, vendor.as_deref(), now()).await?;
            if json {
                output::json(&json!({"id": p.id, "name": p.name, "vendor": p.vendor}))?;
            } else {
                println!("{}", p.id);
            }
        }
        ProductCmd::List { json } => {
            let ps = store.products().await?;
            if json {
                output::json(
                    &json!({"products": ps.iter().map(|p| json!({"id": p.id, "name": p.name, "vendor": p.vendor})).collect::<Vec<_>>()}),
                )?;
            } else {
                for p in ps {
                    println!("{}\t{}\t{}", p.id, p.name, p.vendor.unwrap_or_default());
                }
            }
        }
    }
    Ok(Outcome::Ok)
}

fn date(flag: &str, s: Option<&str>) -> anyhow::Result<Option<time::Date>> {
    let f = time::macros::format_description!("[year]-[month]-[day]");
    s.map(|s| {
        time::Date::parse(s.trim(), &f)
            .with_context(|| format!("--{flag} {s:?}: expected an ISO 8601 date (YYYY-MM-DD)"))
    })
    .transpose()
}

fn lifecycle_json(l: &Lifecycle) -> serde_json::Value {
    let d = |m| l.get(m).map(|d: time::Date| d.to_string());
    json!({
        "ga": d(Milestone::GeneralAvailability),
        "end_of_sale": d(Milestone::EndOfSale),
        "eos": d(Milestone::EndOfSupport),
        "eol": d(Milestone::EndOfLife),
    })
}

pub async fn release(ctx: &Ctx, cmd: ReleaseCmd) -> anyhow::Result<Outcome> {
    let store = ctx.store().await?;
    match cmd {
        ReleaseCmd::Add {
            product,
            version,
            ga,
            end_of_sale,
            eos,
            eol,
            json,
        } => {
            let lifecycle = Lifecycle::new(
                date("ga", ga.as_deref())?,
                date("end-of-sale", end_of_sale.as_deref())?,
                date("eos", eos.as_deref())?,
                date("eol", eol.as_deref())?,
            )?;
            let version = ReleaseVersion::new(&version)?;
            let product = store.product(&product).await?;
            let r = store
                .add_release(&product, &version, &lifecycle, now())
                .await?;
            if json {
                output::json(
                    &json!({"id": r.id, "product": r.product, "version": r.version, "lifecycle": lifecycle_json(&r.lifecycle)}),
                )?;
            } else {
                println!("{}", r.id);
            }
        }
        ReleaseCmd::List { product, json } => {
            let product = store.product(&product).await?;
            let rs = store.releases(&product).await?;
            if json {
                output::json(
                    &json!({"releases": rs.iter().map(|r| json!({"id": r.id, "product": r.product, "version": r.version, "lifecycle": lifecycle_json(&r.lifecycle)})).collect::<Vec<_>>()}),
                )?;
            } else {
                for r in rs {
                    let l = lifecycle_json(&r.lifecycle);
                    println!(
                        "{}\t{}\tGA {}\tEOS {}\tEOL {}",
                        r.id,
                        r.version,
                        l["ga"].as_str().unwrap_or("-"),
                        l["eos"].as_str().unwrap_or("-"),
                        l["eol"].as_str().unwrap_or("-")
                    );
                }
            }
        }
    }
    Ok(Outcome::Ok)
}
