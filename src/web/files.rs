//! Files dropped or chosen: bytes to text with the browser's TextDecoder, after the same
//! checks the command line makes (`decode::sniff`), so a .docx or a binary gets the same
//! Chinese message and never replaces what the user typed.

use crate::decode::{self, Encoding};

/// A report ready to check: its name, its text, and whether its rows are exact table rows.
pub struct Loaded {
    pub name: String,
    pub text: String,
    pub exact: bool,
}

pub fn load(name: &str, bytes: &[u8]) -> Result<Loaded, String> {
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
    Ok(from_text(name, text, None))
}

/// Text that may be HTML (a saved page, or what the clipboard carries as text/html) is
/// read through its table structure; its converted text is what the user then sees.
pub fn from_text(name: &str, text: String, html: Option<bool>) -> Loaded {
    let lower = name.to_ascii_lowercase();
    let is_html = html.unwrap_or_else(|| lower.ends_with(".html") || lower.ends_with(".htm") || crate::html::looks_like_html(&text));
    if is_html {
        Loaded { name: name.to_string(), text: crate::html::to_text(&text), exact: true }
    } else {
        Loaded { name: name.to_string(), text: text.replace("\r\n", "\n"), exact: false }
    }
}
