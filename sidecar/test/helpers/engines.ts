import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import knexFactory from 'knex';
import { connectDb, migrate, type Db } from '../../src/db/index.js';

/**
 * The database engines every DB test runs on: SQLite always, MariaDB/MySQL when
 * ZOOMHLS_TEST_MYSQL_URL is set (CI sets it). Each call gets a fresh, empty database.
 */
export interface Engine {
  name: 'sqlite' | 'mysql';
  open(): Promise<{ db: Db; url: string; drop(): Promise<void> }>;
}

export const MYSQL_URL = process.env['ZOOMHLS_TEST_MYSQL_URL'];

export function engines(): Engine[] {
  const list: Engine[] = [
    {
      name: 'sqlite',
      async open() {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zoomhls-db-'));
        const url = `sqlite:${path.join(dir, 'test.sqlite')}`;
        const db = connectDb({ url });
        await migrate(db.knex);
        return { db, url, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
      },
    },
  ];
  if (MYSQL_URL) {
    list.push({
      name: 'mysql',
      async open() {
        const name = `zoomhls_t_${randomBytes(5).toString('hex')}`;
        const admin = knexFactory({ client: 'mysql2', connection: { uri: MYSQL_URL } as never });
        await admin.raw(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
        await admin.destroy();
        const u = new URL(MYSQL_URL);
        u.pathname = `/${name}`;
        const url = u.toString();
        const db = connectDb({ url });
        await migrate(db.knex);
        return {
          db,
          url,
          drop: async () => {
            const a = knexFactory({ client: 'mysql2', connection: { uri: MYSQL_URL } as never });
            await a.raw(`DROP DATABASE IF EXISTS \`${name}\``);
            await a.destroy();
          },
        };
      },
    });
  } else {
    console.warn('MariaDB/MySQL DB tests skipped: ZOOMHLS_TEST_MYSQL_URL is not set (CI sets it).');
  }
  return list;
}
