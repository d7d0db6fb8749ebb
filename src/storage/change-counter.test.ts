import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { KyselyPlugin } from 'kysely';
import { testDialect, testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { ChangeCounter } from './change-counter.ts';

describe('the content version (change counter), read on every public request', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('never gives a bump that is not committed: a read begun inside a write that is undone gives the old version', async () => {
    const before = await rt.repos.changes.read();
    let during: Promise<number> | undefined;
    await assert.rejects(
      rt.repos.db.kysely.transaction().execute(async (tx) => {
        await tx.updateTable('change_counter').set({ value: before + 1 }).where('id', '=', 1).execute();
        during = rt.repos.changes.read();
        throw new Error('undone');
      }),
      /undone/,
    );
    assert.equal(await during, before);
    assert.equal(await rt.repos.changes.read(), before);
  });

  it('gives a committed bump at once', async () => {
    const before = await rt.repos.changes.read();
    await rt.repos.write(async (tx) => rt.repos.settings.set('cc.one', '1', tx), { invalidates: ['home:ar'] });
    assert.equal(await rt.repos.changes.read(), before + 1);
  });

  // SQLite reads it synchronously, without a statement: only PostgreSQL sends one.
  if (testDialect() === 'postgres') {
    it('is read once for all who ask in the same turn, and afresh for who asks after a write', async () => {
      let statements = 0;
      const counting: KyselyPlugin = { transformQuery: (a) => a.node, transformResult: async (a) => (statements++, a.result) };
      const changes = new ChangeCounter(rt.repos.db.kysely.withPlugin(counting));
      const before = await changes.read();
      statements = 0;
      const together = await Promise.all(Array.from({ length: 16 }, () => changes.read()));
      assert.deepEqual(together, Array(16).fill(before));
      assert.equal(statements, 1);
      await rt.repos.write(async (tx) => rt.repos.settings.set('cc.two', '2', tx), { invalidates: ['home:ar'] });
      assert.equal(await changes.read(), before + 1);
      assert.equal(statements, 2);
    });
  }
});
