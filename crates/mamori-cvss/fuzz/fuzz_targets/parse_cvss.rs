//! Fuzzes `Cvss::parse`: never panics, and whatever parses scores in 0..=10 and round-trips through Display.

#![no_main]

use libfuzzer_sys::fuzz_target;
use mamori_cvss::Cvss;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let Ok(cvss) = Cvss::parse(s) else { return };
    for score in [Some(cvss.base_score()), cvss.temporal_score(), cvss.environmental_score(), Some(cvss.score())]
        .into_iter()
        .flatten()
    {
        assert!((0.0..=10.0).contains(&score), "{s} scored {score}");
    }
    let _ = cvss.severity();
    let shown = cvss.to_string();
    assert_eq!(Cvss::parse(&shown), Ok(cvss), "{s} normalized to {shown}");
});
