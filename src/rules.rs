//! Every check, declared once: id from rules.md, a stable code, severity, kind, a title,
//! an explanation with an example. The checker, the CLI's rule list and the page's rule
//! reference all read these declarations, so they cannot disagree.

use crate::extract::solve::Identity;
use crate::model::{Finding, Kind, Report, Severity, Table, Value};
use crate::template::{self, Format, T3_COLS, T4_BLOCKS, T4_COLS};

#[derive(Debug)]
pub struct Rule {
    /// The id in rules.md (H1…Y3), or `None` for a rule the product adds.
    pub id: Option<&'static str>,
    pub code: &'static str,
    pub severity: Severity,
    pub kind: Kind,
    pub title: &'static str,
    pub explain: &'static str,
    pub example: &'static str,
}

macro_rules! rules {
    ($($name:ident = $id:expr, $code:literal, $sev:ident, $kind:ident, $title:literal, $explain:literal, $example:literal;)*) => {
        $(pub static $name: Rule = Rule { id: $id, code: $code, severity: Severity::$sev, kind: Kind::$kind, title: $title, explain: $explain, example: $example };)*
        /// All rules, in the order the reference shows them.
        pub static ALL: &[&Rule] = &[$(&$name),*];
    };
}

rules! {
    H1 = Some("H1"), "table3-column-balance", Error, Arithmetic, "表三各列：新收+上年结转=办理结果总计+结转下年度",
        "表三表头写明的勾稽关系：第一项加第二项之和，等于第三项加第四项之和。每一列（自然人、各类法人、总计）都要成立。",
        "自然人列：本年新收 20 + 上年结转 2 = 22，但（七）总计 19 + 结转下年度 2 = 21。";
    H2 = Some("H2"), "table3-row-total", Error, Arithmetic, "表三各行：总计列=六类申请人之和",
        "每一行的“总计”等于自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他六列之和。",
        "（一）予以公开：各申请人之和为 12，但总计印为 13。";
    H3 = Some("H3"), "table3-results-total", Error, Arithmetic, "表三各列：（七）总计=各办理结果之和",
        "（七）总计等于予以公开、部分公开、不予公开各项、无法提供各项、不予处理各项与其他处理（2021年格式为其三个子项）之和。",
        "（七）总计·自然人 印为 20，但各办理结果之和为 26。";
    H4 = Some("H4"), "table4-block-total", Error, Arithmetic, "表四各组：维持+纠正+其他+尚未审结=总计",
        "行政复议、未经复议直接起诉、复议后起诉三组，每组的结果维持、结果纠正、其他结果、尚未审结之和等于该组总计。",
        "行政复议：1 + 0 + 0 + 1 = 2，但总计印为 3。";
    H5 = Some("H5"), "not-a-count", Error, Arithmetic, "数量应为非负整数",
        "表二至表四的件数应为大于等于0的整数（2019年格式“本年增/减”可为负数，金额可为小数）。",
        "行政许可·处理决定数量 印为 -3。";
    T1_MISSING = Some("T1"), "section-missing", Error, Structure, "缺少必备章节",
        "年度报告应依次包含六个部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。",
        "全文找不到“五、存在的主要问题及改进情况”。";
    T1_ORDER = Some("T1"), "section-order", Warning, Structure, "章节顺序不对",
        "六个部分应按一至六的顺序排列。",
        "“六、其他需要报告的事项”出现在“五、…”之前。";
    T2_TABLE = Some("T2"), "table-missing", Error, Structure, "缺少统计表",
        "第二、三、四部分下应分别有主动公开情况表、收到和处理申请情况表、行政复议行政诉讼情况表。",
        "第三部分下没有“收到和处理政府信息公开申请情况”表。";
    T2_ROW = Some("T2"), "row-missing", Warning, Structure, "统计表缺少模板行",
        "模板中的每一行都应出现（数为0也应填0）。",
        "表三缺少“8.属于行政查询事项”一行。";
    T3 = Some("T3"), "format-year-mismatch", Error, Format, "表格格式与报告年度不符",
        "2019、2020年度报告用2019年格式（国办公开办函〔2019〕60号），2021年度及以后用2021年格式（国办公开办函〔2021〕30号）。",
        "2022年度报告的表二仍有“本年新制作数量”“政府集中采购”（2019年格式）。";
    T5 = Some("T5"), "blank-cells", Info, Structure, "空白格按空白报告，不按0计",
        "表三、表四中空白、“/”、“—”、“无”的格子按空白报告，不当作0。核对勾稽关系时，空白格所在一侧若还有数字，空白按0计并在提示中写明；一侧全是空白（如只填了总计列）则不核对。",
        "表三有 40 个空白格，其中 12 个勾稽关系因空白格未核对。";
    CAUSE = None, "single-cause", Error, Arithmetic, "一个格子可解释全部不平",
        "多个勾稽关系同时不成立，而且只要改动同一个格子就能全部成立时，指出这个格子。",
        "（一）予以公开·自然人 印为 13，若为 12，则 H2、H3 均成立。";
    X_COUNT = None, "cell-count", Info, Extraction, "行内格数不符",
        "一行印出的数字个数与模板的列数不同（PDF 丢格或多出页码、合并单元格）。能由勾稽关系确定的按确定值读；不能确定的格子留空并列出。",
        "“4.保护第三方合法权益”一行只有6个数，应为7个。";
    X_SPLIT = None, "digits-split", Info, Extraction, "无分隔的数字串按勾稽关系拆分",
        "网页复制丢失了单元格分隔，数字连成一串（如“270020130”）。按各行各列的勾稽关系拆分；唯一可行的拆分视为读出，否则列出各种可能并留空。",
        "“（一）予以公开270020130”只能拆为 27|0|0|2|0|1|30。";
    X_AMBIGUOUS = None, "digits-ambiguous", Warning, Extraction, "数字串有多种拆法，无法确定",
        "无分隔的数字串有不止一种拆法都满足勾稽关系，无法确定各格的值：这些格留空，请对照原文。",
        "“规范性文件898989”可读为 89|89|89 或 8|9|8989 等。";
    X_UNREADABLE = None, "row-unreadable", Warning, Extraction, "该行数字无法读出",
        "找到了行标签，但后面的数字无法对应到各列（缺格太多或数字串过长）。",
        "“（七）总计”后只有 3 个数。";
    X_LABEL = None, "label-lost", Info, Extraction, "行标签缺失，按行序读取",
        "文本中缺少若干行的行标签，只能按模板行序对应数字行。",
        "“（三）不予公开”下8行数字没有“1.属于国家秘密”等标签。";
    X_FORMAT = None, "format-unknown", Warning, Extraction, "无法判断表格格式",
        "表格标签中既没有2019年格式的特征词，也没有2021年格式的特征词。",
        "表二缺失，表三没有（六）其他处理的子项。";
}

