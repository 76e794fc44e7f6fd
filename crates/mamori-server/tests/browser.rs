//! The console in a real browser: starts the server, loads advisories matching a real SBOM
//! from `../shared/data`, then runs `tests/browser/console.spec.mjs` (playwright-core driving
//! Debian's Chromium) through node. Needs `node`, `/usr/bin/chromium` (or `$CHROMIUM`) and the
//! npm package `playwright-core` (in `target/browser-deps/node_modules`, or `$NODE_PATH`); when
//! one is missing the test says so and passes, unless `CI` is set, when it fails.

#[path = "browser/world.rs"]
mod world;

use std::path::{Path, PathBuf};
use std::process::Command;

use mamori_model::{OrgKind, Role};
use mamori_store::FindingFilter;
use world::{PASSWORD, World, now};

const ENGINEER: &str = "engineer@maker.example";
const ANALYST: &str = "analyst@maker.example";
const HOSPITAL: &str = "nurse@other-hospital.example";

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What the browser run needs, or why it cannot run here.
struct Tools {
    chromium: PathBuf,
    playwright: PathBuf,
}

fn tools() -> Result<Tools, String> {
    let node = Command::new("node").arg("--version").output();
    if !node.is_ok_and(|o| o.status.success()) {
        return Err("node is not installed".into());
    }
    let chromium = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if !chromium.exists() {
        return Err(format!(
            "{} is missing (apt-get install chromium)",
            chromium.display()
        ));
    }
    let mut dirs: Vec<PathBuf> = std::env::var_os("NODE_PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    dirs.push(manifest().join("../../target/browser-deps/node_modules"));
    let playwright = dirs
        .into_iter()
        .map(|d| d.join("playwright-core"))
        .find(|d| d.join("package.json").exists())
        .ok_or("the npm package playwright-core is missing (npm install playwright-core in target/browser-deps)")?;
    Ok(Tools {
        chromium,
        playwright,
    })
}

/// The crates.io advisories cargo-audit found for the SBOM's lockfile, loaded as OSV records.
async fn load_advisories(w: &World, data: &Path) -> usize {
    let audit: serde_json::Value = serde_json::from_slice(
        &std::fs::read(data.join("sboms-real/nushell-0.44.0.cargo-audit.json"))
            .expect("cargo-audit report"),
    )
    .expect("cargo-audit JSON");
    let mut loaded = 0;
    for v in audit["vulnerabilities"]["list"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let Some(id) = v["advisory"]["id"].as_str() else {
            continue;
        };
        let file = data.join(format!("advisories/rustsec-osv/crates/{id}.json"));
        let Ok(bytes) = std::fs::read(&file) else {
            continue;
        };
        w.store
            .import_feed_file(&format!("{id}.json"), &bytes, None, now())
            .await
            .expect("advisory imports");
        loaded += 1;
    }
    loaded
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn console_in_chromium() {
    let data = manifest().join("../../../shared/data");
    if !data.exists() {
        eprintln!("skipping the browser test: {} is absent", data.display());
        return;
    }
    let tools = match tools() {
        Ok(t) => t,
        Err(why) if std::env::var_os("CI").is_some() => {
            panic!("the browser test cannot run: {why}")
        }
        Err(why) => {
            eprintln!("skipping the browser test: {why}");
            return;
        }
    };
    let w = World::start().await;
    w.user(ENGINEER, Role::Engineer, w.maker, "en").await;
    w.user(ANALYST, Role::Analyst, w.maker, "en").await;
    let other = w.org("Other Hospital", OrgKind::Hospital).await;
    w.user(HOSPITAL, Role::Hospital, other, "en").await;
    assert!(
        load_advisories(&w, &data).await > 10,
        "advisories for the SBOM's crates"
    );

    let screenshots = manifest().join("../../target/screenshots");
    let script = manifest().join("tests/browser/console.spec.mjs");
    let sbom = data.join("sboms-real/nushell-0.44.0.cdxgen.cdx.json");
    // Earlier runs' pictures must not stand in for this run's.
    let _ = std::fs::remove_dir_all(&screenshots);
    let mut cmd = Command::new("node");
    cmd.arg(&script)
        .env("MAMORI_URL", &w.base)
        .env("MAMORI_PASSWORD", PASSWORD)
        .env("ENGINEER_EMAIL", ENGINEER)
        .env("ANALYST_EMAIL", ANALYST)
        .env("HOSPITAL_EMAIL", HOSPITAL)
        .env("SBOM_PATH", &sbom)
        .env("SCREENSHOTS", &screenshots)
        .env("CHROMIUM", &tools.chromium)
        .env("PLAYWRIGHT_CORE", &tools.playwright);
    // The server answers on this runtime's threads while node runs on a blocking one.
    let out = tokio::task::spawn_blocking(move || cmd.output())
        .await
        .expect("join")
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the browser journey failed:\n{stdout}\n{stderr}"
    );
    // What the browser did is in the store: the triaged finding, and the hospital saw nothing.
    let id: i64 = stdout
        .lines()
        .find_map(|l| l.strip_prefix("triaged "))
        .and_then(|s| s.trim().parse().ok())
        .expect("the script names the finding it triaged");
    let f = w.store.finding(id).await.expect("finding");
    assert_eq!(
        (f.state.as_str(), f.response.as_deref()),
        ("exploitable", Some("update"))
    );
    assert_eq!(f.state_by.as_deref(), Some(ANALYST));
    assert!(
        !w.store
            .findings(&FindingFilter::default())
            .await
            .unwrap()
            .is_empty()
    );
    for name in [
        "01-release",
        "04-findings",
        "05-finding",
        "07-hospital-devices",
    ] {
        assert!(
            screenshots.join(format!("{name}.png")).exists(),
            "screenshot {name}"
        );
    }
    eprintln!("screenshots in {}", screenshots.display());
    w.stop().await;
}
