//! What the scan is allowed to match: the choices a PSIRT makes, not facts about the data.

/// Matching policy.
///
/// The defaults are the ones that avoid false alarms without hiding anything:
/// CPE matching stays off for language packages (their purl sources are exact,
/// while NVD CPEs for them are name guesses that drown users in false
/// positives), and first-party components are reported as skipped rather
/// than matched against public feeds that cannot describe them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MatchPolicy {
    /// Apply CPE matching to language-ecosystem packages (npm, PyPI, crates.io, Maven, Go…) too.
    pub cpe_for_language_packages: bool,
    /// Match first-party components as well (they are marked in any case).
    pub match_first_party: bool,
}
