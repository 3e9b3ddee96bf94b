//! Choosing among a table's readings with its identities. Each printed line has one or
//! more readings (`candidates`); the combinations that break the fewest identities win,
//! and a cell is certain only if every winning combination agrees on it. Then repairs,
//! each only where it leaves fewer identities broken:
//! - a line no reading of which adds up (a wrong number in flat text) is read the way the
//!   other lines imply, if that reading fits most of its cells;
//! - a line that lost a cell is placed where the other lines imply.
//!
//! And doubts, because the arithmetic is what we check and cannot also vouch for the
//! reading:
//! - a line settled only because the arithmetic is assumed right is doubted when another
//!   of its readings leaves the table broken in a way one printed cell explains: both
//!   readings go into an extraction finding, the line is left uncertain, and no other
//!   line is settled by the arithmetic either;
//! - in a table that does not balance, a choice won by fewer broken identities than one
//!   wrong number breaks is no choice;
//! - a lost cell placed by its own line's sum, with no identity outside the line to
//!   confirm it, leaves the cells the placement moves uncertain;
//! - likewise a digit run split only by its own line's sum: a cell the split decides is
//!   certain only if an identity through it and another line could be judged.
//!
//! Every search is bounded; a search that hits its bound decides nothing.

use super::candidates::{Cand, Guess, LineRead};
use crate::identity::{Identity, Read, judge};

#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    pub guess: Guess,
    pub certain: bool,
}

impl Resolved {
    pub fn cell(&self) -> crate::model::Cell {
        crate::model::Cell { value: self.guess.value.map(crate::model::Value::Int), span: self.guess.span, certain: self.certain }
    }
    fn unknown(span: Option<crate::model::Span>) -> Resolved {
        Resolved { guess: Guess { value: None, span }, certain: false }
    }
}

/// A line read one way because that way the arithmetic fits best, while another reading
/// of it leaves identities broken that one wrong printed cell would explain.
#[derive(Clone, Debug)]
pub struct Doubt {
    pub line: usize,
    pub balanced: Cand,
    pub other: Cand,
    /// (line, position) of the printed cells one of which would be wrong under `other`.
    pub causes: Vec<(usize, usize)>,
    /// How many identities `balanced` leaves broken (0: it is why it was chosen).
    pub broken_as_read: usize,
}

pub struct Solved {
    pub lines: Vec<Vec<Resolved>>,
    /// The search over combinations hit its bound: the open lines decided nothing.
    pub gave_up: bool,
    pub doubts: Vec<Doubt>,
    /// Lines whose split only their own sum vouches for in some cells, with the split.
    pub unconfirmed: Vec<(usize, Cand)>,
}

/// How many cells the search may set before it gives up (the PDF sweep reads the same
/// with 200 000; a table that hits 50 000 costs up to about 90 ms, `cargo bench`).
const MAX_NODES: usize = 50_000;
/// How many readings of one line the doubt check tries.
const MAX_DOUBT_CANDS: usize = 64;

