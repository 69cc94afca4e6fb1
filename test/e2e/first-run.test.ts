/**
 * What a new admin sees: `zoomhls serve` on embedded defaults (SQLite, local media, built-in
 * edge), `zoomhls import some.mp4 --course 1`, and the page at `/` plays the recording with
 * cookies minted for the local demo user.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClip } from '@zoomhls/sidecar/test/helpers/media.js';
import { browserUnavailable, launchChromium } from './helpers/browser.js';
import type { ZoomWindow } from './helpers/page-api.js';
import { REPO_ROOT } from './helpers/player-bundle.js';

const why = browserUnavailable();
if (why) console.log(`first-run e2e skipped: ${why}`);

describe.skipIf(!!why)('first run on embedded defaults', () => {
  let dir: string;
  let server: ResultPromise;
  let base: string;
  let browser: Browser;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zoomhls-first-'));
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    base = `http://127.0.0.1:${port}`;
    // Only the data folder and the port differ from a bare `pnpm start`.
    env = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? dir, ZOOMHLS_PORT: String(port), ZOOMHLS_DATA_DIR: dir, ZOOMHLS_DATABASE_URL: `sqlite:${dir}/zoomhls.sqlite`, ZOOMHLS_MEDIA_DIR: `${dir}/media`, ZOOMHLS_REPOSITORY_DIR: `${dir}/repository` };
    server = execa(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], { cwd: path.join(REPO_ROOT, 'sidecar'), env, extendEnv: false, reject: false });
    for (let i = 0; i < 300 && !(await fetch(`${base}/healthz`).then((r) => r.ok, () => false)); i++) await new Promise((r) => setTimeout(r, 100));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
    await server;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows the import status and plays an imported recording at /', async () => {
    const empty = await fetch(`${base}/`);
    expect(empty.status).toBe(200);
    expect(await empty.text()).toContain('No recordings yet.');

    const clip = await makeClip({ seconds: 10, width: 640, height: 360, lecture: true });
    const imported = await execa(process.execPath, ['--import', 'tsx', 'src/main.ts', 'import', clip, '--course', '1', '--topic', 'First lecture'], {
      cwd: path.join(REPO_ROOT, 'sidecar'), env, extendEnv: false, reject: false,
    });
    expect(imported.exitCode, String(imported.stderr)).toBe(0);

    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/`);
    await page.waitForSelector('li[data-state="published"] h2');
    expect(await page.textContent('li[data-state="published"] h2')).toContain('First lecture');
    await page.waitForFunction(() => {
      const p = (window as unknown as ZoomWindow).ZoomHLS?.getPlayers()[0];
      if (p && p.paused()) void (p as unknown as { play(): Promise<void> }).play()?.catch?.(() => undefined);
      return !!p && p.currentTime() >= 3;
    }, undefined, { timeout: 60_000, polling: 250 });
    // The player is titled with the recording's topic (its title bar is built after the first frame).
    expect(await page.textContent('.vjs-title-bar-title')).toBe('First lecture');
    // The segments came through the edge with the demo user's cookies; without them: 403.
    const segment = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).find((n) => n.endsWith('.ts')));
    expect(segment).toMatch(/\/media\/[0-9a-f]{32}\/[0-9a-f]{32}\/v0\/seg_\d{5}\.ts$/);
    expect((await fetch(segment!)).status).toBe(403);
  });
});
