//! `nianbao check` on Word files, zip archives of reports and runs of several reports:
//! the same tables from a .docx as from its text, archive entries as their own reports
//! (GBK names, nested folders, skipped entries), bombs and broken files answered in
//! Chinese in bounded time, the summary table, and Y1 across a run.

mod common;
mod facts;
use common::*;
use nianbao::zip::write::{Entry, zip};
use serde_json::Value as J;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
}

fn dir() -> PathBuf {
    // Under target/, which `cargo clean` empties: a run leaves nothing in /tmp.
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("nianbao-batch-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn tmp(name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir().join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn seed(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds").join(name)).unwrap()
}

fn json(out: &Output) -> J {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn tables(r: &J) -> J {
    serde_json::json!([r["table2"], r["table3"], r["table4"]])
}

/// A busy report of the generator (numbers in table 3), in either format.
fn busy(seed: u64) -> Synth {
    let mut rng = Rng::new(seed);
    loop {
        let s = synth(&mut rng);
        if s.p3.iter().any(|(k, v)| k == "granted" && v[6] > 0) {
            return s;
        }
    }
}

#[test]
fn a_docx_reads_the_same_tables_as_its_text_and_its_page() {
    for n in 0..6 {
        let s = busy(100 + n);
        let docx = tmp(&format!("r{n}.docx"), &docx_of(&s));
        let txt = tmp(&format!("r{n}.txt"), render(&s, Layout::Tab).as_bytes());
        let html = tmp(&format!("r{n}.html"), render(&s, Layout::Html).as_bytes());
        let out = bin().args(["check", "--format", "json"]).arg(&docx).arg(&txt).arg(&html).output().unwrap();
        assert_ne!(out.status.code(), Some(2), "{}", stderr(&out));
        let doc = json(&out);
        let r = doc["reports"].as_array().unwrap();
        assert_eq!(r.len(), 3);
        assert!(r[0]["table3"]["rows"].as_array().is_some_and(|rows| !rows.is_empty()), "table 3 read from the docx");
        assert_eq!(tables(&r[0]), tables(&r[1]), "docx vs text, seed {n}");
        assert_eq!(tables(&r[0]), tables(&r[2]), "docx vs page, seed {n}");
        assert_eq!(r[0]["findings"], r[2]["findings"], "same findings as the page, seed {n}");
        assert_eq!(r[0]["year"], s.year);
    }
}

/// The Word files `scripts/make-test-pdfs` writes with python-docx (merged header cells,
/// vertically merged group labels, repeated header rows) read like the same page as HTML
/// and like the truth. `scripts/test` makes them; without them this says it skipped.
#[test]
fn word_files_from_make_test_pdfs_read_like_their_html() {
    let Some(dir) = facts::material("NIANBAO_TEST_PDFS", "bash scripts/make-test-pdfs --varied DIR") else { return };
    let mut seen = 0;
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        let p = e.path();
        if p.extension().is_none_or(|x| x != "docx") {
            continue;
        }
        let html = std::fs::read_to_string(p.with_extension("html")).unwrap();
        let from_docx = nianbao::docx::to_text(&std::fs::read(&p).unwrap()).unwrap();
        let a = nianbao::output::report_json(&nianbao::check_table_text("d", &from_docx));
        let b = nianbao::output::report_json(&nianbao::check_html("d", &html));
        assert_eq!(tables(&a), tables(&b), "{}", p.display());
        let want: J = serde_json::from_str(&std::fs::read_to_string(p.with_extension("expected.json")).unwrap()).unwrap();
        for (row, cells) in want["table3"].as_object().into_iter().flatten() {
            let got = a["table3"]["rows"].as_array().unwrap().iter().find(|r| r["key"] == row.as_str()).unwrap();
            let cols = ["natural_person", "commercial", "research", "social", "legal", "other", "total"];
            for (col, v) in cols.iter().zip(cells.as_array().unwrap()) {
                assert_eq!(&got["cells"][col], v, "{} {row} {col}", p.display());
            }
        }
        seen += 1;
    }
    assert!(seen > 0, "no .docx in {dir:?}");
}