pub fn solve(lines: &[LineRead], k: usize, ids: &[Identity]) -> Solved {
    let mut grid: Vec<Vec<Read>> = lines.iter().map(|l| fixed(l, k)).collect();
    let open: Vec<usize> = (0..lines.len()).filter(|&l| !lines[l].broken && !lines[l].gave_up && lines[l].cands.len() > 1).collect();
    let by_line: Vec<Vec<usize>> =
        (0..lines.len()).map(|l| (0..ids.len()).filter(|&i| ids[i].cells().any(|x| x.0 == l)).collect()).collect();
    let mut ranges: Vec<Option<Vec<Range>>> = vec![None; lines.len()];
    for &l in &open {
        ranges[l] = Some(Range::of(lines[l].cands.iter(), k));
    }
    // Lines with fewer readings first: the others' ranges then bound the sums sooner.
    let mut order: Vec<usize> = (0..open.len()).collect();
    order.sort_by_key(|&oi| lines[open[oi]].cands.len());
    let mut s = Search {
        lines,
        ids,
        by_line: &by_line,
        open: &open,
        order,
        ranges,
        grid: grid.clone(),
        count: 0,
        broken: vec![false; ids.len()],
        best: usize::MAX,
        limit: 0,
        used: open.iter().map(|&l| vec![false; lines[l].cands.len()]).collect(),
        nodes: 0,
        left: open.iter().map(|&l| (0..lines[l].cands.len()).collect()).collect(),
    };
    for i in 0..ids.len() {
        s.rejudge(i);
    }
    // The fewest broken identities first: a bound of 0 prunes every branch that must
    // break one, where a search for the best seen so far would wander until its first leaf.
    while !open.is_empty() && s.best == usize::MAX && s.nodes <= MAX_NODES && s.limit <= ids.len() {
        s.descend(0);
        s.limit += 1;
    }
    let gave_up = s.nodes > MAX_NODES;
    let mut out: Vec<Vec<Resolved>> = lines.iter().map(|l| first_or_blank(l, k)).collect();
    for (oi, &l) in open.iter().enumerate() {
        let picks: Vec<&Cand> = if gave_up || s.best == usize::MAX {
            lines[l].cands.iter().collect()
        } else {
            lines[l].cands.iter().zip(&s.used[oi]).filter(|(_, u)| **u).map(|(c, _)| c).collect()
        };
        out[l] = agree(&picks, k);
        grid[l] = read_cells(&out[l]);
    }
    for l in (0..lines.len()).filter(|&l| lines[l].broken) {
        out[l] = by_implied(&lines[l].cands, l, k, &grid, ids);
        grid[l] = read_cells(&out[l]);
    }
    for l in 0..lines.len() {
        let Some(printed) = &lines[l].printed else { continue };
        let Some(placed) = place_lost(printed, l, k, &grid, ids) else { continue };
        let mut g = grid.clone();
        g[l] = placed.iter().map(|c| known(&c.guess)).collect();
        // Only a placement that leaves fewer identities broken is a better reading.
        if violations(&g, ids) < violations(&grid, ids) {
            out[l] = placed;
            grid = g;
        }
    }
    // How many identities the table breaks as read so far: what every doubt is weighed against.
    let now = violations(&grid, ids);
    let doubts = if gave_up { Vec::new() } else { doubts(lines, &open, &grid, ids, now) };
    if !doubts.is_empty() {
        // The arithmetic has been shown unreliable: it settles no split. An open line keeps
        // only what all its readings agree on; a doubted line, whose true reading may be one
        // that does not add up at all, keeps nothing.
        for &l in &open {
            out[l] = agree(&lines[l].cands.iter().collect::<Vec<_>>(), k);
        }
        for d in &doubts {
            out[d.line].iter_mut().for_each(|cell| *cell = Resolved::unknown(cell.guess.span));
        }
    } else if !gave_up && now > 0 {
        for &l in &open {
            if let Some(close) = close_rivals(&lines[l], l, &grid, ids, now) {
                out[l] = agree(&close, k);
            }
        }
    }
    for l in 0..lines.len() {
        unconfirmed_insertion(&lines[l], l, &mut out[l], &grid, ids);
    }
    // What the placements below may rely on: the cells still certain.
    let settled: Vec<Vec<Read>> = out.iter().map(|row| read_cells(row)).collect();
    // Only where the table cannot balance: there a wrong number is somewhere, and rows
    // placed together may be what hides it (a table that balances is weighed by `doubts`).
    let unbalanced = (s.best > 0 && s.best != usize::MAX) || now > 0;
    for l in (0..lines.len()).filter(|_| !gave_up && unbalanced) {
        placed_together(lines, &open, l, &mut out[l], &settled, ids);
    }
    // Judged on the table as read before any of these cells is dropped.
    let as_read: Vec<Vec<Read>> = out.iter().map(|row| read_cells(row)).collect();
    // Some identity is broken whichever way the lines are read: the table holds a wrong
    // number somewhere, and a split its own line's sum chose may be what hides it. (When
    // a line no reading of which adds up shows where the wrong number is, the other
    // lines' sums are trusted: one wrong number cannot be in two lines.)
    let cannot_balance = !lines.iter().any(|l| l.broken) && ((s.best > 0 && s.best != usize::MAX) || now > 0);
    let mut unconfirmed = Vec::new();
    for l in (0..lines.len()).filter(|l| !doubts.iter().any(|d| d.line == *l)) {
        let split: Cand = out[l].iter().map(|r| r.guess.clone()).collect();
        if unconfirmed_split(&lines[l], l, &mut out[l], &as_read, ids, !cannot_balance) {
            unconfirmed.push((l, split));
        }
    }
    Solved { lines: out, gave_up, doubts, unconfirmed }
}

