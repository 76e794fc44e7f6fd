//! Per-vulnerability product tests: contradicting status (6.1.6), several scores of one CVSS version
//! (6.1.7), remediations and flags without products (6.1.29, 6.1.32), several VEX justification
//! flags for one product (6.1.33).

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use crate::ctx::{Ctx, arr, str_of, strs};
use crate::registry::Out;

/// The contradiction groups of 6.1.6; `recommended` belongs to none.
fn status_group(key: &str) -> Option<(u8, &'static str)> {
    match key {
        "first_affected" | "known_affected" | "last_affected" => Some((0, "affected")),
        "known_not_affected" => Some((1, "not affected")),
        "first_fixed" | "fixed" => Some((2, "fixed")),
        "under_investigation" => Some((3, "under investigation")),
        _ => None,
    }
}

pub(crate) fn t_6_1_6(ctx: &Ctx<'_>, out: &mut Out) {
    for (i, v) in ctx.vulnerabilities.iter().enumerate() {
        let Some(ps) = v.get("product_status").and_then(Value::as_object) else {
            continue;
        };
        let mut first: HashMap<&str, (u8, &str)> = HashMap::new();
        for (key, list) in ps {
            let Some((g, gname)) = status_group(key) else {
                continue;
            };
            for (j, id) in strs(Some(list)) {
                match first.get(id) {
                    Some(&(fg, fname)) if fg != g => out.push((
                        format!("/vulnerabilities/{i}/product_status/{key}/{j}"),
                        format!(
                            "product id `{id}` is both {fname} and {gname}, which contradict each other"
                        ),
                    )),
                    Some(_) => {}
                    None => {
                        first.insert(id, (g, gname));
                    }
                }
            }
        }
    }
}

pub(crate) fn t_6_1_7(ctx: &Ctx<'_>, out: &mut Out) {
    for (i, v) in ctx.vulnerabilities.iter().enumerate() {
        let mut seen: HashSet<(&str, &str)> = HashSet::new();
        for (s, score) in arr(v.get("scores")).iter().enumerate() {
            let mut versions = Vec::new();
            if let Some(c) = score.get("cvss_v2") {
                versions.push(c.get("version").and_then(Value::as_str).unwrap_or("2.0"));
            }
            if let Some(c) = score.get("cvss_v3") {
                versions.push(c.get("version").and_then(Value::as_str).unwrap_or("3"));
            }
            for (j, id) in strs(score.get("products")) {
                for ver in &versions {
                    if !seen.insert((id, ver)) {
                        out.push((
                            format!("/vulnerabilities/{i}/scores/{s}/products/{j}"),
                            format!("product id `{id}` has more than one cvss {ver} score"),
                        ));
                    }
                }
            }
        }
    }
}

fn without_products(ctx: &Ctx<'_>, list: &str, what: &str, out: &mut Out) {
    for (i, v) in ctx.vulnerabilities.iter().enumerate() {
        for (j, item) in arr(v.get(list)).iter().enumerate() {
            if item.get("product_ids").is_none() && item.get("group_ids").is_none() {
                out.push((
                    format!("/vulnerabilities/{i}/{list}/{j}"),
                    format!("{what} names neither `product_ids` nor `group_ids`"),
                ));
            }
        }
    }
}

pub(crate) fn t_6_1_29(ctx: &Ctx<'_>, out: &mut Out) {
    without_products(ctx, "remediations", "remediation", out);
}

pub(crate) fn t_6_1_32(ctx: &Ctx<'_>, out: &mut Out) {
    without_products(ctx, "flags", "flag", out);
}

/// The flag labels of CSAF 2.0 are all VEX justification codes.
const VEX_JUSTIFICATIONS: [&str; 5] = [
    "component_not_present",
    "inline_mitigations_already_exist",
    "vulnerable_code_cannot_be_controlled_by_adversary",
    "vulnerable_code_not_in_execute_path",
    "vulnerable_code_not_present",
];

pub(crate) fn t_6_1_33(ctx: &Ctx<'_>, out: &mut Out) {
    for (i, v) in ctx.vulnerabilities.iter().enumerate() {
        let mut first: HashMap<&str, usize> = HashMap::new();
        for (j, flag) in arr(v.get("flags")).iter().enumerate() {
            if !VEX_JUSTIFICATIONS.contains(&str_of(flag.get("label"))) {
                continue;
            }
            let mut mine = HashSet::new();
            for id in ctx.covered(flag, "product_ids") {
                if !mine.insert(id) {
                    continue;
                }
                if let Some(&other) = first.get(id) {
                    out.push((
                        format!("/vulnerabilities/{i}/flags/{j}"),
                        format!(
                            "product id `{id}` already has a vex justification flag (flags/{other})"
                        ),
                    ));
                } else {
                    first.insert(id, j);
                }
            }
        }
    }
}
