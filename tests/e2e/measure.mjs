// Budgets of the built page (see scripts/measure-web). Prints a table; never fails on a
// number (budgets are read by people, not asserted in tests).
import { chromium } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs'; import path from 'node:path'; import zlib from 'node:zlib';
import { serve, root, dist, CHROMIUM } from './serve.mjs';
const median = a => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

// The first screen is everything but the modules loaded when first needed: the PDF reader
// (a PDF dropped) and the .xlsx writer (the first Excel export).
const gz = f => zlib.gzipSync(fs.readFileSync(path.join(dist, f)), { level: 9 }).length;
const isModule = f => /^nianbao-(pdf|xlsx)-.*\.wasm$/.test(f);
let total = 0;
const sizes = fs.readdirSync(dist).filter(f => /\.(wasm|js|css)$/.test(f) && !isModule(f)).map(f => {
  total += gz(f);
  return `${f} ${(gz(f) / 1024).toFixed(1)} KB`;
});
console.log(`first screen (wasm + JS + CSS, gzip -9): ${(total / 1024).toFixed(1)} KB  [${sizes.join(', ')}]`);
for (const [what, when] of [['pdf', 'the first PDF'], ['xlsx', 'the first Excel export']]) {
  const m = fs.readdirSync(dist).find(f => f.startsWith(`nianbao-${what}-`) && f.endsWith('.wasm'));
  console.log(`${what} module (loaded on ${when}, gzip -9): ${m} ${(gz(m) / 1024).toFixed(1)} KB (${(fs.statSync(path.join(dist, m)).size / 1024).toFixed(0)} KB raw)`);
}

const { server, url } = await serve();
const browser = await chromium.launch(CHROMIUM);
const report = fs.readFileSync(path.join(root, 'tests/fixtures/seeds/003_790b0b6d2a207a20.txt'), 'utf8');

const firsts = [];
for (let i = 0; i < 7; i++) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(url);
  // As soon as the box exists: paste, then wait for the result; performance.now() counts
  // from navigation start.
  await page.waitForSelector('[data-testid=report-input]');
  firsts.push(await page.evaluate(async text => {
    const ta = document.querySelector('[data-testid=report-input]');
    ta.value = text;
    ta.dispatchEvent(new InputEvent('input', { bubbles: true }));
    while (!document.querySelector('[data-testid=verdict]')) await new Promise(r => setTimeout(r, 1));
    return performance.now();
  }, report));
  await ctx.close();
}
// PDFs: a fresh page per run; drop the PDF, wait for its tables. The page leaves what
// loading (fetch + compile + instantiate) and reading took on <html>; a second PDF on the
// same page only instantiates the compiled module.
const pdf = [path.join(root, '../shared/corpus/pdf/huaian-city-2024.pdf'), path.join(root, 'target/test-pdfs/004_875541e45b987938-varied.pdf')].find(f => fs.existsSync(f));
if (pdf) {
  const b64 = fs.readFileSync(pdf).toString('base64');
  const runs = [];
  for (let i = 0; i < 7; i++) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(url);
    await page.waitForSelector('[data-testid=report-input]');
    runs.push(await page.evaluate(async b64 => {
      const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
      // Done when its tab is there (the first is the only document: no tab list yet).
      const one = async (name, tabs) => {
        const t0 = performance.now();
        const dt = new DataTransfer();
        dt.items.add(new File([bytes], name, { type: 'application/pdf' }));
        document.querySelector('.page').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
        while (!document.querySelector('[data-testid=verdict]') || document.querySelector('[data-testid=pdf-reading]') || document.querySelectorAll('[data-testid=doc-tabs] button').length < tabs) await new Promise(r => setTimeout(r, 1));
        const d = document.documentElement.dataset;
        return { load: +d.pdfLoadMs, read: +d.pdfReadMs, all: performance.now() - t0 };
      };
      return { first: await one('a.pdf', 0), second: await one('b.pdf', 2) };
    }, b64));
    await ctx.close();
  }
  const m = (k, f) => median(runs.map(r => r[k][f])).toFixed(0);
  console.log(`PDF ${path.basename(pdf)} (${(fs.statSync(pdf).size / 1024).toFixed(0)} KB), medians of ${runs.length} fresh pages:`);
  console.log(`  first PDF:  load module ${m('first', 'load')} ms (fetch, compile, instantiate), read ${m('first', 'read')} ms; drop → tables shown ${m('first', 'all')} ms`);
  console.log(`  second PDF: instantiate ${m('second', 'load')} ms, read ${m('second', 'read')} ms; drop → tables shown ${m('second', 'all')} ms`);
} else {
  console.log('PDF timings skipped: no PDF (../shared/corpus/pdf or target/test-pdfs)');
}

