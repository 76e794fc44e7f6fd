//! SPDX JSON syntax: checks shapes and types as strictly as the SPDX 2.3 JSON
//! schema (every property known, unknown ones refused) and turns the document
//! into the neutral form; and writes the neutral form back as JSON.

use super::{Doc, Elem, Field, Kind, is_multi};
use crate::jsontree::{self, Map, Value};
use crate::{Diagnostic, MAX_STRING_BYTES, SbomError};
use serde_json::{Map as OutMap, Value as OutValue};
use std::borrow::Cow;

/// How a property's value must look.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ty {
    Str,
    Strs,
    Bool,
    Checksums,
    ExternalRefs,
    VerificationCode,
    Annotations,
    Ranges,
    /// An array of objects we accept but do not keep (`artifactOfs`, `crossRefs`).
    Objects,
}

const ROOT: &[(&str, Ty)] = &[
    ("$schema", Ty::Str),
    ("SPDXID", Ty::Str),
    ("spdxVersion", Ty::Str),
    ("dataLicense", Ty::Str),
    ("name", Ty::Str),
    ("documentNamespace", Ty::Str),
    ("comment", Ty::Str),
    ("documentDescribes", Ty::Strs),
];

const CREATION_INFO: &[(&str, Ty)] = &[
    ("creationInfo/comment", Ty::Str),
    ("creationInfo/created", Ty::Str),
    ("creationInfo/creators", Ty::Strs),
    ("creationInfo/licenseListVersion", Ty::Str),
];

const PACKAGE: &[(&str, Ty)] = &[
    ("SPDXID", Ty::Str),
    ("annotations", Ty::Annotations),
    ("attributionTexts", Ty::Strs),
    ("builtDate", Ty::Str),
    ("checksums", Ty::Checksums),
    ("comment", Ty::Str),
    ("copyrightText", Ty::Str),
    ("description", Ty::Str),
    ("downloadLocation", Ty::Str),
    ("externalRefs", Ty::ExternalRefs),
    ("filesAnalyzed", Ty::Bool),
    ("hasFiles", Ty::Strs),
    ("homepage", Ty::Str),
    ("licenseComments", Ty::Str),
    ("licenseConcluded", Ty::Str),
    ("licenseDeclared", Ty::Str),
    ("licenseInfoFromFiles", Ty::Strs),
    ("name", Ty::Str),
    ("originator", Ty::Str),
    ("packageFileName", Ty::Str),
    ("packageVerificationCode", Ty::VerificationCode),
    ("primaryPackagePurpose", Ty::Str),
    ("releaseDate", Ty::Str),
    ("sourceInfo", Ty::Str),
    ("summary", Ty::Str),
    ("supplier", Ty::Str),
    ("validUntilDate", Ty::Str),
    ("versionInfo", Ty::Str),
];

const FILE: &[(&str, Ty)] = &[
    ("SPDXID", Ty::Str),
    ("annotations", Ty::Annotations),
    ("artifactOfs", Ty::Objects),
    ("attributionTexts", Ty::Strs),
    ("checksums", Ty::Checksums),
    ("comment", Ty::Str),
    ("copyrightText", Ty::Str),
    ("fileContributors", Ty::Strs),
    ("fileDependencies", Ty::Strs),
    ("fileName", Ty::Str),
    ("fileTypes", Ty::Strs),
    ("licenseComments", Ty::Str),
    ("licenseConcluded", Ty::Str),
    ("licenseInfoInFiles", Ty::Strs),
    ("noticeText", Ty::Str),
];

const SNIPPET: &[(&str, Ty)] = &[
    ("SPDXID", Ty::Str),
    ("annotations", Ty::Annotations),
    ("attributionTexts", Ty::Strs),
    ("comment", Ty::Str),
    ("copyrightText", Ty::Str),
    ("licenseComments", Ty::Str),
    ("licenseConcluded", Ty::Str),
    ("licenseInfoInSnippets", Ty::Strs),
    ("name", Ty::Str),
    ("ranges", Ty::Ranges),
    ("snippetFromFile", Ty::Str),
];

