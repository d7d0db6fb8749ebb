import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type KyselyPlugin, sql } from 'kysely';
import { testDialect, testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { byCodePoint, MIGRATION_NAMES, MigrationError, migrateToLatest } from './migrate.ts';

describe('migration order (migrate.ts)', () => {
  it('is the order listed, by code point, and the locale order Kysely sorts by unless told', () => {
    assert.deepEqual([...MIGRATION_NAMES].sort(byCodePoint), MIGRATION_NAMES);
    assert.deepEqual([...MIGRATION_NAMES].sort((a, b) => a.localeCompare(b)), MIGRATION_NAMES);
  });
});

describe(`migrations at start (${testDialect()})`, () => {
  let rt: TestRuntime;
  before(async () => {
    rt = await testRuntime();
  });
  after(() => rt.close());

  /** The database's Kysely, counting the statements sent through it. */
  function counted() {
    let statements = 0;
    const counter: KyselyPlugin = {
      transformQuery: (args) => ((statements += 1), args.node),
      transformResult: async (args) => args.result,
    };
    return { db: rt.repos.db.kysely.withPlugin(counter), statements: () => statements };
  }

  it('a database that has every migration: one read, nothing applied (Kysely’s Migrator, which looks up every table first, is not needed)', async () => {
    const { db, statements } = counted();
    assert.deepEqual(await migrateToLatest(db, rt.repos.db.dialect, rt.repos.db.schema), []);
    assert.equal(statements(), 1);
  });

  it('a database holding a migration this code does not know is still refused', async () => {
    const { db } = counted();
    await sql`INSERT INTO kysely_migration (name, timestamp) VALUES ('9999-from-a-newer-version', '2030-01-01T00:00:00.000Z')`.execute(db);
    try {
      await assert.rejects(migrateToLatest(db, rt.repos.db.dialect, rt.repos.db.schema), MigrationError);
    } finally {
      await sql`DELETE FROM kysely_migration WHERE name = '9999-from-a-newer-version'`.execute(db);
    }
  });
});
