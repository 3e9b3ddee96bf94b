//! A file's bytes to the reports in it: a text, HTML, .docx or PDF file is one report; a
//! .zip of them is one report per entry, named `archive.zip/inner name`. Shared by the
//! command line and the page; where they differ (decoding text, GBK names, reading PDFs)
//! they pass their own `Decoders`.

use crate::zip::{Archive, Budget};

/// What a front end decodes its own way.
pub struct Decoders<'a> {
    /// A text file's bytes to text (encoding_rs natively, the browser's TextDecoder).
    pub text: &'a dyn Fn(&[u8]) -> Result<String, String>,
    /// A zip entry name that is not UTF-8 (Windows writes GBK) to text.
    pub legacy_name: &'a dyn Fn(&[u8]) -> String,
    /// A PDF to text with exact table rows (`pdf::to_text` natively).
    pub pdf: &'a dyn Fn(&[u8]) -> Result<String, String>,
}

/// A report ready to check: its name, its text, and whether its rows are exact table rows
/// (HTML, .docx, PDF: one line per row, one tab per cell).
#[derive(Debug)]
pub struct Document {
    pub name: String,
    pub text: String,
    pub exact: bool,
}

impl Document {
    pub fn check(&self) -> crate::model::Report {
        if self.exact { crate::check_table_text(&self.name, &self.text) } else { crate::check_text(&self.name, &self.text) }
    }
}

/// One thing found in a file: a report, a report that could not be read (why, in
/// Chinese), or an archive entry that is not a report (skipped, and why).
#[derive(Debug)]
pub enum Item {
    Report(Document),
    Failed { name: String, why: String },
    Skipped { name: String, why: String },
}

const OLD_WORD: &str =
    "这是旧版 Word（.doc）或 WPS（.wps）文件，无法直接读取：请在 Word 或 WPS 中另存为 .docx 后再检查，或全选复制文字后粘贴";
const OTHER_OFFICE: &str = "这是 Excel、PowerPoint 等 Office 文件，不是报告：请检查报告的 Word（.docx）、网页或 PDF 文件";
const ENCRYPTED: &str = "文件已加密（设有打开密码），无法读取：请在 Word 或 WPS 中取消密码后另存为 .docx";

fn ext(name: &str) -> String {
    let base = name.rsplit('/').next().unwrap_or(name);
    base.rsplit_once('.').map_or(String::new(), |(_, e)| e.to_ascii_lowercase())
}

