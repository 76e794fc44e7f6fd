//! End-to-end tests of `mamori audit verify|export` on a fresh SQLite store: the record of a
//! product, an import and an approval verifies, and a byte changed behind the store's back
//! makes `verify` exit 1 naming the event.

use std::path::Path;
use std::process::{Command, Output};

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    fn path(&self) -> &Path {
        self.dir.path()
    }
    fn db(&self) -> String {
        format!("sqlite://{}", self.path().join("mamori.db").display())
    }
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_mamori"))
            .args(["--db", &self.db(), "--lang", "en", "--user", "alice"])
            .args(args)
            .current_dir(self.path())
            .output()
            .unwrap()
    }
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "mamori {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
}

/// A small valid CycloneDX 1.6 SBOM written for this test.
const SBOM: &str = r#"{
  "bomFormat": "CycloneDX",
  "specVersion": "1.6",
  "serialNumber": "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
  "version": 1,
  "metadata": {
    "timestamp": "2026-11-25T00:00:00Z",
    "component": {"type": "firmware", "bom-ref": "fw", "name": "pump firmware", "version": "3.1"}
  },
  "components": [
    {"type": "library", "bom-ref": "pkg:generic/zlib@1.3.1", "name": "zlib", "version": "1.3.1",
     "purl": "pkg:generic/zlib@1.3.1"}
  ]
}"#;

/// Product, release (made by the import), import and approval: four events.
fn recorded() -> Env {
    let env = Env::new();
    std::fs::write(env.path().join("fw.cdx.json"), SBOM).unwrap();
    env.ok(&["product", "add", "Pump", "--vendor", "Example"]);
    env.ok(&[
        "sbom",
        "import",
        "fw.cdx.json",
        "--product",
        "Pump",
        "--release",
        "3.1",
    ]);
    env.ok(&["sbom", "approve", "--product", "Pump", "--release", "3.1"]);
    env
}

#[test]
fn an_untouched_record_verifies_and_exports() {
    let env = recorded();
    let out = env.ok(&["audit", "verify"]);
    assert!(out.starts_with("intact: 4 events, head "), "{out}");
    let v: serde_json::Value =
        serde_json::from_str(&env.ok(&["audit", "verify", "--json"])).unwrap();
    assert_eq!(v["intact"], true);
    assert_eq!(v["events"], 4);

    env.ok(&["audit", "export", "-o", "audit.jsonl"]);
    let text = std::fs::read_to_string(env.path().join("audit.jsonl")).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let actions: Vec<(&str, &str)> = lines
        .iter()
        .map(|l| (l["action"].as_str().unwrap(), l["actor"].as_str().unwrap()))
        .collect();
    assert_eq!(
        actions,
        [
            ("product.add", "alice"),
            ("release.add", "alice"),
            ("sbom.import", "alice"),
            ("sbom.approve", "alice"),
        ]
    );
    // The head printed by verify is the last exported hash; stdout export gives the same lines.
    assert_eq!(v["head"], lines[3]["hash"]);
    assert_eq!(env.ok(&["audit", "export"]), text);
}

/// Tampers with the SQLite file directly (dropping the trigger that refuses updates), then
/// expects `audit verify` to exit 1 naming `seq`.
fn check(sql: &str, seq: i64, problem: &str) {
    let env = recorded();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        use sqlx::Connection;
        let mut conn = sqlx::SqliteConnection::connect(&env.db()).await.unwrap();
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
            "DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete; {sql}"
        )))
        .execute(&mut conn)
        .await
        .unwrap();
        conn.close().await.unwrap();
    });
    let out = env.run(&["audit", "verify"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{sql}: {stdout}");
    assert!(
        stdout.starts_with(&format!("broken at event {seq}: event {seq} ")),
        "{sql}: {stdout}"
    );
    let v: serde_json::Value =
        serde_json::from_slice(&env.run(&["audit", "verify", "--json"]).stdout).unwrap();
    assert_eq!(v["intact"], false);
    assert_eq!(v["broken"]["seq"], seq, "{sql}");
    assert_eq!(v["broken"]["problem"], problem, "{sql}");
    assert_eq!(v["events"], seq - 1, "{sql}");
}

#[test]
fn a_change_behind_the_stores_back_is_named() {
    check(
        "UPDATE audit_events SET actor = 'mallory' WHERE seq = 4",
        4,
        "hash_mismatch",
    );
    check(
        "UPDATE audit_events SET evidence = replace(evidence, 'fw.cdx', 'fx.cdx') WHERE seq = 3",
        3,
        "hash_mismatch",
    );
    check("DELETE FROM audit_events WHERE seq = 2", 2, "missing");
    check(
        "UPDATE audit_events SET prev_hash = (SELECT hash FROM audit_events WHERE seq = 1) WHERE seq = 3",
        3,
        "prev_hash_mismatch",
    );
}
