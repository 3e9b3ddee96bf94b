// Browser tests of the batch view (registered by run.mjs): the summary's contract hooks
// against `nianbao check --format json` on the same files, sorting, filtering, opening a
// report by click and Enter; Y1 across the open reports; 200 reports timed as a .zip and
// as files; the .xlsx (its own module, loaded on the first export) read back by
// LibreOffice against the CSV, and a module that cannot be loaded; the A4 print.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root } from './serve.mjs';

const seeds = path.join(root, 'tests/fixtures/seeds');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-batch-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
const seed = name => fs.readFileSync(path.join(seeds, name), 'utf8');
const SEEDS = fs.readdirSync(seeds).filter(f => f.endsWith('.txt')).sort();

// `nianbao check --format json` on files written under their names (the page's sources).
function cli(files) {
  const dir = fs.mkdtempSync(path.join(tmp, 'cli-'));
  for (const f of files) fs.writeFileSync(path.join(dir, f.name), f.text);
  const r = spawnSync('cargo', ['run', '--locked', '--quiet', '--manifest-path', path.join(root, 'Cargo.toml'), '--', 'check', '--format', 'json', ...files.map(f => f.name)], { cwd: dir, encoding: 'utf8', maxBuffer: 256 << 20 });
  if (![0, 1, 2].includes(r.status)) throw new Error(`nianbao check failed (${r.status}): ${r.stderr}`);
  return { ...JSON.parse(r.stdout), stderr: r.stderr };
}

