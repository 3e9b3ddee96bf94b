//! A small .xlsx writer: sheets of text and numbers, a bold frozen header row, column
//! widths. Enough for the batch summary and its findings (`output::batch_xlsx`), which
//! Excel, WPS and LibreOffice open. An .xlsx is a zip of a few XML parts: written with the
//! zip writer the tests already had (`zip::write::stored`), entries stored, not deflated,
//! so the page links no compressor (a 200-report batch is a few hundred KB).
//!
//! Why not rust_xlsxwriter (well kept, runs in wasm): 0.102 built for wasm32 with only its
//! `wasm` feature (opt-level z, wasm-opt -Oz) was 878 KB, 331 KB gz by itself (it brings
//! the `zip` crate with its compressors): more than the first screen's whole remaining
//! budget, and a second lazily loaded module with glue. This writer costs the page a few KB.

use crate::zip::write::{Entry, stored};

/// One worksheet: its name (at most 31 characters, no `[]:*?/\`), rows of cells, and
/// which columns hold numbers (a cell there that parses as one is written as a number).
pub struct Sheet<'a> {
    pub name: &'a str,
    pub rows: Vec<Vec<String>>,
    pub numeric: &'a [usize],
    /// Column widths in characters (Excel's unit); columns past the list get the default.
    pub widths: &'a [u32],
}

/// The workbook's bytes.
pub fn workbook(sheets: &[Sheet]) -> Vec<u8> {
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
    );
    let mut book = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#,
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    let mut parts: Vec<(String, String)> = Vec::new();
    for (i, sheet) in sheets.iter().enumerate() {
        let n = i + 1;
        types.push_str(&format!(
            r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        ));
        book.push_str(&format!(r#"<sheet name="{}" sheetId="{n}" r:id="rId{n}"/>"#, escape(&sheet_name(sheet.name))));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        ));
        parts.push((format!("xl/worksheets/sheet{n}.xml"), worksheet(sheet)));
    }
    types.push_str("</Types>");
    book.push_str("</sheets></workbook>");
    rels.push_str(&format!(
        r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#,
        sheets.len() + 1
    ));
    let root_rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    // Style 0: the default; style 1: bold (the header row).
    let styles = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="宋体"/></font><font><b/><sz val="11"/><name val="宋体"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs></styleSheet>"#;
    let mut all: Vec<(String, String)> = vec![
        ("[Content_Types].xml".into(), types),
        ("_rels/.rels".into(), root_rels.into()),
        ("xl/workbook.xml".into(), book),
        ("xl/_rels/workbook.xml.rels".into(), rels),
        ("xl/styles.xml".into(), styles.into()),
    ];
    all.extend(parts);
    let entries: Vec<Entry> =
        all.iter().map(|(name, data)| Entry { name: name.as_bytes(), utf8: false, data: data.as_bytes(), deflate: false }).collect();
    stored(&entries)
}

fn worksheet(sheet: &Sheet) -> String {
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#,
    );
    if !sheet.widths.is_empty() {
        s.push_str("<cols>");
        for (i, w) in sheet.widths.iter().enumerate() {
            s.push_str(&format!(r#"<col min="{0}" max="{0}" width="{w}" customWidth="1"/>"#, i + 1));
        }
        s.push_str("</cols>");
    }
    s.push_str("<sheetData>");
    for (r, row) in sheet.rows.iter().enumerate() {
        s.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, v) in row.iter().enumerate() {
            let at = format!("{}{}", column(c), r + 1);
            let style = if r == 0 { r#" s="1""# } else { "" };
            if r > 0 && sheet.numeric.contains(&c) && !v.is_empty() && v.parse::<f64>().is_ok_and(f64::is_finite) {
                s.push_str(&format!(r#"<c r="{at}"{style}><v>{v}</v></c>"#));
            } else if !v.is_empty() {
                s.push_str(&format!(r#"<c r="{at}"{style} t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#, escape(v)));
            }
        }
        s.push_str("</row>");
    }
    s.push_str("</sheetData></worksheet>");
    s
}

/// A, B, …, Z, AA, …
fn column(mut c: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).expect("ASCII")
}

/// Text as XML character data; characters XML 1.0 cannot hold (most control characters)
/// are left out.
fn escape(v: &str) -> String {
    let mut s = String::with_capacity(v.len());
    for ch in v.chars() {
        match ch {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\t' | '\n' | '\r' => s.push(ch),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => s.push(c),
        }
    }
    s
}

fn sheet_name(name: &str) -> String {
    name.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_like_excel() {
        assert_eq!([0, 25, 26, 27, 51, 52, 701, 702].map(column), ["A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }

    #[test]
    fn cells_are_escaped_and_numbers_typed() {
        let sheet = Sheet {
            name: "汇总[1]",
            rows: vec![vec!["报告".into(), "错误".into()], vec!["a<b>&\"c\u{1}".into(), "3".into()], vec!["x".into(), "未能识别".into()]],
            numeric: &[1],
            widths: &[30],
        };
        let xml = worksheet(&sheet);
        assert!(xml.contains(r#"<c r="A2" t="inlineStr"><is><t xml:space="preserve">a&lt;b&gt;&amp;&quot;c</t></is></c>"#), "{xml}");
        assert!(xml.contains(r#"<c r="B2"><v>3</v></c>"#));
        assert!(xml.contains(r#"<c r="B3" t="inlineStr">"#), "text in a numeric column stays text");
        assert!(xml.contains(r#"<c r="A1" s="1" t="inlineStr">"#), "bold header");
        assert_eq!(sheet_name(sheet.name), "汇总1");
        let book = workbook(&[sheet]);
        let a = crate::zip::Archive::open(&book).unwrap();
        for part in [
            "[Content_Types].xml",
            "_rels/.rels",
            "xl/workbook.xml",
            "xl/_rels/workbook.xml.rels",
            "xl/styles.xml",
            "xl/worksheets/sheet1.xml",
        ] {
            assert!(a.find(part).is_some(), "{part}");
        }
    }
}
