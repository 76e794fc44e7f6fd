//! Regulatory deadlines from the default rule table for cases in Japan, the US and the EU.

use mamori_judge::analysis::SafetyRisk;
use mamori_judge::clocks::{Anchor, CaseFacts, Due, Harm, RegulatoryRules};
use time::Date;
use time::macros::date;

fn facts(awareness: Date, harm: Harm, occurred: bool, expected: bool) -> CaseFacts {
    CaseFacts {
        awareness,
        correction_initiated: None,
        harm,
        harm_occurred: occurred,
        expected,
        unanticipated: false,
        public_health_threat: false,
        risk: None,
    }
}

/// Checks each obligation's (rule id, due) for a case, in table order.
fn check(f: CaseFacts, expected: &[(&str, Option<&str>, Due)]) {
    let rules = RegulatoryRules::default_rules();
    let got = rules.deadlines(&f).unwrap();
    let got: Vec<(&str, Option<&str>, Due)> = got
        .iter()
        .map(|d| {
            (
                d.obligation.as_str(),
                d.rule.map(|i| rules.rules()[i].id.as_str()),
                d.due,
            )
        })
        .collect();
    assert_eq!(got, expected, "{f:?}");
}

const NR: Due = Due::NotRequired;

#[test]
fn japan_15_and_30_day_reports_across_holidays() {
    // A death known on 2025-04-18: 15 days is Saturday 5/3 (a holiday); rolls past Golden Week to 5/7.
    check(
        facts(date!(2025 - 04 - 18), Harm::Death, true, false),
        &[
            (
                "pmda-defect-report",
                Some("jp-15-death"),
                Due::On(date!(2025 - 05 - 07)),
            ),
            ("fda-806-report", None, NR),
            ("fda-postmarket-communicate", None, NR),
            ("fda-postmarket-fix", None, NR),
            (
                "mdr-87-report",
                Some("eu-10-death"),
                Due::On(date!(2025 - 04 - 28)),
            ),
        ],
    );
    // Known serious harm: 30 days from 2025-12-04 is 1/3, inside the administrative year-end closure → 1/5.
    check(
        facts(date!(2025 - 12 - 04), Harm::Serious, true, true),
        &[
            (
                "pmda-defect-report",
                Some("jp-30-serious-known"),
                Due::On(date!(2026 - 01 - 05)),
            ),
            ("fda-806-report", None, NR),
            ("fda-postmarket-communicate", None, NR),
            ("fda-postmarket-fix", None, NR),
            (
                "mdr-87-report",
                Some("eu-15-serious"),
                Due::On(date!(2025 - 12 - 19)),
            ),
        ],
    );
    // Could cause serious harm, none occurred: 30 days; the EU still counts it a serious incident.
    check(
        facts(date!(2025 - 06 - 02), Harm::Serious, false, false),
        &[
            (
                "pmda-defect-report",
                Some("jp-30-could-cause"),
                Due::On(date!(2025 - 07 - 02)),
            ),
            ("fda-806-report", None, NR),
            ("fda-postmarket-communicate", None, NR),
            ("fda-postmarket-fix", None, NR),
            (
                "mdr-87-report",
                Some("eu-15-serious"),
                Due::On(date!(2025 - 06 - 17)),
            ),
        ],
    );
    // Nothing serious: no report anywhere.
    check(
        facts(date!(2025 - 06 - 02), Harm::NonSerious, true, false),
        &[
            ("pmda-defect-report", None, NR),
            ("fda-806-report", None, NR),
            ("fda-postmarket-communicate", None, NR),
            ("fda-postmarket-fix", None, NR),
            ("mdr-87-report", None, NR),
        ],
    );
}

