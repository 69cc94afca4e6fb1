import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClip } from './helpers/media.js';
import { filesBelow, tempDir } from './helpers/pipeline.js';
import { localEnv, runCli } from './helpers/cli.js';

describe('zoomhls CLI', () => {
  let dir: string;
  let env: Record<string, string>;
  const cli = (args: string[], extraEnv: Record<string, string> = {}) => runCli(args, { ...env, ...extraEnv });

  beforeAll(() => {
    dir = tempDir();
    env = localEnv(dir, { ZOOMHLS_TIMEZONE: 'UTC' });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('imports a file and shows it in status, with secrets masked', async () => {
    const clip = await makeClip({ seconds: 4, width: 640, height: 360 });
    const imported = await cli(['import', clip, '--course', '3', '--topic', 'CLI lecture', '--start-time', '2026-12-04T10:00:00Z']);
    expect(imported.stderr).toBe('');
    expect(imported.exitCode).toBe(0);
    expect(imported.stdout).toContain('Queued recording 1 for course 3.');
    expect(imported.stdout).toContain(`Published recording 1: ${path.join(dir, 'repository', 'course-3', '2026-12-04 1000 CLI lecture.m3u8')}`);

    const secrets = { ZOOMHLS_MOODLE_SECRET: 's'.repeat(48), ZOOMHLS_ZOOM_CLIENT_SECRET: 'zoom-secret-value-123' };
    const status = await cli(['status', '--json'], secrets);
    expect(status.exitCode).toBe(0);
    expect(status.stdout).not.toContain('s'.repeat(48));
    expect(status.stdout).not.toContain('zoom-secret-value-123');
    const json = JSON.parse(status.stdout);
    expect(json.config.ZOOMHLS_MOODLE_SECRET).toBe('********');
    expect(json.jobs.published).toBe(1);
    expect(json.recordings[0].topic).toBe('CLI lecture');

    const text = await cli(['status']);
    expect(text.stdout).toMatch(/1 {2}published {3}\s+3 {2}2026-12-04 10:00 {2}CLI lecture/);
  });

  it('lists every configuration problem at once and exits 1', async () => {
    const res = await cli(['status'], { ZOOMHLS_PORT: 'x', ZOOMHLS_STORAGE: 's3' });
    expect(res.exitCode).toBe(1);
    expect(res.stderr).toContain('CONFIG_INVALID');
    for (const name of ['ZOOMHLS_PORT', 'ZOOMHLS_S3_BUCKET', 'ZOOMHLS_S3_REGION', 'ZOOMHLS_CDN_BASE_URL']) expect(res.stderr).toContain(name);
  });

  it('says exactly how to get ffmpeg when it is missing', async () => {
    const clip = await makeClip({ seconds: 4, width: 640, height: 360 });
    const copy = path.join(dir, 'copy.mp4');
    fs.copyFileSync(clip, copy);
    const res = await cli(['import', copy, '--course', '4'], { PATH: '/nonexistent' });
    expect(res.exitCode).toBe(1);
    expect(res.stderr).toContain('FFMPEG_MISSING');
    expect(res.stderr).toContain('apt-get install ffmpeg');
    expect(filesBelow(path.join(dir, 'repository', 'course-4'))).toEqual([]);
  });

  it('retries a failed recording on request', async () => {
    const res = await cli(['retry', '2']);
    expect(res.exitCode).toBe(0);
    expect(res.stdout).toContain('Recording 2 is queued again.');
    const again = await cli(['retry', '2']);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('INVALID_STATE');
  });
});