const LICENSE: &[(&str, Ty)] = &[
    ("comment", Ty::Str),
    ("crossRefs", Ty::Objects),
    ("extractedText", Ty::Str),
    ("licenseId", Ty::Str),
    ("name", Ty::Str),
    ("seeAlsos", Ty::Strs),
];

const RELATIONSHIP: &[(&str, Ty)] = &[
    ("spdxElementId", Ty::Str),
    ("relatedSpdxElement", Ty::Str),
    ("relationshipType", Ty::Str),
    ("comment", Ty::Str),
];

const ANNOTATION: &[(&str, Ty)] = &[
    ("annotationDate", Ty::Str),
    ("annotationType", Ty::Str),
    ("annotator", Ty::Str),
    ("comment", Ty::Str),
];

const REVIEW: &[(&str, Ty)] = &[
    ("comment", Ty::Str),
    ("reviewDate", Ty::Str),
    ("reviewer", Ty::Str),
];

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Parses SPDX JSON into the neutral form; its values borrow from `text`.
pub(super) fn parse(text: &str) -> Result<Doc<'_>, SbomError> {
    let value = jsontree::from_slice(text.as_bytes()).map_err(|e| SbomError::Syntax {
        location: format!("{}:{}", e.line(), e.column()),
        message: syntax_message(&e),
    })?;
    let Value::Object(root) = value else {
        return Err(SbomError::NotAnSbom {
            reason: format!("SPDX JSON must be an object, found {}", type_name(&value)),
        });
    };
    let version = match root.get("spdxVersion") {
        Some(Value::String(v)) => match v.as_ref() {
            "SPDX-2.2" | "SPDX-2.3" => v[5..].to_owned(),
            _ => {
                return Err(SbomError::UnsupportedVersion {
                    format: "spdx",
                    version: v.to_string(),
                    pointer: "/spdxVersion".into(),
                });
            }
        },
        // SPDX 3 is JSON-LD: a context and a graph, no spdxVersion.
        None if root.contains_key("@context") => {
            return Err(SbomError::UnsupportedVersion {
                format: "spdx",
                version: "3".into(),
                pointer: "/@context".into(),
            });
        }
        _ => "2.3".to_owned(),
    };
    let mut p = Parser { errors: Vec::new() };
    let mut header = Elem::new(Kind::Document, String::new());
    let mut elems = Vec::new();
    let mut annotations = Vec::new();
    // Arrays of elements, processed after the scalars so that document-level
    // annotations know the document's SPDXID.
    let mut later: Vec<(Cow<'_, str>, Value<'_>)> = Vec::new();
    for (key, v) in root {
        match key.as_ref() {
            "creationInfo" => {
                if let Some(map) = p.object(v, &|| "/creationInfo".into()) {
                    p.fields(
                        &mut header,
                        map,
                        "/creationInfo",
                        CREATION_INFO,
                        &mut annotations,
                    );
                }
            }
            "externalDocumentRefs" => {
                for (i, o) in p.objects(v, &|| "/externalDocumentRefs".into()) {
                    let at = format!("/externalDocumentRefs/{i}");
                    if let Some(s) = p.external_document_ref(o, &at) {
                        header.fields.push(Field {
                            key: "externalDocumentRefs",
                            value: Cow::Owned(s),
                            line: 0,
                            index: Some(i),
                        });
                    }
                }
            }
            "packages"
            | "files"
            | "snippets"
            | "hasExtractedLicensingInfos"
            | "relationships"
            | "annotations"
            | "revieweds" => later.push((key, v)),
            _ => {
                let one = Map::one(key, v);
                p.fields(&mut header, one, "", ROOT, &mut annotations);
            }
        }
    }
    let doc_id = header
        .text("SPDXID")
        .unwrap_or("SPDXRef-DOCUMENT")
        .to_owned();
    for (key, v) in later {
        let (kind, keys) = match key.as_ref() {
            "packages" => (Kind::Package, PACKAGE),
            "files" => (Kind::File, FILE),
            "snippets" => (Kind::Snippet, SNIPPET),
            "hasExtractedLicensingInfos" => (Kind::License, LICENSE),
            "relationships" => (Kind::Relationship, RELATIONSHIP),
            "revieweds" => (Kind::Review, REVIEW),
            _ => {
                let mut owner = Elem::new(Kind::Document, String::new());
                owner.push("SPDXID", doc_id.clone());
                p.annotations(v, "/annotations", &owner, &mut annotations);
                continue;
            }
        };
        let base = format!("/{key}");
        let objects = p.objects(v, &|| base.clone());
        elems.reserve(objects.len());
        for (i, map) in objects {
            let mut e = Elem::new(kind, format!("{base}/{i}"));
            let at = std::mem::take(&mut e.at);
            p.fields(&mut e, map, &at, keys, &mut annotations);
            e.at = at;
            elems.push(e);
        }
    }
    elems.extend(annotations);
    Ok(Doc {
        json: true,
        version,
        header,
        elems,
        errors: p.errors,
    })
}

