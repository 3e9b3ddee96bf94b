//! Every check, declared once: id from rules.md, a stable code, severity, kind, a title,
//! an explanation with an example. The checker, the CLI's rule list and the page's rule
//! reference all read these declarations, so they cannot disagree.

use crate::identity::{self, Identity, Read, Verdict};
use crate::model::{Cell, CellRef, Finding, Kind, Report, Role, Severity, Table, Target, Value, short};
use crate::template::{self, Each, Format, TableId};

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
    T1_WORDING = Some("T1"), "section-wording", Info, Structure, "章节标题用词与模板不同",
        "章节的序号和大部分用词与模板相符，按该章节读取；但标题文字与模板和常见写法不同，可能有错别字。",
        "“四、政府信息公开行政法复议、行政诉讼情况”按第四部分读取（模板为“政府信息公开行政复议、行政诉讼情况”）。";
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
    Y1 = Some("Y1"), "carry-over-mismatch", Warning, Consistency, "上年结转应等于上一年度报告的结转下年度",
        "同一单位相邻两年的报告一起检查时，本年表三“二、上年结转政府信息公开申请数量”的每一列应等于上一年度报告表三“四、结转下年度继续办理”的同一列。单位按标题中的名称对应（“××区人民政府”与“××区政府办公室”视为同一单位）；同一单位同一年度有不止一份报告时，无法确定对应关系，不核对。",
        "2023年度报告 上年结转·自然人 为 3，但2022年度报告 结转下年度·自然人 为 2。";
    CAUSE = None, "single-cause", Error, Arithmetic, "一个格子可解释全部不平",
        "多个勾稽关系同时不成立，而且只要改动同一个格子就能全部成立时，指出这个格子。",
        "（一）予以公开·自然人 印为 13，若为 12，则 H2、H3 均成立。";
    X_COUNT = None, "cell-count", Info, Extraction, "行内格数不符",
        "一行印出的数字个数与模板的列数不同（PDF 丢格或多出页码、合并单元格）。能由勾稽关系确定的按确定值读；不能确定的格子留空并列出。",
        "“4.保护第三方合法权益”一行只有6个数，应为7个。";
    X_SPLIT = None, "digits-split", Info, Extraction, "无分隔的数字串按勾稽关系拆分",
        "网页复制丢失了单元格分隔，数字连成一串（如“801000081”）。按各行各列的勾稽关系拆分；唯一可行的拆分视为读出，否则列出各种可能并留空。",
        "“一、本年新收政府信息公开申请数量801000081”只能拆为 80|1|0|0|0|0|81（总计须等于前六格之和）。";
    X_AMBIGUOUS = None, "digits-ambiguous", Warning, Extraction, "数字串有多种拆法，无法确定",
        "无分隔的数字串有不止一种拆法都满足勾稽关系，无法确定各格的值：这些格留空，请对照原文。",
        "“规范性文件898989”可读为 89|89|89 或 8|9|8989 等。";
    X_DOUBT = None, "split-assumes-no-error", Warning, Extraction, "拆分只有假定原表没算错才成立",
        "无分隔的数字串有两种读法：一种使全部勾稽关系成立，另一种使某一格看起来填错了；或者只有本行相加成立这一条能确定拆法，而所在列无法核对（表中别处有错或有无法确定的格子，表四则没有跨行的勾稽关系）。勾稽关系正是要检查的内容，不能反过来用它来确定读法：这一行有分歧的格子留空，并列出读法，请对照原文。",
        "“（一）予以公开”可读为 3|4（全部成立），也可读为 5|4（则（七）总计·自然人 很可能填错）。";
    X_BOUND = None, "search-bound", Warning, Extraction, "拆分的可能太多，无法确定",
        "数字串过长，可能的拆法超过了检查的上限。为了不冒险给出错误的数字，这一行（或整张表中无法确定的行）留空，请对照原文或粘贴带分隔符的文本。",
        "“一、本年新收政府信息公开申请数量”后是 27 位数字“123456789123456789123456789”。";
    X_DETACHED = None, "numbers-detached", Warning, Extraction, "数字与行标签分开，无法对应",
        "复制的文字里，有的数字行前面没有行标签，有的行标签后面没有数字（从 PDF 复制时，文字常常先列出全部标签，再列出全部数字）。这些行不当作空白，也不猜测对应关系：留空并列出。可直接检查 PDF 文件本身。",
        "表三有 25 行数字前面没有行标签：文字里数字与行标签分开了，有 24 行无法确定哪些数字是自己的。";
    X_PLACED = None, "numbers-placed", Info, Extraction, "数字行与行标签不相邻，按行序和勾稽关系对应",
        "从 PDF 复制的文字里，数字行常在行标签的上方、下方或折行标签的两行之间，也可能先列出全部标签再列出全部数字。按行标签读取与按数字行的顺序逐行对应不一致时，哪一种使各行、各列的勾稽关系成立（至多留下一个格子可解释的不平），就按哪一种读取，并说明。",
        "表三的数字行在行标签上方：按模板行序对应 25 行，各勾稽关系全部成立。";
    X_UNREADABLE = None, "row-unreadable", Warning, Extraction, "该行数字无法读出",
        "找到了行标签，但后面的数字无法对应到各列（缺格太多或数字串过长）。",
        "“（七）总计”后只有 3 个数。";
    X_LABEL = None, "label-lost", Info, Extraction, "行标签缺失，按行序读取",
        "文本中缺少若干行的行标签，只能按模板行序对应数字行。",
        "“（三）不予公开”下8行数字没有“1.属于国家秘密”等标签。";
    X_NOT_CHINESE = None, "text-not-chinese", Error, Extraction, "文字不是中文，无法核对",
        "读出或粘贴的文字找不到任何部分，而且几乎没有中文常用字（“的”“政府”“信息”“公开”“年”……不到百分之一）：多半是字体缺少 Unicode 映射的 PDF，取出或复制出的是字形编号而不是文字。这时不报告“缺少第N部分”，只说明无法核对：请用 Word 原件，或对照 PDF 人工核对。",
        "“!\"#*+,-./?=@A=B……”（从这样的 PDF 复制出的文字）。";
    X_FORMAT = None, "format-unknown", Warning, Extraction, "无法判断表格格式",
        "表格标签中既没有2019年格式的特征词，也没有2021年格式的特征词。",
        "表二缺失，表三没有（六）其他处理的子项。";
}