/// A digit run split into cells that only its own line's sums chose among (flat text:
/// any run with a cell of two digits or more could be cut elsewhere). A line's sum
/// holding is what a misreading that hides a wrong number also achieves, so it vouches
/// for nothing: a cell the split decides is certain only if some identity through it and
/// another line holds, in a table that does not balance (where it does, `doubts` weighs
/// the other readings), and in a line no identity leaves (table 4's one printed line)
/// never. Cells vouched for pin the digits around the others: within each of the line's
/// own sums, a cell whose digits can be cut only one way stays.
fn unconfirmed_split(line: &LineRead, l: usize, out: &mut [Resolved], grid: &[Vec<Read>], ids: &[Identity], balances: bool) -> bool {
    let across = |p: usize| ids.iter().filter(move |id| id.touches((l, p)) && id.cells().any(|x| x.0 != l));
    let alone = (0..out.len()).all(|p| across(p).next().is_none());
    if balances && !alone {
        return false;
    }
    let holds = |id: &Identity| matches!(judge(id, |r, c| grid[r][c]), crate::identity::Verdict::Holds { .. });
    // The cells a split decided that nothing outside the line vouches for.
    let mut open = vec![false; out.len()];
    for tok in &line.toks {
        let super::tokens::Tok::Run { digits, span, .. } = tok else { continue };
        let inside = |r: &Resolved| r.guess.span.is_some_and(|s| s.0 >= span.0 && s.1 <= span.1);
        let cells = out.iter().filter(|r| inside(r)).count();
        if cells < 2 || cells >= digits.len() {
            continue; // one number as printed, or one digit per cell: the digits decide
        }
        for p in (0..out.len()).filter(|&p| out[p].certain && inside(&out[p])) {
            open[p] = !across(p).any(holds);
        }
    }
    let mut dropped = false;
    for own in ids.iter().filter(|id| id.cells().all(|x| x.0 == l)) {
        let free: Vec<usize> = (0..out.len()).filter(|&p| open[p] && own.touches((l, p))).collect();
        if free.is_empty() {
            continue;
        }
        let want: Vec<Option<i64>> =
            out.iter().enumerate().map(|(p, r)| if free.contains(&p) || !r.certain { None } else { r.guess.value }).collect();
        let rivals = super::candidates::splits_pinned(&line.toks, &want, MAX_PINNED_STEPS).filter(|rs| !rs.is_empty());
        for &p in &free {
            // Past the bound, no cell is decided.
            if !rivals.as_ref().is_some_and(|rs| rs.iter().all(|r| r[p].value == out[p].guess.value)) {
                out[p] = Resolved::unknown(out[p].guess.span);
                dropped = true;
            }
        }
    }
    dropped
}

/// Steps the search for other cuts of a line's digits may take.
const MAX_PINNED_STEPS: usize = 20_000;

/// A line that lost a cell and has one reading that adds up within itself: the lost cell
/// was put where the line's own sum allows and given the value that sum needs. That sum
/// holds by construction, so it vouches for nothing; unless an identity through the
/// inserted cell and some other line holds, every cell the placement moves is uncertain.
fn unconfirmed_insertion(line: &LineRead, l: usize, out: &mut [Resolved], grid: &[Vec<Read>], ids: &[Identity]) {
    let Some(printed) = &line.printed else { return };
    if line.cands.len() != 1 {
        return; // several placements: the search over the table chose among them
    }
    let Some(p) = out.iter().position(|r| r.certain && r.guess.span.is_none() && r.guess.value.is_some()) else { return };
    let confirmed = ids
        .iter()
        .filter(|id| id.touches((l, p)) && id.cells().any(|x| x.0 != l))
        .any(|id| matches!(judge(id, |r, c| grid[r][c]), crate::identity::Verdict::Holds { .. }));
    if confirmed {
        return;
    }
    for at in 0..out.len() {
        let mut other = printed.clone();
        other.insert(at, Guess { value: None, span: None });
        for (c, cell) in out.iter_mut().enumerate() {
            if other[c].value != cell.guess.value {
                *cell = Resolved::unknown(cell.guess.span);
            }
        }
    }
}

