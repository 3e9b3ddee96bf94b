// Browser tests of PDFs on the page (registered by run.mjs): the page must give the same
// tables as `nianbao check` for the same file, served and from the single file, load the
// PDF module only when a PDF arrives, and say what the command line says about a PDF it
// cannot read, keeping what was typed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { root } from './serve.mjs';

const generated = process.env.NIANBAO_TEST_PDFS || path.join(root, 'target/test-pdfs');
const noUnicodeMap = process.env.NIANBAO_TEST_PDFS_CID || path.join(root, 'target/test-pdfs-cid');
const real = path.join(root, '../shared/corpus/pdf');
// PDFs kept in the repository: rows cut by page breaks, a table drawn without ruling lines.
const fixtures = path.join(root, 'tests/fixtures/pdf');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-pdf-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

// The PDFs to compare: the generated ones (scripts/make-test-pdfs) and the real ones.
function pdfFiles() {
  const list = [];
  for (const [dir, what] of [[generated, 'generated (bash scripts/make-test-pdfs --varied target/test-pdfs)'],
    [noUnicodeMap, 'no-ToUnicode (bash scripts/make-test-pdfs --varied --engine reportlab target/test-pdfs-cid)'],
    [real, 'real (../shared/corpus/pdf)'], [fixtures, 'fixtures (tests/fixtures/pdf)']]) {
    if (!fs.existsSync(dir)) {
      if (process.env.CI === 'true') throw new Error(`CI=true but the ${what} PDFs are missing: ${dir}`);
      console.log(`skipped: ${what} PDFs, ${dir} not found`);
      continue;
    }
    list.push(...fs.readdirSync(dir).filter(f => f.endsWith('.pdf')).sort().map(f => path.join(dir, f)));
  }
  return list;
}

// What `nianbao check --format json` says of each file: its report, or its one-line message.
function cli(files) {
  const r = spawnSync('cargo', ['run', '--locked', '--quiet', '--', 'check', '--format', 'json', ...files], { cwd: root, encoding: 'utf8', maxBuffer: 256 << 20 });
  if (![0, 1, 2].includes(r.status)) throw new Error(`nianbao check failed (${r.status}): ${r.stderr}`);
  const reports = JSON.parse(r.stdout).reports;
  return Object.fromEntries(files.map(f => {
    const rep = reports.find(x => x.source === f);
    const line = r.stderr.split('\n').find(l => l.startsWith(`nianbao: ${f}: `));
    if (!rep && !line) throw new Error(`nianbao check said nothing of ${f}: ${r.stderr}`);
    return [f, rep ? { report: rep } : { message: line.slice(`nianbao: ${f}: `.length) }];
  }));
}

// A report's cells named as the page names them, '' for null (blank or not certain).
function cellsOf(rep) {
  const out = {};
  const v = x => (x === null ? '' : String(x));
  for (const t of ['table2', 'table3']) for (const row of rep[t]?.rows || []) for (const [c, x] of Object.entries(row.cells)) out[`${t}.${row.key}.${c}`] = v(x);
  for (const [c, x] of Object.entries(rep.table4?.cells || {})) out[`table4.${c}`] = v(x);
  return out;
}

