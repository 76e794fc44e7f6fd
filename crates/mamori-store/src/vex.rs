//! VEX from suppliers: importing a CycloneDX, OpenVEX or CSAF document turns its claims into
//! suggested analyses on the matching open findings, which a person accepts (through the same path
//! as any triage, so the audit record names the document, the supplier and the claim's pointer) or
//! rejects with a reason.
//!
//! A claim matches a finding when one of its ids is one of the finding's ids (the group and every
//! alias) and its product is the finding's component: purls equal (qualifiers in any order, the
//! location qualifiers such as `repository_url` ignored, a claim purl without version covers every
//! version), else CPEs equal (or the claim's covering the component's), else — when the claim has
//! neither — name and version equal.

use std::collections::{BTreeSet, HashMap};

use mamori_csaf::vex_in::{ClaimProduct, VexClaim, VexDocument};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use sqlx::Row;
use time::OffsetDateTime;

use crate::audit::{Event, Subject, action};
use crate::findings::{FindingRow, Triage};
use crate::vulns::fetch_in;
use crate::{Store, StoreError, fmt_time};

/// Purl qualifiers that say where a package was fetched from, not what it is.
const LOCATION_QUALIFIERS: [&str; 5] = [
    "repository_url",
    "download_url",
    "vcs_url",
    "file_name",
    "checksum",
];

/// A stored supplier VEX document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VexDocumentRow {
    /// Id.
    pub id: i64,
    /// `cyclonedx`, `openvex` or `csaf`.
    pub format: String,
    /// The supplier named at upload.
    pub supplier: String,
    /// The document's own id (serial number, `@id`, tracking id).
    pub doc_id: Option<String>,
    /// The document's version.
    pub doc_version: Option<String>,
    /// The author the document names.
    pub author: Option<String>,
    /// When the document says it was issued (RFC 3339).
    pub issued_at: Option<String>,
    /// SHA-256 of the bytes, lower-case hex.
    pub sha256: String,
    /// The uploaded file's name.
    pub filename: Option<String>,
    /// How many claims it has.
    pub claims: i64,
    /// How many of them matched a finding.
    pub matched: i64,
    /// Who imported it.
    pub imported_by: String,
    /// When.
    pub imported_at: String,
}

impl VexDocumentRow {
    /// The row as JSON (API and `--json` output).
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id, "format": self.format, "supplier": self.supplier,
            "document_id": self.doc_id, "version": self.doc_version, "author": self.author,
            "issued_at": self.issued_at, "sha256": self.sha256, "filename": self.filename,
            "claims": self.claims, "matched": self.matched,
            "imported_by": self.imported_by, "imported_at": self.imported_at,
        })
    }
}

/// Status of a suggestion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SuggestionStatus {
    /// Waiting for a person.
    Pending,
    /// Applied to the finding.
    Accepted,
    /// Turned down, with a reason.
    Rejected,
    /// A later version of the same document replaced it before anyone decided.
    Superseded,
}

impl SuggestionStatus {
    /// The stored name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Accepted => "accepted",
            Self::Rejected => "rejected",
            Self::Superseded => "superseded",
        }
    }

    /// Reads a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::Pending,
            Self::Accepted,
            Self::Rejected,
            Self::Superseded,
        ]
        .into_iter()
        .find(|x| x.as_str() == s)
    }
}

/// A suggested analysis from a supplier's VEX, with the finding it is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VexSuggestionRow {
    /// Id.
    pub id: i64,
    /// The document it came from.
    pub document_id: i64,
    /// That document's supplier.
    pub supplier: String,
    /// That document's format.
    pub format: String,
    /// That document's own id and version, as "id (version)".
    pub document: String,
    /// The finding.
    pub finding_id: i64,
    /// The finding's product.
    pub product: String,
    /// The finding's release version.
    pub release: String,
    /// The release id.
    pub release_id: i64,
    /// The vulnerability id the claim names.
    pub vulnerability: String,
    /// The product the claim is about, as the document names it.
    pub claim_product: String,
    /// Suggested state.
    pub state: String,
    /// Suggested justification.
    pub justification: Option<String>,
    /// Suggested response.
    pub response: Option<String>,
    /// The supplier's text.
    pub detail: Option<String>,
    /// JSON pointer of the claim in the document.
    pub pointer: String,
    /// Status.
    pub status: SuggestionStatus,
    /// Who accepted or rejected it.
    pub decided_by: Option<String>,
    /// When.
    pub decided_at: Option<String>,
    /// Why it was rejected.
    pub reason: Option<String>,
    /// When it was made.
    pub created_at: String,
}

