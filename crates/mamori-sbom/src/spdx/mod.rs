//! SPDX 2.2 and 2.3, JSON and tag-value: strict reading and 2.3 writing.
//!
//! Both syntaxes are first turned into one neutral form (`Doc`: elements made
//! of `key = text` fields, keys spelled as the SPDX JSON property names), so
//! that every rule of the spec is checked once, in `build`, whatever the
//! syntax, and both writers share one mapping from the model.
//!
//! Decisions (the model is format-neutral, SPDX says more than it holds):
//! - Packages, files and snippets all become components (files `kind: File`,
//!   snippets `kind: Other("snippet")`), in that order, so that relationships
//!   to files and snippets stay checkable; files and snippets carry the
//!   property `mamori:spdx:element` so they are written back as such.
//! - SPDX fields the model has no place for are kept verbatim as component or
//!   document properties named `mamori:spdx:<json property>` and written back.
//!   Non-FDA annotations, review records, external-ref and relationship
//!   comments, `crossRefs`, `artifactOfs` and party URLs are dropped.
//! - `licenses` holds `licenseConcluded` when it states a license (or `NONE`),
//!   else `licenseDeclared`; the other one is kept as a property when it
//!   differs. `NONE` is an empty list, `NOASSERTION` a declared unknown.
//! - FDA support fields travel as element annotations of type `OTHER` whose
//!   comment is `cdx:fda:level-of-support=<value>` (likewise
//!   `cdx:fda:end-of-support-date`, `cdx:fda:justification`); the writer
//!   emits them the same way, annotator `Tool: mamori`.
//! - Relationships to `NONE` / `NOASSERTION` are SPDX's completeness
//!   statements: they stay relationships; CycloneDX compositions are written
//!   as such relationships.
//! - Tag-value files that follow a package are contained by it (as
//!   spdx-tools reads them): a `CONTAINS` relationship is added.

mod build;
mod json;
mod license;
mod tagvalue;
mod write;

use crate::{Checked, SbomError};
use mamori_model::Sbom;
use std::borrow::Cow;

/// Reads SPDX 2.2 or 2.3 JSON (UTF-8, or UTF-16 with a byte-order mark).
pub fn read_json(bytes: &[u8]) -> Result<Checked, SbomError> {
    let text = decode(bytes)?;
    let doc = json::parse(&text)?;
    Ok(build::build(doc))
}

/// Reads SPDX 2.2 or 2.3 tag-value (UTF-8, or UTF-16 with a byte-order mark).
pub fn read_tag_value(bytes: &[u8]) -> Result<Checked, SbomError> {
    let text = decode(bytes)?;
    let doc = tagvalue::parse(&text)?;
    Ok(build::build(doc))
}

/// Writes SPDX 2.3 JSON.
pub fn write_json(sbom: &Sbom) -> Vec<u8> {
    json::write(&write::to_doc(sbom))
}

/// Writes SPDX 2.3 tag-value.
pub fn write_tag_value(sbom: &Sbom) -> Vec<u8> {
    tagvalue::write(&write::to_doc(sbom))
}

/// Text of the document: UTF-8 (byte-order mark dropped) or UTF-16 with a mark.
fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, SbomError> {
    let utf16 = |le: bool, rest: &[u8]| -> Result<Cow<'_, str>, SbomError> {
        let units = rest.chunks(2).map(|c| match (c, le) {
            ([a, b], true) => u16::from_le_bytes([*a, *b]),
            ([a, b], false) => u16::from_be_bytes([*a, *b]),
            _ => 0xFFFD,
        });
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .map(Cow::Owned)
            .map_err(|e| SbomError::Syntax {
                location: "1:1".into(),
                message: format!("invalid UTF-16: {e}"),
            })
    };
    match bytes {
        [0xFF, 0xFE, rest @ ..] => utf16(true, rest),
        [0xFE, 0xFF, rest @ ..] => utf16(false, rest),
        _ => {
            let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
            std::str::from_utf8(body).map(Cow::Borrowed).map_err(|e| {
                let before = &body[..e.valid_up_to()];
                let line = before.iter().filter(|b| **b == b'\n').count() + 1;
                SbomError::Syntax {
                    location: format!("line {line}"),
                    message: format!("invalid UTF-8 at byte {}", e.valid_up_to()),
                }
            })
        }
    }
}

/// What an element of the neutral form is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Document,
    Package,
    File,
    Snippet,
    License,
    Relationship,
    Annotation,
    Review,
}

