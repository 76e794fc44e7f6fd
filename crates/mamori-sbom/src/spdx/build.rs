//! The rules of SPDX 2.3 on field values, checked once for both syntaxes, and
//! the mapping of the neutral form onto the model.

use super::{
    CHECKSUM_ALGORITHMS, Doc, EXTERNAL_REF_TYPES, Elem, FILE_TYPES, Field, Kind, PACKAGE_PURPOSES,
    PROP, RELATIONSHIP_TYPES, license, tag_of,
};
use crate::{Checked, Diagnostic};
use mamori_model::{
    Attr, Component, ComponentKind, DocumentFormat, ExternalRef, FdaSupport, Hash, HashAlg,
    LicenseChoice, Party, Property, RelKind, RelTarget, Relationship, Sbom, Swid, Tool,
};
use std::collections::{HashMap, HashSet};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Required fields of each element kind (JSON names).
fn required(kind: Kind, json: bool) -> &'static [&'static str] {
    match kind {
        Kind::Document => &[
            "spdxVersion",
            "dataLicense",
            "SPDXID",
            "name",
            "documentNamespace",
            "creationInfo/creators",
            "creationInfo/created",
        ],
        Kind::Package => &["SPDXID", "name", "downloadLocation"],
        Kind::File => &["SPDXID", "fileName", "checksums"],
        Kind::Snippet if json => &["SPDXID", "name", "snippetFromFile", "ranges/byte"],
        Kind::Snippet => &["SPDXID", "snippetFromFile", "ranges/byte"],
        Kind::License => &["licenseId", "extractedText"],
        Kind::Relationship => &["spdxElementId", "relationshipType", "relatedSpdxElement"],
        Kind::Annotation if json => &["annotator", "annotationDate", "annotationType", "comment"],
        Kind::Annotation => &[
            "annotator",
            "annotationDate",
            "annotationType",
            "comment",
            "spdxElementId",
        ],
        Kind::Review => &["reviewDate"],
    }
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Document => "document",
        Kind::Package => "package",
        Kind::File => "file",
        Kind::Snippet => "snippet",
        Kind::License => "extracted license",
        Kind::Relationship => "relationship",
        Kind::Annotation => "annotation",
        Kind::Review => "review",
    }
}

/// An element id: `SPDXRef-` and letters, digits, `.` and `-`.
pub(super) fn valid_spdx_id(s: &str) -> bool {
    s.strip_prefix("SPDXRef-").is_some_and(|rest| {
        !rest.is_empty()
            && rest
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
    })
}

/// An element id, possibly in another document (`DocumentRef-x:SPDXRef-y`).
fn valid_ref(s: &str) -> bool {
    match s.split_once(':') {
        Some((doc, id)) => {
            doc.strip_prefix("DocumentRef-").is_some_and(|r| {
                !r.is_empty()
                    && r.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
            }) && valid_spdx_id(id)
        }
        None => valid_spdx_id(s),
    }
}

struct Builder<'d, 'a> {
    doc: &'d Doc<'a>,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    /// `LicenseRef-` ids the document declares.
    license_refs: HashSet<&'d str>,
}

impl<'d, 'a> Builder<'d, 'a> {
    fn at(&self, e: &Elem<'_>, f: &Field<'_>) -> String {
        self.doc.locate(e, f)
    }
    fn error(&mut self, at: String, message: impl Into<String>) {
        self.errors.push(Diagnostic::new(at, message));
    }
    fn warn(&mut self, at: String, message: impl Into<String>) {
        self.warnings.push(Diagnostic::new(at, message));
    }
    /// How a field is called in messages: its JSON name or its tag.
    fn name(&self, e: &Elem<'_>, key: &str) -> String {
        if self.doc.json {
            format!("{:?}", key.rsplit('/').next().unwrap_or(key))
        } else {
            let kind = if e.kind == Kind::Document && key == "SPDXID" {
                Kind::Document
            } else {
                e.kind
            };
            match tag_of(kind, key) {
                "?" => format!("{} {key}", kind_name(kind)),
                tag => tag.to_owned(),
            }
        }
    }

    fn check_required(&mut self, e: &Elem<'_>) {
        for key in required(e.kind, self.doc.json) {
            if e.get(key).is_some() {
                continue;
            }
            let (at, msg) = if self.doc.json {
                let (parent, last) = match key.rsplit_once('/') {
                    Some(("ranges", _)) => (String::new(), "ranges"),
                    Some((p, l)) => (format!("/{p}"), l),
                    None => (String::new(), *key),
                };
                (
                    format!("{}{parent}", e.at),
                    format!("missing required property {last:?}"),
                )
            } else {
                (
                    e.at.clone(),
                    format!("{} has no {}", kind_name(e.kind), self.name(e, key)),
                )
            };
            self.error(at, msg);
        }
    }

