//! The medical-device CVSS rubric: a questionnaire per base metric whose answers derive a CVSS 3.x
//! vector, with the question graph kept as data.
//!
//! MITRE's "Rubric for Applying CVSS to Medical Devices" (FDA-qualified as a Medical Device
//! Development Tool in 2020) replaces the CVSS user guide's enterprise examples with questions about
//! the device: how the attacker reaches it, what the attack needs, and what confidentiality,
//! integrity or availability loss means for each class of clinical data and function (patient data,
//! diagnosis and monitoring, therapy, clinical workflow, system secrets, other). The exact
//! answer → metric table has not been checked against the rubric's text (domain.md marks it
//! unverified), so the table is a TOML file: the default one is embedded, and a corrected one can be
//! loaded with [`Rubric::from_toml`] without touching code.
//!
//! A table is a set of questions, each belonging to one base metric, each answer either giving the
//! metric's value or leading to another question of the same metric. A metric starts at one or more
//! questions; with several (the clinical classes of C/I/A), each path gives a value and the metric
//! takes the most severe. Loading checks that the graph is sound — every value valid for its metric,
//! every `next` a question of the same metric, no cycles, no question that is never asked — so every
//! complete set of answers derives a vector.

use std::collections::HashMap;

use mamori_cvss::{Cvss, CvssVersion};
use serde::Deserialize;
use time::OffsetDateTime;

use crate::JudgeError;
use crate::error::toml_error;

/// The embedded default table (see `rubric/mitre-2020.toml`).
const MITRE_2020: &str = include_str!("../rubric/mitre-2020.toml");

/// Most questions a table may have, so a hostile file cannot make derivation walk forever.
const MAX_QUESTIONS: usize = 1000;

/// The CVSS 3.x base metrics in vector order, with their values from most to least severe.
const METRICS: [(&str, &[&str]); 8] = [
    ("AV", &["N", "A", "L", "P"]),
    ("AC", &["L", "H"]),
    ("PR", &["N", "L", "H"]),
    ("UI", &["N", "R"]),
    ("S", &["C", "U"]),
    ("C", &["H", "L", "N"]),
    ("I", &["H", "L", "N"]),
    ("A", &["H", "L", "N"]),
];

/// Text in English with an optional Japanese rendering.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// English.
    pub en: String,
    /// Japanese, if the table gives it.
    #[serde(default)]
    pub ja: Option<String>,
}

/// What choosing an answer does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The metric takes this value (as written in vectors: `N`, `A`, `L`, …).
    Value(&'static str),
    /// The next question to ask (an index into [`Rubric::questions`]).
    Next(usize),
}

/// One possible answer to a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerOption {
    id: String,
    text: Text,
    outcome: Outcome,
}

impl AnswerOption {
    /// The answer's id, as stored in a [`RubricAnswer`].
    pub fn id(&self) -> &str {
        &self.id
    }
    /// What the answer says.
    pub fn text(&self) -> &Text {
        &self.text
    }
    /// The metric value it gives or the question it leads to.
    pub fn outcome(&self) -> Outcome {
        self.outcome
    }
}

/// One question of the rubric.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    id: String,
    metric: &'static str,
    code: Option<String>,
    text: Text,
    guidance: Option<Text>,
    answers: Vec<AnswerOption>,
}

impl Question {
    /// The question's id, unique in the rubric.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// The base metric it decides (`AV`, `AC`, `PR`, `UI`, `S`, `C`, `I`, `A`).
    pub fn metric(&self) -> &'static str {
        self.metric
    }
    /// A short code for exchange with other rubric calculators, if the table gives one.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }
    /// The question.
    pub fn text(&self) -> &Text {
        &self.text
    }
    /// Medical-device guidance for answering it.
    pub fn guidance(&self) -> Option<&Text> {
        self.guidance.as_ref()
    }
    /// The possible answers.
    pub fn answers(&self) -> &[AnswerOption] {
        &self.answers
    }
}

/// A base metric's entry points into the question graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetricQuestions {
    metric: &'static str,
    start: Vec<usize>,
}

impl MetricQuestions {
    /// The metric.
    pub fn metric(&self) -> &'static str {
        self.metric
    }
    /// Indexes into [`Rubric::questions`] of the questions each path starts at.
    pub fn start(&self) -> &[usize] {
        &self.start
    }
}

/// A validated rubric table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rubric {
    id: String,
    title: String,
    version: CvssVersion,
    verified: bool,
    note: Option<String>,
    metrics: Vec<MetricQuestions>,
    questions: Vec<Question>,
}

