//! Reads CycloneDX JSON 1.2–1.7: parse once, check against the version's schema rules,
//! then lift what the model holds out of the parsed tree.
//!
//! Components without a `bom-ref` get a generated one, `mamori:gen:` followed by their
//! JSON pointer: it cannot clash with a document ref (those are checked by the schema
//! and the semantic rules, and nobody writes our prefix) and the writer leaves such refs
//! out again. Services are not in the model; dependency edges that touch a service are
//! left out of the graph (they would otherwise look dangling).

use super::schema::{self, cut};
use super::vocab::{self, SpecVersion};
use crate::jsontree::{self, Map, Value};
use crate::{Checked, Diagnostic, SbomError};
use mamori_model::{
    Aggregate, Attr, Component, ComponentKind, Composition, DocumentFormat, ExternalRef,
    FdaSupport, Hash, HashAlg, LicenseChoice, Party, Property, RelKind, RelTarget, Relationship,
    Sbom, Scope, Swid, Tool,
};
use std::collections::HashSet;

/// Prefix of the refs given to components that have none.
pub(super) const GENERATED_REF: &str = "mamori:gen:";
/// Property names that carry model fields CycloneDX has no place for.
pub(super) const PROP_PROVENANCE: &str = "mamori:provenance";
pub(super) const PROP_DOCUMENT_NAME: &str = "mamori:document-name";
pub(super) const PROP_COMMENT: &str = "mamori:comment";
pub(super) const PROP_SERIAL: &str = "mamori:serial-number";
pub(super) const PROP_SUPPLIER: &str = "mamori:supplier";
/// 1.7 `versionRange` and `isExternal`, which 1.6 has no place for.
pub(super) const PROP_VERSION_RANGE: &str = "mamori:version-range";
pub(super) const PROP_EXTERNAL: &str = "mamori:external";

/// Documents at least this large are checked and lifted on two threads; below it a
/// thread costs more than it saves.
const PARALLEL_FROM_BYTES: usize = 4 << 20;

/// Reads CycloneDX JSON.
pub(super) fn read(bytes: &[u8]) -> Result<Checked, SbomError> {
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(SbomError::Empty);
    }
    let doc: Value = jsontree::from_slice(body).map_err(syntax)?;
    let Value::Object(root) = &doc else {
        return Err(SbomError::NotAnSbom {
            reason: format!("a JSON {}, not a CycloneDX BOM object", json_kind(&doc)),
        });
    };
    match root.get("bomFormat") {
        Some(Value::String(s)) if s == "CycloneDX" => {}
        Some(other) => {
            return Err(SbomError::NotAnSbom {
                reason: format!(
                    "\"bomFormat\" is {}, not \"CycloneDX\"",
                    match other {
                        Value::String(s) => format!("{:?}", cut(s)),
                        v => json_kind(v).to_owned(),
                    }
                ),
            });
        }
        None => {
            return Err(SbomError::NotAnSbom {
                reason: "a JSON object without \"bomFormat\": \"CycloneDX\"".into(),
            });
        }
    }
    let version = match root.get("specVersion") {
        Some(Value::String(s)) => match SpecVersion::parse(s) {
            Some(v) if v >= SpecVersion::V1_2 => v,
            _ => {
                return Err(SbomError::UnsupportedVersion {
                    format: "cyclonedx",
                    version: cut(s).to_owned(),
                    pointer: "/specVersion".into(),
                });
            }
        },
        Some(v) => {
            return Err(SbomError::UnsupportedVersion {
                format: "cyclonedx",
                version: json_kind(v).to_owned(),
                pointer: "/specVersion".into(),
            });
        }
        None => {
            return Err(SbomError::UnsupportedVersion {
                format: "cyclonedx",
                version: String::new(),
                pointer: "/specVersion".into(),
            });
        }
    };
    let mut b = Builder {
        sbom: Sbom::new(DocumentFormat::CycloneDxJson, version.as_str()),
        locations: Vec::new(),
        rel_locations: Vec::new(),
        errors: Vec::new(),
        warnings: Vec::new(),
        services: HashSet::new(),
    };
    // The schema walk and the lifting into the model only read the tree, so a large
    // document has them run side by side; their results are joined in the same order
    // either way.
    let mut errors = if body.len() >= PARALLEL_FROM_BYTES {
        std::thread::scope(|scope| {
            let walk = std::thread::Builder::new()
                .name("cyclonedx-schema".into())
                .spawn_scoped(scope, || schema::validate(&doc, version));
            b.document(root);
            match walk {
                Ok(handle) => handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                // No thread to be had: walk here instead.
                Err(_) => schema::validate(&doc, version),
            }
        })
    } else {
        let errors = schema::validate(&doc, version);
        b.document(root);
        errors
    };
    errors.append(&mut b.errors);
    Ok(Checked {
        sbom: b.sbom,
        errors,
        warnings: b.warnings,
        component_locations: b.locations,
        relationship_locations: b.rel_locations,
    })
}

