//! The two official formats as data: sections, rows, columns, their labels and the
//! short "needles" the extractor looks for. Nothing here is code that reads text; the
//! extractor and the rules only walk these tables, so a new variant is one more string.

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Format {
    #[serde(rename = "2019")]
    F2019,
    #[serde(rename = "2021")]
    F2021,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::F2019 => "2019",
            Format::F2021 => "2021",
        }
    }
    /// The format a report for `year` must use (国办公开办函〔2021〕30号 applies from 2021).
    pub fn for_year(year: i32) -> Format {
        if year >= 2021 { Format::F2021 } else { Format::F2019 }
    }
}

/// Which formats a row or column belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum In {
    Both,
    Only(Format),
}

impl In {
    pub fn has(self, f: Format) -> bool {
        match self {
            In::Both => true,
            In::Only(g) => g == f,
        }
    }
}

pub struct SectionDef {
    pub number: u8,
    pub ordinal: char,
    pub heading: &'static str,
    /// What may follow the ordinal ("一、") in a real heading, normalised.
    pub starts: &'static [&'static str],
    /// Whole headings seen in real reports besides `heading`, for recognising one printed
    /// with a typo or a missing word when no `starts` matches.
    pub variants: &'static [&'static str],
}

pub const SECTIONS: [SectionDef; 6] = [
    SectionDef {
        number: 1,
        ordinal: '一',
        heading: "总体情况",
        starts: &["总体情况", "工作基本情况", "基本情况", "工作概况", "概述", "总体"],
        variants: &["工作基本情况"],
    },
    SectionDef { number: 2, ordinal: '二', heading: "主动公开政府信息情况", starts: &["主动公开"], variants: &[] },
    SectionDef {
        number: 3,
        ordinal: '三',
        heading: "收到和处理政府信息公开申请情况",
        starts: &["收到和处理", "收到及处理", "收到、处理", "依申请公开", "收到处理"],
        variants: &[],
    },
    SectionDef {
        number: 4,
        ordinal: '四',
        heading: "政府信息公开行政复议、行政诉讼情况",
        starts: &["政府信息公开行政复议", "因政府信息公开", "政府信息公开工作被申请行政复议", "被申请行政复议", "行政复议"],
        variants: &["因政府信息公开工作被申请行政复议、提起行政诉讼情况", "因政府信息公开申请行政复议、提起行政诉讼的情况"],
    },
    SectionDef {
        number: 5,
        ordinal: '五',
        heading: "存在的主要问题及改进情况",
        starts: &["存在的主要问题", "政府信息公开工作存在的主要问题", "存在的问题", "主要问题", "存在问题"],
        variants: &["政府信息公开工作存在的主要问题及改进情况"],
    },
    SectionDef {
        number: 6,
        ordinal: '六',
        heading: "其他需要报告的事项",
        starts: &["其他需要报告", "其他需报告", "其他事项"],
        variants: &[],
    },
];

/// Labels that only one format prints; counted to detect the format from the text.
pub const FORMAT_MARKERS: [(Format, &str); 11] = [
    (Format::F2019, "本年新制作数量"),
    (Format::F2019, "本年新公开数量"),
    (Format::F2019, "对外公开总数量"),
    (Format::F2019, "上一年项目数量"),
    (Format::F2019, "政府集中采购"),
    (Format::F2021, "本年制发件数"),
    (Format::F2021, "本年废止件数"),
    (Format::F2021, "现行有效件数"),
    (Format::F2021, "本年收费金额"),
    (Format::F2021, "逾期不补正"),
    (Format::F2021, "缴纳费用"),
];

/// A row of a table, or a group label that carries no numbers but bounds its neighbours.
pub struct RowDef {
    pub key: &'static str,
    pub label: &'static str,
    pub needles: &'static [&'static str],
    /// "N." printed before the label, so a flat digit run can give the ordinal back.
    pub ordinal: Option<u8>,
    pub group: bool,
    pub formats: In,
}

const fn row(key: &'static str, label: &'static str, needles: &'static [&'static str], ordinal: Option<u8>, formats: In) -> RowDef {
    RowDef { key, label, needles, ordinal, group: false, formats }
}
const fn group(key: &'static str, label: &'static str, needles: &'static [&'static str], formats: In) -> RowDef {
    RowDef { key, label, needles, ordinal: None, group: true, formats }
}

