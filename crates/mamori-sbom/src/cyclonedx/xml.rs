//! CycloneDX XML 1.2–1.7: a DTD-free, bounded reader that validates like the official XSDs and fills the model; the 1.6 writer.
//!
//! Reading refuses any document type declaration, so entities are never
//! expanded and nothing outside the document is ever fetched. Nesting deeper
//! than [`MAX_DEPTH`] and text longer than [`crate::MAX_STRING_BYTES`] are
//! refused with their `line:column`. Schema violations come back as errors of
//! a readable document, each pointing at `line:column` and naming the element
//! path (`/bom/components/component[3]/hashes/hash[2]`).
//!
//! Components without a `bom-ref` get a generated ref `mamori:gen:` + the
//! JSON pointer the component would have in CycloneDX JSON
//! (`mamori:gen:/components/3/components/0`), which no document ref can
//! clash with in practice; the writer leaves generated refs out unless a
//! dependency or composition names the component.

#[path = "xml_schema.rs"]
mod schema;
#[path = "xml_write.rs"]
mod write;

pub(crate) use write::write;

use crate::cyclonedx::vocab;
use crate::{Checked, Diagnostic, MAX_STRING_BYTES, SbomError};
use mamori_model::{
    Aggregate, Component, ComponentKind, Composition, DocumentFormat, ExternalRef, FdaSupport,
    Hash, HashAlg, LicenseChoice, Party, Property, RelKind, RelTarget, Relationship, Sbom, Scope,
    Swid, Tool,
};
use roxmltree::{Node, NodeType, ParsingOptions};
use std::collections::HashSet;

/// Property names that carry model fields CycloneDX has no place for (shared with the JSON side).
const PROP_PROVENANCE: &str = "mamori:provenance";
const PROP_DOCUMENT_NAME: &str = "mamori:document-name";
const PROP_COMMENT: &str = "mamori:comment";
const PROP_SERIAL: &str = "mamori:serial-number";
const PROP_SUPPLIER: &str = "mamori:supplier";
const PROP_VERSION_RANGE: &str = "mamori:version-range";
const PROP_EXTERNAL: &str = "mamori:external";
/// Relationship kind name for CycloneDX 1.6 `provides`.
const PROVIDES: &str = "PROVIDES";

/// Deepest element nesting accepted. Real BOMs stay under 30 levels.
pub(crate) const MAX_DEPTH: usize = 100;

/// Prefix of refs made up for components that have no `bom-ref`.
pub(crate) const GENERATED_REF_PREFIX: &str = "mamori:gen:";

const NS_PREFIX: &str = "http://cyclonedx.org/schema/bom/";

/// Byte offsets → `line:column` (1-based, columns in characters).
pub(crate) struct Lines<'a> {
    src: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(src: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            src.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Self { src, starts }
    }

    /// `line:column` of byte offset `pos`.
    pub(crate) fn at(&self, pos: usize) -> String {
        let line = self.starts.partition_point(|s| *s <= pos).max(1);
        let start = self.starts[line - 1];
        let col = self.src.get(start..pos).map_or(0, |s| s.chars().count()) + 1;
        format!("{line}:{col}")
    }
}

/// The element path of `node`: `/bom/components/component[3]`.
pub(crate) fn path(node: Node<'_, '_>) -> String {
    let mut parts = Vec::new();
    let mut cur = Some(node).filter(Node::is_element);
    while let Some(n) = cur {
        let name = n.tag_name().name();
        let same = |s: &Node<'_, '_>| s.is_element() && s.tag_name().name() == name;
        let before = n.prev_siblings().skip(1).filter(same).count();
        let after = n.next_siblings().skip(1).filter(same).count();
        if before + after > 0 {
            parts.push(format!("{name}[{}]", before + 1));
        } else {
            parts.push(name.to_owned());
        }
        cur = n.parent_element();
    }
    parts.reverse();
    format!("/{}", parts.join("/"))
}

/// The text of an element (all its text children, CDATA included).
pub(crate) fn text(node: Node<'_, '_>) -> String {
    let mut out = String::new();
    for c in node.children().filter(Node::is_text) {
        out.push_str(c.text().unwrap_or(""));
    }
    out
}

