//! The console's static files, embedded, with content hashes for cache-busting URLs.
//!
//! The hash is 64-bit FNV-1a computed at compile time: it only has to change when the file does,
//! not resist an adversary, and a `const` keeps the URL free to compute.

/// The stylesheet.
pub const CSS: &str = include_str!("../static/app.css");
/// The script (progressive enhancement only: every page works without it).
pub const JS: &str = include_str!("../static/app.js");

/// Hex FNV-1a hash of [`CSS`].
pub const CSS_HASH: &str = hex_str(&CSS_HASH_BYTES);
/// Hex FNV-1a hash of [`JS`].
pub const JS_HASH: &str = hex_str(&JS_HASH_BYTES);

const CSS_HASH_BYTES: [u8; 16] = hex16(fnv1a(CSS.as_bytes()));
const JS_HASH_BYTES: [u8; 16] = hex16(fnv1a(JS.as_bytes()));

/// The stylesheet's URL, `/static/app.<hash>.css`.
pub fn css_url() -> String {
    format!("/static/app.{CSS_HASH}.css")
}

/// The script's URL, `/static/app.<hash>.js`.
pub fn js_url() -> String {
    format!("/static/app.{JS_HASH}.js")
}

/// The asset a `/static/…` file name names, with its content type; `None` for any other name
/// (an old hash included, so a stale URL is a 404 rather than stale content under a new name).
pub fn lookup(file: &str) -> Option<(&'static str, &'static str)> {
    if file
        .strip_prefix("app.")
        .and_then(|r| r.strip_suffix(".css"))
        == Some(CSS_HASH)
    {
        Some((CSS, "text/css; charset=utf-8"))
    } else if file
        .strip_prefix("app.")
        .and_then(|r| r.strip_suffix(".js"))
        == Some(JS_HASH)
    {
        Some((JS, "text/javascript; charset=utf-8"))
    } else {
        None
    }
}

const fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        h ^= bytes[i] as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    h
}

const fn hex16(h: u64) -> [u8; 16] {
    let digits = b"0123456789abcdef";
    let mut out = [0u8; 16];
    let mut i = 0;
    while i < 16 {
        out[i] = digits[((h >> (60 - 4 * i)) & 0xf) as usize];
        i += 1;
    }
    out
}

const fn hex_str(bytes: &'static [u8; 16]) -> &'static str {
    match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(_) => panic!("hex digits are ascii"),
    }
}