/// One identity with what to say about it.
pub struct Check {
    pub rule: &'static Rule,
    pub id: Identity,
    /// Names the sum for the message, e.g. "自然人列".
    pub name: String,
}

fn col_label(c: usize) -> &'static str {
    T3_COLS[c].label
}

/// Table 3's identities for `format`, over its data rows (indices as `t3_data_rows`).
pub fn t3_checks(format: Format) -> Vec<Check> {
    let keys: Vec<&str> = template::t3_data_rows(format).map(|r| r.key).collect();
    let at = |k: &str| keys.iter().position(|x| *x == k).expect("template row");
    let results: Vec<usize> = keys
        .iter()
        .enumerate()
        .filter(|(_, k)| !matches!(**k, "new_received" | "carried_over" | "total" | "carried_forward"))
        .map(|(i, _)| i)
        .collect();
    let mut v = Vec::new();
    for c in 0..7 {
        v.push(Check {
            rule: &H1,
            id: Identity {
                lhs: vec![(at("new_received"), c), (at("carried_over"), c)],
                rhs: vec![(at("total"), c), (at("carried_forward"), c)],
            },
            name: format!("{}列", col_label(c)),
        });
    }
    for (r, key) in keys.iter().enumerate() {
        v.push(Check {
            rule: &H2,
            id: Identity { lhs: (0..6).map(|c| (r, c)).collect(), rhs: vec![(r, 6)] },
            name: row_label(format, key),
        });
    }
    for c in 0..7 {
        v.push(Check {
            rule: &H3,
            id: Identity { lhs: results.iter().map(|&r| (r, c)).collect(), rhs: vec![(at("total"), c)] },
            name: format!("{}列", col_label(c)),
        });
    }
    v
}

