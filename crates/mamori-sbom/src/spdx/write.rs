//! The model as an SPDX 2.3 document in the neutral form, ready for either
//! syntax. Models read from CycloneDX must come out valid too: ids are made
//! into `SPDXRef-` ids (one mapping for components and relationships), the
//! primary component is DESCRIBED, required fields get `NOASSERTION`, and
//! compositions become relationships to `NONE` / `NOASSERTION`.

use super::build::valid_spdx_id;
use super::{CHECKSUM_ALGORITHMS, Doc, Elem, Kind, PROP, RELATIONSHIP_TYPES, TAGS, license};
use mamori_model::{
    Aggregate, Attr, Component, ComponentKind, FdaSupport, LicenseChoice, Party, RelKind,
    RelTarget, Sbom,
};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

const DOC_ID: &str = "SPDXRef-DOCUMENT";

/// Letters, digits, `.` and `-` only.
fn sanitize(s: &str) -> String {
    let out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if out.is_empty() { "x".into() } else { out }
}

fn party(p: &Party) -> String {
    let kind = if p.organization {
        "Organization"
    } else {
        "Person"
    };
    // Parentheses would end the name early for a reader.
    let name = p
        .name
        .as_deref()
        .or(p.emails.first().map(String::as_str))
        .unwrap_or("NOASSERTION")
        .replace(['(', ')', '\n'], " ");
    match p.emails.first() {
        Some(e) => format!("{kind}: {} ({e})", name.trim()),
        None => format!("{kind}: {}", name.trim()),
    }
}

