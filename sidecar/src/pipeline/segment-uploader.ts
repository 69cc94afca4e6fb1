import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Storage } from '../storage/index.js';
import { parseMediaPlaylist } from './playlist.js';

/**
 * Uploads segments while ffmpeg is still encoding. ffmpeg (with `temp_file`) renames a segment
 * into place and then rewrites its playlist atomically, so a segment listed in the playlist is
 * complete: we follow the playlists and upload each newly listed segment at once. Publishing
 * then ends soon after encoding does.
 */
export class SegmentUploader {
  private readonly scheduled = new Set<string>();
  private readonly uploads: Array<Promise<void>> = [];
  private timer: NodeJS.Timeout | undefined;
  private scanning: Promise<void> = Promise.resolve();
  private firstError: unknown;
  bytesUploaded = 0;
  filesUploaded = 0;

  constructor(
    private readonly options: {
      storage: Storage;
      workDir: string;
      /** Playlists to follow, relative to workDir (e.g. `index.m3u8`, `v0/index.m3u8`). */
      playlists: string[];
      /** Object key for a file, given its path relative to workDir. */
      keyFor: (relativePath: string) => string;
      pollMs?: number;
      onUploaded?: (bytes: number, total: { bytes: number; files: number }) => void;
      onError?: (error: unknown) => void;
    },
  ) {}

  /** The first upload error, if any. */
  get error(): unknown {
    return this.firstError;
  }

  start(): void {
    this.timer = setInterval(() => {
      this.scanning = this.scanning.then(() => this.scan());
    }, this.options.pollMs ?? 50);
  }

  /** Stops following, uploads whatever is left and waits for every upload; throws the first error. */
  async finish(): Promise<{ bytes: number; files: number }> {
    if (this.timer) clearInterval(this.timer);
    await this.scanning;
    await this.scan();
    await Promise.allSettled(this.uploads);
    if (this.firstError) throw this.firstError;
    return { bytes: this.bytesUploaded, files: this.filesUploaded };
  }

  /** Stops without waiting for results (the job is being abandoned). */
  async abort(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.scanning.catch(() => undefined);
    await Promise.allSettled(this.uploads);
  }

  /** The segment files each playlist lists, relative to workDir. */
  async listedSegments(): Promise<string[]> {
    const out: string[] = [];
    for (const playlist of this.options.playlists) {
      let text: string;
      try {
        text = await fsp.readFile(path.join(this.options.workDir, playlist), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // not written yet
        throw error;
      }
      const dir = path.posix.dirname(playlist);
      for (const s of parseMediaPlaylist(text).segments) out.push(dir === '.' ? s.uri : `${dir}/${s.uri}`);
    }
    return out;
  }

  private async scan(): Promise<void> {
    if (this.firstError) return;
    let listed: string[];
    try {
      listed = await this.listedSegments();
    } catch (error) {
      this.fail(error);
      return;
    }
    for (const rel of listed) {
      if (this.scheduled.has(rel)) continue;
      this.scheduled.add(rel);
      const upload = this.options.storage
        .putFile(this.options.keyFor(rel), path.join(this.options.workDir, rel))
        .then((bytes) => {
          this.bytesUploaded += bytes;
          this.filesUploaded += 1;
          this.options.onUploaded?.(bytes, { bytes: this.bytesUploaded, files: this.filesUploaded });
        })
        .catch((error: unknown) => this.fail(error));
      this.uploads.push(upload);
    }
  }

  private fail(error: unknown): void {
    if (this.firstError) return;
    this.firstError = error;
    this.options.onError?.(error);
  }
}
