import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publishToRepository } from '../src/pipeline/repository.js';
import { tempDir } from './helpers/pipeline.js';

describe('publishing the teacher playlist into the repository folder', () => {
  let dir: string;
  const saved: string[] = [];
  const publish = (marker: string, previousPath: string | null = null) =>
    publishToRepository({
      repositoryDir: dir, courseId: 7, startTime: Date.UTC(2026, 11, 4, 9, 30), topic: 'Lecture 1', timeZone: 'UTC',
      text: `#EXTM3U\n# ${marker}\n`, ownMarker: marker, previousPath, savePath: async (p) => void saved.push(p),
    });

  beforeEach(() => {
    dir = tempDir();
    saved.length = 0;
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives another recording with the same name " (2)", and reuses its own file when the database forgot the name', async () => {
    const first = await publish('videoA');
    const second = await publish('videoB');
    expect(path.basename(second)).toMatch(/ \(2\)\.m3u8$/);
    expect(second).not.toBe(first);
    // Recording A publishes again with no saved path (its commit was lost): same file, no third one.
    const again = await publish('videoA');
    expect(again).toBe(first);
    expect(saved.at(-1)).toBe(first);
    const files = fs.readdirSync(path.dirname(first)).filter((f) => f.endsWith('.m3u8'));
    expect(files).toHaveLength(2);
    expect(fs.readFileSync(first, 'utf8')).toContain('videoA');
    expect(fs.readFileSync(second, 'utf8')).toContain('videoB');
    // No temporary files are left behind.
    expect(fs.readdirSync(path.dirname(first)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
