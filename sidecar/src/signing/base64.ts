/**
 * CloudFront's URL-safe base64 (used in the Policy and Signature cookies): standard base64 with
 * `+` → `-`, `=` → `_`, `/` → `~`. It is not RFC 4648 base64url, so it has its own helpers.
 */
export function encodeCloudFrontBase64(data: Buffer | string): string {
  return Buffer.from(data).toString('base64').replace(/\+/g, '-').replace(/=/g, '_').replace(/\//g, '~');
}

/** Decodes CloudFront base64; undefined when the text holds characters outside its alphabet. */
export function decodeCloudFrontBase64(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9~_-]*$/.test(text)) return undefined;
  return Buffer.from(text.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64');
}
