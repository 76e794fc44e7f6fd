//! Regulatory clocks: which reports a case needs in Japan, the US and the EU, and by when, from a
//! configurable rule table.
//!
//! Each rule belongs to an obligation (one report duty of one jurisdiction: PMDA 不具合等報告, 21 CFR
//! 806, the FDA postmarket communication and fix, MDR Art. 87). For each obligation the first rule
//! whose conditions hold gives the period, the anchor date it runs from and the calendar it is
//! counted on; when no rule holds, the report is not required. Rules carry `verified`: the default
//! table (`config/regulatory-default.toml`) marks what domain.md leaves uncertain — above all which
//! Japanese cases are 15-day and which 30-day — as unverified, so a case view can say so.
//!
//! Japan's practice of filing an incomplete report (未完了報告) on time and following up later is
//! modelled as the same deadline for the initial or incomplete report, plus an optional follow-up
//! period counted from the day the incomplete report was filed ([`RegulatoryRules::follow_up_due`]).

use std::collections::BTreeMap;

use serde::Deserialize;
use time::Date;

use crate::JudgeError;
use crate::analysis::SafetyRisk;
use crate::calendar::{Calendar, Counting, Period};
use crate::error::toml_error;
use crate::priority::{RawClosure, RawPeriod, calendar, period};

const DEFAULT_RULES: &str = include_str!("../config/regulatory-default.toml");

/// Most rules or calendars a table may have.
const MAX_RULES: usize = 256;

/// The worst patient harm the defect caused or could cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Harm {
    /// None.
    None,
    /// Harm that is not serious.
    NonSerious,
    /// Serious harm (serious injury, serious deterioration of health).
    Serious,
    /// Death.
    Death,
}

impl Harm {
    /// "none", "non_serious", "serious", "death".
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::NonSerious => "non_serious",
            Self::Serious => "serious",
            Self::Death => "death",
        }
    }

    /// Reads "none", "non_serious", "serious", "death".
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "none" => Some(Self::None),
            "non_serious" => Some(Self::NonSerious),
            "serious" => Some(Self::Serious),
            "death" => Some(Self::Death),
            _ => None,
        }
    }
}

/// The facts of a regulatory case that the rules look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseFacts {
    /// When the maker became aware (the usual clock start).
    pub awareness: Date,
    /// When a correction or removal was initiated, if one was (21 CFR 806's clock start).
    pub correction_initiated: Option<Date>,
    /// The worst harm caused or possible.
    pub harm: Harm,
    /// Whether the harm actually occurred (false: it could occur).
    pub harm_occurred: bool,
    /// Whether the harm was expected from the labelling (既知) rather than unknown (未知).
    pub expected: bool,
    /// Whether it is an unanticipated serious deterioration in health (MDR).
    pub unanticipated: bool,
    /// Whether it is a serious public health threat (MDR).
    pub public_health_threat: bool,
    /// The patient-safety assessment, if made.
    pub risk: Option<SafetyRisk>,
}

/// The date a rule's period runs from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Anchor {
    /// The awareness date.
    Awareness,
    /// The date a correction or removal was initiated.
    CorrectionInitiated,
}

impl Anchor {
    /// "awareness" or "correction_initiated".
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Awareness => "awareness",
            Self::CorrectionInitiated => "correction_initiated",
        }
    }
}

/// A rule's conditions on the case; all that are set must hold.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ClockConditions {
    /// The harm is one of these.
    pub harm: Option<Vec<Harm>>,
    /// The harm occurred (true) or could occur (false).
    pub occurred: Option<bool>,
    /// Expected (既知) or not.
    pub expected: Option<bool>,
    /// Unanticipated serious deterioration.
    pub unanticipated: Option<bool>,
    /// Serious public health threat.
    pub public_health_threat: Option<bool>,
    /// The safety assessment.
    pub risk: Option<SafetyRisk>,
    /// A correction or removal was initiated (true) or not (false).
    pub correction: Option<bool>,
}

impl ClockConditions {
    fn holds(&self, f: &CaseFacts) -> bool {
        self.harm.as_ref().is_none_or(|h| h.contains(&f.harm))
            && self.occurred.is_none_or(|o| o == f.harm_occurred)
            && self.expected.is_none_or(|e| e == f.expected)
            && self.unanticipated.is_none_or(|u| u == f.unanticipated)
            && self
                .public_health_threat
                .is_none_or(|p| p == f.public_health_threat)
            && self.risk.is_none_or(|r| f.risk == Some(r))
            && self
                .correction
                .is_none_or(|c| c == f.correction_initiated.is_some())
    }
}

