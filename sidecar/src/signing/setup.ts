import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { ZoomhlsError } from '../errors.js';
import { generateSigningKeyPair, loadSigningKey, type SigningKey } from './keys.js';

export interface CloudFrontKey {
  keyPairId: string;
  key: SigningKey;
  /** Where the key came from: the admin's file, or generated for local mode. */
  source: { kind: 'file'; path: string } | { kind: 'local' };
}

/** Settings shared by every worker (the database's `zoomhls_settings`; first writer wins). */
export interface SharedSettings {
  ensureSetting(name: string, value: string): Promise<string>;
}

/**
 * The signing key: the admin's CloudFront key when configured; otherwise, in local mode (the
 * built-in edge is the CDN), an ECDSA P-256 pair generated once and kept in the database so
 * every worker signs and verifies with the same key. With S3 and no key there is none: minting
 * is refused, since CloudFront would not accept a key it does not know.
 */
export async function resolveCloudFrontKey(
  configured: { keyPairId: string; privateKeyFile: string } | undefined,
  settings: SharedSettings,
  localMode: boolean,
): Promise<CloudFrontKey | undefined> {
  if (configured) {
    let pem: Buffer;
    try {
      pem = fs.readFileSync(configured.privateKeyFile);
    } catch (cause) {
      throw new ZoomhlsError('SIGNING_KEY_INVALID', `ZOOMHLS_CLOUDFRONT_PRIVATE_KEY_FILE "${configured.privateKeyFile}" cannot be read`, { cause });
    }
    return {
      keyPairId: configured.keyPairId,
      key: loadSigningKey(pem, `ZOOMHLS_CLOUDFRONT_PRIVATE_KEY_FILE "${configured.privateKeyFile}"`),
      source: { kind: 'file', path: configured.privateKeyFile },
    };
  }
  if (!localMode) return undefined;
  const pem = await settings.ensureSetting('local_cloudfront_private_key', generateSigningKeyPair('ecdsa').privateKeyPem);
  const keyPairId = await settings.ensureSetting('local_cloudfront_key_pair_id', `LOCAL${randomBytes(6).toString('hex').toUpperCase()}`);
  return { keyPairId, key: loadSigningKey(pem, 'the generated local key'), source: { kind: 'local' } };
}