/// A line that lost a cell, placed by the search together with other open lines: two such
/// lines can be placed so that each absorbs what the other's misplacement breaks, and a
/// wrong printed number with them (the table then balances on a misreading). A placement
/// is certain only where the line's readings are told apart by the identities with the
/// other open lines' undecided cells unknown: the cells on which the readings that break
/// the fewest identities so judged disagree are uncertain.
fn placed_together(lines: &[LineRead], open: &[usize], l: usize, out: &mut [Resolved], grid: &[Vec<Read>], ids: &[Identity]) {
    let line = &lines[l];
    if line.printed.is_none() || !open.contains(&l) || line.cands.len() > MAX_DOUBT_CANDS {
        return;
    }
    let mut g = grid.to_vec();
    for &m in open.iter().filter(|&&m| m != l) {
        let first = &lines[m].cands[0];
        for c in (0..first.len()).filter(|&c| lines[m].cands.iter().any(|x| x[c].value != first[c].value)) {
            g[m][c] = Read::Unknown;
        }
    }
    let scores: Vec<usize> = line
        .cands
        .iter()
        .map(|c| {
            g[l] = c.iter().map(known).collect();
            violations(&g, ids)
        })
        .collect();
    let best = scores.iter().copied().min().unwrap_or(0);
    let viable: Vec<&Cand> = line.cands.iter().zip(&scores).filter(|(_, s)| **s == best).map(|(c, _)| c).collect();
    // A value some placement gives by the line's own sum (the lost cell) takes in any
    // wrong number of the line: it needs an identity through another line to hold.
    let mut confirmed = |p: usize, c: &Cand| {
        g[l] = c.iter().map(known).collect();
        ids.iter()
            .filter(|id| id.touches((l, p)) && id.cells().any(|x| x.0 != l))
            .any(|id| matches!(judge(id, |r, c| g[r][c]), crate::identity::Verdict::Holds { .. }))
    };
    for p in 0..out.len() {
        let differ = viable.iter().any(|c| c[p].value != viable[0][p].value);
        let by_sum = viable.iter().any(|c| c[p].span.is_none() && c[p].value.is_some() && !confirmed(p, c));
        if differ || by_sum {
            out[p] = Resolved::unknown(out[p].guess.span);
        }
    }
}

/// Identities one wrong printed number can break: its row's sum, its column's sum and, in
/// the （七）总计 row, the column's 新收+结转 identity as well.
const ONE_WRONG_NUMBER: usize = 3;

/// In a table that does not balance, an open line's reading was chosen because it left
/// the fewest identities broken. A margin smaller than what one wrong printed number
/// breaks proves nothing: the readings within that margin of the chosen one, with it,
/// when there are others.
fn close_rivals<'a>(line: &'a LineRead, l: usize, grid: &[Vec<Read>], ids: &[Identity], now: usize) -> Option<Vec<&'a Cand>> {
    let mut g = grid.to_vec();
    let close: Vec<&Cand> = line
        .cands
        .iter()
        .take(MAX_DOUBT_CANDS)
        .filter(|c| {
            g[l] = c.iter().map(known).collect();
            violations(&g, ids) < now + ONE_WRONG_NUMBER
        })
        .collect();
    (close.len() > 1).then_some(close)
}

/// Lines whose reading the arithmetic chose, weighed against their other readings.
/// When the table balances as read, an open line's other reading that leaves it broken
/// in a way one printed cell elsewhere explains competes with it. When the table does
/// not balance, a split that adds up within its line competes with one that does not, if
/// that one leaves fewer identities broken and one printed cell explains them all (the
/// wrong number is then in this line, and the split that added up was a misreading).
fn doubts(lines: &[LineRead], open: &[usize], grid: &[Vec<Read>], ids: &[Identity], now: usize) -> Vec<Doubt> {
    let mut out = Vec::new();
    for (l, line) in lines.iter().enumerate() {
        let others = match now {
            _ if line.broken => continue,
            0 if open.contains(&l) && !grid[l].contains(&Read::Unknown) => &line.cands,
            0 => continue,
            _ => &{
                let mut g = grid.to_vec();
                g[l] = vec![Read::Unknown; g[l].len()];
                let implied: Vec<Option<i64>> = (0..g[l].len()).map(|c| implied_value(l, c, &g, ids)).collect();
                super::candidates::splits_near(&line.toks, &implied)
            },
        };
        // The reading as settled (some reading that agrees with every cell read certain).
        let agrees = |c: &&Cand| c.iter().zip(&grid[l]).all(|(g, r)| *r == Read::Unknown || known(g) == *r);
        let Some(settled) = line.cands.iter().find(agrees) else { continue };
        for other in others.iter().take(MAX_DOUBT_CANDS).filter(|c| *c != settled) {
            let mut g = grid.to_vec();
            g[l] = other.iter().map(known).collect();
            // When the table balances as read, the rival must point at one printed cell where
            // two broken identities meet (a wrong number breaks its row and its column); a
            // lone broken identity, which the identities left unjudged around it may hide,
            // is no evidence.
            let causes = match now {
                0 if violations(&g, ids) >= 2 => Some(causes(&g, ids, Some(l))).filter(|c| c.len() == 1).unwrap_or_default(),
                0 => Vec::new(),
                _ if violations(&g, ids) < now => causes(&g, ids, None),
                _ => Vec::new(),
            };
            if !causes.is_empty() {
                out.push(Doubt { line: l, balanced: settled.clone(), other: other.clone(), causes, broken_as_read: now });
                break;
            }
        }
    }
    out
}

