//! CVSS tests: the objects against the FIRST schemas (6.1.8), their computed values (6.1.9) and their
//! properties against the vector (6.1.10).

use serde_json::{Map, Value};

use crate::ctx::{Ctx, arr};
use crate::cvss;
use crate::registry::Out;

/// Calls `f` with every CVSS object, whether it is 2.0, and its pointer.
pub(crate) fn cvss_objects<'a>(
    ctx: &Ctx<'a>,
    mut f: impl FnMut(&'a Map<String, Value>, bool, String),
) {
    for (i, v) in ctx.vulnerabilities.iter().enumerate() {
        for (s, score) in arr(v.get("scores")).iter().enumerate() {
            for (key, v2) in [("cvss_v2", true), ("cvss_v3", false)] {
                if let Some(obj) = score.get(key).and_then(Value::as_object) {
                    f(obj, v2, format!("/vulnerabilities/{i}/scores/{s}/{key}"));
                }
            }
        }
    }
}

pub(crate) fn t_6_1_8(ctx: &Ctx<'_>, out: &mut Out) {
    cvss_objects(ctx, |obj, v2, ptr| {
        for (key, msg) in cvss::schema_failures(obj, v2) {
            let p = match key {
                Some(k) => format!("{ptr}/{k}"),
                None => ptr.clone(),
            };
            out.push((p, msg));
        }
    });
}

pub(crate) fn t_6_1_9(ctx: &Ctx<'_>, out: &mut Out) {
    cvss_objects(ctx, |obj, _, ptr| {
        if let Some(parsed) = cvss::parsed(obj) {
            for (key, msg) in cvss::computation_failures(obj, &parsed) {
                out.push((format!("{ptr}/{key}"), msg));
            }
        }
    });
}

pub(crate) fn t_6_1_10(ctx: &Ctx<'_>, out: &mut Out) {
    cvss_objects(ctx, |obj, v2, ptr| {
        for (key, msg) in cvss::consistency_failures(obj, v2) {
            out.push((format!("{ptr}/{key}"), msg));
        }
    });
}