// The batch's .xlsx: a fresh page per run with 200 reports (the five seeds, a wrong number
// in every fifth); click 下载 Excel and time until the file is handed to the browser (its
// blob URL made). The page leaves what loading (fetch + compile + instantiate) and writing
// took on <html>; a second export on the same page only instantiates.
{
  const seedDir = path.join(root, 'tests/fixtures/seeds');
  const seeds = fs.readdirSync(seedDir).filter(f => f.endsWith('.txt')).sort().map(f => fs.readFileSync(path.join(seedDir, f), 'utf8'));
  const batch = Array.from({ length: 200 }, (_, i) => {
    let text = seeds[i % seeds.length];
    if (i % 5 === 3) text = text.replace('（七）总计\n\t2', '（七）总计\n\t5');
    return { name: `报告${String(i + 1).padStart(3, '0')}.txt`, b64: Buffer.from(text).toString('base64') };
  });
  const runs = [];
  for (let i = 0; i < 7; i++) {
    const ctx = await browser.newContext({ acceptDownloads: true });
    const page = await ctx.newPage();
    await page.goto(url);
    await page.waitForSelector('[data-testid=report-input]');
    runs.push(await page.evaluate(async files => {
      const dt = new DataTransfer();
      for (const f of files) dt.items.add(new File([Uint8Array.from(atob(f.b64), c => c.charCodeAt(0))], f.name));
      document.querySelector('.page').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      const wait = async ok => { while (!ok()) await new Promise(r => setTimeout(r, 5)); };
      await wait(() => document.querySelectorAll('[data-testid=batch-summary] [data-report]').length === files.length && !document.querySelector('[data-testid=batch-progress]'));
      let saved = 0;
      const make = URL.createObjectURL;
      URL.createObjectURL = b => { saved = performance.now(); return make.call(URL, b); };
      const one = async () => {
        saved = 0;
        const t0 = performance.now();
        document.querySelector('[data-testid=download-xlsx]').click();
        await wait(() => saved && !document.querySelector('[data-testid=xlsx-busy]'));
        const d = document.documentElement.dataset;
        return { load: +d.xlsxLoadMs, make: +d.xlsxMakeMs, all: saved - t0 };
      };
      return { first: await one(), second: await one() };
    }, batch));
    await ctx.close();
  }
  const m = (k, f) => median(runs.map(r => r[k][f])).toFixed(0);
  console.log(`.xlsx of 200 reports, medians of ${runs.length} fresh pages:`);
  console.log(`  first export:  load module ${m('first', 'load')} ms (fetch, compile, instantiate), write ${m('first', 'make')} ms; click → file saved ${m('first', 'all')} ms`);
  console.log(`  second export: instantiate ${m('second', 'load')} ms, write ${m('second', 'make')} ms; click → file saved ${m('second', 'all')} ms`);
}

console.log(`navigation → first result after a paste: median ${median(firsts).toFixed(0)} ms over ${firsts.length} loads (all: ${firsts.map(x => x.toFixed(0)).join(', ')})`);

