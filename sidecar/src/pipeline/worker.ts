import os from 'node:os';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { RecordingRow } from '../db/index.js';
import { toZoomhlsError } from '../errors.js';
import { runRecordingJob, type PipelineDeps } from './run-job.js';

export interface WorkerOptions {
  leaseSeconds: number;
  concurrency: number;
  /** How long to sleep when the queue is empty. */
  idleMs?: number;
  /** Called after every job (tests and the CLI use it). */
  onJobDone?: (row: RecordingRow, outcome: 'published' | 'pending' | 'failed' | 'released') => void;
}

/** A unique, readable lease owner: host, pid and a random tail. */
export function newWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/**
 * Claims jobs and runs them, keeping each lease alive with a heartbeat. When a heartbeat finds
 * the lease taken over, the job is cancelled at once (ffmpeg killed) so two workers never keep
 * writing the same recording. `stop()` finishes nothing new and releases unfinished leases.
 */
export class Worker {
  readonly id: string;
  private stopping = false;
  private readonly running = new Set<Promise<void>>();
  private readonly controllers = new Set<AbortController>();
  private wake: (() => void) | undefined;

  constructor(
    private readonly deps: PipelineDeps,
    private readonly options: WorkerOptions,
    id = newWorkerId(),
  ) {
    this.id = id;
  }

  /** Runs jobs until the queue is empty (`once`) or until stop() (service mode). */
  async run(mode: 'once' | 'forever'): Promise<void> {
    await this.removeAbandonedWorkDirs();
    const slots = Array.from({ length: this.options.concurrency }, () => this.loop(mode));
    await Promise.all(slots);
  }

  private async loop(mode: 'once' | 'forever'): Promise<void> {
    while (!this.stopping) {
      const row = await this.deps.store.claimNext(this.id, this.options.leaseSeconds * 1000);
      if (!row) {
        if (mode === 'once') return;
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, this.options.idleMs ?? 2000);
          this.wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
        continue;
      }
      const job = this.runOne(row);
      this.running.add(job);
      await job;
      this.running.delete(job);
    }
  }

  /** Ends the idle wait early (a new job was enqueued). */
  poke(): void {
    this.wake?.();
  }

  private async runOne(row: RecordingRow): Promise<void> {
    const { store, logger } = this.deps;
    const controller = new AbortController();
    this.controllers.add(controller);
    const leaseMs = this.options.leaseSeconds * 1000;
    const beat = setInterval(() => {
      store
        .heartbeat(row.id, this.id, leaseMs)
        .then((held) => {
          if (!held) {
            logger.warn({ recordingId: row.id }, 'lease lost; cancelling this attempt');
            controller.abort();
          }
        })
        .catch((error: unknown) => logger.warn({ recordingId: row.id, err: error }, 'heartbeat failed'));
    }, Math.max(1000, leaseMs / 3));
    try {
      await runRecordingJob(this.deps, row, this.id, controller.signal);
      this.options.onJobDone?.(row, 'published');
    } catch (raw) {
      const error = toZoomhlsError(raw);
      if (this.stopping && controller.signal.aborted) {
        await store.release(row.id, this.id);
        logger.info({ recordingId: row.id }, 'released the job for another worker (shutting down)');
        this.options.onJobDone?.(row, 'released');
      } else {
        const state = await store.recordFailure(row.id, this.id, error);
        logger.error({ recordingId: row.id, code: error.code, state, err: { message: error.message } }, 'job attempt failed');
        this.options.onJobDone?.(row, state === 'failed' ? 'failed' : 'pending');
      }
    } finally {
      clearInterval(beat);
      this.controllers.delete(controller);
    }
  }

  /**
   * Graceful stop: no new jobs; running jobs get `graceMs` to finish, then are cancelled and
   * their leases released so another worker resumes them at once.
   */
  async stop(graceMs = 30_000): Promise<void> {
    this.stopping = true;
    this.wake?.();
    const all = Promise.all([...this.running]);
    const timedOut = await Promise.race([all.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), graceMs).unref())]);
    if (timedOut) {
      for (const c of this.controllers) c.abort();
      await all;
    }
  }

  /** Work dirs of a worker that died (SIGKILL) are removed by the next worker that starts. */
  private async removeAbandonedWorkDirs(): Promise<void> {
    const root = this.deps.settings.workDir;
    await fsp.mkdir(root, { recursive: true });
    for (const name of await fsp.readdir(root)) {
      const match = /^job-(\d+)-/.exec(name);
      if (!match) continue;
      const row = await this.deps.store.get(Number(match[1]));
      const leasedNow = row?.lease_owner && row.lease_expires_at && row.lease_expires_at > Date.now();
      if (!leasedNow) await fsp.rm(path.join(root, name), { recursive: true, force: true });
    }
  }
}
