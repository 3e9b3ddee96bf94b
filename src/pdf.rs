//! PDF files by position (natively; the page loads the same reader as its own wasm module
//! when a PDF arrives, see `web::pdf`): the workspace crate `nianbao-pdf` (pdf/).

pub use nianbao_pdf::to_text;
