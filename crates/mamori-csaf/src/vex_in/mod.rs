//! VEX readers: a supplier's CycloneDX VEX, OpenVEX or CSAF document in, one claim per
//! vulnerability × product out, each with the analysis the judge reads from it — pure, bytes in.
//!
//! The format is told from the content (`bomFormat`, the OpenVEX `@context`, `document.csaf_version`),
//! never from a file name. A claim names its vulnerability with every alias the document gives, the
//! product it is about by purl, CPE and name + version (whatever the document says; references into
//! the document's own component list or product tree are resolved here), the analysis as a
//! [`mamori_judge::analysis::Analysis`] made by the judge's `from_cyclonedx` / `from_openvex` /
//! `from_csaf`, the supplier's own text, and the JSON pointer it came from, so a suggestion made from
//! it can always be traced back. Input that is not what the format requires fails with a
//! [`VexReadError`] naming the pointer; no input makes a reader panic, and walks of nested components
//! and branches use explicit stacks with a depth limit.

mod csaf;
mod cyclonedx;
mod openvex;

use mamori_judge::analysis::{Analysis, Lang};
use serde_json::{Map, Value};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::pointer::push_escaped;

/// The VEX formats read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VexFormat {
    /// CycloneDX (1.4 or later) with `vulnerabilities[].analysis`.
    CycloneDx,
    /// OpenVEX (0.0.1 and 0.2.0).
    OpenVex,
    /// CSAF 2.0 (any profile with product status: `csaf_vex`, security advisories).
    Csaf,
}

impl VexFormat {
    /// `cyclonedx`, `openvex` or `csaf`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::CycloneDx => "cyclonedx",
            Self::OpenVex => "openvex",
            Self::Csaf => "csaf",
        }
    }

    /// Reads `cyclonedx`, `openvex` or `csaf`.
    pub fn parse(s: &str) -> Option<Self> {
        [Self::CycloneDx, Self::OpenVex, Self::Csaf]
            .into_iter()
            .find(|f| f.as_str() == s)
    }
}

/// What a claim is about, as the document identifies it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ClaimProduct {
    /// How the document refers to it: a bom-ref, a CSAF product id, an OpenVEX `@id`.
    pub reference: String,
    /// Package URL.
    pub purl: Option<String>,
    /// CPE 2.2 or 2.3 name.
    pub cpe: Option<String>,
    /// Name.
    pub name: Option<String>,
    /// Version.
    pub version: Option<String>,
    /// The product it is a part of, where the document says (OpenVEX subcomponents, CSAF relationships).
    pub within: Option<String>,
}

/// One statement of the document: a vulnerability in one product, with the supplier's analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct VexClaim {
    /// The vulnerability id the statement is filed under (a CVE where the document has one).
    pub vulnerability: String,
    /// The other ids the document gives for it.
    pub aliases: Vec<String>,
    /// The product.
    pub product: ClaimProduct,
    /// State, justification, responses and detail, as the judge reads the format.
    pub analysis: Analysis,
    /// The supplier's own text on it (impact, action, notes, remediation details), joined.
    pub detail: Option<String>,
    /// RFC 6901 pointer to the statement in the document.
    pub pointer: String,
}

impl VexClaim {
    /// The vulnerability id and its aliases.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.vulnerability.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// A supplier's VEX document, read.
#[derive(Debug, Clone, PartialEq)]
pub struct VexDocument {
    /// The format it was read as.
    pub format: VexFormat,
    /// The document's id: CycloneDX `serialNumber`, OpenVEX `@id`, CSAF `tracking.id`.
    pub id: Option<String>,
    /// Its version, as text (CycloneDX and OpenVEX integers, CSAF's version string).
    pub version: Option<String>,
    /// Who wrote it: CycloneDX supplier, manufacturer or first author; OpenVEX `author`; CSAF publisher.
    pub author: Option<String>,
    /// When it was issued or last updated.
    pub timestamp: Option<OffsetDateTime>,
    /// The claims, in document order.
    pub statements: Vec<VexClaim>,
}

/// Why a document could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VexReadError {
    /// The bytes are not a JSON text.
    #[error("not json at line {line} column {column}: {message}")]
    Json {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The parser's description.
        message: String,
    },
    /// The JSON is none of the three formats.
    #[error("not a cyclonedx, openvex or csaf document: {0}")]
    UnknownFormat(String),
    /// A value is not what the format requires.
    #[error("at {pointer}: {message}")]
    Invalid {
        /// RFC 6901 pointer to the value (`""` is the whole document).
        pointer: String,
        /// What is wrong.
        message: String,
    },
}

impl VexReadError {
    /// The pointer to the offending value, for errors that have one.
    pub fn pointer(&self) -> Option<&str> {
        match self {
            Self::Invalid { pointer, .. } => Some(pointer),
            _ => None,
        }
    }
}

/// Reads a VEX document, telling the format from the content.
pub fn read_vex(input: &[u8]) -> Result<VexDocument, VexReadError> {
    let doc: Value = serde_json::from_slice(input).map_err(|e| {
        let s = e.to_string();
        let message = match s.rfind(" at line ") {
            Some(i) => s[..i].to_string(),
            None => s,
        };
        VexReadError::Json {
            line: e.line(),
            column: e.column(),
            message,
        }
    })?;
    read_vex_value(&doc)
}

