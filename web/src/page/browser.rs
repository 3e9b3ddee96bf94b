//! Small wrappers over browser APIs: downloads, clipboard, print, time, text selection.

use wasm_bindgen::{JsCast, JsValue};

/// Saves `content` as a file through a blob URL (no server involved).
pub fn download(name: &str, mime: &str, content: &str) {
    save(name, mime, &js_sys::Array::of1(&JsValue::from_str(content)));
}

/// Saves bytes (an .xlsx) as a file.
pub fn download_bytes(name: &str, mime: &str, bytes: &[u8]) {
    save(name, mime, &js_sys::Array::of1(&js_sys::Uint8Array::from(bytes)));
}

fn save(name: &str, mime: &str, parts: &js_sys::Array) {
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_blob_sequence_and_options(parts, &opts) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    let doc = gloo::utils::document();
    if let Ok(a) = doc.create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(name);
        let _ = doc.body().map(|b| b.append_child(&a));
        a.click();
        a.remove();
    }
    let revoke = url.clone();
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&revoke);
    })
    .forget();
}

/// Copies text: the Clipboard API where the page is a secure context, otherwise (plain
/// http on an intranet) a selected hidden textarea and `copy`.
pub fn copy(text: &str) -> bool {
    let win = gloo::utils::window();
    let secure = js_sys::Reflect::get(&win, &"isSecureContext".into()).ok().and_then(|v| v.as_bool()).unwrap_or(false);
    if secure {
        let clip = js_sys::Reflect::get(&win.navigator(), &"clipboard".into()).unwrap_or(JsValue::UNDEFINED);
        let write = js_sys::Reflect::get(&clip, &"writeText".into()).ok();
        if write.as_ref().and_then(|f| f.dyn_ref::<js_sys::Function>()).is_some_and(|f| f.call1(&clip, &JsValue::from_str(text)).is_ok()) {
            return true;
        }
    }
    let doc = gloo::utils::document();
    let Ok(el) = doc.create_element("textarea") else { return false };
    let ta: web_sys::HtmlTextAreaElement = el.unchecked_into();
    ta.set_value(text);
    let _ = ta.set_attribute("class", "offscreen");
    let _ = doc.body().map(|b| b.append_child(&ta));
    ta.select();
    let ok = doc.dyn_ref::<web_sys::HtmlDocument>().and_then(|d| d.exec_command("copy").ok()).unwrap_or(false);
    ta.remove();
    ok
}

pub fn print() {
    let _ = gloo::utils::window().print();
}

/// Prints with `class` on `<html>`, which the print stylesheet uses to print one part of
/// the page (the batch summary). `print()` returns when the dialog closes.
pub fn print_only(class: &str) {
    let root = gloo::utils::document_element();
    let _ = root.class_list().add_1(class);
    print();
    let _ = root.class_list().remove_1(class);
}

pub fn now_ms() -> f64 {
    gloo::utils::window().performance().map_or(0.0, |p| p.now())
}

/// UTF-16 offset (what the DOM counts) of UTF-8 byte offset `at` in `text`.
pub fn utf16_offset(text: &str, at: usize) -> u32 {
    let at = nianbao::normalize::floor_boundary(text, at);
    text[..at].encode_utf16().count() as u32
}

/// Selects a byte range of the textarea's text and scrolls it into view.
pub fn select_in(ta: &web_sys::HtmlTextAreaElement, text: &str, span: (usize, usize), focus: bool) {
    let (s, e) = (utf16_offset(text, span.0), utf16_offset(text, span.1));
    if focus {
        let _ = ta.focus();
    }
    let _ = ta.set_selection_range(s, e);
    let line = text[..nianbao::normalize::floor_boundary(text, span.0)].matches('\n').count() as i32;
    ta.set_scroll_top(((line - 3).max(0)) * 20); // line-height is 20px in style.css
}

/// Scrolls the first element matching `selector` to the top of the view.
pub fn scroll_to_top(selector: &str) {
    if let Ok(Some(el)) = gloo::utils::document().query_selector(selector) {
        el.scroll_into_view_with_bool(true);
    }
}

/// Scrolls the first element matching `selector` to the middle of the view.
pub fn scroll_to(selector: &str) {
    if let Ok(Some(el)) = gloo::utils::document().query_selector(selector) {
        let opts = web_sys::ScrollIntoViewOptions::new();
        opts.set_block(web_sys::ScrollLogicalPosition::Center);
        opts.set_behavior(web_sys::ScrollBehavior::Smooth);
        el.scroll_into_view_with_scroll_into_view_options(&opts);
    }
}
