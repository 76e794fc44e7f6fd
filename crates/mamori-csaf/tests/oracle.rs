//! The official validators as a test oracle: every document the writers produce from the fixtures
//! (and a generated release) is checked by `@secvisogram/csaf-validator-lib` (CSAF: strict schema
//! and all mandatory tests), by ajv with the CycloneDX 1.6 schema, and by ajv with the OpenVEX 0.2.0
//! schema read from `../shared/data/openvex/spec` (when present), through
//! `tests/oracle/validate.mjs`. Needs `MAMORI_CSAF_ORACLE` (a folder with those npm packages in
//! `node_modules`, as `scripts/test` installs); without it the test prints a notice and passes.

use crate::common;

use std::path::PathBuf;
use std::process::Command;

#[test]
fn official_validators_accept_every_written_document() {
    let Some(oracle) = std::env::var_os("MAMORI_CSAF_ORACLE").map(PathBuf::from) else {
        eprintln!("MAMORI_CSAF_ORACLE is not set: skipping the npm oracle (scripts/test sets it)");
        return;
    };
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("csaf-oracle-docs");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).unwrap();
    let mut written = 0;
    let openvex_schema = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/openvex/spec/openvex_json_schema.json");
    let openvex_schema = openvex_schema.exists().then_some(openvex_schema);
    if openvex_schema.is_none() {
        eprintln!(
            "notice: the OpenVEX schema in ../shared/data is absent: OpenVEX outputs are not checked here"
        );
    }
    let mut inputs: Vec<(String, mamori_csaf::vex::VexDocument)> = common::cases()
        .iter()
        .map(|case| {
            let name = case.file_name().unwrap().to_string_lossy().into_owned();
            (name, common::load(&case.join("input.json")))
        })
        .collect();
    inputs.push(("generated".to_string(), common::generated()));
    for (case_name, doc) in &inputs {
        for (name, writer) in common::WRITERS {
            let kind = if name.starts_with("csaf") {
                "csaf"
            } else if name.starts_with("cyclonedx") {
                "cyclonedx"
            } else if name.starts_with("openvex") && openvex_schema.is_some() {
                "openvex"
            } else {
                continue;
            };
            if let Ok(w) = writer(doc) {
                let file = out.join(format!("{case_name}.{name}.{kind}.json"));
                std::fs::write(file, w.to_vec()).unwrap();
                written += 1;
            }
        }
    }
    // CISA's ICSMA advisories re-issued through our reader and writer (issue 7).
    let cisa =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/csaf/cisagov-icsma");
    if cisa.exists() {
        let now = time::macros::datetime!(2026-11-26 09:00 UTC);
        for f in std::fs::read_dir(&cisa).unwrap().map(|e| e.unwrap().path()) {
            if f.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            let adv = mamori_feeds::csaf::read(&name, &std::fs::read(&f).unwrap()).unwrap();
            let r = mamori_csaf::vex::reissue(
                &adv,
                mamori_csaf::vex::Publisher {
                    name: "Example Medical PSIRT".into(),
                    namespace: "https://psirt.example.com".into(),
                    category: mamori_csaf::vex::PublisherCategory::Vendor,
                },
                &format!("EXAMPLE-{}", adv.tracking_id),
                now,
            );
            let w = mamori_csaf::vex::csaf_security_advisory(&r.document).unwrap();
            std::fs::write(out.join(format!("reissued-{name}.csaf.json")), w.to_vec()).unwrap();
            written += 1;
        }
    } else {
        eprintln!(
            "notice: {} is absent: the re-issued CISA advisories are not checked",
            cisa.display()
        );
    }
    assert!(written >= 19, "only {written} documents written");
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/oracle/validate.mjs");
    let mut node = Command::new("node");
    node.arg(&script).arg(&oracle).arg(&out);
    if let Some(s) = &openvex_schema {
        node.arg(s);
    }
    let run = node.output().expect("node is needed for the oracle");
    let stdout = String::from_utf8_lossy(&run.stdout);
    eprintln!("{stdout}{}", String::from_utf8_lossy(&run.stderr));
    assert!(
        run.status.success(),
        "the official validators rejected a document"
    );
    assert!(
        stdout.contains(&format!("oracle: {written} accepted, 0 rejected")),
        "not every written document was checked"
    );
}
