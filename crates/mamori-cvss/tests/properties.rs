//! Properties over generated valid vectors: they parse, round-trip through Display, score in 0..=10,
//! and their severity is the band of their score.

use mamori_cvss::{Cvss, CvssVersion, Severity};
use proptest::prelude::*;

const HLN: &[&str] = &["H", "L", "N"];
const NPC: &[&str] = &["N", "P", "C"];

type Metrics = &'static [(&'static str, &'static [&'static str])];

/// Base metrics, then optional ones whose first value means "not defined".
const V2_BASE: Metrics = &[
    ("AV", &["L", "A", "N"]),
    ("AC", &["H", "M", "L"]),
    ("Au", &["M", "S", "N"]),
    ("C", NPC),
    ("I", NPC),
    ("A", NPC),
];
const V2_OPT: Metrics = &[
    ("E", &["ND", "U", "POC", "F", "H"]),
    ("RL", &["ND", "OF", "TF", "W", "U"]),
    ("RC", &["ND", "UC", "UR", "C"]),
    ("CDP", &["ND", "N", "L", "LM", "MH", "H"]),
    ("TD", &["ND", "N", "L", "M", "H"]),
    ("CR", &["ND", "L", "M", "H"]),
    ("IR", &["ND", "L", "M", "H"]),
    ("AR", &["ND", "L", "M", "H"]),
];
const V3_BASE: Metrics = &[
    ("AV", &["N", "A", "L", "P"]),
    ("AC", &["L", "H"]),
    ("PR", &["N", "L", "H"]),
    ("UI", &["N", "R"]),
    ("S", &["U", "C"]),
    ("C", HLN),
    ("I", HLN),
    ("A", HLN),
];
const V3_OPT: Metrics = &[
    ("E", &["X", "H", "F", "P", "U"]),
    ("RL", &["X", "U", "W", "T", "O"]),
    ("RC", &["X", "C", "R", "U"]),
    ("CR", &["X", "H", "M", "L"]),
    ("IR", &["X", "H", "M", "L"]),
    ("AR", &["X", "H", "M", "L"]),
    ("MAV", &["X", "N", "A", "L", "P"]),
    ("MAC", &["X", "L", "H"]),
    ("MPR", &["X", "N", "L", "H"]),
    ("MUI", &["X", "N", "R"]),
    ("MS", &["X", "U", "C"]),
    ("MC", &["X", "H", "L", "N"]),
    ("MI", &["X", "H", "L", "N"]),
    ("MA", &["X", "H", "L", "N"]),
];
const V4_BASE: Metrics = &[
    ("AV", &["N", "A", "L", "P"]),
    ("AC", &["L", "H"]),
    ("AT", &["N", "P"]),
    ("PR", &["N", "L", "H"]),
    ("UI", &["N", "P", "A"]),
    ("VC", HLN),
    ("VI", HLN),
    ("VA", HLN),
    ("SC", HLN),
    ("SI", HLN),
    ("SA", HLN),
];
const V4_OPT: Metrics = &[
    ("E", &["X", "A", "P", "U"]),
    ("CR", &["X", "H", "M", "L"]),
    ("IR", &["X", "H", "M", "L"]),
    ("AR", &["X", "H", "M", "L"]),
    ("MAV", &["X", "N", "A", "L", "P"]),
    ("MAC", &["X", "L", "H"]),
    ("MAT", &["X", "N", "P"]),
    ("MPR", &["X", "N", "L", "H"]),
    ("MUI", &["X", "N", "P", "A"]),
    ("MVC", &["X", "H", "L", "N"]),
    ("MVI", &["X", "H", "L", "N"]),
    ("MVA", &["X", "H", "L", "N"]),
    ("MSC", &["X", "H", "L", "N"]),
    ("MSI", &["X", "S", "H", "L", "N"]),
    ("MSA", &["X", "S", "H", "L", "N"]),
    ("S", &["X", "N", "P"]),
    ("AU", &["X", "N", "Y"]),
    ("R", &["X", "A", "U", "I"]),
    ("V", &["X", "D", "C"]),
    ("RE", &["X", "L", "M", "H"]),
    ("U", &["X", "Clear", "Green", "Amber", "Red"]),
];

