//! Tables 2–4 drawn like the official ones (merged headers, canonical labels), every cell
//! carrying `data-cell`, `data-flagged` and a tooltip that says where it was read.

use nianbao::model::short;
use nianbao::model::{Cell, CellRef, Report, Role};
use nianbao::output::LineIndex;
use nianbao::template::{self, Format, IDENTITIES, T3_COLS, T4_COLS, TableId};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, Clone)]
pub struct TablesProps {
    pub report: Rc<Report>,
    pub lines: Rc<LineIndex>,
    /// Cells in a failing identity, and cells of the finding the user selected.
    pub flagged: Rc<HashSet<String>>,
    /// Cells that alone explain every failing identity: where to look first.
    pub causes: Rc<HashSet<String>>,
    /// Cells of the finding the user selected, with the part each plays in it.
    pub selected: Rc<HashMap<String, Role>>,
}

impl PartialEq for TablesProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.report, &o.report) && Rc::ptr_eq(&self.flagged, &o.flagged) && Rc::ptr_eq(&self.selected, &o.selected)
    }
}

#[function_component(Tables)]
pub fn tables(p: &TablesProps) -> Html {
    html! {
        <div class="tables">
            <h3>{"表三 收到和处理政府信息公开申请情况"}</h3>
            { table3(p) }
            <h3>{"表四 政府信息公开行政复议、行政诉讼情况"}</h3>
            { table4(p) }
            <h3>{"表二 主动公开政府信息情况"}</h3>
            { table2(p) }
        </div>
    }
}

fn cell(p: &TablesProps, name: String, c: &Cell) -> Html {
    let flagged = p.flagged.contains(&name);
    let role = p.selected.get(&name).copied();
    let selected = role.is_some();
    let cause = p.causes.contains(&name);
    let text = if c.certain { c.value.map(|v| v.to_string()).unwrap_or_default() } else { String::new() };
    let title = where_read(p, &name, c);
    let class = classes!(
        "num",
        flagged.then_some("flagged"),
        cause.then_some("cause"),
        selected.then_some("selected"),
        role.map(|r| format!("role-{}", r.name())),
        (!c.certain).then_some("uncertain"),
        (c.certain && c.value.is_none()).then_some("blank")
    );
    html! {
        <td class={class} data-cell={name} data-flagged={flagged.then_some("true")} data-cause={cause.then_some("true")} data-role={role.map(Role::name)} title={title}>{text}</td>
    }
}

/// "第12行第3列读出“270”，确定" — or why it is blank or uncertain.
fn where_read(p: &TablesProps, name: &str, c: &Cell) -> String {
    let t = &p.report.text;
    let place = c.span.map(|(s, e)| {
        let (l, col) = p.lines.line_col(t, s);
        let raw: String = t.get(s..e).unwrap_or("").chars().take(40).collect();
        format!("原文第{l}行第{col}列“{}”", raw.trim())
    });
    let lead = if p.causes.contains(name) { "很可能填错的格子。" } else { "" };
    let how = match (c.certain, c.value, place) {
        (true, Some(_), Some(pl)) => format!("{pl}，读取确定"),
        (true, Some(_), None) => "由勾稽关系确定（原文缺这一格）".into(),
        (true, None, Some(pl)) => format!("{pl}：空白，不按0计"),
        (true, None, None) => "空白：原文没有这一格的数字，不按0计".into(),
        (false, _, Some(pl)) => format!("{pl}：无法确定，见“读取问题”"),
        (false, _, None) => "无法确定，见“读取问题”".into(),
    };
    format!("{lead}{how}")
}

/// The rows under 三、本年度办理结果: the parts of the identity whose total is （七）总计
/// (H3), and that total itself.
fn in_results(key: &str) -> bool {
    IDENTITIES
        .iter()
        .filter(|i| i.table == TableId::T3 && i.each == template::Each::Column && i.totals == ["total"])
        .any(|i| i.parts.iter().chain(i.totals).any(|s| template::selects(s, key)))
}

