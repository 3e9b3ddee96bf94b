//! The readings a printed line's tokens allow. Most lines allow exactly one; a line with
//! a lost or an extra cell, or a flat digit run, allows several, and the line's own
//! identities (total = sum of its parts, judged by `identity::judge`) keep only those
//! that can be true. Splitting digit runs is bounded: past the bound the line is read as
//! nothing rather than as the first readings found.

use super::tokens::Tok;
use crate::identity::{Identity, Read, judge};
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
    /// Its numbers are somewhere in a stream of numbers separated from the labels, which
    /// cannot be cut into rows with certainty there (`stream`).
    Unplaced,
}

#[derive(Clone, Debug)]
pub struct LineRead {
    pub cands: Vec<Cand>,
    /// No reading satisfies the line's own identities: `cands` holds every raw reading, to
    /// be chosen by the other lines (a wrong number in a flat row).
    pub broken: bool,
    /// Splitting the digit runs hit its bound: `cands` is incomplete and decides nothing.
    pub gave_up: bool,
    pub issue: Issue,
    /// For a line that lost one cell: the cells as printed, to be placed by the other
    /// lines when no placement by the line's own sum fits them (it also has a wrong number).
    pub printed: Option<Cand>,
    /// For a split digit run: its tokens, to look for the split the other lines imply
    /// (`splits_near`) in case a printed number is wrong and a split that adds up within
    /// the line is a misreading.
    pub toks: Vec<Tok>,
    /// Cut from a stream of one cell a line right after numbers the stream lost: the
    /// text's order broke there, and may have listed the row's cells out of their columns'
    /// order (`extract::columns_open`).
    pub loose: bool,
}

impl LineRead {
    pub fn none() -> LineRead {
        LineRead { cands: Vec::new(), broken: false, gave_up: false, issue: Issue::Clean, printed: None, toks: Vec::new(), loose: false }
    }
    /// A line with no reading, and why.
    pub fn none_with(issue: Issue) -> LineRead {
        LineRead { issue, ..LineRead::none() }
    }
    fn of(cands: Vec<Cand>, issue: Issue) -> LineRead {
        LineRead { cands, issue, ..LineRead::none() }
    }
}

/// Readings of one line kept at most; more means the line is too ambiguous to settle.
const MAX_CANDS: usize = 20_000;
/// Steps the digit-run splitter may take for one line, and for all lines of a table.
const MAX_STEPS: usize = 200_000;
pub const TABLE_STEPS: usize = 400_000;

/// What is left of a table's splitting steps: a page of long digit runs costs the same
/// bounded time as one such row, and the rows past the bound are read as nothing.
pub struct Budget(std::cell::Cell<usize>);

impl Budget {
    pub fn new(steps: usize) -> Budget {
        Budget(std::cell::Cell::new(steps))
    }
}
/// The most digits one cell may have (a count under a trillion).
const MAX_DIGITS: usize = super::tokens::MAX_COUNT_DIGITS;

/// Whether a reading breaks none of the line's identities (blanks as `identity::judge`
/// takes them).
fn holds(c: &Cand, sums: &[Identity]) -> bool {
    sums.iter().all(|id| !judge(id, |_, i| read_cell(&c[i])).broken())
}

/// Whether every identity of the line holds with a number on each side (not merely
/// unbroken: a side all blank is not judged).
fn adds_up(c: &Cand, sums: &[Identity]) -> bool {
    sums.iter().all(|id| matches!(judge(id, |_, i| read_cell(&c[i])), crate::identity::Verdict::Holds { .. }))
}

/// Whether a line of exactly one number a cell breaks none of its identities.
pub fn line_holds(toks: &[Tok], sums: &[Identity]) -> bool {
    toks.iter().all(|t| matches!(t, Tok::Num(crate::model::Value::Int(_), _))) && holds(&toks.iter().map(single).collect(), sums)
}

