//! From text to tables. Row labels are found in order in a folded copy of the text; the
//! text between two labels holds a row's numbers, cut into cells by the layout's
//! separators (see `tokens`). Lines that allow several readings are settled by the
//! table's identities (`candidates`, `solve`). Extraction never fails: what it cannot
//! read becomes a blank, uncertain cell and an `extraction` finding that says why.

pub mod candidates;
pub mod columns;
pub mod solve;
pub mod stream;
pub mod tokens;

use crate::identity;
use crate::model::{Cell, Finding, Role, Row, Table, Target, Value, short};
use crate::normalize::Folded;
use crate::rules;
use crate::template::{self, Format, RowDef, T4_HEADER_NEEDLES, TableDef, TableId};
use candidates::{Issue, LineRead};
use tokens::{Mode, Tok};

pub struct Extracted {
    pub table2: Option<Table>,
    pub table3: Option<Table>,
    pub table4: Option<Table>,
    pub findings: Vec<Finding>,
    /// Table 3 rows with neither a label nor numbers.
    pub lost_rows: Vec<String>,
}

/// The text being read, folded for search, and whether its cells are exact (from HTML).
#[derive(Clone, Copy)]
pub struct Page<'a> {
    pub src: &'a str,
    pub f: &'a Folded,
    pub exact: bool,
}

impl<'a> Page<'a> {
    /// The page as one table's stretch `a..b` reads it: exact only where that stretch has
    /// cells. A PDF table drawn without ruling lines comes out as lines of words and
    /// numbers, as a viewer copies them, and is read as such a paste is.
    #[inline(never)] // three callers: one copy in the page's wasm
    fn table(&self, a: usize, b: usize) -> Page<'a> {
        let cells = self.src[self.f.orig(a)..self.f.orig(b)].contains('\t');
        Page { exact: self.exact && cells, ..*self }
    }
    fn mode(&self, a: usize, b: usize) -> Mode {
        if self.exact { Mode::Tab } else { tokens::detect_mode(&self.src[self.f.orig(a)..self.f.orig(b)]) }
    }
    /// Token lines of the text between folded offsets `a` (end of a label) and `b`.
    fn groups(&self, a: usize, b: usize, mode: Mode, signed: bool) -> Vec<Vec<Tok>> {
        let (os, oe) = (self.f.orig_end(a, self.src), self.f.orig(b));
        if os >= oe { Vec::new() } else { tokens::groups(self.src, os, oe, mode, signed) }
    }
    fn span(&self, a: usize, b: usize) -> (usize, usize) {
        (self.f.orig(a), self.f.orig_end(b, self.src))
    }
}

/// `starts`: folded offsets of the six section headings, where found.
pub fn extract(page: &Page, starts: &[Option<usize>], format: Option<Format>) -> Extracted {
    let mut findings = Vec::new();
    let fmt = format.unwrap_or(Format::F2019);
    let end_after = |from: usize| starts.iter().flatten().copied().filter(|&s| s > from).min().unwrap_or(page.f.text.len());
    let find = |needles: &[&'static str], from: usize| page.f.find_any(needles, from, page.f.text.len()).map(|x| x.0);

    let t3_start = starts[2].or_else(|| find(&["勾稽关系", "本年新收"], starts[1].unwrap_or(0)));
    let (table3, t3_end, lost_rows) = match t3_start {
        Some(s) => table3(&page.table(s, end_after(s)), s, end_after(s), fmt, &mut findings),
        None => (None, 0, Vec::new()),
    };
    // Without its heading, table 4 starts at its own header words, never at prose that
    // merely says 行政复议.
    let t4_start = starts[3].or_else(|| find(&["结果维持", "尚未审结"], t3_end.max(starts[2].unwrap_or(0))));
    let table4 = t4_start.and_then(|s| table4(&page.table(s, end_after(s)), s, end_after(s), &mut findings));
    let t2_start = starts[1].or_else(|| find(&["第二十条"], 0));
    let table2 = t2_start.and_then(|s| {
        let end = t3_start.filter(|&e| e > s).unwrap_or_else(|| end_after(s));
        table2(&page.table(s, end), s, end, fmt, &mut findings)
    });
    Extracted { table2, table3, table4, findings, lost_rows }
}

struct Anchor {
    def: &'static RowDef,
    start: usize,
    end: usize,
}

/// Row labels in template order; a lost label is skipped, the next one still found.
fn anchors(page: &Page, defs: &[&'static RowDef], from: usize, to: usize) -> Vec<Anchor> {
    let mut out = Vec::new();
    let mut pos = from;
    for (i, &def) in defs.iter().enumerate() {
        let Some((s, e, _)) = page.f.find_any(def.needles, pos, to) else { continue };
        // A group label holds no numbers, and a PDF prints its merged cell where the cell's
        // middle is ("（三）不予公开" beside its fourth row, one character a line): found
        // past the next row's label, it is not where the group starts, and taking it would
        // lose the labels before it.
        if def.group
            && let Some(next) = defs[i + 1..].iter().find(|d| !d.group)
            && page.f.find_any(next.needles, pos, s).is_some()
        {
            continue;
        }
        out.push(Anchor { def, start: with_ordinal(page, def, s).max(pos), end: e });
        pos = e;
    }
    out
}

/// Where a label found at folded offset `s` starts: "2.其他法律…" glued to the previous
/// row's digits, the ordinal is the label's.
fn with_ordinal(page: &Page, def: &RowDef, s: usize) -> usize {
    let Some(n) = def.ordinal else { return s };
    let ords = [format!("{n}."), format!("{n}、"), format!("{n},"), format!("({n})")];
    ords.iter().find(|o| page.f.text[..s].ends_with(o.as_str())).map_or(s, |ord| s - ord.len())
}

/// A segment's rows (indices into the table's data rows), its own label and its number
/// lines.
struct Part<'a> {
    slots: Vec<usize>,
    own: Option<&'a Anchor>,
    lines: Vec<Vec<Tok>>,
    /// The segment's folded offsets.
    at: (usize, usize),
}

/// A stretch of table text: where its numbers are, the template rows it covers
/// (`first..next` of the table's rows, groups included), and the label it starts with.
struct Segment<'a> {
    start: usize,
    end: usize,
    first: usize,
    next: usize,
    anchor: Option<&'a Anchor>,
}