/// serde_json's message without its own "at line L column C" suffix.
fn syntax_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    match full.rfind(" at line ") {
        Some(i) => full[..i].to_owned(),
        None => full,
    }
}

struct Parser {
    errors: Vec<Diagnostic>,
}

/// Where a value is, computed only when there is something to report there: building
/// a pointer for every value of a 50,000-package document costs more than reading it.
type At<'f> = &'f dyn Fn() -> String;

impl Parser {
    fn error(&mut self, at: &str, message: impl Into<String>) {
        self.errors.push(Diagnostic::new(at, message));
    }

    fn error_at(&mut self, at: At<'_>, message: impl Into<String>) {
        self.errors.push(Diagnostic::new(at(), message));
    }

    fn object<'a>(&mut self, v: Value<'a>, at: At<'_>) -> Option<Map<'a>> {
        match v {
            Value::Object(m) => Some(m),
            other => {
                self.error_at(
                    at,
                    format!("expected an object, found {}", type_name(&other)),
                );
                None
            }
        }
    }

    fn array<'a>(&mut self, v: Value<'a>, at: At<'_>) -> Vec<Value<'a>> {
        match v {
            Value::Array(a) => a.into_vec(),
            other => {
                self.error_at(
                    at,
                    format!("expected an array, found {}", type_name(&other)),
                );
                Vec::new()
            }
        }
    }