// Several reports dropped on the page at once, as File objects made in the page.
async function drop(page, files) {
  const payload = files.map(f => ({ name: f.name, b64: Buffer.from(f.text).toString('base64') }));
  await page.evaluate(files => {
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(new File([Uint8Array.from(atob(f.b64), c => c.charCodeAt(0))], f.name));
    document.querySelector('.page').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, payload);
}

async function settled(page, n) {
  await page.waitForFunction(n => document.querySelectorAll('[data-testid=batch-summary] [data-report]').length === n
    && !document.querySelector('[data-testid=batch-progress]'), n, { timeout: 30000 });
}

const rowsOf = page => page.$$eval('[data-testid=batch-summary] [data-report]', rs => rs.map(r => ({
  report: r.dataset.report, errors: +r.dataset.errors, warnings: +r.dataset.warnings, cells: [...r.cells].map(c => c.textContent),
})));

// A report of the same body one year earlier or later; `carried` sets its 上年结转 row.
function yearOf(text, from, to) { return text.split(String(from)).join(String(to)); }
const CARRIED = '二、上年结转政府信息公开申请数量\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0';

// Two pairs of consecutive years: 新街口 2019–2020 consistent, 什刹海 2020–2021 whose
// 2021 上年结转 says 3 (自然人, 总计) where 2020 carried 0 forward.
function pairs() {
  const base = seed('003_790b0b6d2a207a20.txt');
  if (!base.includes(CARRIED)) throw new Error('seed 003 changed: its 上年结转 row is not all 0');
  const other = base.split('新街口').join('什刹海');
  const broken = yearOf(other, 2020, 2021).replace(CARRIED, CARRIED.replace('\t0', '\t3').replace(/\t0$/, '\t3'));
  return [
    { name: '新街口2019.txt', text: yearOf(base, 2020, 2019) },
    { name: '新街口2020.txt', text: base },
    { name: '什刹海2020.txt', text: other },
    { name: '什刹海2021.txt', text: broken },
  ];
}

// A zip of stored entries, for the 200-report batch.
function zipOf(storedZip, files) {
  return storedZip(files.map(f => ({ name: Buffer.from(f.name), data: Buffer.from(f.text), utf8: true })));
}

// A CSV as rows of fields (quotes, doubled quotes, CRLF), without the BOM and without the
// apostrophe that keeps a spreadsheet from running a field as a formula.
function parseCsv(text) {
  text = text.replace(/^\ufeff/, '');
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows.map(r => r.map(f => f.replace(/^'(?=[=+\-@])/, '')));
}

// LibreOffice headless with Calc (scripts/test installs libreoffice-calc-nogui).
function soffice() {
  const r = spawnSync('soffice', ['--version'], { encoding: 'utf8' });
  const calc = fs.existsSync("/usr/lib/libreoffice/program/libsclo.so");
  return r.status === 0 && calc;
}

export function registerBatchTests({ test, fresh, paste, brokenSeed, eq, assert, storedZip, openSingleFile }) {
  test('a batch: one summary row per report with the JSON\'s counts; sort, filter, open by click and Enter; typed text kept', async ({ ctx, origin }) => {
    const page = await fresh(ctx, origin);
    await paste(page, brokenSeed());
    const typed = await page.inputValue('[data-testid=report-input]');
    const files = [...SEEDS.map(f => ({ name: f, text: seed(f) })), { name: '错的.txt', text: brokenSeed() }];
    await drop(page, files);
    await settled(page, files.length + 1);
    const rows = await rowsOf(page);
    const doc = cli(files);
    for (const rep of doc.reports) {
      const row = rows.find(r => r.report === rep.source);
      assert(row, `a row for ${rep.source}`);
      eq(row.errors, rep.findings.filter(f => f.severity === 'error').length, `${rep.source} data-errors`);
      eq(row.warnings, rep.findings.filter(f => f.severity === 'warning').length, `${rep.source} data-warnings`);
    }
    assert(rows.find(r => r.report === '错的.txt').errors > 0, 'the broken report has errors');
    // Sorted by errors, most first; again, fewest first.
    const shown = async () => (await rowsOf(page)).map(r => +(r.cells[4] || 0));
    await page.click('[data-testid=batch-summary] th:nth-child(5) button');
    const desc = await shown();
    eq(desc, [...desc].sort((a, b) => b - a), 'most errors first');
    assert(desc[0] > 0 && desc.at(-1) === 0, `errors differ: ${desc}`);
    await page.click('[data-testid=batch-summary] th:nth-child(5) button');
    eq(await shown(), [...desc].sort((a, b) => a - b), 'fewest errors first');
    // Sorted by year: 2020 before 2023.
    await page.click('[data-testid=batch-summary] th:nth-child(3) button');
    const years = (await rowsOf(page)).map(r => r.cells[2]).filter(y => /^\d+$/.test(y));
    eq(years, [...years].sort(), 'years ascending');
    // Only reports with errors; a text filter on the name or body.
    await page.check('[data-testid=batch-only-errors]');
    eq((await rowsOf(page)).every(r => r.errors > 0), true, 'only reports with errors');
    await page.uncheck('[data-testid=batch-only-errors]');
    await page.fill('[data-testid=batch-filter]', '004_');
    eq((await rowsOf(page)).map(r => r.report), ['004_875541e45b987938.txt'], 'text filter on the name');
    await page.fill('[data-testid=batch-filter]', '新街口');
    assert((await rowsOf(page)).length >= 1 && (await rowsOf(page)).every(r => r.cells[1].includes('新街口')), 'text filter on the body');
    await page.fill('[data-testid=batch-filter]', '');
    // A click opens that report's full view; Enter on a row too.
    await page.click('[data-report="004_875541e45b987938.txt"]');
    await page.waitForFunction(() => document.querySelector('[data-testid=year]')?.textContent === '2023');
    assert((await page.inputValue('[data-testid=report-input]')).includes('西工'), 'its text in the box');
    await page.focus('[data-report="错的.txt"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-cell="table3.total.natural_person"][data-flagged=true]');
    // Back up to the summary from a report's view.
    await page.click('[data-testid=back-to-summary]');
    await page.waitForFunction(() => { const b = document.querySelector('[data-testid=batch-summary]').getBoundingClientRect(); return b.top >= 0 && b.top < 200; });
    // What was typed before the batch is still there, as its own report.
    await page.click('[data-report="粘贴的报告"]');
    await page.waitForFunction(t => document.querySelector('[data-testid=report-input]').value === t, typed);
    eq(page.errors, [], 'no page errors');
    await page.close();
  });

  test('a batch of .docx, .html and a .zip: the command line\'s counts; a bad file gets a Chinese message and the rest are read', async ({ ctx, origin }) => {
    const made = process.env.NIANBAO_TEST_PDFS || path.join(root, 'target/test-pdfs');
    if (!fs.existsSync(path.join(made, '001_29d0877efba69983.docx'))) {
      if (process.env.CI === 'true') throw new Error(`CI=true but ${made} has no Word files`);
      console.log(`skipped: ${made} not found (bash scripts/make-test-pdfs --varied target/test-pdfs)`);
      return;
    }
    const bytes = f => fs.readFileSync(path.join(made, f));
    const files = [
      { name: '甲.docx', text: bytes('001_29d0877efba69983.docx') },
      { name: '乙.html', text: bytes('002_1a488c694ce6abfd.html') },
      { name: '全区.zip', text: zipOf(storedZip, [{ name: '丙.txt', text: seed(SEEDS[3]) }, { name: '丁/戊.docx', text: bytes('004_875541e45b987938-varied.docx') }]) },
      { name: '坏的.docx', text: Buffer.from([0x50, 0x4b, 3, 4, 1, 2, 3]) },
    ];
    const page = await fresh(ctx, origin);
    await drop(page, files);
    await settled(page, 4);
    const doc = cli(files);
    const rows = await rowsOf(page);
    eq(rows.map(r => r.report).sort(), doc.reports.map(r => r.source).sort(), 'the same reports as the command line');
    for (const rep of doc.reports) {
      const row = rows.find(r => r.report === rep.source);
      eq([row.errors, row.warnings], ['error', 'warning'].map(s => rep.findings.filter(f => f.severity === s).length), `${rep.source} counts`);
    }
    const msg = await page.textContent('[data-testid=error]');
    assert(msg.includes('坏的.docx') && msg.includes('Word 文件无法打开'), `a Chinese message names the bad file: ${msg}`);
    assert(doc.stderr.includes('坏的.docx'), 'the command line says so too');
    eq(page.errors, [], 'no page errors');
    await page.close();
  });

  test('a chosen folder: every report in it and its subfolders, named by its path; other files left out', async ({ ctx, origin }) => {
    const dir = fs.mkdtempSync(path.join(tmp, 'folder-'));
    const top = path.join(dir, '年报');
    fs.mkdirSync(path.join(top, '街道'), { recursive: true });
    fs.writeFileSync(path.join(top, '甲.txt'), seed(SEEDS[0]));
    fs.writeFileSync(path.join(top, '街道', '乙.txt'), brokenSeed());
    fs.writeFileSync(path.join(top, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    fs.writeFileSync(path.join(top, '.DS_Store'), 'junk');
    const page = await fresh(ctx, origin);
    await page.setInputFiles('[data-testid=folder-input]', top);
    await settled(page, 2);
    const rows = await rowsOf(page);
    eq(rows.map(r => r.report).sort(), ['年报/甲.txt', '年报/街道/乙.txt'], 'reports named by their path');
    assert(rows.find(r => r.report === '年报/街道/乙.txt').errors > 0, 'the planted error found');
    assert(!(await page.$('[data-testid=error]')), 'no message for the files that are not reports');
    eq(page.errors, [], 'no page errors');
    await page.close();
  });

  test('a dragged folder: its entries walked, every report in it and its subfolders, named by its path', async ({ ctx, origin }) => {
    const page = await fresh(ctx, origin);
    // A synthetic drop has no folder entries: the browser's entry API is stood in for, as
    // a folder 年报 holding 甲.txt, logo.png and a subfolder 街道 with 乙.txt, whose entries
    // come in two batches (as readEntries gives a large folder's).
    await page.evaluate(([a, b]) => {
      const file = (path, text) => ({ isFile: true, isDirectory: false, fullPath: path, file: ok => ok(new File([text], path.split('/').pop())) });
      const dir = (path, batches) => ({ isFile: false, isDirectory: true, fullPath: path,
        createReader: () => { const left = [...batches, []]; return { readEntries: ok => setTimeout(() => ok(left.shift()), 1) }; } });
      const top = dir('/年报', [[file('/年报/甲.txt', a), file('/年报/logo.png', 'PNG')], [dir('/年报/街道', [[file('/年报/街道/乙.txt', b)]])]]);
      DataTransferItem.prototype.webkitGetAsEntry = () => top;
      const dt = new DataTransfer();
      dt.items.add(new File([''], '年报'));
      document.querySelector('.page').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, [seed(SEEDS[0]), brokenSeed()]);
    await settled(page, 2);
    const rows = await rowsOf(page);
    eq(rows.map(r => r.report), ['年报/甲.txt', '年报/街道/乙.txt'], 'reports named by their path, in the folder\'s order');
    assert(rows[1].errors > 0, 'the planted error found');
    assert(!(await page.$('[data-testid=error]')), 'no message for the file that is not a report');
    eq(page.errors, [], 'no page errors');
    await page.close();
  });

  test('Y1 on the page: a broken carry-over flagged on both reports and in the summary, a good pair not; as the command line says', async ({ ctx, origin }) => {
    const page = await fresh(ctx, origin);
    const files = pairs();
    await drop(page, files);
    await settled(page, 4);
    const doc = cli(files);
    eq(doc.findings.length, 2, 'the command line finds 自然人 and 总计');
    const y1 = name => doc.reports.find(r => r.source === name).findings.filter(f => f.rule === 'Y1').length;
    for (const f of files) {
      await page.click(`[data-report="${f.name}"]`);
      await page.waitForFunction(n => document.querySelector('[data-testid=report-input]').value.length > 0 && document.querySelector('[aria-current=true]')?.dataset.report === n, f.name);
      const shown = await page.$$eval('[data-testid=report-view] [data-rule=Y1]', e => e.length);
      eq(shown, y1(f.name), `${f.name}: Y1 findings shown`);
      eq(shown, f.name.startsWith('什刹海') ? 2 : 0, `${f.name}: broken pair flagged, good pair not`);
    }
    const carry = Object.fromEntries((await rowsOf(page)).map(r => [r.report, r.cells[7]]));
    eq(carry, { '新街口2019.txt': '', '新街口2020.txt': '', '什刹海2020.txt': '2', '什刹海2021.txt': '2' }, 'summary column 结转不符');
    const across = await page.$$eval('[data-testid=batch-across] li', e => e.map(x => x.textContent));
    eq(across, doc.findings.map(f => f.message), 'the run\'s findings, as the command line words them');
    // 下载 JSON: the command line's document for the same files, run findings included.
    const [dj] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-json]')]);
    const json = JSON.parse(fs.readFileSync(await dj.path(), 'utf8'));
    eq(json.findings.map(f => [f.rule, f.sources, f.cells, f.message]), doc.findings.map(f => [f.rule, f.sources, f.cells, f.message]), 'the run\'s findings in the JSON');
    for (const r of json.reports) eq(r.findings, doc.reports.find(x => x.source === r.source).findings, `${r.source}: findings as the command line's`);
    // Fixing the carry-over in the page clears it on both.
    await page.click('[data-report="什刹海2021.txt"]');
    await page.waitForSelector('[data-testid=report-view] [data-rule=Y1]');
    const text = await page.inputValue('[data-testid=report-input]');
    await page.fill('[data-testid=report-input]', text.replace(CARRIED.replace('\t0', '\t3').replace(/\t0$/, '\t3'), CARRIED));
    await page.waitForFunction(() => !document.querySelector('[data-testid=batch-across]'));
    await page.click('[data-report="什刹海2020.txt"]');
    await page.waitForFunction(() => document.querySelector('[aria-current=true]')?.dataset.report === '什刹海2020.txt');
    eq(await page.$$eval('[data-testid=report-view] [data-rule=Y1]', e => e.length), 0, 'no Y1 once fixed');
    eq(page.errors, [], 'no page errors');
    await page.close();
  });

  test('the .xlsx, opened by LibreOffice, has the same rows and numbers as the CSVs; the summary prints alone on A4', async ({ ctx, origin, served }) => {
    if (!soffice()) {
      if (process.env.CI === 'true') throw new Error('CI=true but LibreOffice Calc is missing (scripts/test installs libreoffice-calc-nogui)');
      console.log('skipped: LibreOffice Calc not installed (apt-get install libreoffice-calc-nogui)');
      return;
    }
    // Counted from here: the server's log holds every test's requests.
    const from = served.length;
    const xlsxFetches = () => served.slice(from).filter(u => /nianbao-xlsx-[0-9a-f]+\.wasm/.test(u)).length;
    const page = await fresh(ctx, origin);
    const files = [...pairs(), { name: '错的.txt', text: brokenSeed() }, { name: 'a,"b".txt', text: seed(SEEDS[4]) }];
    await drop(page, files);
    await settled(page, files.length);
    eq(xlsxFetches(), 0, 'the .xlsx module is not fetched before the first export');
    assert(await page.$('meta[name=nianbao-xlsx]'), 'the page names its .xlsx module');
    // "正在生成 Excel…" shows while the module loads and writes.
    await page.evaluate(() => {
      window.__sawExporting = false;
      new MutationObserver(() => { if (document.querySelector('[data-testid=xlsx-busy]')) window.__sawExporting = true; })
        .observe(document.body, { childList: true, subtree: true });
    });
    const get = async id => {
      const [d] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${id}]`)]);
      const to = path.join(tmp, d.suggestedFilename());
      await d.saveAs(to);
      return to;
    };
    const xlsx = await get('download-xlsx');
    assert(await page.evaluate(() => window.__sawExporting), 'the exporting state was shown');
    await page.waitForFunction(() => !document.querySelector('[data-testid=xlsx-busy]'));
    assert(await page.getAttribute('html', 'data-xlsx-load-ms'), 'the load time is left on <html>');
    eq(path.basename(xlsx), 'nianbao-汇总.xlsx', 'file name');
    // A second export uses the module already loaded.
    await get('download-xlsx');
    eq(xlsxFetches(), 1, 'the module is fetched once per page');
    const summary = parseCsv(fs.readFileSync(await get('download-summary-csv'), 'utf8'));
    const findings = parseCsv(fs.readFileSync(await get('download-findings-csv'), 'utf8'));
    eq(summary.length, files.length + 1, 'summary CSV: a row per report');
    // Every sheet to its own CSV (LibreOffice 7.2+: the 12th filter token, -1).
    const out = fs.mkdtempSync(path.join(tmp, 'lo-'));
    const r = spawnSync('soffice', ['--headless', `-env:UserInstallation=file://${out}/profile`, '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', out, xlsx], { encoding: 'utf8', timeout: 120000 });
    const sheets = fs.readdirSync(out).filter(f => f.endsWith('.csv')).sort();
    assert(sheets.length === 2, `LibreOffice wrote ${sheets} (${r.stdout} ${r.stderr})`);
    const sheet = name => parseCsv(fs.readFileSync(path.join(out, sheets.find(s => s.includes(name))), 'utf8'));
    eq(sheet('汇总'), summary, 'sheet 汇总 = summary CSV');
    eq(sheet('问题清单'), findings, 'sheet 问题清单 = findings CSV');
    const y1 = findings.filter(f => f[2] === 'Y1');
    eq(y1.map(f => f[0]).sort(), ['什刹海2020.txt', '什刹海2020.txt', '什刹海2021.txt', '什刹海2021.txt'], 'Y1 rows for both reports');
    // 打印汇总: the summary alone, every row, on A4.
    await page.evaluate(() => { window.__printed = []; window.print = () => window.__printed.push(document.documentElement.className); });
    await page.click('[data-testid=print-batch]');
    eq(await page.evaluate(() => window.__printed), ['print-batch'], 'printed with the summary class');
    await page.evaluate(() => document.documentElement.classList.add('print-batch'));
    await page.emulateMedia({ media: 'print' });
    assert(await page.isVisible('[data-testid=batch-summary] [data-report="错的.txt"]'), 'the summary prints');
    assert(!(await page.isVisible('[data-testid=report-view]')) && !(await page.isVisible('[data-testid=report-input]')), 'nothing else prints');
    const pdf = await page.pdf({ format: 'A4' });
    assert(pdf.length > 1000, 'prints to A4');
    await page.emulateMedia({ media: 'screen' });
    eq(page.errors, [], 'no page errors');
    await page.close();
  });

  test('an .xlsx module the server does not have gets a message; the batch stays, and the next click loads it', async ({ ctx, origin }) => {
    const page = await fresh(ctx, origin);
    await page.route('**/nianbao-xlsx-*.wasm', r => r.fulfill({ status: 404, body: 'not found' }));
    await drop(page, pairs());
    await settled(page, 4);
    await page.click('[data-testid=download-xlsx]');
    await page.waitForSelector('[data-testid=error]');
    const msg = await page.textContent('[data-testid=error]');
    assert(msg.includes('无法加载 Excel 导出模块') && msg.includes('404') && msg.includes('CSV'), `message: ${msg}`);
    assert(!(await page.$('[data-testid=xlsx-busy]')), 'no exporting state left');
    eq((await rowsOf(page)).length, 4, 'the batch is kept');
    // Once the server has it, the next click loads it: a failure is not remembered.
    await page.unroute('**/nianbao-xlsx-*.wasm');
    const [d] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-xlsx]')]);
    eq(fs.readFileSync(await d.path()).subarray(0, 4).toString('hex'), '504b0304', 'a zip (xlsx) downloaded');
    await page.close();
  });

  test('重新开始 while the .xlsx module loads: the emptied batch is not saved', async ({ ctx, origin }) => {
    const page = await fresh(ctx, origin);
    await page.route('**/nianbao-xlsx-*.wasm', async r => { await new Promise(ok => setTimeout(ok, 1000)); await r.continue(); });
    const downloads = [];
    page.on('download', d => downloads.push(d.suggestedFilename()));
    await drop(page, pairs());
    await settled(page, 4);
    await page.click('[data-testid=download-xlsx]');
    await page.waitForSelector('[data-testid=xlsx-busy]');
    await page.click('[data-testid=reset]');
    await page.waitForTimeout(2000);
    eq(downloads, [], 'nothing saved after the reset');
    assert(!(await page.$('[data-testid=xlsx-busy]')), 'no exporting state left');
    // The next batch exports as usual (the module is compiled by now).
    await drop(page, pairs());
    await settled(page, 4);
    const [d] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-xlsx]')]);
    eq(d.suggestedFilename(), 'nianbao-汇总.xlsx', 'saved');
    eq(page.errors, [], 'no page errors');
    await page.close();
  });

  test('重新开始 during a batch stops it: nothing of it comes back', async ({ ctx, origin }) => {
    const page = await fresh(ctx, origin);
    const files = Array.from({ length: 120 }, (_, i) => ({ name: `r${i}.txt`, text: seed(SEEDS[i % SEEDS.length]) }));
    await drop(page, files);
    await page.waitForSelector('[data-testid=batch-progress]');
    await page.click('[data-testid=reset]');
    await page.waitForTimeout(1500);
    assert(!(await page.$('[data-testid=batch-summary]')) && !(await page.$('[data-testid=batch-progress]')), 'no summary, no progress');
    eq(await page.inputValue('[data-testid=report-input]'), '', 'box empty');
    assert(!(await page.$('[data-testid=verdict]')), 'no results');
    // And the next drop works as usual.
    await drop(page, files.slice(0, 3));
    await settled(page, 3);
    eq(page.errors, [], 'no page errors');
    await page.close();
  });

  test('the single file nianbao.html from file://: the batch view, Y1 and the .xlsx work there too', async ({ browser }) => {
    const { c, page, errors } = await openSingleFile(browser, { acceptDownloads: true });
    await drop(page, pairs());
    await settled(page, 4);
    eq(await page.$$eval('[data-testid=batch-across] li', e => e.length), 2, 'Y1 across the open reports');
    const [d] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-xlsx]')]);
    const xlsx = fs.readFileSync(await d.path());
    eq(xlsx.subarray(0, 4).toString('hex'), '504b0304', 'a zip (xlsx) downloaded');
    // Written by the module inlined in the file: both sheets (names are stored as is).
    assert(xlsx.includes('xl/worksheets/sheet2.xml') && xlsx.includes('xl/sharedStrings.xml'), 'a workbook of two sheets');
    eq(errors, [], 'no errors (a CSP violation would show here)');
    await c.close();
  });

  test('200 reports, as a .zip and as 200 files: checked in under 5 s, the page responsive meanwhile', async ({ ctx, origin }) => {
    // Typical reports: the five seeds, each body made its own (街道1…200), with a wrong
    // number planted in every fifth.
    const files = Array.from({ length: 200 }, (_, i) => {
      let text = seed(SEEDS[i % SEEDS.length]);
      text = text.replace(/^(.*?)(\S{2})(办事处|人民政府|委员会|局)/m, (m, a, b, c) => `${a}${b}${i + 1}号${c}`);
      if (i % 5 === 3) text = text.replace('（七）总计\n\t2', '（七）总计\n\t5'); // seed 003
      return { name: `报告${String(i + 1).padStart(3, '0')}.txt`, text };
    });
    const zip = zipOf(storedZip, files);
    const times = { zip: [], files: [] };
    let longest = 0;
    const gaps = [];
    for (let run = 0; run < 3; run++) {
      for (const how of ['zip', 'files']) {
        const page = await fresh(ctx, origin);
        const payload = how === 'zip' ? [{ name: '全区年报.zip', b64: zip.toString('base64') }] : files.map(f => ({ name: f.name, b64: Buffer.from(f.text).toString('base64') }));
        const got = await page.evaluate(async payload => {
          const list = payload.map(f => new File([Uint8Array.from(atob(f.b64), c => c.charCodeAt(0))], f.name));
          // The longest the page went without running a timer: how responsive it stayed.
          let last = performance.now(), gap = 0;
          const tick = setInterval(() => { const now = performance.now(); gap = Math.max(gap, now - last); last = now; }, 5);
          const dt = new DataTransfer();
          for (const f of list) dt.items.add(f);
          const t0 = performance.now();
          document.querySelector('.page').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
          let sawProgress = false;
          for (;;) {
            await new Promise(r => setTimeout(r, 10));
            sawProgress ||= !!document.querySelector('[data-testid=batch-progress]');
            if (document.querySelectorAll('[data-testid=batch-summary] [data-report]').length === 200 && !document.querySelector('[data-testid=batch-progress]')) break;
            if (performance.now() - t0 > 60000) break;
          }
          const ms = performance.now() - t0;
          clearInterval(tick);
          return { ms, gap, sawProgress, rows: document.querySelectorAll('[data-testid=batch-summary] [data-report]').length };
        }, payload);
        eq(got.rows, 200, `${how}: 200 rows`);
        assert(got.sawProgress, `${how}: progress shown`);
        times[how].push(got.ms);
        longest = Math.max(longest, got.gap);
        gaps.push(`${how} ${got.gap.toFixed(0)}`);
        if (run === 0) {
          const rows = await rowsOf(page);
          const planted = rows.filter(r => +r.report.match(/(\d{3})\.txt$/)[1] % 5 === 4);
          eq(planted.length, 40, `${how}: 40 with a planted error`);
          assert(planted.every(r => r.errors > 0), `${how}: each planted error found`);
          if (how === 'zip') assert(rows[0].report === '全区年报.zip/报告001.txt', `zip sources: ${rows[0].report}`);
        }
        eq(page.errors, [], 'no page errors');
        await page.close();
      }
    }
    const median = a => [...a].sort((x, y) => x - y)[1];
    console.log(`     200 reports: .zip ${times.zip.map(t => t.toFixed(0)).join('/')} ms (median ${median(times.zip).toFixed(0)}), 200 files ${times.files.map(t => t.toFixed(0)).join('/')} ms (median ${median(times.files).toFixed(0)}); longest pause of the page ${longest.toFixed(0)} ms (${gaps.join(', ')})`);
    assert(median(times.zip) < 5000 && median(times.files) < 5000, 'under 5 s');
    assert(longest < 500, `the page answered within 500 ms throughout (longest ${longest.toFixed(0)} ms)`);
  });
}
