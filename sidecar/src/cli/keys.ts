import fs from 'node:fs';
import path from 'node:path';
import { CookieVerifier } from '../edge/index.js';
import { ZoomhlsError } from '../errors.js';
import { courseFolder, courseKey } from '../pipeline/keys.js';
import {
  bucketedExpiry,
  cdnBasePath,
  cookiePathFor,
  generateSigningKeyPair,
  mintCookieSet,
  resourceFor,
  CookieSigner,
  type SigningKeyType,
} from '../signing/index.js';
import type { Runtime } from './runtime.js';

/** `zoomhls keys --generate`: writes a new key pair and tells the admin what to do with it. */
export function generateKeyFiles(type: SigningKeyType, outDir: string, now = new Date()): { privateFile: string; publicFile: string; publicKeyPem: string } {
  const { privateKeyPem, publicKeyPem } = generateSigningKeyPair(type);
  fs.mkdirSync(outDir, { recursive: true });
  const stamp = now.toISOString().slice(0, 10).replace(/-/g, '');
  const base = path.join(path.resolve(outDir), `cloudfront-${type}-${stamp}`);
  const privateFile = `${base}-private.pem`;
  const publicFile = `${base}-public.pem`;
  // wx: never overwrite a key that may already be in use.
  fs.writeFileSync(privateFile, privateKeyPem, { mode: 0o600, flag: 'wx' });
  fs.writeFileSync(publicFile, publicKeyPem, { flag: 'wx' });
  return { privateFile, publicFile, publicKeyPem };
}

export function printGenerated(type: SigningKeyType, files: { privateFile: string; publicFile: string; publicKeyPem: string }): void {
  console.log(`Generated an ${type === 'rsa' ? 'RSA-2048' : 'ECDSA P-256'} key pair for a CloudFront key group.

Private key (keep it secret, readable by the sidecar only): ${files.privateFile}
Public key: ${files.publicFile}

${files.publicKeyPem.trim()}

Next:
  1. CloudFront console → Key management → Public keys → Create public key; paste the public key above.
  2. Add that public key to a key group, and set the key group as "trusted key group" on the
     distribution's cache behaviour ("Restrict viewer access": yes).
  3. Give the sidecar the public key's ID (e.g. K2JCJMDEHXQW5F) and the private key:
       ZOOMHLS_CLOUDFRONT_KEY_PAIR_ID=<the public key ID>
       ZOOMHLS_CLOUDFRONT_PRIVATE_KEY_FILE=${files.privateFile}
  4. Run \`zoomhls keys\` to check the pair signs and verifies.`);
}

/**
 * `zoomhls keys`: shows the key, cookie domain and paths, and checks the key by signing a test
 * policy with the production signer and verifying it as the edge (and CloudFront) does.
 * Returns false when the check fails.
 */
export function checkKeys(rt: Runtime): boolean {
  const { cloudFront, cookies, prefix, courseKeySecret, hashAlgorithm } = rt.signing;
  if (!cloudFront) {
    console.log('No CloudFront key: ZOOMHLS_STORAGE=s3 needs ZOOMHLS_CLOUDFRONT_KEY_PAIR_ID and ZOOMHLS_CLOUDFRONT_PRIVATE_KEY_FILE.');
    console.log('Create one with `zoomhls keys --generate --type ecdsa`.');
    return false;
  }
  const exampleCourse = courseFolder(prefix, courseKey(courseKeySecret, 1));
  console.log(`Key pair id:       ${cloudFront.keyPairId}`);
  console.log(`Key:               ${cloudFront.key.type === 'rsa' ? 'RSA-2048' : 'ECDSA P-256'} (${cloudFront.source.kind === 'file' ? cloudFront.source.path : 'generated for local mode, kept in the database'})`);
  console.log(`Hash algorithm:    ${hashAlgorithm}${hashAlgorithm === 'SHA256' ? ' (adds the CloudFront-Hash-Algorithm cookie)' : ''}`);
  console.log(`CDN base URL:      ${cookies.cdnBaseUrl}`);
  console.log(`Cookie domain:     ${cookies.cookieDomain ?? '(host-only: the cookies go to the host that sets them)'}`);
  console.log(`Cookie paths:      site ${cdnBasePath(cookies.cdnBaseUrl)}   course 1 ${cookiePathFor(cookies.cdnBaseUrl, exampleCourse)}`);
  console.log(`Cookie lifetime:   ${cookies.ttlSeconds} s (rounded up to ${cookies.bucketSeconds} s)`);
  if (cloudFront.source.kind === 'local') console.log(`\nLocal public key (for the built-in edge only):\n${cloudFront.key.publicKeyPem.trim()}`);

  const signer = new CookieSigner({ keyPairId: cloudFront.keyPairId, key: cloudFront.key, hashAlgorithm });
  const nowSeconds = Math.floor(Date.now() / 1000);
  const cookiePath = cookiePathFor(cookies.cdnBaseUrl, exampleCourse);
  const set = mintCookieSet(signer, cookies, cookiePath, bucketedExpiry(nowSeconds, 60, 60), nowSeconds);
  const verifier = new CookieVerifier([{ keyPairId: cloudFront.keyPairId, publicKey: cloudFront.key.publicKey }]);
  const url = resourceFor(cookies.cdnBaseUrl, cookiePath).replace(/\*$/, 'check/seg_00000.ts');
  const jar = new Map(set.map((c) => [c.name, c.value]));
  const ok = verifier.accepts({ url, clientIp: '127.0.0.1', nowSeconds, cookies: jar });
  const elsewhere = verifier.accepts({ url: resourceFor(cookies.cdnBaseUrl, cookiePathFor(cookies.cdnBaseUrl, courseFolder(prefix, courseKey(courseKeySecret, 2)))).replace(/\*$/, 'x.ts'), clientIp: '127.0.0.1', nowSeconds, cookies: jar });
  if (!ok || elsewhere) {
    throw new ZoomhlsError('SIGNING_KEY_INVALID', 'The key did not pass the sign-and-verify check');
  }
  console.log(`\nCheck: a test policy for ${cookiePath} signed with the key verifies (and does not open another course). OK`);
  return true;
}
