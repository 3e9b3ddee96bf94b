//! A fuzzer on stable Rust: corpus reports mutated at random (characters dropped, doubled,
//! inserted; pieces of other reports spliced in; tags nested deep), fed to the text
//! reader, the HTML reader and the whole check down to the contract's JSON; and PDFs with
//! bytes flipped, cut or repeated, fed to the PDF reader and the check; and Word files
//! (synthetic reports) with their XML mutated or their zip bytes flipped, through `load`.
//! Each input must not panic, must claim only what it read (`common::honest`), and must
//! take under a second. An input that fails is saved under `target/fuzz-failures/`; copy
//! it into `tests/fixtures/fuzz/` and `replay_saved_failures` keeps it as a regression test.
//!
//! `cargo test` runs a few hundred inputs. Longer: `FUZZ_SECONDS=3600 cargo test --release
//! --test fuzz -- --nocapture` (CI runs 120 s; README: how many hours have run).

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const SLOWEST: Duration = Duration::from_secs(1);

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The seed reports, the shared corpus where it is beside the project, and synthetic
/// reports in every layout.
fn corpus() -> Vec<String> {
    let mut dirs = vec![root().join("tests/fixtures/seeds")];
    dirs.extend(["real", "seeds"].map(|d| root().join("../shared/corpus").join(d)));
    let mut v: Vec<String> = dirs
        .iter()
        .filter_map(|d| std::fs::read_dir(d).ok())
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "html"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    let mut rng = Rng::new(77);
    for layout in LAYOUTS {
        v.push(render(&synth(&mut rng), layout));
    }
    v
}

const PIECES: &[&str] = &[
    "",
    "\t",
    "\n",
    " ",
    "0",
    "12",
    "999999999999999",
    "|",
    "|||",
    "（",
    "）",
    "年",
    "一、",
    "四、",
    "总计",
    "合计",
    "<td>",
    "</td>",
    "<tr>",
    "<table>",
    "<![if !x]>",
    "&nbsp;",
    "&#x4e00;",
    "减",
    "-",
    ".",
    "3.",
    "\u{3000}",
    "１",
    "- 2 -",
    "结果维持",
    "本年新收",
];

fn mutate(text: &str, corpus: &[String], rng: &mut Rng) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.below(20) {
        let at = rng.below(chars.len() as u64 + 1) as usize;
        match rng.below(6) {
            0 if at < chars.len() => {
                chars.remove(at);
            }
            1 if at < chars.len() => {
                let c = chars[at];
                chars.insert(at, c);
            }
            2 => {
                // A stretch of another report spliced in.
                let other: Vec<char> = corpus[rng.below(corpus.len() as u64) as usize].chars().collect();
                let from = rng.below(other.len() as u64) as usize;
                let len = (rng.below(400) as usize).min(other.len() - from);
                chars.splice(at..at, other[from..from + len].iter().copied());
            }
            3 => {
                // Deep nesting, for the HTML reader.
                let depth = rng.below(3000) as usize;
                chars.splice(at..at, "<div>".repeat(depth).chars());
            }
            _ => {
                let piece = PIECES[rng.below(PIECES.len() as u64) as usize];
                chars.splice(at..at, piece.chars());
            }
        }
    }
    chars.into_iter().collect()
}

/// Time this thread spent on a CPU (Linux: /proc/thread-self/schedstat, in ns), else wall
/// time: a machine busy with builds stalls a run by seconds of waiting that are not the
/// checker's, and "linear in the input" is about the work, not the wait.
struct Timer {
    wall: Instant,
    cpu: Option<u64>,
}

impl Timer {
    fn start() -> Timer {
        Timer { wall: Instant::now(), cpu: on_cpu_ns() }
    }
    fn elapsed(&self) -> Duration {
        match (self.cpu, on_cpu_ns()) {
            (Some(a), Some(b)) => Duration::from_nanos(b.saturating_sub(a)),
            _ => self.wall.elapsed(),
        }
    }
}

fn on_cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat").ok()?.split_whitespace().next()?.parse().ok()
}

/// A reader under test: its name, and the check through it.
type Target = (&'static str, fn(&str) -> nianbao::model::Report);

/// One input through the three targets; `Err` says which broke and how.
fn run(input: &str) -> Result<(), String> {
    let targets: [Target; 2] = [("text", |t| nianbao::check_text("fuzz", t)), ("html", |t| nianbao::check_html("fuzz", t))];
    for (name, target) in targets {
        let start = Timer::start();
        let rep = std::panic::catch_unwind(|| target(input)).map_err(|_| format!("{name}: panicked"))?;
        if start.elapsed() > SLOWEST {
            return Err(format!("{name}: took {:?} on the CPU for {} bytes", start.elapsed(), input.len()));
        }
        honest(&rep).map_err(|e| format!("{name}: {e}"))?;
        // The whole check, down to the contract's JSON.
        let json = nianbao::output::json_document(&[&rep]);
        serde_json::from_str::<serde_json::Value>(&json).map_err(|e| format!("{name}: JSON does not parse: {e}"))?;
        let _ = nianbao::output::report_text(&rep);
    }
    Ok(())
}

fn save(input: &str, why: &str) -> PathBuf {
    let dir = root().join("target/fuzz-failures");
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(format!("{:016x}.txt", input.len() as u64 ^ input.bytes().fold(0u64, |h, b| h.rotate_left(5) ^ b as u64)));
    std::fs::write(&p, input).unwrap();
    std::fs::write(p.with_extension("why"), why).unwrap();
    p
}

/// The real PDF and the generated ones, where they are.
fn pdfs() -> Vec<Vec<u8>> {
    let mut dirs = vec![root().join("../shared/corpus/pdf")];
    dirs.extend(std::env::var("NIANBAO_TEST_PDFS").ok().map(PathBuf::from));
    dirs.iter()
        .filter_map(|d| std::fs::read_dir(d).ok())
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .filter_map(|p| std::fs::read(p).ok())
        .collect()
}

fn mutate_bytes(pdf: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut b = pdf.to_vec();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(b.len() as u64) as usize;
        match rng.below(4) {
            0 => b[at] ^= 1 << rng.below(8),
            1 => b.truncate(at.max(8)),
            2 => {
                let len = (rng.below(256) as usize).min(b.len() - at);
                let chunk = b[at..at + len].to_vec();
                b.splice(at..at, chunk);
            }
            _ => b[at] = b"0123456789 <>[]()/\n"[rng.below(19) as usize],
        }
    }
    b
}

