//! The hospital portal's store on SQLite and PostgreSQL: inquiries and their threads, acknowledgement targets, attachments, disclosure revisions, and who sees what.

use crate::common;

use mamori_model::{Lifecycle, OrgKind, ProductName, ReleaseVersion};
use mamori_store::{
    AckPolicy, InquiryFile, InquiryKind, InquiryStatus, NewInquiry, Store, StoreError, Subject,
    Visibility,
};
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

struct World {
    a: i64,
    b: i64,
    r1: i64,
    r2: i64,
}

/// Hospital A runs release 1.0 (device GW-1), hospital B runs 2.0 (BM-1).
async fn world(s: &Store, now: OffsetDateTime) -> World {
    let a = s
        .add_organization("Hospital A", OrgKind::Hospital, "ja", "setup", now)
        .await
        .unwrap();
    let b = s
        .add_organization("Hospital B", OrgKind::Hospital, "en", "setup", now)
        .await
        .unwrap();
    let p = s
        .add_product(&ProductName::new("Ward Gateway").unwrap(), None, now)
        .await
        .unwrap();
    let mut ids = Vec::new();
    for v in ["1.0", "2.0"] {
        let r = s
            .add_release(
                &p,
                &ReleaseVersion::new(v).unwrap(),
                &Lifecycle::default(),
                now,
            )
            .await
            .unwrap();
        ids.push(r.id);
    }
    s.add_installed_device(a.id, ids[0], "GW-1", None, None, "setup", now)
        .await
        .unwrap();
    s.add_installed_device(b.id, ids[1], "BM-1", None, None, "setup", now)
        .await
        .unwrap();
    World {
        a: a.id,
        b: b.id,
        r1: ids[0],
        r2: ids[1],
    }
}

fn ask(org: i64, kind: InquiryKind, release: Option<i64>, files: Vec<InquiryFile>) -> NewInquiry {
    NewInquiry {
        org_id: org,
        subject: "Does CVE-2026-1 affect our gateways?".into(),
        kind,
        release_id: release,
        vuln_id: Some("CVE-2026-1".into()),
        body: "We run GW-1 on ward 3.".into(),
        attachments: files,
    }
}

fn file(name: &str, bytes: &[u8]) -> InquiryFile {
    InquiryFile {
        name: name.into(),
        media_type: "text/plain".into(),
        content: bytes.to_vec(),
    }
}

async fn actions(s: &Store, kind: &str, id: &str, now: OffsetDateTime) -> Vec<String> {
    s.events_for(&Subject::new(kind, id).unwrap(), now)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect()
}

