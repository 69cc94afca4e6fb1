import fs from 'node:fs';
import path from 'node:path';
import type { ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDb, RecordingStore, type Db } from '../src/db/index.js';
import { enqueueImport, parseMediaPlaylist, Worker } from '../src/pipeline/index.js';
import { LocalStorage } from '../src/storage/index.js';
import { engines } from './helpers/engines.js';
import { makeClip } from './helpers/media.js';
import { filesBelow, firstVariant, tempDir, testDeps, testSettings } from './helpers/pipeline.js';
import { localEnv, runCli } from './helpers/cli.js';


for (const engine of engines()) {
  describe(`several workers on ${engine.name}`, () => {
    let db: Db;
    let url: string;
    let drop: () => Promise<void>;
    let dir: string;

    beforeAll(async () => {
      ({ db, url, drop } = await engine.open());
      dir = tempDir();
    });
    afterAll(async () => {
      await db.close();
      await drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('two workers racing on 20 jobs publish each exactly once', async () => {
      const clip = await makeClip({ seconds: 3, width: 640, height: 360 });
      const store = new RecordingStore(db);
      for (let course = 1; course <= 20; course++) {
        await enqueueImport(store, { source: clip, courseId: course, topic: `Lecture ${course}`, maxAttempts: 3 });
      }
      const storage = new LocalStorage(path.join(dir, 'media'));
      const settings = testSettings(dir);
      const conns = [connectDb({ url }), connectDb({ url })];
      const published: number[] = [];
      const workers = conns.map(
        (conn, i) =>
          new Worker(testDeps(conn, storage, settings), {
            leaseSeconds: 60,
            concurrency: 2,
            onJobDone: (row, outcome) => {
              if (outcome === 'published') published.push(row.id);
            },
          }, `racer-${i}`),
      );
      await Promise.all(workers.map((w) => w.run('once')));
      await Promise.all(conns.map((c) => c.close()));

      expect(published).toHaveLength(20);
      expect(new Set(published).size).toBe(20);
      const rows = await store.list({ limit: 100 });
      expect(rows.filter((r) => r.state === 'published')).toHaveLength(20);
      expect(rows.every((r) => r.attempts === 1)).toBe(true);
      const playlists = filesBelow(settings.repositoryDir);
      expect(playlists).toHaveLength(20);
      for (let course = 1; course <= 20; course++) {
        expect(playlists.filter((p) => p.startsWith(`course-${course}/`))).toHaveLength(1);
      }
      // One folder of objects per recording, nothing else.
      const folders = new Set(filesBelow(path.join(dir, 'media')).map((f) => f.split('/').slice(0, 2).join('/')));
      expect(folders.size).toBe(20);
    });
  });
}

describe('a worker killed with SIGKILL mid-encode', () => {
  let dir: string;
  const children: ResultPromise[] = [];

  beforeAll(() => {
    dir = tempDir();
  });
  afterAll(() => {
    for (const c of children) c.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is resumed by another worker after its lease expires, with no duplicate objects or playlists', { timeout: 240_000 }, async () => {
    const clip = await makeClip({ seconds: 48, width: 1280, height: 720, lecture: true });
    const env = localEnv(dir, {
      // Long enough that a worker starting on a loaded machine (seconds) still finds it held.
      ZOOMHLS_LEASE_SECONDS: '12',
      ZOOMHLS_X264_PRESET: 'veryfast',
      ZOOMHLS_LOG_LEVEL: 'warn',
    });
    const cli = (args: string[], detached = false) => runCli(args, env, { detached });

    const queued = await cli(['import', clip, '--course', '5', '--topic', 'Resumed lecture', '--profile', 'watermark', '--enqueue-only']);
    expect(queued.exitCode).toBe(0);

    // First worker: killed (with its ffmpeg, as when a machine dies) once some segments are up.
    const first = cli(['worker'], true);
    children.push(first);
    const db = connectDb({ url: env.ZOOMHLS_DATABASE_URL });
    const store = new RecordingStore(db);
    let before;
    for (let i = 0; i < 1800; i++) {
      before = await store.get(1);
      const uploaded = filesBelow(env.ZOOMHLS_MEDIA_DIR).filter((f) => f.endsWith('.ts')).length;
      if (before?.state === 'transcoding' && uploaded >= 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(before?.state).toBe('transcoding');
    process.kill(-first.pid!, 'SIGKILL');
    const killedAt = Date.now();
    await first;
    const leftBehind = filesBelow(env.ZOOMHLS_MEDIA_DIR).filter((f) => f.endsWith('.ts')).length;
    expect(leftBehind).toBeGreaterThanOrEqual(2);
    expect(filesBelow(env.ZOOMHLS_REPOSITORY_DIR)).toEqual([]);

    // Second worker: nothing to do while the dead worker's lease runs, then resumes the job.
    const early = await cli(['worker', '--once']);
    expect(early.exitCode).toBe(0);
    expect((await store.get(1))?.state).toBe('transcoding');
    await new Promise((r) => setTimeout(r, Math.max(0, killedAt + 12_500 - Date.now())));
    const second = await cli(['worker', '--once']);
    expect(second.exitCode).toBe(0);

    const after = await store.require(1);
    await db.close();
    expect(after.state).toBe('published');
    expect(after.attempts).toBe(2);
    expect(after.video_key).toBe(before!.video_key);
    const playlists = filesBelow(env.ZOOMHLS_REPOSITORY_DIR);
    expect(playlists).toHaveLength(1);
    const variant = firstVariant(fs.readFileSync(after.playlist_path!, 'utf8'), env.ZOOMHLS_MEDIA_DIR, 'http://127.0.0.1:8787/media/');
    const segments = parseMediaPlaylist(variant.text).segments;
    expect(segments.reduce((s, x) => s + x.duration, 0)).toBeCloseTo(48, 0);
    const objects = filesBelow(env.ZOOMHLS_MEDIA_DIR);
    const expected = [
      ...segments.map((s) => s.uri.replace(/^.*\/media\//, '')),
      `${after.output_folder}/index.m3u8`,
      variant.key,
    ].sort();
    expect(objects).toEqual(expected);
    expect(filesBelow(path.join(dir, 'work'))).toEqual([]);
  });
});

describe('graceful shutdown', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('SIGTERM releases an unfinished job at once, so the next worker resumes it without waiting for the lease', { timeout: 240_000 }, async () => {
    const clip = await makeClip({ seconds: 48, width: 1280, height: 720, lecture: true });
    const env = localEnv(dir, {
      ZOOMHLS_LEASE_SECONDS: '600',
      ZOOMHLS_SHUTDOWN_GRACE_SECONDS: '1',
      ZOOMHLS_X264_PRESET: 'veryfast',
      ZOOMHLS_LOG_LEVEL: 'info',
    });
    const cli = (args: string[]) => runCli(args, env);
    expect((await cli(['import', clip, '--course', '6', '--profile', 'watermark', '--enqueue-only'])).exitCode).toBe(0);
    const first = cli(['worker']);
    const db = connectDb({ url: env.ZOOMHLS_DATABASE_URL });
    const store = new RecordingStore(db);
    for (let i = 0; i < 1800 && (await store.get(1))?.state !== 'transcoding'; i++) await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    first.kill('SIGTERM');
    const stopped = await first;
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(stopped.signal ?? 'none', String(stopped.stdout).slice(-1500) + String(stopped.stderr).slice(-1500)).toBe('none');
    expect(stopped.exitCode).toBe(0);
    expect(String(stopped.stdout)).toContain('released the job for another worker');
    const released = await store.require(1);
    expect(released.lease_owner).toBeNull();
    expect(released.attempts).toBe(0);
    // A lease of 600 s would block a crashed worker's job for 10 minutes; a released one is free now.
    const second = await cli(['worker', '--once']);
    expect(second.exitCode).toBe(0);
    const done = await store.require(1);
    await db.close();
    expect(done.state).toBe('published');
    expect(done.attempts).toBe(1);
    expect(filesBelow(path.join(dir, 'repository'))).toHaveLength(1);
  });
});
