//! Fuzz target: every range syntax must parse or fail cleanly, never panic,
//! and whatever parses must answer `contains` and print as `vers:`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use mamori_version::Scheme;
use mamori_version::range::{
    AnyRange, ComposerConstraint, CsafProductVersion, GemRequirement, MavenRange, NpmRange,
    NuGetRange, OsvEvent, OsvRange, OsvRangeKind, Pep440Specifiers, VersRange,
};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // An optional second line is a candidate version.
    let (range, version) = text.split_once('\n').unwrap_or((text, "1.2.3"));
    for scheme in Scheme::ALL {
        if let Ok(r) = AnyRange::parse(scheme, range) {
            let set = r.to_set();
            let _ = set.to_vers();
            if let Ok(v) = scheme.parse(version) {
                let _ = r.contains(&v);
                let _ = set.contains(&v);
            }
        }
        if let Ok(r) = CsafProductVersion::parse(scheme, range) {
            let _ = r.set().to_vers();
        }
        let events = range
            .split(',')
            .enumerate()
            .map(|(i, s)| match i % 4 {
                0 => OsvEvent::Introduced(s.to_owned()),
                1 => OsvEvent::Fixed(s.to_owned()),
                2 => OsvEvent::LastAffected(s.to_owned()),
                _ => OsvEvent::Limit(s.to_owned()),
            })
            .collect();
        let osv = OsvRange::new(OsvRangeKind::Ecosystem, scheme, events);
        if let Ok(v) = scheme.parse(version) {
            let _ = osv.contains(&v);
        }
    }
    if let Ok(r) = VersRange::parse(range) {
        let printed = r.to_string();
        // Normalized output must read back as the same set.
        if let Ok(again) = VersRange::parse(&printed) {
            assert!(
                again.set().same_as(r.set()),
                "{printed} does not round-trip"
            );
        }
    }
    let _ = NpmRange::parse(range).map(|r| r.to_string());
    let _ = Pep440Specifiers::parse(range).map(|r| (r.to_string(), r.contains_str(version)));
    let _ = MavenRange::parse(range);
    let _ = NuGetRange::parse(range);
    let _ = GemRequirement::parse(range);
    let _ = ComposerConstraint::parse(range);
});