pub fn t4_checks() -> Vec<Check> {
    (0..3)
        .map(|b| Check {
            rule: &H4,
            id: Identity { lhs: (0..4).map(|c| (0, b * 5 + c)).collect(), rhs: vec![(0, b * 5 + 4)] },
            name: T4_BLOCKS[b].1.to_string(),
        })
        .collect()
}

fn row_label(format: Format, key: &str) -> String {
    template::t3_rows(format).find(|r| r.key == key).map_or(key.to_string(), |r| short(r.label))
}

/// A label without its long parenthetical, for messages.
pub fn short(label: &str) -> String {
    match label.find("（区分") {
        Some(p) => label[..p].to_string(),
        None => label.to_string(),
    }
}

/// The contract's name of a cell: `table3.ROW.COLUMN`, `table4.BLOCK.COLUMN`.
pub fn cell_name(table: &str, t: &Table, r: usize, c: usize) -> String {
    if table == "table4" { format!("table4.{}", t.columns[c]) } else { format!("{table}.{}.{}", t.rows[r].key, t.columns[c]) }
}

fn cell_human(table: &str, t: &Table, r: usize, c: usize) -> String {
    if table == "table4" {
        let (b, col) = t.columns[c].split_once('.').unwrap_or(("", ""));
        let bl = T4_BLOCKS.iter().find(|x| x.0 == b).map_or(b, |x| x.1);
        let cl = T4_COLS.iter().find(|x| x.key == col).map_or(col, |x| x.label);
        format!("{bl}·{cl}")
    } else {
        format!("{}·{}", short(&t.rows[r].label), col_label(c))
    }
}

struct Fail {
    finding: Finding,
    table: &'static str,
    lhs: Vec<(usize, usize)>,
    rhs: Vec<(usize, usize)>,
    l: i64,
    r: i64,
}

