//! Priority: one explainable ranking from CVSS, EPSS, KEV and the patient-safety assessment, with a
//! priority class and a due date from a configurable policy.
//!
//! A policy has two parts. Weights turn the factors into points whose sum ranks findings within a
//! class (each factor's points are listed in the explanation, so nobody has to trust an opaque
//! number). Rules, tried in order, give the class and the due-date period; the first rule whose
//! conditions all hold wins, and the last rule must have none so every finding gets a class. The
//! default policy (`config/priority-default.toml`) puts KEV with an uncontrolled risk at 7 days and
//! any uncontrolled risk at 30, as FDA's postmarket guidance expects uncontrolled risks to be
//! communicated within 30 days.
//!
//! [`Policy::prioritize`] allocates nothing, so re-prioritizing every finding after an EPSS update
//! is a tight loop; [`Policy::explain`] gives the same answer with its reasons.

use std::cmp::Ordering;

use mamori_cvss::Severity;
use serde::Deserialize;
use time::Date;

use crate::JudgeError;
use crate::analysis::SafetyRisk;
use crate::calendar::{Calendar, Counting, HolidayRules, Period, parse_closure};
use crate::error::toml_error;

const DEFAULT_POLICY: &str = include_str!("../config/priority-default.toml");

/// Longest due period a policy may give, in days (ten years).
const MAX_DAYS: u32 = 3650;
/// Most rules or classes a policy may have.
const MAX_RULES: usize = 256;

/// EPSS figures of a vulnerability.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Epss {
    /// Probability of exploitation activity in the next 30 days, 0..=1.
    pub score: f64,
    /// Percentile among all scored vulnerabilities, 0..=1.
    pub percentile: f64,
}

/// What the priority of one finding is computed from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PriorityInput {
    /// CVSS base score, 0..=10.
    pub cvss_base: Option<f64>,
    /// CVSS environmental score for the release, 0..=10; preferred over the base score.
    pub cvss_environmental: Option<f64>,
    /// EPSS.
    pub epss: Option<Epss>,
    /// In CISA's KEV catalog: `Some(ransomware_use)`; `None` when not listed.
    pub kev: Option<bool>,
    /// The patient-safety assessment, if made.
    pub safety: Option<SafetyRisk>,
    /// When the due-date clock starts (the finding's creation or the maker's awareness).
    pub since: Date,
}

/// A finding's priority.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Priority {
    /// Index into [`Policy::classes`]; lower is more urgent.
    pub class: u8,
    /// Index into [`Policy::rules`] of the rule that gave the class.
    pub rule: u16,
    /// The weighted points that rank findings within a class.
    pub score: f64,
    /// The due date, if the rule gives one.
    pub due: Option<Date>,
}

impl Priority {
    /// Most urgent first: by class, then higher score, then earlier due date.
    pub fn cmp_urgency(&self, other: &Self) -> Ordering {
        self.class
            .cmp(&other.class)
            .then(other.score.total_cmp(&self.score))
            .then_with(|| match (self.due, other.due) {
                (Some(a), Some(b)) => a.cmp(&b),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            })
    }
}

/// One factor's contribution to the score.
#[derive(Debug, Clone, PartialEq)]
pub struct Factor {
    /// `cvss`, `epss`, `kev`, `ransomware`, `safety`.
    pub name: &'static str,
    /// The input as read, e.g. `9.8 (environmental)`, `0.42 (percentile 0.97)`, `uncontrolled`.
    pub value: String,
    /// Points added to the score.
    pub points: f64,
}

/// A priority with its reasons.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    /// The priority.
    pub priority: Priority,
    /// The class name.
    pub class: String,
    /// The rule's name.
    pub rule: String,
    /// The rule's conditions, each as it was met (e.g. `kev`, `cvss 9.8 ≥ 9.0`).
    pub conditions: Vec<String>,
    /// Each factor's contribution, in the order cvss, epss, kev, ransomware, safety.
    pub factors: Vec<Factor>,
    /// How the due date was counted, e.g. `7 calendar days from 2025-04-25`.
    pub due_basis: Option<String>,
}

/// A safety condition in a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SafetyCondition {
    /// Assessed as controlled.
    Controlled,
    /// Assessed as uncontrolled.
    Uncontrolled,
    /// Not assessed yet.
    Unassessed,
}

