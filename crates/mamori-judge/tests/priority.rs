//! The default priority policy on a table of findings, explanations, and refused policies.

use mamori_judge::JudgeError;
use mamori_judge::analysis::SafetyRisk;
use mamori_judge::priority::{Epss, Policy, PriorityInput};
use time::Date;
use time::macros::date;

fn input(
    cvss: Option<f64>,
    env: Option<f64>,
    epss: Option<(f64, f64)>,
    kev: Option<bool>,
    safety: Option<SafetyRisk>,
) -> PriorityInput {
    PriorityInput {
        cvss_base: cvss,
        cvss_environmental: env,
        epss: epss.map(|(score, percentile)| Epss { score, percentile }),
        kev,
        safety,
        since: date!(2025 - 04 - 25),
    }
}

/// Checks class, rule, score and due date under `policy`.
fn check(
    policy: &Policy,
    i: PriorityInput,
    class: &str,
    rule: &str,
    score: f64,
    due: Option<Date>,
) {
    let p = policy.prioritize(&i).unwrap();
    let e = policy.explain(&i).unwrap();
    assert_eq!(e.priority, p);
    assert_eq!((e.class.as_str(), e.rule.as_str()), (class, rule), "{i:?}");
    assert!(
        (p.score - score).abs() < 1e-9,
        "score {} for {i:?}",
        p.score
    );
    assert_eq!(p.due, due, "{i:?}");
    let sum: f64 = e.factors.iter().map(|f| f.points).sum();
    assert!((sum - p.score).abs() < 1e-9, "factors add up to the score");
}

use SafetyRisk::{Controlled, Uncontrolled};

#[test]
fn default_policy_classes_and_due_dates() {
    let p = Policy::default_policy();
    let d = |y, m, day| {
        Some(Date::from_calendar_date(y, time::Month::try_from(m).unwrap(), day).unwrap())
    };
    // score = 6·cvss + 20·percentile + 25·kev + 10·ransomware + safety (40 / 0 / 10 unassessed)
    check(
        &p,
        input(
            Some(9.8),
            None,
            Some((0.9, 0.99)),
            Some(true),
            Some(Uncontrolled),
        ),
        "P1",
        "kev-uncontrolled",
        58.8 + 19.8 + 25.0 + 10.0 + 40.0,
        d(2025, 5, 2),
    );
    check(
        &p,
        input(Some(5.0), None, None, None, Some(Uncontrolled)),
        "P2",
        "uncontrolled",
        30.0 + 40.0,
        d(2025, 5, 25),
    );
    check(
        &p,
        input(Some(5.0), None, None, Some(false), Some(Controlled)),
        "P2",
        "kev",
        30.0 + 25.0,
        d(2025, 5, 25),
    );
    check(
        &p,
        input(Some(9.1), None, None, None, Some(Controlled)),
        "P3",
        "critical",
        54.6,
        d(2025, 6, 24),
    );
    // The environmental score wins over the base score: 9.8 → 7.5 is no longer critical.
    check(
        &p,
        input(
            Some(9.8),
            Some(7.5),
            Some((0.5, 0.95)),
            None,
            Some(Controlled),
        ),
        "P3",
        "high-likely",
        45.0 + 19.0,
        d(2025, 6, 24),
    );
    check(
        &p,
        input(
            Some(9.8),
            Some(7.5),
            Some((0.01, 0.5)),
            None,
            Some(Controlled),
        ),
        "P4",
        "high",
        45.0 + 10.0,
        d(2025, 7, 24),
    );
    check(
        &p,
        input(Some(4.0), None, None, None, None),
        "P4",
        "medium",
        24.0 + 10.0,
        d(2025, 10, 22),
    );
    check(
        &p,
        input(Some(3.9), None, None, None, None),
        "P5",
        "rest",
        23.4 + 10.0,
        None,
    );
    // No CVSS: assumed 5.0 for the score, but min_severity conditions do not hold.
    check(
        &p,
        input(None, None, None, None, Some(Controlled)),
        "P5",
        "rest",
        30.0,
        None,
    );
}

#[test]
fn business_day_policy_counts_on_the_japanese_calendar() {
    let text = r#"
[policy]
name = "strict"
classes = ["urgent", "later"]
calendar = "japan"
closures = [{ from = "12-29", to = "01-03" }]

[weights]
cvss = 1.0
missing_cvss = 0.0
epss = 0.0
epss_basis = "score"
kev = 0.0
ransomware = 0.0
uncontrolled = 0.0
controlled = 0.0
unassessed = 0.0

[[rule]]
name = "ransomware"
class = "urgent"
due = { days = 5, count = "business" }
when = { ransomware = true }

[[rule]]
name = "epss"
class = "urgent"
due = { days = 3, count = "calendar", roll_forward = true }
when = { min_epss = 0.5 }

[[rule]]
name = "rest"
class = "later"
"#;
    let p = Policy::from_toml(text).unwrap();
    let mut i = input(Some(7.0), None, None, Some(true), None);
    // Golden Week: 4/28 (1), 4/30, 5/1, 5/2, 5/7 (5).
    check(
        &p,
        i,
        "urgent",
        "ransomware",
        7.0,
        Some(date!(2025 - 05 - 07)),
    );
    i.since = date!(2025 - 12 - 26);
    check(
        &p,
        i,
        "urgent",
        "ransomware",
        7.0,
        Some(date!(2026 - 01 - 09)),
    );
    let mut j = input(Some(7.0), None, Some((0.6, 0.99)), Some(false), None);
    j.since = date!(2025 - 12 - 27);
    // 12/30 is in the closure: rolls to 1/5.
    check(&p, j, "urgent", "epss", 7.0, Some(date!(2026 - 01 - 05)));
    let e = p.explain(&j).unwrap();
    assert_eq!(e.conditions, ["epss 0.6 ≥ 0.5"]);
    assert!(
        e.due_basis
            .unwrap()
            .starts_with("3 calendar days from 2025-12-27")
    );
}

