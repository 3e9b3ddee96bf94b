//! The batch's workbook (.xlsx): sheets of text and numbers with a bold, frozen header row
//! and column widths, written by rust_xlsxwriter. What goes in it is `nianbao`'s
//! (`output::batch_sheets`); this crate only writes it.
//!
//! Two builds: natively a library (the tests; `writer`), and for the page a wasm module of
//! its own (`wasm.rs`), loaded on the first Excel export, because the writer (with the zip
//! crate and its compressors) is about 270 KB gzipped, most of the first screen's budget.
//! Without `writer` this is only [`Sheet`], which the page fills and hands the module as
//! JSON.

use serde::{Deserialize, Serialize};

/// One worksheet.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Sheet {
    /// At most 31 characters, none of `[]:*?/\` (Excel's rule; refused otherwise).
    pub name: String,
    /// The header row: bold, and frozen above the rows when scrolling.
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Columns (from 0) holding numbers: a cell there that reads as a finite number is
    /// written as one; anything else (未能识别, blank) stays text.
    pub numeric: Vec<usize>,
    /// Column widths in characters (Excel's unit), from the first column.
    pub widths: Vec<u16>,
}

#[cfg(feature = "writer")]
mod write;
#[cfg(feature = "writer")]
pub use write::{workbook, workbook_json};

#[cfg(all(feature = "writer", target_arch = "wasm32"))]
mod wasm;
