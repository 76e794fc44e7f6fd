//! CSV installed-base files: UTF-8 (a BOM is dropped) or, failing that, Shift_JIS.

use crate::{Builder, Cell, HEADER_SEARCH_ROWS, HospitalError, MAX_ROWS, Parsed, header_error};

/// Parses a CSV installed-base file.
pub fn parse_csv(bytes: &[u8]) -> Result<Parsed, HospitalError> {
    let text = decode(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let mut row = 0usize;
    let mut first: Option<Vec<String>> = None;
    let header = loop {
        row += 1;
        match records.next() {
            None => return Err(first.map_or(HospitalError::NoHeader, |f| header_error(&f))),
            Some(Err(e)) => return Err(csv_error(row, &e)),
            Some(Ok(r)) if r.iter().all(|c| c.trim().is_empty()) => continue,
            Some(Ok(r)) => {
                let cells: Vec<String> = r.iter().map(str::to_owned).collect();
                if Builder::is_header(&cells) {
                    break cells;
                }
                if first.is_none() {
                    first = Some(cells);
                }
                if row >= HEADER_SEARCH_ROWS {
                    return Err(header_error(first.as_deref().unwrap_or_default()));
                }
            }
        }
    };
    let mut builder = Builder::new(&header)?;
    for record in records {
        row += 1;
        let record = record.map_err(|e| csv_error(row, &e))?;
        if builder.row_count() >= MAX_ROWS {
            return Err(HospitalError::TooManyRows);
        }
        let cells = record
            .iter()
            .map(|c| {
                if c.trim().is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(c.to_owned())
                }
            })
            .collect();
        builder.push(row, cells);
    }
    Ok(builder.finish())
}

fn csv_error(row: usize, e: &csv::Error) -> HospitalError {
    HospitalError::Csv {
        row,
        reason: e.to_string(),
    }
}

/// UTF-8 when the bytes are UTF-8 (without a BOM), else Shift_JIS: what Excel writes on Japanese Windows.
fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => encoding_rs::SHIFT_JIS.decode(bytes).0.into_owned(),
    }
}
