// Screenshots of the page at 1366×768, for a person to look at: node tests/e2e/shot.mjs OUT_DIR
import { chromium } from 'playwright-core';
import http from 'node:http'; import fs from 'node:fs'; import path from 'node:path';
import { fileURLToPath } from 'node:url';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(root, 'dist'), out = process.argv[2] || '/tmp';
const types = { '.wasm': 'application/wasm', '.js': 'text/javascript', '.css': 'text/css' };
const server = http.createServer((req, res) => {
  let f = path.join(dist, req.url.split('?')[0]);
  if (!fs.existsSync(f) || fs.statSync(f).isDirectory()) f = path.join(dist, 'index.html');
  res.writeHead(200, { 'content-type': types[path.extname(f)] || 'text/html; charset=utf-8' });
  fs.createReadStream(f).pipe(res);
});
await new Promise(ok => server.listen(0, '127.0.0.1', ok));
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const page = await b.newPage({ viewport: { width: 1366, height: 768 } });
await page.goto(`http://127.0.0.1:${server.address().port}/`);
await page.waitForSelector('[data-testid=report-input]');
const text = fs.readFileSync(path.join(root, 'tests/fixtures/seeds/003_790b0b6d2a207a20.txt'), 'utf8').replace('（七）总计\n\t2', '（七）总计\n\t5');
await page.fill('[data-testid=report-input]', text);
await page.waitForSelector('[data-testid=verdict]');
await page.screenshot({ path: path.join(out, 'page-1.png') });
await page.click('[data-code=single-cause]');
await page.waitForTimeout(800);
await page.screenshot({ path: path.join(out, 'page-2.png') });
await page.click('[data-testid=rules-toggle]');
await page.screenshot({ path: path.join(out, 'page-3.png') });
await b.close(); server.close();