    fn date(&mut self, e: &Elem<'_>, f: &Field<'_>) -> Option<OffsetDateTime> {
        match OffsetDateTime::parse(&f.value, &Rfc3339) {
            Ok(t) => {
                if !f.value.ends_with('Z') {
                    let at = self.at(e, f);
                    self.warn(
                        at,
                        format!(
                            "{} should be in UTC (YYYY-MM-DDThh:mm:ssZ)",
                            self.name(e, f.key)
                        ),
                    );
                }
                Some(t)
            }
            Err(_) => {
                let at = self.at(e, f);
                let msg = format!(
                    "{} {:?} is not a date-time YYYY-MM-DDThh:mm:ssZ",
                    self.name(e, f.key),
                    f.value
                );
                self.error(at, msg);
                None
            }
        }
    }

    fn one_of(&mut self, e: &Elem<'_>, f: &Field<'_>, allowed: &[&str]) -> bool {
        if allowed.contains(&f.value.as_ref()) {
            return true;
        }
        let at = self.at(e, f);
        let msg = format!(
            "{} {:?} is not one of {}",
            self.name(e, f.key),
            f.value,
            allowed.join(", ")
        );
        self.error(at, msg);
        false
    }

    fn id(&mut self, e: &Elem<'_>, f: &Field<'_>) {
        if !valid_spdx_id(&f.value) {
            let at = self.at(e, f);
            self.error(
                at,
                format!(
                    "{:?} is not an SPDX id (SPDXRef- then letters, digits, \".\" or \"-\")",
                    f.value
                ),
            );
        }
    }

    /// A party: `Person: name (email)` or `Organization: …`; `NOASSERTION`
    /// when `unknown_ok`. `Tool:` is taken only for creators.
    fn party(&mut self, e: &Elem<'_>, f: &Field<'_>, tools: bool) -> Option<Result<Party, Tool>> {
        let v = f.value.trim();
        let (organization, rest) = if let Some(r) = v.strip_prefix("Person:") {
            (false, r)
        } else if let Some(r) = v.strip_prefix("Organization:") {
            (true, r)
        } else if let (true, Some(r)) = (tools, v.strip_prefix("Tool:")) {
            return Some(Err(split_tool(r.trim())));
        } else {
            let at = self.at(e, f);
            let kinds = if tools {
                "\"Person: \", \"Organization: \" or \"Tool: \""
            } else {
                "\"Person: \", \"Organization: \" or NOASSERTION"
            };
            let msg = format!(
                "{} {:?} must start with {kinds}",
                self.name(e, f.key),
                f.value
            );
            self.error(at, msg);
            return None;
        };
        let rest = rest.trim();
        let (name, email) = match rest.rsplit_once('(') {
            Some((n, mail)) if rest.ends_with(')') => (n.trim(), mail.trim_end_matches(')').trim()),
            _ => (rest, ""),
        };
        Some(Ok(Party {
            name: (!name.is_empty()).then(|| name.to_owned()),
            emails: if email.is_empty() {
                Vec::new()
            } else {
                vec![email.to_owned()]
            },
            urls: Vec::new(),
            organization,
        }))
    }

    /// Checks a license expression field; `NONE` and `NOASSERTION` stand alone.
    fn license(&mut self, e: &Elem<'_>, f: &Field<'_>) -> bool {
        let v = f.value.trim();
        if v == "NONE" || v == "NOASSERTION" {
            return true;
        }
        match license::parse(v) {
            Ok(names) => {
                for id in &names.exceptions {
                    if !crate::license_ids::is_exception_id(id) {
                        let at = self.at(e, f);
                        self.error(at, format!("{id:?} is not an SPDX license exception id"));
                    }
                }
                for id in names.licenses {
                    let bare = id.strip_suffix('+').unwrap_or(id);
                    if !id.contains("LicenseRef-") && !crate::license_ids::is_license_id(bare) {
                        let at = self.at(e, f);
                        match crate::license_ids::canonical_license_id(bare) {
                            Some(good) => self.warn(at, format!("license id {id:?} should be spelled {good:?}")),
                            None => self.error(at, format!("{id:?} is not an SPDX license id (use a LicenseRef- for others)")),
                        }
                    }
                    if id.starts_with("LicenseRef-") && !self.license_refs.contains(id) {
                        let at = self.at(e, f);
                        let where_ = if self.doc.json {
                            "hasExtractedLicensingInfos"
                        } else {
                            "a LicenseID"
                        };
                        self.error(at, format!("license {id:?} is not declared in {where_}"));
                    }
                }
                true
            }
            Err(m) => {
                let at = self.at(e, f);
                self.error(at, format!("{}: {m}", self.name(e, f.key)));
                false
            }
        }
    }

