import http from 'node:http';
import path from 'node:path';
import type express from 'express';
import pino from 'pino';
import { connectDb, migrate, RecordingStore, type Db } from '@zoomhls/sidecar/src/db/index.js';
import { AccessTokenVerifier, createApp, createMetrics, TokenIdStore } from '@zoomhls/sidecar/src/http/index.js';
import { CookieSigner, generateSigningKeyPair, loadSigningKey, type AccessCookie } from '@zoomhls/sidecar/src/signing/index.js';
import { LocalStorage } from '@zoomhls/sidecar/src/storage/index.js';
import { pluginToken, SECRET } from '@zoomhls/sidecar/test/helpers/access.js';
import { tempDir } from '@zoomhls/sidecar/test/helpers/pipeline.js';
import type { SeenRequest } from './http.js';
import { COURSE_KEY_SECRET } from './stream.js';

/** Origin B: the sidecar's own app with `/v1/access` and the edge `GET /media/*` (real cookies). */
export interface Edge {
  app: express.Express;
  /** Calls `POST /v1/access` as the plugin does (HS256 JWT, 60 s, fresh jti) and returns the cookies. */
  mint(scope: string): Promise<AccessCookie[]>;
  close(): Promise<void>;
}

export async function startEdge(options: { cdnOrigin: string; moodleOrigin: string; mediaRoot: string; seen: SeenRequest[] }): Promise<Edge> {
  const dir = tempDir('zoomhls-edge-');
  const db: Db = connectDb({ url: `sqlite:${path.join(dir, 'edge.sqlite')}` });
  await migrate(db.knex);
  const store = new RecordingStore(db);
  const storage = new LocalStorage(options.mediaRoot);
  const cdnBaseUrl = `${options.cdnOrigin}/media`;
  const key = loadSigningKey(generateSigningKeyPair('ecdsa').privateKeyPem);
  const signer = new CookieSigner({ keyPairId: 'KE2EPLAYER', key, hashAlgorithm: 'SHA256' });
  const app = createApp({
    db,
    store,
    storage,
    metrics: createMetrics(store),
    logger: pino({ level: process.env['ZOOMHLS_TEST_LOG'] ?? 'silent' }),
    access: {
      verifier: new AccessTokenVerifier({ secret: SECRET, origins: [options.moodleOrigin] }, new TokenIdStore(db)),
      signer,
      cookies: { cdnBaseUrl, cookieDomain: undefined, ttlSeconds: 3600, bucketSeconds: 300 },
      prefix: 'lectures',
      courseKeySecret: COURSE_KEY_SECRET,
    },
    edge: { storage, cdnBaseUrl, trustedKeys: [{ keyPairId: 'KE2EPLAYER', publicKey: key.publicKey }], allowedOrigins: [options.moodleOrigin] },
  });
  const recorded: http.RequestListener = (req, res) => {
    if (req.url?.startsWith('/media/')) {
      res.on('finish', () =>
        options.seen.push({ path: req.url!.split('?')[0]!, status: res.statusCode, cookie: req.headers.cookie ?? '', origin: req.headers.origin }),
      );
    }
    app(req, res);
  };
  return {
    app: recorded as unknown as express.Express,
    async mint(scope) {
      const token = pluginToken({ iss: options.moodleOrigin, scope });
      const response = await fetch(`${options.cdnOrigin}/v1/access`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: '{}',
      });
      if (response.status !== 200) throw new Error(`/v1/access answered ${response.status}: ${await response.text()}`);
      return ((await response.json()) as { cookies: AccessCookie[] }).cookies;
    },
    async close() {
      await db.close();
    },
  };
}

/** A Set-Cookie header for a minted cookie, as the plugin's refresh service sends it. */
export function setCookieHeader(c: AccessCookie): string {
  return `${c.name}=${c.value}; Path=${c.path}${c.domain ? `; Domain=${c.domain}` : ''}; HttpOnly; SameSite=${c.sameSite}${c.secure ? '; Secure' : ''}`;
}

/** Browser-context cookies (playwright) for minted cookies on a host-only CDN host. */
export function contextCookies(cookies: AccessCookie[], host: string) {
  return cookies.map((c) => ({ name: c.name, value: c.value, domain: c.domain ?? host, path: c.path, httpOnly: true, secure: c.secure, sameSite: 'Lax' as const }));
}
