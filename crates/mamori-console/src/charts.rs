//! SVG chart geometry: numbers in, coordinates out. The templates draw the shapes, so every label
//! still goes through the templates' escaping.

use time::Date;

/// Width of the label column of a bar chart.
const BAR_LABEL_W: u32 = 170;
/// Longest bar.
const BAR_MAX_W: u32 = 320;
/// Height of one bar's row.
const BAR_ROW_H: u32 = 26;
/// Most characters of a label drawn beside a bar (the full label is in the bar's `<title>`).
const BAR_LABEL_CHARS: usize = 22;

/// A horizontal bar chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BarChart {
    /// Drawing width.
    pub width: u32,
    /// Drawing height.
    pub height: u32,
    /// The bars, top to bottom.
    pub bars: Vec<Bar>,
}

/// One bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    /// Top of the bar's row.
    pub y: u32,
    /// Right edge of the label.
    pub label_x: u32,
    /// Baseline of the row's text.
    pub text_y: u32,
    /// Left edge of the bar.
    pub x: u32,
    /// Bar length (at least 1 for a non-zero value, so it stays visible).
    pub w: u32,
    /// Bar thickness.
    pub h: u32,
    /// Where the value is written.
    pub value_x: u32,
    /// The full label.
    pub label: String,
    /// The label as drawn (shortened when long).
    pub short: String,
    /// The value.
    pub value: u64,
    /// A CSS class for the bar's fill (`sev-high`, …), so colour follows the data's meaning.
    pub class: String,
}

impl BarChart {
    /// Lays out `(label, value, class)` rows; bars scale to the largest value.
    pub fn new(rows: impl IntoIterator<Item = (String, u64, String)>) -> BarChart {
        let rows: Vec<_> = rows.into_iter().collect();
        let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);
        let bars = rows
            .into_iter()
            .zip(0u32..)
            .map(|((label, value, class), i)| {
                let w = scale(value, max, BAR_MAX_W);
                let short = shorten(&label, BAR_LABEL_CHARS);
                Bar {
                    y: i * BAR_ROW_H + 4,
                    label_x: BAR_LABEL_W - 8,
                    text_y: i * BAR_ROW_H + 21,
                    x: BAR_LABEL_W,
                    w,
                    h: BAR_ROW_H - 8,
                    value_x: BAR_LABEL_W + w + 6,
                    label,
                    short,
                    value,
                    class,
                }
            })
            .collect::<Vec<_>>();
        BarChart {
            width: BAR_LABEL_W + BAR_MAX_W + 60,
            height: (bars.len() as u32).max(1) * BAR_ROW_H + 8,
            bars,
        }
    }
}

/// `value / max` of `len`, rounded, at least 1 when `value` is not 0.
fn scale(value: u64, max: u64, len: u32) -> u32 {
    if value == 0 {
        return 0;
    }
    let scaled = (u128::from(value) * u128::from(len) + u128::from(max) / 2) / u128::from(max);
    u32::try_from(scaled).unwrap_or(len).clamp(1, len)
}

/// At most `n` characters, with an ellipsis when cut.
fn shorten(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// A line chart of counts over days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineChart {
    /// Drawing width.
    pub width: u32,
    /// Drawing height.
    pub height: u32,
    /// The `points` attribute of the polyline.
    pub points: String,
    /// Left edge of the plot.
    pub left: u32,
    /// Right edge.
    pub right: u32,
    /// Top edge.
    pub top: u32,
    /// Bottom edge (the x axis).
    pub bottom: u32,
    /// The largest count (the y axis' top label).
    pub max: u64,
    /// The first day (ISO 8601).
    pub first: String,
    /// The last day.
    pub last: String,
    /// The first day's count.
    pub first_count: u64,
    /// The last day's count.
    pub last_count: u64,
    /// Baseline of the date labels.
    pub label_y: u32,
}

impl LineChart {
    /// Lays out a series of (day, count), oldest first; `None` when there is nothing to draw.
    pub fn new(series: &[(Date, u64)]) -> Option<LineChart> {
        let (first, last) = (series.first()?, series.last()?);
        let (left, right, top, bottom) = (48u32, 588u32, 12u32, 172u32);
        let max = series.iter().map(|p| p.1).max().unwrap_or(0).max(1);
        let span = right - left;
        let steps = u32::try_from(series.len().saturating_sub(1))
            .unwrap_or(u32::MAX)
            .max(1);
        let points = series
            .iter()
            .zip(0u32..)
            .map(|((_, count), i)| {
                let x =
                    left + if series.len() == 1 { span / 2 } else { 0 } + scale_u32(i, steps, span);
                let y = bottom - scale(*count, max, bottom - top);
                format!("{x},{y}")
            })
            .collect::<Vec<_>>()
            .join(" ");
        Some(LineChart {
            width: 600,
            height: 200,
            points,
            left,
            right,
            top,
            bottom,
            max,
            first: first.0.to_string(),
            last: last.0.to_string(),
            first_count: first.1,
            last_count: last.1,
            label_y: bottom + 20,
        })
    }
}

/// `i / steps` of `len`, rounded.
fn scale_u32(i: u32, steps: u32, len: u32) -> u32 {
    let scaled = (u64::from(i) * u64::from(len) + u64::from(steps) / 2) / u64::from(steps);
    u32::try_from(scaled).unwrap_or(len).min(len)
}
