import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { AbortedTransactionError } from 'kysely';
import { recordMessages } from '../../test/support/pg-messages.ts';
import { testDialect, testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { atCommit, rider } from './riders.ts';

const counter = (rt: TestRuntime) => rt.repos.changes.read();
const bump = () => rider('update change_counter set value = value + 1 where id = 1');
type Db = TestRuntime['repos']['db']['kysely'];
const putSetting = (db: Db, key: string, value: string) => db.insertInto('settings').values({ key, value }).returning('key').compile();

describe('riders: statements that go to the database with their transaction’s next round trip', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('are committed with their transaction', async () => {
    const before = await counter(rt);
    await rt.repos.db.kysely.transaction().execute((tx) => tx.executeQuery(bump()));
    assert.equal(await counter(rt), before + 1);
  });

  it('run before what the transaction sends after them', async () => {
    const before = await counter(rt);
    const seen = await rt.repos.db.kysely.transaction().execute(async (tx) => {
      await tx.executeQuery(bump());
      return (await tx.selectFrom('change_counter').select('value').where('id', '=', 1).executeTakeFirstOrThrow()).value;
    });
    assert.equal(Number(seen), before + 1);
  });

  it('are undone with a transaction that fails after them', async () => {
    const before = await counter(rt);
    await assert.rejects(
      rt.repos.db.kysely.transaction().execute(async (tx) => {
        await tx.executeQuery(bump());
        throw new Error('undone');
      }),
      /undone/,
    );
    assert.equal(await counter(rt), before);
  });

  it('fail their transaction when they fail, and nothing of it is written', async () => {
    const before = await counter(rt);
    await assert.rejects(
      rt.repos.db.kysely.transaction().execute(async (tx) => {
        await rt.repos.settings.set('riders.failed', 'x', tx);
        await tx.executeQuery(bump());
        await tx.executeQuery(rider('select no_such_column from change_counter'));
      }),
      /no_such_column/,
    );
    assert.equal(await counter(rt), before);
    assert.equal(await rt.repos.settings.get('riders.failed'), null);
  });

  describe('atCommit: a write whose answer is wanted once the transaction is done', () => {
    it('is written with its transaction, and its answer is the statement\'s', async () => {
      const later = await rt.repos.db.kysely.transaction().execute((tx) => atCommit(tx, putSetting(tx, 'riders.at-commit', `O'Brien \\ $1`)));
      assert.deepEqual((await later.result).rows, [{ key: 'riders.at-commit' }]);
      assert.equal(await rt.repos.settings.get('riders.at-commit'), `O'Brien \\ $1`);
    });

    it('fails its transaction when it fails, and its answer is that error', async () => {
      let later: Awaited<ReturnType<typeof atCommit>> | undefined;
      await assert.rejects(
        rt.repos.write(async (tx) => {
          await rt.repos.settings.set('riders.before-duplicate', 'x', tx);
          await tx.executeQuery(putSetting(tx, 'riders.duplicate', 'first'));
          later = await atCommit(tx, putSetting(tx, 'riders.duplicate', 'second'));
        }, { invalidates: ['home:ar'] }),
        /duplicate key|UNIQUE constraint/,
      );
      // SQLite ran it where it stood and threw there, before anyone held its answer; PostgreSQL
      // held it, and its answer is the COMMIT's message failing.
      if (testDialect() === 'postgres') await assert.rejects(later!.result, /duplicate key/);
      else assert.equal(later, undefined);
      assert.equal(await rt.repos.settings.get('riders.before-duplicate'), null);
      assert.equal(await rt.repos.settings.get('riders.duplicate'), null);
    });

    it('is undone with a transaction that fails after it', async () => {
      let later: Awaited<ReturnType<typeof atCommit>> | undefined;
      await assert.rejects(
        rt.repos.db.kysely.transaction().execute(async (tx) => {
          later = await atCommit(tx, putSetting(tx, 'riders.undone', 'x'));
          throw new Error('undone');
        }),
        /undone/,
      );
      assert.equal(await rt.repos.settings.get('riders.undone'), null);
      // PostgreSQL never sent it; SQLite ran it, and rolled it back with the rest.
      if (testDialect() === 'postgres') await assert.rejects(later!.result, /ended before this statement was sent/);
    });
  });

  // SQLite runs in process: it has no round trips to save, and runs riders where they stand.
  if (testDialect() === 'postgres') {
    describe('on PostgreSQL, counting the messages sent to the server', () => {
      let sent: string[];
      let stop: () => void;
      beforeEach(() => {
        ({ sent, stop } = recordMessages());
      });
      afterEach(() => stop());

      it('a write that bumps the content version sends the bump with its COMMIT', async () => {
        await rt.repos.write((tx) => rt.repos.settings.set('riders.one', '1', tx), { invalidates: ['home:ar'] });
        // The statement has parameters (the extended protocol): the BEGIN cannot go with it.
        assert.equal(sent.length, 3, sent.join('\n'));
        assert.match(sent[0]!, /^start transaction; set local statement_timeout = \d+$/);
        assert.match(sent[2]!, /^update change_counter set value = value \+ 1 where id = 1; commit$/);
      });

      it('a write whose answer is wanted after it goes with the COMMIT, its values written in', async () => {
        const later = await rt.repos.write(async (tx) => {
          await tx.selectFrom('change_counter').select('value').execute();
          return atCommit(tx, putSetting(tx, 'riders.with-commit', "it's"));
        }, { invalidates: ['home:ar'] });
        assert.deepEqual((await later.result).rows, [{ key: 'riders.with-commit' }]);
        assert.equal(sent.length, 3, sent.join('\n'));
        assert.equal(sent[2], `insert into "settings" ("key", "value") values ('riders.with-commit', 'it''s') returning "key"; update change_counter set value = value + 1 where id = 1; commit`);
      });

      it('the commenters’ locks go with the BEGIN, in one message holding no value from the request', async () => {
        await rt.repos.db.kysely.transaction().execute(async (tx) => {
          await rt.repos.db.dialect.lockKeys(tx, ["comment-ip:203.0.113.9", "comment-email:it's"]);
          await tx.selectFrom('change_counter').select('value').execute();
        });
        assert.equal(sent.length, 3, sent.join('\n'));
        assert.match(sent[0]!, /^start transaction; set local statement_timeout = \d+; SELECT pg_advisory_xact_lock\(-?\d+\), pg_advisory_xact_lock\(-?\d+\)$/);
        assert.equal(sent[2], 'commit');
      });

      it('a transaction PostgreSQL aborted (a failed statement its caller caught) is not reported committed', async () => {
        // Nothing is held at COMMIT (no bump): PostgreSQL answers the COMMIT itself with ROLLBACK.
        await assert.rejects(
          rt.repos.write(async (tx) => {
            await rt.repos.settings.set('riders.aborted', 'x', tx);
            await tx.selectFrom('change_counter').select('no_such_column' as 'value').execute().catch(() => {});
          }, { invalidates: [] }),
          AbortedTransactionError,
        );
        assert.equal(await rt.repos.settings.get('riders.aborted'), null);
      });

      it('a transaction that sent nothing sends nothing, not even its BEGIN', async () => {
        await rt.repos.db.kysely.transaction().execute(async () => {});
        await assert.rejects(rt.repos.db.kysely.transaction().execute(async () => {
          throw new Error('nothing');
        }));
        assert.deepEqual(sent, []);
      });
    });
  }
});
