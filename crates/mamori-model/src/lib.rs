//! Mamori's domain model: products, releases, SBOMs and their components, as plain values.
//!
//! This crate is the vocabulary every other crate speaks. It does no IO and
//! knows no wire format: the CycloneDX and SPDX readers in `mamori-sbom` turn
//! documents into these values, and the store persists them. Where the formats
//! distinguish "absent" from "declared unknown" (SPDX `NOASSERTION`, CycloneDX
//! compositions), the model keeps that distinction in [`Attr`], because the CISA
//! 2024 baseline grades the two differently.

#![forbid(unsafe_code)]

mod identity;
mod portfolio;
mod sbom;
mod vuln;

pub use identity::{Email, OrgKind, Permission, Role};
pub use portfolio::{Lifecycle, Milestone, Product, ProductName, Release, ReleaseVersion};
pub use sbom::{
    Aggregate, Attr, Component, ComponentKind, Composition, DocumentFormat, ExternalRef,
    FdaSupport, Hash, HashAlg, LicenseChoice, Party, Property, RelKind, RelTarget, Relationship,
    Sbom, SbomMetadata, Scope, Swid, Tool,
};
pub use vuln::{
    AffectedPackage, AffectedProduct, AffectedRange, CpeConfiguration, CpeMatch, CpeNode, Credit,
    CsafProduct, CvssScore, CvssVersion, CweId, EpssScore, InformationalKind, JvnProduct, KevEntry,
    KevStatus, LocalizedText, MetricKind, Operator, ProductStatus, ProductVersion, Provenance,
    RangeEvent, RangeKind, Reference, Remediation, SourceKind, SsvcDecision, VersionStatus, VulnId,
    VulnIdKind, Vulnerability, Weakness,
};

/// Errors raised when a value does not satisfy the model's invariants.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ModelError {
    /// A name or version that must not be empty was empty.
    #[error("{what} must not be empty")]
    Empty {
        /// Which value was empty.
        what: &'static str,
    },
    /// A value was longer than the model allows.
    #[error("{what} is longer than {max} characters")]
    TooLong {
        /// Which value was too long.
        what: &'static str,
        /// The limit.
        max: usize,
    },
    /// A value that does not have the form it must have.
    #[error("{what} {value:?} is malformed")]
    Malformed {
        /// Which value.
        what: &'static str,
        /// The value as given.
        value: String,
    },
    /// Lifecycle milestones out of order.
    #[error("{later} ({later_date}) is before {earlier} ({earlier_date})")]
    MilestoneOrder {
        /// The milestone that should come first.
        earlier: &'static str,
        /// Its date.
        earlier_date: time::Date,
        /// The milestone that should come later.
        later: &'static str,
        /// Its date.
        later_date: time::Date,
    },
}
