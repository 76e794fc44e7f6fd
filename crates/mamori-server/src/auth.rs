//! Who is asking: sessions in cookies, API tokens in `Authorization: Bearer`, CSRF, sign-in rate limits.
//!
//! The role decides what may be done ([`Principal::require`]); the organization
//! decides what may be seen ([`Principal::visibility`], which the store applies
//! in its queries). A cookie-authenticated API call that changes something
//! must carry the session's CSRF token in `X-CSRF-Token`; console forms carry
//! it in a hidden field and check it with [`Principal::check_csrf`].

use std::collections::{HashMap, VecDeque};
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, header};
use mamori_model::Permission;
use mamori_store::{UserRow, Visibility};
use time::OffsetDateTime;

use crate::AppState;
use crate::problem::ApiError;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "mamori_session";
/// The header a cookie-authenticated API change carries its CSRF token in.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// How the request proved who it is.
#[derive(Clone, Debug)]
pub enum Via {
    /// A browser session.
    Session {
        /// The session's CSRF token.
        csrf: String,
        /// The cookie value (to end the session).
        token: String,
    },
    /// An API token.
    Token {
        /// Its scopes.
        scopes: Vec<String>,
    },
}

/// The signed-in user of a request.
#[derive(Clone, Debug)]
pub struct Principal {
    /// The user.
    pub user: UserRow,
    /// How they signed in.
    pub via: Via,
}

impl Principal {
    /// Fails unless the role holds `p` and, for an API token, the token's scope allows it.
    pub fn require(&self, p: Permission) -> Result<(), ApiError> {
        if !self.user.role.can(p) {
            return Err(ApiError::Forbidden(p));
        }
        if let Via::Token { scopes } = &self.via
            && p.writes()
            && !scopes.iter().any(|s| s == "write")
        {
            return Err(ApiError::ReadOnlyToken);
        }
        Ok(())
    }

    /// What the user may see.
    pub fn visibility(&self) -> Visibility {
        self.user.visibility()
    }

    /// The name the audit record gives this user.
    pub fn actor(&self) -> &str {
        &self.user.email
    }

    /// Checks a form's CSRF field against the session's token (constant time).
    pub fn check_csrf(&self, given: &str) -> Result<(), ApiError> {
        match &self.via {
            Via::Session { csrf, .. } if constant_eq(csrf.as_bytes(), given.as_bytes()) => Ok(()),
            Via::Session { .. } => Err(ApiError::Csrf),
            // Bearer tokens are not sent by browsers on their own: no CSRF exposure.
            Via::Token { .. } => Ok(()),
        }
    }

    /// The session's CSRF token, for forms.
    pub fn csrf(&self) -> &str {
        match &self.via {
            Via::Session { csrf, .. } => csrf,
            Via::Token { .. } => "",
        }
    }
}

impl FromRequestParts<AppState> for Principal {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        if let Some(p) = parts.extensions.get::<Principal>() {
            return Ok(p.clone());
        }
        let now = OffsetDateTime::now_utc();
        let principal = if let Some(secret) = bearer(&parts.headers) {
            let (token, user) = state
                .store
                .authenticate_token(secret, now)
                .await?
                .ok_or(ApiError::Unauthenticated)?;
            Principal {
                user,
                via: Via::Token {
                    scopes: token.scopes,
                },
            }
        } else if let Some(cookie) = cookie(&parts.headers, SESSION_COOKIE) {
            let session = state
                .store
                .session(cookie, now)
                .await?
                .ok_or(ApiError::Unauthenticated)?;
            let p = Principal {
                user: session.user,
                via: Via::Session {
                    csrf: session.csrf_token,
                    token: cookie.to_owned(),
                },
            };
            let unsafe_method =
                !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
            if unsafe_method && parts.uri.path().starts_with("/api/") {
                let given = parts
                    .headers
                    .get(CSRF_HEADER)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("");
                p.check_csrf(given)?;
            }
            p
        } else {
            return Err(ApiError::Unauthenticated);
        };
        parts.extensions.insert(principal.clone());
        Ok(principal)
    }
}

/// The `Authorization: Bearer` secret, if any.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

/// A cookie's value from the `Cookie` headers.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The `Set-Cookie` value for a new session (or, with `None`, one that clears it).
pub fn session_cookie(token: Option<&str>, max_age_secs: i64, secure: bool) -> HeaderValue {
    let value = match token {
        Some(t) => format!(
            "{SESSION_COOKIE}={t}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{}",
            if secure { "; Secure" } else { "" }
        ),
        None => format!(
            "{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}",
            if secure { "; Secure" } else { "" }
        ),
    };
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static(""))
}

pub(crate) fn constant_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The client's address: the connection's peer (a proxy in front is not trusted
/// for this unless it is the peer itself).
pub fn client_ip(parts_ext: &axum::http::Extensions) -> Option<IpAddr> {
    parts_ext
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(a)| a.ip())
}

/// Sign-in attempts per client address in a sliding minute, in this process. The
/// per-account lockout in the store holds across processes; this stops one client
/// from trying many accounts.
#[derive(Debug)]
pub struct SignInLimiter {
    per_minute: u32,
    window: Duration,
    seen: Mutex<HashMap<IpAddr, VecDeque<Instant>>>,
}

impl SignInLimiter {
    /// A limiter allowing `per_minute` attempts per address.
    pub fn new(per_minute: u32) -> SignInLimiter {
        SignInLimiter::per_window(per_minute, Duration::from_secs(60))
    }

    /// A limiter allowing `n` attempts per address in any `window` (the report intake: per hour).
    pub fn per_window(n: u32, window: Duration) -> SignInLimiter {
        SignInLimiter {
            per_minute: n,
            window,
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// Records an attempt at `now`; `Err(seconds to wait)` when over the limit.
    pub fn attempt(&self, ip: IpAddr, now: Instant) -> Result<(), u64> {
        let window = self.window;
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        // Forget quiet addresses so the map cannot grow without bound.
        if seen.len() > 10_000 {
            seen.retain(|_, q| q.back().is_some_and(|t| now.duration_since(*t) < window));
        }
        let q = seen.entry(ip).or_default();
        while q.front().is_some_and(|t| now.duration_since(*t) >= window) {
            q.pop_front();
        }
        if q.len() >= self.per_minute as usize {
            let oldest = q.front().copied().unwrap_or(now);
            let wait = window
                .saturating_sub(now.duration_since(oldest))
                .as_secs()
                .max(1);
            return Err(wait);
        }
        q.push_back(now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limiter_slides() {
        let l = SignInLimiter::new(3);
        let ip: IpAddr = "10.0.0.1".parse().unwrap();
        let other: IpAddr = "10.0.0.2".parse().unwrap();
        let t = Instant::now();
        for _ in 0..3 {
            assert!(l.attempt(ip, t).is_ok());
        }
        assert!(l.attempt(ip, t + Duration::from_secs(10)).is_err());
        assert!(l.attempt(other, t).is_ok());
        assert!(l.attempt(ip, t + Duration::from_secs(61)).is_ok());
    }

    #[test]
    fn cookies_and_bearer() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; mamori_session=abc; b=2"),
        );
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer mamori_xyz"),
        );
        assert_eq!(cookie(&h, SESSION_COOKIE), Some("abc"));
        assert_eq!(cookie(&h, "c"), None);
        assert_eq!(bearer(&h), Some("mamori_xyz"));
        assert!(
            constant_eq(b"abc", b"abc")
                && !constant_eq(b"abc", b"abd")
                && !constant_eq(b"ab", b"abc")
        );
    }
}
