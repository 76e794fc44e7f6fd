//! CSAF providers: discover distributions from `provider-metadata.json`, list documents
//! changed since the watermark (ROLIE feeds, or `changes.csv` / `index.txt`), and hand
//! over only documents whose hash (and, with a configured key, OpenPGP signature) verify.

use std::io::Cursor;

use pgp::composed::{Deserializable, DetachedSignature, SignedPublicKey};
use reqwest::Url;
use serde::Deserialize;
use sha2::{Digest, Sha256, Sha512};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::http::{Get, Outcome, redacted};
use crate::{FeedSink, FeedSource, Refusal, SyncError, SyncReport, SyncState, Syncer};

#[derive(Deserialize)]
struct Metadata {
    #[serde(default)]
    distributions: Vec<Distribution>,
}

#[derive(Deserialize)]
struct Distribution {
    directory_url: Option<String>,
    rolie: Option<Rolie>,
}

#[derive(Deserialize)]
struct Rolie {
    #[serde(default)]
    feeds: Vec<FeedRef>,
}

#[derive(Deserialize)]
struct FeedRef {
    url: String,
}

#[derive(Deserialize)]
struct FeedDoc {
    feed: Feed,
}

#[derive(Deserialize)]
struct Feed {
    #[serde(default)]
    entry: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    #[serde(default)]
    link: Vec<Link>,
    updated: Option<String>,
    content: Option<Content>,
}

#[derive(Deserialize)]
struct Link {
    rel: String,
    href: String,
}

#[derive(Deserialize)]
struct Content {
    src: String,
}

/// One document to fetch, with the hash and signature locations the listing named.
#[derive(Debug)]
struct DocRef {
    url: Url,
    hash_urls: Vec<Url>,
    signature_url: Option<Url>,
}

/// A provider to sync: its metadata URL and, when configured, its signing key.
pub(crate) struct Provider {
    pub(crate) metadata_url: Url,
    pub(crate) key: Option<SignedPublicKey>,
}

pub(crate) async fn sync<S: FeedSink>(
    syncer: &Syncer,
    state: &mut SyncState,
    sink: &mut S,
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    for provider in &syncer.csaf_providers {
        let key = provider.metadata_url.to_string();
        let since = state.csaf.get(&key).copied();
        let newest = sync_provider(syncer, provider, since, sink, report).await?;
        if let Some(newest) = newest.max(since) {
            state.csaf.insert(key, newest);
        }
    }
    Ok(())
}

/// Returns the newest listing time seen (the provider's next watermark).
async fn sync_provider<S: FeedSink>(
    syncer: &Syncer,
    provider: &Provider,
    since: Option<OffsetDateTime>,
    sink: &mut S,
    report: &mut SyncReport,
) -> Result<Option<OffsetDateTime>, SyncError> {
    let meta_url = &provider.metadata_url;
    let meta: Metadata = json(meta_url, &syncer.http.body(meta_url, Get::default()).await?)?;
    if meta.distributions.is_empty() {
        return Err(csaf_error(
            meta_url,
            "provider metadata lists no distributions",
        ));
    }
    let mut docs: Vec<DocRef> = Vec::new();
    let mut newest: Option<OffsetDateTime> = None;
    for dist in &meta.distributions {
        if let Some(rolie) = &dist.rolie {
            for feed in &rolie.feeds {
                let feed_url = join(meta_url, &feed.url)?;
                let feed: FeedDoc = json(
                    &feed_url,
                    &syncer.http.body(&feed_url, Get::default()).await?,
                )?;
                for entry in feed.feed.entry {
                    list_rolie_entry(&feed_url, entry, since, &mut newest, &mut docs, report)?;
                }
            }
        } else if let Some(dir) = &dist.directory_url {
            let dir = directory(meta_url, dir)?;
            list_directory(syncer, &dir, since, &mut newest, &mut docs, report).await?;
        }
    }
    let host = meta_url.host_str().unwrap_or("provider").to_owned();
    for doc in docs {
        match fetch_verified(syncer, &doc, provider.key.as_ref()).await? {
            Ok(bytes) => {
                let file = doc
                    .url
                    .path_segments()
                    .and_then(|mut s| s.next_back())
                    .unwrap_or("document.json");
                let name = format!("csaf-{host}-{file}");
                sink.accept(FeedSource::Csaf, &name, bytes)
                    .await
                    .map_err(|source| SyncError::Sink { name, source })?;
                report.files += 1;
            }
            Err(reason) => {
                tracing::warn!(url = %redacted(&doc.url), %reason, "csaf document refused");
                report.refused.push(Refusal {
                    url: redacted(&doc.url),
                    reason,
                });
            }
        }
    }
    Ok(newest)
}

