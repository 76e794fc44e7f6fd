//! Total-order laws for the distribution and remaining language schemes, on generated versions.
//!
//! For each scheme, proptest draws small sets of versions from an alphabet
//! narrow enough that ties (`1.0` vs `1.00`, `1.0` vs `1`) are common, and
//! checks that the order is antisymmetric and transitive, that `==` agrees
//! with `cmp`, that equal versions hash alike, and that re-parsing the
//! displayed text gives an equal version.

use std::cmp::Ordering;
use std::collections::hash_map::DefaultHasher;
use std::fmt::{Debug, Display};
use std::hash::{Hash, Hasher};

use mamori_version::ParseError;
use mamori_version::schemes::{
    alpine::AlpineVersion, cran::CranVersion, debian::DebianVersion, hackage::HackageVersion,
    packagist::PackagistVersion, rpm::RpmVersion, rubygems::RubyGemsVersion,
};
use proptest::prelude::*;

fn hash_of<T: Hash>(v: &T) -> u64 {
    let mut h = DefaultHasher::new();
    v.hash(&mut h);
    h.finish()
}

/// Checks the laws on every pair and triple of `inputs` that parse.
fn laws<T>(inputs: &[String], parse: fn(&str) -> Result<T, ParseError>) -> Result<(), TestCaseError>
where
    T: Ord + Hash + Display + Debug,
{
    let vs: Vec<T> = inputs.iter().filter_map(|s| parse(s).ok()).collect();
    for v in &vs {
        let again = parse(&v.to_string()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(v.cmp(&again), Ordering::Equal, "re-parse of {}", v);
    }
    for a in &vs {
        for b in &vs {
            let ab = a.cmp(b);
            prop_assert_eq!(ab, b.cmp(a).reverse(), "antisymmetry: {} vs {}", a, b);
            prop_assert_eq!(a == b, ab == Ordering::Equal, "eq/cmp: {} vs {}", a, b);
            if a == b {
                prop_assert_eq!(hash_of(a), hash_of(b), "hash: {} vs {}", a, b);
            }
            for c in &vs {
                if ab != Ordering::Greater && b.cmp(c) != Ordering::Greater {
                    prop_assert_ne!(
                        a.cmp(c),
                        Ordering::Greater,
                        "transitivity: {} {} {}",
                        a,
                        b,
                        c
                    );
                }
            }
        }
    }
    Ok(())
}

fn sets(pattern: &'static str) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(pattern, 2..10)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn debian(inputs in sets("([0-2]{1,2}:)?[0-2][0-2a-b.+~]{0,5}(-[0-2a-b.+~]{1,3})?")) {
        laws(&inputs, DebianVersion::parse)?;
    }

    #[test]
    fn rpm(inputs in sets("([0-2]{0,2}:)?[0-2a-b.~^_]{0,5}(-[0-2a-b.~^]{0,3})?")) {
        laws(&inputs, RpmVersion::parse)?;
    }

    #[test]
    fn alpine(inputs in sets("[0-2]{1,2}(\\.[0-2]{1,2}){0,2}[a-b]?(_(alpha|rc|p|git|x)[0-2]?){0,2}(~[0-9a-f]{1,2})?(-r[0-2]{0,2})?[.a-z0-9_~-]{0,2}")) {
        laws(&inputs, AlpineVersion::parse)?;
    }

    #[test]
    fn cran(inputs in sets("[0-2]{1,2}([.-][0-2]{1,2}){1,3}")) {
        laws(&inputs, CranVersion::parse)?;
    }

    #[test]
    fn hackage(inputs in sets("(0|[1-2][0-2]?)(\\.(0|[1-2][0-2]?)){0,3}")) {
        laws(&inputs, HackageVersion::parse)?;
    }

    #[test]
    fn rubygems(inputs in sets("[0-2]{1,2}[a-b]?(\\.[0-2a-b]{1,2}){0,3}(-[0-2a-b]{1,2})?")) {
        laws(&inputs, RubyGemsVersion::parse)?;
    }

    #[test]
    fn packagist(inputs in sets("v?[0-2]{1,2}(\\.[0-2]{1,2}){0,3}([-._+]?(dev|alpha|a|beta|b|RC|rc|pl|p|#|x|stable)[0-2]?){0,2}")) {
        laws(&inputs, PackagistVersion::parse)?;
    }
}
