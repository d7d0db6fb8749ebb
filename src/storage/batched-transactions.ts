import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.ts';

interface Pending {
  fn: (tx: Kysely<Database>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

/**
 * Group commit for SQLite's one connection: the small transactions that arrive in the same turn
 * of the event loop (sixteen readers posting comments at once) run one after another inside ONE
 * transaction, each in a savepoint of its own, and are committed together. Each still sees the
 * writes of those before it (the flood and duplicate rules hold), a failing one is rolled back
 * to its savepoint alone, and no caller hears "done" before the shared COMMIT.
 *
 * What it saves: a commit writes every page the transaction touched to the log, and the pages
 * shared by neighbouring comments (the table's last leaf, the queue index) are written once per
 * batch instead of once per comment (measured: 110 → 66 µs a comment at 16 a batch).
 *
 * Services never call it: the write path (write-path.ts) runs a write declared `shared: true`
 * through it on SQLite, and bumps and announces the write's keys inside each savepoint's run.
 */
export class TransactionBatcher {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(private readonly db: Kysely<Database>) {}

  run<T>(fn: (tx: Kysely<Database>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // After the poll phase: the requests read in this turn are all queued by then.
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    this.scheduled = false;
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      await this.db.transaction().execute(async (tx) => {
        for (const p of batch) {
          await sql`SAVEPOINT khabar_batched`.execute(tx);
          try {
            outcomes.push({ ok: true, value: await p.fn(tx) });
            await sql`RELEASE khabar_batched`.execute(tx);
          } catch (error) {
            await sql`ROLLBACK TO khabar_batched`.execute(tx);
            await sql`RELEASE khabar_batched`.execute(tx);
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      // The commit itself failed: nothing of the batch was written.
      for (const p of batch) p.reject(error);
      return;
    }
    batch.forEach((p, i) => {
      const o = outcomes[i]!;
      if (o.ok) p.resolve(o.value);
      else p.reject(o.error);
    });
  }
}
