//! A small PDF writer for reports in Japanese and English — pure: a [`Document`] and font bytes in, PDF bytes out.
//!
//! Mamori prints a few kinds of documents (disclosure statements, human-readable advisories,
//! exports of lists) that are headings, paragraphs, key/value blocks and tables. A typesetting
//! engine would lay those out too, but would double the build; this crate does only what those
//! documents need, on top of three low-level crates: `ttf-parser` (glyph ids and advances),
//! `subsetter` (a font subset of the glyphs used) and `pdf-writer` (the PDF objects).
//!
//! Design choices:
//!
//! - **One font, passed in.** The caller supplies TrueType or OpenType bytes (for Japanese, IPAex
//!   Gothic is a good choice); the crate reads no file. Bold is drawn by stroking the glyph
//!   outline as well as filling it, so one font file gives both weights.
//! - **Text stays text.** The font is embedded as a Type0 font with a CIDFontType2 (TrueType
//!   outlines) or CIDFontType0 (CFF outlines) descendant and the Identity-H encoding, with a
//!   `W` array and a `ToUnicode` map, so copying, searching and `pdftotext` return the
//!   characters that were written — Japanese included.
//! - **No shaping.** One character is one glyph, placed by its advance width. That is right for
//!   Japanese and for Latin text without ligatures; scripts that need shaping (Arabic, Indic)
//!   come out unjoined, and characters the font lacks print as its `.notdef` box. Neither fails.
//! - **Deterministic.** No clock: the creation date is an input. Equal input gives equal bytes.
//!
//! Layout: A4 portrait with fixed margins; lines are filled greedily by measured advances,
//! Latin text breaks at spaces (and after `/` or `-`; a word longer than the line is cut),
//! Japanese between any two characters except before closing punctuation (、。）」…) or after
//! opening brackets. Tables have cell borders and wrapped cell text; a row taller than the rest
//! of the page continues on the next one, and every page a table runs onto repeats its header
//! row. Every page has a footer with the document title and `n / N`.

#![forbid(unsafe_code)]

mod font;
mod layout;
mod write;

pub use time::Date;

/// The language of a document: written to the PDF catalog (`/Lang`) for screen readers and search.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Japanese.
    #[default]
    Ja,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 tag: `ja` or `en`.
    pub const fn tag(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }
}

/// A document to print.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    /// The title: document metadata and every page's footer.
    pub title: String,
    /// Who wrote it (metadata).
    pub author: String,
    /// What it is about (metadata).
    pub subject: String,
    /// The document's language.
    pub lang: Lang,
    /// The creation date written to the metadata; none leaves it out.
    pub created: Option<Date>,
    /// The content, top to bottom.
    pub blocks: Vec<Block>,
}

/// A piece of text in one style.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Run {
    /// The text; `\n` starts a new line.
    pub text: String,
    /// Whether it is printed bold.
    pub bold: bool,
}

impl Run {
    /// Plain text.
    pub fn plain(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            bold: false,
        }
    }

    /// Bold text.
    pub fn bold(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            bold: true,
        }
    }
}

/// A table column.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// The header cell's text.
    pub header: String,
    /// The column's share of the table width. Shares are scaled to add up to the full width; a
    /// share that is not a positive number counts as the average of the others.
    pub width_fraction: f32,
}

impl Column {
    /// A column with its header and width share.
    pub fn new(header: impl Into<String>, width_fraction: f32) -> Column {
        Column {
            header: header.into(),
            width_fraction,
        }
    }
}

/// One block of content.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A heading; level 1 is the largest, levels above 3 print as 3.
    Heading {
        /// 1, 2 or 3.
        level: u8,
        /// The heading's text.
        text: String,
    },
    /// A paragraph of runs, wrapped to the page width.
    Paragraph(Vec<Run>),
    /// Label and value pairs, printed as a two-column grid with the labels shaded.
    KeyValue(Vec<(String, String)>),
    /// A framed, shaded paragraph for a warning or remark that must not be overlooked.
    Note(String),
    /// A table with a header row. A row with fewer cells than columns leaves the rest empty;
    /// cells beyond the last column are not printed.
    Table {
        /// The columns.
        columns: Vec<Column>,
        /// The rows' cell texts.
        rows: Vec<Vec<String>>,
    },
    /// Vertical space of about one line.
    Spacer,
    /// Continue on a new page.
    PageBreak,
}

impl Block {
    /// A paragraph of plain text.
    pub fn paragraph(text: impl Into<String>) -> Block {
        Block::Paragraph(vec![Run::plain(text)])
    }

    /// A heading.
    pub fn heading(level: u8, text: impl Into<String>) -> Block {
        Block::Heading {
            level,
            text: text.into(),
        }
    }
}

/// Errors of this crate: only the font can make rendering fail.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// The font bytes are not a font this crate can read.
    #[error("font does not read: {0}")]
    Font(String),
    /// The font reads but cannot be embedded.
    #[error("font cannot be embedded: {0}")]
    Embed(String),
}

/// Renders the document as PDF bytes with `font` (TrueType or OpenType bytes; for a collection,
/// the first font). Any text renders — characters the font lacks print as its `.notdef` glyph;
/// only a font that does not read or cannot be subset is an error.
pub fn render(doc: &Document, font: &[u8]) -> Result<Vec<u8>, PdfError> {
    let mut metrics = font::Metrics::new(font)?;
    let pages = layout::lay_out(doc, &mut metrics);
    write::write(doc, &metrics, pages)
}
