//! PDFs on the page: the same reader as the command line (the crate `nianbao-pdf`), built
//! as its own wasm module and loaded only when the first PDF arrives, so the first screen
//! never carries it. Where the module is, `scripts/trunk_post_build.py` says in the page:
//! served, a `<meta name="nianbao-pdf" content="./nianbao-pdf-HASH.wasm">` to fetch (same
//! origin: the CSP's connect-src 'self'); in the single file `nianbao.html`, the module
//! itself as base64 in `<script type="application/octet-stream" id="nianbao-pdf">`, which
//! the browser never runs, decoded here.
//!
//! The module has no imports and no glue (C ABI, see pdf/src/wasm.rs). It is compiled once
//! and instantiated afresh for each PDF: the memory one file grew is dropped with it, and a
//! file that ends in a trap cannot spoil the next.

use js_sys::{Function, Object, Reflect, Uint8Array, WebAssembly};
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

thread_local! {
    /// The module being loaded or loaded: one promise, so PDFs dropped together share one
    /// fetch. Forgotten when loading failed, so the next PDF tries again.
    static MODULE: RefCell<Option<js_sys::Promise>> = const { RefCell::new(None) };
}

/// A new number for each PDF dropped, so its result finds its place (or, after 重新开始,
/// none).
pub fn token() -> u64 {
    thread_local! { static NEXT: std::cell::Cell<u64> = const { std::cell::Cell::new(0) }; }
    NEXT.with(|n| {
        n.set(n.get() + 1);
        n.get()
    })
}

/// What the command line also takes for a PDF (main.rs's `check_bytes`).
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF")
}

/// The report's text with exact table rows, or the command line's one-line reason.
/// Also leaves `data-pdf-load-ms` / `data-pdf-read-ms` on `<html>`: what loading (fetch,
/// compile on the first PDF; instantiate) and reading took, for the budgets in the README.
pub async fn to_text(bytes: &[u8]) -> Result<String, String> {
    let t0 = super::browser::now_ms();
    let module = module().await.map_err(|why| format!("无法加载 PDF 读取模块（{why}），请刷新页面后重试"))?;
    let instance = JsFuture::from(WebAssembly::instantiate_module(&module, &Object::new()))
        .await
        .map_err(|_| "无法启动 PDF 读取模块，请刷新页面后重试".to_string())?;
    let load_ms = super::browser::now_ms() - t0;
    // Reading runs on this thread (tens of milliseconds for a report): let the browser
    // paint "正在读取 PDF…" first, even when the module was already compiled.
    let paint = js_sys::Promise::new(&mut |done, _| {
        let _ = gloo::utils::window().set_timeout_with_callback(&done);
    });
    let _ = JsFuture::from(paint).await;
    let t1 = super::browser::now_ms();
    let text = read(&instance.unchecked_into(), bytes);
    let t2 = super::browser::now_ms();
    let html = gloo::utils::document_element();
    let _ = html.set_attribute("data-pdf-load-ms", &format!("{load_ms:.1}"));
    let _ = html.set_attribute("data-pdf-read-ms", &format!("{:.1}", t2 - t1));
    text
}

/// The compiled module, loaded by the first PDF.
async fn module() -> Result<WebAssembly::Module, String> {
    let loading = MODULE.with(|m| {
        m.borrow_mut()
            .get_or_insert_with(|| {
                wasm_bindgen_futures::future_to_promise(async { load().await.map(JsValue::from).map_err(JsValue::from) })
            })
            .clone()
    });
    match JsFuture::from(loading).await {
        Ok(m) => Ok(m.unchecked_into()),
        Err(why) => {
            MODULE.with(|m| m.borrow_mut().take());
            Err(why.as_string().unwrap_or_default())
        }
    }
}

/// Compiles the module: from the page's inline copy, or fetched.
async fn load() -> Result<WebAssembly::Module, String> {
    let document = gloo::utils::document();
    let bytes: JsValue = if let Some(inline) = document.get_element_by_id("nianbao-pdf") {
        let b64 = inline.text_content().unwrap_or_default();
        let binary = gloo::utils::window().atob(b64.trim()).map_err(|_| "内嵌的模块已损坏")?;
        let bytes: Vec<u8> = binary.chars().map(|c| c as u8).collect();
        Uint8Array::from(bytes.as_slice()).into()
    } else {
        let url = document
            .query_selector("meta[name=nianbao-pdf]")
            .ok()
            .flatten()
            .and_then(|m| m.get_attribute("content"))
            .ok_or("页面中没有模块的地址")?;
        let response: web_sys::Response =
            JsFuture::from(gloo::utils::window().fetch_with_str(&url)).await.map_err(|_| "网络错误")?.unchecked_into();
        if !response.ok() {
            return Err(format!("服务器返回 {}", response.status()));
        }
        // Not compileStreaming: a server without the application/wasm type (old IIS)
        // still works.
        JsFuture::from(response.array_buffer().map_err(|_| "网络错误")?).await.map_err(|_| "网络错误")?
    };
    Ok(JsFuture::from(WebAssembly::compile(&bytes)).await.map_err(|_| "浏览器无法编译模块")?.unchecked_into())
}

/// Copies the file into the instance, reads it, and takes the text out (pdf/src/wasm.rs).
fn read(instance: &WebAssembly::Instance, bytes: &[u8]) -> Result<String, String> {
    const BROKEN: &str = "无法打开这个 PDF（文件可能已损坏）";
    let exports = instance.exports();
    let get = |name: &str| Reflect::get(&exports, &name.into()).map_err(|_| BROKEN.to_string());
    let call = |name: &str, args: &[u32]| -> Result<u32, String> {
        let f: Function = get(name)?.unchecked_into();
        let args: js_sys::Array = args.iter().map(|&a| JsValue::from(a)).collect();
        // A trap (a panic in the reader, out of memory) is a file it could not read.
        let v = f.apply(&JsValue::NULL, &args).map_err(|_| BROKEN.to_string())?;
        Ok(v.as_f64().unwrap_or(0.0) as i64 as u32) // i32 results may come back negative
    };
    let memory: WebAssembly::Memory = get("memory")?.unchecked_into();
    let len = u32::try_from(bytes.len()).map_err(|_| BROKEN.to_string())?;
    let ptr = call("alloc", &[len])?;
    // The buffer is taken after each call: growing memory detaches the old one.
    Uint8Array::new_with_byte_offset_and_length(&memory.buffer(), ptr, len).copy_from(bytes);
    let status = call("to_text", &[ptr, len])?;
    let (out, n) = (call("out_ptr", &[])?, call("out_len", &[])?);
    let text = Uint8Array::new_with_byte_offset_and_length(&memory.buffer(), out, n).to_vec();
    let text = String::from_utf8(text).map_err(|_| BROKEN.to_string())?;
    if status == 0 { Ok(text) } else { Err(text) }
}
