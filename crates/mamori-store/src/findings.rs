//! Stored findings: listing and triage, the rules that carry triage over, and the portfolio questions (`where`, `affected`).

use std::collections::BTreeSet;

use mamori_match::{ComponentIdentity, MatchPolicy, Scanner, SearchKey, VulnIndex};
use serde_json::{Value, json};
use sqlx::Row;
use time::OffsetDateTime;

use crate::Detail;
use crate::audit::{Event, Subject, action};
use crate::monitor::rule_component_key;
use crate::vulns::{IN_CHUNK, in_list};
use crate::{Backend, Store, StoreError, fmt_time};

/// Filters of [`Store::findings`]; all that are set must hold.
#[derive(Clone, Debug, Default)]
pub struct FindingFilter {
    /// Product name or id.
    pub product: Option<String>,
    /// Release version (with `product`).
    pub release: Option<String>,
    /// Analysis state (`in_triage`, `not_affected`, …).
    pub state: Option<String>,
    /// Severity level (`critical`, `high`, `medium`, `low`, `none`, `unknown`).
    pub severity: Option<String>,
    /// Only findings whose vulnerability is in the KEV catalog.
    pub kev: bool,
    /// Only findings due on or before this date (ISO 8601).
    pub due_by: Option<String>,
    /// Resolved findings too (no longer matching).
    pub include_resolved: bool,
    /// Text the vulnerability id or the component contains (case-insensitive).
    pub text: Option<String>,
}

/// One page of [`Store::affected_page`].
#[derive(Clone, Debug)]
pub struct AffectedPage {
    /// The id asked for and every id of its alias groups, upper-cased.
    pub ids: Vec<String>,
    /// Every (product, release version) with an open finding of the group.
    pub releases: Vec<(String, String)>,
    /// This page of those findings, in id order.
    pub rows: Vec<FindingRow>,
    /// The finding id to continue after, if there are more.
    pub next: Option<String>,
}

/// One page of [`Store::findings_page`] and where the next begins.
#[derive(Clone, Debug)]
pub struct FindingsPage {
    /// The findings, most severe first, then oldest first.
    pub rows: Vec<FindingRow>,
    /// The cursor of the next page, if there is one.
    pub next: Option<String>,
}

// The order pages walk: one severity at a time, so each step is a range scan on
// (status, severity, id) rather than a sort of every open finding.
const SEVERITY_ORDER: [&str; 6] = ["critical", "high", "medium", "low", "none", "unknown"];

/// Releases per statement of a product's page (each brings up to seven bound values).
const RUNS_CHUNK: usize = 64;

/// A stored finding.
#[derive(Clone, Debug, PartialEq)]
pub struct FindingRow {
    /// Id.
    pub id: i64,
    /// Product name.
    pub product: String,
    /// Release version.
    pub release: String,
    /// `open` or `resolved` (no longer matching).
    pub status: String,
    /// Analysis state.
    pub state: String,
    /// Justification (for `not_affected`).
    pub justification: Option<String>,
    /// Response.
    pub response: Option<String>,
    /// Detail text of the analysis, in English (or the only text recorded).
    pub analysis: Option<String>,
    /// Detail text of the analysis, in Japanese.
    pub analysis_ja: Option<String>,
    /// Who set the state (a person, or `rule N`).
    pub state_by: Option<String>,
    /// The rule that pre-triaged it.
    pub rule_id: Option<i64>,
    /// Priority class from the priority policy (`immediate`, …), for affected vulnerabilities.
    pub priority: Option<String>,
    /// Due date from the priority policy.
    pub due: Option<String>,
    /// First seen.
    pub first_seen: String,
    /// Last changed by matching.
    pub updated_at: String,
    /// When it stopped matching.
    pub resolved_at: Option<String>,
    /// The finding object as `mamori scan` prints it.
    pub detail: Detail,
}

impl FindingRow {
    /// The finding object with `id`, `product`, `release`, the stored triage and status.
    pub fn to_json(&self) -> Value {
        self.clone().into_json()
    }

    /// [`FindingRow::to_json`] of a row no longer needed: a page of findings moves each
    /// stored finding object into the answer instead of copying it.
    pub fn into_json(self) -> Value {
        let columns = self.columns().map(|(name, c)| (name, c.value()));
        let mut v = self.detail.into_value();
        if let Value::Object(m) = &mut v {
            for (name, value) in columns {
                m.insert(name.into(), value);
            }
        }
        v
    }

    /// The row's columns as members of the finding object, in the order they are added.
    fn columns(&self) -> [(&'static str, Column<'_>); COLUMNS] {
        let text = Column::text;
        [
            ("id", Column::Number(Some(self.id))),
            ("product", Column::Text(Some(&self.product))),
            ("release", Column::Text(Some(&self.release))),
            ("state", Column::Text(Some(&self.state))),
            ("justification", text(&self.justification)),
            ("response", text(&self.response)),
            ("detail", text(&self.analysis)),
            ("detail_ja", text(&self.analysis_ja)),
            ("state_by", text(&self.state_by)),
            ("rule", Column::Number(self.rule_id)),
            ("status", Column::Text(Some(&self.status))),
            ("priority", text(&self.priority)),
            ("due", text(&self.due)),
            ("first_seen", Column::Text(Some(&self.first_seen))),
            ("resolved_at", text(&self.resolved_at)),
        ]
    }
}