fn syntax(e: serde_json::Error) -> SbomError {
    let full = e.to_string();
    // serde_json appends " at line L column C"; the location has its own field.
    let message = match full.rfind(" at line ") {
        Some(i) => full[..i].to_owned(),
        None => full,
    };
    let message = if e.is_eof() {
        format!("the document ends too early (truncated?): {message}")
    } else {
        message
    };
    SbomError::Syntax {
        location: format!("{}:{}", e.line(), e.column()),
        message,
    }
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

struct Builder {
    sbom: Sbom,
    locations: Vec<String>,
    rel_locations: Vec<String>,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    services: HashSet<String>,
}

fn s<'a>(m: &'a Map<'_>, k: &str) -> Option<&'a str> {
    m.get(k).and_then(Value::as_str)
}
fn owned(m: &Map<'_>, k: &str) -> Option<String> {
    s(m, k).map(str::to_owned)
}
fn arr<'a, 'v>(m: &'a Map<'v>, k: &str) -> &'a [Value<'v>] {
    m.get(k).and_then(Value::as_array).unwrap_or(&[])
}
fn strings(m: &Map<'_>, k: &str) -> Vec<String> {
    arr(m, k)
        .iter()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect()
}

fn entity(v: Option<&Value>) -> Option<Party> {
    let m = v?.as_object()?;
    Some(Party {
        name: owned(m, "name"),
        emails: arr(m, "contact")
            .iter()
            .filter_map(|c| c.get("email").and_then(Value::as_str))
            .map(str::to_owned)
            .collect(),
        urls: strings(m, "url"),
        organization: true,
    })
}

fn contact(v: &Value) -> Option<Party> {
    let m = v.as_object()?;
    Some(Party {
        name: owned(m, "name"),
        emails: owned(m, "email").into_iter().collect(),
        urls: Vec::new(),
        organization: false,
    })
}

fn properties(m: &Map<'_>) -> Vec<Property> {
    arr(m, "properties")
        .iter()
        .filter_map(Value::as_object)
        .filter_map(|p| {
            Some(Property {
                name: owned(p, "name")?,
                value: owned(p, "value").unwrap_or_default(),
            })
        })
        .collect()
}

fn licenses(m: &Map<'_>) -> Attr<Vec<LicenseChoice>> {
    let Some(Value::Array(items)) = m.get("licenses") else {
        return Attr::Absent;
    };
    let mut out = Vec::new();
    for item in items {
        if let Some(e) = item.get("expression").and_then(Value::as_str) {
            out.push(LicenseChoice::Expression(e.to_owned()));
        } else if let Some(l) = item.get("license") {
            if let Some(id) = l.get("id").and_then(Value::as_str) {
                out.push(LicenseChoice::Id(id.to_owned()));
            } else if let Some(n) = l.get("name").and_then(Value::as_str) {
                out.push(LicenseChoice::Name(n.to_owned()));
            }
        }
    }
    Attr::Value(out)
}

