/**
 * Pure builders for the ffmpeg argument lists of every profile. They take plain facts (paths,
 * probe results, settings) and return argv, so they are unit-tested without running ffmpeg.
 * Every profile writes HLS into `outDir` as an EVENT playlist that grows as segments are
 * finalised (the uploader follows it); the published VOD playlists are rendered afterwards.
 */

export type Profile = 'copy' | 'watermark' | 'abr' | 'audio';
export type Position = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';

export interface WatermarkSpec {
  kind: 'text' | 'image';
  /** For text: a file holding the text (avoids filtergraph escaping of user text). */
  textFile?: string;
  imagePath?: string;
  fontFile?: string;
  position: Position;
  /** Height of the mark relative to the video height (0.05 = 5 %). */
  size: number;
  opacity: number;
}

export interface EncodePlan {
  profile: Profile;
  argv: string[];
  /** Media playlists ffmpeg writes, relative to outDir (one per rendition). */
  playlists: string[];
  /** Folders under outDir that must exist before ffmpeg starts. */
  dirs: string[];
  /** Output height per rendition (undefined for audio). */
  heights: Array<number | undefined>;
}

interface Common {
  input: string;
  /** The input is an ffconcat list of parts (a recording paused and resumed). */
  concat?: boolean;
  outDir: string;
  segmentSeconds: number;
}

/** Single renditions go to `v0/` like the first ABR rendition: one layout for every profile. */
const SINGLE = 'v0';

function inputArgs(o: Common): string[] {
  return o.concat ? ['-f', 'concat', '-safe', '0', '-i', o.input] : ['-i', o.input];
}

function hlsOutput(outDir: string, segmentSeconds: number, dir = ''): string[] {
  const sub = dir ? `${dir}/` : '';
  return [
    '-f', 'hls',
    '-hls_time', String(segmentSeconds),
    '-hls_list_size', '0',
    '-hls_playlist_type', 'event',
    '-hls_flags', 'temp_file+independent_segments',
    '-hls_segment_type', 'mpegts',
    '-hls_segment_filename', `${outDir}/${sub}seg_%05d.ts`,
  ];
}

/** Remux only: H.264 + AAC from Zoom become HLS without re-encoding (seconds, not minutes). */
export function buildCopyArgs(o: Common & { hasAudio: boolean }): EncodePlan {
  const argv = [
    '-y', ...inputArgs(o),
    '-map', '0:v:0', ...(o.hasAudio ? ['-map', '0:a:0'] : []),
    '-c', 'copy',
    ...hlsOutput(o.outDir, o.segmentSeconds, SINGLE),
    `${o.outDir}/${SINGLE}/index.m3u8`,
  ];
  return { profile: 'copy', argv, playlists: [`${SINGLE}/index.m3u8`], dirs: [SINGLE], heights: [undefined] };
}

/** Audio-only sources (Zoom's M4A): AAC copied when it is AAC, else encoded. */
export function buildAudioArgs(o: Common & { audioCodec: string }): EncodePlan {
  const argv = [
    '-y', ...inputArgs(o),
    '-map', '0:a:0', '-vn',
    ...audioCodecArgs(o.audioCodec),
    ...hlsOutput(o.outDir, o.segmentSeconds, SINGLE),
    `${o.outDir}/${SINGLE}/index.m3u8`,
  ];
  return { profile: 'audio', argv, playlists: [`${SINGLE}/index.m3u8`], dirs: [SINGLE], heights: [undefined] };
}

function audioCodecArgs(codec: string | undefined): string[] {
  return codec === 'aac' ? ['-c:a', 'copy'] : ['-c:a', 'aac', '-b:a', '128k', '-ac', '2'];
}

/**
 * Keyframes exactly on segment boundaries (and no scene-cut keyframes in between), so every
 * segment starts with an IDR frame and renditions of the ABR ladder cut at the same instants.
 */
function keyframeArgs(segmentSeconds: number, fps: number): string[] {
  const gop = Math.max(1, Math.round((fps > 0 ? fps : 30) * segmentSeconds));
  return [
    '-force_key_frames', `expr:gte(t,n_forced*${segmentSeconds})`,
    '-g', String(gop),
    '-keyint_min', String(gop),
    '-sc_threshold', '0',
  ];
}

/** Escapes a value for use inside a filtergraph option (':' '\' and quotes are special). */
export function escapeFilterValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/:/g, '\\:').replace(/,/g, '\\,');
}

/** The filtergraph fragment that burns the watermark into `[in]` and names the result `[out]`. */
export function watermarkFilter(w: WatermarkSpec, inLabel: string, outLabel: string, imageInput = 1): string {
  const margin = 'h*0.02';
  if (w.kind === 'text') {
    if (!w.textFile) throw new Error('text watermark needs textFile');
    const x = w.position.endsWith('left') ? 'h*0.02' : `w-tw-${margin}`;
    const y = w.position.startsWith('top') ? 'h*0.02' : `h-th-${margin}`;
    const font = w.fontFile ? `fontfile='${escapeFilterValue(w.fontFile)}':` : '';
    return (
      `[${inLabel}]drawtext=${font}textfile='${escapeFilterValue(w.textFile)}':expansion=none` +
      `:fontsize=h*${w.size}:fontcolor=white@${w.opacity}:borderw=1:bordercolor=black@${w.opacity / 2}` +
      `:x=${x}:y=${y}[${outLabel}]`
    );
  }
  const x = w.position.endsWith('left') ? 'main_h*0.02' : 'main_w-overlay_w-main_h*0.02';
  const y = w.position.startsWith('top') ? 'main_h*0.02' : 'main_h-overlay_h-main_h*0.02';
  return (
    `[${imageInput}:v][${inLabel}]scale2ref=w=oh*mdar:h=ih*${w.size}[wm][base];` +
    (w.opacity < 1 ? `[wm]format=rgba,colorchannelmixer=aa=${w.opacity}[wma];` : '[wm]null[wma];') +
    `[base][wma]overlay=x=${x}:y=${y}[${outLabel}]`
  );
}

