//! Identity and tenancy: organizations, users (Argon2id), sessions, API tokens, lockout, installed devices.
//!
//! Secrets never reach the database: a session or token is a random value the
//! caller hands to the client once; the store keeps its SHA-256. A password is
//! kept as an Argon2id PHC string. Every sign-in, failed sign-in, lockout and
//! permission change is an audit event, so the tamper-evident record answers
//! "who could do what, when".

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use argon2::Argon2;
use mamori_model::{Email, OrgKind, Role};
use password_hash::rand_core::{OsRng, RngCore};
use password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::Row;
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

use crate::audit::{Event, Subject};
use crate::{Store, StoreError, fmt_time, is_unique_violation};

/// Consecutive failed sign-ins that lock an account.
pub const LOCKOUT_AFTER: i64 = 5;
/// How long a locked account stays locked.
pub const LOCKOUT_FOR: Duration = Duration::minutes(15);
/// Shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 12;

// Sessions' last-seen time is written at most this often: a page view should not be a write.
const TOUCH_EVERY: Duration = Duration::minutes(1);

/// What a last-used write is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Touch {
    Session,
    Token,
}

/// The last-used writes this process made lately, by what they touched.
///
/// Every request that finds a token's stored time a minute old would write it, and under
/// load dozens find it in the same millisecond. On SQLite each such write waits for the
/// database's one write lock, and each commit makes every other connection drop its page
/// cache: the loaded server's slowest requests were these minutes' first (issue 8). So the
/// first request claims the write and the others in the same minute skip it.
#[derive(Debug, Default)]
pub(crate) struct Touches(Mutex<HashMap<(Touch, i64), OffsetDateTime>>);

// Past this many remembered writes the stale ones are dropped, so the map stays small.
const TOUCHES_KEPT: usize = 4096;

impl Touches {
    /// Whether this caller is the one to write `id`'s last-used time as `now`, given the
    /// stored time: yes when the stored time is over a minute old and no other caller of
    /// this process claimed the write in the last minute.
    pub(crate) fn claim(
        &self,
        what: Touch,
        id: i64,
        stored: Option<OffsetDateTime>,
        now: OffsetDateTime,
    ) -> bool {
        if stored.is_some_and(|s| now - s <= TOUCH_EVERY) {
            return false;
        }
        let mut claimed = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if claimed.len() >= TOUCHES_KEPT {
            claimed.retain(|_, at| now - *at <= TOUCH_EVERY);
        }
        match claimed.get(&(what, id)) {
            Some(at) if now - *at <= TOUCH_EVERY => false,
            _ => {
                claimed.insert((what, id), now);
                true
            }
        }
    }
}

/// What the signed-in user may see: everything the maker holds, or one organization's share.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Visibility {
    /// The maker's staff.
    All,
    /// A hospital's or distributor's staff: only what concerns this organization.
    Organization(i64),
}

/// A stored organization.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrgRow {
    /// Id.
    pub id: i64,
    /// Unique name.
    pub name: String,
    /// Maker, hospital or distributor.
    pub kind: OrgKind,
    /// Language notices go out in (`ja` or `en`).
    pub lang: String,
}

/// A stored user (never with the password hash).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserRow {
    /// Id.
    pub id: i64,
    /// Sign-in address.
    pub email: String,
    /// Name shown.
    pub display_name: String,
    /// Organization id.
    pub org_id: i64,
    /// Organization name.
    pub org_name: String,
    /// Organization kind.
    pub org_kind: OrgKind,
    /// Role.
    pub role: Role,
    /// Preferred language (`ja` or `en`).
    pub lang: String,
    /// Whether the account is disabled.
    pub disabled: bool,
    /// Until when the account is locked after failed sign-ins (RFC 3339).
    pub locked_until: Option<String>,
    /// Last successful sign-in (RFC 3339).
    pub last_login_at: Option<String>,
}

impl UserRow {
    /// What this user may see.
    pub fn visibility(&self) -> Visibility {
        match self.org_kind {
            OrgKind::Maker => Visibility::All,
            OrgKind::Hospital | OrgKind::Distributor => Visibility::Organization(self.org_id),
        }
    }
}

