//! The analysis of one finding, in one internal model, and its conversions to CycloneDX `analysis`,
//! OpenVEX statements and CSAF product status with VEX flags, each saying what it could not carry.
//!
//! The internal vocabulary is the union of the three formats, so nothing any of them says is lost on
//! the way in: CycloneDX's seven-way split of states (plus `under_investigation` as a state of its own,
//! distinct from an untouched `in_triage`), CycloneDX's nine justifications plus the three OpenVEX/CSAF
//! ones that have no CycloneDX twin (`code_not_present` and `code_not_reachable` are the same facts as
//! `vulnerable_code_not_present` and `vulnerable_code_not_in_execute_path`), and CycloneDX's five
//! responses. A conversion out returns `(converted, Vec<Loss>)`: every place where the target cannot
//! hold a value exactly gets a [`Loss`] with the reason, and where there is no loss, converting back
//! gives the same analysis (the table tests check this round trip for every state × justification).

use mamori_cvss::{Cvss, EnvMetrics, Severity};
use time::{Date, OffsetDateTime};

use crate::JudgeError;

/// The analysis state of a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum State {
    /// New, nobody has looked yet (CycloneDX `in_triage`).
    #[default]
    InTriage,
    /// Someone is investigating (OpenVEX / CSAF `under_investigation`).
    UnderInvestigation,
    /// Affected and exploitable (CycloneDX `exploitable`, OpenVEX `affected`, CSAF `known_affected`).
    Exploitable,
    /// Present but not affected (needs a justification or a statement in VEX).
    NotAffected,
    /// The match was wrong: the component or vulnerability does not apply.
    FalsePositive,
    /// Fixed.
    Resolved,
    /// Fixed, with the pedigree (patches, commits) recorded in the SBOM.
    ResolvedWithPedigree,
}

impl State {
    /// All states.
    pub const ALL: [State; 7] = [
        Self::InTriage,
        Self::UnderInvestigation,
        Self::Exploitable,
        Self::NotAffected,
        Self::FalsePositive,
        Self::Resolved,
        Self::ResolvedWithPedigree,
    ];

    /// The state's name: CycloneDX's, plus `under_investigation`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::InTriage => "in_triage",
            Self::UnderInvestigation => "under_investigation",
            Self::Exploitable => "exploitable",
            Self::NotAffected => "not_affected",
            Self::FalsePositive => "false_positive",
            Self::Resolved => "resolved",
            Self::ResolvedWithPedigree => "resolved_with_pedigree",
        }
    }

    /// Reads a state name; `affected` (OpenVEX) is read as `exploitable`, `fixed` as `resolved`.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "in_triage" => Self::InTriage,
            "under_investigation" => Self::UnderInvestigation,
            "exploitable" | "affected" => Self::Exploitable,
            "not_affected" => Self::NotAffected,
            "false_positive" => Self::FalsePositive,
            "resolved" | "fixed" => Self::Resolved,
            "resolved_with_pedigree" => Self::ResolvedWithPedigree,
            _ => return None,
        })
    }
}

/// Why a finding is not affected: CycloneDX's nine and the OpenVEX / CSAF five, merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Justification {
    /// The component is not in the product (OpenVEX / CSAF only).
    ComponentNotPresent,
    /// The vulnerable code is not in the component (CycloneDX `code_not_present`, OpenVEX / CSAF `vulnerable_code_not_present`).
    CodeNotPresent,
    /// The vulnerable code is never executed (CycloneDX `code_not_reachable`, OpenVEX / CSAF `vulnerable_code_not_in_execute_path`).
    CodeNotReachable,
    /// Exploitation needs a configuration the product does not use (CycloneDX).
    RequiresConfiguration,
    /// Exploitation needs a dependency that is absent (CycloneDX).
    RequiresDependency,
    /// Exploitation needs an environment the product does not run in (CycloneDX).
    RequiresEnvironment,
    /// Compiler protections prevent exploitation (CycloneDX).
    ProtectedByCompiler,
    /// Runtime protections prevent exploitation (CycloneDX).
    ProtectedAtRuntime,
    /// Perimeter protections prevent exploitation (CycloneDX).
    ProtectedAtPerimeter,
    /// Other mitigating controls prevent exploitation (CycloneDX).
    ProtectedByMitigatingControl,
    /// An attacker cannot control the vulnerable code's input (OpenVEX / CSAF only).
    CannotBeControlledByAdversary,
    /// Mitigations in the code itself prevent exploitation (OpenVEX / CSAF only).
    InlineMitigationsAlreadyExist,
}

