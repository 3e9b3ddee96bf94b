//! A generator of synthetic reports: random tables that satisfy every identity, printed
//! in each layout users paste, optionally with one planted defect. Used by the layout
//! tests and by the benchmark. Deterministic (seeded xorshift), no dependencies.
#![allow(dead_code, clippy::needless_range_loop)]

use nianbao::model::{Kind, Report, Target};
use nianbao::template::{self, Format};

pub struct Rng(u64);
impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    pub fn chance(&mut self, pct: u64) -> bool {
        self.below(100) < pct
    }
    /// Mostly 0, sometimes small, rarely large: what real tables look like.
    pub fn count(&mut self) -> i64 {
        match self.below(10) {
            0..=5 => 0,
            6..=8 => self.below(12) as i64,
            _ => self.below(400) as i64,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Layout {
    Tab,
    PerLine,
    Pipe,
    Pdf,
    Flat,
    Html,
    /// Markdown pipes without edge pipes, and one `x |` cell per line (render-only).
    Pipe1,
    Pipe2,
    /// One cell per line with no leading tab (render-only).
    BareLines,
    /// pdftotext's reading order (render-only): a page's row labels stacked, then its
    /// numbers one a line, a blank cell printed nowhere, page numbers among the numbers.
    PdfRaw,
}
pub const LAYOUTS: [Layout; 6] = [Layout::Tab, Layout::PerLine, Layout::Pipe, Layout::Pdf, Layout::Flat, Layout::Html];

#[derive(Clone, Debug)]
pub enum Defect {
    /// table3 or table4 cell name and the printed (wrong) value.
    Arithmetic {
        cell: String,
    },
    MissingSection(u8),
    FormatYear,
}

/// What real pasted text does to a report; none of it is an error in the report.
#[derive(Clone, Default, Debug)]
pub struct Noise {
    /// Zero cells printed blank (or "/", "—").
    pub blanks: bool,
    /// PDF: some rows lose one cell.
    pub lost_cells: bool,
    /// PDF: page numbers between rows.
    pub page_numbers: bool,
    /// The sub-row labels of （三）不予公开 are lost (only the order tells).
    pub lost_labels: bool,
    /// Headings in traditional characters, markdown, bold.
    pub fancy_headings: bool,
    /// Breadcrumbs and a font-size widget above the title.
    pub junk: bool,
    /// Some digits full-width.
    pub fullwidth: bool,
    /// Tab rows with leading empty cells and a trailing tab (Word).
    pub word_tabs: bool,
    /// Markdown: 0 `| a | b |`, 1 `a | b` without edge pipes, 2 `a |` one cell per line.
    pub pipe_style: u8,
    /// One cell per line without the leading tab (then no blank cells either).
    pub bare_lines: bool,
    /// Excel paste: a merged label cell leaves empty cells for the columns it spans.
    pub excel: bool,
}

#[derive(Clone)]
pub struct Synth {
    pub format: Format,
    pub year: i32,
    pub body: String,
    /// Table 3 data rows in template order, 7 cells each (the truth).
    pub t3: Vec<(String, [i64; 7])>,
    pub t4: [i64; 15],
    /// What is printed (the truth, or with a planted wrong number).
    pub p3: Vec<(String, [i64; 7])>,
    pub p4: [i64; 15],
    pub defect: Option<Defect>,
    /// Table 3 cells printed blank (their truth is then "blank", not 0).
    pub blank: Vec<[bool; 7]>,
    /// Table 3 rows that lost a cell in the text (PDF), by column.
    pub lost: Vec<Option<usize>>,
    pub noise: Noise,
}

impl Synth {
    /// The cell as a correct reading must give it: `None` where printed blank.
    pub fn want3(&self, r: usize, c: usize) -> Option<i64> {
        (!self.blank[r][c]).then_some(self.p3[r].1[c])
    }
}

/// Adds noise fitting the layout; keeps the truth.
pub fn add_noise(s: &mut Synth, rng: &mut Rng, layout: Layout) {
    let n = Noise {
        blanks: layout != Layout::Flat && layout != Layout::Pdf && rng.chance(30),
        lost_cells: layout == Layout::Pdf && rng.chance(40),
        page_numbers: layout == Layout::Pdf && rng.chance(50),
        lost_labels: matches!(layout, Layout::Tab | Layout::PerLine) && rng.chance(25),
        fancy_headings: rng.chance(30),
        junk: rng.chance(30),
        fullwidth: layout == Layout::Tab && rng.chance(20),
        word_tabs: layout == Layout::Tab && rng.chance(40),
        pipe_style: if layout == Layout::Pipe { rng.below(3) as u8 } else { 0 },
        bare_lines: layout == Layout::PerLine && rng.chance(30),
        excel: layout == Layout::Tab && rng.chance(30),
    };
    if n.blanks && !n.bare_lines {
        for (r, (_, v)) in s.p3.iter().enumerate() {
            for c in 0..6 {
                s.blank[r][c] = v[c] == 0 && rng.chance(50);
            }
        }
    }
    if n.lost_cells {
        for r in 0..s.p3.len() {
            if rng.chance(15) {
                s.lost[r] = Some(rng.below(7) as usize);
            }
        }
    }
    s.noise = n;
}

pub fn synth(rng: &mut Rng) -> Synth {
    let year = 2019 + rng.below(7) as i32;
    let format = Format::for_year(year);
    let keys: Vec<&str> = template::t3_data_rows(format).map(|r| r.key).collect();
    let mut rows: Vec<(String, [i64; 7])> = keys.iter().map(|k| (k.to_string(), [0; 7])).collect();
    let is_result = |k: &str| !matches!(k, "new_received" | "carried_over" | "total" | "carried_forward");
    let busy = rng.chance(70);
    for (k, cells) in rows.iter_mut() {
        if is_result(k) && busy {
            for c in 0..6 {
                cells[c] = if c == 0 || rng.chance(30) { rng.count() } else { 0 };
            }
        }
    }
    let at = |k: &str| keys.iter().position(|x| *x == k).unwrap();
    let (total, fwd, over, new) = (at("total"), at("carried_forward"), at("carried_over"), at("new_received"));
    for c in 0..6 {
        let sum: i64 = rows.iter().filter(|(k, _)| is_result(k)).map(|(_, v)| v[c]).sum();
        rows[total].1[c] = sum;
        rows[fwd].1[c] = if busy && rng.chance(30) { rng.below(6) as i64 } else { 0 };
        let avail = sum + rows[fwd].1[c];
        rows[over].1[c] = if avail > 0 && rng.chance(30) { rng.below(avail as u64 + 1) as i64 } else { 0 };
        rows[new].1[c] = avail - rows[over].1[c];
    }
    for (_, cells) in rows.iter_mut() {
        cells[6] = cells[..6].iter().sum();
    }
    let mut t4 = [0i64; 15];
    for b in 0..3 {
        if rng.chance(40) {
            for c in 0..4 {
                t4[b * 5 + c] = if rng.chance(50) { rng.below(5) as i64 } else { 0 };
            }
        }
        t4[b * 5 + 4] = t4[b * 5..b * 5 + 4].iter().sum();
    }
    let bodies = ["西城区新街口街道办事处", "平潭综合实验区", "某市生态环境局", "金谷园街道办事处", "某县人民政府办公室"];
    let n = rows.len();
    Synth {
        format,
        year,
        body: bodies[rng.below(5) as usize].into(),
        p3: rows.clone(),
        p4: t4,
        t3: rows,
        t4,
        defect: None,
        blank: vec![[false; 7]; n],
        lost: vec![None; n],
        noise: Noise::default(),
    }
}

/// Plants one wrong number in table 3 (or 4), a missing section, or a wrong format.
pub fn plant(s: &mut Synth, rng: &mut Rng, kind: u64) {
    match kind % 3 {
        0 => {
            if rng.chance(80) {
                let r = rng.below(s.p3.len() as u64) as usize;
                let c = rng.below(7) as usize;
                s.blank[r][c] = false;
                let v = s.p3[r].1[c];
                let delta = 1 + rng.below(5) as i64;
                s.p3[r].1[c] = if v >= delta && rng.chance(50) { v - delta } else { v + delta };
                s.defect = Some(Defect::Arithmetic { cell: format!("table3.{}.{}", s.p3[r].0, template::T3_COLS[c].key) });
            } else {
                let i = rng.below(15) as usize;
                s.p4[i] += 1 + rng.below(3) as i64;
                s.defect = Some(Defect::Arithmetic { cell: format!("table4.{}", template::t4_keys()[i]) });
            }
        }
        1 => s.defect = Some(Defect::MissingSection(1 + rng.below(6) as u8)),
        _ => {
            s.format = if s.format == Format::F2021 { Format::F2019 } else { Format::F2021 };
            // Re-shape table 3 for the other format's 其他处理 rows, keeping identities.
            let keys: Vec<&str> = template::t3_data_rows(s.format).map(|r| r.key).collect();
            let other: [i64; 7] = s.t3.iter().filter(|(k, _)| k.starts_with("other")).fold([0; 7], |mut a, (_, v)| {
                (0..7).for_each(|c| a[c] += v[c]);
                a
            });
            let mut rows = Vec::new();
            for k in keys {
                let v = s.t3.iter().find(|(kk, _)| kk == k).map(|x| x.1);
                let v = match (v, k) {
                    (Some(v), _) => v,
                    (None, "other" | "other.other") => other,
                    _ => [0; 7],
                };
                rows.push((k.to_string(), v));
            }
            s.blank = vec![[false; 7]; rows.len()];
            s.lost = vec![None; rows.len()];
            s.t3 = rows.clone();
            s.p3 = rows;
            s.defect = Some(Defect::FormatYear);
        }
    }
}

fn label(key: &str, f: Format) -> &'static str {
    template::t3_rows(f).find(|r| r.key == key && !r.group).unwrap().label
}

fn spaced(s: &str) -> String {
    s.chars().map(|c| c.to_string()).collect::<Vec<_>>().join(" ")
}

fn section_heading(n: u8) -> &'static str {
    [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ][n as usize - 1]
}