#[test]
fn a_zip_is_one_report_per_entry_with_gbk_names() {
    let a = seed("001_29d0877efba69983.txt");
    let b = docx_of(&busy(7));
    let (gbk_name, _, _) = encoding_rs::GBK.encode("甲区/报告一.txt");
    let z = zip(&[
        Entry { name: &gbk_name, utf8: false, data: &a, deflate: true },
        Entry { name: "乙局/2023年报.docx".as_bytes(), utf8: true, data: &b, deflate: false },
        Entry { name: b"__MACOSX/._x.txt", utf8: false, data: b"junk", deflate: false },
        Entry { name: b"logo.png", utf8: false, data: b"\x89PNG", deflate: false },
        // A PDF goes to the PDF reader (this one is broken: a message, the rest reported).
        Entry { name: "扫描件.pdf".as_bytes(), utf8: true, data: b"%PDF-1.7\n1 0 obj<</Type/Catalog>>\nnonsense", deflate: false },
    ]);
    let p = tmp("批量.zip", &z);
    let out = bin().args(["check", "--format", "json"]).arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "the broken PDF could not be read: {}", stderr(&out));
    assert!(stderr(&out).lines().any(|l| l.contains("批量.zip/扫描件.pdf") && l.contains("PDF")), "{}", stderr(&out));
    let doc = json(&out);
    let sources: Vec<&str> = doc["reports"].as_array().unwrap().iter().map(|r| r["source"].as_str().unwrap()).collect();
    let name = p.to_string_lossy();
    assert_eq!(sources, [format!("{name}/甲区/报告一.txt"), format!("{name}/乙局/2023年报.docx")]);
    let err = stderr(&out);
    assert!(err.contains("logo.png") && err.contains("跳过") && !err.contains("MACOSX"), "{err}");
    // The text output ends with the run's summary, one row per report.
    let out = bin().arg("check").arg(&p).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let summary = &text[text.find("== 汇总：2 份报告").expect("summary")..];
    assert!(summary.contains("来源") && summary.contains("读取问题"), "{summary}");
    assert!(summary.contains("甲区/报告一.txt") && summary.contains("乙局/2023年报.docx"), "{summary}");
    assert!(summary.contains("1 个文件不是报告") && summary.contains("1 个文件未能读取"), "{summary}");
    // One report alone has no summary.
    let one = bin().arg("check").arg(tmp("one.txt", &a)).output().unwrap();
    assert!(!String::from_utf8_lossy(&one.stdout).contains("汇总"));
}

