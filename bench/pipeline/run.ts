/**
 * Pipeline benchmark (not a test). On a generated 10-minute 720p lecture-like clip, medians of
 * BENCH_RUNS (default 3) runs of:
 *   1. plain `ffmpeg -c copy` to HLS (the floor);
 *   2. our `copy` profile end to end into s3rver (probe, remux, upload while encoding, publish);
 *   3. our `watermark` profile end to end into s3rver, with the original tool's PNG overlay;
 *   4. the original tool's pipeline: libx264 ultrafast crf 28 + PNG overlay scaled to 30 % of the
 *      height, AAC 128k, 4 s EVENT HLS, then every file uploaded one at a time.
 * Prints wall time, × realtime, output MB per hour and SSIM against the source, and the ratios.
 *   pnpm bench:pipeline            BENCH_RUNS=5 BENCH_SECONDS=600 pnpm bench:pipeline
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import pino from 'pino';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { connectDb, migrate, RecordingStore } from '../../sidecar/src/db/index.js';
import { enqueueImport, Worker, type PipelineSettings } from '../../sidecar/src/pipeline/index.js';
import { S3Storage } from '../../sidecar/src/storage/index.js';
import { lectureSource, logoPng } from './source.js';
import { ssim } from './ssim.js';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 600);
const CACHE = process.env['BENCH_CACHE'] ?? path.join(os.tmpdir(), 'zoomhls-bench-media');

interface Sample {
  wall: number;
  bytes: number;
  playlistUrl: string;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

function dirBytes(dir: string): number {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .map((f) => path.join(dir, f))
    .filter((f) => fs.statSync(f).isFile())
    .reduce((n, f) => n + fs.statSync(f).size, 0);
}

async function main() {
  const source = await lectureSource(CACHE, SECONDS);
  const logo = await logoPng(CACHE);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'zoomhls-bench-'));
  const s3dir = path.join(work, 's3rver');
  fs.mkdirSync(s3dir, { recursive: true });
  const server = execa(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, '..', 's3rver-process.ts'), s3dir, 'bench'], { buffer: false });
  const port = await new Promise<number>((resolve, reject) => {
    server.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
    server.catch(reject);
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const storage = new S3Storage({
    bucket: 'bench', region: 'us-east-1', accelerate: false, endpoint, forcePathStyle: true, concurrency: 8,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  const results: Record<string, Sample[]> = { plain: [], copy: [], watermark: [], original: [] };
  let courseId = 1;

  const ours = async (profile: 'copy' | 'watermark'): Promise<Sample> => {
    const dir = fs.mkdtempSync(path.join(work, `${profile}-`));
    const db = connectDb({ url: `sqlite:${path.join(dir, 'db.sqlite')}` });
    await migrate(db.knex);
    const store = new RecordingStore(db);
    const settings: PipelineSettings = {
      cdnBaseUrl: `${endpoint}/bench`, prefix: 'bench', repositoryDir: path.join(dir, 'repo'), workDir: path.join(dir, 'work'),
      timeZone: 'UTC', courseKeySecret: 'b'.repeat(64), profile, segmentSeconds: 6,
      x264Preset: process.env['BENCH_PRESET'] ?? 'veryfast', x264Crf: Number(process.env['BENCH_CRF'] ?? 26),
      watermark: profile === 'watermark' ? { kind: 'image', imagePath: logo, position: 'bottom-right', size: 0.3, opacity: 1 } : undefined,
      abrHeights: [720],
    };
    const t0 = performance.now();
    const { row } = await enqueueImport(store, { source, courseId: courseId++, profile, maxAttempts: 1 });
    const stages: string[] = [];
    const observer = { stageFinished: (stage: string, seconds: number) => stages.push(`${stage} ${seconds.toFixed(2)}s`) };
    await new Worker({ store, storage, settings, observer, logger: pino({ level: 'silent' }) }, { leaseSeconds: 600, concurrency: 1 }).run('once');
    if (process.env['BENCH_STAGES']) console.error(`${profile}: ${stages.join(', ')}`);
    const wall = (performance.now() - t0) / 1000;
    const done = await store.require(row.id);
    await db.close();
    if (done.state !== 'published') throw new Error(`${profile} failed: ${done.last_error}`);
    return { wall, bytes: done.bytes_published ?? 0, playlistUrl: `${endpoint}/bench/${done.output_folder}/index.m3u8` };
  };

  const plain = async (): Promise<Sample> => {
    const out = fs.mkdtempSync(path.join(work, 'plain-'));
    const t0 = performance.now();
    await execa('ffmpeg', ['-v', 'error', '-y', '-i', source, '-c', 'copy', '-f', 'hls', '-hls_time', '6', '-hls_playlist_type', 'vod', `${out}/index.m3u8`]);
    return { wall: (performance.now() - t0) / 1000, bytes: dirBytes(out), playlistUrl: `${out}/index.m3u8` };
  };

  const original = async (): Promise<Sample> => {
    const out = fs.mkdtempSync(path.join(work, 'original-'));
    const t0 = performance.now();
    await execa('ffmpeg', [
      // Placed where ours places it (bottom right, 2 % margin) so SSIM compares encoders, not positions.
      '-v', 'error', '-y', '-i', source, '-i', logo,
      '-filter_complex', '[1:v][0:v]scale2ref=w=oh*mdar:h=ih*0.3[logo][video];[video][logo]overlay=W-w-H*0.02:H-h-H*0.02',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '28', '-c:a', 'aac', '-b:a', '128k',
      '-f', 'hls', '-hls_time', '4', '-hls_playlist_type', 'event', `${out}/index.m3u8`,
    ]);
    // The original uploaded every file one after another.
    const prefix = `original-${courseId++}`;
    for (const f of fs.readdirSync(out).sort()) {
      await storage.client.send(new PutObjectCommand({ Bucket: 'bench', Key: `${prefix}/${f}`, Body: fs.readFileSync(path.join(out, f)) }));
    }
    return { wall: (performance.now() - t0) / 1000, bytes: dirBytes(out), playlistUrl: `${out}/index.m3u8` };
  };

  const only = (process.env['BENCH_ONLY'] ?? 'plain,copy,watermark,original').split(',');
  for (let run = 1; run <= RUNS; run++) {
    if (only.includes('plain')) results['plain']!.push(await plain());
    if (only.includes('copy')) results['copy']!.push(await ours('copy'));
    if (only.includes('watermark')) results['watermark']!.push(await ours('watermark'));
    if (only.includes('original')) results['original']!.push(await original());
    console.error(`run ${run}/${RUNS} done`);
  }

  const rows: Record<string, { wall: number; realtime: number; mbPerHour: number; ssim: number }> = {};
  for (const [name, samples] of Object.entries(results)) {
    if (samples.length === 0) continue;
    const wall = median(samples.map((s) => s.wall));
    const bytes = median(samples.map((s) => s.bytes));
    rows[name] = {
      wall,
      realtime: SECONDS / wall,
      mbPerHour: (bytes / 1e6) * (3600 / SECONDS),
      ssim: process.env['BENCH_SSIM'] === '0' ? NaN : await ssim(samples.at(-1)!.playlistUrl, source),
    };
  }
  console.log(`\nPipeline benchmark — ${SECONDS} s 720p lecture-like clip, median of ${RUNS} runs, ${os.cpus().length} cores`);
  console.log('| run | wall s | × realtime | MB/h | SSIM |');
  console.log('|---|---|---|---|---|');
  for (const [name, r] of Object.entries(rows)) {
    console.log(`| ${name} | ${r.wall.toFixed(2)} | ${r.realtime.toFixed(0)}× | ${r.mbPerHour.toFixed(0)} | ${r.ssim.toFixed(4)} |`);
  }
  const ratio = (a?: number, b?: number) => (a && b ? (a / b).toFixed(2) : 'n/a');
  console.log('\nRatios (targets in brackets):');
  console.log(`  copy end to end / plain ffmpeg copy:       ${ratio(rows['copy']?.wall, rows['plain']?.wall)}× [≤ 3]`);
  console.log(`  original end to end / copy end to end:     ${ratio(rows['original']?.wall, rows['copy']?.wall)}× [≥ 40]`);
  console.log(`  watermark MB/h / original MB/h:            ${ratio(rows['watermark']?.mbPerHour, rows['original']?.mbPerHour)} [≤ 0.40]`);
  console.log(`  watermark wall / original wall:            ${ratio(rows['watermark']?.wall, rows['original']?.wall)} [≤ 1.2]`);
  console.log(`  watermark SSIM − original SSIM:            ${((rows['watermark']?.ssim ?? NaN) - (rows['original']?.ssim ?? NaN)).toFixed(4)} [≥ 0]`);
  server.kill();
  await server.catch(() => undefined);
  fs.rmSync(work, { recursive: true, force: true });
}

await main();
