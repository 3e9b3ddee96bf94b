//! Every corpus report against its hand-checked facts, through the contract's JSON.
//! The five seeds live in tests/fixtures; the real reports stay in ../shared/corpus and
//! are read when it exists (required under CI=true). PDFs are read as `nianbao check`
//! reads them: the real one in ../shared/corpus/pdf, and the Word-like ones that
//! `scripts/make-test-pdfs` makes, from the folder `NIANBAO_TEST_PDFS` names.

mod facts;

use serde_json::Value as J;
use std::path::{Path, PathBuf};

/// Every report next to a facts file (NAME.txt, NAME.html, NAME.pdf: each one there).
fn cases(dir: &Path) -> Vec<(PathBuf, J)> {
    let mut v: Vec<(PathBuf, J)> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".expected.json"))
        .flat_map(|p| {
            let base = p.to_string_lossy().trim_end_matches(".expected.json").to_string();
            let want: J = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            let srcs: Vec<PathBuf> =
                [".txt", ".html", ".pdf"].iter().map(|e| PathBuf::from(format!("{base}{e}"))).filter(|p| p.exists()).collect();
            assert!(!srcs.is_empty(), "no report next to {}", p.display());
            srcs.into_iter().map(move |s| (s, want.clone()))
        })
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

/// `text_facts`: the facts also say how the text was printed (rows that lost a cell);
/// not so for a report re-rendered from them (the generated PDFs).
fn check(src: &Path, want: &J, text_facts: bool) -> Vec<String> {
    let bytes = std::fs::read(src).unwrap();
    let name = src.to_string_lossy();
    let rep = if name.ends_with(".pdf") {
        nianbao::check_table_text(&name, &nianbao::pdf::to_text(&bytes).unwrap())
    } else {
        nianbao::check_text(&name, &nianbao::decode::decode(&bytes).unwrap())
    };
    let got = nianbao::output::report_json(&rep);
    let name = src.file_name().unwrap().to_string_lossy().to_string();
    let mut bad = Vec::new();
    let mut expect = |what: String, ok: bool| {
        if !ok {
            bad.push(format!("{name}: {what}"));
        }
    };
    expect(format!("format {} vs {}", got["format"], want["format"]), got["format"] == want["format"]);
    expect(format!("year {} vs {}", got["year"], want["year"]), got["year"] == want["year"]);
    let found: Vec<J> =
        got["sections"].as_array().unwrap().iter().filter(|s| s["found"] == J::Bool(true)).map(|s| s["number"].clone()).collect();
    expect(format!("sections {found:?}"), J::Array(found.clone()) == want["sections_present"]);
    let extraction_cells: Vec<String> = got["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "extraction")
        .flat_map(|f| f["cells"].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_string()))
        .collect();
    for (cell, g, w) in facts::t3_t4_cells(&got, want) {
        expect(format!("{cell}: want {w} got {g}"), g == w);
    }
    if let Some(t2) = want["table2"].as_object() {
        let rows = got["table2"]["rows"].as_array().cloned().unwrap_or_default();
        for (key, cells) in t2.iter().filter(|(k, _)| !k.contains('/')) {
            let row = rows
                .iter()
                .find(|r| r["key"] == key.as_str())
                .map(|r| r["cells"].as_object().unwrap().values().cloned().collect::<Vec<_>>());
            // A local sub-row layout (其他对外管理服务事项/行政检查) is not read into the parent row yet.
            if cells.as_array().unwrap().iter().all(J::is_null) {
                continue;
            }
            expect(format!("table2.{key}: want {cells} got {row:?}"), row.as_ref() == cells.as_array());
        }
    }
    if want["arithmetic_errors"].as_array().is_some_and(|a| a.is_empty()) {
        let errs: Vec<&J> =
            got["findings"].as_array().unwrap().iter().filter(|f| f["kind"] == "arithmetic" && f["severity"] == "error").collect();
        expect(format!("false arithmetic errors {errs:?}"), errs.is_empty());
    }
    for key in ["rows_with_a_lost_cell", "rows_with_an_extra_cell"].into_iter().filter(|_| text_facts) {
        for row in want[key].as_array().into_iter().flatten() {
            let r = format!("table3.{}", row.as_str().unwrap());
            expect(format!("{key}: {r} has no extraction finding"), extraction_cells.contains(&r));
        }
    }
    bad
}

fn run_dir(dir: &Path, text_facts: bool) {
    let cases = cases(dir);
    assert!(!cases.is_empty(), "no cases in {}", dir.display());
    let bad: Vec<String> = cases.iter().flat_map(|(src, want)| check(src, want, text_facts)).collect();
    assert!(bad.is_empty(), "{} mismatches:\n{}", bad.len(), bad.join("\n"));
    println!("{}: {} reports match their facts", dir.display(), cases.len());
}

#[test]
fn seeds_match_their_facts() {
    run_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds"), true);
}

#[test]
fn shared_corpus_matches_its_facts() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !root.exists() {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "CI=true but ../shared/corpus is missing");
        println!("skipped: ../shared/corpus not found (a fresh clone has only tests/fixtures)");
        return;
    }
    for sub in ["seeds", "real", "pdf"] {
        run_dir(&root.join(sub), true);
    }
}

/// Word-like PDFs (and their HTML) made by `scripts/make-test-pdfs --varied DIR`, which
/// `scripts/test` runs first: every cell of tables 3 and 4 read right from the .pdf.
#[test]
fn generated_pdfs_match_their_facts() {
    generated_in("NIANBAO_TEST_PDFS", "bash scripts/make-test-pdfs --varied DIR");
}

/// The same reports drawn by reportlab in a CID font keyed by UniGB-UCS2-H with no
/// ToUnicode (`pdf/src/ucs2.rs`): read as U+FFFD before.
#[test]
fn pdfs_in_a_font_without_unicode_map_match_their_facts() {
    generated_in("NIANBAO_TEST_PDFS_CID", "bash scripts/make-test-pdfs --varied --engine reportlab DIR");
}

/// The same reports as Word files converted by LibreOffice: simple TrueType fonts
/// re-encoded as WinAnsi subsets, its own table drawing.
#[test]
fn pdfs_converted_by_libreoffice_match_their_facts() {
    generated_in("NIANBAO_TEST_PDFS_LO", "bash scripts/make-test-pdfs --varied --engine libreoffice DIR");
}

fn generated_in(var: &str, how: &str) {
    let Some(dir) = facts::material(var, how) else { return };
    let pdfs = cases(&dir).iter().filter(|(p, _)| p.extension().is_some_and(|e| e == "pdf")).count();
    assert!(pdfs >= 10, "only {pdfs} PDFs in {}", dir.display());
    run_dir(&dir, false);
}
