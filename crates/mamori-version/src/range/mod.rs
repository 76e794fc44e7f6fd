//! Version ranges: "is version V inside?" for OSV, `vers:`, NVD and the native
//! range syntaxes of npm, PEP 440, Maven, NuGet, RubyGems, Composer and CSAF.
//!
//! Every answer is three-valued ([`Contains`]): a version or bound that its
//! scheme cannot read gives [`Contains::Unknown`] with the reason, never a
//! silent "not affected". Ordering comes only from [`Scheme::parse`] and
//! [`Version::cmp_same`]; this module only knows range *syntax*.
//!
//! Each native syntax converts into one normalized form, [`VersionSet`] (a
//! union of intervals), which prints as a `vers:` string. Where an ecosystem
//! has extra rules that intervals cannot carry (npm and PEP 440 pre-release
//! handling), the native type's own `contains` applies them and the
//! [`VersionSet`] is the plain interval reading.

mod composer;
mod csaf;
mod generic;
mod interval;
mod maven;
mod npm;
mod nvd;
mod osv;
mod pep440;
mod rubygems;
mod vers;

pub use composer::ComposerConstraint;
pub use csaf::CsafProductVersion;
pub use generic::ComparatorRange;
pub use interval::{Bound, Interval, VersionSet};
pub use maven::{MavenRange, NuGetRange};
pub use npm::NpmRange;
pub use nvd::NvdBounds;
pub use osv::{OsvAffected, OsvEvent, OsvRange, OsvRangeKind};
pub use pep440::Pep440Specifiers;
pub use rubygems::GemRequirement;
pub use vers::{VersRange, scheme_from_vers_name, vers_scheme_name};

use crate::{ParseError, Scheme, Version};

/// The longest input quoted back in a [`RangeError`], in characters.
const MAX_QUOTED: usize = 200;

/// Whether a version lies inside a range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Contains {
    /// The version is inside.
    Yes,
    /// The version is outside.
    No,
    /// The answer cannot be known: the version or a bound did not parse, the
    /// schemes differ, or the range needs data that is not here (git commits).
    Unknown {
        /// Why, for a person reading a triage report.
        reason: String,
    },
}

impl Contains {
    pub(crate) fn unknown(reason: impl Into<String>) -> Self {
        Contains::Unknown {
            reason: reason.into(),
        }
    }

    pub(crate) fn from_bool(b: bool) -> Self {
        if b { Contains::Yes } else { Contains::No }
    }

    /// `Some(true)` for [`Contains::Yes`], `Some(false)` for [`Contains::No`],
    /// `None` when unknown.
    pub fn known(&self) -> Option<bool> {
        match self {
            Contains::Yes => Some(true),
            Contains::No => Some(false),
            Contains::Unknown { .. } => None,
        }
    }

    /// Whether the answer is [`Contains::Yes`].
    pub fn is_yes(&self) -> bool {
        matches!(self, Contains::Yes)
    }
}

/// A range that cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RangeError {
    /// The range text breaks its syntax.
    #[error("invalid {syntax} range {input:?}: {reason}")]
    Syntax {
        /// Which syntax (`"npm"`, `"vers"`, `"maven"`, …).
        syntax: &'static str,
        /// The range text, truncated to 200 characters.
        input: String,
        /// What is wrong.
        reason: String,
    },
    /// A version inside the range does not parse by the range's scheme.
    #[error("invalid version in {syntax} range {input:?}: {source}")]
    Version {
        /// Which syntax.
        syntax: &'static str,
        /// The range text, truncated to 200 characters.
        input: String,
        /// The scheme's own error.
        source: ParseError,
    },
    /// A `vers:` scheme name or ecosystem this crate does not know.
    #[error("unknown version scheme {0:?}")]
    UnknownScheme(String),
    /// A version that does not parse (for [`satisfies`]).
    #[error(transparent)]
    InvalidVersion(#[from] ParseError),
}

pub(crate) fn truncate(input: &str) -> String {
    match input.char_indices().nth(MAX_QUOTED) {
        Some((cut, _)) => format!("{}…", &input[..cut]),
        None => input.to_owned(),
    }
}

pub(crate) fn syntax_err(
    syntax: &'static str,
    input: &str,
    reason: impl Into<String>,
) -> RangeError {
    RangeError::Syntax {
        syntax,
        input: truncate(input),
        reason: reason.into(),
    }
}

/// Parses one bound version, attributing a failure to the whole range.
pub(crate) fn parse_bound(
    syntax: &'static str,
    input: &str,
    scheme: Scheme,
    v: &str,
) -> Result<Version, RangeError> {
    scheme.parse(v).map_err(|source| RangeError::Version {
        syntax,
        input: truncate(input),
        source,
    })
}

