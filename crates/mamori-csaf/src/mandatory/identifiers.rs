//! Identifier tests: CWE (6.1.11), language codes (6.1.12), package URLs (6.1.13), CVE used twice
//! (6.1.23), one party twice at one date in involvements (6.1.24).

use std::collections::HashMap;

use serde_json::Value;

use crate::ctx::{Ctx, arr, str_of};
use crate::cwe;
use crate::formats::{date_time, lang_tag};
use crate::lang::language_exists;
use crate::registry::Out;

pub(crate) fn t_6_1_11(ctx: &Ctx<'_>, out: &mut Out) {
    for (i, v) in ctx.vulnerabilities.iter().enumerate() {
        let Some(c) = v.get("cwe") else { continue };
        let id = str_of(c.get("id"));
        let name = str_of(c.get("name"));
        let Some(n) = id.strip_prefix("CWE-").and_then(|n| n.parse::<u32>().ok()) else {
            continue;
        };
        if cwe::check(n, name) == Some(false) {
            out.push((
                format!("/vulnerabilities/{i}/cwe/name"),
                format!("`{name}` is not the name of {id}"),
            ));
        }
    }
}

pub(crate) fn t_6_1_12(ctx: &Ctx<'_>, out: &mut Out) {
    for key in ["lang", "source_lang"] {
        let Some(s) = ctx.doc_field(key).and_then(Value::as_str) else {
            continue;
        };
        let Some(tag) = lang_tag(s) else { continue };
        if !tag.grandfathered && !tag.language.is_empty() && !language_exists(tag.language) {
            out.push((
                format!("/document/{key}"),
                format!("`{}` in `{s}` is not a registered language", tag.language),
            ));
        }
    }
}

pub(crate) fn t_6_1_13(ctx: &Ctx<'_>, out: &mut Out) {
    for fp in &ctx.full_products {
        let Some(purl) = fp
            .obj
            .get("product_identification_helper")
            .and_then(|h| h.get("purl"))
            .and_then(Value::as_str)
        else {
            continue;
        };
        if let Err(e) = mamori_purl::Purl::parse(purl) {
            out.push((
                format!("{}/product_identification_helper/purl", fp.ptr),
                format!("`{purl}` is not a valid package url: {e}"),
            ));
        }
    }
}

pub(crate) fn t_6_1_23(ctx: &Ctx<'_>, out: &mut Out) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, v) in ctx.vulnerabilities.iter().enumerate() {
        let Some(cve) = v.get("cve").and_then(Value::as_str) else {
            continue;
        };
        if let Some(first) = seen.get(cve) {
            out.push((
                format!("/vulnerabilities/{i}/cve"),
                format!("`{cve}` is already used by vulnerability {first}"),
            ));
        } else {
            seen.insert(cve, i);
        }
    }
}

pub(crate) fn t_6_1_24(ctx: &Ctx<'_>, out: &mut Out) {
    for (i, v) in ctx.vulnerabilities.iter().enumerate() {
        let mut seen = HashMap::new();
        for (j, inv) in arr(v.get("involvements")).iter().enumerate() {
            let party = str_of(inv.get("party"));
            let raw = inv.get("date").and_then(Value::as_str);
            // Compare instants, so one moment written with two offsets is the same date.
            let date = raw.map(|d| {
                date_time(d).map_or_else(|| d.to_string(), |t| t.unix_timestamp_nanos().to_string())
            });
            let key = (party, date);
            if let Some(&first) = seen.get(&key) {
                out.push((
                    format!("/vulnerabilities/{i}/involvements/{j}"),
                    format!(
                        "party `{party}` is already listed at {} (involvements/{first})",
                        raw.unwrap_or("the same (missing) date")
                    ),
                ));
            } else {
                seen.insert(key, j);
            }
        }
    }
}
