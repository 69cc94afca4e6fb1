import type { Db } from '../db/index.js';

const TABLE = 'zoomhls_access_token_ids';

/**
 * Single use of token ids (jti), shared by every sidecar process through the database: the
 * primary key makes the first insert win and every replay fail, on SQLite and MariaDB alike.
 */
export class TokenIdStore {
  private lastPrune = 0;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
    /** How often (ms) expired ids are deleted, at most. */
    private readonly pruneEveryMs = 60_000,
  ) {}

  /** Records the id; false when it was used before. */
  async consume(jti: string, expiresAtSeconds: number): Promise<boolean> {
    try {
      await this.db.knex(TABLE).insert({ jti, expires_at: expiresAtSeconds });
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
    if (this.now() - this.lastPrune >= this.pruneEveryMs) {
      this.lastPrune = this.now();
      await this.prune();
    }
    return true;
  }

  /** Deletes ids whose tokens have expired (a replay of those fails on `exp` anyway). */
  async prune(): Promise<number> {
    return this.db.knex(TABLE).where('expires_at', '<', Math.floor(this.now() / 1000)).delete();
  }

  async count(): Promise<number> {
    const row = (await this.db.knex(TABLE).count({ n: '*' }).first()) as { n: number | string } | undefined;
    return Number(row?.n ?? 0);
  }
}

function isDuplicateKey(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
