// A static server for dist/ on a random free loopback port, for the browser scripts.
// `base` is the sub-path the page is served under; `served` records every request.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const dist = path.join(root, 'dist');
const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json' };

export function serve(base = '/') {
  const served = [];
  const server = http.createServer((req, res) => {
    served.push(req.url);
    const url = decodeURIComponent(req.url.split('?')[0]);
    if (!url.startsWith(base)) { res.writeHead(404); return res.end(); }
    let file = path.join(dist, url.slice(base.length) || 'index.html');
    if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(dist, 'index.html');
    res.writeHead(200, { 'content-type': MIME[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise(ok => server.listen(0, '127.0.0.1', () => ok({ server, served, origin: `http://127.0.0.1:${server.address().port}`, url: `http://127.0.0.1:${server.address().port}${base}` })));
}

// Debian's chromium with the flags a closed network needs.
export const CHROMIUM = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
};
