import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import pino, { type Logger } from 'pino';
import type { Express } from 'express';
import { RecordingStore, type Db } from '../../src/db/index.js';
import { AccessTokenVerifier, createApp, createMetrics, TokenIdStore } from '../../src/http/index.js';
import { courseKey } from '../../src/pipeline/keys.js';
import { CookieSigner, generateSigningKeyPair, loadSigningKey, type AccessCookie, type HashAlgorithm, type SigningKeyType } from '../../src/signing/index.js';
import { LocalStorage } from '../../src/storage/index.js';

export const SECRET = 'moodle-shared-secret-'.padEnd(64, 'x');
export const COURSE_SECRET = 'c'.repeat(64);
export const ORIGIN = 'https://moodle.example.edu';
export const PREFIX = 'lectures';

export interface AccessFixture {
  app: Express;
  signer: CookieSigner;
  storage: LocalStorage;
  store: RecordingStore;
  tokenIds: TokenIdStore;
  /** Log lines written while the fixture ran. */
  logs: string[];
  clock: { now: number };
  /** Object keys: course -> video -> files. */
  videos: Record<number, { courseKey: string; videoKey: string; folder: string }>;
}

export interface FixtureOptions {
  keyType?: SigningKeyType;
  hash?: HashAlgorithm;
  cdnBaseUrl?: string;
  secret?: string | undefined;
  origins?: string[];
  cookieDomain?: string;
  keyPairId?: string;
  trustedKeyPairId?: string;
}

/** An app with `/v1/access` and the edge over a media folder holding one video in courses 101 and 202. */
export function accessFixture(db: Db, dir: string, options: FixtureOptions = {}): AccessFixture {
  const logs: string[] = [];
  const logger: Logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) });
  const store = new RecordingStore(db);
  const storage = new LocalStorage(path.join(dir, 'media'));
  const cdnBaseUrl = options.cdnBaseUrl ?? 'http://127.0.0.1:8787/media';
  const key = loadSigningKey(generateSigningKeyPair(options.keyType ?? 'ecdsa').privateKeyPem);
  const keyPairId = options.keyPairId ?? 'K2JCJMDEHXQW5F';
  const signer = new CookieSigner({ keyPairId, key, hashAlgorithm: options.hash ?? 'SHA1' });
  const clock = { now: Date.now() };
  const tokenIds = new TokenIdStore(db);
  const videos: AccessFixture['videos'] = {};
  for (const courseId of [101, 202]) {
    const ck = courseKey(COURSE_SECRET, courseId);
    const vk = randomBytes(16).toString('hex');
    const folder = path.join(storage.root, PREFIX, ck, vk);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'index.m3u8'), `#EXTM3U\n#EXT-X-PLAYLIST-TYPE:VOD\n${cdnBaseUrl}/${PREFIX}/${ck}/${vk}/seg_00000.ts\n#EXT-X-ENDLIST\n`);
    fs.writeFileSync(path.join(folder, 'seg_00000.ts'), Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256)));
    videos[courseId] = { courseKey: ck, videoKey: vk, folder: `${PREFIX}/${ck}/${vk}` };
  }
  const app = createApp({
    db,
    store,
    storage,
    metrics: createMetrics(store),
    logger,
    access: {
      verifier: new AccessTokenVerifier(
        { secret: 'secret' in options ? options.secret : SECRET, origins: options.origins ?? [ORIGIN] },
        tokenIds,
      ),
      signer,
      cookies: { cdnBaseUrl, cookieDomain: options.cookieDomain, ttlSeconds: 7200, bucketSeconds: 300 },
      prefix: PREFIX,
      courseKeySecret: COURSE_SECRET,
      now: () => clock.now,
    },
    edge: {
      storage,
      cdnBaseUrl,
      trustedKeys: [{ keyPairId: options.trustedKeyPairId ?? keyPairId, publicKey: key.publicKey }],
      allowedOrigins: options.origins ?? [ORIGIN],
      now: () => clock.now,
    },
  });
  return { app, signer, storage, store, tokenIds, logs, clock, videos };
}

/** A token as the plugin makes it (HS256, 60 s, fresh jti); claims and options override. */
export function pluginToken(claims: Record<string, unknown> = {}, options: jwt.SignOptions = {}, secret: jwt.Secret = SECRET): string {
  return jwt.sign(
    { iss: ORIGIN, aud: 'zoomhls', sub: '3', jti: randomBytes(16).toString('hex'), scope: 'course:101', ...claims },
    secret,
    { algorithm: 'HS256', ...('expiresIn' in options || 'exp' in claims ? {} : { expiresIn: 60 }), ...options },
  );
}

/** The Cookie header a browser would send for `requestPath` from these cookies. */
export function cookieHeader(cookies: AccessCookie[], requestPath?: string): string {
  return cookies
    .filter((c) => requestPath === undefined || requestPath.startsWith(c.path))
    .map((c) => `${c.name}=${c.value}`)
    .join('; ');
}
