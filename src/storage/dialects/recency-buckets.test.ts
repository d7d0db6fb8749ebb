import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { docKey } from '../search.ts';
import { BUCKET_KEYS, BUCKET_MINUTES, bucketLexeme, MAX_WINDOW_BUCKETS, nextBucketStart, recencyBucket, windowBuckets } from './recency-buckets.ts';

describe('recency buckets (PostgreSQL search windows)', () => {
  it('an article falls in the bucket of its publishing minute, whatever its id', () => {
    const t = Date.parse('2024-03-01T12:00:00Z');
    const minute = Math.floor(t / 60_000);
    const first = Math.floor(minute / BUCKET_MINUTES) * BUCKET_MINUTES;
    const at = (m: number, id: number) => docKey(new Date(m * 60_000).toISOString(), id);
    assert.equal(recencyBucket(at(first, 1)), first / BUCKET_MINUTES);
    assert.equal(recencyBucket(at(first + BUCKET_MINUTES - 1, 99_999_999)), first / BUCKET_MINUTES, 'the last key of a bucket');
    assert.equal(recencyBucket(at(first + BUCKET_MINUTES, 0)), first / BUCKET_MINUTES + 1, 'the first key of the next');
    assert.equal(nextBucketStart(recencyBucket(at(first, 1))), at(first + BUCKET_MINUTES, 0));
  });

  it('names buckets with a character no analyzed token holds', () => {
    assert.equal(bucketLexeme(5856), '~5856');
  });

  const day = (1440 / BUCKET_MINUTES) * BUCKET_KEYS; // the keys of one day
  const bounds = { oldest: 1000 * BUCKET_KEYS, newest: 1000 * BUCKET_KEYS + 1000 * day }; // 1,000 days of articles

  it('a window over the last days of a common word reads the buckets from its bound to the newest', () => {
    const bound = bounds.newest - 5 * day;
    const got = windowBuckets(bound, bounds, 0.4);
    assert.deepEqual(got, Array.from({ length: recencyBucket(bounds.newest) - recencyBucket(bound) + 1 }, (_, i) => recencyBucket(bound) + i));
  });

  it('no buckets when they would hold as many documents as the word itself (GIN then walks the word’s list)', () => {
    assert.equal(windowBuckets(bounds.newest - 5 * day, bounds, 0.005), null, 'a rare word: its own list is the shorter');
    assert.equal(windowBuckets(bounds.oldest, bounds, 1), null, 'the window is the whole edition');
  });

  it('no more than MAX_WINDOW_BUCKETS are named in one query', () => {
    const wide = bounds.newest - (MAX_WINDOW_BUCKETS + 1) * BUCKET_KEYS;
    assert.equal(windowBuckets(wide, bounds, 1), null);
    assert.ok(windowBuckets(bounds.newest - (MAX_WINDOW_BUCKETS - 2) * BUCKET_KEYS, bounds, 1)!.length <= MAX_WINDOW_BUCKETS);
  });
});
