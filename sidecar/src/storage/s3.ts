import fs from 'node:fs';
import fsp from 'node:fs/promises';
import {
  S3Client,
  PutObjectCommand,
  ListObjectsV2Command,
  DeleteObjectsCommand,
  HeadBucketCommand,
  GetObjectCommand,
  NoSuchKey,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { ZoomhlsError } from '../errors.js';
import { createLimiter } from './limiter.js';
import { objectMetaFor } from './media-types.js';
import type { Storage } from './storage.js';

export interface S3Options {
  bucket: string;
  region: string;
  accelerate: boolean;
  endpoint: string | undefined;
  forcePathStyle: boolean;
  concurrency: number;
  /** Only for S3-compatible test servers; production uses the standard AWS credential chain. */
  credentials?: S3ClientConfig['credentials'];
  /** Objects at or above this size go up as multipart uploads. */
  multipartThreshold?: number;
}

const DEFAULT_MULTIPART_THRESHOLD = 16 * 1024 * 1024;
const PART_SIZE = 8 * 1024 * 1024;

/** S3 (or an S3-compatible server) through @aws-sdk/client-s3, with bounded concurrency. */
export class S3Storage implements Storage {
  readonly kind = 's3' as const;
  readonly client: S3Client;
  private readonly limit: ReturnType<typeof createLimiter>;

  get bucket(): string {
    return this.options.bucket;
  }

  constructor(private readonly options: S3Options) {
    this.client = new S3Client(s3ClientConfig(options));
    this.limit = createLimiter(options.concurrency);
  }

  async putFile(key: string, filePath: string): Promise<number> {
    return this.limit(async () => {
      const { size } = await fsp.stat(filePath);
      const meta = objectMetaFor(key);
      try {
        if (size >= (this.options.multipartThreshold ?? DEFAULT_MULTIPART_THRESHOLD)) {
          const upload = new Upload({
            client: this.client,
            params: {
              Bucket: this.options.bucket,
              Key: key,
              Body: fs.createReadStream(filePath),
              ContentType: meta.contentType,
              CacheControl: meta.cacheControl,
            },
            partSize: PART_SIZE,
            queueSize: 4,
            leavePartsOnError: false,
          });
          await upload.done();
        } else {
          // Small objects: one PUT from a buffer, so the SDK can retry it without re-opening a stream.
          const body = await fsp.readFile(filePath);
          await this.client.send(
            new PutObjectCommand({
              Bucket: this.options.bucket,
              Key: key,
              Body: body,
              ContentType: meta.contentType,
              CacheControl: meta.cacheControl,
            }),
          );
        }
      } catch (cause) {
        throw storageError(`upload of ${key}`, this.options.bucket, cause);
      }
      return size;
    });
  }

  async putText(key: string, text: string): Promise<number> {
    return this.limit(async () => {
      const meta = objectMetaFor(key);
      try {
        await this.client.send(
          new PutObjectCommand({
            Bucket: this.options.bucket,
            Key: key,
            Body: text,
            ContentType: meta.contentType,
            CacheControl: meta.cacheControl,
          }),
        );
      } catch (cause) {
        throw storageError(`upload of ${key}`, this.options.bucket, cause);
      }
      return Buffer.byteLength(text);
    });
  }

  async getText(key: string): Promise<string | undefined> {
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: key }));
      return await res.Body!.transformToString();
    } catch (cause) {
      if (cause instanceof NoSuchKey || (cause as { name?: string }).name === 'NoSuchKey') return undefined;
      throw storageError(`read of ${key}`, this.options.bucket, cause);
    }
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    try {
      do {
        const page = await this.client.send(
          new ListObjectsV2Command({ Bucket: this.options.bucket, Prefix: prefix, ContinuationToken: token }),
        );
        for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    } catch (cause) {
      throw storageError(`listing ${prefix}`, this.options.bucket, cause);
    }
    return keys.sort();
  }

  async deleteMany(keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000);
      try {
        await this.client.send(
          new DeleteObjectsCommand({
            Bucket: this.options.bucket,
            Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
          }),
        );
      } catch (cause) {
        throw storageError(`deleting ${batch.length} objects`, this.options.bucket, cause);
      }
    }
  }

  async check(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.options.bucket }));
    } catch (cause) {
      throw storageError('HeadBucket', this.options.bucket, cause);
    }
  }
}

/** Pure: the client settings for AWS (accelerated by default) or an S3-compatible endpoint. */
export function s3ClientConfig(options: S3Options): S3ClientConfig {
  return {
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    forcePathStyle: options.forcePathStyle,
    // Acceleration exists only on AWS; S3-compatible servers have no such endpoint.
    useAccelerateEndpoint: options.endpoint ? false : options.accelerate,
    // The SDK retries throttling, 5xx and network errors with exponential backoff and jitter.
    maxAttempts: 5,
    retryMode: 'adaptive',
    requestChecksumCalculation: 'WHEN_REQUIRED',
    ...(options.credentials ? { credentials: options.credentials } : {}),
  };
}

function storageError(what: string, bucket: string, cause: unknown): ZoomhlsError {
  const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
  return new ZoomhlsError('STORAGE_FAILED', `S3 ${what} in bucket ${bucket} failed (${reason})`, { cause });
}
