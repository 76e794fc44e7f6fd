//! Fuzzes the kev reader (and detect) on arbitrary bytes: it must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = mamori_feeds::detect("fuzz", data);
    let catalog = mamori_feeds::kev::read("fuzz", data);
    for r in &catalog.entries {
        if let Err(e) = r {
            // Rendering the error must not panic either.
            let _ = e.to_string();
        }
    }
});
