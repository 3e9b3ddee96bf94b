//! The batch's .xlsx on the page: written by the crate `nianbao-xlsx` (rust_xlsxwriter),
//! built as its own wasm module and loaded on the first Excel export (`module.rs`), so the
//! first screen never carries it (about 270 KB gzipped). The page makes the sheets
//! (`output::batch_sheets`, the CSVs' rows) and hands them over as JSON.

use super::module;
use nianbao_xlsx::Sheet;

/// The workbook's bytes, or why not (in Chinese). Also leaves `data-xlsx-load-ms` /
/// `data-xlsx-make-ms` on `<html>`: what loading (fetch and compile on the first export;
/// instantiate) and writing took, for the budgets in the README.
pub async fn workbook(sheets: &[Sheet]) -> Result<Vec<u8>, String> {
    const FAILED: &str = "生成 Excel 文件时出错";
    let t0 = super::browser::now_ms();
    let compiled = module::compiled("nianbao-xlsx").await.map_err(|why| format!("无法加载 Excel 导出模块（{why}），请刷新页面后重试"))?;
    let instance = module::instantiate(&compiled).await.map_err(|_| "无法启动 Excel 导出模块，请刷新页面后重试".to_string())?;
    let load_ms = super::browser::now_ms() - t0;
    // Writing runs on this thread: let the browser paint "正在生成 Excel…" first.
    module::paint().await;
    let t1 = super::browser::now_ms();
    let json = serde_json::to_vec(sheets).map_err(|_| FAILED.to_string())?;
    // The workbook's creation time: the module has no clock (xlsx/Cargo.toml).
    let created = (js_sys::Date::now() / 1000.0) as u32;
    let (status, out) = module::run(&instance, "to_xlsx", &json, &[created]).map_err(|_| FAILED.to_string())?;
    let t2 = super::browser::now_ms();
    let html = gloo::utils::document_element();
    let _ = html.set_attribute("data-xlsx-load-ms", &format!("{load_ms:.1}"));
    let _ = html.set_attribute("data-xlsx-make-ms", &format!("{:.1}", t2 - t1));
    if status == 0 { Ok(out) } else { Err(String::from_utf8_lossy(&out).into_owned()) }
}
