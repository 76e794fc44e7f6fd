//! The rubric table: answer sets derive the expected vectors and scores; broken tables are refused.

use mamori_judge::JudgeError;
use mamori_judge::rubric::{Rubric, RubricAnswer};
use time::macros::datetime;

fn answers(pairs: &[(&str, &str)]) -> Vec<RubricAnswer> {
    pairs
        .iter()
        .map(|(q, a)| RubricAnswer {
            question: (*q).into(),
            answer: (*a).into(),
            by: "analyst@example.com".into(),
            at: datetime!(2025-05-01 09:00 UTC),
            note: None,
        })
        .collect()
}

/// Clinical-class answers: the overrides, "none" for every other class question.
fn cia(overrides: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    const STARTS: [&str; 18] = [
        "c_phi",
        "c_diag",
        "c_therapy",
        "c_workflow",
        "c_system",
        "c_other",
        "i_phi",
        "i_diag",
        "i_therapy",
        "i_workflow",
        "i_system",
        "i_other",
        "a_phi",
        "a_diag",
        "a_therapy",
        "a_workflow",
        "a_system",
        "a_other",
    ];
    let mut out: Vec<(&'static str, &'static str)> = STARTS
        .iter()
        .map(|q| {
            (
                *q,
                overrides
                    .iter()
                    .find(|(o, _)| o == q)
                    .map_or("none", |(_, a)| *a),
            )
        })
        .collect();
    out.extend(
        overrides
            .iter()
            .filter(|(q, _)| !STARTS.contains(q))
            .copied(),
    );
    out
}

/// Derives the vector from `front` (AV..S answers) plus `cia` answers and checks vector and score.
fn check(front: &[(&str, &str)], cia: &[(&'static str, &'static str)], vector: &str, score: f64) {
    let rubric = Rubric::mitre_2020();
    let mut all: Vec<(&str, &str)> = front.to_vec();
    all.extend_from_slice(cia);
    let given = answers(&all);
    assert!(
        rubric.pending(&given).unwrap().is_empty(),
        "answers complete for {vector}"
    );
    let d = rubric.derive(&given).unwrap();
    assert_eq!(d.vector.to_string(), vector);
    assert_eq!(d.vector.score(), score, "score of {vector}");
}

const NETWORK_OPEN: &[(&str, &str)] = &[
    ("av_routed", "yes"),
    ("ac_conditions", "no"),
    ("pr_enforced", "no"),
    ("ui_victim", "no"),
    ("s_beyond", "no"),
];

