//! Fuzzes the epss reader (and detect) on arbitrary bytes: it must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = mamori_feeds::detect("fuzz", data);
    let file = mamori_feeds::epss::read("fuzz", data);
    for r in &file.scores {
        if let Err(e) = r {
            // Rendering the error must not panic either.
            let _ = e.to_string();
        }
    }
});