    fn checksum(&mut self, e: &Elem<'_>, f: &Field<'_>) -> Option<Hash> {
        let (alg, value) = match f.value.split_once(':') {
            Some((a, v)) => (a.trim(), v.trim()),
            None => {
                let at = self.at(e, f);
                self.error(
                    at,
                    format!("checksum {:?} is not \"ALGORITHM: value\"", f.value),
                );
                return None;
            }
        };
        let Some((_, len)) = CHECKSUM_ALGORITHMS.iter().find(|(a, _)| *a == alg) else {
            let at = self.at(e, f);
            let all: Vec<&str> = CHECKSUM_ALGORITHMS.iter().map(|(a, _)| *a).collect();
            self.error(
                at,
                format!(
                    "checksum algorithm {alg:?} is not one of {}",
                    all.join(", ")
                ),
            );
            return None;
        };
        let hex = !value.is_empty() && value.bytes().all(|b| b.is_ascii_hexdigit());
        if !hex || len.is_some_and(|n| n != value.len()) {
            let at = self.at(e, f);
            let want = len.map_or(String::new(), |n| format!(" of {n} digits"));
            self.error(
                at,
                format!("{alg} checksum {value:?} is not hexadecimal{want}"),
            );
            return None;
        }
        Some(Hash {
            alg: HashAlg::parse(alg),
            value: value.to_ascii_lowercase(),
        })
    }
}

fn split_tool(s: &str) -> Tool {
    // `name-1.2.3`: the version is what follows the last `-` before a digit.
    let split = s
        .char_indices()
        .filter(|(i, c)| *c == '-' && s[i + 1..].starts_with(|d: char| d.is_ascii_digit()))
        .map(|(i, _)| i)
        .next_back();
    match split {
        Some(i) => Tool {
            vendor: None,
            name: Some(s[..i].to_owned()),
            version: Some(s[i + 1..].to_owned()),
        },
        None => Tool {
            vendor: None,
            name: Some(s.to_owned()),
            version: None,
        },
    }
}

fn prop(name: &str, value: &str) -> Property {
    Property {
        name: format!("{PROP}{name}"),
        value: value.to_owned(),
    }
}

fn license_attr(s: &str) -> Attr<Vec<LicenseChoice>> {
    let s = s.trim();
    match s {
        "NOASSERTION" => Attr::DeclaredUnknown,
        "NONE" => Attr::Value(Vec::new()),
        _ if !s.contains([' ', '(', ')']) => Attr::Value(vec![LicenseChoice::Id(s.to_owned())]),
        _ => Attr::Value(vec![LicenseChoice::Expression(s.to_owned())]),
    }
}

fn purpose_kind(p: &str) -> ComponentKind {
    match p {
        "APPLICATION" => ComponentKind::Application,
        "FRAMEWORK" => ComponentKind::Framework,
        "LIBRARY" => ComponentKind::Library,
        "CONTAINER" => ComponentKind::Container,
        "OPERATING_SYSTEM" => ComponentKind::OperatingSystem,
        "DEVICE" => ComponentKind::Device,
        "FIRMWARE" => ComponentKind::Firmware,
        "FILE" => ComponentKind::File,
        other => ComponentKind::Other(other.to_ascii_lowercase()),
    }
}

