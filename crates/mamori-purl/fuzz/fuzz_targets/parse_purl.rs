//! Fuzz target: purl parsing never panics, the canonical form is a fixed
//! point, and the OSV mapping of any parsed purl does not panic either.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mamori_purl::{Purl, osv_package, purl_from_osv};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(p) = Purl::parse(s) {
        let once = p.to_string();
        let again = Purl::parse(&once).expect("canonical form must parse");
        assert_eq!(again, p, "{once}");
        assert_eq!(again.to_string(), once);
        if let Some(o) = osv_package(&p) {
            let _ = purl_from_osv(&o.ecosystem, &o.name, p.version());
        }
    }
    if let Some((eco, name)) = s.split_once('\n') {
        let _ = purl_from_osv(eco, name, None);
    }
});
