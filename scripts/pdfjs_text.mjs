// What Firefox's PDF viewer (PDF.js) puts on the clipboard after Ctrl+A, Ctrl+C: the text
// a reviewer pastes from Firefox. Called by scripts/make_test_pdfs.py; by hand:
//
//     node scripts/pdfjs_text.mjs REPORT.pdf > REPORT.pdfjs.txt
//
// What it mimics (pdfjs-dist 6.5.438, web/pdf_viewer.mjs): Ctrl+A in the viewer selects the
// whole document, hidden `#hiddenCopyElement` included, so the viewer's copy handler
// (`PDFViewer.#copyCallback`) does not copy the text layer's DOM selection; it calls
// `PDFViewer.getAllText()` and writes that to the clipboard:
//   - per page, `page.getTextContent()` with its defaults (no marked content; the worker
//     normalises each run with `normalizeUnicode`, e.g. Kangxi radicals to CJK, and itself
//     inserts " " items between glyph runs it finds separated, with `hasEOL` on the item
//     that ends a line);
//   - each item's `str` appended as is, then "\n" when the item has `hasEOL`; no other
//     separator, no trimming, no normalisation on copy (that is only the text layer's own
//     copy handler, for a partial selection: `normalizeUnicode(selection.toString())`);
//   - `removeNullCharacters` on each page's text; pages joined by "\n".
// The document is opened as the viewer opens it: with packed CMaps (`cMapUrl`, `cMapPacked`,
// without them a CID font keyed by UniGB-UCS2-H reads as nothing) and the standard fonts.
import { createRequire } from "node:module";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

// pdfjs-dist 6.5 asks for Node 22.13; on Node 20 (this machine's) only this is missing.
Promise.withResolvers ??= function () {
  let resolve, reject;
  const promise = new Promise((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};

const require = createRequire(import.meta.url);
const dist = path.dirname(require.resolve("pdfjs-dist/package.json"));
const pdfjs = await import(pathToFileURL(path.join(dist, "legacy/build/pdf.mjs")).href);

const file = process.argv[2];
if (!file) {
  console.error("用法：node scripts/pdfjs_text.mjs 报告.pdf > 报告.pdfjs.txt");
  process.exit(2);
}

// As `removeNullCharacters(str)` in pdf.js's web/ui_utils.js without `replaceInvisible`,
// which is how getAllText calls it: NULs dropped, nothing else changed.
function removeNullCharacters(str) {
  return str.replaceAll("\x00", "");
}

const task = pdfjs.getDocument({
  data: new Uint8Array(await readFile(file)),
  cMapUrl: path.join(dist, "cmaps") + path.sep,
  cMapPacked: true,
  standardFontDataUrl: path.join(dist, "standard_fonts") + path.sep,
  useSystemFonts: false,
  verbosity: 0,
});
const doc = await task.promise;

const texts = [];
for (let n = 1; n <= doc.numPages; n++) {
  const page = await doc.getPage(n);
  const { items } = await page.getTextContent();
  const buffer = [];
  for (const item of items) {
    if (item.str) buffer.push(item.str);
    if (item.hasEOL) buffer.push("\n");
  }
  texts.push(removeNullCharacters(buffer.join("")));
}
await task.destroy();
process.stdout.write(texts.join("\n"));
