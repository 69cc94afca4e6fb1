import { execa } from 'execa';
import { ZoomhlsError } from '../errors.js';
import { missingTool, tail } from './probe.js';

export interface FfmpegProgress {
  /** Seconds of output written so far. */
  outSeconds: number;
  /** 0–100, when the duration is known. */
  percent: number;
  /** Seconds still to go at the current speed. */
  etaSeconds: number | undefined;
}

/**
 * Runs ffmpeg with `-progress pipe:1` and reports progress. A failure carries the argv and the
 * tail of stderr, which is what an admin needs to see (house style).
 */
export async function runFfmpeg(options: {
  argv: string[];
  durationSeconds: number;
  ffmpegPath?: string;
  signal?: AbortSignal;
  onProgress?: (p: FfmpegProgress) => void;
}): Promise<void> {
  const bin = options.ffmpegPath ?? 'ffmpeg';
  const argv = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error', '-progress', 'pipe:1', ...options.argv];
  const started = Date.now();
  const child = execa(bin, argv, {
    reject: false,
    buffer: { stdout: false, stderr: true },
    ...(options.signal ? { cancelSignal: options.signal } : {}),
    forceKillAfterDelay: 5_000,
  });
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('out_time_us=')) continue;
      const outSeconds = Number(line.slice('out_time_us='.length)) / 1e6;
      if (!Number.isFinite(outSeconds) || outSeconds < 0) continue;
      const percent = options.durationSeconds > 0 ? Math.min(100, (outSeconds / options.durationSeconds) * 100) : 0;
      const elapsed = (Date.now() - started) / 1000;
      const speed = elapsed > 0 ? outSeconds / elapsed : 0;
      const etaSeconds = speed > 0 ? Math.max(0, (options.durationSeconds - outSeconds) / speed) : undefined;
      options.onProgress?.({ outSeconds, percent, etaSeconds });
    }
  });
  const result = await child;
  if (result.isCanceled) {
    throw new ZoomhlsError('LEASE_LOST', 'ffmpeg was stopped because the job was cancelled');
  }
  if ((result as { code?: string }).code === 'ENOENT' || (result.failed && result.exitCode === undefined && !result.isTerminated)) {
    throw missingTool(bin, result);
  }
  if (result.exitCode !== 0) {
    const stderr = tail(typeof result.stderr === 'string' ? result.stderr : '');
    throw new ZoomhlsError('FFMPEG_FAILED', `ffmpeg exited with code ${result.exitCode ?? result.signal}:\n${stderr}\nargv: ${[bin, ...argv].join(' ')}\n`, {
      details: { argv: [bin, ...argv], stderr },
    });
  }
}
