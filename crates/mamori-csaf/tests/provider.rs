//! The CSAF provider folder: a built layout keeps the rules of section 7.1 and every document in it passes the validator; each way of breaking a rule is caught by the check.

use crate::common;

use std::collections::BTreeMap;

use mamori_csaf::openpgp::{PublicKey, SigningKey};
use mamori_csaf::provider::{self, Entry, Layout, ProviderError, ProviderRole, Site, Tlp};
use mamori_csaf::vex::{self, Publisher, PublisherCategory};
use rand::SeedableRng;
use rand::rngs::StdRng;
use serde_json::{Value, json};
use time::OffsetDateTime;
use time::macros::datetime;

/// A published document: the fixture release written as a security advisory under `id`,
/// labelled `tlp`, first released at `initial` and revised at `current`.
fn entry(id: &str, tlp: Tlp, initial: OffsetDateTime, current: OffsetDateTime) -> Entry {
    let mut doc = common::load(&common::fixtures().join("pump-release/input.json"));
    doc.tracking_id = id.to_owned();
    doc.history = if initial < current {
        vec![vex::Revision {
            date: initial,
            summary: "First.".into(),
        }]
    } else {
        Vec::new()
    };
    doc.now = current;
    let mut v = vex::csaf_security_advisory(&doc).unwrap().document;
    v["document"]["distribution"] = json!({"tlp": {"label": tlp.csaf_label()}});
    Entry {
        tracking_id: id.to_owned(),
        title: v["document"]["title"].as_str().unwrap().to_owned(),
        tlp,
        initial_release: initial,
        current_release: current,
        bytes: serde_json::to_vec_pretty(&v).unwrap(),
    }
}

fn site(role: ProviderRole) -> Site {
    Site {
        base_url: "https://psirt.example.com/.well-known/csaf".into(),
        publisher: Publisher {
            name: "Example Medical".into(),
            namespace: "https://psirt.example.com".into(),
            category: PublisherCategory::Vendor,
        },
        role,
        openpgp_keys: Vec::new(),
        last_updated: datetime!(2026-11-30 00:00 UTC),
    }
}

fn entries() -> Vec<Entry> {
    vec![
        entry(
            "MAMORI-2025-0007",
            Tlp::Clear,
            datetime!(2025-12-30 10:00 UTC),
            datetime!(2026-02-01 10:00 UTC),
        ),
        entry(
            "MAMORI-2026-0001",
            Tlp::Clear,
            datetime!(2026-11-01 10:00 UTC),
            datetime!(2026-11-01 10:00 UTC),
        ),
        entry(
            "MAMORI-2026-0002",
            Tlp::Green,
            datetime!(2026-11-02 10:00 UTC),
            datetime!(2026-11-20 10:00 UTC),
        ),
    ]
}

fn text(l: &Layout, path: &str) -> String {
    String::from_utf8(l.get(path).unwrap().to_vec()).unwrap()
}

