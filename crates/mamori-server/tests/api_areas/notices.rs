//! The notices area of the route table: hospital A's advisory notice and hospital B's end-of-support notice, and who may read or answer them.

use mamori_server::notify::Texts;
use mamori_store::{Store, Visibility};
use time::OffsetDateTime;

use super::super::{Route, Want, World, none};

fn texts() -> Texts {
    Texts {
        maker: "Maker".into(),
        public_url: "http://127.0.0.1".into(),
    }
}

/// Hospital A is noticed of the world's advisory (GW-1); hospital B of its release's coming
/// end of support, so that B has a notice of its own to list.
pub(super) async fn seed(s: &Store, w: &mut World) {
    let now = OffsetDateTime::now_utc();
    s.queue_advisory_notices(w.advisory, false, &texts(), "setup", now)
        .await
        .unwrap();
    let eos = (now + time::Duration::days(30)).date().to_string();
    sqlx::query("UPDATE releases SET end_of_support = $1 WHERE id = $2")
        .bind(eos)
        .bind(w.r2)
        .execute(s.pool())
        .await
        .unwrap();
    s.queue_eos_notices(time::Duration::days(60), &texts(), "setup", now)
        .await
        .unwrap();
    let a = s
        .notices_for(Visibility::Organization(w.a), None)
        .await
        .unwrap();
    let notice = &a[0];
    w.paths.push(("{notice}", notice.id.to_string()));
    w.paths
        .push(("{device}", notice.devices[0].device_id.to_string()));
}

fn answer(_: &World) -> Option<serde_json::Value> {
    Some(serde_json::json!({"response": "patch_applied", "note": "done"}))
}

/// Hospital B lists only its own notices; A's notice, its acknowledgement and answers, and
/// the maker's status and reminders are refused to B; the auditor reads but does not change.
pub(super) fn table() -> Vec<Route> {
    use Want::*;
    vec![
        Route {
            method: "get",
            path: "/api/v1/notices",
            body: none,
            hospital: Ok,
            auditor: Ok,
        },
        Route {
            method: "get",
            path: "/api/v1/notices/{notice}",
            body: none,
            hospital: Refused,
            auditor: Ok,
        },
        Route {
            method: "post",
            path: "/api/v1/notices/{notice}/acknowledge",
            body: none,
            hospital: Refused,
            auditor: Refused,
        },
        Route {
            method: "post",
            path: "/api/v1/notices/{notice}/devices/{device}",
            body: answer,
            hospital: Refused,
            auditor: Refused,
        },
        Route {
            method: "get",
            path: "/api/v1/advisories/{id}/notices",
            body: none,
            hospital: Refused,
            auditor: Ok,
        },
        Route {
            method: "post",
            path: "/api/v1/advisories/{id}/notices/remind",
            body: none,
            hospital: Refused,
            auditor: Refused,
        },
    ]
}
