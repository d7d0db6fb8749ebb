import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { prepared } from './prepared.ts';

describe('prepared queries (compiled once, run with new values)', () => {
  let rt: TestRuntime;
  before(async () => {
    rt = await testRuntime();
  });
  after(async () => rt.close());

  const put = prepared<[string, string], { key: string }>((db, key, value) => db.insertInto('settings').values({ key, value }).returning('key'), 2);
  const valueOf = prepared<[string], { value: string }>((db, key) => db.selectFrom('settings').select('value').where('key', '=', key), 1);

  it('runs with the values of each call, not those it was compiled with', async () => {
    const k = rt.repos.db.kysely;
    await put(k, 'prepared.a', 'أ');
    await put(k, 'prepared.b', 'ب');
    assert.equal((await valueOf(k, 'prepared.a')).rows[0]?.value, 'أ');
    assert.equal((await valueOf(k, 'prepared.b')).rows[0]?.value, 'ب');
    assert.equal((await valueOf(k, 'prepared.none')).rows.length, 0);
  });

  it('runs inside a transaction, whose rollback undoes it', async () => {
    await assert.rejects(
      rt.repos.write(async (tx) => {
        await put(tx, 'prepared.rolled-back', 'x');
        assert.equal((await valueOf(tx, 'prepared.rolled-back')).rows[0]?.value, 'x');
        throw new Error('roll back');
      }, { invalidates: [] }),
      /roll back/,
    );
    assert.equal((await valueOf(rt.repos.db.kysely, 'prepared.rolled-back')).rows.length, 0);
  });
});