// Drops a file on the page as a user would (a drop event anywhere on it); `names` drops
// it under each name at once.
async function drop(page, file, names = [path.basename(file)]) {
  const b64 = fs.readFileSync(file).toString('base64');
  await page.evaluate(([b64, names]) => {
    const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
    const dt = new DataTransfer();
    for (const name of names) dt.items.add(new File([bytes], name, { type: 'application/pdf' }));
    document.querySelector('.page').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [b64, names]);
}

// After a drop: the PDF's tab (its name in the tab list, or the only document) or the
// message, within 20 s — a file that hangs the reader fails here.
async function settled(page) {
  await page.waitForFunction(() => !document.querySelector('[data-testid=pdf-reading]') &&
    (document.querySelector('[data-testid=error]') || document.querySelector('[data-testid=verdict]')), null, { timeout: 20000 });
}

export function registerPdfTests({ test, fresh, paste, brokenSeed, cells, eq, assert, storedZip, openSingleFile }) {
  const files = pdfFiles();
  const bads = bad(files);
  let want; // asked of the command line once, when the first test needs it
  const expect = f => (want ||= cli([...files, ...bads.map(b => b.file)]))[f];

  // Compares what the page shows after dropping `file` with what the command line said.
  async function sameAsCli(page, file, name) {
    const w = expect(file);
    assert(w.report, `${name}: the command line could not read it: ${w.message}`);
    const exp = cellsOf(w.report);
    sameCells(await cells(page), exp, name);
    assert(Object.values(exp).filter(v => v !== '').length >= 20, `${name}: the command line read numbers (${JSON.stringify(exp).slice(0, 80)})`);
  }

  const sample = files.find(f => f.includes('004')) || files[0];
  if (!sample) {
    console.log('skipped: every PDF test (no PDF found; bash scripts/make-test-pdfs --varied target/test-pdfs)');
    return;
  }

  test('the first screen does not load the PDF module; the first PDFs do, once', async ({ ctx, origin, served }) => {
    // Counted from here: the server's log holds every test's requests.
    const from = served.length;
    const pdfFetches = () => served.slice(from).filter(u => /nianbao-pdf-[0-9a-f]+\.wasm/.test(u)).length;
    const page = await fresh(ctx, origin);
    await page.waitForTimeout(300);
    eq(pdfFetches(), 0, 'PDF module fetched with the first screen');
    // What the first screen fetched, gzipped, stays within the 400 KB budget.
    const firstScreen = [...new Set(served.slice(from).filter(u => /\.(wasm|js|css)$/.test(u)).map(u => path.basename(u)))];
    assert(firstScreen.some(f => f.endsWith('_bg.wasm')), `the page's wasm is among ${firstScreen}`);
    const gz = firstScreen.reduce((n, f) => n + zlib.gzipSync(fs.readFileSync(path.join(root, 'dist', f)), { level: 9 }).length, 0);
    assert(gz < 400 * 1024, `first screen ${(gz / 1024).toFixed(0)} KB gz, over 400 KB`);
    assert(await page.$('meta[name=nianbao-pdf]'), 'the page names its PDF module');
    const file = sample;
    // The "正在读取 PDF…" state shows while the module loads and reads.
    await page.evaluate(() => {
      window.__sawReading = false;
      new MutationObserver(() => { if (document.querySelector('[data-testid=pdf-reading]')) window.__sawReading = true; })
        .observe(document.body, { childList: true, subtree: true });
    });
    // Two at once: both wait for the one module.
    await drop(page, file, ['a.pdf', 'b.pdf']);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=doc-tabs] button').length === 2, null, { timeout: 20000 });
    await settled(page);
    assert(await page.evaluate(() => window.__sawReading), 'the reading state was shown');
    await sameAsCli(page, file, path.basename(file));
    await drop(page, file, ['c.pdf']);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=doc-tabs] button').length === 3);
    await settled(page);
    await sameAsCli(page, file, `${path.basename(file)} (dropped again)`);
    eq(pdfFetches(), 1, 'the module is fetched once per page');
    eq(page.errors, [], 'console errors');
    await page.close();
  });

  test('a PDF inside a dropped .zip is read by the PDF module, like a dropped PDF', async ({ ctx, origin }) => {
    const zip = storedZip([
      { name: Buffer.from('年报/报告.pdf'), data: fs.readFileSync(sample), utf8: true },
      { name: Buffer.from('说明.txt'), data: Buffer.from('不是报告'), utf8: true },
    ]);
    const page = await fresh(ctx, origin);
    await page.setInputFiles('[data-testid=file-input]', [{ name: '批量.zip', mimeType: 'application/zip', buffer: zip }]);
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=doc-tabs] button')].some(b => b.textContent.includes('报告.pdf')), null, { timeout: 20000 });
    await settled(page);
    const tabs = await page.$$eval('[data-testid=doc-tabs] button', b => b.map(x => x.textContent));
    const i = tabs.findIndex(t => t.startsWith('批量.zip/年报/报告.pdf'));
    assert(i >= 0, `the PDF entry's tab: ${tabs}`);
    await page.click(`[data-testid=doc-tabs] button:nth-child(${i + 1})`);
    await sameAsCli(page, sample, '批量.zip/年报/报告.pdf');
    await page.close();
  });

  test('a PDF module the server does not have gets a message, and loses nothing typed', async ({ ctx, origin }) => {
    const page = await fresh(ctx, origin);
    await page.route('**/nianbao-pdf-*.wasm', r => r.fulfill({ status: 404, body: 'not found' }));
    await paste(page, brokenSeed());
    const before = await page.inputValue('[data-testid=report-input]');
    await drop(page, sample);
    await page.waitForSelector('[data-testid=error]', { timeout: 20000 });
    const msg = await page.textContent('[data-testid=error]');
    assert(msg.includes('无法加载 PDF 读取模块') && msg.includes('404'), `message: ${msg}`);
    eq(await page.inputValue('[data-testid=report-input]'), before, 'text kept');
    assert(!(await page.$('[data-testid=pdf-reading]')), 'no reading state left');
    // Once the server has it, the next PDF loads it: a failure is not remembered.
    await page.unroute('**/nianbao-pdf-*.wasm');
    await drop(page, sample);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=doc-tabs] button').length === 2, null, { timeout: 20000 });
    await settled(page);
    await sameAsCli(page, sample, 'after a failed load');
    await page.close();
  });

  test('重新开始 while a PDF is being read: the page stays empty, with nothing left reading', async ({ ctx, origin }) => {
    // The reset lands in the same task as the drop, before the file is even read: the PDF
    // may still be shown (the reset came first), but nothing may be left reading.
    const first = await fresh(ctx, origin);
    await first.evaluate(b64 => {
      const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'a.pdf', { type: 'application/pdf' }));
      document.querySelector('.page').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      document.querySelector('[data-testid=reset]').click();
    }, fs.readFileSync(sample).toString('base64'));
    await first.waitForTimeout(1500);
    assert(!(await first.$('[data-testid=pdf-reading]')), 'no reading state left (reset before the read)');
    await first.close();
    // The reset lands while the module loads (held back a second): the PDF is not shown.
    const page = await fresh(ctx, origin);
    await page.route('**/nianbao-pdf-*.wasm', async r => { await new Promise(ok => setTimeout(ok, 1000)); await r.continue(); });
    await drop(page, sample);
    await page.waitForSelector('[data-testid=pdf-reading]');
    await page.click('[data-testid=reset]');
    await page.waitForTimeout(2000);
    assert(!(await page.$('[data-testid=pdf-reading]')), 'no reading state left');
    assert(!(await page.$('[data-testid=verdict]')), 'no report after the reset');
    eq(await page.inputValue('[data-testid=report-input]'), '', 'box empty');
    // The page still reads the next PDF.
    await drop(page, sample);
    await settled(page);
    await sameAsCli(page, sample, 'after a reset');
    await page.close();
  });

  for (const file of files) {
    const name = path.relative(path.join(root, '..'), file);
    test(`a dropped PDF gives the command line's tables: ${name}`, async ({ ctx, origin }) => {
      const page = await fresh(ctx, origin);
      await drop(page, file);
      await settled(page);
      await sameAsCli(page, file, name);
      // The tab holds the PDF's text, rows exact as a .html file's: the whole JSON agrees.
      const [dj] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-json]')]);
      const doc = JSON.parse(fs.readFileSync(await dj.path(), 'utf8'));
      const strip = r => JSON.stringify({ ...r, source: null });
      eq(strip(doc.reports[0]), strip(expect(file).report), `${name}: the downloaded JSON`);
      eq(page.errors, [], 'console errors');
      await page.close();
    });
  }

  for (const b of bads) {
    test(`a bad PDF (${b.what}) gets the command line's answer and loses nothing typed`, async ({ ctx, origin }) => {
      const page = await fresh(ctx, origin);
      await paste(page, brokenSeed());
      const before = await page.inputValue('[data-testid=report-input]');
      await drop(page, b.file);
      const w = expect(b.file);
      if (w.message) {
        if (b.says) assert(w.message.includes(b.says), `the command line's message: ${w.message}`);
        await page.waitForSelector('[data-testid=error]', { timeout: 20000 });
        const msg = await page.textContent('[data-testid=error]');
        assert(msg.includes(path.basename(b.file)) && msg.includes(w.message), `page says "${msg}", the command line "${w.message}"`);
        eq(await page.inputValue('[data-testid=report-input]'), before, 'text kept');
        eq(await page.textContent('[data-cell="table3.total.natural_person"]'), '5', 'its results kept');
      } else {
        // Read in part: a tab of its own, the pasted report kept in the first.
        await page.waitForFunction(() => document.querySelectorAll('[data-testid=doc-tabs] button').length === 2, null, { timeout: 20000 });
        await settled(page);
        sameCells(await cells(page), cellsOf(w.report), b.what);
        await page.click('[data-testid=doc-tabs] button:nth-child(1)');
        await page.waitForFunction(t => document.querySelector('[data-testid=report-input]').value === t, before);
      }
      const t0 = Date.now();
      await page.evaluate(() => 1);
      assert(Date.now() - t0 < 1000, 'the page answers');
      assert(!(await page.$('[data-testid=pdf-reading]')), 'no reading state left');
      eq(page.errors, [], 'console errors');
      await page.close();
    });
  }

  // Fonts with no Unicode map give glyph numbers for text: one finding says so, and no
  // section is said missing (tests/cli.rs gives the command line the same file).
  test('a PDF whose fonts map no glyph to Unicode: the text is said not Chinese, nothing missing', async ({ ctx, origin }) => {
    const page = await fresh(ctx, origin);
    await drop(page, path.join(root, 'tests/fixtures/pdf-unreadable/lo-no-unicode-map.pdf'));
    await settled(page);
    const codes = await page.$$eval('[data-testid=findings] [data-code]', e => e.map(x => x.dataset.code));
    eq(codes, ['text-not-chinese'], 'findings');
    eq(page.errors, [], 'console errors');
    await page.close();
  });

  test('the single file nianbao.html reads a PDF from file://, with nothing else loaded', async ({ browser }) => {
    const file = sample;
    const { c, page, errors, foreign } = await openSingleFile(browser);
    await drop(page, file);
    await settled(page);
    await sameAsCli(page, file, `nianbao.html ${path.basename(file)}`);
    eq(errors, [], 'no errors (a CSP violation would show here)');
    eq(foreign(), [], 'nothing but the file is loaded');
    const csp = await page.getAttribute('meta[http-equiv=Content-Security-Policy]', 'content');
    assert(csp.includes("connect-src 'none'") && !csp.includes('unsafe-inline'), `CSP: ${csp}`);
    await c.close();
  });
}

