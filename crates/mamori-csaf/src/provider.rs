//! Publishing as a CSAF provider (CSAF 2.0 section 7) — pure: published documents in, the files of a
//! `/.well-known/csaf/` folder out, and a check of such a folder against the rules of 7.1.
//!
//! [`build`] lays out `provider-metadata.json`, one folder per TLP label (CSAF 2.0 names them by
//! TLP 1.0 labels: TLP:CLEAR is filed as `white`), one folder per year of the initial release date
//! below it, each document under the file name of requirement 2 ([`file_name`]) with its `.sha256`
//! and `.sha512`, and per TLP folder `index.txt`, `changes.csv` (newest first) and a ROLIE feed.
//! [`check`] reads a layout back and reports what breaks the requirements it can judge offline.
//! [`build`] produces no signatures, so its role is `csaf_provider` unless the caller names keys and
//! takes the trusted-provider role on itself; [`build_signed`] signs every document with an
//! OpenPGP key (`.asc`, requirement 19), publishes the public key under `openpgp/` and names it in
//! the metadata (requirement 20), and claims `csaf_trusted_provider`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde_json::{Value, json};
use sha2::{Digest, Sha256, Sha512};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::openpgp::{self, PublicKey, SigningKey};
use crate::vex::Publisher;

/// A Traffic Light Protocol label (TLP 2.0 names; CSAF 2.0 documents carry the TLP 1.0 label).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tlp {
    /// TLP:CLEAR (CSAF 2.0: WHITE): anyone may read it.
    Clear,
    /// TLP:GREEN: the community.
    Green,
    /// TLP:AMBER: the recipient's organization and its clients.
    Amber,
    /// TLP:AMBER+STRICT (CSAF 2.0 has no such label: written as AMBER).
    AmberStrict,
    /// TLP:RED: the named recipients only.
    Red,
}

impl Tlp {
    /// Every label, least restricted first.
    pub const ALL: [Tlp; 5] = [
        Tlp::Clear,
        Tlp::Green,
        Tlp::Amber,
        Tlp::AmberStrict,
        Tlp::Red,
    ];

    /// The TLP 2.0 name: `CLEAR`, `GREEN`, `AMBER`, `AMBER+STRICT`, `RED`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Tlp::Clear => "CLEAR",
            Tlp::Green => "GREEN",
            Tlp::Amber => "AMBER",
            Tlp::AmberStrict => "AMBER+STRICT",
            Tlp::Red => "RED",
        }
    }

    /// Reads a TLP 2.0 name (any case, with or without `TLP:`); `WHITE` is read as CLEAR.
    pub fn parse(s: &str) -> Option<Tlp> {
        let s = s.trim();
        let s = s
            .get(..4)
            .filter(|p| p.eq_ignore_ascii_case("tlp:"))
            .map_or(s, |_| &s[4..]);
        match s.to_ascii_uppercase().as_str() {
            "CLEAR" | "WHITE" => Some(Tlp::Clear),
            "GREEN" => Some(Tlp::Green),
            "AMBER" => Some(Tlp::Amber),
            "AMBER+STRICT" => Some(Tlp::AmberStrict),
            "RED" => Some(Tlp::Red),
            _ => None,
        }
    }

    /// The label a CSAF 2.0 document and a provider's ROLIE feed carry (`/document/distribution/tlp/label`).
    pub const fn csaf_label(self) -> &'static str {
        match self {
            Tlp::Clear => "WHITE",
            Tlp::Green => "GREEN",
            Tlp::Amber | Tlp::AmberStrict => "AMBER",
            Tlp::Red => "RED",
        }
    }

    /// The folder below `/.well-known/csaf/` the label's documents are filed in.
    pub const fn folder(self) -> &'static str {
        match self {
            Tlp::Clear => "white",
            Tlp::Green => "green",
            Tlp::Amber | Tlp::AmberStrict => "amber",
            Tlp::Red => "red",
        }
    }
}

/// The provider's role in `provider-metadata.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProviderRole {
    /// `csaf_provider`.
    Provider,
    /// `csaf_trusted_provider`: also signs every document and names its OpenPGP keys.
    TrustedProvider,
}

