//! CycloneDX 1.2–1.7, JSON and XML: strict reading and 1.6 writing.

mod json;
mod json_write;
mod schema;
mod schema_table;
pub mod vocab;
mod xml;

use crate::{Checked, SbomError};
use mamori_model::Sbom;

/// Reads CycloneDX JSON 1.2–1.7, checking it against the rules of the version's schema
/// (every violation is reported, with its JSON pointer, in [`Checked::errors`]).
pub fn read_json(bytes: &[u8]) -> Result<Checked, SbomError> {
    json::read(bytes)
}
/// Reads CycloneDX XML 1.2–1.7 (no DTDs, bounded depth and text), checking it against the
/// rules of the version's XSD (each violation in [`Checked::errors`] as `line:column`).
pub fn read_xml(bytes: &[u8]) -> Result<Checked, SbomError> {
    xml::read(bytes)
}
/// Writes CycloneDX 1.6 JSON, deterministically.
pub fn write_json(sbom: &Sbom) -> Vec<u8> {
    json_write::write(sbom)
}
/// Writes CycloneDX 1.6 XML, deterministically.
pub fn write_xml(sbom: &Sbom) -> Vec<u8> {
    xml::write(sbom)
}
