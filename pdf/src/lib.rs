//! A PDF file to text with exact table rows, like `html::to_text`: one line per table row,
//! one tab per cell, prose one line per baseline. Tables are read by their ruling lines:
//! a glyph belongs to the cell bounded by the nearest rulings around it that actually
//! cover it, so a label wrapped over two lines, numbers set between those lines, and a
//! merged cell written one character per line (三、本年度办理结果) all land where the table
//! puts them. A merged cell's text goes to the first row it spans, as HTML's rowspan does.
//!
//! The reader is pdfboss (positions and rulings; chosen by measurement, see
//! docs/pdf-readers.md). The command line links this crate; the page loads it as its own
//! small wasm module when a PDF arrives (`wasm`: the exports it calls), so both read a PDF
//! with the same code and give the same tables.

use pdfboss_text::ReadingOrder;

mod ucs2;
#[cfg(target_arch = "wasm32")]
mod wasm;

/// A positioned character (or run of digits), in PDF space (y grows upwards).
#[derive(Clone, Debug)]
struct Glyph {
    x: f32,
    end: f32,
    y: f32,
    size: f32,
    text: String,
}

#[derive(Clone, Copy, Debug)]
struct Segment {
    /// The fixed coordinate (y of a horizontal line, x of a vertical one) and the span.
    at: f32,
    from: f32,
    to: f32,
}

/// How far apart two ruling coordinates may be and still be the same line (points).
const SAME_LINE: f32 = 2.0;

/// The report's text, pages in order. A one-line Chinese reason when there is none.
pub fn to_text(bytes: &[u8]) -> Result<String, String> {
    let doc = pdfboss_core::Document::load(bytes.to_vec()).map_err(|e| {
        let e = e.to_string().to_lowercase();
        if e.contains("encrypt") || e.contains("password") {
            "这个 PDF 有密码保护，无法读取：请先解除密码，或在阅读器中全选复制文字后粘贴".to_string()
        } else {
            "无法打开这个 PDF（文件可能已损坏）".to_string()
        }
    })?;
    let mut out = String::new();
    for i in 0..doc.page_count() {
        let page = doc.page(i).map_err(|_| format!("无法读取 PDF 第 {} 页", i + 1))?;
        // As `extract_spans_and_rulings_reporting` does, through fonts mended (`ucs2`).
        let src = ucs2::Mended(pdfboss_core::Immediate(&doc));
        let oc = doc.oc_state();
        let read = pdfboss_text::extract_spans_and_rulings_reporting_with(src, &page, oc.as_ref(), None, ReadingOrder::Content);
        let (spans, rulings, _) = pdfboss_core::block_on(read).map_err(|_| format!("无法读取 PDF 第 {} 页的文字", i + 1))?;
        let glyphs: Vec<Glyph> = spans.iter().flat_map(glyphs_of).filter(|g| !g.text.trim().is_empty()).collect();
        let (mut flat, mut upright) = (Vec::new(), Vec::new());
        for r in &rulings {
            let (dx, dy) = ((r.end.x - r.start.x).abs(), (r.end.y - r.start.y).abs());
            if dy <= 1.0 && dx > SAME_LINE {
                flat.push(Segment { at: (r.start.y + r.end.y) / 2.0, from: r.start.x.min(r.end.x), to: r.start.x.max(r.end.x) });
            } else if dx <= 1.0 && dy > SAME_LINE {
                upright.push(Segment { at: (r.start.x + r.end.x) / 2.0, from: r.start.y.min(r.end.y), to: r.start.y.max(r.end.y) });
            }
        }
        out.push_str(&page_text(&glyphs, &flat, &upright));
    }
    if out.trim().is_empty() {
        return Err("这个 PDF 没有文字层（可能是扫描件），无法读取：请用带文字的 PDF 或 Word 文件".into());
    }
    Ok(out)
}

/// A span as glyphs: one per character where the reader gives each one's x (CJK), else the
/// span whole (a run of digits stays one run).
fn glyphs_of(s: &pdfboss_text::TextSpan) -> Vec<Glyph> {
    let n = s.text.chars().count();
    if s.glyph_x.len() == n && n > 1 {
        s.text
            .chars()
            .enumerate()
            .map(|(k, c)| Glyph {
                x: s.glyph_x[k],
                end: s.glyph_x.get(k + 1).copied().unwrap_or(s.end_x),
                y: s.y,
                size: s.size,
                text: c.to_string(),
            })
            .collect()
    } else {
        vec![Glyph { x: s.x, end: s.end_x, y: s.y, size: s.size, text: s.text.clone() }]
    }
}

/// A cell of a ruled table: its top and bottom (y), left and right (x).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Cell {
    top: f32,
    bottom: f32,
    left: f32,
    right: f32,
}

