import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';

export type DbClient = 'sqlite' | 'mysql';

export interface Db {
  knex: Knex;
  client: DbClient;
  close(): Promise<void>;
}

/** Opens `sqlite:<path>` (better-sqlite3) or `mysql://…` (mysql2, MariaDB ≥10.6 / MySQL 8). */
export function connectDb(options: { url: string }): Db {
  if (options.url.startsWith('sqlite:')) {
    const file = options.url.slice('sqlite:'.length);
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: file },
      useNullAsDefault: true,
      pool: {
        min: 1,
        max: 1,
        // WAL lets several worker processes read while one writes; busy_timeout makes a writer
        // wait for the lock instead of failing at once when another process holds it.
        afterCreate(conn: { pragma(sql: string): unknown }, done: (err: Error | null, conn: unknown) => void) {
          conn.pragma('journal_mode = WAL');
          // In WAL mode NORMAL syncs at checkpoints, not on every commit: the file can never be
          // corrupted, and a power cut may only roll back the last commits (a job then resumes, a
          // token id is forgotten minutes before its token expires). FULL made every single-use
          // token id insert wait ~0.35 ms for fsync on the event loop (bench/access).
          conn.pragma('synchronous = NORMAL');
          conn.pragma('busy_timeout = 10000');
          conn.pragma('foreign_keys = ON');
          done(null, conn);
        },
      },
    });
    return { knex, client: 'sqlite', close: () => knex.destroy() };
  }
  const knex = knexFactory({
    client: 'mysql2',
    connection: { uri: options.url, charset: 'utf8mb4', timezone: 'Z' } as Knex.MySql2ConnectionConfig,
    pool: { min: 0, max: 10 },
  });
  return { knex, client: 'mysql', close: () => knex.destroy() };
}