/// A user to add.
#[derive(Clone, Debug)]
pub struct NewUser {
    /// Sign-in address.
    pub email: Email,
    /// Name shown.
    pub display_name: String,
    /// Password in clear (hashed here, never stored).
    pub password: String,
    /// Organization id.
    pub org_id: i64,
    /// Role (must fit the organization's kind).
    pub role: Role,
    /// `ja` or `en`.
    pub lang: String,
}

/// Why a sign-in was refused. The caller shows the same message for all three, so
/// nobody learns which addresses exist; the audit record keeps the difference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignInRefused {
    /// Unknown address or wrong password.
    BadCredentials,
    /// Too many failures: locked until this time.
    Locked(OffsetDateTime),
    /// The account is disabled.
    Disabled,
}

/// A live session and its user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionRow {
    /// Id.
    pub id: i64,
    /// The user.
    pub user: UserRow,
    /// The session's CSRF token for forms.
    pub csrf_token: String,
    /// When it ends.
    pub expires_at: OffsetDateTime,
}

/// A session just created: the secret for the cookie (shown once) and the session.
#[derive(Clone, Debug)]
pub struct NewSession {
    /// The cookie value.
    pub token: String,
    /// The session.
    pub session: SessionRow,
}

/// A stored API token (never its secret).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiTokenRow {
    /// Id.
    pub id: i64,
    /// The first characters of the secret, to tell tokens apart.
    pub prefix: String,
    /// Owner.
    pub user_id: i64,
    /// Name given by the owner.
    pub name: String,
    /// `read`, `write`.
    pub scopes: Vec<String>,
    /// Expiry (RFC 3339).
    pub expires_at: Option<String>,
    /// When revoked (RFC 3339).
    pub revoked_at: Option<String>,
    /// Last use (RFC 3339).
    pub last_used_at: Option<String>,
    /// Created (RFC 3339).
    pub created_at: String,
}

impl ApiTokenRow {
    /// Whether the token carries `scope`.
    pub fn has_scope(&self, scope: &str) -> bool {
        self.scopes.iter().any(|s| s == scope)
    }
}

/// A device installed at an organization.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeviceRow {
    /// Id.
    pub id: i64,
    /// Organization.
    pub org_id: i64,
    /// Release it runs.
    pub release_id: i64,
    /// Serial number.
    pub serial: String,
    /// Site (building, campus).
    pub site: Option<String>,
    /// Location within the site (ward, room).
    pub location: Option<String>,
}

/// The scopes an API token may carry.
pub const TOKEN_SCOPES: [&str; 2] = ["read", "write"];

const USER_COLUMNS: &str = "u.id, u.email, u.display_name, u.org_id, o.name, o.kind, u.role, u.lang, u.disabled, u.locked_until, u.last_login_at";

