//! A Word .docx to text with its table rows exact, read from the package itself
//! (`word/document.xml`): paragraphs on their own lines, one line per table row, a tab
//! between cells — the text `html::to_text` writes for the same table as a web page, so a
//! .docx goes through `check_table_text` exactly like HTML.
//!
//! Merged cells are written as HTML writes them: a cell spanning columns (`w:gridSpan`) is
//! one cell, like a `colspan` cell; the cells a vertical merge continues into
//! (`w:vMerge` without `restart`) are left out, like the cells under a `rowspan`. The XML is
//! read as a stream (`xml`): memory grows with the text, not with a tree of the document.

use crate::xml::{Event, Malformed, Reader};
use crate::zip::{Archive, Budget};

/// Whether a zip archive is a Word document (rather than an archive of reports).
pub fn is_docx(a: &Archive) -> bool {
    main_part(a).is_some()
}

/// The main document part: `word/document.xml`, or what another writer named it.
fn main_part<'a>(a: &'a Archive) -> Option<&'a crate::zip::Entry> {
    a.find("word/document.xml").or_else(|| {
        a.entries
            .iter()
            .find(|e| e.raw_name.starts_with(b"word/document") && e.raw_name.ends_with(b".xml") && !e.raw_name[5..].contains(&b'/'))
    })
}

/// The document's text, or a Chinese message for a file that is not a readable .docx.
pub fn to_text(bytes: &[u8]) -> Result<String, String> {
    let a = Archive::open(bytes).map_err(|e| format!("Word 文件无法打开：{e}"))?;
    let part = main_part(&a).ok_or("这不是 Word（.docx）文件：压缩包里没有 Word 正文（word/document.xml）")?;
    let xml = a.read(part, &mut Budget::default()).map_err(|e| format!("Word 文件无法读取：{e}"))?;
    let text = document_text(&xml).map_err(|_| "Word 文件已损坏（正文无法解析）".to_string())?;
    if text.trim().is_empty() {
        return Err("Word 文件里没有文字".into());
    }
    Ok(text)
}

/// Where the walk is: what the text goes into and which elements are open.
#[derive(Default)]
struct Walk {
    out: String,
    /// Open `w:tbl` elements; only the outermost table's rows are rows (a table nested in a
    /// cell is that cell's text, as HTML's nested table is).
    tables: usize,
    /// The outer table's row being read, and its cell.
    row: Vec<String>,
    cell: Option<String>,
    /// The cell continues a vertical merge: left out, like the cell under a rowspan.
    merged: bool,
    in_run: usize,
    in_text: bool,
    /// Inside `mc:Fallback` or `w:moveFrom`: skipped, else that text would be read twice.
    skip: usize,
}

impl Walk {
    fn sink(&mut self) -> &mut String {
        match self.cell.as_mut() {
            Some(c) => c,
            None => &mut self.out,
        }
    }
    /// A break inside a cell is a space: a row is one line.
    fn brk(&mut self, c: char) {
        let in_cell = self.cell.is_some();
        self.sink().push(if in_cell { ' ' } else { c });
    }
    fn start(&mut self, name: &str, attr: impl Fn(&str) -> Option<String>) {
        match name {
            "tbl" => {
                // As html.rs writes a table: its own block, each row opened on a new line.
                self.tables += 1;
                if self.tables == 1 {
                    self.out.push('\n');
                }
            }
            "tr" if self.tables == 1 => {
                self.row.clear();
                self.out.push('\n');
            }
            "tc" if self.tables == 1 => {
                self.cell = Some(String::new());
                self.merged = false;
            }
            "vMerge" if self.tables == 1 => self.merged = attr("val").is_none_or(|v| v != "restart"),
            "r" => self.in_run += 1,
            "t" if self.in_run > 0 => self.in_text = true,
            // `w:tab` is also a tab stop in paragraph properties: only a run's is text.
            "tab" if self.in_run > 0 => self.brk('\t'),
            "br" | "cr" if self.in_run > 0 => self.brk('\n'),
            _ => {}
        }
    }
    fn end(&mut self, name: &str) {
        match name {
            "tbl" => {
                if self.tables == 1 {
                    self.out.push('\n');
                }
                self.tables = self.tables.saturating_sub(1);
            }
            "tc" if self.tables == 1 => {
                if let Some(c) = self.cell.take()
                    && !self.merged
                {
                    self.row.push(c.replace(['\t', '\n'], " ").trim().to_string());
                }
            }
            "tr" if self.tables == 1 => {
                self.out.push_str(&self.row.join("\t"));
                self.out.push('\n');
                self.row.clear();
            }
            "p" => self.brk('\n'),
            "r" => self.in_run = self.in_run.saturating_sub(1),
            "t" => self.in_text = false,
            _ => {}
        }
    }
    fn text(&mut self, t: &str) {
        if self.in_text {
            self.sink().push_str(t);
        }
    }
}

