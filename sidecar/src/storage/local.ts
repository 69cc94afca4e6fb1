import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ZoomhlsError } from '../errors.js';
import type { Storage } from './storage.js';

/** A directory standing in for the bucket, served by the built-in edge (`GET /media/*`). */
export class LocalStorage implements Storage {
  readonly kind = 'local' as const;

  constructor(readonly root: string) {}

  /** Maps a key to a path, refusing any key that would leave the root. */
  resolve(key: string): string {
    const full = path.resolve(this.root, key);
    if (full !== this.root && !full.startsWith(this.root + path.sep)) {
      throw new ZoomhlsError('STORAGE_FAILED', `Refusing object key outside the media folder: ${JSON.stringify(key)}`);
    }
    return full;
  }

  async putFile(key: string, filePath: string): Promise<number> {
    const target = this.resolve(key);
    await fsp.mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await fsp.copyFile(filePath, tmp);
      await fsp.rename(tmp, target);
    } catch (cause) {
      await fsp.rm(tmp, { force: true });
      throw new ZoomhlsError('STORAGE_FAILED', `Could not store ${key} in ${this.root}`, { cause });
    }
    return (await fsp.stat(target)).size;
  }

  async putText(key: string, text: string): Promise<number> {
    const target = this.resolve(key);
    await fsp.mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await fsp.writeFile(tmp, text);
      await fsp.rename(tmp, target);
    } catch (cause) {
      await fsp.rm(tmp, { force: true });
      throw new ZoomhlsError('STORAGE_FAILED', `Could not store ${key} in ${this.root}`, { cause });
    }
    return Buffer.byteLength(text);
  }

  async getText(key: string): Promise<string | undefined> {
    try {
      return await fsp.readFile(this.resolve(key), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new ZoomhlsError('STORAGE_FAILED', `Could not read ${key} from ${this.root}`, { cause: error });
    }
  }

  async list(prefix: string): Promise<string[]> {
    const dir = this.resolve(prefix);
    const out: string[] = [];
    const walk = async (d: string) => {
      let entries: fs.Dirent[];
      try {
        entries = await fsp.readdir(d, { withFileTypes: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw error;
      }
      for (const e of entries) {
        const full = path.join(d, e.name);
        if (e.isDirectory()) await walk(full);
        else if (!e.name.endsWith('.tmp')) out.push(path.relative(this.root, full).split(path.sep).join('/'));
      }
    };
    await walk(dir);
    return out.sort();
  }

  async deleteMany(keys: string[]): Promise<void> {
    await Promise.all(keys.map((k) => fsp.rm(this.resolve(k), { force: true })));
  }

  async check(): Promise<void> {
    await fsp.mkdir(this.root, { recursive: true });
    await fsp.access(this.root, fs.constants.W_OK);
  }
}
