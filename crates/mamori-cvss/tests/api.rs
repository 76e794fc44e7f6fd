//! The values the CLI prints, the rejection messages, and environmental re-scoring, as data tables.

use mamori_cvss::{AttackVector, Cvss, EnvMetrics, Impact, Requirement};

/// What `mamori cvss VECTOR --json` prints for a vector, as one comparable line.
fn summary(c: &Cvss) -> String {
    let opt = |s: Option<f64>| s.map_or("-".to_owned(), |s| format!("{s:.1}"));
    format!(
        "{} {} base={:.1} temporal={} env={} score={:.1} {}{}",
        c.version(),
        c,
        c.base_score(),
        opt(c.temporal_score()),
        opt(c.environmental_score()),
        c.score(),
        c.severity(),
        c.nomenclature().map_or(String::new(), |n| format!(" {n}")),
    )
}

/// The one helper for valid vectors: parse, summarize, compare; the summary's vector must reparse identically.
fn check(input: &str, expected: &str) {
    let cvss = Cvss::parse(input).unwrap_or_else(|e| panic!("{input}: rejected: {e}"));
    assert_eq!(summary(&cvss), expected, "input {input}");
    assert_eq!(
        Cvss::parse(&cvss.to_string()),
        Ok(cvss),
        "normalized form of {input} reparses"
    );
}

#[test]
fn valid_vectors() {
    let cases = [
        // 3.1 base only: temporal and environmental equal the base score; score is the base.
        (
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
            "3.1 CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H base=9.8 temporal=9.8 env=9.8 score=9.8 critical",
        ),
        // 3.x accepts any order and X; the normalized vector is in specification order without X.
        (
            "CVSS:3.0/S:U/AV:N/AC:L/PR:H/UI:N/C:L/I:L/A:N/E:F/RL:X",
            "3.0 CVSS:3.0/AV:N/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:N/E:F base=3.8 temporal=3.7 env=3.7 score=3.7 low",
        ),
        // Temporal set, environmental not: score is the temporal score.
        (
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:C",
            "3.1 CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:C base=9.8 temporal=8.5 env=8.5 score=8.5 high",
        ),
        // 3.1's Roundup: 10 × 0.92 is 9.200000000000001 in binary; 3.0's ceil makes it 9.3, 3.1 keeps 9.2.
        (
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/RC:U",
            "3.1 CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/RC:U base=10.0 temporal=9.2 env=9.2 score=9.2 critical",
        ),
        (
            "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/RC:U",
            "3.0 CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/RC:U base=10.0 temporal=9.3 env=9.3 score=9.3 critical",
        ),
        // 3.1 changed the modified-impact formula under changed scope: same metrics, 9.6 vs 9.7.
        (
            "CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H/CR:H",
            "3.0 CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H/CR:H base=9.6 temporal=9.6 env=9.6 score=9.6 critical",
        ),
        (
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H/CR:H",
            "3.1 CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H/CR:H base=9.6 temporal=9.6 env=9.7 score=9.7 critical",
        ),
        // Environmental with modified metrics lowers the score: a device reachable only locally.
        (
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MAV:L/MPR:L",
            "3.1 CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MAV:L/MPR:L base=9.8 temporal=9.8 env=7.8 score=7.8 high",
        ),
        (
            "CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N",
            "3.1 CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N base=0.0 temporal=0.0 env=0.0 score=0.0 none",
        ),
        // 4.0, FIRST's examples.
        (
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
            "4.0 CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N base=9.3 temporal=- env=- score=9.3 critical CVSS-B",
        ),
        (
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U",
            "4.0 CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U base=9.3 temporal=- env=- score=8.1 high CVSS-BT",
        ),
        (
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/CR:L/IR:L/AR:L/MAV:L",
            "4.0 CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/CR:L/IR:L/AR:L/MAV:L base=9.3 temporal=- env=- score=7.1 high CVSS-BE",
        ),
        // Safety (MSI:S) raises a 4.0 score; X and supplemental metrics do not change it.
        (
            "CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A/CR:X/MSI:S/S:P/U:Red",
            "4.0 CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A/MSI:S/S:P/U:Red base=8.5 temporal=- env=- score=9.7 critical CVSS-BTE",
        ),
        (
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N",
            "4.0 CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N base=0.0 temporal=- env=- score=0.0 none CVSS-B",
        ),
        // 2.0: parentheses as NVD wrote them; ND dropped; temporal and environmental only when set.
        (
            "(AV:N/AC:L/Au:N/C:P/I:P/A:P)",
            "2.0 AV:N/AC:L/Au:N/C:P/I:P/A:P base=7.5 temporal=- env=- score=7.5 high",
        ),
        (
            "AV:N/AC:L/Au:S/C:C/I:C/A:C/E:F/RL:U/RC:C",
            "2.0 AV:N/AC:L/Au:S/C:C/I:C/A:C/E:F/RL:U/RC:C base=9.0 temporal=8.6 env=- score=8.6 high",
        ),
        (
            "AV:L/AC:L/Au:M/C:N/I:P/A:C/E:U/RL:W/RC:ND/CDP:L/TD:H/CR:ND/IR:ND/AR:M",
            "2.0 AV:L/AC:L/Au:M/C:N/I:P/A:C/E:U/RL:W/CDP:L/TD:H/AR:M base=5.0 temporal=4.0 env=4.6 score=4.6 medium",
        ),
        // A low requirement drives the 2.0 adjusted base below zero; the score stops at 0.0.
        (
            "AV:L/AC:H/Au:M/C:N/I:N/A:P/CDP:N/AR:L",
            "2.0 AV:L/AC:H/Au:M/C:N/I:N/A:P/CDP:N/AR:L base=0.8 temporal=- env=0.0 score=0.0 low",
        ),
        (
            "AV:L/AC:H/Au:M/C:N/I:N/A:N",
            "2.0 AV:L/AC:H/Au:M/C:N/I:N/A:N base=0.0 temporal=- env=- score=0.0 low",
        ),
    ];
    for (input, expected) in cases {
        check(input, expected);
    }
}

