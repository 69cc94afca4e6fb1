import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { ZoomhlsError } from '../errors.js';

/** The two key types a CloudFront key group accepts. */
export type SigningKeyType = 'rsa' | 'ecdsa';

export interface SigningKey {
  type: SigningKeyType;
  /** Parsed once at start; signing with a KeyObject skips the PEM parse on every request. */
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI PEM, the text an admin uploads to CloudFront as a public key. */
  publicKeyPem: string;
}

/**
 * Reads a private key PEM (PKCS#1, PKCS#8 or SEC1) and tells its type from the key itself, not
 * from the file name. Only what CloudFront accepts passes: RSA-2048 or ECDSA P-256.
 */
export function loadSigningKey(pem: string | Buffer, source = 'the private key'): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: 'pem' });
  } catch (cause) {
    throw new ZoomhlsError('SIGNING_KEY_INVALID', `${source} is not a readable unencrypted PEM private key`, { cause });
  }
  const details = privateKey.asymmetricKeyDetails ?? {};
  let type: SigningKeyType;
  if (privateKey.asymmetricKeyType === 'rsa') {
    if (details.modulusLength !== 2048) {
      throw new ZoomhlsError('SIGNING_KEY_INVALID', `${source} is RSA-${details.modulusLength}; CloudFront accepts RSA-2048 or ECDSA P-256 only`);
    }
    type = 'rsa';
  } else if (privateKey.asymmetricKeyType === 'ec') {
    if (details.namedCurve !== 'prime256v1') {
      throw new ZoomhlsError('SIGNING_KEY_INVALID', `${source} is an EC key on ${details.namedCurve}; CloudFront accepts ECDSA P-256 (prime256v1) only`);
    }
    type = 'ecdsa';
  } else {
    throw new ZoomhlsError('SIGNING_KEY_INVALID', `${source} is a ${privateKey.asymmetricKeyType} key; CloudFront accepts RSA-2048 or ECDSA P-256 only`);
  }
  const publicKey = createPublicKey(privateKey);
  return { type, privateKey, publicKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

/** Reads a public key PEM (the edge's verifying key), RSA or EC. */
export function loadPublicKey(pem: string | Buffer): KeyObject {
  return createPublicKey({ key: pem, format: 'pem' });
}

/** A new key pair for a CloudFront key group, as PEM text (private: PKCS#8, public: SPKI). */
export function generateSigningKeyPair(type: SigningKeyType): { privateKeyPem: string; publicKeyPem: string } {
  const pair =
    type === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 })
      : generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    privateKeyPem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}
