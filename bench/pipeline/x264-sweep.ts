/**
 * Encoder sweep (not a test): how much SSIM against the source each libx264 setting buys, and at
 * what bitrate and CPU, on the same lecture-like clip as bench/pipeline (a 2-minute cut by
 * default), beside the original tool's encode. It is the evidence behind the `watermark`
 * profile's settings and behind the SSIM target of issue 2 (see the README).
 *
 * Every run burns in the same PNG overlay (30 % of the height, bottom right) and writes MP4, so
 * the numbers compare encoders only (no HLS container overhead, no upload).
 *   pnpm bench:x264            BENCH_SECONDS=600 pnpm bench:x264
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { lectureSource, logoPng } from './source.js';
import { ssim } from './ssim.js';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 120);
const CACHE = process.env['BENCH_CACHE'] ?? path.join(os.tmpdir(), 'zoomhls-bench-media');
const OVERLAY =
  '[1:v][0:v]scale2ref=w=oh*mdar:h=ih*0.3[wm][base];[base][wm]overlay=x=main_w-overlay_w-main_h*0.02:y=main_h-overlay_h-main_h*0.02[v]';
/** What the watermark profile sets besides the x264 parameters: a keyframe on every 6 s segment. */
const KEYFRAMES = ['-force_key_frames', 'expr:gte(t,n_forced*6)', '-g', '150', '-keyint_min', '150', '-sc_threshold', '0'];
const OURS = 'me=dia:subme=1:weightp=0:aq-mode=0';

interface Setting {
  name: string;
  args: string[];
}

const x264 = (crf: number, params: string, preset = 'veryfast'): string[] => [
  '-c:v', 'libx264', '-preset', preset, '-crf', String(crf), '-x264-params', params, '-profile:v', 'high', ...KEYFRAMES,
];

const SETTINGS: Setting[] = [
  { name: 'original: ultrafast crf 28 (no keyframe alignment)', args: ['-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '28'] },
  { name: 'ours: veryfast crf 26 (shipped)', args: x264(26, OURS) },
  { name: 'crf 24', args: x264(24, OURS) },
  { name: 'crf 22', args: x264(22, OURS) },
  { name: 'deblock off', args: x264(26, `${OURS}:no-deblock=1`) },
  { name: 'chroma-qp-offset -4', args: x264(26, `${OURS}:chroma-qp-offset=-4`) },
  { name: 'chroma -4, deblock off, crf 24', args: x264(24, `${OURS}:chroma-qp-offset=-4:no-deblock=1`) },
  { name: 'aq-mode 2 (tune ssim)', args: x264(26, 'me=dia:subme=1:weightp=0:aq-mode=2:psy=0') },
  { name: 'qcomp 0.8 (weaker mbtree)', args: x264(26, `${OURS}:qcomp=0.8`) },
  { name: 'mbtree off, crf 30', args: x264(30, `${OURS}:mbtree=0`) },
  { name: 'mbtree off, crf 34', args: x264(34, `${OURS}:mbtree=0`) },
  { name: 'keyframes every 10 s', args: [...x264(26, OURS).slice(0, -8), '-force_key_frames', 'expr:gte(t,n_forced*10)', '-g', '250', '-keyint_min', '250', '-sc_threshold', '0'] },
  { name: 'preset veryfast defaults, crf 26', args: ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '26', ...KEYFRAMES] },
  { name: 'preset faster, crf 26', args: x264(26, 'aq-mode=0', 'faster') },
];

/** Encodes once; CPU is ffmpeg's own user + system time over all its threads (`-benchmark`). */
async function encode(source: string, logo: string, out: string, args: string[]): Promise<{ wall: number; cpu: number }> {
  const started = performance.now();
  const { stderr } = await execa('ffmpeg', [
    '-v', 'info', '-nostats', '-hide_banner', '-benchmark', '-y', '-i', source, '-i', logo,
    '-filter_complex', OVERLAY, '-map', '[v]', '-an', ...args, '-pix_fmt', 'yuv420p', out,
  ]);
  const bench = /bench: utime=([0-9.]+)s stime=([0-9.]+)s/.exec(stderr);
  if (!bench) throw new Error(`no -benchmark line in ffmpeg output:\n${stderr.slice(-500)}`);
  return { wall: (performance.now() - started) / 1000, cpu: Number(bench[1]) + Number(bench[2]) };
}

async function main() {
  const source = await lectureSource(CACHE, SECONDS);
  const logo = await logoPng(CACHE);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'zoomhls-sweep-'));
  try {
    console.log(`libx264 sweep on ${path.basename(source)} with the PNG overlay, video only, ${os.cpus().length} CPU(s)\n`);
    console.log('| setting | video kbit/s | SSIM vs source | CPU s | wall s |');
    console.log('|---|---|---|---|---|');
    for (const [i, s] of SETTINGS.entries()) {
      const out = path.join(work, `${i}.mp4`);
      const { wall, cpu } = await encode(source, logo, out, s.args);
      const kbps = (fs.statSync(out).size * 8) / SECONDS / 1000;
      console.log(`| ${s.name} | ${kbps.toFixed(0)} | ${(await ssim(out, source)).toFixed(5)} | ${cpu.toFixed(1)} | ${wall.toFixed(1)} |`);
      fs.rmSync(out);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

await main();
