import type { CookieSigner } from './signer.js';
import { resourceFor } from './scopes.js';

/** One cookie as `POST /v1/access` returns it (DESIGN §3.3); session cookie, no expiry. */
export interface AccessCookie {
  name: string;
  value: string;
  /** null = host-only. */
  domain: string | null;
  path: string;
  secure: boolean;
  httpOnly: true;
  sameSite: 'Lax';
}

export interface CookieSettings {
  cdnBaseUrl: string;
  /** `Domain` attribute (ZOOMHLS_COOKIE_DOMAIN); undefined = host-only. */
  cookieDomain: string | undefined;
  ttlSeconds: number;
  /** Expiry is rounded up to a multiple of this, so equal scopes share one signature per bucket. */
  bucketSeconds: number;
}

/** `DateLessThan`: at least `ttl` from now, rounded up to the bucket. */
export function bucketedExpiry(nowSeconds: number, ttlSeconds: number, bucketSeconds: number): number {
  return Math.ceil((nowSeconds + ttlSeconds) / bucketSeconds) * bucketSeconds;
}

/** The signed cookie set that opens one cookie path until `expiresAt`. */
export function mintCookieSet(
  signer: CookieSigner,
  settings: CookieSettings,
  cookiePath: string,
  expiresAt: number,
  nowSeconds: number,
): AccessCookie[] {
  const values = signer.sign({ resource: resourceFor(settings.cdnBaseUrl, cookiePath), conditions: { dateLessThan: expiresAt } }, nowSeconds);
  const secure = new URL(settings.cdnBaseUrl).protocol === 'https:';
  return Object.entries(values).map(([name, value]) => ({
    name,
    value,
    domain: settings.cookieDomain ?? null,
    path: cookiePath,
    secure,
    httpOnly: true,
    sameSite: 'Lax',
  }));
}
