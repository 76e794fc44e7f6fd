//! The one error type of this crate: why a table could not be loaded or a judgement not be made.

use time::Date;

/// A rejected rubric, policy or rule table, an incomplete set of answers, or a date outside the calendars.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum JudgeError {
    /// The text is not valid TOML or does not have the table's shape.
    #[error("invalid {what} toml: {message}")]
    Toml {
        /// Which table: "rubric", "priority policy", "regulatory rules".
        what: &'static str,
        /// The TOML reader's message (with line and column).
        message: String,
    },
    /// The rubric table is well-formed TOML but inconsistent.
    #[error("invalid rubric: {reason}")]
    InvalidRubric {
        /// What is wrong, naming the metric, question or answer.
        reason: String,
    },
    /// An answer names a question the rubric does not have.
    #[error("unknown rubric question `{question}`")]
    UnknownQuestion {
        /// The question id.
        question: String,
    },
    /// An answer is not one of the question's answers.
    #[error(
        "`{answer}` is not an answer to rubric question `{question}` (expected one of {expected})"
    )]
    UnknownAnswer {
        /// The question id.
        question: String,
        /// The given answer.
        answer: String,
        /// The allowed answers, comma-separated.
        expected: String,
    },
    /// The answers do not reach a value for a metric.
    #[error("rubric question `{question}` for metric {metric} is unanswered")]
    Unanswered {
        /// The metric.
        metric: String,
        /// The first question on the path without an answer.
        question: String,
    },
    /// The derived or re-scored vector was rejected by the CVSS parser.
    #[error("cvss: {0}")]
    Cvss(#[from] mamori_cvss::CvssError),
    /// The priority policy is well-formed TOML but inconsistent.
    #[error("invalid priority policy: {reason}")]
    InvalidPolicy {
        /// What is wrong, naming the rule.
        reason: String,
    },
    /// The regulatory rule table is well-formed TOML but inconsistent.
    #[error("invalid regulatory rules: {reason}")]
    InvalidRules {
        /// What is wrong, naming the rule.
        reason: String,
    },
    /// A date outside the years whose holidays the calendars compute (1980–2099).
    #[error("date {date} is outside the calendar's years 1980–2099")]
    OutOfCalendarRange {
        /// The date.
        date: Date,
    },
    /// A value that must be a probability or score was out of range or not a number.
    #[error("{what} must be between {min} and {max}, got {value}")]
    OutOfRange {
        /// Which value.
        what: &'static str,
        /// The lower bound.
        min: f64,
        /// The upper bound.
        max: f64,
        /// The given value.
        value: f64,
    },
}

/// Turns a TOML reader error into [`JudgeError::Toml`], keeping the message on one line.
pub(crate) fn toml_error(what: &'static str, e: &toml::de::Error) -> JudgeError {
    let message = e
        .to_string()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    JudgeError::Toml { what, message }
}
