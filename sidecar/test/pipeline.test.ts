import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { execa } from 'execa';
import { RecordingStore, type Db } from '../src/db/index.js';
import { enqueueImport, parseMediaPlaylist, Worker } from '../src/pipeline/index.js';
import { LocalStorage, S3Storage } from '../src/storage/index.js';
import { engines } from './helpers/engines.js';
import { ffprobeDuration, makeClip, truncatedCopy } from './helpers/media.js';
import { filesBelow, firstVariant, playlistUris, tempDir, testDeps, testSettings } from './helpers/pipeline.js';
import { S3RVER_CREDENTIALS, startS3rver } from './helpers/s3rver.js';

async function runQueue(deps: ReturnType<typeof testDeps>) {
  const worker = new Worker(deps, { leaseSeconds: 60, concurrency: 1 });
  await worker.run('once');
}

for (const engine of engines()) {
  describe(`import into s3rver with ${engine.name}`, () => {
    let db: Db;
    let drop: () => Promise<void>;
    let s3: Awaited<ReturnType<typeof startS3rver>>;
    let storage: S3Storage;
    let dir: string;

    beforeAll(async () => {
      ({ db, drop } = await engine.open());
      s3 = await startS3rver();
      storage = new S3Storage({
        bucket: s3.bucket, region: 'us-east-1', accelerate: false, endpoint: s3.endpoint, forcePathStyle: true,
        concurrency: 4, credentials: S3RVER_CREDENTIALS, multipartThreshold: 1024 * 1024,
      });
      dir = tempDir();
    });
    afterAll(async () => {
      await db.close();
      await drop();
      await s3.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('publishes a 720p Zoom-like MP4 with the copy profile, playable through its CDN URLs', async () => {
      const clip = await makeClip({ seconds: 20, width: 1280, height: 720 });
      // The "CDN" here is s3rver itself, path-style: the playlist URIs must work as written.
      const settings = testSettings(dir, { cdnBaseUrl: `${s3.endpoint}/${s3.bucket}` });
      const deps = testDeps(db, storage, settings);
      const { row } = await enqueueImport(deps.store, { source: clip, courseId: 42, topic: 'Álgebra / Lecture 1', startTime: Date.UTC(2026, 11, 4, 9, 30), maxAttempts: 3 });
      await runQueue(deps);

      const done = await deps.store.require(row.id);
      expect(done.state).toBe('published');
      expect(done.attempts).toBe(1);
      expect(done.video_key).toMatch(/^[0-9a-f]{32}$/);
      expect(done.output_folder).toBe(`lectures/${done.course_key}/${done.video_key}`);
      expect(done.duration_seconds).toBeCloseTo(20, 0);
      expect(done.segment_count).toBeGreaterThanOrEqual(3);
      expect(done.bytes_published).toBeGreaterThan(100_000);

      // The teacher's playlist: in the course folder, sanitised name, identical to the stored index.
      expect(done.playlist_path).toBe(path.join(settings.repositoryDir, 'course-42', '2026-12-04 0930 Álgebra - Lecture 1.m3u8'));
      const teacher = fs.readFileSync(done.playlist_path!, 'utf8');
      // A master playlist with one variant (all URIs absolute), identical to the stored index.
      expect(teacher).toMatch(/#EXT-X-STREAM-INF:BANDWIDTH=\d+,AVERAGE-BANDWIDTH=\d+,CODECS="avc1\.[0-9a-f]{6},mp4a\.40\.2",RESOLUTION=1280x720/);
      const variantUrl = playlistUris(teacher)[0]!;
      expect(variantUrl).toBe(`${s3.endpoint}/${s3.bucket}/${done.output_folder}/v0/index.m3u8`);
      const stored = await storage.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: `${done.output_folder}/index.m3u8` }));
      expect(await stored.Body!.transformToString()).toBe(teacher);
      const media = await (await fetch(variantUrl)).text();
      expect(media).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
      expect(media).toContain('#EXT-X-ENDLIST');
      const uris = playlistUris(media);
      expect(uris.length).toBe(done.segment_count);
      for (const u of uris) expect(u.startsWith(`${s3.endpoint}/${s3.bucket}/${done.output_folder}/v0/seg_`)).toBe(true);

      // Content-Type and Cache-Control on every object.
      const keys = await storage.list(`${done.output_folder}/`);
      expect(keys.length).toBe(uris.length + 2);
      for (const key of keys) {
        const head = await storage.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: key }));
        if (key.endsWith('.m3u8')) {
          expect(head.ContentType).toBe('application/vnd.apple.mpegurl');
          expect(head.CacheControl).toBe('public, max-age=60');
        } else {
          expect(head.ContentType).toBe('video/mp2t');
          expect(head.CacheControl).toContain('immutable');
        }
      }

      // Fetched over HTTP through the playlist's own URLs, the stream decodes for its full duration.
      const served = await serveFile(done.playlist_path!);
      try {
        const duration = await ffprobeDuration(served.url, ['-protocol_whitelist', 'file,http,tcp,hls']);
        expect(duration).toBeGreaterThan(19.5);
        expect(duration).toBeLessThan(20.6);
        const decode = await execa('ffmpeg', ['-v', 'error', '-protocol_whitelist', 'file,http,tcp,hls', '-i', served.url, '-f', 'null', '-']);
        expect(decode.stderr.trim()).toBe('');
      } finally {
        served.close();
      }
    });

    it('is idempotent: the same file queued again is the same job', async () => {
      const clip = await makeClip({ seconds: 20, width: 1280, height: 720 });
      const store = new RecordingStore(db);
      const again = await enqueueImport(store, { source: clip, courseId: 42, topic: 'Álgebra / Lecture 1', maxAttempts: 3 });
      expect(again.created).toBe(false);
      expect(again.row.state).toBe('published');
      expect(filesBelow(path.join(dir, 'repository', 'course-42'))).toHaveLength(1);
    });

    it('turns an unreachable S3 into retries, then failed, with nothing half-visible', async () => {
      const clip = await makeClip({ seconds: 4, width: 640, height: 360 });
      let clock = Date.now();
      const store = new RecordingStore(db, () => clock);
      const dead = new S3Storage({
        bucket: 'lectures', region: 'us-east-1', accelerate: false, endpoint: 'http://127.0.0.1:9', forcePathStyle: true,
        concurrency: 2, credentials: S3RVER_CREDENTIALS,
      });
      const deadDir = tempDir();
      const deps = testDeps(db, dead, testSettings(deadDir), store);
      const { row } = await enqueueImport(store, { source: clip, courseId: 43, maxAttempts: 2 });
      await runQueue(deps);
      const first = await store.require(row.id);
      expect(first.state).toBe('pending');
      expect(first.last_error_code).toBe('STORAGE_FAILED');
      expect(first.next_attempt_at).toBeGreaterThan(clock);
      clock = first.next_attempt_at + 1;
      await runQueue(deps);
      const final = await store.require(row.id);
      expect(final.state).toBe('failed');
      expect(final.attempts).toBe(2);
      expect(final.last_error).toMatch(/S3 upload of .* failed/);
      expect(filesBelow(path.join(deadDir, 'repository'))).toEqual([]);
      expect(filesBelow(path.join(deadDir, 'work'))).toEqual([]);
      fs.rmSync(deadDir, { recursive: true, force: true });
    });
  });
}

