//! End-to-end tests of `mamori sbom` and the portfolio commands, driving the real binary on a fresh SQLite store.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("notice: ../shared/data is absent; skipping the tests that need real SBOMs");
        None
    }
}

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    fn db(&self) -> String {
        format!("sqlite://{}", self.dir.path().join("mamori.db").display())
    }
    fn run(&self, cwd: &Path, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_mamori"))
            .args(["--db", &self.db(), "--lang", "en", "--user", "alice"])
            .args(args)
            .current_dir(cwd)
            .output()
            .unwrap()
    }
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(self.dir.path(), args);
        assert!(
            out.status.success(),
            "mamori {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
    fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }
}

fn code(out: &Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

/// Checks one bad input: `sbom check` refuses it with the expected exit code and
/// a message naming the place, and `sbom import` leaves nothing behind.
fn check_bad(env: &Env, dir: &Path, file: &str, exit: i32, fragment: &str) {
    let out = env.run(dir, &["sbom", "check", file]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(code(&out), exit, "{file}: exit code; stderr: {stderr}");
    assert!(
        stderr.contains(fragment),
        "{file}: stderr lacks {fragment:?}:\n{stderr}"
    );
    let out = env.run(
        dir,
        &[
            "sbom",
            "import",
            file,
            "--product",
            "Pump",
            "--release",
            "1.0",
        ],
    );
    assert_ne!(code(&out), 0, "{file}: import must fail");
    let out = env.run(
        dir,
        &["sbom", "approve", "--product", "Pump", "--release", "1.0"],
    );
    assert_eq!(code(&out), 2, "{file}: something was stored");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("has no SBOM") || stderr.contains("not found"),
        "{file}: {stderr}"
    );
}

#[test]
fn bad_input_is_refused_with_its_place_and_nothing_is_stored() {
    let env = Env::new();
    env.ok(&["product", "add", "Pump"]);
    let dir = fixtures().join("bad-input");
    let table = std::fs::read_to_string(dir.join("expected.tsv")).unwrap();
    let mut n = 0;
    for line in table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let f: Vec<&str> = line.split('\t').collect();
        check_bad(&env, &dir, f[0], f[1].parse().unwrap(), f[2]);
        n += 1;
    }
    assert_eq!(n, 10);
}

#[test]
fn a_30_mb_string_is_refused_quickly_with_its_pointer() {
    let env = Env::new();
    env.ok(&["product", "add", "Pump"]);
    let big = "x".repeat(30 * 1024 * 1024);
    let doc = format!(
        r#"{{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[{{"type":"library","name":"a","version":"1","description":"{big}"}}]}}"#
    );
    std::fs::write(env.dir.path().join("big.json"), doc).unwrap();
    let out = env.run(env.dir.path(), &["sbom", "check", "big.json"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_ne!(code(&out), 0);
    assert!(
        stderr.contains("big.json") && stderr.contains("/components/0/description"),
        "{stderr}"
    );
    check_bad(
        &env,
        env.dir.path(),
        "big.json",
        code(&out),
        "/components/0/description",
    );
}

#[test]
fn issue_2_import_merge_approve_and_diff() {
    let Some(data) = shared() else { return };
    let env = Env::new();
    let product = env.json(&[
        "product",
        "add",
        "Infusion Pump IP-200",
        "--vendor",
        "Example Medical",
        "--json",
    ]);
    assert_eq!(product["name"], "Infusion Pump IP-200");
    env.ok(&[
        "release",
        "add",
        "Infusion Pump IP-200",
        "3.1",
        "--ga",
        "2023-04-01",
        "--eos",
        "2027-03-31",
    ]);

    let juice_shop = data.join(
        "cyclonedx/real-world/cyclonedx-node-npm-juice-shop/demo/juice-shop/example-results/bare",
    );
    let own = juice_shop.join("bom.1.6.json");
    let supplier = data.join("sboms-real/nushell-0.44.0.trivy.spdx.json");
    let juice = juice_shop.join("bom.1.6.xml");
    let first = env.json(&[
        "sbom",
        "import",
        own.to_str().unwrap(),
        "--product",
        "Infusion Pump IP-200",
        "--release",
        "3.1",
        "--json",
    ]);
    assert_eq!(first["sbom_version"], 1);
    let own_count = first["components"].as_i64().unwrap();
    assert!(own_count > 500, "{first}");

    // A supplier SBOM merges in: shared packages are folded, not duplicated.
    let merged = env.json(&[
        "sbom",
        "import",
        supplier.to_str().unwrap(),
        "--product",
        "Infusion Pump IP-200",
        "--release",
        "3.1",
        "--supplier",
        "ACME",
        "--json",
    ]);
    assert_eq!(merged["sbom_version"], 2);
    let merged_count = merged["components"].as_i64().unwrap();
    assert!(
        merged_count > own_count && merged_count < own_count * 2,
        "{own_count} → {merged_count}"
    );

    let approved = env.json(&[
        "sbom",
        "approve",
        "--product",
        "Infusion Pump IP-200",
        "--release",
        "3.1",
        "--json",
    ]);
    assert_eq!(approved["approved_by"], "alice");
    assert_eq!(approved["sbom_version"], 2);
    let again = env.run(
        env.dir.path(),
        &[
            "sbom",
            "approve",
            "--product",
            "Infusion Pump IP-200",
            "--release",
            "3.1",
        ],
    );
    assert_eq!(code(&again), 2);
    assert!(String::from_utf8_lossy(&again.stderr).contains("already approved by alice"));

    // A change after approval is a new, unapproved version; the approved one stays.
    let third = env.json(&[
        "sbom",
        "import",
        juice.to_str().unwrap(),
        "--product",
        "Infusion Pump IP-200",
        "--release",
        "3.1",
        "--json",
    ]);
    assert_eq!(third["sbom_version"], 3);

    // A new release's diff against the stored one, by package identity and ecosystem order.
    env.ok(&["release", "add", "Infusion Pump IP-200", "3.2"]);
    env.ok(&[
        "sbom",
        "import",
        supplier.to_str().unwrap(),
        "--product",
        "Infusion Pump IP-200",
        "--release",
        "3.2",
    ]);
    let d = env.json(&[
        "sbom",
        "diff",
        "Infusion Pump IP-200@3.1",
        "Infusion Pump IP-200@3.2",
        "--json",
    ]);
    assert!(
        d["removed"].as_array().unwrap().len() > 500,
        "juice-shop's npm packages are gone in 3.2"
    );
    // 3.1 already held nushell's crates through the supplier SBOM, so they are unchanged.
    assert!(d["unchanged"].as_u64().unwrap() > 500, "{}", d["unchanged"]);
    assert!(d["added"].as_array().unwrap().len() < 10, "{}", d["added"]);
}

#[test]
fn diff_of_two_files_orders_versions_by_ecosystem() {
    let env = Env::new();
    let dir = fixtures().join("diff");
    let d = {
        let out = env.run(
            &dir,
            &["sbom", "diff", "old.cdx.json", "new.cdx.json", "--json"],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    assert_eq!(d, expected);
}
