//! Every rule the product declares (`nianbao::rules::ALL`) has a report that makes it
//! fire and a close report (the same one without the defect) where it must not. A rule
//! added to the list without a case here fails `every_declared_rule_has_a_case`; a rule
//! no text can trigger today must say why in `UNTRIGGERABLE`, and that list stays short.
//!
//! Only the stable surface is used: `check_text`, the contract's JSON and its `code`s,
//! and the generator in `tests/common`.

mod common;
use common::*;
use serde_json::Value as J;

type Build = fn() -> String;

struct Case {
    code: &'static str,
    /// The report with the defect: a finding with `code` must be present.
    fire: Build,
    /// The same report without it: no finding with `code`.
    quiet: Build,
    /// Where known, a cell (or a prefix of one: a row, `section.N`) the finding must name.
    about: Option<&'static str>,
}

/// Rules no text can trigger today, with the reason. Keep this list short.
const UNTRIGGERABLE: &[(&str, &str)] = &[];

const HEADING2: &str = "二、主动公开政府信息情况";
const HEADING3: &str = "三、收到和处理政府信息公开申请情况";
const HEADING4: &str = "四、政府信息公开行政复议、行政诉讼情况";
const HEADING5: &str = "五、存在的主要问题及改进情况";
const HEADING6: &str = "六、其他需要报告的事项";

fn check(text: &str) -> J {
    nianbao::output::report_json(&nianbao::check_text("rules", text))
}