impl ProviderRole {
    /// The CSAF name.
    pub const fn as_str(self) -> &'static str {
        match self {
            ProviderRole::Provider => "csaf_provider",
            ProviderRole::TrustedProvider => "csaf_trusted_provider",
        }
    }
}

/// Where and by whom documents are published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// The URL of the `/.well-known/csaf` folder, without a trailing slash.
    pub base_url: String,
    /// The publisher, as in the documents.
    pub publisher: Publisher,
    /// The role claimed.
    pub role: ProviderRole,
    /// URLs of the public OpenPGP keys with their fingerprints (a trusted provider needs one).
    pub openpgp_keys: Vec<(String, String)>,
    /// When the metadata last changed (the latest publication).
    pub last_updated: OffsetDateTime,
}

/// One published document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// `/document/tracking/id`.
    pub tracking_id: String,
    /// `/document/title`.
    pub title: String,
    /// Its TLP label.
    pub tlp: Tlp,
    /// `/document/tracking/initial_release_date`: the year folder comes from it.
    pub initial_release: OffsetDateTime,
    /// `/document/tracking/current_release_date`.
    pub current_release: OffsetDateTime,
    /// The document exactly as published.
    pub bytes: Vec<u8>,
}

/// The files of a provider folder, by path relative to its base (`white/2026/x.json`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    files: BTreeMap<String, Vec<u8>>,
}

impl Layout {
    /// A layout from files (for checking a folder read from disk).
    pub fn from_files(files: BTreeMap<String, Vec<u8>>) -> Layout {
        Layout { files }
    }

    /// A file's bytes.
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    /// Every path, sorted.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// Every file.
    pub fn files(&self) -> &BTreeMap<String, Vec<u8>> {
        &self.files
    }
}

/// Why a layout was not built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProviderError {
    /// Two documents get the same file name.
    #[error("{first} and {second} both file as {file}")]
    SameFile {
        /// One tracking id.
        first: String,
        /// The other.
        second: String,
        /// The file name.
        file: String,
    },
    /// A document's bytes say something other than its entry.
    #[error("{tracking_id}: {reason}")]
    Mismatch {
        /// The entry's tracking id.
        tracking_id: String,
        /// What differs.
        reason: String,
    },
    /// The base URL is not an `https://` or `http://` URL.
    #[error("base url {0:?} is not an http(s) url")]
    BaseUrl(String),
    /// A document could not be signed.
    #[error("{tracking_id}: cannot sign: {source}")]
    Sign {
        /// The entry's tracking id.
        tracking_id: String,
        /// Why.
        source: openpgp::OpenPgpError,
    },
    /// The public key could not be written.
    #[error("the public signing key cannot be written: {0}")]
    Key(openpgp::OpenPgpError),
}

/// One broken requirement found by [`check`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// The requirement of CSAF 2.0 section 7.1, e.g. `"7.1.2"` (file name), `"7.1.12"` (index.txt).
    pub rule: &'static str,
    /// The file concerned.
    pub path: String,
    /// What is wrong, lower-case English.
    pub message: String,
}

/// The file name of requirement 2 (section 5.1): the tracking id lower-cased, every character
/// other than `+`, `-`, `a`–`z` and `0`–`9` replaced by `_`, and `.json`.
pub fn file_name(tracking_id: &str) -> String {
    let mut out: String = tracking_id
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '+' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    out.push_str(".json");
    out
}

/// The hex SHA-256 of bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The hex SHA-512 of bytes.
pub fn sha512_hex(bytes: &[u8]) -> String {
    hex::encode(Sha512::digest(bytes))
}

/// The path of a document below the base: `white/2026/mamori-2026-0001.json`.
pub fn document_path(entry: &Entry) -> String {
    format!(
        "{}/{}/{}",
        entry.tlp.folder(),
        entry.initial_release.year(),
        file_name(&entry.tracking_id)
    )
}

/// The path of a TLP label's ROLIE feed below the base.
pub fn feed_path(tlp: Tlp) -> String {
    format!("{0}/feed-tlp-{0}.json", tlp.folder())
}

fn rfc3339(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    let t = t.replace_nanosecond(0).unwrap_or(t);
    t.format(&Rfc3339).unwrap_or_default()
}

