//! The contract's JSON (schema 1, shared/spec/contract.md) and the text for people.

use crate::across::Across;
use crate::model::{Cell, Finding, Kind, Label, Report, Role, Severity, Span, Table, Value};
use serde_json::{Map, Value as J, json};

pub const SCHEMA: u32 = 1;

fn num(v: Option<Value>) -> J {
    match v {
        Some(Value::Int(i)) => json!(i),
        Some(Value::Dec(d)) => json!(d),
        None => J::Null,
    }
}

/// A cell as the contract prints it: its number, or null when blank or not certain.
fn cell(c: &Cell) -> J {
    if c.certain { num(c.value) } else { J::Null }
}

fn rows(t: &Table) -> J {
    let rows: Vec<J> = t
        .rows
        .iter()
        .map(|r| {
            let cells: Map<String, J> = r.cols.iter().zip(&r.cells).map(|(k, c)| (k.key.to_string(), cell(c))).collect();
            json!({"key": r.key, "cells": cells})
        })
        .collect();
    json!({ "rows": rows })
}

pub fn report_json(r: &Report) -> J {
    let sections: Vec<J> = r.sections.iter().map(|s| json!({"number": s.number, "heading": s.heading, "found": s.found})).collect();
    let table4 = r.table4.as_ref().map(|t| {
        let cells: Map<String, J> = t.cells().map(|(r, c, x)| (format!("{}.{}", t.rows[r].key, t.rows[r].cols[c].key), cell(x))).collect();
        json!({ "cells": cells })
    });
    let findings: Vec<J> = r.findings.iter().map(finding_json).collect();
    json!({
        "source": r.source,
        "format": r.format.map(|f| f.name()),
        "year": r.year,
        "sections": sections,
        "table2": r.table2.as_ref().map(rows),
        "table3": r.table3.as_ref().map(rows),
        "table4": table4,
        "findings": findings,
    })
}

/// A FINDING as the contract prints it.
fn finding_json(f: &Finding) -> J {
    let mut m = Map::new();
    m.insert("rule".into(), f.rule.id.map_or(J::Null, |s| json!(s)));
    m.insert("code".into(), json!(f.rule.code));
    m.insert("severity".into(), json!(f.rule.severity.name()));
    m.insert("kind".into(), json!(f.rule.kind.name()));
    m.insert("message".into(), json!(f.message));
    m.insert("cells".into(), json!(f.cells()));
    if f.expected.is_some() || f.actual.is_some() {
        m.insert("expected".into(), num(f.expected));
        m.insert("actual".into(), num(f.actual));
    }
    J::Object(m)
}

pub fn json_document(reports: &[&Report]) -> String {
    json_run(reports, &[])
}

/// The document of a run: its reports, and the findings that involve several of them
/// (a FINDING with `sources`, the reports involved, earlier year first; its `cells` are
/// named as in each report, last year's `carried_forward` and this year's `carried_over`).
pub fn json_run(reports: &[&Report], across: &[Across]) -> String {
    let findings: Vec<J> = across
        .iter()
        .map(|a| {
            let mut f = finding_json(&a.finding);
            f["sources"] = json!(a.sources);
            f
        })
        .collect();
    let v = json!({ "schema": SCHEMA, "reports": reports.iter().map(|r| report_json(r)).collect::<Vec<_>>(), "findings": findings });
    serde_json::to_string_pretty(&v).expect("JSON of plain values")
}

/// Where each line starts, to turn byte offsets into line and column without rescanning
/// the text for every cell (the page asks for hundreds).
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }
    /// Line and column (1-based, in characters) of byte offset `at`.
    pub fn line_col(&self, text: &str, at: usize) -> (usize, usize) {
        let at = crate::normalize::floor_boundary(text, at);
        let line = self.starts.partition_point(|&s| s <= at);
        let start = self.starts[line - 1];
        (line, text[start..at].chars().count() + 1)
    }
}

