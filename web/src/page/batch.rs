//! The batch view: with more than one report open, one row per report (body, year, format,
//! errors, warnings, reading problems, carry-over mismatches with the year before or
//! after), sortable by any column and filterable, each row opening that report's full
//! view (click or Enter); under it the findings across reports, and the exports that hand
//! the batch on (.xlsx, CSV, print). The contract's hooks: `data-testid="batch-summary"`,
//! and per row `data-report` (the JSON's `source`), `data-errors`, `data-warnings` (the
//! report's findings of that severity in the JSON).

use nianbao::across::Across;
use nianbao::model::{Report, Severity};
use nianbao::rules::Y1;
use std::rc::Rc;
use yew::prelude::*;

/// A report's row, made when the open reports change (not on every render).
#[derive(Clone, PartialEq)]
pub struct Row {
    /// Which open report (its index in the app's list).
    pub index: usize,
    pub source: String,
    pub body: Option<String>,
    pub year: Option<i32>,
    pub format: Option<&'static str>,
    /// Errors and warnings the report has, reading problems apart (the command line's
    /// summary columns), and the contract's counts (every finding of that severity).
    pub errors: usize,
    pub warnings: usize,
    pub reading: usize,
    pub all_errors: usize,
    pub all_warnings: usize,
    /// Y1 findings: columns whose carry-over disagrees with the year before or after.
    pub carry: usize,
}

impl Row {
    pub fn of(index: usize, r: &Report) -> Row {
        let (errors, warnings, reading) = nianbao::output::counts(r);
        let sev = |s: Severity| r.findings.iter().filter(|f| f.rule.severity == s).count();
        Row {
            index,
            source: r.source.clone(),
            body: r.body.clone(),
            year: r.year,
            format: r.format.map(|f| f.name()),
            errors,
            warnings,
            reading,
            all_errors: sev(Severity::Error),
            all_warnings: sev(Severity::Warning),
            carry: r.findings.iter().filter(|f| std::ptr::eq(f.rule, &Y1)).count(),
        }
    }
}

/// What the batch's buttons ask the app for.
#[derive(Clone, Copy, PartialEq)]
pub enum Export {
    Xlsx,
    SummaryCsv,
    FindingsCsv,
    Print,
}

#[derive(Properties, Clone)]
pub struct BatchProps {
    pub rows: Rc<Vec<Row>>,
    pub across: Rc<Vec<Across>>,
    pub active: usize,
    pub on_open: Callback<usize>,
    pub on_export: Callback<Export>,
}

impl PartialEq for BatchProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.rows, &o.rows) && Rc::ptr_eq(&self.across, &o.across) && self.active == o.active
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Col {
    Source,
    Body,
    Year,
    Format,
    Errors,
    Warnings,
    Reading,
    Carry,
}

const COLS: [(Col, &str); 8] = [
    (Col::Source, "报告"),
    (Col::Body, "报告单位"),
    (Col::Year, "年度"),
    (Col::Format, "格式"),
    (Col::Errors, "错误"),
    (Col::Warnings, "警告"),
    (Col::Reading, "读取问题"),
    (Col::Carry, "结转不符"),
];

fn compare(col: Col, a: &Row, b: &Row) -> std::cmp::Ordering {
    // Unknown body, year or format after the known ones.
    let text = |x: &Option<String>, y: &Option<String>| (x.is_none(), x).cmp(&(y.is_none(), y));
    match col {
        Col::Source => a.source.cmp(&b.source),
        Col::Body => text(&a.body, &b.body),
        Col::Year => (a.year.is_none(), a.year).cmp(&(b.year.is_none(), b.year)),
        Col::Format => (a.format.is_none(), a.format).cmp(&(b.format.is_none(), b.format)),
        Col::Errors => a.errors.cmp(&b.errors),
        Col::Warnings => a.warnings.cmp(&b.warnings),
        Col::Reading => a.reading.cmp(&b.reading),
        Col::Carry => a.carry.cmp(&b.carry),
    }
}