fn list_rolie_entry(
    feed_url: &Url,
    entry: Entry,
    since: Option<OffsetDateTime>,
    newest: &mut Option<OffsetDateTime>,
    docs: &mut Vec<DocRef>,
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    let doc_href = entry.content.as_ref().map(|c| c.src.as_str()).or_else(|| {
        entry
            .link
            .iter()
            .find(|l| l.rel == "self")
            .map(|l| l.href.as_str())
    });
    let Some(doc_href) = doc_href else {
        report.refused.push(Refusal {
            url: redacted(feed_url),
            reason: "rolie entry names no document (content.src or self link)".into(),
        });
        return Ok(());
    };
    let url = join(feed_url, doc_href)?;
    let updated = match entry
        .updated
        .as_deref()
        .map(|u| OffsetDateTime::parse(u, &Rfc3339))
    {
        Some(Ok(t)) => Some(t),
        Some(Err(_)) | None => None,
    };
    if let Some(t) = updated {
        *newest = (*newest).max(Some(t));
        if since.is_some_and(|s| t <= s) {
            return Ok(());
        }
    }
    let mut hash_urls = Vec::new();
    let mut signature_url = None;
    for link in &entry.link {
        match link.rel.as_str() {
            "hash" => hash_urls.push(join(feed_url, &link.href)?),
            "signature" => signature_url = Some(join(feed_url, &link.href)?),
            _ => {}
        }
    }
    // Prefer SHA-512 when the feed names both.
    hash_urls.sort_by_key(|u| !u.path().ends_with(".sha512"));
    push_unique(
        docs,
        DocRef {
            url,
            hash_urls,
            signature_url,
        },
    );
    Ok(())
}

/// `changes.csv` (path, time; only rows newer than the watermark), else `index.txt`
/// (no times: every listed document is fetched).
async fn list_directory(
    syncer: &Syncer,
    dir: &Url,
    since: Option<OffsetDateTime>,
    newest: &mut Option<OffsetDateTime>,
    docs: &mut Vec<DocRef>,
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    let changes_url = join(dir, "changes.csv")?;
    let opts = Get {
        missing_ok: true,
        ..Get::default()
    };
    if let Outcome::Body(body) = syncer.http.get(&changes_url, opts).await? {
        let text = String::from_utf8_lossy(&body.bytes);
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let Some((path, when)) = changes_row(line) else {
                report.refused.push(Refusal {
                    url: format!("{}#line={}", redacted(&changes_url), n + 1),
                    reason: "changes.csv row is not \"path\",\"time\"".into(),
                });
                continue;
            };
            if since.is_some_and(|s| when <= s) {
                continue;
            }
            *newest = (*newest).max(Some(when));
            push_unique(
                docs,
                DocRef {
                    url: join(dir, &path)?,
                    hash_urls: Vec::new(),
                    signature_url: None,
                },
            );
        }
        return Ok(());
    }
    let index_url = join(dir, "index.txt")?;
    let text = syncer.http.body(&index_url, Get::default()).await?;
    for line in String::from_utf8_lossy(&text).lines() {
        let path = line.trim();
        if !path.is_empty() {
            push_unique(
                docs,
                DocRef {
                    url: join(dir, path)?,
                    hash_urls: Vec::new(),
                    signature_url: None,
                },
            );
        }
    }
    Ok(())
}

/// One `changes.csv` row: a quoted or bare relative path, a comma, an RFC 3339 time.
fn changes_row(line: &str) -> Option<(String, OffsetDateTime)> {
    let (path, when) = line.rsplit_once(',')?;
    let unquote = |s: &str| s.trim().trim_matches('"').to_owned();
    let when = OffsetDateTime::parse(&unquote(when), &Rfc3339).ok()?;
    let path = unquote(path);
    (!path.is_empty()).then_some((path, when))
}

fn push_unique(docs: &mut Vec<DocRef>, doc: DocRef) {
    if !docs.iter().any(|d| d.url == doc.url) {
        docs.push(doc);
    }
}

