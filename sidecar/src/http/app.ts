import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Db, RecordingStore } from '../db/index.js';
import type { Storage } from '../storage/index.js';
import { ZoomhlsError } from '../errors.js';
import type { Metrics } from './metrics.js';
import { createEdge, type EdgeDeps } from '../edge/index.js';
import { accessRoutes, type AccessDeps } from './access-routes.js';
import { demoPage, type DemoDeps } from './demo-page.js';

export interface AppDeps {
  db: Db;
  store: RecordingStore;
  storage: Storage;
  metrics: Metrics;
  logger: Logger;
  /** `POST /zoom/webhook` handlers (raw-body parser + handler), when Zoom is wired in. */
  zoomWebhook?: RequestHandler[];
  /** `POST /v1/access`, `GET /v1/recordings`, `POST /v1/recordings/:id/retry`, when wired in. */
  access?: AccessDeps;
  /** The built-in edge `GET /media/*` (local storage only), when wired in. */
  edge?: EdgeDeps;
  /** The local demo page at `/` (loopback-only local mode). */
  demo?: DemoDeps;
}

/** The HTTP app without `listen`, so tests drive it in-process (supertest). */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // API answers are per-request JSON (no-store); hashing each body for an ETag is wasted work on
  // the login path. Files under /media keep theirs (sendFile makes its own from size and mtime).
  app.set('etag', false);
  app.set('trust proxy', 'loopback');

  app.use((req, res, next) => {
    const end = deps.metrics.httpSeconds.startTimer();
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path ?? (req.baseUrl || 'unmatched');
      end({ method: req.method, route: String(route), status: String(res.statusCode) });
    });
    next();
  });

  app.get('/healthz', async (_req, res) => {
    const [database, storage] = await Promise.all([
      check(() => deps.db.knex.raw('select 1')),
      check(() => deps.storage.check()),
    ]);
    const ok = database.ok && storage.ok;
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', database, storage: { kind: deps.storage.kind, ...storage } });
  });

  app.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  if (deps.zoomWebhook) app.post('/zoom/webhook', ...deps.zoomWebhook);
  if (deps.access) app.use(accessRoutes(deps.access, deps.db, deps.store, deps.logger));
  if (deps.edge) app.use('/media', createEdge(deps.edge));
  if (deps.demo) app.use(demoPage(deps.demo));

  app.use((_req, res) => {
    res.status(404).json({ error: { code: 'NOT_FOUND', message: 'No such endpoint' } });
  });

  const onError: ErrorRequestHandler = (error, _req, res, _next) => {
    // Body parsers report client errors (too large, unreadable) with a 4xx status of their own.
    const clientStatus = (error as { status?: unknown }).status;
    if (!(error instanceof ZoomhlsError) && typeof clientStatus === 'number' && clientStatus >= 400 && clientStatus < 500) {
      const code = clientStatus === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
      deps.logger.warn({ code, status: clientStatus }, 'request refused');
      res.status(clientStatus).json({ error: { code, message: clientStatus === 413 ? 'Request body too large' : 'Malformed request' } });
      return;
    }
    const e = error instanceof ZoomhlsError ? error : new ZoomhlsError('INTERNAL', 'Unexpected error', { cause: error });
    // Refused calls (4xx) are the caller's business; 5xx are ours.
    deps.logger[e.status >= 500 ? 'error' : 'warn']({ code: e.code, err: { message: e.message } }, 'request failed');
    res.status(e.status).json({ error: { code: e.code, message: e.message } });
  };
  app.use(onError);
  return app;
}

async function check(probe: () => Promise<unknown>): Promise<{ ok: boolean; error?: string }> {
  try {
    await probe();
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