fn codes(j: &J) -> Vec<String> {
    j["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap_or("").to_string()).collect()
}

fn messages(j: &J) -> Vec<String> {
    j["findings"].as_array().unwrap().iter().map(|f| format!("[{}] {}", f["code"].as_str().unwrap_or("?"), f["message"])).collect()
}

// ---------------------------------------------------------------------------------------
// Base reports: generator output with every identity true and some numbers in table 3.

/// A busy synthetic report (numbers in table 3) of a year in the given format.
fn base(want_2021: bool) -> Synth {
    let mut rng = Rng::new(4242);
    loop {
        let s = synth(&mut rng);
        let busy = s.p3.iter().find(|(k, _)| k == "granted").unwrap().1[6] > 0;
        if (s.year >= 2021) == want_2021 && busy {
            return s;
        }
    }
}

fn b21() -> Synth {
    base(true)
}

fn row(s: &Synth, key: &str) -> usize {
    s.p3.iter().position(|(k, _)| k == key).unwrap()
}

fn tab(s: &Synth) -> String {
    render(s, Layout::Tab)
}

fn quiet_tab() -> String {
    tab(&b21())
}

fn quiet_tab_2019() -> String {
    tab(&base(false))
}

fn bump(key: &str, col: usize, by: i64) -> String {
    let mut s = b21();
    let r = row(&s, key);
    s.p3[r].1[col] += by;
    tab(&s)
}

/// The text with the part from `a` (inclusive) to `b` (exclusive) replaced.
fn splice(text: &str, a: &str, b: &str, with: &str) -> String {
    let i = text.find(a).unwrap_or_else(|| panic!("no {a}"));
    let k = text.find(b).unwrap_or_else(|| panic!("no {b}"));
    format!("{}{with}{}", &text[..i], &text[k..])
}

// ---------------------------------------------------------------------------------------
// The cases.

fn h1() -> String {
    // 结转下年度·自然人 one too many: the column identity (and that row's total) fail.
    bump("carried_forward", 0, 1)
}
fn h2() -> String {
    bump("granted", 6, 1)
}
fn h3() -> String {
    bump("total", 0, 2)
}
fn h4() -> String {
    let mut s = b21();
    s.p4[4] += 1;
    tab(&s)
}
fn h5() -> String {
    // 1.属于国家秘密·商业企业 printed 1.5: not a count (and not judged by the identities).
    let s = b21();
    let r = row(&s, "denied.state_secret");
    let cells = |v: &[String]| format!("1.属于国家秘密\t{}\n", v.join("\t"));
    let mut v: Vec<String> = s.p3[r].1.iter().map(|x| x.to_string()).collect();
    let line = cells(&v);
    let text = tab(&s);
    assert!(text.contains(&line), "row printed as {line}");
    v[1] = "1.5".into();
    text.replacen(&line, &cells(&v), 1)
}
fn section_missing() -> String {
    let mut s = b21();
    s.defect = Some(Defect::MissingSection(5));
    tab(&s)
}
fn section_order() -> String {
    // Section 六 moved before section 五.
    let text = quiet_tab();
    let (a, b) = (text.find(HEADING5).unwrap(), text.find(HEADING6).unwrap());
    format!("{}{}\n{}", &text[..a], &text[b..], &text[a..b])
}
fn table_missing() -> String {
    let text = quiet_tab();
    splice(&text, HEADING4, HEADING5, &format!("{HEADING4}\n本年度本机关未发生政府信息公开行政复议、行政诉讼案件。\n"))
}
fn row_missing() -> String {
    // The whole 8.属于行政查询事项 line (label and numbers) is gone.
    let text = quiet_tab();
    let a = text.find("8.属于行政查询事项").expect("row 8");
    let e = a + text[a..].find('\n').unwrap() + 1;
    format!("{}{}", &text[..a], &text[e..])
}
fn format_year() -> String {
    let mut s = b21();
    let mut rng = Rng::new(1);
    plant(&mut s, &mut rng, 2);
    assert!(matches!(s.defect, Some(Defect::FormatYear)));
    tab(&s)
}
fn blank_cells() -> String {
    let mut s = b21();
    let r = row(&s, "denied.state_secret");
    let c = (0..6).find(|&c| s.p3[r].1[c] == 0).expect("a zero cell");
    s.blank[r][c] = true;
    tab(&s)
}
fn single_cause() -> String {
    bump("granted", 0, 3)
}
fn cell_count() -> String {
    // 1.属于国家秘密 lost one cell in PDF text; the identities tell which. Not a 0: a lost 0
    // reads like a blank printed as nothing, which the identities cannot tell from it.
    let mut s = b21();
    let r = row(&s, "denied.state_secret");
    s.lost[r] = Some(s.p3[r].1.iter().position(|&v| v != 0).expect("a row with a number"));
    render(&s, Layout::Pdf)
}
fn quiet_pdf() -> String {
    render(&b21(), Layout::Pdf)
}
fn digits_split() -> String {
    render(&b21(), Layout::Flat)
}
/// granted = new_received = total = 11|1|0|0|0|0|12, all else 0: printed flat, each run
/// `111000012` reads as 11|1|… or 1|11|…, and every identity holds either way.
fn ambiguous_synth() -> Synth {
    let mut s = b21();
    let v = [11, 1, 0, 0, 0, 0, 12];
    let rows: Vec<(String, [i64; 7])> =
        s.p3.iter()
            .map(|(k, _)| (k.clone(), if matches!(k.as_str(), "granted" | "new_received" | "total") { v } else { [0; 7] }))
            .collect();
    s.blank = vec![[false; 7]; rows.len()];
    s.lost = vec![None; rows.len()];
    s.t3 = rows.clone();
    s.p3 = rows;
    s.t4 = [0; 15];
    s.p4 = [0; 15];
    s
}
fn digits_ambiguous() -> String {
    render(&ambiguous_synth(), Layout::Flat)
}
fn quiet_ambiguous() -> String {
    tab(&ambiguous_synth())
}
fn row_unreadable() -> String {
    // （七）总计 followed by only 3 numbers.
    let s = b21();
    let text = tab(&s);
    let t = s.p3[row(&s, "total")].1;
    let full = format!("（七）总计\t{}", t.iter().map(|v| v.to_string()).collect::<Vec<_>>().join("\t"));
    assert!(text.contains(&full), "total row printed as {full}");
    text.replacen(&full, "（七）总计\t1\t2\t3", 1)
}
/// Seed 1713 of the generator, 2021 format, printed flat: a planted wrong 总计·法律服务机构
/// makes another row's split that balances everything compete with one that leaves the
/// planted cell to blame.
fn doubted() -> (Synth, Synth) {
    let mut rng = Rng::new(1713);
    let clean = synth(&mut rng);
    let mut planted = clean.clone();
    plant(&mut planted, &mut rng, 0);
    (clean, planted)
}
fn split_doubted() -> String {
    render(&doubted().1, Layout::Flat)
}
fn quiet_doubted() -> String {
    render(&doubted().0, Layout::Flat)
}
fn search_bound() -> String {
    // 本年新收's 27-digit run has too many splits to weigh.
    let (s, text) = (b21(), digits_split());
    let run: String = s.p3[row(&s, "new_received")].1.iter().map(|v| v.to_string()).collect();
    let at = format!("本年新收政府信息公开申请数量{run}");
    assert!(text.contains(&at), "flat row printed as {at}");
    text.replacen(&at, "本年新收政府信息公开申请数量123456789123456789123456789", 1)
}
fn section_wording() -> String {
    quiet_tab().replacen(HEADING4, "四、政府信息公开行政法复议、行政诉讼情况", 1)
}
/// Text copied out of a Word-like PDF of seed 004 (tests/fixtures/pdf-paste): pdftotext's
/// raw order lists every label, then every number.
fn pdf_paste(kind: &str) -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/pdf-paste/004-varied.{kind}.txt"));
    std::fs::read_to_string(p).unwrap()
}
/// pdftotext's raw order of an all-zero report whose 予以公开 and 部分公开 rows print only
/// their total (tests/fixtures/pdf-paste/001-blanks): 149 numbers for 161 cells, and
/// nothing says which of the rows that share a stack of labels hold the blanks.
fn numbers_detached() -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf-paste/001-blanks.pdftotext.txt");
    std::fs::read_to_string(p).unwrap()
}
/// The same paste whole: as many numbers as cells, placed row after row, and every identity holds.
fn numbers_placed() -> String {
    pdf_paste("pdftotext")
}
fn label_lost() -> String {
    quiet_tab().replacen("一、本年新收政府信息公开申请数量", "", 1)
}
fn format_unknown() -> String {
    // A 2019-format report without table 2: nothing tells 2019 from 2021.
    let text = quiet_tab_2019();
    splice(&text, HEADING2, HEADING3, &format!("{HEADING2}\n主动公开情况详见本机关门户网站。\n"))
}
fn quiet_format_unknown() -> String {
    quiet_tab_2019()
}
fn not_chinese() -> String {
    // What a PDF whose fonts map no glyph to Unicode gives (pdftotext of
    // tests/fixtures/pdf-unreadable/lo-no-unicode-map.pdf): glyph numbers.
    "!\"\n#*+,-./\n?=@A=B\nCDE0FGH=I\n".repeat(10)
}
fn quiet_not_chinese() -> String {
    // Chinese with no section of a report: the sections are said missing, not the text.
    "本单位2023年认真贯彻落实《中华人民共和国政府信息公开条例》，做好政府信息公开工作。".repeat(3)
}