/// Serialized, a row is its finding object exactly as [`FindingRow::to_json`] gives it, but
/// written without building the tree: the stored members go out as their stored text,
/// those the row's columns replace are written in their place, and the other columns
/// after them. A page of findings sent by the API is written this way, because parsing
/// every stored object into a tree and writing it out again was most of its CPU.
impl serde::Serialize for FindingRow {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let Some(members) = self.detail.members() else {
            return self.to_json().serialize(s);
        };
        let columns = self.columns();
        let mut written = [false; COLUMNS];
        let mut map = s.serialize_map(None)?;
        for (name, value) in &members {
            match columns.iter().position(|(n, _)| n == name) {
                Some(i) => {
                    written[i] = true;
                    map.serialize_entry(name, &columns[i].1)?;
                }
                None => map.serialize_entry(name, value)?,
            }
        }
        for ((name, column), done) in columns.iter().zip(written) {
            if !done {
                map.serialize_entry(name, column)?;
            }
        }
        map.end()
    }
}

/// Columns of a row that [`FindingRow::to_json`] adds to its stored object.
const COLUMNS: usize = 15;

/// One column's value, borrowed from the row.
#[derive(serde::Serialize)]
#[serde(untagged)]
enum Column<'a> {
    Number(Option<i64>),
    Text(Option<&'a str>),
}

impl Column<'_> {
    fn text(t: &Option<String>) -> Column<'_> {
        Column::Text(t.as_deref())
    }

    fn value(&self) -> Value {
        match *self {
            Column::Number(n) => Value::from(n),
            Column::Text(t) => Value::from(t),
        }
    }
}

/// A triage decision for a finding (values already checked by the caller
/// against the analysis vocabulary of `mamori-judge`).
#[derive(Clone, Debug, Default)]
pub struct Triage {
    /// State.
    pub state: String,
    /// Justification.
    pub justification: Option<String>,
    /// Response.
    pub response: Option<String>,
    /// Detail text in English (or the only text given).
    pub detail: Option<String>,
    /// Detail text in Japanese.
    pub detail_ja: Option<String>,
}

/// Why a triage decision does not fit the analysis vocabulary; `field` names the input.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct TriageError {
    /// `state`, `justification` or `response`.
    pub field: &'static str,
    /// What is wrong.
    pub message: String,
}

impl Triage {
    /// A decision checked against the analysis vocabulary of `mamori-judge`: a
    /// justification only for `not_affected`, and there required, as CycloneDX and VEX expect.
    pub fn checked(
        state: &str,
        justification: Option<&str>,
        response: Option<&str>,
        detail: Option<&str>,
    ) -> Result<Triage, TriageError> {
        use mamori_judge::analysis::{Justification, Response, State};
        let err = |field, message: String| TriageError { field, message };
        let state = State::parse(state).ok_or_else(|| {
            err(
                "state",
                format!(
                    "unknown state {state:?}: use {}",
                    State::ALL.map(State::as_str).join(", ")
                ),
            )
        })?;
        let justification = justification
            .filter(|j| !j.trim().is_empty())
            .map(|j| {
                Justification::parse(j).ok_or_else(|| {
                    err(
                        "justification",
                        format!(
                            "unknown justification {j:?}: use {}",
                            Justification::ALL.map(Justification::as_str).join(", ")
                        ),
                    )
                })
            })
            .transpose()?;
        match (state, justification) {
            (State::NotAffected, None) => {
                return Err(err(
                    "justification",
                    "state not_affected needs a justification (why it is not affected)".into(),
                ));
            }
            (s, Some(_)) if s != State::NotAffected => {
                return Err(err(
                    "justification",
                    "a justification applies only to state not_affected".into(),
                ));
            }
            _ => {}
        }
        let response = response
            .filter(|r| !r.trim().is_empty())
            .map(|r| {
                Response::parse(r).ok_or_else(|| {
                    err("response", format!("unknown response {r:?}: use can_not_fix, will_not_fix, update, rollback, workaround_available"))
                })
            })
            .transpose()?;
        Ok(Triage {
            state: state.as_str().to_owned(),
            justification: justification.map(|j| j.as_str().to_owned()),
            response: response.map(|r| r.as_str().to_owned()),
            detail: detail.filter(|d| !d.trim().is_empty()).map(str::to_owned),
            detail_ja: None,
        })
    }

    /// The same decision with its detail text in Japanese as well (blank counts as none).
    #[must_use]
    pub fn with_detail_ja(mut self, text: Option<&str>) -> Triage {
        self.detail_ja = text.filter(|d| !d.trim().is_empty()).map(str::to_owned);
        self
    }
}

/// A new triage rule.
#[derive(Clone, Debug)]
pub struct NewRule {
    /// The product it is limited to (name or id); every product when `None`.
    pub product: Option<String>,
    /// The component: a purl (its version is ignored) or a name.
    pub component: String,
    /// The vulnerability id (any id of the group: CVE, GHSA, JVNDB…).
    pub vulnerability: String,
    /// The analysis it applies.
    pub triage: Triage,
    /// Why (required: the record must say).
    pub reason: String,
    /// When it stops applying.
    pub expires: Option<OffsetDateTime>,
}

/// A stored triage rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleRow {
    /// Id.
    pub id: i64,
    /// Product name, or `None` for every product.
    pub product: Option<String>,
    /// Component key (purl without version, or lower-case name).
    pub component: String,
    /// Vulnerability id (upper-case).
    pub vulnerability: String,
    /// State.
    pub state: String,
    /// Justification.
    pub justification: Option<String>,
    /// Response.
    pub response: Option<String>,
    /// Detail (English, or the only text).
    pub detail: Option<String>,
    /// Detail in Japanese.
    pub detail_ja: Option<String>,
    /// Reason.
    pub reason: String,
    /// Who made it.
    pub created_by: String,
    /// When.
    pub created_at: String,
    /// Expiry.
    pub expires_at: Option<String>,
}

/// A release containing a component (`mamori where`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WhereRow {
    /// Product name.
    pub product: String,
    /// Release version.
    pub release: String,
    /// The SBOM version of the release searched (its latest).
    pub sbom_version: i64,
    /// The component's bom-ref.
    pub bom_ref: String,
    /// Name.
    pub name: String,
    /// Version.
    pub version: Option<String>,
    /// Package URL.
    pub purl: Option<String>,
    /// CPE.
    pub cpe: Option<String>,
}