impl VexSuggestionRow {
    /// The row as JSON (API and `--json` output).
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id, "document_id": self.document_id, "supplier": self.supplier,
            "format": self.format, "document": self.document, "finding_id": self.finding_id,
            "product": self.product, "release": self.release, "release_id": self.release_id,
            "vulnerability": self.vulnerability, "claim_product": self.claim_product,
            "state": self.state, "justification": self.justification, "response": self.response,
            "detail": self.detail, "pointer": self.pointer, "status": self.status.as_str(),
            "decided_by": self.decided_by, "decided_at": self.decided_at, "reason": self.reason,
            "created_at": self.created_at,
        })
    }
}

/// Filters of [`Store::vex_suggestions`]; all that are set must hold.
#[derive(Clone, Debug, Default)]
pub struct SuggestionFilter {
    /// Release id.
    pub release: Option<i64>,
    /// Finding id.
    pub finding: Option<i64>,
    /// Document id.
    pub document: Option<i64>,
    /// Status; every status when `None`.
    pub status: Option<SuggestionStatus>,
}

/// A claim that matched no open finding, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnmatchedClaim {
    /// The vulnerability id.
    pub vulnerability: String,
    /// The product as the document names it.
    pub product: String,
    /// JSON pointer of the claim.
    pub pointer: String,
    /// Why it matched nothing.
    pub reason: String,
}

/// What an import did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VexImport {
    /// The stored document.
    pub document: VexDocumentRow,
    /// True when the same bytes were imported before: nothing changed.
    pub duplicate: bool,
    /// Claims that matched at least one open finding.
    pub matched: usize,
    /// Suggestions made.
    pub suggested: usize,
    /// Matches skipped because the finding already has the suggested state and justification.
    pub already: usize,
    /// Earlier pending suggestions this document's newer version superseded.
    pub superseded: usize,
    /// Claims that matched nothing.
    pub unmatched: Vec<UnmatchedClaim>,
}

impl VexImport {
    /// The outcome as JSON.
    pub fn to_json(&self) -> Value {
        json!({
            "document": self.document.to_json(),
            "duplicate": self.duplicate,
            "matched": self.matched,
            "unmatched": self.unmatched.len(),
            "suggested": self.suggested,
            "already": self.already,
            "superseded": self.superseded,
            "unmatched_claims": self.unmatched.iter().map(|u| json!({
                "vulnerability": u.vulnerability, "product": u.product,
                "pointer": u.pointer, "reason": u.reason,
            })).collect::<Vec<_>>(),
        })
    }
}

/// How a claim's product is shown to a person.
pub fn claim_label(p: &ClaimProduct) -> String {
    let base = p
        .purl
        .clone()
        .or_else(|| p.cpe.clone())
        .or_else(|| match (&p.name, &p.version) {
            (Some(n), Some(v)) => Some(format!("{n} {v}")),
            (Some(n), None) => Some(n.clone()),
            _ => None,
        })
        .unwrap_or_else(|| p.reference.clone());
    match &p.within {
        Some(w) => format!("{base} in {w}"),
        None => base,
    }
}

/// A purl reduced to what identifies the package: qualifiers sorted, location ones dropped.
fn purl_key(s: &str) -> Option<(String, Option<String>)> {
    let p = mamori_purl::Purl::parse(s.trim()).ok()?;
    let mut key = format!("{}/{}/{}", p.ty(), p.namespace().unwrap_or(""), p.name());
    let quals: BTreeSet<(String, String)> = p
        .qualifiers()
        .filter(|(k, _)| !LOCATION_QUALIFIERS.contains(k))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    for (k, v) in quals {
        key.push_str(&format!("&{k}={v}"));
    }
    if let Some(sp) = p.subpath() {
        key.push('#');
        key.push_str(sp);
    }
    Some((key, p.version().map(str::to_owned)))
}

