//! Layout: blocks to positioned glyph runs, rules and shaded boxes on A4 pages, with line breaking for Latin and Japanese text.

use std::ops::Range;

use crate::font::{Glyph, Metrics};
use crate::{Block, Document};

pub(crate) const PAGE_W: f32 = 595.276;
pub(crate) const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 50.0;
const MARGIN_TOP: f32 = 56.0;
const MARGIN_BOTTOM: f32 = 62.0;
const FOOTER_BASE: f32 = 34.0;
const BODY: f32 = 10.0;
const CELL: f32 = 9.0;
const FOOTER: f32 = 8.0;
const LEADING: f32 = 1.45;
const PAD: f32 = 3.0;
const HEADING: [f32; 3] = [15.0, 12.5, 11.0];
// A header row taller than this many lines would leave no room for the rows under it.
const MAX_HEADER_LINES: usize = 4;
const HEADER_GRAY: f32 = 0.85;
const LABEL_GRAY: f32 = 0.93;
const NOTE_GRAY: f32 = 0.95;

/// What a page shows, in PDF coordinates (points, origin bottom left).
#[derive(Debug, Default)]
pub(crate) struct Page {
    pub ops: Vec<Op>,
}

#[derive(Debug)]
pub(crate) enum Op {
    /// Glyphs from a baseline start, each advanced by its own width.
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        glyphs: Vec<Glyph>,
    },
    /// A gray box.
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        gray: f32,
    },
    /// A box outline.
    Frame { x: f32, y: f32, w: f32, h: f32 },
    /// A horizontal rule.
    Rule { x1: f32, x2: f32, y: f32 },
}

fn content_w() -> f32 {
    PAGE_W - 2.0 * MARGIN_X
}

fn top() -> f32 {
    PAGE_H - MARGIN_TOP
}

/// Lays the document out, footers included.
pub(crate) fn lay_out(doc: &Document, m: &mut Metrics<'_>) -> Vec<Page> {
    let mut l = Layouter {
        m,
        pages: vec![Page::default()],
        y: top(),
    };
    for b in &doc.blocks {
        l.block(b);
    }
    l.footers(&doc.title);
    l.pages
}

struct Layouter<'m, 'a> {
    m: &'m mut Metrics<'a>,
    pages: Vec<Page>,
    /// Top of the free space on the current page.
    y: f32,
}

/// One table cell: its glyphs, their lines and its shading.
struct Cell {
    glyphs: Vec<Glyph>,
    lines: Vec<Range<usize>>,
    fill: Option<f32>,
}

/// Column positions and the cell text size of a table.
struct Grid {
    xs: Vec<f32>,
    ws: Vec<f32>,
    size: f32,
}