/// What `mamori where` looks for.
#[derive(Clone, Debug)]
pub enum WhereQuery {
    /// A purl; without a version it matches every version; `range` (a `vers:`
    /// string) limits the versions.
    Purl {
        /// The purl.
        purl: mamori_purl::Purl,
        /// A `vers:` range.
        range: Option<String>,
    },
    /// A CPE: a component matches when this CPE is a superset of or equal to its CPE.
    Cpe(mamori_purl::Cpe),
}

const FINDING_COLUMNS: &str = "f.id, p.name, r.version, f.status, f.state, f.justification, f.response, f.analysis, \
     f.state_by, f.rule_id, f.due, f.first_seen, f.updated_at, f.resolved_at, f.detail, f.priority, f.analysis_ja";

fn finding_row(r: &sqlx::any::AnyRow) -> Result<FindingRow, StoreError> {
    let detail: String = r.try_get(14)?;
    Ok(FindingRow {
        id: r.try_get(0)?,
        product: r.try_get(1)?,
        release: r.try_get(2)?,
        status: r.try_get(3)?,
        state: r.try_get(4)?,
        justification: r.try_get(5)?,
        response: r.try_get(6)?,
        analysis: r.try_get(7)?,
        analysis_ja: r.try_get(16)?,
        state_by: r.try_get(8)?,
        rule_id: r.try_get(9)?,
        due: r.try_get(10)?,
        priority: r.try_get(15)?,
        first_seen: r.try_get(11)?,
        updated_at: r.try_get(12)?,
        resolved_at: r.try_get(13)?,
        detail: Detail::from_stored(detail).map_err(|e| StoreError::Corrupt {
            id: 0,
            reason: format!("finding detail: {e}"),
        })?,
    })
}

/// The `LIKE` pattern of a filter's text (case-insensitive, wildcards taken literally).
fn text_pattern(filter: &FindingFilter) -> Option<String> {
    let t = filter
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())?;
    Some(format!(
        "%{}%",
        t.to_lowercase()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    ))
}

/// SQL being built with its bound values, each `?` of a clause numbered in turn.
struct Clauses {
    sql: String,
    binds: Vec<String>,
}

impl Clauses {
    fn new(sql: String, binds: Vec<String>) -> Clauses {
        Clauses { sql, binds }
    }

    fn push(&mut self, clause: &str, value: String) {
        self.binds.push(value);
        let n = self.binds.len();
        self.sql.push_str(&clause.replace('?', &format!("${n}")));
    }

    /// The filter's conditions on the finding itself: open only (unless resolved are
    /// asked for), state, due date, KEV and text; the release version too when the
    /// query joins releases as `r`.
    fn finding_filter(&mut self, filter: &FindingFilter, release_version: bool) {
        if !filter.include_resolved {
            self.sql.push_str(" AND f.status = 'open'");
        }
        if release_version && let Some(v) = &filter.release {
            self.push(" AND r.version = ?", v.clone());
        }
        if let Some(s) = &filter.state {
            self.push(" AND f.state = ?", s.clone());
        }
        if let Some(d) = &filter.due_by {
            self.push(" AND f.due IS NOT NULL AND f.due <= ?", d.clone());
        }
        if filter.kev {
            self.sql.push_str(" AND f.kev = 1");
        }
        if let Some(like) = text_pattern(filter) {
            self.push(" AND (LOWER(f.vuln_group) LIKE ? ESCAPE '\\'", like.clone());
            self.push(" OR LOWER(f.component) LIKE ? ESCAPE '\\')", like);
        }
    }

    /// Runs it (the SQL is built only from constants and placeholder numbers; every
    /// value is bound).
    fn query(self) -> sqlx::query::Query<'static, sqlx::Any, sqlx::any::AnyArguments> {
        let mut q = sqlx::query(sqlx::AssertSqlSafe(self.sql));
        for b in self.binds {
            q = q.bind(b);
        }
        q
    }
}

impl Store {
    /// Stored findings matching the filter, most severe first.
    pub async fn findings(&self, filter: &FindingFilter) -> Result<Vec<FindingRow>, StoreError> {
        let mut c = Clauses::new(
            format!(
                "SELECT {FINDING_COLUMNS} FROM findings f JOIN releases r ON r.id = f.release_id \
                 JOIN products p ON p.id = r.product_id WHERE 1 = 1"
            ),
            Vec::new(),
        );
        if let Some(p) = &filter.product {
            let product = self.product(p).await?;
            c.push(" AND p.id = CAST(? AS BIGINT)", product.id.to_string());
        }
        if let Some(s) = &filter.severity {
            c.push(" AND f.severity = ?", s.clone());
        }
        c.finding_filter(filter, true);
        c.sql.push_str(
            " ORDER BY CASE f.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 \
             WHEN 'low' THEN 3 WHEN 'none' THEN 4 ELSE 5 END, f.kev DESC, p.name, r.version, f.vuln_group, f.bom_ref",
        );
        c.query()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(finding_row)
            .collect()
    }