/// `word/document.xml` to text. Element names are matched without their prefix (`w:` in
/// Word's files, others in other writers').
fn document_text(xml: &[u8]) -> Result<String, Malformed> {
    let xml = String::from_utf8_lossy(xml);
    let mut r = Reader::new(&xml);
    let mut w = Walk::default();
    while let Some(ev) = r.event()? {
        match ev {
            Event::Start { name, attrs, empty } => {
                // `mc:Fallback` repeats a text box for old readers; `w:moveFrom` is text a
                // tracked move took away (it is printed again where `w:moveTo` put it).
                if w.skip > 0 || name == "Fallback" || name == "moveFrom" {
                    w.skip += usize::from(!empty);
                } else {
                    w.start(name, |key| crate::xml::attr(attrs, key));
                    if empty {
                        w.end(name);
                    }
                }
            }
            Event::End { .. } if w.skip > 0 => w.skip -= 1,
            Event::End { name } => w.end(name),
            Event::Text(t) if w.skip == 0 => w.text(&t),
            Event::Text(_) => {}
        }
    }
    Ok(crate::html::tidy(&w.out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zip::write::{Entry, zip};

    fn docx(body: &str) -> Vec<u8> {
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}</w:body></w:document>"#
        );
        zip(&[
            Entry { name: b"[Content_Types].xml", utf8: false, data: b"<Types/>", deflate: true },
            Entry { name: b"word/document.xml", utf8: false, data: xml.as_bytes(), deflate: true },
        ])
    }

    fn p(t: &str) -> String {
        format!(
            "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"420\"/></w:tabs></w:pPr><w:r><w:t xml:space=\"preserve\">{t}</w:t></w:r></w:p>"
        )
    }
    fn tc(pr: &str, t: &str) -> String {
        format!("<w:tc><w:tcPr>{pr}</w:tcPr>{}</w:tc>", p(t))
    }

    #[test]
    fn paragraphs_and_rows_like_html() {
        let row1 = format!(
            "<w:tr>{}{}{}</w:tr>",
            tc(r#"<w:vMerge w:val="restart"/>"#, "三、本年度办理结果"),
            tc("", "（一）予以公开"),
            tc(r#"<w:gridSpan w:val="2"/>"#, "5")
        );
        let row2 = format!("<w:tr>{}{}{}</w:tr>", tc("<w:vMerge/>", ""), tc("", "（二）部分公开"), tc(r#"<w:gridSpan w:val="2"/>"#, ""));
        let body = format!("{}<w:tbl>{row1}{row2}</w:tbl>{}", p("一、总体情况 &amp; 说明"), p("二、主动公开"));
        let text = to_text(&docx(&body)).unwrap();
        assert!(text.contains("\n三、本年度办理结果\t（一）予以公开\t5\n\n（二）部分公开\t\n"), "{text:?}");
        // The same table as a web page: the same text, blank lines and all.
        let html = "<p>一、总体情况 &amp; 说明</p><table><tr><td rowspan=2>三、本年度办理结果</td><td>（一）予以公开</td><td colspan=2>5</td></tr><tr><td>（二）部分公开</td><td colspan=2></td></tr></table><p>二、主动公开</p>";
        // (a page opens every block on a new line, so it starts with one.)
        assert_eq!(text, crate::html::to_text(html).trim_start_matches('\n'));
    }

    #[test]
    fn runs_tabs_breaks_and_text_boxes() {
        // A tab in a run is a tab outside tables; a cell's paragraphs and breaks are spaces;
        // a text box's fallback copy is not read twice; deleted or moved-away text is not read.
        let body = concat!(
            r#"<w:p><w:r><w:t>规章</w:t><w:tab/><w:t>5</w:t></w:r><w:del><w:r><w:delText>旧</w:delText></w:r></w:del><w:moveFrom><w:r><w:t>移</w:t></w:r></w:moveFrom></w:p>"#,
            r#"<w:p><w:r><mc:AlternateContent><mc:Choice><w:t>框</w:t></mc:Choice><mc:Fallback><w:p><w:r><w:t>框</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent></w:r></w:p>"#,
            r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>申请人</w:t><w:br/><w:t>情况</w:t></w:r></w:p><w:p><w:r><w:t>合计</w:t></w:r></w:p></w:tc><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>内</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>"#
        );
        assert_eq!(to_text(&docx(body)).unwrap(), "规章\t5\n框\n\n申请人 情况 合计\t内\n\n");
    }

    #[test]
    fn not_a_docx_gets_a_message() {
        assert!(to_text(b"PK\x03\x04garbage").unwrap_err().contains("Word"));
        let no_body = zip(&[Entry { name: b"a.txt", utf8: false, data: b"x", deflate: false }]);
        assert!(to_text(&no_body).unwrap_err().contains("word/document.xml"));
        let broken = docx("<w:p><w:r><w:t>一</w:t></w:r></w:x></w:body>");
        assert!(to_text(&broken).unwrap_err().contains("损坏"));
        assert!(to_text(&docx("<w:p/>")).unwrap_err().contains("没有文字"));
    }
}