describe('profiles and bad input (local storage, SQLite)', () => {
  let db: Db;
  let drop: () => Promise<void>;
  let dir: string;
  let storage: LocalStorage;

  beforeAll(async () => {
    ({ db, drop } = await engines()[0]!.open());
    dir = tempDir();
    storage = new LocalStorage(path.join(dir, 'media'));
  });
  afterAll(async () => {
    await db.close();
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const mediaFile = (key: string) => path.join(dir, 'media', key);
  const keyOf = (url: string) => url.replace('http://127.0.0.1:9/media/', '');

  it('watermark re-encodes 1080p with keyframes on every segment boundary', async () => {
    const clip = await makeClip({ seconds: 14, width: 1920, height: 1080, lecture: true });
    const deps = testDeps(db, storage, testSettings(dir, {
      watermark: { kind: 'text', text: 'Ada Lovelace 12345 100%{pts}', position: 'bottom-right', size: 0.05, opacity: 0.6 },
    }));
    const { row } = await enqueueImport(deps.store, { source: clip, courseId: 7, profile: 'watermark', maxAttempts: 1 });
    await runQueue(deps);
    const done = await deps.store.require(row.id);
    expect(done.last_error).toBeNull();
    expect(done.state).toBe('published');
    const variant = firstVariant(fs.readFileSync(done.playlist_path!, 'utf8'), path.join(dir, 'media'));
    const segments = parseMediaPlaylist(variant.text).segments;
    expect(segments.map((s) => Math.round(s.duration))).toEqual([6, 6, 2]);
    for (const s of segments) {
      const file = mediaFile(keyOf(s.uri));
      const { stdout } = await execa('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'frame=key_frame,pict_type', '-read_intervals', '%+#1', '-of', 'csv=p=0', file]);
      expect(stdout.trim().split('\n')[0]).toMatch(/^1,I/);
      const codec = await execa('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,height', '-of', 'csv=p=0', file]);
      expect(new Set(codec.stdout.split('\n').map((l) => l.trim()).filter(Boolean))).toEqual(new Set(['h264,1080']));
    }
  });

  it('abr makes a ladder capped at the source height with a master playlist and honest bandwidth', async () => {
    const clip = await makeClip({ seconds: 12, width: 1280, height: 720, lecture: true });
    const deps = testDeps(db, storage, testSettings(dir));
    const { row } = await enqueueImport(deps.store, { source: clip, courseId: 7, profile: 'abr', maxAttempts: 1 });
    await runQueue(deps);
    const done = await deps.store.require(row.id);
    expect(done.last_error).toBeNull();
    const master = fs.readFileSync(done.playlist_path!, 'utf8');
    const infs = master.split('\n').filter((l) => l.startsWith('#EXT-X-STREAM-INF:'));
    expect(infs).toHaveLength(2);
    expect(infs[0]).toContain('RESOLUTION=1280x720');
    expect(infs[1]).toContain('RESOLUTION=640x360');
    for (const [i, inf] of infs.entries()) {
      const peak = Number(/BANDWIDTH=(\d+)/.exec(inf)![1]);
      const avg = Number(/AVERAGE-BANDWIDTH=(\d+)/.exec(inf)![1]);
      expect(peak).toBeGreaterThanOrEqual(avg);
      const variantUrl = playlistUris(master)[i]!;
      const variant = parseMediaPlaylist(fs.readFileSync(mediaFile(keyOf(variantUrl)), 'utf8'));
      // Honest: the peak over the real segments, not a nominal figure.
      const rates = variant.segments.map((s) => (fs.statSync(mediaFile(keyOf(s.uri))).size * 8) / Math.max(s.duration, 1));
      expect(peak).toBe(Math.ceil(Math.max(...rates)));
      expect(variant.segments.map((s) => Math.round(s.duration))).toEqual([6, 6]);
    }
  });

  it('audio-only sources (Zoom M4A) become audio HLS', async () => {
    const clip = await makeClip({ seconds: 10, audioOnly: true });
    const deps = testDeps(db, storage, testSettings(dir));
    const { row } = await enqueueImport(deps.store, { source: clip, courseId: 8, maxAttempts: 1 });
    await runQueue(deps);
    const done = await deps.store.require(row.id);
    expect(done.state).toBe('published');
    const master = fs.readFileSync(done.playlist_path!, 'utf8');
    expect(master).toContain('CODECS="mp4a.40.2"');
    expect(master).not.toContain('RESOLUTION');
    const first = parseMediaPlaylist(firstVariant(master, path.join(dir, 'media')).text).segments[0]!;
    const { stdout } = await execa('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_type,codec_name', '-of', 'csv=p=0', mediaFile(keyOf(first.uri))]);
    expect(stdout).toContain('aac,audio');
    expect(stdout).not.toContain('video');
  });

  it.each([
    ['a text file', 'notes.txt', 'MEDIA_INVALID'],
    ['an empty file', 'empty.mp4', 'MEDIA_INVALID'],
    ['a truncated MP4 (index at the end)', 'truncated-end.mp4', 'MEDIA_INVALID'],
    ['a truncated MP4 (index at the start)', 'truncated-start.mp4', 'MEDIA_INVALID'],
  ])('fails %s fast with a clear reason and publishes nothing', async (_label, name, code) => {
    const bad = tempDir('zoomhls-bad-');
    const file = path.join(bad, name);
    if (name === 'notes.txt') fs.writeFileSync(file, 'this is not a video\n'.repeat(100));
    if (name === 'empty.mp4') fs.writeFileSync(file, '');
    if (name === 'truncated-end.mp4') {
      const clip = await makeClip({ seconds: 20, width: 1280, height: 720 });
      const moovAtEnd = path.join(bad, 'moov-end.mp4');
      await execa('ffmpeg', ['-v', 'error', '-y', '-i', clip, '-c', 'copy', moovAtEnd]);
      fs.renameSync(truncatedCopy(moovAtEnd, bad, 0.5), file);
    }
    if (name === 'truncated-start.mp4') {
      fs.renameSync(truncatedCopy(await makeClip({ seconds: 20, width: 1280, height: 720 }), bad, 0.5), file);
    }
    const badDir = tempDir();
    const badStorage = new LocalStorage(path.join(badDir, 'media'));
    const deps = testDeps(db, badStorage, testSettings(badDir));
    const { row } = await enqueueImport(deps.store, { source: file, courseId: 9, maxAttempts: 5 });
    await runQueue(deps);
    const done = await deps.store.require(row.id);
    expect(done.state).toBe('failed');
    expect(done.attempts).toBe(1);
    expect(done.last_error_code).toBe(code);
    expect(done.last_error).toMatch(/empty|truncated|no audio or video|cannot read|Invalid data|only/i);
    expect(filesBelow(path.join(badDir, 'repository'))).toEqual([]);
    expect(filesBelow(path.join(badDir, 'media'))).toEqual([]);
    expect(filesBelow(path.join(badDir, 'work'))).toEqual([]);
    fs.rmSync(bad, { recursive: true, force: true });
    fs.rmSync(badDir, { recursive: true, force: true });
  });

  it('refuses an unreadable path at enqueue time', async () => {
    const store = new RecordingStore(db);
    await expect(enqueueImport(store, { source: '/nonexistent/lecture.mp4', courseId: 1, maxAttempts: 1 })).rejects.toMatchObject({ code: 'MEDIA_UNREADABLE' });
  });
});

/** Serves one local file over loopback HTTP (the playlist as Moodle would serve it). */
async function serveFile(file: string): Promise<{ url: string; close(): void }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' });
    res.end(fs.readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/playlist.m3u8`, close: () => server.close() };
}

describe('image watermark end to end', () => {
  it('burns a PNG in for the full duration', async () => {
    const { db, drop } = await engines()[0]!.open();
    const dir = tempDir();
    const png = path.join(dir, 'logo.png');
    await execa('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=0x00ff00@0.9:size=200x100,format=rgba', '-frames:v', '1', png]);
    const clip = await makeClip({ seconds: 8, width: 640, height: 360 });
    const deps = testDeps(db, new LocalStorage(path.join(dir, 'media')), testSettings(dir, {
      watermark: { kind: 'image', imagePath: png, position: 'top-left', size: 0.2, opacity: 0.5 },
    }));
    const { row } = await enqueueImport(deps.store, { source: clip, courseId: 11, maxAttempts: 1 });
    await new Worker(deps, { leaseSeconds: 60, concurrency: 1 }).run('once');
    const done = await deps.store.require(row.id);
    expect(done.last_error).toBeNull();
    const segments = parseMediaPlaylist(firstVariant(fs.readFileSync(done.playlist_path!, 'utf8'), path.join(dir, 'media')).text).segments;
    expect(segments.reduce((s, x) => s + x.duration, 0)).toBeCloseTo(8, 0);
    // The mark is in the top-left corner of the last segment too: green pixels there, where the
    // source itself is dark red.
    const last = path.join(dir, 'media', segments.at(-1)!.uri.replace('http://127.0.0.1:9/media/', ''));
    const { stdout } = await execa('ffmpeg', ['-v', 'error', '-i', last, '-vf', 'crop=40:20:20:20,scale=1:1,format=rgb24', '-frames:v', '1', '-f', 'rawvideo', '-'], { encoding: 'buffer' });
    const [r, g, b] = [...stdout];
    expect(g).toBeGreaterThan(r! + 40);
    expect(g).toBeGreaterThan(b! + 40);
    await db.close();
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