impl Justification {
    /// All justifications.
    pub const ALL: [Justification; 12] = [
        Self::ComponentNotPresent,
        Self::CodeNotPresent,
        Self::CodeNotReachable,
        Self::RequiresConfiguration,
        Self::RequiresDependency,
        Self::RequiresEnvironment,
        Self::ProtectedByCompiler,
        Self::ProtectedAtRuntime,
        Self::ProtectedAtPerimeter,
        Self::ProtectedByMitigatingControl,
        Self::CannotBeControlledByAdversary,
        Self::InlineMitigationsAlreadyExist,
    ];

    /// The internal name: CycloneDX's where it has one, else OpenVEX's.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::ComponentNotPresent => "component_not_present",
            Self::CodeNotPresent => "code_not_present",
            Self::CodeNotReachable => "code_not_reachable",
            Self::RequiresConfiguration => "requires_configuration",
            Self::RequiresDependency => "requires_dependency",
            Self::RequiresEnvironment => "requires_environment",
            Self::ProtectedByCompiler => "protected_by_compiler",
            Self::ProtectedAtRuntime => "protected_at_runtime",
            Self::ProtectedAtPerimeter => "protected_at_perimeter",
            Self::ProtectedByMitigatingControl => "protected_by_mitigating_control",
            Self::CannotBeControlledByAdversary => {
                "vulnerable_code_cannot_be_controlled_by_adversary"
            }
            Self::InlineMitigationsAlreadyExist => "inline_mitigations_already_exist",
        }
    }

    /// Reads a CycloneDX, OpenVEX or CSAF justification name.
    pub fn parse(s: &str) -> Option<Self> {
        if let Some(j) = VexJustification::parse(s) {
            return Some(j.into());
        }
        Self::ALL.into_iter().find(|j| j.as_str() == s)
    }
}

/// A response to an exploitable finding (CycloneDX's five).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Response {
    /// `can_not_fix`.
    CanNotFix,
    /// `will_not_fix`.
    WillNotFix,
    /// `update`.
    Update,
    /// `rollback`.
    Rollback,
    /// `workaround_available`.
    WorkaroundAvailable,
}

impl Response {
    /// All responses.
    pub const ALL: [Response; 5] = [
        Self::CanNotFix,
        Self::WillNotFix,
        Self::Update,
        Self::Rollback,
        Self::WorkaroundAvailable,
    ];

    /// The CycloneDX name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::CanNotFix => "can_not_fix",
            Self::WillNotFix => "will_not_fix",
            Self::Update => "update",
            Self::Rollback => "rollback",
            Self::WorkaroundAvailable => "workaround_available",
        }
    }

    /// Reads a CycloneDX response name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// A language of detail text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    En,
    /// Japanese.
    Ja,
}

/// Free-text detail in English and Japanese.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Detail {
    /// English text.
    pub en: Option<String>,
    /// Japanese text.
    pub ja: Option<String>,
}

impl Detail {
    /// The text in `lang`, else in the other language.
    pub fn get(&self, lang: Lang) -> Option<&str> {
        let (first, second) = match lang {
            Lang::En => (&self.en, &self.ja),
            Lang::Ja => (&self.ja, &self.en),
        };
        first.as_deref().or(second.as_deref())
    }

    fn only(lang: Lang, text: Option<String>) -> Self {
        match lang {
            Lang::En => Self { en: text, ja: None },
            Lang::Ja => Self { en: None, ja: text },
        }
    }
}

/// A comment on a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// Who wrote it.
    pub by: String,
    /// When.
    pub at: OffsetDateTime,
    /// The text.
    pub text: String,
}

/// The outcome of a patient-safety assessment (FDA postmarket guidance's terms).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SafetyRisk {
    /// The residual risk of patient harm is acceptable.
    Controlled,
    /// The residual risk of patient harm is unacceptable.
    Uncontrolled,
}

impl SafetyRisk {
    /// "controlled" or "uncontrolled".
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Controlled => "controlled",
            Self::Uncontrolled => "uncontrolled",
        }
    }

    /// Reads "controlled" or "uncontrolled".
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "controlled" => Some(Self::Controlled),
            "uncontrolled" => Some(Self::Uncontrolled),
            _ => None,
        }
    }
}

