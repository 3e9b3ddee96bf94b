//! A .zip archive (a .docx is one, and reports arrive by the dozen in one) read from its
//! central directory, entries inflated by `miniz_oxide`. Only what reports need: stored
//! and deflated entries, no ZIP64, no encryption. Written here rather than taken from the
//! `zip` crate because that crate costs the page ~100 KB gz (shared/notes/web-stack.md);
//! this and inflate cost ~11 KB gz in a wasm module of their own.
//!
//! Every entry is bounded before and while it is inflated (`Budget`), so a zip bomb (one
//! entry of a gigabyte of zeros, or thousands of entries sharing one compressed stream)
//! gets a Chinese message in bounded time and memory.

/// What one archive may cost, across all the entries read from it.
pub struct Budget {
    /// Bytes still allowed to be inflated in this archive.
    pub left: u64,
}

/// At most this many entries are listed (a real batch is a few hundred reports).
pub const MAX_ENTRIES: usize = 10_000;
/// At most this much inflated, over all entries read from one archive.
pub const MAX_TOTAL: u64 = 256 * 1024 * 1024;
/// One entry inflated: no larger than a file given directly.
pub const MAX_ENTRY: u64 = crate::decode::MAX_BYTES as u64;
/// An entry that inflates more than this many times its compressed size, past 1 MB, is a
/// bomb: text and Word XML compress 5–30 times, deflate cannot exceed ~1032.
pub const MAX_RATIO: u64 = 200;

impl Default for Budget {
    fn default() -> Budget {
        Budget { left: MAX_TOTAL }
    }
}

pub struct Entry {
    /// The name as stored: UTF-8 when `utf8`, else usually GBK (Windows' zip).
    pub raw_name: Vec<u8>,
    pub utf8: bool,
    pub encrypted: bool,
    method: u16,
    crc: u32,
    compressed: u64,
    size: u64,
    local_offset: u64,
}

impl Entry {
    pub fn is_dir(&self) -> bool {
        self.raw_name.ends_with(b"/")
    }
    /// The entry's name, decoding a name that is not UTF-8 with `legacy` (GBK on the
    /// command line through encoding_rs, the browser's TextDecoder on the page). A name
    /// that is valid UTF-8 is taken as such even without the flag (macOS, 7-Zip): GBK
    /// bytes almost never form valid UTF-8 by accident.
    pub fn name(&self, legacy: &dyn Fn(&[u8]) -> String) -> String {
        match std::str::from_utf8(&self.raw_name) {
            Ok(s) => s.to_string(),
            Err(_) => legacy(&self.raw_name),
        }
        .replace('\\', "/")
    }
}

pub struct Archive<'a> {
    bytes: &'a [u8],
    pub entries: Vec<Entry>,
}

const CORRUPT: &str = "压缩文件已损坏（目录无法读取）";

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    b.get(at..at + 2).map(|s| u16::from_le_bytes([s[0], s[1]]))
}
fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at + 4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// Whether the bytes start like a zip archive (a .docx, .xlsx, .zip).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

impl<'a> Archive<'a> {
    /// Reads the central directory. Fails with a Chinese message on anything it cannot
    /// trust: no end record, ZIP64, a directory outside the file, too many entries.
    pub fn open(bytes: &'a [u8]) -> Result<Archive<'a>, String> {
        // The end record is in the last 22 + 65535 (comment) bytes; search from the end.
        let lowest = bytes.len().saturating_sub(22 + 65_535);
        let eocd = (lowest..=bytes.len().saturating_sub(22))
            .rev()
            .find(|&i| bytes[i..].starts_with(b"PK\x05\x06"))
            .ok_or_else(|| CORRUPT.to_string())?;
        let count = u16_at(bytes, eocd + 10).ok_or(CORRUPT)? as usize;
        let dir_size = u32_at(bytes, eocd + 12).ok_or(CORRUPT)? as usize;
        let dir_at = u32_at(bytes, eocd + 16).ok_or(CORRUPT)? as usize;
        if count == 0xFFFF || dir_at == 0xFFFF_FFFF || dir_size == 0xFFFF_FFFF {
            return Err("压缩文件使用了 ZIP64 格式，暂不支持（报告文件不会这么大）".into());
        }
        if count > MAX_ENTRIES {
            return Err(format!("压缩文件里有 {count} 个文件，超过 {MAX_ENTRIES} 个的上限"));
        }
        let dir = bytes.get(dir_at..dir_at.checked_add(dir_size).ok_or(CORRUPT)?).ok_or(CORRUPT)?;
        let mut entries = Vec::with_capacity(count);
        let mut at = 0;
        while entries.len() < count {
            if u32_at(dir, at) != Some(0x0201_4b50) {
                return Err(CORRUPT.into());
            }
            let h = |o: usize| u16_at(dir, at + o).ok_or(CORRUPT);
            let w = |o: usize| u32_at(dir, at + o).ok_or(CORRUPT);
            let flags = h(8)?;
            let (name_len, extra_len, comment_len) = (h(28)? as usize, h(30)? as usize, h(32)? as usize);
            let raw_name = dir.get(at + 46..at + 46 + name_len).ok_or(CORRUPT)?.to_vec();
            entries.push(Entry {
                raw_name,
                utf8: flags & (1 << 11) != 0,
                encrypted: flags & 1 != 0,
                method: h(10)?,
                crc: w(16)?,
                compressed: w(20)? as u64,
                size: w(24)? as u64,
                local_offset: w(42)? as u64,
            });
            at += 46 + name_len + extra_len + comment_len;
        }
        Ok(Archive { bytes, entries })
    }

    /// The entry whose stored name is exactly `name` (a .docx's `word/document.xml`).
    pub fn find(&self, name: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.raw_name == name.as_bytes())
    }