pub const T3_ROWS: &[RowDef] = &[
    row("new_received", "一、本年新收政府信息公开申请数量", &["本年新收", "新收政府信息"], None, In::Both),
    row("carried_over", "二、上年结转政府信息公开申请数量", &["上年结转"], None, In::Both),
    group("results", "三、本年度办理结果", &["本年度办理结果", "办理结果"], In::Both),
    row("granted", "（一）予以公开", &["予以公开"], None, In::Both),
    row("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", &["部分公开"], None, In::Both),
    group("denied", "（三）不予公开", &["不予公开"], In::Both),
    row("denied.state_secret", "1.属于国家秘密", &["属于国家秘密", "国家秘密"], Some(1), In::Both),
    row("denied.prohibited_by_law", "2.其他法律行政法规禁止公开", &["其他法律行政法规禁止公开", "其他法律", "禁止公开"], Some(2), In::Both),
    row("denied.three_safeties", "3.危及“三安全一稳定”", &["危及", "三安全"], Some(3), In::Both),
    row("denied.third_party", "4.保护第三方合法权益", &["保护第三方", "第三方"], Some(4), In::Both),
    row("denied.internal_affairs", "5.属于三类内部事务信息", &["属于三类内部", "内部事务"], Some(5), In::Both),
    row("denied.process_info", "6.属于四类过程性信息", &["属于四类过程", "过程性"], Some(6), In::Both),
    row("denied.enforcement_file", "7.属于行政执法案卷", &["属于行政执法", "执法案卷"], Some(7), In::Both),
    row("denied.administrative_query", "8.属于行政查询事项", &["属于行政查询", "行政查询"], Some(8), In::Both),
    group("unable", "（四）无法提供", &["无法提供"], In::Both),
    row("unable.no_such_info", "1.本机关不掌握相关政府信息", &["本机关不掌握", "不掌握"], Some(1), In::Both),
    row("unable.needs_creation", "2.没有现成信息需要另行制作", &["没有现成", "另行制作"], Some(2), In::Both),
    row("unable.unclear", "3.补正后申请内容仍不明确", &["补正后申请", "仍不明确"], Some(3), In::Both),
    group("not_handled", "（五）不予处理", &["不予处理"], In::Both),
    row("not_handled.petition", "1.信访举报投诉类申请", &["信访举报", "信访"], Some(1), In::Both),
    row("not_handled.duplicate", "2.重复申请", &["重复申请"], Some(2), In::Both),
    row("not_handled.publication", "3.要求提供公开出版物", &["要求提供公开出版物", "出版物", "要求提供公开出版"], Some(3), In::Both),
    row("not_handled.excessive", "4.无正当理由大量反复申请", &["无正当理由大量", "大量反复"], Some(4), In::Both),
    row("not_handled.confirmation", "5.要求行政机关确认或重新出具已获取信息", &["要求行政机关确认", "重新出具"], Some(5), In::Both),
    row("other", "（六）其他处理", &["其他处理"], None, In::Only(Format::F2019)),
    group("other", "（六）其他处理", &["其他处理"], In::Only(Format::F2021)),
    row(
        "other.overdue_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        &["申请人无正当理由", "逾期不补正"],
        Some(1),
        In::Only(Format::F2021),
    ),
    row(
        "other.unpaid_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        &["申请人逾期未按", "缴纳费用"],
        Some(2),
        In::Only(Format::F2021),
    ),
    row("other.other", "3.其他", &["3.其他", "3、其他", "3,其他", "(3)其他"], None, In::Only(Format::F2021)),
    row("total", "（七）总计", &["(七)总计", "(七)合计", "总计", "合计"], None, In::Both),
    row("carried_forward", "四、结转下年度继续办理", &["结转下年度", "下年度继续"], None, In::Both),
];

#[derive(Debug)]
pub struct ColDef {
    pub key: &'static str,
    pub label: &'static str,
}

pub const T3_COLS: [ColDef; 7] = [
    ColDef { key: "natural_person", label: "自然人" },
    ColDef { key: "commercial", label: "商业企业" },
    ColDef { key: "research", label: "科研机构" },
    ColDef { key: "social", label: "社会公益组织" },
    ColDef { key: "legal", label: "法律服务机构" },
    ColDef { key: "other", label: "其他" },
    ColDef { key: "total", label: "总计" },
];

