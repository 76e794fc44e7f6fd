//! CVSS 3.0 and 3.1: metrics, base / temporal / environmental equations, and the two rounding rules.

use std::fmt;

use crate::metrics::{self, MetricDef, Order};
use crate::{CvssError, CvssVersion, EnvMetrics, Severity, error::quote};

const N: usize = 22;

// Row indexes into DEFS; modified metrics sit at the same offset from MAV as their base metric from AV.
const AV: usize = 0;
const AC: usize = 1;
const PR: usize = 2;
const UI: usize = 3;
const S: usize = 4;
const C: usize = 5;
const I: usize = 6;
const A: usize = 7;
const E: usize = 8;
const RL: usize = 9;
const RC: usize = 10;
const CR: usize = 11;
const IR: usize = 12;
const AR: usize = 13;
const MAV: usize = 14;
const MAC: usize = 15;
const MPR: usize = 16;
const MUI: usize = 17;
const MS: usize = 18;
const MC: usize = 19;
const MI: usize = 20;
const MA: usize = 21;

static DEFS: [MetricDef; N] = [
    MetricDef::base("AV", &["N", "A", "L", "P"]),
    MetricDef::base("AC", &["L", "H"]),
    MetricDef::base("PR", &["N", "L", "H"]),
    MetricDef::base("UI", &["N", "R"]),
    MetricDef::base("S", &["U", "C"]),
    MetricDef::base("C", &["H", "L", "N"]),
    MetricDef::base("I", &["H", "L", "N"]),
    MetricDef::base("A", &["H", "L", "N"]),
    MetricDef::opt("E", &["X", "H", "F", "P", "U"]),
    MetricDef::opt("RL", &["X", "U", "W", "T", "O"]),
    MetricDef::opt("RC", &["X", "C", "R", "U"]),
    MetricDef::opt("CR", &["X", "H", "M", "L"]),
    MetricDef::opt("IR", &["X", "H", "M", "L"]),
    MetricDef::opt("AR", &["X", "H", "M", "L"]),
    MetricDef::opt("MAV", &["X", "N", "A", "L", "P"]),
    MetricDef::opt("MAC", &["X", "L", "H"]),
    MetricDef::opt("MPR", &["X", "N", "L", "H"]),
    MetricDef::opt("MUI", &["X", "N", "R"]),
    MetricDef::opt("MS", &["X", "U", "C"]),
    MetricDef::opt("MC", &["X", "H", "L", "N"]),
    MetricDef::opt("MI", &["X", "H", "L", "N"]),
    MetricDef::opt("MA", &["X", "H", "L", "N"]),
];

// Weights by code, in the order of DEFS' values.
const W_AV: [f64; 4] = [0.85, 0.62, 0.55, 0.2];
const W_AC: [f64; 2] = [0.77, 0.44];
const W_PR_UNCHANGED: [f64; 3] = [0.85, 0.62, 0.27];
const W_PR_CHANGED: [f64; 3] = [0.85, 0.68, 0.5];
const W_UI: [f64; 2] = [0.85, 0.62];
const W_CIA: [f64; 3] = [0.56, 0.22, 0.0];
const W_E: [f64; 5] = [1.0, 1.0, 0.97, 0.94, 0.91];
const W_RL: [f64; 5] = [1.0, 1.0, 0.97, 0.96, 0.95];
const W_RC: [f64; 4] = [1.0, 1.0, 0.96, 0.92];
const W_REQ: [f64; 4] = [1.0, 1.5, 1.0, 0.5];
const SCOPE_CHANGED: u8 = 1;

/// A CVSS 3.0 or 3.1 vector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CvssV3 {
    minor_1: bool,
    m: [u8; N],
}

/// The error for a `CVSS:` prefix with an unknown version.
pub(crate) fn unsupported_prefix(s: &str) -> CvssError {
    let rest = s.get(5..).unwrap_or("");
    let version = rest.split('/').next().unwrap_or(rest);
    let known = match if rest.contains('/') { "" } else { version } {
        "3.0" => Some(CvssVersion::V3_0),
        "3.1" => Some(CvssVersion::V3_1),
        "4.0" => Some(CvssVersion::V4_0),
        _ => None,
    };
    match known {
        // A known prefix with nothing after it.
        Some(version) => CvssError::Missing {
            version,
            metric: "AV",
        },
        None => CvssError::UnsupportedVersion {
            version: quote(version),
        },
    }
}

impl CvssV3 {
    /// Parses `CVSS:3.0/…` or `CVSS:3.1/…`; metrics may come in any order, as the 3.x specification requires.
    pub fn parse(s: &str) -> Result<Self, CvssError> {
        let (minor_1, body) = if let Some(body) = s.strip_prefix("CVSS:3.1/") {
            (true, body)
        } else if let Some(body) = s.strip_prefix("CVSS:3.0/") {
            (false, body)
        } else {
            return Err(unsupported_prefix(s));
        };
        let version = if minor_1 {
            CvssVersion::V3_1
        } else {
            CvssVersion::V3_0
        };
        let m = metrics::parse(version, &DEFS, Order::Any, body)?;
        Ok(Self { minor_1, m })
    }

    /// 3.0 or 3.1.
    pub fn version(&self) -> CvssVersion {
        if self.minor_1 {
            CvssVersion::V3_1
        } else {
            CvssVersion::V3_0
        }
    }

