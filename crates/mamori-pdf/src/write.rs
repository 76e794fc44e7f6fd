//! The PDF objects: laid-out pages as content streams, the font subset as a Type0/CID font with widths and a ToUnicode map, metadata.

use std::collections::HashMap;
use std::io::Write as _;

use flate2::Compression;
use flate2::write::ZlibEncoder;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, TextRenderingMode, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use subsetter::GlyphRemapper;
use ttf_parser::name_id;

use crate::font::Metrics;
use crate::layout::{Op, PAGE_H, PAGE_W, Page};
use crate::{Document, PdfError};

const FONT: Name<'static> = Name(b"F1");
const FRAME_GRAY: f32 = 0.35;
const FRAME_WIDTH: f32 = 0.5;
// Stroking the outline as well as filling it thickens the strokes by this share of the size.
const BOLD_STROKE: f32 = 0.035;

pub(crate) fn write(
    doc: &Document,
    m: &Metrics<'_>,
    pages: Vec<Page>,
) -> Result<Vec<u8>, PdfError> {
    // New glyph ids in order of first use, which keeps the output a function of the input.
    let mut remap = GlyphRemapper::new();
    let mut unicode: HashMap<u16, char> = HashMap::new();
    for p in &pages {
        for op in &p.ops {
            if let Op::Text { glyphs, .. } = op {
                for g in glyphs {
                    let new = remap.remap(g.gid);
                    if g.gid != 0 {
                        unicode.entry(new).or_insert(g.ch);
                    }
                }
            }
        }
    }
    let subset = subsetter::subset(m.data, 0, &remap)
        .map_err(|e| PdfError::Embed(format!("subsetting failed: {e}")))?;
    let cff = m.face.tables().glyf.is_none();

    let mut next = 1;
    let mut alloc = || {
        let r = Ref::new(next);
        next += 1;
        r
    };
    let catalog = alloc();
    let tree = alloc();
    let info = alloc();
    let type0 = alloc();
    let cid = alloc();
    let descriptor = alloc();
    let to_unicode = alloc();
    let font_file = alloc();
    let page_refs: Vec<(Ref, Ref)> = pages.iter().map(|_| (alloc(), alloc())).collect();

    let mut pdf = Pdf::new();
    let mut cat = pdf.catalog(catalog);
    cat.pages(tree);
    cat.lang(TextStr(doc.lang.tag()));
    cat.viewer_preferences().display_doc_title(true);
    cat.finish();

    let mut di = pdf.document_info(info);
    if !doc.title.is_empty() {
        di.title(TextStr(&doc.title));
    }
    if !doc.author.is_empty() {
        di.author(TextStr(&doc.author));
    }
    if !doc.subject.is_empty() {
        di.subject(TextStr(&doc.subject));
    }
    di.creator(TextStr("Mamori"));
    di.producer(TextStr("mamori-pdf"));
    if let Some(d) = doc.created {
        let year = u16::try_from(d.year().clamp(0, 9999)).unwrap_or(0);
        di.creation_date(
            pdf_writer::Date::new(year)
                .month(u8::from(d.month()))
                .day(d.day()),
        );
    }
    di.finish();

    pdf.pages(tree)
        .kids(page_refs.iter().map(|(p, _)| *p))
        .count(i32::try_from(page_refs.len()).unwrap_or(i32::MAX));

    for (page, (pref, cref)) in pages.iter().zip(&page_refs) {
        let mut pg = pdf.page(*pref);
        pg.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H));
        pg.parent(tree);
        pg.contents(*cref);
        pg.resources().fonts().pair(FONT, type0);
        pg.finish();
        let content = deflate(&content(page, &remap));
        pdf.stream(*cref, &content).filter(Filter::FlateDecode);
    }

    let base = base_font(m, &remap);
    let system = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };
    pdf.type0_font(type0)
        .base_font(Name(base.as_bytes()))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid)
        .to_unicode(to_unicode);

    let scale = 1000.0 / m.upem();
    let mut cf = pdf.cid_font(cid);
    cf.subtype(if cff {
        CidFontType::Type0
    } else {
        CidFontType::Type2
    });
    cf.base_font(Name(base.as_bytes()));
    cf.system_info(system);
    cf.font_descriptor(descriptor);
    cf.default_width(0.0);
    if !cff {
        cf.cid_to_gid_map_predefined(Name(b"Identity"));
    }
    let widths: Vec<f32> = remap
        .remapped_gids()
        .map(|old| (m.advance_units(old) * scale).round())
        .collect();
    cf.widths().consecutive(0, widths);
    cf.finish();

    let face = &m.face;
    let bbox = face.global_bounding_box();
    let s = |v: i16| f32::from(v) * scale;
    let mut fd = pdf.font_descriptor(descriptor);
    fd.name(Name(base.as_bytes()))
        .flags(FontFlags::SYMBOLIC)
        .bbox(Rect::new(
            s(bbox.x_min),
            s(bbox.y_min),
            s(bbox.x_max),
            s(bbox.y_max),
        ))
        .italic_angle(face.italic_angle())
        .ascent(s(face.ascender()))
        .descent(s(face.descender()))
        .cap_height(s(face.capital_height().unwrap_or(face.ascender())))
        .stem_v(80.0);
    if cff {
        fd.font_file3(font_file);
    } else {
        fd.font_file2(font_file);
    }
    fd.finish();

    let mut cmap = UnicodeCmap::new(Name(b"Adobe-Identity-UCS"), system);
    let mut pairs: Vec<(u16, char)> = unicode.into_iter().collect();
    pairs.sort_unstable();
    for (g, c) in pairs {
        cmap.pair(g, c);
    }
    let cmap = deflate(&cmap.finish());
    pdf.cmap(to_unicode, &cmap).filter(Filter::FlateDecode);

    let packed = deflate(&subset);
    let mut ff = pdf.stream(font_file, &packed);
    ff.filter(Filter::FlateDecode);
    if cff {
        ff.pair(Name(b"Subtype"), Name(b"OpenType"));
    } else {
        ff.pair(
            Name(b"Length1"),
            i32::try_from(subset.len()).unwrap_or(i32::MAX),
        );
    }
    ff.finish();

    Ok(pdf.finish())
}

