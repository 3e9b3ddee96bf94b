//! Extraction never fails: whatever the text, `check_text` returns a report and never
//! panics. Reports cut at every few characters, with characters dropped, doubled or
//! swapped, and plain junk, each checked once. `FUZZ_ROUNDS=5000 cargo test --release
//! --test robust` runs a longer sweep.

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
fn truncated_reports_never_panic() {
    for text in seeds() {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        for i in (0..chars.len()).step_by(37) {
            let cut = &text[..chars[i].0];
            let _ = nianbao::check_text("cut", cut);
            let _ = nianbao::check_text("tail", &text[chars[i].0..]);
        }
    }
}

#[test]
fn mutated_reports_never_panic() {
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
            let _ = nianbao::check_text("mutated", &s);
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
