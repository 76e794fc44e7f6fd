//! The xlsx writer: a filled-in form laid out like the paper one, header block first, then one row per question under its section.

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use crate::{Answers, DisclosureError, Form};

/// What the header block of a document says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Header {
    /// The maker's name.
    pub maker: String,
    /// The product's name.
    pub product: String,
    /// The model (type) designation; the product name when there is no other.
    pub model: String,
    /// The release (software version) the answers are about.
    pub release: String,
    /// The document's date, `YYYY-MM-DD`.
    pub date: String,
    /// The document's own revision (1, 2, …), printed beside the form version.
    pub revision: Option<i64>,
}

// Columns: id, Japanese question, English question, answer, note.
const COL_ID: u16 = 0;
const COL_JA: u16 = 1;
const COL_EN: u16 = 2;
const COL_ANSWER: u16 = 3;
const COL_NOTE: u16 = 4;
const LAST_COL: u16 = COL_NOTE;

/// Row of the header block's first field (0-based): title, version line and a blank row above.
pub const HEADER_FIRST_ROW: u32 = 3;

/// Writes the document as an xlsx workbook, in memory. The answer column prints each answer
/// in Japanese when `ja` is true, in English otherwise; the labels are always bilingual and
/// both question texts are shown. Answers are written as given: check them with
/// [`crate::validate`] first.
pub fn write_xlsx(
    form: &Form,
    header: &Header,
    answers: &Answers,
    ja: bool,
) -> Result<Vec<u8>, DisclosureError> {
    build(form, header, answers, ja).map_err(|e| DisclosureError::Xlsx(e.to_string()))
}

fn build(form: &Form, header: &Header, answers: &Answers, ja: bool) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    // The library would stamp the file with the clock; the document's date keeps it a pure function.
    let created = date(&header.date).unwrap_or(ExcelDateTime::from_ymd(2000, 1, 1)?);
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("{} / {}", form.title_ja(), form.title_en()))
            .set_subject(format!(
                "{} {} {}",
                header.product, header.model, header.release
            ))
            .set_company(&header.maker)
            .set_creation_datetime(&created),
    );
    let ws = wb.add_worksheet();
    ws.set_name(form.sheet())?;
    lay_out(ws, form, header, answers, ja)?;
    wb.save_to_buffer()
}

fn date(s: &str) -> Option<ExcelDateTime> {
    let mut parts = s.trim().splitn(3, '-');
    let y: u16 = parts.next()?.parse().ok()?;
    let m: u8 = parts.next()?.parse().ok()?;
    let d: u8 = parts.next()?.get(..2)?.parse().ok()?;
    ExcelDateTime::from_ymd(y, m, d).ok()
}

fn lay_out(
    ws: &mut Worksheet,
    form: &Form,
    header: &Header,
    answers: &Answers,
    ja: bool,
) -> Result<(), XlsxError> {
    let border = Format::new()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let title = Format::new().set_bold().set_font_size(14);
    let label = border
        .clone()
        .set_bold()
        .set_background_color(Color::RGB(0xDDEBF7));
    let heading = border
        .clone()
        .set_bold()
        .set_background_color(Color::RGB(0xBDD7EE));
    let column_head = border
        .clone()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_background_color(Color::RGB(0x9BC2E6));
    let answer_cell = border.clone().set_align(FormatAlign::Center);
    let warning = Format::new()
        .set_text_wrap()
        .set_italic()
        .set_font_color(Color::RGB(0x9C0006));

    ws.set_column_width(COL_ID, 12)?;
    ws.set_column_width(COL_JA, 55)?;
    ws.set_column_width(COL_EN, 55)?;
    ws.set_column_width(COL_ANSWER, 12)?;
    ws.set_column_width(COL_NOTE, 45)?;
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);

    ws.merge_range(
        0,
        0,
        0,
        LAST_COL,
        &format!("{} / {}", form.title_ja(), form.title_en()),
        &title,
    )?;
    ws.merge_range(
        1,
        0,
        1,
        LAST_COL,
        &format!("様式 / Form: {} ({})", form.id(), form.version()),
        &Format::new(),
    )?;

    let version = match header.revision {
        Some(r) => format!("{} — 改訂 / revision {r}", form.version()),
        None => form.version().to_owned(),
    };
    let fields: [(&str, &str); 6] = [
        ("製造業者 / Manufacturer", &header.maker),
        ("製品名 / Product", &header.product),
        ("型式 / Model", &header.model),
        ("リリース / Release", &header.release),
        ("作成日 / Date", &header.date),
        ("様式の版 / Form version", &version),
    ];
    let mut row = HEADER_FIRST_ROW;
    for (name, value) in fields {
        ws.write_string_with_format(row, COL_ID, name, &label)?;
        ws.merge_range(row, COL_JA, row, LAST_COL, value, &border)?;
        row += 1;
    }
    if !form.confirmed() {
        ws.set_row_height(row, 45)?;
        ws.merge_range(
            row,
            0,
            row,
            LAST_COL,
            "この様式の設問一覧は公式の様式と照合されていません。設問の文言は Mamori による要約です。 / \
             The item list of this form has not been checked against the official publication; question texts are Mamori's own summaries.",
            &warning,
        )?;
        row += 1;
    }
    row += 1;

    let heads = [
        (COL_ID, "設問番号 / ID"),
        (COL_JA, "設問 (日本語)"),
        (COL_EN, "Question (English)"),
        (COL_ANSWER, "回答 / Answer"),
        (COL_NOTE, "備考 / Note"),
    ];
    for (col, text) in heads {
        ws.write_string_with_format(row, col, text, &column_head)?;
    }
    ws.set_repeat_rows(row, row)?;
    ws.set_freeze_panes(row + 1, 0)?;
    row += 1;

    for section in form.sections() {
        ws.merge_range(
            row,
            0,
            row,
            LAST_COL,
            &format!(
                "{}  {} / {}",
                section.id(),
                section.title_ja(),
                section.title_en()
            ),
            &heading,
        )?;
        row += 1;
        for item in section.items() {
            ws.write_string_with_format(row, COL_ID, item.id(), &border)?;
            ws.write_string_with_format(row, COL_JA, item.text_ja(), &border)?;
            ws.write_string_with_format(row, COL_EN, item.text_en(), &border)?;
            let (answer, note) = match answers.get(item.id()) {
                Some(a) => (
                    if ja {
                        a.answer.label_ja()
                    } else {
                        a.answer.label_en()
                    },
                    a.note.as_str(),
                ),
                None => ("", ""),
            };
            ws.write_string_with_format(row, COL_ANSWER, answer, &answer_cell)?;
            ws.write_string_with_format(row, COL_NOTE, note, &border)?;
            row += 1;
        }
    }
    Ok(())
}
