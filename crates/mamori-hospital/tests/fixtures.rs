//! Fixture files (CSV in UTF-8, UTF-8 with BOM and Shift_JIS; xlsx in English and Japanese) against their expected reports.

use std::path::Path;

use mamori_hospital::{Exposure, Format, Parsed, parse, parse_date};

/// Renders what a file yielded, one line per row, rejected row and ignored column.
fn render(p: &Parsed) -> String {
    let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".into());
    let date = |d: &Option<time::Date>| d.map_or_else(|| "-".into(), |d| d.to_string());
    let mut out = String::new();
    for r in &p.rows {
        out.push_str(&format!(
            "row {}: serial={} product={} release={} hospital={} site={} location={} exposure={} remote={} installed={} decommissioned={} notes={:?}\n",
            r.row,
            r.serial,
            r.product,
            r.release,
            opt(&r.hospital),
            opt(&r.site),
            opt(&r.location),
            r.exposure.map_or("-", Exposure::as_str),
            opt(&r.remote_maintenance),
            date(&r.installed_on),
            date(&r.decommissioned_on),
            r.notes,
        ));
    }
    for r in &p.rejected {
        out.push_str(&format!("rejected {r}\n"));
    }
    for c in &p.ignored_columns {
        out.push_str(&format!("ignored column {c:?}\n"));
    }
    out
}

/// Parses the fixture folder's `input.*` and compares with its `expected.txt`
/// (set `UPDATE_EXPECT=1` to rewrite it after checking the change by eye).
fn check(name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let (path, format) = ["input.csv", "input.xlsx"]
        .iter()
        .map(|f| dir.join(f))
        .find(|p| p.exists())
        .map(|p| {
            let f = Format::from_file_name(&p.to_string_lossy()).unwrap();
            (p, f)
        })
        .unwrap_or_else(|| panic!("{name}: no input file"));
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(Format::sniff(&bytes), format, "{name}: sniffed format");
    let got = match parse(&bytes, format) {
        Ok(p) => render(&p),
        Err(e) => format!("error: {e}\n"),
    };
    let expected_path = dir.join("expected.txt");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&expected_path, &got).unwrap();
    }
    let expected = std::fs::read_to_string(&expected_path)
        .unwrap_or_else(|_| panic!("{name}: no expected.txt"));
    assert_eq!(got, expected, "{name}");
}

#[test]
fn english_csv_with_every_kind_of_rejected_row() {
    check("en_basic");
}

#[test]
fn japanese_csv_with_bom() {
    check("ja_bom");
}

#[test]
fn japanese_csv_in_shift_jis() {
    check("ja_sjis");
}

#[test]
fn missing_required_column() {
    check("missing_column");
}

#[test]
fn two_headers_for_one_column() {
    check("duplicate_column");
}

#[test]
fn blank_file() {
    check("empty");
}

#[test]
fn english_xlsx_offset_table_with_date_cells() {
    check("en_xlsx");
}

#[test]
fn japanese_xlsx() {
    check("ja_xlsx");
}

#[test]
fn not_a_workbook() {
    let got = parse(b"PK\x03\x04 not really a zip", Format::Xlsx);
    assert!(
        matches!(got, Err(mamori_hospital::HospitalError::Xlsx(_))),
        "{got:?}"
    );
}

#[test]
fn dates() {
    let table: [(&str, Option<&str>); 15] = [
        ("令和6年4月1日", Some("2024-04-01")),
        ("令和元年5月1日", Some("2019-05-01")),
        ("平成31年4月30日", Some("2019-04-30")),
        ("平成31年5月1日", None),
        ("令和1年4月30日", None),
        ("2024-04-01", Some("2024-04-01")),
        ("2024/4/1", Some("2024-04-01")),
        ("2024.04.01", Some("2024-04-01")),
        ("2024年4月1日", Some("2024-04-01")),
        ("2024-02-30", None),
        ("24-04-01", None),
        ("2024-04", None),
        ("2024-04-01-01", None),
        ("２０２４-04-01", None),
        ("2024-+4-01", None),
    ];
    for (input, want) in table {
        let got = parse_date(input).map(|d| d.to_string());
        assert_eq!(got.as_deref(), want, "{input}");
    }
}

#[test]
fn exposure_wordings() {
    let table: [(&str, Option<Exposure>); 8] = [
        ("isolated", Some(Exposure::Isolated)),
        ("Stand-alone", Some(Exposure::Isolated)),
        ("Clinical LAN", Some(Exposure::ClinicalLan)),
        ("医療用ＬＡＮ", Some(Exposure::ClinicalLan)),
        ("hospital_lan", Some(Exposure::HospitalLan)),
        ("INTERNET-FACING", Some(Exposure::InternetFacing)),
        ("インターネット", Some(Exposure::InternetFacing)),
        ("wifi", None),
    ];
    for (input, want) in table {
        assert_eq!(Exposure::parse(input), want, "{input}");
    }
}
