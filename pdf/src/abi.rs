//! The plain C ABI of the page's lazily loaded wasm modules: this PDF reader and the .xlsx
//! writer (xlsx/src/wasm.rs includes this file), without wasm-bindgen: no JS glue to load
//! (the single-file page could not import any), no imports, nothing but numbers crossing
//! (web/src/page/module.rs calls them). The page makes a fresh instance for each use, so what
//! one use allocates (or a trap it ends in) never stays for the next; nothing is freed.
//!
//! The protocol: `alloc(len)` gives a buffer in the module's memory, the page copies its
//! input into it, then calls the module's own export with `(ptr, len, …)`, which reads the
//! buffer (`input`) and says 0 (the result) or 1 (a one-line Chinese reason) (`answer`);
//! either way `out_ptr()`/`out_len()` then locate the bytes.

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

#[unsafe(no_mangle)]
pub extern "C" fn out_ptr() -> *const u8 {
    OUT.with(|o| o.borrow().as_ptr())
}

#[unsafe(no_mangle)]
pub extern "C" fn out_len() -> usize {
    OUT.with(|o| o.borrow().len())
}

/// The bytes the page copied into the buffer at `ptr`.
///
/// # Safety
/// `ptr` must come from `alloc(len)` (the page does exactly that).
pub unsafe fn input<'a>(ptr: *const u8, len: usize) -> &'a [u8] {
    // SAFETY: the caller passes the buffer `alloc(len)` returned.
    unsafe { std::slice::from_raw_parts(ptr, len) }
}

/// Keeps the result for `out_ptr`/`out_len`: 0 and its bytes, or 1 and why not.
pub fn answer(result: Result<Vec<u8>, String>) -> u32 {
    let (status, out) = match result {
        Ok(bytes) => (0, bytes),
        Err(why) => (1, why.into_bytes()),
    };
    OUT.with(|o| *o.borrow_mut() = out);
    status
}
