//! The PDF module's exports for the page, plain C ABI without wasm-bindgen: no JS glue to
//! load (the single-file page could not import any), no imports, nothing but numbers
//! crossing. The page makes a fresh instance for each PDF, so what one file allocates (or
//! a trap it ends in) never stays for the next; nothing here is ever freed.
//!
//! The protocol: `alloc(len)` gives a buffer in this module's memory, the page copies the
//! file into it, `to_text(ptr, len)` reads it and says 0 (text) or 1 (a one-line Chinese
//! reason); either way `out_ptr()`/`out_len()` then locate the UTF-8 result.

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

/// Reads the PDF in `ptr..ptr+len`: 0 and the text, or 1 and why not.
///
/// # Safety
/// `ptr` must come from `alloc(len)` (the page does exactly that).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn to_text(ptr: *const u8, len: usize) -> u32 {
    // SAFETY: the page passes the buffer `alloc(len)` returned, filled with the file.
    let bytes = unsafe { std::slice::from_raw_parts(ptr, len) };
    let (status, text) = match crate::to_text(bytes) {
        Ok(t) => (0, t),
        Err(e) => (1, e),
    };
    OUT.with(|o| *o.borrow_mut() = text.into_bytes());
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
