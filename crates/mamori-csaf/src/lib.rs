//! CSAF 2.0 validation — pure: JSON schema conformance plus the specification's tests.
//!
//! [`validate`] reads bytes, [`validate_value`] a parsed document. The [`Report`] sorts failures by
//! what the specification says a program must do with them: schema conformance and the mandatory
//! tests (section 6.1) are errors, the optional tests (6.2) warnings, the informative tests (6.3)
//! infos. Every [`Failure`] names its test and an RFC 6901 JSON pointer.
//!
//! The schema rules are hand-written checks of the CSAF 2.0 JSON schema and the FIRST CVSS schemas it
//! references (the CVSS part belongs to test 6.1.8, as the specification assigns it). Properties the
//! schema does not define are allowed by the schema itself; they are reported by optional test
//! 6.2.20. The document is indexed once (product ids, groups, branches, full product names) and each
//! test walks only what it needs, so a test never loops over products × references.
//!
//! Tests that need the network or a dictionary (6.3.6 and 6.3.7 resolve URLs, 6.3.8 spell-checks)
//! are not implemented. Test 6.1.11 knows the CWE names of a built-in list of common weaknesses;
//! an id outside that list cannot be judged and is not reported.
//!
//! [`vex`] writes a release's vulnerability statements as CSAF 2.0 (`csaf_vex`,
//! `csaf_security_advisory`, `csaf_informational_advisory`), OpenVEX 0.2.0 and CycloneDX 1.6 VEX/VDR;
//! every CSAF document it returns has passed [`validate_value`] with no error. [`provider`] lays out
//! and checks a CSAF provider's `/.well-known/csaf/` folder (section 7).
//! [`vex_in`] reads suppliers' CycloneDX, OpenVEX and CSAF VEX into claims with the judge's analyses.
//! [`openpgp`] makes the provider's Ed25519 signing key and the detached `.asc` signatures.

#![forbid(unsafe_code)]

mod ctx;
mod cvss;
mod cwe;
mod formats;
pub mod human;
mod informative;
mod lang;
mod mandatory;
pub mod openpgp;
mod optional;
mod pointer;
pub mod provider;
mod registry;
mod schema;
pub mod vex;
pub mod vex_in;

use std::fmt;

pub use registry::{TestGroup, TestInfo, tests};

/// The identifier of a test: `"schema"`, or a section number of the specification such as
/// `"6.1.24"`, `"6.1.27.9"`, `"6.2.1"`, `"6.3.4"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TestId(&'static str);

impl TestId {
    /// JSON schema conformance.
    pub const SCHEMA: TestId = TestId("schema");

    /// The id as text.
    pub const fn as_str(self) -> &'static str {
        self.0
    }

    /// Looks up a known test id by its text.
    pub fn from_name(name: &str) -> Option<TestId> {
        if name == Self::SCHEMA.0 {
            return Some(Self::SCHEMA);
        }
        tests().find(|t| t.id.0 == name).map(|t| t.id)
    }
}

impl fmt::Display for TestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// One failed check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The test that failed.
    pub test: TestId,
    /// RFC 6901 JSON pointer to the offending value (`""` is the whole document).
    pub pointer: String,
    /// What is wrong, lower-case English.
    pub message: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ptr = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(f, "{} at {}: {}", self.test, ptr, self.message)
    }
}

/// The outcome of validating one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Schema and mandatory-test (6.1) failures: the document is not valid CSAF 2.0.
    pub errors: Vec<Failure>,
    /// Optional-test (6.2) failures.
    pub warnings: Vec<Failure>,
    /// Informative-test (6.3) failures.
    pub infos: Vec<Failure>,
}

impl Report {
    /// True when there is no error (warnings and infos do not make a document invalid).
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }

    /// All failures, errors first.
    pub fn all(&self) -> impl Iterator<Item = &Failure> {
        self.errors
            .iter()
            .chain(self.warnings.iter())
            .chain(self.infos.iter())
    }
}

/// The input could not be read as JSON at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CsafError {
    /// The bytes are not a JSON text.
    #[error("not json at line {line} column {column}: {message}")]
    Json {
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// The parser's description.
        message: String,
    },
}

/// Parses `input` as JSON and validates it as a CSAF 2.0 document.
pub fn validate(input: &[u8]) -> Result<Report, CsafError> {
    let doc: serde_json::Value = serde_json::from_slice(input).map_err(|e| CsafError::Json {
        line: e.line(),
        column: e.column(),
        message: json_message(&e),
    })?;
    Ok(validate_value(&doc))
}

/// Validates a parsed document: schema conformance, then every registered test.
pub fn validate_value(doc: &serde_json::Value) -> Report {
    let mut report = Report::default();
    let mut extra = Vec::new();
    schema::check(doc, &mut report.errors, &mut extra);
    let ctx = ctx::Ctx::new(doc);
    for t in registry::TABLE {
        let mut out = Vec::new();
        (t.run)(&ctx, &mut out);
        let sink = match t.info.group {
            TestGroup::Mandatory => &mut report.errors,
            TestGroup::Optional => &mut report.warnings,
            TestGroup::Informative => &mut report.infos,
        };
        for (pointer, message) in out {
            sink.push(Failure {
                test: t.info.id,
                pointer,
                message,
            });
        }
        if t.info.id.as_str() == "6.2.20" {
            report.warnings.append(&mut extra);
        }
    }
    report
}

/// serde_json appends " at line L column C"; the error carries those separately.
fn json_message(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}
