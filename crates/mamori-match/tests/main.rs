//! The integration tests of the matchers, as one test binary: each file beside this one is a
//! module. One binary per crate instead of one per file keeps the linked test executables
//! (each carries the whole dependency tree) from filling a CI machine's disk.

mod cpe;
mod csaf_jvn;
mod nushell;
mod prefilter;
mod pypi_go;
mod ranges;
