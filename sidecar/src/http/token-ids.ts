import type { Db } from '../db/index.js';

const TABLE = 'zoomhls_access_token_ids';
/** Rows per INSERT: two bind variables each, far below SQLite's and MySQL's limits. */
const MAX_BATCH = 500;

interface Pending {
  jti: string;
  expiresAt: number;
  resolve(fresh: boolean): void;
  reject(error: unknown): void;
}

/**
 * Single use of token ids (jti), shared by every sidecar process through the database: the
 * primary key makes the first insert win and every replay fail, on SQLite and MariaDB alike.
 *
 * Ids are written in batches (group commit): every id that arrives while the previous INSERT is
 * running, or in the same event-loop turn, goes into one multi-row INSERT. At a login storm that
 * is one statement and one commit for dozens of requests instead of one each, which is what made
 * the insert the biggest cost of `/v1/access` (bench/access). A multi-row INSERT is atomic, so
 * when one id of a batch was used before the whole statement fails and the batch is retried one
 * row at a time to tell the replay apart; replays are rare, so that path may be slow.
 */
export class TokenIdStore {
  private lastPrune = 0;
  private queue: Pending[] = [];
  private flushing = false;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
    /** How often (ms) expired ids are deleted, at most. */
    private readonly pruneEveryMs = 60_000,
  ) {}

  /** Records the id; false when it was used before. */
  consume(jti: string, expiresAtSeconds: number): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.queue.push({ jti, expiresAt: expiresAtSeconds, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        // setImmediate: requests parsed in the same I/O phase join this batch.
        setImmediate(() => void this.flush());
      }
    });
  }

  /** Deletes ids whose tokens have expired (a replay of those fails on `exp` anyway). */
  async prune(): Promise<number> {
    return this.db.knex(TABLE).where('expires_at', '<', Math.floor(this.now() / 1000)).delete();
  }

  async count(): Promise<number> {
    const row = (await this.db.knex(TABLE).count({ n: '*' }).first()) as { n: number | string } | undefined;
    return Number(row?.n ?? 0);
  }

  /** Writes queued ids until the queue is empty; only one flush runs at a time. */
  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      if (this.now() - this.lastPrune >= this.pruneEveryMs) {
        this.lastPrune = this.now();
        await this.prune().catch(() => undefined); // housekeeping: a failure shows in the insert below
      }
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        await this.insertBatch(batch);
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
    }
    this.flushing = false;
  }

  private async insertBatch(batch: Pending[]): Promise<void> {
    // The same id twice in one batch: the first wins, later ones are replays.
    const first = new Map<string, Pending>();
    const repeats: Pending[] = [];
    for (const p of batch) {
      if (first.has(p.jti)) repeats.push(p);
      else first.set(p.jti, p);
    }
    const unique = [...first.values()];
    try {
      await this.db.knex(TABLE).insert(unique.map((p) => ({ jti: p.jti, expires_at: p.expiresAt })));
      for (const p of unique) p.resolve(true);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      for (const p of unique) p.resolve(await this.insertOne(p));
    }
    for (const p of repeats) p.resolve(false);
  }

  private async insertOne(p: Pending): Promise<boolean> {
    try {
      await this.db.knex(TABLE).insert({ jti: p.jti, expires_at: p.expiresAt });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }
}

function isDuplicateKey(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
