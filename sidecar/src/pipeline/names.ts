import path from 'node:path';

/**
 * Names that reach the file system come from Zoom (meeting topics) and must never escape their
 * folder or break Moodle's file picker: no separators, no control characters, no leading dots,
 * bounded length in bytes (most file systems allow 255 bytes per name).
 */
const MAX_TOPIC_BYTES = 150;

export function sanitiseTopic(topic: string): string {
  const cleaned = topic
    .normalize('NFC')
    // Control, format (bidi overrides, zero-width) and separator characters become spaces.
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ')
    // Characters that are path separators or forbidden on common file systems.
    .replace(/[/\\:*?"<>|]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    // No "..", no hidden files, no trailing dots (Windows drops them).
    .replace(/^[.\s-]+/, '')
    .replace(/[.\s]+$/, '');
  const bounded = truncateUtf8(cleaned, MAX_TOPIC_BYTES).trim();
  return bounded || 'Recording';
}

/** Cuts a string to at most `maxBytes` of UTF-8 without splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  let bytes = 0;
  let out = '';
  for (const ch of text) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > maxBytes) break;
    bytes += size;
    out += ch;
  }
  return out;
}

/** "2026-12-04 0930" in the site's time zone, sortable and safe in file names. */
export function formatStartTime(startTimeMs: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(startTimeMs))
      .map((p) => [p.type, p.value]),
  );
  return `${parts['year']}-${parts['month']}-${parts['day']} ${parts['hour']}${parts['minute']}`;
}

/** The course folder inside the repository directory. */
export function courseFolderName(courseId: number): string {
  if (!Number.isSafeInteger(courseId) || courseId <= 0) throw new Error(`invalid course id ${courseId}`);
  return `course-${courseId}`;
}

/** `<date time> <topic>.m3u8`, with ` (n)` before the extension for the nth name taken. */
export function playlistFileName(startTimeMs: number, topic: string, timeZone: string, n = 1): string {
  const suffix = n > 1 ? ` (${n})` : '';
  return `${formatStartTime(startTimeMs, timeZone)} ${sanitiseTopic(topic)}${suffix}.m3u8`;
}

/** Joins and proves the result is inside `root` (defence in depth behind sanitising). */
export function safeJoin(root: string, ...parts: string[]): string {
  const base = path.resolve(root);
  const full = path.resolve(base, ...parts);
  if (!full.startsWith(base + path.sep)) throw new Error(`path escapes ${base}: ${JSON.stringify(parts)}`);
  return full;
}
