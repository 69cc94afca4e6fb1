import fsp from 'node:fs/promises';
import { execa } from 'execa';
import { ZoomhlsError } from '../errors.js';

export interface MediaInfo {
  durationSeconds: number;
  /** Presentation time of the first frame (MPEG-TS segments start at ~1.4 s). */
  startSeconds: number;
  formatName: string;
  video: { codec: string; width: number; height: number; fps: number; profile: string | undefined; level: number | undefined } | undefined;
  audio: { codec: string; channels: number; sampleRate: number } | undefined;
}

interface FfprobeJson {
  format?: { duration?: string; format_name?: string; start_time?: string };
  streams?: Array<{
    codec_type?: string;
    codec_name?: string;
    width?: number;
    height?: number;
    avg_frame_rate?: string;
    profile?: string;
    level?: number;
    channels?: number;
    sample_rate?: string;
    disposition?: { attached_pic?: number };
  }>;
}

/** Reads what the pipeline needs from a media file; anything unplayable is MEDIA_INVALID. */
export async function probeMedia(file: string, ffprobePath = 'ffprobe'): Promise<MediaInfo> {
  let size: number;
  try {
    size = (await fsp.stat(file)).size;
    await fsp.access(file, fsp.constants.R_OK);
  } catch (cause) {
    throw new ZoomhlsError('MEDIA_UNREADABLE', `Cannot read the source file ${file}`, { cause });
  }
  if (size === 0) throw new ZoomhlsError('MEDIA_INVALID', `The source file ${file} is empty (0 bytes)`);

  const argv = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file];
  const result = await execa(ffprobePath, argv, { reject: false, timeout: 60_000 }).catch((cause: unknown) => {
    throw missingTool(ffprobePath, cause);
  });
  if ((result as { code?: string }).code === 'ENOENT' || result.failed && result.exitCode === undefined) {
    throw missingTool(ffprobePath, result);
  }
  if (result.exitCode !== 0) {
    throw new ZoomhlsError('MEDIA_INVALID', `ffprobe cannot read ${file}: ${tail(result.stderr)}`, {
      details: { argv: [ffprobePath, ...argv], stderr: tail(result.stderr) },
    });
  }
  const json = JSON.parse(result.stdout) as FfprobeJson;
  const streams = json.streams ?? [];
  const v = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const a = streams.find((s) => s.codec_type === 'audio');
  const durationSeconds = Number(json.format?.duration ?? NaN);
  const formatName = json.format?.format_name ?? 'unknown';
  if (!isMediaContainer(formatName)) {
    throw new ZoomhlsError('MEDIA_INVALID', `${file} is not a recording (ffprobe reads it as "${formatName}", not MP4/M4A or another media container)`);
  }
  if (!v && !a) throw new ZoomhlsError('MEDIA_INVALID', `${file} has no audio or video stream`);
  if (!Number.isFinite(durationSeconds) || durationSeconds <= 0) {
    throw new ZoomhlsError('MEDIA_INVALID', `${file} has no readable duration (truncated or still being written?)`);
  }
  return {
    durationSeconds,
    startSeconds: Number(json.format?.start_time ?? 0) || 0,
    formatName,
    video: v
      ? {
          codec: v.codec_name ?? 'unknown',
          width: v.width ?? 0,
          height: v.height ?? 0,
          fps: parseRate(v.avg_frame_rate),
          profile: v.profile,
          level: v.level,
        }
      : undefined,
    audio: a ? { codec: a.codec_name ?? 'unknown', channels: a.channels ?? 0, sampleRate: Number(a.sample_rate ?? 0) } : undefined,
  };
}

/**
 * Containers a recording can come in. ffprobe also "reads" text files (as tty/ANSI art), images
 * and subtitles; those are not recordings.
 */
const MEDIA_CONTAINERS = ['mov', 'mp4', 'm4a', '3gp', 'matroska', 'webm', 'mpegts', 'flv', 'avi', 'wav', 'mp3', 'ogg', 'aac', 'hls'];

export function isMediaContainer(formatName: string): boolean {
  return formatName.split(',').some((f) => MEDIA_CONTAINERS.includes(f));
}

function parseRate(rate: string | undefined): number {
  if (!rate) return 0;
  const [n, d] = rate.split('/').map(Number);
  return n && d ? n / d : 0;
}

export function tail(text: string | undefined, lines = 15): string {
  return (text ?? '').trim().split('\n').slice(-lines).join('\n');
}

export function missingTool(tool: string, cause: unknown): ZoomhlsError {
  return new ZoomhlsError('FFMPEG_MISSING', `${tool} was not found or could not start`, { cause });
}
