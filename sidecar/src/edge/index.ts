export { createEdge, type EdgeDeps } from './route.js';
export { CookieVerifier, policyAllows, type TrustedKey, type EdgeRequest } from './verify.js';
export { parseCookieHeader } from './cookie-header.js';
export { ipInCidr } from './source-ip.js';
