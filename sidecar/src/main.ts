/**
 * The only composition root: reads the environment once, builds every part from its config
 * slice and hands them to the command line. Nothing below this file reads process.env.
 */
import { randomBytes } from 'node:crypto';
import { loadConfig, describeConfig, type Config } from './config/index.js';
import { connectDb, migrate, RecordingStore } from './db/index.js';
import { AccessTokenVerifier, createMetrics, TokenIdStore, type AccessDeps } from './http/index.js';
import { createStorage, LocalStorage, S3Storage } from './storage/index.js';
import { CookieSigner, resolveCloudFrontKey } from './signing/index.js';
import type { EdgeDeps } from './edge/index.js';
import { buildProgram, reportFatal, type Boot } from './cli/index.js';
import { createZoom } from './zoom/index.js';
import { createLogger } from './logger.js';

/** Cookie expiry is rounded up to this, so one signature per scope serves a whole login storm. */
const ACCESS_EXPIRY_BUCKET_SECONDS = 300;

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
  // CloudFront key (or the local-mode key shared through the DB, which needs migrations to have run).
  let cloudFront: Awaited<ReturnType<typeof resolveCloudFrontKey>>;
  try {
    cloudFront = runMigrations ? await resolveCloudFrontKey(config.access.cloudFrontKey, store, config.edge) : undefined;
  } catch (error) {
    await db.close(); // an open pool would keep the process alive after the error is reported
    throw error;
  }
  const cookieSettings = {
    cdnBaseUrl: config.cdnBaseUrl,
    cookieDomain: config.access.cookieDomain,
    ttlSeconds: config.access.ttlSeconds,
    bucketSeconds: ACCESS_EXPIRY_BUCKET_SECONDS,
  };
  const access: AccessDeps = {
    verifier: new AccessTokenVerifier({ secret: config.access.moodleSecret, origins: config.access.moodleOrigins }, new TokenIdStore(db)),
    signer: cloudFront && new CookieSigner({ keyPairId: cloudFront.keyPairId, key: cloudFront.key, hashAlgorithm: config.access.hashAlgorithm }),
    cookies: cookieSettings,
    prefix: config.storage.prefix,
    courseKeySecret,
  };
  const edge: EdgeDeps | undefined =
    config.edge && cloudFront && (storage instanceof LocalStorage || storage instanceof S3Storage)
      ? {
          storage,
          cdnBaseUrl: config.cdnBaseUrl,
          trustedKeys: [{ keyPairId: cloudFront.keyPairId, publicKey: cloudFront.key.publicKey }],
          allowedOrigins: config.access.moodleOrigins,
        }
      : undefined;
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
    access,
    ...(edge ? { edge } : {}),
    signing: { cloudFront, cookies: cookieSettings, prefix: config.storage.prefix, courseKeySecret, hashAlgorithm: config.access.hashAlgorithm },
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
