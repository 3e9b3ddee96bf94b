//! HTML (a web page saved, or what a browser puts on the clipboard) to text that keeps the
//! table structure: one line per `<tr>`, cells separated by tabs, blocks on their own
//! lines. Each `<td>` is one cell whatever its colspan: real pages use colspan for layout
//! (a single number spread over two grid columns), so a span says nothing about counts.

use tl::{Node, NodeHandle, Parser};

pub fn to_text(html: &str) -> String {
    let html = strip_word_conditionals(html);
    let Ok(dom) = tl::parse(&html, tl::ParserOptions::default()) else {
        return strip_tags_fallback(&html);
    };
    let mut w = Writer { out: String::new(), in_cell: 0, row_cells: 0 };
    w.walk(dom.children(), dom.parser());
    tidy(&w.out)
}

struct Writer {
    out: String,
    in_cell: usize,
    row_cells: usize,
}

const BLOCKS: &[&str] =
    &["p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "table", "section", "article", "title", "ul", "ol", "blockquote", "pre"];

/// A step of the walk: a node to enter, or a tag to close once its children are written.
enum Step {
    Enter(NodeHandle),
    Exit { name: String, block: bool, start: usize },
}

impl Writer {
    /// Writes the nodes in document order. The walk keeps its own stack: a page of 100 000
    /// nested tags costs memory, never the call stack (which would abort the process).
    fn walk(&mut self, top: &[NodeHandle], p: &Parser) {
        let mut stack: Vec<Step> = top.iter().rev().map(|h| Step::Enter(*h)).collect();
        while let Some(step) = stack.pop() {
            match step {
                Step::Enter(h) => {
                    let Some(Node::Tag(tag)) = h.get(p) else {
                        self.leaf(h, p);
                        continue;
                    };
                    let name = tag.name().as_utf8_str().to_ascii_lowercase();
                    if matches!(name.as_str(), "script" | "style" | "head" | "noscript") {
                        continue;
                    }
                    let block = BLOCKS.contains(&name.as_str());
                    self.open(&name, block);
                    stack.push(Step::Exit { name, block, start: self.out.len() });
                    let at = stack.len();
                    stack.extend(tag.children().top().iter().map(|c| Step::Enter(*c)));
                    stack[at..].reverse();
                }
                Step::Exit { name, block, start } => self.close(&name, block, start),
            }
        }
    }

    fn leaf(&mut self, h: NodeHandle, p: &Parser) {
        if let Some(Node::Raw(b)) = h.get(p) {
            let t = decode_entities(&b.as_utf8_str());
            // Source line breaks are only white space in HTML.
            let t: String = t.chars().map(|c| if c.is_whitespace() && c != '\u{a0}' { ' ' } else { c }).collect();
            self.out.push_str(&t);
        }
    }

    fn open(&mut self, name: &str, block: bool) {
        match name {
            "tr" => {
                self.out.push('\n');
                self.row_cells = 0;
            }
            "td" | "th" => {
                if self.row_cells > 0 {
                    self.out.push('\t');
                }
                self.row_cells += 1;
                self.in_cell += 1;
            }
            _ if block => self.out.push(if self.in_cell > 0 { ' ' } else { '\n' }),
            _ => {}
        }
    }

    fn close(&mut self, name: &str, block: bool, start: usize) {
        match name {
            "td" | "th" => {
                self.in_cell -= 1;
                // Cell text must not break the row's line.
                let cell: String = self.out[start..].replace(['\t', '\n'], " ");
                self.out.truncate(start);
                self.out.push_str(cell.trim());
            }
            "tr" | "table" => self.out.push('\n'),
            _ if block && self.in_cell == 0 => self.out.push('\n'),
            _ => {}
        }
    }
}

/// Word's clipboard HTML wraps real content in `<![if !supportMisalignedColumns]>…<![endif]>`;
/// the parser would take the marker for a declaration and lose the rest of the row. The
/// markers go, their content stays.
fn strip_word_conditionals(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(p) = rest.find("<![") {
        out.push_str(&rest[..p]);
        match rest[p..].find("]>") {
            Some(e) if e < 200 && !rest[p..].starts_with("<![CDATA[") => rest = &rest[p + e + 2..],
            _ => {
                out.push_str("<![");
                rest = &rest[p + 3..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Collapse runs of blank lines and the spaces around line ends.
pub(crate) fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = 0;
    for line in s.split('\n') {
        let l = line.trim_matches(|c: char| c == ' ' || c == '\u{a0}');
        if l.trim().is_empty() && !l.contains('\t') {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(l);
        out.push('\n');
    }
    out
}

fn strip_tags_fallback(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    decode_entities(&out)
}

pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest[..crate::normalize::floor_boundary(rest, 12)].find(';');
        let rep = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "nbsp" | "ensp" | "emsp" => Some('\u{a0}'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "ldquo" => Some('“'),
                "rdquo" => Some('”'),
                "mdash" => Some('—'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e + 1))
        });
        match rep {
            Some((c, n)) => {
                out.push(c);
                rest = &rest[n..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether a text looks like HTML markup rather than a report that mentions a tag.
pub fn looks_like_html(s: &str) -> bool {
    let head: String = s.chars().take(4000).collect::<String>().to_ascii_lowercase();
    ["<table", "<p>", "<p ", "<div", "<html", "<tr", "<td", "<body", "<br"].iter().filter(|t| head.contains(*t)).count() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_rows_become_tab_lines() {
        let t = to_text("<p>一、总体情况</p><table><tr><td colspan=3><p>规章</p></td><td colspan=2>1</td><td>&nbsp;</td></tr></table>");
        assert!(t.contains("一、总体情况\n"), "{t:?}");
        assert!(t.contains("规章\t1\t\n"), "{t:?}");
    }

    #[test]
    fn word_conditional_markers_keep_their_content() {
        let t = to_text(
            "<table><tr><td>规章</td><td>12</td><td><p><![if !supportMisalignedColumns]>0<![endif]></p></td><td><span>3<o:p></o:p></span></td></tr></table>",
        );
        assert!(t.contains("规章\t12\t0\t3"), "{t:?}");
    }

    #[test]
    fn deep_nesting_costs_no_stack() {
        // Recursion on depth overflowed the stack at ~50 000 (an abort: the whole batch
        // was lost). A test thread's stack is small, so a regression fails here.
        let deep = format!("<table><tr><td>{}7{}</td><td>8</td></tr></table>", "<div>".repeat(100_000), "</div>".repeat(100_000));
        assert_eq!(to_text(&deep).trim(), "7\t8");
        assert!(to_text(&"<b>".repeat(200_000)).trim().is_empty());
    }

    #[test]
    fn entities() {
        assert_eq!(decode_entities("a&lt;b&gt;&#20013;&amp;&#x6587;&bogus"), "a<b>中&文&bogus");
    }
}