/// The cell around the glyph's centre: the nearest rulings that cover it on all four sides.
/// A cell that goes on over a page break has no ruling below (or above) on this page: it
/// ends where its side rulings end.
fn cell_of(g: &Glyph, flat: &[Segment], upright: &[Segment]) -> Option<Cell> {
    let (cx, cy) = ((g.x + g.end) / 2.0, g.y + g.size * 0.35);
    let covers_x = |s: &&Segment| s.from - SAME_LINE <= cx && cx <= s.to + SAME_LINE;
    let covers_y = |s: &&Segment| s.from - SAME_LINE <= cy && cy <= s.to + SAME_LINE;
    let left = upright.iter().filter(covers_y).map(|s| s.at).filter(|&x| x < cx).max_by(f32::total_cmp)?;
    let right = upright.iter().filter(covers_y).map(|s| s.at).filter(|&x| x > cx).min_by(f32::total_cmp)?;
    let side = upright.iter().filter(|s| (s.at - left).abs() <= SAME_LINE);
    let (side_low, side_high) = side.fold((f32::MAX, f32::MIN), |(lo, hi), s| (lo.min(s.from), hi.max(s.to)));
    let above = flat.iter().filter(covers_x).map(|s| s.at).filter(|&y| y > cy).min_by(f32::total_cmp);
    let below = flat.iter().filter(covers_x).map(|s| s.at).filter(|&y| y < cy).max_by(f32::total_cmp);
    if above.is_none() && below.is_none() {
        return None; // between two tables, or beside one: prose
    }
    Some(Cell { top: above.unwrap_or(side_high), bottom: below.unwrap_or(side_low), left, right })
}

/// One page: table rows (by the top of their cells) and prose lines (by baseline), top to
/// bottom.
fn page_text(glyphs: &[Glyph], flat: &[Segment], upright: &[Segment]) -> String {
    let mut cells: Vec<(Cell, Vec<&Glyph>)> = Vec::new();
    let mut prose: Vec<&Glyph> = Vec::new();
    for g in glyphs {
        match cell_of(g, flat, upright) {
            Some(c) => match cells.iter_mut().find(|(k, _)| same_cell(k, &c)) {
                Some((_, gs)) => gs.push(g),
                None => cells.push((c, vec![g])),
            },
            None => prose.push(g),
        }
    }
    // Lines to write, each with the y it stands at (higher first).
    let mut lines: Vec<(f32, String)> = Vec::new();
    // Table rows: cells whose tops are the same line form a row; a merged cell is in the
    // row of its top.
    cells.sort_by(|a, b| b.0.top.total_cmp(&a.0.top).then(a.0.left.total_cmp(&b.0.left)));
    let mut i = 0;
    while i < cells.len() {
        let top = cells[i].0.top;
        let n = cells[i..].iter().take_while(|(c, _)| (c.top - top).abs() <= SAME_LINE).count();
        lines.push((top, row_text(&cells[i..i + n], flat, upright)));
        i += n;
    }
    // Outside ruled cells (prose, or a table drawn without ruling lines) each line keeps
    // its words where they stand, as `pdftotext -layout` does: a blank cell of an unruled
    // table is printed nowhere, but the numbers beside it still stand under their columns.
    let unit = 0.45 * median(prose.iter().map(|g| g.size));
    for line in baselines(&prose) {
        lines.push((line[0].y + line[0].size, lay_out(&line, unit)));
    }
    lines.sort_by(|a, b| b.0.total_cmp(&a.0));
    // A form feed ends the page, as in pdftotext's text: pages may stand columns apart.
    lines.into_iter().map(|(_, l)| l + "\n").collect::<String>() + "\x0c"
}

/// A table row as a line: one tab-separated cell for each space between the vertical
/// rulings that cross the row, blank ones too (a blank is printed blank, and a merged label
/// above leaves an empty cell, as Word and Excel paste them).
fn row_text(row: &[(Cell, Vec<&Glyph>)], flat: &[Segment], upright: &[Segment]) -> String {
    let top = row[0].0.top;
    let bottom = row.iter().map(|(c, _)| c.bottom).fold(f32::MIN, f32::max);
    let mid = (top + bottom) / 2.0;
    // The row runs as far as the ruling along its top does (blank cells at either end
    // included): the joined run of segments at that height through the row's first cell.
    let (mut first, mut last) = (row[0].0.left, row.iter().map(|(c, _)| c.right).fold(f32::MIN, f32::max));
    let mut along: Vec<&Segment> = flat.iter().filter(|s| (s.at - top).abs() <= SAME_LINE).collect();
    along.sort_by(|a, b| a.from.total_cmp(&b.from));
    let mut runs: Vec<(f32, f32)> = Vec::new();
    for s in along {
        match runs.last_mut() {
            Some(r) if s.from <= r.1 + SAME_LINE => r.1 = r.1.max(s.to),
            _ => runs.push((s.from, s.to)),
        }
    }
    if let Some(&(a, b)) = runs.iter().find(|r| r.0 - SAME_LINE <= first && first <= r.1 + SAME_LINE) {
        (first, last) = (first.min(a), last.max(b));
    }
    let mut xs: Vec<f32> = upright
        .iter()
        .filter(|s| s.from - SAME_LINE <= mid && mid <= s.to + SAME_LINE && s.at >= first - SAME_LINE && s.at <= last + SAME_LINE)
        .map(|s| s.at)
        .collect();
    xs.sort_by(f32::total_cmp);
    xs.dedup_by(|a, b| (*a - *b).abs() <= SAME_LINE);
    xs.windows(2)
        .map(|w| {
            let inside = |c: &Cell| (c.left + c.right) / 2.0 > w[0] && (c.left + c.right) / 2.0 < w[1];
            row.iter().filter(|(c, _)| inside(c)).map(|(_, gs)| cell_text(gs)).collect::<Vec<_>>().join("")
        })
        .collect::<Vec<_>>()
        .join("\t")
}