/// Turns the neutral form into a checked model.
pub(super) fn build(doc: Doc<'_>) -> Checked {
    let mut b = Builder {
        doc: &doc,
        errors: doc.errors.clone(),
        warnings: Vec::new(),
        license_refs: HashSet::new(),
    };
    let format = if doc.json {
        DocumentFormat::SpdxJson
    } else {
        DocumentFormat::SpdxTagValue
    };
    let mut sbom = Sbom::new(format, doc.version.clone());
    for e in std::iter::once(&doc.header).chain(&doc.elems) {
        b.check_required(e);
    }
    // Extracted licenses first: expressions anywhere may name them.
    for e in doc.elems.iter().filter(|e| e.kind == Kind::License) {
        let Some(id) = e.get("licenseId") else {
            continue;
        };
        let valid = id.value.strip_prefix("LicenseRef-").is_some_and(|r| {
            !r.is_empty()
                && r.bytes()
                    .all(|c| c.is_ascii_alphanumeric() || c == b'.' || c == b'-')
        });
        if !valid {
            let at = b.at(e, id);
            b.error(at, format!("{:?} is not a LicenseRef- id", id.value));
        } else if !b.license_refs.insert(id.value.as_ref()) {
            let at = b.at(e, id);
            b.error(at, format!("license {:?} is declared twice", id.value));
        }
        for f in canonical(e) {
            if f.key != "licenseId" {
                sbom.metadata
                    .properties
                    .push(prop(&format!("license:{}:{}", id.value, f.key), &f.value));
            }
        }
    }
    header(&mut b, &doc.header, &mut sbom);

    // Annotations: FDA fields by target; others are only checked.
    let mut fda: HashMap<&str, FdaSupport> = HashMap::new();
    for e in doc
        .elems
        .iter()
        .filter(|e| matches!(e.kind, Kind::Annotation | Kind::Review))
    {
        annotation(&mut b, e, &mut fda);
    }

    let mut locations = Vec::new();
    let mut derived: Vec<(Relationship, String)> = Vec::new();
    if let Some(doc_id) = doc.header.text("SPDXID") {
        for f in doc.header.all("documentDescribes") {
            if !valid_ref(&f.value) {
                let at = b.at(&doc.header, f);
                b.error(at, format!("{:?} is not an SPDX element id", f.value));
            }
            derived.push((
                Relationship {
                    from: doc_id.to_owned(),
                    kind: RelKind::Describes,
                    to: RelTarget::Ref(f.value.to_string()),
                },
                b.at(&doc.header, f),
            ));
        }
    }
    for kind in [Kind::Package, Kind::File, Kind::Snippet] {
        for e in doc.elems.iter().filter(|e| e.kind == kind) {
            let mut c = component(&mut b, e);
            if let Some(f) = fda.remove(c.bom_ref.as_str()) {
                c.fda = f;
            }
            for f in e.all("hasFiles") {
                derived.push((
                    Relationship {
                        from: c.bom_ref.clone(),
                        kind: RelKind::Contains,
                        to: RelTarget::Ref(f.value.to_string()),
                    },
                    b.at(e, f),
                ));
            }
            if let Some(pkg) = e.follows_package.and_then(|i| doc.elems.get(i))
                && let Some(pkg_id) = pkg.text("SPDXID")
            {
                derived.push((
                    Relationship {
                        from: pkg_id.to_owned(),
                        kind: RelKind::Contains,
                        to: RelTarget::Ref(c.bom_ref.clone()),
                    },
                    e.at.clone(),
                ));
            }
            locations.push(e.at.clone());
            sbom.components.push(c);
        }
    }
    let known: HashSet<&str> = sbom.components.iter().map(|c| c.bom_ref.as_str()).collect();
    let doc_id = doc.header.text("SPDXID").unwrap_or("SPDXRef-DOCUMENT");
    for e in doc.elems.iter().filter(|e| e.kind == Kind::Annotation) {
        if let Some(f) = e.get("spdxElementId")
            && f.value != doc_id
            && !f.value.starts_with("DocumentRef-")
            && valid_ref(&f.value)
            && !known.contains(f.value.as_ref())
        {
            let at = if doc.json { e.at.clone() } else { b.at(e, f) };
            b.error(at, format!("annotation of unknown SPDXID {:?}", f.value));
        }
    }

    let derived_set: HashSet<Relationship> = derived.iter().map(|(r, _)| r.clone()).collect();
    let mut rel_locations = Vec::new();
    for (r, at) in derived {
        sbom.relationships.push(r);
        rel_locations.push(at);
    }
    for e in doc.elems.iter().filter(|e| e.kind == Kind::Relationship) {
        if let Some(r) = relationship(&mut b, e)
            && !derived_set.contains(&r)
        {
            sbom.relationships.push(r);
            rel_locations.push(e.at.clone());
        }
    }
    // A package whose files were not analysed cannot list files it contains.
    let not_analysed: HashSet<&str> = doc
        .elems
        .iter()
        .filter(|e| e.kind == Kind::Package && e.text("filesAnalyzed") == Some("false"))
        .filter_map(|e| e.text("SPDXID"))
        .collect();
    let files: HashSet<&str> = doc
        .elems
        .iter()
        .filter(|e| e.kind == Kind::File)
        .filter_map(|e| e.text("SPDXID"))
        .collect();
    for (r, at) in sbom.relationships.iter().zip(&rel_locations) {
        let RelTarget::Ref(to) = &r.to else { continue };
        let (pkg, file) = match &r.kind {
            RelKind::Contains => (r.from.as_str(), to.as_str()),
            RelKind::Other(k) if k == "CONTAINED_BY" => (to.as_str(), r.from.as_str()),
            _ => continue,
        };
        if not_analysed.contains(pkg) && files.contains(file) {
            b.errors.push(Diagnostic::new(
                at.clone(),
                format!("package {pkg:?} contains file {file:?} but says its files were not analysed (filesAnalyzed false)"),
            ));
        }
    }
    let described_by = |r: &Relationship| {
        r.kind == RelKind::Other("DESCRIBED_BY".into()) && r.to == RelTarget::Ref(doc_id.to_owned())
    };
    sbom.metadata.primary = sbom.relationships.iter().find_map(|r| match &r.to {
        RelTarget::Ref(to) if r.from == doc_id && r.kind == RelKind::Describes => Some(to.clone()),
        _ if described_by(r) => Some(r.from.clone()),
        _ => None,
    });
    let packages: Vec<usize> = doc
        .elems
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == Kind::Package)
        .map(|(i, _)| i)
        .collect();
    if let (None, [only]) = (&sbom.metadata.primary, packages.as_slice())
        && let Some(c) = sbom.components.first()
    {
        // As spdx-tools reads such documents: the only package is what it describes.
        let at = doc.elems[*only].at.clone();
        b.warn(
            at.clone(),
            "no DESCRIBES relationship: taking the only package as the described one",
        );
        sbom.metadata.primary = Some(c.bom_ref.clone());
        sbom.relationships.insert(
            0,
            Relationship {
                from: doc_id.to_owned(),
                kind: RelKind::Describes,
                to: RelTarget::Ref(c.bom_ref.clone()),
            },
        );
        rel_locations.insert(0, at);
    }
    if sbom.metadata.primary.is_none() {
        let msg = if doc.json {
            "the document describes nothing (no DESCRIBES relationship from SPDXRef-DOCUMENT)"
        } else {
            "the document describes nothing (no \"Relationship: SPDXRef-DOCUMENT DESCRIBES …\")"
        };
        b.error(doc.header.at.clone(), msg);
    }
    Checked {
        sbom,
        errors: b.errors,
        warnings: b.warnings,
        component_locations: locations,
        relationship_locations: rel_locations,
    }
}