fn pretty(v: &Value) -> Vec<u8> {
    // A Value always serializes: string keys, finite numbers.
    let mut out = serde_json::to_vec_pretty(v).unwrap_or_default();
    out.push(b'\n');
    out
}

/// The path of the public key file below the base: `openpgp/<FINGERPRINT>.asc`.
pub fn key_path(fingerprint: &str) -> String {
    format!("openpgp/{fingerprint}.asc")
}

/// Lays out the provider folder for `entries`, unsigned.
pub fn build(site: &Site, entries: &[Entry]) -> Result<Layout, ProviderError> {
    build_inner(site, entries, None)
}

/// Lays out the folder of a trusted provider: as [`build`], with every document signed by `key`
/// (its `.asc`, linked from the ROLIE entry), the public key at [`key_path`], named in the
/// metadata's `public_openpgp_keys`, and the role `csaf_trusted_provider`. Each signature is dated
/// at the document's current release (or the key's creation, when that is later), so the same
/// documents and key always give the same bytes.
pub fn build_signed(
    site: &Site,
    entries: &[Entry],
    key: &SigningKey,
) -> Result<Layout, ProviderError> {
    let fingerprint = key.fingerprint();
    let base = site.base_url.trim_end_matches('/');
    let site = Site {
        role: ProviderRole::TrustedProvider,
        openpgp_keys: vec![(format!("{base}/{}", key_path(&fingerprint)), fingerprint)],
        ..site.clone()
    };
    build_inner(&site, entries, Some(key))
}

