//! From text to tables. Row labels are found in order in a folded copy of the text; the
//! text between two labels holds a row's numbers, cut into cells by the layout's
//! separators (see `tokens`). Rows that allow several readings are settled by the
//! table's identities (`candidates`, `solve`). Extraction never fails: what it cannot
//! read becomes a blank, uncertain cell and an `extraction` finding that says why.

pub mod candidates;
pub mod solve;
pub mod tokens;

use crate::model::{Cell, Finding, Row, Table, Value};
use crate::normalize::Folded;
use crate::rules;
use crate::template::{self, Format, RowDef, T3_COLS, T4_HEADER_NEEDLES};
use candidates::{Issue, RowRead, RowSums};
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
pub struct Doc<'a> {
    pub src: &'a str,
    pub f: &'a Folded,
    pub exact: bool,
}

impl Doc<'_> {
    fn mode(&self, a: usize, b: usize) -> Mode {
        if self.exact { Mode::Tab } else { tokens::detect_mode(&self.src[self.f.orig(a)..self.f.orig(b)]) }
    }
    /// Tokens of the text between folded offsets `a` (end of a label) and `b`.
    fn groups(&self, a: usize, b: usize, mode: Mode, signed: bool) -> Vec<Vec<Tok>> {
        let (os, oe) = (self.f.orig_end(a, self.src), self.f.orig(b));
        if os >= oe { Vec::new() } else { tokens::groups(self.src, os, oe, mode, signed) }
    }
    fn span(&self, a: usize, b: usize) -> (usize, usize) {
        (self.f.orig(a), self.f.orig_end(b, self.src))
    }
}

/// `starts`: folded offsets of the six section headings, where found.
pub fn extract(doc: &Doc, starts: &[Option<usize>], format: Option<Format>) -> Extracted {
    let mut findings = Vec::new();
    let fmt = format.unwrap_or(Format::F2019);
    let end_after = |from: usize| starts.iter().flatten().copied().filter(|&s| s > from).min().unwrap_or(doc.f.text.len());
    let find = |needles: &[&str], from: usize| doc.f.find_any(needles, from, doc.f.text.len()).map(|x| x.0);

    let t3_start = starts[2].or_else(|| find(&["勾稽关系", "本年新收"], starts[1].unwrap_or(0)));
    let (table3, t3_end, lost_rows) = match t3_start {
        Some(s) => table3(doc, s, end_after(s), fmt, &mut findings),
        None => (None, 0, Vec::new()),
    };
    // Without its heading, table 4 starts at its own header words, never at prose that
    // merely says 行政复议.
    let t4_start = starts[3].or_else(|| find(&["结果维持", "尚未审结"], t3_end.max(starts[2].unwrap_or(0))));
    let table4 = t4_start.and_then(|s| table4(doc, s, end_after(s), &mut findings));
    let t2_start = starts[1].or_else(|| find(&["第二十条"], 0));
    let table2 = t2_start.and_then(|s| table2(doc, s, t3_start.filter(|&e| e > s).unwrap_or_else(|| end_after(s)), fmt, &mut findings));
    Extracted { table2, table3, table4, findings, lost_rows }
}

struct Anchor {
    def: &'static RowDef,
    start: usize,
    end: usize,
}