/// The document's creation time as SPDX writes it. A model without one gets
/// the epoch: this crate has no clock, and output must be deterministic.
fn created(sbom: &Sbom) -> String {
    let t = sbom
        .metadata
        .timestamp
        .map_or(time::OffsetDateTime::UNIX_EPOCH, |t| {
            t.to_offset(time::UtcOffset::UTC)
        });
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// A stable digest of the document's identity, for a made-up namespace.
fn fnv(parts: impl Iterator<Item = impl AsRef<[u8]>>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.as_ref().iter().chain(&[0]) {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

struct Writer<'s> {
    sbom: &'s Sbom,
    /// Model ref → SPDX id.
    ids: HashMap<&'s str, String>,
    /// Licenses known by name only, given `LicenseRef-` ids: id → name.
    named: Vec<(String, String)>,
}

impl<'s> Writer<'s> {
    fn id_of(&self, r: &str) -> Option<String> {
        if r == DOC_ID || r.starts_with("DocumentRef-") {
            return Some(r.to_owned());
        }
        self.ids.get(r).cloned()
    }

    fn license_ref(&mut self, name: &str) -> String {
        if let Some((id, _)) = self.named.iter().find(|(_, n)| n == name) {
            return id.clone();
        }
        let base = format!("LicenseRef-{}", sanitize(name));
        let mut id = base.clone();
        let mut n = 2;
        while self.named.iter().any(|(i, _)| *i == id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.named.push((id.clone(), name.to_owned()));
        id
    }

    fn render(&mut self, l: &Attr<Vec<LicenseChoice>>) -> Option<String> {
        let list = match l {
            Attr::Absent => return None,
            Attr::DeclaredUnknown => return Some("NOASSERTION".into()),
            Attr::Value(list) if list.is_empty() => return Some("NONE".into()),
            Attr::Value(list) => list,
        };
        let parts: Vec<String> = list
            .iter()
            .map(|c| match c {
                LicenseChoice::Id(s) | LicenseChoice::Expression(s)
                    if license::parse(s).is_ok() =>
                {
                    s.trim().to_owned()
                }
                other => self.license_ref(other.as_text()),
            })
            .collect();
        if parts.len() == 1 {
            return parts.into_iter().next();
        }
        Some(
            parts
                .iter()
                .map(|p| {
                    if p.contains(' ') {
                        format!("({p})")
                    } else {
                        p.clone()
                    }
                })
                .collect::<Vec<_>>()
                .join(" AND "),
        )
    }
}

fn props(c: &Component) -> HashMap<&str, Vec<&str>> {
    let mut m: HashMap<&str, Vec<&str>> = HashMap::new();
    for p in &c.properties {
        if let Some(k) = p.name.strip_prefix(PROP) {
            m.entry(k).or_default().push(p.value.as_str());
        }
    }
    m
}

fn purpose(kind: Option<&ComponentKind>) -> Option<&'static str> {
    Some(match kind? {
        ComponentKind::Application => "APPLICATION",
        ComponentKind::Framework => "FRAMEWORK",
        ComponentKind::Library => "LIBRARY",
        ComponentKind::Container => "CONTAINER",
        ComponentKind::OperatingSystem => "OPERATING_SYSTEM",
        ComponentKind::Device => "DEVICE",
        ComponentKind::Firmware => "FIRMWARE",
        ComponentKind::File => "FILE",
        ComponentKind::Other(s) => match s.as_str() {
            "source" => "SOURCE",
            "archive" => "ARCHIVE",
            "install" => "INSTALL",
            _ => "OTHER",
        },
        _ => "OTHER",
    })
}

/// The model as an SPDX 2.3 document.
pub(super) fn to_doc(sbom: &Sbom) -> Doc<'_> {
    let mut ids = HashMap::new();
    let mut used: HashSet<String> = HashSet::new();
    used.insert(DOC_ID.into());
    for (i, c) in sbom.components.iter().enumerate() {
        if ids.contains_key(c.bom_ref.as_str()) {
            continue;
        }
        let base = if valid_spdx_id(&c.bom_ref) {
            c.bom_ref.clone()
        } else if c.bom_ref.is_empty() {
            format!("SPDXRef-component-{i}")
        } else {
            format!("SPDXRef-{}", sanitize(&c.bom_ref))
        };
        let mut id = base.clone();
        let mut n = 2;
        while used.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        used.insert(id.clone());
        ids.insert(c.bom_ref.as_str(), id);
    }
    let mut w = Writer {
        sbom,
        ids,
        named: Vec::new(),
    };
    let from_spdx = sbom.format.family() == "spdx";
    let created = created(sbom);
    let mut elems = Vec::new();
    let mut annotations = Vec::new();
    for c in &sbom.components {
        let Some(id) = w.ids.get(c.bom_ref.as_str()).cloned() else {
            continue;
        };
        let p = props(c);
        let kind = match p.get("element").and_then(|v| v.first()).copied() {
            Some("file") => Kind::File,
            Some("snippet") => Kind::Snippet,
            _ => Kind::Package,
        };
        elems.push(element(&mut w, c, &id, kind, &p, from_spdx));
        let fda = [
            (FdaSupport::LEVEL, c.fda.level_of_support.clone()),
            (
                FdaSupport::END_OF_SUPPORT,
                c.fda
                    .end_of_support
                    .map(|d| format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())),
            ),
            (FdaSupport::JUSTIFICATION, c.fda.justification.clone()),
        ];
        for (name, value) in fda {
            if let Some(v) = value {
                let mut a = Elem::new(Kind::Annotation, String::new());
                a.push("annotator", "Tool: mamori");
                a.push("annotationDate", created.clone());
                a.push("annotationType", "OTHER");
                a.push("spdxElementId", id.clone());
                a.push("comment", format!("{name}={v}"));
                annotations.push(a);
            }
        }
    }
    let header = header(&w, &created);
    elems.extend(relationships(&w));
    let extracted = licenses(&mut w, &elems);
    elems.extend(extracted);
    elems.extend(annotations);
    Doc {
        json: false,
        version: "2.3".into(),
        header,
        elems,
        errors: Vec::new(),
    }
}

