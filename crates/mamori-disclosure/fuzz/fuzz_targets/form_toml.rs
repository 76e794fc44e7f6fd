//! Fuzz target: a form definition file (users keep corrected copies in `[disclosure] forms_dir`) reads or is refused, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mamori_disclosure::Form;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(form) = Form::from_toml(text)
    {
        // A form that reads has items with ids and texts.
        for item in form.items() {
            assert!(!item.id().is_empty());
        }
    }
});
