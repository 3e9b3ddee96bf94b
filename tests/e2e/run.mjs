// End-to-end tests of the built page (dist/) in Debian's headless Chromium, driven by
// playwright-core. The page is served from a sub-path (/tools/nianbao/) on a random free
// loopback port; every request the browser makes is recorded and must stay on it.
// Prints "N passed, N failed"; exits 1 on any failure.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { serve, root, CHROMIUM } from './serve.mjs';
import { registerPdfTests } from './pdf.mjs';
import { registerBatchTests } from './batch.mjs';

const seeds = path.join(root, 'tests/fixtures/seeds');
const shared = path.join(root, '../shared/corpus/real');
const BASE = '/tools/nianbao/';
const APPL = ['natural_person', 'commercial', 'research', 'social', 'legal', 'other', 'total'];
const T4 = ['review', 'litigation_direct', 'litigation_after_review'].flatMap(b => ['upheld', 'corrected', 'other', 'pending', 'total'].map(c => `${b}.${c}`));

const tests = [];
const test = (name, fn) => tests.push({ name, fn });
function assert(cond, msg) { if (!cond) throw new Error(msg); }
function eq(a, b, msg) { if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`${msg}: want ${JSON.stringify(b)} got ${JSON.stringify(a)}`); }

async function fresh(ctx, origin) {
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(origin + BASE);
  await page.waitForSelector('[data-testid=report-input]');
  page.errors = errors;
  return page;
}

async function paste(page, text) {
  await page.fill('[data-testid=report-input]', text);
  await page.waitForSelector('[data-testid=verdict]');
}

async function pasteHtml(page, html) {
  await page.evaluate(html => {
    const ta = document.querySelector('[data-testid=report-input]');
    ta.focus();
    const dt = new DataTransfer();
    dt.setData('text/html', html);
    dt.setData('text/plain', html.replace(/<[^>]+>/g, ''));
    ta.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, html);
  await page.waitForSelector('[data-testid=verdict]');
}

async function cells(page) {
  return page.$$eval('[data-cell]', els => Object.fromEntries(els.map(e => [e.dataset.cell, e.textContent])));
}

async function checkFacts(page, want, name) {
  const got = await cells(page);
  const num = v => (v === null ? '' : String(v));
  for (const [row, vals] of Object.entries(want.table3 || {})) {
    APPL.forEach((c, i) => {
      if (vals[i] === null && name.startsWith('real')) return;
      eq(got[`table3.${row}.${c}`], num(vals[i]), `${name} table3.${row}.${c}`);
    });
  }
  (want.table4 || []).forEach((v, i) => eq(got[`table4.${T4[i]}`], num(v), `${name} table4.${T4[i]}`));
  const found = await page.$$eval('[data-section]', els => els.filter(e => e.dataset.found === 'true').map(e => +e.dataset.section));
  eq(found, want.sections_present, `${name} sections`);
  const fmt = await page.textContent('[data-testid=format]');
  assert(fmt.includes(want.format), `${name} format ${fmt}`);
  if (want.arithmetic_errors && want.arithmetic_errors.length === 0) {
    const errs = await page.$$eval('[data-kind=arithmetic][data-severity=error]', e => e.length);
    eq(errs, 0, `${name} false arithmetic errors`);
  }
}

function corpus() {
  const list = [];
  for (const [dir, tag] of [[seeds, 'seed'], [shared, 'real']]) {
    if (!fs.existsSync(dir)) {
      if (process.env.CI === 'true' && tag === 'real') throw new Error('CI=true but ../shared/corpus is missing');
      console.log(`skipped: ${dir} not found`);
      continue;
    }
    for (const f of fs.readdirSync(dir).filter(f => f.endsWith('.expected.json')).sort()) {
      const base = f.replace('.expected.json', '');
      const src = ['.txt', '.html'].map(e => path.join(dir, base + e)).find(p => fs.existsSync(p));
      list.push({ name: `${tag} ${base}`, src, want: JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) });
    }
  }
  return list;
}

// ---- the tests ----

