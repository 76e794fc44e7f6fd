//! End-to-end `mamori db sync` against a local HTTP server that serves the fixtures in
//! `tests/fixtures/sync` (never the network): a first sync imports, a second is
//! incremental and imports nothing new, a failing feed leaves the others done and its
//! own state as it was, a bad archive entry is refused while the rest goes in.

use mamori_store::{Store, SyncOutcome};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

const API_KEY: &str = "nvd-key-for-tests-3f9a";
const OSV_ETAG: &str = "\"osv-archive-1\"";
const KEV_ETAG: &str = "\"kev-2024.07.01\"";
const EPSS_DATE: &str = "Mon, 01 Jul 2024 00:00:00 GMT";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sync")
}

fn fixture(rel: &str) -> Vec<u8> {
    std::fs::read(fixtures().join(rel)).unwrap()
}

/// An NVD API 2.0 page holding the fixture items byte for byte.
fn nvd_page(items: &[&str]) -> Vec<u8> {
    let raw: Vec<String> = items
        .iter()
        .map(|i| String::from_utf8(fixture(&format!("nvd/{i}.json"))).unwrap())
        .collect();
    format!(
        r#"{{"resultsPerPage":{n},"startIndex":0,"totalResults":{n},"format":"NVD_CVE","version":"2.0","timestamp":"2024-07-01T00:00:00.000","vulnerabilities":[{}]}}"#,
        raw.iter().map(|s| s.trim()).collect::<Vec<_>>().join(","),
        n = items.len()
    )
    .into_bytes()
}

/// A zip archive of every file in a fixture folder.
fn archive(dir: &str) -> Vec<u8> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(fixtures().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for p in names {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        w.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(&std::fs::read(&p).unwrap()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// One request as the server saw it (header names in lower case).
#[derive(Clone, Debug)]
struct Req {
    path: String,
    query: BTreeMap<String, String>,
    headers: BTreeMap<String, String>,
}

impl Req {
    fn header(&self, k: &str) -> &str {
        self.headers.get(k).map(String::as_str).unwrap_or("")
    }
}

/// What to answer.
struct Reply {
    status: u16,
    headers: Vec<(&'static str, &'static str)>,
    body: Vec<u8>,
}

fn reply(status: u16, headers: &[(&'static str, &'static str)], body: Vec<u8>) -> Reply {
    Reply {
        status,
        headers: headers.to_vec(),
        body,
    }
}

#[derive(Default)]
struct Feeds {
    kev_fails: Mutex<bool>,
    log: Mutex<Vec<Req>>,
}

struct Server {
    base: String,
    feeds: Arc<Feeds>,
}

impl Server {
    /// A plain HTTP/1.1 server on its own thread: one request per connection, which is
    /// all the downloaders need (answers say `Connection: close`).
    fn start() -> Server {
        let feeds = Arc::new(Feeds::default());
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let shared = feeds.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let feeds = shared.clone();
                std::thread::spawn(move || answer(&feeds, stream));
            }
        });
        Server {
            base: format!("http://{addr}"),
            feeds,
        }
    }

    fn set_kev_fails(&self, fails: bool) {
        *self.feeds.kev_fails.lock().unwrap() = fails;
    }

    /// Takes the requests seen since the last call.
    fn take(&self) -> Vec<Req> {
        std::mem::take(&mut *self.feeds.log.lock().unwrap())
    }

    fn config(&self, ecosystems: &[&str]) -> String {
        format!(
            r#"max_retries = 0
backoff_base_ms = 10
request_timeout_ms = 10000
[nvd]
url = "{b}/nvd/cves/2.0"
requests_per_window = 100
[osv]
base_url = "{b}/osv"
ecosystems = {ecosystems:?}
[kev]
url = "{b}/kev/known_exploited_vulnerabilities.json"
[epss]
url = "{b}/epss/epss_scores-current.csv.gz"
[jvn]
enabled = false
"#,
            b = self.base
        )
    }
}

/// Reads one request head, records it, writes the answer and closes.
fn answer(feeds: &Feeds, stream: TcpStream) {
    let mut reader = BufReader::new(&stream);
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let mut headers = BTreeMap::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_owned());
        }
    }
    let (path, raw_query) = target.split_once('?').unwrap_or((&target, ""));
    let query = raw_query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            let dec = |s: &str| percent_decode(&s.replace('+', " "));
            (dec(k), dec(v))
        })
        .collect();
    let req = Req {
        path: path.to_owned(),
        query,
        headers,
    };
    feeds.log.lock().unwrap().push(req.clone());
    let r = serve(feeds, &req);
    let mut head = format!(
        "HTTP/1.1 {} X\r\ncontent-length: {}\r\nconnection: close\r\n",
        r.status,
        r.body.len()
    );
    for (k, v) in &r.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let mut out = &stream;
    let _ = out.write_all(head.as_bytes());
    let _ = out.write_all(&r.body);
    let _ = out.flush();
}

