//! CSAF reader tests: every CISA medical advisory and the OASIS / Red Hat VEX examples, counted against the JSON; hand-checked fields; bad documents.

use crate::common;

use std::path::Path;

use mamori_feeds::csaf::{self, CsafAdvisory};
use mamori_feeds::{FeedError, Location};
use mamori_model::{CvssVersion, ProductStatus, VulnIdKind};

/// What a document holds, counted from its JSON without the reader.
#[derive(Debug, Default, PartialEq, Eq, Clone, Copy)]
struct Counts {
    vulnerabilities: usize,
    products: usize,
    remediations: usize,
    statuses: usize,
}

fn count_json(v: &serde_json::Value) -> Counts {
    fn branch_products(bs: &serde_json::Value) -> usize {
        bs.as_array().map_or(0, |a| {
            a.iter()
                .map(|b| usize::from(b.get("product").is_some()) + branch_products(&b["branches"]))
                .sum()
        })
    }
    let len = |v: &serde_json::Value| v.as_array().map_or(0, Vec::len);
    let tree = &v["product_tree"];
    let vulns = v["vulnerabilities"].as_array().cloned().unwrap_or_default();
    Counts {
        vulnerabilities: vulns.len(),
        products: branch_products(&tree["branches"])
            + len(&tree["full_product_names"])
            + len(&tree["relationships"]),
        remediations: vulns.iter().map(|x| len(&x["remediations"])).sum(),
        statuses: vulns
            .iter()
            .map(|x| {
                x["product_status"]
                    .as_object()
                    .map_or(0, |o| o.values().map(len).sum())
            })
            .sum(),
    }
}

fn count_read(a: &CsafAdvisory) -> Counts {
    let ok: Vec<_> = a
        .vulnerabilities
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .collect();
    Counts {
        vulnerabilities: ok.len(),
        products: a.products.len(),
        remediations: ok.iter().map(|v| v.remediations.len()).sum(),
        statuses: ok.iter().map(|v| v.vulnerability.csaf_products.len()).sum(),
    }
}

/// Reads every file, prints the rejects, and checks each file's counts against its JSON.
fn check_all(dir: &Path, files: &[std::path::PathBuf]) -> Counts {
    let mut total = Counts::default();
    let mut rejects = Vec::new();
    for f in files {
        let bytes = std::fs::read(f).unwrap();
        let name = common::rel(dir, f);
        let want = count_json(&serde_json::from_slice(&bytes).unwrap());
        match csaf::read(&name, &bytes) {
            Err(e) => rejects.push(e.to_string()),
            Ok(a) => {
                rejects.extend(
                    a.vulnerabilities
                        .iter()
                        .filter_map(|r| r.as_ref().err())
                        .map(ToString::to_string),
                );
                assert_eq!(count_read(&a), want, "{name}");
            }
        }
        total.vulnerabilities += want.vulnerabilities;
        total.products += want.products;
        total.remediations += want.remediations;
        total.statuses += want.statuses;
    }
    for r in &rejects {
        eprintln!("reject: {r}");
    }
    assert!(rejects.is_empty(), "{} rejects", rejects.len());
    total
}

#[test]
fn every_cisa_medical_advisory_reads() {
    let Some(dir) = common::data_dir("csaf/cisagov-icsma") else {
        return;
    };
    let files = common::files(&dir, &[".json"]);
    assert_eq!(files.len(), 48);
    let total = check_all(&dir, &files);
    eprintln!("icsma: {} files, {total:?}", files.len());
    assert!(total.vulnerabilities > 48 && total.products > 48 && total.remediations > 48);
}

