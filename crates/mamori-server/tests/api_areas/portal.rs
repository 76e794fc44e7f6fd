//! Tenancy rows of the portal: inquiries (hospital A's, with a file and a PSIRT reply) and the disclosure documents of release r1 (an approved MDS2).

use mamori_store::{AckPolicy, InquiryFile, InquiryKind, NewInquiry, Store, Visibility};
use serde_json::json;
use time::OffsetDateTime;

use super::super::{Route, Want, World, none};

pub(super) async fn seed(s: &Store, w: &mut World) {
    let now = OffsetDateTime::now_utc();
    let i = s
        .create_inquiry(
            &NewInquiry {
                org_id: w.a,
                subject: "Does CVE-2026-10001 affect GW-1 at Hospital A?".into(),
                kind: InquiryKind::AffectsCve,
                release_id: Some(w.r1),
                vuln_id: Some("CVE-2026-10001".into()),
                body: "Our GW-1 runs on ward 3 of Hospital A.".into(),
                attachments: vec![InquiryFile {
                    name: "gw-1-config.txt".into(),
                    media_type: "text/plain".into(),
                    content: b"GW-1 Hospital A".to_vec(),
                }],
            },
            &AckPolicy::default(),
            "nurse@a.example",
            now,
        )
        .await
        .unwrap();
    s.reply_inquiry(
        i.id,
        Visibility::All,
        "Hospital A: GW-1 is affected; see the advisory.",
        &[],
        "analyst@maker.example",
        now,
    )
    .await
    .unwrap();
    let file = s.inquiry_messages(i.id, Visibility::All).await.unwrap()[0].attachments[0].id;
    s.save_disclosure(
        w.r1,
        "mds2",
        r#"{"MPII-1":{"answer":"yes","note":"Ward Gateway shows patient ids"}}"#,
        "first",
        "engineer@maker.example",
        now,
    )
    .await
    .unwrap();
    s.approve_disclosure(w.r1, "mds2", 1, "regulatory@maker.example", now)
        .await
        .unwrap();
    w.paths
        .push(("/inquiries/{inquiry}", format!("/inquiries/{}", i.id)));
    w.paths
        .push(("/attachments/{attachment}", format!("/attachments/{file}")));
    w.paths
        .push(("/disclosures/{form}", "/disclosures/mds2".into()));
    w.paths
        .push(("/disclosure-forms/{form}", "/disclosure-forms/mds2".into()));
    w.paths.push(("/revisions/{number}", "/revisions/1".into()));
}

pub(super) fn table() -> Vec<Route> {
    use Want::*;
    let row =
        |method, path, body: fn(&World) -> Option<serde_json::Value>, hospital, auditor| Route {
            method,
            path,
            body,
            hospital,
            auditor,
        };
    vec![
        row("get", "/api/v1/inquiries", none, Ok, Ok),
        // Hospital B opens its own; a read-only maker user may not open one for anybody.
        row(
            "post",
            "/api/v1/inquiries",
            |w| {
                Some(
                    json!({"subject": "Please send the MDS2", "kind": "document-request", "body": "For BM-1.", "organization": w.b}),
                )
            },
            Ok,
            Refused,
        ),
        row("get", "/api/v1/inquiries/{inquiry}", none, Refused, Ok),
        row(
            "post",
            "/api/v1/inquiries/{inquiry}/messages",
            |_| Some(json!({"body": "hello"})),
            Refused,
            Refused,
        ),
        row(
            "get",
            "/api/v1/inquiries/{inquiry}/attachments/{attachment}",
            none,
            Refused,
            Ok,
        ),
        row(
            "post",
            "/api/v1/inquiries/{inquiry}/acknowledge",
            none,
            Refused,
            Refused,
        ),
        row(
            "post",
            "/api/v1/inquiries/{inquiry}/close",
            none,
            Refused,
            Refused,
        ),
        row("get", "/api/v1/disclosure-forms", none, Ok, Ok),
        row("get", "/api/v1/disclosure-forms/{form}", none, Ok, Ok),
        row("get", "/api/v1/disclosures", none, Ok, Ok),
        row(
            "get",
            "/api/v1/releases/{id}/disclosures/{form}",
            none,
            Refused,
            Ok,
        ),
        row(
            "put",
            "/api/v1/releases/{id}/disclosures/{form}",
            |_| Some(json!({"answers": {"MPII-1": {"answer": "no"}}})),
            Refused,
            Refused,
        ),
        row(
            "get",
            "/api/v1/releases/{id}/disclosures/{form}/revisions",
            none,
            Refused,
            Ok,
        ),
        row(
            "post",
            "/api/v1/releases/{id}/disclosures/{form}/revisions/{number}/approve",
            none,
            Refused,
            Refused,
        ),
        row(
            "post",
            "/api/v1/releases/{id}/disclosures/{form}/shares",
            |w| Some(json!({"organization": w.b})),
            Refused,
            Refused,
        ),
    ]
}
