//! Document and profile tests: translator (6.1.15), prohibited category names (6.1.26), the profile
//! tests (6.1.27.1–6.1.27.11) and translation (6.1.28).

use std::collections::HashSet;

use serde_json::Value;

use crate::ctx::{Ctx, arr, str_of};
use crate::registry::Out;

const PROFILES: [&str; 5] = [
    "csaf_base",
    "csaf_security_incident_response",
    "csaf_informational_advisory",
    "csaf_security_advisory",
    "csaf_vex",
];

pub(crate) fn t_6_1_15(ctx: &Ctx<'_>, out: &mut Out) {
    let translator = ctx
        .doc_field("publisher")
        .and_then(|p| p.get("category"))
        .and_then(Value::as_str)
        == Some("translator");
    if translator && ctx.doc_field("source_lang").is_none() {
        out.push((
            "/document/source_lang".to_string(),
            "publisher is a translator but `source_lang` is missing".to_string(),
        ));
    }
}

/// Lower case without dashes, white space and underscores.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

pub(crate) fn t_6_1_26(ctx: &Ctx<'_>, out: &mut Out) {
    let cat = ctx.category;
    if ctx.doc_field("category").is_none() || PROFILES.contains(&cat) {
        return;
    }
    let ptr = "/document/category".to_string();
    if cat.len() >= 5
        && cat
            .get(..5)
            .is_some_and(|p| p.eq_ignore_ascii_case("csaf_"))
    {
        out.push((ptr, format!("`{cat}` uses the reserved prefix `csaf_`")));
        return;
    }
    let s = squash(cat);
    // Names (without `csaf_`) and values of every profile other than csaf base.
    let prohibited = PROFILES[1..]
        .iter()
        .flat_map(|p| [squash(p), squash(&p[5..])]);
    for p in prohibited {
        if s == p {
            out.push((
                ptr,
                format!("`{cat}` is the name of a csaf profile other than csaf base"),
            ));
            return;
        }
    }
}

fn in_profile(ctx: &Ctx<'_>, cats: &[&str]) -> bool {
    cats.contains(&ctx.category)
}

const INFO_OR_IR: [&str; 2] = [
    "csaf_informational_advisory",
    "csaf_security_incident_response",
];
const SA_OR_VEX: [&str; 2] = ["csaf_security_advisory", "csaf_vex"];

pub(crate) fn t_6_1_27_1(ctx: &Ctx<'_>, out: &mut Out) {
    if !in_profile(ctx, &INFO_OR_IR) {
        return;
    }
    let ok = arr(ctx.doc_field("notes")).iter().any(|n| {
        matches!(
            str_of(n.get("category")),
            "description" | "details" | "general" | "summary"
        )
    });
    if !ok {
        out.push((
            "/document/notes".to_string(),
            "no document note of category description, details, general or summary".to_string(),
        ));
    }
}

pub(crate) fn t_6_1_27_2(ctx: &Ctx<'_>, out: &mut Out) {
    if !in_profile(ctx, &INFO_OR_IR) {
        return;
    }
    // `category` defaults to external.
    let ok = arr(ctx.doc_field("references")).iter().any(|r| {
        r.get("category")
            .and_then(Value::as_str)
            .unwrap_or("external")
            == "external"
    });
    if !ok {
        out.push((
            "/document/references".to_string(),
            "no document reference of category external".to_string(),
        ));
    }
}

pub(crate) fn t_6_1_27_3(ctx: &Ctx<'_>, out: &mut Out) {
    if in_profile(ctx, &["csaf_informational_advisory"]) && ctx.doc.get("vulnerabilities").is_some()
    {
        out.push((
            "/vulnerabilities".to_string(),
            "an informational advisory must not have vulnerabilities".to_string(),
        ));
    }
}

pub(crate) fn t_6_1_27_4(ctx: &Ctx<'_>, out: &mut Out) {
    if in_profile(ctx, &SA_OR_VEX) && ctx.doc.get("product_tree").is_none() {
        out.push((
            "/product_tree".to_string(),
            format!("a `{}` document needs a product tree", ctx.category),
        ));
    }
}

fn each_vuln_missing(
    ctx: &Ctx<'_>,
    cats: &[&str],
    out: &mut Out,
    missing: impl Fn(&serde_json::Map<String, Value>) -> Option<String>,
) {
    if !in_profile(ctx, cats) {
        return;
    }
    for (i, v) in ctx.vulnerabilities.iter().enumerate() {
        if let Some(msg) = missing(v) {
            out.push((format!("/vulnerabilities/{i}"), msg));
        }
    }
}