/// Reads a parsed VEX document, telling the format from the content.
pub fn read_vex_value(doc: &Value) -> Result<VexDocument, VexReadError> {
    match detect(doc) {
        Some(VexFormat::CycloneDx) => cyclonedx::read(doc),
        Some(VexFormat::OpenVex) => openvex::read(doc),
        Some(VexFormat::Csaf) => csaf::read(doc),
        None => Err(VexReadError::UnknownFormat(
            match doc {
                Value::Object(_) => "no bomFormat, openvex @context or document.csaf_version",
                _ => "the document is not a json object",
            }
            .to_string(),
        )),
    }
}

/// The format a parsed document is in, if it is one of the three.
pub fn detect(doc: &Value) -> Option<VexFormat> {
    let m = doc.as_object()?;
    if m.get("bomFormat").and_then(Value::as_str) == Some("CycloneDX") {
        return Some(VexFormat::CycloneDx);
    }
    if m.get("@context")
        .and_then(Value::as_str)
        .is_some_and(|c| c.starts_with("https://openvex.dev/ns"))
    {
        return Some(VexFormat::OpenVex);
    }
    if m.get("document")
        .and_then(|d| d.get("csaf_version"))
        .is_some()
    {
        return Some(VexFormat::Csaf);
    }
    None
}

/// The deepest nesting of components or branches walked; deeper ones are an error, not a stack.
pub(crate) const MAX_DEPTH: usize = 32;

/// A pointer one key below `base`.
pub(crate) fn at(base: &str, key: &str) -> String {
    let mut s = String::from(base);
    s.push('/');
    push_escaped(&mut s, key);
    s
}

/// A pointer one index below `base`.
pub(crate) fn at_i(base: &str, i: usize) -> String {
    format!("{base}/{i}")
}

pub(crate) fn invalid(pointer: impl Into<String>, message: impl Into<String>) -> VexReadError {
    VexReadError::Invalid {
        pointer: pointer.into(),
        message: message.into(),
    }
}

/// An optional string member; any other type is an error.
pub(crate) fn opt_str<'a>(
    m: &'a Map<String, Value>,
    key: &str,
    base: &str,
) -> Result<Option<&'a str>, VexReadError> {
    match m.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.as_str())),
        Some(_) => Err(invalid(at(base, key), "expected a string")),
    }
}

/// A required string member.
pub(crate) fn req_str<'a>(
    m: &'a Map<String, Value>,
    key: &str,
    base: &str,
) -> Result<&'a str, VexReadError> {
    opt_str(m, key, base)?.ok_or_else(|| invalid(at(base, key), "required string is missing"))
}

/// An optional array member (absent is empty); any other type is an error.
pub(crate) fn opt_arr<'a>(
    m: &'a Map<String, Value>,
    key: &str,
    base: &str,
) -> Result<&'a [Value], VexReadError> {
    match m.get(key) {
        None | Some(Value::Null) => Ok(&[]),
        Some(Value::Array(a)) => Ok(a.as_slice()),
        Some(_) => Err(invalid(at(base, key), "expected an array")),
    }
}

/// The value as an object, or an error at `pointer`.
pub(crate) fn obj<'a>(v: &'a Value, pointer: &str) -> Result<&'a Map<String, Value>, VexReadError> {
    v.as_object()
        .ok_or_else(|| invalid(pointer, "expected an object"))
}

/// An optional RFC 3339 timestamp member.
pub(crate) fn opt_time(
    m: &Map<String, Value>,
    key: &str,
    base: &str,
) -> Result<Option<OffsetDateTime>, VexReadError> {
    match opt_str(m, key, base)? {
        None => Ok(None),
        Some(s) => OffsetDateTime::parse(s, &Rfc3339)
            .map(Some)
            .map_err(|_| invalid(at(base, key), format!("`{s}` is not an rfc 3339 date-time"))),
    }
}

/// A version member that may be an integer or a string.
pub(crate) fn opt_version(
    m: &Map<String, Value>,
    key: &str,
    base: &str,
) -> Result<Option<String>, VexReadError> {
    match m.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(_) => Err(invalid(at(base, key), "expected a number or a string")),
    }
}

/// Texts joined by blank lines, or `None` when there is none.
pub(crate) fn join_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let mut out: Vec<&str> = Vec::new();
    for t in texts {
        let t = t.trim();
        if !t.is_empty() && !out.contains(&t) {
            out.push(t);
        }
    }
    (!out.is_empty()).then(|| out.join("\n\n"))
}

/// Adds `id` to `aliases` unless it is the main id or already there.
pub(crate) fn push_alias(main: &str, aliases: &mut Vec<String>, id: &str) {
    let id = id.trim();
    if !id.is_empty() && id != main && !aliases.iter().any(|a| a == id) {
        aliases.push(id.to_string());
    }
}

/// The language detail text is filed under: Japanese for `ja…` documents, else English.
pub(crate) fn lang_of(tag: Option<&str>) -> Lang {
    match tag {
        Some(t) if t.eq_ignore_ascii_case("ja") || t.to_ascii_lowercase().starts_with("ja-") => {
            Lang::Ja
        }
        _ => Lang::En,
    }
}
