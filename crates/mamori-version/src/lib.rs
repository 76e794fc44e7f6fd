//! Version schemes of every ecosystem and their ranges (OSV, vers, NVD, npm, PEP 440, Maven…) — pure.
//!
//! Each ecosystem orders its versions by its own rules, and getting those rules
//! exactly right is what decides whether a vulnerability matches. So every
//! scheme lives in its own module under [`schemes`] with a parsed type whose
//! `Ord` is the ecosystem's order and whose `Eq`/`Hash` agree with that order
//! (PEP 440 `1.0 == 1.0.0`, SemVer build metadata ignored), while `Display`
//! keeps the text as written so reports show what the advisory said.
//!
//! [`Scheme`] names a scheme and is the entry point when the scheme is only
//! known at run time (from an OSV ecosystem name); [`Version`] is the parsed
//! value of any scheme. Versions of different schemes are not comparable:
//! [`Version::cmp_same`] returns `None` across schemes rather than inventing an
//! order.
//!
//! The crate does no IO: strings in, values out. Parsers never panic.

#![forbid(unsafe_code)]

pub mod range;
pub mod schemes;

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;

use schemes::alpine::AlpineVersion;
use schemes::cran::CranVersion;
use schemes::dart_pub::PubVersion;
use schemes::debian::DebianVersion;
use schemes::generic::GenericVersion;
use schemes::go::GoVersion;
use schemes::hackage::HackageVersion;
use schemes::maven::MavenVersion;
use schemes::nuget::NuGetVersion;
use schemes::packagist::PackagistVersion;
use schemes::pep440::Pep440Version;
use schemes::rpm::RpmVersion;
use schemes::rubygems::RubyGemsVersion;
use schemes::semver::{Dialect, SemverVersion};

/// The longest input quoted back in a [`ParseError`], in characters.
const MAX_QUOTED: usize = 200;

/// A version string that its scheme does not accept.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid {scheme} version {input:?}: {reason}")]
pub struct ParseError {
    scheme: Scheme,
    input: String,
    reason: Cow<'static, str>,
}

impl ParseError {
    /// Builds an error, keeping at most 200 characters of the input so that
    /// a hostile megabyte-long "version" does not end up in every log line.
    pub(crate) fn new(scheme: Scheme, input: &str, reason: impl Into<Cow<'static, str>>) -> Self {
        let input = match input.char_indices().nth(MAX_QUOTED) {
            Some((cut, _)) => format!("{}…", &input[..cut]),
            None => input.to_owned(),
        };
        ParseError {
            scheme,
            input,
            reason: reason.into(),
        }
    }

    /// The same error attributed to another scheme (schemes share parsers).
    pub(crate) fn with_scheme(mut self, scheme: Scheme) -> Self {
        self.scheme = scheme;
        self
    }

    /// The scheme whose rules the input broke.
    pub fn scheme(&self) -> Scheme {
        self.scheme
    }

