//! Fuzzes CycloneDX XML reading: any bytes must be read or refused without a panic,
//! and whatever was read must be written as 1.6 XML and read back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mamori_model::DocumentFormat;

fuzz_target!(|data: &[u8]| {
    let Ok(checked) = mamori_sbom::read(data) else {
        return;
    };
    let out = mamori_sbom::write(&checked.sbom, DocumentFormat::CycloneDxXml);
    let again = mamori_sbom::read(&out).expect("our own output must be readable");
    assert!(
        again.errors.is_empty() || !checked.errors.is_empty(),
        "valid input made invalid output: {:?}",
        again.errors
    );
});