/// The rule that judges an identity the template declares.
pub fn rule_of(id: &Identity) -> &'static Rule {
    ALL.iter().copied().find(|r| r.id == Some(id.def.rule) && r.kind == Kind::Arithmetic).expect("every identity names an H rule")
}

/// A cell as the judge sees it: only what was read with certainty is a number or a blank.
pub fn read(c: &Cell) -> Read {
    match (c.certain, c.value) {
        (true, None) => Read::Blank,
        (true, Some(Value::Int(v))) => Read::Val(v),
        _ => Read::Unknown,
    }
}

/// The identities of an extracted table (none for table 2).
pub fn identities(t: &Table) -> Vec<Identity> {
    let def = match t.id {
        TableId::T3 => &template::T3,
        TableId::T4 => &template::T4,
        TableId::T2 => return Vec::new(),
    };
    identity::of_table(def, &t.rows.iter().map(|r| r.key.as_str()).collect::<Vec<_>>())
}

/// "自然人列" or "（一）予以公开": the line of the table an identity is taken along.
fn line_name(t: &Table, id: &Identity) -> String {
    match id.def.each {
        Each::Column => format!("{}列", t.rows[0].cols[id.at].label),
        Each::Row => short(&t.rows[id.at].label),
    }
}

struct Fail<'a> {
    finding: Finding,
    table: &'a Table,
    id: Identity,
    parts: i64,
    totals: i64,
}

