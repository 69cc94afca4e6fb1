import type { RequestHandler } from 'express';
import type { LocalStorage } from '../storage/index.js';
import { objectMetaFor } from '../storage/index.js';
import { parseCookieHeader } from './cookie-header.js';
import { answerPreflight, applyCors } from './cors.js';
import { CookieVerifier, type TrustedKey } from './verify.js';

export interface EdgeDeps {
  storage: LocalStorage;
  /** ZOOMHLS_CDN_BASE_URL: the edge is reached as this URL, so policies are matched against it. */
  cdnBaseUrl: string;
  trustedKeys: TrustedKey[];
  /** ZOOMHLS_MOODLE_ORIGINS: the only origins answered with CORS headers. */
  allowedOrigins: string[];
  now?: () => number;
}

/**
 * `GET /media/*` (mounted at `/media`): the CloudFront stand-in for local mode. It serves a file
 * from local storage only when the request's cookies are what CloudFront would accept for the
 * URL; every failure (cookies, missing file, bad path, other method) is the same bare 403, as
 * CloudFront in front of a private bucket answers.
 */
export function createEdge(deps: EdgeDeps): RequestHandler {
  const verifier = new CookieVerifier(deps.trustedKeys);
  const origins = new Set(deps.allowedOrigins);
  const base = deps.cdnBaseUrl.replace(/\/+$/, '');
  const now = deps.now ?? Date.now;
  const refuse = (res: Parameters<RequestHandler>[1]) => {
    if (!res.headersSent) res.status(403).end();
  };

  return (req, res) => {
    if (req.method === 'OPTIONS') return answerPreflight(req, res, origins);
    // CORS headers go on refusals too: the player must see the 403 (and refresh its cookies)
    // rather than an opaque network error.
    applyCors(req, res, origins);
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res);
    const accepted = verifier.accepts({
      url: base + req.url,
      clientIp: req.ip ?? '',
      nowSeconds: Math.floor(now() / 1000),
      cookies: parseCookieHeader(req.headers.cookie),
    });
    if (!accepted) return refuse(res);
    let key: string;
    let file: string;
    try {
      key = decodeURIComponent(req.path.replace(/^\/+/, ''));
      if (!key || key.includes('\0') || key.endsWith('.tmp')) return refuse(res);
      file = deps.storage.resolve(key);
    } catch {
      return refuse(res);
    }
    const meta = objectMetaFor(key);
    res.setHeader('Content-Type', meta.contentType);
    res.setHeader('Cache-Control', meta.cacheControl);
    res.sendFile(file, { cacheControl: false, dotfiles: 'allow', acceptRanges: true }, (error) => {
      if (error) {
        res.removeHeader('Content-Type');
        res.removeHeader('Cache-Control');
        refuse(res);
      }
    });
  };
}