test('loads from a sub-path with a strict CSP and no errors', async ({ ctx, origin }) => {
  const page = await fresh(ctx, origin);
  const csp = await page.getAttribute('meta[http-equiv=Content-Security-Policy]', 'content');
  assert(csp.includes("default-src 'none'") && !csp.includes('unsafe-inline'), `CSP: ${csp}`);
  assert((await page.textContent('body')).includes('粘贴'), 'empty-state hint');
  eq(page.errors, [], 'console errors');
  await page.close();
});

for (const c of corpus()) {
  test(`pastes ${c.name} and shows its tables`, async ({ ctx, origin }) => {
    const page = await fresh(ctx, origin);
    const text = fs.readFileSync(c.src, 'utf8');
    if (c.src.endsWith('.html')) await pasteHtml(page, text); else await paste(page, text);
    await checkFacts(page, c.want, c.name);
    eq(page.errors, [], 'console errors');
    await page.close();
  });
}

function brokenSeed() {
  const text = fs.readFileSync(path.join(seeds, '003_790b0b6d2a207a20.txt'), 'utf8');
  const broken = text.replace('（七）总计\n\t2', '（七）总计\n\t5');
  assert(broken !== text, 'planted error');
  return broken;
}

test('a planted wrong number is flagged, and clicking its finding points at cell and text', async ({ ctx, origin }) => {
  const page = await fresh(ctx, origin);
  await paste(page, brokenSeed());
  assert((await page.textContent('[data-testid=verdict]')).includes('计算不平'), 'verdict');
  eq(await page.getAttribute('[data-cell="table3.total.natural_person"]', 'data-flagged'), 'true', 'flagged cell');
  eq(await page.textContent('[data-cell="table3.total.natural_person"]'), '5', 'cell text as read');
  eq(await page.$$eval('[data-cause=true]', e => e.map(x => x.dataset.cell)), ['table3.total.natural_person'], 'the single cause stands out');
  assert(await page.$('[data-rule=H3][data-kind=arithmetic][data-severity=error]'), 'H3 finding');
  await page.click('[data-code=single-cause]');
  await page.waitForSelector('[data-cell="table3.total.natural_person"].selected');
  const ex = await page.textContent('[data-testid=source-excerpt] mark');
  eq(ex.trim(), '5', 'excerpt marks the printed 5');
  await page.click('[data-testid=source-excerpt] button');
  const sel = await page.evaluate(() => { const t = document.querySelector('[data-testid=report-input]'); return t.value.slice(t.selectionStart, t.selectionEnd); });
  eq(sel.trim(), '5', 'text selected in the box');
  const title = await page.getAttribute('[data-cell="table3.total.natural_person"]', 'title');
  assert(title.includes('原文第') && title.includes('确定'), `hover title: ${title}`);
  // An identity's finding outlines every cell it involves, by the part each plays.
  await page.click('[data-rule=H3]');
  await page.waitForSelector('[data-cell="table3.total.natural_person"][data-role=total]');
  const parts = await page.$$eval('[data-role=part]', e => e.map(x => x.dataset.cell));
  assert(parts.includes('table3.granted.natural_person') && parts.length === 19, `parts outlined (19 result rows in 2019): ${parts.length}`);
  await page.close();
});