/// One `key = value` of an element, with where it was.
#[derive(Clone, Debug)]
struct Field<'a> {
    /// SPDX JSON property name (sub-properties as `creationInfo/created`).
    key: &'static str,
    value: Cow<'a, str>,
    /// Tag-value line, or 0 for JSON.
    line: usize,
    /// Index in a JSON array, when the property is one.
    index: Option<usize>,
}

/// A package, file, snippet, relationship… of the neutral form.
#[derive(Clone, Debug)]
struct Elem<'a> {
    kind: Kind,
    /// JSON pointer of the object, or `line N` of its first tag.
    at: String,
    fields: Vec<Field<'a>>,
    /// Tag-value: index (in `Doc::elems`) of the package a file follows.
    follows_package: Option<usize>,
}

impl<'a> Elem<'a> {
    fn new(kind: Kind, at: String) -> Self {
        Self {
            kind,
            at,
            fields: Vec::new(),
            follows_package: None,
        }
    }
    fn get(&self, key: &str) -> Option<&Field<'a>> {
        self.fields.iter().find(|f| f.key == key)
    }
    fn text(&self, key: &str) -> Option<&str> {
        self.get(key).map(|f| f.value.as_ref())
    }
    fn all<'s>(&'s self, key: &'s str) -> impl Iterator<Item = &'s Field<'a>> + 's {
        self.fields.iter().filter(move |f| f.key == key)
    }
    fn push(&mut self, key: &'static str, value: impl Into<Cow<'a, str>>) {
        self.fields.push(Field {
            key,
            value: value.into(),
            line: 0,
            index: None,
        });
    }
}

/// A document in the neutral form.
#[derive(Clone, Debug)]
struct Doc<'a> {
    json: bool,
    /// `2.2` or `2.3`.
    version: String,
    header: Elem<'a>,
    elems: Vec<Elem<'a>>,
    /// Problems the syntax reader found (unknown properties or tags, wrong types).
    errors: Vec<crate::Diagnostic>,
}

impl Doc<'_> {
    /// Where a field is, in the document's own terms.
    fn locate(&self, elem: &Elem<'_>, f: &Field<'_>) -> String {
        if self.json {
            match f.index {
                Some(i) => format!("{}/{}/{i}", elem.at, f.key),
                None => format!("{}/{}", elem.at, f.key),
            }
        } else {
            format!("line {}", f.line)
        }
    }
}

