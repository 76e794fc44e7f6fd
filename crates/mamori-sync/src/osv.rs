//! OSV per-ecosystem `all.zip` archives: conditional GET, a full integrity pass over the
//! archive, then one sink call per JSON entry.

use std::io::{Cursor, Read};

use reqwest::Url;

use crate::http::{Get, Outcome, redacted};
use crate::{FeedSink, FeedSource, SyncError, SyncReport, SyncState, Syncer};

pub(crate) async fn sync<S: FeedSink>(
    syncer: &Syncer,
    state: &mut SyncState,
    sink: &mut S,
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    for ecosystem in &syncer.config.osv.ecosystems {
        let url = archive_url(&syncer.urls.osv, ecosystem)?;
        let previous = state.osv.get(ecosystem).filter(|v| !v.is_empty());
        let opts = Get {
            validators: previous,
            ..Get::default()
        };
        let body = match syncer.http.get(&url, opts).await? {
            Outcome::Body(body) => body,
            Outcome::NotModified => {
                report.not_modified += 1;
                continue;
            }
            // Not asked for (`missing_ok` is off): a 404 already came back as an error.
            Outcome::Missing => return Err(missing(&url)),
        };
        let name = format!("osv-{ecosystem}-all.zip");
        let entries = verify(&name, &body.bytes, &syncer.config.osv)?;
        let mut archive = open(&name, &body.bytes)?;
        for index in entries {
            let (entry_name, bytes) = read_entry(&name, &mut archive, index, u64::MAX)?;
            let label = format!("osv/{ecosystem}/{entry_name}");
            sink.accept(FeedSource::Osv, &label, bytes)
                .await
                .map_err(|source| SyncError::Sink {
                    name: label,
                    source,
                })?;
            report.files += 1;
        }
        state.osv.insert(ecosystem.clone(), body.validators);
    }
    Ok(())
}

fn missing(url: &Url) -> SyncError {
    SyncError::Status {
        url: redacted(url),
        status: 404,
    }
}

fn archive_url(base: &Url, ecosystem: &str) -> Result<Url, SyncError> {
    let mut url = base.clone();
    url.path_segments_mut()
        .map_err(|_| SyncError::Config(format!("osv base url {base} cannot take a path")))?
        .pop_if_empty()
        .push(ecosystem)
        .push("all.zip");
    Ok(url)
}

type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

fn open<'a>(name: &str, bytes: &'a [u8]) -> Result<Archive<'a>, SyncError> {
    zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| zip_error(name, e.to_string()))
}

/// Reads every entry to its end (which checks its CRC) within the size limits, and
/// returns the indexes of the JSON entries to hand over.
pub(crate) fn verify(
    name: &str,
    bytes: &[u8],
    cfg: &crate::config::OsvConfig,
) -> Result<Vec<usize>, SyncError> {
    let mut archive = open(name, bytes)?;
    let mut total = 0u64;
    let mut json = Vec::new();
    for index in 0..archive.len() {
        let (entry_name, data) = read_entry(name, &mut archive, index, cfg.max_entry_bytes)?;
        total += data.len() as u64;
        if total > cfg.max_unpacked_bytes {
            return Err(zip_error(
                name,
                format!("unpacks to more than {} bytes", cfg.max_unpacked_bytes),
            ));
        }
        if entry_name.ends_with(".json") {
            json.push(index);
        }
    }
    Ok(json)
}

fn read_entry(
    name: &str,
    archive: &mut Archive<'_>,
    index: usize,
    limit: u64,
) -> Result<(String, Vec<u8>), SyncError> {
    let mut entry = archive
        .by_index(index)
        .map_err(|e| zip_error(name, format!("entry {index}: {e}")))?;
    let entry_name = entry
        .name()
        .map_err(|e| zip_error(name, format!("entry {index} name: {e}")))?
        .into_owned();
    let mut data = Vec::new();
    (&mut entry)
        .take(limit.saturating_add(1))
        .read_to_end(&mut data)
        .map_err(|e| zip_error(name, format!("{entry_name}: {e}")))?;
    if data.len() as u64 > limit {
        return Err(zip_error(
            name,
            format!("{entry_name} unpacks to more than {limit} bytes"),
        ));
    }
    Ok((entry_name, data))
}

fn zip_error(name: &str, detail: String) -> SyncError {
    SyncError::Zip {
        name: name.to_owned(),
        detail,
    }
}