impl Layouter<'_, '_> {
    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = top();
    }

    fn at_top(&self) -> bool {
        self.y >= top() - 0.01
    }

    fn room(&self) -> f32 {
        self.y - MARGIN_BOTTOM
    }

    fn push(&mut self, op: Op) {
        if let Some(p) = self.pages.last_mut() {
            p.ops.push(op);
        }
    }

    fn block(&mut self, b: &Block) {
        match b {
            Block::Heading { level, text } => self.heading(*level, text),
            Block::Paragraph(runs) => {
                let mut g = Vec::new();
                for r in runs {
                    self.m.shape(&r.text, r.bold, &mut g);
                }
                self.flow(&g, BODY, MARGIN_X, content_w());
                self.y -= BODY * 0.6;
            }
            Block::KeyValue(pairs) => {
                let grid = self.grid(&[0.3, 0.7], CELL);
                let rows: Vec<Vec<Cell>> = pairs
                    .iter()
                    .map(|(k, v)| {
                        vec![
                            self.cell(k, true, Some(LABEL_GRAY), &grid, 0),
                            self.cell(v, false, None, &grid, 1),
                        ]
                    })
                    .collect();
                self.table(&grid, None, &rows);
            }
            Block::Note(text) => {
                let grid = self.grid(&[1.0], BODY);
                let rows = vec![vec![self.cell(text, false, Some(NOTE_GRAY), &grid, 0)]];
                self.table(&grid, None, &rows);
            }
            Block::Table { columns, rows } => {
                if columns.is_empty() {
                    return;
                }
                let shares: Vec<f32> = columns.iter().map(|c| c.width_fraction).collect();
                let grid = self.grid(&shares, CELL);
                let mut header: Vec<Cell> = columns
                    .iter()
                    .enumerate()
                    .map(|(i, c)| self.cell(&c.header, true, Some(HEADER_GRAY), &grid, i))
                    .collect();
                for c in &mut header {
                    c.lines.truncate(MAX_HEADER_LINES);
                }
                let cells: Vec<Vec<Cell>> = rows
                    .iter()
                    .map(|r| {
                        (0..columns.len())
                            .map(|i| {
                                let t = r.get(i).map(String::as_str).unwrap_or("");
                                self.cell(t, false, None, &grid, i)
                            })
                            .collect()
                    })
                    .collect();
                self.table(&grid, Some(&header), &cells);
            }
            Block::Spacer => {
                if !self.at_top() {
                    self.y -= BODY * LEADING;
                }
            }
            Block::PageBreak => self.new_page(),
        }
    }

    fn heading(&mut self, level: u8, text: &str) {
        let size = HEADING[usize::from(level.clamp(1, 3)) - 1];
        let lh = size * LEADING;
        let mut g = Vec::new();
        self.m.shape(text, true, &mut g);
        let lines = wrap(&g, content_w(), size);
        if !self.at_top() {
            self.y -= size * 0.5;
        }
        // Keep the heading with the first lines of what follows it.
        let need = lh * lines.len() as f32 + 3.0 * BODY * LEADING;
        if self.room() < need && !self.at_top() {
            self.new_page();
        }
        for r in lines {
            if self.room() < lh {
                self.new_page();
            }
            self.text_line(MARGIN_X, self.y, size, &g[r]);
            self.y -= lh;
        }
        self.y -= size * 0.3;
    }

    /// Wrapped lines at the left margin, breaking pages as needed.
    fn flow(&mut self, g: &[Glyph], size: f32, x: f32, width: f32) {
        let lh = size * LEADING;
        for r in wrap(g, width, size) {
            if self.room() < lh {
                self.new_page();
            }
            self.text_line(x, self.y, size, &g[r]);
            self.y -= lh;
        }
    }

    /// One line of glyphs in a box of height `size * LEADING` whose top is `top_y`; a change of
    /// weight starts a new run.
    fn text_line(&mut self, x: f32, top_y: f32, size: f32, g: &[Glyph]) {
        let lh = size * LEADING;
        let (asc, desc) = (self.m.ascender(), self.m.descender());
        let base = top_y - (lh - (asc - desc) * size) / 2.0 - asc * size;
        let mut x = x;
        for run in g.chunk_by(|a, b| a.bold == b.bold) {
            let w: f32 = run.iter().map(|c| c.adv * size).sum();
            let bold = run.first().is_some_and(|c| c.bold);
            self.push(Op::Text {
                x,
                y: base,
                size,
                bold,
                glyphs: run.to_vec(),
            });
            x += w;
        }
    }

    fn grid(&self, shares: &[f32], size: f32) -> Grid {
        let valid = |f: &f32| f.is_finite() && *f > 0.0;
        let good: Vec<f32> = shares.iter().copied().filter(valid).collect();
        let avg = if good.is_empty() {
            1.0
        } else {
            good.iter().sum::<f32>() / good.len() as f32
        };
        let v: Vec<f32> = shares
            .iter()
            .map(|f| if valid(f) { *f } else { avg })
            .collect();
        let sum: f32 = v.iter().sum();
        let mut xs = Vec::with_capacity(v.len());
        let mut ws = Vec::with_capacity(v.len());
        let mut x = MARGIN_X;
        for f in v {
            let w = if sum.is_finite() && sum > 0.0 {
                content_w() * f / sum
            } else {
                content_w() / shares.len().max(1) as f32
            };
            xs.push(x);
            ws.push(w);
            x += w;
        }
        Grid { xs, ws, size }
    }

    fn cell(&mut self, text: &str, bold: bool, fill: Option<f32>, grid: &Grid, col: usize) -> Cell {
        let mut glyphs = Vec::new();
        self.m.shape(text, bold, &mut glyphs);
        let w = grid.ws.get(col).copied().unwrap_or(0.0) - 2.0 * PAD;
        let lines = wrap(&glyphs, w, grid.size);
        Cell {
            glyphs,
            lines,
            fill,
        }
    }

    fn table(&mut self, grid: &Grid, header: Option<&[Cell]>, rows: &[Vec<Cell>]) {
        let lh = grid.size * LEADING;
        let header_lines = header.map_or(0, row_lines);
        let header_h = header.map_or(0.0, |_| header_lines as f32 * lh + 2.0 * PAD);
        if !self.at_top() {
            self.y -= BODY * 0.3;
        }
        // The header and a first line of the first row, or a new page.
        if self.room() < header_h + lh + 2.0 * PAD && !self.at_top() {
            self.new_page();
        }
        if let Some(h) = header {
            self.draw_row(grid, h, 0..header_lines);
        }
        // Lines of a row that fit on a fresh page under the header.
        let fresh =
            (((top() - MARGIN_BOTTOM - header_h - 2.0 * PAD) / lh).floor()).max(1.0) as usize;
        for row in rows {
            let total = row_lines(row);
            let mut done = 0;
            let mut fresh_page = false;
            loop {
                let avail = ((self.room() - 2.0 * PAD) / lh).floor().max(0.0) as usize;
                let remaining = total - done;
                if remaining <= avail {
                    self.draw_row(grid, row, done..total);
                    break;
                }
                // Split a row only when it would not fit on a page of its own, or cannot help it.
                if fresh_page || (avail >= 2 && remaining > fresh) {
                    let n = avail.max(1).min(remaining);
                    self.draw_row(grid, row, done..done + n);
                    done += n;
                    if done >= total {
                        break;
                    }
                }
                self.new_page();
                if let Some(h) = header {
                    self.draw_row(grid, h, 0..header_lines);
                }
                fresh_page = true;
            }
        }
        self.y -= BODY * 0.6;
    }

    /// Draws lines `part` of a row's cells at the current position and moves below it.
    fn draw_row(&mut self, grid: &Grid, row: &[Cell], part: Range<usize>) {
        let lh = grid.size * LEADING;
        let h = part.len().max(1) as f32 * lh + 2.0 * PAD;
        let top_y = self.y;
        for (i, c) in row.iter().enumerate() {
            let (Some(&x), Some(&w)) = (grid.xs.get(i), grid.ws.get(i)) else {
                continue;
            };
            if let Some(gray) = c.fill {
                self.push(Op::Fill {
                    x,
                    y: top_y - h,
                    w,
                    h,
                    gray,
                });
            }
            for (k, r) in c.lines.iter().skip(part.start).take(part.len()).enumerate() {
                let g = c.glyphs.get(r.clone()).unwrap_or(&[]).to_vec();
                self.text_line(x + PAD, top_y - PAD - k as f32 * lh, grid.size, &g);
            }
            self.push(Op::Frame {
                x,
                y: top_y - h,
                w,
                h,
            });
        }
        self.y -= h;
    }

    fn footers(&mut self, title: &str) {
        let n = self.pages.len();
        let lh = FOOTER * LEADING;
        for i in 0..n {
            let mut num = Vec::new();
            self.m.shape(&format!("{} / {n}", i + 1), false, &mut num);
            let num_w: f32 = num.iter().map(|g| g.adv * FOOTER).sum();
            let mut t = Vec::new();
            self.m.shape(title, false, &mut t);
            let room = content_w() - num_w - 24.0;
            let lines = wrap(&t, room, FOOTER);
            let mut first = lines
                .first()
                .map(|r| t[r.clone()].to_vec())
                .unwrap_or_default();
            if lines.len() > 1 {
                // Make room for the ellipsis so the title never runs into the page number.
                let ell = self.m.glyph('…', false);
                let mut w: f32 = first.iter().map(|g| g.adv * FOOTER).sum();
                while w + ell.adv * FOOTER > room {
                    match first.pop() {
                        Some(g) => w -= g.adv * FOOTER,
                        None => break,
                    }
                }
                first.push(ell);
            }
            let Some(page) = self.pages.get_mut(i) else {
                continue;
            };
            page.ops.push(Op::Rule {
                x1: MARGIN_X,
                x2: PAGE_W - MARGIN_X,
                y: FOOTER_BASE + lh,
            });
            let (asc, desc) = (self.m.ascender(), self.m.descender());
            let base = FOOTER_BASE + lh - (lh - (asc - desc) * FOOTER) / 2.0 - asc * FOOTER;
            page.ops.push(Op::Text {
                x: MARGIN_X,
                y: base,
                size: FOOTER,
                bold: false,
                glyphs: first,
            });
            page.ops.push(Op::Text {
                x: PAGE_W - MARGIN_X - num_w,
                y: base,
                size: FOOTER,
                bold: false,
                glyphs: num,
            });
        }
    }
}

