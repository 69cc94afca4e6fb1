import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type express from 'express';

export interface Running {
  origin: string;
  port: number;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 with a port chosen by the OS. */
export async function listen(app: express.Express | http.RequestListener): Promise<Running> {
  const server = http.createServer(app as http.RequestListener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** One request as the CDN saw it. */
export interface SeenRequest {
  path: string;
  status: number;
  cookie: string;
  origin: string | undefined;
}

/** A listener whose handler is set later (the server must listen first: its port is in the playlist URLs). */
export function switchable(): { listener: http.RequestListener; use(handler: http.RequestListener): void } {
  let current: http.RequestListener = (_req, res) => void res.writeHead(503).end();
  return { listener: (req, res) => current(req, res), use: (handler) => (current = handler) };
}
