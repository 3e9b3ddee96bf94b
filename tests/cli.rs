//! `nianbao check` as scripts use it: the contract's JSON, exit codes, encodings, stdin,
//! and a one-line Chinese error (never a panic) for what cannot be read.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
}

fn seed(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds").join(name)
}

fn tmp(name: &str, bytes: &[u8]) -> PathBuf {
    // Under target/, which `cargo clean` empties: a run leaves nothing in /tmp.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("nianbao-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn json_document_follows_the_contract() {
    let a = seed("000_2e3a6c26e003a8cc.txt");
    let b = seed("004_875541e45b987938.txt");
    let out = bin().args(["check", "--format", "json"]).arg(&a).arg(&b).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let doc = json(&out);
    assert_eq!(doc["schema"], 1);
    let reps = doc["reports"].as_array().unwrap();
    assert_eq!(reps.len(), 2);
    assert_eq!(reps[0]["source"], a.to_string_lossy().as_ref());
    assert_eq!(reps[1]["format"], "2021");
    assert_eq!(reps[1]["year"], 2023);
    assert_eq!(reps[0]["sections"].as_array().unwrap().len(), 6);
    assert_eq!(reps[0]["table3"]["rows"].as_array().unwrap().len(), 23);
    assert_eq!(reps[1]["table3"]["rows"].as_array().unwrap().len(), 25);
    assert_eq!(reps[1]["table4"]["cells"].as_object().unwrap().len(), 15);
    // 2021 table 2 rows carry only the 2021 columns.
    let t2 = &reps[1]["table2"]["rows"][0]["cells"];
    assert!(t2.get("issued").is_some() && t2.get("new_made").is_none());
}

#[test]
fn an_error_finding_exits_1_and_names_the_cell() {
    let text = std::fs::read_to_string(seed("003_790b0b6d2a207a20.txt")).unwrap();
    // （七）总计 prints 2 for 自然人; make it 5.
    let broken = text.replacen("（七）总计\n\t2", "（七）总计\n\t5", 1);
    assert_ne!(text, broken);
    let p = tmp("wrong.txt", broken.as_bytes());
    let out = bin().args(["check", "--format", "json"]).arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc = json(&out);
    let f = &doc["reports"][0]["findings"];
    let cause = f.as_array().unwrap().iter().find(|x| x["code"] == "single-cause").expect("single cause");
    assert_eq!(cause["cells"][0], "table3.total.natural_person");
    assert_eq!(cause["expected"], 2);
    assert_eq!(cause["actual"], 5);
    assert!(f.as_array().unwrap().iter().any(|x| x["rule"] == "H3" && x["kind"] == "arithmetic"));
}

