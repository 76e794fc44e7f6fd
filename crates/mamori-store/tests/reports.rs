//! Vulnerability reports on SQLite and PostgreSQL: intake, the status link, the thread, the case a report becomes and its coordination facts.

use crate::common;

use mamori_model::Email;
use mamori_store::{
    Contact, Coordination, NewAttachment, NewReport, ReportSource, ReportStatus, Store, StoreError,
};
use time::macros::{date, datetime};

fn report(title: &str) -> NewReport {
    NewReport {
        source: ReportSource::Researcher,
        reporter_name: "Aiko Researcher".into(),
        reporter_email: Email::new("aiko@lab.example").unwrap(),
        reporter_org: Some("Example Lab".into()),
        lang: "ja".into(),
        product: "Ward Gateway".into(),
        version: Some("1.0".into()),
        title: title.into(),
        description: "HL7 パーサーのスタックオーバーフロー。再現手順は添付のとおり。".into(),
        credit: Some("Aiko R.".into()),
        attachments: vec![NewAttachment {
            name: "../../etc/poc.py".into(),
            media_type: "text/x-python".into(),
            content: b"print('poc')\n".to_vec(),
        }],
    }
}

async fn actions(store: &Store) -> Vec<String> {
    store
        .audit_page(0, 1000)
        .await
        .unwrap()
        .iter()
        .map(|e| e.action.clone())
        .collect()
}

#[tokio::test]
async fn intake_status_link_thread_and_case() {
    for t in common::stores().await {
        let (s, name) = (&t.store, t.name);
        let now = datetime!(2026-11-20 09:00 UTC);
        let (r, token) = s
            .submit_report(&report("Overflow in HL7"), now)
            .await
            .unwrap();
        assert_eq!(r.tracking_id, "VR-2026-0001", "{name}");
        assert_eq!(r.status, ReportStatus::Received);
        assert_eq!(r.attachments.len(), 1);
        assert_eq!(
            r.attachments[0].name, "poc.py",
            "{name}: path parts dropped"
        );
        assert_eq!(r.attachments[0].size, 13);
        let (meta, bytes) = s
            .report_attachment(r.id, r.attachments[0].id)
            .await
            .unwrap();
        assert_eq!(bytes, b"print('poc')\n");
        assert_eq!(meta.sha256.len(), 64);
        let (r2, token2) = s.submit_report(&report("Second"), now).await.unwrap();
        assert_eq!(r2.tracking_id, "VR-2026-0002");
        assert_ne!(token, token2);

        // Empty or oversized input is refused, and nothing is stored.
        let mut bad = report("  ");
        bad.attachments.clear();
        assert!(matches!(
            s.submit_report(&bad, now).await,
            Err(StoreError::Invalid(m)) if m.contains("title")
        ));
        let mut many = report("Many files");
        many.attachments = vec![many.attachments[0].clone(); 6];
        assert!(s.submit_report(&many, now).await.is_err());
        assert_eq!(s.reports(None).await.unwrap().len(), 2, "{name}");

        // The status link opens exactly its own report; anything else is not found.
        assert_eq!(s.report_by_token(&token).await.unwrap().id, r.id);
        assert_eq!(s.report_by_token(&token2).await.unwrap().id, r2.id);
        for wrong in ["", "abc", &"0".repeat(48), &token[..47]] {
            assert!(
                matches!(
                    s.report_by_token(wrong).await,
                    Err(StoreError::NotFound { .. })
                ),
                "{name}: {wrong:?}"
            );
        }

        // The PSIRT answers; its internal note never reaches the reporter.
        let later = datetime!(2026-11-21 10:00 UTC);
        s.add_report_message(
            r.id,
            "受領しました。調査します。",
            true,
            "analyst@maker.example",
            later,
        )
        .await
        .unwrap();
        s.add_report_message(
            r.id,
            "internal: looks real",
            false,
            "analyst@maker.example",
            later,
        )
        .await
        .unwrap();
        s.add_reporter_message(&token, "PoC v2 attached", later)
            .await
            .unwrap();
        let seen = s.report_by_token(&token).await.unwrap();
        let bodies: Vec<&str> = seen.messages.iter().map(|m| m.body.as_str()).collect();
        assert_eq!(
            bodies,
            ["受領しました。調査します。", "PoC v2 attached"],
            "{name}"
        );
        assert_eq!(s.report(r.id).await.unwrap().messages.len(), 3);

        // The case: aware on the day the report arrived, with the report's source.
        let case = s
            .open_case_from_report(r.id, "analyst@maker.example", later)
            .await
            .unwrap();
        assert_eq!(case.awareness, date!(2026 - 11 - 20), "{name}");
        assert_eq!(case.coordination.source, Some(ReportSource::Researcher));
        assert!(case.findings.is_empty());
        let r = s.report(r.id).await.unwrap();
        assert_eq!(r.case_id, Some(case.id));
        assert_eq!(r.status, ReportStatus::Triaging);
        assert!(
            s.open_case_from_report(r.id, "analyst@maker.example", later)
                .await
                .is_err(),
            "{name}: a report becomes one case"
        );

        let case = s
            .set_case_coordination(
                case.id,
                &Coordination {
                    source: Some(ReportSource::Jpcert),
                    embargo_until: Some(date!(2027 - 02 - 01)),
                    jvn_id: Some("JVNVU#12345678".into()),
                    vu_number: Some("JPCERT#99999999".into()),
                    agreed_publication: Some(date!(2027 - 02 - 01)),
                },
                "analyst@maker.example",
                later,
            )
            .await
            .unwrap();
        assert_eq!(case.coordination.jvn_id.as_deref(), Some("JVNVU#12345678"));
        // A visible answer on the report lands in the case's contact history too.
        s.add_report_message(
            r.id,
            "Fix planned for 1.1.",
            true,
            "analyst@maker.example",
            later,
        )
        .await
        .unwrap();
        let case = s
            .add_case_contact(
                case.id,
                &Contact {
                    id: 0,
                    party: "jpcert".into(),
                    channel: "email".into(),
                    direction: "in".into(),
                    summary: "JPCERT/CC proposes publication on 2027-02-01".into(),
                    at: String::new(),
                    recorded_by: String::new(),
                },
                "analyst@maker.example",
                later,
            )
            .await
            .unwrap();
        let parties: Vec<(&str, &str)> = case
            .contacts
            .iter()
            .map(|c| (c.party.as_str(), c.direction.as_str()))
            .collect();
        assert_eq!(parties, [("reporter", "out"), ("jpcert", "in")], "{name}");
        assert!(
            s.add_case_contact(
                case.id,
                &Contact {
                    party: "press".into(),
                    ..case.contacts[1].clone()
                },
                "analyst@maker.example",
                later,
            )
            .await
            .is_err()
        );

        let r = s
            .set_report_status(r.id, ReportStatus::Fixed, "analyst@maker.example", later)
            .await
            .unwrap();
        assert_eq!(r.status, ReportStatus::Fixed);

        let acts = actions(s).await;
        for a in [
            "report.receive",
            "report.message",
            "case.open",
            "case.coordination",
            "case.contact",
            "report.status",
        ] {
            assert!(acts.iter().any(|x| x == a), "{name}: no {a} event");
        }
        // The reporter's address and the status secret never reach the audit record.
        let mut export = Vec::new();
        s.export_audit(&mut export).await.unwrap();
        let export = String::from_utf8(export).unwrap();
        assert!(!export.contains("aiko@lab.example"), "{name}");
        assert!(!export.contains(&token), "{name}");
        assert!(s.verify_audit().await.unwrap().is_intact(), "{name}");
    }
}
