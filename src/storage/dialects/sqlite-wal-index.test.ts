import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { createDb } from '../db.ts';
import { migrateToLatest } from '../migrate.ts';
import { watchWalIndex } from './sqlite-wal-index.ts';

describe('the wal-index header tells whether anything was committed (the content version per request)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-wal-index-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  const open = () => {
    const file = join(dir, `db-${++n}.sqlite`);
    const connect = () => {
      const c = new SQLite(file);
      c.pragma('journal_mode = WAL');
      return c;
    };
    const a = connect();
    a.exec('create table t (v integer)');
    return { file, a, b: connect() };
  };

  it('unchanged until a commit, from this connection or another, after the log started over too', () => {
    const { file, a, b } = open();
    const watch = watchWalIndex(file, a)!;
    assert.ok(watch, 'a WAL database has a header to read');
    try {
      assert.equal(watch.unchanged(), false, 'nothing remembered yet');
      watch.remember();
      assert.equal(watch.unchanged(), true);
      a.prepare('select count(*) from t').get();
      assert.equal(watch.unchanged(), true, 'a read commits nothing');
      for (const [who, c] of [['another connection', b], ['this connection', a]] as const) {
        c.prepare('insert into t values (1)').run();
        assert.equal(watch.unchanged(), false, `a commit by ${who}`);
        watch.remember();
        assert.equal(watch.unchanged(), true);
      }
      for (let i = 0; i < 3; i++) {
        // The log emptied and started over: its next commit has as few frames as an earlier one had.
        b.pragma('wal_checkpoint(TRUNCATE)');
        watch.unchanged();
        watch.remember();
        b.prepare('insert into t values (2)').run();
        assert.equal(watch.unchanged(), false, `a commit in a log started over (${i + 1})`);
        watch.remember();
      }
    } finally {
      watch.close();
      a.close();
      b.close();
    }
  });

  it('is not used where there is no such header: in memory, in another journal mode', () => {
    const memory = new SQLite(':memory:');
    assert.equal(watchWalIndex(':memory:', memory), null);
    memory.close();
    const file = join(dir, 'rollback.sqlite');
    const c = new SQLite(file);
    c.pragma('journal_mode = DELETE');
    assert.equal(watchWalIndex(file, c), null);
    c.close();
  });

  it('the change counter read per request follows every write of another connection', async () => {
    const file = join(dir, 'site.sqlite');
    const db = createDb(`sqlite:${file}`);
    const other = new SQLite(file);
    try {
      await migrateToLatest(db.kysely, db.dialect);
      const bump = other.prepare('update change_counter set value = value + 1 where id = 1');
      const value = () => other.prepare('select value from change_counter where id = 1').pluck().get();
      for (let i = 0; i < 5; i++) {
        assert.equal(db.changeCounterNow!(), value());
        assert.equal(db.changeCounterNow!(), value(), 'read again, unchanged');
        bump.run();
        assert.equal(db.changeCounterNow!(), value(), `the next read sees the write (${i + 1})`);
        if (i % 2) other.pragma('wal_checkpoint(TRUNCATE)');
      }
    } finally {
      other.close();
      await db.close();
    }
  });
});
