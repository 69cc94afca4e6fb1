import fs from 'node:fs';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDb, RecordingStore } from '../src/db/index.js';
import { loadSigningKey, resolveCloudFrontKey } from '../src/signing/index.js';
import { engines } from './helpers/engines.js';
import { tempDir } from './helpers/pipeline.js';
import { localEnv, runCli } from './helpers/cli.js';

describe('zoomhls keys', () => {
  let dir: string;
  let env: Record<string, string>;
  const cli = (args: string[], extraEnv: Record<string, string> = {}) => runCli(args, { ...env, ...extraEnv });

  beforeAll(() => {
    dir = tempDir();
    env = localEnv(dir);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('generates RSA and ECDSA pairs CloudFront accepts, private key readable by the owner only, never overwritten', async () => {
    for (const type of ['rsa', 'ecdsa'] as const) {
      const out = path.join(dir, `keys-${type}`);
      const res = await cli(['keys', '--generate', '--type', type, '--out', out]);
      expect(res.exitCode, res.stderr).toBe(0);
      const files = fs.readdirSync(out).sort();
      expect(files).toHaveLength(2);
      const privateFile = path.join(out, files.find((f) => f.endsWith('-private.pem'))!);
      expect(fs.statSync(privateFile).mode & 0o077).toBe(0);
      expect(loadSigningKey(fs.readFileSync(privateFile)).type).toBe(type);
      const publicPem = fs.readFileSync(path.join(out, files.find((f) => f.endsWith('-public.pem'))!), 'utf8');
      expect(res.stdout).toContain(publicPem.trim());
      expect(res.stdout).toContain('ZOOMHLS_CLOUDFRONT_KEY_PAIR_ID');
      expect(res.stdout).not.toContain('PRIVATE KEY-----');
      const again = await cli(['keys', '--generate', '--type', type, '--out', out]);
      expect(again.exitCode).toBe(1);
      expect(fs.readdirSync(out)).toHaveLength(2);
    }
  });

  it('checks a configured key by signing and verifying a test policy, and shows domain and paths', async () => {
    const keyDir = path.join(dir, 'keys-rsa');
    const privateFile = path.join(keyDir, fs.readdirSync(keyDir).find((f) => f.endsWith('-private.pem'))!);
    const res = await cli(['keys'], {
      ZOOMHLS_CLOUDFRONT_KEY_PAIR_ID: 'K2JCJMDEHXQW5F',
      ZOOMHLS_CLOUDFRONT_PRIVATE_KEY_FILE: privateFile,
      ZOOMHLS_CLOUDFRONT_HASH_ALGORITHM: 'SHA256',
      ZOOMHLS_COOKIE_DOMAIN: 'example.edu',
      ZOOMHLS_CDN_BASE_URL: 'https://media.example.edu',
      ZOOMHLS_S3_PREFIX: 'lectures',
    });
    expect(res.exitCode, res.stderr).toBe(0);
    expect(res.stdout).toContain('K2JCJMDEHXQW5F');
    expect(res.stdout).toContain('RSA-2048');
    expect(res.stdout).toContain('SHA256');
    expect(res.stdout).toContain('example.edu');
    expect(res.stdout).toMatch(/site \/ {3}course 1 \/lectures\/[0-9a-f]{32}\//);
    expect(res.stdout).toMatch(/OK$/m);

    const badFile = path.join(dir, 'ed25519.pem');
    fs.writeFileSync(badFile, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const bad = await cli(['keys'], { ZOOMHLS_CLOUDFRONT_KEY_PAIR_ID: 'K1', ZOOMHLS_CLOUDFRONT_PRIVATE_KEY_FILE: badFile });
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain('SIGNING_KEY_INVALID');
  });

  it('in local mode generates one key on first start and keeps it', async () => {
    const first = await cli(['keys']);
    const second = await cli(['keys']);
    expect(first.exitCode, first.stderr).toBe(0);
    const id = /Key pair id: +(\S+)/.exec(first.stdout)?.[1];
    expect(id).toMatch(/^LOCAL[0-9A-F]{12}$/);
    expect(second.stdout).toContain(`Key pair id:       ${id}`);
    expect(first.stdout).toContain('ECDSA P-256 (generated for local mode');
  });
});

for (const engine of engines()) {
  describe(`local-mode signing key shared by workers (${engine.name})`, () => {
    it('two workers racing on a fresh database end up with the same key; S3 without a key gets none', async () => {
      const { db, url, drop } = await engine.open();
      const other = connectDb({ url });
      try {
        const [a, b] = await Promise.all([
          resolveCloudFrontKey(undefined, new RecordingStore(db), true),
          resolveCloudFrontKey(undefined, new RecordingStore(other), true),
        ]);
        expect(a!.keyPairId).toBe(b!.keyPairId);
        expect(a!.key.publicKeyPem).toBe(b!.key.publicKeyPem);
        expect(a!.key.type).toBe('ecdsa');
        expect(await resolveCloudFrontKey(undefined, new RecordingStore(db), false)).toBeUndefined();
      } finally {
        await other.close();
        await db.close();
        await drop();
      }
    });
  });
}
