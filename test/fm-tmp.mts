import { chromium } from 'playwright-core';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
const stock = '/work/main/player/node_modules/video.js/dist';
const bundle = fs.readFileSync('/work/main/player/dist/zoomhls-player.js');
const page = (dir: string, which: string) => `<!DOCTYPE html><html><head><link rel="stylesheet" href="/vjs.css"><script src="/${which}.js"></script></head><body>
<video id="v" class="video-js" muted preload="auto" width="640" height="360"></video>
<script>
window.b = {};
var p = videojs('v', { html5: { vhs: { overrideNative: true } } });
var v = document.querySelector('#v video') || document.querySelector('video');
v.requestVideoFrameCallback(function () { window.b.ff = performance.now(); });
p.src({ src: '/${dir}/index.m3u8', type: 'application/x-mpegURL' });
</script></body></html>`;
const types: Record<string, string> = { '.js': 'application/javascript', '.css': 'text/css', '.m3u8': 'application/vnd.apple.mpegurl', '.ts': 'video/mp2t', '.m4s': 'video/mp4', '.mp4': 'video/mp4' };
const srv = http.createServer((req, res) => {
  const u = req.url!;
  const m = /^\/(ts|fm)-(stock|zhls)\.html$/.exec(u);
  if (m) { res.setHeader('content-type', 'text/html'); return res.end(page(m[1]!, m[2]!)); }
  res.setHeader('content-type', types[path.extname(u)] ?? 'application/octet-stream');
  if (u === '/stock.js') return res.end(fs.readFileSync(stock + '/video.min.js'));
  if (u === '/zhls.js') return res.end(bundle);
  if (u === '/vjs.css') return res.end(fs.readFileSync(stock + '/video-js.min.css'));
  if (!fs.existsSync('/tmp/fm' + u)) { res.statusCode = 404; return res.end(); }
  res.end(fs.readFileSync('/tmp/fm' + u));
}).listen(0);
await new Promise((r) => srv.once('listening', r));
const port = (srv.address() as any).port;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'] });
const res: Record<string, number[]> = {};
for (let i = 0; i < 7; i++) for (const p of ['ts-stock', 'fm-stock']) {
  const ctx = await browser.newContext(); const pg = await ctx.newPage();
  await pg.goto(`http://127.0.0.1:${port}/${p}.html`);
  await pg.waitForFunction(() => (window as any).b.ff, undefined, { timeout: 20000 });
  const ff = await pg.evaluate(() => (window as any).b.ff);
  (res[p] ??= []).push(Math.round(ff));
  await ctx.close();
}
for (const [k, v] of Object.entries(res)) console.log(k, 'median', [...v].sort((a, b) => a - b)[3], v.join('/'));
await browser.close(); srv.close();
