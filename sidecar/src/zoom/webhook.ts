import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Zoom webhook signatures: `x-zm-signature` = `v0=` + HMAC-SHA256(secret, `v0:{timestamp}:{raw body}`),
 * with `x-zm-request-timestamp` in seconds. Compared in constant time; stale timestamps refused.
 */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export function signWebhook(secret: string, timestamp: string, rawBody: string | Buffer): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(rawBody).digest('hex')}`;
}

export type VerifyResult = { ok: true } | { ok: false; reason: string };

export function verifyWebhook(o: {
  secret: string | undefined;
  signature: string | undefined;
  timestamp: string | undefined;
  rawBody: Buffer;
  nowSeconds: number;
}): VerifyResult {
  if (!o.secret) return { ok: false, reason: 'no webhook secret is configured' };
  if (!o.signature || !o.timestamp) return { ok: false, reason: 'signature headers missing' };
  const ts = Number(o.timestamp);
  if (!/^\d+$/.test(o.timestamp) || Math.abs(o.nowSeconds - ts) > WEBHOOK_TOLERANCE_SECONDS) {
    return { ok: false, reason: 'timestamp outside the 5-minute window' };
  }
  const expected = Buffer.from(signWebhook(o.secret, o.timestamp, o.rawBody));
  const given = Buffer.from(o.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'signature mismatch' };
  return { ok: true };
}

/** `endpoint.url_validation`: Zoom checks we own the secret. */
export function urlValidationAnswer(secret: string, plainToken: string): { plainToken: string; encryptedToken: string } {
  return { plainToken, encryptedToken: createHmac('sha256', secret).update(plainToken).digest('hex') };
}
