//! Fuzzes the CSV installed-base parser: any bytes, no panic, and every row accounted for.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(p) = mamori_hospital::parse_csv(data) {
        for r in &p.rows {
            assert!(!r.serial.as_str().is_empty());
            assert!(r.row >= 2);
        }
        for r in &p.rejected {
            let _ = r.to_string();
        }
    }
});