pub(crate) fn t_6_1_27_5(ctx: &Ctx<'_>, out: &mut Out) {
    each_vuln_missing(ctx, &SA_OR_VEX, out, |v| {
        (!v.contains_key("notes")).then(|| "vulnerability has no `notes`".to_string())
    });
}

pub(crate) fn t_6_1_27_6(ctx: &Ctx<'_>, out: &mut Out) {
    each_vuln_missing(ctx, &["csaf_security_advisory"], out, |v| {
        (!v.contains_key("product_status"))
            .then(|| "vulnerability has no `product_status`".to_string())
    });
}

pub(crate) fn t_6_1_27_7(ctx: &Ctx<'_>, out: &mut Out) {
    each_vuln_missing(ctx, &["csaf_vex"], out, |v| {
        let ps = v.get("product_status");
        let ok = [
            "fixed",
            "known_affected",
            "known_not_affected",
            "under_investigation",
        ]
        .iter()
        .any(|k| ps.and_then(|p| p.get(*k)).is_some());
        (!ok).then(|| {
            "product status has none of fixed, known_affected, known_not_affected, under_investigation"
                .to_string()
        })
    });
}

pub(crate) fn t_6_1_27_8(ctx: &Ctx<'_>, out: &mut Out) {
    each_vuln_missing(ctx, &["csaf_vex"], out, |v| {
        (!v.contains_key("cve") && !v.contains_key("ids"))
            .then(|| "vulnerability has neither `cve` nor `ids`".to_string())
    });
}

pub(crate) fn t_6_1_27_9(ctx: &Ctx<'_>, out: &mut Out) {
    if !in_profile(ctx, &["csaf_vex"]) {
        return;
    }
    for (i, v) in ctx.vulnerabilities.iter().enumerate() {
        let mut stated: HashSet<&str> = HashSet::new();
        for f in arr(v.get("flags")) {
            stated.extend(ctx.covered(f, "product_ids"));
        }
        for t in arr(v.get("threats")) {
            if str_of(t.get("category")) == "impact" {
                stated.extend(ctx.covered(t, "product_ids"));
            }
        }
        let list = v
            .get("product_status")
            .and_then(|p| p.get("known_not_affected"));
        for (j, id) in crate::ctx::strs(list) {
            if !stated.contains(id) {
                out.push((
                    format!("/vulnerabilities/{i}/product_status/known_not_affected/{j}"),
                    format!("known not affected product `{id}` has no impact statement (flag or impact threat)"),
                ));
            }
        }
    }
}

pub(crate) fn t_6_1_27_10(ctx: &Ctx<'_>, out: &mut Out) {
    if !in_profile(ctx, &["csaf_vex"]) {
        return;
    }
    for (i, v) in ctx.vulnerabilities.iter().enumerate() {
        let mut stated: HashSet<&str> = HashSet::new();
        for r in arr(v.get("remediations")) {
            stated.extend(ctx.covered(r, "product_ids"));
        }
        let list = v
            .get("product_status")
            .and_then(|p| p.get("known_affected"));
        for (j, id) in crate::ctx::strs(list) {
            if !stated.contains(id) {
                out.push((
                    format!("/vulnerabilities/{i}/product_status/known_affected/{j}"),
                    format!("known affected product `{id}` has no action statement (remediation)"),
                ));
            }
        }
    }
}

pub(crate) fn t_6_1_27_11(ctx: &Ctx<'_>, out: &mut Out) {
    if in_profile(ctx, &SA_OR_VEX) && ctx.doc.get("vulnerabilities").is_none() {
        out.push((
            "/vulnerabilities".to_string(),
            format!("a `{}` document needs vulnerabilities", ctx.category),
        ));
    }
}

pub(crate) fn t_6_1_28(ctx: &Ctx<'_>, out: &mut Out) {
    let lang = ctx.doc_field("lang").and_then(Value::as_str);
    let src = ctx.doc_field("source_lang").and_then(Value::as_str);
    if let (Some(l), Some(s)) = (lang, src)
        && l.eq_ignore_ascii_case(s)
    {
        out.push((
            "/document/source_lang".to_string(),
            format!("source language and document language are both `{l}`"),
        ));
    }
}
