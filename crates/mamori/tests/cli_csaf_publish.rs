//! `mamori csaf publish --out DIR` end to end: the folder passes the provider check, every `.asc` verifies with Debian's `sqv` and with GnuPG, every `.sha512` holds, ROLIE feeds and index.txt list exactly the published documents, and drafts, embargoed (dated after now) and AMBER advisories appear in no file; `mamori csaf key` lists, exports and retires keys.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use mamori_csaf::provider::{self, Layout, Tlp};
use mamori_csaf::vex::{Publisher, PublisherCategory};
use mamori_model::{Lifecycle, ProductName, ReleaseVersion};
use mamori_store::{AdvisoryStatus, FeedFile, Incoming, NewAdvisory, Publication, Store};
use serde_json::Value;
use time::{Duration, OffsetDateTime};

const PASSPHRASE: &str = "cli test passphrase";

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/monitor")
}

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn db(&self) -> String {
        format!("sqlite://{}", self.dir.path().join("mamori.db").display())
    }
    fn out(&self) -> PathBuf {
        self.dir.path().join("site")
    }
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_mamori"))
            .args(["--db", &self.db(), "--lang", "en", "--user", "alice"])
            .args(args)
            .env("MAMORI_SIGNING_PASSPHRASE", PASSPHRASE)
            .env("MAMORI_PUBLIC_URL", "https://psirt.example.com")
            .env("MAMORI_MAKER_NAME", "Example Medical")
            .env_remove("MAMORI_CONFIG")
            .current_dir(self.dir.path())
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
    fn publish(&self) -> Value {
        let out = self.out();
        serde_json::from_str(&self.ok(&[
            "csaf",
            "publish",
            "--out",
            out.to_str().unwrap(),
            "--json",
        ]))
        .unwrap()
    }
}

/// The tracking ids that must be published and those that must appear nowhere.
struct Seeded {
    /// With the year of their initial release (the year folder).
    published: Vec<(String, i32)>,
    hidden: Vec<String>,
}

/// Ward Gateway 1.0 with its vulnerable SBOM; advisories about it: published TLP:CLEAR and
/// TLP:GREEN, and a draft, one published with a date a month ahead (embargoed until then) and a
/// published TLP:AMBER one, which no provider folder may show.
async fn seed(db: &str) -> Seeded {
    let s = Store::open(db).await.unwrap();
    let now = OffsetDateTime::now_utc();
    let setup = now - Duration::days(2);
    let p = s
        .add_product(
            &ProductName::new("Ward Gateway").unwrap(),
            Some("Example Medical"),
            setup,
        )
        .await
        .unwrap();
    let osv = std::fs::read(fixtures().join("GHSA-mmmm-0001-aaaa.json")).unwrap();
    s.import_feed(
        FeedFile::read("GHSA-mmmm-0001-aaaa.json", &osv, None).unwrap(),
        setup,
    )
    .await
    .unwrap();
    let r = s
        .add_release(
            &p,
            &ReleaseVersion::new("1.0").unwrap(),
            &Lifecycle::default(),
            setup,
        )
        .await
        .unwrap();
    let bytes = std::fs::read(fixtures().join("fw-1.0.cdx.json")).unwrap();
    let checked = mamori_sbom::read(&bytes).unwrap();
    s.import_sbom(
        &r,
        Incoming {
            bytes: &bytes,
            filename: Some("fw-1.0.cdx.json"),
            sbom: &checked.sbom,
            supplier: None,
        },
        "setup",
        setup,
    )
    .await
    .unwrap();
    let publication = Publication {
        status: AdvisoryStatus::Final,
        summary: "Initial publication.".into(),
        publisher: Publisher {
            name: "Example Medical".into(),
            namespace: "https://psirt.example.com".into(),
            category: PublisherCategory::Vendor,
        },
        base_url: Some("https://psirt.example.com/.well-known/csaf".into()),
    };
    // (tlp, title marker, published at): None is a draft.
    let plan = [
        (Tlp::Clear, "cleared", Some(now - Duration::days(1))),
        (Tlp::Green, "community", Some(now - Duration::hours(1))),
        (Tlp::Clear, "drafted", None),
        (Tlp::Clear, "embargoed", Some(now + Duration::days(30))),
        (Tlp::Amber, "restricted", Some(now - Duration::hours(2))),
    ];
    let mut seeded = Seeded {
        published: Vec::new(),
        hidden: Vec::new(),
    };
    for (i, (tlp, marker, at)) in plan.into_iter().enumerate() {
        let a = s
            .create_advisory(
                &NewAdvisory {
                    title_en: format!("Heap overflow in Ward Gateway ({marker})"),
                    title_ja: format!("Ward Gateway のヒープオーバーフロー ({marker})"),
                    summary_en: String::new(),
                    summary_ja: String::new(),
                    lang: "en".into(),
                    tlp,
                    releases: vec![r.id],
                    vulnerabilities: vec!["CVE-2026-10001".into()],
                },
                "setup",
                setup + Duration::minutes(i as i64),
            )
            .await
            .unwrap();
        if let Some(at) = at {
            s.publish_advisory(a.id, &publication, "setup", at)
                .await
                .unwrap();
        }
        if let (true, Some(at)) = (i < 2, at) {
            seeded.published.push((a.tracking_id, at.year()));
        } else {
            seeded.hidden.push(a.tracking_id);
        }
    }
    seeded
}

