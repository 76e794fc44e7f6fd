//! The integration tests of the command line, as one test binary: each file beside this one is a
//! module. One binary per crate instead of one per file keeps the linked test executables
//! (each carries the whole dependency tree) from filling a CI machine's disk.

mod cli_audit;
mod cli_batch;
mod cli_csaf_publish;
mod cli_db;
mod cli_monitor;
mod cli_sbom;
mod cli_scan;
mod cli_serve;
mod cli_sync;
mod cli_vex;