    fn objects<'a>(&mut self, v: Value<'a>, at: At<'_>) -> Vec<(usize, Map<'a>)> {
        let items = self.array(v, at);
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            if let Some(m) = self.object(item, &|| format!("{}/{i}", at())) {
                out.push((i, m));
            }
        }
        out
    }

    fn string<'a>(&mut self, v: Value<'a>, at: At<'_>) -> Option<Cow<'a, str>> {
        match v {
            Value::String(s) if s.len() > MAX_STRING_BYTES => {
                self.error_at(
                    at,
                    format!(
                        "a string of {} bytes, more than the {MAX_STRING_BYTES} bytes accepted",
                        s.len()
                    ),
                );
                None
            }
            Value::String(s) => Some(s),
            other => {
                self.error_at(
                    at,
                    format!("expected a string, found {}", type_name(&other)),
                );
                None
            }
        }
    }

    fn integer(&mut self, v: Value<'_>, at: At<'_>) -> Option<u64> {
        match v {
            Value::Number(n) if n.as_u64().is_some() => n.as_u64(),
            other => {
                self.error_at(
                    at,
                    format!(
                        "expected a non-negative integer, found {}",
                        type_name(&other)
                    ),
                );
                None
            }
        }
    }

    /// Takes the properties of `map` listed in `keys` into `elem`; others are errors.
    fn fields<'a>(
        &mut self,
        elem: &mut Elem<'a>,
        map: Map<'a>,
        at: &str,
        keys: &[(&'static str, Ty)],
        annotations: &mut Vec<Elem<'a>>,
    ) {
        let mut nested_annotations = None;
        for (key, v) in map {
            // `creationInfo/created` is looked up by its last segment (compared from
            // the end: splitting every table entry for every member was a fifth of
            // the reading time).
            let last_segment_is = |k: &str| {
                k.len() >= key.len()
                    && k.ends_with(key.as_ref())
                    && (k.len() == key.len() || k.as_bytes()[k.len() - key.len() - 1] == b'/')
            };
            let found = if key.contains('/') {
                None
            } else {
                keys.iter().find(|(k, _)| last_segment_is(k))
            };
            let Some(&(name, ty)) = found else {
                self.error(
                    &format!("{at}/{}", escape(&key)),
                    format!("unknown property {key:?}"),
                );
                continue;
            };
            let here = || format!("{at}/{key}");
            let mut push = |value: Cow<'a, str>, index: Option<usize>| {
                elem.fields.push(Field {
                    key: name,
                    value,
                    line: 0,
                    index,
                });
            };
            match ty {
                Ty::Str => {
                    if let Some(s) = self.string(v, &here) {
                        push(s, None);
                    }
                }
                Ty::Strs => {
                    for (i, item) in self.array(v, &here).into_iter().enumerate() {
                        if let Some(s) = self.string(item, &|| format!("{}/{i}", here())) {
                            push(s, Some(i));
                        }
                    }
                }
                Ty::Bool => match v {
                    Value::Bool(b) => push(Cow::Borrowed(if b { "true" } else { "false" }), None),
                    other => self.error_at(
                        &here,
                        format!("expected a boolean, found {}", type_name(&other)),
                    ),
                },
                Ty::Checksums => {
                    for (i, o) in self.objects(v, &here) {
                        if let Some(s) = self.checksum(o, &format!("{}/{i}", here())) {
                            push(Cow::Owned(s), Some(i));
                        }
                    }
                }
                Ty::ExternalRefs => {
                    for (i, o) in self.objects(v, &here) {
                        if let Some(s) = self.external_ref(o, &format!("{}/{i}", here())) {
                            push(Cow::Owned(s), Some(i));
                        }
                    }
                }
                Ty::VerificationCode => {
                    if let Some(o) = self.object(v, &here)
                        && let Some(s) = self.verification_code(o, &here())
                    {
                        push(Cow::Owned(s), None);
                    }
                }
                Ty::Ranges => {
                    for (i, o) in self.objects(v, &here) {
                        if let Some((k, s)) = self.range(o, &format!("{}/{i}", here())) {
                            elem.fields.push(Field {
                                key: k,
                                value: Cow::Owned(s),
                                line: 0,
                                index: Some(i),
                            });
                        }
                    }
                }
                Ty::Annotations => nested_annotations = Some((v, here())),
                Ty::Objects => {
                    let _ = self.objects(v, &here);
                }
            }
        }
        if let Some((v, here)) = nested_annotations {
            self.annotations(v, &here, elem, annotations);
        }
    }

    fn annotations<'a>(
        &mut self,
        v: Value<'a>,
        at: &str,
        owner: &Elem<'_>,
        out: &mut Vec<Elem<'a>>,
    ) {
        for (i, map) in self.objects(v, &|| at.to_owned()) {
            let mut a = Elem::new(Kind::Annotation, format!("{at}/{i}"));
            let here = a.at.clone();
            self.fields(&mut a, map, &here, ANNOTATION, &mut Vec::new());
            if let Some(id) = owner.text("SPDXID") {
                a.push("spdxElementId", id.to_owned());
            }
            out.push(a);
        }
    }

    /// Checks an object's properties against `spec` (name, required) and
    /// returns the values by position; unknown properties are errors.
    fn record<'a>(
        &mut self,
        map: Map<'a>,
        at: &str,
        spec: &[(&str, bool)],
    ) -> Vec<Option<Value<'a>>> {
        let mut out: Vec<Option<Value<'a>>> = vec![None; spec.len()];
        for (key, v) in map {
            match spec.iter().position(|(k, _)| *k == key) {
                Some(i) => out[i] = Some(v),
                None => self.error(
                    &format!("{at}/{}", escape(&key)),
                    format!("unknown property {key:?}"),
                ),
            }
        }
        for (i, (k, required)) in spec.iter().enumerate() {
            if *required && out[i].is_none() {
                self.error(at, format!("missing required property {k:?}"));
            }
        }
        out
    }

    fn string_at<'a>(&mut self, v: Option<Value<'a>>, at: &str, key: &str) -> Option<Cow<'a, str>> {
        v.and_then(|v| self.string(v, &|| format!("{at}/{key}")))
    }

    fn checksum(&mut self, o: Map<'_>, at: &str) -> Option<String> {
        let mut r = self
            .record(o, at, &[("algorithm", true), ("checksumValue", true)])
            .into_iter();
        let alg = self.string_at(r.next().flatten(), at, "algorithm");
        let value = self.string_at(r.next().flatten(), at, "checksumValue");
        Some(format!("{}: {}", alg?, value?))
    }

    fn external_ref(&mut self, o: Map<'_>, at: &str) -> Option<String> {
        let mut r = self
            .record(
                o,
                at,
                &[
                    ("referenceCategory", true),
                    ("referenceType", true),
                    ("referenceLocator", true),
                    ("comment", false),
                ],
            )
            .into_iter();
        let cat = self.string_at(r.next().flatten(), at, "referenceCategory");
        let ty = self.string_at(r.next().flatten(), at, "referenceType");
        let loc = self.string_at(r.next().flatten(), at, "referenceLocator");
        let _comment = self.string_at(r.next().flatten(), at, "comment");
        Some(format!("{} {} {}", cat?, ty?, loc?))
    }

    fn external_document_ref(&mut self, o: Map<'_>, at: &str) -> Option<String> {
        let mut r = self
            .record(
                o,
                at,
                &[
                    ("externalDocumentId", true),
                    ("spdxDocument", true),
                    ("checksum", true),
                ],
            )
            .into_iter();
        let id = self.string_at(r.next().flatten(), at, "externalDocumentId");
        let uri = self.string_at(r.next().flatten(), at, "spdxDocument");
        let sum = r
            .next()
            .flatten()
            .and_then(|v| self.object(v, &|| format!("{at}/checksum")))
            .and_then(|o| self.checksum(o, &format!("{at}/checksum")));
        Some(format!("{} {} {}", id?, uri?, sum?))
    }

    fn verification_code(&mut self, o: Map<'_>, at: &str) -> Option<String> {
        let mut r = self
            .record(
                o,
                at,
                &[
                    ("packageVerificationCodeValue", true),
                    ("packageVerificationCodeExcludedFiles", false),
                ],
            )
            .into_iter();
        let value = self.string_at(r.next().flatten(), at, "packageVerificationCodeValue");
        let mut excluded = Vec::new();
        if let Some(v) = r.next().flatten() {
            let here = format!("{at}/packageVerificationCodeExcludedFiles");
            for (i, item) in self.array(v, &|| here.clone()).into_iter().enumerate() {
                excluded.extend(self.string(item, &|| format!("{here}/{i}")));
            }
        }
        let value = value?;
        Some(if excluded.is_empty() {
            value.into_owned()
        } else {
            format!("{value} (excludes: {})", excluded.join(", "))
        })
    }

    /// A snippet range as `start:end`, keyed by whether it counts bytes or lines.
    fn range(&mut self, o: Map<'_>, at: &str) -> Option<(&'static str, String)> {
        let mut r = self
            .record(o, at, &[("startPointer", true), ("endPointer", true)])
            .into_iter();
        let start = r
            .next()
            .flatten()
            .and_then(|v| self.pointer(v, &format!("{at}/startPointer")));
        let end = r
            .next()
            .flatten()
            .and_then(|v| self.pointer(v, &format!("{at}/endPointer")));
        let ((sk, s), (ek, e)) = (start?, end?);
        if sk != ek {
            self.error(
                at,
                "a range must start and end with the same kind of pointer (offset or lineNumber)",
            );
            return None;
        }
        Some((sk, format!("{s}:{e}")))
    }

    fn pointer(&mut self, v: Value<'_>, at: &str) -> Option<(&'static str, u64)> {
        let o = self.object(v, &|| at.to_owned())?;
        let mut r = self
            .record(
                o,
                at,
                &[
                    ("reference", true),
                    ("offset", false),
                    ("lineNumber", false),
                ],
            )
            .into_iter();
        let _reference = self.string_at(r.next().flatten(), at, "reference");
        let offset = r
            .next()
            .flatten()
            .and_then(|v| self.integer(v, &|| format!("{at}/offset")));
        let line = r
            .next()
            .flatten()
            .and_then(|v| self.integer(v, &|| format!("{at}/lineNumber")));
        match (offset, line) {
            (Some(o), None) => Some(("ranges/byte", o)),
            (None, Some(l)) => Some(("ranges/line", l)),
            _ => {
                self.error(
                    at,
                    "a pointer needs exactly one of \"offset\" and \"lineNumber\"",
                );
                None
            }
        }
    }
}