#[test]
fn oasis_examples_and_red_hat_vex_read() {
    let Some(data) = common::data_dir("") else {
        return;
    };
    let oasis = data.join("csaf/oasis-csaf/csaf_2.0/examples/csaf");
    let vex = data.join("openvex/go-vex/pkg/csaf/testdata/rhsa-2020_1358.json");
    if !oasis.is_dir() || !vex.is_file() {
        eprintln!("notice: CSAF examples absent; skipping");
        return;
    }
    let mut files = common::files(&oasis, &[".json"]);
    let n_oasis = files.len();
    files.push(vex.clone());
    let total = check_all(&data, &files);
    eprintln!("oasis examples: {n_oasis} files + Red Hat VEX, {total:?}");

    // The Red Hat VEX: packages related to product streams, hundreds of fixed products per CVE.
    let a = csaf::read("rhsa-2020_1358.json", &std::fs::read(&vex).unwrap()).unwrap();
    assert_eq!(
        (a.category.as_str(), a.tracking_id.as_str()),
        ("csaf_vex", "RHSA-2020:1358")
    );
    assert_eq!(
        a.products
            .iter()
            .filter(|p| p.relationship.is_some())
            .count(),
        737
    );
    let v = a.vulnerabilities[0].as_ref().unwrap();
    assert_eq!(v.vulnerability.id.as_str(), "CVE-2020-1711");
    assert_eq!(v.threats[0].details, "Important");
    let p = &v.vulnerability.csaf_products[0];
    assert_eq!(
        p.product_id,
        "AppStream-8.1.0.Z.MAIN.EUS:SLOF-0:20171214-6.gitfa98132.module+el8.1.0+4066+0f1aadab.noarch"
    );
    assert_eq!(p.status, ProductStatus::Fixed);
    assert_eq!(p.remediations.len(), 1);
    let tp = a
        .products
        .iter()
        .find(|t| t.product_id == p.product_id)
        .unwrap();
    let rel = tp.relationship.as_ref().unwrap();
    assert_eq!(
        (rel.category.as_str(), rel.relates_to.as_str()),
        ("default_component_of", "AppStream-8.1.0.Z.MAIN.EUS")
    );
}

/// (product id, name, vendor, product, version, version range, status, remediation categories)
type ProductRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    ProductStatus,
    &'static [&'static str],
);

/// One hand-checked vulnerability: file, index, then what the record must hold.
struct Row {
    file: &'static str,
    index: usize,
    id: &'static str,
    aliases: &'static [&'static str],
    related: &'static [&'static str],
    cwe: Option<u32>,
    cvss: &'static [(CvssVersion, &'static str, f64)],
    product: ProductRow,
    published: &'static str,
    modified: &'static str,
}

fn check_row(dir: &Path, row: &Row) {
    let bytes = std::fs::read(dir.join(row.file)).unwrap();
    let a = csaf::read(row.file, &bytes).unwrap();
    let v = a.vulnerabilities[row.index].as_ref().unwrap();
    let r = &v.vulnerability;
    let ids =
        |xs: &[mamori_model::VulnId]| xs.iter().map(|x| x.as_str().to_owned()).collect::<Vec<_>>();
    assert_eq!(r.id.as_str(), row.id, "{}", row.file);
    assert_eq!(ids(&r.aliases), row.aliases, "{}", row.file);
    assert_eq!(ids(&r.related), row.related, "{}", row.file);
    assert_eq!(
        r.cwes.first().map(|w| w.cwe.number()),
        row.cwe,
        "{}",
        row.file
    );
    let cvss: Vec<_> = r
        .cvss
        .iter()
        .map(|c| (c.version, c.vector.as_str(), c.base_score.unwrap()))
        .collect();
    assert_eq!(cvss, row.cvss, "{}", row.file);
    let p = &r.csaf_products[0];
    let (pid, name, vendor, product, version, range, status, rems) = row.product;
    assert_eq!(p.product_id, pid);
    assert_eq!(p.name, name);
    assert_eq!(p.vendor.as_deref(), Some(vendor));
    assert_eq!(p.product.as_deref(), Some(product));
    assert_eq!(p.version.as_deref(), version);
    assert_eq!(p.version_range.as_deref(), range);
    assert_eq!(p.status, status);
    assert_eq!(
        p.remediations
            .iter()
            .map(|m| m.category.as_str())
            .collect::<Vec<_>>(),
        rems
    );
    let fmt = |t: Option<time::OffsetDateTime>| t.map(|t| t.to_string()).unwrap_or_default();
    assert_eq!(fmt(r.published), row.published, "{}", row.file);
    assert_eq!(fmt(r.modified), row.modified, "{}", row.file);
    assert_eq!(r.provenance.source, mamori_model::SourceKind::Csaf);
    assert_eq!(a.tlp.as_deref(), Some("WHITE"));
}

