//! Checks across the reports of one run (rules.md, "Across reports"): the same body's
//! consecutive years must agree where one year hands over to the next. Y1: this year's
//! 上年结转 is last year's 结转下年度继续办理, column by column.
//!
//! A finding involving two reports is kept twice over: once for the run (`Across`, with
//! both sources; the JSON's top-level `findings`) and once in each report, pointing at that
//! report's own cell, so each report's view, counts and exit status include it.

use crate::model::{Finding, Report, Role, Target, Value};
use crate::rules::Y1;
use std::collections::HashMap;

/// A finding about several reports of the run.
#[derive(Clone, Debug)]
pub struct Across {
    pub finding: Finding,
    /// The reports involved, by `source`, earlier year first.
    pub sources: Vec<String>,
}

/// The body as reports of the same body print it differently: without white space, and
/// without the 人民政府/政府/办公室/办公厅 endings (a government's report is titled by the
/// government one year and by its office the next).
pub fn body_key(body: &str) -> String {
    let mut s: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    loop {
        let before = s.len();
        for end in ["办公室", "办公厅", "人民政府", "政府"] {
            if s.ends_with(end) && s.chars().count() > end.chars().count() + 1 {
                s.truncate(s.len() - end.len());
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

/// Runs the checks across `reports`; adds each finding to the reports it involves and
/// returns them for the run. Bodies or years that match more than one report are not
/// judged: which one is last year's would be a guess.
pub fn check(reports: &mut [Report]) -> Vec<Across> {
    let found = findings(&reports.iter().collect::<Vec<_>>());
    let mut out = Vec::new();
    for (a, copies) in found {
        for (i, f) in copies {
            reports[i].findings.push(f);
        }
        out.push(a);
    }
    for r in reports.iter_mut() {
        r.findings.sort_by_key(|f| f.rule.severity);
    }
    out
}

/// The checks across `reports` without touching them (the page keeps each report as
/// checked alone and shows it with these added): each finding for the run, and the copy
/// each report it involves gets, by index in `reports`, naming that report's own cell.
pub fn findings(reports: &[&Report]) -> Vec<(Across, [(usize, Finding); 2])> {
    let mut by_year: HashMap<(String, i32), Vec<usize>> = HashMap::new();
    for (i, r) in reports.iter().enumerate() {
        if let (Some(body), Some(year)) = (&r.body, r.year) {
            by_year.entry((body_key(body), year)).or_default().push(i);
        }
    }
    let mut pairs: Vec<(usize, usize)> = by_year
        .iter()
        .filter_map(|((body, year), now)| match (&now[..], by_year.get(&(body.clone(), year - 1)).map(|v| &v[..])) {
            ([now], Some([last])) => Some((*last, *now)),
            _ => None,
        })
        .collect();
    pairs.sort();
    let mut out = Vec::new();
    for (last, now) in pairs {
        for (a, mut mine, mut theirs) in carry_over(reports[last], reports[now]) {
            // Each report's own copy names its own cell.
            mine.labels.retain(|l| matches!(&l.target, Target::Cell(c) if c.row == "carried_over"));
            theirs.labels.retain(|l| matches!(&l.target, Target::Cell(c) if c.row == "carried_forward"));
            out.push((a, [(now, mine), (last, theirs)]));
        }
    }
    out
}

/// Y1 on one pair: for each column where both cells were read with certainty and differ,
/// the run's finding, this year's copy and last year's copy.
fn carry_over(last: &Report, now: &Report) -> Vec<(Across, Finding, Finding)> {
    let (Some(t_last), Some(t_now)) = (&last.table3, &now.table3) else { return Vec::new() };
    let (Some(r_last), Some(r_now)) =
        (t_last.rows.iter().position(|r| r.key == "carried_forward"), t_now.rows.iter().position(|r| r.key == "carried_over"))
    else {
        return Vec::new();
    };
    let (year_last, year_now) = (last.year.unwrap_or_default(), now.year.unwrap_or_default());
    let mut out = Vec::new();
    for (c, col) in t_now.rows[r_now].cols.iter().enumerate() {
        let Some(c_last) = t_last.rows[r_last].cols.iter().position(|x| x.key == col.key) else { continue };
        let (was, is) = (&t_last.rows[r_last].cells[c_last], &t_now.rows[r_now].cells[c]);
        let (Some(v_last), Some(v_now)) = (was.int().filter(|_| was.certain), is.int().filter(|_| is.certain)) else { continue };
        if v_last == v_now {
            continue;
        }
        let (name_now, name_last) = (t_now.human(r_now, c), t_last.human(r_last, c_last));
        let labelled = |f: Finding| {
            f.label(Target::Cell(t_last.at(r_last, c_last)), Role::Total, was.span).label(
                Target::Cell(t_now.at(r_now, c)),
                Role::Subject,
                is.span,
            )
        };
        let run = Finding::new(
            &Y1,
            format!(
                "{year_now}年度报告（{}）{name_now} 为 {v_now}，但{year_last}年度报告（{}）{name_last} 为 {v_last}。",
                now.source, last.source
            ),
        )
        .numbers(Some(Value::Int(v_last)), Some(Value::Int(v_now)));
        let mine = Finding::new(&Y1, format!("{name_now} 为 {v_now}，但上一年度报告（{}）{name_last} 为 {v_last}。", last.source))
            .numbers(Some(Value::Int(v_last)), Some(Value::Int(v_now)));
        let theirs = Finding::new(&Y1, format!("{name_last} 为 {v_last}，但下一年度报告（{}）{name_now} 为 {v_now}。", now.source))
            .numbers(Some(Value::Int(v_now)), Some(Value::Int(v_last)));
        out.push((
            Across { finding: labelled(run), sources: vec![last.source.clone(), now.source.clone()] },
            labelled(mine),
            labelled(theirs),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_match_across_government_and_office_titles() {
        assert_eq!(body_key("北京市朝阳区人民政府"), "北京市朝阳区");
        assert_eq!(body_key("北京市朝阳区人民政府办公室"), "北京市朝阳区");
        assert_eq!(body_key("北京市朝阳区 政府"), "北京市朝阳区");
        assert_eq!(body_key("北京市朝阳区教育委员会"), "北京市朝阳区教育委员会");
        // A body that is only the ending keeps it.
        assert_eq!(body_key("市政府"), "市政府");
    }
}
