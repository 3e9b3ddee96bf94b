//! The template's identities laid over a table's rows and columns, and the one judge of
//! whether an identity holds. The extractor chooses readings with this judge and the
//! rules report with it, so a blank means the same thing to both.

use crate::template::{Each, IDENTITIES, IdentityDef, TableDef, selects};

/// One identity at one column (or row) of a table, over (row, column) indices.
#[derive(Clone, Debug)]
pub struct Identity {
    pub def: &'static IdentityDef,
    /// The column (for `Each::Column`) or row (for `Each::Row`) it is taken at.
    pub at: usize,
    pub parts: Vec<(usize, usize)>,
    pub totals: Vec<(usize, usize)>,
}

impl Identity {
    pub fn cells(&self) -> impl Iterator<Item = &(usize, usize)> {
        self.parts.iter().chain(&self.totals)
    }
    pub fn touches(&self, cell: (usize, usize)) -> bool {
        self.cells().any(|&x| x == cell)
    }
}

/// Every identity of table `def` over rows `rows` (keys, in order) and its columns.
pub fn of_table(def: &TableDef, rows: &[&str]) -> Vec<Identity> {
    let cols: Vec<&str> = def.cols.iter().map(|c| c.key).collect();
    let mut out = Vec::new();
    for idef in IDENTITIES.iter().filter(|i| i.table == def.id) {
        let pick = |keys: &[&str], sels: &[&str]| -> Vec<usize> {
            (0..keys.len()).filter(|&i| sels.iter().any(|s| selects(s, keys[i]))).collect()
        };
        let (lines, across) = match idef.each {
            Each::Column => (cols.len(), rows),
            Each::Row => (rows.len(), &cols[..]),
        };
        let (parts, totals) = (pick(across, idef.parts), pick(across, idef.totals));
        for at in 0..lines {
            let cell = |i: usize| if idef.each == Each::Column { (i, at) } else { (at, i) };
            out.push(Identity {
                def: idef,
                at,
                parts: parts.iter().map(|&i| cell(i)).collect(),
                totals: totals.iter().map(|&i| cell(i)).collect(),
            });
        }
    }
    out
}

/// The identities inside one printed line of `def` (table 3: a row; table 4: its three
/// blocks side by side), over (0, position in the line).
pub fn of_line(def: &TableDef) -> Vec<Identity> {
    let k = def.cols.len();
    let keys: Vec<&str> = def.rows.iter().take(def.rows_per_line).map(|r| r.key).collect();
    let flat = |v: &[(usize, usize)]| v.iter().map(|&(r, c)| (0, r * k + c)).collect();
    of_table(def, &keys)
        .into_iter()
        .filter(|id| id.def.each == Each::Row)
        .map(|id| Identity { parts: flat(&id.parts), totals: flat(&id.totals), ..id })
        .collect()
}

/// A cell as the judge sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Read {
    /// Not read with certainty (or not chosen yet).
    Unknown,
    /// Printed blank, "/", "—": never a 0 on its own.
    Blank,
    Val(i64),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Holds {
        with_blanks: bool,
    },
    /// The sums differ, as read.
    Fails {
        parts: i64,
        totals: i64,
        with_blanks: bool,
    },
    /// Some cells are unknown, but the known ones already exceed the other side, which
    /// is complete (every count is ≥ 0): it must fail whatever the unknown cells hold.
    Exceeds,
    /// A side is all blank, or unknown cells leave it open.
    NotJudged {
        blank: bool,
    },
}

impl Verdict {
    pub fn broken(self) -> bool {
        matches!(self, Verdict::Fails { .. } | Verdict::Exceeds)
    }
}

/// A side's sum: blanks count as 0 only when the side also prints a number; a side that
/// is all blank is not judged (T5 counts it).
enum Side {
    Sum { sum: i64, blanks: bool },
    Partial(i64),
    Blank,
}

fn side(cells: &[(usize, usize)], get: &impl Fn(usize, usize) -> Read) -> Side {
    let (mut sum, mut printed, mut blanks, mut unknown) = (0i64, false, false, false);
    for &(r, c) in cells {
        match get(r, c) {
            // Saturating: an absurd printed number must not wrap into a balance.
            Read::Val(v) => (sum, printed) = (sum.saturating_add(v), true),
            Read::Blank => blanks = true,
            Read::Unknown => unknown = true,
        }
    }
    match (unknown, printed) {
        (true, _) => Side::Partial(sum),
        (false, true) => Side::Sum { sum, blanks },
        (false, false) => Side::Blank,
    }
}

/// Whether `id` holds on the cells `get` returns.
pub fn judge(id: &Identity, get: impl Fn(usize, usize) -> Read) -> Verdict {
    match (side(&id.parts, &get), side(&id.totals, &get)) {
        (Side::Sum { sum: p, blanks: a }, Side::Sum { sum: t, blanks: b }) if p == t => Verdict::Holds { with_blanks: a || b },
        (Side::Sum { sum: parts, blanks: a }, Side::Sum { sum: totals, blanks: b }) => {
            Verdict::Fails { parts, totals, with_blanks: a || b }
        }
        (Side::Partial(p), Side::Sum { sum: t, .. }) | (Side::Sum { sum: t, .. }, Side::Partial(p)) if p > t => Verdict::Exceeds,
        (Side::Blank, _) | (_, Side::Blank) => Verdict::NotJudged { blank: true },
        _ => Verdict::NotJudged { blank: false },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::{Format, T3, T4};

    #[test]
    fn table3_identities_come_from_the_template() {
        let keys: Vec<&str> = T3.data_rows(Format::F2021).map(|r| r.key).collect();
        let ids = of_table(&T3, &keys);
        let count = |rule| ids.iter().filter(|i| i.def.rule == rule).count();
        assert_eq!((count("H1"), count("H2"), count("H3")), (7, keys.len(), 7));
        // H3 adds the three 2021 其他处理 sub-rows and every result row, not the totals.
        let h3 = ids.iter().find(|i| i.def.rule == "H3").unwrap();
        assert_eq!(h3.parts.len(), 2 + 8 + 3 + 5 + 3);
        assert!(!h3.parts.iter().any(|&(r, _)| matches!(keys[r], "total" | "new_received" | "carried_forward")));
    }

    #[test]
    fn table4_line_has_three_block_sums() {
        let ids = of_line(&T4);
        assert_eq!(ids.len(), 3);
        assert_eq!(ids[1].parts, vec![(0, 5), (0, 6), (0, 7), (0, 8)]);
        assert_eq!(ids[1].totals, vec![(0, 9)]);
    }

    #[test]
    fn one_meaning_of_a_blank() {
        let id = Identity { def: &IDENTITIES[1], at: 0, parts: vec![(0, 0), (0, 1)], totals: vec![(0, 2)] };
        let row = |v: [Read; 3]| move |_: usize, c: usize| v[c];
        use Read::*;
        assert_eq!(judge(&id, row([Val(2), Blank, Val(2)])), Verdict::Holds { with_blanks: true });
        assert_eq!(judge(&id, row([Blank, Blank, Val(2)])), Verdict::NotJudged { blank: true });
        assert_eq!(judge(&id, row([Val(3), Unknown, Val(2)])), Verdict::Exceeds);
        assert_eq!(judge(&id, row([Val(1), Unknown, Val(2)])), Verdict::NotJudged { blank: false });
        assert!(judge(&id, row([Val(i64::MAX), Val(i64::MAX), Val(-2)])).broken());
    }
}
