//! Fuzzes the jvn reader (and detect) on arbitrary bytes: it must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = mamori_feeds::detect("fuzz", data);
    match mamori_feeds::jvn::read("fuzz", data) {
        Ok(doc) => {
            if let Some(st) = &doc.status {
                let _ = st.next_start();
            }
            for e in doc
                .entries
                .iter()
                .filter_map(|r| r.as_ref().err())
                .chain(&doc.warnings)
            {
                // Rendering the error must not panic either.
                let _ = e.to_string();
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
