//! Sheets to an .xlsx with rust_xlsxwriter.

use crate::Sheet;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

/// The workbook's bytes. `created` (Unix seconds) is its creation time: given, not read
/// from a clock, because in the page's module there is none (see Cargo.toml).
pub fn workbook(sheets: &[Sheet], created: i64) -> Result<Vec<u8>, String> {
    write(sheets, created).map_err(|e| format!("无法生成 Excel 文件：{e}"))
}

/// The same from the sheets as JSON (`[Sheet, …]`): what the page hands its module.
pub fn workbook_json(json: &[u8], created: i64) -> Result<Vec<u8>, String> {
    let sheets: Vec<Sheet> = serde_json::from_slice(json).map_err(|e| format!("无法生成 Excel 文件：数据有误（{e}）"))?;
    workbook(&sheets, created)
}

fn write(sheets: &[Sheet], created: i64) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_timestamp(created).or_else(|_| ExcelDateTime::from_timestamp(0))?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let bold = Format::new().set_bold();
    for sheet in sheets {
        let ws = book.add_worksheet();
        ws.set_name(&sheet.name)?;
        for (c, h) in sheet.head.iter().enumerate() {
            ws.write_string_with_format(0, col(c)?, h, &bold)?;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
            for (c, v) in row.iter().enumerate() {
                match v.parse::<f64>() {
                    _ if v.is_empty() => {}
                    Ok(n) if n.is_finite() && sheet.numeric.contains(&c) => {
                        ws.write_number(r, col(c)?, n)?;
                    }
                    _ => {
                        ws.write_string(r, col(c)?, v)?;
                    }
                }
            }
        }
        for (c, &w) in sheet.widths.iter().enumerate() {
            ws.set_column_width(col(c)?, w)?;
        }
        ws.set_freeze_panes(1, 0)?;
    }
    book.save_to_buffer()
}

fn col(c: usize) -> Result<u16, XlsxError> {
    u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)
}
