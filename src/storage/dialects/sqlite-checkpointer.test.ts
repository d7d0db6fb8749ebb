import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createDb } from '../db.ts';
import { migrateToLatest } from '../migrate.ts';

describe('SQLite WAL checkpoints in a worker thread (the server’s writes never wait for an fsync)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-ckpt-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('copies committed writes into the database file by itself, without the writer checkpointing', async () => {
    const file = join(dir, 'site.sqlite');
    const db = createDb(`sqlite:${file}`, { backgroundCheckpoints: true });
    try {
      await migrateToLatest(db.kysely, db.dialect);
      const before = statSync(file).size;
      // ≈4 MB: far below the writer's own safety-net threshold, so only the worker can move it.
      const rows = Array.from({ length: 400 }, (_, i) => ({ key: `ckpt.${i}`, value: 'خ'.repeat(5000) }));
      await db.kysely.transaction().execute(async (tx) => {
        for (const r of rows) await tx.insertInto('settings').values(r).execute();
      });
      assert.ok(statSync(`${file}-wal`).size > 3_000_000, 'the commit went to the write-ahead log');
      let size = statSync(file).size;
      // SQLite's default would have checkpointed inside that commit (over 1000 pages).
      assert.ok(size < before + 1_000_000, 'the committing connection did not checkpoint');
      for (let i = 0; i < 50 && size < before + 3_000_000; i++) {
        await new Promise((r) => setTimeout(r, 100));
        size = statSync(file).size;
      }
      assert.ok(size >= before + 3_000_000, `the database file grew by the checkpointed pages (${before} → ${size} bytes)`);
    } finally {
      await db.close();
    }
  });

  it('starts the log over under a steady stream of commits, long before the writer’s safety net', async () => {
    const file = join(dir, 'busy.sqlite');
    const db = createDb(`sqlite:${file}`, { backgroundCheckpoints: true });
    try {
      await migrateToLatest(db.kysely, db.dialect);
      // A busy server: a commit every half millisecond, the event loop free only for a moment
      // now and then. The worker's checkpoints are overtaken every time; SQLite starts the log
      // over only after a checkpoint that no commit overtook.
      const restartsBefore = logRestarts(file);
      const until = performance.now() + 1500;
      let n = 0;
      while (performance.now() < until) {
        const burstEnd = performance.now() + 20;
        while (performance.now() < burstEnd) {
          await db.kysely.insertInto('settings').values({ key: `busy.${n++}`, value: 'خبر'.repeat(200) }).execute();
          const spin = performance.now() + 0.5;
          while (performance.now() < spin);
        }
        await new Promise((r) => setImmediate(r));
      }
      // ≈3,000 commits of a few pages each: the writer's own threshold (16,000 pages) is never reached.
      const restarts = logRestarts(file) - restartsBefore;
      assert.ok(restarts >= 2, `the log was started over ${restarts} times in 1.5 s of steady commits`);
    } finally {
      await db.close();
    }
  });
});

/** The WAL header's checkpoint sequence number: SQLite adds one each time it starts the log over. */
function logRestarts(file: string): number {
  const header = Buffer.alloc(16);
  const fd = openSync(`${file}-wal`, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  return header.readUInt32BE(12);
}
