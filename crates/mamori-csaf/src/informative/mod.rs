//! Informative tests (section 6.3) that need neither the network nor a dictionary: CVSS versions
//! (6.3.1, 6.3.2), missing CVE and CWE (6.3.3, 6.3.4), short hashes (6.3.5), branch categories
//! (6.3.9), version ranges (6.3.10) and a `v` before versions (6.3.11).

use crate::ctx::{Ctx, arr, str_of};
use crate::mandatory::products::file_hashes;
use crate::registry::Out;

pub(crate) fn t_6_3_1(ctx: &Ctx<'_>, out: &mut Out) {
    for (i, v) in ctx.vulnerabilities.iter().enumerate() {
        for (s, score) in arr(v.get("scores")).iter().enumerate() {
            if score.get("cvss_v2").is_some() && score.get("cvss_v3").is_none() {
                out.push((
                    format!("/vulnerabilities/{i}/scores/{s}"),
                    "cvss v2 is the only scoring system of this score".to_string(),
                ));
            }
        }
    }
}

pub(crate) fn t_6_3_2(ctx: &Ctx<'_>, out: &mut Out) {
    for (i, v) in ctx.vulnerabilities.iter().enumerate() {
        for (s, score) in arr(v.get("scores")).iter().enumerate() {
            let Some(c) = score.get("cvss_v3") else {
                continue;
            };
            let v30 = str_of(c.get("version")) == "3.0"
                || str_of(c.get("vectorString")).starts_with("CVSS:3.0/");
            if v30 {
                out.push((
                    format!("/vulnerabilities/{i}/scores/{s}/cvss_v3"),
                    "cvss v3.0 is used; v3.1 is preferred".to_string(),
                ));
            }
        }
    }
}

pub(crate) fn t_6_3_3(ctx: &Ctx<'_>, out: &mut Out) {
    for (i, v) in ctx.vulnerabilities.iter().enumerate() {
        if !v.contains_key("cve") {
            out.push((
                format!("/vulnerabilities/{i}"),
                "vulnerability has no cve".to_string(),
            ));
        }
    }
}

pub(crate) fn t_6_3_4(ctx: &Ctx<'_>, out: &mut Out) {
    for (i, v) in ctx.vulnerabilities.iter().enumerate() {
        if !v.contains_key("cwe") {
            out.push((
                format!("/vulnerabilities/{i}"),
                "vulnerability has no cwe".to_string(),
            ));
        }
    }
}

pub(crate) fn t_6_3_5(ctx: &Ctx<'_>, out: &mut Out) {
    file_hashes(ctx, |hashes, ptr| {
        for (j, h) in hashes.iter().enumerate() {
            let value = str_of(h.get("value"));
            if value.len() < 64 {
                out.push((
                    format!("{ptr}/{j}/value"),
                    format!("hash value has {} hex digits, fewer than 64", value.len()),
                ));
            }
        }
    });
}

pub(crate) fn t_6_3_9(ctx: &Ctx<'_>, out: &mut Out) {
    for b in &ctx.branches {
        if !b.obj.contains_key("product") {
            continue;
        }
        // vendor, then product_name, then product_version, in that order along the path.
        let mut want = ["vendor", "product_name", "product_version"]
            .iter()
            .peekable();
        for c in &b.path {
            if want.peek().is_some_and(|w| *w == c) {
                want.next();
            }
        }
        if want.peek().is_some() {
            out.push((
                format!("{}/product", b.ptr),
                format!(
                    "branch path `{}` lacks vendor, product_name and product_version in that order",
                    b.path.join(" > ")
                ),
            ));
        }
    }
}

pub(crate) fn t_6_3_10(ctx: &Ctx<'_>, out: &mut Out) {
    for b in &ctx.branches {
        if str_of(b.obj.get("category")) == "product_version_range" {
            out.push((
                format!("{}/category", b.ptr),
                "a product version range is used; product_version is preferred".to_string(),
            ));
        }
    }
}

pub(crate) fn t_6_3_11(ctx: &Ctx<'_>, out: &mut Out) {
    for b in &ctx.branches {
        if str_of(b.obj.get("category")) != "product_version" {
            continue;
        }
        let name = str_of(b.obj.get("name"));
        let mut c = name.chars();
        if matches!(c.next(), Some('v' | 'V')) && c.next().is_some_and(|d| d.is_ascii_digit()) {
            out.push((
                format!("{}/name", b.ptr),
                format!("version `{name}` starts with `v`"),
            ));
        }
    }
}
