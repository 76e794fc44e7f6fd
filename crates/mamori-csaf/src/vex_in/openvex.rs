//! The OpenVEX reader (0.2.0, and 0.0.1's string products and statement-level subcomponents): one
//! claim per product of a statement, or per subcomponent where the product lists them (the claim is
//! then about the subcomponent inside the product).

use mamori_judge::analysis::{Analysis, Lang, OpenVexStatement, VexJustification, VexStatus};
use serde_json::{Map, Value};

use super::{
    ClaimProduct, VexClaim, VexDocument, VexFormat, VexReadError, at, at_i, invalid, join_texts,
    obj, opt_arr, opt_str, opt_time, opt_version, push_alias,
};

pub(super) fn read(doc: &Value) -> Result<VexDocument, VexReadError> {
    let root = obj(doc, "")?;
    let timestamp = match opt_time(root, "last_updated", "")? {
        Some(t) => Some(t),
        None => opt_time(root, "timestamp", "")?,
    };
    let mut statements = Vec::new();
    for (i, s) in opt_arr(root, "statements", "")?.iter().enumerate() {
        let sp = at_i("/statements", i);
        statement(obj(s, &sp)?, &sp, &mut statements)?;
    }
    Ok(VexDocument {
        format: VexFormat::OpenVex,
        id: opt_str(root, "@id", "")?.map(str::to_owned),
        version: opt_version(root, "version", "")?,
        author: opt_str(root, "author", "")?.map(str::to_owned),
        timestamp,
        statements,
    })
}

fn statement(
    m: &Map<String, Value>,
    sp: &str,
    out: &mut Vec<VexClaim>,
) -> Result<(), VexReadError> {
    let vp = at(sp, "vulnerability");
    let (id, aliases) = match m.get("vulnerability") {
        Some(Value::String(s)) => (s.trim().to_string(), Vec::new()),
        Some(Value::Object(v)) => {
            let name = opt_str(v, "name", &vp)?
                .or(opt_str(v, "@id", &vp)?)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .ok_or_else(|| invalid(at(&vp, "name"), "the vulnerability has no name"))?;
            let mut aliases = Vec::new();
            for (j, a) in opt_arr(v, "aliases", &vp)?.iter().enumerate() {
                let a = a
                    .as_str()
                    .ok_or_else(|| invalid(at_i(&at(&vp, "aliases"), j), "expected a string"))?;
                push_alias(name, &mut aliases, a);
            }
            (name.to_string(), aliases)
        }
        _ => return Err(invalid(vp, "expected a vulnerability object")),
    };
    if id.is_empty() {
        return Err(invalid(vp, "the vulnerability has no name"));
    }
    let status = match opt_str(m, "status", sp)? {
        Some("not_affected") => VexStatus::NotAffected,
        Some("affected") => VexStatus::Affected,
        Some("fixed") => VexStatus::Fixed,
        Some("under_investigation") => VexStatus::UnderInvestigation,
        Some(other) => {
            return Err(invalid(
                at(sp, "status"),
                format!("unknown openvex status `{other}`"),
            ));
        }
        None => return Err(invalid(at(sp, "status"), "required string is missing")),
    };
    let justification = match opt_str(m, "justification", sp)? {
        None => None,
        Some(j) => Some(VexJustification::parse(j).ok_or_else(|| {
            invalid(
                at(sp, "justification"),
                format!("unknown openvex justification `{j}`"),
            )
        })?),
    };
    let st = OpenVexStatement {
        status,
        justification,
        impact_statement: opt_str(m, "impact_statement", sp)?.map(str::to_owned),
        action_statement: opt_str(m, "action_statement", sp)?.map(str::to_owned),
        status_notes: opt_str(m, "status_notes", sp)?.map(str::to_owned),
    };
    let detail = join_texts(
        [
            st.impact_statement.as_deref(),
            st.action_statement.as_deref(),
            st.status_notes.as_deref(),
        ]
        .into_iter()
        .flatten(),
    );
    let analysis = Analysis::from_openvex(&st, Lang::En);

    // 0.0.1 put subcomponents beside the products, applying to each of them.
    let mut shared_subs = Vec::new();
    for (k, s) in opt_arr(m, "subcomponents", sp)?.iter().enumerate() {
        shared_subs.push(product(s, &at_i(&at(sp, "subcomponents"), k))?);
    }
    let mut claim = |product: ClaimProduct, pointer: String| {
        out.push(VexClaim {
            vulnerability: id.clone(),
            aliases: aliases.clone(),
            product,
            analysis: analysis.clone(),
            detail: detail.clone(),
            pointer,
        });
    };
    for (j, p) in opt_arr(m, "products", sp)?.iter().enumerate() {
        let pp = at_i(&at(sp, "products"), j);
        let parent = product(p, &pp)?;
        let mut subs = Vec::new();
        if let Value::Object(pm) = p {
            for (k, s) in opt_arr(pm, "subcomponents", &pp)?.iter().enumerate() {
                let kp = at_i(&at(&pp, "subcomponents"), k);
                subs.push((product(s, &kp)?, kp));
            }
        }
        for (k, s) in shared_subs.iter().enumerate() {
            subs.push((s.clone(), at_i(&at(sp, "subcomponents"), k)));
        }
        if subs.is_empty() {
            claim(parent, pp);
        } else {
            for (mut s, kp) in subs {
                s.within = Some(parent.reference.clone());
                claim(s, kp);
            }
        }
    }
    Ok(())
}

/// A product or subcomponent: an `@id` (a purl, a CPE or any IRI) and its `identifiers`.
fn product(v: &Value, p: &str) -> Result<ClaimProduct, VexReadError> {
    let (id, m) = match v {
        Value::String(s) => (s.as_str(), None),
        Value::Object(m) => {
            let id = opt_str(m, "@id", p)?;
            (id.unwrap_or(""), Some(m))
        }
        _ => return Err(invalid(p, "expected a product object")),
    };
    let mut out = ClaimProduct {
        reference: id.to_string(),
        purl: id.starts_with("pkg:").then(|| id.to_string()),
        cpe: id.starts_with("cpe:").then(|| id.to_string()),
        ..ClaimProduct::default()
    };
    if let Some(m) = m {
        if let Some(ids) = m.get("identifiers").filter(|v| !v.is_null()) {
            let ip = at(p, "identifiers");
            let ids = obj(ids, &ip)?;
            if let Some(u) = opt_str(ids, "purl", &ip)? {
                out.purl = Some(u.to_string());
            }
            // The schema's keys are cpe23 / cpe22; "@cpe23" / "@cpe22" are read too, as some
            // writers (this crate's own, for one) emit them.
            for key in ["cpe23", "@cpe23", "cpe22", "@cpe22"] {
                if let Some(c) = opt_str(ids, key, &ip)? {
                    out.cpe = Some(c.to_string());
                    break;
                }
            }
        }
        if out.reference.is_empty() {
            out.reference = out.purl.clone().or(out.cpe.clone()).unwrap_or_default();
        }
    }
    if out.reference.is_empty() {
        return Err(invalid(p, "the product has no @id or identifiers"));
    }
    Ok(out)
}
