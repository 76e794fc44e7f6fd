//! One module per version scheme; each exposes a parsed `…Version` type whose
//! `Ord` is the ecosystem's own order and whose `Eq`/`Hash` agree with it.

pub mod alpine;
pub mod cran;
pub mod dart_pub;
pub mod debian;
pub mod generic;
pub mod go;
pub mod hackage;
pub mod maven;
pub mod nuget;
mod num;
pub mod packagist;
pub mod pep440;
pub mod rpm;
pub mod rubygems;
pub mod semver;
