//! `cargo bench`: time to check each corpus report, a typical synthetic report in each
//! layout, the worst inputs found so far (long digit runs, repeated header words, rows
//! with many readings), and reports padded to 0.25–4 MB, as medians of repeated runs;
//! prints the slope (µs per 100 KB) so linear growth can be seen. Budgets live in the
//! README.

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::Path;
use std::time::Instant;

fn median_us(runs: usize, mut f: impl FnMut()) -> f64 {
    f(); // warm up
    let mut t: Vec<f64> = (0..runs)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    t.sort_by(|a, b| a.partial_cmp(b).unwrap());
    t[runs / 2]
}

fn corpus_files() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut v = Vec::new();
    for dir in [root.join("tests/fixtures/seeds"), root.join("../shared/corpus/real")] {
        if let Ok(rd) = std::fs::read_dir(&dir) {
            v.extend(rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "html")));
        }
    }
    v.sort();
    v
}

fn main() {
    println!("{:<44} {:>9} {:>12}", "input", "KB", "median µs");
    for p in corpus_files() {
        let text = std::fs::read_to_string(&p).unwrap();
        // An .html file is read through its tables, as `nianbao check` and the page read it.
        let html = p.extension().is_some_and(|e| e == "html");
        let us = median_us(101, || {
            std::hint::black_box(if html { nianbao::check_html("b", &text) } else { nianbao::check_text("b", &text) });
        });
        println!("{:<44} {:>9.1} {:>12.0}", p.file_name().unwrap().to_string_lossy(), text.len() as f64 / 1024.0, us);
    }
    for layout in common::LAYOUTS {
        let mut rng = common::Rng::new(42);
        let s = common::synth(&mut rng);
        let text = common::render(&s, layout);
        let us = median_us(101, || {
            std::hint::black_box(nianbao::check_text("b", &text));
        });
        println!("{:<44} {:>9.1} {:>12.0}", format!("synthetic {layout:?}"), text.len() as f64 / 1024.0, us);
    }
    // NIANBAO_BENCH_DUMP=DIR writes these inputs out, to time them in the page too.
    let dump = std::env::var_os("NIANBAO_BENCH_DUMP").map(std::path::PathBuf::from);
    for (i, (name, text)) in worst_inputs().into_iter().enumerate() {
        if let Some(dir) = &dump {
            std::fs::write(dir.join(format!("worst-{i}.txt")), &text).unwrap();
        }
        let us = median_us(7, || {
            std::hint::black_box(nianbao::check_text("b", &text));
        });
        println!("{:<44} {:>9.1} {:>12.0}", name, text.len() as f64 / 1024.0, us);
    }
    // A report whose prose grows: the tables stay, section 一 is repeated.
    let base =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds/003_790b0b6d2a207a20.txt")).unwrap();
    let cut = base.find("二、主动公开").unwrap();
    let (head, tail) = base.split_at(cut);
    let mut points = Vec::new();
    for mb in [0.25, 0.5, 1.0, 2.0, 4.0] {
        let target = (mb * 1024.0 * 1024.0) as usize;
        let mut text = String::with_capacity(target + base.len());
        while text.len() + tail.len() < target {
            text.push_str(head);
        }
        text.push_str(tail);
        let us = median_us(7, || {
            std::hint::black_box(nianbao::check_text("b", &text));
        });
        println!("{:<44} {:>9.1} {:>12.0}", format!("padded to {mb} MB"), text.len() as f64 / 1024.0, us);
        points.push((text.len() as f64 / 1024.0, us));
    }
    let per_100kb: Vec<String> = points.iter().map(|(kb, us)| format!("{:.0}", us / kb * 100.0)).collect();
    println!("µs per 100 KB at each size: {} (flat = linear)", per_100kb.join(", "));
}

/// A flat 2021 report whose table 3 rows are printed as `row(i)` instead of their values.
fn flat_with_rows(row: impl Fn(usize) -> String) -> String {
    let mut rng = common::Rng::new(7);
    let mut s = common::synth(&mut rng);
    while s.format != nianbao::template::Format::F2021 {
        s = common::synth(&mut rng);
    }
    let mut text = common::render(&s, common::Layout::Flat);
    for (i, (_, vals)) in s.p3.iter().enumerate() {
        let printed: String = vals.iter().map(|v| v.to_string()).collect();
        let label = nianbao::template::t3_data_rows(s.format).nth(i).unwrap().label;
        text = text.replacen(&format!("{label}{printed}"), &format!("{label}{}", row(i)), 1);
    }
    text
}

/// The inputs that were slow or falsely certain (issue: one model of the tables).
fn worst_inputs() -> Vec<(String, String)> {
    let digits = |n: usize, seed: u64| {
        let mut rng = common::Rng::new(seed);
        (0..n).map(|_| char::from(b'0' + rng.below(10) as u8)).collect::<String>()
    };
    // Rows with many readings that add up: parts from {0, 1, 10, 11, 101}.
    let many = |i: usize| {
        let mut rng = common::Rng::new(i as u64);
        let parts: Vec<i64> = (0..6).map(|_| [0, 1, 10, 11, 101][rng.below(5) as usize]).collect();
        parts.iter().map(|p| p.to_string()).collect::<String>() + &parts.iter().sum::<i64>().to_string()
    };
    let tab = {
        let mut rng = common::Rng::new(9);
        common::render(&common::synth(&mut rng), common::Layout::Tab)
    };
    let header = "结果维持结果纠正其他结果尚未审结总计".repeat(20_000);
    vec![
        ("flat, 70-digit runs".into(), flat_with_rows(|i| digits(70, i as u64))),
        ("flat, 27-digit runs".into(), flat_with_rows(|i| digits(27, i as u64))),
        ("flat, rows with many readings".into(), flat_with_rows(many)),
        ("table 4 header words x 20000".into(), tab.replacen("行政复议", &format!("行政复议{header}"), 1)),
        (
            "table 4 header pieces x 60000 (stacked, PDF)".into(),
            tab.replacen("行政复议", &format!("行政复议{}", "结果 维持 纠正 其他 审结 总计 ".repeat(60_000)), 1),
        ),
    ]
}
