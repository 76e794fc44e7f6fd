//! OpenPGP signing keys kept by Mamori: the key the CSAF provider folder signs published documents with.
//!
//! Keys are generated here (Ed25519, from the operating system's RNG) and stored armored; the secret
//! is protected by the passphrase the caller passes (`MAMORI_SIGNING_PASSPHRASE` on the server and
//! the CLI), or stored unprotected when there is none, which the row says. The active key is the
//! newest one not retired. Creating and retiring a key are audit events.

use mamori_csaf::openpgp::SigningKey;
use serde_json::json;
use sqlx::Row;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::audit::{Event, Subject};
use crate::{Store, StoreError, fmt_time};

/// A stored signing key (its public half and facts; the secret stays in the store).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SigningKeyRow {
    /// Id.
    pub id: i64,
    /// 40 upper-case hex digits.
    pub fingerprint: String,
    /// The key's user id.
    pub user_id: String,
    /// The armored public key.
    pub public_key: String,
    /// Whether the stored secret is protected by a passphrase.
    pub protected: bool,
    /// Who created it.
    pub created_by: String,
    /// When.
    pub created_at: OffsetDateTime,
    /// When it was retired, if it was.
    pub retired_at: Option<OffsetDateTime>,
    /// Who retired it.
    pub retired_by: Option<String>,
}

impl SigningKeyRow {
    /// The API's and the CLI's view.
    pub fn to_json(&self) -> serde_json::Value {
        json!({
            "id": self.id,
            "fingerprint": self.fingerprint,
            "user_id": self.user_id,
            "protected": self.protected,
            "created_by": self.created_by,
            "created_at": fmt_time(self.created_at),
            "retired_at": self.retired_at.map(fmt_time),
            "retired_by": self.retired_by,
        })
    }
}

const COLUMNS: &str = "id, fingerprint, user_id, public_key, protected, created_by, created_at, retired_by, retired_at";

fn row_to_key(r: &sqlx::any::AnyRow) -> Result<SigningKeyRow, StoreError> {
    let id: i64 = r.try_get(0)?;
    let time = |s: String| {
        OffsetDateTime::parse(&s, &Rfc3339).map_err(|e| StoreError::Corrupt {
            id,
            reason: format!("signing key date {s:?}: {e}"),
        })
    };
    let protected: i64 = r.try_get(4)?;
    let retired_at: Option<String> = r.try_get(8)?;
    Ok(SigningKeyRow {
        id,
        fingerprint: r.try_get(1)?,
        user_id: r.try_get(2)?,
        public_key: r.try_get(3)?,
        protected: protected != 0,
        created_by: r.try_get(5)?,
        created_at: time(r.try_get(6)?)?,
        retired_by: r.try_get(7)?,
        retired_at: retired_at.map(time).transpose()?,
    })
}

fn key_error(e: mamori_csaf::openpgp::OpenPgpError) -> StoreError {
    StoreError::Invalid(format!("signing key: {e}"))
}

