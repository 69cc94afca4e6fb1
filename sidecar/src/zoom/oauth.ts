import { ZoomhlsError } from '../errors.js';

export interface ZoomCredentials {
  accountId: string;
  clientId: string;
  clientSecret: string;
}

interface TokenAnswer {
  access_token: string;
  token_type: string;
  expires_in: number;
  api_url?: string;
}

/**
 * Server-to-Server OAuth (`grant_type=account_credentials`): one token, cached until 60 s before
 * it expires, shared by every caller; concurrent callers wait for the same request. Zoom's JWT
 * app type, which the original tool used, was switched off in September 2023.
 */
export class ZoomAuth {
  private token: { value: string; expiresAt: number; apiUrl: string | undefined } | undefined;
  private inflight: Promise<string> | undefined;
  tokenRequests = 0;

  constructor(
    private readonly credentials: ZoomCredentials,
    private readonly oauthUrl: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** The regional API base from the token answer, when Zoom gives one. */
  get apiUrl(): string | undefined {
    return this.token?.apiUrl;
  }

  async accessToken(): Promise<string> {
    if (this.token && this.now() < this.token.expiresAt - 60_000) return this.token.value;
    this.inflight ??= this.fetchToken().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /** Forgets the cached token (after a 401) so the next call fetches a new one. */
  invalidate(token: string): void {
    if (this.token?.value === token) this.token = undefined;
  }

  private async fetchToken(): Promise<string> {
    this.tokenRequests++;
    const url = new URL(this.oauthUrl);
    url.searchParams.set('grant_type', 'account_credentials');
    url.searchParams.set('account_id', this.credentials.accountId);
    const basic = Buffer.from(`${this.credentials.clientId}:${this.credentials.clientSecret}`).toString('base64');
    let response: Response;
    try {
      response = await fetch(url, { method: 'POST', headers: { authorization: `Basic ${basic}` } });
    } catch (cause) {
      throw new ZoomhlsError('ZOOM_UNAVAILABLE', `Cannot reach Zoom's token endpoint ${url.origin}`, { cause });
    }
    if (!response.ok) {
      const body = await response.text().catch(() => '');
      const code = response.status === 400 || response.status === 401 ? 'ZOOM_AUTH_FAILED' : 'ZOOM_UNAVAILABLE';
      throw new ZoomhlsError(code, `Zoom refused the Server-to-Server OAuth token request (HTTP ${response.status}: ${body.slice(0, 200)})`);
    }
    const answer = (await response.json()) as TokenAnswer;
    const apiUrl = answer.api_url ? `${answer.api_url.replace(/\/+$/, '')}/v2` : undefined;
    this.token = { value: answer.access_token, expiresAt: this.now() + answer.expires_in * 1000, apiUrl };
    return answer.access_token;
  }
}
