//! CVSS 2.0, 3.0, 3.1 and 4.0 parsing and scoring — pure.
//!
//! [`Cvss::parse`] accepts any of the four versions: `CVSS:3.0/…`, `CVSS:3.1/…`, `CVSS:4.0/…`, and a
//! bare 2.0 vector (`AV:N/AC:L/Au:N/C:P/I:P/A:P`, also inside parentheses as NVD used to write it).
//! Parsing is strict, because a vector that a lenient reader "fixes" can silently score differently
//! elsewhere: unknown metrics or values, duplicates and missing base metrics are errors naming the
//! metric. Order is enforced where the specification fixes it (4.0, and 2.0 as NVD writes it); the
//! 3.x specification requires readers to accept metrics in any order, so 3.x does.
//!
//! A parsed vector is a fixed array of one-byte codes per metric, driven by a static table per version,
//! so parsing allocates nothing and scoring is arithmetic on those codes. Scores follow each
//! specification's formulas and rounding. 3.0 rounds up with `ceil(x * 10) / 10` on binary floats as
//! FIRST's 3.0 calculator did, so `10 × 0.92 = 9.200000000000001` becomes 9.3; 3.1's `Roundup` was
//! defined to stop exactly that and gives 9.2 (libraries that compute 3.0 in decimal arithmetic give
//! 9.2 for 3.0 too). 4.0 uses FIRST's MacroVector table and severity-distance interpolation, whose
//! numbers live in `v4/tables.rs`. [`Display`](std::fmt::Display) prints the normalized vector: metrics in
//! specification order, "not defined" (`X`, `ND`) metrics left out.

#![forbid(unsafe_code)]

mod env;
mod error;
mod metrics;
mod v2;
mod v3;
mod v4;

use std::fmt;
use std::str::FromStr;

pub use env::{
    AttackComplexity, AttackVector, EnvMetrics, Impact, PrivilegesRequired, Requirement,
};
pub use error::CvssError;
pub use v2::CvssV2;
pub use v3::CvssV3;
pub use v4::{CvssV4, Nomenclature};

/// A CVSS version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CvssVersion {
    /// CVSS v2.0.
    V2_0,
    /// CVSS v3.0.
    V3_0,
    /// CVSS v3.1.
    V3_1,
    /// CVSS v4.0.
    V4_0,
}

impl CvssVersion {
    /// The version as written in JSON and vector prefixes: "2.0", "3.0", "3.1", "4.0".
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::V2_0 => "2.0",
            Self::V3_0 => "3.0",
            Self::V3_1 => "3.1",
            Self::V4_0 => "4.0",
        }
    }
}

impl fmt::Display for CvssVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Qualitative severity rating of a score.
///
/// 3.x and 4.0: none 0.0, low 0.1–3.9, medium 4.0–6.9, high 7.0–8.9, critical 9.0–10.0.
/// 2.0 (NVD's scale) has only low 0.0–3.9, medium 4.0–6.9 and high 7.0–10.0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// Score 0.0 (3.x, 4.0 only).
    None,
    /// Low.
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
    /// Critical (3.x, 4.0 only).
    Critical,
}