/// Judges the identities on what was read with certainty. Blank or uncertain cells are
/// never taken as 0: see `identity::judge` for the one meaning of a blank.
pub fn arithmetic(report: &mut Report) {
    let mut skipped_blank = 0;
    let mut blanks: Vec<CellRef> = Vec::new();
    let mut fails: Vec<Fail> = Vec::new();
    for t in [report.table3.as_ref(), report.table4.as_ref()].into_iter().flatten() {
        blanks.extend(t.cells().filter(|(_, _, c)| read(c) == Read::Blank).map(|(r, c, _)| t.at(r, c)));
        for id in identities(t) {
            match identity::judge(&id, |r, c| read(&t.rows[r].cells[c])) {
                Verdict::Fails { parts, totals, with_blanks } => {
                    let mut message = identity_message(t, &id, parts, totals);
                    if with_blanks {
                        message.push_str("（空白格按0计）");
                    }
                    let mut finding = Finding::new(rule_of(&id), message).numbers(Some(Value::Int(parts)), Some(Value::Int(totals)));
                    for (cells, role) in [(&id.totals, Role::Total), (&id.parts, Role::Part)] {
                        for &(r, c) in cells {
                            finding = finding.label(Target::Cell(t.at(r, c)), role, t.rows[r].cells[c].span);
                        }
                    }
                    fails.push(Fail { finding, table: t, id, parts, totals });
                }
                Verdict::NotJudged { blank: true } => skipped_blank += 1,
                _ => {}
            }
        }
    }
    let causes = single_cause(&fails);
    let mut out: Vec<Finding> = fails.into_iter().map(|f| f.finding).collect();
    out.extend(causes);
    if !blanks.is_empty() {
        let message = format!(
            "表三、表四共有 {} 个空白格，按空白报告，不当作0；核对勾稽关系时，只在同侧有数字时把空白按0计，{} 个勾稽关系因一侧全空白未核对。",
            blanks.len(),
            skipped_blank
        );
        out.push(Finding::new(&T5, message).about(blanks.into_iter().map(Target::Cell)));
    }
    report.findings.extend(out);
}

/// "（七）总计·自然人 印为 20，但各办理结果之和为 26", from the identity's declaration.
fn identity_message(t: &Table, id: &Identity, parts: i64, totals: i64) -> String {
    match id.totals[..] {
        [(r, c)] => format!("{} 印为 {totals}，但{}为 {parts}", t.human(r, c), id.def.parts_name),
        _ => format!("{}：{} = {parts}，但{} = {totals}", line_name(t, id), id.def.parts_name, id.def.totals_name),
    }
}

/// When one cell sits in every failing identity of a table and one value for it makes
/// them all hold, name it: that is where the reviewer should look first.
fn single_cause(fails: &[Fail]) -> Vec<Finding> {
    let mut out = Vec::new();
    for table in [TableId::T3, TableId::T4] {
        let fs: Vec<&Fail> = fails.iter().filter(|f| f.table.id == table).collect();
        let Some(first) = fs.first() else { continue };
        let t = first.table;
        let common: Vec<(usize, usize)> = first.id.cells().filter(|&&x| fs.iter().all(|f| f.id.touches(x))).copied().collect();
        let mut causes = Vec::new();
        for (r, c) in common {
            let Some(p) = t.rows[r].cells[c].int() else { continue };
            let fix = |f: &Fail| if f.id.totals.contains(&(r, c)) { p + f.parts - f.totals } else { p + f.totals - f.parts };
            let fixes: Vec<i64> = fs.iter().map(|f| fix(f)).collect();
            if fixes.iter().all(|&v| v == fixes[0] && v >= 0) {
                causes.push((r, c, p, fixes[0]));
            }
        }
        // One failing identity alone cannot say which of its cells is wrong.
        if let [(r, c, p, fix)] = causes[..] {
            let message = format!("{} 印为 {p}，若为 {fix}，则 {} 个不平的勾稽关系全部成立：很可能是这一格填错。", t.human(r, c), fs.len());
            let finding = Finding::new(&CAUSE, message).numbers(Some(Value::Int(fix)), Some(Value::Int(p)));
            out.push(finding.label(Target::Cell(t.at(r, c)), Role::Cause, t.rows[r].cells[c].span));
        }
    }
    out
}

