//! Fuzz target: reading an armored OpenPGP public key, or verifying an armored signature with a fixed key, never panics, whatever the text.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use mamori_csaf::openpgp::{PublicKey, SigningKey};

fn key() -> &'static PublicKey {
    static KEY: OnceLock<PublicKey> = OnceLock::new();
    KEY.get_or_init(|| {
        // A fixed seed: the same key on every run, so findings reproduce.
        let mut rng = <rand::rngs::StdRng as rand::SeedableRng>::seed_from_u64(7);
        let now = time::macros::datetime!(2026-01-01 00:00 UTC);
        SigningKey::generate(&mut rng, "fuzz <fuzz@example.invalid>", None, now)
            .expect("a key")
            .public()
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = PublicKey::from_armored(text);
    let _ = key().verify_detached(b"document", text);
});
