//! The PDF writer: a filled-in form in one language, laid out like the xlsx export — title, header fields, then per section a table of id, question, answer and note.

use mamori_pdf::{Block, Column, Document};

pub use mamori_pdf::Lang;

use crate::{Answers, DisclosureError, Form, Header};

/// Labels of the document, in the order they appear.
struct Labels {
    form: &'static str,
    maker: &'static str,
    product: &'static str,
    model: &'static str,
    release: &'static str,
    date: &'static str,
    form_version: &'static str,
    revision: &'static str,
    id: &'static str,
    question: &'static str,
    answer: &'static str,
    note: &'static str,
    unconfirmed: &'static str,
    source: &'static str,
}

const JA: Labels = Labels {
    form: "様式",
    maker: "製造業者",
    product: "製品名",
    model: "型式",
    release: "リリース",
    date: "作成日",
    form_version: "様式の版",
    revision: "改訂",
    id: "設問番号",
    question: "設問",
    answer: "回答",
    note: "備考",
    unconfirmed: "この様式の設問一覧は公式の様式と照合されていません。設問の文言は Mamori による要約です。",
    source: "出典",
};

const EN: Labels = Labels {
    form: "Form",
    maker: "Manufacturer",
    product: "Product",
    model: "Model",
    release: "Release",
    date: "Date",
    form_version: "Form version",
    revision: "revision",
    id: "ID",
    question: "Question",
    answer: "Answer",
    note: "Note",
    unconfirmed: "The item list of this form has not been checked against the official publication; question texts are Mamori's own summaries.",
    source: "Source",
};

/// Writes the document as PDF in one language (`lang` picks the question texts, answer words and
/// labels), with `font` (TrueType or OpenType bytes that cover Japanese for `Lang::Ja`, such as
/// IPAex Gothic). A form whose item list is not confirmed says so under the header. Answers are
/// printed as given: check them with [`crate::validate`] first. The header's `date`
/// (`YYYY-MM-DD`) is also the PDF's creation date, so equal input gives equal bytes.
pub fn render(
    form: &Form,
    answers: &Answers,
    header: &Header,
    lang: Lang,
    font: &[u8],
) -> Result<Vec<u8>, DisclosureError> {
    let doc = document(form, answers, header, lang);
    mamori_pdf::render(&doc, font).map_err(|e| DisclosureError::Pdf(e.to_string()))
}

fn document(form: &Form, answers: &Answers, header: &Header, lang: Lang) -> Document {
    let (l, title) = match lang {
        Lang::Ja => (&JA, form.title_ja()),
        Lang::En => (&EN, form.title_en()),
    };
    let mut blocks = vec![
        Block::heading(1, title),
        Block::paragraph(format!("{}: {} ({})", l.form, form.id(), form.version())),
    ];
    let version = match header.revision {
        Some(r) => format!("{} — {} {r}", form.version(), l.revision),
        None => form.version().to_owned(),
    };
    blocks.push(Block::KeyValue(vec![
        (l.maker.into(), header.maker.clone()),
        (l.product.into(), header.product.clone()),
        (l.model.into(), header.model.clone()),
        (l.release.into(), header.release.clone()),
        (l.date.into(), header.date.clone()),
        (l.form_version.into(), version),
    ]));
    if !form.confirmed() {
        let mut text = l.unconfirmed.to_owned();
        if !form.source_note().is_empty() {
            text.push_str(&format!("\n{}: {}", l.source, form.source_note()));
        }
        blocks.push(Block::Note(text));
    }
    let columns = || {
        vec![
            Column::new(l.id, 0.12),
            Column::new(l.question, 0.48),
            Column::new(l.answer, 0.12),
            Column::new(l.note, 0.28),
        ]
    };
    for section in form.sections() {
        let section_title = match lang {
            Lang::Ja => section.title_ja(),
            Lang::En => section.title_en(),
        };
        blocks.push(Block::heading(
            3,
            format!("{}  {section_title}", section.id()),
        ));
        let rows = section
            .items()
            .iter()
            .map(|item| {
                let (answer, note) = match answers.get(item.id()) {
                    Some(a) => (
                        match lang {
                            Lang::Ja => a.answer.label_ja(),
                            Lang::En => a.answer.label_en(),
                        },
                        a.note.clone(),
                    ),
                    None => ("", String::new()),
                };
                let question = match lang {
                    Lang::Ja => item.text_ja(),
                    Lang::En => item.text_en(),
                };
                vec![
                    item.id().to_owned(),
                    question.to_owned(),
                    answer.to_owned(),
                    note,
                ]
            })
            .collect();
        blocks.push(Block::Table {
            columns: columns(),
            rows,
        });
    }
    let subject = [&header.product, &header.model, &header.release]
        .iter()
        .filter(|s| !s.is_empty())
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    Document {
        title: if subject.is_empty() {
            title.to_owned()
        } else {
            format!("{title} — {subject}")
        },
        author: header.maker.clone(),
        subject,
        lang,
        created: date(&header.date),
        blocks,
    }
}

fn date(s: &str) -> Option<mamori_pdf::Date> {
    let mut parts = s.trim().splitn(3, '-');
    let y: i32 = parts.next()?.parse().ok()?;
    let m: u8 = parts.next()?.parse().ok()?;
    let d: u8 = parts.next()?.get(..2)?.parse().ok()?;
    let month = time::Month::try_from(m).ok()?;
    mamori_pdf::Date::from_calendar_date(y, month, d).ok()
}
