//! SBOM documents attached to releases, the merged SBOM versions built from them, and approval.

use crate::audit::{Event, Subject, action};
use crate::{ReleaseRow, Store, StoreError, fmt_time, placeholders};
use mamori_model::{DocumentFormat, RelKind, RelTarget, Sbom};
use sha2::{Digest, Sha256};
use sqlx::{Any, Row, Transaction};
use time::OffsetDateTime;

/// One stored version of a release's merged SBOM.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SbomRow {
    /// Id.
    pub id: i64,
    /// Release id.
    pub release_id: i64,
    /// Version within the release (1, 2, …).
    pub version: i64,
    /// Components in it.
    pub component_count: i64,
    /// When this version was made.
    pub created_at: String,
    /// Who made it.
    pub created_by: String,
    /// When it was approved.
    pub approved_at: Option<String>,
    /// Who approved it.
    pub approved_by: Option<String>,
}

/// What an import did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportOutcome {
    /// The new SBOM version of the release.
    pub sbom: SbomRow,
    /// The id of the stored original document.
    pub document_id: i64,
    /// SHA-256 of the original bytes.
    pub sha256: String,
    /// What matching the release's new SBOM against the stored records found.
    pub monitor: crate::MonitorReport,
}

/// A stored SBOM read back into the model.
#[derive(Clone, Debug)]
pub struct StoredSbom {
    /// Its row.
    pub row: SbomRow,
    /// Its content, with per-component provenance.
    pub sbom: Sbom,
}

/// A document as the caller read it: the bytes, and the model they gave.
pub struct Incoming<'a> {
    /// The bytes exactly as received.
    pub bytes: &'a [u8],
    /// The file name it came from.
    pub filename: Option<&'a str>,
    /// What the bytes read as.
    pub sbom: &'a Sbom,
    /// The supplier's name, for a supplier SBOM.
    pub supplier: Option<&'a str>,
}

// Rows per multi-row INSERT: about 1,000 bound values per statement, because
// sqlx-sqlite's cost per statement grows with the square of its parameters
// (measured on the vulnerability import: 13,000 values 11.5 s, 1,000 values 1.25 s).
const CHUNK: usize = 90;

