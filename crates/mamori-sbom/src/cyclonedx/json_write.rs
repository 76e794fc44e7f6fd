//! Writes the model as CycloneDX 1.6 JSON, deterministically (same model, same bytes).
//!
//! Nested components come back nested (from `Component::parent`), so `Contains` edges
//! that nesting expresses are not repeated in `dependencies`. Generated refs
//! (`mamori:gen:`) are left out: they were never in the document. Model fields that
//! CycloneDX has no place for travel as `mamori:` properties the reader understands.

use super::json::{
    GENERATED_REF, PROP_COMMENT, PROP_DOCUMENT_NAME, PROP_PROVENANCE, PROP_SERIAL, PROVIDES,
};
use super::schema::is_uuid;
use mamori_model::{
    Attr, Component, ComponentKind, FdaSupport, HashAlg, LicenseChoice, Party, Property, RelKind,
    RelTarget, Sbom, Scope,
};
use serde_json::{Map, Value, json};
use std::collections::HashMap;

/// Writes CycloneDX 1.6 JSON.
pub(super) fn write(sbom: &Sbom) -> Vec<u8> {
    let mut root = Map::new();
    root.insert(
        "$schema".into(),
        "http://cyclonedx.org/schema/bom-1.6.schema.json".into(),
    );
    root.insert("bomFormat".into(), "CycloneDX".into());
    root.insert("specVersion".into(), "1.6".into());
    let md = &sbom.metadata;
    let mut extra_props = Vec::new();
    if let Some(sn) = &md.serial_number {
        if sn.strip_prefix("urn:uuid:").is_some_and(is_uuid) {
            root.insert("serialNumber".into(), sn.clone().into());
        } else {
            extra_props.push(Property {
                name: PROP_SERIAL.into(),
                value: sn.clone(),
            });
        }
    }
    // 1.6 wants a version of at least 1; an older document's 0 becomes 1.
    if let Some(v) = md.version {
        root.insert("version".into(), v.max(1).into());
    }

    // Children of each ref, in document order, for re-nesting.
    let mut children: HashMap<&str, Vec<usize>> = HashMap::new();
    let known: std::collections::HashSet<&str> =
        sbom.components.iter().map(|c| c.bom_ref.as_str()).collect();
    for (i, c) in sbom.components.iter().enumerate() {
        if let Some(p) = c.parent.as_deref()
            && known.contains(p)
        {
            children.entry(p).or_default().push(i);
        }
    }
    let primary = md
        .primary
        .as_deref()
        .and_then(|r| sbom.components.iter().position(|c| c.bom_ref == r));

    let mut meta = Map::new();
    if let Some(t) = md.timestamp.and_then(|t| {
        t.format(&time::format_description::well_known::Rfc3339)
            .ok()
    }) {
        meta.insert("timestamp".into(), t.into());
    }
    if !md.lifecycles.is_empty() {
        let l: Vec<Value> = md
            .lifecycles
            .iter()
            .map(|p| {
                if super::vocab::LIFECYCLE_PHASES.knows(p) {
                    json!({ "phase": p })
                } else {
                    json!({ "name": p })
                }
            })
            .collect();
        meta.insert("lifecycles".into(), l.into());
    }
    if !md.tools.is_empty() {
        let comps: Vec<Value> = md
            .tools
            .iter()
            .map(|t| {
                let mut m = Map::new();
                m.insert("type".into(), "application".into());
                if let Some(v) = &t.vendor {
                    m.insert("manufacturer".into(), json!({ "name": v }));
                }
                m.insert("name".into(), t.name.clone().unwrap_or_default().into());
                if let Some(v) = &t.version {
                    m.insert("version".into(), v.clone().into());
                }
                Value::Object(m)
            })
            .collect();
        meta.insert("tools".into(), json!({ "components": comps }));
    }
    if !md.authors.is_empty() {
        meta.insert(
            "authors".into(),
            md.authors.iter().map(contact).collect::<Vec<_>>().into(),
        );
    }
    if let Some(i) = primary {
        meta.insert(
            "component".into(),
            component(sbom, i, &children, &mut Vec::new()),
        );
    }
    if let Some(m) = &md.manufacturer {
        meta.insert("manufacturer".into(), entity(m));
    }
    if let Some(s) = &md.supplier {
        meta.insert("supplier".into(), entity(s));
    }
    if let Some(l) = &md.data_license {
        meta.insert("licenses".into(), vec![license_text(l)].into());
    }
    let mut props = md.properties.clone();
    if let Some(n) = &md.name {
        props.push(Property {
            name: PROP_DOCUMENT_NAME.into(),
            value: n.clone(),
        });
    }
    if let Some(c) = &md.comment {
        props.push(Property {
            name: PROP_COMMENT.into(),
            value: c.clone(),
        });
    }
    props.extend(extra_props);
    if !props.is_empty() {
        meta.insert("properties".into(), properties(&props));
    }
    if !meta.is_empty() {
        root.insert("metadata".into(), Value::Object(meta));
    }

    let top: Vec<Value> = sbom
        .components
        .iter()
        .enumerate()
        .filter(|(i, c)| {
            Some(*i) != primary && c.parent.as_deref().is_none_or(|p| !known.contains(p))
        })
        .map(|(i, _)| component(sbom, i, &children, &mut Vec::new()))
        .collect();
    root.insert("components".into(), top.into());

    let deps = dependencies(sbom);
    if !deps.is_empty() {
        root.insert("dependencies".into(), deps.into());
    }
    if !sbom.compositions.is_empty() {
        let c: Vec<Value> = sbom
            .compositions
            .iter()
            .map(|c| {
                let mut m = Map::new();
                m.insert("aggregate".into(), c.aggregate.as_str().into());
                if !c.assemblies.is_empty() {
                    m.insert("assemblies".into(), c.assemblies.clone().into());
                }
                if !c.dependencies.is_empty() {
                    m.insert("dependencies".into(), c.dependencies.clone().into());
                }
                Value::Object(m)
            })
            .collect();
        root.insert("compositions".into(), c.into());
    }
    let mut out = serde_json::to_vec_pretty(&Value::Object(root)).unwrap_or_default();
    out.push(b'\n');
    out
}