/// Judges the identities on what was read with certainty. Blank or uncertain cells are
/// never taken as 0: an identity that touches one is not judged (T5 counts them).
pub fn arithmetic(report: &mut Report) {
    let mut skipped_blank = 0;
    let mut blanks: Vec<String> = Vec::new();
    let mut fails: Vec<Fail> = Vec::new();
    let fmt = report.format;
    for (name, table, checks) in
        [("table3", report.table3.as_ref(), fmt.map(t3_checks).unwrap_or_default()), ("table4", report.table4.as_ref(), t4_checks())]
    {
        let Some(t) = table else { continue };
        for (r, row) in t.rows.iter().enumerate() {
            for (c, cell) in row.cells.iter().enumerate() {
                if cell.value.is_none() && cell.certain {
                    blanks.push(cell_name(name, t, r, c));
                }
            }
        }
        // A side is summed with its blanks as 0 only if it also prints a number: a row
        // whose every applicant cell is blank (only the total filled in), or a 总计 column
        // left empty, is not judged. Uncertain cells are never judged.
        let side = |cells: &[(usize, usize)]| -> Option<(i64, bool)> {
            let (mut sum, mut printed, mut blank) = (0, 0, false);
            for &(r, c) in cells {
                let cell = &t.rows[r].cells[c];
                match (cell.certain, cell.int()) {
                    (true, Some(v)) => {
                        sum += v;
                        printed += 1;
                    }
                    (true, None) => blank = true,
                    (false, _) => return None,
                }
            }
            (printed > 0).then_some((sum, blank))
        };
        for ch in &checks {
            let (Some((l, lb)), Some((r, rb))) = (side(&ch.id.lhs), side(&ch.id.rhs)) else {
                let is_blank = |&(r, c): &(usize, usize)| t.rows[r].cells[c].value.is_none() && t.rows[r].cells[c].certain;
                skipped_blank += ch.id.lhs.iter().chain(&ch.id.rhs).any(is_blank) as usize;
                continue;
            };
            let with_blanks = lb || rb;
            if l == r {
                continue;
            }
            let cells: Vec<String> = ch.id.rhs.iter().chain(&ch.id.lhs).map(|&(r, c)| cell_name(name, t, r, c)).collect();
            let span = ch.id.rhs.first().and_then(|&(r, c)| t.rows[r].cells[c].span);
            let mut message = identity_message(ch, name, t, l, r);
            if with_blanks {
                message.push_str("（空白格按0计）");
            }
            let finding = Finding::new(ch.rule, message, cells).numbers(Some(Value::Int(l)), Some(Value::Int(r))).at(span);
            fails.push(Fail { finding, table: name, lhs: ch.id.lhs.clone(), rhs: ch.id.rhs.clone(), l, r });
        }
    }
    single_cause(report, &fails);
    report.findings.extend(fails.into_iter().map(|f| f.finding));
    if !blanks.is_empty() {
        let message = format!(
            "表三、表四共有 {} 个空白格，按空白报告，不当作0；核对勾稽关系时，只在同侧有数字时把空白按0计，{} 个勾稽关系因一侧全空白未核对。",
            blanks.len(),
            skipped_blank
        );
        report.findings.push(Finding::new(&T5, message, blanks));
    }
}

fn identity_message(ch: &Check, table: &str, t: &Table, l: i64, r: i64) -> String {
    let tgt = ch.id.rhs[0];
    match ch.rule.id {
        Some("H1") => format!("{}：本年新收+上年结转 = {}，但（七）总计+结转下年度 = {}", ch.name, l, r),
        Some("H2") => format!("{}：六类申请人之和为 {}，但总计印为 {}", ch.name, l, r),
        Some("H3") => format!("（七）总计·{}印为 {}，但各办理结果之和为 {}", ch.name.trim_end_matches('列'), r, l),
        _ => format!("{}：结果维持、结果纠正、其他结果、尚未审结之和为 {}，但{}印为 {}", ch.name, l, cell_human(table, t, tgt.0, tgt.1), r),
    }
}

/// When one cell sits in every failing identity of a table and one value for it makes
/// them all hold, name it: that is where the reviewer should look first.
fn single_cause(report: &mut Report, fails: &[Fail]) {
    for table in ["table3", "table4"] {
        let fs: Vec<&Fail> = fails.iter().filter(|f| f.table == table).collect();
        let t = if table == "table3" { report.table3.as_ref() } else { report.table4.as_ref() };
        let (Some(t), Some(first)) = (t, fs.first()) else { continue };
        let inside = |f: &Fail, x: &(usize, usize)| f.lhs.contains(x) || f.rhs.contains(x);
        let common: Vec<(usize, usize)> = first.lhs.iter().chain(&first.rhs).filter(|x| fs.iter().all(|f| inside(f, x))).copied().collect();
        let mut causes = Vec::new();
        for &(r, c) in &common {
            let Some(p) = t.rows[r].cells[c].int() else { continue };
            let fixes: Vec<i64> = fs.iter().map(|f| if f.rhs.contains(&(r, c)) { p + f.l - f.r } else { p + f.r - f.l }).collect();
            if fixes.iter().all(|&v| v == fixes[0] && v >= 0) {
                causes.push((r, c, p, fixes[0]));
            }
        }
        // One failing identity alone cannot say which of its cells is wrong.
        if let [(r, c, p, fix)] = causes[..] {
            let message = format!(
                "{} 印为 {}，若为 {}，则 {} 个不平的勾稽关系全部成立：很可能是这一格填错。",
                cell_human(table, t, r, c),
                p,
                fix,
                fs.len()
            );
            let cells = vec![cell_name(table, t, r, c)];
            let finding = Finding::new(&CAUSE, message, cells).numbers(Some(Value::Int(fix)), Some(Value::Int(p)));
            report.findings.push(finding.at(t.rows[r].cells[c].span));
        }
    }
}