#[test]
fn a_built_folder_keeps_the_rules() {
    let layout = provider::build(&site(ProviderRole::Provider), &entries()).unwrap();
    assert_eq!(provider::check(&layout), Vec::new());
    let paths: Vec<&str> = layout.paths().collect();
    assert_eq!(
        paths,
        [
            "green/2026/mamori-2026-0002.json",
            "green/2026/mamori-2026-0002.json.sha256",
            "green/2026/mamori-2026-0002.json.sha512",
            "green/changes.csv",
            "green/feed-tlp-green.json",
            "green/index.txt",
            "provider-metadata.json",
            "white/2025/mamori-2025-0007.json",
            "white/2025/mamori-2025-0007.json.sha256",
            "white/2025/mamori-2025-0007.json.sha512",
            "white/2026/mamori-2026-0001.json",
            "white/2026/mamori-2026-0001.json.sha256",
            "white/2026/mamori-2026-0001.json.sha512",
            "white/changes.csv",
            "white/feed-tlp-white.json",
            "white/index.txt",
        ]
    );
    assert_eq!(
        text(&layout, "white/index.txt"),
        "2025/mamori-2025-0007.json\n2026/mamori-2026-0001.json\n"
    );
    assert_eq!(
        text(&layout, "white/changes.csv"),
        "\"2026/mamori-2026-0001.json\",\"2026-11-01T10:00:00Z\"\n\"2025/mamori-2025-0007.json\",\"2026-02-01T10:00:00Z\"\n"
    );
    let meta: Value =
        serde_json::from_slice(layout.get("provider-metadata.json").unwrap()).unwrap();
    assert_eq!(meta["role"], "csaf_provider");
    let feeds: Vec<(&str, &str)> = meta["distributions"][0]["rolie"]["feeds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["tlp_label"].as_str().unwrap(), f["url"].as_str().unwrap()))
        .collect();
    assert_eq!(
        feeds,
        [
            (
                "GREEN",
                "https://psirt.example.com/.well-known/csaf/green/feed-tlp-green.json"
            ),
            (
                "WHITE",
                "https://psirt.example.com/.well-known/csaf/white/feed-tlp-white.json"
            ),
        ]
    );
    // Every document in the folder is valid CSAF.
    for p in layout
        .paths()
        .filter(|p| p.ends_with(".json") && p.matches('/').count() == 2)
    {
        let report = mamori_csaf::validate(layout.get(p).unwrap()).unwrap();
        assert!(report.is_valid(), "{p}: {:?}", report.errors);
    }
    // With nothing published the metadata still names the WHITE feed, which is empty.
    let empty = provider::build(&site(ProviderRole::Provider), &[]).unwrap();
    assert_eq!(provider::check(&empty), Vec::new());
    assert_eq!(text(&empty, "white/index.txt"), "");
}

type Breakage = fn(&mut BTreeMap<String, Vec<u8>>);

/// Breaks a good folder and names the requirement the check must report.
fn check(name: &str, rule: &str, path: &str, role: ProviderRole, breaks: Breakage) {
    let layout = provider::build(&site(role), &entries()).unwrap();
    let mut files = layout.files().clone();
    breaks(&mut files);
    let issues = provider::check(&Layout::from_files(files));
    assert!(
        issues.iter().any(|i| i.rule == rule && i.path == path),
        "{name}: wanted {rule} at {path}, got {issues:?}"
    );
}

#[test]
fn each_broken_rule_is_reported() {
    const DOC: &str = "white/2026/mamori-2026-0001.json";
    let table: &[(&str, &str, &str, ProviderRole, Breakage)] = &[
        (
            "invalid document",
            "7.1.1",
            DOC,
            ProviderRole::Provider,
            |f| {
                let mut v: Value = serde_json::from_slice(&f[DOC]).unwrap();
                v["document"]["csaf_version"] = json!("1.2");
                f.insert(DOC.into(), serde_json::to_vec(&v).unwrap());
            },
        ),
        (
            "file name",
            "7.1.2",
            "white/2026/MAMORI-2026-0001.json",
            ProviderRole::Provider,
            |f| {
                for ext in ["", ".sha256", ".sha512"] {
                    let b = f.remove(&format!("{DOC}{ext}")).unwrap();
                    f.insert(format!("white/2026/MAMORI-2026-0001.json{ext}"), b);
                }
            },
        ),
        (
            "year folder",
            "7.1.11",
            "white/2025/mamori-2026-0001.json",
            ProviderRole::Provider,
            |f| {
                for ext in ["", ".sha256", ".sha512"] {
                    let b = f.remove(&format!("{DOC}{ext}")).unwrap();
                    f.insert(format!("white/2025/mamori-2026-0001.json{ext}"), b);
                }
            },
        ),
        (
            "index misses a file",
            "7.1.12",
            "white/index.txt",
            ProviderRole::Provider,
            |f| {
                f.insert(
                    "white/index.txt".into(),
                    b"2025/mamori-2025-0007.json\n".to_vec(),
                );
            },
        ),
        (
            "changes out of order",
            "7.1.13",
            "white/changes.csv",
            ProviderRole::Provider,
            |f| {
                f.insert(
                "white/changes.csv".into(),
                b"\"2025/mamori-2025-0007.json\",\"2026-02-01T10:00:00Z\"\n\"2026/mamori-2026-0001.json\",\"2026-11-01T10:00:00Z\"\n".to_vec(),
            );
            },
        ),
        (
            "feed misses a file",
            "7.1.15",
            "white/feed-tlp-white.json",
            ProviderRole::Provider,
            |f| {
                let mut v: Value = serde_json::from_slice(&f["white/feed-tlp-white.json"]).unwrap();
                v["feed"]["entry"].as_array_mut().unwrap().pop();
                f.insert(
                    "white/feed-tlp-white.json".into(),
                    serde_json::to_vec(&v).unwrap(),
                );
            },
        ),
        (
            "green document in white",
            "7.1.15",
            "white/2026/mamori-2026-0002.json",
            ProviderRole::Provider,
            |f| {
                let b = f["green/2026/mamori-2026-0002.json"].clone();
                f.insert("white/2026/mamori-2026-0002.json".into(), b);
            },
        ),
        (
            "wrong hash",
            "7.1.18",
            "white/2026/mamori-2026-0001.json.sha512",
            ProviderRole::Provider,
            |f| {
                f.insert(
                    format!("{DOC}.sha512"),
                    format!("{}  mamori-2026-0001.json\n", "0".repeat(128)).into(),
                );
            },
        ),
        (
            "missing hash",
            "7.1.18",
            "white/2026/mamori-2026-0001.json.sha256",
            ProviderRole::Provider,
            |f| {
                f.remove(&format!("{DOC}.sha256"));
            },
        ),
        (
            "no metadata",
            "7.1.7",
            "provider-metadata.json",
            ProviderRole::Provider,
            |f| {
                f.remove("provider-metadata.json");
            },
        ),
        (
            "trusted without keys",
            "7.1.20",
            "provider-metadata.json",
            ProviderRole::TrustedProvider,
            |_| {},
        ),
    ];
    for (name, rule, path, role, breaks) in table {
        check(name, rule, path, *role, *breaks);
    }
}

#[test]
fn inputs_that_cannot_be_laid_out_are_refused() {
    let mut two = entries();
    let mut same = two[1].clone();
    same.tracking_id = "mamori_2026_0001".into();
    let mut v: Value = serde_json::from_slice(&same.bytes).unwrap();
    v["document"]["tracking"]["id"] = json!("mamori_2026_0001");
    same.bytes = serde_json::to_vec(&v).unwrap();
    // "mamori_2026_0001" files apart from "MAMORI-2026-0001" (`-` is kept), but
    // "MAMORI 2026 0001" files as mamori_2026_0001.json too: a clash.
    two.push(same.clone());
    assert!(provider::build(&site(ProviderRole::Provider), &two).is_ok());
    let mut clash = same;
    clash.tracking_id = "MAMORI 2026 0001".into();
    let mut v: Value = serde_json::from_slice(&clash.bytes).unwrap();
    v["document"]["tracking"]["id"] = json!("MAMORI 2026 0001");
    clash.bytes = serde_json::to_vec(&v).unwrap();
    two.push(clash);
    assert!(matches!(
        provider::build(&site(ProviderRole::Provider), &two),
        Err(ProviderError::SameFile { .. })
    ));

    let mut wrong_tlp = entries();
    wrong_tlp[0].tlp = Tlp::Green;
    let e = provider::build(&site(ProviderRole::Provider), &wrong_tlp).unwrap_err();
    assert_eq!(
        e.to_string(),
        "MAMORI-2025-0007: the document's tlp label is not GREEN"
    );
    let mut wrong_date = entries();
    wrong_date[1].current_release = datetime!(2026-11-05 10:00 UTC);
    assert!(matches!(
        provider::build(&site(ProviderRole::Provider), &wrong_date),
        Err(ProviderError::Mismatch { .. })
    ));
}

/// The provider's key, created after the oldest document's last revision and before the others.
fn key(seed: u64) -> SigningKey {
    SigningKey::generate(
        StdRng::seed_from_u64(seed),
        "Example Medical PSIRT <psirt@example.com>",
        Some("folder test"),
        datetime!(2026-06-01 00:00 UTC),
    )
    .unwrap()
}

#[test]
fn a_signed_folder_keeps_the_rules_and_every_signature_verifies() {
    let k = key(1);
    let layout = provider::build_signed(&site(ProviderRole::Provider), &entries(), &k).unwrap();
    assert_eq!(provider::check(&layout), Vec::new());
    let fp = k.fingerprint();
    let key_file = format!("openpgp/{fp}.asc");
    let meta: Value =
        serde_json::from_slice(layout.get("provider-metadata.json").unwrap()).unwrap();
    assert_eq!(meta["role"], "csaf_trusted_provider");
    assert_eq!(
        meta["public_openpgp_keys"],
        json!([{"fingerprint": fp, "url": format!("https://psirt.example.com/.well-known/csaf/{key_file}")}])
    );
    let public = PublicKey::from_armored(&text(&layout, &key_file)).unwrap();
    assert_eq!(public.fingerprint(), fp);
    // Each signature is dated at the document's current release, or at the key's creation when
    // the document is older than the key.
    for (doc, at) in [
        (
            "white/2025/mamori-2025-0007.json",
            datetime!(2026-06-01 00:00 UTC),
        ),
        (
            "white/2026/mamori-2026-0001.json",
            datetime!(2026-11-01 10:00 UTC),
        ),
        (
            "green/2026/mamori-2026-0002.json",
            datetime!(2026-11-20 10:00 UTC),
        ),
    ] {
        let sig = text(&layout, &format!("{doc}.asc"));
        assert_eq!(
            public
                .verify_detached(layout.get(doc).unwrap(), &sig)
                .unwrap(),
            at,
            "{doc}"
        );
    }
    let feed: Value =
        serde_json::from_slice(layout.get("white/feed-tlp-white.json").unwrap()).unwrap();
    let sig_links: Vec<&str> = feed["feed"]["entry"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["link"].as_array().unwrap())
        .filter(|l| l["rel"] == "signature")
        .map(|l| l["href"].as_str().unwrap())
        .collect();
    assert_eq!(
        sig_links,
        [
            "https://psirt.example.com/.well-known/csaf/white/2026/mamori-2026-0001.json.asc",
            "https://psirt.example.com/.well-known/csaf/white/2025/mamori-2025-0007.json.asc",
        ]
    );
    // The same documents and key give the same bytes (the server lays the folder out per request).
    let again = provider::build_signed(&site(ProviderRole::Provider), &entries(), &k).unwrap();
    assert_eq!(again, layout);
}

/// Breaks a good signed folder and names the requirement the check must report; a path ending
/// in `*` matches by prefix (the key file is named by a fingerprint).
fn check_signed(name: &str, rule: &str, path: &str, breaks: Breakage) {
    let layout =
        provider::build_signed(&site(ProviderRole::Provider), &entries(), &key(1)).unwrap();
    let mut files = layout.files().clone();
    breaks(&mut files);
    let issues = provider::check(&Layout::from_files(files));
    let at = |p: &str| match path.strip_suffix('*') {
        Some(prefix) => p.starts_with(prefix),
        None => p == path,
    };
    assert!(
        issues.iter().any(|i| i.rule == rule && at(&i.path)),
        "{name}: wanted {rule} at {path}, got {issues:?}"
    );
}

#[test]
fn each_broken_signature_rule_is_reported() {
    const DOC: &str = "white/2026/mamori-2026-0001.json";
    const OTHER: &str = "white/2025/mamori-2025-0007.json";
    fn key_file(f: &BTreeMap<String, Vec<u8>>) -> String {
        f.keys()
            .find(|p| p.starts_with("openpgp/"))
            .unwrap()
            .clone()
    }
    let table: &[(&str, &str, &str, Breakage)] = &[
        (
            "missing signature",
            "7.1.19",
            "white/2026/mamori-2026-0001.json.asc",
            |f| {
                f.remove(&format!("{DOC}.asc"));
            },
        ),
        (
            "another document's signature",
            "7.1.19",
            "white/2026/mamori-2026-0001.json.asc",
            |f| {
                let other = f[&format!("{OTHER}.asc")].clone();
                f.insert(format!("{DOC}.asc"), other);
            },
        ),
        (
            "document changed after signing",
            "7.1.19",
            "white/2026/mamori-2026-0001.json.asc",
            |f| {
                let mut b = f[DOC].clone();
                b.extend_from_slice(b"\n");
                f.insert(
                    format!("{DOC}.sha256"),
                    format!("{}  mamori-2026-0001.json\n", provider::sha256_hex(&b)).into(),
                );
                f.insert(
                    format!("{DOC}.sha512"),
                    format!("{}  mamori-2026-0001.json\n", provider::sha512_hex(&b)).into(),
                );
                f.insert(DOC.into(), b);
            },
        ),
        (
            "signed by a key the metadata does not name",
            "7.1.19",
            "white/2026/mamori-2026-0001.json.asc",
            |f| {
                let sig = mamori_csaf::openpgp::sign_detached(
                    &key(2),
                    &f[DOC],
                    datetime!(2026-11-01 10:00 UTC),
                )
                .unwrap();
                f.insert(format!("{DOC}.asc"), sig.into_bytes());
            },
        ),
        (
            "signature that is not one",
            "7.1.19",
            "white/2026/mamori-2026-0001.json.asc",
            |f| {
                f.insert(format!("{DOC}.asc"), b"\xff\xfe".to_vec());
            },
        ),
        ("key file missing", "7.1.20", "openpgp/*", |f| {
            let k = key_file(f);
            f.remove(&k);
        }),
        ("key file is not a key", "7.1.20", "openpgp/*", |f| {
            let k = key_file(f);
            f.insert(k, b"-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nAAAA\n-----END PGP PUBLIC KEY BLOCK-----\n".to_vec());
        }),
        (
            "metadata names another fingerprint",
            "7.1.20",
            "provider-metadata.json",
            |f| {
                let mut v: Value = serde_json::from_slice(&f["provider-metadata.json"]).unwrap();
                v["public_openpgp_keys"][0]["fingerprint"] = json!("0".repeat(40));
                f.insert(
                    "provider-metadata.json".into(),
                    serde_json::to_vec(&v).unwrap(),
                );
            },
        ),
        (
            "metadata names no fingerprint",
            "7.1.20",
            "provider-metadata.json",
            |f| {
                let mut v: Value = serde_json::from_slice(&f["provider-metadata.json"]).unwrap();
                v["public_openpgp_keys"][0]
                    .as_object_mut()
                    .unwrap()
                    .remove("fingerprint");
                f.insert(
                    "provider-metadata.json".into(),
                    serde_json::to_vec(&v).unwrap(),
                );
            },
        ),
        (
            "signatures beside an untrusted role still verify",
            "7.1.19",
            "white/2026/mamori-2026-0001.json.asc",
            |f| {
                let mut v: Value = serde_json::from_slice(&f["provider-metadata.json"]).unwrap();
                v["role"] = json!("csaf_provider");
                f.insert(
                    "provider-metadata.json".into(),
                    serde_json::to_vec(&v).unwrap(),
                );
                f.insert(format!("{DOC}.asc"), b"junk".to_vec());
            },
        ),
    ];
    for (name, rule, path, breaks) in table {
        check_signed(name, rule, path, *breaks);
    }
}
