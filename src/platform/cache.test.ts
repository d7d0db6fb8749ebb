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
  it('swaps a value in place (its recency kept, its bytes counted anew), only where it is still kept at that version', () => {
    const c = new VersionedCache<string>(10, { maxBytes: 10, sizeOf: (v) => v.length });
    c.set('a', 1, 'aaaaaa');
    c.set('b', 1, 'bb');
    assert.equal(c.swap('a', 1, 'aaaaaa', 'a'), true);
    assert.equal(c.weight, 3);
    c.set('c', 1, 'ccccccc'); // 10 bytes: nothing goes; then 'd' pushes out the oldest, 'a'
    c.set('d', 1, 'd');
    assert.equal(c.get('a', 1), undefined);
    assert.equal(c.swap('b', 1, 'not what is kept', 'x'), false);
    assert.equal(c.swap('b', 0, 'bb', 'x'), false, 'an older version: refused, and nothing forgotten');
    assert.equal(c.get('b', 1), 'bb');
  });
});