fn read_cell(g: &Guess) -> Read {
    g.value.map_or(Read::Blank, Read::Val)
}

pub fn read_line(toks: &[Tok], k: usize, sums: &[Identity], exact: bool, budget: &Budget) -> LineRead {
    let n = toks.len();
    let has_runs = toks.iter().any(|t| matches!(t, Tok::Run { .. }));
    if n == k {
        return LineRead::of(vec![toks.iter().map(single).collect()], Issue::Clean);
    }
    // Numbers each standing apart (text between every two) are as many cells as numbers:
    // fewer than the columns means cells printed nowhere (blanks), not digits glued
    // together, and cutting "119" into 1|1|9 would invent cells.
    if n < k && has_runs && !apart(toks) {
        let raw = runs_text(toks);
        let Some(strict) = splits(toks, k, sums, true, budget) else {
            return LineRead { gave_up: true, ..LineRead::of(Vec::new(), Issue::Split(raw)) };
        };
        // Space-separated numbers one short: a lost cell is as likely as two glued ones.
        let lost = if k - n == 1 { insertions(toks, k, sums) } else { LineRead::none() };
        if !strict.is_empty() || !lost.cands.is_empty() {
            let issue = if strict.is_empty() { Issue::TooFew(n) } else { Issue::Split(raw) };
            let cands = dedupe(strict.into_iter().chain(lost.cands).collect());
            return LineRead { printed: lost.printed, toks: toks.to_vec(), ..LineRead::of(cands, issue) };
        }
        return match splits(toks, k, sums, false, budget) {
            None => LineRead { gave_up: true, ..LineRead::of(Vec::new(), Issue::Split(raw)) },
            Some(loose) if !loose.is_empty() => LineRead { broken: true, ..LineRead::of(dedupe(loose), Issue::Split(raw)) },
            Some(_) => LineRead::of(Vec::new(), Issue::Unreadable(raw)),
        };
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
            _ => read_line(rest, k, sums, exact, budget),
        };
    }
    if toks.iter().any(|t| matches!(t, Tok::Blank(_))) {
        return pick(blank_insertions(toks, k), sums, Issue::TooFew(n));
    }
    insertions(toks, k, sums)
}

