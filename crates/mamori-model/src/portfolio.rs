//! Products and their releases, with the lifecycle milestones a PSIRT tracks.

use crate::ModelError;
use time::Date;

const MAX_NAME: usize = 200;

fn checked(what: &'static str, s: &str) -> Result<String, ModelError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(ModelError::Empty { what });
    }
    if t.chars().count() > MAX_NAME {
        return Err(ModelError::TooLong {
            what,
            max: MAX_NAME,
        });
    }
    Ok(t.to_owned())
}

/// A product's name: trimmed, non-empty, at most 200 characters.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ProductName(String);

impl ProductName {
    /// Checks and wraps a product name.
    pub fn new(s: &str) -> Result<Self, ModelError> {
        checked("product name", s).map(Self)
    }
    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for ProductName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A release's version label as the maker writes it ("3.1", "2024R2").
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ReleaseVersion(String);

impl ReleaseVersion {
    /// Checks and wraps a release version.
    pub fn new(s: &str) -> Result<Self, ModelError> {
        checked("release version", s).map(Self)
    }
    /// The version as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for ReleaseVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A device product line, e.g. "Infusion Pump IP-200".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Product {
    /// Unique name.
    pub name: ProductName,
    /// The maker or brand, when it differs from the operator of Mamori.
    pub vendor: Option<String>,
}

/// One lifecycle milestone of a release.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Milestone {
    /// General availability.
    GeneralAvailability,
    /// End of sale: no new units sold.
    EndOfSale,
    /// End of support: no more fixes (devices past it are "legacy").
    EndOfSupport,
    /// End of life.
    EndOfLife,
}

impl Milestone {
    /// All milestones in the order they must occur.
    pub const ALL: [Milestone; 4] = [
        Milestone::GeneralAvailability,
        Milestone::EndOfSale,
        Milestone::EndOfSupport,
        Milestone::EndOfLife,
    ];

    /// The name used in the CLI and the CycloneDX `cdx:lifecycle:milestone:*` taxonomy.
    pub fn key(self) -> &'static str {
        match self {
            Milestone::GeneralAvailability => "generalAvailability",
            Milestone::EndOfSale => "endOfSale",
            Milestone::EndOfSupport => "endOfSupport",
            Milestone::EndOfLife => "endOfLife",
        }
    }
}

/// The lifecycle dates of a release. Any may be unknown; those known must be in order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Lifecycle {
    ga: Option<Date>,
    end_of_sale: Option<Date>,
    end_of_support: Option<Date>,
    end_of_life: Option<Date>,
}

impl Lifecycle {
    /// Builds a lifecycle, refusing dates out of order (EOS before GA, say).
    pub fn new(
        ga: Option<Date>,
        end_of_sale: Option<Date>,
        end_of_support: Option<Date>,
        end_of_life: Option<Date>,
    ) -> Result<Self, ModelError> {
        let l = Self {
            ga,
            end_of_sale,
            end_of_support,
            end_of_life,
        };
        let known: Vec<(Milestone, Date)> = Milestone::ALL
            .iter()
            .filter_map(|m| l.get(*m).map(|d| (*m, d)))
            .collect();
        for pair in known.windows(2) {
            let ((m1, d1), (m2, d2)) = (pair[0], pair[1]);
            if d2 < d1 {
                return Err(ModelError::MilestoneOrder {
                    earlier: m1.key(),
                    earlier_date: d1,
                    later: m2.key(),
                    later_date: d2,
                });
            }
        }
        Ok(l)
    }

    /// The date of one milestone, if known.
    pub fn get(&self, m: Milestone) -> Option<Date> {
        match m {
            Milestone::GeneralAvailability => self.ga,
            Milestone::EndOfSale => self.end_of_sale,
            Milestone::EndOfSupport => self.end_of_support,
            Milestone::EndOfLife => self.end_of_life,
        }
    }

    /// Whether a release is past its end of support on `today` (a legacy device).
    pub fn is_legacy(&self, today: Date) -> bool {
        self.end_of_support.is_some_and(|d| today > d)
    }
}

/// A release (version) of a product.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Release {
    /// The product it belongs to.
    pub product: ProductName,
    /// Its version label.
    pub version: ReleaseVersion,
    /// Its lifecycle milestones.
    pub lifecycle: Lifecycle,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn lifecycle_refuses_eos_before_ga() {
        let err = Lifecycle::new(
            Some(date!(2024 - 04 - 01)),
            None,
            Some(date!(2023 - 01 - 01)),
            None,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "endOfSupport (2023-01-01) is before generalAvailability (2024-04-01)"
        );
    }

    #[test]
    fn legacy_after_eos() {
        let l = Lifecycle::new(
            Some(date!(2023 - 04 - 01)),
            None,
            Some(date!(2027 - 03 - 31)),
            None,
        )
        .unwrap();
        assert!(!l.is_legacy(date!(2027 - 03 - 31)));
        assert!(l.is_legacy(date!(2027 - 04 - 01)));
    }

    #[test]
    fn names_are_trimmed_and_checked() {
        assert_eq!(ProductName::new("  IP-200 ").unwrap().as_str(), "IP-200");
        assert!(ProductName::new("   ").is_err());
        assert!(ProductName::new(&"x".repeat(201)).is_err());
    }
}
