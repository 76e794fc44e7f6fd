//! Single-file feeds (CISA KEV JSON, EPSS CSV gzip): conditional GET, a well-formedness
//! check, one sink call.

use std::io::Read;

use serde::de::IgnoredAny;

use crate::http::{Get, Outcome, redacted};
use crate::state::Validators;
use crate::{FeedSink, FeedSource, SyncError, SyncReport, Syncer};

pub(crate) async fn sync<S: FeedSink>(
    syncer: &Syncer,
    source: FeedSource,
    validators: &mut Validators,
    sink: &mut S,
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    let (url, name) = match source {
        FeedSource::Kev => (&syncer.urls.kev, "known_exploited_vulnerabilities.json"),
        _ => (&syncer.urls.epss, "epss_scores-current.csv.gz"),
    };
    let opts = Get {
        validators: Some(&*validators).filter(|v| !v.is_empty()),
        ..Get::default()
    };
    let body = match syncer.http.get(url, opts).await? {
        Outcome::Body(body) => body,
        Outcome::NotModified => {
            report.not_modified += 1;
            return Ok(());
        }
        Outcome::Missing => {
            return Err(SyncError::Status {
                url: redacted(url),
                status: 404,
            });
        }
    };
    match source {
        FeedSource::Kev => {
            serde_json::from_slice::<IgnoredAny>(&body.bytes).map_err(|source| {
                SyncError::Json {
                    url: redacted(url),
                    source,
                }
            })?;
        }
        _ => check_gzip(
            name,
            &body.bytes,
            syncer.config.max_response_bytes.saturating_mul(16),
        )?,
    }
    sink.accept(source, name, body.bytes)
        .await
        .map_err(|source| SyncError::Sink {
            name: name.to_owned(),
            source,
        })?;
    report.files += 1;
    *validators = body.validators;
    Ok(())
}

/// Decompresses to nowhere: proves the file is complete (gzip's CRC and length trailer).
fn check_gzip(name: &str, bytes: &[u8], limit: u64) -> Result<(), SyncError> {
    let mut decoder = flate2::read::MultiGzDecoder::new(bytes).take(limit);
    std::io::copy(&mut decoder, &mut std::io::sink()).map_err(|source| SyncError::Gzip {
        name: name.to_owned(),
        source,
    })?;
    Ok(())
}
