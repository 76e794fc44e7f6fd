//! The REST API over a real server and database: every route tried as each role and as another hospital's user.
//!
//! The route table below must list every path and method of the OpenAPI
//! document (the test fails on one it does not know), so a new route cannot
//! ship without its tenancy and role expectations.

#[path = "api_areas/mod.rs"]
mod areas;
use crate::common;

use std::collections::BTreeSet;

use mamori_model::{Email, Lifecycle, OrgKind, ProductName, ReleaseVersion, Role};
use mamori_store::{NewUser, Store};
use reqwest::{Client, Method, StatusCode};
use serde_json::{Value, json};
use time::OffsetDateTime;

const PASSWORD: &str = "correct horse battery";

async fn stores() -> Vec<(Store, &'static str, Option<tempfile::TempDir>)> {
    common::stores("API").await
}

#[allow(
    dead_code,
    reason = "organization and release ids are read by the areas' seeds"
)]
struct World {
    base: String,
    maker: i64,
    a: i64,
    b: i64,
    p1: i64,
    r1: i64,
    r2: i64,
    finding: i64,
    case: i64,
    admin_token_id: i64,
    advisory: i64,
    /// Path parts an area adds for its own routes, e.g. `("/devices/{id}", "/devices/7")`.
    paths: Vec<(&'static str, String)>,
}

async fn start(store: Store) -> (String, tokio::sync::oneshot::Sender<()>) {
    common::start(store, |_| mamori_server::ServerConfig {
        sign_in_per_minute: 1000,
        ..Default::default()
    })
    .await
}

async fn user(s: &Store, email: &str, org: i64, role: Role) {
    s.add_user(
        &NewUser {
            email: Email::new(email).unwrap(),
            display_name: email.into(),
            password: PASSWORD.into(),
            org_id: org,
            role,
            lang: "en".into(),
        },
        "setup",
        OffsetDateTime::now_utc(),
    )
    .await
    .unwrap();
}

/// The maker with a product whose release runs at hospital A and has a finding; hospital
/// B runs another product. Users of every role.
async fn world(s: &Store, base: String) -> World {
    let now = OffsetDateTime::now_utc();
    let maker = s
        .add_organization("Maker", OrgKind::Maker, "ja", "setup", now)
        .await
        .unwrap();
    let a = s
        .add_organization("Hospital A", OrgKind::Hospital, "ja", "setup", now)
        .await
        .unwrap();
    let b = s
        .add_organization("Hospital B", OrgKind::Hospital, "en", "setup", now)
        .await
        .unwrap();
    for (email, role) in [
        ("admin@maker.example", Role::Admin),
        ("analyst@maker.example", Role::Analyst),
        ("engineer@maker.example", Role::Engineer),
        ("regulatory@maker.example", Role::Regulatory),
        ("auditor@maker.example", Role::Auditor),
    ] {
        user(s, email, maker.id, role).await;
    }
    user(s, "nurse@a.example", a.id, Role::Hospital).await;
    user(s, "nurse@b.example", b.id, Role::Hospital).await;

    let (p1, r1) = common::ward_gateway(s, now).await;
    let p2 = s
        .add_product(&ProductName::new("Bedside Monitor").unwrap(), None, now)
        .await
        .unwrap();
    let r2 = s
        .add_release(
            &p2,
            &ReleaseVersion::new("3.0").unwrap(),
            &Lifecycle::default(),
            now,
        )
        .await
        .unwrap();
    s.add_installed_device(a.id, r1.id, "GW-1", None, None, "setup", now)
        .await
        .unwrap();
    s.add_installed_device(b.id, r2.id, "BM-1", None, None, "setup", now)
        .await
        .unwrap();

    let findings = s.findings(&Default::default()).await.unwrap();
    assert_eq!(
        findings.len(),
        1,
        "the fixture SBOM has one vulnerable component"
    );
    let case = s
        .open_case(
            &mamori_store::NewCase {
                title: "HL7 overflow".into(),
                findings: vec![findings[0].id],
                awareness: now.date(),
                harm: "none".into(),
                harm_occurred: false,
                expected: false,
                unanticipated: false,
                public_health_threat: false,
                safety: None,
                correction_initiated: None,
            },
            "setup",
            now,
        )
        .await
        .unwrap();
    let admin = s
        .users(mamori_store::Visibility::All)
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.role == Role::Admin)
        .unwrap();
    let (_, tok) = s
        .create_api_token(
            admin.id,
            "ops",
            &["read"],
            now + time::Duration::days(1),
            "setup",
            now,
        )
        .await
        .unwrap();
    // A published advisory on hospital A's release.
    let advisory =
        common::published_advisory(s, r1.id, mamori_store::AdvisoryStatus::Interim, now).await;
    let mut w = World {
        base,
        maker: maker.id,
        a: a.id,
        b: b.id,
        p1: p1.id,
        r1: r1.id,
        r2: r2.id,
        finding: findings[0].id,
        case: case.id,
        admin_token_id: tok.id,
        advisory: advisory.id,
        paths: Vec::new(),
    };
    // Each area of the API seeds what its own routes need (files in `api_areas/`).
    areas::seed(s, &mut w).await;
    w
}

