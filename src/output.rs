//! The contract's JSON (schema 1, shared/spec/contract.md) and the text for people.

use crate::model::{Cell, Report, Table, Value};
use serde_json::{Map, Value as J, json};

pub const SCHEMA: u32 = 1;

fn num(v: Option<Value>) -> J {
    match v {
        Some(Value::Int(i)) => json!(i),
        Some(Value::Dec(d)) => json!(d),
        None => J::Null,
    }
}

/// A cell as the contract prints it: its number, or null when blank or not certain.
fn cell(c: &Cell) -> J {
    if c.certain { num(c.value) } else { J::Null }
}

fn rows(t: &Table) -> J {
    let rows: Vec<J> = t
        .rows
        .iter()
        .map(|r| {
            let cells: Map<String, J> = r.cols.iter().zip(&r.cells).map(|(k, c)| (k.clone(), cell(c))).collect();
            json!({"key": r.key, "cells": cells})
        })
        .collect();
    json!({ "rows": rows })
}

pub fn report_json(r: &Report) -> J {
    let sections: Vec<J> = r.sections.iter().map(|s| json!({"number": s.number, "heading": s.heading, "found": s.found})).collect();
    let table4 = r.table4.as_ref().map(|t| {
        let cells: Map<String, J> = t.columns.iter().zip(&t.rows[0].cells).map(|(k, c)| (k.clone(), cell(c))).collect();
        json!({ "cells": cells })
    });
    let findings: Vec<J> = r
        .findings
        .iter()
        .map(|f| {
            let mut m = Map::new();
            m.insert("rule".into(), f.rule.id.map_or(J::Null, |s| json!(s)));
            m.insert("code".into(), json!(f.rule.code));
            m.insert("severity".into(), json!(f.rule.severity.name()));
            m.insert("kind".into(), json!(f.rule.kind.name()));
            m.insert("message".into(), json!(f.message));
            m.insert("cells".into(), json!(f.cells));
            if f.expected.is_some() || f.actual.is_some() {
                m.insert("expected".into(), num(f.expected));
                m.insert("actual".into(), num(f.actual));
            }
            J::Object(m)
        })
        .collect();
    json!({
        "source": r.source,
        "format": r.format.map(|f| f.name()),
        "year": r.year,
        "sections": sections,
        "table2": r.table2.as_ref().map(rows),
        "table3": r.table3.as_ref().map(rows),
        "table4": table4,
        "findings": findings,
    })
}

pub fn json_document(reports: &[Report]) -> String {
    let v = json!({ "schema": SCHEMA, "reports": reports.iter().map(report_json).collect::<Vec<_>>() });
    serde_json::to_string_pretty(&v).expect("JSON of plain values")
}

/// Line and column (1-based, in characters) of a byte offset, for people.
pub fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..crate::normalize::floor_boundary(text, at)];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

pub fn report_text(r: &Report) -> String {
    let mut s = String::new();
    let fmt = r.format.map_or("未能判断".to_string(), |f| format!("{}年格式", f.name()));
    s.push_str(&format!("== {}\n", r.source));
    s.push_str(&format!(
        "报告单位：{}  年度：{}  格式：{}\n",
        r.body.as_deref().unwrap_or("未能识别"),
        r.year.map_or("未能识别".into(), |y| y.to_string()),
        fmt
    ));
    let found: Vec<String> = r
        .sections
        .iter()
        .map(|x| format!("{}{}", crate::template::SECTIONS[x.number as usize - 1].ordinal, if x.found { "✓" } else { "✗" }))
        .collect();
    s.push_str(&format!("章节：{}\n", found.join(" ")));
    if r.findings.is_empty() {
        s.push_str("未发现问题。\n");
    }
    for f in &r.findings {
        let at = f.span.map(|sp| {
            let (l, c) = line_col(&r.text, sp.0);
            format!(" （第{l}行第{c}列）")
        });
        s.push_str(&format!("[{}] {} {}{}\n", f.rule.severity.zh(), f.rule.id.unwrap_or(f.rule.code), f.message, at.unwrap_or_default()));
    }
    s
}
