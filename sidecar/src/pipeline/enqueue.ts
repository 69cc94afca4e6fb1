import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { RecordingRow, RecordingStore } from '../db/index.js';
import { ZoomhlsError } from '../errors.js';
import type { ProfileSetting } from './run-job.js';

export interface ImportRequest {
  /** A local path or an http(s) URL. */
  source: string;
  courseId: number;
  topic?: string;
  startTime?: number;
  profile?: ProfileSetting;
  maxAttempts: number;
}

/**
 * Queues a file or URL for import. The same file (path, size, modification time) or URL queued
 * twice is one job, so re-running an import command never publishes a recording twice.
 */
export async function enqueueImport(store: RecordingStore, req: ImportRequest): Promise<{ row: RecordingRow; created: boolean }> {
  if (!Number.isSafeInteger(req.courseId) || req.courseId <= 0) {
    throw new ZoomhlsError('INVALID_STATE', `--course must be a positive Moodle course id, got ${req.courseId}`);
  }
  const isUrl = /^https?:\/\//i.test(req.source);
  let dedupe: string;
  let startTime = req.startTime;
  let sourcePath: string | null = null;
  if (isUrl) {
    dedupe = `url:${req.source}`;
  } else {
    sourcePath = path.resolve(req.source);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(sourcePath);
    } catch (cause) {
      throw new ZoomhlsError('MEDIA_UNREADABLE', `Cannot read ${sourcePath}`, { cause });
    }
    if (!stat.isFile()) throw new ZoomhlsError('MEDIA_UNREADABLE', `${sourcePath} is not a file`);
    dedupe = `file:${sourcePath}:${stat.size}:${Math.round(stat.mtimeMs)}`;
    startTime ??= Math.round(stat.mtimeMs);
  }
  const topic = req.topic ?? path.basename(isUrl ? new URL(req.source).pathname : req.source).replace(/\.[^.]+$/, '');
  return store.create({
    dedupeKey: `import:${createHash('sha256').update(`${dedupe}:course:${req.courseId}`).digest('hex')}`,
    courseId: req.courseId,
    topic: topic || 'Recording',
    startTime: startTime ?? Date.now(),
    sourcePath,
    downloadUrl: isUrl ? req.source : null,
    profile: req.profile ?? 'auto',
    maxAttempts: req.maxAttempts,
  });
}
