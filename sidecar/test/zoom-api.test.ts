import pino from 'pino';
import knexFactory from 'knex';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingStore, type Db } from '../src/db/index.js';
import { CourseMapper, syncRecordings, ZoomApi, ZoomAuth, ZoomIngest } from '../src/zoom/index.js';
import { ZoomEmulator } from '../../test/zoom-emulator/index.js';
import { engines, MYSQL_URL } from './helpers/engines.js';
import { makeClip } from './helpers/media.js';
import { NO_MAPPING, iso } from './helpers/zoom.js';

const silent = pino({ level: 'silent' });

describe('Zoom API client against the emulator', () => {
  let emulator: ZoomEmulator;
  let db: Db;
  let drop: () => Promise<void>;
  let clip: string;

  beforeAll(async () => {
    emulator = await new ZoomEmulator().start();
    ({ db, drop } = await engines()[0]!.open());
    clip = await makeClip({ seconds: 3, width: 320, height: 180 });
  });
  afterAll(async () => {
    await emulator.stop();
    await db.close();
    await drop();
  });

  const newAuth = (secret = emulator.clientSecret) =>
    new ZoomAuth({ accountId: emulator.accountId, clientId: emulator.clientId, clientSecret: secret }, emulator.oauthUrl);

  it('caches the S2S OAuth token, refreshes it once on 401, and uses the regional api_url', async () => {
    const auth = newAuth();
    // A wrong configured API base: the token answer's api_url must win.
    const api = new ZoomApi({ auth, apiUrl: 'http://127.0.0.1:9/v2' });
    const before = emulator.tokenRequests;
    await Promise.all(Array.from({ length: 10 }, () => api.listRecordings({ from: '2026-12-01', to: '2026-12-04' })));
    expect(emulator.tokenRequests - before).toBe(1);
    emulator.revokeTokens();
    const page = await api.listRecordings({ from: '2026-12-01', to: '2026-12-04' });
    expect(page.meetings).toEqual([]);
    expect(emulator.tokenRequests - before).toBe(2);
    const calls = emulator.log.filter((l) => l.path.startsWith('/v2/accounts/me/recordings'));
    expect(calls.filter((c) => c.status === 401)).toHaveLength(1);
  });

  it('refreshes a token that is about to expire (60 s early)', async () => {
    emulator.tokenTtlSeconds = 30; // shorter than the 60 s margin: every call needs a new token
    const auth = newAuth();
    const api = new ZoomApi({ auth, apiUrl: emulator.apiUrl });
    const before = emulator.tokenRequests;
    await api.listRecordings({ from: '2026-12-01', to: '2026-12-04' });
    await api.listRecordings({ from: '2026-12-01', to: '2026-12-04' });
    expect(emulator.tokenRequests - before).toBe(2);
    emulator.tokenTtlSeconds = 3600;
  });

  it('reports wrong app credentials clearly', async () => {
    const api = new ZoomApi({ auth: newAuth('wrong'), apiUrl: emulator.apiUrl });
    await expect(api.listRecordings({ from: '2026-12-01', to: '2026-12-04' })).rejects.toMatchObject({ code: 'ZOOM_AUTH_FAILED' });
  });

  it('rides out a 429 storm by honouring Retry-After', async () => {
    const api = new ZoomApi({ auth: newAuth(), apiUrl: emulator.apiUrl });
    emulator.rateLimit(3, 1);
    const t0 = Date.now();
    const page = await api.listRecordings({ from: '2026-12-01', to: '2026-12-04' });
    expect(page.meetings).toEqual([]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(2900);
    expect(emulator.log.filter((l) => l.status === 429)).toHaveLength(3);
  });

  it('sweeps months of recordings in one-month windows, following every page, and resumes a broken backfill', async () => {
    // 305 meetings in January (two pages of 300), a few in February and March, two hosts.
    for (let i = 0; i < 305; i++) {
      emulator.addMeeting({
        topic: `Jan ${i}`, hostEmail: i % 2 ? 'a@example.edu' : 'b@example.edu', hostId: i % 2 ? 'hostA' : 'hostB',
        startTime: iso(Date.UTC(2026, 0, 1 + (i % 28), 10)),
        files: [{ fileType: 'MP4', recordingType: 'speaker_view', path: clip, start: iso(Date.UTC(2026, 0, 1, 10)), end: iso(Date.UTC(2026, 0, 1, 11)) }],
      });
    }
    for (const month of [1, 2]) {
      emulator.addMeeting({
        topic: `Month ${month}`, startTime: iso(Date.UTC(2026, month, 10, 10)),
        files: [{ fileType: 'MP4', recordingType: 'speaker_view', path: clip, start: iso(Date.UTC(2026, month, 10, 10)), end: iso(Date.UTC(2026, month, 10, 11)) }],
      });
    }
    const store = new RecordingStore(db);
    const ingest = new ZoomIngest({
      store, mapper: new CourseMapper({ ...NO_MAPPING, meetings: new Map() }), logger: silent,
      options: { viewPreference: ['speaker_view'], minDurationSeconds: 120, captionsLanguage: 'en', maxAttempts: 3 },
    });
    // The window of February fails for good (a day-long rate limit): the run stops there.
    const api = new ZoomApi({ auth: newAuth(), apiUrl: emulator.apiUrl, maxWaitMs: 5000 });
    const originalList = api.listRecordings.bind(api);
    let failFebruary = true;
    api.listRecordings = async (o) => {
      if (failFebruary && o.from.startsWith('2026-02')) emulator.rateLimit(1, 86_400);
      return originalList(o);
    };
    const sync = () => syncRecordings({ api, ingest, store, logger: silent, users: [], from: '2026-01-01', to: '2026-03-31', resumable: true });
    await expect(sync()).rejects.toMatchObject({ code: 'ZOOM_RATE_LIMITED' });
    const januaryCalls = () => emulator.log.filter((l) => l.path.includes('from=2026-01-01')).length;
    expect(januaryCalls()).toBe(2); // two pages
    failFebruary = false;
    const report = await sync();
    expect(report.resumedFrom).toBe('2026-01-31');
    expect(januaryCalls()).toBe(2); // not listed again
    expect(report.windows).toBe(2);
    const windows = emulator.log.filter((l) => l.path.startsWith('/v2/accounts/me/recordings') && l.status === 200).map((l) => new URL(l.path, 'http://x').searchParams.get('from'));
    expect(new Set(windows)).toEqual(new Set(['2026-12-01', '2026-01-01', '2026-02-01', '2026-03-01']));
    const rows = await store.list({ limit: 1000 });
    expect(rows.filter((r) => r.topic.startsWith('Jan '))).toHaveLength(305);
    expect(rows.filter((r) => r.topic.startsWith('Month '))).toHaveLength(2);
    expect(rows.every((r) => r.state === 'unmapped')).toBe(true);
    // A second full sweep creates nothing new.
    const again = await syncRecordings({ api, ingest, store, logger: silent, users: [], from: '2026-01-01', to: '2026-03-31', resumable: false });
    expect(again.outcomes.exists).toBe(307);
    expect((await store.list({ limit: 1000 })).length).toBe(307);
  });
});

describe.runIf(MYSQL_URL)("course mapping through Moodle's own database (mod_zoom)", () => {
  let moodleUrl: string;
  const name = `moodle_t_${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    const admin = knexFactory({ client: 'mysql2', connection: { uri: MYSQL_URL } as never });
    await admin.raw(`CREATE DATABASE \`${name}\``);
    await admin.destroy();
    const u = new URL(MYSQL_URL!);
    u.pathname = `/${name}`;
    moodleUrl = u.toString();
    const m = knexFactory({ client: 'mysql2', connection: { uri: moodleUrl } as never });
    // The shapes of Moodle's mdl_zoom (mod_zoom) and mdl_course tables, reduced to what we read.
    await m.schema.createTable('mdl_zoom', (t) => {
      t.bigIncrements('id');
      t.bigInteger('course').notNullable();
      t.string('meeting_id', 20).notNullable();
      t.string('name', 300);
    });
    await m.schema.createTable('mdl_course', (t) => {
      t.bigIncrements('id');
      t.string('shortname', 255).notNullable();
    });
    await m('mdl_zoom').insert([{ course: 31, meeting_id: '85551234567', name: 'Weekly lecture' }]);
    await m('mdl_course').insert([{ id: 44, shortname: 'CHEM101' }]);
    await m.destroy();
  });
  afterAll(async () => {
    const admin = knexFactory({ client: 'mysql2', connection: { uri: MYSQL_URL } as never });
    await admin.raw(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.destroy();
  });

  it('maps in the configured order: meeting id, topic, host, Moodle', async () => {
    const mapper = new CourseMapper({
      order: ['meeting', 'topic', 'host', 'moodle'],
      meetings: new Map([[111, 5]]),
      hosts: new Map([['prof@example.edu', 6]]),
      topicRegex: '^(?<shortname>[A-Z]{4}\\d{3})\\b',
      moodleDatabaseUrl: moodleUrl,
      moodleDbPrefix: 'mdl_',
    });
    const meeting = (id: number, topic: string) => ({ uuid: 'u', id, topic, recording_files: [] });
    expect(await mapper.map(meeting(111, 'CHEM101 x'), 'prof@example.edu')).toEqual({ courseId: 5, rule: 'meeting' });
    expect(await mapper.map(meeting(222, 'CHEM101 lab'), 'prof@example.edu')).toEqual({ courseId: 44, rule: 'topic (shortname)' });
    expect(await mapper.map(meeting(222, 'PHYS999 lab'), 'PROF@example.edu')).toEqual({ courseId: 6, rule: 'host' });
    expect(await mapper.map(meeting(85551234567, 'Something'), 'other@example.edu')).toEqual({ courseId: 31, rule: 'moodle mod_zoom' });
    expect(await mapper.map(meeting(1, 'Nothing'), undefined)).toMatchObject({ courseId: null, reason: expect.stringContaining("Moodle's mod_zoom") });
    await mapper.close();
  });
});
