//! The report's frame: its six section headings, its year, the body that wrote it and the
//! format its tables are printed in.

use crate::model::SectionHit;
use crate::normalize::{Folded, floor_boundary};
use crate::template::{FORMAT_MARKERS, Format, SECTIONS};

/// Finds the six headings in order. A heading is an ordinal (一、 一. 一，) that is not
/// inside brackets, followed at once by one of the section's known starts. Table 3's own
/// "三、本年度办理结果" and "四、结转下年度" never match because their words differ.
pub fn find_sections(f: &Folded, src: &str) -> (Vec<SectionHit>, Vec<Option<usize>>) {
    let mut hits = Vec::new();
    let mut starts = Vec::new();
    let mut from = 0;
    for def in &SECTIONS {
        let mut ordered = true;
        let mut pos = find_heading(f, def.ordinal, def.starts, from);
        if let Some((_, e)) = pos {
            from = e;
        } else {
            // Not after the previous heading: maybe before it (out of order).
            pos = find_heading(f, def.ordinal, def.starts, 0);
            ordered = false;
        }
        let span = pos.map(|(s, e)| (f.orig(s), f.orig_end(e, src)));
        hits.push(SectionHit { number: def.number, heading: def.heading, found: pos.is_some(), ordered: ordered || pos.is_none(), span });
        starts.push(pos.map(|p| p.0));
    }
    (hits, starts)
}

fn find_heading(f: &Folded, ordinal: char, starts: &[&str], from: usize) -> Option<(usize, usize)> {
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
        if let Some(s) = starts.iter().find(|s| body_trim.starts_with(**s)) {
            return Some((p, at + sep.len_utf8() + skipped + s.len()));
        }
    }
    None
}

fn is_cjk_numeral(c: char) -> bool {
    "一二三四五六七八九十".contains(c)
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
    let name = if before.chars().count() >= 2 { before } else { after };
    let name = name.trim_matches(|c: char| !c.is_alphanumeric());
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

    #[test]
    fn year_and_body() {
        let f = Folded::new("北京市西城区人民政府新街口街道办事处\n\n2020年政府信息公开工作年度报告");
        assert_eq!(find_year(&f), Some(2020));
        assert_eq!(find_body(&f).as_deref(), Some("北京市西城区人民政府新街口街道办事处"));
        let f = Folded::new("2019年上海市人民政府办公厅政府信息公开工作年度报告");
        assert_eq!(find_body(&f).as_deref(), Some("上海市人民政府办公厅"));
        let f = Folded::new("本报告根据（国办公开办函〔2021〕30号）。本报告中所列数据的统计期限自2023年1月1日起");
        assert_eq!(find_year(&f), Some(2023));
        // 年 without a year before it must not cut a character in half.
        let f = Folded::new("一、本年新收政府信息公开申请数量");
        assert_eq!(find_body(&f), None);
    }
}