test('a synthetic plain-text paste event is read like a real paste', async ({ ctx, origin }) => {
  const page = await fresh(ctx, origin);
  const text = brokenSeed();
  await page.evaluate(text => {
    const ta = document.querySelector('[data-testid=report-input]');
    ta.focus();
    const dt = new DataTransfer();
    dt.setData('text/plain', text);
    ta.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
  await page.waitForSelector('[data-testid=verdict]');
  eq(await page.inputValue('[data-testid=report-input]'), text, 'pasted text in the box');
  eq(await page.getAttribute('[data-cell="table3.total.natural_person"]', 'data-flagged'), 'true', 'flagged cell');
  // A second paste at the caret inserts there rather than replacing everything.
  await page.evaluate(() => {
    const ta = document.querySelector('[data-testid=report-input]');
    ta.setSelectionRange(0, 0);
    const dt = new DataTransfer();
    dt.setData('text/plain', '首页 > 年报\n');
    ta.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => document.querySelector('[data-testid=report-input]').value.startsWith('首页 > 年报\n北京市'));
  await page.close();
});

test('a script that sets the value and fires change is checked too', async ({ ctx, origin }) => {
  const page = await fresh(ctx, origin);
  await page.evaluate(text => {
    const ta = document.querySelector('[data-testid=report-input]');
    ta.value = text;
    ta.dispatchEvent(new Event('change', { bubbles: true }));
  }, brokenSeed());
  await page.waitForSelector('[data-cell="table3.total.natural_person"][data-flagged=true]');
  await page.close();
});

test('findings are reachable and selectable with the keyboard', async ({ ctx, origin }) => {
  const page = await fresh(ctx, origin);
  await paste(page, brokenSeed());
  await page.focus('.finding');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.finding.selected');
  await page.close();
});

test('editing the text re-checks it', async ({ ctx, origin }) => {
  const page = await fresh(ctx, origin);
  await paste(page, brokenSeed());
  const fixed = brokenSeed().replace('（七）总计\n\t5', '（七）总计\n\t2');
  await page.fill('[data-testid=report-input]', fixed);
  await page.waitForFunction(() => document.querySelector('[data-testid=verdict]').textContent.includes('没有发现'));
  await page.close();
});

test('downloads JSON in the contract schema and CSV that Excel opens', async ({ ctx, origin }) => {
  const page = await fresh(ctx, origin);
  await paste(page, brokenSeed());
  const [dj] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-json]')]);
  const doc = JSON.parse(fs.readFileSync(await dj.path(), 'utf8'));
  eq(doc.schema, 1, 'schema');
  const rep = doc.reports[0];
  eq(rep.format, '2019', 'format');
  eq(rep.table3.rows.find(r => r.key === 'total').cells.natural_person, 5, 'total as printed');
  assert(rep.findings.some(f => f.rule === 'H3' && f.cells.includes('table3.total.natural_person')), 'H3 in JSON');
  const [dc] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-csv]')]);
  const csv = fs.readFileSync(await dc.path(), 'utf8');
  assert(csv.startsWith('\ufeff"报告"'), 'BOM and header');
  eq(csv.trim().split('\r\n').length, rep.findings.length + 1, 'one CSV row per finding');
  await page.close();
});

test('copies the findings as text and prints', async ({ ctx, origin }) => {
  const page = await fresh(ctx, origin);
  await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed++; }; });
  await paste(page, brokenSeed());
  await page.click('[data-testid=copy-findings]');
  await page.waitForFunction(() => document.querySelector('[data-testid=copy-findings]').textContent.includes('已复制'));
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  assert(clip.includes('（七）总计·自然人 印为 5'), `clipboard: ${clip.slice(0, 80)}`);
  await page.click('[data-testid=print]');
  eq(await page.evaluate(() => window.__printed), 1, 'print called');
  await page.close();
});

test('several files at once: GBK, UTF-16 and HTML, each in its own tab', async ({ ctx, origin }) => {
  const page = await fresh(ctx, origin);
  const utf8 = fs.readFileSync(path.join(seeds, '001_29d0877efba69983.txt'), 'utf8');
  const u16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf8, 'utf16le')]);
  const gbkBytes = fs.readFileSync(path.join(root, 'tests/fixtures/gbk-sample.txt'));
  const html = `<html><body><p>一、总体情况</p><table><tr><td>规章</td><td>0</td></tr></table></body></html>`;
  await page.setInputFiles('[data-testid=file-input]', [
    { name: 'a-utf16.txt', mimeType: 'text/plain', buffer: u16 },
    { name: 'b-gbk.txt', mimeType: 'text/plain', buffer: gbkBytes },
    { name: 'c.html', mimeType: 'text/html', buffer: Buffer.from(html) },
  ]);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=doc-tabs] button').length === 3);
  await page.waitForSelector('[data-testid=verdict]');
  eq(await page.textContent('[data-testid=year]'), '2020', 'first file shown');
  await page.click('[data-testid=doc-tabs] button:nth-child(2)');
  await page.waitForFunction(() => document.querySelector('[data-testid=report-input]').value.includes('金谷园'));
  eq(await page.textContent('[data-testid=year]'), '2020', 'GBK file read');
  await page.close();
});

