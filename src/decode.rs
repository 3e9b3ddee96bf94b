//! Bytes of a file to text: UTF-8, UTF-16 with a BOM, or GB18030/GBK (what Chinese
//! Windows saves). Refuses, with a one-line Chinese reason, what is not a report.

pub const MAX_BYTES: usize = 50 * 1024 * 1024;

pub fn decode(bytes: &[u8]) -> Result<String, String> {
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
    let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    if !utf16 && bytes.iter().take(64 * 1024).any(|&b| b == 0) {
        return Err("这不是文本文件（含有二进制字节）".into());
    }
    let text = if let Some(b) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        String::from_utf8_lossy(b).into_owned()
    } else if utf16 {
        let (enc, body) = if bytes[0] == 0xFF { (encoding_rs::UTF_16LE, &bytes[2..]) } else { (encoding_rs::UTF_16BE, &bytes[2..]) };
        enc.decode_without_bom_handling(body).0.into_owned()
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        s.to_string()
    } else {
        let (s, _, bad) = encoding_rs::GB18030.decode(bytes);
        if bad {
            return Err("无法识别文件编码（不是 UTF-8、UTF-16 或 GB18030 文本）".into());
        }
        s.into_owned()
    };
    let controls = text.chars().filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')).count();
    if controls * 20 > text.chars().count().max(1) || text.contains('\0') {
        return Err("这不是文本文件（含有大量二进制字节）".into());
    }
    if text.trim().is_empty() {
        return Err("文件里没有文字".into());
    }
    Ok(text)
}

#[cfg(test)]
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
    }

    #[test]
    fn refuses_what_is_not_a_report() {
        assert!(decode(b"").unwrap_err().contains("空"));
        assert!(decode(b"PK\x03\x04rest").unwrap_err().contains("Word"));
        assert!(decode(&[0u8, 1, 2, 3, 0xff, 0xfe, 0, 0]).is_err());
    }
}
