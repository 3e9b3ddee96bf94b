//! Turning the text between two row labels into cells. The layouts differ only in what
//! separates cells and rows: tabs, pipes, one cell per line, or white space (which in a
//! flat page paste may be missing entirely, so a digit run can hold several cells).

use crate::model::{Span, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Cells split by tabs, one row per line (Word, Excel, HTML tables we flatten).
    Tab,
    /// Markdown pipes.
    Pipe,
    /// One cell per line, rows split by empty lines.
    PerLine,
    /// Cells split by white space, or by nothing at all.
    Space,
}

/// Whether every token ends before the next begins (text between each two: a space at
/// least), so that none is glued to its neighbour.
pub fn separated(toks: &[Tok]) -> bool {
    toks.windows(2).all(|w| w[0].span().1 < w[1].span().0)
}

/// Picks the layout of a table's text by counting what its lines look like.
pub fn detect_mode(region: &str) -> Mode {
    let lines: Vec<&str> = region.lines().filter(|l| !l.trim().is_empty()).collect();
    let pipes = lines.iter().filter(|l| l.matches('|').count() >= 2).count();
    // Tabs between cells; a line's leading tabs only where there are many (a row whose first
    // cells are blank: table 4 "\t\t…\t0" as Word copies it, random-0482).
    let tabs = lines.iter().filter(|l| l.trim_start_matches('\t').matches('\t').count() >= 2 || l.matches('\t').count() >= 6).count();
    if pipes >= 2 && pipes * 3 >= lines.len() {
        Mode::Pipe
    } else if tabs >= 2 {
        Mode::Tab
    } else if per_line(&lines) {
        Mode::PerLine
    } else {
        Mode::Space
    }
}

/// One cell per line: many lines hold a lone number, hardly any hold several. (A PDF's
/// `-layout` text of a sparse table has many lone numbers too, the totals of rows that
/// print nothing else, beside rows of several or labels with their number: those are
/// rows, not cells; and its lone numbers stand far to the right, where their column is,
/// which no cell a line does.)
fn per_line(lines: &[&str]) -> bool {
    let numeric = |w: &str| parse_number(w, true).is_some();
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let lone = lines.iter().filter(|l| indent(l) < 4 && numeric(l.trim().trim_end_matches('|'))).count();
    let several = lines.iter().filter(|l| l.split_whitespace().filter(|w| numeric(w)).count() >= 2).count();
    // Text ending in a number ("（一）予以公开 0"): a row's label beside its cells.
    let beside = lines.iter().filter(|l| l.chars().any(is_han) && l.split_whitespace().last().is_some_and(numeric)).count();
    lone >= 10 && (several + beside) * 5 <= lone
}

#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    /// An empty cell, "/", "—" or "无".
    Blank(Span),
    /// A number that is one cell.
    Num(Value, Span),
    /// A digit run that may hold several cells (flat text).
    Run {
        /// Its ASCII digits.
        digits: String,
        /// The byte where each digit starts (a full-width digit is three bytes).
        starts: Vec<usize>,
        span: Span,
    },
}

impl Tok {
    pub fn is_value(&self) -> bool {
        !matches!(self, Tok::Blank(_))
    }
    pub fn span(&self) -> Span {
        match self {
            Tok::Blank(s) | Tok::Num(_, s) | Tok::Run { span: s, .. } => *s,
        }
    }
}

