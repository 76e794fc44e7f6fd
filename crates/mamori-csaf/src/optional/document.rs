//! Optional tests on the document part: revision history details (6.2.4–6.2.6), involvements
//! without date (6.2.7), TLP, canonical URL and language (6.2.10–6.2.12, 6.2.14, 6.2.15), key order
//! (6.2.13). Additional properties (6.2.20) are found by the schema walk.

use serde_json::Value;

use crate::ctx::{Ctx, arr, str_of};
use crate::formats::{DocVersion, date_time, lang_tag};
use crate::lang::{private_language, private_region, private_script};
use crate::pointer::Ptr;
use crate::registry::Out;

const HISTORY: &str = "/document/tracking/revision_history";

pub(crate) fn t_6_2_4(ctx: &Ctx<'_>, out: &mut Out) {
    for (i, r) in arr(ctx.tracking("revision_history")).iter().enumerate() {
        let raw = str_of(r.get("number"));
        if let Some(b) = DocVersion::parse(raw).and_then(|v| v.build()) {
            out.push((
                format!("{HISTORY}/{i}/number"),
                format!("revision `{raw}` includes build metadata `+{b}`"),
            ));
        }
    }
}

fn history_dates(ctx: &Ctx<'_>) -> Vec<time::OffsetDateTime> {
    arr(ctx.tracking("revision_history"))
        .iter()
        .filter_map(|r| date_time(r.get("date")?.as_str()?))
        .collect()
}

pub(crate) fn t_6_2_5(ctx: &Ctx<'_>, out: &mut Out) {
    let Some(raw) = ctx.tracking("initial_release_date").and_then(Value::as_str) else {
        return;
    };
    let (Some(initial), Some(oldest)) = (date_time(raw), history_dates(ctx).into_iter().min())
    else {
        return;
    };
    if initial < oldest {
        out.push((
            "/document/tracking/initial_release_date".to_string(),
            format!("initial release date `{raw}` is older than the oldest revision"),
        ));
    }
}

pub(crate) fn t_6_2_6(ctx: &Ctx<'_>, out: &mut Out) {
    let Some(raw) = ctx.tracking("current_release_date").and_then(Value::as_str) else {
        return;
    };
    let (Some(current), Some(newest)) = (date_time(raw), history_dates(ctx).into_iter().max())
    else {
        return;
    };
    if current < newest {
        out.push((
            "/document/tracking/current_release_date".to_string(),
            format!("current release date `{raw}` is older than the newest revision"),
        ));
    }
}

pub(crate) fn t_6_2_7(ctx: &Ctx<'_>, out: &mut Out) {
    for (i, v) in ctx.vulnerabilities.iter().enumerate() {
        for (j, inv) in arr(v.get("involvements")).iter().enumerate() {
            if inv.get("date").is_none() {
                out.push((
                    format!("/vulnerabilities/{i}/involvements/{j}"),
                    "involvement has no date".to_string(),
                ));
            }
        }
    }
}

pub(crate) fn t_6_2_10(ctx: &Ctx<'_>, out: &mut Out) {
    let label = ctx
        .doc_field("distribution")
        .and_then(|d| d.get("tlp"))
        .and_then(|t| t.get("label"));
    if label.is_none() {
        out.push((
            "/document/distribution/tlp/label".to_string(),
            "the document has no tlp label".to_string(),
        ));
    }
}

/// The file name section 5.1 gives a document: the tracking id lower-cased, every character
/// other than `+`, `-`, `a`–`z` and `0`–`9` replaced by `_`, then `.json`.
pub(crate) fn file_name(id: &str) -> String {
    let mut s: String = id
        .to_lowercase()
        .chars()
        .map(|c| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '+' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    s.push_str(".json");
    s
}

pub(crate) fn t_6_2_11(ctx: &Ctx<'_>, out: &mut Out) {
    let name = file_name(str_of(ctx.tracking("id")));
    let ok = arr(ctx.doc_field("references")).iter().any(|r| {
        let url = str_of(r.get("url"));
        str_of(r.get("category")) == "self"
            && url.starts_with("https://")
            && url.ends_with(&name)
            && url
                .len()
                .checked_sub(name.len() + 1)
                .and_then(|i| url.as_bytes().get(i))
                == Some(&b'/')
    });
    if !ok {
        out.push((
            "/document/references".to_string(),
            format!("no self reference is a canonical https url ending in `/{name}`"),
        ));
    }
}

pub(crate) fn t_6_2_12(ctx: &Ctx<'_>, out: &mut Out) {
    if ctx.doc_field("lang").is_none() {
        out.push((
            "/document/lang".to_string(),
            "the document language is not set".to_string(),
        ));
    }
}

pub(crate) fn t_6_2_13(ctx: &Ctx<'_>, out: &mut Out) {
    fn walk(v: &Value, p: &Ptr<'_>, out: &mut Out, depth: usize) {
        if depth > 256 {
            return;
        }
        match v {
            Value::Object(m) => {
                let mut prev: Option<&str> = None;
                for (k, child) in m {
                    if let Some(pk) = prev
                        && k.as_str() < pk
                    {
                        out.push((
                            p.key(k).render(),
                            format!("key `{k}` should come before `{pk}`"),
                        ));
                    }
                    prev = Some(k);
                    walk(child, &p.key(k), out, depth + 1);
                }
            }
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    walk(x, &p.idx(i), out, depth + 1);
                }
            }
            _ => {}
        }
    }
    walk(ctx.doc, &Ptr::ROOT, out, 0);
}

pub(crate) fn t_6_2_14(ctx: &Ctx<'_>, out: &mut Out) {
    for key in ["lang", "source_lang"] {
        let Some(s) = ctx.doc_field(key).and_then(Value::as_str) else {
            continue;
        };
        let Some(tag) = lang_tag(s) else { continue };
        let private = tag.private_use
            || private_language(tag.language)
            || tag.script.is_some_and(private_script)
            || tag.region.is_some_and(private_region);
        if private {
            out.push((
                format!("/document/{key}"),
                format!("language tag `{s}` uses subtags reserved for private use"),
            ));
        }
    }
}

pub(crate) fn t_6_2_15(ctx: &Ctx<'_>, out: &mut Out) {
    for key in ["lang", "source_lang"] {
        let Some(s) = ctx.doc_field(key).and_then(Value::as_str) else {
            continue;
        };
        if s.eq_ignore_ascii_case("i-default") {
            out.push((
                format!("/document/{key}"),
                "language tag `i-default` is used".to_string(),
            ));
        }
    }
}

/// Reported by the schema walk, which knows each object's defined properties.
pub(crate) fn t_6_2_20(_: &Ctx<'_>, _: &mut Out) {}
