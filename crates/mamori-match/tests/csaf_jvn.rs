//! CSAF product-tree matching (supplier, name, version range) and JVN CPE 2.2 items, on records shaped like real ones.
//!
//! The CSAF record mirrors ICSMA-24-151-01 (Baxter, Welch Allyn Product
//! Configuration Tool, `<=1.9.4.1`, CVE-2024-5176), built as model values
//! because the CSAF reader lands separately.

use mamori_match::{
    ComponentIdentity, Environment, MatchPolicy, Outcome, Scanner, Verdict, VulnIndex,
};
use mamori_model::{
    CsafProduct, JvnProduct, ProductStatus, Provenance, SourceKind, VulnId, Vulnerability,
};

fn prov(source: SourceKind, file: &str) -> Provenance {
    Provenance {
        source,
        file_name: file.to_owned(),
        sha256: [0; 32],
        imported: None,
    }
}

fn records() -> Vec<Vulnerability> {
    let mut csaf = Vulnerability::new(
        VulnId::new("CVE-2024-5176").unwrap(),
        prov(SourceKind::Csaf, "icsma-24-151-01.json"),
    );
    let product = |id: &str, range: &str, status| CsafProduct {
        product_id: id.to_owned(),
        name: format!("Baxter Welch Allyn Product Configuration Tool {range}"),
        vendor: Some("Baxter".to_owned()),
        product: Some("Welch Allyn Product Configuration Tool".to_owned()),
        version: None,
        version_range: Some(range.to_owned()),
        cpe: None,
        purls: Vec::new(),
        status,
        remediations: Vec::new(),
    };
    csaf.csaf_products = vec![
        product("CSAFPID-0001", "<=1.9.4.1", ProductStatus::KnownAffected),
        product("CSAFPID-0002", "vers:generic/>=1.9.5", ProductStatus::Fixed),
    ];
    let mut jvn = Vulnerability::new(
        VulnId::new("JVNDB-2024-000001").unwrap(),
        prov(SourceKind::Jvn, "jvndb.xml"),
    );
    jvn.aliases = vec![VulnId::new("CVE-2024-0001").unwrap()];
    jvn.jvn_products = vec![JvnProduct {
        vendor: "Example Corp".to_owned(),
        product: "Example Viewer".to_owned(),
        cpe: Some("cpe:/a:example:viewer".to_owned()),
        versions: vec!["3.1 and prior".to_owned()],
    }];
    let mut jvn_nov = Vulnerability::new(
        VulnId::new("JVNDB-2024-000002").unwrap(),
        prov(SourceKind::Jvn, "jvndb.xml"),
    );
    jvn_nov.jvn_products = vec![JvnProduct {
        vendor: "Example Corp".to_owned(),
        product: "Example Gateway".to_owned(),
        cpe: Some("cpe:/o:example:gateway_firmware".to_owned()),
        versions: Vec::new(),
    }];
    vec![csaf, jvn, jvn_nov]
}

fn part(name: &str, supplier: Option<&str>, version: &str, cpe: Option<&str>) -> ComponentIdentity {
    let mut c = ComponentIdentity::from_purl(&format!(
        "pkg:generic/{}@{version}",
        name.replace(' ', "%20")
    ))
    .unwrap();
    c.name = name.to_owned();
    c.vendors = supplier.into_iter().map(str::to_owned).collect();
    c.cpe = cpe.map(|s| mamori_purl::Cpe::parse(s).unwrap());
    c
}

/// `group outcome confidence record` for each finding, else every explanation.
fn check(index: &VulnIndex, c: &ComponentIdentity) -> String {
    let scanner = Scanner::new(index, MatchPolicy::default());
    let env = Environment::unknown();
    let result = scanner.scan(std::slice::from_ref(c), &env);
    if result.findings.is_empty() {
        let cands = scanner.explain_candidates(c);
        return scanner
            .explain(c, &env, &cands)
            .into_iter()
            .map(|x| match x.verdict {
                Verdict::NotMatched(why) => format!("no {} {}: {why}", x.record_id, x.matcher),
                Verdict::Matched(_) => format!("explain disagrees on {}", x.record_id),
            })
            .collect::<Vec<_>>()
            .join("\n");
    }
    result
        .findings
        .iter()
        .map(|f| {
            let outcome = match f.outcome {
                Outcome::Affected => "affected",
                Outcome::CouldNotEvaluate { .. } => "could-not-evaluate",
            };
            let ev = &f.evidence[0];
            format!(
                "{} {outcome} {} {} {}",
                f.group,
                f.confidence.as_str(),
                ev.record_id,
                ev.conditions
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; ")
            )
            .trim_end()
            .to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn csaf_and_jvn() {
    let index = VulnIndex::new(records());
    let tool = "Welch Allyn Product Configuration Tool";
    let cases: Vec<(ComponentIdentity, &str)> = vec![
        (
            part(tool, Some("Baxter International Inc."), "1.9.4.0", None),
            "CVE-2024-5176 affected high CVE-2024-5176",
        ),
        (
            part(tool, Some("Baxter International Inc."), "1.9.4.1", None),
            "CVE-2024-5176 affected high CVE-2024-5176",
        ),
        (
            part(tool, Some("Baxter"), "1.9.4.2", None),
            "no CVE-2024-5176 csaf-product: version 1.9.4.2 outside <=1.9.4.1",
        ),
        (
            part(tool, Some("BAXTER"), "1.9.6", None),
            "no CVE-2024-5176 csaf-product: the advisory says fixed",
        ),
        (
            part(tool, Some("Acme Medical GmbH"), "1.9.4.0", None),
            "no CVE-2024-5176 csaf-product: other vendor: component is from Acme Medical GmbH, record is about Baxter",
        ),
        // The vendor written into the component name is ignored on either side.
        (
            part(
                "Baxter Welch Allyn Product Configuration Tool",
                Some("Baxter"),
                "1.0",
                None,
            ),
            "CVE-2024-5176 affected high CVE-2024-5176",
        ),
        // JVN: "3.1 and prior" read as a range.
        (
            part(
                "viewer",
                None,
                "3.0",
                Some("cpe:2.3:a:example:viewer:3.0:*:*:*:*:*:*:*"),
            ),
            "CVE-2024-0001 affected high JVNDB-2024-000001",
        ),
        (
            part(
                "viewer",
                None,
                "3.2",
                Some("cpe:2.3:a:example:viewer:3.2:*:*:*:*:*:*:*"),
            ),
            "no JVNDB-2024-000001 cpe: version 3.2 outside 3.1 and prior",
        ),
        // JVN without versions: a low-confidence match that says so.
        (
            part(
                "gateway firmware",
                None,
                "2.0",
                Some("cpe:/o:example:gateway_firmware:2.0"),
            ),
            "JVNDB-2024-000002 affected low JVNDB-2024-000002 the source lists the product without versions",
        ),
    ];
    let mut failures = Vec::new();
    for (c, want) in &cases {
        let got = check(&index, c);
        if got != *want {
            failures.push(format!(
                "{} {:?}\n  want: {want}\n  got:  {got}",
                c.name, c.version
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
