import { verify, type KeyObject } from 'node:crypto';
import { decodeCloudFrontBase64, parsePolicy, resourceMatches } from '../signing/index.js';
import { ipInCidr } from './source-ip.js';

/** A public key the edge trusts, as a CloudFront key group holds it. */
export interface TrustedKey {
  keyPairId: string;
  publicKey: KeyObject;
}

export interface EdgeRequest {
  /** The full URL as the viewer asked for it on the CDN: scheme, host, path and query. */
  url: string;
  clientIp: string;
  nowSeconds: number;
  cookies: Map<string, string>;
}

const HASHES: Record<string, string> = { SHA1: 'sha1', SHA256: 'sha256' };

/**
 * Whether CloudFront would serve this request on its signed cookies (custom policy):
 * the three cookies present; the key id one of the trusted keys; the signature over the decoded
 * policy bytes valid for that key (RSA or ECDSA, SHA-1 unless `CloudFront-Hash-Algorithm` says
 * SHA256); the policy well formed; `Resource` matching the full URL; now before `DateLessThan`,
 * not before `DateGreaterThan`; the client inside `IpAddress`. No reason is given: every
 * refusal is the same bare 403.
 */
export class CookieVerifier {
  private readonly keys: Map<string, KeyObject>;
  // Verified (policy, signature, key, hash) combinations. Every segment request carries the same
  // cookies, and an ECDSA verify costs far more than a lookup; conditions are still checked each time.
  private readonly verified = new Set<string>();

  constructor(keys: TrustedKey[]) {
    this.keys = new Map(keys.map((k) => [k.keyPairId, k.publicKey]));
  }

  accepts(request: EdgeRequest): boolean {
    const policyText = request.cookies.get('CloudFront-Policy');
    const signatureText = request.cookies.get('CloudFront-Signature');
    const keyPairId = request.cookies.get('CloudFront-Key-Pair-Id');
    const hashName = request.cookies.get('CloudFront-Hash-Algorithm') ?? 'SHA1';
    if (!policyText || !signatureText || !keyPairId) return false;
    const hash = HASHES[hashName];
    const publicKey = this.keys.get(keyPairId);
    if (!hash || !publicKey) return false;
    const policyBytes = decodeCloudFrontBase64(policyText);
    if (!policyBytes) return false;
    const cacheKey = `${keyPairId}\n${hash}\n${policyText}\n${signatureText}`;
    if (!this.verified.has(cacheKey)) {
      const signature = decodeCloudFrontBase64(signatureText);
      if (!signature || signature.length === 0) return false;
      let valid: boolean;
      try {
        valid = verify(hash, policyBytes, publicKey, signature);
      } catch {
        valid = false;
      }
      if (!valid) return false;
      if (this.verified.size >= 10_000) this.verified.clear();
      this.verified.add(cacheKey);
    }
    const policy = parsePolicy(policyBytes.toString('utf8'));
    if (!policy) return false;
    return policyAllows(policy.resource, policy.conditions, request);
  }
}

/** The conditions of a decoded policy against one request (pure; no signature involved). */
export function policyAllows(
  resource: string,
  conditions: { dateLessThan: number; dateGreaterThan?: number; ipAddress?: string },
  request: Pick<EdgeRequest, 'url' | 'clientIp' | 'nowSeconds'>,
): boolean {
  if (!resourceMatches(resource, request.url)) return false;
  if (!(request.nowSeconds < conditions.dateLessThan)) return false;
  if (conditions.dateGreaterThan !== undefined && request.nowSeconds < conditions.dateGreaterThan) return false;
  if (conditions.ipAddress !== undefined && !ipInCidr(request.clientIp, conditions.ipAddress)) return false;
  return true;
}
