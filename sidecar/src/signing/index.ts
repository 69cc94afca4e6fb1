export { encodeCloudFrontBase64, decodeCloudFrontBase64 } from './base64.js';
export { policyJson, parsePolicy, resourceMatches, type Policy, type PolicyConditions } from './policy.js';
export { loadSigningKey, loadPublicKey, generateSigningKeyPair, type SigningKey, type SigningKeyType } from './keys.js';
export { CookieSigner, type HashAlgorithm, type SignedCookieValues, type CookieSignerOptions } from './signer.js';
export { parseScopeClaim, cdnBasePath, cookiePathFor, resourceFor, MAX_SCOPES, type Scope } from './scopes.js';
export { bucketedExpiry, mintCookieSet, type AccessCookie, type CookieSettings } from './mint.js';
export { resolveCloudFrontKey, type CloudFrontKey, type SharedSettings } from './setup.js';
