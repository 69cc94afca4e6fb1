import { describe, expect, it } from 'vitest';
import { encodeMeetingUuid, monthWindows, selectFiles, signWebhook, urlValidationAnswer, verifyWebhook } from '../src/zoom/index.js';
import type { ZoomMeeting, ZoomRecordingFile } from '../src/zoom/index.js';
import { ZOOM_URL_VALIDATION_EXAMPLE } from '../../test/zoom-emulator/index.js';

const file = (over: Partial<ZoomRecordingFile>): ZoomRecordingFile => ({
  id: Math.random().toString(36).slice(2),
  file_type: 'MP4',
  recording_type: 'speaker_view',
  recording_start: '2026-12-01T09:00:00Z',
  recording_end: '2026-12-01T10:00:00Z',
  download_url: 'https://zoom.us/rec/download/x',
  status: 'completed',
  file_size: 1000,
  ...over,
});
const meeting = (files: ZoomRecordingFile[]): ZoomMeeting => ({ uuid: 'u1==', id: 123, topic: 'T', recording_files: files });
const prefs = { viewPreference: ['shared_screen_with_speaker_view', 'speaker_view', 'gallery_view'], minDurationSeconds: 120 };

describe('which Zoom files become the stream', () => {
  it('prefers shared screen with speaker, then speaker view, then gallery', () => {
    const all = [
      file({ id: 'g', recording_type: 'gallery_view' }),
      file({ id: 's', recording_type: 'speaker_view' }),
      file({ id: 'ss', recording_type: 'shared_screen_with_speaker_view' }),
      file({ id: 'a', file_type: 'M4A', recording_type: 'audio_only' }),
    ];
    const pick = (files: ZoomRecordingFile[]) => {
      const o = selectFiles(meeting(files), prefs);
      return o.kind === 'ready' ? o.selection.parts.map((p) => p.fileId) : o.kind;
    };
    expect(pick(all)).toEqual(['ss']);
    expect(pick(all.filter((f) => f.id !== 'ss'))).toEqual(['s']);
    expect(pick(all.filter((f) => f.id === 'g' || f.id === 'a'))).toEqual(['g']);
    expect(selectFiles(meeting(all), { ...prefs, viewPreference: ['gallery_view'] })).toMatchObject({ selection: { parts: [{ fileId: 'g' }] } });
  });

  it('uses the M4A only when there is no MP4', () => {
    const o = selectFiles(meeting([file({ id: 'a', file_type: 'M4A', recording_type: 'audio_only' }), file({ id: 'c', file_type: 'CHAT', recording_type: 'chat_file' })]), prefs);
    expect(o).toMatchObject({ kind: 'ready', selection: { parts: [{ fileId: 'a', fileType: 'M4A' }] } });
  });

  it('joins the parts of a paused recording in time order', () => {
    const parts = [
      file({ id: 'p3', recording_start: '2026-12-01T10:00:00Z', recording_end: '2026-12-01T10:30:00Z' }),
      file({ id: 'p1', recording_start: '2026-12-01T09:00:00Z', recording_end: '2026-12-01T09:20:00Z' }),
      file({ id: 'p2', recording_start: '2026-12-01T09:30:00Z', recording_end: '2026-12-01T09:50:00Z' }),
    ];
    const o = selectFiles(meeting(parts), prefs);
    expect(o.kind).toBe('ready');
    if (o.kind !== 'ready') return;
    expect(o.selection.parts.map((p) => p.fileId)).toEqual(['p1', 'p2', 'p3']);
    expect(o.selection.durationSeconds).toBe(70 * 60);
  });

  it('skips recordings shorter than the minimum, with the reason', () => {
    const o = selectFiles(meeting([file({ recording_end: '2026-12-01T09:01:30Z' })]), prefs);
    expect(o).toEqual({ kind: 'skip', reason: 'the recording is 90 s long, shorter than the minimum of 120 s' });
  });

  it('waits for files Zoom is still processing', () => {
    expect(selectFiles(meeting([file({ status: 'processing' })]), prefs).kind).toBe('processing');
  });

  it('takes the transcript, else closed captions, as captions', () => {
    const t = file({ id: 't', file_type: 'TRANSCRIPT', recording_type: 'audio_transcript' });
    const cc = file({ id: 'cc', file_type: 'CC', recording_type: 'closed_caption' });
    const pickCaptions = (files: ZoomRecordingFile[]) => {
      const o = selectFiles(meeting([file({}), ...files]), prefs);
      return o.kind === 'ready' ? o.selection.captions?.id : undefined;
    };
    expect(pickCaptions([cc, t])).toBe('t');
    expect(pickCaptions([cc])).toBe('cc');
    expect(pickCaptions([])).toBeUndefined();
  });
});

