//! CSAF providers: ROLIE and changes.csv listings, hash and OpenPGP checks.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use mamori_sync::{CollectSink, CsafProviderConfig, FeedSource, SyncState, Syncer};
use pgp::composed::{
    ArmorOptions, DetachedSignature, KeyType, SecretKeyParamsBuilder, SignedPublicKey,
    SignedSecretKey,
};
use pgp::crypto::hash::HashAlgorithm;
use pgp::types::Password;
use sha2::{Digest, Sha256, Sha512};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use time::macros::datetime;

use crate::support::{Reply, Server, bounded, config};

type Files = Arc<Mutex<HashMap<String, Vec<u8>>>>;

async fn file_server() -> (Server, Files) {
    let files: Files = Arc::default();
    let served = files.clone();
    let server = Server::start(move |req, _| match served.lock().unwrap().get(&req.path) {
        Some(body) => Reply::ok(body.clone()),
        None => Reply::status(404),
    })
    .await;
    (server, files)
}

fn key() -> SignedSecretKey {
    let mut params = SecretKeyParamsBuilder::default();
    params
        .key_type(KeyType::Ed25519Legacy)
        .can_certify(true)
        .can_sign(true)
        .primary_user_id("PSIRT test <psirt@example.invalid>".into());
    params
        .build()
        .unwrap()
        .generate(rand::thread_rng())
        .unwrap()
}

fn sign(key: &SignedSecretKey, data: &[u8]) -> Vec<u8> {
    DetachedSignature::sign_binary_data(
        rand::thread_rng(),
        &key.primary_key,
        &Password::empty(),
        HashAlgorithm::Sha256,
        data,
    )
    .unwrap()
    .to_armored_bytes(ArmorOptions::default())
    .unwrap()
}

fn doc(id: &str) -> Vec<u8> {
    format!(r#"{{"document":{{"category":"csaf_security_advisory","csaf_version":"2.0","tracking":{{"id":"{id}"}}}}}}"#).into_bytes()
}

fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap()
}

/// ROLIE feed with a configured key: (document, how its companions are broken,
/// entry time) → handed over, refused with a reason, or not even fetched.
#[tokio::test]
async fn rolie_with_signatures() {
    bounded(async {
        let (server, files) = file_server().await;
        let signer = key();
        let stranger = key();
        let since = datetime!(2025-01-01 00:00 UTC);
        // (file, sha512 right, signed by our key, updated)
        let docs = [
            ("good.json", true, true, datetime!(2025-02-01 00:00 UTC)),
            ("bad-hash.json", false, true, datetime!(2025-02-02 00:00 UTC)),
            ("bad-signature.json", true, false, datetime!(2025-02-03 00:00 UTC)),
            ("old.json", true, true, datetime!(2024-12-01 00:00 UTC)),
        ];
        let mut entries = Vec::new();
        {
            let mut f = files.lock().unwrap();
            for (name, hash_ok, ours, updated) in docs {
                let path = format!("/advisories/2025/{name}");
                let body = doc(name);
                let digest = if hash_ok { hex::encode(Sha512::digest(&body)) } else { hex::encode(Sha512::digest(b"other")) };
                f.insert(format!("{path}.sha512"), format!("{digest}  {name}\n").into_bytes());
                f.insert(format!("{path}.asc"), sign(if ours { &signer } else { &stranger }, &body));
                f.insert(path.clone(), body);
                entries.push(serde_json::json!({
                    "id": name, "title": name, "published": rfc3339(updated), "updated": rfc3339(updated),
                    "link": [
                        {"rel": "self", "href": server.url(&path)},
                        {"rel": "hash", "href": server.url(&format!("{path}.sha512"))},
                        {"rel": "signature", "href": server.url(&format!("{path}.asc"))}
                    ],
                    "format": {"schema": "https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json", "version": "2.0"},
                    "content": {"type": "application/json", "src": server.url(&path)}
                }));
            }
            let feed = serde_json::json!({"feed": {"id": "white", "title": "TLP:WHITE", "updated": rfc3339(since), "entry": entries}});
            f.insert("/feeds/white.json".into(), serde_json::to_vec(&feed).unwrap());
            let meta = serde_json::json!({
                "canonical_url": server.url("/.well-known/csaf/provider-metadata.json"),
                "distributions": [{"rolie": {"feeds": [{"summary": "white", "tlp_label": "WHITE", "url": server.url("/feeds/white.json")}]}}],
                "metadata_version": "2.0", "role": "csaf_trusted_provider"
            });
            f.insert("/.well-known/csaf/provider-metadata.json".into(), serde_json::to_vec(&meta).unwrap());
        }
        let key_file = tempfile::NamedTempFile::new().unwrap();
        let public = SignedPublicKey::from(signer.clone());
        std::fs::write(key_file.path(), public.to_armored_bytes(ArmorOptions::default()).unwrap()).unwrap();

        let meta_url = server.url("/.well-known/csaf/provider-metadata.json");
        let mut c = config(&server);
        c.csaf.providers = vec![CsafProviderConfig {
            metadata_url: Some(meta_url.clone()),
            domain: None,
            openpgp_key: Some(key_file.path().to_owned()),
        }];
        let mut state: SyncState = serde_json::from_value(serde_json::json!({"csaf": {meta_url.clone(): rfc3339(since)}})).unwrap();
        let mut sink = CollectSink::default();
        let report = Syncer::new(c).unwrap().sync(FeedSource::Csaf, &mut state, &mut sink).await.unwrap();

        let handed: Vec<&str> = sink.files.iter().map(|(_, n, _)| n.as_str()).collect();
        assert_eq!(handed, ["csaf-127.0.0.1-good.json"]);
        assert_eq!(sink.files[0].2, doc("good.json"));
        let refused: Vec<(String, String)> = report
            .refused
            .iter()
            .map(|r| (r.url.rsplit('/').next().unwrap().to_owned(), r.reason.split(':').next().unwrap().to_owned()))
            .collect();
        assert_eq!(
            refused,
            [
                ("bad-hash.json".to_owned(), "hash mismatch".to_owned()),
                ("bad-signature.json".to_owned(), "openpgp signature does not verify with the configured key".to_owned()),
            ]
        );
        assert!(!server.paths().iter().any(|p| p.contains("old.json")), "old entry fetched");
        assert_eq!(state.csaf_last_updated(&meta_url), Some(datetime!(2025-02-03 00:00 UTC)));
    })
    .await;
}

