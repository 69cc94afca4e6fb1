import type { Request, Response } from 'express';

/**
 * CORS for the player on the Moodle pages: only the configured Moodle origins, always with
 * credentials (the cookies must travel), never `*`. Returns whether the origin was allowed.
 */
export function applyCors(req: Request, res: Response, allowedOrigins: ReadonlySet<string>): boolean {
  res.vary('Origin');
  const origin = req.headers.origin;
  if (!origin || !allowedOrigins.has(origin)) return false;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Access-Control-Expose-Headers', 'Content-Length, Content-Range, Accept-Ranges');
  return true;
}

/** Answers a preflight: 204 for an allowed origin asking for GET/HEAD, else a bare 403. */
export function answerPreflight(req: Request, res: Response, allowedOrigins: ReadonlySet<string>): void {
  const allowed = applyCors(req, res, allowedOrigins);
  const method = String(req.headers['access-control-request-method'] ?? '').toUpperCase();
  if (!allowed || (method !== 'GET' && method !== 'HEAD')) {
    res.status(403).end();
    return;
  }
  res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD');
  res.setHeader('Access-Control-Allow-Headers', 'Range');
  res.setHeader('Access-Control-Max-Age', '600');
  res.status(204).end();
}
