/**
 * The whole product, end to end, on one machine: the Zoom emulator sends a signed
 * `recording.completed` → the real sidecar process (`zoomhls serve`) downloads, transcodes,
 * uploads to s3rver and writes the playlist into the repository folder → cookies from
 * `POST /v1/access` → the player bundle in Chromium plays the stream through the sidecar's edge
 * (reading S3 as CloudFront would) → a transcript event adds captions to the same stream.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClip } from '@zoomhls/sidecar/test/helpers/media.js';
import { pluginToken } from '@zoomhls/sidecar/test/helpers/access.js';
import { startS3rver } from '@zoomhls/sidecar/test/helpers/s3rver.js';
import { ZoomEmulator } from '../zoom-emulator/index.js';
import { browserUnavailable, launchChromium } from './helpers/browser.js';
import { listen, type Running } from './helpers/http.js';
import { fakeMoodle, mediaVideojsBlock, pageHtml, playerConfig, PLUGINFILE_PATH, type FakeMoodle } from './helpers/moodle.js';
import type { ZoomWindow } from './helpers/page-api.js';
import { REPO_ROOT } from './helpers/player-bundle.js';

const why = browserUnavailable();
if (why) console.log(`full-flow e2e skipped: ${why}`);

const SECRET = 'full-flow-moodle-secret-'.padEnd(64, 'z');
const MEETING_ID = 86012345678;
const COURSE = 12;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe.skipIf(!!why)('Zoom → sidecar → S3 → edge → player, with captions added later', () => {
  let emulator: ZoomEmulator;
  let s3: Awaited<ReturnType<typeof startS3rver>>;
  let moodle: FakeMoodle;
  let origin: Running;
  let sidecar: ResultPromise;
  let sidecarUrl: string;
  let browser: Browser;
  let dir: string;
  const sidecarOutput: string[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zoomhls-full-'));
    emulator = await new ZoomEmulator().start();
    s3 = await startS3rver('lectures');
    moodle = fakeMoodle('');
    origin = await listen(moodle.app);
    const port = await freePort();
    sidecarUrl = `http://127.0.0.1:${port}`;
    sidecar = execa(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
      cwd: path.join(REPO_ROOT, 'sidecar'),
      reject: false,
      env: {
        ZOOMHLS_PORT: String(port),
        ZOOMHLS_DATA_DIR: dir,
        ZOOMHLS_DATABASE_URL: `sqlite:${path.join(dir, 'zoomhls.sqlite')}`,
        ZOOMHLS_STORAGE: 's3',
        ZOOMHLS_S3_BUCKET: s3.bucket,
        ZOOMHLS_S3_REGION: 'us-east-1',
        ZOOMHLS_S3_ENDPOINT: s3.endpoint,
        ZOOMHLS_S3_PREFIX: 'lectures',
        AWS_ACCESS_KEY_ID: 'S3RVER',
        AWS_SECRET_ACCESS_KEY: 'S3RVER',
        ZOOMHLS_CDN_BASE_URL: `${sidecarUrl}/media`,
        ZOOMHLS_EDGE: 'on',
        ZOOMHLS_REPOSITORY_DIR: path.join(dir, 'repository'),
        ZOOMHLS_MOODLE_ORIGINS: origin.origin,
        ZOOMHLS_MOODLE_SECRET: SECRET,
        ZOOMHLS_ZOOM_ACCOUNT_ID: emulator.accountId,
        ZOOMHLS_ZOOM_CLIENT_ID: emulator.clientId,
        ZOOMHLS_ZOOM_CLIENT_SECRET: emulator.clientSecret,
        ZOOMHLS_ZOOM_WEBHOOK_SECRET: emulator.webhookSecret,
        ZOOMHLS_ZOOM_API_URL: emulator.apiUrl,
        ZOOMHLS_ZOOM_OAUTH_URL: emulator.oauthUrl,
        ZOOMHLS_ZOOM_SYNC_INTERVAL_MINUTES: '0',
        ZOOMHLS_ZOOM_MIN_DURATION_SECONDS: '5',
        ZOOMHLS_MAP_MEETINGS: `${MEETING_ID}=${COURSE}`,
        ZOOMHLS_TIMEZONE: 'UTC',
      },
    });
    sidecar.stdout?.on('data', (d: Buffer) => sidecarOutput.push(d.toString()));
    sidecar.stderr?.on('data', (d: Buffer) => sidecarOutput.push(d.toString()));
    for (let i = 0; i < 300; i++) {
      const ok = await fetch(`${sidecarUrl}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    sidecar?.kill('SIGTERM');
    await sidecar;
    await origin?.close();
    await s3?.stop();
    await emulator?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const recordings = async () => {
    const res = await fetch(`${sidecarUrl}/v1/recordings?course=${COURSE}`, {
      headers: { authorization: `Bearer ${pluginToken({ iss: origin.origin, scope: 'site' }, {}, SECRET)}` },
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { recordings: Array<{ id: number; state: string; playlist_path?: string; last_error?: string | null }> }).recordings;
  };

  async function until<T>(what: string, probe: () => Promise<T | undefined>, seconds = 90): Promise<T> {
    for (let i = 0; i < seconds * 5; i++) {
      const value = await probe();
      if (value !== undefined) return value;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`timed out waiting for ${what}\n${sidecarOutput.join('').slice(-3000)}`);
  }

  async function openLecture(cookies: Array<{ name: string; value: string; path: string }>): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 960, height: 640 } });
    await context.addCookies(cookies.map((c) => ({ name: c.name, value: c.value, domain: '127.0.0.1', path: c.path, httpOnly: true, sameSite: 'Lax' as const })));
    const page = await context.newPage();
    await page.goto(`${origin.origin}/course/${COURSE}/lecture`);
    return page;
  }

  it('a Zoom recording is published by itself and plays for a student with course cookies; a late transcript adds captions', async () => {
    const clip = await makeClip({ seconds: 14, width: 640, height: 360, lecture: true });
    const T0 = Date.UTC(2026, 11, 4, 9, 30);
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const meeting = emulator.addMeeting({
      id: MEETING_ID,
      topic: 'Physics 101: Lecture 1',
      startTime: iso(T0),
      files: [{ id: 'video-1', fileType: 'MP4', recordingType: 'shared_screen_with_speaker_view', path: clip, start: iso(T0), end: iso(T0 + 14_000) }],
    });
    const sent = await emulator.sendWebhook(`${sidecarUrl}/zoom/webhook`, 'recording.completed', { object: emulator.meetingObject(meeting.uuid) }, { downloadToken: emulator.newDownloadToken() });
    expect(sent.status).toBe(200);
    expect((await sent.json()).status).toBe('queued');

    const published = await until('the recording to be published', async () => {
      const r = (await recordings())[0];
      if (r?.state === 'failed') throw new Error(`import failed: ${r.last_error}`);
      return r?.state === 'published' ? r : undefined;
    });
    const teacherPlaylist = path.join(dir, 'repository', `course-${COURSE}`, '2026-12-04 0930 Physics 101- Lecture 1.m3u8');
    expect(fs.existsSync(teacherPlaylist)).toBe(true);
    expect(fs.readFileSync(teacherPlaylist, 'utf8')).toContain(`${sidecarUrl}/media/lectures/`);
    void published;

    // The student's cookies, as the plugin fetches them at login.
    const access = await fetch(`${sidecarUrl}/v1/access`, {
      method: 'POST',
      headers: { authorization: `Bearer ${pluginToken({ iss: origin.origin, scope: `course:${COURSE}` }, {}, SECRET)}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(access.status).toBe(200);
    const { cookies } = (await access.json()) as { cookies: Array<{ name: string; value: string; path: string }> };
    expect(cookies.map((c) => c.name).sort()).toEqual(['CloudFront-Key-Pair-Id', 'CloudFront-Policy', 'CloudFront-Signature']);

    moodle.teacherPlaylist = teacherPlaylist;
    moodle.pages.set(
      `/course/${COURSE}/lecture`,
      pageHtml(mediaVideojsBlock(`${origin.origin}${PLUGINFILE_PATH}`), { zoomhls: playerConfig(origin.origin, `${sidecarUrl}/media`, COURSE), coreVideojs: false }),
    );
    const page = await openLecture(cookies);
    const cdnResponses: Array<{ url: string; status: number }> = [];
    page.on('response', (r) => {
      if (r.url().startsWith(`${sidecarUrl}/media/`)) cdnResponses.push({ url: r.url(), status: r.status() });
    });
    await page.waitForFunction(() => {
      const p = (window as unknown as ZoomWindow).ZoomHLS?.getPlayers()[0];
      if (p && p.paused()) void (p as unknown as { play(): Promise<void> }).play()?.catch?.(() => undefined);
      return !!p && p.currentTime() >= 5;
    }, undefined, { timeout: 60_000, polling: 250 });
    expect(cdnResponses.length).toBeGreaterThan(2);
    expect(cdnResponses.every((r) => r.status === 200 || r.status === 206)).toBe(true);
    expect(cdnResponses.some((r) => r.url.endsWith('.ts'))).toBe(true);
    fs.mkdirSync(path.join(REPO_ROOT, 'test-artifacts'), { recursive: true });
    await page.screenshot({ path: path.join(REPO_ROOT, 'test-artifacts', 'full-flow-playing.png') });
    await page.context().close();

    // Without cookies the same stream is refused at the edge.
    const bare = await fetch(cdnResponses.find((r) => r.url.endsWith('.ts'))!.url);
    expect(bare.status).toBe(403);

    // Ten minutes later (here: now) Zoom finishes the transcript.
    const vtt = path.join(dir, 'transcript.vtt');
    fs.writeFileSync(vtt, 'WEBVTT\n\n00:00:01.000 --> 00:00:06.000\nWelcome to Physics 101.\n\n00:00:07.000 --> 00:00:12.000\nToday: Newton.\n');
    meeting.files.push({ id: 'vtt-1', fileType: 'TRANSCRIPT', recordingType: 'audio_transcript', path: vtt, start: iso(T0), end: iso(T0 + 14_000) });
    const transcript = await emulator.sendWebhook(`${sidecarUrl}/zoom/webhook`, 'recording.transcript_completed', { object: emulator.meetingObject(meeting.uuid, ['TRANSCRIPT']) });
    expect(transcript.status).toBe(200);
    await until('captions in the teacher playlist', async () => (fs.readFileSync(teacherPlaylist, 'utf8').includes('TYPE=SUBTITLES') ? true : undefined));
    await until('the recording to be published again', async () => ((await recordings())[0]?.state === 'published' ? true : undefined));

    const again = await openLecture(cookies);
    const labels = await again.waitForFunction(() => {
      const p = (window as unknown as ZoomWindow).ZoomHLS?.getPlayers()[0];
      const tracks = p ? Array.from(p.textTracks()).map((t) => t.label) : [];
      return tracks.includes('English') ? tracks : undefined;
    }, undefined, { timeout: 30_000, polling: 250 });
    expect(await labels.jsonValue()).toContain('English');
    await again.context().close();
  });
});