/// Whether a claim's product is the finding's component (see the module documentation).
fn product_matches(claim: &ClaimProduct, component: &Value) -> bool {
    let text = |k: &str| {
        component[k]
            .as_str()
            .map(str::trim)
            .filter(|s| !s.is_empty())
    };
    if let Some(cp) = &claim.purl
        && let (Some((ck, cv)), Some((fk, fv))) = (purl_key(cp), text("purl").and_then(purl_key))
    {
        let fv = fv.or_else(|| text("version").map(str::to_owned));
        return ck == fk && cv.is_none_or(|v| Some(v) == fv);
    }
    if let Some(cc) = &claim.cpe
        && let (Ok(c), Some(Ok(f))) = (
            mamori_purl::Cpe::parse(cc.trim()),
            text("cpe").map(mamori_purl::Cpe::parse),
        )
    {
        return matches!(
            mamori_purl::compare(&c, &f),
            mamori_purl::CpeRelation::Equal | mamori_purl::CpeRelation::Superset
        );
    }
    if claim.purl.is_some() || claim.cpe.is_some() {
        return false;
    }
    let (Some(name), Some(fname)) = (claim.name.as_deref(), text("name")) else {
        return false;
    };
    let fversion = text("version");
    match (claim.version.as_deref(), fversion) {
        (Some(v), Some(fv)) => name.trim().eq_ignore_ascii_case(fname) && v.trim() == fv,
        // CSAF full product names carry the version: "openssl 3.0.8".
        (None, Some(fv)) => name.trim().eq_ignore_ascii_case(&format!("{fname} {fv}")),
        _ => false,
    }
}

/// The analysis a claim suggests, in the findings' vocabulary: a justification only for
/// not_affected, the first response (a finding holds one).
fn suggested(c: &VexClaim) -> (String, Option<String>, Option<String>) {
    use mamori_judge::analysis::State;
    let a = &c.analysis;
    let justification = (a.state == State::NotAffected)
        .then(|| a.justification.map(|j| j.as_str().to_owned()))
        .flatten();
    (
        a.state.as_str().to_owned(),
        justification,
        a.responses.first().map(|r| r.as_str().to_owned()),
    )
}

/// Orders two versions of one document: numbers numerically, else the issue times, else text.
fn newer(a: (&Option<String>, &Option<String>), b: (&Option<String>, &Option<String>)) -> bool {
    let num = |v: &Option<String>| v.as_deref().and_then(|s| s.trim().parse::<u64>().ok());
    if let (Some(x), Some(y)) = (num(a.0), num(b.0))
        && x != y
    {
        return x > y;
    }
    let t = |s: &Option<String>| {
        s.as_deref().and_then(|s| {
            OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).ok()
        })
    };
    match (t(a.1), t(b.1)) {
        (Some(x), Some(y)) if x != y => x > y,
        _ => a.0 > b.0,
    }
}

const DOC_COLUMNS: &str = "id, format, supplier, doc_id, doc_version, author, issued_at, sha256, \
     filename, claims, matched, imported_by, imported_at";

fn doc_row(r: &sqlx::any::AnyRow) -> Result<VexDocumentRow, StoreError> {
    Ok(VexDocumentRow {
        id: r.try_get(0)?,
        format: r.try_get(1)?,
        supplier: r.try_get(2)?,
        doc_id: r.try_get(3)?,
        doc_version: r.try_get(4)?,
        author: r.try_get(5)?,
        issued_at: r.try_get(6)?,
        sha256: r.try_get(7)?,
        filename: r.try_get(8)?,
        claims: r.try_get(9)?,
        matched: r.try_get(10)?,
        imported_by: r.try_get(11)?,
        imported_at: r.try_get(12)?,
    })
}

