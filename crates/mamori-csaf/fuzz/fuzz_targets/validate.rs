//! Fuzz target: `validate` must never panic, whatever the bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(report) = mamori_csaf::validate(data) {
        // Every failure renders (pointers and messages are well-formed strings).
        for f in report.all() {
            let _ = f.to_string();
        }
    }
});