fn serve(feeds: &Feeds, req: &Req) -> Reply {
    match req.path.as_str() {
        "/nvd/cves/2.0" => {
            if req.header("apikey") != API_KEY
                || req.query.get("startIndex").map(String::as_str) != Some("0")
            {
                return reply(403, &[], Vec::new());
            }
            // A window (every sync after the first) holds the one record modified since.
            let items: &[&str] = if req.query.contains_key("lastModStartDate") {
                &["CVE-2024-99002"]
            } else {
                &["CVE-2024-99001", "CVE-2024-99002"]
            };
            reply(200, &[], nvd_page(items))
        }
        "/osv/PyPI/all.zip" | "/osv/npm/all.zip" => {
            if req.header("if-none-match") == OSV_ETAG {
                return reply(304, &[], Vec::new());
            }
            let dir = if req.path.contains("PyPI") {
                "osv"
            } else {
                "osv-npm"
            };
            reply(200, &[("etag", OSV_ETAG)], archive(dir))
        }
        "/kev/known_exploited_vulnerabilities.json" => {
            if *feeds.kev_fails.lock().unwrap() {
                return reply(500, &[], b"catalog unavailable".to_vec());
            }
            if req.header("if-none-match") == KEV_ETAG {
                return reply(304, &[], Vec::new());
            }
            reply(200, &[("etag", KEV_ETAG)], fixture("kev.json"))
        }
        "/epss/epss_scores-current.csv.gz" => {
            if req.header("if-modified-since") == EPSS_DATE {
                return reply(304, &[], Vec::new());
            }
            reply(200, &[("last-modified", EPSS_DATE)], fixture("epss.csv.gz"))
        }
        _ => reply(404, &[], Vec::new()),
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A folder with the configuration and the database.
struct Env {
    dir: tempfile::TempDir,
}

struct Ran {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Env {
    fn new(config: &str) -> Env {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("mamori-sync.toml"), config).unwrap();
        Env { dir }
    }

    fn db(&self) -> String {
        format!("sqlite://{}", self.dir.path().join("mamori.db").display())
    }

    /// Runs `mamori` off the async threads, so the server keeps answering.
    async fn run(&self, args: &[&str]) -> Ran {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_mamori"));
        cmd.args(["--db", &self.db(), "--lang", "en"])
            .args(args)
            .current_dir(self.dir.path())
            .env_remove("MAMORI_SYNC_CONFIG")
            .env("NVD_API_KEY", API_KEY);
        let out = tokio::task::spawn_blocking(move || cmd.output().unwrap())
            .await
            .unwrap();
        let ran = Ran {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        };
        assert!(
            !ran.stdout.contains(API_KEY) && !ran.stderr.contains(API_KEY),
            "mamori {args:?} printed the NVD API key"
        );
        ran
    }

    async fn store(&self) -> Store {
        Store::open(&self.db()).await.unwrap()
    }

    async fn state(&self, source: &str) -> Option<Value> {
        let store = self.store().await;
        let s = store.sync_state(source).await.unwrap();
        store.close().await;
        s.map(|t| serde_json::from_str(&t).unwrap())
    }
}

/// One `db sync` run: whether KEV answers 500, the arguments, and what must come of it.
struct Step {
    what: &'static str,
    kev_fails: bool,
    args: &'static [&'static str],
    exit: i32,
    /// `--json` output; `None` when the run prints none (exit 2).
    counts: Option<Value>,
    stderr: &'static [&'static str],
    /// Latest run outcome per feed after the step.
    outcomes: &'static [(&'static str, SyncOutcome)],
}

fn counts(added: u64, updated: u64, unchanged: u64) -> Value {
    json!({"added": added, "updated": updated, "unchanged": unchanged, "rejected": 0})
}