/// Every file below `dir`, by path relative to it.
fn read_folder(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_str().unwrap().to_owned();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

fn tool(path: &str) -> bool {
    let present = Path::new(path).exists();
    if !present {
        eprintln!("notice: {path} is not installed: its verification is skipped");
    }
    present
}

fn check_signatures_with_sqv_and_gpg(out: &Path, files: &BTreeMap<String, Vec<u8>>) {
    let key = files.keys().find(|p| p.starts_with("openpgp/")).unwrap();
    let key = out.join(key);
    let docs: Vec<&String> = files
        .keys()
        .filter(|p| p.ends_with(".json") && p.matches('/').count() == 2)
        .collect();
    assert!(!docs.is_empty());
    if tool("/usr/bin/sqv") {
        for d in &docs {
            let r = Command::new("/usr/bin/sqv")
                .arg("--keyring")
                .arg(&key)
                .arg(out.join(format!("{d}.asc")))
                .arg(out.join(d))
                .output()
                .unwrap();
            assert!(
                r.status.success(),
                "sqv {d}: {}",
                String::from_utf8_lossy(&r.stderr)
            );
        }
        // And a changed document does not verify: sqv really checks.
        let changed = out.join("changed.json");
        let mut bytes = files[docs[0].as_str()].clone();
        bytes.push(b' ');
        std::fs::write(&changed, bytes).unwrap();
        let r = Command::new("/usr/bin/sqv")
            .arg("--keyring")
            .arg(&key)
            .arg(out.join(format!("{}.asc", docs[0])))
            .arg(&changed)
            .output()
            .unwrap();
        assert!(!r.status.success(), "sqv accepted a changed document");
        std::fs::remove_file(changed).unwrap();
    }
    if tool("/usr/bin/gpg") {
        let home = tempfile::tempdir().unwrap();
        let gpg = |args: &[&std::ffi::OsStr]| {
            Command::new("/usr/bin/gpg")
                .env("GNUPGHOME", home.path())
                .args(["--batch", "--no-tty", "--status-fd", "1"])
                .args(args)
                .output()
                .unwrap()
        };
        let r = gpg(&["--import".as_ref(), key.as_os_str()]);
        assert!(
            r.status.success(),
            "gpg --import: {}",
            String::from_utf8_lossy(&r.stderr)
        );
        for d in &docs {
            let sig = out.join(format!("{d}.asc"));
            let doc = out.join(d);
            let r = gpg(&["--verify".as_ref(), sig.as_os_str(), doc.as_os_str()]);
            let status = String::from_utf8_lossy(&r.stdout);
            assert!(
                r.status.success() && status.contains("[GNUPG:] GOODSIG"),
                "gpg --verify {d}: {status} {}",
                String::from_utf8_lossy(&r.stderr)
            );
        }
    }
}

#[tokio::test]
async fn a_published_folder_verifies_and_shows_exactly_the_published_advisories() {
    let env = Env {
        dir: tempfile::tempdir().unwrap(),
    };
    // An empty database migrates on first use.
    env.ok(&["csaf", "key", "list"]);
    let seeded = seed(&env.db()).await;
    let report = env.publish();
    let out = env.out();
    let files = read_folder(&out);

    // Our own check of section 7.1, including the signatures and the key.
    let layout = Layout::from_files(files.clone());
    assert_eq!(provider::check(&layout), Vec::new());
    let meta: Value = serde_json::from_slice(&files["provider-metadata.json"]).unwrap();
    assert_eq!(meta["role"], "csaf_trusted_provider");
    let fingerprint = report["fingerprint"].as_str().unwrap().to_owned();
    assert_eq!(
        meta["public_openpgp_keys"][0]["fingerprint"],
        fingerprint.as_str()
    );
    assert_eq!(
        meta["public_openpgp_keys"][0]["url"],
        format!("https://psirt.example.com/.well-known/csaf/openpgp/{fingerprint}.asc")
    );

    check_signatures_with_sqv_and_gpg(&out, &files);

    // Every .sha512 holds the hash of its document.
    let mut hashes = 0;
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".sha512")) {
        let doc = path.strip_suffix(".sha512").unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        let mut it = text.split_whitespace();
        assert_eq!(
            it.next(),
            Some(provider::sha512_hex(&files[doc]).as_str()),
            "{path}"
        );
        assert_eq!(it.next(), Some(doc.rsplit('/').next().unwrap()), "{path}");
        hashes += 1;
    }
    assert_eq!(hashes, 2);

    // ROLIE feeds and index.txt list exactly the published documents.
    let want: Vec<String> = [("white", 0), ("green", 1)]
        .iter()
        .map(|(f, i)| {
            let (id, year) = &seeded.published[*i];
            format!("{f}/{year}/{}", provider::file_name(id))
        })
        .collect();
    let mut listed = Vec::new();
    for folder in ["white", "green"] {
        let index = String::from_utf8(files[&format!("{folder}/index.txt")].clone()).unwrap();
        listed.extend(index.lines().map(|l| format!("{folder}/{l}")));
        let feed: Value =
            serde_json::from_slice(&files[&format!("{folder}/feed-tlp-{folder}.json")]).unwrap();
        let srcs: Vec<String> = feed["feed"]["entry"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["content"]["src"].as_str().unwrap().to_owned())
            .collect();
        let here: Vec<String> = want
            .iter()
            .filter(|w| w.starts_with(folder))
            .map(|w| format!("https://psirt.example.com/.well-known/csaf/{w}"))
            .collect();
        assert_eq!(srcs, here, "{folder} feed");
    }
    listed.sort();
    let mut want_sorted = want.clone();
    want_sorted.sort();
    assert_eq!(listed, want_sorted);
    assert_eq!(report["documents"].as_array().unwrap().len(), 2);

    // The draft, the embargoed and the AMBER advisory appear in no file, by id, file name or title.
    assert!(
        !files
            .keys()
            .any(|p| p.starts_with("amber") || p.starts_with("red"))
    );
    for id in &seeded.hidden {
        let name = provider::file_name(id);
        let stem = name.trim_end_matches(".json");
        for (path, bytes) in &files {
            let text = String::from_utf8_lossy(bytes);
            assert!(!path.contains(stem), "{path} is named after {id}");
            assert!(
                !text.contains(id.as_str()) && !text.contains(stem),
                "{path} mentions {id}"
            );
            for marker in ["drafted", "embargoed", "restricted"] {
                assert!(
                    !text.contains(marker),
                    "{path} mentions the {marker} advisory"
                );
            }
        }
    }

    // Publishing again changes nothing and removes nothing.
    let again = env.publish();
    assert_eq!(again["removed"], serde_json::json!([]));
    assert_eq!(read_folder(&out), files);

    // Keys: listed, exported, retired; the next publication signs with a new key and drops the
    // old key's file.
    let keys: Value = serde_json::from_str(&env.ok(&["csaf", "key", "list", "--json"])).unwrap();
    assert_eq!(keys["keys"][0]["fingerprint"], fingerprint.as_str());
    assert_eq!(keys["keys"][0]["protected"], true);
    let exported = env.ok(&["csaf", "key", "export"]);
    assert_eq!(
        exported.as_bytes(),
        &files[&format!("openpgp/{fingerprint}.asc")][..]
    );
    env.ok(&[
        "csaf",
        "key",
        "retire",
        &fingerprint,
        "--reason",
        "rotation test",
    ]);
    let rotated = env.publish();
    let new_fp = rotated["fingerprint"].as_str().unwrap();
    assert_ne!(new_fp, fingerprint);
    assert_eq!(
        rotated["removed"],
        serde_json::json!([format!("openpgp/{fingerprint}.asc")])
    );
    let files = read_folder(&out);
    assert_eq!(
        provider::check(&Layout::from_files(files.clone())),
        Vec::new()
    );
    check_signatures_with_sqv_and_gpg(&out, &files);

    // A wrong passphrase opens no key, and a folder that is not a publication is not written into.
    let wrong = Command::new(env!("CARGO_BIN_EXE_mamori"))
        .args([
            "--db",
            &env.db(),
            "--lang",
            "en",
            "csaf",
            "publish",
            "--out",
        ])
        .arg(&out)
        .env("MAMORI_SIGNING_PASSPHRASE", "wrong")
        .output()
        .unwrap();
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("passphrase"));
    let foreign = env.dir.path().join("foreign");
    std::fs::create_dir(&foreign).unwrap();
    std::fs::write(foreign.join("notes.txt"), "mine").unwrap();
    let refused = env.run(&["csaf", "publish", "--out", foreign.to_str().unwrap()]);
    assert!(!refused.status.success());
    assert_eq!(std::fs::read_dir(&foreign).unwrap().count(), 1);
}
