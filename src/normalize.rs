//! A searchable copy of the text: white space dropped, full-width forms folded to ASCII,
//! traditional characters folded to simplified, with a map back to the original bytes so
//! every match can be shown where it was read.

/// Traditional → simplified for the characters of the template's labels and headings,
/// sorted by the traditional character for a binary search.
const TRAD: &[(char, char)] = &[
    ('來', '来'),
    ('係', '系'),
    ('個', '个'),
    ('內', '内'),
    ('別', '别'),
    ('動', '动'),
    ('務', '务'),
    ('區', '区'),
    ('員', '员'),
    ('問', '问'),
    ('單', '单'),
    ('國', '国'),
    ('圖', '图'),
    ('執', '执'),
    ('報', '报'),
    ('實', '实'),
    ('審', '审'),
    ('專', '专'),
    ('對', '对'),
    ('導', '导'),
    ('層', '层'),
    ('屬', '属'),
    ('廢', '废'),
    ('強', '强'),
    ('後', '后'),
    ('復', '复'),
    ('應', '应'),
    ('戶', '户'),
    ('採', '采'),
    ('據', '据'),
    ('數', '数'),
    ('於', '于'),
    ('時', '时'),
    ('書', '书'),
    ('會', '会'),
    ('條', '条'),
    ('業', '业'),
    ('構', '构'),
    ('標', '标'),
    ('機', '机'),
    ('檔', '档'),
    ('權', '权'),
    ('歸', '归'),
    ('決', '决'),
    ('沒', '没'),
    ('況', '况'),
    ('減', '减'),
    ('準', '准'),
    ('為', '为'),
    ('無', '无'),
    ('獲', '获'),
    ('現', '现'),
    ('產', '产'),
    ('當', '当'),
    ('發', '发'),
    ('確', '确'),
    ('稱', '称'),
    ('穩', '稳'),
    ('範', '范'),
    ('糾', '纠'),
    ('級', '级'),
    ('組', '组'),
    ('結', '结'),
    ('絡', '络'),
    ('統', '统'),
    ('經', '经'),
    ('維', '维'),
    ('網', '网'),
    ('總', '总'),
    ('織', '织'),
    ('繼', '继'),
    ('續', '续'),
    ('罰', '罚'),
    ('與', '与'),
    ('舉', '举'),
    ('處', '处'),
    ('號', '号'),
    ('補', '补'),
    ('複', '复'),
    ('規', '规'),
    ('計', '计'),
    ('訊', '讯'),
    ('記', '记'),
    ('訟', '讼'),
    ('訪', '访'),
    ('許', '许'),
    ('訴', '诉'),
    ('詢', '询'),
    ('話', '话'),
    ('認', '认'),
    ('說', '说'),
    ('請', '请'),
    ('議', '议'),
    ('護', '护'),
    ('費', '费'),
    ('資', '资'),
    ('購', '购'),
    ('轉', '转'),
    ('辦', '办'),
    ('這', '这'),
    ('進', '进'),
    ('過', '过'),
    ('錄', '录'),
    ('門', '门'),
    ('開', '开'),
    ('間', '间'),
    ('關', '关'),
    ('際', '际'),
    ('電', '电'),
    ('頁', '页'),
    ('項', '项'),
    ('題', '题'),
    ('額', '额'),
    ('類', '类'),
    ('體', '体'),
];

fn simplify(c: char) -> char {
    // Most characters are not in the table: a bit per low-10-bit bucket rejects them
    // without the search (folding the text was a tenth of the check's time).
    let bucket = c as usize % 1024;
    if TRAD_BUCKETS[bucket / 64] & (1 << (bucket % 64)) == 0 {
        return c;
    }
    TRAD.binary_search_by_key(&c, |p| p.0).map_or(c, |i| TRAD[i].1)
}

/// Which low-10-bit buckets hold a traditional character of `TRAD`.
const TRAD_BUCKETS: [u64; 16] = {
    let mut bits = [0u64; 16];
    let mut i = 0;
    while i < TRAD.len() {
        let b = TRAD[i].0 as usize % 1024;
        bits[b / 64] |= 1 << (b % 64);
        i += 1;
    }
    bits
};

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

    /// First match of any needle in `[from, to)` of the folded text: (start, end, needle
    /// index; the lowest index where several start at the same place). It walks the text
    /// once and stops at the first match, so its cost is the distance to that match, not
    /// the whole range for every needle that never occurs.
    pub fn find_any(&self, needles: &[&'static str], from: usize, to: usize) -> Option<(usize, usize, usize)> {
        let from = from.min(to);
        let needles: Vec<_> = needles.iter().map(|n| folded(n)).collect();
        let firsts: Vec<u8> = needles.iter().filter_map(|n| n.as_bytes().first().copied()).collect();
        let hay = &self.text.as_bytes()[from..to];
        hay.iter().enumerate().filter(|(_, b)| firsts.contains(b)).find_map(|(i, _)| {
            let k = needles.iter().position(|n| hay[i..].starts_with(n.as_bytes()))?;
            Some((from + i, from + i + needles[k].len(), k))
        })
    }
}

/// A template word folded once: they are searched for many times per report, and folding
/// them on every search was a tenth of the check's time. Keyed by address, which a
/// `&'static str` keeps for the program's life.
pub fn folded(s: &'static str) -> std::rc::Rc<str> {
    thread_local! {
        static FOLDED: std::cell::RefCell<std::collections::BTreeMap<(usize, usize), std::rc::Rc<str>>> = Default::default();
    }
    FOLDED.with(|memo| memo.borrow_mut().entry((s.as_ptr() as usize, s.len())).or_insert_with(|| fold_str(s).into()).clone())
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
    fn traditional_table_is_sorted() {
        assert!(TRAD.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn maps_back_to_original_bytes() {
        let src = "ab 自 然人";
        let f = Folded::new(src);
        let (s, e, _) = f.find_any(&["自然人"], 0, f.text.len()).unwrap();
        assert_eq!(&src[f.orig(s)..f.orig_end(e, src)], "自 然人");
    }
}