fn fancy_heading(n: u8) -> String {
    match n {
        1 => "## 一、總體情況".into(),
        2 => "**二、主动公开政府信息情况**".into(),
        3 => "### 三、收到和处理政府信息公开申请情况".into(),
        4 => "四、因政府信息公开申请行政复议、提起行政诉讼的情况".into(),
        5 => "五、政府信息公开工作存在的主要问题及改进情况".into(),
        _ => "六．其他需要报告的事项".into(),
    }
}

/// Table 3's printed lines: (group label if the row opens a group, row label, cells).
fn t3_lines(s: &Synth, layout: Layout) -> Vec<(Option<&'static str>, String, Vec<String>)> {
    let mut out = Vec::new();
    let mut pending: Option<&'static str> = None;
    for def in template::t3_rows(s.format) {
        if def.group {
            pending = Some(def.label);
            continue;
        }
        let r = s.p3.iter().position(|(k, _)| k == def.key).unwrap();
        let mut cells: Vec<String> = (0..7).map(|c| cell_str(s, r, c, layout)).collect();
        if let Some(c) = s.lost[r] {
            cells.remove(c);
        }
        let mut label = label(def.key, s.format).to_string();
        if s.noise.lost_labels && def.key.starts_with("denied.") {
            label = String::new();
        }
        if layout == Layout::Pdf && def.key == "denied.three_safeties" {
            label = "3.危及“三安全".into(); // the rest, “一稳定”, follows on the next line
        }
        out.push((pending.take(), label, cells));
    }
    out
}

