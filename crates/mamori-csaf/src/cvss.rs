//! CVSS objects inside CSAF scores: the FIRST CVSS 2.0/3.0/3.1 JSON schema rules (test 6.1.8), the
//! scores recomputed from the vector (6.1.9), properties against the vector (6.1.10), and the
//! environmental score of fixed products (6.2.19). Scoring is mamori-cvss.

use mamori_cvss::Cvss;
use serde_json::{Map, Value};

type Obj = Map<String, Value>;

/// A CVSS metric as a JSON property and as a vector component.
pub(crate) struct Metric {
    pub(crate) prop: &'static str,
    pub(crate) key: &'static str,
    /// (JSON value, vector value); the JSON schema's enumeration is exactly the first column.
    pub(crate) values: &'static [(&'static str, &'static str)],
}

const fn m(
    prop: &'static str,
    key: &'static str,
    values: &'static [(&'static str, &'static str)],
) -> Metric {
    Metric { prop, key, values }
}

const V2_CIA: &[(&str, &str)] = &[("NONE", "N"), ("PARTIAL", "P"), ("COMPLETE", "C")];
const V2_REQ: &[(&str, &str)] = &[
    ("LOW", "L"),
    ("MEDIUM", "M"),
    ("HIGH", "H"),
    ("NOT_DEFINED", "ND"),
];

/// CVSS 2.0 metrics.
pub(crate) const V2_PROPS: &[Metric] = &[
    m(
        "accessVector",
        "AV",
        &[("NETWORK", "N"), ("ADJACENT_NETWORK", "A"), ("LOCAL", "L")],
    ),
    m(
        "accessComplexity",
        "AC",
        &[("HIGH", "H"), ("MEDIUM", "M"), ("LOW", "L")],
    ),
    m(
        "authentication",
        "Au",
        &[("MULTIPLE", "M"), ("SINGLE", "S"), ("NONE", "N")],
    ),
    m("confidentialityImpact", "C", V2_CIA),
    m("integrityImpact", "I", V2_CIA),
    m("availabilityImpact", "A", V2_CIA),
    m(
        "exploitability",
        "E",
        &[
            ("UNPROVEN", "U"),
            ("PROOF_OF_CONCEPT", "POC"),
            ("FUNCTIONAL", "F"),
            ("HIGH", "H"),
            ("NOT_DEFINED", "ND"),
        ],
    ),
    m(
        "remediationLevel",
        "RL",
        &[
            ("OFFICIAL_FIX", "OF"),
            ("TEMPORARY_FIX", "TF"),
            ("WORKAROUND", "W"),
            ("UNAVAILABLE", "U"),
            ("NOT_DEFINED", "ND"),
        ],
    ),
    m(
        "reportConfidence",
        "RC",
        &[
            ("UNCONFIRMED", "UC"),
            ("UNCORROBORATED", "UR"),
            ("CONFIRMED", "C"),
            ("NOT_DEFINED", "ND"),
        ],
    ),
    m(
        "collateralDamagePotential",
        "CDP",
        &[
            ("NONE", "N"),
            ("LOW", "L"),
            ("LOW_MEDIUM", "LM"),
            ("MEDIUM_HIGH", "MH"),
            ("HIGH", "H"),
            ("NOT_DEFINED", "ND"),
        ],
    ),
    m(
        "targetDistribution",
        "TD",
        &[
            ("NONE", "N"),
            ("LOW", "L"),
            ("MEDIUM", "M"),
            ("HIGH", "H"),
            ("NOT_DEFINED", "ND"),
        ],
    ),
    m("confidentialityRequirement", "CR", V2_REQ),
    m("integrityRequirement", "IR", V2_REQ),
    m("availabilityRequirement", "AR", V2_REQ),
];

const V3_AV: &[(&str, &str)] = &[
    ("NETWORK", "N"),
    ("ADJACENT_NETWORK", "A"),
    ("LOCAL", "L"),
    ("PHYSICAL", "P"),
    ("NOT_DEFINED", "X"),
];
const V3_AC: &[(&str, &str)] = &[("HIGH", "H"), ("LOW", "L"), ("NOT_DEFINED", "X")];
const V3_PR: &[(&str, &str)] = &[
    ("HIGH", "H"),
    ("LOW", "L"),
    ("NONE", "N"),
    ("NOT_DEFINED", "X"),
];
const V3_UI: &[(&str, &str)] = &[("NONE", "N"), ("REQUIRED", "R"), ("NOT_DEFINED", "X")];
const V3_S: &[(&str, &str)] = &[("UNCHANGED", "U"), ("CHANGED", "C"), ("NOT_DEFINED", "X")];
const V3_CIA: &[(&str, &str)] = &[
    ("NONE", "N"),
    ("LOW", "L"),
    ("HIGH", "H"),
    ("NOT_DEFINED", "X"),
];
const V3_REQ: &[(&str, &str)] = &[
    ("LOW", "L"),
    ("MEDIUM", "M"),
    ("HIGH", "H"),
    ("NOT_DEFINED", "X"),
];

