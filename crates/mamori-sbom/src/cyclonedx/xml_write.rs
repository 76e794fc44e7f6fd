//! Writes the model as CycloneDX 1.6 XML, deterministically, in the element order the 1.6 schema requires.
//!
//! What the model holds survives a write → read, with these choices: nested
//! components are written nested under their parent (their `Contains` edges
//! come back from the nesting); `DependsOn` edges become `dependencies`
//! (`PROVIDES` edges `provides`); other relationship kinds have no CycloneDX
//! form and are left out. Generated refs (`mamori:gen:…`) are written only
//! when a dependency or composition needs them. Values the 1.6 schema would
//! refuse are not written as such: an unknown component type becomes
//! `library`, an unknown external reference type `other`, a hash that is not
//! a known algorithm with a hex digest is left out, characters XML 1.0 cannot
//! carry are dropped.

use super::{
    GENERATED_REF_PREFIX, PROP_COMMENT, PROP_DOCUMENT_NAME, PROP_PROVENANCE, PROP_SERIAL, PROVIDES,
};
use crate::cyclonedx::vocab::{self, SpecVersion};
use mamori_model::{
    Attr, Component, ComponentKind, FdaSupport, LicenseChoice, Party, RelKind, RelTarget, Sbom,
    Scope,
};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use std::collections::{HashMap, HashSet};

const NS: &str = "http://cyclonedx.org/schema/bom/1.6";

/// Writes `sbom` as CycloneDX 1.6 XML.
pub(crate) fn write(sbom: &Sbom) -> Vec<u8> {
    let mut w = Out {
        w: Writer::new_with_indent(Vec::new(), b' ', 2),
    };
    w.ev(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    let version = sbom.metadata.version.unwrap_or(1).max(1).to_string();
    let mut attrs = vec![("xmlns", NS)];
    if let Some(s) = sbom
        .metadata
        .serial_number
        .as_deref()
        .filter(|s| is_urn_uuid(s))
    {
        attrs.push(("serialNumber", s));
    }
    attrs.push(("version", &version));
    w.open("bom", &attrs);

    let needed = needed_refs(sbom);
    let mut children: HashMap<&str, Vec<usize>> = HashMap::new();
    let known: HashSet<&str> = sbom.components.iter().map(|c| c.bom_ref.as_str()).collect();
    for (i, c) in sbom.components.iter().enumerate() {
        if let Some(p) = c
            .parent
            .as_deref()
            .filter(|p| known.contains(p) && *p != c.bom_ref)
        {
            children.entry(p).or_default().push(i);
        }
    }
    let ctx = Ctx {
        sbom,
        needed,
        children,
    };
    let mut written = vec![false; sbom.components.len()];
    metadata(&mut w, &ctx, &mut written);

    let tops: Vec<usize> = (0..sbom.components.len())
        .filter(|i| !written[*i] && !ctx.is_nested(&sbom.components[*i]))
        .collect();
    // Anything still unwritten after the tree walk (a parent cycle) goes to the top too.
    if !tops.is_empty() || sbom.components.iter().any(|c| ctx.is_nested(c)) {
        w.open("components", &[]);
        for i in tops {
            component(&mut w, &ctx, i, &mut written);
        }
        for i in 0..sbom.components.len() {
            if !written[i] {
                component(&mut w, &ctx, i, &mut written);
            }
        }
        w.close("components");
    }
    dependencies(&mut w, sbom);
    compositions(&mut w, sbom);
    w.close("bom");
    let mut out = w.w.into_inner();
    out.push(b'\n');
    out
}

struct Ctx<'a> {
    sbom: &'a Sbom,
    needed: HashSet<&'a str>,
    children: HashMap<&'a str, Vec<usize>>,
}

impl Ctx<'_> {
    fn is_nested(&self, c: &Component) -> bool {
        c.parent
            .as_deref()
            .is_some_and(|p| p != c.bom_ref && self.sbom.components.iter().any(|o| o.bom_ref == p))
    }
}

/// Refs a dependency or composition names: generated ones among them must be written.
fn needed_refs(sbom: &Sbom) -> HashSet<&str> {
    let mut out = HashSet::new();
    for r in &sbom.relationships {
        if matches!(r.kind, RelKind::DependsOn) || is_provides(&r.kind) {
            out.insert(r.from.as_str());
            if let RelTarget::Ref(t) = &r.to {
                out.insert(t.as_str());
            }
        }
    }
    for c in &sbom.compositions {
        out.extend(c.assemblies.iter().map(String::as_str));
        out.extend(c.dependencies.iter().map(String::as_str));
    }
    out
}

fn is_provides(k: &RelKind) -> bool {
    matches!(k, RelKind::Other(s) if s.eq_ignore_ascii_case(PROVIDES))
}