fn cell_str(s: &Synth, r: usize, c: usize, layout: Layout) -> String {
    if s.blank[r][c] {
        return match (layout, r % 3) {
            (Layout::PdfRaw, _) => String::new(),
            (Layout::Pipe, _) | (_, 0) => "/".into(),
            (_, 1) => String::new(),
            _ => "—".into(),
        };
    }
    let v = s.p3[r].1[c].to_string();
    if s.noise.fullwidth && (r + c).is_multiple_of(4) {
        v.chars().map(|d| char::from_u32(d as u32 - '0' as u32 + '０' as u32).unwrap()).collect()
    } else {
        v
    }
}

fn t2_rows(s: &Synth) -> Vec<(&'static str, Vec<String>)> {
    template::t2_rows(s.format).map(|r| (r.label, r.cols.iter().map(|_| "0".to_string()).collect())).collect()
}

fn prose(s: &Synth, n: u8) -> String {
    let total = s.t3.iter().find(|(k, _)| k == "new_received").unwrap().1[6];
    match n {
        1 => format!(
            "{}年，{}认真贯彻落实《中华人民共和国政府信息公开条例》，全年共收到政府信息公开申请{}件，按时办结。",
            s.year, s.body, total
        ),
        2 => "主动公开情况如下表。".into(),
        5 => "一是公开意识有待加强；二是公开质量有待提高。下一步将加强培训。".into(),
        6 => "本年度未收取信息处理费。".into(),
        _ => String::new(),
    }
}

