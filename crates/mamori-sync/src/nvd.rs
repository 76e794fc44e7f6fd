//! NVD CVE API 2.0: `lastModified` windows of at most 120 days, each paged by
//! `startIndex` and handed over only once every page of the window has arrived.

use reqwest::Url;
use reqwest::header::{HeaderName, HeaderValue};
use serde::Deserialize;
use serde::de::IgnoredAny;
use time::format_description::FormatItem;
use time::macros::format_description;
use time::{Duration, OffsetDateTime};

use crate::http::{Get, redacted};
use crate::spool::Spool;
use crate::state::NvdState;
use crate::{FeedSink, FeedSource, SyncError, SyncReport, Syncer};

/// NVD's "extended ISO-8601" with milliseconds and a numeric offset.
const NVD_TIME: &[FormatItem<'static>] = format_description!(
    "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3][offset_hour sign:mandatory]:[offset_minute]"
);
/// Compact form for file names.
const NAME_TIME: &[FormatItem<'static>] =
    format_description!("[year][month][day]T[hour][minute][second]Z");

/// The only fields paging needs; the vulnerabilities are counted, not read.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Page {
    start_index: u64,
    total_results: u64,
    vulnerabilities: Vec<IgnoredAny>,
}

pub(crate) async fn sync<S: FeedSink>(
    syncer: &Syncer,
    state: &mut NvdState,
    sink: &mut S,
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    // Whole seconds: the end we store is exactly the end we sent.
    let now = (syncer.clock)()
        .to_offset(time::UtcOffset::UTC)
        .replace_nanosecond(0)
        .unwrap_or_else(|_| (syncer.clock)());
    let Some(mut start) = state.last_mod_end else {
        // First sync: everything, unwindowed; changes made while it runs are caught by
        // the next sync, whose first window starts at this sync's start.
        let files = fetch_window(syncer, None, now).await?;
        report.files += files.hand_over(FeedSource::Nvd, sink).await?;
        state.last_mod_end = Some(now);
        return Ok(());
    };
    let step = Duration::days(i64::from(syncer.config.nvd.window_days));
    while start < now {
        let end = (start + step).min(now);
        let files = fetch_window(syncer, Some((start, end)), now).await?;
        report.files += files.hand_over(FeedSource::Nvd, sink).await?;
        state.last_mod_end = Some(end);
        start = end;
    }
    Ok(())
}

/// Fetches every page of one window into a spool; nothing reaches the sink from here.
async fn fetch_window(
    syncer: &Syncer,
    window: Option<(OffsetDateTime, OffsetDateTime)>,
    now: OffsetDateTime,
) -> Result<Spool, SyncError> {
    let cfg = &syncer.config.nvd;
    let label = match window {
        Some((s, e)) => format!("{}-{}", fmt(s, NAME_TIME)?, fmt(e, NAME_TIME)?),
        None => format!("all-{}", fmt(now, NAME_TIME)?),
    };
    let mut spool = Spool::default();
    let mut start_index = 0u64;
    loop {
        let mut url: Url = syncer.urls.nvd.clone();
        {
            let mut q = url.query_pairs_mut();
            if let Some((s, e)) = window {
                q.append_pair("lastModStartDate", &fmt(s, NVD_TIME)?);
                q.append_pair("lastModEndDate", &fmt(e, NVD_TIME)?);
            }
            q.append_pair("resultsPerPage", &cfg.results_per_page.to_string());
            q.append_pair("startIndex", &start_index.to_string());
        }
        let mut headers = Vec::new();
        if let Some(key) = &cfg.api_key {
            let value = HeaderValue::from_str(key.expose())
                .map_err(|_| SyncError::Config("nvd api key is not a valid header value".into()))?;
            headers.push((HeaderName::from_static("apikey"), value));
        }
        let opts = Get {
            headers,
            limiter: Some(&syncer.nvd_limiter),
            ..Get::default()
        };
        let bytes = syncer.http.body(&url, opts).await?;
        let page: Page = serde_json::from_slice(&bytes).map_err(|source| SyncError::Json {
            url: redacted(&url),
            source,
        })?;
        if page.start_index != start_index {
            return Err(paging(
                &url,
                format!(
                    "asked for startIndex {start_index}, got {}",
                    page.start_index
                ),
            ));
        }
        let n = page.vulnerabilities.len() as u64;
        spool.push(format!("nvd-cves-{label}-{start_index:07}.json"), &bytes)?;
        start_index += n;
        if start_index >= page.total_results {
            break;
        }
        if n == 0 {
            return Err(paging(
                &url,
                format!(
                    "empty page at {start_index} of {} results",
                    page.total_results
                ),
            ));
        }
    }
    Ok(spool)
}

fn fmt(t: OffsetDateTime, f: &[FormatItem<'static>]) -> Result<String, SyncError> {
    t.format(f)
        .map_err(|e| SyncError::Config(format!("cannot format time {t}: {e}")))
}

fn paging(url: &Url, detail: String) -> SyncError {
    SyncError::Paging {
        url: redacted(url),
        detail,
    }
}
