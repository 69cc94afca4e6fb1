import fs from 'node:fs';
import path from 'node:path';
import express, { type Response, type Router } from 'express';
import type { RecordingRow, RecordingStore } from '../db/index.js';
import { bucketedExpiry, cookiePathFor, mintCookieSet, type CookieSettings, type CookieSigner } from '../signing/index.js';

export interface DemoDeps {
  store: RecordingStore;
  signer: CookieSigner;
  cookies: CookieSettings;
  /** The built player bundle (player/dist), served to the page when present. */
  playerDir: string;
}

/**
 * `GET /` on a local, loopback-only sidecar: what an admin sees after the first command — the
 * import queue and, for every published recording, the real player playing it through the
 * built-in edge with cookies minted for a local demo user. It mints site-wide cookies for
 * whoever can reach it, so main.ts only mounts it when the sidecar listens on loopback.
 */
export function demoPage(deps: DemoDeps): Router {
  const router = express.Router();
  const setCookies = (res: Response) => {
    const now = Math.floor(Date.now() / 1000);
    const expiresAt = bucketedExpiry(now, deps.cookies.ttlSeconds, deps.cookies.bucketSeconds);
    for (const c of mintCookieSet(deps.signer, deps.cookies, cookiePathFor(deps.cookies.cdnBaseUrl, ''), expiresAt, now)) {
      res.cookie(c.name, c.value, { path: c.path, httpOnly: true, sameSite: 'lax', secure: c.secure, ...(c.domain ? { domain: c.domain } : {}) });
    }
    return expiresAt;
  };

  router.get('/', async (_req, res) => {
    const rows = await deps.store.list({ limit: 50 });
    const counts = await deps.store.countByState();
    setCookies(res);
    const bundle = fs.existsSync(path.join(deps.playerDir, 'zoomhls-player.js'));
    const active = rows.some((r) => ['pending', 'downloading', 'transcoding', 'uploading', 'captioning'].includes(r.state));
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(renderPage(rows, counts, bundle, active, deps.cookies.cdnBaseUrl));
  });

  // The refresh service the player calls on a 403 (Moodle's local_zoomhls_refresh_access, in small).
  router.post('/demo/refresh', (_req, res) => {
    const expiresAt = setCookies(res);
    res.json([{ error: false, data: { ok: true, expiresAt } }]);
  });

  // The teacher's playlist, as Moodle's pluginfile.php would serve it.
  router.get('/demo/playlists/:id.m3u8', async (req, res) => {
    const row = await deps.store.get(Number(req.params['id']));
    if (!row?.playlist_path || row.state !== 'published' || !fs.existsSync(row.playlist_path)) {
      res.status(404).end();
      return;
    }
    res.type('application/vnd.apple.mpegurl').setHeader('Cache-Control', 'no-store');
    res.send(fs.readFileSync(row.playlist_path));
  });

  router.get('/demo/player/:file', (req, res) => {
    const file = req.params['file'];
    if (file !== 'zoomhls-player.js' && file !== 'zoomhls-player.css') {
      res.status(404).end();
      return;
    }
    res.sendFile(path.join(deps.playerDir, file));
  });
  return router;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function renderPage(rows: RecordingRow[], counts: Record<string, number>, bundle: boolean, active: boolean, cdnBaseUrl: string): string {
  const summary = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${escapeHtml(s)}: ${n}`)
    .join(' · ');
  const items = rows
    .map((r) => {
      const when = new Date(r.start_time).toISOString().slice(0, 16).replace('T', ' ');
      const error = r.last_error ? `<p class="error">[${escapeHtml(r.last_error_code ?? '')}] ${escapeHtml(r.last_error.split('\n')[0] ?? '')}</p>` : '';
      const player =
        r.state === 'published'
          ? `<video class="video-js" title="${escapeHtml(r.topic || `Recording ${r.id}`)}" controls preload="auto" width="640" height="360"><source src="/demo/playlists/${r.id}.m3u8" type="application/x-mpegURL"></video>`
          : '';
      return `<li data-id="${r.id}" data-state="${escapeHtml(r.state)}"><h2>#${r.id} ${escapeHtml(r.topic || 'Recording')}</h2>
<p>course ${r.course_id ?? '–'} · ${when} UTC · <strong>${escapeHtml(r.state)}</strong>${r.duration_seconds ? ` · ${Math.round(r.duration_seconds)} s` : ''}</p>${error}${player}</li>`;
    })
    .join('\n');
  const config = { cdnBaseUrl, refresh: { url: '/demo/refresh', courseId: 0 }, loginUrl: '/', userId: 0, watermarkText: 'Local demo user' };
  const scripts = bundle
    ? `<link rel="stylesheet" href="/demo/player/zoomhls-player.css"><script src="/demo/player/zoomhls-player.js"></script>
<script>window.ZoomHLS && window.ZoomHLS.init(${JSON.stringify(config)})</script>`
    : '<p class="error">The player bundle is not built: run <code>pnpm build:player</code> (Safari plays the streams without it).</p>';
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>zoomhls</title>
${active ? '<meta http-equiv="refresh" content="5">' : ''}
<style>body{font-family:system-ui,sans-serif;max-width:720px;margin:2em auto;color:#222}li{list-style:none;border-top:1px solid #ddd;padding:1em 0}.error{color:#a00}code{background:#eee;padding:0 .3em}</style>
${scripts}</head><body>
<h1>zoomhls</h1>
<p>Jobs: ${summary || 'none yet'}. Import a recording with <code>pnpm zoomhls import lecture.mp4 --course 1</code>; this page shows it as it is published.</p>
<ul>${items || '<li>No recordings yet.</li>'}</ul>
</body></html>`;
}
