import { ZoomhlsError } from '../errors.js';
import type { ZoomAuth } from './oauth.js';
import type { ZoomMeeting } from './types.js';

export interface ZoomApiOptions {
  auth: ZoomAuth;
  /** Configured API base (`ZOOMHLS_ZOOM_API_URL`); the token's regional `api_url` wins. */
  apiUrl: string;
  maxRetries?: number;
  /** Longest single wait for a 429 before giving up on this call (the sweep retries later). */
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Meeting UUIDs that start with `/` or contain `//` must be double-encoded in paths (Zoom's rule). */
export function encodeMeetingUuid(uuid: string): string {
  const once = encodeURIComponent(uuid);
  return uuid.startsWith('/') || uuid.includes('//') ? encodeURIComponent(once) : once;
}

/**
 * Zoom REST calls: Bearer token only in the Authorization header; a 401 refreshes the token
 * once; 429 waits as `Retry-After` says (or backs off exponentially) and tries again.
 */
export class ZoomApi {
  requests = 0;

  constructor(private readonly options: ZoomApiOptions) {}

  async request<T>(method: 'GET' | 'DELETE' | 'PATCH', path: string, query: Record<string, string | undefined> = {}): Promise<T> {
    const maxRetries = this.options.maxRetries ?? 6;
    const sleep = this.options.sleep ?? defaultSleep;
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const token = await this.options.auth.accessToken();
      const url = new URL(`${this.options.auth.apiUrl ?? this.options.apiUrl}${path}`);
      for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, v);
      let response: Response;
      try {
        this.requests++;
        response = await fetch(url, { method, headers: { authorization: `Bearer ${token}` } });
      } catch (cause) {
        if (attempt < maxRetries) {
          await sleep(backoffMs(attempt));
          continue;
        }
        throw new ZoomhlsError('ZOOM_UNAVAILABLE', `Cannot reach the Zoom API (${method} ${path})`, { cause });
      }
      if (response.status === 401 && !refreshed) {
        await response.body?.cancel();
        this.options.auth.invalidate(token);
        refreshed = true;
        continue;
      }
      if ((response.status === 429 || response.status >= 500) && attempt < maxRetries) {
        await response.body?.cancel();
        const wait = retryAfterMs(response.headers) ?? backoffMs(attempt);
        if (wait > (this.options.maxWaitMs ?? 60_000)) {
          throw new ZoomhlsError('ZOOM_RATE_LIMITED', `Zoom's rate limit (${response.headers.get('x-ratelimit-type') ?? 'unknown'}) asks to wait ${Math.round(wait / 1000)} s`);
        }
        await sleep(wait);
        continue;
      }
      if (response.status === 204) return undefined as T;
      const text = await response.text();
      if (!response.ok) {
        const code = response.status === 401 ? 'ZOOM_AUTH_FAILED' : response.status === 429 ? 'ZOOM_RATE_LIMITED' : 'ZOOM_UNAVAILABLE';
        throw new ZoomhlsError(code, `Zoom answered ${response.status} to ${method} ${path}: ${text.slice(0, 200)}`);
      }
      return (text ? JSON.parse(text) : undefined) as T;
    }
  }

  /**
   * One page of cloud recordings of a user (`me`, id or email) or of the whole account.
   * Zoom allows at most one month between `from` and `to` (yyyy-mm-dd).
   */
  async listRecordings(o: { user?: string; from: string; to: string; nextPageToken?: string }) {
    const path = o.user ? `/users/${encodeURIComponent(o.user)}/recordings` : '/accounts/me/recordings';
    return this.request<{ meetings?: ZoomMeeting[]; next_page_token?: string }>('GET', path, {
      from: o.from,
      to: o.to,
      page_size: '300',
      next_page_token: o.nextPageToken || undefined,
    });
  }

  async userEmail(userId: string): Promise<string | undefined> {
    const user = await this.request<{ email?: string }>('GET', `/users/${encodeURIComponent(userId)}`);
    return user?.email;
  }

  /** Moves a meeting's cloud recordings to the trash, or deletes them for good. */
  async deleteRecordings(meetingUuid: string, action: 'trash' | 'delete'): Promise<void> {
    await this.request('DELETE', `/meetings/${encodeMeetingUuid(meetingUuid)}/recordings`, { action });
  }
}

export function retryAfterMs(headers: Headers): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function backoffMs(attempt: number): number {
  return Math.min(250 * 2 ** attempt, 8000) + Math.floor(Math.random() * 100);
}