/// Outer `Err`: the download failed (the sync stops). Inner `Err`: the document is
/// refused, with the reason.
async fn fetch_verified(
    syncer: &Syncer,
    doc: &DocRef,
    key: Option<&SignedPublicKey>,
) -> Result<Result<Vec<u8>, String>, SyncError> {
    let bytes = syncer.http.body(&doc.url, Get::default()).await?;
    let hash_urls = if doc.hash_urls.is_empty() {
        vec![suffixed(&doc.url, ".sha512"), suffixed(&doc.url, ".sha256")]
    } else {
        doc.hash_urls.clone()
    };
    let mut checked = false;
    for hash_url in &hash_urls {
        let opts = Get {
            missing_ok: true,
            ..Get::default()
        };
        let Outcome::Body(body) = syncer.http.get(hash_url, opts).await? else {
            continue;
        };
        if let Err(reason) = check_hash(&bytes, &body.bytes, hash_url.path()) {
            return Ok(Err(reason));
        }
        checked = true;
        break;
    }
    if !checked {
        return Ok(Err("no .sha512 or .sha256 file".into()));
    }
    if let Some(key) = key {
        let sig_url = doc
            .signature_url
            .clone()
            .unwrap_or_else(|| suffixed(&doc.url, ".asc"));
        let opts = Get {
            missing_ok: true,
            ..Get::default()
        };
        let Outcome::Body(sig) = syncer.http.get(&sig_url, opts).await? else {
            return Ok(Err("no .asc signature file, and a key is configured".into()));
        };
        if let Err(reason) = verify_signature(key, &bytes, &sig.bytes) {
            return Ok(Err(reason));
        }
    }
    Ok(Ok(bytes))
}

/// Compares `bytes` with a `sha512sum`/`sha256sum` style file (`HEX  name` or `HEX`).
fn check_hash(bytes: &[u8], hash_file: &[u8], hash_path: &str) -> Result<(), String> {
    let text = String::from_utf8_lossy(hash_file);
    let expected = text
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let actual = if hash_path.ends_with(".sha256") || expected.len() == 64 {
        hex::encode(Sha256::digest(bytes))
    } else {
        hex::encode(Sha512::digest(bytes))
    };
    if expected.is_empty() {
        Err("hash file is empty".into())
    } else if expected != actual {
        Err(format!(
            "hash mismatch: file says {expected}, document is {actual}"
        ))
    } else {
        Ok(())
    }
}

/// A detached signature (armored or binary) made by the primary key or any subkey.
pub(crate) fn verify_signature(
    key: &SignedPublicKey,
    data: &[u8],
    sig: &[u8],
) -> Result<(), String> {
    let signature = match DetachedSignature::from_armor_single(Cursor::new(sig)) {
        Ok((s, _)) => s,
        Err(_) => DetachedSignature::from_bytes(Cursor::new(sig))
            .map_err(|e| format!("unreadable signature: {e}"))?,
    };
    if signature.verify(&key.primary_key, data).is_ok()
        || key
            .public_subkeys
            .iter()
            .any(|sub| signature.verify(&sub.key, data).is_ok())
    {
        Ok(())
    } else {
        Err("openpgp signature does not verify with the configured key".into())
    }
}

/// Reads a public key file (armored or binary) and checks its self-signatures.
pub(crate) fn load_key(path: &std::path::Path) -> Result<SignedPublicKey, SyncError> {
    let err = |detail: String| SyncError::Key {
        path: path.display().to_string(),
        detail,
    };
    let bytes = std::fs::read(path).map_err(|e| err(e.to_string()))?;
    let key = match SignedPublicKey::from_armor_single(Cursor::new(&bytes)) {
        Ok((k, _)) => k,
        Err(_) => {
            SignedPublicKey::from_bytes(Cursor::new(&bytes)).map_err(|e| err(e.to_string()))?
        }
    };
    key.verify_bindings()
        .map_err(|e| err(format!("bad self-signature: {e}")))?;
    Ok(key)
}

fn suffixed(url: &Url, suffix: &str) -> Url {
    let mut u = url.clone();
    u.set_path(&format!("{}{suffix}", url.path()));
    u
}

fn directory(base: &Url, dir: &str) -> Result<Url, SyncError> {
    let dir = if dir.ends_with('/') {
        dir.to_owned()
    } else {
        format!("{dir}/")
    };
    join(base, &dir)
}

fn join(base: &Url, href: &str) -> Result<Url, SyncError> {
    base.join(href)
        .map_err(|e| csaf_error(base, &format!("bad link {href:?}: {e}")))
}

fn json<T: for<'de> Deserialize<'de>>(url: &Url, bytes: &[u8]) -> Result<T, SyncError> {
    serde_json::from_slice(bytes).map_err(|source| SyncError::Json {
        url: redacted(url),
        source,
    })
}

fn csaf_error(url: &Url, detail: &str) -> SyncError {
    SyncError::Csaf {
        url: redacted(url),
        detail: detail.to_owned(),
    }
}
