//! PDFs on the page: the same reader as the command line (the crate `nianbao-pdf`), built
//! as its own wasm module and loaded only when the first PDF arrives (`module.rs`), so the
//! first screen never carries it.

use super::module;

/// What the command line also takes for a PDF (main.rs's `check_bytes`).
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF")
}

/// The report's text with exact table rows, or the command line's one-line reason.
/// Also leaves `data-pdf-load-ms` / `data-pdf-read-ms` on `<html>`: what loading (fetch,
/// compile on the first PDF; instantiate) and reading took, for the budgets in the README.
pub async fn to_text(bytes: &[u8]) -> Result<String, String> {
    const BROKEN: &str = "无法打开这个 PDF（文件可能已损坏）";
    let t0 = super::browser::now_ms();
    let compiled = module::compiled("nianbao-pdf").await.map_err(|why| format!("无法加载 PDF 读取模块（{why}），请刷新页面后重试"))?;
    let instance = module::instantiate(&compiled).await.map_err(|_| "无法启动 PDF 读取模块，请刷新页面后重试".to_string())?;
    let load_ms = super::browser::now_ms() - t0;
    // Reading runs on this thread (tens of milliseconds for a report): let the browser
    // paint "正在读取 PDF…" first, even when the module was already compiled.
    module::paint().await;
    let t1 = super::browser::now_ms();
    // A trap (a panic in the reader, out of memory) is a file it could not read.
    let (status, text) = module::run(&instance, "to_text", bytes, &[]).map_err(|_| BROKEN.to_string())?;
    let text = String::from_utf8(text).map_err(|_| BROKEN.to_string())?;
    let t2 = super::browser::now_ms();
    let html = gloo::utils::document_element();
    let _ = html.set_attribute("data-pdf-load-ms", &format!("{load_ms:.1}"));
    let _ = html.set_attribute("data-pdf-read-ms", &format!("{:.1}", t2 - t1));
    if status == 0 { Ok(text) } else { Err(text) }
}
