import fs from 'node:fs';
import path from 'node:path';
import { ZoomhlsError } from '../errors.js';
import type { MappingRules } from '../zoom/mapping.js';
import { crossFieldProblems, envSchema, SECRET_VARIABLES, type Env } from './schema.js';

export { SECRET_VARIABLES } from './schema.js';

/** The typed configuration, grouped into the slices that each factory takes. */
export interface Config {
  env: Env;
  database: { url: string };
  http: { host: string; port: number };
  storage: StorageConfig;
  cdnBaseUrl: string;
  /** Serve `GET /media/*` ourselves (local storage by default; S3 behind it with ZOOMHLS_EDGE=on). */
  edge: boolean;
  repositoryDir: string;
  dataDir: string;
  workDir: string;
  courseKeySecret: string | undefined;
  timeZone: string;
  zoom: ZoomConfig;
  mapping: MappingConfig;
  access: AccessConfig;
  pipeline: PipelineConfig;
  worker: { maxAttempts: number; leaseSeconds: number; concurrency: number; shutdownGraceSeconds: number };
  logLevel: Env['ZOOMHLS_LOG_LEVEL'];
}

export interface AccessConfig {
  /** undefined = local mode: a key pair is generated once and kept in the database. */
  cloudFrontKey: { keyPairId: string; privateKeyFile: string } | undefined;
  hashAlgorithm: Env['ZOOMHLS_CLOUDFRONT_HASH_ALGORITHM'];
  cookieDomain: string | undefined;
  moodleOrigins: string[];
  moodleSecret: string | undefined;
  ttlSeconds: number;
}

export interface ZoomConfig {
  /** undefined when the S2S OAuth app is not configured. */
  credentials: { accountId: string; clientId: string; clientSecret: string } | undefined;
  webhookSecret: string | undefined;
  apiUrl: string;
  oauthUrl: string;
  users: string[];
  syncIntervalMinutes: number;
  syncLookbackDays: number;
  viewPreference: string[];
  minDurationSeconds: number;
  deleteAfterImport: 'off' | 'trash' | 'delete';
  captionsLanguage: string;
}

/** The course-mapping rules, in the shape the Zoom part takes them. */
export type MappingConfig = MappingRules;

export type StorageConfig =
  | { kind: 'local'; mediaDir: string; prefix: string }
  | {
      kind: 's3';
      bucket: string;
      region: string;
      prefix: string;
      accelerate: boolean;
      endpoint: string | undefined;
      forcePathStyle: boolean;
      concurrency: number;
    };

export interface PipelineConfig {
  profile: Env['ZOOMHLS_PROFILE'];
  segmentSeconds: number;
  x264Preset: Env['ZOOMHLS_X264_PRESET'];
  x264Crf: number;
  watermark:
    | { kind: 'text'; text: string; position: Env['ZOOMHLS_WATERMARK_POSITION']; size: number; opacity: number }
    | { kind: 'image'; imagePath: string; position: Env['ZOOMHLS_WATERMARK_POSITION']; size: number; opacity: number }
    | undefined;
  abrHeights: number[];
}

/**
 * Reads the configuration once. `source` is normally `process.env`; a JSON file named by
 * ZOOMHLS_CONFIG_FILE may supply the same variable names, and the environment wins over it.
 * Every problem is reported in one error, so an admin fixes them all in one go.
 */
export function loadConfig(source: NodeJS.ProcessEnv): Config {
  const fromFile = readConfigFile(source['ZOOMHLS_CONFIG_FILE']);
  const raw: Record<string, string | undefined> = { ...fromFile };
  for (const [name, value] of Object.entries(source)) {
    // An empty variable means "not set", as shells and systemd units often leave them.
    if (name.startsWith('ZOOMHLS_') && value !== undefined && value !== '') raw[name] = value;
  }
  const parsed = envSchema.safeParse(raw);
  const issues = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => ({ name: String(i.path[0] ?? 'configuration'), message: i.message }))),
    ...crossFieldProblems(raw),
  ];
  if (!parsed.success || issues.length > 0) {
    const problems = issues.map(({ name, message }) => {
      const shown = raw[name] !== undefined && !isSecret(name) ? ` (got "${raw[name]}")` : '';
      return `  - ${name}${shown}: ${message}`;
    });
    throw new ZoomhlsError('CONFIG_INVALID', `Invalid configuration:\n${problems.join('\n')}\n`, {
      details: { problems },
    });
  }
  return buildConfig(parsed.data!);
}