pub fn render(s: &Synth, layout: Layout) -> String {
    let layout = match (layout, s.noise.pipe_style) {
        (Layout::Pipe, 1) => Layout::Pipe1,
        (Layout::Pipe, 2) => Layout::Pipe2,
        (Layout::PerLine, _) if s.noise.bare_lines => Layout::BareLines,
        (l, _) => l,
    };
    let missing = match &s.defect {
        Some(Defect::MissingSection(n)) => Some(*n),
        _ => None,
    };
    let title = format!("{}{}年政府信息公开工作年度报告", s.body, s.year);
    let mut parts: Vec<(u8, String)> = Vec::new();
    for n in 1..=6u8 {
        let body = match n {
            2 => format!("{}\n{}", prose(s, 2), table2(s, layout)),
            3 => table3(s, layout),
            4 => table4(s, layout),
            _ => prose(s, n),
        };
        parts.push((n, body));
    }
    let sep = if layout == Layout::Flat { "" } else { "\n" };
    if layout == Layout::Html {
        let mut h = format!("<p>{title}</p>");
        for (n, body) in parts {
            if Some(n) != missing {
                h.push_str(&format!("<p>{}</p>", section_heading(n)));
            }
            h.push_str(&body);
        }
        return h;
    }
    let junk = if s.noise.junk {
        format!("首页 > 政务公开 > 政府信息公开年报{sep}字号：大 中 小 打印本页{sep}")
    } else {
        String::new()
    };
    let mut out = format!("{junk}{title}{sep}{sep}");
    for (n, body) in parts {
        if Some(n) != missing {
            let h = if s.noise.fancy_headings && layout != Layout::Flat { fancy_heading(n) } else { section_heading(n).to_string() };
            out.push_str(&h);
        }
        out.push_str(sep);
        out.push_str(&body);
        out.push_str(sep);
        if layout == Layout::Pdf && n == 3 {
            out.push_str("- 3 -\n");
        }
    }
    out
}

fn table2(s: &Synth, layout: Layout) -> String {
    let mut out = String::new();
    for (label, cells) in t2_rows(s) {
        out.push_str(&row(layout, &[label.to_string()], &cells));
    }
    if layout == Layout::Html { format!("<table>{out}</table>") } else { out }
}

fn row(layout: Layout, labels: &[String], cells: &[String]) -> String {
    match layout {
        Layout::Tab => format!("{}\t{}\n", labels.join("\t"), cells.join("\t")),
        Layout::PerLine => {
            let mut o = String::new();
            for l in labels.iter().chain(cells) {
                o.push_str(&format!("\t{l}\n"));
            }
            o.push('\n');
            o
        }
        Layout::Pipe => format!("| {} | {} |\n", labels.join(" | "), cells.join(" | ")),
        Layout::Pipe1 => format!("{} | {}\n", labels.join(" | "), cells.join(" | ")),
        Layout::Pipe2 => labels.iter().chain(cells).map(|c| format!("{c} |\n")).collect::<String>() + "\n",
        Layout::BareLines => labels.iter().chain(cells).map(|c| format!("{c}\n")).collect::<String>() + "\n",
        Layout::Pdf | Layout::PdfRaw => format!("{} {}\n", labels.iter().map(|l| spaced(l)).collect::<Vec<_>>().join(" "), cells.join(" ")),
        Layout::Flat => format!("{}{}", labels.join(""), cells.join("")),
        Layout::Html => format!(
            "<tr>{}{}</tr>",
            labels.iter().map(|l| format!("<td><p>{l}</p></td>")).collect::<String>(),
            cells.iter().map(|c| format!("<td>{c}</td>")).collect::<String>()
        ),
    }
}

/// Table 3's header cells, as the official template prints them.
pub const T3_HEADER: [&str; 10] = [
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    "申请人情况",
    "自然人",
    "法人或其他组织",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
];

fn table3(s: &Synth, layout: Layout) -> String {
    if layout == Layout::PdfRaw {
        return table3_raw(s);
    }
    let mut out = String::new();
    out.push_str(&row(layout, &T3_HEADER.iter().map(|h| h.to_string()).collect::<Vec<_>>(), &[]));
    for (group, label, cells) in t3_lines(s, layout) {
        let mut labels: Vec<String> = group.map(|g| vec![g.to_string()]).unwrap_or_default();
        if s.noise.word_tabs && group.is_none() {
            labels.insert(0, String::new());
        }
        labels.push(label.clone());
        if s.noise.excel {
            // The official table has three label columns; merged ones paste as empty cells.
            labels.resize(3, String::new());
        }
        let mut line = row(layout, &labels, &cells);
        if s.noise.word_tabs {
            line = line.replace('\n', "\t\n");
        }
        out.push_str(&line);
        if layout == Layout::Pdf && label.ends_with("三安全") {
            out.push_str("一稳定”\n");
        }
        if s.noise.page_numbers && label.starts_with("8.") {
            out.push_str("- 2 -\n");
        }
    }
    if layout == Layout::Html { format!("<table>{out}</table>") } else { out }
}