fn table3(page: &Page, from: usize, to: usize, fmt: Format, findings: &mut Vec<Finding>) -> (Option<Table>, usize, Vec<String>) {
    let def = &template::T3;
    // Pointers into one slice: rows are matched by address below.
    let defs: Vec<&'static RowDef> = template::t3_rows(fmt).collect();
    let data: Vec<&'static RowDef> = defs.iter().copied().filter(|d| !d.group).collect();
    let header = page.f.find_any(template::T3_HEADER_NEEDLES, from, to).map(|x| x.0);
    let from = header.unwrap_or(from);
    let found = anchors(page, &defs, from, to);
    // Prose may name a few row labels with numbers; a table without its header must at
    // least show most of its own labels.
    let need = if header.is_some() { 3 } else { data.len() / 2 };
    if found.iter().filter(|a| !a.def.group).count() < need {
        return (None, from, Vec::new());
    }
    let mode = page.mode(from, to);
    let k = def.cols.len();
    let sums = identity::of_line(def);
    // A 2021 table that keeps the 2019 format's single （六）其他处理 row: the group's label
    // found, none of its sub-rows'. Numbers right after that label are the group's, which
    // the 2021 format has no row for (`one_other_row`).
    let group_alone = |a: &Anchor| {
        let one_row_in_2019 = template::t3_rows(Format::F2019).any(|d| !d.group && d.key == a.def.key);
        a.def.group && fmt == Format::F2021 && one_row_in_2019 && !found.iter().any(|b| !b.def.group && sub_row_of(b.def.key, a.def.key))
    };
    let mut printed_as_one: Option<(&Anchor, String)> = None;
    let mut reads: Vec<LineRead> = vec![LineRead::none(); data.len()];
    let mut printed = vec![false; data.len()];
    let mut label_spans = vec![None; data.len()];
    let mut by_order = Vec::new();
    // The number line each row was read from, by its label.
    let mut row_lines: Vec<Vec<Tok>> = vec![Vec::new(); data.len()];
    // Lines of numbers that no row's label comes before (text copied out of a PDF may put
    // every label first and every number after).
    let mut orphans = 0;
    // Cells joined from a wrapped number, (row, column): printed in two places, no one span.
    let mut joined: Vec<(usize, usize)> = Vec::new();
    // Rows read from text holding more number lines than rows, one cell a line: which
    // lines are theirs is a guess when the numbers are detached from the labels (a row
    // beside its label on one line is its own).
    let mut crowded = vec![false; data.len()];
    // Whether the rows were read in order rather than by their labels.
    let mut in_row_order = false;
    let budget = candidates::Budget::new(candidates::TABLE_STEPS);
    let pos_of = |a: &Anchor| defs.iter().position(|d| std::ptr::eq(*d, a.def)).unwrap_or(0);
    // Rows before the first label found take the numbers between the header and it.
    let mut segments: Vec<Segment> = Vec::new();
    if let Some(first) = found.first().filter(|a| pos_of(a) > 0) {
        segments.push(Segment { start: from, end: first.start, first: 0, next: pos_of(first), anchor: None });
    }
    for (i, a) in found.iter().enumerate() {
        let next = found.get(i + 1);
        segments.push(Segment {
            start: a.end,
            end: next.map_or(to, |n| n.start),
            first: pos_of(a),
            next: next.map_or(defs.len(), pos_of),
            anchor: Some(a),
        });
    }
    let mut parts: Vec<Part> = Vec::new();
    let mut split: Option<Vec<Vec<Tok>>> = None;
    // Rows `split_words` made whole: the stream cuts the others.
    let mut fixed: Fixed = vec![None; data.len()];
    // Whether number lines follow no label: the text set numbers apart from labels.
    let mut apart = false;
    for seg in segments {
        // The rows after a label whose own labels are lost take the next number lines.
        let slots: Vec<usize> = defs[seg.first..seg.next]
            .iter()
            .filter(|d| !d.group)
            .map(|d| data.iter().position(|x| std::ptr::eq(*x, *d)).unwrap())
            .collect();
        let own = seg.anchor.filter(|a| !a.def.group);
        if let (Some(&first), Some(a)) = (slots.first(), own) {
            label_spans[first] = Some(page.span(a.start, a.end));
        }
        if let Some(a) = seg.anchor.filter(|a| group_alone(a))
            && let Some(first) = page.groups(seg.start, seg.end, mode, true).into_iter().next().filter(|g| !g.is_empty())
        {
            let (s, e) = (first[0].span().0, first[first.len() - 1].span().1);
            printed_as_one = Some((a, page.src[s..e].replace('\t', " ")));
            continue;
        }
        let lines = regroup(page.groups(seg.start, seg.end, mode, true), slots.len(), k);
        let (lines, joins) = join_wrapped(lines, slots.len(), k, &sums);
        for Join { line: l, col: c, tail } in joins {
            let Some(&slot) = slots.get(l) else { continue };
            let msg = format!(
                "“{}”的数字与下一行的“{tail}”是同一个数（单元格太窄，数字折行，PDF 常见），已按本行相加接上，请核对。",
                short(data[slot].label)
            );
            let cell = crate::model::CellRef { table: TableId::T3, row: data[slot].key.to_string(), col: def.cols[c].key };
            findings.push(Finding::new(&rules::X_SPLIT, msg).about([Target::Cell(cell)]));
            joined.push((slot, c));
        }
        parts.push(Part { slots, own, lines, at: (seg.start, seg.end) });
    }
    // Fewer numbers printed than cells: blanks printed nowhere.
    let mut fewer_numbers = mode == Mode::PerLine
        && !page.exact
        && page.groups(from, to, mode, true).iter().flatten().filter(|t| matches!(t, Tok::Num(..))).count() < data.len() * k;
    // Only where every cell is printed: with blanks printed nowhere, stacks of single
    // numbers fit such a cut by chance (random tables in raw order read wrong).
    if mode == Mode::PerLine && !page.exact && joined.is_empty() {
        let mut whole = 0;
        if !fewer_numbers {
            whole = split_rows(&mut parts, k, &sums);
        } else if let Some((as_words, made)) = split_words(page, &parts, data.len(), k, &sums) {
            // Every cell is printed after all; the rows made whole are known, the rest of
            // the numbers are still the stream's to cut.
            whole = made.iter().flatten().count();
            (parts, fixed, fewer_numbers) = (as_words, made, false);
        }
        if whole > 0 {
            let msg = format!(
                "表三有 {whole} 行的数字分两处印出（行标签旁是前几格，其余几格在这些行之后依次印出，从 PDF 复制的文字常见）：已按行序接上，每行的合计都成立。"
            );
            findings.push(Finding::new(&rules::X_PLACED, msg).about([Target::Table(TableId::T3)]));
            // The rows in order are then read from the lines made whole, not the text's.
            split = Some(parts.iter().flat_map(|p| p.lines.iter().cloned()).collect::<Vec<_>>());
        }
    }
    // `-layout` text: columns by where the numbers stand, when they say.
    let layout = (mode == Mode::Space && !page.exact)
        .then(|| {
            let spans: Vec<Vec<crate::model::Span>> = parts.iter().flat_map(|p| &p.lines).filter_map(|l| number_spans(l)).collect();
            columns::Layout::new(page.src, &spans, k)
        })
        .flatten();
    let mut by_place: Vec<usize> = Vec::new();
    // Whether rows printed two or more numbers short: the table prints blanks nowhere.
    let mut short_rows = false;
    // PDF text with no blank mark ("-", "/") anywhere in the table: a blank cell prints as
    // nothing, so a row one number short may have lost a blank as well as a 0 (Chromium's
    // random-0346 in the viewers: "（一）予以公开 61 94 79 62 8 304", a dense table with a
    // few blanks and no row two short, read 0 where 商业企业 is blank).
    let blanks_unmarked = !page.exact && !parts.iter().flat_map(|p| &p.lines).flatten().any(|t| matches!(t, Tok::Blank(_)));
    for Part { slots, own, lines, .. } in parts {
        let lines_here = lines.len();
        orphans += lines.len().saturating_sub(slots.len());
        apart |= lines.len() > slots.len();
        if lines.len() > slots.len() && mode == Mode::PerLine {
            slots.iter().for_each(|&s| crowded[s] = true);
        }
        for (n, (&slot, line)) in slots.iter().zip(lines).enumerate() {
            // One number a line under a label whose row above printed none: more numbers
            // than the row has cells are the rows above's too (raw pdftotext lists their
            // totals after the last of their labels), and which are this row's, and which
            // of its cells are blank, is a guess.
            let nums = line.iter().filter(|t| matches!(t, Tok::Num(..))).count();
            if mode == Mode::PerLine && !page.exact && nums > k && slot > 0 && !printed[slot - 1] {
                crowded[slot] = true;
                orphans += 1;
            }
            if n > 0 || own.is_none() {
                by_order.push(data[slot].key);
            }
            printed[slot] = true;
            reads[slot] = candidates::read_line(&line, k, &sums, page.exact, &budget);
            // A PDF's text beside its labels (not one cell a line, where numbers stray from
            // their labels) prints a blank cell nowhere: a row two or more numbers short
            // holds blanks, anywhere but its printed total; the identities choose, and a
            // row printing only its total ("（一）予以公开 0") has one reading.
            // Not where the part has more number lines than rows: the row's numbers may go
            // on there, wrapped (LibreOffice random-0170: "（七）总计 905 949 772 1114" over
            // "2 1027 969 1576" and "4", read 1114 as its total, two false errors).
            let whole = lines_here <= slots.len();
            if mode == Mode::Space
                && !page.exact
                && whole
                && reads[slot].cands.is_empty()
                && line.len() + 2 <= k
                && matches!(reads[slot].issue, Issue::TooFew(_))
            {
                reads[slot] = candidates::blanks_anywhere(&line, k, &sums);
                short_rows = true;
            }
            // Numbers standing apart with too few digits to be cut into the row's cells
            // ("88 88", a part and its total) are as printed, when they add up so: one
            // number alone may be the piece of a wrapped one ("1667" over "3").
            if mode == Mode::Space
                && !page.exact
                && whole
                && matches!(reads[slot].issue, Issue::Unreadable(_))
                && line.len() >= 2
                && let Some(read) = candidates::blanks_adding_up(&line, k, &sums)
            {
                reads[slot] = read;
                short_rows = true;
            }
            // Under a part with more number lines than rows, a line that no reading makes
            // add up may be a piece of the row, the rest wrapped onto the next lines (PDF.js's
            // LibreOffice random-0433: "量 296 1024" over "8 3572 1374", where a wrong printed
            // number would stop the joins; cut into one-digit cells, it gave a false error).
            if mode == Mode::Space && !page.exact && !whole && reads[slot].broken {
                reads[slot] = LineRead::none_with(Issue::Unreadable(raw_of(page, &line)));
            }
            // A part with more number lines than rows may have given this row a piece of
            // its numbers (LibreOffice wraps "16673" as "1667" over "3"): not placed.
            let layout = layout.as_ref().filter(|_| line.len() < k && whole);
            if let Some(cols) = layout.and_then(|l| l.columns(page.src, &number_spans(&line)?)) {
                reads[slot] = candidates::at_columns(&line, &cols, k);
                by_place.push(slot);
                short_rows = true;
            } else if let Some(within) = layout.and_then(|l| l.ranges(page.src, &number_spans(&line)?)) {
                reads[slot] = candidates::blanks_within(&line, k, &sums, &within);
                short_rows = true;
            }
            row_lines[slot] = line;
        }
    }
    // In a table that prints blanks nowhere, the cell a row one number short lost may
    // have been one of them.
    if short_rows || blanks_unmarked {
        reads.iter_mut().filter(|r| r.issue == Issue::TooFew(k - 1)).for_each(|r| candidates::or_blank(r, k, &sums));
    }
    if !by_place.is_empty() {
        let msg = format!(
            "表三有 {} 行印出的数字少于 {k} 个（空白格没有印出）：按每个数字在行中的位置（与别的行同列对齐）定出所在列，其余格为空白。",
            by_place.len()
        );
        findings
            .push(Finding::new(&rules::X_COUNT, msg).about(by_place.iter().map(|&r| Target::Row(TableId::T3, data[r].key.to_string()))));
    }
    let keys: Vec<&str> = data.iter().map(|d| d.key).collect();
    let mut own_findings = Vec::new();
    let rows = settle(def, &data, &keys, &reads, &label_spans, &mut own_findings);
    let mut table = Table { id: TableId::T3, rows };
    // PDF text puts a row's numbers above, below or inside its label, or every label first:
    // the number lines in order, one a row, are the other reading; the identities choose.
    let lines = split.clone().unwrap_or_else(|| free_lines(page, &found, from, to, mode));
    // Each reading in order has its own budget: what the labels' reading spent must not
    // leave it less read (and so judged on fewer cells).
    let same = lines.len() == row_lines.len() && lines.iter().zip(&row_lines).all(|(a, b)| a == b);
    let attempt = |join: bool| {
        let stream = orphans > 0 && (split.is_none() || fixed.iter().any(Option::is_some));
        let how = Order { stream, detached: orphans > 0, join };
        in_order(page, &lines, &data, (from, to, mode), how, &fixed, &candidates::Budget::new(candidates::TABLE_STEPS)).map(|r| {
            let mut f = Vec::new();
            let rows = settle(def, &data, &keys, &r, &label_spans, &mut f);
            let placed = r.iter().filter(|l| l.issue != Issue::Unplaced).count();
            let loose: Vec<usize> = (0..r.len()).filter(|&i| r[i].loose).collect();
            (rows, f, placed, loose)
        })
    };
    // Wrapped numbers are joined when that reads better: a lone number right after a wide
    // one may be the next row's only cell.
    let plain = attempt(false);
    let with_joins = if mode == Mode::PerLine { attempt(true) } else { None };
    let in_rows = match (plain, with_joins) {
        (Some(p), Some(j)) if better(&p.0, &j.0, &keys, true) => Some(j),
        (None, j) => j,
        (p, _) => p,
    };
    // Numbers one a line with blanks printed nowhere: a cut one row off still adds up row
    // by row and breaks only a column or two, as one wrong number would; there the rows
    // in order are taken only if they break nothing.
    let shift_hides = |rows: &[Row]| {
        mode == Mode::PerLine && rows.iter().flat_map(|r| &r.cells).any(|c| c.certain && c.value.is_none()) && broken(rows, &keys) > 0
    };
    if let Some(placed) = in_rows.filter(|_| !same).filter(|p| better(&table.rows, &p.0, &keys, orphans > 0) && !shift_hides(&p.0)) {
        let mut disputed = unconfirmed_placement(&placed.0, &keys);
        let scrambled: Vec<usize> = if mode == Mode::PerLine {
            columns_open(&placed.0, &keys, &placed.3).into_iter().filter(|r| !disputed.contains(r)).collect()
        } else {
            Vec::new()
        };
        table.rows = placed.0;
        own_findings = placed.1;
        let msg = format!(
            "表三按行序读出的数字有 {} 行与行标签错开一行（行标签后的数字排给了上一行，从 PDF 复制的文字常见：某一行的数字印在了别处），又没有跨行的勾稽关系能核对哪种读法对，已留空。请直接检查 PDF 文件，或粘贴带表格结构的文字。",
            disputed.len()
        );
        unsettle(&mut table, &disputed, msg, findings);
        let msg = format!(
            "表三有 {} 行按行序读出的数字紧接在一串无法成格的数字之后（从 PDF 复制的文字在此处打乱了次序）：本行相加成立，但各数字在哪一列，没有跨行的勾稽关系能核对，已留空。请直接检查 PDF 文件，或粘贴带表格结构的文字。",
            scrambled.len()
        );
        unsettle(&mut table, &scrambled, msg, findings);
        disputed.extend(scrambled);
        // Rows the stream could not place are named by their own finding.
        let kept = placed.2.saturating_sub(disputed.len());
        if kept > 0 {
            let msg = format!(
                "表三的数字行与行标签在文字中没有一一相邻（从 PDF 复制的文字常见：数字在标签上方、下方、折行标签中间，或先列出全部标签）：已按模板行序对应 {kept} 行，能核对的勾稽关系{}。",
                if broken(&table.rows, &keys) == 0 { "全部成立" } else { "除一个格子可解释的不平外均成立" }
            );
            findings.push(Finding::new(&rules::X_PLACED, msg).about([Target::Table(TableId::T3)]));
        }
        wrapped_cells(page, &table, &data, findings);
        orphans = 0;
        by_order.clear();
        printed.fill(true);
        in_row_order = true;
    }
    findings.extend(own_findings);
    if !by_order.is_empty() {
        let labels: Vec<String> = by_order.iter().filter_map(|k| data.iter().find(|d| d.key == *k)).map(|d| short(d.label)).collect();
        let msg = format!("表三有 {} 行没有行标签，按模板行序读作：{}。", by_order.len(), labels.join("、"));
        findings.push(Finding::new(&rules::X_LABEL, msg).about(by_order.iter().map(|k| Target::Row(TableId::T3, k.to_string()))));
    }
    let mut lost: Vec<String> =
        (0..data.len()).filter(|&r| !printed[r] && label_spans[r].is_none()).map(|r| data[r].key.to_string()).collect();
    if let Some((group, numbers)) = printed_as_one {
        one_other_row(&mut table, group, &numbers, findings);
        lost.retain(|k| !sub_row_of(k, group.def.key));
    }
    // One cell a line (raw PDF text) where rows printed only some of their cells: the
    // numbers do not stand beside their labels, so a label with nothing after it is no
    // blank row either.
    let short = mode == Mode::PerLine && !page.exact && reads.iter().any(|r| r.cands.is_empty() && matches!(r.issue, Issue::TooFew(_)));
    if mode == Mode::PerLine && !page.exact && (apart || short || in_row_order) && fewer_numbers {
        unconfirmed_rows(&mut table, &keys, findings);
    }
    if !page.exact {
        mostly_unread(&mut table);
    }
    if orphans > 0 || (short && !in_row_order) {
        detached(&mut table, &reads, &crowded, orphans, findings);
        lost.clear(); // their numbers may be among the orphan lines: not "既无行标签也无数字"
    }
    if !in_row_order {
        for &(r, c) in &joined {
            table.rows[r].cells[c].span = None;
        }
    }
    not_counts(page.src, &mut table);
    let end = found.last().map_or(from, |a| a.end);
    (Some(table), end, lost)
}

/// Whether row `key` is one of group `group`'s ("other.unpaid_fee" of "other").
fn sub_row_of(key: &str, group: &str) -> bool {
    key.strip_prefix(group).is_some_and(|rest| rest.starts_with('.'))
}

/// A 2021 table 3 printing the group （六）其他处理 as the 2019 format's one row: its sub-rows
/// are unread (the numbers are their sum, which the 2021 format has no row for), and said.
fn one_other_row(table: &mut Table, group: &Anchor, numbers: &str, findings: &mut Vec<Finding>) {
    let mut rows = Vec::new();
    for row in table.rows.iter_mut().filter(|r| sub_row_of(&r.key, group.def.key)) {
        row.unsettle();
        rows.push(Target::Row(TableId::T3, row.key.clone()));
    }
    let msg = format!(
        "表三“{}”按2019年格式印为一行（{}），没有2021年格式的三个子项：子项已留空，（七）总计无法完整核对。",
        group.def.label,
        ellipsis(numbers, 60)
    );
    findings.push(Finding::new(&rules::X_UNREADABLE, msg).about(rows));
}

/// Every line of numbers in the table's text, in order, outside the row labels (the
/// labels' own ordinals are text, see `tokens`).
fn free_lines(page: &Page, found: &[Anchor], from: usize, to: usize, mode: Mode) -> Vec<Vec<Tok>> {
    let mut spans = Vec::new();
    let mut at = from;
    for a in found {
        spans.push((at, a.start));
        at = a.end;
    }
    spans.push((at, to));
    spans.into_iter().filter(|(a, b)| a < b).flat_map(|(a, b)| page.groups(a, b, mode, true)).collect()
}

