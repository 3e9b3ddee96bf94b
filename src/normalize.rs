//! A searchable copy of the text: white space dropped, full-width forms folded to ASCII,
//! traditional characters folded to simplified, with a map back to the original bytes so
//! every match can be shown where it was read.

/// Traditional → simplified, for the characters of the template's labels and headings.
const TRAD: &str = "總总體体況况動动開开處处請请復复複复議议訴诉訟讼問问題题進进報报項项規规範范許许罰罚強强費费採采購购額额數数發发廢废現现決决結结轉转辦办區区計计這这國国穩稳護护權权務务過过執执詢询無无關关沒没補补後后確确訪访舉举類类當当認认獲获維维糾纠審审經经組组織织業业機机構构會会續续繼继單单條条頁页於于與与為为個个門门網网電电話话圖图書书資资來来時时間间說说應应實实際际屬属層层級级處处歸归檔档";

fn simplify(c: char) -> char {
    let mut it = TRAD.chars();
    while let (Some(t), Some(s)) = (it.next(), it.next()) {
        if t == c {
            return s;
        }
    }
    c
}

/// Fold one character for matching; `None` drops it (white space).
pub fn fold(c: char) -> Option<char> {
    match c {
        c if c.is_whitespace() => None,
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        '〔' | '【' => Some('['),
        '〕' | '】' => Some(']'),
        '·' => Some('.'),
        '﹑' => Some('、'),
        '它' => Some('他'),
        c if c > '\u{2E7F}' => Some(simplify(c)),
        c => Some(c),
    }
}

/// The folded text and, for every byte of it, the byte of the original it came from.
pub struct Folded {
    pub text: String,
    orig: Vec<usize>,
    orig_len: usize,
}

impl Folded {
    pub fn new(src: &str) -> Folded {
        let mut text = String::with_capacity(src.len());
        let mut orig = Vec::with_capacity(src.len() + 1);
        for (i, c) in src.char_indices() {
            if let Some(f) = fold(c) {
                text.push(f);
                orig.resize(text.len(), i);
            }
        }
        Folded { text, orig, orig_len: src.len() }
    }

    /// Original byte offset of folded byte `i` (the end maps to the end).
    pub fn orig(&self, i: usize) -> usize {
        self.orig.get(i).copied().unwrap_or(self.orig_len)
    }

    /// Original byte just past the folded range ending at `end` (exclusive).
    pub fn orig_end(&self, end: usize, src: &str) -> usize {
        if end == 0 {
            return 0;
        }
        let start = self.orig(end - 1);
        start + src[start..].chars().next().map_or(0, char::len_utf8)
    }

    /// Folded byte offset of the first folded char at or after original byte `o`.
    pub fn from_orig(&self, o: usize) -> usize {
        self.orig.partition_point(|&x| x < o)
    }

    /// First match of any needle in `[from, to)` of the folded text: (start, end, needle index).
    pub fn find_any(&self, needles: &[&str], from: usize, to: usize) -> Option<(usize, usize, usize)> {
        let hay = &self.text[from.min(to)..to];
        needles
            .iter()
            .enumerate()
            .filter_map(|(k, n)| hay.find(&fold_str(n)).map(|p| (from + p, from + p + fold_str(n).len(), k)))
            .min_by_key(|&(s, _, k)| (s, k))
    }

    /// Last match of any needle in `[from, to)`.
    pub fn rfind_any(&self, needles: &[&str], from: usize, to: usize) -> Option<(usize, usize)> {
        let hay = &self.text[from.min(to)..to];
        needles
            .iter()
            .filter_map(|n| hay.rfind(&fold_str(n)).map(|p| (from + p, from + p + fold_str(n).len())))
            .max_by_key(|&(s, e)| (e, s))
    }
}

pub fn fold_str(s: &str) -> String {
    s.chars().filter_map(fold).collect()
}

/// Round to a char boundary at or below `i` (folded offsets always are, but be safe).
pub fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_space_and_traditional() {
        assert_eq!(fold_str("一、總體 情況（一）１２"), "一、总体情况(一)12");
        assert_eq!(fold_str("自 然 人\t其它"), "自然人其他");
    }

    #[test]
    fn maps_back_to_original_bytes() {
        let src = "ab 自 然人";
        let f = Folded::new(src);
        let (s, e, _) = f.find_any(&["自然人"], 0, f.text.len()).unwrap();
        assert_eq!(&src[f.orig(s)..f.orig_end(e, src)], "自 然人");
    }
}
