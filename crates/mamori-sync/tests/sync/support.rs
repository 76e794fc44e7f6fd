//! A scripted local HTTP server for the downloader tests: each test supplies a responder
//! closure, the server records every request it saw.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, Response, Uri};
use mamori_sync::SyncConfig;

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Req {
    pub path: String,
    pub raw_query: String,
    pub query: BTreeMap<String, String>,
    pub headers: HeaderMap,
}

impl Req {
    pub fn q(&self, key: &str) -> &str {
        self.query.get(key).map(String::as_str).unwrap_or("")
    }
    pub fn header(&self, key: &str) -> &str {
        self.headers
            .get(key)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

/// What to answer.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
    pub delay: Duration,
}

impl Reply {
    pub fn ok(body: impl Into<Vec<u8>>) -> Self {
        Reply {
            status: 200,
            headers: Vec::new(),
            body: body.into(),
            delay: Duration::ZERO,
        }
    }
    pub fn status(status: u16) -> Self {
        Reply {
            status,
            headers: Vec::new(),
            body: Vec::new(),
            delay: Duration::ZERO,
        }
    }
    pub fn header(mut self, k: &'static str, v: impl Into<String>) -> Self {
        self.headers.push((k, v.into()));
        self
    }
    pub fn delayed(mut self, d: Duration) -> Self {
        self.delay = d;
        self
    }
}

type Responder = Arc<dyn Fn(&Req, usize) -> Reply + Send + Sync>;

#[derive(Clone)]
struct Shared {
    responder: Responder,
    log: Arc<Mutex<Vec<Req>>>,
}

/// A running server: its base URL and the requests it has seen.
pub struct Server {
    pub base: String,
    log: Arc<Mutex<Vec<Req>>>,
}

impl Server {
    /// Starts a server on 127.0.0.1:0. The responder gets the request and how many
    /// requests to the same path came before it.
    pub async fn start(responder: impl Fn(&Req, usize) -> Reply + Send + Sync + 'static) -> Server {
        let shared = Shared {
            responder: Arc::new(responder),
            log: Arc::default(),
        };
        let log = shared.log.clone();
        let app = Router::new().fallback(handle).with_state(shared);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Server {
            base: format!("http://{addr}"),
            log,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn requests(&self) -> Vec<Req> {
        self.log.lock().unwrap().clone()
    }

    pub fn paths(&self) -> Vec<String> {
        self.requests().into_iter().map(|r| r.path).collect()
    }
}

async fn handle(State(shared): State<Shared>, uri: Uri, headers: HeaderMap) -> Response<Body> {
    let raw_query = uri.query().unwrap_or("").to_owned();
    let query = url_pairs(&raw_query);
    let req = Req {
        path: uri.path().to_owned(),
        raw_query,
        query,
        headers,
    };
    let seen = {
        let mut log = shared.log.lock().unwrap();
        let seen = log.iter().filter(|r| r.path == req.path).count();
        log.push(req.clone());
        seen
    };
    let reply = (shared.responder)(&req, seen);
    if !reply.delay.is_zero() {
        tokio::time::sleep(reply.delay).await;
    }
    let mut builder = Response::builder().status(reply.status);
    for (k, v) in reply.headers {
        builder = builder.header(k, v);
    }
    builder.body(Body::from(reply.body)).unwrap()
}

fn url_pairs(q: &str) -> BTreeMap<String, String> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            let dec = |s: &str| {
                percent_encoding::percent_decode_str(&s.replace('+', " "))
                    .decode_utf8_lossy()
                    .into_owned()
            };
            (dec(k), dec(v))
        })
        .collect()
}

/// A configuration pointing every source at the test server, with short timeouts,
/// quick retries and no practical NVD rate limit.
pub fn config(server: &Server) -> SyncConfig {
    let mut c = SyncConfig {
        request_timeout_ms: 5_000,
        connect_timeout_ms: 2_000,
        max_retries: 1,
        backoff_base_ms: 10,
        max_retry_wait_secs: 5,
        ..SyncConfig::default()
    };
    c.nvd.url = server.url("/nvd/cves/2.0");
    c.nvd.requests_per_window = Some(1000);
    c.osv.base_url = server.url("/osv");
    c.kev.url = server.url("/kev/known_exploited_vulnerabilities.json");
    c.epss.url = server.url("/epss/epss_scores-current.csv.gz");
    c.jvn.url = server.url("/myjvn");
    c
}

/// Every test runs inside this bound.
pub async fn bounded<T>(f: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(30), f)
        .await
        .expect("test took longer than 30 s")
}
