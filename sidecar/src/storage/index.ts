import { LocalStorage } from './local.js';
import { S3Storage, type S3Options } from './s3.js';
import type { Storage } from './storage.js';

export type { Storage } from './storage.js';
export { LocalStorage } from './local.js';
export { S3Storage, s3ClientConfig, type S3Options } from './s3.js';
export { objectMetaFor, type ObjectMeta } from './media-types.js';
export { createLimiter } from './limiter.js';

export type StorageOptions = { kind: 'local'; mediaDir: string } | ({ kind: 's3' } & S3Options);

/** The one factory: local directory or S3, behind the same interface. */
export function createStorage(options: StorageOptions): Storage {
  return options.kind === 'local' ? new LocalStorage(options.mediaDir) : new S3Storage(options);
}