    /// The entry's bytes, inflated within `budget`; a Chinese message if it is encrypted,
    /// compressed some other way, corrupt, or over a bound.
    pub fn read(&self, e: &Entry, budget: &mut Budget) -> Result<Vec<u8>, String> {
        if e.encrypted {
            return Err("文件已加密（设有密码），无法读取：请先取消密码".into());
        }
        let bomb = || "压缩文件解压后过大（疑似“压缩炸弹”），已停止读取".to_string();
        if e.size > MAX_ENTRY {
            return Err(format!("压缩文件中的一个文件解压后超过 {} MB 的上限", MAX_ENTRY / 1024 / 1024));
        }
        if e.size > budget.left || (e.size > 1024 * 1024 && e.size > e.compressed.saturating_mul(MAX_RATIO)) {
            return Err(bomb());
        }
        let local = usize::try_from(e.local_offset).map_err(|_| CORRUPT)?;
        if u32_at(self.bytes, local) != Some(0x0403_4b50) {
            return Err(CORRUPT.into());
        }
        let name_len = u16_at(self.bytes, local + 26).ok_or(CORRUPT)? as usize;
        let extra_len = u16_at(self.bytes, local + 28).ok_or(CORRUPT)? as usize;
        let start = local + 30 + name_len + extra_len;
        let end = start.checked_add(e.compressed as usize).ok_or(CORRUPT)?;
        let data = self.bytes.get(start..end).ok_or("压缩文件不完整（可能下载未完成）")?;
        let out = match e.method {
            0 => data.to_vec(),
            // The declared size bounds the output: a stream that inflates past it is lying.
            8 => miniz_oxide::inflate::decompress_to_vec_with_limit(data, e.size as usize).map_err(|err| {
                if err.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput {
                    bomb()
                } else {
                    "压缩文件已损坏（数据无法解压）".into()
                }
            })?,
            m => return Err(format!("压缩文件使用了不支持的压缩方式（{m}），请用常见的 zip 格式重新压缩")),
        };
        if out.len() as u64 != e.size || crc32(&out) != e.crc {
            return Err("压缩文件已损坏（校验不符）".into());
        }
        budget.left -= e.size;
        Ok(out)
    }
}

/// CRC-32 (IEEE), as zip stores it, to tell a corrupt entry from a real one.
fn crc32(bytes: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut t = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
                k += 1;
            }
            t[i] = c;
            i += 1;
        }
        t
    };
    !bytes.iter().fold(!0u32, |c, &b| TABLE[((c ^ b as u32) & 0xFF) as usize] ^ (c >> 8))
}