#[function_component(BatchSummary)]
pub fn batch_summary(p: &BatchProps) -> Html {
    // Sorted by which column, ascending or not (None: the order the reports were opened).
    let sort = use_state_eq(|| None::<(Col, bool)>);
    let only_errors = use_state_eq(|| false);
    let filter = use_state_eq(String::new);

    // Names are Chinese or ASCII: ASCII case folding is all a filter needs (and keeps the
    // Unicode case tables out of the page).
    let needle = filter.trim().to_ascii_lowercase();
    let mut shown: Vec<&Row> = p
        .rows
        .iter()
        .filter(|r| !*only_errors || r.errors > 0 || r.carry > 0)
        .filter(|r| {
            needle.is_empty()
                || r.source.to_ascii_lowercase().contains(&needle)
                || r.body.as_ref().is_some_and(|b| b.to_ascii_lowercase().contains(&needle))
        })
        .collect();
    if let Some((col, asc)) = *sort {
        shown.sort_by(|a, b| {
            let o = compare(col, a, b);
            (if asc { o } else { o.reverse() }).then(a.index.cmp(&b.index))
        });
    }
    let with_errors = p.rows.iter().filter(|r| r.errors > 0).count();

    let head = COLS.iter().map(|&(col, name)| {
        let sort = sort.clone();
        let state = match *sort {
            Some((c, true)) if c == col => "ascending",
            Some((c, false)) if c == col => "descending",
            _ => "none",
        };
        // Numbers start with the most first; text from A.
        let first = !matches!(col, Col::Errors | Col::Warnings | Col::Reading | Col::Carry);
        let onclick = Callback::from(move |_| {
            sort.set(Some(match *sort {
                Some((c, asc)) if c == col => (col, !asc),
                _ => (col, first),
            }))
        });
        let mark = match state {
            "ascending" => " ▲",
            "descending" => " ▼",
            _ => "",
        };
        html! { <th aria-sort={state}><button class="sort" {onclick}>{ name }{ mark }</button></th> }
    });
    let rows = shown.iter().map(|r| {
        let i = r.index;
        let open = p.on_open.clone();
        let onclick = Callback::from(move |_: MouseEvent| open.emit(i));
        let open = p.on_open.clone();
        let onkeydown = Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                open.emit(i);
            }
        });
        let n = |v: usize| if v == 0 { String::new() } else { v.to_string() };
        html! {
            <tr key={r.source.clone() + "\u{0}" + &i.to_string()} tabindex="0" role="button"
                class={classes!((i == p.active).then_some("active"), (r.errors > 0).then_some("bad"))}
                aria-current={(i == p.active).then_some("true")}
                data-report={r.source.clone()} data-errors={r.all_errors.to_string()} data-warnings={r.all_warnings.to_string()}
                {onclick} {onkeydown}>
                <td class="src" title={r.source.clone()}>{ &r.source }</td>
                <td title={r.body.clone()}>{ r.body.clone().unwrap_or_else(|| "未能识别".into()) }</td>
                <td>{ r.year.map_or("—".into(), |y| y.to_string()) }</td>
                <td>{ r.format.map_or("—".into(), |f| format!("{f}年")) }</td>
                <td class="n err">{ n(r.errors) }</td>
                <td class="n">{ n(r.warnings) }</td>
                <td class="n">{ n(r.reading) }</td>
                <td class="n err">{ n(r.carry) }</td>
            </tr>
        }
    });
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| filter.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    let on_only = {
        let only_errors = only_errors.clone();
        Callback::from(move |e: Event| only_errors.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().checked()))
    };
    let export = |what: Export| {
        let cb = p.on_export.clone();
        Callback::from(move |_: MouseEvent| cb.emit(what))
    };
    html! {
        <section class="batch" data-testid="batch-summary" aria-label="批量汇总">
            <div class="batch-head">
                <h2>{ format!("汇总：{} 份报告，{} 份有错误", p.rows.len(), with_errors) }</h2>
                <div class="batch-actions">
                    <button data-testid="download-xlsx" onclick={export(Export::Xlsx)}>{"下载 Excel"}</button>
                    <button data-testid="download-summary-csv" onclick={export(Export::SummaryCsv)}>{"汇总 CSV"}</button>
                    <button data-testid="download-findings-csv" onclick={export(Export::FindingsCsv)}>{"问题清单 CSV"}</button>
                    <button data-testid="print-batch" onclick={export(Export::Print)}>{"打印汇总"}</button>
                </div>
            </div>
            <div class="batch-filter">
                <label><input type="checkbox" data-testid="batch-only-errors" checked={*only_errors} onchange={on_only} />{"只看有错误的"}</label>
                <input type="search" data-testid="batch-filter" placeholder="按报告名或单位筛选" aria-label="按报告名或单位筛选"
                    value={(*filter).clone()} oninput={on_filter} />
                { if shown.len() < p.rows.len() { html! { <span class="muted">{ format!("显示 {} / {} 份", shown.len(), p.rows.len()) }</span> } } else { html! {} } }
            </div>
            <div class="batch-scroll">
                <table class="batch-table">
                    // Fixed widths: a table of hundreds of rows is laid out without measuring them.
                    <colgroup>
                        <col class="w-src" /><col class="w-body" /><col class="w-n" /><col class="w-fmt" />
                        <col class="w-n" /><col class="w-n" /><col class="w-n" /><col class="w-n" />
                    </colgroup>
                    <thead><tr>{ for head }</tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            { across_list(&p.across) }
        </section>
    }
}

/// The findings that involve several reports (Y1), each naming both.
fn across_list(across: &[Across]) -> Html {
    if across.is_empty() {
        return html! {};
    }
    html! {
        <div class="across" data-testid="batch-across">
            <h3>{ format!("跨报告检查：{} 处上下年度结转不符", across.len()) }</h3>
            <ul>
                { for across.iter().map(|a| html! {
                    // Not data-rule: each report's own copy is the finding; this names both.
                    <li data-across={a.finding.rule.id.unwrap_or(a.finding.rule.code)} data-sources={a.sources.join("\n")}>{ &a.finding.message }</li>
                }) }
            </ul>
        </div>
    }
}

#[derive(Properties, Clone)]
pub struct TabsProps {
    pub rows: Rc<Vec<Row>>,
    pub active: usize,
    pub on_open: Callback<usize>,
}

impl PartialEq for TabsProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.rows, &o.rows) && self.active == o.active
    }
}

/// The open reports as tabs above the text box, each with its errors and a mark when its
/// carry-over disagrees with the year before or after. Drawn again only when the open
/// reports change, not on every progress step of a batch.
#[function_component(DocTabs)]
pub fn doc_tabs(p: &TabsProps) -> Html {
    html! {
        <div class="tabs" role="tablist" data-testid="doc-tabs">
            { for p.rows.iter().map(|r| {
                let (i, open) = (r.index, p.on_open.clone());
                html! {
                    <button role="tab" aria-selected={(i == p.active).to_string()} class={classes!((i == p.active).then_some("active"))}
                        onclick={Callback::from(move |_| open.emit(i))}>
                        { &r.source }{ if r.all_errors > 0 { html! { <span class="badge">{r.all_errors}</span> } } else { html! {} } }
                        { if r.carry > 0 { html! { <span class="badge warn" title="与上下年度报告的结转数不符">{"结转"}</span> } } else { html! {} } }
                    </button>
                }
            }) }
        </div>
    }
}
