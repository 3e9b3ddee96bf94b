//! Extraction never fails, and never claims more than it read: whatever the text,
//! `check_text` returns a report, every cell it could not read is named by an extraction
//! finding, every number it calls certain is what its span prints (or was inferred in a
//! row an extraction finding names), and arithmetic findings judge certain cells only.
//! Reports cut at every few characters, with characters dropped, doubled or inserted, and
//! plain junk; and reports whose numbers a mutation leaves alone must be read right.
//! `FUZZ_ROUNDS=5000 cargo test --release --test robust` runs a longer sweep.

mod common;
use common::*;
use std::path::Path;

fn seeds() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let mut rng = Rng::new(3);
    for layout in LAYOUTS {
        v.push(render(&synth(&mut rng), layout));
    }
    v
}

#[test]
fn truncated_reports_claim_only_what_they_read() {
    for text in seeds() {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        for i in (0..chars.len()).step_by(37) {
            for part in [&text[..chars[i].0], &text[chars[i].0..]] {
                let rep = nianbao::check_text("cut", part);
                honest(&rep).unwrap_or_else(|e| panic!("{e}\n{part}"));
            }
        }
    }
}

#[test]
fn mutated_reports_claim_only_what_they_read() {
    let mut rng = Rng::new(11);
    let pieces = ["", "\t", "\n", " ", "0", "12", "|", "（", "）", "年", "一、", "总计", "<td>", "减", "-", ".", "3.", "\u{3000}", "１"];
    let rounds: usize = std::env::var("FUZZ_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(60);
    for text in seeds() {
        for _ in 0..rounds {
            let mut chars: Vec<char> = text.chars().collect();
            for _ in 0..1 + rng.below(30) {
                let at = rng.below(chars.len() as u64) as usize;
                match rng.below(3) {
                    0 => {
                        chars.remove(at);
                    }
                    1 => {
                        let c = chars[at];
                        chars.insert(at, c);
                    }
                    _ => {
                        for (k, c) in pieces[rng.below(pieces.len() as u64) as usize].chars().enumerate() {
                            chars.insert(at + k, c);
                        }
                    }
                }
            }
            let s: String = chars.into_iter().collect();
            honest(&nianbao::check_text("mutated", &s)).unwrap_or_else(|e| panic!("{e}\n{s}"));
        }
    }
}

#[test]
fn junk_never_panics() {
    let mut rng = Rng::new(5);
    for _ in 0..200 {
        let n = rng.below(3000) as usize;
        let s: String = (0..n)
            .map(|_| ['0', '1', '9', ' ', '\t', '\n', '|', '一', '、', '年', '<', '>', '总', '计', '.', '-'][rng.below(16) as usize])
            .collect();
        let _ = nianbao::check_text("junk", &s);
    }
    for s in ["", " ", "\n\n", "<", "<table", "<table><tr><td colspan=99999>", "&#xFFFFFFFF;", "&", "2020年", "一、总体情况"] {
        let _ = nianbao::check_text("edge", s);
    }
}

/// Mutations that leave every number where it was: labels spaced out or wrapped, page
/// numbers and running headers between rows, full-width digits, extra blank lines. The
/// tables must come back right, or each cell not read be named.
#[test]
fn mutations_that_keep_the_numbers_are_read_right_or_named() {
    let rounds: usize = std::env::var("FUZZ_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(40);
    let mut rng = Rng::new(21);
    let (mut right, mut total) = (0, 0);
    for round in 0..rounds {
        for layout in [Layout::Tab, Layout::PerLine, Layout::Pipe, Layout::Pdf] {
            let s = synth(&mut rng);
            let text = render(&s, layout);
            let mutated = keep_numbers(&text, &mut rng);
            let rep = nianbao::check_text("kept", &mutated);
            let ctx = format!("round {round} {layout:?}");
            honest(&rep).unwrap_or_else(|e| panic!("{ctx}: {e}\n{mutated}"));
            let t3 = rep.table3.as_ref().unwrap_or_else(|| panic!("{ctx}: no table 3\n{mutated}"));
            for (r, (key, _)) in s.p3.iter().enumerate() {
                for c in 0..7 {
                    let cell = t3.cell(key, nianbao::template::T3_COLS[c].key).unwrap();
                    total += 1;
                    let got = if cell.certain { cell.int() } else { None };
                    if cell.certain && got != s.want3(r, c) {
                        panic!("{ctx}: table3.{key} column {c} read {got:?}, printed {:?}\n{mutated}", s.want3(r, c));
                    }
                    right += (got == s.want3(r, c)) as usize;
                }
            }
        }
    }
    // Most cells are still read: the mutations make reading harder, not impossible.
    assert!(right * 10 >= total * 9, "{right}/{total} table 3 cells read");
}

/// One of the mutations above, a few times, outside the numbers.
fn keep_numbers(text: &str, rng: &mut Rng) -> String {
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    for _ in 0..1 + rng.below(6) {
        let at = rng.below(lines.len() as u64) as usize;
        let line = lines[at].clone();
        let has_label = line.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        match rng.below(5) {
            // 自 然 人: a PDF's spaced-out words.
            0 if has_label => {
                lines[at] = line.chars().map(|c| if c.is_ascii_digit() || c == '\t' { c.to_string() } else { format!("{c} ") }).collect()
            }
            // A label wrapped over two lines, its numbers after the second part.
            1 if has_label => {
                let cut = line.char_indices().filter(|(_, c)| !c.is_ascii()).map(|(i, _)| i).nth(3).unwrap_or(0);
                if cut > 0 {
                    lines[at] = line[..cut].to_string();
                    lines.insert(at + 1, line[cut..].to_string());
                }
            }
            // Page furniture between two rows.
            2 => lines.insert(at, ["- 2 -", "第 3 页 共 6 页", "政府信息公开工作年度报告"][rng.below(3) as usize].to_string()),
            // Full-width digits.
            3 => {
                lines[at] = line
                    .chars()
                    .map(|c| if c.is_ascii_digit() { char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap() } else { c })
                    .collect()
            }
            _ => lines.insert(at, String::new()),
        }
    }
    lines.join("\n")
}