/// The findings as a review note: one line each, for pasting into a document.
pub fn findings_text(r: &Report) -> String {
    let mut s = format!(
        "{}（{}年度，{}）检查结果：\n",
        r.body.as_deref().unwrap_or(&r.source),
        r.year.map_or("未识别".into(), |y| y.to_string()),
        r.format.map_or("格式未识别".into(), |f| format!("{}年格式", f.name()))
    );
    if r.findings.is_empty() {
        s.push_str("未发现问题。\n");
    }
    for (i, f) in r.findings.iter().enumerate() {
        s.push_str(&format!("{}. [{}] {}（{}）\n", i + 1, f.rule.severity.zh(), f.message, f.rule.id.unwrap_or(f.rule.code)));
    }
    s
}

/// The findings sheet's columns, in the CSV and in the workbook.
const FINDINGS_HEAD: [&str; 9] = ["报告", "严重程度", "规则", "代码", "类别", "说明", "单元格", "应为", "实为"];

/// One row per finding of every report, as the findings CSV and sheet show them.
fn findings_rows(reports: &[&Report]) -> Vec<[String; 9]> {
    let n = |v: Option<Value>| v.map_or(String::new(), |v| v.to_string());
    reports
        .iter()
        .flat_map(|r| r.findings.iter().map(move |f| (r, f)))
        .map(|(r, f)| {
            [
                r.source.clone(),
                f.rule.severity.zh().to_string(),
                f.rule.id.unwrap_or("").to_string(),
                f.rule.code.to_string(),
                f.rule.kind.name().to_string(),
                f.message.clone(),
                f.cells().join(" "),
                n(f.expected),
                n(f.actual),
            ]
        })
        .collect()
}

/// Rows as CSV that Excel and WPS open correctly: UTF-8 with a BOM, CRLF, quoted fields,
/// and no cell a spreadsheet would run as a formula.
fn csv<const N: usize>(head: [&str; N], rows: &[[String; N]]) -> String {
    let mut s = String::from("\u{feff}");
    s.push_str(&head.iter().map(|h| csv_field(h)).collect::<Vec<_>>().join(","));
    s.push_str("\r\n");
    for row in rows {
        s.push_str(&row.iter().map(|x| csv_field(x)).collect::<Vec<_>>().join(","));
        s.push_str("\r\n");
    }
    s
}

/// The findings of one or more reports as CSV (one row per finding).
pub fn findings_csv(reports: &[&Report]) -> String {
    csv(FINDINGS_HEAD, &findings_rows(reports))
}

/// The batch summary's columns: the text summary, the CSV and the workbook's first sheet.
pub const SUMMARY_HEAD: [&str; 7] = ["来源", "报告单位", "年度", "格式", "错误", "警告", "读取问题"];

/// A report's row of the summary (errors and warnings without the reading problems, as
/// `counts`).
pub fn summary_row(r: &Report) -> [String; 7] {
    let (e, w, x) = counts(r);
    [
        r.source.clone(),
        r.body.clone().unwrap_or_else(|| "未能识别".into()),
        r.year.map_or("未能识别".into(), |y| y.to_string()),
        r.format.map_or("未能判断".into(), |f| format!("{}年格式", f.name())),
        e.to_string(),
        w.to_string(),
        x.to_string(),
    ]
}

/// The batch summary as CSV, one row per report.
pub fn summary_csv(reports: &[&Report]) -> String {
    csv(SUMMARY_HEAD, &reports.iter().map(|r| summary_row(r)).collect::<Vec<_>>())
}

