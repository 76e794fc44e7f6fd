//! Matching benchmarks (filled in below).
fn main() {}