const SUGGESTION_COLUMNS: &str = "s.id, s.document_id, d.supplier, d.format, d.doc_id, d.doc_version, \
     s.finding_id, p.name, r.version, r.id, s.vulnerability, s.product, s.state, s.justification, \
     s.response, s.detail, s.pointer, s.status, s.decided_by, s.decided_at, s.reason, s.created_at";

const SUGGESTION_FROM: &str = "FROM vex_suggestions s JOIN vex_documents d ON d.id = s.document_id \
     JOIN findings f ON f.id = s.finding_id JOIN releases r ON r.id = f.release_id \
     JOIN products p ON p.id = r.product_id";

fn suggestion_row(r: &sqlx::any::AnyRow) -> Result<VexSuggestionRow, StoreError> {
    let doc_id: Option<String> = r.try_get(4)?;
    let doc_version: Option<String> = r.try_get(5)?;
    let status: String = r.try_get(17)?;
    let id: i64 = r.try_get(0)?;
    Ok(VexSuggestionRow {
        id,
        document_id: r.try_get(1)?,
        supplier: r.try_get(2)?,
        format: r.try_get(3)?,
        document: match (doc_id, doc_version) {
            (Some(d), Some(v)) => format!("{d} ({v})"),
            (Some(d), None) => d,
            (None, _) => "-".to_owned(),
        },
        finding_id: r.try_get(6)?,
        product: r.try_get(7)?,
        release: r.try_get(8)?,
        release_id: r.try_get(9)?,
        vulnerability: r.try_get(10)?,
        claim_product: r.try_get(11)?,
        state: r.try_get(12)?,
        justification: r.try_get(13)?,
        response: r.try_get(14)?,
        detail: r.try_get(15)?,
        pointer: r.try_get(16)?,
        status: SuggestionStatus::parse(&status).ok_or_else(|| StoreError::Corrupt {
            id,
            reason: format!("suggestion status {status:?}"),
        })?,
        decided_by: r.try_get(18)?,
        decided_at: r.try_get(19)?,
        reason: r.try_get(20)?,
        created_at: r.try_get(21)?,
    })
}

