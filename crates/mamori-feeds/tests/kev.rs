//! KEV reader tests: the real catalog (every entry, counted from the JSON), hand-checked entries, bad entries.

use crate::common;

use std::path::Path;

use mamori_feeds::kev::{self, KevCatalog};
use mamori_feeds::{FeedError, Location};

fn real_catalog() -> Option<(Vec<u8>, KevCatalog)> {
    let dir = common::data_dir("kev")?;
    let bytes = std::fs::read(dir.join("known_exploited_vulnerabilities.json")).unwrap();
    let catalog = kev::read("known_exploited_vulnerabilities.json", &bytes);
    Some((bytes, catalog))
}

#[test]
fn every_entry_of_the_real_catalog_reads() {
    let Some((bytes, c)) = real_catalog() else {
        return;
    };
    let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let entries = json["vulnerabilities"].as_array().unwrap();
    let rejects: Vec<String> = c
        .entries
        .iter()
        .filter_map(|e| e.as_ref().err())
        .map(ToString::to_string)
        .collect();
    for r in &rejects {
        eprintln!("reject: {r}");
    }
    assert!(rejects.is_empty());
    assert_eq!(c.entries.len(), entries.len());
    assert_eq!(c.entries.len(), 1404);
    assert_eq!(c.count, Some(1404));
    assert_eq!(c.catalog_version.as_deref(), Some("2025.08.25"));
    assert_eq!(
        c.date_released.map(|t| t.date().to_string()).as_deref(),
        Some("2025-08-25")
    );
    // Every entry in the same order, with the same CVE and ransomware word.
    for (e, j) in c.entries.iter().zip(entries) {
        let e = e.as_ref().unwrap();
        assert_eq!(e.cve.as_str(), j["cveID"].as_str().unwrap());
        let known = j["knownRansomwareCampaignUse"].as_str().unwrap() == "Known";
        assert_eq!(e.status.ransomware_use, Some(known), "{}", e.cve);
        assert_eq!(
            e.cwes.len(),
            j["cwes"].as_array().unwrap().len(),
            "{}",
            e.cve
        );
    }
    let known = c
        .entries
        .iter()
        .flatten()
        .filter(|e| e.status.ransomware_use == Some(true))
        .count();
    eprintln!(
        "kev: {} entries, {known} with known ransomware use",
        c.entries.len()
    );
}

/// (cve, vendor, product, name, added, due, ransomware, cwes, action start, notes start)
type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    bool,
    &'static [u32],
    &'static str,
    &'static str,
);

fn check(c: &KevCatalog, row: &Row) {
    let (cve, vendor, product, name, added, due, ransomware, cwes, action, notes) = *row;
    let e = c
        .entries
        .iter()
        .flatten()
        .find(|e| e.cve.as_str() == cve)
        .unwrap_or_else(|| panic!("{cve} missing"));
    assert_eq!(
        (e.vendor_project.as_str(), e.product.as_str()),
        (vendor, product),
        "{cve}"
    );
    assert_eq!(e.status.vulnerability_name.as_deref(), Some(name), "{cve}");
    assert_eq!(
        e.status.date_added.map(|d| d.to_string()).as_deref(),
        Some(added),
        "{cve}"
    );
    assert_eq!(
        e.status.due_date.map(|d| d.to_string()).as_deref(),
        Some(due),
        "{cve}"
    );
    assert_eq!(e.status.ransomware_use, Some(ransomware), "{cve}");
    assert_eq!(
        e.cwes.iter().map(|c| c.number()).collect::<Vec<_>>(),
        cwes,
        "{cve}"
    );
    assert!(
        e.status
            .required_action
            .as_deref()
            .unwrap_or_default()
            .starts_with(action),
        "{cve}"
    );
    assert!(e.notes.starts_with(notes), "{cve}");
    assert!(!e.short_description.is_empty(), "{cve}");
}

#[test]
fn hand_checked_entries() {
    let Some((_, c)) = real_catalog() else {
        return;
    };
    let rows: [Row; 2] = [
        (
            "CVE-2021-44228",
            "Apache",
            "Log4j2",
            "Apache Log4j2 Remote Code Execution Vulnerability",
            "2021-12-10",
            "2021-12-24",
            true,
            &[20, 400, 502],
            "For all affected software assets for which updates exist",
            "https://nvd.nist.gov/vuln/detail/CVE-2021-44228",
        ),
        (
            "CVE-2025-48384",
            "Git",
            "Git",
            "Git Link Following Vulnerability",
            "2025-08-25",
            "2025-09-15",
            false,
            &[59, 436],
            "Apply mitigations per vendor instructions",
            "This vulnerability affects a common open-source component",
        ),
    ];
    for row in &rows {
        check(&c, row);
    }
}

#[test]
fn bad_entries_are_skipped_with_their_pointer() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kev/bad.json");
    let c = kev::read("bad.json", &std::fs::read(path).unwrap());
    let got: Vec<Result<String, String>> = c
        .entries
        .iter()
        .map(|e| match e {
            Ok(e) => Ok(e.cve.as_str().to_owned()),
            Err(e) => Err(e.location().map(ToString::to_string).unwrap_or_default()),
        })
        .collect();
    let want: Vec<Result<String, String>> = vec![
        Ok("CVE-2024-0001".into()),
        Err("/vulnerabilities/1/cveID".into()),
        Err("/vulnerabilities/2/dateAdded".into()),
        Err("/vulnerabilities/3/dueDate".into()),
        Err("/vulnerabilities/4/cwes/1".into()),
        Err("/vulnerabilities/5/product".into()),
        Err("/vulnerabilities/6".into()),
        Ok("CVE-2024-0008".into()),
    ];
    assert_eq!(got, want);
    // An unforeseen ransomware word loses only the flag.
    let last = c.entries[7].as_ref().unwrap();
    assert_eq!(last.status.ransomware_use, None);
    assert_eq!(last.status.due_date, None);

    let cut = kev::read("cut.json", br#"{"catalogVersion":"x","vulnerabilities":[{"cveID":"CVE-2024-0001","vendorProject":"v","product":"p","vulnerabilityName":"n","dateAdded":"2024-01-01","shortDescription":"d","requiredAction":"a","dueDate":"2024-01-22"},{"cveID":"#);
    assert!(cut.entries[0].is_ok());
    assert!(
        matches!(&cut.entries[1], Err(FeedError::Malformed { location: Location::Pointer(p), .. }) if p == "/vulnerabilities/1")
    );
}
