//! A table's numbers as one stream, cut into rows. A PDF tool that writes every number
//! alone on a line may also move the labels away from their numbers (pdftotext's reading
//! order stacks a page's labels, then its numbers) and prints a blank cell nowhere. The
//! numbers are still in the table's order; what is lost is where each row starts and
//! which of its cells were blank. Two things say where rows start: a stack of labels (the
//! numbers after it start its first row) and a row's last number being the sum of the
//! others (its total). A row is read only where every best cut agrees on it (see `cut`
//! for what is best); which of its cells the blanks were is left to the identities.

/// A stack of labels in the stream: the numbers from `at` on start row `row`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Anchor {
    pub row: usize,
    pub at: usize,
}

/// For each of `rows` rows of `k` cells, the numbers `(first, count)` it holds of the
/// stream `nums`, when every good cut agrees on them; `None` where cuts differ. All `None`
/// when the numbers do not fit the rows.
///
/// A cut's score: one for each stack it starts where it stands, less one for each row
/// whose last number is not the sum of the others, except the first such row. Nothing
/// else: how many rows hold blanks is no evidence (a report may leave every 0 blank), so
/// where the stacks and the sums leave room, cuts tie and the rows they differ on are not
/// read. The first row that does not add up is free because one wrong printed number is
/// what the report is checked for: a cut that hides it by moving numbers must not beat the
/// true one, which breaks that row. A row that does not add up weighs as much as a stack.
pub fn cut(nums: &[i64], rows: usize, k: usize, anchors: &[Anchor]) -> Vec<Option<(usize, usize)>> {
    let m = nums.len();
    if m > rows * k {
        return vec![None; rows];
    }
    let adds_up = |p: usize, n: usize| adds_up(&nums[p..p + n]);
    // From state `broke` (a row already failed to add up), row `row` holding numbers
    // p..p+n: the score it adds and the state after it.
    let step = |row: usize, p: usize, n: usize, broke: usize| -> (i64, usize) {
        let hit = anchors.iter().any(|a| a.row == row && a.at == p) as i64;
        if adds_up(p, n) { (hit, broke) } else { (hit - broke as i64, 1) }
    };
    // best_to[i][p][b]: the best score of rows 0..i holding numbers 0..p, ending in state
    // b; best_from[i][p][b]: of rows i.. holding numbers p..m, from state b.
    let mut best_to = vec![vec![[None; 2]; m + 1]; rows + 1];
    best_to[0][0][0] = Some(0i64);
    for i in 0..rows {
        for p in 0..=m {
            for b in 0..2 {
                let Some(s) = best_to[i][p][b] else { continue };
                for n in 0..=k.min(m - p) {
                    let (g, b2) = step(i, p, n, b);
                    let slot = &mut best_to[i + 1][p + n][b2];
                    *slot = Some(slot.map_or(s + g, |o: i64| o.max(s + g)));
                }
            }
        }
    }
    let mut best_from = vec![vec![[None; 2]; m + 1]; rows + 1];
    best_from[rows][m] = [Some(0i64); 2];
    for i in (0..rows).rev() {
        for p in 0..=m {
            for b in 0..2 {
                best_from[i][p][b] = (0..=k.min(m - p))
                    .filter_map(|n| {
                        let (g, b2) = step(i, p, n, b);
                        best_from[i + 1][p + n][b2].map(|s| s + g)
                    })
                    .max();
            }
        }
    }
    let Some(best) = best_from[0][0][0] else { return vec![None; rows] };
    (0..rows)
        .map(|i| {
            // Every (first, count) of row i that some best cut uses.
            let mut used = (0..=m).flat_map(|p| (0..=k.min(m - p)).map(move |n| (p, n))).filter(|&(p, n)| {
                (0..2).any(|b| {
                    let (g, b2) = step(i, p, n, b);
                    matches!((best_to[i][p][b], best_from[i + 1][p + n][b2]), (Some(a), Some(z)) if a + g + z == best)
                })
            });
            match (used.next(), used.next()) {
                (Some(only), None) => Some(only),
                _ => None,
            }
        })
        .collect()
}

