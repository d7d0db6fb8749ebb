import { KEY_ID_SPAN } from '../search.ts';

/**
 * Recency buckets, for PostgreSQL's GIN index (dialects/postgres.ts). Each document's tsvector
 * also holds one lexeme naming the stretch of publishing time it falls in, BUCKET_MINUTES long.
 * A recency window then asks for its stems AND any of the window's buckets, and GIN walks the
 * shorter lists and seeks in the longer: a common stem's whole posting list is no longer decoded
 * into a bitmap only for the range on doc_key to drop nearly all of it (سعود, in 42,789 of
 * 100,000 articles: 5–10 ms; with the window's bucket, 1.5 ms).
 */
export const BUCKET_MINUTES = 4096; // ≈ 2.8 days: a few thousand articles on a busy news site

/** A doc_key span of one bucket. */
export const BUCKET_KEYS = BUCKET_MINUTES * KEY_ID_SPAN;

/** At most this many buckets are named in one query (each is a posting list GIN reads). */
export const MAX_WINDOW_BUCKETS = 32;

/** The bucket of a doc_key (docKey in storage/search.ts): exact integer division, keys reach 2^52. */
export function recencyBucket(docKey: number): number {
  return Number(BigInt(Math.trunc(docKey)) / BigInt(BUCKET_KEYS));
}

/** The lexeme naming a bucket: `~` is in no token the analyzer makes (letters and digits only). */
export function bucketLexeme(bucket: number): string {
  return `~${bucket}`;
}

/** The first doc_key of the bucket after `bucket`. */
export function nextBucketStart(bucket: number): number {
  return (bucket + 1) * BUCKET_KEYS;
}

/**
 * The buckets a window from `bound` up to `newest` reads, or null when naming them would not
 * help: more than MAX_WINDOW_BUCKETS, or together as common as the query's rarest requirement
 * (`share`, its share of documents) — GIN walks whichever lists are shorter, and the buckets'
 * documents are then no fewer than the stem's. `oldest` and `newest` bound the edition's keys:
 * the window's share of documents is taken as its share of that span (buckets rounded out).
 */
export function windowBuckets(bound: number, b: { newest: number; oldest: number }, share: number): number[] | null {
  const first = recencyBucket(bound);
  const last = recencyBucket(b.newest);
  if (last < first || last - first + 1 > MAX_WINDOW_BUCKETS) return null;
  const span = Math.max(1, b.newest - b.oldest);
  const covered = Math.min(b.newest, nextBucketStart(last) - 1) - Math.max(b.oldest, first * BUCKET_KEYS);
  if (!(covered / span < share / 2)) return null;
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}
