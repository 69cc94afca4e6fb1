import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { Db } from '../../src/db/index.js';
import { RecordingStore } from '../../src/db/index.js';
import type { PipelineDeps, PipelineSettings } from '../../src/pipeline/index.js';
import type { Storage } from '../../src/storage/index.js';

export function tempDir(prefix = 'zoomhls-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function testSettings(dir: string, overrides: Partial<PipelineSettings> = {}): PipelineSettings {
  return {
    cdnBaseUrl: 'http://127.0.0.1:9/media',
    prefix: 'lectures',
    repositoryDir: path.join(dir, 'repository'),
    workDir: path.join(dir, 'work'),
    timeZone: 'UTC',
    courseKeySecret: 'k'.repeat(64),
    profile: 'auto',
    segmentSeconds: 6,
    x264Preset: 'ultrafast',
    x264Crf: 30,
    watermark: undefined,
    abrHeights: [1080, 720, 360],
    ...overrides,
  };
}

export function testDeps(db: Db, storage: Storage, settings: PipelineSettings, store = new RecordingStore(db)): PipelineDeps {
  return { store, storage, settings, logger: pino({ level: process.env['ZOOMHLS_TEST_LOG'] ?? 'silent' }) };
}

/** Every file below a folder, relative, sorted. */
export function filesBelow(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .map((f) => f.split(path.sep).join('/'))
    .sort();
}

/** URIs (non-comment lines) of a playlist. */
export function playlistUris(text: string): string[] {
  return text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
}

/** The media playlist of a published master's first variant, read from local media storage. */
export function firstVariant(masterText: string, mediaRoot: string, cdnBase = 'http://127.0.0.1:9/media/') {
  const uri = playlistUris(masterText)[0];
  if (!uri) throw new Error('master playlist has no variant');
  const key = uri.replace(cdnBase, '');
  const text = fs.readFileSync(path.join(mediaRoot, key), 'utf8');
  return { key, text, file: (segmentUri: string) => path.join(mediaRoot, segmentUri.replace(cdnBase, '')) };
}