impl Store {
    /// Imports a supplier's VEX document (already read from `bytes`): stores it, and suggests each
    /// claim's analysis on every open finding it matches, in one transaction. The same bytes
    /// imported again change nothing (`duplicate`). A newer version of the same supplier's document
    /// (same document id) supersedes the older one's pending suggestions on the same findings.
    pub async fn import_vex(
        &self,
        bytes: &[u8],
        doc: &VexDocument,
        supplier: &str,
        filename: Option<&str>,
        who: &str,
        now: OffsetDateTime,
    ) -> Result<VexImport, StoreError> {
        let supplier = supplier.trim();
        if supplier.is_empty() {
            return Err(StoreError::Invalid(
                "a supplier name is required for a vex import".into(),
            ));
        }
        let sha = hex::encode(Sha256::digest(bytes));
        if let Some(existing) = self.vex_document_by_sha(&sha).await? {
            return Ok(VexImport {
                matched: existing.matched as usize,
                document: existing,
                duplicate: true,
                suggested: 0,
                already: 0,
                superseded: 0,
                unmatched: Vec::new(),
            });
        }

        // Open findings carrying any id some claim names, by upper-cased id.
        let mut keys: Vec<String> = doc
            .statements
            .iter()
            .flat_map(|c| c.ids().map(str::to_uppercase))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        keys.retain(|k| !k.is_empty());
        let rows = fetch_in(
            &self.pool,
            "SELECT i.id_key, f.id, f.state, f.justification, f.detail FROM finding_ids i \
             JOIN findings f ON f.id = i.finding_id WHERE f.status = 'open' AND i.id_key IN ({})",
            &keys,
        )
        .await?;
        struct Candidate {
            id: i64,
            state: String,
            justification: Option<String>,
            component: Value,
        }
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        let mut candidates: Vec<Candidate> = Vec::new();
        let mut seen: HashMap<i64, usize> = HashMap::new();
        for r in &rows {
            let key: String = r.try_get(0)?;
            let id: i64 = r.try_get(1)?;
            let idx = match seen.get(&id) {
                Some(&i) => i,
                None => {
                    let detail: String = r.try_get(4)?;
                    let detail: Value = serde_json::from_str(&detail).unwrap_or(Value::Null);
                    candidates.push(Candidate {
                        id,
                        state: r.try_get(2)?,
                        justification: r.try_get(3)?,
                        component: detail["component"].clone(),
                    });
                    seen.insert(id, candidates.len() - 1);
                    candidates.len() - 1
                }
            };
            let list = by_key.entry(key).or_default();
            if !list.contains(&idx) {
                list.push(idx);
            }
        }

        // (finding, claim) pairs, first claim per finding wins.
        let mut plan: Vec<(i64, &VexClaim)> = Vec::new();
        let mut planned: BTreeSet<i64> = BTreeSet::new();
        let mut unmatched = Vec::new();
        let mut matched = 0usize;
        let mut already = 0usize;
        for c in &doc.statements {
            let mut by_id: Vec<usize> = Vec::new();
            for k in c.ids().map(str::to_uppercase) {
                for &i in by_key.get(&k).map(Vec::as_slice).unwrap_or(&[]) {
                    if !by_id.contains(&i) {
                        by_id.push(i);
                    }
                }
            }
            let hits: Vec<&Candidate> = by_id
                .iter()
                .map(|&i| &candidates[i])
                .filter(|f| product_matches(&c.product, &f.component))
                .collect();
            if hits.is_empty() {
                unmatched.push(UnmatchedClaim {
                    vulnerability: c.vulnerability.clone(),
                    product: claim_label(&c.product),
                    pointer: c.pointer.clone(),
                    reason: if by_id.is_empty() {
                        "no open finding has this vulnerability".into()
                    } else {
                        "no open finding of this vulnerability is on this product".into()
                    },
                });
                continue;
            }
            matched += 1;
            let (state, justification, _) = suggested(c);
            for f in hits {
                if f.state == state && f.justification == justification {
                    already += 1;
                    continue;
                }
                if planned.insert(f.id) {
                    plan.push((f.id, c));
                }
            }
        }

        let at = fmt_time(now);
        let mut tx = self.pool.begin().await?;
        let doc_row_id: i64 = sqlx::query(
            "INSERT INTO vex_documents (format, supplier, doc_id, doc_version, author, issued_at, \
             sha256, filename, claims, matched, imported_by, imported_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        )
        .bind(doc.format.as_str())
        .bind(supplier)
        .bind(doc.id.clone())
        .bind(doc.version.clone())
        .bind(doc.author.clone())
        .bind(doc.timestamp.map(fmt_time))
        .bind(sha.clone())
        .bind(filename.map(str::to_owned))
        .bind(doc.statements.len() as i64)
        .bind(matched as i64)
        .bind(who)
        .bind(at.clone())
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;

        // Earlier versions of the same document from the same supplier.
        let mut siblings: Vec<(i64, Option<String>, Option<String>)> = Vec::new();
        if let Some(d) = &doc.id {
            let rows = sqlx::query(
                "SELECT id, doc_version, issued_at FROM vex_documents \
                 WHERE supplier = $1 AND doc_id = $2 AND format = $3 AND id <> $4",
            )
            .bind(supplier)
            .bind(d.clone())
            .bind(doc.format.as_str())
            .bind(doc_row_id)
            .fetch_all(&mut *tx)
            .await?;
            for r in &rows {
                siblings.push((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?));
            }
        }
        let this = (&doc.version, &doc.timestamp.map(fmt_time));

        let mut suggested_n = 0usize;
        let mut superseded = 0usize;
        for (finding, c) in &plan {
            let (state, justification, response) = suggested(c);
            // A pending suggestion from a newer version of this document outranks this one.
            let mut status = "pending";
            for (sid, v, t) in &siblings {
                let pending: Vec<i64> = sqlx::query(
                    "SELECT id FROM vex_suggestions WHERE document_id = $1 AND finding_id = $2 \
                     AND status = 'pending'",
                )
                .bind(*sid)
                .bind(*finding)
                .fetch_all(&mut *tx)
                .await?
                .iter()
                .map(|r| r.try_get(0))
                .collect::<Result<_, _>>()?;
                if pending.is_empty() {
                    continue;
                }
                if newer(this, (v, t)) {
                    for p in pending {
                        sqlx::query(
                            "UPDATE vex_suggestions SET status = 'superseded', decided_at = $1, \
                             reason = $2 WHERE id = $3",
                        )
                        .bind(at.clone())
                        .bind(format!(
                            "superseded by version {} of the document",
                            doc.version.as_deref().unwrap_or("?")
                        ))
                        .bind(p)
                        .execute(&mut *tx)
                        .await?;
                        superseded += 1;
                    }
                } else {
                    status = "superseded";
                }
            }
            sqlx::query(
                "INSERT INTO vex_suggestions (document_id, finding_id, vulnerability, product, state, \
                 justification, response, detail, pointer, status, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            )
            .bind(doc_row_id)
            .bind(*finding)
            .bind(c.vulnerability.clone())
            .bind(claim_label(&c.product))
            .bind(state)
            .bind(justification)
            .bind(response)
            .bind(c.detail.clone())
            .bind(c.pointer.clone())
            .bind(status)
            .bind(at.clone())
            .execute(&mut *tx)
            .await?;
            if status == "pending" {
                suggested_n += 1;
            }
        }
        let event = Event::new(
            now,
            who,
            action::VEX_IMPORT,
            Subject::new("vex_document", &doc_row_id.to_string())?,
        )?
        .evidence(&json!({
            "supplier": supplier, "format": doc.format.as_str(), "document_id": doc.id,
            "version": doc.version, "sha256": sha, "filename": filename,
            "claims": doc.statements.len(), "matched": matched, "suggested": suggested_n,
            "superseded": superseded,
        }));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        Ok(VexImport {
            document: self.vex_document(doc_row_id).await?,
            duplicate: false,
            matched,
            suggested: suggested_n,
            already,
            superseded,
            unmatched,
        })
    }

    async fn vex_document_by_sha(&self, sha: &str) -> Result<Option<VexDocumentRow>, StoreError> {
        let sql = format!("SELECT {DOC_COLUMNS} FROM vex_documents WHERE sha256 = $1");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(sha)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(doc_row)
            .transpose()
    }

    /// One stored VEX document.
    pub async fn vex_document(&self, id: i64) -> Result<VexDocumentRow, StoreError> {
        let sql = format!("SELECT {DOC_COLUMNS} FROM vex_documents WHERE id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::NotFound {
                what: "vex document",
                name: id.to_string(),
            })?;
        doc_row(&row)
    }

    /// Every stored VEX document, newest first.
    pub async fn vex_documents(&self) -> Result<Vec<VexDocumentRow>, StoreError> {
        let sql = format!("SELECT {DOC_COLUMNS} FROM vex_documents ORDER BY id DESC");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(doc_row)
            .collect()
    }

    /// Suggestions matching the filter, oldest first.
    pub async fn vex_suggestions(
        &self,
        filter: &SuggestionFilter,
    ) -> Result<Vec<VexSuggestionRow>, StoreError> {
        let mut sql = format!("SELECT {SUGGESTION_COLUMNS} {SUGGESTION_FROM} WHERE 1 = 1");
        let mut n = 0;
        let mut clause = |sql: &mut String, col: &str| {
            n += 1;
            sql.push_str(&format!(" AND {col} = ${n}"));
        };
        if filter.release.is_some() {
            clause(&mut sql, "r.id");
        }
        if filter.finding.is_some() {
            clause(&mut sql, "s.finding_id");
        }
        if filter.document.is_some() {
            clause(&mut sql, "s.document_id");
        }
        if filter.status.is_some() {
            clause(&mut sql, "s.status");
        }
        sql.push_str(" ORDER BY s.id");
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for v in [filter.release, filter.finding, filter.document]
            .into_iter()
            .flatten()
        {
            q = q.bind(v);
        }
        if let Some(s) = filter.status {
            q = q.bind(s.as_str());
        }
        q.fetch_all(&self.pool)
            .await?
            .iter()
            .map(suggestion_row)
            .collect()
    }

    /// One suggestion.
    pub async fn vex_suggestion(&self, id: i64) -> Result<VexSuggestionRow, StoreError> {
        let sql = format!("SELECT {SUGGESTION_COLUMNS} {SUGGESTION_FROM} WHERE s.id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::NotFound {
                what: "vex suggestion",
                name: id.to_string(),
            })?;
        suggestion_row(&row)
    }

