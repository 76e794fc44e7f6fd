//! The integration tests of the CSAF and VEX writers, as one test binary: each file beside this one is a
//! module. One binary per crate instead of one per file keeps the linked test executables
//! (each carries the whole dependency tree) from filling a CI machine's disk.

mod common;

mod api;
mod cisa;
mod human;
mod official;
mod oracle;
mod provider;
mod vex;
mod vex_in;
