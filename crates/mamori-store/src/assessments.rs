//! The rest of a finding's analysis: assignee, comments, patient-safety assessment, MITRE rubric answers, and each release's environmental CVSS profile.
//!
//! The rules (what a rubric answer derives, how an environmental profile
//! re-scores a vector) are `mamori-judge`'s and `mamori-cvss`'s; this module keeps
//! who said what and when, each change an audit event.

use mamori_cvss::Cvss;
use mamori_judge::analysis::SafetyRisk;
use mamori_judge::rubric::{Rubric, RubricAnswer};
use serde_json::{Value, json};
use sqlx::Row;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::audit::{Event, Subject};
use crate::{Store, StoreError, fmt_time};

/// A comment on a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommentRow {
    /// Id.
    pub id: i64,
    /// Who wrote it.
    pub author: String,
    /// The text.
    pub body: String,
    /// When (RFC 3339).
    pub created_at: String,
}

/// Longest comment accepted, in characters.
pub const MAX_COMMENT_CHARS: usize = 20_000;

impl Store {
    /// Sets (or, with `None`, clears) who works on a finding.
    pub async fn set_assignee(
        &self,
        finding_id: i64,
        assignee: Option<&str>,
        who: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        self.finding(finding_id).await?;
        let assignee = assignee.map(str::trim).filter(|a| !a.is_empty());
        let mut tx = self.pool.begin().await?;
        upsert_row(&mut tx, finding_id, now).await?;
        sqlx::query(
            "UPDATE finding_assessments SET assignee = $1, updated_at = $2 WHERE finding_id = $3",
        )
        .bind(assignee)
        .bind(fmt_time(now))
        .bind(finding_id)
        .execute(&mut *tx)
        .await?;
        let event = Event::new(now, who, "finding.assign", finding_subject(finding_id)?)?
            .evidence(&json!({"set": {"assignee": assignee}}));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Adds a comment to a finding's discussion.
    pub async fn add_comment(
        &self,
        finding_id: i64,
        body: &str,
        who: &str,
        now: OffsetDateTime,
    ) -> Result<CommentRow, StoreError> {
        self.finding(finding_id).await?;
        let body = body.trim();
        if body.is_empty() {
            return Err(StoreError::Invalid("the comment is empty".into()));
        }
        if body.chars().count() > MAX_COMMENT_CHARS {
            return Err(StoreError::Invalid(format!(
                "the comment is longer than {MAX_COMMENT_CHARS} characters"
            )));
        }
        let mut tx = self.pool.begin().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO finding_comments (finding_id, author, body, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(finding_id)
        .bind(who)
        .bind(body)
        .bind(fmt_time(now))
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        let event = Event::new(now, who, "finding.comment", finding_subject(finding_id)?)?
            .evidence(&json!({"comment": id, "body": body}));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        Ok(CommentRow {
            id,
            author: who.to_owned(),
            body: body.to_owned(),
            created_at: fmt_time(now),
        })
    }

    /// Records a patient-safety assessment: controlled or uncontrolled, the hazard, and
    /// the compensating controls.
    pub async fn set_safety(
        &self,
        finding_id: i64,
        risk: SafetyRisk,
        hazard: &str,
        controls: &[String],
        who: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        self.finding(finding_id).await?;
        if hazard.trim().is_empty() {
            return Err(StoreError::Invalid(
                "a safety assessment names the hazard and the harm it could lead to".into(),
            ));
        }
        let controls: Vec<&str> = controls
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect();
        let mut tx = self.pool.begin().await?;
        upsert_row(&mut tx, finding_id, now).await?;
        sqlx::query(
            "UPDATE finding_assessments SET safety_risk = $1, safety_hazard = $2, safety_controls = $3, safety_by = $4, safety_at = $5, updated_at = $5 WHERE finding_id = $6",
        )
        .bind(risk.as_str())
        .bind(hazard.trim())
        .bind(json!(controls).to_string())
        .bind(who)
        .bind(fmt_time(now))
        .bind(finding_id)
        .execute(&mut *tx)
        .await?;
        let event = Event::new(now, who, "finding.safety", finding_subject(finding_id)?)?.evidence(
            &json!({"set": {"risk": risk.as_str(), "hazard": hazard.trim(), "controls": controls}}),
        );
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records answers to the MITRE medical-device rubric (each with who gave it and
    /// when; a new answer to a question replaces the old) and keeps the vector the
    /// answers derive once they are complete. Returns the stored answers and the vector.
    pub async fn answer_rubric(
        &self,
        finding_id: i64,
        answers: &[(String, String)],
        who: &str,
        now: OffsetDateTime,
    ) -> Result<(Vec<RubricAnswer>, Option<Cvss>), StoreError> {
        self.finding(finding_id).await?;
        let rubric = Rubric::mitre_2020();
        for (q, a) in answers {
            let question = rubric
                .question(q)
                .ok_or_else(|| StoreError::Invalid(format!("the rubric has no question {q:?}")))?;
            if !question.answers().iter().any(|o| o.id() == a) {
                return Err(StoreError::Invalid(format!(
                    "question {q:?} has no answer {a:?}: use {}",
                    question
                        .answers()
                        .iter()
                        .map(|o| o.id())
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
        }
        let mut all = self.rubric_answers(finding_id).await?;
        for (q, a) in answers {
            all.retain(|x| &x.question != q);
            all.push(RubricAnswer {
                question: q.clone(),
                answer: a.clone(),
                by: who.to_owned(),
                at: now,
                note: None,
            });
        }
        let vector = if rubric.pending(&all).map(|p| p.is_empty()).unwrap_or(false) {
            rubric.derive(&all).ok().map(|d| d.vector)
        } else {
            None
        };
        let stored: Vec<Value> = all
            .iter()
            .map(|a| json!({"question": a.question, "answer": a.answer, "by": a.by, "at": fmt_time(a.at)}))
            .collect();
        let mut tx = self.pool.begin().await?;
        upsert_row(&mut tx, finding_id, now).await?;
        sqlx::query("UPDATE finding_assessments SET rubric_answers = $1, rubric_vector = $2, updated_at = $3 WHERE finding_id = $4")
            .bind(Value::Array(stored).to_string())
            .bind(vector.map(|v| v.to_string()))
            .bind(fmt_time(now))
            .bind(finding_id)
            .execute(&mut *tx)
            .await?;
        let event = Event::new(now, who, "finding.rubric", finding_subject(finding_id)?)?
            .evidence(&json!({
                "answers": answers.iter().map(|(q, a)| json!({"question": q, "answer": a})).collect::<Vec<_>>(),
                "vector": vector.map(|v| v.to_string()),
            }));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        Ok((all, vector))
    }

    async fn rubric_answers(&self, finding_id: i64) -> Result<Vec<RubricAnswer>, StoreError> {
        let row =
            sqlx::query("SELECT rubric_answers FROM finding_assessments WHERE finding_id = $1")
                .bind(finding_id)
                .fetch_optional(&self.pool)
                .await?;
        let text: Option<String> = match row {
            Some(r) => r.try_get(0)?,
            None => None,
        };
        let Some(text) = text else {
            return Ok(Vec::new());
        };
        let v: Value = serde_json::from_str(&text).map_err(|e| StoreError::Corrupt {
            id: finding_id,
            reason: e.to_string(),
        })?;
        Ok(v.as_array()
            .into_iter()
            .flatten()
            .filter_map(|a| {
                Some(RubricAnswer {
                    question: a["question"].as_str()?.to_owned(),
                    answer: a["answer"].as_str()?.to_owned(),
                    by: a["by"].as_str()?.to_owned(),
                    at: OffsetDateTime::parse(a["at"].as_str()?, &Rfc3339).ok()?,
                    note: None,
                })
            })
            .collect())
    }

    /// Sets a release's environmental CVSS profile: metric pairs as in a vector
    /// (`CR:H/IR:H/AR:H/MAV:A`), applied to every finding's vector of that release.
    pub async fn set_release_environment(
        &self,
        release_id: i64,
        metrics: &str,
        who: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let metrics = metrics.trim().trim_matches('/');
        check_environment(metrics)?;
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM release_environments WHERE release_id = $1")
            .bind(release_id)
            .execute(&mut *tx)
            .await?;
        if !metrics.is_empty() {
            sqlx::query("INSERT INTO release_environments (release_id, metrics, set_by, set_at) VALUES ($1, $2, $3, $4)")
                .bind(release_id)
                .bind(metrics)
                .bind(who)
                .bind(fmt_time(now))
                .execute(&mut *tx)
                .await?;
        }
        let event = Event::new(
            now,
            who,
            "release.environment",
            Subject::release(release_id),
        )?
        .evidence(&json!({"set": {"environment": metrics}}));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Everything of a finding's analysis beyond its state, as the API shows it:
    /// assignee, comments, safety, rubric (answers and derived vector with its score),
    /// and the finding's vector re-scored with its release's environmental profile.
    pub async fn assessment(&self, finding_id: i64) -> Result<Value, StoreError> {
        let finding = self.finding(finding_id).await?;
        let row = sqlx::query(
            "SELECT assignee, safety_risk, safety_hazard, safety_controls, safety_by, safety_at, rubric_vector FROM finding_assessments WHERE finding_id = $1",
        )
        .bind(finding_id)
        .fetch_optional(&self.pool)
        .await?;
        let comments: Vec<Value> = sqlx::query("SELECT id, author, body, created_at FROM finding_comments WHERE finding_id = $1 ORDER BY id")
            .bind(finding_id)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| {
                Ok(json!({"id": r.try_get::<i64, _>(0)?, "author": r.try_get::<String, _>(1)?, "body": r.try_get::<String, _>(2)?, "at": r.try_get::<String, _>(3)?}))
            })
            .collect::<Result<_, StoreError>>()?;
        let answers = self.rubric_answers(finding_id).await?;
        let (assignee, safety, rubric_vector) = match &row {
            Some(r) => {
                let risk: Option<String> = r.try_get(1)?;
                let controls: Option<String> = r.try_get(3)?;
                let safety = match risk {
                    Some(risk) => json!({
                        "risk": risk,
                        "hazard": r.try_get::<Option<String>, _>(2)?,
                        "controls": controls.and_then(|c| serde_json::from_str::<Value>(&c).ok()).unwrap_or(json!([])),
                        "by": r.try_get::<Option<String>, _>(4)?,
                        "at": r.try_get::<Option<String>, _>(5)?,
                    }),
                    None => Value::Null,
                };
                (
                    r.try_get::<Option<String>, _>(0)?,
                    safety,
                    r.try_get::<Option<String>, _>(6)?,
                )
            }
            None => (None, Value::Null, None),
        };
        let scored = |v: &str| {
            Cvss::parse(v).ok().map(|c| json!({"vector": c.to_string(), "score": c.score(), "severity": c.severity().to_string().to_lowercase()}))
        };
        let release_id: i64 = sqlx::query("SELECT release_id FROM findings WHERE id = $1")
            .bind(finding_id)
            .fetch_one(&self.pool)
            .await?
            .try_get(0)?;
        let env = sqlx::query(
            "SELECT metrics, set_by, set_at FROM release_environments WHERE release_id = $1",
        )
        .bind(release_id)
        .fetch_optional(&self.pool)
        .await?;
        let environmental = match (env, finding.detail["severity"]["vector"].as_str()) {
            (Some(e), Some(base)) => {
                let metrics: String = e.try_get(0)?;
                let rescored = Cvss::parse(base)
                    .ok()
                    .and_then(|b| apply_environment(&b, &metrics).ok());
                json!({
                    "metrics": metrics,
                    "set_by": e.try_get::<String, _>(1)?,
                    "set_at": e.try_get::<String, _>(2)?,
                    "rescored": rescored.map(|c| json!({"vector": c.to_string(), "score": c.score(), "severity": c.severity().to_string().to_lowercase()})),
                })
            }
            (Some(e), None) => json!({"metrics": e.try_get::<String, _>(0)?, "rescored": null}),
            (None, _) => Value::Null,
        };
        Ok(json!({
            "assignee": assignee,
            "comments": comments,
            "safety": safety,
            "rubric": {
                "answers": answers.iter().map(|a| json!({"question": a.question, "answer": a.answer, "by": a.by, "at": fmt_time(a.at)})).collect::<Vec<_>>(),
                "derived": rubric_vector.as_deref().and_then(scored),
            },
            "environmental": environmental,
        }))
    }
}

fn finding_subject(id: i64) -> Result<Subject, StoreError> {
    Subject::new("finding", &id.to_string())
}

async fn upsert_row(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    finding_id: i64,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO finding_assessments (finding_id, updated_at) VALUES ($1, $2) ON CONFLICT (finding_id) DO NOTHING")
        .bind(finding_id)
        .bind(fmt_time(now))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Applies `M:V/M:V` pairs to a vector.
fn apply_environment(base: &Cvss, metrics: &str) -> Result<Cvss, StoreError> {
    let mut v = *base;
    for pair in metrics.split('/').filter(|p| !p.is_empty()) {
        let (m, val) = pair
            .split_once(':')
            .ok_or_else(|| StoreError::Invalid(format!("{pair:?} is not METRIC:VALUE")))?;
        v = v
            .with_metric(m, val)
            .map_err(|e| StoreError::Invalid(format!("{pair}: {e}")))?;
    }
    Ok(v)
}

/// A profile is valid when it applies to a CVSS 3.1 or a 4.0 vector.
fn check_environment(metrics: &str) -> Result<(), StoreError> {
    if metrics.is_empty() {
        return Ok(());
    }
    let v31 = Cvss::parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
        .map_err(|e| StoreError::Invalid(e.to_string()))?;
    let v40 = Cvss::parse("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")
        .map_err(|e| StoreError::Invalid(e.to_string()))?;
    match (
        apply_environment(&v31, metrics),
        apply_environment(&v40, metrics),
    ) {
        (Ok(_), _) | (_, Ok(_)) => Ok(()),
        (Err(e), _) => Err(e),
    }
}