impl Store {
    /// Adds an organization; its name must be new.
    pub async fn add_organization(
        &self,
        name: &str,
        kind: OrgKind,
        lang: &str,
        by: &str,
        now: OffsetDateTime,
    ) -> Result<OrgRow, StoreError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid("organization name is empty".into()));
        }
        let lang = check_lang(lang)?;
        let mut tx = self.pool.begin().await?;
        let r = sqlx::query(
            "INSERT INTO organizations (name, kind, lang, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(name)
        .bind(kind.as_str())
        .bind(lang)
        .bind(fmt_time(now))
        .fetch_one(&mut *tx)
        .await;
        let id: i64 = match r {
            Ok(row) => row.try_get(0)?,
            Err(e) if is_unique_violation(&e) => {
                return Err(StoreError::Conflict {
                    what: "organization",
                    name: name.to_owned(),
                });
            }
            Err(e) => return Err(e.into()),
        };
        let event = Event::new(now, by, "org.add", Subject::new("org", &id.to_string())?)?
            .evidence(&json!({"set": {"name": name, "kind": kind.as_str(), "lang": lang}}));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        Ok(OrgRow {
            id,
            name: name.to_owned(),
            kind,
            lang: lang.to_owned(),
        })
    }

    /// Organizations by name.
    pub async fn organizations(&self) -> Result<Vec<OrgRow>, StoreError> {
        sqlx::query("SELECT id, name, kind, lang FROM organizations ORDER BY name")
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(org_from_row)
            .collect()
    }

    /// One organization by id, or by name when `key` is not a number.
    pub async fn organization(&self, key: &str) -> Result<OrgRow, StoreError> {
        let row = match key.trim().parse::<i64>() {
            Ok(id) => {
                sqlx::query("SELECT id, name, kind, lang FROM organizations WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?
            }
            Err(_) => {
                sqlx::query("SELECT id, name, kind, lang FROM organizations WHERE name = $1")
                    .bind(key.trim())
                    .fetch_optional(&self.pool)
                    .await?
            }
        };
        row.as_ref()
            .map(org_from_row)
            .transpose()?
            .ok_or_else(|| StoreError::NotFound {
                what: "organization",
                name: key.to_owned(),
            })
    }

    /// Adds a user. The role must fit the organization (hospital users in hospitals and
    /// distributors, the maker's roles in the maker) and the password must be long enough.
    pub async fn add_user(
        &self,
        new: &NewUser,
        by: &str,
        now: OffsetDateTime,
    ) -> Result<UserRow, StoreError> {
        let org = self.organization(&new.org_id.to_string()).await?;
        if !new.role.fits(org.kind) {
            return Err(StoreError::Invalid(format!(
                "role {} does not fit organization {:?} of kind {}",
                new.role, org.name, org.kind
            )));
        }
        let lang = check_lang(&new.lang)?;
        let display_name = new.display_name.trim();
        if display_name.is_empty() {
            return Err(StoreError::Invalid("display name is empty".into()));
        }
        let hash = hash_password(new.password.clone()).await?;
        let mut tx = self.pool.begin().await?;
        let r = sqlx::query(
            "INSERT INTO users (email, display_name, password_hash, org_id, role, lang, disabled, failed_logins, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, 0, 0, $7) RETURNING id",
        )
        .bind(new.email.as_str())
        .bind(display_name)
        .bind(&hash)
        .bind(org.id)
        .bind(new.role.as_str())
        .bind(lang)
        .bind(fmt_time(now))
        .fetch_one(&mut *tx)
        .await;
        let id: i64 = match r {
            Ok(row) => row.try_get(0)?,
            Err(e) if is_unique_violation(&e) => {
                return Err(StoreError::Conflict {
                    what: "user",
                    name: new.email.as_str().to_owned(),
                });
            }
            Err(e) => return Err(e.into()),
        };
        let event = Event::new(now, by, "user.add", Subject::new("user", &id.to_string())?)?
            .evidence(&json!({"set": {
                "email": new.email.as_str(), "display_name": display_name,
                "org_id": org.id, "role": new.role.as_str(), "lang": lang,
            }}));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        self.user(id).await
    }

    /// One user by id.
    pub async fn user(&self, id: i64) -> Result<UserRow, StoreError> {
        let sql = format!(
            "SELECT {USER_COLUMNS} FROM users u JOIN organizations o ON o.id = u.org_id WHERE u.id = $1"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(user_from_row)
            .transpose()?
            .ok_or_else(|| StoreError::NotFound {
                what: "user",
                name: id.to_string(),
            })
    }

    /// Users visible at `vis` (an organization sees its own), by e-mail.
    pub async fn users(&self, vis: Visibility) -> Result<Vec<UserRow>, StoreError> {
        let rows = match vis {
            Visibility::All => {
                let sql = format!(
                    "SELECT {USER_COLUMNS} FROM users u JOIN organizations o ON o.id = u.org_id ORDER BY u.email"
                );
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .fetch_all(&self.pool)
                    .await?
            }
            Visibility::Organization(org) => {
                let sql = format!(
                    "SELECT {USER_COLUMNS} FROM users u JOIN organizations o ON o.id = u.org_id WHERE u.org_id = $1 ORDER BY u.email"
                );
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(org)
                    .fetch_all(&self.pool)
                    .await?
            }
        };
        rows.iter().map(user_from_row).collect()
    }

    /// Changes a user's role (a permission change: audited, and the user's sessions end).
    pub async fn set_user_role(
        &self,
        id: i64,
        role: Role,
        by: &str,
        now: OffsetDateTime,
    ) -> Result<UserRow, StoreError> {
        let before = self.user(id).await?;
        if !role.fits(before.org_kind) {
            return Err(StoreError::Invalid(format!(
                "role {role} does not fit organization {:?} of kind {}",
                before.org_name, before.org_kind
            )));
        }
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE users SET role = $1 WHERE id = $2")
            .bind(role.as_str())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let event = Event::new(now, by, "user.role", Subject::new("user", &id.to_string())?)?
            .evidence(
                &json!({"set": {"role": role.as_str()}, "was": {"role": before.role.as_str()}}),
            );
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        self.user(id).await
    }

    /// Disables or enables a user; disabling ends their sessions and revokes nothing else
    /// (their tokens stop working because the user is disabled).
    pub async fn set_user_disabled(
        &self,
        id: i64,
        disabled: bool,
        by: &str,
        now: OffsetDateTime,
    ) -> Result<UserRow, StoreError> {
        self.user(id).await?;
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "UPDATE users SET disabled = $1, failed_logins = 0, locked_until = NULL WHERE id = $2",
        )
        .bind(i64::from(disabled))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if disabled {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        let action = if disabled {
            "user.disable"
        } else {
            "user.enable"
        };
        let event = Event::new(now, by, action, Subject::new("user", &id.to_string())?)?;
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        self.user(id).await
    }

    /// Sets a new password; the user's other sessions end.
    pub async fn set_password(
        &self,
        id: i64,
        password: &str,
        by: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        self.user(id).await?;
        let hash = hash_password(password.to_owned()).await?;
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(&hash)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let event = Event::new(
            now,
            by,
            "user.password",
            Subject::new("user", &id.to_string())?,
        )?;
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Checks an address and password. Unknown addresses cost the same hashing work as
    /// known ones, so response time does not tell which exist. After [`LOCKOUT_AFTER`]
    /// consecutive failures the account is locked for [`LOCKOUT_FOR`]. Every outcome is
    /// an audit event naming `from` (the client address).
    pub async fn sign_in(
        &self,
        email: &str,
        password: &str,
        from: &str,
        now: OffsetDateTime,
    ) -> Result<Result<UserRow, SignInRefused>, StoreError> {
        let email_norm = email.trim().to_lowercase();
        let row = sqlx::query(
            "SELECT id, password_hash, disabled, failed_logins, locked_until FROM users WHERE email = $1",
        )
        .bind(&email_norm)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            verify_password(None, password.to_owned()).await?;
            // An empty address cannot name a subject; it is still a failed attempt.
            let who = if email_norm.is_empty() {
                "-".to_owned()
            } else {
                email_norm.chars().take(254).collect()
            };
            let event = Event::new(
                now,
                "anonymous",
                "auth.sign_in_failed",
                Subject::new("email", &who)?,
            )?
            .evidence(&json!({"from": from, "reason": "unknown address"}));
            self.append_event(&event).await?;
            return Ok(Err(SignInRefused::BadCredentials));
        };
        let id: i64 = row.try_get(0)?;
        let hash: String = row.try_get(1)?;
        let disabled: i64 = row.try_get(2)?;
        let failed: i64 = row.try_get(3)?;
        let locked_until = parse_time(row.try_get(4)?);
        let subject = Subject::new("user", &id.to_string())?;
        if let Some(until) = locked_until.filter(|u| *u > now) {
            let event = Event::new(now, &email_norm, "auth.sign_in_failed", subject)?
                .evidence(&json!({"from": from, "reason": "locked"}));
            self.append_event(&event).await?;
            return Ok(Err(SignInRefused::Locked(until)));
        }
        let ok = verify_password(Some(hash), password.to_owned()).await?;
        if disabled != 0 {
            let event = Event::new(now, &email_norm, "auth.sign_in_failed", subject)?
                .evidence(&json!({"from": from, "reason": "disabled"}));
            self.append_event(&event).await?;
            return Ok(Err(SignInRefused::Disabled));
        }
        let mut tx = self.pool.begin().await?;
        if ok {
            sqlx::query("UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = $1 WHERE id = $2")
                .bind(fmt_time(now))
                .bind(id)
                .execute(&mut *tx)
                .await?;
            let event = Event::new(
                now,
                &email_norm,
                crate::audit::action::AUTH_SIGN_IN,
                subject,
            )?
            .evidence(&json!({"from": from}));
            self.append_event_tx(&mut tx, &event).await?;
            tx.commit().await?;
            return Ok(Ok(self.user(id).await?));
        }
        let failed = failed + 1;
        let lock = (failed >= LOCKOUT_AFTER).then(|| now + LOCKOUT_FOR);
        sqlx::query("UPDATE users SET failed_logins = $1, locked_until = $2 WHERE id = $3")
            .bind(if lock.is_some() { 0 } else { failed })
            .bind(lock.map(fmt_time))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let event = Event::new(now, &email_norm, "auth.sign_in_failed", subject.clone())?
            .evidence(&json!({"from": from, "reason": "bad password", "failures": failed}));
        self.append_event_tx(&mut tx, &event).await?;
        if let Some(until) = lock {
            let event = Event::new(now, "mamori", "auth.lockout", subject)?
                .evidence(&json!({"from": from, "until": fmt_time(until)}));
            self.append_event_tx(&mut tx, &event).await?;
        }
        tx.commit().await?;
        Ok(Err(match lock {
            Some(until) => SignInRefused::Locked(until),
            None => SignInRefused::BadCredentials,
        }))
    }

    /// Starts a session for a signed-in user, ending at `now + ttl`.
    pub async fn create_session(
        &self,
        user_id: i64,
        ttl: Duration,
        now: OffsetDateTime,
    ) -> Result<NewSession, StoreError> {
        let token = random_secret("");
        let csrf = random_secret("");
        let expires = now + ttl;
        let id: i64 = sqlx::query(
            "INSERT INTO sessions (token_hash, csrf_token, user_id, created_at, expires_at, last_seen_at) \
             VALUES ($1, $2, $3, $4, $5, $4) RETURNING id",
        )
        .bind(sha256_hex(&token))
        .bind(&csrf)
        .bind(user_id)
        .bind(fmt_time(now))
        .bind(fmt_time(expires))
        .fetch_one(&self.pool)
        .await?
        .try_get(0)?;
        Ok(NewSession {
            token,
            session: SessionRow {
                id,
                user: self.user(user_id).await?,
                csrf_token: csrf,
                expires_at: expires,
            },
        })
    }

    /// The live session a cookie value names, if any: not expired, user not disabled.
    pub async fn session(
        &self,
        token: &str,
        now: OffsetDateTime,
    ) -> Result<Option<SessionRow>, StoreError> {
        let row = sqlx::query(
            "SELECT id, user_id, csrf_token, expires_at, last_seen_at FROM sessions WHERE token_hash = $1",
        )
        .bind(sha256_hex(token))
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let id: i64 = row.try_get(0)?;
        let user_id: i64 = row.try_get(1)?;
        let Some(expires) = parse_time(row.try_get(3)?) else {
            return Ok(None);
        };
        if expires <= now {
            sqlx::query("DELETE FROM sessions WHERE id = $1")
                .bind(id)
                .execute(&self.pool)
                .await?;
            return Ok(None);
        }
        let user = self.user(user_id).await?;
        if user.disabled {
            return Ok(None);
        }
        let seen = parse_time(row.try_get(4)?);
        if self.touches.claim(Touch::Session, id, seen, now) {
            sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id = $2")
                .bind(fmt_time(now))
                .bind(id)
                .execute(&self.pool)
                .await?;
        }
        Ok(Some(SessionRow {
            id,
            user,
            csrf_token: row.try_get(2)?,
            expires_at: expires,
        }))
    }

    /// Ends a session (sign-out).
    pub async fn end_session(&self, token: &str, now: OffsetDateTime) -> Result<(), StoreError> {
        let row = sqlx::query("DELETE FROM sessions WHERE token_hash = $1 RETURNING user_id")
            .bind(sha256_hex(token))
            .fetch_optional(&self.pool)
            .await?;
        if let Some(row) = row {
            let user_id: i64 = row.try_get(0)?;
            let user = self.user(user_id).await?;
            let event = Event::new(
                now,
                &user.email,
                "auth.sign_out",
                Subject::new("user", &user_id.to_string())?,
            )?;
            self.append_event(&event).await?;
        }
        Ok(())
    }

    /// Creates an API token for a user. Returns the secret (shown once) and the row.
    /// Scopes are `read` and/or `write`; an expiry is required so forgotten tokens die.
    pub async fn create_api_token(
        &self,
        user_id: i64,
        name: &str,
        scopes: &[&str],
        expires_at: OffsetDateTime,
        by: &str,
        now: OffsetDateTime,
    ) -> Result<(String, ApiTokenRow), StoreError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid("token name is empty".into()));
        }
        if scopes.is_empty() {
            return Err(StoreError::Invalid(
                "a token needs at least one scope".into(),
            ));
        }
        if let Some(bad) = scopes.iter().find(|s| !TOKEN_SCOPES.contains(s)) {
            return Err(StoreError::Invalid(format!(
                "unknown token scope {bad:?}: use read or write"
            )));
        }
        if expires_at <= now {
            return Err(StoreError::Invalid("token expiry is in the past".into()));
        }
        self.user(user_id).await?;
        let secret = random_secret("mamori_");
        let prefix: String = secret.chars().take(14).collect();
        let mut scopes: Vec<&str> = scopes.to_vec();
        scopes.sort_unstable();
        scopes.dedup();
        let mut tx = self.pool.begin().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO api_tokens (token_hash, prefix, user_id, name, scopes, expires_at, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(sha256_hex(&secret))
        .bind(&prefix)
        .bind(user_id)
        .bind(name)
        .bind(scopes.join(" "))
        .bind(fmt_time(expires_at))
        .bind(fmt_time(now))
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        let event = Event::new(now, by, "token.create", Subject::new("token", &id.to_string())?)?
            .evidence(&json!({"set": {"user_id": user_id, "name": name, "scopes": scopes, "expires_at": fmt_time(expires_at), "prefix": prefix}}));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        let row = self.api_token(id).await?;
        Ok((secret, row))
    }

    /// One API token by id.
    pub async fn api_token(&self, id: i64) -> Result<ApiTokenRow, StoreError> {
        sqlx::query("SELECT id, prefix, user_id, name, scopes, expires_at, revoked_at, last_used_at, created_at FROM api_tokens WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(token_from_row)
            .transpose()?
            .ok_or_else(|| StoreError::NotFound { what: "api token", name: id.to_string() })
    }

    /// A user's API tokens, or everyone's when `user_id` is `None`; newest first.
    pub async fn api_tokens(&self, user_id: Option<i64>) -> Result<Vec<ApiTokenRow>, StoreError> {
        let rows = match user_id {
            Some(u) => sqlx::query("SELECT id, prefix, user_id, name, scopes, expires_at, revoked_at, last_used_at, created_at FROM api_tokens WHERE user_id = $1 ORDER BY id DESC")
                .bind(u)
                .fetch_all(&self.pool)
                .await?,
            None => sqlx::query("SELECT id, prefix, user_id, name, scopes, expires_at, revoked_at, last_used_at, created_at FROM api_tokens ORDER BY id DESC")
                .fetch_all(&self.pool)
                .await?,
        };
        rows.iter().map(token_from_row).collect()
    }

    /// Revokes a token (idempotent).
    pub async fn revoke_api_token(
        &self,
        id: i64,
        by: &str,
        now: OffsetDateTime,
    ) -> Result<ApiTokenRow, StoreError> {
        let before = self.api_token(id).await?;
        if before.revoked_at.is_none() {
            let mut tx = self.pool.begin().await?;
            sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2")
                .bind(fmt_time(now))
                .bind(id)
                .execute(&mut *tx)
                .await?;
            let event = Event::new(
                now,
                by,
                "token.revoke",
                Subject::new("token", &id.to_string())?,
            )?;
            self.append_event_tx(&mut tx, &event).await?;
            tx.commit().await?;
        }
        self.api_token(id).await
    }

    /// The token and user a bearer secret names, if it is live: not revoked, not
    /// expired, its user not disabled.
    pub async fn authenticate_token(
        &self,
        secret: &str,
        now: OffsetDateTime,
    ) -> Result<Option<(ApiTokenRow, UserRow)>, StoreError> {
        if !secret.starts_with("mamori_") {
            return Ok(None);
        }
        // The token and its user in one statement: every API request asks this first.
        let sql = format!(
            "SELECT t.id, t.prefix, t.user_id, t.name, t.scopes, t.expires_at, t.revoked_at, \
             t.last_used_at, t.created_at, {USER_COLUMNS} FROM api_tokens t \
             JOIN users u ON u.id = t.user_id JOIN organizations o ON o.id = u.org_id \
             WHERE t.token_hash = $1"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(sha256_hex(secret))
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let token = token_from_row(&row)?;
        if token.revoked_at.is_some()
            || token
                .expires_at
                .as_deref()
                .and_then(|e| parse_time(Some(e.to_owned())))
                .is_none_or(|e| e <= now)
        {
            return Ok(None);
        }
        let user = user_from_row_at(&row, 9)?;
        if user.disabled {
            return Ok(None);
        }
        let used = parse_time(token.last_used_at.clone());
        if self.touches.claim(Touch::Token, token.id, used, now) {
            sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
                .bind(fmt_time(now))
                .bind(token.id)
                .execute(&self.pool)
                .await?;
        }
        Ok(Some((token, user)))
    }

    /// Records a device installed at an organization (the installed base grows in issue 9).
    #[allow(clippy::too_many_arguments)]
    pub async fn add_installed_device(
        &self,
        org_id: i64,
        release_id: i64,
        serial: &str,
        site: Option<&str>,
        location: Option<&str>,
        by: &str,
        now: OffsetDateTime,
    ) -> Result<DeviceRow, StoreError> {
        let serial = serial.trim();
        if serial.is_empty() {
            return Err(StoreError::Invalid("serial number is empty".into()));
        }
        let mut tx = self.pool.begin().await?;
        let r = sqlx::query(
            "INSERT INTO installed_devices (org_id, release_id, serial, site, location, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(org_id)
        .bind(release_id)
        .bind(serial)
        .bind(site)
        .bind(location)
        .bind(fmt_time(now))
        .fetch_one(&mut *tx)
        .await;
        let id: i64 = match r {
            Ok(row) => row.try_get(0)?,
            Err(e) if is_unique_violation(&e) => {
                return Err(StoreError::Conflict {
                    what: "installed device",
                    name: serial.to_owned(),
                });
            }
            Err(e) => return Err(e.into()),
        };
        let event = Event::new(now, by, "device.add", Subject::new("device", &id.to_string())?)?
            .evidence(&json!({"set": {"org_id": org_id, "release_id": release_id, "serial": serial, "site": site, "location": location}}));
        self.append_event_tx(&mut tx, &event).await?;
        tx.commit().await?;
        Ok(DeviceRow {
            id,
            org_id,
            release_id,
            serial: serial.to_owned(),
            site: site.map(str::to_owned),
            location: location.map(str::to_owned),
        })
    }

    /// The devices of an organization still in service.
    pub async fn installed_devices(&self, org_id: i64) -> Result<Vec<DeviceRow>, StoreError> {
        sqlx::query("SELECT id, org_id, release_id, serial, site, location FROM installed_devices WHERE org_id = $1 AND decommissioned_on IS NULL ORDER BY id")
            .bind(org_id)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| {
                Ok(DeviceRow {
                    id: r.try_get(0)?,
                    org_id: r.try_get(1)?,
                    release_id: r.try_get(2)?,
                    serial: r.try_get(3)?,
                    site: r.try_get(4)?,
                    location: r.try_get(5)?,
                })
            })
            .collect()
    }
}

fn check_lang(lang: &str) -> Result<&'static str, StoreError> {
    match lang {
        "ja" => Ok("ja"),
        "en" => Ok("en"),
        other => Err(StoreError::Invalid(format!(
            "language {other:?} is not supported: use ja or en"
        ))),
    }
}