/// A patient-safety assessment: severity is not safety, so it is judged apart from CVSS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SafetyAssessment {
    /// Controlled or uncontrolled.
    pub risk: SafetyRisk,
    /// The hazard and the harm it could lead to.
    pub hazard: String,
    /// Compensating controls that keep or would bring the risk under control.
    pub compensating_controls: Vec<String>,
    /// Who assessed.
    pub by: String,
    /// When.
    pub at: OffsetDateTime,
}

/// A release's environmental profile: security requirements and modified base metrics.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Environmental {
    /// The settings 3.x and 4.0 share (CR/IR/AR, MAV, MAC, MPR, MC/MI/MA).
    pub metrics: EnvMetrics,
    /// Version-specific metrics as (abbreviation, value), e.g. `("MUI", "R")`, `("MS", "U")`.
    pub extra: Vec<(String, String)>,
}

/// A vector re-scored with an environmental profile.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rescored {
    /// The vector with the environmental metrics set.
    pub vector: Cvss,
    /// Its most specific score (environmental for 3.x).
    pub score: f64,
    /// Its severity.
    pub severity: Severity,
}

impl Environmental {
    /// Applies the profile to a vector and scores it.
    pub fn rescore(&self, base: &Cvss) -> Result<Rescored, JudgeError> {
        let mut v = base.with_environmental(&self.metrics);
        for (m, val) in &self.extra {
            v = v.with_metric(m, val)?;
        }
        Ok(Rescored {
            vector: v,
            score: v.score(),
            severity: v.severity(),
        })
    }
}

/// The analysis of one finding (release × component × vulnerability).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Analysis {
    /// The state.
    pub state: State,
    /// Why not affected (meaningful with [`State::NotAffected`]).
    pub justification: Option<Justification>,
    /// Responses, in order, without repeats.
    pub responses: Vec<Response>,
    /// Detail text.
    pub detail: Detail,
    /// Who is working on it.
    pub assignee: Option<String>,
    /// Comments, oldest first.
    pub comments: Vec<Comment>,
    /// When a decision or fix is due.
    pub due: Option<Date>,
    /// The release's environmental re-scoring.
    pub environmental: Option<Environmental>,
    /// The patient-safety assessment.
    pub safety: Option<SafetyAssessment>,
}

/// A conversion target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// CycloneDX `vulnerabilities[].analysis`.
    CycloneDx,
    /// An OpenVEX 0.2.0 statement.
    OpenVex,
    /// CSAF 2.0 product status, flags, threats and remediations.
    Csaf,
}

/// Something a conversion could not carry exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loss {
    /// The format converted to.
    pub target: Target,
    /// The analysis field: `state`, `justification`, `responses`, `detail`, `assignee`, `comments`,
    /// `due`, `environmental`, `safety`.
    pub field: &'static str,
    /// What happened to it and why.
    pub reason: String,
}

fn loss(target: Target, field: &'static str, reason: impl Into<String>) -> Loss {
    Loss {
        target,
        field,
        reason: reason.into(),
    }
}

/// CycloneDX analysis states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CdxState {
    /// `in_triage`.
    InTriage,
    /// `exploitable`.
    Exploitable,
    /// `not_affected`.
    NotAffected,
    /// `false_positive`.
    FalsePositive,
    /// `resolved`.
    Resolved,
    /// `resolved_with_pedigree`.
    ResolvedWithPedigree,
}

impl CdxState {
    /// The CycloneDX name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::InTriage => "in_triage",
            Self::Exploitable => "exploitable",
            Self::NotAffected => "not_affected",
            Self::FalsePositive => "false_positive",
            Self::Resolved => "resolved",
            Self::ResolvedWithPedigree => "resolved_with_pedigree",
        }
    }
}

/// CycloneDX justifications.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CdxJustification {
    /// `code_not_present`.
    CodeNotPresent,
    /// `code_not_reachable`.
    CodeNotReachable,
    /// `requires_configuration`.
    RequiresConfiguration,
    /// `requires_dependency`.
    RequiresDependency,
    /// `requires_environment`.
    RequiresEnvironment,
    /// `protected_by_compiler`.
    ProtectedByCompiler,
    /// `protected_at_runtime`.
    ProtectedAtRuntime,
    /// `protected_at_perimeter`.
    ProtectedAtPerimeter,
    /// `protected_by_mitigating_control`.
    ProtectedByMitigatingControl,
}

