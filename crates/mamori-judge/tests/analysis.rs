//! Every state × justification × target conversion, with the losses each must report, and the round
//! trip back wherever nothing was lost.

use mamori_cvss::{AttackVector, Cvss, EnvMetrics, Requirement, Severity};
use mamori_judge::analysis::{
    Analysis, Comment, Detail, Environmental, Justification, Lang, Loss, RemediationCategory,
    Response, SafetyAssessment, SafetyRisk, State, Target,
};
use time::macros::{date, datetime};

/// (state, CycloneDX state, lossy in CycloneDX, OpenVEX/CSAF status, lossy in OpenVEX/CSAF).
const STATES: [(State, &str, bool, &str, bool); 7] = [
    (
        State::InTriage,
        "in_triage",
        false,
        "under_investigation",
        true,
    ),
    (
        State::UnderInvestigation,
        "in_triage",
        true,
        "under_investigation",
        false,
    ),
    (State::Exploitable, "exploitable", false, "affected", false),
    (
        State::NotAffected,
        "not_affected",
        false,
        "not_affected",
        false,
    ),
    (
        State::FalsePositive,
        "false_positive",
        false,
        "not_affected",
        true,
    ),
    (State::Resolved, "resolved", false, "fixed", false),
    (
        State::ResolvedWithPedigree,
        "resolved_with_pedigree",
        false,
        "fixed",
        true,
    ),
];

/// (justification, CycloneDX, lossy there, OpenVEX justification / CSAF flag, lossy there).
const JUSTIFICATIONS: [(Justification, Option<&str>, bool, &str, bool); 12] = [
    (
        Justification::ComponentNotPresent,
        Some("code_not_present"),
        true,
        "component_not_present",
        false,
    ),
    (
        Justification::CodeNotPresent,
        Some("code_not_present"),
        false,
        "vulnerable_code_not_present",
        false,
    ),
    (
        Justification::CodeNotReachable,
        Some("code_not_reachable"),
        false,
        "vulnerable_code_not_in_execute_path",
        false,
    ),
    (
        Justification::RequiresConfiguration,
        Some("requires_configuration"),
        false,
        "vulnerable_code_cannot_be_controlled_by_adversary",
        true,
    ),
    (
        Justification::RequiresDependency,
        Some("requires_dependency"),
        false,
        "component_not_present",
        true,
    ),
    (
        Justification::RequiresEnvironment,
        Some("requires_environment"),
        false,
        "vulnerable_code_cannot_be_controlled_by_adversary",
        true,
    ),
    (
        Justification::ProtectedByCompiler,
        Some("protected_by_compiler"),
        false,
        "inline_mitigations_already_exist",
        true,
    ),
    (
        Justification::ProtectedAtRuntime,
        Some("protected_at_runtime"),
        false,
        "inline_mitigations_already_exist",
        true,
    ),
    (
        Justification::ProtectedAtPerimeter,
        Some("protected_at_perimeter"),
        false,
        "inline_mitigations_already_exist",
        true,
    ),
    (
        Justification::ProtectedByMitigatingControl,
        Some("protected_by_mitigating_control"),
        false,
        "inline_mitigations_already_exist",
        true,
    ),
    (
        Justification::CannotBeControlledByAdversary,
        None,
        true,
        "vulnerable_code_cannot_be_controlled_by_adversary",
        false,
    ),
    (
        Justification::InlineMitigationsAlreadyExist,
        Some("protected_by_mitigating_control"),
        true,
        "inline_mitigations_already_exist",
        false,
    ),
];

fn fields(losses: &[Loss], target: Target) -> Vec<&'static str> {
    assert!(
        losses
            .iter()
            .all(|l| l.target == target && !l.reason.is_empty())
    );
    let mut f: Vec<&'static str> = losses.iter().map(|l| l.field).collect();
    f.sort();
    f
}