fn steps() -> Vec<Step> {
    use SyncOutcome::{Failed, Ok};
    vec![
        Step {
            what: "first sync imports everything",
            kev_fails: false,
            args: &["db", "sync", "--json"],
            exit: 0,
            counts: Some(json!({
                "nvd": counts(2, 0, 0), "osv:PyPI": counts(2, 0, 0),
                "kev": counts(2, 0, 0), "epss": counts(3, 0, 0),
            })),
            stderr: &[],
            outcomes: &[("epss", Ok), ("kev", Ok), ("nvd", Ok), ("osv", Ok)],
        },
        Step {
            what: "second sync: NVD window, the rest not modified",
            kev_fails: false,
            args: &["db", "sync", "--json"],
            exit: 0,
            counts: Some(json!({"nvd": counts(0, 0, 1)})),
            stderr: &[],
            outcomes: &[("epss", Ok), ("kev", Ok), ("nvd", Ok), ("osv", Ok)],
        },
        Step {
            what: "KEV fails, the others are done",
            kev_fails: true,
            args: &["db", "sync", "--json"],
            exit: 1,
            counts: Some(json!({"nvd": counts(0, 0, 1)})),
            stderr: &["kev:", "http 500"],
            outcomes: &[("epss", Ok), ("kev", Failed), ("nvd", Ok), ("osv", Ok)],
        },
        Step {
            what: "only KEV, and it fails: nothing synced",
            kev_fails: true,
            args: &["db", "sync", "--source", "kev", "--json"],
            exit: 2,
            counts: None,
            stderr: &["no feed could be synced"],
            outcomes: &[("epss", Ok), ("kev", Failed), ("nvd", Ok), ("osv", Ok)],
        },
        Step {
            what: "KEV back: not modified since the last good sync",
            kev_fails: false,
            args: &["db", "sync", "--source", "kev,epss"],
            exit: 0,
            counts: None,
            stderr: &[],
            outcomes: &[("epss", Ok), ("kev", Ok), ("nvd", Ok), ("osv", Ok)],
        },
    ]
}

/// Moves the saved NVD watermark a day back, as if a day had passed since the last sync
/// (a run within the same second as the one before would have no window to ask for).
async fn age_nvd_state(env: &Env) -> Option<OffsetDateTime> {
    let mut state = env.state("nvd").await?;
    let end = nvd_time(state["nvd"]["last_mod_end"].as_str()?) - time::Duration::days(1);
    state["nvd"]["last_mod_end"] = json!(end.format(&Rfc3339).unwrap());
    let store = env.store().await;
    store
        .save_sync_state("nvd", &state.to_string(), OffsetDateTime::now_utc())
        .await
        .unwrap();
    store.close().await;
    Some(end)
}

async fn check_step(env: &Env, server: &Server, step: &Step) {
    server.set_kev_fails(step.kev_fails);
    let ran = env.run(step.args).await;
    let what = step.what;
    assert_eq!(ran.code, step.exit, "{what}: stderr {}", ran.stderr);
    if let Some(expected) = &step.counts {
        let got: Value = serde_json::from_str(&ran.stdout)
            .unwrap_or_else(|e| panic!("{what}: stdout is not json ({e}): {}", ran.stdout));
        assert_eq!(&got, expected, "{what}");
    }
    for s in step.stderr {
        assert!(
            ran.stderr.contains(s),
            "{what}: stderr lacks {s:?}: {}",
            ran.stderr
        );
    }
    let store = env.store().await;
    let latest: Vec<(String, SyncOutcome)> = store
        .latest_sync_runs()
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.run.source, r.run.outcome))
        .collect();
    store.close().await;
    let expected: Vec<(String, SyncOutcome)> = step
        .outcomes
        .iter()
        .map(|(s, o)| (s.to_string(), *o))
        .collect();
    assert_eq!(latest, expected, "{what}");
}