    fn roundup(&self, x: f64) -> f64 {
        if self.minor_1 {
            // 3.1's Roundup works on an integer so that e.g. 4.000000000000001 does not become 4.1.
            let int = (x * 100_000.0).round() as i64;
            if int % 10_000 == 0 {
                int as f64 / 100_000.0
            } else {
                ((int / 10_000) + 1) as f64 / 10.0
            }
        } else {
            (x * 10.0).ceil() / 10.0
        }
    }

    fn w(&self, i: usize) -> usize {
        usize::from(self.m[i])
    }

    /// Code of a base metric after its modified counterpart (codes shifted by the leading `X`).
    fn modified(&self, base: usize, modified: usize) -> usize {
        match self.m[modified] {
            0 => self.w(base),
            c => usize::from(c) - 1,
        }
    }

    /// The base score.
    pub fn base_score(&self) -> f64 {
        let changed = self.m[S] == SCOPE_CHANGED;
        let iss =
            1.0 - (1.0 - W_CIA[self.w(C)]) * (1.0 - W_CIA[self.w(I)]) * (1.0 - W_CIA[self.w(A)]);
        let impact = if changed {
            7.52 * (iss - 0.029) - 3.25 * (iss - 0.02).powf(15.0)
        } else {
            6.42 * iss
        };
        let pr = if changed {
            W_PR_CHANGED
        } else {
            W_PR_UNCHANGED
        };
        let exploitability =
            8.22 * W_AV[self.w(AV)] * W_AC[self.w(AC)] * pr[self.w(PR)] * W_UI[self.w(UI)];
        if impact <= 0.0 {
            0.0
        } else if changed {
            self.roundup((1.08 * (impact + exploitability)).min(10.0))
        } else {
            self.roundup((impact + exploitability).min(10.0))
        }
    }

    fn temporal_factor(&self) -> f64 {
        W_E[self.w(E)] * W_RL[self.w(RL)] * W_RC[self.w(RC)]
    }

    /// The temporal score (equal to the base score when no temporal metric is set).
    pub fn temporal_score(&self) -> f64 {
        self.roundup(self.base_score() * self.temporal_factor())
    }

    /// The environmental score (computed from the base metrics when no environmental metric is set).
    pub fn environmental_score(&self) -> f64 {
        let changed = match self.m[MS] {
            0 => self.m[S] == SCOPE_CHANGED,
            c => c - 1 == SCOPE_CHANGED,
        };
        let miss = (1.0
            - (1.0 - W_REQ[self.w(CR)] * W_CIA[self.modified(C, MC)])
                * (1.0 - W_REQ[self.w(IR)] * W_CIA[self.modified(I, MI)])
                * (1.0 - W_REQ[self.w(AR)] * W_CIA[self.modified(A, MA)]))
        .min(0.915);
        let impact = if !changed {
            6.42 * miss
        } else if self.minor_1 {
            7.52 * (miss - 0.029) - 3.25 * (miss * 0.9731 - 0.02).powf(13.0)
        } else {
            7.52 * (miss - 0.029) - 3.25 * (miss - 0.02).powf(15.0)
        };
        let pr = if changed {
            W_PR_CHANGED
        } else {
            W_PR_UNCHANGED
        };
        let exploitability = 8.22
            * W_AV[self.modified(AV, MAV)]
            * W_AC[self.modified(AC, MAC)]
            * pr[self.modified(PR, MPR)]
            * W_UI[self.modified(UI, MUI)];
        if impact <= 0.0 {
            return 0.0;
        }
        let sum = if changed {
            1.08 * (impact + exploitability)
        } else {
            impact + exploitability
        };
        self.roundup(self.roundup(sum.min(10.0)) * self.temporal_factor())
    }

    /// True when any temporal metric (E, RL, RC) is set.
    pub fn has_temporal(&self) -> bool {
        metrics::any_defined(&self.m, E..CR)
    }

    /// True when any environmental metric (requirements or modified metrics) is set.
    pub fn has_environmental(&self) -> bool {
        metrics::any_defined(&self.m, CR..N)
    }

    /// Environmental if any environmental metric is set, else temporal if any temporal metric is set, else base.
    pub fn score(&self) -> f64 {
        if self.has_environmental() {
            self.environmental_score()
        } else if self.has_temporal() {
            self.temporal_score()
        } else {
            self.base_score()
        }
    }

    /// The severity rating of [`CvssV3::score`].
    pub fn severity(&self) -> Severity {
        Severity::from_score(self.score())
    }

    /// The vector with `env` applied.
    pub fn with_environmental(&self, env: &EnvMetrics) -> Self {
        let mut out = *self;
        for (name, value) in env.pairs(false) {
            if let Some(value) = value {
                // Every name and value in `pairs` exists in DEFS, so this cannot fail.
                let _ = metrics::set(self.version(), &DEFS, &mut out.m, name, value);
            }
        }
        out
    }

    /// The vector with one metric set by abbreviation and value.
    pub fn with_metric(&self, metric: &str, value: &str) -> Result<Self, CvssError> {
        let mut out = *self;
        metrics::set(self.version(), &DEFS, &mut out.m, metric, value)?;
        Ok(out)
    }

    /// The value of one metric; `None` if unknown or not defined.
    pub fn metric(&self, metric: &str) -> Option<&'static str> {
        metrics::get(&DEFS, &self.m, metric)
    }
}

impl fmt::Display for CvssV3 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.minor_1 {
            "CVSS:3.1/"
        } else {
            "CVSS:3.0/"
        })?;
        metrics::write(f, &DEFS, &self.m, true)
    }
}

impl std::str::FromStr for CvssV3 {
    type Err = CvssError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}
