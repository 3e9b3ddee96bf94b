//! The .xlsx module's export for the page, over the PDF module's plain C ABI (no JS glue,
//! no imports: the build replaces the few wasm-bindgen brings, see Cargo.toml; the
//! protocol: pdf/src/abi.rs): `to_xlsx(ptr, len, created)` writes the workbook of the
//! sheets the page copied in as JSON (`created`: Unix seconds, the page's clock) and
//! answers its bytes, or why not.

#[path = "../../pdf/src/abi.rs"]
mod abi;

/// Writes the workbook of the sheets (JSON) in `ptr..ptr+len`: 0 and its bytes, or 1 and
/// why not.
///
/// # Safety
/// `ptr` must come from `alloc(len)` (the page does exactly that).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn to_xlsx(ptr: *const u8, len: usize, created: u32) -> u32 {
    // SAFETY: the page passes the buffer `alloc(len)` returned, filled with the JSON.
    let json = unsafe { abi::input(ptr, len) };
    abi::answer(crate::workbook_json(json, i64::from(created)))
}