fn syntax(lines: &Lines<'_>, pos: usize, message: impl Into<String>) -> SbomError {
    SbomError::Syntax {
        location: lines.at(pos),
        message: message.into(),
    }
}

/// Reads a CycloneDX XML document.
pub(crate) fn read(bytes: &[u8]) -> Result<Checked, SbomError> {
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let src = match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let good = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or("");
            let lines = Lines::new(good);
            return Err(syntax(
                &lines,
                good.len(),
                "the document is not valid UTF-8",
            ));
        }
    };
    let lines = Lines::new(src);
    let options = ParsingOptions {
        allow_dtd: false,
        ..ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(src, options).map_err(|e| match e {
        roxmltree::Error::DtdDetected => syntax(
            &lines,
            src.find("<!DOCTYPE").unwrap_or(0),
            "a document type declaration (<!DOCTYPE>) is refused: entities are never expanded and nothing outside the document is fetched",
        ),
        e => {
            let p = e.pos();
            SbomError::Syntax {
                location: format!("{}:{}", p.row, p.col),
                message: format!("malformed XML: {e}"),
            }
        }
    })?;
    check_limits(&doc, &lines)?;

    let root = doc.root_element();
    let at_root = lines.at(root.range().start);
    if root.tag_name().name() != "bom" {
        return Err(SbomError::NotAnSbom {
            reason: format!(
                "the root element is <{}>, not a CycloneDX <bom>",
                root.tag_name().name()
            ),
        });
    }
    let ns = root.tag_name().namespace().unwrap_or("");
    let Some(version) = ns.strip_prefix(NS_PREFIX) else {
        return Err(SbomError::NotAnSbom {
            reason: if ns.is_empty() {
                "a <bom> element without the CycloneDX namespace".to_owned()
            } else {
                format!("a <bom> element in namespace {ns:?}, not a CycloneDX namespace")
            },
        });
    };
    let minor = match version {
        "1.2" => 2,
        "1.3" => 3,
        "1.4" => 4,
        "1.5" => 5,
        "1.6" => 6,
        "1.7" => 7,
        _ => {
            return Err(SbomError::UnsupportedVersion {
                format: "cyclonedx",
                version: version.to_owned(),
                pointer: at_root,
            });
        }
    };

    let mut v = schema::Validator::new(
        schema::schema(),
        minor,
        ns,
        &lines,
        crate::license_ids::is_license_id,
    );
    v.validate_bom(root);
    let errors = v.errors;

    let mut r = Reader {
        ns,
        lines: &lines,
        sbom: Sbom::new(DocumentFormat::CycloneDxXml, version),
        component_locations: Vec::new(),
        relationship_locations: Vec::new(),
        warnings: Vec::new(),
        errors,
        services: HashSet::new(),
    };
    r.bom(root);
    Ok(Checked {
        sbom: r.sbom,
        errors: r.errors,
        warnings: r.warnings,
        component_locations: r.component_locations,
        relationship_locations: r.relationship_locations,
    })
}

/// Refuses too-deep nesting and too-long text before anything else looks at the tree.
fn check_limits(doc: &roxmltree::Document<'_>, lines: &Lines<'_>) -> Result<(), SbomError> {
    // Depth by parent, in document order: parents come before their children.
    let mut depth: Vec<u32> = Vec::new();
    for n in doc.descendants() {
        let id = n.id().get_usize();
        let d = n
            .parent()
            .and_then(|p| depth.get(p.id().get_usize()).copied())
            .unwrap_or(0)
            + u32::from(n.is_element());
        if depth.len() <= id {
            depth.resize(id + 1, 0);
        }
        depth[id] = d;
        match n.node_type() {
            NodeType::Element => {
                if d as usize > MAX_DEPTH {
                    return Err(syntax(
                        lines,
                        n.range().start,
                        format!("elements nest more than {MAX_DEPTH} levels deep"),
                    ));
                }
                for a in n.attributes() {
                    if a.value().len() > MAX_STRING_BYTES {
                        return Err(syntax(
                            lines,
                            a.range().start,
                            format!(
                                "attribute {} is {} bytes long, more than the {MAX_STRING_BYTES} accepted",
                                a.name(),
                                a.value().len()
                            ),
                        ));
                    }
                }
            }
            NodeType::Text | NodeType::Comment | NodeType::PI => {
                let len = n.text().map_or(0, str::len);
                if len > MAX_STRING_BYTES {
                    return Err(syntax(
                        lines,
                        n.range().start,
                        format!(
                            "a text of {len} bytes is longer than the {MAX_STRING_BYTES} accepted"
                        ),
                    ));
                }
            }
            NodeType::Root => {}
        }
    }
    Ok(())
}