/// One recorded answer: which question, which answer, who gave it and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RubricAnswer {
    /// The question's id.
    pub question: String,
    /// The chosen answer's id.
    pub answer: String,
    /// Who answered.
    pub by: String,
    /// When.
    pub at: OffsetDateTime,
    /// Why, or the evidence, if given.
    pub note: Option<String>,
}

/// One step of a derivation: a question on a metric's path and the answer that was used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The metric.
    pub metric: &'static str,
    /// The question's id.
    pub question: String,
    /// The answer's id.
    pub answer: String,
    /// The value this answer gave, or `None` when it led to another question.
    pub value: Option<&'static str>,
}

/// The vector derived from a set of answers, and how.
#[derive(Debug, Clone, PartialEq)]
pub struct Derivation {
    /// The CVSS 3.x base vector.
    pub vector: Cvss,
    /// The questions and answers used, metric by metric in vector order.
    pub steps: Vec<Step>,
    /// Answered questions that no path used (answers made moot by an earlier answer).
    pub unused: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRubric {
    rubric: RawHeader,
    metric: Vec<RawMetric>,
    question: Vec<RawQuestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    id: String,
    title: String,
    cvss: String,
    verified: bool,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMetric {
    metric: String,
    start: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: String,
    metric: String,
    #[serde(default)]
    code: Option<String>,
    text: Text,
    #[serde(default)]
    guidance: Option<Text>,
    answer: Vec<RawAnswer>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnswer {
    id: String,
    text: Text,
    #[serde(default)]
    value: Option<String>,
    #[serde(default)]
    next: Option<String>,
}

fn invalid(reason: String) -> JudgeError {
    JudgeError::InvalidRubric { reason }
}

fn metric_values(metric: &str) -> Option<(&'static str, &'static [&'static str])> {
    METRICS.iter().copied().find(|(m, _)| *m == metric)
}

impl Rubric {
    /// The embedded default table, reconstructed from MITRE's 2020 rubric (unverified: see the file).
    pub fn mitre_2020() -> Self {
        Self::from_toml(MITRE_2020).expect("the embedded rubric table is valid (tested)")
    }

    /// The embedded default table's TOML text, for users who want to start a corrected copy from it.
    pub fn mitre_2020_toml() -> &'static str {
        MITRE_2020
    }

    /// Reads and validates a rubric table.
    pub fn from_toml(text: &str) -> Result<Self, JudgeError> {
        let raw: RawRubric = toml::from_str(text).map_err(|e| toml_error("rubric", &e))?;
        let version = match raw.rubric.cvss.as_str() {
            "3.0" => CvssVersion::V3_0,
            "3.1" => CvssVersion::V3_1,
            other => {
                return Err(invalid(format!(
                    "cvss version `{other}` (expected \"3.0\" or \"3.1\")"
                )));
            }
        };
        if raw.rubric.id.trim().is_empty() {
            return Err(invalid("empty rubric id".into()));
        }
        if raw.question.len() > MAX_QUESTIONS {
            return Err(invalid(format!(
                "{} questions (at most {MAX_QUESTIONS})",
                raw.question.len()
            )));
        }
        let mut index: HashMap<&str, usize> = HashMap::new();
        for (i, q) in raw.question.iter().enumerate() {
            if q.id.is_empty() {
                return Err(invalid(format!("question {} has an empty id", i + 1)));
            }
            if index.insert(q.id.as_str(), i).is_some() {
                return Err(invalid(format!("duplicate question `{}`", q.id)));
            }
        }
        let mut questions = Vec::with_capacity(raw.question.len());
        for q in &raw.question {
            let (metric, allowed) = metric_values(&q.metric).ok_or_else(|| {
                invalid(format!(
                    "question `{}` names unknown metric `{}`",
                    q.id, q.metric
                ))
            })?;
            if q.answer.is_empty() {
                return Err(invalid(format!("question `{}` has no answers", q.id)));
            }
            let mut answers: Vec<AnswerOption> = Vec::with_capacity(q.answer.len());
            for a in &q.answer {
                if a.id.is_empty() {
                    return Err(invalid(format!(
                        "question `{}` has an answer with an empty id",
                        q.id
                    )));
                }
                if answers.iter().any(|b| b.id == a.id) {
                    return Err(invalid(format!(
                        "question `{}` has answer `{}` twice",
                        q.id, a.id
                    )));
                }
                let outcome = match (&a.value, &a.next) {
                    (Some(v), None) => {
                        let v = allowed.iter().copied().find(|x| *x == v).ok_or_else(|| {
                            invalid(format!(
                                "answer `{}` of question `{}` gives `{v}`, not a value of {metric} (expected one of {})",
                                a.id,
                                q.id,
                                allowed.join(", ")
                            ))
                        })?;
                        Outcome::Value(v)
                    }
                    (None, Some(n)) => {
                        let &j = index.get(n.as_str()).ok_or_else(|| {
                            invalid(format!(
                                "answer `{}` of question `{}` leads to unknown question `{n}`",
                                a.id, q.id
                            ))
                        })?;
                        if raw.question[j].metric != q.metric {
                            return Err(invalid(format!(
                                "answer `{}` of question `{}` ({metric}) leads to question `{n}` of another metric",
                                a.id, q.id
                            )));
                        }
                        Outcome::Next(j)
                    }
                    _ => {
                        return Err(invalid(format!(
                            "answer `{}` of question `{}` must have exactly one of `value` and `next`",
                            a.id, q.id
                        )));
                    }
                };
                answers.push(AnswerOption {
                    id: a.id.clone(),
                    text: a.text.clone(),
                    outcome,
                });
            }
            questions.push(Question {
                id: q.id.clone(),
                metric,
                code: q.code.clone(),
                text: q.text.clone(),
                guidance: q.guidance.clone(),
                answers,
            });
        }
        let mut metrics = Vec::with_capacity(METRICS.len());
        for (name, _) in METRICS {
            let mut found = raw.metric.iter().filter(|m| m.metric == name);
            let m = found
                .next()
                .ok_or_else(|| invalid(format!("no entry for metric {name}")))?;
            if found.next().is_some() {
                return Err(invalid(format!("metric {name} is listed twice")));
            }
            if m.start.is_empty() {
                return Err(invalid(format!("metric {name} has no start question")));
            }
            let mut start = Vec::with_capacity(m.start.len());
            for s in &m.start {
                let &j = index.get(s.as_str()).ok_or_else(|| {
                    invalid(format!("metric {name} starts at unknown question `{s}`"))
                })?;
                if questions[j].metric != name {
                    return Err(invalid(format!(
                        "metric {name} starts at question `{s}` of metric {}",
                        questions[j].metric
                    )));
                }
                if start.contains(&j) {
                    return Err(invalid(format!("metric {name} starts at `{s}` twice")));
                }
                start.push(j);
            }
            metrics.push(MetricQuestions {
                metric: name,
                start,
            });
        }
        if let Some(m) = raw
            .metric
            .iter()
            .find(|m| metric_values(&m.metric).is_none())
        {
            return Err(invalid(format!("unknown metric `{}`", m.metric)));
        }
        check_graph(&questions, &metrics)?;
        Ok(Self {
            id: raw.rubric.id,
            title: raw.rubric.title,
            version,
            verified: raw.rubric.verified,
            note: raw.rubric.note,
            metrics,
            questions,
        })
    }

    /// The table's id (e.g. `mitre-2020`).
    pub fn id(&self) -> &str {
        &self.id
    }
    /// The table's title.
    pub fn title(&self) -> &str {
        &self.title
    }
    /// The CVSS version of the derived vectors (3.0 or 3.1).
    pub fn cvss_version(&self) -> CvssVersion {
        self.version
    }
    /// Whether the table's author has checked it against the rubric's text.
    pub fn verified(&self) -> bool {
        self.verified
    }
    /// The table's note (provenance, caveats).
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }
    /// All questions, in table order.
    pub fn questions(&self) -> &[Question] {
        &self.questions
    }
    /// The metrics' entry questions, in vector order.
    pub fn metrics(&self) -> &[MetricQuestions] {
        &self.metrics
    }
    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// Checks each answer against the table; later answers to the same question replace earlier ones.
    fn index_answers<'a>(
        &self,
        answers: &'a [RubricAnswer],
    ) -> Result<HashMap<usize, (usize, &'a RubricAnswer)>, JudgeError> {
        let mut by_question = HashMap::new();
        for a in answers {
            let (qi, q) = self
                .questions
                .iter()
                .enumerate()
                .find(|(_, q)| q.id == a.question)
                .ok_or_else(|| JudgeError::UnknownQuestion {
                    question: a.question.clone(),
                })?;
            let ai = q
                .answers
                .iter()
                .position(|o| o.id == a.answer)
                .ok_or_else(|| JudgeError::UnknownAnswer {
                    question: q.id.clone(),
                    answer: a.answer.clone(),
                    expected: q
                        .answers
                        .iter()
                        .map(|o| o.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                })?;
            by_question.insert(qi, (ai, a));
        }
        Ok(by_question)
    }

    /// The questions still to be answered before [`Rubric::derive`] can succeed: on each path, the
    /// first question without an answer. Empty when the answers are complete.
    pub fn pending(&self, answers: &[RubricAnswer]) -> Result<Vec<&Question>, JudgeError> {
        let given = self.index_answers(answers)?;
        let mut out: Vec<&Question> = Vec::new();
        for m in &self.metrics {
            for &s in &m.start {
                let mut q = s;
                // Acyclic (checked when loading), so a path has at most one step per question.
                for _ in 0..=self.questions.len() {
                    match given.get(&q) {
                        None => {
                            if !out.iter().any(|x| x.id == self.questions[q].id) {
                                out.push(&self.questions[q]);
                            }
                            break;
                        }
                        Some(&(ai, _)) => match self.questions[q].answers[ai].outcome {
                            Outcome::Value(_) => break,
                            Outcome::Next(n) => q = n,
                        },
                    }
                }
            }
        }
        Ok(out)
    }

    /// Derives the base vector from the answers. Errors name an unknown question or answer, or the
    /// first unanswered question on a path.
    pub fn derive(&self, answers: &[RubricAnswer]) -> Result<Derivation, JudgeError> {
        let given = self.index_answers(answers)?;
        let mut steps = Vec::new();
        let mut used = vec![false; self.questions.len()];
        let mut vector = format!("CVSS:{}", self.version.as_str());
        for m in &self.metrics {
            let (_, order) = metric_values(m.metric).expect("metrics come from METRICS");
            let mut best: Option<usize> = None;
            for &s in &m.start {
                let mut q = s;
                let mut value = None;
                for _ in 0..=self.questions.len() {
                    let Some(&(ai, a)) = given.get(&q) else {
                        return Err(JudgeError::Unanswered {
                            metric: m.metric.to_owned(),
                            question: self.questions[q].id.clone(),
                        });
                    };
                    used[q] = true;
                    let outcome = self.questions[q].answers[ai].outcome;
                    steps.push(Step {
                        metric: m.metric,
                        question: self.questions[q].id.clone(),
                        answer: a.answer.clone(),
                        value: match outcome {
                            Outcome::Value(v) => Some(v),
                            Outcome::Next(_) => None,
                        },
                    });
                    match outcome {
                        Outcome::Value(v) => {
                            value = Some(v);
                            break;
                        }
                        Outcome::Next(n) => q = n,
                    }
                }
                let v = value.expect("acyclic graph ends every path in a value");
                let rank = order.iter().position(|x| *x == v).expect("validated value");
                best = Some(best.map_or(rank, |b| b.min(rank)));
            }
            let v = order[best.expect("every metric has a start question")];
            vector.push('/');
            vector.push_str(m.metric);
            vector.push(':');
            vector.push_str(v);
        }
        let mut unused: Vec<String> = given
            .keys()
            .filter(|&&q| !used[q])
            .map(|&q| self.questions[q].id.clone())
            .collect();
        unused.sort();
        Ok(Derivation {
            vector: Cvss::parse(&vector)?,
            steps,
            unused,
        })
    }
}

/// Rejects cycles and questions no path reaches, so every complete set of answers gives a value.
fn check_graph(questions: &[Question], metrics: &[MetricQuestions]) -> Result<(), JudgeError> {
    // Kahn's algorithm: what is left after removing every question without incoming edges is on a cycle.
    let mut incoming = vec![0usize; questions.len()];
    for q in questions {
        for a in &q.answers {
            if let Outcome::Next(n) = a.outcome {
                incoming[n] += 1;
            }
        }
    }
    let mut ready: Vec<usize> = (0..questions.len()).filter(|&i| incoming[i] == 0).collect();
    let mut removed = 0;
    while let Some(i) = ready.pop() {
        removed += 1;
        for a in &questions[i].answers {
            if let Outcome::Next(n) = a.outcome {
                incoming[n] -= 1;
                if incoming[n] == 0 {
                    ready.push(n);
                }
            }
        }
    }
    if removed < questions.len() {
        let on_cycle = (0..questions.len())
            .find(|&i| incoming[i] > 0)
            .expect("some question keeps an incoming edge");
        return Err(invalid(format!(
            "question `{}` is on a cycle",
            questions[on_cycle].id
        )));
    }
    let mut reached = vec![false; questions.len()];
    let mut stack: Vec<usize> = metrics.iter().flat_map(|m| m.start.clone()).collect();
    while let Some(i) = stack.pop() {
        if std::mem::replace(&mut reached[i], true) {
            continue;
        }
        for a in &questions[i].answers {
            if let Outcome::Next(n) = a.outcome {
                stack.push(n);
            }
        }
    }
    if let Some(i) = reached.iter().position(|r| !r) {
        return Err(invalid(format!(
            "question `{}` is never asked (no start or answer leads to it)",
            questions[i].id
        )));
    }
    Ok(())
}
