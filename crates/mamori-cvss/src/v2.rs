//! CVSS 2.0: metrics, base / temporal / environmental equations.

use std::fmt;

use crate::metrics::{self, MetricDef, Order};
use crate::{CvssError, CvssVersion, EnvMetrics, Severity, round1};

const N: usize = 14;
const VERSION: CvssVersion = CvssVersion::V2_0;

const AV: usize = 0;
const AC: usize = 1;
const AU: usize = 2;
const C: usize = 3;
const I: usize = 4;
const A: usize = 5;
const E: usize = 6;
const RL: usize = 7;
const RC: usize = 8;
const CDP: usize = 9;
const TD: usize = 10;
const CR: usize = 11;
const IR: usize = 12;
const AR: usize = 13;

static DEFS: [MetricDef; N] = [
    MetricDef::base("AV", &["L", "A", "N"]),
    MetricDef::base("AC", &["H", "M", "L"]),
    MetricDef::base("Au", &["M", "S", "N"]),
    MetricDef::base("C", &["N", "P", "C"]),
    MetricDef::base("I", &["N", "P", "C"]),
    MetricDef::base("A", &["N", "P", "C"]),
    MetricDef::opt("E", &["ND", "U", "POC", "F", "H"]),
    MetricDef::opt("RL", &["ND", "OF", "TF", "W", "U"]),
    MetricDef::opt("RC", &["ND", "UC", "UR", "C"]),
    MetricDef::opt("CDP", &["ND", "N", "L", "LM", "MH", "H"]),
    MetricDef::opt("TD", &["ND", "N", "L", "M", "H"]),
    MetricDef::opt("CR", &["ND", "L", "M", "H"]),
    MetricDef::opt("IR", &["ND", "L", "M", "H"]),
    MetricDef::opt("AR", &["ND", "L", "M", "H"]),
];

const W_AV: [f64; 3] = [0.395, 0.646, 1.0];
const W_AC: [f64; 3] = [0.35, 0.61, 0.71];
const W_AU: [f64; 3] = [0.45, 0.56, 0.704];
const W_CIA: [f64; 3] = [0.0, 0.275, 0.660];
const W_E: [f64; 5] = [1.0, 0.85, 0.9, 0.95, 1.0];
const W_RL: [f64; 5] = [1.0, 0.87, 0.9, 0.95, 1.0];
const W_RC: [f64; 4] = [1.0, 0.9, 0.95, 1.0];
const W_CDP: [f64; 6] = [0.0, 0.0, 0.1, 0.3, 0.4, 0.5];
const W_TD: [f64; 5] = [1.0, 0.0, 0.25, 0.75, 1.0];
const W_REQ: [f64; 4] = [1.0, 0.5, 1.0, 1.51];

/// A CVSS 2.0 vector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CvssV2 {
    m: [u8; N],
}

impl CvssV2 {
    /// Parses a 2.0 vector, bare or in parentheses; metrics in the specification's order, `ND` for not defined.
    pub fn parse(s: &str) -> Result<Self, CvssError> {
        let body = match (s.strip_prefix('('), s.ends_with(')')) {
            (Some(inner), true) => inner.strip_suffix(')').unwrap_or(inner),
            (None, false) => s,
            _ => return Err(CvssError::UnbalancedParentheses),
        };
        Ok(Self {
            m: metrics::parse(VERSION, &DEFS, Order::Strict, body)?,
        })
    }

    fn w(&self, i: usize) -> usize {
        usize::from(self.m[i])
    }

    fn exploitability(&self) -> f64 {
        20.0 * W_AV[self.w(AV)] * W_AC[self.w(AC)] * W_AU[self.w(AU)]
    }

    fn base_equation(&self, impact: f64) -> f64 {
        let f = if impact == 0.0 { 0.0 } else { 1.176 };
        round1(((0.6 * impact) + (0.4 * self.exploitability()) - 1.5) * f)
    }

    fn temporal_factor(&self) -> f64 {
        W_E[self.w(E)] * W_RL[self.w(RL)] * W_RC[self.w(RC)]
    }

    /// The base score.
    pub fn base_score(&self) -> f64 {
        let impact = 10.41
            * (1.0
                - (1.0 - W_CIA[self.w(C)]) * (1.0 - W_CIA[self.w(I)]) * (1.0 - W_CIA[self.w(A)]));
        self.base_equation(impact)
    }

    /// True when any temporal metric (E, RL, RC) is set.
    pub fn has_temporal(&self) -> bool {
        metrics::any_defined(&self.m, E..CDP)
    }

    /// True when any environmental metric (CDP, TD, CR, IR, AR) is set.
    pub fn has_environmental(&self) -> bool {
        metrics::any_defined(&self.m, CDP..N)
    }

    /// The temporal score, if any temporal metric is set.
    pub fn temporal_score(&self) -> Option<f64> {
        self.has_temporal()
            .then(|| round1(self.base_score() * self.temporal_factor()))
    }

    /// The environmental score, if any environmental metric is set.
    pub fn environmental_score(&self) -> Option<f64> {
        if !self.has_environmental() {
            return None;
        }
        let adjusted_impact = (10.41
            * (1.0
                - (1.0 - W_CIA[self.w(C)] * W_REQ[self.w(CR)])
                    * (1.0 - W_CIA[self.w(I)] * W_REQ[self.w(IR)])
                    * (1.0 - W_CIA[self.w(A)] * W_REQ[self.w(AR)])))
        .min(10.0);
        let adjusted_temporal =
            round1(self.base_equation(adjusted_impact) * self.temporal_factor());
        let cdp = W_CDP[self.w(CDP)];
        let environmental =
            round1((adjusted_temporal + (10.0 - adjusted_temporal) * cdp) * W_TD[self.w(TD)]);
        // A low requirement can push the adjusted base below zero; the score itself never is.
        Some(environmental.max(0.0))
    }

    /// Environmental if any environmental metric is set, else temporal if any temporal metric is set, else base.
    pub fn score(&self) -> f64 {
        self.environmental_score()
            .or_else(|| self.temporal_score())
            .unwrap_or_else(|| self.base_score())
    }

    /// The severity rating of [`CvssV2::score`] on NVD's 2.0 scale (low, medium, high).
    pub fn severity(&self) -> Severity {
        Severity::from_v2_score(self.score())
    }

    /// The vector with the requirements of `env` applied; 2.0 has no modified base metrics.
    pub fn with_environmental(&self, env: &EnvMetrics) -> Self {
        let mut out = *self;
        for (name, value) in env.pairs(false).into_iter().take(3) {
            if let Some(value) = value {
                // CR/IR/AR take L, M and H in 2.0 as well, so this cannot fail.
                let _ = metrics::set(VERSION, &DEFS, &mut out.m, name, value);
            }
        }
        out
    }

    /// The vector with one metric set by abbreviation and value.
    pub fn with_metric(&self, metric: &str, value: &str) -> Result<Self, CvssError> {
        let mut out = *self;
        metrics::set(VERSION, &DEFS, &mut out.m, metric, value)?;
        Ok(out)
    }

    /// The value of one metric; `None` if unknown or not defined.
    pub fn metric(&self, metric: &str) -> Option<&'static str> {
        metrics::get(&DEFS, &self.m, metric)
    }
}

impl fmt::Display for CvssV2 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        metrics::write(f, &DEFS, &self.m, true)
    }
}

impl std::str::FromStr for CvssV2 {
    type Err = CvssError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}
