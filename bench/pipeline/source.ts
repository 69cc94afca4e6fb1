import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';

/**
 * A lecture-like source, generated once and cached: 720p slides that change every 40 s, a small
 * moving camera tile in one corner, speech-like audio (band-limited noise in syllable bursts),
 * encoded roughly as Zoom does (H.264 High, ~25 fps, AAC).
 */
export async function lectureSource(dir: string, seconds: number): Promise<string> {
  const out = path.join(dir, `lecture-720p-${seconds}s.mp4`);
  if (fs.existsSync(out)) return out;
  fs.mkdirSync(dir, { recursive: true });
  const slides = Math.ceil(seconds / 40);
  // Slides: a pale background with a few dark text-like bars whose layout changes per slide.
  const bars = Array.from({ length: 6 }, (_, i) =>
    `drawbox=x=120:y=${160 + i * 80}:w='200+mod((floor(t/40)+1)*${97 + i * 31},800)':h=28:color=0x303040@1:t=fill`,
  ).join(',');
  const filter =
    `color=c=0xf4f1e8:size=1280x720:rate=25:duration=${seconds},` +
    `drawbox=x=80:y=60:w=1120:h=60:color=0x1f4e79@1:t=fill,${bars}[slides];` +
    `testsrc2=size=256x144:rate=25:duration=${seconds}[cam];` +
    `[slides][cam]overlay=x=W-w-24:y=H-h-24[v];` +
    `anoisesrc=color=pink:sample_rate=48000:duration=${seconds},bandpass=f=1200:width_type=h:w=2400,` +
    `volume='0.3+0.7*gt(sin(2*PI*4*t)\\,0)':eval=frame[a]`;
  await execa('ffmpeg', [
    '-v', 'error', '-y', '-filter_complex', filter, '-map', '[v]', '-map', '[a]',
    '-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'high', '-b:v', '450k', '-maxrate', '900k', '-bufsize', '1800k',
    '-g', '50', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '64k', '-ac', '1', '-movflags', '+faststart', `${out}.part.mp4`,
  ]);
  void slides;
  fs.renameSync(`${out}.part.mp4`, out);
  return out;
}

/** A PNG logo like the original tool's watermark. */
export async function logoPng(dir: string): Promise<string> {
  const out = path.join(dir, 'logo.png');
  if (fs.existsSync(out)) return out;
  await execa('ffmpeg', [
    '-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=0x1f4e79@0.8:size=400x200,format=rgba,drawbox=x=20:y=20:w=360:h=160:color=white@0.9:t=6',
    '-frames:v', '1', out,
  ]);
  return out;
}