/// A range in any syntax this module reads, tagged by which.
#[derive(Clone, Debug)]
pub enum AnyRange {
    /// `vers:<scheme>/…`.
    Vers(VersRange),
    /// npm / node-semver.
    Npm(NpmRange),
    /// PEP 440 specifiers.
    Pep440(Pep440Specifiers),
    /// Maven version ranges.
    Maven(MavenRange),
    /// NuGet version ranges.
    NuGet(NuGetRange),
    /// RubyGems requirements.
    Gem(GemRequirement),
    /// Composer constraints.
    Composer(ComposerConstraint),
    /// Comparator lists (`>=1.0, <2.0 || =3.0`) for schemes with no syntax of their own.
    Comparators(ComparatorRange),
}

impl AnyRange {
    /// Reads `range` as `vers:` when it starts with `vers:`, else in the
    /// native syntax of `scheme` (npm and SemVer-like schemes: node-semver;
    /// PyPI: PEP 440; Maven; NuGet; RubyGems; Packagist: Composer; the rest:
    /// comparator lists).
    pub fn parse(scheme: Scheme, range: &str) -> Result<AnyRange, RangeError> {
        let trimmed = range.trim();
        if trimmed.len() >= 5
            && trimmed.is_char_boundary(5)
            && trimmed[..5].eq_ignore_ascii_case("vers:")
        {
            return VersRange::parse(trimmed).map(AnyRange::Vers);
        }
        Ok(match scheme {
            Scheme::Npm => AnyRange::Npm(NpmRange::parse(range)?),
            Scheme::PyPI => AnyRange::Pep440(Pep440Specifiers::parse(range)?),
            Scheme::Maven => AnyRange::Maven(MavenRange::parse(range)?),
            Scheme::NuGet => AnyRange::NuGet(NuGetRange::parse(range)?),
            Scheme::RubyGems => AnyRange::Gem(GemRequirement::parse(range)?),
            Scheme::Packagist => AnyRange::Composer(ComposerConstraint::parse(range)?),
            other => AnyRange::Comparators(ComparatorRange::parse(other, range)?),
        })
    }

    /// Whether `v` is inside, by the syntax's own rules.
    pub fn contains(&self, v: &Version) -> Contains {
        match self {
            AnyRange::Vers(r) => r.contains(v),
            AnyRange::Npm(r) => r.contains(v),
            AnyRange::Pep440(r) => r.contains(v),
            AnyRange::Maven(r) => r.contains(v),
            AnyRange::NuGet(r) => r.contains(v),
            AnyRange::Gem(r) => r.contains(v),
            AnyRange::Composer(r) => r.contains(v),
            AnyRange::Comparators(r) => r.contains(v),
        }
    }

    /// The normalized interval form.
    pub fn to_set(&self) -> VersionSet {
        match self {
            AnyRange::Vers(r) => r.set().clone(),
            AnyRange::Npm(r) => r.to_set(),
            AnyRange::Pep440(r) => r.to_set(),
            AnyRange::Maven(r) => r.set().clone(),
            AnyRange::NuGet(r) => r.set().clone(),
            AnyRange::Gem(r) => r.set().clone(),
            AnyRange::Composer(r) => r.set().clone(),
            AnyRange::Comparators(r) => r.set().clone(),
        }
    }
}

/// Whether `version` satisfies `range` (a `vers:` string or the native range
/// syntax of `scheme`). Backs `mamori version satisfies SCHEME VERSION RANGE`.
///
/// An unreadable version or range is an error; a range whose answer is
/// unknown (bounds of another scheme) is reported as an error too, so the
/// command never prints a silent `false`.
pub fn satisfies(scheme: Scheme, version: &str, range: &str) -> Result<bool, RangeError> {
    let parsed = AnyRange::parse(scheme, range)?;
    let range_scheme = match &parsed {
        AnyRange::Vers(r) => r.scheme(),
        _ => scheme,
    };
    // PEP 440 `===` matches strings that are not versions at all.
    if let AnyRange::Pep440(p) = &parsed {
        return match p.contains_str(version) {
            Contains::Yes => Ok(true),
            Contains::No => Ok(false),
            Contains::Unknown { .. } => Err(RangeError::InvalidVersion(
                range_scheme.parse(version).err().unwrap_or_else(|| {
                    // Unknown without a parse error cannot happen for PEP 440;
                    // fall back to a syntax error so the caller sees something.
                    ParseError::new(range_scheme, version, "cannot be compared")
                }),
            )),
        };
    }
    let v = range_scheme.parse(version)?;
    match parsed.contains(&v) {
        Contains::Yes => Ok(true),
        Contains::No => Ok(false),
        Contains::Unknown { reason } => Err(syntax_err("version", range, reason)),
    }
}