/// Fields in the order of the spec's tag list (stable within one key), so
/// that the model does not depend on the order a JSON writer chose.
fn canonical<'e, 'a>(e: &'e Elem<'a>) -> Vec<&'e Field<'a>> {
    let rank = |key: &str| {
        super::TAGS
            .iter()
            .position(|(_, k, j, _)| *k == e.kind && *j == key)
            .unwrap_or(usize::MAX)
    };
    let mut fields: Vec<&Field<'a>> = e.fields.iter().collect();
    // The rank is a scan of the tag table: once per field, not once per comparison.
    fields.sort_by_cached_key(|f| rank(f.key));
    fields
}

fn header<'d>(b: &mut Builder<'d, '_>, h: &'d Elem<'_>, sbom: &mut Sbom) {
    for f in canonical(h) {
        let v = f.value.as_ref();
        match f.key {
            "dataLicense" => {
                if v != "CC0-1.0" {
                    let at = b.at(h, f);
                    b.error(
                        at,
                        format!("{} must be CC0-1.0, not {v:?}", b.name(h, f.key)),
                    );
                }
                sbom.metadata.data_license = Some(v.to_owned());
            }
            "SPDXID" if v != "SPDXRef-DOCUMENT" => {
                let at = b.at(h, f);
                b.error(
                    at,
                    format!("the document's SPDXID must be SPDXRef-DOCUMENT, not {v:?}"),
                );
            }
            "name" => sbom.metadata.name = Some(v.to_owned()),
            "documentNamespace" => {
                let scheme = v.split_once(':').is_some_and(|(s, rest)| {
                    !s.is_empty()
                        && !rest.is_empty()
                        && s.bytes()
                            .all(|c| c.is_ascii_alphanumeric() || b"+-.".contains(&c))
                });
                if !scheme || v.contains('#') || v.contains(char::is_whitespace) {
                    let at = b.at(h, f);
                    b.error(
                        at,
                        format!(
                            "{} {v:?} must be an absolute URI without \"#\"",
                            b.name(h, f.key)
                        ),
                    );
                }
                sbom.metadata.serial_number = Some(v.to_owned());
            }
            "comment" => sbom.metadata.comment = Some(v.to_owned()),
            "creationInfo/created" => sbom.metadata.timestamp = b.date(h, f),
            "creationInfo/creators" => match b.party(h, f, true) {
                Some(Ok(p)) => sbom.metadata.authors.push(p),
                Some(Err(t)) => sbom.metadata.tools.push(t),
                None => {}
            },
            "externalDocumentRefs" => {
                let mut it = v.splitn(3, ' ');
                let (id, uri, sum) = (it.next(), it.next(), it.next());
                let ok = id.is_some_and(|id| {
                    id.strip_prefix("DocumentRef-").is_some_and(|r| {
                        !r.is_empty()
                            && r.bytes()
                                .all(|c| c.is_ascii_alphanumeric() || c == b'.' || c == b'-')
                    })
                });
                if !ok || uri.is_none_or(|u| !u.contains(':')) {
                    let at = b.at(h, f);
                    b.error(at, format!("external document reference {v:?} is not \"DocumentRef-id URI ALGORITHM: value\""));
                } else if let Some(sum) = sum {
                    let sum_field = Field {
                        key: f.key,
                        value: sum.into(),
                        line: f.line,
                        index: f.index,
                    };
                    let _ = b.checksum(h, &sum_field);
                    sbom.metadata.properties.push(prop(f.key, v));
                } else {
                    let at = b.at(h, f);
                    b.error(
                        at,
                        format!("external document reference {v:?} has no checksum"),
                    );
                }
            }
            "creationInfo/comment" | "creationInfo/licenseListVersion" => {
                sbom.metadata.properties.push(prop(f.key, v));
            }
            _ => {}
        }
    }
}