/// A minimal zip writer, for tests here and in `tests/` (archives with GBK names, bombs,
/// Word files built from report text).
pub mod write {
    pub struct Entry<'a> {
        pub name: &'a [u8],
        pub utf8: bool,
        pub data: &'a [u8],
        pub deflate: bool,
    }

    pub fn zip(entries: &[Entry]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut dir = Vec::new();
        for e in entries {
            let deflated = e.deflate.then(|| miniz_oxide::deflate::compress_to_vec(e.data, 6));
            let is_deflated = deflated.is_some();
            let body = deflated.unwrap_or_else(|| e.data.to_vec());
            let head = |sig: u32, out: &mut Vec<u8>| {
                out.extend(sig.to_le_bytes());
                if sig == 0x0201_4b50 {
                    out.extend(20u16.to_le_bytes());
                }
                out.extend(20u16.to_le_bytes());
                out.extend((if e.utf8 { 1u16 << 11 } else { 0 }).to_le_bytes());
                out.extend((if is_deflated { 8u16 } else { 0 }).to_le_bytes());
                out.extend([0u8; 4]);
                out.extend(super::crc32(e.data).to_le_bytes());
                out.extend((body.len() as u32).to_le_bytes());
                out.extend((e.data.len() as u32).to_le_bytes());
                out.extend((e.name.len() as u16).to_le_bytes());
                out.extend(0u16.to_le_bytes());
            };
            let offset = out.len() as u32;
            head(0x0403_4b50, &mut out);
            out.extend(e.name);
            out.extend(&body);
            head(0x0201_4b50, &mut dir);
            dir.extend([0u8; 10]);
            dir.extend(offset.to_le_bytes());
            dir.extend(e.name);
        }
        let at = out.len() as u32;
        out.extend(&dir);
        out.extend(0x0605_4b50u32.to_le_bytes());
        out.extend([0u8; 4]);
        out.extend((entries.len() as u16).to_le_bytes());
        out.extend((entries.len() as u16).to_le_bytes());
        out.extend((dir.len() as u32).to_le_bytes());
        out.extend(at.to_le_bytes());
        out.extend(0u16.to_le_bytes());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::write::{Entry as W, zip};
    use super::*;

    fn utf8_only(b: &[u8]) -> String {
        String::from_utf8_lossy(b).into_owned()
    }

    #[test]
    fn reads_stored_and_deflated_entries() {
        let z = zip(&[
            W { name: b"a.txt", utf8: false, data: b"hello", deflate: false },
            W { name: "目录/报告.txt".as_bytes(), utf8: true, data: "一、总体情况".repeat(100).as_bytes(), deflate: true },
        ]);
        let a = Archive::open(&z).unwrap();
        assert_eq!(a.entries.len(), 2);
        assert_eq!(a.entries[1].name(&utf8_only), "目录/报告.txt");
        let mut b = Budget::default();
        assert_eq!(a.read(&a.entries[0], &mut b).unwrap(), b"hello");
        assert_eq!(a.read(&a.entries[1], &mut b).unwrap(), "一、总体情况".repeat(100).as_bytes());
    }

    #[test]
    fn crc_is_ieee() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn a_name_without_the_flag_goes_to_the_legacy_decoder() {
        // "报告" in GBK: not valid UTF-8.
        let z = zip(&[W { name: b"\xb1\xa8\xb8\xe6.txt", utf8: false, data: b"x", deflate: false }]);
        let a = Archive::open(&z).unwrap();
        assert_eq!(a.entries[0].name(&|_| "legacy".to_string()), "legacy");
    }

    #[test]
    fn bombs_and_corruption_get_messages() {
        // 60 MB of zeros: over the per-entry bound, refused before inflating.
        let zeros = vec![0u8; 60 * 1024 * 1024];
        let z = zip(&[W { name: b"big.txt", utf8: false, data: &zeros, deflate: true }]);
        assert!(z.len() < 200_000);
        let a = Archive::open(&z).unwrap();
        assert!(a.read(&a.entries[0], &mut Budget::default()).unwrap_err().contains("上限"));
        // 8 MB of zeros: under the bound, but a ratio no report has.
        let z = zip(&[W { name: b"z.txt", utf8: false, data: &zeros[..8 << 20], deflate: true }]);
        let a = Archive::open(&z).unwrap();
        assert!(a.read(&a.entries[0], &mut Budget::default()).unwrap_err().contains("压缩炸弹"));
        // A declared size smaller than the stream inflates to: stopped at the declared size.
        let mut z = zip(&[W { name: b"y.txt", utf8: false, data: &[7u8; 5000], deflate: true }]);
        let lie = z.len() - 22 - (46 + 5) + 24;
        z[lie..lie + 4].copy_from_slice(&100u32.to_le_bytes());
        let a = Archive::open(&z).unwrap();
        assert_eq!(a.entries[0].size, 100, "the lie is in place");
        assert!(a.read(&a.entries[0], &mut Budget::default()).unwrap_err().contains("压缩炸弹"));
        // Flipped bytes in the data: the CRC or inflate says so.
        let mut z = zip(&[W { name: b"c.txt", utf8: false, data: "一、总体情况".repeat(50).as_bytes(), deflate: false }]);
        z[40] ^= 0xFF;
        let a = Archive::open(&z).unwrap();
        assert!(a.read(&a.entries[0], &mut Budget::default()).unwrap_err().contains("损坏"));
        // Truncated: the directory is gone.
        assert!(Archive::open(&z[..z.len() / 2]).is_err());
        // The budget across entries: the sum is bounded, not just each one.
        let z = zip(&[W { name: b"a", utf8: false, data: &zeros[..1000], deflate: false }]);
        let a = Archive::open(&z).unwrap();
        let mut b = Budget { left: 1500 };
        assert!(a.read(&a.entries[0], &mut b).is_ok());
        assert!(a.read(&a.entries[0], &mut b).is_err());
    }
}