/// Whether the tokens are the row's cells standing apart: more than two, every two
/// neighbours with text (a space, at least) between them, none with a leading 0 (no count
/// is printed "00": that is two cells glued; "230 000023" is flat text a line break cut,
/// 23|0|0|0|0|0|23).
fn apart(toks: &[Tok]) -> bool {
    let glued = |t: &Tok| matches!(t, Tok::Run { digits, .. } if digits.len() > 1 && digits.starts_with('0'));
    toks.len() > 2 && !toks.iter().any(glued) && super::tokens::separated(toks)
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

/// Prefers the readings whose totals are printed and add up, then those whose totals are
/// printed at all (a total column is rarely left blank; a reading that hides a wrong total
/// in a blank would hide the error).
fn pick(opts: Vec<Cand>, sums: &[Identity], issue: Issue) -> LineRead {
    let tier = |c: &Cand| {
        let printed = sums.iter().all(|id| id.totals.iter().all(|&(_, i)| c[i].value.is_some()));
        (printed && adds_up(c, sums)) as u8 * 2 + printed as u8
    };
    let best = opts.iter().map(tier).max().unwrap_or(0);
    LineRead::of(dedupe(opts.into_iter().filter(|c| tier(c) == best).collect()), issue)
}

fn single(t: &Tok) -> Guess {
    match t {
        Tok::Blank(s) => Guess { value: None, span: Some(*s) },
        Tok::Num(v, s) => Guess { value: v.as_int(), span: Some(*s) },
        Tok::Run { digits, span, .. } => {
            Guess { value: super::tokens::parse_number(digits, false).and_then(crate::model::Value::as_int), span: Some(*span) }
        }
    }
}

fn runs_text(toks: &[Tok]) -> String {
    toks.iter()
        .map(|t| match t {
            Tok::Blank(_) => "/".to_string(),
            Tok::Num(v, _) => v.to_string(),
            Tok::Run { digits, .. } => digits.clone(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn dedupe(mut v: Vec<Cand>) -> Vec<Cand> {
    let mut seen = std::collections::HashSet::new();
    v.retain(|c| seen.insert(c.iter().map(|g| g.value).collect::<Vec<_>>()));
    v
}

/// More cells than columns: an artefact cell (a page number, a doubled cell) to drop.
fn deletions(toks: &[Tok], k: usize, sums: &[Identity], printed: usize) -> LineRead {
    let n = toks.len();
    let drop = n - k;
    let issue = Issue::TooMany(printed);
    if drop > 3 {
        return LineRead::of(Vec::new(), issue);
    }
    let mut all = Vec::new();
    combos(n, drop, &mut Vec::new(), 0, &mut |del| {
        let c: Cand = toks.iter().enumerate().filter(|(i, _)| !del.contains(i)).map(|(_, t)| single(t)).collect();
        all.push(c);
    });
    let valid: Vec<Cand> = all.iter().filter(|c| holds(c, sums)).cloned().collect();
    if valid.is_empty() { LineRead { broken: true, ..LineRead::of(dedupe(all), issue) } } else { LineRead::of(dedupe(valid), issue) }
}

pub fn combos(n: usize, r: usize, cur: &mut Vec<usize>, from: usize, f: &mut dyn FnMut(&[usize])) {
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

/// A row printed with its blank cells left out (a PDF's text): the blanks may be any of its
/// cells; the readings whose total is printed and adds up are kept, as in `pick`.
pub fn blanks_anywhere(toks: &[Tok], k: usize, sums: &[Identity]) -> LineRead {
    blanks_within(toks, k, sums, &vec![(0, k.saturating_sub(1)); toks.len()])
}

/// `blanks_anywhere` where each printed number's column is known to lie in a range
/// (first, last): laid-out text whose numbers stand in fewer groups than columns.
pub fn blanks_within(toks: &[Tok], k: usize, sums: &[Identity], within: &[(usize, usize)]) -> LineRead {
    let n = toks.len();
    let mut opts = Vec::new();
    // Each choice of the n printed cells among k, as a bit mask.
    for mask in 0u32..1 << k {
        if mask.count_ones() as usize != n {
            continue;
        }
        let cols = (0..k).filter(|c| mask >> c & 1 == 1);
        if !cols.zip(within).all(|(c, &(a, b))| a <= c && c <= b) {
            continue;
        }
        let mut printed = toks.iter();
        opts.push(
            (0..k).map(|c| if mask >> c & 1 == 1 { single(printed.next().unwrap()) } else { Guess { value: None, span: None } }).collect(),
        );
    }
    // As `pick`, but sum by sum: one that holds a number other than 0 prints its total
    // and adds up; zeros add up wherever they stand, and a table that leaves cells blank
    // may leave a zero total blank, or a whole block of table 4's line (no litigation).
    let tier = |c: &Cand| {
        let counted = || sums.iter().filter(|id| id.cells().any(|&(_, i)| c[i].value.is_some_and(|v| v != 0)));
        let printed = counted().all(|id| id.totals.iter().all(|&(_, i)| c[i].value.is_some()));
        let holds = counted().all(|id| matches!(judge(id, |_, i| read_cell(&c[i])), crate::identity::Verdict::Holds { .. }));
        (printed && holds) as u8 * 2 + printed as u8
    };
    let best = opts.iter().map(tier).max().unwrap_or(0);
    LineRead::of(dedupe(opts.into_iter().filter(|c| tier(c) == best).collect()), Issue::TooFew(n))
}

/// `blanks_anywhere` for numbers each standing apart that no reading cuts into cells,
/// when every placement it keeps adds up: otherwise they are not the whole row.
pub fn blanks_adding_up(toks: &[Tok], k: usize, sums: &[Identity]) -> Option<LineRead> {
    let read = blanks_anywhere(toks, k, sums);
    let whole = super::tokens::separated(toks) && !read.cands.is_empty();
    (whole && read.cands.iter().all(|c| adds_up(c, sums))).then_some(read)
}

/// A row whose numbers' columns are known (by where they stand): blank elsewhere.
pub fn at_columns(toks: &[Tok], cols: &[usize], k: usize) -> LineRead {
    let mut cand: Cand = vec![Guess { value: None, span: None }; k];
    for (t, &c) in toks.iter().zip(cols) {
        cand[c] = single(t);
    }
    LineRead::of(vec![cand], Issue::Clean)
}

/// In a table that prints blank cells nowhere, the cell a row lost may have been one of
/// them: beside each reading with a lost cell (`insertions`), the row with a blank there,
/// wherever that adds up as a 0 would (zeros alone add up anywhere), so that the cell is
/// certain only where something else tells a lost 0 from a blank.
pub fn or_blank(read: &mut LineRead, k: usize, sums: &[Identity]) {
    let Some(base) = read.printed.clone().filter(|b| b.len() + 1 == k) else { return };
    let zeros = base.iter().all(|g| g.value == Some(0));
    for p in 0..k {
        let mut c = base.clone();
        c.insert(p, Guess { value: None, span: None });
        if zeros || adds_up(&c, sums) {
            read.cands.push(c);
        }
    }
    read.cands = dedupe(std::mem::take(&mut read.cands));
}

/// One cell fewer than columns and no blank printed: a cell was lost (PDF), and the row
/// identity gives its value wherever it was.
fn insertions(toks: &[Tok], k: usize, sums: &[Identity]) -> LineRead {
    let n = toks.len();
    let issue = Issue::TooFew(n);
    let base: Cand = toks.iter().map(single).collect();
    if k - n != 1 || n == 0 {
        return LineRead::of(Vec::new(), issue);
    }
    let mut out = Vec::new();
    for p in 0..k {
        let mut c = base.clone();
        c.insert(p, Guess { value: None, span: None });
        // The lost cell's value is what its sum needs, when the sum's other cells are printed.
        if let Some(id) = sums.iter().find(|id| id.touches((0, p))) {
            let sum = |cells: &[(usize, usize)]| -> Option<i64> { cells.iter().filter(|x| x.1 != p).map(|x| c[x.1].value).sum() };
            let v = match (sum(&id.parts), sum(&id.totals)) {
                (Some(a), Some(t)) if id.totals.contains(&(0, p)) => Some(a - t),
                (Some(a), Some(t)) => Some(t - a),
                _ => None,
            };
            match v {
                Some(v) if v >= 0 => c[p].value = Some(v),
                Some(_) => continue,
                None => {}
            }
        }
        out.push(c);
    }
    LineRead { printed: Some(base), ..LineRead::of(dedupe(out), issue) }
}

/// Every way to cut the runs into exactly `k` cells (no leading zeros), pruned by the
/// line's identities when `strict`; `None` when the bound was hit before all were found.
fn splits(toks: &[Tok], k: usize, sums: &[Identity], strict: bool, budget: &Budget) -> Option<Vec<Cand>> {
    let max_steps = budget.0.get().min(MAX_STEPS);
    let mut s = Splitter {
        max_steps,
        toks: std::rc::Rc::new(toks.to_vec()),
        k,
        sums,
        strict,
        tail: None,
        out: Vec::new(),
        cur: Vec::new(),
        steps: 0,
    };
    // A line ending in a total (table 3's 总计 column) whose last token is a run: the
    // total is the run's tail. Fixing its length first lets every partial sum of the
    // parts be cut as soon as it exceeds the total, instead of only at the end.
    let ends_in_total = sums.iter().any(|id| id.totals.contains(&(0, k - 1)));
    match toks.last() {
        Some(Tok::Run { digits, starts, span }) if strict && ends_in_total && k > 1 => {
            for t in 1..=digits.len().min(MAX_DIGITS) {
                let cut = digits.len() - t;
                if digits[cut..].starts_with('0') && t > 1 {
                    continue;
                }
                let mut head = toks[..toks.len() - 1].to_vec();
                if cut > 0 {
                    head.push(Tok::Run { digits: digits[..cut].to_string(), starts: starts[..cut].to_vec(), span: (span.0, starts[cut]) });
                }
                s.toks = std::rc::Rc::new(head);
                s.tail = Some(Guess { value: digits[cut..].parse().ok(), span: Some((starts[cut], span.1)) });
                s.descend(0, 0);
            }
        }
        _ => s.descend(0, 0),
    }
    budget.0.set(budget.0.get() - s.steps.min(max_steps));
    (s.steps <= max_steps && s.out.len() <= MAX_CANDS).then_some(s.out)
}

/// The splits of `toks` into `want.len()` cells in which every cell is the wanted value
/// (what the other lines imply) but one, the printed number that is wrong, and those the
/// other lines say nothing of; three such free cells at most, so this stays linear in the
/// digits.
pub fn splits_near(toks: &[Tok], want: &[Option<i64>]) -> Vec<Cand> {
    let mut out = Vec::new();
    let free = 1 + want.iter().filter(|w| w.is_none()).count();
    if free <= MAX_FREE {
        near(toks, 0, 0, want, free, &mut Vec::new(), &mut out, &mut usize::MAX.clone());
    }
    out
}

/// Cells `splits_near` may leave to the digits.
const MAX_FREE: usize = 3;

/// The splits of `toks` in which every cell with a wanted value has it exactly and the
/// others are free; `None` when that takes more than `max_steps` steps.
pub fn splits_pinned(toks: &[Tok], want: &[Option<i64>], max_steps: usize) -> Option<Vec<Cand>> {
    let mut out = Vec::new();
    let mut steps = max_steps;
    let free = want.iter().filter(|w| w.is_none()).count();
    near(toks, 0, 0, want, free, &mut Vec::new(), &mut out, &mut steps);
    (steps > 0).then_some(out)
}

#[allow(clippy::too_many_arguments)]
fn near(
    toks: &[Tok],
    ti: usize,
    off: usize,
    want: &[Option<i64>],
    free_left: usize,
    cur: &mut Cand,
    out: &mut Vec<Cand>,
    steps: &mut usize,
) {
    if *steps == 0 {
        return;
    }
    *steps -= 1;
    let ci = cur.len();
    if ti == toks.len() || ci == want.len() {
        if ti == toks.len() && ci == want.len() {
            out.push(cur.clone());
        }
        return;
    }
    let mut step = |g: Guess, ti2: usize, off2: usize, free: bool, cur: &mut Cand| {
        if free && free_left == 0 {
            return;
        }
        cur.push(g);
        near(toks, ti2, off2, want, free_left - free as usize, cur, out, steps);
        cur.pop();
    };
    match &toks[ti] {
        Tok::Run { digits, starts, span } => {
            for (g, next) in run_heads(digits, starts, *span, off) {
                let (ti2, off2) = next.map_or((ti + 1, 0), |o| (ti, o));
                let free = want[ci].is_none() || g.value != want[ci];
                step(g, ti2, off2, free, cur);
            }
        }
        t => {
            let g = single(t);
            let free = want[ci].is_none() || g.value != want[ci];
            step(g, ti + 1, 0, free, cur);
        }
    }
}

/// The cells a digit run can begin with at digit `off`: 1 to `MAX_DIGITS` digits, no
/// leading zero but a lone 0, each with its span and the digit after it (`None` when the
/// run ends there).
fn run_heads<'a>(digits: &'a str, starts: &'a [usize], span: Span, off: usize) -> impl Iterator<Item = (Guess, Option<usize>)> + 'a {
    let rest = &digits[off..];
    let longest = if rest.starts_with('0') { 1 } else { rest.len().min(MAX_DIGITS) };
    (1..=longest).map(move |m| {
        let end = starts.get(off + m).copied().unwrap_or(span.1);
        let guess = Guess { value: rest[..m].parse().ok(), span: Some((starts[off], end)) };
        (guess, (m < rest.len()).then_some(off + m))
    })
}

struct Splitter<'a> {
    /// Shared so that a step can hold its token while it extends `cur`.
    toks: std::rc::Rc<Vec<Tok>>,
    k: usize,
    sums: &'a [Identity],
    strict: bool,
    /// The line's last cell, fixed before the others are split.
    tail: Option<Guess>,
    out: Vec<Cand>,
    cur: Cand,
    steps: usize,
    max_steps: usize,
}

impl Splitter<'_> {
    /// How many cells the splitter fills (all but a fixed tail).
    fn want(&self) -> usize {
        self.k - self.tail.is_some() as usize
    }

    /// Token `ti`, from digit `off` of it on.
    fn descend(&mut self, ti: usize, off: usize) {
        self.steps += 1;
        if self.out.len() > MAX_CANDS || self.steps > self.max_steps {
            return;
        }
        let ci = self.cur.len();
        if ti == self.toks.len() {
            if ci == self.want() {
                self.out.push(self.cur.iter().chain(&self.tail).cloned().collect());
            }
            return;
        }
        if ci == self.want() || !self.room(ti, off, ci) {
            return;
        }
        let toks = self.toks.clone();
        match &toks[ti] {
            Tok::Run { digits, starts, span } => {
                for (g, next) in run_heads(digits, starts, *span, off) {
                    self.cur.push(g);
                    if self.fits(ci) {
                        match next {
                            Some(o) => self.descend(ti, o),
                            None => self.descend(ti + 1, 0),
                        }
                    }
                    self.cur.pop();
                }
            }
            t => {
                self.cur.push(single(t));
                if self.fits(ci) {
                    self.descend(ti + 1, 0);
                }
                self.cur.pop();
            }
        }
    }

    /// Cells still to fill must fit what is left: at least one per token, at most one per
    /// digit and at most `MAX_DIGITS` digits each.
    fn room(&self, ti: usize, off: usize, ci: usize) -> bool {
        let left = self.want() - ci;
        let min = self.toks.len() - ti;
        let (mut max, mut digits) = (0, 0);
        for (j, t) in self.toks[ti..].iter().enumerate() {
            match t {
                Tok::Run { digits: d, .. } => {
                    let n = d.len() - if j == 0 { off } else { 0 };
                    max += n;
                    digits += n;
                }
                _ => max += 1,
            }
        }
        (min..=max).contains(&left) && digits <= left * MAX_DIGITS
    }

    /// The cell just placed at `ci` breaks no identity through it, as far as the cells
    /// known so far tell (a partial sum already over its total breaks it).
    fn fits(&self, ci: usize) -> bool {
        let cell = |i: usize| match (self.cur.get(i), &self.tail) {
            (Some(g), _) => read_cell(g),
            (None, Some(t)) if i == self.k - 1 => read_cell(t),
            _ => Read::Unknown,
        };
        !self.strict || self.sums.iter().filter(|id| id.touches((0, ci))).all(|id| !judge(id, |_, i| cell(i)).broken())
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::{Mode, groups};
    use super::*;

    fn vals(c: &Cand) -> Vec<Option<i64>> {
        c.iter().map(|g| g.value).collect()
    }

    fn read(s: &str, mode: Mode) -> LineRead {
        let g = groups(s, 0, s.len(), mode, false);
        read_line(&g[0], 7, &crate::identity::of_line(&crate::template::T3), false, &Budget::new(TABLE_STEPS))
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
    fn numbers_standing_apart_are_not_cut_into_digits() {
        // A PDF's table 4 with four blank cells printed nowhere: 11 numbers for 15 cells.
        let toks = super::super::tokens::groups("119 0 0 0 119 0 0 0 1 1 0", 0, 25, Mode::Space, true).remove(0);
        let r = read_line(&toks, 15, &[], false, &Budget::new(TABLE_STEPS));
        assert!(
            r.cands.iter().all(|c| c.iter().filter(|g| g.value.is_some()).count() == 11),
            "{:?}",
            r.cands.iter().map(vals).collect::<Vec<_>>()
        );
    }

    #[test]
    fn ambiguous_flat_run_keeps_every_reading() {
        let r = read("270020130", Mode::Space);
        assert!(r.cands.len() > 1, "{:?}", r.cands.iter().map(vals).collect::<Vec<_>>());
        assert!(r.cands.iter().any(|c| vals(c) == [27, 0, 0, 2, 0, 1, 30].map(Some).to_vec()));
    }

    #[test]
    fn zeros_among_blanks_printed_nowhere_may_stand_in_any_cell() {
        let sums = crate::identity::of_line(&crate::template::T3);
        let toks = groups("0 0", 0, 3, Mode::Space, true).remove(0);
        let r = blanks_anywhere(&toks, 7, &sums);
        // The total is 0 in some readings and blank in others: it is not certain.
        assert!(r.cands.iter().any(|c| c[6].value.is_none()) && r.cands.iter().any(|c| c[6].value == Some(0)));
        // A row that adds up keeps its printed total.
        let toks = groups("3 2 5", 0, 5, Mode::Space, true).remove(0);
        assert!(blanks_anywhere(&toks, 7, &sums).cands.iter().all(|c| c[6].value == Some(5)));
    }

    #[test]
    fn a_lost_zero_may_have_been_a_blank() {
        let mut r = read("\t5\t0\t0\t0\t5\t10", Mode::Tab);
        assert_eq!(r.issue, Issue::TooFew(6));
        let sums = crate::identity::of_line(&crate::template::T3);
        or_blank(&mut r, 7, &sums);
        // A blank among the parts adds up wherever it stands; a blank total leaves the sum
        // unjudged, which is no reading of a row that prints parts and a total.
        let blanks: Vec<usize> = r.cands.iter().filter_map(|c| c.iter().position(|g| g.value.is_none())).collect();
        assert_eq!(blanks, (0..6).collect::<Vec<_>>(), "{:?}", r.cands.iter().map(vals).collect::<Vec<_>>());
        // Six zeros: the blank may be any cell, the total too.
        let mut r = read("\t0\t0\t0\t0\t0\t0", Mode::Tab);
        or_blank(&mut r, 7, &sums);
        assert!((0..7).all(|c| r.cands.iter().any(|x| x[c].value.is_none())));
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
    fn a_split_past_the_bound_is_given_up_not_guessed() {
        let r = read("123456789123456789123456789", Mode::Space);
        assert!(r.gave_up, "{:?}", r.cands.len());
        let r = read(&"1234567890".repeat(7), Mode::Space);
        assert!(r.gave_up || r.cands.is_empty());
    }

    #[test]
    fn the_split_the_other_rows_imply_is_found_in_a_long_run() {
        let g = groups("2239134918888464953864", 0, 22, Mode::Space, false);
        let want = [223, 913, 491, 888, 846, 495, 3856].map(Some);
        let near = splits_near(&g[0], &want);
        assert_eq!(near.iter().map(vals).collect::<Vec<_>>(), vec![[223, 913, 491, 888, 846, 495, 3864].map(Some).to_vec()]);
    }

    #[test]
    fn blanks_stay_blanks() {
        let r = read("\t\t\t\t\t\t0", Mode::Tab);
        assert_eq!(vals(&r.cands[0]), vec![None, None, None, None, None, None, Some(0)]);
    }
}
