import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDb, RecordingStore, retryDelayMs, type Db } from '../src/db/index.js';
import { ZoomhlsError } from '../src/errors.js';
import { engines } from './helpers/engines.js';

for (const engine of engines()) {
  describe(`recording store on ${engine.name}`, () => {
    let db: Db;
    let url: string;
    let drop: () => Promise<void>;
    let clock = 1_800_000_000_000;
    let store: RecordingStore;

    beforeAll(async () => {
      ({ db, url, drop } = await engine.open());
      store = new RecordingStore(db, () => clock);
    });
    afterAll(async () => {
      await db.close();
      await drop();
    });

    const newJob = (key: string, maxAttempts = 3) =>
      store.create({ dedupeKey: key, courseId: 7, topic: 'Lecture', startTime: clock, sourcePath: '/x.mp4', maxAttempts });

    it('creates a job once per dedupe key', async () => {
      const a = await newJob('k-dedupe');
      const b = await newJob('k-dedupe');
      expect(a.created).toBe(true);
      expect(b.created).toBe(false);
      expect(b.row.id).toBe(a.row.id);
      expect(a.row.state).toBe('pending');
      const again = await Promise.all(Array.from({ length: 5 }, () => newJob('k-race')));
      expect(new Set(again.map((r) => r.row.id)).size).toBe(1);
      expect(again.filter((r) => r.created).length).toBe(1);
    });

    it('leases a job to one worker and lets another resume it only after the lease expires', async () => {
      await db.knex('zoom_recordings').del();
      const { row } = await newJob('k-lease');
      const a = await store.claimNext('worker-a', 60_000);
      expect(a?.id).toBe(row.id);
      expect(a?.attempts).toBe(1);
      expect(await store.claimNext('worker-b', 60_000)).toBeUndefined();
      await store.advance(row.id, 'worker-a', 'transcoding', { video_key: 'f'.repeat(32) });
      clock += 61_000; // worker-a died: no heartbeat
      const b = await store.claimNext('worker-b', 60_000);
      expect(b?.id).toBe(row.id);
      expect(b?.state).toBe('transcoding');
      expect(b?.video_key).toBe('f'.repeat(32));
      expect(await store.heartbeat(row.id, 'worker-a', 60_000)).toBe(false);
      await expect(store.advance(row.id, 'worker-a', 'uploading')).rejects.toMatchObject({ code: 'LEASE_LOST' });
      expect(await store.heartbeat(row.id, 'worker-b', 60_000)).toBe(true);
      await store.markPublished(row.id, 'worker-b', { playlist_path: '/r/x.m3u8', bytes_published: 10, segment_count: 1 });
      const done = await store.require(row.id);
      expect(done.state).toBe('published');
      expect(done.lease_owner).toBeNull();
      expect(await store.claimNext('worker-c', 60_000)).toBeUndefined();
    });

    it('retries retryable failures with backoff, then fails with code and message', async () => {
      await db.knex('zoom_recordings').del();
      const { row } = await newJob('k-retry', 2);
      await store.claimNext('w', 60_000);
      const s1 = await store.recordFailure(row.id, 'w', new ZoomhlsError('STORAGE_FAILED', 'bucket unreachable'));
      expect(s1).toBe('pending');
      expect(await store.claimNext('w', 60_000)).toBeUndefined(); // backing off
      clock += retryDelayMs(1) + 1;
      expect((await store.claimNext('w', 60_000))?.attempts).toBe(2);
      expect(await store.recordFailure(row.id, 'w', new ZoomhlsError('STORAGE_FAILED', 'bucket unreachable'))).toBe('failed');
      const failed = await store.require(row.id);
      expect(failed.last_error_code).toBe('STORAGE_FAILED');
      expect(failed.last_error).toContain('bucket unreachable');
      const retried = await store.retry(row.id);
      expect(retried.state).toBe('pending');
      expect(retried.attempts).toBe(0);
      await expect(store.retry(row.id)).rejects.toMatchObject({ code: 'INVALID_STATE' });
      await expect(store.retry(999_999)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('fails bad media at once, without retries', async () => {
      await db.knex('zoom_recordings').del();
      const { row } = await newJob('k-bad', 5);
      await store.claimNext('w', 60_000);
      expect(await store.recordFailure(row.id, 'w', new ZoomhlsError('MEDIA_INVALID', 'not a video'))).toBe('failed');
    });

    it('gives up on a job whose workers keep dying', async () => {
      await db.knex('zoom_recordings').del();
      const { row } = await newJob('k-crashy', 2);
      for (let i = 0; i < 2; i++) {
        expect((await store.claimNext(`w${i}`, 1000))?.id).toBe(row.id);
        clock += 2000;
      }
      expect(await store.claimNext('w9', 1000)).toBeUndefined();
      const r = await store.require(row.id);
      expect(r.state).toBe('failed');
      expect(r.last_error).toMatch(/Gave up after 2 attempts/);
    });

    it('releases a lease on graceful shutdown without using up an attempt', async () => {
      await db.knex('zoom_recordings').del();
      const { row } = await newJob('k-release');
      await store.claimNext('w1', 60_000);
      await store.release(row.id, 'w1');
      const r = await store.claimNext('w2', 60_000);
      expect(r?.id).toBe(row.id);
      expect(r?.attempts).toBe(1);
    });

    it('never hands one job to two racing workers (separate connections)', async () => {
      await db.knex('zoom_recordings').del();
      for (let i = 0; i < 20; i++) await newJob(`k-many-${i}`);
      const stores = [0, 1, 2, 3].map(() => {
        const conn = connectDb({ url });
        return { conn, store: new RecordingStore(conn, () => clock) };
      });
      const claimed: number[] = [];
      await Promise.all(
        stores.map(async ({ store: s }, i) => {
          for (;;) {
            const r = await s.claimNext(`racer-${i}`, 600_000);
            if (!r) return;
            claimed.push(r.id);
          }
        }),
      );
      await Promise.all(stores.map((s) => s.conn.close()));
      expect(claimed).toHaveLength(20);
      expect(new Set(claimed).size).toBe(20);
    });

    it('keeps settings first-writer-wins', async () => {
      const a = await store.ensureSetting('course_key_secret_test', 'first');
      const b = await store.ensureSetting('course_key_secret_test', 'second');
      expect(a).toBe('first');
      expect(b).toBe('first');
    });

    it('counts jobs by state', async () => {
      const counts = await store.countByState();
      expect(Object.keys(counts).sort()).toEqual(['captioning', 'downloading', 'failed', 'pending', 'published', 'skipped', 'transcoding', 'unmapped', 'uploading']);
      expect(counts.pending).toBe(20);
    });
  });
}