test('a dropped .docx gets a Chinese message and loses nothing typed', async ({ ctx, origin }) => {
  const page = await fresh(ctx, origin);
  await paste(page, brokenSeed());
  const before = await page.inputValue('[data-testid=report-input]');
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3])], '年报.docx'));
    document.querySelector('.page').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await page.waitForSelector('[data-testid=error]');
  assert((await page.textContent('[data-testid=error]')).includes('Word'), 'message names Word');
  const after = await page.inputValue('[data-testid=report-input]');
  eq(after.length, before.length, 'text kept (length)');
  eq(after, before, 'text kept');
  await page.close();
});

// A zip of stored entries (name: Buffer, data: Buffer, utf8: flag), as the core reads it.
function storedZip(entries) {
  const crc32 = buf => {
    let crc = 0xffffffff;
    for (const b of buf) {
      let c = (crc ^ b) & 0xff;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crc = (crc >>> 8) ^ c;
    }
    return (crc ^ 0xffffffff) >>> 0;
  };
  const locals = [], dirs = [];
  let off = 0;
  for (const e of entries) {
    const crc = crc32(e.data), flag = e.utf8 ? 0x800 : 0;
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0); h.writeUInt16LE(20, 4); h.writeUInt16LE(flag, 6);
    h.writeUInt32LE(crc, 14); h.writeUInt32LE(e.data.length, 18); h.writeUInt32LE(e.data.length, 22); h.writeUInt16LE(e.name.length, 26);
    const d = Buffer.alloc(46);
    d.writeUInt32LE(0x02014b50, 0); d.writeUInt16LE(20, 4); d.writeUInt16LE(20, 6); d.writeUInt16LE(flag, 8);
    d.writeUInt32LE(crc, 16); d.writeUInt32LE(e.data.length, 20); d.writeUInt32LE(e.data.length, 24); d.writeUInt16LE(e.name.length, 28);
    d.writeUInt32LE(off, 42);
    locals.push(h, e.name, e.data);
    dirs.push(d, e.name);
    off += 30 + e.name.length + e.data.length;
  }
  const dir = Buffer.concat(dirs), end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12); end.writeUInt32LE(off, 16);
  return Buffer.concat([...locals, dir, end]);
}

test('a .docx and a .zip of reports open one tab per report, read by the core', async ({ ctx, origin }) => {
  // The Word file scripts/make-test-pdfs writes with python-docx (merged cells), and its truth.
  const dir = process.env.NIANBAO_TEST_PDFS || path.join(root, 'target/test-pdfs');
  const base = path.join(dir, '004_875541e45b987938-varied');
  if (!fs.existsSync(base + '.docx')) {
    if (process.env.CI === 'true') throw new Error(`CI=true but ${base}.docx is missing`);
    console.log(`skipped: ${base}.docx not found (bash scripts/make-test-pdfs --varied target/test-pdfs)`);
    return;
  }
  const docx = fs.readFileSync(base + '.docx');
  const want = JSON.parse(fs.readFileSync(base + '.expected.json', 'utf8'));
  const gbk = fs.readFileSync(path.join(root, 'tests/fixtures/gbk-sample.txt'));
  const zip = storedZip([
    { name: Buffer.from([0xb1, 0xa8, 0xb8, 0xe6, 0x2e, 0x74, 0x78, 0x74]), data: gbk, utf8: false }, // 报告.txt in GBK
    { name: Buffer.from('目录/年报.docx'), data: docx, utf8: true },
    { name: Buffer.from('logo.png'), data: Buffer.from([0x89, 0x50]), utf8: false },
  ]);
  const page = await fresh(ctx, origin);
  await page.setInputFiles('[data-testid=file-input]', [
    { name: '年报.docx', mimeType: 'application/octet-stream', buffer: docx },
    { name: '批量.zip', mimeType: 'application/zip', buffer: zip },
  ]);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=doc-tabs] button').length === 3);
  await page.waitForSelector('[data-testid=verdict]');
  const tabs = await page.$$eval('[data-testid=doc-tabs] button', b => b.map(x => x.textContent));
  assert(tabs.some(t => t.startsWith('批量.zip/报告.txt')), `GBK name decoded: ${tabs}`);
  assert(tabs.some(t => t.startsWith('批量.zip/目录/年报.docx')), `nested docx: ${tabs}`);
  await page.click('[data-testid=doc-tabs] button:nth-child(1)');
  await checkFacts(page, want, 'docx');
  // A Word 97–2003 file: the message says to save it as .docx; the tabs stay.
  const cfb = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
  await page.setInputFiles('[data-testid=file-input]', [{ name: '旧年报.doc', mimeType: 'application/msword', buffer: cfb }]);
  await page.waitForSelector('[data-testid=error]');
  assert((await page.textContent('[data-testid=error]')).includes('另存为 .docx'), 'a .doc is told to be saved as .docx');
  eq(await page.$$eval('[data-testid=doc-tabs] button', b => b.length), 3, 'tabs kept');
  eq(page.errors, [], 'no page errors');
  await page.close();
});

