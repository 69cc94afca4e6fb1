import { describe, expect, it } from 'vitest';
import { describeConfig, loadConfig } from '../src/config/index.js';
import { ZoomhlsError } from '../src/errors.js';

describe('config', () => {
  it('works on a bare machine with embedded defaults', () => {
    const c = loadConfig({});
    expect(c.database.url).toBe('sqlite:./data/zoomhls.sqlite');
    expect(c.storage.kind).toBe('local');
    expect(c.http).toEqual({ host: '127.0.0.1', port: 8787 });
    expect(c.cdnBaseUrl).toBe('http://127.0.0.1:8787/media');
    expect(c.pipeline.abrHeights).toEqual([1080, 720, 360]);
  });

  it('lists every problem in one error', () => {
    let error: unknown;
    try {
      loadConfig({
        ZOOMHLS_STORAGE: 's3',
        ZOOMHLS_PORT: 'eighty',
        ZOOMHLS_DATABASE_URL: 'postgres://x',
        ZOOMHLS_MOODLE_ORIGINS: 'https://moodle.example.edu/path',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ZoomhlsError);
    const message = (error as ZoomhlsError).message;
    for (const name of ['ZOOMHLS_PORT', 'ZOOMHLS_DATABASE_URL', 'ZOOMHLS_S3_BUCKET', 'ZOOMHLS_S3_REGION', 'ZOOMHLS_CDN_BASE_URL', 'ZOOMHLS_MOODLE_ORIGINS']) {
      expect(message).toContain(name);
    }
    expect((error as ZoomhlsError).code).toBe('CONFIG_INVALID');
  });

  it('never shows secrets, not even in errors', () => {
    const secret = 'short-secret-value';
    expect(() => loadConfig({ ZOOMHLS_MOODLE_SECRET: secret })).toThrow(/ZOOMHLS_MOODLE_SECRET/);
    try {
      loadConfig({ ZOOMHLS_MOODLE_SECRET: secret });
    } catch (e) {
      expect((e as Error).message).not.toContain(secret);
    }
    const c = loadConfig({
      ZOOMHLS_MOODLE_SECRET: 'x'.repeat(40),
      ZOOMHLS_ZOOM_CLIENT_SECRET: 'zoom-client-secret',
      ZOOMHLS_DATABASE_URL: 'mysql://zoomhls:hunter2@db.example.edu:3306/zoomhls',
    });
    const shown = JSON.stringify(describeConfig(c));
    expect(shown).not.toContain('x'.repeat(40));
    expect(shown).not.toContain('zoom-client-secret');
    expect(shown).not.toContain('hunter2');
    expect(describeConfig(c)['ZOOMHLS_DATABASE_URL']).toBe('mysql://zoomhls:********@db.example.edu:3306/zoomhls');
  });

  it('turns S3 acceleration on for AWS and off for S3-compatible endpoints', () => {
    const base = { ZOOMHLS_STORAGE: 's3', ZOOMHLS_S3_BUCKET: 'lectures', ZOOMHLS_S3_REGION: 'eu-west-1', ZOOMHLS_CDN_BASE_URL: 'https://media.example.edu' };
    const aws = loadConfig(base).storage;
    expect(aws.kind === 's3' && aws.accelerate).toBe(true);
    const minio = loadConfig({ ...base, ZOOMHLS_S3_ENDPOINT: 'http://127.0.0.1:9000' }).storage;
    expect(minio.kind === 's3' && !minio.accelerate && minio.forcePathStyle).toBe(true);
    expect(() => loadConfig({ ...base, ZOOMHLS_S3_ENDPOINT: 'http://127.0.0.1:9000', ZOOMHLS_S3_ACCELERATE: 'true' })).toThrow(/ZOOMHLS_S3_ACCELERATE/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ ZOOMHLS_PORT: '' }).http.port).toBe(8787);
  });
});
