//! Revision history and document version tests (6.1.14, 6.1.16–6.1.22, 6.1.30).

use std::cmp::Ordering;
use std::collections::HashSet;

use serde_json::Value;
use time::OffsetDateTime;

use crate::ctx::{Ctx, arr, str_of};
use crate::formats::{DocVersion, date_time};
use crate::registry::Out;

pub(crate) struct Revision<'a> {
    pub(crate) idx: usize,
    pub(crate) date: OffsetDateTime,
    pub(crate) raw: &'a str,
    pub(crate) number: DocVersion<'a>,
}

/// Revision history items with a readable date and number, sorted ascending by date and, for
/// equal dates, by number (so items of one instant never count as out of order).
pub(crate) fn sorted_history<'a>(ctx: &Ctx<'a>) -> Vec<Revision<'a>> {
    let mut items: Vec<Revision<'a>> = arr(ctx.tracking("revision_history"))
        .iter()
        .enumerate()
        .filter_map(|(idx, r)| {
            let date = date_time(r.get("date")?.as_str()?)?;
            let raw = r.get("number")?.as_str()?;
            let number = DocVersion::parse(raw)?;
            Some(Revision {
                idx,
                date,
                raw,
                number,
            })
        })
        .collect();
    items.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then_with(|| a.number.cmp_precedence(&b.number))
    });
    items
}

fn version<'a>(ctx: &Ctx<'a>) -> Option<(&'a str, DocVersion<'a>)> {
    let raw = ctx.tracking("version")?.as_str()?;
    Some((raw, DocVersion::parse(raw)?))
}

fn status<'a>(ctx: &Ctx<'a>) -> &'a str {
    str_of(ctx.tracking("status"))
}

const HISTORY: &str = "/document/tracking/revision_history";

pub(crate) fn t_6_1_14(ctx: &Ctx<'_>, out: &mut Out) {
    let items = sorted_history(ctx);
    for w in items.windows(2) {
        if w[0].number.cmp_precedence(&w[1].number) == Ordering::Greater {
            out.push((
                format!("{HISTORY}/{}", w[1].idx),
                format!(
                    "revision `{}` is dated after revision `{}` but has a lower number",
                    w[1].raw, w[0].raw
                ),
            ));
        }
    }
}

pub(crate) fn t_6_1_16(ctx: &Ctx<'_>, out: &mut Out) {
    let Some((raw, v)) = version(ctx) else { return };
    let items = sorted_history(ctx);
    let Some(last) = items.last() else { return };
    if !v.same(&last.number, status(ctx) == "draft") {
        out.push((
            "/document/tracking/version".to_string(),
            format!(
                "document version `{raw}` is not the number of the latest revision `{}`",
                last.raw
            ),
        ));
    }
}

pub(crate) fn t_6_1_17(ctx: &Ctx<'_>, out: &mut Out) {
    let Some((raw, v)) = version(ctx) else { return };
    let st = status(ctx);
    if (v.is_zero_major() || v.pre().is_some()) && st != "draft" && !st.is_empty() {
        out.push((
            "/document/tracking/status".to_string(),
            format!("document version `{raw}` requires status `draft`, not `{st}`"),
        ));
    }
}

fn released(ctx: &Ctx<'_>) -> bool {
    matches!(status(ctx), "final" | "interim")
}

pub(crate) fn t_6_1_18(ctx: &Ctx<'_>, out: &mut Out) {
    if !released(ctx) {
        return;
    }
    for (i, r) in arr(ctx.tracking("revision_history")).iter().enumerate() {
        let raw = str_of(r.get("number"));
        if DocVersion::parse(raw).is_some_and(|v| v.is_zero_major()) {
            out.push((
                format!("{HISTORY}/{i}/number"),
                format!(
                    "revision `{raw}` is a draft number but the document is `{}`",
                    status(ctx)
                ),
            ));
        }
    }
}

pub(crate) fn t_6_1_19(ctx: &Ctx<'_>, out: &mut Out) {
    for (i, r) in arr(ctx.tracking("revision_history")).iter().enumerate() {
        let raw = str_of(r.get("number"));
        if DocVersion::parse(raw).is_some_and(|v| v.pre().is_some()) {
            out.push((
                format!("{HISTORY}/{i}/number"),
                format!("revision `{raw}` is a pre-release version"),
            ));
        }
    }
}

pub(crate) fn t_6_1_20(ctx: &Ctx<'_>, out: &mut Out) {
    let Some((raw, v)) = version(ctx) else { return };
    if released(ctx) && v.pre().is_some() {
        out.push((
            "/document/tracking/version".to_string(),
            format!(
                "document version `{raw}` has a pre-release part but the document is `{}`",
                status(ctx)
            ),
        ));
    }
}

fn major_num(v: &DocVersion<'_>) -> Option<u128> {
    v.major().parse().ok()
}

pub(crate) fn t_6_1_21(ctx: &Ctx<'_>, out: &mut Out) {
    let items = sorted_history(ctx);
    let Some(first) = items.first() else { return };
    if !matches!(first.number.major(), "0" | "1") {
        out.push((
            format!("{HISTORY}/{}/number", first.idx),
            format!(
                "the earliest revision `{}` should be version 0 or 1 (or major version 0 or 1)",
                first.raw
            ),
        ));
    }
    for w in items.windows(2) {
        if let (Some(a), Some(b)) = (major_num(&w[0].number), major_num(&w[1].number))
            && b > a.saturating_add(1)
        {
            out.push((
                format!("{HISTORY}/{}/number", w[1].idx),
                format!(
                    "revision history goes from `{}` to `{}`, leaving versions out",
                    w[0].raw, w[1].raw
                ),
            ));
        }
    }
}

pub(crate) fn t_6_1_22(ctx: &Ctx<'_>, out: &mut Out) {
    let mut seen = HashSet::new();
    for (i, r) in arr(ctx.tracking("revision_history")).iter().enumerate() {
        let Some(raw) = r.get("number").and_then(Value::as_str) else {
            continue;
        };
        if !seen.insert(raw) {
            out.push((
                format!("{HISTORY}/{i}/number"),
                format!("revision `{raw}` appears more than once in the revision history"),
            ));
        }
    }
}

pub(crate) fn t_6_1_30(ctx: &Ctx<'_>, out: &mut Out) {
    let mut kinds: Vec<(String, bool, &str)> = Vec::new();
    for (i, r) in arr(ctx.tracking("revision_history")).iter().enumerate() {
        let raw = str_of(r.get("number"));
        if let Some(v) = DocVersion::parse(raw) {
            kinds.push((format!("{HISTORY}/{i}/number"), v.is_int(), raw));
        }
    }
    if let Some((raw, v)) = version(ctx) {
        kinds.push(("/document/tracking/version".to_string(), v.is_int(), raw));
    }
    let Some((_, first_int, first_raw)) = kinds.first().cloned() else {
        return;
    };
    for (ptr, is_int, raw) in kinds {
        if is_int != first_int {
            out.push((
                ptr,
                format!(
                    "`{raw}` uses {} versioning but `{first_raw}` uses {}",
                    if is_int { "integer" } else { "semantic" },
                    if first_int { "integer" } else { "semantic" }
                ),
            ));
        }
    }
}