/// Whether `s` fits the schema's serial number pattern (`urn:uuid:` + lower-case UUID).
fn is_urn_uuid(s: &str) -> bool {
    s.strip_prefix("urn:uuid:").is_some_and(|u| {
        u.len() == 36
            && u.bytes().enumerate().all(|(i, c)| match i {
                8 | 13 | 18 | 23 => c == b'-',
                _ => c.is_ascii_digit() || (b'a'..=b'f').contains(&c),
            })
    })
}

fn metadata(w: &mut Out, ctx: &Ctx<'_>, written: &mut [bool]) {
    let m = &ctx.sbom.metadata;
    // Document fields CycloneDX has no place for travel as properties, as in JSON.
    let mut props: Vec<(&str, &str)> = m
        .properties
        .iter()
        .map(|p| (p.name.as_str(), p.value.as_str()))
        .collect();
    if let Some(n) = &m.name {
        props.push((PROP_DOCUMENT_NAME, n));
    }
    if let Some(c) = &m.comment {
        props.push((PROP_COMMENT, c));
    }
    if let Some(s) = m.serial_number.as_deref().filter(|s| !is_urn_uuid(s)) {
        props.push((PROP_SERIAL, s));
    }
    let primary = m
        .primary
        .as_deref()
        .and_then(|p| ctx.sbom.components.iter().position(|c| c.bom_ref == p));
    let empty = m.timestamp.is_none()
        && m.lifecycles.is_empty()
        && m.tools.is_empty()
        && m.authors.is_empty()
        && primary.is_none()
        && m.manufacturer.is_none()
        && m.supplier.is_none()
        && m.data_license.is_none()
        && props.is_empty();
    if empty {
        return;
    }
    w.open("metadata", &[]);
    if let Some(t) = m.timestamp.and_then(|t| {
        t.format(&time::format_description::well_known::Rfc3339)
            .ok()
    }) {
        w.leaf("timestamp", &[], &t);
    }
    if !m.lifecycles.is_empty() {
        w.open("lifecycles", &[]);
        for l in &m.lifecycles {
            w.open("lifecycle", &[]);
            if vocab::LIFECYCLE_PHASES.allows(l, SpecVersion::V1_6) {
                w.leaf("phase", &[], l);
            } else {
                w.leaf("name", &[], l);
            }
            w.close("lifecycle");
        }
        w.close("lifecycles");
    }
    if !m.tools.is_empty() {
        w.open("tools", &[]);
        for t in &m.tools {
            w.open("tool", &[]);
            w.opt("vendor", t.vendor.as_deref());
            w.opt("name", t.name.as_deref());
            w.opt("version", t.version.as_deref());
            w.close("tool");
        }
        w.close("tools");
    }
    if !m.authors.is_empty() {
        w.open("authors", &[]);
        for a in &m.authors {
            contact(w, "author", a);
        }
        w.close("authors");
    }
    if let Some(i) = primary {
        component_as(w, ctx, i, written, "component");
    }
    if let Some(p) = &m.manufacturer {
        entity(w, "manufacturer", p);
    }
    if let Some(p) = &m.supplier {
        entity(w, "supplier", p);
    }
    if let Some(l) = &m.data_license {
        w.open("licenses", &[]);
        let choice = if crate::license_ids::is_license_id(l) {
            LicenseChoice::Id(l.clone())
        } else if [" AND ", " OR ", " WITH ", "("]
            .iter()
            .any(|k| l.contains(k))
        {
            LicenseChoice::Expression(l.clone())
        } else {
            LicenseChoice::Name(l.clone())
        };
        license(w, &choice);
        w.close("licenses");
    }
    if !props.is_empty() {
        w.open("properties", &[]);
        for (n, v) in props {
            w.leaf("property", &[("name", n)], v);
        }
        w.close("properties");
    }
    w.close("metadata");
}

fn entity(w: &mut Out, tag: &str, p: &Party) {
    w.open(tag, &[]);
    w.opt("name", p.name.as_deref());
    for u in &p.urls {
        w.leaf("url", &[], u);
    }
    for e in &p.emails {
        w.open("contact", &[]);
        w.leaf("email", &[], e);
        w.close("contact");
    }
    w.close(tag);
}

fn contact(w: &mut Out, tag: &str, p: &Party) {
    w.open(tag, &[]);
    w.opt("name", p.name.as_deref());
    w.opt("email", p.emails.first().map(String::as_str));
    w.close(tag);
}

