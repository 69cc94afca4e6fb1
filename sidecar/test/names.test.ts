import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { courseFolderName, formatStartTime, playlistFileName, safeJoin, sanitiseTopic } from '../src/pipeline/names.js';
import { cdnUrl, courseKey, isVideoKey, newVideoKey, videoFolder } from '../src/pipeline/keys.js';

describe('names from Zoom', () => {
  it.each([
    ['../../etc/passwd', 'etc-passwd'],
    ['a/b\\c', 'a-b-c'],
    ['tab\there\nnewline\u0000nul', 'tab here newline nul'],
    ['\u202Eevil\u200Bbidi', 'evil bidi'],
    ['...hidden', 'hidden'],
    ['', 'Recording'],
    ['   ', 'Recording'],
    ['..', 'Recording'],
    ['Clase: Álgebra <1>?', 'Clase- Álgebra -1--'],
  ])('sanitises %j to %j', (input, expected) => {
    expect(sanitiseTopic(input)).toBe(expected);
  });

  it('bounds very long and unicode topics in bytes without splitting characters', () => {
    const long = '講義'.repeat(200) + '🎓'.repeat(50);
    const s = sanitiseTopic(long);
    expect(Buffer.byteLength(s)).toBeLessThanOrEqual(150);
    expect(s).not.toContain('\uFFFD');
    const name = playlistFileName(Date.UTC(2026, 0, 2, 9, 5), long, 'UTC');
    expect(Buffer.byteLength(name)).toBeLessThan(255);
  });

  it('names playlists by local start time and topic, with a counter for clashes', () => {
    const t = Date.UTC(2026, 11, 4, 8, 30);
    expect(playlistFileName(t, 'Lecture 1', 'Europe/Madrid')).toBe('2026-12-04 0930 Lecture 1.m3u8');
    expect(playlistFileName(t, 'Lecture 1', 'UTC', 2)).toBe('2026-12-04 0830 Lecture 1 (2).m3u8');
    expect(formatStartTime(Date.UTC(2026, 0, 1, 0, 0), 'America/New_York')).toBe('2025-12-31 1900');
  });

  it('never lets a joined path leave its folder', () => {
    expect(() => safeJoin('/srv/repo', '..', 'x')).toThrow(/escapes/);
    expect(() => safeJoin('/srv/repo', '/etc/passwd')).toThrow(/escapes/);
    expect(safeJoin('/srv/repo', courseFolderName(7), 'a.m3u8')).toBe(path.resolve('/srv/repo/course-7/a.m3u8'));
    expect(() => courseFolderName(-1)).toThrow();
    expect(() => courseFolderName(1.5)).toThrow();
  });
});

describe('object keys', () => {
  it('derives a stable, secret-dependent course key', () => {
    const a = courseKey('s'.repeat(64), 42);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(courseKey('s'.repeat(64), 42)).toBe(a);
    expect(courseKey('s'.repeat(64), 43)).not.toBe(a);
    expect(courseKey('t'.repeat(64), 42)).not.toBe(a);
  });

  it('makes 128-bit random video keys', () => {
    const keys = new Set(Array.from({ length: 1000 }, newVideoKey));
    expect(keys.size).toBe(1000);
    for (const k of keys) expect(isVideoKey(k)).toBe(true);
  });

  it('lays objects out as <prefix>/<courseKey>/<videoKey>/', () => {
    expect(videoFolder('lectures', 'c1', 'v1')).toBe('lectures/c1/v1');
    expect(videoFolder('', 'c1', 'v1')).toBe('c1/v1');
    expect(cdnUrl('https://media.example.edu/', 'lectures/c1/v1/seg_00000.ts')).toBe('https://media.example.edu/lectures/c1/v1/seg_00000.ts');
  });
});
