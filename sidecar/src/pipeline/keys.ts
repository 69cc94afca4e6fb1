import { createHmac, randomBytes } from 'node:crypto';

/**
 * Object keys (DESIGN §3.4): `<prefix>/<courseKey>/<videoKey>/…`. Cookie scopes map onto these
 * prefixes, so a course-scoped cookie opens exactly one course's folder.
 */

/** A keyed hash of the Moodle course id: stable for the site, unguessable without the secret. */
export function courseKey(secret: string, courseId: number): string {
  return createHmac('sha256', secret).update(`zoomhls:course:${courseId}`).digest('hex').slice(0, 32);
}

/** 128 random bits, hex. */
export function newVideoKey(): string {
  return randomBytes(16).toString('hex');
}

export function isVideoKey(value: string): boolean {
  return /^[0-9a-f]{32}$/.test(value);
}

/** The folder (no trailing slash) that holds every object of one recording. */
export function videoFolder(prefix: string, course: string, video: string): string {
  return [prefix, course, video].filter(Boolean).join('/');
}

/** The folder of one course, as a cookie path below the CDN base. */
export function courseFolder(prefix: string, course: string): string {
  return [prefix, course].filter(Boolean).join('/');
}

/** The absolute URL of an object under the CDN base. */
export function cdnUrl(cdnBaseUrl: string, key: string): string {
  return `${cdnBaseUrl.replace(/\/+$/, '')}/${key.split('/').map(encodeURIComponent).join('/')}`;
}
