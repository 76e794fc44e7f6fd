//! One module per version scheme; each exposes a parsed `…Version` type whose
//! `Ord` is the ecosystem's own order and whose `Eq`/`Hash` agree with it.

pub mod dart_pub;
pub mod generic;
pub mod go;
pub mod maven;
pub mod nuget;
mod num;
pub mod pep440;
pub mod semver;