/// Whether a row's last number is the sum of the others. A lone number is a total whose
/// parts are all blank: a sum only if it is 0 (a lone 2 taken as a row is more likely a
/// cell another row printed late, LibreOffice's random-0309: 部分公开's total after the
/// labels of the rows below, and the cut that made it a row moved five rows one row on).
/// Checked: a pasted number may be as long as an i64 (an overflow is no sum).
fn adds_up(row: &[i64]) -> bool {
    match row.split_last() {
        Some((last, parts)) => parts.iter().try_fold(0i64, |a, &v| a.checked_add(v)) == Some(*last),
        None => true,
    }
}

/// Whether the cut starts the stack's row where the stack stands.
fn honoured(cuts: &[Option<(usize, usize)>], h: &Anchor) -> bool {
    cuts[h.row].is_some_and(|(p, c)| c > 0 && p == h.at)
}

/// Whether the numbers the cut gave row `r` add up.
fn vouched(cuts: &[Option<(usize, usize)>], nums: &[i64], r: usize) -> bool {
    cuts[r].is_some_and(|(p, c)| adds_up(&nums[p..p + c]))
}

/// Rows a cut placed against the labels on the word of a row it cannot vouch for: every
/// best cut gives the numbers after a stack whose lowest row is `h.row` to another row,
/// while `h.row` itself took numbers that do not add up (the one such row a cut may keep
/// for a wrong printed number) or is not placed at all. A label standing after its own
/// numbers is common in PDF text; together with a row that does not add up it is more
/// likely the text's order that broke (Chromium's random-0040 printed two rows' last cells
/// after the page's foot, and the cut gave each later row the next one's numbers). From
/// `h.row` up to the next stack the cut honours, where the rows stand is the cut's guess:
/// `true` for those rows.
pub fn dishonoured(cuts: &[Option<(usize, usize)>], heads: &[Anchor], nums: &[i64]) -> Vec<bool> {
    let n = cuts.len();
    let start = |r: usize| cuts[r].filter(|c| c.1 > 0).map(|c| c.0);
    let honoured = |h: &Anchor| honoured(cuts, h);
    let vouched = |r: usize| vouched(cuts, nums, r);
    // A row above the stack's holds its first number: the cut put the label inside or
    // before an earlier row's numbers (reportlab's random-0296 printed three cells of
    // 本年新收 after the page's foot; the cut gave 本年新收 the three of 上年结转 after its
    // label, and 上年结转 those of 予以公开). PDF text prints a label late, after its own
    // numbers, not early: from the last stack the cut honours before it, every row may be
    // a row off (LibreOffice's random-0014: 部分公开's first cell printed far below, the cut
    // gave 行政执法案卷's numbers to 四类过程性信息, and every row from 部分公开 on added up).
    let early = |h: &Anchor| cuts[..h.row].iter().flatten().any(|&(p, c)| p <= h.at && h.at < p + c);
    let mut off = vec![false; n];
    for (i, h) in heads.iter().enumerate() {
        let taken = (0..n).any(|r| r != h.row && start(r) == Some(h.at));
        let from = if early(h) {
            heads[..i].iter().rev().find(|x| honoured(x)).map_or(0, |x| x.row + 1)
        } else if taken && !vouched(h.row) {
            h.row
        } else {
            continue;
        };
        let until = heads[i + 1..].iter().find(|x| honoured(x)).map_or(n, |x| x.row);
        (from..until).for_each(|r| off[r] = true);
    }
    off
}