/// The batch as a workbook's sheets: 汇总 (one row per report) and 问题清单 (every finding,
/// the findings CSV's rows); counts, years and compared numbers as numbers. The page hands
/// them to its .xlsx module, which writes them with `nianbao_xlsx::workbook`.
pub fn batch_sheets(reports: &[&Report]) -> Vec<nianbao_xlsx::Sheet> {
    let strings = |a: &[&str]| a.iter().map(|h| h.to_string()).collect();
    vec![
        nianbao_xlsx::Sheet {
            name: "汇总".into(),
            head: strings(&SUMMARY_HEAD),
            rows: reports.iter().map(|r| summary_row(r).to_vec()).collect(),
            numeric: vec![2, 4, 5, 6],
            widths: vec![40, 30, 8, 12, 6, 6, 9],
        },
        nianbao_xlsx::Sheet {
            name: "问题清单".into(),
            head: strings(&FINDINGS_HEAD),
            rows: findings_rows(reports).into_iter().map(|r| r.to_vec()).collect(),
            numeric: vec![7, 8],
            widths: vec![40, 8, 6, 24, 11, 80, 40, 6, 6],
        },
    ]
}

fn csv_field(v: &str) -> String {
    let v = if v.starts_with(['=', '+', '-', '@']) && v.parse::<f64>().is_err() { format!("'{v}") } else { v.to_string() };
    format!("\"{}\"", v.replace('"', "\"\""))
}

/// A name as one line of text output: control characters (a newline in a file name)
/// shown escaped, so a name cannot forge lines.
pub fn one_line(name: &str) -> String {
    name.chars().flat_map(|c| if c.is_control() { c.escape_default().collect::<Vec<_>>() } else { vec![c] }).collect()
}

pub fn report_text(r: &Report) -> String {
    let lines = LineIndex::new(&r.text);
    let mut s = String::new();
    let fmt = r.format.map_or("未能判断".to_string(), |f| format!("{}年格式", f.name()));
    s.push_str(&format!("== {}\n", one_line(&r.source)));
    s.push_str(&format!(
        "报告单位：{}  年度：{}  格式：{}\n",
        r.body.as_deref().unwrap_or("未能识别"),
        r.year.map_or("未能识别".into(), |y| y.to_string()),
        fmt
    ));
    let found: Vec<String> = r
        .sections
        .iter()
        .map(|x| format!("{}{}", crate::template::SECTIONS[x.number as usize - 1].ordinal, if x.found { "✓" } else { "✗" }))
        .collect();
    s.push_str(&format!("章节：{}\n", found.join(" ")));
    if r.findings.is_empty() {
        s.push_str("未发现问题。\n");
    }
    for f in &r.findings {
        let at = f.span().map(|sp| {
            let (l, c) = lines.line_col(&r.text, sp.0);
            format!(" （第{l}行第{c}列）")
        });
        s.push_str(&format!("[{}] {} {}{}\n", f.rule.severity.zh(), f.rule.id.unwrap_or(f.rule.code), f.message, at.unwrap_or_default()));
        for l in f.labels.iter().filter(|l| l.role != Role::Part).take(MAX_SHOWN) {
            if let Some(sp) = l.span {
                s.push_str(&source_line(&r.text, &lines, sp, l));
            }
        }
    }
    s
}

/// Width of a text in a terminal: CJK characters take two columns.
fn width(t: &str) -> usize {
    t.chars().map(|c| if (c as u32) < 0x1100 { 1 } else { 2 }).sum()
}

/// A report's counts as the summary shows them: errors and warnings the report has
/// (reading problems apart: they are not the report's fault), reading problems.
pub fn counts(r: &Report) -> (usize, usize, usize) {
    let of = |sev: Severity| r.findings.iter().filter(|f| f.rule.kind != Kind::Extraction && f.rule.severity == sev).count();
    (of(Severity::Error), of(Severity::Warning), r.findings.iter().filter(|f| f.rule.kind == Kind::Extraction).count())
}

