//! A finding's judgement beyond its state, through the store on SQLite and PostgreSQL: rubric
//! answers given by several people derive the full CVSS vector, and the analysis text is kept in
//! Japanese and English and reaches each document in its own language.

use crate::common;

use std::path::PathBuf;

use mamori_csaf::provider::Tlp;
use mamori_csaf::vex::{Publisher, PublisherCategory};
use mamori_model::{Lifecycle, ProductName, ReleaseVersion};
use mamori_store::{
    AdvisoryStatus, FeedFile, Incoming, NewAdvisory, NewRule, Publication, Store, StoreError,
    Triage, VexFormat, Visibility,
};
use serde_json::Value;
use time::OffsetDateTime;
use time::macros::datetime;

const T0: OffsetDateTime = datetime!(2026-11-02 09:00 UTC);

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../mamori/tests/fixtures/monitor")
}

/// Ward Gateway `versions`, each with the vulnerable hl7lite of `fw-1.0.cdx.json`
/// (GHSA-mmmm-0001-aaaa / CVE-2026-10001); returns `(release id, finding id)` of each release.
async fn findings(s: &Store, versions: &[&str]) -> Vec<(i64, i64)> {
    let p = s
        .add_product(
            &ProductName::new("Ward Gateway").unwrap(),
            Some("Example Medical"),
            T0,
        )
        .await
        .unwrap();
    let osv = std::fs::read(fixtures().join("GHSA-mmmm-0001-aaaa.json")).unwrap();
    s.import_feed(
        FeedFile::read("GHSA-mmmm-0001-aaaa.json", &osv, None).unwrap(),
        T0,
    )
    .await
    .unwrap();
    let bytes = std::fs::read(fixtures().join("fw-1.0.cdx.json")).unwrap();
    let sbom = mamori_sbom::read(&bytes).unwrap().sbom;
    let mut ids = Vec::new();
    for v in versions {
        let r = s
            .add_release(
                &p,
                &ReleaseVersion::new(v).unwrap(),
                &Lifecycle::default(),
                T0,
            )
            .await
            .unwrap();
        s.import_sbom(
            &r,
            Incoming {
                bytes: &bytes,
                filename: Some("fw.cdx.json"),
                sbom: &sbom,
                supplier: None,
            },
            "engineer",
            T0,
        )
        .await
        .unwrap();
        let found: Vec<_> = s
            .findings(&mamori_store::FindingFilter::default())
            .await
            .unwrap()
            .into_iter()
            .filter(|f| f.release == *v)
            .collect();
        assert_eq!(found.len(), 1, "release {v} has the hl7lite finding");
        ids.push((r.id, found[0].id));
    }
    ids
}

/// Adds release `version` of the existing Ward Gateway with the same SBOM; its finding's id.
async fn findings_in(s: &Store, version: &str) -> i64 {
    let p = s.product("Ward Gateway").await.unwrap();
    let r = s
        .add_release(
            &p,
            &ReleaseVersion::new(version).unwrap(),
            &Lifecycle::default(),
            T0,
        )
        .await
        .unwrap();
    let bytes = std::fs::read(fixtures().join("fw-1.0.cdx.json")).unwrap();
    let sbom = mamori_sbom::read(&bytes).unwrap().sbom;
    s.import_sbom(
        &r,
        Incoming {
            bytes: &bytes,
            filename: Some("fw.cdx.json"),
            sbom: &sbom,
            supplier: None,
        },
        "engineer",
        T0,
    )
    .await
    .unwrap();
    s.findings(&mamori_store::FindingFilter::default())
        .await
        .unwrap()
        .into_iter()
        .find(|f| f.release == version)
        .unwrap()
        .id
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(q, a)| ((*q).to_owned(), (*a).to_owned()))
        .collect()
}

/// The questions about how the device is reached (AV, AC, PR, UI, S), answered by the engineer.
const REACH: &[(&str, &str)] = &[
    ("av_routed", "yes"),
    ("ac_conditions", "no"),
    ("pr_enforced", "no"),
    ("ui_victim", "no"),
    ("s_beyond", "no"),
];

/// The clinical classes (C, I, A), answered by the clinical safety officer: therapy can be
/// changed and stopped, system data read.
const CLINICAL: &[(&str, &str)] = &[
    ("c_phi", "none"),
    ("c_diag", "none"),
    ("c_therapy", "none"),
    ("c_workflow", "none"),
    ("c_system", "high"),
    ("c_other", "none"),
    ("i_phi", "none"),
    ("i_diag", "none"),
    ("i_therapy", "high"),
    ("i_workflow", "none"),
    ("i_system", "none"),
    ("i_other", "none"),
    ("a_phi", "none"),
    ("a_diag", "none"),
    ("a_therapy", "high"),
    ("a_workflow", "none"),
    ("a_system", "none"),
    ("a_other", "none"),
];