fn annotation<'d>(
    b: &mut Builder<'d, '_>,
    e: &'d Elem<'_>,
    fda: &mut HashMap<&'d str, FdaSupport>,
) {
    for f in &e.fields {
        match f.key {
            "annotationDate" | "reviewDate" => {
                let _ = b.date(e, f);
            }
            "annotationType" => {
                b.one_of(e, f, &["REVIEW", "OTHER"]);
            }
            "annotator" | "reviewer" => {
                let _ = b.party(e, f, true);
            }
            "spdxElementId" if !valid_ref(&f.value) => {
                let at = b.at(e, f);
                b.error(at, format!("{:?} is not an SPDX element id", f.value));
            }
            _ => {}
        }
    }
    let (Some(target), Some(comment)) = (e.text("spdxElementId"), e.get("comment")) else {
        return;
    };
    let Some((name, value)) = comment.value.trim().split_once('=') else {
        return;
    };
    let (name, value) = (name.trim(), value.trim());
    if !name.starts_with("cdx:fda:") {
        return;
    }
    let entry = fda.entry(target).or_default();
    match name {
        FdaSupport::LEVEL => entry.level_of_support = Some(value.to_owned()),
        FdaSupport::JUSTIFICATION => entry.justification = Some(value.to_owned()),
        FdaSupport::END_OF_SUPPORT => {
            let fmt = time::macros::format_description!("[year]-[month]-[day]");
            match time::Date::parse(value, &fmt) {
                Ok(d) => entry.end_of_support = Some(d),
                Err(_) => {
                    let at = b.at(e, comment);
                    b.warn(at, format!("{name} {value:?} is not a date YYYY-MM-DD"));
                }
            }
        }
        _ => {
            let at = b.at(e, comment);
            b.warn(at, format!("unknown FDA field {name:?}"));
        }
    }
}

