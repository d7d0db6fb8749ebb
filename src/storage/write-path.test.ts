import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { InvalidationKey } from '../domain/invalidation.ts';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';

describe('the write path: one transaction that says what it invalidates', () => {
  let rt: TestRuntime;
  let heard: (readonly InvalidationKey[])[];
  beforeEach(async () => {
    rt = await testRuntime();
    heard = [];
    rt.repos.onWrite((keys) => heard.push(keys));
  });
  afterEach(() => rt.close());

  const setting = async (key: string) => (await rt.repos.settings.get(key)) ?? undefined;

  it('moves the content version inside the transaction and announces the keys after the commit', async () => {
    const before = await rt.repos.changes.read();
    await rt.repos.write(async (tx) => rt.repos.settings.set('w.one', '1', tx), { invalidates: ['article:7', 'home:ar'] });
    assert.equal(await rt.repos.changes.read(), before + 1);
    assert.deepEqual(heard, [['article:7', 'home:ar']]);
    assert.equal(await setting('w.one'), '1');
  });

  it('leaves the version alone and announces nothing for a write no reader sees', async () => {
    const before = await rt.repos.changes.read();
    await rt.repos.write(async (tx) => rt.repos.settings.set('w.draft', 'x', tx), { invalidates: [] });
    assert.equal(await rt.repos.changes.read(), before);
    assert.deepEqual(heard, []);
    assert.equal(await setting('w.draft'), 'x');
  });

  it('takes keys known only inside the write, and from its result, once each', async () => {
    const n = await rt.repos.write(
      async (tx, touch) => {
        await rt.repos.settings.set('w.inside', 'y', tx);
        touch('section:3', 'article:9');
        return 9;
      },
      { invalidates: (id) => [`article:${id}`] },
    );
    assert.equal(n, 9);
    assert.deepEqual(heard, [['article:9', 'section:3']]);
  });

  it('writes nothing, moves nothing and announces nothing when the write fails', async () => {
    const before = await rt.repos.changes.read();
    await assert.rejects(
      rt.repos.write(
        async (tx, touch) => {
          await rt.repos.settings.set('w.failed', 'z', tx);
          touch('home:ar');
          throw new Error('refused after writing');
        },
        { invalidates: ['feed:ar'] },
      ),
      /refused after writing/,
    );
    assert.equal(await rt.repos.changes.read(), before);
    assert.equal(await setting('w.failed'), undefined);
    assert.deepEqual(heard, []);
  });

  it('keeps the writer whole when a listener fails', async () => {
    rt.repos.onWrite(() => {
      throw new Error('a broken listener');
    });
    await rt.repos.write(async (tx) => rt.repos.settings.set('w.listener', '1', tx), { invalidates: ['tag:4'] });
    assert.deepEqual(heard, [['tag:4']]);
  });
});
