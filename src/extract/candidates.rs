//! The readings a row's tokens allow. Most rows allow exactly one; a row with a lost or
//! an extra cell, or a flat digit run, allows several, and the row's own identity
//! (total = sum of its parts) keeps only those that can be true.

use super::tokens::Tok;
use crate::model::Span;

#[derive(Clone, Debug, PartialEq)]
pub struct Guess {
    pub value: Option<i64>,
    pub span: Option<Span>,
}

pub type Cand = Vec<Guess>;

/// What the row's text looked like, for the extraction finding.
#[derive(Clone, Debug, PartialEq)]
pub enum Issue {
    Clean,
    /// n cells printed where k belong.
    TooFew(usize),
    TooMany(usize),
    /// Digit runs without separators had to be split.
    Split(String),
    /// Nothing could be made of it.
    Unreadable(String),
}

#[derive(Clone, Debug)]
pub struct RowRead {
    pub cands: Vec<Cand>,
    /// No reading satisfies the row's own identity: `cands` holds every raw reading, to be
    /// chosen by the other rows (a wrong number in a flat row).
    pub broken: bool,
    pub issue: Issue,
    /// For a row that lost one cell: the cells as printed, to be placed by the other rows
    /// when no placement by the row's own sum fits them (the row also has a wrong number).
    pub printed: Option<Cand>,
}

impl RowRead {
    pub fn none() -> RowRead {
        RowRead { cands: Vec::new(), broken: false, issue: Issue::Clean, printed: None }
    }
}

/// Sums within a row: (addend columns, total column).
pub type RowSums = [(std::ops::Range<usize>, usize)];

const MAX_CANDS: usize = 20_000;

pub fn read_row(toks: &[Tok], k: usize, sums: &RowSums, exact: bool) -> RowRead {
    let n = toks.len();
    let has_runs = toks.iter().any(|t| matches!(t, Tok::Run(..)));
    if n == k {
        let cand: Cand = toks.iter().map(single).collect();
        return RowRead { cands: vec![cand], broken: false, issue: Issue::Clean, printed: None };
    }
    if n < k && has_runs {
        let raw = runs_text(toks);
        let strict = enumerate(toks, k, sums, true);
        // Space-separated numbers one short: a lost cell is as likely as two glued ones.
        let lost = if k - n == 1 { insertions(toks, k, sums) } else { RowRead::none() };
        let printed = lost.printed.clone();
        let lost = lost.cands;
        if !strict.is_empty() || !lost.is_empty() {
            let issue = if strict.is_empty() { Issue::TooFew(n) } else { Issue::Split(raw) };
            return RowRead { cands: dedupe(strict.into_iter().chain(lost).collect()), broken: false, issue, printed };
        }
        let loose = enumerate(toks, k, sums, false);
        if !loose.is_empty() {
            return RowRead { cands: dedupe(loose), broken: true, issue: Issue::Split(raw), printed: None };
        }
        return RowRead { cands: Vec::new(), broken: false, issue: Issue::Unreadable(raw), printed: None };
    }
    if n > k {
        let trims = edge_trims(toks, k, exact);
        if !trims.is_empty() {
            // Word pastes add an empty cell before the numbers or a tab after them.
            return pick(trims, sums, Issue::Clean);
        }
        // More than edge blanks: drop those, then an extra printed cell.
        let lead = toks.iter().take_while(|t| matches!(t, Tok::Blank(_))).count();
        let mut rest = &toks[lead..];
        if !exact {
            let trail = rest.iter().rev().take_while(|t| matches!(t, Tok::Blank(_))).count();
            rest = &rest[..rest.len() - trail];
        }
        return match rest.len().cmp(&k) {
            std::cmp::Ordering::Greater => deletions(rest, k, sums, rest.len()),
            _ => read_row(rest, k, sums, exact),
        };
    }
    if toks.iter().any(|t| matches!(t, Tok::Blank(_))) {
        return pick(blank_insertions(toks, k), sums, Issue::TooFew(n));
    }
    insertions(toks, k, sums)
}

/// The readings left after dropping `n - k` blanks from the two ends of the row.
fn edge_trims(toks: &[Tok], k: usize, exact: bool) -> Vec<Cand> {
    let n = toks.len();
    let lead = toks.iter().take_while(|t| matches!(t, Tok::Blank(_))).count();
    let trail = if exact { 0 } else { toks.iter().rev().take_while(|t| matches!(t, Tok::Blank(_))).count() };
    let d = n - k;
    (0..=d.min(lead)).filter(|i| d - i <= trail).map(|i| toks[i..n - (d - i)].iter().map(single).collect()).collect()
}

/// Merged blank cells: the missing ones are blanks, at any place.
fn blank_insertions(toks: &[Tok], k: usize) -> Vec<Cand> {
    let base: Cand = toks.iter().map(single).collect();
    (0..=toks.len())
        .map(|p| {
            let mut c = base.clone();
            for _ in toks.len()..k {
                c.insert(p, Guess { value: None, span: None });
            }
            c
        })
        .collect()
}