function readConfigFile(file: string | undefined): Record<string, string> {
  if (!file) return {};
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ZoomhlsError('CONFIG_INVALID', `ZOOMHLS_CONFIG_FILE "${file}" cannot be read`, { cause });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new ZoomhlsError('CONFIG_INVALID', `ZOOMHLS_CONFIG_FILE "${file}" is not valid JSON`, { cause });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ZoomhlsError('CONFIG_INVALID', `ZOOMHLS_CONFIG_FILE "${file}" must hold one JSON object of ZOOMHLS_* names`);
  }
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, String(v)]));
}

function buildConfig(env: Env): Config {
  const prefix = env.ZOOMHLS_S3_PREFIX ?? '';
  const storage: StorageConfig =
    env.ZOOMHLS_STORAGE === 's3'
      ? {
          kind: 's3',
          bucket: env.ZOOMHLS_S3_BUCKET!,
          region: env.ZOOMHLS_S3_REGION!,
          prefix,
          // Acceleration is on by default on AWS, and always off for S3-compatible servers.
          accelerate: env.ZOOMHLS_S3_ENDPOINT ? false : (env.ZOOMHLS_S3_ACCELERATE ?? true),
          endpoint: env.ZOOMHLS_S3_ENDPOINT,
          forcePathStyle: env.ZOOMHLS_S3_FORCE_PATH_STYLE ?? Boolean(env.ZOOMHLS_S3_ENDPOINT),
          concurrency: env.ZOOMHLS_S3_CONCURRENCY,
        }
      : { kind: 'local', mediaDir: path.resolve(env.ZOOMHLS_MEDIA_DIR), prefix };
  const cdnBaseUrl = (env.ZOOMHLS_CDN_BASE_URL ?? `http://127.0.0.1:${env.ZOOMHLS_PORT}/media`).replace(/\/+$/, '');
  const mark = { position: env.ZOOMHLS_WATERMARK_POSITION, size: env.ZOOMHLS_WATERMARK_SIZE, opacity: env.ZOOMHLS_WATERMARK_OPACITY };
  return {
    env,
    database: { url: env.ZOOMHLS_DATABASE_URL },
    http: { host: env.ZOOMHLS_HOST, port: env.ZOOMHLS_PORT },
    storage,
    cdnBaseUrl,
    edge: env.ZOOMHLS_EDGE === 'on' || (env.ZOOMHLS_EDGE === 'auto' && env.ZOOMHLS_STORAGE === 'local'),
    repositoryDir: path.resolve(env.ZOOMHLS_REPOSITORY_DIR),
    dataDir: path.resolve(env.ZOOMHLS_DATA_DIR),
    workDir: path.resolve(env.ZOOMHLS_WORK_DIR ?? path.join(env.ZOOMHLS_DATA_DIR, 'work')),
    courseKeySecret: env.ZOOMHLS_COURSE_KEY_SECRET,
    timeZone: env.ZOOMHLS_TIMEZONE,
    zoom: {
      credentials:
        env.ZOOMHLS_ZOOM_ACCOUNT_ID && env.ZOOMHLS_ZOOM_CLIENT_ID && env.ZOOMHLS_ZOOM_CLIENT_SECRET
          ? { accountId: env.ZOOMHLS_ZOOM_ACCOUNT_ID, clientId: env.ZOOMHLS_ZOOM_CLIENT_ID, clientSecret: env.ZOOMHLS_ZOOM_CLIENT_SECRET }
          : undefined,
      webhookSecret: env.ZOOMHLS_ZOOM_WEBHOOK_SECRET,
      apiUrl: env.ZOOMHLS_ZOOM_API_URL.replace(/\/+$/, ''),
      oauthUrl: env.ZOOMHLS_ZOOM_OAUTH_URL,
      users: env.ZOOMHLS_ZOOM_USERS ?? [],
      syncIntervalMinutes: env.ZOOMHLS_ZOOM_SYNC_INTERVAL_MINUTES,
      syncLookbackDays: env.ZOOMHLS_ZOOM_SYNC_LOOKBACK_DAYS,
      viewPreference: env.ZOOMHLS_ZOOM_VIEW_PREFERENCE,
      minDurationSeconds: env.ZOOMHLS_ZOOM_MIN_DURATION_SECONDS,
      deleteAfterImport: env.ZOOMHLS_ZOOM_DELETE_AFTER_IMPORT,
      captionsLanguage: env.ZOOMHLS_CAPTIONS_LANGUAGE,
    },
    access: {
      cloudFrontKey:
        env.ZOOMHLS_CLOUDFRONT_KEY_PAIR_ID && env.ZOOMHLS_CLOUDFRONT_PRIVATE_KEY_FILE
          ? { keyPairId: env.ZOOMHLS_CLOUDFRONT_KEY_PAIR_ID, privateKeyFile: path.resolve(env.ZOOMHLS_CLOUDFRONT_PRIVATE_KEY_FILE) }
          : undefined,
      hashAlgorithm: env.ZOOMHLS_CLOUDFRONT_HASH_ALGORITHM,
      cookieDomain: env.ZOOMHLS_COOKIE_DOMAIN?.replace(/^\./, ''),
      moodleOrigins: (env.ZOOMHLS_MOODLE_ORIGINS ?? []).map((o) => o.replace(/\/$/, '')),
      moodleSecret: env.ZOOMHLS_MOODLE_SECRET,
      ttlSeconds: env.ZOOMHLS_ACCESS_TTL_SECONDS,
    },
    mapping: {
      order: env.ZOOMHLS_MAP_ORDER,
      meetings: pairs(env.ZOOMHLS_MAP_MEETINGS, (k) => Number(k)),
      hosts: pairs(env.ZOOMHLS_MAP_HOSTS, (k) => k.toLowerCase()),
      topicRegex: env.ZOOMHLS_MAP_TOPIC_REGEX,
      moodleDatabaseUrl: env.ZOOMHLS_MOODLE_DATABASE_URL,
      moodleDbPrefix: env.ZOOMHLS_MOODLE_DB_PREFIX,
    },
    pipeline: {
      profile: env.ZOOMHLS_PROFILE,
      segmentSeconds: env.ZOOMHLS_SEGMENT_SECONDS,
      x264Preset: env.ZOOMHLS_X264_PRESET,
      x264Crf: env.ZOOMHLS_X264_CRF,
      watermark: env.ZOOMHLS_WATERMARK_TEXT
        ? { kind: 'text', text: env.ZOOMHLS_WATERMARK_TEXT, ...mark }
        : env.ZOOMHLS_WATERMARK_IMAGE
          ? { kind: 'image', imagePath: path.resolve(env.ZOOMHLS_WATERMARK_IMAGE), ...mark }
          : undefined,
      abrHeights: [...env.ZOOMHLS_ABR_HEIGHTS].sort((a, b) => b - a),
    },
    worker: {
      maxAttempts: env.ZOOMHLS_MAX_ATTEMPTS,
      leaseSeconds: env.ZOOMHLS_LEASE_SECONDS,
      concurrency: env.ZOOMHLS_WORKER_CONCURRENCY,
      shutdownGraceSeconds: env.ZOOMHLS_SHUTDOWN_GRACE_SECONDS,
    },
    logLevel: env.ZOOMHLS_LOG_LEVEL,
  };
}

function pairs<K>(text: string | undefined, key: (k: string) => K): Map<K, number> {
  const map = new Map<K, number>();
  for (const pair of (text ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const [k, v] = pair.split('=').map((x) => x.trim());
    map.set(key(k!), Number(v));
  }
  return map;
}

function isSecret(name: string): boolean {
  return (SECRET_VARIABLES as readonly string[]).includes(name);
}

/** The effective configuration as `zoomhls status` shows it: secrets and DB passwords masked. */
export function describeConfig(config: Config): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(config.env)) {
    if (value === undefined) continue;
    let shown = Array.isArray(value) ? value.join(',') : String(value);
    if (isSecret(name)) shown = '********';
    if (name === 'ZOOMHLS_DATABASE_URL') shown = maskUrlPassword(shown);
    if (name === 'ZOOMHLS_MOODLE_DATABASE_URL') shown = maskUrlPassword(String(value));
    out[name] = shown;
  }
  out['ZOOMHLS_CDN_BASE_URL'] = config.cdnBaseUrl;
  return out;
}

export function maskUrlPassword(url: string): string {
  return url.replace(/^(mysql:\/\/[^:/@]+:)[^@]*@/, '$1********@');
}