/// The printed cells (outside line `exclude`) that lie in every broken identity of
/// `grid` and whose one changed value would make them all hold.
fn causes(grid: &[Vec<Read>], ids: &[Identity], exclude: Option<usize>) -> Vec<(usize, usize)> {
    let broken: Vec<&Identity> = ids.iter().filter(|id| judge(id, |r, c| grid[r][c]).broken()).collect();
    let Some(first) = broken.first() else { return Vec::new() };
    let fixes = |x: (usize, usize)| {
        let Read::Val(v) = grid[x.0][x.1] else { return false };
        let wanted: Vec<Option<i64>> = broken.iter().map(|id| needed(x, id, grid)).collect();
        wanted.iter().all(|w| w.is_some_and(|w| w >= 0 && w != v) && *w == wanted[0])
    };
    first.cells().copied().filter(|&x| Some(x.0) != exclude && broken.iter().all(|id| id.touches(x)) && fixes(x)).collect()
}

/// The value cell `x` must hold for `id` to hold, all its other cells as in `grid`
/// (blanks as 0, as the judge takes them beside a printed number).
fn needed(x: (usize, usize), id: &Identity, grid: &[Vec<Read>]) -> Option<i64> {
    let sum = |cells: &[(usize, usize)]| -> Option<i64> {
        cells
            .iter()
            .filter(|&&y| y != x)
            .map(|&(r, c)| match grid[r][c] {
                Read::Val(v) => Some(v),
                Read::Blank => Some(0),
                Read::Unknown => None,
            })
            .sum()
    };
    let (parts, totals) = (sum(&id.parts)?, sum(&id.totals)?);
    Some(if id.parts.contains(&x) { totals - parts } else { parts - totals })
}

/// What the other lines may rely on: certain cells only.
fn read_cells(row: &[Resolved]) -> Vec<Read> {
    row.iter().map(|c| if c.certain { known(&c.guess) } else { Read::Unknown }).collect()
}

fn known(g: &Guess) -> Read {
    g.value.map_or(Read::Blank, Read::Val)
}

fn fixed(l: &LineRead, k: usize) -> Vec<Read> {
    if l.cands.len() == 1 && !l.broken && !l.gave_up {
        l.cands[0].iter().map(known).collect()
    } else if l.cands.is_empty() && !l.gave_up && l.issue == super::candidates::Issue::Clean {
        // Nothing printed after the label: a blank row. A line printed but unreadable is
        // unknown, not zeros that other lines' placements would be chosen to fit.
        vec![Read::Blank; k]
    } else {
        vec![Read::Unknown; k]
    }
}

fn first_or_blank(l: &LineRead, k: usize) -> Vec<Resolved> {
    match (l.cands.len(), l.broken || l.gave_up) {
        (1, false) => l.cands[0].iter().map(|g| Resolved { guess: g.clone(), certain: true }).collect(),
        // No numbers after the label: printed blank. Otherwise unreadable until chosen.
        _ => vec![
            Resolved {
                guess: Guess { value: None, span: None },
                certain: l.cands.is_empty() && !l.gave_up && l.issue == super::candidates::Issue::Clean
            };
            k
        ],
    }
}

