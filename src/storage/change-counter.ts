import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * A counter that every content write bumps inside its transaction. Each process compares it to
 * the value its caches were built at, so a write from any process (the CLI too) is seen on the
 * next request — no pub/sub needed for correctness.
 */
export class ChangeCounter {
  // Read on every public request: built once, not per call.
  private readonly readQuery;

  constructor(
    private readonly db: Kysely<Database>,
    /** The dialect's synchronous read, when it has one (Db.changeCounterNow). */
    private readonly readNow?: () => number | undefined,
  ) {
    this.readQuery = db.selectFrom('change_counter').select('value').where('id', '=', 1).compile();
  }

  /**
   * The counter now, without yielding, where the dialect can read it so (SQLite outside a
   * transaction); undefined where it cannot (then `read`).
   */
  readSync(): number | undefined {
    return this.readNow?.();
  }

  async read(): Promise<number> {
    const now = this.readNow?.();
    if (now !== undefined) return now;
    const { rows } = await this.db.executeQuery(this.readQuery);
    return rows[0]?.value ?? 0;
  }

  async bump(tx: Kysely<Database>): Promise<void> {
    await tx.updateTable('change_counter').set({ value: sql`value + 1` }).where('id', '=', 1).execute();
  }
}