/// Base metric slices without `NOT_DEFINED` (the base enumerations do not allow it).
const fn base(
    values: &'static [(&'static str, &'static str)],
) -> &'static [(&'static str, &'static str)] {
    match values.split_last() {
        Some((_, rest)) => rest,
        None => values,
    }
}

/// CVSS 3.0 / 3.1 metrics.
pub(crate) const V3_PROPS: &[Metric] = &[
    m("attackVector", "AV", base(V3_AV)),
    m("attackComplexity", "AC", base(V3_AC)),
    m("privilegesRequired", "PR", base(V3_PR)),
    m("userInteraction", "UI", base(V3_UI)),
    m("scope", "S", base(V3_S)),
    m("confidentialityImpact", "C", base(V3_CIA)),
    m("integrityImpact", "I", base(V3_CIA)),
    m("availabilityImpact", "A", base(V3_CIA)),
    m(
        "exploitCodeMaturity",
        "E",
        &[
            ("UNPROVEN", "U"),
            ("PROOF_OF_CONCEPT", "P"),
            ("FUNCTIONAL", "F"),
            ("HIGH", "H"),
            ("NOT_DEFINED", "X"),
        ],
    ),
    m(
        "remediationLevel",
        "RL",
        &[
            ("OFFICIAL_FIX", "O"),
            ("TEMPORARY_FIX", "T"),
            ("WORKAROUND", "W"),
            ("UNAVAILABLE", "U"),
            ("NOT_DEFINED", "X"),
        ],
    ),
    m(
        "reportConfidence",
        "RC",
        &[
            ("UNKNOWN", "U"),
            ("REASONABLE", "R"),
            ("CONFIRMED", "C"),
            ("NOT_DEFINED", "X"),
        ],
    ),
    m("confidentialityRequirement", "CR", V3_REQ),
    m("integrityRequirement", "IR", V3_REQ),
    m("availabilityRequirement", "AR", V3_REQ),
    m("modifiedAttackVector", "MAV", V3_AV),
    m("modifiedAttackComplexity", "MAC", V3_AC),
    m("modifiedPrivilegesRequired", "MPR", V3_PR),
    m("modifiedUserInteraction", "MUI", V3_UI),
    m("modifiedScope", "MS", V3_S),
    m("modifiedConfidentialityImpact", "MC", V3_CIA),
    m("modifiedIntegrityImpact", "MI", V3_CIA),
    m("modifiedAvailabilityImpact", "MA", V3_CIA),
];

const SEVERITIES: &[&str] = &["NONE", "LOW", "MEDIUM", "HIGH", "CRITICAL"];

/// The vector's `key:value` components (the 3.x prefix skipped).
fn components(vector: &str) -> impl Iterator<Item = (&str, &str)> {
    let body = if vector.starts_with("CVSS:") {
        vector.split_once('/').map_or("", |(_, b)| b)
    } else {
        vector
    };
    body.split('/')
        .map(|c| c.split_once(':').unwrap_or((c, "")))
}

/// Whether `vector` matches the FIRST schema's `vectorString` pattern for its version.
fn vector_shape_ok(vector: &str, v2: bool, version: &str) -> bool {
    if !v2 {
        let prefix = format!("CVSS:{version}/");
        if !vector.starts_with(&prefix) {
            return false;
        }
    }
    let table = if v2 { V2_PROPS } else { V3_PROPS };
    let mut any = false;
    for (k, v) in components(vector) {
        any = true;
        let Some(metric) = table.iter().find(|m| m.key == k) else {
            return false;
        };
        if !metric.values.iter().any(|(_, a)| *a == v) {
            return false;
        }
    }
    any
}

/// Test 6.1.8: the object against the referenced CVSS schema. Returns (relative key, message).
pub(crate) fn schema_failures(obj: &Obj, v2: bool) -> Vec<(Option<&'static str>, String)> {
    let mut out = Vec::new();
    let required: &[&'static str] = if v2 {
        &["version", "vectorString", "baseScore"]
    } else {
        &["version", "vectorString", "baseScore", "baseSeverity"]
    };
    for k in required {
        if !obj.contains_key(*k) {
            out.push((None, format!("missing required property `{k}`")));
        }
    }
    let versions: &[&str] = if v2 { &["2.0"] } else { &["3.0", "3.1"] };
    let version = obj.get("version").and_then(Value::as_str);
    if let Some(v) = obj.get("version")
        && !v.as_str().is_some_and(|s| versions.contains(&s))
    {
        out.push((
            Some("version"),
            format!("`{v}` is not one of {}", versions.join(", ")),
        ));
    }
    if let Some(v) = obj.get("vectorString") {
        let ok = v.as_str().is_some_and(|s| {
            vector_shape_ok(
                s,
                v2,
                version.filter(|v| versions.contains(v)).unwrap_or("3.1"),
            )
        });
        if !ok {
            out.push((
                Some("vectorString"),
                format!("{v} is not a valid cvss vector for this version"),
            ));
        }
    }
    for k in ["baseScore", "temporalScore", "environmentalScore"] {
        if let Some(v) = obj.get(k)
            && !v.as_f64().is_some_and(|f| (0.0..=10.0).contains(&f))
        {
            out.push((
                Some(key_static(k)),
                format!("{v} is not a score between 0 and 10"),
            ));
        }
    }
    if !v2 {
        for k in ["baseSeverity", "temporalSeverity", "environmentalSeverity"] {
            if let Some(v) = obj.get(k)
                && !v.as_str().is_some_and(|s| SEVERITIES.contains(&s))
            {
                out.push((Some(key_static(k)), format!("{v} is not a severity")));
            }
        }
    }
    let table = if v2 { V2_PROPS } else { V3_PROPS };
    for metric in table {
        if let Some(v) = obj.get(metric.prop)
            && !v
                .as_str()
                .is_some_and(|s| metric.values.iter().any(|(j, _)| *j == s))
        {
            out.push((
                Some(metric.prop),
                format!("{v} is not a valid value of `{}`", metric.prop),
            ));
        }
    }
    out
}

