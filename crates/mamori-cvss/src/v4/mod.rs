//! CVSS 4.0: metrics in the specification's order, and the MacroVector scoring method with
//! interpolation by severity distance, as in FIRST's reference calculator.

mod tables;

use std::fmt;

use crate::metrics::{self, MetricDef, Order};
use crate::{CvssError, CvssVersion, EnvMetrics, Severity};

const N: usize = 32;
const VERSION: CvssVersion = CvssVersion::V4_0;

const AV: usize = 0;
const AC: usize = 1;
const AT: usize = 2;
const PR: usize = 3;
const UI: usize = 4;
const VC: usize = 5;
const VI: usize = 6;
const VA: usize = 7;
const SC: usize = 8;
const SI: usize = 9;
const SA: usize = 10;
const E: usize = 11;
const CR: usize = 12;
const IR: usize = 13;
const AR: usize = 14;
const MAV: usize = 15;
const MAC: usize = 16;
const MAT: usize = 17;
const MPR: usize = 18;
const MUI: usize = 19;
const MVC: usize = 20;
const MVI: usize = 21;
const MVA: usize = 22;
const MSC: usize = 23;
const MSI: usize = 24;
const MSA: usize = 25;
const SUPPLEMENTAL: usize = 26;

const CIA: &[&str] = &["H", "L", "N"];
const REQ: &[&str] = &["X", "H", "M", "L"];
const M_CIA: &[&str] = &["X", "H", "L", "N"];
const M_SAFETY: &[&str] = &["X", "S", "H", "L", "N"];

static DEFS: [MetricDef; N] = [
    MetricDef::base("AV", &["N", "A", "L", "P"]),
    MetricDef::base("AC", &["L", "H"]),
    MetricDef::base("AT", &["N", "P"]),
    MetricDef::base("PR", &["N", "L", "H"]),
    MetricDef::base("UI", &["N", "P", "A"]),
    MetricDef::base("VC", CIA),
    MetricDef::base("VI", CIA),
    MetricDef::base("VA", CIA),
    MetricDef::base("SC", CIA),
    MetricDef::base("SI", CIA),
    MetricDef::base("SA", CIA),
    MetricDef::opt("E", &["X", "A", "P", "U"]),
    MetricDef::opt("CR", REQ),
    MetricDef::opt("IR", REQ),
    MetricDef::opt("AR", REQ),
    MetricDef::opt("MAV", &["X", "N", "A", "L", "P"]),
    MetricDef::opt("MAC", &["X", "L", "H"]),
    MetricDef::opt("MAT", &["X", "N", "P"]),
    MetricDef::opt("MPR", &["X", "N", "L", "H"]),
    MetricDef::opt("MUI", &["X", "N", "P", "A"]),
    MetricDef::opt("MVC", M_CIA),
    MetricDef::opt("MVI", M_CIA),
    MetricDef::opt("MVA", M_CIA),
    MetricDef::opt("MSC", M_CIA),
    MetricDef::opt("MSI", M_SAFETY),
    MetricDef::opt("MSA", M_SAFETY),
    MetricDef::opt("S", &["X", "N", "P"]),
    MetricDef::opt("AU", &["X", "N", "Y"]),
    MetricDef::opt("R", &["X", "A", "U", "I"]),
    MetricDef::opt("V", &["X", "D", "C"]),
    MetricDef::opt("RE", &["X", "L", "M", "H"]),
    MetricDef::opt("U", &["X", "Clear", "Green", "Amber", "Red"]),
];

// Severity levels per code, the distances FIRST's calculator measures from the highest-severity vector.
const L_AV: [f64; 4] = [0.0, 0.1, 0.2, 0.3];
const L_PR: [f64; 3] = [0.0, 0.1, 0.2];
const L_UI: [f64; 3] = [0.0, 0.1, 0.2];
const L_AC: [f64; 2] = [0.0, 0.1];
const L_AT: [f64; 2] = [0.0, 0.1];
const L_CIA: [f64; 3] = [0.0, 0.1, 0.2];
const L_SC: [f64; 3] = [0.1, 0.2, 0.3];
/// SI and SA in the S/H/L/N space that MSI/MSA:S (safety) adds.
const L_SAFETY: [f64; 4] = [0.0, 0.1, 0.2, 0.3];
const L_REQ: [f64; 3] = [0.0, 0.1, 0.2];
const STEP: f64 = 0.1;