#[test]
fn us_uncontrolled_risk_and_806_clock() {
    let mut f = facts(date!(2025 - 11 - 03), Harm::None, false, false);
    f.risk = Some(SafetyRisk::Uncontrolled);
    // No correction yet: the 806 report waits for its anchor.
    check(
        f,
        &[
            ("pmda-defect-report", None, NR),
            ("fda-806-report", None, NR),
            (
                "fda-postmarket-communicate",
                Some("us-postmarket-communicate"),
                Due::On(date!(2025 - 12 - 03)),
            ),
            (
                "fda-postmarket-fix",
                Some("us-postmarket-fix"),
                Due::On(date!(2026 - 01 - 02)),
            ),
            ("mdr-87-report", None, NR),
        ],
    );
    // Correction initiated 11/20: ten US working days skip Thanksgiving → 12/5.
    f.correction_initiated = Some(date!(2025 - 11 - 20));
    let rules = RegulatoryRules::default_rules();
    let d = rules.deadlines(&f).unwrap();
    assert_eq!(d[1].due, Due::On(date!(2025 - 12 - 05)));
    assert!(d[1].verified);
    assert!(
        d[1].basis.contains("10 business days from 2025-11-20"),
        "{}",
        d[1].basis
    );
}

#[test]
fn eu_public_health_threat_and_unanticipated_deterioration() {
    let mut f = facts(date!(2025 - 12 - 30), Harm::Serious, true, true);
    f.public_health_threat = true;
    let rules = RegulatoryRules::default_rules();
    assert_eq!(
        rules.deadlines(&f).unwrap()[4].due,
        Due::On(date!(2026 - 01 - 01))
    );
    f.public_health_threat = false;
    f.unanticipated = true;
    let d = rules.deadlines(&f).unwrap();
    assert_eq!(d[4].due, Due::On(date!(2026 - 01 - 09)));
    assert_eq!(rules.rules()[d[4].rule.unwrap()].id, "eu-10-unanticipated");
}

#[test]
fn incomplete_report_follow_up_and_unverified_marks() {
    let rules = RegulatoryRules::default_rules();
    let d = rules
        .deadlines(&facts(date!(2025 - 04 - 18), Harm::Death, true, false))
        .unwrap();
    assert!(!d[0].verified, "the Japanese 15/30-day split is unverified");
    // Incomplete report filed 2025-05-07; follow-up 30 days later is 6/6 (a Friday).
    assert_eq!(
        rules.follow_up_due(&d[0], date!(2025 - 05 - 07)).unwrap(),
        Some(date!(2025 - 06 - 06))
    );
    assert_eq!(
        rules.follow_up_due(&d[4], date!(2025 - 05 - 07)).unwrap(),
        None
    );
    let jp_unverified = rules
        .rules()
        .iter()
        .filter(|r| r.jurisdiction == "jp")
        .all(|r| !r.verified);
    assert!(jp_unverified);
    let us_806 = rules.rules().iter().find(|r| r.id == "us-806").unwrap();
    assert_eq!(us_806.anchor, Anchor::CorrectionInitiated);
}

#[test]
fn broken_rule_tables_are_refused() {
    let base = RegulatoryRules::default_toml();
    let table = [
        (
            base.replace(
                "calendar = \"jp-admin\"\nwhen = { harm = [\"death\"] }",
                "calendar = \"jp\"\nwhen = { harm = [\"death\"] }",
            ),
            "invalid regulatory rules: rule `jp-15-death` names unknown calendar `jp`",
        ),
        (
            base.replace(
                "harm = [\"death\"] }\nfollow_up",
                "harm = [\"dead\"] }\nfollow_up",
            ),
            "invalid regulatory rules: rule `jp-15-death`: harm `dead` (expected none, non_serious, serious or death)",
        ),
        (
            base.replace(
                "id = \"eu-10-death\"\njurisdiction = \"eu\"",
                "id = \"eu-10-death\"\njurisdiction = \"de\"",
            ),
            "invalid regulatory rules: obligation `mdr-87-report` belongs to jurisdiction `eu` (rule `eu-2-public-health`) and `de` (rule `eu-10-death`)",
        ),
        (
            base.replace("id = \"eu-10-death\"", "id = \"eu-2-public-health\""),
            "invalid regulatory rules: rule `eu-2-public-health` is defined twice",
        ),
        (
            base.replace("anchor = \"correction_initiated\"", "anchor = \"recall\""),
            "invalid regulatory rules: rule `us-806`: anchor `recall` (expected awareness or correction_initiated)",
        ),
    ];
    for (text, msg) in table {
        assert_eq!(
            RegulatoryRules::from_toml(&text).unwrap_err().to_string(),
            msg
        );
    }
}