/// A rule's conditions; all that are set must hold.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Conditions {
    /// In KEV (true) or not (false).
    pub kev: Option<bool>,
    /// KEV with known ransomware use (true) or not (false).
    pub ransomware: Option<bool>,
    /// The safety assessment.
    pub safety: Option<SafetyCondition>,
    /// CVSS (environmental if present) at least this.
    pub min_cvss: Option<f64>,
    /// EPSS probability at least this.
    pub min_epss: Option<f64>,
    /// EPSS percentile at least this.
    pub min_epss_percentile: Option<f64>,
    /// Weighted score at least this.
    pub min_score: Option<f64>,
}

impl Conditions {
    fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// One rule of a policy.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// The rule's name.
    pub name: String,
    /// Index into [`Policy::classes`].
    pub class: u8,
    /// The due period, if the class has one.
    pub due: Option<Period>,
    /// The conditions.
    pub when: Conditions,
}

/// Points per factor.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    /// Points per CVSS point.
    pub cvss: f64,
    /// CVSS score assumed when a finding has none, so unscored findings do not sink.
    pub missing_cvss: f64,
    /// Points for an EPSS of 1.0 (scaled linearly).
    pub epss: f64,
    /// Whether `epss` scales the probability or the percentile.
    pub epss_percentile: bool,
    /// Points for being in KEV.
    pub kev: f64,
    /// Extra points for known ransomware use.
    pub ransomware: f64,
    /// Points for an uncontrolled safety risk.
    pub uncontrolled: f64,
    /// Points for a controlled safety risk.
    pub controlled: f64,
    /// Points when safety is not assessed yet.
    pub unassessed: f64,
}

/// A validated priority policy.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    name: String,
    classes: Vec<String>,
    weights: Weights,
    rules: Vec<Rule>,
    calendar: Calendar,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    policy: RawHeader,
    weights: RawWeights,
    rule: Vec<RawRule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    name: String,
    classes: Vec<String>,
    #[serde(default = "default_calendar")]
    calendar: String,
    #[serde(default)]
    closures: Vec<RawClosure>,
}

