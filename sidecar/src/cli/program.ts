import { Command, InvalidArgumentError, Option } from 'commander';
import { ZoomhlsError } from '../errors.js';
import { migrate } from '../db/index.js';
import { createApp } from '../http/index.js';
import { enqueueImport, Worker } from '../pipeline/index.js';
import { isoDate, syncRecordings, zoomWebhookHandlers } from '../zoom/index.js';
import { createProgressReporter } from './progress.js';
import { checkKeys, generateKeyFiles, printGenerated } from './keys.js';
import type { Boot, Runtime } from './runtime.js';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive whole number');
  return n;
}

function timestamp(value: string): number {
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new InvalidArgumentError('must be a date-time such as 2026-12-04T09:30:00Z');
  return t;
}

/** The `zoomhls` command line (DESIGN §3.1). */
export function buildProgram(boot: Boot): Command {
  const program = new Command('zoomhls')
    .description('Zoom recordings → course-scoped HLS in Moodle, served through CloudFront signed cookies')
    .showHelpAfterError();

  program
    .command('serve')
    .description('run the HTTP service and a worker')
    .action(async () => {
      const rt = await boot({ logTo: 1, migrate: true });
      const worker = newWorker(rt);
      const zoomWebhook = zoomWebhookHandlers({
        secret: rt.zoom.webhookSecret,
        ingest: rt.zoom.ingest,
        logger: rt.logger,
        onQueued: () => worker.poke(),
      });
      const app = createApp({ ...rt, zoomWebhook });
      const server = app.listen(rt.http.port, rt.http.host, () => {
        rt.logger.info({ host: rt.http.host, port: rt.http.port }, 'listening');
      });
      const running = worker.run('forever');
      const stopSweep = startPeriodicSync(rt, () => worker.poke());
      await untilSignal(rt, async () => {
        stopSweep();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await worker.stop(rt.worker.shutdownGraceSeconds * 1000);
        await running;
      });
    });

  program
    .command('worker')
    .description('run queued jobs')
    .option('--once', 'exit when the queue is empty')
    .action(async (opts: { once?: boolean }) => {
      const rt = await boot({ logTo: 1, migrate: true });
      const worker = newWorker(rt);
      if (opts.once) {
        await worker.run('once');
        await rt.close();
        return;
      }
      const running = worker.run('forever');
      await untilSignal(rt, async () => {
        await worker.stop(rt.worker.shutdownGraceSeconds * 1000);
        await running;
      });
    });

  program
    .command('import')
    .description('import a recording file (or http(s) URL) into a course')
    .argument('<source>', 'path or URL of an MP4/M4A')
    .requiredOption('--course <id>', 'Moodle course id', positiveInt)
    .option('--topic <text>', 'title shown to teachers (default: the file name)')
    .option('--start-time <iso>', 'when the lecture took place (default: the file time)', timestamp)
    .addOption(new Option('--profile <name>', 'transcode profile').choices(['auto', 'copy', 'watermark', 'abr']).default('auto'))
    .option('--enqueue-only', 'only queue the job; a running worker picks it up')
    .action(async (source: string, opts: { course: number; topic?: string; startTime?: number; profile: 'auto'; enqueueOnly?: boolean }) => {
      const rt = await boot({ logTo: 2, migrate: true });
      try {
        const { row, created } = await enqueueImport(rt.store, {
          source,
          courseId: opts.course,
          ...(opts.topic !== undefined ? { topic: opts.topic } : {}),
          ...(opts.startTime !== undefined ? { startTime: opts.startTime } : {}),
          profile: opts.profile,
          maxAttempts: rt.worker.maxAttempts,
        });
        console.log(created ? `Queued recording ${row.id} for course ${opts.course}.` : `Recording ${row.id} was already queued (state: ${row.state}).`);
        if (opts.enqueueOnly) return;
        const reporter = createProgressReporter(rt.logger);
        rt.pipeline.observer = { ...rt.pipeline.observer, progress: (e) => reporter.progress(e) };
        const final = await runUntilSettled(rt, row.id);
        reporter.done();
        if (final.state === 'published') {
          console.log(`Published recording ${row.id}: ${final.playlist_path}`);
        } else if (final.state === 'failed') {
          console.error(`Recording ${row.id} failed [${final.last_error_code}]: ${final.last_error}`);
          process.exitCode = 1;
        } else {
          console.error(`Recording ${row.id} is ${final.state}; last error [${final.last_error_code}]: ${final.last_error}\nA running \`zoomhls worker\` will retry it at ${new Date(final.next_attempt_at).toISOString()}.`);
          process.exitCode = 1;
        }
      } finally {
        await rt.close();
      }
    });

  program
    .command('migrate')
    .description('bring the database schema up to date')
    .action(async () => {
      const rt = await boot({ logTo: 2, migrate: false });
      try {
        const ran = await migrate(rt.db.knex);
        console.log(ran.length ? `Applied: ${ran.join(', ')}` : 'Database schema is up to date.');
      } finally {
        await rt.close();
      }
    });

  program
    .command('status')
    .description('show the effective configuration (secrets masked) and the import queue')
    .option('--json', 'machine-readable output')
    .option('--limit <n>', 'recordings to list', positiveInt, 20)
    .action(async (opts: { json?: boolean; limit: number }) => {
      const rt = await boot({ logTo: 2, migrate: true });
      try {
        const [counts, recent] = await Promise.all([rt.store.countByState(), rt.store.list({ limit: opts.limit })]);
        if (opts.json) {
          console.log(JSON.stringify({ config: rt.configSummary, jobs: counts, recordings: recent }, null, 2));
          return;
        }
        console.log('Configuration:');
        for (const [k, v] of Object.entries(rt.configSummary)) console.log(`  ${k}=${v}`);
        console.log('\nJobs: ' + Object.entries(counts).map(([s, n]) => `${s} ${n}`).join(', '));
        if (recent.length) console.log('\n  id  state       course  started           topic');
        for (const r of recent) {
          const when = new Date(r.start_time).toISOString().slice(0, 16).replace('T', ' ');
          console.log(`${String(r.id).padStart(4)}  ${r.state.padEnd(10)}  ${String(r.course_id ?? '-').padStart(6)}  ${when}  ${r.topic}`);
          if (r.state === 'failed' || r.last_error) console.log(`        [${r.last_error_code}] ${(r.last_error ?? '').split('\n')[0]}`);
        }
      } finally {
        await rt.close();
      }
    });

  program
    .command('sync')
    .description('list Zoom cloud recordings and queue the new ones (a backfill over months resumes where it stopped)')
    .option('--from <date>', 'first day, yyyy-mm-dd (default: the lookback window)')
    .option('--to <date>', 'last day, yyyy-mm-dd (default: today)')
    .option('--user <id...>', 'Zoom users (id or email); default ZOOMHLS_ZOOM_USERS, else the whole account')
    .action(async (opts: { from?: string; to?: string; user?: string[] }) => {
      const rt = await boot({ logTo: 2, migrate: true });
      try {
        if (!rt.zoom.api) {
          throw new ZoomhlsError('CONFIG_INVALID', 'Zoom is not configured: set ZOOMHLS_ZOOM_ACCOUNT_ID, ZOOMHLS_ZOOM_CLIENT_ID and ZOOMHLS_ZOOM_CLIENT_SECRET');
        }
        const to = opts.to ?? isoDate(Date.now());
        const from = opts.from ?? isoDate(Date.now() - rt.zoom.syncLookbackDays * 86_400_000);
        const report = await syncRecordings({
          api: rt.zoom.api,
          ingest: rt.zoom.ingest,
          store: rt.store,
          logger: rt.logger,
          users: opts.user ?? rt.zoom.users,
          from,
          to,
          resumable: Boolean(opts.from),
        });
        if (report.resumedFrom) console.log(`Resumed after ${report.resumedFrom}.`);
        console.log(`Synced ${from} … ${to}: ${report.windows} window(s), ${report.meetings} meeting(s): ` +
          Object.entries(report.outcomes).map(([k, n]) => `${k} ${n}`).join(', '));
      } finally {
        await rt.close();
      }
    });

  program
    .command('map')
    .description('give an unmapped Zoom recording its Moodle course; it is then imported')
    .argument('<id>', 'recording id (see `zoomhls status`)', positiveInt)
    .requiredOption('--course <id>', 'Moodle course id', positiveInt)
    .action(async (id: number, opts: { course: number }) => {
      const rt = await boot({ logTo: 2, migrate: true });
      try {
        const row = await rt.store.mapToCourse(id, opts.course);
        console.log(`Recording ${row.id} is mapped to course ${opts.course} and queued; a running worker imports it.`);
      } finally {
        await rt.close();
      }
    });

  program
    .command('retry')
    .description('queue a failed recording again')
    .argument('<id>', 'recording id', positiveInt)
    .action(async (id: number) => {
      const rt = await boot({ logTo: 2, migrate: true });
      try {
        const row = await rt.store.retry(id);
        console.log(`Recording ${row.id} is queued again.`);
      } finally {
        await rt.close();
      }
    });

  program
    .command('keys')
    .description('show the CloudFront key, cookie domain and paths, and check the key; or generate a new key pair')
    .option('--generate', 'write a new key pair for a CloudFront key group')
    .addOption(new Option('--type <type>', 'key type for --generate (ECDSA signs many times faster and makes far shorter cookies)').choices(['rsa', 'ecdsa']))
    .option('--out <dir>', 'folder for the generated key files', '.')
    .action(async (opts: { generate?: boolean; type?: 'rsa' | 'ecdsa'; out: string }) => {
      if (opts.generate || opts.type) {
        const type = opts.type ?? 'rsa';
        printGenerated(type, generateKeyFiles(type, opts.out));
        return;
      }
      const rt = await boot({ logTo: 2, migrate: true });
      try {
        if (!checkKeys(rt)) process.exitCode = 1;
      } finally {
        await rt.close();
      }
    });

  return program;
}

