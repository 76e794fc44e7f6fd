//! Installed-base files from hospitals and distributors (CSV, xlsx) read into typed device rows and a rejected-rows report.
//!
//! Pure: bytes in, rows out. A file-level problem (no header, a required column
//! missing, an unreadable workbook) is an error; a row-level problem (a bad date,
//! an unknown network exposure, a missing or repeated serial number) rejects that
//! row only, and the report names its row number (as a spreadsheet shows it: the
//! header is row 1), the column and the reason, so the sender can fix the file.
//! Headers may be English or Japanese; CSV may be UTF-8 (with or without BOM) or
//! Shift_JIS, which Excel on Japanese Windows writes.

#![forbid(unsafe_code)]

mod columns;
mod csv_file;
mod xlsx_file;

use std::collections::HashMap;
use std::fmt;

pub use columns::Column;
pub use csv_file::parse_csv;
pub use xlsx_file::parse_xlsx;

/// Most data rows one file may carry: larger installed bases are split.
pub const MAX_ROWS: usize = 200_000;
/// How far down the header row is looked for (a sheet may open with a title and notes).
pub const HEADER_SEARCH_ROWS: usize = 20;
/// Longest cell accepted, in characters.
pub const MAX_CELL_CHARS: usize = 1_000;

/// Why a whole file was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum HospitalError {
    /// Nothing but blank rows.
    #[error("the file has no header row")]
    NoHeader,
    /// A column every row needs is missing from the header.
    #[error("the header has no {0} column")]
    MissingColumn(Column),
    /// Two header cells name the same column.
    #[error("the header names the {column} column twice (columns {first} and {second})")]
    DuplicateColumn {
        /// Which column.
        column: Column,
        /// 1-based position of the first.
        first: usize,
        /// 1-based position of the second.
        second: usize,
    },
    /// More data rows than [`MAX_ROWS`].
    #[error("the file has more than {MAX_ROWS} rows: split it")]
    TooManyRows,
    /// The CSV could not be read.
    #[error("cannot read the csv at row {row}: {reason}")]
    Csv {
        /// 1-based row.
        row: usize,
        /// Why.
        reason: String,
    },
    /// The workbook could not be read.
    #[error("cannot read the workbook: {0}")]
    Xlsx(String),
    /// The workbook has no worksheet.
    #[error("the workbook has no worksheet")]
    NoSheet,
}

/// Which format a file is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated values.
    Csv,
    /// Office Open XML workbook.
    Xlsx,
}

impl Format {
    /// The format a file name's extension says, if any (`.csv`, `.xlsx`).
    pub fn from_file_name(name: &str) -> Option<Format> {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".csv") {
            Some(Format::Csv)
        } else if lower.ends_with(".xlsx") {
            Some(Format::Xlsx)
        } else {
            None
        }
    }

    /// The format the bytes look like: a ZIP container is xlsx, anything else CSV.
    pub fn sniff(bytes: &[u8]) -> Format {
        if bytes.starts_with(b"PK\x03\x04") {
            Format::Xlsx
        } else {
            Format::Csv
        }
    }
}

/// Parses an installed-base file in `format`.
pub fn parse(bytes: &[u8], format: Format) -> Result<Parsed, HospitalError> {
    match format {
        Format::Csv => parse_csv(bytes),
        Format::Xlsx => parse_xlsx(bytes),
    }
}

/// How a device is reachable on the network, as the hospital declares it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Exposure {
    /// Not connected to any network (stand-alone).
    Isolated,
    /// On a segregated clinical or department network.
    ClinicalLan,
    /// On the hospital's general network.
    HospitalLan,
    /// Reachable from the internet (directly or through a port opened for it).
    InternetFacing,
}

impl Exposure {
    /// Every value, least exposed first.
    pub const ALL: [Exposure; 4] = [
        Exposure::Isolated,
        Exposure::ClinicalLan,
        Exposure::HospitalLan,
        Exposure::InternetFacing,
    ];

