import type { Logger } from 'pino';
import type { ProgressEvent } from '../pipeline/index.js';

/**
 * Progress for long work: a single updating line on a TTY, and a structured log line at every
 * 10 % step (and every 10 MB uploaded) otherwise, so logs stay readable.
 */
export function createProgressReporter(logger: Logger, stream: NodeJS.WriteStream = process.stderr) {
  const tty = Boolean(stream.isTTY);
  const lastStep = new Map<string, number>();
  const state = new Map<number, { percent: number; eta: number | undefined; bytes: number; files: number }>();
  return {
    progress(e: ProgressEvent) {
      const s = state.get(e.recordingId) ?? { percent: 0, eta: undefined, bytes: 0, files: 0 };
      if (e.stage === 'transcoding') {
        s.percent = e.percent;
        s.eta = e.etaSeconds;
      } else {
        s.bytes = e.bytes;
        s.files = e.files;
      }
      state.set(e.recordingId, s);
      if (tty) {
        const eta = s.eta === undefined ? '--:--' : formatDuration(s.eta);
        stream.write(`\r\x1b[K#${e.recordingId} encoding ${s.percent.toFixed(1).padStart(5)}%  ETA ${eta}  uploaded ${s.files} files, ${formatBytes(s.bytes)}`);
        return;
      }
      const key = `${e.recordingId}:${e.stage}`;
      const step = e.stage === 'transcoding' ? Math.floor(e.percent / 10) : Math.floor(e.bytes / 10_000_000);
      if ((lastStep.get(key) ?? -1) >= step) return;
      lastStep.set(key, step);
      if (e.stage === 'transcoding') {
        logger.info({ recordingId: e.recordingId, percent: Math.round(e.percent), etaSeconds: e.etaSeconds && Math.round(e.etaSeconds) }, 'encoding progress');
      } else {
        logger.info({ recordingId: e.recordingId, bytes: e.bytes, files: e.files }, 'upload progress');
      }
    },
    done() {
      if (tty && state.size > 0) stream.write('\n');
    },
  };
}

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(r).padStart(2, '0')}` : `${m}:${String(r).padStart(2, '0')}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}
