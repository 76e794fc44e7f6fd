//! NVD CVE API 2.0 pages shaped like the real records in `../shared/data/nvd-cve-api-2.0-samples`.
//!
//! Each record has what real NVD items carry and an importer must handle: two
//! descriptions (en, es), CVSS 3.1 primary and secondary metrics and often a
//! 2.0 one, weaknesses from two scorers, one to three configurations whose
//! nodes hold several `cpeMatch` rows with version bounds and match criteria
//! ids (AND nodes for "application on platform"), and references with tags.
//! Pages hold 2,000 items, as the API returns them. Deterministic: the same
//! arguments always give the same bytes.

use crate::Rng;
use serde_json::{Value, json};

const VENDORS: [(&str, &[&str]); 8] = [
    (
        "cisco",
        &[
            "asyncos",
            "ios_xe",
            "email_security_appliance",
            "webex_meetings",
        ],
    ),
    (
        "microsoft",
        &["windows_10", "exchange_server", "office", "edge_chromium"],
    ),
    ("apache", &["http_server", "tomcat", "struts", "log4j"]),
    ("linux", &["linux_kernel"]),
    ("oracle", &["mysql", "java_se", "weblogic_server"]),
    ("google", &["chrome", "android"]),
    ("openssl", &["openssl"]),
    (
        "siemens",
        &["simatic_s7-1500_firmware", "sinec_nms", "scalance_x200"],
    ),
];

const WORDS: [&str; 24] = [
    "improper",
    "validation",
    "allows",
    "remote",
    "attackers",
    "to",
    "execute",
    "arbitrary",
    "code",
    "via",
    "crafted",
    "request",
    "in",
    "the",
    "component",
    "buffer",
    "overflow",
    "authentication",
    "bypass",
    "denial",
    "of",
    "service",
    "memory",
    "corruption",
];

const V31: [&str; 4] = [
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
    "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N",
    "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N",
];

fn uuid(rng: &mut Rng) -> String {
    let a = rng.next_u64();
    let b = rng.next_u64();
    format!(
        "{:08X}-{:04X}-{:04X}-{:04X}-{:012X}",
        a >> 32,
        (a >> 16) & 0xFFFF,
        a & 0xFFFF,
        b >> 48,
        b & 0xFFFF_FFFF_FFFF
    )
}

fn sentence(rng: &mut Rng, words: u64) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(WORDS[rng.below(WORDS.len() as u64) as usize]);
    }
    s.push('.');
    s
}

fn version(rng: &mut Rng) -> String {
    format!("{}.{}.{}", rng.below(20), rng.below(30), rng.below(50))
}

fn cvss31(rng: &mut Rng, source: &str, kind: &str) -> Value {
    let vector = V31[rng.below(V31.len() as u64) as usize];
    let score = 4.0 + rng.below(60) as f64 / 10.0;
    json!({
        "source": source, "type": kind,
        "cvssData": {
            "version": "3.1", "vectorString": vector, "baseScore": score,
            "baseSeverity": if score >= 9.0 { "CRITICAL" } else if score >= 7.0 { "HIGH" } else { "MEDIUM" },
            "attackVector": "NETWORK", "attackComplexity": "LOW", "privilegesRequired": "NONE",
            "userInteraction": "NONE", "scope": "UNCHANGED", "confidentialityImpact": "HIGH",
            "integrityImpact": "HIGH", "availabilityImpact": "HIGH"
        },
        "exploitabilityScore": 3.9, "impactScore": 5.9
    })
}

fn cpe_match(rng: &mut Rng, vendor: &str, product: &str, part: char, vulnerable: bool) -> Value {
    let mut m = serde_json::Map::new();
    m.insert("vulnerable".into(), json!(vulnerable));
    let bounded = rng.below(3) > 0;
    let ver = if bounded {
        "*".to_owned()
    } else {
        version(rng)
    };
    m.insert(
        "criteria".into(),
        json!(format!(
            "cpe:2.3:{part}:{vendor}:{product}:{ver}:*:*:*:*:*:*:*"
        )),
    );
    if bounded {
        if rng.below(2) == 0 {
            m.insert("versionStartIncluding".into(), json!(version(rng)));
        }
        m.insert(
            if rng.below(4) == 0 {
                "versionEndIncluding"
            } else {
                "versionEndExcluding"
            }
            .into(),
            json!(version(rng)),
        );
    }
    m.insert("matchCriteriaId".into(), json!(uuid(rng)));
    Value::Object(m)
}