    /// The stored and wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Exposure::Isolated => "isolated",
            Exposure::ClinicalLan => "clinical-lan",
            Exposure::HospitalLan => "hospital-lan",
            Exposure::InternetFacing => "internet-facing",
        }
    }

    /// The Japanese label.
    pub const fn label_ja(self) -> &'static str {
        match self {
            Exposure::Isolated => "非接続（スタンドアロン）",
            Exposure::ClinicalLan => "医療用LAN",
            Exposure::HospitalLan => "院内LAN",
            Exposure::InternetFacing => "インターネット接続",
        }
    }

    /// Reads a value as hospitals write it: the wire name or a common English or
    /// Japanese wording (case, spaces, `_` and `-` do not matter).
    pub fn parse(s: &str) -> Option<Exposure> {
        let key = columns::normalize(s);
        let found = match key.as_str() {
            "isolated"
            | "standalone"
            | "offline"
            | "none"
            | "airgapped"
            | "非接続"
            | "スタンドアロン"
            | "スタンドアローン"
            | "単独"
            | "なし"
            | "隔離"
            | "非接続(スタンドアロン)"
            | "非接続（スタンドアロン）" => Exposure::Isolated,
            "clinicallan" | "clinical" | "medicallan" | "departmentlan" | "医療用lan"
            | "医療lan" | "診療lan" | "部門lan" | "部門システム" => {
                Exposure::ClinicalLan
            }
            "hospitallan" | "lan" | "intranet" | "院内lan" | "院内ネットワーク" | "基幹lan" => {
                Exposure::HospitalLan
            }
            "internetfacing" | "internet" | "public" | "インターネット" | "インターネット接続" => {
                Exposure::InternetFacing
            }
            _ => return None,
        };
        Some(found)
    }
}

impl fmt::Display for Exposure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A device serial number: trimmed, non-empty, at most [`MAX_CELL_CHARS`] characters, no control characters.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Serial(String);

impl Serial {
    /// Checks a serial number.
    pub fn parse(s: &str) -> Option<Serial> {
        let t = s.trim();
        if t.is_empty() || t.chars().count() > MAX_CELL_CHARS || t.chars().any(char::is_control) {
            None
        } else {
            Some(Serial(t.to_owned()))
        }
    }

    /// The serial number.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Serial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One device as the file describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeviceLine {
    /// Row number in the file (the header is row 1).
    pub row: usize,
    /// Serial number.
    pub serial: Serial,
    /// Product name, as the maker's portfolio names it.
    pub product: String,
    /// Release (software version) the device runs.
    pub release: String,
    /// The hospital (organization) that runs it; `None` when the file is one hospital's own.
    pub hospital: Option<String>,
    /// Site (a hospital's campus or building).
    pub site: Option<String>,
    /// Where in the site (ward, room).
    pub location: Option<String>,
    /// Network exposure.
    pub exposure: Option<Exposure>,
    /// Remote-maintenance arrangement, as free text.
    pub remote_maintenance: Option<String>,
    /// When it was installed.
    pub installed_on: Option<time::Date>,
    /// When it was taken out of service.
    pub decommissioned_on: Option<time::Date>,
    /// Anything else the hospital noted.
    pub notes: Option<String>,
}