/// Which groups of metrics a 4.0 score takes into account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Nomenclature {
    /// CVSS-B: base metrics only.
    Base,
    /// CVSS-BT: base and threat metrics.
    BaseThreat,
    /// CVSS-BE: base and environmental metrics.
    BaseEnvironmental,
    /// CVSS-BTE: base, threat and environmental metrics.
    BaseThreatEnvironmental,
}

impl Nomenclature {
    /// "CVSS-B", "CVSS-BT", "CVSS-BE" or "CVSS-BTE".
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Base => "CVSS-B",
            Self::BaseThreat => "CVSS-BT",
            Self::BaseEnvironmental => "CVSS-BE",
            Self::BaseThreatEnvironmental => "CVSS-BTE",
        }
    }
}

impl fmt::Display for Nomenclature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A CVSS 4.0 vector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CvssV4 {
    m: [u8; N],
}

/// Effective metric values (modified metrics and worst-case defaults applied) as codes:
/// AV N/A/L/P, AC L/H, AT N/P, PR N/L/H, UI N/P/A, VC..SC H/L/N, SI and SA S/H/L/N, E A/P/U, CR..AR H/M/L.
#[derive(Clone, Copy)]
struct Effective {
    av: u8,
    ac: u8,
    at: u8,
    pr: u8,
    ui: u8,
    vc: u8,
    vi: u8,
    va: u8,
    sc: u8,
    si: u8,
    sa: u8,
    e: u8,
    cr: u8,
    ir: u8,
    ar: u8,
}

impl CvssV4 {
    /// Parses `CVSS:4.0/…`; metrics must come in the specification's order.
    pub fn parse(s: &str) -> Result<Self, CvssError> {
        let Some(body) = s.strip_prefix("CVSS:4.0/") else {
            return Err(crate::v3::unsupported_prefix(s));
        };
        Ok(Self {
            m: metrics::parse(VERSION, &DEFS, Order::Strict, body)?,
        })
    }

    /// True when the threat metric (E) is set.
    pub fn has_threat(&self) -> bool {
        self.m[E] != 0
    }

    /// True when any environmental metric (requirements or modified base metrics) is set.
    pub fn has_environmental(&self) -> bool {
        metrics::any_defined(&self.m, CR..SUPPLEMENTAL)
    }

    /// Which metric groups [`CvssV4::score`] takes into account.
    pub fn nomenclature(&self) -> Nomenclature {
        match (self.has_threat(), self.has_environmental()) {
            (false, false) => Nomenclature::Base,
            (true, false) => Nomenclature::BaseThreat,
            (false, true) => Nomenclature::BaseEnvironmental,
            (true, true) => Nomenclature::BaseThreatEnvironmental,
        }
    }

    /// The CVSS-B score: base metrics only.
    pub fn base_score(&self) -> f64 {
        score(&self.effective(false, false))
    }

    /// The score over every metric the vector sets (CVSS-B, -BT, -BE or -BTE, see [`CvssV4::nomenclature`]).
    pub fn score(&self) -> f64 {
        score(&self.effective(true, true))
    }

    /// The severity rating of [`CvssV4::score`].
    pub fn severity(&self) -> Severity {
        Severity::from_score(self.score())
    }

    fn effective(&self, threat: bool, env: bool) -> Effective {
        let m = &self.m;
        // Modified metrics' codes are the base codes shifted by the leading `X`.
        let pick = |base: usize, modified: usize| {
            if env && m[modified] != 0 {
                m[modified] - 1
            } else {
                m[base]
            }
        };
        // SI/SA move into the S/H/L/N space; MSI/MSA codes already are X/S/H/L/N.
        let safety = |base: usize, modified: usize| {
            if env && m[modified] != 0 {
                m[modified] - 1
            } else {
                m[base] + 1
            }
        };
        // Undefined E counts as Attacked and undefined requirements as High: the worst case.
        let worst = |i: usize, on: bool| if on && m[i] != 0 { m[i] - 1 } else { 0 };
        Effective {
            av: pick(AV, MAV),
            ac: pick(AC, MAC),
            at: pick(AT, MAT),
            pr: pick(PR, MPR),
            ui: pick(UI, MUI),
            vc: pick(VC, MVC),
            vi: pick(VI, MVI),
            va: pick(VA, MVA),
            sc: pick(SC, MSC),
            si: safety(SI, MSI),
            sa: safety(SA, MSA),
            e: worst(E, threat),
            cr: worst(CR, env),
            ir: worst(IR, env),
            ar: worst(AR, env),
        }
    }

