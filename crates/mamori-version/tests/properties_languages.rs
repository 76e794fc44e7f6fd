//! Order laws for the language schemes, on generated versions.
//!
//! For every scheme: the order is antisymmetric and transitive, `Eq` agrees
//! with `Ord`, `Hash` agrees with `Eq`, and re-parsing the displayed text
//! gives an equal version. The generators use small alphabets on purpose so
//! that equal and near-equal versions (`1.0` vs `1.0.0`, `ga` vs `final`)
//! turn up often.

use std::cmp::Ordering;
use std::collections::hash_map::DefaultHasher;
use std::fmt::{Debug, Display};
use std::hash::{Hash, Hasher};

use mamori_version::ParseError;
use mamori_version::schemes::dart_pub::PubVersion;
use mamori_version::schemes::generic::GenericVersion;
use mamori_version::schemes::go::GoVersion;
use mamori_version::schemes::maven::MavenVersion;
use mamori_version::schemes::nuget::NuGetVersion;
use mamori_version::schemes::pep440::Pep440Version;
use mamori_version::schemes::semver::SemverVersion;
use proptest::prelude::*;

fn hash_of<T: Hash>(v: &T) -> u64 {
    let mut h = DefaultHasher::new();
    v.hash(&mut h);
    h.finish()
}

/// Checks every law on three inputs; inputs the scheme rejects are skipped
/// (the generators are broader than some grammars).
fn check<T>(parse: fn(&str) -> Result<T, ParseError>, a: &str, b: &str, c: &str)
where
    T: Ord + Hash + Display + Debug,
{
    let (Ok(x), Ok(y), Ok(z)) = (parse(a), parse(b), parse(c)) else {
        return;
    };
    for (p, q) in [(&x, &y), (&y, &z), (&x, &z)] {
        assert_eq!(p.cmp(q), q.cmp(p).reverse(), "antisymmetry: {p} vs {q}");
        assert_eq!(p == q, p.cmp(q) == Ordering::Equal, "Eq vs Ord: {p} vs {q}");
        if p == q {
            assert_eq!(hash_of(p), hash_of(q), "Hash vs Eq: {p} vs {q}");
        }
    }
    let mut sorted = [&x, &y, &z];
    sorted.sort();
    let [lo, mid, hi] = sorted;
    assert!(
        lo <= mid && mid <= hi && lo <= hi,
        "transitivity: {lo} {mid} {hi}"
    );
    // Sorting used only some comparisons; check the one it may have skipped.
    assert_ne!(
        lo.cmp(hi),
        Ordering::Greater,
        "transitivity: {lo} <= {mid} <= {hi}"
    );
    for v in [&x, &y, &z] {
        let again = parse(&v.to_string()).expect("displayed text parses");
        assert_eq!(&again, v, "round trip of {v}");
    }
}

const SEMVER: &str =
    "[0-2]\\.[0-2]\\.(0|[1-9][0-9]?)(-[0-9a-bA]{1,2}(\\.[0-9a-b-]{1,2}){0,2})?(\\+[0-9a-z]{1,2})?";
const NPM: &str = "[ v=]{0,2}[0-2]\\.[0-2]\\.[0-2]{1,2}(-?[a-bA0-2]{1,2}(\\.[0-2a-b]{1,2}){0,2})?(\\+[a-z]{1,2})? ?";
const LENIENT: &str =
    "v?[0-2](\\.[0-2]){0,4}(-[0-9a-b]{1,2}(\\.[0-9a-b]{1,2}){0,2})?(\\+[0-9a-z]{1,2})?";
const GO: &str = "v?[0-2]\\.[0-2]\\.(0|[1-9])(-(0|[a-c]{1,2}|[1-9])(\\.(0|[1-9]|20191109021931|[a-c]{1,2})){0,2})?(\\+incompatible)?";
const NUGET: &str =
    "[0-2](\\.0?[0-2]){0,3}(-[a-bA-B0-2]{1,2}(\\.[a-bA-B0-2]{1,2}){0,2})?(\\+[a-zA-Z]{1,2})?";
const PUB: &str = "v?[0-2]\\.[0-2]\\.[0-2](-[0-9a-b]{1,2}(\\.[0-9a-b]{1,2}){0,2})?(\\+[0-9a-b]{1,2}(\\.[0-9a-b]{1,2})?)?";
const PEP440: &str = "v?([12]!)?[0-2](\\.[0-2]){0,3}([-._]?(a|b|c|rc|alpha|beta|pre|preview)[-._]?[0-2]?)?(-[0-2]|[-._]?(post|rev|r)[-._]?[0-2]?)?([-._]?dev[0-2]?)?(\\+[a-b0-2]{1,2}([-._][a-b0-2]{1,2}){0,2})?";
/// Maven's own order is not transitive when a qualifier after `.` meets a
/// sub-list (`1.sp < 1-alpha < 1 < 1.sp`, see the `maven` module), so
/// qualifiers here follow `-` or a number, and numbers follow `.` or `-`.
const MAVEN: &str = "[0-9]{1,2}([.-][0-9]{1,2}|-?(alpha|beta|milestone|rc|cr|snapshot|ga|final|release|sp|a|b|m|x|SP|Final)){0,5}";
const GENERIC: &str = "v?[0-2a-cA.\\-+_]{1,10}";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn semver_strict(a in SEMVER, b in SEMVER, c in SEMVER) {
        check(SemverVersion::parse, &a, &b, &c);
    }

    #[test]
    fn semver_npm(a in NPM, b in NPM, c in NPM) {
        check(SemverVersion::parse_npm, &a, &b, &c);
    }

    #[test]
    fn semver_lenient(a in LENIENT, b in LENIENT, c in LENIENT) {
        check(|s| SemverVersion::parse_dialect(s, mamori_version::schemes::semver::Dialect::Lenient), &a, &b, &c);
    }

    #[test]
    fn go(a in GO, b in GO, c in GO) {
        check(GoVersion::parse, &a, &b, &c);
    }

    #[test]
    fn nuget(a in NUGET, b in NUGET, c in NUGET) {
        check(NuGetVersion::parse, &a, &b, &c);
    }

    #[test]
    fn dart_pub(a in PUB, b in PUB, c in PUB) {
        check(PubVersion::parse, &a, &b, &c);
    }

    #[test]
    fn pep440(a in PEP440, b in PEP440, c in PEP440) {
        check(Pep440Version::parse, &a, &b, &c);
    }

    #[test]
    fn maven(a in MAVEN, b in MAVEN, c in MAVEN) {
        check(MavenVersion::parse, &a, &b, &c);
    }

    #[test]
    fn generic(a in GENERIC, b in GENERIC, c in GENERIC) {
        check(GenericVersion::parse, &a, &b, &c);
    }

    /// Normalizing a PEP 440 version never changes what it is.
    #[test]
    fn pep440_normalized_is_equal(a in PEP440) {
        if let Ok(v) = Pep440Version::parse(&a) {
            let n = Pep440Version::parse(&v.normalized()).expect("normalized form parses");
            prop_assert_eq!(&n, &v);
            prop_assert_eq!(n.normalized(), v.normalized());
        }
    }
}
