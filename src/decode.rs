//! Bytes of a file to text: UTF-8, UTF-16 with a BOM, or GB18030/GBK (what Chinese
//! Windows saves). Refuses, with a one-line Chinese reason, what is not a report.

pub const MAX_BYTES: usize = 50 * 1024 * 1024;

/// What the bytes are, decided without decoding them (shared with the page, which
/// decodes with the browser's TextDecoder).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    /// Not valid UTF-8: Chinese Windows' GB18030/GBK.
    Gb18030,
}

impl Encoding {
    /// The WHATWG label, as `TextDecoder` takes it.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Gb18030 => "gb18030",
        }
    }
}

/// Refuses what is not a report's text, with a one-line Chinese reason.
pub fn sniff(bytes: &[u8]) -> Result<Encoding, String> {
    if bytes.is_empty() {
        return Err("文件是空的".into());
    }
    if bytes.len() > MAX_BYTES {
        return Err(format!("文件太大（{} MB），超过 {} MB 的上限", bytes.len() / 1024 / 1024, MAX_BYTES / 1024 / 1024));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Err("这是 Word（.docx）或其他压缩文件，暂不支持：请在 Word 中全选复制后粘贴，或另存为文本".into());
    }
    if bytes.starts_with(b"%PDF") {
        return Err("这是 PDF 文件，暂不支持：请在阅读器中全选复制文字后粘贴".into());
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return Ok(Encoding::Utf16Le);
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Ok(Encoding::Utf16Be);
    }
    if let Some(e) = utf16_without_bom(bytes) {
        return Ok(e);
    }
    if bytes.iter().take(64 * 1024).any(|&b| b == 0) {
        return Err("这不是文本文件（含有二进制字节）".into());
    }
    Ok(if std::str::from_utf8(bytes).is_ok() { Encoding::Utf8 } else { Encoding::Gb18030 })
}

/// UTF-16 saved without a BOM: the zero bytes of its ASCII (digits, tabs, line ends) fall
/// on one side of each byte pair; on the other only the few characters like 一 (U+4E00).
fn utf16_without_bom(bytes: &[u8]) -> Option<Encoding> {
    let head = &bytes[..bytes.len().min(64 * 1024) & !1];
    let pairs = head.len() / 2;
    let zeros = |side: usize| head.chunks_exact(2).filter(|p| p[side] == 0).count();
    let (even, odd) = (zeros(0), zeros(1));
    match (even, odd) {
        _ if pairs < 8 => None,
        (e, o) if o * 10 >= pairs && e * 5 <= o => Some(Encoding::Utf16Le),
        (e, o) if e * 10 >= pairs && o * 5 <= e => Some(Encoding::Utf16Be),
        _ => None,
    }
}

/// Checks decoded text: not binary noise, not empty.
pub fn check_decoded(text: &str) -> Result<(), String> {
    let controls = text.chars().filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')).count();
    if controls * 20 > text.chars().count().max(1) || text.contains('\0') {
        return Err("这不是文本文件（含有大量二进制字节）".into());
    }
    if text.trim().is_empty() {
        return Err("文件里没有文字".into());
    }
    Ok(())
}

#[cfg(not(target_arch = "wasm32"))]
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    let text = match sniff(bytes)? {
        Encoding::Utf8 => String::from_utf8_lossy(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).into_owned(),
        Encoding::Utf16Le => {
            encoding_rs::UTF_16LE.decode_without_bom_handling(bytes.strip_prefix(b"\xFF\xFE").unwrap_or(bytes)).0.into_owned()
        }
        Encoding::Utf16Be => {
            encoding_rs::UTF_16BE.decode_without_bom_handling(bytes.strip_prefix(b"\xFE\xFF").unwrap_or(bytes)).0.into_owned()
        }
        Encoding::Gb18030 => {
            let (s, _, bad) = encoding_rs::GB18030.decode(bytes);
            if bad {
                return Err("无法识别文件编码（不是 UTF-8、UTF-16 或 GB18030 文本）".into());
            }
            s.into_owned()
        }
    };
    check_decoded(&text)?;
    Ok(text)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        assert_eq!(decode("一、总体情况".as_bytes()).unwrap(), "一、总体情况");
        let (gbk, _, _) = encoding_rs::GB18030.encode("一、总体情况");
        assert_eq!(decode(&gbk).unwrap(), "一、总体情况");
        let mut u16le = vec![0xFF, 0xFE];
        for u in "总计".encode_utf16() {
            u16le.extend(u.to_le_bytes());
        }
        assert_eq!(decode(&u16le).unwrap(), "总计");
        // Without the BOM (Notepad's "Unicode" can be saved so): a report has ASCII.
        let text = "一、总体情况\n（七）总计\t12\t0\t3\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&le).unwrap(), text);
        assert_eq!(decode(&be).unwrap(), text);
    }

    #[test]
    fn refuses_what_is_not_a_report() {
        assert!(decode(b"").unwrap_err().contains("空"));
        assert!(decode(b"PK\x03\x04rest").unwrap_err().contains("Word"));
        assert!(decode(&[0u8, 1, 2, 3, 0xff, 0xfe, 0, 0]).is_err());
    }
}