fn component(b: &mut Builder<'_, '_>, e: &Elem<'_>) -> Component {
    let mut c = Component {
        kind: match e.kind {
            Kind::File => Some(ComponentKind::File),
            Kind::Snippet => Some(ComponentKind::Other("snippet".into())),
            _ => None,
        },
        ..Component::default()
    };
    match e.kind {
        Kind::File => c.properties.push(prop("element", "file")),
        Kind::Snippet => c.properties.push(prop("element", "snippet")),
        _ => {}
    }
    let (mut concluded, mut declared) = (None, None);
    for f in canonical(e) {
        let v = f.value.as_ref();
        match f.key {
            "SPDXID" => {
                b.id(e, f);
                c.bom_ref = v.to_owned();
            }
            "name" | "fileName" => c.name = v.to_owned(),
            "versionInfo" => {
                c.version = if v == "NOASSERTION" {
                    Attr::DeclaredUnknown
                } else {
                    Attr::Value(v.to_owned())
                }
            }
            "supplier" => {
                if v == "NOASSERTION" {
                    c.supplier = Attr::DeclaredUnknown;
                } else if let Some(Ok(p)) = b.party(e, f, false) {
                    c.supplier = Attr::Value(p);
                }
            }
            "originator" => {
                if v == "NOASSERTION" {
                    c.properties.push(prop(f.key, v));
                } else if let Some(Ok(p)) = b.party(e, f, false) {
                    c.manufacturer = Some(p);
                }
            }
            "downloadLocation" | "homepage" => match v {
                "NOASSERTION" if f.key == "downloadLocation" => {}
                "NONE" | "NOASSERTION" => c.properties.push(prop(f.key, v)),
                _ => c.external_refs.push(ExternalRef {
                    kind: if f.key == "homepage" {
                        "website"
                    } else {
                        "distribution"
                    }
                    .into(),
                    url: v.to_owned(),
                }),
            },
            "checksums" => c.hashes.extend(b.checksum(e, f)),
            "licenseConcluded" => {
                if b.license(e, f) {
                    concluded = Some(v);
                }
            }
            "licenseDeclared" => {
                if b.license(e, f) {
                    declared = Some(v);
                }
            }
            "licenseInfoFromFiles" | "licenseInfoInFiles" | "licenseInfoInSnippets" => {
                if b.license(e, f) {
                    c.properties.push(prop(f.key, v));
                }
            }
            "copyrightText" => {
                c.copyright = if v == "NOASSERTION" {
                    Attr::DeclaredUnknown
                } else {
                    Attr::Value(v.to_owned())
                }
            }
            "description" => c.description = Some(v.to_owned()),
            "externalRefs" => external_ref(b, e, f, &mut c),
            "primaryPackagePurpose" => {
                if b.one_of(e, f, PACKAGE_PURPOSES) {
                    c.kind = Some(purpose_kind(v));
                }
            }
            "fileTypes" => {
                if b.one_of(e, f, FILE_TYPES) {
                    c.properties.push(prop(f.key, v));
                }
            }
            "builtDate" | "releaseDate" | "validUntilDate" => {
                if b.date(e, f).is_some() {
                    c.properties.push(prop(f.key, v));
                }
            }
            "filesAnalyzed" => {
                if b.one_of(e, f, &["true", "false"]) {
                    c.properties.push(prop(f.key, v));
                }
            }
            "packageVerificationCode" => {
                let (code, excluded) = super::json::split_verification_code(v);
                if code.len() == 40 && code.bytes().all(|x| x.is_ascii_hexdigit()) {
                    // One spelling, whatever the syntax: `VALUE (excludes: a, b)`.
                    let canonical = if excluded.is_empty() {
                        code.to_owned()
                    } else {
                        format!("{code} (excludes: {})", excluded.join(", "))
                    };
                    c.properties.push(prop(f.key, &canonical));
                } else {
                    let at = b.at(e, f);
                    b.error(
                        at,
                        format!("package verification code {code:?} is not 40 hexadecimal digits"),
                    );
                }
            }
            "snippetFromFile" => {
                b.id(e, f);
                c.properties.push(prop(f.key, v));
            }
            "ranges/byte" | "ranges/line" => {
                let ok = v.split_once(':').is_some_and(|(s, end)| {
                    match (s.trim().parse::<u64>(), end.trim().parse::<u64>()) {
                        (Ok(s), Ok(end)) => s >= 1 && s <= end,
                        _ => false,
                    }
                });
                if ok {
                    c.properties.push(prop(f.key, v));
                } else {
                    let at = b.at(e, f);
                    b.error(
                        at,
                        format!("range {v:?} is not \"start:end\" with 1 <= start <= end"),
                    );
                }
            }
            "hasFiles" => {}
            k if k.contains('/') => {}
            _ => c.properties.push(prop(f.key, v)),
        }
    }
    if e.text("filesAnalyzed") == Some("false") {
        for key in ["licenseInfoFromFiles", "packageVerificationCode"] {
            if let Some(f) = e.get(key) {
                let at = b.at(e, f);
                let msg = format!(
                    "{} must be absent when {} is false",
                    b.name(e, key),
                    b.name(e, "filesAnalyzed")
                );
                b.error(at, msg);
            }
        }
    }
    // `licenses` is the concluded license when there is one, else the declared one.
    let c_attr = concluded.map(license_attr);
    let d_attr = declared.map(license_attr);
    if let Some(Attr::Value(l)) = c_attr {
        c.licenses = Attr::Value(l);
        if let Some(d) = declared.filter(|d| Some(*d) != concluded) {
            c.properties.push(prop("licenseDeclared", d));
        }
    } else if let Some(Attr::Value(l)) = d_attr {
        c.licenses = Attr::Value(l);
        if let Some(cc) = concluded {
            c.properties.push(prop("licenseConcluded", cc));
        }
    } else if concluded.is_some() || declared.is_some() {
        c.licenses = Attr::DeclaredUnknown;
    }
    c
}

