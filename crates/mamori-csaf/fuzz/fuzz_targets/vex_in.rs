//! Fuzz target: the VEX readers must never panic, whatever the bytes, and every error renders.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match mamori_csaf::vex_in::read_vex(data) {
        Ok(doc) => {
            for c in &doc.statements {
                // Pointers are RFC 6901: empty or starting with a slash.
                assert!(c.pointer.is_empty() || c.pointer.starts_with('/'));
                let _ = c.ids().count();
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
