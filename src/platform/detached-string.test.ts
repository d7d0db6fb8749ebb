import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { detached } from './detached-string.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** The heap's growth while `keep` holds what `make` returns for each of 100 one-megabyte chunks. */
function heapKeptBy(make: (chunk: string) => string): number {
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept: string[] = [];
  for (let i = 0; i < 100; i++) {
    const chunk = `${i}`.padEnd(1024 * 1024, 'x') + 'user@example.org and more';
    kept.push(make(chunk.slice(1024 * 1024 - 2, 1024 * 1024 + 16)));
  }
  gc();
  const grown = process.memoryUsage().heapUsed - before;
  assert.equal(kept.length, 100);
  return grown;
}

describe('a detached string', () => {
  it('is equal to the string it copies, Arabic and short strings too', () => {
    for (const s of ['', 'قصير', 'a'.repeat(12), 'محمد@example.org والمزيد من النص', 'x'.repeat(5000)]) assert.equal(detached(s), s);
  });

  it('lets the chunk it was cut from go: a kept slice of each of 100 one-megabyte chunks keeps about nothing', () => {
    const slices = heapKeptBy((s) => s);
    const copies = heapKeptBy(detached);
    assert.ok(slices > 50 * 1024 * 1024, `kept slices should pin their chunks (grew ${slices} bytes)`);
    assert.ok(copies < 5 * 1024 * 1024, `detached copies grew the heap by ${copies} bytes`);
  });
});
