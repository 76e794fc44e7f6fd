//! What every browser test needs: node, Chromium and playwright-core found on this machine, and a spec run through node.

use std::path::PathBuf;
use std::process::Command;

/// The server crate's folder.
pub fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What a browser run needs.
pub struct Tools {
    /// The browser.
    pub chromium: PathBuf,
    /// The playwright-core package's folder.
    pub playwright: PathBuf,
}

fn find() -> Result<Tools, String> {
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

/// The tools, or `None` with a notice when this machine lacks one; in CI a lack fails the test.
pub fn tools(test: &str) -> Option<Tools> {
    match find() {
        Ok(t) => Some(t),
        Err(why) if std::env::var_os("CI").is_some() => {
            panic!("the browser test {test} cannot run: {why}")
        }
        Err(why) => {
            eprintln!("skipping the browser test {test}: {why}");
            None
        }
    }
}

/// Runs `tests/browser/<spec>` with node and the given environment (plus `CHROMIUM` and
/// `PLAYWRIGHT_CORE`); returns its standard output, failing the test when the spec fails.
pub async fn run_spec(tools: &Tools, spec: &str, env: &[(&str, String)]) -> String {
    let mut cmd = Command::new("node");
    cmd.arg(manifest().join("tests/browser").join(spec))
        .env("CHROMIUM", &tools.chromium)
        .env("PLAYWRIGHT_CORE", &tools.playwright);
    for (k, v) in env {
        cmd.env(k, v);
    }
    // The server answers on the test runtime's threads while node runs on a blocking one.
    let out = tokio::task::spawn_blocking(move || cmd.output())
        .await
        .expect("join")
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the browser spec {spec} failed:\n{stdout}\n{stderr}"
    );
    stdout
}
