//! End-to-end tests of `mamori db import|stats` on every shared advisory data set, counted independently of the readers.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("notice: ../shared/data is absent; skipping the feed import tests");
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
    fn run(&self, args: &[&str]) -> Output {
        let db = format!("sqlite://{}", self.dir.path().join("mamori.db").display());
        Command::new(env!("CARGO_BIN_EXE_mamori"))
            .args(["--db", &db, "--lang", "en"])
            .args(args)
            .current_dir(self.dir.path())
            .output()
            .unwrap()
    }
    fn json(&self, args: &[&str]) -> (i32, Value, String) {
        let out = self.run(args);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!("mamori {args:?}: stdout is not JSON ({e}); stderr: {stderr}")
        });
        (out.status.code().unwrap_or(-1), value, stderr)
    }
}

/// Files under `dir` (recursively) whose name ends with `ext`.
fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.to_string_lossy().ends_with(ext) {
                out.push(p);
            }
        }
    }
    out
}

fn read_json(p: &Path) -> Option<Value> {
    serde_json::from_slice(&std::fs::read(p).unwrap()).ok()
}

/// Records in NVD API 2.0 files: `vulnerabilities[]` of a page, a lone `{"cve": …}` item, or an array of items.
fn nvd_records(dir: &Path) -> usize {
    files(dir, ".json")
        .iter()
        .filter_map(|p| read_json(p))
        .map(|v| match &v {
            Value::Object(o) if o.get("format").and_then(Value::as_str) == Some("NVD_CVE") => {
                o["vulnerabilities"].as_array().map_or(0, Vec::len)
            }
            Value::Object(o) if o.get("cve").is_some_and(Value::is_object) => 1,
            Value::Array(a) => a.iter().filter(|i| i.get("cve").is_some()).count(),
            _ => 0,
        })
        .sum()
}

/// Vulnerabilities in CSAF documents: one record per `vulnerabilities[]` entry.
fn csaf_records(dir: &Path) -> usize {
    files(dir, ".json")
        .iter()
        .filter_map(|p| read_json(p))
        .filter(|v| v.pointer("/document/csaf_version").is_some())
        .map(|v| v["vulnerabilities"].as_array().map_or(0, Vec::len))
        .sum()
}

/// Entries in MyJVN XML responses: RSS `item`s of JVNRSS documents and `Vulinfo`s of VULDEF documents.
fn jvn_records(dir: &Path) -> usize {
    files(dir, ".xml")
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .map(|x| {
            if x.contains("<VULDEF-Document") {
                x.matches("<Vulinfo>").count()
            } else if x.contains("<rdf:RDF") && x.contains("http://purl.org/rss/1.0/") {
                x.matches("<item ").count()
            } else {
                0
            }
        })
        .sum()
}

/// One data set: what to import, how many records it holds (counted here, not by
/// the readers), and the source keys its counts must fall under.
struct Set {
    name: &'static str,
    paths: &'static [&'static str],
    records: fn(&Path) -> usize,
    keys: &'static [&'static str],
    /// Records that must be refused, as `file:pointer` endings of the message's place.
    rejects: &'static [&'static str],
}