#[test]
fn reads_stdin_gb18030_and_utf16() {
    let text = std::fs::read_to_string(seed("001_29d0877efba69983.txt")).unwrap();
    let mut child = bin().args(["check", "--format", "json", "-"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(json(&out)["reports"][0]["source"], "-");
    let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
    let mut u16 = vec![0xFF, 0xFE];
    text.encode_utf16().for_each(|u| u16.extend(u.to_le_bytes()));
    for (name, bytes) in [("gbk.txt", gbk.to_vec()), ("u16.txt", u16)] {
        let out = bin().args(["check", "--format", "json"]).arg(tmp(name, &bytes)).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{name}");
        assert_eq!(json(&out)["reports"][0]["year"], 2020, "{name}");
    }
}

#[test]
fn unreadable_files_get_one_chinese_line_and_exit_2() {
    let dir = std::env::temp_dir();
    for (path, says) in [
        (PathBuf::from("/no/such/file.txt"), "不存在"),
        (tmp("empty.txt", b""), "空"),
        (tmp("bin.txt", &[0u8, 159, 146, 150, 0, 1, 2, 3, 255, 0]), "不是文本"),
        (tmp("x.docx", b"PK\x03\x04rest"), "Word"),
        (dir, "目录"),
    ] {
        let out = bin().arg("check").arg(&path).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}", path.display());
        assert!(err.contains(says) && err.lines().count() == 1, "{}: {err}", path.display());
        assert!(!err.contains("panicked"));
    }
}

#[test]
fn text_format_and_usage() {
    let out = bin().arg("check").arg(seed("002_1a488c694ce6abfd.txt")).output().unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("2020") && s.contains("2019年格式"), "{s}");
    let out = bin().args(["check", "--format", "xml", "a"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = bin().arg("rules").output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("table3-column-balance"));
}

#[test]
fn a_negative_or_decimal_count_in_table_3_is_h5() {
    let text = std::fs::read_to_string(seed("001_29d0877efba69983.txt")).unwrap();
    let bad = text.replacen("一、本年新收政府信息公开申请数量\t0\t0", "一、本年新收政府信息公开申请数量\t-2\t1.5", 1);
    assert_ne!(bad, text);
    let out = bin().args(["check", "--format", "json"]).arg(tmp("neg.txt", bad.as_bytes())).output().unwrap();
    let doc = json(&out);
    let h5: Vec<String> = doc["reports"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "H5")
        .map(|f| f["cells"][0].as_str().unwrap().to_string())
        .collect();
    assert_eq!(h5, vec!["table3.new_received.natural_person", "table3.new_received.commercial"]);
    assert_eq!(out.status.code(), Some(1));
}

/// A report printed in traditional characters reads like the simplified one.
#[test]
fn traditional_characters_read_the_same() {
    // Simplified → traditional for every character of the template's labels that has one.
    const MAP: &str = "总總体體况況动動开開处處请請复復议議诉訴讼訟问問题題进進报報项項规規范範许許罚罰强強费費采採购購额額数數发發废廢现現决決结結转轉办辦区區计計这這国國稳穩护護权權务務过過执執询詢无無关關没沒补補后後确確访訪举舉类類当當认認获獲维維纠糾审審经經组組织織业業机機构構会會续續继繼单單条條对對系係统統减減";
    let to_trad = |s: &str| -> String {
        s.chars()
            .map(|c| {
                let m: Vec<char> = MAP.chars().collect();
                m.chunks(2).find(|p| p[0] == c).map_or(c, |p| p[1])
            })
            .collect()
    };
    for name in ["000_2e3a6c26e003a8cc.txt", "004_875541e45b987938.txt"] {
        let text = std::fs::read_to_string(seed(name)).unwrap();
        let simp = nianbao::output::report_json(&nianbao::check_text("a", &text));
        let trad = nianbao::output::report_json(&nianbao::check_text("a", &to_trad(&text)));
        for key in ["format", "year", "sections", "table2", "table3", "table4"] {
            assert_eq!(simp[key], trad[key], "{name}: {key}");
        }
    }
}

#[test]
fn an_html_file_is_read_through_its_tables() {
    // Minimal markup that does not look like a page: the extension decides.
    let row = |label: &str| format!("<tr><td>{label}</td><td>1</td><td></td><td></td><td></td><td></td><td></td><td>1</td></tr>");
    let head = "<tr><td>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td>申请人情况</td></tr>";
    let html = format!(
        "<table>{head}{}{}{}</table>",
        row("一、本年新收政府信息公开申请数量"),
        row("二、上年结转政府信息公开申请数量"),
        row("（七）总计")
    );
    let out = bin().args(["check", "--format", "json"]).arg(tmp("t.html", html.as_bytes())).output().unwrap();
    let row = &json(&out)["reports"][0]["table3"]["rows"][0];
    assert_eq!(row["key"], "new_received");
    assert_eq!(row["cells"]["natural_person"], 1);
    assert_eq!(row["cells"]["commercial"], serde_json::Value::Null);
    assert_eq!(row["cells"]["total"], 1);
}

/// Hostile names and streams: a GBK file name (from a Windows zip), a newline in a name,
/// `/dev/zero`, a pipe closed after one line, UTF-16 without a BOM. Each bad file gets
/// one line on stderr; every other file's report is still printed.
#[cfg(unix)]
#[test]
fn hostile_names_and_streams_cost_no_other_file() {
    use std::os::unix::ffi::OsStrExt;
    let good = std::fs::read(seed("004_875541e45b987938.txt")).unwrap();
    let gbk_name = std::ffi::OsStr::from_bytes(b"gbk-\xb1\xa8\xb8\xe6.txt");
    let gbk = tmp("x", b"").with_file_name(gbk_name);
    std::fs::write(&gbk, &good).unwrap();
    let newline = tmp("new\nline.txt", &good);
    let text = String::from_utf8(good.clone()).unwrap();
    let u16 = tmp("u16-no-bom.txt", &text.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>());

    let out = bin().args(["check", "--format", "json"]).arg(&gbk).arg("/dev/zero").arg(&u16).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "/dev/zero is unreadable");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("/dev/zero") && stderr.contains("上限") && stderr.lines().count() == 1, "{stderr}");
    let doc = json(&out);
    let reps = doc["reports"].as_array().unwrap();
    assert_eq!(reps.len(), 2, "the GBK-named and the UTF-16 file are both checked");
    assert!(reps.iter().all(|r| r["year"] == 2023));

    let out = bin().arg("check").arg(&newline).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.lines().next().unwrap().ends_with("new\\nline.txt"), "{stdout}");

    let mut child = bin()
        .arg("check")
        .arg(seed("004_875541e45b987938.txt"))
        .arg(seed("003_790b0b6d2a207a20.txt"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader went away before anything was written
    let out = child.wait_with_output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"), "{}", String::from_utf8_lossy(&out.stderr));
}

/// A PDF with one empty page (no text layer), offsets computed so it is well formed.
fn empty_pdf() -> Vec<u8> {
    pdf_of(&["<</Type/Catalog/Pages 2 0 R>>", "<</Type/Pages/Kids[3 0 R]/Count 1>>", "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>"])
}

/// A well-formed PDF of these objects, numbered from 1 (1 the catalog).
fn pdf_of(objs: &[&str]) -> Vec<u8> {
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj{o}endobj\n", i + 1).bytes());
    }
    let xref = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).bytes());
    for o in offsets {
        pdf.extend(format!("{o:010} 00000 n \n").bytes());
    }
    pdf.extend(format!("trailer<</Size {}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n", objs.len() + 1).bytes());
    pdf
}

