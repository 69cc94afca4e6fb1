import { describe, expect, it } from 'vitest';
import { buildAbrArgs, buildAudioArgs, buildCopyArgs, buildWatermarkArgs, escapeFilterValue, ladderFor, maxrateFor } from '../src/pipeline/argv.js';

const common = { input: '/in/source.mp4', outDir: '/work/job', segmentSeconds: 6 };

function valueAfter(argv: string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  return i >= 0 ? argv[i + 1] : undefined;
}

describe('ffmpeg argv builders', () => {
  it('copy remuxes without re-encoding into ~6 s HLS segments', () => {
    const plan = buildCopyArgs({ ...common, hasAudio: true });
    expect(valueAfter(plan.argv, '-c')).toBe('copy');
    expect(plan.argv).not.toContain('libx264');
    expect(valueAfter(plan.argv, '-hls_time')).toBe('6');
    expect(valueAfter(plan.argv, '-f')).toBe('hls');
    expect(plan.argv).toContain('0:a:0');
    expect(plan.argv.at(-1)).toBe('/work/job/v0/index.m3u8');
    expect(valueAfter(plan.argv, '-hls_segment_filename')).toBe('/work/job/v0/seg_%05d.ts');
    expect(plan.playlists).toEqual(['v0/index.m3u8']);
    expect(plan.dirs).toEqual(['v0']);
    expect(buildCopyArgs({ ...common, hasAudio: false }).argv).not.toContain('0:a:0');
  });

  it('reads the parts of a paused recording through the concat demuxer', () => {
    const argv = buildCopyArgs({ ...common, input: '/work/job/parts.ffconcat', concat: true, hasAudio: true }).argv;
    expect(argv.slice(1, 7)).toEqual(['-f', 'concat', '-safe', '0', '-i', '/work/job/parts.ffconcat']);
    expect(buildCopyArgs({ ...common, hasAudio: true }).argv).not.toContain('concat');
  });

  it('audio-only copies AAC and encodes anything else', () => {
    expect(valueAfter(buildAudioArgs({ ...common, audioCodec: 'aac' }).argv, '-c:a')).toBe('copy');
    const mp3 = buildAudioArgs({ ...common, audioCodec: 'mp3' }).argv;
    expect(valueAfter(mp3, '-c:a')).toBe('aac');
    expect(mp3).toContain('-vn');
  });

  it('watermark re-encodes with keyframes on segment boundaries and copies AAC', () => {
    const plan = buildWatermarkArgs({
      ...common, fps: 25, hasAudio: true, audioCodec: 'aac', preset: 'veryfast', crf: 26,
      watermark: { kind: 'text', textFile: '/work/job/wm.txt', position: 'bottom-right', size: 0.05, opacity: 0.6 },
    });
    expect(valueAfter(plan.argv, '-c:v')).toBe('libx264');
    expect(valueAfter(plan.argv, '-preset')).toBe('veryfast');
    expect(valueAfter(plan.argv, '-force_key_frames')).toBe('expr:gte(t,n_forced*6)');
    expect(valueAfter(plan.argv, '-g')).toBe('150');
    expect(valueAfter(plan.argv, '-sc_threshold')).toBe('0');
    expect(valueAfter(plan.argv, '-c:a')).toBe('copy');
    const filter = valueAfter(plan.argv, '-filter_complex')!;
    expect(filter).toContain("textfile='/work/job/wm.txt'");
    expect(filter).toContain('expansion=none');
    expect(filter).toContain('fontsize=h*0.05');
    expect(filter).toContain('white@0.6');
  });

  it('image watermark scales the PNG relative to the video height', () => {
    const plan = buildWatermarkArgs({
      ...common, fps: 30, hasAudio: false, audioCodec: undefined, preset: 'fast', crf: 23,
      watermark: { kind: 'image', imagePath: '/etc/zoomhls/logo.png', position: 'top-left', size: 0.1, opacity: 0.5 },
    });
    expect(plan.argv.filter((a) => a === '-i')).toHaveLength(2);
    const filter = valueAfter(plan.argv, '-filter_complex')!;
    expect(filter).toContain('scale2ref=w=oh*mdar:h=ih*0.1');
    expect(filter).toContain('colorchannelmixer=aa=0.5');
    expect(plan.argv).not.toContain('-loop');
    expect(filter).toContain('overlay=x=main_h*0.02:y=main_h*0.02');
  });

  it('escapes filter values so a path cannot inject filter options', () => {
    expect(escapeFilterValue("/tmp/a:b'c,d")).toBe("/tmp/a\\:b\\'c\\,d");
  });

  it('abr builds a ladder capped at the source height with one playlist per rendition', () => {
    expect(ladderFor(1080, [1080, 720, 360])).toEqual([1080, 720, 360]);
    expect(ladderFor(720, [1080, 720, 360])).toEqual([720, 360]);
    expect(ladderFor(240, [1080, 720, 360])).toEqual([240]);
    const plan = buildAbrArgs({
      ...common, fps: 30, sourceHeight: 720, heights: [1080, 720, 360], hasAudio: true, audioCodec: 'aac',
      preset: 'veryfast', crf: 26, watermark: undefined,
    });
    expect(plan.heights).toEqual([720, 360]);
    expect(plan.playlists).toEqual(['v0/index.m3u8', 'v1/index.m3u8']);
    expect(valueAfter(plan.argv, '-var_stream_map')).toBe('v:0,a:0 v:1,a:1');
    expect(valueAfter(plan.argv, '-filter_complex')).toContain('split=2[s0][s1]');
    expect(valueAfter(plan.argv, '-maxrate:v:0')).toBe(`${maxrateFor(720)}k`);
    expect(valueAfter(plan.argv, '-maxrate:v:1')).toBe(`${maxrateFor(360)}k`);
  });
});