fn is_generated(r: &str) -> bool {
    r.starts_with(GENERATED_REF)
}

fn dependencies(sbom: &Sbom) -> Vec<Value> {
    // One entry per `from`, in first-seen order; targets in edge order.
    let mut order: Vec<&str> = Vec::new();
    let mut by_from: HashMap<&str, (Option<Vec<&str>>, Vec<&str>)> = HashMap::new();
    for r in &sbom.relationships {
        let is_dependency = matches!(r.kind, RelKind::DependsOn)
            || matches!(&r.kind, RelKind::Other(k) if k == PROVIDES);
        if is_generated(&r.from) || !is_dependency {
            continue;
        }
        let entry = by_from.entry(r.from.as_str()).or_insert_with(|| {
            order.push(r.from.as_str());
            (None, Vec::new())
        });
        match (&r.kind, &r.to) {
            (RelKind::DependsOn, RelTarget::Ref(t)) if !is_generated(t) => {
                entry.0.get_or_insert_with(Vec::new).push(t);
            }
            (RelKind::DependsOn, RelTarget::None) => {
                entry.0.get_or_insert_with(Vec::new);
            }
            (RelKind::Other(k), RelTarget::Ref(t)) if k == PROVIDES && !is_generated(t) => {
                entry.1.push(t);
            }
            _ => {}
        }
    }
    order
        .into_iter()
        .filter_map(|from| {
            let (deps, provides) = by_from.remove(from)?;
            let mut m = Map::new();
            m.insert("ref".into(), from.into());
            if let Some(d) = deps {
                let mut seen = std::collections::HashSet::new();
                let d: Vec<&str> = d.into_iter().filter(|t| seen.insert(*t)).collect();
                m.insert("dependsOn".into(), d.into());
            }
            if !provides.is_empty() {
                let mut seen = std::collections::HashSet::new();
                let p: Vec<&str> = provides.into_iter().filter(|t| seen.insert(*t)).collect();
                m.insert("provides".into(), p.into());
            }
            Some(Value::Object(m))
        })
        .collect()
}

