//! Choosing among a table's readings with its identities: the readings of ambiguous rows
//! that break the fewest identities win; a cell is certain only if every winning reading
//! agrees on it. A row no reading of which adds up (a wrong number in flat text) is then
//! read the way the other rows imply, if one reading fits all but one of its cells; so is a
//! row that lost a cell and still breaks an identity (a wrong number beside a lost cell).

use super::candidates::{Cand, Guess, RowRead};

/// `lhs` = `rhs`, as (row, column) cells of one table.
#[derive(Clone, Debug)]
pub struct Identity {
    pub lhs: Vec<(usize, usize)>,
    pub rhs: Vec<(usize, usize)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    pub guess: Guess,
    pub certain: bool,
}

impl Resolved {
    pub fn cell(&self) -> crate::model::Cell {
        crate::model::Cell { value: self.guess.value.map(crate::model::Value::Int), span: self.guess.span, certain: self.certain }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum K {
    Unknown,
    Blank,
    Val(i64),
}

const MAX_NODES: usize = 300_000;
const MAX_SOLUTIONS: usize = 256;

pub fn solve(rows: &[RowRead], k: usize, ids: &[Identity]) -> Vec<Vec<Resolved>> {
    let mut grid: Vec<Vec<K>> = rows.iter().map(|r| fixed(r, k)).collect();
    let amb: Vec<usize> = (0..rows.len()).filter(|&r| !rows[r].broken && rows[r].cands.len() > 1).collect();
    let mut s =
        Search { rows, ids, amb: &amb, grid: grid.clone(), best: usize::MAX, sols: Vec::new(), nodes: 0, choice: vec![0; amb.len()] };
    if !amb.is_empty() {
        s.rec(0);
    }
    let mut out: Vec<Vec<Resolved>> = rows.iter().map(|r| first_or_blank(r, k)).collect();
    for (ai, &r) in amb.iter().enumerate() {
        let picks: Vec<&Cand> = if s.sols.is_empty() || s.nodes > MAX_NODES {
            rows[r].cands.iter().collect()
        } else {
            s.sols.iter().map(|sol| &rows[r].cands[sol[ai]]).collect()
        };
        out[r] = agree(&picks, k);
        grid[r] = read_cells(&out[r]);
    }
    for r in (0..rows.len()).filter(|&r| rows[r].broken) {
        out[r] = by_implied(&rows[r].cands, r, k, &grid, ids);
        grid[r] = read_cells(&out[r]);
    }
    for r in 0..rows.len() {
        let Some(printed) = &rows[r].printed else { continue };
        let Some(placed) = place_lost(printed, r, k, &grid, ids) else { continue };
        let mut g = grid.clone();
        g[r] = placed.iter().map(|c| known(&c.guess)).collect();
        // Only a placement that leaves fewer identities broken is a better reading.
        if violations(&g, ids) < violations(&grid, ids) {
            out[r] = placed;
            grid = g;
        }
    }
    out
}

/// A row that lost a cell and still breaks an identity as read: put its printed cells
/// where the other rows imply, and the lost one at the value they imply, if exactly one
/// placement matches all printed cells but at most one (which is then a wrong number).
fn place_lost(printed: &Cand, r: usize, k: usize, grid: &[Vec<K>], ids: &[Identity]) -> Option<Vec<Resolved>> {
    let touching: Vec<Identity> = ids.iter().filter(|id| id.lhs.iter().chain(&id.rhs).any(|x| x.0 == r)).cloned().collect();
    if violations(grid, &touching) == 0 {
        return None;
    }
    let mut g = grid.to_vec();
    g[r] = vec![K::Unknown; k];
    let imp: Vec<Option<i64>> = (0..k).map(|c| implied_value(r, c, &g, ids)).collect();
    let mut best: Vec<(usize, Cand)> = Vec::new();
    let mut best_score = 0;
    for p in 0..k {
        let Some(v) = imp[p].filter(|v| *v >= 0) else { continue };
        let mut cand = printed.clone();
        cand.insert(p, Guess { value: Some(v), span: None });
        let with = (0..k).filter(|&c| c != p && imp[c].is_some()).count();
        let score = (0..k).filter(|&c| c != p && imp[c].is_some() && cand[c].value == imp[c]).count();
        if with < 3 || score + 1 < with {
            continue;
        }
        match score.cmp(&best_score) {
            std::cmp::Ordering::Greater => {
                best_score = score;
                best = vec![(p, cand)];
            }
            std::cmp::Ordering::Equal => best.push((p, cand)),
            std::cmp::Ordering::Less => {}
        }
    }
    match &best[..] {
        [(_, cand)] => Some(cand.iter().map(|g| Resolved { guess: g.clone(), certain: true }).collect()),
        _ => None,
    }
}

/// What the other rows may rely on: certain cells only.
fn read_cells(row: &[Resolved]) -> Vec<K> {
    row.iter().map(|c| if c.certain { known(&c.guess) } else { K::Unknown }).collect()
}

fn known(g: &Guess) -> K {
    g.value.map_or(K::Blank, K::Val)
}

fn fixed(r: &RowRead, k: usize) -> Vec<K> {
    if r.cands.len() == 1 && !r.broken {
        r.cands[0].iter().map(known).collect()
    } else if r.cands.is_empty() {
        vec![K::Blank; k]
    } else {
        vec![K::Unknown; k]
    }
}

fn first_or_blank(r: &RowRead, k: usize) -> Vec<Resolved> {
    match (r.cands.len(), r.broken) {
        (1, false) => r.cands[0].iter().map(|g| Resolved { guess: g.clone(), certain: true }).collect(),
        // No numbers after the label: printed blank. Otherwise unreadable until chosen.
        _ => vec![
            Resolved {
                guess: Guess { value: None, span: None },
                certain: r.cands.is_empty() && r.issue == super::candidates::Issue::Clean
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
                Resolved { guess: Guess { value: None, span: first.span }, certain: false }
            }
        })
        .collect()
}

struct Search<'a> {
    rows: &'a [RowRead],
    ids: &'a [Identity],
    amb: &'a [usize],
    grid: Vec<Vec<K>>,
    best: usize,
    sols: Vec<Vec<usize>>,
    nodes: usize,
    choice: Vec<usize>,
}

impl Search<'_> {
    fn rec(&mut self, depth: usize) {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return;
        }
        let v = violations(&self.grid, self.ids);
        if v > self.best {
            return;
        }
        if depth == self.amb.len() {
            if v < self.best {
                self.best = v;
                self.sols.clear();
            }
            if self.sols.len() < MAX_SOLUTIONS {
                self.sols.push(self.choice.clone());
            }
            return;
        }
        let r = self.amb[depth];
        for ci in 0..self.rows[r].cands.len() {
            self.choice[depth] = ci;
            self.grid[r] = self.rows[r].cands[ci].iter().map(known).collect();
            self.rec(depth + 1);
        }
        self.grid[r] = vec![K::Unknown; self.grid[r].len()];
    }
}