/// One `NAME:VALUE` per base metric, and per optional metric either nothing or any value (including X/ND).
fn components(base: Metrics, opt: Metrics) -> impl Strategy<Value = Vec<String>> {
    let base: Vec<_> = base
        .iter()
        .map(|(n, vs)| prop::sample::select(*vs).prop_map(move |v| format!("{n}:{v}")))
        .collect();
    let opt: Vec<_> = opt
        .iter()
        .map(|(n, vs)| {
            prop::option::of(prop::sample::select(*vs).prop_map(move |v| format!("{n}:{v}")))
        })
        .collect();
    (base, opt).prop_map(|(b, o)| b.into_iter().chain(o.into_iter().flatten()).collect())
}

fn vector() -> impl Strategy<Value = String> {
    prop_oneof![
        (components(V2_BASE, V2_OPT), any::<bool>()).prop_map(|(c, paren)| {
            let v = c.join("/");
            if paren { format!("({v})") } else { v }
        }),
        // 3.x allows any order: shuffle.
        (components(V3_BASE, V3_OPT).prop_shuffle(), any::<bool>()).prop_map(|(c, one)| format!(
            "CVSS:{}/{}",
            if one { "3.1" } else { "3.0" },
            c.join("/")
        )),
        components(V4_BASE, V4_OPT).prop_map(|c| format!("CVSS:4.0/{}", c.join("/"))),
    ]
}

/// The rating bands, written out independently of the crate.
fn band(version: CvssVersion, score: f64) -> Severity {
    let tenths = (score * 10.0).round() as i64;
    if version == CvssVersion::V2_0 {
        return match tenths {
            0..=39 => Severity::Low,
            40..=69 => Severity::Medium,
            _ => Severity::High,
        };
    }
    match tenths {
        0 => Severity::None,
        1..=39 => Severity::Low,
        40..=69 => Severity::Medium,
        70..=89 => Severity::High,
        _ => Severity::Critical,
    }
}

fn in_range(s: f64) -> bool {
    (0.0..=10.0).contains(&s) && (s * 10.0 - (s * 10.0).round()).abs() < 1e-9
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn valid_vectors_parse_round_trip_and_score(v in vector()) {
        let cvss = Cvss::parse(&v).map_err(|e| TestCaseError::fail(format!("{v}: {e}")))?;
        let shown = cvss.to_string();
        prop_assert_eq!(Cvss::parse(&shown), Ok(cvss), "{} normalized to {}", v, shown);
        prop_assert_eq!(Cvss::parse(&shown).unwrap().to_string(), shown.clone());
        prop_assert!(!shown.contains(":X") && !shown.contains(":ND") && !shown.starts_with('('), "{}", shown);
        for s in [Some(cvss.base_score()), cvss.temporal_score(), cvss.environmental_score(), Some(cvss.score())]
            .into_iter()
            .flatten()
        {
            prop_assert!(in_range(s), "{} scored {}", v, s);
        }
        prop_assert_eq!(cvss.severity(), band(cvss.version(), cvss.score()), "{}", v);
    }

    #[test]
    fn arbitrary_strings_never_panic(s in "\\PC{0,80}") {
        let _ = Cvss::parse(&s);
    }

    #[test]
    fn near_vectors_never_panic(v in vector(), cut in 0usize..200, junk in "[A-Za-z:/()ÑX]{0,6}") {
        // Truncated vectors with junk appended: the interesting neighbourhood of valid input.
        let mut s: String = v.chars().take(cut).collect();
        s.push_str(&junk);
        if let Ok(c) = Cvss::parse(&s) {
            prop_assert!(in_range(c.score()));
        }
    }
}