/// JSON pointer escaping of one segment.
fn escape(key: &str) -> Cow<'_, str> {
    if key.contains(['~', '/']) {
        Cow::Owned(key.replace('~', "~0").replace('/', "~1"))
    } else {
        Cow::Borrowed(key)
    }
}

/// Writes the neutral form as pretty SPDX JSON, keys in a fixed order.
pub(super) fn write(doc: &Doc<'_>) -> Vec<u8> {
    let mut root = OutMap::new();
    let mut creation = OutMap::new();
    let h = &doc.header;
    for key in [
        "spdxVersion",
        "dataLicense",
        "SPDXID",
        "name",
        "documentNamespace",
        "comment",
    ] {
        if let Some(v) = h.text(key) {
            root.insert(key.into(), OutValue::String(v.into()));
        }
    }
    let ext: Vec<OutValue> = h
        .all("externalDocumentRefs")
        .filter_map(|f| {
            let mut it = f.value.splitn(3, ' ');
            let (id, uri, sum) = (it.next()?, it.next()?, it.next()?);
            let mut o = OutMap::new();
            o.insert("externalDocumentId".into(), id.into());
            o.insert("spdxDocument".into(), uri.into());
            o.insert("checksum".into(), checksum_object(sum)?);
            Some(OutValue::Object(o))
        })
        .collect();
    if !ext.is_empty() {
        root.insert("externalDocumentRefs".into(), OutValue::Array(ext));
    }
    for (key, name) in [
        ("creationInfo/licenseListVersion", "licenseListVersion"),
        ("creationInfo/created", "created"),
        ("creationInfo/comment", "comment"),
    ] {
        if let Some(v) = h.text(key) {
            creation.insert(name.into(), OutValue::String(v.into()));
        }
    }
    let creators: Vec<OutValue> = h
        .all("creationInfo/creators")
        .map(|f| OutValue::String(f.value.to_string()))
        .collect();
    creation.insert("creators".into(), OutValue::Array(creators));
    root.insert("creationInfo".into(), OutValue::Object(creation));

    let mut groups: [(Kind, &str, Vec<OutValue>); 5] = [
        (Kind::Package, "packages", Vec::new()),
        (Kind::File, "files", Vec::new()),
        (Kind::Snippet, "snippets", Vec::new()),
        (Kind::License, "hasExtractedLicensingInfos", Vec::new()),
        (Kind::Relationship, "relationships", Vec::new()),
    ];
    let doc_id = h.text("SPDXID").unwrap_or("SPDXRef-DOCUMENT");
    let mut doc_annotations = Vec::new();
    // Grouped once: looking each element's annotations up by scanning all elements
    // made writing 300,000 packages take many minutes.
    let mut annotations_of: std::collections::HashMap<&str, Vec<OutValue>> =
        std::collections::HashMap::new();
    for a in doc.elems.iter().filter(|a| a.kind == Kind::Annotation) {
        if let Some(id) = a.text("spdxElementId") {
            annotations_of
                .entry(id)
                .or_default()
                .push(annotation_object(a));
        }
    }
    for e in &doc.elems {
        let Some(group) = groups.iter_mut().find(|g| g.0 == e.kind) else {
            if e.kind == Kind::Annotation && e.text("spdxElementId") == Some(doc_id) {
                doc_annotations.push(annotation_object(e));
            }
            continue;
        };
        let mut o = element_object(e);
        if matches!(e.kind, Kind::Package | Kind::File | Kind::Snippet)
            && let Some(anns) = e.text("SPDXID").and_then(|id| annotations_of.get(id))
        {
            o.insert("annotations".into(), OutValue::Array(anns.clone()));
        }
        group.2.push(OutValue::Object(o));
    }
    for (_, name, items) in groups {
        if !items.is_empty() {
            root.insert(name.into(), OutValue::Array(items));
        }
    }
    if !doc_annotations.is_empty() {
        root.insert("annotations".into(), OutValue::Array(doc_annotations));
    }
    let mut out = serde_json::to_vec_pretty(&OutValue::Object(root)).unwrap_or_default();
    out.push(b'\n');
    out
}

