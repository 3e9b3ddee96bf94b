//! A folder dragged onto the page: browsers hand it over in `DataTransfer.files` as an
//! unreadable file, but its entry (`webkitGetAsEntry`, Chrome, Edge, Firefox, Safari) can
//! be walked: every file in it and its subfolders, named by its path (`年报/街道/甲.docx`).
//! Called through `Reflect` (the entry API is old and untyped in web-sys' stable set).

use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The drop's entries, taken while the drop event runs (they are gone after), when one of
/// them is a folder; `None` otherwise (plain files: read them as they are).
pub fn entries(dt: &web_sys::DataTransfer) -> Option<Vec<JsValue>> {
    let items = Reflect::get(dt, &"items".into()).ok()?;
    let n = Reflect::get(&items, &"length".into()).ok()?.as_f64()? as u32;
    let mut out = Vec::new();
    for i in 0..n {
        let item = Reflect::get_u32(&items, i).ok()?;
        let get: Function = Reflect::get(&item, &"webkitGetAsEntry".into()).ok()?.dyn_into().ok()?;
        let entry = get.call0(&item).ok()?;
        if !entry.is_null() && !entry.is_undefined() {
            out.push(entry);
        }
    }
    out.iter().any(|e| flag(e, "isDirectory")).then_some(out)
}

fn flag(v: &JsValue, name: &str) -> bool {
    Reflect::get(v, &name.into()).ok().and_then(|b| b.as_bool()).unwrap_or(false)
}

/// Calls `obj.method(ok, fail)` and waits for `ok`'s argument.
async fn call_back(obj: &JsValue, method: &str) -> Result<JsValue, JsValue> {
    let f: Function = Reflect::get(obj, &method.into())?.dyn_into()?;
    let obj = obj.clone();
    JsFuture::from(Promise::new(&mut |ok, fail| {
        let _ = f.call2(&obj, &ok, &fail);
    }))
    .await
}

/// Every file under the entries, with its path (no leading `/`), depth first; at most
/// `limit` files (a dropped home folder must not read forever).
pub async fn files(entries: Vec<JsValue>, limit: usize) -> Vec<(web_sys::File, String)> {
    let mut out = Vec::new();
    let mut stack: Vec<JsValue> = entries.into_iter().rev().collect();
    while let Some(e) = stack.pop() {
        if out.len() >= limit {
            break;
        }
        let path = Reflect::get(&e, &"fullPath".into()).ok().and_then(|p| p.as_string()).unwrap_or_default();
        let path = path.trim_start_matches('/').to_string();
        if flag(&e, "isFile") {
            if let Ok(file) = call_back(&e, "file").await {
                out.push((file.unchecked_into(), path));
            }
        } else if flag(&e, "isDirectory") {
            let Ok(make) = Reflect::get(&e, &"createReader".into()).and_then(|f| f.dyn_into::<Function>()) else { continue };
            let Ok(reader) = make.call0(&e) else { continue };
            // readEntries gives a folder's entries a batch at a time, until an empty one.
            let mut inside = Vec::new();
            while let Ok(batch) = call_back(&reader, "readEntries").await {
                let batch: Array = batch.unchecked_into();
                if batch.length() == 0 {
                    break;
                }
                inside.extend(batch.iter());
            }
            stack.extend(inside.into_iter().rev());
        }
    }
    out
}