    /// The vector with `env` applied.
    pub fn with_environmental(&self, env: &EnvMetrics) -> Self {
        let mut out = *self;
        for (name, value) in env.pairs(true) {
            if let Some(value) = value {
                // Every name and value in `pairs` exists in DEFS, so this cannot fail.
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

/// Index of a MacroVector (eq1..eq6) into `tables::LOOKUP`; `None` past the last level of an equivalence class.
fn macro_index(eq: [u8; 6]) -> Option<usize> {
    const LEVELS: [u8; 6] = [3, 2, 3, 3, 3, 2];
    let mut index = 0usize;
    for (value, levels) in eq.into_iter().zip(LEVELS) {
        if value >= levels {
            return None;
        }
        index = index * usize::from(levels) + usize::from(value);
    }
    Some(index)
}

fn lookup(eq: [u8; 6]) -> Option<f64> {
    tables::LOOKUP.get(macro_index(eq)?).copied().flatten()
}

fn equivalence_classes(x: &Effective) -> [u8; 6] {
    let eq1 = if x.av == 0 && x.pr == 0 && x.ui == 0 {
        0
    } else if (x.av == 0 || x.pr == 0 || x.ui == 0) && x.av != 3 {
        1
    } else {
        2
    };
    let eq2 = if x.ac == 0 && x.at == 0 { 0 } else { 1 };
    let eq3 = if x.vc == 0 && x.vi == 0 {
        0
    } else if x.vc == 0 || x.vi == 0 || x.va == 0 {
        1
    } else {
        2
    };
    let eq4 = if x.si == 0 || x.sa == 0 {
        0
    } else if x.sc == 0 || x.si == 1 || x.sa == 1 {
        1
    } else {
        2
    };
    let eq5 = x.e;
    let eq6 = if (x.cr == 0 && x.vc == 0) || (x.ir == 0 && x.vi == 0) || (x.ar == 0 && x.va == 0) {
        0
    } else {
        1
    };
    [eq1, eq2, eq3, eq4, eq5, eq6]
}

/// Severity distances of the current vector from one candidate highest-severity vector, per
/// equivalence class (eq1, eq2, eq3+eq6, eq4); `None` if the candidate is not at least as severe everywhere.
fn distances(
    x: &Effective,
    m1: [u8; 3],
    m2: [u8; 2],
    m36: [u8; 6],
    m4: [u8; 3],
) -> Option<[f64; 4]> {
    // Levels grow with codes, so "distance >= 0" is a code comparison; floats only for the chosen candidate.
    let current = [
        x.av, x.pr, x.ui, x.ac, x.at, x.vc, x.vi, x.va, x.cr, x.ir, x.ar, x.sc, x.si, x.sa,
    ];
    let max = [
        m1[0], m1[1], m1[2], m2[0], m2[1], m36[0], m36[1], m36[2], m36[3], m36[4], m36[5], m4[0],
        m4[1], m4[2],
    ];
    if current.iter().zip(&max).any(|(c, m)| c < m) {
        return None;
    }
    let d = |levels: &[f64], cur: u8, max: u8| levels[usize::from(cur)] - levels[usize::from(max)];
    // Summed in the reference calculator's order, so float results match it to the last bit.
    Some([
        d(&L_AV, x.av, m1[0]) + d(&L_PR, x.pr, m1[1]) + d(&L_UI, x.ui, m1[2]),
        d(&L_AC, x.ac, m2[0]) + d(&L_AT, x.at, m2[1]),
        d(&L_CIA, x.vc, m36[0])
            + d(&L_CIA, x.vi, m36[1])
            + d(&L_CIA, x.va, m36[2])
            + d(&L_REQ, x.cr, m36[3])
            + d(&L_REQ, x.ir, m36[4])
            + d(&L_REQ, x.ar, m36[5]),
        d(&L_SC, x.sc, m4[0]) + d(&L_SAFETY, x.si, m4[1]) + d(&L_SAFETY, x.sa, m4[2]),
    ])
}

fn score(x: &Effective) -> f64 {
    let no_impact = x.vc == 2 && x.vi == 2 && x.va == 2 && x.sc == 2 && x.si == 3 && x.sa == 3;
    if no_impact {
        return 0.0;
    }
    let eq = equivalence_classes(x);
    let [eq1, eq2, eq3, eq4, eq5, eq6] = eq;
    let Some(value) = lookup(eq) else {
        // Every reachable MacroVector is in the table; this keeps a broken table from panicking.
        return 0.0;
    };

    let lower = |i: usize| {
        let mut next = eq;
        next[i] += 1;
        lookup(next)
    };
    // EQ3 and EQ6 are scored together: step down whichever of the two can still move.
    let lower_eq3_eq6 = match (eq3, eq6) {
        (0, 0) => {
            let left = lookup([eq1, eq2, eq3, eq4, eq5, eq6 + 1]);
            let right = lookup([eq1, eq2, eq3 + 1, eq4, eq5, eq6]);
            match (left, right) {
                (Some(l), Some(r)) if l > r => Some(l),
                _ => right,
            }
        }
        (1, 0) => lookup([eq1, eq2, eq3, eq4, eq5, eq6 + 1]),
        _ => lookup([eq1, eq2, eq3 + 1, eq4, eq5, eq6]),
    };

    let mut current = None;
    'search: for &m1 in tables::MAX_EQ1[usize::from(eq1)] {
        for &m2 in tables::MAX_EQ2[usize::from(eq2)] {
            for &m36 in tables::MAX_EQ3_EQ6[usize::from(eq3)][usize::from(eq6)] {
                for &m4 in tables::MAX_EQ4[usize::from(eq4)] {
                    if let Some(d) = distances(x, m1, m2, m36, m4) {
                        current = Some(d);
                        break 'search;
                    }
                }
            }
        }
    }
    let [d1, d2, d36, d4] = current.unwrap_or([0.0; 4]);

    let max1 = f64::from(tables::MAX_SEVERITY_EQ1[usize::from(eq1)]) * STEP;
    let max2 = f64::from(tables::MAX_SEVERITY_EQ2[usize::from(eq2)]) * STEP;
    let max36 = f64::from(tables::MAX_SEVERITY_EQ3_EQ6[usize::from(eq3)][usize::from(eq6)]) * STEP;
    let max4 = f64::from(tables::MAX_SEVERITY_EQ4[usize::from(eq4)]) * STEP;

    let mut existing_lower = 0u32;
    let mut normalized = |lower: Option<f64>, distance: f64, max: f64| match lower {
        Some(lower) if value - lower >= 0.0 => {
            existing_lower += 1;
            (value - lower) * (distance / max)
        }
        _ => 0.0,
    };
    let n1 = normalized(lower(0), d1, max1);
    let n2 = normalized(lower(1), d2, max2);
    let n36 = normalized(lower_eq3_eq6, d36, max36);
    let n4 = normalized(lower(3), d4, max4);
    // EQ5 (exploit maturity) contributes no distance, but its lower MacroVector still counts.
    let max5 = f64::from(tables::MAX_SEVERITY_EQ5[usize::from(eq5)]) * STEP;
    let n5 = normalized(lower(4), 0.0, max5);

    let mean = if existing_lower == 0 {
        0.0
    } else {
        (n1 + n2 + n36 + n4 + n5) / f64::from(existing_lower)
    };
    let value = (value - mean).clamp(0.0, 10.0);
    // The reference calculator nudges by 1e-6 before rounding half up, so 5.6499999… (a float
    // rendering of 5.65) rounds to 5.7.
    ((value + 1e-6) * 10.0).round() / 10.0
}

impl fmt::Display for CvssV4 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CVSS:4.0/")?;
        metrics::write(f, &DEFS, &self.m, true)
    }
}

impl std::str::FromStr for CvssV4 {
    type Err = CvssError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    //! Proves the numbers in `tables.rs` are FIRST's, by re-reading the reference calculator's JSON.

