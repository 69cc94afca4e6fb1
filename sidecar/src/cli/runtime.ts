import type { Logger } from 'pino';
import type { Db, RecordingStore } from '../db/index.js';
import type { AccessDeps, Metrics } from '../http/index.js';
import type { EdgeDeps } from '../edge/index.js';
import type { CloudFrontKey, CookieSettings, HashAlgorithm } from '../signing/index.js';
import type { PipelineDeps } from '../pipeline/index.js';
import type { Storage } from '../storage/index.js';
import type { Zoom } from '../zoom/index.js';

/** Everything a command needs, built by main.ts (the only composition root). */
export interface Runtime {
  logger: Logger;
  db: Db;
  store: RecordingStore;
  storage: Storage;
  metrics: Metrics;
  pipeline: PipelineDeps;
  zoom: Zoom & { syncIntervalMinutes: number; syncLookbackDays: number };
  /** `POST /v1/access` and the status-page endpoints. */
  access: AccessDeps;
  /** The built-in edge; only in local mode. */
  edge?: EdgeDeps;
  /** What `zoomhls keys` shows and checks. */
  signing: {
    cloudFront: CloudFrontKey | undefined;
    cookies: CookieSettings;
    prefix: string;
    courseKeySecret: string;
    hashAlgorithm: HashAlgorithm;
  };
  worker: { maxAttempts: number; leaseSeconds: number; concurrency: number; shutdownGraceSeconds: number };
  http: { host: string; port: number };
  /** The effective configuration with secrets masked (for `status`). */
  configSummary: Record<string, string>;
  close(): Promise<void>;
}

/** Builds the runtime; `logTo` chooses stdout (services) or stderr (commands with output). */
export type Boot = (options: { logTo: 1 | 2; migrate: boolean }) => Promise<Runtime>;