impl Severity {
    /// The rating as written in JSON: "none", "low", "medium", "high", "critical".
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
            Self::Critical => "critical",
        }
    }

    /// The 3.x / 4.0 rating of a score.
    pub fn from_score(score: f64) -> Self {
        // Compare in tenths so 3.9 vs 4.0 never depends on float representation.
        match (score * 10.0).round() as i64 {
            ..=0 => Self::None,
            1..=39 => Self::Low,
            40..=69 => Self::Medium,
            70..=89 => Self::High,
            _ => Self::Critical,
        }
    }

    /// The 2.0 rating of a score (NVD's scale, without none and critical).
    pub fn from_v2_score(score: f64) -> Self {
        match (score * 10.0).round() as i64 {
            ..=39 => Self::Low,
            40..=69 => Self::Medium,
            _ => Self::High,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A parsed, validated CVSS vector of any supported version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cvss {
    /// CVSS v2.0.
    V2(CvssV2),
    /// CVSS v3.0 or v3.1.
    V3(CvssV3),
    /// CVSS v4.0.
    V4(CvssV4),
}

impl Cvss {
    /// Parses a vector of any version: `CVSS:3.x/…`, `CVSS:4.0/…`, or a bare or parenthesized 2.0 vector.
    pub fn parse(s: &str) -> Result<Self, CvssError> {
        if s.is_empty() {
            return Err(CvssError::Empty);
        }
        if s.trim() != s {
            return Err(CvssError::Whitespace);
        }
        if s.starts_with("CVSS:") {
            return match s.get(5..8) {
                Some("3.0" | "3.1") => CvssV3::parse(s).map(Self::V3),
                Some("4.0") => CvssV4::parse(s).map(Self::V4),
                _ => Err(v3::unsupported_prefix(s)),
            };
        }
        match CvssV2::parse(s) {
            Ok(v) => Ok(Self::V2(v)),
            Err(CvssError::UnknownMetric { metric, .. }) if is_later_metric(&metric) => {
                Err(CvssError::MissingPrefix { metric })
            }
            Err(e) => Err(e),
        }
    }

    /// The vector's version.
    pub fn version(&self) -> CvssVersion {
        match self {
            Self::V2(_) => CvssVersion::V2_0,
            Self::V3(v) => v.version(),
            Self::V4(_) => CvssVersion::V4_0,
        }
    }

    /// The base score (4.0: the CVSS-B score, ignoring threat and environmental metrics).
    pub fn base_score(&self) -> f64 {
        match self {
            Self::V2(v) => v.base_score(),
            Self::V3(v) => v.base_score(),
            Self::V4(v) => v.base_score(),
        }
    }

    /// The temporal score: always for 3.x (equal to the base score when no temporal metric is set),
    /// for 2.0 only when a temporal metric is set, never for 4.0 (see [`Cvss::score`]).
    pub fn temporal_score(&self) -> Option<f64> {
        match self {
            Self::V2(v) => v.temporal_score(),
            Self::V3(v) => Some(v.temporal_score()),
            Self::V4(_) => None,
        }
    }

    /// The environmental score: always for 3.x, for 2.0 only when an environmental metric is set,
    /// never for 4.0 (see [`Cvss::score`]).
    pub fn environmental_score(&self) -> Option<f64> {
        match self {
            Self::V2(v) => v.environmental_score(),
            Self::V3(v) => Some(v.environmental_score()),
            Self::V4(_) => None,
        }
    }

    /// The most specific score the vector allows: 4.0 scores all its metrics (see
    /// [`CvssV4::nomenclature`]); 2.0 and 3.x give the environmental score if any environmental metric
    /// is set, else the temporal score if any temporal metric is set, else the base score.
    pub fn score(&self) -> f64 {
        match self {
            Self::V2(v) => v.score(),
            Self::V3(v) => v.score(),
            Self::V4(v) => v.score(),
        }
    }

    /// The 4.0 nomenclature (CVSS-B, -BT, -BE, -BTE) of [`Cvss::score`]; `None` for 2.0 and 3.x.
    pub fn nomenclature(&self) -> Option<Nomenclature> {
        match self {
            Self::V4(v) => Some(v.nomenclature()),
            _ => None,
        }
    }

    /// The severity rating of [`Cvss::score`], on the version's own scale.
    pub fn severity(&self) -> Severity {
        match self {
            Self::V2(v) => v.severity(),
            Self::V3(v) => v.severity(),
            Self::V4(v) => v.severity(),
        }
    }

    /// The vector with the security requirements and modified base metrics of `env` applied
    /// (fields left `None` keep the vector's value). 2.0 has no modified base metrics, so only the
    /// requirements apply to it.
    pub fn with_environmental(&self, env: &EnvMetrics) -> Self {
        match self {
            Self::V2(v) => Self::V2(v.with_environmental(env)),
            Self::V3(v) => Self::V3(v.with_environmental(env)),
            Self::V4(v) => Self::V4(v.with_environmental(env)),
        }
    }

    /// The vector with one metric set by its abbreviation and value as written in vector strings
    /// (e.g. `("MUI", "R")`, `("CDP", "H")`, `("MSI", "S")`); `X`/`ND` clears an optional metric.
    pub fn with_metric(&self, metric: &str, value: &str) -> Result<Self, CvssError> {
        Ok(match self {
            Self::V2(v) => Self::V2(v.with_metric(metric, value)?),
            Self::V3(v) => Self::V3(v.with_metric(metric, value)?),
            Self::V4(v) => Self::V4(v.with_metric(metric, value)?),
        })
    }

    /// The value of one metric by abbreviation; `None` if the version has no such metric or it is not defined.
    pub fn metric(&self, metric: &str) -> Option<&'static str> {
        match self {
            Self::V2(v) => v.metric(metric),
            Self::V3(v) => v.metric(metric),
            Self::V4(v) => v.metric(metric),
        }
    }
}

/// Metric names of 3.x and 4.0 that 2.0 lacks: a sign that the `CVSS:` prefix was forgotten.
fn is_later_metric(name: &str) -> bool {
    matches!(
        name,
        "PR" | "UI" | "S" | "AT" | "VC" | "VI" | "VA" | "SC" | "SI" | "SA"
    )
}

impl FromStr for Cvss {
    type Err = CvssError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl fmt::Display for Cvss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::V2(v) => v.fmt(f),
            Self::V3(v) => v.fmt(f),
            Self::V4(v) => v.fmt(f),
        }
    }
}

/// Rounds a non-negative 2.0 score to one decimal, half up as in decimal arithmetic, and turns -0.0 into 0.0.
///
/// The nudge makes float renderings of exact ties round up: 9.0 × 0.95 is 8.549999999999999 in binary,
/// but 8.55 in the specification's arithmetic and so 8.6. It is far below any real difference between
/// 2.0 intermediate values.
pub(crate) fn round1(x: f64) -> f64 {
    ((x * 10.0) + 1e-9).round() / 10.0 + 0.0
}
