//! FIRST EPSS daily scores (CSV, plain or gzip) reader.
//!
//! The file opens with `#model_version:vYYYY.MM.DD,score_date:YYYY-MM-DDT00:00:00+0000`,
//! then a `cve,epss,percentile` header, then one row per CVE. Each row becomes
//! an [`EpssScore`] carrying the header's date and model version; a bad row is
//! reported with its line and column and skipped. Gzip input is inflated in
//! memory, so the reader stays free of IO.

use std::io::Read;

use mamori_model::{EpssScore, VulnId};
use time::Date;

use crate::util::parse_date;
use crate::{FeedError, Location, Records, SourceKind};

/// Largest inflated size accepted from a gzip file (the real daily file is about 10 MB).
pub const MAX_INFLATED: u64 = 1 << 30;

/// An EPSS file: the header's model version and date, and the rows in file order.
#[derive(Clone, Debug, PartialEq)]
pub struct EpssFile {
    /// `model_version` from the comment line (`v2025.03.14`), if present.
    pub model_version: Option<String>,
    /// The date part of `score_date`, if present.
    pub score_date: Option<Date>,
    /// One result per data row; blank lines are not rows.
    pub scores: Records<EpssScore>,
}

/// Reads an EPSS CSV file; gzip input (by its magic bytes) is inflated first.
///
/// Never fails as a whole: a file that cannot be inflated, is not UTF-8 in its
/// header or lacks the `cve`/`epss`/`percentile` columns yields one error in
/// `scores`.
pub fn read(file_name: &str, bytes: &[u8]) -> EpssFile {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::with_capacity(bytes.len().saturating_mul(4));
        let inflated = flate2::read::MultiGzDecoder::new(bytes)
            .take(MAX_INFLATED + 1)
            .read_to_end(&mut out);
        let problem = match inflated {
            Err(e) => Some(format!("cannot inflate: {e}")),
            Ok(_) if out.len() as u64 > MAX_INFLATED => {
                Some(format!("inflates to more than {MAX_INFLATED} bytes"))
            }
            Ok(_) => None,
        };
        if let Some(message) = problem {
            return EpssFile {
                model_version: None,
                score_date: None,
                scores: vec![Err(FeedError::Malformed {
                    file: file_name.to_owned(),
                    format: "gzip",
                    location: Location::LineColumn { line: 1, column: 1 },
                    message,
                })],
            };
        }
        return read_csv(file_name, &out);
    }
    read_csv(file_name, bytes)
}

/// Column positions from the header line.
struct Columns {
    cve: usize,
    epss: usize,
    percentile: usize,
    count: usize,
}

fn read_csv(file: &str, bytes: &[u8]) -> EpssFile {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let mut model_version = None;
    let mut score_date = None;
    let mut columns: Option<Columns> = None;
    let mut scores: Records<EpssScore> = Vec::new();
    let malformed = |line: usize, column: usize, message: String| FeedError::Malformed {
        file: file.to_owned(),
        format: "CSV",
        location: Location::LineColumn { line, column },
        message,
    };
    let mut start = 0usize;
    let mut line_no = 0usize;
    while start < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        let raw = &bytes[start..end];
        start = end + 1;
        line_no += 1;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if raw.first() == Some(&b'#') {
            if columns.is_none() {
                let text = String::from_utf8_lossy(&raw[1..]);
                read_comment(&text, &mut model_version, &mut score_date);
            }
            continue;
        }
        let Some(cols) = &columns else {
            match header(raw) {
                Ok(c) => {
                    columns = Some(c);
                    if scores.capacity() == 0 {
                        // Rows are about 30 bytes; one reservation avoids regrowing on big files.
                        scores.reserve(bytes.len() / 32);
                    }
                }
                Err(message) => {
                    scores.push(Err(malformed(line_no, 1, message)));
                    break;
                }
            }
            continue;
        };
        scores.push(
            row(raw, cols, &model_version, score_date).map_err(|(column, id, message)| {
                FeedError::Record {
                    file: file.to_owned(),
                    feed: SourceKind::Epss,
                    location: Location::LineColumn {
                        line: line_no,
                        column,
                    },
                    id,
                    message,
                }
            }),
        );
    }
    if columns.is_none() && scores.is_empty() {
        scores.push(Err(malformed(
            line_no.max(1),
            1,
            "no cve,epss,percentile header".to_owned(),
        )));
    }
    EpssFile {
        model_version,
        score_date,
        scores,
    }
}