    /// A page of at most `limit` findings matching the filter, most severe first, then by
    /// id. `cursor` is the `next` of the previous page (opaque to callers: `rank.id`).
    pub async fn findings_page(
        &self,
        filter: &FindingFilter,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<FindingsPage, StoreError> {
        let limit = limit.clamp(1, 500);
        let (mut rank, mut after) = match cursor {
            None => (0usize, 0i64),
            Some(c) => c
                .split_once('.')
                .and_then(|(r, i)| Some((r.parse::<usize>().ok()?, i.parse::<i64>().ok()?)))
                .filter(|(r, _)| *r < SEVERITY_ORDER.len())
                .ok_or_else(|| {
                    StoreError::Invalid(format!("cursor {c:?} is not one this server gave"))
                })?,
        };
        // A product's page is read release by release: each read is a range scan of
        // (release_id, severity, status, id, …) in id order, merged here. One query with
        // `release_id IN (…)` left the choice of index to the planner, and SQLite 3.50 walked
        // every finding of the severity instead (20–100 ms at a million findings).
        //
        // One connection for the page's statements (up to a few per severity): every
        // borrowing from the pool costs a round trip when the connection goes back. Nothing
        // below borrows another while holding it, which would starve the pool.
        let mut conn = self.pool.acquire().await?;
        let releases: Option<Vec<i64>> = match &filter.product {
            Some(key) => {
                Some(product_release_ids(&mut conn, key, filter.release.as_deref()).await?)
            }
            None => None,
        };
        let mut rows = Vec::new();
        while rank < SEVERITY_ORDER.len() && rows.len() <= limit {
            let severity = SEVERITY_ORDER[rank];
            if filter.severity.as_deref().is_some_and(|s| s != severity) {
                rank += 1;
                after = 0;
                continue;
            }
            let want = limit + 1 - rows.len();
            // Each severity's read asks for what is left of the page rounded up to a power
            // of two, and drops the surplus: a LIMIT that took every value made a new
            // statement text per page, and on PostgreSQL each new text was parsed and
            // planned again (3.5 ms, for a tenth of a loaded server's product pages; issue 8).
            let fetch = want.next_power_of_two().min(limit + 1);
            let mut page = match &releases {
                None => {
                    self.findings_run(&mut conn, filter, severity, after, fetch)
                        .await?
                }
                Some(ids) => {
                    self.findings_runs(&mut conn, filter, severity, after, ids, fetch)
                        .await?
                }
            };
            let full = page.len() >= want;
            page.truncate(want);
            for r in page {
                rows.push((rank, r));
            }
            if !full {
                rank += 1;
                after = 0;
            }
        }
        let next = if rows.len() > limit {
            rows.truncate(limit);
            rows.last().map(|(r, f)| format!("{r}.{}", f.id))
        } else {
            None
        };
        Ok(FindingsPage {
            rows: rows.into_iter().map(|(_, f)| f).collect(),
            next,
        })
    }

    /// At most `want` findings of one severity after id `after` matching the filter's
    /// state, KEV, due date, text and release version (a product's page goes through
    /// [`Store::findings_runs`] instead).
    async fn findings_run(
        &self,
        conn: &mut sqlx::AnyConnection,
        filter: &FindingFilter,
        severity: &str,
        after: i64,
        want: usize,
    ) -> Result<Vec<FindingRow>, StoreError> {
        // CROSS JOIN keeps findings the outer loop, walked in id order through the page
        // index and stopped at the page's end. Given the choice, SQLite 3.50 walked every
        // release's findings of the severity and sorted them (3–9 ms instead of 0.2 at a
        // million findings, for a state filter).
        let mut c = Clauses::new(
            format!(
                "SELECT {FINDING_COLUMNS} FROM findings f CROSS JOIN releases r CROSS JOIN products p \
                 WHERE r.id = f.release_id AND p.id = r.product_id \
                 AND f.severity = $1 AND f.id > CAST($2 AS BIGINT)"
            ),
            vec![severity.to_owned(), after.to_string()],
        );
        c.finding_filter(filter, true);
        c.sql.push_str(&format!(" ORDER BY f.id LIMIT {want}"));
        c.query()
            .fetch_all(conn)
            .await?
            .iter()
            .map(finding_row)
            .collect()
    }

    /// The first `want` findings by id, of one severity after id `after`, among the
    /// findings of `releases` matching the filter's state and KEV flag (both in the index),
    /// due date and text. Each release is its own range scan of the release page index, in
    /// id order and stopped at `want`; they go to the database together, one `UNION ALL`
    /// per chunk of releases, which keeps the first `want` ids and returns only their rows.
    /// (The ids coming back first and their rows asked for after were two round trips per
    /// severity.)
    async fn findings_runs(
        &self,
        conn: &mut sqlx::AnyConnection,
        filter: &FindingFilter,
        severity: &str,
        after: i64,
        releases: &[i64],
        want: usize,
    ) -> Result<Vec<FindingRow>, StoreError> {
        let mut rows = Vec::new();
        for chunk in releases.chunks(RUNS_CHUNK) {
            let mut c = Clauses::new(
                format!(
                    "SELECT {FINDING_COLUMNS} FROM findings f JOIN releases r ON r.id = f.release_id \
                     JOIN products p ON p.id = r.product_id WHERE f.id IN (SELECT id FROM ("
                ),
                Vec::new(),
            );
            for (i, release) in chunk.iter().enumerate() {
                if i > 0 {
                    c.sql.push_str(" UNION ALL ");
                }
                c.sql
                    .push_str("SELECT id FROM (SELECT f.id FROM findings f WHERE 1 = 1");
                c.push(" AND f.release_id = CAST(? AS BIGINT)", release.to_string());
                c.push(" AND f.severity = ?", severity.to_owned());
                c.push(" AND f.id > CAST(? AS BIGINT)", after.to_string());
                // The release ids already carry the version asked for.
                c.finding_filter(filter, false);
                c.sql
                    .push_str(&format!(" ORDER BY f.id LIMIT {want}) AS run{i}"));
            }
            c.sql.push_str(&format!(
                ") AS runs ORDER BY id LIMIT {want}) ORDER BY f.id"
            ));
            for r in c.query().fetch_all(&mut *conn).await? {
                rows.push(finding_row(&r)?);
            }
        }
        if releases.len() > RUNS_CHUNK {
            // Each chunk gave its own first rows.
            rows.sort_by_key(|r| r.id);
            rows.truncate(want);
        }
        Ok(rows)
    }

    /// Open findings counted per (product name, release version), leaving out those in
    /// `closed_states` (analyses that close a finding), for one product or all.
    pub async fn open_finding_counts(
        &self,
        product_id: Option<i64>,
        closed_states: &[&str],
    ) -> Result<Vec<(String, String, i64)>, StoreError> {
        let mut sql = String::from(
            "SELECT p.name, r.version, COUNT(*) FROM findings f JOIN releases r ON r.id = f.release_id \
             JOIN products p ON p.id = r.product_id WHERE f.status = 'open'",
        );
        let mut n = 0;
        if product_id.is_some() {
            n += 1;
            sql.push_str(&format!(" AND r.product_id = ${n}"));
        }
        if !closed_states.is_empty() {
            sql.push_str(&format!(
                " AND f.state NOT IN ({})",
                in_list(n + 1, closed_states.len())
            ));
        }
        sql.push_str(" GROUP BY p.name, r.version");
        // Safe: the SQL is built only from constants and placeholder numbers; values are bound.
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        if let Some(id) = product_id {
            q = q.bind(id);
        }
        for st in closed_states {
            q = q.bind(*st);
        }
        q.fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?)))
            .collect()
    }

    /// One stored finding.
    pub async fn finding(&self, id: i64) -> Result<FindingRow, StoreError> {
        let sql = format!(
            "SELECT {FINDING_COLUMNS} FROM findings f JOIN releases r ON r.id = f.release_id \
             JOIN products p ON p.id = r.product_id WHERE f.id = $1"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::NotFound {
                what: "finding",
                name: id.to_string(),
            })?;
        finding_row(&row)
    }

    /// Records a person's triage of a finding, with its audit event, in one transaction.
    pub async fn set_finding_state(
        &self,
        id: i64,
        triage: &Triage,
        who: &str,
        now: OffsetDateTime,
    ) -> Result<FindingRow, StoreError> {
        let before = self.finding(id).await?;
        let mut tx = self.pool.begin().await?;
        self.set_finding_state_tx(&mut tx, &before, triage, who, now, None)
            .await?;
        tx.commit().await?;
        self.finding(id).await
    }

    /// The update and audit event of [`Store::set_finding_state`] inside the caller's
    /// transaction; `source` (where the decision came from, e.g. a supplier's VEX) goes into
    /// the event's evidence. The update is the transaction's first write, as SQLite wants.
    pub(crate) async fn set_finding_state_tx(
        &self,
        tx: &mut sqlx::Transaction<'_, sqlx::Any>,
        before: &FindingRow,
        triage: &Triage,
        who: &str,
        now: OffsetDateTime,
        source: Option<Value>,
    ) -> Result<(), StoreError> {
        let id = before.id;
        let at = fmt_time(now);
        sqlx::query(
            "UPDATE findings SET state = $1, justification = $2, response = $3, analysis = $4, \
             state_by = $5, state_at = $6, rule_id = NULL, analysis_ja = $8 WHERE id = $7",
        )
        .bind(triage.state.clone())
        .bind(triage.justification.clone())
        .bind(triage.response.clone())
        .bind(triage.detail.clone())
        .bind(who)
        .bind(at.clone())
        .bind(id)
        .bind(triage.detail_ja.clone())
        .execute(&mut **tx)
        .await?;
        let mut evidence = json!({
            "set": {
                "state": triage.state,
                "justification": triage.justification,
                "response": triage.response,
                "detail": triage.detail,
                "detail_ja": triage.detail_ja,
            },
            "previous": {"state": before.state, "justification": before.justification, "response": before.response},
            "product": before.product,
            "release": before.release,
            "vulnerability_id": before.detail["vulnerability_id"],
            "component": before.detail["component"],
        });
        if let (Some(src), Value::Object(m)) = (source, &mut evidence) {
            m.insert("source".into(), src);
        }
        let event = Event::new(
            now,
            who,
            action::FINDING_STATE,
            Subject::new("finding", &id.to_string())?,
        )?
        .why(
            triage
                .detail
                .as_deref()
                .or(triage.detail_ja.as_deref())
                .unwrap_or(""),
        )
        .evidence(&evidence);
        self.append_event_tx(tx, &event).await?;
        Ok(())
    }

    /// Adds a triage rule and applies it to the open findings still in triage
    /// that it covers; returns the rule and how many findings it decided.
    pub async fn add_rule(
        &self,
        rule: &NewRule,
        who: &str,
        now: OffsetDateTime,
    ) -> Result<(RuleRow, u64), StoreError> {
        if rule.reason.trim().is_empty() {
            return Err(StoreError::Invalid(
                "a triage rule needs a reason".to_owned(),
            ));
        }
        let product = match &rule.product {
            Some(p) => Some(self.product(p).await?),
            None => None,
        };
        let component = if rule.component.starts_with("pkg:") {
            let purl = mamori_purl::Purl::parse(&rule.component)
                .map_err(|e| StoreError::Invalid(format!("component {:?}: {e}", rule.component)))?;
            rule_component_key(Some(&purl.to_string()), purl.name())
        } else {
            rule_component_key(None, &rule.component)
        };
        let vuln_key = rule.vulnerability.trim().to_ascii_uppercase();
        if vuln_key.is_empty() {
            return Err(StoreError::Invalid(
                "a triage rule needs a vulnerability id".to_owned(),
            ));
        }
        let at = fmt_time(now);
        let expires = rule.expires.map(fmt_time);
        if expires.as_ref().is_some_and(|e| *e <= at) {
            return Err(StoreError::Invalid(
                "the rule's expiry is already past".to_owned(),
            ));
        }
        let mut tx = self.pool.begin().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO triage_rules (product_id, component, vuln_key, state, justification, response, analysis, \
             reason, created_by, created_at, expires_at, analysis_ja) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        )
        .bind(product.as_ref().map(|p| p.id))
        .bind(component.clone())
        .bind(vuln_key.clone())
        .bind(rule.triage.state.clone())
        .bind(rule.triage.justification.clone())
        .bind(rule.triage.response.clone())
        .bind(rule.triage.detail.clone())
        .bind(rule.reason.clone())
        .bind(who)
        .bind(at.clone())
        .bind(expires.clone())
        .bind(rule.triage.detail_ja.clone())
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        let applied = sqlx::query(
            "UPDATE findings SET state = $1, justification = $2, response = $3, analysis = $4, state_by = $5, \
             state_at = $6, rule_id = $7, analysis_ja = $11 \
             WHERE status = 'open' AND state = 'in_triage' AND component = $8 \
             AND id IN (SELECT finding_id FROM finding_ids WHERE id_key = $9) \
             AND (CAST($10 AS BIGINT) IS NULL OR release_id IN (SELECT id FROM releases WHERE product_id = CAST($10 AS BIGINT)))",
        )
        .bind(rule.triage.state.clone())
        .bind(rule.triage.justification.clone())
        .bind(rule.triage.response.clone())
        .bind(rule.triage.detail.clone())
        .bind(format!("rule {id}"))
        .bind(at.clone())
        .bind(id)
        .bind(component.clone())
        .bind(vuln_key.clone())
        .bind(product.as_ref().map(|p| p.id))
        .bind(rule.triage.detail_ja.clone())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let event = Event::new(
            now,
            who,
            action::RULE_ADD,
            Subject::new("rule", &id.to_string())?,
        )?
        .why(&rule.reason)
        .evidence(&json!({
            "set": {
                "product": product.as_ref().map(|p| p.name.clone()),
                "component": component,
                "vulnerability": vuln_key,
                "state": rule.triage.state,
                "justification": rule.triage.justification,
                "response": rule.triage.response,
                "detail": rule.triage.detail,
                "detail_ja": rule.triage.detail_ja,
                "expires_at": expires,
            },
            "applied_to_open_findings": applied,
        }));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        let row = self
            .rules()
            .await?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or_else(|| StoreError::Invalid(format!("rule {id} was not stored")))?;
        Ok((row, applied))
    }

    /// Every triage rule not revoked, oldest first (expired ones included: they show their expiry).
    pub async fn rules(&self) -> Result<Vec<RuleRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT t.id, p.name, t.component, t.vuln_key, t.state, t.justification, t.response, t.analysis, \
             t.reason, t.created_by, t.created_at, t.expires_at, t.analysis_ja FROM triage_rules t \
             LEFT JOIN products p ON p.id = t.product_id WHERE t.revoked_at IS NULL ORDER BY t.id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(RuleRow {
                    id: r.try_get(0)?,
                    product: r.try_get(1)?,
                    component: r.try_get(2)?,
                    vulnerability: r.try_get(3)?,
                    state: r.try_get(4)?,
                    justification: r.try_get(5)?,
                    response: r.try_get(6)?,
                    detail: r.try_get(7)?,
                    detail_ja: r.try_get(12)?,
                    reason: r.try_get(8)?,
                    created_by: r.try_get(9)?,
                    created_at: r.try_get(10)?,
                    expires_at: r.try_get(11)?,
                })
            })
            .collect()
    }

    /// The releases whose current SBOM contains the component.
    pub async fn where_component(&self, query: &WhereQuery) -> Result<Vec<WhereRow>, StoreError> {
        let probe_id = match query {
            WhereQuery::Purl { purl, .. } => {
                ComponentIdentity::from_purl(&purl.without_version().to_string())
                    .map_err(|e| StoreError::Invalid(e.to_string()))?
            }
            WhereQuery::Cpe(cpe) => ComponentIdentity::from_cpe(&cpe.to_string())
                .map_err(|e| StoreError::Invalid(e.to_string()))?,
        };
        let empty = VulnIndex::new(Vec::new());
        let probe = Scanner::new(
            &empty,
            MatchPolicy {
                cpe_for_language_packages: true,
                match_first_party: true,
            },
        );
        // Only the exact keys (not the wild-card CPE key): the wild card is a
        // record-side notion.
        let keys: BTreeSet<String> = probe
            .search_keys(&probe_id)
            .into_iter()
            .filter(|(_, k)| matches!(k, SearchKey::Package(_) | SearchKey::Cpe { .. }))
            .map(|(_, k)| k.storage_key())
            .collect();
        let mut candidates: Vec<WhereRow> = Vec::new();
        let keys: Vec<String> = keys.into_iter().collect();
        for chunk in keys.chunks(IN_CHUNK) {
            let sql = format!(
                "SELECT DISTINCT p.name, r.version, s.version, c.bom_ref, c.name, c.version, c.purl, c.cpe \
                 FROM component_keys k JOIN components c ON c.id = k.component_id \
                 JOIN sboms s ON s.id = k.sbom_id JOIN releases r ON r.id = k.release_id \
                 JOIN products p ON p.id = r.product_id WHERE k.key IN ({})",
                in_list(1, chunk.len())
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for k in chunk {
                q = q.bind(k.clone());
            }
            for r in q.fetch_all(&self.pool).await? {
                candidates.push(WhereRow {
                    product: r.try_get(0)?,
                    release: r.try_get(1)?,
                    sbom_version: r.try_get(2)?,
                    bom_ref: r.try_get(3)?,
                    name: r.try_get(4)?,
                    version: r.try_get(5)?,
                    purl: r.try_get(6)?,
                    cpe: r.try_get(7)?,
                });
            }
        }
        if let WhereQuery::Purl { purl, .. } = query
            && probe_id.package.is_none()
        {
            // No OSV ecosystem covers this purl type: compare the stored purls by prefix.
            let prefix = purl.without_version().to_string();
            let rows = sqlx::query(
                "SELECT p.name, r.version, s.version, c.bom_ref, c.name, c.version, c.purl, c.cpe \
                 FROM components c JOIN sboms s ON s.id = c.sbom_id JOIN releases r ON r.id = s.release_id \
                 JOIN products p ON p.id = r.product_id \
                 WHERE c.purl LIKE $1 ESCAPE '\\' AND s.version = (SELECT MAX(version) FROM sboms t WHERE t.release_id = s.release_id)",
            )
            .bind(format!("{}%", prefix.replace('%', "\\%").replace('_', "\\_")))
            .fetch_all(&self.pool)
            .await?;
            for r in rows {
                candidates.push(WhereRow {
                    product: r.try_get(0)?,
                    release: r.try_get(1)?,
                    sbom_version: r.try_get(2)?,
                    bom_ref: r.try_get(3)?,
                    name: r.try_get(4)?,
                    version: r.try_get(5)?,
                    purl: r.try_get(6)?,
                    cpe: r.try_get(7)?,
                });
            }
        }
        let mut out: Vec<WhereRow> = candidates
            .into_iter()
            .filter(|c| where_matches(query, c))
            .collect();
        out.sort_by(|a, b| {
            (&a.product, &a.release, &a.bom_ref).cmp(&(&b.product, &b.release, &b.bom_ref))
        });
        out.dedup();
        Ok(out)
    }

    /// The open findings of a vulnerability (any id of its alias groups), by release.
    pub async fn affected(&self, id: &str) -> Result<(Vec<String>, Vec<FindingRow>), StoreError> {
        let mut conn = self.pool.acquire().await?;
        let list = self.affected_ids(&mut conn, id).await?;
        let mut found: BTreeSet<i64> = BTreeSet::new();
        for chunk in list.chunks(IN_CHUNK) {
            let sql = format!(
                // As in `affected_page`: from the ids' open index alone.
                "SELECT i.finding_id FROM finding_ids i WHERE i.open = 1 AND i.id_key IN ({})",
                self.in_params(chunk.len())
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for k in chunk {
                q = q.bind(k.clone());
            }
            for r in q.fetch_all(&mut *conn).await? {
                found.insert(r.try_get(0)?);
            }
        }
        let found: Vec<i64> = found.into_iter().collect();
        let mut rows = Vec::with_capacity(found.len());
        for chunk in found.chunks(IN_CHUNK) {
            let sql = format!(
                "SELECT {FINDING_COLUMNS} FROM findings f JOIN releases r ON r.id = f.release_id \
                 JOIN products p ON p.id = r.product_id WHERE f.id IN ({})",
                in_list(1, chunk.len())
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for id in chunk {
                q = q.bind(*id);
            }
            for r in q.fetch_all(&mut *conn).await? {
                rows.push(finding_row(&r)?);
            }
        }
        rows.sort_by(|a, b| {
            (
                &a.product,
                &a.release,
                a.detail["component"]["bom_ref"].as_str(),
            )
                .cmp(&(
                    &b.product,
                    &b.release,
                    b.detail["component"]["bom_ref"].as_str(),
                ))
        });
        Ok((list, rows))
    }

    /// One page of [`Store::affected`] for the API: every release with an open finding of
    /// the vulnerability's alias group, and at most `limit` of those findings in id order
    /// after the finding id `after`. A widely used component's CVE has thousands of
    /// findings across a portfolio; answering "which releases" must not send them all.
    pub async fn affected_page(
        &self,
        id: &str,
        after: i64,
        limit: usize,
    ) -> Result<AffectedPage, StoreError> {
        let limit = limit.clamp(1, 500);
        // Every statement of the page on one connection: each borrowing from the pool is a
        // round trip of its own (sqlx checks the connection when it comes back).
        let mut conn = self.pool.acquire().await?;
        let ids = self.affected_ids(&mut conn, id).await?;
        let mut releases: BTreeSet<(String, String)> = BTreeSet::new();
        let mut rows: Vec<FindingRow> = Vec::new();
        // The releases come back as one row of the finding columns' shape, with no finding
        // id and the (product, version) pairs as a JSON array where the product name goes.
        // As a row per release (477 for a common CVE), each row's 17 columns were converted
        // to sqlx's `Any` values one by one: a fifth of the server's time on this endpoint
        // (issue 8).
        let blanks = ", NULL".repeat(FINDING_COLUMNS.split(',').count() - 3);
        let pairs = match self.backend {
            Backend::Sqlite => "json_group_array(json_array(p.name, r.version))",
            Backend::Postgres => "json_agg(json_build_array(p.name, r.version))::text",
        };
        for chunk in ids.chunks(IN_CHUNK) {
            let n = chunk.len();
            // One walk of the group's open findings answers both the releases and the
            // page. The walk is one range of the ids' open index, which carries each
            // finding's release (migration 0028): through findings it was a probe per
            // finding, hundreds for a common CVE. A finding is filed under each id of its
            // group, hence DISTINCT. The group is gathered before it is ordered
            // (MATERIALIZED): asked for it in id order under a LIMIT, PostgreSQL walked
            // every open finding after the cursor instead. Only the releases and the
            // page's rows leave the database.
            let sql = format!(
                "WITH g AS MATERIALIZED (SELECT DISTINCT i.finding_id AS id, i.release_id \
                 FROM finding_ids i WHERE i.open = 1 AND i.id_key IN ({})) \
                 SELECT NULL, {pairs}, NULL{blanks} FROM releases r \
                 JOIN products p ON p.id = r.product_id WHERE r.id IN (SELECT g.release_id FROM g) \
                 UNION ALL SELECT {FINDING_COLUMNS} FROM findings f \
                 JOIN releases r ON r.id = f.release_id JOIN products p ON p.id = r.product_id \
                 WHERE f.id IN (SELECT g.id FROM g WHERE g.id > ${} ORDER BY g.id LIMIT ${})",
                in_list(1, n),
                n + 1,
                n + 2
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(crate::positional(&conn, sql)));
            for k in chunk {
                q = q.bind(k.clone());
            }
            q = q
                .bind(after)
                .bind(i64::try_from(limit + 1).unwrap_or(i64::MAX));
            for r in q.fetch_all(&mut *conn).await? {
                if r.try_get::<Option<i64>, _>(0)?.is_some() {
                    rows.push(finding_row(&r)?);
                } else if let Some(json) = r.try_get::<Option<String>, _>(1)? {
                    // PostgreSQL aggregates no rows to NULL, SQLite to `[]`.
                    let pairs: Vec<(String, String)> =
                        serde_json::from_str(&json).map_err(|e| sqlx::Error::Decode(e.into()))?;
                    releases.extend(pairs);
                }
            }
        }
        drop(conn);
        rows.sort_by_key(|r| r.id);
        if ids.len() > IN_CHUNK {
            // Chunks of an (unusually) large group each gave their own first rows.
            rows.dedup_by_key(|r| r.id);
            rows.truncate(limit + 1);
        }
        let next = if rows.len() > limit {
            rows.truncate(limit);
            rows.last().map(|r| r.id.to_string())
        } else {
            None
        };
        Ok(AffectedPage {
            ids,
            releases: releases.into_iter().collect(),
            rows,
            next,
        })
    }

    /// The id and every id of its alias groups, upper-cased.
    async fn affected_ids(
        &self,
        conn: &mut sqlx::AnyConnection,
        id: &str,
    ) -> Result<Vec<String>, StoreError> {
        let mut ids: BTreeSet<String> = BTreeSet::new();
        ids.insert(id.trim().to_ascii_uppercase());
        for g in self.alias_groups_on(conn, id).await? {
            ids.extend(g.ids.iter().map(|i| i.to_ascii_uppercase()));
            ids.insert(g.anchor.to_ascii_uppercase());
        }
        Ok(ids.into_iter().collect())
    }

    /// Events of findings after `after` (an event id), oldest first: what notifications read.
    pub async fn finding_events(
        &self,
        after: i64,
        limit: i64,
    ) -> Result<Vec<(i64, i64, String, String, Value)>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, finding_id, kind, time, detail FROM finding_events WHERE id > $1 ORDER BY id LIMIT $2",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let detail: String = r.try_get(4)?;
                Ok((
                    r.try_get(0)?,
                    r.try_get(1)?,
                    r.try_get(2)?,
                    r.try_get(3)?,
                    serde_json::from_str(&detail).unwrap_or(Value::Null),
                ))
            })
            .collect()
    }
}