/// `(vector, score)` of the finding's derived rubric vector as the API shows it.
async fn derived(s: &Store, id: i64) -> Option<(String, f64)> {
    let a = s.assessment(id).await.unwrap();
    let d = &a["rubric"]["derived"];
    (!d.is_null()).then(|| {
        (
            d["vector"].as_str().unwrap().to_owned(),
            d["score"].as_f64().unwrap(),
        )
    })
}

#[tokio::test]
async fn issue_6_rubric_answers_from_two_people_derive_the_full_vector_through_the_store() {
    for t in common::stores().await {
        let (s, name) = (&t.store, t.name);
        let id = findings(s, &["1.0"]).await[0].1;

        let (answers, vector) = s
            .answer_rubric(id, &pairs(REACH), "engineer", T0)
            .await
            .unwrap();
        assert_eq!(answers.len(), REACH.len(), "{name}");
        assert_eq!(vector, None, "{name}: the clinical questions are open");
        assert_eq!(derived(s, id).await, None, "{name}");

        let later = T0 + time::Duration::hours(3);
        let (answers, vector) = s
            .answer_rubric(id, &pairs(CLINICAL), "safety-officer", later)
            .await
            .unwrap();
        assert_eq!(answers.len(), REACH.len() + CLINICAL.len(), "{name}");
        assert_eq!(
            vector.map(|v| v.to_string()).as_deref(),
            Some("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"),
            "{name}"
        );
        assert_eq!(
            derived(s, id).await,
            Some(("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H".into(), 9.8)),
            "{name}"
        );
        // Each answer keeps who gave it and when.
        let a = s.assessment(id).await.unwrap();
        let by = |q: &str| -> (String, String) {
            let x = a["rubric"]["answers"]
                .as_array()
                .unwrap()
                .iter()
                .find(|x| x["question"] == q)
                .unwrap();
            (
                x["by"].as_str().unwrap().to_owned(),
                x["at"].as_str().unwrap().to_owned(),
            )
        };
        assert_eq!(by("av_routed").0, "engineer", "{name}");
        assert_eq!(by("i_therapy").0, "safety-officer", "{name}");
        assert_ne!(by("av_routed").1, by("i_therapy").1, "{name}");

        // A corrected answer replaces the old one and derives again: only reachable from the
        // same segment, and therapy cannot be stopped.
        let (answers, vector) = s
            .answer_rubric(
                id,
                &pairs(&[
                    ("av_routed", "no"),
                    ("av_same_segment", "yes"),
                    ("a_therapy", "none"),
                ]),
                "engineer",
                later + time::Duration::hours(1),
            )
            .await
            .unwrap();
        assert_eq!(
            answers.len(),
            REACH.len() + CLINICAL.len() + 1,
            "{name}: av_routed replaced, av_same_segment added"
        );
        assert_eq!(
            vector.map(|v| v.to_string()).as_deref(),
            Some("CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N"),
            "{name}"
        );
        assert_eq!(
            derived(s, id).await.map(|d| d.1),
            Some(8.1),
            "{name}: the score follows the corrected vector"
        );

        // Unknown questions and answers are refused and change nothing.
        for bad in [("av_teleport", "yes"), ("av_routed", "sometimes")] {
            let err = s
                .answer_rubric(id, &pairs(&[bad]), "engineer", later)
                .await
                .unwrap_err();
            assert!(matches!(err, StoreError::Invalid(_)), "{name}: {err}");
        }
        assert_eq!(derived(s, id).await.map(|d| d.1), Some(8.1), "{name}");

        // Three answer sets, three audit events.
        let events: Vec<String> = s
            .audit_page(0, 1000)
            .await
            .unwrap()
            .into_iter()
            .filter(|e| e.action == "finding.rubric")
            .map(|e| e.actor)
            .collect();
        assert_eq!(events, ["engineer", "safety-officer", "engineer"], "{name}");
    }
}

fn publication() -> Publication {
    Publication {
        status: AdvisoryStatus::Final,
        summary: "Initial publication.".into(),
        publisher: Publisher {
            name: "Example Medical PSIRT".into(),
            namespace: "https://psirt.example.com".into(),
            category: PublisherCategory::Vendor,
        },
        base_url: Some("https://psirt.example.com/.well-known/csaf".into()),
    }
}

