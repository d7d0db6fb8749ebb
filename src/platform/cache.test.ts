import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VersionedCache } from './cache.ts';

describe('VersionedCache (bounded, per content version)', () => {
  const keys = (c: VersionedCache<number>, version: number, all: string[]) => all.filter((k) => c.get(k, version) !== undefined);

  it('drops the least recently used entry first, a hit counting as a use', () => {
    const c = new VersionedCache<number>(3);
    for (const [i, k] of ['a', 'b', 'c'].entries()) c.set(k, 1, i);
    assert.equal(c.get('a', 1), 0); // now b is the oldest
    c.set('d', 1, 3);
    assert.equal(c.get('b', 1), undefined);
    assert.equal(c.size, 3);
    c.get('c', 1);
    c.set('e', 1, 4); // a, d, c used in that order: a goes
    assert.deepEqual(keys(c, 1, ['a', 'b', 'c', 'd', 'e']), ['c', 'd', 'e']);
  });

  it('keeps to its byte budget, and a key set again replaces its weight', () => {
    const c = new VersionedCache<number>(100, { maxBytes: 10, sizeOf: (v) => v });
    c.set('a', 1, 4);
    c.set('b', 1, 4);
    c.set('a', 1, 2);
    assert.equal(c.weight, 6);
    c.set('c', 1, 5); // 11 bytes: b, now the oldest, goes
    assert.deepEqual(keys(c, 1, ['a', 'b', 'c']), ['a', 'c']);
    assert.equal(c.weight, 7);
    c.set('big', 1, 50); // never the entry just set
    assert.deepEqual(keys(c, 1, ['a', 'c', 'big']), ['big']);
  });

  it('forgets everything when the version moves, and keeps nothing rendered for an older one', () => {
    const c = new VersionedCache<number>(10);
    c.set('a', 2, 1);
    assert.equal(c.get('a', 3), undefined);
    assert.equal(c.size, 0);
    c.set('b', 2, 1);
    assert.equal(c.get('b', 3), undefined);
  });
});
