import type { SourcePart } from '../db/index.js';
import type { ZoomMeeting, ZoomRecordingFile } from './types.js';

export interface Selection {
  /** Parts of the chosen view in time order (several when the host paused and resumed). */
  parts: SourcePart[];
  /** Zoom's transcript or closed captions (WebVTT), when there is one. */
  captions: ZoomRecordingFile | undefined;
  durationSeconds: number;
}

export type SelectOutcome =
  | { kind: 'ready'; selection: Selection }
  | { kind: 'processing'; reason: string }
  | { kind: 'skip'; reason: string };

const ms = (iso: string | undefined) => (iso ? Date.parse(iso) : NaN);

/**
 * Chooses which files of a meeting become the stream: the first view in the preference list
 * that has MP4 files (default shared screen with speaker > speaker view > gallery), all its
 * parts in time order; M4A only when there is no MP4 at all. Too short → skipped.
 */
export function selectFiles(meeting: ZoomMeeting, o: { viewPreference: string[]; minDurationSeconds: number }): SelectOutcome {
  const files = meeting.recording_files ?? [];
  const mp4 = files.filter((f) => (f.file_type ?? '').toUpperCase() === 'MP4');
  let chosen: ZoomRecordingFile[] = [];
  for (const view of o.viewPreference) {
    chosen = mp4.filter((f) => f.recording_type === view);
    if (chosen.length > 0) break;
  }
  if (chosen.length === 0 && mp4.length > 0) {
    // A view the preference does not list (e.g. active_speaker): better than nothing.
    const firstType = mp4[0]!.recording_type;
    chosen = mp4.filter((f) => f.recording_type === firstType);
  }
  if (chosen.length === 0) chosen = files.filter((f) => (f.file_type ?? '').toUpperCase() === 'M4A');
  if (chosen.length === 0) return { kind: 'skip', reason: 'the meeting has no MP4 or M4A recording file' };
  const unfinished = chosen.filter((f) => f.status && f.status !== 'completed');
  if (unfinished.length > 0) {
    return { kind: 'processing', reason: `${unfinished.length} recording file(s) are still ${unfinished[0]!.status} at Zoom` };
  }
  chosen.sort((a, b) => ms(a.recording_start) - ms(b.recording_start));
  const durationSeconds = chosen.reduce((sum, f) => {
    const d = (ms(f.recording_end) - ms(f.recording_start)) / 1000;
    return sum + (Number.isFinite(d) && d > 0 ? d : 0);
  }, 0);
  if (durationSeconds < o.minDurationSeconds) {
    return { kind: 'skip', reason: `the recording is ${Math.round(durationSeconds)} s long, shorter than the minimum of ${o.minDurationSeconds} s` };
  }
  const parts: SourcePart[] = chosen.map((f) => ({
    fileId: f.id ?? '',
    downloadUrl: f.download_url ?? '',
    fileSize: typeof f.file_size === 'number' ? f.file_size : null,
    fileType: (f.file_type ?? '').toUpperCase(),
    recordingType: f.recording_type ?? '',
    start: f.recording_start ?? '',
    end: f.recording_end ?? '',
  }));
  return { kind: 'ready', selection: { parts, captions: captionsFile(files), durationSeconds } };
}

/** Zoom's audio transcript, else live closed captions; only when Zoom has finished it. */
export function captionsFile(files: ZoomRecordingFile[]): ZoomRecordingFile | undefined {
  const usable = (type: string) =>
    files.find((f) => (f.file_type ?? '').toUpperCase() === type && (!f.status || f.status === 'completed') && f.download_url);
  return usable('TRANSCRIPT') ?? usable('CC');
}
