//! The page's lazily loaded wasm modules: the PDF reader (`nianbao-pdf`) and the .xlsx
//! writer (`nianbao-xlsx`), workspace crates built as modules of their own
//! (scripts/wasm_module.py) and fetched the first time one is needed, so the first screen
//! never carries them. Where a module is, `scripts/trunk_post_build.py` says in the page:
//! served, a `<meta name="nianbao-pdf" content="./nianbao-pdf-HASH.wasm">` to fetch (same
//! origin: the CSP's connect-src 'self'); in the single file `nianbao.html`, the module
//! itself as base64 in `<script type="application/octet-stream" id="nianbao-pdf">`, which
//! the browser never runs, decoded here.
//!
//! A module has no imports and no glue (C ABI: pdf/src/abi.rs, the protocol both share).
//! It is compiled once and instantiated afresh for each use: the memory one use grew is
//! dropped with it, and a use that ends in a trap cannot spoil the next.

use js_sys::{Function, Object, Reflect, Uint8Array, WebAssembly};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

thread_local! {
    /// Each module being loaded or loaded: one promise, so uses at once share one fetch.
    /// Forgotten when loading failed, so the next use tries again.
    static MODULES: RefCell<HashMap<&'static str, js_sys::Promise>> = RefCell::new(HashMap::new());
    static NEXT: Cell<u64> = const { Cell::new(0) };
}

/// A new number for each use (a PDF dropped, an export), so its result finds its place
/// (or, after 重新开始, none).
pub fn token() -> u64 {
    NEXT.with(|n| {
        n.set(n.get() + 1);
        n.get()
    })
}

/// The module `name`, compiled by its first use; why not, in a few Chinese words.
pub async fn compiled(name: &'static str) -> Result<WebAssembly::Module, String> {
    let loading = MODULES.with(|m| {
        m.borrow_mut()
            .entry(name)
            .or_insert_with(|| {
                wasm_bindgen_futures::future_to_promise(async move { load(name).await.map(JsValue::from).map_err(JsValue::from) })
            })
            .clone()
    });
    match JsFuture::from(loading).await {
        Ok(m) => Ok(m.unchecked_into()),
        Err(why) => {
            MODULES.with(|m| m.borrow_mut().remove(name));
            Err(why.as_string().unwrap_or_default())
        }
    }
}

/// A fresh instance of a compiled module (it imports nothing).
pub async fn instantiate(module: &WebAssembly::Module) -> Result<WebAssembly::Instance, ()> {
    let instance = JsFuture::from(WebAssembly::instantiate_module(module, &Object::new())).await.map_err(|_| ())?;
    Ok(instance.unchecked_into())
}

/// Lets the browser paint (a "正在…" state) before a use that runs on this thread.
pub async fn paint() {
    let paint = js_sys::Promise::new(&mut |done, _| {
        let _ = gloo::utils::window().set_timeout_with_callback(&done);
    });
    let _ = JsFuture::from(paint).await;
}

/// Compiles the module: from the page's inline copy, or fetched.
async fn load(name: &str) -> Result<WebAssembly::Module, String> {
    let document = gloo::utils::document();
    let bytes: JsValue = if let Some(inline) = document.get_element_by_id(name) {
        let b64 = inline.text_content().unwrap_or_default();
        let binary = gloo::utils::window().atob(b64.trim()).map_err(|_| "内嵌的模块已损坏")?;
        let bytes: Vec<u8> = binary.chars().map(|c| c as u8).collect();
        Uint8Array::from(bytes.as_slice()).into()
    } else {
        let url = document
            .query_selector(&format!("meta[name={name}]"))
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

/// Runs `export` of an instance over `input` by the modules' protocol: `alloc(len)` for a
/// buffer, the input copied in, `export(ptr, len, args…)` says 0 (a result) or 1 (a
/// reason), and `out_ptr()`/`out_len()` locate what it wrote. `Err` when the instance
/// traps (a panic, out of memory) or lacks an export.
pub fn run(instance: &WebAssembly::Instance, export: &str, input: &[u8], args: &[u32]) -> Result<(u32, Vec<u8>), ()> {
    let exports = instance.exports();
    let get = |name: &str| Reflect::get(&exports, &name.into()).map_err(|_| ());
    let call = |name: &str, args: &[u32]| -> Result<u32, ()> {
        let f: Function = get(name)?.dyn_into().map_err(|_| ())?;
        let args: js_sys::Array = args.iter().map(|&a| JsValue::from(a)).collect();
        let v = f.apply(&JsValue::NULL, &args).map_err(|_| ())?;
        Ok(v.as_f64().unwrap_or(0.0) as i64 as u32) // i32 results may come back negative
    };
    let memory: WebAssembly::Memory = get("memory")?.dyn_into().map_err(|_| ())?;
    let len = u32::try_from(input.len()).map_err(|_| ())?;
    let ptr = call("alloc", &[len])?;
    // The buffer is taken after each call: growing memory detaches the old one.
    Uint8Array::new_with_byte_offset_and_length(&memory.buffer(), ptr, len).copy_from(input);
    let status = call(export, &[&[ptr, len][..], args].concat())?;
    let (out, n) = (call("out_ptr", &[])?, call("out_len", &[])?);
    Ok((status, Uint8Array::new_with_byte_offset_and_length(&memory.buffer(), out, n).to_vec()))
}