fn license(w: &mut Out, l: &LicenseChoice) {
    match l {
        LicenseChoice::Id(id) if crate::license_ids::is_license_id(id) => {
            w.open("license", &[]);
            w.leaf("id", &[], id);
            w.close("license");
        }
        LicenseChoice::Id(s) | LicenseChoice::Name(s) => {
            w.open("license", &[]);
            w.leaf("name", &[], s);
            w.close("license");
        }
        LicenseChoice::Expression(e) => w.leaf("expression", &[], e),
    }
}

fn component(w: &mut Out, ctx: &Ctx<'_>, i: usize, written: &mut [bool]) {
    component_as(w, ctx, i, written, "component");
}

fn component_as(w: &mut Out, ctx: &Ctx<'_>, i: usize, written: &mut [bool], tag: &str) {
    if written[i] {
        return;
    }
    written[i] = true;
    let c = &ctx.sbom.components[i];
    let kind = c
        .kind
        .as_ref()
        .filter(|k| vocab::COMPONENT_TYPES.allows(k.as_str(), SpecVersion::V1_6))
        .unwrap_or(&ComponentKind::Library);
    let mut attrs = vec![("type", kind.as_str())];
    let generated = c.bom_ref.starts_with(GENERATED_REF_PREFIX);
    if !c.bom_ref.is_empty() && (!generated || ctx.needed.contains(c.bom_ref.as_str())) {
        attrs.push(("bom-ref", c.bom_ref.as_str()));
    }
    w.open(tag, &attrs);
    if let Attr::Value(p) = &c.supplier {
        entity(w, "supplier", p);
    }
    if let Some(p) = &c.manufacturer {
        entity(w, "manufacturer", p);
    }
    if !c.authors.is_empty() {
        w.open("authors", &[]);
        for a in &c.authors {
            contact(w, "author", a);
        }
        w.close("authors");
    }
    w.opt("author", c.author.as_deref());
    w.opt("publisher", c.publisher.as_deref());
    w.opt("group", c.group.as_deref());
    w.leaf("name", &[], &c.name);
    w.opt("version", c.version.value().map(String::as_str));
    w.opt("description", c.description.as_deref());
    if let Some(s) = c.scope {
        let s = match s {
            Scope::Required => "required",
            Scope::Optional => "optional",
            Scope::Excluded => "excluded",
        };
        w.leaf("scope", &[], s);
    }
    let hashes: Vec<_> = c
        .hashes
        .iter()
        .filter(|h| {
            vocab::HASH_ALGORITHMS.allows(h.alg.cyclonedx_name(), SpecVersion::V1_6)
                && matches!(h.value.len(), 32 | 40 | 64 | 96 | 128)
                && h.value.bytes().all(|b| b.is_ascii_hexdigit())
        })
        .collect();
    if !hashes.is_empty() {
        w.open("hashes", &[]);
        for h in hashes {
            w.leaf("hash", &[("alg", h.alg.cyclonedx_name())], &h.value);
        }
        w.close("hashes");
    }
    if let Attr::Value(ls) = &c.licenses {
        w.open("licenses", &[]);
        if ls.len() > 1 && ls.iter().any(|l| matches!(l, LicenseChoice::Expression(_))) {
            // 1.6 XML allows several licenses or one expression, not both.
            let joined: Vec<String> = ls.iter().map(|l| format!("({})", l.as_text())).collect();
            w.leaf("expression", &[], &joined.join(" AND "));
        } else {
            for l in ls {
                license(w, l);
            }
        }
        w.close("licenses");
    }
    if let Attr::Value(cr) = &c.copyright {
        w.leaf("copyright", &[], cr);
    }
    w.opt("cpe", c.cpe.as_deref());
    w.opt("purl", c.purl.as_deref());
    for o in &c.omnibor_ids {
        w.leaf("omniborId", &[], o);
    }
    for s in &c.swhids {
        w.leaf("swhid", &[], s);
    }
    if let Some(s) = &c.swid {
        let mut a = vec![("tagId", s.tag_id.as_str()), ("name", s.name.as_str())];
        if let Some(v) = &s.version {
            a.push(("version", v));
        }
        w.empty("swid", &a);
    }
    if !c.external_refs.is_empty() {
        w.open("externalReferences", &[]);
        for e in &c.external_refs {
            let kind = if vocab::EXTERNAL_REFERENCE_TYPES.allows(&e.kind, SpecVersion::V1_6) {
                e.kind.as_str()
            } else {
                "other"
            };
            w.open("reference", &[("type", kind)]);
            w.leaf("url", &[], &e.url);
            w.close("reference");
        }
        w.close("externalReferences");
    }
    let mut props: Vec<(&str, String)> = c
        .properties
        .iter()
        .map(|p| (p.name.as_str(), p.value.clone()))
        .collect();
    if let Some(l) = &c.fda.level_of_support {
        props.push((FdaSupport::LEVEL, l.clone()));
    }
    if let Some(d) = c.fda.end_of_support {
        let fmt = time::macros::format_description!("[year]-[month]-[day]");
        if let Ok(s) = d.format(&fmt) {
            props.push((FdaSupport::END_OF_SUPPORT, s));
        }
    }
    if let Some(j) = &c.fda.justification {
        props.push((FdaSupport::JUSTIFICATION, j.clone()));
    }
    if let Some(p) = &c.provenance {
        props.push((PROP_PROVENANCE, p.clone()));
    }
    if !props.is_empty() {
        w.open("properties", &[]);
        for (n, v) in &props {
            w.leaf("property", &[("name", n)], v);
        }
        w.close("properties");
    }
    let kids: Vec<usize> = ctx
        .children
        .get(c.bom_ref.as_str())
        .map(|k| k.iter().copied().filter(|k| !written[*k]).collect())
        .unwrap_or_default();
    if !kids.is_empty() {
        w.open("components", &[]);
        for k in kids {
            component(w, ctx, k, written);
        }
        w.close("components");
    }
    w.close(tag);
}