/// Tag-value tags: the element they belong to, the JSON property they stand
/// for, whether they may repeat. The order is the writers' order.
const TAGS: &[(&str, Kind, &str, bool)] = &[
    ("SPDXVersion", Kind::Document, "spdxVersion", false),
    ("DataLicense", Kind::Document, "dataLicense", false),
    ("SPDXID", Kind::Document, "SPDXID", false),
    ("DocumentName", Kind::Document, "name", false),
    (
        "DocumentNamespace",
        Kind::Document,
        "documentNamespace",
        false,
    ),
    (
        "ExternalDocumentRef",
        Kind::Document,
        "externalDocumentRefs",
        true,
    ),
    (
        "LicenseListVersion",
        Kind::Document,
        "creationInfo/licenseListVersion",
        false,
    ),
    ("Creator", Kind::Document, "creationInfo/creators", true),
    ("Created", Kind::Document, "creationInfo/created", false),
    (
        "CreatorComment",
        Kind::Document,
        "creationInfo/comment",
        false,
    ),
    ("DocumentComment", Kind::Document, "comment", false),
    ("PackageName", Kind::Package, "name", false),
    ("SPDXID", Kind::Package, "SPDXID", false),
    ("PackageVersion", Kind::Package, "versionInfo", false),
    ("PackageFileName", Kind::Package, "packageFileName", false),
    ("PackageSupplier", Kind::Package, "supplier", false),
    ("PackageOriginator", Kind::Package, "originator", false),
    (
        "PackageDownloadLocation",
        Kind::Package,
        "downloadLocation",
        false,
    ),
    ("FilesAnalyzed", Kind::Package, "filesAnalyzed", false),
    (
        "PackageVerificationCode",
        Kind::Package,
        "packageVerificationCode",
        false,
    ),
    ("PackageChecksum", Kind::Package, "checksums", true),
    ("PackageHomePage", Kind::Package, "homepage", false),
    ("PackageSourceInfo", Kind::Package, "sourceInfo", false),
    (
        "PackageLicenseConcluded",
        Kind::Package,
        "licenseConcluded",
        false,
    ),
    (
        "PackageLicenseInfoFromFiles",
        Kind::Package,
        "licenseInfoFromFiles",
        true,
    ),
    (
        "PackageLicenseDeclared",
        Kind::Package,
        "licenseDeclared",
        false,
    ),
    (
        "PackageLicenseComments",
        Kind::Package,
        "licenseComments",
        false,
    ),
    (
        "PackageCopyrightText",
        Kind::Package,
        "copyrightText",
        false,
    ),
    ("PackageSummary", Kind::Package, "summary", false),
    ("PackageDescription", Kind::Package, "description", false),
    ("PackageComment", Kind::Package, "comment", false),
    ("ExternalRef", Kind::Package, "externalRefs", true),
    (
        "ExternalRefComment",
        Kind::Package,
        "externalRefs/comment",
        true,
    ),
    (
        "PackageAttributionText",
        Kind::Package,
        "attributionTexts",
        true,
    ),
    (
        "PrimaryPackagePurpose",
        Kind::Package,
        "primaryPackagePurpose",
        false,
    ),
    ("ReleaseDate", Kind::Package, "releaseDate", false),
    ("BuiltDate", Kind::Package, "builtDate", false),
    ("ValidUntilDate", Kind::Package, "validUntilDate", false),
    ("FileName", Kind::File, "fileName", false),
    ("SPDXID", Kind::File, "SPDXID", false),
    ("FileType", Kind::File, "fileTypes", true),
    ("FileChecksum", Kind::File, "checksums", true),
    ("LicenseConcluded", Kind::File, "licenseConcluded", false),
    ("LicenseInfoInFile", Kind::File, "licenseInfoInFiles", true),
    ("LicenseComments", Kind::File, "licenseComments", false),
    ("FileCopyrightText", Kind::File, "copyrightText", false),
    ("FileComment", Kind::File, "comment", false),
    ("FileNotice", Kind::File, "noticeText", false),
    ("FileContributor", Kind::File, "fileContributors", true),
    ("FileAttributionText", Kind::File, "attributionTexts", true),
    ("FileDependency", Kind::File, "fileDependencies", true),
    (
        "ArtifactOfProjectName",
        Kind::File,
        "artifactOfs/name",
        true,
    ),
    (
        "ArtifactOfProjectHomePage",
        Kind::File,
        "artifactOfs/homePage",
        true,
    ),
    ("ArtifactOfProjectURI", Kind::File, "artifactOfs/uri", true),
    ("SnippetSPDXID", Kind::Snippet, "SPDXID", false),
    ("SnippetName", Kind::Snippet, "name", false),
    (
        "SnippetFromFileSPDXID",
        Kind::Snippet,
        "snippetFromFile",
        false,
    ),
    ("SnippetByteRange", Kind::Snippet, "ranges/byte", false),
    ("SnippetLineRange", Kind::Snippet, "ranges/line", false),
    (
        "SnippetLicenseConcluded",
        Kind::Snippet,
        "licenseConcluded",
        false,
    ),
    (
        "LicenseInfoInSnippet",
        Kind::Snippet,
        "licenseInfoInSnippets",
        true,
    ),
    (
        "SnippetLicenseComments",
        Kind::Snippet,
        "licenseComments",
        false,
    ),
    (
        "SnippetCopyrightText",
        Kind::Snippet,
        "copyrightText",
        false,
    ),
    ("SnippetComment", Kind::Snippet, "comment", false),
    (
        "SnippetAttributionText",
        Kind::Snippet,
        "attributionTexts",
        true,
    ),
    ("LicenseID", Kind::License, "licenseId", false),
    ("LicenseName", Kind::License, "name", false),
    ("ExtractedText", Kind::License, "extractedText", false),
    ("LicenseCrossReference", Kind::License, "seeAlsos", true),
    ("LicenseComment", Kind::License, "comment", false),
    ("Relationship", Kind::Relationship, "relationship", false),
    ("RelationshipComment", Kind::Relationship, "comment", false),
    ("Annotator", Kind::Annotation, "annotator", false),
    ("AnnotationDate", Kind::Annotation, "annotationDate", false),
    ("AnnotationType", Kind::Annotation, "annotationType", false),
    ("SPDXREF", Kind::Annotation, "spdxElementId", false),
    ("AnnotationComment", Kind::Annotation, "comment", false),
    ("Reviewer", Kind::Review, "reviewer", false),
    ("ReviewDate", Kind::Review, "reviewDate", false),
    ("ReviewComment", Kind::Review, "comment", false),
];