/// The one helper for invalid vectors: parsing must fail with exactly this message.
fn check_invalid(input: &str, message: &str) {
    match Cvss::parse(input) {
        Ok(c) => panic!("{input:?}: accepted as {c}"),
        Err(e) => assert_eq!(e.to_string(), message, "input {input:?}"),
    }
}

#[test]
fn invalid_vectors() {
    const B31: &str = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
    const B40: &str = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
    const B20: &str = "AV:N/AC:L/Au:N/C:P/I:P/A:P";
    let cases: Vec<(String, &str)> = vec![
        (String::new(), "empty cvss vector"),
        (
            format!(" {B31}"),
            "cvss vector has leading or trailing whitespace",
        ),
        (
            format!("{B31}\n"),
            "cvss vector has leading or trailing whitespace",
        ),
        (
            B31.replace("3.1", "3.2"),
            "unsupported cvss version `3.2` (expected `CVSS:3.0/`, `CVSS:3.1/`, `CVSS:4.0/` or a bare cvss 2.0 vector)",
        ),
        (
            format!("CVSS:2.0/{B20}"),
            "unsupported cvss version `2.0` (expected `CVSS:3.0/`, `CVSS:3.1/`, `CVSS:4.0/` or a bare cvss 2.0 vector)",
        ),
        (
            "CVSS:3.1".into(),
            "missing base metric `AV` in cvss 3.1 vector",
        ),
        (
            "CVSS:3.1/".into(),
            "malformed metric `` in cvss 3.1 vector (expected NAME:VALUE)",
        ),
        (
            B31.trim_start_matches("CVSS:3.1/").into(),
            "cvss vector lacks the `CVSS:3.1/` (or `CVSS:3.0/`, `CVSS:4.0/`) prefix: metric `PR` is not a cvss 2.0 metric",
        ),
        (
            B31.replace("/A:H", ""),
            "missing base metric `A` in cvss 3.1 vector",
        ),
        (
            format!("{B31}/AV:N"),
            "duplicate metric `AV` in cvss 3.1 vector",
        ),
        (
            B31.replace("AV:N", "AV:Q"),
            "invalid value `Q` for metric `AV` in cvss 3.1 vector (expected one of N, A, L, P)",
        ),
        (
            B31.replace("AV:N", "AV:X"),
            "invalid value `X` for metric `AV` in cvss 3.1 vector (expected one of N, A, L, P)",
        ),
        (
            format!("{B31}/E:x"),
            "invalid value `x` for metric `E` in cvss 3.1 vector (expected one of X, H, F, P, U)",
        ),
        (
            B31.replace("AV:N", "AV:Ñ"),
            "invalid value `Ñ` for metric `AV` in cvss 3.1 vector (expected one of N, A, L, P)",
        ),
        (
            format!("{B31}/XX:Y"),
            "unknown metric `XX` in cvss 3.1 vector",
        ),
        (
            format!("{B31}/AT:N"),
            "unknown metric `AT` in cvss 3.1 vector",
        ),
        (
            format!("{B31}/E"),
            "malformed metric `E` in cvss 3.1 vector (expected NAME:VALUE)",
        ),
        (
            format!("{B31}/"),
            "malformed metric `` in cvss 3.1 vector (expected NAME:VALUE)",
        ),
        (
            format!("{B31}//E:H"),
            "malformed metric `` in cvss 3.1 vector (expected NAME:VALUE)",
        ),
        (
            format!("{B31}/E:{}", "H".repeat(100)),
            "invalid value `HHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHH…` for metric `E` in cvss 3.1 vector (expected one of X, H, F, P, U)",
        ),
        (
            B40.replace("AV:N/AC:L", "AC:L/AV:N"),
            "metric `AV` must come before `AC` in cvss 4.0 vector",
        ),
        (
            format!("{B40}/CR:H/E:A"),
            "metric `E` must come before `CR` in cvss 4.0 vector",
        ),
        (
            format!("{B40}/E:A/E:A"),
            "duplicate metric `E` in cvss 4.0 vector",
        ),
        (
            B40.replace("SI:N", "SI:S"),
            "invalid value `S` for metric `SI` in cvss 4.0 vector (expected one of H, L, N)",
        ),
        (
            format!("{B40}/MSC:S"),
            "invalid value `S` for metric `MSC` in cvss 4.0 vector (expected one of X, H, L, N)",
        ),
        (
            format!("{B40}/U:clear"),
            "invalid value `clear` for metric `U` in cvss 4.0 vector (expected one of X, Clear, Green, Amber, Red)",
        ),
        (
            B40.replace("/SA:N", ""),
            "missing base metric `SA` in cvss 4.0 vector",
        ),
        (
            format!("{B40}/RL:O"),
            "unknown metric `RL` in cvss 4.0 vector",
        ),
        (
            format!("({B20}"),
            "unbalanced parentheses around cvss 2.0 vector",
        ),
        (
            format!("{B20})"),
            "unbalanced parentheses around cvss 2.0 vector",
        ),
        (
            format!("{B20}/E:X"),
            "invalid value `X` for metric `E` in cvss 2.0 vector (expected one of ND, U, POC, F, H)",
        ),
        (
            B20.replace("AV:N/AC:L", "AC:L/AV:N"),
            "metric `AV` must come before `AC` in cvss 2.0 vector",
        ),
        (
            "av:n/ac:l/au:n/c:p/i:p/a:p".into(),
            "unknown metric `av` in cvss 2.0 vector",
        ),
        (
            "hello".into(),
            "malformed metric `hello` in cvss 2.0 vector (expected NAME:VALUE)",
        ),
    ];
    for (input, message) in &cases {
        check_invalid(input, message);
    }
}