fn default_calendar() -> String {
    "japan".into()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawClosure {
    pub(crate) from: String,
    pub(crate) to: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWeights {
    cvss: f64,
    missing_cvss: f64,
    epss: f64,
    epss_basis: String,
    kev: f64,
    ransomware: f64,
    uncontrolled: f64,
    controlled: f64,
    unassessed: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    name: String,
    class: String,
    #[serde(default)]
    due: Option<RawPeriod>,
    #[serde(default)]
    when: RawConditions,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPeriod {
    pub(crate) days: i64,
    pub(crate) count: String,
    #[serde(default)]
    pub(crate) roll_forward: bool,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConditions {
    kev: Option<bool>,
    ransomware: Option<bool>,
    safety: Option<String>,
    min_cvss: Option<f64>,
    min_severity: Option<String>,
    min_epss: Option<f64>,
    min_epss_percentile: Option<f64>,
    min_score: Option<f64>,
}

fn bad(reason: String) -> JudgeError {
    JudgeError::InvalidPolicy { reason }
}

/// Reads a period; `err` wraps the reason into the caller's error.
pub(crate) fn period(
    raw: &RawPeriod,
    owner: &str,
    err: fn(String) -> JudgeError,
) -> Result<Period, JudgeError> {
    let counting = Counting::parse(&raw.count).ok_or_else(|| {
        err(format!(
            "`{owner}`: count `{}` (expected \"calendar\" or \"business\")",
            raw.count
        ))
    })?;
    let days = u32::try_from(raw.days)
        .ok()
        .filter(|d| *d <= MAX_DAYS)
        .ok_or_else(|| {
            err(format!(
                "`{owner}`: days {} (expected 0 to {MAX_DAYS})",
                raw.days
            ))
        })?;
    Ok(Period {
        days,
        counting,
        roll_forward: raw.roll_forward,
    })
}

/// Builds a calendar from a configuration name and closures.
pub(crate) fn calendar(
    name: &str,
    closures: &[RawClosure],
    err: fn(String) -> JudgeError,
) -> Result<Calendar, JudgeError> {
    let rules = HolidayRules::parse(name).ok_or_else(|| {
        err(format!(
            "calendar `{name}` (expected \"japan\", \"us\" or \"none\")"
        ))
    })?;
    if closures.len() > MAX_RULES {
        return Err(err(format!(
            "{} closures (at most {MAX_RULES})",
            closures.len()
        )));
    }
    let closures = closures
        .iter()
        .map(|c| parse_closure(&c.from, &c.to).map_err(err))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Calendar::new(rules, closures))
}

fn unit(what: &str, v: Option<f64>, max: f64) -> Result<Option<f64>, JudgeError> {
    match v {
        Some(x) if !(0.0..=max).contains(&x) => {
            Err(bad(format!("{what} {x} (expected 0 to {max})")))
        }
        _ => Ok(v),
    }
}

impl Policy {
    /// The built-in default policy.
    pub fn default_policy() -> Self {
        Self::from_toml(DEFAULT_POLICY).expect("the embedded default policy is valid (tested)")
    }

    /// The built-in default policy's TOML text, to start a local copy from.
    pub fn default_toml() -> &'static str {
        DEFAULT_POLICY
    }

    /// Reads and validates a policy.
    pub fn from_toml(text: &str) -> Result<Self, JudgeError> {
        let raw: RawPolicy = toml::from_str(text).map_err(|e| toml_error("priority policy", &e))?;
        let classes = raw.policy.classes;
        if classes.is_empty() || classes.len() > MAX_RULES {
            return Err(bad(format!(
                "{} classes (expected 1 to {MAX_RULES})",
                classes.len()
            )));
        }
        for (i, c) in classes.iter().enumerate() {
            if c.trim().is_empty() {
                return Err(bad(format!("class {} has an empty name", i + 1)));
            }
            if classes[..i].contains(c) {
                return Err(bad(format!("class `{c}` is listed twice")));
            }
        }
        let w = raw.weights;
        for (what, x) in [
            ("cvss", w.cvss),
            ("missing_cvss", w.missing_cvss),
            ("epss", w.epss),
            ("kev", w.kev),
            ("ransomware", w.ransomware),
            ("uncontrolled", w.uncontrolled),
            ("controlled", w.controlled),
            ("unassessed", w.unassessed),
        ] {
            if !(0.0..=1000.0).contains(&x) {
                return Err(bad(format!("weight {what} {x} (expected 0 to 1000)")));
            }
        }
        if w.missing_cvss > 10.0 {
            return Err(bad(format!(
                "weight missing_cvss {} is a cvss score (expected 0 to 10)",
                w.missing_cvss
            )));
        }
        let epss_percentile = match w.epss_basis.as_str() {
            "score" => false,
            "percentile" => true,
            other => {
                return Err(bad(format!(
                    "epss_basis `{other}` (expected \"score\" or \"percentile\")"
                )));
            }
        };
        let weights = Weights {
            cvss: w.cvss,
            missing_cvss: w.missing_cvss,
            epss: w.epss,
            epss_percentile,
            kev: w.kev,
            ransomware: w.ransomware,
            uncontrolled: w.uncontrolled,
            controlled: w.controlled,
            unassessed: w.unassessed,
        };
        if raw.rule.is_empty() || raw.rule.len() > MAX_RULES {
            return Err(bad(format!(
                "{} rules (expected 1 to {MAX_RULES})",
                raw.rule.len()
            )));
        }
        let mut rules: Vec<Rule> = Vec::with_capacity(raw.rule.len());
        for r in &raw.rule {
            if r.name.trim().is_empty() {
                return Err(bad("a rule has an empty name".into()));
            }
            if rules.iter().any(|x| x.name == r.name) {
                return Err(bad(format!("rule `{}` is defined twice", r.name)));
            }
            let class = classes.iter().position(|c| *c == r.class).ok_or_else(|| {
                bad(format!(
                    "rule `{}` names unknown class `{}`",
                    r.name, r.class
                ))
            })?;
            let due = r
                .due
                .as_ref()
                .map(|p| period(p, &r.name, bad))
                .transpose()?;
            let c = &r.when;
            let safety = match c.safety.as_deref() {
                None => None,
                Some("controlled") => Some(SafetyCondition::Controlled),
                Some("uncontrolled") => Some(SafetyCondition::Uncontrolled),
                Some("unassessed") => Some(SafetyCondition::Unassessed),
                Some(other) => {
                    return Err(bad(format!(
                        "rule `{}`: safety `{other}` (expected controlled, uncontrolled or unassessed)",
                        r.name
                    )));
                }
            };
            let from_severity = match c.min_severity.as_deref() {
                None => None,
                Some("low") => Some(0.1),
                Some("medium") => Some(4.0),
                Some("high") => Some(7.0),
                Some("critical") => Some(9.0),
                Some(other) => {
                    return Err(bad(format!(
                        "rule `{}`: min_severity `{other}` (expected low, medium, high or critical)",
                        r.name
                    )));
                }
            };
            if from_severity.is_some() && c.min_cvss.is_some() {
                return Err(bad(format!(
                    "rule `{}` sets both min_cvss and min_severity",
                    r.name
                )));
            }
            let when = Conditions {
                kev: c.kev,
                ransomware: c.ransomware,
                safety,
                min_cvss: unit("min_cvss", c.min_cvss, 10.0)?.or(from_severity),
                min_epss: unit("min_epss", c.min_epss, 1.0)?,
                min_epss_percentile: unit("min_epss_percentile", c.min_epss_percentile, 1.0)?,
                min_score: unit("min_score", c.min_score, 1e6)?,
            };
            rules.push(Rule {
                name: r.name.clone(),
                class: class as u8,
                due,
                when,
            });
        }
        let last = rules.last().expect("at least one rule");
        if !last.when.is_empty() {
            return Err(bad(format!(
                "the last rule (`{}`) must have no conditions, so every finding gets a class",
                last.name
            )));
        }
        let calendar = calendar(&raw.policy.calendar, &raw.policy.closures, bad)?;
        Ok(Self {
            name: raw.policy.name,
            classes,
            weights,
            rules,
            calendar,
        })
    }

    /// The policy's name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// Class names, most urgent first.
    pub fn classes(&self) -> &[String] {
        &self.classes
    }
    /// The rules, in the order they are tried.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }
    /// The weights.
    pub fn weights(&self) -> &Weights {
        &self.weights
    }
    /// The calendar business days are counted on.
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    fn check(input: &PriorityInput) -> Result<(), JudgeError> {
        let range = |what, v: f64, max| {
            if (0.0..=max).contains(&v) {
                Ok(())
            } else {
                Err(JudgeError::OutOfRange {
                    what,
                    min: 0.0,
                    max,
                    value: v,
                })
            }
        };
        if let Some(v) = input.cvss_base {
            range("cvss base score", v, 10.0)?;
        }
        if let Some(v) = input.cvss_environmental {
            range("cvss environmental score", v, 10.0)?;
        }
        if let Some(e) = input.epss {
            range("epss score", e.score, 1.0)?;
            range("epss percentile", e.percentile, 1.0)?;
        }
        Ok(())
    }

    fn points(&self, input: &PriorityInput) -> [f64; 5] {
        let w = &self.weights;
        let cvss = input
            .cvss_environmental
            .or(input.cvss_base)
            .unwrap_or(w.missing_cvss);
        let epss = input.epss.map_or(0.0, |e| {
            if w.epss_percentile {
                e.percentile
            } else {
                e.score
            }
        });
        [
            cvss * w.cvss,
            epss * w.epss,
            if input.kev.is_some() { w.kev } else { 0.0 },
            if input.kev == Some(true) {
                w.ransomware
            } else {
                0.0
            },
            match input.safety {
                Some(SafetyRisk::Uncontrolled) => w.uncontrolled,
                Some(SafetyRisk::Controlled) => w.controlled,
                None => w.unassessed,
            },
        ]
    }

    fn matches(c: &Conditions, input: &PriorityInput, score: f64) -> bool {
        let cvss = input.cvss_environmental.or(input.cvss_base);
        c.kev.is_none_or(|k| k == input.kev.is_some())
            && c.ransomware.is_none_or(|r| r == (input.kev == Some(true)))
            && c.safety.is_none_or(|s| match s {
                SafetyCondition::Controlled => input.safety == Some(SafetyRisk::Controlled),
                SafetyCondition::Uncontrolled => input.safety == Some(SafetyRisk::Uncontrolled),
                SafetyCondition::Unassessed => input.safety.is_none(),
            })
            && c.min_cvss.is_none_or(|m| cvss.is_some_and(|v| v >= m))
            && c.min_epss
                .is_none_or(|m| input.epss.is_some_and(|e| e.score >= m))
            && c.min_epss_percentile
                .is_none_or(|m| input.epss.is_some_and(|e| e.percentile >= m))
            && c.min_score.is_none_or(|m| score >= m)
    }

    /// The priority of one finding. Errors on scores out of range or a due date outside the calendar.
    pub fn prioritize(&self, input: &PriorityInput) -> Result<Priority, JudgeError> {
        Self::check(input)?;
        let score: f64 = self.points(input).iter().sum();
        let (i, rule) = self
            .rules
            .iter()
            .enumerate()
            .find(|(_, r)| Self::matches(&r.when, input, score))
            .expect("the last rule has no conditions");
        let due = rule
            .due
            .map(|p| self.calendar.due(input.since, p))
            .transpose()?;
        Ok(Priority {
            class: rule.class,
            rule: i as u16,
            score,
            due,
        })
    }

    /// The priority of one finding with each factor's points and the rule's met conditions.
    pub fn explain(&self, input: &PriorityInput) -> Result<Explanation, JudgeError> {
        let priority = self.prioritize(input)?;
        let pts = self.points(input);
        let cvss_value = match (input.cvss_environmental, input.cvss_base) {
            (Some(e), _) => format!("{e:.1} (environmental)"),
            (None, Some(b)) => format!("{b:.1} (base)"),
            (None, None) => format!("{:.1} (assumed: no cvss)", self.weights.missing_cvss),
        };
        let epss_value = input.epss.map_or("none".to_owned(), |e| {
            format!("{} (percentile {})", e.score, e.percentile)
        });
        let factors = vec![
            Factor {
                name: "cvss",
                value: cvss_value,
                points: pts[0],
            },
            Factor {
                name: "epss",
                value: epss_value,
                points: pts[1],
            },
            Factor {
                name: "kev",
                value: if input.kev.is_some() {
                    "listed"
                } else {
                    "not listed"
                }
                .into(),
                points: pts[2],
            },
            Factor {
                name: "ransomware",
                value: match input.kev {
                    Some(true) => "known",
                    Some(false) => "unknown",
                    None => "not in kev",
                }
                .into(),
                points: pts[3],
            },
            Factor {
                name: "safety",
                value: input.safety.map_or("unassessed", SafetyRisk::as_str).into(),
                points: pts[4],
            },
        ];
        let rule = &self.rules[priority.rule as usize];
        let c = &rule.when;
        let cvss = input.cvss_environmental.or(input.cvss_base);
        let mut conditions = Vec::new();
        if let Some(k) = c.kev {
            conditions.push(if k { "kev" } else { "not kev" }.to_owned());
        }
        if let Some(r) = c.ransomware {
            conditions.push(
                if r {
                    "ransomware use known"
                } else {
                    "no known ransomware use"
                }
                .to_owned(),
            );
        }
        if let Some(s) = c.safety {
            conditions.push(
                match s {
                    SafetyCondition::Controlled => "safety risk controlled",
                    SafetyCondition::Uncontrolled => "safety risk uncontrolled",
                    SafetyCondition::Unassessed => "safety not assessed",
                }
                .to_owned(),
            );
        }
        if let (Some(m), Some(v)) = (c.min_cvss, cvss) {
            conditions.push(format!(
                "cvss {v:.1} ≥ {m:.1} ({})",
                Severity::from_score(m).as_str()
            ));
        }
        if let (Some(m), Some(e)) = (c.min_epss, input.epss) {
            conditions.push(format!("epss {} ≥ {m}", e.score));
        }
        if let (Some(m), Some(e)) = (c.min_epss_percentile, input.epss) {
            conditions.push(format!("epss percentile {} ≥ {m}", e.percentile));
        }
        if let Some(m) = c.min_score {
            conditions.push(format!("score {:.1} ≥ {m}", priority.score));
        }
        if conditions.is_empty() {
            conditions.push("no conditions (catch-all)".into());
        }
        let due_basis = rule.due.map(|p| {
            format!(
                "{} {} days from {}{}",
                p.days,
                p.counting.as_str(),
                input.since,
                if p.roll_forward && p.counting == Counting::Calendar {
                    ", moved to the next business day if closed"
                } else {
                    ""
                }
            )
        });
        Ok(Explanation {
            priority,
            class: self.classes[priority.class as usize].clone(),
            rule: rule.name.clone(),
            conditions,
            factors,
            due_basis,
        })
    }
}