/// Row labels in template order; a lost label is skipped, the next one still found.
fn anchors(doc: &Doc, defs: &[&'static RowDef], from: usize, to: usize) -> Vec<Anchor> {
    let mut out = Vec::new();
    let mut pos = from;
    for &def in defs {
        let Some((mut s, e, _)) = doc.f.find_any(def.needles, pos, to) else { continue };
        // "2.其他法律…" glued to the previous row's digits: the ordinal is the label's.
        if let Some(n) = def.ordinal {
            let ords = [format!("{n}."), format!("{n}、"), format!("{n},"), format!("({n})")];
            if let Some(ord) = ords.iter().find(|o| doc.f.text[..s].ends_with(o.as_str())) {
                s -= ord.len();
            }
        }
        out.push(Anchor { def, start: s.max(pos), end: e });
        pos = e;
    }
    out
}

const T3_SUMS: &RowSums = &[(0..6, 6)];
const T4_SUMS: &RowSums = &[(0..4, 4), (5..9, 9), (10..14, 14)];

fn table3(doc: &Doc, from: usize, to: usize, fmt: Format, findings: &mut Vec<Finding>) -> (Option<Table>, usize, Vec<String>) {
    let defs: Vec<&'static RowDef> = template::t3_rows(fmt).collect();
    let data: Vec<&'static RowDef> = defs.iter().copied().filter(|d| !d.group).collect();
    let header = doc.f.find_any(template::T3_HEADER_NEEDLES, from, to).map(|x| x.0);
    let from = header.unwrap_or(from);
    let found = anchors(doc, &defs, from, to);
    // Prose may name a few row labels with numbers; a table without its header must at
    // least show most of its own labels.
    let need = if header.is_some() { 3 } else { data.len() / 2 };
    if found.iter().filter(|a| !a.def.group).count() < need {
        return (None, from, Vec::new());
    }
    let mode = doc.mode(from, to);
    let mut reads: Vec<RowRead> = vec![RowRead::none(); data.len()];
    let mut has_group = vec![false; data.len()];
    let mut label_spans = vec![None; data.len()];
    let mut by_order = Vec::new();
    let pos_of = |a: &Anchor| defs.iter().position(|d| std::ptr::eq(*d, a.def)).unwrap_or(0);
    // Segments of text: (value text start, end, template rows it covers, the label found).
    // Rows before the first label found take the numbers between the header and it.
    let mut segments: Vec<(usize, usize, usize, usize, Option<&Anchor>)> = Vec::new();
    if let Some(first) = found.first().filter(|a| pos_of(a) > 0) {
        segments.push((from, first.start, 0, pos_of(first), None));
    }
    for (i, a) in found.iter().enumerate() {
        let next = found.get(i + 1);
        segments.push((a.end, next.map_or(to, |n| n.start), pos_of(a), next.map_or(defs.len(), pos_of), Some(a)));
    }
    for (start, end, di, next_di, anchor) in segments {
        // The rows after a label whose own labels are lost take the next number rows.
        let slots: Vec<usize> =
            defs[di..next_di].iter().filter(|d| !d.group).map(|d| data.iter().position(|x| std::ptr::eq(*x, *d)).unwrap()).collect();
        let own = anchor.filter(|a| !a.def.group);
        if let (Some(&first), Some(a)) = (slots.first(), own) {
            label_spans[first] = Some(doc.span(a.start, a.end));
        }
        let groups = doc.groups(start, end, mode, true);
        for (k, (&slot, g)) in slots.iter().zip(groups).enumerate() {
            if k > 0 || own.is_none() {
                by_order.push(data[slot].key);
            }
            has_group[slot] = true;
            reads[slot] = candidates::read_row(&g, 7, T3_SUMS, doc.exact);
        }
    }
    let checks = rules::t3_checks(fmt);
    let ids: Vec<solve::Identity> = checks.into_iter().map(|c| c.id).collect();
    let solved = solve::solve(&reads, 7, &ids);
    let cols: Vec<String> = T3_COLS.iter().map(|c| c.key.to_string()).collect();
    let rows: Vec<Row> = data
        .iter()
        .enumerate()
        .map(|(r, d)| Row {
            key: d.key.into(),
            label: d.label.into(),
            label_span: label_spans[r],
            cols: cols.clone(),
            cells: solved[r].iter().map(solve::Resolved::cell).collect(),
        })
        .collect();
    let mut table = Table { columns: cols, rows };
    if !by_order.is_empty() {
        let cells = by_order.iter().map(|k| format!("table3.{k}")).collect();
        let labels: Vec<String> =
            by_order.iter().filter_map(|k| data.iter().find(|d| d.key == *k)).map(|d| rules::short(d.label)).collect();
        let msg = format!("表三有 {} 行没有行标签，按模板行序读作：{}。", by_order.len(), labels.join("、"));
        findings.push(Finding::new(&rules::X_LABEL, msg, cells));
    }
    let lost: Vec<String> =
        (0..data.len()).filter(|&r| !has_group[r] && label_spans[r].is_none()).map(|r| data[r].key.to_string()).collect();
    row_findings("table3", &table, &reads, findings);
    not_counts(doc.src, &mut table);
    let end = found.last().map_or(from, |a| a.end);
    (Some(table), end, lost)
}

fn table4(doc: &Doc, from: usize, to: usize, findings: &mut Vec<Finding>) -> Option<Table> {
    let hdr_end = t4_header_end(doc, from, to)?;
    let mode = doc.mode(from, to);
    let groups = doc.groups(hdr_end, to, mode, true);
    let read = groups.first().map_or(RowRead::none(), |g| candidates::read_row(g, 15, T4_SUMS, doc.exact));
    let ids: Vec<solve::Identity> = rules::t4_checks().into_iter().map(|c| c.id).collect();
    let solved = solve::solve(std::slice::from_ref(&read), 15, &ids);
    let cols = template::t4_keys();
    let cells = solved[0].iter().map(solve::Resolved::cell).collect();
    let row = Row { key: "data".into(), label: "行政复议、行政诉讼".into(), label_span: None, cols: cols.clone(), cells };
    let mut table = Table { columns: cols, rows: vec![row] };
    row_findings("table4", &table, std::slice::from_ref(&read), findings);
    not_counts(doc.src, &mut table);
    Some(table)
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

/// End of table 4's header: the first run of at least four header words with no digit
/// between them (prose may say 结果维持2件; a header never has a number inside).
fn t4_header_end(doc: &Doc, from: usize, to: usize) -> Option<usize> {
    let mut at = from;
    while let Some((_, mut end, _)) = doc.f.find_any(&["结果维持", "尚未审结"], at, to) {
        at = end;
        let mut words = 1;
        while let Some((s, e, _)) = doc.f.find_any(T4_HEADER_NEEDLES, end, to) {
            if doc.f.text[end..s].contains(|c: char| c.is_ascii_digit()) {
                break;
            }
            (end, words) = (e, words + 1);
        }
        if words >= 4 {
            return Some(end);
        }
    }
    None
}

/// Says, for each row read with an assumption, what was assumed; every uncertain cell is
/// named by some extraction finding.
fn row_findings(table: &str, t: &Table, reads: &[RowRead], findings: &mut Vec<Finding>) {
    let mut split_rows = 0;
    // Rows read fine despite a lost or extra cell, grouped by how many cells they print.
    let mut counted: Vec<(usize, Vec<String>, Vec<String>)> = Vec::new();
    let k = t.columns.len();
    for (r, read) in reads.iter().enumerate() {
        let row = &t.rows[r];
        let name = if table == "table4" { "表四数据行".to_string() } else { format!("“{}”", rules::short(&row.label)) };
        let uncertain: Vec<String> = (0..k).filter(|&c| !row.cells[c].certain).map(|c| rules::cell_name(table, t, r, c)).collect();
        let row_ref = if table == "table4" { vec!["table4".to_string()] } else { vec![format!("{table}.{}", row.key)] };
        match &read.issue {
            Issue::Clean if uncertain.is_empty() => {}
            Issue::Clean => findings.push(Finding::new(&rules::X_AMBIGUOUS, format!("{name}的数字无法确定。"), uncertain)),
            Issue::TooFew(n) | Issue::TooMany(n) if uncertain.is_empty() => match counted.iter_mut().find(|c| c.0 == *n) {
                Some(c) => {
                    c.1.push(name);
                    c.2.extend(row_ref);
                }
                None => counted.push((*n, vec![name], row_ref)),
            },
            Issue::TooFew(n) | Issue::TooMany(n) => {
                let msg = format!("{name}印有 {n} 格，应为 {k} 格；有 {} 格无法确定，已留空。", uncertain.len());
                findings.push(Finding::new(&rules::X_UNREADABLE, msg, uncertain));
            }
            Issue::Split(_) if uncertain.is_empty() && !read.broken => split_rows += 1,
            Issue::Split(raw) if uncertain.is_empty() => {
                let msg = format!("{name}的数字串“{raw}”没有一种拆法能使本行相加成立，按其他行推得的读法拆分，请核对。");
                findings.push(Finding::new(&rules::X_SPLIT, msg, Vec::new()));
            }
            Issue::Split(raw) => {
                let alts: Vec<String> = read
                    .cands
                    .iter()
                    .take(3)
                    .map(|c| c.iter().map(|g| g.value.map_or("空".into(), |v| v.to_string())).collect::<Vec<_>>().join("|"))
                    .collect();
                let msg = format!("{name}的数字串“{raw}”有多种拆法（如 {}），{} 格无法确定，已留空。", alts.join("；"), uncertain.len());
                findings.push(Finding::new(&rules::X_AMBIGUOUS, msg, uncertain));
            }
            Issue::Unreadable(raw) => {
                let msg = format!("{name}的数字“{raw}”无法对应到 {k} 列，已留空。");
                findings.push(Finding::new(&rules::X_UNREADABLE, msg, row_ref));
            }
        }
    }
    for (n, names, cells) in counted {
        let how = if n > k { "多出的格子" } else { "缺少的格子" };
        let msg = format!("{} 印有 {n} 格，应为 {k} 格；{how}已按勾稽关系和空白格处理，各格的值可以确定。", names.join("、"));
        findings.push(Finding::new(&rules::X_COUNT, msg, cells));
    }
    if split_rows > 0 {
        let msg =
            format!("{}共有 {split_rows} 行数字没有分隔符，已按勾稽关系唯一确定拆分。", if table == "table4" { "表四" } else { "表三" });
        findings.push(Finding::new(&rules::X_SPLIT, msg, Vec::new()));
    }
}

fn table2(doc: &Doc, from: usize, to: usize, fmt: Format, findings: &mut Vec<Finding>) -> Option<Table> {
    let from = doc.f.find_any(&["第二十条"], from, to).map_or(from, |x| x.0);
    let defs: Vec<&'static template::T2Row> = template::t2_rows(fmt).collect();
    let mode = doc.mode(from, to);
    let mut pos = from;
    let mut rows = Vec::new();
    let mut spans: Vec<Option<(usize, usize)>> = Vec::new();
    for d in &defs {
        let hit = doc.f.find_any(d.needles, pos, to);
        spans.push(hit.map(|(s, e, _)| (s, e)));
        if let Some((_, e, _)) = hit {
            pos = e;
        }
    }
    for (i, d) in defs.iter().enumerate() {
        let cols: Vec<String> = d.cols.iter().map(|c| c.key.to_string()).collect();
        let label_span = spans[i].map(|(s, e)| doc.span(s, e));
        let Some((_, e)) = spans[i] else {
            rows.push(blank_row(d, label_span, &cols));
            continue;
        };
        let next = spans[i + 1..].iter().flatten().map(|x| x.0).next().unwrap_or(to);
        let stop = doc.f.find_any(template::T2_STOPS, e, next).map_or(next, |x| x.0);
        let signed = d.signed || d.cols.iter().any(|c| c.key == "change");
        // Local sub-rows (行政检查, 行政确认 under 其他对外管理服务事项): the row itself is
        // blank and each sub-row is read as `key/名称`.
        let subs = sub_rows(doc, e, stop);
        let parts: Vec<(String, String, usize, usize)> = if subs.is_empty() {
            vec![(d.key.to_string(), d.label.to_string(), e, stop)]
        } else {
            rows.push(blank_row(d, label_span, &cols));
            subs.iter()
                .enumerate()
                .map(|(j, (name, _, ne))| (format!("{}/{name}", d.key), name.clone(), *ne, subs.get(j + 1).map_or(stop, |x| x.1)))
                .collect()
        };
        for (key, label, a, b) in parts {
            let mut cells = vec![Cell::BLANK; cols.len()];
            if let Some(g) = doc.groups(a, b, mode, signed).first() {
                cells = t2_cells(g, cols.len(), doc.exact);
                if cells.iter().any(|c| !c.certain) {
                    let raw: Vec<String> = g.iter().map(|t| doc.src[t.span().0..t.span().1].to_string()).collect();
                    let msg = format!("表二“{label}”的数字“{}”无法确定如何对应到 {} 列，已留空。", raw.join(" "), cols.len());
                    let names = cols.iter().map(|c| format!("table2.{key}.{c}")).collect();
                    findings.push(Finding::new(&rules::X_AMBIGUOUS, msg, names));
                }
            }
            let span = if key == d.key { label_span } else { None };
            rows.push(Row { key, label, label_span: span, cols: cols.clone(), cells });
        }
    }
    if spans.iter().all(Option::is_none) {
        return None;
    }
    Some(Table { columns: Vec::new(), rows })
}

fn blank_row(d: &template::T2Row, label_span: Option<(usize, usize)>, cols: &[String]) -> Row {
    Row { key: d.key.into(), label: d.label.into(), label_span, cols: cols.to_vec(), cells: vec![Cell::BLANK; cols.len()] }
}

/// Names printed before any number in a table 2 row's text: its local sub-rows, with
/// their folded start and end. Units, signs and notes in brackets are not names.
fn sub_rows(doc: &Doc, from: usize, to: usize) -> Vec<(String, usize, usize)> {
    let t = &doc.f.text[from..to];
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
        let han = ('\u{4e00}'..='\u{9fff}').contains(&c) && depth == 0;
        match (han, run) {
            (true, None) => run = Some(i),
            (false, Some(s)) => {
                let name = &t[s..i];
                if name.chars().count() >= 2 && !matches!(name, "万元" | "增加" | "减少") {
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
fn t2_cells(g: &[Tok], k: usize, exact: bool) -> Vec<Cell> {
    let mut toks = g.to_vec();
    while toks.len() > k && !exact && matches!(toks.last(), Some(Tok::Blank(_))) {
        toks.pop();
    }
    while toks.len() > k && !exact && matches!(toks.first(), Some(Tok::Blank(_))) {
        toks.remove(0);
    }
    let unsure = vec![Cell { value: None, span: None, certain: false }; k];
    if toks.len() == k {
        return toks
            .iter()
            .map(|t| match t {
                Tok::Blank(s) => Cell { value: None, span: Some(*s), certain: true },
                Tok::Num(v, s) => Cell { value: Some(*v), span: Some(*s), certain: true },
                Tok::Run(d, _, s) => Cell { value: d.parse().ok().map(Value::Int), span: Some(*s), certain: true },
            })
            .collect();
    }
    if toks.len() < k && toks.iter().all(|t| !matches!(t, Tok::Num(Value::Dec(_), _))) {
        let read = candidates::read_row(&toks, k, &[], exact);
        if let ([c], false) = (&read.cands[..], read.broken)
            && matches!(read.issue, Issue::Split(_))
        {
            return c.iter().map(|g| Cell { value: g.value.map(Value::Int), span: g.span, certain: true }).collect();
        }
    }
    unsure
}
