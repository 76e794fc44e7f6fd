//! The REST API under `/api/v1`: one module per area, each handler annotated so the OpenAPI document is built from it.
//!
//! Conventions: JSON in and out; lists that can grow are cursor-paginated
//! (`?cursor=…&limit=…`, the response's `next` is the next page's cursor);
//! errors are problem details; every change names the signed-in user in the
//! audit record. What a user may see is decided by the store query
//! (`Visibility`), what they may do by their role (`Principal::require`).

use axum::http::HeaderMap;
use time::OffsetDateTime;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::AppState;

pub mod admin;
pub mod advisories;
pub mod assess;
pub mod audit;
pub mod cases;
pub mod findings;
pub mod installed;
pub mod jobs;
pub mod notices;
pub mod portal;
pub mod portfolio;
pub mod readable;
pub mod reports;
pub mod session;
pub mod vex;

/// The document's fixed parts; paths and schemas come from the handlers.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Mamori API",
        description = "Medical-device PSIRT: products, SBOMs, findings, triage, cases, advisories. 医療機器 PSIRT の API。",
        license(name = "Apache-2.0", identifier = "Apache-2.0")
    ),
    tags(
        (name = "session", description = "Sign-in and the signed-in user"),
        (name = "portfolio", description = "Products, releases and their SBOMs"),
        (name = "findings", description = "Findings, their analyses, triage rules, impact questions"),
        (name = "cases", description = "Regulatory cases and their clocks"),
        (name = "advisories", description = "Advisories published as CSAF 2.0, OpenVEX and CycloneDX VEX"),
        (name = "notices", description = "Notices to hospitals: acknowledgements, per-device answers, reminders"),
        (name = "reports", description = "Vulnerability reports from researchers, hospitals, suppliers and JPCERT/CC, and their coordination"),
        (name = "audit", description = "The tamper-evident record"),
        (name = "admin", description = "Organizations, users, tokens, installed devices, feeds"),
        (name = "installed", description = "The installed base (hospitals, sites, devices, patches) and impact at a glance"),
        (name = "portal", description = "Hospital inquiries and disclosure documents (MDS2, MDS/SDS)"),
    ),
    modifiers(&Security)
)]
struct ApiDoc;

struct Security;

impl utoipa::Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{
            ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme,
        };
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("mamori_…")
                    .build(),
            ),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(
                crate::auth::SESSION_COOKIE,
            ))),
        );
    }
}

/// Every API route with its OpenAPI description.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(session::routes())
        .merge(portfolio::routes())
        .merge(findings::routes())
        .merge(cases::routes())
        .merge(audit::routes())
        .merge(admin::routes())
        .merge(jobs::routes())
        .merge(assess::routes())
        .merge(advisories::routes())
        .merge(readable::routes())
        .merge(reports::routes())
        .merge(portal::routes())
        .merge(notices::routes())
        .merge(installed::routes())
        .merge(vex::routes())
}

/// The present moment: the one place the API reads the clock.
pub(crate) fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

/// A weak ETag over a response body, and whether the request already holds it.
pub(crate) fn etag(headers: &HeaderMap, body: &[u8]) -> (String, bool) {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    body.hash(&mut h);
    let tag = format!("W/\"{:016x}\"", h.finish());
    let fresh = headers
        .get(axum::http::header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == tag));
    (tag, fresh)
}

/// A JSON response with an ETag; `304 Not Modified` when the client's copy is current.
pub(crate) fn json_etag(
    headers: &HeaderMap,
    value: &impl serde::Serialize,
) -> axum::response::Response {
    use axum::http::{HeaderValue, StatusCode, header};
    use axum::response::IntoResponse;
    let body = serde_json::to_vec(value).unwrap_or_default();
    let (tag, fresh) = etag(headers, &body);
    let mut resp = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, "application/json")], body).into_response()
    };
    if let Ok(v) = HeaderValue::from_str(&tag) {
        resp.headers_mut().insert(header::ETAG, v);
    }
    resp.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    resp
}

/// ISO 8601 calendar dates (`2026-11-26`) in request and response bodies.
pub(crate) mod date {
    use serde::{Deserialize, Deserializer, Serializer};
    use time::Date;

    const FORMAT: &[time::format_description::BorrowedFormatItem<'static>] =
        time::macros::format_description!("[year]-[month]-[day]");

    fn parse<E: serde::de::Error>(s: &str) -> Result<Date, E> {
        Date::parse(s, FORMAT)
            .map_err(|_| E::custom(format!("{s:?} is not a date: use YYYY-MM-DD")))
    }

    /// Serde for `Date`.
    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        parse(&String::deserialize(d)?)
    }

    /// Serde for `Option<Date>`.
    pub(crate) mod option {
        use super::*;

        /// Serde for `Option<Date>`.
        pub(crate) fn serialize<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
            match d {
                Some(d) => s.serialize_str(&d.to_string()),
                None => s.serialize_none(),
            }
        }

        /// Serde for `Option<Date>`.
        pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Option<Date>, D::Error> {
            Option::<String>::deserialize(d)?
                .map(|s| parse(&s))
                .transpose()
        }
    }
}
