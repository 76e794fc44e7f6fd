//! CISA's medical (ICSMA) CSAF advisories: real documents that should validate.

use std::path::Path;

/// The ICSMA advisories in `../shared/data`, sorted; `None` (with a notice) when absent.
fn cisa_files() -> Option<Vec<std::path::PathBuf>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/csaf/cisagov-icsma");
    if !dir.exists() {
        eprintln!("notice: {} is absent, skipping", dir.display());
        return None;
    }
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    Some(files)
}

/// Advisories with errors that are theirs, not ours, and why. Checked to still fail, so a fix on
/// either side shows up.
const THEIR_ERRORS: &[(&str, &str)] = &[];

#[test]
fn cisa_medical_advisories_validate() {
    let Some(files) = cisa_files() else { return };
    let (mut valid, mut warnings, mut infos) = (0, 0, 0);
    let mut unexpected = Vec::new();
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let report = mamori_csaf::validate(&std::fs::read(f).unwrap()).unwrap();
        warnings += report.warnings.len();
        infos += report.infos.len();
        let excused = THEIR_ERRORS.iter().any(|(n, _)| *n == name);
        if report.is_valid() {
            valid += 1;
            assert!(!excused, "{name} is listed as failing but now validates");
        } else {
            for e in &report.errors {
                println!("{name}: {e}");
            }
            if !excused {
                unexpected.push(name);
            }
        }
    }
    println!(
        "{valid}/{} cisa advisories valid; {warnings} warnings, {infos} infos in total",
        files.len()
    );
    assert!(
        files.len() >= 40,
        "expected the 48 advisories, found {}",
        files.len()
    );
    assert!(unexpected.is_empty(), "invalid: {unexpected:?}");
}

/// What a reader sees of one vulnerability: per product name its status bucket and identification
/// helpers, and every remediation with the names of the products it is for.
type Seen = (
    std::collections::BTreeMap<String, (String, Option<String>, Vec<String>)>,
    std::collections::BTreeSet<(String, String, Option<String>, Option<String>, Vec<String>)>,
);

/// Every vulnerability of a document as `mamori-feeds` reads it, by id.
fn seen(name: &str, bytes: &[u8]) -> std::collections::BTreeMap<String, Seen> {
    use mamori_model::ProductStatus as S;
    let adv = mamori_feeds::csaf::read(name, bytes).unwrap();
    let names: std::collections::HashMap<&str, &mamori_feeds::csaf::CsafTreeProduct> = adv
        .products
        .iter()
        .map(|p| (p.product_id.as_str(), p))
        .collect();
    let mut out = std::collections::BTreeMap::new();
    for v in adv.vulnerabilities.iter() {
        let v = v.as_ref().unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut products = std::collections::BTreeMap::new();
        for p in &v.vulnerability.csaf_products {
            // The first/last variants have no place in the writer and fold into the plain ones.
            let bucket = match p.status {
                S::KnownAffected | S::FirstAffected | S::LastAffected => "affected",
                S::Fixed | S::FirstFixed | S::Recommended => "fixed",
                S::KnownNotAffected => "not_affected",
                S::UnderInvestigation => "under_investigation",
            };
            let mut purls = p.purls.clone();
            purls.truncate(1);
            products.insert(p.name.clone(), (bucket.to_owned(), p.cpe.clone(), purls));
        }
        let remediations = v
            .remediations
            .iter()
            .map(|r| {
                let mut on: Vec<String> = r
                    .product_ids
                    .iter()
                    .map(|id| {
                        names
                            .get(id.as_str())
                            .map_or(id.clone(), |p| p.name.clone())
                    })
                    .collect();
                on.sort();
                on.dedup();
                (
                    r.remediation.category.clone(),
                    r.remediation.details.clone(),
                    r.remediation.url.clone(),
                    r.remediation.date.map(|d| d.unix_timestamp().to_string()),
                    on,
                )
            })
            .collect();
        out.insert(v.vulnerability.id.to_string(), (products, remediations));
    }
    out
}

/// Issue 7: every ICSMA advisory goes through our reader and out through our CSAF writer (which
/// validates what it writes) and reads back with the same vulnerabilities, the same products with
/// the same statuses and helpers, and the same remediations for the same products.
#[test]
fn issue_7_cisa_medical_advisories_round_trip_through_reader_and_writer() {
    use mamori_csaf::vex::{Publisher, PublisherCategory, csaf_security_advisory, reissue};
    let Some(files) = cisa_files() else { return };
    let now = time::macros::datetime!(2026-11-26 09:00 UTC);
    let (mut vulns, mut products, mut remediations, mut not_carried) = (0, 0, 0, 0);
    let mut problems = Vec::new();
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let bytes = std::fs::read(f).unwrap();
        let adv = mamori_feeds::csaf::read(&name, &bytes).unwrap();
        let r = reissue(
            &adv,
            Publisher {
                name: "Example Medical PSIRT".into(),
                namespace: "https://psirt.example.com".into(),
                category: PublisherCategory::Vendor,
            },
            &format!("EXAMPLE-{}", adv.tracking_id),
            now,
        );
        not_carried += r.not_carried.len();
        let written = match csaf_security_advisory(&r.document) {
            Ok(w) => w,
            Err(e) => {
                problems.push(format!("{name}: {e}"));
                continue;
            }
        };
        let before = seen(&name, &bytes);
        let after = seen(&name, &written.to_vec());
        // Every product of the tree is still there by name, with or without a status.
        let again = mamori_feeds::csaf::read(&name, &written.to_vec()).unwrap();
        for p in &adv.products {
            if !again
                .products
                .iter()
                .any(|q| q.name == p.name && q.product_id == p.product_id)
            {
                problems.push(format!(
                    "{name}: product {} `{}` lost",
                    p.product_id, p.name
                ));
            }
        }
        if before != after {
            for (id, b) in &before {
                match after.get(id) {
                    None => problems.push(format!("{name}: {id} lost")),
                    Some(a) if a != b => {
                        problems.push(format!("{name}: {id}:\n before {b:?}\n after  {a:?}"))
                    }
                    Some(_) => {}
                }
            }
            if after.len() != before.len() {
                problems.push(format!(
                    "{name}: {} vulnerabilities became {}",
                    before.len(),
                    after.len()
                ));
            }
        }
        vulns += before.len();
        products += before.values().map(|s| s.0.len()).sum::<usize>();
        remediations += before.values().map(|s| s.1.len()).sum::<usize>();
    }
    println!(
        "{} advisories: {vulns} vulnerabilities, {products} product statuses, {remediations} remediations kept; {not_carried} items listed as not carried",
        files.len()
    );
    assert!(
        files.len() >= 40,
        "expected the 48 advisories, found {}",
        files.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