    /// The offending input, truncated to 200 characters.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// Why the input was rejected.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

/// A version scheme: the rules by which one ecosystem writes and orders versions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scheme {
    /// Strict SemVer 2.0.0.
    Semver,
    /// npm: SemVer as node-semver reads it in loose mode (`v1.2.3`, `=1.2.3`).
    Npm,
    /// crates.io: strict SemVer 2.0.0.
    Cargo,
    /// Go modules: `vX.Y.Z`, `+incompatible`, pseudo-versions.
    Go,
    /// PyPI: PEP 440.
    PyPI,
    /// Maven: `ComparableVersion`.
    Maven,
    /// NuGet: SemVer 2 with a fourth number and case-insensitive pre-releases.
    NuGet,
    /// RubyGems: `Gem::Version`.
    RubyGems,
    /// Packagist: Composer versions.
    Packagist,
    /// Dart pub.
    Pub,
    /// Hex (Elixir): SemVer 2.0.0.
    Hex,
    /// Debian and Ubuntu: dpkg versions.
    Debian,
    /// RPM-based distributions: rpmvercmp.
    Rpm,
    /// Alpine: apk versions.
    Alpine,
    /// CRAN: R package versions.
    Cran,
    /// Hackage: Haskell package versions.
    Hackage,
    /// A lenient fallback for ecosystems without a known scheme; see
    /// [`schemes::generic`].
    Generic,
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Scheme {
    /// Every scheme, in declaration order.
    pub const ALL: [Scheme; 17] = [
        Scheme::Semver,
        Scheme::Npm,
        Scheme::Cargo,
        Scheme::Go,
        Scheme::PyPI,
        Scheme::Maven,
        Scheme::NuGet,
        Scheme::RubyGems,
        Scheme::Packagist,
        Scheme::Pub,
        Scheme::Hex,
        Scheme::Debian,
        Scheme::Rpm,
        Scheme::Alpine,
        Scheme::Cran,
        Scheme::Hackage,
        Scheme::Generic,
    ];

    /// The scheme for an OSV ecosystem name (`"npm"`, `"PyPI"`, `"Debian:12"`,
    /// `"Ubuntu:22.04:LTS"`, `"Red Hat"`, `"Alpine:v3.19"`, …) or a scheme
    /// name (`"semver"`, `"rpm"`, `"deb"`, `"apk"`, `"generic"`).
    ///
    /// Names match as OSV spells them or in lower case; an ecosystem's
    /// `:suffix` (release, variant) does not change its scheme.
    pub fn from_name(name: &str) -> Option<Scheme> {
        let base = name.split(':').next().unwrap_or(name).trim();
        let lower = base.to_ascii_lowercase();
        let scheme = match lower.as_str() {
            "semver" | "swifturl" | "bitnami" => Scheme::Semver,
            "npm" => Scheme::Npm,
            "crates.io" | "cargo" => Scheme::Cargo,
            "go" | "golang" => Scheme::Go,
            "pypi" | "pep440" => Scheme::PyPI,
            "maven" => Scheme::Maven,
            "nuget" => Scheme::NuGet,
            "rubygems" | "gem" => Scheme::RubyGems,
            "packagist" | "composer" => Scheme::Packagist,
            "pub" => Scheme::Pub,
            "hex" => Scheme::Hex,
            "debian" | "ubuntu" | "deb" => Scheme::Debian,
            "red hat" | "rocky linux" | "almalinux" | "opensuse" | "suse" | "mageia"
            | "openeuler" | "rpm" => Scheme::Rpm,
            "alpine" | "apk" | "chainguard" | "wolfi" => Scheme::Alpine,
            "cran" => Scheme::Cran,
            "hackage" => Scheme::Hackage,
            "github actions" | "generic" => Scheme::Generic,
            _ => return None,
        };
        Some(scheme)
    }

    /// The canonical name: the OSV ecosystem name when the scheme belongs to
    /// one ecosystem, else the scheme name (`"semver"`, `"deb"`, `"rpm"`,
    /// `"apk"`, `"generic"`). [`Scheme::from_name`] maps it back.
    pub fn name(self) -> &'static str {
        match self {
            Scheme::Semver => "semver",
            Scheme::Npm => "npm",
            Scheme::Cargo => "crates.io",
            Scheme::Go => "Go",
            Scheme::PyPI => "PyPI",
            Scheme::Maven => "Maven",
            Scheme::NuGet => "NuGet",
            Scheme::RubyGems => "RubyGems",
            Scheme::Packagist => "Packagist",
            Scheme::Pub => "Pub",
            Scheme::Hex => "Hex",
            Scheme::Debian => "deb",
            Scheme::Rpm => "rpm",
            Scheme::Alpine => "apk",
            Scheme::Cran => "CRAN",
            Scheme::Hackage => "Hackage",
            Scheme::Generic => "generic",
        }
    }

    /// Parses `s` by this scheme's rules.
    pub fn parse(self, s: &str) -> Result<Version, ParseError> {
        match self {
            Scheme::Semver => {
                SemverVersion::parse_dialect(s, Dialect::Lenient).map(Version::Semver)
            }
            Scheme::Npm => SemverVersion::parse_npm(s).map(Version::Npm),
            Scheme::Cargo => SemverVersion::parse(s).map(Version::Cargo),
            Scheme::Hex => SemverVersion::parse(s)
                .map(Version::Hex)
                .map_err(|e| e.with_scheme(Scheme::Hex)),
            Scheme::Go => GoVersion::parse(s).map(Version::Go),
            Scheme::NuGet => NuGetVersion::parse(s).map(Version::NuGet),
            Scheme::Pub => PubVersion::parse(s).map(Version::Pub),
            Scheme::Generic => GenericVersion::parse(s).map(Version::Generic),
            Scheme::PyPI => Pep440Version::parse(s).map(Version::PyPI),
            Scheme::Maven => MavenVersion::parse(s).map(Version::Maven),
            Scheme::RubyGems => RubyGemsVersion::parse(s).map(Version::RubyGems),
            Scheme::Packagist => PackagistVersion::parse(s).map(Version::Packagist),
            Scheme::Debian => DebianVersion::parse(s).map(Version::Debian),
            Scheme::Rpm => RpmVersion::parse(s).map(Version::Rpm),
            Scheme::Alpine => AlpineVersion::parse(s).map(Version::Alpine),
            Scheme::Cran => CranVersion::parse(s).map(Version::Cran),
            Scheme::Hackage => HackageVersion::parse(s).map(Version::Hackage),
        }
    }

    /// Parses both strings and orders them by this scheme's rules.
    pub fn compare(self, a: &str, b: &str) -> Result<Ordering, ParseError> {
        let a = self.parse(a)?;
        let b = self.parse(b)?;
        // Both were parsed by `self`, so they are always of the same scheme.
        Ok(a.cmp_same(&b).unwrap_or(Ordering::Equal))
    }
}

