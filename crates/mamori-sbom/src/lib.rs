//! CycloneDX and SPDX documents: detect, read, validate, grade and write them.
//!
//! Reading is pure: bytes in, a [`Checked`] document out. Unreadable bytes (not
//! JSON or XML, not an SBOM, an unknown spec version) are an [`SbomError`]; a
//! readable document that breaks the schema or the semantic rules (duplicate
//! `bom-ref`s or SPDXIDs, dangling dependency targets) comes back with
//! `errors`, and doubtful-but-usable content (a purl that does not parse, a
//! missing supplier) with `warnings`, each naming its place as a JSON pointer
//! (or `line:column` for XML and tag-value). This mirrors rust-analyzer's
//! parser, which returns a tree and a list of errors: a person fixing an SBOM
//! wants every problem at once, not the first one.
//!
//! The validation is our own, typed and strict: every property the official
//! schemas allow is known, everything else is refused. No schema file is
//! shipped or loaded at run time.

#![forbid(unsafe_code)]

pub mod cyclonedx;
mod detect;
pub mod diff;
mod jsontree;
pub mod license_ids;
pub mod merge;
pub mod quality;
mod semantic;
pub mod spdx;

pub use detect::detect;
use mamori_model::{DocumentFormat, Sbom};

/// Largest document accepted, in bytes. Real SBOMs of 300,000 components are
/// about 300 MB of JSON; beyond this we refuse rather than exhaust memory.
pub const MAX_DOCUMENT_BYTES: usize = 1 << 30;

/// Largest single string value accepted. A 30 MB description is an attack or an
/// accident, never an SBOM.
pub const MAX_STRING_BYTES: usize = 1 << 20;

/// Where in a document a problem is, and what it is.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// A JSON pointer (`/components/3/purl`) for JSON, `line:column` for XML and tag-value.
    pub pointer: String,
    /// Lower-case message, no trailing period.
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic at `pointer`.
    pub fn new(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            pointer: pointer.into(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.pointer.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.pointer, self.message)
        }
    }
}

/// A document that could be read, with what is wrong or doubtful in it.
#[derive(Clone, Debug)]
pub struct Checked {
    /// The document as the model holds it (as much as could be read).
    pub sbom: Sbom,
    /// Schema and semantic violations: the document is invalid when this is not empty.
    pub errors: Vec<Diagnostic>,
    /// Doubtful but usable content.
    pub warnings: Vec<Diagnostic>,
    /// For each of `sbom.components`, where it is in the document (JSON pointer
    /// or `line:column`), so later checks can point at it.
    pub component_locations: Vec<String>,
    /// For each of `sbom.relationships`, where it is in the document.
    pub relationship_locations: Vec<String>,
}

impl Checked {
    /// Whether the document is valid.
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }
}

/// Why bytes could not be read as an SBOM at all.
#[derive(Debug, thiserror::Error)]
pub enum SbomError {
    /// Empty input.
    #[error("the file is empty")]
    Empty,
    /// Larger than [`MAX_DOCUMENT_BYTES`].
    #[error("the file is {size} bytes, more than the {max} bytes accepted")]
    TooLarge {
        /// Its size.
        size: usize,
        /// The limit.
        max: usize,
    },
    /// Not JSON, XML or tag-value of a known SBOM format.
    #[error("not an SBOM: {reason}")]
    NotAnSbom {
        /// What was seen instead.
        reason: String,
    },
    /// JSON / XML / tag-value syntax error.
    #[error("{location}: {message}")]
    Syntax {
        /// `line:column`.
        location: String,
        /// What the parser said.
        message: String,
    },
    /// A spec version we do not read.
    #[error("{pointer}: unsupported {format} spec version {version:?}")]
    UnsupportedVersion {
        /// `cyclonedx` or `spdx`.
        format: &'static str,
        /// The version the document claims.
        version: String,
        /// Where it says so.
        pointer: String,
    },
}

/// Reads any supported document, detecting its format from its content.
pub fn read(bytes: &[u8]) -> Result<Checked, SbomError> {
    if bytes.is_empty() || bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(SbomError::Empty);
    }
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(SbomError::TooLarge {
            size: bytes.len(),
            max: MAX_DOCUMENT_BYTES,
        });
    }
    // UTF-16 documents (some Windows tools write them) are transcoded once, here,
    // so every reader and the detector see UTF-8.
    let transcoded = detect::utf16_to_utf8(bytes)?;
    let bytes = transcoded.as_deref().unwrap_or(bytes);
    let mut checked = match detect(bytes)? {
        DocumentFormat::CycloneDxJson => cyclonedx::read_json(bytes)?,
        DocumentFormat::CycloneDxXml => cyclonedx::read_xml(bytes)?,
        DocumentFormat::SpdxJson => spdx::read_json(bytes)?,
        DocumentFormat::SpdxTagValue => spdx::read_tag_value(bytes)?,
    };
    semantic::check(&mut checked);
    Ok(checked)
}

/// Writes a document in the given format (CycloneDX 1.6, SPDX 2.3).
pub fn write(sbom: &Sbom, format: DocumentFormat) -> Vec<u8> {
    match format {
        DocumentFormat::CycloneDxJson => cyclonedx::write_json(sbom),
        DocumentFormat::CycloneDxXml => cyclonedx::write_xml(sbom),
        DocumentFormat::SpdxJson => spdx::write_json(sbom),
        DocumentFormat::SpdxTagValue => spdx::write_tag_value(sbom),
    }
}
