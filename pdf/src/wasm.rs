//! The PDF module's export for the page (the protocol: `abi`): `to_text(ptr, len)` reads
//! the PDF the page copied in and answers its text, or why not.

#[path = "abi.rs"]
mod abi;

/// Reads the PDF in `ptr..ptr+len`: 0 and the text, or 1 and why not.
///
/// # Safety
/// `ptr` must come from `alloc(len)` (the page does exactly that).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn to_text(ptr: *const u8, len: usize) -> u32 {
    // SAFETY: the page passes the buffer `alloc(len)` returned, filled with the file.
    let bytes = unsafe { abi::input(ptr, len) };
    abi::answer(crate::to_text(bytes).map(String::into_bytes))
}
