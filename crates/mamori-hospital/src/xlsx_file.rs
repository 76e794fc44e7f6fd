//! xlsx installed-base files: the first worksheet, header in its first non-blank row.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};

use crate::{Builder, Cell, HEADER_SEARCH_ROWS, HospitalError, MAX_ROWS, Parsed, header_error};

// Spreadsheet serial days Excel can show: 1900-01-01 up to 9999-12-31.
const MAX_SERIAL: f64 = 2_958_465.0;

/// Parses an xlsx installed-base file (the first worksheet).
pub fn parse_xlsx(bytes: &[u8]) -> Result<Parsed, HospitalError> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e: calamine::XlsxError| HospitalError::Xlsx(e.to_string()))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or(HospitalError::NoSheet)?
        .map_err(|e| HospitalError::Xlsx(e.to_string()))?;
    // Row numbers as the spreadsheet shows them, even when the used range starts lower.
    let first = range.start().map_or(0, |(r, _)| r as usize);
    let first_col = range.start().map_or(0, |(_, c)| c as usize);
    let mut rows = range.rows().enumerate();
    let mut first_seen: Option<Vec<String>> = None;
    let header = loop {
        match rows.next() {
            None => {
                return Err(first_seen.map_or(HospitalError::NoHeader, |f| header_error(&f)));
            }
            Some((_, r)) if r.iter().all(|c| cell(c) == Cell::Empty) => continue,
            Some((i, r)) => {
                let mut h = vec![String::new(); first_col];
                h.extend(r.iter().map(|c| match cell(c) {
                    Cell::Text(s) => s,
                    _ => String::new(),
                }));
                if Builder::is_header(&h) {
                    break h;
                }
                if first_seen.is_none() {
                    first_seen = Some(h);
                }
                if first + i + 1 >= HEADER_SEARCH_ROWS {
                    return Err(header_error(first_seen.as_deref().unwrap_or_default()));
                }
            }
        }
    };
    let mut builder = Builder::new(&header)?;
    for (i, r) in rows {
        if builder.row_count() >= MAX_ROWS {
            return Err(HospitalError::TooManyRows);
        }
        let mut cells = vec![Cell::Empty; first_col];
        cells.extend(r.iter().map(cell));
        builder.push(first + i + 1, cells);
    }
    Ok(builder.finish())
}

fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) if s.trim().is_empty() => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        // Serial numbers typed as numbers: 1234 rather than 1234.0.
        Data::Int(i) => Cell::Text(i.to_string()),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => Cell::Text(format!("{f:.0}")),
        Data::Float(f) => Cell::Text(f.to_string()),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(dt) => {
            let v = dt.as_f64();
            if dt.is_datetime() && v.is_finite() && (1.0..=MAX_SERIAL).contains(&v) {
                let (y, m, d, ..) = dt.to_ymd_hms_milli();
                time::Month::try_from(m)
                    .ok()
                    .and_then(|m| time::Date::from_calendar_date(i32::from(y), m, d).ok())
                    .map_or(Cell::Error, Cell::Date)
            } else {
                Cell::Text(v.to_string())
            }
        }
        Data::DateTimeIso(s) => Cell::Text(s.get(..10).unwrap_or(s).to_owned()),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(_) => Cell::Error,
    }
}
