import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserUnavailable, launchChromium } from './helpers/browser.js';
import type { RequestListener } from 'node:http';
import { listen, switchable, type Running, type SeenRequest } from './helpers/http.js';
import { fakeMoodle, mediaVideojsBlock, pageHtml, playerConfig, PLUGINFILE_PATH, type FakeMoodle } from './helpers/moodle.js';
import type { ZoomWindow } from './helpers/page-api.js';
import { contextCookies, setCookieHeader, startEdge, type Edge } from './helpers/edge.js';
import { publishTestStream, type TestStream } from './helpers/stream.js';

const why = browserUnavailable();
if (why) console.log(`player access e2e skipped: ${why}`);

/**
 * The player's side of access: 403 from the CDN → Moodle's refresh service → resume, or a message.
 * Origin B is the sidecar's own edge, checking CloudFront signed cookies minted by its /v1/access.
 */

describe.skipIf(!!why)('player access recovery in Chromium (403 → refresh → resume or message)', () => {
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
    stream = await publishTestStream(`${cdn.origin}/media`, 12, 10);
    edge = await startEdge({ cdnOrigin: cdn.origin, moodleOrigin: origin.origin, mediaRoot: stream.mediaRoot, seen });
    cdnHandler.use(edge.app as unknown as RequestListener);
    moodle.teacherPlaylist = stream.teacherPlaylist;
    const config = playerConfig(origin.origin, `${cdn.origin}/media`, stream.courseId);
    moodle.pages.set('/mod/page/view.php', pageHtml(mediaVideojsBlock(`${origin.origin}${PLUGINFILE_PATH}`), { zoomhls: config, coreVideojs: false }));
    moodle.pages.set('/mod/forum/discuss.php', pageHtml(`<a href="${stream.masterUrl}">Lecture 1</a>`, { zoomhls: config, coreVideojs: false }));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await cdn?.close();
    await edge?.close();
    await origin?.close();
    stream?.cleanup();
  });

  async function open(path: string, scope: string | null): Promise<Page> {
    const context = await browser.newContext();
    // What Moodle does at login: cookies from /v1/access, set for the CDN host.
    if (scope) await context.addCookies(contextCookies(await edge.mint(scope), '127.0.0.1'));
    const page = await context.newPage();
    seen.length = 0;
    moodle.refreshCalls.length = 0;
    await page.goto(`${origin.origin}${path}`);
    return page;
  }

  it('without cookies: the first 403 asks Moodle once, the fresh cookies open the stream and playback goes on', async () => {
    moodle.refreshMode = 'ok';
    moodle.onRefreshOk = async (res) => {
      res.setHeader('Set-Cookie', (await edge.mint('course:12')).map(setCookieHeader));
    };
    const page = await open('/mod/forum/discuss.php', null);
    await page.waitForSelector('.zoomhls-embed .video-js');
    await page.click('.vjs-big-play-button');
    await page.waitForFunction(() => ((window as unknown as ZoomWindow).ZoomHLS.getPlayers()[0]?.currentTime() ?? 0) >= 5, undefined, { timeout: 45_000 });
    expect(moodle.refreshCalls).toEqual([[{ index: 0, methodname: 'local_zoomhls_refresh_access', args: { courseid: 12 } }]]);
    expect(seen[0]!.status).toBe(403);
    expect(seen[0]!.cookie).toBe('');
    const after = seen.slice(seen.findIndex((r) => r.status === 200 || r.status === 206));
    expect(after.filter((r) => r.path.endsWith('.ts')).length).toBeGreaterThanOrEqual(2);
    for (const r of after) {
      expect(r.status, r.path).toBe(200);
      expect(r.cookie, r.path).toMatch(/CloudFront-Policy=[^;]+; CloudFront-Signature=[^;]+; CloudFront-Key-Pair-Id=KE2EPLAYER/);
    }
    expect(await page.$('.zoomhls-message')).toBeNull();
    await page.context().close();
  });

  it("with another course's cookies: refreshed once, still refused → the denied message, not a spinner", async () => {
    // Moodle answers ok but its cookies are for course 13 only (as a student of course 13 alone gets).
    moodle.refreshMode = 'ok';
    moodle.onRefreshOk = async (res) => {
      res.setHeader('Set-Cookie', (await edge.mint('course:13')).map(setCookieHeader));
    };
    const page = await open('/mod/page/view.php', 'course:13');
    const message = await page.waitForSelector('.zoomhls-message[role="alert"]', { timeout: 30_000 });
    expect(await message.getAttribute('data-type')).toBe('access-denied');
    expect(await message.textContent()).toContain('You do not have access to this video.');
    expect(moodle.refreshCalls).toHaveLength(1);
    expect(await page.isVisible('.vjs-loading-spinner')).toBe(false);
    expect(await page.isVisible('.vjs-error-display')).toBe(false);
    const before = seen.length;
    await page.waitForTimeout(1500);
    expect(seen.length).toBe(before); // stopped: no retry loop against the CDN
    expect(seen.every((r) => r.status === 403)).toBe(true);
    await page.context().close();
  });

  it('without cookies, when Moodle says the user may not view the course: the denied message after the refresh', async () => {
    moodle.refreshMode = 'denied';
    const page = await open('/mod/page/view.php', null);
    const message = await page.waitForSelector('.zoomhls-message', { timeout: 30_000 });
    expect(await message.getAttribute('data-type')).toBe('access-denied');
    expect(moodle.refreshCalls).toHaveLength(1);
    await page.context().close();
  });

  it('when the Moodle session has ended: the session message with a log-in link', async () => {
    moodle.refreshMode = 'session-ended';
    const page = await open('/mod/page/view.php', null);
    const message = await page.waitForSelector('.zoomhls-message', { timeout: 30_000 });
    expect(await message.getAttribute('data-type')).toBe('session-ended');
    expect(await page.getAttribute('.zoomhls-message a', 'href')).toBe(`${origin.origin}/login/index.php`);
    expect(await page.textContent('.zoomhls-message a')).toBe('Log in');
    await page.context().close();
  });
});
