//! Fuzz target: CPE parsing never panics, both bindings read back to the
//! same name, and comparing a name with itself never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mamori_purl::cpe::{Cpe, compare};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(c) = Cpe::parse(s) {
        let fs = Cpe::parse(&c.to_fs()).expect("formatted string must parse");
        assert_eq!(fs, c, "{}", c.to_fs());
        let uri = Cpe::parse(&c.to_uri()).expect("URI must parse");
        assert_eq!(uri, c, "{}", c.to_uri());
        let _ = compare(&c, &fs);
    }
    // Two names separated by a newline: matching must not panic.
    if let Some((a, b)) = s.split_once('\n') {
        if let (Ok(a), Ok(b)) = (Cpe::parse(a), Cpe::parse(b)) {
            let _ = compare(&a, &b);
        }
    }
});
