//! Fuzzes the nvd reader (and detect) on arbitrary bytes: it must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = mamori_feeds::detect("fuzz", data);
    for r in mamori_feeds::nvd::read("fuzz", data) {
        if let Err(e) = r {
            // Rendering the error must not panic either.
            let _ = e.to_string();
        }
    }
});