/// Rows a cut placed on a stream that lost numbers (`gaps`: for each, how many numbers
/// stand before it): the cut took them for blanks. Where rows beside the gap have room for
/// them and the other rows beside it add up, they were those rows' (Chromium's random-0007
/// lost two cells at the start of 上年结转, which the cut gave five): a placed row among
/// them is unsure, rows no cut placed stay so, and the rows after are cut from the same
/// numbers as they would be with the lost ones back. Otherwise, from the row that may hold
/// them on, where rows start is the cut's guess, up to the next stack after them that it
/// honours (Chromium's random-0146 lost two cells of 本年新收 and 上年结转, full rows, and
/// the cut gave 上年结转 the numbers of 予以公开, every row adding up). `true` for those rows.
pub fn lost(cuts: &[Option<(usize, usize)>], heads: &[Anchor], gaps: &[usize], nums: &[i64], k: usize) -> Vec<bool> {
    let n = cuts.len();
    let honoured = |h: &Anchor| honoured(cuts, h);
    let touches = |r: usize, g: usize| cuts[r].is_some_and(|(p, c)| p <= g && g <= p + c);
    let sound = |r: usize| vouched(cuts, nums, r);
    // Room left in each placed row, and in each run of rows no cut placed (at its first).
    let mut room: Vec<usize> = cuts.iter().map(|c| c.map_or(0, |(_, c)| k.saturating_sub(c))).collect();
    let ends = |r: usize| cuts[r].map(|(p, c)| p + c);
    for lo in (0..n).filter(|&r| cuts[r].is_none() && (r == 0 || cuts[r - 1].is_some())) {
        let hi = (lo..n).find(|&r| cuts[r].is_some()).unwrap_or(n);
        let (a, b) = (lo.checked_sub(1).and_then(ends).unwrap_or(0), cuts.get(hi).copied().flatten().map_or(nums.len(), |c| c.0));
        room[lo] = ((hi - lo) * k).saturating_sub(b.saturating_sub(a));
    }
    let unplaced_run = |g: usize| {
        let lo = (0..n).rev().find(|&r| ends(r).is_some_and(|e| e <= g)).map_or(0, |r| r + 1);
        let hi = (lo..n).find(|&r| cuts[r].is_some()).unwrap_or(n);
        (lo < hi && cuts.get(hi).copied().flatten().is_none_or(|c| c.0 >= g)).then_some(lo)
    };
    let mut off = vec![false; n];
    let mut at = 0;
    while at < gaps.len() {
        let g = gaps[at];
        let lost = gaps[at..].iter().take_while(|&&x| x == g).count();
        at += lost;
        let beside: Vec<usize> = (0..n).filter(|&r| touches(r, g)).collect();
        let others_sound = |holder: Option<usize>| beside.iter().all(|&o| Some(o) == holder || sound(o));
        if let Some(r) = beside.iter().copied().find(|&r| room[r] >= lost && others_sound(Some(r))) {
            room[r] -= lost;
            off[r] = true;
            continue;
        }
        if let Some(lo) = unplaced_run(g).filter(|&lo| room[lo] >= lost && others_sound(None)) {
            room[lo] -= lost;
            continue;
        }
        // A full row ending where they were lost has no room for them.
        let first = (0..n).find(|&r| cuts[r].is_some_and(|(p, c)| p + c > g || (p + c == g && c < k))).unwrap_or(n);
        let until = heads.iter().find(|h| h.at >= g && honoured(h)).map_or(n, |h| h.row);
        (first..until).for_each(|r| off[r] = true);
    }
    off
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_stream_is_every_row_in_order() {
        assert_eq!(cut(&[0; 6], 3, 2, &[]), vec![Some((0, 2)), Some((2, 2)), Some((4, 2))]);
    }

    #[test]
    fn zeros_with_a_blank_nothing_locates_leave_every_row_unread() {
        // 5 zeros for 3 rows of 2: any row may be the one with a blank.
        assert_eq!(cut(&[0; 5], 3, 2, &[]), vec![None, None, None]);
    }

    #[test]
    fn stacks_confine_the_blanks_to_the_rows_between_them() {
        // 5 rows of 3, 13 zeros: stacks start rows 0, 1, 2 and 4 at 0, 3, 6 and 10, so the
        // two blanks are in row 2 or 3 (which one, nothing says); rows 0, 1, 4 are whole.
        let a = [Anchor { row: 0, at: 0 }, Anchor { row: 1, at: 3 }, Anchor { row: 2, at: 6 }, Anchor { row: 4, at: 10 }];
        assert_eq!(cut(&[0; 13], 5, 3, &a), vec![Some((0, 3)), Some((3, 3)), None, None, Some((10, 3))]);
    }

    #[test]
    fn the_totals_place_the_blanks() {
        // Rows of 3 (two parts, a total): 1 2 3 | 4 4 | 2 5 7: only one cut adds up.
        assert_eq!(cut(&[1, 2, 3, 4, 4, 2, 5, 7], 3, 3, &[]), vec![Some((0, 3)), Some((3, 2)), Some((5, 3))]);
    }

    #[test]
    fn a_cut_that_hides_a_wrong_number_does_not_win() {
        // Rows of 3, 1 2 4 0 0: row 0's total is wrong (3 printed as 4). The true cut,
        // 1 2 4 | 0 0, breaks one row; 1 2 | 4 0 0 breaks both: the error stays in sight.
        assert_eq!(cut(&[1, 2, 4, 0, 0], 2, 3, &[]), vec![Some((0, 3)), Some((3, 2))]);
        // 0 0 5 | 5 with rows of 2 and a blank: 0 | 0 5 5 is no cut (3 in a row); 0 0 | 5 5
        // breaks row 1, 0 | 0 5 | ... needs 3 rows. With 3 rows: 0 0 | 5 5 | (blank) breaks
        // row 1 and ties with 0 | 0 5 | 5 (row 1 broken too) and 0 0 | 5 | 5: not read.
        assert_eq!(cut(&[0, 0, 5, 5], 3, 2, &[]), vec![None, None, None]);
    }

    #[test]
    fn a_label_after_its_numbers_moves_no_row() {
        // The last row's label stands after every number (pdftotext puts 四、结转下年度继续办理
        // after its numbers): starting the row there would leave it empty and the rows before
        // it overfull, so the cut keeps the rows whole.
        let a = [Anchor { row: 0, at: 0 }, Anchor { row: 1, at: 2 }, Anchor { row: 2, at: 6 }];
        assert_eq!(cut(&[0; 6], 3, 2, &a), vec![Some((0, 2)), Some((2, 2)), Some((4, 2))]);
    }

    #[test]
    fn a_stack_given_to_the_next_row_beside_a_row_that_does_not_add_up_places_nothing() {
        // Rows of 3; the stack at 7 starts row 2, but the best cut gives 7.. to row 3 and
        // row 2 took 9 8 (no sum): rows 2 and 3 are the cut's guess, up to the stack at 10
        // (row 4), which it honours.
        let cuts = [Some((0, 3)), Some((3, 2)), Some((5, 2)), Some((7, 3)), Some((10, 3))];
        let heads = [Anchor { row: 0, at: 0 }, Anchor { row: 2, at: 7 }, Anchor { row: 4, at: 10 }];
        let nums = [1, 2, 3, 4, 4, 9, 8, 1, 1, 2, 0, 0, 0];
        assert_eq!(dishonoured(&cuts, &heads, &nums), vec![false, false, true, true, false]);
        // The same with row 2 placed by no cut.
        let cuts = [Some((0, 3)), Some((3, 2)), None, Some((7, 3)), Some((10, 3))];
        assert_eq!(dishonoured(&cuts, &heads, &nums), vec![false, false, true, true, false]);
        // A row that adds up before the label that follows it: the label stands after its
        // own numbers, as PDF text often prints it.
        let cuts = [Some((0, 3)), Some((3, 2)), Some((5, 2)), Some((7, 3)), Some((10, 3))];
        let nums = [1, 2, 3, 4, 4, 9, 9, 1, 1, 2, 0, 0, 0];
        assert_eq!(dishonoured(&cuts, &heads, &nums), vec![false; 5]);
    }

    #[test]
    fn a_stack_inside_an_earlier_row_places_nothing_up_to_the_next_it_honours() {
        // Rows of 3; the stack at 2 starts row 1, but the cut ran row 0 on across it and
        // gave row 1 the numbers after (which add up): rows 1 and 2 are its guess, up to
        // the stack at 8 (row 3).
        let cuts = [Some((0, 3)), Some((3, 3)), Some((6, 2)), Some((8, 3))];
        let heads = [Anchor { row: 0, at: 0 }, Anchor { row: 1, at: 2 }, Anchor { row: 3, at: 8 }];
        let nums = [5, 6, 0, 1, 1, 2, 4, 4, 0, 0, 0];
        assert_eq!(dishonoured(&cuts, &heads, &nums), vec![false, true, true, false]);
        // A stack of rows 1 to 3 inside row 3: labels printed after their numbers.
        let late = [Anchor { row: 0, at: 0 }, Anchor { row: 1, at: 10 }];
        assert_eq!(dishonoured(&cuts, &late, &nums), vec![false; 4]);
    }

    #[test]
    fn a_stack_whose_numbers_an_earlier_row_took_places_nothing_from_the_last_stack_honoured() {
        // Rows of 3; the stack at 6 is row 3's, but the cut started row 2 there: a label
        // printed a row early is no PDF habit, so rows 1 to 3 (after row 0's stack, which
        // it honours) are its guess, every one adding up or not.
        let cuts = [Some((0, 3)), Some((3, 3)), Some((6, 3)), Some((9, 3))];
        let heads = [Anchor { row: 0, at: 0 }, Anchor { row: 3, at: 6 }];
        let nums = [1, 1, 2, 1, 1, 2, 1, 1, 2, 0, 0, 0];
        assert_eq!(dishonoured(&cuts, &heads, &nums), vec![false, true, true, true]);
        // A stack whose numbers a later row took is a label printed late: nothing.
        let late = [Anchor { row: 0, at: 0 }, Anchor { row: 1, at: 6 }];
        assert_eq!(dishonoured(&cuts, &late, &nums), vec![false; 4]);
    }

    #[test]
    fn a_lone_number_is_a_sum_only_if_it_is_0() {
        assert!(adds_up(&[0]) && adds_up(&[]) && adds_up(&[1, 2, 3]));
        assert!(!adds_up(&[2]));
        // Rows of 3, the first with a wrong number (1 1 3): 1 1 3 | 5 | 0 0 0 made a stray
        // 5 a row, the only cut breaking one row; now it breaks two, as 1 1 3 | 5 0 | 0 0
        // does: the cuts tie and where the 5 belongs is not read.
        let got = cut(&[1, 1, 3, 5, 0, 0, 0], 3, 3, &[]);
        assert!(got[1].is_none() && got[2].is_none(), "{got:?}");
    }

    #[test]
    fn numbers_lost_where_a_row_has_room_for_them_make_that_row_unsure() {
        // Rows of 3: 1 2 3 | (lost: 4 4) 8 | 0 0 0. The cut gave row 1 one number, room for
        // the two lost at 3, and row 0 beside them adds up: only row 1 is unsure.
        let nums = [1, 2, 3, 8, 0, 0, 0];
        let cuts = [Some((0, 3)), Some((3, 1)), Some((4, 3))];
        assert_eq!(lost(&cuts, &[], &[3, 3], &nums, 3), vec![false, true, false]);
    }

    #[test]
    fn numbers_lost_among_rows_no_cut_placed_move_no_placed_row() {
        // Rows 0 and 1 unplaced, holding 4 of their 6 cells: two lost there fit.
        let nums = [1, 2, 9, 9, 0, 0, 0];
        let cuts = [None, None, Some((4, 3))];
        assert_eq!(lost(&cuts, &[], &[2, 2], &nums, 3), vec![false, false, false]);
        // Three lost there do not: every row from the gap on is the cut's guess.
        assert_eq!(lost(&cuts, &[], &[2, 2, 2], &nums, 3), vec![false, false, true]);
    }

    #[test]
    fn numbers_lost_inside_a_full_row_move_every_row_up_to_a_stack_the_cut_honours() {
        // Rows of 3, each full and adding up as cut: the two lost at 1 were row 0's, so
        // every row is a few numbers off, up to row 3, whose stack at 9 the cut honours.
        let nums = [1, 1, 2, 1, 1, 2, 1, 1, 2, 0, 0, 0];
        let cuts = [Some((0, 3)), Some((3, 3)), Some((6, 3)), Some((9, 3))];
        let heads = [Anchor { row: 0, at: 0 }, Anchor { row: 3, at: 9 }];
        assert_eq!(lost(&cuts, &heads, &[1, 1], &nums, 3), vec![true, true, true, false]);
    }

    #[test]
    fn numbers_too_large_to_add_are_no_sum() {
        let big = i64::MAX;
        assert_eq!(cut(&[big, big, 1], 1, 3, &[]), vec![Some((0, 3))]);
    }

    #[test]
    fn more_numbers_than_cells_read_nothing() {
        assert_eq!(cut(&[0; 7], 3, 2, &[]), vec![None, None, None]);
    }
}