    /// Accepts a pending suggestion: its analysis becomes the finding's, through the same update and
    /// audit event as any triage, with the document, supplier and pointer as the event's source.
    /// `justification` fills in one the supplier did not give (not_affected needs one).
    pub async fn accept_vex_suggestion(
        &self,
        id: i64,
        justification: Option<&str>,
        who: &str,
        now: OffsetDateTime,
    ) -> Result<FindingRow, StoreError> {
        let s = self.vex_suggestion(id).await?;
        if s.status != SuggestionStatus::Pending {
            return Err(StoreError::Invalid(format!(
                "suggestion {id} is {}, not pending",
                s.status.as_str()
            )));
        }
        let triage = Triage::checked(
            &s.state,
            s.justification.as_deref().or(justification),
            s.response.as_deref(),
            s.detail.as_deref(),
        )
        .map_err(|e| StoreError::Invalid(format!("suggestion {id}: {e}")))?;
        let doc = self.vex_document(s.document_id).await?;
        let before = self.finding(s.finding_id).await?;
        let mut tx = self.pool.begin().await?;
        let changed = sqlx::query(
            "UPDATE vex_suggestions SET status = 'accepted', decided_by = $1, decided_at = $2 \
             WHERE id = $3 AND status = 'pending'",
        )
        .bind(who)
        .bind(fmt_time(now))
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed != 1 {
            return Err(StoreError::Invalid(format!(
                "suggestion {id} was decided meanwhile"
            )));
        }
        let source = json!({
            "kind": "supplier_vex",
            "suggestion": id,
            "vex_document": doc.id,
            "supplier": doc.supplier,
            "format": doc.format,
            "document_id": doc.doc_id,
            "document_version": doc.doc_version,
            "sha256": doc.sha256,
            "pointer": s.pointer,
        });
        self.set_finding_state_tx(&mut tx, &before, &triage, who, now, Some(source))
            .await?;
        tx.commit().await?;
        self.finding(s.finding_id).await
    }