fn build_inner(
    site: &Site,
    entries: &[Entry],
    key: Option<&SigningKey>,
) -> Result<Layout, ProviderError> {
    if !(site.base_url.starts_with("https://") || site.base_url.starts_with("http://")) {
        return Err(ProviderError::BaseUrl(site.base_url.clone()));
    }
    let base = site.base_url.trim_end_matches('/');
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut by_file: BTreeMap<String, &str> = BTreeMap::new();
    for e in entries {
        check_entry(e)?;
        let file = file_name(&e.tracking_id);
        if let Some(first) = by_file.insert(file.clone(), &e.tracking_id) {
            return Err(ProviderError::SameFile {
                first: first.to_owned(),
                second: e.tracking_id.clone(),
                file,
            });
        }
    }

    // Every label with documents has a folder and a feed; WHITE always has one, so the
    // metadata names at least one feed even before the first publication.
    let mut tlps: BTreeSet<&'static str> = BTreeSet::from([Tlp::Clear.folder()]);
    tlps.extend(entries.iter().map(|e| e.tlp.folder()));

    for folder in &tlps {
        let tlp = Tlp::ALL
            .into_iter()
            .find(|t| t.folder() == *folder)
            .unwrap_or(Tlp::Clear);
        let mut here: Vec<&Entry> = entries
            .iter()
            .filter(|e| e.tlp.folder() == *folder)
            .collect();
        // Newest first for changes.csv and the feed; ties by file name so the output is stable.
        here.sort_by(|a, b| {
            b.current_release
                .cmp(&a.current_release)
                .then_with(|| file_name(&a.tracking_id).cmp(&file_name(&b.tracking_id)))
        });
        let mut index: Vec<String> = Vec::new();
        let mut changes = String::new();
        let mut feed_entries = Vec::new();
        for e in &here {
            let path = document_path(e);
            let rel = path
                .strip_prefix(&format!("{folder}/"))
                .unwrap_or(&path)
                .to_owned();
            let name = file_name(&e.tracking_id);
            let url = format!("{base}/{path}");
            let sha256 = sha256_hex(&e.bytes);
            let sha512 = sha512_hex(&e.bytes);
            files.insert(
                format!("{path}.sha256"),
                format!("{sha256}  {name}\n").into(),
            );
            files.insert(
                format!("{path}.sha512"),
                format!("{sha512}  {name}\n").into(),
            );
            files.insert(path.clone(), e.bytes.clone());
            let mut links = vec![
                json!({"rel": "self", "href": url}),
                json!({"rel": "hash", "href": format!("{url}.sha256")}),
                json!({"rel": "hash", "href": format!("{url}.sha512")}),
            ];
            if let Some(key) = key {
                let at = e.current_release.max(key.created());
                let sig = openpgp::sign_detached(key, &e.bytes, at).map_err(|source| {
                    ProviderError::Sign {
                        tracking_id: e.tracking_id.clone(),
                        source,
                    }
                })?;
                files.insert(format!("{path}.asc"), sig.into_bytes());
                links.push(json!({"rel": "signature", "href": format!("{url}.asc")}));
            }
            let _ = writeln!(changes, "\"{rel}\",\"{}\"", rfc3339(e.current_release));
            index.push(rel);
            feed_entries.push(json!({
                "id": e.tracking_id,
                "title": e.title,
                "link": links,
                "published": rfc3339(e.initial_release),
                "updated": rfc3339(e.current_release),
                "summary": {"content": e.title},
                "content": {"type": "application/json", "src": url},
                "format": {
                    "schema": "https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json",
                    "version": "2.0",
                },
            }));
        }
        index.sort();
        let mut index_txt = String::new();
        for line in &index {
            index_txt.push_str(line);
            index_txt.push('\n');
        }
        files.insert(format!("{folder}/index.txt"), index_txt.into_bytes());
        files.insert(format!("{folder}/changes.csv"), changes.into_bytes());
        let updated = here
            .first()
            .map_or(site.last_updated, |e| e.current_release);
        let feed = json!({
            "feed": {
                "id": format!("{}-csaf-feed-tlp-{folder}", site.publisher.name.to_lowercase().replace(|c: char| !c.is_ascii_alphanumeric(), "-")),
                "title": format!("{} CSAF feed (TLP:{})", site.publisher.name, tlp.csaf_label()),
                "link": [{"rel": "self", "href": format!("{base}/{}", feed_path(tlp))}],
                "category": [
                    {"scheme": "urn:ietf:params:rolie:category:information-type", "term": "csaf"},
                ],
                "updated": rfc3339(updated),
                "entry": feed_entries,
            }
        });
        files.insert(feed_path(tlp), pretty(&feed));
    }

    let feeds: Vec<Value> = tlps
        .iter()
        .filter_map(|f| Tlp::ALL.into_iter().find(|t| t.folder() == *f))
        .map(|t| {
            json!({
                "summary": format!("TLP:{} advisories", t.csaf_label()),
                "tlp_label": t.csaf_label(),
                "url": format!("{base}/{}", feed_path(t)),
            })
        })
        .collect();
    let mut meta = json!({
        "canonical_url": format!("{base}/provider-metadata.json"),
        "distributions": [{"rolie": {"feeds": feeds}}],
        "last_updated": rfc3339(site.last_updated),
        "list_on_CSAF_aggregators": true,
        "metadata_version": "2.0",
        "mirror_on_CSAF_aggregators": true,
        "publisher": {
            "category": site.publisher.category.as_str(),
            "name": site.publisher.name,
            "namespace": site.publisher.namespace,
        },
        "role": site.role.as_str(),
    });
    if !site.openpgp_keys.is_empty() {
        meta["public_openpgp_keys"] = site
            .openpgp_keys
            .iter()
            .map(|(url, fp)| json!({"fingerprint": fp, "url": url}))
            .collect();
    }
    files.insert("provider-metadata.json".into(), pretty(&meta));
    if let Some(key) = key {
        let public = key.public_armored().map_err(ProviderError::Key)?;
        files.insert(key_path(&key.fingerprint()), public.into_bytes());
    }
    Ok(Layout { files })
}