// Files the reader cannot read (or reads only in part): the page must say what the
// command line says, keep the typed text, and stay responsive.
function bad(files) {
  const list = [];
  const put = (name, bytes) => { const f = path.join(tmp, name); fs.writeFileSync(f, bytes); return f; };
  list.push({ what: 'scanned (no text layer)', file: put('scanned.pdf', emptyPdf()), says: '没有文字层' });
  list.push({ what: 'broken', file: put('broken.pdf', Buffer.from('%PDF-1.4\n\x00\x01\x02garbage', 'latin1')), says: '损坏' });
  const source = files.find(f => f.includes('004')) || files[0];
  if (source) {
    const bytes = fs.readFileSync(source);
    list.push({ what: 'cut to its first 3 KB', file: put('cut-head.pdf', bytes.subarray(0, 3000)), says: 'PDF' });
    list.push({ what: 'cut in half', file: put('cut-half.pdf', bytes.subarray(0, bytes.length >> 1)), says: null });
    const enc = path.join(tmp, 'encrypted.pdf');
    const q = spawnSync('qpdf', ['--encrypt', 'secret', 'owner', '256', '--', source, enc]);
    if (q.status === 0) list.push({ what: 'password-protected', file: enc, says: '密码' });
    else if (process.env.CI === 'true') throw new Error('CI=true but qpdf is missing (scripts/test installs it)');
    else console.log('skipped: the password-protected PDF (qpdf not installed; apt-get install qpdf)');
  }
  return list;
}

// Every cell the page shows is one the command line gives, with the same value, and back.
function sameCells(got, exp, name) {
  const keys = o => JSON.stringify(Object.keys(o).sort());
  if (keys(got) !== keys(exp)) throw new Error(`${name}: the page shows other cells than the command line gives`);
  for (const k of Object.keys(exp)) {
    if (got[k] !== exp[k]) throw new Error(`${name} ${k}: page ${JSON.stringify(got[k])}, command line ${JSON.stringify(exp[k])}`);
  }
}

// A PDF with one empty page (no text layer): tests/cli.rs's `empty_pdf`.
function emptyPdf() {
  const objs = ['<</Type/Catalog/Pages 2 0 R>>', '<</Type/Pages/Kids[3 0 R]/Count 1>>', '<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>'];
  let pdf = '%PDF-1.4\n';
  const offsets = objs.map((o, i) => { const at = pdf.length; pdf += `${i + 1} 0 obj${o}endobj\n`; return at; });
  const xref = pdf.length;
  pdf += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n` + offsets.map(o => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer<</Size ${objs.length + 1}/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
