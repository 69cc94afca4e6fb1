/**
 * A Zoom emulator built from Zoom's documented shapes, for tests (no network to zoom.us here):
 * - POST /oauth/token — Server-to-Server OAuth (`grant_type=account_credentials`, Basic auth);
 *   tokens expire (configurable TTL) and can be revoked to provoke a 401.
 * - GET /v2/users/{userId}/recordings, GET /v2/accounts/me/recordings — paging with
 *   `next_page_token`, `from`/`to` dates, at most one month apart (else 400, code 300).
 * - GET /v2/users/{userId}, DELETE /v2/meetings/{meetingUUID}/recordings?action=trash|delete.
 * - GET /rec/download/{fileId} — Bearer (OAuth token or the event's download_token) → 302 to a
 *   signed URL that supports Range and can be told to break off half-way once.
 * - 429 storms with Retry-After and X-RateLimit-Type.
 * - A webhook sender that signs `v0:{ts}:{body}` with HMAC-SHA256 as Zoom does.
 * Only node:http and node:crypto: it runs wherever the tests run.
 */
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EmulatedFile {
  id?: string;
  fileType: 'MP4' | 'M4A' | 'TRANSCRIPT' | 'CC' | 'CHAT';
  recordingType: string;
  /** Local file served as the download. */
  path: string;
  start: string;
  end: string;
  status?: 'completed' | 'processing';
}

export interface EmulatedMeeting {
  uuid?: string;
  id?: number;
  topic: string;
  hostId?: string;
  hostEmail?: string;
  startTime: string;
  files: EmulatedFile[];
}

interface StoredMeeting {
  uuid: string;
  id: number;
  topic: string;
  hostId: string;
  hostEmail: string;
  startTime: string;
  files: Array<EmulatedFile & { id: string }>;
}

export class ZoomEmulator {
  readonly accountId = 'emuAccount123';
  readonly clientId = 'emuClientId';
  readonly clientSecret = 'emuClientSecret';
  readonly webhookSecret: string;
  tokenTtlSeconds: number;
  /** Whether token answers carry a regional api_url (as Zoom does). */
  giveApiUrl = true;
  baseUrl = '';
  private server: http.Server | undefined;
  private readonly tokens = new Map<string, number>();
  private readonly downloadTokens = new Set<string>();
  private readonly meetings: StoredMeeting[] = [];
  private rateLimited = 0;
  private retryAfterSeconds = 1;
  private readonly cuts = new Map<string, number>();
  readonly log: Array<{ method: string; path: string; status: number; range?: string }> = [];
  readonly deletions: Array<{ rawUuid: string; action: string }> = [];
  tokenRequests = 0;

  constructor(options: { webhookSecret?: string; tokenTtlSeconds?: number } = {}) {
    this.webhookSecret = options.webhookSecret ?? 'emuWebhookSecret';
    this.tokenTtlSeconds = options.tokenTtlSeconds ?? 3600;
  }

  get oauthUrl(): string {
    return `${this.baseUrl}/oauth/token`;
  }