    use super::*;
    use serde_json::Value;

    fn load(name: &str) -> Option<Value> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data/cvss/first-cvss-v4-calculator/extracted-json");
        let text = std::fs::read_to_string(dir.join(name)).ok()?;
        Some(serde_json::from_str(&text).expect("FIRST table is JSON"))
    }

    /// Codes of `metrics` in a `AV:N/PR:N/UI:N/` fragment, using the scorer's code spaces.
    fn codes(fragment: &str, metrics: &[(&str, &str)]) -> Vec<u8> {
        let pairs: Vec<(&str, &str)> = fragment
            .trim_end_matches('/')
            .split('/')
            .map(|p| p.split_once(':').unwrap())
            .collect();
        metrics
            .iter()
            .map(|(name, space)| {
                let value = pairs.iter().find(|(n, _)| n == name).unwrap().1;
                space.split(' ').position(|v| v == value).unwrap() as u8
            })
            .collect()
    }

    fn check_max(json: &Value, table: &[&[u8]], metrics: &[(&str, &str)]) {
        let expected: Vec<Vec<u8>> = json
            .as_array()
            .unwrap()
            .iter()
            .map(|f| codes(f.as_str().unwrap(), metrics))
            .collect();
        let actual: Vec<Vec<u8>> = table.iter().map(|c| c.to_vec()).collect();
        assert_eq!(actual, expected);
    }