#[tokio::test]
async fn inquiries_threads_and_acknowledgement() {
    for t in common::stores().await {
        let s = &t.store;
        let now = datetime!(2026-11-26 09:00 UTC);
        let w = world(s, now).await;
        let policy = AckPolicy::default();

        // Opening: status open, the target from the policy, the first message with its file.
        let i = s
            .create_inquiry(
                &ask(
                    w.a,
                    InquiryKind::AffectsCve,
                    Some(w.r1),
                    vec![file("../../etc/log.txt", b"hello")],
                ),
                &policy,
                "nurse@a.example",
                now,
            )
            .await
            .unwrap();
        assert_eq!(i.status, InquiryStatus::Open, "{}", t.name);
        assert_eq!(i.ack_due_at, now + Duration::hours(24));
        assert_eq!(i.org_name, "Hospital A");
        assert!(!i.overdue(now + Duration::hours(24)));
        assert!(i.overdue(now + Duration::hours(25)));

        // A later document request from B, with a longer target.
        let later = now + Duration::hours(1);
        let j = s
            .create_inquiry(
                &NewInquiry {
                    vuln_id: None,
                    subject: "Please send the MDS2".into(),
                    ..ask(w.b, InquiryKind::DocumentRequest, Some(w.r2), vec![])
                },
                &policy,
                "nurse@b.example",
                later,
            )
            .await
            .unwrap();
        assert_eq!(j.ack_due_at, later + Duration::hours(72));

        // Refusals: a release the organization does not run, empty subject or body, empty file,
        // a reply to another organization's inquiry.
        let refused: Vec<(NewInquiry, &str)> = vec![
            (
                ask(w.b, InquiryKind::Other, Some(w.r1), vec![]),
                "not found",
            ),
            (
                NewInquiry {
                    subject: " ".into(),
                    ..ask(w.a, InquiryKind::Other, None, vec![])
                },
                "subject",
            ),
            (
                NewInquiry {
                    body: "".into(),
                    ..ask(w.a, InquiryKind::Other, None, vec![])
                },
                "message",
            ),
            (
                ask(w.a, InquiryKind::Other, None, vec![file("x", b"")]),
                "is empty",
            ),
            (
                NewInquiry {
                    vuln_id: Some("CVE 1".into()),
                    ..ask(w.a, InquiryKind::Other, None, vec![])
                },
                "not a vulnerability id",
            ),
        ];
        for (new, want) in refused {
            let e = s
                .create_inquiry(&new, &policy, "x@y.example", now)
                .await
                .unwrap_err();
            assert!(e.to_string().contains(want), "{}: {e}", t.name);
        }

        // Tenancy: each hospital sees its own; the maker's queue has A (sooner target) first.
        let mine: Vec<i64> = s
            .inquiries(Visibility::Organization(w.a))
            .await
            .unwrap()
            .iter()
            .map(|i| i.id)
            .collect();
        assert_eq!(mine, vec![i.id]);
        let queue: Vec<i64> = s
            .inquiries(Visibility::All)
            .await
            .unwrap()
            .iter()
            .map(|i| i.id)
            .collect();
        assert_eq!(queue, vec![i.id, j.id]);
        for e in [
            s.inquiry(i.id, Visibility::Organization(w.b))
                .await
                .unwrap_err(),
            s.inquiry_messages(i.id, Visibility::Organization(w.b))
                .await
                .unwrap_err(),
            s.reply_inquiry(
                i.id,
                Visibility::Organization(w.b),
                "hi",
                &[],
                "nurse@b.example",
                now,
            )
            .await
            .unwrap_err(),
            s.inquiry_attachment(i.id, 1, Visibility::Organization(w.b))
                .await
                .unwrap_err(),
        ] {
            assert!(matches!(e, StoreError::NotFound { .. }), "{}: {e}", t.name);
        }

        // The PSIRT replies with a file: answered, acknowledged by the reply; the hospital sees
        // the thread without the PSIRT author's name.
        let at = now + Duration::hours(2);
        let m = s
            .reply_inquiry(
                i.id,
                Visibility::All,
                "Not affected: the parser is not built in.",
                &[file("vex.json", b"{}")],
                "analyst@maker.example",
                at,
            )
            .await
            .unwrap();
        assert!(m.from_psirt);
        let i2 = s.inquiry(i.id, Visibility::All).await.unwrap();
        assert_eq!(i2.status, InquiryStatus::Answered);
        assert_eq!(i2.acknowledged_at, Some(at));
        let thread = s
            .inquiry_messages(i.id, Visibility::Organization(w.a))
            .await
            .unwrap();
        assert_eq!(thread.len(), 2, "{}", t.name);
        assert_eq!(thread[0].author, "nurse@a.example");
        assert_eq!(thread[0].attachments[0].name, "log.txt");
        assert_eq!(
            thread[0].attachments[0].sha256,
            "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
        );
        assert_eq!(thread[1].author, "");
        let (meta, bytes) = s
            .inquiry_attachment(
                i.id,
                thread[1].attachments[0].id,
                Visibility::Organization(w.a),
            )
            .await
            .unwrap();
        assert_eq!(
            (meta.name.as_str(), meta.size, bytes),
            ("vex.json", 2, b"{}".to_vec())
        );

        // The hospital answers back (open again), then closes; replies to a closed one are refused.
        s.reply_inquiry(
            i.id,
            Visibility::Organization(w.a),
            "Thanks, and 2.0?",
            &[],
            "nurse@a.example",
            at,
        )
        .await
        .unwrap();
        assert_eq!(
            s.inquiry(i.id, Visibility::All).await.unwrap().status,
            InquiryStatus::Open
        );
        let closed = s
            .close_inquiry(i.id, Visibility::Organization(w.a), "nurse@a.example", at)
            .await
            .unwrap();
        assert_eq!(closed.status, InquiryStatus::Closed);
        let e = s
            .reply_inquiry(
                i.id,
                Visibility::All,
                "late",
                &[],
                "analyst@maker.example",
                at,
            )
            .await
            .unwrap_err();
        assert!(e.to_string().contains("closed"), "{e}");

        // Acknowledging without replying; twice is once.
        let ack = now + Duration::hours(80);
        let j2 = s
            .acknowledge_inquiry(j.id, "analyst@maker.example", ack)
            .await
            .unwrap();
        assert_eq!(j2.acknowledged_at, Some(ack));
        s.acknowledge_inquiry(j.id, "analyst@maker.example", ack + Duration::hours(1))
            .await
            .unwrap();
        let end = now + Duration::days(10);
        assert_eq!(
            actions(s, "inquiry", &i.id.to_string(), end).await,
            [
                "inquiry.create",
                "inquiry.reply",
                "inquiry.reply",
                "inquiry.close"
            ],
            "{}",
            t.name
        );
        assert_eq!(
            actions(s, "inquiry", &j.id.to_string(), end).await,
            ["inquiry.create", "inquiry.acknowledge"]
        );
        assert!(s.verify_audit().await.unwrap().is_intact());
    }
}