impl Store {
    /// Every signing key, newest first.
    pub async fn signing_keys(&self) -> Result<Vec<SigningKeyRow>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM signing_keys ORDER BY id DESC");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(row_to_key)
            .collect()
    }

    /// The active key (the newest not retired), if there is one, without its secret.
    pub async fn active_signing_key_row(&self) -> Result<Option<SigningKeyRow>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM signing_keys WHERE retired_at IS NULL ORDER BY id DESC LIMIT 1"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(row_to_key)
            .transpose()
    }

    /// The active key ready to sign, unlocked with `passphrase`; `None` when there is no active key.
    /// A protected key and a wrong or missing passphrase is an error, not `None`.
    pub async fn active_signing_key(
        &self,
        passphrase: Option<&str>,
    ) -> Result<Option<(SigningKeyRow, SigningKey)>, StoreError> {
        let Some(row) = self.active_signing_key_row().await? else {
            return Ok(None);
        };
        let secret: String = sqlx::query("SELECT secret_key FROM signing_keys WHERE id = $1")
            .bind(row.id)
            .fetch_one(&self.pool)
            .await?
            .try_get(0)?;
        // An unprotected key opens with no passphrase whatever is configured.
        let pass = if row.protected { passphrase } else { None };
        let key = SigningKey::from_armored(&secret, pass).map_err(key_error)?;
        Ok(Some((row, key)))
    }

    /// Generates a key for `user_id` created at `now`, protected by `passphrase` when given, and
    /// stores it as the active key, with its audit event.
    pub async fn create_signing_key(
        &self,
        user_id: &str,
        passphrase: Option<&str>,
        who: &str,
        now: OffsetDateTime,
    ) -> Result<(SigningKeyRow, SigningKey), StoreError> {
        let now = now.replace_nanosecond(0).unwrap_or(now);
        let passphrase = passphrase.filter(|p| !p.is_empty());
        let key =
            SigningKey::generate(rand::rngs::OsRng, user_id, passphrase, now).map_err(key_error)?;
        let public = key.public_armored().map_err(key_error)?;
        let secret = key.secret_armored().map_err(key_error)?;
        let mut tx = self.pool.begin().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO signing_keys (fingerprint, user_id, public_key, secret_key, protected, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(key.fingerprint())
        .bind(key.user_id())
        .bind(public)
        .bind(secret)
        .bind(i64::from(key.is_protected()))
        .bind(who)
        .bind(fmt_time(now))
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        let event = Event::new(
            now,
            who,
            "signing_key.create",
            Subject::new("signing_key", &key.fingerprint())?,
        )?
        .evidence(&json!({
            "set": {
                "fingerprint": key.fingerprint(),
                "user_id": key.user_id(),
                "protected": key.is_protected(),
                "algorithm": "ed25519",
            },
        }));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        let sql = format!("SELECT {COLUMNS} FROM signing_keys WHERE id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_one(&self.pool)
            .await?;
        Ok((row_to_key(&row)?, key))
    }

    /// The active key, generated first when there is none (the first publication needs one).
    pub async fn ensure_signing_key(
        &self,
        user_id: &str,
        passphrase: Option<&str>,
        who: &str,
        now: OffsetDateTime,
    ) -> Result<(SigningKeyRow, SigningKey), StoreError> {
        match self.active_signing_key(passphrase).await? {
            Some(k) => Ok(k),
            None => self.create_signing_key(user_id, passphrase, who, now).await,
        }
    }

    /// Retires the key with `fingerprint` (any case), with its audit event: it signs nothing
    /// more, and the next older key not retired, or a new one, becomes active.
    pub async fn retire_signing_key(
        &self,
        fingerprint: &str,
        why: &str,
        who: &str,
        now: OffsetDateTime,
    ) -> Result<SigningKeyRow, StoreError> {
        let fingerprint = fingerprint.trim().to_ascii_uppercase();
        let now = now.replace_nanosecond(0).unwrap_or(now);
        let mut tx = self.pool.begin().await?;
        let changed = sqlx::query(
            "UPDATE signing_keys SET retired_at = $1, retired_by = $2 WHERE fingerprint = $3 AND retired_at IS NULL",
        )
        .bind(fmt_time(now))
        .bind(who)
        .bind(fingerprint.clone())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(StoreError::NotFound {
                what: "signing key not retired",
                name: fingerprint,
            });
        }
        let event = Event::new(
            now,
            who,
            "signing_key.retire",
            Subject::new("signing_key", &fingerprint)?,
        )?
        .why(why.trim())
        .evidence(&json!({"set": {"retired_at": fmt_time(now)}}));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        let sql = format!("SELECT {COLUMNS} FROM signing_keys WHERE fingerprint = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(fingerprint)
            .fetch_one(&self.pool)
            .await?;
        row_to_key(&row)
    }
}
