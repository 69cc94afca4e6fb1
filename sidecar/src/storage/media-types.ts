import path from 'node:path';

/** Content-Type and Cache-Control for every object we publish (DESIGN §3.4). */
export interface ObjectMeta {
  contentType: string;
  cacheControl: string;
}

const TYPES: Record<string, string> = {
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.ts': 'video/mp2t',
  '.aac': 'audio/aac',
  '.m4s': 'video/mp4',
  '.mp4': 'video/mp4',
  '.m4a': 'audio/mp4',
  '.vtt': 'text/vtt; charset=utf-8',
  '.json': 'application/json',
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
};

// Segments never change once written (a re-encode writes them under a new video key), so
// caches may keep them for a year. Playlists can gain a subtitle track later: keep them short.
const IMMUTABLE = 'public, max-age=31536000, immutable';
const SHORT = 'public, max-age=60';

export function objectMetaFor(key: string): ObjectMeta {
  const ext = path.posix.extname(key).toLowerCase();
  const contentType = TYPES[ext] ?? 'application/octet-stream';
  const cacheControl = ext === '.m3u8' ? SHORT : IMMUTABLE;
  return { contentType, cacheControl };
}