#[tokio::test]
async fn disclosure_revisions_and_who_sees_them() {
    for t in common::stores().await {
        let s = &t.store;
        let now = datetime!(2026-11-26 09:00 UTC);
        let w = world(s, now).await;
        let a = Visibility::Organization(w.a);
        let b = Visibility::Organization(w.b);

        let r1 = s
            .save_disclosure(
                w.r1,
                "mds2",
                r#"{"MPII-1":{"answer":"yes","note":""}}"#,
                "first",
                "eng@maker.example",
                now,
            )
            .await
            .unwrap();
        assert_eq!(r1.number, 1, "{}", t.name);
        // Not approved yet: the maker sees it, hospital A does not.
        assert_eq!(
            s.disclosure_for(w.r1, "mds2", Visibility::All, false)
                .await
                .unwrap()
                .number,
            1
        );
        assert!(s.disclosure_for(w.r1, "mds2", a, false).await.is_err());
        s.approve_disclosure(w.r1, "mds2", 1, "reg@maker.example", now)
            .await
            .unwrap();
        let e = s
            .approve_disclosure(w.r1, "mds2", 1, "reg@maker.example", now)
            .await
            .unwrap_err();
        assert!(e.to_string().contains("already approved"), "{e}");
        let r2 = s
            .save_disclosure(
                w.r1,
                "mds2",
                r#"{"MPII-1":{"answer":"no","note":"removed"}}"#,
                "second",
                "eng@maker.example",
                now,
            )
            .await
            .unwrap();
        assert_eq!(r2.number, 2);

        // A sees revision 1 (the latest approved), without maker staff names; B sees nothing.
        let seen = s.disclosure_for(w.r1, "mds2", a, false).await.unwrap();
        assert_eq!(seen.number, 1);
        assert!(seen.answers.contains("\"yes\""));
        assert_eq!(
            (seen.created_by.as_str(), seen.approved_by.as_deref()),
            ("", Some(""))
        );
        assert!(matches!(
            s.disclosure_for(w.r1, "mds2", b, false).await.unwrap_err(),
            StoreError::NotFound { .. }
        ));
        assert_eq!(s.disclosures_for(a).await.unwrap().len(), 1);
        assert!(s.disclosures_for(b).await.unwrap().is_empty());

        // Approving revision 2 moves A to it; sharing with B lets B read it too.
        s.approve_disclosure(w.r1, "mds2", 2, "reg@maker.example", now)
            .await
            .unwrap();
        assert_eq!(
            s.disclosure_for(w.r1, "mds2", a, false)
                .await
                .unwrap()
                .number,
            2
        );
        s.share_disclosure(w.r1, "mds2", w.b, "reg@maker.example", now)
            .await
            .unwrap();
        s.share_disclosure(w.r1, "mds2", w.b, "reg@maker.example", now)
            .await
            .unwrap();
        assert_eq!(
            s.disclosure_for(w.r1, "mds2", b, false)
                .await
                .unwrap()
                .number,
            2
        );
        // The share is for that form only.
        s.save_disclosure(w.r1, "mds-sds", "{}", "", "eng@maker.example", now)
            .await
            .unwrap();
        s.approve_disclosure(w.r1, "mds-sds", 1, "reg@maker.example", now)
            .await
            .unwrap();
        assert!(s.disclosure_for(w.r1, "mds-sds", b, false).await.is_err());
        assert_eq!(s.disclosures_for(a).await.unwrap().len(), 2);
        assert_eq!(s.disclosures_for(b).await.unwrap().len(), 1);

        let revs = s.disclosure_revisions(w.r1, "mds2").await.unwrap();
        assert_eq!(
            revs.iter()
                .map(|r| (r.number, r.comment.as_str(), r.approved_at.is_some()))
                .collect::<Vec<_>>(),
            vec![(1, "first", true), (2, "second", true)]
        );
        for (release, form, answers, want) in [
            (w.r1, "MDS2", "{}", "not a form id"),
            (w.r1, "mds2", "[]", "JSON object"),
            (w.r1, "mds2", "{", "not JSON"),
            (9999, "mds2", "{}", "not found"),
        ] {
            let e = s
                .save_disclosure(release, form, answers, "", "eng@maker.example", now)
                .await
                .unwrap_err();
            assert!(e.to_string().contains(want), "{form} {answers}: {e}");
        }
        assert_eq!(
            actions(s, "disclosure", &format!("{}/mds2", w.r1), now).await,
            [
                "disclosure.save",
                "disclosure.approve",
                "disclosure.save",
                "disclosure.approve",
                "disclosure.share"
            ],
            "{}",
            t.name
        );
        assert!(s.verify_audit().await.unwrap().is_intact());
    }
}