/// Tag-value tag of a field, for messages and the writer.
fn tag_of(kind: Kind, key: &str) -> &'static str {
    TAGS.iter()
        .find(|(_, k, j, _)| *k == kind && *j == key)
        .map_or("?", |(t, ..)| t)
}

/// Whether a field of this kind may repeat (a JSON array).
fn is_multi(kind: Kind, key: &str) -> bool {
    TAGS.iter()
        .any(|(_, k, j, m)| *k == kind && *j == key && *m)
}

const RELATIONSHIP_TYPES: &[&str] = &[
    "AMENDS",
    "ANCESTOR_OF",
    "BUILD_DEPENDENCY_OF",
    "BUILD_TOOL_OF",
    "CONTAINED_BY",
    "CONTAINS",
    "COPY_OF",
    "DATA_FILE_OF",
    "DEPENDENCY_MANIFEST_OF",
    "DEPENDENCY_OF",
    "DEPENDS_ON",
    "DESCENDANT_OF",
    "DESCRIBED_BY",
    "DESCRIBES",
    "DEV_DEPENDENCY_OF",
    "DEV_TOOL_OF",
    "DISTRIBUTION_ARTIFACT",
    "DOCUMENTATION_OF",
    "DYNAMIC_LINK",
    "EXAMPLE_OF",
    "EXPANDED_FROM_ARCHIVE",
    "FILE_ADDED",
    "FILE_DELETED",
    "FILE_MODIFIED",
    "GENERATED_FROM",
    "GENERATES",
    "HAS_PREREQUISITE",
    "METAFILE_OF",
    "OPTIONAL_COMPONENT_OF",
    "OPTIONAL_DEPENDENCY_OF",
    "OTHER",
    "PACKAGE_OF",
    "PATCH_APPLIED",
    "PATCH_FOR",
    "PREREQUISITE_FOR",
    "PROVIDED_DEPENDENCY_OF",
    "REQUIREMENT_DESCRIPTION_FOR",
    "RUNTIME_DEPENDENCY_OF",
    "SPECIFICATION_FOR",
    "STATIC_LINK",
    "TEST_CASE_OF",
    "TEST_DEPENDENCY_OF",
    "TEST_OF",
    "TEST_TOOL_OF",
    "VARIANT_OF",
];

const CHECKSUM_ALGORITHMS: &[(&str, Option<usize>)] = &[
    ("SHA1", Some(40)),
    ("SHA224", Some(56)),
    ("SHA256", Some(64)),
    ("SHA384", Some(96)),
    ("SHA512", Some(128)),
    ("SHA3-256", Some(64)),
    ("SHA3-384", Some(96)),
    ("SHA3-512", Some(128)),
    ("BLAKE2b-256", Some(64)),
    ("BLAKE2b-384", Some(96)),
    ("BLAKE2b-512", Some(128)),
    ("BLAKE3", None),
    ("MD2", Some(32)),
    ("MD4", Some(32)),
    ("MD5", Some(32)),
    ("MD6", None),
    ("ADLER32", Some(8)),
];

/// External reference categories with the types the spec lists for each
/// (`OTHER` takes any type without white space).
const EXTERNAL_REF_TYPES: &[(&str, &[&str])] = &[
    (
        "SECURITY",
        &["cpe22Type", "cpe23Type", "advisory", "fix", "url", "swid"],
    ),
    (
        "PACKAGE-MANAGER",
        &["maven-central", "npm", "nuget", "bower", "purl"],
    ),
    ("PERSISTENT-ID", &["swh", "gitoid"]),
    ("OTHER", &[]),
];

const PACKAGE_PURPOSES: &[&str] = &[
    "APPLICATION",
    "FRAMEWORK",
    "LIBRARY",
    "CONTAINER",
    "OPERATING_SYSTEM",
    "DEVICE",
    "FIRMWARE",
    "SOURCE",
    "ARCHIVE",
    "FILE",
    "INSTALL",
    "OTHER",
];

const FILE_TYPES: &[&str] = &[
    "SOURCE",
    "BINARY",
    "ARCHIVE",
    "APPLICATION",
    "AUDIO",
    "IMAGE",
    "TEXT",
    "VIDEO",
    "DOCUMENTATION",
    "SPDX",
    "OTHER",
];

/// Prefix of the properties that carry SPDX fields the model has no place for.
const PROP: &str = "mamori:spdx:";
