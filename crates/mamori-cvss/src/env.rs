//! Version-neutral environmental settings, so one per-release profile can re-score vectors of any version.

/// A security requirement (CR, IR, AR).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Requirement {
    /// L.
    Low,
    /// M.
    Medium,
    /// H.
    High,
}

/// A modified attack vector (MAV).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AttackVector {
    /// N.
    Network,
    /// A.
    Adjacent,
    /// L.
    Local,
    /// P.
    Physical,
}

/// A modified attack complexity (MAC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AttackComplexity {
    /// L.
    Low,
    /// H.
    High,
}

/// Modified privileges required (MPR).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PrivilegesRequired {
    /// N.
    None,
    /// L.
    Low,
    /// H.
    High,
}

/// A modified impact on the vulnerable system (3.x MC/MI/MA, 4.0 MVC/MVI/MVA).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Impact {
    /// N.
    None,
    /// L.
    Low,
    /// H.
    High,
}

/// Environmental settings to apply to a vector; `None` fields leave the vector's own value.
///
/// Only what 3.x and 4.0 share is here; version-specific metrics (3.x MUI/MS, 4.0 MAT/MUI/MSC/MSI/MSA,
/// 2.0 CDP/TD) are set with [`Cvss::with_metric`](crate::Cvss::with_metric).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct EnvMetrics {
    /// Confidentiality requirement (CR).
    pub confidentiality_requirement: Option<Requirement>,
    /// Integrity requirement (IR).
    pub integrity_requirement: Option<Requirement>,
    /// Availability requirement (AR).
    pub availability_requirement: Option<Requirement>,
    /// Modified attack vector (MAV).
    pub attack_vector: Option<AttackVector>,
    /// Modified attack complexity (MAC).
    pub attack_complexity: Option<AttackComplexity>,
    /// Modified privileges required (MPR).
    pub privileges_required: Option<PrivilegesRequired>,
    /// Modified confidentiality impact (3.x MC, 4.0 MVC).
    pub confidentiality: Option<Impact>,
    /// Modified integrity impact (3.x MI, 4.0 MVI).
    pub integrity: Option<Impact>,
    /// Modified availability impact (3.x MA, 4.0 MVA).
    pub availability: Option<Impact>,
}

impl Requirement {
    pub(crate) const fn abbrev(self) -> &'static str {
        match self {
            Self::Low => "L",
            Self::Medium => "M",
            Self::High => "H",
        }
    }
}

impl AttackVector {
    pub(crate) const fn abbrev(self) -> &'static str {
        match self {
            Self::Network => "N",
            Self::Adjacent => "A",
            Self::Local => "L",
            Self::Physical => "P",
        }
    }
}

impl AttackComplexity {
    pub(crate) const fn abbrev(self) -> &'static str {
        match self {
            Self::Low => "L",
            Self::High => "H",
        }
    }
}

impl PrivilegesRequired {
    pub(crate) const fn abbrev(self) -> &'static str {
        match self {
            Self::None => "N",
            Self::Low => "L",
            Self::High => "H",
        }
    }
}

impl Impact {
    pub(crate) const fn abbrev(self) -> &'static str {
        match self {
            Self::None => "N",
            Self::Low => "L",
            Self::High => "H",
        }
    }
}

impl EnvMetrics {
    /// The settings as (metric, value) pairs, with 3.x or 4.0 names for the impact metrics.
    pub(crate) fn pairs(&self, v4: bool) -> [(&'static str, Option<&'static str>); 9] {
        let (c, i, a) = if v4 {
            ("MVC", "MVI", "MVA")
        } else {
            ("MC", "MI", "MA")
        };
        [
            (
                "CR",
                self.confidentiality_requirement.map(Requirement::abbrev),
            ),
            ("IR", self.integrity_requirement.map(Requirement::abbrev)),
            ("AR", self.availability_requirement.map(Requirement::abbrev)),
            ("MAV", self.attack_vector.map(AttackVector::abbrev)),
            ("MAC", self.attack_complexity.map(AttackComplexity::abbrev)),
            (
                "MPR",
                self.privileges_required.map(PrivilegesRequired::abbrev),
            ),
            (c, self.confidentiality.map(Impact::abbrev)),
            (i, self.integrity.map(Impact::abbrev)),
            (a, self.availability.map(Impact::abbrev)),
        ]
    }
}