const page = await browser.newPage();
await page.goto(url);
await page.waitForSelector('[data-testid=report-input]');
await page.fill('[data-testid=report-input]', report);
await page.waitForSelector('[data-testid=verdict]');
const keys = await page.evaluate(async () => {
  const ta = document.querySelector('[data-testid=report-input]');
  const frame = () => new Promise(r => requestAnimationFrame(() => r()));
  const out = [], check = [];
  for (let i = 0; i < 41; i++) {
    await frame();
    const t0 = performance.now();
    ta.value = ta.value + (i % 2 ? '\n' : ' ');
    ta.dispatchEvent(new InputEvent('input', { bubbles: true }));
    // Yew re-renders in a microtask: after a zero timeout the DOM shows the new result.
    await new Promise(r => setTimeout(r, 0));
    out.push(performance.now() - t0);
    check.push(+document.querySelector('[data-testid=results]').dataset.checkMs);
  }
  return { out, check };
});
console.log(`keystroke → re-checked and DOM updated: median ${median(keys.out).toFixed(1)} ms; check alone median ${median(keys.check).toFixed(2)} ms (41 edits of a ${(report.length / 1024).toFixed(0)} K-char report)`);

// Per corpus report: the check alone in wasm (timed inside the module over 25 runs), the same through
// window.nianbao.check (the check plus handing the report to JavaScript), a keystroke's
// re-check to DOM, and the native median from `cargo bench`: the wasm/native ratio.
const bench = spawnSync('cargo', ['bench', '--quiet', '--bench', 'check'], { cwd: root, encoding: 'utf8' }).stdout || '';
const native = Object.fromEntries(bench.split('\n').map(l => l.trim().split(/\s{2,}/)).filter(c => c.length >= 3).map(c => [c[0], +c[c.length - 1]]));
const files = [path.join(root, 'tests/fixtures/seeds'), path.join(root, '../shared/corpus/real')]
  .filter(d => fs.existsSync(d))
  .flatMap(d => fs.readdirSync(d).filter(f => /\.(txt|html)$/.test(f)).map(f => path.join(d, f)));
console.log('\nreport                          K chars   native µs  wasm check µs  ratio  +to JS µs  keystroke ms');
for (const f of files) {
  const text = fs.readFileSync(f, 'utf8');
  await page.fill('[data-testid=report-input]', text);
  await page.waitForSelector('[data-testid=verdict]');
  const m = await page.evaluate(async text => {
    const ta = document.querySelector('[data-testid=report-input]');
    const med = a => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
    const api = [], check = [], key = [];
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      for (let j = 0; j < 25; j++) window.nianbao.check(text);
      api.push((performance.now() - t0) / 25);
    }
    for (let i = 0; i < 21; i++) {
      await new Promise(r => requestAnimationFrame(() => r()));
      const t0 = performance.now();
      ta.value = ta.value + (i % 2 ? '\n' : ' ');
      ta.dispatchEvent(new InputEvent('input', { bubbles: true }));
      await new Promise(r => setTimeout(r, 0));
      key.push(performance.now() - t0);
      check.push(+document.querySelector('[data-testid=results]').dataset.checkMs);
    }
    // The check alone, 7 batches of 25 runs timed inside the module: the wasm side of the ratio.
    const alone = [];
    for (let i = 0; i < 7; i++) alone.push(window.nianbao.benchCheck(text, 25) / 25);
    return { api: med(api) * 1000, check: med(alone) * 1000, key: med(key) };
  }, text);
  const n = native[path.basename(f)];
  const ratio = n ? (m.check / n).toFixed(1) + '×' : '–';
  console.log(`${path.basename(f).padEnd(34)} ${(text.length / 1024).toFixed(1).padStart(5)} ${String(n ?? '–').padStart(11)} ${m.check.toFixed(0).padStart(14)} ${ratio.padStart(6)} ${(m.api - m.check).toFixed(0).padStart(10)} ${m.key.toFixed(1).padStart(13)}`);
}
console.log('(the check and the call through JavaScript are timed over 25 runs: the browser coarsens its clock to 0.1 ms)');
await browser.close();
server.close();