fn row_lines(row: &[Cell]) -> usize {
    row.iter().map(|c| c.lines.len()).max().unwrap_or(0).max(1)
}

/// Characters that break like Japanese: a line may end between any two of them.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF
        | 0x2E80..=0x2FDF
        | 0x3000..=0x303F
        | 0x3040..=0x30FF
        | 0x3100..=0x31FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF)
}

/// Characters a line should not start with (closing punctuation, small kana, the long vowel mark).
fn no_start(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '，'
            | '．'
            | '）'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '〉'
            | '》'
            | '］'
            | '｝'
            | '・'
            | 'ー'
            | '！'
            | '？'
            | '：'
            | '；'
            | '々'
            | 'ぁ'
            | 'ぃ'
            | 'ぅ'
            | 'ぇ'
            | 'ぉ'
            | 'っ'
            | 'ゃ'
            | 'ゅ'
            | 'ょ'
            | 'ァ'
            | 'ィ'
            | 'ゥ'
            | 'ェ'
            | 'ォ'
            | 'ッ'
            | 'ャ'
            | 'ュ'
            | 'ョ'
            | ','
            | '.'
            | ')'
            | ']'
            | '}'
            | '!'
            | '?'
            | ':'
            | ';'
    )
}

/// Characters a line should not end with (opening brackets).
fn no_end(c: char) -> bool {
    matches!(
        c,
        '（' | '「' | '『' | '【' | '〔' | '〈' | '《' | '［' | '｛' | '(' | '[' | '{'
    )
}

