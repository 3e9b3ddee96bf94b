//! The report's frame: its six section headings, its year, the body that wrote it and the
//! format its tables are printed in.

use crate::model::SectionHit;
use crate::normalize::{Folded, floor_boundary, fold_str, folded};
use crate::template::{FORMAT_MARKERS, Format, SECTIONS};

/// Finds the six headings in order. A heading is an ordinal (一、 一. 一，) that is not
/// inside brackets, followed at once by one of the section's known starts. Table 3's own
/// "三、本年度办理结果" and "四、结转下年度" never match because their words differ.
/// Only when no known start follows the ordinal anywhere is the heading looked for
/// tolerantly (`tolerant_len`), and the hit says so with `exact: false`.
pub fn find_sections(f: &Folded, src: &str) -> (Vec<SectionHit>, Vec<Option<usize>>) {
    let mut hits = Vec::new();
    let mut starts = Vec::new();
    let mut from = 0;
    for def in &SECTIONS {
        // Starts are matched against the folded text (其它 reads as 其他, 總體 as 总体).
        let known: Vec<_> = def.starts.iter().map(|s| folded(s)).collect();
        let exact_len = |body: &str| known.iter().find(|s| body.starts_with(&***s)).map(|s| s.len());
        let full: Vec<Vec<char>> =
            std::iter::once(def.heading).chain(def.variants.iter().copied()).map(|h| fold_str(h).chars().collect()).collect();
        let tolerant = |body: &str| full.iter().filter_map(|h| tolerant_len(h, body)).max();
        // After the previous heading, else before it (out of order); exactly, else tolerantly.
        let found = find_heading(f, def.ordinal, from, exact_len)
            .or_else(|| find_heading(f, def.ordinal, 0, exact_len))
            .map(|p| (p, true))
            .or_else(|| {
                find_heading(f, def.ordinal, from, tolerant).or_else(|| find_heading(f, def.ordinal, 0, tolerant)).map(|p| (p, false))
            });
        let ordered = found.is_none_or(|((s, _), _)| s >= from);
        if let Some(((_, e), _)) = found
            && ordered
        {
            from = e;
        }
        let span = found.map(|((s, e), _)| (f.orig(s), f.orig_end(e, src)));
        let exact = found.is_none_or(|(_, exact)| exact);
        hits.push(SectionHit { number: def.number, heading: def.heading, found: found.is_some(), ordered, span, exact });
        starts.push(found.map(|((s, _), _)| s));
    }
    (hits, starts)
}

/// The first heading of `ordinal` at or after `from` whose words `words` accepts: given the
/// folded text after the ordinal and its separator, `words` says how many bytes of it belong
/// to the heading. Linear: one pass over the ordinal's occurrences, and `words` looks at a
/// bounded prefix only.
fn find_heading(f: &Folded, ordinal: char, from: usize, words: impl Fn(&str) -> Option<usize>) -> Option<(usize, usize)> {
    let t = &f.text;
    let mut at = from;
    while let Some(p) = t[at..].find(ordinal).map(|p| p + at) {
        at = p + ordinal.len_utf8();
        let before = t[..p].chars().next_back();
        if matches!(before, Some('(' | '（' | '第' | '[')) || before.is_some_and(is_cjk_numeral) {
            continue;
        }
        let rest = &t[at..];
        let Some(sep) = rest.chars().next() else { break };
        if !matches!(sep, '、' | '.' | ',' | ':') {
            continue;
        }
        let body = &rest[sep.len_utf8()..];
        // Markdown emphasis may sit between the ordinal and the words.
        let body_trim = body.trim_start_matches(['*', '#']);
        let skipped = body.len() - body_trim.len();
        if let Some(n) = words(body_trim) {
            return Some((p, at + sep.len_utf8() + skipped + n));
        }
    }
    None
}