// ---------------------------------------------------------------------------------------
// Rules judged across the reports of one run: a case is the reports checked together.

struct AcrossCase {
    code: &'static str,
    fire: fn() -> Vec<String>,
    quiet: fn() -> Vec<String>,
    about: &'static str,
}

/// The findings of a run: every report's own, and the run's (`across`).
fn check_run(texts: &[String]) -> (Vec<J>, Vec<J>) {
    let mut reports: Vec<_> = texts.iter().enumerate().map(|(i, t)| nianbao::check_text(&format!("r{i}"), t)).collect();
    let across = nianbao::across::check(&mut reports);
    let doc: J = serde_json::from_str(&nianbao::output::json_run(&reports.iter().collect::<Vec<_>>(), &across)).unwrap();
    (doc["reports"].as_array().unwrap().clone(), doc["findings"].as_array().unwrap().clone())
}

/// The same body's 2022 and 2023 reports, consistent.
fn two_years() -> (Synth, Synth) {
    let mut s = b21();
    s.year = 2023;
    consecutive_years(&s)
}
fn y1_quiet() -> Vec<String> {
    let (last, now) = two_years();
    vec![tab(&last), tab(&now)]
}
fn y1_fire() -> Vec<String> {
    // 2023 carries over one more 自然人 application than 2022 carried forward; 2023's own
    // identities still hold (its 结转下年度 and both totals move with it).
    let (last, mut now) = two_years();
    for key in ["carried_over", "carried_forward"] {
        let r = row(&now, key);
        for c in [0, 6] {
            now.p3[r].1[c] += 1;
            now.t3[r].1[c] += 1;
        }
    }
    vec![tab(&last), tab(&now)]
}

