//! The reports area of the route table: a researcher's report with an attachment, and who may read it, answer it or open its case.

use mamori_model::Email;
use mamori_store::{NewAttachment, NewReport, ReportSource, Store};
use serde_json::{Value, json};
use time::OffsetDateTime;

use super::super::{Route, Want, World, none};

/// A report about hospital A's product; the tenancy check looks for "Ward Gateway" in bodies.
pub(super) async fn seed(s: &Store, w: &mut World) {
    let (r, _) = s
        .submit_report(
            &NewReport {
                source: ReportSource::Researcher,
                reporter_name: "Researcher".into(),
                reporter_email: Email::new("r@lab.example").unwrap(),
                reporter_org: None,
                lang: "en".into(),
                product: "Ward Gateway".into(),
                version: Some("1.0".into()),
                title: "Overflow".into(),
                description: "Crash on a long HL7 field".into(),
                credit: None,
                attachments: vec![NewAttachment {
                    name: "poc.txt".into(),
                    media_type: "text/plain".into(),
                    content: b"poc".to_vec(),
                }],
            },
            OffsetDateTime::now_utc(),
        )
        .await
        .unwrap();
    w.paths
        .push(("/reports/{id}", format!("/reports/{}", r.id)));
    w.paths
        .push(("{attachment}", r.attachments[0].id.to_string()));
}

fn row(method: &'static str, path: &'static str, body: fn(&World) -> Option<Value>) -> Route {
    let read = method == "get";
    Route {
        method,
        path,
        body,
        hospital: Want::Refused,
        auditor: if read { Want::Ok } else { Want::Refused },
    }
}

/// Reports are the maker's: a hospital user is refused all of them, the auditor reads only.
pub(super) fn table() -> Vec<Route> {
    vec![
        row("get", "/api/v1/reports", none),
        row("get", "/api/v1/reports/{id}", none),
        row("get", "/api/v1/reports/{id}/attachments/{attachment}", none),
        row("post", "/api/v1/reports/{id}/status", |_| {
            Some(json!({"status": "triaging"}))
        }),
        row("post", "/api/v1/reports/{id}/messages", |_| {
            Some(json!({"body": "Thanks"}))
        }),
        row("post", "/api/v1/reports/{id}/case", none),
        row("put", "/api/v1/cases/{id}/coordination", |_| {
            Some(json!({"source": "jpcert", "jvn_id": "JVNVU#1"}))
        }),
        row("post", "/api/v1/cases/{id}/contacts", |_| {
            Some(
                json!({"party": "jpcert", "channel": "email", "direction": "in", "summary": "hello"}),
            )
        }),
        row("post", "/api/v1/cases/{id}/findings", |w| {
            Some(json!({"findings": [w.finding]}))
        }),
    ]
}
