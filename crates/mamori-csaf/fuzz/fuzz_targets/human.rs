//! Fuzz target: rendering any JSON as a human-readable advisory never panics, and the HTML never carries a script tag from the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mamori_csaf::human::{Lang, html};

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = serde_json::from_slice::<serde_json::Value>(data) {
        for lang in [Lang::Ja, Lang::En] {
            let page = html(&doc, lang);
            assert!(!page.contains("<script"), "unescaped script in the page");
        }
    }
});