impl Builder {
    fn document(&mut self, root: &Map<'_>) {
        let md = &mut self.sbom.metadata;
        md.serial_number = owned(root, "serialNumber");
        md.version = root
            .get("version")
            .and_then(Value::as_u64)
            .and_then(|v| u32::try_from(v).ok());
        let mut primary: Option<&Value> = None;
        if let Some(Value::Object(m)) = root.get("metadata") {
            md.timestamp = s(m, "timestamp").and_then(|t| {
                time::OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339).ok()
            });
            md.authors = arr(m, "authors").iter().filter_map(contact).collect();
            md.tools = tools(m.get("tools"));
            md.supplier = entity(m.get("supplier"));
            md.manufacturer =
                entity(m.get("manufacturer")).or_else(|| entity(m.get("manufacture")));
            md.lifecycles = arr(m, "lifecycles")
                .iter()
                .filter_map(|l| {
                    l.get("phase")
                        .or_else(|| l.get("name"))
                        .and_then(Value::as_str)
                })
                .map(str::to_owned)
                .collect();
            if let Attr::Value(ls) = licenses(m) {
                md.data_license = ls.first().map(|l| l.as_text().to_owned());
            }
            for p in properties(m) {
                match p.name.as_str() {
                    PROP_DOCUMENT_NAME => md.name = Some(p.value),
                    PROP_COMMENT => md.comment = Some(p.value),
                    PROP_SERIAL if md.serial_number.is_none() => md.serial_number = Some(p.value),
                    _ => md.properties.push(p),
                }
            }
            primary = m.get("component");
        }
        collect_services(arr(root, "services"), &mut self.services);
        let mut ptr = String::from("/metadata/component");
        if let Some(p) = primary {
            let r = self.component(p, None, &mut ptr);
            self.sbom.metadata.primary = r;
        }
        ptr.clear();
        ptr.push_str("/components");
        self.components(arr(root, "components"), None, &mut ptr);
        self.dependencies(arr(root, "dependencies"));
        self.sbom.compositions = arr(root, "compositions")
            .iter()
            .filter_map(Value::as_object)
            .map(|c| Composition {
                aggregate: s(c, "aggregate")
                    .and_then(Aggregate::parse)
                    .unwrap_or(Aggregate::NotSpecified),
                assemblies: strings(c, "assemblies"),
                dependencies: strings(c, "dependencies"),
            })
            .collect();
    }

    fn components(&mut self, items: &[Value], parent: Option<&str>, ptr: &mut String) {
        let len = ptr.len();
        for (i, c) in items.iter().enumerate() {
            ptr.push('/');
            ptr.push_str(&i.to_string());
            self.component(c, parent, ptr);
            ptr.truncate(len);
        }
    }

    /// Adds one component (and its nested ones); returns its ref.
    fn component(&mut self, v: &Value, parent: Option<&str>, ptr: &mut String) -> Option<String> {
        let m = v.as_object()?;
        let bom_ref = match s(m, "bom-ref") {
            Some(r) => {
                if r.starts_with(GENERATED_REF) {
                    self.warnings.push(Diagnostic::new(
                        format!("{ptr}/bom-ref"),
                        format!("bom-ref {:?} uses the prefix {GENERATED_REF:?} that this reader gives components without one; it will not be written back", cut(r)),
                    ));
                }
                r.to_owned()
            }
            None => format!("{GENERATED_REF}{ptr}"),
        };
        let mut c = Component {
            bom_ref: bom_ref.clone(),
            kind: s(m, "type").map(ComponentKind::parse),
            name: owned(m, "name").unwrap_or_default(),
            version: owned(m, "version").into(),
            group: owned(m, "group"),
            supplier: entity(m.get("supplier")).into(),
            manufacturer: entity(m.get("manufacturer")),
            author: owned(m, "author"),
            authors: arr(m, "authors").iter().filter_map(contact).collect(),
            publisher: owned(m, "publisher"),
            purl: owned(m, "purl"),
            cpe: owned(m, "cpe"),
            swid: m.get("swid").and_then(Value::as_object).map(|w| Swid {
                tag_id: owned(w, "tagId").unwrap_or_default(),
                name: owned(w, "name").unwrap_or_default(),
                version: owned(w, "version"),
            }),
            omnibor_ids: strings(m, "omniborId"),
            swhids: strings(m, "swhid"),
            hashes: Vec::new(),
            licenses: licenses(m),
            copyright: owned(m, "copyright").into(),
            description: owned(m, "description"),
            scope: s(m, "scope").and_then(|x| match x {
                "required" => Some(Scope::Required),
                "optional" => Some(Scope::Optional),
                "excluded" => Some(Scope::Excluded),
                _ => None,
            }),
            external_refs: arr(m, "externalReferences")
                .iter()
                .filter_map(Value::as_object)
                .map(|e| ExternalRef {
                    kind: owned(e, "type").unwrap_or_default(),
                    url: owned(e, "url").unwrap_or_default(),
                })
                .collect(),
            properties: Vec::new(),
            fda: FdaSupport::default(),
            parent: parent.map(str::to_owned),
            provenance: None,
        };
        let len = ptr.len();
        for (i, h) in arr(m, "hashes").iter().enumerate() {
            let (Some(alg), Some(content)) = (
                h.get("alg").and_then(Value::as_str),
                h.get("content").and_then(Value::as_str),
            ) else {
                continue;
            };
            if vocab::HASH_ALGORITHMS.knows(alg)
                && !vocab::is_valid_digest(alg, content)
                && content.bytes().all(|b| b.is_ascii_hexdigit())
                && [32, 40, 64, 96, 128].contains(&content.len())
            {
                // The schema accepts any known length for any algorithm; the algorithm
                // itself fixes the length.
                self.errors.push(Diagnostic::new(
                    format!("{ptr}/hashes/{i}/content"),
                    format!(
                        "{alg} digests have {} hex digits, not {}",
                        vocab::hash_digest_lengths(alg)
                            .and_then(|l| l.first())
                            .copied()
                            .unwrap_or(0),
                        content.len()
                    ),
                ));
            }
            c.hashes.push(Hash {
                alg: HashAlg::parse(alg),
                value: content.to_ascii_lowercase(),
            });
        }
        for (i, p) in properties(m).into_iter().enumerate() {
            match p.name.as_str() {
                FdaSupport::LEVEL => c.fda.level_of_support = Some(p.value),
                FdaSupport::JUSTIFICATION => c.fda.justification = Some(p.value),
                FdaSupport::END_OF_SUPPORT => {
                    match time::Date::parse(
                        &p.value,
                        time::macros::format_description!("[year]-[month]-[day]"),
                    ) {
                        Ok(d) => c.fda.end_of_support = Some(d),
                        Err(_) => {
                            self.warnings.push(Diagnostic::new(
                                format!("{ptr}/properties/{i}/value"),
                                format!(
                                    "{} {:?} is not a YYYY-MM-DD date; kept as a property",
                                    FdaSupport::END_OF_SUPPORT,
                                    cut(&p.value)
                                ),
                            ));
                            c.properties.push(p);
                        }
                    }
                }
                PROP_PROVENANCE => c.provenance = Some(p.value),
                PROP_SUPPLIER if !c.supplier.is_declared() => {
                    c.supplier = Attr::Value(Party::organization(p.value));
                }
                _ => c.properties.push(p),
            }
        }
        if let Some(range) = s(m, "versionRange") {
            c.properties.push(Property {
                name: PROP_VERSION_RANGE.into(),
                value: range.to_owned(),
            });
        }
        if let Some(x) = m.get("isExternal").and_then(Value::as_bool) {
            c.properties.push(Property {
                name: PROP_EXTERNAL.into(),
                value: x.to_string(),
            });
        }
        self.sbom.components.push(c);
        self.locations.push(ptr.clone());
        if let Some(p) = parent {
            self.sbom.relationships.push(Relationship {
                from: p.to_owned(),
                kind: RelKind::Contains,
                to: RelTarget::Ref(bom_ref.clone()),
            });
            self.rel_locations.push(ptr.clone());
        }
        ptr.truncate(len);
        ptr.push_str("/components");
        self.components(arr(m, "components"), Some(&bom_ref), ptr);
        ptr.truncate(len);
        Some(bom_ref)
    }

    fn dependencies(&mut self, deps: &[Value]) {
        for (i, d) in deps.iter().enumerate() {
            let Some(m) = d.as_object() else { continue };
            let Some(from) = s(m, "ref") else { continue };
            if self.services.contains(from) {
                continue;
            }
            let at = format!("/dependencies/{i}");
            let mut edge = |kind: RelKind, to: RelTarget, key: &str, j: Option<usize>| {
                self.sbom.relationships.push(Relationship {
                    from: from.to_owned(),
                    kind,
                    to,
                });
                self.rel_locations.push(match j {
                    Some(j) => format!("{at}/{key}/{j}"),
                    None => at.clone(),
                });
            };
            match m.get("dependsOn") {
                None => edge(RelKind::DependsOn, RelTarget::NoAssertion, "", None),
                Some(Value::Array(a)) if a.is_empty() => {
                    edge(RelKind::DependsOn, RelTarget::None, "", None);
                }
                Some(Value::Array(a)) => {
                    for (j, t) in a.iter().enumerate() {
                        if let Some(t) = t.as_str()
                            && !self.services.contains(t)
                        {
                            edge(
                                RelKind::DependsOn,
                                RelTarget::Ref(t.to_owned()),
                                "dependsOn",
                                Some(j),
                            );
                        }
                    }
                }
                Some(_) => {}
            }
            for (j, t) in arr(m, "provides").iter().enumerate() {
                if let Some(t) = t.as_str()
                    && !self.services.contains(t)
                {
                    edge(
                        RelKind::Other(PROVIDES.into()),
                        RelTarget::Ref(t.to_owned()),
                        "provides",
                        Some(j),
                    );
                }
            }
        }
    }
}

/// Relationship kind name for CycloneDX 1.6 `provides`.
pub(super) const PROVIDES: &str = "PROVIDES";

fn collect_services(items: &[Value], out: &mut HashSet<String>) {
    for s in items {
        if let Some(r) = s.get("bom-ref").and_then(Value::as_str) {
            out.insert(r.to_owned());
        }
        if let Some(Value::Array(nested)) = s.get("services") {
            collect_services(nested, out);
        }
    }
}

fn tools(v: Option<&Value>) -> Vec<Tool> {
    let tool = |m: &Map<'_>| Tool {
        vendor: owned(m, "vendor")
            .or_else(|| {
                m.get("manufacturer")
                    .and_then(|x| x.get("name"))
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            })
            .or_else(|| {
                m.get("provider")
                    .and_then(|x| x.get("name"))
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            })
            .or_else(|| owned(m, "publisher"))
            .or_else(|| owned(m, "group")),
        name: owned(m, "name"),
        version: owned(m, "version"),
    };
    match v {
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_object).map(tool).collect(),
        Some(Value::Object(o)) => arr(o, "components")
            .iter()
            .chain(arr(o, "services"))
            .filter_map(Value::as_object)
            .map(tool)
            .collect(),
        _ => Vec::new(),
    }
}