/// A signed-in client and its CSRF token.
async fn sign_in(base: &str, email: &str) -> (Client, String) {
    let c = Client::builder().cookie_store(true).build().unwrap();
    let r = c
        .post(format!("{base}/api/v1/session"))
        .json(&json!({"email": email, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{email} signs in");
    let me: Value = r.json().await.unwrap();
    (c, me["csrf_token"].as_str().unwrap().to_owned())
}

/// What a caller of a role should get from a route.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Want {
    /// 2xx.
    Ok,
    /// 403 or 404, and nothing of the maker's data in the body.
    Refused,
}

struct Route {
    method: &'static str,
    path: &'static str,
    body: fn(&World) -> Option<Value>,
    hospital: Want,
    auditor: Want,
}

fn none(_: &World) -> Option<Value> {
    None
}

// The route table: path templates as in the OpenAPI document. `hospital` is what the
// other hospital's user gets (every maker resource here belongs to hospital A or the
// maker), `auditor` what a read-only maker user gets.
fn table() -> Vec<Route> {
    use Want::*;
    let mut routes = areas::table();
    routes.extend(vec![
        Route {
            method: "get",
            path: "/api/v1/me",
            body: none,
            hospital: Ok,
            auditor: Ok,
        },
        Route {
            method: "get",
            path: "/api/v1/products",
            body: none,
            hospital: Ok,
            auditor: Ok,
        },
        Route {
            method: "post",
            path: "/api/v1/products",
            body: |_| Some(json!({"name": "New product"})),
            hospital: Refused,
            auditor: Refused,
        },
        Route {
            method: "get",
            path: "/api/v1/products/{product}",
            body: none,
            hospital: Refused,
            auditor: Ok,
        },
        Route {
            method: "get",
            path: "/api/v1/products/{product}/releases",
            body: none,
            hospital: Refused,
            auditor: Ok,
        },
        Route {
            method: "post",
            path: "/api/v1/products/{product}/releases",
            body: |_| Some(json!({"version": "9.9"})),
            hospital: Refused,
            auditor: Refused,
        },
        Route {
            method: "get",
            path: "/api/v1/releases/{id}",
            body: none,
            hospital: Refused,
            auditor: Ok,
        },
        Route {
            method: "get",
            path: "/api/v1/releases/{id}/sbom",
            body: none,
            hospital: Refused,
            auditor: Ok,
        },
        Route {
            method: "post",
            path: "/api/v1/releases/{id}/sbom",
            body: none,
            hospital: Refused,
            auditor: Refused,
        },
        Route {
            method: "post",
            path: "/api/v1/releases/{id}/sbom/approve",
            body: none,
            hospital: Refused,
            auditor: Refused,
        },
        Route {
            method: "get",
            path: "/api/v1/findings",
            body: none,
            hospital: Refused,
            auditor: Ok,
        },
        Route {
            method: "get",
            path: "/api/v1/findings/{id}",
            body: none,
            hospital: Refused,
            auditor: Ok,
        },
        Route {
            method: "put",
            path: "/api/v1/findings/{id}/analysis",
            body: |_| Some(json!({"state": "exploitable"})),
            hospital: Refused,
            auditor: Refused,
        },
        Route {
            method: "get",
            path: "/api/v1/rules",
            body: none,
            hospital: Refused,
            auditor: Ok,
        },
        Route {
            method: "post",
            path: "/api/v1/rules",
            body: |_| {
                Some(
                    json!({"component": "pkg:pypi/hl7lite", "vulnerability": "CVE-2026-10001", "analysis": {"state": "not_affected", "justification": "code_not_reachable"}, "reason": "parser unused"}),
                )
            },
            hospital: Refused,
            auditor: Refused,
        },
        Route {
            method: "get",
            path: "/api/v1/affected/{id}",
            body: none,
            hospital: Refused,
            auditor: Ok,
        },
        Route {
            method: "get",
            path: "/api/v1/cases",
            body: none,
            hospital: Refused,
            auditor: Ok,
        },
        Route {
            method: "post",
            path: "/api/v1/cases",
            body: |w| {
                Some(
                    json!({"title": "t", "findings": [w.finding], "awareness": "2026-11-01", "harm": "none"}),
                )
            },
            hospital: Refused,
            auditor: Refused,
        },
        Route {
            method: "get",
            path: "/api/v1/cases/{id}",
            body: none,
            hospital: Refused,
            auditor: Ok,
        },
        Route {
            method: "post",
            path: "/api/v1/cases/{id}/decisions",
            body: |_| {
                Some(
                    json!({"jurisdiction": "jp", "obligation": "x", "report_required": false, "reason": "r"}),
                )
            },
            hospital: Refused,
            auditor: Refused,
        },
        Route {
            method: "get",
            path: "/api/v1/audit",
            body: none,
            hospital: Refused,
            auditor: Ok,
        },
        Route {
            method: "get",
            path: "/api/v1/audit/verify",
            body: none,
            hospital: Refused,
            auditor: Ok,
        },
        Route {
            method: "get",
            path: "/api/v1/organizations",
            body: none,
            hospital: Ok,
            auditor: Ok,
        },
        Route {
            method: "post",
            path: "/api/v1/organizations",
            body: |_| Some(json!({"name": "Clinic C", "kind": "hospital"})),
            hospital: Refused,
            auditor: Refused,
        },
        Route {
            method: "get",
            path: "/api/v1/users",
            body: none,
            hospital: Refused,
            auditor: Refused,
        },
        Route {
            method: "post",
            path: "/api/v1/users",
            body: |_| {
                Some(
                    json!({"email": "x@a.example", "display_name": "x", "password": PASSWORD, "org_id": 2, "role": "hospital"}),
                )
            },
            hospital: Refused,
            auditor: Refused,
        },
        Route {
            method: "patch",
            path: "/api/v1/users/{id}",
            body: |_| Some(json!({"disabled": true})),
            hospital: Refused,
            auditor: Refused,
        },
        Route {
            method: "get",
            path: "/api/v1/tokens",
            body: none,
            hospital: Ok,
            auditor: Ok,
        },
        Route {
            method: "post",
            path: "/api/v1/tokens",
            body: |_| Some(json!({"name": "mine", "scopes": ["read"]})),
            hospital: Ok,
            auditor: Ok,
        },
        Route {
            method: "delete",
            path: "/api/v1/tokens/{id}",
            body: none,
            hospital: Refused,
            auditor: Refused,
        },
        Route {
            method: "get",
            path: "/api/v1/devices",
            body: none,
            hospital: Ok,
            auditor: Ok,
        },
        Route {
            method: "post",
            path: "/api/v1/devices",
            body: |w| Some(json!({"org_id": 3, "release_id": w.r1, "serial": "NEW-1"})),
            hospital: Refused,
            auditor: Refused,
        },
        Route {
            method: "get",
            path: "/api/v1/feeds",
            body: none,
            hospital: Refused,
            auditor: Ok,
        },
        Route {
            method: "get",
            path: "/api/v1/jobs",
            body: none,
            hospital: Refused,
            auditor: Refused,
        },
        Route {
            method: "post",
            path: "/api/v1/jobs",
            body: |w| Some(json!({"kind": "reevaluate", "payload": {"release_id": w.r1}})),
            hospital: Refused,
            auditor: Refused,
        },
        Route {
            method: "post",
            path: "/api/v1/jobs/{id}/retry",
            body: none,
            hospital: Refused,
            auditor: Refused,
        },
        Route {
            method: "put",
            path: "/api/v1/findings/{id}/assignee",
            body: |_| Some(json!({"assignee": "x"})),
            hospital: Refused,
            auditor: Refused,
        },
        Route {
            method: "post",
            path: "/api/v1/findings/{id}/comments",
            body: |_| Some(json!({"body": "x"})),
            hospital: Refused,
            auditor: Refused,
        },
        Route {
            method: "put",
            path: "/api/v1/findings/{id}/safety",
            body: |_| Some(json!({"risk": "controlled", "hazard": "x"})),
            hospital: Refused,
            auditor: Refused,
        },
        Route {
            method: "put",
            path: "/api/v1/findings/{id}/rubric",
            body: |_| Some(json!({"answers": {}})),
            hospital: Refused,
            auditor: Refused,
        },
        Route {
            method: "put",
            path: "/api/v1/releases/{id}/environment",
            body: |_| Some(json!({"metrics": "CR:H"})),
            hospital: Refused,
            auditor: Refused,
        },
        Route {
            method: "get",
            path: "/api/v1/advisories",
            body: none,
            hospital: Ok,
            auditor: Ok,
        },
        Route {
            method: "post",
            path: "/api/v1/advisories",
            body: |w| {
                Some(
                    json!({"title_en": "t", "title_ja": "t", "tlp": "CLEAR", "releases": [w.r1], "vulnerabilities": ["CVE-2026-10001"]}),
                )
            },
            hospital: Refused,
            auditor: Refused,
        },
        Route {
            method: "get",
            path: "/api/v1/advisories/{id}",
            body: none,
            hospital: Refused,
            auditor: Ok,
        },
        Route {
            method: "patch",
            path: "/api/v1/advisories/{id}",
            body: |_| Some(json!({"title_en": "x"})),
            hospital: Refused,
            auditor: Refused,
        },
        Route {
            method: "post",
            path: "/api/v1/advisories/{id}/publish",
            body: |_| Some(json!({"status": "final", "summary": "x"})),
            hospital: Refused,
            auditor: Refused,
        },
        Route {
            method: "get",
            path: "/api/v1/advisories/{id}/shares",
            body: none,
            hospital: Refused,
            auditor: Ok,
        },
        Route {
            method: "post",
            path: "/api/v1/advisories/{id}/shares",
            body: |_| Some(json!({"organization": "Hospital B"})),
            hospital: Refused,
            auditor: Refused,
        },
        Route {
            method: "delete",
            path: "/api/v1/advisories/{id}/shares/{organization}",
            body: none,
            hospital: Refused,
            auditor: Refused,
        },
        Route {
            method: "get",
            path: "/api/v1/advisories/{id}/csaf",
            body: none,
            hospital: Refused,
            auditor: Ok,
        },
        Route {
            method: "get",
            path: "/api/v1/advisories/{id}/openvex",
            body: none,
            hospital: Refused,
            auditor: Ok,
        },
        Route {
            method: "get",
            path: "/api/v1/advisories/{id}/cyclonedx",
            body: none,
            hospital: Refused,
            auditor: Ok,
        },
        Route {
            method: "get",
            path: "/api/v1/advisories/{id}/html",
            body: none,
            hospital: Refused,
            auditor: Ok,
        },
        Route {
            method: "get",
            path: "/api/v1/advisories/{id}/pdf",
            body: none,
            hospital: Refused,
            auditor: Ok,
        },
        // Signing out is allowed to anyone signed in; it is tried last for each user.
        Route {
            method: "delete",
            path: "/api/v1/session",
            body: none,
            hospital: Ok,
            auditor: Ok,
        },
        Route {
            method: "post",
            path: "/api/v1/session",
            body: |_| Some(json!({"email": "nobody@x.example", "password": "wrong password!"})),
            hospital: Refused,
            auditor: Refused,
        },
    ]);
    routes
}

fn url(w: &World, path: &str) -> String {
    let p = path
        .replace("{product}", &w.p1.to_string())
        .replace("/releases/{id}", &format!("/releases/{}", w.r1))
        .replace("/findings/{id}", &format!("/findings/{}", w.finding))
        .replace("/cases/{id}", &format!("/cases/{}", w.case))
        .replace("/affected/{id}", "/affected/CVE-2026-10001")
        .replace("/advisories/{id}", &format!("/advisories/{}", w.advisory))
        .replace("{organization}", "Hospital%20B")
        .replace("/users/{id}", "/users/2")
        .replace("/jobs/{id}", "/jobs/1")
        .replace("/jobs/{id}", "/jobs/1")
        .replace("/tokens/{id}", &format!("/tokens/{}", w.admin_token_id));
    let p = w
        .paths
        .iter()
        .fold(p, |p, (template, actual)| p.replace(template, actual));
    format!("{}{p}", w.base)
}

async fn call(c: &Client, csrf: &str, w: &World, r: &Route) -> (StatusCode, String) {
    let method = Method::from_bytes(r.method.to_uppercase().as_bytes()).unwrap();
    let mut req = c
        .request(method, url(w, r.path))
        .header("x-csrf-token", csrf);
    if let Some(b) = (r.body)(w) {
        req = req.json(&b);
    } else if r.path.ends_with("/sbom") && r.method == "post" {
        req = req.body(std::fs::read(common::monitor_fixtures().join("fw-1.1.cdx.json")).unwrap());
    }
    let resp = req.send().await.unwrap();
    (resp.status(), resp.text().await.unwrap())
}

#[tokio::test]
async fn every_route_as_another_hospital_and_as_a_read_only_role() {
    for (store, name, _dir) in stores().await {
        let (base, stop) = start(store.clone()).await;
        let w = world(&store, base).await;

        // The table covers exactly the routes the OpenAPI document describes.
        let doc: Value = reqwest::get(format!("{}/api/openapi.json", w.base))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let documented: BTreeSet<(String, String)> = doc["paths"]
            .as_object()
            .unwrap()
            .iter()
            .flat_map(|(p, ops)| {
                ops.as_object()
                    .unwrap()
                    .keys()
                    .map(move |m| (m.clone(), p.clone()))
            })
            .collect();
        let tabled: BTreeSet<(String, String)> = table()
            .iter()
            .map(|r| (r.method.to_owned(), r.path.to_owned()))
            .collect();
        assert_eq!(
            documented, tabled,
            "{name}: the route table and the OpenAPI document differ"
        );

        for (email, col) in [
            ("nurse@b.example", "hospital"),
            ("auditor@maker.example", "auditor"),
        ] {
            let (c, csrf) = sign_in(&w.base, email).await;
            for r in table() {
                let want = if col == "hospital" {
                    r.hospital
                } else {
                    r.auditor
                };
                let (status, body) = call(&c, &csrf, &w, &r).await;
                match want {
                    Want::Ok => assert!(
                        status.is_success(),
                        "{name}: {email} {} {} gave {status}: {body}",
                        r.method,
                        r.path
                    ),
                    Want::Refused => {
                        assert!(
                            matches!(status.as_u16(), 401 | 403 | 404),
                            "{name}: {email} {} {} gave {status}: {body}",
                            r.method,
                            r.path
                        );
                    }
                }
                if col == "hospital" {
                    for secret in [
                        "Ward Gateway",
                        "hl7lite",
                        "CVE-2026-10001",
                        "GW-1",
                        "Hospital A",
                    ] {
                        assert!(
                            !body.contains(secret),
                            "{name}: {email} {} {} leaked {secret:?}: {body}",
                            r.method,
                            r.path
                        );
                    }
                }
            }
        }

        // Hospital A's user sees its own product, release and SBOM, and no findings.
        let (c, _) = sign_in(&w.base, "nurse@a.example").await;
        let products: Value = c
            .get(format!("{}/api/v1/products", w.base))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(products["products"].as_array().unwrap().len(), 1, "{name}");
        assert_eq!(products["products"][0]["name"], "Ward Gateway");
        let sbom = c
            .get(format!(
                "{}/api/v1/releases/{}/sbom?format=spdx",
                w.base, w.r1
            ))
            .send()
            .await
            .unwrap();
        assert_eq!(sbom.status(), StatusCode::OK, "{name}");
        assert!(sbom.text().await.unwrap().contains("hl7lite"));
        let f = c
            .get(format!("{}/api/v1/findings", w.base))
            .send()
            .await
            .unwrap();
        assert_eq!(f.status(), StatusCode::FORBIDDEN, "{name}");

        let _ = stop.send(());
    }
}

#[tokio::test]
async fn analyst_journey_with_problem_details_paging_etags_and_tokens() {
    for (store, name, _dir) in stores().await {
        let (base, stop) = start(store.clone()).await;
        let w = world(&store, base).await;
        let (c, csrf) = sign_in(&w.base, "analyst@maker.example").await;

        // A change without the CSRF header is refused; with it, it goes through.
        let no_csrf = c
            .put(format!("{}/api/v1/findings/{}/analysis", w.base, w.finding))
            .json(&json!({"state": "exploitable"}))
            .send()
            .await
            .unwrap();
        assert_eq!(no_csrf.status(), StatusCode::FORBIDDEN, "{name}");
        let bad = c
            .put(format!("{}/api/v1/findings/{}/analysis", w.base, w.finding))
            .header("x-csrf-token", &csrf)
            .json(&json!({"state": "not_affected"}))
            .send()
            .await
            .unwrap();
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        assert_eq!(bad.headers()["content-type"], "application/problem+json");
        let problem: Value = bad.json().await.unwrap();
        assert_eq!(problem["pointer"], "/justification", "{name}: {problem}");
        let ok: Value = c
            .put(format!("{}/api/v1/findings/{}/analysis", w.base, w.finding))
            .header("x-csrf-token", &csrf)
            .json(&json!({"state": "not_affected", "justification": "code_not_reachable", "detail": "HL7 parser is disabled", "detail_ja": "HL7 パーサは無効です"}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(ok["state"], "not_affected", "{name}");
        assert_eq!(ok["detail"], "HL7 parser is disabled", "{name}");
        assert_eq!(ok["detail_ja"], "HL7 パーサは無効です", "{name}");
        let one: Value = c
            .get(format!("{}/api/v1/findings/{}", w.base, w.finding))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(
            one["history"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["action"] == "finding.state" && e["actor"] == "analyst@maker.example"),
            "{name}: {one}"
        );

        // The rest of the analysis: assignee, a comment, safety, environmental re-scoring.
        let put = |path: String, body: Value| {
            c.put(format!("{}{path}", w.base))
                .header("x-csrf-token", &csrf)
                .json(&body)
                .send()
        };
        put(
            format!("/api/v1/findings/{}/assignee", w.finding),
            json!({"assignee": "analyst@maker.example"}),
        )
        .await
        .unwrap();
        let commented = c
            .post(format!("{}/api/v1/findings/{}/comments", w.base, w.finding))
            .header("x-csrf-token", &csrf)
            .json(&json!({"body": "HL7 受信は院内 VLAN のみ"}))
            .send()
            .await
            .unwrap();
        assert_eq!(commented.status(), StatusCode::CREATED, "{name}");
        let bad_safety = put(
            format!("/api/v1/findings/{}/safety", w.finding),
            json!({"risk": "fine", "hazard": "x"}),
        )
        .await
        .unwrap();
        assert_eq!(bad_safety.status(), StatusCode::UNPROCESSABLE_ENTITY);
        put(format!("/api/v1/findings/{}/safety", w.finding), json!({"risk": "controlled", "hazard": "a crafted HL7 message could stop infusion alarms", "controls": ["network segmentation"]})).await.unwrap();
        let env = put(
            format!("/api/v1/releases/{}/environment", w.r1),
            json!({"metrics": "CR:L/IR:L/AR:L"}),
        )
        .await
        .unwrap();
        assert_eq!(env.status(), StatusCode::NO_CONTENT, "{name}");
        let bad_env = put(
            format!("/api/v1/releases/{}/environment", w.r1),
            json!({"metrics": "CR:Q"}),
        )
        .await
        .unwrap();
        assert_eq!(bad_env.status(), StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        let bad_rubric = put(
            format!("/api/v1/findings/{}/rubric", w.finding),
            json!({"answers": {"no-such-question": "yes"}}),
        )
        .await
        .unwrap();
        assert_eq!(
            bad_rubric.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name}"
        );
        let one: Value = c
            .get(format!("{}/api/v1/findings/{}", w.base, w.finding))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let a = &one["assessment"];
        assert_eq!(a["assignee"], "analyst@maker.example", "{name}: {a}");
        assert_eq!(a["comments"][0]["body"], "HL7 受信は院内 VLAN のみ");
        assert_eq!(a["comments"][0]["author"], "analyst@maker.example");
        assert_eq!(a["safety"]["risk"], "controlled");
        assert_eq!(a["safety"]["controls"][0], "network segmentation");
        // 9.8 base with low confidentiality, integrity and availability requirements.
        let rescored = a["environmental"]["rescored"]["score"].as_f64().unwrap();
        assert!(rescored < 9.8, "{name}: {a}");

        // "Which releases are affected" names every release on each page and pages its
        // findings; walked one at a time they are the store's whole answer.
        let open = store
            .findings(&mamori_store::FindingFilter::default())
            .await
            .unwrap();
        let vuln = open[0].detail["vulnerability_id"]
            .as_str()
            .unwrap()
            .to_owned();
        let (_, whole) = store.affected(&vuln).await.unwrap();
        assert!(!whole.is_empty(), "{name}");
        let mut seen = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let mut u = format!("{}/api/v1/affected/{vuln}?limit=1", w.base);
            if let Some(c) = &cursor {
                u.push_str(&format!("&cursor={c}"));
            }
            let page: Value = c.get(u).send().await.unwrap().json().await.unwrap();
            let mut releases: Vec<String> = whole
                .iter()
                .map(|f| format!("{}@{}", f.product, f.release))
                .collect();
            releases.sort();
            releases.dedup();
            assert_eq!(page["releases"], json!(releases), "{name}: {page}");
            assert!(page["findings"].as_array().unwrap().len() <= 1, "{name}");
            seen.extend(
                page["findings"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|f| f["id"].as_i64().unwrap()),
            );
            match page["next"].as_str() {
                Some(n) => cursor = Some(n.to_owned()),
                None => break,
            }
        }
        let mut want: Vec<i64> = whole.iter().map(|f| f.id).collect();
        want.sort_unstable();
        assert_eq!(seen, want, "{name}");
        let bad_cursor = c
            .get(format!(
                "{}/api/v1/affected/CVE-2026-10001?cursor=zz",
                w.base
            ))
            .send()
            .await
            .unwrap();
        assert_eq!(bad_cursor.status(), StatusCode::UNPROCESSABLE_ENTITY);

        // An invalid SBOM is refused with its places; nothing is stored.
        let bad_sbom = c
            .post(format!("{}/api/v1/releases/{}/sbom?filename=bad.cdx.json", w.base, w.r1))
            .header("x-csrf-token", &csrf)
            .body(r#"{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"library","name":"a","bom-ref":"x"},{"type":"library","name":"b","bom-ref":"x"}]}"#)
            .send()
            .await
            .unwrap();
        assert_eq!(
            bad_sbom.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name}"
        );
        let p: Value = bad_sbom.json().await.unwrap();
        assert!(
            p["detail"].as_str().unwrap().starts_with("bad.cdx.json:"),
            "{p}"
        );
        assert!(
            p["errors"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["pointer"].as_str().unwrap().starts_with("/components/1")),
            "{p}"
        );
        let good: Value = c
            .post(format!(
                "{}/api/v1/releases/{}/sbom?filename=fw-1.2.cdx.json",
                w.base, w.r1
            ))
            .header("x-csrf-token", &csrf)
            .body(std::fs::read(common::monitor_fixtures().join("fw-1.2.cdx.json")).unwrap())
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(good["sbom"]["version"], 2, "{name}: {good}");

        // Paging walks every finding once; a cursor this server did not give is a 422.
        let mut seen = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let mut u = format!("{}/api/v1/findings?include_resolved=true&limit=1", w.base);
            if let Some(c) = &cursor {
                u.push_str(&format!("&cursor={c}"));
            }
            let page: Value = c.get(u).send().await.unwrap().json().await.unwrap();
            seen.extend(
                page["findings"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|f| f["id"].as_i64().unwrap()),
            );
            match page["next"].as_str() {
                Some(n) => cursor = Some(n.to_owned()),
                None => break,
            }
        }
        let all = store
            .findings(&mamori_store::FindingFilter {
                include_resolved: true,
                ..Default::default()
            })
            .await
            .unwrap();
        let mut want: Vec<i64> = all.iter().map(|f| f.id).collect();
        want.sort_unstable();
        let mut got = seen.clone();
        got.sort_unstable();
        assert_eq!(got, want, "{name}");
        let bad_cursor = c
            .get(format!("{}/api/v1/findings?cursor=zz", w.base))
            .send()
            .await
            .unwrap();
        assert_eq!(bad_cursor.status(), StatusCode::UNPROCESSABLE_ENTITY);

        // ETags: the same list again is a 304.
        let first = c
            .get(format!("{}/api/v1/products", w.base))
            .send()
            .await
            .unwrap();
        let tag = first.headers()["etag"].to_str().unwrap().to_owned();
        let again = c
            .get(format!("{}/api/v1/products", w.base))
            .header("if-none-match", &tag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{name}");

        // A read token reads and cannot write; a revoked token cannot read.
        let created: Value = c
            .post(format!("{}/api/v1/tokens", w.base))
            .header("x-csrf-token", &csrf)
            .json(&json!({"name": "ci", "scopes": ["read"], "days": 7}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let secret = created["secret"].as_str().unwrap();
        let plain = Client::new();
        let read = plain
            .get(format!("{}/api/v1/findings", w.base))
            .bearer_auth(secret)
            .send()
            .await
            .unwrap();
        assert_eq!(read.status(), StatusCode::OK, "{name}");
        let write = plain
            .put(format!("{}/api/v1/findings/{}/analysis", w.base, w.finding))
            .bearer_auth(secret)
            .json(&json!({"state": "exploitable"}))
            .send()
            .await
            .unwrap();
        assert_eq!(write.status(), StatusCode::FORBIDDEN, "{name}");
        let id = created["token"]["id"].as_i64().unwrap();
        c.delete(format!("{}/api/v1/tokens/{id}", w.base))
            .header("x-csrf-token", &csrf)
            .send()
            .await
            .unwrap();
        let after = plain
            .get(format!("{}/api/v1/findings", w.base))
            .bearer_auth(secret)
            .send()
            .await
            .unwrap();
        assert_eq!(after.status(), StatusCode::UNAUTHORIZED, "{name}");

        // Asking twice for the same re-match while it waits queues one job, which the
        // administrator sees.
        let ask = || {
            c.post(format!("{}/api/v1/jobs", w.base))
                .header("x-csrf-token", &csrf)
                .json(&json!({"kind": "reevaluate", "payload": {"release_id": w.r1}}))
                .send()
        };
        let j1: Value = ask().await.unwrap().json().await.unwrap();
        let j2: Value = ask().await.unwrap().json().await.unwrap();
        assert_eq!(j1["id"], j2["id"], "{name}: {j1} {j2}");
        assert_eq!(j1["status"], "queued");
        let (admin, _) = sign_in(&w.base, "admin@maker.example").await;
        let jobs: Value = admin
            .get(format!("{}/api/v1/jobs?status=queued", w.base))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(jobs["counts"]["queued"], 1, "{name}: {jobs}");
        assert_eq!(jobs["jobs"][0]["kind"], "reevaluate");

        // Signed out, the cookie no longer works.
        c.delete(format!("{}/api/v1/session", w.base))
            .header("x-csrf-token", &csrf)
            .send()
            .await
            .unwrap();
        assert_eq!(
            c.get(format!("{}/api/v1/me", w.base))
                .send()
                .await
                .unwrap()
                .status(),
            StatusCode::UNAUTHORIZED
        );

        // Health, readiness, metrics.
        for p in ["/healthz", "/readyz"] {
            assert_eq!(
                plain
                    .get(format!("{}{p}", w.base))
                    .send()
                    .await
                    .unwrap()
                    .status(),
                StatusCode::OK
            );
        }
        let metrics = plain
            .get(format!("{}/metrics", w.base))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            metrics.contains("route=\"/api/v1/findings/{id}/analysis\""),
            "{metrics}"
        );
        let _ = stop.send(());
    }
}

#[tokio::test]
async fn sign_in_is_rate_limited_per_address() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&format!("sqlite://{}", dir.path().join("rl.db").display()))
        .await
        .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let config = mamori_server::ServerConfig {
        sign_in_per_minute: 3,
        ..Default::default()
    };
    let state = mamori_server::AppState::new(store, config);
    tokio::spawn(mamori_server::serve(
        listener,
        state,
        std::future::pending(),
    ));
    let c = Client::new();
    let mut statuses = Vec::new();
    for _ in 0..5 {
        let r = c
            .post(format!("{base}/api/v1/session"))
            .json(&json!({"email": "x@y.example", "password": "wrong password!"}))
            .send()
            .await
            .unwrap();
        statuses.push(r.status().as_u16());
        if r.status() == StatusCode::TOO_MANY_REQUESTS {
            assert!(r.headers().contains_key("retry-after"));
        }
    }
    assert_eq!(statuses, [401, 401, 401, 429, 429]);
}
