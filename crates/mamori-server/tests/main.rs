//! The integration tests of the server, as one test binary: each file beside this one is a
//! module. One binary per crate instead of one per file keeps the linked test executables
//! (each carries the whole dependency tree) from filling a CI machine's disk.

mod common;
#[path = "browser/tools.rs"]
mod tools;
#[path = "browser/world.rs"]
mod world;

mod advisories;
mod api;
mod browser;
mod browser_notices;
mod browser_reports;
mod console;
mod jobs;
mod notices;
mod portal;
mod reports;