/// The one helper for re-scoring: apply `env` (and extra metrics) to `base`, compare the summary.
fn check_env(base: &str, env: &EnvMetrics, extra: &[(&str, &str)], expected: &str) {
    let mut cvss = Cvss::parse(base).unwrap().with_environmental(env);
    for (metric, value) in extra {
        cvss = cvss.with_metric(metric, value).unwrap();
    }
    assert_eq!(summary(&cvss), expected, "base {base}");
}

#[test]
fn environmental_rescoring() {
    let high_all = EnvMetrics {
        confidentiality_requirement: Some(Requirement::High),
        integrity_requirement: Some(Requirement::High),
        availability_requirement: Some(Requirement::High),
        ..EnvMetrics::default()
    };
    let isolated = EnvMetrics {
        attack_vector: Some(AttackVector::Local),
        confidentiality: Some(Impact::Low),
        availability_requirement: Some(Requirement::Low),
        ..EnvMetrics::default()
    };
    check_env(
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H",
        &high_all,
        &[],
        "3.1 CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H/CR:H/IR:H/AR:H base=9.6 temporal=9.6 env=9.7 score=9.7 critical",
    );
    check_env(
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        &isolated,
        &[("MUI", "R")],
        "3.1 CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AR:L/MAV:L/MUI:R/MC:L base=9.8 temporal=9.8 env=6.7 score=6.7 medium",
    );
    check_env(
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
        &isolated,
        &[("MSI", "S")],
        "4.0 CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/AR:L/MAV:L/MVC:L/MSI:S base=9.3 temporal=- env=- score=9.2 critical CVSS-BE",
    );
    // 2.0 has no modified base metrics: only the requirements apply.
    check_env(
        "AV:N/AC:L/Au:N/C:P/I:P/A:P",
        &isolated,
        &[("CDP", "H"), ("TD", "M")],
        "2.0 AV:N/AC:L/Au:N/C:P/I:P/A:P/CDP:H/TD:M/AR:L base=7.5 temporal=- env=6.4 score=6.4 medium",
    );
    // Clearing with X returns to the base vector.
    check_env(
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/CR:H",
        &EnvMetrics::default(),
        &[("CR", "X")],
        "3.1 CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H base=9.8 temporal=9.8 env=9.8 score=9.8 critical",
    );
}

#[test]
fn with_metric_rejects_what_parse_rejects() {
    let cvss = Cvss::parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").unwrap();
    let cases = [
        (
            "AV",
            "X",
            "invalid value `X` for metric `AV` in cvss 3.1 vector (expected one of N, A, L, P)",
        ),
        ("MSI", "S", "unknown metric `MSI` in cvss 3.1 vector"),
    ];
    for (metric, value, message) in cases {
        assert_eq!(
            cvss.with_metric(metric, value).unwrap_err().to_string(),
            message
        );
    }
    assert_eq!(cvss.metric("AV"), Some("N"));
    assert_eq!(cvss.metric("E"), None);
}
