//! The integration tests of the store, as one test binary: each file beside this one is a
//! module. One binary per crate instead of one per file keeps the linked test executables
//! (each carries the whole dependency tree) from filling a CI machine's disk.

mod common;
#[path = "common/world.rs"]
mod world;

mod advisories;
mod assessments;
mod audit;
mod checkpoint;
mod dashboard;
mod identity;
mod installed_base;
mod jobs;
mod monitor;
mod monitor_batch;
mod monitor_writes;
mod notices;
mod portal;
mod portfolio;
mod prefilter;
mod queue;
mod reports;
mod signing_keys;
mod sync_state;
mod vex;
mod vulns;