impl CdxJustification {
    /// The CycloneDX name.
    pub fn as_str(self) -> &'static str {
        Justification::from(self).as_str()
    }
}

impl From<CdxJustification> for Justification {
    fn from(j: CdxJustification) -> Self {
        match j {
            CdxJustification::CodeNotPresent => Self::CodeNotPresent,
            CdxJustification::CodeNotReachable => Self::CodeNotReachable,
            CdxJustification::RequiresConfiguration => Self::RequiresConfiguration,
            CdxJustification::RequiresDependency => Self::RequiresDependency,
            CdxJustification::RequiresEnvironment => Self::RequiresEnvironment,
            CdxJustification::ProtectedByCompiler => Self::ProtectedByCompiler,
            CdxJustification::ProtectedAtRuntime => Self::ProtectedAtRuntime,
            CdxJustification::ProtectedAtPerimeter => Self::ProtectedAtPerimeter,
            CdxJustification::ProtectedByMitigatingControl => Self::ProtectedByMitigatingControl,
        }
    }
}

/// A CycloneDX `analysis` object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CdxAnalysis {
    /// `state`.
    pub state: CdxState,
    /// `justification`.
    pub justification: Option<CdxJustification>,
    /// `response`.
    pub response: Vec<Response>,
    /// `detail`.
    pub detail: Option<String>,
}

/// OpenVEX statuses and CSAF product status buckets used for VEX.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VexStatus {
    /// OpenVEX `not_affected`, CSAF `known_not_affected`.
    NotAffected,
    /// OpenVEX `affected`, CSAF `known_affected`.
    Affected,
    /// OpenVEX and CSAF `fixed`.
    Fixed,
    /// OpenVEX and CSAF `under_investigation`.
    UnderInvestigation,
}

impl VexStatus {
    /// The OpenVEX name.
    pub const fn openvex(self) -> &'static str {
        match self {
            Self::NotAffected => "not_affected",
            Self::Affected => "affected",
            Self::Fixed => "fixed",
            Self::UnderInvestigation => "under_investigation",
        }
    }

    /// The CSAF `product_status` bucket.
    pub const fn csaf(self) -> &'static str {
        match self {
            Self::NotAffected => "known_not_affected",
            Self::Affected => "known_affected",
            Self::Fixed => "fixed",
            Self::UnderInvestigation => "under_investigation",
        }
    }
}

/// OpenVEX justifications, which are also CSAF's VEX flag labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VexJustification {
    /// `component_not_present`.
    ComponentNotPresent,
    /// `vulnerable_code_not_present`.
    VulnerableCodeNotPresent,
    /// `vulnerable_code_cannot_be_controlled_by_adversary`.
    VulnerableCodeCannotBeControlledByAdversary,
    /// `vulnerable_code_not_in_execute_path`.
    VulnerableCodeNotInExecutePath,
    /// `inline_mitigations_already_exist`.
    InlineMitigationsAlreadyExist,
}

impl VexJustification {
    /// All five.
    pub const ALL: [VexJustification; 5] = [
        Self::ComponentNotPresent,
        Self::VulnerableCodeNotPresent,
        Self::VulnerableCodeCannotBeControlledByAdversary,
        Self::VulnerableCodeNotInExecutePath,
        Self::InlineMitigationsAlreadyExist,
    ];

    /// The OpenVEX justification / CSAF flag label.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::ComponentNotPresent => "component_not_present",
            Self::VulnerableCodeNotPresent => "vulnerable_code_not_present",
            Self::VulnerableCodeCannotBeControlledByAdversary => {
                "vulnerable_code_cannot_be_controlled_by_adversary"
            }
            Self::VulnerableCodeNotInExecutePath => "vulnerable_code_not_in_execute_path",
            Self::InlineMitigationsAlreadyExist => "inline_mitigations_already_exist",
        }
    }

    /// Reads an OpenVEX justification / CSAF flag label.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|j| j.as_str() == s)
    }
}

