import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';

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
});