/// Why a row was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// A required value is empty.
    Missing,
    /// Not a date (YYYY-MM-DD, YYYY/MM/DD, YYYY年M月D日 or a spreadsheet date).
    BadDate,
    /// Not a known network exposure.
    UnknownExposure,
    /// Decommissioned before it was installed.
    DecommissionedBeforeInstalled,
    /// The same serial number appeared on an earlier row.
    DuplicateSerial {
        /// The earlier row.
        first_row: usize,
    },
    /// Longer than [`MAX_CELL_CHARS`].
    TooLong,
    /// Control characters in the value.
    ControlCharacters,
    /// A spreadsheet error cell (`#N/A`, `#REF!` …).
    ErrorCell,
    /// Rejected by whoever imports the rows (an unknown product, a hospital the importer may not write).
    Refused(String),
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Missing => f.write_str("value is missing"),
            Reason::BadDate => {
                f.write_str("not a date (use YYYY-MM-DD, YYYY/MM/DD or YYYY年M月D日)")
            }
            Reason::UnknownExposure => write!(
                f,
                "unknown network exposure (use {})",
                Exposure::ALL.map(Exposure::as_str).join(", ")
            ),
            Reason::DecommissionedBeforeInstalled => {
                f.write_str("decommissioned before it was installed")
            }
            Reason::DuplicateSerial { first_row } => {
                write!(f, "serial number already on row {first_row}")
            }
            Reason::TooLong => write!(f, "longer than {MAX_CELL_CHARS} characters"),
            Reason::ControlCharacters => f.write_str("contains control characters"),
            Reason::ErrorCell => f.write_str("spreadsheet error value"),
            Reason::Refused(why) => f.write_str(why),
        }
    }
}

/// A rejected row: where and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejected {
    /// Row number in the file (the header is row 1).
    pub row: usize,
    /// The column at fault, if one is.
    pub column: Option<Column>,
    /// The value as written (cut to 100 characters).
    pub value: String,
    /// Why.
    pub reason: Reason,
}

impl fmt::Display for Rejected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.column {
            Some(c) => write!(f, "row {}, {c}: {}", self.row, self.reason)?,
            None => write!(f, "row {}: {}", self.row, self.reason)?,
        }
        if !self.value.is_empty() {
            write!(f, " ({:?})", self.value)?;
        }
        Ok(())
    }
}

/// What a file yielded.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    /// Rows that read, in file order.
    pub rows: Vec<DeviceLine>,
    /// Rows that did not, in file order.
    pub rejected: Vec<Rejected>,
    /// Header cells that name no known column (ignored), as written.
    pub ignored_columns: Vec<String>,
}

/// A cell as read, before it is checked.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Cell {
    Text(String),
    /// A spreadsheet date as its serial number (days since 1899-12-30).
    Date(time::Date),
    Error,
    Empty,
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.trim().to_owned(),
            Cell::Date(d) => d.to_string(),
            Cell::Error => "#ERROR".into(),
            Cell::Empty => String::new(),
        }
    }
}

/// Turns header cells and rows of cells into the parse outcome; shared by both formats.
pub(crate) struct Builder {
    map: Vec<Option<Column>>,
    parsed: Parsed,
    seen: HashMap<String, usize>,
}

impl Builder {
    /// Whether a row looks like the header: it names at least one known column. Rows above
    /// it (a sheet's title, a note) are skipped.
    pub(crate) fn is_header(cells: &[String]) -> bool {
        cells.iter().any(|c| Column::from_header(c).is_some())
    }

    pub(crate) fn new(header: &[String]) -> Result<Builder, HospitalError> {
        let mut map = Vec::with_capacity(header.len());
        let mut at: HashMap<Column, usize> = HashMap::new();
        let mut ignored = Vec::new();
        for (i, h) in header.iter().enumerate() {
            let c = Column::from_header(h);
            if let Some(c) = c {
                if let Some(first) = at.insert(c, i + 1) {
                    return Err(HospitalError::DuplicateColumn {
                        column: c,
                        first,
                        second: i + 1,
                    });
                }
            } else if !h.trim().is_empty() {
                ignored.push(cut(h.trim()));
            }
            map.push(c);
        }
        for c in Column::REQUIRED {
            if !at.contains_key(&c) {
                return Err(HospitalError::MissingColumn(c));
            }
        }
        Ok(Builder {
            map,
            parsed: Parsed {
                ignored_columns: ignored,
                ..Parsed::default()
            },
            seen: HashMap::new(),
        })
    }

