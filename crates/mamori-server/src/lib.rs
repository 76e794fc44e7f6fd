//! Mamori's HTTP server: API, console, portal.
