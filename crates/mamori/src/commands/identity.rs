//! `mamori purl`, `mamori version` and `mamori cvss`: pure functions over strings, with `--batch`.

use super::{batch, single};
use crate::Outcome;
use crate::cli::{CvssArgs, PurlCmd, VersionCmd};
use mamori_model::Component;
use mamori_purl::Purl;
use mamori_version::Scheme;
use serde_json::{Map, Value, json};

pub fn purl(cmd: PurlCmd) -> anyhow::Result<Outcome> {
    match cmd {
        PurlCmd::Parse {
            purl,
            json,
            batch: true,
        } => {
            let _ = (purl, json);
            batch(|l| parse_purl(l).map(|v| v.to_string()))
        }
        PurlCmd::Parse {
            purl,
            json,
            batch: false,
        } => single(purl, "PURL", |p| {
            let v = parse_purl(p)?;
            Ok(if json {
                serde_json::to_string_pretty(&v).unwrap_or_default()
            } else {
                people_purl(&v)
            })
        }),
        PurlCmd::Canonical { purl, batch: true } => {
            let _ = purl;
            batch(canonical)
        }
        PurlCmd::Canonical { purl, batch: false } => single(purl, "PURL", canonical),
    }
}

fn canonical(s: &str) -> Result<String, String> {
    Purl::parse(s.trim())
        .map(|p| p.to_string())
        .map_err(|e| e.to_string())
}

fn parse_purl(s: &str) -> Result<Value, String> {
    let p = Purl::parse(s.trim()).map_err(|e| e.to_string())?;
    let qualifiers: Map<String, Value> = p
        .qualifiers()
        .map(|(k, v)| (k.to_owned(), json!(v)))
        .collect();
    Ok(json!({
        "type": p.ty(),
        "namespace": p.namespace(),
        "name": p.name(),
        "version": p.version(),
        "qualifiers": if qualifiers.is_empty() { Value::Null } else { Value::Object(qualifiers) },
        "subpath": p.subpath(),
    }))
}

fn people_purl(v: &Value) -> String {
    let mut lines = Vec::new();
    for k in [
        "type",
        "namespace",
        "name",
        "version",
        "qualifiers",
        "subpath",
    ] {
        match &v[k] {
            Value::Null => {}
            Value::String(s) => lines.push(format!("{k:<10} {s}")),
            other => lines.push(format!("{k:<10} {other}")),
        }
    }
    lines.join("\n")
}

fn scheme(name: &str) -> Result<Scheme, String> {
    Scheme::from_name(name.trim()).ok_or_else(|| format!("unknown version scheme {name:?}"))
}

fn compare(scheme_name: &str, a: &str, b: &str) -> Result<String, String> {
    let s = scheme(scheme_name)?;
    let o = s.compare(a, b).map_err(|e| e.to_string())?;
    Ok(match o {
        std::cmp::Ordering::Less => "<",
        std::cmp::Ordering::Equal => "=",
        std::cmp::Ordering::Greater => ">",
    }
    .to_owned())
}

fn satisfies(scheme_name: &str, version: &str, range: &str) -> Result<String, String> {
    let s = scheme(scheme_name)?;
    mamori_version::range::satisfies(s, version, range)
        .map(|b| b.to_string())
        .map_err(|e| e.to_string())
}

fn three(line: &str) -> Result<(&str, &str, &str), String> {
    let mut it = line.split('\t');
    match (it.next(), it.next(), it.next(), it.next()) {
        (Some(a), Some(b), Some(c), None) => Ok((a, b, c)),
        _ => Err("expected three tab-separated fields".into()),
    }
}

pub fn version(cmd: VersionCmd) -> anyhow::Result<Outcome> {
    match cmd {
        VersionCmd::Compare { batch: true, .. } => {
            batch(|l| three(l).and_then(|(s, a, b)| compare(s, a, b)))
        }
        VersionCmd::Compare {
            scheme,
            a,
            b,
            batch: false,
        } => {
            let (Some(s), Some(a), Some(b)) = (scheme, a, b) else {
                anyhow::bail!("usage: mamori version compare SCHEME A B (or --batch)")
            };
            single(Some(String::new()), "", |_| compare(&s, &a, &b))
        }
        VersionCmd::Satisfies { batch: true, .. } => {
            batch(|l| three(l).and_then(|(s, v, r)| satisfies(s, v, r)))
        }
        VersionCmd::Satisfies {
            scheme,
            version,
            range,
            batch: false,
        } => {
            let (Some(s), Some(v), Some(r)) = (scheme, version, range) else {
                anyhow::bail!("usage: mamori version satisfies SCHEME VERSION RANGE (or --batch)")
            };
            single(Some(String::new()), "", |_| satisfies(&s, &v, &r))
        }
    }
}

fn cvss_json(v: &str) -> Result<Value, String> {
    let c = mamori_cvss::Cvss::parse(v.trim()).map_err(|e| e.to_string())?;
    let mut o = json!({
        "version": c.version().to_string(),
        "vector": c.to_string(),
        "base_score": c.base_score(),
        "score": c.score(),
        "severity": c.severity().to_string(),
    });
    if matches!(c, mamori_cvss::Cvss::V3(_) | mamori_cvss::Cvss::V2(_)) {
        o["temporal_score"] = json!(c.temporal_score());
        o["environmental_score"] = json!(c.environmental_score());
    }
    if let Some(n) = c.nomenclature() {
        o["nomenclature"] = json!(n.to_string());
    }
    Ok(o)
}

pub fn cvss(args: CvssArgs) -> anyhow::Result<Outcome> {
    if args.batch {
        return batch(|l| cvss_json(l).map(|v| v.to_string()));
    }
    single(args.vector, "VECTOR", |v| {
        let o = cvss_json(v)?;
        Ok(if args.json {
            serde_json::to_string_pretty(&o).unwrap_or_default()
        } else {
            format!(
                "CVSS {} {} {} ({})",
                o["version"].as_str().unwrap_or(""),
                o["score"],
                o["severity"].as_str().unwrap_or(""),
                o["vector"].as_str().unwrap_or("")
            )
        })
    })
}

/// The version scheme of a component: from its package URL's ecosystem, else generic.
pub fn scheme_for_component(c: &Component) -> Scheme {
    c.purl
        .as_deref()
        .and_then(|p| Purl::parse(p).ok())
        .and_then(|p| mamori_purl::osv_package(&p))
        .and_then(|o| Scheme::from_name(&o.ecosystem))
        .unwrap_or(Scheme::Generic)
}
