import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { ZoomhlsError } from '../errors.js';

/** Streams a URL to a file (redirects followed). Credentials go only in headers, never in logs. */
export async function downloadToFile(
  url: string,
  dest: string,
  options: { signal?: AbortSignal; headers?: Record<string, string> } = {},
): Promise<number> {
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'follow', headers: options.headers, signal: options.signal ?? null });
  } catch (cause) {
    throw new ZoomhlsError('DOWNLOAD_FAILED', `Cannot download ${redact(url)}`, { cause });
  }
  if (!response.ok || !response.body) {
    const retryable = response.status >= 500 || response.status === 429;
    throw new ZoomhlsError(retryable ? 'DOWNLOAD_FAILED' : 'MEDIA_UNREADABLE', `Download of ${redact(url)} answered HTTP ${response.status}`);
  }
  try {
    await pipeline(Readable.fromWeb(response.body as never), fs.createWriteStream(dest));
  } catch (cause) {
    throw new ZoomhlsError('DOWNLOAD_FAILED', `Download of ${redact(url)} broke off`, { cause });
  }
  return fs.statSync(dest).size;
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