/// Sections (T1), tables and rows (T2), format against year (T3).
pub fn structure(report: &mut Report, lost_rows: &[String]) {
    // Glyph numbers for text: nothing in it can be read, so nothing is said missing.
    if report.sections.iter().all(|s| !s.found) && !crate::sections::reads_as_chinese(&report.text) {
        let message = "文字不是中文（几乎没有“的”“政府”“信息”“公开”等常用字），无法核对：从字体缺少 Unicode 映射的 PDF 取出或复制文字时就是这样，请用 Word 原件，或对照 PDF 人工核对。";
        report.findings.push(Finding::new(&X_NOT_CHINESE, message.into()));
        return;
    }
    let mut out = Vec::new();
    for s in &report.sections {
        let at = Target::Section(s.number);
        if s.found && !s.exact {
            let printed = s.span.and_then(|(a, b)| report.text.get(a..b)).unwrap_or("");
            let message = format!("“{}”按第{}部分读取，但标题用词与模板“{}”不同。", printed.trim(), s.number, s.heading);
            out.push(Finding::new(&T1_WORDING, message).label(at.clone(), Role::Subject, s.span));
        }
        if s.found && !s.ordered {
            let message = format!("第{}部分“{}”出现在前面部分之前，顺序不对。", s.number, s.heading);
            out.push(Finding::new(&T1_ORDER, message).label(at, Role::Subject, s.span));
        } else if !s.found {
            let message = format!("缺少第{}部分“{}、{}”。", s.number, template::SECTIONS[s.number as usize - 1].ordinal, s.heading);
            out.push(Finding::new(&T1_MISSING, message).about([at]));
        }
    }
    for (id, sec, present) in
        [(TableId::T2, 2, report.table2.is_some()), (TableId::T3, 3, report.table3.is_some()), (TableId::T4, 4, report.table4.is_some())]
    {
        if !present {
            let message = format!("第{}部分下没有找到{}。", template::SECTIONS[sec - 1].ordinal, id.zh());
            out.push(Finding::new(&T2_TABLE, message).about([Target::Section(sec as u8)]));
        }
    }
    let fmt = report.format.unwrap_or(Format::F2019);
    for key in lost_rows {
        let label = template::t3_data_rows(fmt).find(|r| r.key == key).map_or(key.clone(), |r| short(r.label));
        let message = format!("表三缺少“{label}”一行（既无行标签也无数字）。");
        out.push(Finding::new(&T2_ROW, message).about([Target::Row(TableId::T3, key.clone())]));
    }
    if let (Some(f), Some(y)) = (report.format, report.year) {
        let want = Format::for_year(y);
        if f != want {
            let message = format!("{}年度报告应使用{}年格式，但表格是{}年格式。", y, want.name(), f.name());
            out.push(Finding::new(&T3, message).about([Target::Section(2), Target::Section(3)]));
        }
    }
    report.findings.extend(out);
}

/// H5: counts are whole and not negative (2019 `change` may be negative, amounts may be
/// decimals). Tables 3 and 4 are judged on the text each cell was read from.
pub fn counts(report: &mut Report) {
    let mut out = Vec::new();
    for t in [&report.table2, &report.table3, &report.table4].into_iter().flatten() {
        for (r, c, cell) in t.cells() {
            let col = t.rows[r].cols[c].key;
            // Table 3 and 4 cells holding a decimal were made uncertain: judge the print.
            let printed = match t.id {
                TableId::T2 => cell.value,
                _ => cell.span.and_then(|(s, e)| report.text.get(s..e)).and_then(|raw| crate::extract::tokens::parse_number(raw, true)),
            };
            let Some(v) = printed else { continue };
            let bad = match v {
                Value::Int(i) => i < 0 && col != "change",
                Value::Dec(d) => col != "amount" || d < 0.0,
            };
            if bad {
                let raw = cell.span.and_then(|(s, e)| report.text.get(s..e)).map_or(v.to_string(), |t| t.trim().to_string());
                let message = format!("{}“{}” 印为 {raw}，件数应为非负整数（且不超过 12 位）。", t.id.zh(), t.human(r, c));
                out.push(Finding::new(&H5, message).numbers(None, Some(v)).label(Target::Cell(t.at(r, c)), Role::Subject, cell.span));
            }
        }
    }
    report.findings.extend(out);
}