fn header<'s>(w: &Writer<'s>, created: &str) -> Elem<'s> {
    let m = &w.sbom.metadata;
    let dprop = |k: &'static str| {
        m.properties
            .iter()
            .filter(move |p| p.name.strip_prefix(PROP) == Some(k))
            .map(|p| p.value.as_str())
    };
    let mut h = Elem::new(Kind::Document, String::new());
    h.push("spdxVersion", "SPDX-2.3");
    h.push("dataLicense", "CC0-1.0");
    h.push("SPDXID", DOC_ID);
    let name = m
        .name
        .clone()
        .or_else(|| w.sbom.primary_component().map(|c| c.name.clone()))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "sbom".into());
    h.push("name", name.clone());
    let namespace = m
        .serial_number
        .clone()
        .filter(|s| {
            s.split_once(':')
                .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty())
                && !s.contains('#')
                && !s.contains(char::is_whitespace)
        })
        .map(|s| match s.strip_prefix("urn:uuid:") {
            // spdx-tools wants a URI with an authority.
            Some(u) => format!("https://spdx.org/spdxdocs/{}-{u}", sanitize(&name)),
            None => s,
        })
        .unwrap_or_else(|| {
            let h = fnv(std::iter::once(name.as_str())
                .chain(w.sbom.components.iter().map(|c| c.bom_ref.as_str())));
            format!("https://spdx.org/spdxdocs/{}-{h:016x}", sanitize(&name))
        });
    h.push("documentNamespace", namespace);
    for v in dprop("externalDocumentRefs") {
        h.push("externalDocumentRefs", v);
    }
    for v in dprop("creationInfo/licenseListVersion") {
        h.push("creationInfo/licenseListVersion", v);
    }
    let mut creators: Vec<String> = m
        .tools
        .iter()
        .filter_map(|t| {
            let name = t.name.as_deref().filter(|n| !n.is_empty())?;
            Some(match &t.version {
                Some(v) => format!("Tool: {name}-{v}"),
                None => format!("Tool: {name}"),
            })
        })
        .chain(m.authors.iter().map(party))
        .collect();
    if creators.is_empty() {
        creators.push("Tool: mamori".into());
    }
    for c in creators {
        h.push("creationInfo/creators", c);
    }
    h.push("creationInfo/created", created.to_owned());
    for v in dprop("creationInfo/comment") {
        h.push("creationInfo/comment", v);
    }
    if let Some(c) = &m.comment {
        h.push("comment", c.as_str());
    }
    h
}

