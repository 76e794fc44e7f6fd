//! Judgement of findings — pure: the medical-device CVSS rubric, VEX analysis and its conversions,
//! priority with due dates, and regulatory deadlines on business-day calendars.
#![forbid(unsafe_code)]

pub mod analysis;
pub mod calendar;
pub mod clocks;
mod error;
pub mod priority;
pub mod rubric;

pub use error::JudgeError;
