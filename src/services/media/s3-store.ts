import type { Readable } from 'node:stream';
import type * as S3 from '@aws-sdk/client-s3';
import { mediaStoreName, type S3Location } from '../../config.ts';
import { lazyModule } from '../../platform/lazy-module.ts';
import { storeUnavailable, type MediaStore, type StoredObject } from './media-store.ts';

// The SDK costs megabytes: loaded by the first process that uses a bucket.
const sdk = lazyModule<typeof S3>('@aws-sdk/client-s3');

/** "Not there" as S3 and its look-alikes say it (a HEAD has no body, so only the status tells). */
function notFound(e: unknown): boolean {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err.name === 'NoSuchKey' || err.name === 'NotFound' || err.$metadata?.httpStatusCode === 404;
}

/**
 * Media in an S3-compatible bucket (MEDIA_STORE=s3://bucket/prefix): each key under the prefix.
 * A PUT is whole or absent, so there is nothing to sweep. Failures (refused, unreachable, denied)
 * become `Unavailable` after one retry; a connection that cannot be made gives up in seconds, so
 * an upload or an image request is not held for the SDK's default minutes.
 */
export class S3Store implements MediaStore {
  readonly name: string;
  readonly address: string;
  private client: S3.S3Client | null = null;

  constructor(private readonly at: S3Location) {
    this.name = mediaStoreName({ kind: 's3', ...at });
    const tail = at.prefix ? `/${at.prefix}` : '';
    if (!at.endpoint) this.address = `https://${at.bucket}.s3.${at.region}.amazonaws.com${tail}`;
    else if (at.forcePathStyle) this.address = `${at.endpoint}/${at.bucket}${tail}`;
    else {
      const u = new URL(at.endpoint);
      this.address = `${u.protocol}//${at.bucket}.${u.host}${tail}`;
    }
  }

  private s3(): S3.S3Client {
    const { S3Client } = sdk();
    this.client ??= new S3Client({
      region: this.at.region,
      ...(this.at.endpoint && { endpoint: this.at.endpoint }),
      forcePathStyle: this.at.forcePathStyle,
      ...(this.at.credentials && { credentials: { ...this.at.credentials } }),
      // Checksums only where the API demands them: S3-compatible servers (s3rver, older MinIO)
      // refuse the SDK's newer default; AWS takes either.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 2,
      requestHandler: { connectionTimeout: 3000, requestTimeout: 30_000 },
    });
    return this.client;
  }

  private key(key: string): string {
    return this.at.prefix ? `${this.at.prefix}/${key}` : key;
  }

  private fail(e: unknown): never {
    throw storeUnavailable({ kind: 's3', ...this.at }, e);
  }

  async put(key: string, data: Buffer, contentType: string): Promise<void> {
    try {
      await this.s3().send(new (sdk().PutObjectCommand)({
        Bucket: this.at.bucket, Key: this.key(key), Body: data, ContentType: contentType, ContentLength: data.length,
        // What a CDN or browser reading the bucket directly keeps: names are never reused.
        CacheControl: 'public, max-age=31536000, immutable',
      }));
    } catch (e) {
      this.fail(e);
    }
  }

  async head(key: string): Promise<StoredObject | null> {
    try {
      const r = await this.s3().send(new (sdk().HeadObjectCommand)({ Bucket: this.at.bucket, Key: this.key(key) }));
      return { key, size: Number(r.ContentLength ?? 0) };
    } catch (e) {
      if (notFound(e)) return null;
      this.fail(e);
    }
  }

  async get(key: string) {
    try {
      const r = await this.s3().send(new (sdk().GetObjectCommand)({ Bucket: this.at.bucket, Key: this.key(key) }));
      return { key, size: Number(r.ContentLength ?? 0), body: r.Body as Readable };
    } catch (e) {
      if (notFound(e)) return null;
      this.fail(e);
    }
  }

  async delete(keys: readonly string[]): Promise<void> {
    // One DELETE each (an image has a dozen files): DeleteObjects needs a Content-MD5 not every
    // S3-compatible server agrees on.
    // All settled before answering: a retry still in flight must not outlive the call.
    const done = await Promise.allSettled(keys.map((k) => this.s3().send(new (sdk().DeleteObjectCommand)({ Bucket: this.at.bucket, Key: this.key(k) }))));
    const failed = done.find((d) => d.status === 'rejected' && !notFound(d.reason));
    if (failed) this.fail((failed as PromiseRejectedResult).reason);
  }

  async *list(prefix = ''): AsyncIterable<StoredObject> {
    const base = this.at.prefix ? `${this.at.prefix}/` : '';
    let token: string | undefined;
    do {
      let page: S3.ListObjectsV2CommandOutput;
      try {
        page = await this.s3().send(new (sdk().ListObjectsV2Command)({ Bucket: this.at.bucket, Prefix: base + prefix, ...(token && { ContinuationToken: token }) }));
      } catch (e) {
        this.fail(e);
      }
      for (const o of page.Contents ?? []) if (o.Key) yield { key: o.Key.slice(base.length), size: Number(o.Size ?? 0) };
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  /** The client's sockets closed (a CLI run ends without waiting for them to time out). */
  close(): void {
    this.client?.destroy();
  }
}