/// Bytes of `body` that are the heading `full` printed with a typo or a missing word, if
/// they are: the body starts with the heading's first character and (allowing one character
/// dropped or added) its second; at least 80% of the heading's characters appear in order
/// (longest common subsequence); and at most a fifth as many (at least 2) characters stand
/// in between that are not the heading's. Looks at no more than `full.len()` + that many
/// characters of `body`, so each call costs O(len²) for a heading of a few dozen characters.
fn tolerant_len(full: &[char], body: &str) -> Option<usize> {
    let n = full.len();
    let mut head = body.chars();
    let (c0, c1, c2) = (head.next(), head.next(), head.next());
    let second = n < 3 || c1 == Some(full[1]) || c2 == Some(full[1]) || c1 == Some(full[2]);
    if n < 2 || c0 != Some(full[0]) || !second {
        return None;
    }
    let extra = (n / 5).max(2);
    // row[k]: LCS of the body's characters read so far with full[..k].
    let mut row = vec![0usize; n + 1];
    let (mut best, mut best_end) = (0, 0);
    for (j, (i, c)) in body.char_indices().enumerate() {
        let mut diag = 0; // row[k - 1] of the previous character
        for k in 1..=n {
            let up = row[k];
            row[k] = if full[k - 1] == c { diag + 1 } else { up.max(row[k - 1]) };
            diag = up;
        }
        // Characters read that are not the heading's: never decreases, so stop past `extra`.
        if j + 1 - row[n] > extra {
            break;
        }
        if row[n] > best {
            (best, best_end) = (row[n], i + c.len_utf8());
        }
        if best == n {
            break;
        }
    }
    (best * 5 >= n * 4).then_some(best_end)
}

fn is_cjk_numeral(c: char) -> bool {
    "一二三四五六七八九十".contains(c)
}

/// Whether the text is Chinese at all: a PDF whose fonts map no glyph to Unicode (an
/// embedded subset without `ToUnicode`) gives glyph numbers for text ("!\"#*+,-./" or
/// "幋Ⲛ⠆崣"), read from the file or copied out of a viewer. Any report writes 的, 政府,
/// 信息, 公开 and 年 again and again: at least one character in a hundred.
pub fn reads_as_chinese(text: &str) -> bool {
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
    let common = text.chars().filter(|c| "的政府信息公开年工作报告申请".contains(*c)).count();
    chars < 100 || common * 100 >= chars
}

/// The year the report covers: the 统计期限 if printed, else the year in the title.
pub fn find_year(f: &Folded) -> Option<i32> {
    let t = &f.text;
    if let Some(p) = t.find("统计期限").or_else(|| t.find("统计期间"))
        && let Some(y) = first_year(&t[p..floor_boundary(t, p + 60)])
    {
        return Some(y);
    }
    // The title: the first "YYYY年" before the word 报告 near the start.
    let head_end = t.char_indices().nth(400).map_or(t.len(), |(i, _)| i);
    let head = &t[..head_end];
    if let Some(r) = head.find("报告")
        && let Some(y) = first_year(&head[..floor_boundary(head, r + 120)])
    {
        return Some(y);
    }
    first_year(t)
}

fn first_year(s: &str) -> Option<i32> {
    let mut from = 0;
    while let Some(p) = year_at(&s[from..]).map(|p| p + from) {
        let y: i32 = s[p..p + 4].parse().ok()?;
        if (2008..=2100).contains(&y) {
            return Some(y);
        }
        from = p + 4;
    }
    None
}

/// The reporting body, from the title: what stands before the year, or between the year
/// and 政府信息公开.
pub fn find_body(f: &Folded) -> Option<String> {
    let t = &f.text;
    let end = t.find("政府信息公开")?;
    let title = &t[..end];
    let title = title.rsplit(['。', '：', ':', '》', ']']).next().unwrap_or(title);
    let year = year_at(title);
    let (before, after) = match year {
        Some(p) => (&title[..p], title[p + 4..].trim_start_matches('年').trim_start_matches('度')),
        None => return None, // a report's title names its year
    };
    // A body is named in Chinese: what stands before the year without two Han characters
    // is no name (a browser's print header, "7:53 PM"), and the name follows the year.
    let han = |x: &str| x.chars().filter(|&c| crate::extract::tokens::is_han(c)).count();
    let name = if han(before) >= 2 { before } else { after };
    // From its first Han character: a page number may stand before the title ("- 1 -").
    let name = name.trim_start_matches(|c: char| !crate::extract::tokens::is_han(c)).trim_end_matches(|c: char| !c.is_alphanumeric());
    let n = name.chars().count();
    (2..=40).contains(&n).then(|| name.to_string())
}