fn across_cases() -> Vec<AcrossCase> {
    vec![AcrossCase { code: "carry-over-mismatch", fire: y1_fire, quiet: y1_quiet, about: "table3.carried_over.natural_person" }]
}

#[test]
fn each_rule_across_reports_fires_on_its_case_and_not_on_the_close_case() {
    for case in across_cases() {
        let (reports, run) = check_run(&(case.fire)());
        let fired: Vec<&J> = run.iter().filter(|f| f["code"] == case.code).collect();
        assert!(!fired.is_empty(), "{}: does not fire; run findings {run:?}", case.code);
        assert!(fired.iter().any(|f| f["cells"].as_array().unwrap().iter().any(|c| c == case.about)), "{}: {fired:?}", case.code);
        // Each report involved has the finding too.
        for r in &reports {
            assert!(codes(r).iter().any(|c| c == case.code), "{}: not in {}: {:?}", case.code, r["source"], messages(r));
        }
        let (reports, run) = check_run(&(case.quiet)());
        assert!(run.is_empty(), "{}: fires on the close case: {run:?}", case.code);
        for r in &reports {
            assert!(!codes(r).iter().any(|c| c == case.code), "{}: {:?}", case.code, messages(r));
            let errs: Vec<String> = messages(r).into_iter().filter(|m| !m.contains("blank-cells")).collect();
            assert!(errs.iter().all(|m| !m.contains("table3-")), "close case has arithmetic findings: {errs:?}");
        }
    }
}

/// Y1 matches bodies printed as the government or as its office, and does not judge a
/// year that has two reports of the body (which one carries over is a guess).
#[test]
fn y1_matches_office_titles_and_leaves_ambiguous_pairs_alone() {
    let (last, now) = two_years();
    let fire = y1_fire();
    let office = fire[1].replacen(&now.body, &format!("{}办公室", now.body), 1);
    assert_ne!(office, fire[1]);
    assert!(!check_run(&[fire[0].clone(), office]).1.is_empty(), "office title not matched");
    let (_, run) = check_run(&[fire[0].clone(), fire[1].clone(), tab(&now)]);
    assert!(run.is_empty(), "two 2023 reports of one body were judged: {run:?}");
    // Another body's consecutive year is not this body's.
    let mut other = last.clone();
    other.body = format!("{}某某局", last.body);
    let (_, run) = check_run(&[tab(&other), fire[1].clone()]);
    assert!(run.is_empty(), "{run:?}");
}

fn cases() -> Vec<Case> {
    vec![
        Case { code: "table3-column-balance", fire: h1, quiet: quiet_tab, about: Some("table3.carried_forward.natural_person") },
        Case { code: "table3-row-total", fire: h2, quiet: quiet_tab, about: Some("table3.granted.total") },
        Case { code: "table3-results-total", fire: h3, quiet: quiet_tab, about: Some("table3.total.natural_person") },
        Case { code: "table4-block-total", fire: h4, quiet: quiet_tab, about: Some("table4.review.total") },
        Case { code: "not-a-count", fire: h5, quiet: quiet_tab, about: Some("table3.denied.state_secret.commercial") },
        Case { code: "section-missing", fire: section_missing, quiet: quiet_tab, about: Some("section.5") },
        Case { code: "section-order", fire: section_order, quiet: quiet_tab, about: None },
        Case { code: "table-missing", fire: table_missing, quiet: quiet_tab, about: Some("section.4") },
        Case { code: "row-missing", fire: row_missing, quiet: quiet_tab, about: Some("table3.denied.administrative_query") },
        Case { code: "format-year-mismatch", fire: format_year, quiet: quiet_tab, about: None },
        Case { code: "blank-cells", fire: blank_cells, quiet: quiet_tab, about: None },
        Case { code: "single-cause", fire: single_cause, quiet: quiet_tab, about: Some("table3.granted.natural_person") },
        Case { code: "cell-count", fire: cell_count, quiet: quiet_pdf, about: Some("table3.denied.state_secret") },
        Case { code: "digits-split", fire: digits_split, quiet: quiet_tab, about: None },
        Case { code: "digits-ambiguous", fire: digits_ambiguous, quiet: quiet_ambiguous, about: Some("table3.") },
        Case { code: "row-unreadable", fire: row_unreadable, quiet: quiet_tab, about: Some("table3.total") },
        Case { code: "label-lost", fire: label_lost, quiet: quiet_tab, about: Some("table3.new_received") },
        Case { code: "split-assumes-no-error", fire: split_doubted, quiet: quiet_doubted, about: Some("table3.total.legal") },
        Case { code: "search-bound", fire: search_bound, quiet: digits_split, about: Some("table3.new_received") },
        Case { code: "section-wording", fire: section_wording, quiet: quiet_tab, about: Some("section.4") },
        Case { code: "numbers-detached", fire: numbers_detached, quiet: numbers_placed, about: Some("table3.carried_over") },
        Case { code: "numbers-placed", fire: numbers_placed, quiet: quiet_tab, about: Some("table3") },
        Case { code: "format-unknown", fire: format_unknown, quiet: quiet_format_unknown, about: None },
        Case { code: "text-not-chinese", fire: not_chinese, quiet: quiet_not_chinese, about: None },
    ]
}

