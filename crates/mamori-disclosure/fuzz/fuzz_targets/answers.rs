//! Fuzz target: answers as the API receives them (JSON) read, validate against both built-in forms, and export as xlsx without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mamori_disclosure::{Answers, Header, builtin_forms, validate, write_xlsx};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(answers) = Answers::from_json(text) else {
        return;
    };
    for form in builtin_forms() {
        for complete in [false, true] {
            for e in validate(&form, &answers, complete) {
                let _ = e.to_string();
            }
        }
        if validate(&form, &answers, false).is_empty() {
            let _ = write_xlsx(&form, &Header::default(), &answers, true);
        }
    }
});
