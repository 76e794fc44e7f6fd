//! Judgement of findings — pure: the medical-device CVSS rubric, VEX analysis and its conversions,
//! priority with due dates, and regulatory deadlines on business-day calendars.
//!
//! Everything here is values in, values out: no files, no clock. Dates ("today", the awareness
//! date, the finding's creation) are passed in by the caller, so the same inputs always give the
//! same decision — which is what an audit trail needs to replay one.
//!
//! What is uncertain is data, not code. The rubric's answer → metric table
//! (`rubric/mitre-2020.toml`), the priority policy (`config/priority-default.toml`) and the
//! regulatory rules (`config/regulatory-default.toml`) are TOML embedded as defaults and loadable
//! from a user's file; each loader validates the whole table and names what is wrong, and rows
//! that have not been checked against their source carry `verified = false`.
//!
//! - [`rubric`]: questions per CVSS base metric with clinical classes for C/I/A; answers (with who
//!   and when) derive a CVSS 3.1 vector.
//! - [`analysis`]: one internal analysis model and lossy-where-it-must conversions to CycloneDX,
//!   OpenVEX and CSAF, plus environmental re-scoring and the patient-safety assessment.
//! - [`priority`]: an explainable score and class with a due date from a policy.
//! - [`calendar`]: Japanese and US holidays computed from their rules; business days.
//! - [`clocks`]: PMDA, FDA and MDR report deadlines from a rule table.
#![forbid(unsafe_code)]

pub mod analysis;
pub mod calendar;
pub mod clocks;
mod error;
pub mod priority;
pub mod rubric;

pub use error::JudgeError;