/// Per table row, its numbers when already known.
type Fixed = Vec<Option<Vec<Tok>>>;

/// How `in_order` may read: cut the text's own stream into rows (`stream_rows`); the
/// labels left number lines without a row (`detached`); join wrapped numbers (`join`).
#[derive(Clone, Copy)]
struct Order {
    stream: bool,
    detached: bool,
    join: bool,
}

/// The rows read from the table's number lines in order, ignoring where the labels are:
/// one line a row when there are as many lines as rows, or, when every number stands
/// alone (pdftotext's raw order, one cell a line) and the labels left some of them without
/// a row (`detached`), as many numbers as cells, row after row; fewer numbers are cut into
/// rows by `stream_rows` when the text's own order is to be read (`stream`: not after
/// `split_rows` moved numbers). Never for exact rows (HTML, Word), which are where their
/// labels say.
fn in_order(
    page: &Page,
    lines: &[Vec<Tok>],
    data: &[&'static RowDef],
    (from, to, mode): (usize, usize, Mode),
    Order { stream, detached, join }: Order,
    fixed: &[Option<Vec<Tok>>],
    budget: &candidates::Budget,
) -> Option<Vec<LineRead>> {
    if page.exact {
        return None;
    }
    let k = template::T3.cols.len();
    let sums = identity::of_line(&template::T3);
    if lines.len() == data.len() {
        // PDF text: a cell a row lost may have been a blank printed nowhere (as in the
        // labels' reading of such text).
        let read = |l: &Vec<Tok>| {
            let mut r = candidates::read_line(l, k, &sums, false, budget);
            if r.issue == Issue::TooFew(k - 1) {
                candidates::or_blank(&mut r, k, &sums);
            }
            r
        };
        return Some(lines.iter().map(read).collect());
    }
    let lines = if join { join_raw_wraps(lines.to_vec()) } else { lines.to_vec() };
    let mut toks: Vec<&Tok> = lines.iter().flatten().collect();
    // One cell a line, but wide rows print two cells on a line ("5116 10288", Chromium
    // random-0185), which is no cell: the numbers as words, if they are then as many as
    // the table's cells and, cut into rows in order, break none of its identities (a
    // row's cells may stand in another order in such text, Chromium random-0007's last
    // row: its sum holds, its columns' do not).
    let words = if detached && mode == Mode::PerLine && toks.len() < data.len() * k {
        tokens::number_words(page.src, page.f.orig(from), page.f.orig(to))
    } else {
        Vec::new()
    };
    if words.len() == data.len() * k && balanced(&words, data) {
        toks = words.iter().collect();
    }
    let all_single = toks.iter().all(|t| matches!(t, Tok::Num(Value::Int(_), _)));
    if detached && all_single && toks.len() == data.len() * k {
        let rows = toks.chunks(k).map(|c| {
            let mut row: Vec<Tok> = c.iter().map(|t| (*t).clone()).collect();
            // pdftotext may print the first cell of a row whose label wraps (it stands
            // between the label's two lines) after the row's last (reportlab random-0252:
            // 二、上年结转 as 39 0 0 5 12 56 0): taken so only where the row then adds up
            // and did not before; the rows' and columns' identities then judge the table.
            if !candidates::line_holds(&row, &sums) {
                row.rotate_right(1);
                if !candidates::line_holds(&row, &sums) {
                    row.rotate_left(1);
                }
            }
            candidates::read_line(&row, k, &sums, false, budget)
        });
        return Some(rows.collect());
    }
    if stream && all_single && !toks.is_empty() && toks.len() < data.len() * k {
        return stream_rows(page, data, (from, to, mode), join, fixed, budget);
    }
    None
}

/// Whether table 3's numbers, row after row, break none of its identities.
fn balanced(numbers: &[Tok], data: &[&'static RowDef]) -> bool {
    let k = template::T3.cols.len();
    let keys: Vec<&str> = data.iter().map(|d| d.key).collect();
    let v: Vec<i64> = numbers.iter().filter_map(|t| if let Tok::Num(Value::Int(v), _) = t { Some(*v) } else { None }).collect();
    v.len() == keys.len() * k
        && identity::of_table(&template::T3, &keys).iter().all(|id| !identity::judge(id, |r, c| identity::Read::Val(v[r * k + c])).broken())
}

/// The rows cut from the table's numbers when every number stands alone, the labels are
/// elsewhere and some blank cells are printed nowhere (see `stream`): where each stack of
/// labels starts and the rows' totals decide; a row the best cuts disagree on is `Unplaced`.
fn stream_rows(
    page: &Page,
    data: &[&'static RowDef],
    (from, to, mode): (usize, usize, Mode),
    join: bool,
    fixed: &[Option<Vec<Tok>>],
    budget: &candidates::Budget,
) -> Option<Vec<LineRead>> {
    let k = template::T3.cols.len();
    // The numbers of rows already made whole are not the stream's, nor are those rows.
    let known: Vec<crate::model::Span> = fixed.iter().flatten().flatten().map(Tok::span).collect();
    let free = |t: &Tok| !known.iter().any(|&(s, e)| s < t.span().1 && t.span().0 < e);
    let groups = |a: usize, b: usize| {
        let g = page.groups(a, b, mode, true);
        let g = if join { join_raw_wraps(g) } else { g };
        g.into_iter().flatten().filter(free)
    };
    let sums = identity::of_line(&template::T3);
    let rows: Vec<usize> = (0..data.len()).filter(|&r| fixed.get(r).is_none_or(Option::is_none)).collect();
    let row_of = |a: &Anchor| data.iter().position(|d| std::ptr::eq(*d, a.def)).and_then(|r| rows.iter().position(|&x| x == r));
    let mut toks: Vec<Tok> = Vec::new();
    // Labels with no numbers between them are a stack: (where it stands, its rows).
    let mut stacks: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut at = from;
    for a in labels_anywhere(page, data, from, to) {
        toks.extend(groups(at, a.start));
        at = a.end;
        let Some(row) = row_of(&a) else { continue };
        match stacks.last_mut() {
            Some((p, rows)) if *p == toks.len() => rows.push(row),
            _ => stacks.push((toks.len(), vec![row])),
        }
    }
    // A stack's numbers start its lowest row; labels of rows before the last stack's first
    // are late (pdftotext may print labels after the numbers of rows below them) and
    // place nothing.
    let mut heads: Vec<stream::Anchor> = Vec::new();
    for (p, rows) in stacks {
        let after = heads.last().map_or(0, |h| h.row + 1);
        if let Some(&row) = rows.iter().filter(|&&r| r >= after).min() {
            heads.push(stream::Anchor { row, at: p });
        }
    }
    toks.extend(groups(at, to));
    let nums: Vec<i64> = toks.iter().map_while(|t| if let Tok::Num(Value::Int(v), _) = t { Some(*v) } else { None }).collect();
    if nums.len() < toks.len() {
        return None;
    }
    // A label after every number follows its own (四、结转下年度继续办理 in pdftotext's
    // order), or heads a blank row: it places nothing.
    heads.retain(|h| h.at < nums.len());
    // Text standing among a row's numbers (labels, a page number, a repeated header):
    // the text broke the row there, and the numbers on either side may be in another
    // order than the table's (pdftotext printed a 0 of 四、结转下年度继续办理 after the
    // labels of the rows above it, and reportlab's 予以公开 753 after its other parts,
    // before the page number).
    let text_after = |i: usize| page.src[toks[i].span().1..toks[i + 1].span().0].chars().any(|c| !c.is_whitespace() && c != '|');
    let straddles = |p: usize, n: usize| (p..(p + n).saturating_sub(1)).any(text_after);
    let cuts = stream::cut(&nums, rows.len(), k, &heads);
    let mut off = stream::dishonoured(&cuts, &heads, &nums);
    let lost: Vec<usize> = lost_numbers(page, &toks, from, to, &free);
    for (r, lost) in stream::lost(&cuts, &heads, &lost, &nums, k).into_iter().enumerate() {
        off[r] |= lost;
    }
    let mut reads = cuts.into_iter().enumerate().map(|(r, c)| match c {
        _ if off[r] => LineRead::none_with(Issue::Unplaced),
        Some((p, n)) if straddles(p, n) => LineRead::none_with(Issue::Unplaced),
        Some((p, n)) if n == k => LineRead { loose: lost.contains(&p), ..candidates::read_line(&toks[p..p + n], k, &sums, false, budget) },
        Some((_, 0)) => LineRead::none(),
        Some((p, n)) => candidates::blanks_anywhere(&toks[p..p + n], k, &sums),
        None => LineRead::none_with(Issue::Unplaced),
    });
    let whole = |row: &Vec<Tok>| candidates::read_line(row, k, &sums, false, budget);
    Some(
        (0..data.len())
            .map(|r| fixed.get(r).and_then(Option::as_ref).map_or_else(|| reads.next().unwrap_or_else(LineRead::none), whole))
            .collect(),
    )
}

/// Where the stream `toks` lost numbers: a line of two numbers ("5273 15804", a wide row's
/// two cells on a line) is no cell, and the groups leave it out. For each number printed
/// on such a line, how many of the stream's numbers stand before it.
fn lost_numbers(page: &Page, toks: &[Tok], from: usize, to: usize, free: &dyn Fn(&Tok) -> bool) -> Vec<usize> {
    let words = tokens::number_words(page.src, page.f.orig(from), page.f.orig(to));
    words
        .iter()
        .filter(|w| free(w))
        .filter_map(|w| {
            let (s, e) = w.span();
            let before = toks.partition_point(|t| t.span().0 <= s);
            let covered = before > 0 && toks[before - 1].span().1 >= e;
            (!covered).then_some(before)
        })
        .collect()
}

/// Every data row's label wherever it stands in the table's text, in text order, without
/// overlaps: its first occurrence, by needles of three characters or more (总计, 合计 are
/// column headers too).
fn labels_anywhere(page: &Page, data: &[&'static RowDef], from: usize, to: usize) -> Vec<Anchor> {
    let mut out: Vec<Anchor> = Vec::new();
    for &def in data {
        let long: Vec<&'static str> = def.needles.iter().copied().filter(|n| n.chars().count() >= 3).collect();
        if let Some((s, e, _)) = page.f.find_any(&long, from, to) {
            out.push(Anchor { def, start: with_ordinal(page, def, s), end: e });
        }
    }
    out.sort_by_key(|a| a.start);
    let mut last_end = 0;
    out.retain(|a| {
        let keep = a.start >= last_end;
        if keep {
            last_end = a.end;
        }
        keep
    });
    out
}

/// How many of table 3's identities its certain cells break.
fn broken(rows: &[Row], keys: &[&str]) -> usize {
    identity::of_table(&template::T3, keys).iter().filter(|id| judge_rows(id, rows).broken()).count()
}

fn judge_rows(id: &identity::Identity, rows: &[Row]) -> identity::Verdict {
    identity::judge(id, |r, c| {
        let x: &Cell = &rows[r].cells[c];
        match (x.certain, x.value.and_then(Value::as_int)) {
            (false, _) => identity::Read::Unknown,
            (true, Some(v)) => identity::Read::Val(v),
            (true, None) if x.value.is_some() => identity::Read::Unknown,
            (true, None) => identity::Read::Blank,
        }
    })
}

/// Whether the rows read in order (`placed`) are the better reading than those read by
/// their labels (`labelled`): they differ, break at most what one wrong printed number
/// breaks, and break fewer identities (or the labels left rows unread, `detached`, and
/// the rows in order read more).
fn better(labelled: &[Row], placed: &[Row], keys: &[&str], detached: bool) -> bool {
    let values = |rows: &[Row]| rows.iter().map(|r| r.cells.iter().map(|c| (c.value, c.certain)).collect::<Vec<_>>()).collect::<Vec<_>>();
    if values(labelled) == values(placed) {
        return false;
    }
    let (bp, bl) = (broken(placed, keys), broken(labelled, keys));
    // Fewer broken identities count only on as many cells read: a reading that leaves
    // more cells unknown judges fewer identities.
    let read = |rows: &[Row]| rows.iter().flat_map(|r| &r.cells).filter(|c| c.certain && c.value.is_some()).count();
    let (rp, rl) = (read(placed), read(labelled));
    // When the labels left number lines without a row (`detached`), their reading is
    // known to be incomplete: it breaks little because it reads little, and a wrong
    // printed number in the rows it missed must not make the whole table unread.
    bp <= ONE_WRONG_NUMBER && rp >= rl && (bp < bl || (detached && rp > rl))
}

/// Rows read in order that stand a line off from their labels: the order gave a row the
/// line right after a later row's label (the labels' reading gives it to that row), while
/// its own label too has numbers after it, or the next row is off the same way (labels
/// listed first and their numbers after dispute nothing). A row sum holds wherever its
/// line stands: only a sum across rows that holds, in a column adding up to more than 0,
/// confirms such a row, and the rows after it are off too until one takes the first line
/// after its own label (LibreOffice's random-0048 printed 本年新收 amid the header, and
/// the order moved every row after it up one).
fn unconfirmed_placement(placed: &[Row], keys: &[&str]) -> Vec<usize> {
    let across: Vec<identity::Identity> =
        identity::of_table(&template::T3, keys).into_iter().filter(|id| id.def.each == template::Each::Column).collect();
    let nonzero = |id: &identity::Identity| id.cells().any(|&(r, c)| placed[r].cells[c].int().is_some_and(|v| v != 0));
    let confirmed = |r: usize| {
        across
            .iter()
            .any(|id| id.cells().any(|&(x, _)| x == r) && nonzero(id) && matches!(judge_rows(id, placed), identity::Verdict::Holds { .. }))
    };
    let n = placed.len();
    let first: Vec<Option<usize>> = placed.iter().map(|row| row.cells.iter().filter_map(|c| c.span).map(|s| s.0).min()).collect();
    // The row whose label each line follows with no other label between.
    let beside: Vec<Option<usize>> = first
        .iter()
        .map(|f| f.and_then(|at| (0..n).filter(|&s| placed[s].label_span.is_some_and(|l| l.0 <= at)).max_by_key(|&s| placed[s].label_span)))
        .collect();
    // The first line after each row's label: the one the labels' reading gives it.
    let first_beside: Vec<Option<usize>> =
        (0..n).map(|s| (0..n).filter(|&r| beside[r] == Some(s)).filter_map(|r| first[r]).min()).collect();
    // The labels would give the row's line to a later row.
    let later: Vec<bool> = (0..n).map(|r| beside[r].is_some_and(|s| s > r && first_beside[s] == first[r])).collect();
    let mut out = Vec::new();
    let mut shifted = false;
    for (r, row) in placed.iter().enumerate() {
        // The order is a line off from a row whose own label has numbers after it that the
        // order gave another row, or from two rows running that the labels give the next
        // row (labels listed first, then their numbers, dispute nothing), until a row
        // takes the first line after its own label.
        let starts = later[r] && (first_beside[r].is_some() || later.get(r + 1) == Some(&true));
        shifted = (shifted || starts) && !(first[r].is_some() && first_beside[r] == first[r]) && !confirmed(r);
        if shifted && row.cells.iter().any(|c| c.certain && c.value.is_some()) {
            out.push(r);
        }
    }
    out
}

/// Rows read in order from one cell a line, cut right after numbers the stream lost
/// (`loose`), whose columns nothing confirms: some cell of theirs is in no column identity
/// that is judged (each has a cell unread). pdftotext's raw order may list a row's cells
/// out of their columns' order ("75 0 73 1576 1840 1972 5536" for 75 1576 1840 0 73 1972
/// 5536, Chromium's random-0491, under a total row it could not read): the row's sum holds
/// in any order, so it vouches for the numbers, and only the sums down the columns could
/// say which column each stands in.
fn columns_open(placed: &[Row], keys: &[&str], loose: &[usize]) -> Vec<usize> {
    let down: Vec<identity::Identity> =
        identity::of_table(&template::T3, keys).into_iter().filter(|id| id.def.each == template::Each::Column).collect();
    let judged = |r: usize, c: usize| {
        down.iter().any(|id| id.cells().any(|&x| x == (r, c)) && !matches!(judge_rows(id, placed), identity::Verdict::NotJudged { .. }))
    };
    let read = |x: &Cell| x.certain && x.value.is_some();
    loose.iter().copied().filter(|&r| placed[r].cells.iter().enumerate().any(|(c, x)| read(x) && !judged(r, c))).collect()
}

/// Leaves rows `rows` unread, with the finding `msg` that says why.
fn unsettle(table: &mut Table, rows: &[usize], msg: String, findings: &mut Vec<Finding>) {
    if rows.is_empty() {
        return;
    }
    for &r in rows {
        table.rows[r].unsettle();
    }
    findings.push(Finding::new(&rules::X_DETACHED, msg).about(rows.iter().map(|&r| Target::Row(table.id, table.rows[r].key.clone()))));
}

/// Identities one wrong printed number can break (its row, its column, and (七)总计's H1).
const ONE_WRONG_NUMBER: usize = 3;

/// A row most of whose cells could not be read: the few numbers left to it (a total taken
/// as the last number, a part) stand on nothing but their place among numbers that did not
/// read, and may be another cell's or a piece of a wrapped number. Its cells are already
/// named by the findings that left the others unread.
fn mostly_unread(table: &mut Table) {
    for row in &mut table.rows {
        let unread = row.cells.iter().filter(|c| !c.certain).count();
        if unread * 2 > row.cells.len() {
            row.unsettle();
        }
    }
}

/// Raw text whose numbers stand apart from their labels (one a line, in stacks) and which
/// prints blank cells nowhere: which numbers are a row's is a guess, and the row's own sum
/// is what confirms it. A row that does not add up as read, or cannot be judged (a lone
/// total, cells unread), is not certain in any cell: a number there may be another row's.
fn unconfirmed_rows(table: &mut Table, keys: &[&str], findings: &mut Vec<Finding>) {
    let sums: Vec<identity::Identity> =
        identity::of_table(&template::T3, keys).into_iter().filter(|id| id.def.each == template::Each::Row).collect();
    let n = table.rows.len();
    let read = |row: &Row| row.cells.iter().any(|c| c.certain && c.value.is_some());
    // The row adds up with a number on each side. (A part equal to the total among zeros,
    // or a row of zeros, may still be a cut's coincidence; but that is what most rows of
    // real reports look like, and nothing could confirm them better.)
    let (held, failed): (Vec<&identity::Identity>, Vec<&identity::Identity>) = sums
        .iter()
        .filter(|id| id.at < n && read(&table.rows[id.at]))
        .partition(|id| matches!(judge_rows(id, &table.rows), identity::Verdict::Holds { .. }));
    // Where most rows read fail their sums the rows were not cut where they stand, and the
    // few that add up do so by chance (small numbers among zeros: Chromium's random-0105,
    // its columns interleaved, had one such row among eleven that failed). So where most
    // rows could not be read at all: a row's sum vouches for its numbers, not for their
    // row, and only the sums down the columns could, which the unread rows leave open
    // (LibreOffice's random-0024 gave 3.补正后申请内容仍不明确 the row above's 15 0 0 3 2
    // 0 20, the only rows read beside it (六) and (七)).
    let unread_rows = if failed.len() > held.len() || held.len() * 2 < n { [failed, held].concat() } else { failed };
    let mut unread = Vec::new();
    for id in unread_rows {
        let row = &mut table.rows[id.at];
        row.unsettle();
        unread.push(Target::Row(table.id, row.key.clone()));
    }
    if !unread.is_empty() {
        let msg = format!(
            "{}的数字与行标签在文字中分开，且空白格没有印出（从 PDF 复制的文字常见）：有 {} 行读出的数字与本行合计对不上或无从核对，可能是别的行的数字，已留空。请直接检查 PDF 文件，或粘贴带表格结构的文字。",
            table.id.zh(),
            unread.len()
        );
        findings.push(Finding::new(&rules::X_DETACHED, msg).about(unread));
    }
}

/// Number lines that follow no row's label mean the text separated the numbers from their
/// labels: a row with nothing after its label is then not printed blank but unread.
/// A row that took the first of more number lines than it has rows took them by position
/// alone (`crowded`): the lines may be other rows' whose labels stand elsewhere.
fn detached(table: &mut Table, reads: &[LineRead], crowded: &[bool], orphans: usize, findings: &mut Vec<Finding>) {
    let mut unread = Vec::new();
    for (r, read) in reads.iter().enumerate() {
        let blank = read.cands.is_empty() && read.issue == Issue::Clean && !read.gave_up;
        if blank || (crowded[r] && orphans > 0) {
            table.rows[r].unsettle();
            unread.push(Target::Row(table.id, table.rows[r].key.clone()));
        }
    }
    if unread.is_empty() {
        return;
    }
    let msg = if orphans > 0 {
        format!(
            "{}有 {orphans} 行数字前面没有行标签：文字里数字与行标签分开了（从 PDF 复制的文字常见），有 {} 行无法确定哪些数字是自己的，已留空。请直接检查 PDF 文件，或粘贴带表格结构的文字。",
            table.id.zh(),
            unread.len()
        )
    } else {
        format!(
            "{}有 {} 行标签后面没有数字，而别的行只印出部分格子：文字里数字与行标签分开了（从 PDF 复制的文字常见），这些行是否空白无法确定，已留空。请直接检查 PDF 文件，或粘贴带表格结构的文字。",
            table.id.zh(),
            unread.len()
        )
    };
    findings.push(Finding::new(&rules::X_DETACHED, msg).about(unread));
}

/// A wrapped number joined: the line (of the text between two labels), its column, and
/// the digits that stood on a line of their own.
struct Join {
    line: usize,
    col: usize,
    tail: String,
}

/// A number too wide for its cell wraps: its last digits stand on a line of their own
/// ("… 5446 3312" then "7", as LibreOffice prints 33127). When the text between two labels
/// gives more lines than rows, a line of `k` numbers whose sums do not hold, followed by a
/// lone number of at most two digits (alone, or among empty cells: a PDF's row cut by a
/// page break goes on at the top of the next page), is read with those digits appended to the one
/// number that makes its sums hold, if exactly one does. Returns the lines and, for each
/// join, where it was made.
fn join_wrapped(mut lines: Vec<Vec<Tok>>, rows: usize, k: usize, sums: &[identity::Identity]) -> (Vec<Vec<Tok>>, Vec<Join>) {
    let holds = |line: &[Tok]| {
        let vals: Vec<Option<i64>> = line.iter().map(cell_int).collect();
        vals.iter().all(Option::is_some)
            && sums.iter().all(|id| !identity::judge(id, |_, c| vals[c].map_or(identity::Read::Unknown, identity::Read::Val)).broken())
    };
    if rows == 1
        && lines.len() > 1
        && let Some((line, cols)) = join_breaks(&lines, k, &holds)
    {
        return (vec![line], cols.into_iter().map(|(col, tail)| Join { line: 0, col, tail }).collect());
    }
    let mut joins = Vec::new();
    let mut l = 0;
    while lines.len() > rows && l + 1 < lines.len() {
        // The lone number may stand among empty cells (a PDF's row cut by a page break:
        // its last digits in the row's continuation on the next page).
        let values: Vec<&Tok> = lines[l + 1].iter().filter(|t| t.is_value()).collect();
        // Several cells' last digits, each in its cell (a row of a PDF cut by a page break
        // whose numbers wrapped: "1037 … 1257" at a page's foot, "1 … 1" under the next
        // page's header, LibreOffice's random-0347): each joined to its own column's.
        // In text without cells, "1 1" alone: the one choice of as many of the row's numbers,
        // in order, that makes its sums hold.
        if values.len() > 1 && lines[l].len() == k && !holds(&lines[l]) {
            let cells = join_cells(&lines[l], &lines[l + 1], k).filter(|(line, _)| holds(line));
            if let Some((line, cols)) = cells.or_else(|| join_in_order(&lines[l], &values, k, &holds)) {
                joins.extend(cols.into_iter().map(|(col, tail)| Join { line: l, col, tail }));
                lines[l] = line;
                lines.remove(l + 1);
                l += 1;
                continue;
            }
        }
        let tail = match values[..] {
            [t] => cell_int(t).filter(|v| *v < 100).map_or((0, 0), |v| (v, t.span().1 - t.span().0)),
            _ => (0, 0),
        };
        if tail.1 == 0 || lines[l].len() != k || holds(&lines[l]) {
            l += 1;
            continue;
        }
        let joined: Vec<Vec<Tok>> = (0..k)
            .filter_map(|c| {
                let (v, span) = (cell_int(&lines[l][c])?, lines[l][c].span());
                let mut line = lines[l].clone();
                line[c] = Tok::Num(Value::Int(v.checked_mul(10i64.pow(tail.1 as u32))?.checked_add(tail.0)?), span);
                holds(&line).then_some(line)
            })
            .collect();
        if let [line] = &joined[..] {
            let c = (0..k).find(|&c| line[c] != lines[l][c]).unwrap_or(0);
            joins.push(Join { line: l, col: c, tail: tail.0.to_string() });
            lines[l] = line.clone();
            lines.remove(l + 1);
        }
        l += 1;
    }
    (lines, joins)
}

/// One row printed over several lines, its wide numbers wrapped in their cells, so that a
/// line ends in a number's first digits and the next starts with its last ("量 296 1024" /
/// "8 3572 1374" / "5 853 893 2960" / "7", PDF.js's text of LibreOffice's random-0433): the
/// numbers in order, with as many line breaks closed (the next line's first number, at
/// most two digits, appended to the line's last, of three digits or more) as make `k`
/// numbers, where exactly one choice of breaks makes the row `hold`.
fn join_breaks(lines: &[Vec<Tok>], k: usize, holds: &dyn Fn(&[Tok]) -> bool) -> Option<Joined> {
    let n: usize = lines.iter().map(Vec::len).sum();
    let breaks = lines.len() - 1;
    // Bounded: a row's own lines, at most three numbers wrapped (as `join_in_order`).
    if n <= k || n - k > breaks.min(3) || lines.len() > k || lines.iter().flatten().any(|t| cell_int(t).is_none()) {
        return None;
    }
    let mut found = Vec::new();
    candidates::combos(breaks, n - k, &mut Vec::new(), 0, &mut |closed| {
        let mut line: Vec<Tok> = Vec::new();
        let mut joined = Vec::new();
        for (b, l) in lines.iter().enumerate() {
            let mut rest = &l[..];
            if b > 0 && closed.contains(&(b - 1)) {
                // Only a wide number wraps: its first digits are three or more.
                let wide = line.last().and_then(cell_int).is_some_and(|v| v >= 100);
                let Some((tok, tail)) = appended(&line, line.len() - 1, &l[0]).filter(|_| wide) else { return };
                *line.last_mut().unwrap() = tok;
                joined.push((line.len() - 1, tail));
                rest = &l[1..];
            }
            line.extend(rest.iter().cloned());
        }
        if line.len() == k && holds(&line) {
            found.push((line, joined));
        }
    });
    match found.len() {
        1 => found.pop(),
        _ => None,
    }
}

/// A row with wrapped digits appended, and for each join its column and the digits.
type Joined = (Vec<Tok>, Vec<(usize, String)>);

/// A number as one cell: a lone number, or a digit run read whole.
fn cell_int(t: &Tok) -> Option<i64> {
    match t {
        Tok::Num(Value::Int(v), _) => Some(*v),
        Tok::Run { digits, .. } if !digits.starts_with('0') || digits.len() == 1 => digits.parse().ok(),
        _ => None,
    }
}

/// `row`'s cell `c` with `tail` (a number of at most two digits) appended to its number.
fn appended(row: &[Tok], c: usize, tail: &Tok) -> Option<(Tok, String)> {
    let (t, (s, e)) = (cell_int(tail)?, tail.span());
    let digits = u32::try_from(e - s).ok().filter(|&d| d <= 2 && t < 100)?;
    let v = cell_int(&row[c])?.checked_mul(10i64.pow(digits))?.checked_add(t)?;
    Some((Tok::Num(Value::Int(v), row[c].span()), t.to_string()))
}

/// `row` with the digits of `next`'s cells appended, cell by cell: `next` a line of empty
/// cells and numbers of at most two digits, standing under `row`'s `k` cells (its last `k`;
/// any before them, a label's, empty). The joined line and, for each join, its column and
/// the digits appended. `None` where a cell does not line up with a number of `row`.
fn join_cells(row: &[Tok], next: &[Tok], k: usize) -> Option<Joined> {
    let (label, cells) = next.split_at(next.len().checked_sub(k)?);
    if label.iter().any(Tok::is_value) {
        return None;
    }
    let mut line = row.to_vec();
    let mut cols = Vec::new();
    for (c, t) in cells.iter().enumerate().filter(|(_, t)| t.is_value()) {
        let (tok, tail) = appended(row, c, t)?;
        line[c] = tok;
        cols.push((c, tail));
    }
    Some((line, cols))
}

/// `row` with each of `tails` (at most three numbers of at most two digits) appended to one
/// of its numbers, in order, where exactly one such choice makes it `hold`.
fn join_in_order(row: &[Tok], tails: &[&Tok], k: usize, holds: &dyn Fn(&[Tok]) -> bool) -> Option<Joined> {
    if tails.len() > 3 {
        return None;
    }
    let mut found = Vec::new();
    candidates::combos(k, tails.len(), &mut Vec::new(), 0, &mut |cols| {
        let mut line = row.to_vec();
        let mut joined = Vec::new();
        for (&c, t) in cols.iter().zip(tails) {
            let Some((tok, tail)) = appended(row, c, t) else { return };
            line[c] = tok;
            joined.push((c, tail));
        }
        if holds(&line) {
            found.push((line, joined));
        }
    });
    match found.len() {
        1 => found.pop(),
        _ => None,
    }
}

/// The spans of a line's numbers; a digit run is one number here (a cell glued to its
/// neighbour would stand across two columns and place nothing). `None` with a blank.
fn number_spans(line: &[Tok]) -> Option<Vec<crate::model::Span>> {
    line.iter().map(|t| (!matches!(t, Tok::Blank(_))).then(|| t.span())).collect()
}

/// In raw PDF text, one number a line and a blank line between numbers, a number too
/// wide for its cell wraps onto the next line with no blank line between ("1013" then
/// "2" for 10132, as LibreOffice prints it): those are one number, whose span covers both
/// lines (`wrapped_cells` names it). Only where every other line holds one number.
fn join_raw_wraps(lines: Vec<Vec<Tok>>) -> Vec<Vec<Tok>> {
    let tail = |t: &Tok| match t {
        Tok::Num(Value::Int(v), (s, e)) if *v < 100 && e - s <= 2 => Some((*v, e - s)),
        _ => None,
    };
    // Only a number of four digits or more is too wide for its cell; a smaller one before
    // a smaller still is two cells (a total is never less than its part).
    let pairs = lines.iter().filter(|l| matches!(&l[..], [Tok::Num(Value::Int(a), _), b] if *a >= 1000 && tail(b).is_some())).count();
    let singles = lines.iter().filter(|l| l.len() == 1).count();
    if pairs == 0 || singles < 9 * pairs || pairs + singles != lines.len() {
        return lines;
    }
    lines
        .into_iter()
        .map(|l| match &l[..] {
            [Tok::Num(Value::Int(a), (s, _)), b @ Tok::Num(_, (_, e))] if *a >= 1000 => {
                let (v, digits) = tail(b).unwrap_or_default();
                match a.checked_mul(10i64.pow(digits as u32)).and_then(|x| x.checked_add(v)) {
                    Some(n) => vec![Tok::Num(Value::Int(n), (*s, *e))],
                    None => l,
                }
            }
            _ => l,
        })
        .collect()
}

/// Cells read from a number `join_raw_wraps` joined (their span crosses a line): named,
/// as the reader put two printed pieces together.
fn wrapped_cells(page: &Page, table: &Table, data: &[&'static RowDef], findings: &mut Vec<Finding>) {
    for (r, row) in table.rows.iter().enumerate() {
        for (c, cell) in row.cells.iter().enumerate() {
            let Some((s, e)) = cell.span.filter(|&(s, e)| page.src[s..e].contains('\n')) else { continue };
            let printed = page.src[s..e].split_whitespace().collect::<Vec<_>>().join("”与“");
            let msg =
                format!("“{}”的“{printed}”折成两行印出（单元格太窄，数字折行，PDF 常见），已接成一个数，请核对。", short(data[r].label));
            let cell = crate::model::CellRef { table: TableId::T3, row: data[r].key.to_string(), col: template::T3.cols[c].key };
            findings.push(Finding::new(&rules::X_SPLIT, msg).about([Target::Cell(cell)]));
        }
    }
}

/// In pdftotext's raw order a LibreOffice PDF may print a row's first cells beside its
/// label and the rest later: the label column and the first `m` columns flow together,
/// then the other columns of all those rows, row after row ("一、本年新收…数 104",
/// "二、上年结转…数 2281", …, "6.属于四类过程性信息 262", then "111 0 1 48 29 293 210 …").
/// The first cells stand above, beside or below their labels, but in order. Consecutive
/// rows (one label each) whose text holds `m` numbers a row and then `k - m` a row after
/// the last label are those rows made whole, when the rows' sums choose one `m`: every
/// row adds up, or all but one when three or more rows fix the cut (one wrong printed
/// number must stay visible). Returns how many rows were made whole.
fn split_rows(parts: &mut [Part], k: usize, sums: &[identity::Identity]) -> usize {
    let single = |lines: &[Vec<Tok>]| lines.iter().flatten().all(|t| matches!(t, Tok::Num(Value::Int(_), _)));
    let count = |lines: &[Vec<Tok>]| lines.iter().map(Vec::len).sum::<usize>();
    let mut whole = 0;
    let mut j = 0;
    while j < parts.len() {
        let fits = |p: &Part| p.slots.len() == 1 && single(&p.lines);
        if !fits(&parts[j]) {
            j += 1;
            continue;
        }
        // The widest window i..=j that reads one way; the rows before j hold only first
        // cells (fewer than k numbers each; empty segments of group labels pass).
        let mut best = None;
        let mut i = j;
        while i > 0 {
            i -= 1;
            if parts[i].slots.is_empty() && parts[i].lines.is_empty() {
                continue;
            }
            if !fits(&parts[i]) || count(&parts[i].lines) >= k {
                break;
            }
            if let Some(rows) = window(parts, i, j, k, sums) {
                best = Some((i, rows));
            }
        }
        let Some((i, rows)) = best else {
            j += 1;
            continue;
        };
        let mut rows = rows.into_iter();
        for p in &mut parts[i..=j] {
            if p.slots.len() == 1 {
                p.lines = vec![rows.next().unwrap_or_default()];
                whole += 1;
            }
        }
        j += 1;
    }
    whole
}

/// `split_rows` over the numbers as words: one cell a line, a line of several numbers is
/// no cell, but a wide row prints its first cells so beside its wrapped label ("一、本年新收
/// 政府信息公开申请数" / "5969 7381" / "量", Chromium's raw text, the row's other five cells
/// after the page's foot). Only where the words are then every cell of the table and some
/// rows are made whole: the parts read so, and each row made whole (the stream cuts the
/// others, `stream_rows`).
fn split_words<'a>(page: &Page, parts: &[Part<'a>], rows: usize, k: usize, sums: &[identity::Identity]) -> Option<(Vec<Part<'a>>, Fixed)> {
    let mut words: Vec<Part<'a>> = parts
        .iter()
        .map(|p| {
            let (s, e) = page.span(p.at.0, p.at.1);
            let lines = if s < e { tokens::number_words(page.src, s, e).into_iter().map(|t| vec![t]).collect() } else { Vec::new() };
            Part { slots: p.slots.clone(), lines, ..*p }
        })
        .collect();
    if words.iter().map(|p| p.lines.len()).sum::<usize>() != rows * k {
        return None;
    }
    if split_rows(&mut words, k, sums) == 0 {
        return None;
    }
    // The rows made whole read so (one line of k cells, where each word had a line); the
    // others as the groups read them.
    let made_whole = |p: &Part| p.lines.len() == 1 && p.lines[0].len() == k && k > 1;
    let mut fixed = vec![None; rows];
    let parts = words.into_iter().zip(parts).map(|(w, p)| {
        if made_whole(&w) {
            fixed[w.slots[0]] = Some(w.lines[0].clone());
            w
        } else {
            Part { slots: p.slots.clone(), lines: p.lines.clone(), ..*p }
        }
    });
    Some((parts.collect(), fixed))
}

/// The rows of segments `i..=j` (see `split_rows`) made whole, when exactly one `m` reads.
fn window(parts: &[Part], i: usize, j: usize, k: usize, sums: &[identity::Identity]) -> Option<Vec<Vec<Tok>>> {
    let g = parts[i..=j].iter().filter(|p| p.slots.len() == 1).count();
    let nums: Vec<&Tok> = parts[i..=j].iter().flat_map(|p| p.lines.iter().flatten()).collect();
    let last = parts[j].lines.iter().map(Vec::len).sum::<usize>();
    if g < 2 || nums.len() != g * k {
        return None;
    }
    let mut found = None;
    for m in 1..k {
        // Every later cell comes after the last label.
        if g * (k - m) > last {
            continue;
        }
        let (first, rest) = nums.split_at(g * m);
        let rows: Vec<Vec<Tok>> = (0..g)
            .map(|t| first[t * m..(t + 1) * m].iter().chain(&rest[t * (k - m)..(t + 1) * (k - m)]).map(|t| (*t).clone()).collect())
            .collect();
        let misfits = rows.iter().filter(|r| !candidates::line_holds(r, sums)).count();
        if misfits <= usize::from(g >= 3) {
            if found.is_some() {
                return None;
            }
            found = Some(rows);
        }
    }
    found
}

/// A label followed by template rows whose labels are lost holds their numbers: when the
/// text gives fewer lines than rows, a line holding a whole multiple of the row width is
/// that many rows, in order.
fn regroup(lines: Vec<Vec<Tok>>, rows: usize, k: usize) -> Vec<Vec<Tok>> {
    if lines.len() >= rows {
        return lines;
    }
    let mut out = Vec::new();
    for line in lines {
        let n = line.len();
        if n > k && n % k == 0 && out.len() + n / k <= rows {
            out.extend(line.chunks(k).map(<[Tok]>::to_vec));
        } else {
            out.push(line);
        }
    }
    out
}

/// Chooses among the printed lines' readings with the table's identities and turns them
/// into rows; says, for each line read with an assumption, what was assumed.
fn settle(
    def: &TableDef,
    data: &[&'static RowDef],
    keys: &[&str],
    reads: &[LineRead],
    label_spans: &[Option<(usize, usize)>],
    findings: &mut Vec<Finding>,
) -> Vec<Row> {
    let k = def.cols.len();
    let per = def.rows_per_line;
    // The table's identities in line coordinates: (row, col) → (row / per, row % per * k + col).
    let ids: Vec<identity::Identity> = identity::of_table(def, keys)
        .into_iter()
        .map(|id| {
            let at = |v: &[(usize, usize)]| v.iter().map(|&(r, c)| (r / per, r % per * k + c)).collect();
            identity::Identity { parts: at(&id.parts), totals: at(&id.totals), ..id }
        })
        .collect();
    let solved = solve::solve(reads, k * per, &ids);
    let rows: Vec<Row> = data
        .iter()
        .enumerate()
        .map(|(r, d)| Row {
            key: d.key.into(),
            label: d.label.into(),
            label_span: label_spans.get(r).copied().flatten(),
            cols: def.cols,
            cells: solved.lines[r / per][r % per * k..(r % per + 1) * k].iter().map(solve::Resolved::cell).collect(),
        })
        .collect();
    let table = Table { id: def.id, rows };
    line_findings(&table, per, reads, &solved, findings);
    table.rows
}

fn table4(page: &Page, from: usize, to: usize, findings: &mut Vec<Finding>) -> Option<Table> {
    let def = &template::T4;
    let (read, by_cells) = match t4_header(page, from, to) {
        // Numbers among header words before the header's run: the text wrote the table a
        // column at a time and the run found is a later block's header (raw pdftotext,
        // Chromium's random-0538: "结果 纠正 16 … 总计 161 177", then the last block's
        // header alone, every cell called blank). What follows the run is not the table.
        Some((hdr_start, _)) if numbers_amid_header(page, from, hdr_start) => return Some(unread_t4(findings)),
        Some((_, hdr_end)) => (t4_after_header(page, from, to, hdr_end), false),
        None => match t4_by_header_cells(page, from, to) {
            Some(read) => (read, true),
            None if t4_printed(page, from, to) => return Some(unread_t4(findings)),
            None => return None,
        },
    };
    let data: Vec<&'static RowDef> = def.data_rows(Format::F2021).collect();
    let keys: Vec<&str> = data.iter().map(|d| d.key).collect();
    let rows = settle(def, &data, &keys, std::slice::from_ref(&read), &[], findings);
    if by_cells {
        let msg = "表四的表头与数字逐格相间（从 PDF 复制的文字常见：表格按列输出，每格表头之后是它的数字）：已按各列表头读出，表头后没有数字的格为空白。";
        findings.push(Finding::new(&rules::X_PLACED, msg.to_string()).about([Target::Table(TableId::T4)]));
    }
    let mut table = Table { id: TableId::T4, rows };
    not_counts(page.src, &mut table);
    Some(table)
}

/// Whether table 4 is printed though neither reading found its header before its numbers:
/// its blocks' header words (结果维持, 尚未审结, at least twice each, which prose does not
/// repeat) and numbers among them. Raw PDF text may write it a column at a time with
/// two numbers after one header (random-0239: "尚未 审结 总计 139 167").
fn t4_printed(page: &Page, from: usize, to: usize) -> bool {
    let text = &page.f.text[from..to];
    // Twice, not three times: raw text may put the last block's header after the section
    // (Chromium random-0262: "复议后起诉 总计" after 五、, and table 4 called missing).
    let twice = |w: &str| text.matches(w).count() >= 2;
    let numbers = page.groups(from, to, page.mode(from, to), true).iter().flatten().any(Tok::is_value);
    twice("结果维持") && twice("尚未审结") && numbers
}

/// Table 4 printed but not read: every cell unread, and said (never "table missing").
fn unread_t4(findings: &mut Vec<Finding>) -> Table {
    let def = &template::T4;
    let cell = |_| Cell::UNREAD;
    let rows = def
        .data_rows(Format::F2021)
        .map(|d| Row {
            key: d.key.into(),
            label: d.label.into(),
            label_span: None,
            cols: def.cols,
            cells: def.cols.iter().map(cell).collect(),
        })
        .collect();
    let msg = "表四的表头与数字在文字中交错（PDF 按列输出的文字），无法确定各数字属于哪一格，已留空。请直接检查 PDF 文件。";
    findings.push(Finding::new(&rules::X_UNREADABLE, msg.to_string()).about([Target::Table(TableId::T4)]));
    Table { id: TableId::T4, rows }
}

/// Table 4's line read from the numbers after its header (`hdr_end`).
fn t4_after_header(page: &Page, from: usize, to: usize, hdr_end: usize) -> LineRead {
    let def = &template::T4;
    let mode = page.mode(from, to);
    let groups = page.groups(hdr_end, to, mode, true);
    let width = def.cols.len() * def.rows_per_line;
    let budget = candidates::Budget::new(candidates::TABLE_STEPS);
    let sums = identity::of_line(def);
    match gathered(&groups, width, page.exact) {
        Some(line) => {
            let read = candidates::read_line(&line, width, &sums, false, &budget);
            // Numbers gathered from several lines are in the line's order only if every
            // block adds up (a viewer may print a block's 总计 after the next block's
            // numbers): otherwise they are not placed at all.
            let holds = read.cands.len() == 1 && sums.iter().all(|id| !identity::judge(id, |_, i| cand_read(&read.cands[0][i])).broken());
            if holds { read } else { LineRead { cands: Vec::new(), ..LineRead::none_with(Issue::Unreadable(raw_of(page, &line))) } }
        }
        None => groups.first().map_or(LineRead::none(), |g| {
            let mut read = candidates::read_line(g, width, &sums, page.exact, &budget);
            // A PDF's text prints a blank cell nowhere: as in table 3, the blanks may be
            // any cells but a printed total, and the blocks' sums choose. Only a line that
            // is all the table prints: numbers on other lines may be this line's cells.
            let alone = groups.len() == 1 && mode == Mode::Space && !page.exact;
            // One number short: the cell lost may have been a blank ("… 88 0 252 0 252"
            // for 88 | _ 0 252 0 252, random-0296: read as 0 | 0 252 0 252 with certainty).
            if alone && read.issue == Issue::TooFew(width - 1) {
                candidates::or_blank(&mut read, width, &sums);
            }
            if alone && read.cands.is_empty() && g.len() + 2 <= width && matches!(read.issue, Issue::TooFew(_)) {
                match t4_places(page, g, width) {
                    Some(within) => candidates::blanks_within(g, width, &sums, &within),
                    None => candidates::blanks_anywhere(g, width, &sums),
                }
            } else {
                read
            }
        }),
    }
}

/// `-layout`'s table 4 line: the columns each number may stand in, by the header words
/// above it (the lines between the header's start and the line), where they say.
fn t4_places(page: &Page, line: &[Tok], width: usize) -> Option<Vec<(usize, usize)>> {
    let at = line.first()?.span().0;
    let start = page.src[..at].rfind('\n')?;
    // The header's last lines: the few just above the line, up to the first with a digit.
    let above: Vec<&str> = page.src[..start].rsplit('\n').take(8).take_while(|l| !l.contains(|c: char| c.is_ascii_digit())).collect();
    let centres = columns::header_centres(&above, width, template::T4.rows_per_line)?;
    let spans: Vec<crate::model::Span> = line.iter().map(Tok::span).collect();
    columns::near_centres(page.src, &spans, &centres)
}

/// Table 4's numbers when a PDF tool wrote them one a line (pdftotext's raw order): the
/// first lines, as long as together they hold no more than the table's line, when they
/// hold exactly that many. Never for exact rows.
fn gathered(groups: &[Vec<Tok>], width: usize, exact: bool) -> Option<Vec<Tok>> {
    if exact || groups.first().is_none_or(|g| g.len() >= width) {
        return None;
    }
    let mut line = Vec::new();
    for g in groups.iter().take(width) {
        if line.len() + g.len() > width {
            break;
        }
        line.extend(g.iter().cloned());
    }
    (line.len() == width).then_some(line)
}

fn cand_read(g: &candidates::Guess) -> identity::Read {
    g.value.map_or(identity::Read::Blank, identity::Read::Val)
}

/// The printed numbers of a line, for a message.
fn raw_of(page: &Page, line: &[Tok]) -> String {
    line.iter().map(|t| page.src[t.span().0..t.span().1].trim()).collect::<Vec<_>>().join(" ")
}

/// A decimal where a count belongs is neither a count nor a blank: it is not judged by
/// the identities, and H5 says what was printed.
fn not_counts(src: &str, t: &mut Table) {
    for cell in t.rows.iter_mut().flat_map(|r| r.cells.iter_mut()) {
        let raw = cell.span.and_then(|(s, e)| src.get(s..e));
        if raw.and_then(|r| tokens::parse_number(r, true)).is_some_and(|v| matches!(v, Value::Dec(_))) {
            cell.value = None;
            cell.certain = false;
        }
    }
}

/// Where table 4's header starts and ends: the first run of header words, each close to
/// the last with no digit between (prose may say 结果维持2件; a header never has a number
/// inside), that has both 维持 and 审结 in it. The words may come in pieces: a PDF's copied text stacks
/// 结果 over 维持, so the run is matched by its pieces, not by whole column names.
fn t4_header(page: &Page, from: usize, to: usize) -> Option<(usize, usize)> {
    let words = T4_HEADER_NEEDLES;
    let mut at = from;
    while let Some((start, mut end, first)) = page.f.find_any(words, at, to) {
        // How many words the run has, and whether 维持 and 审结 are among them.
        let (mut n, mut upheld, mut pending) = (1, words[first].contains("维持"), words[first].contains("审结"));
        while let Some((s, e, k)) = page.f.find_any(words, end, to) {
            if s - end > HEADER_GAP || page.f.text[end..s].contains(|c: char| c.is_ascii_digit()) {
                break;
            }
            (end, n) = (e, n + 1);
            upheld |= words[k].contains("维持");
            pending |= words[k].contains("审结");
        }
        if n >= 4 && upheld && pending {
            return Some((start, end));
        }
        at = end;
    }
    None
}

/// Whether table 4's text holds numbers among a block's header words before `hdr_start`:
/// after the first 维持, with 纠正, 审结 and 总计 all there too. Prose before the table
/// ("结果维持2件") names fewer, and the section's heading, a year or a page number before
/// the first column word are no cells (PDF.js's random-0523: "2021年" in the prose).
fn numbers_amid_header(page: &Page, from: usize, hdr_start: usize) -> bool {
    let Some((first, ..)) = page.f.find_any(&["维持"], from, hdr_start) else { return false };
    let all = ["纠正", "审结", "总计"].iter().all(|w| page.f.find_any(&[*w], first, hdr_start).is_some());
    all && page.groups(first, hdr_start, page.mode(first, hdr_start), true).iter().flatten().any(Tok::is_value)
}

/// Table 4 written a column at a time, each header cell followed by its number (pdftotext's
/// raw order of a table whose cells are tall: "结果 维持 28 结果 纠正 其他 结果 0 尚未 审结
/// 总计 28 …"): the header is never one run of words, and the table's numbers are each
/// after their own column's last header word (a blank cell: nothing there). Read so only
/// where every one of the 15 columns' words is found in order, no number stands before the
/// first, and none of them is followed by more than one number.
fn t4_by_header_cells(page: &Page, from: usize, to: usize) -> Option<LineRead> {
    let def = &template::T4;
    let mode = page.mode(from, to);
    // The last word of each column's header (其他结果 may come out as 其他 over 结果).
    let ends: [&'static str; 5] = ["维持", "纠正", "其他", "审结", "总计"];
    let mut at = Vec::new();
    let mut pos = from;
    for _ in 0..def.rows_per_line {
        for word in ends {
            let (s, e, _) = page.f.find_any(&[word], pos, to)?;
            at.push((s, e));
            pos = e;
        }
    }
    let before = page.groups(from, at[0].0, mode, true);
    if before.iter().any(|g| !g.is_empty()) {
        return None;
    }
    let mut toks = Vec::new();
    let mut cols = Vec::new();
    for (c, &(_, e)) in at.iter().enumerate() {
        let next = at.get(c + 1).map_or(to, |x| x.0);
        let nums: Vec<Tok> = page.groups(e, next, mode, true).into_iter().flatten().collect();
        match nums.as_slice() {
            [] => {}
            [t] => {
                toks.push(t.clone());
                cols.push(c);
            }
            _ => return None,
        }
    }
    if toks.is_empty() {
        return None;
    }
    Some(candidates::at_columns(&toks, &cols, at.len()))
}

/// How far apart (folded bytes) two header words may stand: a cell separator or two.
const HEADER_GAP: usize = 8;

/// Says, for each line read with an assumption, what was assumed; every uncertain cell is
/// named by some extraction finding.
fn line_findings(t: &Table, per: usize, reads: &[LineRead], solved: &solve::Solved, findings: &mut Vec<Finding>) {
    let mut split_lines = 0;
    // Rows whose numbers are in a stream that could not be cut there: one finding for all.
    let mut unplaced: Vec<(String, Vec<Target>)> = Vec::new();
    // Lines read fine despite a lost or extra cell, grouped by how many cells they print.
    let mut counted: Vec<(usize, Vec<String>, Vec<Target>)> = Vec::new();
    let width = t.rows[0].cols.len() * per;
    for (l, read) in reads.iter().enumerate() {
        let rows = l * per..(l + 1) * per;
        let name = if per > 1 { format!("{}数据行", t.id.zh()) } else { format!("“{}”", short(&t.rows[l].label)) };
        let cells = || rows.clone().flat_map(|r| (0..t.rows[r].cols.len()).map(move |c| (r, c, &t.rows[r].cells[c])));
        let uncertain: Vec<Target> = cells().filter(|(_, _, x)| !x.certain).map(|(r, c, _)| Target::Cell(t.at(r, c))).collect();
        let line_ref: Vec<Target> = if per > 1 { vec![Target::Table(t.id)] } else { vec![Target::Row(t.id, t.rows[l].key.clone())] };
        let label_span = t.rows[rows.start].label_span;
        // The line's label (where it was read) first, then the cells it is about.
        let head = line_ref[0].clone();
        let finding = |rule, msg: String, about: Vec<Target>| match label_span {
            Some(sp) => {
                Finding::new(rule, msg).label(head.clone(), Role::Subject, Some(sp)).about(about.into_iter().filter(|x| *x != head))
            }
            None => Finding::new(rule, msg).about(about),
        };
        if let Some(d) = solved.doubts.iter().find(|d| d.line == l) {
            let (msg, causes) = doubt(t, per, &name, d, uncertain.len());
            let f = finding(&rules::X_DOUBT, msg, uncertain);
            findings.push(causes.into_iter().fold(f, |f, (r, c)| f.label(Target::Cell(t.at(r, c)), Role::Cause, t.rows[r].cells[c].span)));
            continue;
        }
        if let Some((_, split)) = solved.unconfirmed.iter().find(|u| u.0 == l) {
            let raw = match &read.issue {
                Issue::Split(raw) => format!("“{}”", ellipsis(raw, 40)),
                _ => String::new(),
            };
            let msg = format!(
                "{name}的数字串{raw}只有假定本行相加无误才拆为 {}，而所在列因其他格无法确定、无法核对：拆分取决于原表是否算错，{} 格已留空，请对照原文。",
                show(split),
                uncertain.len()
            );
            findings.push(finding(&rules::X_DOUBT, msg, uncertain));
            continue;
        }
        if read.gave_up || (solved.gave_up && !uncertain.is_empty() && read.cands.len() > 1) {
            let msg = match &read.issue {
                Issue::Split(raw) | Issue::Unreadable(raw) => {
                    format!(
                        "{name}的数字串“{}”可能的拆法太多（超过检查的上限），{} 格无法确定，已留空。",
                        ellipsis(raw, 40),
                        uncertain.len()
                    )
                }
                Issue::TooFew(n) => format!(
                    "{name}印有 {n} 格，应为 {width} 格；与其他行一起，空白格位置的组合太多（超过检查的上限），{} 格无法确定，已留空。",
                    uncertain.len()
                ),
                _ => format!("{name}的读法组合太多（超过检查的上限），{} 格无法确定，已留空。", uncertain.len()),
            };
            findings.push(finding(&rules::X_BOUND, msg, uncertain));
            continue;
        }
        match &read.issue {
            Issue::Clean if uncertain.is_empty() => {}
            Issue::Clean => findings.push(finding(&rules::X_AMBIGUOUS, format!("{name}的数字无法确定。"), uncertain)),
            Issue::TooFew(n) | Issue::TooMany(n) if uncertain.is_empty() => match counted.iter_mut().find(|c| c.0 == *n) {
                Some(c) => {
                    c.1.push(name);
                    c.2.extend(line_ref);
                }
                None => counted.push((*n, vec![name], line_ref)),
            },
            Issue::TooFew(n) | Issue::TooMany(n) => {
                // Cells given by a sum (the lost one) are named too: they were not printed.
                let inferred = cells()
                    .filter(|(_, _, x)| x.certain && x.span.is_none() && x.value.is_some())
                    .map(|(r, c, _)| Target::Cell(t.at(r, c)));
                let msg = format!("{name}印有 {n} 格，应为 {width} 格；有 {} 格无法确定，已留空。", uncertain.len());
                findings.push(finding(&rules::X_UNREADABLE, msg, uncertain.into_iter().chain(inferred).collect()));
            }
            Issue::Split(_) if uncertain.is_empty() && !read.broken => split_lines += 1,
            Issue::Split(raw) if uncertain.is_empty() => {
                let msg = format!("{name}的数字串“{}”没有一种拆法能使本行相加成立，按其他行推得的读法拆分，请核对。", ellipsis(raw, 40));
                findings.push(finding(&rules::X_SPLIT, msg, Vec::new()));
            }
            Issue::Split(raw) => {
                let alts: Vec<String> = read.cands.iter().take(3).map(show).collect();
                let msg = format!(
                    "{name}的数字串“{}”有多种拆法（如 {}），{} 格无法确定，已留空。",
                    ellipsis(raw, 40),
                    alts.join("；"),
                    uncertain.len()
                );
                findings.push(finding(&rules::X_AMBIGUOUS, msg, uncertain));
            }
            Issue::Unreadable(raw) => {
                let msg = format!("{name}的数字“{}”无法对应到 {width} 列，已留空。", ellipsis(raw, 40));
                findings.push(finding(&rules::X_UNREADABLE, msg, line_ref));
            }
            Issue::Unplaced => unplaced.push((name, line_ref)),
        }
    }
    if !unplaced.is_empty() {
        let names: Vec<String> = unplaced.iter().map(|u| u.0.clone()).collect();
        let msg = format!(
            "{}的数字与行标签在文字中分开，且有空白格没有印出（从 PDF 复制的文字常见）：{} 这 {} 行的数字无法确定从哪一个开始、空白在哪一格，已留空。请直接检查 PDF 文件，或粘贴带表格结构的文字。",
            t.id.zh(),
            names.join("、"),
            names.len()
        );
        findings.push(Finding::new(&rules::X_DETACHED, msg).about(unplaced.into_iter().flat_map(|u| u.1)));
    }
    for (n, names, cells) in counted {
        let how = if n > width { "多出的格子" } else { "缺少的格子" };
        let msg = format!("{} 印有 {n} 格，应为 {width} 格；{how}已按勾稽关系和空白格处理，各格的值可以确定。", names.join("、"));
        findings.push(Finding::new(&rules::X_COUNT, msg).about(cells));
    }
    if split_lines > 0 {
        // "Uniquely" only where every identity could be judged: with a cell left
        // uncertain, the identities through it are open, and a wrong number may hide there.
        let open = t.rows.iter().flat_map(|r| &r.cells).any(|c| !c.certain);
        let msg = if open {
            format!(
                "{}共有 {split_lines} 行数字没有分隔符，已按勾稽关系拆分；表中另有无法确定的格，经过这些格的勾稽关系未能核对，见相应提示。",
                t.id.zh()
            )
        } else {
            format!("{}共有 {split_lines} 行数字没有分隔符，已按勾稽关系唯一确定拆分。", t.id.zh())
        };
        findings.push(Finding::new(&rules::X_SPLIT, msg).about([Target::Table(t.id)]));
    }
}

/// What a doubted line's finding says (both readings, the cells left uncertain), and the
/// printed cells one of which would be wrong under the other reading, as (row, column).
fn doubt(t: &Table, per: usize, name: &str, d: &solve::Doubt, uncertain: usize) -> (String, Vec<(usize, usize)>) {
    let k = t.rows[0].cols.len();
    let cells: Vec<(usize, usize)> = d.causes.iter().map(|&(l, p)| (l * per + p / k, p % k)).collect();
    let as_read = match d.broken_as_read {
        0 => "各勾稽关系全部成立".to_string(),
        n => format!("有 {n} 个勾稽关系不成立"),
    };
    let wrong = match &cells[..] {
        [(r, c)] => format!("{} 一格", t.human(*r, *c)),
        _ => format!("{}等 {} 格中的某一格", t.human(cells[0].0, cells[0].1), cells.len()),
    };
    let message = format!(
        "{name}的数字串可读为 {}（{as_read}），也可读为 {}（则只有{wrong}可能填错）：拆分取决于原表是否算错，{uncertain} 格已留空，请对照原文。",
        show(&d.balanced),
        show(&d.other),
    );
    (message, cells)
}

/// A reading as a message shows it: "27|0|空|…".
fn show(c: &candidates::Cand) -> String {
    c.iter().map(|g| g.value.map_or("空".into(), |v| v.to_string())).collect::<Vec<_>>().join("|")
}

/// At most `n` characters of `s`, with "…" when cut (a 70-digit run is no message).
fn ellipsis(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

fn table2(page: &Page, from: usize, to: usize, fmt: Format, findings: &mut Vec<Finding>) -> Option<Table> {
    let from = page.f.find_any(&["第二十条"], from, to).map_or(from, |x| x.0);
    let defs: Vec<&'static template::T2Row> = template::t2_rows(fmt).collect();
    let mode = page.mode(from, to);
    let mut pos = from;
    let mut rows: Vec<Row> = Vec::new();
    let mut spans: Vec<Option<(usize, usize)>> = Vec::new();
    for d in &defs {
        let hit = page.f.find_any(d.needles, pos, to);
        spans.push(hit.map(|(s, e, _)| (s, e)));
        if let Some((_, e, _)) = hit {
            pos = e;
        }
    }
    // Numbers one a line, or standing apart somewhere in the table (PDF text, which prints
    // a blank cell nowhere): a row's lone number is one cell, not digits glued together
    // ("375" is not 3|7|5), and where it stands nothing says.
    let apart = |g: &Vec<Tok>| g.len() >= 2 && tokens::separated(g);
    let all = page.groups(from, to, mode, true);
    let own_line = |t: &Tok| page.src[..t.span().0].rsplit('\n').next().is_some_and(|before| before.trim().is_empty());
    // The tables after it say so too: a 2021 table 2 may print one number a row
    // (random-0163: "规章 817", one cell, not 8|1|7).
    let spaced =
        !page.exact && (mode == Mode::PerLine || all.iter().any(apart) || page.groups(to, page.f.text.len(), mode, true).iter().any(apart));
    // `-layout` text: a row short of numbers is read by where they stand, against the
    // columns of the rows that print all three (the sub-tables of three columns stand in
    // one grid).
    // Only the three-column rows' numbers count: 行政事业性收费's 本年增/减 stands between
    // two of their columns.
    let layout = (mode == Mode::Space && !page.exact)
        .then(|| {
            let mut three = Vec::new();
            for (i, d) in defs.iter().enumerate() {
                let Some((_, e)) = spans[i].filter(|_| d.cols.len() == 3) else { continue };
                let next = spans[i + 1..].iter().flatten().map(|x| x.0).next().unwrap_or(to);
                three.extend(page.groups(e, next, mode, true).iter().filter_map(|l| number_spans(l)));
            }
            columns::Layout::new(page.src, &three, 3)
        })
        .flatten();
    // Rows whose label has no number after it, and whether some row's label has more
    // numbers one a line after it than the row has cells.
    let (mut empty, mut overfull, mut lost, mut placed, mut cut_off) = (Vec::new(), false, Vec::new(), 0, Vec::new());
    // The columns of the row just read, when it printed some but fewer numbers than
    // cells, one a line.
    let mut short_above: Option<&[template::ColDef]> = None;
    for (i, d) in defs.iter().enumerate() {
        let label_span = spans[i].map(|(s, e)| page.span(s, e));
        let Some((_, e)) = spans[i] else {
            lost.push(rows.len());
            rows.push(blank_row(d, label_span));
            continue;
        };
        let next = spans[i + 1..].iter().flatten().map(|x| x.0).next().unwrap_or(to);
        let stop = page.f.find_any(template::T2_STOPS, e, next).map_or(next, |x| x.0);
        // Local sub-rows (行政检查, 行政确认 under 其他对外管理服务事项): the row itself is
        // blank and each sub-row is read as `key/名称`.
        let subs = sub_rows(page, e, stop, d.cols);
        let parts: Vec<(String, String, usize, usize)> = if subs.is_empty() {
            vec![(d.key.to_string(), d.label.to_string(), e, stop)]
        } else {
            rows.push(blank_row(d, label_span));
            subs.iter()
                .enumerate()
                .map(|(j, (name, _, ne))| (format!("{}/{name}", d.key), name.clone(), *ne, subs.get(j + 1).map_or(stop, |x| x.1)))
                .collect()
        };
        for (key, label, a, b) in parts {
            let mut cells = vec![Cell::BLANK; d.cols.len()];
            // Signs are read in every column: 2019's 本年增/减 may be negative, and a negative
            // count elsewhere is printed all the same, for H5 to judge.
            let groups = page.groups(a, b, mode, true);
            // Numbers one a line, on lines of their own, are one cell each, like numbers
            // standing apart (flat text glues a row's digits to its label).
            let lone = !page.exact && groups.iter().all(|g| g.len() == 1 && own_line(&g[0]));
            overfull |= lone && groups.len() > d.cols.len();
            placed += groups.iter().map(Vec::len).sum::<usize>();
            if groups.is_empty() {
                empty.push(rows.len());
            }
            // PDF text with a page's foot or another table's header between a label and
            // the number after it (LibreOffice random-0045: "行政许可 -1- 现行有效件数
            // 196", 196 规范性文件's): the number may be any row's.
            let first = groups.first().and_then(|g| g.first()).map(|t| t.span().0);
            if !page.exact && first.is_some_and(|f| foreign_between(page.src, page.f.orig_end(a, page.src), f, d.cols)) {
                let msg = format!(
                    "表二“{label}”的标签与其后的数字之间隔着页码或别的表头文字（从 PDF 复制的文字常见）：这些数字不一定是本行的，已留空。"
                );
                findings.push(Finding::new(&rules::X_DETACHED, msg).about(t2_targets(&key, d.cols)));
                cut_off.push(rows.len());
                rows.push(unread_t2_row(d, key, label, label_span));
                continue;
            }
            let numbers: usize = groups.iter().map(Vec::len).sum();
            let after_short = lone && numbers > 0 && short_above.is_some_and(|c| std::ptr::eq(c, d.cols));
            short_above = (lone && numbers > 0 && numbers < d.cols.len()).then_some(d.cols);
            // Raw PDF text after a row that printed only some of its cells: that row's
            // last cells may stand after this row's numbers (reportlab random-0042:
            // "行政处罚 0 30 行政强制 0 24 938", 938 行政处罚's), and no sum would tell.
            if after_short {
                let msg = format!("表二“{label}”的上一行只印出部分格子，其余数字可能印在本行数字之后（PDF 复制的文字常见）：本行已留空。");
                findings.push(Finding::new(&rules::X_DETACHED, msg).about(t2_targets(&key, d.cols)));
                rows.push(unread_t2_row(d, key, label, label_span));
                continue;
            }
            if let Some(g) = one_a_line(groups, d.cols.len(), page.exact).first() {
                cells = t2_cells(g, d.cols.len(), page.exact, spaced || lone);
                let by_place = layout.as_ref().filter(|_| d.cols.len() == 3 && g.len() < 3);
                if let Some(cols) = by_place.and_then(|l| l.columns(page.src, &number_spans(g)?)) {
                    cells = vec![Cell::BLANK; 3];
                    for (t, &c) in g.iter().zip(&cols) {
                        cells[c] = t2_cell(t);
                    }
                }
                // Words between a row's numbers (pdftotext's raw order puts the next
                // column's header, 本年废止件数, after the first): the order is not the
                // table's, and no sum in table 2 would show it. (A sign, 减263, or a unit
                // is a character or two.)
                let (first, last) = (g.first().map_or(0, |t| t.span().0), g.last().map_or(0, |t| t.span().1));
                if !page.exact && page.src.get(first..last).is_some_and(han_word) {
                    cells.iter_mut().for_each(|c| *c = Cell::UNREAD);
                }
                if cells.iter().any(|c| !c.certain) {
                    let raw: Vec<String> = g.iter().map(|t| page.src[t.span().0..t.span().1].to_string()).collect();
                    let msg =
                        format!("表二“{label}”的数字“{}”无法确定如何对应到 {} 列，已留空。", ellipsis(&raw.join(" "), 60), d.cols.len());
                    findings.push(Finding::new(&rules::X_AMBIGUOUS, msg).about(t2_targets(&key, d.cols)));
                }
            }
            let span = if key == d.key { label_span } else { None };
            rows.push(Row { key, label, label_span: span, cols: d.cols, cells });
        }
    }
    if spans.iter().all(Option::is_none) {
        return None;
    }
    // A row whose label is not found in a table that prints numbers: its numbers may be
    // there, under another row or none; it is unread, not blank.
    if !lost.is_empty() && all.iter().any(|g| !g.is_empty()) {
        let mut unread = Vec::new();
        for &r in &lost {
            rows[r].unsettle();
            unread.push(Target::Row(TableId::T2, rows[r].key.clone()));
        }
        let labels: Vec<String> = lost.iter().map(|&r| format!("“{}”", rows[r].label)).collect();
        let msg = format!("表二没有找到 {} 的行标签：这些行的数字无法确定，已留空。", labels.join("、"));
        findings.push(Finding::new(&rules::X_UNREADABLE, msg).about(unread));
    }
    // Numbers one a line that outnumber their row's cells are other rows' too (pdftotext's
    // raw order may print a row's numbers before its label): a row with nothing after its
    // label is then not printed blank but unread.
    // So are numbers that stand under no row's label.
    // In raw PDF text (one number a line, blanks printed nowhere) a label with nothing
    // after it, right above the next row's label, is a stack: the numbers after the
    // stack are both rows' in some split (LibreOffice random-0002: "行政许可 其他对外管理
    // 服务事项 2 190 21", 行政许可 2 _ 190 and 其他 21 _ _), or the next row's alone.
    let printed: usize = all.iter().map(Vec::len).sum();
    // (A sparse table 2 of raw text has too few numbers for its mode to be one a line,
    // but each stands on a line of its own all the same: random-0243.)
    let stacked = mode == Mode::PerLine || (!page.exact && all.len() > 1 && all.iter().all(|g| g.len() == 1 && own_line(&g[0])));
    let without = |r: usize| empty.contains(&r) || cut_off.contains(&r);
    if (overfull || printed > placed || stacked || !cut_off.is_empty()) && (!empty.is_empty() || !cut_off.is_empty()) && !page.exact {
        // The number after the label just above such a row (or one cut off from its
        // number) may be its own, printed above its label (LibreOffice random-0020: "行政处罚
        // 303 行政强制", 303 行政强制's), in rows of one cell: a row of three prints its first
        // cells beside its label.
        let one = |r: usize| rows[r].cols.len() == 1;
        // So, in stacked text, the last row of a block of three with nothing after its
        // label: its numbers may be among the row above's (random-0243).
        let same = |a: usize, b: usize| std::ptr::eq(rows[a].cols, rows[b].cols);
        let last_of_block = |r: usize| stacked && same(r - 1, r) && (r + 1 == rows.len() || !same(r, r + 1));
        let above: Vec<usize> = empty
            .iter()
            .chain(&cut_off)
            .filter(|&&r| r > 0 && !without(r - 1) && ((one(r) && one(r - 1)) || last_of_block(r)))
            .map(|&r| r - 1)
            .collect();
        let below: Vec<usize> =
            empty.iter().map(|&r| r + 1).filter(|&r| stacked && r < rows.len() && !without(r) && !lost.contains(&r)).collect();
        let mut unread = Vec::new();
        for &r in empty.iter().chain(&above).chain(&below) {
            rows[r].unsettle();
            unread.push(Target::Row(TableId::T2, rows[r].key.clone()));
        }
        let msg = if empty.is_empty() {
            let labels: Vec<String> = above.iter().map(|&r| format!("“{}”", rows[r].label)).collect();
            format!(
                "表二的数字与行标签在文字中分开（从 PDF 复制的文字常见）：{} 标签后的数字也可能是下一行的（下一行的标签与数字之间隔着页码或表头），已留空。请直接检查 PDF 文件，或粘贴带表格结构的文字。",
                labels.join("、")
            )
        } else {
            format!(
                "表二的数字与行标签在文字中分开（从 PDF 复制的文字常见）：有 {} 行的标签后没有数字，它们的数字可能印在别处（也可能是上一行标签后的数字，印在了本行标签上方，或印在下一行标签之后），这 {} 行已留空。请直接检查 PDF 文件，或粘贴带表格结构的文字。",
                empty.len(),
                unread.len()
            )
        };
        if !unread.is_empty() {
            findings.push(Finding::new(&rules::X_DETACHED, msg).about(unread));
        }
    }
    Some(Table { id: TableId::T2, rows })
}

/// Whether `src[a..b]` holds, on a line of its own, a page number or words of another
/// table than the row's (a word of three Han characters or more that is in none of its
/// `cols`' headers: raw text prints a row's own headers between its label and numbers).
fn foreign_between(src: &str, a: usize, b: usize, cols: &[template::ColDef]) -> bool {
    let han = |l: &str| -> String { l.chars().filter(|&c| tokens::is_han(c)).collect() };
    let own = |l: &str| {
        let h = han(l);
        cols.iter().map(|c| han(c.label)).any(|c| c.contains(h.as_str()) || h.contains(c.as_str()))
    };
    src.get(a..b).is_some_and(|t| t.lines().skip(1).any(|l| tokens::is_page_number(l) || (han_word(l) && !own(l))))
}

/// Whether `t` holds a word of three Han characters or more (a header's, a label's; a sign,
/// 减263, or a unit is a character or two).
fn han_word(t: &str) -> bool {
    t.split(|c: char| !tokens::is_han(c)).any(|w| w.chars().count() >= 3)
}

/// Every cell of table 2's row `key`, for a finding.
fn t2_targets(key: &str, cols: &[template::ColDef]) -> Vec<Target> {
    cols.iter().map(|c| Target::Cell(crate::model::CellRef { table: TableId::T2, row: key.to_string(), col: c.key })).collect()
}

/// A row's numbers one a line (pdftotext's order: "规章", "657", "421", "17"), exactly as
/// many as its columns, as one line; otherwise the lines as they are.
fn one_a_line(groups: Vec<Vec<Tok>>, k: usize, exact: bool) -> Vec<Vec<Tok>> {
    let singles = groups.len() > 1 && groups.iter().all(|g| g.len() == 1);
    if !exact && singles && groups.len() == k { vec![groups.into_iter().flatten().collect()] } else { groups }
}

/// A row (or sub-row `key`) of `d` left unread; the label's span is the row's own only.
fn unread_t2_row(d: &template::T2Row, key: String, label: String, label_span: Option<(usize, usize)>) -> Row {
    let label_span = if key == d.key { label_span } else { None };
    Row { key, label, label_span, cols: d.cols, cells: vec![Cell::UNREAD; d.cols.len()] }
}

fn blank_row(d: &template::T2Row, label_span: Option<(usize, usize)>) -> Row {
    Row { key: d.key.into(), label: d.label.into(), label_span, cols: d.cols, cells: vec![Cell::BLANK; d.cols.len()] }
}

/// Names printed before any number in a table 2 row's text: its local sub-rows, with
/// their folded start and end. Units, signs and notes in brackets are not names.
fn sub_rows(page: &Page, from: usize, to: usize, cols: &[template::ColDef]) -> Vec<(String, usize, usize)> {
    let t = &page.f.text[from..to];
    // The row's own column headers, which a PDF's text puts between label and numbers
    // (行政事业性收费 上一年项目数量 本年增/减 668 21), in either order (LibreOffice
    // random-0002: 本年增/减 上一年项目数量, whose 减上一年项目数量 is one run), are no
    // sub-rows.
    let han = |s: &mut dyn Iterator<Item = &template::ColDef>| -> String {
        s.flat_map(|c| c.label.chars()).filter(|c| tokens::is_han(*c)).collect()
    };
    let headers = format!("{}|{}", han(&mut cols.iter()), han(&mut cols.iter().rev()));
    let first_digit = t.find(|c: char| c.is_ascii_digit()).unwrap_or(t.len());
    let mut out = Vec::new();
    let mut depth = 0;
    let mut run: Option<usize> = None;
    for (i, c) in t.char_indices().chain(std::iter::once((t.len(), ' '))) {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        let han = tokens::is_han(c) && depth == 0;
        match (han, run) {
            (true, None) => run = Some(i),
            (false, Some(s)) => {
                let name = &t[s..i];
                if name.chars().count() >= 2 && !matches!(name, "万元" | "增加" | "减少") && !headers.contains(name) {
                    out.push((name.to_string(), from + s, from + i));
                }
                run = None;
            }
            _ => {}
        }
    }
    // Sub-rows only when a name comes before the first number.
    if out.first().is_some_and(|x| x.1 - from < first_digit) { out } else { Vec::new() }
}

/// Table 2 has no identity to settle a flat digit run: it is read only when one reading
/// exists (as many digits as columns), otherwise left blank and said.
/// A token as one cell, read with certainty.
fn t2_cell(t: &Tok) -> Cell {
    match t {
        Tok::Blank(s) => Cell { value: None, span: Some(*s), certain: true },
        Tok::Num(v, s) => Cell { value: Some(*v), span: Some(*s), certain: true },
        Tok::Run { digits, span, .. } => Cell { value: digits.parse().ok().map(Value::Int), span: Some(*span), certain: true },
    }
}

fn t2_cells(g: &[Tok], k: usize, exact: bool, spaced: bool) -> Vec<Cell> {
    let mut toks = g.to_vec();
    while toks.len() > k && !exact && matches!(toks.last(), Some(Tok::Blank(_))) {
        toks.pop();
    }
    while toks.len() > k && !exact && matches!(toks.first(), Some(Tok::Blank(_))) {
        toks.remove(0);
    }
    let unsure = vec![Cell::UNREAD; k];
    if toks.len() == k {
        return toks.iter().map(t2_cell).collect();
    }
    if toks.len() < k && !spaced && toks.iter().all(|t| !matches!(t, Tok::Num(Value::Dec(_), _))) {
        let read = candidates::read_line(&toks, k, &[], exact, &candidates::Budget::new(candidates::TABLE_STEPS));
        if let ([c], false) = (&read.cands[..], read.broken)
            && matches!(read.issue, Issue::Split(_))
        {
            return c.iter().map(|g| Cell { value: g.value.map(Value::Int), span: g.span, certain: true }).collect();
        }
    }
    unsure
}