/// Rows of tokens found in `src[start..end]`, the text after a label. On the label's own
/// line, the text up to the first separator still belongs to the label's cell.
pub fn groups(src: &str, start: usize, end: usize, mode: Mode, signed: bool) -> Vec<Vec<Tok>> {
    let text = &src[start..end];
    let mut out: Vec<Vec<Tok>> = Vec::new();
    match mode {
        Mode::Tab | Mode::Pipe => {
            let sep = if mode == Mode::Tab { '\t' } else { '|' };
            let mut off = start;
            for (li, line) in text.split('\n').enumerate() {
                let mut pieces = split_spans(line, sep, off);
                off += line.len() + 1;
                if li == 0 && !pieces.is_empty() {
                    pieces.remove(0);
                }
                if mode == Mode::Pipe {
                    trim_edge_pipes(line, &mut pieces, li == 0);
                }
                let row: Vec<Tok> = pieces.iter().filter_map(|&(s, e)| cell_tok(src, s, e, signed)).collect();
                push_row(&mut out, row);
            }
        }
        Mode::PerLine => {
            let mut off = start;
            let mut row = Vec::new();
            for (li, line) in text.split('\n').enumerate() {
                let (s, e) = (off, off + line.len());
                off = e + 1;
                // The label's own line: a number after the label is its row's first cell
                // ("（一）予以公开 0", a PDF's row printing only its total).
                if li == 0 {
                    let (s, e) = trim_span(src, s, e, &['|']);
                    row.extend(
                        cell_tok(src, s, e, signed).or_else(|| beside_label(src, s, e, signed)).filter(|t| matches!(t, Tok::Num(..))),
                    );
                    continue;
                }
                if is_page_number(line) {
                    continue;
                }
                // An empty line, or one of pipes only (`|||`), ends a row; a lone `|` is an
                // empty cell of the `x |` layout.
                let rule = line.trim().trim_matches('|').trim().is_empty() && line.matches('|').count() != 1;
                if !line.contains('\t') && rule {
                    push_row(&mut out, std::mem::take(&mut row));
                    continue;
                }
                let (s, e) = trim_span(src, s, e, &['|']);
                row.extend(cell_tok(src, s, e, signed).or_else(|| beside_label(src, s, e, signed)));
            }
            push_row(&mut out, row);
        }
        Mode::Space => {
            let mut row = Vec::new();
            for line_span in line_spans(text, start).into_iter().filter(|&(s, e)| !is_page_number(&src[s..e])) {
                space_line(src, line_span, signed, &mut row, &mut out);
                push_row(&mut out, std::mem::take(&mut row));
            }
        }
    }
    out
}

/// A label's line with its row's first cell beside it ("一、本年新收政府信息公开申请数量 1273",
/// pdftotext of a table whose other cells follow one a line): the number is a cell, as on
/// the line a label's group starts with (reportlab random-0252: the table's numbers read
/// in order came one short, and none was read).
fn beside_label(src: &str, s: usize, e: usize, signed: bool) -> Option<Tok> {
    let line = &src[s..e];
    let cut = line.rfind(char::is_whitespace)?;
    line[..cut].chars().any(is_han).then(|| cell_tok(src, s + cut, e, signed)).flatten().filter(|t| matches!(t, Tok::Num(..)))
}

/// The numbers of one-cell-a-line text as words: every number of a line of numbers only
/// (wide rows print two cells on a line, "5116 10288", which is no one cell) and the one a
/// label's line ends in. Page numbers are not numbers here.
pub fn number_words(src: &str, from: usize, to: usize) -> Vec<Tok> {
    let mut out = Vec::new();
    for (s, e) in line_spans(&src[from..to], from).into_iter().filter(|&(s, e)| !is_page_number(&src[s..e])) {
        let line = &src[s..e];
        let at = |w: &str| w.as_ptr() as usize - line.as_ptr() as usize + s;
        let words: Vec<Tok> = line
            .split_whitespace()
            .filter_map(|w| cell_tok(src, at(w), at(w) + w.len(), false))
            .filter(|t| matches!(t, Tok::Num(Value::Int(_), _)))
            .collect();
        if words.len() == line.split_whitespace().count() {
            out.extend(words);
        } else {
            out.extend(after_label(src, s, e));
        }
    }
    out
}

/// The numbers a label's line ends in ("不计其他 248 128", Chromium's raw text of a label
/// that wraps beside a row's first two cells), when text with a Chinese character stands
/// before them.
fn after_label(src: &str, s: usize, e: usize) -> Vec<Tok> {
    let line = &src[s..e];
    let at = |w: &str| w.as_ptr() as usize - line.as_ptr() as usize + s;
    let mut nums: Vec<Tok> = line
        .split_whitespace()
        .rev()
        .map_while(|w| cell_tok(src, at(w), at(w) + w.len(), false).filter(|t| matches!(t, Tok::Num(Value::Int(_), _))))
        .collect();
    let first = nums.last().map_or(e, |t| t.span().0);
    if !line[..first - s].chars().any(is_han) {
        return Vec::new();
    }
    nums.reverse();
    nums
}

fn push_row(out: &mut Vec<Vec<Tok>>, row: Vec<Tok>) {
    if row.iter().any(Tok::is_value) {
        out.push(row);
    }
}

fn line_spans(text: &str, start: usize) -> Vec<Span> {
    let mut v = Vec::new();
    let mut off = start;
    for line in text.split('\n') {
        v.push((off, off + line.len()));
        off += line.len() + 1;
    }
    v
}

