//! Files dropped or chosen: bytes to reports through the core's `load` (the same checks and
//! Chinese messages as the command line; a .docx is one report, a .zip one per entry), with
//! the browser's TextDecoder for text and for GBK entry names.

use nianbao::decode::{self, Encoding};

/// A report ready to check: its name, its text, and whether its rows are exact table rows.
pub struct Loaded {
    pub name: String,
    pub text: String,
    pub exact: bool,
}

/// One report of a dropped file: ready to check, a PDF still to be read by the PDF
/// module (a .zip's PDF entry: that module loads asynchronously), or why it could not be read.
pub enum Entry {
    Ready(Loaded),
    Pdf { name: String, bytes: Vec<u8> },
    Failed(String),
}

/// Every report in a file (one, or one per entry of a .zip), or why one could not be read.
/// Entries that are not reports (images in a .zip) are left out.
pub fn load_all(name: &str, bytes: &[u8]) -> Vec<Entry> {
    // The core reads PDFs through a synchronous decoder; here it only sets the bytes
    // aside, in order, and says so with a mark no real message can equal.
    const LATER: &str = "\u{0}pdf";
    let pdfs = std::cell::RefCell::new(std::collections::VecDeque::new());
    let d = nianbao::load::Decoders {
        text: &decode_text,
        legacy_name: &gbk_name,
        pdf: &|b: &[u8]| {
            pdfs.borrow_mut().push_back(b.to_vec());
            Err(LATER.to_string())
        },
    };
    let items = nianbao::load::load(name, bytes, &d);
    items
        .into_iter()
        .filter_map(|item| match item {
            nianbao::load::Item::Report(d) => Some(Entry::Ready(Loaded { name: d.name, text: d.text, exact: d.exact })),
            nianbao::load::Item::Failed { name, why } if why == LATER => {
                pdfs.borrow_mut().pop_front().map(|bytes| Entry::Pdf { name, bytes })
            }
            nianbao::load::Item::Failed { name, why } => Some(Entry::Failed(format!("{name}：{why}"))),
            nianbao::load::Item::Skipped { .. } => None,
        })
        .collect()
}

/// Whether a file in a chosen folder is one to read: what a .zip's entries are read for
/// (reports, .zip, and the old Word files that get advice), not hidden or macOS's.
pub fn is_report_name(path: &str) -> bool {
    let base = path.rsplit('/').next().unwrap_or(path);
    let ext = base.rsplit_once('.').map_or(String::new(), |(_, e)| e.to_ascii_lowercase());
    !base.starts_with('.')
        && !path.split('/').any(|p| p == "__MACOSX")
        && matches!(ext.as_str(), "txt" | "html" | "htm" | "docx" | "pdf" | "zip" | "doc" | "wps")
}

/// A text file's bytes to text, after the same checks the command line makes.
fn decode_text(bytes: &[u8]) -> Result<String, String> {
    let enc = decode::sniff(bytes)?;
    let body = match enc {
        Encoding::Utf16Le | Encoding::Utf16Be => &bytes[2..],
        Encoding::Utf8 => bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes),
        Encoding::Gb18030 => bytes,
    };
    let opts = web_sys::TextDecoderOptions::new();
    opts.set_fatal(enc == Encoding::Gb18030);
    let decoder =
        web_sys::TextDecoder::new_with_label_and_options(enc.label(), &opts).map_err(|_| "浏览器不支持该文件的编码".to_string())?;
    let text = decoder.decode_with_u8_array(body).map_err(|_| "无法识别文件编码（不是 UTF-8、UTF-16 或 GB18030 文本）".to_string())?;
    decode::check_decoded(&text)?;
    Ok(text)
}

/// A zip entry name without the UTF-8 flag: Windows writes GBK.
fn gbk_name(raw: &[u8]) -> String {
    web_sys::TextDecoder::new_with_label("gb18030")
        .and_then(|d| d.decode_with_u8_array(raw))
        .unwrap_or_else(|_| String::from_utf8_lossy(raw).into_owned())
}

/// Text that may be HTML (a saved page, or what the clipboard carries as text/html) is
/// read through its table structure; its converted text is what the user then sees.
pub fn from_text(name: &str, text: String, html: Option<bool>) -> Loaded {
    let lower = name.to_ascii_lowercase();
    let is_html = html.unwrap_or_else(|| lower.ends_with(".html") || lower.ends_with(".htm") || nianbao::html::looks_like_html(&text));
    if is_html {
        Loaded { name: name.to_string(), text: nianbao::html::to_text(&text), exact: true }
    } else {
        Loaded { name: name.to_string(), text: text.replace("\r\n", "\n"), exact: false }
    }
}
