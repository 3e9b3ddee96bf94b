//! XML as a stream of tags and text, for the parts of a Word file: machine-written,
//! well-formed XML without a DTD. Written here rather than taken from quick-xml because
//! the page pays for every byte: with quick-xml the page's wasm was 10 KB gz larger
//! (gzip -9: 301 973 against 291 654 bytes, 2026-11-25). Malformed input (unclosed or
//! crossed tags, a cut file) is an error, never a guess.

/// One step of the stream. Names are local (the `w:` prefix dropped).
#[derive(Debug, PartialEq)]
pub enum Event<'a> {
    /// An opening tag (`empty` for `<x/>`, which has no end event) and its raw attributes.
    Start {
        name: &'a str,
        attrs: &'a str,
        empty: bool,
    },
    End {
        name: &'a str,
    },
    /// Text with its entities decoded (CDATA as it is).
    Text(String),
}

#[derive(Debug)]
pub struct Malformed;

pub struct Reader<'a> {
    s: &'a str,
    at: usize,
    /// Open elements, to refuse crossed or unclosed tags.
    open: Vec<&'a str>,
}

fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// The value of the attribute whose local name is `key`, entities decoded.
pub fn attr(attrs: &str, key: &str) -> Option<String> {
    let mut rest = attrs;
    while let Some(eq) = rest.find('=') {
        let name = rest[..eq].trim();
        let after = rest[eq + 1..].trim_start();
        let quote = after.chars().next().filter(|q| *q == '"' || *q == '\'')?;
        let end = after[1..].find(quote)? + 1;
        if local(name) == key {
            return Some(crate::html::decode_entities(&after[1..end]));
        }
        rest = &after[end + 1..];
    }
    None
}

impl<'a> Reader<'a> {
    pub fn new(s: &'a str) -> Reader<'a> {
        Reader { s, at: 0, open: Vec::new() }
    }

    /// The text from `at` to the next `end`, and past it; `Malformed` if it never comes.
    fn until(&mut self, end: &str) -> Result<&'a str, Malformed> {
        let rest = &self.s[self.at..];
        let i = rest.find(end).ok_or(Malformed)?;
        self.at += i + end.len();
        Ok(&rest[..i])
    }

    /// The next event, `None` at a clean end.
    pub fn event(&mut self) -> Result<Option<Event<'a>>, Malformed> {
        loop {
            let rest = &self.s[self.at..];
            if rest.is_empty() {
                return if self.open.is_empty() { Ok(None) } else { Err(Malformed) };
            }
            if !rest.starts_with('<') {
                let text = self.until_or_end('<');
                return Ok(Some(Event::Text(crate::html::decode_entities(text))));
            }
            if rest.starts_with("<?") {
                self.until("?>")?;
            } else if rest.starts_with("<!--") {
                self.until("-->")?;
            } else if rest.starts_with("<![CDATA[") {
                self.at += 9;
                return Ok(Some(Event::Text(self.until("]]>")?.to_string())));
            } else if rest.starts_with("<!") {
                self.until(">")?;
            } else if let Some(close) = rest.strip_prefix("</") {
                let i = close.find('>').ok_or(Malformed)?;
                let name = close[..i].trim();
                if self.open.pop() != Some(name) {
                    return Err(Malformed);
                }
                self.at += 2 + i + 1;
                return Ok(Some(Event::End { name: local(name) }));
            } else {
                // A tag ends at the first '>' outside quotes (a value may hold one).
                let mut quote = None;
                let i = rest
                    .char_indices()
                    .skip(1)
                    .find(|&(_, c)| match quote {
                        Some(q) if c == q => {
                            quote = None;
                            false
                        }
                        Some(_) => false,
                        None if c == '"' || c == '\'' => {
                            quote = Some(c);
                            false
                        }
                        None => c == '>',
                    })
                    .ok_or(Malformed)?
                    .0;
                let inner = &rest[1..i];
                let (inner, empty) = match inner.strip_suffix('/') {
                    Some(x) => (x, true),
                    None => (inner, false),
                };
                let split = inner.find(|c: char| c.is_whitespace()).unwrap_or(inner.len());
                let (name, attrs) = (&inner[..split], &inner[split..]);
                if name.is_empty() {
                    return Err(Malformed);
                }
                if !empty {
                    self.open.push(name);
                }
                self.at += i + 1;
                return Ok(Some(Event::Start { name: local(name), attrs, empty }));
            }
        }
    }

    fn until_or_end(&mut self, c: char) -> &'a str {
        let rest = &self.s[self.at..];
        let i = rest.find(c).unwrap_or(rest.len());
        self.at += i;
        &rest[..i]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(s: &str) -> Result<Vec<Event<'_>>, Malformed> {
        let mut r = Reader::new(s);
        let mut v = Vec::new();
        while let Some(e) = r.event()? {
            v.push(e);
        }
        Ok(v)
    }

    #[test]
    fn tags_text_and_entities() {
        let v = all(
            r#"<?xml version="1.0"?><!-- c --><w:p a="x>y"><w:t xml:space='preserve'>a &amp; &#x4e00;</w:t><w:br/><![CDATA[<b>]]></w:p>"#,
        )
        .unwrap();
        assert_eq!(
            v,
            [
                Event::Start { name: "p", attrs: r#" a="x>y""#, empty: false },
                Event::Start { name: "t", attrs: " xml:space='preserve'", empty: false },
                Event::Text("a & 一".into()),
                Event::End { name: "t" },
                Event::Start { name: "br", attrs: "", empty: true },
                Event::Text("<b>".into()),
                Event::End { name: "p" },
            ]
        );
        assert_eq!(attr(r#" w:val="restart" w:x='2'"#, "x").as_deref(), Some("2"));
        assert_eq!(attr(r#" w:val="a&amp;b""#, "val").as_deref(), Some("a&b"));
        assert_eq!(attr(" w:val", "val"), None);
    }

    #[test]
    fn malformed_is_an_error() {
        for bad in ["<a><b></a></b>", "<a>", "<a", "</a>", "<a><!-- x", "< >", "<a x=\"1></a>"] {
            assert!(all(bad).is_err(), "{bad}");
        }
    }
}
