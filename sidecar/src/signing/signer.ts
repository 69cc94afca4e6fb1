import { getSignedCookies } from '@aws-sdk/cloudfront-signer';
import type { SigningKey } from './keys.js';
import { policyJson, type Policy } from './policy.js';

export type HashAlgorithm = 'SHA1' | 'SHA256';

/** The values of one CloudFront signed-cookie set (names as CloudFront spells them). */
export interface SignedCookieValues {
  'CloudFront-Policy': string;
  'CloudFront-Signature': string;
  'CloudFront-Key-Pair-Id': string;
  'CloudFront-Hash-Algorithm'?: 'SHA256';
}

export interface CookieSignerOptions {
  keyPairId: string;
  key: SigningKey;
  hashAlgorithm: HashAlgorithm;
  /** Signatures kept for reuse; expired ones are dropped first when it is full. */
  maxCachedSignatures?: number;
}

/**
 * Signs custom policies with `@aws-sdk/cloudfront-signer` and remembers each result, so equal
 * policies (same scope and expiry bucket) are signed once: a thousand students logging in at
 * 9:00 cost one signature per course per bucket.
 *
 * Facts about the signer (3.x) that this relies on, checked by the tests:
 * - it always signs the `policy` string it is given, byte for byte, when one is passed (never
 *   its canned fallback, which cannot express a wildcard);
 * - `algorithm: 'SHA256'` selects SHA-256 and adds `CloudFront-Hash-Algorithm=SHA256`;
 * - it calls `crypto.createSign('RSA-SHA1'|'RSA-SHA256')`, whose name only picks the digest:
 *   OpenSSL signs with whatever key it gets, so an ECDSA P-256 key gives the DER-encoded ECDSA
 *   signature CloudFront expects (as `openssl dgst -sign` does). Nothing needs node:crypto here;
 * - its typings say `privateKey: string | Buffer`, but it hands the value to `sign.sign({ key })`,
 *   which also takes a KeyObject. Passing the KeyObject parsed once at start avoids a PEM parse
 *   per signature (≈0.6k/s with a PEM string against ≈2.2k/s RSA-2048 with the KeyObject).
 */
export class CookieSigner {
  readonly keyPairId: string;
  readonly hashAlgorithm: HashAlgorithm;
  readonly keyType: SigningKey['type'];
  private readonly key: SigningKey;
  private readonly cache = new Map<string, { values: SignedCookieValues; dateLessThan: number }>();
  private readonly maxCached: number;
  /** Signatures computed (not served from the cache); exposed for tests and metrics. */
  signatures = 0;

  constructor(options: CookieSignerOptions) {
    this.keyPairId = options.keyPairId;
    this.hashAlgorithm = options.hashAlgorithm;
    this.key = options.key;
    this.keyType = options.key.type;
    this.maxCached = options.maxCachedSignatures ?? 10_000;
  }

  sign(policy: Policy, nowSeconds: number): SignedCookieValues {
    const json = policyJson(policy);
    const hit = this.cache.get(json);
    if (hit) return hit.values;
    const out = getSignedCookies({
      keyPairId: this.keyPairId,
      privateKey: this.key.privateKey as unknown as string,
      policy: json,
      algorithm: this.hashAlgorithm,
    });
    this.signatures += 1;
    const values: SignedCookieValues = {
      'CloudFront-Policy': out['CloudFront-Policy']!,
      'CloudFront-Signature': out['CloudFront-Signature'],
      'CloudFront-Key-Pair-Id': out['CloudFront-Key-Pair-Id'],
      ...(this.hashAlgorithm === 'SHA256' ? { 'CloudFront-Hash-Algorithm': 'SHA256' as const } : {}),
    };
    this.remember(json, values, policy.conditions.dateLessThan, nowSeconds);
    return values;
  }

  private remember(json: string, values: SignedCookieValues, dateLessThan: number, nowSeconds: number): void {
    if (this.cache.size >= this.maxCached) {
      for (const [k, v] of this.cache) if (v.dateLessThan <= nowSeconds) this.cache.delete(k);
      // Still full of live entries: drop the oldest (Map keeps insertion order).
      while (this.cache.size >= this.maxCached) this.cache.delete(this.cache.keys().next().value!);
    }
    this.cache.set(json, { values, dateLessThan });
  }
}
