import fs from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/index.js';
import type { AccessCookie } from '../src/signing/index.js';
import { decodeCloudFrontBase64, encodeCloudFrontBase64 } from '../src/signing/index.js';
import { TokenIdStore } from '../src/http/index.js';
import { engines } from './helpers/engines.js';
import { tempDir } from './helpers/pipeline.js';
import { accessFixture, cookieHeader, ORIGIN, pluginToken, SECRET, type AccessFixture } from './helpers/access.js';

const mint = async (fx: AccessFixture, scope: string) => {
  const res = await request(fx.app).post('/v1/access').set('Authorization', `Bearer ${pluginToken({ scope })}`).send({});
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { expiresAt: number; cookies: AccessCookie[] };
};
const media = (fx: AccessFixture, file: string, cookie: string) => request(fx.app).get(`/media/${file}`).set('Cookie', cookie);

for (const engine of engines()) {
  describe(`access cookies and the edge (${engine.name})`, () => {
    let db: Db;
    let drop: () => Promise<void>;
    let dir: string;

    beforeAll(async () => {
      ({ db, drop } = await engine.open());
      dir = tempDir();
    });
    afterAll(async () => {
      await db.close();
      await drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    for (const keyType of ['rsa', 'ecdsa'] as const) {
      for (const hash of ['SHA1', 'SHA256'] as const) {
        it(`course cookies (${keyType}, ${hash}) open exactly that course's objects`, async () => {
          const fx = accessFixture(db, dir, { keyType, hash });
          const { expiresAt, cookies } = await mint(fx, 'course:101');
          const a = fx.videos[101]!;
          const b = fx.videos[202]!;
          expect(cookies.map((c) => c.name)).toEqual([
            'CloudFront-Policy', 'CloudFront-Signature', 'CloudFront-Key-Pair-Id', ...(hash === 'SHA256' ? ['CloudFront-Hash-Algorithm'] : []),
          ]);
          for (const c of cookies) {
            expect(c).toMatchObject({ domain: null, path: `/media/lectures/${a.courseKey}/`, secure: false, httpOnly: true, sameSite: 'Lax' });
          }
          const nowSeconds = Math.floor(fx.clock.now / 1000);
          expect(expiresAt).toBeGreaterThanOrEqual(nowSeconds + 7200);
          expect(expiresAt).toBeLessThanOrEqual(nowSeconds + 7200 + 300);
          expect(expiresAt % 300).toBe(0);
          const policy = JSON.parse(decodeCloudFrontBase64(cookies[0]!.value)!.toString());
          expect(policy.Statement[0].Resource).toBe(`http://127.0.0.1:8787/media/lectures/${a.courseKey}/*`);
          expect(policy.Statement[0].Condition.DateLessThan['AWS:EpochTime']).toBe(expiresAt);

          const header = cookieHeader(cookies);
          const playlist = await media(fx, `${a.folder}/index.m3u8`, header);
          expect(playlist.status).toBe(200);
          expect(playlist.headers['content-type']).toBe('application/vnd.apple.mpegurl');
          expect(playlist.headers['cache-control']).toBe('public, max-age=60');
          const segment = await media(fx, `${a.folder}/seg_00000.ts`, header);
          expect(segment.status).toBe(200);
          expect(segment.headers['content-type']).toBe('video/mp2t');
          expect(Number(segment.headers['content-length'])).toBe(1000);

          // Course A's cookies on course B's objects: refused, with an empty body.
          const other = await media(fx, `${b.folder}/seg_00000.ts`, header);
          expect(other.status).toBe(403);
          expect(other.text ?? '').toBe('');
          // No cookies at all.
          expect((await request(fx.app).get(`/media/${a.folder}/seg_00000.ts`)).status).toBe(403);
          // Without the hash cookie a SHA-256 signature is checked as SHA-1 and fails (and vice versa).
          const noHash = cookies.filter((c) => c.name !== 'CloudFront-Hash-Algorithm');
          const flipped = [...noHash, { ...cookies[0]!, name: 'CloudFront-Hash-Algorithm', value: 'SHA256' }];
          const wrongHash = hash === 'SHA256' ? noHash : flipped;
          expect((await media(fx, `${a.folder}/seg_00000.ts`, cookieHeader(wrongHash))).status).toBe(403);
        });
      }
    }

    it('refuses expired, not-yet-valid, tampered, wrong-key and incomplete cookies with a bare 403', async () => {
      const fx = accessFixture(db, dir, { keyType: 'rsa' });
      const { cookies, expiresAt } = await mint(fx, 'course:101');
      const file = `${fx.videos[101]!.folder}/seg_00000.ts`;
      const get = (cs: AccessCookie[]) => media(fx, file, cookieHeader(cs));
      const replace = (name: string, value: string) => cookies.map((c) => (c.name === name ? { ...c, value } : c));
      expect((await get(cookies)).status).toBe(200);

      // Expired: the edge's clock passes DateLessThan.
      const saved = fx.clock.now;
      fx.clock.now = expiresAt * 1000;
      expect((await get(cookies)).status).toBe(403);
      fx.clock.now = saved;

      // Tampered policy: widen the resource to everything (signature no longer matches).
      const policy = decodeCloudFrontBase64(cookies[0]!.value)!.toString();
      const widened = policy.replace(/lectures\/[0-9a-f]+\/\*/, 'lectures/*');
      expect(widened).not.toBe(policy);
      expect((await get(replace('CloudFront-Policy', encodeCloudFrontBase64(widened)))).status).toBe(403);
      // Tampered policy: later expiry.
      expect((await get(replace('CloudFront-Policy', encodeCloudFrontBase64(policy.replace(String(expiresAt), String(expiresAt + 86400)))))).status).toBe(403);
      // Tampered signature: one character changed.
      const sig = cookies[1]!.value;
      expect((await get(replace('CloudFront-Signature', (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1)))).status).toBe(403);
      expect((await get(replace('CloudFront-Signature', 'not+base64/'))).status).toBe(403);
      // Wrong key id.
      expect((await get(replace('CloudFront-Key-Pair-Id', 'KOTHERKEY'))).status).toBe(403);
      // Unknown hash algorithm.
      expect((await get([...cookies, { ...cookies[0]!, name: 'CloudFront-Hash-Algorithm', value: 'MD5' }])).status).toBe(403);
      // Missing any one of the three.
      for (const name of ['CloudFront-Policy', 'CloudFront-Signature', 'CloudFront-Key-Pair-Id']) {
        const res = await get(cookies.filter((c) => c.name !== name));
        expect(res.status, name).toBe(403);
        expect(res.text ?? '').toBe('');
      }
      // Valid cookies, but no such object / a path escaping the folder / a non-GET method: still a bare 403.
      expect((await media(fx, `${fx.videos[101]!.folder}/nope.ts`, cookieHeader(cookies))).status).toBe(403);
      expect((await media(fx, `${fx.videos[101]!.folder}/..%2F..%2F..%2F..%2Fetc%2Fpasswd`, cookieHeader(cookies))).status).toBe(403);
      expect((await request(fx.app).delete(`/media/${file}`).set('Cookie', cookieHeader(cookies))).status).toBe(403);
    });

    it('checks DateGreaterThan and IpAddress when a policy has them', async () => {
      const fx = accessFixture(db, dir, { keyType: 'ecdsa' });
      const now = Math.floor(fx.clock.now / 1000);
      const resource = `http://127.0.0.1:8787/media/${fx.videos[101]!.folder}/*`;
      const file = `${fx.videos[101]!.folder}/seg_00000.ts`;
      const signed = (conditions: { dateLessThan: number; dateGreaterThan?: number; ipAddress?: string }) => {
        const v = fx.signer.sign({ resource, conditions }, now);
        return Object.entries(v).map(([k, value]) => `${k}=${value}`).join('; ');
      };
      expect((await media(fx, file, signed({ dateLessThan: now + 60, dateGreaterThan: now - 60 }))).status).toBe(200);
      expect((await media(fx, file, signed({ dateLessThan: now + 60, dateGreaterThan: now + 30 }))).status).toBe(403);
      expect((await media(fx, file, signed({ dateLessThan: now + 60, ipAddress: '127.0.0.0/8' }))).status).toBe(200);
      expect((await media(fx, file, signed({ dateLessThan: now + 60, ipAddress: '192.0.2.0/24' }))).status).toBe(403);
    });

    it('serves byte ranges', async () => {
      const fx = accessFixture(db, dir);
      const { cookies } = await mint(fx, 'course:101');
      const res = await media(fx, `${fx.videos[101]!.folder}/seg_00000.ts`, cookieHeader(cookies)).set('Range', 'bytes=10-19').buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      expect(res.status).toBe(206);
      expect(res.headers['content-range']).toBe('bytes 10-19/1000');
      expect(res.headers['content-type']).toBe('video/mp2t');
      expect([...(res.body as Buffer)]).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    });

    it('site scope opens every course; video scope opens one video only; paths never overlap', async () => {
      const fx = accessFixture(db, dir);
      const site = await mint(fx, 'site');
      expect(new Set(site.cookies.map((c) => c.path))).toEqual(new Set(['/media/']));
      for (const id of [101, 202]) expect((await media(fx, `${fx.videos[id]!.folder}/seg_00000.ts`, cookieHeader(site.cookies))).status).toBe(200);

      const two = await mint(fx, 'course:101 course:202');
      const paths = [...new Set(two.cookies.map((c) => c.path))];
      expect(paths).toHaveLength(2);
      expect(paths.some((p, i) => paths.some((q, j) => i !== j && q.startsWith(p)))).toBe(false);
      for (const id of [101, 202]) {
        const p = `/media/${fx.videos[id]!.folder}/seg_00000.ts`;
        expect((await request(fx.app).get(p).set('Cookie', cookieHeader(two.cookies, p))).status).toBe(200);
      }

      const { row } = await fx.store.create({ dedupeKey: `video-scope-${Math.random()}`, courseId: 202, topic: 't', startTime: 0, sourcePath: '/x', maxAttempts: 1 });
      await db.knex('zoom_recordings').where({ id: row.id }).update({ course_key: fx.videos[202]!.courseKey, video_key: fx.videos[202]!.videoKey });
      const video = await mint(fx, `video:${fx.videos[202]!.videoKey}`);
      expect(video.cookies[0]!.path).toBe(`/media/${fx.videos[202]!.folder}/`);
      expect((await media(fx, `${fx.videos[202]!.folder}/index.m3u8`, cookieHeader(video.cookies))).status).toBe(200);
      expect((await media(fx, `${fx.videos[101]!.folder}/index.m3u8`, cookieHeader(video.cookies))).status).toBe(403);
      // A sibling folder whose name starts with the video key is not opened.
      const res = await request(fx.app).post('/v1/access').set('Authorization', `Bearer ${pluginToken({ scope: `video:${'f'.repeat(32)}` })}`).send({});
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('ACCESS_SCOPE_INVALID');
    });

    it('sets Domain and Secure as configured and signs one signature per scope and bucket', async () => {
      const fx = accessFixture(db, dir, { cdnBaseUrl: 'https://media.example.edu', cookieDomain: 'example.edu' });
      const first = await mint(fx, 'course:101');
      for (const c of first.cookies) expect(c).toMatchObject({ domain: 'example.edu', secure: true, path: `/lectures/${fx.videos[101]!.courseKey}/` });
      for (let i = 0; i < 20; i++) await mint(fx, 'course:101');
      await mint(fx, 'course:101 course:202');
      expect(fx.signer.signatures).toBe(2);
    });

    it('answers CORS for the configured Moodle origin only, with credentials, and preflights', async () => {
      const fx = accessFixture(db, dir);
      const { cookies } = await mint(fx, 'course:101');
      const file = `/media/${fx.videos[101]!.folder}/seg_00000.ts`;
      const ok = await request(fx.app).get(file).set('Cookie', cookieHeader(cookies)).set('Origin', ORIGIN);
      expect(ok.status).toBe(200);
      expect(ok.headers['access-control-allow-origin']).toBe(ORIGIN);
      expect(ok.headers['access-control-allow-credentials']).toBe('true');
      expect(ok.headers['vary']).toMatch(/Origin/);
      // The player must be able to read a refusal to refresh its cookies.
      const refused = await request(fx.app).get(file).set('Origin', ORIGIN);
      expect(refused.status).toBe(403);
      expect(refused.headers['access-control-allow-origin']).toBe(ORIGIN);
      const foreign = await request(fx.app).get(file).set('Cookie', cookieHeader(cookies)).set('Origin', 'https://evil.example.com');
      expect(foreign.headers['access-control-allow-origin']).toBeUndefined();

      const preflight = await request(fx.app).options(file).set('Origin', ORIGIN).set('Access-Control-Request-Method', 'GET').set('Access-Control-Request-Headers', 'range');
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(ORIGIN);
      expect(preflight.headers['access-control-allow-credentials']).toBe('true');
      expect(preflight.headers['access-control-allow-headers']).toMatch(/Range/);
      const badPreflight = await request(fx.app).options(file).set('Origin', 'https://evil.example.com').set('Access-Control-Request-Method', 'GET');
      expect(badPreflight.status).toBe(403);
      expect(badPreflight.headers['access-control-allow-origin']).toBeUndefined();
    });

    describe('the plugin token', () => {
      const call = (fx: AccessFixture, token: string | undefined) => {
        const r = request(fx.app).post('/v1/access').send({});
        return token === undefined ? r : r.set('Authorization', `Bearer ${token}`);
      };
      const now = () => Math.floor(Date.now() / 1000);

      it('is refused when expired, replayed, for another audience or issuer, or lives too long', async () => {
        const fx = accessFixture(db, dir);
        const expect401 = async (token: string | undefined, code = 'ACCESS_TOKEN_INVALID') => {
          const res = await call(fx, token);
          expect(res.status, JSON.stringify(res.body)).toBe(401);
          expect(res.body.error.code).toBe(code);
        };
        await expect401(undefined);
        await expect401(pluginToken({ iat: now() - 400, exp: now() - 100 }));
        await expect401(pluginToken({ aud: 'someone-else' }));
        await expect401(pluginToken({}, { expiresIn: 3600 }));
        await expect401(pluginToken({ jti: 'short' }));
        await expect401(pluginToken({ sub: 3 }));
        await expect401(pluginToken({}, {}, 'another-secret-'.padEnd(64, 'y')));
        const once = pluginToken();
        expect((await call(fx, once)).status).toBe(200);
        await expect401(once, 'ACCESS_TOKEN_REPLAYED');
        const foreign = await call(fx, pluginToken({ iss: 'https://other-moodle.example.edu' }));
        expect(foreign.status).toBe(403);
        expect(foreign.body.error.code).toBe('ACCESS_ISSUER_DENIED');
        const badScope = await call(fx, pluginToken({ scope: 'everything' }));
        expect(badScope.status).toBe(400);
      });

      it('accepts HS256 only: none, HS512 and RS256 (also RS256 with the public key as HMAC secret) are refused', async () => {
        const fx = accessFixture(db, dir);
        const payload = { iss: ORIGIN, aud: 'zoomhls', sub: '3', scope: 'course:101', iat: now(), exp: now() + 60 };
        const jti = () => ({ jti: Math.random().toString(16).slice(2).padEnd(32, '0') });
        const unsigned = jwt.sign({ ...payload, ...jti() }, null, { algorithm: 'none' });
        const hs512 = jwt.sign({ ...payload, ...jti() }, SECRET, { algorithm: 'HS512' });
        const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
        const rs256 = jwt.sign({ ...payload, ...jti() }, rsa.privateKey, { algorithm: 'RS256' });
        // Hand-made "none" with an empty signature and a forged alg header on a valid HS256 signature.
        const [, body] = pluginToken().split('.');
        const forgedNone = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${body}.`;
        for (const token of [unsigned, hs512, rs256, forgedNone]) {
          const res = await call(fx, token);
          expect(res.status).toBe(401);
          expect(res.body.error.code).toBe('ACCESS_TOKEN_INVALID');
        }
      });

      it('is refused with 403 when no secret is configured', async () => {
        const fx = accessFixture(db, dir, { secret: undefined });
        const res = await call(fx, pluginToken());
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('ACCESS_NOT_CONFIGURED');
      });

      it('keeps used ids in the database until they expire, then prunes them', async () => {
        const fx = accessFixture(db, dir);
        const before = await fx.tokenIds.count();
        expect((await call(fx, pluginToken())).status).toBe(200);
        expect(await fx.tokenIds.count()).toBe(before + 1);
        await db.knex('zoomhls_access_token_ids').insert({ jti: 'e'.repeat(32), expires_at: now() - 10 });
        expect(await fx.tokenIds.consume('e'.repeat(32), now() + 60)).toBe(false);
        expect(await fx.tokenIds.prune()).toBeGreaterThanOrEqual(1);
        expect(await db.knex('zoomhls_access_token_ids').where({ jti: 'e'.repeat(32) }).first()).toBeUndefined();
        expect(await fx.tokenIds.count()).toBe(before + 1);
        // Pruning also happens by itself while tokens are consumed (here: on every call).
        const eager = new TokenIdStore(db, Date.now, 0);
        await db.knex('zoomhls_access_token_ids').insert({ jti: 'd'.repeat(32), expires_at: now() - 10 });
        expect(await eager.consume('c'.repeat(32), now() + 60)).toBe(true);
        expect(await db.knex('zoomhls_access_token_ids').where({ jti: 'd'.repeat(32) }).first()).toBeUndefined();
      });

      it('accepts each id exactly once in a login storm written in batches, across two processes', async () => {
        const id = (n: number, tag: string) => `${tag}${n.toString(16).padStart(6, '0')}`.padEnd(32, '0');
        const fresh = Array.from({ length: 400 }, (_, n) => id(n, 'a1'));
        // Two stores stand for two sidecar processes sharing the database: their batches overlap.
        const a = new TokenIdStore(db);
        const b = new TokenIdStore(db);
        const before = await a.count();
        const exp = now() + 60;
        const storm = await Promise.all([
          ...fresh.map((j) => a.consume(j, exp)),
          ...fresh.slice(0, 50).map((j) => b.consume(j, exp)), // replays from "the other process"
          ...Array.from({ length: 5 }, () => a.consume(id(1, 'b2'), exp)), // the same id five times in one batch
        ]);
        // Each of the 50 ids sent to both stores went through exactly once, whichever store won.
        const both = fresh.slice(0, 50).map((_, i) => Number(storm[i]) + Number(storm[400 + i]));
        expect(both.every((n) => n === 1)).toBe(true);
        expect(storm.slice(50, 400).filter(Boolean)).toHaveLength(350);
        expect(storm.slice(450).filter(Boolean)).toHaveLength(1);
        expect(await a.count()).toBe(before + 401);
        // A batch holding one id used before: only that one is refused.
        const next = await Promise.all([a.consume(fresh[7]!, exp), a.consume(id(2, 'b2'), exp), a.consume(id(3, 'b2'), exp)]);
        expect(next).toEqual([false, true, true]);
      });

      it('fails every waiting request when the database is gone, and records nothing', async () => {
        const gone = await engine.open();
        await gone.db.close();
        const store = new TokenIdStore(gone.db);
        const results = await Promise.allSettled([store.consume('1'.repeat(32), now() + 60), store.consume('2'.repeat(32), now() + 60)]);
        expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
        await gone.drop();
      });
    });

    it('lists recordings and retries failed ones for site tokens only, without secrets', async () => {
      const fx = accessFixture(db, dir);
      const { row } = await fx.store.create({ dedupeKey: `list-${Math.random()}`, courseId: 77, topic: 'Failed lecture', startTime: 5, sourcePath: '/x', maxAttempts: 1 });
      await db.knex('zoom_recordings').where({ id: row.id }).update({ state: 'failed', last_error_code: 'FFMPEG_FAILED', download_url: 'https://zoom.us/rec/download?access_token=SECRET', download_token: 'zoom-download-token' });
      const auth = (scope: string) => `Bearer ${pluginToken({ scope })}`;
      const list = await request(fx.app).get('/v1/recordings?course=77').set('Authorization', auth('site'));
      expect(list.status).toBe(200);
      expect(list.body.recordings).toHaveLength(1);
      expect(list.body.recordings[0]).toMatchObject({ id: row.id, course_id: 77, topic: 'Failed lecture', state: 'failed', start_time: 5, last_error_code: 'FFMPEG_FAILED' });
      expect(JSON.stringify(list.body)).not.toMatch(/access_token|zoom-download-token|source_path/);
      expect((await request(fx.app).get('/v1/recordings').set('Authorization', auth('course:77'))).status).toBe(403);
      expect((await request(fx.app).get('/v1/recordings')).status).toBe(401);

      const retry = await request(fx.app).post(`/v1/recordings/${row.id}/retry`).set('Authorization', auth('site'));
      expect(retry.status).toBe(200);
      expect(retry.body.recording).toMatchObject({ id: row.id, state: 'pending', attempts: 0 });
      const again = await request(fx.app).post(`/v1/recordings/${row.id}/retry`).set('Authorization', auth('site'));
      expect(again.status).toBe(409);
      expect((await request(fx.app).post('/v1/recordings/999999/retry').set('Authorization', auth('site'))).status).toBe(404);
    });

    it('never writes cookie values, tokens or the secret to the logs', async () => {
      const fx = accessFixture(db, dir);
      const token = pluginToken();
      const res = await request(fx.app).post('/v1/access').set('Authorization', `Bearer ${token}`).send({});
      expect(res.status).toBe(200);
      const cookies = res.body.cookies as AccessCookie[];
      await request(fx.app).post('/v1/access').set('Authorization', `Bearer ${token}`).send({}); // replay
      await request(fx.app).post('/v1/access').set('Authorization', `Bearer ${pluginToken({ aud: 'x' })}`).send({});
      await media(fx, `${fx.videos[101]!.folder}/seg_00000.ts`, cookieHeader(cookies));
      await media(fx, `${fx.videos[202]!.folder}/seg_00000.ts`, cookieHeader(cookies));
      const logs = fx.logs.join('\n');
      expect(logs).toContain('access cookies minted');
      expect(logs).toContain('ACCESS_TOKEN_REPLAYED');
      for (const secret of [token, ...token.split('.'), SECRET, ...cookies.map((c) => c.value).filter((v) => v.length > 20)]) {
        expect(logs).not.toContain(secret);
      }
    });

    it('matches policies against the URL it is reached at, over real HTTP', async () => {
      const fx0 = accessFixture(db, dir);
      const server = fx0.app.listen(0, '127.0.0.1');
      await new Promise((r) => server.once('listening', r));
      try {
        const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/media`;
        const fx = accessFixture(db, dir, { cdnBaseUrl: base });
        server.removeAllListeners('request');
        server.on('request', fx.app);
        const { cookies } = await mint(fx, 'course:202');
        const url = `${base}/${fx.videos[202]!.folder}/index.m3u8`;
        const res = await fetch(url, { headers: { Cookie: cookieHeader(cookies, new URL(url).pathname), Origin: ORIGIN } });
        expect(res.status).toBe(200);
        expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
        const text = await res.text();
        expect(text).toContain(`${base}/${fx.videos[202]!.folder}/seg_00000.ts`);
        const seg = await fetch(`${base}/${fx.videos[202]!.folder}/seg_00000.ts`, { headers: { Cookie: cookieHeader(cookies), Range: 'bytes=0-3' } });
        expect(seg.status).toBe(206);
        expect([...new Uint8Array(await seg.arrayBuffer())]).toEqual([0, 1, 2, 3]);
        const denied = await fetch(`${base}/${fx.videos[101]!.folder}/seg_00000.ts`, { headers: { Cookie: cookieHeader(cookies) } });
        expect(denied.status).toBe(403);
      } finally {
        await new Promise((r) => server.close(r));
      }
    });
  });
}