    pub(crate) fn row_count(&self) -> usize {
        self.parsed.rows.len() + self.parsed.rejected.len()
    }

    pub(crate) fn push(&mut self, row: usize, cells: Vec<Cell>) {
        if cells
            .iter()
            .all(|c| matches!(c, Cell::Empty) || c.text().is_empty())
        {
            return;
        }
        let mut by: HashMap<Column, Cell> = HashMap::new();
        for (i, cell) in cells.into_iter().enumerate() {
            if let Some(Some(c)) = self.map.get(i) {
                by.insert(*c, cell);
            }
        }
        match self.line(row, &mut by) {
            Ok(line) => {
                if let Some(first_row) = self.seen.get(line.serial.as_str()) {
                    self.parsed.rejected.push(Rejected {
                        row,
                        column: Some(Column::Serial),
                        value: cut(line.serial.as_str()),
                        reason: Reason::DuplicateSerial {
                            first_row: *first_row,
                        },
                    });
                } else {
                    self.seen.insert(line.serial.as_str().to_owned(), row);
                    self.parsed.rows.push(line);
                }
            }
            Err(r) => self.parsed.rejected.push(r),
        }
    }

    fn line(&self, row: usize, by: &mut HashMap<Column, Cell>) -> Result<DeviceLine, Rejected> {
        let mut take = |c: Column| -> Result<Option<String>, Rejected> {
            text(row, c, by.remove(&c).unwrap_or(Cell::Empty))
        };
        let serial_text = take(Column::Serial)?;
        let serial = match serial_text {
            None => return Err(reject(row, Column::Serial, "", Reason::Missing)),
            Some(s) => Serial::parse(&s)
                .ok_or_else(|| reject(row, Column::Serial, &s, Reason::ControlCharacters))?,
        };
        let product = take(Column::Product)?
            .ok_or_else(|| reject(row, Column::Product, "", Reason::Missing))?;
        let release = take(Column::Release)?
            .ok_or_else(|| reject(row, Column::Release, "", Reason::Missing))?;
        let hospital = take(Column::Hospital)?;
        let site = take(Column::Site)?;
        let location = take(Column::Location)?;
        let exposure = match take(Column::NetworkExposure)? {
            None => None,
            Some(s) => Some(Exposure::parse(&s).ok_or_else(|| {
                reject(row, Column::NetworkExposure, &s, Reason::UnknownExposure)
            })?),
        };
        let remote_maintenance = take(Column::RemoteMaintenance)?;
        let notes = take(Column::Notes)?;
        let installed_on = date(row, Column::InstalledOn, by.remove(&Column::InstalledOn))?;
        let decommissioned_on = date(
            row,
            Column::DecommissionedOn,
            by.remove(&Column::DecommissionedOn),
        )?;
        if let (Some(i), Some(d)) = (installed_on, decommissioned_on)
            && d < i
        {
            return Err(reject(
                row,
                Column::DecommissionedOn,
                &d.to_string(),
                Reason::DecommissionedBeforeInstalled,
            ));
        }
        Ok(DeviceLine {
            row,
            serial,
            product,
            release,
            hospital,
            site,
            location,
            exposure,
            remote_maintenance,
            installed_on,
            decommissioned_on,
            notes,
        })
    }

    pub(crate) fn finish(self) -> Parsed {
        self.parsed
    }
}

/// The error for a file whose header was not found: what the first non-blank row lacks.
pub(crate) fn header_error(first: &[String]) -> HospitalError {
    match Builder::new(first) {
        Err(e) => e,
        Ok(_) => HospitalError::NoHeader,
    }
}

fn reject(row: usize, column: Column, value: &str, reason: Reason) -> Rejected {
    Rejected {
        row,
        column: Some(column),
        value: cut(value),
        reason,
    }
}

fn cut(s: &str) -> String {
    s.chars().take(100).collect()
}