#[test]
fn jvn_csaf_flavour_reads() {
    // MyJVN API 4.0 answers getVulnDetailInfo with CSAF 2.1 (`cwes`, `metrics`, CVSS 4.0).
    let Some(dir) = common::data_dir("jvn/myjvn-np/examples/oka") else {
        return;
    };
    let files: Vec<_> = common::files(&dir, &[".json"])
        .into_iter()
        .filter(|f| {
            let n = f.file_name().unwrap().to_string_lossy();
            n.starts_with("getVulnDetailInfo_oka_") && !n.contains("stix")
        })
        .collect();
    assert_eq!(files.len(), 5);
    let total = check_all(&dir, &files);
    eprintln!("jvn csaf: {} files, {total:?}", files.len());
    let a = csaf::read(
        "c",
        &std::fs::read(dir.join("getVulnDetailInfo_oka_jvncsaf.json")).unwrap(),
    )
    .unwrap();
    let r = &a.vulnerabilities[0].as_ref().unwrap().vulnerability;
    assert_eq!(
        (
            r.id.as_str(),
            r.aliases[0].as_str(),
            r.titles[0].lang.as_str()
        ),
        ("CVE-2025-0000", "JVNDB-2025-000000", "ja")
    );
    assert_eq!(r.cwes[0].cwe.number(), 502);
    assert_eq!(
        r.cvss.iter().map(|c| c.version).collect::<Vec<_>>(),
        [CvssVersion::V2, CvssVersion::V3_0, CvssVersion::V4_0]
    );
}

#[test]
fn hand_checked_medical_advisories() {
    let Some(dir) = common::data_dir("csaf/cisagov-icsma") else {
        return;
    };
    let rows = [
        Row {
            file: "icsma-24-200-01.json",
            index: 0,
            id: "CVE-2020-36518",
            aliases: &["ICSMA-24-200-01"],
            related: &[],
            cwe: Some(787),
            cvss: &[(
                CvssVersion::V3_1,
                "CVSS:3.1/AV:A/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H",
                5.3,
            )],
            product: (
                "CSAFPID-0001",
                "Philips Vue PACS: <12.2.8.410",
                "Philips",
                "Vue PACS",
                None,
                Some("<12.2.8.410"),
                ProductStatus::KnownAffected,
                &["mitigation", "vendor_fix", "vendor_fix", "mitigation"],
            ),
            published: "2024-07-18 6:00:00.0 +00:00:00",
            modified: "2024-07-18 6:00:00.0 +00:00:00",
        },
        Row {
            file: "icsma-17-082-01.json",
            index: 0,
            id: "CVE-2017-6022",
            aliases: &["ICSMA-17-082-01"],
            related: &[],
            cwe: Some(259),
            cvss: &[(
                CvssVersion::V3_0,
                "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:L",
                7.3,
            )],
            product: (
                "CSAFPID-0001",
                "PerformA: Version 2.0.14.0 and prior versions",
                "Becton, Dickinson and Company (BD)",
                "PerformA",
                None,
                Some("<= 2.0.14.0"),
                ProductStatus::KnownAffected,
                &["mitigation"],
            ),
            published: "2017-03-23 0:00:00.0 +00:00:00",
            modified: "2017-03-23 0:00:00.0 +00:00:00",
        },
        Row {
            file: "icsma-18-037-02.json",
            index: 0,
            id: "CVE-2010-5306",
            aliases: &["ICSMA-18-037-02"],
            related: &[],
            cwe: Some(287),
            cvss: &[(
                CvssVersion::V3_0,
                "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
                9.8,
            )],
            product: (
                "CSAFPID-0001",
                "Optima 520: *",
                "GE Healthcare",
                "Optima 520",
                None,
                Some("vers:all/*"),
                ProductStatus::KnownAffected,
                &["mitigation"],
            ),
            published: "2018-02-06 0:00:00.0 +00:00:00",
            modified: "2018-03-13 0:00:00.0 +00:00:00",
        },
    ];
    for row in &rows {
        check_row(&dir, row);
    }
}