fn content(page: &Page, remap: &GlyphRemapper) -> Vec<u8> {
    let mut c = Content::new();
    c.set_line_width(FRAME_WIDTH);
    c.set_stroke_gray(FRAME_GRAY);
    for op in &page.ops {
        match op {
            Op::Fill { x, y, w, h, gray } => {
                c.set_fill_gray(*gray);
                c.rect(*x, *y, *w, *h);
                c.fill_nonzero();
                c.set_fill_gray(0.0);
            }
            Op::Frame { x, y, w, h } => {
                c.rect(*x, *y, *w, *h);
                c.stroke();
            }
            Op::Rule { x1, x2, y } => {
                c.move_to(*x1, *y);
                c.line_to(*x2, *y);
                c.stroke();
            }
            Op::Text {
                x,
                y,
                size,
                bold,
                glyphs,
            } => {
                if glyphs.is_empty() {
                    continue;
                }
                let mut bytes = Vec::with_capacity(glyphs.len() * 2);
                for g in glyphs {
                    let id = remap.get(g.gid).unwrap_or(0);
                    bytes.extend_from_slice(&id.to_be_bytes());
                }
                if *bold {
                    c.save_state();
                    c.set_stroke_gray(0.0);
                    c.set_line_width(size * BOLD_STROKE);
                }
                c.begin_text();
                c.set_font(FONT, *size);
                c.set_text_rendering_mode(if *bold {
                    TextRenderingMode::FillStroke
                } else {
                    TextRenderingMode::Fill
                });
                c.set_text_matrix([1.0, 0.0, 0.0, 1.0, *x, *y]);
                c.show(Str(&bytes));
                c.end_text();
                if *bold {
                    c.restore_state();
                }
            }
        }
    }
    c.finish().into_vec()
}

// The fastest level: the content streams of a long table are most of the rendering time at the
// default level, and compress nearly as well.
fn deflate(data: &[u8]) -> Vec<u8> {
    let mut e = ZlibEncoder::new(Vec::with_capacity(data.len() / 2), Compression::fast());
    // Writing to a Vec cannot fail.
    let _ = e.write_all(data);
    e.finish().unwrap_or_default()
}

/// `ABCDEF+PostScriptName`: the tag marks a subset and differs between subsets, as PDF asks.
fn base_font(m: &Metrics<'_>, remap: &GlyphRemapper) -> String {
    let ps = m
        .face
        .names()
        .into_iter()
        .filter(|n| n.name_id == name_id::POST_SCRIPT_NAME)
        .find_map(|n| n.to_string())
        .unwrap_or_default();
    let mut name: String = ps
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(60)
        .collect();
    if name.is_empty() {
        name.push_str("Font");
    }
    // FNV-1a over the kept glyph ids.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for g in remap.remapped_gids() {
        for b in g.to_be_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    let mut tag = String::with_capacity(7);
    for _ in 0..6 {
        tag.push(char::from(b'A' + (h % 26) as u8));
        h /= 26;
    }
    format!("{tag}+{name}")
}
