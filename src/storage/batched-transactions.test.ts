import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { TransactionBatcher } from './batched-transactions.ts';

describe('group commit: transactions begun at the same moment share one commit', () => {
  let rt: TestRuntime;
  let batcher: TransactionBatcher;
  before(async () => {
    rt = await testRuntime();
    batcher = new TransactionBatcher(rt.repos.db.kysely);
  });
  after(() => rt.close());

  const value = async (key: string) =>
    (await rt.repos.db.kysely.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value;

  it('runs each in turn, so each sees the writes of those before it', async () => {
    const [, seen] = await Promise.all([
      batcher.run((tx) => tx.insertInto('settings').values({ key: 'batch.first', value: '1' }).execute()),
      batcher.run(async (tx) => (await tx.selectFrom('settings').select('value').where('key', '=', 'batch.first').executeTakeFirst())?.value),
    ]);
    assert.equal(seen, '1');
    assert.equal(await value('batch.first'), '1');
  });

  it('rolls back a failing one alone (all of its writes, none of the others), and tells only its caller', async () => {
    const results = await Promise.allSettled([
      batcher.run((tx) => tx.insertInto('settings').values({ key: 'batch.kept-1', value: 'a' }).execute()),
      batcher.run(async (tx) => {
        await tx.insertInto('settings').values({ key: 'batch.undone', value: 'b' }).execute();
        throw new Error('refused after writing');
      }),
      batcher.run((tx) => tx.insertInto('settings').values({ key: 'batch.kept-2', value: 'c' }).execute()),
    ]);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.equal((results[1] as PromiseRejectedResult).reason.message, 'refused after writing');
    assert.equal(await value('batch.kept-1'), 'a');
    assert.equal(await value('batch.undone'), undefined);
    assert.equal(await value('batch.kept-2'), 'c');
  });
});