/// The entry must say what its document says: the same tracking id, title, dates and TLP.
fn check_entry(e: &Entry) -> Result<(), ProviderError> {
    let mismatch = |reason: String| ProviderError::Mismatch {
        tracking_id: e.tracking_id.clone(),
        reason,
    };
    let doc: Value = serde_json::from_slice(&e.bytes)
        .map_err(|err| mismatch(format!("the document is not json: {err}")))?;
    let d = &doc["document"];
    if d["tracking"]["id"].as_str() != Some(e.tracking_id.as_str()) {
        return Err(mismatch(format!(
            "the document's tracking id is {}",
            d["tracking"]["id"]
        )));
    }
    if d["title"].as_str() != Some(e.title.as_str()) {
        return Err(mismatch("the document's title differs".into()));
    }
    for (field, want) in [
        ("initial_release_date", e.initial_release),
        ("current_release_date", e.current_release),
    ] {
        let got = d["tracking"][field]
            .as_str()
            .and_then(|s| OffsetDateTime::parse(s, &Rfc3339).ok());
        if got != Some(want.replace_nanosecond(0).unwrap_or(want)) {
            return Err(mismatch(format!("the document's {field} differs")));
        }
    }
    if d["distribution"]["tlp"]["label"].as_str() != Some(e.tlp.csaf_label()) {
        return Err(mismatch(format!(
            "the document's tlp label is not {}",
            e.tlp.csaf_label()
        )));
    }
    Ok(())
}

