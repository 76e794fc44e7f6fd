//! The console's stylesheet and script, served from the binary under content-hashed names.

use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// GET `/static/{file}`: the asset, cached for a year (its name changes with its content).
pub(crate) async fn asset(Path(file): Path<String>) -> Response {
    match mamori_console::assets::lookup(&file) {
        Some((body, content_type)) => {
            let mut resp = body.into_response();
            let h = resp.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
            h.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            );
            resp
        }
        None => (
            StatusCode::NOT_FOUND,
            [(header::CACHE_CONTROL, "no-store")],
            "no such file",
        )
            .into_response(),
    }
}
