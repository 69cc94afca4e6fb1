import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RecordingStore } from '../db/index.js';
import type { PipelineObserver } from '../pipeline/index.js';

/** Prometheus metrics: jobs by state (read from the DB at scrape), stage durations, bytes, HTTP latency. */
export function createMetrics(store: RecordingStore) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'zoomhls_process_' });
  new Gauge({
    name: 'zoomhls_jobs',
    help: 'Recordings by job state',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const counts = await store.countByState();
      for (const [state, n] of Object.entries(counts)) this.set({ state }, n);
    },
  });
  const stageSeconds = new Histogram({
    name: 'zoomhls_stage_duration_seconds',
    help: 'Time spent in each pipeline stage',
    labelNames: ['stage'],
    buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
    registers: [registry],
  });
  const bytesUploaded = new Counter({
    name: 'zoomhls_uploaded_bytes_total',
    help: 'Bytes uploaded to storage',
    registers: [registry],
  });
  const httpSeconds = new Histogram({
    name: 'zoomhls_http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 3],
    registers: [registry],
  });
  const observer: PipelineObserver = {
    stageFinished: (stage, seconds) => stageSeconds.observe({ stage }, seconds),
    bytesUploaded: (bytes) => bytesUploaded.inc(bytes),
  };
  return { registry, observer, httpSeconds };
}

export type Metrics = ReturnType<typeof createMetrics>;
