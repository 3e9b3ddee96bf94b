#!/usr/bin/env python3
"""What Chrome's and Edge's PDF viewer (PDFium) copies after Ctrl+A, Ctrl+C: the text a
reviewer pastes from Chrome or Edge. Called by scripts/make_test_pdfs.py (`pdfium_text`); by
hand, in the venv scripts/make-test-pdfs makes (pypdfium2 pinned there):

    target/pdf-venv/bin/python scripts/pdfium_text.py REPORT.pdf > REPORT.pdfium.txt

What it mimics (Chromium's pdf/pdfium/pdfium_engine.cc and pdfium_range.cc):
  - `PDFiumEngine::SelectAll` selects each page's whole text, `PDFiumRange(page, 0,
    FPDFText_CountChars)`;
  - `PDFiumRange::GetText` takes `FPDFText_GetText` over that range (here pypdfium2's
    `PdfTextPage.get_text_range()`: the same call, trimmed of leading/trailing excluded chars
    as PDFium itself trims them), keeps the characters whose box meets the page's crop box
    (`IsCharInPageBounds`, a box given a minimum size), and drops U+200B and U+FFFE (PDFium's
    soft-hyphen marker);
  - `PDFiumEngine::GetSelectedText` joins the pages by "\\n" ("\\r\\n" on Windows), then
    `FormatStringWithHyphens` (a space before "\\r\\n" removed) and `FormatStringForOS` (on
    Linux and macOS every "\\r" removed; Windows keeps PDFium's "\\r\\n"). This writes the Linux
    form: the same lines as on Windows, with "\\n" line ends.
"""
import sys

import pypdfium2 as pdfium
import pypdfium2.raw  # noqa: F401 (pdfium.raw)


def page_text(page):
    tp = page.get_textpage()
    n = tp.count_chars()
    if n <= 0:
        return ""
    text = tp.get_text_range(0, n)
    # PDFium may trim chars at the front (crbug.com/pdfium/1139); Chrome finds how many so
    # the bounds test below looks at the right char index.
    trimmed, offset = n - len(text), 0
    while trimmed > 0 and pdfium.raw.FPDFText_GetTextIndexFromCharIndex(tp, offset) < 0:
        trimmed -= 1
        offset += 1
    l, b, r, t = page.get_cropbox()
    kept = []
    for i, ch in enumerate(text):
        x0, y0, x1, y1 = tp.get_charbox(offset + i)
        if x1 <= x0:
            x1 = x0 + 0.0001
        if y1 <= y0:
            y1 = y0 + 0.0001
        if x0 < r and l < x1 and y0 < t and b < y1:
            kept.append(ch)
    return "".join(c for c in kept if c not in "\u200b\ufffe")


def copy_all(path):
    pdf = pdfium.PdfDocument(path)
    try:
        text = "\n".join(page_text(pdf[i]) for i in range(len(pdf)))
    finally:
        pdf.close()
    return text.replace(" \r\n", "\r\n").replace("\r", "")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("用法：python scripts/pdfium_text.py 报告.pdf > 报告.pdfium.txt")
    sys.stdout.write(copy_all(sys.argv[1]))