/// Prefers the readings whose totals add up, then those whose totals are printed at all
/// (a total column is rarely left blank; a reading that hides a wrong total in a blank
/// would hide the error). Blanks count as 0 for choosing only.
fn pick(opts: Vec<Cand>, sums: &RowSums, issue: Issue) -> RowRead {
    let tier = |c: &Cand| {
        let printed = sums.iter().all(|(_, tot)| c[*tot].value.is_some());
        let holds = printed
            && sums.iter().all(|(add, tot)| add.clone().map(|i| c[i].value.unwrap_or(0)).sum::<i64>() == c[*tot].value.unwrap_or(0));
        holds as u8 * 2 + printed as u8
    };
    let best = opts.iter().map(tier).max().unwrap_or(0);
    let cands = dedupe(opts.into_iter().filter(|c| tier(c) == best).collect());
    RowRead { cands, broken: false, issue, printed: None }
}

fn single(t: &Tok) -> Guess {
    match t {
        Tok::Blank(s) => Guess { value: None, span: Some(*s) },
        Tok::Num(v, s) => Guess { value: v.as_int(), span: Some(*s) },
        Tok::Run(d, _, s) => Guess { value: d.parse().ok(), span: Some(*s) },
    }
}

fn runs_text(toks: &[Tok]) -> String {
    toks.iter()
        .map(|t| match t {
            Tok::Blank(_) => "/".to_string(),
            Tok::Num(v, _) => v.to_string(),
            Tok::Run(d, _, _) => d.clone(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn sums_hold(c: &Cand, sums: &RowSums) -> bool {
    sums.iter().all(|(add, tot)| {
        let parts: Option<i64> = add.clone().map(|i| c[i].value).sum();
        match (parts, c[*tot].value) {
            (Some(p), Some(t)) => p == t,
            _ => true, // a blank can't be judged here
        }
    })
}

fn dedupe(mut v: Vec<Cand>) -> Vec<Cand> {
    let mut seen = std::collections::HashSet::new();
    v.retain(|c| seen.insert(c.iter().map(|g| g.value).collect::<Vec<_>>()));
    v
}

/// More cells than columns: an artefact cell (a page number, a doubled cell) to drop.
fn deletions(toks: &[Tok], k: usize, sums: &RowSums, printed: usize) -> RowRead {
    let n = toks.len();
    let drop = n - k;
    let issue = Issue::TooMany(printed);
    if drop > 3 {
        return RowRead { cands: Vec::new(), broken: false, issue, printed: None };
    }
    let mut all = Vec::new();
    combos(n, drop, &mut Vec::new(), 0, &mut |del| {
        let c: Cand = toks.iter().enumerate().filter(|(i, _)| !del.contains(i)).map(|(_, t)| single(t)).collect();
        all.push(c);
    });
    let valid: Vec<Cand> = all.iter().filter(|c| sums_hold(c, sums)).cloned().collect();
    if valid.is_empty() {
        RowRead { cands: dedupe(all), broken: true, issue, printed: None }
    } else {
        RowRead { cands: dedupe(valid), broken: false, issue, printed: None }
    }
}

fn combos(n: usize, r: usize, cur: &mut Vec<usize>, from: usize, f: &mut dyn FnMut(&[usize])) {
    if cur.len() == r {
        f(cur);
        return;
    }
    for i in from..n {
        cur.push(i);
        combos(n, r, cur, i + 1, f);
        cur.pop();
    }
}

/// One cell fewer than columns and no blank printed: a cell was lost (PDF), and the row
/// identity gives its value wherever it was.
fn insertions(toks: &[Tok], k: usize, sums: &RowSums) -> RowRead {
    let n = toks.len();
    let issue = Issue::TooFew(n);
    let base: Cand = toks.iter().map(single).collect();
    if k - n != 1 || n == 0 {
        return RowRead { cands: Vec::new(), broken: false, issue, printed: None };
    }
    let mut out = Vec::new();
    for p in 0..k {
        let mut c = base.clone();
        c.insert(p, Guess { value: None, span: None });
        if let Some((add, tot)) = sums.iter().find(|(a, t)| a.contains(&p) || *t == p) {
            let others: Option<i64> = add.clone().filter(|&i| i != p).map(|i| c[i].value).sum();
            let v = if *tot == p { others } else { c[*tot].value.zip(others).map(|(t, o)| t - o) };
            match v {
                Some(v) if v >= 0 => c[p].value = Some(v),
                Some(_) => continue,
                None => {}
            }
        }
        out.push(c);
    }
    RowRead { cands: dedupe(out), broken: false, issue, printed: Some(base) }
}

/// Every way to cut the runs into exactly `k` cells (no leading zeros), pruned by the
/// row's sums when `strict`.
fn enumerate(toks: &[Tok], k: usize, sums: &RowSums, strict: bool) -> Vec<Cand> {
    let mut totals: Vec<Option<std::ops::Range<usize>>> = vec![None; k];
    for (add, tot) in sums {
        if *tot < k {
            totals[*tot] = Some(add.clone());
        }
    }
    let mut e = Enum { toks, k, totals, strict, out: Vec::new(), cur: Vec::new(), nodes: 0 };
    e.rec(0, 0);
    e.out
}

struct Enum<'a> {
    toks: &'a [Tok],
    k: usize,
    totals: Vec<Option<std::ops::Range<usize>>>,
    strict: bool,
    out: Vec<Cand>,
    cur: Cand,
    nodes: usize,
}

impl Enum<'_> {
    fn rec(&mut self, ti: usize, off: usize) {
        self.nodes += 1;
        if self.out.len() >= MAX_CANDS || self.nodes > 2_000_000 {
            return;
        }
        let ci = self.cur.len();
        if ti == self.toks.len() {
            if ci == self.k {
                self.out.push(self.cur.clone());
            }
            return;
        }
        if ci == self.k || !self.room(ti, off, ci) {
            return;
        }
        match &self.toks[ti] {
            Tok::Run(d, starts, span) => {
                let rest = &d[off..];
                for m in 1..=rest.len().min(12) {
                    if rest.starts_with('0') && m > 1 {
                        break;
                    }
                    let s = starts[off];
                    let e = starts.get(off + m).copied().unwrap_or(span.1);
                    self.cur.push(Guess { value: rest[..m].parse().ok(), span: Some((s, e)) });
                    if self.fits(ci) {
                        if m == rest.len() { self.rec(ti + 1, 0) } else { self.rec(ti, off + m) }
                    }
                    self.cur.pop();
                }
            }
            t => {
                self.cur.push(single(t));
                if self.fits(ci) {
                    self.rec(ti + 1, 0);
                }
                self.cur.pop();
            }
        }
    }

    /// Cells still to fill must fit what is left: at least one per token, at most one per digit.
    fn room(&self, ti: usize, off: usize, ci: usize) -> bool {
        let left = self.k - ci;
        let min = self.toks.len() - ti;
        let max: usize = self.toks[ti..]
            .iter()
            .enumerate()
            .map(|(j, t)| match t {
                Tok::Run(d, _, _) => d.len() - if j == 0 { off } else { 0 },
                _ => 1,
            })
            .sum();
        (min..=max).contains(&left)
    }

    fn fits(&self, ci: usize) -> bool {
        if !self.strict {
            return true;
        }
        match &self.totals[ci] {
            Some(add) => {
                let parts: Option<i64> = add.clone().map(|i| self.cur[i].value).sum();
                match (parts, self.cur[ci].value) {
                    (Some(p), Some(t)) => p == t,
                    _ => true,
                }
            }
            None => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::{Mode, groups};
    use super::*;

    fn vals(c: &Cand) -> Vec<Option<i64>> {
        c.iter().map(|g| g.value).collect()
    }
    const T3: &RowSums = &[(0..6, 6)];

    fn read(s: &str, mode: Mode) -> RowRead {
        let g = groups(s, 0, s.len(), mode, false);
        read_row(&g[0], 7, T3, false)
    }

    #[test]
    fn flat_run_split_by_row_sum() {
        let r = read("801000081", Mode::Space);
        assert!(!r.broken);
        assert_eq!(r.cands.iter().map(vals).collect::<Vec<_>>(), vec![[80, 1, 0, 0, 0, 0, 81].map(Some).to_vec()]);
        let r = read("230 000023", Mode::Space);
        assert_eq!(r.cands.len(), 1);
        assert_eq!(vals(&r.cands[0]), [23, 0, 0, 0, 0, 0, 23].map(Some).to_vec());
    }

    #[test]
    fn ambiguous_flat_run_keeps_every_reading() {
        let r = read("270020130", Mode::Space);
        assert!(r.cands.len() > 1, "{:?}", r.cands.iter().map(vals).collect::<Vec<_>>());
        assert!(r.cands.iter().any(|c| vals(c) == [27, 0, 0, 2, 0, 1, 30].map(Some).to_vec()));
    }

    #[test]
    fn lost_cell_is_given_by_the_row_sum() {
        let r = read("\t5\t0\t0\t0\t0\t0", Mode::Tab);
        assert_eq!(r.issue, Issue::TooFew(6));
        assert!(r.cands.iter().all(|c| c.iter().filter(|g| g.value == Some(5)).count() == 2));
    }

    #[test]
    fn extra_zero_cell_reads_the_same_whichever_is_dropped() {
        let r = read("\t0\t0\t0\t0\t0\t0\t0\t0", Mode::Tab);
        assert_eq!(r.cands.len(), 1);
        assert_eq!(r.issue, Issue::TooMany(8));
    }

    #[test]
    fn blanks_stay_blanks() {
        let r = read("\t\t\t\t\t\t0", Mode::Tab);
        assert_eq!(vals(&r.cands[0]), vec![None, None, None, None, None, None, Some(0)]);
    }
}