fn annotation_object(e: &Elem<'_>) -> OutValue {
    let mut o = OutMap::new();
    for key in ["annotationDate", "annotationType", "annotator", "comment"] {
        if let Some(v) = e.text(key) {
            o.insert(key.into(), OutValue::String(v.into()));
        }
    }
    OutValue::Object(o)
}

fn checksum_object(s: &str) -> Option<OutValue> {
    let (alg, value) = s.split_once(':')?;
    let mut o = OutMap::new();
    o.insert("algorithm".into(), alg.trim().into());
    o.insert("checksumValue".into(), value.trim().into());
    Some(OutValue::Object(o))
}

fn element_object(e: &Elem<'_>) -> OutMap<String, OutValue> {
    let mut o = OutMap::new();
    let reference = e.text("snippetFromFile").unwrap_or_default().to_owned();
    for f in &e.fields {
        let key = f.key;
        let v: OutValue = match key {
            "spdxElementId" | "relatedSpdxElement" | "relationshipType" => f.value.as_ref().into(),
            "checksums" => match checksum_object(&f.value) {
                Some(v) => v,
                None => continue,
            },
            "externalRefs" => {
                let mut it = f.value.splitn(3, ' ');
                let (Some(c), Some(t), Some(l)) = (it.next(), it.next(), it.next()) else {
                    continue;
                };
                let mut r = OutMap::new();
                r.insert("referenceCategory".into(), c.into());
                r.insert("referenceType".into(), t.into());
                r.insert("referenceLocator".into(), l.into());
                OutValue::Object(r)
            }
            "filesAnalyzed" => OutValue::Bool(f.value == "true"),
            "packageVerificationCode" => {
                let (value, excluded) = split_verification_code(&f.value);
                let mut r = OutMap::new();
                r.insert("packageVerificationCodeValue".into(), value.into());
                if !excluded.is_empty() {
                    r.insert(
                        "packageVerificationCodeExcludedFiles".into(),
                        excluded.into_iter().map(OutValue::from).collect(),
                    );
                }
                OutValue::Object(r)
            }
            "ranges/byte" | "ranges/line" => {
                let Some((s, end)) = f.value.split_once(':') else {
                    continue;
                };
                let (Ok(s), Ok(end)) = (s.trim().parse::<u64>(), end.trim().parse::<u64>()) else {
                    continue;
                };
                let unit = if key == "ranges/byte" {
                    "offset"
                } else {
                    "lineNumber"
                };
                let ptr = |n: u64| {
                    let mut p = OutMap::new();
                    p.insert("reference".into(), reference.clone().into());
                    p.insert(unit.into(), n.into());
                    OutValue::Object(p)
                };
                let mut r = OutMap::new();
                r.insert("endPointer".into(), ptr(end));
                r.insert("startPointer".into(), ptr(s));
                let ranges = o
                    .entry("ranges")
                    .or_insert_with(|| OutValue::Array(Vec::new()));
                if let OutValue::Array(a) = ranges {
                    a.push(OutValue::Object(r));
                }
                continue;
            }
            k if k.contains('/') => continue,
            _ => f.value.as_ref().into(),
        };
        if is_multi(e.kind, key) || key == "hasFiles" {
            let slot = o.entry(key).or_insert_with(|| OutValue::Array(Vec::new()));
            if let OutValue::Array(a) = slot {
                a.push(v);
            }
        } else {
            o.insert(key.into(), v);
        }
    }
    o
}

/// `VALUE (excludes: a, b)` or `VALUE(a)` → the value and the excluded files.
pub(super) fn split_verification_code(s: &str) -> (&str, Vec<&str>) {
    match s.split_once('(') {
        None => (s.trim(), Vec::new()),
        Some((v, rest)) => {
            let inner = rest.trim_end().trim_end_matches(')');
            let inner = inner.trim_start();
            let inner = inner.strip_prefix("excludes:").unwrap_or(inner);
            let files = inner
                .split(',')
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .collect();
            (v.trim(), files)
        }
    }
}
