//! The installed-base and impact area of the route table: hospital B imports and adds its own devices and sites, never reads or changes hospital A's, and impact answers are the maker's.

use mamori_store::{Store, Visibility};
use serde_json::json;
use time::OffsetDateTime;

use super::super::{Route, Want, World, none};

/// A site for hospital A (that B must not see), and the path parts: A's device GW-1,
/// a vulnerability id and a component version.
pub(super) async fn seed(s: &Store, w: &mut World) {
    let now = OffsetDateTime::now_utc();
    s.add_site(w.a, "Hospital A North Wing", None, "setup", now)
        .await
        .unwrap();
    let gw1 = s
        .devices_for(Visibility::Organization(w.a), false)
        .await
        .unwrap()
        .into_iter()
        .find(|d| d.serial == "GW-1")
        .unwrap();
    w.paths.push((
        "/installed/devices/{id}",
        format!("/installed/devices/{}", gw1.id),
    ));
    w.paths.push((
        "/vulnerabilities/{id}",
        "/vulnerabilities/CVE-2026-10001".into(),
    ));
    w.paths.push((
        "/impact/components",
        "/impact/components?name=hl7lite&version=1.1.0".into(),
    ));
}

/// Hospital B writes and reads its own share only; the auditor reads everything and changes nothing.
pub(super) fn table() -> Vec<Route> {
    use Want::*;
    vec![
        Route {
            method: "post",
            path: "/api/v1/installed/import",
            body: |_| {
                Some(
                    json!({"csv": "serial,product,release,site\nBM-2,Bedside Monitor,3.0,B Main\n"}),
                )
            },
            hospital: Ok,
            auditor: Refused,
        },
        Route {
            method: "get",
            path: "/api/v1/installed/devices",
            body: none,
            hospital: Ok,
            auditor: Ok,
        },
        Route {
            method: "post",
            path: "/api/v1/installed/devices",
            body: |w| {
                Some(
                    json!({"release_id": w.r2, "serial": "BM-3", "network_exposure": "clinical-lan"}),
                )
            },
            hospital: Ok,
            auditor: Refused,
        },
        Route {
            method: "get",
            path: "/api/v1/installed/devices/{id}",
            body: none,
            hospital: Refused,
            auditor: Ok,
        },
        Route {
            method: "put",
            path: "/api/v1/installed/devices/{id}",
            body: |_| Some(json!({"location": "elsewhere"})),
            hospital: Refused,
            auditor: Refused,
        },
        Route {
            method: "post",
            path: "/api/v1/installed/devices/{id}/patch",
            body: |w| Some(json!({"release_id": w.r1})),
            hospital: Refused,
            auditor: Refused,
        },
        Route {
            method: "post",
            path: "/api/v1/installed/devices/{id}/decommission",
            body: |_| Some(json!({})),
            hospital: Refused,
            auditor: Refused,
        },
        Route {
            method: "get",
            path: "/api/v1/installed/sites",
            body: none,
            hospital: Ok,
            auditor: Ok,
        },
        Route {
            method: "post",
            path: "/api/v1/installed/sites",
            body: |_| Some(json!({"name": "B Annex"})),
            hospital: Ok,
            auditor: Refused,
        },
        Route {
            method: "get",
            path: "/api/v1/impact/vulnerabilities/{id}",
            body: none,
            hospital: Refused,
            auditor: Ok,
        },
        Route {
            method: "get",
            path: "/api/v1/impact/advisories/{id}",
            body: none,
            hospital: Refused,
            auditor: Ok,
        },
        Route {
            method: "get",
            path: "/api/v1/impact/components",
            body: none,
            hospital: Refused,
            auditor: Ok,
        },
    ]
}