/// Table 3 in pdftotext's reading order: rows in stacks of 1 to 9 (a page, or a block
/// pdftotext put together), each stack's labels (long ones wrapped) before its numbers,
/// one a line; a blank cell is printed nowhere. As in real pastes, sometimes the labels of
/// a stack's rows after its first come only after the numbers of later rows, each of those
/// with its label before its numbers, and the table's last label after its numbers.
fn table3_raw(s: &Synth) -> String {
    let mut rng = Rng::new(s.p3.iter().flat_map(|r| r.1).fold(s.year as u64, |a, v| a.wrapping_mul(31).wrapping_add(v as u64)));
    let mut out = T3_HEADER.join("\n") + "\n";
    let rows = t3_lines(s, Layout::PdfRaw);
    let label = |(group, label, _): &(Option<&str>, String, Vec<String>)| {
        let mut o = group.map(|g| format!("{g}\n")).unwrap_or_default();
        let chars: Vec<char> = label.chars().collect();
        for piece in chars.chunks(9) {
            o.push_str(&piece.iter().collect::<String>());
            o.push('\n');
        }
        o
    };
    let mut numbers = |cells: &[String], out: &mut String| {
        for c in cells.iter().filter(|c| !c.is_empty()) {
            out.push_str(&format!("{c}\n\n"));
            if rng.chance(1) {
                out.push_str("-3-\n\n");
            }
        }
    };
    let mut late = String::new();
    let mut r = 0;
    while r < rows.len() {
        let end = (r + 1 + (s.year as usize * 7 + r * 13) % 9).min(rows.len());
        // Rows r+1..r+1+moved lose their labels to the next stack.
        let moved = if end - r > 2 && (r + s.year as usize).is_multiple_of(3) { 1 + (r % (end - r - 2)) } else { 0 };
        out.push_str(&std::mem::take(&mut late));
        let last_late = end == rows.len() && end - r > 1 && s.year % 2 == 0;
        let stacked = if moved > 0 {
            r + 1
        } else if last_late {
            end - 1
        } else {
            end
        };
        for row in &rows[r..stacked] {
            out.push_str(&label(row));
        }
        out.push_str("法人或其他组织\n自然\n人 商业 科研 公益 服务 其他\n企业 机构\n");
        for (i, row) in rows.iter().enumerate().take(end).skip(r) {
            if moved > 0 && i > r + moved {
                out.push_str(&label(row));
            }
            numbers(&row.2, &mut out);
        }
        for row in &rows[r + 1..(r + 1 + moved).min(end)] {
            late.push_str(&label(row));
        }
        if last_late {
            out.push_str(&label(&rows[end - 1]));
        }
        r = end;
    }
    out + &late
}

fn table4(s: &Synth, layout: Layout) -> String {
    let mut out = String::new();
    let heads: Vec<String> = ["行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"].iter().map(|x| x.to_string()).collect();
    out.push_str(&row(layout, &heads, &[]));
    let cols: Vec<String> = (0..3).flat_map(|_| ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]).map(String::from).collect();
    out.push_str(&row(layout, &cols, &[]));
    let vals: Vec<String> = s.p4.iter().map(|x| x.to_string()).collect();
    out.push_str(&match layout {
        Layout::Tab => format!("{}\n", vals.join("\t")),
        Layout::PerLine => vals.iter().map(|v| format!("\t{v}\n")).collect::<String>() + "\n",
        Layout::Pipe => format!("| {} |\n", vals.join(" | ")),
        Layout::Pipe1 => format!("{}\n", vals.join(" | ")),
        Layout::Pipe2 => vals.iter().map(|v| format!("{v} |\n")).collect::<String>() + "\n",
        Layout::BareLines => vals.iter().map(|v| format!("{v}\n")).collect::<String>() + "\n",
        Layout::PdfRaw => vals.iter().map(|v| format!("{v}\n\n")).collect::<String>(),
        Layout::Pdf => format!("{}\n", vals.join(" ")),
        Layout::Flat => vals.join(""),
        Layout::Html => format!("<tr>{}</tr>", vals.iter().map(|c| format!("<td>{c}</td>")).collect::<String>()),
    });
    if layout == Layout::Html { format!("<table>{out}</table>") } else { out }
}