fn split_spans(line: &str, sep: char, off: usize) -> Vec<Span> {
    let mut v = Vec::new();
    let mut s = 0;
    for (i, c) in line.char_indices() {
        if c == sep {
            v.push((off + s, off + i));
            s = i + 1;
        }
    }
    v.push((off + s, off + line.len()));
    v
}

/// `| a | b |`: the pieces before the first and after the last pipe are not cells.
fn trim_edge_pipes(line: &str, pieces: &mut Vec<Span>, first: bool) {
    if line.trim_end().ends_with('|') && pieces.len() > 1 {
        pieces.pop();
    }
    if !first && line.trim_start().starts_with('|') && !pieces.is_empty() {
        pieces.remove(0);
    }
}

fn trim_span(src: &str, mut s: usize, mut e: usize, extra: &[char]) -> Span {
    let t = &src[s..e];
    let lead = t.len() - t.trim_start_matches(|c: char| c.is_whitespace() || extra.contains(&c)).len();
    s += lead;
    let t = &src[s..e];
    e -= t.len() - t.trim_end_matches(|c: char| c.is_whitespace() || extra.contains(&c)).len();
    (s, e)
}

/// One separated cell: a number, a blank, or text (`None`, not a cell of numbers).
fn cell_tok(src: &str, s: usize, e: usize, signed: bool) -> Option<Tok> {
    let (s, e) = trim_span(src, s, e, &[]);
    let raw = &src[s..e];
    if is_blank_mark(raw) {
        return Some(Tok::Blank((s, e)));
    }
    parse_number(raw, signed).map(|v| Tok::Num(v, (s, e)))
}

/// A page's number as a PDF prints it in the footer ("- 3 -", "—3—", "第 3 页", "第3页 共6页",
/// "3 / 6"), or a browser's print header and footer: page furniture that copied text puts
/// between a table's rows, not a row.
pub fn is_page_number(line: &str) -> bool {
    // A merged label written one character a line may share its line with the footer
    // ("结 - 2 -", reportlab random-0214: the 2 was read as 予以公开's total).
    let line = line.trim_start();
    let after_one = line.chars().next().filter(|&c| is_han(c)).map(|c| &line[c.len_utf8()..]);
    page_number(line) || after_one.is_some_and(|rest| rest.starts_with(char::is_whitespace) && page_number(rest)) || print_stamp(line)
}

/// A web page printed to PDF carries the browser's header, date and time then the page's
/// title ("12/7/26, 7:56 PM", "2026/12/7 19:56 某市…年度报告"), and its footer, the address
/// and the page ("file:///…/report.html 3/5"): read inside a table, "12/7/26" was 1.属于国家
/// 秘密's cells and two false errors.
fn print_stamp(line: &str) -> bool {
    let mut words = line.split_whitespace();
    let date = words.next().map(|w| w.trim_end_matches(',')).is_some_and(|w| {
        let parts: Vec<&str> = w.split(['/', '-', '.']).collect();
        parts.len() == 3 && parts.iter().all(|p| (1..=4).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()))
    });
    let time = words
        .next()
        .and_then(|w| w.split_once(':'))
        .is_some_and(|(h, m)| (1..=2).contains(&h.len()) && m.len() == 2 && h.chars().chain(m.chars()).all(|c| c.is_ascii_digit()));
    (date && time) || line.contains("://")
}

fn page_number(line: &str) -> bool {
    let t: String = line.chars().filter_map(crate::normalize::fold).collect();
    let digits = |x: &str| !x.is_empty() && x.len() <= 4 && x.chars().all(|c| c.is_ascii_digit());
    let dashes = |c: char| matches!(c, '-' | '—' | '–' | '－' | '―');
    if let Some(x) = t.strip_prefix(dashes).and_then(|x| x.strip_suffix(dashes)) {
        return digits(x.trim_matches(dashes));
    }
    if let Some(x) = t.strip_prefix('第') {
        let x = x.split_once("共").map_or(x, |p| p.0);
        return x.strip_suffix('页').is_some_and(digits);
    }
    t.split_once('/').is_some_and(|(a, b)| digits(a) && digits(b))
}

pub fn is_blank_mark(raw: &str) -> bool {
    let t: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    matches!(t.as_str(), "" | "/" | "／" | "—" | "——" | "-" | "--" | "－" | "无" | "空" | "\\")
}