fn dependencies(w: &mut Out, sbom: &Sbom) {
    let mut order: Vec<&str> = Vec::new();
    let mut edges: HashMap<&str, Vec<(&str, bool)>> = HashMap::new();
    for r in &sbom.relationships {
        let provides = is_provides(&r.kind);
        if !(matches!(r.kind, RelKind::DependsOn) || provides) {
            continue;
        }
        let list = edges.entry(r.from.as_str()).or_insert_with(|| {
            order.push(r.from.as_str());
            Vec::new()
        });
        if let RelTarget::Ref(t) = &r.to {
            list.push((t.as_str(), provides));
        }
    }
    if order.is_empty() {
        return;
    }
    w.open("dependencies", &[]);
    for from in order {
        let list = &edges[from];
        if list.is_empty() {
            w.empty("dependency", &[("ref", from)]);
            continue;
        }
        w.open("dependency", &[("ref", from)]);
        // The schema's sequence puts each dependency before any provides.
        for (to, _) in list.iter().filter(|(_, p)| !p) {
            w.empty("dependency", &[("ref", to)]);
        }
        for (to, _) in list.iter().filter(|(_, p)| *p) {
            w.empty("provides", &[("ref", to)]);
        }
        w.close("dependency");
    }
    w.close("dependencies");
}

fn compositions(w: &mut Out, sbom: &Sbom) {
    if sbom.compositions.is_empty() {
        return;
    }
    w.open("compositions", &[]);
    for c in &sbom.compositions {
        w.open("composition", &[]);
        w.leaf("aggregate", &[], c.aggregate.as_str());
        if !c.assemblies.is_empty() {
            w.open("assemblies", &[]);
            for a in &c.assemblies {
                w.empty("assembly", &[("ref", a)]);
            }
            w.close("assemblies");
        }
        if !c.dependencies.is_empty() {
            w.open("dependencies", &[]);
            for a in &c.dependencies {
                w.empty("dependency", &[("ref", a)]);
            }
            w.close("dependencies");
        }
        w.close("composition");
    }
    w.close("compositions");
}

/// Characters XML 1.0 can carry.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Escapes text so a parser gives back exactly `s` (carriage returns survive as `&#13;`).
fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().filter(|c| xml_char(*c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes an attribute value; white space other than spaces is written as references so normalisation keeps it.
fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().filter(|c| xml_char(*c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

struct Out {
    w: Writer<Vec<u8>>,
}

impl Out {
    fn ev(&mut self, e: Event<'_>) {
        // Writing into a Vec cannot fail.
        let _ = self.w.write_event(e);
    }

    fn start(name: &str, attrs: &[(&str, &str)]) -> BytesStart<'static> {
        let mut s = name.to_owned();
        for (k, v) in attrs {
            s.push(' ');
            s.push_str(k);
            s.push_str("=\"");
            s.push_str(&escape_attr(v));
            s.push('"');
        }
        BytesStart::from_content(s, name.len())
    }

    fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.ev(Event::Start(Self::start(name, attrs)));
    }

    fn close(&mut self, name: &str) {
        self.ev(Event::End(BytesEnd::new(name)));
    }

    fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.ev(Event::Empty(Self::start(name, attrs)));
    }

    fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.ev(Event::Start(Self::start(name, attrs)));
        self.ev(Event::Text(BytesText::from_escaped(escape_text(text))));
        self.ev(Event::End(BytesEnd::new(name)));
    }

    fn opt(&mut self, name: &str, text: Option<&str>) {
        if let Some(t) = text {
            self.leaf(name, &[], t);
        }
    }
}
