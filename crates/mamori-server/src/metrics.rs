//! Request counts and latencies per route, written in the Prometheus text format at `/metrics`.
//!
//! Labels are the route template (`/api/v1/products/{product}`), never the raw
//! path, so the number of series stays fixed whatever clients ask for.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::AppState;

// Upper bounds in seconds: fine below 50 ms, where the targets are.
const BUCKETS: [f64; 12] = [
    0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

#[derive(Default, Debug)]
struct Series {
    count: u64,
    sum: f64,
    buckets: [u64; BUCKETS.len()],
}

/// The registry of one server process.
#[derive(Default, Debug)]
pub struct Metrics {
    // (method, route, status) -> latency series
    series: Mutex<BTreeMap<(String, String, u16), Series>>,
}

impl Metrics {
    /// Records one request.
    pub fn observe(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let mut m = self.series.lock().unwrap_or_else(|p| p.into_inner());
        let s = m
            .entry((method.to_owned(), route.to_owned(), status))
            .or_default();
        s.count += 1;
        s.sum += seconds;
        for (i, b) in BUCKETS.iter().enumerate() {
            if seconds <= *b {
                s.buckets[i] += 1;
            }
        }
    }

    /// The text exposition, with `extra` lines (gauges from elsewhere) appended.
    pub fn render(&self, extra: &str) -> String {
        let m = self.series.lock().unwrap_or_else(|p| p.into_inner());
        let mut out = String::new();
        out.push_str("# HELP mamori_http_requests_total HTTP requests answered.\n# TYPE mamori_http_requests_total counter\n");
        for ((method, route, status), s) in m.iter() {
            let _ = writeln!(
                out,
                "mamori_http_requests_total{{method=\"{method}\",route=\"{}\",status=\"{status}\"}} {}",
                escape(route),
                s.count
            );
        }
        out.push_str("# HELP mamori_http_request_duration_seconds Time to answer.\n# TYPE mamori_http_request_duration_seconds histogram\n");
        for ((method, route, status), s) in m.iter() {
            let labels = format!(
                "method=\"{method}\",route=\"{}\",status=\"{status}\"",
                escape(route)
            );
            for (i, b) in BUCKETS.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "mamori_http_request_duration_seconds_bucket{{{labels},le=\"{b}\"}} {}",
                    s.buckets[i]
                );
            }
            let _ = writeln!(
                out,
                "mamori_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
                s.count
            );
            let _ = writeln!(
                out,
                "mamori_http_request_duration_seconds_sum{{{labels}}} {}",
                s.sum
            );
            let _ = writeln!(
                out,
                "mamori_http_request_duration_seconds_count{{{labels}}} {}",
                s.count
            );
        }
        out.push_str(extra);
        out
    }
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// Middleware recording every request under its route template.
pub async fn track(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = req.method().as_str().to_owned();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".to_owned());
    let resp = next.run(req).await;
    state.metrics.observe(
        &method,
        &route,
        resp.status().as_u16(),
        start.elapsed().as_secs_f64(),
    );
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exposition() {
        let m = Metrics::default();
        m.observe("GET", "/api/v1/products", 200, 0.003);
        m.observe("GET", "/api/v1/products", 200, 0.2);
        let text = m.render("mamori_up 1\n");
        assert!(text.contains(
            "mamori_http_requests_total{method=\"GET\",route=\"/api/v1/products\",status=\"200\"} 2"
        ));
        assert!(text.contains("le=\"0.005\"} 1\n"));
        assert!(text.contains("le=\"0.25\"} 2\n"));
        assert!(text.contains("le=\"+Inf\"} 2\n"));
        assert!(text.ends_with("mamori_up 1\n"));
    }
}