fn element<'s>(
    w: &mut Writer<'s>,
    c: &'s Component,
    id: &str,
    kind: Kind,
    p: &HashMap<&str, Vec<&'s str>>,
    from_spdx: bool,
) -> Elem<'s> {
    let mut e = Elem::new(kind, String::new());
    let first = |k: &str| p.get(k).and_then(|v| v.first()).copied();
    // External references used up by downloadLocation and homepage.
    let download = c
        .external_refs
        .iter()
        .position(|r| r.kind == "distribution");
    let homepage = c.external_refs.iter().position(|r| r.kind == "website");
    for (_, k, key, _) in TAGS {
        if *k != kind {
            continue;
        }
        let key: &'static str = key;
        match key {
            "SPDXID" => e.push(key, id.to_owned()),
            "name" | "fileName" => e.push(
                key,
                if c.name.is_empty() && kind == Kind::Package {
                    "NOASSERTION"
                } else {
                    c.name.as_str()
                },
            ),
            "versionInfo" => match &c.version {
                Attr::Value(v) => e.push(key, v.as_str()),
                Attr::DeclaredUnknown => e.push(key, "NOASSERTION"),
                Attr::Absent => {}
            },
            "supplier" => match &c.supplier {
                Attr::Value(s) => e.push(key, party(s)),
                Attr::DeclaredUnknown => e.push(key, "NOASSERTION"),
                Attr::Absent => {}
            },
            "originator" => {
                if let Some(m) = &c.manufacturer {
                    e.push(key, party(m));
                } else if let Some(v) = first(key) {
                    e.push(key, v);
                }
            }
            "downloadLocation" => {
                let v = first(key)
                    .or_else(|| download.map(|i| c.external_refs[i].url.as_str()))
                    .unwrap_or("NOASSERTION");
                e.push(key, v);
            }
            "homepage" => {
                if let Some(v) =
                    first(key).or_else(|| homepage.map(|i| c.external_refs[i].url.as_str()))
                {
                    e.push(key, v);
                }
            }
            "filesAnalyzed" => match first(key) {
                Some(v) => e.push(key, v),
                // Without files and a verification code, a package must say
                // its files were not analysed.
                None if !from_spdx => e.push(key, "false"),
                None => {}
            },
            "checksums" => {
                for h in &c.hashes {
                    let alg = h.alg.spdx_name();
                    if CHECKSUM_ALGORITHMS.iter().any(|(a, _)| *a == alg) {
                        e.push(key, format!("{alg}: {}", h.value));
                    }
                }
            }
            "licenseConcluded" => {
                let v = if kind == Kind::Package && p.contains_key("licenseConcluded") {
                    first(key).map(str::to_owned)
                } else {
                    w.render(&c.licenses)
                };
                if let Some(v) = v {
                    e.push(key, v);
                }
            }
            "licenseDeclared" => {
                let v = if p.contains_key("licenseDeclared") {
                    first(key).map(str::to_owned)
                } else {
                    w.render(&c.licenses)
                };
                if let Some(v) = v {
                    e.push(key, v);
                }
            }
            "copyrightText" => match &c.copyright {
                Attr::Value(v) => e.push(key, v.as_str()),
                Attr::DeclaredUnknown => e.push(key, "NOASSERTION"),
                Attr::Absent => {}
            },
            "description" => {
                if let Some(d) = &c.description {
                    e.push(key, d.as_str());
                }
            }
            "primaryPackagePurpose" => {
                if let Some(v) = purpose(c.kind.as_ref()) {
                    e.push(key, v);
                }
            }
            "externalRefs" => {
                let no_space = |s: &str| !s.is_empty() && !s.contains(char::is_whitespace);
                let mut refs: Vec<String> = Vec::new();
                if let Some(purl) = c.purl.as_deref().filter(|s| no_space(s)) {
                    refs.push(format!("PACKAGE-MANAGER purl {purl}"));
                }
                if let Some(cpe) = c.cpe.as_deref().filter(|s| no_space(s)) {
                    let ty = if cpe.starts_with("cpe:2.3:") {
                        "cpe23Type"
                    } else {
                        "cpe22Type"
                    };
                    refs.push(format!("SECURITY {ty} {cpe}"));
                }
                if let Some(s) = c.swid.as_ref().filter(|s| no_space(&s.tag_id)) {
                    refs.push(format!("SECURITY swid {}", s.tag_id));
                }
                for g in c.omnibor_ids.iter().filter(|s| no_space(s)) {
                    refs.push(format!("PERSISTENT-ID gitoid {g}"));
                }
                for s in c.swhids.iter().filter(|s| no_space(s)) {
                    refs.push(format!("PERSISTENT-ID swh {s}"));
                }
                for (i, r) in c.external_refs.iter().enumerate() {
                    if Some(i) == download || Some(i) == homepage || !no_space(&r.url) {
                        continue;
                    }
                    let (cat, ty) =
                        match r.kind.strip_prefix("spdx:").and_then(|k| k.split_once(':')) {
                            Some((cat, ty)) => (cat.to_owned(), ty.to_owned()),
                            None if r.kind == "advisories" => {
                                ("SECURITY".into(), "advisory".into())
                            }
                            None if no_space(&r.kind) => ("OTHER".into(), r.kind.clone()),
                            None => ("OTHER".into(), sanitize(&r.kind)),
                        };
                    refs.push(format!("{cat} {ty} {}", r.url));
                }
                for r in refs {
                    e.push(key, r);
                }
            }
            "snippetFromFile" => {
                if let Some(v) = first(key).and_then(|v| w.id_of(v)) {
                    e.push(key, v);
                }
            }
            "fileDependencies" => {
                for v in p.get(key).into_iter().flatten() {
                    if let Some(v) = w.id_of(v) {
                        e.push(key, v);
                    }
                }
            }
            _ => {
                for v in p.get(key).into_iter().flatten() {
                    e.push(key, *v);
                }
            }
        }
    }
    e
}

