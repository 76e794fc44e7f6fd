//! MyJVN: page `getVulnOverviewList` by last-update date for the ids, then fetch their
//! VULDEF details in batches; the detail responses are what the sink receives.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::Url;
use time::{Date, Duration, UtcOffset};

use crate::http::{Get, redacted};
use crate::spool::Spool;
use crate::{FeedSink, FeedSource, SyncError, SyncReport, SyncState, Syncer};

const STATUS_NS: &str = "http://jvndb.jvn.jp/myjvn/Status";
const SEC_NS: &str = "http://jvn.jp/rss/mod_sec/3.0/";
/// Query values keep these literal; everything else non-alphanumeric is escaped.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.');

/// MyJVN dates are Japan Standard Time.
fn jst() -> UtcOffset {
    UtcOffset::from_hms(9, 0, 0).unwrap_or(UtcOffset::UTC)
}

/// The paging fields of a MyJVN `status:Status` node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Status {
    total: u64,
    returned: u64,
    first: u64,
}

pub(crate) async fn sync<S: FeedSink>(
    syncer: &Syncer,
    state: &mut SyncState,
    sink: &mut S,
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    let cfg = &syncer.config.jvn;
    let today = (syncer.clock)().to_offset(jst()).date();
    for lang in &cfg.languages {
        let since = state.jvn.get(lang).copied().unwrap_or_else(|| {
            today
                .checked_sub(Duration::days(i64::from(cfg.initial_days)))
                .unwrap_or(today)
        });
        let ids = overview_ids(syncer, lang, since).await?;
        let mut spool = Spool::default();
        for batch in ids.chunks(cfg.detail_batch as usize) {
            let url = detail_url(&syncer.urls.jvn, lang, batch)?;
            let bytes = syncer.http.body(&url, Get::default()).await?;
            let status = read_status(&url, &bytes)?;
            if status.returned != batch.len() as u64 {
                tracing::warn!(url = %redacted(&url), asked = batch.len(), got = status.returned,
                    "myjvn returned fewer details than ids asked for");
            }
            let first = batch.first().map(String::as_str).unwrap_or("none");
            spool.push(format!("jvndb-detail-{lang}-{first}.xml"), &bytes)?;
        }
        report.files += spool.hand_over(FeedSource::Jvn, sink).await?;
        // The next run starts again at today's date (inclusive): a day's later updates
        // are not lost, at the price of re-reading that day.
        state.jvn.insert(lang.clone(), today);
    }
    Ok(())
}

/// Every JVNDB id updated on or after `since`, in the order MyJVN lists them.
async fn overview_ids(syncer: &Syncer, lang: &str, since: Date) -> Result<Vec<String>, SyncError> {
    let page_size = u64::from(syncer.config.jvn.page_size);
    let mut ids: Vec<String> = Vec::new();
    let mut start = 1u64;
    loop {
        let url = overview_url(&syncer.urls.jvn, lang, since, start, page_size)?;
        let bytes = syncer.http.body(&url, Get::default()).await?;
        let (status, page_ids) = read_overview(&url, &bytes)?;
        if status.first != start {
            return Err(paging(
                &url,
                format!("asked for startItem {start}, got firstRes {}", status.first),
            ));
        }
        if page_ids.len() as u64 != status.returned {
            return Err(paging(
                &url,
                format!(
                    "totalResRet is {} but the page lists {} ids",
                    status.returned,
                    page_ids.len()
                ),
            ));
        }
        for id in page_ids {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        let next = status.first + status.returned;
        if status.returned == 0 || next > status.total {
            break;
        }
        start = next;
    }
    Ok(ids)
}

fn overview_url(
    base: &Url,
    lang: &str,
    since: Date,
    start: u64,
    size: u64,
) -> Result<Url, SyncError> {
    let query = format!(
        "method=getVulnOverviewList&feed=hnd&startItem={start}&maxCountItem={size}\
         &rangeDatePublic=n&rangeDatePublished=n&rangeDateFirstPublished=n\
         &datePublishedStartY={}&datePublishedStartM={:02}&datePublishedStartD={:02}&lang={}",
        since.year(),
        u8::from(since.month()),
        since.day(),
        enc(lang),
    );
    with_query(base, &query)
}

/// MyJVN separates several `vulnId`s with a literal `+`, so the query is built by hand.
fn detail_url(base: &Url, lang: &str, ids: &[String]) -> Result<Url, SyncError> {
    let joined = ids
        .iter()
        .map(|i| enc(i).to_string())
        .collect::<Vec<_>>()
        .join("+");
    let query = format!(
        "method=getVulnDetailInfo&feed=hnd&startItem=1&maxCountItem={}&vulnId={joined}&lang={}",
        ids.len(),
        enc(lang)
    );
    with_query(base, &query)
}

fn enc(value: &str) -> percent_encoding::PercentEncode<'_> {
    utf8_percent_encode(value, QUERY_VALUE)
}

