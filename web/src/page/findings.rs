//! The findings, most severe first, each a keyboard-reachable button carrying the
//! contract's `data-rule`, `data-severity` and `data-kind`.

use nianbao::model::Report;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, Clone)]
pub struct FindingsProps {
    pub report: Rc<Report>,
    pub selected: Option<usize>,
    pub on_select: Callback<usize>,
}

impl PartialEq for FindingsProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.report, &o.report) && self.selected == o.selected
    }
}

#[function_component(Findings)]
pub fn findings(p: &FindingsProps) -> Html {
    let fs = &p.report.findings;
    if fs.is_empty() {
        return html! { <p class="ok" data-testid="no-findings">{"未发现问题：各章节齐全，勾稽关系全部成立。"}</p> };
    }
    let errors = fs.iter().filter(|f| f.rule.severity == nianbao::model::Severity::Error).count();
    let arith = fs.iter().filter(|f| f.is_imbalance()).count();
    html! {
        <>
        <p class="tally">{ format!("共 {} 条：错误 {} 条（其中计算不平 {} 处），点一条可在表中和原文中定位。", fs.len(), errors, arith) }</p>
        <ol class="findings" data-testid="findings">
            { for fs.iter().enumerate().map(|(i, f)| {
                let on_select = p.on_select.clone();
                let onclick = Callback::from(move |_: MouseEvent| on_select.emit(i));
                let on_select = p.on_select.clone();
                let onkeydown = Callback::from(move |e: KeyboardEvent| {
                    if e.key() == "Enter" || e.key() == " " {
                        e.prevent_default();
                        on_select.emit(i);
                    }
                });
                let sev = f.rule.severity.name();
                let class = classes!("finding", sev, (p.selected == Some(i)).then_some("selected"));
                html! {
                    <li class={class} tabindex="0" role="button"
                        data-rule={f.rule.id.unwrap_or("")} data-code={f.rule.code}
                        data-severity={sev} data-kind={f.rule.kind.name()}
                        aria-pressed={(p.selected == Some(i)).to_string()}
                        {onclick} {onkeydown}>
                        <span class="sev">{ f.rule.severity.zh() }</span>
                        <span class="rule">{ f.rule.id.unwrap_or(f.rule.code) }</span>
                        <span class="msg">{ &f.message }</span>
                    </li>
                }
            }) }
        </ol>
        </>
    }
}
