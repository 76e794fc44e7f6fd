//! The CycloneDX 1.6 writers: a VEX (the statements' `analysis` and the components they affect) and
//! a VDR (the same with every component of the release and the CVSS ratings).

use std::collections::HashSet;

use mamori_cvss::{Cvss, CvssVersion, Severity};
use mamori_judge::analysis::{Loss, Target};
use serde_json::{Map, Value, json};

use super::{
    TOOL_NAME, TOOL_VERSION, VexComponent, VexDocument, WriteError, Written, check_input,
    fallback_action, is_cve, rfc3339,
};

/// Writes a CycloneDX 1.6 VEX: one vulnerability per statement with `analysis` and `affects`,
/// and the components the statements name (so every `affects[].ref` resolves in the document).
/// A statement about the release itself affects `metadata.component`.
pub fn cyclonedx_vex(doc: &VexDocument) -> Result<Written, WriteError> {
    write(doc, false)
}

/// Writes a CycloneDX 1.6 VDR: the VEX plus every component of the release and each
/// vulnerability's CVSS ratings.
pub fn cyclonedx_vdr(doc: &VexDocument) -> Result<Written, WriteError> {
    write(doc, true)
}

fn write(doc: &VexDocument, vdr: bool) -> Result<Written, WriteError> {
    let by_ref = check_input(doc)?;
    if !doc.products.is_empty() {
        return Err(WriteError::Unsupported {
            format: "cyclonedx",
            what: "products beside the release (a bom describes one)",
        });
    }
    let p = &doc.product;
    let product_ref = format!("PRD:{}@{}", p.name, p.version);
    if by_ref.contains_key(product_ref.as_str()) {
        return Err(WriteError::DuplicateBomRef(product_ref));
    }
    let mut losses = Vec::new();

    let components: Vec<&VexComponent> = if vdr {
        doc.components.iter().collect()
    } else {
        let mut seen: HashSet<&str> = HashSet::new();
        let mut list = Vec::new();
        for s in &doc.statements {
            for r in &s.components {
                if seen.insert(r)
                    && let Some(c) = by_ref.get(r.as_str())
                {
                    list.push(*c);
                }
            }
        }
        list
    };

    let mut vulns = Vec::with_capacity(doc.statements.len());
    for s in &doc.statements {
        let (a, lost) = s.analysis.to_cyclonedx(doc.lang);
        losses.extend(lost.into_iter().map(|l| (s.vuln_id.clone(), l)));
        let mut v = Map::new();
        v.insert("id".into(), json!(s.vuln_id));
        v.insert("source".into(), source(&s.vuln_id));
        let mut refs: Vec<Value> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::new();
        for alias in &s.aliases {
            if *alias != s.vuln_id && seen.insert(alias) {
                refs.push(json!({"id": alias, "source": source(alias)}));
            }
        }
        if !refs.is_empty() {
            v.insert("references".into(), Value::Array(refs));
        }
        if vdr {
            let mut ratings = Vec::new();
            for c in &s.cvss {
                match rating(&c.vector, c.source.as_deref()) {
                    Ok(r) => ratings.push(r),
                    Err(reason) => losses.push((
                        s.vuln_id.clone(),
                        Loss {
                            target: Target::CycloneDx,
                            field: "cvss",
                            reason,
                        },
                    )),
                }
            }
            if !ratings.is_empty() {
                v.insert("ratings".into(), Value::Array(ratings));
            }
        }
        if let Some(cwe) = &s.cwe {
            v.insert("cwes".into(), json!([cwe.id]));
        }
        if let Some(d) = s.description.as_deref().or(s.title.as_deref()) {
            v.insert("description".into(), json!(d));
        }
        if !s.fixed_versions.is_empty() {
            v.insert(
                "recommendation".into(),
                json!(fallback_action(&s.fixed_versions)),
            );
        }
        let mut an = Map::new();
        an.insert("state".into(), json!(a.state.as_str()));
        if let Some(j) = a.justification {
            an.insert("justification".into(), json!(j.as_str()));
        }
        if !a.response.is_empty() {
            let rs: Vec<&str> = a.response.iter().map(|r| r.as_str()).collect();
            an.insert("response".into(), json!(rs));
        }
        if let Some(d) = a.detail {
            an.insert("detail".into(), json!(d));
        }
        if let Some(t) = s.first_issued {
            an.insert("firstIssued".into(), json!(rfc3339(t)));
        }
        if let Some(t) = s.last_updated {
            an.insert("lastUpdated".into(), json!(rfc3339(t)));
        }
        v.insert("analysis".into(), Value::Object(an));
        let affects: Vec<Value> = if s.components.is_empty() {
            vec![json!({"ref": product_ref})]
        } else {
            s.components.iter().map(|r| json!({"ref": r})).collect()
        };
        v.insert("affects".into(), Value::Array(affects));
        vulns.push(Value::Object(v));
    }

    let mut product = Map::new();
    product.insert("type".into(), json!("application"));
    product.insert("bom-ref".into(), json!(product_ref));
    product.insert("supplier".into(), json!({"name": p.vendor}));
    product.insert("name".into(), json!(p.name));
    product.insert("version".into(), json!(p.version));
    if let Some(c) = &p.cpe {
        product.insert("cpe".into(), json!(c));
    }
    if let Some(u) = &p.purl {
        product.insert("purl".into(), json!(u));
    }
    let metadata = json!({
        "timestamp": rfc3339(doc.now),
        "tools": {"components": [{"type": "application", "name": TOOL_NAME, "version": TOOL_VERSION}]},
        "component": product,
        "supplier": {"name": doc.publisher.name, "url": [doc.publisher.namespace]},
    });
    let comps: Vec<Value> = components
        .iter()
        .map(|c| {
            let mut m = Map::new();
            m.insert("type".into(), json!("library"));
            m.insert("bom-ref".into(), json!(c.bom_ref));
            m.insert("name".into(), json!(c.name));
            m.insert("version".into(), json!(c.version));
            if let Some(x) = &c.cpe {
                m.insert("cpe".into(), json!(x));
            }
            if let Some(u) = &c.purl {
                m.insert("purl".into(), json!(u));
            }
            Value::Object(m)
        })
        .collect();

    let mut d = Map::new();
    d.insert("bomFormat".into(), json!("CycloneDX"));
    d.insert("specVersion".into(), json!("1.6"));
    d.insert("version".into(), json!(doc.history.len() + 1));
    d.insert("metadata".into(), metadata);
    d.insert("components".into(), Value::Array(comps));
    d.insert("vulnerabilities".into(), Value::Array(vulns));
    Ok(Written {
        document: Value::Object(d),
        losses,
    })
}