test('dropping a report anywhere on the page checks it', async ({ ctx, origin }) => {
  const page = await fresh(ctx, origin);
  const text = fs.readFileSync(path.join(seeds, '004_875541e45b987938.txt'), 'utf8');
  await page.evaluate(text => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], '西工.txt', { type: 'text/plain' }));
    document.querySelector('.bar').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, text);
  await page.waitForSelector('[data-testid=verdict]');
  eq(await page.textContent('[data-testid=year]'), '2023', 'dropped file checked');
  await page.close();
});

test('samples menu, rule reference and start over', async ({ ctx, origin }) => {
  const page = await fresh(ctx, origin);
  await page.selectOption('[data-testid=sample-menu]', '3');
  await page.waitForSelector('[data-testid=verdict]');
  assert((await page.inputValue('[data-testid=report-input]')).includes('新街口'), 'sample loaded');
  await page.click('[data-testid=rules-toggle]');
  const codes = await page.$$eval('[data-rule-ref]', e => e.map(x => x.dataset.ruleRef));
  for (const c of ['table3-column-balance', 'table3-row-total', 'table3-results-total', 'table4-block-total', 'section-missing', 'format-year-mismatch', 'digits-split']) {
    assert(codes.includes(c), `rule reference lists ${c}`);
  }
  await page.click('[data-testid=rules-toggle]');
  await page.click('[data-testid=reset]');
  eq(await page.inputValue('[data-testid=report-input]'), '', 'box cleared');
  assert(!(await page.$('[data-testid=verdict]')), 'results cleared');
  await page.close();
});

test('a missing section and a format that does not fit the year are shown', async ({ ctx, origin }) => {
  const page = await fresh(ctx, origin);
  const text = fs.readFileSync(path.join(seeds, '000_2e3a6c26e003a8cc.txt'), 'utf8')
    .replace('五、存在的主要问题及改进情况', '').replace('2020年度', '2022年度');
  await paste(page, text);
  eq(await page.getAttribute('[data-section="5"]', 'data-found'), 'false', 'section 5 missing');
  assert(await page.$('[data-rule=T1][data-kind=structure]'), 'T1 finding');
  assert(await page.$('[data-rule=T3]'), 'T3 finding');
  await page.close();
});

test('a 5 MB paste does not freeze the page', async ({ ctx, origin }) => {
  const page = await fresh(ctx, origin);
  const base = fs.readFileSync(path.join(seeds, '003_790b0b6d2a207a20.txt'), 'utf8');
  const cut = base.indexOf('二、主动公开');
  let big = '';
  while (big.length * 3 < 5 * 1024 * 1024) big += base.slice(0, cut);
  big += base.slice(cut);
  // Like a paste: the whole text arrives at once, then one input event.
  const ms = await page.evaluate(async text => {
    const ta = document.querySelector('[data-testid=report-input]');
    const t0 = performance.now();
    ta.value = text;
    ta.dispatchEvent(new InputEvent('input', { bubbles: true }));
    while (!document.querySelector('[data-testid=verdict]')) await new Promise(r => setTimeout(r, 20));
    return performance.now() - t0;
  }, big);
  const t1 = Date.now();
  await page.evaluate(() => 1 + 1);
  assert(Date.now() - t1 < 1000, 'page answers after the paste');
  assert(ms < 10000, `5 MB checked in ${ms} ms`);
  eq(await page.textContent('[data-cell="table3.total.natural_person"]'), '2', 'tables still read');
  await page.close();
});

