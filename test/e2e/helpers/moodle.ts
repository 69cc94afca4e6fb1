import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import { PLAYER_CSS, PLAYER_JS, REPO_ROOT } from './player-bundle.js';

/** What the fake Moodle's refresh service (local_zoomhls_refresh_access) answers. */
export type RefreshMode = 'ok' | 'denied' | 'session-ended';

export interface FakeMoodle {
  app: express.Express;
  /** Pages by path; each is the HTML of `#region-main`. */
  pages: Map<string, string>;
  refreshMode: RefreshMode;
  /** Called for an 'ok' refresh: sets the fresh CloudFront cookies on the response. */
  onRefreshOk: (res: express.Response) => Promise<void> | void;
  refreshCalls: unknown[];
  /** The teacher's playlist, served as pluginfile.php would. */
  teacherPlaylist: string;
}

export const PLUGINFILE_PATH = '/pluginfile.php/31/mod_page/content/1/2026-12-04%200930%20Lecture%201.m3u8';

/** Moodle media_videojs output for a playlist (as in Moodle 4.x/5.x). */
export function mediaVideojsBlock(src: string, id = 'id_videojs_1', title = 'Lecture 1'): string {
  const setup = JSON.stringify({ techOrder: ['html5'], fluid: true, playbackRates: [0.5, 1, 2] }).replace(/"/g, '&quot;');
  return `<div class="mediaplugin mediaplugin_videojs d-block">
<div style="max-width:640px;"><video id="${id}" class="video-js" preload="auto" controls="true" title="${title}" data-setup-lazy="${setup}"><source src="${src}" type="application/x-mpegURL" />
<a class="mediafallbacklink" href="${src}">${title}.m3u8</a></video></div></div>`;
}

export interface PageOptions {
  /** null: a page without the zoomhls bundle (Moodle's own Video.js only). */
  zoomhls: Record<string, unknown> | null;
  /** Add Moodle's own media_videojs loader (stock Video.js 8 with VHS), which runs after page load. */
  coreVideojs: boolean;
  /** Where the plugin prints the bundle: in <head> (recommended) or at the end of <body>. */
  placement?: 'head' | 'footer';
}

export function pageHtml(main: string, options: PageOptions): string {
  const css = options.zoomhls ? '<link rel="stylesheet" href="/local/zoomhls/player/zoomhls-player.css">' : '';
  const scripts = options.zoomhls
    ? `<script src="/local/zoomhls/player/zoomhls-player.js"></script>
<script>window.ZoomHLS && window.ZoomHLS.init(${JSON.stringify(options.zoomhls)})</script>`
    : '';
  const inHead = (options.placement ?? 'head') === 'head';
  const head = css + (inHead ? scripts : '');
  const bundle = inHead ? '' : scripts;
  // Like media_videojs/loader (AMD, after the page): for every `.mediaplugin_videojs` audio/video still
  // in the page, and in content announced later by core_filters/contentUpdated, it imports Video.js
  // and calls videojs(id, data-setup-lazy). With nothing left to set up, Video.js is never fetched.
  const core = options.coreVideojs
    ? `<link rel="stylesheet" href="/core-videojs/video-js.min.css">
<script>
window.moodleLoaderRuns = 0;
window.moodleLoader = function (roots) {
  window.moodleLoaderRuns += 1;
  var found = [];
  roots.forEach(function (root) {
    if (!root || !root.querySelectorAll) return;
    if (root.matches && root.matches('.mediaplugin_videojs')) found.push.apply(found, root.querySelectorAll('audio, video'));
    found.push.apply(found, root.querySelectorAll('.mediaplugin_videojs audio, .mediaplugin_videojs video'));
  });
  if (found.length === 0) return;
  window.coreVideojsLoading = window.coreVideojsLoading || new Promise(function (resolve) {
    var s = document.createElement('script');
    s.src = '/core-videojs/video.min.js';
    s.onload = resolve;
    document.head.appendChild(s);
  });
  window.coreVideojsLoading.then(function () {
    found.forEach(function (el) {
      window.coreVideojsPlayers = (window.coreVideojsPlayers || 0) + 1;
      window.videojs(el.id, JSON.parse(el.getAttribute('data-setup-lazy') || '{}'));
    });
  });
};
setTimeout(function () {
  window.moodleLoader([document.body]);
  document.addEventListener('core_filters/contentUpdated', function (e) {
    var nodes = e.detail && e.detail.nodes;
    window.moodleLoader(nodes && nodes.length !== undefined ? Array.prototype.slice.call(nodes) : [nodes || document.body]);
  });
}, 0);
</script>`
    : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lecture 1 | Course 12</title>${head}
<style>body{font-family:sans-serif;margin:0;background:#f5f5f5}#region-main{max-width:800px;margin:16px auto;background:#fff;padding:16px}</style>
</head><body><div id="page"><div id="region-main">${main}</div></div>
${bundle}
${core}
</body></html>`;
}

/** Origin A: a stand-in for Moodle's pages, pluginfile.php and lib/ajax/service.php. */
export function fakeMoodle(teacherPlaylist: string): FakeMoodle {
  const app = express();
  const state: FakeMoodle = { app, pages: new Map(), refreshMode: 'ok', onRefreshOk: () => undefined, refreshCalls: [], teacherPlaylist };
  app.get('/local/zoomhls/player/zoomhls-player.js', (_req, res) => res.type('application/javascript').send(fs.readFileSync(PLAYER_JS)));
  app.get('/local/zoomhls/player/zoomhls-player.css', (_req, res) => res.type('text/css').send(fs.readFileSync(PLAYER_CSS)));
  const stock = path.join(REPO_ROOT, 'player/node_modules/video.js/dist');
  app.get('/core-videojs/video.min.js', (_req, res) => res.type('application/javascript').send(fs.readFileSync(path.join(stock, 'video.min.js'))));
  app.get('/core-videojs/video-js.min.css', (_req, res) => res.type('text/css').send(fs.readFileSync(path.join(stock, 'video-js.min.css'))));
  app.get(PLUGINFILE_PATH, (_req, res) => {
    res.type('application/vnd.apple.mpegurl').send(fs.readFileSync(state.teacherPlaylist));
  });
  app.post('/lib/ajax/service.php', express.json(), async (req, res) => {
    state.refreshCalls.push(req.body);
    if (state.refreshMode === 'session-ended') {
      res.json([{ error: true, exception: { message: 'Course or activity not accessible. (You are not logged in)', errorcode: 'requireloginerror' } }]);
      return;
    }
    if (state.refreshMode === 'denied') {
      res.json([{ error: false, data: { ok: false, expiresAt: 0 } }]);
      return;
    }
    await state.onRefreshOk(res);
    res.json([{ error: false, data: { ok: true, expiresAt: Math.floor(Date.now() / 1000) + 3600 } }]);
  });
  app.get('/login/index.php', (_req, res) => res.send('<h1>Log in</h1>'));
  app.get('/*page', (req, res, next) => {
    const main = state.pages.get(req.path);
    if (main === undefined) return next();
    res.type('html').send(main);
  });
  return state;
}

/** The init JSON the plugin would print (contract "Plugin → player bundle"). */
export function playerConfig(moodleOrigin: string, cdnBaseUrl: string, courseId: number, watermarkText: string | null = 'Ada Lovelace 12345') {
  return {
    cdnBaseUrl,
    refresh: { url: `${moodleOrigin}/lib/ajax/service.php?sesskey=abc&info=local_zoomhls_refresh_access`, courseId },
    loginUrl: `${moodleOrigin}/login/index.php`,
    userId: 3,
    watermarkText,
  };
}