fn nvd_time(s: &str) -> OffsetDateTime {
    OffsetDateTime::parse(s, &Rfc3339).unwrap_or_else(|e| panic!("time {s:?}: {e}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_sync_then_incremental_then_a_failing_feed() {
    let server = Server::start();
    let env = Env::new(&server.config(&["PyPI"]));
    let steps = steps();

    // First sync: everything, unwindowed, with the key from the environment.
    check_step(&env, &server, &steps[0]).await;
    let seen = server.take();
    let nvd: Vec<&Req> = seen.iter().filter(|r| r.path.starts_with("/nvd")).collect();
    assert_eq!(nvd.len(), 1, "{seen:?}");
    assert!(!nvd[0].query.contains_key("lastModStartDate"));
    let nvd_state = env.state("nvd").await.expect("nvd state saved");
    let end = nvd_state["nvd"]["last_mod_end"]
        .as_str()
        .unwrap()
        .to_owned();
    let osv_state = env.state("osv").await.expect("osv state saved");
    assert_eq!(osv_state["osv"]["PyPI"]["etag"], OSV_ETAG);
    let kev_state = env.state("kev").await.expect("kev state saved");
    assert_eq!(kev_state["kev"]["etag"], KEV_ETAG);

    // Second sync, a day later: the NVD window starts at the watermark; validators sent back.
    let start_at = age_nvd_state(&env).await.unwrap();
    assert!(start_at < nvd_time(&end));
    check_step(&env, &server, &steps[1]).await;
    let seen = server.take();
    let nvd: Vec<&Req> = seen.iter().filter(|r| r.path.starts_with("/nvd")).collect();
    assert_eq!(nvd.len(), 1, "{seen:?}");
    let start = nvd_time(&nvd[0].query["lastModStartDate"]);
    let stop = nvd_time(&nvd[0].query["lastModEndDate"]);
    assert_eq!(start, start_at);
    assert!(start < stop);
    let by_path = |p: &str| seen.iter().find(|r| r.path == p).unwrap().clone();
    assert_eq!(
        by_path("/osv/PyPI/all.zip").header("if-none-match"),
        OSV_ETAG
    );
    assert_eq!(
        by_path("/kev/known_exploited_vulnerabilities.json").header("if-none-match"),
        KEV_ETAG
    );
    assert_eq!(
        by_path("/epss/epss_scores-current.csv.gz").header("if-modified-since"),
        EPSS_DATE
    );
    let after_second = env.state("nvd").await.unwrap();
    assert!(nvd_time(after_second["nvd"]["last_mod_end"].as_str().unwrap()) >= stop);

    // A failing feed keeps its state; the others move on.
    age_nvd_state(&env).await.unwrap();
    check_step(&env, &server, &steps[2]).await;
    assert_eq!(env.state("kev").await, Some(kev_state.clone()));
    check_step(&env, &server, &steps[3]).await;
    assert_eq!(env.state("kev").await, Some(kev_state.clone()));
    let store = env.store().await;
    let failed = store.sync_runs(Some("kev"), 1).await.unwrap();
    store.close().await;
    let err = failed[0].run.error.clone().unwrap_or_default();
    assert!(err.contains("500"), "{err}");
    server.take();

    // Back again: the validators of the last good sync still apply.
    check_step(&env, &server, &steps[4]).await;
    let seen = server.take();
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert!(seen.iter().all(|r| !r.path.starts_with("/nvd")));

    // What the store holds, counted by `db stats`.
    let stats = env.run(&["db", "stats", "--json"]).await;
    assert_eq!(stats.code, 0, "{}", stats.stderr);
    let v: Value = serde_json::from_str(&stats.stdout).unwrap();
    assert_eq!(
        v["by_source"],
        json!({"nvd": 2, "osv:PyPI": 2, "kev": 2, "epss": 3})
    );
    assert_eq!(v["vulnerabilities"], 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_archive_entry_is_refused_and_the_rest_goes_in() {
    let server = Server::start();
    let env = Env::new(&server.config(&["npm"]));
    let ran = env.run(&["db", "sync", "--source", "osv", "--json"]).await;
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    let got: Value = serde_json::from_str(&ran.stdout).unwrap();
    assert_eq!(got, json!({"osv:npm": counts(1, 0, 0)}));
    assert!(
        ran.stderr.contains("osv/npm/GHSA-xxxx-9004-broken.json"),
        "{}",
        ran.stderr
    );
    // The archive was handled as a whole: its validators are kept, the next run is a 304.
    let state = env.state("osv").await.unwrap();
    assert_eq!(state["osv"]["npm"]["etag"], OSV_ETAG);
    let store = env.store().await;
    let runs = store.sync_runs(Some("osv"), 5).await.unwrap();
    store.close().await;
    assert_eq!(runs.len(), 1);
    let r = &runs[0].run;
    assert_eq!(
        (r.outcome, r.files, r.refused, r.not_modified),
        (SyncOutcome::Problems, 1, 1, 0)
    );
}

/// Without a configuration file the error names the feeds and prints an example.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_configuration_is_explained() {
    let env = Env::new("");
    std::fs::remove_file(env.dir.path().join("mamori-sync.toml")).unwrap();
    let ran = env.run(&["db", "sync"]).await;
    assert_eq!(ran.code, 2);
    for s in [
        "mamori-sync.toml not found",
        "nvd, osv, kev, epss, jvn, csaf",
        "[nvd]",
        "MAMORI_SYNC_CONFIG",
    ] {
        assert!(ran.stderr.contains(s), "stderr lacks {s:?}: {}", ran.stderr);
    }
    assert!(
        !env.dir.path().join("mamori.db").exists(),
        "no database for a failed start"
    );
}
