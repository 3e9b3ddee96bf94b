//! Columns by position. `pdftotext -layout` (and text laid out like it) keeps each number
//! at its column's place on the line: a blank cell is printed nowhere, but the numbers
//! beside it still stand under their own columns. Where the rows that print every cell
//! put their numbers in separate bands of character positions, one a column, and every
//! other number of the page stands clearly nearer one band than the next, a short row's
//! numbers are placed by where they stand.

use crate::model::Span;

/// A number's place on its line: the characters from `start` to `end` (counted from the
/// line's start).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Place {
    pub start: usize,
    pub end: usize,
}

/// Where the number at byte span `span` of `src` stands on its line.
pub fn place(src: &str, span: Span) -> Place {
    let line_start = src[..span.0].rfind('\n').map_or(0, |i| i + 1);
    let start = src[line_start..span.0].chars().count();
    Place { start, end: start + src[span.0..span.1].chars().count() }
}

/// The table's `k` columns as regions of positions, from the rows that print all `k`
/// cells (`whole`) and checked against every number's place (`all`). Each column's band
/// is where the whole rows put its numbers; the bands must rise two spaces apart or more, and a
/// column's region reaches halfway to its neighbours' bands (numbers are centred or
/// aligned in their cells, so a narrow one stands inside its band or near it). `None`
/// unless every number of the page stands inside one region: a number across the middle
/// of a gap says the positions are not columns.
pub fn bands(all: &[Place], whole: &[Vec<Place>], k: usize) -> Option<Vec<Place>> {
    let band = spread(whole)?;
    // Laid-out text parts its columns by runs of spaces; numbers one space apart are text
    // in reading order (pdfplumber, a viewer's copy), where a place says nothing.
    if band.len() != k || !band.windows(2).all(|w| w[0].end + 2 <= w[1].start) {
        return None;
    }
    let mid = |c: usize| (band[c].end + band[c + 1].start) / 2;
    let regions: Vec<Place> =
        (0..k).map(|c| Place { start: if c == 0 { 0 } else { mid(c - 1) }, end: if c + 1 == k { usize::MAX } else { mid(c) } }).collect();
    all.iter().all(|p| band_of(&regions, *p).is_some()).then_some(regions)
}

/// Where the whole rows put each column's numbers: from the leftmost start to the
/// rightmost end.
fn spread(whole: &[Vec<Place>]) -> Option<Vec<Place>> {
    let mut band: Vec<Place> = whole.first()?.clone();
    for row in whole {
        for (b, p) in band.iter_mut().zip(row) {
            *b = Place { start: b.start.min(p.start), end: b.end.max(p.end) };
        }
    }
    Some(band)
}

/// Whether every number stands inside a band of the whole rows, give or take a character:
/// what a page with no whole row of its own needs to take another page's bands (pages may
/// stand a table's columns apart: LibreOffice's random-0123 put its second page's numbers
/// several characters right, and a number between two bands is no column's).
fn inside(all: &[Place], whole: &[Vec<Place>]) -> bool {
    spread(whole).is_some_and(|band| all.iter().all(|p| band.iter().any(|b| p.start + 1 >= b.start && p.end <= b.end + 1)))
}

/// A table's columns page by page: a PDF's pages stand their columns a few characters
/// apart in its `-layout` text (a form feed `\x0c` starts each page).
pub struct Layout {
    /// The byte where each page after the first starts.
    breaks: Vec<usize>,
    /// Each page's bands, where its numbers say.
    pages: Vec<Option<Vec<Place>>>,
    /// Each page's groups of numbers standing together, where there are no more of them
    /// than columns: group `i` of `c` is one of the columns `i ..= i + k - c`.
    groups: Vec<Option<Vec<Place>>>,
    k: usize,
}