/// The summary of a run of several reports, one row each, columns aligned for a terminal;
/// then the findings that involve several reports, and what could not be read.
pub fn summary_text(reports: &[&Report], across: &[Across], unread: usize, skipped: usize) -> String {
    let mut rows: Vec<[String; 7]> = vec![SUMMARY_HEAD.map(String::from)];
    for r in reports {
        let mut row = summary_row(r);
        row[0] = one_line(&row[0]);
        rows.push(row);
    }
    let widths: Vec<usize> = (0..7).map(|c| rows.iter().map(|r| width(&r[c])).max().unwrap_or(0)).collect();
    let mut s = format!("== 汇总：{} 份报告\n", reports.len());
    for row in &rows {
        let cells: Vec<String> = row.iter().zip(&widths).map(|(t, w)| format!("{t}{}", " ".repeat(w - width(t)))).collect();
        s.push_str(cells.join("  ").trim_end());
        s.push('\n');
    }
    if !across.is_empty() {
        s.push_str("跨报告检查：\n");
        for a in across {
            s.push_str(&format!(
                "[{}] {} {}\n",
                a.finding.rule.severity.zh(),
                a.finding.rule.id.unwrap_or(a.finding.rule.code),
                a.finding.message
            ));
        }
    }
    if unread > 0 {
        s.push_str(&format!("另有 {unread} 个文件未能读取（原因见上方错误信息）。\n"));
    }
    if skipped > 0 {
        s.push_str(&format!("压缩文件中有 {skipped} 个文件不是报告，已跳过。\n"));
    }
    s
}

/// How many labels of one finding the text output shows in their source lines.
const MAX_SHOWN: usize = 3;
/// Characters of context either side of a marked span (flat pages are one long line).
const CONTEXT: usize = 24;