fn sorted(mut v: Vec<&'static str>) -> Vec<&'static str> {
    v.sort();
    v
}

/// Converts one analysis to all three targets and checks statuses, justifications, losses and the round trip.
fn check(
    state: (State, &str, bool, &str, bool),
    just: Option<(Justification, Option<&str>, bool, &str, bool)>,
) {
    let (s, cdx_state, cdx_state_lossy, vex_status, vex_state_lossy) = state;
    let a = Analysis {
        state: s,
        justification: just.map(|j| j.0),
        detail: Detail {
            en: Some("because".into()),
            ja: None,
        },
        ..Analysis::default()
    };
    let ctx = format!("{} × {:?}", s.as_str(), just.map(|j| j.0));

    // CycloneDX keeps a justification with any state.
    let (c, losses) = a.to_cyclonedx(Lang::En);
    assert_eq!(c.state.as_str(), cdx_state, "{ctx}");
    assert_eq!(
        c.justification.map(|j| j.as_str()),
        just.and_then(|j| j.1),
        "{ctx}"
    );
    assert_eq!(c.detail.as_deref(), Some("because"));
    let mut expect = Vec::new();
    if cdx_state_lossy {
        expect.push("state");
    }
    if just.is_some_and(|j| j.2) {
        expect.push("justification");
    }
    assert_eq!(
        fields(&losses, Target::CycloneDx),
        sorted(expect),
        "cyclonedx {ctx}"
    );
    if losses.is_empty() {
        assert_eq!(
            Analysis::from_cyclonedx(&c, Lang::En),
            a,
            "cyclonedx round trip {ctx}"
        );
    }

    // OpenVEX and CSAF share statuses and justification labels.
    let (o, o_losses) = a.to_openvex(Lang::En);
    let (k, k_losses) = a.to_csaf(Lang::En);
    assert_eq!(o.status.openvex(), vex_status, "{ctx}");
    assert_eq!(k.status.openvex(), vex_status, "{ctx}");
    let (vex_just, just_lossy) = match (s, just) {
        (State::NotAffected, Some(j)) => (Some(j.3), j.4),
        (State::FalsePositive, j) => (
            Some("component_not_present"),
            j.is_some_and(|j| j.0 != Justification::ComponentNotPresent),
        ),
        (_, j) => (None, j.is_some()),
    };
    assert_eq!(o.justification.map(|j| j.as_str()), vex_just, "{ctx}");
    assert_eq!(k.flag.map(|j| j.as_str()), vex_just, "{ctx}");
    let mut expect = Vec::new();
    if vex_state_lossy {
        expect.push("state");
    }
    if just_lossy {
        expect.push("justification");
    }
    assert_eq!(
        fields(&o_losses, Target::OpenVex),
        sorted(expect.clone()),
        "openvex {ctx}"
    );
    if s == State::Exploitable {
        // The csaf_vex profile wants a remediation for known_affected; none is recorded here.
        expect.push("responses");
    }
    assert_eq!(
        fields(&k_losses, Target::Csaf),
        sorted(expect),
        "csaf {ctx}"
    );
    if o_losses.is_empty() {
        assert_eq!(
            Analysis::from_openvex(&o, Lang::En),
            a,
            "openvex round trip {ctx}"
        );
    }
    if k_losses.is_empty() {
        assert_eq!(
            Analysis::from_csaf(&k, Lang::En),
            a,
            "csaf round trip {ctx}"
        );
    }
}

#[test]
fn every_state_and_justification_converts_to_every_target() {
    let mut n = 0;
    for s in STATES {
        check(s, None);
        n += 1;
        for j in JUSTIFICATIONS {
            check(s, Some(j));
            n += 1;
        }
    }
    assert_eq!(n, 7 * 13);
    assert_eq!(STATES.map(|s| s.0), State::ALL);
    assert_eq!(JUSTIFICATIONS.map(|j| j.0), Justification::ALL);
}

#[test]
fn responses_map_to_csaf_remediations() {
    // (response, CSAF category, lossy in CSAF)
    let table = [
        (Response::Update, RemediationCategory::VendorFix, false),
        (
            Response::WorkaroundAvailable,
            RemediationCategory::Workaround,
            false,
        ),
        (
            Response::WillNotFix,
            RemediationCategory::NoFixPlanned,
            false,
        ),
        (Response::Rollback, RemediationCategory::VendorFix, true),
        (
            Response::CanNotFix,
            RemediationCategory::NoneAvailable,
            true,
        ),
    ];
    for (r, cat, lossy) in table {
        let a = Analysis {
            state: State::Exploitable,
            responses: vec![r],
            detail: Detail {
                en: Some("see advisory".into()),
                ja: None,
            },
            ..Analysis::default()
        };
        let (c, losses) = a.to_cyclonedx(Lang::En);
        assert!(losses.is_empty() && c.response == vec![r]);
        let (k, losses) = a.to_csaf(Lang::En);
        assert_eq!(k.remediations.len(), 1);
        assert_eq!(k.remediations[0].category, cat, "{r:?}");
        assert!(!k.remediations[0].details.is_empty());
        assert_eq!(!losses.is_empty(), lossy, "{r:?}: {losses:?}");
        if !lossy {
            assert_eq!(Analysis::from_csaf(&k, Lang::En), a);
        }
        // OpenVEX has no response field: always a loss, the detail is the action statement.
        let (o, losses) = a.to_openvex(Lang::En);
        assert_eq!(o.action_statement.as_deref(), Some("see advisory"));
        assert_eq!(fields(&losses, Target::OpenVex), ["responses"]);
    }
    // Without detail, OpenVEX's action statement is written from the responses.
    let a = Analysis {
        state: State::Exploitable,
        responses: vec![Response::Update, Response::WorkaroundAvailable],
        ..Analysis::default()
    };
    let (o, _) = a.to_openvex(Lang::En);
    assert_eq!(
        o.action_statement.as_deref(),
        Some("Update to a fixed version. A workaround is available.")
    );
}

#[test]
fn workflow_fields_and_second_language_are_reported_lost() {
    let a = Analysis {
        state: State::NotAffected,
        justification: Some(Justification::CodeNotReachable),
        detail: Detail {
            en: Some("The parser is never called.".into()),
            ja: Some("該当パーサは呼び出されない。".into()),
        },
        assignee: Some("psirt@example.com".into()),
        comments: vec![Comment {
            by: "a".into(),
            at: datetime!(2025-05-01 09:00 UTC),
            text: "checked".into(),
        }],
        due: Some(date!(2025 - 06 - 01)),
        environmental: Some(Environmental::default()),
        safety: Some(SafetyAssessment {
            risk: SafetyRisk::Controlled,
            hazard: "none".into(),
            compensating_controls: vec![],
            by: "qa".into(),
            at: datetime!(2025-05-02 09:00 UTC),
        }),
        ..Analysis::default()
    };
    let all = [
        "assignee",
        "comments",
        "detail",
        "due",
        "environmental",
        "safety",
    ];
    let (c, l) = a.to_cyclonedx(Lang::Ja);
    assert_eq!(c.detail.as_deref(), Some("該当パーサは呼び出されない。"));
    assert_eq!(fields(&l, Target::CycloneDx), all);
    let (o, l) = a.to_openvex(Lang::En);
    assert_eq!(
        o.impact_statement.as_deref(),
        Some("The parser is never called.")
    );
    assert_eq!(fields(&l, Target::OpenVex), all);
    let (_, l) = a.to_csaf(Lang::En);
    assert_eq!(fields(&l, Target::Csaf), all);
}

#[test]
fn not_affected_without_reason_is_flagged() {
    let a = Analysis::new(State::NotAffected);
    assert_eq!(
        fields(&a.to_openvex(Lang::En).1, Target::OpenVex),
        ["justification"]
    );
    assert_eq!(
        fields(&a.to_csaf(Lang::En).1, Target::Csaf),
        ["justification"]
    );
    assert!(a.to_cyclonedx(Lang::En).1.is_empty());
}

/// (base vector, profile, extra metrics, expected score, severity)
type RescoreCase = (
    &'static str,
    EnvMetrics,
    &'static [(&'static str, &'static str)],
    f64,
    Severity,
);

#[test]
fn environmental_rescoring_per_release() {
    // (base vector, profile, extra metrics, expected score, severity)
    let table: [RescoreCase; 3] = [
        (
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
            EnvMetrics {
                attack_vector: Some(AttackVector::Local),
                ..EnvMetrics::default()
            },
            &[],
            8.4,
            Severity::High,
        ),
        (
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
            EnvMetrics::default(),
            &[],
            9.8,
            Severity::Critical,
        ),
        (
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N",
            EnvMetrics {
                confidentiality_requirement: Some(Requirement::Low),
                ..EnvMetrics::default()
            },
            &[("MUI", "R")],
            4.7,
            Severity::Medium,
        ),
    ];
    for (base, metrics, extra, score, severity) in table {
        let env = Environmental {
            metrics,
            extra: extra
                .iter()
                .map(|(m, v)| ((*m).into(), (*v).into()))
                .collect(),
        };
        let r = env.rescore(&Cvss::parse(base).unwrap()).unwrap();
        assert_eq!(
            (r.score, r.severity),
            (score, severity),
            "{base} → {}",
            r.vector
        );
    }
    let bad = Environmental {
        metrics: EnvMetrics::default(),
        extra: vec![("MXX".into(), "Q".into())],
    };
    assert!(
        bad.rescore(&Cvss::parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").unwrap())
            .is_err()
    );
}

#[test]
fn names_parse_from_every_vocabulary() {
    for s in State::ALL {
        assert_eq!(State::parse(s.as_str()), Some(s));
    }
    assert_eq!(State::parse("affected"), Some(State::Exploitable));
    for j in Justification::ALL {
        assert_eq!(Justification::parse(j.as_str()), Some(j));
    }
    assert_eq!(
        Justification::parse("vulnerable_code_not_in_execute_path"),
        Some(Justification::CodeNotReachable)
    );
    for r in Response::ALL {
        assert_eq!(Response::parse(r.as_str()), Some(r));
    }
}