impl Layout {
    /// From the spans of each line's numbers in `src`; `None` when no page's numbers say
    /// where its `k` columns are.
    #[inline(never)] // two callers (tables 2 and 3): one copy in the page's wasm
    pub fn new(src: &str, lines: &[Vec<Span>], k: usize) -> Option<Layout> {
        let breaks: Vec<usize> = src.match_indices('\x0c').map(|(i, _)| i).collect();
        let mut all = vec![Vec::new(); breaks.len() + 1];
        let mut whole = vec![Vec::new(); breaks.len() + 1];
        for line in lines.iter().filter(|l| !l.is_empty()) {
            let p = page_of(&breaks, line[0].0);
            let places: Vec<Place> = line.iter().map(|s| place(src, *s)).collect();
            all[p].extend(&places);
            if places.len() == k {
                whole[p].push(places);
            }
        }
        // A page where no row prints every cell takes the bands of the table's whole rows
        // on every page (a table's columns mostly stand within a character or two from
        // page to page), if its own numbers all stand inside those bands.
        let every: Vec<Vec<Place>> = whole.concat();
        let pages: Vec<Option<Vec<Place>>> = all
            .iter()
            .zip(&whole)
            .map(|(a, w)| if w.is_empty() { bands(a, &every, k).filter(|_| inside(a, &every)) } else { bands(a, w, k) })
            .collect();
        let mut groups: Vec<Option<Vec<Place>>> = all.iter().map(|a| groups(a).filter(|g| g.len() <= k)).collect();
        // Groups are columns only if no line puts two numbers in one group or goes back:
        // where positions wander (reportlab's -layout text, random-0158) a group holds a
        // column's numbers and the next one's, and a row read against it was placed wrong.
        // And as many groups as columns only if each two side by side stand in one line
        // somewhere: a column whose numbers wander two characters makes two groups that
        // never meet (Chromium random-0278's -layout page: 社会公益组织 in two groups, the
        // blank 科研机构 between them lost, every row's 17 and 2 read a column off with
        // certainty). Fewer groups than columns leave the identities to choose anyway.
        let mut met: Vec<Vec<bool>> = groups.iter().map(|g| vec![false; g.as_ref().map_or(0, |g| g.len().saturating_sub(1))]).collect();
        for line in lines.iter().filter(|l| !l.is_empty()) {
            let p = page_of(&breaks, line[0].0);
            let at = |g: &Vec<Place>| line.iter().map(|s| band_of(g, place(src, *s))).collect::<Option<Vec<usize>>>();
            match groups[p].as_ref().and_then(at) {
                Some(i) if !i.windows(2).all(|w| w[0] < w[1]) => groups[p] = None,
                Some(i) => i.windows(2).filter(|w| w[1] == w[0] + 1).for_each(|w| met[p][w[0]] = true),
                None => {}
            }
        }
        for (g, met) in groups.iter_mut().zip(&met) {
            if g.as_ref().is_some_and(|g| g.len() == k) && !met.iter().all(|&m| m) {
                *g = None;
            }
        }
        (pages.iter().chain(&groups).any(Option::is_some)).then_some(Layout { breaks, pages, groups, k })
    }

    /// Where no bands say the columns of a line's numbers: the columns each may stand in,
    /// by which of its page's groups it stands in (the groups rise with the columns, and
    /// a column blank on the whole page makes no group).
    pub fn ranges(&self, src: &str, line: &[Span]) -> Option<Vec<(usize, usize)>> {
        let groups = self.groups.get(page_of(&self.breaks, line.first()?.0))?.as_ref()?;
        let at: Vec<usize> = line.iter().map(|s| band_of(groups, place(src, *s))).collect::<Option<_>>()?;
        let spare = self.k - groups.len();
        at.windows(2).all(|w| w[0] < w[1]).then(|| at.iter().map(|&i| (i, i + spare)).collect())
    }

    /// The column of each number of a line (their spans), by where they stand.
    pub fn columns(&self, src: &str, line: &[Span]) -> Option<Vec<usize>> {
        let bands = self.pages.get(page_of(&self.breaks, line.first()?.0))?.as_ref()?;
        columns_of(bands, &line.iter().map(|s| place(src, *s)).collect::<Vec<_>>())
    }
}

