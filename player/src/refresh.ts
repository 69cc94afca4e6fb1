import type { RefreshConfig } from './config.js';

/** Outcome of asking Moodle for fresh CloudFront cookies (contract "Plugin → player bundle"). */
export const RefreshOutcome = {
  OK: 'ok',
  DENIED: 'denied',
  SESSION_ENDED: 'session-ended',
  FAILED: 'failed',
} as const;
export type RefreshOutcome = (typeof RefreshOutcome)[keyof typeof RefreshOutcome];

export const REFRESH_METHOD = 'local_zoomhls_refresh_access';

/** Moodle error codes meaning "the session is gone; log in again". */
const SESSION_ERROR_CODES = new Set(['servicerequireslogin', 'requireloginerror', 'invalidsesskey']);

function errorCodeOf(value: unknown): string | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (typeof v['errorcode'] === 'string') return v['errorcode'];
  const exception = v['exception'];
  if (exception && typeof exception === 'object' && typeof (exception as Record<string, unknown>)['errorcode'] === 'string') {
    return (exception as Record<string, string>)['errorcode']!;
  }
  return null;
}

/**
 * Reads Moodle's lib/ajax/service.php answer. Success is `[{"error":false,"data":{"ok":true,...}}]`;
 * a failed call is `[{"error":true,"exception":{"errorcode":...}}]`; a failure before any call ran
 * (bad sesskey, not logged in) is `{"error":"...","errorcode":...}`.
 */
export function classifyRefreshResponse(status: number, body: unknown): RefreshOutcome {
  const first = Array.isArray(body) ? body[0] : body;
  const code = errorCodeOf(first);
  if (code && SESSION_ERROR_CODES.has(code)) return RefreshOutcome.SESSION_ENDED;
  if (status < 200 || status >= 300 || !first || typeof first !== 'object') return RefreshOutcome.FAILED;
  const call = first as Record<string, unknown>;
  if (call['error'] !== false) return RefreshOutcome.FAILED;
  const data = call['data'] as Record<string, unknown> | undefined;
  if (data && data['ok'] === true) return RefreshOutcome.OK;
  if (data && data['ok'] === false) return RefreshOutcome.DENIED;
  return RefreshOutcome.FAILED;
}

/** POSTs the refresh call; the answer's Set-Cookie headers renew the (HttpOnly) CloudFront cookies. */
export async function requestRefresh(refresh: RefreshConfig, fetchImpl: typeof fetch = fetch): Promise<RefreshOutcome> {
  try {
    const response = await fetchImpl(refresh.url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify([{ index: 0, methodname: REFRESH_METHOD, args: { courseid: refresh.courseId } }]),
    });
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    return classifyRefreshResponse(response.status, body);
  } catch {
    return RefreshOutcome.FAILED;
  }
}
