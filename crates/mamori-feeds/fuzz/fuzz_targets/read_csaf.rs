//! Fuzzes the csaf reader (and detect) on arbitrary bytes: it must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = mamori_feeds::detect("fuzz", data);
    match mamori_feeds::csaf::read("fuzz", data) {
        Ok(advisory) => {
            for r in &advisory.vulnerabilities {
                if let Err(e) = r {
                    // Rendering the error must not panic either.
                    let _ = e.to_string();
                }
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
