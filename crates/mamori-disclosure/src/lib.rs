//! Disclosure documents — pure: the security questionnaires a maker fills in per release for hospitals.
//!
//! Two forms ship with the crate, as data files under `forms/` embedded at build time:
//!
//! - `mds2.toml`: the Manufacturer Disclosure Statement for Medical Device Security (MDS2) of
//!   ANSI/NEMA HN 1-2019 — its sections (management of personally identifiable information,
//!   automatic logoff, audit controls, …, remote service, other security considerations) with
//!   their question ids;
//! - `mds-sds.toml`: the JAHIS/JIRA 「製造業者/サービス事業者による医療情報セキュリティ開示書」
//!   (MDS/SDS), grouped by the chapters of the MHLW security guideline it checks against.
//!
//! **Neither item list could be confirmed against the official publication** while this crate
//! was written: the question ids and what each asks are reconstructed, the wording is ours (the
//! official texts are not reproduced). Each file says so in its header (`confirmed = false`).
//! The files are meant to be updated by users: [`Form::from_toml`] reads a form from text a
//! user supplies, with the same checks as the built-in ones, so an organization holding the
//! official form can load its own item list without a new build.
//!
//! A filled-in document is an [`Answers`] value (per item: an [`Answer`] and a note), checked
//! against its form by [`validate`] (unknown item, answer the item does not allow, required item
//! missing, "see note" without a note — each error names the item id), and written as an xlsx
//! workbook laid out like the paper forms by [`write_xlsx`]: a header block (maker, product,
//! model, release, date, form version), then one row per question under its section heading,
//! with answer and note columns and labels in Japanese and English. [`pdf::render`] prints the
//! same document as PDF in one language, through the small writer of `mamori-pdf`.

#![forbid(unsafe_code)]

mod answers;
mod form;
pub mod pdf;
mod xlsx;

pub use answers::{Answer, Answers, ItemAnswer, ValidationError, validate};
pub use form::{Form, Item, Section, builtin, builtin_forms};
pub use xlsx::{Header, write_xlsx};

/// Errors of this crate.
#[derive(Debug, thiserror::Error)]
pub enum DisclosureError {
    /// A form definition does not read as TOML of the expected shape.
    #[error("form definition does not read: {0}")]
    FormSyntax(String),
    /// A form definition reads but breaks a rule (duplicate id, empty text, unknown answer).
    #[error("form {form}: {reason}")]
    FormInvalid {
        /// The form's id (or `?` when it has none yet).
        form: String,
        /// What is wrong.
        reason: String,
    },
    /// Answers do not read as JSON of the expected shape.
    #[error("answers do not read: {0}")]
    AnswersSyntax(String),
    /// An answer word is none of yes, no, n/a, see note.
    #[error("unknown answer {0:?}: use yes, no, n/a or see_note")]
    UnknownAnswer(String),
    /// The workbook could not be written.
    #[error("cannot write the workbook: {0}")]
    Xlsx(String),
    /// The PDF could not be written (the font does not read or cannot be embedded).
    #[error("cannot write the pdf: {0}")]
    Pdf(String),
}