fn table3(p: &TablesProps) -> Html {
    let Some(t) = &p.report.table3 else { return html! { <p class="missing">{"未找到表三。"}</p> } };
    let fmt = p.report.format.unwrap_or(Format::F2019);
    let defs: Vec<_> = template::t3_rows(fmt).collect();
    let data: Vec<_> = defs.iter().filter(|d| !d.group).collect();
    let n_results = data.iter().filter(|d| in_results(d.key)).count();
    let group_size = |g: &str| data.iter().filter(|d| d.key.split_once('.').is_some_and(|x| x.0 == g)).count();
    let group_label = |g: &str| defs.iter().find(|d| d.group && d.key == g).map_or("", |d| d.label);
    let mut seen_groups = HashSet::new();
    let rows = data.iter().map(|d| {
        let mut labels: Vec<Html> = Vec::new();
        if !in_results(d.key) {
            labels.push(html! { <th colspan="3" class="label">{d.label}</th> });
        } else {
            if d.key == "granted" {
                labels.push(html! { <th rowspan={n_results.to_string()} class="label group">{"三、本年度办理结果"}</th> });
            }
            match d.key.split_once('.') {
                Some((g, _)) => {
                    if seen_groups.insert(g) {
                        labels.push(html! { <th rowspan={group_size(g).to_string()} class="label group">{group_label(g)}</th> });
                    }
                    labels.push(html! { <th class="label">{d.label}</th> });
                }
                None => labels.push(html! { <th colspan="2" class="label">{short(d.label)}</th> }),
            }
        }
        let row = t.row(d.key);
        let cells: Html = T3_COLS
            .iter()
            .enumerate()
            .map(|(c, col)| {
                let cl = row.map_or(Cell::BLANK, |r| r.cells[c].clone());
                cell(p, CellRef { table: TableId::T3, row: d.key.into(), col: col.key }.to_string(), &cl)
            })
            .collect();
        html! { <tr data-row={d.key}>{ for labels }{cells}</tr> }
    });
    html! {
        <table class="official t3" data-table="table3">
            <thead>
                <tr>
                    <th rowspan="3" colspan="3" class="note">{"（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"}</th>
                    <th colspan="7">{"申请人情况"}</th>
                </tr>
                <tr>
                    <th rowspan="2">{"自然人"}</th>
                    <th colspan="5">{"法人或其他组织"}</th>
                    <th rowspan="2">{"总计"}</th>
                </tr>
                <tr>{ for T3_COLS[1..6].iter().map(|c| html! { <th>{c.label}</th> }) }</tr>
            </thead>
            <tbody>{ for rows }</tbody>
        </table>
    }
}

fn table4(p: &TablesProps) -> Html {
    let Some(t) = &p.report.table4 else { return html! { <p class="missing">{"未找到表四。"}</p> } };
    let heads = || T4_COLS.iter().map(|c| html! { <th>{c.label}</th> });
    let cells: Html = t.cells().map(|(r, c, x)| cell(p, t.at(r, c).to_string(), x)).collect();
    html! {
        <table class="official t4" data-table="table4">
            <thead>
                <tr><th colspan="5">{"行政复议"}</th><th colspan="10">{"行政诉讼"}</th></tr>
                <tr>
                    { for T4_COLS.iter().map(|c| html! { <th rowspan="2">{c.label}</th> }) }
                    <th colspan="5">{"未经复议直接起诉"}</th><th colspan="5">{"复议后起诉"}</th>
                </tr>
                <tr>{ for heads() }{ for heads() }</tr>
            </thead>
            <tbody><tr>{cells}</tr></tbody>
        </table>
    }
}

fn table2(p: &TablesProps) -> Html {
    let Some(t) = &p.report.table2 else { return html! { <p class="missing">{"未找到表二。"}</p> } };
    let fmt = p.report.format.unwrap_or(Format::F2019);
    let defs: Vec<_> = template::t2_rows(fmt).collect();
    let mut out: Vec<Html> = Vec::new();
    let mut block = "";
    // Rows as read, local sub-rows (`other_services/行政检查`) under their parent.
    for (r, row) in t.rows.iter().enumerate() {
        let parent = row.key.split('/').next().unwrap_or(&row.key);
        let Some(d) = defs.iter().find(|d| d.key == parent) else { continue };
        if d.block != block {
            block = d.block;
            out.push(html! { <tr class="block"><th colspan="4">{block}</th></tr> });
            out.push(html! {
                <tr><th>{"信息内容"}</th>{ for d.cols.iter().map(|c| html! { <th>{c.label}</th> }) }
                { for (d.cols.len()..3).map(|_| html! { <th></th> }) }</tr>
            });
        }
        let sub = parent != row.key;
        let cells: Html = row.cells.iter().enumerate().map(|(c, x)| cell(p, t.at(r, c).to_string(), x)).collect();
        out.push(html! {
            <tr><th class={classes!("label", sub.then_some("sub"))}>{ &row.label }</th>{cells}{ for (d.cols.len()..3).map(|_| html! { <td></td> }) }</tr>
        });
    }
    html! { <table class="official t2" data-table="table2"><tbody>{ for out }</tbody></table> }
}
