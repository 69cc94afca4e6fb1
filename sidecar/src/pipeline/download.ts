import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { ZoomhlsError } from '../errors.js';

export interface DownloadOptions {
  signal?: AbortSignal;
  /** Sent on every request (Authorization: Bearer …); fetch drops it on cross-origin redirects. */
  headers?: Record<string, string>;
  /** Zoom's `file_size`: the download must end with exactly this many bytes. */
  expectedSize?: number | null;
  /** How many times a broken connection is resumed with Range. */
  maxResumes?: number;
  onBytes?: (total: number) => void;
}

/**
 * Streams a URL to a file, following redirects (Zoom answers with a redirect to a signed
 * storage URL). A connection that breaks is resumed with `Range` from the bytes already on
 * disk; a server that ignores Range makes us start over. Tokens live in headers only, never in
 * URLs or messages.
 */
export async function downloadToFile(url: string, dest: string, options: DownloadOptions = {}): Promise<number> {
  const maxResumes = options.maxResumes ?? 5;
  await fsp.rm(dest, { force: true });
  let lastError: unknown;
  for (let attempt = 0; attempt <= maxResumes; attempt++) {
    const have = fs.existsSync(dest) ? fs.statSync(dest).size : 0;
    if (options.expectedSize && have === options.expectedSize) break;
    const headers: Record<string, string> = { ...options.headers };
    if (have > 0) headers['range'] = `bytes=${have}-`;
    let response: Response;
    try {
      response = await fetch(url, { redirect: 'follow', headers, signal: options.signal ?? null });
    } catch (cause) {
      if (options.signal?.aborted) throw cause;
      lastError = cause;
      continue;
    }
    if (response.status === 416 && have > 0) break; // nothing left to fetch
    if (!response.ok || !response.body) {
      const retryable = response.status >= 500 || response.status === 429;
      await response.body?.cancel();
      throw new ZoomhlsError(
        retryable ? 'DOWNLOAD_FAILED' : 'MEDIA_UNREADABLE',
        `Download of ${redact(url)} answered HTTP ${response.status}`,
      );
    }
    const append = have > 0 && response.status === 206;
    const out = fs.createWriteStream(dest, { flags: append ? 'a' : 'w' });
    try {
      await pipeline(Readable.fromWeb(response.body as never), out);
      lastError = undefined;
      if (!options.expectedSize) break;
    } catch (cause) {
      if (options.signal?.aborted) throw cause;
      lastError = cause; // broken off: resume from what is on disk
    } finally {
      // A write already under way when the connection broke lands before 'close': only then
      // is the file's size the offset to resume from.
      if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
    }
    options.onBytes?.(fs.existsSync(dest) ? fs.statSync(dest).size : 0);
  }
  const size = fs.existsSync(dest) ? fs.statSync(dest).size : 0;
  if (lastError && (!options.expectedSize || size !== options.expectedSize)) {
    throw new ZoomhlsError('DOWNLOAD_FAILED', `Download of ${redact(url)} broke off after ${size} bytes and could not be resumed`, { cause: lastError });
  }
  if (options.expectedSize && size !== options.expectedSize) {
    throw new ZoomhlsError('DOWNLOAD_FAILED', `Download of ${redact(url)} has ${size} bytes; Zoom announced ${options.expectedSize}`);
  }
  return size;
}

/** URLs may carry tokens in their query (Zoom's access_token): keep them out of messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    for (const key of [...u.searchParams.keys()]) u.searchParams.set(key, '…');
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return '<invalid url>';
  }
}