/// Cells on which every reading agrees are certain; the rest are unknown.
fn agree(picks: &[&Cand], k: usize) -> Vec<Resolved> {
    (0..k)
        .map(|c| {
            let first = &picks[0][c];
            if picks.iter().all(|p| p[c].value == first.value) {
                Resolved { guess: first.clone(), certain: true }
            } else {
                Resolved::unknown(first.span)
            }
        })
        .collect()
}

/// Depth-first over the open lines' readings, a cell at a time, keeping the fewest broken
/// identities and, for each open line, which of its readings some best combination uses.
/// An identity is counted broken as soon as it must be: its sides' possible sums, from
/// what the readings still open may put in each cell, no longer meet.
struct Search<'a> {
    lines: &'a [LineRead],
    ids: &'a [Identity],
    /// Indices of the identities that touch each line.
    by_line: &'a [Vec<usize>],
    open: &'a [usize],
    /// The order the open lines are set in (indices into `open`).
    order: Vec<usize>,
    /// For each open line, what its readings may put in each cell.
    ranges: Vec<Option<Vec<Range>>>,
    grid: Vec<Vec<Read>>,
    /// Which identities are broken on `grid`, or must be whatever the open lines' cells not
    /// yet set are read as, and how many: kept as cells are set, so a step re-judges only
    /// the identities through the line whose cell (and whose readings left) it sets.
    broken: Vec<bool>,
    count: usize,
    best: usize,
    /// The most broken identities a branch may reach before it is cut.
    limit: usize,
    used: Vec<Vec<bool>>,
    nodes: usize,
    /// For each open line, the readings that agree with the cells set so far.
    left: Vec<Vec<usize>>,
}

impl Search<'_> {
    /// One cell at a time, column by column: a column's identities are judged as soon as
    /// every line has a value there, instead of when the last line is chosen. `depth`
    /// counts cells: column `depth / open`, the open line `order[depth % open]`.
    fn descend(&mut self, depth: usize) {
        self.nodes += 1;
        if self.nodes > MAX_NODES || self.count > self.best.min(self.limit) {
            return;
        }
        let n = self.order.len();
        let k = self.grid.first().map_or(0, |row| row.len());
        if depth == n * k {
            if self.count < self.best {
                self.best = self.count;
                self.used.iter_mut().for_each(|u| u.fill(false));
            }
            for (oi, left) in self.left.iter().enumerate() {
                left.iter().for_each(|&ci| self.used[oi][ci] = true);
            }
            return;
        }
        let (c, oi) = (depth / n, self.order[depth % n]);
        let l = self.open[oi];
        let cands = &self.lines[l].cands;
        let left = std::mem::take(&mut self.left[oi]);
        let saved = self.ranges[l].clone();
        // A 0 and a blank add the same to a sum: one branch for both, so that readings
        // that differ only in where a 0 stands among blanks are not searched one by one
        // (they are all kept, and `agree` leaves such a cell uncertain).
        let adds = |v: Option<i64>| v.unwrap_or(0);
        let mut values: Vec<i64> = left.iter().map(|&ci| adds(cands[ci][c].value)).collect();
        values.sort_unstable();
        values.dedup();
        for v in values {
            self.left[oi] = left.iter().copied().filter(|&ci| adds(cands[ci][c].value) == v).collect();
            let range = Range::of(self.left[oi].iter().map(|&ci| &cands[ci]), k);
            self.grid[l][c] = match (v, range[c].blank) {
                (0, true) if self.left[oi].iter().any(|&ci| cands[ci][c].value == Some(0)) => Read::Unknown,
                (0, true) => Read::Blank,
                _ => Read::Val(v),
            };
            self.ranges[l] = Some(range);
            self.rejudge_line(l);
            self.descend(depth + 1);
        }
        self.left[oi] = left;
        self.ranges[l] = saved;
        self.grid[l][c] = Read::Unknown;
        self.rejudge_line(l);
    }

    fn rejudge_line(&mut self, l: usize) {
        for &i in &self.by_line[l] {
            self.rejudge(i);
        }
    }

    fn rejudge(&mut self, i: usize) {
        let id = &self.ids[i];
        // Where every cell is bounded, the ranges decide all the judge would (a sum that
        // differs, known cells that already exceed); the judge only for the rest.
        let now = self.must_break(id).unwrap_or_else(|| judge(id, |r, c| self.grid[r][c]).broken());
        if now != self.broken[i] {
            self.broken[i] = now;
            if now { self.count += 1 } else { self.count -= 1 }
        }
    }

    /// Whether `id` fails whatever the open lines not yet set are read as: its sides'
    /// possible sums do not meet. A side may be all blank, which the judge does not
    /// judge: for a row's own sum that leaves it open, but a column whose parts are all
    /// blank beside a printed total other than 0 (or the reverse) counts as broken here,
    /// so that the search prefers readings that add up as printed (and a column's cells
    /// are not searched row by row until its last one is set). `None` where the ranges do
    /// not decide: a cell of a line that is not read at all, a row's side that may be all
    /// blank.
    fn must_break(&self, id: &Identity) -> Option<bool> {
        let side = |cells: &[(usize, usize)]| -> Option<Range> {
            let mut sum = Range { lo: 0, hi: 0, blank: true };
            for &(r, c) in cells {
                let x = match self.grid[r][c] {
                    Read::Val(v) => Range { lo: v, hi: v, blank: false },
                    Read::Blank => Range { lo: 0, hi: 0, blank: true },
                    Read::Unknown => self.ranges[r].as_ref()?[c],
                };
                sum = Range { lo: sum.lo.saturating_add(x.lo), hi: sum.hi.saturating_add(x.hi), blank: sum.blank && x.blank };
            }
            Some(sum)
        };
        let (p, t) = (side(&id.parts)?, side(&id.totals)?);
        let open_blank = id.def.each == crate::template::Each::Row && (p.blank || t.blank);
        (!open_blank).then_some(p.hi < t.lo || p.lo > t.hi)
    }
}

