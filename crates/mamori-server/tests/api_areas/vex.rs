//! The supplier VEX area of the route table: only roles that may triage upload and decide, read-only
//! maker roles list, hospital users get nothing.

use mamori_store::{Store, SuggestionFilter};
use serde_json::json;
use time::OffsetDateTime;

use super::super::{Route, Want, World, none};

/// A supplier's OpenVEX on the world's hl7lite finding, leaving one pending suggestion.
pub(super) async fn seed(s: &Store, w: &mut World) {
    let now = OffsetDateTime::now_utc();
    let bytes = serde_json::to_vec(&json!({
        "@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://hl7lite.example.org/vex/1",
        "author": "HL7 Lite Project", "timestamp": "2026-03-01T00:00:00Z", "version": 1,
        "statements": [{"vulnerability": {"name": "CVE-2026-10001"}, "products": [{"@id": "pkg:pypi/hl7lite@2.3.0"}],
                        "status": "affected", "action_statement": "Update hl7lite."}]
    }))
    .unwrap();
    let doc = mamori_csaf::vex_in::read_vex(&bytes).unwrap();
    let out = s
        .import_vex(&bytes, &doc, "HL7 Lite Project", None, "setup", now)
        .await
        .unwrap();
    assert_eq!(
        out.suggested, 1,
        "the seed suggestion matches the world's finding"
    );
    let id = s
        .vex_suggestions(&SuggestionFilter::default())
        .await
        .unwrap()[0]
        .id;
    w.paths
        .push(("/suggestions/{id}", format!("/suggestions/{id}")));
}

pub(super) fn table() -> Vec<Route> {
    use Want::*;
    vec![
        Route {
            method: "post",
            path: "/api/v1/vex",
            body: none,
            hospital: Refused,
            auditor: Refused,
        },
        Route {
            method: "get",
            path: "/api/v1/vex",
            body: none,
            hospital: Refused,
            auditor: Ok,
        },
        Route {
            method: "get",
            path: "/api/v1/vex/suggestions",
            body: none,
            hospital: Refused,
            auditor: Ok,
        },
        Route {
            method: "post",
            path: "/api/v1/vex/suggestions/{id}/accept",
            body: none,
            hospital: Refused,
            auditor: Refused,
        },
        Route {
            method: "post",
            path: "/api/v1/vex/suggestions/{id}/reject",
            body: |_| Some(json!({"reason": "not ours"})),
            hospital: Refused,
            auditor: Refused,
        },
    ]
}

/// An analyst uploads a supplier's CycloneDX VEX, sees the suggestion, accepts it and rejects the
/// seeded one; a malformed document is refused with its pointer, a role without triage with 403.
#[tokio::test]
async fn analyst_imports_accepts_and_rejects_supplier_vex() {
    use reqwest::StatusCode;
    use serde_json::Value;
    for (store, name, _dir) in super::super::stores().await {
        let (base, stop) = super::super::start(store.clone()).await;
        let w = super::super::world(&store, base).await;
        let (c, csrf) = super::super::sign_in(&w.base, "analyst@maker.example").await;
        let post = |path: String, body: Vec<u8>| {
            c.post(format!("{}{path}", w.base))
                .header("x-csrf-token", &csrf)
                .body(body)
        };

        let bad = br#"{"bomFormat": "CycloneDX", "vulnerabilities": [{"id": "X", "analysis": {"state": "maybe"}}]}"#;
        let r = post("/api/v1/vex?supplier=HL7%20Lite".into(), bad.to_vec())
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        let text = r.text().await.unwrap();
        assert!(
            text.contains("/vulnerabilities/0/analysis/state"),
            "{name}: {text}"
        );
        let r = post("/api/v1/vex".into(), b"{}".to_vec())
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name}: supplier required"
        );

        let cdx = serde_json::to_vec(&json!({
            "bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
            "components": [{"bom-ref": "h", "type": "library", "name": "hl7lite", "version": "2.3.0", "purl": "pkg:pypi/hl7lite@2.3.0"}],
            "vulnerabilities": [{"id": "GHSA-mmmm-0001-aaaa", "analysis": {"state": "not_affected", "justification": "code_not_reachable"}, "affects": [{"ref": "h"}]}]
        }))
        .unwrap();
        let path =
            "/api/v1/vex?supplier=HL7%20Lite%20Project&filename=hl7lite.cdx.json".to_string();
        let r = post(path.clone(), cdx.clone()).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::CREATED, "{name}");
        let out: Value = r.json().await.unwrap();
        assert_eq!(
            (&out["matched"], &out["suggested"]),
            (&json!(1), &json!(1)),
            "{name}"
        );
        let r = post(path, cdx).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{name}: the same bytes again");

        let list: Value = c
            .get(format!(
                "{}/api/v1/vex/suggestions?finding={}",
                w.base, w.finding
            ))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let list = list["suggestions"].as_array().unwrap().clone();
        assert_eq!(list.len(), 2, "{name}");
        let cdx_id = list.iter().find(|s| s["format"] == "cyclonedx").unwrap()["id"].clone();
        let seed_id = list.iter().find(|s| s["format"] == "openvex").unwrap()["id"].clone();

        let (engineer, e_csrf) = super::super::sign_in(&w.base, "engineer@maker.example").await;
        let r = engineer
            .post(format!("{}/api/v1/vex/suggestions/{cdx_id}/accept", w.base))
            .header("x-csrf-token", &e_csrf)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{name}");

        let r = post(
            format!("/api/v1/vex/suggestions/{cdx_id}/accept"),
            Vec::new(),
        )
        .send()
        .await
        .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{name}");
        let f: Value = r.json().await.unwrap();
        assert_eq!(
            (&f["state"], &f["justification"]),
            (&json!("not_affected"), &json!("code_not_reachable")),
            "{name}"
        );
        let r = post(
            format!("/api/v1/vex/suggestions/{cdx_id}/accept"),
            Vec::new(),
        )
        .send()
        .await
        .unwrap();
        assert_eq!(r.status(), StatusCode::CONFLICT, "{name}");

        let reject = |reason: &str| {
            c.post(format!(
                "{}/api/v1/vex/suggestions/{seed_id}/reject",
                w.base
            ))
            .header("x-csrf-token", &csrf)
            .json(&json!({"reason": reason}))
        };
        assert_eq!(
            reject(" ").send().await.unwrap().status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name}"
        );
        let r = reject("we accepted the CycloneDX one")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{name}");
        let s: Value = r.json().await.unwrap();
        assert_eq!(s["status"], "rejected", "{name}");
        let _ = stop.send(());
    }
}
