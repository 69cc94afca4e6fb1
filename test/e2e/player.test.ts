import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserUnavailable, launchChromium } from './helpers/browser.js';
import type { RequestListener } from 'node:http';
import { listen, switchable, type Running, type SeenRequest } from './helpers/http.js';
import { fakeMoodle, mediaVideojsBlock, pageHtml, playerConfig, PLUGINFILE_PATH, type FakeMoodle } from './helpers/moodle.js';
import type { ZoomWindow } from './helpers/page-api.js';
import { REPO_ROOT } from './helpers/player-bundle.js';
import { contextCookies, startEdge, type Edge } from './helpers/edge.js';
import { publishTestStream, type TestStream } from './helpers/stream.js';

const why = browserUnavailable();
if (why) console.log(`player e2e skipped: ${why}`);

const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');

describe.skipIf(!!why)('player bundle in Chromium: Moodle-shaped pages on origin A, stream on origin B', () => {
  let moodle: FakeMoodle;
  let origin: Running;
  let cdn: Running;
  let stream: TestStream;
  let browser: Browser;
  let edge: Edge;
  const seen: SeenRequest[] = [];

  beforeAll(async () => {
    moodle = fakeMoodle('');
    origin = await listen(moodle.app);
    const cdnHandler = switchable();
    cdn = await listen(cdnHandler.listener);
    const cdnBase = `${cdn.origin}/media`;
    stream = await publishTestStream(cdnBase);
    // Origin B is the sidecar's own edge: it serves only what valid CloudFront cookies open.
    edge = await startEdge({ cdnOrigin: cdn.origin, moodleOrigin: origin.origin, mediaRoot: stream.mediaRoot, seen });
    cdnHandler.use(edge.app as unknown as RequestListener);
    moodle.teacherPlaylist = stream.teacherPlaylist;
    const config = playerConfig(origin.origin, cdnBase, stream.courseId);
    moodle.pages.set('/mod/page/view.php', pageHtml(mediaVideojsBlock(`${origin.origin}${PLUGINFILE_PATH}`), { zoomhls: config, coreVideojs: true }));
    moodle.pages.set('/mod/page/footer.php', pageHtml(mediaVideojsBlock(`${origin.origin}${PLUGINFILE_PATH}`), { zoomhls: config, coreVideojs: true, placement: 'footer' }));
    moodle.pages.set('/mod/forum/discuss.php', pageHtml(`<p>See <a href="${stream.masterUrl}">Lecture 1 (recording)</a> before Friday.</p>`, { zoomhls: config, coreVideojs: false }));
    moodle.pages.set(
      '/course/view.php',
      pageHtml(
        `<div id="section"></div><script>
          setTimeout(function () {
            var s = document.getElementById('section');
            s.innerHTML = ${JSON.stringify(mediaVideojsBlock(`${origin.origin}${PLUGINFILE_PATH}`, 'id_videojs_later'))};
            document.dispatchEvent(new CustomEvent('core_filters/contentUpdated', { detail: { nodes: [s] } }));
          }, 300);
        </script>`,
        { zoomhls: config, coreVideojs: true },
      ),
    );
    browser = await launchChromium();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await cdn?.close();
    await edge?.close();
    await origin?.close();
    stream?.cleanup();
  });

  async function newContext(): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: { width: 1000, height: 720 } });
    // What Moodle does at login: CloudFront cookies for the user's course from /v1/access.
    await context.addCookies(contextCookies(await edge.mint('course:12'), '127.0.0.1'));
    return context;
  }

  async function waitForTime(page: Page, seconds: number): Promise<void> {
    await page.waitForFunction((s) => {
      const p = (window as unknown as ZoomWindow).ZoomHLS.getPlayers()[0];
      return !!p && p.currentTime() >= s;
    }, seconds, { timeout: 45_000 });
  }

  it("takes over Moodle's media_videojs embed before core Video.js, plays ≥ 5 s with credentials on every CDN request", async () => {
    const context = await newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    seen.length = 0;
    await page.goto(`${origin.origin}/mod/page/view.php`);
    await page.waitForSelector('.zoomhls-embed .video-js.vjs-paused');
    // Moodle's loader has run by now and found nothing left to initialise.
    await page.waitForFunction(() => (window as unknown as ZoomWindow).moodleLoaderRuns >= 1);
    await page.waitForTimeout(200);
    const players = await page.evaluate(() => ({
      all: document.querySelectorAll('.video-js').length,
      ours: document.querySelectorAll('.zoomhls-embed .video-js').length,
      core: (window as unknown as ZoomWindow).coreVideojsPlayers ?? 0,
      original: !!document.getElementById('id_videojs_1'),
    }));
    expect(players).toEqual({ all: 1, ours: 1, core: 0, original: false });

    await page.click('.vjs-big-play-button');
    await waitForTime(page, 5);

    const segments = seen.filter((r) => r.path.endsWith('.ts'));
    expect(segments.length).toBeGreaterThanOrEqual(2);
    for (const r of seen) {
      expect(r.status, r.path).toBe(200);
      expect(r.cookie, r.path).toMatch(/CloudFront-Policy=[^;]+; CloudFront-Signature=[^;]+; CloudFront-Key-Pair-Id=KE2EPLAYER; CloudFront-Hash-Algorithm=SHA256/);
    }
    // The player's own requests are CORS requests from origin A with credentials.
    expect(segments.filter((r) => r.origin === origin.origin).length).toBeGreaterThanOrEqual(2);
    expect(seen.some((r) => r.path.endsWith('/index.m3u8'))).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lists the captions, offers qualities and rates, draws the watermark (also in fullscreen), hides downloads and the context menu', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${origin.origin}/mod/page/view.php`);
    await page.waitForSelector('.zoomhls-embed .video-js');
    await page.click('.vjs-big-play-button');
    await waitForTime(page, 1);

    const tracks = await page.evaluate(() =>
      Array.from((window as unknown as ZoomWindow).ZoomHLS.getPlayers()[0]!.textTracks())
        .filter((t) => t.kind === 'subtitles' || t.kind === 'captions')
        .map((t) => ({ kind: t.kind, label: t.label, language: t.language })),
    );
    expect(tracks).toEqual([{ kind: 'subtitles', label: 'English', language: 'en' }]);
    const captionItems = await page.$$eval('.vjs-subs-caps-button .vjs-menu-item', (els) => els.map((e) => e.textContent?.trim() ?? ''));
    expect(captionItems.some((t) => t.startsWith('English'))).toBe(true);

    const qualityItems = await page.$$eval('.zoomhls-quality .vjs-menu-item', (els) => els.map((e) => (e.textContent ?? '').replace(/,.*$/, '').trim()));
    expect(qualityItems).toEqual(['Auto', '360p', '240p']);
    const rates = await page.$$eval('.vjs-playback-rate .vjs-menu-item', (els) => els.map((e) => parseFloat(e.textContent ?? '')));
    expect(Math.min(...rates)).toBe(0.5);
    expect(Math.max(...rates)).toBe(2);

    // Keyboard: captions on with "c", and every control has a name.
    await page.focus('.zoomhls-embed .video-js');
    await page.keyboard.press('c');
    const mode = await page.evaluate(() => Array.from((window as unknown as ZoomWindow).ZoomHLS.getPlayers()[0]!.textTracks()).find((t) => t.label === 'English')!.mode);
    expect(mode).toBe('showing');
    const unnamed = await page.$$eval('.vjs-control-bar button', (els) =>
      els.filter((b) => !((b.querySelector('.vjs-control-text')?.textContent ?? '').trim() || b.getAttribute('aria-label') || b.getAttribute('title'))).length,
    );
    expect(unnamed).toBe(0);

    const mark = await page.evaluate(() => {
      const el = document.querySelector<HTMLElement>('.zoomhls-watermark')!;
      const box = el.getBoundingClientRect();
      const player = document.querySelector('.zoomhls-embed .video-js')!.getBoundingClientRect();
      const style = getComputedStyle(el);
      return {
        text: el.textContent,
        opacity: Number(style.opacity),
        display: style.display,
        inside: box.left >= player.left && box.right <= player.right && box.top >= player.top && box.bottom <= player.bottom,
      };
    });
    expect(mark).toEqual({ text: 'Ada Lovelace 12345', opacity: expect.any(Number), display: 'block', inside: true });
    expect(mark.opacity).toBeGreaterThan(0.1);
    expect(mark.opacity).toBeLessThan(0.5);
    // Removed by a "clever" student: back at once.
    await page.evaluate(() => document.querySelector('.zoomhls-watermark')!.remove());
    await page.waitForSelector('.zoomhls-watermark');

    const menu = await page.evaluate(() => {
      const ev = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
      document.querySelector('.zoomhls-embed video')!.dispatchEvent(ev);
      return ev.defaultPrevented;
    });
    expect(menu).toBe(true);
    expect(await page.$$('.zoomhls-embed a[download], .zoomhls-embed [class*="download"]')).toHaveLength(0);

    await page.screenshot({ path: path.join(ARTIFACTS, 'player-moodle-page.png') });

    await page.focus('.zoomhls-embed .video-js');
    await page.keyboard.press('f');
    await page.waitForFunction(() => !!document.fullscreenElement);
    const inFullscreen = await page.evaluate(() => document.fullscreenElement!.contains(document.querySelector('.zoomhls-watermark')));
    expect(inFullscreen).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'player-fullscreen.png') });
    await context.close();
  });

  it('also wins when the plugin prints the bundle at the end of the page', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${origin.origin}/mod/page/footer.php`);
    await page.waitForSelector('.zoomhls-embed .video-js');
    await page.waitForFunction(() => (window as unknown as ZoomWindow).moodleLoaderRuns >= 1);
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => [document.querySelectorAll('.video-js').length, (window as unknown as ZoomWindow).coreVideojsPlayers ?? 0])).toEqual([1, 0]);
    await page.click('.vjs-big-play-button');
    await waitForTime(page, 2);
    await context.close();
  });

  it('resumes where this user stopped after a reload', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${origin.origin}/mod/page/view.php`);
    await page.waitForSelector('.zoomhls-embed .video-js');
    await page.click('.vjs-big-play-button');
    await waitForTime(page, 7);
    await page.evaluate(() => (window as unknown as ZoomWindow).ZoomHLS.getPlayers()[0]!.el().querySelector('video')!.pause());
    const stopped = await page.evaluate(() => (window as unknown as ZoomWindow).ZoomHLS.getPlayers()[0]!.currentTime());
    await page.reload();
    await page.waitForFunction(() => {
      const p = (window as unknown as ZoomWindow).ZoomHLS.getPlayers()[0];
      return !!p && p.currentTime() > 0;
    });
    const resumed = await page.evaluate(() => (window as unknown as ZoomWindow).ZoomHLS.getPlayers()[0]!.currentTime());
    expect(resumed).toBeGreaterThanOrEqual(Math.floor(stopped) - 1);
    expect(resumed).toBeLessThanOrEqual(stopped + 1);
    await context.close();
  });

  it('turns a plain link into a player that plays the CDN playlist itself', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${origin.origin}/mod/forum/discuss.php`);
    await page.waitForSelector('.zoomhls-embed .video-js');
    expect(await page.$$(`a[href$=".m3u8"]`)).toHaveLength(0);
    expect(await page.textContent('#region-main')).toContain('before Friday');
    await page.click('.vjs-big-play-button');
    await waitForTime(page, 2);
    const title = await page.textContent('.vjs-title-bar-title');
    expect(title).toBe('Lecture 1 (recording)');
    await page.screenshot({ path: path.join(ARTIFACTS, 'player-plain-link.png') });
    await context.close();
  });

  it('takes content inserted later (core_filters/contentUpdated) before Moodle can, with one player', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${origin.origin}/course/view.php`);
    await page.waitForSelector('.zoomhls-embed .video-js');
    // Moodle's loader ran twice: at page load and for the inserted content.
    await page.waitForFunction(() => (window as unknown as ZoomWindow).moodleLoaderRuns >= 2);
    await page.waitForTimeout(300);
    const state = await page.evaluate(() => ({
      players: document.querySelectorAll('.video-js').length,
      core: (window as unknown as ZoomWindow).coreVideojsPlayers ?? 0,
      ours: (window as unknown as ZoomWindow).ZoomHLS.getPlayers().length,
    }));
    expect(state).toEqual({ players: 1, core: 0, ours: 1 });
    await context.close();
  });
});