#[test]
fn every_declared_rule_has_a_case() {
    let cases = cases();
    let declared: Vec<&str> = nianbao::rules::ALL.iter().map(|r| r.code).collect();
    let mut missing = Vec::new();
    for code in &declared {
        let n = cases.iter().filter(|c| c.code == *code).count()
            + across_cases().iter().filter(|c| c.code == *code).count()
            + UNTRIGGERABLE.iter().filter(|u| u.0 == *code).count();
        if n != 1 {
            missing.push(format!("{code}: {n} entries (want exactly one case or one UNTRIGGERABLE reason)"));
        }
    }
    for c in cases.iter().map(|c| c.code).chain(across_cases().iter().map(|c| c.code)).chain(UNTRIGGERABLE.iter().map(|u| u.0)) {
        if !declared.contains(&c) {
            missing.push(format!("{c}: a case for a code the product does not declare"));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
    assert!(UNTRIGGERABLE.len() <= 2, "too many rules no text can trigger: {UNTRIGGERABLE:?}");
}

#[test]
fn each_rule_fires_on_its_case_and_not_on_the_close_case() {
    let mut bad = Vec::new();
    for case in cases() {
        assert_ne!((case.fire)(), (case.quiet)(), "{}: the case is its close case", case.code);
        let fire = check(&(case.fire)());
        let fired: Vec<&J> = fire["findings"].as_array().unwrap().iter().filter(|f| f["code"] == case.code).collect();
        if fired.is_empty() {
            bad.push(format!("{}: does not fire; findings {:?}", case.code, messages(&fire)));
        } else if let Some(cell) = case.about {
            let names = |f: &J| f["cells"].as_array().is_some_and(|a| a.iter().any(|c| c.as_str().is_some_and(|c| c.starts_with(cell))));
            if !fired.iter().any(|f| names(f)) {
                bad.push(format!("{}: fires but names no {cell}…: {:?}", case.code, fired.iter().map(|f| &f["cells"]).collect::<Vec<_>>()));
            }
        }
        let quiet = check(&(case.quiet)());
        if codes(&quiet).iter().any(|c| c == case.code) {
            bad.push(format!("{}: fires on the close case; findings {:?}", case.code, messages(&quiet)));
        }
    }
    assert!(bad.is_empty(), "{} problems:\n{}", bad.len(), bad.join("\n"));
}

/// The close cases are clean where it matters: no arithmetic error in any of them, so a
/// firing case differs from its quiet one by the defect alone.
#[test]
fn close_cases_have_no_arithmetic_error() {
    for case in cases() {
        let j = check(&(case.quiet)());
        let errs: Vec<String> = j["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["kind"] == "arithmetic" && f["severity"] == "error")
            .map(|f| f["message"].to_string())
            .collect();
        assert!(errs.is_empty(), "{}: close case has arithmetic errors {errs:?}", case.code);
    }
}