/// The database a vulnerability id comes from, where its prefix says so.
fn source(id: &str) -> Value {
    if is_cve(id) {
        json!({"name": "NVD", "url": format!("https://nvd.nist.gov/vuln/detail/{id}")})
    } else if id.starts_with("GHSA-") {
        json!({"name": "GitHub", "url": format!("https://github.com/advisories/{id}")})
    } else if id.starts_with("JVNDB-") {
        json!({"name": "JVN iPedia"})
    } else {
        json!({})
    }
}

/// A CycloneDX rating from a vector, or why it cannot be one.
fn rating(vector: &str, by: Option<&str>) -> Result<Value, String> {
    let cvss = Cvss::parse(vector)
        .map_err(|e| format!("`{vector}` is not a valid cvss vector ({e}); dropped"))?;
    let method = match cvss.version() {
        CvssVersion::V2_0 => "CVSSv2",
        CvssVersion::V3_0 => "CVSSv3",
        CvssVersion::V3_1 => "CVSSv31",
        CvssVersion::V4_0 => "CVSSv4",
    };
    let severity = match cvss.severity() {
        Severity::None => "none",
        Severity::Low => "low",
        Severity::Medium => "medium",
        Severity::High => "high",
        Severity::Critical => "critical",
    };
    let mut r = Map::new();
    if let Some(b) = by {
        r.insert("source".into(), json!({"name": b}));
    }
    r.insert("score".into(), json!(cvss.score()));
    r.insert("severity".into(), json!(severity));
    r.insert("method".into(), json!(method));
    r.insert("vector".into(), json!(cvss.to_string()));
    Ok(Value::Object(r))
}
