//! Chinese fonts whose codes already are Unicode. A Type0 font may name a predefined CMap
//! such as `UniGB-UCS2-H` as its encoding and carry no `/ToUnicode` (reportlab's
//! STSong-Light and older Chinese tools write them so): each code is the character's
//! UCS-2 / UTF-16 value. pdfboss decodes these only through its 830 KB of Adobe CMap data
//! (the `predefined-cmaps` feature, more than the whole reader), and gives U+FFFD
//! without it. Giving such a font a `/ToUnicode` that maps every code to itself makes the
//! reader decode it the way the CMap would. Widths are then looked up as if code = CID,
//! so glyph positions inside one text run are approximate; runs keep their own origin,
//! which is what the table grid uses.

use pdfboss_core::{AsyncObjectSource, BoxFuture, Dict, Document, Immediate, Name, ObjRef, Object, Stream};

/// The document as the text reader sees it, with those fonts mended.
pub struct Mended<'a>(pub Immediate<&'a Document>);

impl AsyncObjectSource for Mended<'_> {
    fn get(&self, r: ObjRef) -> BoxFuture<'_, pdfboss_core::Result<Object>> {
        let inner = self.0.get(r);
        Box::pin(async move { inner.await.map(mend) })
    }

    fn stream_data<'a>(&'a self, s: &'a Stream) -> BoxFuture<'a, pdfboss_core::Result<Vec<u8>>> {
        self.0.stream_data(s)
    }

    fn resolve<'a>(&'a self, o: &'a Object) -> BoxFuture<'a, pdfboss_core::Result<Object>> {
        let inner = self.0.resolve(o);
        Box::pin(async move { inner.await.map(mend) })
    }
}

/// A font dictionary that names a Unicode-keyed CMap and has no `/ToUnicode`, given one;
/// anything else as it is.
fn mend(o: Object) -> Object {
    let Object::Dict(mut d) = o else { return o };
    let named = |d: &Dict, key: &str| match d.get(key) {
        Some(Object::Name(n)) => Some(n.0.clone()),
        _ => None,
    };
    let unicode_keyed = named(&d, "Encoding").is_some_and(|e| e.starts_with("Uni") && (e.contains("-UCS2-") || e.contains("-UTF16-")));
    if named(&d, "Subtype").as_deref() == Some("Type0") && unicode_keyed && d.get("ToUnicode").is_none() {
        d.insert(Name("ToUnicode".into()), Object::Stream(Stream { dict: Dict::new(), data: identity_cmap() }));
    }
    Object::Dict(d)
}

/// A ToUnicode CMap mapping each two-byte code to the same UTF-16 unit, in ranges that
/// never cross a first byte (as the format asks), surrogates left out.
fn identity_cmap() -> Vec<u8> {
    let ranges: Vec<String> =
        (0u8..=0xFF).filter(|hi| !(0xD8..=0xDF).contains(hi)).map(|hi| format!("<{hi:02X}00> <{hi:02X}FF> <{hi:02X}00>")).collect();
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
         /CMapName /nianbao-UCS2 def /CMapType 2 def\n\
         1 begincodespacerange <0000> <FFFF> endcodespacerange\n",
    );
    // At most 100 entries per section, as the CMap format requires.
    for chunk in ranges.chunks(100) {
        out.push_str(&format!("{} beginbfrange\n{}\nendbfrange\n", chunk.len(), chunk.join("\n")));
    }
    out.push_str("endcmap CMapName currentdict /CMap defineresource pop end end\n");
    out.into_bytes()
}
