import { z } from 'zod';

/**
 * Every setting is an env var ZOOMHLS_<NAME> (DESIGN §3.2). The schema maps the flat variables
 * onto typed values; `buildConfig` then groups them into the slices each factory takes.
 */

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const positiveInt = z.coerce.number().int().positive();

const csv = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean));

const origin = z.string().refine((v) => {
  try {
    const url = new URL(v);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === v.replace(/\/$/, '');
  } catch {
    return false;
  }
}, 'must be an origin such as https://moodle.example.edu (scheme, host, optional port, no path)');

export const envSchema = z
  .object({
    ZOOMHLS_DATABASE_URL: z
      .string()
      .regex(/^(sqlite:.+|mysql:\/\/.+)$/, 'must be sqlite:<path> or mysql://user:pass@host:port/db')
      .default('sqlite:./data/zoomhls.sqlite'),
    ZOOMHLS_PORT: z.coerce.number().int().min(0).max(65535).default(8787),
    ZOOMHLS_HOST: z.string().min(1).default('127.0.0.1'),
    ZOOMHLS_STORAGE: z.enum(['local', 's3']).default('local'),
    ZOOMHLS_MEDIA_DIR: z.string().min(1).default('./data/media'),
    ZOOMHLS_S3_BUCKET: z.string().min(3).optional(),
    ZOOMHLS_S3_REGION: z.string().min(1).optional(),
    ZOOMHLS_S3_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/, 'must be a key prefix like lectures or media/zoom (no leading or trailing slash)')
      .optional(),
    ZOOMHLS_S3_ACCELERATE: bool.optional(),
    ZOOMHLS_S3_ENDPOINT: z.string().url().optional(),
    ZOOMHLS_S3_FORCE_PATH_STYLE: bool.optional(),
    ZOOMHLS_S3_CONCURRENCY: positiveInt.max(64).default(8),
    ZOOMHLS_CDN_BASE_URL: z.string().url().optional(),
    ZOOMHLS_EDGE: z.enum(['auto', 'on', 'off']).default('auto'),
    ZOOMHLS_REPOSITORY_DIR: z.string().min(1).default('./data/repository'),
    ZOOMHLS_CLOUDFRONT_KEY_PAIR_ID: z.string().min(1).optional(),
    ZOOMHLS_CLOUDFRONT_PRIVATE_KEY_FILE: z.string().min(1).optional(),
    ZOOMHLS_CLOUDFRONT_HASH_ALGORITHM: z.enum(['SHA1', 'SHA256']).default('SHA1'),
    ZOOMHLS_COOKIE_DOMAIN: z
      .string()
      .regex(/^\.?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/, 'must be a domain such as example.edu (the parent of the Moodle and CDN hosts)')
      .optional(),
    ZOOMHLS_ACCESS_TTL_SECONDS: positiveInt.min(300).max(86_400).default(7200),
    ZOOMHLS_MOODLE_ORIGINS: csv.pipe(z.array(origin)).optional(),
    ZOOMHLS_MOODLE_SECRET: z.string().min(32, 'must be at least 32 characters (use `openssl rand -hex 32`)').optional(),
    ZOOMHLS_ZOOM_ACCOUNT_ID: z.string().min(1).optional(),
    ZOOMHLS_ZOOM_CLIENT_ID: z.string().min(1).optional(),
    ZOOMHLS_ZOOM_CLIENT_SECRET: z.string().min(1).optional(),
    ZOOMHLS_ZOOM_WEBHOOK_SECRET: z.string().min(1).optional(),
    ZOOMHLS_ZOOM_API_URL: z.string().url().default('https://api.zoom.us/v2'),
    ZOOMHLS_ZOOM_OAUTH_URL: z.string().url().default('https://zoom.us/oauth/token'),
    ZOOMHLS_ZOOM_USERS: csv.optional(),
    ZOOMHLS_ZOOM_SYNC_INTERVAL_MINUTES: z.coerce.number().min(0).max(1440).default(15),
    ZOOMHLS_ZOOM_SYNC_LOOKBACK_DAYS: z.coerce.number().int().min(1).max(30).default(2),
    ZOOMHLS_ZOOM_VIEW_PREFERENCE: csv.default(['shared_screen_with_speaker_view', 'speaker_view', 'gallery_view'] as never),
    ZOOMHLS_ZOOM_MIN_DURATION_SECONDS: z.coerce.number().int().min(0).default(120),
    ZOOMHLS_ZOOM_DELETE_AFTER_IMPORT: z.enum(['off', 'trash', 'delete']).default('off'),
    ZOOMHLS_CAPTIONS_LANGUAGE: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as en or es-ES').default('en'),
    ZOOMHLS_MAP_ORDER: csv.pipe(z.array(z.enum(['meeting', 'topic', 'host', 'moodle']))).default(['meeting', 'topic', 'host', 'moodle']),
    ZOOMHLS_MAP_MEETINGS: z.string().regex(/^\s*(\d+\s*=\s*\d+\s*)(,\s*\d+\s*=\s*\d+\s*)*$/, 'must be meetingId=courseId pairs, comma-separated').optional(),
    ZOOMHLS_MAP_HOSTS: z.string().regex(/^\s*([^=,\s]+@[^=,\s]+\s*=\s*\d+\s*)(,\s*[^=,\s]+@[^=,\s]+\s*=\s*\d+\s*)*$/, 'must be email=courseId pairs, comma-separated').optional(),
    ZOOMHLS_MAP_TOPIC_REGEX: z
      .string()
      .refine((v) => {
        try {
          const re = new RegExp(v);
          return /\(\?<(course|shortname)>/.test(re.source);
        } catch {
          return false;
        }
      }, 'must be a regular expression with a named group (?<course>…) or (?<shortname>…)')
      .optional(),
    ZOOMHLS_MOODLE_DATABASE_URL: z.string().regex(/^mysql:\/\/.+/, 'must be mysql://user:pass@host:port/moodle (read-only user)').optional(),
    ZOOMHLS_MOODLE_DB_PREFIX: z.string().regex(/^[a-z0-9_]*$/, 'must be a table prefix such as mdl_').default('mdl_'),
    ZOOMHLS_COURSE_KEY_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    ZOOMHLS_DATA_DIR: z.string().min(1).default('./data'),
    ZOOMHLS_WORK_DIR: z.string().min(1).optional(),
    ZOOMHLS_PROFILE: z.enum(['auto', 'copy', 'watermark', 'abr']).default('auto'),
    ZOOMHLS_SEGMENT_SECONDS: z.coerce.number().min(2).max(10).default(6),
    ZOOMHLS_X264_PRESET: z
      .enum(['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium', 'slow'])
      .default('veryfast'),
    ZOOMHLS_X264_CRF: z.coerce.number().min(10).max(40).default(26),
    ZOOMHLS_WATERMARK_TEXT: z.string().min(1).optional(),
    ZOOMHLS_WATERMARK_IMAGE: z.string().min(1).optional(),
    ZOOMHLS_WATERMARK_POSITION: z.enum(['top-left', 'top-right', 'bottom-left', 'bottom-right']).default('bottom-right'),
    ZOOMHLS_WATERMARK_SIZE: z.coerce.number().gt(0).max(0.5).default(0.05),
    ZOOMHLS_WATERMARK_OPACITY: z.coerce.number().min(0).max(1).default(0.6),
    ZOOMHLS_ABR_HEIGHTS: csv.pipe(z.array(z.string().regex(/^\d+$/, "must be whole numbers").transform(Number).pipe(z.number().int().min(144).max(4320)))).default([1080, 720, 360]),
    ZOOMHLS_MAX_ATTEMPTS: positiveInt.max(100).default(5),
    ZOOMHLS_LEASE_SECONDS: positiveInt.min(5).max(3600).default(60),
    ZOOMHLS_SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(3600).default(30),
    ZOOMHLS_WORKER_CONCURRENCY: positiveInt.max(16).default(1),
    ZOOMHLS_TIMEZONE: z
      .string()
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'must be an IANA time zone such as Europe/Madrid')
      .default(Intl.DateTimeFormat().resolvedOptions().timeZone),
    ZOOMHLS_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  });

