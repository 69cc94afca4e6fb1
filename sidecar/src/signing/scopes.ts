/**
 * Token scopes and the folders they open (DESIGN §3.3, §3.4). `site` opens the whole CDN base
 * path; `course:<id>` opens `<prefix>/<courseKey>/`; `video:<videoKey>` opens
 * `<prefix>/<courseKey>/<videoKey>/`. One token carries one kind, so paths never overlap.
 */
export type Scope = { kind: 'site' } | { kind: 'course'; courseId: number } | { kind: 'video'; videoKey: string };

/** More sets than this would not fit in the browser's cookie budget for one host. */
export const MAX_SCOPES = 40;

/** Parses the `scope` claim; undefined when it is malformed, mixes kinds or names too many. */
export function parseScopeClaim(claim: unknown): Scope[] | undefined {
  if (typeof claim !== 'string') return undefined;
  const words = [...new Set(claim.trim().split(/\s+/).filter(Boolean))];
  if (words.length === 0 || words.length > MAX_SCOPES) return undefined;
  const scopes: Scope[] = [];
  for (const word of words) {
    if (word === 'site') scopes.push({ kind: 'site' });
    else if (/^course:[1-9]\d{0,17}$/.test(word)) {
      const courseId = Number(word.slice('course:'.length));
      if (!Number.isSafeInteger(courseId)) return undefined;
      scopes.push({ kind: 'course', courseId });
    } else if (/^video:[0-9a-f]{32}$/.test(word)) scopes.push({ kind: 'video', videoKey: word.slice('video:'.length) });
    else return undefined;
  }
  const kinds = new Set(scopes.map((s) => s.kind));
  if (kinds.size !== 1) return undefined;
  if (kinds.has('site') && scopes.length !== 1) return undefined;
  return scopes;
}

/** The path of the CDN base URL with a trailing slash: `/` or e.g. `/media/`. */
export function cdnBasePath(cdnBaseUrl: string): string {
  const p = new URL(cdnBaseUrl).pathname.replace(/\/+$/, '');
  return `${p}/`;
}

/**
 * The cookie `Path` for a folder of object keys (`''` for the whole site), always ending in `/`
 * so `/media/ab/` never matches `/media/abc/`.
 */
export function cookiePathFor(cdnBaseUrl: string, folder: string): string {
  const base = cdnBasePath(cdnBaseUrl);
  return folder ? `${base}${folder.split('/').map(encodeURIComponent).join('/')}/` : base;
}

/** The policy `Resource` for a cookie path: everything below it on the CDN's origin. */
export function resourceFor(cdnBaseUrl: string, cookiePath: string): string {
  return `${new URL(cdnBaseUrl).origin}${cookiePath}*`;
}