#[test]
fn product_tree_flattening() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/csaf/tree.json");
    let a = csaf::read("tree.json", &std::fs::read(path).unwrap()).unwrap();
    assert_eq!(
        (a.tracking_id.as_str(), a.tlp.as_deref(), a.lang.as_deref()),
        ("EXM-2025-0001", Some("GREEN"), Some("de"))
    );
    assert_eq!(a.revision.as_deref(), Some("3"));
    assert_eq!(
        a.current_release.map(|t| t.unix_timestamp()),
        Some(1738551906)
    );
    // (id, vendor, family, product, version, range, cpe, purls, models, relationship)
    type P = (
        &'static str,
        Option<&'static str>,
        Option<&'static str>,
        Option<&'static str>,
        Option<&'static str>,
        Option<&'static str>,
        Option<&'static str>,
        &'static [&'static str],
        &'static [&'static str],
        Option<(&'static str, &'static str, &'static str)>,
    );
    let want: [P; 7] = [
        (
            "PUMPOS-4.1.0",
            Some("Example Medical"),
            Some("Infusion"),
            Some("PumpOS"),
            Some("4.1.0"),
            None,
            Some("cpe:2.3:o:example:pumpos:4.1.0:*:*:*:*:*:*:*"),
            &["pkg:generic/example/pumpos@4.1.0"],
            &["P-100"],
            None,
        ),
        (
            "PUMPOS-OLD",
            Some("Example Medical"),
            Some("Infusion"),
            Some("PumpOS"),
            None,
            Some("vers:generic/<4.1.0"),
            None,
            &[],
            &[],
            None,
        ),
        (
            "P-100",
            Some("Example Medical"),
            None,
            Some("Pump P-100"),
            None,
            None,
            None,
            &[],
            &[],
            None,
        ),
        (
            "P-200",
            Some("Example Medical"),
            None,
            Some("Pump P-200"),
            None,
            None,
            None,
            &[],
            &[],
            None,
        ),
        (
            "HUB",
            None,
            None,
            None,
            None,
            None,
            None,
            &["pkg:generic/example/hub@2", "pkg:generic/example/hub@2.0"],
            &[],
            None,
        ),
        (
            "P-100:PUMPOS-OLD",
            Some("Example Medical"),
            Some("Infusion"),
            Some("PumpOS"),
            None,
            Some("vers:generic/<4.1.0"),
            None,
            &[],
            &[],
            Some(("installed_on", "PUMPOS-OLD", "P-100")),
        ),
        (
            "P-200:PUMPOS-4.1.0",
            Some("Example Medical"),
            Some("Infusion"),
            Some("PumpOS"),
            Some("4.1.0"),
            None,
            Some("cpe:2.3:o:example:pumpos:4.1.0:*:*:*:*:*:*:*"),
            &["pkg:generic/example/pumpos@4.1.0"],
            &["P-100"],
            Some(("installed_on", "PUMPOS-4.1.0", "P-200")),
        ),
    ];
    assert_eq!(a.products.len(), want.len());
    for (p, w) in a.products.iter().zip(want) {
        let got: P = (
            leak(&p.product_id),
            p.vendor.as_deref().map(leak),
            p.product_family.as_deref().map(leak),
            p.product.as_deref().map(leak),
            p.version.as_deref().map(leak),
            p.version_range.as_deref().map(leak),
            p.cpe.as_deref().map(leak),
            Box::leak(
                p.purls
                    .iter()
                    .map(|s| leak(s))
                    .collect::<Vec<_>>()
                    .into_boxed_slice(),
            ),
            Box::leak(
                p.model_numbers
                    .iter()
                    .map(|s| leak(s))
                    .collect::<Vec<_>>()
                    .into_boxed_slice(),
            ),
            p.relationship.as_ref().map(|r| {
                (
                    leak(&r.category),
                    leak(&r.product_reference),
                    leak(&r.relates_to),
                )
            }),
        );
        assert_eq!(got, w);
    }
    assert_eq!(
        a.product_groups,
        vec![(
            "PUMPS".to_owned(),
            vec![
                "P-100:PUMPOS-OLD".to_owned(),
                "P-200:PUMPOS-4.1.0".to_owned()
            ]
        )]
    );

    let v0 = a.vulnerabilities[0].as_ref().unwrap();
    let r = &v0.vulnerability;
    assert_eq!(r.id.as_str(), "CVE-2025-0001");
    assert_eq!(
        r.aliases.iter().map(|x| x.as_str()).collect::<Vec<_>>(),
        ["EXM-BUG-17", "EXM-2025-0001"]
    );
    assert!(r.related.is_empty());
    assert_eq!(
        (r.titles[0].lang.as_str(), r.titles[0].text.as_str()),
        ("de", "Pumpe akzeptiert unsignierte Firmware")
    );
    assert_eq!(r.descriptions.len(), 1);
    assert_eq!(r.severity.as_deref(), Some("High"));
    assert_eq!(
        r.cvss.iter().map(|c| c.version).collect::<Vec<_>>(),
        [CvssVersion::V2, CvssVersion::V3_1]
    );
    assert_eq!(r.cvss[0].source, "Example Medical");
    assert_eq!(
        r.references
            .iter()
            .map(|x| (x.url.as_str(), x.tags.join(",")))
            .collect::<Vec<_>>(),
        [
            (
                "https://nvd.nist.gov/vuln/detail/CVE-2025-0001",
                "external".to_owned()
            ),
            (
                "https://medical.example/advisories/EXM-2025-0001.json",
                "self".to_owned()
            )
        ]
    );
    let statuses: Vec<_> = r
        .csaf_products
        .iter()
        .map(|p| (p.product_id.as_str(), p.status, p.remediations.len()))
        .collect();
    assert_eq!(
        statuses,
        [
            ("P-100:PUMPOS-OLD", ProductStatus::KnownAffected, 2),
            ("P-200:PUMPOS-4.1.0", ProductStatus::Fixed, 1),
            ("HUB", ProductStatus::KnownNotAffected, 0)
        ]
    );
    // Group ids expand into their members; repeats collapse.
    assert_eq!(
        v0.remediations[0].product_ids,
        ["P-100:PUMPOS-OLD", "P-200:PUMPOS-4.1.0"]
    );
    assert_eq!(
        v0.threats[0].product_ids,
        ["P-100:PUMPOS-OLD", "P-200:PUMPOS-4.1.0"]
    );
    assert_eq!(
        (
            v0.flags[0].category.as_str(),
            v0.flags[0].product_ids.as_slice()
        ),
        ("component_not_present", &["HUB".to_owned()][..])
    );
    assert_eq!(v0.scores[0].products, ["P-100:PUMPOS-OLD"]);

    let ids: Vec<_> = a
        .vulnerabilities
        .iter()
        .map(|v| v.as_ref().unwrap().vulnerability.id.as_str().to_owned())
        .collect();
    assert_eq!(ids, ["CVE-2025-0001", "EXM-BUG-18", "EXM-2025-0001#3"]);
    assert_eq!(
        a.vulnerabilities[1]
            .as_ref()
            .unwrap()
            .vulnerability
            .id
            .kind(),
        VulnIdKind::Other
    );
}

