/**
 * One error family for the whole sidecar. Every error has a stable `code` (documented in
 * docs/errors.md), keeps its `cause`, and its message ends with a hint that tells the reader
 * what to do next. Messages are built here only, so wording stays consistent.
 */

export const ERROR_CODES = {
  CONFIG_INVALID: { status: 500, retryable: false, hint: 'Fix the listed ZOOMHLS_* variables and start again.' },
  MEDIA_UNREADABLE: { status: 422, retryable: false, hint: 'Check that the path exists and is readable by the sidecar user.' },
  MEDIA_INVALID: { status: 422, retryable: false, hint: 'The file is not a playable recording (empty, truncated or not audio/video); re-download it from Zoom.' },
  FFMPEG_MISSING: { status: 500, retryable: false, hint: 'Install ffmpeg (Debian/Ubuntu: `apt-get install ffmpeg`, macOS: `brew install ffmpeg`) or put it on PATH.' },
  FFMPEG_FAILED: { status: 500, retryable: true, hint: 'See the stderr tail above; the job will be retried.' },
  STORAGE_FAILED: { status: 503, retryable: true, hint: 'Check the S3 bucket, endpoint and credentials (`zoomhls status`); the job will be retried.' },
  DOWNLOAD_FAILED: { status: 502, retryable: true, hint: 'The source could not be downloaded; the job will be retried.' },
  PUBLISH_FAILED: { status: 500, retryable: true, hint: 'Check that ZOOMHLS_REPOSITORY_DIR exists and is writable.' },
  LEASE_LOST: { status: 409, retryable: true, hint: 'Another worker took over this job after its lease expired; nothing to do.' },
  ZOOM_UNAVAILABLE: { status: 502, retryable: true, hint: 'Zoom could not be reached or answered with an error; it will be tried again.' },
  ZOOM_AUTH_FAILED: { status: 502, retryable: false, hint: 'Check ZOOMHLS_ZOOM_ACCOUNT_ID, _CLIENT_ID and _CLIENT_SECRET of the Server-to-Server OAuth app, and its scopes (README "Zoom").' },
  ZOOM_RATE_LIMITED: { status: 503, retryable: true, hint: 'Zoom asked us to slow down; the next sync continues where this one stopped.' },
  WEBHOOK_REFUSED: { status: 401, retryable: false, hint: 'Check that ZOOMHLS_ZOOM_WEBHOOK_SECRET matches the Secret Token of the Zoom app.' },
  NOT_FOUND: { status: 404, retryable: false, hint: 'Check the id with `zoomhls status`.' },
  INVALID_STATE: { status: 409, retryable: false, hint: 'Only failed jobs can be retried; see `zoomhls status`.' },
  ACCESS_NOT_CONFIGURED: { status: 403, retryable: false, hint: 'Set ZOOMHLS_MOODLE_SECRET (and, with S3, ZOOMHLS_CLOUDFRONT_KEY_PAIR_ID and ZOOMHLS_CLOUDFRONT_PRIVATE_KEY_FILE) on the sidecar and the same secret in the plugin settings.' },
  ACCESS_TOKEN_INVALID: { status: 401, retryable: false, hint: 'The plugin must send a fresh HS256 token signed with the shared secret (check that both sides have the same secret and synchronised clocks).' },
  ACCESS_TOKEN_REPLAYED: { status: 401, retryable: false, hint: 'Each token is single use; the plugin must make a new one (new jti) for every call.' },
  ACCESS_ISSUER_DENIED: { status: 403, retryable: false, hint: "Add the Moodle site's origin (scheme://host[:port]) to ZOOMHLS_MOODLE_ORIGINS." },
  ACCESS_SCOPE_INVALID: { status: 400, retryable: false, hint: 'The scope claim must be `site`, `course:<id> …` or `video:<videoKey>` (one kind per token).' },
  ACCESS_SCOPE_DENIED: { status: 403, retryable: false, hint: 'This endpoint needs a token with scope `site`.' },
  SIGNING_KEY_INVALID: { status: 500, retryable: false, hint: 'Create a key with `zoomhls keys --generate` (RSA-2048 or ECDSA P-256, unencrypted PEM) and point ZOOMHLS_CLOUDFRONT_PRIVATE_KEY_FILE at it.' },
  INTERNAL: { status: 500, retryable: true, hint: 'This is a bug; please report it with the log lines around it.' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class ZoomhlsError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(`${message} — ${ERROR_CODES[code].hint}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ZoomhlsError';
    this.code = code;
    this.details = options.details ?? {};
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  get retryable(): boolean {
    return ERROR_CODES[this.code].retryable;
  }
}

/** Wraps anything thrown into the family, keeping the original as `cause`. */
export function toZoomhlsError(error: unknown, fallback: ErrorCode = 'INTERNAL'): ZoomhlsError {
  if (error instanceof ZoomhlsError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ZoomhlsError(fallback, message, { cause: error });
}