fn relationships<'s>(w: &Writer<'s>) -> Vec<Elem<'s>> {
    let sbom = w.sbom;
    let mut out: Vec<(String, &str, String)> = Vec::new();
    let has_describes = sbom
        .relationships
        .iter()
        .any(|r| r.kind == RelKind::Describes && r.from == DOC_ID);
    if !has_describes {
        let described: Vec<&str> = match &sbom.metadata.primary {
            Some(p) => vec![p.as_str()],
            None => sbom
                .components
                .iter()
                .filter(|c| c.parent.is_none())
                .map(|c| c.bom_ref.as_str())
                .collect(),
        };
        for d in described {
            if let Some(id) = w.id_of(d) {
                out.push((DOC_ID.into(), "DESCRIBES", id));
            }
        }
    }
    for r in &sbom.relationships {
        let ty = match &r.kind {
            RelKind::DependsOn => "DEPENDS_ON",
            RelKind::Contains => "CONTAINS",
            RelKind::Describes => "DESCRIBES",
            RelKind::Other(s) => RELATIONSHIP_TYPES
                .iter()
                .find(|t| **t == s.as_str())
                .copied()
                .unwrap_or("OTHER"),
        };
        let Some(from) = w.id_of(&r.from) else {
            continue;
        };
        let to = match &r.to {
            RelTarget::Ref(t) => match w.id_of(t) {
                Some(t) => t,
                None => continue,
            },
            RelTarget::None => "NONE".into(),
            RelTarget::NoAssertion => "NOASSERTION".into(),
        };
        out.push((from, ty, to));
    }
    // CycloneDX completeness statements, as SPDX says them.
    for comp in &sbom.compositions {
        let target = match comp.aggregate {
            Aggregate::Complete => "NONE",
            Aggregate::NotSpecified => continue,
            _ => "NOASSERTION",
        };
        for (refs, ty, kind) in [
            (&comp.dependencies, "DEPENDS_ON", RelKind::DependsOn),
            (&comp.assemblies, "CONTAINS", RelKind::Contains),
        ] {
            for r in refs {
                let Some(from) = w.id_of(r) else {
                    continue;
                };
                let listed = sbom
                    .relationships
                    .iter()
                    .any(|x| x.from == *r && x.kind == kind && matches!(x.to, RelTarget::Ref(_)));
                if target == "NONE" && listed {
                    continue;
                }
                let rel = (from, ty, target.to_owned());
                if !out.contains(&rel) {
                    out.push(rel);
                }
            }
        }
    }
    out.into_iter()
        .map(|(from, ty, to)| {
            let mut e = Elem::new(Kind::Relationship, String::new());
            e.push("spdxElementId", from);
            e.push("relationshipType", ty);
            e.push("relatedSpdxElement", to);
            e
        })
        .collect()
}

/// Extracted licenses: those the model carries from an SPDX source, those
/// made up for licenses known by name, and a stub for any other
/// `LicenseRef-` an expression names, so that every reference resolves.
fn licenses<'s>(w: &mut Writer<'s>, elems: &[Elem<'s>]) -> Vec<Elem<'s>> {
    let mut order: Vec<&'s str> = Vec::new();
    let mut fields: HashMap<&'s str, Vec<(&'static str, Cow<'s, str>)>> = HashMap::new();
    for p in &w.sbom.metadata.properties {
        let Some(rest) = p
            .name
            .strip_prefix(PROP)
            .and_then(|r| r.strip_prefix("license:"))
        else {
            continue;
        };
        let Some((id, key)) = rest.rsplit_once(':') else {
            continue;
        };
        let Some(&(_, _, key, _)) = TAGS
            .iter()
            .find(|(_, k, j, _)| *k == Kind::License && *j == key)
        else {
            continue;
        };
        if !fields.contains_key(id) {
            order.push(id);
        }
        fields
            .entry(id)
            .or_default()
            .push((key, Cow::Borrowed(p.value.as_str())));
    }
    let mut out = Vec::new();
    let mut declared: HashSet<String> = HashSet::new();
    for id in order {
        let mut e = Elem::new(Kind::License, String::new());
        e.push("licenseId", id);
        let f = fields.remove(id).unwrap_or_default();
        if !f.iter().any(|(k, _)| *k == "extractedText") {
            e.push("extractedText", "NOASSERTION");
        }
        for (k, v) in f {
            e.push(k, v);
        }
        declared.insert(id.to_owned());
        out.push(e);
    }
    for (id, name) in &w.named {
        if declared.insert(id.clone()) {
            let mut e = Elem::new(Kind::License, String::new());
            e.push("licenseId", id.clone());
            e.push("name", name.clone());
            e.push("extractedText", name.clone());
            out.push(e);
        }
    }
    let mut missing = Vec::new();
    for e in elems {
        for f in &e.fields {
            if !f.key.starts_with("license") || f.key == "licenseComments" {
                continue;
            }
            if let Ok(names) = license::parse(&f.value) {
                for id in names.licenses {
                    if id.starts_with("LicenseRef-") && declared.insert(id.to_owned()) {
                        missing.push(id.to_owned());
                    }
                }
            }
        }
    }
    for id in missing {
        let mut e = Elem::new(Kind::License, String::new());
        e.push("licenseId", id);
        e.push("extractedText", "NOASSERTION");
        out.push(e);
    }
    out
}
