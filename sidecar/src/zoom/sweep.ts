import type { Logger } from 'pino';
import type { RecordingStore } from '../db/index.js';
import type { ZoomApi } from './api.js';
import type { IngestOutcome, ZoomIngest } from './ingest.js';

/** yyyy-mm-dd in UTC. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Splits [from, to] (inclusive dates) into windows Zoom accepts: at most one month each
 * (a window ends the day before the same day of the next month).
 */
export function monthWindows(from: string, to: string): Array<{ from: string; to: string }> {
  const out: Array<{ from: string; to: string }> = [];
  let start = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || start > end) {
    throw new Error(`invalid date range ${from} … ${to} (use yyyy-mm-dd, from ≤ to)`);
  }
  while (start <= end) {
    const next = new Date(start);
    next.setUTCMonth(next.getUTCMonth() + 1);
    next.setUTCDate(next.getUTCDate() - 1);
    const windowEnd = next < end ? next : end;
    out.push({ from: isoDate(start.getTime()), to: isoDate(windowEnd.getTime()) });
    start = new Date(windowEnd.getTime() + 86_400_000);
  }
  return out;
}

export interface SyncReport {
  windows: number;
  meetings: number;
  outcomes: Record<IngestOutcome['kind'], number>;
  resumedFrom: string | undefined;
}

/**
 * The sweep: lists cloud recordings (configured users, or the whole account) window by window,
 * following `next_page_token`, and ingests each meeting (idempotently). Progress of a long
 * backfill is saved after each window, so running the same range again resumes after the
 * last finished window.
 */
export async function syncRecordings(deps: {
  api: ZoomApi;
  ingest: ZoomIngest;
  store: RecordingStore;
  logger: Logger;
  users: string[];
  from: string;
  to: string;
  /** Save progress (backfills); the periodic sweep of the last days does not. */
  resumable: boolean;
}): Promise<SyncReport> {
  const windows = monthWindows(deps.from, deps.to);
  const progressKey = `zoom_sync:${deps.from}:${deps.to}:${deps.users.join(',')}`;
  const doneUntil = deps.resumable ? await deps.store.getSetting(progressKey) : undefined;
  const todo = doneUntil ? windows.filter((w) => w.to > doneUntil) : windows;
  const report: SyncReport = {
    windows: 0,
    meetings: 0,
    outcomes: { queued: 0, unmapped: 0, exists: 0, skipped: 0, processing: 0 },
    resumedFrom: doneUntil,
  };
  const owners: Array<string | undefined> = deps.users.length > 0 ? deps.users : [undefined];
  for (const window of todo) {
    for (const user of owners) {
      let token: string | undefined;
      do {
        const page = await deps.api.listRecordings({ user, from: window.from, to: window.to, ...(token ? { nextPageToken: token } : {}) });
        for (const meeting of page.meetings ?? []) {
          const hostEmail = user?.includes('@') ? user : undefined;
          const outcome = await deps.ingest.ingestMeeting(meeting, { hostEmail });
          report.meetings++;
          report.outcomes[outcome.kind]++;
        }
        token = page.next_page_token || undefined;
      } while (token);
    }
    report.windows++;
    if (deps.resumable) await deps.store.setSetting(progressKey, window.to);
    deps.logger.info({ window, meetings: report.meetings }, 'zoom sync window done');
  }
  return report;
}