#[test]
fn explanation_lists_each_factor() {
    let p = Policy::default_policy();
    let e = p
        .explain(&input(
            Some(9.8),
            Some(8.1),
            Some((0.42, 0.97)),
            Some(true),
            Some(Uncontrolled),
        ))
        .unwrap();
    let got: Vec<(&str, &str, f64)> = e
        .factors
        .iter()
        .map(|f| (f.name, f.value.as_str(), f.points))
        .collect();
    assert_eq!(
        got,
        [
            ("cvss", "8.1 (environmental)", 6.0 * 8.1),
            ("epss", "0.42 (percentile 0.97)", 20.0 * 0.97),
            ("kev", "listed", 25.0),
            ("ransomware", "known", 10.0),
            ("safety", "uncontrolled", 40.0),
        ]
    );
    assert_eq!(e.conditions, ["kev", "safety risk uncontrolled"]);
}

#[test]
fn urgency_orders_by_class_then_score() {
    let p = Policy::default_policy();
    let mut list: Vec<_> = [
        input(Some(3.0), None, None, None, None),
        input(Some(9.5), None, None, None, Some(Controlled)),
        input(Some(9.9), None, None, None, Some(Controlled)),
        input(Some(2.0), None, None, Some(true), Some(Uncontrolled)),
    ]
    .iter()
    .map(|i| p.prioritize(i).unwrap())
    .collect();
    list.sort_by(|a, b| a.cmp_urgency(b));
    let order: Vec<(u8, i64)> = list
        .iter()
        .map(|x| (x.class, (x.score * 10.0).round() as i64))
        .collect();
    assert_eq!(order, [(0, 870), (2, 594), (2, 570), (4, 280)]);
}

#[test]
fn bad_inputs_and_policies_are_refused() {
    let p = Policy::default_policy();
    assert!(matches!(
        p.prioritize(&input(Some(11.0), None, None, None, None)),
        Err(JudgeError::OutOfRange { .. })
    ));
    assert!(
        p.prioritize(&input(None, None, Some((f64::NAN, 0.5)), None, None))
            .is_err()
    );
    let base = Policy::default_toml();
    // (edit of the default text, expected message)
    let table = [
        (
            base.replace(
                "name = \"rest\"\nclass = \"P5\"",
                "name = \"rest\"\nclass = \"P5\"\nwhen = { kev = false }",
            ),
            "invalid priority policy: the last rule (`rest`) must have no conditions, so every finding gets a class",
        ),
        (
            base.replace("class = \"P1\"", "class = \"P0\""),
            "invalid priority policy: rule `kev-uncontrolled` names unknown class `P0`",
        ),
        (
            base.replace("days = 7,", "days = -7,"),
            "invalid priority policy: `kev-uncontrolled`: days -7 (expected 0 to 3650)",
        ),
        (
            base.replace(
                "count = \"calendar\" }\nwhen = { kev = true, safety",
                "count = \"weekly\" }\nwhen = { kev = true, safety",
            ),
            "invalid priority policy: `kev-uncontrolled`: count `weekly` (expected \"calendar\" or \"business\")",
        ),
        (
            base.replace("min_epss_percentile = 0.9", "min_epss_percentile = 90"),
            "invalid priority policy: min_epss_percentile 90 (expected 0 to 1)",
        ),
        (
            base.replace("calendar = \"japan\"", "calendar = \"mars\""),
            "invalid priority policy: calendar `mars` (expected \"japan\", \"us\" or \"none\")",
        ),
        (
            base.replace("to = \"01-03\"", "to = \"2026-01-03\""),
            "invalid priority policy: closure `12-29` to `2026-01-03` mixes MM-DD and YYYY-MM-DD",
        ),
        (
            base.replace("safety = \"uncontrolled\" }", "safety = \"fine\" }"),
            "invalid priority policy: rule `kev-uncontrolled`: safety `fine` (expected controlled, uncontrolled or unassessed)",
        ),
    ];
    for (text, msg) in table {
        assert_eq!(Policy::from_toml(&text).unwrap_err().to_string(), msg);
    }
    let err = Policy::from_toml("[policy\n").unwrap_err();
    assert!(
        matches!(
            err,
            JudgeError::Toml {
                what: "priority policy",
                ..
            }
        ),
        "{err}"
    );
}