/// One row of the rule table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClockRule {
    /// The rule's id.
    pub id: String,
    /// The jurisdiction (`jp`, `us`, `eu`, …).
    pub jurisdiction: String,
    /// The obligation it decides (rules of one obligation are tried in order).
    pub obligation: String,
    /// The report's name, e.g. `不具合等報告（15日）`.
    pub report: String,
    /// What the period runs from.
    pub anchor: Anchor,
    /// The period.
    pub period: Period,
    /// The name of the calendar business days and roll-forward use.
    pub calendar: String,
    /// When the rule applies.
    pub when: ClockConditions,
    /// Follow-up period after an incomplete report, if the jurisdiction has that practice.
    pub follow_up: Option<Period>,
    /// Whether the rule has been checked against its source.
    pub verified: bool,
    /// The legal source or guidance.
    pub source: String,
}

/// Where a case stands on one obligation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// The report is due on this date.
    On(Date),
    /// The rule applies but its anchor date is not known yet (e.g. no correction initiated).
    AwaitingAnchor(Anchor),
    /// No rule of the obligation applies: the report is not required.
    NotRequired,
}

/// One obligation's outcome for a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    /// The jurisdiction.
    pub jurisdiction: String,
    /// The obligation.
    pub obligation: String,
    /// The applying rule's index in [`RegulatoryRules::rules`], if one applies.
    pub rule: Option<usize>,
    /// The due date, or why there is none.
    pub due: Due,
    /// How the date was counted, in words.
    pub basis: String,
    /// Whether the applying rule is verified (true when none applies).
    pub verified: bool,
}

