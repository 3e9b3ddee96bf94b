//! nianbao: reads a 政府信息公开工作年度报告 as pasted and finds what a reviewer finds.
//!
//! The pipeline (see ARCHITECTURE.md): text → folded copy for search (`normalize`) →
//! sections, year, body, format (`sections`) → tables 2–4 as cells with spans and
//! certainty (`extract`) → findings (`rules`). This crate has no web dependency; the
//! command line (`main.rs`) and the page are thin layers over [`check_text`].

pub mod across;
pub mod decode;
pub mod docx;
pub mod extract;
pub mod html;
pub mod identity;
pub mod load;
pub mod model;
pub mod normalize;
pub mod output;
#[cfg(not(target_arch = "wasm32"))]
pub mod pdf;
pub mod rules;
pub mod sections;
pub mod template;
pub mod xml;
pub mod zip;

use model::{Finding, Report};
use normalize::Folded;

/// Checks a report given as text; HTML markup is read through its table structure.
pub fn check_text(source: &str, text: &str) -> Report {
    if html::looks_like_html(text) {
        check_html(source, text)
    } else {
        check(source, text.replace("\r\n", "\n").replace('\r', "\n"), false)
    }
}

/// Checks an HTML page (a `.html` file, or what a browser puts on the clipboard).
pub fn check_html(source: &str, html: &str) -> Report {
    check(source, html::to_text(html), true)
}

/// Checks text whose table rows are exact (one line per row, one tab per cell, as
/// `html::to_text` writes them), e.g. a page paste already converted.
pub fn check_table_text(source: &str, text: &str) -> Report {
    check(source, text.to_string(), true)
}

fn check(source: &str, text: String, exact: bool) -> Report {
    let f = Folded::new(&text);
    let (sections, starts) = sections::find_sections(&f, &text);
    let format = sections::detect_format(&f);
    let ex = extract::extract(&extract::Page { src: &text, f: &f, exact }, &starts, format);
    let mut report = Report {
        source: source.to_string(),
        format,
        year: sections::find_year(&f),
        body: sections::find_body(&f),
        sections,
        table2: ex.table2,
        table3: ex.table3,
        table4: ex.table4,
        findings: Vec::new(),
        text,
    };
    rules::structure(&mut report, &ex.lost_rows);
    rules::counts(&mut report);
    rules::arithmetic(&mut report);
    if format.is_none() && (report.table2.is_some() || report.table3.is_some()) {
        let message = "表格里没有能区分2019年与2021年格式的标签，按2019年格式读取。".into();
        report.findings.push(Finding::new(&rules::X_FORMAT, message));
    }
    report.findings.extend(ex.findings);
    report.findings.sort_by_key(|f| f.rule.severity);
    report
}