/// What a line's readings may put in one cell: the least and most it adds to a sum (a
/// blank adds 0 beside a number) and whether it may be blank.
#[derive(Clone, Copy, Debug)]
struct Range {
    lo: i64,
    hi: i64,
    blank: bool,
}

impl Range {
    fn of<'c>(cands: impl Iterator<Item = &'c Cand> + Clone, k: usize) -> Vec<Range> {
        (0..k)
            .map(|c| {
                let vals = cands.clone().map(|cand| cand[c].value);
                Range {
                    lo: vals.clone().map(|v| v.unwrap_or(0)).min().unwrap_or(0),
                    hi: vals.clone().map(|v| v.unwrap_or(0)).max().unwrap_or(0),
                    blank: vals.clone().any(|v| v.is_none()),
                }
            })
            .collect()
    }
}

/// How many identities are broken, or must be, on what the grid holds.
fn violations(grid: &[Vec<Read>], ids: &[Identity]) -> usize {
    ids.iter().filter(|id| judge(id, |r, c| grid[r][c]).broken()).count()
}

/// A line that lost a cell and still breaks an identity as read: put its printed cells
/// where the other lines imply, and the lost one at the value they imply, if exactly one
/// placement matches all printed cells but at most one (which is then a wrong number).
fn place_lost(printed: &Cand, l: usize, k: usize, grid: &[Vec<Read>], ids: &[Identity]) -> Option<Vec<Resolved>> {
    let touching: Vec<Identity> = ids.iter().filter(|id| id.cells().any(|x| x.0 == l)).cloned().collect();
    if violations(grid, &touching) == 0 {
        return None;
    }
    let mut g = grid.to_vec();
    g[l] = vec![Read::Unknown; k];
    let implied: Vec<Option<i64>> = (0..k).map(|c| implied_value(l, c, &g, ids)).collect();
    let mut best: Vec<Cand> = Vec::new();
    let mut best_score = 0;
    for p in 0..k {
        let Some(v) = implied[p].filter(|v| *v >= 0) else { continue };
        let mut cand = printed.clone();
        cand.insert(p, Guess { value: Some(v), span: None });
        let with = (0..k).filter(|&c| c != p && implied[c].is_some()).count();
        let score = (0..k).filter(|&c| c != p && implied[c].is_some() && cand[c].value == implied[c]).count();
        if with < 3 || score + 1 < with {
            continue;
        }
        match score.cmp(&best_score) {
            std::cmp::Ordering::Greater => {
                best_score = score;
                best = vec![cand];
            }
            std::cmp::Ordering::Equal => best.push(cand),
            std::cmp::Ordering::Less => {}
        }
    }
    match &best[..] {
        [cand] => Some(cand.iter().map(|g| Resolved { guess: g.clone(), certain: true }).collect()),
        _ => None,
    }
}

