import type { Logger } from 'pino';
import type { RecordingStore } from '../db/index.js';
import type { CourseMapper } from './mapping.js';
import { captionsFile, selectFiles } from './select.js';
import type { ZoomMeeting } from './types.js';

export interface IngestOptions {
  viewPreference: string[];
  minDurationSeconds: number;
  captionsLanguage: string;
  maxAttempts: number;
}

export type IngestOutcome =
  | { kind: 'queued'; id: number }
  | { kind: 'unmapped'; id: number; reason: string }
  | { kind: 'exists'; id: number }
  | { kind: 'skipped'; id?: number; reason: string }
  | { kind: 'processing'; reason: string };

/** One stream per Zoom meeting instance: redeliveries and sweeps find the same row. */
export function dedupeKeyFor(meetingUuid: string): string {
  return `zoom:${meetingUuid}`;
}

/**
 * Turns a Zoom meeting (from a webhook or the sweep — the same documented shape) into a job,
 * exactly once. Only the database is touched, so a webhook answers well within Zoom's 3 s.
 */
export class ZoomIngest {
  constructor(
    private readonly deps: {
      store: RecordingStore;
      mapper: CourseMapper;
      logger: Logger;
      options: IngestOptions;
      hostEmail?: (hostId: string) => Promise<string | undefined>;
    },
  ) {}

  async ingestMeeting(meeting: ZoomMeeting, extra: { downloadToken?: string | undefined; hostEmail?: string | undefined } = {}): Promise<IngestOutcome> {
    const { store, logger, options } = this.deps;
    const log = logger.child({ meetingUuid: meeting.uuid, meetingId: meeting.id });
    const existing = await store.findByDedupeKey(dedupeKeyFor(meeting.uuid));
    if (existing) {
      await this.attachCaptionsIfNew(existing.id, meeting, extra.downloadToken);
      return { kind: 'exists', id: existing.id };
    }
    const outcome = selectFiles(meeting, options);
    if (outcome.kind === 'processing') {
      log.info({ reason: outcome.reason }, 'recording not ready yet; the next sync picks it up');
      return outcome;
    }
    const base = {
      dedupeKey: dedupeKeyFor(meeting.uuid),
      topic: meeting.topic ?? '',
      startTime: Date.parse(meeting.start_time ?? '') || Date.now(),
      zoomMeetingUuid: meeting.uuid,
      zoomMeetingId: Number(meeting.id) || null,
      maxAttempts: options.maxAttempts,
    };
    if (outcome.kind === 'skip') {
      if (!outcome.reason.startsWith('the recording is')) {
        log.info({ reason: outcome.reason }, 'meeting ignored');
        return { kind: 'skipped', reason: outcome.reason };
      }
      // Kept as a row so admins can see why a short recording never appeared.
      const { row } = await store.create({ ...base, courseId: null, state: 'skipped', lastError: `Skipped: ${outcome.reason}` });
      log.info({ recordingId: row.id, reason: outcome.reason }, 'recording skipped');
      return { kind: 'skipped', id: row.id, reason: outcome.reason };
    }
    const hostEmail = extra.hostEmail ?? meeting.host_email ?? (meeting.host_id && this.deps.hostEmail ? await this.deps.hostEmail(meeting.host_id) : undefined);
    const mapped = await this.deps.mapper.map(meeting, hostEmail);
    const captions = outcome.selection.captions;
    const { row, created } = await store.create({
      ...base,
      courseId: mapped.courseId,
      state: mapped.courseId === null ? 'unmapped' : 'pending',
      lastError: mapped.courseId === null ? `Unmapped: ${mapped.reason}` : null,
      zoomRecordingId: outcome.selection.parts[0]!.fileId,
      sourceParts: outcome.selection.parts,
      sourceBytes: outcome.selection.parts.reduce((n, p) => n + (p.fileSize ?? 0), 0) || null,
      downloadToken: extra.downloadToken ?? null,
      captionsUrl: captions?.download_url ?? null,
      captionsLanguage: captions ? options.captionsLanguage : null,
      zoomHostEmail: hostEmail ?? null,
    });
    if (!created) return { kind: 'exists', id: row.id };
    if (mapped.courseId === null) {
      log.warn({ recordingId: row.id, reason: mapped.reason }, 'recording has no course; map it with `zoomhls map`');
      return { kind: 'unmapped', id: row.id, reason: mapped.reason };
    }
    log.info({ recordingId: row.id, courseId: mapped.courseId, rule: mapped.rule, parts: outcome.selection.parts.length }, 'recording queued');
    return { kind: 'queued', id: row.id };
  }

  /** `recording.transcript_completed`: captions for a recording we already know. */
  async attachTranscript(meeting: ZoomMeeting, downloadToken: string | undefined): Promise<IngestOutcome> {
    const row = await this.deps.store.findByDedupeKey(dedupeKeyFor(meeting.uuid));
    if (!row) {
      // The recording event has not arrived (or was lost): the sweep imports both together.
      this.deps.logger.info({ meetingUuid: meeting.uuid }, 'transcript for an unknown recording; the next sync imports it');
      return { kind: 'skipped', reason: 'transcript for a recording not imported yet' };
    }
    await this.attachCaptionsIfNew(row.id, meeting, downloadToken);
    return { kind: 'exists', id: row.id };
  }

  private async attachCaptionsIfNew(id: number, meeting: ZoomMeeting, downloadToken: string | undefined): Promise<void> {
    const file = captionsFile(meeting.recording_files ?? []);
    if (!file?.download_url) return;
    const row = await this.deps.store.require(id);
    if (row.captions_url === file.download_url) return; // already known: redelivery
    await this.deps.store.setCaptions(id, file.download_url, this.deps.options.captionsLanguage, downloadToken ?? null);
    this.deps.logger.info({ recordingId: id, state: row.state }, 'captions queued for the recording');
  }
}
