//! The server's one error type, answered as RFC 9457 problem details (`application/problem+json`).
//!
//! Client mistakes say what and where (a JSON pointer or a field name); server
//! faults are logged with the request id and answered with a bare 500, so no
//! database message or path ever reaches a client.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use mamori_model::Permission;
use mamori_store::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

/// An RFC 9457 problem document.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem (`about:blank` or `urn:mamori:problem:*`).
    #[serde(rename = "type")]
    pub kind: String,
    /// Short summary of the kind.
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    /// What went wrong this time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Where in the input (a JSON pointer, a form field, `line:column`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// Problems found in an uploaded document, each with its place.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<PlacedError>,
}

/// One problem in an uploaded document.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PlacedError {
    /// JSON pointer or `line:column`.
    pub pointer: String,
    /// What is wrong there.
    pub detail: String,
}

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// No valid session or token.
    #[error("sign in first: no valid session or API token")]
    Unauthenticated,
    /// Signed in, but the role lacks the permission.
    #[error("your role may not {}", .0.as_str())]
    Forbidden(Permission),
    /// An API token without the `write` scope tried to change something.
    #[error("this API token has no write scope")]
    ReadOnlyToken,
    /// A cookie-authenticated change without the session's CSRF token.
    #[error("missing or wrong CSRF token")]
    Csrf,
    /// Not there, or not visible to this user (the two look the same on purpose).
    #[error("{0}")]
    NotFound(String),
    /// A unique name is taken.
    #[error("{0}")]
    Conflict(String),
    /// The request is well-formed but its content is wrong.
    #[error("{detail}")]
    Invalid {
        /// What.
        detail: String,
        /// Where.
        pointer: Option<String>,
    },
    /// An uploaded document is invalid; nothing was stored.
    #[error("{detail}")]
    Document {
        /// Summary naming the file.
        detail: String,
        /// Each problem with its place.
        errors: Vec<PlacedError>,
    },
    /// The body is larger than accepted.
    #[error("the request body is larger than {0} bytes")]
    TooLarge(usize),
    /// Too many attempts.
    #[error("too many attempts: wait {0} seconds")]
    TooManyRequests(u64),
    /// A fault on our side (logged, never described to the client).
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    /// A 422 naming the field or pointer.
    pub fn invalid(detail: impl Into<String>, pointer: impl Into<String>) -> ApiError {
        ApiError::Invalid {
            detail: detail.into(),
            pointer: Some(pointer.into()),
        }
    }

    fn status(&self) -> StatusCode {
        match self {
            ApiError::Unauthenticated => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) | ApiError::ReadOnlyToken | ApiError::Csrf => {
                StatusCode::FORBIDDEN
            }
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::Invalid { .. } | ApiError::Document { .. } => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            ApiError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            ApiError::Unauthenticated => "urn:mamori:problem:unauthenticated",
            ApiError::Forbidden(_) => "urn:mamori:problem:forbidden",
            ApiError::ReadOnlyToken => "urn:mamori:problem:read-only-token",
            ApiError::Csrf => "urn:mamori:problem:csrf",
            ApiError::NotFound(_) => "urn:mamori:problem:not-found",
            ApiError::Conflict(_) => "urn:mamori:problem:conflict",
            ApiError::Invalid { .. } => "urn:mamori:problem:invalid",
            ApiError::Document { .. } => "urn:mamori:problem:invalid-document",
            ApiError::TooLarge(_) => "urn:mamori:problem:too-large",
            ApiError::TooManyRequests(_) => "urn:mamori:problem:too-many-requests",
            ApiError::Internal(_) => "about:blank",
        }
    }

    /// The problem document this error answers with.
    pub fn problem(&self) -> Problem {
        let status = self.status();
        let (detail, pointer, errors) = match self {
            ApiError::Internal(_) => (None, None, Vec::new()),
            ApiError::Invalid { detail, pointer } => {
                (Some(detail.clone()), pointer.clone(), Vec::new())
            }
            ApiError::Document { detail, errors } => (Some(detail.clone()), None, errors.clone()),
            other => (Some(other.to_string()), None, Vec::new()),
        };
        Problem {
            kind: self.kind().to_owned(),
            title: status.canonical_reason().unwrap_or("error").to_owned(),
            status: status.as_u16(),
            detail,
            pointer,
            errors,
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        match e {
            StoreError::NotFound { .. } => ApiError::NotFound(e.to_string()),
            StoreError::Conflict { .. } => ApiError::Conflict(e.to_string()),
            StoreError::Invalid(detail) => ApiError::Invalid {
                detail,
                pointer: None,
            },
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(why) = &self {
            // The request id is on the enclosing span.
            tracing::error!(error = %why, "request failed");
        }
        let status = self.status();
        let retry = match &self {
            ApiError::TooManyRequests(s) => Some(*s),
            _ => None,
        };
        let body = serde_json::to_vec(&self.problem()).unwrap_or_default();
        let mut resp = (status, body).into_response();
        resp.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let Some(s) = retry.and_then(|s| HeaderValue::from_str(&s.to_string()).ok()) {
            resp.headers_mut().insert(header::RETRY_AFTER, s);
        }
        resp
    }
}

/// Turns the framework's own plain-text rejections (a body that is not JSON, a path
/// segment that is not a number, a missing content type) into problem details, so
/// every 4xx of the API has one shape. A JSON data error names its field as a pointer.
pub async fn normalize(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let resp = next.run(req).await;
    let status = resp.status();
    let plain = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/plain"));
    if !status.is_client_error() || !plain {
        return resp;
    }
    let (parts, body) = resp.into_parts();
    let text = match axum::body::to_bytes(body, 64 * 1024).await {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(_) => String::new(),
    };
    let (detail, pointer) = split_serde_path(&text);
    let problem = Problem {
        kind: "urn:mamori:problem:bad-request".into(),
        title: status.canonical_reason().unwrap_or("error").to_owned(),
        status: status.as_u16(),
        detail: Some(detail),
        pointer,
        errors: Vec::new(),
    };
    let mut out = (
        parts.status,
        serde_json::to_vec(&problem).unwrap_or_default(),
    )
        .into_response();
    for (k, v) in parts.headers.iter() {
        if k != header::CONTENT_TYPE && k != header::CONTENT_LENGTH {
            out.headers_mut().insert(k.clone(), v.clone());
        }
    }
    out.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    out
}

/// `Failed to deserialize …: a.b[0]: invalid type …` → (`a.b[0]: invalid type …`, `/a/b/0`).
fn split_serde_path(text: &str) -> (String, Option<String>) {
    let rest = text
        .split_once("target type: ")
        .map(|(_, r)| r)
        .unwrap_or(text)
        .trim();
    let pointer = rest.split_once(": ").and_then(|(path, _)| {
        let ok = !path.is_empty()
            && path
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '[' | ']'));
        ok.then(|| {
            let mut p = String::new();
            for seg in path.replace('[', ".").replace(']', "").split('.') {
                if !seg.is_empty() {
                    p.push('/');
                    p.push_str(seg);
                }
            }
            p
        })
    });
    (rest.to_lowercase_first(), pointer)
}

trait LowerFirst {
    fn to_lowercase_first(&self) -> String;
}

impl LowerFirst for str {
    // House style: messages start in lower case (the framework's start upper-case).
    fn to_lowercase_first(&self) -> String {
        let mut c = self.chars();
        match c.next() {
            Some(f) => f.to_lowercase().chain(c).collect(),
            None => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::split_serde_path;

    #[test]
    fn serde_paths_become_pointers() {
        let cases = [
            (
                "Failed to deserialize the JSON body into the target type: awareness: invalid type",
                Some("/awareness"),
            ),
            (
                "Failed to deserialize the JSON body into the target type: analysis.state: missing",
                Some("/analysis/state"),
            ),
            (
                "Failed to deserialize the JSON body into the target type: findings[1]: invalid digit",
                Some("/findings/1"),
            ),
            (
                "Failed to parse the request body as JSON: expected value at line 1 column 1",
                None,
            ),
            ("Invalid URL: Cannot parse `abc` to a `i64`", None),
        ];
        for (text, want) in cases {
            assert_eq!(split_serde_path(text).1.as_deref(), want, "{text}");
        }
    }
}