/// Sections (T1), tables and rows (T2), format against year (T3).
pub fn structure(report: &mut Report, lost_rows: &[String]) {
    let mut out = Vec::new();
    for s in &report.sections {
        let cells = vec![format!("section.{}", s.number)];
        if s.found && !s.ordered {
            let message = format!("第{}部分“{}”出现在前面部分之前，顺序不对。", s.number, s.heading);
            out.push(Finding::new(&T1_ORDER, message, cells).at(s.span));
        } else if !s.found {
            let message = format!("缺少第{}部分“{}、{}”。", s.number, template::SECTIONS[s.number as usize - 1].ordinal, s.heading);
            out.push(Finding::new(&T1_MISSING, message, cells));
        }
    }
    for (name, sec, present) in
        [("表二", 2, report.table2.is_some()), ("表三", 3, report.table3.is_some()), ("表四", 4, report.table4.is_some())]
    {
        if !present {
            let message = format!("第{}部分下没有找到{}。", template::SECTIONS[sec - 1].ordinal, name);
            out.push(Finding::new(&T2_TABLE, message, vec![format!("section.{sec}")]));
        }
    }
    let fmt = report.format.unwrap_or(Format::F2019);
    for key in lost_rows {
        let label = template::t3_data_rows(fmt).find(|r| r.key == key).map_or(key.clone(), |r| short(r.label));
        let message = format!("表三缺少“{label}”一行（既无行标签也无数字）。");
        out.push(Finding::new(&T2_ROW, message, vec![format!("table3.{key}")]));
    }
    if let (Some(f), Some(y)) = (report.format, report.year) {
        let want = Format::for_year(y);
        if f != want {
            let message = format!("{}年度报告应使用{}年格式，但表格是{}年格式。", y, want.name(), f.name());
            out.push(Finding::new(&T3, message, vec!["section.2".into(), "section.3".into()]));
        }
    }
    report.findings.extend(out);
}

/// H5: counts are whole and not negative (2019 `change` may be negative, amounts may be
/// decimals). Tables 3 and 4 are judged on the text each cell was read from.
pub fn counts(report: &mut Report) {
    let mut out = Vec::new();
    if let Some(t) = &report.table2 {
        for row in &t.rows {
            for (c, cell) in row.cells.iter().enumerate() {
                let col = &row.cols[c];
                let Some(v) = cell.value else { continue };
                let bad = match v {
                    Value::Int(i) => i < 0 && col != "change",
                    Value::Dec(d) => col != "amount" || d < 0.0,
                };
                if bad {
                    let message = format!("表二“{}”的{}印为 {}，应为非负整数。", row.label, col, v);
                    let cells = vec![format!("table2.{}.{}", row.key, col)];
                    out.push(Finding::new(&H5, message, cells).numbers(None, Some(v)).at(cell.span));
                }
            }
        }
    }
    for (name, t) in [("table3", &report.table3), ("table4", &report.table4)] {
        let Some(t) = t else { continue };
        for (r, row) in t.rows.iter().enumerate() {
            for (c, cell) in row.cells.iter().enumerate() {
                let Some((s, e)) = cell.span else { continue };
                let printed = report.text.get(s..e).and_then(|raw| crate::extract::tokens::parse_number(raw, true));
                if let Some(v) = printed.filter(|v| matches!(v, Value::Dec(_)) || v.as_f64() < 0.0) {
                    let message = format!("{} 印为 {}，件数应为非负整数。", cell_human(name, t, r, c), v);
                    let cells = vec![cell_name(name, t, r, c)];
                    out.push(Finding::new(&H5, message, cells).numbers(None, Some(v)).at(cell.span));
                }
            }
        }
    }
    report.findings.extend(out);
}