/// A Chinese character (CJK Unified Ideographs): label text, never a number or a mark.
pub fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Whether the character at `i` is part of a word: a Han character beside it ("无法提", a
/// label cut in a PDF, is no 无 cell).
fn in_word(chars: &[(usize, char)], i: usize) -> bool {
    let han = |j: usize| chars.get(j).is_some_and(|(_, c)| is_han(*c));
    han(i + 1) || (i > 0 && han(i - 1))
}

/// Whether digit groups parted by white space are one number: spaced out a digit at a
/// time ("4 0 3") or in thousands ("1 234 567"). "100 5138 5338" is three numbers a PDF's
/// text put on one line, never 10051385338.
fn one_number_spaced(raw: &str) -> bool {
    // Called for every word read: most have no inner space and allocate nothing here.
    if !raw.trim().contains(char::is_whitespace) {
        return true;
    }
    let groups: Vec<&str> = raw.split_whitespace().collect();
    let digits = |g: &str| g.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    if groups.len() < 2 || !groups.iter().all(|g| digits(g)) {
        return true;
    }
    let len = |g: &str| g.chars().count();
    groups.iter().all(|g| len(g) == 1) || ((1..=3).contains(&len(groups[0])) && groups[1..].iter().all(|g| len(g) == 3))
}

/// The most digits a count may have.
pub const MAX_COUNT_DIGITS: usize = 12;

/// A cell's number as printed: digits (full-width too), a decimal point, thousands
/// commas, a sign (2019 本年增/减: 减263, +14, -4), a unit, a note in brackets.
pub fn parse_number(raw: &str, signed: bool) -> Option<Value> {
    // Most words asked about are prose: no digit, no number, and nothing to allocate.
    if !raw.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
        return None;
    }
    if !one_number_spaced(raw) {
        return None;
    }
    let mut t: String = raw.chars().filter_map(crate::normalize::fold).collect();
    if let Some(p) = t.find('(')
        && p > 0
    {
        t.truncate(p); // 22（其中修订16件）
    }
    for unit in ["万元", "元", "件", "条", "个", "项", "次", "人"] {
        if let Some(x) = t.strip_suffix(unit) {
            t = x.to_string();
        }
    }
    let mut neg = false;
    let body = if let Some(x) = t.strip_prefix('减').or_else(|| t.strip_prefix('-')) {
        neg = true;
        x
    } else {
        t.strip_prefix('增').or_else(|| t.strip_prefix('+')).unwrap_or(&t)
    };
    if neg && !signed {
        return None;
    }
    let body = body.replace(',', "");
    if body.is_empty()
        || !body.chars().all(|c| c.is_ascii_digit() || c == '.')
        || body.starts_with('.')
        || body.ends_with('.')
        || body.matches('.').count() > 1
    {
        return None;
    }
    // More digits than any count has (a trillion or more) is printed, but not a count:
    // it goes the way of a decimal, read as neither a number nor a blank, for H5 to name.
    let v = if body.contains('.') || body.len() > MAX_COUNT_DIGITS {
        Value::Dec(body.parse::<f64>().ok()? * if neg { -1.0 } else { 1.0 })
    } else {
        let i: i64 = body.parse().ok()?;
        Value::Int(if neg { -i } else { i })
    };
    Some(v)
}

/// A line of white-space separated (or unseparated) text: digit runs become `Run`s,
/// single digits `Num`s; text after numbers ends the row.
fn space_line(src: &str, (s, e): Span, signed: bool, row: &mut Vec<Tok>, out: &mut Vec<Vec<Tok>>) {
    let line = &src[s..e];
    let mut i = 0;
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    while i < chars.len() {
        let (bi, c) = chars[i];
        let d = crate::normalize::fold(c).unwrap_or(' ');
        if d.is_ascii_digit() || (signed && matches!(d, '减' | '增' | '+' | '-') && next_digit(&chars, i + 1)) {
            let mut j = i + 1;
            while j < chars.len() {
                let f = crate::normalize::fold(chars[j].1).unwrap_or(' ');
                let dot = f == '.' && next_digit(&chars, j + 1);
                if !(f.is_ascii_digit() || dot || (f == ',' && next_digit(&chars, j + 1) && signed)) {
                    break;
                }
                j += 1;
            }
            if ordinal_at(&chars, i, j) {
                // "3.要求提供…", "4、保护…": a label's ordinal, text like the label.
                if row.iter().any(Tok::is_value) {
                    out.push(std::mem::take(row));
                }
                i = j + 1;
                continue;
            }
            let be = chars.get(j).map_or(line.len(), |x| x.0);
            let raw = &line[bi..be];
            // (A digit glued to the next label, "…0002.其他法律", is that label's ordinal:
            // the label search gives it back, see `extract::anchors`.)
            let span = (s + bi, s + be);
            let digits: String = raw.chars().filter_map(crate::normalize::fold).collect();
            let splittable = digits.chars().all(|c| c.is_ascii_digit()) && digits.len() > 1;
            if splittable {
                let starts = line[bi..be].char_indices().map(|(k, _)| s + bi + k).collect();
                row.push(Tok::Run { digits, starts, span });
            } else if let Some(v) = parse_number(raw, signed) {
                row.push(Tok::Num(v, span));
            }
            i = j;
        } else if d == ' ' || d == '|' {
            i += 1;
        } else if is_blank_mark(&c.to_string()) && c != '-' && !in_word(&chars, i) {
            row.push(Tok::Blank((s + bi, s + bi + c.len_utf8())));
            i += 1;
        } else if is_unit(d) && i > 0 && crate::normalize::fold(chars[i - 1].1).is_some_and(|p| p.is_ascii_digit()) {
            i += 1; // 2件, 251000元: a unit, not text
        } else {
            // Text: a note or a label lost its anchor. It ends the numbers seen so far.
            if row.iter().any(Tok::is_value) {
                out.push(std::mem::take(row));
            }
            i += 1;
        }
    }
}

