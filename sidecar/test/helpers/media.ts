import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';

/** Test media is generated with ffmpeg lavfi at test time, never committed. Cached per run. */
const CACHE = path.join(os.tmpdir(), `zoomhls-media-${process.pid}`);

export interface ClipSpec {
  seconds: number;
  width?: number;
  height?: number;
  audioOnly?: boolean;
  /** A slide-like picture with a small moving tile, as lectures look. */
  lecture?: boolean;
  fps?: number;
  /** Keyframe interval in frames. */
  gop?: number;
}

export async function makeClip(spec: ClipSpec): Promise<string> {
  fs.mkdirSync(CACHE, { recursive: true });
  const name = spec.audioOnly
    ? `audio-${spec.seconds}.m4a`
    : `${spec.lecture ? 'lecture' : 'test'}-${spec.width ?? 1280}x${spec.height ?? 720}-${spec.seconds}-${spec.fps ?? 30}.mp4`;
  const out = path.join(CACHE, name);
  if (fs.existsSync(out)) return out;
  const tmp = `${out}.part${path.extname(out)}`;
  const audio = ['-f', 'lavfi', '-i', `sine=frequency=220:beep_factor=4:sample_rate=48000:duration=${spec.seconds}`];
  if (spec.audioOnly) {
    await execa('ffmpeg', ['-y', '-v', 'error', ...audio, '-c:a', 'aac', '-b:a', '64k', tmp]);
  } else {
    const w = spec.width ?? 1280;
    const h = spec.height ?? 720;
    const fps = spec.fps ?? 30;
    const video = spec.lecture
      ? ['-f', 'lavfi', '-i', `testsrc2=size=${Math.round(w / 4)}x${Math.round(h / 4)}:rate=${fps}:duration=${spec.seconds}`,
         '-f', 'lavfi', '-i', `color=c=0xf0f0e8:size=${w}x${h}:rate=${fps}:duration=${spec.seconds}`]
      : ['-f', 'lavfi', '-i', `testsrc2=size=${w}x${h}:rate=${fps}:duration=${spec.seconds}`];
    const filter = spec.lecture ? ['-filter_complex', '[1:v][0:v]overlay=x=W-w-20:y=H-h-20[v]', '-map', '[v]', '-map', '2:a'] : ['-map', '0:v', '-map', '1:a'];
    await execa('ffmpeg', [
      '-y', '-v', 'error', ...video, ...audio, ...filter,
      '-c:v', 'libx264', '-preset', 'ultrafast', '-g', String(spec.gop ?? fps * 2), '-pix_fmt', 'yuv420p',
      '-c:a', 'aac', '-b:a', '64k', '-shortest', '-movflags', '+faststart', tmp,
    ]);
  }
  fs.renameSync(tmp, out);
  return out;
}

/** A copy of a clip cut short, as an interrupted download leaves it. */
export function truncatedCopy(file: string, dir: string, fraction = 0.3): string {
  const data = fs.readFileSync(file);
  const out = path.join(dir, `truncated-${path.basename(file)}`);
  fs.writeFileSync(out, data.subarray(0, Math.floor(data.length * fraction)));
  return out;
}

export async function ffprobeDuration(fileOrUrl: string, extra: string[] = []): Promise<number> {
  const { stdout } = await execa('ffprobe', ['-v', 'error', ...extra, '-show_entries', 'format=duration', '-of', 'csv=p=0', fileOrUrl]);
  return Number(stdout.trim());
}
