import type { Readable } from 'node:stream';
import { type MediaStoreLocation, mediaStoreName } from '../../config.ts';
import { Unavailable } from '../../domain/errors.ts';

/** One stored file. */
export interface StoredObject {
  key: string;
  size: number;
}

/**
 * Where the library's files live: `<name>/<file>` keys (media-urls.ts objectKey), the original
 * and every variant of an image side by side. Keys are never reused, so nothing is overwritten.
 * A store that cannot be reached throws `Unavailable` (the edges answer 503); a missing object is
 * null, not an error.
 */
export interface MediaStore {
  /** As MEDIA_STORE spells it (messages, reports). */
  readonly name: string;
  /** Where the objects can be read from outside (a bucket's own address), or null (a folder). */
  readonly address: string | null;
  /** Writes one object whole (a reader never sees it half-written). */
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<(StoredObject & { body: Readable }) | null>;
  head(key: string): Promise<StoredObject | null>;
  /** Removes the objects (those already gone are no error). */
  delete(keys: readonly string[]): Promise<void>;
  /** Every object whose key starts with `prefix` (all of them without one), in pages. */
  list(prefix?: string): AsyncIterable<StoredObject>;
  /** Leftovers of writes a crash interrupted, older than `olderThanMs` (a store whose writes are atomic has none). */
  sweep?(now: Date, olderThanMs?: number): Promise<number>;
  /** Lets go of connections (a CLI run ends at once). */
  close?(): void;
}

/** The media store (not the database) could not be reached: what the uploader is told differs. */
export class MediaStoreUnavailable extends Unavailable {}

/** The store failed: one message naming it, never its credentials. */
export function storeUnavailable(l: MediaStoreLocation, e: unknown): MediaStoreUnavailable {
  return new MediaStoreUnavailable(`media store ${mediaStoreName(l)} (${(e as Error)?.name ?? 'Error'}: ${(e as Error)?.message ?? String(e)})`, { cause: e });
}