const SETS: &[Set] = &[
    Set {
        name: "PyPA (OSV YAML)",
        paths: &["advisories/pypa-advisory-database"],
        records: |d| files(&d.join("advisories/pypa-advisory-database"), ".yaml").len(),
        keys: &["osv:PyPI"],
        rejects: &[],
    },
    Set {
        name: "Go vulndb (OSV)",
        paths: &["advisories/golang-vulndb"],
        records: |d| files(&d.join("advisories/golang-vulndb/data/osv"), ".json").len(),
        keys: &["osv:Go"],
        rejects: &[],
    },
    Set {
        name: "RustSec (OSV)",
        paths: &["advisories/rustsec-osv"],
        records: |d| files(&d.join("advisories/rustsec-osv"), ".json").len(),
        keys: &["osv:crates.io"],
        rejects: &[],
    },
    Set {
        name: "GHSA sample (OSV)",
        paths: &["advisories/ghsa-sample-via-index"],
        records: |d| files(&d.join("advisories/ghsa-sample-via-index"), ".json").len(),
        keys: &[
            "osv:npm",
            "osv:PyPI",
            "osv:crates.io",
            "osv:Packagist",
            "osv:Maven",
            "osv:NuGet",
            "osv:RubyGems",
        ],
        rejects: &[],
    },
    Set {
        name: "KEV",
        paths: &["kev/known_exploited_vulnerabilities.json"],
        records: |d| {
            read_json(&d.join("kev/known_exploited_vulnerabilities.json")).unwrap()["vulnerabilities"]
                .as_array()
                .unwrap()
                .len()
        },
        keys: &["kev"],
        rejects: &[],
    },
    Set {
        name: "CVE 5 records",
        paths: &[
            "cve-records/vulnrichment",
            "cve-records/cvelist-bulk-download-samples",
        ],
        records: |d| files(&d.join("cve-records"), ".json").len(),
        keys: &["cve5"],
        rejects: &[],
    },
    Set {
        name: "NVD 2.0 samples",
        paths: &["nvd-cve-api-2.0-samples"],
        records: |d| nvd_records(&d.join("nvd-cve-api-2.0-samples")),
        keys: &["nvd"],
        // grype's test record without a CVE id: refused by design, with its place.
        rejects: &["processors/testdata/nvd.json:/3/cve/id"],
    },
    Set {
        name: "JVN iPedia (MyJVN responses)",
        paths: &["jvn/myjvn-np/examples/hnd"],
        records: |d| jvn_records(&d.join("jvn/myjvn-np/examples/hnd")),
        keys: &["jvn"],
        rejects: &[],
    },
    Set {
        name: "CISA ICSMA (CSAF)",
        paths: &["csaf/cisagov-icsma"],
        records: |d| csaf_records(&d.join("csaf/cisagov-icsma")),
        keys: &["csaf"],
        rejects: &[],
    },
];

/// Imports one set and checks it went in whole: exit 0, nothing rejected, every
/// record counted once, under the expected source keys. Returns the records added.
fn check(env: &Env, data: &Path, set: &Set) -> u64 {
    let paths: Vec<String> = set
        .paths
        .iter()
        .map(|p| data.join(p).to_string_lossy().into_owned())
        .collect();
    let mut args = vec!["db", "import", "--json"];
    args.extend(paths.iter().map(String::as_str));
    let (code, v, stderr) = env.json(&args);
    let counts = v.as_object().unwrap();
    let sum = |field: &str| {
        counts
            .values()
            .map(|c| c[field].as_u64().unwrap())
            .sum::<u64>()
    };
    // Print what was refused before asserting, so a failure says why.
    let refused: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("rejected: "))
        .collect();
    if refused.len() != set.rejects.len() || code != i32::from(!set.rejects.is_empty()) {
        eprintln!("{}: {stderr}", set.name);
    }
    assert_eq!(
        sum("rejected"),
        set.rejects.len() as u64,
        "{}: rejected records",
        set.name
    );
    assert_eq!(
        refused.len(),
        set.rejects.len(),
        "{}: rejected records",
        set.name
    );
    for (line, want) in refused.iter().zip(set.rejects) {
        let place = line.split(": ").nth(1).unwrap_or("");
        assert!(
            place.ends_with(want),
            "{}: {line} does not name {want}",
            set.name
        );
    }
    assert_eq!(
        code,
        i32::from(!set.rejects.is_empty()),
        "{}: exit code",
        set.name
    );
    let expected = (set.records)(data) as u64;
    assert!(expected > 0, "{}: the data set is empty", set.name);
    assert_eq!(
        sum("added") + sum("updated") + sum("unchanged") + sum("rejected"),
        expected,
        "{}: records counted: {v}",
        set.name
    );
    for key in counts.keys() {
        assert!(
            set.keys.contains(&key.as_str()),
            "{}: unexpected source key {key}: {v}",
            set.name
        );
    }
    sum("added")
}

