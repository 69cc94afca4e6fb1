/**
 * The only composition root: reads the environment once, builds every part from its config
 * slice and hands them to the command line. Nothing below this file reads process.env.
 */
import { randomBytes } from 'node:crypto';
import { loadConfig, describeConfig, type Config } from './config/index.js';
import { connectDb, migrate, RecordingStore } from './db/index.js';
import { createMetrics } from './http/index.js';
import { createStorage } from './storage/index.js';
import { buildProgram, reportFatal, type Boot } from './cli/index.js';
import { createZoom } from './zoom/index.js';
import { createLogger } from './logger.js';

const boot: Boot = async ({ logTo, migrate: runMigrations }) => {
  const config = loadConfig(process.env);
  return buildRuntime(config, logTo, runMigrations);
};

export async function buildRuntime(config: Config, logTo: 1 | 2, runMigrations: boolean) {
  const logger = createLogger(config.logLevel, logTo);
  const db = connectDb(config.database);
  if (runMigrations) await migrate(db.knex);
  const store = new RecordingStore(db);
  const storage = createStorage(
    config.storage.kind === 'local' ? { kind: 'local', mediaDir: config.storage.mediaDir } : config.storage,
  );
  // The course-key secret is shared by every worker through the database unless set explicitly.
  const courseKeySecret =
    config.courseKeySecret ?? (runMigrations ? await store.ensureSetting('course_key_secret', randomBytes(32).toString('hex')) : '');
  const metrics = createMetrics(store);
  const zoom = createZoom(config.zoom, config.mapping, { store, storage, logger, maxAttempts: config.worker.maxAttempts });
  return {
    logger,
    db,
    store,
    storage,
    metrics,
    pipeline: {
      store,
      storage,
      logger,
      observer: metrics.observer,
      ...(zoom.downloadAuth ? { downloadAuth: zoom.downloadAuth } : {}),
      onPublished: zoom.onPublished,
      settings: {
        cdnBaseUrl: config.cdnBaseUrl,
        prefix: config.storage.prefix,
        repositoryDir: config.repositoryDir,
        workDir: config.workDir,
        timeZone: config.timeZone,
        courseKeySecret,
        ...config.pipeline,
      },
    },
    zoom: { ...zoom, syncIntervalMinutes: config.zoom.syncIntervalMinutes, syncLookbackDays: config.zoom.syncLookbackDays },
    worker: config.worker,
    http: config.http,
    configSummary: describeConfig(config),
    close: async () => {
      await zoom.mapper.close();
      await db.close();
    },
  };
}

buildProgram(boot)
  .parseAsync(process.argv)
  .catch(reportFatal);