/// Text set 10^15 points off the page (as in a fuzzed PDF): the reader keeps words where
/// they stand, and the padding asked for 2.6 TB and aborted. Now a bounded line.
#[test]
fn a_pdf_with_text_far_off_the_page_is_read_without_running_out_of_memory() {
    let content = "BT /F1 10 Tf 72 700 Td (Hello) Tj 1000000000000000 0 Td (12) Tj ET";
    let page = "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R>>";
    let stream = format!("<</Length {}>>stream\n{content}\nendstream", content.len());
    let font = "<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>";
    let pdf = pdf_of(&["<</Type/Catalog/Pages 2 0 R>>", "<</Type/Pages/Kids[3 0 R]/Count 1>>", page, &stream, font]);
    let out = bin().args(["check", "--format", "json"]).arg(tmp("far.pdf", &pdf)).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(matches!(out.status.code(), Some(0..=2)) && !stderr.contains("panicked") && !stderr.contains("memory"), "{stderr}");
}

/// A PDF whose fonts map no glyph to Unicode (tests/fixtures/pdf/lo-row-across-pages.pdf
/// with its `ToUnicode` maps taken out by qpdf): its text is glyph numbers ("!\"#*+,-./"),
/// which were checked as a report with six sections missing. Now its one finding says the
/// text is not Chinese and why; nothing is said missing.
#[test]
fn a_pdf_without_a_unicode_map_is_said_unreadable_not_checked() {
    let pdf = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf-unreadable/lo-no-unicode-map.pdf");
    let out = bin().args(["check", "--format", "json"]).arg(&pdf).output().unwrap();
    let codes: Vec<String> =
        json(&out)["reports"][0]["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap().to_string()).collect();
    assert_eq!(codes, ["text-not-chinese"]);
}

/// PDFs that cannot be read: broken, cut short, or scanned (no text layer). Each gets one
/// line in Chinese; the good file beside them is still reported.
#[test]
fn unreadable_pdfs_get_a_message_and_cost_no_other_file() {
    let broken = tmp("broken.pdf", b"%PDF-1.7\n1 0 obj<</Type/Catalog>>\nnonsense");
    let scanned = tmp("scanned.pdf", &empty_pdf());
    let mut files = vec![broken, scanned];
    let real = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/pdf/huaian-city-2024.pdf");
    if let Ok(bytes) = std::fs::read(&real) {
        files.push(tmp("cut.pdf", &bytes[..bytes.len() / 3]));
    }
    let out = bin().args(["check", "--format", "json"]).args(&files).arg(seed("004_875541e45b987938.txt")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("scanned.pdf") && stderr.contains("没有文字层"), "{stderr}");
    assert!(stderr.contains("broken.pdf") && stderr.contains("PDF"), "{stderr}");
    let reports = json(&out)["reports"].as_array().unwrap().clone();
    assert!(reports.iter().any(|r| r["year"] == 2023), "the good file is reported");
    // A cut PDF may keep enough pages to read, or not; either way it is said, not crashed.
    assert_eq!(stderr.lines().count() + reports.len(), files.len() + 1, "{stderr}");
}

/// LibreOffice PDFs whose rows break across a page. `lo-row-across-pages`: the last digit
/// of 一、本年新收's total (21988) goes on at the top of the next page, after the repeated
/// header; read as 2198 with certainty before, with three false arithmetic errors and a
/// single-cause claim (found by `scripts/pdf-sweep`). `lo-label-across-pages` (random-0032):
/// (六)'s first sub-row prints its numbers beside "1.申请人无正当理由" at the foot of a page
/// and the rest of its label, "逾期不补正、…", on the next; the row was unread, its
/// numbers "without a label" (its needles then needed the words across the break).
/// `lo-cells-wrapped-across-pages` (random-0347): (七)总计 at a page's foot with two
/// 5-digit numbers wrapped in their cells, "1037 … 1257", and their last digits "1 … 1"
/// under the next page's header; read as printed on the first page, with five false errors.
#[test]
fn a_pdf_row_cut_by_a_page_break_is_read_whole() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf");
    for name in ["lo-row-across-pages", "lo-label-across-pages", "lo-cells-wrapped-across-pages"] {
        let out = bin().args(["check", "--format", "json"]).arg(dir.join(format!("{name}.pdf"))).output().unwrap();
        let j = json(&out);
        let want: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join(format!("{name}.expected.json"))).unwrap()).unwrap();
        let rows = j["reports"][0]["table3"]["rows"].as_array().unwrap();
        for (key, cells) in want["table3"].as_object().unwrap() {
            let key = if key == "total_handled" { "total" } else { key.as_str() };
            let row = rows.iter().find(|r| r["key"] == key).unwrap();
            let got: Vec<serde_json::Value> = row["cells"].as_object().unwrap().values().cloned().collect();
            assert_eq!(&got, cells.as_array().unwrap(), "{name} table3.{key}");
        }
        let errors: Vec<&serde_json::Value> =
            j["reports"][0]["findings"].as_array().unwrap().iter().filter(|f| f["severity"] == "error").collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
    }
}

