//! Test support for the queue and dashboard tests: small OSV records and SBOMs of
//! crates.io packages at 1.0.0, imported through the store as users would.

use mamori_model::{Attr, Component, DocumentFormat, Sbom};
use mamori_store::{Incoming, ReleaseRow, Store};
use serde_json::json;
use time::OffsetDateTime;

/// An OSV record for one crates.io package, affected from 0 up to 9.0.0, with its
/// aliases (left out when there are none) and a severity if given.
pub fn osv(id: &str, aliases: &[&str], package: &str, severity: Option<&str>) -> Vec<u8> {
    let mut v = json!({
        "schema_version": "1.6.0",
        "id": id,
        "modified": "2026-10-01T00:00:00Z",
        "affected": [{
            "package": {"ecosystem": "crates.io", "name": package},
            "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "9.0.0"}]}],
        }],
    });
    if !aliases.is_empty() {
        v["aliases"] = json!(aliases);
    }
    if let Some(s) = severity {
        v["database_specific"] = json!({"severity": s});
    }
    serde_json::to_vec(&v).unwrap()
}

/// An SBOM of the named crates, each at 1.0.0.
pub fn sbom(crates: &[&str]) -> Sbom {
    let mut s = Sbom::new(DocumentFormat::CycloneDxJson, "1.6");
    for name in crates {
        let purl = format!("pkg:cargo/{name}@1.0.0");
        s.components.push(Component {
            bom_ref: purl.clone(),
            name: (*name).into(),
            version: Attr::Value("1.0.0".into()),
            purl: Some(purl),
            ..Component::default()
        });
    }
    s
}

/// Imports `sbom` to `release` as an engineer would upload it.
pub async fn import(s: &Store, release: &ReleaseRow, sbom: &Sbom, now: OffsetDateTime) {
    let bytes = mamori_sbom::write(sbom, DocumentFormat::CycloneDxJson);
    s.import_sbom(
        release,
        Incoming {
            bytes: &bytes,
            filename: None,
            sbom,
            supplier: None,
        },
        "engineer",
        now,
    )
    .await
    .unwrap();
}