/// Fills the model from a document (valid or not: what can be read is read).
struct Reader<'a, 'l> {
    ns: &'a str,
    lines: &'l Lines<'l>,
    sbom: Sbom,
    component_locations: Vec<String>,
    relationship_locations: Vec<String>,
    warnings: Vec<Diagnostic>,
    errors: Vec<Diagnostic>,
    /// Refs of services: the model has no services, so edges touching them are left out.
    services: HashSet<String>,
}

/// The child elements of `n` named `name` in namespace `ns`.
fn kids<'a, 'i: 'a>(
    ns: &'a str,
    n: Node<'a, 'i>,
    name: &'static str,
) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    n.children().filter(move |c| {
        c.is_element() && c.tag_name().name() == name && c.tag_name().namespace() == Some(ns)
    })
}

impl Reader<'_, '_> {
    fn kid<'a, 'i>(&self, n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
        n.children().find(|c| {
            c.is_element()
                && c.tag_name().name() == name
                && c.tag_name().namespace() == Some(self.ns)
        })
    }

    fn kid_text(&self, n: Node<'_, '_>, name: &str) -> Option<String> {
        self.kid(n, name).map(text)
    }

    fn at(&self, n: Node<'_, '_>) -> String {
        self.lines.at(n.range().start)
    }