fn external_ref(b: &mut Builder<'_, '_>, e: &Elem<'_>, f: &Field<'_>, c: &mut Component) {
    let mut it = f.value.split_whitespace();
    let (Some(cat), Some(ty), Some(loc), None) = (it.next(), it.next(), it.next(), it.next())
    else {
        let at = b.at(e, f);
        b.error(
            at,
            format!("external reference {:?} is not \"CATEGORY TYPE LOCATOR\" (the locator may not contain white space)", f.value),
        );
        return;
    };
    let cat = cat.replace('_', "-");
    let Some((_, types)) = EXTERNAL_REF_TYPES.iter().find(|(c, _)| *c == cat) else {
        let at = b.at(e, f);
        b.error(
            at,
            format!("external reference category {cat:?} is not one of SECURITY, PACKAGE-MANAGER, PERSISTENT-ID, OTHER"),
        );
        return;
    };
    if !types.is_empty() && !types.contains(&ty) {
        let at = b.at(e, f);
        b.error(
            at,
            format!(
                "external reference type {ty:?} is not one of {} for category {cat}",
                types.join(", ")
            ),
        );
        return;
    }
    let generic = ExternalRef {
        kind: format!("spdx:{cat}:{ty}"),
        url: loc.to_owned(),
    };
    match ty {
        "purl" if c.purl.is_none() => c.purl = Some(loc.to_owned()),
        "cpe22Type" | "cpe23Type" if c.cpe.is_none() => c.cpe = Some(loc.to_owned()),
        "swid" if c.swid.is_none() => {
            c.swid = Some(Swid {
                tag_id: loc.to_owned(),
                name: c.name.clone(),
                version: None,
            })
        }
        "gitoid" => c.omnibor_ids.push(loc.to_owned()),
        "swh" => c.swhids.push(loc.to_owned()),
        "advisory" => c.external_refs.push(ExternalRef {
            kind: "advisories".into(),
            url: loc.to_owned(),
        }),
        _ if cat == "OTHER" => c.external_refs.push(ExternalRef {
            kind: ty.to_owned(),
            url: loc.to_owned(),
        }),
        _ => c.external_refs.push(generic),
    }
}

fn relationship(b: &mut Builder<'_, '_>, e: &Elem<'_>) -> Option<Relationship> {
    let from = e.get("spdxElementId")?;
    let ty = e.get("relationshipType")?;
    let to = e.get("relatedSpdxElement")?;
    let mut ok = true;
    for f in [from, to] {
        let special =
            f.key == "relatedSpdxElement" && matches!(f.value.as_ref(), "NONE" | "NOASSERTION");
        if !special && !valid_ref(&f.value) {
            let at = b.at(e, f);
            b.error(at, format!("{:?} is not an SPDX element id", f.value));
            ok = false;
        }
    }
    ok &= b.one_of(e, ty, RELATIONSHIP_TYPES);
    if !ok {
        return None;
    }
    Some(Relationship {
        from: from.value.to_string(),
        kind: match ty.value.as_ref() {
            "DEPENDS_ON" => RelKind::DependsOn,
            "CONTAINS" => RelKind::Contains,
            "DESCRIBES" => RelKind::Describes,
            other => RelKind::Other(other.to_owned()),
        },
        to: match to.value.as_ref() {
            "NONE" => RelTarget::None,
            "NOASSERTION" => RelTarget::NoAssertion,
            id => RelTarget::Ref(id.to_owned()),
        },
    })
}
