/** What the pipeline and the edge need from a place to keep published objects. */
export interface Storage {
  readonly kind: 'local' | 's3';
  /** Uploads a local file under `key`; returns its size in bytes. Overwrites (idempotent). */
  putFile(key: string, filePath: string): Promise<number>;
  /** Stores a small text object (playlists). */
  putText(key: string, text: string): Promise<number>;
  /** Reads a small text object back (a published playlist); undefined when absent. */
  getText(key: string): Promise<string | undefined>;
  /** Every key under a prefix (ending in `/`). */
  list(prefix: string): Promise<string[]>;
  deleteMany(keys: string[]): Promise<void>;
  /** Throws when the storage cannot be reached (for /healthz). */
  check(): Promise<void>;
}