/// A directory distribution: changes.csv rows newer than the watermark only; .sha256
/// when there is no .sha512; no hash file at all is a refusal; a second run fetches
/// no document.
#[tokio::test]
async fn changes_csv() {
    bounded(async {
        let (server, files) = file_server().await;
        {
            let mut f = files.lock().unwrap();
            let new = doc("new");
            f.insert("/csaf/white/2025/new.json.sha256".into(), hex::encode(Sha256::digest(&new)).into_bytes());
            f.insert("/csaf/white/2025/new.json".into(), new);
            f.insert("/csaf/white/2025/unhashed.json".into(), doc("unhashed"));
            f.insert("/csaf/white/2024/old.json".into(), doc("old"));
            f.insert(
                "/csaf/white/changes.csv".into(),
                b"\"2025/unhashed.json\",\"2025-03-02T10:00:00Z\"\n\"2025/new.json\",\"2025-03-01T10:00:00Z\"\n\"2024/old.json\",\"2024-06-01T10:00:00Z\"\n".to_vec(),
            );
            let meta = serde_json::json!({"distributions": [{"directory_url": server.url("/csaf/white")}], "role": "csaf_provider"});
            f.insert("/provider-metadata.json".into(), serde_json::to_vec(&meta).unwrap());
        }
        let meta_url = server.url("/provider-metadata.json");
        let mut c = config(&server);
        c.csaf.providers = vec![CsafProviderConfig { metadata_url: Some(meta_url.clone()), ..Default::default() }];
        let syncer = Syncer::new(c).unwrap();
        let mut state: SyncState =
            serde_json::from_value(serde_json::json!({"csaf": {meta_url.clone(): "2025-01-01T00:00:00Z"}})).unwrap();
        let mut sink = CollectSink::default();
        let report = syncer.sync(FeedSource::Csaf, &mut state, &mut sink).await.unwrap();
        let handed: Vec<&str> = sink.files.iter().map(|(_, n, _)| n.as_str()).collect();
        assert_eq!(handed, ["csaf-127.0.0.1-new.json"]);
        assert_eq!(report.refused.len(), 1);
        assert!(report.refused[0].url.ends_with("unhashed.json"), "{:?}", report.refused);
        assert_eq!(report.refused[0].reason, "no .sha512 or .sha256 file");
        assert!(!server.paths().iter().any(|p| p.contains("old.json")));
        assert_eq!(state.csaf_last_updated(&meta_url), Some(datetime!(2025-03-02 10:00 UTC)));

        let before = server.requests().len();
        let again = syncer.sync(FeedSource::Csaf, &mut state, &mut sink).await.unwrap();
        assert_eq!(again.files, 0);
        let later: Vec<String> = server.paths()[before..].to_vec();
        assert_eq!(later, ["/provider-metadata.json", "/csaf/white/changes.csv"]);
    })
    .await;
}

/// The public signature check on its own: good, tampered data, wrong key, garbage.
#[test]
fn detached_signature_check() {
    let signer = key();
    let other = key();
    let public = SignedPublicKey::from(signer.clone())
        .to_armored_bytes(ArmorOptions::default())
        .unwrap();
    let data = b"advisory bytes";
    let cases: &[(&str, Vec<u8>, &[u8], bool)] = &[
        ("good", sign(&signer, data), data, true),
        (
            "tampered data",
            sign(&signer, data),
            b"advisory bytez",
            false,
        ),
        ("other key", sign(&other, data), data, false),
        (
            "garbage",
            b"-----BEGIN PGP SIGNATURE-----\nxx\n".to_vec(),
            data,
            false,
        ),
    ];
    for (label, sig, content, ok) in cases {
        let result = mamori_sync::verify_detached_signature(&public, content, sig);
        assert_eq!(result.is_ok(), *ok, "{label}: {result:?}");
    }
}