/// A text cell, trimmed; `None` when empty.
fn text(row: usize, column: Column, cell: Cell) -> Result<Option<String>, Rejected> {
    if cell == Cell::Error {
        return Err(reject(row, column, "", Reason::ErrorCell));
    }
    let s = cell.text();
    if s.is_empty() {
        return Ok(None);
    }
    if s.chars().count() > MAX_CELL_CHARS {
        return Err(reject(row, column, &s, Reason::TooLong));
    }
    // Line breaks are fine in notes; other control characters are not.
    let allowed = |c: char| column == Column::Notes && matches!(c, '\n' | '\r' | '\t');
    if s.chars().any(|c| c.is_control() && !allowed(c)) {
        return Err(reject(row, column, &s, Reason::ControlCharacters));
    }
    Ok(Some(s))
}

fn date(row: usize, column: Column, cell: Option<Cell>) -> Result<Option<time::Date>, Rejected> {
    match cell {
        None | Some(Cell::Empty) => Ok(None),
        Some(Cell::Date(d)) => Ok(Some(d)),
        Some(Cell::Error) => Err(reject(row, column, "", Reason::ErrorCell)),
        Some(Cell::Text(s)) => {
            let t = s.trim();
            if t.is_empty() {
                return Ok(None);
            }
            parse_date(t)
                .map(Some)
                .ok_or_else(|| reject(row, column, t, Reason::BadDate))
        }
    }
}

/// Reads `2024-04-01`, `2024/4/1`, `2024.04.01`, `2024年4月1日` or a Japanese era date
/// (`令和6年4月1日`, `平成31年4月30日`, `令和元年5月1日`).
pub fn parse_date(s: &str) -> Option<time::Date> {
    let s = s.trim();
    let (body, japanese) = match s.strip_suffix('日') {
        Some(b) => (b, true),
        None => (s, false),
    };
    // An era's year 1 in the Gregorian calendar, and the era's first and last day.
    let eras: [(&str, i32, time::Date, time::Date); 2] = [
        (
            "令和",
            2019,
            time::macros::date!(2019 - 05 - 01),
            time::Date::MAX,
        ),
        (
            "平成",
            1989,
            time::macros::date!(1989 - 01 - 08),
            time::macros::date!(2019 - 04 - 30),
        ),
    ];
    if japanese {
        for (era, base, first, last) in eras {
            if let Some(rest) = body.strip_prefix(era) {
                let (y, rest) = rest.split_once('年')?;
                let (m, d) = rest.split_once('月')?;
                let y = if y.trim() == "元" { "1" } else { y };
                let n = |p: &str| -> Option<u32> {
                    let p = p.trim();
                    if p.is_empty() || p.len() > 2 || !p.bytes().all(|b| b.is_ascii_digit()) {
                        return None;
                    }
                    p.parse().ok()
                };
                let year = base + i32::try_from(n(y)?).ok()? - 1;
                let month = time::Month::try_from(u8::try_from(n(m)?).ok()?).ok()?;
                let date =
                    time::Date::from_calendar_date(year, month, u8::try_from(n(d)?).ok()?).ok()?;
                return (first..=last).contains(&date).then_some(date);
            }
        }
    }
    let parts: Vec<&str> = if japanese {
        let (y, rest) = body.split_once('年')?;
        let (m, d) = rest.split_once('月')?;
        vec![y, m, d]
    } else {
        let sep = ['-', '/', '.'].into_iter().find(|c| body.contains(*c))?;
        body.split(sep).collect()
    };
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let num = |p: &str, max_len: usize| -> Option<u32> {
        let p = p.trim();
        if p.is_empty() || p.len() > max_len || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        p.parse().ok()
    };
    if y.trim().len() != 4 {
        return None;
    }
    let year = i32::try_from(num(y, 4)?).ok()?;
    let month = time::Month::try_from(u8::try_from(num(m, 2)?).ok()?).ok()?;
    let day = u8::try_from(num(d, 2)?).ok()?;
    time::Date::from_calendar_date(year, month, day).ok()
}