    fn bom(&mut self, root: Node<'_, '_>) {
        let m = &mut self.sbom.metadata;
        m.serial_number = root.attribute("serialNumber").map(str::to_owned);
        m.version = root
            .attribute("version")
            .and_then(|v| v.trim().parse().ok());
        if let Some(list) = self.kid(root, "services") {
            self.collect_services(list, 0);
        }
        if let Some(meta) = self.kid(root, "metadata") {
            self.metadata(meta);
        }
        if let Some(list) = self.kid(root, "components") {
            for (i, c) in kids(self.ns, list, "component").enumerate() {
                self.component(c, format!("/components/{i}"), None);
            }
        }
        if let Some(deps) = self.kid(root, "dependencies") {
            for d in kids(self.ns, deps, "dependency") {
                self.dependency(d, 0);
            }
        }
        if let Some(comps) = self.kid(root, "compositions") {
            for c in kids(self.ns, comps, "composition") {
                let refs = |list: Option<Node<'_, '_>>, item: &'static str| -> Vec<String> {
                    list.map(|l| {
                        kids(self.ns, l, item)
                            .filter_map(|a| a.attribute("ref").map(str::to_owned))
                            .collect()
                    })
                    .unwrap_or_default()
                };
                let composition = Composition {
                    aggregate: self
                        .kid_text(c, "aggregate")
                        .and_then(|a| Aggregate::parse(a.trim()))
                        .unwrap_or(Aggregate::NotSpecified),
                    assemblies: refs(self.kid(c, "assemblies"), "assembly"),
                    dependencies: refs(self.kid(c, "dependencies"), "dependency"),
                };
                self.sbom.compositions.push(composition);
            }
        }
    }

    fn collect_services(&mut self, list: Node<'_, '_>, depth: usize) {
        for s in kids(self.ns, list, "service") {
            if let Some(r) = s.attribute("bom-ref") {
                self.services.insert(r.to_owned());
            }
            if let Some(nested) = self.kid(s, "services")
                && depth < MAX_DEPTH
            {
                self.collect_services(nested, depth + 1);
            }
        }
    }

    fn metadata(&mut self, meta: Node<'_, '_>) {
        let timestamp = self
            .kid_text(meta, "timestamp")
            .and_then(|t| parse_timestamp(t.trim()));
        let mut tools = Vec::new();
        if let Some(t) = self.kid(meta, "tools") {
            for tool in kids(self.ns, t, "tool") {
                tools.push(Tool {
                    vendor: self.kid_text(tool, "vendor"),
                    name: self.kid_text(tool, "name"),
                    version: self.kid_text(tool, "version"),
                });
            }
            if let Some(cs) = self.kid(t, "components") {
                for c in kids(self.ns, cs, "component") {
                    let vendor = self
                        .kid(c, "manufacturer")
                        .and_then(|m| self.kid_text(m, "name"))
                        .or_else(|| self.kid_text(c, "publisher"))
                        .or_else(|| self.kid_text(c, "group"));
                    tools.push(Tool {
                        vendor,
                        name: self.kid_text(c, "name"),
                        version: self.kid_text(c, "version"),
                    });
                }
            }
            if let Some(ss) = self.kid(t, "services") {
                for s in kids(self.ns, ss, "service") {
                    let vendor = self
                        .kid(s, "provider")
                        .and_then(|p| self.kid_text(p, "name"))
                        .or_else(|| self.kid_text(s, "group"));
                    tools.push(Tool {
                        vendor,
                        name: self.kid_text(s, "name"),
                        version: self.kid_text(s, "version"),
                    });
                }
            }
        }
        let authors = self
            .kid(meta, "authors")
            .map(|a| {
                kids(self.ns, a, "author")
                    .map(|c| self.contact(c))
                    .collect()
            })
            .unwrap_or_default();
        let supplier = self.kid(meta, "supplier").map(|s| self.entity(s));
        let manufacturer = self
            .kid(meta, "manufacturer")
            .or_else(|| self.kid(meta, "manufacture"))
            .map(|s| self.entity(s));
        let lifecycles = self
            .kid(meta, "lifecycles")
            .map(|l| {
                kids(self.ns, l, "lifecycle")
                    .filter_map(|lc| {
                        self.kid_text(lc, "phase")
                            .or_else(|| self.kid_text(lc, "name"))
                    })
                    .collect()
            })
            .unwrap_or_default();
        // Like the JSON reader: the first license is the document's data license.
        let data_license = self
            .kid(meta, "licenses")
            .and_then(|l| self.licenses(l).first().map(|l| l.as_text().to_owned()));
        let mut properties = Vec::new();
        let all = self
            .kid(meta, "properties")
            .map(|p| self.properties(p))
            .unwrap_or_default();
        let m = &mut self.sbom.metadata;
        for p in all {
            match p.name.as_str() {
                PROP_DOCUMENT_NAME => m.name = Some(p.value),
                PROP_COMMENT => m.comment = Some(p.value),
                PROP_SERIAL if m.serial_number.is_none() => m.serial_number = Some(p.value),
                _ => properties.push(p),
            }
        }
        m.timestamp = timestamp;
        m.tools = tools;
        m.authors = authors;
        m.supplier = supplier;
        m.manufacturer = manufacturer;
        m.lifecycles = lifecycles;
        m.data_license = data_license;
        m.properties = properties;
        if let Some(c) = self.kid(meta, "component") {
            let r = self.component(c, "/metadata/component".to_owned(), None);
            self.sbom.metadata.primary = Some(r);
        }
    }

    fn entity(&self, n: Node<'_, '_>) -> Party {
        Party {
            name: self.kid_text(n, "name"),
            urls: kids(self.ns, n, "url").map(text).collect(),
            emails: kids(self.ns, n, "contact")
                .flat_map(|c| kids(self.ns, c, "email").map(text))
                .collect(),
            organization: true,
        }
    }

    fn contact(&self, n: Node<'_, '_>) -> Party {
        Party {
            name: self.kid_text(n, "name"),
            emails: kids(self.ns, n, "email").map(text).collect(),
            urls: Vec::new(),
            organization: false,
        }
    }

    fn licenses(&self, n: Node<'_, '_>) -> Vec<LicenseChoice> {
        let mut out = Vec::new();
        for c in n
            .children()
            .filter(|c| c.is_element() && c.tag_name().namespace() == Some(self.ns))
        {
            match c.tag_name().name() {
                "license" => {
                    if let Some(id) = self.kid_text(c, "id") {
                        out.push(LicenseChoice::Id(id));
                    } else if let Some(name) = self.kid_text(c, "name") {
                        out.push(LicenseChoice::Name(name));
                    }
                }
                "expression" => out.push(LicenseChoice::Expression(text(c))),
                "expression-detailed" => {
                    if let Some(e) = c.attribute("expression") {
                        out.push(LicenseChoice::Expression(e.to_owned()));
                    }
                }
                _ => {}
            }
        }
        out
    }

    fn properties(&self, n: Node<'_, '_>) -> Vec<Property> {
        kids(self.ns, n, "property")
            .map(|p| Property {
                name: p.attribute("name").unwrap_or("").to_owned(),
                value: text(p),
            })
            .collect()
    }

    /// Adds a component and, after it, the components nested in it; returns its ref.
    fn component(&mut self, n: Node<'_, '_>, pointer: String, parent: Option<String>) -> String {
        let bom_ref = n
            .attribute("bom-ref")
            .map_or_else(|| format!("{GENERATED_REF_PREFIX}{pointer}"), str::to_owned);
        let mut c = Component {
            bom_ref: bom_ref.clone(),
            kind: n.attribute("type").map(ComponentKind::parse),
            name: self.kid_text(n, "name").unwrap_or_default(),
            version: self.kid_text(n, "version").into(),
            group: self.kid_text(n, "group"),
            supplier: self.kid(n, "supplier").map(|s| self.entity(s)).into(),
            manufacturer: self.kid(n, "manufacturer").map(|s| self.entity(s)),
            author: self.kid_text(n, "author"),
            authors: self
                .kid(n, "authors")
                .map(|a| {
                    kids(self.ns, a, "author")
                        .map(|c| self.contact(c))
                        .collect()
                })
                .unwrap_or_default(),
            publisher: self.kid_text(n, "publisher"),
            purl: self.kid_text(n, "purl"),
            cpe: self.kid_text(n, "cpe"),
            swid: self.kid(n, "swid").map(|s| Swid {
                tag_id: s.attribute("tagId").unwrap_or("").to_owned(),
                name: s.attribute("name").unwrap_or("").to_owned(),
                version: s.attribute("version").map(str::to_owned),
            }),
            omnibor_ids: kids(self.ns, n, "omniborId").map(text).collect(),
            swhids: kids(self.ns, n, "swhid").map(text).collect(),
            hashes: Vec::new(),
            licenses: self.kid(n, "licenses").map(|l| self.licenses(l)).into(),
            copyright: self.kid_text(n, "copyright").into(),
            description: self.kid_text(n, "description"),
            scope: self.kid_text(n, "scope").and_then(|s| match s.as_str() {
                "required" => Some(Scope::Required),
                "optional" => Some(Scope::Optional),
                "excluded" => Some(Scope::Excluded),
                _ => None,
            }),
            external_refs: self
                .kid(n, "externalReferences")
                .map(|e| {
                    kids(self.ns, e, "reference")
                        .map(|r| ExternalRef {
                            kind: r.attribute("type").unwrap_or("other").to_owned(),
                            url: self.kid_text(r, "url").unwrap_or_default(),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            properties: Vec::new(),
            fda: FdaSupport::default(),
            parent: parent.clone(),
            provenance: None,
        };
        if let Some(hs) = self.kid(n, "hashes") {
            for h in kids(self.ns, hs, "hash") {
                let alg = h.attribute("alg").unwrap_or("");
                let value = text(h).trim().to_ascii_lowercase();
                // The schema accepts any known length for any algorithm; the
                // algorithm itself fixes the length (as the JSON reader checks).
                if vocab::HASH_ALGORITHMS.knows(alg)
                    && [32, 40, 64, 96, 128].contains(&value.len())
                    && value.bytes().all(|b| b.is_ascii_hexdigit())
                    && !vocab::is_valid_digest(alg, &value)
                {
                    self.errors.push(Diagnostic::new(
                        self.at(h),
                        format!(
                            "a {alg} digest has {} hex digits, not {} (at {})",
                            vocab::hash_digest_lengths(alg)
                                .and_then(|l| l.first())
                                .copied()
                                .unwrap_or(0),
                            value.len(),
                            path(h)
                        ),
                    ));
                }
                c.hashes.push(Hash {
                    alg: HashAlg::parse(alg),
                    value,
                });
            }
        }
        if let Some(ps) = self.kid(n, "properties") {
            for p in self.properties(ps) {
                self.take_property(&mut c, p, ps);
            }
        }
        // 1.7: a range instead of a version, and whether the component is external;
        // 1.6 has neither, so they travel as properties.
        if let Some(range) = self.kid_text(n, "versionRange") {
            c.properties.push(Property {
                name: PROP_VERSION_RANGE.into(),
                value: range,
            });
        }
        if let Some(x) = n.attribute("isExternal") {
            c.properties.push(Property {
                name: PROP_EXTERNAL.into(),
                value: matches!(x.trim(), "true" | "1").to_string(),
            });
        }
        self.sbom.components.push(c);
        self.component_locations.push(self.at(n));
        if let Some(list) = self.kid(n, "components") {
            for (i, child) in kids(self.ns, list, "component").enumerate() {
                let child_ref = self.component(
                    child,
                    format!("{pointer}/components/{i}"),
                    Some(bom_ref.clone()),
                );
                self.sbom.relationships.push(Relationship {
                    from: bom_ref.clone(),
                    kind: RelKind::Contains,
                    to: RelTarget::Ref(child_ref),
                });
                self.relationship_locations.push(self.at(child));
            }
        }
        bom_ref
    }

    /// FDA support properties go to [`FdaSupport`]; the rest stay properties.
    fn take_property(&mut self, c: &mut Component, p: Property, at: Node<'_, '_>) {
        match p.name.as_str() {
            FdaSupport::LEVEL => c.fda.level_of_support = Some(p.value),
            FdaSupport::JUSTIFICATION => c.fda.justification = Some(p.value),
            PROP_PROVENANCE => c.provenance = Some(p.value),
            PROP_SUPPLIER if !c.supplier.is_declared() => {
                c.supplier = mamori_model::Attr::Value(Party::organization(p.value));
            }
            FdaSupport::END_OF_SUPPORT => match parse_date(p.value.trim()) {
                Some(d) => c.fda.end_of_support = Some(d),
                None => {
                    self.warnings.push(Diagnostic::new(
                        self.at(at),
                        format!(
                            "{} {:?} is not a date (YYYY-MM-DD); kept as a property",
                            FdaSupport::END_OF_SUPPORT,
                            p.value
                        ),
                    ));
                    c.properties.push(p);
                }
            },
            _ => c.properties.push(p),
        }
    }

    fn dependency(&mut self, d: Node<'_, '_>, depth: usize) {
        let Some(from) = d.attribute("ref") else {
            return;
        };
        if self.services.contains(from) {
            return;
        }
        let has_children = d
            .children()
            .any(|c| c.is_element() && c.tag_name().namespace() == Some(self.ns));
        if depth == 0 && !has_children {
            // XML cannot tell "no dependencies" from "not stated"; the JSON
            // reader reads a missing dependsOn as not stated, and so do we.
            self.sbom.relationships.push(Relationship {
                from: from.to_owned(),
                kind: RelKind::DependsOn,
                to: RelTarget::NoAssertion,
            });
            self.relationship_locations.push(self.at(d));
            return;
        }
        for child in d
            .children()
            .filter(|c| c.is_element() && c.tag_name().namespace() == Some(self.ns))
        {
            let kind = match child.tag_name().name() {
                "dependency" => RelKind::DependsOn,
                "provides" => RelKind::Other(PROVIDES.to_owned()),
                _ => continue,
            };
            if let Some(to) = child
                .attribute("ref")
                .filter(|t| !self.services.contains(*t))
            {
                self.sbom.relationships.push(Relationship {
                    from: from.to_owned(),
                    kind,
                    to: RelTarget::Ref(to.to_owned()),
                });
                self.relationship_locations.push(self.at(child));
            }
            // 1.5+ lets a listed dependency carry its own dependencies.
            if child.tag_name().name() == "dependency" && depth < MAX_DEPTH {
                self.dependency(child, depth + 1);
            }
        }
    }
}

fn parse_timestamp(t: &str) -> Option<time::OffsetDateTime> {
    use time::format_description::well_known::Rfc3339;
    time::OffsetDateTime::parse(t, &Rfc3339)
        .ok()
        .or_else(|| time::OffsetDateTime::parse(&format!("{t}Z"), &Rfc3339).ok())
}

fn parse_date(t: &str) -> Option<time::Date> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(t, &fmt).ok()
}