/// Reads `model_version:v2025.03.14,score_date:2025-08-25T00:00:00+0000`.
fn read_comment(text: &str, model_version: &mut Option<String>, score_date: &mut Option<Date>) {
    for part in text.split(',') {
        let Some((key, value)) = part.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match key.trim() {
            "model_version" if !value.is_empty() => *model_version = Some(value.to_owned()),
            "score_date" => *score_date = value.get(..10).and_then(parse_date),
            _ => {}
        }
    }
}

fn header(raw: &[u8]) -> Result<Columns, String> {
    let text = std::str::from_utf8(raw).map_err(|_| "header line is not UTF-8".to_owned())?;
    let names: Vec<&str> = text.split(',').map(str::trim).collect();
    let find = |want: &str| {
        names
            .iter()
            .position(|n| n.eq_ignore_ascii_case(want))
            .ok_or_else(|| format!("header {text:?} has no {want} column"))
    };
    Ok(Columns {
        cve: find("cve")?,
        epss: find("epss")?,
        percentile: find("percentile")?,
        count: names.len(),
    })
}

/// (column, cve if read, message) of a bad row.
type RowError = (usize, Option<String>, String);

fn row(
    raw: &[u8],
    cols: &Columns,
    model_version: &Option<String>,
    date: Option<Date>,
) -> Result<EpssScore, RowError> {
    let text = std::str::from_utf8(raw)
        .map_err(|e| (e.valid_up_to() + 1, None, "not UTF-8".to_owned()))?;
    // (1-based column where the field starts, field)
    let mut fields: [(usize, &str); 8] = [(0, ""); 8];
    let mut n = 0usize;
    let mut at = 1usize;
    for f in text.split(',') {
        if n == fields.len() {
            n += 1;
            break;
        }
        fields[n] = (at, f);
        n += 1;
        at += f.len() + 1;
    }
    if n != cols.count {
        return Err((
            1,
            None,
            format!("{n} fields where the header has {}", cols.count),
        ));
    }
    let (cve_col, cve_text) = fields[cols.cve];
    let cve = VulnId::new(cve_text)
        .ok()
        .filter(VulnId::is_cve)
        .ok_or_else(|| (cve_col, None, format!("not a CVE id: {cve_text:?}")))?;
    let id = || Some(cve.as_str().to_owned());
    let prob = |(col, s): (usize, &str), what: &str| -> Result<f64, RowError> {
        match s.trim().parse::<f64>() {
            Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
            _ => Err((col, id(), format!("{what} is not a number in 0..=1: {s:?}"))),
        }
    };
    let score = prob(fields[cols.epss], "epss")?;
    let percentile = prob(fields[cols.percentile], "percentile")?;
    Ok(EpssScore {
        cve,
        score,
        percentile,
        date,
        model_version: model_version.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_and_columns() {
        let f = read(
            "e",
            b"#model_version:v2025.03.14,score_date:2025-08-25T00:00:00+0000\r\npercentile,cve,epss\r\n0.5,CVE-2020-1,0.25\r\n\r\n0.5,CVE-2020-2,x\r\n",
        );
        assert_eq!(f.model_version.as_deref(), Some("v2025.03.14"));
        assert_eq!(f.scores.len(), 2);
        let ok = f.scores[0].as_ref().unwrap();
        assert_eq!((ok.score, ok.percentile), (0.25, 0.5));
        assert_eq!(
            f.scores[1].as_ref().err().and_then(FeedError::location),
            Some(&Location::LineColumn {
                line: 5,
                column: 16
            })
        );
        let f = read("e", b"a,b\n");
        assert!(matches!(f.scores[..], [Err(FeedError::Malformed { .. })]));
        let f = read("e", b"");
        assert!(matches!(f.scores[..], [Err(FeedError::Malformed { .. })]));
        let f = read("e", &[0x1f, 0x8b, 0, 0]);
        assert!(matches!(
            f.scores[..],
            [Err(FeedError::Malformed { format: "gzip", .. })]
        ));
    }
}