fn configuration(rng: &mut Rng) -> Value {
    let (vendor, products) = VENDORS[rng.below(VENDORS.len() as u64) as usize];
    let product = products[rng.below(products.len() as u64) as usize];
    let n = 1 + rng.below(6);
    let matches: Vec<Value> = (0..n)
        .map(|_| cpe_match(rng, vendor, product, 'a', true))
        .collect();
    if rng.below(3) == 0 {
        // Application on a platform: an AND of the vulnerable node and a platform node.
        let (pv, pp) = VENDORS[rng.below(VENDORS.len() as u64) as usize];
        let platform = cpe_match(rng, pv, pp[0], 'o', false);
        json!({"operator": "AND", "nodes": [
            {"operator": "OR", "negate": false, "cpeMatch": matches},
            {"operator": "OR", "negate": false, "cpeMatch": [platform]}
        ]})
    } else {
        json!({"nodes": [{"operator": "OR", "negate": false, "cpeMatch": matches}]})
    }
}

/// One CVE item (`{"cve": {…}}`) with sequence number `i`.
pub fn record(i: usize, rng: &mut Rng) -> Value {
    let year = 2000 + (i / 20_000) % 25;
    let id = format!("CVE-{year}-{:05}", i % 100_000 + 1000);
    let day = 1 + rng.below(28);
    let month = 1 + rng.below(12);
    let mut metrics = serde_json::Map::new();
    metrics.insert(
        "cvssMetricV31".into(),
        json!([
            cvss31(rng, "nvd@nist.gov", "Primary"),
            cvss31(rng, "psirt@example.com", "Secondary")
        ]),
    );
    if rng.below(2) == 0 {
        metrics.insert("cvssMetricV2".into(), json!([{
            "source": "nvd@nist.gov", "type": "Primary",
            "cvssData": {"version": "2.0", "vectorString": "AV:N/AC:M/Au:N/C:P/I:P/A:N", "baseScore": 5.8,
                "accessVector": "NETWORK", "accessComplexity": "MEDIUM", "authentication": "NONE",
                "confidentialityImpact": "PARTIAL", "integrityImpact": "PARTIAL", "availabilityImpact": "NONE"},
            "baseSeverity": "MEDIUM", "exploitabilityScore": 8.6, "impactScore": 4.9,
            "acInsufInfo": false, "obtainAllPrivilege": false, "obtainUserPrivilege": false,
            "obtainOtherPrivilege": false, "userInteractionRequired": false
        }]));
    }
    let n_configs = 1 + rng.below(3);
    let configs: Vec<Value> = (0..n_configs).map(|_| configuration(rng)).collect();
    let n_refs = 2 + rng.below(8);
    let refs: Vec<Value> = (0..n_refs)
        .map(|r| {
            json!({"url": format!("https://vendor{}.example/advisories/{id}/{r}", rng.below(500)),
                   "source": "psirt@example.com",
                   "tags": if r == 0 { json!(["Vendor Advisory", "Patch"]) } else { json!(["Third Party Advisory"]) }})
        })
        .collect();
    let (en_words, es_words) = (20 + rng.below(60), 20 + rng.below(60));
    let en = sentence(rng, en_words);
    let es = sentence(rng, es_words);
    json!({"cve": {
        "id": id,
        "sourceIdentifier": "psirt@example.com",
        "published": format!("{year}-{month:02}-{day:02}T18:15:08.710"),
        "lastModified": format!("2024-{month:02}-{day:02}T05:44:38.237"),
        "vulnStatus": "Analyzed",
        "cveTags": [],
        "descriptions": [{"lang": "en", "value": en}, {"lang": "es", "value": es}],
        "metrics": metrics,
        "weaknesses": [
            {"source": "nvd@nist.gov", "type": "Primary", "description": [{"lang": "en", "value": format!("CWE-{}", 20 + rng.below(900))}]},
            {"source": "psirt@example.com", "type": "Secondary", "description": [{"lang": "en", "value": "NVD-CWE-Other"}]}
        ],
        "configurations": configs,
        "references": refs
    }})
}

/// Page `page` (0-based) of `total` records, `per_page` items each, as the NVD API returns it.
pub fn page(page: usize, per_page: usize, total: usize) -> Vec<u8> {
    let start = page * per_page;
    let end = (start + per_page).min(total);
    let mut rng = Rng::new(0x4E56_4400 + page as u64);
    let items: Vec<Value> = (start..end).map(|i| record(i, &mut rng)).collect();
    let doc = json!({
        "resultsPerPage": items.len(),
        "startIndex": start,
        "totalResults": total,
        "format": "NVD_CVE",
        "version": "2.0",
        "timestamp": "2025-08-25T00:00:00.000",
        "vulnerabilities": items
    });
    serde_json::to_vec(&doc).unwrap_or_default()
}