function newWorker(rt: Runtime): Worker {
  return new Worker(rt.pipeline, {
    leaseSeconds: rt.worker.leaseSeconds,
    concurrency: rt.worker.concurrency,
  });
}

/** Runs workers until the recording is published, failed, or waiting for a later retry. */
async function runUntilSettled(rt: Runtime, id: number) {
  const worker = newWorker(rt);
  for (;;) {
    await worker.run('once');
    const row = await rt.store.require(id);
    if (row.state === 'published' || row.state === 'failed') return row;
    if (row.state === 'pending' && row.next_attempt_at > Date.now()) return row;
    // Leased by another worker: wait for it.
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** serve: sweeps the last days of Zoom recordings every few minutes, so a lost webhook is caught. */
function startPeriodicSync(rt: Runtime, onQueued: () => void): () => void {
  const api = rt.zoom.api;
  if (!api || rt.zoom.syncIntervalMinutes <= 0) return () => undefined;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const report = await syncRecordings({
        api,
        ingest: rt.zoom.ingest,
        store: rt.store,
        logger: rt.logger,
        users: rt.zoom.users,
        from: isoDate(Date.now() - rt.zoom.syncLookbackDays * 86_400_000),
        to: isoDate(Date.now()),
        resumable: false,
      });
      if (report.outcomes.queued > 0) onQueued();
    } catch (error) {
      rt.logger.warn({ err: { message: (error as Error).message } }, 'zoom sync failed; next try at the next interval');
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), rt.zoom.syncIntervalMinutes * 60_000);
  return () => clearInterval(timer);
}

/** SIGTERM/SIGINT: finish or release the current job, then exit. */
async function untilSignal(rt: Runtime, shutdown: () => Promise<void>): Promise<void> {
  await new Promise<void>((resolve) => {
    const onSignal = (signal: string) => {
      rt.logger.info({ signal }, 'shutting down');
      resolve();
    };
    // `on`, not `once`: execa's exit hook (signal-exit) re-sends the signal to this process when
    // it finds no other listener left, which would kill us in the middle of the shutdown.
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
  await shutdown();
  await rt.close();
}

/** Prints a ZoomhlsError as an admin should read it, without a stack trace. */
export function reportFatal(error: unknown): void {
  if (error instanceof ZoomhlsError) {
    console.error(`zoomhls: [${error.code}] ${error.message}`);
  } else {
    console.error('zoomhls: unexpected error', error);
  }
  process.exitCode = 1;
}
