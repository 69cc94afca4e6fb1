import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingStore, type Db } from '../src/db/index.js';
import { createApp, createMetrics } from '../src/http/index.js';
import { LocalStorage, S3Storage } from '../src/storage/index.js';
import { engines } from './helpers/engines.js';
import { tempDir } from './helpers/pipeline.js';

describe('health and metrics', () => {
  let db: Db;
  let drop: () => Promise<void>;
  let dir: string;

  beforeAll(async () => {
    ({ db, drop } = await engines()[0]!.open());
    dir = tempDir();
  });
  afterAll(async () => {
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const appWith = (storage: LocalStorage | S3Storage) => {
    const store = new RecordingStore(db);
    return createApp({ db, store, storage, metrics: createMetrics(store), logger: pino({ level: 'silent' }) });
  };

  it('answers 200 with database and storage status', async () => {
    const res = await request(appWith(new LocalStorage(path.join(dir, 'media')))).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: { ok: true }, storage: { kind: 'local', ok: true } });
  });

  it('answers 503 and names the dependency that is down', async () => {
    const dead = new S3Storage({
      bucket: 'lectures', region: 'us-east-1', accelerate: false, endpoint: 'http://127.0.0.1:9', forcePathStyle: true,
      concurrency: 1, credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    });
    const res = await request(appWith(dead)).get('/healthz');
    expect(res.status).toBe(503);
    expect(res.body.database.ok).toBe(true);
    expect(res.body.storage.ok).toBe(false);
    expect(res.body.storage.error).toMatch(/HeadBucket/);
  });

  it('exposes Prometheus metrics with jobs by state and HTTP latencies', async () => {
    const store = new RecordingStore(db);
    await store.create({ dedupeKey: 'metrics-1', courseId: 1, topic: 't', startTime: 0, sourcePath: '/x', maxAttempts: 1 });
    const app = appWith(new LocalStorage(path.join(dir, 'media')));
    await request(app).get('/healthz');
    const res = await request(app).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toContain('zoomhls_jobs{state="pending"} 1');
    expect(res.text).toContain('zoomhls_jobs{state="published"} 0');
    expect(res.text).toMatch(/zoomhls_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} 1/);
  });

  it('answers unknown endpoints with a JSON 404', async () => {
    const res = await request(appWith(new LocalStorage(path.join(dir, 'media')))).get('/nope');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('reports 503 when the database is gone', async () => {
    const app = appWith(new LocalStorage(path.join(dir, 'media')));
    await db.close();
    const res = await request(app).get('/healthz');
    expect(res.status).toBe(503);
    expect(res.body.database.ok).toBe(false);
  });
});