/// Table 4 as the same shape as table 3: one row per block (行政复议 and the two kinds of
/// 行政诉讼), five columns each. It is printed as one line of 15 numbers.
pub const T4_ROWS: &[RowDef] = &[
    row("review", "行政复议", &[], None, In::Both),
    row("litigation_direct", "行政诉讼·未经复议直接起诉", &[], None, In::Both),
    row("litigation_after_review", "行政诉讼·复议后起诉", &[], None, In::Both),
];
pub const T4_COLS: [ColDef; 5] = [
    ColDef { key: "upheld", label: "结果维持" },
    ColDef { key: "corrected", label: "结果纠正" },
    ColDef { key: "other", label: "其他结果" },
    ColDef { key: "pending", label: "尚未审结" },
    ColDef { key: "total", label: "总计" },
];
/// Table 4's header words, whole and in the pieces a PDF's copied text stacks them in;
/// the data row follows the last of a close run of them with no number in between.
pub const T4_HEADER_NEEDLES: &[&str] = &[
    "行政复议",
    "行政诉讼",
    "未经复议直接起诉",
    "复议后起诉",
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "总计",
    "合计",
    "结果",
    "维持",
    "纠正",
    "其他",
    "尚未",
    "审结",
    "起诉",
];
/// Where table 3's header starts; row labels are searched after it, not in prose before.
pub const T3_HEADER_NEEDLES: &[&str] = &["勾稽关系", "申请人情况"];

/// Table 2: a block of the 第二十条 table, its rows and columns, per format.
pub struct T2Row {
    /// The block it is printed under, e.g. 第二十条第（一）项.
    pub block: &'static str,
    pub key: &'static str,
    pub label: &'static str,
    pub needles: &'static [&'static str],
    pub cols: &'static [ColDef],
    pub formats: In,
}

const C19_DOCS: &[ColDef] = &[
    ColDef { key: "new_made", label: "本年新制作数量" },
    ColDef { key: "new_published", label: "本年新公开数量" },
    ColDef { key: "total_published", label: "对外公开总数量" },
];
const C19_ITEMS: &[ColDef] = &[
    ColDef { key: "prev_items", label: "上一年项目数量" },
    ColDef { key: "change", label: "本年增/减" },
    ColDef { key: "decisions", label: "处理决定数量" },
];
const C19_FEES: &[ColDef] = &[ColDef { key: "prev_items", label: "上一年项目数量" }, ColDef { key: "change", label: "本年增/减" }];
const C19_PROC: &[ColDef] = &[ColDef { key: "projects", label: "采购项目数量" }, ColDef { key: "amount", label: "采购总金额" }];
const C21_DOCS: &[ColDef] = &[
    ColDef { key: "issued", label: "本年制发件数" },
    ColDef { key: "repealed", label: "本年废止件数" },
    ColDef { key: "in_force", label: "现行有效件数" },
];
const C21_DEC: &[ColDef] = &[ColDef { key: "decisions", label: "本年处理决定数量" }];
const C21_FEES: &[ColDef] = &[ColDef { key: "amount", label: "本年收费金额（万元）" }];

const F19: In = In::Only(Format::F2019);
const F21: In = In::Only(Format::F2021);

const fn t2(
    block: &'static str,
    key: &'static str,
    label: &'static str,
    needles: &'static [&'static str],
    cols: &'static [ColDef],
    formats: In,
) -> T2Row {
    T2Row { block, key, label, needles, cols, formats }
}

const B1: &str = "第二十条第（一）项";
const B5: &str = "第二十条第（五）项";
const B6: &str = "第二十条第（六）项";
const B8: &str = "第二十条第（八）项";
const B9: &str = "第二十条第（九）项";

#[rustfmt::skip]
pub const T2_ROWS: &[T2Row] = &[
    t2(B1, "regulations", "规章", &["规章"], C19_DOCS, F19),
    t2(B1, "normative_documents", "规范性文件", &["规范性文件"], C19_DOCS, F19),
    t2(B5, "licensing", "行政许可", &["行政许可"], C19_ITEMS, F19),
    t2(B5, "other_services", "其他对外管理服务事项", &["其他对外管理服务事项", "对外管理服务"], C19_ITEMS, F19),
    t2(B6, "penalty", "行政处罚", &["行政处罚"], C19_ITEMS, F19),
    t2(B6, "enforcement", "行政强制", &["行政强制"], C19_ITEMS, F19),
    t2(B8, "fees", "行政事业性收费", &["行政事业性收费", "事业性收费"], C19_FEES, F19),
    t2(B9, "procurement", "政府集中采购", &["政府集中采购", "集中采购"], C19_PROC, F19),
    t2(B1, "regulations", "规章", &["规章"], C21_DOCS, F21),
    t2(B1, "normative_documents", "行政规范性文件", &["行政规范性文件", "规范性文件"], C21_DOCS, F21),
    t2(B5, "licensing", "行政许可", &["行政许可"], C21_DEC, F21),
    t2(B6, "penalty", "行政处罚", &["行政处罚"], C21_DEC, F21),
    t2(B6, "enforcement", "行政强制", &["行政强制"], C21_DEC, F21),
    t2(B8, "fees", "行政事业性收费", &["行政事业性收费", "事业性收费"], C21_FEES, F21),
];