/// Byte offset of the first "YYYY年" in `s`.
fn year_at(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(3))
        .find(|&i| b[i..i + 4].iter().all(u8::is_ascii_digit) && (i == 0 || !b[i - 1].is_ascii_digit()) && s[i + 4..].starts_with('年'))
}

/// The format from the labels printed (never from the year); `None` if no label says.
pub fn detect_format(f: &Folded) -> Option<Format> {
    let count = |fmt| FORMAT_MARKERS.iter().filter(|(g, m)| *g == fmt && f.text.contains(m)).count();
    let (a, b) = (count(Format::F2019), count(Format::F2021));
    match a.cmp(&b) {
        std::cmp::Ordering::Greater => Some(Format::F2019),
        std::cmp::Ordering::Less => Some(Format::F2021),
        std::cmp::Ordering::Equal => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sections(s: &str) -> Vec<u8> {
        let f = Folded::new(s);
        find_sections(&f, s).0.iter().filter(|h| h.found).map(|h| h.number).collect()
    }

    #[test]
    fn headings_plain_markdown_inline_traditional() {
        assert_eq!(
            sections(
                "一、总体情况\n二、主动公开政府信息情况\n## 三、收到和处理政府信息公开申请情况\n**四、因政府信息公开申请行政复议、提起行政诉讼的情况**\n五、存在的主要问题及改进情况\n六、其他需要报告的事项"
            ),
            vec![1, 2, 3, 4, 5, 6]
        );
        assert_eq!(sections("一、總體情況 二、主動公開政府信息情況"), vec![1, 2]);
        assert_eq!(sections("文字 一、总体情况 文字 （二）主动公开 三、本年度办理结果 四、结转下年度继续办理"), vec![1]);
    }

    #[test]
    fn out_of_order_heading_is_found_and_marked() {
        let s = "一、总体情况 二、主动公开政府信息情况 六、其他需要报告的事项 三、收到和处理政府信息公开申请情况 四、政府信息公开行政复议、行政诉讼情况 五、存在的主要问题及改进情况";
        let f = Folded::new(s);
        let hits = find_sections(&f, s).0;
        assert!(hits.iter().all(|h| h.found));
        assert_eq!(hits.iter().filter(|h| !h.ordered).map(|h| h.number).collect::<Vec<_>>(), vec![6]);
    }

    fn hit(s: &str, number: u8) -> SectionHit {
        let f = Folded::new(s);
        find_sections(&f, s).0.swap_remove(number as usize - 1)
    }

    fn printed(s: &str, h: &SectionHit) -> String {
        let (a, b) = h.span.unwrap();
        s[a..b].to_string()
    }

    #[test]
    fn heading_with_a_typo_is_found_tolerantly() {
        let s = "三、收到和处理政府信息公开申请情况 表格 四、政府信息公开行政法复议、行政诉讼情况 表格 五、存在的主要问题及改进情况";
        let h = hit(s, 4);
        assert!(h.found && h.ordered && !h.exact);
        assert_eq!(printed(s, &h), "四、政府信息公开行政法复议、行政诉讼情况");
        // The next heading is still found exactly, after it.
        let h5 = hit(s, 5);
        assert!(h5.found && h5.ordered && h5.exact);
        // An exact heading is marked so.
        assert!(hit("四、政府信息公开行政复议、行政诉讼情况", 4).exact);
    }

    #[test]
    fn heading_missing_words_is_found_tolerantly() {
        for s in ["五、存在主要问题及改进情况", "五、存在主要问题改进情况", "**五、存在主要问题及改进情况**"]
        {
            let h = hit(s, 5);
            assert!(h.found && !h.exact, "{s}");
            assert!(printed(s, &h).ends_with("改进情况"), "{s}");
        }
        // Variants from the template, with a word dropped or a character wrong.
        let s = "四、因政府息公开工作被申请行政复议、提起行政诉讼情况";
        assert!(hit(s, 4).found && !hit(s, 4).exact);
        let s = "五、政府信息公开工作存在主要问题和改进情况";
        assert!(hit(s, 5).found && !hit(s, 5).exact);
        let s = "三、收到和处里政府信息公开申请情况";
        assert_eq!(printed(s, &hit(s, 3)), s);
        let s = "六、其他需要说明的事项";
        assert!(!hit(s, 6).found, "{s}: 6 of 9 characters is too few");
    }

    #[test]
    fn template_variants_are_found() {
        for (s, n) in [
            ("一、总体情况", 1),
            ("一、工作基本情况", 1),
            ("二、主动公开政府信息情况", 2),
            ("三、收到和处理政府信息公开申请情况", 3),
            ("四、政府信息公开行政复议、行政诉讼情况", 4),
            ("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", 4),
            ("四、因政府信息公开申请行政复议、提起行政诉讼的情况", 4),
            ("五、存在的主要问题及改进情况", 5),
            ("五、政府信息公开工作存在的主要问题及改进情况", 5),
            ("六、其他需要报告的事项", 6),
        ] {
            let h = hit(s, n);
            assert!(h.found && h.exact, "{s}");
            assert!(printed(s, &h).starts_with(&s[..6]), "{s}");
        }
    }

    #[test]
    fn traditional_headings_exact_and_tolerant() {
        assert!(hit("四、政府信息公開行政復議、行政訴訟情況", 4).exact);
        let s = "四、政府信息公開行政法復議、行政訴訟情況";
        let h = hit(s, 4);
        assert!(h.found && !h.exact);
        assert_eq!(printed(s, &h), s);
        let s = "五、存在主要問題及改進情況";
        assert!(hit(s, 5).found && !hit(s, 5).exact);
    }

    #[test]
    fn table_rows_and_prose_are_not_headings() {
        for s in [
            "三、本年度办理结果 四、结转下年度继续办理",
            "四是加强政府信息公开行政复议工作。一是总体情况良好",
            "四、政府信息公开平台建设有待加强 五、存在不足",
            "四、政府信息公开工作 四、行政诉讼情况",
            "（四）政府信息公开行政法复议、行政诉讼情况 第四、政府信息公开行政法复议",
        ] {
            assert_eq!(sections(s), Vec::<u8>::new(), "{s}");
        }
    }

    #[test]
    fn exact_heading_wins_over_an_earlier_tolerant_one() {
        let s = "四、政府信息公开行政法复议、行政诉讼情况 四、政府信息公开行政复议、行政诉讼情况";
        let h = hit(s, 4);
        assert!(h.exact);
        assert_eq!(h.span.unwrap().0, s.rfind("四、政府").unwrap());
    }

    #[test]
    fn many_ordinals_stay_linear() {
        // 200 KB of "四、" and near-misses that pass the first-character test and run the
        // subsequence comparison; a quadratic search would take minutes here.
        let mut s = String::new();
        while s.len() < 200_000 {
            s.push_str("四、四、政府信息公开行政 四、政 四、因政府 五、存 文字");
        }
        let t = std::time::Instant::now();
        let f = Folded::new(&s);
        let hits = find_sections(&f, &s).0;
        eprintln!("{} bytes of ordinals: {:?}", s.len(), t.elapsed());
        assert!(hits.iter().all(|h| !h.found));
    }

    #[test]
    fn year_and_body() {
        let f = Folded::new("北京市西城区人民政府新街口街道办事处\n\n2020年政府信息公开工作年度报告");
        assert_eq!(find_year(&f), Some(2020));
        assert_eq!(find_body(&f).as_deref(), Some("北京市西城区人民政府新街口街道办事处"));
        let f = Folded::new("2019年上海市人民政府办公厅政府信息公开工作年度报告");
        assert_eq!(find_body(&f).as_deref(), Some("上海市人民政府办公厅"));
        // A browser's print header above the title (Chromium's date and time) names no body.
        let f = Folded::new("12/7/26, 7:53 PM\n\n2019年上海市人民政府办公厅政府信息公开工作年度报告");
        assert_eq!(find_body(&f).as_deref(), Some("上海市人民政府办公厅"));
        let f = Folded::new("- 1 -\n某市住房和城乡建设局2022年政府信息公开工\n作年度报告");
        assert_eq!(find_body(&f).as_deref(), Some("某市住房和城乡建设局"));
        let f = Folded::new("本报告根据（国办公开办函〔2021〕30号）。本报告中所列数据的统计期限自2023年1月1日起");
        assert_eq!(find_year(&f), Some(2023));
        // 年 without a year before it must not cut a character in half.
        let f = Folded::new("一、本年新收政府信息公开申请数量");
        assert_eq!(find_body(&f), None);
    }
}