fn org_from_row(r: &sqlx::any::AnyRow) -> Result<OrgRow, StoreError> {
    let kind: String = r.try_get(2)?;
    Ok(OrgRow {
        id: r.try_get(0)?,
        name: r.try_get(1)?,
        kind: OrgKind::parse(&kind).ok_or_else(|| {
            StoreError::Invalid(format!("stored organization kind {kind:?} is unknown"))
        })?,
        lang: r.try_get(3)?,
    })
}

fn user_from_row(r: &sqlx::any::AnyRow) -> Result<UserRow, StoreError> {
    user_from_row_at(r, 0)
}

/// The user of a row whose [`USER_COLUMNS`] start at column `at`.
fn user_from_row_at(r: &sqlx::any::AnyRow, at: usize) -> Result<UserRow, StoreError> {
    let kind: String = r.try_get(at + 5)?;
    let role: String = r.try_get(at + 6)?;
    let disabled: i64 = r.try_get(at + 8)?;
    Ok(UserRow {
        id: r.try_get(at)?,
        email: r.try_get(at + 1)?,
        display_name: r.try_get(at + 2)?,
        org_id: r.try_get(at + 3)?,
        org_name: r.try_get(at + 4)?,
        org_kind: OrgKind::parse(&kind).ok_or_else(|| {
            StoreError::Invalid(format!("stored organization kind {kind:?} is unknown"))
        })?,
        role: Role::parse(&role)
            .ok_or_else(|| StoreError::Invalid(format!("stored role {role:?} is unknown")))?,
        lang: r.try_get(at + 7)?,
        disabled: disabled != 0,
        locked_until: r.try_get(at + 9)?,
        last_login_at: r.try_get(at + 10)?,
    })
}