/// Bombs and broken files: a Chinese line each, within seconds, and the good report
/// beside them still printed.
#[test]
fn bombs_and_broken_files_get_messages_in_bounded_time() {
    let good = seed("004_875541e45b987938.txt");
    let zeros = vec![b'0'; 40 << 20];
    // One entry of 40 MB of the same byte: under the per-file bound, a ratio no report has.
    let bomb = tmp("bomb.zip", &zip(&[Entry { name: b"a.txt", utf8: false, data: &zeros, deflate: true }]));
    // The same compressed data referenced by many entries: the archive's total is bounded.
    let one = zip(&[Entry { name: b"x.txt", utf8: false, data: &zeros[..4 << 20], deflate: true }]);
    let overlap = tmp("overlap.zip", &overlapping(&one, 200));
    // Too many entries.
    let names: Vec<String> = (0..10_001).map(|i| format!("{i}.txt")).collect();
    let many: Vec<Entry> = names.iter().map(|n| Entry { name: n.as_bytes(), utf8: false, data: b"", deflate: false }).collect();
    let many = tmp("many.zip", &zip(&many));
    // A Word file cut short, one with its XML broken, an old .doc, an encrypted .docx.
    let docx = docx_of(&busy(3));
    let cut = tmp("cut.docx", &docx[..docx.len() / 2]);
    let mut flipped = docx.clone();
    for b in &mut flipped[100..140] {
        *b ^= 0x5A;
    }
    let flipped = tmp("flipped.docx", &flipped);
    let cfb = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    let doc = tmp("old.doc", &[&cfb[..], &[0u8; 512]].concat());
    let wps = tmp("old.wps", &[&cfb[..], &[0u8; 512]].concat());
    let enc: Vec<u8> = cfb.iter().copied().chain("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let encrypted = tmp("secret.docx", &enc);
    let files = [&bomb, &overlap, &many, &cut, &flipped, &doc, &wps, &encrypted];
    let t = Instant::now();
    let out = bin().args(["check", "--format", "json"]).args(files).arg(tmp("good.txt", &good)).output().unwrap();
    assert!(t.elapsed() < Duration::from_secs(20), "took {:?}", t.elapsed());
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    let line = |name: &str| err.lines().find(|l| l.contains(name)).unwrap_or_else(|| panic!("no line for {name}: {err}")).to_string();
    assert!(line("bomb.zip/a.txt").contains("压缩炸弹"), "{err}");
    assert!(line("overlap.zip").contains("压缩炸弹"), "{err}");
    assert!(line("many.zip").contains("上限"), "{err}");
    assert!(line("cut.docx").contains("Word"), "{err}");
    assert!(line("flipped.docx").contains("损坏"), "{err}");
    assert!(line("old.doc").contains("另存为 .docx") && line("old.wps").contains("另存为 .docx"), "{err}");
    assert!(line("secret.docx").contains("加密"), "{err}");
    assert_eq!(json(&out)["reports"].as_array().unwrap().len(), 1, "the good file is reported");
}

/// `one` (a zip of one entry) with its central directory entry repeated `n` times: every
/// entry inflates the same data (the "overlapping" zip bomb).
fn overlapping(one: &[u8], n: u16) -> Vec<u8> {
    let eocd = one.len() - 22;
    let dir_at = u32::from_le_bytes(one[eocd + 16..eocd + 20].try_into().unwrap()) as usize;
    let entry = &one[dir_at..eocd];
    let mut out = one[..dir_at].to_vec();
    let new_dir = out.len();
    for _ in 0..n {
        out.extend(entry);
    }
    let mut end = one[eocd..].to_vec();
    end[8..10].copy_from_slice(&n.to_le_bytes());
    end[10..12].copy_from_slice(&n.to_le_bytes());
    end[12..16].copy_from_slice(&((entry.len() * n as usize) as u32).to_le_bytes());
    end[16..20].copy_from_slice(&(new_dir as u32).to_le_bytes());
    out.extend(end);
    out
}

/// Y1 on the command line: the run's `findings` name both sources; each report has the
/// finding; the text summary lists it. A consistent pair has none.
#[test]
fn y1_across_the_files_of_a_run() {
    // A busy 2021-format report, made 2023's.
    let mut s = (11..).map(busy).find(|s| s.year >= 2021).unwrap();
    s.year = 2023;
    let (last, now) = consecutive_years(&s);
    let good = [tmp("2022.txt", render(&last, Layout::Tab).as_bytes()), tmp("2023.docx", &docx_of(&now))];
    let out = bin().args(["check", "--format", "json"]).args(&good).output().unwrap();
    let doc = json(&out);
    assert_eq!(doc["findings"], serde_json::json!([]), "a consistent pair");
    let r = row_of(&s, "carried_over");
    s.p3[r].1[0] += 1;
    s.p3[r].1[6] += 1;
    let r = row_of(&s, "carried_forward");
    s.p3[r].1[0] += 1;
    s.p3[r].1[6] += 1;
    let broken = tmp("2023-broken.docx", &docx_of(&s));
    let out = bin().args(["check", "--format", "json"]).arg(&good[0]).arg(&broken).output().unwrap();
    let doc = json(&out);
    let run = doc["findings"].as_array().unwrap();
    assert_eq!(run.len(), 2, "自然人 and 总计: {run:?}");
    assert_eq!(run[0]["rule"], "Y1");
    assert_eq!(run[0]["sources"], serde_json::json!([good[0].to_string_lossy(), broken.to_string_lossy()]));
    assert_eq!(run[0]["cells"], serde_json::json!(["table3.carried_forward.natural_person", "table3.carried_over.natural_person"]));
    for r in doc["reports"].as_array().unwrap() {
        assert_eq!(r["findings"].as_array().unwrap().iter().filter(|f| f["rule"] == "Y1").count(), 2, "{}", r["source"]);
    }
    let text = bin().arg("check").arg(&good[0]).arg(&broken).output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("跨报告检查") && text.contains("上年结转"), "{text}");
}

fn row_of(s: &Synth, key: &str) -> usize {
    s.p3.iter().position(|(k, _)| k == key).unwrap()
}
