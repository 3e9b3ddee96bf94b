use common::{G, Out, R};
use pdfboss_text::ReadingOrder;
pub fn extract(b: &[u8]) -> Result<Out, String> {
    let doc = pdfboss_core::Document::load(b.to_vec()).map_err(|e| e.to_string())?;
    let mut o = Out::default();
    for i in 0..doc.page_count() {
        let page = doc.page(i).map_err(|e| e.to_string())?;
        let (spans, rulings, _rep) = pdfboss_text::extract_spans_and_rulings_reporting(&doc, &page, ReadingOrder::Content).map_err(|e| e.to_string())?;
        let pg = i as u32 + 1;
        for s in spans {
            // one G per char when glyph_x is present (CJK), else per span
            if s.glyph_x.len() == s.text.chars().count() && !s.glyph_x.is_empty() {
                let n = s.glyph_x.len();
                for (k, c) in s.text.chars().enumerate() {
                    let x = s.glyph_x[k];
                    let nx = if k + 1 < n { s.glyph_x[k + 1] } else { s.end_x };
                    o.g.push(G { page: pg, x, y: s.y, size: s.size, w: nx - x, text: c.to_string() });
                }
            } else {
                o.g.push(G { page: pg, x: s.x, y: s.y, size: s.size, w: s.end_x - s.x, text: s.text });
            }
        }
        for r in rulings {
            o.r.push(R { page: pg, x0: r.start.x, y0: r.start.y, x1: r.end.x, y1: r.end.y });
        }
    }
    Ok(o)
}
#[cfg(target_arch = "wasm32")]
common::export_wasm!(extract);
