//! The font as layout sees it: characters to glyph ids and advance widths, read once per character.

use std::collections::HashMap;

use ttf_parser::{Face, GlyphId};

use crate::PdfError;

/// A character mapped to its glyph.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Glyph {
    /// The character it prints (for the `ToUnicode` map and for line breaking).
    pub ch: char,
    /// Glyph id in the full font.
    pub gid: u16,
    /// Advance width in em.
    pub adv: f32,
    /// Drawn bold.
    pub bold: bool,
}

/// The font's bytes, its parsed face and what layout has asked of it so far.
pub(crate) struct Metrics<'a> {
    pub data: &'a [u8],
    pub face: Face<'a>,
    upem: f32,
    cache: HashMap<char, (u16, f32)>,
}

impl<'a> Metrics<'a> {
    pub fn new(data: &'a [u8]) -> Result<Metrics<'a>, PdfError> {
        let face = Face::parse(data, 0).map_err(|e| PdfError::Font(e.to_string()))?;
        let upem = f32::from(face.units_per_em());
        if face.tables().glyf.is_none() && face.tables().cff.is_none() {
            return Err(PdfError::Embed(
                "it has neither truetype (glyf) nor cff outlines".into(),
            ));
        }
        Ok(Metrics {
            data,
            face,
            upem,
            cache: HashMap::new(),
        })
    }

    /// Font units per em.
    pub fn upem(&self) -> f32 {
        self.upem
    }

    /// Ascender in em (what sits above the baseline).
    pub fn ascender(&self) -> f32 {
        f32::from(self.face.ascender()) / self.upem
    }

    /// Descender in em, negative.
    pub fn descender(&self) -> f32 {
        f32::from(self.face.descender()) / self.upem
    }

    /// The glyph for a character: `.notdef` (id 0) when the font lacks it.
    pub fn glyph(&mut self, ch: char, bold: bool) -> Glyph {
        let (gid, adv) = match self.cache.get(&ch) {
            Some(v) => *v,
            None => {
                let gid = self.face.glyph_index(ch).unwrap_or(GlyphId(0));
                let adv = self.advance_units(gid.0) / self.upem;
                self.cache.insert(ch, (gid.0, adv));
                (gid.0, adv)
            }
        };
        Glyph { ch, gid, adv, bold }
    }

    /// Advance of a glyph id in font units.
    pub fn advance_units(&self, gid: u16) -> f32 {
        f32::from(self.face.glyph_hor_advance(GlyphId(gid)).unwrap_or(0))
    }

    /// Appends the glyphs of `text`. Tabs print as a space; line and paragraph separators become
    /// `\n` (a forced line break); other control and format characters are dropped, since a font
    /// has nothing sensible to draw for them.
    pub fn shape(&mut self, text: &str, bold: bool, out: &mut Vec<Glyph>) {
        for ch in text.chars() {
            let ch = match ch {
                '\t' => ' ',
                '\r' => continue,
                '\n' | '\u{2028}' | '\u{2029}' | '\u{0b}' | '\u{0c}' | '\u{85}' => '\n',
                c if c.is_control() => continue,
                // Bidi controls and zero-width format characters: no glyph, no width.
                '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
                    continue;
                }
                '\u{feff}' => continue,
                c => c,
            };
            if ch == '\n' {
                out.push(Glyph {
                    ch,
                    gid: 0,
                    adv: 0.0,
                    bold,
                });
            } else {
                out.push(self.glyph(ch, bold));
            }
        }
    }
}
