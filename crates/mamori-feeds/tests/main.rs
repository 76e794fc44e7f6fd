//! The integration tests of the feed parsers, as one test binary: each file beside this one is a
//! module. One binary per crate instead of one per file keeps the linked test executables
//! (each carries the whole dependency tree) from filling a CI machine's disk.

mod common;

mod alias;
mod csaf;
mod cve5;
mod epss;
mod jvn;
mod kev;
mod nvd;
mod osv;