/// Checks a provider folder against the requirements of section 7.1 that need no network:
/// valid documents (1), file names (2), the metadata (7), one folder per year (11), `index.txt`
/// (12), `changes.csv` (13), one ROLIE feed per TLP listing exactly its documents (15), the
/// hashes (18), and for a trusted provider, or wherever a `.asc` is present, the signatures (19:
/// each verifies with a key the metadata names) and the public keys (20: named with their
/// fingerprints, and those below the canonical URL present and matching). An empty result means
/// none is broken.
pub fn check(layout: &Layout) -> Vec<Issue> {
    let mut issues = Vec::new();
    let mut issue = |rule: &'static str, path: &str, message: String| {
        issues.push(Issue {
            rule,
            path: path.to_owned(),
            message,
        });
    };

    // Documents: every .json two folders deep (tlp/year/file.json).
    let mut docs: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for path in layout.paths() {
        let parts: Vec<&str> = path.split('/').collect();
        let [folder, year, name] = parts[..] else {
            continue;
        };
        if !name.ends_with(".json") {
            continue;
        }
        let Some(bytes) = layout.get(path) else {
            continue;
        };
        docs.entry(folder)
            .or_default()
            .insert(format!("{year}/{name}"));
        let doc: Value = match serde_json::from_slice(bytes) {
            Ok(v) => v,
            Err(e) => {
                issue("7.1.1", path, format!("not json: {e}"));
                continue;
            }
        };
        let report = crate::validate_value(&doc);
        for f in &report.errors {
            issue("7.1.1", path, f.to_string());
        }
        let d = &doc["document"];
        let tracking = d["tracking"]["id"].as_str().unwrap_or_default();
        if file_name(tracking) != name {
            issue(
                "7.1.2",
                path,
                format!("tracking id {tracking:?} files as {}", file_name(tracking)),
            );
        }
        let initial = d["tracking"]["initial_release_date"]
            .as_str()
            .and_then(|s| OffsetDateTime::parse(s, &Rfc3339).ok());
        if initial.map(|t| t.year().to_string()).as_deref() != Some(year) {
            issue(
                "7.1.11",
                path,
                "the year folder is not the year of the initial release date".into(),
            );
        }
        let label = d["distribution"]["tlp"]["label"].as_str().unwrap_or("");
        if label.to_ascii_lowercase() != folder {
            issue(
                "7.1.15",
                path,
                format!("a document labelled {label:?} is in the {folder} folder"),
            );
        }
        for (ext, hash) in [("sha256", sha256_hex(bytes)), ("sha512", sha512_hex(bytes))] {
            let hp = format!("{path}.{ext}");
            match layout.get(&hp).and_then(|b| std::str::from_utf8(b).ok()) {
                None => issue("7.1.18", &hp, "missing".into()),
                Some(text) => {
                    let mut it = text.split_whitespace();
                    if it.next() != Some(hash.as_str()) || it.next() != Some(name) {
                        issue("7.1.18", &hp, format!("does not hold the {ext} of {name}"));
                    }
                }
            }
        }
    }

    // provider-metadata.json.
    let mut feed_urls: Vec<(String, String)> = Vec::new();
    let mut base = String::new();
    let mut trusted = false;
    let mut key_urls: Vec<(String, Option<String>)> = Vec::new();
    match layout
        .get("provider-metadata.json")
        .map(serde_json::from_slice::<Value>)
    {
        None => issue("7.1.7", "provider-metadata.json", "missing".into()),
        Some(Err(e)) => issue("7.1.7", "provider-metadata.json", format!("not json: {e}")),
        Some(Ok(m)) => {
            for key in [
                "canonical_url",
                "last_updated",
                "list_on_CSAF_aggregators",
                "mirror_on_CSAF_aggregators",
                "metadata_version",
                "publisher",
                "role",
            ] {
                if m.get(key).is_none() {
                    issue(
                        "7.1.7",
                        "provider-metadata.json",
                        format!("{key} is missing"),
                    );
                }
            }
            if m["metadata_version"] != "2.0" {
                issue(
                    "7.1.7",
                    "provider-metadata.json",
                    "metadata_version is not 2.0".into(),
                );
            }
            let canonical = m["canonical_url"].as_str().unwrap_or("");
            match canonical.strip_suffix("/provider-metadata.json") {
                Some(b) => base = b.to_owned(),
                None => issue(
                    "7.1.7",
                    "provider-metadata.json",
                    "canonical_url does not end in /provider-metadata.json".into(),
                ),
            }
            match m["role"].as_str() {
                Some("csaf_publisher" | "csaf_provider") => {}
                Some("csaf_trusted_provider") => {
                    trusted = true;
                    if m["public_openpgp_keys"]
                        .as_array()
                        .is_none_or(|a| a.is_empty())
                    {
                        issue(
                            "7.1.20",
                            "provider-metadata.json",
                            "a trusted provider names its public openpgp keys".into(),
                        );
                    }
                }
                other => issue(
                    "7.1.7",
                    "provider-metadata.json",
                    format!("unknown role {other:?}"),
                ),
            }
            for k in m["public_openpgp_keys"].as_array().into_iter().flatten() {
                key_urls.push((
                    k["url"].as_str().unwrap_or("").to_owned(),
                    k["fingerprint"].as_str().map(str::to_owned),
                ));
            }
            for d in m["distributions"].as_array().into_iter().flatten() {
                for f in d["rolie"]["feeds"].as_array().into_iter().flatten() {
                    feed_urls.push((
                        f["tlp_label"].as_str().unwrap_or("").to_owned(),
                        f["url"].as_str().unwrap_or("").to_owned(),
                    ));
                }
            }
        }
    }

    // Signatures and the keys that make them.
    let signed = trusted || layout.paths().any(|p| p.ends_with(".json.asc"));
    if signed {
        let mut keys: Vec<PublicKey> = Vec::new();
        for (url, fingerprint) in &key_urls {
            let Some(path) = url
                .strip_prefix(&base)
                .and_then(|p| p.strip_prefix('/'))
                .filter(|_| !base.is_empty())
            else {
                // A key elsewhere (a key server) cannot be fetched offline.
                continue;
            };
            let key = match layout.get(path).map(std::str::from_utf8) {
                Some(Ok(text)) => PublicKey::from_armored(text),
                Some(Err(_)) => {
                    issue("7.1.20", path, "not an armored openpgp key".into());
                    continue;
                }
                None => {
                    issue(
                        "7.1.20",
                        path,
                        "the public key the metadata names is missing".into(),
                    );
                    continue;
                }
            };
            match key {
                Ok(k) => {
                    match fingerprint {
                        None => issue(
                            "7.1.20",
                            "provider-metadata.json",
                            format!("the key at {url} is named without its fingerprint"),
                        ),
                        Some(f) if !f.eq_ignore_ascii_case(&k.fingerprint()) => issue(
                            "7.1.20",
                            "provider-metadata.json",
                            format!(
                                "the key at {url} has fingerprint {}, the metadata says {f}",
                                k.fingerprint()
                            ),
                        ),
                        Some(_) => {}
                    }
                    keys.push(k);
                }
                Err(e) => issue("7.1.20", path, e.to_string()),
            }
        }
        for (folder, present) in &docs {
            for rel in present {
                let path = format!("{folder}/{rel}");
                let sp = format!("{path}.asc");
                let (Some(bytes), Some(sig)) = (layout.get(&path), layout.get(&sp)) else {
                    issue("7.1.19", &sp, "missing".into());
                    continue;
                };
                let sig = std::str::from_utf8(sig).unwrap_or("");
                if !keys.iter().any(|k| k.verify_detached(bytes, sig).is_ok()) {
                    issue(
                        "7.1.19",
                        &sp,
                        "does not verify with any public key the metadata names".into(),
                    );
                }
            }
        }
    }

    // One feed per TLP label, each listing exactly the documents of its folder.
    let mut labels: BTreeSet<String> = BTreeSet::new();
    for (label, url) in &feed_urls {
        if !labels.insert(label.clone()) {
            issue(
                "7.1.15",
                "provider-metadata.json",
                format!("two feeds for tlp {label}"),
            );
        }
        let folder = label.to_ascii_lowercase();
        let Some(path) = url
            .strip_prefix(&base)
            .and_then(|p| p.strip_prefix('/'))
            .filter(|_| !base.is_empty())
        else {
            issue(
                "7.1.15",
                "provider-metadata.json",
                format!("feed {url} is not below the canonical url"),
            );
            continue;
        };
        let feed = match layout.get(path).map(serde_json::from_slice::<Value>) {
            Some(Ok(v)) => v,
            _ => {
                issue("7.1.15", path, "missing or not json".into());
                continue;
            }
        };
        let listed: BTreeSet<String> = feed["feed"]["entry"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| e["content"]["src"].as_str())
            .filter_map(|src| src.strip_prefix(&format!("{base}/{folder}/")))
            .map(str::to_owned)
            .collect();
        let present = docs.get(folder.as_str()).cloned().unwrap_or_default();
        if listed != present {
            issue(
                "7.1.15",
                path,
                format!(
                    "the feed lists {} documents of {folder}, the folder holds {}",
                    listed.len(),
                    present.len()
                ),
            );
        }
    }

    // index.txt and changes.csv of every folder with documents.
    for (folder, present) in &docs {
        let ip = format!("{folder}/index.txt");
        let index: BTreeSet<String> = layout
            .get(&ip)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        if &index != present {
            issue(
                "7.1.12",
                &ip,
                "does not list exactly the folder's documents".into(),
            );
        }
        if !labels.contains(&folder.to_ascii_uppercase()) {
            issue(
                "7.1.15",
                "provider-metadata.json",
                format!("no feed for the {folder} folder"),
            );
        }
        let cp = format!("{folder}/changes.csv");
        let text = layout
            .get(&cp)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("");
        let mut seen = BTreeSet::new();
        let mut prev: Option<OffsetDateTime> = None;
        for line in text.lines() {
            let fields: Vec<&str> = line.split(',').map(|f| f.trim_matches('"')).collect();
            let [file, date] = fields[..] else {
                issue("7.1.13", &cp, format!("line {line:?} is not file,date"));
                continue;
            };
            match OffsetDateTime::parse(date, &Rfc3339) {
                Ok(t) => {
                    if prev.is_some_and(|p| t > p) {
                        issue("7.1.13", &cp, "not sorted newest first".into());
                    }
                    prev = Some(t);
                }
                Err(_) => issue("7.1.13", &cp, format!("{date:?} is not a date")),
            }
            seen.insert(file.to_owned());
        }
        if &seen != present {
            issue(
                "7.1.13",
                &cp,
                "does not list exactly the folder's documents".into(),
            );
        }
    }
    issues
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_follow_requirement_two() {
        for (id, want) in [
            ("MAMORI-2026-0001", "mamori-2026-0001.json"),
            ("CISA ICSMA/24 #1", "cisa_icsma_24__1.json"),
            ("a+b.c", "a+b_c.json"),
            ("ÄB", "_b.json"),
        ] {
            assert_eq!(file_name(id), want, "{id}");
        }
    }

    #[test]
    fn tlp_names_read_back() {
        for t in Tlp::ALL {
            assert_eq!(Tlp::parse(t.as_str()), Some(t));
        }
        assert_eq!(Tlp::parse("TLP:WHITE"), Some(Tlp::Clear));
        assert_eq!(Tlp::parse("tlp:amber+strict"), Some(Tlp::AmberStrict));
        assert_eq!(Tlp::parse("blue"), None);
        assert_eq!(Tlp::parse("é"), None);
    }
}