/// A line whose every reading breaks its own sum: take the reading that matches what the
/// other lines imply in the most cells, if it is the only one that close.
fn by_implied(cands: &[Cand], l: usize, k: usize, grid: &[Vec<Read>], ids: &[Identity]) -> Vec<Resolved> {
    if cands.is_empty() {
        return vec![Resolved::unknown(None); k];
    }
    let implied: Vec<Option<i64>> = (0..k).map(|c| implied_value(l, c, grid, ids)).collect();
    let with_implied = implied.iter().filter(|v| v.is_some()).count();
    let score = |cand: &Cand| (0..k).filter(|&c| implied[c].is_some() && cand[c].value == implied[c]).count();
    let best = cands.iter().map(score).max().unwrap_or(0);
    let winners: Vec<&Cand> = cands.iter().filter(|c| score(c) == best).collect();
    // The other lines must vouch for most of the line, not for one cell of two.
    if best * 2 > k && best + 1 >= with_implied {
        agree(&winners, k)
    } else {
        // Nothing to choose by: only what every reading agrees on is read.
        agree(&cands.iter().collect::<Vec<_>>(), k)
    }
}

/// The value cell (l, c) must hold for some identity through it to hold, from the other
/// lines' certain cells.
fn implied_value(l: usize, c: usize, grid: &[Vec<Read>], ids: &[Identity]) -> Option<i64> {
    for id in ids.iter().filter(|id| id.touches((l, c))) {
        let sum = |cells: &[(usize, usize)]| -> Option<i64> {
            cells
                .iter()
                .filter(|&&x| x != (l, c))
                .map(|&(r, cc)| match grid[r][cc] {
                    Read::Val(v) if r != l => Some(v),
                    _ => None,
                })
                .sum()
        };
        let (same, other) = if id.parts.contains(&(l, c)) { (&id.parts, &id.totals) } else { (&id.totals, &id.parts) };
        if let (Some(s), Some(o)) = (sum(same), sum(other)) {
            return Some(o - s);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::IDENTITIES;

    fn cand(v: &[i64]) -> Cand {
        v.iter().map(|&x| Guess { value: Some(x), span: None }).collect()
    }
    fn line(cands: Vec<Cand>) -> LineRead {
        LineRead { cands, ..LineRead::none() }
    }
    /// rows a, b, total; a + b = total in both columns.
    fn ids() -> Vec<Identity> {
        (0..2).map(|c| Identity { def: &IDENTITIES[2], at: c, parts: vec![(0, c), (1, c)], totals: vec![(2, c)] }).collect()
    }

    #[test]
    fn column_identity_picks_the_split() {
        let lines = vec![line(vec![cand(&[1, 2]), cand(&[12, 0])]), line(vec![cand(&[3, 4])]), line(vec![cand(&[4, 6])])];
        let out = solve(&lines, 2, &ids());
        assert_eq!(out.lines[0].iter().map(|r| (r.guess.value, r.certain)).collect::<Vec<_>>(), vec![(Some(1), true), (Some(2), true)]);
    }

    #[test]
    fn a_balanced_table_is_not_doubted_for_a_lone_broken_identity() {
        // Line 0 reads 1|2 (all holds) or 12|0; with 12|0, column 0 fails by 11 and column 1
        // by 2: not one wrong cell. With 3|4 against 5|4 only column 0 would break, which
        // any of its cells could mend: no evidence either (the rules_fire and hostile tests
        // cover a doubt that fires).
        let lines = vec![line(vec![cand(&[1, 2]), cand(&[12, 0])]), line(vec![cand(&[3, 4])]), line(vec![cand(&[4, 6])])];
        assert!(solve(&lines, 2, &ids()).doubts.is_empty());
        let lines = vec![line(vec![cand(&[3, 4]), cand(&[5, 4])]), line(vec![cand(&[3, 4])]), line(vec![cand(&[6, 8])])];
        assert!(solve(&lines, 2, &ids()).doubts.is_empty());
    }

    #[test]
    fn a_search_over_its_bound_decides_nothing() {
        let many: Vec<Cand> = (0..400).map(|i| cand(&[i, 0])).collect();
        let lines = vec![line(many.clone()), line(many), line(vec![cand(&[10_000, 0])])];
        let out = solve(&lines, 2, &ids());
        assert!(out.gave_up);
        assert!(!out.lines[0][0].certain && !out.lines[1][0].certain);
    }
}
