//! Fuzzes the xlsx installed-base parser: any bytes (mostly broken ZIP containers and workbooks), no panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(p) = mamori_hospital::parse_xlsx(data) {
        for r in &p.rejected {
            let _ = r.to_string();
        }
    }
});