impl From<VexJustification> for Justification {
    fn from(j: VexJustification) -> Self {
        match j {
            VexJustification::ComponentNotPresent => Self::ComponentNotPresent,
            VexJustification::VulnerableCodeNotPresent => Self::CodeNotPresent,
            VexJustification::VulnerableCodeCannotBeControlledByAdversary => {
                Self::CannotBeControlledByAdversary
            }
            VexJustification::VulnerableCodeNotInExecutePath => Self::CodeNotReachable,
            VexJustification::InlineMitigationsAlreadyExist => Self::InlineMitigationsAlreadyExist,
        }
    }
}

/// An OpenVEX statement's analysis fields (the product and vulnerability are the caller's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenVexStatement {
    /// `status`.
    pub status: VexStatus,
    /// `justification` (only with `not_affected`).
    pub justification: Option<VexJustification>,
    /// `impact_statement` (`not_affected`).
    pub impact_statement: Option<String>,
    /// `action_statement` (`affected`).
    pub action_statement: Option<String>,
    /// `status_notes`.
    pub status_notes: Option<String>,
}

/// CSAF remediation categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RemediationCategory {
    /// `mitigation`.
    Mitigation,
    /// `no_fix_planned`.
    NoFixPlanned,
    /// `none_available`.
    NoneAvailable,
    /// `vendor_fix`.
    VendorFix,
    /// `workaround`.
    Workaround,
}

impl RemediationCategory {
    /// The CSAF name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Mitigation => "mitigation",
            Self::NoFixPlanned => "no_fix_planned",
            Self::NoneAvailable => "none_available",
            Self::VendorFix => "vendor_fix",
            Self::Workaround => "workaround",
        }
    }

    /// Reads a CSAF name (`vendor_fix`, `mitigation`…).
    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::Mitigation,
            Self::NoFixPlanned,
            Self::NoneAvailable,
            Self::VendorFix,
            Self::Workaround,
        ]
        .into_iter()
        .find(|c| c.as_str() == s)
    }
}

/// A CSAF remediation for the product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsafRemediation {
    /// `category`.
    pub category: RemediationCategory,
    /// `details` (CSAF requires it).
    pub details: String,
}

/// What CSAF says about one product for one vulnerability.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsafProductVex {
    /// The `product_status` bucket.
    pub status: VexStatus,
    /// The VEX flag (`flags[].label`).
    pub flag: Option<VexJustification>,
    /// A `threats[]` entry of category `impact` for the product (the impact statement).
    pub impact: Option<String>,
    /// `remediations[]` for the product.
    pub remediations: Vec<CsafRemediation>,
}

impl Analysis {
    /// A new analysis in the given state with nothing else set.
    pub fn new(state: State) -> Self {
        Self {
            state,
            ..Self::default()
        }
    }

    /// Losses every target shares: workflow fields that no VEX format carries, and the second language.
    fn common_losses(&self, target: Target, lang: Lang, out: &mut Vec<Loss>) {
        if self.detail.en.is_some() && self.detail.ja.is_some() {
            let dropped = match lang {
                Lang::En => "ja",
                Lang::Ja => "en",
            };
            out.push(loss(
                target,
                "detail",
                format!("one text per statement: the {dropped} detail is dropped"),
            ));
        }
        if self.assignee.is_some() {
            out.push(loss(target, "assignee", "no field for an assignee"));
        }
        if !self.comments.is_empty() {
            out.push(loss(target, "comments", "no field for comments"));
        }
        if self.due.is_some() {
            out.push(loss(target, "due", "no field for a due date"));
        }
        if self.environmental.is_some() {
            let where_ = match target {
                Target::CycloneDx => "vulnerability `ratings` (method CVSSv31 or CVSSv4)",
                Target::OpenVex => "no field; OpenVEX carries no scores",
                Target::Csaf => "vulnerability `scores` (cvss_v3 environmental fields)",
            };
            out.push(loss(
                target,
                "environmental",
                format!("not part of the status; write the re-scored vector in {where_}"),
            ));
        }
        if self.safety.is_some() {
            out.push(loss(
                target,
                "safety",
                "no field for a patient-safety assessment; state it in the detail if it must be published",
            ));
        }
    }

