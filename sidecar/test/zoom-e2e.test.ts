import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/index.js';
import { parseMediaPlaylist } from '../src/pipeline/index.js';
import { syncRecordings } from '../src/zoom/index.js';
import { engines } from './helpers/engines.js';
import { makeClip } from './helpers/media.js';
import { filesBelow, firstVariant, playlistUris } from './helpers/pipeline.js';
import { iso, zoomHarness } from './helpers/zoom.js';

const T0 = Date.UTC(2026, 11, 3, 9, 0, 0);

describe('Zoom → published stream', () => {
  let db: Db;
  let drop: () => Promise<void>;
  let h: Awaited<ReturnType<typeof zoomHarness>>;
  let clip: string;
  let vtt: string;

  beforeAll(async () => {
    ({ db, drop } = await engines()[0]!.open());
    clip = await makeClip({ seconds: 14, width: 640, height: 360 });
    vtt = path.join(path.dirname(clip), 'transcript.vtt');
    fs.writeFileSync(vtt, 'WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\nAda Lovelace: Welcome to the lecture.\n\n2\n00:00:05.000 --> 00:00:08.000\nToday: the analytical engine.\n');
  });
  afterAll(async () => {
    await db.close();
    await drop();
  });
  afterEach(async () => {
    await h?.close();
  });

  const count = async () => Number(((await db.knex('zoom_recordings').count({ n: '*' })) as Array<{ n: number }>)[0]!.n);

  it('imports exactly once from 5 redeliveries and a sweep, resuming a cut download, then attaches a late transcript', async () => {
    h = await zoomHarness(db, { mapping: { meetings: new Map([[81234567890, 42]]) } });
    const m = h.emulator.addMeeting({
      id: 81234567890,
      uuid: 'aDYlohsHRtCd4ii1uC2+hA==',
      topic: 'Physics 101 / Lecture 3',
      startTime: iso(T0),
      files: [
        { id: 'mp4-1', fileType: 'MP4', recordingType: 'shared_screen_with_speaker_view', path: clip, start: iso(T0), end: iso(T0 + 14_000) },
        { id: 'gal-1', fileType: 'MP4', recordingType: 'gallery_view', path: clip, start: iso(T0), end: iso(T0 + 14_000) },
        { id: 'm4a-1', fileType: 'M4A', recordingType: 'audio_only', path: clip, start: iso(T0), end: iso(T0 + 14_000) },
      ],
    });
    h.emulator.cutDownloadOnce('mp4-1', Math.floor(fs.statSync(clip).size / 2));
    const object = h.emulator.meetingObject(m.uuid, ['MP4', 'M4A']);
    const token = h.emulator.newDownloadToken();
    const started = Date.now();
    for (let i = 0; i < 5; i++) {
      const res = await h.emulator.sendWebhook(h.webhookUrl, 'recording.completed', { object }, { downloadToken: token });
      expect(res.status).toBe(200);
      expect((await res.json()).status).toBe(i === 0 ? 'queued' : 'exists');
    }
    expect(Date.now() - started).toBeLessThan(3000); // Zoom's 3-second answer limit, five times over
    await syncRecordings({ api: h.zoom.api!, ingest: h.zoom.ingest, store: h.store, logger: h.zoom.ingest['deps'].logger, users: [], from: '2026-12-01', to: '2026-12-04', resumable: false });
    expect(await count()).toBe(1);

    await h.runWorkers();
    const row = (await h.store.findByMeetingUuid(m.uuid))!;
    expect(row.last_error ?? 'none').toBe('none');
    expect(row.state).toBe('published');
    expect(row.course_id).toBe(42);
    expect(row.zoom_recording_id).toBe('mp4-1');
    // The download broke half-way and was resumed with Range.
    const signed = h.emulator.log.filter((l) => l.path.startsWith('/signed/mp4-1'));
    expect(signed.length).toBe(2);
    expect(signed[1]!.status).toBe(206);
    expect(signed[1]!.range).toMatch(/^bytes=\d+-$/);
    expect(filesBelow(path.join(h.settings.repositoryDir))).toEqual(['course-42/2026-12-03 0900 Physics 101 - Lecture 3.m3u8']);
    const before = fs.readFileSync(row.playlist_path!, 'utf8');
    expect(before).not.toContain('TYPE=SUBTITLES');

    // Ten minutes later Zoom finishes the transcript.
    m.files.push({ id: 'vtt-1', fileType: 'TRANSCRIPT', recordingType: 'audio_transcript', path: vtt, start: iso(T0), end: iso(T0 + 14_000) });
    const transcriptEvent = h.emulator.meetingObject(m.uuid, ['TRANSCRIPT']);
    const res = await h.emulator.sendWebhook(h.webhookUrl, 'recording.transcript_completed', { object: transcriptEvent }, { downloadToken: token });
    expect(res.status).toBe(200);
    expect((await h.store.require(row.id)).state).toBe('captioning');
    await h.runWorkers();
    const after = await h.store.require(row.id);
    expect(after.state).toBe('published');
    expect(after.last_error).toBeNull();
    const master = fs.readFileSync(after.playlist_path!, 'utf8');
    expect(master).toContain('#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="English",LANGUAGE="en"');
    expect(master).toMatch(/#EXT-X-STREAM-INF:.*SUBTITLES="subs"/);
    const subsUri = /URI="([^"]+)"/.exec(master)![1]!;
    const subsKey = subsUri.replace('http://127.0.0.1:9/media/', '');
    const subsList = fs.readFileSync(path.join(h.mediaDir, subsKey), 'utf8');
    const vttKey = playlistUris(subsList)[0]!.replace('http://127.0.0.1:9/media/', '');
    const publishedVtt = fs.readFileSync(path.join(h.mediaDir, vttKey), 'utf8');
    // Aligned with the MPEG-TS clock of the video segments (ffmpeg starts them at 1.4 s).
    expect(publishedVtt).toMatch(/^WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:126000,LOCAL:00:00:00.000\n/);
    expect(publishedVtt).toContain('Welcome to the lecture.');
    expect(fs.readFileSync(path.join(h.mediaDir, row.output_folder!, 'index.m3u8'), 'utf8')).toBe(master);
    // Redelivering the transcript changes nothing.
    await h.emulator.sendWebhook(h.webhookUrl, 'recording.transcript_completed', { object: transcriptEvent });
    expect((await h.store.require(row.id)).state).toBe('published');
    // Secrets and tokens never reach the logs.
    const logs = h.logLines.join('\n');
    expect(logs).not.toContain(token);
    expect(logs).not.toContain(h.emulator.clientSecret);
    expect(logs).not.toContain(h.emulator.webhookSecret);
  });

  it('refuses forged, stale and unsigned calls, and everything when no secret is set — nothing enqueued', async () => {
    h = await zoomHarness(db);
    const m = h.emulator.addMeeting({ topic: 'Forged', startTime: iso(T0), files: [{ fileType: 'MP4', recordingType: 'speaker_view', path: clip, start: iso(T0), end: iso(T0 + 14_000) }] });
    const object = h.emulator.meetingObject(m.uuid);
    const before = await count();
    expect((await h.emulator.sendWebhook(h.webhookUrl, 'recording.completed', { object }, { secret: 'not-the-secret' })).status).toBe(401);
    expect((await h.emulator.sendWebhook(h.webhookUrl, 'recording.completed', { object }, { timestampSeconds: Math.floor(Date.now() / 1000) - 600 })).status).toBe(401);
    const unsigned = await fetch(h.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ event: 'recording.completed', payload: { object } }) });
    expect(unsigned.status).toBe(401);
    expect(await count()).toBe(before);
    expect(h.logLines.join('\n')).toContain('zoom webhook refused');
    await h.close();

    h = await zoomHarness(db, { webhookSecret: null });
    const res = await h.emulator.sendWebhook(h.webhookUrl, 'recording.completed', { object });
    expect(res.status).toBe(403);
    const validation = await h.emulator.sendWebhook(h.webhookUrl, 'endpoint.url_validation', { plainToken: 'abc' });
    expect(validation.status).toBe(403);
    expect(await count()).toBe(before);
  });

  it('answers URL validation, and handles malformed, huge and unknown events clearly', async () => {
    h = await zoomHarness(db);
    const v = await h.emulator.sendWebhook(h.webhookUrl, 'endpoint.url_validation', { plainToken: 'qgg8vlvZRS6UYooatFL8Aw' });
    expect(v.status).toBe(200);
    const body = await v.json();
    expect(body.plainToken).toBe('qgg8vlvZRS6UYooatFL8Aw');
    expect(body.encryptedToken).toMatch(/^[0-9a-f]{64}$/);
    expect((await h.emulator.sendWebhook(h.webhookUrl, 'x', {}, { rawBody: '{"event": "recording.completed", "payload": ' })).status).toBe(400);
    expect((await h.emulator.sendWebhook(h.webhookUrl, 'x', {}, { rawBody: `{"pad":"${'x'.repeat(600_000)}"}` })).status).toBe(413);
    const unknown = await h.emulator.sendWebhook(h.webhookUrl, 'meeting.started', { object: { id: 1 } });
    expect(unknown.status).toBe(200);
    expect((await unknown.json()).status).toBe('ignored');
    expect(h.logLines.join('\n')).toContain('zoom event ignored');
    const broken = await h.emulator.sendWebhook(h.webhookUrl, 'recording.completed', { object: { uuid: 'x' } });
    expect(broken.status).toBe(400);
  });

  it('waits for files still processing, keeps unmapped recordings, and publishes once mapped', async () => {
    h = await zoomHarness(db);
    const m = h.emulator.addMeeting({
      uuid: '/slashUuid//abc==',
      topic: '../../../etc/passwd\u0000 <script>',
      startTime: iso(T0 + 3_600_000),
      files: [{ id: 'proc-1', fileType: 'MP4', recordingType: 'speaker_view', path: clip, start: iso(T0), end: iso(T0 + 14_000), status: 'processing' }],
    });
    const res = await h.emulator.sendWebhook(h.webhookUrl, 'recording.completed', { object: h.emulator.meetingObject(m.uuid) });
    expect((await res.json()).status).toBe('processing');
    expect(await h.store.findByMeetingUuid(m.uuid)).toBeUndefined();

    h.emulator.setFileStatus('proc-1', 'completed');
    const report = await syncRecordings({ api: h.zoom.api!, ingest: h.zoom.ingest, store: h.store, logger: h.zoom.ingest['deps'].logger, users: [], from: '2026-12-03', to: '2026-12-03', resumable: false });
    expect(report.outcomes.unmapped).toBe(1);
    const row = (await h.store.findByMeetingUuid(m.uuid))!;
    expect(row.state).toBe('unmapped');
    expect(row.last_error).toMatch(/Unmapped: no course matched/);
    await h.runWorkers();
    expect((await h.store.require(row.id)).state).toBe('unmapped'); // never picked up unmapped

    await h.store.mapToCourse(row.id, 77);
    await h.runWorkers();
    const done = await h.store.require(row.id);
    expect(done.state).toBe('published');
    expect(path.dirname(done.playlist_path!)).toBe(path.join(h.settings.repositoryDir, 'course-77'));
    expect(path.basename(done.playlist_path!)).toBe('2026-12-03 1000 etc-passwd -script-.m3u8');
  });

  it('joins a recording paused into 3 parts into one stream in time order', async () => {
    h = await zoomHarness(db, { mapping: { topicRegex: '\\[(?<course>\\d+)\\]' } });
    const parts = await Promise.all([4, 6, 8].map((s) => makeClip({ seconds: s, width: 640, height: 360 })));
    const m = h.emulator.addMeeting({
      topic: 'Chemistry [15] lab',
      startTime: iso(T0),
      files: [
        { id: 'c', fileType: 'MP4', recordingType: 'speaker_view', path: parts[2]!, start: iso(T0 + 600_000), end: iso(T0 + 608_000) },
        { id: 'a', fileType: 'MP4', recordingType: 'speaker_view', path: parts[0]!, start: iso(T0), end: iso(T0 + 4_000) },
        { id: 'b', fileType: 'MP4', recordingType: 'speaker_view', path: parts[1]!, start: iso(T0 + 300_000), end: iso(T0 + 306_000) },
      ],
    });
    await h.emulator.sendWebhook(h.webhookUrl, 'recording.completed', { object: h.emulator.meetingObject(m.uuid) });
    await h.runWorkers();
    const row = (await h.store.findByMeetingUuid(m.uuid))!;
    expect(row.state).toBe('published');
    expect(row.course_id).toBe(15);
    expect(row.duration_seconds).toBeCloseTo(18, 0);
    const variant = firstVariant(fs.readFileSync(row.playlist_path!, 'utf8'), h.mediaDir);
    const total = parseMediaPlaylist(variant.text).segments.reduce((s, x) => s + x.duration, 0);
    expect(total).toBeCloseTo(18, 0);
    const order = h.emulator.log.filter((l) => l.path.startsWith('/rec/download/')).map((l) => l.path.split('/').pop());
    expect(order).toEqual(['a', 'b', 'c']);
  });

  it('moves the Zoom copy to the trash only after a verified publish (double-encoded UUID)', async () => {
    h = await zoomHarness(db, { deleteAfterImport: 'trash', mapping: { hosts: new Map([['prof@example.edu', 9]]) } });
    const audio = await makeClip({ seconds: 10, audioOnly: true });
    const m = h.emulator.addMeeting({
      uuid: '/ajXp112QmuoKj4854875==',
      hostEmail: 'Prof@Example.edu',
      topic: 'Audio only',
      startTime: iso(T0),
      files: [{ fileType: 'M4A', recordingType: 'audio_only', path: audio, start: iso(T0), end: iso(T0 + 10_000) }],
    });
    await h.emulator.sendWebhook(h.webhookUrl, 'recording.completed', { object: h.emulator.meetingObject(m.uuid) });
    expect(h.emulator.deletions).toEqual([]);
    await h.runWorkers();
    const row = (await h.store.findByMeetingUuid(m.uuid))!;
    expect(row.state).toBe('published');
    expect(row.course_id).toBe(9);
    expect(fs.readFileSync(row.playlist_path!, 'utf8')).toContain('CODECS="mp4a.40.2"');
    expect(h.emulator.deletions).toEqual([{ rawUuid: '%252FajXp112QmuoKj4854875%253D%253D', action: 'trash' }]);
  });
});