/**
 * Rules across variables. They run on the raw values even when single values are invalid, so
 * one error lists every problem.
 */
export function crossFieldProblems(raw: Record<string, string | undefined>): Array<{ name: string; message: string }> {
  const out: Array<{ name: string; message: string }> = [];
  const add = (name: string, message: string) => out.push({ name, message });
  const truthy = (v: string | undefined) => v !== undefined && ['true', '1', 'yes'].includes(v);
  if (raw['ZOOMHLS_STORAGE'] === 's3') {
    if (!raw['ZOOMHLS_S3_BUCKET']) add('ZOOMHLS_S3_BUCKET', 'is required when ZOOMHLS_STORAGE=s3');
    if (!raw['ZOOMHLS_S3_REGION']) add('ZOOMHLS_S3_REGION', 'is required when ZOOMHLS_STORAGE=s3');
    if (!raw['ZOOMHLS_CDN_BASE_URL']) {
      add('ZOOMHLS_CDN_BASE_URL', 'is required when ZOOMHLS_STORAGE=s3 (the CloudFront URL, e.g. https://media.example.edu)');
    }
  }
  if (raw['ZOOMHLS_S3_ENDPOINT'] && truthy(raw['ZOOMHLS_S3_ACCELERATE'])) {
    add('ZOOMHLS_S3_ACCELERATE', 'cannot be true with ZOOMHLS_S3_ENDPOINT (S3-compatible servers have no acceleration endpoint)');
  }
  if (truthy(raw['ZOOMHLS_S3_ACCELERATE']) && raw['ZOOMHLS_S3_BUCKET']?.includes('.')) {
    add('ZOOMHLS_S3_ACCELERATE', 'cannot be used with a bucket name containing dots (AWS refuses it); set it to false');
  }
  if (Boolean(raw['ZOOMHLS_CLOUDFRONT_KEY_PAIR_ID']) !== Boolean(raw['ZOOMHLS_CLOUDFRONT_PRIVATE_KEY_FILE'])) {
    add('ZOOMHLS_CLOUDFRONT_KEY_PAIR_ID', 'and ZOOMHLS_CLOUDFRONT_PRIVATE_KEY_FILE must be set together');
  }
  if (raw['ZOOMHLS_WATERMARK_TEXT'] && raw['ZOOMHLS_WATERMARK_IMAGE']) {
    add('ZOOMHLS_WATERMARK_IMAGE', 'and ZOOMHLS_WATERMARK_TEXT are exclusive; choose one');
  }
  return out;
}

export type Env = z.infer<typeof envSchema>;

/** Variables whose values never leave the process (masked in `zoomhls status`, never logged). */
export const SECRET_VARIABLES = [
  'ZOOMHLS_MOODLE_DATABASE_URL',
  'ZOOMHLS_MOODLE_SECRET',
  'ZOOMHLS_ZOOM_CLIENT_SECRET',
  'ZOOMHLS_ZOOM_WEBHOOK_SECRET',
  'ZOOMHLS_COURSE_KEY_SECRET',
] as const;