    /// Converts to CycloneDX `analysis`; `lang` picks the detail text.
    pub fn to_cyclonedx(&self, lang: Lang) -> (CdxAnalysis, Vec<Loss>) {
        let t = Target::CycloneDx;
        let mut losses = Vec::new();
        let state = match self.state {
            State::InTriage => CdxState::InTriage,
            State::UnderInvestigation => {
                losses.push(loss(
                    t,
                    "state",
                    "cyclonedx has no under_investigation; written as in_triage",
                ));
                CdxState::InTriage
            }
            State::Exploitable => CdxState::Exploitable,
            State::NotAffected => CdxState::NotAffected,
            State::FalsePositive => CdxState::FalsePositive,
            State::Resolved => CdxState::Resolved,
            State::ResolvedWithPedigree => CdxState::ResolvedWithPedigree,
        };
        let justification = self.justification.and_then(|j| {
            use CdxJustification as C;
            Some(match j {
                Justification::CodeNotPresent => C::CodeNotPresent,
                Justification::CodeNotReachable => C::CodeNotReachable,
                Justification::RequiresConfiguration => C::RequiresConfiguration,
                Justification::RequiresDependency => C::RequiresDependency,
                Justification::RequiresEnvironment => C::RequiresEnvironment,
                Justification::ProtectedByCompiler => C::ProtectedByCompiler,
                Justification::ProtectedAtRuntime => C::ProtectedAtRuntime,
                Justification::ProtectedAtPerimeter => C::ProtectedAtPerimeter,
                Justification::ProtectedByMitigatingControl => C::ProtectedByMitigatingControl,
                Justification::ComponentNotPresent => {
                    losses.push(loss(
                        t,
                        "justification",
                        "cyclonedx has no component_not_present; written as code_not_present, the nearest (no component, no code)",
                    ));
                    C::CodeNotPresent
                }
                Justification::InlineMitigationsAlreadyExist => {
                    losses.push(loss(
                        t,
                        "justification",
                        "cyclonedx has no inline_mitigations_already_exist; written as the broader protected_by_mitigating_control",
                    ));
                    C::ProtectedByMitigatingControl
                }
                Justification::CannotBeControlledByAdversary => {
                    losses.push(loss(
                        t,
                        "justification",
                        "cyclonedx has no vulnerable_code_cannot_be_controlled_by_adversary nor a near equivalent; justification omitted",
                    ));
                    return None;
                }
            })
        });
        self.common_losses(t, lang, &mut losses);
        (
            CdxAnalysis {
                state,
                justification,
                response: self.responses.clone(),
                detail: self.detail.get(lang).map(str::to_owned),
            },
            losses,
        )
    }

    /// Reads CycloneDX `analysis` (nothing is lost: CycloneDX's vocabulary is part of the internal one).
    pub fn from_cyclonedx(a: &CdxAnalysis, lang: Lang) -> Self {
        let state = match a.state {
            CdxState::InTriage => State::InTriage,
            CdxState::Exploitable => State::Exploitable,
            CdxState::NotAffected => State::NotAffected,
            CdxState::FalsePositive => State::FalsePositive,
            CdxState::Resolved => State::Resolved,
            CdxState::ResolvedWithPedigree => State::ResolvedWithPedigree,
        };
        let mut responses: Vec<Response> = Vec::new();
        for r in &a.response {
            if !responses.contains(r) {
                responses.push(*r);
            }
        }
        Self {
            state,
            justification: a.justification.map(Justification::from),
            responses,
            detail: Detail::only(lang, a.detail.clone()),
            ..Self::default()
        }
    }