/// One PDF through the reader and the check: no panic, under a second, honest.
fn run_pdf(bytes: &[u8]) -> Result<(), String> {
    let start = Timer::start();
    let read = std::panic::catch_unwind(|| nianbao::pdf::to_text(bytes)).map_err(|_| "pdf: panicked".to_string())?;
    if start.elapsed() > SLOWEST * 2 {
        return Err(format!("pdf: took {:?} for {} bytes", start.elapsed(), bytes.len()));
    }
    let Ok(text) = read else { return Ok(()) }; // a message is a fine answer to a broken PDF
    let rep = std::panic::catch_unwind(|| nianbao::check_table_text("fuzz.pdf", &text)).map_err(|_| "pdf check: panicked".to_string())?;
    honest(&rep).map_err(|e| format!("pdf: {e}"))
}

/// A Word file: a synthetic report's XML mutated as text is, or its package's bytes as a
/// PDF's are.
fn mutated_docx(rng: &mut Rng, corpus: &[String]) -> Vec<u8> {
    let s = synth(rng);
    if rng.chance(50) { docx_package(&mutate(&document_xml(&s), corpus, rng)) } else { mutate_bytes(&docx_of(&s), rng) }
}

/// One Word file through `load` and the check: no panic, under a second, honest.
fn run_docx(bytes: &[u8]) -> Result<(), String> {
    let start = Timer::start();
    let d = nianbao::load::Decoders {
        text: &nianbao::decode::decode,
        legacy_name: &|b| String::from_utf8_lossy(b).into(),
        pdf: &|_| Err(String::new()),
    };
    let items = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| nianbao::load::load("fuzz.docx", bytes, &d)))
        .map_err(|_| "docx: panicked".to_string())?;
    for item in items {
        if let nianbao::load::Item::Report(doc) = item {
            let rep = std::panic::catch_unwind(|| doc.check()).map_err(|_| "docx check: panicked".to_string())?;
            honest(&rep).map_err(|e| format!("docx: {e}"))?;
        }
    }
    if start.elapsed() > SLOWEST {
        return Err(format!("docx: took {:?} for {} bytes", start.elapsed(), bytes.len()));
    }
    Ok(())
}

#[test]
fn fuzz_the_readers_and_the_check() {
    let seconds: u64 = std::env::var("FUZZ_SECONDS").ok().and_then(|v| v.parse().ok()).unwrap_or(0);
    let corpus = corpus();
    let pdfs = pdfs();
    let mut rng = Rng::new(std::env::var("FUZZ_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(1));
    let start = Instant::now();
    let mut n = 0u64;
    // Without FUZZ_SECONDS, a fixed few hundred inputs keep `cargo test` quick.
    while if seconds > 0 { start.elapsed() < Duration::from_secs(seconds) } else { n < 300 } {
        // One input in ten is a PDF, where there are PDFs.
        if n % 10 == 4 {
            // One in ten is a Word file.
            let bytes = mutated_docx(&mut rng, &corpus);
            if let Err(why) = run_docx(&bytes) {
                let dir = root().join("target/fuzz-failures");
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(dir.join(format!("{n}.docx")), &bytes).unwrap();
                panic!("after {n} inputs: {why}\nsaved as target/fuzz-failures/{n}.docx");
            }
        } else if !pdfs.is_empty() && n % 10 == 9 {
            let bytes = mutate_bytes(&pdfs[rng.below(pdfs.len() as u64) as usize], &mut rng);
            if let Err(why) = run_pdf(&bytes) {
                let dir = root().join("target/fuzz-failures");
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(dir.join(format!("{n}.pdf")), &bytes).unwrap();
                panic!("after {n} inputs: {why}\nsaved as target/fuzz-failures/{n}.pdf");
            }
        } else {
            let base = &corpus[rng.below(corpus.len() as u64) as usize];
            let input = mutate(base, &corpus, &mut rng);
            if let Err(why) = run(&input) {
                let p = save(&input, &why);
                panic!("after {n} inputs: {why}\nsaved as {}", p.display());
            }
        }
        n += 1;
    }
    eprintln!("fuzz: {n} inputs in {:.0?}, none failed", start.elapsed());
}

/// Every input the fuzzer ever failed on, kept in `tests/fixtures/fuzz/`. (The first,
/// `slow-under-load.txt` (HTML), took 1.05 s once on a starved machine and 0.00 s alone: it is
/// why a slow input is timed three times.)
#[test]
fn replay_saved_failures() {
    let Ok(dir) = std::fs::read_dir(root().join("tests/fixtures/fuzz")) else { return };
    for p in dir.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "txt")) {
        let input = std::fs::read_to_string(&p).unwrap();
        run(&input).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    }
}