/// Identities that fail, or must fail because one side already exceeds the other
/// (every count is ≥ 0). Identities touching a blank or an unknown cell are not judged.
fn violations(grid: &[Vec<K>], ids: &[Identity]) -> usize {
    ids.iter()
        .filter(|id| {
            let side = |cells: &[(usize, usize)]| {
                let mut sum = 0;
                let mut complete = true;
                for &(r, c) in cells {
                    match grid[r][c] {
                        K::Val(v) => sum += v,
                        K::Unknown => complete = false,
                        K::Blank => return None,
                    }
                }
                Some((sum, complete))
            };
            match (side(&id.lhs), side(&id.rhs)) {
                (Some((a, true)), Some((b, true))) => a != b,
                (Some((a, false)), Some((b, true))) => a > b,
                (Some((a, true)), Some((b, false))) => b > a,
                _ => false,
            }
        })
        .count()
}

/// A row whose every reading breaks its own sum: take the reading that matches what the
/// other rows imply in the most cells, if it is the only one that close.
fn by_implied(cands: &[Cand], r: usize, k: usize, grid: &[Vec<K>], ids: &[Identity]) -> Vec<Resolved> {
    let implied: Vec<Option<i64>> = (0..k).map(|c| implied_value(r, c, grid, ids)).collect();
    let with_implied = implied.iter().filter(|v| v.is_some()).count();
    let score = |cand: &Cand| (0..k).filter(|&c| implied[c].is_some() && cand[c].value == implied[c]).count();
    let best = cands.iter().map(score).max().unwrap_or(0);
    let winners: Vec<&Cand> = cands.iter().filter(|c| score(c) == best).collect();
    if cands.is_empty() {
        vec![Resolved { guess: Guess { value: None, span: None }, certain: false }; k]
    } else if with_implied >= 2 && best + 1 >= with_implied {
        agree(&winners, k)
    } else {
        // Nothing to choose by: only what every reading agrees on is read.
        let all: Vec<&Cand> = cands.iter().collect();
        agree(&all, k)
    }
}

fn implied_value(r: usize, c: usize, grid: &[Vec<K>], ids: &[Identity]) -> Option<i64> {
    for id in ids {
        let on_lhs = id.lhs.contains(&(r, c));
        if !on_lhs && !id.rhs.contains(&(r, c)) {
            continue;
        }
        let sum = |cells: &[(usize, usize)]| -> Option<i64> {
            cells
                .iter()
                .filter(|&&x| x != (r, c))
                .map(|&(rr, cc)| match grid[rr][cc] {
                    K::Val(v) if rr != r => Some(v),
                    _ => None,
                })
                .sum()
        };
        let (same, other) = if on_lhs { (&id.lhs, &id.rhs) } else { (&id.rhs, &id.lhs) };
        if let (Some(s), Some(o)) = (sum(same), sum(other)) {
            return Some(o - s);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(v: &[i64]) -> Cand {
        v.iter().map(|&x| Guess { value: Some(x), span: None }).collect()
    }

    #[test]
    fn column_identity_picks_the_split() {
        // rows: a, b, total; identity a + b = total per column (2 columns).
        let ids: Vec<Identity> = (0..2).map(|c| Identity { lhs: vec![(0, c), (1, c)], rhs: vec![(2, c)] }).collect();
        let rows = vec![
            RowRead {
                cands: vec![cand(&[1, 2]), cand(&[12, 0])],
                broken: false,
                issue: super::super::candidates::Issue::Clean,
                printed: None,
            },
            RowRead { cands: vec![cand(&[3, 4])], broken: false, issue: super::super::candidates::Issue::Clean, printed: None },
            RowRead { cands: vec![cand(&[4, 6])], broken: false, issue: super::super::candidates::Issue::Clean, printed: None },
        ];
        let out = solve(&rows, 2, &ids);
        assert_eq!(out[0].iter().map(|r| (r.guess.value, r.certain)).collect::<Vec<_>>(), vec![(Some(1), true), (Some(2), true)]);
    }
}
