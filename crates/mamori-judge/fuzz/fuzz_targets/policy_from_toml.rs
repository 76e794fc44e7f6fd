//! Fuzzes the priority policy and regulatory rule readers: any text is refused or gives a usable table.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mamori_judge::clocks::{CaseFacts, Harm, RegulatoryRules};
use mamori_judge::priority::{Policy, PriorityInput};
use time::macros::date;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(p) = Policy::from_toml(text) {
        let input = PriorityInput {
            cvss_base: Some(9.8),
            cvss_environmental: None,
            epss: None,
            kev: Some(true),
            safety: None,
            since: date!(2025 - 01 - 01),
        };
        p.explain(&input).expect("a validated policy classifies every finding");
    }
    if let Ok(r) = RegulatoryRules::from_toml(text) {
        let facts = CaseFacts {
            awareness: date!(2025 - 01 - 01),
            correction_initiated: Some(date!(2025 - 01 - 02)),
            harm: Harm::Death,
            harm_occurred: true,
            expected: false,
            unanticipated: true,
            public_health_threat: false,
            risk: None,
        };
        r.deadlines(&facts).expect("ten-year periods stay inside the calendar");
    }
});