fn token_from_row(r: &sqlx::any::AnyRow) -> Result<ApiTokenRow, StoreError> {
    let scopes: String = r.try_get(4)?;
    Ok(ApiTokenRow {
        id: r.try_get(0)?,
        prefix: r.try_get(1)?,
        user_id: r.try_get(2)?,
        name: r.try_get(3)?,
        scopes: scopes.split_whitespace().map(str::to_owned).collect(),
        expires_at: r.try_get(5)?,
        revoked_at: r.try_get(6)?,
        last_used_at: r.try_get(7)?,
        created_at: r.try_get(8)?,
    })
}

fn parse_time(s: Option<String>) -> Option<OffsetDateTime> {
    s.and_then(|s| OffsetDateTime::parse(&s, &Rfc3339).ok())
}

/// 32 random bytes from the OS, hex, after `prefix`.
fn random_secret(prefix: &str) -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    format!("{prefix}{}", hex::encode(bytes))
}

fn sha256_hex(s: &str) -> String {
    hex::encode(Sha256::digest(s.as_bytes()))
}

/// Argon2id with the crate's defaults (19 MiB, 2 passes), off the async threads.
async fn hash_password(password: String) -> Result<String, StoreError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(StoreError::Invalid(format!(
            "password is shorter than {MIN_PASSWORD_CHARS} characters"
        )));
    }
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| StoreError::Invalid(format!("cannot hash password: {e}")))
    })
    .await
    .map_err(|e| StoreError::Invalid(format!("password hashing stopped: {e}")))?
}

