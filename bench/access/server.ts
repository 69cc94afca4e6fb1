/**
 * The benchmark's server (a child process, so the load generator does not share its CPU):
 * the real `createApp` with `/v1/access` on a SQLite file or BENCH_DB_URL (real jti store), plus an empty
 * `POST /empty` route on the same express server as the baseline. Prints {"port": n} when ready.
 *   argv: <rsa|ecdsa> <SHA1|SHA256> <dir>
 */
import path from 'node:path';
import express from 'express';
import pino from 'pino';
import { connectDb, migrate, RecordingStore } from '../../sidecar/src/db/index.js';
import { AccessTokenVerifier, createApp, createMetrics, TokenIdStore } from '../../sidecar/src/http/index.js';
import { CookieSigner, generateSigningKeyPair, loadSigningKey, type HashAlgorithm, type SigningKeyType } from '../../sidecar/src/signing/index.js';
import { LocalStorage } from '../../sidecar/src/storage/index.js';

const [keyType, hash, dir] = process.argv.slice(2) as [SigningKeyType, HashAlgorithm, string];
export const BENCH_SECRET = 'bench-shared-secret-'.padEnd(64, 'b');
export const BENCH_ORIGIN = 'https://moodle.example.edu';

// BENCH_DB_URL (e.g. mysql://root@127.0.0.1:3306/zoomhls_bench, created beforehand) measures the
// jti store on MariaDB instead.
const db = connectDb({ url: process.env['BENCH_DB_URL'] ?? `sqlite:${path.join(dir, `bench-${keyType}.sqlite`)}` });
await migrate(db.knex);
const store = new RecordingStore(db);
const key = loadSigningKey(generateSigningKeyPair(keyType).privateKeyPem);
const app = createApp({
  db,
  store,
  storage: new LocalStorage(path.join(dir, 'media')),
  metrics: createMetrics(store),
  logger: pino({ level: 'warn' }),
  access: {
    verifier: new AccessTokenVerifier({ secret: BENCH_SECRET, origins: [BENCH_ORIGIN] }, new TokenIdStore(db)),
    signer: new CookieSigner({ keyPairId: 'KBENCH', key, hashAlgorithm: hash }),
    cookies: { cdnBaseUrl: 'https://media.example.edu', cookieDomain: 'example.edu', ttlSeconds: 7200, bucketSeconds: 300 },
    prefix: 'lectures',
    courseKeySecret: 'c'.repeat(64),
  },
});
const outer = express();
outer.disable('x-powered-by');
outer.post('/empty', express.json(), (_req, res) => {
  res.json({});
});
outer.use(app);
const server = outer.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
});
process.on('SIGTERM', () => server.close(() => void db.close().then(() => process.exit(0))));