#[tokio::test]
async fn issue_6_analysis_text_is_kept_in_japanese_and_english() {
    const EN: &str = "Update to hl7lite 2.4.1; until then block port 2575 at the ward firewall.";
    const JA: &str = "hl7lite 2.4.1 に更新してください。それまでは病棟ファイアウォールで 2575 番ポートを遮断してください。";
    for t in common::stores().await {
        let (s, name) = (&t.store, t.name);
        let (releases, ids): (Vec<i64>, Vec<i64>) =
            findings(s, &["1.0", "1.1"]).await.into_iter().unzip();

        let triage = Triage::checked("exploitable", None, Some("update"), Some(EN))
            .unwrap()
            .with_detail_ja(Some(JA));
        let row = s
            .set_finding_state(ids[0], &triage, "analyst", T0)
            .await
            .unwrap();
        assert_eq!(row.analysis.as_deref(), Some(EN), "{name}");
        assert_eq!(row.analysis_ja.as_deref(), Some(JA), "{name}");
        let json = row.to_json();
        assert_eq!(json["detail"], EN, "{name}");
        assert_eq!(json["detail_ja"], JA, "{name}");
        // The record keeps both texts.
        let event = s
            .audit_page(0, 1000)
            .await
            .unwrap()
            .into_iter()
            .rfind(|e| e.action == "finding.state")
            .unwrap();
        let evidence: Value = serde_json::from_str(&event.evidence).unwrap();
        assert_eq!(evidence["set"]["detail_ja"], JA, "{name}");

        // A blank Japanese text is no text.
        let cleared = Triage::checked("exploitable", None, Some("update"), Some(EN))
            .unwrap()
            .with_detail_ja(Some("  "));
        assert_eq!(cleared.detail_ja, None);

        // A rule carries both texts to the finding of release 1.1.
        let (rule, applied) = s
            .add_rule(
                &NewRule {
                    product: None,
                    component: "pkg:pypi/hl7lite".into(),
                    vulnerability: "CVE-2026-10001".into(),
                    triage: triage.clone(),
                    reason: "the same parser build ships in every release".into(),
                    expires: None,
                },
                "analyst",
                T0,
            )
            .await
            .unwrap();
        assert_eq!(applied, 1, "{name}");
        assert_eq!(rule.detail_ja.as_deref(), Some(JA), "{name}");
        let f11 = s.finding(ids[1]).await.unwrap();
        assert_eq!(f11.analysis.as_deref(), Some(EN), "{name}");
        assert_eq!(f11.analysis_ja.as_deref(), Some(JA), "{name}");

        // A release added after the rule arrives pre-triaged with both texts.
        let later = findings_in(s, "1.2").await;
        let f12 = s.finding(later).await.unwrap();
        assert_eq!(
            f12.state_by.as_deref(),
            Some(format!("rule {}", rule.id).as_str()),
            "{name}"
        );
        assert_eq!(f12.analysis.as_deref(), Some(EN), "{name}");
        assert_eq!(f12.analysis_ja.as_deref(), Some(JA), "{name}");

        // Each advisory document takes the text of its own language.
        for (lang, text) in [("en", EN), ("ja", JA)] {
            let a = s
                .create_advisory(
                    &NewAdvisory {
                        title_en: "Heap overflow in the HL7 parser of Ward Gateway".into(),
                        title_ja: "Ward Gateway の HL7 パーサのヒープオーバーフロー".into(),
                        summary_en: "hl7lite in Ward Gateway has CVE-2026-10001.".into(),
                        summary_ja: "Ward Gateway の hl7lite に CVE-2026-10001 があります。".into(),
                        lang: lang.into(),
                        tlp: Tlp::Clear,
                        releases: releases.clone(),
                        vulnerabilities: vec!["CVE-2026-10001".into()],
                    },
                    "analyst",
                    T0,
                )
                .await
                .unwrap();
            s.publish_advisory(a.id, &publication(), "regulatory", T0)
                .await
                .unwrap();
            let d = s.advisory_document(a.id, Visibility::All).await.unwrap();
            let doc: Value = serde_json::from_slice(&d.csaf).unwrap();
            let threats: Vec<&str> = doc["vulnerabilities"][0]["threats"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t["details"].as_str().unwrap())
                .collect();
            assert!(threats.contains(&text), "{name} {lang}: {threats:?}");
            let (_, openvex) = s
                .advisory_vex(a.id, Visibility::All, Some(releases[0]), VexFormat::OpenVex)
                .await
                .unwrap();
            let openvex = String::from_utf8(openvex).unwrap();
            assert!(openvex.contains(text), "{name} {lang}: {openvex}");
        }
    }
}
