//! Fuzzes CycloneDX JSON reading: any bytes must be read or refused without a panic, and a
//! valid document must be written as 1.6 and read back valid, with the same model (less
//! what 1.6 cannot carry).
#![no_main]

use libfuzzer_sys::fuzz_target;
use mamori_model::{Attr, DocumentFormat, HashAlg, LicenseChoice, Sbom};

/// For a 1.7 source, what the 1.6 writer drops or maps: 1.7-only hash algorithms,
/// 1.7-only external reference types (as "other"), a mix of licenses and expressions
/// (joined into one expression).
fn as_1_6(s: &mut Sbom) {
    if s.spec_version != "1.7" {
        return;
    }
    for c in &mut s.components {
        c.hashes.retain(|h| !matches!(h.alg, HashAlg::Other(_)));
        for e in &mut c.external_refs {
            if ["patent", "patent-family", "patent-assertion", "citation"]
                .contains(&e.kind.as_str())
            {
                e.kind = "other".into();
            }
        }
        if let Attr::Value(ls) = &mut c.licenses
            && ls.len() > 1
            && ls.iter().any(|l| matches!(l, LicenseChoice::Expression(_)))
        {
            let joined = ls
                .iter()
                .map(|l| match l {
                    LicenseChoice::Expression(e) if e.contains(' ') => format!("({e})"),
                    l => l.as_text().to_owned(),
                })
                .collect::<Vec<_>>()
                .join(" AND ");
            *ls = vec![LicenseChoice::Expression(joined)];
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(checked) = mamori_sbom::cyclonedx::read_json(data) else {
        return;
    };
    // Only a valid document must survive the round trip, and validity includes the
    // semantic rules: two components sharing a bom-ref, differing only in what the model
    // does not carry, are written as two equal items.
    let semantically_valid = mamori_sbom::read(data).is_ok_and(|c| c.is_valid());
    // Refs that already use the reader's generated-ref prefix are not written back (warned).
    if !semantically_valid
        || !checked.errors.is_empty()
        || checked
            .warnings
            .iter()
            .any(|w| w.message.contains("mamori:gen:"))
    {
        return;
    }
    let out = mamori_sbom::write(&checked.sbom, DocumentFormat::CycloneDxJson);
    let again = mamori_sbom::cyclonedx::read_json(&out).expect("our own output must be readable");
    assert!(
        again.errors.is_empty(),
        "valid input made invalid output: {:?}",
        again.errors
    );
    let (mut a, mut b) = (checked.sbom, again.sbom);
    as_1_6(&mut a);
    a.spec_version.clear();
    // 1.2 and 1.3 allow version 0, which 1.6 does not: the writer makes it 1.
    if a.metadata.version == Some(0) {
        a.metadata.version = Some(1);
    }
    b.spec_version.clear();
    assert_eq!(a, b, "the model changed in a round trip");
});