/// A parsed version of any scheme.
#[derive(Clone, Debug)]
pub enum Version {
    /// See [`Scheme::Semver`].
    Semver(SemverVersion),
    /// See [`Scheme::Npm`].
    Npm(SemverVersion),
    /// See [`Scheme::Cargo`].
    Cargo(SemverVersion),
    /// See [`Scheme::Go`].
    Go(GoVersion),
    /// See [`Scheme::PyPI`].
    PyPI(Pep440Version),
    /// See [`Scheme::Maven`].
    Maven(MavenVersion),
    /// See [`Scheme::NuGet`].
    NuGet(NuGetVersion),
    /// See [`Scheme::Pub`].
    Pub(PubVersion),
    /// See [`Scheme::Hex`].
    Hex(SemverVersion),
    /// See [`Scheme::Generic`].
    Generic(GenericVersion),
    /// See [`Scheme::RubyGems`].
    RubyGems(RubyGemsVersion),
    /// See [`Scheme::Packagist`].
    Packagist(PackagistVersion),
    /// See [`Scheme::Debian`].
    Debian(DebianVersion),
    /// See [`Scheme::Rpm`].
    Rpm(RpmVersion),
    /// See [`Scheme::Alpine`].
    Alpine(AlpineVersion),
    /// See [`Scheme::Cran`].
    Cran(CranVersion),
    /// See [`Scheme::Hackage`].
    Hackage(HackageVersion),
}

impl Version {
    /// The scheme this version was parsed by.
    pub fn scheme(&self) -> Scheme {
        match self {
            Version::Semver(_) => Scheme::Semver,
            Version::Npm(_) => Scheme::Npm,
            Version::Cargo(_) => Scheme::Cargo,
            Version::Go(_) => Scheme::Go,
            Version::PyPI(_) => Scheme::PyPI,
            Version::Maven(_) => Scheme::Maven,
            Version::NuGet(_) => Scheme::NuGet,
            Version::Pub(_) => Scheme::Pub,
            Version::Hex(_) => Scheme::Hex,
            Version::Generic(_) => Scheme::Generic,
            Version::RubyGems(_) => Scheme::RubyGems,
            Version::Packagist(_) => Scheme::Packagist,
            Version::Debian(_) => Scheme::Debian,
            Version::Rpm(_) => Scheme::Rpm,
            Version::Alpine(_) => Scheme::Alpine,
            Version::Cran(_) => Scheme::Cran,
            Version::Hackage(_) => Scheme::Hackage,
        }
    }

    /// The version as it was written.
    pub fn as_str(&self) -> &str {
        match self {
            Version::Semver(v) | Version::Npm(v) | Version::Cargo(v) | Version::Hex(v) => {
                v.as_str()
            }
            Version::Go(v) => v.as_str(),
            Version::PyPI(v) => v.as_str(),
            Version::Maven(v) => v.as_str(),
            Version::NuGet(v) => v.as_str(),
            Version::Pub(v) => v.as_str(),
            Version::Generic(v) => v.as_str(),
            Version::RubyGems(v) => v.as_str(),
            Version::Packagist(v) => v.as_str(),
            Version::Debian(v) => v.as_str(),
            Version::Rpm(v) => v.as_str(),
            Version::Alpine(v) => v.as_str(),
            Version::Cran(v) => v.as_str(),
            Version::Hackage(v) => v.as_str(),
        }
    }

    /// Orders two versions of the same scheme; `None` when the schemes differ,
    /// because there is no meaningful order between, say, a Debian and a
    /// PyPI version.
    pub fn cmp_same(&self, other: &Version) -> Option<Ordering> {
        match (self, other) {
            (Version::Semver(a), Version::Semver(b))
            | (Version::Npm(a), Version::Npm(b))
            | (Version::Cargo(a), Version::Cargo(b))
            | (Version::Hex(a), Version::Hex(b)) => Some(a.cmp(b)),
            (Version::Go(a), Version::Go(b)) => Some(a.cmp(b)),
            (Version::PyPI(a), Version::PyPI(b)) => Some(a.cmp(b)),
            (Version::Maven(a), Version::Maven(b)) => Some(a.cmp(b)),
            (Version::NuGet(a), Version::NuGet(b)) => Some(a.cmp(b)),
            (Version::Pub(a), Version::Pub(b)) => Some(a.cmp(b)),
            (Version::Generic(a), Version::Generic(b)) => Some(a.cmp(b)),
            (Version::RubyGems(a), Version::RubyGems(b)) => Some(a.cmp(b)),
            (Version::Packagist(a), Version::Packagist(b)) => Some(a.cmp(b)),
            (Version::Debian(a), Version::Debian(b)) => Some(a.cmp(b)),
            (Version::Rpm(a), Version::Rpm(b)) => Some(a.cmp(b)),
            (Version::Alpine(a), Version::Alpine(b)) => Some(a.cmp(b)),
            (Version::Cran(a), Version::Cran(b)) => Some(a.cmp(b)),
            (Version::Hackage(a), Version::Hackage(b)) => Some(a.cmp(b)),
            _ => None,
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
