import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import { objectMetaFor } from '@zoomhls/sidecar/src/storage/index.js';
import type { SeenRequest } from './http.js';

/**
 * A plain static origin for the benchmark only (core Video.js sends no cookies, so the real edge
 * would refuse it): serves the LocalStorage files under /media with CORS for one origin and
 * credentials, and records what each request carried. The tests use the sidecar's edge.
 */
export function staticCdn(media: { root: string }, allowedOrigin: () => string, seen: SeenRequest[]): express.Express {
  const app = express();
  app.use((req, res, next) => {
    res.on('finish', () => seen.push({ path: req.path, status: res.statusCode, cookie: req.headers.cookie ?? '', origin: req.headers.origin }));
    // Always Vary: Origin, so a browser never reuses a response cached for a no-cors request
    // (a native <video> load, without CORS headers) for a CORS one.
    res.setHeader('Vary', 'Origin');
    if (req.headers.origin === allowedOrigin()) {
      res.setHeader('Access-Control-Allow-Origin', allowedOrigin());
      res.setHeader('Access-Control-Allow-Credentials', 'true');
    }
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD');
      res.setHeader('Access-Control-Allow-Headers', 'Range');
      res.status(204).end();
      return;
    }
    next();
  });
  app.get('/media/*key', (req, res) => {
    const key = (req.params as { key: string[] }).key.join('/');
    const file = path.resolve(media.root, key);
    if (!media.root || !file.startsWith(path.resolve(media.root) + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.status(404).end();
      return;
    }
    const meta = objectMetaFor(key);
    res.setHeader('Content-Type', meta.contentType);
    res.setHeader('Cache-Control', meta.cacheControl);
    res.send(fs.readFileSync(file));
  });
  return app;
}
