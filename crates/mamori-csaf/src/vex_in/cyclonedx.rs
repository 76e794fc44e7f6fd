//! The CycloneDX reader: each vulnerability with an `analysis` gives one claim per `affects[]` entry,
//! the entry's `ref` resolved through the document's components (nested ones too) and
//! `metadata.component`, also in the BOM-Link form `urn:cdx:serial/version#bom-ref`.

use std::collections::HashMap;

use mamori_judge::analysis::{Analysis, CdxAnalysis, CdxJustification, CdxState, Lang, Response};
use serde_json::{Map, Value};

use super::{
    ClaimProduct, MAX_DEPTH, VexClaim, VexDocument, VexFormat, VexReadError, at, at_i, invalid,
    join_texts, obj, opt_arr, opt_str, opt_time, opt_version, push_alias,
};

pub(super) fn read(doc: &Value) -> Result<VexDocument, VexReadError> {
    let root = obj(doc, "")?;
    let serial = opt_str(root, "serialNumber", "")?;
    let version = opt_version(root, "version", "")?;
    let (author, timestamp) = match root.get("metadata") {
        None | Some(Value::Null) => (None, None),
        Some(m) => {
            let m = obj(m, "/metadata")?;
            (author(m)?, opt_time(m, "timestamp", "/metadata")?)
        }
    };
    let index = index(root)?;

    let mut statements = Vec::new();
    for (i, v) in opt_arr(root, "vulnerabilities", "")?.iter().enumerate() {
        let vp = at_i("/vulnerabilities", i);
        let vm = obj(v, &vp)?;
        let Some(an) = vm.get("analysis").filter(|a| !a.is_null()) else {
            continue;
        };
        let ap = at(&vp, "analysis");
        let Some((analysis, text)) = analysis(obj(an, &ap)?, &ap)? else {
            continue;
        };
        let id = opt_str(vm, "id", &vp)?
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .ok_or_else(|| {
                invalid(
                    at(&vp, "id"),
                    "a vulnerability with an analysis needs an id",
                )
            })?;
        let mut aliases = Vec::new();
        for (j, r) in opt_arr(vm, "references", &vp)?.iter().enumerate() {
            let rp = at_i(&at(&vp, "references"), j);
            push_alias(id, &mut aliases, super::req_str(obj(r, &rp)?, "id", &rp)?);
        }
        let detail = join_texts(
            [
                text.as_deref(),
                opt_str(vm, "recommendation", &vp)?,
                opt_str(vm, "workaround", &vp)?,
            ]
            .into_iter()
            .flatten(),
        );
        for (j, a) in opt_arr(vm, "affects", &vp)?.iter().enumerate() {
            let afp = at_i(&at(&vp, "affects"), j);
            let r = super::req_str(obj(a, &afp)?, "ref", &afp)?;
            statements.push(VexClaim {
                vulnerability: id.to_string(),
                aliases: aliases.clone(),
                product: resolve(r, serial, &index),
                analysis: analysis.clone(),
                detail: detail.clone(),
                pointer: afp,
            });
        }
    }
    Ok(VexDocument {
        format: VexFormat::CycloneDx,
        id: serial.map(str::to_owned),
        version,
        author,
        timestamp,
        statements,
    })
}

/// The organisation behind the document: supplier, manufacturer, else the first author.
fn author(m: &Map<String, Value>) -> Result<Option<String>, VexReadError> {
    for key in ["supplier", "manufacturer", "manufacture"] {
        if let Some(Value::Object(o)) = m.get(key)
            && let Some(n) = opt_str(o, "name", &at("/metadata", key))?
        {
            return Ok(Some(n.to_string()));
        }
    }
    if let Some(Value::Object(a)) = opt_arr(m, "authors", "/metadata")?.first()
        && let Some(n) = opt_str(a, "name", "/metadata/authors/0")?
    {
        return Ok(Some(n.to_string()));
    }
    Ok(None)
}

