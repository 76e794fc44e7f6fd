//! Fuzzes version parsing and comparison of every scheme: no input may panic.
//!
//! The first byte picks the scheme; the rest is one or two versions separated
//! by a newline. Parsed versions must keep their text, re-parse to an equal
//! version and compare antisymmetrically.

#![no_main]

use std::cmp::Ordering;

use libfuzzer_sys::fuzz_target;
use mamori_version::Scheme;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let scheme = Scheme::ALL[usize::from(pick) % Scheme::ALL.len()];
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let (a, b) = text.split_once('\n').unwrap_or((text, ""));
    let (Ok(va), vb) = (scheme.parse(a), scheme.parse(b)) else {
        return;
    };
    assert_eq!(va.as_str(), a);
    assert_eq!(va.scheme(), scheme);
    assert_eq!(va.cmp_same(&va), Some(Ordering::Equal));
    let again = scheme
        .parse(&va.to_string())
        .expect("displayed text parses");
    assert_eq!(va.cmp_same(&again), Some(Ordering::Equal));
    if let Ok(vb) = vb {
        let ab = va.cmp_same(&vb).expect("same scheme");
        let ba = vb.cmp_same(&va).expect("same scheme");
        assert_eq!(ab, ba.reverse());
    }
});