fn leak(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

/// A bad document: file, then the whole-document error kind and place, or per-vulnerability outcomes (`Ok` or the error pointer).
fn check_bad(file: &str, whole: Option<(&str, Option<Location>)>, per_vuln: &[Result<&str, &str>]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/csaf/bad")
        .join(file);
    let got = csaf::read(file, &std::fs::read(path).unwrap());
    match (got, whole) {
        (Err(e), Some((kind, loc))) => {
            let k = match &e {
                FeedError::Malformed { .. } => "malformed",
                FeedError::Record { .. } => "record",
                FeedError::WrongKind { .. } => "wrong-kind",
            };
            assert_eq!((k, e.location().cloned()), (kind, loc), "{file}: {e}");
        }
        (Ok(a), None) => {
            let outcomes: Vec<Result<String, String>> = a
                .vulnerabilities
                .iter()
                .map(|r| match r {
                    Ok(v) => Ok(v.vulnerability.id.as_str().to_owned()),
                    Err(e) => {
                        eprintln!("{e}");
                        Err(e.location().map(ToString::to_string).unwrap_or_default())
                    }
                })
                .collect();
            let want: Vec<Result<String, String>> = per_vuln
                .iter()
                .map(|r| r.map(str::to_owned).map_err(str::to_owned))
                .collect();
            assert_eq!(outcomes, want, "{file}");
        }
        (got, want) => panic!("{file}: got {got:?}, want {want:?}"),
    }
}

#[test]
fn bad_documents_and_records() {
    check_bad(
        "records.json",
        None,
        &[
            Ok("CVE-2025-1000"),
            Err("/vulnerabilities/1/product_status/known_affected/1"),
            Err("/vulnerabilities/2/scores/0/cvss_v3/vectorString"),
            Ok("CVE-2025-1003"),
            Err("/vulnerabilities/4/remediations/0/group_ids/0"),
            Err("/vulnerabilities/5/remediations/0/date"),
            Err("/vulnerabilities/6/cve"),
            Err("/vulnerabilities/7/threats/0/product_ids/1"),
            Ok("CVE-2025-1008"),
        ],
    );
    check_bad("not-csaf.json", Some(("wrong-kind", None)), &[]);
    check_bad(
        "truncated.json",
        Some((
            "malformed",
            Some(Location::LineColumn {
                line: 1,
                column: 107,
            }),
        )),
        &[],
    );
    check_bad(
        "dangling-relationship.json",
        Some((
            "record",
            Some(Location::Pointer(
                "/product_tree/relationships/0/relates_to_product_reference".into(),
            )),
        )),
        &[],
    );
    check_bad(
        "no-tracking-id.json",
        Some((
            "record",
            Some(Location::Pointer("/document/tracking".into())),
        )),
        &[],
    );
}
