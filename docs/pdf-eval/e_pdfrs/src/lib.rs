//! pdf (pdf-rs) + an own walk over its typed Ops: text matrix, widths, ToUnicode, paths.
use common::{G, Out, R};
use pdf::content::{Op, TextDrawAdjusted};
use pdf::file::FileOptions;

use std::collections::HashMap;

type M = [f32; 6];
fn mul(a: &M, b: &M) -> M {
    [a[0]*b[0]+a[1]*b[2], a[0]*b[1]+a[1]*b[3], a[2]*b[0]+a[3]*b[2], a[2]*b[1]+a[3]*b[3], a[4]*b[0]+a[5]*b[2]+b[4], a[4]*b[1]+a[5]*b[3]+b[5]]
}
const ID: M = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
struct F { cid: bool, uni: Option<pdf::font::ToUnicodeMap>, w: Option<pdf::font::Widths> }

pub fn extract(b: &[u8]) -> Result<Out, String> {
    let file = FileOptions::cached().load(b.to_vec()).map_err(|e| e.to_string())?;
    let res = file.resolver();
    let mut o = Out::default();
    for (pi, page) in file.pages().enumerate() {
        let page = page.map_err(|e| e.to_string())?;
        let pg = pi as u32 + 1;
        let mut fonts: HashMap<String, F> = HashMap::new();
        if let Ok(r) = page.resources() {
            for (name, f) in r.fonts.iter() {
                if let Ok(f) = f.load(&res) {
                    let uni = f.to_unicode(&res).and_then(|x| x.ok());
                    fonts.insert(name.as_str().to_string(), F { cid: f.is_cid(), uni, w: f.widths(&res).ok().flatten() });
                }
            }
        }
        let Some(c) = page.contents.as_ref() else { continue };
        let ops = c.operations(&res).map_err(|e| e.to_string())?;
        let (mut ctm, mut tm, mut tlm) = (ID, ID, ID);
        let mut stack = vec![];
        let (mut font, mut fs, mut tc, mut tw, mut th, mut tl) = (String::new(), 0.0f32, 0.0f32, 0.0f32, 1.0f32, 0.0f32);
        let mut path: Vec<(f32, f32, f32, f32)> = vec![];
        let (mut cur, mut start) = ((0.0, 0.0), (0.0, 0.0));
        for op in ops {
            let mut show = |bytes: &[u8], tm: &mut M, o: &mut Out, font: &str, fs, tc, tw, th, ctm: &M| {
                let Some(f) = fonts.get(font) else { return };
                let step = if f.cid { 2 } else { 1 };
                for code in bytes.chunks(step) {
                    let c = if code.len() == 2 { u16::from_be_bytes([code[0], code[1]]) } else { code[0] as u16 };
                    let text = match &f.uni { Some(u) => u.get(c).unwrap_or("\u{fffd}").to_string(), None if f.cid => char::from_u32(c as u32).map(String::from).unwrap_or_default(), None => (c as u8 as char).to_string() };
                    let w0 = f.w.as_ref().map(|w| w.get(c as usize)).unwrap_or(if f.cid { 1000.0 } else { 500.0 }) / 1000.0;
                    let trm = mul(&mul(&[fs * th, 0.0, 0.0, fs, 0.0, 0.0], tm), ctm);
                    let size = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
                    let sx = (trm[0] * trm[0] + trm[1] * trm[1]).sqrt();
                    o.g.push(G { page: pg, x: trm[4], y: trm[5], size, w: w0 * sx, text });
                    let sp = if !f.cid && c == 32 { tw } else { 0.0 };
                    *tm = mul(&[1.0, 0.0, 0.0, 1.0, (w0 * fs + tc + sp) * th, 0.0], tm);
                }
            };
            match op {
                Op::Save => stack.push(ctm),
                Op::Restore => { if let Some(c) = stack.pop() { ctm = c; } }
                Op::Transform { matrix: m } => ctm = mul(&[m.a, m.b, m.c, m.d, m.e, m.f], &ctm),
                Op::BeginText => { tm = ID; tlm = ID; }
                Op::TextFont { name, size } => { font = name.as_str().to_string(); fs = size; }
                Op::CharSpacing { char_space } => tc = char_space,
                Op::WordSpacing { word_space } => tw = word_space,
                Op::TextScaling { horiz_scale } => th = horiz_scale / 100.0,
                Op::Leading { leading } => tl = leading,
                Op::MoveTextPosition { translation: p } => { tlm = mul(&[1.0, 0.0, 0.0, 1.0, p.x, p.y], &tlm); tm = tlm; }
                Op::SetTextMatrix { matrix: m } => { tlm = [m.a, m.b, m.c, m.d, m.e, m.f]; tm = tlm; }
                Op::TextNewline => { tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -tl], &tlm); tm = tlm; }
                Op::TextDraw { text } => show(text.as_bytes(), &mut tm, &mut o, &font, fs, tc, tw, th, &ctm),
                Op::TextDrawAdjusted { array } => for a in array {
                    match a {
                        TextDrawAdjusted::Text(t) => show(t.as_bytes(), &mut tm, &mut o, &font, fs, tc, tw, th, &ctm),
                        TextDrawAdjusted::Spacing(s) => tm = mul(&[1.0, 0.0, 0.0, 1.0, -s / 1000.0 * fs * th, 0.0], &tm),
                    }
                },
                Op::MoveTo { p } => { cur = (p.x, p.y); start = cur; }
                Op::LineTo { p } => { path.push((cur.0, cur.1, p.x, p.y)); cur = (p.x, p.y); }
                Op::Close => { path.push((cur.0, cur.1, start.0, start.1)); cur = start; }
                Op::Rect { rect: r } => path.push((r.x, r.y, r.x + r.width, r.y + r.height)),
                Op::Stroke | Op::Fill { .. } | Op::FillAndStroke { .. } => {
                    for (x0, y0, x1, y1) in path.drain(..) {
                        let c = &ctm;
                        o.r.push(R { page: pg, x0: x0 * c[0] + y0 * c[2] + c[4], y0: x0 * c[1] + y0 * c[3] + c[5], x1: x1 * c[0] + y1 * c[2] + c[4], y1: x1 * c[1] + y1 * c[3] + c[5] });
                    }
                }
                Op::EndPath => path.clear(),
                _ => {}
            }
        }
    }
    Ok(o)
}
#[cfg(target_arch = "wasm32")]
common::export_wasm!(extract);
