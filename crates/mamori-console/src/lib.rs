//! Mamori's web console pages: view models in, HTML out — pure (no IO, no database, no clock).
//!
//! # How the server calls it
//!
//! For each request the server builds a [`PageCtx`] (language from [`Lang::negotiate`] with the
//! `Accept-Language` header and the user's stored preference, the signed-in [`User`], the
//! session's CSRF token, an optional one-time [`Notice`]), maps store rows onto the page's view
//! struct (see [`views`]), and calls the page's `render_*` function, which returns the whole
//! document as a `String`:
//!
//! ```
//! use mamori_console::{Lang, PageCtx, SignInView, render_signin};
//! let ctx = PageCtx { lang: Lang::negotiate(Some("ja,en;q=0.5"), None), csrf: "tok".into(), ..Default::default() };
//! let html = render_signin(&ctx, &SignInView::default());
//! assert!(html.contains(r#"<html lang="ja">"#));
//! ```
//!
//! Pages link and post to fixed paths (documented on each view struct and on [`Nav::href`]);
//! every POST form carries the CSRF token as the field `csrf`. Anything that needs today's date
//! (days left, overdue, past end of support) is computed by the server and passed in.
//!
//! Static files: serve [`CSS`] at [`css_url`] and [`JS`] at [`js_url`] (or look a
//! `/static/<file>` name up with [`assets::lookup`]) with a long cache lifetime: the URL changes
//! with the content. Pages use no inline script or style, so a CSP of
//! `default-src 'self'` holds.
//!
//! # Design
//!
//! Templates are askama's (compiled in, HTML auto-escaped). Every visible word comes from the
//! catalog `messages.tsv` (key, English, Japanese); a test fails when a template holds literal
//! text or uses a key the catalog lacks. Charts are laid out in Rust ([`charts`]) and drawn by the
//! templates, so chart labels are escaped like everything else.

#![forbid(unsafe_code)]

pub mod assets;
pub mod charts;
mod ctx;
mod i18n;
mod pages;
pub mod views;

pub use assets::{CSS, CSS_HASH, JS, JS_HASH, css_url, js_url};
pub use ctx::{Level, Message, Nav, Notice, PageCtx, Role, User};
pub use i18n::Lang;
pub use pages::*;
pub use views::*;