impl Store {
    /// Stores a document for a release and makes the release's next SBOM version
    /// from it (merged with the suppliers' latest documents), in one transaction.
    pub async fn import_sbom(
        &self,
        release: &ReleaseRow,
        incoming: Incoming<'_>,
        who: &str,
        now: OffsetDateTime,
    ) -> Result<ImportOutcome, StoreError> {
        let sha256 = hex::encode(Sha256::digest(incoming.bytes));
        let mut tx = self.pool.begin().await?;
        let document_id = insert_document(
            &mut tx,
            incoming.bytes,
            incoming.sbom,
            incoming.filename,
            &sha256,
            now,
        )
        .await?;
        sqlx::query("INSERT INTO release_documents (release_id, document_id, supplier, attached_at, attached_by) VALUES ($1, $2, $3, $4, $5)")
            .bind(release.id)
            .bind(document_id)
            .bind(incoming.supplier)
            .bind(fmt_time(now))
            .bind(who)
            .execute(&mut *tx)
            .await?;

        // The latest own document and the latest document of each supplier, this one included.
        let rows = sqlx::query(
            "SELECT rd.supplier, rd.document_id FROM release_documents rd \
             WHERE rd.release_id = $1 AND rd.id IN (SELECT MAX(id) FROM release_documents WHERE release_id = $1 GROUP BY COALESCE(supplier, ''))",
        )
        .bind(release.id)
        .fetch_all(&mut *tx)
        .await?;
        let mut own: Option<Sbom> = None;
        let mut suppliers: Vec<(String, Sbom)> = Vec::new();
        for row in rows {
            let supplier: Option<String> = row.try_get(0)?;
            let doc_id: i64 = row.try_get(1)?;
            let sbom = if doc_id == document_id {
                incoming.sbom.clone()
            } else {
                load_document(&mut tx, doc_id).await?
            };
            match supplier {
                Some(name) => suppliers.push((name, sbom)),
                None => own = Some(sbom),
            }
        }
        suppliers.sort_by(|a, b| a.0.cmp(&b.0));
        let (merged, merged_doc) = if suppliers.is_empty() {
            (own.unwrap_or_else(|| incoming.sbom.clone()), document_id)
        } else {
            let base = own.unwrap_or_else(|| empty_own(release, now));
            let refs: Vec<(&str, &Sbom)> = suppliers.iter().map(|(n, s)| (n.as_str(), s)).collect();
            let merged = mamori_sbom::merge::merge(&base, &refs);
            let bytes = mamori_sbom::write(&merged, DocumentFormat::CycloneDxJson);
            let sha = hex::encode(Sha256::digest(&bytes));
            let mut rendered = merged.clone();
            rendered.format = DocumentFormat::CycloneDxJson;
            rendered.spec_version = "1.6".into();
            let id = insert_document(
                &mut tx,
                &bytes,
                &rendered,
                Some("merged by mamori"),
                &sha,
                now,
            )
            .await?;
            (merged, id)
        };

        let version: i64 =
            sqlx::query("SELECT COALESCE(MAX(version), 0) + 1 FROM sboms WHERE release_id = $1")
                .bind(release.id)
                .fetch_one(&mut *tx)
                .await?
                .try_get(0)?;
        let count = i64::try_from(merged.components.len()).unwrap_or(i64::MAX);
        let sbom_id: i64 = sqlx::query(
            "INSERT INTO sboms (release_id, version, document_id, serial_number, component_count, created_at, created_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(release.id)
        .bind(version)
        .bind(merged_doc)
        .bind(merged.metadata.serial_number.as_deref())
        .bind(count)
        .bind(fmt_time(now))
        .bind(who)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        insert_components(&mut tx, sbom_id, &merged).await?;
        insert_relationships(&mut tx, sbom_id, &merged).await?;
        crate::monitor::index_components(&mut tx, release.id, sbom_id, &merged).await?;
        let event = Event::new(now, who, action::SBOM_IMPORT, Subject::sbom(sbom_id))?.evidence(
            &serde_json::json!({
                "set": {"state": "draft", "release_id": release.id, "version": version, "components": count},
                "product": release.product,
                "release": release.version,
                "document_id": document_id,
                "sha256": sha256,
                "filename": incoming.filename,
                "supplier": incoming.supplier,
            }),
        );
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        let monitor = self
            .reevaluate_release(release.id, now, action::SBOM_IMPORT)
            .await?;
        Ok(ImportOutcome {
            sbom: SbomRow {
                id: sbom_id,
                release_id: release.id,
                version,
                component_count: count,
                created_at: fmt_time(now),
                created_by: who.to_owned(),
                approved_at: None,
                approved_by: None,
            },
            document_id,
            sha256,
            monitor,
        })
    }

    /// The release's latest SBOM version, if it has one.
    pub async fn latest_sbom_row(
        &self,
        release: &ReleaseRow,
    ) -> Result<Option<SbomRow>, StoreError> {
        let row = sqlx::query(
            "SELECT id, release_id, version, component_count, created_at, created_by, approved_at, approved_by \
             FROM sboms WHERE release_id = $1 ORDER BY version DESC LIMIT 1",
        )
        .bind(release.id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| sbom_row(&r)).transpose()
    }

    /// The release's latest SBOM, read back into the model.
    pub async fn latest_sbom(
        &self,
        release: &ReleaseRow,
    ) -> Result<Option<StoredSbom>, StoreError> {
        let Some(row) = self.latest_sbom_row(release).await? else {
            return Ok(None);
        };
        let doc_id: i64 = sqlx::query("SELECT document_id FROM sboms WHERE id = $1")
            .bind(row.id)
            .fetch_one(&self.pool)
            .await?
            .try_get(0)?;
        let mut conn = self.pool.acquire().await?;
        let mut sbom = load_document(&mut conn, doc_id).await?;
        // Provenance is ours, not the format's: it lives in the components table.
        let prov = sqlx::query(
            "SELECT idx, provenance FROM components WHERE sbom_id = $1 AND provenance IS NOT NULL",
        )
        .bind(row.id)
        .fetch_all(&mut *conn)
        .await?;
        for r in prov {
            let idx: i64 = r.try_get(0)?;
            if let Some(c) = usize::try_from(idx)
                .ok()
                .and_then(|i| sbom.components.get_mut(i))
            {
                c.provenance = r.try_get(1)?;
            }
        }
        Ok(Some(StoredSbom { row, sbom }))
    }

    /// Approves the release's latest SBOM version. Approving is once: an approved
    /// version never changes, and a later import makes a new, unapproved version.
    pub async fn approve_sbom(
        &self,
        release: &ReleaseRow,
        who: &str,
        now: OffsetDateTime,
    ) -> Result<SbomRow, StoreError> {
        let latest = self.latest_sbom_row(release).await?.ok_or_else(|| {
            StoreError::Invalid(format!(
                "release {}@{} has no SBOM to approve",
                release.product, release.version
            ))
        })?;
        if let (Some(at), Some(by)) = (&latest.approved_at, &latest.approved_by) {
            return Err(StoreError::Invalid(format!(
                "SBOM version {} of {}@{} was already approved by {by} at {at}",
                latest.version, release.product, release.version
            )));
        }
        let at = fmt_time(now);
        // The approval and its audit event commit together; the UPDATE comes first so that
        // SQLite's write lock is held before the chain head is read.
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query("UPDATE sboms SET approved_at = $1, approved_by = $2 WHERE id = $3 AND approved_at IS NULL")
            .bind(&at)
            .bind(who)
            .bind(latest.id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() != 1 {
            return Err(StoreError::Invalid(
                "the SBOM was approved by someone else at the same time".into(),
            ));
        }
        let event = Event::new(now, who, action::SBOM_APPROVE, Subject::sbom(latest.id))?.evidence(
            &serde_json::json!({
                "set": {"state": "approved", "approved_by": who, "approved_at": at},
                "product": release.product,
                "release": release.version,
                "version": latest.version,
            }),
        );
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        self.reevaluate_release(release.id, now, action::SBOM_APPROVE)
            .await?;
        Ok(SbomRow {
            approved_at: Some(at),
            approved_by: Some(who.to_owned()),
            ..latest
        })
    }

    /// Counts of stored things, for `db stats`.
    pub async fn counts(&self) -> Result<(i64, i64), StoreError> {
        let sboms: i64 = sqlx::query("SELECT COUNT(*) FROM sboms")
            .fetch_one(&self.pool)
            .await?
            .try_get(0)?;
        let components: i64 = sqlx::query("SELECT COUNT(*) FROM components")
            .fetch_one(&self.pool)
            .await?
            .try_get(0)?;
        Ok((sboms, components))
    }
}

fn sbom_row(r: &sqlx::any::AnyRow) -> Result<SbomRow, StoreError> {
    Ok(SbomRow {
        id: r.try_get(0)?,
        release_id: r.try_get(1)?,
        version: r.try_get(2)?,
        component_count: r.try_get(3)?,
        created_at: r.try_get(4)?,
        created_by: r.try_get(5)?,
        approved_at: r.try_get(6)?,
        approved_by: r.try_get(7)?,
    })
}

fn empty_own(release: &ReleaseRow, now: OffsetDateTime) -> Sbom {
    let mut s = Sbom::new(DocumentFormat::CycloneDxJson, "1.6");
    let primary = mamori_model::Component {
        bom_ref: "release".into(),
        kind: Some(mamori_model::ComponentKind::Device),
        name: release.product.clone(),
        version: mamori_model::Attr::Value(release.version.clone()),
        ..Default::default()
    };
    s.metadata.primary = Some(primary.bom_ref.clone());
    s.metadata.timestamp = Some(now);
    s.components.push(primary);
    s
}

async fn insert_document(
    tx: &mut Transaction<'_, Any>,
    bytes: &[u8],
    sbom: &Sbom,
    filename: Option<&str>,
    sha256: &str,
    now: OffsetDateTime,
) -> Result<i64, StoreError> {
    Ok(sqlx::query(
        "INSERT INTO documents (sha256, format, spec_version, filename, size, content, received_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(sha256)
    .bind(sbom.format.cli_name())
    .bind(&sbom.spec_version)
    .bind(filename)
    .bind(i64::try_from(bytes.len()).unwrap_or(i64::MAX))
    .bind(bytes.to_vec())
    .bind(fmt_time(now))
    .fetch_one(&mut **tx)
    .await?
    .try_get(0)?)
}

pub(crate) async fn load_document(
    conn: &mut sqlx::AnyConnection,
    id: i64,
) -> Result<Sbom, StoreError> {
    let bytes: Vec<u8> = sqlx::query("SELECT content FROM documents WHERE id = $1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await?
        .try_get(0)?;
    let checked = mamori_sbom::read(&bytes).map_err(|e| StoreError::Corrupt {
        id,
        reason: e.to_string(),
    })?;
    Ok(checked.sbom)
}

async fn insert_components(
    tx: &mut Transaction<'_, Any>,
    sbom_id: i64,
    sbom: &Sbom,
) -> Result<(), StoreError> {
    const COLS: usize = 11;
    for (chunk_no, chunk) in sbom.components.chunks(CHUNK).enumerate() {
        let sql = format!(
            "INSERT INTO components (sbom_id, idx, bom_ref, name, version, grp, purl, purl_key, cpe, supplier, provenance) VALUES {}",
            placeholders(chunk.len(), COLS)
        );
        let sql = crate::positional(tx, sql);
        // Safe: the SQL is built only from constants and placeholder numbers; values are bound.
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (i, c) in chunk.iter().enumerate() {
            let idx = i64::try_from(chunk_no * CHUNK + i).unwrap_or(i64::MAX);
            let purl_key = c.purl.as_ref().map(|_| mamori_sbom::diff::identity_key(c));
            let supplier = c.supplier.value().and_then(|p| p.name.clone());
            q = q
                .bind(sbom_id)
                .bind(idx)
                .bind(c.bom_ref.clone())
                .bind(c.name.clone())
                .bind(c.version_str().map(str::to_owned))
                .bind(c.group.clone())
                .bind(c.purl.clone())
                .bind(purl_key)
                .bind(c.cpe.clone())
                .bind(supplier)
                .bind(c.provenance.clone());
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

async fn insert_relationships(
    tx: &mut Transaction<'_, Any>,
    sbom_id: i64,
    sbom: &Sbom,
) -> Result<(), StoreError> {
    const COLS: usize = 4;
    for chunk in sbom.relationships.chunks(CHUNK) {
        let sql = format!(
            "INSERT INTO relationships (sbom_id, from_ref, kind, to_ref) VALUES {}",
            placeholders(chunk.len(), COLS)
        );
        let sql = crate::positional(tx, sql);
        // Safe: the SQL is built only from constants and placeholder numbers; values are bound.
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for r in chunk {
            let kind = match &r.kind {
                RelKind::DependsOn => "DEPENDS_ON".to_owned(),
                RelKind::Contains => "CONTAINS".to_owned(),
                RelKind::Describes => "DESCRIBES".to_owned(),
                RelKind::Other(k) => k.clone(),
            };
            let to = match &r.to {
                RelTarget::Ref(t) => t.clone(),
                RelTarget::None => "NONE".to_owned(),
                RelTarget::NoAssertion => "NOASSERTION".to_owned(),
            };
            q = q.bind(sbom_id).bind(r.from.clone()).bind(kind).bind(to);
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}
