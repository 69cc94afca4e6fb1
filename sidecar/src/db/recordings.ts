import type { Knex } from 'knex';
import type { Db } from './connect.js';
import { ZoomhlsError, type ErrorCode } from '../errors.js';

/**
 * pending → downloading → transcoding → uploading → published | failed (DESIGN §3.5), and:
 * published → captioning → published when Zoom's transcript arrives after the stream;
 * unmapped: from Zoom, no course found yet (`zoomhls map`); skipped: deliberately not imported.
 */
export const JOB_STATES = [
  'pending', 'downloading', 'transcoding', 'uploading', 'captioning', 'published', 'failed', 'unmapped', 'skipped',
] as const;
export type JobState = (typeof JOB_STATES)[number];
/** States a worker may pick up (a row left in a working state by a dead worker is resumed). */
export const ACTIVE_STATES: JobState[] = ['pending', 'downloading', 'transcoding', 'uploading', 'captioning'];

/** One file of a Zoom recording (several MP4 parts when the host paused and resumed). */
export interface SourcePart {
  fileId: string;
  downloadUrl: string;
  fileSize: number | null;
  fileType: string;
  recordingType: string;
  start: string;
  end: string;
}

export interface RecordingRow {
  id: number;
  dedupe_key: string;
  zoom_meeting_uuid: string | null;
  zoom_recording_id: string | null;
  zoom_meeting_id: number | null;
  course_id: number | null;
  topic: string;
  start_time: number;
  download_url: string | null;
  source_path: string | null;
  source_bytes: number | null;
  profile: string;
  duration_seconds: number | null;
  course_key: string | null;
  video_key: string | null;
  output_folder: string | null;
  playlist_path: string | null;
  bytes_published: number | null;
  segment_count: number | null;
  state: JobState;
  attempts: number;
  max_attempts: number;
  last_error_code: string | null;
  last_error: string | null;
  next_attempt_at: number;
  lease_owner: string | null;
  lease_expires_at: number | null;
  created_at: number;
  updated_at: number;
  published_at: number | null;
  source_parts: string | null;
  download_token: string | null;
  captions_url: string | null;
  captions_language: string | null;
  media_start_seconds: number | null;
  zoom_host_email: string | null;
}

export interface NewRecording {
  dedupeKey: string;
  courseId: number | null;
  topic: string;
  startTime: number;
  sourcePath?: string | null;
  downloadUrl?: string | null;
  sourceBytes?: number | null;
  zoomMeetingUuid?: string | null;
  zoomRecordingId?: string | null;
  zoomMeetingId?: number | null;
  profile?: string;
  maxAttempts: number;
  state?: 'pending' | 'unmapped' | 'skipped';
  lastError?: string | null;
  sourceParts?: SourcePart[];
  downloadToken?: string | null;
  captionsUrl?: string | null;
  captionsLanguage?: string | null;
  zoomHostEmail?: string | null;
}

const TABLE = 'zoom_recordings';

/** Backoff before retry n (1-based): 30 s, 2 min, 8 min … capped at 1 h. */
export function retryDelayMs(attempt: number): number {
  return Math.min(30_000 * 4 ** Math.max(0, attempt - 1), 3_600_000);
}

/**
 * The job queue and record of every recording. All state changes that a worker makes are
 * conditional on it still holding the lease, so a worker that lost its lease (paused, partitioned)
 * can never overwrite the work of the one that took over.
 */