#[test]
fn every_shared_data_set_imports_with_counts_matching_the_sources() {
    let Some(data) = shared() else { return };
    let env = Env::new();
    let mut added = 0;
    let mut kev = 0;
    for set in SETS {
        let n = check(&env, &data, set);
        if set.keys == ["kev"] {
            kev = n;
        } else {
            added += n;
        }
    }
    let (code, stats, _) = env.json(&["db", "stats", "--json"]);
    assert_eq!(code, 0);
    assert_eq!(stats["vulnerabilities"].as_u64(), Some(added), "{stats}");
    assert_eq!(stats["by_source"]["kev"].as_u64(), Some(kev), "{stats}");
    for key in ["aliases", "sboms", "components", "findings"] {
        assert!(stats[key].is_u64(), "{key}: {stats}");
    }
    assert!(stats["aliases"].as_u64().unwrap() > 0, "{stats}");
    let by_source_total: u64 = stats["by_source"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(k, _)| *k != "kev" && *k != "epss")
        .map(|(_, n)| n.as_u64().unwrap())
        .sum();
    assert_eq!(by_source_total, added, "{stats}");
}

#[test]
fn a_second_import_finds_everything_unchanged() {
    let Some(data) = shared() else { return };
    let env = Env::new();
    let path = data.join("advisories/rustsec-osv");
    let path = path.to_str().unwrap();
    let (_, first, _) = env.json(&["db", "import", path, "--json"]);
    let (code, second, _) = env.json(&["db", "import", path, "--json"]);
    assert_eq!(code, 0);
    let added = first["osv:crates.io"]["added"].as_u64().unwrap();
    assert!(added > 1000, "{first}");
    assert_eq!(
        second["osv:crates.io"]["unchanged"].as_u64(),
        Some(added),
        "{second}"
    );
    assert_eq!(
        second["osv:crates.io"]["added"].as_u64(),
        Some(0),
        "{second}"
    );
}

/// Bad input: (file name, content, expected exit code, text the error must contain).
const BAD: &[(&str, &str, i32, &str)] = &[
    // A truncated file is refused whole, with its name and place; nothing else was given.
    (
        "cut.json",
        r#"[{"schema_version":"1.6.0","id":"GO-1","modified":"2024-01-01T00:00:00Z","affected":[]},{"id":"#,
        2,
        "cut.json:",
    ),
    // A file that is no feed at all, named explicitly.
    (
        "notes.txt",
        "hello",
        2,
        "notes.txt: not a vulnerability feed file",
    ),
];

