/**
 * Player start-up benchmark (not a test): page load → first frame, and → 5 s played, on loopback,
 * median of 5, for the zoomhls bundle beside Moodle-style core Video.js (stock video.min.js with
 * VHS, initialised by a media_videojs-like loader after page load) on the same stream. Each page
 * load has a fresh browser context (cold HTTP cache); one uncounted warm-up round comes first and
 * the order alternates between rounds.
 *
 *   pnpm bench:player
 */
import { browserUnavailable, launchChromium } from '../../test/e2e/helpers/browser.js';
import { listen, type SeenRequest } from '../../test/e2e/helpers/http.js';
import { fakeMoodle, mediaVideojsBlock, pageHtml, playerConfig, PLUGINFILE_PATH } from '../../test/e2e/helpers/moodle.js';
import { buildPlayer } from '../../test/e2e/helpers/player-bundle.js';
import { staticCdn } from '../../test/e2e/helpers/static-cdn.js';
import { publishTestStream } from '../../test/e2e/helpers/stream.js';

const RUNS = Number(process.env["BENCH_RUNS"] ?? 5);

// Runs in the page before any of its scripts: timestamps (ms since navigation start) of the first
// decoded frame and of 5 s of playback, for whichever Video.js <video> appears.
const PROBE = `
window.__bench = { firstFrame: null, played5: null, events: {} };
(function watch() {
  var v = document.querySelector('.video-js video');
  if (!v) return setTimeout(watch, 5);
  window.__bench.events.video = performance.now();
  ['loadstart', 'loadedmetadata', 'loadeddata', 'canplay', 'play', 'playing'].forEach(function (e) {
    v.addEventListener(e, function () { if (!window.__bench.events[e]) window.__bench.events[e] = performance.now(); });
  });
  v.requestVideoFrameCallback(function () { window.__bench.firstFrame = performance.now(); });
  v.addEventListener('timeupdate', function () {
    if (window.__bench.played5 === null && v.currentTime >= 5) window.__bench.played5 = performance.now();
  });
})();`;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main(): Promise<void> {
  const why = browserUnavailable();
  if (why) {
    console.log(`bench:player cannot run: ${why}`);
    process.exit(1);
  }
  await buildPlayer();
  const seen: SeenRequest[] = [];
  const moodle = fakeMoodle('');
  const origin = await listen(moodle.app);
  const media = { root: '' };
  const cdn = await listen(staticCdn(media, () => origin.origin, seen));
  const stream = await publishTestStream(`${cdn.origin}/media`, 12, 20);
  media.root = stream.mediaRoot;
  moodle.teacherPlaylist = stream.teacherPlaylist;
  const block = mediaVideojsBlock(`${origin.origin}${PLUGINFILE_PATH}`);
  moodle.pages.set('/zoomhls.php', pageHtml(block, { zoomhls: playerConfig(origin.origin, `${cdn.origin}/media`, 12, 'Ada Lovelace 12345'), coreVideojs: true }));
  moodle.pages.set('/core.php', pageHtml(block, { zoomhls: null, coreVideojs: true }));

  const browser = await launchChromium();
  const pipelines: Record<string, string> = {};
  const results: Record<string, { firstFrame: number[]; played5: number[] }> = {
    'zoomhls bundle': { firstFrame: [], played5: [] },
    'core Video.js (Moodle-style)': { firstFrame: [], played5: [] },
  };
  try {
    const pages = [['zoomhls bundle', '/zoomhls.php'], ['core Video.js (Moodle-style)', '/core.php']] as const;
    // Round -1 is a warm-up, not counted: the first page a fresh browser plays pays for starting
    // its media stack and worker processes, whichever player it is. The order then alternates, so
    // neither player always runs on the heels of the other.
    for (let i = -1; i < RUNS; i++) {
      for (const [name, path] of i % 2 === 0 ? pages : [...pages].reverse()) {
        const context = await browser.newContext({ viewport: { width: 1000, height: 720 } }); // cold cache each run
        await context.addInitScript(PROBE);
        const page = await context.newPage();
        await page.goto(`${origin.origin}${path}`, { waitUntil: 'commit' });
        await page.waitForSelector('.video-js video');
        await page.evaluate(() => void document.querySelector<HTMLVideoElement>('.video-js video')!.play());
        await page.waitForFunction(() => (window as unknown as { __bench: { played5: number | null } }).__bench.played5 !== null, undefined, { timeout: 60_000 });
        const r = await page.evaluate(() => (window as unknown as { __bench: { firstFrame: number; played5: number } }).__bench);
        const playback = await page.evaluate(() => (document.querySelector<HTMLVideoElement>('.video-js video')!.currentSrc.startsWith('blob:') ? 'MSE (VHS)' : 'native HLS'));
        pipelines[name] = playback;
        if (process.env['BENCH_DEBUG']) {
          const res = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => `${e.name.split('/').slice(-2).join('/')} ${e.startTime.toFixed(0)}-${(e as PerformanceResourceTiming).responseEnd.toFixed(0)}`));
          const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((e) => `${e.name} ${e.startTime.toFixed(0)}`));
          console.log(name, JSON.stringify(r), res.join('  '), marks.join('  '));
        }
        if (i >= 0) {
          results[name]!.firstFrame.push(r.firstFrame);
          results[name]!.played5.push(r.played5);
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await cdn.close();
    await origin.close();
    stream.cleanup();
  }
  console.log(`\nplayer start-up on loopback, 20 s 640x360 ABR stream (360p+240p), Chromium headless, median of ${RUNS}`);
  console.log('player                         pipeline       first frame    5 s played   (all runs, ms)');
  for (const [name, r] of Object.entries(results)) {
    console.log(
      `${name.padEnd(30)} ${(pipelines[name] ?? '').padEnd(12)} ${median(r.firstFrame).toFixed(0).padStart(8)} ms ${median(r.played5).toFixed(0).padStart(10)} ms   ff ${r.firstFrame.map((v) => v.toFixed(0)).join('/')}  5s ${r.played5.map((v) => v.toFixed(0)).join('/')}`,
    );
  }
}

await main();
