export { createApp, type AppDeps } from './app.js';
export { createMetrics, type Metrics } from './metrics.js';
export { accessRoutes, type AccessDeps } from './access-routes.js';
export { AccessTokenVerifier, MAX_TOKEN_SECONDS, CLOCK_TOLERANCE_SECONDS, type AccessClaims, type AccessTokenSettings } from './access-token.js';
export { TokenIdStore } from './token-ids.js';
export { demoPage, type DemoDeps } from './demo-page.js';
