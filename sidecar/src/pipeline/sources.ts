import fsp from 'node:fs/promises';
import path from 'node:path';
import type { RecordingRow, SourcePart } from '../db/index.js';
import { ZoomhlsError } from '../errors.js';
import { downloadToFile } from './download.js';
import { probeMedia, type MediaInfo } from './probe.js';

/** Gives the Authorization header for Zoom downloads (the S2S OAuth token), when configured. */
export type DownloadAuth = () => Promise<Record<string, string>>;

export interface AcquiredSource {
  /** What ffmpeg reads: a file, or an ffconcat list of parts. */
  input: string;
  concat: boolean;
  info: MediaInfo;
  bytes: number;
}

/**
 * Brings a recording's source into the work dir: a local file as is; a URL or Zoom's parts
 * downloaded (with Range resume and the size Zoom announced checked), each probed before any
 * transcoding. Several parts (paused and resumed) are joined in time order.
 */
export async function acquireSource(
  row: RecordingRow,
  work: string,
  options: { signal: AbortSignal; downloadAuth?: DownloadAuth | undefined; ffprobePath?: string | undefined },
): Promise<AcquiredSource> {
  if (row.source_path) {
    const info = await probeMedia(row.source_path, options.ffprobePath);
    return { input: row.source_path, concat: false, info, bytes: (await fsp.stat(row.source_path)).size };
  }
  const parts: SourcePart[] = row.source_parts
    ? (JSON.parse(row.source_parts) as SourcePart[])
    : row.download_url
      ? [{ fileId: 'source', downloadUrl: row.download_url, fileSize: row.source_bytes, fileType: '', recordingType: '', start: '', end: '' }]
      : [];
  if (parts.length === 0) throw new ZoomhlsError('MEDIA_UNREADABLE', `Recording ${row.id} has neither a file nor a download URL`);
  const headers = await downloadHeaders(row, options.downloadAuth, parts[0]!.downloadUrl);
  const files: string[] = [];
  let bytes = 0;
  const infos: MediaInfo[] = [];
  for (const [i, part] of [...parts].sort((a, b) => a.start.localeCompare(b.start)).entries()) {
    const ext = part.fileType.toLowerCase() === 'm4a' ? 'm4a' : 'mp4';
    const file = path.join(work, `part-${i}.${ext}`);
    bytes += await downloadToFile(part.downloadUrl, file, { signal: options.signal, headers, expectedSize: part.fileSize });
    const info = await probeMedia(file, options.ffprobePath);
    assertZoomDuration(info.durationSeconds, part);
    infos.push(info);
    files.push(file);
  }
  if (files.length === 1) return { input: files[0]!, concat: false, info: infos[0]!, bytes };
  const list = path.join(work, 'parts.ffconcat');
  await fsp.writeFile(list, `ffconcat version 1.0\n${files.map((f) => `file '${path.basename(f)}'`).join('\n')}\n`);
  const total = infos.reduce((sum, i) => sum + i.durationSeconds, 0);
  return { input: list, concat: true, info: { ...infos[0]!, durationSeconds: total }, bytes };
}

/** What ffprobe reads must cover what Zoom says was recorded (a few seconds of slack). */
export function assertZoomDuration(probedSeconds: number, part: Pick<SourcePart, 'start' | 'end' | 'fileId'>): void {
  const expected = (Date.parse(part.end) - Date.parse(part.start)) / 1000;
  if (!Number.isFinite(expected) || expected <= 0) return;
  if (probedSeconds < expected * 0.9 - 2) {
    throw new ZoomhlsError(
      'MEDIA_INVALID',
      `Zoom file ${part.fileId} plays ${probedSeconds.toFixed(0)} s but Zoom recorded ${expected.toFixed(0)} s (truncated at Zoom?)`,
    );
  }
}

async function downloadHeaders(row: RecordingRow, auth: DownloadAuth | undefined, url: string): Promise<Record<string, string>> {
  if (!/^https?:\/\//.test(url)) return {};
  // Zoom accepts either the account's OAuth token or the event's download token, as a Bearer.
  if (auth && row.source_parts) return auth();
  if (row.download_token) return { authorization: `Bearer ${row.download_token}` };
  return {};
}