/// Block markers and header words of table 2; they end the previous row's numbers.
pub const T2_STOPS: &[&str] = &["第二十条", "信息内容"];

/// The three tables of a report, by their number in the official template.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TableId {
    T2,
    T3,
    T4,
}

impl TableId {
    /// The contract's name, the first part of every cell name (`table3.granted.total`).
    pub fn name(self) -> &'static str {
        match self {
            TableId::T2 => "table2",
            TableId::T3 => "table3",
            TableId::T4 => "table4",
        }
    }
    pub fn zh(self) -> &'static str {
        match self {
            TableId::T2 => "表二",
            TableId::T3 => "表三",
            TableId::T4 => "表四",
        }
    }
}

/// Tables 3 and 4, whose cells are bound by identities: rows, columns, and how many
/// template rows one printed line holds (table 4 prints its three blocks on one line).
pub struct TableDef {
    pub id: TableId,
    pub rows: &'static [RowDef],
    pub cols: &'static [ColDef],
    pub rows_per_line: usize,
}

pub const T3: TableDef = TableDef { id: TableId::T3, rows: T3_ROWS, cols: &T3_COLS, rows_per_line: 1 };
pub const T4: TableDef = TableDef { id: TableId::T4, rows: T4_ROWS, cols: &T4_COLS, rows_per_line: 3 };

impl TableDef {
    /// The rows that carry numbers in `f`, in template order.
    pub fn data_rows(&self, f: Format) -> impl Iterator<Item = &'static RowDef> {
        self.rows.iter().filter(move |r| r.formats.has(f) && !r.group)
    }
}

/// Whether an identity holds in every column (its sides name rows) or in every row (its
/// sides name columns).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Each {
    Column,
    Row,
}

/// An identity the template makes true: the parts add up to the totals, in every column
/// or every row of a table. A side names rows (or columns) by key; a key also takes in
/// its sub-rows (`denied` is every `denied.*`), so one declaration serves both formats.
#[derive(Debug)]
pub struct IdentityDef {
    /// The id in rules.md (H1…H4) of the rule that judges it.
    pub rule: &'static str,
    pub table: TableId,
    pub each: Each,
    pub parts: &'static [&'static str],
    /// The printed totals the parts are compared with.
    pub totals: &'static [&'static str],
    /// How a message names the two sides, e.g. "本年新收+上年结转".
    pub parts_name: &'static str,
    pub totals_name: &'static str,
}

#[rustfmt::skip]
pub const IDENTITIES: &[IdentityDef] = &[
    IdentityDef { rule: "H1", table: TableId::T3, each: Each::Column,
        parts: &["new_received", "carried_over"], totals: &["total", "carried_forward"],
        parts_name: "本年新收+上年结转", totals_name: "（七）总计+结转下年度" },
    IdentityDef { rule: "H2", table: TableId::T3, each: Each::Row,
        parts: &["natural_person", "commercial", "research", "social", "legal", "other"], totals: &["total"],
        parts_name: "六类申请人之和", totals_name: "总计" },
    IdentityDef { rule: "H3", table: TableId::T3, each: Each::Column,
        parts: &["granted", "partially_granted", "denied", "unable", "not_handled", "other"], totals: &["total"],
        parts_name: "各办理结果之和", totals_name: "（七）总计" },
    IdentityDef { rule: "H4", table: TableId::T4, each: Each::Row,
        parts: &["upheld", "corrected", "other", "pending"], totals: &["total"],
        parts_name: "结果维持、结果纠正、其他结果、尚未审结之和", totals_name: "总计" },
];

/// Whether `key` is named by `sel` on an identity's side: itself or one of its sub-rows.
pub fn selects(sel: &str, key: &str) -> bool {
    key.strip_prefix(sel).is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
}

pub fn t3_rows(f: Format) -> impl Iterator<Item = &'static RowDef> {
    T3_ROWS.iter().filter(move |r| r.formats.has(f))
}
pub fn t3_data_rows(f: Format) -> impl Iterator<Item = &'static RowDef> {
    t3_rows(f).filter(|r| !r.group)
}
pub fn t2_rows(f: Format) -> impl Iterator<Item = &'static T2Row> {
    T2_ROWS.iter().filter(move |r| r.formats.has(f))
}
/// Table 4's cells in printed order, as the contract names them (`review.upheld`, …).
pub fn t4_keys() -> Vec<String> {
    T4_ROWS.iter().flat_map(|b| T4_COLS.iter().map(move |c| format!("{}.{}", b.key, c.key))).collect()
}