/// Numbers' places merged where they overlap or stand less than two spaces apart, left
/// to right; `None` for no numbers.
fn groups(all: &[Place]) -> Option<Vec<Place>> {
    let mut sorted = all.to_vec();
    sorted.sort_by_key(|p| p.start);
    let mut out: Vec<Place> = Vec::new();
    for p in sorted {
        match out.last_mut() {
            Some(g) if p.start < g.end + 2 => g.end = g.end.max(p.end),
            _ => out.push(p),
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The page (0 for the first) of byte `at`, given where each later page starts.
fn page_of(breaks: &[usize], at: usize) -> usize {
    breaks.partition_point(|&x| x < at)
}

/// The band a number's place falls in.
pub fn band_of(bands: &[Place], p: Place) -> Option<usize> {
    bands.iter().position(|b| p.start >= b.start && p.end <= b.end)
}

/// The column of each of a row's numbers, when each falls in a band and the bands rise.
pub fn columns_of(bands: &[Place], row: &[Place]) -> Option<Vec<usize>> {
    let cols: Option<Vec<usize>> = row.iter().map(|p| band_of(bands, *p)).collect();
    cols.filter(|c| c.windows(2).all(|w| w[0] < w[1]))
}

/// Where each of the `k` columns of a laid-out line stands, from the header lines above it
/// (`-layout`'s table 4: one line, no other row to give the columns' bands): a line of `k`
/// words, or one of `k - n` and one of `n` words 总计 (the totals' header stands between
/// the others' two lines), every word two spaces apart. The centres, left to right.
pub fn header_centres(lines: &[&str], k: usize, blocks: usize) -> Option<Vec<f64>> {
    let words = |l: &str| -> Option<Vec<(f64, String)>> {
        let mut out = Vec::new();
        let mut at = 0;
        for w in l.split(' ').filter(|w| !w.is_empty()) {
            let byte = at + l[at..].find(w)?;
            let start = l[..byte].chars().count();
            out.push((start, start + w.chars().count(), w));
            at = byte + w.len();
        }
        let apart = out.windows(2).all(|p| p[0].1 + 2 <= p[1].0);
        apart.then(|| out.into_iter().map(|(a, b, w)| ((a + b) as f64 / 2.0 - 0.5, w.to_string())).collect())
    };
    let parsed: Vec<Vec<(f64, String)>> = lines.iter().filter_map(|l| words(l.trim_start_matches('\x0c'))).collect();
    let whole = parsed.iter().find(|w| w.len() == k);
    let centres: Vec<f64> = match whole {
        Some(w) => w.iter().map(|x| x.0).collect(),
        None => {
            let parts = parsed.iter().find(|w| w.len() == k - blocks)?;
            let totals = parsed.iter().find(|w| w.len() == blocks && w.iter().all(|x| x.1 == "总计"))?;
            // Both left to right: merged (a sort of floats would cost the page kilobytes).
            let (mut p, mut t) = (parts.iter().map(|x| x.0).peekable(), totals.iter().map(|x| x.0).peekable());
            std::iter::from_fn(|| match (p.peek(), t.peek()) {
                (Some(a), Some(b)) if b < a => t.next(),
                (Some(_), _) => p.next(),
                _ => t.next(),
            })
            .collect()
        }
    };
    centres.windows(2).all(|w| w[0] < w[1]).then_some(centres)
}

/// For each number (byte span) of a laid-out line, the columns it may stand in: those whose
/// header centre is no more than `SLACK` characters further than the nearest one (a
/// number stands under its header, give or take the cell's alignment).
pub fn near_centres(src: &str, spans: &[Span], centres: &[f64]) -> Option<Vec<(usize, usize)>> {
    let apart = spans.windows(2).all(|w| place(src, w[0]).end + 2 <= place(src, w[1]).start);
    apart.then(|| {
        spans
            .iter()
            .map(|&s| {
                let p = place(src, s);
                let x = (p.start + p.end) as f64 / 2.0 - 0.5;
                let d: Vec<f64> = centres.iter().map(|c| (c - x).abs()).collect();
                let near = d.iter().copied().fold(f64::INFINITY, f64::min);
                let ok: Vec<usize> = (0..d.len()).filter(|&c| d[c] <= near + SLACK).collect();
                (ok[0], *ok.last().unwrap())
            })
            .collect()
    })
}

/// How much further than the nearest header a number may stand from its own.
const SLACK: f64 = 3.0;

#[cfg(test)]
mod tests {
    use super::*;

    fn at(start: usize, end: usize) -> Place {
        Place { start, end }
    }

    #[test]
    fn the_place_counts_characters_not_bytes() {
        let src = "（一）予以公开   7\n";
        let s = src.find('7').unwrap();
        assert_eq!(place(src, (s, s + 1)), at(10, 11));
    }

    #[test]
    fn separate_bands_are_the_columns() {
        let whole = vec![vec![at(0, 2), at(5, 6), at(10, 12)]];
        let all = [at(0, 2), at(5, 6), at(10, 12), at(1, 2), at(11, 12)];
        let b = bands(&all, &whole, 3).unwrap();
        assert_eq!(columns_of(&b, &[at(1, 2), at(11, 12)]), Some(vec![0, 2]));
        // A number a little beside its column's band is still nearer it than the next.
        assert_eq!(columns_of(&b, &[at(6, 7)]), Some(vec![1]));
    }

    /// A whole row "10  20  30" on page 1 and `row2` on page 2, read as a layout of 3.
    fn two_pages(row2: &str) -> Option<Vec<usize>> {
        let src = format!("10  20  30\n\x0c\n{row2}\n");
        let page2 = src.find('\x0c').unwrap();
        let spans = |from: usize| -> Vec<Span> {
            let line_end = src[from + 2..].find('\n').map_or(src.len(), |e| from + 2 + e);
            let mut out = Vec::new();
            let mut i = from;
            while i < line_end {
                let rest = &src[i..line_end];
                let Some(start) = rest.find(|c: char| c.is_ascii_digit()) else { break };
                let len = rest[start..].find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len() - start);
                out.push((i + start, i + start + len));
                i += start + len;
            }
            out
        };
        let lines = vec![spans(0), spans(page2)];
        Layout::new(&src, &lines, 3)?.columns(&src, &lines[1])
    }

    #[test]
    fn a_page_without_a_whole_row_takes_the_tables_bands() {
        assert_eq!(two_pages("7       30"), Some(vec![0, 2]));
        // Its numbers must stand inside those bands: one across the middle of a gap
        // places nothing on that page.
        assert_eq!(two_pages("  77    30"), None);
    }

    #[test]
    fn numbers_in_fewer_groups_than_columns_stand_in_a_range_of_them() {
        // No row prints all 4 cells; the numbers stand in 3 groups (one column is blank
        // on the whole page): group i is column i or i + 1.
        let src = "7  40  47\n   9   9\n";
        let spans = |line: usize| -> Vec<Span> {
            let start = src.split('\n').take(line).map(|l| l.len() + 1).sum::<usize>();
            let l = src.split('\n').nth(line).unwrap();
            l.match_indices(|c: char| c.is_ascii_digit()).fold(Vec::<Span>::new(), |mut v, (i, _)| {
                match v.last_mut() {
                    Some(last) if last.1 == start + i => last.1 += 1,
                    _ => v.push((start + i, start + i + 1)),
                }
                v
            })
        };
        let lines = vec![spans(0), spans(1)];
        let layout = Layout::new(src, &lines, 4).unwrap();
        assert_eq!(layout.columns(src, &lines[1]), None);
        assert_eq!(layout.ranges(src, &lines[0]), Some(vec![(0, 1), (1, 2), (2, 3)]));
        assert_eq!(layout.ranges(src, &lines[1]), Some(vec![(1, 2), (2, 3)]));
        // More groups than columns: the places are not columns.
        assert_eq!(Layout::new(src, &lines, 2).and_then(|l| l.ranges(src, &lines[0])), None);
    }

    #[test]
    fn bands_that_touch_a_number_across_a_gap_or_no_whole_row_decide_nothing() {
        let whole = vec![vec![at(0, 2), at(5, 6), at(10, 12)]];
        // Whole rows whose numbers run together, or stand one space apart (text in reading
        // order, as pdfplumber writes it): no columns.
        assert_eq!(bands(&[], &[vec![at(0, 2), at(2, 6), at(6, 12)]], 3), None);
        assert_eq!(bands(&[at(8, 9)], &[vec![at(0, 1), at(2, 3), at(4, 5)]], 3), None);
        // A number standing across the middle of a gap: the places are not columns.
        assert_eq!(bands(&[at(0, 2), at(2, 4)], &whole, 3), None);
        // No whole row says which band is which.
        assert_eq!(bands(&[at(0, 2), at(5, 6), at(10, 12)], &[], 3), None);
    }

    /// Table 4's header as `-layout` prints it: the parts' words on one line, 总计 on the
    /// line above between them; a number takes the columns near its nearest header.
    #[test]
    fn a_lone_line_stands_under_its_header_words() {
        let lines = ["维持    纠正    结果    审结", "                        总计"];
        let c = header_centres(&lines, 5, 1).unwrap();
        assert_eq!(c, vec![0.5, 6.5, 12.5, 18.5, 24.5]);
        let src = "7           3           10\n";
        let spans = [(0, 1), (12, 13), (24, 26)];
        assert_eq!(near_centres(src, &spans, &c), Some(vec![(0, 0), (2, 2), (4, 4)]));
        // Words one space apart are text in reading order: no positions.
        assert_eq!(header_centres(&["维持 纠正 结果 审结 总计"], 5, 1), None);
    }
}
