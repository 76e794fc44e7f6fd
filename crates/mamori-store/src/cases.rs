//! Regulatory cases: findings grouped with the facts the reporting rules look at, and each jurisdiction's decision.

use mamori_judge::analysis::SafetyRisk;
use mamori_judge::clocks::{CaseFacts, Due, Harm, RegulatoryRules};
use serde_json::{Value, json};
use sqlx::Row;
use time::{Date, OffsetDateTime};

use crate::audit::{Event, Subject, action};
use crate::{Store, StoreError, fmt_time};

/// The facts of a new case (values checked by the caller against the judge's vocabulary).
#[derive(Clone, Debug)]
pub struct NewCase {
    /// Title.
    pub title: String,
    /// The findings it groups (at least one).
    pub findings: Vec<i64>,
    /// When the maker became aware.
    pub awareness: Date,
    /// `none`, `non_serious`, `serious`, `death`.
    pub harm: String,
    /// Whether the harm occurred (false: it could occur).
    pub harm_occurred: bool,
    /// Expected from the labelling (既知).
    pub expected: bool,
    /// Unanticipated serious deterioration in health (MDR).
    pub unanticipated: bool,
    /// Serious public health threat (MDR).
    pub public_health_threat: bool,
    /// `controlled` or `uncontrolled`, once assessed.
    pub safety: Option<String>,
    /// When a correction or removal was initiated.
    pub correction_initiated: Option<Date>,
}

/// A stored case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseRow {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Awareness date.
    pub awareness: Date,
    /// Harm.
    pub harm: String,
    /// Harm occurred.
    pub harm_occurred: bool,
    /// Expected.
    pub expected: bool,
    /// Unanticipated serious deterioration.
    pub unanticipated: bool,
    /// Public health threat.
    pub public_health_threat: bool,
    /// Safety assessment.
    pub safety: Option<String>,
    /// Correction or removal initiated.
    pub correction_initiated: Option<Date>,
    /// `open` or `closed`.
    pub status: String,
    /// Who opened it.
    pub created_by: String,
    /// When.
    pub created_at: String,
    /// Its findings.
    pub findings: Vec<i64>,
    /// Decisions, oldest first.
    pub decisions: Vec<Decision>,
    /// Coordination facts (source, embargo, JVN / VU numbers, agreed publication).
    pub coordination: crate::reports::Coordination,
    /// Contact history, oldest first.
    pub contacts: Vec<crate::reports::Contact>,
}

/// A decision on one reporting obligation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// Jurisdiction (`jp`, `us`, `eu`).
    pub jurisdiction: String,
    /// Obligation (a rule table's obligation name).
    pub obligation: String,
    /// Whether a report is required.
    pub report_required: bool,
    /// Why.
    pub reason: String,
    /// Who decided.
    pub decided_by: String,
    /// When.
    pub decided_at: String,
}

fn flag(b: bool) -> i64 {
    i64::from(b)
}

impl Store {
    /// Opens a case over existing findings, with its audit event.
    pub async fn open_case(
        &self,
        case: &NewCase,
        who: &str,
        now: OffsetDateTime,
    ) -> Result<CaseRow, StoreError> {
        if case.title.trim().is_empty() {
            return Err(StoreError::Invalid("a case needs a title".into()));
        }
        if case.findings.is_empty() {
            return Err(StoreError::Invalid(
                "a case groups at least one finding".into(),
            ));
        }
        for id in &case.findings {
            self.finding(*id).await?;
        }
        let mut tx = self.pool.begin().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO cases (title, awareness, harm, harm_occurred, expected, unanticipated, public_health_threat, \
             safety, correction_initiated, status, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open', $10, $11) RETURNING id",
        )
        .bind(case.title.clone())
        .bind(case.awareness.to_string())
        .bind(case.harm.clone())
        .bind(flag(case.harm_occurred))
        .bind(flag(case.expected))
        .bind(flag(case.unanticipated))
        .bind(flag(case.public_health_threat))
        .bind(case.safety.clone())
        .bind(case.correction_initiated.map(|d| d.to_string()))
        .bind(who)
        .bind(fmt_time(now))
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        let mut findings = case.findings.clone();
        findings.sort_unstable();
        findings.dedup();
        for f in &findings {
            sqlx::query("INSERT INTO case_findings (case_id, finding_id) VALUES ($1, $2)")
                .bind(id)
                .bind(*f)
                .execute(&mut *tx)
                .await?;
        }
        let event = Event::new(
            now,
            who,
            action::CASE_OPEN,
            Subject::new("case", &id.to_string())?,
        )?
        .evidence(&json!({
            "set": {
                "status": "open",
                "title": case.title,
                "awareness": case.awareness.to_string(),
                "harm": case.harm,
                "harm_occurred": case.harm_occurred,
                "expected": case.expected,
                "unanticipated": case.unanticipated,
                "public_health_threat": case.public_health_threat,
                "safety": case.safety,
                "correction_initiated": case.correction_initiated.map(|d| d.to_string()),
            },
            "findings": findings,
        }));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        self.case(id).await
    }