test('readable at 1366×768 without sideways scrolling', async ({ ctx, origin }) => {
  const page = await fresh(ctx, origin);
  await page.setViewportSize({ width: 1366, height: 768 });
  await paste(page, brokenSeed());
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert(w <= 1366, `page width ${w}`);
  const box = await page.locator('[data-testid=report-input]').boundingBox();
  assert(box && box.height > 300, 'text box visible');
  await page.close();
});

test('window.nianbao.check gives the contract report', async ({ ctx, origin }) => {
  const page = await fresh(ctx, origin);
  const text = fs.readFileSync(path.join(seeds, '004_875541e45b987938.txt'), 'utf8');
  const rep = await page.evaluate(t => window.nianbao.check(t), text);
  eq(rep.format, '2021', 'format');
  eq(rep.table3.rows.length, 25, 'rows');
  await page.close();
});

test('deeply nested HTML is read, pasted or through window.nianbao.check, not dropped', async ({ ctx, origin }) => {
  const page = await fresh(ctx, origin);
  // 50 000 nested tags around a real report's table: the reader once recursed on depth
  // and the page threw "Maximum call stack size exceeded", dropping the paste.
  const text = fs.readFileSync(path.join(seeds, '004_875541e45b987938.txt'), 'utf8');
  const body = text.split('\n').map(l => `<p>${l}</p>`).join('');
  const deep = `<html><body>${'<div>'.repeat(50000)}${body}${'</div>'.repeat(50000)}</body></html>`;
  const rep = await page.evaluate(h => window.nianbao.check(h), deep);
  eq(rep.year, 2023, 'year read through 50 000 levels');
  await pasteHtml(page, deep);
  eq(await page.textContent('[data-testid=year]'), '2023', 'the pasted page is checked');
  await page.close();
});

test('an edit waiting to be checked stays with its own document, or goes with a reset', async ({ ctx, origin }) => {
  const page = await fresh(ctx, origin);
  // Over 200 KB, edits are checked after a 300 ms pause: switching tabs or pressing
  // 重新开始 inside that pause once wrote A's text into B, or brought old results back.
  const pad = '\n' + '本机关认真贯彻落实条例，做好政府信息公开工作。'.repeat(6000);
  const a = fs.readFileSync(path.join(seeds, '003_790b0b6d2a207a20.txt'), 'utf8') + pad;
  const b = fs.readFileSync(path.join(seeds, '004_875541e45b987938.txt'), 'utf8') + pad;
  await page.setInputFiles('[data-testid=file-input]', [
    { name: 'a.txt', mimeType: 'text/plain', buffer: Buffer.from(a) },
    { name: 'b.txt', mimeType: 'text/plain', buffer: Buffer.from(b) },
  ]);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=doc-tabs] button').length === 2);
  await page.waitForFunction(t => document.querySelector('[data-testid=report-input]').value === t, a);
  const type = marker => page.evaluate(m => {
    const ta = document.querySelector('[data-testid=report-input]');
    ta.value = ta.value + m;
    ta.dispatchEvent(new InputEvent('input', { bubbles: true }));
  }, marker);
  await type('\n补充说明甲');
  await page.click('[data-testid=doc-tabs] button:nth-child(2)');
  await page.waitForTimeout(700);
  const shown = await page.inputValue('[data-testid=report-input]');
  assert(shown === b, `tab B shows its own text (has A's edit: ${shown.includes('补充说明甲')})`);
  eq(await page.textContent('[data-testid=year]'), '2023', 'B checked as B');
  await page.click('[data-testid=doc-tabs] button:nth-child(1)');
  await page.waitForFunction(() => document.querySelector('[data-testid=report-input]').value.endsWith('补充说明甲'));
  // Typing then 重新开始 at once: the box and the results both empty, and stay so.
  await type('\n补充说明乙');
  await page.click('[data-testid=reset]');
  await page.waitForTimeout(700);
  eq(await page.inputValue('[data-testid=report-input]'), '', 'box empty after reset');
  assert(!(await page.$('[data-testid=verdict]')), 'no old results after reset');
  await page.close();
});

