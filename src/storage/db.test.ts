import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createDb } from './db.ts';

describe('a SQLite database opened for a bulk load (khabar import)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-db-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const checkpointEvery = async (bulkLoad: boolean) => {
    const db = createDb(`sqlite:${join(dir, `${bulkLoad}.sqlite`)}`, { bulkLoad });
    try {
      const { rows } = await sql<{ wal_autocheckpoint: number }>`PRAGMA wal_autocheckpoint`.execute(db.kysely);
      const { rows: mode } = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(db.kysely);
      return { pages: rows[0]?.wal_autocheckpoint, mode: mode[0]?.journal_mode };
    } finally {
      await db.close();
    }
  };

  it('checkpoints its write-ahead log 16 times less often, still in WAL mode', async () => {
    assert.deepEqual(await checkpointEvery(false), { pages: 1000, mode: 'wal' });
    assert.deepEqual(await checkpointEvery(true), { pages: 16_000, mode: 'wal' });
  });
});

describe("a SQLite connection's page cache", () => {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-db-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const cacheKiB = async (bulkLoad: boolean) => {
    const db = createDb(`sqlite:${join(dir, `cache-${bulkLoad}.sqlite`)}`, { bulkLoad });
    try {
      const { rows } = await sql<{ cache_size: number }>`PRAGMA cache_size`.execute(db.kysely);
      return -(rows[0]?.cache_size ?? 0);
    } finally {
      await db.close();
    }
  };

  // better-sqlite3 is built with 16 MiB a connection, which a server filled on its first home page.
  it('is 2 MiB on a server, where rendered pages are kept, and 16 MiB for a bulk load', async () => {
    assert.equal(await cacheKiB(false), 2048);
    assert.equal(await cacheKiB(true), 16_000);
  });
});