/// A validated regulatory rule table with its calendars.
#[derive(Debug, Clone, PartialEq)]
pub struct RegulatoryRules {
    rules: Vec<ClockRule>,
    calendars: BTreeMap<String, Calendar>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    calendars: BTreeMap<String, RawCalendar>,
    rule: Vec<RawRule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCalendar {
    holidays: String,
    #[serde(default)]
    closures: Vec<RawClosure>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: String,
    jurisdiction: String,
    obligation: String,
    report: String,
    anchor: String,
    period: RawPeriod,
    calendar: String,
    #[serde(default)]
    when: RawConditions,
    #[serde(default)]
    follow_up: Option<RawPeriod>,
    verified: bool,
    source: String,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConditions {
    harm: Option<Vec<String>>,
    occurred: Option<bool>,
    expected: Option<bool>,
    unanticipated: Option<bool>,
    public_health_threat: Option<bool>,
    risk: Option<String>,
    correction: Option<bool>,
}

fn bad(reason: String) -> JudgeError {
    JudgeError::InvalidRules { reason }
}

impl RegulatoryRules {
    /// The built-in default table.
    pub fn default_rules() -> Self {
        Self::from_toml(DEFAULT_RULES).expect("the embedded regulatory rules are valid (tested)")
    }

    /// The built-in default table's TOML text.
    pub fn default_toml() -> &'static str {
        DEFAULT_RULES
    }

    /// Reads and validates a rule table.
    pub fn from_toml(text: &str) -> Result<Self, JudgeError> {
        let raw: RawRules = toml::from_str(text).map_err(|e| toml_error("regulatory rules", &e))?;
        if raw.calendars.len() > MAX_RULES || raw.rule.len() > MAX_RULES {
            return Err(bad(format!("more than {MAX_RULES} calendars or rules")));
        }
        let mut calendars = BTreeMap::new();
        for (name, c) in &raw.calendars {
            calendars.insert(name.clone(), calendar(&c.holidays, &c.closures, bad)?);
        }
        let mut rules: Vec<ClockRule> = Vec::with_capacity(raw.rule.len());
        for r in raw.rule {
            for (what, v) in [
                ("id", &r.id),
                ("jurisdiction", &r.jurisdiction),
                ("obligation", &r.obligation),
                ("report", &r.report),
            ] {
                if v.trim().is_empty() {
                    return Err(bad(format!("a rule has an empty {what}")));
                }
            }
            if rules.iter().any(|x| x.id == r.id) {
                return Err(bad(format!("rule `{}` is defined twice", r.id)));
            }
            if let Some(x) = rules
                .iter()
                .find(|x| x.obligation == r.obligation && x.jurisdiction != r.jurisdiction)
            {
                return Err(bad(format!(
                    "obligation `{}` belongs to jurisdiction `{}` (rule `{}`) and `{}` (rule `{}`)",
                    r.obligation, x.jurisdiction, x.id, r.jurisdiction, r.id
                )));
            }
            if !calendars.contains_key(&r.calendar) {
                return Err(bad(format!(
                    "rule `{}` names unknown calendar `{}`",
                    r.id, r.calendar
                )));
            }
            let anchor = match r.anchor.as_str() {
                "awareness" => Anchor::Awareness,
                "correction_initiated" => Anchor::CorrectionInitiated,
                other => {
                    return Err(bad(format!(
                        "rule `{}`: anchor `{other}` (expected awareness or correction_initiated)",
                        r.id
                    )));
                }
            };
            let harm = r
                .when
                .harm
                .as_ref()
                .map(|hs| {
                    hs.iter()
                        .map(|h| {
                            Harm::parse(h).ok_or_else(|| {
                                bad(format!(
                                    "rule `{}`: harm `{h}` (expected none, non_serious, serious or death)",
                                    r.id
                                ))
                            })
                        })
                        .collect::<Result<Vec<_>, _>>()
                })
                .transpose()?;
            let risk = match r.when.risk.as_deref() {
                None => None,
                Some(s) => Some(SafetyRisk::parse(s).ok_or_else(|| {
                    bad(format!(
                        "rule `{}`: risk `{s}` (expected controlled or uncontrolled)",
                        r.id
                    ))
                })?),
            };
            rules.push(ClockRule {
                period: period(&r.period, &r.id, bad)?,
                follow_up: r
                    .follow_up
                    .as_ref()
                    .map(|p| period(p, &r.id, bad))
                    .transpose()?,
                id: r.id,
                jurisdiction: r.jurisdiction,
                obligation: r.obligation,
                report: r.report,
                anchor,
                calendar: r.calendar,
                when: ClockConditions {
                    harm,
                    occurred: r.when.occurred,
                    expected: r.when.expected,
                    unanticipated: r.when.unanticipated,
                    public_health_threat: r.when.public_health_threat,
                    risk,
                    correction: r.when.correction,
                },
                verified: r.verified,
                source: r.source,
            });
        }
        if rules.is_empty() {
            return Err(bad("no rules".into()));
        }
        Ok(Self { rules, calendars })
    }

    /// The rules, in table order.
    pub fn rules(&self) -> &[ClockRule] {
        &self.rules
    }

    /// A calendar of the table by name.
    pub fn calendar(&self, name: &str) -> Option<&Calendar> {
        self.calendars.get(name)
    }

    /// The obligations in table order (first appearance), with their jurisdictions.
    pub fn obligations(&self) -> Vec<(&str, &str)> {
        let mut out: Vec<(&str, &str)> = Vec::new();
        for r in &self.rules {
            if !out.iter().any(|(_, o)| *o == r.obligation) {
                out.push((r.jurisdiction.as_str(), r.obligation.as_str()));
            }
        }
        out
    }

    fn count(
        &self,
        rule: &ClockRule,
        start: Date,
        p: Period,
    ) -> Result<(Date, String), JudgeError> {
        let cal = &self.calendars[&rule.calendar];
        let due = cal.due(start, p)?;
        let mut basis = format!(
            "{} {} days from {} ({}, calendar `{}`)",
            p.days,
            p.counting.as_str(),
            start,
            rule.anchor.as_str(),
            rule.calendar
        );
        if p.roll_forward && p.counting == Counting::Calendar {
            basis.push_str(", moved to the next business day if closed");
        }
        Ok((due, basis))
    }

    /// Every obligation's outcome for the case, in table order.
    pub fn deadlines(&self, facts: &CaseFacts) -> Result<Vec<Deadline>, JudgeError> {
        let mut out = Vec::new();
        for (jurisdiction, obligation) in self.obligations() {
            let hit = self
                .rules
                .iter()
                .enumerate()
                .find(|(_, r)| r.obligation == obligation && r.when.holds(facts));
            let d = match hit {
                None => Deadline {
                    jurisdiction: jurisdiction.to_owned(),
                    obligation: obligation.to_owned(),
                    rule: None,
                    due: Due::NotRequired,
                    basis: "no rule of this obligation applies".into(),
                    verified: true,
                },
                Some((i, r)) => {
                    let start = match r.anchor {
                        Anchor::Awareness => Some(facts.awareness),
                        Anchor::CorrectionInitiated => facts.correction_initiated,
                    };
                    let (due, basis) = match start {
                        Some(s) => {
                            let (d, b) = self.count(r, s, r.period)?;
                            (Due::On(d), format!("{}: {b}", r.report))
                        }
                        None => (
                            Due::AwaitingAnchor(r.anchor),
                            format!("{}: waiting for the {} date", r.report, r.anchor.as_str()),
                        ),
                    };
                    Deadline {
                        jurisdiction: jurisdiction.to_owned(),
                        obligation: obligation.to_owned(),
                        rule: Some(i),
                        due,
                        basis,
                        verified: r.verified,
                    }
                }
            };
            out.push(d);
        }
        Ok(out)
    }

    /// When the follow-up to an incomplete report filed on `filed` is due under the deadline's rule;
    /// `None` when the rule has no follow-up period or no rule applied.
    pub fn follow_up_due(
        &self,
        deadline: &Deadline,
        filed: Date,
    ) -> Result<Option<Date>, JudgeError> {
        let Some(rule) = deadline.rule.and_then(|i| self.rules.get(i)) else {
            return Ok(None);
        };
        rule.follow_up
            .map(|p| self.count(rule, filed, p).map(|(d, _)| d))
            .transpose()
    }
}