/// Checks a password against a stored hash, or against a hash of no one's password
/// when there is none, so an unknown address costs the same work.
async fn verify_password(hash: Option<String>, password: String) -> Result<bool, StoreError> {
    tokio::task::spawn_blocking(move || {
        let hash = hash.as_deref().unwrap_or_else(|| dummy_hash());
        PasswordHash::new(hash)
            .map(|h| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &h)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .map_err(|e| StoreError::Invalid(format!("password check stopped: {e}")))
}

fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(random_secret("").as_bytes(), &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_8_one_last_used_write_per_minute_however_many_requests_see_it_stale() {
        let touches = Touches::default();
        let t0 = OffsetDateTime::UNIX_EPOCH + Duration::days(20_000);
        let stale = Some(t0 - Duration::minutes(5));
        // The first request past the stale time writes it; the others at that moment,
        // which read the same stale time, do not.
        assert!(touches.claim(Touch::Token, 7, stale, t0));
        assert!(!touches.claim(Touch::Token, 7, stale, t0));
        assert!(!touches.claim(Touch::Token, 7, stale, t0 + Duration::seconds(30)));
        // Another token, and a session with the same id, are claims of their own.
        assert!(touches.claim(Touch::Token, 8, stale, t0));
        assert!(touches.claim(Touch::Session, 7, stale, t0));
        // A fresh stored time needs no write; a never-used token does.
        assert!(!touches.claim(Touch::Token, 9, Some(t0 - Duration::seconds(10)), t0));
        assert!(touches.claim(Touch::Token, 10, None, t0));
        // A minute on, the write is due again.
        assert!(touches.claim(Touch::Token, 7, Some(t0), t0 + Duration::seconds(61)));
    }

    #[test]
    fn remembered_writes_stay_bounded() {
        let touches = Touches::default();
        let t0 = OffsetDateTime::UNIX_EPOCH + Duration::days(20_000);
        for id in 0..TOUCHES_KEPT as i64 {
            assert!(touches.claim(Touch::Session, id, None, t0));
        }
        let later = t0 + Duration::minutes(2);
        assert!(touches.claim(Touch::Session, -1, None, later));
        let kept = touches.0.lock().unwrap().len();
        assert_eq!(kept, 1, "the stale claims were dropped");
        // A dropped claim is due again, which its stored time would say anyway.
        assert!(touches.claim(Touch::Session, 0, Some(t0), later));
    }
}