function x264Args(preset: string, crf: number): string[] {
  // Lecture content is mostly still slides: CRF lets x264 spend almost nothing on frames that
  // do not change (macroblock-tree rate control, on in every preset but ultrafast, is what makes
  // static slides cheap), so no bitrate target is needed for a single rendition.
  // Motion in a lecture is a small camera tile and the odd slide change: a diamond search with
  // cheap sub-pixel refinement finds it as well as hexagon search at ~10 % less CPU (measured on
  // bench/pipeline's lecture clip: same bytes, same SSIM); weighted prediction only helps fades.
  return [
    '-c:v', 'libx264',
    '-preset', preset,
    '-crf', String(crf),
    '-x264-params', 'me=dia:subme=1:weightp=0:aq-mode=0',
    '-profile:v', 'high',
    '-pix_fmt', 'yuv420p',
  ];
}

/** Re-encode with libx264, optionally burning in a text or PNG watermark; AAC copied when possible. */
export function buildWatermarkArgs(
  o: Common & {
    fps: number;
    hasAudio: boolean;
    audioCodec: string | undefined;
    preset: string;
    crf: number;
    watermark: WatermarkSpec | undefined;
  },
): EncodePlan {
  const inputs = ['-y', ...inputArgs(o)];
  // The PNG is read once; overlay repeats its only frame (no per-frame decode and alpha work).
  if (o.watermark?.kind === 'image') inputs.push('-i', o.watermark.imagePath ?? '');
  const filter = o.watermark ? watermarkFilter(o.watermark, '0:v', 'v') : '[0:v]null[v]';
  const argv = [
    ...inputs,
    '-filter_complex', filter,
    '-map', '[v]', ...(o.hasAudio ? ['-map', '0:a:0'] : []),
    ...x264Args(o.preset, o.crf),
    ...keyframeArgs(o.segmentSeconds, o.fps),
    ...(o.hasAudio ? audioCodecArgs(o.audioCodec) : []),
    ...hlsOutput(o.outDir, o.segmentSeconds, SINGLE),
    `${o.outDir}/${SINGLE}/index.m3u8`,
  ];
  return { profile: 'watermark', argv, playlists: [`${SINGLE}/index.m3u8`], dirs: [SINGLE], heights: [undefined] };
}

/** Peak bitrate (kbit/s) allowed for a rendition height: capped CRF keeps still slides cheap. */
export function maxrateFor(height: number): number {
  if (height >= 2160) return 12000;
  if (height >= 1440) return 8000;
  if (height >= 1080) return 5000;
  if (height >= 720) return 2800;
  if (height >= 540) return 1800;
  if (height >= 480) return 1400;
  if (height >= 360) return 900;
  return 500;
}

/** The ladder for a source: configured heights at or below the source, never upscaled. */
export function ladderFor(sourceHeight: number, heights: number[]): number[] {
  const ladder = [...new Set(heights)].filter((h) => h <= sourceHeight).sort((a, b) => b - a);
  return ladder.length > 0 ? ladder : [sourceHeight - (sourceHeight % 2)];
}

/** ABR ladder with a master playlist; every rendition has keyframes at the same instants. */
export function buildAbrArgs(
  o: Common & {
    fps: number;
    sourceHeight: number;
    heights: number[];
    hasAudio: boolean;
    audioCodec: string | undefined;
    preset: string;
    crf: number;
    watermark: WatermarkSpec | undefined;
  },
): EncodePlan {
  const ladder = ladderFor(o.sourceHeight, o.heights);
  const inputs = ['-y', ...inputArgs(o)];
  if (o.watermark?.kind === 'image') inputs.push('-i', o.watermark.imagePath ?? '');
  const parts: string[] = [];
  parts.push(o.watermark ? watermarkFilter(o.watermark, '0:v', 'marked') : '[0:v]null[marked]');
  parts.push(`[marked]split=${ladder.length}${ladder.map((_, i) => `[s${i}]`).join('')}`);
  ladder.forEach((h, i) => parts.push(`[s${i}]scale=-2:${h}[v${i}]`));
  const maps: string[] = [];
  const codecs: string[] = [];
  ladder.forEach((h, i) => {
    maps.push('-map', `[v${i}]`);
    if (o.hasAudio) maps.push('-map', '0:a:0');
    const rate = maxrateFor(h);
    codecs.push(`-maxrate:v:${i}`, `${rate}k`, `-bufsize:v:${i}`, `${rate * 2}k`);
  });
  const streamMap = ladder.map((_, i) => (o.hasAudio ? `v:${i},a:${i}` : `v:${i}`)).join(' ');
  const argv = [
    ...inputs,
    '-filter_complex', parts.join(';'),
    ...maps,
    ...x264Args(o.preset, o.crf),
    ...codecs,
    ...keyframeArgs(o.segmentSeconds, o.fps),
    ...(o.hasAudio ? audioCodecArgs(o.audioCodec) : []),
    ...hlsOutput(o.outDir, o.segmentSeconds, 'v%v'),
    '-var_stream_map', streamMap,
    `${o.outDir}/v%v/index.m3u8`,
  ];
  const dirs = ladder.map((_, i) => `v${i}`);
  return { profile: 'abr', argv, playlists: dirs.map((d) => `${d}/index.m3u8`), dirs, heights: ladder };
}
