//! The .xlsx module's exports for the page, plain C ABI like the PDF module's
//! (pdf/src/wasm.rs): no JS glue, no imports (the build replaces the few wasm-bindgen
//! brings, see Cargo.toml), nothing but numbers crossing. The page makes a fresh instance
//! for each export, so nothing here is ever freed.
//!
//! The protocol: `alloc(len)` gives a buffer in this module's memory, the page copies the
//! sheets into it as JSON, `to_xlsx(ptr, len, created)` writes the workbook (`created`:
//! Unix seconds, the page's clock) and says 0 (the .xlsx) or 1 (a one-line Chinese
//! reason); either way `out_ptr()`/`out_len()` then locate the result.

use std::cell::RefCell;

thread_local! {
    static OUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// A buffer of `len` bytes for the page to fill (leaked: the instance is thrown away).
#[unsafe(no_mangle)]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    let mut buf = vec![0u8; len];
    let ptr = buf.as_mut_ptr();
    std::mem::forget(buf);
    ptr
}

/// Writes the workbook of the sheets (JSON) in `ptr..ptr+len`: 0 and its bytes, or 1 and
/// why not.
///
/// # Safety
/// `ptr` must come from `alloc(len)` (the page does exactly that).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn to_xlsx(ptr: *const u8, len: usize, created: u32) -> u32 {
    // SAFETY: the page passes the buffer `alloc(len)` returned, filled with the JSON.
    let json = unsafe { std::slice::from_raw_parts(ptr, len) };
    let (status, out) = match crate::workbook_json(json, i64::from(created)) {
        Ok(b) => (0, b),
        Err(e) => (1, e.into_bytes()),
    };
    OUT.with(|o| *o.borrow_mut() = out);
    status
}

#[unsafe(no_mangle)]
pub extern "C" fn out_ptr() -> *const u8 {
    OUT.with(|o| o.borrow().as_ptr())
}

#[unsafe(no_mangle)]
pub extern "C" fn out_len() -> usize {
    OUT.with(|o| o.borrow().len())
}
