//! One GET with the house rules: timeouts, bounded retries honoring `Retry-After`,
//! conditional requests, a size cap, and an optional rate limiter.

use std::time::{Duration, SystemTime};

use reqwest::header::{
    ETAG, HeaderMap, HeaderName, HeaderValue, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED,
    RETRY_AFTER,
};
use reqwest::{Response, StatusCode, Url};

use crate::limiter::RateLimiter;
use crate::state::Validators;
use crate::{SyncConfig, SyncError};

/// The shared client and its policy.
#[derive(Debug)]
pub(crate) struct Http {
    client: reqwest::Client,
    max_retries: u32,
    backoff_base: Duration,
    max_wait: Duration,
    max_bytes: u64,
}

/// A successful body and the validators that came with it.
#[derive(Debug)]
pub(crate) struct Body {
    pub(crate) bytes: Vec<u8>,
    pub(crate) validators: Validators,
}

/// What a GET came to.
#[derive(Debug)]
pub(crate) enum Outcome {
    Body(Body),
    /// 304 to a conditional request.
    NotModified,
    /// 404 or 410, when the caller said that is an answer rather than an error.
    Missing,
}

/// Options of one GET.
#[derive(Default)]
pub(crate) struct Get<'a> {
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) limiter: Option<&'a RateLimiter>,
    pub(crate) validators: Option<&'a Validators>,
    pub(crate) missing_ok: bool,
}

impl Http {
    pub(crate) fn new(config: &SyncConfig) -> Result<Self, SyncError> {
        let client = reqwest::Client::builder()
            .user_agent(config.user_agent.clone())
            .timeout(Duration::from_millis(config.request_timeout_ms))
            .connect_timeout(Duration::from_millis(config.connect_timeout_ms))
            .https_only(false)
            .build()
            .map_err(SyncError::Client)?;
        Ok(Http {
            client,
            max_retries: config.max_retries,
            backoff_base: Duration::from_millis(config.backoff_base_ms),
            max_wait: Duration::from_secs(config.max_retry_wait_secs),
            max_bytes: config.max_response_bytes,
        })
    }

    /// GET that must produce a body.
    pub(crate) async fn body(&self, url: &Url, opts: Get<'_>) -> Result<Vec<u8>, SyncError> {
        match self.get(url, opts).await? {
            Outcome::Body(b) => Ok(b.bytes),
            // Only reachable when the caller sent validators or allowed a 404.
            Outcome::NotModified => Err(status_error(url, StatusCode::NOT_MODIFIED)),
            Outcome::Missing => Err(status_error(url, StatusCode::NOT_FOUND)),
        }
    }

    pub(crate) async fn get(&self, url: &Url, opts: Get<'_>) -> Result<Outcome, SyncError> {
        let mut headers = HeaderMap::new();
        for (k, v) in opts.headers {
            headers.insert(k, v);
        }
        if let Some(v) = opts.validators {
            if let Some(etag) = v
                .etag
                .as_deref()
                .and_then(|e| HeaderValue::from_str(e).ok())
            {
                headers.insert(IF_NONE_MATCH, etag);
            }
            if let Some(lm) = v
                .last_modified
                .as_deref()
                .and_then(|e| HeaderValue::from_str(e).ok())
            {
                headers.insert(IF_MODIFIED_SINCE, lm);
            }
        }
        let mut attempt = 0u32;
        loop {
            if let Some(limiter) = opts.limiter {
                limiter.acquire().await;
            }
            let sent = self
                .client
                .get(url.clone())
                .headers(headers.clone())
                .send()
                .await;
            let retry_wait = match sent {
                Err(e) => {
                    if attempt >= self.max_retries {
                        return Err(transport(url, e));
                    }
                    tracing::warn!(url = %redacted(url), error = %e, "request failed, retrying");
                    self.backoff(attempt)
                }
                Ok(resp) => {
                    let status = resp.status();
                    if status == StatusCode::NOT_MODIFIED && opts.validators.is_some() {
                        return Ok(Outcome::NotModified);
                    }
                    if (status == StatusCode::NOT_FOUND || status == StatusCode::GONE)
                        && opts.missing_ok
                    {
                        return Ok(Outcome::Missing);
                    }
                    if retryable(status) && attempt < self.max_retries {
                        let wait = match retry_after(resp.headers()) {
                            Some(w) if w > self.max_wait => {
                                return Err(SyncError::RetryAfterTooLong {
                                    url: redacted(url),
                                    seconds: w.as_secs(),
                                });
                            }
                            Some(w) => w,
                            None => self.backoff(attempt),
                        };
                        tracing::warn!(url = %redacted(url), %status, ?wait, "server busy, retrying");
                        wait
                    } else if !status.is_success() {
                        return Err(status_error(url, status));
                    } else {
                        let validators = Validators {
                            etag: header_string(resp.headers(), ETAG),
                            last_modified: header_string(resp.headers(), LAST_MODIFIED),
                        };
                        match self.read_body(url, resp).await {
                            Ok(bytes) => return Ok(Outcome::Body(Body { bytes, validators })),
                            Err(ReadError::Fatal(e)) => return Err(e),
                            Err(ReadError::Transport(e)) => {
                                if attempt >= self.max_retries {
                                    return Err(transport(url, e));
                                }
                                self.backoff(attempt)
                            }
                        }
                    }
                }
            };
            tokio::time::sleep(retry_wait).await;
            attempt += 1;
        }
    }

    fn backoff(&self, attempt: u32) -> Duration {
        let factor = 1u32.checked_shl(attempt.min(16)).unwrap_or(u32::MAX);
        self.backoff_base
            .checked_mul(factor)
            .unwrap_or(self.max_wait)
            .min(self.max_wait)
    }

    async fn read_body(&self, url: &Url, mut resp: Response) -> Result<Vec<u8>, ReadError> {
        let too_large = || {
            ReadError::Fatal(SyncError::TooLarge {
                url: redacted(url),
                limit: self.max_bytes,
            })
        };
        if resp.content_length().is_some_and(|n| n > self.max_bytes) {
            return Err(too_large());
        }
        let mut bytes = Vec::with_capacity(
            resp.content_length()
                .unwrap_or(0)
                .min(self.max_bytes)
                .min(64 << 20) as usize,
        );
        while let Some(chunk) = resp.chunk().await.map_err(ReadError::Transport)? {
            if bytes.len() as u64 + chunk.len() as u64 > self.max_bytes {
                return Err(too_large());
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(bytes)
    }
}

enum ReadError {
    Fatal(SyncError),
    Transport(reqwest::Error),
}

fn retryable(status: StatusCode) -> bool {
    status == StatusCode::TOO_MANY_REQUESTS
        || status == StatusCode::REQUEST_TIMEOUT
        || matches!(status.as_u16(), 500 | 502 | 503 | 504)
}

/// `Retry-After` as delta-seconds or an HTTP date.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(SystemTime::now()).unwrap_or_default())
}

fn header_string(headers: &HeaderMap, name: HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// The URL without user info, for messages (API keys travel in headers, never here).
pub(crate) fn redacted(url: &Url) -> String {
    let mut u = url.clone();
    let _ = u.set_username("");
    let _ = u.set_password(None);
    u.to_string()
}

fn transport(url: &Url, e: reqwest::Error) -> SyncError {
    SyncError::Transport {
        url: redacted(url),
        source: e.without_url(),
    }
}

fn status_error(url: &Url, status: StatusCode) -> SyncError {
    SyncError::Status {
        url: redacted(url),
        status: status.as_u16(),
    }
}