/// A PDF whose tables are drawn without ruling lines (random-0009 printed by Chromium with
/// every border removed): its tables are no cells but lines of words and numbers, which
/// were read as exact rows and came out all blank (0 of 151 cells). Now each line keeps
/// its words where they stand, as `pdftotext -layout` does, and the short rows' numbers
/// are placed by column: every cell right, or left empty and named.
#[test]
fn a_pdf_table_without_ruling_lines_is_read_by_where_its_numbers_stand() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf");
    let out = bin().args(["check", "--format", "json"]).arg(dir.join("chromium-unruled.pdf")).output().unwrap();
    let report = &json(&out)["reports"][0];
    let want: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("chromium-unruled.expected.json")).unwrap()).unwrap();
    let named = |cell: &str| {
        report["findings"].as_array().unwrap().iter().any(|f| {
            f["kind"] == "extraction"
                && f["cells"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|c| c.as_str().is_some_and(|c| cell == c || cell.starts_with(&format!("{c}."))))
        })
    };
    let (mut printed, mut right) = (0, 0);
    let mut check = |cell: String, got: &serde_json::Value, want: &serde_json::Value| {
        printed += !want.is_null() as usize;
        right += (!want.is_null() && got.as_f64() == want.as_f64()) as usize;
        assert!(got == want || got.as_f64() == want.as_f64() || (got.is_null() && named(&cell)), "{cell}: read {got}, printed {want}");
    };
    for (table, key) in [("table2", "table2"), ("table3", "table3")] {
        for (row, cells) in want[key].as_object().unwrap() {
            let got = report[table]["rows"].as_array().unwrap().iter().find(|r| r["key"] == *row).unwrap();
            for ((col, g), w) in got["cells"].as_object().unwrap().iter().zip(cells.as_array().unwrap()) {
                check(format!("{table}.{row}.{col}"), g, w);
            }
        }
    }
    for ((col, g), w) in report["table4"]["cells"].as_object().unwrap().iter().zip(want["table4"].as_array().unwrap()) {
        check(format!("table4.{col}"), g, w);
    }
    assert!(right * 100 >= printed * 90, "{right} of {printed} printed cells read");
    let errors: Vec<&serde_json::Value> = report["findings"].as_array().unwrap().iter().filter(|f| f["severity"] == "error").collect();
    assert!(errors.is_empty(), "{errors:?}");
}
