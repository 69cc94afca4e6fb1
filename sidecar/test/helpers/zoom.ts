import fs from 'node:fs';
import path from 'node:path';
import type { Server } from 'node:http';
import pino from 'pino';
import type { Db } from '../../src/db/index.js';
import { RecordingStore } from '../../src/db/index.js';
import { createApp, createMetrics } from '../../src/http/index.js';
import { Worker } from '../../src/pipeline/index.js';
import { LocalStorage } from '../../src/storage/index.js';
import { createZoom, zoomWebhookHandlers, type MappingRules } from '../../src/zoom/index.js';
import { ZoomEmulator } from '../../../test/zoom-emulator/index.js';
import { tempDir, testSettings } from './pipeline.js';

export const NO_MAPPING: MappingRules = {
  order: ['meeting', 'topic', 'host', 'moodle'],
  meetings: new Map(),
  hosts: new Map(),
  topicRegex: undefined,
  moodleDatabaseUrl: undefined,
  moodleDbPrefix: 'mdl_',
};

/** The sidecar wired to the Zoom emulator: webhook over real HTTP, workers in-process. */
export async function zoomHarness(db: Db, o: { mapping?: Partial<MappingRules>; deleteAfterImport?: 'off' | 'trash' | 'delete'; webhookSecret?: string | null } = {}) {
  const emulator = await new ZoomEmulator().start();
  const dir = tempDir('zoomhls-zoom-');
  const logLines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => logLines.push(line) });
  const store = new RecordingStore(db);
  const storage = new LocalStorage(path.join(dir, 'media'));
  const zoom = createZoom(
    {
      credentials: { accountId: emulator.accountId, clientId: emulator.clientId, clientSecret: emulator.clientSecret },
      webhookSecret: o.webhookSecret === null ? undefined : (o.webhookSecret ?? emulator.webhookSecret),
      apiUrl: emulator.apiUrl,
      oauthUrl: emulator.oauthUrl,
      users: [],
      viewPreference: ['shared_screen_with_speaker_view', 'speaker_view', 'gallery_view'],
      minDurationSeconds: 2,
      deleteAfterImport: o.deleteAfterImport ?? 'off',
      captionsLanguage: 'en',
    },
    { ...NO_MAPPING, ...o.mapping },
    { store, storage, logger, maxAttempts: 3 },
  );
  const settings = testSettings(dir);
  const pipeline = { store, storage, logger, settings, ...(zoom.downloadAuth ? { downloadAuth: zoom.downloadAuth } : {}), onPublished: zoom.onPublished };
  const app = createApp({
    db,
    store,
    storage,
    metrics: createMetrics(store),
    logger,
    zoomWebhook: zoomWebhookHandlers({ secret: zoom.webhookSecret, ingest: zoom.ingest, logger }),
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const webhookUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/zoom/webhook`;
  return {
    emulator,
    dir,
    store,
    storage,
    zoom,
    settings,
    webhookUrl,
    logLines,
    mediaDir: path.join(dir, 'media'),
    runWorkers: () => new Worker(pipeline, { leaseSeconds: 60, concurrency: 1 }).run('once'),
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      await emulator.stop();
      await zoom.mapper.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
