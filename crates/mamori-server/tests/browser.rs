//! The console in a real browser: starts the server, loads advisories matching a real SBOM
//! from `../shared/data`, then runs `tests/browser/console.spec.mjs` (playwright-core driving
//! Debian's Chromium) through node. Needs `node`, `/usr/bin/chromium` (or `$CHROMIUM`) and the
//! npm package `playwright-core` (in `target/browser-deps/node_modules`, or `$NODE_PATH`); when
//! one is missing the test says so and passes, unless `CI` is set, when it fails.

use crate::tools;
use crate::world;

use std::path::Path;

use mamori_model::{OrgKind, Role};
use mamori_store::FindingFilter;
use tools::{manifest, run_spec};
use world::{PASSWORD, World, now};

const ENGINEER: &str = "engineer@maker.example";
const ANALYST: &str = "analyst@maker.example";
const HOSPITAL: &str = "nurse@other-hospital.example";

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
    let Some(tools) = tools::tools("console_in_chromium") else {
        return;
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
    let sbom = data.join("sboms-real/nushell-0.44.0.cdxgen.cdx.json");
    // Earlier runs' pictures must not stand in for this run's.
    let _ = std::fs::remove_dir_all(&screenshots);
    let stdout = run_spec(
        &tools,
        "console.spec.mjs",
        &[
            ("MAMORI_URL", w.base.clone()),
            ("MAMORI_PASSWORD", PASSWORD.to_owned()),
            ("ENGINEER_EMAIL", ENGINEER.to_owned()),
            ("ANALYST_EMAIL", ANALYST.to_owned()),
            ("HOSPITAL_EMAIL", HOSPITAL.to_owned()),
            ("SBOM_PATH", sbom.display().to_string()),
            ("SCREENSHOTS", screenshots.display().to_string()),
        ],
    )
    .await;
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