/// Word 97–2003 (.doc), WPS (.wps) and encrypted Office files are OLE compound files.
fn is_compound(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// An encrypted .docx is a compound file holding a stream named `EncryptedPackage`.
fn is_encrypted_office(bytes: &[u8]) -> bool {
    let needle: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(needle.len()).any(|w| w == needle)
}

/// The reports in a file given as `name` (a path as given, or an archive entry's name).
pub fn load(name: &str, bytes: &[u8], d: &Decoders) -> Vec<Item> {
    if crate::zip::is_zip(bytes) {
        return match Archive::open(bytes) {
            Ok(a) if crate::docx::is_docx(&a) => vec![one(name, crate::docx::to_text(bytes).map(|t| (t, true)))],
            Ok(_) if ext(name) == "docx" => vec![failed(name, "这不是有效的 Word（.docx）文件：里面没有 Word 正文")],
            // An Office file that is not Word (.xlsx, .pptx): not a batch of reports.
            Ok(a) if a.find("[Content_Types].xml").is_some() => vec![failed(name, OTHER_OFFICE)],
            Ok(a) => archive(name, &a, d),
            Err(e) if ext(name) == "docx" => vec![failed(name, &format!("Word 文件无法打开：{e}"))],
            Err(e) => vec![failed(name, &e)],
        };
    }
    vec![one(name, single(name, bytes, d))]
}

/// A file that is one report: its text, and whether its rows are exact.
fn single(name: &str, bytes: &[u8], d: &Decoders) -> Result<(String, bool), String> {
    if bytes.starts_with(b"%PDF") {
        return (d.pdf)(bytes).map(|t| (t, true));
    }
    if is_compound(bytes) {
        return Err(if is_encrypted_office(bytes) { ENCRYPTED } else { OLD_WORD }.into());
    }
    if matches!(ext(name).as_str(), "doc" | "wps") {
        return Err(OLD_WORD.into());
    }
    let text = (d.text)(bytes)?;
    if matches!(ext(name).as_str(), "html" | "htm") || crate::html::looks_like_html(&text) {
        Ok((crate::html::to_text(&text), true))
    } else {
        Ok((text.replace("\r\n", "\n").replace('\r', "\n"), false))
    }
}

fn one(name: &str, r: Result<(String, bool), String>) -> Item {
    match r {
        Ok((text, exact)) => Item::Report(Document { name: name.to_string(), text, exact }),
        Err(why) => failed(name, &why),
    }
}

fn failed(name: &str, why: &str) -> Item {
    Item::Failed { name: name.to_string(), why: why.to_string() }
}

/// Entry names that are not reports whatever their extension: macOS resource forks and
/// hidden files.
fn hidden(inner: &str) -> bool {
    inner.starts_with("__MACOSX/") || inner.split('/').any(|part| part.starts_with('.') && part != "." && part != "..")
}

/// Each report in an archive, in the archive's order; all entries share one budget.
fn archive(name: &str, a: &Archive, d: &Decoders) -> Vec<Item> {
    let mut budget = Budget::default();
    let mut out = Vec::new();
    for e in a.entries.iter().filter(|e| !e.is_dir()) {
        let inner = e.name(d.legacy_name);
        let inner = inner.trim_start_matches("./").trim_start_matches('/');
        if hidden(inner) {
            continue;
        }
        let full = format!("{name}/{inner}");
        let item = match ext(inner).as_str() {
            "txt" | "html" | "htm" | "docx" | "pdf" | "doc" | "wps" => match a.read(e, &mut budget) {
                // An archive inside is not opened: bounded depth, and a .docx stays a .docx.
                Ok(bytes) if crate::zip::is_zip(&bytes) && ext(inner) != "docx" => failed(&full, "这不是报告文件（是压缩文件）"),
                Ok(bytes) => load(&full, &bytes, d).pop().unwrap_or_else(|| failed(&full, "无法读取")),
                Err(why) => failed(&full, &why),
            },
            "zip" => Item::Skipped { name: full, why: "压缩包中的压缩包不展开，已跳过".into() },
            _ => Item::Skipped { name: full, why: "不是报告文件（只检查 .txt、.html、.docx、.pdf），已跳过".into() },
        };
        let over = matches!(&item, Item::Failed { why, .. } if why.contains("压缩炸弹"));
        out.push(item);
        // A bomb spends the budget the rest would need: say so once, not for every entry.
        if over {
            break;
        }
    }
    if out.is_empty() {
        out.push(failed(name, "压缩文件里没有可检查的报告（.txt、.html、.docx、.pdf）"));
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::zip::write::{Entry, zip};

    fn utf8(b: &[u8]) -> Result<String, String> {
        String::from_utf8(b.to_vec()).map_err(|_| "不是 UTF-8".to_string())
    }
    const D: Decoders =
        Decoders { text: &utf8, legacy_name: &|b| encoding_rs::GBK.decode(b).0.into_owned(), pdf: &|_| Err("无 PDF".to_string()) };

    #[test]
    fn an_archive_is_one_report_per_entry() {
        let z = zip(&[
            Entry { name: "甲/2023.txt".as_bytes(), utf8: true, data: "一、总体情况".as_bytes(), deflate: true },
            Entry { name: b"__MACOSX/._2023.txt", utf8: false, data: b"junk", deflate: false },
            Entry { name: b".DS_Store", utf8: false, data: b"junk", deflate: false },
            Entry { name: b"./sub/.hidden.txt", utf8: false, data: b"junk", deflate: false },
            Entry { name: b"\xb1\xa8\xb8\xe6.htm", utf8: false, data: b"<p>x</p><table><tr><td>1</td></tr></table>", deflate: false },
            Entry { name: b"logo.png", utf8: false, data: b"\x89PNG", deflate: false },
            Entry { name: b"old.doc", utf8: false, data: &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0], deflate: false },
        ]);
        let items = load("r.zip", &z, &D);
        let names: Vec<String> = items
            .iter()
            .map(|i| match i {
                Item::Report(d) => format!("report {} {}", d.name, d.exact),
                Item::Failed { name, why } => format!("failed {name} {}", &why[..9]),
                Item::Skipped { name, .. } => format!("skipped {name}"),
            })
            .collect();
        assert_eq!(
            names,
            ["report r.zip/甲/2023.txt false", "report r.zip/报告.htm true", "skipped r.zip/logo.png", "failed r.zip/old.doc 这是旧"]
        );
    }

    #[test]
    fn old_word_and_encrypted_files_say_what_to_do() {
        let mut cfb = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        let why = |items: Vec<Item>| match &items[..] {
            [Item::Failed { why, .. }] => why.clone(),
            other => panic!("{other:?}"),
        };
        assert!(why(load("a.doc", &cfb, &D)).contains("另存为 .docx"));
        assert!(why(load("a.wps", b"anything", &D)).contains("另存为 .docx"));
        cfb.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(why(load("a.docx", &cfb, &D)).contains("加密"));
        assert!(why(load("a.docx", b"PK\x03\x04broken", &D)).contains("Word 文件无法打开"));
        let xlsx = zip(&[
            Entry { name: b"[Content_Types].xml", utf8: false, data: b"<Types/>", deflate: false },
            Entry { name: b"xl/workbook.xml", utf8: false, data: b"<workbook/>", deflate: false },
        ]);
        assert!(why(load("a.xlsx", &xlsx, &D)).contains("Excel"));
    }
}