    /// The status and justification shared by OpenVEX and CSAF, with their losses.
    fn vex_status(
        &self,
        t: Target,
        losses: &mut Vec<Loss>,
    ) -> (VexStatus, Option<VexJustification>) {
        let fmt = match t {
            Target::OpenVex => "openvex",
            _ => "csaf",
        };
        let status = match self.state {
            State::InTriage => {
                losses.push(loss(
                    t,
                    "state",
                    format!("{fmt} has no in_triage; written as under_investigation"),
                ));
                VexStatus::UnderInvestigation
            }
            State::UnderInvestigation => VexStatus::UnderInvestigation,
            State::Exploitable => VexStatus::Affected,
            State::NotAffected => VexStatus::NotAffected,
            State::FalsePositive => {
                losses.push(loss(
                    t,
                    "state",
                    format!(
                        "{fmt} has no false_positive; written as not affected with component_not_present"
                    ),
                ));
                VexStatus::NotAffected
            }
            State::Resolved => VexStatus::Fixed,
            State::ResolvedWithPedigree => {
                losses.push(loss(
                    t,
                    "state",
                    format!("{fmt} has no resolved_with_pedigree; written as fixed (the pedigree stays in the SBOM)"),
                ));
                VexStatus::Fixed
            }
        };
        if status != VexStatus::NotAffected {
            if let Some(j) = self.justification {
                losses.push(loss(
                    t,
                    "justification",
                    format!(
                        "{fmt} allows a justification only for not affected; {} dropped",
                        j.as_str()
                    ),
                ));
            }
            return (status, None);
        }
        if self.state == State::FalsePositive {
            if let Some(j) = self
                .justification
                .filter(|j| *j != Justification::ComponentNotPresent)
            {
                losses.push(loss(
                    t,
                    "justification",
                    format!(
                        "a false positive is written as component_not_present; {} dropped",
                        j.as_str()
                    ),
                ));
            }
            return (status, Some(VexJustification::ComponentNotPresent));
        }
        use VexJustification as V;
        let nearest = |j: Justification, v: V, losses: &mut Vec<Loss>| {
            losses.push(loss(
                t,
                "justification",
                format!(
                    "{fmt} has no {}; written as the nearest, {}",
                    j.as_str(),
                    v.as_str()
                ),
            ));
            v
        };
        let j = self.justification.map(|j| match j {
            Justification::ComponentNotPresent => V::ComponentNotPresent,
            Justification::CodeNotPresent => V::VulnerableCodeNotPresent,
            Justification::CodeNotReachable => V::VulnerableCodeNotInExecutePath,
            Justification::CannotBeControlledByAdversary => {
                V::VulnerableCodeCannotBeControlledByAdversary
            }
            Justification::InlineMitigationsAlreadyExist => V::InlineMitigationsAlreadyExist,
            Justification::RequiresConfiguration | Justification::RequiresEnvironment => {
                nearest(j, V::VulnerableCodeCannotBeControlledByAdversary, losses)
            }
            Justification::RequiresDependency => nearest(j, V::ComponentNotPresent, losses),
            Justification::ProtectedByCompiler
            | Justification::ProtectedAtRuntime
            | Justification::ProtectedAtPerimeter
            | Justification::ProtectedByMitigatingControl => {
                nearest(j, V::InlineMitigationsAlreadyExist, losses)
            }
        });
        (status, j)
    }

    /// Converts to an OpenVEX statement; `lang` picks the detail text.
    ///
    /// The detail becomes the `impact_statement` (not affected), the `action_statement` (affected)
    /// or `status_notes` (otherwise). OpenVEX has no machine-readable responses: an affected statement
    /// without detail gets an action statement written from the responses.
    pub fn to_openvex(&self, lang: Lang) -> (OpenVexStatement, Vec<Loss>) {
        let t = Target::OpenVex;
        let mut losses = Vec::new();
        let (status, justification) = self.vex_status(t, &mut losses);
        let detail = self.detail.get(lang).map(str::to_owned);
        let mut s = OpenVexStatement {
            status,
            justification,
            impact_statement: None,
            action_statement: None,
            status_notes: None,
        };
        match status {
            VexStatus::NotAffected => {
                s.impact_statement = detail;
                if s.justification.is_none() && s.impact_statement.is_none() {
                    losses.push(loss(
                        t,
                        "justification",
                        "openvex needs a justification or an impact statement for not_affected and neither is recorded",
                    ));
                }
            }
            VexStatus::Affected => {
                s.action_statement = detail.or_else(|| {
                    (!self.responses.is_empty()).then(|| {
                        let words: Vec<&str> =
                            self.responses.iter().map(|r| response_phrase(*r)).collect();
                        words.join(" ")
                    })
                });
                if s.action_statement.is_none() {
                    losses.push(loss(
                        t,
                        "responses",
                        "openvex needs an action statement for affected and no response or detail is recorded",
                    ));
                }
            }
            VexStatus::Fixed | VexStatus::UnderInvestigation => s.status_notes = detail,
        }
        if !self.responses.is_empty() {
            losses.push(loss(
                t,
                "responses",
                "openvex has no response field; responses survive only as prose in the action statement",
            ));
        }
        self.common_losses(t, lang, &mut losses);
        (s, losses)
    }