/// Spaces a line may end at; no-break spaces are not among them.
fn is_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\n' | '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{3000}')
}

fn can_break_before(prev: char, cur: char) -> bool {
    if is_space(cur) {
        return false;
    }
    if is_space(prev) {
        return true;
    }
    if no_start(cur) || no_end(prev) {
        return false;
    }
    is_cjk(prev) || is_cjk(cur) || ((prev == '/' || prev == '-') && cur.is_alphanumeric())
}

/// Greedy line filling: each range is one line's glyphs, without the spaces at its ends. A line
/// breaks at the last opportunity that fits, or hard before the glyph that overflows when there
/// is none; every line holds at least one glyph, so any width (even zero) terminates.
pub(crate) fn wrap(g: &[Glyph], max: f32, size: f32) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let n = g.len();
    let mut start = 0;
    let mut i = 0;
    let mut width = 0.0f32;
    let mut last_break: Option<usize> = None;
    let trimmed = |s: usize, mut e: usize| {
        while e > s && g.get(e - 1).is_some_and(|c| is_space(c.ch)) {
            e -= 1;
        }
        s..e
    };
    while i < n {
        let c = g[i];
        if c.ch == '\n' {
            lines.push(trimmed(start, i));
            start = i + 1;
            i = start;
            width = 0.0;
            last_break = None;
            continue;
        }
        if i > start && can_break_before(g[i - 1].ch, c.ch) {
            last_break = Some(i);
        }
        let w = c.adv * size;
        if is_space(c.ch) {
            width += w;
            i += 1;
            continue;
        }
        if width + w > max && i > start {
            let b = last_break.filter(|&b| b > start).unwrap_or(i);
            lines.push(trimmed(start, b));
            start = b;
            while start < n && is_space(g[start].ch) {
                start += 1;
            }
            i = start;
            width = 0.0;
            last_break = None;
            continue;
        }
        width += w;
        i += 1;
    }
    if start < n || lines.is_empty() {
        lines.push(trimmed(start, n));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(s: &str) -> Vec<Glyph> {
        s.chars()
            .map(|ch| Glyph {
                ch,
                gid: 1,
                adv: if is_cjk(ch) { 1.0 } else { 0.5 },
                bold: false,
            })
            .collect()
    }

    /// Wraps `s` at `max` em (size 1) and joins the lines with `|`.
    fn check(s: &str, max: f32, expect: &str) {
        let g = glyphs(s);
        let lines: Vec<String> = wrap(&g, max, 1.0)
            .into_iter()
            .map(|r| g[r].iter().map(|c| c.ch).collect())
            .collect();
        assert_eq!(lines.join("|"), expect, "wrapping {s:?} at {max}");
    }

    #[test]
    fn wrapping() {
        check("aa bb cc", 2.6, "aa bb|cc");
        check("aa bb cc", 100.0, "aa bb cc");
        check("abcdefgh", 2.0, "abcd|efgh");
        check("aa  bb", 1.0, "aa|bb");
        check("a\nb", 100.0, "a|b");
        check("a\n\nb", 100.0, "a||b");
        check("", 10.0, "");
        check("x", 0.0, "x");
        check("ab", 0.0, "a|b");
        check("日本語の文章", 3.0, "日本語|の文章");
        // 。 does not start a line: the break moves one character back.
        check("あいう。えお", 3.0, "あい|う。え|お");
        // 「 does not end a line.
        check("あい「うえ」", 3.0, "あい|「う|え」");
        check(
            "see https://example.com/a/b",
            8.0,
            "see https://|example.com/a/b",
        );
        check("CVE-2024-1234 affects", 4.5, "CVE-2024-|1234|affects");
        check("日本 English", 4.0, "日本|English");
    }
}