fn key_static(k: &str) -> &'static str {
    match k {
        "baseScore" => "baseScore",
        "temporalScore" => "temporalScore",
        "environmentalScore" => "environmentalScore",
        "baseSeverity" => "baseSeverity",
        "temporalSeverity" => "temporalSeverity",
        _ => "environmentalSeverity",
    }
}

/// The parsed vector of a CVSS object, when it has one that mamori-cvss accepts.
pub(crate) fn parsed(obj: &Obj) -> Option<Cvss> {
    let s = obj.get("vectorString")?.as_str()?;
    Cvss::parse(s).ok()
}

fn severity(score: f64) -> &'static str {
    match (score * 10.0).round() as i64 {
        ..=0 => "NONE",
        1..=39 => "LOW",
        40..=69 => "MEDIUM",
        70..=89 => "HIGH",
        _ => "CRITICAL",
    }
}

/// Test 6.1.9: stated scores and severities against the ones computed from the vector.
pub(crate) fn computation_failures(obj: &Obj, cvss: &Cvss) -> Vec<(&'static str, String)> {
    let base = cvss.base_score();
    let temporal = cvss.temporal_score().unwrap_or(base);
    let environmental = cvss.environmental_score().unwrap_or(temporal);
    let mut out = Vec::new();
    let v3 = matches!(cvss, Cvss::V3(_));
    for (key, sev_key, want) in [
        ("baseScore", "baseSeverity", base),
        ("temporalScore", "temporalSeverity", temporal),
        ("environmentalScore", "environmentalSeverity", environmental),
    ] {
        if let Some(got) = obj.get(key).and_then(Value::as_f64)
            && (got - want).abs() > 0.05
        {
            out.push((
                key,
                format!("`{key}` is {got} but the vector gives {want:.1}"),
            ));
        }
        if v3
            && let Some(got) = obj.get(sev_key).and_then(Value::as_str)
            && got != severity(want)
        {
            out.push((
                sev_key,
                format!(
                    "`{sev_key}` is {got} but the vector gives {}",
                    severity(want)
                ),
            ));
        }
    }
    out
}

/// Test 6.1.10: metric properties that contradict a metric the vector sets. A metric the vector
/// leaves out is not compared: the official valid examples state modified metrics only as
/// properties.
pub(crate) fn consistency_failures(obj: &Obj, v2: bool) -> Vec<(&'static str, String)> {
    let Some(vector) = obj.get("vectorString").and_then(Value::as_str) else {
        return Vec::new();
    };
    let table = if v2 { V2_PROPS } else { V3_PROPS };
    let mut out = Vec::new();
    for metric in table {
        let Some(prop) = obj.get(metric.prop).and_then(Value::as_str) else {
            continue;
        };
        let Some(want) = metric
            .values
            .iter()
            .find(|(j, _)| *j == prop)
            .map(|(_, a)| *a)
        else {
            continue;
        };
        if let Some((_, have)) = components(vector).find(|(k, _)| *k == metric.key)
            && have != want
        {
            out.push((
                metric.prop,
                format!(
                    "`{}` is {prop} but the vector has {}:{have}",
                    metric.prop, metric.key
                ),
            ));
        }
    }
    out
}

/// Test 6.2.19: the environmental score, with environmental metrics given only as properties
/// applied to the vector, is 0.
pub(crate) fn environmental_is_zero(obj: &Obj, v2: bool) -> bool {
    if obj
        .get("environmentalScore")
        .and_then(Value::as_f64)
        .is_some_and(|s| s == 0.0)
    {
        return true;
    }
    let Some(mut cvss) = parsed(obj) else {
        return false;
    };
    let vector = obj
        .get("vectorString")
        .and_then(Value::as_str)
        .unwrap_or("");
    let table = if v2 { V2_PROPS } else { V3_PROPS };
    for metric in table {
        if components(vector).any(|(k, _)| k == metric.key) {
            continue;
        }
        let Some(prop) = obj.get(metric.prop).and_then(Value::as_str) else {
            continue;
        };
        if let Some((_, a)) = metric.values.iter().find(|(j, _)| *j == prop)
            && let Ok(c) = cvss.with_metric(metric.key, a)
        {
            cvss = c;
        }
    }
    cvss.environmental_score().is_some_and(|s| s == 0.0)
}