/// Whether the digits `chars[i..j]` are a label's ordinal: one or two digits, then "." or
/// "、", then text (or the end of the line, where a wrapped label breaks). A decimal's
/// point has a digit after it and was taken into the number already.
fn ordinal_at(chars: &[(usize, char)], i: usize, j: usize) -> bool {
    let f = |k: usize| chars.get(k).and_then(|x| crate::normalize::fold(x.1));
    let digits = (i..j).all(|k| f(k).is_some_and(|c| c.is_ascii_digit()));
    let after = chars.get(j + 1).map(|x| x.1);
    digits
        && j - i <= 2
        && matches!(f(j), Some('.' | '、'))
        && after.is_none_or(|c| !c.is_whitespace() && !crate::normalize::fold(c).is_some_and(|d| d.is_ascii_digit()))
}

fn is_unit(c: char) -> bool {
    matches!(c, '件' | '条' | '个' | '项' | '次' | '元' | '人')
}

fn next_digit(chars: &[(usize, char)], i: usize) -> bool {
    chars.get(i).is_some_and(|&(_, c)| crate::normalize::fold(c).is_some_and(|d| d.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vals(src: &str, mode: Mode) -> Vec<Vec<String>> {
        groups(src, 0, src.len(), mode, true)
            .into_iter()
            .map(|g| {
                g.into_iter()
                    .map(|t| match t {
                        Tok::Blank(_) => "_".into(),
                        Tok::Num(v, _) => v.to_string(),
                        Tok::Run { digits, .. } => format!("[{digits}]"),
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn tab_rows_keep_blanks_and_skip_label_lines() {
        assert_eq!(vals("\t\t\t\t\t\t0\n\t“一稳定”\t\t\n", Mode::Tab), vec![vec!["_", "_", "_", "_", "_", "0"]]);
    }

    #[test]
    fn per_line_rows_split_on_empty_lines() {
        assert_eq!(vals("\n\t1\n\t 2\n\n\t\n\t3\n", Mode::PerLine), vec![vec!["1", "2"], vec!["_", "3"]]);
    }

    #[test]
    fn flat_runs_and_signs() {
        assert_eq!(vals("230 000023", Mode::Space), vec![vec!["[230]", "[000023]"]]);
        assert_eq!(vals(" 491 减263 228", Mode::Space), vec![vec!["[491]", "-263", "[228]"]]);
        assert_eq!(vals("| 0 | 12 | / |", Mode::Pipe), vec![vec!["0", "12", "_"]]);
    }

    /// A sparse table's PDF text: rows printing only their total, one number a line, beside
    /// labels with their number and rows of several. Read one cell a line, its rows were
    /// certain blanks where numbers were printed.
    #[test]
    fn a_sparse_tables_pdf_text_is_not_one_cell_a_line() {
        let rows = "（一）予以公开 0\n的，只计这一情形 0\n0\n0\n0\n0\n0\n0\n0\n0\n0\n0\n（七）总计 47 0 0 0 0 7 54\n";
        assert_eq!(detect_mode(rows), Mode::Space);
        let layout = "                    0\n".repeat(12) + "  一、本年新收   11    0   1     1     1   7   21\n";
        assert_eq!(detect_mode(&layout), Mode::Space);
        assert_eq!(detect_mode(&"0\n".repeat(14)), Mode::PerLine);
    }

    /// Table 4 copied from Word with every cell blank but the last total: its one line of
    /// data is all leading tabs, and with the header the only other line of cells, the
    /// table read as words ("印有 1 格，应为 15 格", generated random-0482).
    #[test]
    fn a_row_of_leading_tabs_is_a_row_of_cells() {
        let header = "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t".repeat(3);
        let region = format!("未经复议直接起诉\t复议后起诉\n{}\n{}0\n", header.trim_end(), "\t".repeat(14));
        assert_eq!(detect_mode(&region), Mode::Tab);
        assert_eq!(detect_mode("\t1\n\t2\n"), Mode::Space, "a lone leading tab is no row of cells");
    }

    #[test]
    fn one_cell_a_line_keeps_a_number_on_the_labels_line() {
        // The text after the label: the rest of its line, then the lines below.
        let text = "（一）予以公开 0\n\n";
        let after = text.find(" 0").unwrap();
        assert_eq!(groups(text, after, text.len(), Mode::PerLine, true).len(), 1);
    }

    #[test]
    fn digit_groups_of_four_on_one_line_are_not_one_number() {
        assert_eq!(parse_number("100 5138 5338", false), None);
        assert_eq!(parse_number("4 0 3", false), Some(Value::Int(403)));
        assert_eq!(parse_number("1 234 567", false), Some(Value::Int(1234567)));
    }

    /// "（四）无法提供" cut by a PDF's -layout text: its fragment before a row's numbers
    /// is text, not a 无 cell (the row was read shifted one column, with certainty).
    #[test]
    fn a_word_starting_with_wu_is_no_blank_cell() {
        let line = "  无法提    863    95    7     2     0    967";
        assert_eq!(vals(line, Mode::Space), vec![vec!["[863]", "[95]", "7", "2", "0", "[967]"]]);
        assert_eq!(vals("5 无 6", Mode::Space), vec![vec!["5", "_", "6"]]);
    }

    /// pdftotext -layout puts a wrapped label's first line beside the previous row's
    /// label ("（五）   3.要求提供公开出版"): its ordinal is no cell.
    #[test]
    fn a_label_ordinal_is_not_a_number() {
        assert_eq!(
            vals("  2 2 16\n    （五）   3.要求提供公开出版\n 3 0 3", Mode::Space),
            vec![vec!["2", "2", "[16]"], vec!["3", "0", "3"]]
        );
        assert_eq!(vals("１．属于 4、保护 5.", Mode::Space), Vec::<Vec<String>>::new());
        assert_eq!(vals("3.5 12", Mode::Space), vec![vec!["3.5", "[12]"]]);
    }

    /// "- 2 -" between two rows of a PDF paste is the page's number, not a row of one cell.
    #[test]
    fn page_numbers_are_not_rows() {
        assert_eq!(vals(" 1 2 3\n            - 2 -\n 4 5 6", Mode::Space), vec![vec!["1", "2", "3"], vec!["4", "5", "6"]]);
        for line in ["-3-", "— 12 —", "第 3 页", "第3页 共6页", "3 / 6", "－4－", "结 - 2 -", "结                   -2-"] {
            assert!(is_page_number(line), "{line}");
        }
        // A browser's print header and footer.
        for line in ["12/7/26, 7:56 PM", "2026/12/7 19:56 某市2022年政府信息公开工作年度报告", "file:///tmp/r.html   3/5"] {
            assert!(is_page_number(line), "{line}");
        }
        for line in ["3", "- 3", "3 0 1", "第三页", "1/2/3", "2020/2021年", "规章 - 2 -", "结 3", "12 7 26 7 56", "1/2/3 4 5"] {
            assert!(!is_page_number(line), "{line}");
        }
    }

    #[test]
    fn numbers_as_printed() {
        assert_eq!(parse_number("22（其中修订16件）", false), Some(Value::Int(22)));
        assert_eq!(parse_number("251000元", false), Some(Value::Int(251000)));
        assert_eq!(parse_number("13390.0654", false), Some(Value::Dec(13390.0654)));
        assert_eq!(parse_number("减263", true), Some(Value::Int(-263)));
        assert_eq!(parse_number("减263", false), None);
        assert_eq!(parse_number("１２", false), Some(Value::Int(12)));
    }
}
