import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { createDb, type Db } from '../db.ts';
import { migrateToLatest } from '../migrate.ts';
import { type CheckpointRound, ManualTicks, SAFETY_NET_PAGES } from './sqlite-checkpointer.ts';

describe('SQLite WAL checkpoints in a worker thread (the server’s writes never wait for an fsync)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-ckpt-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** ≈4 MB in one commit: far below the writer's own safety-net threshold, so only the worker can move it. */
  async function commitFourMegabytes(db: Db): Promise<void> {
    const rows = Array.from({ length: 400 }, (_, i) => ({ key: `ckpt.${i}`, value: 'خ'.repeat(5000) }));
    await db.kysely.transaction().execute(async (tx) => {
      for (const r of rows) await tx.insertInto('settings').values(r).execute();
    });
  }

  it('copies committed writes into the database file by itself, without the writer checkpointing', async () => {
    const file = join(dir, 'site.sqlite');
    const ticks = new ManualTicks();
    const db = createDb(`sqlite:${file}`, { backgroundCheckpoints: true, checkpointTicks: ticks });
    try {
      await migrateToLatest(db.kysely, db.dialect);
      const before = statSync(file).size;
      await commitFourMegabytes(db);
      assert.ok(statSync(`${file}-wal`).size > 3_000_000, 'the commit went to the write-ahead log');
      // SQLite's default would have checkpointed inside that commit (over 1000 pages).
      assert.ok(statSync(file).size < before + 1_000_000, 'the committing connection did not checkpoint');
      const round = await ticks.run();
      assert.equal(round.checkpointed, round.log, 'nothing overtook the worker: it copied the whole log');
      const size = statSync(file).size;
      assert.ok(size >= before + 3_000_000, `the database file grew by the checkpointed pages (${before} → ${size} bytes)`);
    } finally {
      await db.close();
    }
  });

  // The server's own mode: the worker's timer, which the other tests replace by ManualTicks.
  // Waiting for the file to grow asserts no time; the timeout only keeps a broken timer from
  // hanging the suite.
  it('checkpoints on its own timer when no test drives it', { timeout: 120_000 }, async () => {
    const file = join(dir, 'timer.sqlite');
    const db = createDb(`sqlite:${file}`, { backgroundCheckpoints: true });
    try {
      await migrateToLatest(db.kysely, db.dialect);
      const before = statSync(file).size;
      await commitFourMegabytes(db);
      while (statSync(file).size < before + 3_000_000) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await db.close();
    }
  });

  it('starts the log over under a steady stream of commits, long before the writer’s safety net', async () => {
    const file = join(dir, 'busy.sqlite');
    const ticks = new ManualTicks();
    const db = createDb(`sqlite:${file}`, { backgroundCheckpoints: true, checkpointTicks: ticks });
    // On a busy server commits land while the worker's pass runs, so the pass ends short of the
    // log's end, and SQLite starts the log over only after a checkpoint that no commit overtook.
    // Which pass is overtaken there depends on timing; here a second connection makes every pass
    // fall short, always: it holds a read transaction from before a round's commits until the
    // worker's passes are done, and a pass can copy nothing newer than what a reader may still read.
    const overtaker = new SQLite(file, { fileMustExist: true });
    try {
      await migrateToLatest(db.kysely, db.dialect);
      const restartsBefore = logRestarts(file);
      const ROUNDS = 4;
      const rounds: CheckpointRound[] = [];
      let n = 0;
      for (let round = 0; round < ROUNDS; round++) {
        overtaker.exec('BEGIN');
        overtaker.prepare('SELECT count(*) FROM settings').get();
        // Each commit writes at least one page to the log: 1,200 make the log long enough that the
        // worker asks the writer for help.
        for (let i = 0; i < 1200; i++) {
          await db.kysely.insertInto('settings').values({ key: `busy.${n++}`, value: 'خبر'.repeat(200) }).execute();
        }
        rounds.push(await ticks.run(() => overtaker.exec('COMMIT')));
      }
      // SQLite starts the log over at the first commit after a complete checkpoint.
      await db.kysely.insertInto('settings').values({ key: `busy.${n++}`, value: 'خبر' }).execute();
      for (const r of rounds) {
        assert.ok(r.checkpointed < r.log, `the worker's passes were overtaken (${r.checkpointed} of ${r.log} frames copied)`);
        assert.ok(r.behind, `the worker found the log long (${r.log} frames)`);
        assert.ok(r.log < SAFETY_NET_PAGES, `the writer's safety net (${SAFETY_NET_PAGES} pages) was not what started it over (${r.log} frames)`);
      }
      const restarts = logRestarts(file) - restartsBefore;
      assert.equal(restarts, ROUNDS, `the log was started over after every one of ${ROUNDS} overtaken rounds (${restarts} times)`);
    } finally {
      overtaker.close();
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