export class RecordingStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  private get knex(): Knex {
    return this.db.knex;
  }

  /** Inserts a recording job, or returns the existing one with the same dedupe key. */
  async create(input: NewRecording): Promise<{ row: RecordingRow; created: boolean }> {
    const existing = await this.findByDedupeKey(input.dedupeKey);
    if (existing) return { row: existing, created: false };
    const now = this.now();
    try {
      await this.knex(TABLE).insert({
        dedupe_key: input.dedupeKey,
        course_id: input.courseId,
        topic: input.topic,
        start_time: input.startTime,
        source_path: input.sourcePath ?? null,
        download_url: input.downloadUrl ?? null,
        source_bytes: input.sourceBytes ?? null,
        zoom_meeting_uuid: input.zoomMeetingUuid ?? null,
        zoom_recording_id: input.zoomRecordingId ?? null,
        zoom_meeting_id: input.zoomMeetingId ?? null,
        profile: input.profile ?? 'auto',
        state: input.state ?? 'pending',
        last_error: input.lastError ?? null,
        source_parts: input.sourceParts ? JSON.stringify(input.sourceParts) : null,
        download_token: input.downloadToken ?? null,
        captions_url: input.captionsUrl ?? null,
        captions_language: input.captionsLanguage ?? null,
        zoom_host_email: input.zoomHostEmail ?? null,
        attempts: 0,
        max_attempts: input.maxAttempts,
        next_attempt_at: 0,
        created_at: now,
        updated_at: now,
      });
    } catch (error) {
      // Lost a race with another process inserting the same source: theirs stands.
      const raced = await this.findByDedupeKey(input.dedupeKey);
      if (raced) return { row: raced, created: false };
      throw error;
    }
    const row = await this.findByDedupeKey(input.dedupeKey);
    if (!row) throw new ZoomhlsError('INTERNAL', `recording ${input.dedupeKey} was not stored`);
    return { row, created: true };
  }

  async findByDedupeKey(dedupeKey: string): Promise<RecordingRow | undefined> {
    const row = await this.knex<RecordingRow>(TABLE).where({ dedupe_key: dedupeKey }).first();
    return row ? normalise(row) : undefined;
  }

  async get(id: number): Promise<RecordingRow | undefined> {
    const row = await this.knex<RecordingRow>(TABLE).where({ id }).first();
    return row ? normalise(row) : undefined;
  }

  async require(id: number): Promise<RecordingRow> {
    const row = await this.get(id);
    if (!row) throw new ZoomhlsError('NOT_FOUND', `No recording with id ${id}`);
    return row;
  }

  async list(options: { limit?: number; state?: JobState } = {}): Promise<RecordingRow[]> {
    let q = this.knex<RecordingRow>(TABLE).orderBy('id', 'desc').limit(options.limit ?? 100);
    if (options.state) q = q.where({ state: options.state });
    return (await q).map(normalise);
  }

  async countByState(): Promise<Record<JobState, number>> {
    const rows = (await this.knex(TABLE).select('state').count({ n: '*' }).groupBy('state')) as Array<{ state: JobState; n: number | string }>;
    const counts = Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<JobState, number>;
    for (const r of rows) counts[r.state] = Number(r.n);
    return counts;
  }

  /**
   * Takes the oldest runnable job: pending, or left in a working state by a worker whose lease
   * expired. MariaDB/MySQL skip rows another worker has locked (SKIP LOCKED); on every engine the
   * final UPDATE is a compare-and-set on the lease, so two workers can never both win one row.
   */
  async claimNext(owner: string, leaseMs: number): Promise<RecordingRow | undefined> {
    for (let tries = 0; tries < 5; tries++) {
      const now = this.now();
      // SQLite: no transaction (a read lock upgraded to a write lock fails at once under WAL when
      // another process wrote meanwhile); the conditional UPDATE alone is atomic there.
      const claimed =
        this.db.client === 'mysql'
          ? await this.knex.transaction((trx) => this.tryClaim(trx, owner, leaseMs, now))
          : await this.tryClaim(this.knex, owner, leaseMs, now);
      if (claimed.kind === 'none') return undefined;
      if (claimed.kind === 'lost') continue;
      const row = await this.require(claimed.id);
      if (row.attempts > row.max_attempts) {
        // Started more often than allowed (e.g. workers keep dying on it): stop trying.
        await this.fail(row.id, owner, 'INTERNAL', `Gave up after ${row.max_attempts} attempts; the last attempt did not finish (worker stopped or crashed)`);
        continue;
      }
      return row;
    }
    return undefined;
  }

  private async tryClaim(
    q: Knex | Knex.Transaction,
    owner: string,
    leaseMs: number,
    now: number,
  ): Promise<{ kind: 'none' } | { kind: 'lost' } | { kind: 'won'; id: number }> {
    let select = q<RecordingRow>(TABLE)
      .select('id')
      .whereIn('state', ACTIVE_STATES)
      .andWhere('next_attempt_at', '<=', now)
      .andWhere((w) => w.whereNull('lease_expires_at').orWhere('lease_expires_at', '<', now))
      .orderBy('id')
      .limit(1);
    if (this.db.client === 'mysql') select = select.forUpdate().skipLocked();
    const candidate = await select.first();
    if (!candidate) return { kind: 'none' };
    const won = await q(TABLE)
      .where({ id: candidate.id })
      .whereIn('state', ACTIVE_STATES)
      .andWhere((w) => w.whereNull('lease_expires_at').orWhere('lease_expires_at', '<', now))
      .update({
        lease_owner: owner,
        lease_expires_at: now + leaseMs,
        attempts: q.raw('attempts + 1'),
        updated_at: now,
      });
    return won === 1 ? { kind: 'won', id: Number(candidate.id) } : { kind: 'lost' };
  }

  /** Extends the lease; false means another worker has taken the job over. */
  async heartbeat(id: number, owner: string, leaseMs: number): Promise<boolean> {
    const now = this.now();
    const n = await this.knex(TABLE)
      .where({ id, lease_owner: owner })
      .whereIn('state', ACTIVE_STATES)
      .update({ lease_expires_at: now + leaseMs, updated_at: now });
    return n === 1;
  }

  /** Moves a leased job to a working state, saving any facts learnt so far. */
  async advance(id: number, owner: string, state: JobState, fields: Partial<RecordingRow> = {}): Promise<void> {
    const n = await this.knex(TABLE)
      .where({ id, lease_owner: owner })
      .whereIn('state', ACTIVE_STATES)
      .update({ ...fields, state, updated_at: this.now() });
    if (n !== 1) throw new ZoomhlsError('LEASE_LOST', `Job ${id} is no longer leased by ${owner}`);
  }

  async markPublished(id: number, owner: string, fields: Partial<RecordingRow>): Promise<void> {
    const now = this.now();
    const n = await this.knex(TABLE)
      .where({ id, lease_owner: owner })
      .whereIn('state', ACTIVE_STATES)
      .update({
        ...fields,
        state: 'published',
        published_at: now,
        lease_owner: null,
        lease_expires_at: null,
        last_error: null,
        last_error_code: null,
        updated_at: now,
      });
    if (n !== 1) throw new ZoomhlsError('LEASE_LOST', `Job ${id} is no longer leased by ${owner}`);
  }

  /** Records a failure: back to pending with backoff while attempts remain and it may help, else failed. */
  async recordFailure(id: number, owner: string, error: ZoomhlsError): Promise<JobState> {
    const row = await this.require(id);
    if (row.lease_owner !== owner) return row.state;
    const captioning = row.state === 'captioning';
    if (error.retryable && row.attempts < row.max_attempts) {
      const now = this.now();
      await this.knex(TABLE)
        .where({ id, lease_owner: owner })
        .update({
          state: captioning ? 'captioning' : 'pending',
          next_attempt_at: now + retryDelayMs(row.attempts),
          lease_owner: null,
          lease_expires_at: null,
          last_error_code: error.code,
          last_error: error.message.slice(0, 4000),
          updated_at: now,
        });
      return captioning ? 'captioning' : 'pending';
    }
    if (captioning) {
      // The stream itself is fine: it stays published, without captions, and says why.
      await this.knex(TABLE)
        .where({ id, lease_owner: owner })
        .update({
          state: 'published', lease_owner: null, lease_expires_at: null,
          last_error_code: error.code, last_error: `Captions not attached: ${error.message}`.slice(0, 4000), updated_at: this.now(),
        });
      return 'published';
    }
    await this.fail(id, owner, error.code, error.message);
    return 'failed';
  }

  /** `zoomhls map`: gives an unmapped (or failed-for-lack-of-course) recording its course. */
  async mapToCourse(id: number, courseId: number): Promise<RecordingRow> {
    const row = await this.require(id);
    if (row.state !== 'unmapped' && !(row.state === 'failed' && row.course_id === null)) {
      throw new ZoomhlsError('INVALID_STATE', `Recording ${id} is ${row.state}; only unmapped recordings can be mapped`);
    }
    await this.knex(TABLE)
      .where({ id })
      .whereIn('state', ['unmapped', 'failed'])
      .update({ course_id: courseId, state: 'pending', attempts: 0, next_attempt_at: 0, last_error: null, last_error_code: null, updated_at: this.now() });
    return this.require(id);
  }

  /** Zoom's transcript for a recording: attach now if published, or with the publish otherwise. */
  async setCaptions(id: number, url: string, language: string, downloadToken: string | null): Promise<RecordingRow> {
    const row = await this.require(id);
    const fields: Record<string, unknown> = { captions_url: url, captions_language: language, updated_at: this.now() };
    if (downloadToken) fields['download_token'] = downloadToken;
    if (row.state === 'published') {
      Object.assign(fields, { state: 'captioning', attempts: 0, next_attempt_at: 0 });
      await this.knex(TABLE).where({ id, state: 'published' }).update(fields);
    } else {
      await this.knex(TABLE).where({ id }).update(fields);
    }
    return this.require(id);
  }

  async findByMeetingUuid(uuid: string): Promise<RecordingRow | undefined> {
    const row = await this.knex<RecordingRow>(TABLE).where({ zoom_meeting_uuid: uuid }).orderBy('id').first();
    return row ? normalise(row) : undefined;
  }

  private async fail(id: number, owner: string, code: ErrorCode | string, message: string): Promise<void> {
    await this.knex(TABLE)
      .where({ id, lease_owner: owner })
      .update({
        state: 'failed',
        lease_owner: null,
        lease_expires_at: null,
        last_error_code: code,
        last_error: message.slice(0, 4000),
        updated_at: this.now(),
      });
  }

  /** Gives a job back (graceful shutdown): another worker may start it at once. */
  async release(id: number, owner: string): Promise<void> {
    await this.knex(TABLE)
      .where({ id, lease_owner: owner })
      .whereIn('state', ACTIVE_STATES)
      .update({ lease_owner: null, lease_expires_at: null, attempts: this.knex.raw('CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END'), updated_at: this.now() });
  }

  /** `zoomhls retry <id>`: a failed job goes back to the queue with fresh attempts. */
  async retry(id: number): Promise<RecordingRow> {
    const row = await this.require(id);
    if (row.state !== 'failed') {
      throw new ZoomhlsError('INVALID_STATE', `Recording ${id} is ${row.state}, not failed`);
    }
    await this.knex(TABLE)
      .where({ id, state: 'failed' })
      .update({ state: row.course_id === null ? 'unmapped' : 'pending', attempts: 0, next_attempt_at: 0, updated_at: this.now() });
    return this.require(id);
  }

  async setSetting(name: string, value: string): Promise<void> {
    await this.knex('zoomhls_settings').insert({ name, value }).onConflict('name').merge();
  }

  async getSetting(name: string): Promise<string | undefined> {
    const row = await this.knex('zoomhls_settings').where({ name }).first();
    return row?.value;
  }

  /** Stores a value unless one exists; returns whichever value won (safe across racing processes). */
  async ensureSetting(name: string, value: string): Promise<string> {
    await this.knex('zoomhls_settings').insert({ name, value }).onConflict('name').ignore();
    const stored = await this.getSetting(name);
    if (stored === undefined) throw new ZoomhlsError('INTERNAL', `setting ${name} was not stored`);
    return stored;
  }
}

/** mysql2 returns BIGINT as strings in some setups and SQLite returns numbers; settle on numbers. */
function normalise(row: RecordingRow): RecordingRow {
  const numeric = [
    'id', 'zoom_meeting_id', 'course_id', 'start_time', 'source_bytes', 'duration_seconds', 'bytes_published',
    'segment_count', 'attempts', 'max_attempts', 'next_attempt_at', 'lease_expires_at', 'created_at', 'updated_at', 'published_at',
    'media_start_seconds',
  ] as const;
  const out = { ...row } as Record<string, unknown>;
  for (const k of numeric) {
    const v = out[k];
    if (v !== null && v !== undefined) out[k] = Number(v);
  }
  return out as unknown as RecordingRow;
}