fn component(
    sbom: &Sbom,
    i: usize,
    children: &HashMap<&str, Vec<usize>>,
    path: &mut Vec<usize>,
) -> Value {
    let c: &Component = &sbom.components[i];
    let mut m = Map::new();
    let kind = match &c.kind {
        Some(ComponentKind::Other(_)) | None => "library",
        Some(k) => k.as_str(),
    };
    m.insert("type".into(), kind.into());
    if !c.bom_ref.is_empty() && !is_generated(&c.bom_ref) {
        m.insert("bom-ref".into(), c.bom_ref.clone().into());
    }
    if let Attr::Value(s) = &c.supplier {
        m.insert("supplier".into(), entity(s));
    }
    if let Some(p) = &c.manufacturer {
        m.insert("manufacturer".into(), entity(p));
    }
    if !c.authors.is_empty() {
        m.insert(
            "authors".into(),
            c.authors.iter().map(contact).collect::<Vec<_>>().into(),
        );
    }
    let mut put = |k: &str, v: &Option<String>| {
        if let Some(v) = v {
            m.insert(k.into(), v.clone().into());
        }
    };
    put("author", &c.author);
    put("publisher", &c.publisher);
    put("group", &c.group);
    m.insert("name".into(), c.name.clone().into());
    if let Attr::Value(v) = &c.version {
        m.insert("version".into(), v.clone().into());
    }
    if let Some(d) = &c.description {
        m.insert("description".into(), d.clone().into());
    }
    if let Some(s) = c.scope {
        let s = match s {
            Scope::Required => "required",
            Scope::Optional => "optional",
            Scope::Excluded => "excluded",
        };
        m.insert("scope".into(), s.into());
    }
    let hashes: Vec<Value> = c
        .hashes
        .iter()
        .filter(|h| !matches!(h.alg, HashAlg::Other(_)))
        .map(|h| json!({ "alg": h.alg.cyclonedx_name(), "content": h.value }))
        .collect();
    if !hashes.is_empty() {
        m.insert("hashes".into(), hashes.into());
    }
    if let Attr::Value(ls) = &c.licenses {
        m.insert("licenses".into(), licenses(ls));
    }
    if let Attr::Value(v) = &c.copyright {
        m.insert("copyright".into(), v.clone().into());
    }
    if let Some(v) = &c.cpe {
        m.insert("cpe".into(), v.clone().into());
    }
    if let Some(v) = &c.purl {
        m.insert("purl".into(), v.clone().into());
    }
    if !c.omnibor_ids.is_empty() {
        m.insert("omniborId".into(), c.omnibor_ids.clone().into());
    }
    if !c.swhids.is_empty() {
        m.insert("swhid".into(), c.swhids.clone().into());
    }
    if let Some(w) = &c.swid {
        let mut s = Map::new();
        s.insert("tagId".into(), w.tag_id.clone().into());
        s.insert("name".into(), w.name.clone().into());
        if let Some(v) = &w.version {
            s.insert("version".into(), v.clone().into());
        }
        m.insert("swid".into(), Value::Object(s));
    }
    if !c.external_refs.is_empty() {
        let e: Vec<Value> = c
            .external_refs
            .iter()
            .map(|e| {
                // Types newer than 1.6 (1.7's patent, citation…) become "other".
                let kind = if super::vocab::EXTERNAL_REFERENCE_TYPES
                    .allows(&e.kind, super::vocab::SpecVersion::V1_6)
                {
                    e.kind.as_str()
                } else {
                    "other"
                };
                json!({ "url": e.url, "type": kind })
            })
            .collect();
        m.insert("externalReferences".into(), e.into());
    }
    let mut props = c.properties.clone();
    let fda = [
        (FdaSupport::LEVEL, c.fda.level_of_support.clone()),
        (
            FdaSupport::END_OF_SUPPORT,
            c.fda
                .end_of_support
                .map(|d| format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())),
        ),
        (FdaSupport::JUSTIFICATION, c.fda.justification.clone()),
        (PROP_PROVENANCE, c.provenance.clone()),
    ];
    for (name, value) in fda {
        if let Some(value) = value {
            props.push(Property {
                name: name.into(),
                value,
            });
        }
    }
    if !props.is_empty() {
        m.insert("properties".into(), properties(&props));
    }
    // A malformed parent chain could loop; each component is nested at most once per path.
    if let Some(kids) = children.get(c.bom_ref.as_str())
        && !path.contains(&i)
    {
        path.push(i);
        let mut nested: Vec<Value> = Vec::with_capacity(kids.len());
        for &k in kids {
            if !path.contains(&k) {
                nested.push(component(sbom, k, children, path));
            }
        }
        path.pop();
        if !nested.is_empty() {
            m.insert("components".into(), nested.into());
        }
    }
    Value::Object(m)
}

fn licenses(ls: &[LicenseChoice]) -> Value {
    // The schema forbids mixing an expression with licenses; an expression wins and
    // any other statements are joined into it.
    if ls.iter().any(|l| matches!(l, LicenseChoice::Expression(_))) {
        if ls.len() == 1 {
            return json!([{ "expression": ls[0].as_text() }]);
        }
        let joined = ls
            .iter()
            .map(|l| match l {
                LicenseChoice::Expression(e) if e.contains(' ') => format!("({e})"),
                l => l.as_text().to_owned(),
            })
            .collect::<Vec<_>>()
            .join(" AND ");
        return json!([{ "expression": joined }]);
    }
    ls.iter()
        .map(|l| match l {
            LicenseChoice::Id(id) if crate::license_ids::is_license_id(id) => {
                json!({ "license": { "id": id } })
            }
            l => json!({ "license": { "name": l.as_text() } }),
        })
        .collect::<Vec<_>>()
        .into()
}

fn license_text(l: &str) -> Value {
    if crate::license_ids::is_license_id(l) {
        json!({ "license": { "id": l } })
    } else if [" AND ", " OR ", " WITH "].iter().any(|op| l.contains(op)) {
        json!({ "expression": l })
    } else {
        json!({ "license": { "name": l } })
    }
}

fn entity(p: &Party) -> Value {
    let mut m = Map::new();
    if let Some(n) = &p.name {
        m.insert("name".into(), n.clone().into());
    }
    if !p.urls.is_empty() {
        m.insert("url".into(), p.urls.clone().into());
    }
    if !p.emails.is_empty() {
        let c: Vec<Value> = p.emails.iter().map(|e| json!({ "email": e })).collect();
        m.insert("contact".into(), c.into());
    }
    Value::Object(m)
}

fn contact(p: &Party) -> Value {
    let mut m = Map::new();
    if let Some(n) = &p.name {
        m.insert("name".into(), n.clone().into());
    }
    if let Some(e) = p.emails.first() {
        m.insert("email".into(), e.clone().into());
    }
    Value::Object(m)
}

fn properties(ps: &[Property]) -> Value {
    ps.iter()
        .map(|p| json!({ "name": p.name, "value": p.value }))
        .collect::<Vec<_>>()
        .into()
}
