//! Downloader tests against a scripted local HTTP server (no network), one module per source.

mod csaf;
mod http;
mod jvn;
mod nvd;
mod osv;
mod settings;
mod support;
