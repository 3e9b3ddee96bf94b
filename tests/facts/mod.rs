//! What the tests that read hand-checked or generated facts share: the generated material's
//! folder (named by an environment variable `scripts/test` sets) and the cells of tables 3
//! and 4 that a facts file states, beside what the report's JSON read there.
#![allow(dead_code)]

use serde_json::Value as J;
use std::path::PathBuf;

const APPL: [&str; 7] = ["natural_person", "commercial", "research", "social", "legal", "other", "total"];

/// The folder `var` names; without it the test says it skipped (`how` makes the
/// material), and under CI=true, where `scripts/test` sets it, it fails.
pub fn material(var: &str, how: &str) -> Option<PathBuf> {
    let dir = std::env::var_os(var);
    if dir.is_none() {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "CI=true but {var} is not set (scripts/test sets it)");
        println!("skipped: {var} not set ({how} makes it)");
    }
    dir.map(PathBuf::from)
}

/// Every table 3 and table 4 cell `want` (an expected.json) states: its name, what `got`
/// (the contract's REPORT) read there (null when absent), and what was printed.
pub fn t3_t4_cells(got: &J, want: &J) -> Vec<(String, J, J)> {
    let mut out = Vec::new();
    let rows = got["table3"]["rows"].as_array().cloned().unwrap_or_default();
    for (key, cells) in want["table3"].as_object().unwrap() {
        // The PDF's facts name the （七）总计 row `total_handled`.
        let key = if key == "total_handled" { "total" } else { key.as_str() };
        let row = rows.iter().find(|r| r["key"] == key);
        for (c, w) in APPL.iter().zip(cells.as_array().unwrap()) {
            out.push((format!("table3.{key}.{c}"), row.map_or(J::Null, |r| r["cells"][c].clone()), w.clone()));
        }
    }
    for (k, w) in nianbao::template::t4_keys().iter().zip(want["table4"].as_array().unwrap()) {
        out.push((format!("table4.{k}"), got["table4"]["cells"][k].clone(), w.clone()));
    }
    out
}
