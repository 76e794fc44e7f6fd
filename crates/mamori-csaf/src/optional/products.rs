//! Optional tests on products and vulnerabilities: unused definitions (6.2.1), missing remediation
//! and score (6.2.2, 6.2.3), weak-only hashes (6.2.8, 6.2.9), identification helpers (6.2.16), CVE
//! ids in `ids` (6.2.17), version ranges without vers (6.2.18), CVSS of fixed products (6.2.19).

use std::collections::HashSet;

use serde_json::Value;

use crate::ctx::{Ctx, arr, str_of, strs};
use crate::cvss;
use crate::mandatory::product_refs;
use crate::mandatory::products::file_hashes;
use crate::registry::Out;

pub(crate) fn t_6_2_1(ctx: &Ctx<'_>, out: &mut Out) {
    if ctx.category == "csaf_informational_advisory" {
        return;
    }
    let mut used = HashSet::new();
    product_refs(ctx, |id, _| {
        used.insert(id);
    });
    for (id, &idx) in sorted(&ctx.product_ids) {
        if !used.contains(id) {
            out.push((
                format!("{}/product_id", ctx.full_products[idx].ptr),
                format!("product id `{id}` is defined but never used"),
            ));
        }
    }
}

/// Map entries in the order of their definitions, so reports are stable.
fn sorted<'m, 'a>(m: &'m std::collections::HashMap<&'a str, usize>) -> Vec<(&'a str, &'m usize)> {
    let mut v: Vec<(&'a str, &'m usize)> = m.iter().map(|(k, v)| (*k, v)).collect();
    v.sort_by_key(|(_, i)| **i);
    v
}

const AFFECTED: [&str; 3] = ["first_affected", "known_affected", "last_affected"];

pub(crate) fn t_6_2_2(ctx: &Ctx<'_>, out: &mut Out) {
    for (i, v) in ctx.vulnerabilities.iter().enumerate() {
        let mut covered: HashSet<&str> = HashSet::new();
        for r in arr(v.get("remediations")) {
            covered.extend(ctx.covered(r, "product_ids"));
        }
        let ps = v.get("product_status");
        for k in AFFECTED.iter().chain(&["under_investigation"]) {
            for (j, id) in strs(ps.and_then(|p| p.get(*k))) {
                if !covered.contains(id) {
                    out.push((
                        format!("/vulnerabilities/{i}/product_status/{k}/{j}"),
                        format!("product `{id}` is {k} but has no remediation"),
                    ));
                }
            }
        }
    }
}

pub(crate) fn t_6_2_3(ctx: &Ctx<'_>, out: &mut Out) {
    for (i, v) in ctx.vulnerabilities.iter().enumerate() {
        let scored: HashSet<&str> = arr(v.get("scores"))
            .iter()
            .flat_map(|s| strs(s.get("products")).map(|(_, id)| id))
            .collect();
        let ps = v.get("product_status");
        for k in AFFECTED {
            for (j, id) in strs(ps.and_then(|p| p.get(k))) {
                if !scored.contains(id) {
                    out.push((
                        format!("/vulnerabilities/{i}/product_status/{k}/{j}"),
                        format!("product `{id}` is {k} but no score covers it"),
                    ));
                }
            }
        }
    }
}

fn only_algorithm(ctx: &Ctx<'_>, alg: &str, out: &mut Out) {
    file_hashes(ctx, |hashes, ptr| {
        let only = !hashes.is_empty()
            && hashes
                .iter()
                .all(|h| str_of(h.get("algorithm")).eq_ignore_ascii_case(alg));
        if only {
            out.push((
                ptr,
                format!("`{alg}` is the only hash algorithm given for this file"),
            ));
        }
    });
}

pub(crate) fn t_6_2_8(ctx: &Ctx<'_>, out: &mut Out) {
    only_algorithm(ctx, "md5", out);
}

pub(crate) fn t_6_2_9(ctx: &Ctx<'_>, out: &mut Out) {
    only_algorithm(ctx, "sha1", out);
}

pub(crate) fn t_6_2_16(ctx: &Ctx<'_>, out: &mut Out) {
    for fp in &ctx.full_products {
        if !fp.obj.contains_key("product_identification_helper") {
            out.push((
                fp.ptr.clone(),
                format!(
                    "product `{}` has no product identification helper",
                    str_of(fp.obj.get("product_id"))
                ),
            ));
        }
    }
}

pub(crate) fn t_6_2_17(ctx: &Ctx<'_>, out: &mut Out) {
    for (i, v) in ctx.vulnerabilities.iter().enumerate() {
        for (j, id) in arr(v.get("ids")).iter().enumerate() {
            let text = str_of(id.get("text"));
            if crate::schema::cve_ok(text) {
                out.push((
                    format!("/vulnerabilities/{i}/ids/{j}/text"),
                    format!("`{text}` is a cve id and belongs in `cve`"),
                ));
            }
        }
    }
}

/// `^vers:[a-z.+-][a-z0-9.+-]*/.+`.
fn vers_ok(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("vers:") else {
        return false;
    };
    let Some((scheme, tail)) = rest.split_once('/') else {
        return false;
    };
    let mut b = scheme.bytes();
    b.next()
        .is_some_and(|c| c.is_ascii_lowercase() || matches!(c, b'.' | b'-' | b'+'))
        && b.all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'.' | b'-' | b'+')
        })
        && !tail.is_empty()
        && !tail.starts_with(['\n', '\r'])
}

pub(crate) fn t_6_2_18(ctx: &Ctx<'_>, out: &mut Out) {
    for b in &ctx.branches {
        if str_of(b.obj.get("category")) != "product_version_range" {
            continue;
        }
        let name = str_of(b.obj.get("name"));
        if !vers_ok(name) {
            out.push((
                format!("{}/name", b.ptr),
                format!("version range `{name}` is not a vers expression"),
            ));
        }
    }
}

pub(crate) fn t_6_2_19(ctx: &Ctx<'_>, out: &mut Out) {
    for (i, v) in ctx.vulnerabilities.iter().enumerate() {
        let ps = v.get("product_status");
        let fixed: HashSet<&str> = ["first_fixed", "fixed"]
            .iter()
            .flat_map(|k| strs(ps.and_then(|p| p.get(*k))).map(|(_, id)| id))
            .collect();
        if fixed.is_empty() {
            continue;
        }
        for (s, score) in arr(v.get("scores")).iter().enumerate() {
            let Some(id) = strs(score.get("products"))
                .map(|(_, id)| id)
                .find(|id| fixed.contains(id))
            else {
                continue;
            };
            for (key, v2) in [("cvss_v2", true), ("cvss_v3", false)] {
                if let Some(obj) = score.get(key).and_then(Value::as_object)
                    && !cvss::environmental_is_zero(obj, v2)
                {
                    out.push((
                        format!("/vulnerabilities/{i}/scores/{s}/{key}"),
                        format!("fixed product `{id}` has a cvss score whose environmental score is not 0"),
                    ));
                }
            }
        }
    }
}