describe('Zoom rules', () => {
  it('double-encodes meeting UUIDs that start with / or contain //', () => {
    expect(encodeMeetingUuid('abc+def==')).toBe('abc%2Bdef%3D%3D');
    expect(encodeMeetingUuid('/ajXp112QmuoKj4854875==')).toBe('%252FajXp112QmuoKj4854875%253D%253D');
    expect(encodeMeetingUuid('ab//cd==')).toBe('ab%252F%252Fcd%253D%253D');
  });

  it('splits a backfill into windows of at most one month', () => {
    expect(monthWindows('2026-01-15', '2026-04-02')).toEqual([
      { from: '2026-01-15', to: '2026-02-14' },
      { from: '2026-02-15', to: '2026-03-14' },
      { from: '2026-03-15', to: '2026-04-02' },
    ]);
    expect(monthWindows('2026-12-03', '2026-12-04')).toEqual([{ from: '2026-12-03', to: '2026-12-04' }]);
    expect(() => monthWindows('2026-05-01', '2026-04-01')).toThrow(/invalid date range/);
  });

  it("answers Zoom's documented URL-validation example", () => {
    const { secret, plainToken, encryptedToken } = ZOOM_URL_VALIDATION_EXAMPLE;
    expect(urlValidationAnswer(secret, plainToken)).toEqual({ plainToken, encryptedToken });
  });

  it('verifies signatures in constant time and refuses stale ones', () => {
    const body = Buffer.from('{"event":"recording.completed"}');
    const now = 1_800_000_000;
    const sig = signWebhook('s3cret', String(now), body);
    expect(verifyWebhook({ secret: 's3cret', signature: sig, timestamp: String(now), rawBody: body, nowSeconds: now + 299 })).toEqual({ ok: true });
    expect(verifyWebhook({ secret: 's3cret', signature: sig, timestamp: String(now), rawBody: body, nowSeconds: now + 301 })).toMatchObject({ ok: false, reason: /5-minute/ });
    expect(verifyWebhook({ secret: 'other', signature: sig, timestamp: String(now), rawBody: body, nowSeconds: now })).toMatchObject({ ok: false, reason: 'signature mismatch' });
    expect(verifyWebhook({ secret: 's3cret', signature: sig, timestamp: String(now), rawBody: Buffer.from('{"event":"x"}'), nowSeconds: now })).toMatchObject({ ok: false });
    expect(verifyWebhook({ secret: undefined, signature: sig, timestamp: String(now), rawBody: body, nowSeconds: now })).toMatchObject({ ok: false, reason: /no webhook secret/ });
    expect(verifyWebhook({ secret: 's3cret', signature: undefined, timestamp: String(now), rawBody: body, nowSeconds: now })).toMatchObject({ ok: false });
  });
});

describe('downloaded Zoom files', () => {
  it('must play about as long as Zoom says was recorded', async () => {
    const { assertZoomDuration } = await import('../src/pipeline/sources.js');
    const part = { fileId: 'f1', start: '2026-12-01T09:00:00Z', end: '2026-12-01T09:10:00Z' };
    expect(() => assertZoomDuration(600, part)).not.toThrow();
    expect(() => assertZoomDuration(541, part)).not.toThrow();
    expect(() => assertZoomDuration(300, part)).toThrow(/plays 300 s but Zoom recorded 600 s/);
    expect(() => assertZoomDuration(10, { ...part, end: '' })).not.toThrow();
  });
});
