import { Readable } from 'node:stream';
import type { RequestHandler, Response } from 'express';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { LocalStorage, type S3Storage } from '../storage/index.js';
import { objectMetaFor } from '../storage/index.js';
import { parseCookieHeader } from './cookie-header.js';
import { answerPreflight, applyCors } from './cors.js';
import { CookieVerifier, type TrustedKey } from './verify.js';

export interface EdgeDeps {
  /** The origin: a local folder, or an S3 bucket (as CloudFront reads it through OAC). */
  storage: LocalStorage | S3Storage;
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
    try {
      key = decodeURIComponent(req.path.replace(/^\/+/, ''));
    } catch {
      return refuse(res);
    }
    if (!key || key.includes('\0') || key.endsWith('.tmp')) return refuse(res);
    const meta = objectMetaFor(key);
    if (deps.storage instanceof LocalStorage) {
      let file: string;
      try {
        file = deps.storage.resolve(key);
      } catch {
        return refuse(res);
      }
      res.setHeader('Content-Type', meta.contentType);
      res.setHeader('Cache-Control', meta.cacheControl);
      res.sendFile(file, { cacheControl: false, dotfiles: 'allow', acceptRanges: true }, (error) => {
        if (error) {
          res.removeHeader('Content-Type');
          res.removeHeader('Cache-Control');
          refuse(res);
        }
      });
      return;
    }
    void serveFromS3(deps.storage, key, req.method === 'HEAD', req.headers.range, res).catch(() => refuse(res));
  };
}

/** Streams an object from S3, passing Range through, with the object's own type and caching. */
async function serveFromS3(storage: S3Storage, key: string, head: boolean, range: string | undefined, res: Response): Promise<void> {
  const object = await storage.client.send(
    new GetObjectCommand({ Bucket: storage.bucket, Key: key, ...(range && /^bytes=\d*-\d*$/.test(range) ? { Range: range } : {}) }),
  );
  const meta = objectMetaFor(key);
  res.status(object.ContentRange ? 206 : 200);
  res.setHeader('Content-Type', object.ContentType ?? meta.contentType);
  res.setHeader('Cache-Control', object.CacheControl ?? meta.cacheControl);
  res.setHeader('Accept-Ranges', 'bytes');
  if (object.ContentLength !== undefined) res.setHeader('Content-Length', String(object.ContentLength));
  if (object.ContentRange) res.setHeader('Content-Range', object.ContentRange);
  if (head || !object.Body) {
    res.end();
    return;
  }
  (object.Body as Readable).pipe(res);
}