    /// Records a decision on one obligation of a case, with its audit event.
    #[allow(clippy::too_many_arguments)]
    pub async fn decide_case(
        &self,
        id: i64,
        jurisdiction: &str,
        obligation: &str,
        report_required: bool,
        reason: &str,
        who: &str,
        now: OffsetDateTime,
    ) -> Result<CaseRow, StoreError> {
        if reason.trim().is_empty() {
            return Err(StoreError::Invalid("a decision needs its reason".into()));
        }
        self.case(id).await?;
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO case_decisions (case_id, jurisdiction, obligation, report_required, reason, decided_by, decided_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(jurisdiction)
        .bind(obligation)
        .bind(flag(report_required))
        .bind(reason)
        .bind(who)
        .bind(fmt_time(now))
        .execute(&mut *tx)
        .await?;
        let event = Event::new(now, who, action::CASE_DECIDE, Subject::new("case", &id.to_string())?)?
            .why(reason)
            .evidence(&json!({
                "set": {format!("{jurisdiction}.{obligation}"): if report_required { "report" } else { "no_report" }},
            }));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        self.case(id).await
    }

    /// One case with its findings and decisions.
    pub async fn case(&self, id: i64) -> Result<CaseRow, StoreError> {
        let r = sqlx::query(
            "SELECT id, title, awareness, harm, harm_occurred, expected, unanticipated, public_health_threat, \
             safety, correction_initiated, status, created_by, created_at FROM cases WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            what: "case",
            name: id.to_string(),
        })?;
        let date = |s: Option<String>, what: &str| -> Result<Option<Date>, StoreError> {
            match s {
                None => Ok(None),
                Some(s) => crate::parse_date(Some(s.clone())).map(Some).ok_or_else(|| {
                    StoreError::Corrupt {
                        id,
                        reason: format!("case {what} {s:?} is not a date"),
                    }
                }),
            }
        };
        let awareness = date(Some(r.try_get(2)?), "awareness")?.unwrap_or(Date::MIN);
        let findings = sqlx::query(
            "SELECT finding_id FROM case_findings WHERE case_id = $1 ORDER BY finding_id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| r.try_get(0))
        .collect::<Result<Vec<i64>, _>>()?;
        let decisions = sqlx::query(
            "SELECT jurisdiction, obligation, report_required, reason, decided_by, decided_at \
             FROM case_decisions WHERE case_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|d| {
            Ok(Decision {
                jurisdiction: d.try_get(0)?,
                obligation: d.try_get(1)?,
                report_required: d.try_get::<i64, _>(2)? == 1,
                reason: d.try_get(3)?,
                decided_by: d.try_get(4)?,
                decided_at: d.try_get(5)?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
        let (coordination, contacts) = self.case_coordination(id).await?;
        Ok(CaseRow {
            id: r.try_get(0)?,
            title: r.try_get(1)?,
            awareness,
            harm: r.try_get(3)?,
            harm_occurred: r.try_get::<i64, _>(4)? == 1,
            expected: r.try_get::<i64, _>(5)? == 1,
            unanticipated: r.try_get::<i64, _>(6)? == 1,
            public_health_threat: r.try_get::<i64, _>(7)? == 1,
            safety: r.try_get(8)?,
            correction_initiated: date(r.try_get(9)?, "correction date")?,
            status: r.try_get(10)?,
            created_by: r.try_get(11)?,
            created_at: r.try_get(12)?,
            findings,
            decisions,
            coordination,
            contacts,
        })
    }

    /// Every case, newest first.
    pub async fn cases(&self) -> Result<Vec<CaseRow>, StoreError> {
        let ids = sqlx::query("SELECT id FROM cases ORDER BY id DESC")
            .fetch_all(&self.pool)
            .await?;
        let mut out = Vec::with_capacity(ids.len());
        for r in ids {
            out.push(self.case(r.try_get(0)?).await?);
        }
        Ok(out)
    }
}

fn facts(c: &CaseRow) -> Result<CaseFacts, StoreError> {
    Ok(CaseFacts {
        awareness: c.awareness,
        correction_initiated: c.correction_initiated,
        harm: Harm::parse(&c.harm).ok_or_else(|| {
            StoreError::Invalid(format!(
                "case {}: stored harm {:?} is unknown",
                c.id, c.harm
            ))
        })?,
        harm_occurred: c.harm_occurred,
        expected: c.expected,
        unanticipated: c.unanticipated,
        public_health_threat: c.public_health_threat,
        risk: c.safety.as_deref().and_then(SafetyRisk::parse),
    })
}

impl CaseRow {
    /// The case as the API and `mamori case` print it: facts, findings, every obligation's
    /// deadline under `rules` (or why there is none) and the latest decision on it.
    pub fn to_json(&self, rules: &RegulatoryRules) -> Result<Value, StoreError> {
        let c = self;
        let deadlines = rules
            .deadlines(&facts(c)?)
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        let obligations: Vec<Value> = deadlines
            .iter()
            .map(|d| {
                let decision = c
                    .decisions
                    .iter()
                    .rev()
                    .find(|x| x.jurisdiction == d.jurisdiction && x.obligation == d.obligation);
                let rule = d.rule.and_then(|i| rules.rules().get(i));
                json!({
                    "jurisdiction": d.jurisdiction,
                    "obligation": d.obligation,
                    "report": rule.map(|r| r.report.clone()),
                    "due": match d.due { Due::On(day) => json!(day.to_string()), _ => Value::Null },
                    "status": match d.due {
                        Due::On(_) => "due".to_owned(),
                        Due::AwaitingAnchor(a) => format!("awaiting {}", a.as_str()),
                        Due::NotRequired => "not_required".to_owned(),
                    },
                    "basis": d.basis,
                    "rule_verified": d.verified,
                    "source": rule.map(|r| r.source.clone()),
                    "decision": decision.map(|x| json!({
                        "report_required": x.report_required,
                        "reason": x.reason,
                        "decided_by": x.decided_by,
                        "decided_at": x.decided_at,
                    })),
                })
            })
            .collect();
        Ok(json!({
            "id": c.id,
            "title": c.title,
            "status": c.status,
            "awareness": c.awareness.to_string(),
            "harm": c.harm,
            "harm_occurred": c.harm_occurred,
            "expected": c.expected,
            "unanticipated": c.unanticipated,
            "public_health_threat": c.public_health_threat,
            "safety": c.safety,
            "correction_initiated": c.correction_initiated.map(|d| d.to_string()),
            "findings": c.findings,
            "coordination": c.coordination.to_json(),
            "contacts": c.contacts.iter().map(|x| json!({
                "id": x.id, "party": x.party, "channel": x.channel, "direction": x.direction,
                "summary": x.summary, "at": x.at, "recorded_by": x.recorded_by,
            })).collect::<Vec<_>>(),
            "obligations": obligations,
            "created_by": c.created_by,
            "created_at": c.created_at,
        }))
    }
}