// The offline single file opened from file:// in its own context (a file:// page has no
// origin to stay on), with every request and every error it makes recorded.
async function openSingleFile(browser, options = {}) {
  const c = await browser.newContext(options);
  const url = 'file://' + path.join(root, 'dist/nianbao.html');
  const requests = [], errors = [];
  c.on('request', r => requests.push(r.url()));
  const page = await c.newPage();
  page.on('pageerror', e => errors.push(String(e)));
  page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await page.waitForSelector('[data-testid=report-input]');
  // What it loaded besides itself (data: and blob: URLs are its own bytes).
  const foreign = () => requests.filter(u => u !== url && !u.startsWith('data:') && !u.startsWith('blob:'));
  return { c, page, errors, foreign };
}

test('the single file nianbao.html works opened from file://, with nothing else loaded', async ({ browser }) => {
  const { c, page, errors, foreign } = await openSingleFile(browser);
  await paste(page, brokenSeed());
  eq(await page.getAttribute('[data-cell="table3.total.natural_person"]', 'data-flagged'), 'true', 'the planted error is found');
  const rep = await page.evaluate(t => window.nianbao.check(t), brokenSeed());
  assert(rep.findings.some(f => f.rule === 'H3'), 'window.nianbao.check works too');
  eq(errors, [], 'no errors (a CSP violation would show here)');
  eq(foreign(), [], 'nothing but the file is loaded');
  const csp = await page.getAttribute('meta[http-equiv=Content-Security-Policy]', 'content');
  assert(csp.includes("default-src 'none'") && csp.includes("connect-src 'none'") && !csp.includes('unsafe-inline'), `CSP: ${csp}`);
  await c.close();
});

// The probe's message on the page as an engine made by `init` (run before the page) sees it.
async function bootMessage(browser, origin, init) {
  const c = await browser.newContext();
  await c.addInitScript(init);
  const page = await c.newPage();
  await page.goto(origin + BASE);
  await page.waitForSelector('#boot.error');
  const msg = await page.textContent('#boot');
  await c.close();
  return msg;
}

test('a browser without WebAssembly, or one too old for the module, gets a message, not a blank page', async ({ browser, origin }) => {
  // What an old engine looks like to the probe: no WebAssembly at all.
  const msg = await bootMessage(browser, origin, () => { delete window.WebAssembly; });
  assert(msg.includes('不支持 WebAssembly') && msg.includes('极速模式'), `message: ${msg}`);
  // An engine older than the module's features (Chrome < 96) rejects it when compiling.
  const why = await bootMessage(browser, origin, () => {
    const reject = () => Promise.reject(new WebAssembly.CompileError('invalid opcode (reference types)'));
    WebAssembly.instantiate = reject;
    WebAssembly.instantiateStreaming = reject;
  });
  assert(why.includes('未能启动') && why.includes('新版浏览器'), `message: ${why}`);
});

registerPdfTests({ test, fresh, paste, brokenSeed, cells, eq, assert, storedZip, openSingleFile });
registerBatchTests({ test, fresh, paste, brokenSeed, eq, assert, storedZip, openSingleFile });

// ---- run ----

const { server, served, origin } = await serve(BASE);
const browser = await chromium.launch(CHROMIUM);
const ctx = await browser.newContext({ acceptDownloads: true, viewport: { width: 1366, height: 768 } });
await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
const outside = [];
ctx.on('request', r => { const u = r.url(); if (!u.startsWith(origin + '/') && !u.startsWith('blob:') && !u.startsWith('data:')) outside.push(u); });
let passed = 0, failed = 0;
const only = process.argv[2];
for (const t of tests.filter(t => !only || t.name.includes(only))) {
  try {
    await t.fn({ ctx, origin, browser, served });
    passed++;
    console.log(`ok   ${t.name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${t.name}\n     ${e.message.split('\n').join('\n     ')}`);
  }
}
if (outside.length) { failed++; console.log(`FAIL requests left the page's origin: ${outside.slice(0, 5).join(', ')}`); } else { passed++; console.log('ok   no request left the page\'s origin'); }
if (!served.some(u => u.endsWith('.wasm'))) { failed++; console.log('FAIL the wasm was never fetched'); }
await browser.close();
server.close();
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