/// Every component with a bom-ref, by bom-ref.
fn index(root: &Map<String, Value>) -> Result<HashMap<String, ClaimProduct>, VexReadError> {
    let mut out = HashMap::new();
    // (value, pointer, depth), walked without recursion.
    let mut stack: Vec<(&Value, String, usize)> = Vec::new();
    if let Some(Value::Object(m)) = root.get("metadata")
        && let Some(c) = m.get("component").filter(|c| !c.is_null())
    {
        stack.push((c, "/metadata/component".to_string(), 0));
    }
    for (i, c) in opt_arr(root, "components", "")?.iter().enumerate() {
        stack.push((c, at_i("/components", i), 0));
    }
    while let Some((c, p, depth)) = stack.pop() {
        if depth > MAX_DEPTH {
            return Err(invalid(p, "components are nested too deeply"));
        }
        let m = obj(c, &p)?;
        if let Some(r) = opt_str(m, "bom-ref", &p)? {
            out.entry(r.to_string()).or_insert(ClaimProduct {
                reference: r.to_string(),
                purl: opt_str(m, "purl", &p)?.map(str::to_owned),
                cpe: opt_str(m, "cpe", &p)?.map(str::to_owned),
                name: opt_str(m, "name", &p)?.map(str::to_owned),
                version: opt_str(m, "version", &p)?.map(str::to_owned),
                within: None,
            });
        }
        for (i, sub) in opt_arr(m, "components", &p)?.iter().enumerate() {
            stack.push((sub, at_i(&at(&p, "components"), i), depth + 1));
        }
    }
    Ok(out)
}

/// The product an `affects[].ref` names. A BOM-Link into this document resolves locally; one into
/// another BOM, or a ref nothing in the document has, stays a bare reference (a purl used as the
/// ref is taken as the purl).
fn resolve(r: &str, serial: Option<&str>, index: &HashMap<String, ClaimProduct>) -> ClaimProduct {
    let local = match r
        .strip_prefix("urn:cdx:")
        .and_then(|rest| rest.split_once('#'))
    {
        Some((doc, frag)) => {
            let doc_serial = doc.rsplit_once('/').map_or(doc, |(s, _)| s);
            let ours = serial
                .and_then(|s| s.strip_prefix("urn:uuid:"))
                .is_some_and(|s| s.eq_ignore_ascii_case(doc_serial));
            ours.then_some(frag)
        }
        None => Some(r),
    };
    if let Some(p) = local.and_then(|k| index.get(k)) {
        return p.clone();
    }
    ClaimProduct {
        reference: r.to_string(),
        purl: r.starts_with("pkg:").then(|| r.to_string()),
        ..ClaimProduct::default()
    }
}

/// The analysis and its detail text; `None` when it has no state (it says nothing to triage).
fn analysis(
    m: &Map<String, Value>,
    p: &str,
) -> Result<Option<(Analysis, Option<String>)>, VexReadError> {
    let Some(s) = opt_str(m, "state", p)? else {
        return Ok(None);
    };
    let state = match s {
        "in_triage" => CdxState::InTriage,
        "exploitable" => CdxState::Exploitable,
        "not_affected" => CdxState::NotAffected,
        "false_positive" => CdxState::FalsePositive,
        "resolved" => CdxState::Resolved,
        "resolved_with_pedigree" => CdxState::ResolvedWithPedigree,
        other => {
            return Err(invalid(
                at(p, "state"),
                format!("unknown cyclonedx analysis state `{other}`"),
            ));
        }
    };
    let justification = match opt_str(m, "justification", p)? {
        None => None,
        Some(j) => Some(cdx_justification(j).ok_or_else(|| {
            invalid(
                at(p, "justification"),
                format!("unknown cyclonedx justification `{j}`"),
            )
        })?),
    };
    let mut response = Vec::new();
    for (i, r) in opt_arr(m, "response", p)?.iter().enumerate() {
        let rp = at_i(&at(p, "response"), i);
        let s = r
            .as_str()
            .ok_or_else(|| invalid(rp.clone(), "expected a string"))?;
        response.push(
            Response::parse(s)
                .ok_or_else(|| invalid(rp, format!("unknown cyclonedx response `{s}`")))?,
        );
    }
    let detail = opt_str(m, "detail", p)?.map(str::to_owned);
    let a = CdxAnalysis {
        state,
        justification,
        response,
        detail: detail.clone(),
    };
    Ok(Some((Analysis::from_cyclonedx(&a, Lang::En), detail)))
}

fn cdx_justification(s: &str) -> Option<CdxJustification> {
    use CdxJustification as C;
    Some(match s {
        "code_not_present" => C::CodeNotPresent,
        "code_not_reachable" => C::CodeNotReachable,
        "requires_configuration" => C::RequiresConfiguration,
        "requires_dependency" => C::RequiresDependency,
        "requires_environment" => C::RequiresEnvironment,
        "protected_by_compiler" => C::ProtectedByCompiler,
        "protected_at_runtime" => C::ProtectedAtRuntime,
        "protected_at_perimeter" => C::ProtectedAtPerimeter,
        "protected_by_mitigating_control" => C::ProtectedByMitigatingControl,
        _ => return None,
    })
}