  get apiUrl(): string {
    return `${this.baseUrl}/v2`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 500, message: String(error) }));
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  addMeeting(m: EmulatedMeeting): StoredMeeting {
    const stored: StoredMeeting = {
      uuid: m.uuid ?? `${randomBytes(16).toString('base64')}`,
      id: m.id ?? 80000000000 + this.meetings.length,
      topic: m.topic,
      hostId: m.hostId ?? 'hostAAA111',
      hostEmail: m.hostEmail ?? 'teacher@example.edu',
      startTime: m.startTime,
      files: m.files.map((f) => ({ ...f, id: f.id ?? randomBytes(8).toString('hex') })),
    };
    this.meetings.push(stored);
    return stored;
  }

  /** The meeting as Zoom documents it in `payload.object` and in list answers. */
  meetingObject(uuid: string, only?: Array<EmulatedFile['fileType']>): Record<string, unknown> {
    const m = this.meetings.find((x) => x.uuid === uuid);
    if (!m) throw new Error(`no meeting ${uuid}`);
    const files = m.files.filter((f) => !only || only.includes(f.fileType));
    return {
      uuid: m.uuid,
      id: m.id,
      account_id: this.accountId,
      host_id: m.hostId,
      host_email: m.hostEmail,
      topic: m.topic,
      type: 2,
      start_time: m.startTime,
      timezone: 'UTC',
      duration: 60,
      total_size: files.reduce((n, f) => n + fs.statSync(f.path).size, 0),
      recording_count: files.length,
      share_url: `${this.baseUrl}/rec/share/${m.id}`,
      recording_files: files.map((f) => ({
        id: f.id,
        meeting_id: m.uuid,
        recording_start: f.start,
        recording_end: f.end,
        file_type: f.fileType,
        file_extension: f.fileType === 'TRANSCRIPT' || f.fileType === 'CC' ? 'VTT' : f.fileType,
        file_size: fs.statSync(f.path).size,
        play_url: `${this.baseUrl}/rec/play/${f.id}`,
        download_url: `${this.baseUrl}/rec/download/${f.id}`,
        status: f.status ?? 'completed',
        recording_type: f.recordingType,
      })),
    };
  }

  setFileStatus(fileId: string, status: 'completed' | 'processing'): void {
    for (const m of this.meetings) for (const f of m.files) if (f.id === fileId) f.status = status;
  }

  /** The next `count` API calls answer 429 with Retry-After. */
  rateLimit(count: number, retryAfterSeconds = 1): void {
    this.rateLimited = count;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The next download of this file breaks off after `bytes` bytes. */
  cutDownloadOnce(fileId: string, bytes: number): void {
    this.cuts.set(fileId, bytes);
  }

  /** Invalidates every issued OAuth token (as when one expires early): the next call gets 401. */
  revokeTokens(): void {
    this.tokens.clear();
  }

  newDownloadToken(): string {
    const t = `dl_${randomBytes(12).toString('hex')}`;
    this.downloadTokens.add(t);
    return t;
  }

  /** Builds and sends a webhook event exactly as Zoom signs it. */
  async sendWebhook(
    url: string,
    event: string,
    payload: Record<string, unknown>,
    o: { secret?: string; timestampSeconds?: number; downloadToken?: string; rawBody?: string } = {},
  ): Promise<Response> {
    const body =
      o.rawBody ??
      JSON.stringify({ event, event_ts: Date.now(), payload: { account_id: this.accountId, ...payload }, ...(o.downloadToken ? { download_token: o.downloadToken } : {}) });
    const ts = String(o.timestampSeconds ?? Math.floor(Date.now() / 1000));
    const signature = `v0=${createHmac('sha256', o.secret ?? this.webhookSecret).update(`v0:${ts}:${body}`).digest('hex')}`;
    return fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-zm-request-timestamp': ts, 'x-zm-signature': signature, 'user-agent': 'Zoom Marketplace/1.0a' },
      body,
    });
  }

  private record(req: http.IncomingMessage, status: number): void {
    this.log.push({ method: req.method ?? '', path: req.url ?? '', status, ...(req.headers.range ? { range: req.headers.range } : {}) });
  }

  private json(req: http.IncomingMessage, res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    this.record(req, status);
    res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const auth = req.headers.authorization ?? '';

    if (req.method === 'POST' && url.pathname === '/oauth/token') {
      this.tokenRequests++;
      const expected = `Basic ${Buffer.from(`${this.clientId}:${this.clientSecret}`).toString('base64')}`;
      if (auth !== expected) return this.json(req, res, 400, { reason: 'Invalid client_id or client_secret', error: 'invalid_client' });
      if (url.searchParams.get('grant_type') !== 'account_credentials' || url.searchParams.get('account_id') !== this.accountId) {
        return this.json(req, res, 400, { reason: 'Invalid grant type or account', error: 'invalid_request' });
      }
      const token = `emu_${randomBytes(16).toString('hex')}`;
      this.tokens.set(token, Date.now() + this.tokenTtlSeconds * 1000);
      return this.json(req, res, 200, {
        access_token: token,
        token_type: 'bearer',
        expires_in: this.tokenTtlSeconds,
        scope: 'cloud_recording:read:list_user_recordings:admin cloud_recording:read:list_account_recordings:admin',
        ...(this.giveApiUrl ? { api_url: this.baseUrl } : {}),
      });
    }

    if (url.pathname.startsWith('/v2/')) {
      const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
      const expiry = this.tokens.get(token);
      if (!expiry || expiry < Date.now()) return this.json(req, res, 401, { code: 124, message: 'Invalid access token.' });
      if (this.rateLimited > 0) {
        this.rateLimited--;
        return this.json(req, res, 429, { code: 429, message: "You have reached the maximum per-second rate limit for this API. Try again later." }, {
          'retry-after': String(this.retryAfterSeconds),
          'x-ratelimit-type': 'QPS',
          'x-ratelimit-limit': '10',
          'x-ratelimit-remaining': '0',
        });
      }
      return this.api(req, res, url);
    }

    const download = /^\/rec\/download\/([^/]+)$/.exec(url.pathname);
    if (download && req.method === 'GET') {
      const bearer = auth.startsWith('Bearer ') ? auth.slice(7) : (url.searchParams.get('access_token') ?? '');
      const valid = (this.tokens.get(bearer) ?? 0) > Date.now() || this.downloadTokens.has(bearer);
      if (!valid) return this.json(req, res, 401, { code: 124, message: 'Invalid access token.' });
      const sig = createHmac('sha256', this.clientSecret).update(download[1]!).digest('hex');
      this.record(req, 302);
      res.writeHead(302, { location: `${this.baseUrl}/signed/${download[1]}?signature=${sig}` });
      res.end();
      return;
    }

    const signed = /^\/signed\/([^/]+)$/.exec(url.pathname);
    if (signed && req.method === 'GET') {
      const fileId = signed[1]!;
      // A signed storage URL: no Authorization header must be needed (or sent) here.
      if (url.searchParams.get('signature') !== createHmac('sha256', this.clientSecret).update(fileId).digest('hex')) {
        return this.json(req, res, 403, { message: 'bad signature' });
      }
      const file = this.meetings.flatMap((m) => m.files).find((f) => f.id === fileId);
      if (!file) return this.json(req, res, 404, { code: 3301, message: 'This recording does not exist.' });
      const data = fs.readFileSync(file.path);
      let start = 0;
      let end = data.length - 1;
      const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
      if (range) {
        start = Number(range[1]);
        end = range[2] ? Number(range[2]) : end;
        if (start >= data.length) {
          this.record(req, 416);
          res.writeHead(416, { 'content-range': `bytes */${data.length}` });
          res.end();
          return;
        }
      }
      const status = range ? 206 : 200;
      this.record(req, status);
      res.writeHead(status, {
        'content-type': file.fileType === 'TRANSCRIPT' || file.fileType === 'CC' ? 'text/vtt' : 'video/mp4',
        'content-length': String(end - start + 1),
        'accept-ranges': 'bytes',
        ...(range ? { 'content-range': `bytes ${start}-${end}/${data.length}` } : {}),
      });
      const cut = this.cuts.get(fileId);
      if (cut !== undefined) {
        this.cuts.delete(fileId);
        res.write(data.subarray(start, start + cut), () => setTimeout(() => res.socket?.destroy(), 20));
        return;
      }
      res.end(data.subarray(start, end + 1));
      return;
    }

    return this.json(req, res, 404, { code: 404, message: 'Not found' });
  }

  private api(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    const list = /^\/v2\/(?:users\/([^/]+)|accounts\/me)\/recordings$/.exec(url.pathname);
    if (list && req.method === 'GET') {
      const user = list[1] ? decodeURIComponent(list[1]) : undefined;
      const from = url.searchParams.get('from') ?? new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      const to = url.searchParams.get('to') ?? new Date().toISOString().slice(0, 10);
      const fromMs = Date.parse(`${from}T00:00:00Z`);
      const toMs = Date.parse(`${to}T23:59:59Z`);
      const limit = new Date(`${from}T00:00:00Z`);
      limit.setUTCMonth(limit.getUTCMonth() + 1);
      if (Number.isNaN(fromMs) || Number.isNaN(toMs) || toMs < fromMs) return this.json(req, res, 400, { code: 300, message: 'Invalid date range' });
      if (toMs >= limit.getTime()) return this.json(req, res, 400, { code: 300, message: 'The date range must not exceed one month' });
      const pageSize = Math.min(300, Number(url.searchParams.get('page_size') ?? 30));
      const offset = Number(Buffer.from(url.searchParams.get('next_page_token') ?? '', 'base64url').toString() || 0);
      const matching = this.meetings.filter((m) => {
        const t = Date.parse(m.startTime);
        const mine = !user || user === 'me' || user === m.hostId || user.toLowerCase() === m.hostEmail.toLowerCase();
        return mine && t >= fromMs && t <= toMs;
      });
      const page = matching.slice(offset, offset + pageSize);
      const next = offset + pageSize < matching.length ? Buffer.from(String(offset + pageSize)).toString('base64url') : '';
      return this.json(req, res, 200, {
        from,
        to,
        page_count: Math.ceil(matching.length / pageSize),
        page_size: pageSize,
        total_records: matching.length,
        next_page_token: next,
        meetings: page.map((m) => this.meetingObject(m.uuid)),
      });
    }
    const userInfo = /^\/v2\/users\/([^/]+)$/.exec(url.pathname);
    if (userInfo && req.method === 'GET') {
      const id = decodeURIComponent(userInfo[1]!);
      const m = this.meetings.find((x) => x.hostId === id);
      if (!m) return this.json(req, res, 404, { code: 1001, message: 'User does not exist.' });
      return this.json(req, res, 200, { id, email: m.hostEmail, type: 2 });
    }
    const del = /^\/v2\/meetings\/([^/]+)\/recordings$/.exec(url.pathname);
    if (del && req.method === 'DELETE') {
      const action = url.searchParams.get('action') ?? 'trash';
      this.deletions.push({ rawUuid: del[1]!, action });
      this.record(req, 204);
      res.writeHead(204);
      res.end();
      return;
    }
    return this.json(req, res, 404, { code: 404, message: 'Not found' });
  }
}

/** Zoom's documented URL-validation example. */
export const ZOOM_URL_VALIDATION_EXAMPLE = {
  secret: 'secretValueTest',
  plainToken: 'qgg8vlvZRS6UYooatFL8Aw',
  encryptedToken: '70c1f2e2e6ca2d39297490d1f9142c7d701415ea8e6151f6562a08fa657a40ff',
};