/// The report claims only what it read (see the module comment); `Err` says what not.
pub fn honest(rep: &Report) -> Result<(), String> {
    // A decimal where a count belongs is named by H5 (not-a-count) instead.
    let extraction = |cell: &nianbao::model::CellRef| {
        rep.findings.iter().any(|f| (f.rule.kind == Kind::Extraction || f.rule.id == Some("H5")) && f.covers(cell))
    };
    for t in [&rep.table3, &rep.table4].into_iter().flatten() {
        for (r, c, cell) in t.cells() {
            let at = t.at(r, c);
            match (cell.certain, cell.value, cell.span) {
                (false, _, _) if !extraction(&at) => return Err(format!("{at} uncertain, named by no extraction finding")),
                (true, Some(v), Some((s, e))) => {
                    let printed = rep.text.get(s..e).and_then(|raw| nianbao::extract::tokens::parse_number(raw, true));
                    if printed != Some(v) {
                        return Err(format!("{at} = {v} certain, but its span prints {:?}", rep.text.get(s..e)));
                    }
                }
                (true, Some(v), None) if !extraction(&at) => return Err(format!("{at} = {v} inferred, named by no extraction finding")),
                _ => {}
            }
        }
    }
    for f in rep.findings.iter().filter(|f| f.is_imbalance() || f.rule.code == "single-cause") {
        for l in &f.labels {
            let Target::Cell(at) = &l.target else { continue };
            let cell = rep.table(at.table).and_then(|t| t.cell(&at.row, at.col));
            if !cell.is_some_and(|c| c.certain) {
                return Err(format!("{} judges {at}, not read with certainty", f.rule.code));
            }
        }
    }
    Ok(())
}

/// The same body's report for `s.year - 1` and `s.year`, consistent across the years: the
/// earlier one's 结转下年度 is the later one's 上年结转 (its 本年新收 made to keep its H1).
pub fn consecutive_years(s: &Synth) -> (Synth, Synth) {
    let now = s.clone();
    let mut last = s.clone();
    last.year = s.year - 1;
    let get = |k: &str| now.p3.iter().find(|(key, _)| key == k).unwrap().1;
    let (over, total) = (get("carried_over"), get("total"));
    for (key, v) in [("carried_forward", over), ("new_received", total)] {
        let r = last.p3.iter().position(|(k, _)| k == key).unwrap();
        last.p3[r].1 = v;
        last.t3[r].1 = v;
    }
    (last, now)
}

/// A .docx of a report printed as `Layout::Html` (the generator's HTML has only <p>,
/// <table>, <tr>, <td>): the same paragraphs and table cells as WordprocessingML.
pub fn docx_of(s: &Synth) -> Vec<u8> {
    docx_package(&document_xml(s))
}

/// The report's `word/document.xml`.
pub fn document_xml(s: &Synth) -> String {
    let mut xml = render(s, Layout::Html);
    for (a, b) in [
        ("<td><p>", "<w:tc><w:p><w:r><w:t>"),
        ("</p></td>", "</w:t></w:r></w:p></w:tc>"),
        ("<td>", "<w:tc><w:p><w:r><w:t>"),
        ("</td>", "</w:t></w:r></w:p></w:tc>"),
        ("<p>", "<w:p><w:r><w:t>"),
        ("</p>", "</w:t></w:r></w:p>"),
        ("<table>", "<w:tbl>"),
        ("</table>", "</w:tbl>"),
        ("<tr>", "<w:tr>"),
        ("</tr>", "</w:tr>"),
    ] {
        xml = xml.replace(a, b);
    }
    assert!(!xml.contains("<t") && !xml.contains("<p"), "HTML left in {xml}");
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{xml}</w:body></w:document>"#
    )
}

/// A Word package around a `word/document.xml`.
pub fn docx_package(document_xml: &str) -> Vec<u8> {
    use nianbao::zip::write::{Entry, zip};
    zip(&[
        Entry { name: b"[Content_Types].xml", utf8: false, data: b"<Types/>", deflate: true },
        Entry { name: b"word/document.xml", utf8: false, data: document_xml.as_bytes(), deflate: true },
    ])
}