/// The source line around `span`, and under it a mark the width of the span, like a
/// compiler's diagnostic:
///     12 | （七）总计\t20\t0
///        |            ^^ 总计（table3.total.natural_person）
fn source_line(text: &str, lines: &LineIndex, span: Span, label: &Label) -> String {
    let (line, _) = lines.line_col(text, span.0);
    let start = lines.starts[line - 1];
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let (s, e) = (span.0.clamp(start, end), span.1.clamp(span.0.clamp(start, end), end));
    let before: Vec<char> = text[start..s].chars().collect();
    let before: String = before[before.len().saturating_sub(CONTEXT)..].iter().collect();
    let after: String = text[e..end].chars().take(CONTEXT).collect();
    let shown = |t: &str| t.replace('\t', " ");
    let width = |t: &str| t.chars().map(|c| if c.is_ascii() || c == '\t' { 1 } else { 2 }).sum::<usize>();
    let marked = shown(&text[s..e]);
    let gutter = format!("{line}");
    let role = match label.role {
        Role::Total => "印出的合计 ",
        Role::Cause => "很可能填错 ",
        _ => "",
    };
    format!(
        "    {gutter} | {}{marked}{}\n    {} | {}{} {}{}\n",
        shown(&before),
        shown(&after),
        " ".repeat(gutter.len()),
        " ".repeat(width(&before)),
        "^".repeat(width(&marked).max(1)),
        role,
        label.target
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_matches_a_scan() {
        let t = "ab\n自然人\n\nx";
        let ix = LineIndex::new(t);
        assert_eq!(ix.line_col(t, 0), (1, 1));
        assert_eq!(ix.line_col(t, t.find('然').unwrap()), (2, 2));
        assert_eq!(ix.line_col(t, t.find('x').unwrap()), (4, 1));
    }

    #[test]
    fn csv_is_excel_safe() {
        assert_eq!(csv_field("a\"b"), "\"a\"\"b\"");
        assert_eq!(csv_field("=SUM(A1)"), "\"'=SUM(A1)\"");
        assert_eq!(csv_field("-3"), "\"-3\"");
    }

    #[test]
    fn the_batch_workbook_holds_the_summary_and_every_finding() {
        let text = include_str!("../tests/fixtures/seeds/003_790b0b6d2a207a20.txt");
        let (a, b) =
            (crate::check_text("a.txt", text), crate::check_text("b.txt", &text.replacen("（七）总计\n\t2", "（七）总计\n\t5", 1)));
        let all = [&a, &b];
        let csv = summary_csv(&all);
        assert_eq!(csv.matches("\r\n").count(), 3, "{csv}");
        let (e, ..) = counts(&b);
        assert!(
            e > 0 && csv.contains(&format!("\"b.txt\",\"北京市西城区人民政府新街口街道办事处\",\"2020\",\"2019年格式\",\"{e}\"")),
            "{csv}"
        );
        // As the page does: the sheets as JSON, written by the .xlsx module's function.
        let json = serde_json::to_vec(&batch_sheets(&all)).unwrap();
        let book = nianbao_xlsx::workbook_json(&json, 1_764_000_000).unwrap();
        let zip = crate::zip::Archive::open(&book).unwrap();
        let mut budget = crate::zip::Budget::default();
        let mut part = |n: &str| String::from_utf8(zip.read(zip.find(n).unwrap(), &mut budget).unwrap()).unwrap();
        let (s1, s2, shared) = (part("xl/worksheets/sheet1.xml"), part("xl/worksheets/sheet2.xml"), part("xl/sharedStrings.xml"));
        let book_xml = part("xl/workbook.xml");
        assert!(book_xml.contains(r#"name="汇总""#) && book_xml.contains(r#"name="问题清单""#), "{book_xml}");
        assert!(part("docProps/core.xml").contains("2025-11-24T16:00:00Z"), "the creation time given");
        let cell = |sheet: &str, at: &str| cell(sheet, &shared, at);
        assert_eq!(s1.matches("<row ").count(), 3);
        assert_eq!(cell(&s1, "A1"), Some("来源".into()));
        assert!(s1.contains(r#"<c r="A1" s="1" t="s">"#), "a bold header: {s1}");
        assert!(s1.contains(r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#), "{s1}");
        assert!(s1.contains(r#"<col min="1" max="1" width="40.7109375" customWidth="1"/>"#), "widths: {s1}");
        assert_eq!(cell(&s1, "A3"), Some("b.txt".into()));
        assert_eq!(cell(&s1, "B3"), Some("北京市西城区人民政府新街口街道办事处".into()));
        assert!(s1.contains(&format!(r#"<c r="E3"><v>{e}</v></c>"#)), "errors as a number: {s1}");
        assert!(s1.contains(r#"<c r="C3"><v>2020</v></c>"#), "the year as a number: {s1}");
        assert_eq!(s2.matches("<row ").count(), 1 + a.findings.len() + b.findings.len());
        assert_eq!(cell(&s2, "I1"), Some("实为".into()));
        let h3 = b.findings.iter().position(|f| f.rule.id == Some("H3")).unwrap();
        let row = 2 + a.findings.len() + h3;
        assert_eq!(cell(&s2, &format!("C{row}")), Some("H3".into()));
        assert!(s2.contains(&format!(r#"<c r="I{row}"><v>5</v></c>"#)), "the printed 5 as a number: {s2}");
    }

    /// A cell's text in a worksheet's XML: its number, or its shared string.
    fn cell(sheet: &str, shared: &str, at: &str) -> Option<String> {
        let c = &sheet[sheet.find(&format!(r#"<c r="{at}""#))?..];
        let c = &c[..c.find("</c>")?];
        let v = &c[c.find("<v>")? + 3..c.find("</v>")?];
        if !c.contains(r#"t="s""#) {
            return Some(v.to_string());
        }
        let si = shared.split("<si>").nth(v.parse::<usize>().ok()? + 1)?;
        let t = &si[si.find('>')? + 1..si.find("</t>")?];
        Some(t.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&"))
    }

    #[test]
    fn findings_csv_has_bom_header_and_a_row_per_finding() {
        let text = include_str!("../tests/fixtures/seeds/003_790b0b6d2a207a20.txt").replacen("（七）总计\n\t2", "（七）总计\n\t5", 1);
        let r = crate::check_text("a.txt", &text);
        let csv = findings_csv(&[&r]);
        assert!(csv.starts_with("\u{feff}\"报告\""));
        assert_eq!(csv.matches("\r\n").count(), r.findings.len() + 1);
        assert!(findings_text(&r).contains("（七）总计·自然人 印为 5"));
    }
}