fn where_matches(query: &WhereQuery, c: &WhereRow) -> bool {
    match query {
        WhereQuery::Purl { purl, range } => {
            let Some(stored) = c
                .purl
                .as_deref()
                .and_then(|p| mamori_purl::Purl::parse(p).ok())
            else {
                return false;
            };
            if stored.ty() != purl.ty()
                || stored.namespace() != purl.namespace()
                || stored.name() != purl.name()
            {
                return false;
            }
            let version = c.version.as_deref().or(stored.version()).map(str::to_owned);
            if let Some(want) = purl.version()
                && version.as_deref() != Some(want)
            {
                return false;
            }
            match (range, version) {
                (Some(r), Some(v)) => {
                    let id = ComponentIdentity::from_parts(
                        &c.bom_ref,
                        &c.name,
                        Some(&v),
                        c.purl.as_deref(),
                        None,
                        Vec::new(),
                        None,
                    );
                    let scheme = id.scheme().unwrap_or(mamori_version::Scheme::Generic);
                    mamori_version::range::satisfies(scheme, &v, r).unwrap_or(false)
                }
                (Some(_), None) => false,
                (None, _) => true,
            }
        }
        WhereQuery::Cpe(q) => c
            .cpe
            .as_deref()
            .and_then(|s| mamori_purl::Cpe::parse(s.trim()).ok())
            .is_some_and(|stored| {
                matches!(
                    mamori_purl::compare(q, &stored),
                    mamori_purl::CpeRelation::Superset | mamori_purl::CpeRelation::Equal
                )
            }),
    }
}