    /// Rejects a pending suggestion; the reason is required and recorded with an audit event.
    pub async fn reject_vex_suggestion(
        &self,
        id: i64,
        reason: &str,
        who: &str,
        now: OffsetDateTime,
    ) -> Result<VexSuggestionRow, StoreError> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(StoreError::Invalid(
                "rejecting a suggestion needs a reason".into(),
            ));
        }
        let s = self.vex_suggestion(id).await?;
        let mut tx = self.pool.begin().await?;
        let changed = sqlx::query(
            "UPDATE vex_suggestions SET status = 'rejected', decided_by = $1, decided_at = $2, \
             reason = $3 WHERE id = $4 AND status = 'pending'",
        )
        .bind(who)
        .bind(fmt_time(now))
        .bind(reason)
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed != 1 {
            return Err(StoreError::Invalid(format!(
                "suggestion {id} is {}, not pending",
                s.status.as_str()
            )));
        }
        let event = Event::new(
            now,
            who,
            action::VEX_REJECT,
            Subject::new("finding", &s.finding_id.to_string())?,
        )?
        .why(reason)
        .evidence(&json!({
            "suggestion": id, "vex_document": s.document_id, "supplier": s.supplier,
            "pointer": s.pointer, "state": s.state, "justification": s.justification,
        }));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        self.vex_suggestion(id).await
    }
}
