import express, { type Router } from 'express';
import type { Logger } from 'pino';
import type { Db, RecordingRow, RecordingStore } from '../db/index.js';
import { ZoomhlsError } from '../errors.js';
import {
  bucketedExpiry,
  cookiePathFor,
  mintCookieSet,
  parseScopeClaim,
  type AccessCookie,
  type CookieSettings,
  type CookieSigner,
  type Scope,
} from '../signing/index.js';
import { courseFolder, courseKey, videoFolder } from '../pipeline/keys.js';
import type { AccessClaims, AccessTokenVerifier } from './access-token.js';

export interface AccessDeps {
  verifier: AccessTokenVerifier;
  /** Undefined when no CloudFront key is configured for S3 storage: minting is refused. */
  signer: CookieSigner | undefined;
  cookies: CookieSettings;
  /** ZOOMHLS_S3_PREFIX (also used for local storage keys). */
  prefix: string;
  courseKeySecret: string;
  now?: () => number;
}

/** Fields of a recording the plugin's status page may see (never download URLs, tokens or paths on disk). */
const PUBLIC_FIELDS = [
  'id', 'course_id', 'topic', 'start_time', 'duration_seconds', 'state', 'attempts', 'max_attempts',
  'last_error_code', 'last_error', 'next_attempt_at', 'created_at', 'updated_at', 'published_at',
] as const;

/**
 * `POST /v1/access` (signed cookies for one Moodle user), and the plugin's status page calls
 * `GET /v1/recordings` and `POST /v1/recordings/:id/retry` (scope `site`). DESIGN §3.3.
 */
export function accessRoutes(deps: AccessDeps, db: Db, store: RecordingStore, logger: Logger): Router {
  const router = express.Router();
  const now = deps.now ?? Date.now;
  const authenticate = (authorization: string | undefined) => deps.verifier.verify(authorization);
  const requireSite = (claims: AccessClaims) => {
    if (claims.scope.trim() !== 'site') throw new ZoomhlsError('ACCESS_SCOPE_DENIED', 'This endpoint needs a token with scope site');
  };

  router.post('/v1/access', express.json({ limit: '1kb' }), async (req, res) => {
    const claims = await authenticate(req.headers.authorization);
    if (!deps.signer) {
      throw new ZoomhlsError('ACCESS_NOT_CONFIGURED', 'No CloudFront key is configured for S3 storage (ZOOMHLS_CLOUDFRONT_KEY_PAIR_ID)');
    }
    const scopes = parseScopeClaim(claims.scope);
    if (!scopes) throw new ZoomhlsError('ACCESS_SCOPE_INVALID', 'Token scope is malformed');
    const nowSeconds = Math.floor(now() / 1000);
    const expiresAt = bucketedExpiry(nowSeconds, deps.cookies.ttlSeconds, deps.cookies.bucketSeconds);
    const cookies: AccessCookie[] = [];
    for (const scope of scopes) {
      const folder = await folderOf(scope);
      cookies.push(...mintCookieSet(deps.signer, deps.cookies, cookiePathFor(deps.cookies.cdnBaseUrl, folder), expiresAt, nowSeconds));
    }
    logger.info({ iss: claims.iss, sub: claims.sub, scope: claims.scope.slice(0, 200), expiresAt }, 'access cookies minted');
    res.setHeader('Cache-Control', 'no-store');
    res.json({ expiresAt, cookies });
  });

  router.get('/v1/recordings', async (req, res) => {
    requireSite(await authenticate(req.headers.authorization));
    const course = req.query['course'];
    const limit = Math.min(Math.max(Number(req.query['limit'] ?? 100) || 100, 1), 500);
    let q = db.knex<RecordingRow>('zoom_recordings').select(...PUBLIC_FIELDS).orderBy('id', 'desc').limit(limit);
    if (course !== undefined) {
      if (typeof course !== 'string' || !/^[1-9]\d{0,17}$/.test(course)) {
        throw new ZoomhlsError('ACCESS_SCOPE_INVALID', 'course must be a Moodle course id');
      }
      q = q.where({ course_id: Number(course) });
    }
    const rows = (await q) as Array<Record<string, unknown>>;
    res.setHeader('Cache-Control', 'no-store');
    res.json({ recordings: rows.map(numeric) });
  });

  router.post('/v1/recordings/:id/retry', async (req, res) => {
    requireSite(await authenticate(req.headers.authorization));
    const id = Number(req.params['id']);
    if (!Number.isSafeInteger(id) || id <= 0) throw new ZoomhlsError('NOT_FOUND', `No recording with id ${String(req.params['id']).slice(0, 40)}`);
    const row = await store.retry(id);
    res.json({ recording: numeric(Object.fromEntries(PUBLIC_FIELDS.map((f) => [f, row[f]]))) });
  });

  async function folderOf(scope: Scope): Promise<string> {
    if (scope.kind === 'site') return '';
    if (scope.kind === 'course') return courseFolder(deps.prefix, courseKey(deps.courseKeySecret, scope.courseId));
    const row = (await db.knex('zoom_recordings').where({ video_key: scope.videoKey }).first('course_key')) as { course_key: string | null } | undefined;
    if (!row?.course_key) throw new ZoomhlsError('ACCESS_SCOPE_INVALID', 'Token scope names an unknown video');
    return videoFolder(deps.prefix, row.course_key, scope.videoKey);
  }

  return router;
}

/** mysql2 may return BIGINT columns as strings; the plugin gets numbers. */
function numeric(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    out[k] = typeof v === 'string' && k !== 'topic' && k !== 'state' && k !== 'last_error' && k !== 'last_error_code' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
  }
  return out;
}