#[test]
fn answer_sets_give_the_expected_vectors() {
    // Infusion pump reachable over the hospital network, no authentication, therapy changeable.
    check(
        NETWORK_OPEN,
        &cia(&[
            ("i_therapy", "high"),
            ("a_therapy", "high"),
            ("c_system", "high"),
        ]),
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        9.8,
    );
    // Nothing at stake in any class.
    check(
        NETWORK_OPEN,
        &cia(&[]),
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N",
        0.0,
    );
    // Implant telemetry over RF, hard-coded credentials, availability of therapy only.
    check(
        &[
            ("av_routed", "no"),
            ("av_same_segment", "no"),
            ("av_wireless", "yes"),
            ("ac_conditions", "yes"),
            ("pr_enforced", "yes"),
            ("pr_shared_secret", "yes"),
            ("ui_victim", "no"),
            ("s_beyond", "no"),
        ],
        &cia(&[("a_therapy", "high"), ("i_therapy", "low")]),
        "CVSS:3.1/AV:A/AC:H/PR:N/UI:N/S:U/C:N/I:L/A:H",
        5.9,
    );
    // Patient monitor: crafted import file opened by a clinician; many records disclosed.
    check(
        &[
            ("av_routed", "no"),
            ("av_same_segment", "no"),
            ("av_wireless", "no"),
            ("av_local_or_physical", "user_opens_content"),
            ("ac_conditions", "no"),
            ("pr_enforced", "yes"),
            ("pr_shared_secret", "no"),
            ("pr_role", "operator"),
            ("ui_victim", "yes"),
            ("s_beyond", "no"),
        ],
        &cia(&[
            ("c_phi", "disclosed"),
            ("c_phi_scale", "many"),
            ("i_diag", "low"),
        ]),
        "CVSS:3.1/AV:L/AC:L/PR:L/UI:R/S:U/C:H/I:L/A:N",
        5.6,
    );
    // Service port inside the enclosure, service account, gateway compromise reaches other devices.
    check(
        &[
            ("av_routed", "no"),
            ("av_same_segment", "no"),
            ("av_wireless", "no"),
            ("av_local_or_physical", "physical"),
            ("av_physical_exposed", "enclosed"),
            ("ac_conditions", "no"),
            ("pr_enforced", "yes"),
            ("pr_shared_secret", "no"),
            ("pr_role", "privileged"),
            ("ui_victim", "no"),
            ("s_beyond", "yes"),
        ],
        &cia(&[
            ("c_phi", "disclosed"),
            ("c_phi_scale", "limited"),
            ("a_workflow", "low"),
        ]),
        "CVSS:3.1/AV:P/AC:L/PR:H/UI:N/S:C/C:L/I:N/A:L",
        3.6,
    );
    // Same segment only; the worst class wins (workflow low, diagnosis high → I:H).
    check(
        &[
            ("av_routed", "no"),
            ("av_same_segment", "yes"),
            ("ac_conditions", "no"),
            ("pr_enforced", "no"),
            ("ui_victim", "no"),
            ("s_beyond", "no"),
        ],
        &cia(&[("i_workflow", "low"), ("i_diag", "high")]),
        "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N",
        6.5,
    );
}

#[test]
fn incomplete_and_wrong_answers_are_named() {
    let rubric = Rubric::mitre_2020();
    let partial = answers(&[("av_routed", "no")]);
    let pending: Vec<&str> = rubric
        .pending(&partial)
        .unwrap()
        .iter()
        .map(|q| q.id())
        .collect();
    assert_eq!(pending[0], "av_same_segment");
    assert_eq!(
        pending.len(),
        1 + 4 + 18,
        "next AV question, AC/PR/UI/S, 18 class questions"
    );
    assert_eq!(
        rubric.derive(&partial).unwrap_err(),
        JudgeError::Unanswered {
            metric: "AV".into(),
            question: "av_same_segment".into()
        }
    );
    assert!(matches!(
        rubric.derive(&answers(&[("av_routed", "maybe")])),
        Err(JudgeError::UnknownAnswer { .. })
    ));
    assert!(matches!(
        rubric.derive(&answers(&[("no_such", "yes")])),
        Err(JudgeError::UnknownQuestion { .. })
    ));
    // A moot answer is reported as unused; a later answer replaces an earlier one.
    let mut all = NETWORK_OPEN.to_vec();
    all.push(("av_wireless", "yes"));
    all.extend(cia(&[]));
    all.push(("c_therapy", "high"));
    let d = rubric.derive(&answers(&all)).unwrap();
    assert_eq!(d.unused, vec!["av_wireless".to_owned()]);
    assert_eq!(d.vector.metric("C"), Some("H"));
}

#[test]
fn the_embedded_table_is_marked_unverified_and_has_every_metric() {
    let r = Rubric::mitre_2020();
    assert!(!r.verified());
    let names: Vec<&str> = r.metrics().iter().map(|m| m.metric()).collect();
    assert_eq!(names, ["AV", "AC", "PR", "UI", "S", "C", "I", "A"]);
    for q in r.questions() {
        assert!(
            q.text().ja.is_some(),
            "question {} has Japanese text",
            q.id()
        );
    }
}

#[test]
fn broken_tables_are_refused_with_a_reason() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/rubric-invalid");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let expected = std::fs::read_to_string(path.with_extension("expected")).unwrap();
        let err = Rubric::from_toml(&text).unwrap_err().to_string();
        assert_eq!(err, expected.trim_end(), "{}", path.display());
        n += 1;
    }
    assert!(n >= 6, "only {n} fixtures");
}