fn with_query(base: &Url, query: &str) -> Result<Url, SyncError> {
    let mut url = base.clone();
    let query = match base.query() {
        Some(q) if !q.is_empty() => format!("{q}&{query}"),
        _ => query.to_owned(),
    };
    url.set_query(Some(&query));
    Ok(url)
}

fn parse(url: &Url, bytes: &[u8]) -> Result<String, SyncError> {
    String::from_utf8(bytes.to_vec())
        .map_err(|e| paging(url, format!("response is not utf-8: {e}")))
}

/// Status and the `sec:identifier` of every `item` of an overview page.
fn read_overview(url: &Url, bytes: &[u8]) -> Result<(Status, Vec<String>), SyncError> {
    let text = parse(url, bytes)?;
    let doc = roxmltree::Document::parse(&text).map_err(|source| SyncError::Xml {
        url: redacted(url),
        source,
    })?;
    let status = status_of(url, &doc)?;
    let ids = doc
        .root_element()
        .children()
        .filter(|n| n.has_tag_name("item"))
        .filter_map(|item| {
            item.children()
                .find(|n| n.has_tag_name((SEC_NS, "identifier")))
                .and_then(|n| n.text())
                .map(|t| t.trim().to_owned())
        })
        .filter(|id| !id.is_empty())
        .collect();
    Ok((status, ids))
}

fn read_status(url: &Url, bytes: &[u8]) -> Result<Status, SyncError> {
    let text = parse(url, bytes)?;
    let doc = roxmltree::Document::parse(&text).map_err(|source| SyncError::Xml {
        url: redacted(url),
        source,
    })?;
    status_of(url, &doc)
}

fn status_of(url: &Url, doc: &roxmltree::Document<'_>) -> Result<Status, SyncError> {
    let node = doc
        .root_element()
        .children()
        .find(|n| n.has_tag_name((STATUS_NS, "Status")))
        .ok_or_else(|| paging(url, "no status:Status node".into()))?;
    let attr = |name: &str| node.attribute(name).unwrap_or("").trim();
    if attr("retCd") != "0" {
        return Err(SyncError::MyJvn {
            url: redacted(url),
            code: attr("errCd").to_owned(),
            message: attr("errMsg").to_owned(),
        });
    }
    let number = |name: &str| -> Result<u64, SyncError> {
        attr(name).parse().map_err(|_| {
            paging(
                url,
                format!("status {name} is not a number: {:?}", attr(name)),
            )
        })
    };
    Ok(Status {
        total: number("totalRes")?,
        returned: number("totalResRet")?,
        first: number("firstRes")?,
    })
}

fn paging(url: &Url, detail: String) -> SyncError {
    SyncError::Paging {
        url: redacted(url),
        detail,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The real example responses shipped with the MyJVN API docs (read at test time).
    #[test]
    fn status_of_real_examples() {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/jvn/myjvn-np/examples/hnd"
        );
        if !std::path::Path::new(dir).exists() {
            eprintln!("notice: {dir} absent, skipping");
            return;
        }
        let url = Url::parse("http://127.0.0.1/myjvn").unwrap();
        let overview = std::fs::read(format!("{dir}/getVulnOverviewList_hnd.xml")).unwrap();
        let (status, ids) = read_overview(&url, &overview).unwrap();
        assert_eq!(
            status,
            Status {
                total: 6,
                returned: 2,
                first: 1
            }
        );
        assert_eq!(ids.len(), 2);
        assert!(ids.iter().all(|i| i.starts_with("JVNDB-")), "{ids:?}");
        let detail =
            std::fs::read(format!("{dir}/getVulnDetailInfo_hnd_JVNDB-2017-009608.xml")).unwrap();
        assert_eq!(
            read_status(&url, &detail).unwrap(),
            Status {
                total: 1,
                returned: 1,
                first: 1
            }
        );
    }
}