    #[test]
    fn tables_match_first_calculator_data() {
        let (Some(lookup), Some(composed), Some(severity)) = (
            load("cvssLookup_global.json"),
            load("maxComposed.json"),
            load("maxSeverity.json"),
        ) else {
            eprintln!("notice: FIRST calculator data is absent; skipping");
            return;
        };
        let lookup = lookup.as_object().unwrap();
        let mut present = 0;
        for (i, score) in tables::LOOKUP.iter().enumerate() {
            let mut eq = [0u8; 6];
            let mut rest = i;
            for (slot, levels) in eq.iter_mut().zip([3usize, 2, 3, 3, 3, 2]).rev() {
                *slot = (rest % levels) as u8;
                rest /= levels;
            }
            assert_eq!(macro_index(eq), Some(i));
            let key: String = eq.iter().map(|d| char::from(b'0' + d)).collect();
            assert_eq!(
                *score,
                lookup.get(&key).map(|v| v.as_f64().unwrap()),
                "MacroVector {key}"
            );
            present += usize::from(score.is_some());
        }
        assert_eq!(present, lookup.len());

        let av_pr_ui = [("AV", "N A L P"), ("PR", "N L H"), ("UI", "N P A")];
        let ac_at = [("AC", "L H"), ("AT", "N P")];
        let cia_req = [
            ("VC", "H L N"),
            ("VI", "H L N"),
            ("VA", "H L N"),
            ("CR", "H M L"),
            ("IR", "H M L"),
            ("AR", "H M L"),
        ];
        let sc_si_sa = [("SC", "H L N"), ("SI", "S H L N"), ("SA", "S H L N")];
        for level in 0..3 {
            let as_slices = |t: &[[u8; 3]]| t.iter().map(|c| c.to_vec()).collect::<Vec<_>>();
            let eq1: Vec<Vec<u8>> = as_slices(tables::MAX_EQ1[level]);
            check_max(
                &composed["eq1"][level.to_string()],
                &eq1.iter().map(|v| &v[..]).collect::<Vec<_>>(),
                &av_pr_ui,
            );
            let eq4: Vec<Vec<u8>> = as_slices(tables::MAX_EQ4[level]);
            check_max(
                &composed["eq4"][level.to_string()],
                &eq4.iter().map(|v| &v[..]).collect::<Vec<_>>(),
                &sc_si_sa,
            );
            assert_eq!(
                severity["eq1"][level.to_string()].as_u64(),
                Some(u64::from(tables::MAX_SEVERITY_EQ1[level]))
            );
            assert_eq!(
                severity["eq4"][level.to_string()].as_u64(),
                Some(u64::from(tables::MAX_SEVERITY_EQ4[level]))
            );
            assert_eq!(
                severity["eq5"][level.to_string()].as_u64(),
                Some(u64::from(tables::MAX_SEVERITY_EQ5[level]))
            );
            for eq6 in 0..2 {
                let entry = &composed["eq3"][level.to_string()][eq6.to_string()];
                let table = tables::MAX_EQ3_EQ6[level][eq6];
                if entry.is_null() {
                    assert!(table.is_empty());
                } else {
                    let rows: Vec<&[u8]> = table.iter().map(|c| &c[..]).collect();
                    check_max(entry, &rows, &cia_req);
                }
                let sev = severity["eq3eq6"][level.to_string()][eq6.to_string()]
                    .as_u64()
                    .unwrap_or(0);
                assert_eq!(sev, u64::from(tables::MAX_SEVERITY_EQ3_EQ6[level][eq6]));
            }
        }
        for level in 0..2 {
            let rows: Vec<&[u8]> = tables::MAX_EQ2[level].iter().map(|c| &c[..]).collect();
            check_max(&composed["eq2"][level.to_string()], &rows, &ac_at);
            assert_eq!(
                severity["eq2"][level.to_string()].as_u64(),
                Some(u64::from(tables::MAX_SEVERITY_EQ2[level]))
            );
        }
    }
}