fn same_cell(a: &Cell, b: &Cell) -> bool {
    (a.top - b.top).abs() <= SAME_LINE
        && (a.bottom - b.bottom).abs() <= SAME_LINE
        && (a.left - b.left).abs() <= SAME_LINE
        && (a.right - b.right).abs() <= SAME_LINE
}

/// A cell's text: its lines top to bottom, each left to right, run together (a wrapped
/// label is one label).
fn cell_text(gs: &[&Glyph]) -> String {
    baselines(gs).iter().map(|l| join(l)).collect::<Vec<_>>().join("")
}

/// Glyphs grouped into lines by baseline, top line first, each line left to right.
fn baselines<'a>(gs: &[&'a Glyph]) -> Vec<Vec<&'a Glyph>> {
    let mut sorted: Vec<&Glyph> = gs.to_vec();
    sorted.sort_by(|a, b| b.y.total_cmp(&a.y));
    let mut lines: Vec<Vec<&Glyph>> = Vec::new();
    for g in sorted {
        match lines.last_mut() {
            Some(line) if (line[0].y - g.y).abs() <= line[0].size.max(g.size) * 0.4 => line.push(g),
            _ => lines.push(vec![g]),
        }
    }
    for line in &mut lines {
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    lines
}

/// A prose line: as `join`, but where a gap parts two words the next one starts at the
/// character position its x gives (`unit` points a character from the page's left edge),
/// so words standing in columns stand in the same columns of the text, on every page. A
/// CJK character is about two units wide and one character long, so the text never runs
/// past a position.
fn lay_out(line: &[&Glyph], unit: f32) -> String {
    let unit = if unit >= 1.0 { unit } else { 5.0 }; // a page of size-0 glyphs, or NaN
    let mut s = String::new();
    let mut len = 0;
    for (k, g) in line.iter().enumerate() {
        // Bounded: a broken or hostile PDF may place a glyph a billion points out (the
        // fuzzer's did, and the padding asked for 2.6 TB). NaN becomes 0.
        let at = (g.x / unit).round().clamp(0.0, MAX_COLUMN) as usize;
        if k == 0 || g.x - line[k - 1].end > g.size * 0.5 {
            let pad = if k == 0 { at } else { at.saturating_sub(len).max(1) };
            s.extend(std::iter::repeat_n(' ', pad));
            len += pad;
        }
        s.push_str(&g.text);
        len += g.text.chars().count();
    }
    s
}

/// The furthest character position a word is set at (an A4 page is about 130 units wide).
const MAX_COLUMN: f32 = 1000.0;

fn median(xs: impl Iterator<Item = f32>) -> f32 {
    let mut v: Vec<f32> = xs.collect();
    v.sort_by(f32::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(10.0)
}

/// A line's glyphs as text: a space where the gap is wider than half a character (words
/// in Latin text, separate numbers), nothing between CJK characters set close.
fn join(line: &[&Glyph]) -> String {
    let mut s = String::new();
    for (k, g) in line.iter().enumerate() {
        if k > 0 && g.x - line[k - 1].end > g.size * 0.5 {
            s.push(' ');
        }
        s.push_str(&g.text);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(x: f32, text: &str) -> Glyph {
        Glyph { x, end: x + 5.0, y: 0.0, size: 10.0, text: text.into() }
    }

    /// Words keep their x as character positions, and a glyph placed absurdly far (a
    /// fuzzed PDF: 2.6 TB of padding asked for) or a unit of 0 costs a bounded line.
    #[test]
    fn laid_out_lines_are_bounded() {
        let (a, b) = (glyph(0.0, "规章"), glyph(45.0, "817"));
        assert_eq!(lay_out(&[&a, &b], 4.5), "规章        817");
        for (x, unit) in [(1e30, 4.5), (f32::INFINITY, 4.5), (f32::NAN, 4.5), (45.0, 0.0), (45.0, f32::NAN)] {
            let far = glyph(x, "1");
            assert!(lay_out(&[&a, &far], unit).len() < 2000, "x {x}, unit {unit}");
        }
    }
}