    /// Reads an OpenVEX statement; the statement text becomes the detail in `lang`.
    pub fn from_openvex(s: &OpenVexStatement, lang: Lang) -> Self {
        let state = match s.status {
            VexStatus::NotAffected => State::NotAffected,
            VexStatus::Affected => State::Exploitable,
            VexStatus::Fixed => State::Resolved,
            VexStatus::UnderInvestigation => State::UnderInvestigation,
        };
        let text = match s.status {
            VexStatus::NotAffected => s.impact_statement.clone(),
            VexStatus::Affected => s.action_statement.clone(),
            _ => s.status_notes.clone(),
        };
        Self {
            state,
            justification: s.justification.map(Justification::from),
            detail: Detail::only(lang, text),
            ..Self::default()
        }
    }

    /// Converts to CSAF product status, VEX flag, impact threat and remediations; `lang` picks the
    /// detail text, which becomes the product's `impact` threat.
    pub fn to_csaf(&self, lang: Lang) -> (CsafProductVex, Vec<Loss>) {
        let t = Target::Csaf;
        let mut losses = Vec::new();
        let (status, flag) = self.vex_status(t, &mut losses);
        let impact = self.detail.get(lang).map(str::to_owned);
        if status == VexStatus::NotAffected && flag.is_none() && impact.is_none() {
            losses.push(loss(
                t,
                "justification",
                "csaf needs a flag or an impact statement for known_not_affected and neither is recorded",
            ));
        }
        let mut remediations: Vec<CsafRemediation> = Vec::new();
        for r in &self.responses {
            let category = match r {
                Response::Update => RemediationCategory::VendorFix,
                Response::WorkaroundAvailable => RemediationCategory::Workaround,
                Response::WillNotFix => RemediationCategory::NoFixPlanned,
                Response::Rollback => {
                    losses.push(loss(
                        t,
                        "responses",
                        "csaf has no rollback category; written as vendor_fix",
                    ));
                    RemediationCategory::VendorFix
                }
                Response::CanNotFix => {
                    losses.push(loss(
                        t,
                        "responses",
                        "csaf has no can_not_fix category; written as none_available, which does not rule out a later fix",
                    ));
                    RemediationCategory::NoneAvailable
                }
            };
            if remediations.iter().any(|x| x.category == category) {
                continue;
            }
            remediations.push(CsafRemediation {
                category,
                details: response_phrase(*r).to_owned(),
            });
        }
        if status == VexStatus::Affected && remediations.is_empty() {
            losses.push(loss(
                t,
                "responses",
                "the csaf_vex profile needs a remediation for known_affected and no response is recorded",
            ));
        }
        self.common_losses(t, lang, &mut losses);
        (
            CsafProductVex {
                status,
                flag,
                impact,
                remediations,
            },
            losses,
        )
    }

    /// Reads CSAF product status, flag, impact threat and remediations.
    pub fn from_csaf(c: &CsafProductVex, lang: Lang) -> Self {
        let state = match c.status {
            VexStatus::NotAffected => State::NotAffected,
            VexStatus::Affected => State::Exploitable,
            VexStatus::Fixed => State::Resolved,
            VexStatus::UnderInvestigation => State::UnderInvestigation,
        };
        let mut responses = Vec::new();
        for r in &c.remediations {
            let resp = match r.category {
                RemediationCategory::VendorFix => Response::Update,
                RemediationCategory::Workaround | RemediationCategory::Mitigation => {
                    Response::WorkaroundAvailable
                }
                RemediationCategory::NoFixPlanned => Response::WillNotFix,
                RemediationCategory::NoneAvailable => Response::CanNotFix,
            };
            if !responses.contains(&resp) {
                responses.push(resp);
            }
        }
        Self {
            state,
            justification: c.flag.map(Justification::from),
            responses,
            detail: Detail::only(lang, c.impact.clone()),
            ..Self::default()
        }
    }
}

/// A sentence for a response, used where a format wants text (OpenVEX action statements, CSAF details).
fn response_phrase(r: Response) -> &'static str {
    match r {
        Response::CanNotFix => "The vulnerability cannot be fixed.",
        Response::WillNotFix => "No fix is planned.",
        Response::Update => "Update to a fixed version.",
        Response::Rollback => "Roll back to an unaffected version.",
        Response::WorkaroundAvailable => "A workaround is available.",
    }
}
