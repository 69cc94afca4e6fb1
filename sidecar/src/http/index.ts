export { createApp, type AppDeps } from './app.js';
export { createMetrics, type Metrics } from './metrics.js';