/// The ids of a product's releases (of the one `version` when given), the product named by
/// `key` as [`Store::product`] reads it, in one statement on the page's connection: as two
/// (the product, then its releases), the first also borrowed a connection of its own,
/// three round trips before a product's findings page read any finding (issue 8).
async fn product_release_ids(
    conn: &mut sqlx::AnyConnection,
    key: &str,
    version: Option<&str>,
) -> Result<Vec<i64>, StoreError> {
    let key = key.trim();
    let mut sql = String::from(
        "SELECT p.id, r.id FROM products p LEFT JOIN releases r ON r.product_id = p.id",
    );
    if version.is_some() {
        sql.push_str(" AND r.version = $4");
    }
    sql.push_str(concat!(
        " WHERE p.id = (SELECT id FROM products ",
        product_by_key!(),
        ")"
    ));
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(key)
        .bind(key.parse::<i64>().ok())
        .bind(key);
    if let Some(v) = version {
        q = q.bind(v);
    }
    let rows = q.fetch_all(&mut *conn).await?;
    if rows.is_empty() {
        return Err(StoreError::NotFound {
            what: "product",
            name: key.to_owned(),
        });
    }
    let mut ids = Vec::with_capacity(rows.len());
    for r in rows {
        if let Some(id) = r.try_get::<Option<i64>, _>(1)? {
            ids.push(id);
        }
    }
    Ok(ids)
}