#[test]
fn bad_files_are_refused_with_their_name_and_place() {
    for (name, content, exit, fragment) in BAD {
        let env = Env::new();
        let p = env.dir.path().join(name);
        std::fs::write(&p, content).unwrap();
        let out = env.run(&["db", "import", p.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(*exit), "{name}: {stderr}");
        assert!(stderr.contains(fragment), "{name}: {stderr}");
    }
    // A bad file among good ones: the good ones go in, exit 1.
    let env = Env::new();
    let good = env.dir.path().join("good.json");
    std::fs::write(
        &good,
        r#"{"schema_version":"1.6.0","id":"GO-2024-1","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"Go","name":"example.com/m"}}]}"#,
    )
    .unwrap();
    let bad = env.dir.path().join("cut.json");
    std::fs::write(&bad, BAD[0].1).unwrap();
    let (code, v, stderr) = env.json(&[
        "db",
        "import",
        "--json",
        good.to_str().unwrap(),
        bad.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(v["osv:Go"]["added"].as_u64(), Some(1), "{v}");
    let (_, stats, _) = env.json(&["db", "stats", "--json"]);
    assert_eq!(stats["vulnerabilities"].as_u64(), Some(1), "{stats}");
}

#[test]
fn zip_files_are_read_entry_by_entry() {
    let env = Env::new();
    let zip_path = env.dir.path().join("feed.zip");
    let mut w = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    for (i, eco) in ["Go", "PyPI"].iter().enumerate() {
        w.start_file(
            format!("osv/ADV-{i}.json"),
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        std::io::Write::write_all(
            &mut w,
            format!(r#"{{"schema_version":"1.6.0","id":"ADV-{i}","modified":"2024-01-01T00:00:00Z","affected":[{{"package":{{"ecosystem":"{eco}","name":"p"}}}}]}}"#).as_bytes(),
        )
        .unwrap();
    }
    w.start_file("README.md", zip::write::SimpleFileOptions::default())
        .unwrap();
    w.finish().unwrap();
    let (code, v, stderr) = env.json(&["db", "import", "--json", zip_path.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(v["osv:Go"]["added"].as_u64(), Some(1), "{v}");
    assert_eq!(v["osv:PyPI"]["added"].as_u64(), Some(1), "{v}");
}

/// An OSV record for one PyPI package, written for this test.
fn osv_record(id: &str, modified: &str, fixed: &str) -> String {
    format!(
        r#"{{"schema_version":"1.6.0","id":"{id}","modified":"{modified}","summary":"flaw","affected":[{{"package":{{"ecosystem":"PyPI","name":"hl7lite"}},"ranges":[{{"type":"ECOSYSTEM","events":[{{"introduced":"0"}},{{"fixed":"{fixed}"}}]}}]}}]}}"#
    )
}

/// Issue 4: a re-import skips the files stored whole under the same name and bytes, but reads a
/// changed file again and a file with refused records every time, so nothing is missed.
#[test]
fn issue_4_reimport_reads_only_changed_files_and_files_with_refusals() {
    let env = Env::new();
    let feed = env.dir.path().join("feed");
    std::fs::create_dir(&feed).unwrap();
    let write = |name: &str, text: &str| std::fs::write(feed.join(name), text).unwrap();
    write(
        "A-1.json",
        &osv_record("A-1", "2026-01-01T00:00:00Z", "1.0"),
    );
    write(
        "A-2.json",
        &osv_record("A-2", "2026-01-01T00:00:00Z", "2.0"),
    );
    // A list with one good record and one the reader refuses (its `modified` is no date).
    write(
        "A-3.json",
        &format!(
            r#"[{}, {{"schema_version":"1.6.0","id":"A-4","modified":"yesterday","affected":[{{"package":{{"ecosystem":"PyPI","name":"x"}}}}]}}]"#,
            osv_record("A-3", "2026-01-01T00:00:00Z", "3.0")
        ),
    );
    let counts = |v: &Value| {
        let c = &v["osv:PyPI"];
        (
            c["added"].as_u64().unwrap(),
            c["updated"].as_u64().unwrap(),
            c["unchanged"].as_u64().unwrap(),
            // A refused record has no ecosystem yet: it is counted under the feed's key.
            v["osv"]["rejected"].as_u64().unwrap_or(0),
        )
    };
    let (code, first, err) = env.json(&["db", "import", "feed", "--json"]);
    assert_eq!(code, 1, "some records were refused: {err}");
    assert_eq!(counts(&first), (3, 0, 0, 1), "{first}");

    let (_, second, err) = env.json(&["db", "import", "feed", "--json"]);
    assert_eq!(counts(&second), (0, 0, 3, 1), "{second}");
    assert!(
        err.contains("A-3.json"),
        "the refusal is reported again: {err}"
    );

    // A-2 gets a newer version: it is read again and replaces the stored record.
    write(
        "A-2.json",
        &osv_record("A-2", "2026-02-01T00:00:00Z", "2.1"),
    );
    let (_, third, _) = env.json(&["db", "import", "feed", "--json"]);
    assert_eq!(counts(&third), (0, 1, 2, 1), "{third}");
    let (_, fourth, _) = env.json(&["db", "import", "feed", "--json"]);
    assert_eq!(counts(&fourth), (0, 0, 3, 1), "{fourth}");
}
